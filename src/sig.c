/*
 * sig.c -- the server's public key from its DER certificate, and signature
 * checks for ServerKeyExchange (RFC 5246, 7.4.3) and CertificateVerify
 * (RFC 8446, 4.4.3); our own private key from PEM, and the client's
 * CertificateVerify signature (RFC 5246, 7.4.8; RFC 8446, 4.4.3).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "pkey_internal.h"
#include "keysched.h"
#include "sig.h"
#include "x509.h"
#include "tperr.h"

/*
 * Digests, fetched on first use and kept for the life of the process.
 * Indexed by enum tp_hash.
 */
/* The digest for scheme s; NULL for EdDSA, which hashes internally. */
static int
scheme_md(const struct tp_sigscheme *s, const EVP_MD **md)
{
	/* RFC 8032: Ed25519 and Ed448 take the message, not a digest */
	if (s->alg == SIG_ED25519 || s->alg == SIG_ED448) {
		*md = NULL;
		return 1;
	}
	return (*md = tp_md(s->hash)) != NULL;
}

/* RSA padding for scheme s, for signing and verifying alike; 1 if set. */
static int
set_padding(EVP_PKEY_CTX *pctx, const struct tp_sigscheme *s,
    const EVP_MD *md)
{
	if (s->alg == SIG_RSA_PSS_RSAE || s->alg == SIG_RSA_PSS_PSS)
		/*
		 * RFC 8446, 4.2.3: MGF1 with the scheme's hash, and a salt
		 * exactly as long as the digest.
		 */
		return EVP_PKEY_CTX_set_rsa_padding(pctx,
		    RSA_PKCS1_PSS_PADDING) == 1 &&
		    EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1 &&
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx,
		    RSA_PSS_SALTLEN_DIGEST) == 1;
	if (s->alg == SIG_RSA_PKCS1)
		return EVP_PKEY_CTX_set_rsa_padding(pctx,
		    RSA_PKCS1_PADDING) == 1;
	return 1;
}

static enum peer_key_type
classify(const EVP_PKEY *pkey)
{
	/* RSA-PSS first: an RSA-PSS key is not "RSA" but be explicit */
	if (EVP_PKEY_is_a(pkey, "RSA-PSS"))
		return PK_RSA_PSS;
	if (EVP_PKEY_is_a(pkey, "RSA"))
		return PK_RSA;
	if (EVP_PKEY_is_a(pkey, "EC"))
		return PK_EC;
	if (EVP_PKEY_is_a(pkey, "ED25519"))
		return PK_ED25519;
	if (EVP_PKEY_is_a(pkey, "ED448"))
		return PK_ED448;
	if (EVP_PKEY_is_a(pkey, "DSA"))
		return PK_DSA;
	return PK_OTHER;
}

/* Fill in pk for pkey, taking over one reference to it. */
static void
describe_key(struct peer_key *pk, EVP_PKEY *pkey)
{
	const struct tp_group *g;
	size_t n;

	pk->pkey = pkey;
	pk->type = classify(pkey);
	pk->bits = EVP_PKEY_get_bits(pkey);
	if (pk->type == PK_EC &&
	    EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME,
	    pk->ossl_curve, sizeof(pk->ossl_curve), &n) == 1) {
		/* "prime256v1" and friends are aliases in tp_groups */
		g = group_by_name(pk->ossl_curve);
		if (g != NULL && g->kind == GROUP_EC)
			pk->curve = g->name;
	}
}

