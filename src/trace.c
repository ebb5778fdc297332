/*
 * trace.c -- text printers for trace events.
 *
 * -msg   s_client's shape: ">>> TLS 1.2, Handshake [length 00b3], ClientHello"
 *        then the bytes, 16 per line, four spaces in.  ">>>" is sent, "<<<"
 *        received; the version is the record-layer version on the wire.
 * -state one line per transition, "SSL_connect:<what>", so greps written for
 *        s_client keep matching.
 * -trace every handshake message decoded field by field (tracefmt.c).
 * -timestamps  ssldump's prefix on the first line of each -msg, -trace
 *        and -state item: connection, record, seconds since connect, delta
 *        since the previous prefixed line, direction.
 * -json  main() makes trace_json_event (trace_json.c) the sink instead.
 * Everything goes to stdout, which main() makes line buffered.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "msg.h"
#include "names.h"
#include "trace.h"
#include "trace_json.h"
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

/* -timestamps state: one process probes one connection at a time */
static int ts_on, ts_conn, ts_rec;
static int64_t ts_t0;
static int64_t ts_cur, ts_prev;	/* when the last record, and the one before */

/*
 * ssldump: "1 2 0.0013 (0.0005) S>C ": connection, record, seconds since
 * connect, and (in parentheses) since the record before the current one,
 * so the lines of one record share its delta.
 */
static void
ts_prefix(const char *dir)
{
	int64_t now;

	if (!ts_on)
		return;
	now = tp_now_us();
	if (ts_t0 == 0)
		ts_t0 = ts_cur = ts_prev = now;
	printf("%d %d %.4f (%.4f) %s ", ts_conn, ts_rec,
	    (double)(now - ts_t0) / 1e6, (double)(now - ts_prev) / 1e6, dir);
}

static void
msg_line(const struct tp_event *ev, const char *what, const char *detail)
{
	char vb[16];

	ts_prefix(ev->sent ? "C>S" : "S>C");
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
		ts_prefix(ev->sent ? "C>S" : "S>C");
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
		ts_prefix(ev->sent ? "C>S" : "S>C");
		printf("%s %s\n", ev->sent ? "Sent" : "Received",
		    "Handshake message:");
		tracefmt_handshake(&ctx, ev->data, ev->len);
		break;
	case EV_ALERT:
		ts_prefix(ev->sent ? "C>S" : "S>C");
		printf("%s Alert:\n", ev->sent ? "Sent" : "Received");
		tracefmt_alert(&ctx, ev->data, ev->len);
		break;
	case EV_CCS:
		ts_prefix(ev->sent ? "C>S" : "S>C");
		printf("%s ChangeCipherSpec\n", ev->sent ? "Sent" : "Received");
		break;
	default:
		break;
	}
}

/*
 * The plaintext phase: one line per line sent or received, escaped, so
 * that a hostile server cannot write control characters to the terminal.
 *   -msg    ">>> plaintext: EHLO mail.example.com"
 *           ">>> plaintext: PostgreSQL SSLRequest [length 0008]" + hex
 *   -trace  "Sent plaintext: EHLO ..." / "Received plaintext: 220 ..."
 */
static void
print_plain(const struct tp_event *ev, const char *prefix, int hex)
{
	size_t i;

	fputs(prefix, stdout);
	if (ev->text != NULL) {
		printf("%s [length %04zx]\n", ev->text, ev->len);
		if (hex)
			trace_hexdump(ev->data, ev->len);
		return;
	}
	for (i = 0; i < ev->len; i++) {
		if (ev->data[i] >= 0x20 && ev->data[i] < 0x7f &&
		    ev->data[i] != '\\')
			putchar(ev->data[i]);
		else
			printf("\\x%02x", ev->data[i]);
	}
	putchar('\n');
}

void
trace_print(struct conn *c, const struct tp_event *ev)
{
	const struct config *cfg = c->cfg;

	if (ev->kind == EV_RECORD) {
		ts_rec++;
		ts_prev = ts_cur;
		ts_cur = tp_now_us();
	}
	switch (ev->kind) {
	case EV_STATE:
		if (cfg->state) {
			ts_prefix(strncmp(ev->text, "read", 4) == 0 ? "S>C" :
			    strncmp(ev->text, "write", 5) == 0 ? "C>S" :
			    "---");
			printf("SSL_connect:%s\n", ev->text);
		}
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
		ts_on = cfg->timestamps;
		ts_conn++;
		ts_rec = 0;
		ts_t0 = ts_cur = ts_prev = c->t_phase[PH_CONNECT] != 0 ?
		    c->t_phase[PH_CONNECT] : tp_now_us();
		if (!cfg->quiet)
			printf("CONNECTED(%08X)\n", (unsigned)ev->len);
		return;
	case EV_CERTS:
	case EV_VERIFY:
	case EV_SUMMARY:
		return;
	case EV_PLAIN_STATE:
		if (cfg->state)
			printf("%s\n", ev->text);
		return;
	case EV_PLAINTEXT:
		if (cfg->msg)
			print_plain(ev, ev->sent ? ">>> plaintext: " :
			    "<<< plaintext: ", 1);
		if (cfg->trace)
			print_plain(ev, ev->sent ? "Sent plaintext: " :
			    "Received plaintext: ", 0);
		return;
	default:
		break;
	}
	if (cfg->msg)
		print_msg(ev);
	if (cfg->trace)
		print_trace(c, ev);
}

void
trace_reset(void)
{
	ts_on = ts_conn = ts_rec = 0;
	ts_t0 = ts_cur = ts_prev = 0;
}

void
trace_print_line(enum ev_kind kind, const char *cls, const char *text)
{
	(void)cls;
	if (kind == EV_PROBE)
		printf("PROBE %s\n", text);
	else if (kind == EV_VERDICT)
		printf("VERDICT %s\n", text);
}

void
trace_fail(const struct config *cfg, struct conn *c, const char *cls,
    int exit_code, const char *text, const char *verdict)
{
	if (cfg->json)
		trace_json_fail(c, cls, exit_code, text, verdict);
	else if (cfg->state || cfg->msg || cfg->trace)
		/* the same line main() prints on stderr, for `| grep` */
		printf("tlsprobe: FAIL %s: %s\n", cls, text);
	fflush(stdout);
}

/*
 * After s_client's summary: when each phase was reached, in ms from the
 * start of name resolution.  tlsprobe's own line, so s_client greps are
 * unaffected.
 */
void
trace_timing(struct conn *c)
{
	int p, n = 0;

	if (c->t_begin == 0)
		return;
	printf("Timing (ms):");
	for (p = 0; p < PH_COUNT; p++) {
		if (c->t_phase[p] == 0)
			continue;
		printf("%s %s %.3f", n++ ? "," : "",
		    tp_phase_label((enum tp_phase)p),
		    (double)(c->t_phase[p] - c->t_begin) / 1e3);
	}
	printf("\n---\n");
	fflush(stdout);
}
