/*
 * handshake.c -- the client handshake up to ServerHello, and the version
 * negotiation that decides which state machine (handshake12.c or
 * handshake13.c) runs the rest.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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
#include "seclevel.h"
#include "sig.h"
#include "tperr.h"

static const char *const state_names[] = {
	[ST_START] = "before handshake",
	[ST_WROTE_CH] = "write ClientHello",
	[ST_READ_HRR] = "read HelloRetryRequest",
	[ST_WROTE_CH2] = "write ClientHello (after HelloRetryRequest)",
	[ST_READ_SH] = "read ServerHello",
	[ST_READ_EE] = "read EncryptedExtensions",
	[ST_READ_CERT] = "read Certificate",
	[ST_READ_SKE] = "read ServerKeyExchange",
	[ST_READ_CR] = "read CertificateRequest",
	[ST_READ_SHD] = "read ServerHelloDone",
	[ST_READ_CV] = "read CertificateVerify",
	[ST_WROTE_CLIENT_FLIGHT] = "write client Finished flight",
	[ST_READ_CCS] = "read ChangeCipherSpec",
	[ST_READ_FIN] = "read server Finished",
	[ST_DONE] = "handshake done",
	[ST_DATA] = "application data",
};

const char *
hs_state_name(enum hs_state s)
{
	if ((size_t)s < sizeof(state_names) / sizeof(state_names[0]) &&
	    state_names[s] != NULL)
		return state_names[s];
	return "unknown state";
}

void
hs_enter(struct conn *c, enum hs_state s)
{
	c->state = s;
	trace_state(c, "%s", hs_state_name(s));
}

/*
 * RFC 8446, 5: one unprotected ChangeCipherSpec may arrive any time after
 * the first ClientHello and before the server's Finished; drop it.
 */
int
hs_read13(struct conn *c, struct hsmsg *m)
{
	int ret;

	for (;;) {
		if ((ret = hs_read(c, m)) != 0)
			return ret;
		if (m->type != HSMSG_CCS)
			return 0;
		if (c->ccs_seen)
			return tp_fail(c, TP_E_UNEXPECTED, "a second "
			    "ChangeCipherSpec (RFC 8446, 5)");
		c->ccs_seen = 1;
	}
}

/*
 * The codecs build, the state machines send: each of these builds one
 * client message with its codec and hands it to hs_write (transcript,
 * trace, record; not flushed).
 */
int
hs_send_client_hello(struct conn *c)
{
	struct cbb b;
	int ret;

	cbb_init(&b, 64 * 1024);
	if ((ret = msg_client_hello(c, &b)) == 0)
		ret = hs_write(c, b.buf, b.len);
	cbb_cleanup(&b);
	return ret;
}

int
hs_send_client_certificate(struct conn *c, const uint8_t *rctx,
    size_t rctxlen)
{
	struct cbb b;
	int ret;

	cbb_init(&b, 0);
	if ((ret = msg_client_certificate(c, &b, rctx, rctxlen)) == 0)
		ret = hs_write(c, b.buf, b.len);
	cbb_cleanup(&b);
	return ret;
}

int
hs_send_client_certificate_verify(struct conn *c)
{
	struct cbb b;
	int ret;

	cbb_init(&b, 0);
	if ((ret = msg_client_certificate_verify(c, &b)) == 0 && b.len > 0)
		ret = hs_write(c, b.buf, b.len);
	cbb_cleanup(&b);
	return ret;
}

/* The next message: hs_read, and in TLS 1.3 without the compatibility CCS. */
int
hs_next(struct conn *c, struct hsmsg *m)
{
	return c->version >= TLS1_3_VERSION ? hs_read13(c, m) : hs_read(c, m);
}

/*
 * The optional CertificateRequest, read one way for every version (RFC
 * 5246, 7.4.4; RFC 8446, 4.3.2): when m is one, take it (transcript,
 * parse) and read the message after it into m; else leave m alone.
 */
