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
#include "hsbuf.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "sig.h"
#include "ssl3.h"
#include "x509.h"
#include "tperr.h"

/* RFC 6066, 8: CertificateStatusType */
#define STATUS_TYPE_OCSP	1

int
msg_check_scts(const struct cbs *body, const char *msg, struct tp_reason *why)
{
	struct cbs list = *body;
	struct cbs v;

	/* RFC 6962, 3.3: SerializedSCT sct_list <1..2^16-1> */
	if (!cbs_get_vec16(&list, &v) || cbs_len(&list) != 0 ||
	    cbs_len(&v) == 0)
		return tp_reason(why, TP_E_DECODE, "%s: "
		    "signed_certificate_timestamp is not a non-empty "
		    "SignedCertificateTimestampList (RFC 6962, 3.3)", msg);
	return 0;
}

/*
 * RFC 8446, 4.4.2: the extensions of one CertificateEntry.  Each must
 * answer one we sent; status_request on the leaf carries its OCSP
 * response (4.4.2.1), signed_certificate_timestamp its SCTs.
 */
static int
entry_extensions(const struct conn *c, struct cbs *exts, size_t n,
    struct certificate *cm, struct tp_reason *why)
{
	struct msg_ext_walk w;
	enum msg_ext_step step;
	uint16_t type;
	struct cbs body, resp;
	uint8_t st;
	int ret;

	msg_ext_walk_init(&w, exts, 16);
	while ((step = msg_ext_next(&w, &type, &body)) != MSG_EXT_END) {
		if (step == MSG_EXT_TRUNCATED)
			return tp_reason(why, TP_E_DECODE, "Certificate: entry "
			    "%zu extension list truncated", n);
		if (step == MSG_EXT_TWICE)
			return tp_reason(why, TP_E_ILLEGAL, "Certificate: "
			    "entry %zu has extension %u twice (RFC 8446, 4.2)",
			    n, type);
		if (step == MSG_EXT_TOO_MANY)
			return tp_reason(why, TP_E_DECODE, "Certificate: "
			    "entry %zu has too many extensions", n);
		if (!msg_offered_ext(c, type))
			return tp_reason(why, TP_E_ALERT(
			    ALERT_UNSUPPORTED_EXTENSION), "Certificate: entry "
			    "%zu carries extension %s (%u), which was not "
			    "offered (RFC 8446, 4.4.2)", n,
			    extension_name(type) ? extension_name(type) :
			    "unknown", type);
		if (type != EXT_STATUS_REQUEST && type != EXT_SCT)
			return tp_reason(why, TP_E_ILLEGAL, "Certificate: "
			    "entry %zu carries extension %s (%u), which has "
			    "no place there (RFC 8446, 4.2)", n,
			    extension_name(type) ? extension_name(type) :
			    "unknown", type);
		/* only the leaf's matter */
		if (type == EXT_SCT && n == 0) {
			if ((ret = msg_check_scts(&body, "Certificate",
			    why)) != 0)
				return ret;
			cm->has_scts = 1;
			cm->scts = body;
		}
		if (type != EXT_STATUS_REQUEST)
			continue;
		/* RFC 8446, 4.4.2.1: a CertificateStatus structure */
		if (!cbs_get_u8(&body, &st) || !cbs_get_vec24(&body, &resp) ||
		    cbs_len(&body) != 0 || cbs_len(&resp) == 0)
			return tp_reason(why, TP_E_DECODE, "Certificate: entry "
			    "%zu status_request is not a CertificateStatus", n);
		if (st != STATUS_TYPE_OCSP)
			return tp_reason(why, TP_E_ILLEGAL, "Certificate: "
			    "entry %zu status_type %u is not ocsp (RFC 6066, "
			    "8)", n, st);
		if (n == 0) {
			cm->ocsp = resp;
			cm->has_ocsp = 1;
		}
	}
	return 0;
}

int
msg_parse_certificate(const struct conn *c, struct cbs *body,
    struct certificate *cm, struct tp_reason *why)
{
	struct cbs ctx, list, cert, exts;
	int tls13 = c->version >= TLS1_3_VERSION, ret;

