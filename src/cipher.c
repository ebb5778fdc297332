/*
 * cipher.c -- record protection: one direction of one connection.
 *
 * Three schemes sit behind the interface of cipher.h:
 *  - AEAD with an explicit nonce (TLS 1.2 AES-GCM, RFC 5288; AES-CCM,
 *    RFC 6655): nonce = salt(4) || seq(8), the 8 bytes travel in the record;
 *  - AEAD with an XORed nonce (TLS 1.2 ChaCha20-Poly1305, RFC 7905, and
 *    every TLS 1.3 AEAD, RFC 8446 5.3): nonce = iv(12) XOR seq;
 *  - CBC with HMAC, MAC-then-encrypt (RFC 2246/4346/5246, 6.2.3.2), or
 *    encrypt-then-MAC when the encrypt_then_mac extension was negotiated
 *    (RFC 7366, 3: the MAC covers seq || header || IV || ciphertext and
 *    is checked before anything is decrypted);
 *  - a stream cipher (RC4) or none (NULL suites) with HMAC, MAC then
 *    encrypt (RFC 5246, 6.2.3.1): the key stream runs on across records.
 * Camellia-GCM (RFC 6367) has no EVP cipher in OpenSSL 3.0; gcm.c builds
 * it from Camellia-CTR.  DES, SEED and RC4 live in OpenSSL's legacy
 * provider, which is loaded the first time such a suite is set up.
 * SSL 3.0 (RFC 6101, 5.2.3) uses the CBC and stream schemes with its own
 * MAC (hash(secret || pad2 || hash(secret || pad1 || seq || type ||
 * length || content)), not HMAC) and a padding of which only the length
 * byte counts.
 *
 * Each state owns one EVP_CIPHER_CTX keyed once in rprot_new(); per record
 * only the IV/nonce is set, so an AEAD record allocates nothing.  CBC
 * states own one keyed EVP_MAC_CTX that is re-initialised (same key) per
 * record; OpenSSL 3.0's HMAC copies its keyed digest state on that
 * re-initialisation (two small allocations inside libcrypto), which the
 * EVP_MAC API gives no way to avoid.  Algorithms are fetched once per
 * process.
 *
 * The caller's input and output buffers must not overlap.  open() writes
 * the decrypted body before it knows the plaintext length: for CBC it needs
 * outcap >= fragment length - explicit IV, for AEAD exactly the plaintext
 * length.  Lengths that do not fit a 16-bit record length field are the
 * caller's bug (TP_E_INTERNAL); 2^14 limits are the record layer's.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "cipher.h"
#include "gcm.h"
#include "names.h"
#include "tperr.h"

void (*rprot_random_hook)(uint8_t *, size_t) = NULL;

enum rprot_scheme {
	SCHEME_AEAD_EXPLICIT,	/* 1.2 GCM/CCM: salt || explicit nonce */
	SCHEME_AEAD_XOR,	/* 1.2 ChaCha20, all of 1.3: iv ^ seq */
	SCHEME_CBC,		/* HMAC then CBC */
	SCHEME_STREAM,		/* HMAC then RC4, or HMAC alone (NULL) */
};

#define RPROT_MAX_IV		16	/* AES block; 12 for AEAD */
#define RPROT_MAX_MAC		48	/* HMAC-SHA384 */
#define RPROT_MAX_MD_BLOCK	128	/* SHA-384 block */
#define RPROT_NONCE_LEN		12	/* every AEAD we use, RFC 5116 */
#define RPROT_MAX_FRAGMENT	0xffff	/* a 16-bit length field */

struct rprot {
	enum rprot_scheme	 scheme;
	uint16_t		 version;
	int			 encrypt;
	int			 ccm;		/* CCM needs its call order */
	EVP_CIPHER_CTX		*cctx;		/* keyed once; NULL for NULL */
	struct gcm		*gcm;		/* Camellia-GCM, instead */
	EVP_MAC_CTX		*mctx;		/* keyed once, CBC only */
	EVP_MAC_CTX		*dctx;		/* CBC opener: dummy hashing */
	int			 ssl3;		/* SSL 3.0 MAC and padding */
	int			 etm;		/* RFC 7366 encrypt-then-MAC */
	const EVP_MD		*md;		/* SSL 3.0: the MAC's hash */
	EVP_MD_CTX		*mdctx;		/* SSL 3.0: MAC, per record */
	EVP_MD_CTX		*dmdctx;	/* SSL 3.0 opener: dummy hashing */
	uint8_t			 mac_secret[RPROT_MAX_MAC]; /* SSL 3.0 */
	size_t			 ssl3_pad;	/* 48 (MD5) or 40 (SHA-1) */
	size_t			 mac_prefix;	/* hashed before the header */
	size_t			 mac_hdr_len;	/* 13, SSL 3.0: 11 */
	size_t			 tag_len;	/* AEAD tag */
	size_t			 explicit_len;	/* nonce/IV bytes per record */
	size_t			 block_len;	/* CBC block */
	size_t			 mac_len;	/* HMAC output */
	size_t			 md_block_len;	/* hash block, for Lucky13 */
	unsigned		 md_block_shift; /* log2(md_block_len) */
	size_t			 md_len_field;	/* hash padding length field */
	/*
	 * 1.2 GCM/CCM: the 4-byte salt; XOR schemes: the 12-byte static IV;
	 * TLS 1.0 CBC: the chained IV (last ciphertext block so far).
	 */
	uint8_t			 iv[RPROT_MAX_IV];
	size_t			 iv_len;
};

/*
 * Process-wide caches: each algorithm is fetched at most once (a fetch
 * costs a method-store lookup and, the first time, provider start-up).
 * They are deliberately never freed: they live as long as the process.
 */
