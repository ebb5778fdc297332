/*
 * handshake13.c -- the TLS 1.3 client state machine from ServerHello to
 * the client's Finished, and the post-handshake messages (RFC 8446, 2, 4).
 */
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "record.h"
#include "sig.h"
#include "tperr.h"

static int
traffic(struct conn *c, const uint8_t *secret, int encrypt,
    struct rprot **out)
{
	const struct tp_bulk_info *b = bulk_info(c->suite->bulk);
	struct rprot_keys k;
	uint8_t key[32], iv[12];
	int ret;

	ret = tls13_traffic_keys(c->suite->prf, secret, b->key_len, key, iv);
	if (ret == 0) {
		memset(&k, 0, sizeof(k));
		k.key = key;
		k.iv = iv;
		k.iv_len = 12;
		ret = rprot_new(c->suite, TLS1_3_VERSION, &k, encrypt, out);
	}
	tp_wipe(key, sizeof(key));
	tp_wipe(iv, sizeof(iv));
	if (ret != 0)
		return tp_fail(c, ret, "cannot set up %s record protection",
		    b->name);
	return 0;
}

static int
set_read(struct conn *c, const uint8_t *secret)
{
	struct rprot *p;
	int ret;

	/* RFC 8446, 5.1: a key change must fall on a message boundary */
	if (hs_partial(c))
		return tp_fail(c, TP_E_UNEXPECTED, "handshake message spans a "
		    "key change (RFC 8446, 5.1)");
	if ((ret = traffic(c, secret, 0, &p)) != 0)
		return ret;
	rec_set_read(c, p, 1);
	return 0;
}

static int
set_write(struct conn *c, const uint8_t *secret)
{
	struct rprot *p;
	int ret;

	if ((ret = traffic(c, secret, 1, &p)) != 0)
		return ret;
	rec_set_write(c, p, 1);
	return 0;
}

static int
expect13(struct conn *c, struct hsmsg *m, unsigned type)
{
	int ret;

	if ((ret = hs_read13(c, m)) != 0)
		return ret;
	return hs_want(c, m, type);
}

static int
key_exchange(struct conn *c, struct server_hello *sh)
{
	const struct tp_group *g = group_by_code(sh->ks_group);
	uint8_t secret[1024], th[TP_MAX_HASH];
	size_t slen = sizeof(secret), i;
	int ret;

	if (!sh->has_key_share)
		return tp_fail(c, TP_E_ALERT(ALERT_MISSING_EXTENSION),
		    "ServerHello: no key_share, and no PSK was offered "
		    "(RFC 8446, 4.2.8)");
	for (i = 0; i < c->nshares; i++)
		if (c->share_groups[i] == sh->ks_group)
			break;
	if (i == c->nshares)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: key_share for "
		    "group 0x%04x (%s), for which no share was offered",
		    sh->ks_group, g != NULL ? g->name : "unknown");
	ret = kex_share_derive(c->shares[i], cbs_data(&sh->ks_pub),
	    cbs_len(&sh->ks_pub), 1, secret, &slen);
	if (ret != 0)
		return tp_fail(c, ret, "ServerHello: the server's %s key share "
		    "(%zu bytes) is invalid", g->name, cbs_len(&sh->ks_pub));
	c->kex_group = sh->ks_group;
	c->kex_bits = kex_share_bits(c->shares[i]);
	hs_seclevel_group(c);
	if ((ret = transcript_hash(&c->ts, c->suite->prf, th)) == 0 &&
	    (ret = tls13_early(&c->s13, c->suite->prf, NULL, 0)) == 0)
		ret = tls13_handshake(&c->s13, secret, slen, th);
	tp_wipe(secret, sizeof(secret));
	if (ret != 0)
		return tp_fail(c, ret, "cannot derive handshake secrets");
	hs_keylog(c, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", c->s13.c_hs,
	    hash_len(c->suite->prf));
	hs_keylog(c, "SERVER_HANDSHAKE_TRAFFIC_SECRET", c->s13.s_hs,
	    hash_len(c->suite->prf));
	return set_read(c, c->s13.s_hs);
}

