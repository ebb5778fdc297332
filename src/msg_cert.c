/*
 * msg_cert.c -- Certificate, CertificateRequest, CertificateStatus and
 * (TLS 1.3) CertificateVerify from the server; server authentication; the
 * client's Certificate and CertificateVerify.
 *
 * Certificates themselves are x509.c's business: this file sees only DER
 * and the numbers and text x509.c hands back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "event.h"
#include "hsbuf.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "seclevel.h"
#include "sig.h"
#include "x509.h"
#include "tperr.h"

/* RFC 6066, 8: CertificateStatusType */
#define STATUS_TYPE_OCSP	1

static int
keep_cert(struct conn *c, struct cbs *cert)
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
	if (c->suite->auth == AUTH_ECDSA && peer_key_type(c->peer_key) != PK_EC)
		return tp_fail(c, TP_E_ALERT(ALERT_UNSUPPORTED_CERTIFICATE),
		    "Certificate: suite %s needs an ECDSA key, the server's "
		    "certificate has %s", c->suite->ossl, c->peer_key_desc);
	return 0;
}

void
msg_trust_opts(const struct config *cfg, struct x509_trust_opts *t)
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
msg_auth_level(const struct config *cfg)
{
	if (cfg->auth_level >= 0)
		return cfg->auth_level;
	return cfg->seclevel >= 0 ? cfg->seclevel : seclevel_default();
}

