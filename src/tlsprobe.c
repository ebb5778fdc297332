/*
 * tlsprobe.c -- command line, set-up, and the one place that exits.
 */
#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sys/socket.h>

#include <arpa/inet.h>

#include <openssl/rand.h>
#include <openssl/evp.h>

#include "cipherstr.h"
#include "conn.h"
#include "batch.h"
#include "diag.h"
#include "expect.h"
#include "handshake.h"
#include "kex.h"
#include "keysched.h"
#include "hs_cert.h"
#include "names.h"
#include "net.h"
#include "ossl.h"
#include "probe.h"
#include "record.h"
#include "scan.h"
#include "scanprint.h"
#include "sess.h"
#include "sessfile.h"
#include "session.h"
#include "sopts.h"
#include "starttls.h"
#include "trace.h"
#include "trace_json.h"
#include "tpclock.h"
#include "tperr.h"
#include "x509.h"

static void __attribute__((noreturn))
usage(FILE *f, int code)
{
	fputs(
"usage: tlsprobe -connect host[:port] [options]  (or: [options] host:port)\n"
"  -connect host:port   server to probe (port 443 by default; [v6]:port)\n"
"  -servername name     SNI name (default: the host, unless an IP address)\n"
"  -noservername        send no SNI\n"
"  -msg                 show every record and message as hex\n"
"  -state               show each handshake state\n"
"  -trace               decode every handshake message field by field\n"
"  -quiet               no summary, only application data and errors\n"
"  -brief               only s_client's short summary, on stderr\n"
"  -timeout sec         connect and read timeout (default 10)\n"
"  -tls1 -tls1_1 -tls1_2 -tls1_3  offer this version; several add up\n"
"                       (default: TLS 1.2 and 1.3)\n"
"  -ssl3 -no_ssl3       offer SSL 3.0 (never by default) / not it\n"
"  -no_tls1 -no_tls1_1 -no_tls1_2 -no_tls1_3  do not offer this version\n"
"  -min_protocol ver -max_protocol ver     bounds (TLSv1 ... TLSv1.3)\n"
"  -cipher str          TLS 1.2 and older suites: an OpenSSL cipher string\n"
"                       (ALL, HIGH, ECDHE+AESGCM:!aNULL, ...; IANA names too)\n"
"  -ciphersuites list   TLS 1.3 suites\n"
"  -list_ciphers        print the suites -cipher/-ciphersuites select, exit\n"
"  -groups list         groups to offer; '*' marks those sent key shares\n"
"  -sigalgs list        signature schemes to offer (rsa_pss_rsae_sha256\n"
"                       or RSA-PSS+SHA256)\n"
"  -client_sigalgs list signature schemes our CertificateVerify may use\n"
"  -cert_sigalgs list   send signature_algorithms_cert with this list\n"
"  -alpn list           comma-separated ALPN protocols\n"
"  -no_ems              do not offer extended_master_secret\n"
"  -no_etm              do not offer encrypt_then_mac (RFC 7366)\n"
"  -no_ticket           do not offer session_ticket\n"
"  -legacy_server_connect  signal renegotiation with the SCSV, not the\n"
"                       extension\n"
"  -no_legacy_server_connect  fail when a TLS 1.2 or older server lacks\n"
"                       secure renegotiation (RFC 5746)\n"
"  -no_renegotiation    decline the server's HelloRequest; R is refused\n"
"  -keylogfile file     append NSS key log lines for Wireshark\n"
"  -diagnose            after a failure, probe the server to pin the cause\n"
"  -scan                list what the server accepts: versions, suites in its\n"
"                       order, groups, signature schemes, certificates,\n"
"                       features, findings (exit 7: high-severity findings)\n"
"  -scan-concurrency N  -scan: probes at once (1-16, default 4)\n"
"  -scan-delay MS       -scan: pause before each probe connection\n"

"  -max_probes n        at most n probe connections (default 16)\n"
"  -ign_eof             keep the connection open at end of input\n"
"  -CAfile file         trust the CA certificates in this PEM file\n"
"  -CApath dir          trust the CA certificates in this hashed directory\n"
"  -no-CAfile           leave out the system's CA bundle file\n"
"  -no-CApath -no-CAstore  together: leave out the system's CA directory\n"
"  -verify_hostname name  the name the certificate must carry (default:\n"
"                       the SNI name, or the IP address of -connect)\n"
"  -verify_ip ip        the IP address the certificate must carry\n"
"  -verify_return_error abort the handshake when verification fails\n"
"  -expire-days n       fail when the certificate expires within n days\n"
"  -showcerts           print every certificate the server sent as PEM\n"
"  -status              ask for a stapled OCSP response and check it\n"
"  -cert file           client certificate (PEM)\n"
"  -key file            its private key (PEM; default: the -cert file)\n"
"  -pass arg            key password: pass:text, env:VAR or file:path\n"
"  -cert_chain file     more certificates to send after the client's\n"
"  -psk hex             pre-shared key: PSK suites, TLS 1.3 external PSK\n"
"  -psk_identity id     PSK identity to send (default Client_identity)\n"
"  -psk_session file    TLS 1.3 external PSK from an SSL_SESSION PEM file\n",
	    f);
	fputs(
"  -certform -keyform -CRLform DER|PEM  accepted; the format is detected\n"
"  -CAstore uri         trust the CA certificates in this OSSL_STORE URI\n"
"  -verifyCAfile file -verifyCApath dir -verifyCAstore uri\n"
"                       verify the server against these alone\n"
"  -chainCAfile file -chainCApath dir -chainCAstore uri\n"
"                       where -build_chain finds the client's CAs\n"
"  -build_chain         complete the client's chain before sending it\n"
"  -verify n            errors deeper than n end the verification\n"
"  -verify_depth n      chains longer than n do not verify\n"
"  -verify_quiet        depth= lines only for errors\n"
"  -verify_email addr   the e-mail address the certificate must carry\n"
"  -verify_name name    verification parameters (ssl_server, default...)\n"
"  -purpose name        certificate purpose (sslserver, any, ...)\n"
"  -attime secs         verify at this time (seconds since 1970)\n"
"  -auth_level n        security level for the chain's keys and digests\n"
"  -crl_check -crl_check_all  check the leaf's (all) CRLs\n"
"  -CRL file            CRLs to check against (PEM or DER)\n"
"  -crl_download        fetch CRLs from their distribution points (HTTP)\n"
"  -x509_strict -partial_chain -trusted_first -no_alt_chains\n"
"  -ignore_critical -check_ss_sig -policy_check -explicit_policy\n"
"  -inhibit_any -inhibit_map -use_deltas -extended_crl -no_check_time\n"
"  -allow_proxy_certs -issuer_checks -policy_print -policy oid\n"
"                       as openssl verify\n"
"  -nameopt opts        how names are printed (oneline, RFC2253, ...)\n"
"  -dane_tlsa_domain name  authenticate with DANE TLSA records\n"
"  -dane_tlsa_rrdata rr one TLSA record: \"usage selector mtype hex\"\n"
"  -dane_ee_no_namechecks  a DANE-EE match needs no name match\n"
"  -strict              broken server crypto (weak-crypto) is fatal\n"
"  -ct -noct           ask for and show (or not) Certificate Transparency\n"
"                       SCTs\n"
"  -ctlogfile file      CT log list (default: OpenSSL's ct_log_list.cnf)\n"
"  -requestCAfile file  send these CAs' names (TLS 1.3\n"
"                       certificate_authorities)\n",
	    f);
	fputs(
"  -no_middlebox        TLS 1.3 without the middlebox compatibility mode\n"
"  -max_send_frag n     send records of at most n bytes (512-16384)\n"
"  -msgfile file        write the -msg and -trace lines to file\n"
"  -tlsextdebug         print each extension the server sent, in hex\n"
"  -debug               print every socket read and write, in hex\n"
"  -fallback_scsv       send TLS_FALLBACK_SCSV (RFC 7507)\n"
"  -record_padding n    pad TLS 1.3 records to a multiple of n bytes\n"
"  -maxfraglen n        ask for records of at most n bytes (512-4096)\n"
"  -enable_pha          answer a TLS 1.3 post-handshake CertificateRequest\n"
"  -nextprotoneg list   offer NPN (TLS 1.2) with these protocols\n"
"  -serverinfo types    send these empty extensions (TLS 1.2), print the\n"
"                       answers as s_client's SERVERINFO blocks\n"
"  -keymatexport label  print keying material exported with this label\n"
"  -keymatexportlen n   export n bytes (default 20)\n"
"  -rand file[:file]    mix these files into the random generator\n"
"  -writerand file      write random state to file at exit\n"
"  -starttls proto      STARTTLS first: smtp, pop3, imap, ftp, xmpp,\n"
"                       xmpp-server, telnet, irc, mysql, postgres, lmtp,\n"
"                       nntp, sieve, ldap (-connect port: the protocol's)\n"
"  -name host           EHLO/LHLO name, XMPP 'to' (-xmpphost: the same)\n"
"  -proxy host:port     connect through this HTTP proxy (CONNECT)\n"
"  -proxy_user user     proxy Basic credentials: user name\n"
"  -proxy_pass arg      ... and password: pass:text, env:VAR, file:path\n"
"  -4 -6                IPv4 only / IPv6 only\n"
"  -bind host:port      local address to connect from\n"
"  -host host -port n   the old form of -connect host:port\n"
"  -crlf                send LF from standard input as CRLF\n"
"  -reconnect           after the first handshake, reconnect five times\n"
"                       resuming its session (Reused/New per connection)\n"
"  -sess_out file       write the session (OpenSSL's SSL SESSION PEM)\n"
"  -sess_in file        resume the session in this file\n"
"  -allow_no_dhe_kex    TLS 1.3: offer psk_ke (resumption without (EC)DHE)\n"
"  -early_data file     TLS 1.3: send file as 0-RTT data when resuming\n"
"                       (-sess_in, -reconnect) with a ticket that allows it,\n"
"                       or with a -psk_session whose session allows it\n"
"  -nocommands          input lines starting R, k, K, Q are data, not\n"
"                       commands (renegotiate, key update, quit)\n"
"  -json                JSON Lines on stdout, one object per event\n"
"  -timestamps          prefix -msg/-trace/-state lines ssldump-style\n"
"  -expect-version v -expect-min-version v  fail (class expect, exit 5)\n"
"                       unless this (or at least this) version is chosen\n"
"  -expect-cipher name -expect-group name -expect-alpn proto\n"
"  -expect-verify code  the same for the suite, group, ALPN, verify code\n"
"  -targets file        probe every 'host[:port] [servername]' line of\n"
"                       file ('-': stdin) in one process\n"
"  -concurrency n       targets probed at once (default 8)\n"
"  (other s_client options: accepted and ignored, or refused with a\n"
"  reason; see COMPATIBILITY in the man page)\n"
	    ,
	    f);
	fputs(
"  -help                this text\n"
"exit status: 0 ok, 1 handshake failed, 2 usage, 3 cannot connect,\n"
"4 certificate verification or -expire-days check failed, 5 an -expect-\n"
"option failed, 6 a -targets run with a target that failed\n", f);
	exit(code);
}

