/*
 * hsbuf.c -- handshake message reassembly.
 */
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "event.h"
#include "hsbuf.h"
#include "keysched.h"
#include "names.h"
#include "record.h"
#include "tperr.h"

int
hs_partial(const struct conn *c)
{
	return c->hslen > c->hsoff;
}

int
hs_write(struct conn *c, const uint8_t *msg, size_t len)
{
	struct tp_event ev = { .kind = EV_HANDSHAKE, .sent = 1 };
	int ret;

	if ((ret = transcript_add(&c->ts, msg, len)) != 0)
		return tp_fail(c, ret, "transcript full");
	/* s_client prints the record header first, then the message */
	if ((ret = rec_write(c, CT_HANDSHAKE, msg, len)) != 0)
		return ret;
	ev.version = c->wire_version;
	ev.data = msg;
	ev.len = len;
	trace_event(c, &ev);
	return 0;
}

int
hs_write_ccs(struct conn *c)
{
	static const uint8_t one = 1;
	struct tp_event ev = { .kind = EV_CCS, .sent = 1 };

	int ret;

	if ((ret = rec_write(c, CT_CHANGE_CIPHER_SPEC, &one, 1)) != 0)
		return ret;
	ev.version = c->wire_version;
	ev.data = &one;
	ev.len = 1;
	trace_event(c, &ev);
	return 0;
}

int
hs_alert(struct conn *c, struct cbs *body)
{
	struct tp_event ev = { .kind = EV_ALERT };
	uint8_t level, desc;

	ev.version = c->wire_version;
	ev.data = cbs_data(body);
	ev.len = cbs_len(body);
	trace_event(c, &ev);
	/* RFC 8446, 6: an alert record holds exactly one two-byte alert */
	if (!cbs_get_u8(body, &level) || !cbs_get_u8(body, &desc) ||
	    cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "Alert: record of %zu bytes, "
		    "expected 2", ev.len);
	c->peer_alert = desc;
	c->peer_alert_level = level;
	if (desc == ALERT_CLOSE_NOTIFY) {
		c->close_notify_rcvd = 1;
		return TP_E_CLOSE_NOTIFY;
	}
	/*
	 * RFC 8446, 6: in TLS 1.3 every alert but close_notify and
	 * user_canceled is fatal whatever its level says.  In TLS 1.2 a
	 * warning is survivable; we note it and go on.
	 */
	/* RFC 5246, 7.4.1.1: a server may decline our renegotiation */
	if (level == 1 && desc == ALERT_NO_RENEGOTIATION && c->renegotiating)
		return TP_E_RENEG_REFUSED;
	if (level == 1 && (c->version != TLS1_3_VERSION ||
	    desc == ALERT_USER_CANCELED)) {
		trace_info(c, "server sent warning alert %s (%u)",
		    alert_name(desc) ? alert_name(desc) : "unknown", desc);
		c->peer_alert = -1;
		return 0;
	}
	if (level != 1 && level != 2)
		return tp_fail(c, TP_E_ILLEGAL, "Alert: unknown level %u "
		    "(description %u)", level, desc);
	return TP_E_PEER_ALERT(desc);
}

static int
add_fragment(struct conn *c, struct cbs *frag)
{
	size_t n = cbs_len(frag);
	uint8_t *nb;
	size_t ncap;

	/* drop consumed messages before growing */
	if (c->hsoff > 0) {
		memmove(c->hs, c->hs + c->hsoff, c->hslen - c->hsoff);
		c->hslen -= c->hsoff;
		c->hsoff = 0;
	}
	if (n > HS_MAX_MESSAGE + 4 + TLS12_MAX_CIPHERTEXT - c->hslen)
		return tp_fail(c, TP_E_ILLEGAL, "handshake data exceeds %d "
		    "bytes", HS_MAX_MESSAGE);
	if (c->hslen + n > c->hscap) {
		ncap = c->hscap ? c->hscap : 4096;
		while (ncap < c->hslen + n)
			ncap *= 2;
		if ((nb = recallocarray(c->hs, c->hscap, ncap, 1)) == NULL)
			return TP_E_NOMEM;
		c->hs = nb;
		c->hscap = ncap;
	}
	memcpy(c->hs + c->hslen, cbs_data(frag), n);
	c->hslen += n;
	return 0;
}

int
hs_feed(struct conn *c, struct cbs *frag)
{
	/* RFC 8446, 5.1: no zero-length handshake fragments */
	if (cbs_len(frag) == 0)
		return tp_fail(c, TP_E_UNEXPECTED, "zero-length handshake "
		    "record (RFC 8446, 5.1)");
	return add_fragment(c, frag);
}

