/*
 * unit.h -- the smallest test harness: every check prints one line,
 * "PASS: name" or "FAIL: name (file:line)", which tests/run counts.
 * A test program exits 1 if any check failed.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>

static int unit_failed;

#define CHECK(cond, name) do {						\
	if (cond) {							\
		printf("PASS: %s\n", (name));				\
	} else {							\
		printf("FAIL: %s (%s:%d: %s)\n", (name), __FILE__,	\
		    __LINE__, #cond);					\
		unit_failed = 1;					\
	}								\
	fflush(stdout);							\
} while (0)

#define UNIT_EXIT()	return unit_failed ? 1 : 0

/* Parse a hex string (spaces allowed) into buf; returns length. */
static inline size_t
unit_hex(const char *s, unsigned char *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1, v;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			continue;
		if (hi < 0)
			hi = v;
		else {
			if (n < cap)
				buf[n] = (unsigned char)(hi << 4 | v);
			n++;
			hi = -1;
		}
	}
	return n;
}

#endif
