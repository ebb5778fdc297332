/*
 * testhook.c -- the deterministic mode (see testhook.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "cipher.h"
#include "keysched.h"
#include "testhook.h"

static uint64_t test_state;

/* splitmix64: a fixed, well-spread stream from any seed (not secret). */
static uint64_t
next64(void)
{
	uint64_t z;

	z = (test_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
test_random(uint8_t *buf, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % 8 == 0)
			v = next64();
		buf[i] = (uint8_t)(v >> (8 * (i % 8)));
	}
}

void
tp_test_deterministic(uint64_t seed)
{
	test_state = seed;
	tp_random_hook = test_random;
	rprot_random_hook = test_random;
}

void
tp_test_random_off(void)
{
	tp_random_hook = NULL;
	rprot_random_hook = NULL;
}
