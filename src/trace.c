/*
 * trace.c -- text printers for trace events.
 *
 * -msg   s_client's shape: ">>> TLS 1.2, Handshake [length 00b3], ClientHello"
 *        then the bytes, 16 per line, four spaces in.  ">>>" is sent, "<<<"
 *        received; the version is the record-layer version on the wire.
 * -state s_client's lines on stderr, as s_client writes them: one
 *        "SSL_connect:<state>" line with OpenSSL's state name after each
 *        handshake message, "SSL3 alert read|write:<level>:<text>" for each
 *        alert, "SSL_connect:error in error" when the handshake fails.  One
 *        rule for the order: a state line follows the message it names --
 *        a sent message at once, a received one when tlsprobe has finished
 *        with it (verified a certificate, checked a signature), that is
 *        before the next thing on the wire or when the engine waits for
 *        the next message (EV_STATE_NEXT_MESSAGE) or is done.
 * -trace every handshake message decoded field by field (tracefmt.c).
 * -timestamps  ssldump's prefix on the first line of each -msg, -trace
 *        and -state item: connection, record, seconds since connect, delta
 *        since the previous prefixed line, direction.
 * -json  main() makes trace_json_event (trace_json.c) the sink instead.
 * The rest goes to stdout, which main() makes line buffered, so that with
 * 2>&1 the two streams interleave in the order things happen.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bytestring.h"
#include "conn.h"
#include "msg.h"
#include "names.h"
#include "ossl.h"
#include "trace.h"
#include "trace_json.h"
#include "tracefmt.h"

const char *
trace_message_name(const struct tp_event *ev, char *buf, size_t len)
{
	const char *name = ev->len > 0 ? handshake_name(ev->data[0]) : NULL;

	if (name == NULL) {
		snprintf(buf, len, "unknown(%u)", ev->len > 0 ? ev->data[0] :
		    0);
		name = buf;
	}
	/* RFC 8446, 4.1.3: a ServerHello with this random is an HRR */
	if (!ev->sent && ev->len >= 38 && ev->data[0] == HS_SERVER_HELLO &&
	    memcmp(ev->data + 6, tls13_hrr_random, 32) == 0)
		name = "HelloRetryRequest";
	return name;
}

