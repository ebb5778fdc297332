/*
 * test_sig.c -- certificate keys and signature checks: every scheme signed
 * here with the matching key and checked by sig_verify(), tampering, key
 * and scheme mismatches, the TLS 1.3 curve binding, RSA-PSS salt rules,
 * and truncated or damaged certificates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "sig.h"
#include "tperr.h"
#include "testcert.h"
#include "unit.h"

#define NAME(buf, ...)	(snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

enum tkey { K_RSA, K_PSS, K_P256, K_P384, K_P521, K_K256, K_ED25519,
	    K_ED448, K_DSA, K_X25519, NKEYS };

static const char *key_names[NKEYS] = {
	"RSA", "RSA-PSS", "P-256", "P-384", "P-521", "secp256k1", "Ed25519",
	"Ed448", "DSA", "X25519",
};

static EVP_PKEY *ca_key;
static EVP_PKEY *keys[NKEYS];		/* private keys, for signing */
static struct peer_key *pks[NKEYS];	/* the same keys via certificates */
static uint8_t *ders[NKEYS];
static size_t derlens[NKEYS];

static const uint8_t message[] =
    "                                                                "
    "TLS 1.3, server CertificateVerify\0 and a transcript hash...";

static EVP_PKEY *
gen_dsa(void)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *params = NULL, *key = NULL;

	ctx = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
	if (ctx == NULL || EVP_PKEY_paramgen_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_dsa_paramgen_bits(ctx, 1024) != 1 ||
	    EVP_PKEY_CTX_set_dsa_paramgen_q_bits(ctx, 160) != 1 ||
	    EVP_PKEY_paramgen(ctx, &params) != 1)
		goto out;
	EVP_PKEY_CTX_free(ctx);
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_generate(ctx, &key) != 1)
		key = NULL;
 out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(params);
	return key;
}

/* An RSA-PSS key with no parameter restrictions (RFC 4055, 3.1). */
static EVP_PKEY *
gen_rsa_pss(void)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *key = NULL;

	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA-PSS", NULL);
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) != 1 ||
	    EVP_PKEY_generate(ctx, &key) != 1)
		key = NULL;
	EVP_PKEY_CTX_free(ctx);
	return key;
}

static EVP_PKEY *
gen_key(enum tkey k)
{
	switch (k) {
	case K_RSA:
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	case K_PSS:
		return gen_rsa_pss();
	case K_P256:
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	case K_P384:
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	case K_P521:
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-521");
	case K_K256:
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "secp256k1");
	case K_ED25519:
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	case K_ED448:
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED448");
	case K_DSA:
		return gen_dsa();
	case K_X25519:
		return EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	default:
		return NULL;
	}
}

/* A certificate for key, signed by ca_key, as DER. */
static size_t
make_cert(EVP_PKEY *key, uint8_t **der)
{
	return unit_make_cert(key, ca_key, der);
}

static enum tkey
key_for(const struct tp_sigscheme *s)
{
	switch (s->alg) {
	case SIG_RSA_PKCS1:
	case SIG_RSA_PSS_RSAE:
	case SIG_RSA_MD5_SHA1:
		return K_RSA;
	case SIG_RSA_PSS_PSS:
		return K_PSS;
	case SIG_ECDSA:
		if (s->curve == NULL)
			return K_P256;
		if (strcmp(s->curve, "P-384") == 0)
			return K_P384;
		if (strcmp(s->curve, "P-521") == 0)
			return K_P521;
		return K_P256;
	case SIG_ED25519:
		return K_ED25519;
	case SIG_ED448:
		return K_ED448;
	case SIG_DSA:
		return K_DSA;
	}
	return NKEYS;
}

static const char *
md_name(enum tp_hash h)
{
	switch (h) {
	case HASH_SHA1:		return "SHA1";
	case HASH_SHA224:	return "SHA224";
	case HASH_SHA256:	return "SHA256";
	case HASH_SHA384:	return "SHA384";
	case HASH_SHA512:	return "SHA512";
	default:		return NULL;
	}
}

