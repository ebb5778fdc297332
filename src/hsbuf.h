/*
 * hsbuf.h -- handshake messages over records: reassembly of messages split
 * across records, several messages out of one record, and the non-handshake
 * records met on the way (alerts, ChangeCipherSpec).
 */
#ifndef HSBUF_H
#define HSBUF_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct conn;

/* Largest handshake message we accept (a long certificate chain fits). */
#define HS_MAX_MESSAGE	(256 * 1024)

#define HSMSG_CCS	0x100	/* pseudo type: a ChangeCipherSpec record */

/*
 * Application data the server may send during a renegotiation (RFC 5246,
 * 6.2.1: record types may interleave), before its ChangeCipherSpec: at
 * most this many bytes, each record counting its 5-byte header too.
 */
#define RENEG_APPDATA_MAX	(16 * 1024 * 1024)

struct hsmsg {
	unsigned	 type;		/* handshake type, or HSMSG_CCS */
	struct cbs	 body;		/* the body, after the 4-byte header */
	const uint8_t	*raw;		/* header + body, for the transcript */
	size_t		 rawlen;
};

/*
 * Next handshake message (or ChangeCipherSpec).  Alerts end it: a fatal
 * alert gives TP_E_PEER_ALERT(desc), close_notify TP_E_CLOSE_NOTIFY.  The
 * message stays valid until the next hs_read.  Application data is
 * refused, except during a renegotiation before the server's
 * ChangeCipherSpec: that goes to c->on_appdata (RENEG_APPDATA_MAX).
 */
int	hs_read(struct conn *, struct hsmsg *);
/* Add a received handshake fragment to the reassembly buffer. */
int	hs_feed(struct conn *, struct cbs *);
/* Take the next whole buffered message, if any (*got = 1). */
int	hs_take(struct conn *, struct hsmsg *, int *got);
/* 1 when part of a handshake message is buffered (key changes forbid it). */
int	hs_partial(const struct conn *);
/* Send a handshake message: transcript, trace and record (not flushed). */
int	hs_write(struct conn *, const uint8_t *msg, size_t len);
/* Send a ChangeCipherSpec record (not flushed). */
int	hs_write_ccs(struct conn *);
/* Handle an alert record body; returns the error it means (or 0). */
int	hs_alert(struct conn *, struct cbs *);

#endif
