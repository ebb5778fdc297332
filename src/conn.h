/*
 * conn.h -- one client connection: configuration, record state, handshake
 * state, and the error slot.  The protocol core reads and writes through
 * struct transport only, so tests and fuzzers can drive it from memory.
 */
#ifndef CONN_H
#define CONN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bytestring.h"
#include "keysched.h"
#include "names.h"
#include "sess.h"
#include "tpclock.h"

#define TP_MAX_SUITES	400	/* more than the IANA registry holds */
#define TP_MAX_SUITES13	16
#define TP_MAX_GROUPS	16
#define TP_MAX_SIGALGS	32
#define TP_MAX_CERTS	16
#define TP_MAX_TICKETS	8

struct client_id;
struct x509_tlsa;

struct config {
	char		 host[256];
	char		 port[16];
	char		 servername[256];
	int		 sni;			/* send server_name */
	int		 msg, state, trace, quiet;
	int		 timeout_ms;		/* connect and each read */
	uint16_t	 min_version, max_version;
	uint16_t	 suites[TP_MAX_SUITES];	/* 1.0-1.2 suites, in order */
	size_t		 nsuites;
	uint16_t	 suites13[TP_MAX_SUITES13];	/* 1.3 suites */
	size_t		 nsuites13;
	uint16_t	 groups[TP_MAX_GROUPS];
	size_t		 ngroups;
	uint16_t	 shares[TP_MAX_GROUPS];	/* groups that get a key share */
	size_t		 nshares;
	uint16_t	 sigalgs[TP_MAX_SIGALGS];
	size_t		 nsigalgs;
	int		 no_ems;		/* do not offer extended_master_secret */
	/* encrypt-then-MAC (RFC 7366) */
	int		 no_etm;		/* do not offer encrypt_then_mac */
	int		 no_ticket;
	int		 reneg_scsv;		/* SCSV instead of the extension */
	int		 no_renegotiation;	/* decline HelloRequest, refuse R */
	int		 no_legacy_server;	/* refuse servers without RI */
	const char	*keylogfile;
	const char	*alpn;			/* comma list, or NULL */
	int		 interactive;		/* stdin is a terminal */
	int		 hello_only;		/* probes: stop after ServerHello */
	int		 diagnose;		/* -diagnose: probe after a failure */
	int		 max_probes;
	int		 ign_eof;

	/* certificates (msg_cert.c, x509.c) */
	const char	*cafile;		/* -CAfile */
	const char	*capath;		/* -CApath */
	int		 no_cafile;		/* -no-CAfile */
	int		 no_capath;		/* -no-CApath */
	int		 no_castore;		/* -no-CAstore */
	const char	*verify_hostname;	/* -verify_hostname */
	const char	*verify_ip;		/* -verify_ip */
	int		 verify_return_error;	/* abort on a bad chain */
	int		 showcerts;		/* every certificate as PEM */
	int		 status;		/* -status: ask for OCSP */
	int		 check_expiry;		/* -expire-days given */
	int		 expire_days;
	const char	*cert_file;		/* -cert */
	const char	*key_file;		/* -key */
	const char	*pass;			/* -pass */
	const char	*chain_file;		/* -cert_chain */
	const struct client_id *client;		/* loaded -cert/-key, or NULL */

	/* s_client's output and its remaining options (issue 13) */
	int		 brief;			/* -brief */
	int		 no_middlebox;		/* -no_middlebox */
	size_t		 max_send_frag;		/* -max_send_frag, or 0 */
	const char	*rand_files;		/* -rand file[:file...] */
	const char	*writerand;		/* -writerand file */
	const char	*msgfile;		/* -msgfile file */
	FILE		*msgout;		/* -msg/-trace go here: stdout
						   or the -msgfile */
	int		 tlsextdebug;		/* -tlsextdebug */
	int		 debug;			/* -debug */
	int		 fallback_scsv;		/* -fallback_scsv (RFC 7507) */
	size_t		 record_padding;	/* -record_padding: TLS 1.3 block */
	int		 maxfraglen;		/* -maxfraglen: RFC 6066 code 1-4 */
	int		 enable_pha;		/* -enable_pha (RFC 8446, 4.6.2) */
	uint16_t	 serverinfo[8];		/* -serverinfo types */
	size_t		 nserverinfo;
	const char	*nextprotoneg;		/* -nextprotoneg list (NPN) */
	const char	*keymatexport;		/* -keymatexport label */
	size_t		 keymatexportlen;	/* -keymatexportlen, 20 */
	/* resumption and renegotiation (sess.c, sessfile.c; issue 10) */
	int		 reconnect;		/* -reconnect */
	const char	*sess_in;		/* -sess_in */
	const char	*sess_out;		/* -sess_out */
	int		 allow_no_dhe_kex;	/* offer psk_ke as well */
	int		 nocommands;		/* -nocommands: R, k, K, Q are data */
	const uint8_t	*early_data;		/* -early_data file contents */
	size_t		 early_len;
	int		 early_given;		/* -early_data was given */

