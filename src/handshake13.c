/*
 * handshake13.c -- the TLS 1.3 client state machine from ServerHello to
 * the client's Finished, and the post-handshake messages (RFC 8446, 2, 4).
 */
#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "hs_cert.h"
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

/*
 * RFC 8446, 2.3 and 4.2.10: right after the first ClientHello, the
 * compatibility CCS (D.4) and the early data under
 * client_early_traffic_secret, at most max_early_data_size bytes.
 */
int
hs13_send_early(struct conn *c)
{
	/* the first PSK: the ticket, else the external PSK */
	const struct tp_session *r = c->psk_offered ? c->resume :
	    c->cfg->ext_psk;
	const struct tp_suite *s = suite_by_code(r->suite);
	const struct tp_bulk_info *b = bulk_info(s->bulk);
	struct tls13_secrets es;
	struct rprot_keys k;
	struct rprot *p = NULL;
	uint8_t th[TP_MAX_HASH], cets[TP_MAX_HASH], key[32], iv[12];
	size_t n = c->cfg->early_len;
	int ret;

	if (n > r->max_early_data) {
		trace_info(c, "early data: %zu of %zu bytes fit the %s's "
		    "max_early_data_size", (size_t)r->max_early_data, n,
		    c->psk_offered ? "ticket" : "external PSK");
		n = r->max_early_data;
	}
	if ((ret = transcript_hash(&c->ts, s->prf, th)) != 0 ||
	    (ret = tls13_early(&es, s->prf, r->secret, r->secret_len)) != 0 ||
	    (ret = derive_secret(s->prf, es.early, "c e traffic", th,
	    cets)) != 0 ||
	    (ret = tls13_traffic_keys(s->prf, cets, b->key_len, key,
	    iv)) != 0) {
		tp_wipe(&es, sizeof(es));
		return tp_fail(c, ret, "cannot derive the early traffic key");
	}
	tp_wipe(&es, sizeof(es));
	hs_keylog(c, "CLIENT_EARLY_TRAFFIC_SECRET", cets, hash_len(s->prf));
	memset(&k, 0, sizeof(k));
	k.key = key;
	k.iv = iv;
	k.iv_len = 12;
	ret = rprot_new(s, TLS1_3_VERSION, &k, 1, &p);
	tp_wipe(key, sizeof(key));
	tp_wipe(iv, sizeof(iv));
	tp_wipe(cets, sizeof(cets));
	if (ret != 0)
		return tp_fail(c, ret, "cannot set up early record protection");
	/* RFC 8446, 5.1: every record after the first ClientHello: 0x0303 */
	c->wire_version = TLS1_2_VERSION;
	if ((ret = hs_write_ccs(c)) != 0) {
		rprot_free(p);
		return ret;
	}
	c->ccs_sent = 1;
	rec_set_write(c, p, 1);
	if (n > 0 && (ret = rec_write(c, CT_APPLICATION_DATA,
	    c->cfg->early_data, n)) != 0)
		return ret;
	c->early_sent = n;
	trace_info(c, "sent %zu bytes of early data", n);
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
	const struct tp_session *r = c->resumed ? c->resume : NULL;
	uint8_t secret[1024], th[TP_MAX_HASH];
	size_t slen = sizeof(secret), i;
	int ret;

	if (!sh->has_key_share && r != NULL) {
		/* RFC 8446, 4.2.9: psk_ke, only if we offered it */
		if (!c->cfg->allow_no_dhe_kex)
			return tp_fail(c, TP_E_ALERT(ALERT_MISSING_EXTENSION),
			    "ServerHello: no key_share, but only psk_dhe_ke "
			    "was offered (RFC 8446, 4.2.9)");
		c->psk_ke = 1;
		trace_info(c, "resumed with psk_ke: no (EC)DHE key exchange, "
		    "no forward secrecy for this connection");
		slen = hash_len(c->suite->prf);
		memset(secret, 0, slen);
		goto derive;
	}
	if (!sh->has_key_share)
		return tp_fail(c, TP_E_ALERT(ALERT_MISSING_EXTENSION),
		    "ServerHello: no key_share%s (RFC 8446, 4.2.8)",
		    c->psk_offered ? " and no pre_shared_key" :
		    ", and no PSK was offered");
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
 derive:
	if ((ret = transcript_hash(&c->ts, c->suite->prf, th)) == 0 &&
	    (ret = tls13_early(&c->s13, c->suite->prf,
	    r != NULL ? r->secret : NULL, r != NULL ? r->secret_len : 0)) == 0)
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

	/* RFC 8446, D.4: the compatibility CCS, unless one went already */
	if (!c->hrr && !c->ccs_sent && !c->cfg->no_middlebox &&
	    (ret = hs_write_ccs(c)) != 0)
		return ret;
	c->ccs_sent = 1;
	/* RFC 8446, 4.5: EndOfEarlyData under the early key, when accepted */
	if (c->early_accepted) {
		cbb_init(&b, 8);
		ret = msg_end_of_early_data(&b) == 0 ?
		    hs_write(c, b.buf, b.len) : TP_E_INTERNAL;
		cbb_cleanup(&b);
		if (ret != 0)
			return ret;
	}
	if ((ret = set_write(c, c->s13.c_hs)) != 0)
		return ret;
	/* RFC 8446, 4.4.2: ours, or an empty list, then our signature */
	if (c->cert_requested &&
	    ((ret = hs_send_client_certificate(c, rctx, rctxlen)) != 0 ||
	    (ret = hs_send_client_certificate_verify(c)) != 0))
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_finished(h, c->s13.c_hs, th, vd)) != 0)
		return tp_fail(c, ret, "cannot compute Finished");
	cbb_init(&b, 128);
	ret = msg_finished(&b, vd, hash_len(h)) == 0 ?
	    hs_write(c, b.buf, b.len) : TP_E_INTERNAL;
	tp_wipe(vd, sizeof(vd));
	cbb_cleanup(&b);
	if (ret != 0)
		return ret;
	hs_enter(c, ST_WROTE_CLIENT_FLIGHT);
	return rec_flush(c);
}