/*
 * MD5(m) || SHA1(m), computed as two separate digests (RFC 2246, 7.4.3),
 * not with libcrypto's combined MD5-SHA1.
 */
static int
md5_sha1(const uint8_t *m, size_t len, uint8_t out[36])
{
	unsigned int n1 = 0, n2 = 0;

	if (EVP_Digest(m, len, out, &n1, EVP_md5(), NULL) != 1 ||
	    EVP_Digest(m, len, out + 16, &n2, EVP_sha1(), NULL) != 1)
		return 0;
	return n1 == 16 && n2 == 20;
}

/*
 * Sign as a server would.  saltlen and mgf are for RSA-PSS tampering:
 * saltlen -1 means "the digest length", mgf NULL "the scheme's hash".
 */
static int
sign_ex(EVP_PKEY *key, const struct tp_sigscheme *s, int saltlen,
    const char *mgf, const uint8_t *m, size_t mlen, uint8_t *sig,
    size_t *siglen)
{
	EVP_MD_CTX *mctx = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	int ok = 0;

	if (s->alg == SIG_RSA_MD5_SHA1) {
		/* raw PKCS#1 v1.5 type 1 over the 36 bytes: no DigestInfo */
		if ((pctx = EVP_PKEY_CTX_new_from_pkey(NULL, key,
		    NULL)) == NULL ||
		    EVP_PKEY_sign_init(pctx) != 1 ||
		    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
		    EVP_PKEY_sign(pctx, sig, siglen, m, mlen) != 1)
			goto out;
		ok = 1;
		goto out;
	}
	if ((mctx = EVP_MD_CTX_new()) == NULL)
		goto out;
	if (EVP_DigestSignInit_ex(mctx, &pctx, md_name(s->hash), NULL, NULL,
	    key, NULL) != 1)
		goto out;
	if (s->alg == SIG_RSA_PSS_RSAE || s->alg == SIG_RSA_PSS_PSS) {
		if (EVP_PKEY_CTX_set_rsa_padding(pctx,
		    RSA_PKCS1_PSS_PADDING) != 1 ||
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltlen < 0 ?
		    (int)hash_len(s->hash) : saltlen) != 1 ||
		    EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, mgf != NULL ? mgf :
		    md_name(s->hash), NULL) != 1)
			goto out;
	} else if (s->alg == SIG_RSA_PKCS1) {
		if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
			goto out;
	}
	if (EVP_DigestSign(mctx, sig, siglen, m, mlen) != 1)
		goto out;
	ok = 1;
 out:
	EVP_MD_CTX_free(mctx);
	if (s->alg == SIG_RSA_MD5_SHA1)
		EVP_PKEY_CTX_free(pctx);
	return ok;
}

static int
sign(EVP_PKEY *key, const struct tp_sigscheme *s, const uint8_t *m,
    size_t mlen, uint8_t *sig, size_t *siglen)
{
	return sign_ex(key, s, -1, NULL, m, mlen, sig, siglen);
}

