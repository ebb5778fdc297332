/*
 * msg.h -- message codecs: build the client's messages, parse the
 * server's.
 *
 * Every parser takes a struct cbs over the message body and consumes it
 * exactly, into its message struct (whose cbs point into the message).
 * It sees the connection read-only, for the version and what we offered,
 * and on failure returns the error (which carries the alert) with a
 * reason naming the message and field in its struct tp_reason.  Acting
 * on a message -- keeping, verifying, reporting -- is the handshake
 * layer's (handshake.c, hs_ske.c, hs_cert.c).
 */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>
#include <stdint.h>

#include "bytestring.h"
#include "conn.h"

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
	int		 etm;		/* encrypt_then_mac echoed */
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
	uint16_t	 psk_identity;		/* selected_identity */
	int		 status_request;
	struct cbs	 alpn;
	int		 has_alpn;
	int		 has_point_formats;
	struct cbs	 point_format_list;	/* ec_point_formats */
	int		 has_scts;
	struct cbs	 scts;		/* SignedCertificateTimestampList */
	int		 has_mfl;	/* max_fragment_length echoed */
	uint8_t		 mfl;
	int		 has_npn;
	struct cbs	 npn_list;	/* the server's NPN protocols */
	struct {
		uint16_t	 type;
		struct cbs	 body;
	}		 serverinfo[8];	/* answers to -serverinfo types */
	size_t		 nserverinfo;
};

struct tp_sigscheme;

struct server_key_exchange {
	int		 has_hint;	/* PSK suites: psk_identity_hint */
	struct cbs	 hint;
	int		 ecdh;		/* named curve group and point */
	uint16_t	 group;
	int		 dh;		/* dh_p, dh_g and dh_Ys */
	struct cbs	 dh_p, dh_g;
	struct cbs	 pub;		/* the point or dh_Ys; empty for PSK */
	int		 is_signed;	/* the suite signs the parameters */
	struct cbs	 params;	/* the bytes the signature covers */
	const struct tp_sigscheme *scheme; /* TLS 1.2; NULL: by the key */
	struct cbs	 sig;
};

/*
 * Builders append one message, header included, to a writer; the state
 * machines send it.  The ClientHello's records what it offered in c (and
 * a failure's reason); the short ones below return 0 or TP_E_INTERNAL.
 */
int	msg_client_hello(struct conn *, struct cbb *out);
/*
 * ServerHello or HelloRetryRequest: every extension offered, allowed
 * there and once.
 */
int	msg_parse_server_hello(const struct conn *, struct cbs *,
	    struct server_hello *, struct tp_reason *);
struct encrypted_extensions {
	int		 has_mfl;	/* max_fragment_length echoed */
	uint8_t		 mfl;		/* its code (the one we offered) */
	int		 has_alpn;
	struct cbs	 alpn;		/* the one protocol, not empty */
	int		 early_data;	/* the server took our 0-RTT data */
};

/*
 * TLS 1.3 EncryptedExtensions: every extension offered, allowed here and
 * once.
 */
int	msg_parse_encrypted_extensions(const struct conn *, struct cbs *,
	    struct encrypted_extensions *, struct tp_reason *);
/* The server's Certificate (RFC 5246, 7.4.2; RFC 8446, 4.4.2). */
struct certificate {
	struct cbs	 cert[TP_MAX_CERTS];	/* DER, the first entries */
	size_t		 ncert;
	size_t		 nentries;	/* all of them, at least 1 */
	int		 has_ocsp;	/* TLS 1.3: the leaf's stapled */
	struct cbs	 ocsp;		/* OCSPResponse, not empty */
	int		 has_scts;	/* TLS 1.3: the leaf's checked */
	struct cbs	 scts;		/* SignedCertificateTimestampList */
};

/*
 * Certificate, in the layout of c->version: every entry and, in TLS 1.3,
 * every entry extension (each one we offered and allowed there).
 */
int	msg_parse_certificate(const struct conn *, struct cbs *,
	    struct certificate *, struct tp_reason *);

/* CertificateRequest (RFC 5246, 7.4.4; RFC 8446, 4.3.2). */
struct certificate_request {
	struct cbs	 context;	/* TLS 1.3 certificate_request_context */
	struct cbs	 types;		/* TLS 1.0-1.2 certificate_types */
	struct cbs	 sigalgs;	/* SignatureScheme list; even, or empty
					   before TLS 1.2 */
	struct cbs	 ca_names;	/* DistinguishedName list, each DER */
};

int	msg_parse_certificate_request(const struct conn *, struct cbs *,
	    struct certificate_request *, struct tp_reason *);
/*
 * TLS 1.2 CertificateStatus (RFC 6066, 8): ocsp gets the OCSPResponse
 * (pointing into the message).
 */
