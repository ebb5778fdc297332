/*
 * test_cipher.c -- record protection: round trips for every suite and
 * version, tampering, truncation, crafted bad CBC padding, and known answers
 * (RFC 8448 records; TLS 1.2 records built independently with raw EVP).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "cipher.h"
#include "gcm.h"
#include "names.h"
#include "tperr.h"
#include "unit.h"

#define BIG	(16384 + 2048 + 256)

static uint8_t ptbuf[BIG], ctbuf[BIG], outbuf[BIG];

struct keymat {
	uint8_t			key[32];
	uint8_t			iv[16];
	uint8_t			mac_key[48];
	struct rprot_keys	k;
};

/* Deterministic but distinct key material for a suite/version. */
static void
keymat_init(struct keymat *m, const struct tp_suite *s, uint16_t version,
    uint8_t seed)
{
	const struct tp_bulk_info *b = bulk_info(s->bulk);
	size_t i;

	for (i = 0; i < sizeof(m->key); i++)
		m->key[i] = (uint8_t)(seed + 3 * i + 1);
	for (i = 0; i < sizeof(m->iv); i++)
		m->iv[i] = (uint8_t)(seed ^ (0xa5 + 7 * i));
	for (i = 0; i < sizeof(m->mac_key); i++)
		m->mac_key[i] = (uint8_t)(seed + 0x40 + 5 * i);
	memset(&m->k, 0, sizeof(m->k));
	m->k.key = m->key;
	m->k.iv = m->iv;
	if (b->aead)
		m->k.iv_len = version == TLS1_3_VERSION ? 12 : b->fixed_iv_len;
	else
		m->k.iv_len = version <= TLS1_0_VERSION ? b->block_len : 0;
	if (!b->aead) {
		m->k.mac_key = m->mac_key;
		m->k.mac_key_len = hash_len(s->mac);
	}
}

static const char *
vtag(uint16_t v)
{
	switch (v) {
	case SSL3_VERSION:	return "ssl3";
	case TLS1_0_VERSION:	return "tls10";
	case TLS1_1_VERSION:	return "tls11";
	case TLS1_2_VERSION:	return "tls12";
	case TLS1_3_VERSION:	return "tls13";
	}
	return "tls??";
}

/* The header fields a record of this version carries. */
static void
hdr_fields(uint16_t v, uint8_t *type, uint16_t *hv)
{
	*type = CT_APPLICATION_DATA;
	*hv = v == TLS1_3_VERSION ? TLS1_2_VERSION : v;
}

static unsigned hook_counter;

static void
counting_random(uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(0x30 + hook_counter++);
}

/* Open with a fresh state, so TLS 1.0 chaining starts from keys->iv. */
static int
open_fresh(const struct tp_suite *s, uint16_t v, const struct keymat *m,
    uint64_t seq, uint8_t type, uint16_t hv, const uint8_t *in, size_t inlen,
    uint8_t *out, size_t outcap, size_t *outlen)
{
	struct rprot *rd;
	int ret;

	if ((ret = rprot_new(s, v, &m->k, 0, &rd)) != 0)
		return ret | 0x1000;
	ret = rprot_open(rd, seq, type, hv, in, inlen, out, outcap, outlen);
	rprot_free(rd);
	return ret;
}

/*
 * Every suite and version: lengths 0, 1, 15, 16, 17, 255, 16384 at
 * sequence numbers 0, 1 and 2^32 + 5, through one sealer and one opener
 * (so TLS 1.0 chaining runs across records).
 */
static void
test_roundtrip(const struct tp_suite *s, uint16_t v)
{
	static const size_t lens[] = { 0, 1, 15, 16, 17, 255, 16384 };
	static const uint64_t seqs[] = { 0, 1, (1ULL << 32) + 5 };
	struct rprot *wr = NULL, *rd = NULL;
	struct keymat m;
	char name[160];
	size_t i, j, clen, plen;
	uint16_t hv;
	uint8_t type;
	int ok = 1;

	keymat_init(&m, s, v, (uint8_t)s->code);
	hdr_fields(v, &type, &hv);
	if (rprot_new(s, v, &m.k, 1, &wr) != 0 ||
	    rprot_new(s, v, &m.k, 0, &rd) != 0)
		ok = 0;
	for (i = 0; ok && i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (j = 0; ok && j < sizeof(seqs) / sizeof(seqs[0]); j++) {
			size_t k;

			for (k = 0; k < lens[i]; k++)
				ptbuf[k] = (uint8_t)(k * 31 + i + j);
			if (rprot_seal(wr, seqs[j], type, hv, ptbuf, lens[i],
			    ctbuf, sizeof(ctbuf), &clen) != 0 ||
			    clen != lens[i] + rprot_overhead(wr, lens[i]) ||
			    clen <= lens[i]) {
				ok = 0;
				break;
			}
			memset(outbuf, 0xee, sizeof(outbuf));
			if (rprot_open(rd, seqs[j], type, hv, ctbuf, clen,
			    outbuf, sizeof(outbuf), &plen) != 0 ||
			    plen != lens[i] ||
			    memcmp(outbuf, ptbuf, plen) != 0)
				ok = 0;
		}
	}
	rprot_free(wr);
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: %s %s roundtrip", vtag(v),
	    s->ossl);
	CHECK(ok, name);
}

/*
 * Tampering: a bit flipped in every byte of the record (so in every
 * position class: explicit nonce or IV, body, tag or MAC, padding), the
 * wrong sequence number, type or version, every truncation and one byte
 * too many: each must give bad_record_mac.
 */
static void
test_tamper(const struct tp_suite *s, uint16_t v)
{
	const struct tp_bulk_info *b = bulk_info(s->bulk);
	struct rprot *wr = NULL;
	struct keymat m;
	uint8_t rec[512], *cut;
	char name[160];
	size_t i, clen, plen, ptlen = 100;
	uint64_t seq = 7;
	uint16_t hv;
	uint8_t type;
	int ok = 1, ok_aad = 1, ok_cut = 1, ret;

	keymat_init(&m, s, v, (uint8_t)(s->code >> 3));
	hdr_fields(v, &type, &hv);
	for (i = 0; i < ptlen; i++)
		ptbuf[i] = (uint8_t)i;
	if (rprot_new(s, v, &m.k, 1, &wr) != 0 ||
	    rprot_seal(wr, seq, type, hv, ptbuf, ptlen, rec, sizeof(rec),
	    &clen) != 0)
		ok = ok_aad = ok_cut = 0;
	rprot_free(wr);
	/* sanity: the untouched record opens */
	if (ok && (open_fresh(s, v, &m, seq, type, hv, rec, clen, outbuf,
	    sizeof(outbuf), &plen) != 0 || plen != ptlen))
		ok = ok_aad = ok_cut = 0;

	for (i = 0; ok && i < clen; i++) {
		rec[i] ^= (uint8_t)(1 << (i % 8));
		if (open_fresh(s, v, &m, seq, type, hv, rec, clen, outbuf,
		    sizeof(outbuf), &plen) != TP_E_ALERT(ALERT_BAD_RECORD_MAC))
			ok = 0;
		rec[i] ^= (uint8_t)(1 << (i % 8));
	}
	/* the last byte holds padding (CBC) or tag (AEAD): flip it whole */
	if (ok) {
		rec[clen - 1] ^= 0xff;
		if (open_fresh(s, v, &m, seq, type, hv, rec, clen, outbuf,
		    sizeof(outbuf), &plen) != TP_E_ALERT(ALERT_BAD_RECORD_MAC))
			ok = 0;
		rec[clen - 1] ^= 0xff;
	}
	snprintf(name, sizeof(name), "cipher: %s %s tamper bit flips",
	    vtag(v), s->ossl);
	CHECK(ok, name);

	if (ok_aad) {
		if (open_fresh(s, v, &m, seq + 1, type, hv, rec, clen, outbuf,
		    sizeof(outbuf), &plen) != TP_E_BAD_MAC ||
		    open_fresh(s, v, &m, seq ^ (1ULL << 40), type, hv, rec,
		    clen, outbuf, sizeof(outbuf), &plen) != TP_E_BAD_MAC ||
		    open_fresh(s, v, &m, seq, CT_HANDSHAKE, hv, rec, clen,
		    outbuf, sizeof(outbuf), &plen) != TP_E_BAD_MAC ||
		    /* SSL 3.0's MAC does not cover the version */
		    (v != SSL3_VERSION && open_fresh(s, v, &m, seq, type,
		    hv ^ 0x0001, rec, clen, outbuf, sizeof(outbuf), &plen) !=
		    TP_E_BAD_MAC))
			ok_aad = 0;
	}
	snprintf(name, sizeof(name), "cipher: %s %s wrong seq/type/version",
	    vtag(v), s->ossl);
	CHECK(ok_aad, name);

	/* exact-size copies so that ASan sees any over-read */
	for (i = 0; ok_cut && i <= clen + 1; i++) {
		if (i == clen)
			continue;
		if ((cut = malloc(i > 0 ? i : 1)) == NULL) {
			ok_cut = 0;
			break;
		}
		memcpy(cut, rec, i < clen ? i : clen);
		if (i > clen)
			cut[clen] = 0;
		ret = open_fresh(s, v, &m, seq, type, hv, cut, i, outbuf,
		    sizeof(outbuf), &plen);
		free(cut);
		if (ret != TP_E_ALERT(ALERT_BAD_RECORD_MAC))
			ok_cut = 0;
	}
	/* and the tail of the record alone (IV/nonce removed) */
	if (ok_cut && b->block_len > 0 && clen > b->block_len &&
	    open_fresh(s, v, &m, seq, type, hv, rec + b->block_len,
	    clen - b->block_len, outbuf, sizeof(outbuf), &plen) !=
	    TP_E_BAD_MAC)
		ok_cut = 0;
	snprintf(name, sizeof(name), "cipher: %s %s truncated or extended",
	    vtag(v), s->ossl);
	CHECK(ok_cut, name);
}

