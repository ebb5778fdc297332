/*
 * msg_cert.h -- the certificate messages beyond msg.h: server
 * authentication, the stapled OCSP response, and the client's own
 * Certificate and CertificateVerify.  (The parsers of the server's
 * Certificate, CertificateRequest and CertificateVerify are in msg.h.)
 */
#ifndef MSG_CERT_H
#define MSG_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct config;
struct conn;
struct tp_sigscheme;
struct x509_trust_opts;

/* Where trust anchors and CRLs come from, per the options in cfg. */
void	msg_trust_opts(const struct config *, struct x509_trust_opts *);
/* The security level in force for the chain: -auth_level, else the level. */
int	msg_auth_level(const struct config *);

/*
 * Verify the server's chain and name (TLS 1.2: when its Certificate
 * arrives; TLS 1.3: after its CertificateVerify), print the depth= lines,
 * and record the outcome in c.  With -verify_return_error a failure ends
 * the handshake with the matching alert, class "verify".  Runs only when
 * something will show or act on the result.
 */
int	msg_verify_server(struct conn *);
/* TLS 1.2 CertificateStatus (RFC 6066, 8). */
int	msg_parse_certificate_status(struct conn *, struct cbs *);
/* -status was given and the server stapled nothing: say so. */
void	msg_no_ocsp(struct conn *);
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
