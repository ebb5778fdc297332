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
#include "hs_cert.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "record.h"
#include "seclevel.h"
#include "sig.h"
#include "x509.h"
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
	/* the -state printer turns this into s_client's lines (trace.c) */
	if (s == ST_READ_SH && c->t_phase[PH_SERVER_HELLO] == 0)
		c->t_phase[PH_SERVER_HELLO] = tp_now_us();
	else if (s == ST_DONE)
		c->t_phase[PH_DONE] = tp_now_us();
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
	const struct client_id *id = c->cfg->client;
	struct cbb b;
	char kd[64];
	int ret;

	cbb_init(&b, 0);
	if ((ret = msg_client_certificate(c, &b, rctx, rctxlen)) != 0)
		goto out;
	/* what the codec chose, said before the message goes out */
	if (id == NULL)
		trace_info(c, "server requested a client certificate; "
		    "sending none");
	else if (!c->client_cert_sent)
		trace_info(c, "server requested a client certificate, but "
		    "our %s key fits none of the certificate types and "
		    "signature algorithms it accepts; sending none",
		    priv_key_describe(id->key, kd, sizeof(kd)));
	else
		trace_info(c, "server requested a client certificate; sending "
		    "%s, signing with %s", id->subject,
		    c->client_sigscheme->name);
	ret = hs_write(c, b.buf, b.len);
 out:
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
	if ((ret = hs_take_certificate_request(c, m, rctx, rctxlen)) != 0)
		return ret;
	return hs_next(c, m);
}

int
hs_take_certificate_request(struct conn *c, const struct hsmsg *m,
    uint8_t *rctx, size_t *rctxlen)
{
	struct certificate_request cr;
	struct tp_reason why;
	struct cbs body = m->body;
	int ret;

	/* asked, even if the request turns out malformed (diag.c) */
	c->cert_requested = 1;
	c->ncr_types = c->ncr_sigalgs = c->ncr_ca_names = 0;
	c->cr_ca_names[0] = '\0';
	*rctxlen = 0;
	if ((ret = transcript_add(&c->ts, m->raw, m->rawlen)) != 0)
		return tp_fail(c, ret, "transcript full");
	if ((ret = msg_parse_certificate_request(c, &body, &cr, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	*rctxlen = cbs_len(&cr.context);
	cbs_copy(&cr.context, rctx, *rctxlen);
	hs_apply_certificate_request(c, &cr);
	return 0;
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
	return seclevel_in_force(c->cfg->seclevel);
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
	if (!sh->has_key_share)
		trace_info(c, "HelloRetryRequest: server sent a cookie to "
		    "echo");
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
		trace_info(c, "HelloRetryRequest: server asked to retry with "
		    "group %s", g->name);
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
	/* RFC 8446, 4.1.4: keep the PSK only if its hash fits the suite */
	if (c->psk_offered && suite_by_code(c->resume->suite)->prf != s->prf) {
		c->psk_offered = 0;
		snprintf(c->no_resume, sizeof(c->no_resume), "the "
		    "HelloRetryRequest chose %s, whose hash does not fit the "
		    "PSK", s->ossl);
	}
	/* s_client (psk_use_session_cb): the external PSK likewise */
	if (c->ext_offered && suite_by_code(c->cfg->ext_psk->suite)->prf != s->prf) {
		c->ext_offered = 0;
		trace_info(c, "external PSK dropped: the HelloRetryRequest "
		    "chose %s, whose hash does not fit it", s->ossl);
	}
	/* transcript: message_hash(ClientHello1), then the HRR */
	if (transcript_hrr_rewrite(&c->ts, s->prf) != 0)
		return tp_fail(c, TP_E_INTERNAL, "transcript");
	return 0;
}

/*
 * Decide whether the session we were given can be offered at all, and set
 * the ClientHello up for it: its session ID and ticket for TLS 1.2
 * (RFC 5246, 7.4.1.2; RFC 5077, 3.4), a PSK for TLS 1.3 (RFC 8446, 4.6.1).
 */
static void
offer_resume(struct conn *c)
{
	const struct config *cfg = c->cfg;
	const struct tp_session *r = c->resume;
	const struct tp_suite *s;
	char vb[16];
	size_t i;
	int ok = 0;

	if (r == NULL)
		return;
	c->resume = NULL;
	s = suite_by_code(r->suite);
	if (s == NULL) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the session's "
		    "cipher suite 0x%04x is unknown", r->suite);
		return;
	}
	if (r->version < cfg->min_version || r->version > cfg->max_version) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the session is "
		    "%s, which is not offered", version_str(r->version, vb,
		    sizeof(vb)));
		return;
	}
	if (r->version >= TLS1_3_VERSION) {
		/* RFC 8446, 4.2.11: a suite with the PSK's hash */
		for (i = 0; i < cfg->nsuites13; i++)
			if (suite_by_code(cfg->suites13[i]) != NULL &&
			    suite_by_code(cfg->suites13[i])->prf == s->prf)
				ok = 1;
	} else
		ok = offered_suite(c, r->suite, r->version);
	if (!ok) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the session's "
		    "cipher suite %s is not offered", s->ossl);
		return;
	}
	/*
	 * RFC 8446, 4.6.1 (SHOULD), RFC 6066, 3: resume only under the
	 * server name the session was made for.
	 */
	if (strcmp(r->host, cfg->sni ? cfg->servername : "") != 0) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the session was "
		    "made for server name '%.80s', this connection is for "
		    "'%.80s' (RFC 8446, 4.6.1)", r->host, cfg->sni ? cfg->servername :
		    "");
		return;
	}
	/* RFC 8446, 4.6.1; RFC 5077, 5.6: an expired ticket is not sent */
	if (sess_now_ms() > r->time_ms + (uint64_t)r->timeout * 1000) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the session "
		    "expired (timeout %u s)", r->timeout);
		return;
	}
	if (r->version >= TLS1_3_VERSION) {
		if (r->ticket == NULL || r->ticket_len == 0) {
			snprintf(c->no_resume, sizeof(c->no_resume), "the "
			    "TLS 1.3 session has no ticket");
			return;
		}
		c->psk_offered = 1;
		/*
		 * RFC 8446, 4.2.10: only a ticket that allows it (main checks
		 * a -sess_in session's ALPN; a ticket of this run has ours)
		 */
		if (cfg->early_given && r->max_early_data > 0)
			c->early_offered = 1;
		else if (cfg->early_given)
			trace_info(c, "early data not sent: the ticket allows "
			    "none (max_early_data_size 0)");
	} else if (r->sid_len > 0) {
		memcpy(c->session_id, r->sid, r->sid_len);
		c->session_id_len = r->sid_len;
	} else if (r->ticket == NULL) {
		snprintf(c->no_resume, sizeof(c->no_resume), "the server "
		    "issued neither a session ID nor a ticket");
		return;
	}
	c->resume = r;
}