int
peer_key_from_cert(const uint8_t *der, size_t len, struct peer_key **out)
{
	struct peer_key *pk = NULL;
	X509 *x = NULL;
	EVP_PKEY *pkey;
	int ret = TP_E_ALERT(ALERT_BAD_CERTIFICATE);

	if (len == 0 || len > LONG_MAX)
		goto out;
	/*
	 * DER only, never PEM (the decoder framework costs a third of a
	 * millisecond and certificates arrive as DER).  The certificate must
	 * fill its ASN.1Cert exactly (RFC 8446, 4.4.2).
	 */
	if ((x = x509_cert_from_der(der, len)) == NULL)
		goto out;
	/* Parsed, but with a key algorithm libcrypto cannot use. */
	ret = TP_E_ALERT(ALERT_UNSUPPORTED_CERTIFICATE);
	if ((pkey = X509_get0_pubkey(x)) == NULL)
		goto out;
	ret = TP_E_NOMEM;
	if ((pk = calloc(1, sizeof(*pk))) == NULL)
		goto out;
	if (EVP_PKEY_up_ref(pkey) != 1)
		goto out;
	describe_key(pk, pkey);
	*out = pk;
	pk = NULL;
	ret = 0;
 out:
	peer_key_free(pk);
	X509_free(x);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

void
peer_key_free(struct peer_key *pk)
{
	if (pk == NULL)
		return;
	EVP_PKEY_free(pk->pkey);
	free(pk);
}

enum peer_key_type
peer_key_type(const struct peer_key *pk)
{
	return pk->type;
}

int
peer_key_bits(const struct peer_key *pk)
{
	return pk->bits;
}

const char *
peer_key_curve(const struct peer_key *pk)
{
	return pk->curve;
}

const char *
peer_key_describe(const struct peer_key *pk, char *buf, size_t len)
{
	switch (pk->type) {
	case PK_RSA:
		snprintf(buf, len, "RSA %d", pk->bits);
		break;
	case PK_RSA_PSS:
		snprintf(buf, len, "RSA-PSS %d", pk->bits);
		break;
	case PK_EC:
		if (pk->curve != NULL)
			snprintf(buf, len, "EC %s", pk->curve);
		else if (pk->ossl_curve[0] != '\0')
			snprintf(buf, len, "EC %s", pk->ossl_curve);
		else
			snprintf(buf, len, "EC %d", pk->bits);
		break;
	case PK_ED25519:
		snprintf(buf, len, "Ed25519");
		break;
	case PK_ED448:
		snprintf(buf, len, "Ed448");
		break;
	case PK_DSA:
		snprintf(buf, len, "DSA %d", pk->bits);
		break;
	default:
		snprintf(buf, len, "%s %d",
		    EVP_PKEY_get0_type_name(pk->pkey) != NULL ?
		    EVP_PKEY_get0_type_name(pk->pkey) : "unknown", pk->bits);
		break;
	}
	return buf;
}

int
peer_key_fits(const struct peer_key *pk, const struct tp_sigscheme *s,
    int tls13)
{
	/* RFC 8446, 4.4.3: only schemes defined for 1.3 (no PKCS#1, SHA-1) */
	if (tls13 && !s->tls13)
		return 0;
	switch (pk->type) {
	case PK_RSA:
		/* RFC 8446, 4.2.3: rsa_pss_rsae_* are for rsaEncryption keys */
		return s->alg == SIG_RSA_PKCS1 || s->alg == SIG_RSA_PSS_RSAE ||
		    s->alg == SIG_RSA_MD5_SHA1;
	case PK_RSA_PSS:
		return s->alg == SIG_RSA_PSS_PSS;
	case PK_EC:
		if (s->alg != SIG_ECDSA)
			return 0;
		/*
		 * RFC 8446, 4.2.3: in 1.3 an ECDSA scheme names its curve;
		 * in 1.2 it names only the hash (RFC 5246, 7.4.1.4.1).
		 */
		if (tls13)
			return s->curve != NULL && pk->curve != NULL &&
			    strcmp(s->curve, pk->curve) == 0;
		return 1;
	case PK_ED25519:
		return s->alg == SIG_ED25519;
	case PK_ED448:
		return s->alg == SIG_ED448;
	case PK_DSA:
		return s->alg == SIG_DSA;
	default:
		return 0;
	}
}

/*
 * TLS 1.0/1.1 RSA (RFC 2246, 7.4.3): PKCS#1 v1.5 over the 36-byte
 * MD5||SHA1 digest with no DigestInfo.  libcrypto's RSA signature treats
 * the MD5-SHA1 digest exactly that way.
 */
static int
verify_md5_sha1(struct peer_key *pk, const uint8_t *dgst, size_t dlen,
    const uint8_t *sig, size_t siglen)
{
	EVP_PKEY_CTX *ctx = NULL;
	const EVP_MD *md;
	int ret = TP_E_INTERNAL;

	if (dlen != 36 || (md = tp_md(HASH_MD5_SHA1)) == NULL)
		goto out;
	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pk->pkey, NULL)) == NULL)
		goto out;
	ret = TP_E_ILLEGAL;
	if (EVP_PKEY_verify_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(ctx, md) != 1)
		goto out;
	ret = TP_E_DECRYPT;
	if (EVP_PKEY_verify(ctx, sig, siglen, dgst, dlen) != 1)
		goto out;
	ret = 0;
 out:
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/*
 * A digest context for scheme s with pkey, to sign (sign = 1) or to verify:
 * the scheme's digest (none for EdDSA) and its RSA padding.  Returns 0, or
 * TP_E_NOMEM / TP_E_INTERNAL, or fail when libcrypto refuses the set-up
 * (for a peer's key that is the peer's fault: illegal_parameter).
 */
