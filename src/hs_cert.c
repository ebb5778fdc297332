/*
 * hs_cert.c -- acting on the server's certificate messages that
 * msg_cert.c parsed: keeping the chain and its key, judging the chain
 * (verification, weak crypto, the stapled OCSP response), keeping what a
 * CertificateRequest asked for, and checking the TLS 1.3
 * CertificateVerify signature.
 *
 * Certificates themselves are x509.c's business: this file sees only DER
 * and the numbers and text x509.c hands back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "event.h"
#include "hs_cert.h"
#include "keysched.h"
#include "msg.h"
#include "names.h"
#include "seclevel.h"
#include "sig.h"
#include "x509.h"
#include "tperr.h"

static int
keep_cert(struct conn *c, const struct cbs *cert)
{
	uint8_t *p;

	if (c->ncerts >= TP_MAX_CERTS)
		return 0;	/* counted in the trace, not kept */
	if ((p = malloc(cbs_len(cert))) == NULL)
		return TP_E_NOMEM;
	memcpy(p, cbs_data(cert), cbs_len(cert));
	c->certs[c->ncerts] = p;
	c->certlens[c->ncerts] = cbs_len(cert);
	c->ncerts++;
	return 0;
}

static int
check_leaf(struct conn *c)
{
	int ret;

	ret = peer_key_from_cert(c->certs[0], c->certlens[0], &c->peer_key);
	if (ret != 0)
		return tp_fail(c, ret, "Certificate: the server's certificate "
		    "does not parse");
	c->peer_key_bits = peer_key_bits(c->peer_key);
	peer_key_describe(c->peer_key, c->peer_key_desc,
	    sizeof(c->peer_key_desc));
	if (c->suite == NULL || c->version >= TLS1_3_VERSION)
		return 0;
	/* RFC 5246, 7.4.2: the key must suit the cipher suite */
	if (c->suite->auth == AUTH_RSA && peer_key_type(c->peer_key) != PK_RSA)
		return tp_fail(c, TP_E_ALERT(ALERT_UNSUPPORTED_CERTIFICATE),
		    "Certificate: suite %s needs an RSA key, the server's "
		    "certificate has %s", c->suite->ossl, c->peer_key_desc);
	/* RFC 8422, 5.1.1: ECDSA suites carry EdDSA certificates in TLS 1.2 */
	if (c->suite->auth == AUTH_ECDSA && peer_key_type(c->peer_key) != PK_EC &&
	    (c->version < TLS1_2_VERSION ||
	    (peer_key_type(c->peer_key) != PK_ED25519 &&
	    peer_key_type(c->peer_key) != PK_ED448)))
		return tp_fail(c, TP_E_ALERT(ALERT_UNSUPPORTED_CERTIFICATE),
		    "Certificate: suite %s needs an ECDSA key, the server's "
		    "certificate has %s", c->suite->ossl, c->peer_key_desc);
	return 0;
}

void
hs_trust_opts(const struct config *cfg, struct x509_trust_opts *t)
{
	memset(t, 0, sizeof(*t));
	t->cafile = cfg->cafile;
	t->capath = cfg->capath;
	t->castore = cfg->castore;
	t->no_cafile = cfg->no_cafile;
	t->no_capath = cfg->no_capath;
	t->no_castore = cfg->no_castore;
	t->vfy_cafile = cfg->vfy_cafile;
	t->vfy_capath = cfg->vfy_capath;
	t->vfy_castore = cfg->vfy_castore;
	t->crlfile = cfg->crlfile;
	t->crl_download = cfg->crl_download;
	t->crl_timeout = cfg->timeout_ms / 1000;
}

int
hs_auth_level(const struct config *cfg)
{
	if (cfg->auth_level >= 0)
		return cfg->auth_level;
	return seclevel_in_force(cfg->seclevel);
}

