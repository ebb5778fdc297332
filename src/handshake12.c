/*
 * handshake12.c -- the TLS 1.0, 1.1 and 1.2 client state machine, from
 * ServerHello to the server's Finished (RFC 5246, 7.3; RFC 2246; RFC 4346),
 * and SSL 3.0's (RFC 6101), which differs in its key derivation, Finished,
 * CertificateVerify and the no-certificate answer (ssl3.c).
 */
#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "hs_cert.h"
#include "hsbuf.h"
#include "kex.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "record.h"
#include "sig.h"
#include "ssl3.h"
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

	if (!rprot_supported(c->suite))
		return tp_fail(c, TP_E_HANDSHAKE, "the server chose %s, but "
		    "this libcrypto cannot compute %s", c->suite->ossl,
		    b->name);
	mac = b->aead ? 0 : hash_len(c->suite->mac);
	key = b->key_len;
	if (b->aead)
		iv = b->fixed_iv_len;
	else
		iv = c->version <= TLS1_0_VERSION ? b->block_len : 0;
	if (c->version == SSL3_VERSION)
		ret = ssl3_key_block(c->master, c->client_random,
		    c->server_random, kb, 2 * (mac + key + iv));
	else
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
	/* RFC 7366, 3: both directions switch to encrypt-then-MAC */
	if (ret == 0 && c->etm)
		ret = rprot_set_etm(*wr);
	if (ret == 0 && c->etm)
		ret = rprot_set_etm(*rd);
	tp_wipe(kb, sizeof(kb));
	if (ret != 0)
		return tp_fail(c, ret, "cannot set up %s record protection",
		    b->name);
	return 0;
}

