/*
 * diag.c -- what went wrong, in one line.
 *
 * The failure slot of the connection holds the first reason recorded
 * (message and field); here it is placed in context: the phase of the
 * handshake, what the server did, and what we had offered.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "diag.h"
#include "handshake.h"
#include "names.h"
#include "tperr.h"
#include "x509.h"

/* "after ClientHello": the phase, by the state we were in. */
static const char *const phase[] = {
	[ST_START] = "before ClientHello",
	[ST_WROTE_CH] = "after ClientHello",
	[ST_READ_HRR] = "after HelloRetryRequest",
	[ST_WROTE_CH2] = "after the second ClientHello",
	[ST_READ_SH] = "after ServerHello",
	[ST_READ_EE] = "while reading EncryptedExtensions",
	[ST_READ_CERT] = "while reading the server Certificate",
	[ST_READ_SKE] = "while reading ServerKeyExchange",
	[ST_READ_CR] = "after CertificateRequest",
	[ST_READ_SHD] = "while reading ServerHelloDone",
	[ST_READ_CV] = "while reading CertificateVerify",
	[ST_WROTE_CLIENT_FLIGHT] = "after the client Finished",
	[ST_READ_CCS] = "while waiting for the server ChangeCipherSpec",
	[ST_READ_FIN] = "while reading the server Finished",
	[ST_DONE] = "after the handshake",
	[ST_DATA] = "during application data",
};

static const char *
phase_of(const struct conn *c)
{
	static char buf[64];
	const char *p = "during the handshake", *mn;

	if ((size_t)c->state < sizeof(phase) / sizeof(phase[0]) &&
	    phase[c->state] != NULL)
		p = phase[c->state];
	/*
	 * "while reading X" names the state; the optional CertificateStatus
	 * is processed in the ServerKeyExchange state (TLS 1.2) or the
	 * Certificate one: when the failure came from it, name it.
	 */
	if (strncmp(p, "while reading ", 14) == 0 &&
	    c->cur_msg == HS_CERTIFICATE_STATUS &&
	    (mn = handshake_name((uint8_t)c->cur_msg)) != NULL) {
		snprintf(buf, sizeof(buf), "while reading %s", mn);
		return buf;
	}
	return p;
}

/* Printable rendering of the first bytes of a non-TLS reply. */
static void
quote_reply(const struct conn *c, char *buf, size_t len)
{
	size_t i, o = 0;
	unsigned char ch;

	for (i = 0; i < c->nfirst && o + 5 < len; i++) {
		ch = c->first_bytes[i];
		/* the first line says enough: "HTTP/1.1 400 Bad Request" */
		if (ch == '\r' || ch == '\n')
			break;
		if (isprint(ch))
			buf[o++] = (char)ch;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", ch);
		if (i >= 40)
			break;
	}
	buf[o] = '\0';
}

/* How the reply reads: "comes from an HTTP server (...)". */
static const char *
what_it_is(const struct conn *c)
{
	const char *b = (const char *)c->first_bytes;
	size_t n = c->nfirst;

	if (n >= 5 && strncmp(b, "HTTP/", 5) == 0)
		return "comes from an HTTP server (plaintext HTTP on this port)";
	/* an HTTP/0.9-style answer to our binary "request": just HTML */
	if ((n >= 9 && strncasecmp(b, "<!DOCTYPE", 9) == 0) ||
	    (n >= 5 && strncasecmp(b, "<html", 5) == 0))
		return "is an HTML page, from an HTTP server";
	if (n >= 4 && strncmp(b, "SSH-", 4) == 0)
		return "comes from an SSH server";
	if (n >= 4 && strncmp(b, "220 ", 4) == 0)
		return "is an SMTP or FTP greeting (try STARTTLS)";
	if (n >= 4 && strncmp(b, "220-", 4) == 0)
		return "is an SMTP or FTP greeting (try STARTTLS)";
	if (n >= 3 && strncmp(b, "+OK", 3) == 0)
		return "is a POP3 greeting (try STARTTLS)";
	if (n >= 4 && strncmp(b, "* OK", 4) == 0)
		return "is an IMAP greeting (try STARTTLS)";
	if (n >= 2 && c->first_bytes[0] == 0x15 && c->first_bytes[1] == 0x03)
		return "is a TLS alert with a malformed header";
	return "is not TLS";
}