/* What x509.c needs to know: the trust store and the name to match. */
static void
verify_opts(const struct conn *c, struct x509_verify_opts *o)
{
	const struct config *cfg = c->cfg;

	memset(o, 0, sizeof(*o));
	hs_trust_opts(cfg, &o->trust);
	o->quiet = cfg->verify_quiet;
	o->limit = cfg->verify_limit > 0 ? cfg->verify_limit : 0;
	o->has_depth = cfg->verify_depth >= 0;
	o->depth = cfg->verify_depth;
	o->auth_level = hs_auth_level(cfg);
	o->flags = cfg->vflags;
	o->purpose = cfg->purpose;
	o->vparam = cfg->verify_name;
	o->policy = cfg->policy;
	o->email = cfg->verify_email;
	o->at = (time_t)cfg->attime;
	o->tlsa_domain = cfg->tlsa_domain;
	o->tlsa = cfg->tlsa;
	o->ntlsa = cfg->ntlsa;
	o->dane_ee_no_names = cfg->dane_ee_no_names;
	/*
	 * The name we meant to reach: -verify_hostname, -verify_ip, else
	 * the SNI name (even under -noservername), else the IP literal of
	 * -connect, which is never sent as SNI (RFC 6066, 3).
	 */
	if (cfg->tlsa_domain != NULL)
		/* as SSL_dane_enable(3): the TLSA base domain is the name */
		o->host = cfg->tlsa_domain;
	else if (cfg->verify_hostname != NULL)
		o->host = cfg->verify_hostname;
	else if (cfg->verify_ip != NULL)
		o->ip = cfg->verify_ip;
	else if (cfg->servername[0] != '\0')
		o->host = cfg->servername;
	else
		o->ip = cfg->host;
	o->stop_at_first = cfg->verify_return_error;
	/* the caller captures the lines (capture()); -brief: errors only */
	o->out = NULL;
	o->quiet = cfg->verify_quiet || cfg->brief;
}

/*
 * s_client prints the verification lines (stderr) and the OCSP block
 * (stdout) while libcrypto works, and x509.c writes them to a FILE.
 * Here that FILE is memory, and the text goes on as an EV_TEXT event:
 * the engine prints nothing itself, and a connection without a sink
 * (a scan or -diagnose probe) stays silent.
 */
struct captured {
	FILE		*f;
	char		*buf;
	size_t		 len;
};

/* A FILE for x509.c when want (else NULL: it prints nothing). */
static FILE *
capture(struct captured *k, int want)
{
	k->buf = NULL;
	k->len = 0;
	k->f = want ? open_memstream(&k->buf, &k->len) : NULL;
	return k->f;
}

static void
release(struct conn *c, struct captured *k, int stream)
{
	if (k->f == NULL)
		return;
	fclose(k->f);
	if (k->buf != NULL && k->len > 0)
		trace_text(c, stream, k->buf);
	free(k->buf);
}

/* s_client writes the depth= lines on stderr (not under -quiet) */
static int
shows_verify_lines(const struct config *cfg)
{
	return !cfg->quiet && !cfg->json;
}

/*
 * Under -verify_return_error, the stapled response must say "good" and
 * verify.  RFC 6066, 8: a client that asked for a status and does not
 * like the answer aborts; a verified "revoked" names the real problem.
 */
static int
ocsp_verdict(struct conn *c)
{
	if (!c->cfg->verify_return_error || c->ocsp_state == OCSP_ST_NONE ||
	    (c->ocsp_state == OCSP_ST_GOOD && c->ocsp_verified))
		return 0;
	c->fail_class = "verify";
	if (c->ocsp_state == OCSP_ST_REVOKED && c->ocsp_verified)
		return tp_fail(c, TP_E_ALERT(ALERT_CERTIFICATE_REVOKED),
		    "the stapled OCSP response says the server certificate "
		    "is %s", c->ocsp_text);
	return tp_fail(c, TP_E_ALERT(ALERT_BAD_CERTIFICATE_STATUS), "the "
	    "stapled OCSP response is not acceptable: %s", c->ocsp_text);
}

int
hs_keep_scts(struct conn *c, const struct cbs *scts)
{
	free(c->sct_list);
	c->sct_list_len = 0;
	if ((c->sct_list = malloc(cbs_len(scts))) == NULL)
		return TP_E_NOMEM;
	memcpy(c->sct_list, cbs_data(scts), cbs_len(scts));
	c->sct_list_len = cbs_len(scts);
	return 0;
}