static struct {
	const char	*name;
	EVP_CIPHER	*cipher;
} cipher_cache[24];
static EVP_MAC *hmac_cache;

static EVP_CIPHER *
fetch_cipher(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(cipher_cache) / sizeof(cipher_cache[0]); i++) {
		if (cipher_cache[i].name == NULL) {
			cipher_cache[i].cipher = EVP_CIPHER_fetch(NULL, name,
			    NULL);
			if (cipher_cache[i].cipher == NULL)
				return NULL;
			cipher_cache[i].name = name;
			return cipher_cache[i].cipher;
		}
		if (strcmp(cipher_cache[i].name, name) == 0)
			return cipher_cache[i].cipher;
	}
	/* more distinct names than bulk ciphers: fetch uncached */
	return NULL;
}

/*
 * OpenSSL's legacy provider (DES, SEED, RC4 ...), with the default one
 * beside it: loading a provider by hand stops the default one from being
 * loaded implicitly.  Loaded once, only when a suite needs it, and kept
 * for the life of the process.
 */
static int
load_legacy(void)
{
	static int state;	/* 0 untried, 1 loaded, -1 failed */

	if (state == 0)
		state = OSSL_PROVIDER_load(NULL, "default") != NULL &&
		    OSSL_PROVIDER_load(NULL, "legacy") != NULL ? 1 : -1;
	return state == 1;
}

static EVP_CIPHER *
fetch_bulk(const struct tp_bulk_info *bi)
{
	if (bi->legacy && !load_legacy())
		return NULL;
	return fetch_cipher(bi->evp);
}

/* SSL 3.0's MAC hashes, fetched once per process */
static const EVP_MD *
fetch_md(enum tp_hash h)
{
	static EVP_MD *md5, *sha1;
	EVP_MD **slot = h == HASH_MD5 ? &md5 : h == HASH_SHA1 ? &sha1 : NULL;

	if (slot == NULL)
		return NULL;
	if (*slot == NULL)
		*slot = EVP_MD_fetch(NULL, hash_name(h), NULL);
	return *slot;
}

static EVP_MAC *
fetch_hmac(void)
{
	if (hmac_cache == NULL)
		hmac_cache = EVP_MAC_fetch(NULL, "HMAC", NULL);
	return hmac_cache;
}

/*
 * Constant-time helpers.  Every operand is below 2^(bits-1) (lengths of at
 * most a few tens of kilobytes), so the sign bit of a difference is the
 * comparison.  Results are all-ones or all-zero masks.
 */
#define CT_TOP	(sizeof(size_t) * 8 - 1)

static size_t
ct_lt(size_t a, size_t b)
{
	return 0 - ((a - b) >> CT_TOP);
}

static size_t
ct_ge(size_t a, size_t b)
{
	return ~ct_lt(a, b);
}

static size_t
ct_eq(size_t a, size_t b)
{
	size_t x = a ^ b;

	/* x | -x has its top bit set iff x != 0 */
	return ((x | (0 - x)) >> CT_TOP) - 1;
}

static void
put_u16(uint8_t *p, size_t v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

static void
put_u64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = v & 0xff;
		v >>= 8;
	}
}

/*
 * RFC 5246, 6.2.3.1 and 6.2.3.3: seq_num || type || version || length.
 */
static void
tls12_header(uint8_t hdr[13], uint64_t seq, uint8_t type, uint16_t version,
    size_t len)
{
	put_u64(hdr, seq);
	hdr[8] = type;
	put_u16(hdr + 9, version);
	put_u16(hdr + 11, len);
}