static int
after_hello(const struct conn *c)
{
	return c->state == ST_WROTE_CH || c->state == ST_WROTE_CH2;
}

/* Is suite s usable at some version in cfg's range? */
static int
suite_in_range(const struct config *cfg, const struct tp_suite *s)
{
	return s->min_version <= cfg->max_version &&
	    s->max_version >= cfg->min_version;
}

static int
has_code(const uint16_t *v, size_t n, uint16_t code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == code)
			return 1;
	return 0;
}

/* "ECDHE-RSA-AES128-GCM-SHA256, AES256-SHA" for up to three codes */
static void
name_list(char *buf, size_t len, const uint16_t *v, size_t n, int kind)
{
	const struct tp_suite *s;
	const struct tp_group *g;
	const struct tp_sigscheme *ss;
	const char *nm;
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 3 && o < len; i++) {
		nm = "?";
		if (kind == 0 && (s = suite_by_code(v[i])) != NULL)
			nm = s->ossl;
		else if (kind == 1 && (g = group_by_code(v[i])) != NULL)
			nm = g->name;
		else if (kind == 2 && (ss = sigscheme_by_code(v[i])) != NULL)
			nm = ss->name;
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
		    nm);
	}
	if (n > 3 && o < len)
		snprintf(buf + o, len - o, ", ...");
}

struct cause {
	double		 share;		/* offered / default: smaller first */
	char		 text[320];
};

/*
 * What did the user narrow down?  That is where to look first: each knob
 * that leaves out something tlsprobe offers by default is a cause, the
 * narrowest first; the knobs left alone follow as "otherwise".
 */
