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
	if ((size_t)c->state < sizeof(phase) / sizeof(phase[0]) &&
	    phase[c->state] != NULL)
		return phase[c->state];
	return "during the handshake";
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

static const char *
what_it_is(const struct conn *c)
{
	const char *b = (const char *)c->first_bytes;
	size_t n = c->nfirst;

	if (n >= 5 && strncmp(b, "HTTP/", 5) == 0)
		return "an HTTP server (plaintext HTTP on this port)";
	/* an HTTP/0.9-style answer to our binary "request": just HTML */
	if ((n >= 9 && strncasecmp(b, "<!DOCTYPE", 9) == 0) ||
	    (n >= 5 && strncasecmp(b, "<html", 5) == 0))
		return "an HTTP server (it answered with an HTML page)";
	if (n >= 4 && strncmp(b, "SSH-", 4) == 0)
		return "an SSH server";
	if (n >= 4 && strncmp(b, "220 ", 4) == 0)
		return "an SMTP or FTP greeting (try STARTTLS)";
	if (n >= 4 && strncmp(b, "220-", 4) == 0)
		return "an SMTP or FTP greeting (try STARTTLS)";
	if (n >= 3 && strncmp(b, "+OK", 3) == 0)
		return "a POP3 greeting (try STARTTLS)";
	if (n >= 4 && strncmp(b, "* OK", 4) == 0)
		return "an IMAP greeting (try STARTTLS)";
	if (n >= 2 && c->first_bytes[0] == 0x15 && c->first_bytes[1] == 0x03)
		return "a TLS alert with a malformed header";
	return "not TLS";
}

static int
after_hello(const struct conn *c)
{
	return c->state == ST_WROTE_CH || c->state == ST_WROTE_CH2;
}

/* What did the user narrow down?  That is where to look first. */
static void
likely_causes(const struct conn *c, char *buf, size_t len)
{
	const struct config *cfg = c->cfg;
	size_t o = 0, ngdef = 0, nsdef = 0, i;

	for (i = 0; i < tp_ngroups; i++)
		ngdef += tp_groups[i].dflt;
	for (i = 0; i < tp_nsuites; i++)
		nsdef += tp_suites[i].dflt && tp_suites[i].kex != KEX_TLS13;
	buf[0] = '\0';
	if (cfg->ngroups < ngdef)
		o += (size_t)snprintf(buf + o, len - o, "no shared group (you "
		    "offered %zu), ", cfg->ngroups);
	if (cfg->nsuites < nsdef && o < len)
		o += (size_t)snprintf(buf + o, len - o, "no shared cipher "
		    "suite (you offered %zu), ", cfg->nsuites);
	if (o < len)
		o += (size_t)snprintf(buf + o, len - o, "%sno shared cipher "
		    "suite, group or signature algorithm", o ? "or else " : "");
	if (!cfg->sni && o < len)
		snprintf(buf + o, len - o, ", or SNI required (none was sent)");
	else if (o < len)
		snprintf(buf + o, len - o, ", or the name \"%.64s\" unknown "
		    "to the server", cfg->servername);
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
		    "acceptable in the ClientHello; most likely %s; %s",
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
	if (c->fail_class != NULL && strcmp(c->fail_class, "not-tls") == 0) {
		quote_reply(c, q, sizeof(q));
		d->cls = "not-tls";
		snprintf(d->text, sizeof(d->text), "the server's reply is %s: "
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
	if (TP_IS_PEER_ALERT(err)) {
		peer_alert(c, TP_ALERT_OF(err), off, d);
		return;
	}
	switch (err) {
	case TP_E_TIMEOUT:
		d->cls = "timeout";
		snprintf(d->text, sizeof(d->text), "no answer from the server "
		    "within the timeout %s (%s); %s", phase_of(c),
		    c->got_any ? "it stopped in the middle, or was too slow "
		    "to finish within the timeout" : "nothing received at "
		    "all", off);
		return;
	case TP_E_CLOSED:
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
