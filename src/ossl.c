/*
 * ossl.c -- openssl s_client's wording, as tables (OpenSSL 3.0 strings,
 * checked against openssl s_client 3.0 output side by side).
 */
#include <stdio.h>

#include "names.h"
#include "ossl.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* SSL_alert_desc_string_long() (ssl/ssl_stat.c) */
static const struct tp_name alert_desc[] = {
	{ 0, "close notify" }, { 10, "unexpected_message" },
	{ 20, "bad record mac" }, { 21, "decryption failed" },
	{ 22, "record overflow" }, { 30, "decompression failure" },
	{ 40, "handshake failure" }, { 41, "no certificate" },
	{ 42, "bad certificate" }, { 43, "unsupported certificate" },
	{ 44, "certificate revoked" }, { 45, "certificate expired" },
	{ 46, "certificate unknown" }, { 47, "illegal parameter" },
	{ 48, "unknown CA" }, { 49, "access denied" },
	{ 50, "decode error" }, { 51, "decrypt error" },
	{ 60, "export restriction" }, { 70, "protocol version" },
	{ 71, "insufficient security" }, { 80, "internal error" },
	{ 90, "user canceled" }, { 100, "no renegotiation" },
	{ 110, "unsupported extension" }, { 111, "certificate unobtainable" },
	{ 112, "unrecognized name" },
	{ 113, "bad certificate status response" },
	{ 114, "bad certificate hash value" }, { 115, "unknown PSK identity" },
	{ 120, "no application protocol" },
};

/* The SSL_R_*ALERT* reason strings (ssl/ssl_err.c), code 1000 + alert */
static const struct tp_name alert_reason[] = {
	{ 0, "sslv3 alert close notify" },	/* not in OpenSSL: EOF */
	{ 10, "sslv3 alert unexpected message" },
	{ 20, "sslv3 alert bad record mac" },
	{ 21, "tlsv1 alert decryption failed" },
	{ 22, "tlsv1 alert record overflow" },
	{ 30, "sslv3 alert decompression failure" },
	{ 40, "sslv3 alert handshake failure" },
	{ 41, "sslv3 alert no certificate" },
	{ 42, "sslv3 alert bad certificate" },
	{ 43, "sslv3 alert unsupported certificate" },
	{ 44, "sslv3 alert certificate revoked" },
	{ 45, "sslv3 alert certificate expired" },
	{ 46, "sslv3 alert certificate unknown" },
	{ 47, "sslv3 alert illegal parameter" },
	{ 48, "tlsv1 alert unknown ca" },
	{ 49, "tlsv1 alert access denied" },
	{ 50, "tlsv1 alert decode error" },
	{ 51, "tlsv1 alert decrypt error" },
	{ 60, "tlsv1 alert export restriction" },
	{ 70, "tlsv1 alert protocol version" },
	{ 71, "tlsv1 alert insufficient security" },
	{ 80, "tlsv1 alert internal error" },
	{ 86, "tlsv1 alert inappropriate fallback" },
	{ 90, "tlsv1 alert user cancelled" },
	{ 100, "tlsv1 alert no renegotiation" },
	{ 109, "tlsv13 alert missing extension" },
	{ 110, "tlsv1 unsupported extension" },
	{ 111, "tlsv1 certificate unobtainable" },
	{ 112, "tlsv1 unrecognized name" },
	{ 113, "tlsv1 bad certificate status response" },
	{ 114, "tlsv1 bad certificate hash value" },
	{ 115, "tlsv1 alert unknown psk identity" },
	{ 116, "tlsv13 alert certificate required" },
	{ 120, "tlsv1 alert no application protocol" },
};

static const char *
find(const struct tp_name *t, size_t n, unsigned code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return NULL;
}

const char *
ossl_alert_desc(uint8_t desc)
{
	const char *s = find(alert_desc, NELEM(alert_desc), desc);

	return s != NULL ? s : "unknown";
}

const char *
ossl_alert_level(uint8_t level)
{
	return level == 1 ? "warning" : level == 2 ? "fatal" : "unknown";
}

