/*
 * scan.h -- -scan: what a server accepts (versions, every registry suite
 * in the server's order, groups incl. post-quantum hybrids, signature
 * schemes, certificates per key type, features), and findings with a
 * severity.  Probes are ClientHello-only connections (scanwire.c), run in
 * child processes, -scan-concurrency at a time.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"

#define SCAN_NVERS	6	/* SSL 2.0, SSL 3.0, TLS 1.0 ... TLS 1.3 */
#define SCAN_MAX_SUITES	400
#define SCAN_MAX_GROUPS	64
#define SCAN_MAX_SIGS	40
#define SCAN_MAX_FIND	64

struct scan_suite {
	uint16_t	 code;
	uint16_t	 group;		/* ECDHE curve / 1.3 group, or 0 */
	int		 dh_bits;	/* DHE prime bits, or 0 */
	uint16_t	 sig;		/* TLS 1.2 SKE signature scheme, or 0 */
};

struct scan_version {
	uint16_t	 version;	/* 0x0002 for SSL 2.0 */
	int		 accepted;	/* 1, 0, or -1: could not tell */
	int		 server_order;	/* 1 enforced, 0 follows client, -1 n/a */
	int		 refusal;	/* alert that ended the list, or -1 */
	size_t		 n;
	struct scan_suite suites[SCAN_MAX_SUITES];	/* server order */
	size_t		 nssl2;
	uint32_t	 ssl2[16];	/* SSL 2.0 cipher specs */
};

struct scan_groups {
	int		 tested;
	int		 server_order;	/* 1, 0, -1 */
	size_t		 n;
	uint16_t	 codes[SCAN_MAX_GROUPS];	/* preference order */
};

struct scan_dh {
	int		 tested;
	size_t		 n;
	int		 bits[8];	/* distinct prime sizes seen */
	uint16_t	 ffdhe[8];	/* RFC 7919 groups accepted (1.2) */
	size_t		 nffdhe;
};

struct scan_sigs {
	int		 tested;
	uint16_t	 version;	/* where they were learnt */
	size_t		 n;
	uint16_t	 codes[SCAN_MAX_SIGS];
};

/* the leaf's subjectAltNames kept for -json (the rest are counted) */
#define SCAN_MAX_SANS	8

struct scan_cert {
	int		 tested;
	int		 present;
	char		 type[12];	/* RSA, ECDSA, EdDSA */
	char		 key[64];	/* "RSA 2048 bits" */
	char		 sigscheme[48];	/* the scheme the server signed with */
	char		 subject[160];
	char		 issuer[160];
	char		 not_after[40];	/* as s_client prints it */
	int		 chain_len;
	/* the leaf as -json's certificate objects give it (x509_info.h) */
	struct {
		char	 subject[512];		/* UTF-8, not \XX escapes */
		char	 issuer[512];
		char	 key_type[32];		/* "RSA", "EC", "ED25519" */
		int	 key_bits;
		char	 key_group[40];		/* "prime256v1", or "" */
		char	 not_before[40];	/* ISO 8601 */
		char	 not_after[40];
		char	 sig_alg[80];
		char	 serial[100];
		uint8_t	 sha256[32];
		char	 sans[SCAN_MAX_SANS][256];
		size_t	 nsans;
		size_t	 more_sans;
	}		 leaf;
	int		 verify_code;	/* 0 ok, else X509_V_ERR_* */
	char		 verify_text[120];
	uint16_t	 version;	/* handshake version used */
};

/* -1 untested, 0 no, 1 yes */
struct scan_features {
	int		 tested;
	uint16_t	 version;	/* version the probe used */
	int		 secure_reneg;
	int		 compression;
	int		 ems;
	int		 ocsp;
	int		 heartbeat;
	int		 ticket;
	int		 mfl;
};

