/*
 * msg.h -- message codecs: build the client's messages, parse the
 * server's.  Parsers take a struct cbs over the message body, consume it
 * exactly, and on failure record a reason naming the message and field.
 */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"

struct conn;
struct cbb;

/* The downgrade sentinels in ServerHello.random (RFC 8446, 4.1.3). */
extern const uint8_t tls13_downgrade_12[8];
extern const uint8_t tls13_downgrade_11[8];
/* ServerHello.random of a HelloRetryRequest (RFC 8446, 4.1.3). */
extern const uint8_t tls13_hrr_random[32];

struct server_hello {
	uint16_t	 legacy_version;
	uint8_t		 random[32];
	uint8_t		 session_id[32];
	size_t		 session_id_len;
	uint16_t	 suite;
	uint8_t		 compression;
	int		 hrr;
	uint16_t	 selected_version;	/* supported_versions, or 0 */
	int		 ems;
	int		 reneg;
	struct cbs	 reneg_data;
	int		 ticket;
	int		 point_formats;
	int		 has_key_share;
	uint16_t	 ks_group;
	struct cbs	 ks_pub;		/* empty in a HelloRetryRequest */
	int		 has_cookie;
	struct cbs	 cookie;
	int		 has_psk;
	int		 status_request;
	struct cbs	 alpn;
	int		 has_alpn;
};

/* ClientHello, appended to out (the caller sends it).  Records what it
 * offered. */
int	msg_client_hello(struct conn *, struct cbb *out);
int	msg_parse_server_hello(struct conn *, struct cbs *,
	    struct server_hello *);
/* TLS 1.3 EncryptedExtensions */
int	msg_parse_encrypted_extensions(struct conn *, struct cbs *);
/* Certificate (1.2 or 1.3 layout by c->version); sets c->certs, c->peer_key */
int	msg_parse_certificate(struct conn *, struct cbs *);
/* CertificateRequest (1.2 or 1.3); sets c->cert_requested */
int	msg_parse_certificate_request(struct conn *, struct cbs *,
	    uint8_t *ctx, size_t *ctxlen);
/* TLS 1.2 ServerKeyExchange: parse, verify the signature, keep the share */
int	msg_parse_server_key_exchange(struct conn *, struct cbs *,
	    struct cbs *peer_pub);
/* TLS 1.3 CertificateVerify against the transcript hash so far */
int	msg_parse_certificate_verify(struct conn *, struct cbs *,
	    const uint8_t *thash, size_t thashlen);
/*
 * A signed_certificate_timestamp extension body (RFC 6962, 3.3): a
 * non-empty SignedCertificateTimestampList, kept for the summary (-ct).
 */
int	msg_keep_scts(struct conn *, struct cbs *body, const char *msg);
/* 1 if we offered extension type t in the ClientHello */
int	msg_offered_ext(const struct conn *, uint16_t t);
/* 1 if we offered group g / signature scheme s */
int	msg_offered_group(const struct conn *, uint16_t g);
int	msg_offered_sigalg(const struct conn *, uint16_t s);

#endif
