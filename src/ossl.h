/*
 * ossl.h -- openssl s_client's words for what tlsprobe prints in its shape:
 * alert texts (SSL_alert_desc_string_long, the "sslv3 alert ..." error
 * reasons), -state names (SSL_state_string_long), the summary's key and
 * signature wording.  Tables only; the strings are those of OpenSSL 3.0.
 */
#ifndef OSSL_H
#define OSSL_H

#include <stdint.h>
#include <stdio.h>

struct tp_sigscheme;

/* SSL_alert_desc_string_long(): "handshake failure", "unknown" */
const char	*ossl_alert_desc(uint8_t desc);
/* SSL_alert_type_string_long(): "warning", "fatal", "unknown" */
const char	*ossl_alert_level(uint8_t level);
/* the error reason for a received alert: "sslv3 alert handshake failure" */
const char	*ossl_alert_reason(uint8_t desc);
/* its packed error code: 0x0A000000 | (1000 + desc) */
unsigned long	 ossl_alert_code(uint8_t desc);
/*
 * The -state name after a handshake message (type, or -1 for
 * ChangeCipherSpec) was sent or received; NULL when s_client has none.
 */
const char	*ossl_state_after(int type, int sent);
/* "Peer signature type:": RSA, RSA-PSS, ECDSA, ed25519, ed448, DSA */
const char	*ossl_sig_type(const struct tp_sigscheme *);
/* "Peer signing digest:": SHA256, MD5-SHA1, ...; NULL for none (EdDSA) */
const char	*ossl_sig_digest(const struct tp_sigscheme *);
/*
 * "Server Temp Key: " text for a group (0 for custom DHE parameters) and
 * its size in bits: "ECDH, prime256v1, 256 bits", "X25519, 253 bits".
 */
void		 ossl_temp_key(uint16_t group, int bits, char *, size_t);
/* The version SSL_CIPHER_get_version() names for a suite: SSLv3, TLSv1 */
const char	*ossl_cipher_version(uint16_t suite);

/* -tlsextdebug's extension names (s_client's table): "key share" */
const char	*ossl_tlsext_name(uint16_t);
/* BIO_dump()'s layout: "0000 - 16 03 01 ...-...   ascii" */
void		 ossl_bio_dump(FILE *, const uint8_t *, size_t);

#endif
