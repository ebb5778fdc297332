/*
 * test_kex.c -- key exchange: RFC 7748 vectors, agreement on every group,
 * hostile peer values, custom DH domains, DH padding, RSA key transport.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "kex.h"
#include "sig.h"
#include "tperr.h"
#include "testcert.h"
#include "unit.h"

#define NAME(buf, ...)	(snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

/* RFC 7748, 6.1 */
static const char x25519_a[] =
    "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
static const char x25519_apub[] =
    "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
static const char x25519_b[] =
    "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
static const char x25519_bpub[] =
    "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
static const char x25519_k[] =
    "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

/* RFC 7748, 6.2 */
static const char x448_a[] =
    "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28d"
    "d9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b";
static const char x448_apub[] =
    "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c"
    "22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0";
static const char x448_b[] =
    "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d"
    "6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d";
static const char x448_bpub[] =
    "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b430"
    "27d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609";
static const char x448_k[] =
    "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282b"
    "b60c0b56fd2464c335543936521c24403085d59a449a5037514a879d";

/*
 * X25519 u-coordinates that give an all-zero result for every scalar
 * (points of small order, and non-canonical encodings of them).
 */
static const char *x25519_zero_points[] = {
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0100000000000000000000000000000000000000000000000000000000000000",
	"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

/* X448: 0 and 1 give zero too (RFC 7748, 6.2) */
static const char *x448_zero_points[] = {
	"0000000000000000000000000000000000000000000000000000000000000000"
	"000000000000000000000000000000000000000000000000",
	"0100000000000000000000000000000000000000000000000000000000000000"
	"000000000000000000000000000000000000000000000000",
};

static void
test_rfc7748(const char *gname, const char *a, const char *apub,
    const char *b, const char *bpub, const char *k)
{
	const struct tp_group *g = group_by_name(gname);
	struct kex_share *sa = NULL, *sb = NULL;
	uint8_t priv[56], peer[56], want[56], got[1024];
	const uint8_t *pub;
	size_t n, publen, len;
	char name[128];

	n = unit_hex(a, priv, sizeof(priv));
	CHECK(kex_share_from_raw(g, priv, n, &sa) == 0,
	    NAME(name, "%s: RFC 7748 Alice's key loads", gname));
	n = unit_hex(b, priv, sizeof(priv));
	CHECK(kex_share_from_raw(g, priv, n, &sb) == 0,
	    NAME(name, "%s: RFC 7748 Bob's key loads", gname));
	if (sa == NULL || sb == NULL)
		goto out;

	pub = kex_share_public(sa, &publen);
	n = unit_hex(apub, want, sizeof(want));
	CHECK(publen == n && memcmp(pub, want, n) == 0,
	    NAME(name, "%s: RFC 7748 Alice's public key", gname));
	pub = kex_share_public(sb, &publen);
	n = unit_hex(bpub, want, sizeof(want));
	CHECK(publen == n && memcmp(pub, want, n) == 0,
	    NAME(name, "%s: RFC 7748 Bob's public key", gname));

	/* Alice with Bob's published public key, and the other way round */
	unit_hex(k, want, sizeof(want));
	n = unit_hex(bpub, peer, sizeof(peer));
	len = sizeof(got);
	CHECK(kex_share_derive(sa, peer, n, 1, got, &len) == 0 &&
	    len == n && memcmp(got, want, n) == 0,
	    NAME(name, "%s: RFC 7748 shared secret (Alice)", gname));
	n = unit_hex(apub, peer, sizeof(peer));
	len = sizeof(got);
	CHECK(kex_share_derive(sb, peer, n, 0, got, &len) == 0 &&
	    len == n && memcmp(got, want, n) == 0,
	    NAME(name, "%s: RFC 7748 shared secret (Bob)", gname));

	/* A flipped bit in the peer key gives another secret. */
	peer[5] ^= 0x10;
	len = sizeof(got);
	CHECK(kex_share_derive(sb, peer, n, 0, got, &len) == 0 &&
	    memcmp(got, want, n) != 0,
	    NAME(name, "%s: tampered peer key, different secret", gname));
	CHECK(kex_share_bits(sa) == (g->pub_len == 32 ? 253 : 448),
	    NAME(name, "%s: bits", gname));
 out:
	kex_share_free(sa);
	kex_share_free(sb);
}

/* Both directions agree; the public value has the group's wire length. */
static void
test_agree(const struct tp_group *g)
{
	struct kex_share *a = NULL, *b = NULL;
	uint8_t s1[1024], s2[1024];
	const uint8_t *pa, *pb;
	size_t la, lb, n1 = sizeof(s1), n2 = sizeof(s2);
	char name[128];
	int r1, r2;

	CHECK(kex_share_new(g, &a) == 0 && kex_share_new(g, &b) == 0,
	    NAME(name, "%s: two key pairs", g->name));
	if (a == NULL || b == NULL)
		goto out;
	pa = kex_share_public(a, &la);
	pb = kex_share_public(b, &lb);
	CHECK(la == g->pub_len && lb == g->pub_len,
	    NAME(name, "%s: public value is %zu bytes", g->name, g->pub_len));
	CHECK(la != lb || memcmp(pa, pb, la) != 0,
	    NAME(name, "%s: two key pairs differ", g->name));
	if (g->kind == GROUP_EC)
		CHECK(pa[0] == 0x04 && pb[0] == 0x04,
		    NAME(name, "%s: uncompressed point", g->name));
	r1 = kex_share_derive(a, pb, lb, 1, s1, &n1);
	r2 = kex_share_derive(b, pa, la, 1, s2, &n2);
	CHECK(r1 == 0 && r2 == 0 && n1 == n2 && memcmp(s1, s2, n1) == 0,
	    NAME(name, "%s: both sides derive the same secret", g->name));
	switch (g->kind) {
	case GROUP_ECX:
		CHECK(n1 == g->pub_len,
		    NAME(name, "%s: secret length", g->name));
		break;
	case GROUP_EC:
		/* RFC 8422, 5.10: the x coordinate, at field length */
		CHECK(n1 == (g->pub_len - 1) / 2,
		    NAME(name, "%s: secret length", g->name));
		break;
	case GROUP_FFDHE:
		/* pad=1: always the length of p (RFC 8446, 7.4.1) */
		CHECK(n1 == g->pub_len,
		    NAME(name, "%s: padded secret length", g->name));
		CHECK(kex_share_bits(a) == (int)g->pub_len * 8,
		    NAME(name, "%s: bits", g->name));
		break;
	}
	/* a secret that is not the peer's or our public value */
	CHECK(memcmp(s1, pa, n1 < la ? n1 : la) != 0 &&
	    memcmp(s1, pb, n1 < lb ? n1 : lb) != 0,
	    NAME(name, "%s: secret is not a public value", g->name));
 out:
	kex_share_free(a);
	kex_share_free(b);
}

static int
derive_ret(struct kex_share *s, const uint8_t *peer, size_t len)
{
	uint8_t out[1024];
	size_t n = sizeof(out);

	return kex_share_derive(s, peer, len, 1, out, &n);
}

/* An RFC 7919 key made by the test itself, to read p and g from. */
static EVP_PKEY *
ffdhe_key(const char *group)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
	OSSL_PARAM params[2];
	EVP_PKEY *k = NULL;

	params[0] = OSSL_PARAM_construct_utf8_string(
	    OSSL_PKEY_PARAM_GROUP_NAME, (char *)group, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_params(ctx, params) != 1 ||
	    EVP_PKEY_generate(ctx, &k) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(ctx);
	return k;
}

/* Hostile peer values are rejected with illegal_parameter. */
static void
test_bad_peer(const struct tp_group *g)
{
	struct kex_share *a = NULL, *b = NULL;
	uint8_t v[1100], big[1100];
	const uint8_t *pb;
	size_t lb, i;
	char name[128];

	if (kex_share_new(g, &a) != 0 || kex_share_new(g, &b) != 0) {
		CHECK(0, NAME(name, "%s: key pairs for bad-peer tests",
		    g->name));
		goto out;
	}
	pb = kex_share_public(b, &lb);
	memcpy(v, pb, lb);
	CHECK(derive_ret(a, v, lb) == 0,
	    NAME(name, "%s: control: good peer value accepted", g->name));
	CHECK(derive_ret(a, v, 0) == TP_E_ILLEGAL,
	    NAME(name, "%s: empty peer value", g->name));
	/* FFDHE allows an unpadded Y (RFC 5246), so shorter can be fine */
	if (g->kind != GROUP_FFDHE)
		CHECK(derive_ret(a, v, lb - 1) == TP_E_ILLEGAL,
		    NAME(name, "%s: peer value one byte short", g->name));
	memcpy(big, pb, lb);
	big[lb] = 0;
	CHECK(derive_ret(a, big, lb + 1) == TP_E_ILLEGAL,
	    NAME(name, "%s: peer value one byte long", g->name));

	switch (g->kind) {
	case GROUP_ECX: {
		const char **pts = g->pub_len == 32 ? x25519_zero_points :
		    x448_zero_points;
		size_t npts = g->pub_len == 32 ?
		    sizeof(x25519_zero_points) / sizeof(pts[0]) :
		    sizeof(x448_zero_points) / sizeof(pts[0]);

		for (i = 0; i < npts; i++) {
			unit_hex(pts[i], v, sizeof(v));
			CHECK(derive_ret(a, v, g->pub_len) == TP_E_ILLEGAL,
			    NAME(name, "%s: small-order point %zu gives an "
			    "all-zero secret, rejected", g->name, i));
		}
		break;
	}
	case GROUP_EC:
		/* off the curve: Y changed */
		v[lb - 1] ^= 0x01;
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: point off the curve", g->name));
		memcpy(v, pb, lb);
		/* compressed forms are not allowed (RFC 8446, 4.2.8.2) */
		v[0] = 0x02 | (pb[lb - 1] & 1);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: 0x02/0x03 prefix at full length",
		    g->name));
		CHECK(derive_ret(a, v, 1 + (lb - 1) / 2) == TP_E_ILLEGAL,
		    NAME(name, "%s: compressed point", g->name));
		v[0] = 0x06 | (pb[lb - 1] & 1);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: hybrid point", g->name));
		memset(v, 0, lb);
		v[0] = 0x04;
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: (0, 0)", g->name));
		v[0] = 0x00;
		CHECK(derive_ret(a, v, 1) == TP_E_ILLEGAL,
		    NAME(name, "%s: point at infinity", g->name));
		break;
	case GROUP_FFDHE: {
		EVP_PKEY *dh = ffdhe_key(g->ossl);
		BIGNUM *p = NULL, *t = BN_new();

		if (dh == NULL || t == NULL || EVP_PKEY_get_bn_param(dh,
		    OSSL_PKEY_PARAM_FFC_P, &p) != 1) {
			CHECK(0, "DH: test domain");
			goto dhout;
		}
		/* RFC 7919, 5.1: 1 < Y < p-1 */
		memset(v, 0, lb);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y = 0", g->name));
		v[lb - 1] = 1;
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y = 1", g->name));
		CHECK(derive_ret(a, v + lb - 1, 1) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y = 1 unpadded", g->name));
		v[lb - 1] = 2;
		CHECK(derive_ret(a, v, lb) == 0,
		    NAME(name, "%s: Y = 2 accepted", g->name));
		CHECK(derive_ret(a, v + lb - 1, 1) == 0,
		    NAME(name, "%s: Y = 2 unpadded accepted", g->name));
		BN_copy(t, p);
		BN_sub_word(t, 1);
		BN_bn2binpad(t, v, (int)lb);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y = p-1", g->name));
		BN_sub_word(t, 1);
		BN_bn2binpad(t, v, (int)lb);
		CHECK(derive_ret(a, v, lb) == 0,
		    NAME(name, "%s: Y = p-2 accepted", g->name));
		BN_bn2binpad(p, v, (int)lb);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y = p", g->name));
		memset(v, 0xff, lb);
		CHECK(derive_ret(a, v, lb) == TP_E_ILLEGAL,
		    NAME(name, "%s: Y > p", g->name));
 dhout:
		BN_free(p);
		BN_free(t);
		EVP_PKEY_free(dh);
		break;
	}
	}
 out:
	kex_share_free(a);
	kex_share_free(b);
}

