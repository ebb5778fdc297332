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

#include <arpa/inet.h>

#include "cipherstr.h"
#include "conn.h"
#include "diag.h"
#include "handshake.h"
#include "keysched.h"
#include "msg_cert.h"
#include "names.h"
#include "net.h"
#include "probe.h"
#include "record.h"
#include "session.h"
#include "trace.h"
#include "tperr.h"
#include "x509.h"

static void __attribute__((noreturn))
usage(FILE *f, int code)
{
	fputs(
"usage: tlsprobe -connect host[:port] [options]\n"
"  -connect host:port   server to probe (port 443 by default; [v6]:port)\n"
"  -servername name     SNI name (default: the host, unless an IP address)\n"
"  -noservername        send no SNI\n"
"  -msg                 show every record and message as hex\n"
"  -state               show each handshake state\n"
"  -trace               decode every handshake message field by field\n"
"  -quiet               no summary, only application data and errors\n"
"  -timeout sec         connect and read timeout (default 10)\n"
"  -tls1 -tls1_1 -tls1_2 -tls1_3  offer this version; several add up\n"
"                       (default: TLS 1.2 and 1.3)\n"
"  -no_tls1 -no_tls1_1 -no_tls1_2 -no_tls1_3  do not offer this version\n"
"  -min_protocol ver -max_protocol ver     bounds (TLSv1 ... TLSv1.3)\n"
"  -cipher str          TLS 1.2 and older suites: an OpenSSL cipher string\n"
"                       (ALL, HIGH, ECDHE+AESGCM:!aNULL, ...; IANA names too)\n"
"  -ciphersuites list   TLS 1.3 suites\n"
"  -list_ciphers        print the suites -cipher/-ciphersuites select, exit\n"
"  -groups list         groups to offer; '*' marks those sent key shares\n"
"  -sigalgs list        signature schemes to offer (rsa_pss_rsae_sha256\n"
"                       or RSA-PSS+SHA256)\n"
"  -cert_sigalgs list   send signature_algorithms_cert with this list\n"
"  -alpn list           comma-separated ALPN protocols\n"
"  -no_ems              do not offer extended_master_secret\n"
"  -no_ticket           do not offer session_ticket\n"
"  -legacy_server_connect  signal renegotiation with the SCSV, not the\n"
"                       extension\n"
"  -no_legacy_server_connect  fail when a TLS 1.2 or older server lacks\n"
"                       secure renegotiation (RFC 5746)\n"
"  -keylogfile file     append NSS key log lines for Wireshark\n"
"  -diagnose            after a failure, probe the server to pin the cause\n"
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
"  -cert_chain file     more certificates to send after the client's\n",
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
"  -allow_proxy_certs -issuer_checks -policy oid  as openssl verify\n"
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
"  -help                this text\n"
"exit status: 0 ok, 1 handshake failed, 2 usage, 3 cannot connect,\n"
"4 certificate verification or -expire-days check failed\n", f);
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
		if (rb[1] == ':')
			strlcpy(cfg->port, rb + 2, sizeof(cfg->port));
		else if (rb[1] != '\0')
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
		if (colon != NULL)
			strlcpy(cfg->port, colon + 1, sizeof(cfg->port));
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
	struct cs_list l = { codes, named, TP_MAX_SUITES, 0, -1, "" };
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

/* -list_ciphers: the expansion, as `openssl ciphers -v` lists it. */
static void __attribute__((noreturn))
list_ciphers(const struct config *cfg, const char *list)
{
	static uint16_t codes[TP_MAX_SUITES];
	static uint8_t named[TP_MAX_SUITES];
	struct cs_list l = { codes, named, TP_MAX_SUITES, 0, -1, "" };
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
	cfg->max_probes = PROBE_MAX;
	cfg->verify_limit = cfg->verify_depth = cfg->auth_level = -1;
	cfg->seclevel = -1;
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

static uint16_t
parse_version(const char *opt, const char *arg)
{
	uint16_t v;

	if (!version_by_name(arg, &v))
		bad_usage("unknown protocol version '%s'", arg);
	(void)opt;
	return v;
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

static void
parse_args(struct config *cfg, int argc, char **argv)
{
	unsigned enabled = V_MASK(TLS1_2_VERSION) | V_MASK(TLS1_3_VERSION);
	unsigned only = 0, off = 0;
	uint16_t minv = 0, maxv = 0, v;
	const char *servername = NULL, *errstr;
	const char *cipher_str = NULL;
	int i, have_connect = 0, noservername = 0, list_mode = 0;
	long long t;
	struct in6_addr a6;

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
		} else if (strcmp(o, "-ign_eof") == 0)
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
		} else if (strcmp(o, "-tls1") == 0)
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
		else if (strcmp(o, "-no_ticket") == 0)
			cfg->no_ticket = 1;
		else if (strcmp(o, "-legacy_server_connect") == 0)
			cfg->reneg_scsv = 1;
		else if (strcmp(o, "-no_legacy_server_connect") == 0)
			cfg->no_legacy_server = 1;
		else if (strcmp(o, "-keylogfile") == 0) {
			NEED_ARG();
			cfg->keylogfile = argv[++i];
		} else if (strcmp(o, "-diagnose") == 0)
			cfg->diagnose = 1;
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
		} else if (parse_verify_opt(cfg, argc, argv, &i))
			;
		else if (strcmp(o, "-help") == 0 || strcmp(o, "-h") == 0 ||
		    strcmp(o, "--help") == 0)
			usage(stdout, EXIT_OK);
		else
			bad_usage("unknown option '%s'", o);
	}
	/* after the loop, so that -quiet anywhere quietens the note */
	if (cipher_str != NULL && !list_mode)
		parse_ciphers(cfg, cipher_str, 0);
	if (list_mode)
		list_ciphers(cfg, cipher_str);
	if (!have_connect)
		bad_usage("%s", "-connect host:port is required");
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
		    V_MASK(TLS1_2_VERSION) | V_MASK(TLS1_3_VERSION);
	enabled &= ~off;
	for (v = TLS1_0_VERSION; v <= TLS1_3_VERSION; v++) {
		if ((minv != 0 && v < minv) || (maxv != 0 && v > maxv))
			enabled &= ~V_MASK(v);
	}
	cfg->min_version = cfg->max_version = 0;
	for (v = TLS1_0_VERSION; v <= TLS1_3_VERSION; v++)
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
	if (cfg->verify_limit >= 0 && !cfg->quiet)
		printf("verify depth is %d\n", cfg->verify_limit);
	if (servername != NULL)
		strlcpy(cfg->servername, servername, sizeof(cfg->servername));
	else if (inet_pton(AF_INET, cfg->host, &a6) != 1 &&
	    inet_pton(AF_INET6, cfg->host, &a6) != 1)
		/* RFC 6066, 3: IP literals are not sent as SNI */
		strlcpy(cfg->servername, cfg->host, sizeof(cfg->servername));
	cfg->sni = !noservername && cfg->servername[0] != '\0';
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
	msg_trust_opts(cfg, &to);
	if ((to.cafile != NULL || to.capath != NULL || to.castore != NULL ||
	    to.vfy_cafile != NULL || to.vfy_capath != NULL ||
	    to.vfy_castore != NULL || to.crlfile != NULL) &&
	    (!cfg->quiet || cfg->verify_return_error)) {
		if (x509_trust_load(&to, why, sizeof(why)) != 0)
			errx(EXIT_USAGE, "%s", why);
	}
	if (cfg->req_cafile != NULL) {
		uint8_t *names;
		size_t nlen;

		if (x509_ca_names_load(cfg->req_cafile, &names, &nlen, why,
		    sizeof(why)) != 0)
			errx(EXIT_USAGE, "%s", why);
		/* kept for the process's life, like the config */
		cfg->req_ca_names = names;
		cfg->req_ca_names_len = nlen;
	}
	if (cfg->cert_file == NULL)
		return;
	if (cfg->pass != NULL &&
	    x509_pass_resolve(cfg->pass, pass, sizeof(pass), why,
	    sizeof(why)) != 0)
		errx(EXIT_USAGE, "%s", why);
	r = x509_client_id_load(id, cfg->cert_file, cfg->key_file,
	    cfg->pass != NULL ? pass : NULL, cfg->chain_file, why, sizeof(why));
	explicit_bzero(pass, sizeof(pass));
	if (r != 0)
		errx(EXIT_USAGE, "%s", why);
	if (cfg->build_chain && x509_client_build_chain(id,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_cafile : cfg->cafile,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_capath : cfg->capath,
	    cfg->chain_cafile != NULL || cfg->chain_capath != NULL ||
	    cfg->chain_castore != NULL ? cfg->chain_castore : cfg->castore,
	    why, sizeof(why)) != 0)
		errx(EXIT_USAGE, "%s", why);
	cfg->client = id;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct conn c;
	struct net n;
	struct transport io;
	struct diag d;
	static struct client_id client;
	FILE *keylog = NULL;
	char why[512];
	enum net_err ne;
	int ret;

	/* no openssl.cnf: a run loads nothing it does not need */
	tp_crypto_init();
	/* a closed peer must be an error return, not a signal */
	signal(SIGPIPE, SIG_IGN);
	/* line-buffered even into a pipe, so `| grep` sees lines promptly */
	setvbuf(stdout, NULL, _IOLBF, 0);
	defaults(&cfg);
	parse_args(&cfg, argc, argv);
	cfg.interactive = isatty(STDIN_FILENO);

	if (cfg.keylogfile != NULL &&
	    (keylog = fopen(cfg.keylogfile, "a")) == NULL)
		err(EXIT_USAGE, "cannot open key log %s", cfg.keylogfile);
	/* files the user named are read now, so a bad one is a usage error */
	load_certs(&cfg, &client);

	ne = net_connect(&n, cfg.host, cfg.port, cfg.timeout_ms, why,
	    sizeof(why));
	if (ne != NET_OK) {
		const char *cls = ne == NET_RESOLVE ? "resolve" :
		    ne == NET_REFUSED ? "refused" : ne == NET_TIMEOUT ?
		    "timeout" : "connect";

		if (cfg.state || cfg.msg || cfg.trace)
			printf("tlsprobe: FAIL %s: %s\n", cls, why);
		fprintf(stderr, "tlsprobe: FAIL %s: %s\n", cls, why);
		return EXIT_CONNECT;
	}
	if (!cfg.quiet)
		printf("CONNECTED(%08X)\n", (unsigned)n.fd);
	net_transport(&n, &io);
	conn_init(&c, &cfg, &io);
	c.on_event = trace_print;
	c.keylog = keylog;

	/* the whole handshake, not only each read, fits in -timeout */
	net_deadline(&n, cfg.timeout_ms);
	ret = handshake(&c);
	/*
	 * RFC 8446, 4.4.2.4: a TLS 1.3 server rejects a client certificate
	 * (or its absence) only after our Finished; look before saying ok.
	 */
	if (ret == 0)
		ret = session_settle(&c, &n);
	net_deadline(&n, 0);
	if (ret == 0) {
		if (!cfg.quiet)
			session_summary(&c);
		if ((ret = session_check_expiry(&c)) == 0)
			ret = session_data(&c, &n);
	}
	if (ret != 0) {
		struct tp_event ev = { .kind = EV_FAIL };

		if (TP_IS_ALERT(ret))
			rec_send_alert(&c, 2, (uint8_t)TP_ALERT_OF(ret));
		diag_failure(&c, ret, &d);
		if (cfg.diagnose && d.probe_worthy) {
			struct verdict v;

			diagnose(&cfg, &c, &v);
			printf("VERDICT %s\n", v.text);
			if (v.cls != NULL && !d.keep_class)
				d.cls = v.cls;
			strlcat(d.text, "; diagnosis: ", sizeof(d.text));
			strlcat(d.text, v.text, sizeof(d.text));
		} else if (d.probe_worthy)
			strlcat(d.text, " (run with -diagnose to pin the cause)",
			    sizeof(d.text));
		ev.text = d.text;
		ev.cls = d.cls;
		trace_event(&c, &ev);
		fflush(stdout);
		fprintf(stderr, "tlsprobe: FAIL %s: %s\n", d.cls, d.text);
	}
	if (c.keylog != NULL)
		fclose(c.keylog);
	conn_free(&c);
	net_close(&n);
	x509_client_id_free(&client);
	free((void *)cfg.req_ca_names);
	x509_trust_reset();
	return ret == 0 ? EXIT_OK : d.exit_code;
}
