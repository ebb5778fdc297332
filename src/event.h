/*
 * event.h -- the engine reports what happens as a stream of events; the
 * printers (-msg, -state, -trace, later JSON; trace.c) turn them into
 * lines.  The engine never formats trace output itself: it emits events
 * here, and conn.c hands them to the connection's sink (struct conn's
 * on_event, set by whoever prints; none: nothing is printed).
 */
#ifndef EVENT_H
#define EVENT_H

#include <stddef.h>
#include <stdint.h>

struct conn;

enum ev_kind {
	EV_CONNECTED,	/* text: peer address; len: socket fd */
	EV_RECORD,	/* data: the 5-byte record header */
	EV_HANDSHAKE,	/* data: a whole handshake message */
	EV_CCS,		/* data: the ChangeCipherSpec body */
	EV_ALERT,	/* data: the alert body */
	EV_INNER_TYPE,	/* TLS 1.3 inner content type; data: 1 byte */
	EV_APPDATA,	/* data: application data (not printed by -msg) */
	EV_STATE,	/* text: the new state's name */
	EV_INFO,	/* text: a remark (version chosen, retry, ...) */
	EV_FAIL,	/* text: the failure line; cls: its class */
};

struct tp_event {
	enum ev_kind	 kind;
	int		 sent;		/* 1: we sent it; 0: received */
	uint16_t	 version;	/* record-layer version on the wire */
	const uint8_t	*data;
	size_t		 len;
	const char	*text;
	const char	*cls;
};

/* Emit ev to the connection's sink (conn.c). */
void	trace_event(struct conn *, const struct tp_event *);
/* An EV_STATE event, only when -state is on; printf-style text. */
void	trace_state(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* An EV_INFO event (a remark); printf-style text. */
void	trace_info(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