/* p and g of ffdhe2048 from libcrypto's copy of RFC 7919, A.1 */
static int
ffdhe2048_pg(uint8_t *p, size_t *plen, uint8_t *g, size_t *glen)
{
	EVP_PKEY *dh = ffdhe_key("ffdhe2048");
	BIGNUM *bp = NULL, *bg = NULL;
	int ok = 0;

	if (dh != NULL &&
	    EVP_PKEY_get_bn_param(dh, OSSL_PKEY_PARAM_FFC_P, &bp) == 1 &&
	    EVP_PKEY_get_bn_param(dh, OSSL_PKEY_PARAM_FFC_G, &bg) == 1) {
		*plen = (size_t)BN_bn2bin(bp, p);
		*glen = (size_t)BN_bn2bin(bg, g);
		ok = 1;
	}
	BN_free(bp);
	BN_free(bg);
	EVP_PKEY_free(dh);
	return ok;
}

static void
test_custom_dh(void)
{
	const struct tp_group *g2048 = group_by_name("ffdhe2048");
	struct kex_share *c = NULL, *n = NULL, *t = NULL;
	uint8_t p[1100], g[8], q[1100], s1[1024], s2[1024];
	const uint8_t *pc, *pn;
	size_t plen, glen, lc, ln, n1 = sizeof(s1), n2 = sizeof(s2);

	if (!ffdhe2048_pg(p, &plen, g, &glen)) {
		CHECK(0, "DH: ffdhe2048 p and g");
		return;
	}
	CHECK(plen == 256 && glen == 1 && g[0] == 2 && (p[255] & 1),
	    "DH: ffdhe2048 p is 256 bytes, g = 2");
	CHECK(kex_share_new_dh(p, plen, g, glen, &c) == 0,
	    "DH: custom domain with ffdhe2048 p, g");
	CHECK(kex_share_new(g2048, &n) == 0, "DH: named ffdhe2048 share");
	if (c == NULL || n == NULL)
		goto out;
	CHECK(kex_share_bits(c) == 2048, "DH: custom domain bits");
	pc = kex_share_public(c, &lc);
	pn = kex_share_public(n, &ln);
	CHECK(lc == 256, "DH: custom public value padded to length of p");
	/* The same domain reached two ways must agree. */
	CHECK(kex_share_derive(c, pn, ln, 1, s1, &n1) == 0 &&
	    kex_share_derive(n, pc, lc, 1, s2, &n2) == 0 && n1 == n2 &&
	    n1 == 256 && memcmp(s1, s2, n1) == 0,
	    "DH: custom and named ffdhe2048 shares agree");

	/* leading zero bytes on p and g are harmless */
	q[0] = 0;
	memcpy(q + 1, p, plen);
	CHECK(kex_share_new_dh(q, plen + 1, g, glen, &t) == 0,
	    "DH: p with a leading zero byte");
	kex_share_free(t);
	t = NULL;

	/* RFC 5246, 7.4.3 parameters a client must refuse */
	memcpy(q, p, plen);
	q[plen - 1] ^= 1;
	CHECK(kex_share_new_dh(q, plen, g, glen, &t) == TP_E_ILLEGAL &&
	    t == NULL, "DH: even p rejected");
	CHECK(kex_share_new_dh(p, 64, g, glen, &t) == TP_E_ILLEGAL,
	    "DH: 512-bit p rejected");
	/* 1023 bits: top byte 0x7f.., odd */
	memcpy(q, p, 128);
	q[0] = 0x7f;
	q[127] |= 1;
	CHECK(kex_share_new_dh(q, 128, g, glen, &t) == TP_E_ILLEGAL,
	    "DH: 1023-bit p rejected");
	q[0] = 0xff;
	CHECK(kex_share_new_dh(q, 128, g, glen, &t) == 0,
	    "DH: 1024-bit p accepted (no primality test)");
	kex_share_free(t);
	t = NULL;
	/* 8200 bits */
	memset(q, 0xff, 1025);
	CHECK(kex_share_new_dh(q, 1025, g, glen, &t) == TP_E_ILLEGAL,
	    "DH: 8200-bit p rejected");
	CHECK(kex_share_new_dh(p, 0, g, glen, &t) == TP_E_ILLEGAL,
	    "DH: empty p rejected");
	q[0] = 1;
	CHECK(kex_share_new_dh(p, plen, q, 1, &t) == TP_E_ILLEGAL,
	    "DH: g = 1 rejected");
	q[0] = 0;
	CHECK(kex_share_new_dh(p, plen, q, 1, &t) == TP_E_ILLEGAL,
	    "DH: g = 0 rejected");
	CHECK(kex_share_new_dh(p, plen, q, 0, &t) == TP_E_ILLEGAL,
	    "DH: empty g rejected");
	memcpy(q, p, plen);
	q[plen - 1] -= 1;	/* p is odd: no borrow */
	CHECK(kex_share_new_dh(p, plen, q, plen, &t) == TP_E_ILLEGAL,
	    "DH: g = p-1 rejected");
	CHECK(kex_share_new_dh(p, plen, p, plen, &t) == TP_E_ILLEGAL,
	    "DH: g = p rejected");
	q[plen - 1] -= 1;
	CHECK(kex_share_new_dh(p, plen, q, plen, &t) == 0,
	    "DH: g = p-2 accepted");
	kex_share_free(t);
	t = NULL;
 out:
	kex_share_free(c);
	kex_share_free(n);
}

