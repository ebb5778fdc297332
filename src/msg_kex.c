/*
 * msg_kex.c -- TLS 1.0-1.2 ServerKeyExchange (parse and verify) and
 * ClientKeyExchange (build).
 */
#include <string.h>

#include "conn.h"
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

int
msg_parse_server_key_exchange(struct conn *c, struct cbs *body,
    struct cbs *peer_pub)
{
	struct cbs start = *body;
	const uint8_t *params = cbs_data(body);
	const struct tp_group *g;
	struct cbs p, gen;
	uint8_t curve_type;
	uint16_t group;
	int ret;

	if (c->peer_key == NULL)
		return tp_fail(c, TP_E_UNEXPECTED, "ServerKeyExchange before "
		    "Certificate");
	if (c->suite->kex == KEX_ECDHE) {
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
		if ((ret = verify_params(c, params,
		    cbs_len(&start) - cbs_len(body), body)) != 0)
			return ret;
		c->kex_group = group;
		conn_free_shares(c);
		if ((ret = kex_share_new(g, &c->shares[0])) != 0)
			return tp_fail(c, ret, "cannot make a %s key", g->name);
		c->share_groups[0] = group;
		c->nshares = 1;
		return 0;
	}
	if (c->suite->kex == KEX_DHE) {
		/* RFC 5246, 7.4.3: dh_p, dh_g, dh_Ys */
		if (!cbs_get_vec16(body, &p) || !cbs_get_vec16(body, &gen) ||
		    !cbs_get_vec16(body, peer_pub))
			return tp_fail(c, TP_E_DECODE, "ServerKeyExchange: DH "
			    "parameters truncated");
		if (cbs_len(&p) == 0 || cbs_len(&gen) == 0 ||
		    cbs_len(peer_pub) == 0)
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "empty DH parameter");
		if ((ret = verify_params(c, params,
		    cbs_len(&start) - cbs_len(body), body)) != 0)
			return ret;
		conn_free_shares(c);
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