int
rprot_new(const struct tp_suite *s, uint16_t version,
    const struct rprot_keys *keys, int encrypt, struct rprot **out)
{
	const struct tp_bulk_info *bi;
	struct rprot *p = NULL;
	EVP_CIPHER *cipher;
	OSSL_PARAM params[2];
	size_t ivlen;
	int ret = TP_E_INTERNAL;

	if (out == NULL)
		return TP_E_INTERNAL;
	*out = NULL;
	if (s == NULL || keys == NULL || keys->key == NULL)
		return TP_E_INTERNAL;
	if ((bi = bulk_info(s->bulk)) == NULL)
		return TP_E_INTERNAL;
	if (version < SSL3_VERSION || version > TLS1_3_VERSION ||
	    version < s->min_version || version > s->max_version)
		return TP_E_INTERNAL;
	if (version == SSL3_VERSION && (bi->aead || (s->mac != HASH_MD5 &&
	    s->mac != HASH_SHA1)))
		return TP_E_INTERNAL;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return TP_E_NOMEM;
	p->version = version;
	p->encrypt = encrypt ? 1 : 0;
	p->tag_len = bi->tag_len;
	p->block_len = bi->block_len;
	p->ssl3 = version == SSL3_VERSION;

	if (bi->aead) {
		if (version == TLS1_3_VERSION || bi->explicit_nonce_len == 0) {
			/*
			 * RFC 8446, 5.3: iv_length is max(8, N_MIN) = 12;
			 * RFC 7905, 2 (ChaCha20 in 1.2): 12-byte fixed IV,
			 * nothing sent
			 */
			p->scheme = SCHEME_AEAD_XOR;
			ivlen = RPROT_NONCE_LEN;
		} else {
			/* RFC 5288, 3 and RFC 6655, 3: 4-byte salt */
			p->scheme = SCHEME_AEAD_EXPLICIT;
			p->explicit_len = bi->explicit_nonce_len;
			ivlen = bi->fixed_iv_len;
			if (ivlen + p->explicit_len != RPROT_NONCE_LEN)
				goto out;
		}
	} else {
		p->scheme = p->block_len > 0 ? SCHEME_CBC : SCHEME_STREAM;
		p->mac_len = hash_len(s->mac);
		if (p->mac_len == 0 || p->mac_len > RPROT_MAX_MAC ||
		    hash_name(s->mac) == NULL || s->mac == HASH_MD5_SHA1 ||
		    p->block_len > RPROT_MAX_IV ||
		    keys->mac_key == NULL || keys->mac_key_len != p->mac_len)
			goto out;
		if (s->mac == HASH_SHA384 || s->mac == HASH_SHA512) {
			p->md_block_len = 128;
			p->md_block_shift = 7;
			p->md_len_field = 16;
		} else {
			p->md_block_len = 64;
			p->md_block_shift = 6;
			p->md_len_field = 8;
		}
		if (p->scheme == SCHEME_STREAM) {
			/* RFC 5246, 6.2.3.1: no IV, no padding */
			ivlen = 0;
		} else if (version <= TLS1_0_VERSION) {
			/* RFC 2246, 6.3: the IV comes from the key block */
			ivlen = p->block_len;
		} else {
			/* RFC 4346, 6.2.3.2: an explicit IV per record */
			ivlen = 0;
			p->explicit_len = p->block_len;
		}
	}
	if (ivlen > 0) {
		if (keys->iv == NULL || keys->iv_len != ivlen)
			goto out;
		memcpy(p->iv, keys->iv, ivlen);
	}
	p->iv_len = ivlen;

	if (bi->evp == NULL) {
		/* NULL suites: the MAC alone (RFC 5246, 6.2.3.1) */
		if (p->scheme != SCHEME_STREAM || bi->key_len != 0)
			goto out;
		goto mac;
	}
	if ((cipher = fetch_bulk(bi)) == NULL)
		goto out;
	if ((size_t)EVP_CIPHER_get_key_length(cipher) != bi->key_len)
		goto out;
	if (bi->aead && EVP_CIPHER_get_mode(cipher) == EVP_CIPH_CTR_MODE) {
		/* GCM built from CTR mode (gcm.c) */
		if (p->tag_len != GCM_TAG_LEN ||
		    p->scheme != SCHEME_AEAD_EXPLICIT)
			goto out;
		if ((ret = gcm_new(cipher, keys->key, &p->gcm)) != 0)
			goto out;
		ret = TP_E_INTERNAL;
		goto done;
	}
	p->ccm = EVP_CIPHER_get_mode(cipher) == EVP_CIPH_CCM_MODE;
	if ((p->cctx = EVP_CIPHER_CTX_new()) == NULL) {
		ret = TP_E_NOMEM;
		goto out;
	}
	if (p->ccm) {
		/*
		 * CCM fixes the nonce and tag lengths when the key is set,
		 * so both come first (RFC 6655, 3: 12-byte nonce, L = 3).
		 */
		size_t nlen = RPROT_NONCE_LEN;

		params[0] = OSSL_PARAM_construct_size_t(
		    OSSL_CIPHER_PARAM_AEAD_IVLEN, &nlen);
		params[1] = OSSL_PARAM_construct_end();
		if (!EVP_CipherInit_ex2(p->cctx, cipher, NULL, NULL,
		    p->encrypt, params))
			goto out;
		if (EVP_CIPHER_CTX_ctrl(p->cctx, EVP_CTRL_AEAD_SET_TAG,
		    (int)p->tag_len, NULL) <= 0)
			goto out;
		if (!EVP_CipherInit_ex2(p->cctx, NULL, keys->key, NULL,
		    p->encrypt, NULL))
			goto out;
	} else {
		if (!EVP_CipherInit_ex2(p->cctx, cipher, keys->key, NULL,
		    p->encrypt, NULL))
			goto out;
	}
	if (p->scheme == SCHEME_CBC) {
		/* TLS does its own padding (RFC 5246, 6.2.3.2) */
		if (!EVP_CIPHER_CTX_set_padding(p->cctx, 0))
			goto out;
	} else if (p->scheme == SCHEME_STREAM) {
		if (EVP_CIPHER_get_mode(cipher) != EVP_CIPH_STREAM_CIPHER)
			goto out;
	} else if (EVP_CIPHER_CTX_get_iv_length(p->cctx) != RPROT_NONCE_LEN)
		goto out;

 mac:
	p->mac_prefix = p->md_block_len;	/* HMAC's inner key block */
	p->mac_hdr_len = 13;
	if (p->ssl3) {
		/* RFC 6101, 5.2.3.1: pad_1 is 48 bytes for MD5, 40 for SHA */
		p->ssl3_pad = s->mac == HASH_MD5 ? 48 : 40;
		p->mac_prefix = p->mac_len + p->ssl3_pad;
		p->mac_hdr_len = 11;
		memcpy(p->mac_secret, keys->mac_key, p->mac_len);
		if ((p->md = fetch_md(s->mac)) == NULL)
			goto out;
		if ((p->mdctx = EVP_MD_CTX_new()) == NULL ||
		    (!p->encrypt && p->scheme == SCHEME_CBC &&
		    (p->dmdctx = EVP_MD_CTX_new()) == NULL)) {
			ret = TP_E_NOMEM;
			goto out;
		}
		if (p->dmdctx != NULL &&
		    !EVP_DigestInit_ex(p->dmdctx, p->md, NULL))
			goto out;
	} else if (p->scheme == SCHEME_CBC || p->scheme == SCHEME_STREAM) {
		EVP_MAC *mac;

		if ((mac = fetch_hmac()) == NULL)
			goto out;
		if ((p->mctx = EVP_MAC_CTX_new(mac)) == NULL) {
			ret = TP_E_NOMEM;
			goto out;
		}
		params[0] = OSSL_PARAM_construct_utf8_string(
		    OSSL_MAC_PARAM_DIGEST, (char *)hash_name(s->mac), 0);
		params[1] = OSSL_PARAM_construct_end();
		if (!EVP_MAC_init(p->mctx, keys->mac_key, keys->mac_key_len,
		    params))
			goto out;
		if (EVP_MAC_CTX_get_mac_size(p->mctx) != p->mac_len)
			goto out;
		/*
		 * The opener's second context only ever absorbs dummy blocks
		 * (see cbc_open()); it is never finalised, so it needs no
		 * re-initialisation per record.
		 */
		if (p->scheme == SCHEME_CBC && !p->encrypt &&
		    (p->dctx = EVP_MAC_CTX_dup(p->mctx)) == NULL) {
			ret = TP_E_NOMEM;
			goto out;
		}
	}
 done:
	*out = p;
	p = NULL;
	ret = 0;
 out:
	rprot_free(p);
	return ret;
}

