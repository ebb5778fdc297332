/*
 * plainio.h -- the plaintext phase before TLS (HTTP CONNECT, STARTTLS):
 * bounded reads of lines and binary messages on the connection's
 * transport, each line and message reported as a trace event, and the
 * failure recorded in the connection's error slot with its class.
 *
 * Every byte is the peer's: a line is at most PLAIN_MAX bytes, and each
 * reply must arrive within the read timeout of the command before it.
 * Bytes that one read brings beyond what was asked for stay buffered;
 * plain_leftover() tells the caller about them before TLS starts.
 */
#ifndef PLAINIO_H
#define PLAINIO_H

#include <stddef.h>
#include <stdint.h>

struct conn;
struct net;

#define PLAIN_MAX	4096		/* longest line; the buffer */
#define PLAIN_E_LONG	0x4f1		/* internal: a line too long */

struct plainio {
	struct conn	*c;
	struct net	*n;		/* for the per-reply deadline; may be NULL */
	const char	*cls;		/* failure class: "starttls", "proxy" */
	const char	*state_prefix;	/* -state: "STARTTLS", "PROXY" */
	uint8_t		 buf[PLAIN_MAX];
	size_t		 len;		/* bytes buffered */
	uint64_t	 total;		/* bytes received */
	uint8_t		 first[128];	/* the first bytes received, for guessing */
	size_t		 nfirst;
};

void	plain_init(struct plainio *, struct conn *, struct net *);
/* Switch the class and -state prefix (proxy first, then STARTTLS). */
void	plain_phase(struct plainio *, const char *cls, const char *prefix);

/* Send one text line (CRLF added) and start the reply's timeout. */
int	plain_send(struct plainio *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Send text as it is, one trace line per line in it. */
int	plain_send_text(struct plainio *, const char *text);
/* Send a binary message; what names it in the trace. */
int	plain_send_bin(struct plainio *, const char *what, const uint8_t *,
	    size_t);

/* Write bytes as they are, untraced (the caller traces). */
int	plain_write(struct plainio *, const uint8_t *, size_t);

/* Read one line (traced), CR LF stripped, NUL-terminated; cap <= PLAIN_MAX. */
int	plain_line(struct plainio *, char *line, size_t cap, size_t *n);
/* Read exactly n bytes (not traced: see plain_trace_bin). */
int	plain_bytes(struct plainio *, uint8_t *, size_t n);
/* Whatever is buffered, or what one read brings (not traced). */
int	plain_some(struct plainio *, uint8_t *, size_t cap, size_t *got);
void	plain_trace_bin(struct plainio *, int sent, const char *what,
	    const uint8_t *, size_t);
void	plain_trace_text(struct plainio *, int sent, const uint8_t *, size_t);
void	plain_state(struct plainio *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
size_t	plain_pending(const struct plainio *);

/*
 * Record the failure (class plain->cls) and return TP_E_PLAIN:
 * `return plain_fail(p, "...")`.
 */
int	plain_fail(struct plainio *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same for a read or write error r while waiting for what. */
int	plain_io_fail(struct plainio *, int r, const char *what);
/* Quote peer bytes printably, at most ~cap-1 chars, first line only. */
void	plain_quote(const uint8_t *, size_t, char *out, size_t cap);

#endif