/* Buffer limits: one byte short on either side is an internal error. */
static void
test_limits(const struct tp_suite *s, uint16_t v)
{
	struct rprot *wr = NULL;
	struct keymat m;
	char name[160];
	size_t clen = 0, plen, need, ptlen = 33;
	uint16_t hv;
	uint8_t type;
	int ok = 1;

	keymat_init(&m, s, v, 9);
	hdr_fields(v, &type, &hv);
	memset(ptbuf, 0x5a, ptlen);
	if (rprot_new(s, v, &m.k, 1, &wr) != 0)
		ok = 0;
	need = ptlen + rprot_overhead(wr, ptlen);
	if (ok && rprot_seal(wr, 3, type, hv, ptbuf, ptlen, ctbuf, need - 1,
	    &clen) != TP_E_INTERNAL)
		ok = 0;
	if (ok && (rprot_seal(wr, 3, type, hv, ptbuf, ptlen, ctbuf, need,
	    &clen) != 0 || clen != need))
		ok = 0;
	/* an opener can not seal, a sealer can not open */
	if (ok && rprot_open(wr, 3, type, hv, ctbuf, clen, outbuf,
	    sizeof(outbuf), &plen) != TP_E_INTERNAL)
		ok = 0;
	rprot_free(wr);
	/* AEAD writes exactly the plaintext; CBC decrypts the whole body */
	if (ok) {
		const struct tp_bulk_info *b = bulk_info(s->bulk);
		size_t want = b->aead ? ptlen :
		    clen - (v >= TLS1_1_VERSION ? b->block_len : 0);

		if (open_fresh(s, v, &m, 3, type, hv, ctbuf, clen, outbuf,
		    want - 1, &plen) != TP_E_INTERNAL ||
		    open_fresh(s, v, &m, 3, type, hv, ctbuf, clen, outbuf,
		    want, &plen) != 0 || plen != ptlen)
			ok = 0;
	}
	snprintf(name, sizeof(name), "cipher: %s %s buffer limits", vtag(v),
	    s->ossl);
	CHECK(ok, name);
}

/* ---- raw EVP helpers: the independent side of the known answers ---- */

static int
raw_aead_seal(const char *evp, int ccm, size_t taglen, const uint8_t *key,
    const uint8_t *nonce, const uint8_t *aad, size_t aadlen,
    const uint8_t *pt, size_t ptlen, uint8_t *ct, uint8_t *tag)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, evp, NULL);
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int n, ok = 0;

	if (c == NULL || x == NULL)
		goto out;
	if (!EVP_EncryptInit_ex(x, c, NULL, NULL, NULL))
		goto out;
	if (EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) <= 0)
		goto out;
	if (ccm && EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_TAG, (int)taglen,
	    NULL) <= 0)
		goto out;
	if (!EVP_EncryptInit_ex(x, NULL, NULL, key, nonce))
		goto out;
	if (ccm && !EVP_EncryptUpdate(x, NULL, &n, NULL, (int)ptlen))
		goto out;
	if (!EVP_EncryptUpdate(x, NULL, &n, aad, (int)aadlen))
		goto out;
	if (!EVP_EncryptUpdate(x, ct, &n, pt, (int)ptlen))
		goto out;
	if (!EVP_EncryptFinal_ex(x, ct + n, &n))
		goto out;
	if (EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, (int)taglen,
	    tag) <= 0)
		goto out;
	ok = 1;
 out:
	EVP_CIPHER_CTX_free(x);
	EVP_CIPHER_free(c);
	return ok;
}

static int
raw_cbc(const char *evp, int enc, const uint8_t *key, const uint8_t *iv,
    const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, evp, NULL);
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int n, ok = 0;

	if (c == NULL || x == NULL)
		goto out;
	if (!EVP_CipherInit_ex(x, c, NULL, key, iv, enc))
		goto out;
	EVP_CIPHER_CTX_set_padding(x, 0);
	if (!EVP_CipherUpdate(x, out, &n, in, (int)len) || (size_t)n != len)
		goto out;
	ok = 1;
 out:
	EVP_CIPHER_CTX_free(x);
	EVP_CIPHER_free(c);
	return ok;
}

static int
raw_hmac(const char *md, const uint8_t *key, size_t keylen,
    const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
    uint8_t *out, size_t *outlen)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *x = NULL;
	OSSL_PARAM params[2];
	int ok = 0;

	if (mac == NULL || (x = EVP_MAC_CTX_new(mac)) == NULL)
		goto out;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)md, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(x, key, keylen, params) ||
	    !EVP_MAC_update(x, a, alen) || !EVP_MAC_update(x, b, blen) ||
	    !EVP_MAC_final(x, out, outlen, 64))
		goto out;
	ok = 1;
 out:
	EVP_MAC_CTX_free(x);
	EVP_MAC_free(mac);
	return ok;
}

/* ---- known answers: RFC 8448, section 3 ---- */

struct kat13 {
	const char	*name;
	const char	*key;
	const char	*iv;
	uint64_t	 seq;
	const char	*record;	/* header included */
	const char	*prefix;	/* expected start of the plaintext */
	const char	*suffix;	/* expected end, before the type */
	size_t		 inner_len;	/* content + inner type */
	uint8_t		 inner_type;
};

static const struct kat13 kat13[] = {
	{ "server EncryptedExtensions..Finished",
	  "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc",
	  "5d 31 3e b2 67 12 76 ee 13 00 0b 30", 0,
	  "17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23"
	  "3f 50 0f 45 e4 89 e7 f3 3a f3 5e df 78 69 fc f4 0a a4 0a a2 b8"
	  "ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96 0b 40 68 90 51 23 ea"
	  "78 b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f"
	  "c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b d9 ae fb 0e 57 f2 71 58 5b"
	  "8e a9 bb 35 5c 7c 79 02 07 16 cf b9 b1 18 3e f3 ab 20 e3 7d 57"
	  "a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf 51 42 73 25 25 0c 7d 0e 50"
	  "92 89 44 4c 9b 3a 64 8f 1d 71 03 5d 2e d6 5b 0e 3c dd 0c ba e8"
	  "bf 2d 0b 22 78 12 cb b3 60 98 72 55 cc 74 41 10 c4 53 ba a4 fc"
	  "d6 10 92 8d 80 98 10 e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79"
	  "7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94 5b a2 46 ab 66 e5 ed"
	  "d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac 66 27 2f d8 fb 33 0e f8 19"
	  "05 79 b3 68 45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50 f5 63 aa"
	  "d2 74 09 96 0d ca 63 d3 e6 88 61 1e a5 e2 2f 44 15 cf 95 38 d5"
	  "1a 20 0c 27 03 42 72 96 8a 26 4e d6 54 0c 84 83 8d 89 f7 2c 24"
	  "46 1a ad 6d 26 f5 9e ca ba 9a cb bb 31 7b 66 d9 02 f4 f2 92 a3"
	  "6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31 7b 49 ee da 0c"
	  "62 58 f1 00 d7 d9 61 ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31"
	  "c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af 36 87 90 18 e3 f2 52 10 7f"
	  "24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da 8c 87 c8 43"
	  "f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca"
	  "71 e4 59 94 26 f7 d4 61 e6 6f 99 88 2b d8 9f c5 08 00 be cc a6"
	  "2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d f8 81 ed be 5a 37 66"
	  "89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6"
	  "fa 4f 9d 62 d5 13 af bb 99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f"
	  "a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11 c6 6a 1e 2a c4 c8 59 77 b7"
	  "c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14 63 6c 0b 9b 68 c1 9e"
	  "d2 e3 1c 0b 3b 66 76 30 38 eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2"
	  "3f aa 63 97 8c 31 7f c9 fa 66 a7 3f 60 f0 50 4d e9 3b 5b 84 5e"
	  "27 55 92 c1 23 35 ee 34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e"
	  "f0 4d da 49 f4 b4 40 a3 0c b5 d2 af 93 98 28 fd 4a e3 79 4e 44"
	  "f9 4d f5 a6 31 ed e4 2c 17 19 bf da bf 02 53 fe 51 75 be 89 8e"
	  "75 0e dc 53 37 0d 2b",
	  /* EncryptedExtensions header and its extensions length */
	  "08 00 00 24 00 22",
	  /* ... and the server Finished at the end of the flight */
	  "14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a"
	  "b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07 18",
	  658, CT_HANDSHAKE },
	{ "client Finished",
	  "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01",
	  "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f", 0,
	  "17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56"
	  "cc 77 b0 51 7f e9 b9 3c 7a 4b fc 44 d8 7f 38 f8 03 38 ac 98 fc"
	  "46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46",
	  /* RFC 8448: client Finished verify_data */
	  "14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e"
	  "c1 76 94 fa c6 e9 85 27 b6 42 f2 ed d5 ce 61", "",
	  37, CT_HANDSHAKE },
	{ "client application_data",
	  "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51",
	  "5b 78 92 3d ee 08 57 90 33 e5 23 d9", 0,
	  "17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb"
	  "ef ac ea 42 f9 14 aa 66 bc ab 3f 2b 98 19 a8 a5 b4 6b 39 5b d5"
	  "4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd 1e 3d ea"
	  "e6 3a ee bb 21 69 49 15 e4",
	  "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14"
	  "15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29"
	  "2a 2b 2c 2d 2e 2f 30 31", "",
	  51, CT_APPLICATION_DATA },
	/* the server's first application-key record was NewSessionTicket */
	{ "server application_data (seq 1)",
	  "9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56",
	  "cf 78 2b 88 dd 83 54 9a ad f1 e9 84", 1,
	  "17 03 03 00 43 2e 93 7e 11 ef 4a c7 40 e5 38 ad 36 00 5f c4 a4"
	  "69 32 fc 32 25 d0 5f 82 aa 1b 36 e3 0e fa f9 7d 90 e6 df fc 60"
	  "2d cb 50 1a 59 a8 fc c4 9c 4b f2 e5 f0 a2 1c 00 47 c2 ab f3 32"
	  "54 0d d0 32 e1 67 c2 95 5d",
	  "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14"
	  "15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29"
	  "2a 2b 2c 2d 2e 2f 30 31", "",
	  51, CT_APPLICATION_DATA },
};

