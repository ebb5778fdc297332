/*
 * gcm.c -- GCM from a CTR-mode block cipher and a portable GHASH
 * (NIST SP 800-38D, 6 and 7).
 *
 * The counter blocks J0, inc32(J0), ... are what a 128-bit CTR mode
 * produces from J0 = nonce || 0x00000001, as long as the low 32 bits do
 * not wrap: a TLS record is at most 2^14 + 2048 bytes, about 1200 blocks,
 * so they never do.  One CTR pass over 16 zero bytes then the data gives
 * E(K, J0) (for the tag) followed by the ciphertext.
 *
 * GHASH multiplies bit by bit with masks (SP 800-38D, algorithm 1): slow
 * (128 shifts per block), but its time does not depend on H or the data.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "gcm.h"
#include "tperr.h"

struct gcm {
	EVP_CIPHER_CTX	*ctx;		/* keyed CTR mode */
	uint64_t	 h[2];		/* hash subkey E(K, 0^128) */
};

static uint64_t
get_be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

/* x = x * h in GF(2^128), bit-reflected as SP 800-38D, 6.3 defines it */
static void
gf_mul(uint64_t x[2], const uint64_t h[2])
{
	uint64_t z0 = 0, z1 = 0, v0 = h[0], v1 = h[1], m, lsb;
	int i;

	for (i = 0; i < 128; i++) {
		m = 0 - ((i < 64 ? x[0] >> (63 - i) : x[1] >> (127 - i)) & 1);
		z0 ^= v0 & m;
		z1 ^= v1 & m;
		lsb = 0 - (v1 & 1);
		v1 = v1 >> 1 | v0 << 63;
		v0 = v0 >> 1 ^ (0xe100000000000000ULL & lsb);
	}
	x[0] = z0;
	x[1] = z1;
}

/* absorb len bytes, zero-padded to whole blocks */
static void
ghash_update(const struct gcm *g, uint64_t x[2], const uint8_t *p,
    size_t len)
{
	uint8_t blk[16];
	size_t n;

	while (len > 0) {
		n = len < 16 ? len : 16;
		memset(blk, 0, sizeof(blk));
		memcpy(blk, p, n);
		x[0] ^= get_be64(blk);
		x[1] ^= get_be64(blk + 8);
		gf_mul(x, g->h);
		p += n;
		len -= n;
	}
}

static void
ghash(const struct gcm *g, const uint8_t *aad, size_t aadlen,
    const uint8_t *ct, size_t ctlen, uint8_t out[16])
{
	uint64_t x[2] = { 0, 0 };

	ghash_update(g, x, aad, aadlen);
	ghash_update(g, x, ct, ctlen);
	x[0] ^= (uint64_t)aadlen * 8;
	x[1] ^= (uint64_t)ctlen * 8;
	gf_mul(x, g->h);
	put_be64(out, x[0]);
	put_be64(out + 8, x[1]);
}

int
gcm_new(const EVP_CIPHER *ctr, const uint8_t *key, struct gcm **out)
{
	static const uint8_t zero[16];
	struct gcm *g;
	uint8_t h[16];
	int n, ret = TP_E_INTERNAL;

	*out = NULL;
	if (EVP_CIPHER_get_mode(ctr) != EVP_CIPH_CTR_MODE ||
	    EVP_CIPHER_get_iv_length(ctr) != 16)
		return TP_E_INTERNAL;
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return TP_E_NOMEM;
	if ((g->ctx = EVP_CIPHER_CTX_new()) == NULL) {
		ret = TP_E_NOMEM;
		goto out;
	}
	/* H = E(K, 0^128): the first CTR block with a zero counter */
	if (!EVP_EncryptInit_ex2(g->ctx, ctr, key, zero, NULL) ||
	    !EVP_EncryptUpdate(g->ctx, h, &n, zero, 16) || n != 16)
		goto out;
	g->h[0] = get_be64(h);
	g->h[1] = get_be64(h + 8);
	*out = g;
	g = NULL;
	ret = 0;
 out:
	OPENSSL_cleanse(h, sizeof(h));
	gcm_free(g);
	return ret;
}

void
gcm_free(struct gcm *g)
{
	if (g == NULL)
		return;
	EVP_CIPHER_CTX_free(g->ctx);
	OPENSSL_cleanse(g, sizeof(*g));
	free(g);
}

/* CTR from J0: ek0 gets E(K, J0), out the keystream applied to in */
static int
gcm_ctr(struct gcm *g, const uint8_t nonce[GCM_NONCE_LEN],
    const uint8_t *in, size_t len, uint8_t *out, uint8_t ek0[16])
{
	static const uint8_t zero[16];
	uint8_t j0[16];
	int n;

	memcpy(j0, nonce, GCM_NONCE_LEN);
	j0[12] = j0[13] = j0[14] = 0;
	j0[15] = 1;
	if (!EVP_EncryptInit_ex2(g->ctx, NULL, NULL, j0, NULL) ||
	    !EVP_EncryptUpdate(g->ctx, ek0, &n, zero, 16) || n != 16)
		return TP_E_INTERNAL;
	if (len > 0 && (!EVP_EncryptUpdate(g->ctx, out, &n, in, (int)len) ||
	    (size_t)n != len))
		return TP_E_INTERNAL;
	return 0;
}

int
gcm_seal(struct gcm *g, const uint8_t nonce[GCM_NONCE_LEN],
    const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
    uint8_t *out, uint8_t tag[GCM_TAG_LEN])
{
	uint8_t ek0[16], s[16];
	int i, ret;

	if (len > 0xffff)
		return TP_E_INTERNAL;
	if ((ret = gcm_ctr(g, nonce, in, len, out, ek0)) != 0)
		return ret;
	ghash(g, aad, aadlen, out, len, s);
	for (i = 0; i < 16; i++)
		tag[i] = s[i] ^ ek0[i];
	OPENSSL_cleanse(ek0, sizeof(ek0));
	return 0;
}

int
gcm_open(struct gcm *g, const uint8_t nonce[GCM_NONCE_LEN],
    const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
    const uint8_t tag[GCM_TAG_LEN], uint8_t *out)
{
	uint8_t ek0[16], s[16];
	int i, ret;

	if (len > 0xffff)
		return TP_E_INTERNAL;
	/* the tag covers the ciphertext: hash it before decrypting */
	ghash(g, aad, aadlen, in, len, s);
	if ((ret = gcm_ctr(g, nonce, in, len, out, ek0)) != 0)
		return ret;
	for (i = 0; i < 16; i++)
		s[i] ^= ek0[i];
	OPENSSL_cleanse(ek0, sizeof(ek0));
	if (CRYPTO_memcmp(s, tag, GCM_TAG_LEN) != 0) {
		OPENSSL_cleanse(out, len);
		return TP_E_BAD_MAC;
	}
	return 0;
}
