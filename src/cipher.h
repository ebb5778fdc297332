/*
 * cipher.h -- record protection (one direction of one connection).
 *
 * A protection state seals or opens one record fragment.  The record layer
 * (record.c) owns framing and sequence numbers; this module owns the bytes
 * between the header and the next record.  Schemes (AEAD, CBC+HMAC) sit
 * behind one interface, as in BearSSL.
 *
 * Conventions by version:
 *  - TLS 1.0: CBC with the IV chained from the previous record's last
 *    ciphertext block (the initial IV comes from the key block).
 *  - TLS 1.1/1.2 CBC: a fresh random explicit IV per record; MAC-then-pad-
 *    then-encrypt; the MAC covers seq||type||version||length||plaintext.
 *    With rprot_set_etm() (RFC 7366): encrypt-then-MAC, the MAC covering
 *    seq||type||version||length||IV||ciphertext and checked first.
 *  - TLS 1.2 AES-GCM/CCM: nonce = 4-byte salt (iv) || 8-byte explicit nonce,
 *    the explicit part is the sequence number and travels in the record.
 *  - TLS 1.2 ChaCha20-Poly1305 (RFC 7905): nonce = 12-byte iv XOR seq,
 *    nothing explicit.  AAD = seq||type||version||plaintext length.
 *  - TLS 1.3 (all AEADs): nonce = 12-byte iv XOR seq; AAD = the record
 *    header as sent (type 23, 0x0303, ciphertext length).  The caller has
 *    already appended the inner content type and padding to the plaintext
 *    and passes type/version of the outer header.
 *
 * open() on a bad tag, bad padding or bad MAC returns
 * TP_E_ALERT(ALERT_BAD_RECORD_MAC) and takes the same time whichever it was
 * (constant-time padding and MAC check for CBC, Lucky13-aware).
 */
#ifndef CIPHER_H
#define CIPHER_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

struct rprot;

struct rprot_keys {
	const uint8_t	*key;		/* bulk_info(suite->bulk)->key_len bytes */
	const uint8_t	*iv;		/* fixed IV / salt; 12 bytes for 1.3 */
	size_t		 iv_len;
	const uint8_t	*mac_key;	/* CBC only */
	size_t		 mac_key_len;
};

/*
 * Create a protection state for suite s at protocol version `version`
 * (0x0301..0x0304).  encrypt: 1 to seal, 0 to open.  Returns 0 or an error.
 */
int	rprot_new(const struct tp_suite *s, uint16_t version,
	    const struct rprot_keys *keys, int encrypt, struct rprot **out);
void	rprot_free(struct rprot *);
/*
 * Switch a CBC state to encrypt-then-MAC (RFC 7366) before its first
 * record.  TP_E_INTERNAL for any other scheme and for SSL 3.0.
 */
int	rprot_set_etm(struct rprot *);
/* 1 if suite s uses CBC record protection (where RFC 7366 applies). */
int	rprot_is_cbc(const struct tp_suite *s);
/*
 * 1 if this libcrypto can compute suite s's record protection (loading
 * OpenSSL's legacy provider if the cipher lives there), else 0: IDEA is
 * not built into Debian's OpenSSL 3.0, export and GOST ciphers never are.
 */
int	rprot_supported(const struct tp_suite *s);

/*
 * Largest number of bytes seal() adds to a plaintext of length n (explicit
 * IV/nonce, MAC, padding, tag).
 */
size_t	rprot_overhead(const struct rprot *, size_t n);

/*
 * Seal inlen plaintext bytes into out (capacity outcap); *outlen is the
 * fragment length to put in the header.  type/version are the header's
 * fields (1.3: 23 and 0x0303).  seq is the record sequence number.
 */
int	rprot_seal(struct rprot *, uint64_t seq, uint8_t type,
	    uint16_t version, const uint8_t *in, size_t inlen,
	    uint8_t *out, size_t outcap, size_t *outlen);

/*
 * Open a received fragment.  type/version/inlen are from the header as
 * received.  Writes the plaintext (1.3: the inner plaintext with its type
 * byte and padding still attached) to out.
 */
int	rprot_open(struct rprot *, uint64_t seq, uint8_t type,
	    uint16_t version, const uint8_t *in, size_t inlen,
	    uint8_t *out, size_t outcap, size_t *outlen);

/*
 * Test hook: when set, "random" explicit IVs come from this function instead
 * of RAND_bytes (used by unit tests and fuzzers for reproducibility).
 */
extern void (*rprot_random_hook)(uint8_t *, size_t);

#endif