int
hs_certificate_request(struct conn *c, struct hsmsg *m, uint8_t *rctx,
    size_t *rctxlen)
{
	int ret;

	if (m->type != HS_CERTIFICATE_REQUEST)
		return 0;
	hs_enter(c, ST_READ_CR);
	if ((ret = transcript_add(&c->ts, m->raw, m->rawlen)) != 0 ||
	    (ret = msg_parse_certificate_request(c, &m->body, rctx,
	    rctxlen)) != 0)
		return ret;
	return hs_next(c, m);
}

static const char *
msg_kind(unsigned type)
{
	if (type == HSMSG_CCS)
		return "ChangeCipherSpec";
	return handshake_name((uint8_t)type) ? handshake_name((uint8_t)type) :
	    "an unknown message";
}

int
hs_want(struct conn *c, const struct hsmsg *m, unsigned type)
{
	if (m->type == type)
		return 0;
	return tp_fail(c, TP_E_UNEXPECTED, "expected %s, the server sent %s",
	    msg_kind(type), msg_kind(m->type));
}

int
hs_expect(struct conn *c, struct hsmsg *m, unsigned type)
{
	int ret;

	if ((ret = hs_read(c, m)) != 0)
		return ret;
	return hs_want(c, m, type);
}

void
hs_keylog(struct conn *c, const char *label, const uint8_t *secret,
    size_t len)
{
	size_t i;

	if (c->keylog == NULL)
		return;
	/* NSS key log format: label, client random, secret, all hex */
	fprintf(c->keylog, "%s ", label);
	for (i = 0; i < 32; i++)
		fprintf(c->keylog, "%02x", c->client_random[i]);
	fputc(' ', c->keylog);
	for (i = 0; i < len; i++)
		fprintf(c->keylog, "%02x", secret[i]);
	fputc('\n', c->keylog);
	fflush(c->keylog);
}

const char *
hs_offer_summary(const struct conn *c, char *buf, size_t len)
{
	const struct config *cfg = c->cfg;
	const struct tp_suite *s;
	size_t n = 0, i;
	char a[16], b[16];

	if (cfg->max_version >= TLS1_3_VERSION)
		n += cfg->nsuites13;
	if (cfg->min_version <= TLS1_2_VERSION)
		for (i = 0; i < cfg->nsuites; i++)
			if ((s = suite_by_code(cfg->suites[i])) != NULL &&
			    s->min_version <= cfg->max_version &&
			    s->max_version >= cfg->min_version)
				n++;
	if (cfg->min_version == cfg->max_version)
		snprintf(buf, len, "offered %s, %zu cipher suite%s",
		    version_str(cfg->max_version, a, sizeof(a)), n,
		    n == 1 ? "" : "s");
	else
		snprintf(buf, len, "offered %s-%s, %zu cipher suite%s",
		    version_str(cfg->min_version, a, sizeof(a)),
		    version_str(cfg->max_version, b, sizeof(b)) + 4, n,
		    n == 1 ? "" : "s");
	return buf;
}

/* Key shares for the first ClientHello (or the group an HRR asked for). */
static int
make_shares(struct conn *c, const uint16_t *groups, size_t n)
{
	const struct tp_group *g;
	size_t i;
	int ret;

	conn_free_shares(c);
	for (i = 0; i < n && i < TP_MAX_GROUPS; i++) {
		if ((g = group_by_code(groups[i])) == NULL)
			continue;
		if ((ret = kex_share_new(g, &c->shares[c->nshares])) != 0)
			return tp_fail(c, ret, "cannot make a %s key share",
			    g->name);
		c->share_groups[c->nshares++] = groups[i];
	}
	return 0;
}

