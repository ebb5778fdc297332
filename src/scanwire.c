/*
 * scanwire.c -- one -scan probe (see scanwire.h).
 *
 * The hello is built here rather than by msg_hello.c because a scan
 * offers what a handshake never would: registry codes the engine cannot
 * complete, groups without a key share, a single version, DEFLATE, the
 * fallback SCSV, an SSL 2.0 CLIENT-HELLO.  The answer is parsed with the
 * bounded reader; anything malformed ends the probe as SW_BAD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "bytestring.h"
#include "names.h"
#include "net.h"
#include "conn.h"
#include "scanwire.h"
#include "starttls.h"
#include "tperr.h"

#define SW_MAX_FLIGHT	(256 * 1024)	/* bytes read before giving up */

static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
	0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
	0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

static const uint8_t ffdhe_prefix[16] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xad, 0xf8, 0x54, 0x58, 0xa2, 0xbb, 0x4a, 0x9a,
};

/* the seven SSL 2.0 cipher kinds (draft-hickman-netscape-ssl-00) */
static const uint32_t ssl2_specs[] = {
	0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0,
};

static void
add_ext_empty(struct cbb *b, uint16_t type)
{
	cbb_add_u16(b, type);
	cbb_add_u16(b, 0);
}

static void
add_alpn(struct cbb *b, const char *list)
{
	const char *p = list, *e;

	cbb_add_u16(b, EXT_ALPN);
	cbb_open(b, 2);
	cbb_open(b, 2);
	while (*p != '\0') {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if (e > p && e - p < 256) {
			cbb_add_u8(b, (uint8_t)(e - p));
			cbb_add_bytes(b, p, (size_t)(e - p));
		}
		p = *e == ',' ? e + 1 : e;
	}
	cbb_close(b);
	cbb_close(b);
}

static void
build_extensions(const struct sw_req *q, struct cbb *b)
{
	size_t i;

	cbb_open(b, 2);
	if (q->sni != NULL && q->sni[0] != '\0') {
		cbb_add_u16(b, EXT_SERVER_NAME);
		cbb_open(b, 2);
		cbb_open(b, 2);
		cbb_add_u8(b, 0);
		cbb_open(b, 2);
		cbb_add_bytes(b, q->sni, strlen(q->sni));
		cbb_close(b);
		cbb_close(b);
		cbb_close(b);
	}
	if (q->ngroups > 0) {
		cbb_add_u16(b, EXT_SUPPORTED_GROUPS);
		cbb_open(b, 2);
		cbb_open(b, 2);
		for (i = 0; i < q->ngroups; i++)
			cbb_add_u16(b, q->groups[i]);
		cbb_close(b);
		cbb_close(b);
		cbb_add_u16(b, EXT_EC_POINT_FORMATS);
		cbb_add_u16(b, 2);
		cbb_add_u8(b, 1);
		cbb_add_u8(b, 0);
	}
	if (q->version >= TLS1_2_VERSION && q->nsigalgs > 0) {
		cbb_add_u16(b, EXT_SIGNATURE_ALGORITHMS);
		cbb_open(b, 2);
		cbb_open(b, 2);
		for (i = 0; i < q->nsigalgs; i++)
			cbb_add_u16(b, q->sigalgs[i]);
		cbb_close(b);
		cbb_close(b);
	}
	if (q->alpn != NULL && q->alpn[0] != '\0')
		add_alpn(b, q->alpn);
	if (q->version <= TLS1_2_VERSION) {
		cbb_add_u16(b, EXT_RENEGOTIATION_INFO);
		cbb_add_u16(b, 1);
		cbb_add_u8(b, 0);
	}
	if (q->exts) {
		add_ext_empty(b, EXT_EXTENDED_MASTER_SECRET);
		add_ext_empty(b, EXT_ENCRYPT_THEN_MAC);
		add_ext_empty(b, EXT_SESSION_TICKET);
		/* status_request: ocsp, no responder ids, no extensions */
		cbb_add_u16(b, EXT_STATUS_REQUEST);
		cbb_add_u16(b, 5);
		cbb_add_u8(b, 1);
		cbb_add_u16(b, 0);
		cbb_add_u16(b, 0);
		/* heartbeat (RFC 6520): peer_allowed_to_send */
		cbb_add_u16(b, 15);
		cbb_add_u16(b, 1);
		cbb_add_u8(b, 1);
		/* max_fragment_length (RFC 6066, 4): 2^9 */
		cbb_add_u16(b, 1);
		cbb_add_u16(b, 1);
		cbb_add_u8(b, 1);
	}
	if (q->version >= TLS1_3_VERSION) {
		cbb_add_u16(b, EXT_SUPPORTED_VERSIONS);
		cbb_add_u16(b, 3);
		cbb_add_u8(b, 2);
		cbb_add_u16(b, q->version);
		/* no share: the HelloRetryRequest names the group */
		cbb_add_u16(b, EXT_KEY_SHARE);
		cbb_add_u16(b, 2);
		cbb_add_u16(b, 0);
		cbb_add_u16(b, EXT_PSK_KEY_EXCHANGE_MODES);
		cbb_add_u16(b, 2);
		cbb_add_u8(b, 1);
		cbb_add_u8(b, 1);
	}
	cbb_close(b);
}

