/*
 * session.c -- the connection summary and the data phase.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hsbuf.h"
#include "keysched.h"
#include "kex.h"
#include "msg.h"
#include "names.h"
#include "net.h"
#include "ossl.h"
#include "record.h"
#include "sessfile.h"
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

/*
 * -serverinfo: each answer as s_client's serverinfo_cli_parse_cb writes it
 * (PEM_write_bio of type, length and data: base64, 64 columns).
 */
static void
print_serverinfo(const struct conn *c)
{
	unsigned char line[65];
	size_t off = 0, n, i, k;
	unsigned type;

	while (off + 4 <= c->serverinfo_len) {
		type = (unsigned)c->serverinfo[off] << 8 |
		    c->serverinfo[off + 1];
		n = 4 + ((size_t)c->serverinfo[off + 2] << 8 |
		    c->serverinfo[off + 3]);
		if (n > c->serverinfo_len - off)
			return;
		printf("-----BEGIN SERVERINFO FOR EXTENSION %u-----\n", type);
		for (i = 0; i < n; i += 48) {
			k = n - i < 48 ? n - i : 48;
			EVP_EncodeBlock(line, c->serverinfo + off + i, (int)k);
			printf("%s\n", line);
		}
		printf("-----END SERVERINFO FOR EXTENSION %u-----\n", type);
		off += n;
	}
}

/* s_client's "Peer signing digest:" and "Peer signature type:" lines */
static void
print_peer_sig(const struct conn *c)
{
	const char *d;

	if (c->peer_sigscheme == NULL)
		return;
	if ((d = ossl_sig_digest(c->peer_sigscheme)) != NULL)
		printf("Peer signing digest: %s\n", d);
	printf("Peer signature type: %s\n", ossl_sig_type(c->peer_sigscheme));
}

/* -keymatexport: s_client's "Keying material exporter:" lines */
static void
print_keymat(const struct conn *c)
{
	const struct config *cfg = c->cfg;
	uint8_t km[4096];
	size_t i, n = cfg->keymatexportlen;

	if (cfg->keymatexport == NULL || c->suite == NULL || c->state < ST_DONE)
		return;
	if (n > sizeof(km))
		n = sizeof(km);
	printf("Keying material exporter:\n");
	printf("    Label: '%s'\n", cfg->keymatexport);
	printf("    Length: %zu bytes\n", n);
	if (tls_exporter(c->version, c->version >= TLS1_3_VERSION ?
	    c->suite->prf : c->version >= TLS1_2_VERSION ? c->suite->prf :
	    HASH_MD5_SHA1, c->version >= TLS1_3_VERSION ? c->s13.exporter :
	    c->master, c->client_random, c->server_random, cfg->keymatexport,
	    km, n) != 0) {
		printf("    Error\n");
		return;
	}
	printf("    Keying material: ");
	for (i = 0; i < n; i++)
		printf("%02X", km[i]);
	printf("\n");
	tp_wipe(km, n);
}

/*
 * The version the summary speaks of: the negotiated one, or before a
 * ServerHello the highest offered (s_client's SSL_version() then).
 */
static uint16_t
summary_version(const struct conn *c)
{
	return c->version != 0 ? c->version : c->cfg->max_version;
}

/* BIO_dump_indent(bio, p, len, 4), as SSL_SESSION_print uses it */
static void
dump_indent4(const uint8_t *p, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		printf("    %04zx - ", i);
		for (j = 0; j < 16; j++) {
			if (i + j >= len)
				printf("   ");
			else
				printf("%02x%c", p[i + j], j == 7 ? '-' : ' ');
		}
		printf("  ");
		for (j = 0; j < 16 && i + j < len; j++)
			putchar(p[i + j] >= ' ' && p[i + j] <= '~' ?
			    p[i + j] : '.');
		putchar('\n');
	}
}

static void
print_hex(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02X", p[i]);
}