const char *
ossl_alert_reason(uint8_t desc)
{
	return find(alert_reason, NELEM(alert_reason), desc);
}

unsigned long
ossl_alert_code(uint8_t desc)
{
	/* ERR_PACK(ERR_LIB_SSL, 0, SSL_AD_REASON_OFFSET + desc) */
	return 0x0A000000ul | (1000ul + desc);
}

/* SSL_state_string_long() of the state a client enters after a message */
static const struct {
	int		 type;		/* handshake type, -1: CCS */
	int		 sent;
	const char	*name;
} states[] = {
	{ HS_CLIENT_HELLO, 1, "SSLv3/TLS write client hello" },
	{ HS_CERTIFICATE, 1, "SSLv3/TLS write client certificate" },
	{ HS_CLIENT_KEY_EXCHANGE, 1, "SSLv3/TLS write client key exchange" },
	{ HS_CERTIFICATE_VERIFY, 1, "SSLv3/TLS write certificate verify" },
	{ -1, 1, "SSLv3/TLS write change cipher spec" },
	{ 67, 1, "SSLv3/TLS write next proto" },
	{ HS_FINISHED, 1, "SSLv3/TLS write finished" },
	{ HS_KEY_UPDATE, 1, "TLSv1.3 write client key update" },
	{ HS_SERVER_HELLO, 0, "SSLv3/TLS read server hello" },
	{ HS_ENCRYPTED_EXTENSIONS, 0, "TLSv1.3 read encrypted extensions" },
	{ HS_CERTIFICATE_REQUEST, 0,
	    "SSLv3/TLS read server certificate request" },
	{ HS_CERTIFICATE, 0, "SSLv3/TLS read server certificate" },
	{ HS_CERTIFICATE_STATUS, 0, "SSLv3/TLS read certificate status" },
	{ HS_SERVER_KEY_EXCHANGE, 0, "SSLv3/TLS read server key exchange" },
	{ HS_SERVER_HELLO_DONE, 0, "SSLv3/TLS read server done" },
	{ HS_CERTIFICATE_VERIFY, 0, "TLSv1.3 read server certificate verify" },
	{ HS_NEW_SESSION_TICKET, 0, "SSLv3/TLS read server session ticket" },
	{ -1, 0, "SSLv3/TLS read change cipher spec" },
	{ HS_FINISHED, 0, "SSLv3/TLS read finished" },
	{ HS_KEY_UPDATE, 0, "TLSv1.3 read server key update" },
	{ HS_HELLO_REQUEST, 0, "SSLv3/TLS read hello request" },
};

const char *
ossl_state_after(int type, int sent)
{
	size_t i;

	for (i = 0; i < NELEM(states); i++)
		if (states[i].type == type && states[i].sent == sent)
			return states[i].name;
	return NULL;
}

const char *
ossl_sig_type(const struct tp_sigscheme *s)
{
	switch (s->alg) {
	case SIG_RSA_PKCS1:
	case SIG_RSA_MD5_SHA1:
		return "RSA";
	case SIG_RSA_PSS_RSAE:
	case SIG_RSA_PSS_PSS:
		return "RSA-PSS";
	case SIG_ECDSA:
		return "ECDSA";
	case SIG_ED25519:
		return "ed25519";	/* s_client 3.0 prints these in lower case */
	case SIG_ED448:
		return "ed448";
	case SIG_DSA:
		return "DSA";
	}
	return "unknown";
}

const char *
ossl_sig_digest(const struct tp_sigscheme *s)
{
	/* OBJ_nid2sn() of the digest */
	switch (s->hash) {
	case HASH_MD5_SHA1:
		return "MD5-SHA1";
	case HASH_SHA1:
		return "SHA1";
	case HASH_SHA224:
		return "SHA224";
	case HASH_SHA256:
		return "SHA256";
	case HASH_SHA384:
		return "SHA384";
	case HASH_SHA512:
		return "SHA512";
	case HASH_MD5:
		return "MD5";
	case HASH_NONE:
		break;
	}
	return NULL;
}