static int
build_hello(const struct sw_req *q, struct cbb *b)
{
	uint8_t rnd[32];
	size_t i;

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return -1;
	if (q->version == SSL2_VERSION) {
		size_t n = sizeof(ssl2_specs) / sizeof(ssl2_specs[0]);
		size_t len = 9 + 3 * n + 16;

		cbb_add_u8(b, (uint8_t)(0x80 | (len >> 8)));
		cbb_add_u8(b, (uint8_t)len);
		cbb_add_u8(b, 1);		/* CLIENT-HELLO */
		cbb_add_u16(b, SSL2_VERSION);
		cbb_add_u16(b, (uint16_t)(3 * n));
		cbb_add_u16(b, 0);		/* session id */
		cbb_add_u16(b, 16);		/* challenge */
		for (i = 0; i < n; i++) {
			cbb_add_u8(b, (uint8_t)(ssl2_specs[i] >> 16));
			cbb_add_u16(b, (uint16_t)ssl2_specs[i]);
		}
		cbb_add_bytes(b, rnd, 16);
		return cbb_ok(b) ? 0 : -1;
	}
	cbb_add_u8(b, CT_HANDSHAKE);
	cbb_add_u16(b, q->version == SSL3_VERSION ? SSL3_VERSION :
	    TLS1_0_VERSION);
	cbb_open(b, 2);
	cbb_add_u8(b, HS_CLIENT_HELLO);
	cbb_open(b, 3);
	cbb_add_u16(b, q->version > TLS1_2_VERSION ? TLS1_2_VERSION :
	    q->version);
	cbb_add_bytes(b, rnd, 32);
	cbb_open(b, 1);
	if (q->version >= TLS1_3_VERSION)	/* RFC 8446, D.4 */
		cbb_add_bytes(b, rnd, 32);
	cbb_close(b);
	cbb_open(b, 2);
	for (i = 0; i < q->nsuites; i++)
		cbb_add_u16(b, q->suites[i]);
	if (q->version == SSL3_VERSION)
		cbb_add_u16(b, SCSV_EMPTY_RENEGOTIATION_INFO);
	if (q->fallback_scsv)
		cbb_add_u16(b, SCSV_FALLBACK);
	cbb_close(b);
	cbb_open(b, 1);
	if (q->compression)
		cbb_add_u8(b, 1);	/* DEFLATE (RFC 3749) */
	cbb_add_u8(b, 0);
	cbb_close(b);
	if (q->version >= TLS1_0_VERSION)
		build_extensions(q, b);
	cbb_close(b);
	cbb_close(b);
	return cbb_ok(b) ? 0 : -1;
}