	/* legacy key exchanges: pre-shared keys (kex_psk.c, issue 12) */
	uint8_t		 psk[256];		/* -psk, as bytes */
	size_t		 psk_len;		/* 0: none given */
	const char	*psk_identity;		/* -psk_identity */
	/* TLS 1.3 external PSK (RFC 8446, 4.2.11; psk13): from -psk or
	 * -psk_session, the suite fixing its hash; NULL: none */
	const char	*psk_sess_file;		/* -psk_session */
	const struct tp_session *ext_psk;

	/* verification options as s_client's (x509.c; issue 13) */
	const char	*castore;		/* -CAstore */
	const char	*vfy_cafile;		/* -verifyCAfile */
	const char	*vfy_capath;		/* -verifyCApath */
	const char	*vfy_castore;		/* -verifyCAstore */
	const char	*chain_cafile;		/* -chainCAfile */
	const char	*chain_capath;		/* -chainCApath */
	const char	*chain_castore;		/* -chainCAstore */
	int		 build_chain;		/* -build_chain */
	const char	*crlfile;		/* -CRL */
	int		 crl_download;		/* -crl_download */
	int		 verify_quiet;		/* -verify_quiet */
	int		 verify_limit;		/* -verify N, or -1 */
	int		 verify_depth;		/* -verify_depth N, or -1 */
	unsigned long	 vflags;		/* -crl_check, -x509_strict ... */
	int		 purpose;		/* -purpose, X509_PURPOSE id; 0 */
	const char	*verify_name;		/* -verify_name */
	const char	*policy;		/* -policy */
	const char	*verify_email;		/* -verify_email */
	long long	 attime;		/* -attime, or 0 */
	int		 auth_level;		/* -auth_level n, or -1 */
	const char	*tlsa_domain;		/* -dane_tlsa_domain */
	const struct x509_tlsa *tlsa;		/* -dane_tlsa_rrdata */
	size_t		 ntlsa;
	int		 dane_ee_no_names;	/* -dane_ee_no_namechecks */
	const char	*req_cafile;		/* -requestCAfile */
	const uint8_t	*req_ca_names;		/* its subjects: DN<1..2^16-1>... */
	size_t		 req_ca_names_len;
	/* security level (issue 12, item 4) */
	int		 seclevel;		/* @SECLEVEL=n, or -1: not given */
	int		 suiteb;		/* -cipher SUITEB...: CS_SUITEB_* */
	int		 explicit_legacy;	/* -tls1/-tls1_1 or -cipher given */
	/* broken server crypto (issue 12, item 5) */
	int		 strict;		/* -strict: weak-crypto is fatal */
	/* signature_algorithms_cert (issue 12, item 6) */
	uint16_t	 cert_sigalgs[TP_MAX_SIGALGS];	/* -cert_sigalgs */
	size_t		 ncert_sigalgs;		/* 0: no signature_algorithms_cert */
	/* -client_sigalgs: schemes for our CertificateVerify (0: any) */
	uint16_t	 client_sigalgs[TP_MAX_SIGALGS];
	size_t		 nclient_sigalgs;
	int		 ct;			/* -ct: ask for and show SCTs */
	const char	*ctlogfile;		/* -ctlogfile: CT log list */

	/* before TLS: connection options, HTTP proxy, STARTTLS (net.c,
	   proxy.c, starttls.c) */
	int		 starttls;		/* -starttls: protocol, 0 = none */
	const char	*protohost;		/* -name / -xmpphost */
	int		 family;		/* -4 / -6: AF_INET(6); 0 = any */
	int		 crlf;			/* -crlf: LF from stdin -> CRLF */
	int		 port_given;		/* -connect / -port named a port */
	char		 bind_host[256];	/* -bind host:port; "" = any */
	char		 bind_port[16];
	char		 proxy_host[256];	/* -proxy host:port; "" = none */
	char		 proxy_port[16];
	const char	*proxy_user;		/* -proxy_user */
	const char	*proxy_pass;		/* -proxy_pass arg */
	const char	*proxy_auth;		/* base64 "user:pass" (main) */
	/* machine-readable output, CI assertions, batch (issue 14) */
	int		 json;			/* -json: JSON Lines on stdout */
	int		 timestamps;		/* -timestamps */
	uint16_t	 expect_version;	/* -expect-version, or 0 */
	uint16_t	 expect_min_version;	/* -expect-min-version, or 0 */
	const char	*expect_cipher;		/* -expect-cipher */
	const char	*expect_group;		/* -expect-group */
	const char	*expect_alpn;		/* -expect-alpn */
	int		 expect_verify;		/* -expect-verify, or -1 */
	const char	*targets;		/* -targets FILE, or NULL */
	int		 concurrency;		/* -concurrency N */
	int		 noservername;		/* -noservername given */
	/* -scan (scan.c, issue 15) */
	int		 scan;			/* -scan */
	int		 scan_concurrency;	/* -scan-concurrency N */
	int		 scan_delay_ms;		/* -scan-delay MS */
};