	memset(cm, 0, sizeof(*cm));
	why->text[0] = '\0';
	if (tls13) {
		/* RFC 8446, 4.4.2: empty context for the server's chain */
		if (!cbs_get_vec8(body, &ctx))
			return tp_reason(why, TP_E_DECODE, "Certificate: "
			    "truncated at certificate_request_context");
		if (cbs_len(&ctx) != 0)
			return tp_reason(why, TP_E_ILLEGAL, "Certificate: "
			    "certificate_request_context is not empty");
	}
	if (!cbs_get_vec24(body, &list) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "Certificate: "
		    "certificate_list length does not match the message");
	while (cbs_len(&list) > 0) {
		if (!cbs_get_vec24(&list, &cert) || cbs_len(&cert) == 0)
			return tp_reason(why, TP_E_DECODE, "Certificate: entry "
			    "%zu truncated or empty", cm->nentries);
		if (tls13 && !cbs_get_vec16(&list, &exts))
			return tp_reason(why, TP_E_DECODE, "Certificate: entry "
			    "%zu extensions truncated", cm->nentries);
		if (tls13 && (ret = entry_extensions(c, &exts, cm->nentries,
		    cm, why)) != 0)
			return ret;
		/* a longer chain is parsed whole, its first entries kept */
		if (cm->ncert < TP_MAX_CERTS)
			cm->cert[cm->ncert++] = cert;
		cm->nentries++;
	}
	/* RFC 8446, 4.4.2.4 / RFC 5246, 7.4.2 */
	if (cm->nentries == 0)
		return tp_reason(why, TP_E_DECODE, "Certificate: the server "
		    "sent no certificate");
	return 0;
}

int
msg_parse_certificate_status(const struct conn *c, struct cbs *body,
    struct cbs *ocsp, struct tp_reason *why)
{
	uint8_t type;

	(void)c;
	why->text[0] = '\0';
	/* RFC 6066, 8: status_type, then OCSPResponse<1..2^24-1> */
	if (!cbs_get_u8(body, &type) || !cbs_get_vec24(body, ocsp) ||
	    cbs_len(body) != 0 || cbs_len(ocsp) == 0)
		return tp_reason(why, TP_E_DECODE, "CertificateStatus: length "
		    "does not match the message");
	if (type != STATUS_TYPE_OCSP)
		return tp_reason(why, TP_E_ILLEGAL, "CertificateStatus: "
		    "status_type %u is not ocsp (RFC 6066, 8)", type);
	return 0;
}

/* certificate_authorities: DistinguishedName<1..2^16-1> each, as text */
static int
parse_ca_names(struct cbs *cas, const char *what,
    struct certificate_request *cr, struct tp_reason *why)
{
	struct cbs all = *cas, dn;
	char name[512];
	size_t n = 0;

	/* RFC 5246, 7.4.4; RFC 8446, 4.2.4: DistinguishedName<1..2^16-1> */
	while (cbs_len(cas) > 0) {
		if (!cbs_get_vec16(cas, &dn))
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "%s truncated", what);
		if (cbs_len(&dn) == 0 || x509_name_text(cbs_data(&dn),
		    cbs_len(&dn), name, sizeof(name)) != 0)
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "%s entry %zu is not a DER DistinguishedName",
			    what, n);
		n++;
	}
	cr->ca_names = all;
	return 0;
}

static int
parse_sigalgs(struct cbs *algs, const char *what,
    struct certificate_request *cr, struct tp_reason *why)
{
	/* RFC 8446, 4.2.3: supported_signature_algorithms<2..2^16-2> */
	if (cbs_len(algs) == 0 || cbs_len(algs) % 2 != 0)
		return tp_reason(why, TP_E_DECODE, "CertificateRequest: %s "
		    "malformed", what);
	cr->sigalgs = *algs;
	return 0;
}

/* RFC 8446, 4.3.2: the extensions of a TLS 1.3 CertificateRequest */
static int
cr13_extensions(struct cbs *exts, struct certificate_request *cr,
    struct tp_reason *why)
{
	struct msg_ext_walk w;
	enum msg_ext_step st;
	uint16_t type;
	struct cbs body, v;
	int have_sigalgs = 0, ret;

	msg_ext_walk_init(&w, exts, 32);
	while ((st = msg_ext_next(&w, &type, &body)) != MSG_EXT_END) {
		if (st == MSG_EXT_TRUNCATED)
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "extension list truncated");
		if (st == MSG_EXT_TWICE)
			return tp_reason(why, TP_E_ILLEGAL, "CertificateRequest: "
			    "extension %u appears twice (RFC 8446, 4.2)", type);
		if (st == MSG_EXT_TOO_MANY)
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "too many extensions");
		switch (type) {
		case EXT_SIGNATURE_ALGORITHMS:
			if (!cbs_get_vec16(&body, &v) || cbs_len(&body) != 0)
				return tp_reason(why, TP_E_DECODE,
				    "CertificateRequest: signature_algorithms "
				    "malformed");
			if ((ret = parse_sigalgs(&v, "signature_algorithms",
			    cr, why)) != 0)
				return ret;
			have_sigalgs = 1;
			break;
		case EXT_CERTIFICATE_AUTHORITIES:
			/* RFC 8446, 4.2.4: authorities<3..2^16-1> */
			if (!cbs_get_vec16(&body, &v) || cbs_len(&body) != 0 ||
			    cbs_len(&v) == 0)
				return tp_reason(why, TP_E_DECODE,
				    "CertificateRequest: "
				    "certificate_authorities malformed");
			if ((ret = parse_ca_names(&v,
			    "certificate_authorities", cr, why)) != 0)
				return ret;
			break;
		default:
			/* oid_filters, signature_algorithms_cert, ...: noted */
			break;
		}
	}
	if (!have_sigalgs)
		return tp_reason(why, TP_E_ALERT(ALERT_MISSING_EXTENSION),
		    "CertificateRequest: no signature_algorithms (RFC 8446, "
		    "4.3.2)");
	return 0;
}