int
hs_take(struct conn *c, struct hsmsg *m, int *got)
{
	struct tp_event ev = { .kind = EV_HANDSHAKE };
	struct cbs buf;
	uint32_t len;
	uint8_t t;

	*got = 0;
	/* nothing buffered yet: c->hs is NULL, and NULL + 0 is undefined */
	cbs_init(&buf, c->hs != NULL ? c->hs + c->hsoff : NULL,
	    c->hslen - c->hsoff);
	if (!cbs_get_u8(&buf, &t) || !cbs_get_u24(&buf, &len))
		return 0;
	if (len > HS_MAX_MESSAGE)
		return tp_fail(c, TP_E_ILLEGAL, "%s: message claims %u bytes, "
		    "above the limit of %d", handshake_name(t) ?
		    handshake_name(t) : "handshake message", len,
		    HS_MAX_MESSAGE);
	if (cbs_len(&buf) < len)
		return 0;
	m->type = t;
	m->raw = c->hs + c->hsoff;
	m->rawlen = 4 + (size_t)len;
	cbs_init(&m->body, m->raw + 4, len);
	c->hsoff += m->rawlen;
	ev.version = c->wire_version;
	ev.data = m->raw;
	ev.len = m->rawlen;
	trace_event(c, &ev);
	*got = 1;
	return 0;
}

/*
 * RFC 5246, 6.2.1: a server may send application data between our
 * renegotiating ClientHello (or its HelloRequest) and its
 * ChangeCipherSpec, under the keys of the session being renegotiated.
 * It goes where the session's data goes; a server that never stops
 * sending it must not keep the renegotiation open forever.
 */
static int
reneg_appdata(struct conn *c, const struct cbs *frag)
{
	if (!c->renegotiating || c->on_appdata == NULL)
		return tp_fail(c, TP_E_UNEXPECTED, "application data "
		    "before the handshake finished");
	/* the new keys are not confirmed until the server's Finished */
	if (c->reneg_ccs)
		return tp_fail(c, TP_E_UNEXPECTED, "application data between "
		    "the server's ChangeCipherSpec and Finished in a "
		    "renegotiation");
	if (hs_partial(c))
		return tp_fail(c, TP_E_UNEXPECTED, "application data inside "
		    "a fragmented handshake message");
	c->reneg_appdata += 5 + cbs_len(frag);
	if (c->reneg_appdata > RENEG_APPDATA_MAX)
		return tp_fail(c, TP_E_UNEXPECTED, "renegotiation: the server "
		    "sent more than %d MiB of application data without "
		    "finishing the handshake", RENEG_APPDATA_MAX >> 20);
	return c->on_appdata(c, cbs_data(frag), cbs_len(frag));
}

int
hs_read(struct conn *c, struct hsmsg *m)
{
	struct cbs frag;
	uint8_t type;
	int ret, got;

	/* done with the previous message: its -state line is due */
	trace_state(c, "%s", EV_STATE_NEXT_MESSAGE);
	/* a failure from here until a message is whole is not about one */
	c->cur_msg = -1;
	for (;;) {
		if ((ret = hs_take(c, m, &got)) != 0 || got) {
			if (ret == 0)
				c->cur_msg = (int)m->type;
			return ret;
		}
		if ((ret = rec_read(c, &type, &frag)) != 0)
			return ret;
		switch (type) {
		case CT_HANDSHAKE:
			if ((ret = hs_feed(c, &frag)) != 0)
				return ret;
			break;
		case CT_ALERT:
			if ((ret = hs_alert(c, &frag)) != 0)
				return ret;
			break;
		case CT_CHANGE_CIPHER_SPEC: {
			struct tp_event cev = { .kind = EV_CCS };

			cev.version = c->wire_version;
			cev.data = cbs_data(&frag);
			cev.len = cbs_len(&frag);
			trace_event(c, &cev);
			/* RFC 5246, 7.1: one byte, value 1 */
			if (cbs_len(&frag) != 1 || cbs_data(&frag)[0] != 1)
				return tp_fail(c, TP_E_UNEXPECTED,
				    "ChangeCipherSpec: body is not the single "
				    "byte 01");
			if (hs_partial(c))
				return tp_fail(c, TP_E_UNEXPECTED,
				    "ChangeCipherSpec inside a fragmented "
				    "handshake message");
			c->reneg_ccs = c->renegotiating;
			m->type = HSMSG_CCS;
			m->raw = NULL;
			m->rawlen = 0;
			cbs_init(&m->body, NULL, 0);
			return 0;
		}
		case CT_APPLICATION_DATA:
			if ((ret = reneg_appdata(c, &frag)) != 0)
				return ret;
			break;
		default:
			return tp_fail(c, TP_E_UNEXPECTED, "record type %u",
			    type);
		}
	}
}