struct transport {
	/* read up to len bytes; 0 and *got > 0, or an error (TP_E_CLOSED ...) */
	int	(*read)(void *ctx, uint8_t *buf, size_t len, size_t *got);
	/* write all len bytes in one go */
	int	(*write)(void *ctx, const uint8_t *buf, size_t len);
	void	 *ctx;
};

struct rprot;
struct kex_share;
struct peer_key;
struct tp_event;

/* Where the handshake is, for -state and for failure messages. */
enum hs_state {
	ST_START, ST_WROTE_CH, ST_READ_HRR, ST_WROTE_CH2, ST_READ_SH,
	ST_READ_EE, ST_READ_CERT, ST_READ_SKE, ST_READ_CR, ST_READ_SHD,
	ST_READ_CV, ST_WROTE_CLIENT_FLIGHT, ST_READ_CCS, ST_READ_FIN,
	ST_DONE, ST_DATA,
};

struct conn {
	const struct config *cfg;
	struct transport io;

	/* record layer */
	uint8_t		*rbuf;		/* raw bytes received, not yet used */
	size_t		 rlen;
	size_t		 rcap;
	uint8_t		*plain;		/* current decrypted record */
	size_t		 plaincap;
	struct cbb	 out;		/* the flight being built */
	uint16_t	 wire_version;	/* version in the headers we send */
	struct rprot	*rd, *wr;
	uint64_t	 rseq, wseq;
	int		 rd_tls13, wr_tls13;
	int		 got_any;	/* any byte received at all */
	size_t		 rec_limit;	/* max plaintext per record */
	uint64_t	 bytes_read;
	uint64_t	 bytes_written;
	int		 tickets;	/* NewSessionTickets received */
	uint8_t		 first_bytes[64];	/* for "not TLS" diagnosis */
	size_t		 nfirst;

	/* handshake reassembly */
	uint8_t		*hs;
	size_t		 hslen;
	size_t		 hscap;
	size_t		 hsoff;		/* start of the next message */

	/* negotiation */
	enum hs_state	 state;
	uint16_t	 version;	/* negotiated, 0 before ServerHello */
	const struct tp_suite *suite;
	uint8_t		 client_random[32];
	uint8_t		 server_random[32];
	uint8_t		 session_id[32];
	size_t		 session_id_len;
	uint8_t		 server_sid[32];
	size_t		 server_sid_len;
	int		 ems;		/* extended master secret in use */
	int		 etm;		/* encrypt-then-MAC in use (RFC 7366) */
	int		 etm_once;	/* it was, on this connection (3.1) */
	int		 secure_reneg;
	int		 hrr;		/* a HelloRetryRequest was received */
	int		 ccs_seen;	/* TLS 1.3: the compatibility CCS came */
	uint16_t	 hrr_group;
	uint8_t		*cookie;
	size_t		 cookie_len;
	uint16_t	 kex_group;	/* group used for (EC)DHE */
	int		 kex_bits;
	int		 cert_requested;
	char		 peer_key_desc[64];
	int		 peer_key_bits;
	const struct tp_sigscheme *peer_sigscheme;
	uint16_t	 offered_exts[48];
	size_t		 noffered_exts;
	struct kex_share *shares[TP_MAX_GROUPS];
	uint16_t	 share_groups[TP_MAX_GROUPS];
	size_t		 nshares;
	struct peer_key	*peer_key;
	uint8_t		*certs[TP_MAX_CERTS];	/* DER, as received */
	size_t		 certlens[TP_MAX_CERTS];
	size_t		 ncerts;
	char		 alpn[256];

	/* server authentication (msg_cert.c) */
	int		 verified;		/* the chain check ran */
	int		 verify_code;		/* X509_V_OK or X509_V_ERR_* */
	int		 verify_depth;
	char		 verify_subject[256];	/* certificate at fault */
	char		 verified_peername[256];
	int		 dane_depth;		/* DANE: depth matched, or -1 */
	char		 dane_line[256];	/* s_client's "DANE TLSA ..." */
	int		 ocsp_state;		/* enum ocsp_status (x509.h) */
	uint8_t		*sct_list;		/* -ct: TLS SignedCertificate- */
	size_t		 sct_list_len;		/*  TimestampList, as received */
	uint8_t		*ocsp_resp;		/* -ct: the stapled OCSP response */
	size_t		 ocsp_resp_len;
	int		 ocsp_verified;
	char		 ocsp_text[512];
	/* CertificateRequest, as received */
	uint8_t		 cr_types[16];
	size_t		 ncr_types;
	uint16_t	 cr_sigalgs[64];
	size_t		 ncr_sigalgs;
	char		 cr_ca_names[2048];	/* one name a line */
	size_t		 ncr_ca_names;
	/* our client certificate */
	int		 client_cert_sent;
	const struct tp_sigscheme *client_sigscheme;
	/* PSK key exchanges (RFC 4279): the server's identity hint */
	int		 has_psk_hint;
	char		 psk_hint[256];		/* printable, truncated */

