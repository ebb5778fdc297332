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
struct config;

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
	/* issue 14: facts the -json printer reports as objects */
	EV_CERTS,	/* the server's chain is in conn->certs */
	EV_VERIFY,	/* the chain check ran: conn->verify_* hold it */
	EV_SUMMARY,	/* the session ended well; conn holds the summary */
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

void	trace_event(struct conn *, const struct tp_event *);
void	trace_state(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	trace_info(struct conn *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* -diagnose: one "PROBE ..." line, the "VERDICT ..." line */
void	trace_probe(const char *line);
void	trace_verdict(const char *cls, const char *text);
/*
 * A failed run: the copy of the FAIL line on stdout (text printers with a
 * trace flag on) or the "fail" object (-json).  c may be NULL (no
 * connection yet).  Does not write stderr.
 */
void	trace_fail(const struct config *, struct conn *, const char *cls,
	    int exit_code, const char *text, const char *verdict);
/* -json: the first object; and which printer is on (set once by main) */
void	trace_start(const struct config *, int argc, char **argv);
int	trace_json_on(void);
/* text: the "Timing (ms): ..." line after the summary */
void	trace_timing(struct conn *);
/* hex dump in s_client -msg style: 16 bytes a line, four spaces in */
void	trace_hexdump(const uint8_t *, size_t);

#endif
