/*
 * starttls.c -- s_client's -starttls protocols, each after its own
 * specification:
 *
 *   smtp, lmtp   RFC 3207 (EHLO / LHLO, multi-line replies, STARTTLS 220)
 *   pop3         RFC 2595 and RFC 2449 (CAPA lists STLS, STLS +OK)
 *   imap         RFC 2595 and RFC 3501 (CAPABILITY, tagged STARTTLS OK)
 *   ftp          RFC 4217 (FEAT lists AUTH TLS, AUTH TLS 234)
 *   xmpp, xmpp-server  RFC 6120, 5.4 (stream features, <proceed/>)
 *   telnet       draft-altman-telnet-starttls (option 46, FOLLOWS)
 *   irc          the IRCv3 STARTTLS command (670 / 691)
 *   mysql        MySQL protocol: CLIENT_SSL in the initial handshake,
 *                then an SSLRequest packet
 *   postgres     PostgreSQL SSLRequest (80877103), answer 'S'
 *   nntp         RFC 4642 (CAPABILITIES lists STARTTLS, 382)
 *   sieve        RFC 5804 (greeting lists "STARTTLS", OK)
 *   ldap         RFC 4511 / RFC 4513 ExtendedRequest 1.3.6.1.4.1.1466.20037
 *
 * Where a protocol lets the client see what the server offers before
 * asking, it looks, and a server that does not offer TLS fails here with
 * its list quoted (s_client "tries anyway").  Every reply is bounded:
 * lines by plainio.c, the number of lines per reply by MAX_LINES.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "net.h"
#include "plainio.h"
#include "proxy.h"
#include "starttls.h"
#include "tperr.h"

#define MAX_LINES	200		/* lines in one reply */
#define XMPP_MAX	16384		/* stream header and features */

struct st {
	struct plainio	*p;
	const struct proto *pr;
	const struct config *cfg;
	char		 line[PLAIN_MAX];
	size_t		 n;
	char		 last[256];	/* the reply's last line, quoted */
	char		 caps[512];	/* what the server offers, for quoting */
	int		 found;		/* TLS is offered */
};

struct proto {
	const char	*name;		/* -starttls NAME */
	const char	*label;		/* "an SMTP server" */
	const char	*port;
	int		 server_first;	/* the server greets first */
	int		(*run)(struct st *);
};

static int	smtp(struct st *);
static int	pop3(struct st *);
static int	imap(struct st *);
static int	ftp(struct st *);
static int	xmpp(struct st *);
static int	telnet(struct st *);
static int	irc(struct st *);
static int	mysql(struct st *);
static int	postgres(struct st *);
static int	nntp(struct st *);
static int	sieve(struct st *);
static int	ldap(struct st *);

/* The registry of -starttls protocols, in s_client's order. */
static const struct proto protos[] = {
	{ "smtp", "an SMTP server", "25", 1, smtp },
	{ "pop3", "a POP3 server", "110", 1, pop3 },
	{ "imap", "an IMAP server", "143", 1, imap },
	{ "ftp", "an FTP server", "21", 1, ftp },
	{ "xmpp", "an XMPP server", "5222", 0, xmpp },
	{ "xmpp-server", "an XMPP server", "5269", 0, xmpp },
	{ "telnet", "a telnet server", "23", 1, telnet },
	{ "irc", "an IRC server", "6667", 0, irc },
	{ "mysql", "a MySQL server", "3306", 1, mysql },
	{ "postgres", "a PostgreSQL server", "5432", 0, postgres },
	{ "lmtp", "an LMTP server", "24", 1, smtp },
	{ "nntp", "an NNTP server", "119", 1, nntp },
	{ "sieve", "a ManageSieve server", "4190", 1, sieve },
	{ "ldap", "an LDAP server", "389", 0, ldap },
};
#define NPROTOS	(sizeof(protos) / sizeof(protos[0]))

int
starttls_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < NPROTOS; i++)
		if (strcasecmp(name, protos[i].name) == 0)
			return (int)i + 1;
	return 0;
}

const char *
starttls_name(int proto)
{
	return proto >= 1 && (size_t)proto <= NPROTOS ?
	    protos[proto - 1].name : "?";
}

const char *
starttls_port(int proto)
{
	return proto >= 1 && (size_t)proto <= NPROTOS ?
	    protos[proto - 1].port : "443";
}

const char *
starttls_list(void)
{
	return "smtp, pop3, imap, ftp, xmpp, xmpp-server, telnet, irc, "
	    "mysql, postgres, lmtp, nntp, sieve, ldap";
}

/* --- recognising a greeting ---------------------------------------- */

static int
has_ci(const unsigned char *b, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp((const char *)b + i, needle, k) == 0)
			return 1;
	return 0;
}

static int
starts(const unsigned char *b, size_t n, const char *pfx)
{
	size_t k = strlen(pfx);

	return n >= k && memcmp(b, pfx, k) == 0;
}

static void
add(char *out, size_t cap, int *count, const char *what)
{
	if (*count > 0)
		strlcat(out, " or ", cap);
	strlcat(out, what, cap);
	(*count)++;
}