int
rprot_set_etm(struct rprot *p)
{
	/* RFC 7366, 3: CBC suites only; SSL 3.0 has no extensions */
	if (p == NULL || p->scheme != SCHEME_CBC || p->ssl3)
		return TP_E_INTERNAL;
	p->etm = 1;
	return 0;
}

int
rprot_is_cbc(const struct tp_suite *s)
{
	const struct tp_bulk_info *bi;

	return s != NULL && (bi = bulk_info(s->bulk)) != NULL && !bi->aead &&
	    bi->block_len > 0;
}

int
rprot_supported(const struct tp_suite *s)
{
	const struct tp_bulk_info *bi;

	if (s == NULL || (bi = bulk_info(s->bulk)) == NULL)
		return 0;
	if (bi->evp == NULL)
		return bi->id == BULK_NULL;
	return fetch_bulk(bi) != NULL;
}

void
rprot_free(struct rprot *p)
{
	if (p == NULL)
		return;
	/* the contexts wipe their key schedules when freed */
	EVP_CIPHER_CTX_free(p->cctx);
	gcm_free(p->gcm);
	EVP_MAC_CTX_free(p->mctx);
	EVP_MAC_CTX_free(p->dctx);
	EVP_MD_CTX_free(p->mdctx);
	EVP_MD_CTX_free(p->dmdctx);
	OPENSSL_cleanse(p, sizeof(*p));
	free(p);
}

/* CBC padding for n bytes of content: 1..block bytes, length byte included
 * (for MAC-then-encrypt the MAC is padded too) */
static size_t
cbc_pad_len(const struct rprot *p, size_t n)
{
	/* encrypt-then-MAC pads the content alone (RFC 7366, 3) */
	return p->block_len - (n + (p->etm ? 0 : p->mac_len)) % p->block_len;
}

size_t
rprot_overhead(const struct rprot *p, size_t n)
{
	if (p == NULL)
		return 0;
	if (p->scheme == SCHEME_CBC)
		return p->explicit_len + p->mac_len + cbc_pad_len(p, n);
	if (p->scheme == SCHEME_STREAM)
		return p->mac_len;
	return p->explicit_len + p->tag_len;
}

/* The 12-byte AEAD nonce; explicit is the record's 8 bytes (or NULL). */
static void
aead_nonce(const struct rprot *p, uint64_t seq, const uint8_t *explicit,
    uint8_t nonce[RPROT_NONCE_LEN])
{
	uint8_t s[8];
	size_t i;

	if (p->scheme == SCHEME_AEAD_EXPLICIT) {
		/* RFC 5288, 3: GCMNonce = salt || nonce_explicit */
		memcpy(nonce, p->iv, p->iv_len);
		memcpy(nonce + p->iv_len, explicit, p->explicit_len);
		return;
	}
	/* RFC 8446, 5.3; RFC 7905, 2: seq left-padded, XORed with iv */
	memcpy(nonce, p->iv, RPROT_NONCE_LEN);
	put_u64(s, seq);
	for (i = 0; i < 8; i++)
		nonce[RPROT_NONCE_LEN - 8 + i] ^= s[i];
}

/*
 * Additional data.  RFC 8446, 5.2: the record header as sent, with the
 * ciphertext length.  RFC 5246, 6.2.3.3 (and RFC 7905): seq || type ||
 * version || plaintext length.
 */
static size_t
aead_aad(const struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    size_t ptlen, size_t ctlen, uint8_t aad[13])
{
	if (p->version == TLS1_3_VERSION) {
		aad[0] = type;
		put_u16(aad + 1, version);
		put_u16(aad + 3, ctlen);
		return 5;
	}
	tls12_header(aad, seq, type, version, ptlen);
	return 13;
}

static int
aead_seal(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t nonce[RPROT_NONCE_LEN], aad[13], explicit[8], dummy = 0;
	size_t total, aadlen;
	int n;

	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	total = p->explicit_len + inlen + p->tag_len;
	if (total > outcap || total > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	/* RFC 5288, 3: the explicit nonce is our sequence number */
	put_u64(explicit, seq);
	aead_nonce(p, seq, explicit, nonce);
	aadlen = aead_aad(p, seq, type, version, inlen, total, aad);

	if (p->gcm != NULL) {
		if (gcm_seal(p->gcm, nonce, aad, aadlen, in, inlen,
		    out + p->explicit_len, out + p->explicit_len + inlen) != 0)
			return TP_E_INTERNAL;
		memcpy(out, explicit, p->explicit_len);
		*outlen = total;
		return 0;
	}
	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, nonce, 1, NULL))
		return TP_E_INTERNAL;
	/* CCM must know the message length before the AAD */
	if (p->ccm && !EVP_CipherUpdate(p->cctx, NULL, &n, NULL, (int)inlen))
		return TP_E_INTERNAL;
	if (!EVP_CipherUpdate(p->cctx, NULL, &n, aad, (int)aadlen))
		return TP_E_INTERNAL;
	if (inlen > 0 || p->ccm) {
		/* CCM encrypts and MACs in this one call, even when empty */
		if (!EVP_CipherUpdate(p->cctx,
		    inlen > 0 ? out + p->explicit_len : &dummy, &n,
		    inlen > 0 ? in : &dummy, (int)inlen) ||
		    (size_t)n != inlen)
			return TP_E_INTERNAL;
	}
	if (!EVP_CipherFinal_ex(p->cctx, out + p->explicit_len + inlen, &n) ||
	    n != 0)
		return TP_E_INTERNAL;
	if (EVP_CIPHER_CTX_ctrl(p->cctx, EVP_CTRL_AEAD_GET_TAG,
	    (int)p->tag_len, out + p->explicit_len + inlen) <= 0)
		return TP_E_INTERNAL;
	memcpy(out, explicit, p->explicit_len);
	*outlen = total;
	return 0;
}

