/*
 * msg_hello.c -- ClientHello, ServerHello (and HelloRetryRequest),
 * EncryptedExtensions.
 *
 * Extensions are one table: what we offer in the ClientHello, and which
 * server messages may carry each one back.  A server extension that we did
 * not offer, that comes twice, or that comes in the wrong message ends the
 * handshake (RFC 8446, 4.2; RFC 5246, 7.4.1.4).
 */
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "names.h"
#include "tperr.h"

const uint8_t tls13_downgrade_12[8] =
	{ 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01 };
const uint8_t tls13_downgrade_11[8] =
	{ 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00 };
const uint8_t tls13_hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* where a server may send an extension back */
#define IN_SH12	0x01	/* TLS 1.2 ServerHello */
#define IN_SH13	0x02	/* TLS 1.3 ServerHello */
#define IN_HRR	0x04
#define IN_EE	0x08	/* TLS 1.3 EncryptedExtensions */

static int
offers_12(const struct conn *c)
{
	return c->cfg->min_version <= TLS1_2_VERSION;
}

static int
offers_13(const struct conn *c)
{
	return c->cfg->max_version >= TLS1_3_VERSION;
}

static int
offers_ec(const struct conn *c)
{
	size_t i;
	const struct tp_suite *s;

	if (!offers_12(c))
		return 0;
	for (i = 0; i < c->cfg->nsuites; i++)
		if ((s = suite_by_code(c->cfg->suites[i])) != NULL &&
		    kex_is_ecdh(s->kex))
			return 1;
	return 0;
}

static int
need_sni(const struct conn *c)
{
	return c->cfg->sni && c->cfg->servername[0] != '\0';
}

static int
need_ems(const struct conn *c)
{
	return offers_12(c) && !c->cfg->no_ems;
}

/* RFC 7366, 2: offered when a CBC suite is (TLS 1.0-1.2) */
static int
need_etm(const struct conn *c)
{
	size_t i;

	if (!offers_12(c) || c->cfg->no_etm ||
	    c->cfg->max_version < TLS1_0_VERSION)
		return 0;
	for (i = 0; i < c->cfg->nsuites; i++)
		if (rprot_is_cbc(suite_by_code(c->cfg->suites[i])))
			return 1;
	return 0;
}

/* RFC 5746, 3.5: a renegotiating ClientHello carries the extension */
static int
need_reneg(const struct conn *c)
{
	return offers_12(c) && (!c->cfg->reneg_scsv || c->renegotiating);
}

static int
need_ticket(const struct conn *c)
{
	return offers_12(c) && !c->cfg->no_ticket;
}

static int
need_13(const struct conn *c)
{
	return offers_13(c);
}

static int
need_cookie(const struct conn *c)
{
	return offers_13(c) && c->cookie != NULL;
}

static int
need_alpn(const struct conn *c)
{
	return c->cfg->alpn != NULL;
}

static int
always(const struct conn *c)
{
	(void)c;
	return 1;
}

/* RFC 5246, 7.4.1.4.1: not offered by clients capped below TLS 1.2 */
static int
need_sigalgs(const struct conn *c)
{
	return c->cfg->max_version >= TLS1_2_VERSION;
}

static int
need_status(const struct conn *c)
{
	/* as libssl: CT validation takes SCTs from OCSP responses too */
	return c->cfg->status || c->cfg->ct;
}

static int
build_status(struct conn *c, struct cbb *b)
{
	(void)c;
	/*
	 * RFC 6066, 8: status_type ocsp, no responder_id_list, no
	 * request_extensions.
	 */
	cbb_add_u8(b, 1);
	cbb_add_u16(b, 0);
	return cbb_add_u16(b, 0);
}

static int
build_sni(struct conn *c, struct cbb *b)
{
	/* RFC 6066, 3 */
	cbb_open(b, 2);
	cbb_add_u8(b, 0);	/* host_name */
	cbb_open(b, 2);
	cbb_add_bytes(b, c->cfg->servername, strlen(c->cfg->servername));
	cbb_close(b);
	return cbb_close(b);
}

static int
build_point_formats(struct conn *c, struct cbb *b)
{
	(void)c;
	cbb_open(b, 1);
	cbb_add_u8(b, 0);	/* uncompressed, RFC 8422, 5.1.2 */
	return cbb_close(b);
}

static int
build_groups(struct conn *c, struct cbb *b)
{
	size_t i;

	cbb_open(b, 2);
	for (i = 0; i < c->cfg->ngroups; i++)
		cbb_add_u16(b, c->cfg->groups[i]);
	return cbb_close(b);
}