static void
test_scheme(const struct tp_sigscheme *s)
{
	enum tkey want = key_for(s), k;
	uint8_t sig[1024], m[sizeof(message)], tbs[sizeof(message)];
	size_t siglen = sizeof(sig), mlen, i, pos[3];
	char name[160];
	int r;

	if (want == NKEYS || keys[want] == NULL || pks[want] == NULL) {
		CHECK(0, NAME(name, "%s: test key", s->name));
		return;
	}
	/* For rsa_md5_sha1 the caller passes the 36-byte digest. */
	if (s->alg == SIG_RSA_MD5_SHA1) {
		if (!md5_sha1(message, sizeof(message), tbs)) {
			CHECK(0, "MD5||SHA1 digest");
			return;
		}
		mlen = 36;
	} else {
		memcpy(tbs, message, sizeof(message));
		mlen = sizeof(message);
	}
	CHECK(sign(keys[want], s, tbs, mlen, sig, &siglen),
	    NAME(name, "%s: signed with a %s key", s->name, key_names[want]));
	CHECK(peer_key_fits(pks[want], s, 0),
	    NAME(name, "%s: fits a %s key", s->name, key_names[want]));
	CHECK(sig_verify(pks[want], s, tbs, mlen, sig, siglen) == 0,
	    NAME(name, "%s: verifies", s->name));

	/* a flipped bit anywhere in the signature */
	pos[0] = 0;
	pos[1] = siglen / 2;
	pos[2] = siglen - 1;
	for (i = 0; i < 3; i++) {
		sig[pos[i]] ^= 0x04;
		CHECK(sig_verify(pks[want], s, tbs, mlen, sig, siglen) ==
		    TP_E_DECRYPT, NAME(name, "%s: bit flipped in signature "
		    "byte %zu: decrypt_error", s->name, pos[i]));
		sig[pos[i]] ^= 0x04;
	}
	CHECK(sig_verify(pks[want], s, tbs, mlen, sig, siglen - 1) ==
	    TP_E_DECRYPT, NAME(name, "%s: truncated signature", s->name));
	CHECK(sig_verify(pks[want], s, tbs, mlen, sig, 0) == TP_E_DECRYPT,
	    NAME(name, "%s: empty signature", s->name));
	/* a flipped bit in the message */
	memcpy(m, tbs, mlen);
	m[mlen / 3] ^= 0x80;
	CHECK(sig_verify(pks[want], s, m, mlen, sig, siglen) == TP_E_DECRYPT,
	    NAME(name, "%s: bit flipped in message: decrypt_error",
	    s->name));
	/* for rsa_md5_sha1 a short digest is the caller's mistake */
	CHECK(sig_verify(pks[want], s, tbs, mlen - 1, sig, siglen) ==
	    (s->alg == SIG_RSA_MD5_SHA1 ? TP_E_INTERNAL : TP_E_DECRYPT),
	    NAME(name, "%s: message one byte short", s->name));
	CHECK(sig_verify(pks[want], s, tbs, mlen, sig, siglen) == 0,
	    NAME(name, "%s: still verifies after the tampering", s->name));

	/*
	 * Every other key: a key of the wrong type is illegal_parameter;
	 * one of the right type (another curve, in TLS 1.2) does not
	 * verify.
	 */
	for (k = 0; k < NKEYS; k++) {
		if (k == want || pks[k] == NULL)
			continue;
		r = sig_verify(pks[k], s, tbs, mlen, sig, siglen);
		if (peer_key_fits(pks[k], s, 0))
			CHECK(r == TP_E_DECRYPT, NAME(name, "%s: signature "
			    "from a %s key does not verify with a %s key",
			    s->name, key_names[want], key_names[k]));
		else
			CHECK(r == TP_E_ILLEGAL, NAME(name, "%s: a %s key is "
			    "illegal_parameter", s->name, key_names[k]));
	}
}