static void __attribute__((noreturn))
bad_usage(const char *fmt, const char *arg)
{
	/* as s_client: the error, then where the options are described */
	fprintf(stderr, "tlsprobe: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, "tlsprobe: Use -help for summary.\n");
	exit(EXIT_USAGE);
}

#define V_MASK(v)	(1u << ((v) - SSL3_VERSION))

/*
 * "host:port", "[v6]:port", "host", bare IPv6: host into host, port (when
 * present) into port.  Returns 1 when a port was given.
 */
static int
split_hostport(const char *opt, const char *arg, char *host, size_t hostlen,
    char *port, size_t portlen, int empty_host_ok)
{
	const char *colon, *rb;
	size_t hl;
	int given = 0;

	if (arg[0] == '[') {
		if ((rb = strchr(arg, ']')) == NULL)
			bad_usage("%s: missing ']'", opt);
		hl = (size_t)(rb - arg - 1);
		if (hl == 0 || hl >= hostlen)
			bad_usage("%s: bad host", opt);
		memcpy(host, arg + 1, hl);
		host[hl] = '\0';
		if (rb[1] == ':') {
			strlcpy(port, rb + 2, portlen);
			given = 1;
		} else if (rb[1] != '\0')
			bad_usage("%s: junk after ']'", opt);
	} else {
		colon = strrchr(arg, ':');
		if (colon != NULL && strchr(arg, ':') != colon)
			colon = NULL;
		hl = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
		if ((hl == 0 && !empty_host_ok) || hl >= hostlen)
			bad_usage("%s: bad host", opt);
		memcpy(host, arg, hl);
		host[hl] = '\0';
		if (colon != NULL) {
			strlcpy(port, colon + 1, portlen);
			given = 1;
		}
	}
	if (given && port[0] == '\0')
		bad_usage("%s: empty port", opt);
	return given;
}

/* -name, -proxy_user: go into protocol lines, so no control characters */
static const char *
plain_arg(const char *opt, const char *arg)
{
	const unsigned char *p;

	for (p = (const unsigned char *)arg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			bad_usage("%s: control characters are not allowed",
			    opt);
	if (*arg == '\0' || strlen(arg) > 255)
		bad_usage("%s: needs 1 to 255 characters", opt);
	return arg;
}

static void
parse_connect(struct config *cfg, const char *arg)
{
	const char *colon, *rb;
	size_t hl;

	if (arg[0] == '[') {
		if ((rb = strchr(arg, ']')) == NULL)
			bad_usage("-connect %s: missing ']'", arg);
		hl = (size_t)(rb - arg - 1);
		if (hl == 0 || hl >= sizeof(cfg->host))
			bad_usage("-connect %s: bad host", arg);
		memcpy(cfg->host, arg + 1, hl);
		cfg->host[hl] = '\0';
		if (rb[1] == ':') {
			strlcpy(cfg->port, rb + 2, sizeof(cfg->port));
			cfg->port_given = 1;
		} else if (rb[1] != '\0')
			bad_usage("-connect %s: junk after ']'", arg);
	} else {
		colon = strrchr(arg, ':');
		/* a bare IPv6 address has several colons and no port */
		if (colon != NULL && strchr(arg, ':') != colon)
			colon = NULL;
		hl = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
		if (hl == 0 || hl >= sizeof(cfg->host))
			bad_usage("-connect %s: bad host", arg);
		memcpy(cfg->host, arg, hl);
		cfg->host[hl] = '\0';
		if (colon != NULL) {
			strlcpy(cfg->port, colon + 1, sizeof(cfg->port));
			cfg->port_given = 1;
		}
	}
	if (cfg->port[0] == '\0')
		bad_usage("-connect %s: empty port", arg);
}

static int
split_next(char **p, char *tok, size_t toklen)
{
	size_t n;

	while (**p == ':' || **p == ',' || **p == ' ')
		(*p)++;
	if (**p == '\0')
		return 0;
	n = strcspn(*p, ":, ");
	if (n >= toklen)
		n = toklen - 1;
	memcpy(tok, *p, n);
	tok[n] = '\0';
	*p += strcspn(*p, ":, ");
	return 1;
}

/*
 * -cipher: OpenSSL's cipher-string language (cipherstr.c).  Suites the
 * engine cannot complete are offered only when named; a keyword that
 * selects some leaves them out and says so.
 */
static void
parse_ciphers(struct config *cfg, const char *list, int tls13)
{
	static uint16_t codes[TP_MAX_SUITES];
	static uint8_t named[TP_MAX_SUITES];
	struct cs_list l = { codes, named, TP_MAX_SUITES, 0, -1, "",
	    CS_SUITEB_NONE };
	const struct tp_suite *s;
	char err[256];
	size_t i, dropped = 0;
	int r;

	if (tls13) {
		if (cipherstr_tls13(list, cfg->suites13, TP_MAX_SUITES13,
		    &cfg->nsuites13, err, sizeof(err)) != 0)
			bad_usage("-ciphersuites: %s", err);
		return;
	}
	/* "@SECLEVEL=n" alone selects nothing: the defaults at that level */
	if ((r = cipherstr_expand(list, &l, err, sizeof(err))) != 0 &&
	    !(r == -2 && l.seclevel >= 0))
		bad_usage("-cipher: %s", err);
	if (l.unknown[0] != '\0')
		fprintf(stderr, "tlsprobe: -cipher: '%s' names no cipher suite "
		    "or keyword; ignored (as OpenSSL does)\n", l.unknown);
	if (l.seclevel >= 0)
		cfg->seclevel = l.seclevel;
	cfg->suiteb = l.suiteb;
	cfg->nsuites = 0;
	for (i = 0; i < l.n; i++) {
		s = suite_by_code(codes[i]);
		if (s == NULL || (suite_gap(s) != NULL && !named[i])) {
			dropped++;
			continue;
		}
		cfg->suites[cfg->nsuites++] = codes[i];
	}
	if (l.n == 0 && l.seclevel >= 0)
		for (i = 0; i < tp_nsuites; i++) {
			s = &tp_suites[i];
			if (s->dflt && s->kex != KEX_TLS13 &&
			    cfg->nsuites < TP_MAX_SUITES)
				cfg->suites[cfg->nsuites++] = s->code;
		}
	cfg->explicit_legacy = 1;
	if (cfg->nsuites == 0)
		bad_usage("-cipher: tlsprobe cannot complete any of the suites "
		    "'%s' selects (-list_ciphers shows why; name a suite to "
		    "offer it anyway)", list);
	if (dropped > 0 && !cfg->quiet)
		fprintf(stderr, "tlsprobe: -cipher: %zu of the %zu suites "
		    "selected are left out, tlsprobe cannot complete them "
		    "(-list_ciphers shows which; name one to offer it "
		    "anyway)\n", dropped, l.n);
}

/*
 * Suite B mode (RFC 6460), as libssl applies its SUITEB cipher strings:
 * the curves and ECDSA schemes of the level replace -groups and -sigalgs,
 * and the chain is checked with the level's X509_V_FLAG_SUITEB_* flag.
 */
static void
apply_suiteb(struct config *cfg)
{
	int p384 = cfg->suiteb == CS_SUITEB_192;
	int both = cfg->suiteb == CS_SUITEB_128 ||
	    cfg->suiteb == CS_SUITEB_128C2;

	cfg->ngroups = cfg->nshares = cfg->nsigalgs = 0;
	if (!p384) {
		cfg->groups[cfg->ngroups++] = 0x0017;		/* P-256 */
		cfg->sigalgs[cfg->nsigalgs++] = 0x0403;
	}
	if (p384 || both) {
		cfg->groups[cfg->ngroups++] = 0x0018;		/* P-384 */
		cfg->sigalgs[cfg->nsigalgs++] = 0x0503;
	}
	cfg->shares[cfg->nshares++] = cfg->groups[0];
	/* the flags of s_client's -suiteB_192, -suiteB_128, -suiteB_128_only */
	(void)x509_verify_flag(p384 ? "-suiteB_192" : both ? "-suiteB_128" :
	    "-suiteB_128_only", &cfg->vflags);
}

/* -list_ciphers: the expansion, as `openssl ciphers -v` lists it. */
static void __attribute__((noreturn))
list_ciphers(const struct config *cfg, const char *list)
{
	static uint16_t codes[TP_MAX_SUITES];
	static uint8_t named[TP_MAX_SUITES];
	struct cs_list l = { codes, named, TP_MAX_SUITES, 0, -1, "",
	    CS_SUITEB_NONE };
	const struct tp_suite *s;
	const char *gap;
	char err[256];
	size_t i;
	int r;

	for (i = 0; i < cfg->nsuites13; i++)
		if ((s = suite_by_code(cfg->suites13[i])) != NULL)
			printf("%-31s %-7s %s\n", s->ossl,
			    cipherstr_min_version(s), s->iana);
	if (list != NULL && (r = cipherstr_expand(list, &l, err,
	    sizeof(err))) != 0) {
		if (r != -2 || l.seclevel < 0)
			bad_usage("-cipher: %s", err);
		list = NULL;	/* "@SECLEVEL=n" alone: the defaults */
	}
	if (list == NULL)
		for (i = 0; i < cfg->nsuites; i++)
			codes[l.n++] = cfg->suites[i];
	for (i = 0; i < l.n; i++) {
		if ((s = suite_by_code(codes[i])) == NULL)
			continue;
		gap = named[i] || list == NULL ? NULL : suite_gap(s);
		printf("%-31s %-7s %s%s%s%s\n", s->ossl,
		    cipherstr_min_version(s), s->iana,
		    gap != NULL ? " (not offered: " : "",
		    gap != NULL ? gap : "", gap != NULL ? ")" : "");
	}
	if (l.seclevel >= 0)
		printf("security level %d\n", l.seclevel);
	exit(EXIT_OK);
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* -psk: the key in hex, as s_client takes it (RFC 4279 keys) */
static void
parse_psk(struct config *cfg, const char *hex)
{
	size_t n = strlen(hex), i;
	int hi, lo;

	if (n == 0 || n % 2 != 0 || n / 2 > sizeof(cfg->psk))
		bad_usage("-psk: '%s' is not an even number of hex digits "
		    "(1 to 256 bytes)", hex);
	for (i = 0; i < n / 2; i++) {
		hi = hexval(hex[2 * i]);
		lo = hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			bad_usage("-psk: '%s' is not hex", hex);
		cfg->psk[i] = (uint8_t)(hi << 4 | lo);
	}
	cfg->psk_len = n / 2;
}

static void
parse_groups(struct config *cfg, const char *list)
{
	char tok[64], buf[1024], *p = buf, *name;
	const struct tp_group *g;

	strlcpy(buf, list, sizeof(buf));
	cfg->ngroups = cfg->nshares = 0;
	while (split_next(&p, tok, sizeof(tok))) {
		name = tok[0] == '*' ? tok + 1 : tok;
		if ((g = group_by_name(name)) == NULL)
			bad_usage("unknown group '%s'", name);
		if (cfg->ngroups == TP_MAX_GROUPS)
			bad_usage("too many groups in '%s'", list);
		cfg->groups[cfg->ngroups++] = g->code;
		if (tok[0] == '*')
			cfg->shares[cfg->nshares++] = g->code;
	}
	if (cfg->ngroups == 0)
		bad_usage("no group in '%s'", list);
	if (cfg->nshares == 0)
		cfg->shares[cfg->nshares++] = cfg->groups[0];
}

/* RFC 8446 names (rsa_pss_rsae_sha256) or OpenSSL's (RSA-PSS+SHA256) */
static size_t
parse_sigalgs(uint16_t *out, const char *list)
{
	char tok[64], buf[1024], *p = buf;
	const struct tp_sigscheme *s;
	size_t n = 0;

	strlcpy(buf, list, sizeof(buf));
	while (split_next(&p, tok, sizeof(tok))) {
		if ((s = sigscheme_by_name(tok)) == NULL)
			bad_usage("unknown signature scheme '%s'", tok);
		if (n < TP_MAX_SIGALGS)
			out[n++] = s->code;
	}
	if (n == 0)
		bad_usage("no signature scheme in '%s'", list);
	return n;
}

static void
defaults(struct config *cfg)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	strlcpy(cfg->port, "443", sizeof(cfg->port));
	cfg->sni = 1;
	cfg->timeout_ms = 10000;
	cfg->scan_concurrency = 4;
	cfg->max_probes = PROBE_MAX;
	cfg->keymatexportlen = 20;	/* s_client's default */
	cfg->verify_limit = cfg->verify_depth = cfg->auth_level = -1;
	cfg->seclevel = -1;
	cfg->expect_verify = -1;
	cfg->concurrency = BATCH_DEFAULT;
	for (i = 0; i < tp_nsuites; i++) {
		if (!tp_suites[i].dflt)
			continue;
		if (tp_suites[i].kex == KEX_TLS13)
			cfg->suites13[cfg->nsuites13++] = tp_suites[i].code;
		else if (cfg->nsuites < TP_MAX_SUITES)
			cfg->suites[cfg->nsuites++] = tp_suites[i].code;
	}
	for (i = 0; i < tp_ngroups; i++)
		if (tp_groups[i].dflt)
			cfg->groups[cfg->ngroups++] = tp_groups[i].code;
	cfg->shares[cfg->nshares++] = 0x001d;	/* X25519 */
	for (i = 0; i < tp_nsigschemes; i++)
		if (tp_sigschemes[i].dflt)
			cfg->sigalgs[cfg->nsigalgs++] = tp_sigschemes[i].code;
}

/*
 * DHE-DSS suites named with -cipher: offer the DSA schemes too (not in
 * the default list), as s_client does, or a TLS 1.2 server has no way to
 * sign its ServerKeyExchange.
 */
static void
add_dss_sigalgs(struct config *cfg)
{
	const struct tp_suite *s;
	size_t i, dss = 0;

	for (i = 0; i < cfg->nsuites; i++)
		if ((s = suite_by_code(cfg->suites[i])) != NULL &&
		    s->auth == AUTH_DSS)
			dss = 1;
	for (i = 0; dss && i < tp_nsigschemes; i++)
		if (tp_sigschemes[i].alg == SIG_DSA &&
		    cfg->nsigalgs < TP_MAX_SIGALGS)
			cfg->sigalgs[cfg->nsigalgs++] = tp_sigschemes[i].code;
}

/*
 * As s_client (OpenSSL disables PSK suites without a PSK callback): the
 * PSK families are offered only with -psk.  Naming only PSK suites then
 * is a usage error rather than a hello without TLS 1.2 suites.
 */
static void
drop_psk_suites(struct config *cfg)
{
	const struct tp_suite *s;
	size_t i, n = 0, dropped = 0;

	if (cfg->psk_len > 0)
		return;
	for (i = 0; i < cfg->nsuites; i++) {
		s = suite_by_code(cfg->suites[i]);
		if (s != NULL && kex_is_psk(s->kex))
			dropped++;
		else
			cfg->suites[n++] = cfg->suites[i];
	}
	cfg->nsuites = n;
	if (dropped > 0 && n == 0)
		bad_usage("%s", "-cipher names only PSK suites, which are "
		    "offered only with -psk");
}

static uint16_t
parse_version(const char *opt, const char *arg)
{
	uint16_t v;

	if (!version_by_name(arg, &v))
		bad_usage("unknown protocol version '%s'", arg);
	(void)opt;
	return v;
}

/* -early_data FILE: the bytes to send as 0-RTT data, read once */
#define EARLY_MAX	(1024 * 1024)
static void
read_early(struct config *cfg, const char *path)
{
	static uint8_t buf[EARLY_MAX];
	FILE *f;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL)
		err(EXIT_USAGE, "-early_data %s", path);
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f) || (n == sizeof(buf) && fgetc(f) != EOF))
		errx(EXIT_USAGE, "-early_data %s: unreadable or larger than "
		    "%d bytes", path, EARLY_MAX);
	fclose(f);
	cfg->early_data = buf;
	cfg->early_len = n;
	cfg->early_given = 1;
}

