/*
 * keysched.c -- handshake transcript, TLS 1.0-1.2 PRF and the TLS 1.3 key
 * schedule (RFC 8446, 7), on top of libcrypto's EVP_KDF and EVP_MAC.
 *
 * Secrets.  Every function writes secrets only to caller buffers and wipes
 * its own temporaries.  The caller owns what it gets back and wipes it with
 * tp_wipe() once done:
 *  - struct tls13_secrets: tp_wipe(s, sizeof(*s)) when the connection ends.
 *    Each stage needs only the previous one (early -> handshake -> master),
 *    so a caller that keeps the struct for long may wipe s->early after
 *    tls13_handshake() and s->handshake after tls13_master(); nothing in
 *    RFC 8446 derives from them later.  Nothing here wipes them on its own:
 *    a stage run twice must not silently derive from zeros.
 *  - traffic keys and IVs from tls13_traffic_keys(), the TLS 1.2 master
 *    secret and key block, and verify_data: as soon as they have been
 *    installed in the record layer or compared.
 *
 * Performance.  Each EVP_MD, the two EVP_KDFs and the EVP_MAC are fetched
 * on first use and kept for the life of the process; they are never freed.
 * OpenSSL 3.0's HKDF, TLS1-PRF and HMAC contexts cannot be duplicated, so
 * every operation makes a fresh context and names its digest (the provider
 * looks the name up in its own method cache, well under a microsecond).
 */
#include <limits.h>
#include <sys/random.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "bytestring.h"
#include "keysched.h"
#include "names.h"
#include "tperr.h"

/*
 * A handshake is a few kilobytes (certificate chains up to some tens); the
 * bound keeps a hostile peer from making us buffer without end.
 */
#define TRANSCRIPT_MAX		(4u * 1024 * 1024)
#define TRANSCRIPT_MIN_CAP	4096

/* RFC 8446, 7.1: "tls13 " + label in opaque label<7..255> */
#define TLS13_LABEL_PREFIX	"tls13 "
#define TLS13_LABEL_PREFIX_LEN	6

void (*tp_random_hook)(uint8_t *, size_t);

static EVP_MD	*md_cache[HASH_MD5 + 1];
static EVP_KDF	*hkdf_cache;
static EVP_KDF	*prf_cache;
static EVP_MAC	*hmac_cache;

/*
 * The first libcrypto call of a run sets up the default library context;
 * OpenSSL 3.0 then reads openssl.cnf unless told not to.  A probe needs
 * nothing from it, so say so before anything is fetched.
 */
void
tp_crypto_init(void)
{
	static int done;

	if (!done) {
		(void)OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
		done = 1;
	}
}

const EVP_MD *
tp_md(enum tp_hash h)
{
	const char *name;

	if ((unsigned)h > HASH_MD5 || (name = hash_name(h)) == NULL)
		return NULL;
	if (md_cache[h] == NULL) {
		tp_crypto_init();
		md_cache[h] = EVP_MD_fetch(NULL, name, NULL);
	}
	return md_cache[h];
}

static EVP_KDF *
ks_hkdf(void)
{
	if (hkdf_cache == NULL) {
		tp_crypto_init();
		hkdf_cache = EVP_KDF_fetch(NULL, "HKDF", NULL);
	}
	return hkdf_cache;
}

static EVP_KDF *
ks_prf(void)
{
	if (prf_cache == NULL) {
		tp_crypto_init();
		prf_cache = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
	}
	return prf_cache;
}

static EVP_MAC *
ks_hmac(void)
{
	if (hmac_cache == NULL) {
		tp_crypto_init();
		hmac_cache = EVP_MAC_fetch(NULL, "HMAC", NULL);
	}
	return hmac_cache;
}

/*
 * The hash length for HKDF use, or 0.  TLS 1.3 suites use SHA-256 and
 * SHA-384 (RFC 8446, B.4); MD5-SHA1 is a TLS 1.0 construction, never an
 * HKDF hash.
 */
static size_t
hkdf_hash_len(enum tp_hash h)
{
	size_t hl;

	if (h == HASH_NONE || h == HASH_MD5_SHA1)
		return 0;
	hl = hash_len(h);
	if (hl == 0 || hl > TP_MAX_HASH)
		return 0;
	return hl;
}

/*
 * Transcript.
 */