/* RFC 8446, 4.2.3: salt as long as the digest, MGF1 with the same hash. */
static void
test_pss_rules(void)
{
	const struct tp_sigscheme *s = sigscheme_by_name("rsa_pss_rsae_sha256");
	const struct tp_sigscheme *s384 =
	    sigscheme_by_name("rsa_pss_rsae_sha384");
	const struct tp_sigscheme *pk1 = sigscheme_by_name("rsa_pkcs1_sha256");
	const struct tp_sigscheme *pk384 =
	    sigscheme_by_name("rsa_pkcs1_sha384");
	uint8_t sig[1024];
	size_t siglen;

	siglen = sizeof(sig);
	CHECK(sign_ex(keys[K_RSA], s, 0, NULL, message, sizeof(message), sig,
	    &siglen) && sig_verify(pks[K_RSA], s, message, sizeof(message),
	    sig, siglen) == TP_E_DECRYPT,
	    "rsa_pss_rsae_sha256: salt length 0 refused");
	siglen = sizeof(sig);
	CHECK(sign_ex(keys[K_RSA], s, 64, NULL, message, sizeof(message), sig,
	    &siglen) && sig_verify(pks[K_RSA], s, message, sizeof(message),
	    sig, siglen) == TP_E_DECRYPT,
	    "rsa_pss_rsae_sha256: salt length 64 refused");
	siglen = sizeof(sig);
	CHECK(sign_ex(keys[K_RSA], s, -1, "SHA1", message, sizeof(message),
	    sig, &siglen) && sig_verify(pks[K_RSA], s, message,
	    sizeof(message), sig, siglen) == TP_E_DECRYPT,
	    "rsa_pss_rsae_sha256: MGF1 with SHA-1 refused");
	siglen = sizeof(sig);
	CHECK(sign(keys[K_RSA], s, message, sizeof(message), sig, &siglen) &&
	    sig_verify(pks[K_RSA], s384, message, sizeof(message), sig,
	    siglen) == TP_E_DECRYPT,
	    "rsa_pss_rsae_sha256 signature is not rsa_pss_rsae_sha384");
	CHECK(sig_verify(pks[K_RSA], pk1, message, sizeof(message), sig,
	    siglen) == TP_E_DECRYPT,
	    "rsa_pss_rsae_sha256 signature is not rsa_pkcs1_sha256");
	siglen = sizeof(sig);
	CHECK(sign(keys[K_RSA], pk1, message, sizeof(message), sig,
	    &siglen) && sig_verify(pks[K_RSA], pk384, message,
	    sizeof(message), sig, siglen) == TP_E_DECRYPT,
	    "rsa_pkcs1_sha256 signature is not rsa_pkcs1_sha384");
	CHECK(sig_verify(pks[K_RSA], s, message, sizeof(message), sig,
	    siglen) == TP_E_DECRYPT,
	    "rsa_pkcs1_sha256 signature is not rsa_pss_rsae_sha256");
	/* A PKCS#1 signature with DigestInfo is not an MD5||SHA1 one. */
	{
		const struct tp_sigscheme *sha1 =
		    sigscheme_by_name("rsa_pkcs1_sha1");
		uint8_t d[36];

		siglen = sizeof(sig);
		CHECK(md5_sha1(message, sizeof(message), d) &&
		    sign(keys[K_RSA], &tp_sig_md5_sha1_rsa, d, 36, sig,
		    &siglen) && sig_verify(pks[K_RSA], sha1, message,
		    sizeof(message), sig, siglen) == TP_E_DECRYPT,
		    "rsa_md5_sha1 signature is not rsa_pkcs1_sha1");
		CHECK(sig_verify(pks[K_RSA], &tp_sig_md5_sha1_rsa, d, 35, sig,
		    siglen) == TP_E_INTERNAL,
		    "rsa_md5_sha1: 35-byte digest refused");
	}
}

/*
 * An RSA-PSS key whose certificate restricts it to SHA-256 (RFC 4055,
 * 3.1), as real RSA-PSS certificates usually do.
 */
static void
test_pss_restricted(void)
{
	const struct tp_sigscheme *s256 = sigscheme_by_name("rsa_pss_pss_sha256");
	const struct tp_sigscheme *s384 = sigscheme_by_name("rsa_pss_pss_sha384");
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *key = NULL;
	struct peer_key *pk = NULL;
	uint8_t sig[1024], *der = NULL;
	size_t siglen = sizeof(sig), derlen;

	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA-PSS", NULL);
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) != 1 ||
	    EVP_PKEY_CTX_set_rsa_pss_keygen_md_name(ctx, "SHA256",
	    NULL) != 1 ||
	    EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md_name(ctx, "SHA256") != 1 ||
	    EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx, 32) != 1 ||
	    EVP_PKEY_generate(ctx, &key) != 1 ||
	    (derlen = make_cert(key, &der)) == 0 ||
	    peer_key_from_cert(der, derlen, &pk) != 0) {
		CHECK(0, "restricted RSA-PSS: test key and certificate");
		goto out;
	}
	CHECK(peer_key_type(pk) == PK_RSA_PSS, "restricted RSA-PSS: type");
	CHECK(sign(key, s256, message, sizeof(message), sig, &siglen) &&
	    sig_verify(pk, s256, message, sizeof(message), sig, siglen) == 0,
	    "restricted RSA-PSS: rsa_pss_pss_sha256 verifies");
	CHECK(sig_verify(pk, s384, message, sizeof(message), sig,
	    siglen) != 0,
	    "restricted RSA-PSS: rsa_pss_pss_sha384 refused");
 out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	peer_key_free(pk);
	OPENSSL_free(der);
}

