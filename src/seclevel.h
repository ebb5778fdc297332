/*
 * seclevel.h -- OpenSSL's security levels (SSL_CTX_set_security_level(3)):
 * the level in force and what each level refuses.
 */
#ifndef SECLEVEL_H
#define SECLEVEL_H

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

#endif