/* A stapled OCSP response: print it, check it, keep the verdict. */
static int
process_ocsp(struct conn *c, const uint8_t *der, size_t len)
{
	struct x509_verify_opts o;
	struct x509_ocsp_result r;
	struct captured err, block;
	int ret;

	/* -ct: its SCTs are shown in the summary */
	if (c->cfg->ct && c->ocsp_resp == NULL &&
	    (c->ocsp_resp = malloc(len)) != NULL) {
		memcpy(c->ocsp_resp, der, len);
		c->ocsp_resp_len = len;
	}
	/* asked for by -ct alone: neither printed nor judged, as s_client */
	if (!c->cfg->status)
		return 0;

	/* as for the chain: nothing would show or act on the verdict */
	if (c->cfg->quiet && !c->cfg->verify_return_error)
		return 0;
	verify_opts(c, &o);
	o.out = capture(&err, shows_verify_lines(c->cfg));
	/* s_client's "OCSP response:" block is on stdout */
	ret = x509_ocsp_check(&o, der, len, (const uint8_t *const *)c->certs,
	    c->certlens, c->ncerts, capture(&block, !c->cfg->quiet &&
	    !c->cfg->brief && !c->cfg->json), &r);
	release(c, &err, 2);
	release(c, &block, 1);
	if (ret != 0)
		return tp_fail(c, TP_E_ALERT(ALERT_BAD_CERTIFICATE_STATUS),
		    "OCSP: %s (RFC 6066, 8)", r.text);
	c->ocsp_state = r.status;
	c->ocsp_verified = r.verified;
	strlcpy(c->ocsp_text, r.text, sizeof(c->ocsp_text));
	/* TLS 1.3: judged after the chain, in hs_verify_server() */
	return c->version >= TLS1_3_VERSION ? 0 : ocsp_verdict(c);
}

int
hs_take_ocsp(struct conn *c, const struct cbs *ocsp)
{
	return process_ocsp(c, cbs_data(ocsp), cbs_len(ocsp));
}

void
hs_no_ocsp(struct conn *c)
{
	c->ocsp_state = OCSP_ST_NONE;
	strlcpy(c->ocsp_text, "no response sent", sizeof(c->ocsp_text));
	if (!c->cfg->quiet && !c->cfg->brief && !c->cfg->json)
		trace_text(c, 1, "OCSP response: no response sent\n");
}

int
hs_apply_certificate(struct conn *c, const struct certificate *cm)
{
	struct tp_event ev = { .kind = EV_CERTS };
	size_t i;
	int ret;

	for (i = 0; i < cm->ncert; i++)
		if ((ret = keep_cert(c, &cm->cert[i])) != 0)
			return ret;
	if (cm->has_scts && (ret = hs_keep_scts(c, &cm->scts)) != 0)
		return ret;
	c->t_phase[PH_CERTIFICATE] = tp_now_us();
	trace_event(c, &ev);
	if ((ret = check_leaf(c)) != 0)
		return ret;
	/* TLS 1.3: the leaf's entry carried the stapled response */
	if (c->version < TLS1_3_VERSION || !(c->cfg->status || c->cfg->ct))
		return 0;
	if (!cm->has_ocsp) {
		if (c->cfg->status)
			hs_no_ocsp(c);
		return 0;
	}
	return hs_take_ocsp(c, &cm->ocsp);
}

/*
 * What the leaf shows of broken crypto (issue 12, 5): INFO lines with the
 * trace flags; under -strict or -verify_return_error the handshake ends,
 * class weak-crypto.
 */
static int
leaf_findings(struct conn *c)
{
	const struct config *cfg = c->cfg;
	char f[4][200];
	size_t n, i;

	if (!(cfg->msg || cfg->state || cfg->trace || cfg->strict ||
	    cfg->verify_return_error))
		return 0;
	n = x509_leaf_findings(c->certs[0], c->certlens[0], f, 4);
	if (n > 0 && (cfg->strict || cfg->verify_return_error)) {
		c->fail_class = "weak-crypto";
		return tp_fail(c, TP_E_ALERT(ALERT_INSUFFICIENT_SECURITY),
		    "%s", f[0]);
	}
	for (i = 0; i < n; i++)
		trace_info(c, "weak-crypto: %s", f[i]);
	return 0;
}