static int
aead_open(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t nonce[RPROT_NONCE_LEN], aad[13], tag[16], dummy = 0;
	size_t ptlen, aadlen;
	int n, ok = 1;

	/* too short to hold the explicit nonce and the tag */
	if (inlen < p->explicit_len + p->tag_len)
		return TP_E_BAD_MAC;
	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	ptlen = inlen - p->explicit_len - p->tag_len;
	if (ptlen > outcap)
		return TP_E_INTERNAL;
	aead_nonce(p, seq, in, nonce);
	aadlen = aead_aad(p, seq, type, version, ptlen, inlen, aad);
	memcpy(tag, in + inlen - p->tag_len, p->tag_len);

	if (p->gcm != NULL) {
		if (gcm_open(p->gcm, nonce, aad, aadlen, in + p->explicit_len,
		    ptlen, tag, out) != 0)
			return TP_E_BAD_MAC;
		*outlen = ptlen;
		return 0;
	}
	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, nonce, 0, NULL))
		return TP_E_INTERNAL;
	/* CCM checks the tag inside the data update: set it first */
	if (EVP_CIPHER_CTX_ctrl(p->cctx, EVP_CTRL_AEAD_SET_TAG,
	    (int)p->tag_len, tag) <= 0)
		return TP_E_INTERNAL;
	if (p->ccm && !EVP_CipherUpdate(p->cctx, NULL, &n, NULL, (int)ptlen))
		return TP_E_INTERNAL;
	if (!EVP_CipherUpdate(p->cctx, NULL, &n, aad, (int)aadlen))
		return TP_E_INTERNAL;
	if (ptlen > 0 || p->ccm) {
		if (!EVP_CipherUpdate(p->cctx, ptlen > 0 ? out : &dummy, &n,
		    ptlen > 0 ? in + p->explicit_len : &dummy, (int)ptlen) ||
		    (size_t)n != ptlen)
			ok = 0;
	}
	if (!p->ccm && ok) {
		if (EVP_CipherFinal_ex(p->cctx, ptlen > 0 ? out + ptlen :
		    &dummy, &n) <= 0 ||
		    n != 0)
			ok = 0;
	}
	if (!ok) {
		/* never hand out unauthenticated plaintext */
		OPENSSL_cleanse(out, ptlen);
		return TP_E_BAD_MAC;
	}
	*outlen = ptlen;
	return 0;
}

static int
random_bytes(uint8_t *buf, size_t len)
{
	if (rprot_random_hook != NULL) {
		rprot_random_hook(buf, len);
		return 1;
	}
	return RAND_bytes(buf, (int)len) == 1;
}

/*
 * RFC 6101, 5.2.3.1: hash(secret || pad_2 || hash(secret || pad_1 ||
 * seq_num || type || length || content)); the header minus its version.
 */
static int
ssl3_mac(struct rprot *p, const uint8_t hdr[13], const uint8_t *data,
    size_t len, uint8_t mac[RPROT_MAX_MAC])
{
	static const uint8_t pad1[48] = {
		0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
		0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
		0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
		0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
		0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
	};
	static const uint8_t pad2[48] = {
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
		0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
	};
	uint8_t inner[RPROT_MAX_MAC];
	unsigned n1, n2;
	int ok;

	ok = EVP_DigestInit_ex(p->mdctx, p->md, NULL) &&
	    EVP_DigestUpdate(p->mdctx, p->mac_secret, p->mac_len) &&
	    EVP_DigestUpdate(p->mdctx, pad1, p->ssl3_pad) &&
	    EVP_DigestUpdate(p->mdctx, hdr, 9) &&
	    EVP_DigestUpdate(p->mdctx, hdr + 11, 2) &&
	    (len == 0 || EVP_DigestUpdate(p->mdctx, data, len)) &&
	    EVP_DigestFinal_ex(p->mdctx, inner, &n1) &&
	    EVP_DigestInit_ex(p->mdctx, p->md, NULL) &&
	    EVP_DigestUpdate(p->mdctx, p->mac_secret, p->mac_len) &&
	    EVP_DigestUpdate(p->mdctx, pad2, p->ssl3_pad) &&
	    EVP_DigestUpdate(p->mdctx, inner, n1) &&
	    EVP_DigestFinal_ex(p->mdctx, mac, &n2) && n2 == p->mac_len;
	OPENSSL_cleanse(inner, sizeof(inner));
	return ok;
}

/* HMAC of header || data with the state's key, re-initialised in place. */
static int
cbc_mac(struct rprot *p, const uint8_t hdr[13], const uint8_t *data,
    size_t len, uint8_t mac[RPROT_MAX_MAC])
{
	size_t ml;

	if (p->ssl3)
		return ssl3_mac(p, hdr, data, len, mac);

	/* a NULL key re-initialises HMAC with the key set in rprot_new() */
	if (!EVP_MAC_init(p->mctx, NULL, 0, NULL) ||
	    !EVP_MAC_update(p->mctx, hdr, 13) ||
	    (len > 0 && !EVP_MAC_update(p->mctx, data, len)) ||
	    !EVP_MAC_final(p->mctx, mac, &ml, RPROT_MAX_MAC) ||
	    ml != p->mac_len)
		return 0;
	return 1;
}

