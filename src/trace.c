/*
 * trace.c -- text printers for trace events.
 *
 * -msg   s_client's shape: ">>> TLS 1.2, Handshake [length 00b3], ClientHello"
 *        then the bytes, 16 per line, four spaces in.  ">>>" is sent, "<<<"
 *        received; the version is the record-layer version on the wire.
 * -state one line per transition, "SSL_connect:<what>", so greps written for
 *        s_client keep matching.
 * -trace every handshake message decoded field by field (tracefmt.c).
 * Everything goes to stdout, which main() makes line buffered.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "msg.h"
#include "names.h"
#include "trace.h"
#include "tracefmt.h"

void
trace_hexdump(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			fputs("   ", stdout);
		printf(" %02x", p[i]);
		if (i % 16 == 15 || i + 1 == n)
			putchar('\n');
	}
}

static void
msg_line(const struct tp_event *ev, const char *what, const char *detail)
{
	char vb[16];

	printf("%s %s, %s [length %04zx]%s%s\n", ev->sent ? ">>>" : "<<<",
	    version_str(ev->version, vb, sizeof(vb)), what, ev->len,
	    detail != NULL ? ", " : "", detail != NULL ? detail : "");
}

static void
print_msg(const struct tp_event *ev)
{
	char buf[64];
	const char *name;

	switch (ev->kind) {
	case EV_RECORD:
		printf("%s %s, RecordHeader [length %04zx]\n",
		    ev->sent ? ">>>" : "<<<",
		    version_str(ev->version, buf, sizeof(buf)), ev->len);
		trace_hexdump(ev->data, ev->len);
		break;
	case EV_HANDSHAKE:
		name = ev->len > 0 ? handshake_name(ev->data[0]) : NULL;
		if (name == NULL) {
			snprintf(buf, sizeof(buf), "unknown(%u)",
			    ev->len > 0 ? ev->data[0] : 0);
			name = buf;
		}
		if (!ev->sent && ev->len >= 38 &&
		    ev->data[0] == HS_SERVER_HELLO &&
		    memcmp(ev->data + 6, tls13_hrr_random, 32) == 0)
			name = "HelloRetryRequest";
		msg_line(ev, "Handshake", name);
		trace_hexdump(ev->data, ev->len);
		break;
	case EV_CCS:
		msg_line(ev, "ChangeCipherSpec", NULL);
		trace_hexdump(ev->data, ev->len);
		break;
	case EV_ALERT:
		if (ev->len == 2) {
			const char *l = alert_level_name(ev->data[0]);
			const char *d = alert_name(ev->data[1]);

			snprintf(buf, sizeof(buf), "%s %s",
			    l != NULL ? l : "unknown-level",
			    d != NULL ? d : "unknown");
			msg_line(ev, "Alert", buf);
		} else
			msg_line(ev, "Alert", "malformed");
		trace_hexdump(ev->data, ev->len);
		break;
	case EV_INNER_TYPE:
		msg_line(ev, "InnerContent", NULL);
		trace_hexdump(ev->data, ev->len);
		break;
	default:
		break;
	}
}

static void
print_trace(struct conn *c, const struct tp_event *ev)
{
	struct tracefmt_ctx ctx;

	ctx.out = stdout;
	ctx.version = c->version;
	ctx.suite = c->suite;
	ctx.from_server = !ev->sent;
	switch (ev->kind) {
	case EV_HANDSHAKE:
		printf("%s %s\n", ev->sent ? "Sent" : "Received",
		    "Handshake message:");
		tracefmt_handshake(&ctx, ev->data, ev->len);
		break;
	case EV_ALERT:
		printf("%s Alert:\n", ev->sent ? "Sent" : "Received");
		tracefmt_alert(&ctx, ev->data, ev->len);
		break;
	case EV_CCS:
		printf("%s ChangeCipherSpec\n", ev->sent ? "Sent" : "Received");
		break;
	default:
		break;
	}
}

void
trace_print(struct conn *c, const struct tp_event *ev)
{
	const struct config *cfg = c->cfg;

	switch (ev->kind) {
	case EV_STATE:
		if (cfg->state)
			printf("SSL_connect:%s\n", ev->text);
		return;
	case EV_INFO:
		if (cfg->state || cfg->msg || cfg->trace)
			printf("INFO: %s\n", ev->text);
		return;
	case EV_FAIL:
		/* the same line main() prints on stderr, for `| grep` */
		if (cfg->state || cfg->msg || cfg->trace)
			printf("tlsprobe: FAIL %s: %s\n", ev->cls, ev->text);
		return;
	case EV_CONNECTED:
		return;
	default:
		break;
	}
	if (cfg->msg)
		print_msg(ev);
	if (cfg->trace)
		print_trace(c, ev);
}
