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

int
proxy_connect(struct plainio *p)
{
	const struct config *cfg = p->c->cfg;
	char target[300], req[1024], line[PLAIN_MAX], q[200], hdr[400];
	const char *why;
	size_t n;
	int r, code, k, lines = 0;

	plain_phase(p, "proxy", "PROXY");
	/* RFC 9110, 7.2: an IPv6 literal goes in brackets */
	snprintf(target, sizeof(target), strchr(cfg->host, ':') != NULL ?
	    "[%s]:%s" : "%s:%s", cfg->host, cfg->port);
	snprintf(hdr, sizeof(hdr), "CONNECT %s HTTP/1.1", target);
	plain_trace_text(p, 1, (const unsigned char *)hdr, strlen(hdr));
	k = snprintf(req, sizeof(req), "%s\r\n", hdr);
	snprintf(hdr, sizeof(hdr), "Host: %s", target);
	plain_trace_text(p, 1, (const unsigned char *)hdr, strlen(hdr));
	k += snprintf(req + k, sizeof(req) - (size_t)k, "%s\r\n", hdr);
	if (cfg->proxy_auth != NULL) {
		snprintf(hdr, sizeof(hdr), "Proxy-Authorization: Basic "
		    "(credentials of %s, not shown)", cfg->proxy_user);
		plain_trace_text(p, 1, (const unsigned char *)hdr, strlen(hdr));
		k += snprintf(req + k, sizeof(req) - (size_t)k,
		    "Proxy-Authorization: Basic %s\r\n", cfg->proxy_auth);
	}
	plain_trace_text(p, 1, (const unsigned char *)"", 0);
	k += snprintf(req + k, sizeof(req) - (size_t)k, "\r\n");
	if ((size_t)k >= sizeof(req))
		return plain_fail(p, "internal: CONNECT request too long");
	r = plain_write(p, (const unsigned char *)req, (size_t)k);
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