int
plain_guess(const unsigned char *b, size_t n, char *out, size_t cap)
{
	size_t line;
	int k = 0;

	out[0] = '\0';
	if (n == 0)
		return 0;
	for (line = 0; line < n && b[line] != '\n'; line++)
		;
	if (n >= 2 && (b[0] == 0x16 || b[0] == 0x15) && b[1] == 0x03)
		add(out, cap, &k, "a TLS server (TLS from the first byte: "
		    "leave out -starttls)");
	else if (starts(b, n, "HTTP/"))
		add(out, cap, &k, "an HTTP server");
	else if ((n >= 9 && strncasecmp((const char *)b, "<!DOCTYPE", 9) == 0) ||
	    (n >= 5 && strncasecmp((const char *)b, "<html", 5) == 0))
		add(out, cap, &k, "an HTTP server (it sent an HTML page)");
	else if (starts(b, n, "SSH-"))
		add(out, cap, &k, "an SSH server");
	else if (starts(b, n, "* OK") || starts(b, n, "* PREAUTH") ||
	    starts(b, n, "* BYE"))
		add(out, cap, &k, "an IMAP server");
	else if (starts(b, n, "+OK") || starts(b, n, "-ERR"))
		add(out, cap, &k, "a POP3 server");
	else if (starts(b, n, "220") || starts(b, n, "421") ||
	    starts(b, n, "554")) {
		if (has_ci(b, line, "FTP"))
			add(out, cap, &k, "an FTP server");
		else if (has_ci(b, line, "LMTP"))
			add(out, cap, &k, "an LMTP server");
		else if (has_ci(b, line, "SMTP"))
			add(out, cap, &k, "an SMTP server");
		else {
			add(out, cap, &k, "an SMTP server");
			add(out, cap, &k, "an FTP server");
		}
	} else if (starts(b, n, "200 ") || starts(b, n, "201 "))
		add(out, cap, &k, "an NNTP server");
	else if (starts(b, n, "\"IMPLEMENTATION\"") ||
	    starts(b, n, "\"SIEVE\"") || starts(b, n, "\"SASL\""))
		add(out, cap, &k, "a ManageSieve server");
	else if (starts(b, n, "<?xml") || starts(b, n, "<stream:"))
		add(out, cap, &k, "an XMPP server");
	else if (n >= 5 && b[3] == 0 && (b[4] == 0x0a || b[4] == 0xff) &&
	    b[0] + 256u * b[1] + 65536u * b[2] < 4096)
		add(out, cap, &k, "a MySQL server");
	else if (b[0] == ':' || starts(b, n, "NOTICE ") ||
	    starts(b, n, "ERROR :"))
		add(out, cap, &k, "an IRC server");
	else if (b[0] == 0xff && n >= 2 && b[1] >= 0xf0)
		add(out, cap, &k, "a telnet server");
	else if (b[0] == 0x30 && n >= 2)
		add(out, cap, &k, "an LDAP server");
	return k;
}

/* The first bytes: text up to the end of the line, binary in \xNN. */
static void
quote_first(struct st *s, char *q, size_t cap)
{
	size_t i, o = 0, n = s->p->nfirst < 32 ? s->p->nfirst : 32;
	const unsigned char *b = s->p->first;

	for (i = 0; i < 4 && i < n; i++)
		if (!isprint(b[i]) && b[i] != '\r' && b[i] != '\n')
			break;
	if (i == 4 || i == n) {
		plain_quote(b, s->p->nfirst, q, cap);
		return;
	}
	for (i = 0; i < n && o + 5 < cap; i++)
		o += (size_t)snprintf(q + o, cap - o, isprint(b[i]) &&
		    b[i] != '\\' ? "%c" : "\\x%02x", b[i]);
	if (n < s->p->nfirst && o + 4 < cap)
		o += (size_t)snprintf(q + o, cap - o, "...");
	q[o] = '\0';
}

/*
 * The first bytes were not the protocol's: "port 25 answered like an IMAP
 * server ...".  With -diagnose, say which -starttls would fit.
 */
static int
wrong_proto(struct st *s)
{
	char q[160], g[256], hint[160] = "";
	const char *port = s->cfg->port;
	size_t i;

	quote_first(s, q, sizeof(q));
	if (plain_guess(s->p->first, s->p->nfirst, g, sizeof(g)) == 0)
		return plain_fail(s->p, "port %s did not answer like %s: "
		    "\"%s\"%s", port, s->pr->label, q, s->cfg->diagnose ?
		    "; diagnosis: the reply looks like no protocol tlsprobe "
		    "knows" : "");
	for (i = 0; i < NPROTOS; i++)
		if (strstr(g, protos[i].label) != NULL &&
		    strstr(g, "TLS server") == NULL) {
			strlcat(hint, hint[0] != '\0' ? " or -starttls " :
			    " (try -starttls ", sizeof(hint));
			strlcat(hint, protos[i].name, sizeof(hint));
		}
	if (hint[0] != '\0')
		strlcat(hint, ")", sizeof(hint));
	return plain_fail(s->p, "port %s answered like %s, not %s: \"%s\"%s%s%s",
	    port, g, s->pr->label, q, s->cfg->diagnose ? "; diagnosis: the "
	    "greeting looks like " : "", s->cfg->diagnose ? g : "",
	    s->cfg->diagnose ? hint : "");
}

/* --- reading replies -------------------------------------------------- */

/*
 * -diagnose after a silent server: a second connection asks the port an
 * HTTP question, and the answer (or the silence) says what listens.
 */
static void
http_probe(struct st *s, char *out, size_t cap)
{
	static const char req[] = "HEAD / HTTP/1.0\r\n\r\n";
	struct transport io;
	struct net n;
	unsigned char buf[128];
	char why[256], q[160], g[256];
	size_t got = 0, k;
	int r;

	if (s->cfg->proxy_host[0] != '\0') {
		snprintf(out, cap, "; diagnosis: not probed through -proxy");
		return;
	}
	if (net_connect_cfg(&n, s->cfg, why, sizeof(why)) != NET_OK) {
		snprintf(out, cap, "; diagnosis: a second connection failed: "
		    "%s", why);
		return;
	}
	net_transport(&n, &io);
	net_deadline(&n, s->cfg->timeout_ms);
	r = io.write(io.ctx, (const uint8_t *)req, sizeof(req) - 1);
	while (r == 0 && got < 12) {
		if ((r = io.read(io.ctx, buf + got, sizeof(buf) - got,
		    &k)) == 0)
			got += k;
	}
	net_close(&n);
	if (got == 0) {
		snprintf(out, cap, "; diagnosis: asked \"HEAD / HTTP/1.0\" on "
		    "a second connection, the server %s", r == TP_E_TIMEOUT ?
		    "stayed silent too (not an HTTP server: maybe TLS, or a "
		    "protocol where the client speaks first)" : "closed without a word "
		    "(as a TLS server does: try without -starttls)");
		return;
	}
	plain_quote(buf, got, q, sizeof(q));
	if (plain_guess(buf, got, g, sizeof(g)) > 0)
		snprintf(out, cap, "; diagnosis: asked \"HEAD / HTTP/1.0\" on "
		    "a second connection, it answered like %s: \"%s\"", g, q);
	else
		snprintf(out, cap, "; diagnosis: asked \"HEAD / HTTP/1.0\" on "
		    "a second connection, it answered \"%s\"", q);
}

/* No greeting within the timeout from a protocol whose server speaks first. */
static int
silent(struct st *s)
{
	char d[700] = "";

	if (s->cfg->diagnose)
		http_probe(s, d, sizeof(d));
	return plain_fail(s->p, "no greeting from the server within %d s: %s "
	    "speaks first, this one waits for the client (as HTTP and TLS "
	    "servers do)%s", s->cfg->timeout_ms / 1000, s->pr->label, d);
}