/*
 * RFC 5246, 6.2.3.2: GenericBlockCipher = IV || CBC(content || MAC ||
 * padding || padding_length); the MAC covers seq || type || version ||
 * length || content.
 */
static int
cbc_seal(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t hdr[13], trailer[RPROT_MAX_MAC + 256], *body;
	const uint8_t *iv;
	size_t pad, total, tlen, i;
	int n1 = 0, n2 = 0, ret = TP_E_INTERNAL;

	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	pad = cbc_pad_len(p, inlen);
	total = p->explicit_len + inlen + p->mac_len + pad;
	if (total > outcap || total > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;

	tls12_header(hdr, seq, type, version, inlen);
	if (!cbc_mac(p, hdr, in, inlen, trailer))
		goto out;
	/* each padding byte, and the length byte, hold pad - 1 */
	tlen = p->mac_len + pad;
	for (i = p->mac_len; i < tlen; i++)
		trailer[i] = (uint8_t)(pad - 1);

	if (p->explicit_len > 0) {
		/* RFC 4346, 6.2.3.2: a fresh unpredictable IV per record */
		if (!random_bytes(out, p->explicit_len))
			goto out;
		iv = out;
	} else
		iv = p->iv;	/* RFC 2246, 6.1: chained from the last one */
	body = out + p->explicit_len;
	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, iv, 1, NULL))
		goto out;
	if (inlen > 0 && !EVP_CipherUpdate(p->cctx, body, &n1, in, (int)inlen))
		goto out;
	if (!EVP_CipherUpdate(p->cctx, body + n1, &n2, trailer, (int)tlen) ||
	    (size_t)n1 + (size_t)n2 != inlen + tlen)
		goto out;
	if (p->version <= TLS1_0_VERSION)
		memcpy(p->iv, out + total - p->block_len, p->block_len);
	*outlen = total;
	ret = 0;
 out:
	OPENSSL_cleanse(trailer, sizeof(trailer));
	return ret;
}

/*
 * Blocks the hash compresses for the inner HMAC hash over the 13-byte
 * header and len bytes of content: the key block, the message, then at
 * least one 0x80 byte and the length field.
 */
static size_t
hmac_inner_blocks(const struct rprot *p, size_t len)
{
	return (p->mac_prefix + p->mac_hdr_len + len + 1 + p->md_len_field +
	    p->md_block_len - 1) >> p->md_block_shift;
}

/*
 * Open a CBC record without letting the time depend on the padding.
 *
 * What we do (Lucky13, AlFardan and Paterson 2013; RFC 5246, 6.2.3.2's
 * note on timing):
 *  - length checks use only public values (fragment length);
 *  - the padding is checked with masks over the last min(256, n) bytes,
 *    whatever the padding length byte says, and a bad padding is treated as
 *    an empty one (so the MAC is still computed and checked);
 *  - the received MAC is copied out of the plaintext through a scan of the
 *    last mac_len + 256 bytes and a masked rotation, so the memory access
 *    pattern does not depend on where the MAC starts;
 *  - the HMAC is computed over the real content length, then a second
 *    keyed context (same hash) is fed dummy whole blocks so that the
 *    number of hash compression calls always equals that of the longest
 *    possible content (the one implied by a zero padding); measured on
 *    AES128-SHA with 512-byte records, padding 0 and 255 then open within
 *    about 1% of each other, against about 10% without the dummy blocks;
 *  - padding and MAC verdicts are combined with masks; one return at the
 *    end.
 * What remains: EVP_MAC works through a public API, so the equalising is in
 * whole compression-function calls, not exact: a few cycles of per-call
 * and buffer-copy overhead still depend on the content length; the
 * compiler may in principle turn masks into branches; and data-dependent
 * cache effects of the hash over a variable length remain.  OpenSSL's libssl
 * goes further with a hand-rolled constant-time digest using low-level hash
 * internals, which this project's EVP-only rule does not allow.
 */