struct fit {
	enum tkey	 key;
	const char	*scheme;	/* NULL: the legacy rsa_md5_sha1 */
	int		 tls12;
	int		 tls13;
};

static const struct fit fits[] = {
	{ K_RSA, "rsa_pkcs1_sha256", 1, 0 },
	{ K_RSA, "rsa_pkcs1_sha1", 1, 0 },
	{ K_RSA, "rsa_pss_rsae_sha256", 1, 1 },
	{ K_RSA, "rsa_pss_rsae_sha512", 1, 1 },
	{ K_RSA, "rsa_pss_pss_sha256", 0, 0 },
	{ K_RSA, "ecdsa_secp256r1_sha256", 0, 0 },
	{ K_RSA, "ed25519", 0, 0 },
	{ K_RSA, NULL, 1, 0 },
	{ K_PSS, "rsa_pss_pss_sha256", 1, 1 },
	{ K_PSS, "rsa_pss_pss_sha384", 1, 1 },
	{ K_PSS, "rsa_pss_rsae_sha256", 0, 0 },
	{ K_PSS, "rsa_pkcs1_sha256", 0, 0 },
	{ K_PSS, NULL, 0, 0 },
	{ K_P256, "ecdsa_secp256r1_sha256", 1, 1 },
	{ K_P256, "ecdsa_secp384r1_sha384", 1, 0 },
	{ K_P256, "ecdsa_secp521r1_sha512", 1, 0 },
	{ K_P256, "ecdsa_sha224", 1, 0 },
	{ K_P256, "ecdsa_sha1", 1, 0 },
	{ K_P256, "rsa_pss_rsae_sha256", 0, 0 },
	{ K_P256, "ed25519", 0, 0 },
	{ K_P256, NULL, 0, 0 },
	{ K_P384, "ecdsa_secp384r1_sha384", 1, 1 },
	{ K_P384, "ecdsa_secp256r1_sha256", 1, 0 },
	{ K_P384, "ecdsa_secp521r1_sha512", 1, 0 },
	{ K_P521, "ecdsa_secp521r1_sha512", 1, 1 },
	{ K_P521, "ecdsa_secp256r1_sha256", 1, 0 },
	{ K_K256, "ecdsa_secp256r1_sha256", 1, 0 },
	{ K_K256, "ecdsa_sha1", 1, 0 },
	{ K_ED25519, "ed25519", 1, 1 },
	{ K_ED25519, "ed448", 0, 0 },
	{ K_ED25519, "ecdsa_secp256r1_sha256", 0, 0 },
	{ K_ED448, "ed448", 1, 1 },
	{ K_ED448, "ed25519", 0, 0 },
	{ K_DSA, "dsa_sha256", 1, 0 },
	{ K_DSA, "dsa_sha1", 1, 0 },
	{ K_DSA, "rsa_pkcs1_sha256", 0, 0 },
	{ K_DSA, "ecdsa_sha1", 0, 0 },
	{ K_X25519, "ed25519", 0, 0 },
	{ K_X25519, "ecdsa_secp256r1_sha256", 0, 0 },
	{ K_X25519, NULL, 0, 0 },
};