void
ossl_temp_key(uint16_t group, int bits, char *buf, size_t len)
{
	const struct tp_group *g = group != 0 ? group_by_code(group) : NULL;
	const char *curve = NULL;

	/* ssl_print_tmp_key() in apps/lib/s_cb.c */
	switch (group) {
	case 0x0017:
		curve = "prime256v1";
		break;
	case 0x0018:
		curve = "secp384r1";
		break;
	case 0x0019:
		curve = "secp521r1";
		break;
	default:
		break;
	}
	if (curve != NULL)
		snprintf(buf, len, "ECDH, %s, %d bits", curve, bits);
	else if (g != NULL && g->kind == GROUP_ECX)
		snprintf(buf, len, "%s, %d bits", g->name, bits);
	else if (g != NULL && g->kind == GROUP_EC)
		snprintf(buf, len, "ECDH, %s, %d bits", g->alias != NULL ?
		    g->alias : g->name, bits);
	else
		snprintf(buf, len, "DH, %d bits", bits);
}

const char *
ossl_cipher_version(uint16_t code)
{
	const struct tp_suite *s = suite_by_code(code);

	if (s == NULL)
		return "(NONE)";
	if (s->min_version >= TLS1_3_VERSION)
		return "TLSv1.3";
	if (s->min_version >= TLS1_2_VERSION)
		return "TLSv1.2";
	/*
	 * OpenSSL's table gives the RFC 4492 (EC) and RFC 5487 (PSK with
	 * SHA-256/384) suites TLS 1.0 as their minimum, the older ones SSL 3.
	 */
	if (s->kex == KEX_ECDHE || s->kex == KEX_ECDH_ANON ||
	    s->kex == KEX_ECDHE_PSK || s->kex == KEX_ECDH_STATIC ||
	    s->mac == HASH_SHA256 || s->mac == HASH_SHA384)
		return "TLSv1";
	return "SSLv3";
}

/* apps/lib/s_cb.c tlsext_types[]: -tlsextdebug's names */
static const struct tp_name tlsext_names[] = {
	{ 0, "server name" }, { 1, "max fragment length" },
	{ 2, "client certificate URL" }, { 3, "trusted CA keys" },
	{ 4, "truncated HMAC" }, { 5, "status request" },
	{ 6, "user mapping" }, { 7, "client authz" }, { 8, "server authz" },
	{ 9, "cert type" }, { 10, "supported_groups" },
	{ 11, "EC point formats" }, { 12, "SRP" },
	{ 13, "signature algorithms" }, { 14, "use SRTP" },
	{ 35, "session ticket" }, { 65281, "renegotiation info" },
	{ 18, "signed certificate timestamps" }, { 21, "TLS padding" },
	{ 13172, "next protocol" }, { 22, "encrypt-then-mac" },
	{ 16, "application layer protocol negotiation" },
	{ 23, "extended master secret" }, { 51, "key share" },
	{ 43, "supported versions" }, { 41, "psk" }, { 45, "psk kex modes" },
	{ 47, "certificate authorities" }, { 49, "post handshake auth" },
};

const char *
ossl_tlsext_name(uint16_t type)
{
	const char *s = find(tlsext_names, NELEM(tlsext_names), type);

	return s != NULL ? s : "unknown";
}

void
ossl_bio_dump(FILE *out, const uint8_t *p, size_t n)
{
	size_t i, j;

	/* BIO_dump(): offset, 16 bytes with '-' after the 8th, printables */
	for (i = 0; i < n; i += 16) {
		fprintf(out, "%04zx - ", i);
		for (j = 0; j < 16; j++) {
			if (i + j >= n)
				fputs("   ", out);
			else
				fprintf(out, "%02x%c", p[i + j], j == 7 ? '-' :
				    ' ');
		}
		fputs("  ", out);
		for (j = 0; j < 16 && i + j < n; j++)
			fputc(p[i + j] >= ' ' && p[i + j] <= '~' ? p[i + j] :
			    '.', out);
		fputc('\n', out);
	}
}