static int
scheme_ctx(EVP_PKEY *pkey, const struct tp_sigscheme *s, int sign, int fail,
    EVP_MD_CTX **out)
{
	EVP_PKEY_CTX *pctx = NULL;
	const EVP_MD *md;
	int r;

	*out = NULL;
	if (!scheme_md(s, &md))
		return TP_E_INTERNAL;
	if ((*out = EVP_MD_CTX_new()) == NULL)
		return TP_E_NOMEM;
	r = sign ? EVP_DigestSignInit(*out, &pctx, md, NULL, pkey) :
	    EVP_DigestVerifyInit(*out, &pctx, md, NULL, pkey);
	if (r != 1 || !set_padding(pctx, s, md))
		return fail;
	return 0;
}

int
sig_verify(struct peer_key *pk, const struct tp_sigscheme *s,
    const uint8_t *msg, size_t msglen, const uint8_t *sig, size_t siglen)
{
	EVP_MD_CTX *mctx = NULL;
	int ret;

	if (!peer_key_fits(pk, s, 0))
		return TP_E_ILLEGAL;
	if (s->alg == SIG_RSA_MD5_SHA1) {
		ret = verify_md5_sha1(pk, msg, msglen, sig, siglen);
		goto out;
	}
	if ((ret = scheme_ctx(pk->pkey, s, 0, TP_E_ILLEGAL, &mctx)) != 0)
		goto out;
	/* ECDSA and DSA signatures are DER; libcrypto rejects anything else */
	ret = TP_E_DECRYPT;
	if (EVP_DigestVerify(mctx, sig, siglen, msg, msglen) != 1)
		goto out;
	ret = 0;
 out:
	EVP_MD_CTX_free(mctx);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

/*
 * Our private key.  It carries the same description as a peer key, so the
 * rules of peer_key_fits() (which scheme suits which key) hold for both.
 */
struct priv_key {
	struct peer_key	 pk;
};

/*
 * The PEM password callback: the password given, never a prompt (a
 * prober must not stop and wait on the terminal).
 */
static int
pem_pass(char *buf, int size, int rwflag, void *u)
{
	const char *pass = u;
	size_t n;

	(void)rwflag;
	if (pass == NULL || size <= 0)
		return -1;
	n = strlen(pass);
	if (n > (size_t)size)
		return -1;
	memcpy(buf, pass, n);
	return (int)n;
}

/* The last libcrypto reason, for a message; clears the error queue. */
static const char *
ossl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return r != NULL ? r : "unknown error";
}

/* A DER private key, through libcrypto's decoders; NULL if it is not one. */
static EVP_PKEY *
der_private_key(const char *buf, size_t len, const char *pass)
{
	OSSL_DECODER_CTX *dctx;
	const unsigned char *p = (const unsigned char *)buf;
	EVP_PKEY *pkey = NULL;
	size_t left = len;

	dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "DER", NULL, NULL,
	    EVP_PKEY_KEYPAIR, NULL, NULL);
	if (dctx == NULL)
		return NULL;
	if (pass != NULL)
		(void)OSSL_DECODER_CTX_set_passphrase(dctx,
		    (const unsigned char *)pass, strlen(pass));
	if (OSSL_DECODER_from_data(dctx, &p, &left) != 1) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	OSSL_DECODER_CTX_free(dctx);
	return pkey;
}

int
priv_key_from_pem(const char *pem, size_t len, const char *pass,
    struct priv_key **out, char *err, size_t errlen)
{
	struct priv_key *k = NULL;
	EVP_PKEY *pkey = NULL;
	BIO *bio = NULL;
	int ret = -1;

