/*
 * kex.c -- ephemeral (EC)DH key pairs and RSA key transport, on libcrypto's
 * EVP_PKEY interface.
 *
 * Every public value from the peer is checked here before it reaches
 * libcrypto's derive: exact length and the uncompressed-point prefix for EC
 * (RFC 8446, 4.2.8.2; RFC 8422, 5.4.1), 1 < Y < p-1 for finite-field groups
 * (RFC 8446, 4.2.8.1; RFC 7919, 5.1), and an all-zero X25519/X448 result
 * (RFC 8446, 7.4.2; RFC 7748, 6).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "kex.h"
#include "keysched.h"
#include "pkey_internal.h"
#include "tperr.h"

/* Largest public value: Y for ffdhe8192 / a custom 8192-bit p. */
#define KEX_MAX_PUB	1024
#define DH_MIN_BITS	1024
#define DH_MAX_BITS	8192

struct kex_share {
	const struct tp_group	*group;		/* NULL for a custom DH group */
	enum tp_group_kind	 kind;
	EVP_PKEY		*pkey;		/* our key pair */
	BIGNUM			*pm1;		/* DH: p - 1, for peer checks */
	int			 bits;
	size_t			 publen;
	uint8_t			 pub[KEX_MAX_PUB];
};

static int
share_alloc(const struct tp_group *g, enum tp_group_kind kind,
    struct kex_share **out)
{
	struct kex_share *ks;

	if ((ks = calloc(1, sizeof(*ks))) == NULL)
		return TP_E_NOMEM;
	ks->group = g;
	ks->kind = kind;
	*out = ks;
	return 0;
}

/*
 * Fill in the public encoding and the size once the key pair exists.
 * ENCODED_PUBLIC_KEY gives the raw key for X25519/X448, the point in the
 * key's conversion form (we ask for uncompressed) for EC and Y left-padded
 * to the length of p for DH: each exactly the wire form.
 */
static int
share_finish(struct kex_share *ks)
{
	BIGNUM *p = NULL;
	size_t len;
	int ret = TP_E_INTERNAL;

	if (EVP_PKEY_get_octet_string_param(ks->pkey,
	    OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, ks->pub, sizeof(ks->pub),
	    &len) != 1)
		goto out;
	ks->publen = len;
	if ((ks->bits = EVP_PKEY_get_bits(ks->pkey)) <= 0)
		goto out;
	if (ks->group != NULL && ks->publen != ks->group->pub_len)
		goto out;
	if (ks->kind == GROUP_EC && ks->pub[0] != 0x04)
		goto out;
	if (ks->kind == GROUP_FFDHE) {
		if (EVP_PKEY_get_bn_param(ks->pkey, OSSL_PKEY_PARAM_FFC_P,
		    &p) != 1)
			goto out;
		if ((size_t)BN_num_bytes(p) != ks->publen)
			goto out;
		if (!BN_sub_word(p, 1))
			goto out;
		ks->pm1 = p;
		p = NULL;
	}
	ret = 0;
 out:
	BN_free(p);
	return ret;
}