int	msg_parse_certificate_status(const struct conn *, struct cbs *,
	    struct cbs *ocsp, struct tp_reason *);

/* TLS 1.3 CertificateVerify (RFC 8446, 4.4.3): an offered scheme. */
struct certificate_verify {
	const struct tp_sigscheme *scheme;
	struct cbs	 sig;
};

int	msg_parse_certificate_verify(const struct conn *, struct cbs *,
	    struct certificate_verify *, struct tp_reason *);
/*
 * TLS 1.0-1.2 ServerKeyExchange for the negotiated suite (c->suite,
 * c->version); groups and schemes must be ones we offered.
 */
int	msg_parse_server_key_exchange(const struct conn *, struct cbs *,
	    struct server_key_exchange *, struct tp_reason *);
/*
 * A signed_certificate_timestamp extension body (RFC 6962, 3.3): a
 * non-empty SignedCertificateTimestampList.
 */
int	msg_check_scts(const struct cbs *body, const char *msg,
	    struct tp_reason *);
/*
 * ClientKeyExchange (RFC 5246, 7.4.7; RFC 4279, 2): what the state
 * machine computed, in the suite's layout.
 */
struct client_key_exchange {
	const char	*identity;	/* PSK suites: psk_identity, else NULL */
	const uint8_t	*exchange;	/* the encrypted premaster secret or
					   our public value; NULL: none (PSK) */
	size_t		 exchange_len;
	int		 width;		/* its length prefix: 1, 2, or 0 for
					   SSL 3.0's RSA */
};

int	msg_client_key_exchange(struct cbb *, const struct client_key_exchange *);

/* NewSessionTicket (RFC 5077, 3.3; RFC 8446, 4.6.1), by c->version. */
struct new_session_ticket {
	uint32_t	 lifetime;	/* lifetime_hint / ticket_lifetime, s */
	uint32_t	 age_add;	/* TLS 1.3 */
	struct cbs	 nonce;		/* TLS 1.3 */
	struct cbs	 ticket;	/* TLS 1.2: empty means none issued */
	int		 has_early_data;	/* TLS 1.3 early_data: */
	uint32_t	 max_early_data;	/* max_early_data_size */
};

int	msg_parse_new_session_ticket(const struct conn *, struct cbs *,
	    struct new_session_ticket *, struct tp_reason *);
/* TLS 1.3 KeyUpdate (RFC 8446, 4.6.3): request is 0 or 1. */
int	msg_parse_key_update(const struct conn *, struct cbs *, int *request,
	    struct tp_reason *);
int	msg_key_update(struct cbb *, int request);
/* Finished with verify_data vd (RFC 5246, 7.4.9; RFC 8446, 4.4.4). */
int	msg_finished(struct cbb *, const uint8_t *vd, size_t len);
/* NPN's NextProtocol: proto, padded (draft-agl-tls-nextprotoneg-04, 3). */
int	msg_next_protocol(struct cbb *, const char *proto);
/* TLS 1.3 EndOfEarlyData (RFC 8446, 4.5). */
int	msg_end_of_early_data(struct cbb *);
/* The server's Finished: verify_data of len bytes, into vd. */
int	msg_parse_finished(const struct conn *, struct cbs *, size_t len,
	    struct cbs *vd, struct tp_reason *);
/* A message of handshake type `type` whose body must be empty. */
int	msg_parse_empty(const struct conn *, struct cbs *, unsigned type,
	    struct tp_reason *);
/*
 * An extension block read entry by entry: type, then body<0..2^16-1>,
 * each type at most once (RFC 8446, 4.2) and at most max of them (64 at
 * most).  The caller words the refusal for its message.
 */
enum msg_ext_step {
	MSG_EXT_END,		/* the block is read */
	MSG_EXT_NEXT,		/* *type and *body hold the next one */
	MSG_EXT_TRUNCATED,
	MSG_EXT_TWICE,		/* *type came before */
	MSG_EXT_TOO_MANY,
};

struct msg_ext_walk {
	struct cbs	 rest;
	uint16_t	 seen[64];
	size_t		 nseen;
	size_t		 max;
};

void	msg_ext_walk_init(struct msg_ext_walk *, const struct cbs *block,
	    size_t max);
enum msg_ext_step msg_ext_next(struct msg_ext_walk *, uint16_t *type,
	    struct cbs *body);
/* 1 if we offered extension type t in the ClientHello */
int	msg_offered_ext(const struct conn *, uint16_t t);
/* 1 if we offered group g / signature scheme s */
int	msg_offered_group(const struct conn *, uint16_t g);
int	msg_offered_sigalg(const struct conn *, uint16_t s);

#endif
