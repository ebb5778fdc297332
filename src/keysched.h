/*
 * keysched.h -- handshake transcript, PRFs and the TLS 1.3 key schedule.
 *
 * All functions return 0 or a tperr.h code.  Secrets are written to caller
 * buffers; the caller wipes them (OPENSSL_cleanse via tp_wipe()).
 */
#ifndef KEYSCHED_H
#define KEYSCHED_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define TP_MAX_HASH	64

/*
 * The transcript keeps every handshake message (header included) in one
 * buffer and hashes on demand.  Messages are small and few, and keeping the
 * bytes lets TLS 1.2 pick the hash after ServerHello and TLS 1.3 replace
 * ClientHello1 with message_hash after a HelloRetryRequest.
 */
struct transcript {
	uint8_t		*buf;
	size_t		 len;
	size_t		 cap;
};

void	transcript_init(struct transcript *);
void	transcript_free(struct transcript *);
int	transcript_add(struct transcript *, const uint8_t *, size_t);
/* Hash of everything so far with hash h; out gets hash_len(h) bytes. */
int	transcript_hash(const struct transcript *, enum tp_hash h,
	    uint8_t *out);
/*
 * RFC 8446, 4.4.1: replace the transcript (which must hold exactly
 * ClientHello1) by message_hash(Hash(ClientHello1)).
 */
int	transcript_hrr_rewrite(struct transcript *, enum tp_hash h);

/* Set libcrypto up without reading openssl.cnf; call before any fetch. */
void	tp_crypto_init(void);
/*
 * The digest for h, fetched once per process and shared by every module
 * (NULL for HASH_NONE).  An EVP_MD, declared opaquely here.
 */
const struct evp_md_st *tp_md(enum tp_hash h);
/* One-shot digest. */
int	tp_digest(enum tp_hash, const uint8_t *, size_t, uint8_t *out);
/* One-shot HMAC. */
int	tp_hmac(enum tp_hash, const uint8_t *key, size_t keylen,
	    const uint8_t *msg, size_t msglen, uint8_t *out);

/*
 * TLS 1.0-1.2 PRF via EVP_KDF "TLS1-PRF" (RFC 5246, 5; RFC 2246, 5).
 * h is the suite's PRF hash for 1.2, HASH_MD5_SHA1 for 1.0/1.1.  The seed is
 * label || seed1 || seed2 (seed2 may be NULL).
 */
int	tls_prf(enum tp_hash h, const uint8_t *secret, size_t secretlen,
	    const char *label, const uint8_t *seed1, size_t seed1len,
	    const uint8_t *seed2, size_t seed2len, uint8_t *out, size_t outlen);

/*
 * TLS 1.2 master secret (48 bytes).  With ems, seed is the session hash
 * (RFC 7627, 4); otherwise client_random || server_random.
 */
int	tls12_master_secret(enum tp_hash h, const uint8_t *pms, size_t pmslen,
	    int ems, const uint8_t *client_random, const uint8_t *server_random,
	    const uint8_t *session_hash, size_t session_hash_len,
	    uint8_t master[48]);
/* Key block: key_expansion with server_random || client_random. */
int	tls12_key_block(enum tp_hash h, const uint8_t master[48],
	    const uint8_t *client_random, const uint8_t *server_random,
	    uint8_t *out, size_t outlen);
/* verify_data: 12 bytes; label "client finished" / "server finished". */
int	tls12_finished(enum tp_hash h, const uint8_t master[48],
	    const char *label, const uint8_t *handshake_hash, size_t hashlen,
	    uint8_t out[12]);

/* TLS 1.3 (RFC 8446, 7.1) via EVP_KDF "HKDF" / "TLS13-KDF". */
int	hkdf_extract(enum tp_hash h, const uint8_t *salt, size_t saltlen,
	    const uint8_t *ikm, size_t ikmlen, uint8_t *out);
/* HKDF-Expand-Label(secret, "tls13 " + label, context, outlen) */
int	hkdf_expand_label(enum tp_hash h, const uint8_t *secret,
	    const char *label, const uint8_t *ctx, size_t ctxlen,
	    uint8_t *out, size_t outlen);
/* Derive-Secret(secret, label, transcript_hash) where thash is already a hash */
int	derive_secret(enum tp_hash h, const uint8_t *secret, const char *label,
	    const uint8_t *thash, uint8_t *out);