static void
test_rfc8448(void)
{
	const struct tp_suite *s = suite_by_code(0x1301);
	uint8_t key[16], iv[12], rec[1024], pre[64], suf[64], sealed[1024];
	struct rprot_keys k;
	struct rprot *rd, *wr;
	char name[160];
	size_t i, rlen, plen, prelen, suflen, slen;
	int ok, ret;

	for (i = 0; i < sizeof(kat13) / sizeof(kat13[0]); i++) {
		const struct kat13 *t = &kat13[i];

		ok = s != NULL;
		memset(&k, 0, sizeof(k));
		k.key = key;
		k.iv = iv;
		k.iv_len = unit_hex(t->iv, iv, sizeof(iv));
		ok &= unit_hex(t->key, key, sizeof(key)) == 16;
		rlen = unit_hex(t->record, rec, sizeof(rec));
		prelen = unit_hex(t->prefix, pre, sizeof(pre));
		suflen = unit_hex(t->suffix, suf, sizeof(suf));
		ok &= rlen > 5 && rlen <= sizeof(rec) &&
		    rlen - 5 == (size_t)(rec[3] << 8 | rec[4]);
		if (ok && rprot_new(s, TLS1_3_VERSION, &k, 0, &rd) == 0) {
			ret = rprot_open(rd, t->seq, rec[0],
			    (uint16_t)(rec[1] << 8 | rec[2]), rec + 5,
			    rlen - 5, outbuf, sizeof(outbuf), &plen);
			ok &= ret == 0 && plen == t->inner_len &&
			    memcmp(outbuf, pre, prelen) == 0 &&
			    memcmp(outbuf + plen - 1 - suflen, suf,
			    suflen) == 0 &&
			    outbuf[plen - 1] == t->inner_type;
			rprot_free(rd);
		} else
			ok = 0;
		snprintf(name, sizeof(name), "cipher: tls13 RFC 8448 open %s",
		    t->name);
		CHECK(ok, name);

		/* sealing the inner plaintext gives back the RFC's bytes */
		if (ok && rprot_new(s, TLS1_3_VERSION, &k, 1, &wr) == 0) {
			ret = rprot_seal(wr, t->seq, CT_APPLICATION_DATA,
			    TLS1_2_VERSION, outbuf, plen, sealed,
			    sizeof(sealed), &slen);
			ok = ret == 0 && slen == rlen - 5 &&
			    memcmp(sealed, rec + 5, slen) == 0;
			rprot_free(wr);
		} else
			ok = 0;
		snprintf(name, sizeof(name), "cipher: tls13 RFC 8448 seal %s",
		    t->name);
		CHECK(ok, name);

		/* and the same record at a different sequence number fails */
		ok = 0;
		if (rprot_new(s, TLS1_3_VERSION, &k, 0, &rd) == 0) {
			ok = rprot_open(rd, t->seq + 1, rec[0],
			    (uint16_t)(rec[1] << 8 | rec[2]), rec + 5,
			    rlen - 5, outbuf, sizeof(outbuf), &plen) ==
			    TP_E_BAD_MAC;
			rprot_free(rd);
		}
		snprintf(name, sizeof(name), "cipher: tls13 RFC 8448 %s at "
		    "the wrong seq", t->name);
		CHECK(ok, name);
	}
}

/* ---- known answers: TLS 1.2 AEAD records built with raw EVP ---- */

static void
test_tls12_aead_kat(const struct tp_suite *s, const char *what)
{
	const struct tp_bulk_info *b;
	uint8_t key[32], salt[12], nonce[12], aad[13], pt[77], want[200];
	uint8_t got[200], tag[16];
	uint64_t seq = 0x0102030405060708ULL;
	struct rprot_keys k;
	struct rprot *wr = NULL, *rd = NULL;
	char name[160];
	size_t i, glen = 0, plen, wlen, ex;
	int ok = s != NULL, ccm;

	if (!ok)
		goto out;
	b = bulk_info(s->bulk);
	ccm = s->bulk == BULK_AES128_CCM || s->bulk == BULK_AES128_CCM8 ||
	    s->bulk == BULK_AES256_CCM || s->bulk == BULK_AES256_CCM8;
	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0x10 + i);
	for (i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)(0xc0 + i);
	for (i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 7);

	/*
	 * The nonce and AAD exactly as RFC 5288, 3 / RFC 6655, 3 /
	 * RFC 7905, 2 and RFC 5246, 6.2.3.3 spell them.
	 */
	if (b->explicit_nonce_len == 8) {
		memcpy(nonce, salt, 4);
		for (i = 0; i < 8; i++)
			nonce[4 + i] = (uint8_t)(seq >> (56 - 8 * i));
		ex = 8;
	} else {
		memcpy(nonce, salt, 12);
		for (i = 0; i < 8; i++)
			nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
		ex = 0;
	}
	for (i = 0; i < 8; i++)
		aad[i] = (uint8_t)(seq >> (56 - 8 * i));
	aad[8] = CT_APPLICATION_DATA;
	aad[9] = 0x03;
	aad[10] = 0x03;
	aad[11] = 0;
	aad[12] = sizeof(pt);
	memcpy(want, nonce + 4, ex);
	ok &= raw_aead_seal(b->evp, ccm, b->tag_len, key, nonce, aad,
	    sizeof(aad), pt, sizeof(pt), want + ex, tag);
	memcpy(want + ex + sizeof(pt), tag, b->tag_len);
	wlen = ex + sizeof(pt) + b->tag_len;

	memset(&k, 0, sizeof(k));
	k.key = key;
	k.iv = salt;
	k.iv_len = b->fixed_iv_len;
	ok &= rprot_new(s, TLS1_2_VERSION, &k, 1, &wr) == 0;
	ok &= rprot_new(s, TLS1_2_VERSION, &k, 0, &rd) == 0;
	if (!ok)
		goto out;
	ok &= rprot_seal(wr, seq, CT_APPLICATION_DATA, TLS1_2_VERSION, pt,
	    sizeof(pt), got, sizeof(got), &glen) == 0;
	ok &= glen == wlen && memcmp(got, want, wlen) == 0;
	ok &= rprot_open(rd, seq, CT_APPLICATION_DATA, TLS1_2_VERSION, want,
	    wlen, outbuf, sizeof(outbuf), &plen) == 0 && plen == sizeof(pt) &&
	    memcmp(outbuf, pt, plen) == 0;
	if (ex > 0) {
		/*
		 * The opener takes the nonce from the record, not from its
		 * own sequence number (RFC 5288, 3): a record sealed at
		 * another explicit nonce still opens when the AAD's seq is
		 * ours.
		 */
		uint64_t other = seq + 1000;

		for (i = 0; i < 8; i++)
			nonce[4 + i] = (uint8_t)(other >> (56 - 8 * i));
		ok &= raw_aead_seal(b->evp, ccm, b->tag_len, key, nonce, aad,
		    sizeof(aad), pt, sizeof(pt), want + ex, tag);
		memcpy(want, nonce + 4, ex);
		memcpy(want + ex + sizeof(pt), tag, b->tag_len);
		ok &= rprot_open(rd, seq, CT_APPLICATION_DATA, TLS1_2_VERSION,
		    want, wlen, outbuf, sizeof(outbuf), &plen) == 0 &&
		    plen == sizeof(pt) && memcmp(outbuf, pt, plen) == 0;
	}
 out:
	rprot_free(wr);
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: tls12 %s known answer (raw EVP)",
	    what);
	CHECK(ok, name);
}

