/*
 * trace_json.c -- the -json printer: one JSON object a line on stdout for
 * each event the engine reports (JSON Lines).  The first object is "start",
 * the last "summary" or "fail".  Schema: man/tlsprobe.1, JSON SCHEMA.
 *
 * Each object is built in memory and written with one write(2) while
 * SIGINT and SIGTERM are blocked; their handler writes a final "fail"
 * object (class "interrupted") the same way and exits 128+signal, so the
 * stream is valid JSON Lines whatever moment the run ends.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "json.h"
#include "names.h"
#include "trace.h"
#include "trace_json.h"
#include "tracefmt.h"
#include "x509.h"
#include "x509_info.h"

#ifndef TLSPROBE_VERSION
#define TLSPROBE_VERSION	"0.14"
#endif

static struct jbuf jb;
static const char *target;
static char target_json[700];	/* ,"target":"..." for the signal handler */
static volatile sig_atomic_t done;	/* a summary or fail was written */

static void
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(STDOUT_FILENO, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Write the object jb holds, whole, and start the next. */
static void
emit(void)
{
	sigset_t set, old;

	if (jb.oom) {
		static const char oom[] = "{\"type\":\"info\",\"time\":null,"
		    "\"message\":\"out of memory writing an event\"}\n";

		jb_reset(&jb);
		write_all(oom, sizeof(oom) - 1);
		return;
	}
	/* text the engine left in stdio comes first (there should be none) */
	fflush(stdout);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	write_all(jb.p, jb.len);
	sigprocmask(SIG_SETMASK, &old, NULL);
	jb_reset(&jb);
}

/* {"type":T,"time":S[,"target":...] */
static void
begin(const char *type)
{
	jb_reset(&jb);
	jb_obj(&jb, NULL);
	jb_str(&jb, "type", type);
	jb_num(&jb, "time", tp_since_start());
	if (target != NULL)
		jb_str(&jb, "target", target);
}

static const char *
dir(const struct tp_event *ev)
{
	return ev->sent ? "sent" : "received";
}

/* Seconds from t_begin to t, or null. */
static void
since(const struct conn *c, const char *key, int64_t t)
{
	if (t == 0 || c->t_begin == 0)
		jb_null(&jb, key);
	else
		jb_num(&jb, key, (double)(t - c->t_begin) / 1e6);
}

static void
timing(const struct conn *c)
{
	int p;

	jb_obj(&jb, "timing");
	for (p = 0; p < PH_COUNT; p++)
		since(c, tp_phase_key((enum tp_phase)p), c->t_phase[p]);
	jb_end(&jb);
}

static void
on_signal(int sig)
{
	char buf[256], w[24];
	int64_t us = tp_now_us() - tp_clock_origin();
	int64_t whole = us / 1000000, frac = us % 1000000;
	size_t n = 0;
	int i = 0, d;

	if (!done) {
		/* no stdio in a handler: build the line by hand */
#define ADD(s) do { size_t l_ = strlen(s); memcpy(buf + n, s, l_); \
		n += l_; } while (0)
		ADD("{\"type\":\"fail\",\"time\":");
		do {
			w[i++] = (char)('0' + whole % 10);
			whole /= 10;
		} while (whole > 0 && i < 20);
		while (i > 0)
			buf[n++] = w[--i];
		buf[n++] = '.';
		for (d = 100000; d > 0; d /= 10)
			buf[n++] = (char)('0' + (frac / d) % 10);
		ADD(target_json);
		ADD(",\"class\":\"interrupted\",\"exit\":");
		ADD(sig == SIGINT ? "130" : "143");
		ADD(",\"message\":\"interrupted by ");
		ADD(sig == SIGINT ? "SIGINT" : "SIGTERM");
		ADD("\",\"verdict\":null}\n");
#undef ADD
		write_all(buf, n);
	}
	_exit(128 + sig);
}

void
trace_json_start(int argc, char **argv)
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	begin("start");
	jb_int(&jb, "schema", TRACE_JSON_SCHEMA);
	jb_str(&jb, "version", TLSPROBE_VERSION);
	jb_arr(&jb, "args");
	for (i = 1; i < argc; i++)
		jb_str(&jb, NULL, argv[i]);
	jb_end_arr(&jb);
	jb_end(&jb);
	emit();
}

