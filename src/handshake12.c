/*
 * handshake12.c -- the TLS 1.0, 1.1 and 1.2 client state machine, from
 * ServerHello to the server's Finished (RFC 5246, 7.3; RFC 2246; RFC 4346).
 */
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "record.h"
#include "sig.h"
#include "tperr.h"

/* PRF and handshake hash: the suite's for 1.2, MD5+SHA-1 before. */
static enum tp_hash
prf_hash(const struct conn *c)
{
	return c->version >= TLS1_2_VERSION ? c->suite->prf : HASH_MD5_SHA1;
}

/*
 * RFC 5246, 6.3: key_block = client MAC, server MAC, client key, server
 * key, client IV, server IV.  TLS 1.1+ CBC takes no IV from the block.
 */
static int
make_keys(struct conn *c, struct rprot **wr, struct rprot **rd)
{
	const struct tp_bulk_info *b = bulk_info(c->suite->bulk);
	struct rprot_keys ck, sk;
	uint8_t kb[2 * (48 + 32 + 16)];
	size_t mac, key, iv;
	int ret;

	mac = b->aead ? 0 : hash_len(c->suite->mac);
	key = b->key_len;
	if (b->aead)
		iv = b->fixed_iv_len;
	else
		iv = c->version == TLS1_0_VERSION ? b->block_len : 0;
	ret = tls12_key_block(prf_hash(c), c->master, c->client_random,
	    c->server_random, kb, 2 * (mac + key + iv));
	if (ret != 0)
		return tp_fail(c, ret, "cannot derive the key block");
	ck.mac_key = kb;
	sk.mac_key = kb + mac;
	ck.key = kb + 2 * mac;
	sk.key = kb + 2 * mac + key;
	ck.iv = kb + 2 * (mac + key);
	sk.iv = kb + 2 * (mac + key) + iv;
	ck.mac_key_len = sk.mac_key_len = mac;
	ck.iv_len = sk.iv_len = iv;
	ret = rprot_new(c->suite, c->version, &ck, 1, wr);
	if (ret == 0)
		ret = rprot_new(c->suite, c->version, &sk, 0, rd);
	tp_wipe(kb, sizeof(kb));
	if (ret != 0)
		return tp_fail(c, ret, "cannot set up %s record protection",
		    b->name);
	return 0;
}

static int
client_key_exchange(struct conn *c, const uint8_t *peer, size_t peerlen)
{
	uint8_t pms[1024], enc[1024];
	size_t pmslen = sizeof(pms), enclen = sizeof(enc), publen;
	const uint8_t *pub;
	struct cbb b;
	int ret;

	cbb_init(&b, 4096);
	cbb_add_u8(&b, HS_CLIENT_KEY_EXCHANGE);
	cbb_open(&b, 3);
	switch (c->suite->kex) {
	case KEX_RSA:
		/*
		 * RFC 5246, 7.4.7.1: the version we offered, not the one
		 * negotiated, then 46 random bytes.
		 */
		pms[0] = (c->cfg->max_version > TLS1_2_VERSION ?
		    TLS1_2_VERSION : c->cfg->max_version) >> 8;
		pms[1] = (c->cfg->max_version > TLS1_2_VERSION ?
		    TLS1_2_VERSION : c->cfg->max_version) & 0xff;
		if ((ret = tp_random(pms + 2, 46)) != 0)
			goto out;
		pmslen = 48;
		if ((ret = kex_rsa_encrypt(c->peer_key, pms, pmslen, enc,
		    &enclen)) != 0) {
			tp_fail(c, ret, "cannot encrypt the premaster secret "
			    "to the server's %s key", c->peer_key_desc);
			goto out;
		}
		cbb_open(&b, 2);
		cbb_add_bytes(&b, enc, enclen);
		cbb_close(&b);
		break;
	case KEX_ECDHE:
	case KEX_DHE:
		if (c->nshares != 1) {
			ret = tp_fail(c, TP_E_UNEXPECTED, "no ServerKeyExchange "
			    "for an ephemeral key exchange");
			goto out;
		}
		ret = kex_share_derive(c->shares[0], peer, peerlen, 0, pms,
		    &pmslen);
		if (ret != 0) {
			tp_fail(c, ret, "ServerKeyExchange: the server's public "
			    "key (%zu bytes) is invalid", peerlen);
			goto out;
		}
		c->kex_bits = kex_share_bits(c->shares[0]);
		hs_seclevel_group(c);
		pub = kex_share_public(c->shares[0], &publen);
		cbb_open(&b, c->suite->kex == KEX_ECDHE ? 1 : 2);
		cbb_add_bytes(&b, pub, publen);
		cbb_close(&b);
		break;
	default:
		ret = tp_fail(c, TP_E_INTERNAL, "key exchange");
		goto out;
	}
	cbb_close(&b);
	if (!cbb_ok(&b)) {
		ret = tp_fail(c, TP_E_INTERNAL, "cannot build "
		    "ClientKeyExchange");
		goto out;
	}
	if ((ret = hs_write(c, b.buf, b.len)) != 0)
		goto out;
	/* RFC 7627, 4: session_hash covers up to ClientKeyExchange */
	{
		uint8_t sh[TP_MAX_HASH];
		enum tp_hash h = prf_hash(c);

		if ((ret = transcript_hash(&c->ts, h, sh)) != 0)
			goto out;
		ret = tls12_master_secret(h, pms, pmslen, c->ems,
		    c->client_random, c->server_random, sh, hash_len(h),
		    c->master);
		if (ret != 0) {
			tp_fail(c, ret, "cannot derive the master secret");
			goto out;
		}
	}
	hs_keylog(c, "CLIENT_RANDOM", c->master, 48);
 out:
	tp_wipe(pms, sizeof(pms));
	cbb_cleanup(&b);
	return ret;
}