/*
 * TLS 1.3 with every AEAD: the record built with raw EVP from RFC 8446,
 * 5.2/5.3 (nonce = iv XOR padded seq, AAD = the outer header).  For CCM
 * this also pins OpenSSL's CCM call order in rprot against a plain one.
 */
static void
test_tls13_aead_kat(uint16_t code)
{
	const struct tp_suite *s = suite_by_code(code);
	const struct tp_bulk_info *b;
	uint8_t key[32], iv[12], nonce[12], aad[5], pt[300], want[400];
	uint8_t got[400], tag[16];
	uint64_t seq = 0x00000001000000ffULL;
	struct rprot_keys k;
	struct rprot *wr = NULL, *rd = NULL;
	char name[160];
	size_t i, glen = 0, plen, wlen;
	int ok = s != NULL, ccm;

	if (!ok)
		goto out;
	b = bulk_info(s->bulk);
	ccm = s->bulk == BULK_AES128_CCM || s->bulk == BULK_AES128_CCM8;
	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0x80 - i);
	for (i = 0; i < sizeof(iv); i++)
		iv[i] = (uint8_t)(0x3c * i + 1);
	for (i = 0; i < sizeof(pt) - 1; i++)
		pt[i] = (uint8_t)(i ^ 0x55);
	pt[sizeof(pt) - 1] = CT_HANDSHAKE;	/* inner content type */
	memcpy(nonce, iv, 12);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
	wlen = sizeof(pt) + b->tag_len;
	aad[0] = CT_APPLICATION_DATA;
	aad[1] = 0x03;
	aad[2] = 0x03;
	aad[3] = (uint8_t)(wlen >> 8);
	aad[4] = (uint8_t)wlen;
	ok &= raw_aead_seal(b->evp, ccm, b->tag_len, key, nonce, aad,
	    sizeof(aad), pt, sizeof(pt), want, tag);
	memcpy(want + sizeof(pt), tag, b->tag_len);

	memset(&k, 0, sizeof(k));
	k.key = key;
	k.iv = iv;
	k.iv_len = 12;
	ok &= rprot_new(s, TLS1_3_VERSION, &k, 1, &wr) == 0;
	ok &= rprot_new(s, TLS1_3_VERSION, &k, 0, &rd) == 0;
	if (!ok)
		goto out;
	ok &= rprot_seal(wr, seq, CT_APPLICATION_DATA, TLS1_2_VERSION, pt,
	    sizeof(pt), got, sizeof(got), &glen) == 0;
	ok &= glen == wlen && memcmp(got, want, wlen) == 0;
	ok &= rprot_open(rd, seq, CT_APPLICATION_DATA, TLS1_2_VERSION, want,
	    wlen, outbuf, sizeof(outbuf), &plen) == 0 && plen == sizeof(pt) &&
	    memcmp(outbuf, pt, plen) == 0;
 out:
	rprot_free(wr);
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: tls13 %s known answer (raw EVP)",
	    s != NULL ? s->iana : "?");
	CHECK(ok, name);
}

/* ---- known answers: CBC + HMAC built with raw EVP ---- */

/*
 * Build IV || CBC(content || MAC || padding) by hand.  padbytes are the
 * padding bytes including the length byte; flip_mac corrupts the MAC.
 */
static size_t
raw_cbc_record(const struct tp_suite *s, uint16_t v, const struct keymat *m,
    const uint8_t *iv, uint64_t seq, const uint8_t *pt, size_t ptlen,
    const uint8_t *padbytes, size_t padlen, int flip_mac, uint8_t *rec)
{
	const struct tp_bulk_info *b = bulk_info(s->bulk);
	uint8_t hdr[13], plain[1024], mac[64];
	size_t ml, i, n, ex = v >= TLS1_1_VERSION ? b->block_len : 0;

	for (i = 0; i < 8; i++)
		hdr[i] = (uint8_t)(seq >> (56 - 8 * i));
	hdr[8] = CT_APPLICATION_DATA;
	hdr[9] = (uint8_t)(v >> 8);
	hdr[10] = (uint8_t)v;
	hdr[11] = (uint8_t)(ptlen >> 8);
	hdr[12] = (uint8_t)ptlen;
	if (!raw_hmac(hash_name(s->mac), m->mac_key, hash_len(s->mac), hdr,
	    13, pt, ptlen, mac, &ml))
		return 0;
	if (flip_mac)
		mac[ml / 2] ^= 0x01;
	memcpy(plain, pt, ptlen);
	memcpy(plain + ptlen, mac, ml);
	memcpy(plain + ptlen + ml, padbytes, padlen);
	n = ptlen + ml + padlen;
	if (n % b->block_len != 0)
		return 0;
	memcpy(rec, iv, ex);
	if (!raw_cbc(b->evp, 1, m->key, iv, plain, n, rec + ex))
		return 0;
	return ex + n;
}

/*
 * CBC: rprot_seal with a hook-fixed IV equals the record built by hand;
 * a hand-built record with long valid padding opens; crafted bad padding,
 * a padding length that runs into the MAC, SSLv3-style padding and a bad
 * MAC are all bad_record_mac.
 */