/* -dane_tlsa_rrdata records; cfg->tlsa points here */
static struct x509_tlsa tlsa_recs[X509_MAX_TLSA];

/* A file/dir/URI argument option of s_client's: the field it sets. */
static const char **
path_opt(struct config *cfg, const char *o)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} t[] = {
		{ "-CAstore", offsetof(struct config, castore) },
		{ "-verifyCAfile", offsetof(struct config, vfy_cafile) },
		{ "-verifyCApath", offsetof(struct config, vfy_capath) },
		{ "-verifyCAstore", offsetof(struct config, vfy_castore) },
		{ "-chainCAfile", offsetof(struct config, chain_cafile) },
		{ "-chainCApath", offsetof(struct config, chain_capath) },
		{ "-chainCAstore", offsetof(struct config, chain_castore) },
		{ "-CRL", offsetof(struct config, crlfile) },
		{ "-verify_email", offsetof(struct config, verify_email) },
		{ "-dane_tlsa_domain", offsetof(struct config, tlsa_domain) },
		{ "-requestCAfile", offsetof(struct config, req_cafile) },
		{ "-ctlogfile", offsetof(struct config, ctlogfile) },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(o, t[i].name) == 0)
			return (const char **)(void *)((char *)cfg + t[i].off);
	return NULL;
}

/* "DER" or "PEM" (any case), for -certform, -keyform, -CRLform */
static void
check_form(const char *opt, const char *arg)
{
	char msg[160];

	if (strcasecmp(arg, "DER") != 0 && strcasecmp(arg, "PEM") != 0) {
		snprintf(msg, sizeof(msg), "%s: '%s' is not DER or PEM", opt,
		    arg);
		bad_usage("%s", msg);
	}
}

/*
 * The verification options of s_client (issue 13): 1 when argv[*i] was
 * one of them (and its argument, if any, consumed), else 0.
 */