static int
parse_server_hello(struct cbs *m, struct sw_res *r)
{
	struct cbs sid, exts, ext, v, proto;
	uint16_t ver, type;
	uint8_t rnd[32];
	int hrr;

	if (!cbs_get_u16(m, &ver) || !cbs_copy(m, rnd, 32) ||
	    !cbs_get_vec8(m, &sid) || cbs_len(&sid) > 32 ||
	    !cbs_get_u16(m, &r->suite) || !cbs_get_u8(m, &r->compression))
		return -1;
	hrr = memcmp(rnd, hrr_random, 32) == 0;
	r->version = ver;
	r->sid_len = (int)cbs_len(&sid);
	if (cbs_len(m) == 0)
		goto done;
	if (!cbs_get_vec16(m, &exts) || cbs_len(m) != 0)
		return -1;
	while (cbs_len(&exts) > 0) {
		if (!cbs_get_u16(&exts, &type) || !cbs_get_vec16(&exts, &ext))
			return -1;
		if (r->nexts < SW_MAX_EXTS)
			r->exts[r->nexts++] = type;
		switch (type) {
		case EXT_SUPPORTED_VERSIONS:
			if (!cbs_get_u16(&ext, &r->version))
				return -1;
			break;
		case EXT_KEY_SHARE:
			if (!cbs_get_u16(&ext, &r->group))
				return -1;
			break;
		case EXT_ALPN:
			if (!cbs_get_vec16(&ext, &v) ||
			    !cbs_get_vec8(&v, &proto) ||
			    cbs_len(&proto) >= sizeof(r->alpn))
				return -1;
			memcpy(r->alpn, cbs_data(&proto), cbs_len(&proto));
			r->alpn[cbs_len(&proto)] = '\0';
			break;
		case 1: {	/* max_fragment_length */
			uint8_t x;

			if (!cbs_get_u8(&ext, &x))
				return -1;
			r->mfl = x;
			break;
		}
		default:
			break;
		}
	}
 done:
	r->status = hrr ? SW_HRR : SW_HELLO;
	return 0;
}

static int
bits_of(const struct cbs *p)
{
	const uint8_t *d = cbs_data(p);
	size_t n = cbs_len(p);
	int bits;

	while (n > 0 && *d == 0) {
		d++;
		n--;
	}
	if (n == 0)
		return 0;
	bits = (int)(n - 1) * 8;
	for (uint8_t x = *d; x != 0; x >>= 1)
		bits++;
	return bits;
}

static int
parse_ske(struct cbs *m, struct sw_res *r)
{
	const struct tp_suite *s = suite_by_code(r->suite);
	struct cbs p, skip;
	uint8_t type;
	int sig = 0;

	if (s == NULL)
		return 0;
	if (s->kex == KEX_ECDHE_PSK || s->kex == KEX_DHE_PSK)
		if (!cbs_get_vec16(m, &skip))
			return -1;
	switch (s->kex) {
	case KEX_ECDHE:
		sig = 1;
		/* FALLTHROUGH */
	case KEX_ECDH_ANON:
	case KEX_ECDHE_PSK:
		if (!cbs_get_u8(m, &type))
			return -1;
		if (type != 3)		/* not named_curve */
			return 0;
		if (!cbs_get_u16(m, &r->group) || !cbs_get_vec8(m, &skip))
			return -1;
		break;
	case KEX_DHE:
	case KEX_DHE_EXPORT:
		sig = 1;
		/* FALLTHROUGH */
	case KEX_DH_ANON:
	case KEX_DHE_PSK:
		if (!cbs_get_vec16(m, &p) || !cbs_get_vec16(m, &skip) ||
		    !cbs_get_vec16(m, &skip))
			return -1;
		r->dh_bits = bits_of(&p);
		/* every RFC 7919 prime begins with 2^64-1, then e's digits */
		r->dh_rfc7919 = cbs_len(&p) > 16 &&
		    memcmp(cbs_data(&p), ffdhe_prefix, 16) == 0;
		break;
	default:
		return 0;
	}
	r->got_ske = 1;
	if (sig && r->version >= TLS1_2_VERSION && s->auth != AUTH_NULL &&
	    !cbs_get_u16(m, &r->ske_sigalg))
		return -1;
	return 0;
}

static int
parse_certificate(struct cbs *m, struct sw_res *r)
{
	struct cbs list, cert;
	unsigned int hl = 0;

	if (!cbs_get_vec24(m, &list))
		return -1;
	if (cbs_len(&list) == 0)
		return 0;
	if (!cbs_get_vec24(&list, &cert))
		return -1;
	if (EVP_Digest(cbs_data(&cert), cbs_len(&cert), r->cert_hash, &hl,
	    EVP_sha256(), NULL) == 1 && hl == 32)
		r->has_cert = 1;
	return 0;
}

/*
 * One handshake message of the first flight.  Returns 1 when the probe
 * has learnt what it wanted, 0 to read on, -1 on garbage.
 */
static int
on_message(const struct sw_req *q, uint8_t type, struct cbs *m,
    struct sw_res *r)
{
	int got_hello = r->status == SW_HELLO;