/* What x509.c needs to know: the trust store and the name to match. */
static void
verify_opts(const struct conn *c, struct x509_verify_opts *o)
{
	const struct config *cfg = c->cfg;

	memset(o, 0, sizeof(*o));
	msg_trust_opts(cfg, &o->trust);
	o->quiet = cfg->verify_quiet;
	o->limit = cfg->verify_limit > 0 ? cfg->verify_limit : 0;
	o->has_depth = cfg->verify_depth >= 0;
	o->depth = cfg->verify_depth;
	o->auth_level = msg_auth_level(cfg);
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
	o->out = cfg->quiet ? NULL : stdout;
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
msg_keep_scts(struct conn *c, struct cbs *body, const char *msg)
{
	struct cbs list = *body;
	struct cbs v;

	/* RFC 6962, 3.3: SerializedSCT sct_list <1..2^16-1> */
	if (!cbs_get_vec16(&list, &v) || cbs_len(&list) != 0 ||
	    cbs_len(&v) == 0)
		return tp_fail(c, TP_E_DECODE, "%s: "
		    "signed_certificate_timestamp is not a non-empty "
		    "SignedCertificateTimestampList (RFC 6962, 3.3)", msg);
	free(c->sct_list);
	c->sct_list_len = 0;
	if ((c->sct_list = malloc(cbs_len(body))) == NULL)
		return TP_E_NOMEM;
	memcpy(c->sct_list, cbs_data(body), cbs_len(body));
	c->sct_list_len = cbs_len(body);
	return 0;
}

/* A stapled OCSP response: print it, check it, keep the verdict. */
static int
process_ocsp(struct conn *c, const uint8_t *der, size_t len)
{
	struct x509_verify_opts o;
	struct x509_ocsp_result r;

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
	if (x509_ocsp_check(&o, der, len, (const uint8_t *const *)c->certs,
	    c->certlens, c->ncerts, o.out, &r) != 0)
		return tp_fail(c, TP_E_ALERT(ALERT_BAD_CERTIFICATE_STATUS),
		    "OCSP: %s (RFC 6066, 8)", r.text);
	c->ocsp_state = r.status;
	c->ocsp_verified = r.verified;
	strlcpy(c->ocsp_text, r.text, sizeof(c->ocsp_text));
	/* TLS 1.3: judged after the chain, in msg_verify_server() */
	return c->version >= TLS1_3_VERSION ? 0 : ocsp_verdict(c);
}

void
msg_no_ocsp(struct conn *c)
{
	c->ocsp_state = OCSP_ST_NONE;
	strlcpy(c->ocsp_text, "no response sent", sizeof(c->ocsp_text));
	if (!c->cfg->quiet)
		printf("OCSP response: no response sent\n");
}

/*
 * RFC 8446, 4.4.2: the extensions of one CertificateEntry.  Each must
 * answer one we sent; status_request on the leaf carries its OCSP
 * response (4.4.2.1), which is checked once the whole chain is known.
 */
static int
entry_extensions(struct conn *c, struct cbs *exts, size_t n,
    struct cbs *ocsp, int *have_ocsp)
{
	uint16_t seen[16], type;
	size_t nseen = 0, i;
	struct cbs body, resp;
	uint8_t st;

	while (cbs_len(exts) > 0) {
		if (!cbs_get_u16(exts, &type) || !cbs_get_vec16(exts, &body))
			return tp_fail(c, TP_E_DECODE, "Certificate: entry %zu "
			    "extension list truncated", n);
		for (i = 0; i < nseen; i++)
			if (seen[i] == type)
				return tp_fail(c, TP_E_ILLEGAL, "Certificate: "
				    "entry %zu has extension %u twice (RFC "
				    "8446, 4.2)", n, type);
		if (nseen == sizeof(seen) / sizeof(seen[0]))
			return tp_fail(c, TP_E_DECODE, "Certificate: entry "
			    "%zu has too many extensions", n);
		seen[nseen++] = type;
		if (!msg_offered_ext(c, type))
			return tp_fail(c, TP_E_ALERT(
			    ALERT_UNSUPPORTED_EXTENSION), "Certificate: entry "
			    "%zu carries extension %s (%u), which was not "
			    "offered (RFC 8446, 4.4.2)", n,
			    extension_name(type) ? extension_name(type) :
			    "unknown", type);
		if (type != EXT_STATUS_REQUEST && type != EXT_SCT)
			return tp_fail(c, TP_E_ILLEGAL, "Certificate: entry "
			    "%zu carries extension %s (%u), which has no "
			    "place there (RFC 8446, 4.2)", n,
			    extension_name(type) ? extension_name(type) :
			    "unknown", type);
		if (type == EXT_SCT && n == 0) {
			int ret = msg_keep_scts(c, &body, "Certificate");

			if (ret != 0)
				return ret;
		}
		if (type != EXT_STATUS_REQUEST)
			continue;
		/* RFC 8446, 4.4.2.1: a CertificateStatus structure */
		if (!cbs_get_u8(&body, &st) || !cbs_get_vec24(&body, &resp) ||
		    cbs_len(&body) != 0 || cbs_len(&resp) == 0)
			return tp_fail(c, TP_E_DECODE, "Certificate: entry %zu "
			    "status_request is not a CertificateStatus", n);
		if (st != STATUS_TYPE_OCSP)
			return tp_fail(c, TP_E_ILLEGAL, "Certificate: entry "
			    "%zu status_type %u is not ocsp (RFC 6066, 8)", n,
			    st);
		/* only the leaf's matters here */
		if (n == 0) {
			*ocsp = resp;
			*have_ocsp = 1;
		}
	}
	return 0;
}

int
msg_parse_certificate(struct conn *c, struct cbs *body)
{
	struct cbs ctx, list, cert, exts, ocsp;
	size_t n = 0;
	int tls13 = c->version >= TLS1_3_VERSION, have_ocsp = 0, ret;

	if (tls13) {
		/* RFC 8446, 4.4.2: empty context for the server's chain */
		if (!cbs_get_vec8(body, &ctx))
			return tp_fail(c, TP_E_DECODE, "Certificate: truncated "
			    "at certificate_request_context");
		if (cbs_len(&ctx) != 0)
			return tp_fail(c, TP_E_ILLEGAL, "Certificate: "
			    "certificate_request_context is not empty");
	}
	if (!cbs_get_vec24(body, &list) || cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "Certificate: certificate_list "
		    "length does not match the message");
	while (cbs_len(&list) > 0) {
		if (!cbs_get_vec24(&list, &cert) || cbs_len(&cert) == 0)
			return tp_fail(c, TP_E_DECODE, "Certificate: entry %zu "
			    "truncated or empty", n);
		if (tls13 && !cbs_get_vec16(&list, &exts))
			return tp_fail(c, TP_E_DECODE, "Certificate: entry %zu "
			    "extensions truncated", n);
		if (tls13 && (ret = entry_extensions(c, &exts, n, &ocsp,
		    &have_ocsp)) != 0)
			return ret;
		if ((ret = keep_cert(c, &cert)) != 0)
			return ret;
		n++;
	}
	/* RFC 8446, 4.4.2.4 / RFC 5246, 7.4.2 */
	if (n == 0)
		return tp_fail(c, TP_E_DECODE, "Certificate: the server sent "
		    "no certificate");
	if ((ret = check_leaf(c)) != 0)
		return ret;
	if (!tls13 || !(c->cfg->status || c->cfg->ct))
		return 0;
	if (!have_ocsp) {
		if (c->cfg->status)
			msg_no_ocsp(c);
		return 0;
	}
	return process_ocsp(c, cbs_data(&ocsp), cbs_len(&ocsp));
}

int
msg_parse_certificate_status(struct conn *c, struct cbs *body)
{
	struct cbs resp;
	uint8_t type;

	/* RFC 6066, 8: status_type, then OCSPResponse<1..2^24-1> */
	if (!cbs_get_u8(body, &type) || !cbs_get_vec24(body, &resp) ||
	    cbs_len(body) != 0 || cbs_len(&resp) == 0)
		return tp_fail(c, TP_E_DECODE, "CertificateStatus: length "
		    "does not match the message");
	if (type != STATUS_TYPE_OCSP)
		return tp_fail(c, TP_E_ILLEGAL, "CertificateStatus: "
		    "status_type %u is not ocsp (RFC 6066, 8)", type);
	if (c->ncerts == 0)
		return tp_fail(c, TP_E_UNEXPECTED, "CertificateStatus without "
		    "a Certificate");
	return process_ocsp(c, cbs_data(&resp), cbs_len(&resp));
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
msg_verify_server(struct conn *c)
{
	const struct config *cfg = c->cfg;
	struct x509_verify_opts o;
	struct x509_verify_result r;
	int ret;

	/*
	 * Loading trust anchors costs time: only when the summary will show
	 * the outcome or -verify_return_error will act on it.
	 */
	if (c->ncerts == 0 || (cfg->quiet && !cfg->verify_return_error))
		return 0;
	verify_opts(c, &o);
	(void)x509_verify(&o, (const uint8_t *const *)c->certs, c->certlens,
	    c->ncerts, &r);
	c->verified = 1;
	c->verify_code = r.code;
	c->verify_depth = r.depth;
	strlcpy(c->verify_subject, r.subject, sizeof(c->verify_subject));
	strlcpy(c->verified_peername, r.peername,
	    sizeof(c->verified_peername));
	if ((ret = leaf_findings(c)) != 0)
		return ret;
	c->dane_depth = r.dane_depth;
	strlcpy(c->dane_line, r.dane_line, sizeof(c->dane_line));
	/* -verify N: s_client's callback ends the handshake (SSL_VERIFY_PEER) */
	if (r.code == 0 || (!cfg->verify_return_error && !r.aborted))
		/* TLS 1.3: the OCSP response came with the Certificate */
		return c->version >= TLS1_3_VERSION ? ocsp_verdict(c) : 0;
	c->fail_class = "verify";
	return tp_fail(c, TP_E_ALERT(r.alert), "%s (verify error %d at depth "
	    "%d, %s)", x509_verify_text(r.code), r.code, r.depth,
	    r.subject[0] != '\0' ? r.subject : "no certificate");
}

/* Add a DER Name to the list of acceptable CAs, as text. */
static int
add_ca_name(struct conn *c, struct cbs *dn)
{
	char name[512];
	size_t o;

	/* RFC 5246, 7.4.4; RFC 8446, 4.2.4: DistinguishedName<1..2^16-1> */
	if (cbs_len(dn) == 0 ||
	    x509_name_text(cbs_data(dn), cbs_len(dn), name, sizeof(name)) != 0)
		return -1;
	o = strlen(c->cr_ca_names);
	/* keep whole lines; the count says how many there were */
	if (o + strlen(name) + 2 < sizeof(c->cr_ca_names))
		snprintf(c->cr_ca_names + o, sizeof(c->cr_ca_names) - o,
		    "%s\n", name);
	c->ncr_ca_names++;
	return 0;
}

static int
parse_ca_names(struct conn *c, struct cbs *cas, const char *what)
{
	struct cbs dn;

	while (cbs_len(cas) > 0) {
		if (!cbs_get_vec16(cas, &dn))
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "%s truncated", what);
		if (add_ca_name(c, &dn) != 0)
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "%s entry %zu is not a DER DistinguishedName",
			    what, c->ncr_ca_names);
	}
	return 0;
}