static void
test_cbc_kat(uint16_t code, uint16_t v)
{
	const struct tp_suite *s = suite_by_code(code);
	const struct tp_bulk_info *b;
	struct keymat m;
	struct rprot *wr = NULL;
	uint8_t pt[45], pad[256], rec[1024], got[1024], iv[16];
	char name[160];
	size_t i, rlen, glen = 0, plen, ml, bs, padlen;
	uint64_t seq = 0x0000000100000005ULL;
	int ok = s != NULL, okbad = 1;

	if (!ok) {
		CHECK(0, "cipher: CBC known answer (suite missing)");
		return;
	}
	b = bulk_info(s->bulk);
	bs = b->block_len;
	ml = hash_len(s->mac);
	keymat_init(&m, s, v, 0x77);
	for (i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(0xf0 - i);

	/* (1) rprot_seal against the hand-built record, byte for byte */
	hook_counter = 0;
	rprot_random_hook = counting_random;
	ok &= rprot_new(s, v, &m.k, 1, &wr) == 0;
	ok &= ok && rprot_seal(wr, seq, CT_APPLICATION_DATA, v, pt,
	    sizeof(pt), got, sizeof(got), &glen) == 0;
	rprot_random_hook = NULL;
	rprot_free(wr);
	if (v >= TLS1_1_VERSION) {
		/* the explicit IV is what the hook produced */
		hook_counter = 0;
		counting_random(iv, bs);
	} else
		memcpy(iv, m.iv, bs);
	padlen = bs - (sizeof(pt) + ml) % bs;
	memset(pad, (int)(padlen - 1), padlen);
	rlen = raw_cbc_record(s, v, &m, iv, seq, pt, sizeof(pt), pad, padlen,
	    0, rec);
	ok &= rlen > 0 && glen == rlen && memcmp(got, rec, rlen) == 0;
	snprintf(name, sizeof(name), "cipher: %s %s seal known answer "
	    "(raw EVP, fixed IV)", vtag(v), s->ossl);
	CHECK(ok, name);

	/* (2) valid but long padding, up to the 255 maximum, opens */
	ok = 1;
	for (padlen = bs - (sizeof(pt) + ml) % bs; padlen <= 256;
	    padlen += bs) {
		memset(pad, (int)(padlen - 1), padlen);
		rlen = raw_cbc_record(s, v, &m, iv, seq, pt, sizeof(pt), pad,
		    padlen, 0, rec);
		ok &= rlen > 0 && open_fresh(s, v, &m, seq,
		    CT_APPLICATION_DATA, v, rec, rlen, outbuf, sizeof(outbuf),
		    &plen) == 0 && plen == sizeof(pt) &&
		    memcmp(outbuf, pt, plen) == 0;
	}
	/* the longest padding there is: 255 and the length byte */
	{
		size_t c = (bs - (ml + 256) % bs) % bs;

		memset(pad, 0xff, 256);
		rlen = raw_cbc_record(s, v, &m, iv, seq, pt, c, pad, 256, 0,
		    rec);
		ok &= rlen > 0 && open_fresh(s, v, &m, seq,
		    CT_APPLICATION_DATA, v, rec, rlen, outbuf, sizeof(outbuf),
		    &plen) == 0 && plen == c && memcmp(outbuf, pt, c) == 0;
		/* and its farthest byte wrong */
		pad[0] = 0xfe;
		rlen = raw_cbc_record(s, v, &m, iv, seq, pt, c, pad, 256, 0,
		    rec);
		okbad &= rlen > 0 && open_fresh(s, v, &m, seq,
		    CT_APPLICATION_DATA, v, rec, rlen, outbuf, sizeof(outbuf),
		    &plen) == TP_E_BAD_MAC;
	}
	snprintf(name, sizeof(name), "cipher: %s %s open hand-built records "
	    "with padding up to 255", vtag(v), s->ossl);
	CHECK(ok, name);

	/* (3) bad padding in every position, one byte wrong at a time */
	padlen = bs - (sizeof(pt) + ml) % bs + bs;
	for (i = 0; i + 1 < padlen; i++) {
		memset(pad, (int)(padlen - 1), padlen);
		pad[i] ^= 0x01;
		rlen = raw_cbc_record(s, v, &m, iv, seq, pt, sizeof(pt), pad,
		    padlen, 0, rec);
		if (rlen == 0 || open_fresh(s, v, &m, seq,
		    CT_APPLICATION_DATA, v, rec, rlen, outbuf, sizeof(outbuf),
		    &plen) != TP_E_ALERT(ALERT_BAD_RECORD_MAC))
			okbad = 0;
	}
	/* SSLv3-style padding: arbitrary bytes, right length byte */
	for (i = 0; i + 1 < padlen; i++)
		pad[i] = (uint8_t)(0x80 + i);
	pad[padlen - 1] = (uint8_t)(padlen - 1);
	rlen = raw_cbc_record(s, v, &m, iv, seq, pt, sizeof(pt), pad, padlen,
	    0, rec);
	if (rlen == 0 || open_fresh(s, v, &m, seq, CT_APPLICATION_DATA, v,
	    rec, rlen, outbuf, sizeof(outbuf), &plen) != TP_E_BAD_MAC)
		okbad = 0;
	/* a padding length byte that would eat into the MAC or beyond */
	{
		static const uint8_t lens[] = { 0x40, 0x7f, 0xfe, 0xff };

		for (i = 0; i < sizeof(lens); i++) {
			memset(pad, lens[i], padlen);
			rlen = raw_cbc_record(s, v, &m, iv, seq, pt,
			    sizeof(pt), pad, padlen, 0, rec);
			if (rlen == 0 || open_fresh(s, v, &m, seq,
			    CT_APPLICATION_DATA, v, rec, rlen, outbuf,
			    sizeof(outbuf), &plen) != TP_E_BAD_MAC)
				okbad = 0;
		}
	}
	/*
	 * A record that is nothing but valid-looking padding: every byte
	 * holds n - 1, so the padding swallows the MAC too (RFC 5246,
	 * 6.2.3.2: the padding may not exceed what follows the MAC).
	 */
	{
		static const size_t ns[] = { 24, 32, 48, 64, 96, 256 };
		uint8_t plain[256];
		size_t ex = v >= TLS1_1_VERSION ? bs : 0;

		for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
			if (ns[i] % bs != 0 || ns[i] < ml + 1)
				continue;
			memset(plain, (int)(ns[i] - 1), ns[i]);
			memcpy(rec, iv, ex);
			if (!raw_cbc(b->evp, 1, m.key, iv, plain, ns[i],
			    rec + ex) || open_fresh(s, v, &m, seq,
			    CT_APPLICATION_DATA, v, rec, ex + ns[i], outbuf,
			    sizeof(outbuf), &plen) != TP_E_BAD_MAC)
				okbad = 0;
		}
	}
	/* right padding, wrong MAC */
	memset(pad, (int)(padlen - 1), padlen);
	rlen = raw_cbc_record(s, v, &m, iv, seq, pt, sizeof(pt), pad, padlen,
	    1, rec);
	if (rlen == 0 || open_fresh(s, v, &m, seq, CT_APPLICATION_DATA, v,
	    rec, rlen, outbuf, sizeof(outbuf), &plen) != TP_E_BAD_MAC)
		okbad = 0;
	/* a record with empty content still opens (MAC and padding only) */
	padlen = bs - ml % bs;
	memset(pad, (int)(padlen - 1), padlen);
	rlen = raw_cbc_record(s, v, &m, iv, seq, pt, 0, pad, padlen, 0, rec);
	if (rlen == 0 || open_fresh(s, v, &m, seq, CT_APPLICATION_DATA, v,
	    rec, rlen, outbuf, sizeof(outbuf), &plen) != 0 || plen != 0)
		okbad = 0;
	snprintf(name, sizeof(name), "cipher: %s %s crafted bad padding and "
	    "MAC rejected, empty content opens", vtag(v), s->ossl);
	CHECK(okbad, name);
}

/*
 * TLS 1.0: the first record's IV is keys->iv, the second's is the first
 * record's last ciphertext block (RFC 2246, 6.2.3.2); records open in
 * order and fail out of order.
 */
static void
test_tls10_chain(uint16_t code)
{
	const struct tp_suite *s = suite_by_code(code);
	const struct tp_bulk_info *b;
	struct keymat m;
	struct rprot *wr = NULL, *rd = NULL;
	uint8_t r1[256], r2[256], dec[256], p1[40], p2[40];
	char name[160];
	size_t l1 = 0, l2 = 0, plen, bs;
	int ok = s != NULL;

	if (!ok) {
		CHECK(0, "cipher: tls10 chain (suite missing)");
		return;
	}
	b = bulk_info(s->bulk);
	bs = b->block_len;
	keymat_init(&m, s, TLS1_0_VERSION, 0x31);
	memset(p1, 'a', sizeof(p1));
	memset(p2, 'b', sizeof(p2));
	ok &= rprot_new(s, TLS1_0_VERSION, &m.k, 1, &wr) == 0;
	ok &= ok && rprot_seal(wr, 0, CT_APPLICATION_DATA, TLS1_0_VERSION,
	    p1, sizeof(p1), r1, sizeof(r1), &l1) == 0;
	ok &= ok && rprot_seal(wr, 1, CT_APPLICATION_DATA, TLS1_0_VERSION,
	    p2, sizeof(p2), r2, sizeof(r2), &l2) == 0;
	rprot_free(wr);
	/* decrypt by hand: r1 under keys->iv, r2 under r1's last block */
	ok &= ok && raw_cbc(b->evp, 0, m.key, m.iv, r1, l1, dec) &&
	    memcmp(dec, p1, sizeof(p1)) == 0;
	ok &= ok && raw_cbc(b->evp, 0, m.key, r1 + l1 - bs, r2, l2, dec) &&
	    memcmp(dec, p2, sizeof(p2)) == 0;
	snprintf(name, sizeof(name), "cipher: tls10 %s IV chained from the "
	    "last ciphertext block", s->ossl);
	CHECK(ok, name);

	ok = rprot_new(s, TLS1_0_VERSION, &m.k, 0, &rd) == 0;
	ok &= ok && rprot_open(rd, 0, CT_APPLICATION_DATA, TLS1_0_VERSION,
	    r1, l1, outbuf, sizeof(outbuf), &plen) == 0 &&
	    plen == sizeof(p1) && memcmp(outbuf, p1, plen) == 0;
	ok &= ok && rprot_open(rd, 1, CT_APPLICATION_DATA, TLS1_0_VERSION,
	    r2, l2, outbuf, sizeof(outbuf), &plen) == 0 &&
	    plen == sizeof(p2) && memcmp(outbuf, p2, plen) == 0;
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: tls10 %s chained records open "
	    "in order", s->ossl);
	CHECK(ok, name);

	/* the second record first, even with its right seq: wrong IV */
	ok = rprot_new(s, TLS1_0_VERSION, &m.k, 0, &rd) == 0;
	ok &= ok && rprot_open(rd, 1, CT_APPLICATION_DATA, TLS1_0_VERSION,
	    r2, l2, outbuf, sizeof(outbuf), &plen) == TP_E_BAD_MAC;
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: tls10 %s out of order fails",
	    s->ossl);
	CHECK(ok, name);
}

/* rprot_new refuses what does not fit the suite and version. */
static void
test_bad_params(void)
{
	const struct tp_suite *gcm = suite_by_code(0xc02f);
	const struct tp_suite *cbc = suite_by_code(0x002f);
	const struct tp_suite *t13 = suite_by_code(0x1301);
	struct keymat m;
	struct rprot *p = NULL;
	int ok = gcm != NULL && cbc != NULL && t13 != NULL;

	if (ok) {
		keymat_init(&m, gcm, TLS1_2_VERSION, 1);
		/* AEAD suites are TLS 1.2 only; 1.3 suites 1.3 only */
		ok &= rprot_new(gcm, TLS1_0_VERSION, &m.k, 1, &p) != 0 &&
		    p == NULL;
		ok &= rprot_new(t13, TLS1_2_VERSION, &m.k, 1, &p) != 0;
		ok &= rprot_new(gcm, 0x0300, &m.k, 1, &p) != 0;
		/* a 1.3 IV must be 12 bytes, a 1.2 GCM salt 4 */
		ok &= rprot_new(t13, TLS1_3_VERSION, &m.k, 1, &p) != 0;
		m.k.iv_len = 12;
		ok &= rprot_new(gcm, TLS1_2_VERSION, &m.k, 1, &p) != 0;
		ok &= rprot_new(t13, TLS1_3_VERSION, &m.k, 1, &p) == 0;
		rprot_free(p);
		p = NULL;
		/* CBC: the MAC key must have the hash's length */
		keymat_init(&m, cbc, TLS1_2_VERSION, 1);
		m.k.mac_key_len = 32;
		ok &= rprot_new(cbc, TLS1_2_VERSION, &m.k, 1, &p) != 0;
		m.k.mac_key_len = 20;
		m.k.mac_key = NULL;
		ok &= rprot_new(cbc, TLS1_2_VERSION, &m.k, 1, &p) != 0;
		/* TLS 1.0 needs the initial IV */
		keymat_init(&m, cbc, TLS1_0_VERSION, 1);
		m.k.iv = NULL;
		ok &= rprot_new(cbc, TLS1_0_VERSION, &m.k, 1, &p) != 0;
		ok &= rprot_new(NULL, TLS1_2_VERSION, &m.k, 1, &p) != 0;
		ok &= rprot_new(cbc, TLS1_2_VERSION, NULL, 1, &p) != 0;
		ok &= p == NULL;
	}
	rprot_free(NULL);
	CHECK(ok, "cipher: rprot_new rejects mismatched keys and versions");
}