void
trace_json_target(const char *t)
{
	struct jbuf j;

	target = t;
	done = 0;	/* a new target: a new summary or fail to come */
	target_json[0] = '\0';
	if (t == NULL)
		return;
	jb_init(&j);
	jb_obj(&j, NULL);
	jb_str(&j, "target", t);
	if (!j.oom && j.len < sizeof(target_json)) {
		/* drop the braces: {"target":"..." -> ,"target":"..." */
		target_json[0] = ',';
		memcpy(target_json + 1, j.p + 1, j.len - 1);
		target_json[j.len] = '\0';
	}
	jb_free(&j);
}

void
trace_json_batch(size_t targets, size_t passed, size_t failed,
    const char *const *cls, const size_t *count, size_t ncls)
{
	size_t i;

	begin("batch");
	jb_int(&jb, "targets", (long long)targets);
	jb_int(&jb, "passed", (long long)passed);
	jb_int(&jb, "failed", (long long)failed);
	jb_obj(&jb, "classes");
	for (i = 0; i < ncls; i++)
		jb_int(&jb, cls[i], (long long)count[i]);
	jb_end(&jb);
	jb_int(&jb, "exit", failed == 0 ? 0 : 6);
	jb_end(&jb);
	done = 1;
	emit();
}

struct jbuf *
trace_json_begin(const char *type)
{
	begin(type);
	return &jb;
}

void
trace_json_end(int last)
{
	jb_end(&jb);
	if (last)
		done = 1;
	emit();
}

int
trace_json_done(void)
{
	return done;
}

static void
ev_connect(struct conn *c, const struct tp_event *ev)
{
	const char *addr = ev->text != NULL ? ev->text : "";
	const char *colon = strrchr(addr, ':');

	begin("connect");
	jb_str(&jb, "address", addr);
	jb_str(&jb, "family", addr[0] == '[' ? "ipv6" : "ipv4");
	jb_int(&jb, "port", colon != NULL ? atoi(colon + 1) : 0);
	since(c, "resolve_time", c->t_phase[PH_RESOLVE]);
	since(c, "connect_time", c->t_phase[PH_CONNECT]);
	jb_end(&jb);
	emit();
}

static const char *
ct_name(uint8_t t, char *buf, size_t len)
{
	const char *n = content_type_name(t);

	if (n != NULL)
		return n;
	snprintf(buf, len, "unknown(%u)", t);
	return buf;
}

static void
ev_record(const struct tp_event *ev)
{
	char vb[16], nb[24];

	begin("record");
	jb_str(&jb, "direction", dir(ev));
	if (ev->kind == EV_INNER_TYPE) {
		jb_str(&jb, "content_type", ev->len > 0 ?
		    ct_name(ev->data[0], nb, sizeof(nb)) : "none");
		jb_bool(&jb, "inner", 1);
	} else if (ev->len >= 5) {
		jb_str(&jb, "content_type", ct_name(ev->data[0], nb,
		    sizeof(nb)));
		jb_str(&jb, "version", version_str((uint16_t)(ev->data[1] << 8 |
		    ev->data[2]), vb, sizeof(vb)));
		jb_int(&jb, "length", ev->data[3] << 8 | ev->data[4]);
	}
	jb_end(&jb);
	emit();
}

/* The -trace text of a message, as an array of lines without indent. */
static void
decoded(struct conn *c, const struct tp_event *ev)
{
	struct tracefmt_ctx ctx;
	char *buf = NULL, *p, *nl;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	ctx.out = f;
	ctx.version = c->version;
	ctx.suite = c->suite;
	ctx.from_server = !ev->sent;
	if (ev->kind == EV_ALERT)
		tracefmt_alert(&ctx, ev->data, ev->len);
	else
		tracefmt_handshake(&ctx, ev->data, ev->len);
	fclose(f);
	jb_arr(&jb, "fields");
	for (p = buf; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p) - 1;
		jb_bytes(&jb, NULL, (const uint8_t *)p, (size_t)(nl - p) +
		    (*nl != '\n'));
	}
	jb_end_arr(&jb);
	free(buf);
}

static void
ev_message(struct conn *c, const struct tp_event *ev)
{
	char buf[32];
	const char *name = "ChangeCipherSpec";

	begin("message");
	jb_str(&jb, "direction", dir(ev));
	if (ev->kind == EV_HANDSHAKE)
		name = trace_message_name(ev, buf, sizeof(buf));
	jb_str(&jb, "message", name);
	jb_int(&jb, "length", (long long)ev->len);
	if (ev->kind == EV_HANDSHAKE)
		decoded(c, ev);
	if (c->cfg->msg)
		jb_hex(&jb, "hex", ev->data, ev->len);
	jb_end(&jb);
	emit();
}

