/*
 * gcm.h -- GCM (NIST SP 800-38D) over any 128-bit block cipher given in
 * CTR mode, for the TLS suites whose AEAD OpenSSL 3.0 does not implement
 * as one EVP cipher (Camellia-GCM, RFC 6367).  96-bit nonces, 16-byte tags.
 *
 * Functions return 0, or a tperr.h code (TP_E_BAD_MAC when a tag does not
 * match; the output is wiped then).
 */
#ifndef GCM_H
#define GCM_H

#include <stddef.h>
#include <stdint.h>

#define GCM_TAG_LEN	16
#define GCM_NONCE_LEN	12

struct gcm;
struct evp_cipher_st;

/* ctr: a 128-bit block cipher in CTR mode ("CAMELLIA-128-CTR"). */
int	gcm_new(const struct evp_cipher_st *ctr, const uint8_t *key,
	    struct gcm **);
void	gcm_free(struct gcm *);
/* out gets len bytes, tag GCM_TAG_LEN bytes. */
int	gcm_seal(struct gcm *, const uint8_t nonce[GCM_NONCE_LEN],
	    const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
	    uint8_t *out, uint8_t tag[GCM_TAG_LEN]);
int	gcm_open(struct gcm *, const uint8_t nonce[GCM_NONCE_LEN],
	    const uint8_t *aad, size_t aadlen, const uint8_t *in, size_t len,
	    const uint8_t tag[GCM_TAG_LEN], uint8_t *out);

#endif
