/*
 * msg_cert.h -- the client's own Certificate and CertificateVerify.  (The
 * parsers of the server's certificate messages are in msg.h; what acts
 * on them is in hs_cert.h.)
 */
#ifndef MSG_CERT_H
#define MSG_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct conn;
struct tp_sigscheme;

/*
 * The scheme our key would sign with, given what the server asked for in
 * its CertificateRequest, or NULL when our key fits none.
 */
const struct tp_sigscheme *msg_client_sigscheme(const struct conn *);
/*
 * The client's Certificate (RFC 5246, 7.4.6; RFC 8446, 4.4.2), appended
 * to out (the caller sends it): ours when we have one that fits the
 * request, else an empty one.  Sets c->client_cert_sent.  rctx is the
 * TLS 1.3 certificate_request_context.
 */
int	msg_client_certificate(struct conn *, struct cbb *out,
	    const uint8_t *rctx, size_t rctxlen);
/*
 * The client's CertificateVerify over the transcript so far (which must
 * hold the client's Certificate), appended to out; nothing when no
 * certificate was sent.
 */
int	msg_client_certificate_verify(struct conn *, struct cbb *out);

#endif
