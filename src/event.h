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
	/* before TLS (plainio.c): proxy CONNECT, STARTTLS */
	EV_PLAINTEXT,	/* data: one text line without CR LF; or, with
			   text set, a binary message that text names */
	EV_PLAIN_STATE,	/* text: "STARTTLS:<step>", "PROXY:<step>" */
	/* issue 14: facts the -json printer reports as objects */
	EV_CERTS,	/* the server's chain is in conn->certs */
	EV_VERIFY,	/* the chain check ran: conn->verify_* hold it */
	EV_SUMMARY,	/* the session ended well; conn holds the summary */
	/*
	 * text: lines s_client prints at this point, newline-terminated
	 * (the depth= verification lines, the OCSP response block); num:
	 * the stream, 1 standard output, 2 standard error
	 */
	EV_TEXT,
	EV_PROBE,	/* line sink only: a -diagnose "PROBE" text */
	EV_VERDICT,	/* line sink only: the -diagnose verdict; cls */
};

struct tp_event {
	enum ev_kind	 kind;
	int		 sent;		/* 1: we sent it; 0: received */
	uint16_t	 version;	/* record-layer version on the wire */
	const uint8_t	*data;
	size_t		 len;
	const char	*text;
	const char	*cls;
	int		 num;		/* EV_FAIL: exit status */
	const char	*extra;		/* EV_FAIL: -diagnose verdict or NULL */
};

/*
 * The EV_STATE text hs_read() emits before it waits for a message: the
 * engine is done with the one before (the -state printer's cue).
 */
#define EV_STATE_NEXT_MESSAGE	"waiting for the next message"

/* Emit ev to the connection's sink (conn.c). */
void	trace_event(struct conn *, const struct tp_event *);
/* An EV_STATE event, only when -state is on; printf-style text. */
void	trace_state(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* An EV_TEXT event: s_client's lines for stream 1 or 2. */
void	trace_text(struct conn *, int stream, const char *text);
/* An EV_INFO event (a remark); printf-style text. */
void	trace_info(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Lines that belong to no connection (-diagnose's PROBE and VERDICT):
 * main() sets the sink once (text or JSON); without one nothing is
 * printed.
 */
typedef void (*tp_line_sink)(enum ev_kind, const char *cls, const char *text);
void	event_set_line_sink(tp_line_sink);
void	trace_line(enum ev_kind, const char *cls, const char *text);

#endif