static int
build_sigalgs(struct conn *c, struct cbb *b)
{
	size_t i;

	cbb_open(b, 2);
	for (i = 0; i < c->cfg->nsigalgs; i++)
		cbb_add_u16(b, c->cfg->sigalgs[i]);
	return cbb_close(b);
}

/*
 * signature_algorithms_cert (RFC 8446, 4.2.3) only under -cert_sigalgs:
 * a copy of -sigalgs there makes a server whose chain is signed with
 * another scheme refuse the hello, and the default list says nothing the
 * absent extension does not.
 */
static int
need_sigalgs_cert(const struct conn *c)
{
	return need_13(c) && c->cfg->ncert_sigalgs > 0;
}

static int
build_sigalgs_cert(struct conn *c, struct cbb *b)
{
	size_t i;

	cbb_open(b, 2);
	for (i = 0; i < c->cfg->ncert_sigalgs; i++)
		cbb_add_u16(b, c->cfg->cert_sigalgs[i]);
	return cbb_close(b);
}

static int
build_empty(struct conn *c, struct cbb *b)
{
	(void)c;
	(void)b;
	return 1;
}

static int
build_reneg(struct conn *c, struct cbb *b)
{
	/* RFC 5746, 3.4: empty; 3.5: our last verify_data */
	cbb_open(b, 1);
	if (c->renegotiating)
		cbb_add_bytes(b, c->client_vd, 12);
	return cbb_close(b);
}

static int
build_alpn(struct conn *c, struct cbb *b)
{
	const char *p = c->cfg->alpn, *e;

	/* RFC 7301, 3.1: comma-separated on the command line */
	cbb_open(b, 2);
	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && e - p < 256) {
			cbb_open(b, 1);
			cbb_add_bytes(b, p, (size_t)(e - p));
			cbb_close(b);
		}
		p = *e == ',' ? e + 1 : e;
	}
	return cbb_close(b);
}

static int
build_versions(struct conn *c, struct cbb *b)
{
	uint16_t v;

	cbb_open(b, 1);
	for (v = c->cfg->max_version; v >= c->cfg->min_version &&
	    v >= TLS1_0_VERSION; v--)
		cbb_add_u16(b, v);
	return cbb_close(b);
}

static int
build_psk_modes(struct conn *c, struct cbb *b)
{
	cbb_open(b, 1);
	cbb_add_u8(b, 1);	/* psk_dhe_ke */
	/* RFC 8446, 4.2.9: psk_ke only when asked (s_client's option name) */
	if (c->cfg->allow_no_dhe_kex)
		cbb_add_u8(b, 0);	/* psk_ke */
	return cbb_close(b);
}

/* RFC 5077, 3.1: an empty extension asks for a ticket, a full one resumes */
static int
build_ticket(struct conn *c, struct cbb *b)
{
	const struct tp_session *r = c->resume;

	if (r != NULL && r->version <= TLS1_2_VERSION && r->ticket != NULL)
		cbb_add_bytes(b, r->ticket, r->ticket_len);
	return 1;
}

static int
need_early(const struct conn *c)
{
	return c->early_offered;
}

static int
need_psk(const struct conn *c)
{
	return c->psk_offered || c->ext_offered;
}

/*
 * RFC 8446, 4.2.11: the identities -- the ticket with its obfuscated age,
 * then the external PSK (-psk_identity, age 0), the order libssl uses --
 * and binders of zeros that msg_client_hello fills in once the rest of
 * the ClientHello is known.
 */
static int
build_psk(struct conn *c, struct cbb *b)
{
	const struct tp_session *r = c->resume;
	const struct tp_session *x = c->cfg->ext_psk;
	const char *id = c->cfg->psk_identity != NULL ?
	    c->cfg->psk_identity : "Client_identity";
	uint64_t age;
	uint8_t zeros[TP_MAX_HASH];

	memset(zeros, 0, sizeof(zeros));
	cbb_open(b, 2);
	if (c->psk_offered) {
		age = sess_now_ms() - r->time_ms;
		cbb_open(b, 2);
		cbb_add_bytes(b, r->ticket, r->ticket_len);
		cbb_close(b);
		/* RFC 8446, 4.2.11.1: age in ms plus age_add, modulo 2^32 */
		cbb_add_u32(b, (uint32_t)age + r->age_add);
	}
	if (c->ext_offered) {
		cbb_open(b, 2);
		cbb_add_bytes(b, (const uint8_t *)id, strlen(id));
		cbb_close(b);
		/* RFC 8446, 4.2.11: external identities SHOULD say 0 */
		cbb_add_u32(b, 0);
	}
	cbb_close(b);
	cbb_open(b, 2);
	if (c->psk_offered) {
		cbb_open(b, 1);
		cbb_add_bytes(b, zeros, hash_len(suite_by_code(r->suite)->prf));
		cbb_close(b);
	}
	if (c->ext_offered) {
		cbb_open(b, 1);
		cbb_add_bytes(b, zeros, hash_len(suite_by_code(x->suite)->prf));
		cbb_close(b);
	}
	return cbb_close(b);
}

