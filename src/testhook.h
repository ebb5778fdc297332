/*
 * testhook.h -- a deterministic mode for tests and fuzzers.
 *
 * Compiled into every build and inert until called: the program itself
 * never calls it.  Once on, every random byte the client draws through
 * tp_random() (client random, session id, premaster secret, X25519/X448
 * private keys) and every explicit CBC IV comes from one fixed stream, so
 * the same server bytes replay the same handshake: a captured server
 * flight decrypts again, and a fuzzer's input reaches past ServerHello.
 * Keys that libcrypto draws itself (P-256/384/521, FFDHE, the RSA
 * encryption padding) stay random.  The stream is not cryptographic.
 */
#ifndef TESTHOOK_H
#define TESTHOOK_H

#include <stdint.h>

/* Install the hooks and restart the stream from seed. */
void	tp_test_deterministic(uint64_t seed);
/* Remove the hooks: back to the kernel's random numbers. */
void	tp_test_random_off(void);

#endif