static int
parse_sigalgs(struct conn *c, struct cbs *algs, const char *what)
{
	uint16_t a;

	/* RFC 8446, 4.2.3: supported_signature_algorithms<2..2^16-2> */
	if (cbs_len(algs) == 0 || cbs_len(algs) % 2 != 0)
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: %s "
		    "malformed", what);
	while (cbs_get_u16(algs, &a))
		if (c->ncr_sigalgs < sizeof(c->cr_sigalgs) /
		    sizeof(c->cr_sigalgs[0]))
			c->cr_sigalgs[c->ncr_sigalgs++] = a;
	return 0;
}

/* RFC 8446, 4.3.2: the extensions of a TLS 1.3 CertificateRequest */
static int
cr13_extensions(struct conn *c, struct cbs *exts)
{
	uint16_t seen[32], type;
	size_t nseen = 0, i;
	struct cbs body, v;
	int have_sigalgs = 0, ret;

	while (cbs_len(exts) > 0) {
		if (!cbs_get_u16(exts, &type) || !cbs_get_vec16(exts, &body))
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "extension list truncated");
		for (i = 0; i < nseen; i++)
			if (seen[i] == type)
				return tp_fail(c, TP_E_ILLEGAL,
				    "CertificateRequest: extension %u appears "
				    "twice (RFC 8446, 4.2)", type);
		if (nseen == sizeof(seen) / sizeof(seen[0]))
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "too many extensions");
		seen[nseen++] = type;
		switch (type) {
		case EXT_SIGNATURE_ALGORITHMS:
			if (!cbs_get_vec16(&body, &v) || cbs_len(&body) != 0)
				return tp_fail(c, TP_E_DECODE,
				    "CertificateRequest: signature_algorithms "
				    "malformed");
			if ((ret = parse_sigalgs(c, &v,
			    "signature_algorithms")) != 0)
				return ret;
			have_sigalgs = 1;
			break;
		case EXT_CERTIFICATE_AUTHORITIES:
			/* RFC 8446, 4.2.4: authorities<3..2^16-1> */
			if (!cbs_get_vec16(&body, &v) || cbs_len(&body) != 0 ||
			    cbs_len(&v) == 0)
				return tp_fail(c, TP_E_DECODE,
				    "CertificateRequest: "
				    "certificate_authorities malformed");
			if ((ret = parse_ca_names(c, &v,
			    "certificate_authorities")) != 0)
				return ret;
			break;
		default:
			/* oid_filters, signature_algorithms_cert, ...: noted */
			break;
		}
	}
	if (!have_sigalgs)
		return tp_fail(c, TP_E_ALERT(ALERT_MISSING_EXTENSION),
		    "CertificateRequest: no signature_algorithms (RFC 8446, "
		    "4.3.2)");
	return 0;
}

