/*
 * batch.h -- -targets FILE: probe many targets from one process.  The
 * parent forks a bounded pool of workers (-concurrency) after libcrypto
 * and the trust anchors are set up, so each target costs a fork, not a
 * program start.  Each worker's output is collected and written as one
 * block: text lines prefixed "target: ", JSON objects with "target".
 */
#ifndef BATCH_H
#define BATCH_H

struct config;

#define BATCH_DEFAULT	8
#define BATCH_MAX	256

/*
 * Run run() in a child for every target of base->targets; returns the
 * exit status: 0 if every target passed, EXIT_BATCH otherwise, EXIT_USAGE
 * for an unreadable or malformed targets file.
 */
int	batch_run(const struct config *base, int (*run)(struct config *));

#endif