static int
build_key_share(struct conn *c, struct cbb *b)
{
	const uint8_t *pub;
	size_t i, len;

	cbb_open(b, 2);
	for (i = 0; i < c->nshares; i++) {
		pub = kex_share_public(c->shares[i], &len);
		cbb_add_u16(b, c->share_groups[i]);
		cbb_open(b, 2);
		cbb_add_bytes(b, pub, len);
		cbb_close(b);
	}
	return cbb_close(b);
}

static int
build_cookie(struct conn *c, struct cbb *b)
{
	cbb_open(b, 2);
	cbb_add_bytes(b, c->cookie, c->cookie_len);
	return cbb_close(b);
}

/*
 * RFC 8446, 4.2.4: certificate_authorities from -requestCAfile, in TLS 1.3
 * only, as libssl sends it.
 */
static int
need_ca_names(const struct conn *c)
{
	return offers_13(c) && c->cfg->req_ca_names_len > 0;
}

static int
build_ca_names(struct conn *c, struct cbb *b)
{
	cbb_open(b, 2);
	cbb_add_bytes(b, c->cfg->req_ca_names, c->cfg->req_ca_names_len);
	return cbb_close(b);
}

/* RFC 6962, 3.3.1: signed_certificate_timestamp, empty, under -ct */
static int
need_ct(const struct conn *c)
{
	return c->cfg->ct;
}

/* RFC 6066, 4: max_fragment_length, under -maxfraglen */
static int
need_mfl(const struct conn *c)
{
	return c->cfg->maxfraglen != 0;
}

static int
build_mfl(struct conn *c, struct cbb *b)
{
	return cbb_add_u8(b, (uint8_t)c->cfg->maxfraglen);
}

/*
 * RFC 6066, 4: the server echoes the value we asked for, or fails with
 * illegal_parameter; from then on records carry at most 2^(8+code) bytes.
 */
static int
mfl_parse(const struct conn *c, struct cbs *body, const char *msg,
    uint8_t *code, struct tp_reason *why)
{
	if (!cbs_get_u8(body, code) || cbs_len(body) != 0 ||
	    *code != c->cfg->maxfraglen)
		return tp_reason(why, TP_E_ILLEGAL, "%s: max_fragment_length is "
		    "not the value offered (RFC 6066, 4)", msg);
	return 0;
}

/* next_protocol_negotiation (NPN, draft-agl-tls-nextprotoneg-04) */
#define EXT_NPN_	13172

static int
need_npn(const struct conn *c)
{
	return offers_12(c) && c->cfg->nextprotoneg != NULL;
}

/* The server's NPN list: non-empty protocol names. */
static int
npn_check(const struct cbs *body, const char *msg, struct tp_reason *why)
{
	struct cbs list, proto;

	list = *body;
	while (cbs_len(&list) > 0)
		if (!cbs_get_vec8(&list, &proto) || cbs_len(&proto) == 0)
			return tp_reason(why, TP_E_DECODE, "%s: next protocol "
			    "list malformed", msg);
	return 0;
}

/* RFC 8446, 4.2.6: post_handshake_auth, empty, under -enable_pha */
#define EXT_POST_HANDSHAKE_AUTH_	49

static int
need_pha(const struct conn *c)
{
	return offers_13(c) && c->cfg->enable_pha;
}

struct ext_def {
	uint16_t	 type;
	int		 where;		/* server messages that may echo it */
	int		(*needed)(const struct conn *);
	int		(*build)(struct conn *, struct cbb *);
};

/*
 * Order matters only for looks, except that pre_shared_key must be last
 * (RFC 8446, 4.2.11).
 */