int
msg_parse_certificate_request(struct conn *c, struct cbs *body, uint8_t *rctx,
    size_t *rctxlen)
{
	struct cbs types, algs, cas, ctx, exts;
	uint8_t t;
	int ret;

	c->cert_requested = 1;
	c->ncr_types = c->ncr_sigalgs = c->ncr_ca_names = 0;
	c->cr_ca_names[0] = '\0';
	*rctxlen = 0;
	if (c->version >= TLS1_3_VERSION) {
		/* RFC 8446, 4.3.2 */
		if (!cbs_get_vec8(body, &ctx) || cbs_len(&ctx) > 255)
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "truncated at certificate_request_context");
		*rctxlen = cbs_len(&ctx);
		cbs_copy(&ctx, rctx, *rctxlen);
		if (!cbs_get_vec16(body, &exts) || cbs_len(body) != 0)
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "extensions length does not match the message");
		return cr13_extensions(c, &exts);
	}
	/* RFC 5246, 7.4.4 */
	if (!cbs_get_vec8(body, &types) || cbs_len(&types) == 0)
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
		    "certificate_types truncated or empty");
	while (cbs_get_u8(&types, &t))
		if (c->ncr_types < sizeof(c->cr_types))
			c->cr_types[c->ncr_types++] = t;
	if (c->version >= TLS1_2_VERSION) {
		if (!cbs_get_vec16(body, &algs))
			return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
			    "supported_signature_algorithms malformed");
		if ((ret = parse_sigalgs(c, &algs,
		    "supported_signature_algorithms")) != 0)
			return ret;
	}
	if (!cbs_get_vec16(body, &cas) || cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
		    "certificate_authorities length does not match");
	return parse_ca_names(c, &cas, "certificate_authorities");
}

/* RFC 8446, 4.4.3: 64 spaces, the context string, a zero byte, the hash */
static const char cv_server_context[] = "TLS 1.3, server CertificateVerify";
static const char cv_client_context[] = "TLS 1.3, client CertificateVerify";