static int
cbc_open(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	static const uint8_t zeros[4 * RPROT_MAX_MD_BLOCK];
	uint8_t hdr[13], mac[RPROT_MAX_MAC], rot[RPROT_MAX_MAC];
	uint8_t got[RPROT_MAX_MAC], next_iv[RPROT_MAX_IV];
	const uint8_t *iv, *ct;
	size_t n, padlen, good, len, maxlen, extra, scan, i, j, k, m;
	size_t in_mac, rot_off, idx, bs = p->block_len, ml = p->mac_len;
	int outl = 0, ret = TP_E_BAD_MAC;

	/*
	 * RFC 5246, 6.2.3.2: the ciphertext is whole blocks after the IV
	 * and holds at least the MAC and the padding length byte.
	 */
	if (inlen < p->explicit_len + ml + 1 ||
	    (inlen - p->explicit_len) % bs != 0)
		return TP_E_BAD_MAC;
	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	n = inlen - p->explicit_len;
	if (n > outcap)
		return TP_E_INTERNAL;
	ct = in + p->explicit_len;
	iv = p->explicit_len > 0 ? in : p->iv;
	/* TLS 1.0 chains from the last ciphertext block (RFC 2246, 6.2.3.2) */
	memcpy(next_iv, ct + n - bs, bs);

	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, iv, 0, NULL) ||
	    !EVP_CipherUpdate(p->cctx, out, &outl, ct, (int)n) ||
	    (size_t)outl != n) {
		OPENSSL_cleanse(out, n);
		return TP_E_INTERNAL;
	}
	if (p->version <= TLS1_0_VERSION)
		memcpy(p->iv, next_iv, bs);

	/* padding: padlen + 1 bytes all equal to padlen, MAC before them */
	padlen = out[n - 1];
	good = ct_ge(n, padlen + 1 + ml);
	/*
	 * RFC 6101, 5.2.3.2: SSL 3.0 padding is shorter than a block and
	 * its bytes are arbitrary: only the length byte can be checked.
	 */
	if (p->ssl3)
		good &= ct_lt(padlen, bs);
	k = p->ssl3 ? 0 : n < 256 ? n : 256;
	for (i = 0; i < k; i++) {
		size_t in_pad = ct_lt(i, padlen + 1);

		good &= ~in_pad | ct_eq(out[n - 1 - i], padlen);
	}
	/* a bad padding counts as none: the MAC still runs and fails */
	padlen &= good;
	len = n - padlen - 1 - ml;
	maxlen = n - 1 - ml;

	tls12_header(hdr, seq, type, version, len);
	if (!cbc_mac(p, hdr, out, len, mac)) {
		ret = TP_E_INTERNAL;
		goto fail;
	}
	/* dummy compressions up to the count for maxlen (see above) */
	extra = hmac_inner_blocks(p, maxlen) - hmac_inner_blocks(p, len);
	/*
	 * len spans at most 256 values, so extra is at most 4 blocks of 64
	 * or 2 of 128; the test never fires and so leaks nothing.
	 */
	if ((extra << p->md_block_shift) > sizeof(zeros) ||
	    (p->ssl3 ? !EVP_DigestUpdate(p->dmdctx, zeros,
	    extra << p->md_block_shift) : !EVP_MAC_update(p->dctx, zeros,
	    extra << p->md_block_shift))) {
		ret = TP_E_INTERNAL;
		goto fail;
	}

	/*
	 * Copy the MAC at out[len .. len + ml) without a secret index: scan
	 * every position it can start at, storing byte i at rot[(i - scan) %
	 * ml], then undo the rotation with a masked selection.
	 */
	memset(rot, 0, sizeof(rot));
	scan = n > ml + 256 ? n - (ml + 256) : 0;
	in_mac = 0;
	rot_off = 0;
	for (i = scan, j = 0; i < n; i++) {
		size_t start = ct_eq(i, len);

		in_mac |= start;
		in_mac &= ~ct_eq(i, len + ml);
		rot_off |= j & start;
		rot[j] |= out[i] & (uint8_t)in_mac;
		j++;
		j &= ~ct_eq(j, ml);
	}
	for (m = 0; m < ml; m++) {
		idx = rot_off + m;
		idx -= ml & ct_ge(idx, ml);
		got[m] = 0;
		for (k = 0; k < ml; k++)
			got[m] |= rot[k] & (uint8_t)ct_eq(k, idx);
	}
	good &= ct_eq((size_t)(unsigned)CRYPTO_memcmp(got, mac, ml), 0);

	if (good != 0) {
		*outlen = len;
		ret = 0;
	}
 fail:
	if (ret != 0)
		OPENSSL_cleanse(out, n);
	OPENSSL_cleanse(mac, sizeof(mac));
	OPENSSL_cleanse(got, sizeof(got));
	OPENSSL_cleanse(rot, sizeof(rot));
	return ret;
}

/*
 * RFC 5246, 6.2.3.1: GenericStreamCipher = stream(content || MAC), the MAC
 * as for CBC.  The RC4 state carries on from record to record; NULL
 * suites send content || MAC in the clear.
 */
static int
stream_seal(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t hdr[13], mac[RPROT_MAX_MAC];
	size_t total = inlen + p->mac_len;
	int n, ret = TP_E_INTERNAL;

	if (inlen > RPROT_MAX_FRAGMENT || total > outcap ||
	    total > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	tls12_header(hdr, seq, type, version, inlen);
	if (!cbc_mac(p, hdr, in, inlen, mac))
		goto out;
	if (p->cctx == NULL) {
		if (inlen > 0)
			memcpy(out, in, inlen);
		memcpy(out + inlen, mac, p->mac_len);
	} else if ((inlen > 0 && (!EVP_CipherUpdate(p->cctx, out, &n, in,
	    (int)inlen) || (size_t)n != inlen)) ||
	    !EVP_CipherUpdate(p->cctx, out + inlen, &n, mac,
	    (int)p->mac_len) || (size_t)n != p->mac_len)
		goto out;
	*outlen = total;
	ret = 0;
 out:
	OPENSSL_cleanse(mac, sizeof(mac));
	return ret;
}

static int
stream_open(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t hdr[13], mac[RPROT_MAX_MAC];
	size_t len;
	int n, ret = TP_E_BAD_MAC;

	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	if (inlen > outcap)
		return TP_E_INTERNAL;
	/*
	 * Decrypt before the length check, so that the key stream stays in
	 * step with the sender's whatever happens to this record.
	 */
	if (p->cctx == NULL) {
		if (inlen > 0)
			memcpy(out, in, inlen);
	} else if (inlen > 0 && (!EVP_CipherUpdate(p->cctx, out, &n, in,
	    (int)inlen) || (size_t)n != inlen)) {
		OPENSSL_cleanse(out, inlen);
		return TP_E_INTERNAL;
	}
	if (inlen < p->mac_len)
		goto out;
	len = inlen - p->mac_len;
	tls12_header(hdr, seq, type, version, len);
	if (!cbc_mac(p, hdr, out, len, mac)) {
		ret = TP_E_INTERNAL;
		goto out;
	}
	if (CRYPTO_memcmp(mac, out + len, p->mac_len) != 0)
		goto out;
	*outlen = len;
	ret = 0;
 out:
	if (ret != 0)
		OPENSSL_cleanse(out, inlen);
	OPENSSL_cleanse(mac, sizeof(mac));
	return ret;
}

/*
 * RFC 7366, 3: encrypt-then-MAC.  The record is IV || CBC(content ||
 * padding || padding_length) || MAC, and the MAC is HMAC(seq || type ||
 * version || length || IV || ciphertext), length being that of IV ||
 * ciphertext.  TLS 1.0 has no explicit IV (it is chained), so the MAC
 * covers the ciphertext alone.
 */
static int
etm_seal(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t hdr[13], padb[256];
	const uint8_t *iv;
	uint8_t *body;
	size_t pad, clen, total;
	int n1 = 0, n2 = 0;

	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	pad = cbc_pad_len(p, inlen);
	clen = p->explicit_len + inlen + pad;
	total = clen + p->mac_len;
	if (total > outcap || total > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	memset(padb, (int)(pad - 1), pad);
	if (p->explicit_len > 0) {
		if (!random_bytes(out, p->explicit_len))
			return TP_E_INTERNAL;
		iv = out;
	} else
		iv = p->iv;
	body = out + p->explicit_len;
	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, iv, 1, NULL) ||
	    (inlen > 0 && !EVP_CipherUpdate(p->cctx, body, &n1, in,
	    (int)inlen)) ||
	    !EVP_CipherUpdate(p->cctx, body + n1, &n2, padb, (int)pad) ||
	    (size_t)n1 + (size_t)n2 != inlen + pad)
		return TP_E_INTERNAL;
	if (p->version <= TLS1_0_VERSION)
		memcpy(p->iv, out + clen - p->block_len, p->block_len);
	tls12_header(hdr, seq, type, version, clen);
	if (!cbc_mac(p, hdr, out, clen, out + clen))
		return TP_E_INTERNAL;
	*outlen = total;
	return 0;
}

