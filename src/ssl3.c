/*
 * ssl3.c -- SSL 3.0 key derivation and handshake hashes (RFC 6101, 5.6.8,
 * 5.6.9 and 6), with plain EVP digests: OpenSSL 3.0 offers no KDF for
 * them.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "keysched.h"
#include "ssl3.h"
#include "tperr.h"

/*
 * RFC 6101, 6.1 and 6.2.2: MD5(secret || SHA(salt_i || secret || r1 ||
 * r2)) for i = 1, 2, ... with salt_i = i copies of the letter 'A' + i - 1,
 * until outlen bytes.
 */
static int
ssl3_expand(const uint8_t *secret, size_t secretlen, const uint8_t r1[32],
    const uint8_t r2[32], uint8_t *out, size_t outlen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	const EVP_MD *md5 = tp_md(HASH_MD5), *sha = tp_md(HASH_SHA1);
	uint8_t salt[26], sh[20], blk[16];
	size_t i, n, done = 0;
	unsigned len;
	int ret = TP_E_INTERNAL;

	if (ctx == NULL)
		return TP_E_NOMEM;
	/* 26 letters give 416 bytes: more than any key block needs */
	if (md5 == NULL || sha == NULL || outlen > 26 * 16)
		goto out;
	for (i = 1; done < outlen; i++) {
		memset(salt, 'A' + (int)i - 1, i);
		if (!EVP_DigestInit_ex(ctx, sha, NULL) ||
		    !EVP_DigestUpdate(ctx, salt, i) ||
		    !EVP_DigestUpdate(ctx, secret, secretlen) ||
		    !EVP_DigestUpdate(ctx, r1, 32) ||
		    !EVP_DigestUpdate(ctx, r2, 32) ||
		    !EVP_DigestFinal_ex(ctx, sh, &len) ||
		    !EVP_DigestInit_ex(ctx, md5, NULL) ||
		    !EVP_DigestUpdate(ctx, secret, secretlen) ||
		    !EVP_DigestUpdate(ctx, sh, sizeof(sh)) ||
		    !EVP_DigestFinal_ex(ctx, blk, &len))
			goto out;
		n = outlen - done < 16 ? outlen - done : 16;
		memcpy(out + done, blk, n);
		done += n;
	}
	ret = 0;
 out:
	OPENSSL_cleanse(sh, sizeof(sh));
	OPENSSL_cleanse(blk, sizeof(blk));
	EVP_MD_CTX_free(ctx);
	return ret;
}

int
ssl3_master_secret(const uint8_t *pms, size_t pmslen,
    const uint8_t client_random[32], const uint8_t server_random[32],
    uint8_t master[48])
{
	return ssl3_expand(pms, pmslen, client_random, server_random, master,
	    48);
}

int
ssl3_key_block(const uint8_t master[48], const uint8_t client_random[32],
    const uint8_t server_random[32], uint8_t *out, size_t outlen)
{
	return ssl3_expand(master, 48, server_random, client_random, out,
	    outlen);
}

/* hash(master || pad_2 || hash(messages || sender || master || pad_1)) */
static int
one_hash(EVP_MD_CTX *ctx, const EVP_MD *md, size_t padlen,
    const struct transcript *ts, const uint8_t *sender,
    const uint8_t master[48], uint8_t *out)
{
	uint8_t pad[48], inner[20];
	unsigned len;
	int ok;

	memset(pad, 0x36, sizeof(pad));
	ok = EVP_DigestInit_ex(ctx, md, NULL) &&
	    (ts->len == 0 || EVP_DigestUpdate(ctx, ts->buf, ts->len)) &&
	    (sender == NULL || EVP_DigestUpdate(ctx, sender, 4)) &&
	    EVP_DigestUpdate(ctx, master, 48) &&
	    EVP_DigestUpdate(ctx, pad, padlen) &&
	    EVP_DigestFinal_ex(ctx, inner, &len);
	memset(pad, 0x5c, sizeof(pad));
	ok = ok && EVP_DigestInit_ex(ctx, md, NULL) &&
	    EVP_DigestUpdate(ctx, master, 48) &&
	    EVP_DigestUpdate(ctx, pad, padlen) &&
	    EVP_DigestUpdate(ctx, inner, len) &&
	    EVP_DigestFinal_ex(ctx, out, &len);
	OPENSSL_cleanse(inner, sizeof(inner));
	return ok;
}

int
ssl3_handshake_hashes(const struct transcript *ts, const uint8_t *sender,
    const uint8_t master[48], uint8_t out[SSL3_HASHES_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	const EVP_MD *md5 = tp_md(HASH_MD5), *sha = tp_md(HASH_SHA1);
	int ret = TP_E_INTERNAL;

	if (ctx == NULL)
		return TP_E_NOMEM;
	/* RFC 6101, 5.6.8: pad_1/pad_2 are 48 bytes for MD5, 40 for SHA */
	if (md5 != NULL && sha != NULL &&
	    one_hash(ctx, md5, 48, ts, sender, master, out) &&
	    one_hash(ctx, sha, 40, ts, sender, master, out + 16))
		ret = 0;
	EVP_MD_CTX_free(ctx);
	return ret;
}
