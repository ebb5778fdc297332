/*
 * msg_cert.c -- Certificate, CertificateRequest and (TLS 1.3)
 * CertificateVerify from the server.
 */
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "keysched.h"
#include "msg.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"

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

int
msg_parse_certificate(struct conn *c, struct cbs *body)
{
	struct cbs ctx, list, cert, exts;
	size_t n = 0;
	int tls13 = c->version >= TLS1_3_VERSION, ret;

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
		if ((ret = keep_cert(c, &cert)) != 0)
			return ret;
		n++;
	}
	/* RFC 8446, 4.4.2.4 / RFC 5246, 7.4.2 */
	if (n == 0)
		return tp_fail(c, TP_E_DECODE, "Certificate: the server sent "
		    "no certificate");
	return check_leaf(c);
}

int
msg_parse_certificate_request(struct conn *c, struct cbs *body, uint8_t *rctx,
    size_t *rctxlen)
{
	struct cbs types, algs, cas, ctx, exts;

	c->cert_requested = 1;
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
		return 0;
	}
	/* RFC 5246, 7.4.4 */
	if (!cbs_get_vec8(body, &types) || cbs_len(&types) == 0)
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
		    "certificate_types truncated or empty");
	if (c->version >= TLS1_2_VERSION &&
	    (!cbs_get_vec16(body, &algs) || cbs_len(&algs) % 2 != 0))
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
		    "supported_signature_algorithms malformed");
	if (!cbs_get_vec16(body, &cas) || cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "CertificateRequest: "
		    "certificate_authorities length does not match");
	return 0;
}

/* RFC 8446, 4.4.3: 64 spaces, the context string, a zero byte, the hash */
static const char cv_server_context[] = "TLS 1.3, server CertificateVerify";

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