static int
parse_verify_opt(struct config *cfg, int argc, char **argv, int *ip)
{
	const char *o = argv[*ip], *errstr, **pp;
	char why[256];
	long long t;
	int i = *ip;

#define NEED_ARG1() do {						\
	if (i + 1 >= argc)						\
		bad_usage("%s needs an argument", o);			\
} while (0)

	if (x509_verify_flag(o, &cfg->vflags))
		return 1;
	if ((pp = path_opt(cfg, o)) != NULL) {
		NEED_ARG1();
		*pp = argv[*ip = i + 1];
		return 1;
	}
	if (strcmp(o, "-build_chain") == 0)
		cfg->build_chain = 1;
	else if (strcmp(o, "-crl_download") == 0)
		cfg->crl_download = 1;
	else if (strcmp(o, "-verify_quiet") == 0)
		cfg->verify_quiet = 1;
	else if (strcmp(o, "-dane_ee_no_namechecks") == 0)
		cfg->dane_ee_no_names = 1;
	else if (strcmp(o, "-strict") == 0)
		cfg->strict = 1;
	else if (strcmp(o, "-ct") == 0 || strcmp(o, "-noct") == 0)
		cfg->ct = o[1] == 'c';
	else if (strcmp(o, "-certform") == 0 || strcmp(o, "-keyform") == 0 ||
	    strcmp(o, "-CRLform") == 0) {
		NEED_ARG1();
		check_form(o, argv[++i]);
	} else if (strcmp(o, "-verify") == 0 ||
	    strcmp(o, "-verify_depth") == 0 || strcmp(o, "-auth_level") == 0) {
		NEED_ARG1();
		/* s_client: -verify takes a positive number */
		t = strtonum(argv[++i], strcmp(o, "-verify") == 0, strcmp(o,
		    "-auth_level") == 0 ? 5 : 100, &errstr);
		if (errstr != NULL) {
			snprintf(why, sizeof(why), "%s: '%s' is not a number "
			    "from %d to %d", o, argv[i], strcmp(o, "-verify") ==
			    0, strcmp(o, "-auth_level") == 0 ? 5 : 100);
			bad_usage("%s", why);
		}
		if (strcmp(o, "-verify") == 0)
			cfg->verify_limit = (int)t;
		else if (strcmp(o, "-verify_depth") == 0)
			cfg->verify_depth = (int)t;
		else
			cfg->auth_level = (int)t;
	} else if (strcmp(o, "-attime") == 0) {
		NEED_ARG1();
		t = strtonum(argv[++i], 1, 253402300799LL, &errstr);
		if (errstr != NULL)
			bad_usage("-attime: '%s' is not a time in seconds "
			    "since 1970", argv[i]);
		cfg->attime = t;
	} else if (strcmp(o, "-purpose") == 0) {
		NEED_ARG1();
		if ((cfg->purpose = x509_purpose_id(argv[++i])) < 0)
			bad_usage("-purpose: unknown purpose '%s'", argv[i]);
	} else if (strcmp(o, "-verify_name") == 0) {
		NEED_ARG1();
		if (!x509_vparam_known(argv[++i]))
			bad_usage("-verify_name: unknown verification "
			    "parameters '%s'", argv[i]);
		cfg->verify_name = argv[i];
	} else if (strcmp(o, "-policy") == 0) {
		NEED_ARG1();
		if (!x509_policy_known(argv[++i]))
			bad_usage("-policy: '%s' is not an OID", argv[i]);
		cfg->policy = argv[i];
	} else if (strcmp(o, "-nameopt") == 0) {
		NEED_ARG1();
		if (x509_set_nameopt(argv[++i]) != 0)
			bad_usage("-nameopt: unknown name option in '%s'",
			    argv[i]);
	} else if (strcmp(o, "-dane_tlsa_rrdata") == 0) {
		NEED_ARG1();
		if (cfg->ntlsa == X509_MAX_TLSA)
			bad_usage("-dane_tlsa_rrdata: at most 8 records%s", "");
		if (x509_tlsa_parse(argv[++i], &tlsa_recs[cfg->ntlsa], why,
		    sizeof(why)) != 0)
			bad_usage("%s", why);
		cfg->tlsa = tlsa_recs;
		cfg->ntlsa++;
	} else
		return 0;
#undef NEED_ARG1
	*ip = i;
	return 1;
}

/* -json, -timestamps, -expect-*, -targets, -concurrency (issue 14) */
static int
parse_i14_opt(struct config *cfg, int argc, char **argv, int *ip)
{
	const char *o = argv[*ip], *errstr;
	int i = *ip;

#define NEED_ARG1() do {						\
	if (i + 1 >= argc)						\
		bad_usage("%s needs an argument", o);			\
} while (0)
	if (strcmp(o, "-json") == 0)
		cfg->json = 1;
	else if (strcmp(o, "-timestamps") == 0)
		cfg->timestamps = 1;
	else if (strcmp(o, "-expect-version") == 0) {
		NEED_ARG1();
		cfg->expect_version = parse_version(o, argv[++i]);
	} else if (strcmp(o, "-expect-min-version") == 0) {
		NEED_ARG1();
		cfg->expect_min_version = parse_version(o, argv[++i]);
	} else if (strcmp(o, "-expect-cipher") == 0) {
		NEED_ARG1();
		if (suite_by_name(argv[++i]) == NULL)
			bad_usage("-expect-cipher: unknown cipher suite '%s'",
			    argv[i]);
		cfg->expect_cipher = argv[i];
	} else if (strcmp(o, "-expect-group") == 0) {
		NEED_ARG1();
		if (group_by_name(argv[++i]) == NULL)
			bad_usage("-expect-group: unknown group '%s'", argv[i]);
		cfg->expect_group = argv[i];
	} else if (strcmp(o, "-expect-alpn") == 0) {
		NEED_ARG1();
		cfg->expect_alpn = argv[++i];
	} else if (strcmp(o, "-expect-verify") == 0) {
		NEED_ARG1();
		cfg->expect_verify = (int)strtonum(argv[++i], 0, 1000,
		    &errstr);
		if (errstr != NULL)
			bad_usage("-expect-verify: '%s' is not a verify code "
			    "from 0 to 1000", argv[i]);
	} else if (strcmp(o, "-targets") == 0) {
		NEED_ARG1();
		cfg->targets = argv[++i];
	} else if (strcmp(o, "-concurrency") == 0) {
		NEED_ARG1();
		cfg->concurrency = (int)strtonum(argv[++i], 1, BATCH_MAX,
		    &errstr);
		if (errstr != NULL)
			bad_usage("-concurrency: '%s' is not a number from 1 "
			    "to 256", argv[i]);
	} else
		return 0;
#undef NEED_ARG1
	*ip = i;
	return 1;
}