/* Overheads as the RFCs give them. */
static void
test_overhead(void)
{
	static const struct {
		uint16_t	code, version;
		size_t		n, want;
	} t[] = {
		{ 0xc02f, TLS1_2_VERSION, 100, 8 + 16 },  /* RFC 5288 */
		{ 0xcca8, TLS1_2_VERSION, 100, 16 },	  /* RFC 7905 */
		{ 0x1301, TLS1_3_VERSION, 100, 16 },	  /* RFC 8446 */
		{ 0x1305, TLS1_3_VERSION, 100, 8 },	  /* CCM_8 */
		/* 16 IV + 20 MAC + pad to 16: (0 + 20) % 16 = 4 -> 12 */
		{ 0x002f, TLS1_2_VERSION, 0, 16 + 20 + 12 },
		{ 0x002f, TLS1_0_VERSION, 0, 20 + 12 },
		/* a full block of padding when it fits exactly */
		{ 0x002f, TLS1_2_VERSION, 12, 16 + 20 + 16 },
		{ 0x000a, TLS1_1_VERSION, 3, 8 + 20 + 1 },
		{ 0xc028, TLS1_2_VERSION, 1, 16 + 48 + 15 },
	};
	struct keymat m;
	struct rprot *p;
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct tp_suite *s = suite_by_code(t[i].code);

		if (s == NULL) {
			ok = 0;
			continue;
		}
		keymat_init(&m, s, t[i].version, 2);
		if (rprot_new(s, t[i].version, &m.k, 1, &p) != 0) {
			ok = 0;
			continue;
		}
		if (rprot_overhead(p, t[i].n) != t[i].want)
			ok = 0;
		rprot_free(p);
	}
	CHECK(ok, "cipher: overhead per scheme and version");
}

/* TLS 1.1+ CBC explicit IVs come from RAND_bytes when no hook is set. */
static void
test_random_iv(void)
{
	const struct tp_suite *s = suite_by_code(0x002f);
	struct keymat m;
	struct rprot *wr = NULL;
	uint8_t a[128], b[128];
	size_t la = 0, lb = 0;
	int ok = s != NULL;

	rprot_random_hook = NULL;
	if (ok) {
		keymat_init(&m, s, TLS1_2_VERSION, 5);
		ok &= rprot_new(s, TLS1_2_VERSION, &m.k, 1, &wr) == 0;
		ok &= ok && rprot_seal(wr, 0, 23, TLS1_2_VERSION,
		    (const uint8_t *)"x", 1, a, sizeof(a), &la) == 0;
		ok &= ok && rprot_seal(wr, 0, 23, TLS1_2_VERSION,
		    (const uint8_t *)"x", 1, b, sizeof(b), &lb) == 0;
		ok &= la == lb && memcmp(a, b, 16) != 0 &&
		    memcmp(a + 16, b + 16, la - 16) != 0;
		rprot_free(wr);
	}
	CHECK(ok, "cipher: tls12 CBC explicit IVs differ between records");
}

/*
 * RC4 and NULL (RFC 5246, 6.2.3.1): two records in a row built by hand,
 * content || HMAC through one RC4 key stream (or in the clear), equal
 * rprot_seal's, and rprot_open takes them back.
 */
static void
test_stream_kat(uint16_t code, uint16_t v)
{
	const struct tp_suite *s = suite_by_code(code);
	EVP_CIPHER *rc4 = NULL;
	EVP_CIPHER_CTX *x = NULL;
	struct keymat m;
	struct rprot *wr = NULL, *rd = NULL;
	uint8_t pt[2][70], plain[200], want[200], got[200], hdr[13], mac[64];
	char name[160];
	size_t i, r, ml = 0, glen, plen, n;
	int ok = s != NULL, outl;

	if (!ok)
		goto out;
	keymat_init(&m, s, v, 0x21);
	if (bulk_info(s->bulk)->evp != NULL) {
		rc4 = EVP_CIPHER_fetch(NULL, "RC4", NULL);
		x = EVP_CIPHER_CTX_new();
		ok &= rc4 != NULL && x != NULL &&
		    EVP_EncryptInit_ex(x, rc4, NULL, m.key, NULL);
	}
	ok &= rprot_new(s, v, &m.k, 1, &wr) == 0 &&
	    rprot_new(s, v, &m.k, 0, &rd) == 0;
	for (r = 0; ok && r < 2; r++) {
		n = sizeof(pt[r]) - 10 * r;
		for (i = 0; i < n; i++)
			pt[r][i] = (uint8_t)(i * 13 + r);
		for (i = 0; i < 8; i++)
			hdr[i] = (uint8_t)((uint64_t)(r + 41) >> (56 - 8 * i));
		hdr[8] = CT_APPLICATION_DATA;
		hdr[9] = (uint8_t)(v >> 8);
		hdr[10] = (uint8_t)v;
		hdr[11] = 0;
		hdr[12] = (uint8_t)n;
		ok &= raw_hmac(hash_name(s->mac), m.mac_key, hash_len(s->mac),
		    hdr, 13, pt[r], n, mac, &ml) && ml == hash_len(s->mac);
		memcpy(plain, pt[r], n);
		memcpy(plain + n, mac, ml);
		if (x != NULL)
			ok &= EVP_EncryptUpdate(x, want, &outl, plain,
			    (int)(n + ml)) && (size_t)outl == n + ml;
		else
			memcpy(want, plain, n + ml);
		ok &= rprot_seal(wr, r + 41, CT_APPLICATION_DATA, v, pt[r], n,
		    got, sizeof(got), &glen) == 0 && glen == n + ml &&
		    memcmp(got, want, glen) == 0;
		ok &= rprot_open(rd, r + 41, CT_APPLICATION_DATA, v, want,
		    n + ml, outbuf, sizeof(outbuf), &plen) == 0 &&
		    plen == n && memcmp(outbuf, pt[r], n) == 0;
	}
 out:
	rprot_free(wr);
	rprot_free(rd);
	EVP_CIPHER_CTX_free(x);
	EVP_CIPHER_free(rc4);
	snprintf(name, sizeof(name), "cipher: %s %s known answer (raw EVP)",
	    vtag(v), s != NULL ? s->ossl : "?");
	CHECK(ok, name);
}

/*
 * gcm.c is GCM over any CTR cipher (Camellia-GCM): over AES-CTR it must
 * give what OpenSSL's AES-GCM gives, for lengths around block edges, and
 * refuse a flipped tag, AAD or ciphertext bit.
 */
static void
test_gcm_construction(void)
{
	static const size_t lens[] = { 0, 1, 15, 16, 17, 64, 1000 };
	EVP_CIPHER *ctr = EVP_CIPHER_fetch(NULL, "AES-128-CTR", NULL);
	struct gcm *g = NULL;
	uint8_t key[16], nonce[12], aad[13], pt[1000], ct[1000], want[1000];
	uint8_t tag[16], wtag[16], back[1000];
	size_t i, j;
	int ok = ctr != NULL, bad = 1;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0x5c + 3 * i);
	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)(0xa0 ^ i);
	for (i = 0; i < sizeof(aad); i++)
		aad[i] = (uint8_t)(i + 1);
	for (i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 29);
	ok &= ok && gcm_new(ctr, key, &g) == 0;
	for (j = 0; ok && j < sizeof(lens) / sizeof(lens[0]); j++) {
		ok &= raw_aead_seal("AES-128-GCM", 0, 16, key, nonce, aad,
		    sizeof(aad), pt, lens[j], want, wtag);
		ok &= gcm_seal(g, nonce, aad, sizeof(aad), pt, lens[j], ct,
		    tag) == 0;
		ok &= memcmp(ct, want, lens[j]) == 0 &&
		    memcmp(tag, wtag, 16) == 0;
		ok &= gcm_open(g, nonce, aad, sizeof(aad), ct, lens[j], tag,
		    back) == 0 && memcmp(back, pt, lens[j]) == 0;
		tag[15] ^= 1;
		bad &= gcm_open(g, nonce, aad, sizeof(aad), ct, lens[j], tag,
		    back) == TP_E_BAD_MAC;
		tag[15] ^= 1;
		aad[12] ^= 0x80;
		bad &= gcm_open(g, nonce, aad, sizeof(aad), ct, lens[j], tag,
		    back) == TP_E_BAD_MAC;
		aad[12] ^= 0x80;
		if (lens[j] > 0) {
			ct[lens[j] - 1] ^= 4;
			bad &= gcm_open(g, nonce, aad, sizeof(aad), ct,
			    lens[j], tag, back) == TP_E_BAD_MAC;
		}
	}
	gcm_free(g);
	EVP_CIPHER_free(ctr);
	CHECK(ok, "gcm: GCM over AES-CTR equals OpenSSL's AES-GCM");
	CHECK(ok && bad, "gcm: a flipped tag, AAD or ciphertext bit is "
	    "bad_record_mac");
}

