/*
 * trace.h -- the text printers for the engine's events (event.h): -msg,
 * -state and -trace lines on stdout.  main() makes trace_print the
 * connection's event sink.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

struct conn;

/* Print ev as the connection's options ask (the event sink). */
void	trace_print(struct conn *, const struct tp_event *);
/* hex dump in s_client -msg style: 16 bytes a line, four spaces in */
void	trace_hexdump(const uint8_t *, size_t);

#endif