static int
client_flight(struct conn *c, const uint8_t *rctx, size_t rctxlen)
{
	enum tp_hash h = c->suite->prf;
	uint8_t th[TP_MAX_HASH], vd[TP_MAX_HASH];
	struct cbb b;
	int ret;

	/* RFC 8446, D.4: the compatibility CCS, unless one went with CH2 */
	if (!c->hrr && (ret = hs_write_ccs(c)) != 0)
		return ret;
	if ((ret = set_write(c, c->s13.c_hs)) != 0)
		return ret;
	/* RFC 8446, 4.4.2: ours, or an empty list, then our signature */
	if (c->cert_requested &&
	    ((ret = hs_send_client_certificate(c, rctx, rctxlen)) != 0 ||
	    (ret = hs_send_client_certificate_verify(c)) != 0))
		return ret;
	cbb_init(&b, 4096);
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_finished(h, c->s13.c_hs, th, vd)) != 0) {
		cbb_cleanup(&b);
		return tp_fail(c, ret, "cannot compute Finished");
	}
	cbb_add_u8(&b, HS_FINISHED);
	cbb_open(&b, 3);
	cbb_add_bytes(&b, vd, hash_len(h));
	cbb_close(&b);
	tp_wipe(vd, sizeof(vd));
	ret = cbb_ok(&b) ? hs_write(c, b.buf, b.len) : TP_E_INTERNAL;
	cbb_cleanup(&b);
	if (ret != 0)
		return ret;
	hs_enter(c, ST_WROTE_CLIENT_FLIGHT);
	return rec_flush(c);
}

int
hs13_run(struct conn *c, struct server_hello *sh)
{
	enum tp_hash h = c->suite->prf;
	uint8_t th[TP_MAX_HASH], vd[TP_MAX_HASH], rctx[256];
	size_t rctxlen = 0, hl = hash_len(h);
	struct hsmsg m;
	int ret;

	/* RFC 8446, 4.1.3: legacy_session_id_echo */
	if (sh->session_id_len != c->session_id_len ||
	    memcmp(sh->session_id, c->session_id, c->session_id_len) != 0)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: "
		    "legacy_session_id_echo differs from the ClientHello's "
		    "session id (RFC 8446, 4.1.3)");
	if (c->hrr && sh->ks_group != c->hrr_group && c->hrr_group != 0)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: key_share group "
		    "differs from the one the HelloRetryRequest asked for");
	if ((ret = key_exchange(c, sh)) != 0)
		return ret;

	hs_enter(c, ST_READ_EE);
	if ((ret = expect13(c, &m, HS_ENCRYPTED_EXTENSIONS)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
	    (ret = msg_parse_encrypted_extensions(c, &m.body)) != 0)
		return ret;

	if ((ret = hs_read13(c, &m)) != 0)
		return ret;
	if ((ret = hs_certificate_request(c, &m, rctx, &rctxlen)) != 0)
		return ret;
	hs_enter(c, ST_READ_CERT);
	if ((ret = hs_want(c, &m, HS_CERTIFICATE)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
	    (ret = msg_parse_certificate(c, &m.body)) != 0)
		return ret;

	hs_enter(c, ST_READ_CV);
	if ((ret = expect13(c, &m, HS_CERTIFICATE_VERIFY)) != 0)
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0)
		return tp_fail(c, ret, "transcript");
	if ((ret = msg_parse_certificate_verify(c, &m.body, th, hl)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;
	/* the server proved it holds the key: now judge its chain */
	if ((ret = msg_verify_server(c)) != 0)
		return ret;

	hs_enter(c, ST_READ_FIN);
	if ((ret = expect13(c, &m, HS_FINISHED)) != 0)
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_finished(h, c->s13.s_hs, th, vd)) != 0)
		return tp_fail(c, ret, "cannot compute Finished");
	if (cbs_len(&m.body) != hl || tp_memeq_ct(cbs_data(&m.body), vd,
	    hl) != 0) {
		tp_wipe(vd, sizeof(vd));
		return tp_fail(c, TP_E_DECRYPT, "Finished: the server's "
		    "verify_data does not match the handshake (RFC 8446, "
		    "4.4.4)");
	}
	tp_wipe(vd, sizeof(vd));
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_master(&c->s13, th)) != 0)
		return tp_fail(c, ret, "cannot derive application secrets");
	hs_keylog(c, "CLIENT_TRAFFIC_SECRET_0", c->s13.c_ap, hl);
	hs_keylog(c, "SERVER_TRAFFIC_SECRET_0", c->s13.s_ap, hl);
	hs_keylog(c, "EXPORTER_SECRET", c->s13.exporter, hl);
	memcpy(c->c_ap, c->s13.c_ap, hl);
	memcpy(c->s_ap, c->s13.s_ap, hl);

	if ((ret = client_flight(c, rctx, rctxlen)) != 0)
		return ret;
	if ((ret = set_read(c, c->s_ap)) != 0 ||
	    (ret = set_write(c, c->c_ap)) != 0)
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_resumption(&c->s13, th)) != 0)
		return tp_fail(c, ret, "cannot derive the resumption secret");
	hs_enter(c, ST_DONE);
	return 0;
}