/* RFC 6101, 5.2.3.1 by hand with SHA-1: application data, seq */
static int
ssl3_sha1_mac(const uint8_t sec[20], uint64_t seq, const uint8_t *data,
    size_t len, uint8_t mac[20])
{
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	uint8_t pad[40], inner[20], hdr[11];
	unsigned ml;
	size_t i;
	int ok;

	for (i = 0; i < 8; i++)
		hdr[i] = (uint8_t)(seq >> (56 - 8 * i));
	hdr[8] = CT_APPLICATION_DATA;
	hdr[9] = (uint8_t)(len >> 8);
	hdr[10] = (uint8_t)len;
	memset(pad, 0x36, sizeof(pad));
	ok = x != NULL && EVP_DigestInit_ex(x, EVP_sha1(), NULL) &&
	    EVP_DigestUpdate(x, sec, 20) && EVP_DigestUpdate(x, pad, 40) &&
	    EVP_DigestUpdate(x, hdr, 11) && EVP_DigestUpdate(x, data, len) &&
	    EVP_DigestFinal_ex(x, inner, &ml);
	memset(pad, 0x5c, sizeof(pad));
	ok = ok && EVP_DigestInit_ex(x, EVP_sha1(), NULL) &&
	    EVP_DigestUpdate(x, sec, 20) && EVP_DigestUpdate(x, pad, 40) &&
	    EVP_DigestUpdate(x, inner, 20) && EVP_DigestFinal_ex(x, mac, &ml);
	EVP_MD_CTX_free(x);
	return ok;
}

/*
 * SSL 3.0 (RFC 6101, 5.2.3.1): the MAC of NULL-SHA against a value from
 * Python's hashlib; CBC: padding bytes of any value are taken, a padding
 * length of a block or more is bad_record_mac.
 */
static void
test_ssl3_records(void)
{
	const struct tp_suite *ns = suite_by_code(0x0002);	/* NULL-SHA */
	const struct tp_suite *as = suite_by_code(0x002f);	/* AES128-SHA */
	static const char data[] = "ssl3 record";
	struct rprot_keys k;
	struct rprot *wr = NULL, *rd = NULL;
	uint8_t sec[20], key[16], iv[16], rec[128], want[20], plain[64];
	uint8_t mac[20];
	size_t n, plen, i;
	int ok;

	memset(sec, 0x11, sizeof(sec));
	memset(&k, 0, sizeof(k));
	k.key = key;
	k.mac_key = sec;
	k.mac_key_len = 20;
	unit_hex("0b3270ccce886570546dea821560ad508005879c", want,
	    sizeof(want));
	ok = ns != NULL && rprot_new(ns, SSL3_VERSION, &k, 1, &wr) == 0 &&
	    rprot_seal(wr, 5, CT_APPLICATION_DATA, SSL3_VERSION,
	    (const uint8_t *)data, 11, rec, sizeof(rec), &n) == 0 &&
	    n == 31 && memcmp(rec, data, 11) == 0 &&
	    memcmp(rec + 11, want, 20) == 0;
	rprot_free(wr);
	wr = NULL;
	CHECK(ok, "cipher: ssl3 NULL-SHA MAC known answer (RFC 6101)");

	/* AES128-SHA: content || MAC || padding || length, by hand */
	for (i = 0; i < 16; i++) {
		key[i] = (uint8_t)(0x70 + i);
		iv[i] = (uint8_t)(0x90 ^ i);
	}
	k.iv = iv;
	k.iv_len = 16;
	/* 5 bytes of content: 5 + 20 + 6 + 1 = 32, padding 0xab x 6 */
	ok = ssl3_sha1_mac(sec, 0, (const uint8_t *)data, 5, mac);
	memcpy(plain, data, 5);
	memcpy(plain + 5, mac, 20);
	memset(plain + 25, 0xab, 6);
	plain[31] = 6;
	ok &= as != NULL && raw_cbc("AES-128-CBC", 1, key, iv, plain, 32,
	    rec) && rprot_new(as, SSL3_VERSION, &k, 0, &rd) == 0 &&
	    rprot_open(rd, 0, CT_APPLICATION_DATA, SSL3_VERSION, rec, 32,
	    outbuf, sizeof(outbuf), &plen) == 0 && plen == 5 &&
	    memcmp(outbuf, data, 5) == 0;
	rprot_free(rd);
	rd = NULL;
	/* 11 bytes: 11 + 20 + 16 + 1 = 48, padding a whole block: too long */
	ok &= ssl3_sha1_mac(sec, 0, (const uint8_t *)data, 11, mac);
	memcpy(plain, data, 11);
	memcpy(plain + 11, mac, 20);
	memset(plain + 31, 0xab, 16);
	plain[47] = 16;
	{
		int bad = raw_cbc("AES-128-CBC", 1, key, iv, plain, 48, rec) &&
		    rprot_new(as, SSL3_VERSION, &k, 0, &rd) == 0 &&
		    rprot_open(rd, 0, CT_APPLICATION_DATA, SSL3_VERSION, rec,
		    48, outbuf, sizeof(outbuf), &plen) == TP_E_BAD_MAC;

		rprot_free(rd);
		rd = NULL;
		CHECK(bad, "cipher: ssl3 CBC padding of a whole block is "
		    "bad_record_mac");
	}
	(void)n;
	CHECK(ok, "cipher: ssl3 AES128-SHA record with arbitrary padding "
	    "bytes opens (raw EVP)");
}

/* RFC 7251 suites, to reach rprot's TLS 1.2 CCM path */
static const struct tp_suite ccm12[] = {
	{ 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDHE-ECDSA-AES128-CCM",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES128_CCM, HASH_NONE, HASH_SHA256,
	  TLS1_2_VERSION, TLS1_2_VERSION, 0 },
	{ 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
	  "ECDHE-ECDSA-AES128-CCM8", KEX_ECDHE, AUTH_ECDSA, BULK_AES128_CCM8,
	  HASH_NONE, HASH_SHA256, TLS1_2_VERSION, TLS1_2_VERSION, 0 },
};

/*
 * RFC 7366 encrypt-then-MAC: the record built here with raw EVP and
 * EVP_Q_mac (IV || CBC(content || padding) || HMAC(seq || type || version
 * || length(IV || ciphertext) || IV || ciphertext)) must equal
 * rprot_seal's, and must open; a flipped ciphertext or MAC bit is
 * bad_record_mac, and so is the same record opened MAC-then-encrypt.
 */