int
hs_verify_server(struct conn *c)
{
	const struct config *cfg = c->cfg;
	struct x509_verify_opts o;
	struct x509_verify_result r;
	struct captured err;
	int ret;

	/*
	 * Loading trust anchors costs time: only when the summary will show
	 * the outcome or -verify_return_error (or -strict) will act on it.
	 */
	if (c->ncerts == 0 || (cfg->quiet && !cfg->verify_return_error &&
	    !cfg->strict))
		return 0;
	verify_opts(c, &o);
	o.out = capture(&err, shows_verify_lines(cfg));
	(void)x509_verify(&o, (const uint8_t *const *)c->certs, c->certlens,
	    c->ncerts, &r);
	release(c, &err, 2);
	c->verified = 1;
	c->verify_code = r.code;
	c->verify_depth = r.depth;
	strlcpy(c->verify_subject, r.subject, sizeof(c->verify_subject));
	strlcpy(c->verified_peername, r.peername,
	    sizeof(c->verified_peername));
	{
		struct tp_event ev = { .kind = EV_VERIFY };

		c->t_phase[PH_VERIFY] = tp_now_us();
		trace_event(c, &ev);
	}
	c->dane_depth = r.dane_depth;
	strlcpy(c->dane_line, r.dane_line, sizeof(c->dane_line));
	/*
	 * A chain that does not verify is s_client's verdict and comes
	 * first; -verify N: s_client's callback ends the handshake
	 * (SSL_VERIFY_PEER) on an error deeper than N.
	 */
	if (r.code != 0 && (cfg->verify_return_error || r.aborted)) {
		c->fail_class = "verify";
		return tp_fail(c, TP_E_ALERT(r.alert), "%s (verify error %d "
		    "at depth %d, %s)", x509_verify_text(r.code), r.code,
		    r.depth, r.subject[0] != '\0' ? r.subject :
		    "no certificate");
	}
	if ((ret = leaf_findings(c)) != 0)
		return ret;
	/* TLS 1.3: the OCSP response came with the Certificate */
	return c->version >= TLS1_3_VERSION ? ocsp_verdict(c) : 0;
}

/*
 * Keep what the server asked for: certificate types, signature
 * algorithms and CA names (as text lines, whole lines only; the count
 * says how many there were), for our reply, the summary and diag.c.
 */
void
hs_apply_certificate_request(struct conn *c,
    const struct certificate_request *cr)
{
	struct cbs v, dn;
	char name[512];
	size_t o;
	uint16_t a;
	uint8_t t;

	v = cr->types;
	while (cbs_get_u8(&v, &t))
		if (c->ncr_types < sizeof(c->cr_types))
			c->cr_types[c->ncr_types++] = t;
	v = cr->sigalgs;
	while (cbs_get_u16(&v, &a))
		if (c->ncr_sigalgs < sizeof(c->cr_sigalgs) /
		    sizeof(c->cr_sigalgs[0]))
			c->cr_sigalgs[c->ncr_sigalgs++] = a;
	v = cr->ca_names;
	while (cbs_get_vec16(&v, &dn)) {
		/* the parser checked each name */
		if (x509_name_text(cbs_data(&dn), cbs_len(&dn), name,
		    sizeof(name)) != 0)
			continue;
		o = strlen(c->cr_ca_names);
		if (o + strlen(name) + 2 < sizeof(c->cr_ca_names))
			snprintf(c->cr_ca_names + o,
			    sizeof(c->cr_ca_names) - o, "%s\n", name);
		c->ncr_ca_names++;
	}
}

/* RFC 8446, 4.4.3: 64 spaces, the context string, a zero byte, the hash */
static const char cv_server_context[] = "TLS 1.3, server CertificateVerify";

int
hs_apply_certificate_verify(struct conn *c,
    const struct certificate_verify *cv, const uint8_t *thash,
    size_t thashlen)
{
	const struct tp_sigscheme *s = cv->scheme;
	uint8_t content[64 + sizeof(cv_server_context) + TP_MAX_HASH];
	int ret;

	if (c->peer_key == NULL)
		return tp_fail(c, TP_E_UNEXPECTED, "CertificateVerify without "
		    "a certificate");
	if (!peer_key_fits(c->peer_key, s, 1))
		return tp_fail(c, TP_E_ILLEGAL, "CertificateVerify: scheme %s "
		    "does not fit the server's %s key", s->name,
		    c->peer_key_desc);
	if (thashlen > TP_MAX_HASH)
		return tp_fail(c, TP_E_INTERNAL, "CertificateVerify: hash");
	memset(content, 0x20, 64);
	memcpy(content + 64, cv_server_context, sizeof(cv_server_context));
	memcpy(content + 64 + sizeof(cv_server_context), thash, thashlen);
	ret = sig_verify(c->peer_key, s, content,
	    64 + sizeof(cv_server_context) + thashlen, cbs_data(&cv->sig),
	    cbs_len(&cv->sig));
	if (ret != 0)
		return tp_fail(c, ret, "CertificateVerify: the %s signature "
		    "does not verify with the server's %s key", s->name,
		    c->peer_key_desc);
	c->peer_sigscheme = s;
	return 0;
}