static void
test_fits(void)
{
	const struct tp_sigscheme *s;
	char name[160];
	size_t i;

	for (i = 0; i < sizeof(fits) / sizeof(fits[0]); i++) {
		s = fits[i].scheme != NULL ?
		    sigscheme_by_name(fits[i].scheme) : &tp_sig_md5_sha1_rsa;
		if (fits[i].scheme != NULL &&
		    strcmp(fits[i].scheme, "ecdsa_sha1") == 0)
			s = &tp_sig_sha1_ecdsa;
		if (s == NULL || pks[fits[i].key] == NULL) {
			CHECK(0, NAME(name, "fits: %s", fits[i].scheme));
			continue;
		}
		CHECK(peer_key_fits(pks[fits[i].key], s, 0) == fits[i].tls12,
		    NAME(name, "fits TLS 1.2: %s key %s %s",
		    key_names[fits[i].key], fits[i].tls12 ? "takes" : "refuses",
		    s->name));
		CHECK(peer_key_fits(pks[fits[i].key], s, 1) == fits[i].tls13,
		    NAME(name, "fits TLS 1.3: %s key %s %s",
		    key_names[fits[i].key], fits[i].tls13 ? "takes" : "refuses",
		    s->name));
	}
}

static void
test_describe(void)
{
	static const struct {
		enum tkey	 key;
		enum peer_key_type type;
		const char	*desc;
		const char	*curve;
		int		 bits;
	} want[] = {
		{ K_RSA, PK_RSA, "RSA 2048", NULL, 2048 },
		{ K_PSS, PK_RSA_PSS, "RSA-PSS 2048", NULL, 2048 },
		{ K_P256, PK_EC, "EC P-256", "P-256", 256 },
		{ K_P384, PK_EC, "EC P-384", "P-384", 384 },
		{ K_P521, PK_EC, "EC P-521", "P-521", 521 },
		{ K_K256, PK_EC, "EC secp256k1", NULL, 256 },
		{ K_ED25519, PK_ED25519, "Ed25519", NULL, 0 },
		{ K_ED448, PK_ED448, "Ed448", NULL, 0 },
		{ K_DSA, PK_DSA, "DSA 1024", NULL, 1024 },
		{ K_X25519, PK_OTHER, NULL, NULL, 0 },
	};
	char buf[64], small[6], name[160];
	const char *c;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct peer_key *pk = pks[want[i].key];

		if (pk == NULL) {
			CHECK(0, NAME(name, "describe: %s key",
			    key_names[want[i].key]));
			continue;
		}
		CHECK(peer_key_type(pk) == want[i].type,
		    NAME(name, "type of a %s key", key_names[want[i].key]));
		if (want[i].desc != NULL)
			CHECK(strcmp(peer_key_describe(pk, buf, sizeof(buf)),
			    want[i].desc) == 0, NAME(name, "describe: \"%s\"",
			    want[i].desc));
		c = peer_key_curve(pk);
		CHECK(want[i].curve == NULL ? c == NULL :
		    c != NULL && strcmp(c, want[i].curve) == 0,
		    NAME(name, "curve of a %s key", key_names[want[i].key]));
		if (want[i].bits != 0)
			CHECK(peer_key_bits(pk) == want[i].bits,
			    NAME(name, "bits of a %s key: %d",
			    key_names[want[i].key], want[i].bits));
		/* a short buffer truncates, still terminated */
		peer_key_describe(pk, small, sizeof(small));
		CHECK(strlen(small) < sizeof(small),
		    NAME(name, "describe a %s key into 6 bytes",
		    key_names[want[i].key]));
	}
	CHECK(pks[K_X25519] != NULL &&
	    strcmp(peer_key_describe(pks[K_X25519], buf, sizeof(buf)),
	    "X25519 253") == 0, "describe: \"X25519 253\" (not a "
	    "signing key)");
}