static const struct ext_def ext_defs[] = {
	{ EXT_SERVER_NAME, IN_SH12 | IN_EE, need_sni, build_sni },
	{ EXT_MAX_FRAGMENT_LENGTH, IN_SH12 | IN_EE, need_mfl, build_mfl },
	/* TLS 1.3 answers in the leaf's CertificateEntry (RFC 8446, 4.4.2.1) */
	{ EXT_STATUS_REQUEST, IN_SH12, need_status, build_status },
	{ EXT_EC_POINT_FORMATS, IN_SH12, offers_ec, build_point_formats },
	{ EXT_SUPPORTED_GROUPS, IN_EE, always, build_groups },
	{ EXT_SESSION_TICKET, IN_SH12, need_ticket, build_ticket },
	{ EXT_ALPN, IN_SH12 | IN_EE, need_alpn, build_alpn },
	{ EXT_ENCRYPT_THEN_MAC, IN_SH12, need_etm, build_empty },
	{ EXT_EXTENDED_MASTER_SECRET, IN_SH12, need_ems, build_empty },
	{ EXT_RENEGOTIATION_INFO, IN_SH12, need_reneg, build_reneg },
	{ EXT_SIGNATURE_ALGORITHMS, 0, need_sigalgs, build_sigalgs },
	{ EXT_SIGNATURE_ALGORITHMS_CERT, 0, need_sigalgs_cert,
	    build_sigalgs_cert },
	{ EXT_SUPPORTED_VERSIONS, IN_SH13 | IN_HRR, need_13, build_versions },
	{ EXT_PSK_KEY_EXCHANGE_MODES, 0, need_13, build_psk_modes },
	{ EXT_KEY_SHARE, IN_SH13 | IN_HRR, need_13, build_key_share },
	{ EXT_COOKIE, IN_HRR, need_cookie, build_cookie },
	{ EXT_CERTIFICATE_AUTHORITIES, 0, need_ca_names, build_ca_names },
	{ EXT_SCT, IN_SH12, need_ct, build_empty },
	{ EXT_POST_HANDSHAKE_AUTH_, 0, need_pha, build_empty },
	{ EXT_NPN_, IN_SH12, need_npn, build_empty },
	{ EXT_EARLY_DATA, IN_EE, need_early, build_empty },
	{ EXT_PRE_SHARED_KEY, IN_SH13, need_psk, build_psk },
};
#define NEXT_DEFS	(sizeof(ext_defs) / sizeof(ext_defs[0]))

int
msg_offered_ext(const struct conn *c, uint16_t t)
{
	size_t i;

	for (i = 0; i < c->noffered_exts; i++)
		if (c->offered_exts[i] == t)
			return 1;
	/* RFC 5746, 3.6: the SCSV asks for renegotiation_info as well */
	if (t == EXT_RENEGOTIATION_INFO && c->cfg->reneg_scsv && offers_12(c))
		return 1;
	/* RFC 8446, 4.1.4: the cookie is the server's own, echoed back */
	return t == EXT_COOKIE && offers_13(c);
}

int
msg_offered_group(const struct conn *c, uint16_t g)
{
	size_t i;

	for (i = 0; i < c->cfg->ngroups; i++)
		if (c->cfg->groups[i] == g)
			return 1;
	return 0;
}

int
msg_offered_sigalg(const struct conn *c, uint16_t s)
{
	size_t i;

	for (i = 0; i < c->cfg->nsigalgs; i++)
		if (c->cfg->sigalgs[i] == s)
			return 1;
	return 0;
}

/*
 * RFC 8446, 4.2.11.2: each binder covers the transcript so far (after a
 * HelloRetryRequest: message_hash and the HRR) and this ClientHello up to,
 * not including, the binders list, which is the last thing in it.  The
 * resumption PSK's binder key says "res binder", the external one's
 * "ext binder".
 */
static int
psk_binder(struct conn *c, struct cbb *b)
{
	const struct tp_session *p[2];
	int ext[2];
	size_t np = 0, i, total = 2, trunc, pos;
	enum tp_hash h;
	uint8_t th[TP_MAX_HASH];
	int ret;

	if (c->psk_offered) {
		p[np] = c->resume;
		ext[np++] = 0;
	}
	if (c->ext_offered) {
		p[np] = c->cfg->ext_psk;
		ext[np++] = 1;
	}
	for (i = 0; i < np; i++)
		total += 1 + hash_len(suite_by_code(p[i]->suite)->prf);
	if (b->len < total)
		return tp_fail(c, TP_E_INTERNAL, "ClientHello binder");
	trunc = b->len - total;
	pos = trunc + 2;
	for (i = 0; i < np; i++) {
		h = suite_by_code(p[i]->suite)->prf;
		if ((ret = transcript_hash_plus(&c->ts, h, b->buf, trunc,
		    th)) != 0 ||
		    (ret = tls13_binder_ext(h, ext[i], p[i]->secret,
		    p[i]->secret_len, th, b->buf + pos + 1)) != 0)
			return tp_fail(c, ret, "cannot compute the PSK binder");
		pos += 1 + hash_len(h);
	}
	return 0;
}