void
transcript_init(struct transcript *ts)
{
	ts->buf = NULL;
	ts->len = 0;
	ts->cap = 0;
}

void
transcript_free(struct transcript *ts)
{
	freezero(ts->buf, ts->cap);
	transcript_init(ts);
}

/* Make room for need bytes in all; need <= TRANSCRIPT_MAX. */
static int
transcript_reserve(struct transcript *ts, size_t need)
{
	uint8_t *nbuf;
	size_t ncap;

	if (need <= ts->cap)
		return 0;
	if (need > TRANSCRIPT_MAX)
		return TP_E_INTERNAL;
	ncap = ts->cap > 0 ? ts->cap : TRANSCRIPT_MIN_CAP;
	while (ncap < need)
		ncap *= 2;
	if (ncap > TRANSCRIPT_MAX)
		ncap = TRANSCRIPT_MAX;
	/* recallocarray clears the old buffer before it frees it */
	if ((nbuf = recallocarray(ts->buf, ts->cap, ncap, 1)) == NULL)
		return TP_E_NOMEM;
	ts->buf = nbuf;
	ts->cap = ncap;
	return 0;
}

int
transcript_add(struct transcript *ts, const uint8_t *p, size_t n)
{
	int ret;

	if (n == 0)
		return 0;
	if (p == NULL || n > TRANSCRIPT_MAX - ts->len)
		return TP_E_INTERNAL;
	if ((ret = transcript_reserve(ts, ts->len + n)) != 0)
		return ret;
	memcpy(ts->buf + ts->len, p, n);
	ts->len += n;
	return 0;
}

int
transcript_hash(const struct transcript *ts, enum tp_hash h, uint8_t *out)
{
	return tp_digest(h, ts->buf, ts->len, out);
}

int
transcript_hrr_rewrite(struct transcript *ts, enum tp_hash h)
{
	uint8_t hash[TP_MAX_HASH];
	struct cbs cbs, body;
	uint8_t type;
	size_t hl, oldlen;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0)
		return TP_E_INTERNAL;
	/*
	 * The buffer must hold exactly one ClientHello: anything else (a
	 * second HelloRetryRequest, say) means the state machine went wrong.
	 */
	cbs_init(&cbs, ts->buf, ts->len);
	if (!cbs_get_u8(&cbs, &type) || type != HS_CLIENT_HELLO ||
	    !cbs_get_vec24(&cbs, &body) || cbs_len(&cbs) != 0)
		return TP_E_INTERNAL;
	if ((ret = tp_digest(h, ts->buf, ts->len, hash)) != 0)
		goto out;
	if ((ret = transcript_reserve(ts, 4 + hl)) != 0)
		goto out;
	/*
	 * RFC 8446, 4.4.1: Hash(message_hash ||        -- Handshake type
	 *     00 00 Hash.length ||                     -- Handshake length
	 *     Hash(ClientHello1) || HelloRetryRequest || ... || Mn)
	 */
	oldlen = ts->len;
	ts->buf[0] = HS_MESSAGE_HASH;
	ts->buf[1] = 0;
	ts->buf[2] = 0;
	ts->buf[3] = (uint8_t)hl;
	memcpy(ts->buf + 4, hash, hl);
	ts->len = 4 + hl;
	if (oldlen > ts->len)
		explicit_bzero(ts->buf + ts->len, oldlen - ts->len);
 out:
	tp_wipe(hash, sizeof(hash));
	return ret;
}

/*
 * Primitives.
 */

int
tp_digest(enum tp_hash h, const uint8_t *p, size_t n, uint8_t *out)
{
	static const uint8_t empty[1];
	const EVP_MD *md;
	unsigned int outlen = 0;

	if ((md = tp_md(h)) == NULL)
		return TP_E_INTERNAL;
	if (p == NULL) {
		if (n != 0)
			return TP_E_INTERNAL;
		p = empty;
	}
	if (!EVP_Digest(p, n, out, &outlen, md, NULL) ||
	    outlen != hash_len(h))
		return TP_E_INTERNAL;
	return 0;
}

