/*
 * pkey_internal.h -- struct peer_key, shared by sig.c (which makes it) and
 * kex.c (RSA key transport encrypts to it).  Only files that already
 * include OpenSSL headers may include this one.
 */
#ifndef PKEY_INTERNAL_H
#define PKEY_INTERNAL_H

#include <openssl/evp.h>

#include "sig.h"

struct peer_key {
	EVP_PKEY		*pkey;		/* our own reference */
	enum peer_key_type	 type;
	int			 bits;
	const char		*curve;		/* tp_groups name or NULL */
	char			 ossl_curve[32]; /* OpenSSL's group name */
};

#endif