int
msg_client_hello(struct conn *c, struct cbb *out)
{
	const struct config *cfg = c->cfg;
	const struct tp_suite *s;
	struct cbb b;
	size_t i;
	uint16_t first = 0;
	int ret;

	cbb_init(&b, 64 * 1024);
	c->noffered_exts = 0;
	cbb_add_u8(&b, HS_CLIENT_HELLO);
	cbb_open(&b, 3);
	/* RFC 8446, 4.1.2: legacy_version is at most TLS 1.2 */
	cbb_add_u16(&b, cfg->max_version > TLS1_2_VERSION ?
	    TLS1_2_VERSION : cfg->max_version);
	cbb_add_bytes(&b, c->client_random, 32);
	cbb_open(&b, 1);
	cbb_add_bytes(&b, c->session_id, c->session_id_len);
	cbb_close(&b);

	cbb_open(&b, 2);
	if (offers_13(c)) {
		/*
		 * RFC 8446, 4.2.11: the server may only take the PSK with a
		 * suite of its hash; offering the session's suite first
		 * keeps a server that follows our order from missing it.
		 */
		for (i = 0; i < cfg->nsuites13 && c->psk_offered; i++)
			if (cfg->suites13[i] == c->resume->suite)
				first = c->resume->suite;
		/* likewise the external PSK's suite (-psk_session) */
		for (i = 0; i < cfg->nsuites13 && c->ext_offered &&
		    !c->psk_offered; i++)
			if (cfg->suites13[i] == cfg->ext_psk->suite)
				first = cfg->ext_psk->suite;
		if (first != 0)
			cbb_add_u16(&b, first);
		for (i = 0; i < cfg->nsuites13; i++)
			if (cfg->suites13[i] != first)
				cbb_add_u16(&b, cfg->suites13[i]);
	}
	if (offers_12(c)) {
		for (i = 0; i < cfg->nsuites; i++) {
			s = suite_by_code(cfg->suites[i]);
			/* SSL 3.0 gets the suites the table allows it */
			if (s == NULL || s->min_version > cfg->max_version ||
			    s->max_version < cfg->min_version)
				continue;
			cbb_add_u16(&b, cfg->suites[i]);
		}
		/* RFC 5746, 3.5: not in a renegotiating ClientHello */
		if (cfg->reneg_scsv && !c->renegotiating)
			cbb_add_u16(&b, SCSV_EMPTY_RENEGOTIATION_INFO);
	}
	/* RFC 7507: -fallback_scsv, last as OpenSSL sends it */
	if (cfg->fallback_scsv)
		cbb_add_u16(&b, SCSV_FALLBACK);
	cbb_close(&b);
	cbb_add_u8(&b, 1);	/* compression methods: null only */
	cbb_add_u8(&b, 0);

	cbb_open(&b, 2);
	/*
	 * -serverinfo: empty extensions of these types, first, and only
	 * when TLS 1.2 or older may be chosen (s_client's custom extensions)
	 */
	for (i = 0; i < cfg->nserverinfo && offers_12(c); i++) {
		cbb_add_u16(&b, cfg->serverinfo[i]);
		cbb_add_u16(&b, 0);
		if (c->noffered_exts < sizeof(c->offered_exts) /
		    sizeof(c->offered_exts[0]))
			c->offered_exts[c->noffered_exts++] = cfg->serverinfo[i];
	}
	for (i = 0; i < NEXT_DEFS; i++) {
		if (!ext_defs[i].needed(c))
			continue;
		cbb_add_u16(&b, ext_defs[i].type);
		cbb_open(&b, 2);
		ext_defs[i].build(c, &b);
		cbb_close(&b);
		if (c->noffered_exts < sizeof(c->offered_exts) /
		    sizeof(c->offered_exts[0]))
			c->offered_exts[c->noffered_exts++] = ext_defs[i].type;
	}
	cbb_close(&b);
	cbb_close(&b);
	if (cbb_ok(&b) && (c->psk_offered || c->ext_offered) &&
	    (ret = psk_binder(c, &b)) != 0) {
		cbb_cleanup(&b);
		return ret;
	}
	/* the state machine sends it: the codec only builds */
	if (cbb_ok(&b))
		cbb_add_bytes(out, b.buf, b.len);
	ret = cbb_ok(&b) && cbb_ok(out) ? 0 : tp_fail(c, TP_E_INTERNAL,
	    "cannot build ClientHello");
	cbb_cleanup(&b);
	return ret;
}