int
kex_share_new(const struct tp_group *g, struct kex_share **out)
{
	struct kex_share *ks = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	OSSL_PARAM params[3], *pp = params;
	const char *alg;
	int ret;

	*out = NULL;
	switch (g->kind) {
	case GROUP_ECX: {
		/*
		 * RFC 7748, 6: the private key is just random bytes.  Taking
		 * them from tp_random() (the kernel's getrandom) spares the
		 * start-up of libcrypto's DRBG, which costs more than the key
		 * exchange itself, and lets the test hook make keys
		 * deterministic.
		 */
		uint8_t priv[56];

		if (g->pub_len > sizeof(priv) ||
		    (ret = tp_random(priv, g->pub_len)) != 0)
			return TP_E_INTERNAL;
		ret = kex_share_from_raw(g, priv, g->pub_len, out);
		OPENSSL_cleanse(priv, sizeof(priv));
		return ret;
	}
	case GROUP_EC:
		alg = "EC";
		break;
	case GROUP_FFDHE:
		alg = "DH";
		break;
	default:
		return TP_E_INTERNAL;
	}
	if ((ret = share_alloc(g, g->kind, &ks)) != 0)
		return ret;
	ret = TP_E_INTERNAL;
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL)) == NULL)
		goto out;
	if (EVP_PKEY_keygen_init(ctx) != 1)
		goto out;
	/*
	 * Named groups only: the domain comes from libcrypto's built-in
	 * tables, nothing is generated (RFC 7919 groups for DH).
	 */
	if (g->kind != GROUP_ECX) {
		*pp++ = OSSL_PARAM_construct_utf8_string(
		    OSSL_PKEY_PARAM_GROUP_NAME, (char *)g->ossl, 0);
		if (g->kind == GROUP_EC)
			*pp++ = OSSL_PARAM_construct_utf8_string(
			    OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
			    (char *)"uncompressed", 0);
		*pp = OSSL_PARAM_construct_end();
		if (EVP_PKEY_CTX_set_params(ctx, params) != 1)
			goto out;
	}
	if (EVP_PKEY_generate(ctx, &ks->pkey) != 1)
		goto out;
	if ((ret = share_finish(ks)) != 0)
		goto out;
	*out = ks;
	ks = NULL;
 out:
	EVP_PKEY_CTX_free(ctx);
	kex_share_free(ks);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

/* Strip leading zero bytes: the wire may pad big-endian integers. */
static void
strip_zeros(const uint8_t **p, size_t *len)
{
	while (*len > 0 && (*p)[0] == 0) {
		(*p)++;
		(*len)--;
	}
}

/* Security strength of a finite-field group (SP 800-57 part 1, 5.6.1). */
static int
dh_strength(int bits)
{
	if (bits >= 7680)
		return 192;
	if (bits >= 3072)
		return 128;
	if (bits >= 2048)
		return 112;
	return 80;
}

int
kex_share_new_dh(const uint8_t *p, size_t plen, const uint8_t *g,
    size_t glen, struct kex_share **out)
{
	struct kex_share *ks = NULL;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL, *gctx = NULL;
	EVP_PKEY *dom = NULL;
	BIGNUM *bp = NULL, *bg = NULL, *pm1 = NULL;
	int bits, ret;

	*out = NULL;
	strip_zeros(&p, &plen);
	strip_zeros(&g, &glen);
	/*
	 * Cheap sanity checks only.  Proving p prime would cost far more than
	 * the whole handshake, and a server that sends a bad group can read
	 * the premaster secret anyway, so we skip it (as TLS clients
	 * generally do) and insist only on a sane size, an odd p and
	 * 1 < g < p-1.
	 */
	if (plen == 0 || plen > DH_MAX_BITS / 8)
		return TP_E_ILLEGAL;
	if ((p[plen - 1] & 1) == 0)
		return TP_E_ILLEGAL;
	if ((ret = share_alloc(NULL, GROUP_FFDHE, &ks)) != 0)
		return ret;
	ret = TP_E_NOMEM;
	if ((bp = BN_bin2bn(p, (int)plen, NULL)) == NULL ||
	    (bg = BN_bin2bn(g, (int)glen, NULL)) == NULL ||
	    (pm1 = BN_dup(bp)) == NULL || !BN_sub_word(pm1, 1))
		goto out;
	ret = TP_E_ILLEGAL;
	bits = BN_num_bits(bp);
	if (bits < DH_MIN_BITS || bits > DH_MAX_BITS)
		goto out;
	if (BN_cmp(bg, BN_value_one()) <= 0 || BN_cmp(bg, pm1) >= 0)
		goto out;

	ret = TP_E_INTERNAL;
	if ((bld = OSSL_PARAM_BLD_new()) == NULL)
		goto out;
	/*
	 * Without q libcrypto would draw a private exponent as long as p,
	 * making an 8192-bit exchange cost many times more.  Twice the
	 * group's security strength is enough (SP 800-56A rev 3, 5.6.1.1.1,
	 * as for the RFC 7919 groups).
	 */
	if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, bp) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, bg) ||
	    !OSSL_PARAM_BLD_push_int(bld, OSSL_PKEY_PARAM_DH_PRIV_LEN,
	    2 * dh_strength(bits)))
		goto out;
	if ((params = OSSL_PARAM_BLD_to_param(bld)) == NULL)
		goto out;
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL)) == NULL)
		goto out;
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &dom, EVP_PKEY_KEY_PARAMETERS,
	    params) != 1)
		goto out;
	if ((gctx = EVP_PKEY_CTX_new_from_pkey(NULL, dom, NULL)) == NULL)
		goto out;
	if (EVP_PKEY_keygen_init(gctx) != 1 ||
	    EVP_PKEY_generate(gctx, &ks->pkey) != 1)
		goto out;
	if ((ret = share_finish(ks)) != 0)
		goto out;
	*out = ks;
	ks = NULL;
 out:
	EVP_PKEY_CTX_free(gctx);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(dom);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bp);
	BN_free(bg);
	BN_free(pm1);
	kex_share_free(ks);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