static int
getline_(struct st *s, const char *what)
{
	int r;

	r = plain_line(s->p, s->line, sizeof(s->line), &s->n);
	if (r == 0)
		return 0;
	if (r == TP_E_TIMEOUT && s->p->total == 0 && s->pr->server_first)
		return silent(s);
	return plain_io_fail(s->p, r, what);
}

static void
set_last(struct st *s)
{
	plain_quote((const unsigned char *)s->line, s->n, s->last,
	    sizeof(s->last));
}

/* Add one offered item to the list quoted when TLS is not offered. */
static void
add_cap(struct st *s, const char *item)
{
	char q[128];

	while (*item == ' ' || *item == '\t')
		item++;
	if (*item == '\0')
		return;
	plain_quote((const unsigned char *)item, strlen(item), q, sizeof(q));
	if (s->caps[0] != '\0')
		strlcat(s->caps, ", ", sizeof(s->caps));
	strlcat(s->caps, q, sizeof(s->caps));
}

/* Is word the first word of text (case-insensitive)? */
static int
first_word(const char *text, const char *word)
{
	size_t k = strlen(word);

	while (*text == ' ' || *text == '\t')
		text++;
	return strncasecmp(text, word, k) == 0 &&
	    (text[k] == '\0' || text[k] == ' ' || text[k] == '\t' ||
	    text[k] == ';' || text[k] == '=');
}

/* Does the space-separated list contain word? */
static int
has_word(const char *list, const char *word)
{
	size_t k = strlen(word);
	const char *t = list;

	while ((t = strcasestr(t, word)) != NULL) {
		if ((t == list || t[-1] == ' ' || t[-1] == '[') &&
		    (t[k] == '\0' || t[k] == ' ' || t[k] == ']'))
			return 1;
		t += k;
	}
	return 0;
}

static int
is_reply(const char *l, size_t n)
{
	return n >= 3 && isdigit((unsigned char)l[0]) &&
	    isdigit((unsigned char)l[1]) && isdigit((unsigned char)l[2]) &&
	    (n == 3 || l[3] == ' ' || l[3] == '-');
}

/*
 * An SMTP / FTP / NNTP reply: "250-first", ..., "250 last" (FTP lets the
 * lines between carry no code).  kw: the keyword that offers TLS, looked
 * for at the start of each line's text.  Returns 0 with *code set.
 */
static int
numeric_reply(struct st *s, const char *what, const char *kw, int first,
    int *code)
{
	int lines = 0, r, c0 = -1;
	const char *text;

	s->caps[0] = '\0';
	for (;;) {
		if ((r = getline_(s, what)) != 0)
			return r;
		if (++lines > MAX_LINES)
			return plain_fail(s->p, "the server sent more than %d "
			    "lines %s", MAX_LINES, what);
		if (lines == 1) {
			if (!is_reply(s->line, s->n))
				return first ? wrong_proto(s) :
				    plain_fail(s->p, "the server's reply %s "
				    "is not a reply code: \"%.200s\"", what,
				    s->line);
			c0 = (s->line[0] - '0') * 100 +
			    (s->line[1] - '0') * 10 + (s->line[2] - '0');
		}
		set_last(s);
		text = is_reply(s->line, s->n) ? s->line + (s->n > 3 ? 4 : 3) :
		    s->line;
		if (lines > 1)
			add_cap(s, text);
		if (kw != NULL && first_word(text, kw)) {
			if (strcmp(kw, "AUTH") != 0 ||
			    strcasestr(text, "TLS") != NULL)
				s->found = 1;
		}
		if (is_reply(s->line, s->n) && atoi(s->line) == c0 &&
		    (s->n == 3 || s->line[3] == ' '))
			break;
		if (lines == 1 && s->line[3] != '-')
			break;
	}
	*code = c0;
	return 0;
}

/* A reply's last line, for "refused" messages: "454 4.7.0 TLS not ..." */
static int
refused(struct st *s, const char *cmd)
{
	return plain_fail(s->p, "the server refused %s: \"%s\"", cmd, s->last);
}

static int
refused_greeting(struct st *s)
{
	return plain_fail(s->p, "the server refused the session in its "
	    "greeting: \"%s\"", s->last);
}

static int
not_offered(struct st *s, const char *what, const char *reply)
{
	return plain_fail(s->p, "the server does not offer %s; its %s "
	    "lists: %s", what, reply, s->caps[0] ? s->caps : "(nothing)");
}

/* Send one command line; a failure is reported as "... sending <name>". */
static int
command(struct st *s, const char *line, const char *name)
{
	char what[80];
	int r;

	if ((r = plain_send(s->p, "%s", line)) == 0)
		return 0;
	snprintf(what, sizeof(what), "sending %s", name);
	return plain_io_fail(s->p, r, what);
}

/* SMTP / FTP / NNTP: the greeting, refused unless its code is ok or ok2. */
static int
numeric_greeting(struct st *s, int ok, int ok2)
{
	int code, r;

	if ((r = numeric_reply(s, "before its greeting", NULL, 1, &code)) != 0)
		return r;
	if (code != ok && code != ok2)
		return refused_greeting(s);
	plain_state(s->p, "read greeting");
	return 0;
}

/* SMTP / FTP / NNTP: send cmd and read its numeric reply. */
static int
numeric_cmd(struct st *s, const char *cmd, const char *kw, int *code)
{
	char what[80];
	int r;

	if ((r = command(s, cmd, cmd)) != 0)
		return r;
	snprintf(what, sizeof(what), "after %s", cmd);
	return numeric_reply(s, what, kw, 0, code);
}

/* The command that starts TLS: refused unless its reply code is ok. */
static int
numeric_starttls(struct st *s, const char *cmd, int ok)
{
	int code, r;

	if ((r = numeric_cmd(s, cmd, NULL, &code)) != 0)
		return r;
	return code == ok ? 0 : refused(s, cmd);
}

/* --- the protocols ------------------------------------------------------ */

