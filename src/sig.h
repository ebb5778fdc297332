/*
 * sig.h -- public keys from certificates and signature checks.
 *
 * All functions return 0 or a tperr.h code.
 */
#ifndef SIG_H
#define SIG_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

struct peer_key;

enum peer_key_type { PK_RSA, PK_RSA_PSS, PK_EC, PK_ED25519, PK_ED448,
		     PK_DSA, PK_OTHER };

/*
 * Parse a DER certificate and take its public key.  A certificate that does
 * not parse gives TP_E_ALERT(ALERT_BAD_CERTIFICATE).
 */
int	peer_key_from_cert(const uint8_t *der, size_t len, struct peer_key **);
void	peer_key_free(struct peer_key *);
enum peer_key_type peer_key_type(const struct peer_key *);
int	peer_key_bits(const struct peer_key *);
/* EC curve as a tp_group name ("P-256") or NULL. */
const char *peer_key_curve(const struct peer_key *);
/* "RSA 2048", "EC P-256", "Ed25519" into buf. */
const char *peer_key_describe(const struct peer_key *, char *, size_t);
/* 1 if scheme s can be verified with this key (type, curve for 1.3). */
int	peer_key_fits(const struct peer_key *, const struct tp_sigscheme *,
	    int tls13);

/*
 * Verify sig over msg with scheme s.  For SIG_RSA_MD5_SHA1 msg is the 36-byte
 * MD5||SHA1 digest already computed (RFC 2246, 7.4.3); otherwise msg is the
 * data to be hashed.  A bad signature is TP_E_DECRYPT
 * (decrypt_error, RFC 8446, 4.4.3); a key/scheme mismatch TP_E_ILLEGAL.
 */
int	sig_verify(struct peer_key *, const struct tp_sigscheme *s,
	    const uint8_t *msg, size_t msglen, const uint8_t *sig, size_t siglen);

/*
 * Our own private key, for the client's CertificateVerify (RFC 5246,
 * 7.4.8; RFC 8446, 4.4.3).
 */
struct priv_key;

/*
 * Read a PEM private key from memory, decrypting it with pass (may be
 * NULL).  Returns 0, or -1 with a reason in err.
 */
int	priv_key_from_pem(const char *pem, size_t len, const char *pass,
	    struct priv_key **, char *err, size_t errlen);
/* The same from a file. */
int	priv_key_load(const char *file, const char *pass, struct priv_key **,
	    char *err, size_t errlen);
void	priv_key_free(struct priv_key *);
enum peer_key_type priv_key_type(const struct priv_key *);
/* "RSA 2048", "EC P-256", "Ed25519" into buf. */
const char *priv_key_describe(const struct priv_key *, char *, size_t);
/* 1 if we can sign with scheme s (the rules of peer_key_fits()). */
int	priv_key_fits(const struct priv_key *, const struct tp_sigscheme *,
	    int tls13);
/* 1 if the DER certificate carries this key's public half. */
int	priv_key_matches_cert(const struct priv_key *, const uint8_t *der,
	    size_t len);

/*
 * Sign msg with scheme s into sig (*siglen: room in, length out).  As in
 * sig_verify(), for SIG_RSA_MD5_SHA1 msg is the 36-byte MD5||SHA1 digest.
 * RSA-PSS uses MGF1 with the scheme's hash and a salt as long as the hash
 * (RFC 8446, 4.2.3).  A key/scheme mismatch is TP_E_ILLEGAL.
 */
int	sig_sign(struct priv_key *, const struct tp_sigscheme *s,
	    const uint8_t *msg, size_t msglen, uint8_t *sig, size_t *siglen);

#endif
