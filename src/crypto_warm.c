/*
 * crypto_warm.c -- pre-fetch libcrypto algorithms before forking workers.
 *
 * OpenSSL 3.0 sets up an algorithm (provider query, method construction,
 * for keys also the decoder and encoder chains) the first time a process
 * fetches it; that is most of a short handshake's CPU.  Done once in the
 * parent, the method store and tlsprobe's own caches are inherited by every
 * worker.  Failures are ignored: a worker fetches what it still needs.
 */
#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "crypto_warm.h"
#include "keysched.h"
#include "names.h"

/* Sign and verify a short message with pk (digest NULL: Ed25519). */
static void
sign_verify(EVP_PKEY *pk, const char *md, int pss)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	unsigned char sig[1024];
	size_t siglen = sizeof(sig);
	static const unsigned char msg[] = "tlsprobe";

	if (ctx == NULL)
		return;
	if (EVP_DigestSignInit_ex(ctx, &pctx, md, NULL, NULL, pk, NULL) == 1) {
		if (pss)
			(void)EVP_PKEY_CTX_set_rsa_padding(pctx,
			    RSA_PKCS1_PSS_PADDING);
		if (EVP_DigestSign(ctx, sig, &siglen, msg, sizeof(msg)) == 1) {
			EVP_MD_CTX_reset(ctx);
			pctx = NULL;
			if (EVP_DigestVerifyInit_ex(ctx, &pctx, md, NULL, NULL,
			    pk, NULL) == 1) {
				if (pss)
					(void)EVP_PKEY_CTX_set_rsa_padding(pctx,
					    RSA_PKCS1_PSS_PADDING);
				(void)EVP_DigestVerify(ctx, sig, siglen, msg,
				    sizeof(msg));
			}
		}
	}
	EVP_MD_CTX_free(ctx);
}

/* Encode the public key and decode it again (the decoder chain). */
static void
reencode(EVP_PKEY *pk)
{
	unsigned char *der = NULL;
	const unsigned char *p;
	EVP_PKEY *back;
	int n;

	if ((n = i2d_PUBKEY(pk, &der)) <= 0)
		return;
	p = der;
	back = d2i_PUBKEY(NULL, &p, n);
	EVP_PKEY_free(back);
	OPENSSL_free(der);
}

static void
derive(EVP_PKEY *a, EVP_PKEY *b)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, a, NULL);
	unsigned char out[256];
	size_t len = sizeof(out);

	if (ctx != NULL && EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, b) == 1)
		(void)EVP_PKEY_derive(ctx, out, &len);
	EVP_PKEY_CTX_free(ctx);
}

void
tp_crypto_warm(void)
{
	static const char *const ciphers[] = { "AES-128-GCM", "AES-256-GCM",
	    "ChaCha20-Poly1305", "AES-128-CBC", "AES-256-CBC" };
	static const char *const kdfs[] = { "HKDF", "TLS1-PRF" };
	EVP_PKEY *a, *b;
	size_t i;
	int h;

	tp_crypto_init();
	for (h = 0; h <= HASH_SHA512; h++)
		(void)tp_md((enum tp_hash)h);
	for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		EVP_CIPHER_free(EVP_CIPHER_fetch(NULL, ciphers[i], NULL));
	for (i = 0; i < sizeof(kdfs) / sizeof(kdfs[0]); i++)
		EVP_KDF_free(EVP_KDF_fetch(NULL, kdfs[i], NULL));
	EVP_MAC_free(EVP_MAC_fetch(NULL, "HMAC", NULL));

	a = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	b = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	if (a != NULL && b != NULL)
		derive(a, b);
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	a = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	b = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (a != NULL && b != NULL) {
		derive(a, b);
		sign_verify(a, "SHA256", 0);
		reencode(a);
	}
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	if ((a = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) != NULL) {
		sign_verify(a, NULL, 0);
		reencode(a);
	}
	EVP_PKEY_free(a);
	/* the smallest RSA key libcrypto makes: the algorithm, not security */
	if ((a = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024)) != NULL) {
		sign_verify(a, "SHA256", 1);
		sign_verify(a, "SHA256", 0);
		reencode(a);
	}
	EVP_PKEY_free(a);
}