static int
client_key_exchange(struct conn *c, const uint8_t *peer, size_t peerlen)
{
	uint8_t pms[1024 + 4 + 256], enc[1024];
	size_t pmslen = sizeof(pms), enclen = sizeof(enc), publen;
	struct client_key_exchange cke;
	struct cbb b;
	int ret;

	cbb_init(&b, 4096);
	memset(&cke, 0, sizeof(cke));
	if (kex_is_psk(c->suite->kex)) {
		/* RFC 4279, 2: psk_identity first */
		if (c->cfg->psk_len == 0) {
			ret = tp_fail(c, TP_E_HANDSHAKE, "the server chose %s, "
			    "a pre-shared key suite, and no -psk was given",
			    c->suite->ossl);
			goto out;
		}
		cke.identity = c->cfg->psk_identity != NULL ?
		    c->cfg->psk_identity : "Client_identity";
	}
	switch (c->suite->kex) {
	case KEX_PSK:
		pmslen = 0;
		break;
	case KEX_RSA:
	case KEX_RSA_PSK:
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
		cke.exchange = enc;
		cke.exchange_len = enclen;
		/* RFC 6101, 5.6.7.1: SSL 3.0 sends it without a length */
		cke.width = c->version == SSL3_VERSION &&
		    c->suite->kex == KEX_RSA ? 0 : 2;
		break;
	case KEX_ECDHE:
	case KEX_DHE:
	case KEX_ECDH_ANON:
	case KEX_DH_ANON:
	case KEX_ECDHE_PSK:
	case KEX_DHE_PSK:
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
		cke.exchange = kex_share_public(c->shares[0], &publen);
		cke.exchange_len = publen;
		cke.width = kex_is_ecdh(c->suite->kex) ? 1 : 2;
		break;
	default:
		ret = tp_fail(c, TP_E_INTERNAL, "key exchange");
		goto out;
	}
	/* RFC 4279, 2 and 4; RFC 5489, 2: other_secret<2> || psk<2> */
	if (kex_is_psk(c->suite->kex)) {
		size_t other = pmslen;

		pmslen = sizeof(pms);
		ret = kex_psk_premaster(c->suite->kex == KEX_PSK ? NULL : pms,
		    other, c->cfg->psk, c->cfg->psk_len, pms, &pmslen);
		if (ret != 0) {
			tp_fail(c, ret, "cannot build the PSK premaster secret");
			goto out;
		}
	}
	if (msg_client_key_exchange(&b, &cke) != 0) {
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
		if (c->version == SSL3_VERSION)
			ret = ssl3_master_secret(pms, pmslen, c->client_random,
			    c->server_random, c->master);
		else
			ret = tls12_master_secret(h, pms, pmslen, c->ems,
			    c->client_random, c->server_random, sh,
			    hash_len(h), c->master);
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

/* verify_data: 12 bytes, or SSL 3.0's 36 (RFC 6101, 5.6.9) */
static size_t
finished_len(const struct conn *c)
{
	return c->version == SSL3_VERSION ? SSL3_HASHES_LEN : 12;
}

static int
finished(struct conn *c, const char *label, uint8_t out[SSL3_HASHES_LEN])
{
	uint8_t th[TP_MAX_HASH];
	int ret;

	if (c->version == SSL3_VERSION)
		return ssl3_handshake_hashes(&c->ts, (const uint8_t *)(
		    label[0] == 'c' ? "CLNT" : "SRVR"), c->master, out);
	if ((ret = transcript_hash(&c->ts, prf_hash(c), th)) != 0)
		return ret;
	return tls12_finished(prf_hash(c), c->master, label, th,
	    hash_len(prf_hash(c)), out);
}

/* NPN's NextProtocol, right before our Finished */
static int
next_protocol(struct conn *c)
{
	struct cbb b;
	int ret;

	cbb_init(&b, 64);
	if (msg_next_protocol(&b, c->npn) != 0)
		ret = tp_fail(c, TP_E_INTERNAL, "cannot build NextProtocol "
		    "for %s", c->npn);
	else
		ret = hs_write(c, b.buf, b.len);
	cbb_cleanup(&b);
	return ret;
}

/*
 * A TLS 1.2 NewSessionTicket (RFC 5077, 3.3), kept for the session; OpenSSL names such a session by SHA-256 of the
 * ticket, and so do we, so that s_client and tlsprobe agree on the ID.
 */
static int
new_session_ticket(struct conn *c, struct hsmsg *m, uint32_t *hint,
    struct tp_session *into)
{
	struct new_session_ticket nst;
	struct tp_reason why;
	struct cbs body = m->body;
	uint8_t d[TP_MAX_HASH];
	int ret;

	if ((ret = msg_parse_new_session_ticket(c, &body, &nst, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	*hint = nst.lifetime;
	c->tickets++;
	trace_info(c, "NewSessionTicket: lifetime hint %u s, ticket of %zu "
	    "bytes", *hint, cbs_len(&nst.ticket));
	/* RFC 5077, 3.3: an empty ticket means none was issued after all */
	if (cbs_len(&nst.ticket) == 0)
		return 0;
	if ((ret = sess_set_ticket(into, cbs_data(&nst.ticket),
	    cbs_len(&nst.ticket))) != 0)
		return tp_fail(c, ret, "NewSessionTicket: out of memory");
	into->lifetime_hint = *hint;
	if (*hint != 0)
		into->timeout = *hint;
	if ((ret = tp_digest(HASH_SHA256, into->ticket, into->ticket_len,
	    d)) != 0)
		return tp_fail(c, ret, "cannot hash the ticket");
	memcpy(into->sid, d, 32);
	into->sid_len = 32;
	return 0;
}

static void
keep_session(struct conn *c, struct tp_session *s)
{
	s->version = c->version;
	s->suite = c->suite->code;
	memcpy(s->secret, c->master, 48);
	s->secret_len = 48;
	s->ems = c->ems;
	s->etm = c->etm;
	s->verify_code = c->verify_code;
	strlcpy(s->alpn, c->alpn, sizeof(s->alpn));
	strlcpy(s->host, c->cfg->sni ? c->cfg->servername : "",
	    sizeof(s->host));
	/* SSL_SESSION keeps the PSK identity and hint (as s_client prints) */
	if (kex_is_psk(c->suite->kex)) {
		strlcpy(s->psk_identity, c->cfg->psk_identity != NULL ?
		    c->cfg->psk_identity : "Client_identity",
		    sizeof(s->psk_identity));
		if (c->has_psk_hint)
			strlcpy(s->psk_hint, c->psk_hint, sizeof(s->psk_hint));
	}
}

static int
check_verify_data(struct conn *c, struct hsmsg *m,
    const uint8_t vd[SSL3_HASHES_LEN])
{
	struct cbs body = m->body, theirs;
	struct tp_reason why;
	int ret;

	/* kept for a renegotiation (RFC 5746, 3.1; TLS only) */
	memcpy(c->server_vd, vd, 12);
	if ((ret = msg_parse_finished(c, &body, finished_len(c), &theirs,
	    &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	if (tp_memeq_ct(cbs_data(&theirs), vd, finished_len(c)) != 0)
		return tp_fail(c, TP_E_DECRYPT, "Finished: the server's "
		    "verify_data does not match the handshake (RFC 5246, "
		    "7.4.9)%s", c->resumed ? "; on an abbreviated handshake "
		    "it proves the same master secret, so the server resumed "
		    "a session it does not hold (RFC 5246, 7.3)" : "");
	return 0;
}

static int
write_finished(struct conn *c)
{
	uint8_t vd[SSL3_HASHES_LEN];
	struct cbb b;
	int ret;

	if ((ret = finished(c, "client finished", vd)) != 0)
		return ret;
	memcpy(c->client_vd, vd, 12);
	cbb_init(&b, 64);
	if (msg_finished(&b, vd, finished_len(c)) != 0)
		ret = tp_fail(c, TP_E_INTERNAL, "cannot build Finished");
	else
		ret = hs_write(c, b.buf, b.len);
	tp_wipe(vd, sizeof(vd));
	cbb_cleanup(&b);
	return ret;
}

/*
 * RFC 5246, 7.3 (and RFC 5077, 3.1): the abbreviated handshake.  The
 * server echoed our session ID: [NewSessionTicket], its CCS and Finished
 * come first, then ours; the master secret is the session's.
 */
/*
 * The end of our flight, full or abbreviated handshake alike: CCS, the
 * new write keys (*wr is ours from then on), NPN's NextProtocol
 * (protected, before Finished and hashed in), Finished, and one write.
 */
static int
client_finish(struct conn *c, struct rprot **wr)
{
	int ret;

	if ((ret = hs_write_ccs(c)) != 0)
		return ret;
	rec_set_write(c, *wr, 0);
	*wr = NULL;
	if (c->npn_status != 0 && (ret = next_protocol(c)) != 0)
		return ret;
	if ((ret = write_finished(c)) != 0)
		return ret;
	hs_enter(c, ST_WROTE_CLIENT_FLIGHT);
	return rec_flush(c);
}

static int
hs12_resume(struct conn *c, struct server_hello *sh)
{
	const struct tp_session *r = c->resume;
	struct rprot *wr = NULL, *rd = NULL;
	struct hsmsg m;
	uint8_t vd[SSL3_HASHES_LEN];
	uint32_t hint;
	char a[16], b[16];
	int ret;

	c->resumed = 1;
	trace_info(c, "server echoed the session ID: abbreviated handshake");
	if (c->version != r->version)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: resumes the "
		    "session with %s, but it was made with %s (RFC 5246, "
		    "7.4.1.2: a resumed session keeps its state)",
		    version_str(c->version, a, sizeof(a)),
		    version_str(r->version, b, sizeof(b)));
	if (c->suite->code != r->suite)
		return tp_fail(c, TP_E_ILLEGAL, "ServerHello: echoes the "
		    "session ID with cipher suite %s, but the session used %s "
		    "(RFC 5246, 7.4.1.2: a resumed session keeps its cipher "
		    "suite)", c->suite->ossl, suite_by_code(r->suite) ?
		    suite_by_code(r->suite)->ossl : "another");
	/* RFC 7627, 5.3: extended master secret must match the session */
	if (r->ems && !sh->ems)
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: resumes an "
		    "extended-master-secret session without "
		    "extended_master_secret (RFC 7627, 5.3)");
	if (!r->ems && sh->ems)
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: resumes a "
		    "session made without extended master secret but sends "
		    "extended_master_secret (RFC 7627, 5.3)");
	/*
	 * A resumed session keeps its encrypt-then-MAC state, both ways
	 * (-1: from a -sess_in file, which has no field for it).  RFC 7366
	 * has no rule for resumption; 3.1 asks to "retain the current
	 * session state across all rehandshakes for that session", and a
	 * session keeps its other parameters (7.4.1.2 above; RFC 7627, 5.3
	 * for EMS, fatal both ways).  GnuTLS's client keeps the session's
	 * state whatever the ServerHello says; s_client 3.0.19 follows the
	 * ServerHello (tests/hostile etm-resume-*); a refusal names the
	 * server's fault instead of ending in bad_record_mac or going on.
	 */
	if (r->etm >= 0 && r->etm != c->etm && rprot_is_cbc(c->suite))
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: resumes a "
		    "session made %s encrypt-then-MAC %s it (RFC 7366, 3.1)",
		    r->etm ? "with" : "without", r->etm ? "without" : "with");
	if ((c->sess = sess_dup(r)) == NULL)
		return TP_E_NOMEM;
	c->sess->etm = c->etm;
	memcpy(c->master, r->secret, 48);
	c->ems = r->ems;
	/* the verdict on the server's chain is the session's (s_client) */
	c->verified = 1;
	c->verify_code = r->verify_code;
	hs_keylog(c, "CLIENT_RANDOM", c->master, 48);
	if ((ret = make_keys(c, &wr, &rd)) != 0)
		goto out;

	hs_enter(c, ST_READ_CCS);
	if ((ret = hs_read(c, &m)) != 0)
		goto out;
	if (m.type == HS_NEW_SESSION_TICKET && sh->ticket) {
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
		    (ret = new_session_ticket(c, &m, &hint, c->sess)) != 0 ||
		    (ret = hs_read(c, &m)) != 0)
			goto out;
	}
	if ((ret = hs_want(c, &m, HSMSG_CCS)) != 0)
		goto out;
	rec_set_read(c, rd, 0);
	rd = NULL;
	hs_enter(c, ST_READ_FIN);
	if ((ret = finished(c, "server finished", vd)) != 0 ||
	    (ret = hs_expect(c, &m, HS_FINISHED)) != 0 ||
	    (ret = check_verify_data(c, &m, vd)) != 0 ||
	    (ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		goto out;
	if ((ret = client_finish(c, &wr)) != 0)
		goto out;
	hs_enter(c, ST_DONE);
 out:
	rprot_free(wr);
	rprot_free(rd);
	tp_wipe(vd, sizeof(vd));
	return ret;
}

/* Why the server did not take the session we offered, as the bytes say. */
static void
why_not_resumed(struct conn *c, const struct server_hello *sh)
{
	const struct tp_session *r = c->resume;
	char a[16];

	if (r == NULL)
		return;
	if (r->version >= TLS1_3_VERSION)
		snprintf(c->no_resume, sizeof(c->no_resume), "the server chose "
		    "%s; the session is TLS 1.3", version_str(c->version, a,
		    sizeof(a)));
	else if (r->ticket != NULL)
		snprintf(c->no_resume, sizeof(c->no_resume), "the server did "
		    "not accept the ticket%s", sh->session_id_len > 0 ?
		    " and sent a new session ID" : "");
	else if (sh->session_id_len > 0)
		snprintf(c->no_resume, sizeof(c->no_resume), "the server "
		    "sent a new session ID (the offered one is not in its "
		    "cache)");
	else
		snprintf(c->no_resume, sizeof(c->no_resume), "the server "
		    "sent an empty session ID (it does not resume)");
	trace_info(c, "session not resumed: %s", c->no_resume);
}

/*
 * RFC 7366, 3: encrypt-then-MAC when the server echoed encrypt_then_mac
 * and chose a CBC suite.  With an AEAD or stream suite the server "MUST
 * NOT" echo it; the echo is ignored (an INFO line says so) and the
 * records are the suite's own: OpenSSL 3.0's client (tls_parse_stoc_etm)
 * and GnuTLS's do the same, so s_client connects, and the suite's record
 * protection has no MAC order to get wrong, so nothing is weakened
 * (BouncyCastle's client fails with illegal_parameter instead).
 *
 * 3.1: a renegotiation may turn encrypt-then-MAC on (from the records
 * after its CCS) but "MUST NOT renegotiate a downgrade" to
 * MAC-then-encrypt, also not by way of an AEAD suite in between: once
 * used on this connection (etm_once), a CBC suite without it is refused.
 * s_client 3.0.19 goes on in both cases (tests/hostile etm-reneg-*).
 */
static int
etm_decide(struct conn *c, const struct server_hello *sh)
{
	int etm = sh->etm && rprot_is_cbc(c->suite) &&
	    c->version >= TLS1_0_VERSION;

	if (sh->etm && !etm)
		trace_info(c, "server echoed encrypt_then_mac with %s, not a "
		    "CBC suite: ignored (RFC 7366, 3)", c->suite->ossl);
	if (c->renegotiating && c->etm_once && !etm &&
	    rprot_is_cbc(c->suite))
		return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: the "
		    "renegotiation drops encrypt-then-MAC for %s (RFC 7366, "
		    "3.1)", c->suite->ossl);
	c->etm = etm;
	if (etm) {
		c->etm_once = 1;
		trace_info(c, "encrypt-then-MAC in use (RFC 7366)");
	}
	return 0;
}

int
hs12_run(struct conn *c, struct server_hello *sh)
{
	struct rprot *wr = NULL, *rd = NULL;
	struct hsmsg m;
	struct certificate cm;
	struct server_key_exchange ske;
	struct tp_reason why;
	struct cbs pub, ocsp;
	uint8_t peer[1024], vd[SSL3_HASHES_LEN];
	uint32_t hint;
	size_t peerlen = 0;
	uint8_t rctx[256];
	size_t rctxlen;
	int ret;

	/*
	 * RFC 5746, 3.5: a renegotiation's ServerHello carries both sides'
	 * last verify_data; a server that leaves it out is refused.
	 */
	if (c->renegotiating) {
		uint8_t both[24];

		memcpy(both, c->client_vd, 12);
		memcpy(both + 12, c->server_vd, 12);
		if (!sh->reneg)
			return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: no "
			    "renegotiation_info in a renegotiation (RFC 5746, "
			    "3.5)");
		if (cbs_len(&sh->reneg_data) != 24 ||
		    tp_memeq_ct(cbs_data(&sh->reneg_data), both, 24) != 0)
			return tp_fail(c, TP_E_HANDSHAKE, "ServerHello: "
			    "renegotiation_info does not hold the client's and "
			    "the server's last verify_data (RFC 5746, 3.5)");
		trace_info(c, "renegotiation_info carries both verify_data "
		    "(RFC 5746)");
	} else if (sh->reneg) {
		/* RFC 5746, 3.4: an initial handshake carries empty data */
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
	if (sh->has_alpn)
		memcpy(c->alpn, cbs_data(&sh->alpn), cbs_len(&sh->alpn) <
		    sizeof(c->alpn) ? cbs_len(&sh->alpn) : sizeof(c->alpn) - 1);
	if ((ret = etm_decide(c, sh)) != 0)
		return ret;
	/* RFC 5246, 7.4.1.2: the same session ID back means resumption */
	if (c->resume != NULL && c->session_id_len > 0 &&
	    sh->session_id_len == c->session_id_len &&
	    memcmp(sh->session_id, c->session_id, c->session_id_len) == 0)
		return hs12_resume(c, sh);
	why_not_resumed(c, sh);
	sess_free(c->sess);
	if ((c->sess = sess_new()) == NULL)
		return TP_E_NOMEM;
	memcpy(c->sess->sid, sh->session_id, sh->session_id_len);
	c->sess->sid_len = sh->session_id_len;
	c->ems = sh->ems;
	/* what OpenSSL's session holds from here, should the rest fail */
	c->sess->version = c->version;
	c->sess->ems = c->ems;

	/* anonymous and PSK suites: no Certificate (RFC 5246, 7.4.2) */
	if (kex_has_cert(c->suite->kex)) {
		hs_enter(c, ST_READ_CERT);
		if ((ret = hs_expect(c, &m, HS_CERTIFICATE)) != 0)
			return ret;
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
			return ret;
		if ((ret = msg_parse_certificate(c, &m.body, &cm,
		    &why)) != 0)
			return tp_fail_reason(c, ret, &why);
		if ((ret = hs_apply_certificate(c, &cm)) != 0)
			return ret;
		/* the chain is judged as it arrives, before any key use */
		if ((ret = hs_verify_server(c)) != 0)
			return ret;
	}

	if (c->suite->kex != KEX_RSA)
		hs_enter(c, ST_READ_SKE);
	if ((ret = hs_read(c, &m)) != 0)
		return ret;
	/*
	 * RFC 6066, 8: a server that echoed status_request may send
	 * CertificateStatus right after Certificate (it may also not).
	 */
	if (m.type == HS_CERTIFICATE_STATUS && sh->status_request) {
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
			return ret;
		if ((ret = msg_parse_certificate_status(c, &m.body, &ocsp,
		    &why)) != 0)
			return tp_fail_reason(c, ret, &why);
		if (c->ncerts == 0)
			return tp_fail(c, TP_E_UNEXPECTED, "CertificateStatus "
			    "without a Certificate");
		if ((ret = hs_take_ocsp(c, &ocsp)) != 0)
			return ret;
		if ((ret = hs_read(c, &m)) != 0)
			return ret;
	} else if (c->cfg->status)
		hs_no_ocsp(c);

	/* PSK and RSA_PSK: only to carry an identity hint (RFC 4279, 2) */
	if (c->suite->kex != KEX_RSA && (m.type == HS_SERVER_KEY_EXCHANGE ||
	    !kex_ske_optional(c->suite->kex))) {
		if ((ret = hs_want(c, &m, HS_SERVER_KEY_EXCHANGE)) != 0)
			return ret;
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
			return ret;
		if (kex_ske_signed(c->suite->kex) && c->peer_key == NULL)
			return tp_fail(c, TP_E_UNEXPECTED, "ServerKeyExchange "
			    "before Certificate");
		if ((ret = msg_parse_server_key_exchange(c, &m.body, &ske,
		    &why)) != 0)
			return tp_fail_reason(c, ret, &why);
		if ((ret = hs_apply_server_key_exchange(c, &ske)) != 0)
			return ret;
		pub = ske.pub;
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
	if ((ret = msg_parse_empty(c, &m.body, HS_SERVER_HELLO_DONE,
	    &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		return ret;

	/* the client's flight, in one write */
	if (c->cert_requested && c->version == SSL3_VERSION &&
	    c->cfg->client == NULL) {
		/* RFC 6101, 5.6.6: no empty Certificate, an alert instead */
		trace_info(c, "server requested a client certificate; "
		    "sending the SSL 3.0 no_certificate alert");
		if ((ret = rec_write_alert(c, 1, 41)) != 0)	/* no_certificate */
			return ret;
	} else if (c->cert_requested &&
	    (ret = hs_send_client_certificate(c, NULL, 0)) != 0)
		return ret;
	if ((ret = client_key_exchange(c, peer, peerlen)) != 0)
		return ret;
	/* RFC 5246, 7.4.8: signs everything up to ClientKeyExchange */
	if ((ret = hs_send_client_certificate_verify(c)) != 0)
		return ret;
	if ((ret = make_keys(c, &wr, &rd)) != 0)
		goto out;
	if ((ret = client_finish(c, &wr)) != 0)
		goto out;

	/* RFC 5077, 3.3: an acknowledged ticket comes before the CCS */
	hs_enter(c, ST_READ_CCS);
	if ((ret = hs_read(c, &m)) != 0)
		goto out;
	if (m.type == HS_NEW_SESSION_TICKET && sh->ticket) {
		if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0 ||
		    (ret = new_session_ticket(c, &m, &hint, c->sess)) != 0)
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
	if ((ret = hs_expect(c, &m, HS_FINISHED)) != 0 ||
	    (ret = check_verify_data(c, &m, vd)) != 0)
		goto out;
	if ((ret = transcript_add(&c->ts, m.raw, m.rawlen)) != 0)
		goto out;
	keep_session(c, c->sess);
	hs_enter(c, ST_DONE);
 out:
	rprot_free(wr);
	rprot_free(rd);
	tp_wipe(vd, sizeof(vd));
	return ret;
}