static int
smtp(struct st *s)
{
	int lmtp = strcmp(s->pr->name, "lmtp") == 0, code, r;
	const char *hello = lmtp ? "LHLO" : "EHLO";
	char cmd[64];

	if ((r = numeric_greeting(s, 220, 220)) != 0)
		return r;
	/* s_client's default name for EHLO */
	if ((r = plain_send(s->p, "%s %s", hello, s->cfg->protohost != NULL ?
	    s->cfg->protohost : "mail.example.com")) != 0)
		return plain_io_fail(s->p, r, "sending EHLO");
	snprintf(cmd, sizeof(cmd), "after %s", hello);
	if ((r = numeric_reply(s, cmd, "STARTTLS", 0, &code)) != 0)
		return r;
	if (code != 250)
		return refused(s, hello);
	plain_state(s->p, "read %s reply", hello);
	if (!s->found) {
		snprintf(cmd, sizeof(cmd), "%s reply", hello);
		return not_offered(s, "STARTTLS", cmd);
	}
	return numeric_starttls(s, "STARTTLS", 220);
}

/* RFC 2449 / RFC 3977 multi-line list after a positive first line. */
static int
dot_list(struct st *s, const char *what, const char *kw)
{
	int lines = 0, r;

	s->caps[0] = '\0';
	for (;;) {
		if ((r = getline_(s, what)) != 0)
			return r;
		if (strcmp(s->line, ".") == 0)
			return 0;
		if (++lines > MAX_LINES)
			return plain_fail(s->p, "the server sent more than %d "
			    "lines %s", MAX_LINES, what);
		add_cap(s, s->line[0] == '.' ? s->line + 1 : s->line);
		if (first_word(s->line, kw))
			s->found = 1;
	}
}

static int
pop3(struct st *s)
{
	int r, capa;

	if ((r = getline_(s, "before its greeting")) != 0)
		return r;
	set_last(s);
	if (strncmp(s->line, "-ERR", 4) == 0)
		return refused_greeting(s);
	if (strncmp(s->line, "+OK", 3) != 0)
		return wrong_proto(s);
	plain_state(s->p, "read greeting");
	if ((r = command(s, "CAPA", "CAPA")) != 0)
		return r;
	if ((r = getline_(s, "after CAPA")) != 0)
		return r;
	capa = strncmp(s->line, "+OK", 3) == 0;
	if (capa && (r = dot_list(s, "in its CAPA list", "STLS")) != 0)
		return r;
	plain_state(s->p, "read CAPA reply");
	/* RFC 2449 servers list STLS; without CAPA, ask anyway */
	if (capa && !s->found)
		return not_offered(s, "STLS", "CAPA reply");
	if ((r = command(s, "STLS", "STLS")) != 0)
		return r;
	if ((r = getline_(s, "after STLS")) != 0)
		return r;
	set_last(s);
	if (strncmp(s->line, "+OK", 3) != 0)
		return refused(s, "STLS");
	return 0;
}

/* Read up to and including the line tagged tag; 0 when it says OK. */
static int
imap_tagged(struct st *s, const char *tag, const char *what)
{
	size_t k = strlen(tag);
	int lines = 0, r;

	for (;;) {
		if ((r = getline_(s, what)) != 0)
			return r;
		if (++lines > MAX_LINES)
			return plain_fail(s->p, "the server sent more than %d "
			    "lines %s", MAX_LINES, what);
		set_last(s);
		if (strncasecmp(s->line, "* CAPABILITY ", 13) == 0) {
			s->caps[0] = '\0';
			add_cap(s, s->line + 13);
			if (has_word(s->line + 13, "STARTTLS"))
				s->found = 1;
		}
		if (strncmp(s->line, tag, k) == 0 && s->line[k] == ' ')
			return strncasecmp(s->line + k + 1, "OK", 2) == 0 ?
			    0 : 1;
		if (s->line[0] != '*' && s->line[0] != '+')
			return plain_fail(s->p, "the server sent a line that "
			    "is neither tagged nor untagged %s: \"%s\"", what,
			    s->last);
	}
}

static int
imap(struct st *s)
{
	int r;

	if ((r = getline_(s, "before its greeting")) != 0)
		return r;
	set_last(s);
	if (strncmp(s->line, "* BYE", 5) == 0)
		return refused_greeting(s);
	if (strncmp(s->line, "* OK", 4) != 0 &&
	    strncmp(s->line, "* PREAUTH", 9) != 0)
		return wrong_proto(s);
	plain_state(s->p, "read greeting");
	if ((r = command(s, ". CAPABILITY", "CAPABILITY")) != 0)
		return r;
	if ((r = imap_tagged(s, ".", "after CAPABILITY")) == 1)
		return refused(s, "CAPABILITY");
	if (r != 0)
		return r;
	plain_state(s->p, "read CAPABILITY reply");
	if (!s->found)
		return not_offered(s, "STARTTLS", "CAPABILITY reply");
	if ((r = command(s, ". STARTTLS", "STARTTLS")) != 0)
		return r;
	if ((r = imap_tagged(s, ".", "after STARTTLS")) == 1)
		return refused(s, "STARTTLS");
	return r;
}

static int
ftp(struct st *s)
{
	int code, r;

	if ((r = numeric_greeting(s, 220, 220)) != 0)
		return r;
	/* RFC 2389: FEAT lists "AUTH TLS"; a server without FEAT is asked */
	if ((r = numeric_cmd(s, "FEAT", "AUTH", &code)) != 0)
		return r;
	plain_state(s->p, "read FEAT reply");
	if (code == 211 && !s->found)
		return not_offered(s, "AUTH TLS", "FEAT reply");
	return numeric_starttls(s, "AUTH TLS", 234);
}

static int
nntp(struct st *s)
{
	int code, r;

	if ((r = numeric_greeting(s, 200, 201)) != 0)
		return r;
	if ((r = numeric_cmd(s, "CAPABILITIES", NULL, &code)) != 0)
		return r;
	if (code == 101 &&
	    (r = dot_list(s, "in its CAPABILITIES list", "STARTTLS")) != 0)
		return r;
	plain_state(s->p, "read CAPABILITIES reply");
	if (code == 101 && !s->found)
		return not_offered(s, "STARTTLS", "CAPABILITIES reply");
	return numeric_starttls(s, "STARTTLS", 382);
}

