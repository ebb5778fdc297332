/*
 * msg_kex.c -- TLS 1.0-1.2 ServerKeyExchange (parse and verify) and
 * ClientKeyExchange (build).
 */
#include <string.h>

#include "conn.h"
#include "handshake.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"

static int
verify_params(struct conn *c, const uint8_t *params, size_t plen,
    struct cbs *body)
{
	const struct tp_sigscheme *s;
	uint8_t signed_data[64 + 2 * 8192 / 8 + 1024];
	uint8_t digest[36];
	struct cbs sig;
	uint16_t scheme;
	size_t n;
	int ret;

	if (c->version >= TLS1_2_VERSION) {
		/* RFC 5246, 7.4.3: digitally-signed with an explicit scheme */
		if (!cbs_get_u16(body, &scheme))
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
			    "truncated at signature algorithm");
		s = sigscheme_by_code(scheme);
		if (s == NULL || !msg_offered_sigalg(c, scheme))
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "signature scheme 0x%04x (%s) was not offered",
			    scheme, s != NULL ? s->name : "unknown");
	} else if (peer_key_type(c->peer_key) == PK_RSA)
		s = &tp_sig_md5_sha1_rsa;	/* RFC 2246, 7.4.3 */
	else if (peer_key_type(c->peer_key) == PK_DSA)
		s = sigscheme_by_code(0x0202);	/* dsa_sha1, RFC 2246, 7.4.3 */
	else
		s = &tp_sig_sha1_ecdsa;		/* RFC 4492, 5.4 */
	if (!cbs_get_vec16(body, &sig) || cbs_len(body) != 0)
		return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: signature "
		    "length does not match the message");
	if (!peer_key_fits(c->peer_key, s, 0))
		return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: scheme %s "
		    "does not fit the server's %s key", s->name,
		    c->peer_key_desc);
	n = 64 + plen;
	if (n > sizeof(signed_data))
		return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
		    "parameters too large (%zu bytes)", plen);
	memcpy(signed_data, c->client_random, 32);
	memcpy(signed_data + 32, c->server_random, 32);
	memcpy(signed_data + 64, params, plen);
	if (s->alg == SIG_RSA_MD5_SHA1) {
		if ((ret = tp_digest(HASH_MD5_SHA1, signed_data, n,
		    digest)) != 0)
			return tp_fail(c, ret, "cannot hash");
		ret = sig_verify(c->peer_key, s, digest, 36, cbs_data(&sig),
		    cbs_len(&sig));
	} else
		ret = sig_verify(c->peer_key, s, signed_data, n,
		    cbs_data(&sig), cbs_len(&sig));
	if (ret != 0)
		return tp_fail(c, ret, "ServerKeyExchange: the %s signature "
		    "does not verify with the server's %s key", s->name,
		    c->peer_key_desc);
	c->peer_sigscheme = s;
	return 0;
}

/*
 * RFC 4279, 2: psk_identity_hint<0..2^16-1>.  Kept printable for the
 * summary (bytes outside 0x20..0x7e become '?').
 */
static int
parse_psk_hint(struct conn *c, struct cbs *body)
{
	struct cbs hint;
	size_t i, n;

	if (!cbs_get_vec16(body, &hint))
		return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
		    "psk_identity_hint truncated");
	n = cbs_len(&hint);
	if (n >= sizeof(c->psk_hint))
		n = sizeof(c->psk_hint) - 1;
	for (i = 0; i < n; i++) {
		uint8_t ch = cbs_data(&hint)[i];

		c->psk_hint[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
	c->psk_hint[n] = '\0';
	c->has_psk_hint = 1;
	return 0;
}

int
msg_parse_server_key_exchange(struct conn *c, struct cbs *body,
    struct cbs *peer_pub)
{
	const uint8_t *params;
	const struct tp_group *g;
	struct cbs start, p, gen;
	enum tp_kex kex = c->suite->kex;
	int sign = kex_ske_signed(kex);
	uint8_t curve_type;
	uint16_t group;
	int ret;

	if (sign && c->peer_key == NULL)
		return tp_fail(c, TP_E_UNEXPECTED, "ServerKeyExchange before "
		    "Certificate");
	/* RFC 4279, 2 and 3; RFC 5489, 2: the hint comes first */
	if (kex_is_psk(kex) && (ret = parse_psk_hint(c, body)) != 0)
		return ret;
	if (kex == KEX_PSK || kex == KEX_RSA_PSK) {
		if (cbs_len(body) != 0)
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
			    "%zu bytes after psk_identity_hint", cbs_len(body));
		cbs_init(peer_pub, NULL, 0);
		return 0;
	}
	start = *body;
	params = cbs_data(body);
	if (kex_is_ecdh(kex)) {
		/* RFC 8422, 5.4 */
		if (!cbs_get_u8(body, &curve_type) ||
		    !cbs_get_u16(body, &group) || !cbs_get_vec8(body, peer_pub))
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
			    "ECDH parameters truncated");
		if (curve_type != 3)
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "curve_type %u, only named_curve (3) is allowed",
			    curve_type);
		g = group_by_code(group);
		if (g == NULL || g->kind == GROUP_FFDHE ||
		    !msg_offered_group(c, group))
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "group 0x%04x (%s) was not offered", group,
			    g != NULL ? g->name : "unknown");
		if (sign && (ret = verify_params(c, params,
		    cbs_len(&start) - cbs_len(body), body)) != 0)
			return ret;
		if (!sign && cbs_len(body) != 0)
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
			    "%zu bytes after the unsigned ECDH parameters",
			    cbs_len(body));
		c->kex_group = group;
		hs_free_shares(c);
		if ((ret = kex_share_new(g, &c->shares[0])) != 0)
			return tp_fail(c, ret, "cannot make a %s key", g->name);
		c->share_groups[0] = group;
		c->nshares = 1;
		return 0;
	}
	if (kex_is_dh(kex)) {
		/* RFC 5246, 7.4.3: dh_p, dh_g, dh_Ys */
		if (!cbs_get_vec16(body, &p) || !cbs_get_vec16(body, &gen) ||
		    !cbs_get_vec16(body, peer_pub))
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: DH "
			    "parameters truncated");
		if (cbs_len(&p) == 0 || cbs_len(&gen) == 0 ||
		    cbs_len(peer_pub) == 0)
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "empty DH parameter");
		if (sign && (ret = verify_params(c, params,
		    cbs_len(&start) - cbs_len(body), body)) != 0)
			return ret;
		if (!sign && cbs_len(body) != 0)
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: "
			    "%zu bytes after the unsigned DH parameters",
			    cbs_len(body));
		hs_free_shares(c);
		ret = kex_share_new_dh(cbs_data(&p), cbs_len(&p),
		    cbs_data(&gen), cbs_len(&gen), &c->shares[0]);
		if (ret != 0)
			return tp_fail(c, ret, "ServerKeyExchange: DH group of "
			    "%zu bits rejected (1024..8192 bits, 1 < g < p-1)",
			    cbs_len(&p) * 8);
		c->share_groups[0] = 0;
		c->nshares = 1;
		return 0;
	}
	return tp_fail(c, TP_E_UNEXPECTED, "ServerKeyExchange with RSA key "
	    "exchange");
}
