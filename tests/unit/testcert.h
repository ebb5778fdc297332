/*
 * testcert.h -- a throwaway certificate for unit tests, built with
 * libcrypto so that peer_key_from_cert() gets real DER.
 */
#ifndef TESTCERT_H
#define TESTCERT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* A certificate for key, signed by signer, as DER (*der: OPENSSL_free). */
static inline size_t
unit_make_cert(EVP_PKEY *key, EVP_PKEY *signer, uint8_t **der)
{
	X509 *x = X509_new();
	X509_NAME *nm = X509_NAME_new();
	int len = -1;

	*der = NULL;
	if (x == NULL || nm == NULL)
		goto out;
	if (X509_set_version(x, 2) != 1 ||
	    ASN1_INTEGER_set(X509_get_serialNumber(x), 7) != 1 ||
	    X509_gmtime_adj(X509_getm_notBefore(x), 0) == NULL ||
	    X509_gmtime_adj(X509_getm_notAfter(x), 3600) == NULL ||
	    X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC,
	    (const unsigned char *)"tlsprobe test", -1, -1, 0) != 1 ||
	    X509_set_subject_name(x, nm) != 1 ||
	    X509_set_issuer_name(x, nm) != 1 ||
	    X509_set_pubkey(x, key) != 1 ||
	    X509_sign(x, signer, EVP_sha256()) <= 0)
		goto out;
	len = i2d_X509(x, der);
 out:
	X509_NAME_free(nm);
	X509_free(x);
	return len > 0 ? (size_t)len : 0;
}

#endif