void
msg_ext_walk_init(struct msg_ext_walk *w, const struct cbs *block,
    size_t max)
{
	w->rest = *block;
	w->nseen = 0;
	w->max = max < sizeof(w->seen) / sizeof(w->seen[0]) ? max :
	    sizeof(w->seen) / sizeof(w->seen[0]);
}

enum msg_ext_step
msg_ext_next(struct msg_ext_walk *w, uint16_t *type, struct cbs *body)
{
	size_t i;

	if (cbs_len(&w->rest) == 0)
		return MSG_EXT_END;
	if (!cbs_get_u16(&w->rest, type) || !cbs_get_vec16(&w->rest, body))
		return MSG_EXT_TRUNCATED;
	for (i = 0; i < w->nseen; i++)
		if (w->seen[i] == *type)
			return MSG_EXT_TWICE;
	if (w->nseen == w->max)
		return MSG_EXT_TOO_MANY;
	w->seen[w->nseen++] = *type;
	return MSG_EXT_NEXT;
}

/* One of the -serverinfo types? */
static int
serverinfo_type(const struct conn *c, uint16_t type)
{
	size_t i;

	for (i = 0; i < c->cfg->nserverinfo; i++)
		if (c->cfg->serverinfo[i] == type)
			return 1;
	return 0;
}

/*
 * Walk an extension block.  `where` is the message kind (IN_*); every
 * extension must have been offered, may come once, and must be allowed in
 * this message.  Calls fn for each.
 */
static int
walk_extensions(const struct conn *c, struct cbs *exts, int where,
    const char *msg, int (*fn)(const struct conn *, uint16_t, struct cbs *,
    void *, struct tp_reason *), void *arg, struct tp_reason *why)
{
	struct msg_ext_walk w;
	enum msg_ext_step st;
	uint16_t type;
	struct cbs body;
	size_t i;
	int ret, allowed;

	msg_ext_walk_init(&w, exts, 64);
	while ((st = msg_ext_next(&w, &type, &body)) != MSG_EXT_END) {
		if (st == MSG_EXT_TRUNCATED)
			return tp_reason(why, TP_E_DECODE, "%s: extension list "
			    "truncated", msg);
		if (st == MSG_EXT_TWICE)
			return tp_reason(why, TP_E_ILLEGAL, "%s: extension "
			    "%s (%u) appears twice (RFC 8446, 4.2)",
			    msg, extension_name(type) ?
			    extension_name(type) : "unknown", type);
		if (st == MSG_EXT_TOO_MANY)
			return tp_reason(why, TP_E_DECODE, "%s: too many "
			    "extensions", msg);
		if (!msg_offered_ext(c, type))
			return tp_reason(why, TP_E_ALERT(
			    ALERT_UNSUPPORTED_EXTENSION), "%s: extension %s "
			    "(%u) was not offered", msg, extension_name(type) ?
			    extension_name(type) : "unknown", type);
		allowed = 0;
		for (i = 0; i < NEXT_DEFS; i++)
			if (ext_defs[i].type == type &&
			    (ext_defs[i].where & where))
				allowed = 1;
		if (type == EXT_COOKIE && where == IN_HRR)
			allowed = 1;
		if (where == IN_SH12 && serverinfo_type(c, type))
			allowed = 1;
		if (!allowed)
			return tp_reason(why, TP_E_ILLEGAL, "%s: extension %s (%u) "
			    "is not allowed in this message (RFC 8446, 4.2)",
			    msg, extension_name(type) ? extension_name(type) :
			    "unknown", type);
		if ((ret = fn(c, type, &body, arg, why)) != 0)
			return ret;
	}
	return 0;
}

static int
sh_ext(const struct conn *c, uint16_t type, struct cbs *body, void *arg,
    struct tp_reason *why)
{
	struct server_hello *sh = arg;
	const char *msg = sh->hrr ? "HelloRetryRequest" : "ServerHello";
	struct cbs v;
	uint8_t u8;
	int ret;