	*out = NULL;
	if (len > INT_MAX) {
		snprintf(err, errlen, "key file too large");
		return -1;
	}
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	pkey = PEM_read_bio_PrivateKey_ex(bio, NULL, pem_pass, (void *)pass,
	    NULL, NULL);
	/* -keyform DER: PKCS#8 (encrypted or not) or a traditional key */
	if (pkey == NULL)
		pkey = der_private_key(pem, len, pass);
	if (pkey == NULL) {
		snprintf(err, errlen, "no PEM or DER private key%s (%s)",
		    pass == NULL ? ", or it is encrypted and no -pass was "
		    "given" : ", or the password is wrong", ossl_reason());
		goto out;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	describe_key(&k->pk, pkey);
	pkey = NULL;
	*out = k;
	k = NULL;
	ret = 0;
 out:
	EVP_PKEY_free(pkey);
	free(k);
	BIO_free(bio);
	ERR_clear_error();
	return ret;
}

int
priv_key_load(const char *file, const char *pass, struct priv_key **out,
    char *err, size_t errlen)
{
	char buf[64 * 1024], why[256];
	FILE *f;
	size_t n;
	int ret;

	*out = NULL;
	if ((f = fopen(file, "r")) == NULL) {
		snprintf(err, errlen, "cannot open %s: %s", file,
		    strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f) || (n == sizeof(buf) && !feof(f))) {
		snprintf(err, errlen, "cannot read %s%s", file,
		    ferror(f) ? "" : ": larger than 64 KiB");
		fclose(f);
		explicit_bzero(buf, sizeof(buf));
		return -1;
	}
	fclose(f);
	ret = priv_key_from_pem(buf, n, pass, out, why, sizeof(why));
	explicit_bzero(buf, sizeof(buf));
	if (ret != 0)
		snprintf(err, errlen, "%s: %s", file, why);
	return ret;
}

void
priv_key_free(struct priv_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pk.pkey);
	free(k);
}

enum peer_key_type
priv_key_type(const struct priv_key *k)
{
	return k->pk.type;
}

const char *
priv_key_describe(const struct priv_key *k, char *buf, size_t len)
{
	return peer_key_describe(&k->pk, buf, len);
}

int
priv_key_fits(const struct priv_key *k, const struct tp_sigscheme *s,
    int tls13)
{
	return peer_key_fits(&k->pk, s, tls13);
}

int
priv_key_matches_cert(const struct priv_key *k, const uint8_t *der,
    size_t len)
{
	const unsigned char *p = der;
	EVP_PKEY *pub;
	X509 *x;
	int ok = 0;

	if (len == 0 || len > LONG_MAX)
		return 0;
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		goto out;
	if ((pub = X509_get0_pubkey(x)) != NULL)
		ok = EVP_PKEY_eq(pub, k->pk.pkey) == 1;
 out:
	X509_free(x);
	ERR_clear_error();
	return ok;
}

/* TLS 1.0/1.1 RSA: PKCS#1 v1.5 over MD5||SHA1, no DigestInfo. */
static int
sign_md5_sha1(struct priv_key *k, const uint8_t *dgst, size_t dlen,
    uint8_t *sig, size_t *siglen)
{
	EVP_PKEY_CTX *ctx = NULL;
	const EVP_MD *md;
	size_t need;
	int ret = TP_E_INTERNAL;

	if (dlen != 36 || (md = tp_md(HASH_MD5_SHA1)) == NULL)
		goto out;
	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k->pk.pkey,
	    NULL)) == NULL)
		goto out;
	if (EVP_PKEY_sign_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(ctx, md) != 1 ||
	    EVP_PKEY_sign(ctx, NULL, &need, dgst, dlen) != 1 ||
	    need > *siglen ||
	    EVP_PKEY_sign(ctx, sig, siglen, dgst, dlen) != 1)
		goto out;
	ret = 0;
 out:
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

int
sig_sign(struct priv_key *k, const struct tp_sigscheme *s,
    const uint8_t *msg, size_t msglen, uint8_t *sig, size_t *siglen)
{
	EVP_MD_CTX *mctx = NULL;
	size_t need;
	int ret;

	if (!peer_key_fits(&k->pk, s, 0))
		return TP_E_ILLEGAL;
	if (s->alg == SIG_RSA_MD5_SHA1) {
		ret = sign_md5_sha1(k, msg, msglen, sig, siglen);
		goto out;
	}
	if ((ret = scheme_ctx(k->pk.pkey, s, 1, TP_E_INTERNAL, &mctx)) != 0)
		goto out;
	ret = TP_E_INTERNAL;
	if (EVP_DigestSign(mctx, NULL, &need, msg, msglen) != 1 ||
	    need > *siglen)
		goto out;
	if (EVP_DigestSign(mctx, sig, siglen, msg, msglen) != 1)
		goto out;
	ret = 0;
 out:
	EVP_MD_CTX_free(mctx);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}