/*
 * RFC 5246, 8.1.2 vs RFC 8446, 7.4.1: a DH secret with a leading zero byte
 * is 255 bytes with pad=0 and 256 with pad=1.  About one pair in 256 has
 * one; try a bounded number of fresh peers.
 */
static void
test_dh_pad(void)
{
	const struct tp_group *g = group_by_name("ffdhe2048");
	struct kex_share *a = NULL, *b = NULL;
	uint8_t s1[1024], s2[1024];
	const uint8_t *pa, *pb;
	size_t la, lb, n1, n2;
	int i, found = 0;

	if (kex_share_new(g, &a) != 0) {
		CHECK(0, "DH pad: key pair");
		return;
	}
	pa = kex_share_public(a, &la);
	for (i = 0; i < 4000 && !found; i++) {
		if (kex_share_new(g, &b) != 0)
			break;
		pb = kex_share_public(b, &lb);
		n1 = sizeof(s1);
		if (kex_share_derive(a, pb, lb, 1, s1, &n1) != 0)
			break;
		if (n1 == 256 && s1[0] == 0) {
			found = 1;
			n2 = sizeof(s2);
			CHECK(kex_share_derive(a, pb, lb, 0, s2, &n2) == 0 &&
			    n2 < 256 && memcmp(s2, s1 + (256 - n2), n2) == 0 &&
			    s2[0] != 0,
			    "DH pad: pad=0 strips the leading zeros");
			n2 = sizeof(s2);
			CHECK(kex_share_derive(b, pa, la, 0, s2, &n2) == 0 &&
			    n2 < 256 && memcmp(s2, s1 + (256 - n2), n2) == 0,
			    "DH pad: peer with pad=0 agrees");
			n2 = sizeof(s2);
			CHECK(kex_share_derive(b, pa, la, 1, s2, &n2) == 0 &&
			    n2 == 256 && memcmp(s2, s1, 256) == 0,
			    "DH pad: pad=1 keeps the length of p");
		} else if (i == 0) {
			n2 = sizeof(s2);
			CHECK(kex_share_derive(a, pb, lb, 0, s2, &n2) == 0 &&
			    n2 == 256 && memcmp(s1, s2, 256) == 0,
			    "DH pad: no leading zero, pad=0 gives all bytes");
		}
		kex_share_free(b);
		b = NULL;
	}
	printf("# DH pad: leading zero byte after %d tries\n", i);
	CHECK(found, "DH pad: found a secret with a leading zero byte");
	kex_share_free(a);
	kex_share_free(b);
}