static void
test_etm_kat(uint16_t code, uint16_t v)
{
	const struct tp_suite *s = suite_by_code(code);
	const struct tp_bulk_info *b;
	struct keymat m;
	struct rprot *wr = NULL, *rd = NULL;
	uint8_t pt[45], buf[256], rec[1024], got[1024], iv[16], hdr[13];
	uint8_t out[1024];
	char name[160];
	size_t i, glen = 0, plen = 0, ml, bs, padlen, n, ex, rlen, maclen;
	uint64_t seq = 0x0000000100000005ULL;
	int ok = s != NULL;

	if (!ok) {
		CHECK(0, "cipher: EtM known answer (suite missing)");
		return;
	}
	b = bulk_info(s->bulk);
	bs = b->block_len;
	ml = hash_len(s->mac);
	keymat_init(&m, s, v, 0x5a);
	for (i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(0x11 * i + 3);

	hook_counter = 0;
	rprot_random_hook = counting_random;
	ok &= rprot_new(s, v, &m.k, 1, &wr) == 0 && rprot_set_etm(wr) == 0;
	ok &= ok && rprot_seal(wr, seq, CT_APPLICATION_DATA, v, pt,
	    sizeof(pt), got, sizeof(got), &glen) == 0;
	rprot_random_hook = NULL;
	rprot_free(wr);

	ex = v >= TLS1_1_VERSION ? bs : 0;
	if (ex > 0) {
		hook_counter = 0;
		counting_random(iv, bs);
		memcpy(rec, iv, bs);
	} else
		memcpy(iv, m.iv, bs);
	padlen = bs - sizeof(pt) % bs;	/* the MAC is not padded */
	memcpy(buf, pt, sizeof(pt));
	memset(buf + sizeof(pt), (int)(padlen - 1), padlen);
	n = sizeof(pt) + padlen;
	ok &= raw_cbc(b->evp, 1, m.key, iv, buf, n, rec + ex);
	for (i = 0; i < 8; i++)
		hdr[i] = (uint8_t)(seq >> (56 - 8 * i));
	hdr[8] = CT_APPLICATION_DATA;
	hdr[9] = (uint8_t)(v >> 8);
	hdr[10] = (uint8_t)v;
	hdr[11] = (uint8_t)((ex + n) >> 8);
	hdr[12] = (uint8_t)(ex + n);
	memcpy(buf, hdr, 13);
	memcpy(buf + 13, rec, ex + n);
	ok &= EVP_Q_mac(NULL, "HMAC", NULL, hash_name(s->mac), NULL,
	    m.k.mac_key, m.k.mac_key_len, buf, 13 + ex + n, rec + ex + n,
	    ml, &maclen) != NULL && maclen == ml;
	rlen = ex + n + ml;
	ok &= glen == rlen && memcmp(got, rec, rlen) == 0;
	snprintf(name, sizeof(name), "cipher: %s %s encrypt-then-MAC seal "
	    "known answer (raw EVP + HMAC)", vtag(v), s->ossl);
	CHECK(ok, name);

	ok = rprot_new(s, v, &m.k, 0, &rd) == 0 && rprot_set_etm(rd) == 0 &&
	    rprot_open(rd, seq, CT_APPLICATION_DATA, v, rec, rlen, out,
	    sizeof(out), &plen) == 0 && plen == sizeof(pt) &&
	    memcmp(out, pt, plen) == 0;
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: %s %s encrypt-then-MAC record "
	    "opens", vtag(v), s->ossl);
	CHECK(ok, name);

	/* a flipped bit in the IV/ciphertext, then in the MAC */
	ok = 1;
	for (i = 0; i < 2; i++) {
		size_t at = i == 0 ? ex + 3 : rlen - 1;

		rec[at] ^= 0x01;
		ok &= rprot_new(s, v, &m.k, 0, &rd) == 0 &&
		    rprot_set_etm(rd) == 0 && rprot_open(rd, seq,
		    CT_APPLICATION_DATA, v, rec, rlen, out, sizeof(out),
		    &plen) == TP_E_BAD_MAC;
		rprot_free(rd);
		rec[at] ^= 0x01;
	}
	/* the wrong sequence number (the MAC covers it) */
	ok &= rprot_new(s, v, &m.k, 0, &rd) == 0 && rprot_set_etm(rd) == 0 &&
	    rprot_open(rd, seq + 1, CT_APPLICATION_DATA, v, rec, rlen, out,
	    sizeof(out), &plen) == TP_E_BAD_MAC;
	rprot_free(rd);
	/* opened MAC-then-encrypt, it does not pass */
	ok &= open_fresh(s, v, &m, seq, CT_APPLICATION_DATA, v, rec, rlen,
	    out, sizeof(out), &plen) == TP_E_BAD_MAC;
	snprintf(name, sizeof(name), "cipher: %s %s encrypt-then-MAC tamper, "
	    "wrong seq and MtE open are bad_record_mac", vtag(v), s->ossl);
	CHECK(ok, name);

	/* records of several lengths through one sealer and one opener */
	ok = rprot_new(s, v, &m.k, 1, &wr) == 0 && rprot_set_etm(wr) == 0 &&
	    rprot_new(s, v, &m.k, 0, &rd) == 0 && rprot_set_etm(rd) == 0;
	for (i = 0; ok && i < 5; i++) {
		static const size_t lens[5] = { 0, 1, 16, 300, 16384 };

		ok &= rprot_seal(wr, i, CT_APPLICATION_DATA, v, ptbuf,
		    lens[i], ctbuf, sizeof(ctbuf), &glen) == 0 &&
		    glen <= lens[i] + rprot_overhead(wr, lens[i]) &&
		    rprot_open(rd, i, CT_APPLICATION_DATA, v, ctbuf, glen,
		    outbuf, sizeof(outbuf), &plen) == 0 && plen == lens[i] &&
		    memcmp(outbuf, ptbuf, plen) == 0;
	}
	rprot_free(wr);
	rprot_free(rd);
	snprintf(name, sizeof(name), "cipher: %s %s encrypt-then-MAC round "
	    "trips (0..16384 bytes, chained)", vtag(v), s->ossl);
	CHECK(ok, name);
}

int
main(void)
{
	size_t i;
	uint16_t v;

	for (i = 0; i < tp_nsuites; i++) {
		const struct tp_suite *s = &tp_suites[i];

		/*
		 * registry rows the engine cannot complete (IDEA, export,
		 * GOST, TLS_NULL_WITH_NULL_NULL ...); every other must work
		 */
		if (suite_gap(s) != NULL)
			continue;
		for (v = s->min_version; v <= s->max_version; v++) {
			test_roundtrip(s, v);
			/*
			 * SSL 3.0 CBC padding bytes are not covered by
			 * anything (RFC 6101, 5.2.3.2; POODLE): flipping
			 * them goes unnoticed, so no tamper test there
			 */
			if (v != SSL3_VERSION || bulk_info(s->bulk)->block_len
			    == 0)
				test_tamper(s, v);
			test_limits(s, v);
		}
	}
	test_rfc8448();
	for (i = 0x1301; i <= 0x1305; i++)
		test_tls13_aead_kat((uint16_t)i);
	test_tls12_aead_kat(suite_by_code(0xc02f),
	    "ECDHE-RSA-AES128-GCM-SHA256");
	test_tls12_aead_kat(suite_by_code(0xc030),
	    "ECDHE-RSA-AES256-GCM-SHA384");
	test_tls12_aead_kat(suite_by_code(0xcca8),
	    "ECDHE-RSA-CHACHA20-POLY1305 (RFC 7905)");
	/* TLS 1.2 CCM: known answers beside the table rows' round trips */
	for (i = 0; i < sizeof(ccm12) / sizeof(ccm12[0]); i++) {
		test_roundtrip(&ccm12[i], TLS1_2_VERSION);
		test_tamper(&ccm12[i], TLS1_2_VERSION);
		test_limits(&ccm12[i], TLS1_2_VERSION);
		test_tls12_aead_kat(&ccm12[i], ccm12[i].ossl);
	}
	test_cbc_kat(0x002f, TLS1_2_VERSION);	/* AES128-SHA */
	test_cbc_kat(0x002f, TLS1_1_VERSION);
	test_cbc_kat(0x002f, TLS1_0_VERSION);
	test_cbc_kat(0xc028, TLS1_2_VERSION);	/* HMAC-SHA384 */
	test_cbc_kat(0x003c, TLS1_2_VERSION);	/* HMAC-SHA256 */
	test_cbc_kat(0x000a, TLS1_2_VERSION);	/* 3DES */
	test_cbc_kat(0x000a, TLS1_0_VERSION);
	/* legacy and other bulk ciphers (issue 12) */
	test_cbc_kat(0x0009, TLS1_1_VERSION);	/* DES-CBC-SHA */
	test_cbc_kat(0x0009, TLS1_0_VERSION);
	test_cbc_kat(0x0096, TLS1_2_VERSION);	/* SEED-SHA */
	test_cbc_kat(0x0041, TLS1_2_VERSION);	/* CAMELLIA128-SHA */
	test_cbc_kat(0xc077, TLS1_2_VERSION);	/* CAMELLIA256 HMAC-SHA384 */
	test_cbc_kat(0xc03c, TLS1_2_VERSION);	/* ARIA-128-CBC */
	test_cbc_kat(0xc03d, TLS1_2_VERSION);	/* ARIA-256-CBC */
	test_tls12_aead_kat(suite_by_code(0xc050), "ARIA128-GCM-SHA256");
	test_tls12_aead_kat(suite_by_code(0xc051), "ARIA256-GCM-SHA384");
	test_tls12_aead_kat(suite_by_code(0xc09d), "AES256-CCM");
	test_tls12_aead_kat(suite_by_code(0xc0a1), "AES256-CCM8");
	test_stream_kat(0x0004, TLS1_0_VERSION);	/* RC4-MD5 */
	test_stream_kat(0x0005, TLS1_2_VERSION);	/* RC4-SHA */
	test_stream_kat(0x0001, TLS1_2_VERSION);	/* NULL-MD5 */
	test_stream_kat(0x003b, TLS1_2_VERSION);	/* NULL-SHA256 */
	test_etm_kat(0x002f, TLS1_2_VERSION);	/* AES128-SHA */
	test_etm_kat(0x002f, TLS1_1_VERSION);
	test_etm_kat(0x002f, TLS1_0_VERSION);
	test_etm_kat(0xc028, TLS1_2_VERSION);	/* HMAC-SHA384 */
	test_etm_kat(0x000a, TLS1_0_VERSION);	/* 3DES, 8-byte blocks */
	{
		struct rprot *g = NULL;
		struct keymat gm;

		keymat_init(&gm, suite_by_code(0xc02f), TLS1_2_VERSION, 1);
		CHECK(rprot_new(suite_by_code(0xc02f), TLS1_2_VERSION, &gm.k,
		    1, &g) == 0 && rprot_set_etm(g) == TP_E_INTERNAL,
		    "cipher: encrypt-then-MAC refused for a GCM state");
		rprot_free(g);
	}
	test_gcm_construction();
	test_ssl3_records();
	test_tls10_chain(0x002f);
	test_tls10_chain(0x000a);
	test_bad_params();
	test_overhead();
	test_random_iv();
	UNIT_EXIT();
}
