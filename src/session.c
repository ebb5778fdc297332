/*
 * session.c -- the connection summary and the data phase.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hsbuf.h"
#include "msg.h"
#include "names.h"
#include "net.h"
#include "record.h"
#include "session.h"
#include "x509.h"
#include "tperr.h"

/* After stdin ends and close_notify is sent, wait this long for the peer. */
#define CLOSE_WAIT_MS	1000

/* s_client's names for CertificateRequest certificate types */
static const struct tp_name ossl_certtypes[] = {
	{ 1, "RSA sign" }, { 2, "DSA sign" }, { 3, "RSA fixed DH" },
	{ 4, "DSS fixed DH" }, { 64, "ECDSA sign" }, { 65, "RSA fixed ECDH" },
	{ 66, "ECDSA fixed ECDH" },
};

/* A signature scheme as s_client prints it: "RSA-PSS+SHA256", "ed25519" */
static void
print_sigalg(uint16_t code)
{
	const struct tp_sigscheme *s = sigscheme_by_code(code);
	const char *h;

	if (s == NULL) {
		/* RFC 5246, 7.4.1.4.1: a hash byte and a signature byte */
		static const char *const hs[] = { NULL, "MD5", "SHA1",
		    "SHA224", "SHA256", "SHA384", "SHA512" };
		static const char *const ss[] = { NULL, "RSA", "DSA",
		    "ECDSA" };
		unsigned hb = code >> 8, sb = code & 0xff;

		if (hb >= 1 && hb <= 6 && sb >= 1 && sb <= 3)
			printf("%s+%s", ss[sb], hs[hb]);
		else
			printf("0x%02X+0x%02X", hb, sb);
		return;
	}
	h = hash_name(s->hash);
	switch (s->alg) {
	case SIG_RSA_PKCS1:
		printf("RSA+%s", h);
		break;
	case SIG_RSA_PSS_RSAE:
		printf("RSA-PSS+%s", h);
		break;
	case SIG_ECDSA:
		printf("ECDSA+%s", h);
		break;
	case SIG_DSA:
		printf("DSA+%s", h);
		break;
	default:
		printf("%s", s->name);
		break;
	}
}

/* Of the server's list, what we offer too (TLS 1.3: no SHA-1, SHA-224, DSA). */
static int
shared_sigalg(const struct conn *c, uint16_t code)
{
	const struct tp_sigscheme *s = sigscheme_by_code(code);

	if (s == NULL || !msg_offered_sigalg(c, code))
		return 0;
	if (c->version >= TLS1_3_VERSION && (s->alg == SIG_DSA ||
	    s->hash == HASH_SHA1 || s->hash == HASH_SHA224))
		return 0;
	return 1;
}

/* What the server asked of a client certificate, as s_client shows it. */
static void
print_request(const struct conn *c)
{
	const char *name;
	size_t i, n;

	if (c->ncr_ca_names == 0)
		printf("---\nNo client certificate CA names sent\n");
	else
		printf("---\nAcceptable client certificate CA names\n%s",
		    c->cr_ca_names);
	/* the names that did not fit are counted */
	for (i = n = 0; c->cr_ca_names[i] != '\0'; i++)
		n += c->cr_ca_names[i] == '\n';
	if (n < c->ncr_ca_names)
		printf("(and %zu more)\n", c->ncr_ca_names - n);
	if (!c->cert_requested)
		return;
	if (c->ncr_types > 0) {
		printf("Client Certificate Types: ");
		for (i = 0; i < c->ncr_types; i++) {
			name = NULL;
			for (n = 0; n < sizeof(ossl_certtypes) /
			    sizeof(ossl_certtypes[0]); n++)
				if (ossl_certtypes[n].code == c->cr_types[i])
					name = ossl_certtypes[n].name;
			if (i > 0)
				printf(", ");
			if (name != NULL)
				printf("%s", name);
			else
				printf("UNKNOWN (%u),", c->cr_types[i]);
		}
		printf("\n");
	}
	if (c->ncr_sigalgs > 0) {
		printf("Requested Signature Algorithms: ");
		for (i = 0; i < c->ncr_sigalgs; i++) {
			if (i > 0)
				printf(":");
			print_sigalg(c->cr_sigalgs[i]);
		}
		printf("\nShared Requested Signature Algorithms: ");
		for (i = n = 0; i < c->ncr_sigalgs; i++) {
			if (!shared_sigalg(c, c->cr_sigalgs[i]))
				continue;
			if (n++ > 0)
				printf(":");
			print_sigalg(c->cr_sigalgs[i]);
		}
		printf("\n");
	}
	if (c->client_cert_sent)
		printf("Client certificate sent: %s (CertificateVerify with "
		    "%s)\n", c->cfg->client->subject,
		    c->client_sigscheme->name);
	else
		printf("Client certificate sent: none\n");
}