/* RFC 8446, 4.6: NewSessionTicket, KeyUpdate; the rest is unexpected. */
int
hs13_post_handshake(struct conn *c, struct hsmsg *m)
{
	enum tp_hash h = c->suite->prf;
	struct cbs nonce, ticket, exts;
	uint32_t lifetime, age_add;
	uint8_t req, msg[5];
	int ret;

	switch (m->type) {
	case HS_NEW_SESSION_TICKET:
		if (!cbs_get_u32(&m->body, &lifetime) ||
		    !cbs_get_u32(&m->body, &age_add) ||
		    !cbs_get_vec8(&m->body, &nonce) ||
		    !cbs_get_vec16(&m->body, &ticket) ||
		    !cbs_get_vec16(&m->body, &exts) ||
		    cbs_len(&m->body) != 0 || cbs_len(&ticket) == 0)
			return tp_fail(c, TP_E_DECODE, "NewSessionTicket: "
			    "malformed");
		/* RFC 8446, 4.6.1: at most seven days */
		if (lifetime > 604800)
			return tp_fail(c, TP_E_ILLEGAL, "NewSessionTicket: "
			    "ticket_lifetime %u exceeds seven days", lifetime);
		c->tickets++;
		trace_info(c, "NewSessionTicket: lifetime %u s, ticket of %zu "
		    "bytes", lifetime, cbs_len(&ticket));
		return 0;
	case HS_KEY_UPDATE:
		if (!cbs_get_u8(&m->body, &req) || cbs_len(&m->body) != 0 ||
		    req > 1)
			return tp_fail(c, TP_E_DECODE, "KeyUpdate: malformed "
			    "request_update");
		if ((ret = tls13_update_secret(h, c->s_ap)) != 0 ||
		    (ret = set_read(c, c->s_ap)) != 0)
			return ret;
		trace_info(c, "server updated its traffic keys%s",
		    req ? " and asked us to update ours" : "");
		if (req) {
			msg[0] = HS_KEY_UPDATE;
			msg[1] = msg[2] = 0;
			msg[3] = 1;
			msg[4] = 0;	/* update_not_requested */
			if ((ret = hs_write(c, msg, 5)) != 0 ||
			    (ret = rec_flush(c)) != 0)
				return ret;
			if ((ret = tls13_update_secret(h, c->c_ap)) != 0 ||
			    (ret = set_write(c, c->c_ap)) != 0)
				return ret;
		}
		return 0;
	default:
		return tp_fail(c, TP_E_UNEXPECTED, "unexpected post-handshake "
		    "message %s", handshake_name((uint8_t)m->type) ?
		    handshake_name((uint8_t)m->type) : "(unknown)");
	}
}
