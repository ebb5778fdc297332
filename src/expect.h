/*
 * expect.h -- CI assertions on a finished handshake: -expect-version,
 * -expect-min-version, -expect-cipher, -expect-group, -expect-alpn,
 * -expect-verify.  A failure is class "expect" (exit 5).
 */
#ifndef EXPECT_H
#define EXPECT_H

struct conn;

/* 0, or TP_E_EXPECT with every failed expectation named in conn->why. */
int	expect_check(struct conn *);

#endif