static void
likely_causes(const struct conn *c, char *buf, size_t len)
{
	const struct config *cfg = c->cfg;
	struct cause cs[7], t;
	const char *rest[5];
	char a[16], b[16], names[200];
	size_t ncs = 0, nrest = 0, i, j, o = 0, ndef, nin, noff;
	unsigned wide13 = 0;	/* bit 0: -cipher, bit 1: -ciphersuites */
	/* the protocol versions: default TLS 1.2 and 1.3 */
	nin = (cfg->min_version <= TLS1_2_VERSION &&
	    cfg->max_version >= TLS1_2_VERSION) +
	    (cfg->max_version >= TLS1_3_VERSION);
	if (nin < 2) {
		cs[ncs].share = nin / 2.0;
		if (cfg->min_version == cfg->max_version)
			snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the "
			    "protocol version (you offered only %s)",
			    version_str(cfg->min_version, a, sizeof(a)));
		else
			snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the "
			    "protocol version (you offered %s to %s)",
			    version_str(cfg->min_version, a, sizeof(a)),
			    version_str(cfg->max_version, b, sizeof(b)));
		ncs++;
	} else
		rest[nrest++] = "protocol version";

	/* cipher suites: -cipher (TLS 1.0-1.2) and -ciphersuites apart */
	for (j = 0; j < 2; j++) {
		uint16_t offv[TP_MAX_SUITES];
		size_t noffv = 0;
		int want13 = j == 1;

		if (want13 ? cfg->max_version < TLS1_3_VERSION :
		    cfg->min_version > TLS1_2_VERSION)
			continue;
		ndef = nin = noff = 0;
		for (i = 0; i < tp_nsuites; i++) {
			const struct tp_suite *s = &tp_suites[i];
			int on;

			if ((s->kex == KEX_TLS13) != want13 ||
			    !suite_in_range(cfg, s))
				continue;
			on = want13 ? has_code(cfg->suites13, cfg->nsuites13,
			    s->code) : has_code(cfg->suites, cfg->nsuites,
			    s->code);
			if (s->dflt) {
				ndef++;
				nin += on;
			}
			if (on) {
				noff++;
				if (noffv < TP_MAX_SUITES)
					offv[noffv++] = s->code;
			}
		}
		if (nin < ndef) {
			name_list(names, sizeof(names), offv, noffv, 0);
			cs[ncs].share = ndef ? (double)nin / ndef : 0;
			snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the "
			    "%scipher suites (you offered %zu%s%s)", want13 ?
			    "TLS 1.3 " : "", noff, noff ? ": " : "", names);
			ncs++;
		} else
			wide13 |= 1 << j;
	}
	/* the suites left alone, named apart when the others were narrowed */
	if (wide13 == 3 || (wide13 != 0 && (cfg->min_version > TLS1_2_VERSION ||
	    cfg->max_version < TLS1_3_VERSION)))
		rest[nrest++] = "cipher suite";
	else if (wide13 == 1)
		rest[nrest++] = "TLS 1.0-1.2 cipher suite";
	else if (wide13 == 2)
		rest[nrest++] = "TLS 1.3 cipher suite";

	/* groups */
	ndef = nin = 0;
	for (i = 0; i < tp_ngroups; i++)
		if (tp_groups[i].dflt) {
			ndef++;
			nin += has_code(cfg->groups, cfg->ngroups,
			    tp_groups[i].code);
		}
	if (nin < ndef) {
		name_list(names, sizeof(names), cfg->groups, cfg->ngroups, 1);
		cs[ncs].share = ndef ? (double)nin / ndef : 0;
		snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the groups (you "
		    "offered %zu: %s)", cfg->ngroups, names);
		ncs++;
	} else
		rest[nrest++] = "group";

	/* signature schemes */
	ndef = nin = 0;
	for (i = 0; i < tp_nsigschemes; i++)
		if (tp_sigschemes[i].dflt) {
			ndef++;
			nin += has_code(cfg->sigalgs, cfg->nsigalgs,
			    tp_sigschemes[i].code);
		}
	if (nin < ndef) {
		name_list(names, sizeof(names), cfg->sigalgs, cfg->nsigalgs,
		    2);
		cs[ncs].share = ndef ? (double)nin / ndef : 0;
		snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the signature "
		    "algorithms (you offered %zu: %s)", cfg->nsigalgs, names);
		ncs++;
	} else
		rest[nrest++] = "signature algorithm";

	/* -cert_sigalgs: the chain's signatures must be in that list */
	if (cfg->ncert_sigalgs > 0 && cfg->max_version >= TLS1_3_VERSION) {
		cs[ncs].share = 0;
		snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the server's "
		    "certificate chain, signed with a scheme not in "
		    "-cert_sigalgs (signature_algorithms_cert: you offered "
		    "%zu)", cfg->ncert_sigalgs);
		ncs++;
	}

	/* an extension the user added: ALPN */
	if (cfg->alpn != NULL) {
		cs[ncs].share = 0.5;
		snprintf(cs[ncs].text, sizeof(cs[ncs].text), "the ALPN "
		    "protocols (you offered %.100s)", cfg->alpn);
		ncs++;
	}

	/* narrowest first (stable: the order above breaks ties) */
	for (i = 1; i < ncs; i++)
		for (j = i; j > 0 && cs[j].share < cs[j - 1].share; j--) {
			t = cs[j];
			cs[j] = cs[j - 1];
			cs[j - 1] = t;
		}
	buf[0] = '\0';
	if (ncs > 0)
		o += (size_t)snprintf(buf + o, len - o, "most likely what you "
		    "narrowed: ");
	for (i = 0; i < ncs && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s",
		    i == 0 ? "" : ", then ", cs[i].text);
	if (o < len)
		o += (size_t)snprintf(buf + o, len - o, "%s", ncs > 0 ?
		    "; otherwise " : "most likely ");
	if (nrest > 0 && o < len) {
		o += (size_t)snprintf(buf + o, len - o, "no shared ");
		for (i = 0; i < nrest && o < len; i++)
			o += (size_t)snprintf(buf + o, len - o, "%s%s",
			    i == 0 ? "" : i + 1 == nrest ? " or " : ", ",
			    rest[i]);
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, ", or ");
	}
	if (!cfg->sni && o < len)
		snprintf(buf + o, len - o, "SNI required (none was sent)");
	else if (o < len)
		snprintf(buf + o, len - o, "the name \"%.64s\" unknown to the "
		    "server", cfg->servername);
}

/* The alerts a server sends about a certificate it does not accept. */
static int
cert_alert(int desc)
{
	switch (desc) {
	case ALERT_BAD_CERTIFICATE:
	case ALERT_UNSUPPORTED_CERTIFICATE:
	case ALERT_CERTIFICATE_REVOKED:
	case ALERT_CERTIFICATE_EXPIRED:
	case ALERT_CERTIFICATE_UNKNOWN:
	case ALERT_UNKNOWN_CA:
	case 49:	/* access_denied */
	case ALERT_DECRYPT_ERROR:	/* our CertificateVerify */
	case ALERT_CERTIFICATE_REQUIRED:
		return 1;
	default:
		return 0;
	}
}