static int
offered_suite(const struct conn *c, uint16_t code, uint16_t version)
{
	const struct config *cfg = c->cfg;
	const struct tp_suite *s = suite_by_code(code);
	size_t i;

	/* SSL 3.0 (probes only) shares the TLS 1.0 suites */
	if (version == SSL3_VERSION)
		version = TLS1_0_VERSION;
	if (s == NULL || version < s->min_version || version > s->max_version)
		return 0;
	if (version >= TLS1_3_VERSION) {
		for (i = 0; i < cfg->nsuites13; i++)
			if (cfg->suites13[i] == code)
				return 1;
		return 0;
	}
	for (i = 0; i < cfg->nsuites; i++)
		if (cfg->suites[i] == code)
			return 1;
	return 0;
}

/*
 * RFC 8446, 4.1.3 and 4.2.1: which version the server chose, and whether
 * we may follow it.
 */
static int
choose_version(struct conn *c, const struct server_hello *sh)
{
	const struct config *cfg = c->cfg;
	char a[16], b[16], d[16], off[64];
	uint16_t v;

	if (sh->selected_version != 0) {
		v = sh->selected_version;
		if (v < TLS1_3_VERSION || sh->legacy_version != TLS1_2_VERSION)
			return tp_fail(c, TP_E_ILLEGAL, "ServerHello: "
			    "supported_versions selects %s with "
			    "legacy_version %s (RFC 8446, 4.2.1)",
			    version_str(v, a, sizeof(a)),
			    version_str(sh->legacy_version, b, sizeof(b)));
	} else
		v = sh->legacy_version;
	if (v < cfg->min_version || v > cfg->max_version) {
		c->fail_class = "version";
		hs_offer_summary(c, off, sizeof(off));
		if (cfg->min_version == cfg->max_version)
			return tp_fail(c, TP_E_ALERT(ALERT_PROTOCOL_VERSION),
			    "server chose %s, but only %s was offered",
			    version_str(v, a, sizeof(a)),
			    version_str(cfg->min_version, b, sizeof(b)));
		return tp_fail(c, TP_E_ALERT(ALERT_PROTOCOL_VERSION), "server "
		    "chose %s, outside the offered range %s to %s",
		    version_str(v, a, sizeof(a)),
		    version_str(cfg->min_version, b, sizeof(b)),
		    version_str(cfg->max_version, d, sizeof(d)));
	}
	if (v < cfg->max_version)
		trace_info(c, "server chose %s (client offered up to %s)",
		    version_str(v, a, sizeof(a)),
		    version_str(cfg->max_version, b, sizeof(b)));
	/*
	 * RFC 8446, 4.1.3: a 1.3-capable client checks the last eight bytes
	 * of the random when the server picks 1.2 or below.
	 */
	if (v < TLS1_3_VERSION && cfg->max_version >= TLS1_2_VERSION) {
		const uint8_t *tail = sh->random + 24;

		if ((cfg->max_version >= TLS1_3_VERSION &&
		    (memcmp(tail, tls13_downgrade_12, 8) == 0 ||
		    memcmp(tail, tls13_downgrade_11, 8) == 0)) ||
		    (v < TLS1_2_VERSION &&
		    memcmp(tail, tls13_downgrade_11, 8) == 0)) {
			c->fail_class = "downgrade";
			return tp_fail(c, TP_E_ILLEGAL, "downgrade detected: "
			    "server chose %s but its random carries the "
			    "downgrade sentinel of a server that supports a "
			    "higher version (RFC 8446, 4.1.3)",
			    version_str(v, a, sizeof(a)));
		}
	}
	c->version = v;
	return 0;
}

static int
level_in_force(const struct conn *c)
{
	return c->cfg->seclevel >= 0 ? c->cfg->seclevel : seclevel_default();
}

void
hs_seclevel_suite(struct conn *c)
{
	const struct config *cfg = c->cfg;
	char why[160];
	int level;

	if (!(cfg->msg || cfg->state || cfg->trace))
		return;
	level = level_in_force(c);
	if (seclevel_refuses_suite(level, c->version, c->suite, why,
	    sizeof(why)))
		trace_info(c, "security level %d would refuse %s: openssl "
		    "s_client at this level would not offer it (lower the "
		    "level with -cipher '...:@SECLEVEL=%d')", level, why,
		    level - 1);
}