int
msg_parse_certificate_verify(struct conn *c, struct cbs *body,
    const uint8_t *thash, size_t thashlen)
{
	const struct tp_sigscheme *s;
	uint8_t content[64 + sizeof(cv_server_context) + TP_MAX_HASH];
	struct cbs sig;
	uint16_t scheme;
	int ret;

	if (!cbs_get_u16(body, &scheme) || !cbs_get_vec16(body, &sig) ||
	    cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "CertificateVerify: length "
		    "does not match the message");
	s = sigscheme_by_code(scheme);
	if (s == NULL || !msg_offered_sigalg(c, scheme) || !s->tls13)
		return tp_fail(c, TP_E_ILLEGAL, "CertificateVerify: signature "
		    "scheme 0x%04x (%s) was not offered", scheme,
		    s != NULL ? s->name : "unknown");
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
	    64 + sizeof(cv_server_context) + thashlen, cbs_data(&sig),
	    cbs_len(&sig));
	if (ret != 0)
		return tp_fail(c, ret, "CertificateVerify: the %s signature "
		    "does not verify with the server's %s key", s->name,
		    c->peer_key_desc);
	c->peer_sigscheme = s;
	return 0;
}

/* --- the client's certificate ------------------------------------------ */

static int
has_cert_type(const struct conn *c, uint8_t t)
{
	size_t i;

	for (i = 0; i < c->ncr_types; i++)
		if (c->cr_types[i] == t)
			return 1;
	return 0;
}

/* Old hashes go last: a server that lists them also lists better ones. */
static int
weak_hash(const struct tp_sigscheme *s)
{
	return s->hash == HASH_SHA1 || s->hash == HASH_SHA224 ||
	    s->hash == HASH_MD5_SHA1;
}

const struct tp_sigscheme *
msg_client_sigscheme(const struct conn *c)
{
	const struct client_id *id = c->cfg->client;
	const struct tp_sigscheme *s;
	enum peer_key_type kt;
	int tls13 = c->version >= TLS1_3_VERSION, pass;
	size_t i;

	if (id == NULL || id->key == NULL)
		return NULL;
	kt = priv_key_type(id->key);
	if (!tls13) {
		/*
		 * RFC 5246, 7.4.4 and RFC 8422, 5.5: the certificate types
		 * the server takes (rsa_sign 1; ecdsa_sign 64, which covers
		 * EdDSA too).
		 */
		if ((kt == PK_RSA || kt == PK_RSA_PSS) && !has_cert_type(c, 1))
			return NULL;
		if ((kt == PK_EC || kt == PK_ED25519 || kt == PK_ED448) &&
		    !has_cert_type(c, 64))
			return NULL;
		if (kt == PK_DSA && !has_cert_type(c, 2))
			return NULL;
	}
	if (c->version < TLS1_2_VERSION) {
		/* RFC 2246, 7.4.8 / RFC 4346, 7.4.8: fixed algorithms */
		if (kt == PK_RSA)
			return &tp_sig_md5_sha1_rsa;
		if (kt == PK_EC)
			return &tp_sig_sha1_ecdsa;
		return NULL;
	}
	/*
	 * The server's order, except: RSA-PSS before PKCS#1 v1.5 for an RSA
	 * key (RFC 8446, 4.2.3 prefers it; TLS 1.3 requires it), and SHA-1
	 * or SHA-224 only when nothing else fits.
	 */
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < c->ncr_sigalgs; i++) {
			if ((s = sigscheme_by_code(c->cr_sigalgs[i])) == NULL ||
			    !priv_key_fits(id->key, s, tls13))
				continue;
			if (pass == 0 && (weak_hash(s) ||
			    (kt == PK_RSA && s->alg != SIG_RSA_PSS_RSAE)))
				continue;
			if (pass == 1 && weak_hash(s))
				continue;
			return s;
		}
	}
	return NULL;
}

