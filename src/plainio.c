/*
 * plainio.c -- bounded, traced plaintext I/O before TLS starts.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "net.h"
#include "plainio.h"
#include "tperr.h"
#include "event.h"

/* Each reply must come within the timeout of the command before it. */
static void
arm(struct plainio *p)
{
	if (p->n != NULL)
		net_deadline(p->n, p->c->cfg->timeout_ms);
}

void
plain_init(struct plainio *p, struct conn *c, struct net *n)
{
	memset(p, 0, sizeof(*p));
	p->c = c;
	p->n = n;
	p->cls = "starttls";
	p->state_prefix = "STARTTLS";
	/* the greeting too: a server that drips bytes cannot hold us */
	arm(p);
}

void
plain_phase(struct plainio *p, const char *cls, const char *prefix)
{
	p->cls = cls;
	p->state_prefix = prefix;
}

void
plain_quote(const uint8_t *b, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < cap; i++) {
		if (b[i] == '\r' || b[i] == '\n')
			break;
		if (isprint(b[i]))
			out[o++] = (char)b[i];
		else
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", b[i]);
	}
	if (i < n && o + 4 < cap && b[i] != '\r' && b[i] != '\n')
		o += (size_t)snprintf(out + o, cap - o, "...");
	out[o] = '\0';
}

void
plain_trace_bin(struct plainio *p, int sent, const char *what,
    const uint8_t *b, size_t n)
{
	struct tp_event ev = { .kind = EV_PLAINTEXT };

	ev.sent = sent;
	ev.data = b;
	ev.len = n;
	ev.text = what;
	trace_event(p->c, &ev);
}

/* A text line: the same event without a name. */
void
plain_trace_text(struct plainio *p, int sent, const uint8_t *b, size_t n)
{
	plain_trace_bin(p, sent, NULL, b, n);
}

void
plain_state(struct plainio *p, const char *fmt, ...)
{
	struct tp_event ev = { .kind = EV_PLAIN_STATE };
	char buf[256];
	int k;
	va_list ap;

	if (!p->c->cfg->state && !p->c->cfg->json)
		return;
	k = snprintf(buf, sizeof(buf), "%s:", p->state_prefix);
	va_start(ap, fmt);
	vsnprintf(buf + k, sizeof(buf) - (size_t)k, fmt, ap);
	va_end(ap);
	ev.text = buf;
	trace_event(p->c, &ev);
}

int
plain_fail(struct plainio *p, const char *fmt, ...)
{
	struct conn *c = p->c;
	va_list ap;

	if (c->err == 0) {
		c->err = TP_E_PLAIN;
		c->fail_class = p->cls;
		va_start(ap, fmt);
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
		va_end(ap);
	}
	return TP_E_PLAIN;
}

int
plain_io_fail(struct plainio *p, int r, const char *what)
{
	const struct config *cfg = p->c->cfg;

	switch (r) {
	case TP_E_CLOSED:
		return plain_fail(p, "the server closed the connection %s",
		    what);
	case TP_E_TIMEOUT:
		if (p->len > 0)
			return plain_fail(p, "the server did not complete its "
			    "reply within %d s %s (%zu bytes of it came)",
			    cfg->timeout_ms / 1000, what, p->len);
		return plain_fail(p, "no answer from the server within %d s "
		    "%s", cfg->timeout_ms / 1000, what);
	case PLAIN_E_LONG:
		return plain_fail(p, "the server sent a line longer than %d "
		    "bytes %s", PLAIN_MAX, what);
	case TP_E_PLAIN:
		return r;
	default:
		return plain_fail(p, "transport error %s", what);
	}
}

int
plain_write(struct plainio *p, const uint8_t *b, size_t n)
{
	int r;

	r = p->c->io.write(p->c->io.ctx, b, n);
	if (r == 0) {
		p->c->bytes_written += n;
		arm(p);
	}
	return r;
}

int
plain_send(struct plainio *p, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof(buf) - 2)
		return plain_fail(p, "internal: command too long");
	plain_trace_text(p, 1, (const uint8_t *)buf, (size_t)k);
	buf[k] = '\0';
	plain_state(p, "write %.*s", (int)strcspn(buf, " "), buf);
	buf[k++] = '\r';
	buf[k++] = '\n';
	return plain_write(p, (const uint8_t *)buf, (size_t)k);
}

int
plain_send_text(struct plainio *p, const char *text)
{
	const char *s = text, *e;
	size_t n;

	while (*s != '\0') {
		e = strchr(s, '\n');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > 0 || e != NULL)
			plain_trace_text(p, 1, (const uint8_t *)s, n);
		if (e == NULL)
			break;
		s = e + 1;
	}
	return plain_write(p, (const uint8_t *)text, strlen(text));
}

int
plain_send_bin(struct plainio *p, const char *what, const uint8_t *b,
    size_t n)
{
	plain_trace_bin(p, 1, what, b, n);
	plain_state(p, "write %s", what);
	return plain_write(p, b, n);
}

/* One read into the free part of the buffer. */
static int
fill(struct plainio *p)
{
	size_t got = 0, k;
	int r;

	if (p->len == sizeof(p->buf))
		return PLAIN_E_LONG;
	r = p->c->io.read(p->c->io.ctx, p->buf + p->len,
	    sizeof(p->buf) - p->len, &got);
	if (r != 0)
		return r;
	if (p->nfirst < sizeof(p->first)) {
		k = sizeof(p->first) - p->nfirst;
		if (k > got)
			k = got;
		memcpy(p->first + p->nfirst, p->buf + p->len, k);
		p->nfirst += k;
	}
	p->len += got;
	p->total += got;
	p->c->bytes_read += got;
	return 0;
}

static void
consume(struct plainio *p, size_t n)
{
	memmove(p->buf, p->buf + n, p->len - n);
	p->len -= n;
}

int
plain_line(struct plainio *p, char *line, size_t cap, size_t *n)
{
	uint8_t *lf;
	size_t k, i;
	int r;

	if (cap > sizeof(p->buf))
		cap = sizeof(p->buf);
	for (;;) {
		lf = memchr(p->buf, '\n', p->len);
		if (lf != NULL)
			break;
		if (p->len >= cap)
			return PLAIN_E_LONG;
		if ((r = fill(p)) != 0)
			return r;
	}
	k = (size_t)(lf - p->buf);
	if (k >= cap)
		return PLAIN_E_LONG;
	for (i = 0; i < k; i++)
		line[i] = p->buf[i] == '\0' ? '?' : (char)p->buf[i];
	if (k > 0 && line[k - 1] == '\r')
		k--;
	line[k] = '\0';
	*n = k;
	consume(p, (size_t)(lf - p->buf) + 1);
	plain_trace_text(p, 0, (const uint8_t *)line, k);
	return 0;
}

int
plain_bytes(struct plainio *p, uint8_t *b, size_t n)
{
	int r;

	if (n > sizeof(p->buf))
		return PLAIN_E_LONG;
	while (p->len < n)
		if ((r = fill(p)) != 0)
			return r;
	memcpy(b, p->buf, n);
	consume(p, n);
	return 0;
}

int
plain_some(struct plainio *p, uint8_t *b, size_t cap, size_t *got)
{
	int r;

	if (p->len == 0 && (r = fill(p)) != 0)
		return r;
	*got = p->len < cap ? p->len : cap;
	memcpy(b, p->buf, *got);
	consume(p, *got);
	return 0;
}

size_t
plain_pending(const struct plainio *p)
{
	return p->len;
}