int
msg_parse_certificate_request(const struct conn *c, struct cbs *body,
    struct certificate_request *cr, struct tp_reason *why)
{
	struct cbs algs, cas, exts;

	memset(cr, 0, sizeof(*cr));
	why->text[0] = '\0';
	if (c->version >= TLS1_3_VERSION) {
		/* RFC 8446, 4.3.2 */
		if (!cbs_get_vec8(body, &cr->context))
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "truncated at certificate_request_context");
		if (!cbs_get_vec16(body, &exts) || cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "extensions length does not match the message");
		return cr13_extensions(&exts, cr, why);
	}
	/* RFC 5246, 7.4.4 */
	if (!cbs_get_vec8(body, &cr->types) || cbs_len(&cr->types) == 0)
		return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
		    "certificate_types truncated or empty");
	if (c->version >= TLS1_2_VERSION) {
		int ret;

		if (!cbs_get_vec16(body, &algs))
			return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
			    "supported_signature_algorithms malformed");
		if ((ret = parse_sigalgs(&algs,
		    "supported_signature_algorithms", cr, why)) != 0)
			return ret;
	}
	if (!cbs_get_vec16(body, &cas) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "CertificateRequest: "
		    "certificate_authorities length does not match");
	return parse_ca_names(&cas, "certificate_authorities", cr, why);
}

int
msg_parse_certificate_verify(const struct conn *c, struct cbs *body,
    struct certificate_verify *cv, struct tp_reason *why)
{
	const struct tp_sigscheme *s;
	uint16_t scheme;

	memset(cv, 0, sizeof(*cv));
	why->text[0] = '\0';
	if (!cbs_get_u16(body, &scheme) || !cbs_get_vec16(body, &cv->sig) ||
	    cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "CertificateVerify: length "
		    "does not match the message");
	s = sigscheme_by_code(scheme);
	if (s == NULL || !msg_offered_sigalg(c, scheme) || !s->tls13)
		return tp_reason(why, TP_E_ILLEGAL, "CertificateVerify: "
		    "signature scheme 0x%04x (%s) was not offered", scheme,
		    s != NULL ? s->name : "unknown");
	cv->scheme = s;
	return 0;
}

/* --- the client's certificate ------------------------------------------ */

/* RFC 8446, 4.4.3: 64 spaces, the context string, a zero byte, the hash */
static const char cv_client_context[] = "TLS 1.3, client CertificateVerify";

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

/* -client_sigalgs (s_client's): the schemes we may sign with; none: any */
static int
client_sigalg_allowed(const struct conn *c, uint16_t code)
{
	size_t i;

	if (c->cfg->nclient_sigalgs == 0)
		return 1;
	for (i = 0; i < c->cfg->nclient_sigalgs; i++)
		if (c->cfg->client_sigalgs[i] == code)
			return 1;
	return 0;
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
			    !priv_key_fits(id->key, s, tls13) ||
			    !client_sigalg_allowed(c, s->code))
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
	size_t i;
	int tls13 = c->version >= TLS1_3_VERSION;

	c->client_cert_sent = 0;
	if (id != NULL)
		s = msg_client_sigscheme(c);
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
	} else if (c->version == SSL3_VERSION) {
		/* RFC 6101, 5.6.8: the Finished hashes without a sender */
		if (s->alg != SIG_RSA_MD5_SHA1)
			return tp_fail(c, TP_E_HANDSHAKE, "SSL 3.0 client "
			    "authentication is done with RSA keys only");
		if ((ret = ssl3_handshake_hashes(&c->ts, NULL, c->master,
		    dgst)) != 0)
			return tp_fail(c, ret, "transcript");
		msg = dgst;
		msglen = SSL3_HASHES_LEN;
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
