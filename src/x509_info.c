/*
 * x509_info.c -- the fields of a certificate as strings, for -json.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509_info.h"

/* s_client's one-line names, in UTF-8 instead of \XX escapes */
#define INFO_NAME_FLAGS \
	((XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT)

static void
bio_take(BIO *mem, char *buf, size_t len)
{
	char *p;
	long n = BIO_get_mem_data(mem, &p);

	if (n < 0)
		n = 0;
	if ((size_t)n >= len)
		n = (long)len - 1;
	memcpy(buf, p, (size_t)n);
	buf[n] = '\0';
	(void)BIO_reset(mem);
}

static void
name_text(BIO *mem, const X509_NAME *nm, char *buf, size_t len)
{
	if (X509_NAME_print_ex(mem, nm, 0, INFO_NAME_FLAGS) < 0)
		(void)BIO_reset(mem);
	bio_take(mem, buf, len);
}

static void
time_text(const ASN1_TIME *t, char *buf, size_t len)
{
	struct tm tm;

	buf[0] = '\0';
	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return;
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
add_sans(X509 *x, struct x509_info *in)
{
	GENERAL_NAMES *gens;
	const GENERAL_NAME *g;
	const unsigned char *d;
	char *s = NULL;
	int i, n, l;

	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	if (gens == NULL)
		return;
	n = sk_GENERAL_NAME_num(gens);
	for (i = 0; i < n; i++) {
		char *out;

		g = sk_GENERAL_NAME_value(gens, i);
		if (in->nsans == X509_INFO_MAXSANS) {
			in->more_sans++;
			continue;
		}
		out = in->sans[in->nsans];
		switch (g->type) {
		case GEN_DNS:
		case GEN_EMAIL:
		case GEN_URI:
			d = ASN1_STRING_get0_data(g->d.ia5);
			l = ASN1_STRING_length(g->d.ia5);
			snprintf(out, 256, "%s:%.*s", g->type == GEN_DNS ?
			    "DNS" : g->type == GEN_EMAIL ? "email" : "URI",
			    l > 200 ? 200 : l, (const char *)d);
			break;
		case GEN_IPADD:
			s = i2s_ASN1_OCTET_STRING(NULL, g->d.ip);
			l = ASN1_STRING_length(g->d.ip);
			d = ASN1_STRING_get0_data(g->d.ip);
			if (l == 4)
				snprintf(out, 256, "IP:%u.%u.%u.%u", d[0],
				    d[1], d[2], d[3]);
			else
				snprintf(out, 256, "IP:%s", s ? s : "?");
			OPENSSL_free(s);
			s = NULL;
			break;
		default:
			snprintf(out, 256, "othername(type %d)", g->type);
			break;
		}
		in->nsans++;
	}
	GENERAL_NAMES_free(gens);
}

int
x509_info(const uint8_t *der, size_t len, struct x509_info *in)
{
	const unsigned char *p = der;
	const X509_ALGOR *algor;
	const ASN1_BIT_STRING *sig;
	const ASN1_OBJECT *obj = NULL;
	ASN1_INTEGER *ser;
	BIGNUM *bn = NULL;
	EVP_PKEY *pk;
	X509 *x = NULL;
	BIO *mem = NULL;
	char *hex;
	const char *type;
	size_t glen;
	unsigned int mdlen = 0;
	int ret = -1;

	memset(in, 0, sizeof(*in));
	if (der == NULL || len == 0 || len > LONG_MAX)
		goto out;
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	name_text(mem, X509_get_subject_name(x), in->subject,
	    sizeof(in->subject));
	name_text(mem, X509_get_issuer_name(x), in->issuer,
	    sizeof(in->issuer));
	time_text(X509_get0_notBefore(x), in->not_before,
	    sizeof(in->not_before));
	time_text(X509_get0_notAfter(x), in->not_after, sizeof(in->not_after));
	if ((pk = X509_get0_pubkey(x)) != NULL) {
		type = EVP_PKEY_get0_type_name(pk);
		if (type == NULL)
			type = OBJ_nid2sn(EVP_PKEY_get_base_id(pk));
		snprintf(in->key_type, sizeof(in->key_type), "%s",
		    type != NULL ? type : "unknown");
		in->key_bits = EVP_PKEY_get_bits(pk);
		if (!EVP_PKEY_get_utf8_string_param(pk,
		    OSSL_PKEY_PARAM_GROUP_NAME, in->key_group,
		    sizeof(in->key_group), &glen))
			in->key_group[0] = '\0';
	} else
		snprintf(in->key_type, sizeof(in->key_type), "unknown");
	X509_get0_signature(&sig, &algor, x);
	if (algor != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, algor);
	if (obj == NULL || OBJ_obj2txt(in->sig_alg, sizeof(in->sig_alg), obj,
	    0) <= 0)
		snprintf(in->sig_alg, sizeof(in->sig_alg), "unknown");
	ser = X509_get_serialNumber(x);
	if (ser != NULL && (bn = ASN1_INTEGER_to_BN(ser, NULL)) != NULL &&
	    (hex = BN_bn2hex(bn)) != NULL) {
		snprintf(in->serial, sizeof(in->serial), "%s", hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	(void)EVP_Digest(der, len, in->sha256, &mdlen, EVP_sha256(), NULL);
	add_sans(x, in);
	ret = 0;
 out:
	BIO_free(mem);
	X509_free(x);
	return ret;
}

char *
x509_info_pem(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = NULL;
	BIO *mem = NULL;
	char *data, *s = NULL;
	long n;

	if (der == NULL || len == 0 || len > LONG_MAX)
		return NULL;
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		return NULL;
	if ((mem = BIO_new(BIO_s_mem())) != NULL && PEM_write_bio_X509(mem, x) &&
	    (n = BIO_get_mem_data(mem, &data)) > 0 &&
	    (s = malloc((size_t)n + 1)) != NULL) {
		memcpy(s, data, (size_t)n);
		s[n] = '\0';
	}
	BIO_free(mem);
	X509_free(x);
	return s;
}
