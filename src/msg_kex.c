/*
 * msg_kex.c -- TLS 1.0-1.2 ServerKeyExchange (parse and verify) and
 * ClientKeyExchange (build).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>

#include "conn.h"
#include "event.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "names.h"
#include "seclevel.h"
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

/*
 * A finding about broken server crypto (issue 12): an INFO line with the
 * trace flags, or, under -strict or -verify_return_error, the end of the
 * handshake with class weak-crypto.
 */
static int
weak(struct conn *c, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (c->cfg->strict || c->cfg->verify_return_error) {
		c->fail_class = "weak-crypto";
		return tp_fail(c, TP_E_ALERT(ALERT_INSUFFICIENT_SECURITY),
		    "%s", buf);
	}
	trace_info(c, "weak-crypto: %s", buf);
	return 0;
}

/* 2^(n-1) mod n == 1: a Fermat test; failing it proves n composite. */
static int
fermat(const BIGNUM *n, BN_CTX *bc)
{
	BIGNUM *e, *two, *r;
	int ok = 0;

	BN_CTX_start(bc);
	e = BN_CTX_get(bc);
	two = BN_CTX_get(bc);
	r = BN_CTX_get(bc);
	if (r != NULL && BN_copy(e, n) && BN_sub_word(e, 1) &&
	    BN_set_word(two, 2) && BN_mod_exp(r, two, e, n, bc))
		ok = BN_is_one(r);
	BN_CTX_end(bc);
	return ok;
}

/*
 * The DHE group and public value the server sent (RFC 5246, 7.4.3): the
 * security level's minimum size (s_client: "dh key too small"), and,
 * when anyone will see or act on it, the checks OpenSSL does not make:
 * p composite or not a safe prime, a generator of small order, Y outside
 * the prime-order subgroup of a safe prime (RFC 7919, 5.1).
 */
static int
check_dh(struct conn *c, struct cbs *pp, struct cbs *gg, struct cbs *yy)
{
	const struct config *cfg = c->cfg;
	BIGNUM *p, *g, *y, *q, *t, *s;
	BN_CTX *bc = NULL;
	int bits, level, need, safe, ret = 0;
	unsigned long w;
	BN_ULONG rem;

	level = cfg->seclevel >= 0 ? cfg->seclevel : seclevel_default();
	bits = (int)cbs_len(pp) * 8;
	if (cbs_len(pp) > 0 && cbs_data(pp)[0] != 0)
		for (w = cbs_data(pp)[0]; w < 0x80; w <<= 1)
			bits--;
	need = seclevel_min_ff_bits(level);
	if (bits < need) {
		if (cfg->explicit_legacy)
			trace_info(c, "the server's DH group has %d bits; "
			    "security level %d needs %d, so openssl s_client "
			    "would fail (dh key too small); going on as "
			    "asked", bits, level, need);
		else {
			c->fail_class = "seclevel";
			return tp_fail(c, TP_E_HANDSHAKE, "ServerKeyExchange: "
			    "dh key too small: the server's DH group has %d "
			    "bits, security level %d needs %d (lower it with "
			    "-cipher 'DEFAULT:@SECLEVEL=%d', as for s_client)",
			    bits, level, need, level > 0 ? level - 1 : 0);
		}
	}
	if (!(cfg->msg || cfg->state || cfg->trace || cfg->strict ||
	    cfg->verify_return_error))
		return 0;
	if ((bc = BN_CTX_new()) == NULL)
		return tp_fail(c, TP_E_NOMEM, "out of memory");
	BN_CTX_start(bc);
	p = BN_CTX_get(bc);
	g = BN_CTX_get(bc);
	y = BN_CTX_get(bc);
	q = BN_CTX_get(bc);
	t = BN_CTX_get(bc);
	s = BN_CTX_get(bc);
	if (s == NULL ||
	    !BN_bin2bn(cbs_data(pp), (int)cbs_len(pp), p) ||
	    !BN_bin2bn(cbs_data(gg), (int)cbs_len(gg), g) ||
	    !BN_bin2bn(cbs_data(yy), (int)cbs_len(yy), y)) {
		ret = tp_fail(c, TP_E_NOMEM, "out of memory");
		goto out;
	}
	if (!BN_is_odd(p) || !fermat(p, bc)) {
		ret = weak(c, "the server's DH prime (%d bits) is composite",
		    bits);
		goto out;
	}
	/* q = (p-1)/2; a safe prime has q prime */
	safe = BN_rshift1(q, p) && fermat(q, bc);
	if (!safe && (ret = weak(c, "the server's DH prime (%d bits) is not "
	    "a safe prime ((p-1)/2 is composite)", bits)) != 0)
		goto out;
	if (safe) {
		/* Y^q == 1: Y lies in the subgroup of prime order q */
		if (BN_mod_exp(t, y, q, p, bc) && !BN_is_one(t))
			ret = weak(c, "the server's DH public value is not in "
			    "the prime-order subgroup of its safe prime");
		goto out;
	}
	/* s = the part of p-1 made of primes below 2^16 */
	if (!BN_copy(t, p) || !BN_sub_word(t, 1) || !BN_one(s))
		goto out;
	for (w = 2; w < 65536; w++) {
		unsigned long d;

		for (d = 2; d * d <= w; d++)
			if (w % d == 0)
				break;
		if (d * d <= w)
			continue;
		while ((rem = BN_mod_word(t, w)) == 0 && !BN_is_one(t)) {
			/* BN_div_word returns the remainder, -1 on error */
			if (BN_div_word(t, w) == (BN_ULONG)-1 ||
			    !BN_mul_word(s, w))
				goto out;
		}
		if (rem == (BN_ULONG)-1)
			goto out;
	}
	/* g^s == 1: the order of g has only small prime factors */
	if (BN_mod_exp(t, g, s, p, bc) && BN_is_one(t))
		ret = weak(c, "the server's DH generator has small order "
		    "(only prime factors below 2^16): the shared secret "
		    "falls to Pohlig-Hellman");
 out:
	BN_CTX_end(bc);
	BN_CTX_free(bc);
	return ret;
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
		if ((ret = check_dh(c, &p, &gen, peer_pub)) != 0)
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
