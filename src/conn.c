/*
 * conn.c -- the connection: set-up and tear-down, the error slot every
 * layer reports failures into (tp_fail), and the event emitter the engine
 * reports through (event.h).  It sits below the record layer, so nothing
 * that fails or emits calls up.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "kex.h"
#include "keysched.h"
#include "sess.h"
#include "sig.h"
#include "tperr.h"

int
tp_fail(struct conn *c, int err, const char *fmt, ...)
{
	va_list ap;

	if (c->err == 0) {
		c->err = err;
		va_start(ap, fmt);
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
		va_end(ap);
	}
	return err;
}

int
tp_reason(struct tp_reason *r, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	return err;
}

int
tp_fail_reason(struct conn *c, int err, const struct tp_reason *r)
{
	/* an allocation failure is the one refusal with no words */
	if (r->text[0] == '\0')
		return tp_fail(c, err, "%s", err == TP_E_NOMEM ?
		    "out of memory" : "internal error");
	return tp_fail(c, err, "%s", r->text);
}

void
conn_init(struct conn *c, const struct config *cfg, const struct transport *io)
{
	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->io = *io;
	c->peer_alert = -1;
	c->cur_msg = -1;
	c->wire_version = TLS1_0_VERSION;
	cbb_init(&c->out, 256 * 1024);
	transcript_init(&c->ts);
}

void
conn_free(struct conn *c)
{
	size_t i;

	rprot_free(c->rd);
	rprot_free(c->wr);
	c->rd = c->wr = NULL;
	conn_free_shares(c);
	sess_free(c->sess);
	c->sess = NULL;
	for (i = 0; i < c->ntickets13; i++)
		sess_free(c->tickets13[i]);
	c->ntickets13 = 0;
	peer_key_free(c->peer_key);
	c->peer_key = NULL;
	for (i = 0; i < c->ncerts; i++)
		free(c->certs[i]);
	c->ncerts = 0;
	free(c->cookie);
	free(c->sct_list);
	free(c->ocsp_resp);
	c->cookie = NULL;
	if (c->rbuf != NULL)
		freezero(c->rbuf, c->rcap);
	if (c->plain != NULL)
		freezero(c->plain, c->plaincap);
	if (c->hs != NULL)
		freezero(c->hs, c->hscap);
	c->rbuf = c->plain = c->hs = NULL;
	cbb_cleanup(&c->out);
	transcript_free(&c->ts);
	tp_wipe(c->master, sizeof(c->master));
	tp_wipe(&c->s13, sizeof(c->s13));
	tp_wipe(c->c_ap, sizeof(c->c_ap));
	tp_wipe(c->s_ap, sizeof(c->s_ap));
}

void
conn_free_shares(struct conn *c)
{
	size_t i;

	for (i = 0; i < c->nshares; i++)
		kex_share_free(c->shares[i]);
	c->nshares = 0;
}

void
trace_event(struct conn *c, const struct tp_event *ev)
{
	if (c->on_event != NULL)
		c->on_event(c, ev);
}

void
trace_state(struct conn *c, const char *fmt, ...)
{
	struct tp_event ev = { .kind = EV_STATE };
	char buf[256];
	va_list ap;

	if (!c->cfg->state && !c->cfg->json)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ev.text = buf;
	trace_event(c, &ev);
}

void
trace_text(struct conn *c, int stream, const char *text)
{
	struct tp_event ev = { .kind = EV_TEXT };

	ev.num = stream;
	ev.text = text;
	trace_event(c, &ev);
}

void
trace_info(struct conn *c, const char *fmt, ...)
{
	struct tp_event ev = { .kind = EV_INFO };
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ev.text = buf;
	trace_event(c, &ev);
}

static tp_line_sink line_sink;

void
event_set_line_sink(tp_line_sink f)
{
	line_sink = f;
}

void
trace_line(enum ev_kind kind, const char *cls, const char *text)
{
	if (line_sink != NULL)
		line_sink(kind, cls, text);
}