/* RFC 5804: capability lines, then OK / NO / BYE. */
static int
sieve_response(struct st *s, const char *what, int greeting)
{
	int lines = 0, r;

	s->caps[0] = '\0';
	for (;;) {
		if ((r = getline_(s, what)) != 0)
			return r;
		if (++lines > MAX_LINES)
			return plain_fail(s->p, "the server sent more than %d "
			    "lines %s", MAX_LINES, what);
		set_last(s);
		if (strncasecmp(s->line, "OK", 2) == 0)
			return 0;
		if (strncasecmp(s->line, "NO", 2) == 0 ||
		    strncasecmp(s->line, "BYE", 3) == 0)
			return 1;
		if (!greeting || s->line[0] != '"')
			return lines == 1 && greeting ? wrong_proto(s) :
			    plain_fail(s->p, "the server sent an unexpected "
			    "line %s: \"%s\"", what, s->last);
		if (strncasecmp(s->line, "\"STARTTLS\"", 10) == 0)
			s->found = 1;
		add_cap(s, s->line);
	}
}

static int
sieve(struct st *s)
{
	int r;

	if ((r = sieve_response(s, "before its greeting", 1)) == 1)
		return refused_greeting(s);
	if (r != 0)
		return r;
	plain_state(s->p, "read greeting");
	if (!s->found)
		return not_offered(s, "STARTTLS", "greeting");
	if ((r = command(s, "STARTTLS", "STARTTLS")) != 0)
		return r;
	if ((r = sieve_response(s, "after STARTTLS", 0)) == 1)
		return refused(s, "STARTTLS");
	return r;
}

static int
irc(struct st *s)
{
	const char *num;
	int lines = 0, r;

	if ((r = command(s, "STARTTLS", "STARTTLS")) != 0)
		return r;
	for (;;) {
		r = plain_line(s->p, s->line, sizeof(s->line), &s->n);
		if (r == TP_E_TIMEOUT && lines > 0)
			return plain_fail(s->p, "no answer to STARTTLS within "
			    "%d s (an IRC server without STARTTLS support "
			    "ignores it); its last line: \"%s\"",
			    s->cfg->timeout_ms / 1000, s->last);
		if (r != 0 && (r = getline_(s, "after STARTTLS")) != 0)
			return r;
		if (++lines > MAX_LINES)
			return plain_fail(s->p, "the server sent more than %d "
			    "lines after STARTTLS", MAX_LINES);
		set_last(s);
		if (strncmp(s->line, "PING ", 5) == 0) {
			if ((r = plain_send(s->p, "PONG %.400s",
			    s->line + 5)) != 0)
				return plain_io_fail(s->p, r, "sending PONG");
			continue;
		}
		if (strncmp(s->line, "ERROR ", 6) == 0)
			return refused(s, "STARTTLS");
		if (s->line[0] != ':') {
			if (strncmp(s->line, "NOTICE ", 7) == 0)
				continue;
			return lines == 1 ? wrong_proto(s) :
			    plain_fail(s->p, "the server sent a line that is "
			    "not an IRC message after STARTTLS: \"%s\"",
			    s->last);
		}
		/* ":server 670 nick :STARTTLS successful, go ahead" */
		num = strchr(s->line, ' ');
		if (num == NULL)
			continue;
		num++;
		if (strncmp(num, "670 ", 4) == 0)
			return 0;
		if (is_reply(num, strlen(num)) && num[0] >= '4')
			return refused(s, "STARTTLS");
	}
}

/* Split received XML into one trace line per element or text. */
static void
xml_trace(struct st *s, const unsigned char *b, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++)
		if (b[i] == '>' && (i + 1 == n || b[i + 1] == '<')) {
			plain_trace_text(s->p, 0, b + start, i + 1 - start);
			start = i + 1;
		}
	if (start < n)
		plain_trace_text(s->p, 0, b + start, n - start);
}

/* Read until one of the strings in stop[] appears; returns its index. */
static int
xml_until(struct st *s, char *acc, size_t *len, const char *const *stop,
    const char *what)
{
	size_t got, i;
	int r;

	for (;;) {
		for (i = 0; stop[i] != NULL; i++)
			if (strstr(acc, stop[i]) != NULL)
				return (int)i;
		if (*len + 1 >= XMPP_MAX)
			return -plain_fail(s->p, "the server sent more than %d "
			    "bytes %s", XMPP_MAX, what);
		r = plain_some(s->p, (unsigned char *)acc + *len,
		    XMPP_MAX - 1 - *len, &got);
		if (r != 0) {
			if (r == TP_E_TIMEOUT && s->p->total == 0)
				return -plain_fail(s->p, "no answer from the "
				    "server within %d s %s",
				    s->cfg->timeout_ms / 1000, what);
			return -plain_io_fail(s->p, r, what);
		}
		for (i = *len; i < *len + got; i++)
			if (acc[i] == '\0')
				acc[i] = '?';
		xml_trace(s, (unsigned char *)acc + *len, got);
		*len += got;
		acc[*len] = '\0';
		/* the first thing back must be XML */
		if (acc[strspn(acc, " \t\r\n")] != '<' &&
		    acc[strspn(acc, " \t\r\n")] != '\0')
			return -wrong_proto(s);
	}
}

/* The element names inside <stream:features>, for quoting. */
static void
xml_features(struct st *s, const char *acc)
{
	const char *f = strstr(acc, "<stream:features"), *t;
	char name[64];
	size_t k;

	s->caps[0] = '\0';
	if (f == NULL || (f = strchr(f, '>')) == NULL)
		return;
	for (t = f + 1; (t = strchr(t, '<')) != NULL; t++) {
		if (t[1] == '/' || strncmp(t + 1, "stream:features", 15) == 0)
			continue;
		k = strcspn(t + 1, " />\t\r\n");
		if (k == 0 || k >= sizeof(name))
			continue;
		memcpy(name, t + 1, k);
		name[k] = '\0';
		add_cap(s, name);
	}
}

/* Write name into out with XML's five characters escaped. */
static void
xml_escape(const char *name, char *out, size_t cap)
{
	size_t o = 0;
	const char *e;

	for (; *name != '\0' && o + 7 < cap; name++) {
		switch (*name) {
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '&': e = "&amp;"; break;
		case '\'': e = "&apos;"; break;
		case '"': e = "&quot;"; break;
		default:
			out[o++] = *name;
			continue;
		}
		o += strlcpy(out + o, e, cap - o);
	}
	out[o] = '\0';
}