static EVP_PKEY *ca_key;

/* A certificate for key, signed by ca_key, as DER. */
static size_t
make_cert(EVP_PKEY *key, uint8_t **der)
{
	return unit_make_cert(key, ca_key, der);
}

static void
test_rsa_encrypt(void)
{
	EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	EVP_PKEY_CTX *ctx = NULL;
	struct peer_key *pk = NULL, *pe = NULL;
	uint8_t pms[48], enc[1024], enc2[1024], dec[1024], *der = NULL;
	size_t derlen, enclen, enc2len, declen, i;

	for (i = 0; i < sizeof(pms); i++)
		pms[i] = (uint8_t)(i * 7 + 3);
	pms[0] = 3;
	pms[1] = 3;
	if (rsa == NULL || ec == NULL ||
	    (derlen = make_cert(rsa, &der)) == 0 ||
	    peer_key_from_cert(der, derlen, &pk) != 0) {
		CHECK(0, "RSA: test key and certificate");
		goto out;
	}
	OPENSSL_free(der);
	der = NULL;
	enclen = sizeof(enc);
	CHECK(kex_rsa_encrypt(pk, pms, sizeof(pms), enc, &enclen) == 0 &&
	    enclen == 256, "RSA: encrypt the pms to a certificate's key");
	enc2len = sizeof(enc2);
	CHECK(kex_rsa_encrypt(pk, pms, sizeof(pms), enc2, &enc2len) == 0 &&
	    enc2len == 256 && memcmp(enc, enc2, 256) != 0,
	    "RSA: PKCS#1 v1.5 padding is random");

	/* The server's side: decrypt with the private key. */
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, rsa, NULL);
	declen = sizeof(dec);
	CHECK(ctx != NULL && EVP_PKEY_decrypt_init(ctx) == 1 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
	    EVP_PKEY_decrypt(ctx, dec, &declen, enc, enclen) == 1 &&
	    declen == sizeof(pms) && memcmp(dec, pms, sizeof(pms)) == 0,
	    "RSA: private key decrypts back to the pms");
	/* not OAEP: an OAEP decrypt must fail */
	declen = sizeof(dec);
	CHECK(EVP_PKEY_CTX_set_rsa_padding(ctx,
	    RSA_PKCS1_OAEP_PADDING) == 1 &&
	    EVP_PKEY_decrypt(ctx, dec, &declen, enc, enclen) != 1,
	    "RSA: ciphertext is not OAEP");

	enclen = 100;
	CHECK(kex_rsa_encrypt(pk, pms, sizeof(pms), enc, &enclen) != 0,
	    "RSA: output buffer too small is an error");

	if ((derlen = make_cert(ec, &der)) == 0 ||
	    peer_key_from_cert(der, derlen, &pe) != 0) {
		CHECK(0, "RSA: EC test certificate");
		goto out;
	}
	enclen = sizeof(enc);
	CHECK(kex_rsa_encrypt(pe, pms, sizeof(pms), enc, &enclen) ==
	    TP_E_ILLEGAL, "RSA: key transport to an EC key is refused");
 out:
	OPENSSL_free(der);
	EVP_PKEY_CTX_free(ctx);
	peer_key_free(pk);
	peer_key_free(pe);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
