/*
 * crypto_warm.h -- fetch, once, every libcrypto algorithm a handshake may
 * use, so that processes forked afterwards (-targets workers) find them in
 * the library's method store instead of each paying OpenSSL 3.0's
 * first-fetch set-up.
 */
#ifndef CRYPTO_WARM_H
#define CRYPTO_WARM_H

void	tp_crypto_warm(void);

#endif