static int
xmpp(struct st *s)
{
	static const char *const feat[] = { "</stream:features>",
	    "<stream:features/>", "</stream:stream>", "<stream:error", NULL };
	static const char *const done[] = { "<proceed", "<failure",
	    "</stream:stream>", "<stream:error", NULL };
	static char acc[XMPP_MAX];
	char to[512];
	size_t len = 0;
	int r, server = strcmp(s->pr->name, "xmpp-server") == 0;
	const char *e;

	acc[0] = '\0';
	/* RFC 6120, 4.7.2: 'to' is the service's domain */
	xml_escape(s->cfg->protohost != NULL ? s->cfg->protohost :
	    s->cfg->host, to, sizeof(to));
	if ((r = plain_send(s->p, "<stream:stream xmlns:stream="
	    "'http://etherx.jabber.org/streams' xmlns='jabber:%s' to='%s' "
	    "version='1.0'>", server ? "server" : "client", to)) != 0)
		return plain_io_fail(s->p, r, "sending the stream header");
	r = xml_until(s, acc, &len, feat, "before its stream features");
	if (r < 0)
		return -r;
	if (r >= 2) {
		e = strstr(acc, "<stream:error");
		plain_quote((const unsigned char *)(e != NULL ? e : acc),
		    strlen(e != NULL ? e : acc), s->last, sizeof(s->last));
		return plain_fail(s->p, "the server ended the stream: \"%s\"",
		    s->last);
	}
	plain_state(s->p, "read stream features");
	xml_features(s, acc);
	if (strstr(acc, "<starttls") == NULL ||
	    strstr(acc, "urn:ietf:params:xml:ns:xmpp-tls") == NULL)
		return not_offered(s, "STARTTLS", "stream features");
	/* keep what came after the features (one read may bring more) */
	e = strstr(acc, feat[r]) + strlen(feat[r]);
	len -= (size_t)(e - acc);
	memmove(acc, e, len + 1);
	if ((r = command(s, "<starttls "
	    "xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "<starttls/>")) != 0)
		return r;
	r = xml_until(s, acc, &len, done, "after <starttls/>");
	if (r < 0)
		return -r;
	if (r != 0) {
		plain_quote((const unsigned char *)acc, len, s->last,
		    sizeof(s->last));
		return refused(s, "<starttls/>");
	}
	return 0;
}

/* --- telnet: option 46, START_TLS ------------------------------------- */

#define IAC	255
#define DONT	254
#define DO	253
#define WONT	252
#define WILL	251
#define SB	250
#define SE	240
#define TELOPT_START_TLS	46
#define TLS_FOLLOWS		1

/*
 * Scan received telnet bytes; returns 1 on DO START_TLS (first pass) or
 * SB START_TLS FOLLOWS (second pass), 2 on DONT/WONT START_TLS, 3 on
 * plain text, 0 when more is needed.
 */
static int
telnet_scan(const unsigned char *b, size_t n, int second, size_t *text)
{
	size_t i = 0;

	while (i < n) {
		if (b[i] != IAC) {
			*text = i;
			return 3;
		}
		if (i + 1 >= n)
			return 0;
		switch (b[i + 1]) {
		case DO: case DONT: case WILL: case WONT:
			if (i + 2 >= n)
				return 0;
			if (b[i + 2] == TELOPT_START_TLS) {
				if (b[i + 1] == DO && !second)
					return 1;
				if (b[i + 1] == DONT || b[i + 1] == WONT)
					return 2;
			}
			i += 3;
			break;
		case SB:
			if (second && i + 5 < n &&
			    b[i + 2] == TELOPT_START_TLS &&
			    b[i + 3] == TLS_FOLLOWS && b[i + 4] == IAC &&
			    b[i + 5] == SE)
				return 1;
			/* skip to IAC SE */
			for (i += 2; i + 1 < n; i++)
				if (b[i] == IAC && b[i + 1] == SE)
					break;
			if (i + 1 >= n)
				return 0;
			i += 2;
			break;
		default:
			i += 2;
			break;
		}
	}
	return 0;
}

static int
telnet_wait(struct st *s, int second, const char *what)
{
	static unsigned char acc[PLAIN_MAX];
	size_t len = 0, got, text = 0;
	int r, v;

	for (;;) {
		if (len == sizeof(acc))
			return plain_fail(s->p, "the server sent more than %d "
			    "bytes of telnet options %s", PLAIN_MAX, what);
		if ((r = plain_some(s->p, acc + len, sizeof(acc) - len,
		    &got)) != 0) {
			if (r == TP_E_TIMEOUT && s->p->total == 0 && !second)
				return plain_fail(s->p, "no telnet option "
				    "negotiation from the server within %d s",
				    s->cfg->timeout_ms / 1000);
			return plain_io_fail(s->p, r, what);
		}
		plain_trace_bin(s->p, 0, "telnet data", acc + len, got);
		len += got;
		v = telnet_scan(acc, len, second, &text);
		if (v == 1)
			return 0;
		if (v == 2)
			return plain_fail(s->p, "the server refused START_TLS "
			    "(telnet option 46) %s", what);
		if (v == 3) {
			if (text == 0 && !second)
				return wrong_proto(s);
			plain_quote(acc + text, len - text, s->last,
			    sizeof(s->last));
			return plain_fail(s->p, "the server does not offer "
			    "START_TLS (telnet option 46) %s; it sent text: "
			    "\"%s\"", what, s->last);
		}
	}
}

static int
telnet(struct st *s)
{
	static const unsigned char will[] = { IAC, WILL, TELOPT_START_TLS,
	    IAC, SB, TELOPT_START_TLS, TLS_FOLLOWS, IAC, SE };
	int r;

	if ((r = telnet_wait(s, 0, "before DO START_TLS")) != 0)
		return r;
	plain_state(s->p, "read DO START_TLS");
	if ((r = plain_send_bin(s->p, "telnet WILL START_TLS, SB START_TLS "
	    "FOLLOWS", will, sizeof(will))) != 0)
		return plain_io_fail(s->p, r, "sending WILL START_TLS");
	return telnet_wait(s, 1, "after WILL START_TLS");
}

/* --- MySQL -------------------------------------------------------------- */

#define MYSQL_CLIENT_SSL	0x0800

static int
mysql(struct st *s)
{
	/* s_client's SSLRequest: 32 bytes, sequence 1 */
	static const unsigned char req[36] = { 0x20, 0x00, 0x00, 0x01,
	    0x85, 0xae, 0x7f, 0x00,	/* capabilities, CLIENT_SSL on */
	    0x00, 0x00, 0x00, 0x01,	/* max packet size */
	    0x21 };			/* utf8_general_ci; 23 zero bytes */
	unsigned char hdr[4], pl[1024];
	char what[200], ver[64], msg[200];
	size_t len, i;
	unsigned caps;
	int r;

	if ((r = plain_bytes(s->p, hdr, 4)) != 0) {
		if (r == TP_E_TIMEOUT && s->p->total == 0)
			return silent(s);
		if (s->p->nfirst > 0 && s->p->nfirst < 4)
			return wrong_proto(s);
		return plain_io_fail(s->p, r, "before its greeting");
	}
	len = hdr[0] | (size_t)hdr[1] << 8 | (size_t)hdr[2] << 16;
	if (len < 1 || len > sizeof(pl) || hdr[3] != 0)
		return wrong_proto(s);
	if ((r = plain_bytes(s->p, pl, len)) != 0)
		return plain_io_fail(s->p, r, "in its initial handshake packet");
	if (pl[0] == 0xff) {
		/* ERR packet: code, then "#SQLSTATE" (4.1+), message */
		i = 3;
		if (len > 9 && pl[3] == '#')
			i = 9;
		plain_quote(pl + i, len > i ? len - i : 0, msg, sizeof(msg));
		snprintf(what, sizeof(what), "MySQL error packet, error %u",
		    len >= 3 ? pl[1] | pl[2] << 8 : 0);
		plain_trace_bin(s->p, 0, what, pl, len);
		return plain_fail(s->p, "the server refused the connection: "
		    "MySQL error %u: \"%s\"", len >= 3 ? pl[1] | pl[2] << 8 :
		    0, msg);
	}
	if (pl[0] != 10)
		return wrong_proto(s);
	/* protocol 10: version NUL, thread id 4, scramble 8, filler, caps */
	for (i = 1; i < len && pl[i] != 0; i++)
		;
	if (i + 1 + 4 + 8 + 1 + 2 > len)
		return plain_fail(s->p, "the server's MySQL initial handshake "
		    "packet is truncated (%zu bytes)", len);
	plain_quote(pl + 1, i - 1, ver, sizeof(ver));
	caps = pl[i + 14] | (unsigned)pl[i + 15] << 8;
	snprintf(what, sizeof(what), "MySQL initial handshake, protocol 10, "
	    "server %s, capabilities 0x%04x%s", ver, caps,
	    caps & MYSQL_CLIENT_SSL ? " (SSL)" : "");
	plain_trace_bin(s->p, 0, what, pl, len);
	plain_state(s->p, "read initial handshake");
	if (!(caps & MYSQL_CLIENT_SSL)) {
		snprintf(s->caps, sizeof(s->caps), "server %s, capability "
		    "flags 0x%04x without CLIENT_SSL (0x0800)", ver, caps);
		return plain_fail(s->p, "the server does not offer SSL; its "
		    "initial handshake says: %s", s->caps);
	}
	if ((r = plain_send_bin(s->p, "MySQL SSLRequest", req,
	    sizeof(req))) != 0)
		return plain_io_fail(s->p, r, "sending the SSLRequest");
	return 0;
}

/* --- PostgreSQL ---------------------------------------------------------- */

static int
postgres(struct st *s)
{
	/* length 8, code 1234 5679 (RFC: "SSLRequest") */
	static const unsigned char req[8] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16,
	    0x2f };
	unsigned char b, hdr[4], body[512];
	char msg[300];
	size_t len, i;
	int r;

	if ((r = plain_send_bin(s->p, "PostgreSQL SSLRequest", req,
	    sizeof(req))) != 0)
		return plain_io_fail(s->p, r, "sending the SSLRequest");
	if ((r = plain_bytes(s->p, &b, 1)) != 0)
		return plain_io_fail(s->p, r, "after the SSLRequest");
	if (b == 'S') {
		plain_trace_bin(s->p, 0, "PostgreSQL SSLRequest answer 'S' "
		    "(go ahead)", &b, 1);
		return 0;
	}
	if (b == 'N') {
		plain_trace_bin(s->p, 0, "PostgreSQL SSLRequest answer 'N' "
		    "(no SSL)", &b, 1);
		return plain_fail(s->p, "the server refused the SSLRequest: "
		    "it answered 'N' (SSL is off on this server)");
	}
	if (b == 'E' && plain_bytes(s->p, hdr, 4) == 0) {
		/* ErrorResponse: fields "Xtext\0" ...; 'M' is the message */
		len = (size_t)hdr[0] << 24 | (size_t)hdr[1] << 16 |
		    (size_t)hdr[2] << 8 | hdr[3];
		if (len >= 4 && len - 4 <= sizeof(body) &&
		    plain_bytes(s->p, body, len - 4) == 0) {
			plain_trace_bin(s->p, 0, "PostgreSQL ErrorResponse",
			    body, len - 4);
			msg[0] = '\0';
			for (i = 0; i + 1 < len - 4 && body[i] != 0;) {
				size_t k = strnlen((char *)body + i + 1,
				    len - 4 - i - 1);

				if (body[i] == 'M')
					plain_quote(body + i + 1, k, msg,
					    sizeof(msg));
				i += k + 2;
			}
			return plain_fail(s->p, "the server refused the "
			    "SSLRequest: \"%s\"", msg);
		}
	}
	return wrong_proto(s);
}

/* --- LDAP ------------------------------------------------------------- */

/* BER: tag, definite length (at most 4 length bytes) */
static int
ber_get(struct cbs *in, uint8_t want, struct cbs *out)
{
	uint8_t tag, l, b;
	uint32_t len = 0;
	int i;

	if (!cbs_get_u8(in, &tag) || tag != want || !cbs_get_u8(in, &l))
		return 0;
	if (l & 0x80) {
		if ((l & 0x7f) == 0 || (l & 0x7f) > 4)
			return 0;
		for (i = 0; i < (l & 0x7f); i++) {
			if (!cbs_get_u8(in, &b))
				return 0;
			len = len << 8 | b;
		}
	} else
		len = l;
	return cbs_get_bytes(in, out, len);
}

static const char *
ldap_result(unsigned rc)
{
	switch (rc) {
	case 0: return "success";
	case 1: return "operationsError";
	case 2: return "protocolError";
	case 3: return "timeLimitExceeded";
	case 8: return "strongerAuthRequired";
	case 12: return "unavailableCriticalExtension";
	case 50: return "insufficientAccessRights";
	case 51: return "busy";
	case 52: return "unavailable";
	case 53: return "unwillingToPerform";
	case 80: return "other";
	default: return "unknown";
	}
}

static int
ldap(struct st *s)
{
	/* LDAPMessage { messageID 1, extendedReq [APPLICATION 23] {
	   requestName [0] "1.3.6.1.4.1.1466.20037" } } */
	static const unsigned char req[] = { 0x30, 0x1d, 0x02, 0x01, 0x01,
	    0x77, 0x18, 0x80, 0x16, '1', '.', '3', '.', '6', '.', '1', '.',
	    '4', '.', '1', '.', '1', '4', '6', '6', '.', '2', '0', '0', '3',
	    '7' };
	unsigned char hdr[6], msg[PLAIN_MAX];
	struct cbs in, seq, id, op, rc, dn, diag;
	size_t hl = 2, len;
	char what[400], q[200];
	unsigned code = 0, mid = 0;
	uint8_t b;
	int r, i;

	if ((r = plain_send_bin(s->p, "LDAP ExtendedRequest StartTLS "
	    "(1.3.6.1.4.1.1466.20037), messageID 1", req, sizeof(req))) != 0)
		return plain_io_fail(s->p, r, "sending the StartTLS request");
	if ((r = plain_bytes(s->p, hdr, 2)) != 0)
		return plain_io_fail(s->p, r, "after the StartTLS request");
	if (hdr[0] != 0x30)
		return wrong_proto(s);
	len = hdr[1];
	if (hdr[1] & 0x80) {
		if ((hdr[1] & 0x7f) == 0 || (hdr[1] & 0x7f) > 4)
			return wrong_proto(s);
		hl += hdr[1] & 0x7f;
		if ((r = plain_bytes(s->p, hdr + 2, hl - 2)) != 0)
			return plain_io_fail(s->p, r, "in the StartTLS "
			    "response");
		for (len = 0, i = 2; (size_t)i < hl; i++)
			len = len << 8 | hdr[i];
	}
	if (len > sizeof(msg) - hl)
		return plain_fail(s->p, "the server's LDAP response is %zu "
		    "bytes, more than %d", len, PLAIN_MAX);
	memcpy(msg, hdr, hl);
	if ((r = plain_bytes(s->p, msg + hl, len)) != 0)
		return plain_io_fail(s->p, r, "in the StartTLS response");
	cbs_init(&in, msg, hl + len);
	if (!ber_get(&in, 0x30, &seq) || !ber_get(&seq, 0x02, &id) ||
	    cbs_len(&id) < 1 || cbs_len(&id) > 4 ||
	    !ber_get(&seq, 0x78, &op) || !ber_get(&op, 0x0a, &rc) ||
	    cbs_len(&rc) < 1 || cbs_len(&rc) > 4 ||
	    !ber_get(&op, 0x04, &dn) || !ber_get(&op, 0x04, &diag)) {
		plain_trace_bin(s->p, 0, "LDAP message (malformed)", msg,
		    hl + len);
		return plain_fail(s->p, "the server's answer to StartTLS is "
		    "not an LDAP ExtendedResponse (LDAPMessage malformed)");
	}
	while (cbs_get_u8(&id, &b))
		mid = mid << 8 | b;
	while (cbs_get_u8(&rc, &b))
		code = code << 8 | b;
	plain_quote(cbs_data(&diag), cbs_len(&diag), q, sizeof(q));
	snprintf(what, sizeof(what), "LDAP ExtendedResponse, messageID %u, "
	    "resultCode %u (%s)%s%s", mid, code, ldap_result(code),
	    q[0] ? ", " : "", q);
	plain_trace_bin(s->p, 0, what, msg, hl + len);
	if (mid == 0)
		return plain_fail(s->p, "the server sent a notice of "
		    "disconnection: resultCode %u (%s)%s%s%s", code,
		    ldap_result(code), q[0] ? ": \"" : "", q, q[0] ? "\"" : "");
	if (code != 0)
		return plain_fail(s->p, "the server refused StartTLS: "
		    "resultCode %u (%s)%s%s%s", code, ldap_result(code),
		    q[0] ? ": \"" : "", q, q[0] ? "\"" : "");
	return 0;
}

/* --- the entry point ------------------------------------------------------ */

/* Bytes that came before TLS should start: the first of them, quoted. */
static void
quote_pending(struct plainio *p, char *q, size_t cap)
{
	unsigned char b[64];
	size_t got;

	(void)plain_some(p, b, sizeof(b), &got);
	plain_quote(b, got, q, cap);
}

int
starttls_run(struct plainio *p, int proto)
{
	static struct st s;
	int r;

	if (proto < 1 || (size_t)proto > NPROTOS)
		return plain_fail(p, "unknown STARTTLS protocol");
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.pr = &protos[proto - 1];
	s.cfg = p->c->cfg;
	plain_phase(p, "starttls", "STARTTLS");
	/* the first reply (or greeting) gets the full timeout */
	if ((r = s.pr->run(&s)) != 0)
		return r;
	plain_state(p, "ready for TLS");
	if (plain_pending(p) > 0) {
		size_t n = plain_pending(p);
		char q[160];

		quote_pending(p, q, sizeof(q));
		return plain_fail(p, "the server sent %zu bytes after "
		    "agreeing to start TLS, before the handshake: \"%s\" "
		    "(refused: bytes sent in plaintext must not reach the "
		    "TLS session)", n, q);
	}
	return 0;
}

int
plain_preamble(struct conn *c, struct net *n)
{
	static struct plainio p;
	const struct config *cfg = c->cfg;
	char q[160];
	int r;

	if (cfg->proxy_host[0] == '\0' && cfg->starttls == 0)
		return 0;
	plain_init(&p, c, n);
	if (cfg->proxy_host[0] != '\0' && (r = proxy_connect(&p)) != 0)
		return r;
	if (cfg->starttls != 0)
		return starttls_run(&p, cfg->starttls);
	/* a TLS server does not speak first */
	if (plain_pending(&p) > 0) {
		quote_pending(&p, q, sizeof(q));
		return plain_fail(&p, "the server (or proxy) sent data "
		    "before the ClientHello: \"%s\"", q);
	}
	return 0;
}