int
tp_hmac(enum tp_hash h, const uint8_t *key, size_t keylen,
    const uint8_t *msg, size_t msglen, uint8_t *out)
{
	static const uint8_t empty[1];
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	const char *name;
	size_t hl, outlen = 0;
	int ret = TP_E_INTERNAL;

	if ((name = hash_name(h)) == NULL || (hl = hash_len(h)) == 0 ||
	    tp_md(h) == NULL || (mac = ks_hmac()) == NULL)
		return TP_E_INTERNAL;
	if ((key == NULL && keylen != 0) || (msg == NULL && msglen != 0))
		return TP_E_INTERNAL;
	/* EVP_MAC_init() reads a NULL key as "keep the old one": none here */
	if (key == NULL)
		key = empty;
	if (msg == NULL)
		msg = empty;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)name, 0);
	params[1] = OSSL_PARAM_construct_end();
	if ((ctx = EVP_MAC_CTX_new(mac)) == NULL) {
		ret = TP_E_NOMEM;
		goto out;
	}
	if (!EVP_MAC_init(ctx, key, keylen, params) ||
	    !EVP_MAC_update(ctx, msg, msglen) ||
	    !EVP_MAC_final(ctx, out, &outlen, hl) || outlen != hl)
		goto out;
	ret = 0;
 out:
	EVP_MAC_CTX_free(ctx);
	return ret;
}

int
tp_memeq_ct(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0 ? 0 : 1;
}

void
tp_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

int
tp_random(uint8_t *buf, size_t n)
{
	if (n == 0)
		return 0;
	if (buf == NULL)
		return TP_E_INTERNAL;
	if (tp_random_hook != NULL) {
		tp_random_hook(buf, n);
		return 0;
	}
	/*
	 * The kernel's CSPRNG directly: it is what libcrypto's DRBG seeds
	 * from, and instantiating that DRBG is a large share of a whole
	 * handshake's CPU time.  getrandom(2) blocks only before the pool is
	 * initialised at boot.
	 */
	while (n > 0) {
		ssize_t r = getrandom(buf, n, 0);

		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return TP_E_INTERNAL;
		buf += r;
		n -= (size_t)r;
	}
	return 0;
}

/*
 * TLS 1.0-1.2 PRF.
 */

/* Run kdf with params into out; a failure leaves no partial output. */
static int
kdf_derive(EVP_KDF *kdf, const OSSL_PARAM *params, uint8_t *out,
    size_t outlen)
{
	EVP_KDF_CTX *kctx;
	int ret = TP_E_INTERNAL;

	if ((kctx = EVP_KDF_CTX_new(kdf)) == NULL)
		return TP_E_NOMEM;
	if (EVP_KDF_derive(kctx, out, outlen, params) > 0)
		ret = 0;
	else
		tp_wipe(out, outlen);
	EVP_KDF_CTX_free(kctx);
	return ret;
}

int
tls_prf(enum tp_hash h, const uint8_t *secret, size_t secretlen,
    const char *label, const uint8_t *seed1, size_t seed1len,
    const uint8_t *seed2, size_t seed2len, uint8_t *out, size_t outlen)
{
	OSSL_PARAM params[6], *p = params;
	EVP_KDF *kdf;
	const char *name;

	if ((name = hash_name(h)) == NULL || tp_md(h) == NULL ||
	    (kdf = ks_prf()) == NULL)
		return TP_E_INTERNAL;
	if (secret == NULL || secretlen == 0 || label == NULL ||
	    (seed1 == NULL && seed1len != 0) ||
	    (seed2 == NULL && seed2len != 0) || out == NULL || outlen == 0)
		return TP_E_INTERNAL;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)name, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
	    (void *)secret, secretlen);
	/*
	 * RFC 5246, 5: PRF(secret, label, seed) = P_<hash>(secret,
	 * label + seed).  TLS1-PRF concatenates repeated seed parameters.
	 */
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
	    (void *)label, strlen(label));
	if (seed1len > 0)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
		    (void *)seed1, seed1len);
	if (seed2len > 0)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED,
		    (void *)seed2, seed2len);
	*p = OSSL_PARAM_construct_end();

	return kdf_derive(kdf, params, out, outlen);
}