/* "acceptable CAs: CN = a; CN = b", from the CertificateRequest */
static void
ca_names(const struct conn *c, char *buf, size_t len)
{
	size_t o, i;

	if (c->ncr_ca_names == 0) {
		snprintf(buf, len, "it named no acceptable CA");
		return;
	}
	o = (size_t)snprintf(buf, len, "acceptable CAs: ");
	for (i = 0; c->cr_ca_names[i] != '\0' && o + 3 < len; i++) {
		if (c->cr_ca_names[i] != '\n')
			buf[o++] = c->cr_ca_names[i];
		else if (c->cr_ca_names[i + 1] != '\0') {
			buf[o++] = ';';
			buf[o++] = ' ';
		}
	}
	buf[o] = '\0';
}

/*
 * The server asked for a certificate, tlsprobe sent none, and the server
 * ended the handshake without saying why (several TLS libraries just
 * close): that is the client-cert class all the same.
 */
static int
cert_refusal(const struct conn *c, const char *how, struct diag *d)
{
	char names[2560];

	if (!c->cert_requested || c->client_cert_sent ||
	    c->state < ST_WROTE_CLIENT_FLIGHT)
		return 0;
	ca_names(c, names, sizeof(names));
	d->cls = "client-cert";
	d->probe_worthy = 0;
	snprintf(d->text, sizeof(d->text), "server requires a client "
	    "certificate: it sent CertificateRequest, tlsprobe sent none%s, "
	    "and the server %s %s; %s", c->cfg->client != NULL ? " (the key "
	    "of -cert fits none of the types and algorithms it accepts)" :
	    " (give one with -cert and -key)", how, phase_of(c), names);
	return 1;
}

static void
peer_alert(const struct conn *c, int desc, const char *off, struct diag *d)
{
	const char *an = alert_name((uint8_t)desc);
	char causes[2560];

	if (an == NULL)
		an = "unknown";
	d->probe_worthy = after_hello(c);
	/*
	 * Servers disagree on alerts (GnuTLS answers a version mismatch with
	 * handshake_failure), so the state and our offer say as much as the
	 * code: say what it most likely means.
	 */
	if (desc == ALERT_PROTOCOL_VERSION) {
		d->cls = "version";
		snprintf(d->text, sizeof(d->text), "server rejected the "
		    "offered protocol versions %s: fatal alert "
		    "protocol_version (70); %s", phase_of(c), off);
	} else if (desc == ALERT_NO_APPLICATION_PROTOCOL &&
	    c->cfg->alpn != NULL) {
		d->cls = "alpn";
		snprintf(d->text, sizeof(d->text), "server accepts none of the "
		    "ALPN protocols offered (%.200s): fatal alert "
		    "no_application_protocol (120) %s; %s", c->cfg->alpn,
		    phase_of(c), off);
	} else if (desc == ALERT_UNRECOGNIZED_NAME) {
		d->cls = "sni";
		snprintf(d->text, sizeof(d->text), "server does not know the "
		    "name \"%s\" sent in SNI: fatal alert unrecognized_name "
		    "(112) %s", c->cfg->servername, phase_of(c));
	} else if (c->client_cert_sent && c->state >= ST_WROTE_CLIENT_FLIGHT &&
	    cert_alert(desc)) {
		d->cls = "client-cert";
		d->probe_worthy = 0;
		snprintf(d->text, sizeof(d->text), "server rejected the client "
		    "certificate %s: fatal alert %s (%d) %s",
		    c->cfg->client != NULL ? c->cfg->client->subject : "",
		    an, desc, phase_of(c));
	} else if (!c->client_cert_sent &&
	    (desc == ALERT_CERTIFICATE_REQUIRED ||
	    (c->cert_requested && c->state >= ST_WROTE_CLIENT_FLIGHT))) {
		d->cls = "client-cert";
		d->probe_worthy = 0;
		ca_names(c, causes, sizeof(causes));
		snprintf(d->text, sizeof(d->text), "server requires a client "
		    "certificate: it sent CertificateRequest, tlsprobe sent "
		    "none%s, and the server answered with fatal alert %s (%d) "
		    "%s; %s", c->cfg->client != NULL ? " (the key of -cert "
		    "fits none of the types and algorithms it accepts)" :
		    " (give one with -cert and -key)", an, desc, phase_of(c),
		    causes);
	} else if (after_hello(c) && (desc == ALERT_HANDSHAKE_FAILURE ||
	    desc == ALERT_INSUFFICIENT_SECURITY ||
	    desc == ALERT_ILLEGAL_PARAMETER)) {
		likely_causes(c, causes, sizeof(causes));
		d->cls = "negotiation";
		snprintf(d->text, sizeof(d->text), "handshake failed %s: "
		    "server sent fatal alert %s (%d), so it found nothing "
		    "acceptable in the ClientHello; %s; %s",
		    phase_of(c), an, desc, causes, off);
	} else {
		d->cls = "alert";
		snprintf(d->text, sizeof(d->text), "handshake failed %s: "
		    "server sent fatal alert %s (%d); %s", phase_of(c), an,
		    desc, off);
	}
}

