/*
 * tracefmt.h -- the -trace decoders: one handshake message, alert or
 * extension in, indented field-per-line text out, in the spirit of
 * `openssl s_client -trace`.  Input is raw peer bytes and untrusted; a
 * malformed message prints a "<malformed ...>" line and the decoder
 * returns.  Nothing here keeps state between calls.
 */
#ifndef TRACEFMT_H
#define TRACEFMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct tp_suite;

struct tracefmt_ctx {
	FILE			*out;
	uint16_t		 version;	/* negotiated version, 0 before ServerHello */
	const struct tp_suite	*suite;		/* negotiated suite or NULL */
	int			 from_server;	/* 1 for messages the server sent */
};

/* msg: whole handshake message including the 4-byte header */
void	tracefmt_handshake(const struct tracefmt_ctx *, const uint8_t *msg,
	    size_t len);
/* an alert record body (2 bytes normally) */
void	tracefmt_alert(const struct tracefmt_ctx *, const uint8_t *body,
	    size_t len);
/*
 * One extension (type + body), for reuse by other printers.  msgtype is
 * the handshake type carrying it (HS_HELLO_RETRY_REQUEST for a
 * HelloRetryRequest); indent is the column of the "extension_type=" line,
 * its contents go two columns further in.
 */
void	tracefmt_extension(const struct tracefmt_ctx *, uint8_t msgtype,
	    uint16_t type, const uint8_t *body, size_t len, int indent);

#endif
