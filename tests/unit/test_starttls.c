/*
 * test_starttls.c -- the plaintext phase against hostile byte streams from
 * memory: every reply is bounded (line length, line count, total size),
 * nothing is trusted, and each failure is one sentence in class starttls
 * or proxy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "plainio.h"
#include "proxy.h"
#include "starttls.h"
#include "tperr.h"
#include "unit.h"

struct mem {
	const unsigned char *in;	/* the server's bytes */
	size_t		 inlen, off;
	size_t		 chunk;		/* at most this much per read */
	unsigned char	 out[8192];	/* what the client wrote */
	size_t		 outlen;
};

static int
mem_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	struct mem *m = ctx;
	size_t n = m->inlen - m->off;

	if (n == 0)
		return TP_E_CLOSED;
	if (n > len)
		n = len;
	if (m->chunk != 0 && n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->in + m->off, n);
	m->off += n;
	*got = n;
	return 0;
}

static int
mem_write(void *ctx, const uint8_t *buf, size_t len)
{
	struct mem *m = ctx;

	if (len > sizeof(m->out) - m->outlen)
		len = sizeof(m->out) - m->outlen;
	memcpy(m->out + m->outlen, buf, len);
	m->outlen += len;
	return 0;
}

static struct config cfg;
static struct conn c;
static struct plainio pio;
static struct mem m;
static const char *proxy_user, *proxy_auth;	/* run()'s credentials */

/* Run -starttls proto against the bytes in (len), read chunk at a time. */
static int
run(const char *proto, const void *in, size_t len, size_t chunk)
{
	struct transport io = { mem_read, mem_write, &m };

	memset(&cfg, 0, sizeof(cfg));
	strlcpy(cfg.host, "mail.test", sizeof(cfg.host));
	strlcpy(cfg.port, "25", sizeof(cfg.port));
	cfg.timeout_ms = 1000;
	cfg.proxy_user = proxy_user;
	cfg.proxy_auth = proxy_auth;
	memset(&m, 0, sizeof(m));
	m.in = in;
	m.inlen = len;
	m.chunk = chunk;
	conn_init(&c, &cfg, &io);
	plain_init(&pio, &c, NULL);
	return proto != NULL ? starttls_run(&pio, starttls_by_name(proto)) :
	    proxy_connect(&pio);
}

static int
why_has(const char *s)
{
	return strstr(c.why, s) != NULL;
}

static int
out_is(const char *s)
{
	return m.outlen == strlen(s) && memcmp(m.out, s, m.outlen) == 0;
}

#define S(x)	x, sizeof(x) - 1

