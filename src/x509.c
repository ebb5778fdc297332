/*
 * x509.c -- certificates through libcrypto: parse DER off the wire and
 * print the fields a handshake trace wants.  Certificates arrive as DER,
 * so d2i_X509() is the only decoder used: the PEM/OSSL_DECODER machinery
 * costs a third of a millisecond a call and is never needed here.
 *
 * Everything printed comes from the peer.  Names go through
 * XN_FLAG_ONELINE, which escapes control characters and bytes above 0x7e
 * (RFC 2253 escaping), so a hostile name cannot start a new trace line
 * or drive the terminal.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "x509.h"

#define NAME_FLAGS	XN_FLAG_ONELINE

/*
 * Copy what the memory BIO holds to out as one line, "label=...", and
 * empty the BIO for the next field.
 */
static void
flush_line(FILE *out, int indent, const char *label, BIO *mem)
{
	char *p;
	long n;

	n = BIO_get_mem_data(mem, &p);
	if (n < 0)
		n = 0;
	fprintf(out, "%*s%s=%.*s\n", indent, "", label,
	    (int)(n > INT_MAX ? INT_MAX : n), n > 0 ? p : "");
	(void)BIO_reset(mem);
}

static void
print_time(FILE *out, int indent, const char *label, const ASN1_TIME *t,
    BIO *mem)
{
	if (t == NULL || !ASN1_TIME_print(mem, t)) {
		(void)BIO_reset(mem);
		BIO_puts(mem, "<invalid time>");
	}
	flush_line(out, indent, label, mem);
}

/* public_key=RSA (2048 bits) or public_key=EC (256 bits, prime256v1) */
static void
print_pubkey(FILE *out, int indent, X509 *x)
{
	X509_PUBKEY *xpk;
	ASN1_OBJECT *alg = NULL;
	EVP_PKEY *pk;
	const char *type;
	char buf[80];
	size_t glen;

	pk = X509_get0_pubkey(x);
	if (pk == NULL) {
		/* The key did not decode; at least name its algorithm. */
		xpk = X509_get_X509_PUBKEY(x);
		if (xpk == NULL || !X509_PUBKEY_get0_param(&alg, NULL, NULL,
		    NULL, xpk) || alg == NULL ||
		    OBJ_obj2txt(buf, sizeof(buf), alg, 0) <= 0)
			strlcpy(buf, "unknown", sizeof(buf));
		fprintf(out, "%*spublic_key=%s (undecodable key)\n", indent,
		    "", buf);
		return;
	}
	type = EVP_PKEY_get0_type_name(pk);
	if (type == NULL)
		type = OBJ_nid2sn(EVP_PKEY_get_base_id(pk));
	if (type == NULL)
		type = "unknown";
	if (EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
	    buf, sizeof(buf), &glen) && glen > 0)
		fprintf(out, "%*spublic_key=%s (%d bits, %s)\n", indent, "",
		    type, EVP_PKEY_get_bits(pk), buf);
	else
		fprintf(out, "%*spublic_key=%s (%d bits)\n", indent, "", type,
		    EVP_PKEY_get_bits(pk));
}

static void
print_sigalg(FILE *out, int indent, const X509 *x)
{
	const ASN1_BIT_STRING *sig;
	const X509_ALGOR *algor;
	const ASN1_OBJECT *obj = NULL;
	char buf[80];

	X509_get0_signature(&sig, &algor, x);
	if (algor != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, algor);
	if (obj == NULL || OBJ_obj2txt(buf, sizeof(buf), obj, 0) <= 0)
		strlcpy(buf, "unknown", sizeof(buf));
	fprintf(out, "%*ssignature_algorithm=%s\n", indent, "", buf);
}

int
x509_print_brief(FILE *out, int indent, const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = NULL;
	BIO *mem = NULL;
	int ret = -1;

	if (der == NULL || len == 0 || len > LONG_MAX)
		goto out;
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;

	if (X509_NAME_print_ex(mem, X509_get_subject_name(x), 0,
	    NAME_FLAGS) < 0)
		(void)BIO_reset(mem);
	flush_line(out, indent, "subject", mem);
	if (X509_NAME_print_ex(mem, X509_get_issuer_name(x), 0,
	    NAME_FLAGS) < 0)
		(void)BIO_reset(mem);
	flush_line(out, indent, "issuer", mem);
	print_time(out, indent, "notBefore", X509_get0_notBefore(x), mem);
	print_time(out, indent, "notAfter", X509_get0_notAfter(x), mem);
	print_pubkey(out, indent, x);
	print_sigalg(out, indent, x);
	/* The TLS vector bounds the certificate; DER inside must fill it. */
	if (p != der + len)
		fprintf(out, "%*s<%zu bytes after the certificate>\n", indent,
		    "", len - (size_t)(p - der));
	ret = 0;
 out:
	BIO_free(mem);
	X509_free(x);
	return ret;
}

int
x509_print_name(FILE *out, int indent, const char *label,
    const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509_NAME *name = NULL;
	BIO *mem = NULL;
	int ret = -1;

	if (der == NULL || len == 0 || len > LONG_MAX)
		goto out;
	/* RFC 5246, 7.4.4: a DER-encoded DistinguishedName, nothing after. */
	if ((name = d2i_X509_NAME(NULL, &p, (long)len)) == NULL ||
	    p != der + len)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	if (X509_NAME_print_ex(mem, name, 0, NAME_FLAGS) < 0)
		goto out;
	flush_line(out, indent, label, mem);
	ret = 0;
 out:
	BIO_free(mem);
	X509_NAME_free(name);
	return ret;
}