void
diag_failure(const struct conn *c, int err, struct diag *d)
{
	char off[96], q[128];
	const char *an;

	hs_offer_summary(c, off, sizeof(off));
	d->exit_code = EXIT_HANDSHAKE;
	d->probe_worthy = 0;
	d->keep_class = 0;
	/* -expect-*: the handshake worked, an assertion did not */
	if (err == TP_E_EXPECT) {
		d->cls = "expect";
		d->exit_code = EXIT_EXPECT;
		snprintf(d->text, sizeof(d->text), "%s", c->why);
		return;
	}
	/* before TLS (plainio.c): the reason is complete as recorded */
	if (err == TP_E_PLAIN) {
		d->cls = c->fail_class != NULL ? c->fail_class : "starttls";
		/* a proxy that will not tunnel: we cannot connect */
		if (strcmp(d->cls, "proxy") == 0)
			d->exit_code = EXIT_CONNECT;
		snprintf(d->text, sizeof(d->text), "%s", c->why);
		return;
	}
	/* our own verdict on the server's certificate: exit 4 */
	if (c->fail_class != NULL && TP_IS_ALERT(err) &&
	    (strcmp(c->fail_class, "verify") == 0 ||
	    strcmp(c->fail_class, "expiry") == 0)) {
		an = alert_name((uint8_t)TP_ALERT_OF(err));
		d->cls = c->fail_class;
		d->exit_code = EXIT_VERIFY;
		if (strcmp(d->cls, "expiry") == 0)
			snprintf(d->text, sizeof(d->text), "certificate expiry "
			    "check failed: %s (sent %s)", c->why,
			    an != NULL ? an : "alert");
		else
			snprintf(d->text, sizeof(d->text), "certificate "
			    "verification failed %s: %s (sent %s)",
			    c->state == ST_READ_CV ? "after the server's "
			    "CertificateVerify" : phase_of(c), c->why,
			    an != NULL ? an : "alert");
		return;
	}
	/*
	 * Our verdicts on the server's crypto: "weak-crypto" (-strict or
	 * -verify_return_error; exit 4, like verify) and "seclevel" (what
	 * s_client refuses at the security level; exit 1, as its failure).
	 */
	if (c->fail_class != NULL && TP_IS_ALERT(err) &&
	    (strcmp(c->fail_class, "weak-crypto") == 0 ||
	    strcmp(c->fail_class, "seclevel") == 0)) {
		an = alert_name((uint8_t)TP_ALERT_OF(err));
		d->cls = c->fail_class;
		d->exit_code = strcmp(d->cls, "seclevel") == 0 ?
		    EXIT_HANDSHAKE : EXIT_VERIFY;
		snprintf(d->text, sizeof(d->text), "%s (sent %s)", c->why,
		    an != NULL ? an : "alert");
		return;
	}
	if (c->fail_class != NULL && strcmp(c->fail_class, "not-tls") == 0) {
		quote_reply(c, q, sizeof(q));
		d->cls = "not-tls";
		snprintf(d->text, sizeof(d->text), "the server's reply %s: "
		    "\"%s\"", what_it_is(c), q);
		return;
	}
	/*
	 * Resumption (issue 10): a server that aborts on our PSK instead of
	 * ignoring a ticket it cannot use, or that cannot validate the
	 * binder of its own ticket.
	 */
	if (TP_IS_PEER_ALERT(err) && c->psk_offered && !c->resumed &&
	    c->state <= ST_WROTE_CH2 && (TP_ALERT_OF(err) ==
	    ALERT_DECRYPT_ERROR || TP_ALERT_OF(err) == ALERT_ILLEGAL_PARAMETER)) {
		an = alert_name((uint8_t)TP_ALERT_OF(err));
		d->cls = "alert";
		snprintf(d->text, sizeof(d->text), "server sent fatal alert "
		    "%s (%d) to a ClientHello offering its own ticket as PSK: "
		    "it rejects the binder, computed as RFC 8446, 4.2.11.2 "
		    "says from the PSK of that ticket; a server that cannot "
		    "use a ticket must ignore it and do a full handshake "
		    "(RFC 8446, 4.2.11)", an != NULL ? an : "alert",
		    TP_ALERT_OF(err));
		return;
	}
	/*
	 * External PSK (psk13): s_server answers a binder it cannot verify
	 * -- the wrong key -- with illegal_parameter, RFC 8446 says
	 * decrypt_error.
	 */
	if (TP_IS_PEER_ALERT(err) && c->ext_offered && !c->resumed &&
	    c->state <= ST_WROTE_CH2 && (TP_ALERT_OF(err) ==
	    ALERT_DECRYPT_ERROR || TP_ALERT_OF(err) == ALERT_ILLEGAL_PARAMETER)) {
		an = alert_name((uint8_t)TP_ALERT_OF(err));
		d->cls = "alert";
		snprintf(d->text, sizeof(d->text), "server sent fatal alert "
		    "%s (%d) to a ClientHello offering the external PSK of "
		    "identity '%.128s': most likely the server knows that "
		    "identity with another key (-psk / -psk_session), so the "
		    "binder (RFC 8446, 4.2.11.2) does not verify",
		    an != NULL ? an : "alert", TP_ALERT_OF(err),
		    c->cfg->ext_psk->psk_identity);
		return;
	}
	if (TP_IS_PEER_ALERT(err)) {
		peer_alert(c, TP_ALERT_OF(err), off, d);
		return;
	}
	switch (err) {
	case TP_E_TIMEOUT:
		d->cls = "timeout";
		snprintf(d->text, sizeof(d->text), "no answer from the server "
		    "within the timeout of %d s %s (%s); %s",
		    c->cfg->timeout_ms / 1000, phase_of(c),
		    c->got_any ? "it stopped in the middle, or was too slow "
		    "to finish within the timeout" : "nothing received at "
		    "all", off);
		return;
	case TP_E_CLOSED:
		if (cert_refusal(c, "closed (or reset) the connection without "
		    "an alert", d))
			return;
		d->cls = "closed";
		d->probe_worthy = after_hello(c);
		snprintf(d->text, sizeof(d->text), "server closed the "
		    "connection without an alert %s; %s", phase_of(c), off);
		return;
	case TP_E_CLOSE_NOTIFY:
		d->cls = "closed";
		snprintf(d->text, sizeof(d->text), "server sent close_notify "
		    "%s, before the handshake finished", phase_of(c));
		return;
	case TP_E_IO:
		d->cls = "io";
		snprintf(d->text, sizeof(d->text), "transport error %s: %s",
		    phase_of(c), c->why[0] ? c->why : "read/write failed");
		return;
	case TP_E_NOMEM:
		d->cls = "internal";
		snprintf(d->text, sizeof(d->text), "out of memory");
		return;
	default:
		break;
	}
	d->cls = c->fail_class != NULL ? c->fail_class : "protocol";
	/*
	 * A ServerHello outside the offered versions, or a HelloRetryRequest
	 * that breaks RFC 8446: the probes can tell what the server speaks.
	 * A protocol error keeps its class; the verdict is added to it.
	 */
	if ((c->state == ST_READ_SH || c->state == ST_READ_HRR) &&
	    (strcmp(d->cls, "version") == 0 ||
	    strcmp(d->cls, "protocol") == 0)) {
		d->probe_worthy = 1;
		d->keep_class = strcmp(d->cls, "protocol") == 0;
	}
	if (TP_IS_ALERT(err)) {
		an = alert_name((uint8_t)TP_ALERT_OF(err));
		snprintf(d->text, sizeof(d->text), "%s %s: %s (sent %s)",
		    "handshake failed", phase_of(c), c->why[0] ? c->why :
		    "error", an != NULL ? an : "alert");
		return;
	}
	snprintf(d->text, sizeof(d->text), "handshake failed %s: %s",
	    phase_of(c), c->why[0] ? c->why : "error");
}