int
main(void)
{
	static unsigned char big[70000];
	char g[256];
	size_t i, n;
	int r;

	/* --- SMTP ----------------------------------------------------- */
	r = run("smtp", S("220 mx ESMTP\r\n250-mx\r\n250-PIPELINING\r\n"
	    "250 STARTTLS\r\n220 go ahead\r\n"), 0);
	CHECK(r == 0, "smtp: greeting, EHLO, STARTTLS: ready");
	CHECK(out_is("EHLO mail.example.com\r\nSTARTTLS\r\n"),
	    "smtp: sends s_client's EHLO name, then STARTTLS");
	conn_free(&c);

	r = run("smtp", S("220-mx first\r\n220 mx\r\n250-mx\r\n"
	    "250 starttls\r\n220 go\r\n"), 1);
	CHECK(r == 0, "smtp: one byte per read, multi-line greeting, "
	    "lower-case keyword");
	conn_free(&c);

	r = run("smtp", S("220 mx\r\n250-mx\r\n250-SIZE 1000\r\n250 8BITMIME\r\n"),
	    0);
	CHECK(r == TP_E_PLAIN && strcmp(c.fail_class, "starttls") == 0 &&
	    why_has("does not offer STARTTLS; its EHLO reply lists: "
	    "SIZE 1000, 8BITMIME"), "smtp: not offered: class starttls, "
	    "list quoted");
	CHECK(out_is("EHLO mail.example.com\r\n"),
	    "smtp: STARTTLS not sent when not offered");
	conn_free(&c);

	r = run("smtp", S("220 mx\r\n250 STARTTLS\r\n454 4.7.0 TLS not "
	    "available\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("refused STARTTLS: \"454 4.7.0 "
	    "TLS not available\""), "smtp: 454 quoted");
	conn_free(&c);

	r = run("smtp", S("554 go away\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("refused the session in its "
	    "greeting: \"554 go away\""), "smtp: 554 greeting quoted");
	conn_free(&c);

	r = run("smtp", S("* OK [CAPABILITY IMAP4rev1] ready\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("port 25 answered like an IMAP "
	    "server, not an SMTP server: \"* OK"), "smtp: IMAP greeting "
	    "recognised");
	conn_free(&c);

	r = run("smtp", S("220 mx\r\n250 STARTTLS\r\n220 go\r\n\x16\x03\x01"),
	    0);
	CHECK(r == TP_E_PLAIN && why_has("sent 3 bytes after agreeing to "
	    "start TLS"), "smtp: bytes after 220 are refused");
	conn_free(&c);

	/* a server that streams continuation lines forever */
	n = 0;
	n += (size_t)snprintf((char *)big, sizeof(big), "220 mx\r\n");
	for (i = 0; n + 16 < sizeof(big); i++)
		n += (size_t)snprintf((char *)big + n, sizeof(big) - n,
		    "250-X%06zu\r\n", i);
	r = run("smtp", big, n, 0);
	CHECK(r == TP_E_PLAIN && why_has("more than 200 lines after EHLO"),
	    "smtp: endless EHLO reply capped at 200 lines");
	conn_free(&c);

	memset(big, 'A', sizeof(big));
	memcpy(big, "220 ", 4);
	r = run("smtp", big, 10000, 0);
	CHECK(r == TP_E_PLAIN && why_has("line longer than 4096 bytes"),
	    "smtp: a 10000-byte line without LF is refused");
	conn_free(&c);

	r = run("smtp", S("220 mx\r\n250-mx\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("closed the connection after EHLO"),
	    "smtp: close in the middle of a reply");
	conn_free(&c);

	r = run("smtp", S("220 mx\r\nhello\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("not a reply code"),
	    "smtp: EHLO answered without a reply code");
	conn_free(&c);

	/* --- IMAP, POP3, FTP, NNTP, sieve ------------------------------ */
	r = run("imap", S("* OK hi\r\n* CAPABILITY IMAP4rev1 STARTTLS\r\n"
	    ". OK done\r\n. OK go\r\n"), 0);
	CHECK(r == 0 && out_is(". CAPABILITY\r\n. STARTTLS\r\n"),
	    "imap: CAPABILITY then STARTTLS");
	conn_free(&c);

	r = run("imap", S("* OK hi\r\n* CAPABILITY IMAP4rev1 XSTARTTLSX\r\n"
	    ". OK done\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("does not offer STARTTLS"),
	    "imap: STARTTLS must be a whole word");
	conn_free(&c);

	r = run("imap", S("* OK hi\r\n* CAPABILITY STARTTLS\r\n. OK\r\n"
	    ". NO [PRIVACYREQUIRED] nope\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("refused STARTTLS: \". NO "
	    "[PRIVACYREQUIRED] nope\""), "imap: tagged NO quoted");
	conn_free(&c);

	r = run("pop3", S("+OK hi\r\n-ERR no CAPA\r\n+OK go\r\n"), 0);
	CHECK(r == 0 && out_is("CAPA\r\nSTLS\r\n"),
	    "pop3: without CAPA, STLS is tried");
	conn_free(&c);

	r = run("pop3", S("+OK hi\r\n+OK\r\nUSER\r\n..X\r\n.\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("its CAPA reply lists: USER, .X"),
	    "pop3: CAPA without STLS quoted");
	conn_free(&c);

	r = run("ftp", S("220-welcome\r\n text\r\n220 ok\r\n211-Features:\r\n"
	    " AUTH TLS\r\n211 End\r\n234 go\r\n"), 0);
	CHECK(r == 0 && out_is("FEAT\r\nAUTH TLS\r\n"),
	    "ftp: multi-line greeting without codes, FEAT, AUTH TLS");
	conn_free(&c);

	r = run("nntp", S("200 hi\r\n101 caps\r\nVERSION 2\r\nSTARTTLS\r\n"
	    ".\r\n382 go\r\n"), 0);
	CHECK(r == 0, "nntp: CAPABILITIES, STARTTLS 382");
	conn_free(&c);

	r = run("sieve", S("\"IMPLEMENTATION\" \"x\"\r\n\"STARTTLS\"\r\n"
	    "OK \"hi\"\r\nNO \"tls broken\"\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("refused STARTTLS: \"NO \"tls "
	    "broken\"\""), "sieve: NO quoted");
	conn_free(&c);

	/* --- binary protocols ---------------------------------------- */
	r = run("postgres", S("S"), 0);
	CHECK(r == 0 && m.outlen == 8 && memcmp(m.out,
	    "\x00\x00\x00\x08\x04\xd2\x16\x2f", 8) == 0,
	    "postgres: SSLRequest, 'S'");
	conn_free(&c);

	r = run("postgres", S("E\x00\x00\x00\x10SFATAL\0Mbad\0\0"), 0);
	CHECK(r == TP_E_PLAIN && why_has("\"bad\""),
	    "postgres: ErrorResponse message quoted");
	conn_free(&c);

	r = run("postgres", S("E\xff\xff\xff\xff"), 0);
	CHECK(r == TP_E_PLAIN, "postgres: ErrorResponse with a huge length");
	conn_free(&c);

	r = run("mysql", S("\xff\xff\xff\x00\x0a"), 0);
	CHECK(r == TP_E_PLAIN && why_has("not a MySQL "
	    "server: \"\\xff\\xff\\xff\\x00\\x0a\""),
	    "mysql: a 16 MB packet length is not believed");
	conn_free(&c);

	r = run("mysql", S("\x0a\x00\x00\x00\x0a" "5.7\0" "\x01\x02\x03"), 0);
	CHECK(r == TP_E_PLAIN, "mysql: truncated initial handshake");
	conn_free(&c);

	r = run("mysql", S("\x14\x00\x00\x00\xff\x6a\x04#HY000Host denied"),
	    0);
	CHECK(r == TP_E_PLAIN && why_has("MySQL error 1130: \"Host "
	    "denied\""), "mysql: ERR packet quoted");
	conn_free(&c);

	r = run("ldap", S("\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00"
	    "\x04\x00"), 0);
	CHECK(r == 0 && m.outlen == 31, "ldap: resultCode 0");
	conn_free(&c);

	r = run("ldap", S("\x30\x84\xff\xff\xff\xff"), 0);
	CHECK(r == TP_E_PLAIN && why_has("more than"),
	    "ldap: a 4 GB BER length is refused");
	conn_free(&c);

	r = run("ldap", S("\x30\x06\x02\x01\x01\x78\x81\x7f"), 0);
	CHECK(r == TP_E_PLAIN && why_has("malformed"),
	    "ldap: inner length past the end");
	conn_free(&c);

	r = run("xmpp", S("<?xml version='1.0'?><stream:stream>"
	    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:"
	    "xmpp-tls'/></stream:features><proceed xmlns='urn:ietf:params:"
	    "xml:ns:xmpp-tls'/>"), 7);
	CHECK(r == 0, "xmpp: features, proceed, 7 bytes per read");
	conn_free(&c);

	memset(big, ' ', sizeof(big));
	big[0] = '<';
	r = run("xmpp", big, sizeof(big), 0);
	CHECK(r == TP_E_PLAIN && why_has("more than 16384 bytes"),
	    "xmpp: endless stream without features capped");
	conn_free(&c);

	for (i = 0; i + 3 <= sizeof(big); i += 3) {
		big[i] = 255;
		big[i + 1] = 251;
		big[i + 2] = 1;
	}
	r = run("telnet", big, sizeof(big), 0);
	CHECK(r == TP_E_PLAIN && why_has("more than 4096 bytes"),
	    "telnet: endless option negotiation capped");
	conn_free(&c);

	r = run("irc", S(":s NOTICE * :hi\r\nPING :x\r\n:s 670 * :go\r\n"), 0);
	CHECK(r == 0 && out_is("STARTTLS\r\nPONG :x\r\n"),
	    "irc: PING answered, 670");
	conn_free(&c);

	/* --- proxy ----------------------------------------------------- */
	r = run(NULL, S("HTTP/1.1 200 OK\r\nVia: x\r\n\r\n"), 0);
	CHECK(r == 0 && out_is("CONNECT mail.test:25 HTTP/1.1\r\nHost: "
	    "mail.test:25\r\n\r\n"), "proxy: CONNECT and Host");
	conn_free(&c);

	r = run(NULL, S("HTTP/1.1 403 Forbidden\r\n\r\n"), 0);
	CHECK(r == TP_E_PLAIN && strcmp(c.fail_class, "proxy") == 0 &&
	    why_has("refused CONNECT mail.test:25: \"HTTP/1.1 403 "
	    "Forbidden\""), "proxy: 403 quoted, class proxy");
	conn_free(&c);

	r = run(NULL, S("SSH-2.0-OpenSSH\r\n"), 0);
	CHECK(r == TP_E_PLAIN && why_has("did not answer like an HTTP proxy"),
	    "proxy: not an HTTP proxy");
	conn_free(&c);

	/*
	 * The longest credentials -proxy_user/-proxy_pass take (255 + 1 +
	 * 511 bytes, 1024 of base64) do not fit the request: refused, nothing
	 * sent (and, under ASan, nothing written past the request buffer).
	 */
	memset(g, 'u', 255);
	g[255] = '\0';
	memset(big, 'Y', 1024);
	big[1024] = '\0';
	proxy_user = g;
	proxy_auth = (const char *)big;
	r = run(NULL, S("HTTP/1.1 200 OK\r\n\r\n"), 0);
	proxy_user = proxy_auth = NULL;
	CHECK(r == TP_E_PLAIN && why_has("CONNECT request too long") &&
	    m.outlen == 0, "proxy: credentials too long for the request: "
	    "refused, nothing sent");
	conn_free(&c);

	/* --- guessing -------------------------------------------------- */
	CHECK(plain_guess((const unsigned char *)"\x16\x03\x03\x00\x10", 5, g,
	    sizeof(g)) == 1 && strstr(g, "TLS server") != NULL,
	    "guess: a TLS record");
	CHECK(plain_guess((const unsigned char *)"220 ftp.x FTP server", 20,
	    g, sizeof(g)) == 1 && strcmp(g, "an FTP server") == 0,
	    "guess: FTP greeting");
	CHECK(plain_guess((const unsigned char *)"220 x", 5, g,
	    sizeof(g)) == 2, "guess: a bare 220 is SMTP or FTP");
	CHECK(plain_guess((const unsigned char *)"", 0, g, sizeof(g)) == 0,
	    "guess: nothing");
	UNIT_EXIT();
}
