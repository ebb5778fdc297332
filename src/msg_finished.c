/*
 * msg_finished.c -- the short messages that close a flight: Finished
 * (RFC 5246, 7.4.9; RFC 8446, 4.4.4), ours built and the server's parsed;
 * NPN's NextProtocol and TLS 1.3's EndOfEarlyData, built; and the empty
 * ones (ServerHelloDone, HelloRequest), parsed.  The state machines
 * compute and compare verify_data, and send.
 */
#include <string.h>

#include "conn.h"
#include "msg.h"
#include "names.h"
#include "tperr.h"

/* NPN's handshake type (draft-agl-tls-nextprotoneg-04, 3) */
#define HS_NEXT_PROTOCOL	67

int
msg_finished(struct cbb *out, const uint8_t *vd, size_t len)
{
	cbb_add_u8(out, HS_FINISHED);
	cbb_open(out, 3);
	cbb_add_bytes(out, vd, len);
	cbb_close(out);
	return cbb_ok(out) ? 0 : TP_E_INTERNAL;
}

int
msg_next_protocol(struct cbb *out, const char *proto)
{
	static const uint8_t zeros[32];
	size_t n = strlen(proto), pad;

	if (n > 255)
		return TP_E_INTERNAL;
	/* the protocol, then padding to a multiple of 32 bytes */
	pad = 32 - (n + 2) % 32;
	cbb_add_u8(out, HS_NEXT_PROTOCOL);
	cbb_open(out, 3);
	cbb_open(out, 1);
	cbb_add_bytes(out, (const uint8_t *)proto, n);
	cbb_close(out);
	cbb_open(out, 1);
	cbb_add_bytes(out, zeros, pad);
	cbb_close(out);
	cbb_close(out);
	return cbb_ok(out) ? 0 : TP_E_INTERNAL;
}

int
msg_end_of_early_data(struct cbb *out)
{
	/* RFC 8446, 4.5: an empty body */
	cbb_add_u8(out, HS_END_OF_EARLY_DATA);
	cbb_open(out, 3);
	cbb_close(out);
	return cbb_ok(out) ? 0 : TP_E_INTERNAL;
}

int
msg_parse_finished(const struct conn *c, struct cbs *body, size_t len,
    struct cbs *vd, struct tp_reason *why)
{
	(void)c;
	why->text[0] = '\0';
	/* verify_data[len]: its length is fixed by the version and hash */
	if (cbs_len(body) != len)
		return tp_reason(why, TP_E_DECODE, "Finished: verify_data of "
		    "%zu bytes, expected %zu", cbs_len(body), len);
	*vd = *body;
	return 0;
}

int
msg_parse_empty(const struct conn *c, struct cbs *body, unsigned type,
    struct tp_reason *why)
{
	(void)c;
	why->text[0] = '\0';
	if (cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "%s: body of %zu bytes, "
		    "expected none", handshake_name((uint8_t)type) != NULL ?
		    handshake_name((uint8_t)type) : "message", cbs_len(body));
	return 0;
}