	if (!got_hello) {
		if (type != HS_SERVER_HELLO || parse_server_hello(m, r) != 0)
			return -1;
		if (r->status == SW_HRR || r->version >= TLS1_3_VERSION)
			return 1;
		return q->want_ske || q->want_cert ? 0 : 1;
	}
	switch (type) {
	case HS_CERTIFICATE:
		if (parse_certificate(m, r) != 0)
			return -1;
		return q->want_ske ? 0 : 1;
	case HS_CERTIFICATE_STATUS:
		r->ocsp_stapled = 1;
		return 0;
	case HS_SERVER_KEY_EXCHANGE:
		if (parse_ske(m, r) != 0)
			return -1;
		return 1;
	case HS_CERTIFICATE_REQUEST:
		return 0;
	default:	/* ServerHelloDone, or anything else: the flight is over */
		return 1;
	}
}

static void
ssl2_answer(const uint8_t *d, size_t n, struct sw_res *r)
{
	struct cbs m, cert, specs;
	uint16_t ver, certlen, specslen, idlen;
	uint8_t type, hit, ctype;
	uint32_t spec;

	cbs_init(&m, d, n);
	if (!cbs_get_u8(&m, &type) || type != 4) {
		r->status = SW_ALERT;	/* SSL 2.0 ERROR, or not a hello */
		r->alert = -1;
		return;
	}
	if (!cbs_get_u8(&m, &hit) || !cbs_get_u8(&m, &ctype) ||
	    !cbs_get_u16(&m, &ver) || !cbs_get_u16(&m, &certlen) ||
	    !cbs_get_u16(&m, &specslen) || !cbs_get_u16(&m, &idlen) ||
	    !cbs_get_bytes(&m, &cert, certlen) ||
	    !cbs_get_bytes(&m, &specs, specslen) || ver != SSL2_VERSION) {
		r->status = SW_BAD;
		strlcpy(r->why, "malformed SSL 2.0 SERVER-HELLO",
		    sizeof(r->why));
		return;
	}
	r->status = SW_HELLO;
	r->version = SSL2_VERSION;
	while (cbs_len(&specs) >= 3 && r->nssl2_specs < 16) {
		uint8_t hi;
		uint16_t lo;

		cbs_get_u8(&specs, &hi);
		cbs_get_u16(&specs, &lo);
		spec = (uint32_t)hi << 16 | lo;
		r->ssl2_specs[r->nssl2_specs++] = spec;
	}
}

/* Read records until on_message() is satisfied. */
static void
read_flight(const struct sw_req *q, struct transport *io, struct sw_res *r)
{
	uint8_t *buf = NULL, *hs = NULL;
	size_t len = 0, hslen = 0, hsoff = 0, got;
	struct cbs rec, msg;
	uint32_t mlen;
	uint16_t rlen;
	uint8_t ct, mtype;
	int ret, done = 0;

	if ((buf = malloc(SW_MAX_FLIGHT)) == NULL ||
	    (hs = malloc(SW_MAX_FLIGHT)) == NULL) {
		r->status = SW_BAD;
		strlcpy(r->why, "out of memory", sizeof(r->why));
		goto out;
	}
	r->status = SW_CLOSED;
	while (!done) {
		/* a whole record (or SSL 2.0 message) in buf? */
		if (q->version == SSL2_VERSION && len >= 2 &&
		    (buf[0] & 0x80) != 0) {
			size_t n = ((size_t)(buf[0] & 0x7f) << 8) | buf[1];

			if (len >= 2 + n) {
				ssl2_answer(buf + 2, n, r);
				break;
			}
		} else if (len >= 5) {
			ct = buf[0];
			rlen = (uint16_t)(buf[3] << 8 | buf[4]);
			if (ct < CT_CHANGE_CIPHER_SPEC || ct > CT_HEARTBEAT ||
			    buf[1] != 3 || rlen > 16384 + 2048) {
				if (r->status != SW_HELLO) {
					r->status = SW_BAD;
					strlcpy(r->why, "the answer is not "
					    "TLS", sizeof(r->why));
				}
				break;
			}
			if (len >= 5u + rlen) {
				cbs_init(&rec, buf + 5, rlen);
				if (ct == CT_ALERT) {
					uint8_t lvl, desc;

					if (r->status != SW_HELLO &&
					    cbs_get_u8(&rec, &lvl) &&
					    cbs_get_u8(&rec, &desc)) {
						r->status = SW_ALERT;
						r->alert = desc;
					}
					break;
				}
				if (ct == CT_HANDSHAKE) {
					if (hslen + rlen > SW_MAX_FLIGHT)
						break;
					memcpy(hs + hslen, buf + 5, rlen);
					hslen += rlen;
				} else if (r->status != SW_HELLO) {
					r->status = SW_BAD;
					strlcpy(r->why, "a non-handshake "
					    "record before ServerHello",
					    sizeof(r->why));
					break;
				}
				memmove(buf, buf + 5 + rlen, len - 5 - rlen);
				len -= 5u + rlen;
				/* every whole message */
				while (!done && hslen - hsoff >= 4) {
					mtype = hs[hsoff];
					mlen = (uint32_t)hs[hsoff + 1] << 16 |
					    (uint32_t)hs[hsoff + 2] << 8 |
					    hs[hsoff + 3];
					if (hslen - hsoff - 4 < mlen)
						break;
					cbs_init(&msg, hs + hsoff + 4, mlen);
					hsoff += 4 + mlen;
					ret = on_message(q, mtype, &msg, r);
					if (ret < 0 && r->status != SW_HELLO &&
					    r->status != SW_HRR) {
						r->status = SW_BAD;
						snprintf(r->why, sizeof(r->why),
						    "malformed %s",
						    handshake_name(mtype) ?
						    handshake_name(mtype) :
						    "handshake message");
					}
					if (ret != 0)
						done = 1;
				}
				continue;
			}
		}
		if (len == SW_MAX_FLIGHT)
			break;
		ret = io->read(io->ctx, buf + len, SW_MAX_FLIGHT - len, &got);
		if (ret != 0) {
			if (r->status != SW_HELLO && ret == TP_E_TIMEOUT)
				r->status = SW_TIMEOUT;
			break;
		}
		len += got;
	}
 out:
	free(buf);
	free(hs);
}