/*
 * The MAC is checked (CRYPTO_memcmp) before a byte is decrypted, so the
 * padding check that follows sees only authentic data and needs no
 * Lucky13 care (RFC 7366, 3).  A bad MAC and a bad padding both give
 * bad_record_mac.
 */
static int
etm_open(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	uint8_t hdr[13], mac[RPROT_MAX_MAC];
	const uint8_t *iv, *ct;
	size_t clen, n, padlen, i, bs = p->block_len, ml = p->mac_len;
	int outl = 0, ret = TP_E_BAD_MAC;

	if (inlen > RPROT_MAX_FRAGMENT)
		return TP_E_INTERNAL;
	/* IV, at least one block of ciphertext, the MAC (RFC 7366, 3) */
	if (inlen < p->explicit_len + bs + ml ||
	    (inlen - ml - p->explicit_len) % bs != 0)
		return TP_E_BAD_MAC;
	clen = inlen - ml;
	n = clen - p->explicit_len;
	if (n > outcap)
		return TP_E_INTERNAL;
	tls12_header(hdr, seq, type, version, clen);
	if (!cbc_mac(p, hdr, in, clen, mac))
		return TP_E_INTERNAL;
	if (CRYPTO_memcmp(mac, in + clen, ml) != 0)
		goto out;
	ct = in + p->explicit_len;
	iv = p->explicit_len > 0 ? in : p->iv;
	if (!EVP_CipherInit_ex2(p->cctx, NULL, NULL, iv, 0, NULL) ||
	    !EVP_CipherUpdate(p->cctx, out, &outl, ct, (int)n) ||
	    (size_t)outl != n) {
		OPENSSL_cleanse(out, n);
		ret = TP_E_INTERNAL;
		goto out;
	}
	if (p->version <= TLS1_0_VERSION)
		memcpy(p->iv, ct + n - bs, bs);
	padlen = out[n - 1];
	if (padlen + 1 > n) {
		OPENSSL_cleanse(out, n);
		goto out;
	}
	for (i = 0; i <= padlen; i++)
		if (out[n - 1 - i] != padlen) {
			OPENSSL_cleanse(out, n);
			goto out;
		}
	*outlen = n - padlen - 1;
	ret = 0;
 out:
	OPENSSL_cleanse(mac, sizeof(mac));
	return ret;
}

int
rprot_seal(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	if (p == NULL || !p->encrypt || out == NULL || outlen == NULL ||
	    (in == NULL && inlen > 0))
		return TP_E_INTERNAL;
	if (p->scheme == SCHEME_CBC && p->etm)
		return etm_seal(p, seq, type, version, in, inlen, out, outcap,
		    outlen);
	if (p->scheme == SCHEME_CBC)
		return cbc_seal(p, seq, type, version, in, inlen, out, outcap,
		    outlen);
	if (p->scheme == SCHEME_STREAM)
		return stream_seal(p, seq, type, version, in, inlen, out,
		    outcap, outlen);
	return aead_seal(p, seq, type, version, in, inlen, out, outcap,
	    outlen);
}

int
rprot_open(struct rprot *p, uint64_t seq, uint8_t type, uint16_t version,
    const uint8_t *in, size_t inlen, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	if (p == NULL || p->encrypt || outlen == NULL ||
	    (in == NULL && inlen > 0) || (out == NULL && outcap > 0))
		return TP_E_INTERNAL;
	if (p->scheme == SCHEME_CBC && p->etm)
		return etm_open(p, seq, type, version, in, inlen, out, outcap,
		    outlen);
	if (p->scheme == SCHEME_CBC)
		return cbc_open(p, seq, type, version, in, inlen, out, outcap,
		    outlen);
	if (p->scheme == SCHEME_STREAM)
		return stream_open(p, seq, type, version, in, inlen, out,
		    outcap, outlen);
	return aead_open(p, seq, type, version, in, inlen, out, outcap,
	    outlen);
}