static void
test_bad_der(enum tkey k)
{
	struct peer_key *pk;
	uint8_t *buf;
	size_t len = derlens[k], i;
	char name[160];
	int bad = 0, ok = 0, r;

	if (ders[k] == NULL || (buf = malloc(len + 1)) == NULL) {
		CHECK(0, "bad DER: test certificate");
		return;
	}
	/*
	 * Every truncation, each in its own exact-size allocation so that
	 * ASan sees any read past the end.
	 */
	for (i = 0; i < len; i++) {
		uint8_t *t = malloc(i == 0 ? 1 : i);

		if (t == NULL)
			break;
		memcpy(t, ders[k], i);
		pk = NULL;
		r = peer_key_from_cert(t, i, &pk);
		if (r != TP_E_ALERT(ALERT_BAD_CERTIFICATE) || pk != NULL)
			bad++;
		peer_key_free(pk);
		free(t);
	}
	CHECK(bad == 0, NAME(name, "%s certificate: all %zu truncations give "
	    "bad_certificate", key_names[k], len));

	/* one byte too many: the DER must fill the ASN.1Cert exactly */
	memcpy(buf, ders[k], len);
	buf[len] = 0;
	pk = NULL;
	CHECK(peer_key_from_cert(buf, len + 1, &pk) ==
	    TP_E_ALERT(ALERT_BAD_CERTIFICATE) && pk == NULL,
	    NAME(name, "%s certificate: trailing byte refused", key_names[k]));
	peer_key_free(pk);

	/* Damage every byte in turn: an error or a key, never a crash. */
	bad = 0;
	for (i = 0; i < len; i++) {
		memcpy(buf, ders[k], len);
		buf[i] ^= 0xa5;
		pk = NULL;
		r = peer_key_from_cert(buf, len, &pk);
		if (r == 0) {
			ok++;
			if (pk == NULL)
				bad++;
		} else if (!TP_IS_ALERT(r) || pk != NULL)
			bad++;
		peer_key_free(pk);
	}
	CHECK(bad == 0, NAME(name, "%s certificate: %zu damaged copies "
	    "handled cleanly", key_names[k], len));
	printf("# %s certificate: %d of %zu damaged copies still parse\n",
	    key_names[k], ok, len);
	free(buf);
}

int
main(void)
{
	static const uint8_t pem[] = "-----BEGIN CERTIFICATE-----\n"
	    "MIIBszCCAVmgAwIBAgIBBzAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA10bHNwcm9i\n"
	    "-----END CERTIFICATE-----\n";
	struct peer_key *pk = NULL;
	char name[160];
	size_t i;
	enum tkey k;

	if ((ca_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL) {
		CHECK(0, "CA key");
		UNIT_EXIT();
	}
	for (k = 0; k < NKEYS; k++) {
		keys[k] = gen_key(k);
		CHECK(keys[k] != NULL, NAME(name, "generate a %s key",
		    key_names[k]));
		if (keys[k] == NULL)
			continue;
		derlens[k] = make_cert(keys[k], &ders[k]);
		CHECK(derlens[k] > 0 && peer_key_from_cert(ders[k],
		    derlens[k], &pks[k]) == 0 && pks[k] != NULL,
		    NAME(name, "certificate with a %s key parses",
		    key_names[k]));
	}

	test_describe();
	test_fits();
	for (i = 0; i < tp_nsigschemes; i++)
		test_scheme(&tp_sigschemes[i]);
	test_scheme(&tp_sig_md5_sha1_rsa);
	test_scheme(&tp_sig_sha1_ecdsa);
	test_pss_rules();
	test_pss_restricted();
	test_bad_der(K_RSA);
	test_bad_der(K_P256);
	test_bad_der(K_ED25519);

	CHECK(peer_key_from_cert((const uint8_t *)"", 0, &pk) ==
	    TP_E_ALERT(ALERT_BAD_CERTIFICATE) && pk == NULL,
	    "empty certificate refused");
	CHECK(peer_key_from_cert(pem, sizeof(pem) - 1, &pk) ==
	    TP_E_ALERT(ALERT_BAD_CERTIFICATE) && pk == NULL,
	    "PEM is not DER");

	for (k = 0; k < NKEYS; k++) {
		peer_key_free(pks[k]);
		EVP_PKEY_free(keys[k]);
		OPENSSL_free(ders[k]);
	}
	EVP_PKEY_free(ca_key);
	UNIT_EXIT();
}
