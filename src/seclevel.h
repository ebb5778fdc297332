/*
 * seclevel.h -- OpenSSL's security levels (SSL_CTX_set_security_level(3)):
 * the level in force and what each level refuses.
 */
#ifndef SECLEVEL_H
#define SECLEVEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The platform's default for openssl s_client: @SECLEVEL=n from the
 * CipherString of the system_default section that openssl.cnf
 * (OPENSSL_CONF, else OPENSSLDIR/openssl.cnf) reaches through
 * openssl_conf -> ssl_conf; otherwise 2, the level Debian's libssl is
 * built with (OPENSSL_TLS_SECURITY_LEVEL=2).  Read once.
 */
int	seclevel_default(void);
/* Security bits a level asks for: 0, 80, 112, 128, 192, 256. */
int	seclevel_bits(int level);
/* Smallest RSA, DSA or finite-field DH modulus the level allows. */
int	seclevel_min_ff_bits(int level);
/* Security bits of an RSA/DH modulus of n bits (NIST SP 800-57). */
int	seclevel_ff_security(int nbits);

struct tp_suite;
struct tp_group;

/*
 * What libssl at this level would refuse of a negotiated version and suite
 * (ssl_security_default_callback: the cipher's strength bits, RC4 from
 * level 2, MD5 MACs from level 1, SHA-1 MACs from level 4, key exchange
 * without forward secrecy from level 3, versions below TLS 1.2 from level
 * 1 since their handshake signatures use SHA-1 and MD5).  The reason into
 * buf and 1, or 0 when the level allows it.
 */
int	seclevel_refuses_suite(int level, uint16_t version,
	    const struct tp_suite *, char *buf, size_t len);
/* The same for a named group (its security bits below the level's). */
int	seclevel_refuses_group(int level, const struct tp_group *, char *buf,
	    size_t len);

#endif