	switch (type) {
	case EXT_SUPPORTED_VERSIONS:
		if (!cbs_get_u16(body, &sh->selected_version) ||
		    cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: supported_versions "
			    "is not one version", msg);
		return 0;
	case EXT_KEY_SHARE:
		sh->has_key_share = 1;
		if (!cbs_get_u16(body, &sh->ks_group))
			return tp_reason(why, TP_E_DECODE, "%s: key_share "
			    "truncated", msg);
		if (sh->hrr) {
			if (cbs_len(body) != 0)
				return tp_reason(why, TP_E_DECODE, "%s: key_share "
				    "has trailing bytes", msg);
			return 0;
		}
		if (!cbs_get_vec16(body, &sh->ks_pub) || cbs_len(body) != 0 ||
		    cbs_len(&sh->ks_pub) == 0)
			return tp_reason(why, TP_E_DECODE, "%s: key_share "
			    "key_exchange malformed", msg);
		return 0;
	case EXT_COOKIE:
		sh->has_cookie = 1;
		if (!cbs_get_vec16(body, &sh->cookie) || cbs_len(body) != 0 ||
		    cbs_len(&sh->cookie) == 0)
			return tp_reason(why, TP_E_DECODE, "%s: cookie malformed",
			    msg);
		return 0;
	case EXT_PRE_SHARED_KEY:
		/* RFC 8446, 4.2.11: selected_identity */
		if (!cbs_get_u16(body, &sh->psk_identity) ||
		    cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: pre_shared_key is "
			    "not one selected_identity", msg);
		sh->has_psk = 1;
		return 0;
	case EXT_EXTENDED_MASTER_SECRET:
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: "
			    "extended_master_secret is not empty", msg);
		sh->ems = 1;
		return 0;
	case EXT_ENCRYPT_THEN_MAC:
		/* RFC 7366, 2: extension_data is empty */
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: encrypt_then_mac is "
			    "not empty", msg);
		sh->etm = 1;
		return 0;
	case EXT_RENEGOTIATION_INFO:
		if (!cbs_get_vec8(body, &sh->reneg_data) || cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: renegotiation_info "
			    "malformed", msg);
		sh->reneg = 1;
		return 0;
	case EXT_SESSION_TICKET:
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: session_ticket is "
			    "not empty", msg);
		sh->ticket = 1;
		return 0;
	case EXT_EC_POINT_FORMATS:
		/* RFC 8422, 5.2: must include uncompressed */
		if (!cbs_get_vec8(body, &v) || cbs_len(body) != 0 ||
		    cbs_len(&v) == 0)
			return tp_reason(why, TP_E_DECODE, "%s: ec_point_formats "
			    "malformed", msg);
		sh->has_point_formats = 1;
		sh->point_format_list = v;
		sh->point_formats = 0;
		while (cbs_get_u8(&v, &u8))
			if (u8 == 0)
				sh->point_formats = 1;
		if (!sh->point_formats)
			return tp_reason(why, TP_E_ILLEGAL, "%s: ec_point_formats "
			    "lacks uncompressed (RFC 8422, 5.2)", msg);
		return 0;
	case EXT_STATUS_REQUEST:
		/* RFC 6066, 8: empty; a CertificateStatus may follow */
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: status_request is "
			    "not empty", msg);
		sh->status_request = 1;
		return 0;
	case EXT_SCT:
		if ((ret = msg_check_scts(body, msg, why)) != 0)
			return ret;
		sh->has_scts = 1;
		sh->scts = *body;
		return 0;
	case EXT_MAX_FRAGMENT_LENGTH:
		if ((ret = mfl_parse(c, body, msg, &sh->mfl, why)) != 0)
			return ret;
		sh->has_mfl = 1;
		return 0;
	case EXT_NPN_:
		if ((ret = npn_check(body, msg, why)) != 0)
			return ret;
		sh->has_npn = 1;
		sh->npn_list = *body;
		return 0;
	case EXT_ALPN:
		if (!cbs_get_vec16(body, &v) || cbs_len(body) != 0 ||
		    !cbs_get_vec8(&v, &sh->alpn) || cbs_len(&v) != 0 ||
		    cbs_len(&sh->alpn) == 0)
			return tp_reason(why, TP_E_DECODE, "%s: ALPN must name "
			    "exactly one protocol (RFC 7301, 3.1)", msg);
		sh->has_alpn = 1;
		return 0;
	default:
		if (serverinfo_type(c, type)) {
			/* types come once each, from the -serverinfo list */
			if (sh->nserverinfo < sizeof(sh->serverinfo) /
			    sizeof(sh->serverinfo[0])) {
				sh->serverinfo[sh->nserverinfo].type = type;
				sh->serverinfo[sh->nserverinfo++].body = *body;
			}
			return 0;
		}
		/* server_name: empty (RFC 6066, 3) */
		if (type == EXT_SERVER_NAME && cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "%s: server_name is "
			    "not empty", msg);
		return 0;
	}
}

