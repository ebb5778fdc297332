/*
 * record.h -- TLS record layer: framing, size limits, protection state and
 * sequence numbers (RFC 5246, 6.2; RFC 8446, 5).  Writes are collected into
 * one flight and sent with one write (rec_flush).
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct conn;
struct rprot;

#define TLS_MAX_PLAINTEXT	16384		/* 2^14 */
#define TLS12_MAX_CIPHERTEXT	(16384 + 2048)	/* RFC 5246, 6.2.3 */
#define TLS13_MAX_CIPHERTEXT	(16384 + 256)	/* RFC 8446, 5.2 */

/* Append a record (fragmented as needed, protected if keys are set). */
int	rec_write(struct conn *, uint8_t type, const uint8_t *, size_t);
/* Send the collected flight in one write. */
int	rec_flush(struct conn *);
/*
 * Read and unprotect the next record.  *frag points into the connection's
 * buffer and stays valid until the next rec_read.  For TLS 1.3 protected
 * records, *type is the inner content type.
 */
int	rec_read(struct conn *, uint8_t *type, struct cbs *frag);
/* Switch protection; takes ownership of p (NULL = no protection). */
void	rec_set_read(struct conn *, struct rprot *p, int tls13);
void	rec_set_write(struct conn *, struct rprot *p, int tls13);
/*
 * An alert into the outgoing records (sent with the next rec_flush),
 * reported as an EV_ALERT event for -msg and -trace.
 */
int	rec_write_alert(struct conn *, uint8_t level, uint8_t desc);
/* Send a fatal alert now (best effort; failure is ignored). */
void	rec_send_alert(struct conn *, uint8_t level, uint8_t desc);
/* Bytes already received but not yet consumed as records. */
size_t	rec_pending(const struct conn *);

#endif