static void
ev_alert(struct conn *c, const struct tp_event *ev)
{
	const char *l, *d;
	char nb[24];

	begin("alert");
	jb_str(&jb, "direction", dir(ev));
	if (ev->len == 2) {
		l = alert_level_name(ev->data[0]);
		d = alert_name(ev->data[1]);
		if (l == NULL) {
			snprintf(nb, sizeof(nb), "unknown(%u)", ev->data[0]);
			l = nb;
		}
		jb_str(&jb, "level", l);
		jb_str(&jb, "description", d != NULL ? d : "unknown");
		jb_int(&jb, "code", ev->data[1]);
	} else {
		jb_null(&jb, "level");
		jb_str(&jb, "description", "malformed");
		jb_null(&jb, "code");
	}
	if (c->cfg->msg)
		jb_hex(&jb, "hex", ev->data, ev->len);
	jb_end(&jb);
	emit();
}

static void
ev_certs(struct conn *c)
{
	struct x509_info in;
	char *pem;
	size_t i, k;

	for (i = 0; i < c->ncerts; i++) {
		begin("certificate");
		jb_int(&jb, "depth", (long long)i);
		jb_int(&jb, "length", (long long)c->certlens[i]);
		if (x509_info(c->certs[i], c->certlens[i], &in) != 0) {
			jb_str(&jb, "error", "not a certificate");
			jb_end(&jb);
			emit();
			continue;
		}
		jb_str(&jb, "subject", in.subject);
		jb_str(&jb, "issuer", in.issuer);
		jb_arr(&jb, "sans");
		for (k = 0; k < in.nsans; k++)
			jb_str(&jb, NULL, in.sans[k]);
		jb_end_arr(&jb);
		if (in.more_sans > 0)
			jb_int(&jb, "sans_left_out", (long long)in.more_sans);
		jb_str(&jb, "not_before", in.not_before[0] ? in.not_before :
		    NULL);
		jb_str(&jb, "not_after", in.not_after[0] ? in.not_after :
		    NULL);
		jb_obj(&jb, "key");
		jb_str(&jb, "type", in.key_type);
		jb_int(&jb, "bits", in.key_bits);
		jb_str(&jb, "group", in.key_group[0] ? in.key_group : NULL);
		jb_end(&jb);
		jb_str(&jb, "signature_algorithm", in.sig_alg);
		jb_str(&jb, "serial", in.serial);
		jb_hex(&jb, "sha256", in.sha256, sizeof(in.sha256));
		if (c->cfg->showcerts &&
		    (pem = x509_info_pem(c->certs[i], c->certlens[i])) != NULL) {
			jb_str(&jb, "pem", pem);
			free(pem);
		}
		jb_end(&jb);
		emit();
	}
}

static void
ev_verify(struct conn *c)
{
	begin("verify");
	jb_int(&jb, "code", c->verify_code);
	jb_str(&jb, "reason", x509_verify_text(c->verify_code));
	jb_bool(&jb, "ok", c->verify_code == 0);
	jb_int(&jb, "depth", c->verify_depth);
	jb_str(&jb, "subject", c->verify_subject[0] ? c->verify_subject :
	    NULL);
	jb_str(&jb, "peername", c->verified_peername[0] ?
	    c->verified_peername : NULL);
	jb_end(&jb);
	emit();
}

static void
ev_summary(struct conn *c)
{
	const struct tp_group *g = group_by_code(c->kex_group);
	const char *vn = version_ossl_name(c->version);

	begin("summary");
	jb_str(&jb, "protocol", vn);
	jb_str(&jb, "cipher", c->suite != NULL ? c->suite->iana : NULL);
	jb_str(&jb, "cipher_openssl", c->suite != NULL ? c->suite->ossl :
	    NULL);
	jb_str(&jb, "group", g != NULL ? g->name : NULL);
	jb_int(&jb, "temp_key_bits", c->kex_bits);
	jb_str(&jb, "peer_signature", c->peer_sigscheme != NULL ?
	    c->peer_sigscheme->name : NULL);
	if (c->peer_key_desc[0] != '\0')
		jb_int(&jb, "server_key_bits", c->peer_key_bits);
	else
		jb_null(&jb, "server_key_bits");
	if (c->verified) {
		jb_int(&jb, "verify_code", c->verify_code);
		jb_str(&jb, "verify_reason",
		    x509_verify_text(c->verify_code));
	} else {
		jb_null(&jb, "verify_code");
		jb_null(&jb, "verify_reason");
	}
	jb_bool(&jb, "resumed", c->resumed);
	jb_str(&jb, "alpn", c->alpn[0] ? c->alpn : NULL);
	if (c->version < TLS1_3_VERSION) {
		jb_bool(&jb, "secure_renegotiation", c->secure_reneg);
		jb_bool(&jb, "extended_master_secret", c->ems);
		jb_hex(&jb, "session_id", c->server_sid, c->server_sid_len);
	}
	jb_bool(&jb, "hello_retry", c->hrr);
	jb_int(&jb, "certificates", (long long)c->ncerts);
	jb_int(&jb, "bytes_read", (long long)c->bytes_read);
	jb_int(&jb, "bytes_written", (long long)c->bytes_written);
	jb_int(&jb, "tickets", c->tickets);
	if (c->cfg->status)
		jb_str(&jb, "ocsp", c->ocsp_text[0] ? c->ocsp_text :
		    "no response sent");
	timing(c);
	jb_end(&jb);
	done = 1;
	emit();
}

