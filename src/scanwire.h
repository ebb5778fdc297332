/*
 * scanwire.h -- one -scan probe: a ClientHello built from a request (any
 * suite code, any group, no key share), sent on a fresh connection, and
 * the server's first flight read as far as asked: ServerHello or
 * HelloRetryRequest, and for TLS 1.2 and older on to the
 * ServerKeyExchange / ServerHelloDone.  Nothing else is ever sent, so
 * codes tlsprobe cannot complete may be offered.  An SSL 2.0 CLIENT-HELLO
 * is sent when the request says SSL 2.0.
 */
#ifndef SCANWIRE_H
#define SCANWIRE_H

#include <stddef.h>
#include <stdint.h>

#define SSL2_VERSION		0x0002
#define SW_MAX_SUITES		400
#define SW_MAX_GROUPS		64
#define SW_MAX_SIGALGS		40
#define SW_MAX_EXTS		32

struct config;

/* what to put into the hello */
struct sw_req {
	const char	*host, *port;
	int		 timeout_ms;
	/*
	 * The run's options for the way in: -proxy (HTTP CONNECT) and
	 * -starttls run on the connection before the hello, each reply
	 * within timeout_ms; -4/-6 choose the family.  NULL: a plain
	 * connection to host:port.
	 */
	const struct config *cfg;
	uint16_t	 version;	/* the one version offered */
	uint16_t	 suites[SW_MAX_SUITES];
	size_t		 nsuites;
	uint16_t	 groups[SW_MAX_GROUPS];	/* supported_groups, no share */
	size_t		 ngroups;
	uint16_t	 sigalgs[SW_MAX_SIGALGS];
	size_t		 nsigalgs;
	const char	*sni;		/* server_name, or NULL */
	const char	*alpn;		/* comma list, or NULL */
	int		 fallback_scsv;	/* append TLS_FALLBACK_SCSV */
	int		 compression;	/* offer DEFLATE before null */
	int		 exts;		/* 1: EMS, ETM, ticket, OCSP, heartbeat,
					 * max_fragment_length (2^9) */
	int		 want_ske;	/* read on to ServerKeyExchange */
	int		 want_cert;	/* keep the Certificate message */
};

enum sw_status {
	SW_HELLO,	/* ServerHello (or SERVER-HELLO for SSL 2.0) */
	SW_HRR,		/* HelloRetryRequest */
	SW_ALERT,	/* an alert before any hello */
	SW_CLOSED,	/* closed or reset without an alert */
	SW_TIMEOUT,
	SW_CONNECT,	/* the TCP connection failed */
	SW_PLAIN,	/* -proxy or -starttls failed: nothing sent */
	SW_BAD,		/* something that is not a TLS answer */
};

/* what came back */
struct sw_res {
	enum sw_status	 status;
	int		 alert;		/* description, when SW_ALERT */
	uint16_t	 version;	/* negotiated (supported_versions wins) */
	uint16_t	 suite;
	uint8_t		 compression;
	uint16_t	 group;		/* key_share / HRR / SKE named curve */
	int		 dh_bits;	/* DHE: bits of p in the SKE */
	int		 dh_rfc7919;	/* p is an RFC 7919 ffdhe prime */
	uint16_t	 ske_sigalg;	/* TLS 1.2 SKE signature scheme, or 0 */
	int		 got_ske;
	uint16_t	 exts[SW_MAX_EXTS];	/* ServerHello extensions */
	size_t		 nexts;
	char		 alpn[64];	/* selected protocol */
	int		 mfl;		/* max_fragment_length echoed value */
	int		 ocsp_stapled;	/* CertificateStatus came */
	int		 sid_len;	/* ServerHello session id length */
	uint8_t		 cert_hash[32];	/* SHA-256 of the leaf, if any */
	int		 has_cert;
	uint32_t	 ssl2_specs[16];	/* SSL 2.0 cipher specs */
	size_t		 nssl2_specs;
	char		 why[300];	/* for SW_CONNECT, SW_PLAIN, SW_BAD */
	const char	*plain_class;	/* SW_PLAIN: "proxy" or "starttls" */
};

/* One probe.  Never fails as a whole: the outcome is in res->status. */
void	sw_probe(const struct sw_req *, struct sw_res *);
/* 1 if the ServerHello carried extension type t. */
int	sw_has_ext(const struct sw_res *, uint16_t t);

#endif