int
tls12_master_secret(enum tp_hash h, const uint8_t *pms, size_t pmslen,
    int ems, const uint8_t *client_random, const uint8_t *server_random,
    const uint8_t *session_hash, size_t session_hash_len, uint8_t master[48])
{
	if (ems) {
		/*
		 * RFC 7627, 4: master_secret = PRF(pre_master_secret,
		 *     "extended master secret", session_hash)[0..47]
		 */
		if (session_hash == NULL || session_hash_len == 0)
			return TP_E_INTERNAL;
		return tls_prf(h, pms, pmslen, "extended master secret",
		    session_hash, session_hash_len, NULL, 0, master, 48);
	}
	/*
	 * RFC 5246, 8.1: master_secret = PRF(pre_master_secret,
	 *     "master secret", ClientHello.random + ServerHello.random)[0..47]
	 */
	if (client_random == NULL || server_random == NULL)
		return TP_E_INTERNAL;
	return tls_prf(h, pms, pmslen, "master secret", client_random, 32,
	    server_random, 32, master, 48);
}

int
tls12_key_block(enum tp_hash h, const uint8_t master[48],
    const uint8_t *client_random, const uint8_t *server_random,
    uint8_t *out, size_t outlen)
{
	/*
	 * RFC 5246, 6.3: key_block = PRF(SecurityParameters.master_secret,
	 *     "key expansion", server_random + client_random)
	 */
	if (client_random == NULL || server_random == NULL)
		return TP_E_INTERNAL;
	return tls_prf(h, master, 48, "key expansion", server_random, 32,
	    client_random, 32, out, outlen);
}

int
tls12_finished(enum tp_hash h, const uint8_t master[48], const char *label,
    const uint8_t *handshake_hash, size_t hashlen, uint8_t out[12])
{
	/*
	 * RFC 5246, 7.4.9: verify_data = PRF(master_secret, finished_label,
	 *     Hash(handshake_messages))[0..verify_data_length-1]
	 */
	if (handshake_hash == NULL || hashlen == 0)
		return TP_E_INTERNAL;
	return tls_prf(h, master, 48, label, handshake_hash, hashlen, NULL, 0,
	    out, 12);
}

/*
 * TLS 1.3 (RFC 8446, 7.1).
 */

/* One HKDF step: mode EXTRACT_ONLY or EXPAND_ONLY. */
static int
hkdf_run(enum tp_hash h, int mode, const uint8_t *key, size_t keylen,
    const uint8_t *salt, size_t saltlen, const uint8_t *info, size_t infolen,
    uint8_t *out, size_t outlen)
{
	OSSL_PARAM params[6], *p = params;
	EVP_KDF *kdf;
	const char *name;

	if ((name = hash_name(h)) == NULL || tp_md(h) == NULL ||
	    (kdf = ks_hkdf()) == NULL)
		return TP_E_INTERNAL;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)name, 0);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)key, keylen);
	if (saltlen > 0)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
		    (void *)salt, saltlen);
	if (infolen > 0)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
		    (void *)info, infolen);
	*p = OSSL_PARAM_construct_end();

	return kdf_derive(kdf, params, out, outlen);
}

int
hkdf_extract(enum tp_hash h, const uint8_t *salt, size_t saltlen,
    const uint8_t *ikm, size_t ikmlen, uint8_t *out)
{
	size_t hl;

	/*
	 * RFC 5869, 2.2: a missing salt is HashLen zeros, which HMAC's key
	 * padding makes the same as an empty one.
	 */
	if ((hl = hkdf_hash_len(h)) == 0 || ikm == NULL || ikmlen == 0 ||
	    (salt == NULL && saltlen != 0) || out == NULL)
		return TP_E_INTERNAL;
	return hkdf_run(h, EVP_KDF_HKDF_MODE_EXTRACT_ONLY, ikm, ikmlen,
	    salt, saltlen, NULL, 0, out, hl);
}

