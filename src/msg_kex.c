/*
 * msg_kex.c -- TLS 1.0-1.2 ServerKeyExchange: parsed into a struct
 * server_key_exchange.  Checking the signature, the DH group and making
 * our share are the handshake's (hs_ske.c).
 */
#include <string.h>

#include "conn.h"
#include "kex.h"
#include "msg.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"

/*
 * The signature after the parameters: in TLS 1.2 with an explicit scheme
 * that we offered (RFC 5246, 7.4.3), before it implied by the key.
 */
static int
parse_signature(const struct conn *c, struct cbs *body,
    struct server_key_exchange *ske, struct tp_reason *why)
{
	const struct tp_sigscheme *s;
	uint16_t scheme;

	if (c->version >= TLS1_2_VERSION) {
		if (!cbs_get_u16(body, &scheme))
			return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: "
			    "truncated at signature algorithm");
		s = sigscheme_by_code(scheme);
		if (s == NULL || !msg_offered_sigalg(c, scheme))
			return tp_reason(why, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "signature scheme 0x%04x (%s) was not offered",
			    scheme, s != NULL ? s->name : "unknown");
		ske->scheme = s;
	}
	if (!cbs_get_vec16(body, &ske->sig) || cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: signature "
		    "length does not match the message");
	return 0;
}

/*
 * What ends the ECDH or DH parameters that start at start and stop at
 * body: their signature when the suite signs them, nothing otherwise.
 */
static int
params_end(const struct conn *c, const struct cbs *start, struct cbs *body,
    const char *what, struct server_key_exchange *ske, struct tp_reason *why)
{
	cbs_init(&ske->params, cbs_data(start), cbs_len(start) -
	    cbs_len(body));
	if (ske->is_signed)
		return parse_signature(c, body, ske, why);
	if (cbs_len(body) != 0)
		return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: %zu bytes "
		    "after the unsigned %s parameters", cbs_len(body), what);
	return 0;
}

int
msg_parse_server_key_exchange(const struct conn *c, struct cbs *body,
    struct server_key_exchange *ske, struct tp_reason *why)
{
	const struct tp_group *g;
	struct cbs start;
	enum tp_kex kex = c->suite->kex;
	uint8_t curve_type;

	memset(ske, 0, sizeof(*ske));
	why->text[0] = '\0';
	ske->is_signed = kex_ske_signed(kex);
	/* RFC 4279, 2 and 3; RFC 5489, 2: the hint comes first */
	if (kex_is_psk(kex)) {
		if (!cbs_get_vec16(body, &ske->hint))
			return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: "
			    "psk_identity_hint truncated");
		ske->has_hint = 1;
	}
	if (kex == KEX_PSK || kex == KEX_RSA_PSK) {
		if (cbs_len(body) != 0)
			return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: "
			    "%zu bytes after psk_identity_hint", cbs_len(body));
		return 0;
	}
	start = *body;
	if (kex_is_ecdh(kex)) {
		/* RFC 8422, 5.4 */
		if (!cbs_get_u8(body, &curve_type) ||
		    !cbs_get_u16(body, &ske->group) ||
		    !cbs_get_vec8(body, &ske->pub))
			return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: "
			    "ECDH parameters truncated");
		if (curve_type != 3)
			return tp_reason(why, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "curve_type %u, only named_curve (3) is allowed",
			    curve_type);
		g = group_by_code(ske->group);
		if (g == NULL || g->kind == GROUP_FFDHE ||
		    !msg_offered_group(c, ske->group))
			return tp_reason(why, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "group 0x%04x (%s) was not offered", ske->group,
			    g != NULL ? g->name : "unknown");
		ske->ecdh = 1;
		return params_end(c, &start, body, "ECDH", ske, why);
	}
	if (kex_is_dh(kex)) {
		/* RFC 5246, 7.4.3: dh_p, dh_g, dh_Ys */
		if (!cbs_get_vec16(body, &ske->dh_p) ||
		    !cbs_get_vec16(body, &ske->dh_g) ||
		    !cbs_get_vec16(body, &ske->pub))
			return tp_reason(why, TP_E_DECODE, "ServerKeyExchange: DH "
			    "parameters truncated");
		if (cbs_len(&ske->dh_p) == 0 || cbs_len(&ske->dh_g) == 0 ||
		    cbs_len(&ske->pub) == 0)
			return tp_reason(why, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "empty DH parameter");
		ske->dh = 1;
		return params_end(c, &start, body, "DH", ske, why);
	}
	return tp_reason(why, TP_E_UNEXPECTED, "ServerKeyExchange with RSA key "
	    "exchange");
}

int
msg_client_key_exchange(struct cbb *out, const struct client_key_exchange *k)
{
	cbb_add_u8(out, HS_CLIENT_KEY_EXCHANGE);
	cbb_open(out, 3);
	/* RFC 4279, 2: psk_identity first */
	if (k->identity != NULL) {
		cbb_open(out, 2);
		cbb_add_bytes(out, k->identity, strlen(k->identity));
		cbb_close(out);
	}
	/* RFC 6101, 5.6.7.1: SSL 3.0's encrypted premaster has no length */
	if (k->exchange != NULL && k->width == 0)
		cbb_add_bytes(out, k->exchange, k->exchange_len);
	else if (k->exchange != NULL) {
		cbb_open(out, k->width);
		cbb_add_bytes(out, k->exchange, k->exchange_len);
		cbb_close(out);
	}
	cbb_close(out);
	return cbb_ok(out) ? 0 : TP_E_INTERNAL;
}
