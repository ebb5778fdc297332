/*
 * kex.h -- key exchange: (EC)DHE shares and RSA key transport.
 *
 * All functions return 0 or a tperr.h code.
 */
#ifndef KEX_H
#define KEX_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

struct kex_share;	/* our ephemeral key pair */
struct peer_key;	/* sig.h: a public key from a certificate */

/* A fresh key pair on a named group (EC point, X25519/X448 or FFDHE). */
int	kex_share_new(const struct tp_group *, struct kex_share **);
/*
 * DHE (TLS 1.2 ServerKeyExchange): a fresh key pair in the server's group
 * (p, g big-endian).  Rejects p shorter than 1024 bits or larger than 8192,
 * and g outside 2..p-2 with TP_E_ILLEGAL.
 */
int	kex_share_new_dh(const uint8_t *p, size_t plen, const uint8_t *g,
	    size_t glen, struct kex_share **);
/*
 * Our public value as it goes on the wire: uncompressed point (0x04||X||Y)
 * for EC, raw 32/56 bytes for X25519/X448, big-endian Y padded to the
 * length of p for FFDHE (RFC 8446, 4.2.8.1; fine for TLS 1.2 DHE too).
 */
const uint8_t *kex_share_public(const struct kex_share *, size_t *len);
/*
 * Shared secret from the peer's public value.  Validates the peer value
 * (point on curve, 1 < Y < p-1), rejecting it with TP_E_ILLEGAL.
 * pad: 1 keeps FFDHE secrets at the length of p (TLS 1.3), 0 strips leading
 * zero bytes (TLS 1.2, RFC 5246, 8.1.2).  *outlen in: capacity, out: length.
 */
int	kex_share_derive(struct kex_share *, const uint8_t *peer,
	    size_t peerlen, int pad, uint8_t *out, size_t *outlen);
/* Bits of the group (for printing: 253 for X25519, 2048 for ffdhe2048). */
int	kex_share_bits(const struct kex_share *);
void	kex_share_free(struct kex_share *);

/*
 * RSA key transport (RFC 5246, 7.4.7.1): encrypt pms with the server's RSA
 * key using PKCS#1 v1.5.  *outlen in: capacity, out: length.
 */
int	kex_rsa_encrypt(struct peer_key *, const uint8_t *pms, size_t pmslen,
	    uint8_t *out, size_t *outlen);

/*
 * Key exchange families (kex_psk.c).  kex_is_ecdh/_dh: the server sends an
 * EC point / DH group (ephemeral, anonymous or with PSK); kex_has_cert:
 * the server sends a Certificate; kex_ske_signed: ServerKeyExchange is
 * signed; kex_ske_optional: it may be left out (PSK identity hint only).
 */
int	kex_is_psk(enum tp_kex);
int	kex_is_ecdh(enum tp_kex);
int	kex_is_dh(enum tp_kex);
int	kex_has_cert(enum tp_kex);
int	kex_ske_signed(enum tp_kex);
int	kex_ske_optional(enum tp_kex);
/*
 * The PSK premaster secret (RFC 4279, 2; RFC 5489, 2):
 * other_secret<2> || psk<2>.  other NULL: plain PSK, psklen zero bytes.
 * other may lie in out.  *outlen in: capacity, out: length.
 */
int	kex_psk_premaster(const uint8_t *other, size_t otherlen,
	    const uint8_t *psk, size_t psklen, uint8_t *out, size_t *outlen);

/*
 * test hook: an X25519/X448 share from a fixed private key, so unit tests
 * can check RFC 7748 vectors.  Never used by the program.
 */
int	kex_share_from_raw(const struct tp_group *, const uint8_t *priv,
	    size_t privlen, struct kex_share **);

#endif