static void
parse_args(struct config *cfg, int argc, char **argv)
{
	unsigned enabled = V_MASK(TLS1_2_VERSION) | V_MASK(TLS1_3_VERSION);
	unsigned only = 0, off = 0;
	uint16_t minv = 0, maxv = 0, v;
	const char *servername = NULL, *errstr, *early_file = NULL;
	const char *cipher_str = NULL;
	int i, have_connect = 0, noservername = 0, list_mode = 0;
	int sigalgs_set = 0;
	long long t;
	struct in6_addr a6;
	const struct sopt *so;

#define NEED_ARG() do {							\
	if (i + 1 >= argc)						\
		bad_usage("%s needs an argument", argv[i]);		\
} while (0)

	for (i = 1; i < argc; i++) {
		const char *o = argv[i];

		if (strcmp(o, "-connect") == 0) {
			NEED_ARG();
			parse_connect(cfg, argv[++i]);
			have_connect = 1;
		} else if (strcmp(o, "-servername") == 0) {
			NEED_ARG();
			servername = argv[++i];
		} else if (strcmp(o, "-noservername") == 0)
			noservername = 1;
		else if (strcmp(o, "-msg") == 0)
			cfg->msg = 1;
		else if (strcmp(o, "-state") == 0)
			cfg->state = 1;
		else if (strcmp(o, "-trace") == 0)
			cfg->trace = 1;
		else if (strcmp(o, "-quiet") == 0) {
			cfg->quiet = 1;
			cfg->ign_eof = 1;
		} else if (strcmp(o, "-brief") == 0)
			cfg->brief = 1;
		else if (strcmp(o, "-ign_eof") == 0)
			cfg->ign_eof = 1;
		else if (strcmp(o, "-no_ign_eof") == 0)
			cfg->ign_eof = 0;
		else if (strcmp(o, "-timeout") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 1, 3600, &errstr);
			if (errstr != NULL)
				bad_usage("-timeout: '%s' is not a number of "
				    "seconds from 1 to 3600", argv[i]);
			cfg->timeout_ms = (int)t * 1000;
		} else if (strcmp(o, "-ssl3") == 0)
			only |= V_MASK(SSL3_VERSION);
		else if (strcmp(o, "-no_ssl3") == 0)
			off |= V_MASK(SSL3_VERSION);
		else if (strcmp(o, "-tls1") == 0)
			only |= V_MASK(TLS1_0_VERSION);
		else if (strcmp(o, "-tls1_1") == 0)
			only |= V_MASK(TLS1_1_VERSION);
		else if (strcmp(o, "-tls1_2") == 0)
			only |= V_MASK(TLS1_2_VERSION);
		else if (strcmp(o, "-tls1_3") == 0)
			only |= V_MASK(TLS1_3_VERSION);
		else if (strcmp(o, "-no_tls1") == 0)
			off |= V_MASK(TLS1_0_VERSION);
		else if (strcmp(o, "-no_tls1_1") == 0)
			off |= V_MASK(TLS1_1_VERSION);
		else if (strcmp(o, "-no_tls1_2") == 0)
			off |= V_MASK(TLS1_2_VERSION);
		else if (strcmp(o, "-no_tls1_3") == 0)
			off |= V_MASK(TLS1_3_VERSION);
		else if (strcmp(o, "-min_protocol") == 0) {
			NEED_ARG();
			minv = parse_version(o, argv[++i]);
		} else if (strcmp(o, "-max_protocol") == 0) {
			NEED_ARG();
			maxv = parse_version(o, argv[++i]);
		} else if (strcmp(o, "-cipher") == 0) {
			NEED_ARG();
			cipher_str = argv[++i];
		} else if (strcmp(o, "-ciphersuites") == 0) {
			NEED_ARG();
			parse_ciphers(cfg, argv[++i], 1);
		} else if (strcmp(o, "-groups") == 0 ||
		    strcmp(o, "-curves") == 0) {
			NEED_ARG();
			parse_groups(cfg, argv[++i]);
		} else if (strcmp(o, "-sigalgs") == 0) {
			NEED_ARG();
			cfg->nsigalgs = parse_sigalgs(cfg->sigalgs, argv[++i]);
			sigalgs_set = 1;
		} else if (strcmp(o, "-client_sigalgs") == 0) {
			NEED_ARG();
			cfg->nclient_sigalgs = parse_sigalgs(
			    cfg->client_sigalgs, argv[++i]);
		} else if (strcmp(o, "-cert_sigalgs") == 0) {
			NEED_ARG();
			cfg->ncert_sigalgs = parse_sigalgs(cfg->cert_sigalgs,
			    argv[++i]);
		} else if (strcmp(o, "-list_ciphers") == 0)
			list_mode = 1;
		else if (strcmp(o, "-alpn") == 0) {
			NEED_ARG();
			cfg->alpn = argv[++i];
		} else if (strcmp(o, "-no_ems") == 0)
			cfg->no_ems = 1;
		else if (strcmp(o, "-no_etm") == 0)
			cfg->no_etm = 1;
		else if (strcmp(o, "-no_ticket") == 0)
			cfg->no_ticket = 1;
		else if (strcmp(o, "-legacy_server_connect") == 0)
			cfg->reneg_scsv = 1;
		else if (strcmp(o, "-no_legacy_server_connect") == 0)
			cfg->no_legacy_server = 1;
		else if (strcmp(o, "-no_renegotiation") == 0)
			cfg->no_renegotiation = 1;
		else if (strcmp(o, "-keylogfile") == 0) {
			NEED_ARG();
			cfg->keylogfile = argv[++i];
		} else if (strcmp(o, "-diagnose") == 0)
			cfg->diagnose = 1;
		/* -scan (issue 15) */
		else if (strcmp(o, "-scan") == 0)
			cfg->scan = 1;
		else if (strcmp(o, "-scan-concurrency") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 1, 16, &errstr);
			if (errstr != NULL)
				bad_usage("-scan-concurrency: '%s' is not a "
				    "number from 1 to 16", argv[i]);
			cfg->scan_concurrency = (int)t;
		} else if (strcmp(o, "-scan-delay") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 0, 60000, &errstr);
			if (errstr != NULL)
				bad_usage("-scan-delay: '%s' is not a number "
				    "of milliseconds from 0 to 60000", argv[i]);
			cfg->scan_delay_ms = (int)t;
		}
		else if (strcmp(o, "-max_probes") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 1, PROBE_MAX, &errstr);
			if (errstr != NULL)
				bad_usage("-max_probes: '%s' is not a number "
				    "from 1 to 16", argv[i]);
			cfg->max_probes = (int)t;
		} else if (strcmp(o, "-CAfile") == 0) {
			NEED_ARG();
			cfg->cafile = argv[++i];
		} else if (strcmp(o, "-CApath") == 0) {
			NEED_ARG();
			cfg->capath = argv[++i];
		} else if (strcmp(o, "-no-CAfile") == 0)
			cfg->no_cafile = 1;
		else if (strcmp(o, "-no-CApath") == 0)
			cfg->no_capath = 1;
		else if (strcmp(o, "-no-CAstore") == 0)
			cfg->no_castore = 1;
		else if (strcmp(o, "-verify_hostname") == 0) {
			NEED_ARG();
			cfg->verify_hostname = argv[++i];
		} else if (strcmp(o, "-verify_ip") == 0) {
			NEED_ARG();
			cfg->verify_ip = argv[++i];
			if (inet_pton(AF_INET, cfg->verify_ip, &a6) != 1 &&
			    inet_pton(AF_INET6, cfg->verify_ip, &a6) != 1)
				bad_usage("-verify_ip: '%s' is not an IP "
				    "address", cfg->verify_ip);
		} else if (strcmp(o, "-verify_return_error") == 0)
			cfg->verify_return_error = 1;
		else if (strcmp(o, "-expire-days") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 0, 36500, &errstr);
			if (errstr != NULL)
				bad_usage("-expire-days: '%s' is not a number "
				    "of days from 0 to 36500", argv[i]);
			cfg->expire_days = (int)t;
			cfg->check_expiry = 1;
		} else if (strcmp(o, "-showcerts") == 0)
			cfg->showcerts = 1;
		else if (strcmp(o, "-status") == 0)
			cfg->status = 1;
		else if (strcmp(o, "-cert") == 0) {
			NEED_ARG();
			cfg->cert_file = argv[++i];
		} else if (strcmp(o, "-key") == 0) {
			NEED_ARG();
			cfg->key_file = argv[++i];
		} else if (strcmp(o, "-pass") == 0) {
			NEED_ARG();
			cfg->pass = argv[++i];
		} else if (strcmp(o, "-cert_chain") == 0) {
			NEED_ARG();
			cfg->chain_file = argv[++i];
		} else if (strcmp(o, "-reconnect") == 0)
			cfg->reconnect = 1;
		else if (strcmp(o, "-sess_in") == 0) {
			NEED_ARG();
			cfg->sess_in = argv[++i];
		} else if (strcmp(o, "-sess_out") == 0) {
			NEED_ARG();
			cfg->sess_out = argv[++i];
		} else if (strcmp(o, "-allow_no_dhe_kex") == 0)
			cfg->allow_no_dhe_kex = 1;
		else if (strcmp(o, "-nocommands") == 0)
			cfg->nocommands = 1;
		else if (strcmp(o, "-early_data") == 0) {
			NEED_ARG();
			early_file = argv[++i];
		}
		else if (strcmp(o, "-psk") == 0) {
			NEED_ARG();
			parse_psk(cfg, argv[++i]);
		} else if (strcmp(o, "-psk_session") == 0) {
			NEED_ARG();
			cfg->psk_sess_file = argv[++i];
		} else if (strcmp(o, "-psk_identity") == 0) {
			NEED_ARG();
			cfg->psk_identity = argv[++i];
			if (strlen(cfg->psk_identity) > 128)
				bad_usage("-psk_identity: '%s' is longer than "
				    "128 bytes", cfg->psk_identity);
		} else if (strcmp(o, "-starttls") == 0) {
			/* before TLS: STARTTLS, proxy, connection */
			NEED_ARG();
			if ((cfg->starttls = starttls_by_name(argv[++i])) == 0)
				bad_usage("-starttls: unknown protocol '%s' "
				    "(smtp, pop3, imap, ftp, xmpp, xmpp-server, "
				    "telnet, irc, mysql, postgres, lmtp, nntp, "
				    "sieve, ldap)", argv[i]);
		} else if (strcmp(o, "-name") == 0 ||
		    strcmp(o, "-xmpphost") == 0) {
			NEED_ARG();
			cfg->protohost = plain_arg(o, argv[++i]);
		} else if (strcmp(o, "-proxy") == 0) {
			NEED_ARG();
			if (!split_hostport("-proxy", argv[++i],
			    cfg->proxy_host, sizeof(cfg->proxy_host),
			    cfg->proxy_port, sizeof(cfg->proxy_port), 0))
				bad_usage("-proxy %s: needs host:port", argv[i]);
		} else if (strcmp(o, "-proxy_user") == 0) {
			NEED_ARG();
			cfg->proxy_user = plain_arg(o, argv[++i]);
			if (strchr(cfg->proxy_user, ':') != NULL)
				bad_usage("-proxy_user %s: a Basic user name "
				    "has no ':'", cfg->proxy_user);
		} else if (strcmp(o, "-proxy_pass") == 0) {
			NEED_ARG();
			cfg->proxy_pass = argv[++i];
		} else if (strcmp(o, "-4") == 0)
			cfg->family = AF_INET;
		else if (strcmp(o, "-6") == 0)
			cfg->family = AF_INET6;
		else if (strcmp(o, "-bind") == 0) {
			NEED_ARG();
			(void)split_hostport("-bind", argv[++i], cfg->bind_host,
			    sizeof(cfg->bind_host), cfg->bind_port,
			    sizeof(cfg->bind_port), 1);
		} else if (strcmp(o, "-host") == 0) {
			NEED_ARG();
			if (strlcpy(cfg->host, argv[++i], sizeof(cfg->host)) >=
			    sizeof(cfg->host) || cfg->host[0] == '\0')
				bad_usage("-host %s: bad host", argv[i]);
			have_connect = 1;
		} else if (strcmp(o, "-port") == 0) {
			NEED_ARG();
			if (strtonum(argv[++i], 1, 65535, &errstr) == 0 ||
			    errstr != NULL)
				bad_usage("-port: '%s' is not a port number",
				    argv[i]);
			strlcpy(cfg->port, argv[i], sizeof(cfg->port));
			cfg->port_given = 1;
		} else if (strcmp(o, "-crlf") == 0)
			cfg->crlf = 1;
		else if (parse_verify_opt(cfg, argc, argv, &i))
			;
		else if (parse_i14_opt(cfg, argc, argv, &i))
			;
		else if (strcmp(o, "-help") == 0 || strcmp(o, "-h") == 0 ||
		    strcmp(o, "--help") == 0)
			usage(stdout, EXIT_OK);
		else if (strcmp(o, "-debug") == 0)
			cfg->debug = 1;
		else if (strcmp(o, "-serverinfo") == 0) {
			char sibuf[512], *sp, *tok;

			NEED_ARG();
			strlcpy(sibuf, argv[++i], sizeof(sibuf));
			for (sp = sibuf; (tok = strsep(&sp, ",")) != NULL;) {
				t = strtonum(tok, 0, 65535, &errstr);
				if (errstr != NULL || cfg->nserverinfo == 8)
					bad_usage("-serverinfo: '%s' is not a "
					    "list of up to 8 extension types "
					    "(0-65535)", argv[i]);
				cfg->serverinfo[cfg->nserverinfo++] =
				    (uint16_t)t;
			}
		} else if (strcmp(o, "-nextprotoneg") == 0) {
			NEED_ARG();
			cfg->nextprotoneg = argv[++i];
		} else if (strcmp(o, "-enable_pha") == 0)
			cfg->enable_pha = 1;
		else if (strcmp(o, "-fallback_scsv") == 0)
			cfg->fallback_scsv = 1;
		else if (strcmp(o, "-maxfraglen") == 0) {
			NEED_ARG();
			/* RFC 6066, 4: 2^9 ... 2^12 */
			t = strtonum(argv[++i], 512, 4096, &errstr);
			if (errstr != NULL || (t & (t - 1)) != 0)
				bad_usage("-maxfraglen: '%s' is not 512, 1024, "
				    "2048 or 4096", argv[i]);
			for (cfg->maxfraglen = 1; (512 << (cfg->maxfraglen -
			    1)) != t; cfg->maxfraglen++)
				;
		} else if (strcmp(o, "-record_padding") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 0, TLS_MAX_PLAINTEXT, &errstr);
			if (errstr != NULL)
				bad_usage("-record_padding: '%s' is not a block "
				    "size from 0 to 16384", argv[i]);
			cfg->record_padding = (size_t)t;
		}
		else if (strcmp(o, "-tlsextdebug") == 0)
			cfg->tlsextdebug = 1;
		else if (strcmp(o, "-no_middlebox") == 0)
			cfg->no_middlebox = 1;
		else if (strcmp(o, "-max_send_frag") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 512, TLS_MAX_PLAINTEXT, &errstr);
			if (errstr != NULL)
				bad_usage("-max_send_frag: '%s' is not a number "
				    "from 512 to 16384", argv[i]);
			cfg->max_send_frag = (size_t)t;
		} else if (strcmp(o, "-rand") == 0) {
			NEED_ARG();
			cfg->rand_files = argv[++i];
		} else if (strcmp(o, "-writerand") == 0) {
			NEED_ARG();
			cfg->writerand = argv[++i];
		} else if (strcmp(o, "-msgfile") == 0) {
			NEED_ARG();
			cfg->msgfile = argv[++i];
		} else if (strcmp(o, "-keymatexport") == 0) {
			NEED_ARG();
			cfg->keymatexport = argv[++i];
		} else if (strcmp(o, "-keymatexportlen") == 0) {
			NEED_ARG();
			t = strtonum(argv[++i], 1, 4096, &errstr);
			if (errstr != NULL)
				bad_usage("-keymatexportlen: '%s' is not a "
				    "number from 1 to 4096", argv[i]);
			cfg->keymatexportlen = (size_t)t;
		} else if (strcmp(o, "-provider") == 0) {
			NEED_ARG();
			/*
			 * Scripts load OpenSSL's legacy provider for old
			 * servers: tlsprobe has the default one and loads the
			 * legacy one itself when a server picks DES, SEED or
			 * RC4, so the built-in names need nothing more.
			 */
			if (strcmp(argv[++i], "default") != 0 &&
			    strcmp(argv[i], "legacy") != 0 &&
			    strcmp(argv[i], "base") != 0) {
				fprintf(stderr, "tlsprobe: -provider: '%s': only "
				    "the built-in default, legacy and base "
				    "providers (see -help and the man page's "
				    "COMPATIBILITY section)\n", argv[i]);
				exit(EXIT_USAGE);
			}
		} else if ((so = sopt_find(o)) != NULL) {
			/* s_client's other options: no-ops, or refused */
			if (so->nargs > 0)
				NEED_ARG();
			if (so->kind == SOPT_REFUSE) {
				fprintf(stderr, "tlsprobe: %s: %s (see -help and "
				    "the man page's COMPATIBILITY section)\n",
				    o, so->text);
				exit(EXIT_USAGE);
			}
			i += so->nargs;
		} else if (o[0] != '-' && !have_connect) {
			/* s_client 3.0: [host:port] as a parameter */
			parse_connect(cfg, o);
			have_connect = 1;
		} else
			bad_usage("unknown option '%s'", o);
	}
	/* after the loop, so that -quiet anywhere quietens the note */
	if (cipher_str != NULL && !list_mode)
		parse_ciphers(cfg, cipher_str, 0);
	if (list_mode)
		list_ciphers(cfg, cipher_str);
	if (!have_connect && cfg->targets == NULL)
		bad_usage("%s", "-connect host:port (or -targets file) is "
		    "required");
	if (have_connect && cfg->targets != NULL)
		bad_usage("%s", "-connect and -targets exclude each other");
	/* -scan goes through -proxy and -starttls, one target at a time */
	if (cfg->scan && cfg->targets != NULL)
		bad_usage("%s", "-scan does not go through -targets");
	if (early_file != NULL)
		read_early(cfg, early_file);
	/* -connect host -starttls smtp: port 25, where s_client wants one */
	if (!cfg->port_given && cfg->starttls != 0)
		strlcpy(cfg->port, starttls_port(cfg->starttls),
		    sizeof(cfg->port));
	if ((cfg->proxy_user != NULL) != (cfg->proxy_pass != NULL))
		bad_usage("%s", "-proxy_user and -proxy_pass go together");
	if (cfg->proxy_user != NULL && cfg->proxy_host[0] == '\0')
		bad_usage("%s", "-proxy_user and -proxy_pass need -proxy");
	if (cfg->suiteb != CS_SUITEB_NONE)
		apply_suiteb(cfg);
	else if (!sigalgs_set)
		add_dss_sigalgs(cfg);
	drop_psk_suites(cfg);
	/* as s_client: records without a domain are an error, and back */
	if (cfg->ntlsa > 0 && cfg->tlsa_domain == NULL)
		bad_usage("%s", "-dane_tlsa_rrdata needs -dane_tlsa_domain");
	if (cfg->tlsa_domain != NULL && cfg->ntlsa == 0)
		bad_usage("%s", "-dane_tlsa_domain needs at least one "
		    "-dane_tlsa_rrdata record");
	if (cfg->build_chain && cfg->cert_file == NULL)
		bad_usage("%s", "-build_chain needs -cert");
	if (cfg->verify_hostname != NULL && cfg->verify_ip != NULL)
		bad_usage("%s", "-verify_hostname and -verify_ip exclude "
		    "each other");
	if (cfg->cert_file == NULL && (cfg->key_file != NULL ||
	    cfg->chain_file != NULL || cfg->pass != NULL))
		bad_usage("%s", "-key, -pass and -cert_chain need -cert");
	if (only != 0)
		enabled = only;
	else if (minv != 0 || maxv != 0)
		enabled = V_MASK(TLS1_0_VERSION) | V_MASK(TLS1_1_VERSION) |
		    V_MASK(TLS1_2_VERSION) | V_MASK(TLS1_3_VERSION) |
		    (minv == SSL3_VERSION || maxv == SSL3_VERSION ?
		    V_MASK(SSL3_VERSION) : 0);
	enabled &= ~off;
	for (v = SSL3_VERSION; v <= TLS1_3_VERSION; v++) {
		if ((minv != 0 && v < minv) || (maxv != 0 && v > maxv))
			enabled &= ~V_MASK(v);
	}
	cfg->min_version = cfg->max_version = 0;
	for (v = SSL3_VERSION; v <= TLS1_3_VERSION; v++)
		if (enabled & V_MASK(v)) {
			if (cfg->min_version == 0)
				cfg->min_version = v;
			cfg->max_version = v;
		}
	if (cfg->min_version == 0)
		bad_usage("%s", "no protocol version left to offer");
	/* the user asked for TLS 1.0 or 1.1 by name */
	if (cfg->min_version < TLS1_2_VERSION &&
	    (only != 0 || minv != 0))
		cfg->explicit_legacy = 1;
	/* s_client prints this when it reads -verify (not with -quiet) */
	if (cfg->verify_limit >= 0 && !cfg->quiet && !cfg->json)
		fprintf(stderr, "verify depth is %d\n", cfg->verify_limit);
	if (servername != NULL)
		strlcpy(cfg->servername, servername, sizeof(cfg->servername));
	else if (inet_pton(AF_INET, cfg->host, &a6) != 1 &&
	    inet_pton(AF_INET6, cfg->host, &a6) != 1)
		/* RFC 6066, 3: IP literals are not sent as SNI */
		strlcpy(cfg->servername, cfg->host, sizeof(cfg->servername));
	cfg->sni = !noservername && cfg->servername[0] != '\0';
	cfg->noservername = noservername;
}

