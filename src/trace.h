/*
 * trace.h -- the text printers for the engine's events (event.h): -msg,
 * -state and -trace lines on stdout.  main() makes trace_print the
 * connection's event sink.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"

struct conn;
struct config;

/* Print ev as the connection's options ask (the event sink). */
void	trace_print(struct conn *, const struct tp_event *);
/* -state: the handshake failed ("SSL_connect:error in error", stderr) */
void	trace_state_error(struct conn *);
/* The line sink (event_set_line_sink): "PROBE ..." and "VERDICT ..." */
void	trace_print_line(enum ev_kind, const char *cls, const char *text);
/*
 * A failed run: the copy of the FAIL line on stdout (text printers with a
 * trace flag on) or the "fail" object (-json).  c may be NULL (no
 * connection yet).  Does not write stderr.
 */
void	trace_fail(const struct config *, struct conn *, const char *cls,
	    int exit_code, const char *text, const char *verdict);
/* -targets workers: the next target starts at connection 1 again */
void	trace_reset(void);
/* text: the "Timing (ms): ..." line after the summary */
void	trace_timing(struct conn *);
/*
 * An EV_HANDSHAKE event's message name ("HelloRetryRequest" for a
 * ServerHello with its random, "unknown(N)" in buf for no registry name).
 */
const char *trace_message_name(const struct tp_event *, char *buf, size_t);
/* hex dump in s_client -msg style: 16 bytes a line, four spaces in */
void	trace_hexdump(FILE *, const uint8_t *, size_t);

#endif