static int
finished(struct conn *c, const char *label, uint8_t out[12])
{
	uint8_t th[TP_MAX_HASH];
	int ret;

	if ((ret = transcript_hash(&c->ts, prf_hash(c), th)) != 0)
		return ret;
	return tls12_finished(prf_hash(c), c->master, label, th,
	    hash_len(prf_hash(c)), out);
}

int
hs12_run(struct conn *c, struct server_hello *sh)
{
	struct rprot *wr = NULL, *rd = NULL;
	struct hsmsg m;
	struct cbs pub;
	uint8_t peer[1024], vd[12], msg[16];
	size_t peerlen = 0;
	uint8_t rctx[256];
	size_t rctxlen;
	int ret;

	/* RFC 5746, 3.4: an initial handshake carries empty reneg data */
	if (sh->reneg) {
		if (cbs_len(&sh->reneg_data) != 0)
			return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: "
			    "renegotiation_info is not empty on an initial "
			    "handshake (RFC 5746, 3.4)");
		c->secure_reneg = 1;
	} else if (c->cfg->no_legacy_server) {
		/* RFC 5746, 4.2: a client MAY refuse such servers */
		c->fail_class = "insecure-renegotiation";
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: no "
		    "renegotiation_info, so the server does not support secure "
		    "renegotiation (RFC 5746), and -no_legacy_server_connect "
		    "was given");
	} else
		trace_info(c, "server does not support secure renegotiation "
		    "(no renegotiation_info, RFC 5746)");
	c->ems = sh->ems;
	if (sh->has_alpn)
		memcpy(c->alpn, cbs_data(&sh->alpn), cbs_len(&sh->alpn) <
		    sizeof(c->alpn) ? cbs_len(&sh->alpn) : sizeof(c->alpn) - 1);

	hs_enter(c, ST_READ_CERT);
	if ((ret = hs_expect(c, &m, HS_CERTIFICATE)) != 0)
		return ret;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
	    (ret = msg_parse_certificate(c, &m.body)) != 0)
		return ret;
	/* the server's chain is judged as it arrives, before any key use */
	if ((ret = msg_verify_server(c)) != 0)
		return ret;

	if (c->suite->kex != KEX_RSA)
		hs_enter(c, ST_READ_SKE);
	if ((ret = hs_read(c, &m)) != 0)
		return ret;
	/*
	 * RFC 6066, 8: a server that echoed status_request may send
	 * CertificateStatus right after Certificate (it may also not).
	 */
	if (m.type == HS_CERTIFICATE_STATUS && sh->status_request) {
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
		    (ret = msg_parse_certificate_status(c, &m.body)) != 0)
			return ret;
		if ((ret = hs_read(c, &m)) != 0)
			return ret;
	} else if (c->cfg->status)
		msg_no_ocsp(c);

	if (c->suite->kex != KEX_RSA) {
		if ((ret = hs_want(c, &m, HS_SERVER_KEY_EXCHANGE)) != 0)
			return ret;
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
		    (ret = msg_parse_server_key_exchange(c, &m.body,
		    &pub)) != 0)
			return ret;
		/* the message buffer moves on the next read: keep a copy */
		peerlen = cbs_len(&pub);
		if (peerlen > sizeof(peer))
			return tp_fail(c, TP_E_ILLEGAL, "ServerKeyExchange: "
			    "public value of %zu bytes", peerlen);
		cbs_copy(&pub, peer, peerlen);
		if ((ret = hs_read(c, &m)) != 0)
			return ret;
	}

	if ((ret = hs_certificate_request(c, &m, rctx, &rctxlen)) != 0)
		return ret;
	hs_enter(c, ST_READ_SHD);
	if ((ret = hs_want(c, &m, HS_SERVER_HELLO_DONE)) != 0)
		return ret;
	if (cbs_len(&m.body) != 0)
		return tp_fail(c, TP_E_DECODE, "ServerHelloDone: body of %zu "
		    "bytes, expected none", cbs_len(&m.body));
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;

	/* the client's flight, in one write */
	if (c->cert_requested &&
	    (ret = hs_send_client_certificate(c, NULL, 0)) != 0)
		return ret;
	if ((ret = client_key_exchange(c, peer, peerlen)) != 0)
		return ret;
	/* RFC 5246, 7.4.8: signs everything up to ClientKeyExchange */
	if ((ret = hs_send_client_certificate_verify(c)) != 0)
		return ret;
	if ((ret = make_keys(c, &wr, &rd)) != 0)
		goto out;
	if ((ret = hs_write_ccs(c)) != 0)
		goto out;
	rec_set_write(c, wr, 0);
	wr = NULL;
	if ((ret = finished(c, "client finished", vd)) != 0)
		goto out;
	msg[0] = HS_FINISHED;
	msg[1] = msg[2] = 0;
	msg[3] = 12;
	memcpy(msg + 4, vd, 12);
	if ((ret = hs_write(c, msg, 16)) != 0)
		goto out;
	hs_enter(c, ST_WROTE_CLIENT_FLIGHT);
	if ((ret = rec_flush(c)) != 0)
		goto out;

	/* RFC 5077, 3.3: an acknowledged ticket comes before the CCS */
	hs_enter(c, ST_READ_CCS);
	if ((ret = hs_read(c, &m)) != 0)
		goto out;
	if (m.type == HS_NEW_SESSION_TICKET && sh->ticket) {
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
			goto out;
		if ((ret = hs_read(c, &m)) != 0)
			goto out;
	}
	if ((ret = hs_want(c, &m, HSMSG_CCS)) != 0)
		goto out;
	rec_set_read(c, rd, 0);
	rd = NULL;
	hs_enter(c, ST_READ_FIN);
	if ((ret = finished(c, "server finished", vd)) != 0)
		goto out;
	if ((ret = hs_expect(c, &m, HS_FINISHED)) != 0)
		goto out;
	if (cbs_len(&m.body) != 12) {
		ret = tp_fail(c, TP_E_DECODE, "Finished: verify_data of %zu "
		    "bytes, expected 12", cbs_len(&m.body));
		goto out;
	}
	if (tp_memeq_ct(cbs_data(&m.body), vd, 12) != 0) {
		ret = tp_fail(c, TP_E_DECRYPT, "Finished: the server's "
		    "verify_data does not match the handshake (RFC 5246, "
		    "7.4.9)");
		goto out;
	}
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		goto out;
	hs_enter(c, ST_DONE);
 out:
	rprot_free(wr);
	rprot_free(rd);
	tp_wipe(vd, sizeof(vd));
	return ret;
}
