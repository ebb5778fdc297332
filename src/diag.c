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

#include "conn.h"
#include "diag.h"
#include "handshake.h"
#include "names.h"
#include "tperr.h"

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

void
diag_failure(const struct conn *c, int err, struct diag *d)
{
	char off[96], q[128];
	const char *an;
	int desc;

	hs_offer_summary(c, off, sizeof(off));
	d->exit_code = EXIT_HANDSHAKE;
	if (c->fail_class != NULL && strcmp(c->fail_class, "not-tls") == 0) {
		quote_reply(c, q, sizeof(q));
		d->cls = "not-tls";
		snprintf(d->text, sizeof(d->text), "the server's reply is %s: "
		    "\"%s\"", what_it_is(c), q);
		return;
	}
	if (TP_IS_PEER_ALERT(err)) {
		desc = TP_ALERT_OF(err);
		an = alert_name((uint8_t)desc);
		d->cls = desc == ALERT_PROTOCOL_VERSION ? "version" : "alert";
		snprintf(d->text, sizeof(d->text), "handshake failed %s: "
		    "server sent fatal alert %s (%d); %s", phase_of(c),
		    an != NULL ? an : "unknown", desc, off);
		return;
	}
	switch (err) {
	case TP_E_TIMEOUT:
		d->cls = "timeout";
		snprintf(d->text, sizeof(d->text), "no answer from the server "
		    "within the timeout %s (%s); %s", phase_of(c),
		    c->got_any ? "it stopped in the middle" : "nothing "
		    "received at all", off);
		return;
	case TP_E_CLOSED:
		d->cls = "closed";
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