int
hkdf_expand_label(enum tp_hash h, const uint8_t *secret, const char *label,
    const uint8_t *ctx, size_t ctxlen, uint8_t *out, size_t outlen)
{
	/* uint16 + label<7..255> + context<0..255> */
	uint8_t info[2 + 1 + 255 + 1 + 255];
	size_t hl, labellen, n = 0;

	if ((hl = hkdf_hash_len(h)) == 0 || secret == NULL || label == NULL ||
	    (ctx == NULL && ctxlen != 0) || out == NULL)
		return TP_E_INTERNAL;
	/* RFC 5869, 2.3: L <= 255*HashLen; RFC 8446, 7.1: uint16 length */
	if (outlen == 0 || outlen > 255 * hl || outlen > 0xffff)
		return TP_E_INTERNAL;
	labellen = strlen(label);
	if (labellen == 0 || labellen > 255 - TLS13_LABEL_PREFIX_LEN ||
	    ctxlen > 255)
		return TP_E_INTERNAL;

	/*
	 * RFC 8446, 7.1:
	 *   struct {
	 *       uint16 length = Length;
	 *       opaque label<7..255> = "tls13 " + Label;
	 *       opaque context<0..255> = Context;
	 *   } HkdfLabel;
	 */
	info[n++] = (uint8_t)(outlen >> 8);
	info[n++] = (uint8_t)outlen;
	info[n++] = (uint8_t)(TLS13_LABEL_PREFIX_LEN + labellen);
	memcpy(info + n, TLS13_LABEL_PREFIX, TLS13_LABEL_PREFIX_LEN);
	n += TLS13_LABEL_PREFIX_LEN;
	memcpy(info + n, label, labellen);
	n += labellen;
	info[n++] = (uint8_t)ctxlen;
	if (ctxlen > 0)
		memcpy(info + n, ctx, ctxlen);
	n += ctxlen;

	return hkdf_run(h, EVP_KDF_HKDF_MODE_EXPAND_ONLY, secret, hl,
	    NULL, 0, info, n, out, outlen);
}

int
derive_secret(enum tp_hash h, const uint8_t *secret, const char *label,
    const uint8_t *thash, uint8_t *out)
{
	size_t hl;

	/*
	 * RFC 8446, 7.1: Derive-Secret(Secret, Label, Messages) =
	 *     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages),
	 *     Hash.length)
	 */
	if ((hl = hkdf_hash_len(h)) == 0 || thash == NULL)
		return TP_E_INTERNAL;
	return hkdf_expand_label(h, secret, label, thash, hl, out, hl);
}

/* Derive-Secret(secret, "derived", "") (RFC 8446, 7.1) */
static int
derive_empty(enum tp_hash h, const uint8_t *secret, uint8_t *out)
{
	uint8_t empty_hash[TP_MAX_HASH];
	int ret;

	if ((ret = tp_digest(h, NULL, 0, empty_hash)) != 0)
		return ret;
	return derive_secret(h, secret, "derived", empty_hash, out);
}

int
tls13_early(struct tls13_secrets *s, enum tp_hash h, const uint8_t *psk,
    size_t psklen)
{
	uint8_t zeros[TP_MAX_HASH], early[TP_MAX_HASH];
	size_t hl;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0 || (psk != NULL && psklen == 0))
		return TP_E_INTERNAL;
	memset(zeros, 0, sizeof(zeros));
	/*
	 * RFC 8446, 7.1: Early Secret = HKDF-Extract(0, PSK), where a
	 * missing PSK is a string of Hash.length zeros.
	 */
	if (psk == NULL) {
		psk = zeros;
		psklen = hl;
	}
	/* computed aside first: psk may point into *s */
	ret = hkdf_extract(h, zeros, hl, psk, psklen, early);
	/* a fresh schedule: nothing of an earlier one may linger */
	tp_wipe(s, sizeof(*s));
	s->h = h;
	if (ret == 0)
		memcpy(s->early, early, hl);
	tp_wipe(early, sizeof(early));
	return ret;
}

int
tls13_handshake(struct tls13_secrets *s, const uint8_t *ecdhe,
    size_t ecdhelen, const uint8_t *thash_ch_sh)
{
	uint8_t derived[TP_MAX_HASH];
	enum tp_hash h = s->h;
	size_t hl;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0 || ecdhe == NULL || ecdhelen == 0 ||
	    thash_ch_sh == NULL)
		return TP_E_INTERNAL;
	/*
	 * RFC 8446, 7.1:
	 *   Handshake Secret = HKDF-Extract(
	 *       Derive-Secret(Early Secret, "derived", ""), (EC)DHE)
	 *   client_handshake_traffic_secret = Derive-Secret(.,
	 *       "c hs traffic", ClientHello...ServerHello)
	 *   server_handshake_traffic_secret = Derive-Secret(.,
	 *       "s hs traffic", ClientHello...ServerHello)
	 */
	if ((ret = derive_empty(h, s->early, derived)) != 0 ||
	    (ret = hkdf_extract(h, derived, hl, ecdhe, ecdhelen,
	    s->handshake)) != 0 ||
	    (ret = derive_secret(h, s->handshake, "c hs traffic",
	    thash_ch_sh, s->c_hs)) != 0 ||
	    (ret = derive_secret(h, s->handshake, "s hs traffic",
	    thash_ch_sh, s->s_hs)) != 0) {
		tp_wipe(s->handshake, sizeof(s->handshake));
		tp_wipe(s->c_hs, sizeof(s->c_hs));
		tp_wipe(s->s_hs, sizeof(s->s_hs));
	}
	tp_wipe(derived, sizeof(derived));
	return ret;
}