void
trace_hexdump(FILE *out, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			fputs("   ", out);
		fprintf(out, " %02x", p[i]);
		if (i % 16 == 15 || i + 1 == n)
			fputc('\n', out);
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
ts_prefix(FILE *out, const char *dir)
{
	int64_t now;

	if (!ts_on)
		return;
	now = tp_now_us();
	if (ts_t0 == 0)
		ts_t0 = ts_cur = ts_prev = now;
	fprintf(out, "%d %d %.4f (%.4f) %s ", ts_conn, ts_rec,
	    (double)(now - ts_t0) / 1e6, (double)(now - ts_prev) / 1e6, dir);
}

static void
msg_line(FILE *out, const struct tp_event *ev, const char *what,
    const char *detail)
{
	char vb[16];

	ts_prefix(out, ev->sent ? "C>S" : "S>C");
	fprintf(out, "%s %s, %s [length %04zx]%s%s\n", ev->sent ? ">>>" : "<<<",
	    version_str(ev->version, vb, sizeof(vb)), what, ev->len,
	    detail != NULL ? ", " : "", detail != NULL ? detail : "");
}

static void
print_msg(FILE *out, const struct tp_event *ev)
{
	char buf[64];
	const char *name;

	switch (ev->kind) {
	case EV_RECORD:
		ts_prefix(out, ev->sent ? "C>S" : "S>C");
		fprintf(out, "%s %s, RecordHeader [length %04zx]\n",
		    ev->sent ? ">>>" : "<<<",
		    version_str(ev->version, buf, sizeof(buf)), ev->len);
		trace_hexdump(out, ev->data, ev->len);
		break;
	case EV_HANDSHAKE:
		name = trace_message_name(ev, buf, sizeof(buf));
		msg_line(out, ev, "Handshake", name);
		trace_hexdump(out, ev->data, ev->len);
		break;
	case EV_CCS:
		msg_line(out, ev, "ChangeCipherSpec", NULL);
		trace_hexdump(out, ev->data, ev->len);
		break;
	case EV_ALERT:
		if (ev->len == 2) {
			const char *l = alert_level_name(ev->data[0]);
			const char *d = alert_name(ev->data[1]);

			snprintf(buf, sizeof(buf), "%s %s",
			    l != NULL ? l : "unknown-level",
			    d != NULL ? d : "unknown");
			msg_line(out, ev, "Alert", buf);
		} else
			msg_line(out, ev, "Alert", "malformed");
		trace_hexdump(out, ev->data, ev->len);
		break;
	case EV_INNER_TYPE:
		msg_line(out, ev, "InnerContent", NULL);
		trace_hexdump(out, ev->data, ev->len);
		break;
	default:
		break;
	}
}

static void
print_trace(struct conn *c, const struct tp_event *ev)
{
	struct tracefmt_ctx ctx;

	ctx.out = c->cfg->msgout != NULL ? c->cfg->msgout : stdout;
	ctx.version = c->version;
	ctx.suite = c->suite;
	ctx.from_server = !ev->sent;
	switch (ev->kind) {
	case EV_HANDSHAKE:
		ts_prefix(ctx.out, ev->sent ? "C>S" : "S>C");
		fprintf(ctx.out, "%s %s\n", ev->sent ? "Sent" : "Received",
		    "Handshake message:");
		tracefmt_handshake(&ctx, ev->data, ev->len);
		break;
	case EV_ALERT:
		ts_prefix(ctx.out, ev->sent ? "C>S" : "S>C");
		fprintf(ctx.out, "%s Alert:\n", ev->sent ? "Sent" :
		    "Received");
		tracefmt_alert(&ctx, ev->data, ev->len);
		break;
	case EV_CCS:
		ts_prefix(ctx.out, ev->sent ? "C>S" : "S>C");
		fprintf(ctx.out, "%s ChangeCipherSpec\n", ev->sent ? "Sent" :
		    "Received");
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
print_plain(FILE *out, const struct tp_event *ev, const char *prefix, int hex)
{
	size_t i;

	fputs(prefix, out);
	if (ev->text != NULL) {
		fprintf(out, "%s [length %04zx]\n", ev->text, ev->len);
		if (hex)
			trace_hexdump(out, ev->data, ev->len);
		return;
	}
	for (i = 0; i < ev->len; i++) {
		if (ev->data[i] >= 0x20 && ev->data[i] < 0x7f &&
		    ev->data[i] != '\\')
			fputc(ev->data[i], out);
		else
			fprintf(out, "\\x%02x", ev->data[i]);
	}
	fputc('\n', out);
}

/* -tlsextdebug: each extension in an extensions block, s_client's way */
static void
print_exts(FILE *out, struct cbs *exts)
{
	struct cbs data;
	uint16_t type;

	while (cbs_len(exts) > 0) {
		if (!cbs_get_u16(exts, &type) || !cbs_get_vec16(exts, &data))
			return;
		fprintf(out, "TLS server extension \"%s\" (id=%u), len=%zu\n",
		    ossl_tlsext_name(type), type, cbs_len(&data));
		ossl_bio_dump(out, cbs_data(&data), cbs_len(&data));
	}
}

/*
 * -tlsextdebug: the extensions of a message from the server (ServerHello
 * and HelloRetryRequest; in TLS 1.3 also EncryptedExtensions, each
 * CertificateEntry, CertificateRequest and NewSessionTicket), as
 * s_client's tlsext_cb prints them.  Malformed input prints what parses.
 */
static void
print_tlsext(struct conn *c, const struct tp_event *ev)
{
	struct cbs m, v, list, entry, exts;
	uint8_t type;
	uint32_t u32;
	int tls13 = c->version >= TLS1_3_VERSION;

	cbs_init(&m, ev->data, ev->len);
	if (!cbs_get_u8(&m, &type) || !cbs_skip(&m, 3))
		return;
	switch (type) {
	case HS_SERVER_HELLO:
		if (!cbs_skip(&m, 2 + 32) || !cbs_get_vec8(&m, &v) ||
		    !cbs_skip(&m, 2 + 1) || !cbs_get_vec16(&m, &exts))
			return;
		break;
	case HS_ENCRYPTED_EXTENSIONS:
		if (!cbs_get_vec16(&m, &exts))
			return;
		break;
	case HS_CERTIFICATE_REQUEST:
		if (!tls13 || !cbs_get_vec8(&m, &v) ||
		    !cbs_get_vec16(&m, &exts))
			return;
		break;
	case HS_NEW_SESSION_TICKET:
		if (!tls13 || !cbs_get_u32(&m, &u32) || !cbs_get_u32(&m, &u32) ||
		    !cbs_get_vec8(&m, &v) || !cbs_get_vec16(&m, &v) ||
		    !cbs_get_vec16(&m, &exts))
			return;
		break;
	case HS_CERTIFICATE:
		if (!tls13 || !cbs_get_vec8(&m, &v) ||
		    !cbs_get_vec24(&m, &list))
			return;
		while (cbs_len(&list) > 0) {
			if (!cbs_get_vec24(&list, &entry) ||
			    !cbs_get_vec16(&list, &exts))
				return;
			print_exts(stdout, &exts);
		}
		return;
	default:
		return;
	}
	print_exts(stdout, &exts);
}

static void
state_line(const char *name)
{
	ts_prefix(stderr, strstr(name, " read ") != NULL ? "S>C" :
	    strstr(name, " write ") != NULL ? "C>S" : "---");
	fprintf(stderr, "SSL_connect:%s\n", name);
}

void
trace_state_error(struct conn *c)
{
	/* a message being processed when it failed reached no state */
	c->state_pending = NULL;
	if (c->cfg->state)
		state_line("error in error");
}

/*
 * The engine moved on (an EV_STATE: it entered a state of its own, or
 * waits for the next message): the received message's state is due.
 */
static void
state_flush(struct conn *c)
{
	if (c->state_pending != NULL && c->cfg->state)
		state_line(c->state_pending);
	c->state_pending = NULL;
}

/* -state after a handshake message or ChangeCipherSpec (see above) */
static void
state_after(struct conn *c, const struct tp_event *ev)
{
	int type = ev->kind == EV_CCS ? -1 : ev->len > 0 ? ev->data[0] : -2;
	const char *name = ossl_state_after(type, ev->sent);

	/* RFC 8446, D.4: the compatibility CCS is no state of s_client's */
	if (name == NULL || (type == -1 && !ev->sent &&
	    (c->version >= TLS1_3_VERSION || c->state < ST_WROTE_CLIENT_FLIGHT)))
		return;
	if (ev->sent || c->state >= ST_DONE)
		state_line(name);
	else
		c->state_pending = name;
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
		/*
		 * tlsprobe's own states name no line of s_client's but the
		 * first; waiting for the next message, or done, is the cue
		 */
		if (c->state >= ST_DONE ||
		    strcmp(ev->text, EV_STATE_NEXT_MESSAGE) == 0)
			state_flush(c);
		if (cfg->state && c->state == ST_START)
			state_line("before SSL initialization");
		return;
	case EV_INFO:
		if (cfg->state || cfg->msg || cfg->trace)
			printf("INFO: %s\n", ev->text);
		return;
	case EV_TEXT:
		/* s_client's own lines, on its stream, as they come */
		fputs(ev->text, ev->num == 2 ? stderr : stdout);
		fflush(ev->num == 2 ? stderr : stdout);
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
		if (!cfg->quiet && !cfg->brief)
			printf("CONNECTED(%08X)\n", (unsigned)ev->len);
		return;
	case EV_CERTS:
	case EV_VERIFY:
	case EV_SUMMARY:
		return;
	case EV_PLAIN_STATE:
		/* tlsprobe's own STARTTLS/proxy steps: s_client has none */
		if (cfg->state)
			printf("%s\n", ev->text);
		return;
	case EV_PLAINTEXT:
		if (cfg->msg)
			print_plain(cfg->msgout != NULL ? cfg->msgout : stdout,
			    ev, ev->sent ? ">>> plaintext: " : "<<< plaintext: ",
			    1);
		if (cfg->trace)
			print_plain(cfg->msgout != NULL ? cfg->msgout : stdout,
			    ev, ev->sent ? "Sent plaintext: " :
			    "Received plaintext: ", 0);
		return;
	default:
		break;
	}
	state_flush(c);
	if (cfg->msg)
		print_msg(cfg->msgout != NULL ? cfg->msgout : stdout, ev);
	if (cfg->trace)
		print_trace(c, ev);
	if (cfg->tlsextdebug && ev->kind == EV_HANDSHAKE && !ev->sent)
		print_tlsext(c, ev);
	if (ev->kind == EV_ALERT && cfg->state && ev->len == 2)
		fprintf(stderr, "SSL3 alert %s:%s:%s\n", ev->sent ? "write" :
		    "read", ossl_alert_level(ev->data[0]),
		    ossl_alert_desc(ev->data[1]));
	if (cfg->state && (ev->kind == EV_HANDSHAKE || ev->kind == EV_CCS))
		state_after(c, ev);
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