int
msg_parse_server_hello(const struct conn *c, struct cbs *body,
    struct server_hello *sh, struct tp_reason *why)
{
	struct cbs sid, exts;
	int where;

	memset(sh, 0, sizeof(*sh));
	why->text[0] = '\0';
	if (!cbs_get_u16(body, &sh->legacy_version))
		return tp_reason(why, TP_E_DECODE, "ServerHello: truncated at "
		    "server_version");
	if (!cbs_copy(body, sh->random, 32))
		return tp_reason(why, TP_E_DECODE, "ServerHello: truncated at "
		    "random");
	sh->hrr = memcmp(sh->random, tls13_hrr_random, 32) == 0;
	if (!cbs_get_vec8(body, &sid))
		return tp_reason(why, TP_E_DECODE, "ServerHello: truncated at "
		    "session_id");
	if (cbs_len(&sid) > 32)
		return tp_reason(why, TP_E_ILLEGAL, "ServerHello: session_id of "
		    "%zu bytes, the maximum is 32 (RFC 5246, 7.4.1.2)",
		    cbs_len(&sid));
	sh->session_id_len = cbs_len(&sid);
	cbs_copy(&sid, sh->session_id, sh->session_id_len);
	if (!cbs_get_u16(body, &sh->suite))
		return tp_reason(why, TP_E_DECODE, "ServerHello: truncated at "
		    "cipher_suite");
	if (!cbs_get_u8(body, &sh->compression))
		return tp_reason(why, TP_E_DECODE, "ServerHello: truncated at "
		    "compression_method");
	if (cbs_len(body) == 0)
		return 0;	/* no extensions (RFC 5246, 7.4.1.2) */
	if (!cbs_get_vec16(body, &exts) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "ServerHello: extensions "
		    "length does not match the message");
	/*
	 * Which rules apply depends on the version the extensions select,
	 * so look for supported_versions first.
	 */
	{
		struct cbs scan = exts, eb;
		uint16_t t, v;

		while (cbs_get_u16(&scan, &t) && cbs_get_vec16(&scan, &eb))
			if (t == EXT_SUPPORTED_VERSIONS &&
			    cbs_get_u16(&eb, &v) && v >= TLS1_3_VERSION)
				sh->selected_version = v;
	}
	if (sh->hrr)
		where = IN_HRR;
	else if (sh->selected_version >= TLS1_3_VERSION)
		where = IN_SH13;
	else
		where = IN_SH12;
	sh->selected_version = 0;
	return walk_extensions(c, &exts, where,
	    sh->hrr ? "HelloRetryRequest" : "ServerHello", sh_ext, sh, why);
}

static int
ee_ext(const struct conn *c, uint16_t type, struct cbs *body, void *arg,
    struct tp_reason *why)
{
	struct encrypted_extensions *ee = arg;
	struct cbs v;
	int ret;

	if (type == EXT_MAX_FRAGMENT_LENGTH) {
		if ((ret = mfl_parse(c, body, "EncryptedExtensions",
		    &ee->mfl, why)) != 0)
			return ret;
		ee->has_mfl = 1;
	} else if (type == EXT_ALPN) {
		if (!cbs_get_vec16(body, &v) || cbs_len(body) != 0 ||
		    !cbs_get_vec8(&v, &ee->alpn) || cbs_len(&v) != 0 ||
		    cbs_len(&ee->alpn) == 0)
			return tp_reason(why, TP_E_DECODE, "EncryptedExtensions: "
			    "ALPN must name exactly one protocol");
		ee->has_alpn = 1;
	} else if (type == EXT_SERVER_NAME && cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "EncryptedExtensions: "
		    "server_name is not empty");
	else if (type == EXT_EARLY_DATA) {
		/* RFC 8446, 4.2.10: empty; the server took our 0-RTT data */
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "EncryptedExtensions: "
			    "early_data is not empty");
		ee->early_data = 1;
	}
	return 0;
}

int
msg_parse_encrypted_extensions(const struct conn *c, struct cbs *body,
    struct encrypted_extensions *ee, struct tp_reason *why)
{
	struct cbs exts;

	memset(ee, 0, sizeof(*ee));
	why->text[0] = '\0';
	if (!cbs_get_vec16(body, &exts) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "EncryptedExtensions: length "
		    "does not match the message");
	return walk_extensions(c, &exts, IN_EE, "EncryptedExtensions",
	    ee_ext, ee, why);
}
