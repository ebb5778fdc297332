/*
 * hs_cert.h -- acting on the server's certificate messages (hs_cert.c):
 * the chain and its key, verification, the stapled OCSP response, a
 * CertificateRequest's wishes and the TLS 1.3 CertificateVerify.  The
 * parsers are in msg.h; these take what they parsed.
 */
#ifndef HS_CERT_H
#define HS_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct certificate;
struct certificate_request;
struct certificate_verify;
struct config;
struct conn;
struct x509_trust_opts;

/* Where trust anchors and CRLs come from, per the options in cfg. */
void	hs_trust_opts(const struct config *, struct x509_trust_opts *);
/* The security level in force for the chain: -auth_level, else the level. */
int	hs_auth_level(const struct config *);

/*
 * Keep the server's chain and its key (the key must suit the suite
 * before TLS 1.3), report it, and in TLS 1.3 take the leaf's SCTs and
 * stapled OCSP response.
 */
int	hs_apply_certificate(struct conn *, const struct certificate *);
/*
 * Verify the server's chain and name (TLS 1.2: when its Certificate
 * arrives; TLS 1.3: after its CertificateVerify), print the depth= lines,
 * and record the outcome in c.  With -verify_return_error a failure ends
 * the handshake with the matching alert, class "verify".  Runs only when
 * something will show or act on the result.
 */
int	hs_verify_server(struct conn *);
/*
 * A stapled OCSP response for the chain in c: kept for -ct, printed,
 * checked and judged as -status and -verify_return_error ask.
 */
int	hs_take_ocsp(struct conn *, const struct cbs *ocsp);
/* -status was given and the server stapled nothing: say so. */
void	hs_no_ocsp(struct conn *);
/* Keep a checked SignedCertificateTimestampList for the summary (-ct). */
int	hs_keep_scts(struct conn *, const struct cbs *);
/* Keep what a CertificateRequest asked for (c->cr_*). */
void	hs_apply_certificate_request(struct conn *,
	    const struct certificate_request *);
/*
 * TLS 1.3: the server's CertificateVerify signature over the transcript
 * hash thash, with the key of its Certificate (RFC 8446, 4.4.3).
 */
int	hs_apply_certificate_verify(struct conn *,
	    const struct certificate_verify *, const uint8_t *thash,
	    size_t thashlen);

#endif