/* The certificate part of the summary, in s_client's order. */
static void
print_certs(const struct conn *c)
{
	const uint8_t *const *der = (const uint8_t *const *)c->certs;
	long long secs;
	char date[64];

	if (c->ncerts == 0) {
		printf("---\nno peer certificate available\n");
		return;
	}
	printf("---\nCertificate chain\n");
	x509_print_chain(stdout, der, c->certlens, c->ncerts,
	    c->cfg->showcerts);
	printf("---\nServer certificate\n");
	/* s_client: redundant when the whole chain was shown */
	if (!c->cfg->showcerts)
		x509_print_pem(stdout, der[0], c->certlens[0]);
	x509_print_subject_issuer(stdout, der[0], c->certlens[0]);
	printf("---\nLeaf certificate\n");
	x509_print_leaf(stdout, 4, der[0], c->certlens[0]);
	if (x509_expiry(der[0], c->certlens[0], 0, &secs, date,
	    sizeof(date)) == 0) {
		if (secs >= 0)
			printf("Certificate expires in %lld days (%s)\n",
			    secs / 86400, date);
		else
			printf("Certificate expired %lld days ago (%s)\n",
			    -secs / 86400, date);
	}
	if (c->cfg->status)
		printf("OCSP status: %s\n", c->ocsp_text[0] != '\0' ?
		    c->ocsp_text : "no response sent");
}

void
session_summary(struct conn *c)
{
	const char *vn = version_ossl_name(c->version);
	const struct tp_group *g = group_by_code(c->kex_group);
	size_t i;

	print_certs(c);
	print_request(c);
	if (c->peer_sigscheme != NULL)
		printf("Peer signature type: %s\n", c->peer_sigscheme->name);
	if (c->kex_bits > 0)
		printf("Server Temp Key: %s, %d bits\n", g != NULL ? g->name :
		    "DH", c->kex_bits);
	/* -ct: s_client's "SCTs present" block, before the byte counts */
	if (c->cfg->ct && c->ncerts > 0)
		x509_print_scts(stdout, (const uint8_t *const *)c->certs,
		    c->certlens, c->ncerts, c->sct_list, c->sct_list_len,
		    c->ocsp_resp, c->ocsp_resp_len, c->cfg->ctlogfile);
	printf("---\n");
	printf("SSL handshake has read %llu bytes and written %llu bytes\n",
	    (unsigned long long)c->bytes_read,
	    (unsigned long long)c->bytes_written);
	if (c->verified && c->verify_code == 0) {
		printf("Verification: OK\n");
		if (c->verified_peername[0] != '\0')
			printf("Verified peername: %s\n",
			    c->verified_peername);
	} else if (c->verified)
		printf("Verification error: %s\n",
		    x509_verify_text(c->verify_code));
	/* apps/lib/s_cb.c, print_verify_detail(): the TLSA record used */
	if (c->verified && c->verify_code == 0 && c->dane_line[0] != '\0')
		printf("%s\n", c->dane_line);
	printf("---\n");
	printf("New, %s, Cipher is %s\n", vn, c->suite->ossl);
	if (c->peer_key_desc[0] != '\0')
		printf("Server public key is %d bit\n", c->peer_key_bits);
	if (c->version < TLS1_3_VERSION)
		printf("Secure Renegotiation IS%s supported\n",
		    c->secure_reneg ? "" : " NOT");
	printf("Compression: NONE\n");
	printf("Expansion: NONE\n");
	if (c->alpn[0] != '\0')
		printf("ALPN protocol: %s\n", c->alpn);
	else
		printf("No ALPN negotiated\n");
	printf("SSL-Session:\n");
	printf("    Protocol  : %s\n", vn);
	printf("    Cipher    : %s\n", c->suite->ossl);
	printf("    Session-ID: ");
	for (i = 0; i < c->server_sid_len && c->version < TLS1_3_VERSION; i++)
		printf("%02X", c->server_sid[i]);
	printf("\n");
	if (c->verified)
		printf("    Verify return code: %d (%s)\n", c->verify_code,
		    x509_verify_text(c->verify_code));
	if (c->version < TLS1_3_VERSION)
		printf("    Extended master secret: %s\n", c->ems ? "yes" :
		    "no");
	printf("---\n");
	fflush(stdout);
}

