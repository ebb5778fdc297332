/*
 * trace.h -- the engine reports what happens as a stream of events; the
 * printers (-msg, -state, -trace, later JSON) turn them into lines.  The
 * engine never formats trace output itself.
 */
#ifndef TRACE_H
#define TRACE_H

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
	/* before TLS (plainio.c): proxy CONNECT, STARTTLS */
	EV_PLAINTEXT,	/* data: one text line without CR LF; or, with
			   text set, a binary message that text names */
	EV_PLAIN_STATE,	/* text: "STARTTLS:<step>", "PROXY:<step>" */
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

void	trace_event(struct conn *, const struct tp_event *);
void	trace_state(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	trace_info(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* hex dump in s_client -msg style: 16 bytes a line, four spaces in */
void	trace_hexdump(const uint8_t *, size_t);

#endif