/*
 * The TLS 1.3 secrets of one connection, in the order they are derived.
 * Sizes are hash_len(h) bytes of each array.
 */
/*
 * Callers wipe with tp_wipe(s, sizeof(*s)) when done; early/handshake may
 * be wiped once the next stage is derived.
 */
struct tls13_secrets {
	enum tp_hash	h;
	uint8_t		early[TP_MAX_HASH];
	uint8_t		handshake[TP_MAX_HASH];
	uint8_t		master[TP_MAX_HASH];
	uint8_t		c_hs[TP_MAX_HASH];	/* client_handshake_traffic_secret */
	uint8_t		s_hs[TP_MAX_HASH];
	uint8_t		c_ap[TP_MAX_HASH];	/* client_application_traffic_secret_0 */
	uint8_t		s_ap[TP_MAX_HASH];
	uint8_t		exporter[TP_MAX_HASH];
	uint8_t		resumption[TP_MAX_HASH];
};

/* early secret from psk (NULL = no PSK, zeros) */
int	tls13_early(struct tls13_secrets *, enum tp_hash h,
	    const uint8_t *psk, size_t psklen);
/* handshake secret from (EC)DHE shared secret; c_hs/s_hs from hash(CH..SH) */
int	tls13_handshake(struct tls13_secrets *, const uint8_t *ecdhe,
	    size_t ecdhelen, const uint8_t *thash_ch_sh);
/* master secret; c_ap/s_ap/exporter from hash(CH..server Finished) */
int	tls13_master(struct tls13_secrets *, const uint8_t *thash_ch_sf);
/* resumption_master_secret from hash(CH..client Finished) */
int	tls13_resumption(struct tls13_secrets *, const uint8_t *thash_ch_cf);
/* traffic key (key_len) and iv (12) from a traffic secret */
int	tls13_traffic_keys(enum tp_hash h, const uint8_t *secret,
	    size_t key_len, uint8_t *key, uint8_t iv[12]);
/* finished_key and verify_data = HMAC(finished_key, thash) */
int	tls13_finished(enum tp_hash h, const uint8_t *base_secret,
	    const uint8_t *thash, uint8_t *out);
/* Hash of the transcript followed by extra bytes (a truncated ClientHello) */
int	transcript_hash_plus(const struct transcript *, enum tp_hash h,
	    const uint8_t *extra, size_t extralen, uint8_t *out);
/* PSK binder (RFC 8446, 4.2.11.2) for a resumption PSK over thash */
int	tls13_binder(enum tp_hash h, const uint8_t *psk, size_t psklen,
	    const uint8_t *thash, uint8_t *out);
/* the same for an external PSK (external != 0: "ext binder") */
int	tls13_binder_ext(enum tp_hash h, int external, const uint8_t *psk,
	    size_t psklen, const uint8_t *thash, uint8_t *out);
/* the PSK of one NewSessionTicket (RFC 8446, 4.6.1) */
int	tls13_ticket_psk(enum tp_hash h, const uint8_t *res_master,
	    const uint8_t *nonce, size_t noncelen, uint8_t *out);
/* application_traffic_secret_N+1 (RFC 8446, 7.2), in place */
int	tls13_update_secret(enum tp_hash h, uint8_t *secret);

/*
 * RFC 5705 / RFC 8446, 7.5 exporter, with no context (as s_client's
 * -keymatexport): TLS 1.0-1.2 from the master secret (h the PRF hash), TLS
 * 1.3 from exporter_master_secret (h the suite's hash).  A label that the
 * handshake itself uses (RFC 5705, 4) is TP_E_ILLEGAL.
 */
int	tls_exporter(uint16_t version, enum tp_hash h, const uint8_t *secret,
	    const uint8_t client_random[32], const uint8_t server_random[32],
	    const char *label, uint8_t *out, size_t outlen);

/* Constant-time compare (CRYPTO_memcmp); 0 when equal. */
int	tp_memeq_ct(const void *, const void *, size_t);
/* Wipe secrets (OPENSSL_cleanse). */
void	tp_wipe(void *, size_t);
/* Random bytes (RAND_bytes, or the deterministic test hook). */
int	tp_random(uint8_t *, size_t);
extern void (*tp_random_hook)(uint8_t *, size_t);

#endif