bench_x25519(void)
{
	const struct tp_group *g = group_by_name("X25519");
	struct kex_share *a = NULL, *b;
	uint8_t s[64];
	const uint8_t *pa;
	size_t la, n;
	double t0, t1;
	int i, ok = 1;

	t0 = cpu_ms();
	if (kex_share_new(g, &a) != 0) {
		CHECK(0, "bench: X25519 key pair");
		return;
	}
	t1 = cpu_ms();
	pa = kex_share_public(a, &la);
	printf("# first X25519 key pair (this process): %.3f ms CPU\n",
	    t1 - t0);
	t0 = cpu_ms();
	for (i = 0; i < 1000 && ok; i++) {
		if (kex_share_new(g, &b) != 0) {
			ok = 0;
			break;
		}
		n = sizeof(s);
		if (kex_share_derive(b, pa, la, 1, s, &n) != 0)
			ok = 0;
		kex_share_free(b);
	}
	t1 = cpu_ms();
	CHECK(ok, "bench: 1000 X25519 key pairs and derivations");
	printf("# 1000 X25519 kex_share_new + kex_share_derive: %.1f ms CPU "
	    "(%.1f us each)\n", t1 - t0, (t1 - t0));
	kex_share_free(a);
}

int
main(void)
{
	size_t i;

	/* Early, so the first-key-pair figure includes the setup. */
	bench_x25519();

	test_rfc7748("X25519", x25519_a, x25519_apub, x25519_b, x25519_bpub,
	    x25519_k);
	test_rfc7748("X448", x448_a, x448_apub, x448_b, x448_bpub, x448_k);
	for (i = 0; i < tp_ngroups; i++) {
		test_agree(&tp_groups[i]);
		test_bad_peer(&tp_groups[i]);
	}
	test_custom_dh();
	test_dh_pad();

	if ((ca_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL)
		CHECK(0, "CA key");
	else
		test_rsa_encrypt();
	EVP_PKEY_free(ca_key);
	UNIT_EXIT();
}