void
trace_json_event(struct conn *c, const struct tp_event *ev)
{
	switch (ev->kind) {
	case EV_CONNECTED:
		ev_connect(c, ev);
		break;
	case EV_RECORD:
	case EV_INNER_TYPE:
		ev_record(ev);
		break;
	case EV_HANDSHAKE:
	case EV_CCS:
		ev_message(c, ev);
		break;
	case EV_ALERT:
		ev_alert(c, ev);
		break;
	case EV_APPDATA:
		begin("data");
		jb_str(&jb, "direction", dir(ev));
		jb_int(&jb, "length", (long long)ev->len);
		jb_bytes(&jb, "data", ev->data, ev->len);
		jb_end(&jb);
		emit();
		break;
	case EV_STATE:
		begin("state");
		jb_str(&jb, "state", ev->text);
		jb_end(&jb);
		emit();
		break;
	case EV_TEXT:
		/* s_client's text lines: the objects carry their facts */
		break;
	case EV_INFO:
		begin("info");
		jb_str(&jb, "message", ev->text);
		jb_end(&jb);
		emit();
		break;
	case EV_FAIL:
		trace_json_fail(c, ev->cls, ev->num, ev->text, ev->extra);
		break;
	case EV_CERTS:
		ev_certs(c);
		break;
	case EV_VERIFY:
		ev_verify(c);
		break;
	case EV_SUMMARY:
		ev_summary(c);
		break;
	case EV_PROBE:
	case EV_VERDICT:
		trace_json_line(ev->kind, ev->cls, ev->text);
		break;
	case EV_PLAIN_STATE:
		/* "STARTTLS:<step>" or "PROXY:<step>" */
		begin(strncmp(ev->text, "PROXY:", 6) == 0 ? "proxy" :
		    "starttls");
		jb_str(&jb, "step", strchr(ev->text, ':') != NULL ?
		    strchr(ev->text, ':') + 1 : ev->text);
		jb_end(&jb);
		emit();
		break;
	case EV_PLAINTEXT:
		begin("plaintext");
		jb_str(&jb, "direction", dir(ev));
		jb_int(&jb, "length", (long long)ev->len);
		if (ev->text != NULL) {
			/* a binary message (MySQL, PostgreSQL, LDAP) */
			jb_str(&jb, "message", ev->text);
			jb_hex(&jb, "hex", ev->data, ev->len);
		} else
			jb_bytes(&jb, "line", ev->data, ev->len);
		jb_end(&jb);
		emit();
		break;
	}
}

void
trace_json_line(enum ev_kind kind, const char *cls, const char *text)
{
	if (kind == EV_PROBE) {
		begin("probe");
		jb_str(&jb, "result", text);
	} else if (kind == EV_VERDICT) {
		begin("verdict");
		jb_str(&jb, "class", cls);
		jb_str(&jb, "verdict", text);
	} else
		return;
	jb_end(&jb);
	emit();
}

void
trace_json_fail(struct conn *c, const char *cls, int exit_code,
    const char *text, const char *verdict)
{
	begin("fail");
	jb_str(&jb, "class", cls);
	jb_int(&jb, "exit", exit_code);
	jb_str(&jb, "message", text);
	jb_str(&jb, "verdict", verdict);
	if (c != NULL) {
		jb_int(&jb, "bytes_read", (long long)c->bytes_read);
		jb_int(&jb, "bytes_written", (long long)c->bytes_written);
		timing(c);
	}
	jb_end(&jb);
	done = 1;
	emit();
}
