/*
 * proxy.c -- HTTP CONNECT: "CONNECT host:port HTTP/1.1", Host, and
 * Proxy-Authorization: Basic (RFC 7617) when -proxy_user is given; a 2xx
 * status opens the tunnel, anything else is the proxy's refusal.  The
 * credentials never appear in the trace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "plainio.h"
#include "proxy.h"
#include "tperr.h"

#define MAX_HEADERS	100

/*
 * Append line and CR LF to the request at *k; the trace shows shown (the
 * line itself when NULL).  *k passes cap when the request is too long.
 */
static void
add_line(struct plainio *p, char *req, size_t cap, size_t *k,
    const char *line, const char *shown)
{
	int n;

	if (shown == NULL)
		shown = line;
	plain_trace_text(p, 1, (const unsigned char *)shown, strlen(shown));
	if (*k >= cap)
		return;
	n = snprintf(req + *k, cap - *k, "%s\r\n", line);
	*k = n < 0 ? cap : *k + (size_t)n;
}

int
proxy_connect(struct plainio *p)
{
	const struct config *cfg = p->c->cfg;
	char target[300], req[1024], line[PLAIN_MAX], q[200], hdr[400];
	char auth[1200];
	const char *why;
	size_t n, k = 0;
	int r, code, lines = 0;

	plain_phase(p, "proxy", "PROXY");
	/* RFC 9110, 7.2: an IPv6 literal goes in brackets */
	snprintf(target, sizeof(target), strchr(cfg->host, ':') != NULL ?
	    "[%s]:%s" : "%s:%s", cfg->host, cfg->port);
	snprintf(hdr, sizeof(hdr), "CONNECT %s HTTP/1.1", target);
	add_line(p, req, sizeof(req), &k, hdr, NULL);
	snprintf(hdr, sizeof(hdr), "Host: %s", target);
	add_line(p, req, sizeof(req), &k, hdr, NULL);
	if (cfg->proxy_auth != NULL) {
		snprintf(hdr, sizeof(hdr), "Proxy-Authorization: Basic "
		    "(credentials of %s, not shown)", cfg->proxy_user);
		snprintf(auth, sizeof(auth), "Proxy-Authorization: Basic %s",
		    cfg->proxy_auth);
		add_line(p, req, sizeof(req), &k, auth, hdr);
		explicit_bzero(auth, sizeof(auth));
	}
	add_line(p, req, sizeof(req), &k, "", NULL);
	if (k >= sizeof(req)) {
		explicit_bzero(req, sizeof(req));
		return plain_fail(p, "internal: CONNECT request too long");
	}
	r = plain_write(p, (const unsigned char *)req, k);
	explicit_bzero(req, sizeof(req));
	if (r != 0)
		return plain_io_fail(p, r, "while sending CONNECT");
	plain_state(p, "write CONNECT %s", target);
	if ((r = plain_line(p, line, sizeof(line), &n)) != 0) {
		if (r == TP_E_TIMEOUT)
			return plain_fail(p, "no answer from the proxy %s:%s "
			    "to CONNECT %s within %d s", cfg->proxy_host,
			    cfg->proxy_port, target, cfg->timeout_ms / 1000);
		if (r == TP_E_CLOSED)
			return plain_fail(p, "the proxy %s:%s closed the "
			    "connection after CONNECT %s", cfg->proxy_host,
			    cfg->proxy_port, target);
		return plain_io_fail(p, r, "after CONNECT");
	}
	plain_quote((const unsigned char *)line, n, q, sizeof(q));
	/* "HTTP/1.1 200 Connection established" */
	if (n < 12 || strncmp(line, "HTTP/1.", 7) != 0 || line[8] != ' ' ||
	    line[9] < '1' || line[9] > '5' || line[10] < '0' ||
	    line[10] > '9' || line[11] < '0' || line[11] > '9')
		return plain_fail(p, "the proxy %s:%s did not answer like an "
		    "HTTP proxy: \"%s\"", cfg->proxy_host, cfg->proxy_port, q);
	code = atoi(line + 9);
	if (code < 200 || code > 299) {
		why = "";
		if (code == 407 || (code == 401 && cfg->proxy_auth != NULL))
			why = cfg->proxy_auth != NULL ? " (it rejected the "
			    "credentials of -proxy_user)" : " (it wants "
			    "credentials: -proxy_user and -proxy_pass)";
		return plain_fail(p, "the proxy %s:%s refused CONNECT %s: "
		    "\"%s\"%s", cfg->proxy_host, cfg->proxy_port, target, q,
		    why);
	}
	/* the header fields, up to the empty line */
	for (;;) {
		if ((r = plain_line(p, line, sizeof(line), &n)) != 0)
			return plain_io_fail(p, r, "in the proxy's answer "
			    "to CONNECT");
		if (n == 0)
			break;
		if (++lines > MAX_HEADERS)
			return plain_fail(p, "the proxy sent more than %d "
			    "header lines", MAX_HEADERS);
	}
	plain_state(p, "tunnel open: \"%s\"", q);
	return 0;
}