/*
 * The SSL-Session block, line for line as OpenSSL's SSL_SESSION_print()
 * writes it (s_client's summary and "Post-Handshake New Session Ticket").
 * It prints the master secret or resumption PSK, as s_client does; nothing
 * else in tlsprobe prints secrets.
 */
void
session_print_block(const struct conn *c, const struct tp_session *s,
    int show_ticket)
{
	const struct tp_suite *su = suite_by_code(s->suite);

	printf("SSL-Session:\n");
	printf("    Protocol  : %s\n", version_ossl_name(s->version));
	/* SSL_SESSION_print: the code when no cipher is set yet */
	if (s->suite == 0)
		printf("    Cipher    : 0000\n");
	else
		printf("    Cipher    : %s\n", su != NULL ? su->ossl :
		    "unknown");
	printf("    Session-ID: ");
	print_hex(s->sid, s->sid_len);
	printf("\n    Session-ID-ctx: \n");
	printf(s->version >= TLS1_3_VERSION ? "    Resumption PSK: " :
	    "    Master-Key: ");
	print_hex(s->secret, s->secret_len);
	printf("\n    PSK identity: %s\n", s->psk_identity[0] != '\0' ?
	    s->psk_identity : "None");
	printf("    PSK identity hint: %s\n", s->psk_hint[0] != '\0' ?
	    s->psk_hint : "None");
	printf("    SRP username: None\n");
	if (s->lifetime_hint != 0)
		printf("    TLS session ticket lifetime hint: %u (seconds)\n",
		    s->lifetime_hint);
	if (s->ticket != NULL) {
		printf("    TLS session ticket:\n");
		if (show_ticket)
			dump_indent4(s->ticket, s->ticket_len);
		printf("\n");
	}
	printf("    Start Time: %lld\n", (long long)s->time);
	printf("    Timeout   : %u (sec)\n", s->timeout);
	if (c->verified)
		printf("    Verify return code: %d (%s)\n", s->verify_code,
		    x509_verify_text(s->verify_code));
	printf("    Extended master secret: %s\n", s->ems ? "yes" : "no");
	if (s->version >= TLS1_3_VERSION)
		printf("    Max Early Data: %u\n", s->max_early_data);
}

/*
 * Whether s_client would name a cipher (SSL_get_current_cipher): in TLS
 * 1.3 from the ServerHello; before, a resumed session's from the start,
 * a new one's only once our ChangeCipherSpec went out, so that a TLS 1.2
 * handshake that fails earlier says "Cipher is (NONE)", as scripts grep.
 */
static int
current_cipher(const struct conn *c)
{
	if (c->suite == NULL)
		return 0;
	return c->version >= TLS1_3_VERSION || c->resumed ||
	    c->renegotiations > 0 || c->renegotiating ||
	    c->state >= ST_WROTE_CLIENT_FLIGHT;
}