/*
 * What EncryptedExtensions settles: the record size limit the server
 * echoed (RFC 6066, 4), the ALPN protocol, whether our 0-RTT data was
 * taken.
 */
static void
apply_encrypted_extensions(struct conn *c,
    const struct encrypted_extensions *ee)
{
	size_t limit, n;

	if (ee->has_mfl) {
		limit = (size_t)1 << (8 + ee->mfl);
		if (c->rec_limit == 0 || limit < c->rec_limit)
			c->rec_limit = limit;
	}
	if (ee->has_alpn) {
		n = cbs_len(&ee->alpn);
		memcpy(c->alpn, cbs_data(&ee->alpn), n < sizeof(c->alpn) ?
		    n : sizeof(c->alpn) - 1);
	}
	if (ee->early_data)
		c->early_accepted = 1;
}

int
hs13_run(struct conn *c, struct server_hello *sh)
{
	enum tp_hash h = c->suite->prf;
	uint8_t th[TP_MAX_HASH], vd[TP_MAX_HASH], rctx[256];
	size_t rctxlen = 0, hl = hash_len(h);
	struct encrypted_extensions ee;
	struct certificate cm;
	struct certificate_verify cv;
	struct tp_reason why;
	struct cbs theirs;
	struct hsmsg m;
	int ret;

	/* RFC 8446, 4.1.3: legacy_session_id_echo */
	if (sh->session_id_len != c->session_id_len ||
	    memcmp(sh->session_id, c->session_id, c->session_id_len) != 0)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: "
		    "legacy_session_id_echo differs from the ClientHello's "
		    "session id (RFC 8446, 4.1.3)");
	if (c->ext_offered && !sh->has_psk)
		trace_info(c, "the server did not select the external PSK");
	/* RFC 8446, 4.2.11: the PSK the server chose */
	if (sh->has_psk) {
		unsigned n = (c->psk_offered != 0) + (c->ext_offered != 0);

		if (sh->psk_identity >= n)
			return tp_fail(c, TP_E_ILLEGAL, "ServerHello: "
			    "pre_shared_key selects identity %u, but only %u "
			    "%s offered (RFC 8446, 4.2.11)", sh->psk_identity,
			    n, n == 1 ? "was" : "were");
		/* identity 0 is the ticket when one was offered */
		if (c->ext_offered && sh->psk_identity == n - 1) {
			c->ext_used = 1;
			if (c->psk_offered)
				snprintf(c->no_resume, sizeof(c->no_resume),
				    "the server selected the external PSK");
			c->resume = c->cfg->ext_psk;
		}
		if (suite_by_code(c->resume->suite)->prf != h)
			return tp_fail(c, TP_E_ILLEGAL, "ServerHello: cipher "
			    "suite %s does not fit the PSK's hash (RFC 8446, "
			    "4.2.11)", c->suite->ossl);
		c->resumed = 1;
		if (c->ext_used)
			trace_info(c, "server selected the external PSK "
			    "(identity %u)", sh->psk_identity);
		else
			trace_info(c, "server selected the PSK: resuming");
		c->verified = 1;
		c->verify_code = c->resume->verify_code;
	} else if (c->psk_offered) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the server did "
		    "not select the PSK (ticket not accepted)");
		trace_info(c, "session not resumed: %s", c->no_resume);
	} else if (c->resume != NULL) {
		char a[16];

		snprintf(c->no_resume, sizeof(c->no_resume), "the server chose "
		    "TLS 1.3; the session is %s", version_str(
		    c->resume->version, a, sizeof(a)));
	}
	if (c->hrr && sh->ks_group != c->hrr_group && c->hrr_group != 0)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: key_share group "
		    "differs from the one the HelloRetryRequest asked for");
	if ((ret = key_exchange(c, sh)) != 0)
		return ret;

	hs_enter(c, ST_READ_EE);
	if ((ret = expect13(c, &m, HS_ENCRYPTED_EXTENSIONS)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;
	if ((ret = msg_parse_encrypted_extensions(c, &m.body, &ee, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	apply_encrypted_extensions(c, &ee);
	if (c->early_offered)
		trace_info(c, "early data %s", c->early_accepted ?
		    "accepted" : "rejected");
	/*
	 * RFC 8446, 4.2.10: only with the first PSK, offered with it (the
	 * external PSK is first when no ticket was offered)
	 */
	if (c->early_accepted && (!c->early_offered || !c->resumed ||
	    (c->ext_used && c->psk_offered)))
		return tp_fail(c, TP_E_ILLEGAL, "EncryptedExtensions: "
		    "early_data accepted, but %s (RFC 8446, 4.2.10)",
		    !c->early_offered ? "none was offered" :
		    "the PSK was not selected");

	if (c->resumed) {
		/* RFC 8446, 2.2: no Certificate or CertificateVerify */
		hs_enter(c, ST_READ_FIN);
		if ((ret = expect13(c, &m, HS_FINISHED)) != 0)
			return ret;
		goto fin;
	}
	if ((ret = hs_read13(c, &m)) != 0)
		return ret;
	if ((ret = hs_certificate_request(c, &m, rctx, &rctxlen)) != 0)
		return ret;
	hs_enter(c, ST_READ_CERT);
	if ((ret = hs_want(c, &m, HS_CERTIFICATE)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;
	if ((ret = msg_parse_certificate(c, &m.body, &cm, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	if ((ret = hs_apply_certificate(c, &cm)) != 0)
		return ret;

	hs_enter(c, ST_READ_CV);
	if ((ret = expect13(c, &m, HS_CERTIFICATE_VERIFY)) != 0)
		return ret;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0)
		return tp_fail(c, ret, "transcript");
	if ((ret = msg_parse_certificate_verify(c, &m.body, &cv, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	if ((ret = hs_apply_certificate_verify(c, &cv, th, hl)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;
	/* the server proved it holds the key: now judge its chain */
	if ((ret = hs_verify_server(c)) != 0)
		return ret;

	hs_enter(c, ST_READ_FIN);
	if ((ret = expect13(c, &m, HS_FINISHED)) != 0)
		return ret;
 fin:
	if ((ret = msg_parse_finished(c, &m.body, hl, &theirs, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_finished(h, c->s13.s_hs, th, vd)) != 0)
		return tp_fail(c, ret, "cannot compute Finished");
	if (tp_memeq_ct(cbs_data(&theirs), vd, hl) != 0) {
		tp_wipe(vd, sizeof(vd));
		return tp_fail(c, TP_E_DECRYPT, "Finished: the server's "
		    "verify_data does not match the handshake (RFC 8446, "
		    "4.4.4)%s", c->resumed ? "; the server selected our PSK "
		    "but does not hold its secret (RFC 8446, 4.2.11)" : "");
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

/*
 * RFC 8446, 4.6.2: post-handshake client authentication (-enable_pha).
 * The exchange hashes the handshake through our Finished and its own
 * messages (4.4), so the transcript is put back afterwards; Finished is
 * keyed with the current client_application_traffic_secret.
 */
static int
post_handshake_auth(struct conn *c, struct hsmsg *m)
{
	enum tp_hash h = c->suite->prf;
	uint8_t rctx[256], th[TP_MAX_HASH], vd[TP_MAX_HASH];
	size_t rctxlen = 0, tslen = c->ts.len;
	struct cbb b;
	int ret;

	if (!c->cfg->enable_pha)
		return tp_fail(c, TP_E_UNEXPECTED, "post-handshake "
		    "CertificateRequest, but post_handshake_auth was not "
		    "offered (RFC 8446, 4.6.2)");
	/* the same reader as in the handshake (handshake.c) */
	if ((ret = hs_take_certificate_request(c, m, rctx, &rctxlen)) != 0)
		goto out;
	if (rctxlen == 0) {
		ret = tp_fail(c, TP_E_ILLEGAL, "post-handshake "
		    "CertificateRequest: empty certificate_request_context "
		    "(RFC 8446, 4.3.2)");
		goto out;
	}
	if ((ret = hs_send_client_certificate(c, rctx, rctxlen)) != 0 ||
	    (ret = hs_send_client_certificate_verify(c)) != 0)
		goto out;
	if ((ret = transcript_hash(&c->ts, h, th)) != 0 ||
	    (ret = tls13_finished(h, c->c_ap, th, vd)) != 0) {
		ret = tp_fail(c, ret, "cannot compute Finished");
		goto out;
	}
	cbb_init(&b, 128);
	ret = msg_finished(&b, vd, hash_len(h)) == 0 ?
	    hs_write(c, b.buf, b.len) : TP_E_INTERNAL;
	cbb_cleanup(&b);
	if (ret == 0)
		ret = rec_flush(c);
	if (ret == 0)
		trace_info(c, "post-handshake authentication: %s",
		    c->client_cert_sent ? "client certificate sent" :
		    "no client certificate to send");
 out:
	tp_wipe(vd, sizeof(vd));
	c->ts.len = tslen;
	return ret;
}

/*
 * RFC 8446, 4.6.1: every ticket becomes a session of its own, with the PSK
 * derived from its nonce; the newest is the one the next connection offers.
 */
static int
keep_ticket(struct conn *c, const struct new_session_ticket *t)
{
	enum tp_hash h = c->suite->prf;
	struct tp_session *s;
	uint8_t d[TP_MAX_HASH];
	int ret;

	if ((s = sess_new()) == NULL)
		return TP_E_NOMEM;
	s->version = TLS1_3_VERSION;
	s->suite = c->suite->code;
	s->secret_len = hash_len(h);
	s->lifetime_hint = t->lifetime;
	s->timeout = t->lifetime;
	s->age_add = t->age_add;
	s->max_early_data = t->max_early_data;
	s->verify_code = c->resumed && c->resume != NULL ?
	    c->resume->verify_code : c->verify_code;
	strlcpy(s->alpn, c->alpn, sizeof(s->alpn));
	strlcpy(s->host, c->cfg->sni ? c->cfg->servername : "",
	    sizeof(s->host));
	if ((ret = tls13_ticket_psk(h, c->s13.resumption, cbs_data(&t->nonce),
	    cbs_len(&t->nonce), s->secret)) != 0 ||
	    (ret = sess_set_ticket(s, cbs_data(&t->ticket),
	    cbs_len(&t->ticket))) != 0 ||
	    (ret = tp_digest(HASH_SHA256, s->ticket, s->ticket_len, d)) != 0) {
		sess_free(s);
		return tp_fail(c, ret, "NewSessionTicket: cannot keep it");
	}
	/* OpenSSL names a ticket's session by its SHA-256 */
	memcpy(s->sid, d, 32);
	s->sid_len = 32;
	if (c->ntickets13 == TP_MAX_TICKETS) {
		sess_free(c->tickets13[0]);
		memmove(c->tickets13, c->tickets13 + 1,
		    (TP_MAX_TICKETS - 1) * sizeof(c->tickets13[0]));
		c->ntickets13--;
	}
	c->tickets13[c->ntickets13++] = s;
	sess_free(c->sess);
	if ((c->sess = sess_dup(s)) == NULL)
		return TP_E_NOMEM;
	return 0;
}

/* Our KeyUpdate: sent under the old key, then ours switch (4.6.3). */
static int
send_key_update(struct conn *c, int request)
{
	struct cbb b;
	int ret;

	cbb_init(&b, 8);
	ret = msg_key_update(&b, request) == 0 ?
	    hs_write(c, b.buf, b.len) : TP_E_INTERNAL;
	cbb_cleanup(&b);
	if (ret != 0 || (ret = rec_flush(c)) != 0)
		return ret;
	if ((ret = tls13_update_secret(c->suite->prf, c->c_ap)) != 0 ||
	    (ret = set_write(c, c->c_ap)) != 0)
		return ret;
	return 0;
}

int
hs13_key_update(struct conn *c, int request)
{
	int ret;

	if ((ret = send_key_update(c, request)) != 0)
		return ret;
	trace_info(c, "sent KeyUpdate (%s); our traffic keys updated",
	    request ? "update_requested" : "update_not_requested");
	return 0;
}

/* RFC 8446, 4.6: NewSessionTicket, KeyUpdate; the rest is unexpected. */
int
hs13_post_handshake(struct conn *c, struct hsmsg *m)
{
	enum tp_hash h = c->suite->prf;
	struct new_session_ticket nst;
	struct tp_reason why;
	struct cbs body = m->body;
	int req, ret;

	switch (m->type) {
	case HS_NEW_SESSION_TICKET:
		if ((ret = msg_parse_new_session_ticket(c, &body, &nst,
		    &why)) != 0)
			return tp_fail_reason(c, ret, &why);
		c->tickets++;
		trace_info(c, "NewSessionTicket: lifetime %u s, ticket of %zu "
		    "bytes", nst.lifetime, cbs_len(&nst.ticket));
		return keep_ticket(c, &nst);
	case HS_CERTIFICATE_REQUEST:
		return post_handshake_auth(c, m);
	case HS_KEY_UPDATE:
		if ((ret = msg_parse_key_update(c, &body, &req, &why)) != 0)
			return tp_fail_reason(c, ret, &why);
		if ((ret = tls13_update_secret(h, c->s_ap)) != 0 ||
		    (ret = set_read(c, c->s_ap)) != 0)
			return ret;
		trace_info(c, "server updated its traffic keys%s",
		    req ? " and asked us to update ours" : "");
		/* answered with update_not_requested, or it never ends */
		return req ? send_key_update(c, 0) : 0;
	default:
		return tp_fail(c, TP_E_UNEXPECTED, "unexpected post-handshake "
		    "message %s", handshake_name((uint8_t)m->type) ?
		    handshake_name((uint8_t)m->type) : "(unknown)");
	}
}