/*
 * RFC 8446, 4.2.11: the external PSK (-psk, -psk_session) goes into a
 * TLS 1.3 ClientHello, after the resumption PSK as libssl puts it, when a
 * suite with its hash is offered.
 */
static void
offer_ext(struct conn *c)
{
	const struct config *cfg = c->cfg;
	const struct tp_suite *s;
	size_t i;

	if (cfg->ext_psk == NULL || cfg->max_version < TLS1_3_VERSION ||
	    cfg->min_version > TLS1_3_VERSION || c->renegotiating)
		return;
	s = suite_by_code(cfg->ext_psk->suite);
	for (i = 0; i < cfg->nsuites13 && s != NULL; i++)
		if (suite_by_code(cfg->suites13[i]) != NULL &&
		    suite_by_code(cfg->suites13[i])->prf == s->prf) {
			c->ext_offered = 1;
			return;
		}
	trace_info(c, "external PSK not offered: no TLS 1.3 suite with "
	    "the hash of %s is offered", s != NULL ? s->ossl : "its suite");
}

int
hs_alpn_offered(const char *list, const char *proto)
{
	size_t n = strlen(proto);
	const char *p, *e;

	for (p = list; p != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, proto, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * RFC 8446, 4.2.10: 0-RTT under the external PSK, when it is the first
 * PSK (no ticket goes before it) and its provisioning allows early data:
 * the -psk_session file's max_early_data, as with s_client (a -psk key
 * comes with none).  The data is protected under the PSK's suite, so
 * that suite must be offered.
 */
static void
offer_ext_early(struct conn *c)
{
	const struct config *cfg = c->cfg;
	const struct tp_session *x = cfg->ext_psk;
	const struct tp_suite *s;
	size_t i;

	if (!cfg->early_given || !c->ext_offered || c->psk_offered ||
	    c->early_offered)
		return;
	s = suite_by_code(x->suite);
	if (x->max_early_data == 0) {
		trace_info(c, "early data not sent: the external PSK allows "
		    "none (%s)", cfg->psk_sess_file != NULL ? "the "
		    "-psk_session file's max_early_data is 0" : "a -psk key "
		    "has no max_early_data; -psk_session provides one");
		return;
	}
	/* (main refuses this combination unless a -sess_in ticket failed) */
	if (x->alpn[0] != '\0' && !hs_alpn_offered(cfg->alpn, x->alpn)) {
		trace_info(c, "early data not sent: the external PSK's ALPN "
		    "protocol '%.100s' is not offered (RFC 8446, 4.2.10)",
		    x->alpn);
		return;
	}
	for (i = 0; i < cfg->nsuites13; i++)
		if (cfg->suites13[i] == x->suite) {
			c->early_offered = 1;
			return;
		}
	trace_info(c, "early data not sent: the external PSK's suite %s is "
	    "not offered (RFC 8446, 4.2.10)", s != NULL ? s->ossl : "?");
}

/*
 * What a ServerHello's extensions leave on the connection: the point
 * formats (for -brief's line), the SCTs (-ct), the record size limit
 * (RFC 6066, 4), the NPN choice, the -serverinfo answers.
 */
static int
apply_server_hello(struct conn *c, const struct server_hello *sh)
{
	char want[512], *p, *tok, first[256] = "";
	struct cbs v, proto;
	size_t i, n, limit;
	uint8_t u8;
	int ret;

	if (sh->has_point_formats) {
		v = sh->point_format_list;
		c->npoint_formats = 0;
		while (cbs_get_u8(&v, &u8))
			if (c->npoint_formats < sizeof(c->point_formats))
				c->point_formats[c->npoint_formats++] = u8;
	}
	if (sh->has_scts) {
		v = sh->scts;
		if ((ret = hs_keep_scts(c, &v)) != 0)
			return ret;
	}
	if (sh->has_mfl) {
		limit = (size_t)1 << (8 + sh->mfl);
		if (c->rec_limit == 0 || limit < c->rec_limit)
			c->rec_limit = limit;
	}
	if (sh->has_npn) {
		/*
		 * As OpenSSL's SSL_select_next_proto: the first of the
		 * server's protocols that we listed (negotiated), else our
		 * first (no overlap).
		 */
		strlcpy(want, c->cfg->nextprotoneg, sizeof(want));
		for (p = want; (tok = strsep(&p, ",")) != NULL;)
			if (first[0] == '\0' && *tok != '\0')
				strlcpy(first, tok, sizeof(first));
		v = sh->npn_list;
		c->npn_status = 0;
		while (c->npn_status == 0 && cbs_get_vec8(&v, &proto)) {
			strlcpy(want, c->cfg->nextprotoneg, sizeof(want));
			for (p = want; (tok = strsep(&p, ",")) != NULL;)
				if (strlen(tok) == cbs_len(&proto) &&
				    cbs_mem_equal(&proto, (const uint8_t *)tok,
				    strlen(tok))) {
					strlcpy(c->npn, tok, sizeof(c->npn));
					c->npn_status = 1;
					break;
				}
		}
		if (c->npn_status == 0) {
			strlcpy(c->npn, first, sizeof(c->npn));
			c->npn_status = 2;
		}
	}
	for (i = 0; i < sh->nserverinfo; i++) {
		/* type, length, data, for the summary */
		n = cbs_len(&sh->serverinfo[i].body);
		if (n > 0xffff ||
		    4 + n > sizeof(c->serverinfo) - c->serverinfo_len)
			continue;
		c->serverinfo[c->serverinfo_len++] =
		    sh->serverinfo[i].type >> 8;
		c->serverinfo[c->serverinfo_len++] =
		    sh->serverinfo[i].type & 0xff;
		c->serverinfo[c->serverinfo_len++] = n >> 8;
		c->serverinfo[c->serverinfo_len++] = n & 0xff;
		memcpy(c->serverinfo + c->serverinfo_len,
		    cbs_data(&sh->serverinfo[i].body), n);
		c->serverinfo_len += n;
	}
	return 0;
}

/* A ServerHello or HelloRetryRequest in m: parsed, then applied. */
static int
take_server_hello(struct conn *c, struct hsmsg *m, struct server_hello *sh)
{
	struct tp_reason why;
	int ret;

	if ((ret = msg_parse_server_hello(c, &m->body, sh, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	return apply_server_hello(c, sh);
}

int
hs_renegotiate(struct conn *c)
{
	const struct config *saved = c->cfg;
	struct config rc;
	struct server_hello sh;
	struct hsmsg m;
	size_t i;
	int ret;

	if (c->version >= TLS1_3_VERSION || !c->secure_reneg)
		return tp_fail(c, TP_E_INTERNAL, "renegotiation without "
		    "RFC 5746");
	/* we keep 12-byte verify_data: no renegotiation of SSL 3.0 */
	if (c->version < TLS1_0_VERSION) {
		trace_info(c, "no renegotiation over SSL 3.0; declined");
		return 0;
	}
	/* the same version again, no TLS 1.3 extensions, no resumption */
	rc = *saved;
	rc.min_version = rc.max_version = c->version;
	c->cfg = &rc;
	c->renegotiating = 1;
	c->renegotiations++;
	c->reneg_appdata = 0;
	c->reneg_ccs = 0;
	transcript_free(&c->ts);
	transcript_init(&c->ts);
	for (i = 0; i < c->ncerts; i++)
		free(c->certs[i]);
	c->ncerts = 0;
	peer_key_free(c->peer_key);
	c->peer_key = NULL;
	conn_free_shares(c);
	c->cert_requested = 0;
	c->resume = NULL;
	c->resumed = 0;
	c->psk_offered = 0;
	c->ext_offered = 0;
	c->session_id_len = 0;
	c->no_resume[0] = '\0';
	hs_enter(c, ST_START);
	if ((ret = tp_random(c->client_random, 32)) != 0) {
		tp_fail(c, ret, "no randomness");
		goto out;
	}
	if ((ret = hs_send_client_hello(c)) != 0)
		goto out;
	hs_enter(c, ST_WROTE_CH);
	if ((ret = rec_flush(c)) != 0 ||
	    (ret = hs_expect(c, &m, HS_SERVER_HELLO)) != 0 ||
	    (ret = take_server_hello(c, &m, &sh)) != 0)
		goto out;
	hs_enter(c, ST_READ_SH);
	memcpy(c->server_random, sh.random, 32);
	if (sh.hrr || (sh.selected_version != 0 ? sh.selected_version :
	    sh.legacy_version) != c->version) {
		ret = tp_fail(c, TP_E_ILLEGAL, "ServerHello: the renegotiation "
		    "changes the protocol version");
		goto out;
	}
	if ((ret = check_suite(c, &sh, c->version)) != 0)
		goto out;
	c->suite = suite_by_code(sh.suite);
	memcpy(c->server_sid, sh.session_id, sh.session_id_len);
	c->server_sid_len = sh.session_id_len;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		goto out;
	ret = hs12_run(c, &sh);
 out:
	if (ret == TP_E_RENEG_REFUSED) {
		/* the connection goes on under the keys it had */
		trace_info(c, "server declined to renegotiate "
		    "(no_renegotiation warning alert)");
		if (!c->cfg->quiet)
			trace_text(c, 2, "tlsprobe: the server declined to "
			    "renegotiate\n");
		ret = 0;
	}
	c->cfg = saved;
	c->renegotiating = 0;
	return ret;
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
		if (!cfg->no_middlebox) {
			c->session_id_len = 32;
			if ((ret = tp_random(c->session_id, 32)) != 0)
				return tp_fail(c, ret, "no randomness");
		}
		if ((ret = make_shares(c, cfg->shares, cfg->nshares)) != 0)
			return ret;
	}
	offer_resume(c);
	offer_ext(c);
	offer_ext_early(c);
	/*
	 * RFC 5246, E.1: the first record says TLS 1.0 for old servers (SSL
	 * 3.0 when that is all we offer: RFC 6101 servers may want it).
	 */
	c->wire_version = cfg->max_version == SSL3_VERSION ? SSL3_VERSION :
	    TLS1_0_VERSION;
	if ((ret = hs_send_client_hello(c)) != 0)
		return ret;
	hs_enter(c, ST_WROTE_CH);
	if (c->early_offered && (ret = hs13_send_early(c)) != 0)
		return ret;
	if ((ret = rec_flush(c)) != 0)
		return ret;
	c->hello_sent_ms = sess_now_ms();
	c->wire_version = cfg->max_version > TLS1_2_VERSION ? TLS1_2_VERSION :
	    cfg->max_version;

	for (;;) {
		/* after a HelloRetryRequest the server may send its CCS */
		ret = c->hrr ? hs_read13(c, &m) : hs_read(c, &m);
		if (ret != 0)
			return ret;
		/* one round trip: how long to wait for tickets later */
		if (c->rtt_ms == 0)
			c->rtt_ms = sess_now_ms() - c->hello_sent_ms + 1;
		if ((ret = hs_want(c, &m, HS_SERVER_HELLO)) != 0)
			return ret;
		if ((ret = take_server_hello(c, &m, &sh)) != 0)
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
		/* RFC 8446, 4.2.10: a HelloRetryRequest rejects 0-RTT */
		if (c->early_offered) {
			c->early_offered = 0;
			rec_set_write(c, NULL, 0);
			trace_info(c, "early data rejected by the "
			    "HelloRetryRequest");
		}
		/* RFC 8446, D.4: the compatibility CCS goes before CH2 */
		if (!cfg->no_middlebox && !c->ccs_sent &&
		    (ret = hs_write_ccs(c)) != 0)
			return ret;
		c->ccs_sent = 1;
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