void
session_summary(struct conn *c, int full)
{
	uint16_t v = summary_version(c);
	const char *vn = version_ossl_name(v);
	char tk[64];
	size_t i;

	if (full) {
		print_serverinfo(c);
		print_certs(c);
		print_request(c);
		print_peer_sig(c);
		if (c->kex_bits > 0) {
			ossl_temp_key(c->kex_group, c->kex_bits, tk,
			    sizeof(tk));
			printf("Server Temp Key: %s\n", tk);
		}
		/* -ct: s_client's "SCTs present" block, before the counts */
		if (c->cfg->ct && c->ncerts > 0)
			x509_print_scts(stdout, (const uint8_t *const *)
			    c->certs, c->certlens, c->ncerts, c->sct_list,
			    c->sct_list_len, c->ocsp_resp, c->ocsp_resp_len,
			    c->cfg->ctlogfile);
		printf("---\n");
		printf("SSL handshake has read %llu bytes and written %llu "
		    "bytes\n", (unsigned long long)c->bytes_read,
		    (unsigned long long)c->bytes_written);
	}
	/* s_client: nothing verified yet (no certificate) says OK too */
	if (!c->verified || c->verify_code == 0) {
		printf("Verification: OK\n");
		if (c->verified && c->verified_peername[0] != '\0')
			printf("Verified peername: %s\n",
			    c->verified_peername);
	} else
		printf("Verification error: %s\n",
		    x509_verify_text(c->verify_code));
	/* apps/lib/s_cb.c, print_verify_detail(): the TLSA record used */
	if (c->verified && c->verify_code == 0 && c->dane_line[0] != '\0')
		printf("%s\n", c->dane_line);
	printf("---\n");
	if (current_cipher(c))
		printf("%s, %s, Cipher is %s\n", c->resumed ? "Reused" : "New",
		    ossl_cipher_version(c->suite->code), c->suite->ossl);
	else
		printf("New, (NONE), Cipher is (NONE)\n");
	if (c->no_resume[0] != '\0')
		printf("INFO: session not resumed: %s\n", c->no_resume);
	if (c->peer_key_desc[0] != '\0' && !c->resumed)
		printf("Server public key is %d bit\n", c->peer_key_bits);
	/* RFC 5746 does not apply to TLS 1.3: s_client says NOT */
	printf("Secure Renegotiation IS%s supported\n",
	    c->secure_reneg && v < TLS1_3_VERSION ? "" : " NOT");
	printf("Compression: NONE\n");
	printf("Expansion: NONE\n");
	/* s_client: OpenSSL's NPN status (1 negotiated, 2 no overlap) */
	if (c->npn_status != 0)
		printf("Next protocol: (%d) %s\n", c->npn_status, c->npn);
	if (c->alpn[0] != '\0')
		printf("ALPN protocol: %s\n", c->alpn);
	else
		printf("No ALPN negotiated\n");
	if (v >= TLS1_3_VERSION) {
		/* s_client's words for SSL_get_early_data_status() */
		printf("Early data was %s\n", c->early_accepted ? "accepted" :
		    c->early_sent > 0 || c->early_offered ? "rejected" :
		    "not sent");
		printf("Verify return code: %d (%s)\n", c->verify_code,
		    x509_verify_text(c->verify_code));
		/* s_client: a TLS 1.3 handshake that failed has no session */
		if (c->suite == NULL || c->state < ST_DONE) {
			printf("---\n");
			fflush(stdout);
			return;
		}
	}
	if (c->sess != NULL) {
		/* s_client shows no ticket bytes on a resumed 1.2 session */
		session_print_block(c, c->sess, !(c->resumed &&
		    c->version < TLS1_3_VERSION && c->tickets == 0));
		print_keymat(c);
		printf("---\n");
		fflush(stdout);
		return;
	}
	printf("SSL-Session:\n");
	printf("    Protocol  : %s\n", vn);
	printf("    Cipher    : %s\n", c->suite != NULL ? c->suite->ossl :
	    "0000");
	printf("    Session-ID: ");
	for (i = 0; i < c->server_sid_len && c->version < TLS1_3_VERSION; i++)
		printf("%02X", c->server_sid[i]);
	printf("\n");
	/* SSL_SESSION_print's lines, for the suites that use them */
	if (c->suite != NULL && kex_is_psk(c->suite->kex)) {
		printf("    PSK identity: %s\n", c->cfg->psk_identity != NULL ?
		    c->cfg->psk_identity : "Client_identity");
		printf("    PSK identity hint: %s\n", c->has_psk_hint ?
		    c->psk_hint : "None");
	}
	printf("    Verify return code: %d (%s)\n", c->verify_code,
	    x509_verify_text(c->verify_code));
	if (v < TLS1_3_VERSION)
		printf("    Extended master secret: %s\n", c->ems ? "yes" :
		    "no");
	print_keymat(c);
	printf("---\n");
	fflush(stdout);
}