int
tls13_master(struct tls13_secrets *s, const uint8_t *thash_ch_sf)
{
	uint8_t derived[TP_MAX_HASH], zeros[TP_MAX_HASH];
	enum tp_hash h = s->h;
	size_t hl;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0 || thash_ch_sf == NULL)
		return TP_E_INTERNAL;
	memset(zeros, 0, sizeof(zeros));
	/*
	 * RFC 8446, 7.1:
	 *   Master Secret = HKDF-Extract(
	 *       Derive-Secret(Handshake Secret, "derived", ""), 0)
	 *   client_application_traffic_secret_0 = Derive-Secret(.,
	 *       "c ap traffic", ClientHello...server Finished)
	 *   server_application_traffic_secret_0 = ... "s ap traffic"
	 *   exporter_master_secret = ... "exp master"
	 */
	if ((ret = derive_empty(h, s->handshake, derived)) != 0 ||
	    (ret = hkdf_extract(h, derived, hl, zeros, hl, s->master)) != 0 ||
	    (ret = derive_secret(h, s->master, "c ap traffic", thash_ch_sf,
	    s->c_ap)) != 0 ||
	    (ret = derive_secret(h, s->master, "s ap traffic", thash_ch_sf,
	    s->s_ap)) != 0 ||
	    (ret = derive_secret(h, s->master, "exp master", thash_ch_sf,
	    s->exporter)) != 0) {
		tp_wipe(s->master, sizeof(s->master));
		tp_wipe(s->c_ap, sizeof(s->c_ap));
		tp_wipe(s->s_ap, sizeof(s->s_ap));
		tp_wipe(s->exporter, sizeof(s->exporter));
	}
	tp_wipe(derived, sizeof(derived));
	return ret;
}

int
tls13_resumption(struct tls13_secrets *s, const uint8_t *thash_ch_cf)
{
	int ret;

	/*
	 * RFC 8446, 7.1: resumption_master_secret = Derive-Secret(
	 *     Master Secret, "res master", ClientHello...client Finished)
	 */
	if ((ret = derive_secret(s->h, s->master, "res master", thash_ch_cf,
	    s->resumption)) != 0)
		tp_wipe(s->resumption, sizeof(s->resumption));
	return ret;
}

int
tls13_traffic_keys(enum tp_hash h, const uint8_t *secret, size_t key_len,
    uint8_t *key, uint8_t iv[12])
{
	int ret;

	/*
	 * RFC 8446, 7.3:
	 *   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "",
	 *       key_length)
	 *   [sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length)
	 * iv_length is 12 for every TLS 1.3 AEAD (RFC 8446, 5.3).
	 */
	if ((ret = hkdf_expand_label(h, secret, "key", NULL, 0, key,
	    key_len)) != 0)
		return ret;
	if ((ret = hkdf_expand_label(h, secret, "iv", NULL, 0, iv, 12)) != 0)
		tp_wipe(key, key_len);
	return ret;
}

int
tls13_finished(enum tp_hash h, const uint8_t *base_secret,
    const uint8_t *thash, uint8_t *out)
{
	uint8_t finished_key[TP_MAX_HASH];
	size_t hl;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0 || thash == NULL)
		return TP_E_INTERNAL;
	/*
	 * RFC 8446, 4.4.4:
	 *   finished_key = HKDF-Expand-Label(BaseKey, "finished", "",
	 *       Hash.length)
	 *   verify_data = HMAC(finished_key, Transcript-Hash(Handshake
	 *       Context, Certificate*, CertificateVerify*))
	 */
	if ((ret = hkdf_expand_label(h, base_secret, "finished", NULL, 0,
	    finished_key, hl)) == 0)
		ret = tp_hmac(h, finished_key, hl, thash, hl, out);
	tp_wipe(finished_key, sizeof(finished_key));
	return ret;
}