/*
 * The connection for a probe: TCP to the target (or the -proxy), then the
 * tunnel and the -starttls exchange.  Returns 0, or with res->status
 * SW_CONNECT or SW_PLAIN and the reason in res->why.
 */
static int
open_probe(const struct sw_req *q, struct net *n, struct sw_res *r)
{
	struct transport io;
	struct conn c;
	char why[400];
	enum net_err ne;
	int ret;

	if (q->cfg != NULL)
		ne = net_connect_cfg(n, q->cfg, why, sizeof(why));
	else
		ne = net_connect(n, q->host, q->port, q->timeout_ms, why,
		    sizeof(why));
	if (ne != NET_OK) {
		r->status = SW_CONNECT;
		strlcpy(r->why, why, sizeof(r->why));
		return -1;
	}
	if (q->cfg == NULL || (q->cfg->proxy_host[0] == '\0' &&
	    q->cfg->starttls == 0))
		return 0;
	/* no trace: a conn only for plainio's error slot and bounds */
	net_transport(n, &io);
	conn_init(&c, q->cfg, &io);
	ret = plain_preamble(&c, n);
	if (ret != 0) {
		r->status = SW_PLAIN;
		r->plain_class = c.fail_class != NULL ? c.fail_class :
		    "starttls";
		strlcpy(r->why, c.why[0] != '\0' ? c.why : "the plaintext "
		    "phase failed", sizeof(r->why));
	}
	conn_free(&c);
	if (ret != 0) {
		net_close(n);
		return -1;
	}
	return 0;
}

void
sw_probe(const struct sw_req *q, struct sw_res *r)
{
	struct transport io;
	struct cbb b;
	struct net n;

	memset(r, 0, sizeof(*r));
	r->alert = -1;
	cbb_init(&b, 32768);
	if (build_hello(q, &b) != 0) {
		r->status = SW_BAD;
		strlcpy(r->why, "ClientHello too large", sizeof(r->why));
		goto out;
	}
	if (open_probe(q, &n, r) != 0)
		goto out;
	net_transport(&n, &io);
	net_deadline(&n, q->timeout_ms);
	if (io.write(io.ctx, b.buf, b.len) != 0)
		r->status = SW_CLOSED;
	else
		read_flight(q, &io, r);
	net_close(&n);
 out:
	cbb_cleanup(&b);
}

int
sw_has_ext(const struct sw_res *r, uint16_t t)
{
	size_t i;

	for (i = 0; i < r->nexts; i++)
		if (r->exts[i] == t)
			return 1;
	return 0;
}