/* -brief: s_client's print_ssl_summary(), on stderr */
void
session_brief(struct conn *c)
{
	const char *d;
	char buf[256];
	size_t i;

	fprintf(stderr, "CONNECTION ESTABLISHED\n");
	fprintf(stderr, "Protocol version: %s\n",
	    version_ossl_name(c->version));
	fprintf(stderr, "Ciphersuite: %s\n", c->suite->ossl);
	if (c->ncerts > 0) {
		(void)x509_subject_text(c->certs[0], c->certlens[0], buf,
		    sizeof(buf));
		fprintf(stderr, "Peer certificate: %s\n", buf);
		if (c->peer_sigscheme != NULL) {
			d = ossl_sig_digest(c->peer_sigscheme);
			fprintf(stderr, "Hash used: %s\n", d != NULL ? d :
			    "UNDEF");
			fprintf(stderr, "Signature type: %s\n",
			    ossl_sig_type(c->peer_sigscheme));
		}
		if (!c->verified || c->verify_code == 0) {
			fprintf(stderr, "Verification: OK\n");
			if (c->verified && c->verified_peername[0] != '\0')
				fprintf(stderr, "Verified peername: %s\n",
				    c->verified_peername);
		} else
			fprintf(stderr, "Verification error: %s\n",
			    x509_verify_text(c->verify_code));
	} else
		fprintf(stderr, "No peer certificate\n");
	if (c->npoint_formats > 0 && c->version < TLS1_3_VERSION) {
		fprintf(stderr, "Supported Elliptic Curve Point Formats: ");
		for (i = 0; i < c->npoint_formats; i++) {
			d = ec_point_format_name(c->point_formats[i]);
			if (i > 0)
				fputc(':', stderr);
			if (d != NULL)
				fputs(d, stderr);
			else
				fprintf(stderr, "unknown(%u)",
				    c->point_formats[i]);
		}
		fputc('\n', stderr);
	}
	if (c->kex_bits > 0) {
		ossl_temp_key(c->kex_group, c->kex_bits, buf, sizeof(buf));
		fprintf(stderr, "Server Temp Key: %s\n", buf);
	}
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

/* A warning alert in the data phase, shown by -msg and -trace. */
static int
send_alert(struct conn *c, uint8_t level, uint8_t desc)
{
	int ret;

	if ((ret = rec_write_alert(c, level, desc)) != 0)
		return ret;
	return rec_flush(c);
}

/*
 * The server's application data, in the data phase and during a
 * renegotiation alike (hsbuf.c calls it through c->on_appdata).
 */
static int
deliver_appdata(struct conn *c, const uint8_t *data, size_t len)
{
	struct tp_event ev = { .kind = EV_APPDATA };

	ev.data = data;
	ev.len = len;
	if (len > 0 && c->t_phase[PH_FIRST_APP] == 0)
		c->t_phase[PH_FIRST_APP] = tp_now_us();
	trace_event(c, &ev);
	/* -json: the data is in the event; stdout carries only JSON */
	if (len > 0 && !c->cfg->json && fwrite(data, 1, len, stdout) != len)
		return TP_E_IO;
	fflush(stdout);
	return 0;
}

/*
 * Renegotiate (R, or the server's HelloRequest); the server's data keeps
 * flowing to the output meanwhile.  A server that ends the session
 * instead of renegotiating ends it for us too, as with s_client.
 */
static int
renegotiate(struct conn *c)
{
	int ret;

	c->on_appdata = deliver_appdata;
	ret = hs_renegotiate(c);
	c->on_appdata = NULL;
	if (ret == 0)
		hs_enter(c, ST_DATA);
	else if ((ret == TP_E_CLOSE_NOTIFY || ret == TP_E_CLOSED) &&
	    !c->cfg->quiet)
		fprintf(stderr, "tlsprobe: renegotiation not completed: the "
		    "server closed the connection%s\n",
		    ret == TP_E_CLOSE_NOTIFY ? " (close_notify)" : "");
	return ret;
}

/* One record from the server after the handshake. */
int
session_record(struct conn *c)
{
	struct tp_reason refused;
	char why[512];
	struct cbs frag;
	struct hsmsg m;
	uint8_t type;
	int ret;

	if ((ret = rec_read(c, &type, &frag)) != 0)
		return ret;
	switch (type) {
	case CT_APPLICATION_DATA:
		return deliver_appdata(c, cbs_data(&frag), cbs_len(&frag));
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
			if (c->version >= TLS1_3_VERSION) {
				int before = c->tickets;

				ret = hs13_post_handshake(c, &m);
				/* s_client's new_session_cb, in the data phase */
				if (ret == 0 && c->tickets != before &&
				    c->state == ST_DATA && !c->cfg->quiet &&
				    !c->cfg->brief && !c->cfg->json &&
				    c->sess != NULL) {
					printf("---\nPost-Handshake New Session "
					    "Ticket arrived:\n");
					session_print_block(c, c->sess, 1);
					printf("---\n");
					fflush(stdout);
				}
				/* -sess_out keeps the newest, as s_client */
				if (ret == 0 && c->tickets != before &&
				    c->cfg->sess_out != NULL &&
				    c->sess != NULL &&
				    sessfile_write(c->cfg->sess_out, c->sess,
				    why, sizeof(why)) != 0)
					ret = tp_fail(c, TP_E_INTERNAL, "%s",
					    why);
			}
			else if (m.type == HS_HELLO_REQUEST) {
				/*
				 * RFC 5246, 7.4.1.1: answer with a ClientHello,
				 * but only with RFC 5746 (3.4: a client that
				 * cannot renegotiate securely declines).
				 */
				if ((ret = msg_parse_empty(c, &m.body,
				    HS_HELLO_REQUEST, &refused)) != 0)
					return tp_fail_reason(c, ret, &refused);
				if (c->secure_reneg &&
				    !c->cfg->no_renegotiation) {
					trace_info(c, "server asked to "
					    "renegotiate (HelloRequest)");
					return renegotiate(c);
				}
				trace_info(c, "server asked to renegotiate; "
				    "declining: %s", c->cfg->no_renegotiation ?
				    "-no_renegotiation" : "it does not support "
				    "secure renegotiation (RFC 5746)");
				ret = send_alert(c, 1, ALERT_NO_RENEGOTIATION);
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
/* The least wait for a TLS 1.3 ticket (plus eight round trips). */
#define TICKET_MS	200

int
session_settle(struct conn *c, struct net *n)
{
	struct pollfd pfd;
	uint64_t start = sess_now_ms(), limit = SETTLE_MS, now;
	int r, ret;

	/* and -reconnect / -sess_out want the tickets (openssl issue 10714) */
	if (c->version < TLS1_3_VERSION || (!c->cert_requested &&
	    !c->cfg->reconnect && c->cfg->sess_out == NULL))
		return 0;
	/*
	 * Tickets follow our Finished by one round trip: without a client
	 * certificate to judge, eight round trips (at least TICKET_MS) is
	 * plenty, so a server that issues none costs little.
	 */
	if (!c->cert_requested && 8 * c->rtt_ms + TICKET_MS < limit)
		limit = 8 * c->rtt_ms + TICKET_MS;
	while (c->tickets == 0 && (now = sess_now_ms()) < start + limit) {
		if (rec_pending(c) == 0) {
			pfd.fd = n->fd;
			pfd.events = POLLIN;
			r = poll(&pfd, 1, (int)(start + limit - now));
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
	if (rec_write_alert(c, 1, ALERT_CLOSE_NOTIFY) == 0)
		(void)rec_flush(c);
}

/* s_client's command letters, at the start of an input line */
static int
is_command(const struct conn *c, uint8_t ch)
{
	/* off under -nocommands, -quiet and -ign_eof, as in s_client */
	if (c->cfg->nocommands || c->cfg->ign_eof)
		return 0;
	return ch == 'R' || ch == 'k' || ch == 'K' || ch == 'Q';
}

/* Run one command; *quit = 1 for Q. */
static int
run_command(struct conn *c, uint8_t ch, int *quit)
{
	switch (ch) {
	case 'Q':
		*quit = 1;
		return 0;
	case 'R':
		fprintf(stderr, "RENEGOTIATING\n");
		if (c->version >= TLS1_3_VERSION) {
			trace_info(c, "TLS 1.3 has no renegotiation (RFC 8446, "
			    "4.1.2); R ignored, k or K update the keys");
			return 0;
		}
		/* s_client's SSL_renegotiate() error, and on it goes */
		if (c->cfg->no_renegotiation) {
			fprintf(stderr, "tlsprobe:error:0A000153:SSL routines::"
			    "no renegotiation\n");
			return 0;
		}
		if (!c->secure_reneg) {
			fprintf(stderr, "tlsprobe: renegotiation refused: the "
			    "server does not support secure renegotiation "
			    "(RFC 5746)\n");
			return 0;
		}
		return renegotiate(c);
	default:	/* k, K */
		if (c->version < TLS1_3_VERSION) {
			fprintf(stderr, "tlsprobe: KeyUpdate needs TLS 1.3; "
			    "%c ignored\n", ch);
			return 0;
		}
		fprintf(stderr, "KEYUPDATE\n");
		return hs13_key_update(c, ch == 'K');
	}
}

/*
 * A chunk of standard input: lines that start with a command letter are
 * commands (and not sent), the rest is data.  Without commands the chunk
 * goes out as one write, as always.
 */
static int
stdin_chunk(struct conn *c, const uint8_t *buf, size_t len, int *bol,
    int *quit)
{
	size_t i, e;
	int cmds = 0, ret;

	for (i = 0; i < len; i++)
		if ((i == 0 ? *bol : buf[i - 1] == '\n') &&
		    is_command(c, buf[i]))
			cmds = 1;
	if (!cmds) {
		*bol = buf[len - 1] == '\n';
		if ((ret = rec_write(c, CT_APPLICATION_DATA, buf, len)) != 0)
			return ret;
		return rec_flush(c);
	}
	for (i = 0; i < len && !*quit; i = e) {
		for (e = i; e < len && buf[e] != '\n'; e++)
			;
		if (e < len)
			e++;
		if (*bol && is_command(c, buf[i]))
			ret = run_command(c, buf[i], quit);
		else if ((ret = rec_write(c, CT_APPLICATION_DATA, buf + i,
		    e - i)) == 0)
			ret = rec_flush(c);
		if (ret != 0)
			return ret;
		*bol = buf[e - 1] == '\n';
	}
	return 0;
}

void
session_close(struct conn *c)
{
	hs_enter(c, ST_DATA);
	send_close_notify(c);
}

/* s_client -crlf: every LF becomes CR LF, in place (buf has room). */
static size_t
crlf_expand(uint8_t *buf, size_t n)
{
	size_t lf = 0, i, o;

	for (i = 0; i < n; i++)
		lf += buf[i] == '\n';
	o = n + lf;
	for (i = n; i > 0; i--) {
		buf[--o] = buf[i - 1];
		if (buf[i - 1] == '\n')
			buf[--o] = '\r';
	}
	return n + lf;
}

int
session_data(struct conn *c, struct net *n)
{
	struct pollfd pfd[2];
	uint8_t buf[TLS_MAX_PLAINTEXT];
	int stdin_open = 1, ret, timeout, r, bol = 1, quit = 0;
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
			/* -crlf: room for a CR before every LF */
			got = read(STDIN_FILENO, buf, c->cfg->crlf ?
			    sizeof(buf) / 2 : sizeof(buf));
			if (got > 0 && c->cfg->crlf)
				got = (ssize_t)crlf_expand(buf, (size_t)got);
			if (got <= 0) {
				stdin_open = 0;
				if (!c->cfg->ign_eof)
					send_close_notify(c);
				if (c->cfg->ign_eof)
					stdin_open = 0;
				continue;
			}
			/* R may end like a record: the server may close */
			if ((ret = stdin_chunk(c, buf, (size_t)got, &bol,
			    &quit)) != 0)
				goto check;
			if (quit) {
				/* Q: as at the end of input */
				stdin_open = 0;
				send_close_notify(c);
			}
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