/* A bad file the user named: exit 2 (a "fail" object under -json). */
static void __attribute__((noreturn))
usage_fail(const struct config *cfg, const char *why);

/*
 * TLS 1.3 external PSK, as s_client's psk_use_session_cb builds it: the
 * -psk_session file's master key under its suite, else the -psk key
 * under TLS_AES_128_GCM_SHA256 (so SHA-256), whatever suites come first.
 */
static struct tp_session *
load_ext_psk(struct config *cfg)
{
	struct tp_session *s = NULL;
	char why[600];

	if (cfg->psk_sess_file != NULL) {
		if (sessfile_read_opt("-psk_session", cfg->psk_sess_file, &s,
		    why, sizeof(why)) != 0)
			usage_fail(cfg, why);
		if (s->version != TLS1_3_VERSION) {
			snprintf(why, sizeof(why), "-psk_session %s: the "
			    "session is not TLS 1.3", cfg->psk_sess_file);
			sess_free(s);
			usage_fail(cfg, why);
		}
	} else if (cfg->psk_len > 0) {
		if (cfg->psk_len > TP_SESS_MAX_SECRET)
			return NULL;	/* TLS 1.2 PSK suites only */
		if ((s = sess_new()) == NULL)
			err(3, "out of memory");
		s->version = TLS1_3_VERSION;
		s->suite = 0x1301;	/* TLS_AES_128_GCM_SHA256 */
		memcpy(s->secret, cfg->psk, cfg->psk_len);
		s->secret_len = cfg->psk_len;
	} else
		return NULL;
	s->verify_code = 0;
	strlcpy(s->psk_identity, cfg->psk_identity != NULL ?
	    cfg->psk_identity : "Client_identity", sizeof(s->psk_identity));
	/*
	 * RFC 8446, 4.2.10: 0-RTT under the session's ALPN protocol only;
	 * s_client stops with "inconsistent early data alpn" when -alpn
	 * does not offer it (without -sess_in no ticket goes first, so the
	 * external PSK keys the early data: on the first connection of
	 * -reconnect too)
	 */
	if (cfg->early_given && s->max_early_data > 0 && s->alpn[0] != '\0' &&
	    cfg->sess_in == NULL && !hs_alpn_offered(cfg->alpn, s->alpn)) {
		snprintf(why, sizeof(why), "-early_data: the -psk_session "
		    "%s session's ALPN protocol '%.100s' is not offered with "
		    "-alpn (RFC 8446, 4.2.10; s_client: inconsistent early "
		    "data alpn)", cfg->psk_sess_file, s->alpn);
		sess_free(s);
		usage_fail(cfg, why);
	}
	cfg->ext_psk = s;
	return s;
}

