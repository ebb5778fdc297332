/*
 * tpclock.h -- the monotonic clock for timestamps and phase timings, and
 * the names of the phases of one connection.
 */
#ifndef TPCLOCK_H
#define TPCLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in microseconds. */
int64_t	tp_now_us(void);
/* Remember "now" as the start of the run; tp_since_start() counts from it. */
void	tp_clock_start(void);
int64_t	tp_clock_origin(void);
/* Seconds since tp_clock_start(), as a float. */
double	tp_since_start(void);

/* The phases of one connection, timed from the start of name resolution. */
enum tp_phase {
	PH_RESOLVE,		/* name resolved */
	PH_CONNECT,		/* TCP connection up */
	PH_FIRST_BYTE,		/* first byte from the server */
	PH_SERVER_HELLO,	/* ServerHello received */
	PH_CERTIFICATE,		/* server Certificate received */
	PH_VERIFY,		/* certificate verification done */
	PH_DONE,		/* handshake done */
	PH_FIRST_APP,		/* first application data byte */
	PH_COUNT
};

/* JSON key ("first_byte") and text label ("first byte") of a phase. */
const char *tp_phase_key(enum tp_phase);
const char *tp_phase_label(enum tp_phase);

#endif