	struct transcript ts;
	uint8_t		 master[48];		/* TLS 1.0-1.2 */
	struct tls13_secrets s13;
	uint8_t		 c_ap[TP_MAX_HASH];	/* current 1.3 traffic secrets */
	uint8_t		 s_ap[TP_MAX_HASH];

	/* resumption (sess.h) */
	const struct tp_session *resume;	/* offered, or NULL */
	int		 resumed;		/* the server took it */
	int		 psk_offered;		/* TLS 1.3 pre_shared_key sent */
	int		 psk_ke;		/* TLS 1.3 resumed without (EC)DHE */
	int		 ext_offered;		/* external PSK in pre_shared_key */
	int		 ext_used;		/* the server selected it */
	struct tp_session *sess;		/* this connection's session */
	struct tp_session *tickets13[TP_MAX_TICKETS];	/* TLS 1.3 tickets */
	size_t		 ntickets13;
	char		 no_resume[256];	/* why the offer was not taken */
	uint64_t	 hello_sent_ms;		/* first ClientHello flushed */
	uint64_t	 rtt_ms;		/* until the server's reply */
	/* renegotiation (RFC 5746): the last Finished of each side */
	uint8_t		 client_vd[12];
	uint8_t		 server_vd[12];
	int		 renegotiating;
	int		 renegotiations;
	/* application data the server sends during a renegotiation, before
	   its ChangeCipherSpec (hsbuf.c): where it goes (session.c; NULL:
	   refused), how much came (capped), whether the CCS came */
	int		(*on_appdata)(struct conn *, const uint8_t *, size_t);
	uint64_t	 reneg_appdata;
	int		 reneg_ccs;
	/* 0-RTT (RFC 8446, 4.2.10) */
	int		 early_offered;		/* early_data in the ClientHello */
	int		 early_accepted;	/* and in EncryptedExtensions */
	size_t		 early_sent;		/* bytes */
	int		 ccs_sent;		/* compatibility CCS went out */

	/* error slot: the first failure wins */
	int		 err;
	char		 why[512];
	int		 sent_alert;
	int		 peer_alert;		/* description, or -1 */
	int		 peer_alert_level;
	int		 peer_closed;
	int		 os_errno;
	int		 close_notify_rcvd;
	const char	*fail_class;		/* set by tp_fail_class */

	/* output in s_client's shape (trace.c, session.c) */
	const char	*state_pending;		/* -state line due after the
						   received message */
	uint8_t		 point_formats[8];	/* the server's ec_point_formats */
	size_t		 npoint_formats;
	int		 npn_status;		/* NPN: 0 none, 1 negotiated,
						   2 no overlap (OpenSSL's) */
	char		 npn[256];		/* the protocol chosen */
	uint8_t		 serverinfo[2048];	/* -serverinfo answers: type,
						   length, data, ... */
	size_t		 serverinfo_len;
	/* where events go (event.h): main's printers, or NULL for none */
	void		(*on_event)(struct conn *, const struct tp_event *);
	/* diagnosis (diag.c): the message being processed, or -1 */
	int		 cur_msg;
	FILE		*keylog;
	/* phase timings (issue 14): CLOCK_MONOTONIC us, 0 = not reached */
	int64_t		 t_begin;		/* name resolution started */
	int64_t		 t_phase[PH_COUNT];
};

/*
 * Record a failure: the first call sets the reason (printf-style) and
 * returns err unchanged, so `return tp_fail(c, TP_E_DECODE, "...")` works.
 */
int	tp_fail(struct conn *, int err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * Why a message parser refused a message.  Parsers see the connection
 * read-only (what we offered, the version) and write only their message
 * struct and this; the state machine that owns the connection files it
 * with tp_fail_reason().  The compiler holds parsers to that.
 */
struct tp_reason {
	char		 text[512];
};
/* Set the reason (printf-style) and return err, as tp_fail() does. */
int	tp_reason(struct tp_reason *, int err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* tp_fail() with a parser's reason. */
int	tp_fail_reason(struct conn *, int err, const struct tp_reason *);

void	conn_init(struct conn *, const struct config *, const struct transport *);
void	conn_free(struct conn *);
/* Free our key shares (after use, or before making new ones). */
void	conn_free_shares(struct conn *);

#endif