int
session_check_expiry(struct conn *c)
{
	const struct config *cfg = c->cfg;
	long long secs;
	char date[64];

	if (!cfg->check_expiry || c->ncerts == 0)
		return 0;
	c->fail_class = "expiry";
	if (x509_expiry(c->certs[0], c->certlens[0], 0, &secs, date,
	    sizeof(date)) != 0)
		return tp_fail(c, TP_E_ALERT(ALERT_BAD_CERTIFICATE), "the "
		    "server certificate's notAfter cannot be read");
	if (secs >= (long long)cfg->expire_days * 86400) {
		c->fail_class = NULL;
		return 0;
	}
	if (secs < 0)
		return tp_fail(c, TP_E_ALERT(ALERT_CERTIFICATE_EXPIRED), "the "
		    "server certificate expired %lld days ago (%s)",
		    -secs / 86400, date);
	return tp_fail(c, TP_E_ALERT(ALERT_CERTIFICATE_UNKNOWN), "the server "
	    "certificate expires in %lld days (%s), within the %d days of "
	    "-expire-days", secs / 86400, date, cfg->expire_days);
}

/* One record from the server after the handshake. */
int
session_record(struct conn *c)
{
	static const uint8_t no_reneg[2] = { 1, ALERT_NO_RENEGOTIATION };
	struct cbs frag;
	struct hsmsg m;
	uint8_t type;
	int ret;

	if ((ret = rec_read(c, &type, &frag)) != 0)
		return ret;
	switch (type) {
	case CT_APPLICATION_DATA: {
		struct tp_event ev = { .kind = EV_APPDATA };

		ev.data = cbs_data(&frag);
		ev.len = cbs_len(&frag);
		trace_event(c, &ev);
		if (cbs_len(&frag) > 0 &&
		    fwrite(cbs_data(&frag), 1, cbs_len(&frag), stdout) !=
		    cbs_len(&frag))
			return TP_E_IO;
		fflush(stdout);
		return 0;
	}
	case CT_ALERT:
		return hs_alert(c, &frag);
	case CT_HANDSHAKE:
		/* post-handshake messages go through the reassembler */
		if (cbs_len(&frag) == 0)
			return tp_fail(c, TP_E_UNEXPECTED, "zero-length "
			    "handshake record");
		if ((ret = hs_feed(c, &frag)) != 0)
			return ret;
		for (;;) {
			int got;

			if ((ret = hs_take(c, &m, &got)) != 0)
				return ret;
			if (!got)
				break;
			if (c->version >= TLS1_3_VERSION)
				ret = hs13_post_handshake(c, &m);
			else if (m.type == HS_HELLO_REQUEST) {
				/* RFC 5246, 7.4.1.1: we do not renegotiate */
				trace_info(c, "server asked to renegotiate; "
				    "declining");
				ret = rec_write(c, CT_ALERT, no_reneg, 2);
				if (ret == 0)
					ret = rec_flush(c);
			} else
				ret = tp_fail(c, TP_E_UNEXPECTED, "unexpected "
				    "%s after the handshake",
				    handshake_name((uint8_t)m.type) ?
				    handshake_name((uint8_t)m.type) :
				    "handshake message");
			if (ret != 0)
				return ret;
		}
		return 0;
	default:
		return tp_fail(c, TP_E_UNEXPECTED, "%s record after the "
		    "handshake", content_type_name(type) ?
		    content_type_name(type) : "unknown");
	}
}