int
kex_share_from_raw(const struct tp_group *g, const uint8_t *priv,
    size_t privlen, struct kex_share **out)
{
	struct kex_share *ks = NULL;
	int ret;

	*out = NULL;
	if (g->kind != GROUP_ECX || privlen != g->pub_len)
		return TP_E_INTERNAL;
	if ((ret = share_alloc(g, g->kind, &ks)) != 0)
		return ret;
	ret = TP_E_INTERNAL;
	if ((ks->pkey = EVP_PKEY_new_raw_private_key_ex(NULL, g->ossl, NULL,
	    priv, privlen)) == NULL)
		goto out;
	if ((ret = share_finish(ks)) != 0)
		goto out;
	*out = ks;
	ks = NULL;
 out:
	kex_share_free(ks);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

const uint8_t *
kex_share_public(const struct kex_share *ks, size_t *len)
{
	*len = ks->publen;
	return ks->pub;
}

int
kex_share_bits(const struct kex_share *ks)
{
	return ks->bits;
}

/*
 * The peer's value as a key in our domain.  Length, form and the DH range
 * are checked here; libcrypto's point decoding then refuses an EC point
 * that is not on the curve (SP 800-56A, 5.6.2.3.4 partial validation,
 * enough for the cofactor-1 NIST curves).
 */
static int
peer_import(struct kex_share *ks, const uint8_t *peer, size_t peerlen,
    EVP_PKEY **out)
{
	EVP_PKEY *pk = NULL;
	BIGNUM *y = NULL;
	const uint8_t *v;
	size_t vlen;
	int ret = TP_E_ILLEGAL;

	switch (ks->kind) {
	case GROUP_ECX:
		/* RFC 8446, 4.2.8.2: exactly 32 or 56 bytes */
		if (peerlen != ks->publen)
			goto out;
		pk = EVP_PKEY_new_raw_public_key_ex(NULL, ks->group->ossl,
		    NULL, peer, peerlen);
		if (pk == NULL)
			goto out;
		break;
	case GROUP_EC:
		/*
		 * RFC 8446, 4.2.8.2 and RFC 8422, 5.4.1: the uncompressed
		 * form only, 0x04 || X || Y, and nothing else.
		 */
		if (peerlen != ks->publen || peer[0] != 0x04)
			goto out;
		break;
	case GROUP_FFDHE:
		/* RFC 8446, 4.2.8.1; RFC 5246 allows Y without padding */
		if (peerlen == 0 || peerlen > ks->publen)
			goto out;
		v = peer;
		vlen = peerlen;
		strip_zeros(&v, &vlen);
		/* RFC 7919, 5.1: 1 < Y < p-1 */
		ret = TP_E_NOMEM;
		if ((y = BN_bin2bn(v, (int)vlen, NULL)) == NULL)
			goto out;
		ret = TP_E_ILLEGAL;
		if (BN_cmp(y, BN_value_one()) <= 0 || BN_cmp(y, ks->pm1) >= 0)
			goto out;
		break;
	}
	if (pk == NULL) {
		ret = TP_E_NOMEM;
		if ((pk = EVP_PKEY_new()) == NULL)
			goto out;
		ret = TP_E_INTERNAL;
		if (EVP_PKEY_copy_parameters(pk, ks->pkey) != 1)
			goto out;
		ret = TP_E_ILLEGAL;
		if (EVP_PKEY_set1_encoded_public_key(pk, peer, peerlen) != 1)
			goto out;
	}
	*out = pk;
	pk = NULL;
	ret = 0;
 out:
	EVP_PKEY_free(pk);
	BN_free(y);
	return ret;
}

int
kex_share_derive(struct kex_share *ks, const uint8_t *peer, size_t peerlen,
    int pad, uint8_t *out, size_t *outlen)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pk = NULL;
	size_t len, i;
	uint8_t acc;
	int ret;

	if ((ret = peer_import(ks, peer, peerlen, &pk)) != 0)
		goto out;
	ret = TP_E_INTERNAL;
	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, ks->pkey, NULL)) == NULL)
		goto out;
	if (EVP_PKEY_derive_init(ctx) != 1)
		goto out;
	/*
	 * TLS 1.3 keeps the leading zeros of a DH secret (RFC 8446, 7.4.1),
	 * TLS 1.2 strips them (RFC 5246, 8.1.2).  ECDH output always keeps
	 * its field length (RFC 8422, 5.10).
	 */
	if (ks->kind == GROUP_FFDHE &&
	    EVP_PKEY_CTX_set_dh_pad(ctx, pad ? 1 : 0) != 1)
		goto out;
	/*
	 * The value was checked in peer_import(); the full check would add
	 * a scalar multiplication (EC) or a modular exponentiation (DH).
	 */
	ret = TP_E_ILLEGAL;
	if (EVP_PKEY_derive_set_peer_ex(ctx, pk, 0) != 1)
		goto out;
	ret = TP_E_INTERNAL;
	if (EVP_PKEY_derive(ctx, NULL, &len) != 1 || len > *outlen)
		goto out;
	/* A failure here is the peer's value: a point of small order. */
	ret = TP_E_ILLEGAL;
	if (EVP_PKEY_derive(ctx, out, &len) != 1)
		goto out;
	if (ks->kind == GROUP_ECX) {
		/* RFC 8446, 7.4.2; RFC 7748, 6.1: refuse an all-zero result */
		for (acc = 0, i = 0; i < len; i++)
			acc |= out[i];
		if (acc == 0) {
			OPENSSL_cleanse(out, len);
			goto out;
		}
	}
	*outlen = len;
	ret = 0;
 out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pk);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}

