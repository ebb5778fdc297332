/*
 * handshake.h -- pieces shared by the TLS 1.2 and TLS 1.3 state machines.
 */
#ifndef HANDSHAKE_H
#define HANDSHAKE_H

#include <stdint.h>

#include "conn.h"
#include "hsbuf.h"
#include "msg.h"

struct conn;

/* The whole client handshake, ClientHello to the server's Finished. */
int	handshake(struct conn *);
/* "read ServerHello": the name of a state, for -state */
const char *hs_state_name(enum hs_state);
/* Enter a state: -state line and the failure context. */
void	hs_enter(struct conn *, enum hs_state);
/* Insist that m is of this type (else unexpected_message, both named). */
int	hs_want(struct conn *, const struct hsmsg *, unsigned type);
/* Read the next message and insist on its type. */
int	hs_expect(struct conn *, struct hsmsg *, unsigned type);
/* TLS 1.3: the next message, dropping one compatibility CCS */
int	hs_read13(struct conn *, struct hsmsg *);
/* Build a client message with its codec and send it (hs_write). */
int	hs_send_client_hello(struct conn *);
int	hs_send_client_certificate(struct conn *, const uint8_t *rctx,
	    size_t rctxlen);
int	hs_send_client_certificate_verify(struct conn *);
/* The next message for the negotiated version (hs_read or hs_read13). */
int	hs_next(struct conn *, struct hsmsg *);
/*
 * If m is a CertificateRequest, take it and read the next message into m.
 * rctx gets the TLS 1.3 certificate_request_context (256 bytes at most).
 */
int	hs_certificate_request(struct conn *, struct hsmsg *, uint8_t *rctx,
	    size_t *rctxlen);
/*
 * A CertificateRequest in m: into the transcript and parsed (the one
 * reader, also for TLS 1.3 post-handshake authentication).
 */
int	hs_take_certificate_request(struct conn *, const struct hsmsg *,
	    uint8_t *rctx, size_t *rctxlen);
/*
 * Act on a parsed ServerKeyExchange (hs_ske.c): keep the PSK identity
 * hint, verify the signature with the server's key, check a DH group,
 * and make our share for the server's group or DH parameters.
 */
int	hs_apply_server_key_exchange(struct conn *,
	    const struct server_key_exchange *);
/* NSS key log line (only when -keylogfile was given). */
void	hs_keylog(struct conn *, const char *label, const uint8_t *secret,
	    size_t len);
/* "offered TLS 1.2-1.3, 17 cipher suites" for failure lines */
const char *hs_offer_summary(const struct conn *, char *, size_t);
/*
 * With a trace flag: an INFO line when the security level in force would
 * have refused the negotiated version and suite (hs_seclevel_suite) or
 * the key exchange group (hs_seclevel_group), which s_client at that
 * level would not have offered.
 */
void	hs_seclevel_suite(struct conn *);
void	hs_seclevel_group(struct conn *);

/*
 * TLS 1.0-1.2 renegotiation (RFC 5746): a full handshake over the
 * connection, its ClientHello carrying our last verify_data.
 */
int	hs_renegotiate(struct conn *);
/* TLS 1.3 KeyUpdate from us (RFC 8446, 4.6.3); request: update_requested */
int	hs13_key_update(struct conn *, int request);
/* TLS 1.3 0-RTT: after the first ClientHello, send -early_data's bytes */
int	hs13_send_early(struct conn *);
/* Is proto in the comma-separated -alpn list (NULL: none)? */
int	hs_alpn_offered(const char *list, const char *proto);
int	hs12_run(struct conn *, struct server_hello *);
int	hs13_run(struct conn *, struct server_hello *);
/* after the handshake: one post-handshake message (1.3 tickets, KeyUpdate) */
int	hs13_post_handshake(struct conn *, struct hsmsg *);

#endif