int
msg_client_certificate(struct conn *c, struct cbb *out, const uint8_t *rctx,
    size_t rctxlen)
{
	const struct client_id *id = c->cfg->client;
	const struct tp_sigscheme *s = NULL;
	struct cbb b;
	char kd[64];
	size_t i;
	int tls13 = c->version >= TLS1_3_VERSION;

	c->client_cert_sent = 0;
	if (id == NULL)
		trace_info(c, "server requested a client certificate; "
		    "sending none");
	else if ((s = msg_client_sigscheme(c)) == NULL)
		trace_info(c, "server requested a client certificate, but "
		    "our %s key fits none of the certificate types and "
		    "signature algorithms it accepts; sending none",
		    priv_key_describe(id->key, kd, sizeof(kd)));
	else
		trace_info(c, "server requested a client certificate; sending "
		    "%s, signing with %s", id->subject, s->name);
	cbb_init(&b, 0);
	cbb_add_u8(&b, HS_CERTIFICATE);
	cbb_open(&b, 3);
	if (tls13) {
		/* RFC 8446, 4.4.2: the context of the request */
		cbb_open(&b, 1);
		cbb_add_bytes(&b, rctx, rctxlen);
		cbb_close(&b);
	}
	/* RFC 5246, 7.4.6: with no certificate, an empty list */
	cbb_open(&b, 3);
	for (i = 0; s != NULL && i < id->n; i++) {
		cbb_open(&b, 3);
		cbb_add_bytes(&b, id->der[i], id->len[i]);
		cbb_close(&b);
		if (tls13)
			cbb_add_u16(&b, 0);	/* no extensions */
	}
	cbb_close(&b);
	cbb_close(&b);
	if (!cbb_ok(&b)) {
		cbb_cleanup(&b);
		return tp_fail(c, TP_E_INTERNAL, "cannot build the client "
		    "Certificate");
	}
	/* the state machine sends it: the codec only builds */
	cbb_add_bytes(out, b.buf, b.len);
	cbb_cleanup(&b);
	if (!cbb_ok(out))
		return tp_fail(c, TP_E_INTERNAL, "cannot build the client "
		    "Certificate");
	c->client_cert_sent = s != NULL;
	c->client_sigscheme = s;
	return 0;
}

int
msg_client_certificate_verify(struct conn *c, struct cbb *out)
{
	const struct client_id *id = c->cfg->client;
	const struct tp_sigscheme *s = c->client_sigscheme;
	uint8_t content[64 + sizeof(cv_client_context) + TP_MAX_HASH];
	uint8_t sig[2048], dgst[TP_MAX_HASH];
	const uint8_t *msg;
	size_t siglen = sizeof(sig), msglen;
	struct cbb b;
	int ret;

	if (!c->client_cert_sent || s == NULL)
		return 0;
	if (c->version >= TLS1_3_VERSION) {
		/* RFC 8446, 4.4.3: over Transcript-Hash(... Certificate) */
		memset(content, 0x20, 64);
		memcpy(content + 64, cv_client_context,
		    sizeof(cv_client_context));
		if ((ret = transcript_hash(&c->ts, c->suite->prf,
		    content + 64 + sizeof(cv_client_context))) != 0)
			return tp_fail(c, ret, "transcript");
		msg = content;
		msglen = 64 + sizeof(cv_client_context) +
		    hash_len(c->suite->prf);
	} else if (s->alg == SIG_RSA_MD5_SHA1) {
		/* RFC 2246, 7.4.8: MD5(messages) + SHA(messages) */
		if ((ret = transcript_hash(&c->ts, HASH_MD5_SHA1, dgst)) != 0)
			return tp_fail(c, ret, "transcript");
		msg = dgst;
		msglen = 36;
	} else {
		/* RFC 5246, 7.4.8: all handshake messages so far */
		msg = c->ts.buf;
		msglen = c->ts.len;
	}
	ret = sig_sign(id->key, s, msg, msglen, sig, &siglen);
	tp_wipe(content, sizeof(content));
	if (ret != 0)
		return tp_fail(c, ret, "cannot sign the client "
		    "CertificateVerify with %s", s->name);
	cbb_init(&b, 0);
	cbb_add_u8(&b, HS_CERTIFICATE_VERIFY);
	cbb_open(&b, 3);
	/* RFC 5246, 7.4.1.4.1: TLS 1.2 names the algorithm first */
	if (c->version >= TLS1_2_VERSION)
		cbb_add_u16(&b, s->code);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, sig, siglen);
	cbb_close(&b);
	cbb_close(&b);
	if (!cbb_ok(&b)) {
		cbb_cleanup(&b);
		return tp_fail(c, TP_E_INTERNAL, "cannot build the client "
		    "CertificateVerify");
	}
	cbb_add_bytes(out, b.buf, b.len);
	cbb_cleanup(&b);
	if (!cbb_ok(out))
		return tp_fail(c, TP_E_INTERNAL, "cannot build the client "
		    "CertificateVerify");
	return 0;
}