void
kex_share_free(struct kex_share *ks)
{
	if (ks == NULL)
		return;
	EVP_PKEY_free(ks->pkey);	/* providers clear private keys */
	BN_free(ks->pm1);
	OPENSSL_cleanse(ks, sizeof(*ks));
	free(ks);
}

int
kex_rsa_encrypt(struct peer_key *pk, const uint8_t *pms, size_t pmslen,
    uint8_t *out, size_t *outlen)
{
	EVP_PKEY_CTX *ctx = NULL;
	size_t len;
	int ret;

	/* RFC 5246, 7.4.7.1: only an rsaEncryption key can take the pms */
	if (pk == NULL || pk->type != PK_RSA)
		return TP_E_ILLEGAL;
	ret = TP_E_INTERNAL;
	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pk->pkey, NULL)) == NULL)
		goto out;
	if (EVP_PKEY_encrypt_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1)
		goto out;
	if (EVP_PKEY_encrypt(ctx, NULL, &len, pms, pmslen) != 1 ||
	    len > *outlen)
		goto out;
	if (EVP_PKEY_encrypt(ctx, out, &len, pms, pmslen) != 1)
		goto out;
	*outlen = len;
	ret = 0;
 out:
	EVP_PKEY_CTX_free(ctx);
	if (ret != 0)
		ERR_clear_error();
	return ret;
}