/* A bad file the user named: exit 2 (a "fail" object under -json). */
static void __attribute__((noreturn))
usage_fail(const struct config *cfg, const char *why)
{
	trace_fail(cfg, NULL, "usage", EXIT_USAGE, why, NULL);
	errx(EXIT_USAGE, "%s", why);
}

/* -proxy_user/-proxy_pass: base64 of "user:password" (RFC 7617). */
static void
load_proxy_auth(struct config *cfg)
{
	static char b64[1400];
	char pass[512], up[800], why[512];
	int k;

	if (cfg->proxy_user == NULL)
		return;
	if (x509_pass_resolve(cfg->proxy_pass, pass, sizeof(pass), why,
	    sizeof(why)) != 0)
		errx(EXIT_USAGE, "-proxy_pass: %s", why);
	k = snprintf(up, sizeof(up), "%s:%s", cfg->proxy_user, pass);
	explicit_bzero(pass, sizeof(pass));
	if (k < 0 || (size_t)k >= sizeof(up))
		errx(EXIT_USAGE, "-proxy_user/-proxy_pass: too long");
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)up, k);
	explicit_bzero(up, sizeof(up));
	cfg->proxy_auth = b64;
}

/*
 * -debug: every read and write on the socket, in s_client's layout (its
 * bio_dump_callback): "read from <conn> [<buffer>] (N bytes => M (0xM))"
 * and the bytes as BIO_dump() shows them, on stdout.
 */
struct debug_io {
	struct transport inner;
};

static int
debug_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	struct debug_io *d = ctx;
	int ret;

	*got = 0;
	ret = d->inner.read(d->inner.ctx, buf, len, got);
	if (ret == 0 && *got > 0) {
		printf("read from %p [%p] (%zu bytes => %zu (0x%zX))\n",
		    d->inner.ctx, (void *)buf, len, *got, *got);
		ossl_bio_dump(stdout, buf, *got);
	} else
		printf("read from %p [%p] (%zu bytes => %d)\n", d->inner.ctx,
		    (void *)buf, len, ret == TP_E_CLOSED ? 0 : -1);
	return ret;
}

static int
debug_write(void *ctx, const uint8_t *buf, size_t len)
{
	struct debug_io *d = ctx;
	int ret;

	ret = d->inner.write(d->inner.ctx, buf, len);
	if (ret == 0) {
		printf("write to %p [%p] (%zu bytes => %zu (0x%zX))\n",
		    d->inner.ctx, (const void *)buf, len, len, len);
		ossl_bio_dump(stdout, buf, len);
	} else
		printf("write to %p [%p] (%zu bytes => -1)\n", d->inner.ctx,
		    (const void *)buf, len);
	return ret;
}

/* -rand file[:file...]: mixed into libcrypto's generator, as s_client does */
static void
load_rand(const struct config *cfg)
{
	char buf[4096], *p, *f;

	if (cfg->rand_files == NULL)
		return;
	strlcpy(buf, cfg->rand_files, sizeof(buf));
	for (p = buf; (f = strsep(&p, ":")) != NULL;)
		if (*f != '\0' && RAND_load_file(f, -1) < 0)
			errx(EXIT_USAGE, "-rand: cannot load %s", f);
}

/*
 * -CAfile/-CApath, and -cert/-key/-pass/-cert_chain: read only when given.
 * The system's trust store is left for the first verification.
 */
static void
load_certs(struct config *cfg, struct client_id *id)
{
	struct x509_trust_opts to;
	char pass[1024], why[512];
	int r;

	/* as in msg_cert.c: only when something shows or acts on the result */
	hs_trust_opts(cfg, &to);
	if ((to.cafile != NULL || to.capath != NULL || to.castore != NULL ||
	    to.vfy_cafile != NULL || to.vfy_capath != NULL ||
	    to.vfy_castore != NULL || to.crlfile != NULL) &&
	    (!cfg->quiet || cfg->brief || cfg->verify_return_error)) {
		if (x509_trust_load(&to, why, sizeof(why)) != 0)
			usage_fail(cfg, why);
	}
	if (cfg->req_cafile != NULL) {
		uint8_t *names;
		size_t nlen;

		if (x509_ca_names_load(cfg->req_cafile, &names, &nlen, why,
		    sizeof(why)) != 0)
			usage_fail(cfg, why);
		/* kept for the process's life, like the config */
		cfg->req_ca_names = names;
		cfg->req_ca_names_len = nlen;
	}
	if (cfg->cert_file == NULL)
		return;
	if (cfg->pass != NULL &&
	    x509_pass_resolve(cfg->pass, pass, sizeof(pass), why,
	    sizeof(why)) != 0)
		usage_fail(cfg, why);
	r = x509_client_id_load(id, cfg->cert_file, cfg->key_file,
	    cfg->pass != NULL ? pass : NULL, cfg->chain_file, why, sizeof(why));
	explicit_bzero(pass, sizeof(pass));
	if (r != 0)
		usage_fail(cfg, why);
	if (cfg->build_chain && x509_client_build_chain(id,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_cafile : cfg->cafile,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_capath : cfg->capath,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_castore : cfg->castore,
	    why, sizeof(why)) != 0)
		usage_fail(cfg, why);
	cfg->client = id;
}

/*
 * s_client's error line for a failed handshake ("...:error:0A000410:SSL
 * routines::sslv3 alert handshake failure:SSL alert number 40") into buf,
 * and OpenSSL's wording for the FAIL line into words; 0 when s_client's
 * reason is not one tlsprobe can name the same way.
 */
static int
ossl_error(const struct conn *c, int ret, const struct diag *d, char *buf,
    size_t len, char *words, size_t wlen)
{
	unsigned long code;
	const char *reason;
	int desc = -1;

	if (TP_IS_PEER_ALERT(ret))
		desc = TP_ALERT_OF(ret);
	else if (c->peer_alert >= 0 && c->peer_alert_level == 2)
		desc = c->peer_alert;
	if (desc >= 0 && (reason = ossl_alert_reason((uint8_t)desc)) != NULL) {
		code = ossl_alert_code((uint8_t)desc);
		snprintf(words, wlen, "%s, SSL alert number %d", reason, desc);
		snprintf(buf, len, "tlsprobe:error:%08lX:SSL routines::%s:"
		    "SSL alert number %d", code, reason, desc);
		return 1;
	}
	if (strcmp(d->cls, "verify") == 0 && c->verify_code != 0) {
		reason = "certificate verify failed";
		code = 0x0A000086ul;
	} else if (c->state >= ST_DONE)
		return 0;
	else if (strcmp(d->cls, "not-tls") == 0) {
		reason = "wrong version number";
		code = 0x0A00010Bul;
	} else if (ret == TP_E_CLOSED) {
		reason = "unexpected eof while reading";
		code = 0x0A000126ul;
	} else
		return 0;
	snprintf(words, wlen, "%s", reason);
	snprintf(buf, len, "tlsprobe:error:%08lX:SSL routines::%s", code,
	    reason);
	return 1;
}

/*
 * A failed run, on both streams.  stderr: the -state lines end with
 * "SSL_connect:error in error", then s_client's error line (when tlsprobe
 * can name s_client's reason), then the FAIL line, always last.  stdout:
 * s_client's closing block unless it was shown already or TLS never
 * started (a STARTTLS or proxy failure; not under
 * -quiet or -brief), the -diagnose lines, and a copy of the FAIL line under
 * -msg/-state/-trace.
 */
static void
report_failure(const struct config *cfg, struct conn *c, int ret,
    struct diag *d, int summary_shown, int tls_started, int full)
{
	struct verdict v;
	const char *verdict = NULL;
	char eline[256], words[128];
	int in_handshake = c->state < ST_DONE, have_eline;

	if (TP_IS_ALERT(ret))
		rec_send_alert(c, 2, (uint8_t)TP_ALERT_OF(ret));
	diag_failure(c, ret, d);
	/* a failure before TLS (STARTTLS, proxy) is none of s_client's */
	have_eline = tls_started && !cfg->json && ossl_error(c, ret, d,
	    eline, sizeof(eline), words, sizeof(words));
	if (cfg->state && in_handshake && tls_started && !cfg->json)
		trace_state_error(c);
	fflush(stdout);
	if (have_eline)
		fprintf(stderr, "%s\n", eline);
	if (!summary_shown && !cfg->quiet && !cfg->brief && !cfg->json)
		session_summary(c, full);
	if (cfg->diagnose && d->probe_worthy) {
		diagnose(cfg, c, &v);
		trace_line(EV_VERDICT, v.cls, v.text);
		verdict = v.text;
		if (v.cls != NULL && !d->keep_class)
			d->cls = v.cls;
		strlcat(d->text, "; diagnosis: ", sizeof(d->text));
		strlcat(d->text, v.text, sizeof(d->text));
	} else if (d->probe_worthy)
		strlcat(d->text, " (run with -diagnose to pin the cause)",
		    sizeof(d->text));
	if (have_eline) {
		/* last, so that greps for OpenSSL's words match it too */
		strlcat(d->text, " (OpenSSL: ", sizeof(d->text));
		strlcat(d->text, words, sizeof(d->text));
		strlcat(d->text, ")", sizeof(d->text));
	}
	trace_fail(cfg, c, d->cls, d->exit_code, d->text, verdict);
	fprintf(stderr, "tlsprobe: FAIL %s: %s\n", d->cls, d->text);
}

