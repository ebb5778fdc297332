/*
 * msg_post.c -- the messages that keep a session going: NewSessionTicket
 * (TLS 1.2's, RFC 5077, and TLS 1.3's, RFC 8446, 4.6.1) and TLS 1.3's
 * KeyUpdate, parsed into structs; and our KeyUpdate, built.  Keeping the
 * ticket and switching keys are the state machines' (handshake12.c,
 * handshake13.c).
 */
#include <string.h>

#include "conn.h"
#include "msg.h"
#include "names.h"
#include "tperr.h"

/* RFC 8446, 4.6.1: a ticket lives at most seven days */
#define TICKET_LIFETIME_MAX	604800

/* RFC 8446, 4.6.1: the extensions of a TLS 1.3 NewSessionTicket */
static int
nst13_extensions(struct cbs *exts, struct new_session_ticket *t,
    struct tp_reason *why)
{
	struct msg_ext_walk w;
	enum msg_ext_step st;
	uint16_t type;
	struct cbs body;

	msg_ext_walk_init(&w, exts, 32);
	while ((st = msg_ext_next(&w, &type, &body)) != MSG_EXT_END) {
		if (st == MSG_EXT_TRUNCATED)
			return tp_reason(why, TP_E_DECODE, "NewSessionTicket: "
			    "extensions truncated");
		if (st == MSG_EXT_TWICE)
			return tp_reason(why, TP_E_ILLEGAL, "NewSessionTicket: "
			    "extension %s (%u) appears twice (RFC 8446, 4.2)",
			    extension_name(type) != NULL ?
			    extension_name(type) : "unknown", type);
		if (st == MSG_EXT_TOO_MANY)
			return tp_reason(why, TP_E_DECODE, "NewSessionTicket: "
			    "too many extensions");
		/* RFC 8446, 4.2.10: early_data carries max_early_data_size */
		if (type == EXT_EARLY_DATA) {
			if (!cbs_get_u32(&body, &t->max_early_data) ||
			    cbs_len(&body) != 0)
				return tp_reason(why, TP_E_DECODE,
				    "NewSessionTicket: early_data is not one "
				    "max_early_data_size");
			t->has_early_data = 1;
		}
		/* others: clients ignore what they do not know (4.6.1) */
	}
	return 0;
}

int
msg_parse_new_session_ticket(const struct conn *c, struct cbs *body,
    struct new_session_ticket *t, struct tp_reason *why)
{
	struct cbs exts;

	memset(t, 0, sizeof(*t));
	why->text[0] = '\0';
	if (c->version < TLS1_3_VERSION) {
		/* RFC 5077, 3.3: lifetime_hint, opaque ticket<0..2^16-1> */
		if (!cbs_get_u32(body, &t->lifetime) ||
		    !cbs_get_vec16(body, &t->ticket) || cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "NewSessionTicket: "
			    "malformed (RFC 5077, 3.3)");
		return 0;
	}
	/* RFC 8446, 4.6.1: ticket<1..2^16-1> */
	if (!cbs_get_u32(body, &t->lifetime) ||
	    !cbs_get_u32(body, &t->age_add) ||
	    !cbs_get_vec8(body, &t->nonce) ||
	    !cbs_get_vec16(body, &t->ticket) ||
	    !cbs_get_vec16(body, &exts) ||
	    cbs_len(body) != 0 || cbs_len(&t->ticket) == 0)
		return tp_reason(why, TP_E_DECODE, "NewSessionTicket: "
		    "malformed");
	if (t->lifetime > TICKET_LIFETIME_MAX)
		return tp_reason(why, TP_E_ILLEGAL, "NewSessionTicket: "
		    "ticket_lifetime %u exceeds seven days", t->lifetime);
	return nst13_extensions(&exts, t, why);
}

int
msg_parse_key_update(const struct conn *c, struct cbs *body, int *request,
    struct tp_reason *why)
{
	uint8_t req;

	(void)c;
	why->text[0] = '\0';
	if (!cbs_get_u8(body, &req) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "KeyUpdate: malformed "
		    "request_update");
	/* RFC 8446, 4.6.3: any other value is illegal_parameter */
	if (req > 1)
		return tp_reason(why, TP_E_ILLEGAL, "KeyUpdate: request_update "
		    "%u is neither update_not_requested (0) nor "
		    "update_requested (1) (RFC 8446, 4.6.3)", req);
	*request = req;
	return 0;
}

int
msg_key_update(struct cbb *out, int request)
{
	cbb_add_u8(out, HS_KEY_UPDATE);
	cbb_open(out, 3);
	cbb_add_u8(out, request ? 1 : 0);
	cbb_close(out);
	return cbb_ok(out) ? 0 : TP_E_INTERNAL;
}
