/*
 * record.c -- the record layer.
 */
#include <stdlib.h>
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "names.h"
#include "record.h"
#include "tperr.h"

#define RBUF_MAX	(TLS12_MAX_CIPHERTEXT + 5)

void
rec_set_read(struct conn *c, struct rprot *p, int tls13)
{
	rprot_free(c->rd);
	c->rd = p;
	c->rseq = 0;
	c->rd_tls13 = tls13;
}

void
rec_set_write(struct conn *c, struct rprot *p, int tls13)
{
	rprot_free(c->wr);
	c->wr = p;
	c->wseq = 0;
	c->wr_tls13 = tls13;
}

static int
write_one(struct conn *c, uint8_t type, const uint8_t *data, size_t len)
{
	struct tp_event ev = { .kind = EV_RECORD, .sent = 1 };
	uint8_t inner[TLS_MAX_PLAINTEXT + 1];
	uint8_t *hdr, *body;
	const uint8_t *in = data;
	size_t inlen = len, room, outlen;
	uint8_t htype = type;
	int ret;

	if (c->wr != NULL && c->wr_tls13) {
		size_t block = c->cfg->record_padding, pad = 0;
		size_t max = c->rec_limit ? c->rec_limit : TLS_MAX_PLAINTEXT;

		/* RFC 8446, 5.2: TLSInnerPlaintext */
		memcpy(inner, data, len);
		inner[len] = type;
		in = inner;
		inlen = len + 1;
		htype = CT_APPLICATION_DATA;
		/*
		 * -record_padding: zeros up to a multiple of the block, within
		 * 2^14 bytes in all (as OpenSSL's SSL_CTX_set_block_padding)
		 */
		if (block > 1 && inlen % block != 0 && inlen < max) {
			pad = block - inlen % block;
			if (pad > max - inlen)
				pad = max - inlen;
			memset(inner + inlen, 0, pad);
			inlen += pad;
		}
	}
	room = inlen + (c->wr != NULL ? rprot_overhead(c->wr, inlen) : 0);
	if ((hdr = cbb_space(&c->out, 5 + room)) == NULL)
		return tp_fail(c, TP_E_INTERNAL, "cannot buffer a record");
	body = hdr + 5;
	if (c->wr != NULL) {
		ret = rprot_seal(c->wr, c->wseq, htype, c->wire_version, in,
		    inlen, body, room, &outlen);
		explicit_bzero(inner, sizeof(inner));
		if (ret != 0)
			return tp_fail(c, ret, "cannot protect a record");
		c->wseq++;
	} else {
		memcpy(body, in, inlen);
		outlen = inlen;
	}
	/* give back what the seal did not use */
	c->out.len -= room - outlen;
	hdr[0] = htype;
	hdr[1] = c->wire_version >> 8;
	hdr[2] = c->wire_version & 0xff;
	hdr[3] = outlen >> 8;
	hdr[4] = outlen & 0xff;
	ev.version = c->wire_version;
	ev.data = hdr;
	ev.len = 5;
	trace_event(c, &ev);
	if (c->wr != NULL && c->wr_tls13) {
		struct tp_event iev = { .kind = EV_INNER_TYPE, .sent = 1,
		    .version = c->wire_version, .data = &type, .len = 1 };
		trace_event(c, &iev);
	}
	return 0;
}

int
rec_write(struct conn *c, uint8_t type, const uint8_t *data, size_t len)
{
	size_t n, max = c->rec_limit ? c->rec_limit : TLS_MAX_PLAINTEXT;
	int ret;

	do {
		n = len < max ? len : max;
		if ((ret = write_one(c, type, data, n)) != 0)
			return ret;
		data += n;
		len -= n;
	} while (len > 0);
	return 0;
}

int
rec_flush(struct conn *c)
{
	int ret;

	if (c->out.len == 0)
		return 0;
	ret = c->io.write(c->io.ctx, c->out.buf, c->out.len);
	c->bytes_written += c->out.len;
	cbb_reset(&c->out);
	if (ret != 0)
		return tp_fail(c, ret, "cannot send to the server");
	return 0;
}

int
rec_write_alert(struct conn *c, uint8_t level, uint8_t desc)
{
	struct tp_event ev = { .kind = EV_ALERT, .sent = 1 };
	uint8_t a[2];
	int ret;

	a[0] = level;
	a[1] = desc;
	if ((ret = rec_write(c, CT_ALERT, a, 2)) != 0)
		return ret;
	ev.version = c->wire_version;
	ev.data = a;
	ev.len = 2;
	trace_event(c, &ev);
	return 0;
}

void
rec_send_alert(struct conn *c, uint8_t level, uint8_t desc)
{
	if (c->sent_alert || c->io.write == NULL)
		return;
	c->sent_alert = 1;
	/* on its own, past whatever the failure left unsent */
	cbb_reset(&c->out);
	if (rec_write_alert(c, level, desc) == 0)
		(void)c->io.write(c->io.ctx, c->out.buf, c->out.len);
	cbb_reset(&c->out);
}

size_t
rec_pending(const struct conn *c)
{
	return c->rlen;
}

/* Read until at least n bytes are buffered. */
static int
fill(struct conn *c, size_t n)
{
	size_t got;
	uint8_t *nb;
	int ret;

	if (n > RBUF_MAX)
		return TP_E_INTERNAL;
	if (c->rcap < RBUF_MAX) {
		if ((nb = recallocarray(c->rbuf, c->rcap, RBUF_MAX, 1)) == NULL)
			return TP_E_NOMEM;
		c->rbuf = nb;
		c->rcap = RBUF_MAX;
	}
	while (c->rlen < n) {
		ret = c->io.read(c->io.ctx, c->rbuf + c->rlen,
		    c->rcap - c->rlen, &got);
		if (ret != 0)
			return ret;
		if (c->nfirst < sizeof(c->first_bytes)) {
			size_t k = sizeof(c->first_bytes) - c->nfirst;

			if (k > got)
				k = got;
			memcpy(c->first_bytes + c->nfirst, c->rbuf + c->rlen, k);
			c->nfirst += k;
		}
		if (!c->got_any)
			c->t_phase[PH_FIRST_BYTE] = tp_now_us();
		c->got_any = 1;
		c->bytes_read += got;
		c->rlen += got;
	}
	return 0;
}