void
hs_seclevel_group(struct conn *c)
{
	const struct config *cfg = c->cfg;
	char why[160];
	int level;

	if (!(cfg->msg || cfg->state || cfg->trace) || c->kex_group == 0)
		return;
	level = level_in_force(c);
	if (seclevel_refuses_group(level, group_by_code(c->kex_group), why,
	    sizeof(why)))
		trace_info(c, "security level %d would refuse %s: openssl "
		    "s_client at this level would not offer it", level, why);
}

static int
check_suite(struct conn *c, const struct server_hello *sh, uint16_t version)
{
	char vb[16];

	if (!offered_suite(c, sh->suite, version))
		return tp_fail(c, TP_E_ILLEGAL, "%s: cipher suite 0x%04x (%s) "
		    "was not offered for %s", sh->hrr ? "HelloRetryRequest" :
		    "ServerHello", sh->suite, suite_name(sh->suite) ?
		    suite_name(sh->suite) : "unknown",
		    version_str(version, vb, sizeof(vb)));
	if (sh->compression != 0)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: compression "
		    "method %u was not offered", sh->compression);
	return 0;
}

/*
 * RFC 8446, 4.1.4: a HelloRetryRequest names a group we offered but sent
 * no share for, and may carry a cookie; answer with a second ClientHello.
 */
static int
handle_hrr(struct conn *c, struct server_hello *sh)
{
	const struct tp_group *g;
	const struct tp_suite *s;
	size_t i;
	int ret;

	hs_enter(c, ST_READ_HRR);
	if (c->hrr)
		return tp_fail(c, TP_E_UNEXPECTED, "a second HelloRetryRequest "
		    "(RFC 8446, 4.1.4)");
	c->hrr = 1;
	if (sh->selected_version != TLS1_3_VERSION ||
	    c->cfg->max_version < TLS1_3_VERSION)
		return tp_fail(c, TP_E_ILLEGAL, "HelloRetryRequest without "
		    "supported_versions selecting TLS 1.3");
	if ((ret = check_suite(c, sh, TLS1_3_VERSION)) != 0)
		return ret;
	s = suite_by_code(sh->suite);
	if (!sh->has_key_share && !sh->has_cookie)
		return tp_fail(c, TP_E_ILLEGAL, "HelloRetryRequest would not "
		    "change the ClientHello (RFC 8446, 4.1.4)");
	if (sh->has_key_share) {
		g = group_by_code(sh->ks_group);
		if (g == NULL || !msg_offered_group(c, sh->ks_group))
			return tp_fail(c, TP_E_ILLEGAL, "HelloRetryRequest: "
			    "group 0x%04x (%s) was not offered",
			    sh->ks_group, g != NULL ? g->name : "unknown");
		for (i = 0; i < c->nshares; i++)
			if (c->share_groups[i] == sh->ks_group)
				return tp_fail(c, TP_E_ILLEGAL,
				    "HelloRetryRequest asks for %s, which "
				    "already had a key share (RFC 8446, "
				    "4.2.8)", g->name);
		c->hrr_group = sh->ks_group;
		trace_info(c, "server asked to retry with group %s", g->name);
		if ((ret = make_shares(c, &sh->ks_group, 1)) != 0)
			return ret;
	}
	if (sh->has_cookie) {
		free(c->cookie);
		c->cookie_len = cbs_len(&sh->cookie);
		if ((c->cookie = malloc(c->cookie_len)) == NULL)
			return TP_E_NOMEM;
		memcpy(c->cookie, cbs_data(&sh->cookie), c->cookie_len);
	}
	c->suite = s;
	/* transcript: message_hash(ClientHello1), then the HRR */
	if (transcript_hrr_rewrite(&c->ts, s->prf) != 0)
		return tp_fail(c, TP_E_INTERNAL, "transcript");
	return 0;
}