/* How long a late rejection may take to arrive. */
#define SETTLE_MS	1500

int
session_settle(struct conn *c, struct net *n)
{
	struct pollfd pfd;
	int waited = 0, r, ret;

	if (c->version < TLS1_3_VERSION || !c->cert_requested)
		return 0;
	while (c->tickets == 0 && waited < SETTLE_MS) {
		if (rec_pending(c) == 0) {
			pfd.fd = n->fd;
			pfd.events = POLLIN;
			r = poll(&pfd, 1, 100);
			waited += 100;
			if (r <= 0)
				continue;
		}
		if ((ret = session_record(c)) != 0)
			return ret;
	}
	return 0;
}

static void
send_close_notify(struct conn *c)
{
	static const uint8_t cn[2] = { 1, ALERT_CLOSE_NOTIFY };
	struct tp_event ev = { .kind = EV_ALERT, .sent = 1 };

	if (rec_write(c, CT_ALERT, cn, 2) != 0)
		return;
	ev.version = c->wire_version;
	ev.data = cn;
	ev.len = 2;
	trace_event(c, &ev);
	(void)rec_flush(c);
}

int
session_data(struct conn *c, struct net *n)
{
	struct pollfd pfd[2];
	uint8_t buf[TLS_MAX_PLAINTEXT];
	int stdin_open = 1, ret, timeout, r;
	ssize_t got;

	hs_enter(c, ST_DATA);
	for (;;) {
		if (rec_pending(c) > 0) {
			/* whole records may already be buffered */
			ret = session_record(c);
			goto check;
		}
		pfd[0].fd = n->fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = STDIN_FILENO;
		pfd[1].events = POLLIN;
		timeout = stdin_open ? -1 : CLOSE_WAIT_MS;
		r = poll(pfd, stdin_open ? 2 : 1, timeout);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return TP_E_IO;
		if (r == 0)
			return 0;	/* the peer did not close: fine */
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ret = session_record(c);
			goto check;
		}
		if (stdin_open && (pfd[1].revents & (POLLIN | POLLHUP))) {
			got = read(STDIN_FILENO, buf, sizeof(buf));
			if (got <= 0) {
				stdin_open = 0;
				if (!c->cfg->ign_eof)
					send_close_notify(c);
				if (c->cfg->ign_eof)
					stdin_open = 0;
				continue;
			}
			if ((ret = rec_write(c, CT_APPLICATION_DATA, buf,
			    (size_t)got)) != 0 || (ret = rec_flush(c)) != 0)
				return ret;
		}
		continue;
 check:
		if (ret == TP_E_CLOSE_NOTIFY)
			return 0;
		if (ret == TP_E_CLOSED) {
			/*
			 * The handshake is done; a server that just drops
			 * the connection (no close_notify) ends the session,
			 * it does not fail it.
			 */
			if (stdin_open)
				trace_info(c, "server closed the connection "
				    "without close_notify");
			return 0;
		}
		if (ret == TP_E_TIMEOUT && !stdin_open)
			return 0;
		if (ret != 0)
			return ret;
	}
}