/* Does the first reply look like something other than TLS? */
static int
not_tls(struct conn *c, const uint8_t *h)
{
	/* a record starts with a content type 20..24 and major version 3 */
	if (h[0] >= 20 && h[0] <= 24 && h[1] == 3)
		return 0;
	c->fail_class = "not-tls";
	c->sent_alert = 1;	/* no TLS alert to a peer that is not TLS */
	return 1;
}

int
rec_read(struct conn *c, uint8_t *type, struct cbs *frag)
{
	struct tp_event ev = { .kind = EV_RECORD };
	uint8_t hdr[5];
	size_t len, max, outlen, i;
	uint16_t version;
	int ret;

	if ((ret = fill(c, 5)) != 0) {
		if (ret == TP_E_CLOSED && c->rlen > 0)
			return tp_fail(c, TP_E_DECODE, "server closed the "
			    "connection in the middle of a record header "
			    "(%zu of 5 bytes)", c->rlen);
		return ret;
	}
	memcpy(hdr, c->rbuf, 5);
	version = (uint16_t)(hdr[1] << 8 | hdr[2]);
	len = (size_t)hdr[3] << 8 | hdr[4];
	if (c->rseq == 0 && c->rd == NULL && !c->version && not_tls(c, hdr))
		return tp_fail(c, TP_E_DECODE, "the reply is not TLS");
	if (hdr[1] != 3)
		return tp_fail(c, TP_E_DECODE, "record header: version "
		    "0x%04x is not TLS", version);
	switch (hdr[0]) {
	case CT_CHANGE_CIPHER_SPEC:
	case CT_ALERT:
	case CT_HANDSHAKE:
	case CT_APPLICATION_DATA:
		break;
	default:
		return tp_fail(c, TP_E_UNEXPECTED, "record header: unknown "
		    "content type %u", hdr[0]);
	}
	if (c->rd == NULL)
		max = TLS_MAX_PLAINTEXT;
	else if (c->rd_tls13)
		max = TLS13_MAX_CIPHERTEXT;
	else
		max = TLS12_MAX_CIPHERTEXT;
	if (len > max)
		return tp_fail(c, TP_E_ALERT(ALERT_RECORD_OVERFLOW),
		    "record header: length %zu exceeds the limit of %zu "
		    "(RFC 8446, 5.1/5.2)", len, max);
	if ((ret = fill(c, 5 + len)) != 0) {
		if (ret == TP_E_CLOSED)
			return tp_fail(c, TP_E_DECODE, "server closed the "
			    "connection in the middle of a record of type %s "
			    "(%zu of %zu bytes)", content_type_name(hdr[0]),
			    c->rlen - 5, len);
		return ret;
	}
	ev.version = version;
	ev.data = hdr;
	ev.len = 5;
	trace_event(c, &ev);

	if (c->plaincap < TLS12_MAX_CIPHERTEXT) {
		uint8_t *nb = recallocarray(c->plain, c->plaincap,
		    TLS12_MAX_CIPHERTEXT, 1);

		if (nb == NULL)
			return TP_E_NOMEM;
		c->plain = nb;
		c->plaincap = TLS12_MAX_CIPHERTEXT;
	}
	*type = hdr[0];
	if (c->rd != NULL && !(c->rd_tls13 && hdr[0] ==
	    CT_CHANGE_CIPHER_SPEC)) {
		if (c->rd_tls13 && hdr[0] != CT_APPLICATION_DATA) {
			ret = tp_fail(c, TP_E_UNEXPECTED, "record of type %s "
			    "after encryption started (RFC 8446, 5.1)",
			    content_type_name(hdr[0]));
			goto consume;
		}
		ret = rprot_open(c->rd, c->rseq, hdr[0], version,
		    c->rbuf + 5, len, c->plain, c->plaincap, &outlen);
		if (ret != 0) {
			ret = tp_fail(c, ret, "cannot decrypt a record from "
			    "the server: bad record MAC or padding");
			goto consume;
		}
		c->rseq++;
		if (c->rd_tls13) {
			/* RFC 8446, 5.4: strip padding, last non-zero byte */
			for (i = outlen; i > 0 && c->plain[i - 1] == 0; i--)
				;
			if (i == 0) {
				ret = tp_fail(c, TP_E_UNEXPECTED, "protected "
				    "record has no inner content type");
				goto consume;
			}
			*type = c->plain[i - 1];
			outlen = i - 1;
			{
				struct tp_event iev = { .kind = EV_INNER_TYPE,
				    .version = version, .data = type,
				    .len = 1 };
				trace_event(c, &iev);
			}
		}
		if (outlen > TLS_MAX_PLAINTEXT) {
			ret = tp_fail(c, TP_E_ALERT(ALERT_RECORD_OVERFLOW),
			    "decrypted record of %zu bytes exceeds 2^14",
			    outlen);
			goto consume;
		}
	} else {
		memcpy(c->plain, c->rbuf + 5, len);
		outlen = len;
	}
	cbs_init(frag, c->plain, outlen);
	ret = 0;
 consume:
	memmove(c->rbuf, c->rbuf + 5 + len, c->rlen - 5 - len);
	c->rlen -= 5 + len;
	return ret;
}