int
handshake(struct conn *c)
{
	const struct config *cfg = c->cfg;
	struct server_hello sh;
	struct hsmsg m;
	const char *gap;
	int ret;

	hs_enter(c, ST_START);
	if ((ret = tp_random(c->client_random, 32)) != 0)
		return tp_fail(c, ret, "no randomness");
	if (cfg->max_version >= TLS1_3_VERSION) {
		/* RFC 8446, D.4: middlebox compatibility mode */
		c->session_id_len = 32;
		if ((ret = tp_random(c->session_id, 32)) != 0)
			return tp_fail(c, ret, "no randomness");
		if ((ret = make_shares(c, cfg->shares, cfg->nshares)) != 0)
			return ret;
	}
	/* RFC 5246, E.1: the first record says TLS 1.0 for old servers */
	c->wire_version = TLS1_0_VERSION;
	if ((ret = hs_send_client_hello(c)) != 0)
		return ret;
	hs_enter(c, ST_WROTE_CH);
	if ((ret = rec_flush(c)) != 0)
		return ret;
	c->wire_version = cfg->max_version > TLS1_2_VERSION ? TLS1_2_VERSION :
	    cfg->max_version;

	for (;;) {
		/* after a HelloRetryRequest the server may send its CCS */
		ret = c->hrr ? hs_read13(c, &m) : hs_read(c, &m);
		if (ret != 0)
			return ret;
		if ((ret = hs_want(c, &m, HS_SERVER_HELLO)) != 0)
			return ret;
		if ((ret = msg_parse_server_hello(c, &m.body, &sh)) != 0)
			return ret;
		if (!sh.hrr)
			break;
		/* rewrites the transcript, which then takes the HRR */
		if ((ret = handle_hrr(c, &sh)) != 0)
			return ret;
		if (cfg->hello_only) {
			/* a probe learns enough: 1.3, this suite, this group */
			c->version = TLS1_3_VERSION;
			c->kex_group = c->hrr_group;
			return 0;
		}
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
			return tp_fail(c, ret, "transcript");
		/* RFC 8446, D.4: the compatibility CCS goes before CH2 */
		if ((ret = hs_write_ccs(c)) != 0)
			return ret;
		if ((ret = hs_send_client_hello(c)) != 0)
			return ret;
		hs_enter(c, ST_WROTE_CH2);
		if ((ret = rec_flush(c)) != 0)
			return ret;
	}
	hs_enter(c, ST_READ_SH);
	memcpy(c->server_random, sh.random, 32);
	if ((ret = choose_version(c, &sh)) != 0)
		return ret;
	if ((ret = check_suite(c, &sh, c->version)) != 0)
		return ret;
	if (c->hrr && (c->version < TLS1_3_VERSION ||
	    c->suite->code != sh.suite))
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: cipher suite "
		    "0x%04x differs from the HelloRetryRequest's (RFC 8446, "
		    "4.1.4)", sh.suite);
	c->suite = suite_by_code(sh.suite);
	hs_seclevel_suite(c);
	memcpy(c->server_sid, sh.session_id, sh.session_id_len);
	c->server_sid_len = sh.session_id_len;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return tp_fail(c, ret, "transcript");
	if (cfg->hello_only) {
		if (sh.has_key_share)
			c->kex_group = sh.ks_group;
		return 0;
	}
	/* offered because the user named it; say so rather than stumble */
	if ((gap = suite_gap(c->suite)) != NULL) {
		c->fail_class = "unsupported";
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: the server "
		    "chose %s (0x%04x), which tlsprobe offered but cannot "
		    "complete (%s)", c->suite->iana, c->suite->code, gap);
	}
	if (c->version >= TLS1_3_VERSION)
		return hs13_run(c, &sh);
	c->wire_version = c->version;
	return hs12_run(c, &sh);
}