int
tls13_update_secret(enum tp_hash h, uint8_t *secret)
{
	uint8_t next[TP_MAX_HASH];
	size_t hl;
	int ret;

	if ((hl = hkdf_hash_len(h)) == 0)
		return TP_E_INTERNAL;
	/*
	 * RFC 8446, 7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(
	 *     application_traffic_secret_N, "traffic upd", "", Hash.length)
	 */
	if ((ret = hkdf_expand_label(h, secret, "traffic upd", NULL, 0, next,
	    hl)) == 0)
		memcpy(secret, next, hl);
	tp_wipe(next, sizeof(next));
	return ret;
}

int
tls_exporter(uint16_t version, enum tp_hash h, const uint8_t *secret,
    const uint8_t client_random[32], const uint8_t server_random[32],
    const char *label, uint8_t *out, size_t outlen)
{
	static const char *const reserved[] = { "client finished",
	    "server finished", "master secret", "extended master secret",
	    "key expansion" };
	uint8_t empty[TP_MAX_HASH], derived[TP_MAX_HASH];
	size_t i, hl;
	int ret;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(label, reserved[i]) == 0)
			return TP_E_ILLEGAL;
	if (version < TLS1_3_VERSION)
		/* RFC 5705, 4: PRF(master, label, client_random + server_random) */
		return tls_prf(h, secret, 48, label, client_random, 32,
		    server_random, 32, out, outlen);
	/*
	 * RFC 8446, 7.5: HKDF-Expand-Label(Derive-Secret(Secret, label, ""),
	 * "exporter", Hash(context_value), key_length), the context empty
	 */
	if ((hl = hash_len(h)) == 0 || strlen(label) > 255 - 6)
		return TP_E_ILLEGAL;
	if ((ret = tp_digest(h, NULL, 0, empty)) != 0 ||
	    (ret = derive_secret(h, secret, label, empty, derived)) != 0)
		goto out;
	ret = hkdf_expand_label(h, derived, "exporter", empty, hl, out, outlen);
 out:
	tp_wipe(derived, sizeof(derived));
	return ret;
}

int
transcript_hash_plus(const struct transcript *ts, enum tp_hash h,
    const uint8_t *extra, size_t extralen, uint8_t *out)
{
	uint8_t *tmp;
	int ret;

	if ((tmp = malloc(ts->len + extralen + 1)) == NULL)
		return TP_E_NOMEM;
	if (ts->len > 0)
		memcpy(tmp, ts->buf, ts->len);
	if (extralen > 0)
		memcpy(tmp + ts->len, extra, extralen);
	ret = tp_digest(h, tmp, ts->len + extralen, out);
	free(tmp);
	return ret;
}

int
tls13_binder(enum tp_hash h, const uint8_t *psk, size_t psklen,
    const uint8_t *thash, uint8_t *out)
{
	return tls13_binder_ext(h, 0, psk, psklen, thash, out);
}

int
tls13_binder_ext(enum tp_hash h, int external, const uint8_t *psk,
    size_t psklen, const uint8_t *thash, uint8_t *out)
{
	struct tls13_secrets s;
	uint8_t empty[TP_MAX_HASH], bk[TP_MAX_HASH];
	int ret;

	/*
	 * RFC 8446, 7.1 and 4.2.11.2: binder_key = Derive-Secret(Early
	 * Secret, "ext binder" | "res binder", ""); the binder is a Finished computed with
	 * it over the transcript up to the truncated ClientHello.
	 */
	if ((ret = tls13_early(&s, h, psk, psklen)) == 0 &&
	    (ret = tp_digest(h, NULL, 0, empty)) == 0 &&
	    (ret = derive_secret(h, s.early, external ? "ext binder" :
	    "res binder", empty, bk)) == 0)
		ret = tls13_finished(h, bk, thash, out);
	tp_wipe(&s, sizeof(s));
	tp_wipe(bk, sizeof(bk));
	return ret;
}

int
tls13_ticket_psk(enum tp_hash h, const uint8_t *res_master,
    const uint8_t *nonce, size_t noncelen, uint8_t *out)
{
	size_t hl;

	/*
	 * RFC 8446, 4.6.1: HKDF-Expand-Label(resumption_master_secret,
	 *     "resumption", ticket_nonce, Hash.length)
	 */
	if ((hl = hkdf_hash_len(h)) == 0)
		return TP_E_INTERNAL;
	return hkdf_expand_label(h, res_master, "resumption", nonce, noncelen,
	    out, hl);
}
