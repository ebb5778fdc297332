/*
 * ssl3.h -- the SSL 3.0 key derivation and handshake hashes (RFC 6101),
 * which predate the TLS PRF: MD5 over SHA-1 with 'A', 'BB', 'CCC' ...
 * salts, and the MD5 + SHA-1 pad_1/pad_2 construction for Finished and
 * CertificateVerify.  Record protection is cipher.c's.
 *
 * Functions return 0 or a tperr.h code.
 */
#ifndef SSL3_H
#define SSL3_H

#include <stddef.h>
#include <stdint.h>

struct transcript;

#define SSL3_HASHES_LEN		36	/* MD5 (16) || SHA-1 (20) */

/* RFC 6101, 6.1: master_secret from the pre_master_secret. */
int	ssl3_master_secret(const uint8_t *pms, size_t pmslen,
	    const uint8_t client_random[32], const uint8_t server_random[32],
	    uint8_t master[48]);
/* RFC 6101, 6.2.2: key_block (server_random first). */
int	ssl3_key_block(const uint8_t master[48],
	    const uint8_t client_random[32], const uint8_t server_random[32],
	    uint8_t *out, size_t outlen);
/*
 * RFC 6101, 5.6.9 and 5.6.8: md5_hash || sha_hash over the handshake
 * messages so far, then sender (4 bytes, "CLNT"/"SRVR"; NULL for
 * CertificateVerify), then the master secret and the pads.
 */
int	ssl3_handshake_hashes(const struct transcript *, const uint8_t *sender,
	    const uint8_t master[48], uint8_t out[SSL3_HASHES_LEN]);

#endif