struct scan_feat2 {
	int		 etm;		/* -1 untested (no CBC suite) */
	int		 fallback;	/* 1 honoured, 0 not, -1 untested */
	int		 sni_required;	/* -1 untested (no name) */
	char		 unknown_sni[120];	/* what an unknown name got */
	char		 alpn[256];	/* protocols accepted, comma list */
	int		 alpn_tested;
};

/* resumption (-1 untested, 0 no, 1 yes): two full connections each */
struct scan_resume {
	int		 sid;		/* TLS 1.2 by session ID */
	int		 ticket;	/* TLS 1.2 by ticket (RFC 5077) */
	int		 tls13;		/* TLS 1.3 PSK from a ticket */
};

/* a full handshake, then one more step on the same connection */
struct scan_reneg0 {
	/* client-initiated renegotiation: -1 untested, 0 refused, 1 done */
	int		 client_reneg;
	uint16_t	 reneg_version;
	/* 0-RTT: -1 untested, 0 not offered (no ticket allows early
	 * data), 1 accepted, 2 rejected */
	int		 early;
	uint32_t	 max_early;	/* the ticket's max_early_data_size */
};

/*
 * The parts of a scan, one probe job each (SSL 2.0 ... TLS 1.3 first):
 * what the "not run" list names when -proxy or -starttls failed on a
 * part's connections after every retry.
 */
enum scan_part {
	SP_VERSION0, SP_CERT0 = SP_VERSION0 + SCAN_NVERS,
	SP_RESUME_SID = SP_CERT0 + 3, SP_RESUME_TICKET, SP_RESUME_13,
	SP_EARLY, SP_RENEG, SP_G13, SP_FEAT, SP_G12, SP_DH, SP_SIGS, SP_ETM,
	SP_ALPN, SP_SNI, SP_FALLBACK, SP_N
};

struct scan_finding {
	const char	*severity;	/* high, medium, low, info */
	char		 what[96];
	char		 why[160];
};

struct scan_result {
	char		 target[300];
	struct scan_version v[SCAN_NVERS];	/* SSL 2.0 first */
	struct scan_groups g13;		/* TLS 1.3 groups (HRR) */
	struct scan_groups g12;		/* TLS 1.2 and older ECDHE curves */
	struct scan_dh	 dh;
	struct scan_sigs sigs;
	struct scan_cert certs[3];	/* RSA, ECDSA, EdDSA */
	struct scan_features feat;
	struct scan_feat2 feat2;
	struct scan_resume resume;
	struct scan_reneg0 rz;
	struct scan_finding find[SCAN_MAX_FIND];
	size_t		 nfind;
	int		 nconn;		/* TCP connections opened */
	int		 incomplete;
	char		 incomplete_why[400];
	int		 refused;	/* probes refused at TCP level */
	/* -proxy / -starttls: connections whose plaintext phase failed */
	int		 plain_fails;
	int		 plain_retried;
	char		 plain_class[12];	/* "proxy", "starttls" */
	char		 plain_why[300];	/* the first failure */
	int		 notrun[SP_N];	/* 1: the part could not be run */
	double		 seconds;
	/* set when nothing could be scanned */
	const char	*fail_class;
	char		 fail_text[500];
	int		 fail_exit;
};

/*
 * Run the whole scan against cfg->host:port; cfg->scan_concurrency,
 * scan_delay_ms, timeout_ms and the verification options apply.  The
 * result is allocated and must be freed with free().  Never NULL except
 * out of memory.
 */
struct scan_result *scan_run(const struct config *);
/* Count of findings with severity "high". */
size_t	scan_high(const struct scan_result *);
/* Bits of symmetric key strength of a suite (0 for NULL). */
int	scan_suite_bits(uint16_t code);
/* "TLSv1.2 cipher suites", "ECDSA certificate": what part p tests */
const char *scan_part_label(int p);
/* "TLSv1.2" (s_client spelling), "SSLv2" */
const char *scan_proto(uint16_t version);

#endif
