/*
 * diag.h -- turn a failed run into one failure class, one exit code and
 * one sentence: "tlsprobe: FAIL <class>: <explanation>".
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

struct conn;

#define EXIT_OK			0
#define EXIT_HANDSHAKE		1
#define EXIT_USAGE		2
#define EXIT_CONNECT		3
#define EXIT_VERIFY		4	/* classes "verify" and "expiry" */
#define EXIT_EXPECT		5	/* class "expect": an -expect-* failed */
#define EXIT_BATCH		6	/* -targets: some target failed */
#define EXIT_FINDINGS		7	/* -scan: high-severity findings */

struct diag {
	const char	*cls;
	int		 exit_code;
	int		 probe_worthy;	/* -diagnose could pin this down */
	int		 keep_class;	/* a verdict adds to it, keeps cls */
	char		 text[4096];
};

/* Classify the failure err of connection c. */
void	diag_failure(const struct conn *, int err, struct diag *);

#endif