/*
 * -scan: everything the server accepts.  Exit 0 when the scan completed,
 * 7 when it completed with high-severity findings, 1 when it is
 * incomplete or the server could not be scanned (3: cannot connect).
 */
static int
scan_main(const struct config *cfg)
{
	struct scan_result *r;
	int code;

	if ((r = scan_run(cfg)) == NULL)
		errx(1, "out of memory");
	if (r->fail_class != NULL) {
		if (cfg->json)
			scan_print_json_fail(r);
		fflush(stdout);
		fprintf(stderr, "tlsprobe: FAIL %s: %s\n", r->fail_class,
		    r->fail_text);
		code = r->fail_exit;
		free(r);
		x509_trust_reset();
		return code;
	}
	code = r->incomplete ? EXIT_HANDSHAKE : scan_high(r) > 0 ?
	    EXIT_FINDINGS : EXIT_OK;
	if (cfg->json)
		scan_print_json(r, code);
	else
		scan_print_table(stdout, r);
	fflush(stdout);
	if (r->incomplete)
		fprintf(stderr, "tlsprobe: scan may be incomplete: %s\n",
		    r->incomplete_why);
	free(r);
	x509_trust_reset();
	return code;
}

/* -sess_out: after each handshake, and again when tickets came */
static int
save_session(const struct config *cfg, const struct tp_session *s)
{
	char why[512];

	if (sessfile_write(cfg->sess_out, s, why, sizeof(why)) != 0) {
		warnx("%s", why);
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * One target, start to end: connect, handshake, summary, data; with
 * -reconnect, five more connections that resume the session.  Returns the
 * exit status.  -targets runs this in a worker per target.
 */
static int
run_one(const struct config *cfg)
{
	struct conn c;
	struct net n;
	struct transport io;
	struct debug_io dio;
	struct diag d;
	FILE *keylog = NULL;
	char why[512];
	enum net_err ne;
	struct tp_session *loaded = NULL, *next = NULL;
	const struct tp_session *resume = NULL;
	int ret = 0, i, nconn, last, summary_shown, tls_started;

	if (cfg->keylogfile != NULL &&
	    (keylog = fopen(cfg->keylogfile, "a")) == NULL) {
		snprintf(why, sizeof(why), "cannot open key log %s: %s",
		    cfg->keylogfile, strerror(errno));
		usage_fail(cfg, why);
	}
	if (cfg->sess_in != NULL) {
		if (sessfile_read(cfg->sess_in, &loaded, why, sizeof(why)) != 0)
			usage_fail(cfg, why);
		/* the same rule as for -psk_session (load_ext_psk) */
		if (cfg->early_given && loaded->version >= TLS1_3_VERSION &&
		    loaded->max_early_data > 0 && loaded->alpn[0] != '\0' &&
		    !hs_alpn_offered(cfg->alpn, loaded->alpn)) {
			snprintf(why, sizeof(why), "-early_data: the -sess_in "
			    "%s session's ALPN protocol '%.100s' is not "
			    "offered with -alpn (RFC 8446, 4.2.10; s_client: "
			    "inconsistent early data alpn)", cfg->sess_in,
			    loaded->alpn);
			sess_free(loaded);
			usage_fail(cfg, why);
		}
		resume = loaded;
	}

	/* -reconnect: one full handshake, then five that resume it */
	nconn = cfg->reconnect ? 6 : 1;
	for (i = 0; i < nconn; i++) {
		last = i == nconn - 1;
		if (i > 0 && !cfg->quiet && !cfg->json)
			printf("drop connection and then reconnect\n");
		ne = net_connect_cfg(&n, cfg, why, sizeof(why));
		if (ne != NET_OK) {
			const char *cls = ne == NET_RESOLVE ? "resolve" :
			    ne == NET_REFUSED ? "refused" : ne == NET_TIMEOUT ?
			    "timeout" : "connect";

			trace_fail(cfg, NULL, cls, EXIT_CONNECT, why, NULL);
			fprintf(stderr, "tlsprobe: FAIL %s: %s\n", cls, why);
			ret = EXIT_CONNECT;
			goto done;
		}
		net_transport(&n, &io);
		if (cfg->debug) {
			dio.inner = io;
			io.read = debug_read;
			io.write = debug_write;
			io.ctx = &dio;
		}
		conn_init(&c, cfg, &io);
		c.on_event = cfg->json ? trace_json_event : trace_print;
		c.keylog = keylog;
		c.rec_limit = cfg->max_send_frag;
		c.resume = resume;
		summary_shown = tls_started = 0;
		if (i > 0 && resume == NULL)
			strlcpy(c.no_resume, "the server issued neither a "
			    "session ID nor a ticket", sizeof(c.no_resume));
		c.t_begin = n.t_begin;
		c.t_phase[PH_RESOLVE] = n.t_resolved;
		c.t_phase[PH_CONNECT] = n.t_connected;
		{
			struct tp_event ev = { .kind = EV_CONNECTED };

			ev.text = n.peer;
			ev.len = (size_t)n.fd;
			trace_event(&c, &ev);
		}

		/* -proxy, -starttls: each reply within -timeout */
		ret = plain_preamble(&c, &n);
		/* the whole handshake, not only each read, fits in -timeout */
		net_deadline(&n, cfg->timeout_ms);
		if (ret == 0) {
			tls_started = 1;
			ret = handshake(&c);
		}
		/*
		 * RFC 8446, 4.4.2.4: a TLS 1.3 server rejects a client
		 * certificate (or its absence) only after our Finished; look
		 * before saying ok.  Tickets come then too.
		 */
		if (ret == 0)
			ret = session_settle(&c, &n);
		net_deadline(&n, 0);
		if (ret == 0) {
			if (cfg->brief && !cfg->json)
				session_brief(&c);
			else if (!cfg->quiet && !cfg->json) {
				session_summary(&c, i == 0);
				trace_timing(&c);
			}
			summary_shown = 1;
			if (c.sess != NULL && cfg->sess_out != NULL)
				ret = save_session(cfg, c.sess);
			if (ret == 0)
				ret = session_check_expiry(&c);
			if (ret == 0)
				ret = expect_check(&c);
			if (ret == 0 && last)
				ret = session_data(&c, &n);
			else if (ret == 0)
				session_close(&c);
			if (ret == 0) {
				struct tp_event ev = { .kind = EV_SUMMARY };

				trace_event(&c, &ev);
			}
		}
		if (ret != 0 && ret != EXIT_USAGE) {
			report_failure(cfg, &c, ret, &d, summary_shown ||
			    !tls_started, tls_started, i == 0);
			ret = d.exit_code;
		}
		/* the next connection offers this one's session */
		if (c.sess != NULL) {
			sess_free(next);
			next = c.sess;
			c.sess = NULL;
			resume = next;
		}
		conn_free(&c);
		net_close(&n);
		if (ret != 0)
			break;
	}
 done:
	if (keylog != NULL)
		fclose(keylog);
	sess_free(next);
	sess_free(loaded);
	return ret;
}

static struct client_id client;

/* -targets: a child runs one target with the shared set-up */
static int
run_target(struct config *cfg)
{
	return run_one(cfg);
}

int
main(int argc, char **argv)
{
	static struct config cfg;
	struct tp_session *ext_psk;
	int code;

	tp_clock_start();
	/* no openssl.cnf: a run loads nothing it does not need */
	tp_crypto_init();
	/* a closed peer must be an error return, not a signal */
	signal(SIGPIPE, SIG_IGN);
	/* line-buffered even into a pipe, so `| grep` sees lines promptly */
	setvbuf(stdout, NULL, _IOLBF, 0);
	defaults(&cfg);
	parse_args(&cfg, argc, argv);
	cfg.interactive = isatty(STDIN_FILENO);
	/* the printers: text (trace.c) or JSON Lines (trace_json.c) */
	if (cfg.json)
		trace_json_start(argc, argv);
	event_set_line_sink(cfg.json ? trace_json_line : trace_print_line);

	if (cfg.msgfile != NULL) {
		if ((cfg.msgout = fopen(cfg.msgfile, "w")) == NULL)
			err(EXIT_USAGE, "cannot open -msgfile %s", cfg.msgfile);
		setvbuf(cfg.msgout, NULL, _IOLBF, 0);
	}
	load_rand(&cfg);
	/* files the user named are read now, so a bad one is a usage error */
	load_certs(&cfg, &client);
	load_proxy_auth(&cfg);
	ext_psk = load_ext_psk(&cfg);
	if (cfg.scan)
		code = scan_main(&cfg);
	else if (cfg.targets != NULL)
		code = batch_run(&cfg, run_target);
	else
		code = run_one(&cfg);
	x509_client_id_free(&client);
	sess_free(ext_psk);
	free((void *)cfg.req_ca_names);
	x509_trust_reset();
	if (cfg.msgout != NULL)
		fclose(cfg.msgout);
	/* s_client's -writerand: the generator's state, for a later -rand */
	if (cfg.writerand != NULL && RAND_write_file(cfg.writerand) <= 0)
		fprintf(stderr, "tlsprobe: -writerand: cannot write %s\n",
		    cfg.writerand);
	return code;
}
