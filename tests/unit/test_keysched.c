/*
 * test_keysched.c -- transcript, PRFs and the TLS 1.3 key schedule against
 * published vectors: RFC 8448 (sections 3 and 4), the TLS 1.2 PRF "test
 * label" vectors posted to the TLS WG list (mail-archive/web/tls/current/
 * msg03416.html), RFC 4231 HMAC vectors, and independent re-implementations
 * of P_hash, the TLS 1.0 PRF and HKDF-Expand written here from raw EVP_MAC.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "keysched.h"
#include "ssl3.h"
#include "tperr.h"
#include "unit.h"

/*
 * RFC 8448, 3: Simple 1-RTT Handshake (TLS_AES_128_GCM_SHA256, x25519).
 */
static const char ch_hex[] =	/* ClientHello (196 octets) */
    "01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d"
    "ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13"
    "03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72"
    "ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01"
    "01 01 02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99"
    "38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae"
    "4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e"
    "04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01"
    "04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01";
static const char sh_hex[] =	/* ServerHello (90 octets) */
    "02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95"
    "93 0c 8a c5 cb 14 34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e"
    "00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6"
    "72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02"
    "03 04";
static const char ee_hex[] =	/* EncryptedExtensions (40 octets) */
    "08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00"
    "01 01 01 02 01 03 01 04 00 1c 00 02 40 01 00 00 00 00";
static const char cert_hex[] =	/* Certificate (445 octets) */
    "0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02"
    "01 02 02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e"
    "31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36 30 37"
    "33 30 30 31 32 33 35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35"
    "39 5a 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 81 9f 30"
    "0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00 30 81 89 02"
    "81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68"
    "de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a"
    "95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e"
    "e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f da 43"
    "08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b"
    "d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02"
    "03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30 0b 06"
    "03 55 1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01"
    "0b 05 00 03 81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67"
    "17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea e8 f8 a5"
    "8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60"
    "96 fd 33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be c1 fc 63 a4 2a"
    "99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0 a8 b2"
    "f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8 96 12 29 ac 91 87 b4"
    "2b 4d e1 00 00";
static const char cv_hex[] =	/* CertificateVerify (136 octets) */
    "0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0 85 a6 10"
    "15 b7 21 1f 82 4c d4 84 14 5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc 90"
    "db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee aa a7"
    "85 c4 f3 94 ca b6 d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac"
    "02 76 71 45 9e 46 44 5c 9e a5 8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27"
    "84 09 d3 be 15 2a 3d a5 04 3e 06 3d da 65 cd f5 ae a2 0d 53 df ac"
    "d4 2f 74 f3";
static const char sfin_hex[] =	/* server Finished (36 octets) */
    "14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4"
    "2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07 18";
static const char cfin_hex[] =	/* client Finished (36 octets) */
    "14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1"
    "76 94 fa c6 e9 85 27 b6 42 f2 ed d5 ce 61";

/* {server} extract secret "handshake": IKM, the x25519 shared secret */
static const char ecdhe_hex[] =
    "8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d"
    "35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d";
static const char early_hex[] =
    "33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2"
    "10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a";
static const char empty_hash_hex[] =	/* SHA-256("") */
    "e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24"
    "27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55";
static const char derived_hs_hex[] =	/* derive secret for handshake */
    "6f 26 15 a1 08 c7 02 c5 67 8f 54 fc 9d ba b6 97"
    "16 c0 76 18 9c 48 25 0c eb ea c3 57 6c 36 11 ba";
static const char derived_info_hex[] =	/* info (49 octets) */
    "00 20 0d 74 6c 73 31 33 20 64 65 72 69 76 65 64 20 e3 b0 c4 42 98"
    "fc 1c 14 9a fb f4 c8 99 6f b9 24 27 ae 41 e4 64 9b 93 4c a4 95 99"
    "1b 78 52 b8 55";
static const char hs_hex[] =
    "1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01"
    "04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac";
static const char th_ch_sh_hex[] =
    "86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed"
    "d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8";
static const char c_hs_info_hex[] =	/* info (54 octets) */
    "00 20 12 74 6c 73 31 33 20 63 20 68 73 20 74 72 61 66 66 69 63 20"
    "86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6"
    "e9 5f 02 ed 06 3c f0 e1 ca d8";
static const char c_hs_hex[] =
    "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f"
    "3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21";
static const char s_hs_hex[] =
    "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4"
    "e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38";
static const char derived_ms_hex[] =	/* derive secret for master */
    "43 de 77 e0 c7 77 13 85 9a 94 4d b9 db 25 90 b5"
    "31 90 a6 5b 3e e2 e4 f1 2d d7 a0 bb 7c e2 54 b4";
static const char master_hex[] =
    "18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47"
    "80 01 bc 4d 4c 62 79 84 d5 a4 1d a8 d0 40 29 19";
static const char key_info_hex[] = "00 10 09 74 6c 73 31 33 20 6b 65 79 00";
static const char iv_info_hex[] = "00 0c 08 74 6c 73 31 33 20 69 76 00";
static const char s_hs_key_hex[] =
    "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc";
static const char s_hs_iv_hex[] = "5d 31 3e b2 67 12 76 ee 13 00 0b 30";
static const char c_hs_key_hex[] =
    "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01";
static const char c_hs_iv_hex[] = "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f";
static const char finished_info_hex[] =
    "00 20 0e 74 6c 73 31 33 20 66 69 6e 69 73 68 65 64 00";
static const char s_fin_key_hex[] =
    "00 8d 3b 66 f8 16 ea 55 9f 96 b5 37 e8 85 c3 1f"
    "c0 68 bf 49 2c 65 2f 01 f2 88 a1 d8 cd c1 9f c8";
static const char s_fin_hex[] =
    "9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da"
    "4a b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07 18";
static const char th_ch_sf_hex[] =
    "96 08 10 2a 0f 1c cc 6d b6 25 0b 7b 7e 41 7b 1a"
    "00 0e aa da 3d aa e4 77 7a 76 86 c9 ff 83 df 13";
static const char c_ap_hex[] =
    "9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52"
    "87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5";
static const char s_ap_hex[] =
    "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32"
    "82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43";
static const char exp_hex[] =
    "fe 22 f8 81 17 6e da 18 eb 8f 44 52 9e 67 92 c5"
    "0c 9a 3f 89 45 2f 68 d8 ae 31 1b 43 09 d3 cf 50";
static const char s_ap_key_hex[] =
    "9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56";
static const char s_ap_iv_hex[] = "cf 78 2b 88 dd 83 54 9a ad f1 e9 84";
static const char c_fin_key_hex[] =
    "b8 0a d0 10 15 fb 2f 0b d6 5f f7 d4 da 5d 6b f8"
    "3f 84 82 1d 1f 87 fd c7 d3 c7 5b 5a 7b 42 d9 c4";
static const char c_fin_hex[] =
    "a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03"
    "9e c1 76 94 fa c6 e9 85 27 b6 42 f2 ed d5 ce 61";
static const char c_ap_key_hex[] =
    "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51";
static const char c_ap_iv_hex[] = "5b 78 92 3d ee 08 57 90 33 e5 23 d9";
static const char th_ch_cf_hex[] =
    "20 91 45 a9 6e e8 e2 a1 22 ff 81 00 47 cc 95 26"
    "84 65 8d 60 49 e8 64 29 42 6d b8 7c 54 ad 14 3d";
static const char res_hex[] =
    "7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf"
    "da f8 6c c8 56 23 1f 2d 5a ba 46 c4 34 ec 19 6c";

/*
 * RFC 8448, 3 and 4: the ticket's PSK ("tls13 resumption", nonce 00 00),
 * and the resumed handshake's early secret, binder key and PSK binder.
 */
static const char psk_hex[] =
    "4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5"
    "85 1a 27 7f d4 13 11 c9 e6 2d 2c 94 92 e1 c4 f3";
static const char psk_early_hex[] =
    "9b 21 88 e9 b2 fc 6d 64 d7 1d c3 29 90 0e 20 bb"
    "41 91 50 00 f6 78 aa 83 9c bb 79 7c b7 d8 33 2c";
static const char binder_key_hex[] =
    "69 fe 13 1a 3b ba d5 d6 3c 64 ee bc c3 0e 39 5b"
    "9d 81 07 72 6a 13 d0 74 e3 89 db c8 a4 e4 72 56";
static const char binder_hash_hex[] =
    "63 22 4b 2e 45 73 f2 d3 45 4c a8 4b 9d 00 9a 04"
    "f6 be 9e 05 71 1a 83 96 47 3a ef a0 1e 92 4a 14";
static const char binder_fin_key_hex[] =
    "55 88 67 3e 72 cb 59 c8 7d 22 0c af fe 94 f2 de"
    "a9 a3 b1 60 9f 7d 50 e9 0a 48 22 7d b9 ed 7e aa";
static const char binder_hex[] =
    "3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8"
    "8d ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e 5f 9d";

/*
 * TLS 1.2 PRF vectors, "test label" (TLS WG list, msg03416).
 */
static const char prf256_secret[] =
    "9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35";
static const char prf256_seed[] =
    "a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c";
static const char prf256_out[] =	/* 100 octets */
    "e3 f2 29 ba 72 7b e1 7b 8d 12 26 20 55 7c d4 53"
    "c2 aa b2 1d 07 c3 d4 95 32 9b 52 d4 e6 1e db 5a"
    "6b 30 17 91 e9 0d 35 c9 c9 a4 6b 4e 14 ba f9 af"
    "0f a0 22 f7 07 7d ef 17 ab fd 37 97 c0 56 4b ab"
    "4f bc 91 66 6e 9d ef 9b 97 fc e3 4f 79 67 89 ba"
    "a4 80 82 d1 22 ee 42 c5 a7 2e 5a 51 10 ff f7 01"
    "87 34 7b 66";
static const char prf384_secret[] =
    "b8 0b 73 3d 6c ee fc dc 71 56 6e a4 8e 55 67 df";
static const char prf384_seed[] =
    "cd 66 5c f6 a8 44 7d d6 ff 8b 27 55 5e db 74 65";
static const char prf384_out[] =	/* 148 octets */
    "7b 0c 18 e9 ce d4 10 ed 18 04 f2 cf a3 4a 33 6a"
    "1c 14 df fb 49 00 bb 5f d7 94 21 07 e8 1c 83 cd"
    "e9 ca 0f aa 60 be 9f e3 4f 82 b1 23 3c 91 46 a0"
    "e5 34 cb 40 0f ed 27 00 88 4f 9d c2 36 f8 0e dd"
    "8b fa 96 11 44 c9 e8 d7 92 ec a7 22 a7 b3 2f c3"
    "d4 16 d4 73 eb c2 c5 fd 4a bf da d0 5d 91 84 25"
    "9b 5b f8 cd 4d 90 fa 0d 31 e2 de c4 79 e4 f1 a2"
    "60 66 f2 ee a9 a6 92 36 a3 e5 26 55 c9 e9 ae e6"
    "91 c8 f3 a2 68 54 30 8d 5e aa 3b e8 5e 09 90 70"
    "3d 73 e5 6f";

/* The bound keysched.c puts on the transcript. */
#define TRANSCRIPT_BOUND	(4u * 1024 * 1024)

static int
check_hex(const char *name, const uint8_t *got, size_t n, const char *hex)
{
	uint8_t want[1024];
	size_t wn, i;
	int ok;

	wn = unit_hex(hex, want, sizeof(want));
	ok = wn <= sizeof(want) && wn == n && memcmp(got, want, n) == 0;
	CHECK(ok, name);
	if (!ok) {
		printf("    got  (%zu):", n);
		for (i = 0; i < n; i++)
			printf(" %02x", got[i]);
		printf("\n");
	}
	return ok;
}

static size_t
hex(const char *s, uint8_t *buf, size_t cap)
{
	size_t n = unit_hex(s, buf, cap);

	if (n > cap) {
		printf("FAIL: hex constant too long\n");
		exit(1);
	}
	return n;
}

/* HMAC straight from EVP_MAC, independent of tp_hmac(). */
static size_t
raw_hmac(const char *md, const uint8_t *key, size_t keylen,
    const uint8_t *msg, size_t msglen, uint8_t *out)
{
	OSSL_PARAM params[2];
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx;
	size_t outlen = 0;

	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)md, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (ctx == NULL || !EVP_MAC_init(ctx, key, keylen, params) ||
	    !EVP_MAC_update(ctx, msg, msglen) ||
	    !EVP_MAC_final(ctx, out, &outlen, EVP_MAX_MD_SIZE))
		outlen = 0;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return outlen;
}

/*
 * RFC 5246, 5: P_hash(secret, seed) = HMAC(secret, A(1) + seed) ||
 * HMAC(secret, A(2) + seed) || ..., A(0) = seed, A(i) = HMAC(secret, A(i-1)).
 */
static void
p_hash(const char *md, const uint8_t *secret, size_t slen,
    const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen)
{
	uint8_t a[EVP_MAX_MD_SIZE], buf[EVP_MAX_MD_SIZE + 256];
	uint8_t blk[EVP_MAX_MD_SIZE];
	size_t alen, blen, take;

	alen = raw_hmac(md, secret, slen, seed, seedlen, a);	/* A(1) */
	while (outlen > 0) {
		memcpy(buf, a, alen);
		memcpy(buf + alen, seed, seedlen);
		blen = raw_hmac(md, secret, slen, buf, alen + seedlen, blk);
		take = outlen < blen ? outlen : blen;
		memcpy(out, blk, take);
		out += take;
		outlen -= take;
		alen = raw_hmac(md, secret, slen, a, alen, a);
	}
}

/* label + seed, for the reference PRFs */
static size_t
label_seed(const char *label, const uint8_t *s1, size_t n1,
    const uint8_t *s2, size_t n2, uint8_t *out)
{
	size_t n = strlen(label);

	memcpy(out, label, n);
	memcpy(out + n, s1, n1);
	if (n2 > 0)
		memcpy(out + n + n1, s2, n2);
	return n + n1 + n2;
}

/*
 * RFC 2246, 5: PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR
 * P_SHA-1(S2, label + seed), S1 and S2 the two halves of the secret,
 * sharing the middle byte when the length is odd.
 */
static void
prf10(const uint8_t *secret, size_t slen, const uint8_t *ls, size_t lslen,
    uint8_t *out, size_t outlen)
{
	uint8_t md5[256], sha1[256];
	size_t half = (slen + 1) / 2, i;

	p_hash("MD5", secret, half, ls, lslen, md5, outlen);
	p_hash("SHA1", secret + (slen - half), half, ls, lslen, sha1, outlen);
	for (i = 0; i < outlen; i++)
		out[i] = md5[i] ^ sha1[i];
}

/* RFC 5869, 2.3, straight from HMAC: T(i) = HMAC(PRK, T(i-1) | info | i) */
static void
hkdf_expand_ref(const char *md, const uint8_t *prk, size_t prklen,
    const uint8_t *info, size_t infolen, uint8_t *out, size_t outlen)
{
	uint8_t t[EVP_MAX_MD_SIZE], buf[EVP_MAX_MD_SIZE + 600];
	size_t tlen = 0, n, take;
	uint8_t i = 1;

	while (outlen > 0) {
		memcpy(buf, t, tlen);
		memcpy(buf + tlen, info, infolen);
		buf[tlen + infolen] = i++;
		n = tlen + infolen + 1;
		tlen = raw_hmac(md, prk, prklen, buf, n, t);
		take = outlen < tlen ? outlen : tlen;
		memcpy(out, t, take);
		out += take;
		outlen -= take;
	}
}

static void
test_primitives(void)
{
	uint8_t out[64], key[64], msg[64], a[32], b[32];
	size_t kn, mn;

	/* FIPS 180-2 "abc"; MD5-SHA1 is MD5 || SHA-1 (RFC 2246, 7.4.3) */
	CHECK(tp_digest(HASH_SHA256, (const uint8_t *)"abc", 3, out) == 0,
	    "tp_digest SHA256 runs");
	check_hex("tp_digest SHA256(abc)", out, 32,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK(tp_digest(HASH_SHA384, (const uint8_t *)"abc", 3, out) == 0,
	    "tp_digest SHA384 runs");
	check_hex("tp_digest SHA384(abc)", out, 48,
	    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	    "8086072ba1e7cc2358baeca134c825a7");
	CHECK(tp_digest(HASH_MD5_SHA1, (const uint8_t *)"abc", 3, out) == 0,
	    "tp_digest MD5-SHA1 runs");
	check_hex("tp_digest MD5-SHA1(abc)", out, 36,
	    "900150983cd24fb0d6963f7d28e17f72"
	    "a9993e364706816aba3e25717850c26c9cd0d89d");
	CHECK(tp_digest(HASH_SHA256, NULL, 0, out) == 0,
	    "tp_digest SHA256 of nothing runs");
	check_hex("tp_digest SHA256(\"\")", out, 32, empty_hash_hex);
	CHECK(tp_digest(HASH_NONE, (const uint8_t *)"abc", 3, out) != 0,
	    "tp_digest HASH_NONE fails");

	/* RFC 4231, 4.3 (test case 2) */
	kn = hex("4a656665", key, sizeof(key));	/* "Jefe" */
	mn = hex("7768617420646f2079612077616e7420666f72206e6f7468696e673f",
	    msg, sizeof(msg));
	CHECK(tp_hmac(HASH_SHA256, key, kn, msg, mn, out) == 0,
	    "tp_hmac SHA256 runs");
	check_hex("tp_hmac RFC 4231 case 2 SHA256", out, 32,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	CHECK(tp_hmac(HASH_SHA384, key, kn, msg, mn, out) == 0,
	    "tp_hmac SHA384 runs");
	check_hex("tp_hmac RFC 4231 case 2 SHA384", out, 48,
	    "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
	    "8e2240ca5e69e2c78b3239ecfab21649");
	CHECK(tp_hmac(HASH_SHA256, NULL, 0, NULL, 0, out) == 0,
	    "tp_hmac empty key, empty message runs");
	check_hex("tp_hmac SHA256(\"\", \"\")", out, 32,
	    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
	CHECK(tp_hmac(HASH_NONE, key, kn, msg, mn, out) != 0,
	    "tp_hmac HASH_NONE fails");

	memset(a, 0x5a, sizeof(a));
	memcpy(b, a, sizeof(b));
	CHECK(tp_memeq_ct(a, b, sizeof(a)) == 0, "tp_memeq_ct equal is 0");
	b[31] ^= 0x01;
	CHECK(tp_memeq_ct(a, b, sizeof(a)) != 0,
	    "tp_memeq_ct last byte differs");
	b[31] ^= 0x01;
	b[0] ^= 0x80;
	CHECK(tp_memeq_ct(a, b, sizeof(a)) != 0,
	    "tp_memeq_ct first byte differs");

	tp_wipe(a, sizeof(a));
	memset(b, 0, sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) == 0, "tp_wipe zeroes");
}

static void
fill_0xa5(uint8_t *p, size_t n)
{
	memset(p, 0xa5, n);
}

static void
test_random(void)
{
	uint8_t a[32], b[32], z[32];
	size_t i;

	memset(z, 0, sizeof(z));
	CHECK(tp_random(a, sizeof(a)) == 0 && tp_random(b, sizeof(b)) == 0,
	    "tp_random runs");
	CHECK(memcmp(a, b, sizeof(a)) != 0 && memcmp(a, z, sizeof(a)) != 0,
	    "tp_random gives fresh bytes");
	tp_random_hook = fill_0xa5;
	CHECK(tp_random(a, sizeof(a)) == 0, "tp_random with hook runs");
	for (i = 0; i < sizeof(a) && a[i] == 0xa5; i++)
		;
	CHECK(i == sizeof(a), "tp_random uses the hook");
	tp_random_hook = NULL;
	CHECK(tp_random(a, sizeof(a)) == 0, "tp_random after the hook runs");
	for (i = 0; i < sizeof(a) && a[i] == 0xa5; i++)
		;
	CHECK(i < sizeof(a), "tp_random without the hook is RAND_bytes again");
	CHECK(tp_random(NULL, 0) == 0, "tp_random of nothing");
}

/* RFC 8448, 3, step by step. */
static void
test_rfc8448_simple(void)
{
	struct transcript ts;
	struct tls13_secrets s;
	uint8_t ch[256], sh[128], ee[64], cert[512], cv[160], sfin[64];
	uint8_t cfin[64], ecdhe[32], th[32], out[64], buf[128], info[64];
	uint8_t prk[32], key[16], iv[12];
	size_t chn, shn, een, certn, cvn, sfinn, cfinn, n;

	chn = hex(ch_hex, ch, sizeof(ch));
	shn = hex(sh_hex, sh, sizeof(sh));
	een = hex(ee_hex, ee, sizeof(ee));
	certn = hex(cert_hex, cert, sizeof(cert));
	cvn = hex(cv_hex, cv, sizeof(cv));
	sfinn = hex(sfin_hex, sfin, sizeof(sfin));
	cfinn = hex(cfin_hex, cfin, sizeof(cfin));
	hex(ecdhe_hex, ecdhe, sizeof(ecdhe));
	CHECK(chn == 196 && shn == 90 && een == 40 && certn == 445 &&
	    cvn == 136 && sfinn == 36 && cfinn == 36,
	    "RFC 8448 message lengths");

	/* {server} extract secret "early" */
	CHECK(tls13_early(&s, HASH_SHA256, NULL, 0) == 0, "tls13_early runs");
	check_hex("RFC 8448 early secret", s.early, 32, early_hex);

	/* {server} derive secret for handshake "tls13 derived" */
	CHECK(tp_digest(HASH_SHA256, NULL, 0, th) == 0 &&
	    derive_secret(HASH_SHA256, s.early, "derived", th, out) == 0,
	    "derive_secret derived runs");
	check_hex("RFC 8448 derived (handshake)", out, 32, derived_hs_hex);
	/* the same from HkdfLabel bytes printed in the RFC, via raw HMAC */
	n = hex(derived_info_hex, info, sizeof(info));
	hkdf_expand_ref("SHA256", s.early, 32, info, n, buf, 32);
	check_hex("RFC 8448 derived info bytes give derived", buf, 32,
	    derived_hs_hex);

	/* {server} extract secret "handshake", via hkdf_extract itself */
	hex(derived_hs_hex, prk, sizeof(prk));
	CHECK(hkdf_extract(HASH_SHA256, prk, 32, ecdhe, 32, out) == 0,
	    "hkdf_extract runs");
	check_hex("RFC 8448 handshake secret (hkdf_extract)", out, 32, hs_hex);

	/* the transcript CH..SH gives the hash derive needs */
	transcript_init(&ts);
	CHECK(transcript_add(&ts, ch, chn) == 0 &&
	    transcript_add(&ts, sh, shn) == 0, "transcript CH, SH");
	CHECK(transcript_hash(&ts, HASH_SHA256, th) == 0,
	    "transcript_hash CH..SH runs");
	check_hex("RFC 8448 Hash(CH..SH)", th, 32, th_ch_sh_hex);

	CHECK(tls13_handshake(&s, ecdhe, 32, th) == 0,
	    "tls13_handshake runs");
	check_hex("RFC 8448 handshake secret", s.handshake, 32, hs_hex);
	check_hex("RFC 8448 c hs traffic", s.c_hs, 32, c_hs_hex);
	check_hex("RFC 8448 s hs traffic", s.s_hs, 32, s_hs_hex);
	/* the c hs traffic info bytes, through the reference HKDF-Expand */
	n = hex(c_hs_info_hex, info, sizeof(info));
	CHECK(n == 54, "RFC 8448 c hs info length");
	hkdf_expand_ref("SHA256", s.handshake, 32, info, n, buf, 32);
	check_hex("RFC 8448 c hs info bytes give c hs traffic", buf, 32,
	    c_hs_hex);

	/* handshake traffic keys (AES-128-GCM: 16-byte key) */
	CHECK(tls13_traffic_keys(HASH_SHA256, s.s_hs, 16, key, iv) == 0,
	    "tls13_traffic_keys s hs runs");
	check_hex("RFC 8448 server hs write key", key, 16, s_hs_key_hex);
	check_hex("RFC 8448 server hs write iv", iv, 12, s_hs_iv_hex);
	n = hex(key_info_hex, info, sizeof(info));
	hkdf_expand_ref("SHA256", s.s_hs, 32, info, n, buf, 16);
	check_hex("RFC 8448 key info bytes give the key", buf, 16,
	    s_hs_key_hex);
	n = hex(iv_info_hex, info, sizeof(info));
	hkdf_expand_ref("SHA256", s.s_hs, 32, info, n, buf, 12);
	check_hex("RFC 8448 iv info bytes give the iv", buf, 12, s_hs_iv_hex);
	CHECK(tls13_traffic_keys(HASH_SHA256, s.c_hs, 16, key, iv) == 0,
	    "tls13_traffic_keys c hs runs");
	check_hex("RFC 8448 client hs write key", key, 16, c_hs_key_hex);
	check_hex("RFC 8448 client hs write iv", iv, 12, c_hs_iv_hex);

	/* server Finished over CH..CV */
	CHECK(transcript_add(&ts, ee, een) == 0 &&
	    transcript_add(&ts, cert, certn) == 0 &&
	    transcript_add(&ts, cv, cvn) == 0, "transcript EE, Cert, CV");
	CHECK(transcript_hash(&ts, HASH_SHA256, th) == 0,
	    "transcript_hash CH..CV runs");
	CHECK(hkdf_expand_label(HASH_SHA256, s.s_hs, "finished", NULL, 0,
	    out, 32) == 0, "server finished_key runs");
	check_hex("RFC 8448 server finished_key", out, 32, s_fin_key_hex);
	n = hex(finished_info_hex, info, sizeof(info));
	hkdf_expand_ref("SHA256", s.s_hs, 32, info, n, buf, 32);
	check_hex("RFC 8448 finished info bytes give finished_key", buf, 32,
	    s_fin_key_hex);
	CHECK(tls13_finished(HASH_SHA256, s.s_hs, th, out) == 0,
	    "tls13_finished server runs");
	check_hex("RFC 8448 server Finished verify_data", out, 32, s_fin_hex);
	CHECK(memcmp(sfin + 4, out, 32) == 0,
	    "RFC 8448 server Finished message body matches");
	/* tamper: one bit of the transcript hash changes verify_data */
	th[7] ^= 0x10;
	CHECK(tls13_finished(HASH_SHA256, s.s_hs, th, buf) == 0 &&
	    tp_memeq_ct(buf, out, 32) != 0,
	    "tls13_finished depends on the transcript hash");
	th[7] ^= 0x10;
	/* and on the base key: the client's gives another */
	CHECK(tls13_finished(HASH_SHA256, s.c_hs, th, buf) == 0 &&
	    tp_memeq_ct(buf, out, 32) != 0,
	    "tls13_finished depends on the base key");

	/* master secret and application secrets over CH..server Finished */
	CHECK(transcript_add(&ts, sfin, sfinn) == 0,
	    "transcript server Finished");
	CHECK(transcript_hash(&ts, HASH_SHA256, th) == 0,
	    "transcript_hash CH..SF runs");
	check_hex("RFC 8448 Hash(CH..SF)", th, 32, th_ch_sf_hex);
	hex(empty_hash_hex, buf, sizeof(buf));
	CHECK(derive_secret(HASH_SHA256, s.handshake, "derived", buf,
	    out) == 0, "derive_secret derived (master) runs");
	check_hex("RFC 8448 derived (master)", out, 32, derived_ms_hex);
	CHECK(tls13_master(&s, th) == 0, "tls13_master runs");
	check_hex("RFC 8448 master secret", s.master, 32, master_hex);
	check_hex("RFC 8448 c ap traffic", s.c_ap, 32, c_ap_hex);
	check_hex("RFC 8448 s ap traffic", s.s_ap, 32, s_ap_hex);
	check_hex("RFC 8448 exp master", s.exporter, 32, exp_hex);
	CHECK(tls13_traffic_keys(HASH_SHA256, s.s_ap, 16, key, iv) == 0,
	    "tls13_traffic_keys s ap runs");
	check_hex("RFC 8448 server ap write key", key, 16, s_ap_key_hex);
	check_hex("RFC 8448 server ap write iv", iv, 12, s_ap_iv_hex);
	CHECK(tls13_traffic_keys(HASH_SHA256, s.c_ap, 16, key, iv) == 0,
	    "tls13_traffic_keys c ap runs");
	check_hex("RFC 8448 client ap write key", key, 16, c_ap_key_hex);
	check_hex("RFC 8448 client ap write iv", iv, 12, c_ap_iv_hex);

	/* client Finished over CH..server Finished */
	CHECK(hkdf_expand_label(HASH_SHA256, s.c_hs, "finished", NULL, 0,
	    out, 32) == 0, "client finished_key runs");
	check_hex("RFC 8448 client finished_key", out, 32, c_fin_key_hex);
	CHECK(tls13_finished(HASH_SHA256, s.c_hs, th, out) == 0,
	    "tls13_finished client runs");
	check_hex("RFC 8448 client Finished verify_data", out, 32, c_fin_hex);
	CHECK(memcmp(cfin + 4, out, 32) == 0,
	    "RFC 8448 client Finished message body matches");

	/* resumption master secret over CH..client Finished */
	CHECK(transcript_add(&ts, cfin, cfinn) == 0,
	    "transcript client Finished");
	CHECK(transcript_hash(&ts, HASH_SHA256, th) == 0,
	    "transcript_hash CH..CF runs");
	check_hex("RFC 8448 Hash(CH..CF)", th, 32, th_ch_cf_hex);
	CHECK(tls13_resumption(&s, th) == 0, "tls13_resumption runs");
	check_hex("RFC 8448 res master", s.resumption, 32, res_hex);

	/* the ticket's PSK: "tls13 resumption", context = nonce 00 00 */
	memset(buf, 0, 2);
	CHECK(hkdf_expand_label(HASH_SHA256, s.resumption, "resumption",
	    buf, 2, out, 32) == 0, "PSK from ticket nonce runs");
	check_hex("RFC 8448 PSK (tls13 resumption)", out, 32, psk_hex);

	/* RFC 7.2: key update, against HkdfLabel built by hand */
	hex(c_ap_hex, prk, sizeof(prk));
	/* uint16 32, "tls13 traffic upd", empty context */
	n = hex("00 20 11 74 6c 73 31 33 20 74 72 61 66 66 69 63 20 75 70 64"
	    "00", info, sizeof(info));
	hkdf_expand_ref("SHA256", prk, 32, info, n, buf, 32);
	CHECK(tls13_update_secret(HASH_SHA256, prk) == 0,
	    "tls13_update_secret runs");
	CHECK(memcmp(prk, buf, 32) == 0,
	    "tls13_update_secret is Expand-Label(\"traffic upd\")");
	hex(c_ap_hex, out, sizeof(out));
	CHECK(memcmp(prk, out, 32) != 0, "tls13_update_secret changed it");

	tp_wipe(&s, sizeof(s));
	transcript_free(&ts);
	CHECK(ts.buf == NULL && ts.len == 0 && ts.cap == 0,
	    "transcript_free resets");
}

/* RFC 8448, 4: early secret from a PSK, binder key and binder. */
static void
test_rfc8448_psk(void)
{
	struct tls13_secrets s;
	uint8_t psk[32], th[32], empty[32], out[32];

	hex(psk_hex, psk, sizeof(psk));
	CHECK(tls13_early(&s, HASH_SHA256, psk, 32) == 0,
	    "tls13_early with PSK runs");
	check_hex("RFC 8448 resumed early secret", s.early, 32,
	    psk_early_hex);
	hex(empty_hash_hex, empty, sizeof(empty));
	CHECK(derive_secret(HASH_SHA256, s.early, "res binder", empty,
	    out) == 0, "binder key runs");
	check_hex("RFC 8448 binder key (res binder)", out, 32,
	    binder_key_hex);
	/* RFC 8446, 4.2.11.2: the binder is a Finished over the truncated CH */
	CHECK(hkdf_expand_label(HASH_SHA256, out, "finished", NULL, 0, psk,
	    32) == 0, "binder finished_key runs");
	check_hex("RFC 8448 binder finished_key", psk, 32, binder_fin_key_hex);
	hex(binder_hash_hex, th, sizeof(th));
	CHECK(tls13_finished(HASH_SHA256, out, th, psk) == 0,
	    "binder runs");
	check_hex("RFC 8448 PSK binder", psk, 32, binder_hex);
	tp_wipe(&s, sizeof(s));
}

/* RFC 8448, 4: the ClientHello up to the binders list (477 octets). */
static const char ch_prefix_hex[] =
    "01 00 01 fc 03 03 1b c3 ce b6 bb e3 9c "
    "ff 93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41 9d 78 "
    "76 48 7d 95 00 00 06 13 01 13 03 13 02 01 00 01 cd 00 00 00 0b "
    "00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 "
    "12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 33 "
    "00 26 00 24 00 1d 00 20 e4 ff b6 8a c0 5f 8d 96 c9 9d a2 66 98 "
    "34 6c 6b e1 64 82 ba dd da fe 05 1a 66 b4 f1 8d 66 8f 0b 00 2a "
    "00 00 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 "
    "02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 06 "
    "02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 57 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 29 00 dd 00 b8 00 b2 2c 03 5d 82 93 59 ee 5f f7 af 4e c9 "
    "00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 "
    "70 ad 3c 49 88 83 c9 36 7c 09 a2 be 78 5a bc 55 cd 22 60 97 a3 "
    "a9 82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 be 7f "
    "d6 1d 28 27 db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 9e "
    "e0 37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f "
    "a5 90 6c 5b 3f 7d 8f 92 f2 28 bd a4 0d da 72 14 70 f9 fb f2 97 "
    "b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6 21 a7 91 41 ef 5f "
    "7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a e4 d3 57 fa d6 "
    "aa cb ";

/*
 * RFC 8448, 4 through the functions the client uses: the ticket's PSK
 * from the resumption master secret and nonce, the transcript hash of the
 * truncated ClientHello (empty transcript before it), and the binder.
 */
static void
test_rfc8448_resume_api(void)
{
	struct transcript ts;
	uint8_t res[32], nonce[2] = { 0, 0 }, psk[32], th[32], binder[32];
	uint8_t ch[600];
	size_t chlen;

	hex(res_hex, res, sizeof(res));
	CHECK(tls13_ticket_psk(HASH_SHA256, res, nonce, 2, psk) == 0,
	    "tls13_ticket_psk runs");
	check_hex("RFC 8448 ticket PSK via tls13_ticket_psk", psk, 32,
	    psk_hex);
	chlen = unit_hex(ch_prefix_hex, ch, sizeof(ch));
	CHECK(chlen == 477, "RFC 8448 truncated ClientHello is 477 octets");
	transcript_init(&ts);
	CHECK(transcript_hash_plus(&ts, HASH_SHA256, ch, chlen, th) == 0,
	    "transcript_hash_plus runs");
	check_hex("RFC 8448 binder hash via transcript_hash_plus", th, 32,
	    binder_hash_hex);
	CHECK(tls13_binder(HASH_SHA256, psk, 32, th, binder) == 0,
	    "tls13_binder runs");
	check_hex("RFC 8448 PSK binder via tls13_binder", binder, 32,
	    binder_hex);
	/* one bit of the PSK changed: another binder */
	psk[0] ^= 1;
	CHECK(tls13_binder(HASH_SHA256, psk, 32, th, binder) == 0 &&
	    memcmp(binder, th, 32) != 0, "tls13_binder with another PSK");
	unit_hex(binder_hex, th, sizeof(th));
	CHECK(memcmp(binder, th, 32) != 0, "a changed PSK changes the binder");
	transcript_free(&ts);
}

/*
 * External PSK binder (RFC 8446, 4.2.11.2, "ext binder"): no published
 * vector (RFC 8448 resumes), so a ClientHello that openssl s_client 3.0.19
 * sent with -psk 0123456789abcdef0123456789abcdef -psk_identity myid
 * (captured with -msg; its binder also checked with Python's hmac).
 */
static const char s_client_ext_ch_hex[] =
	"010001870303e552257da770d69d72c2334237923760f1549673ce9874ea5fde"
	"5afb0ec847d020d24ca323a62525bd5dacc16a09963fa0058ee6f52e243e94f3"
	"21a1a21350eb520072130213031301c02cc030009fcca9cca8ccaac02bc02f00"
	"9ec024c028006bc023c0270067c00ac0140039c009c013003300ad00abccaecc"
	"adccac009d00a9ccab00ac00aa009c00a8003d003cc038c03600b700b3009500"
	"91003500af008dc037c03500b600b200940090002f00ae008c00ff010000cc00"
	"0b000403000102000a00160014001d0017001e00190018010001010102010301"
	"04002300000016000000170000000d002a002804030503060308070808080908"
	"0a080b080408050806040105010601030303010302040205020602002b000908"
	"0304030303020301002d00020101003300260024001d00201fba5e5b37a9965a"
	"b142b288330562faa140b274d0f8c654b9b72bc6a7de35670029002f000a0004"
	"6d79696400000000002120ce30ab4e7c546a7a8f2e4364d3b9bee8af69258d1c"
	"0e0eae7b51b5f0265a7230";

static void
test_ext_binder(void)
{
	struct transcript ts;
	uint8_t ch[400], th[32], binder[32];
	uint8_t psk[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	size_t chlen;

	chlen = unit_hex(s_client_ext_ch_hex, ch, sizeof(ch));
	CHECK(chlen == 395, "s_client external-PSK ClientHello is 395 octets");
	/* the binders list is last: 2 + 1 + 32 octets */
	transcript_init(&ts);
	CHECK(transcript_hash_plus(&ts, HASH_SHA256, ch, chlen - 35, th) == 0,
	    "transcript_hash_plus over the truncated ClientHello");
	CHECK(tls13_binder_ext(HASH_SHA256, 1, psk, sizeof(psk), th,
	    binder) == 0, "tls13_binder_ext runs");
	CHECK(memcmp(binder, ch + chlen - 32, 32) == 0,
	    "external binder equals the one s_client sent");
	CHECK(tls13_binder_ext(HASH_SHA256, 0, psk, sizeof(psk), th,
	    binder) == 0 && memcmp(binder, ch + chlen - 32, 32) != 0,
	    "the res binder label gives another binder");
	transcript_free(&ts);
}

/* HkdfLabel for SHA-384 and for more than one HMAC block. */
static void
test_expand_label(void)
{
	struct tls13_secrets s;
	uint8_t secret[48], ctx[40], info[128], want[200], got[200];
	size_t n = 0, i;

	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < sizeof(ctx); i++)
		ctx[i] = (uint8_t)(0xf0 - i);
	/* uint16 150, label<..> "tls13 test", context<..> ctx */
	info[n++] = 0;
	info[n++] = 150;
	info[n++] = 10;
	memcpy(info + n, "tls13 test", 10);
	n += 10;
	info[n++] = sizeof(ctx);
	memcpy(info + n, ctx, sizeof(ctx));
	n += sizeof(ctx);
	hkdf_expand_ref("SHA384", secret, 48, info, n, want, 150);
	CHECK(hkdf_expand_label(HASH_SHA384, secret, "test", ctx, sizeof(ctx),
	    got, 150) == 0, "hkdf_expand_label SHA384 150 bytes runs");
	CHECK(memcmp(got, want, 150) == 0,
	    "hkdf_expand_label SHA384, 4 blocks, matches HkdfLabel by hand");
	/* the length is part of the label: 32 bytes are not a prefix of 150 */
	CHECK(hkdf_expand_label(HASH_SHA384, secret, "test", ctx, sizeof(ctx),
	    got, 32) == 0 && memcmp(got, want, 32) != 0,
	    "hkdf_expand_label binds the output length");

	/* SHA-384 early secret: HMAC(48 zeros, 48 zeros) (RFC 8446, 7.1) */
	memset(secret, 0, sizeof(secret));
	CHECK(raw_hmac("SHA384", secret, 48, secret, 48, want) == 48,
	    "reference HMAC-SHA384");
	CHECK(tls13_early(&s, HASH_SHA384, NULL, 0) == 0 && s.h == HASH_SHA384,
	    "tls13_early SHA384 runs");
	CHECK(memcmp(s.early, want, 48) == 0,
	    "tls13_early SHA384 = HKDF-Extract(0, 0)");
	tp_wipe(&s, sizeof(s));
}

static void
test_tls12_prf(void)
{
	uint8_t secret[64], seed[64], out[256], ref[256], ls[300];
	size_t sn, dn, n;

	sn = hex(prf256_secret, secret, sizeof(secret));
	dn = hex(prf256_seed, seed, sizeof(seed));
	CHECK(tls_prf(HASH_SHA256, secret, sn, "test label", seed, dn, NULL, 0,
	    out, 100) == 0, "tls_prf SHA256 runs");
	check_hex("TLS 1.2 PRF SHA256 test vector (100 bytes)", out, 100,
	    prf256_out);
	/* the seed split in two gives the same */
	CHECK(tls_prf(HASH_SHA256, secret, sn, "test label", seed, 5,
	    seed + 5, dn - 5, out, 100) == 0, "tls_prf seed1+seed2 runs");
	check_hex("TLS 1.2 PRF SHA256 with split seed", out, 100, prf256_out);
	/* and the reference P_hash here agrees with the published vector */
	n = label_seed("test label", seed, dn, NULL, 0, ls);
	p_hash("SHA256", secret, sn, ls, n, ref, 100);
	check_hex("reference P_SHA256 test vector", ref, 100, prf256_out);

	sn = hex(prf384_secret, secret, sizeof(secret));
	dn = hex(prf384_seed, seed, sizeof(seed));
	CHECK(tls_prf(HASH_SHA384, secret, sn, "test label", seed, dn, NULL, 0,
	    out, 148) == 0, "tls_prf SHA384 runs");
	check_hex("TLS 1.2 PRF SHA384 test vector (148 bytes)", out, 148,
	    prf384_out);
	n = label_seed("test label", seed, dn, NULL, 0, ls);
	p_hash("SHA384", secret, sn, ls, n, ref, 148);
	check_hex("reference P_SHA384 test vector", ref, 148, prf384_out);

	CHECK(tls_prf(HASH_SHA256, secret, sn, "test label", seed, dn, NULL, 0,
	    out, 0) != 0, "tls_prf 0 bytes fails");
	CHECK(tls_prf(HASH_NONE, secret, sn, "test label", seed, dn, NULL, 0,
	    out, 16) != 0, "tls_prf HASH_NONE fails");
}

static void
test_tls10_prf(void)
{
	static const size_t lens[] = { 1, 2, 13, 47, 48, 49, 64 };
	uint8_t secret[64], seed[64], ls[128], out[256], ref[256];
	uint8_t md_tmp[256];
	size_t i, k, n;
	char name[80];

	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(0x31 * i + 0x0b);
	for (i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(0xc3 ^ (i * 5));
	for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		n = label_seed("key expansion", seed, 32, seed + 32, 32, ls);
		prf10(secret, lens[k], ls, n, ref, 104);
		snprintf(name, sizeof(name),
		    "TLS 1.0 PRF, %zu-byte secret, matches P_MD5 ^ P_SHA1",
		    lens[k]);
		CHECK(tls_prf(HASH_MD5_SHA1, secret, lens[k], "key expansion",
		    seed, 32, seed + 32, 32, out, 104) == 0 &&
		    memcmp(out, ref, 104) == 0, name);
	}
	/*
	 * An odd secret's halves share the middle byte: a split without the
	 * overlap (S1 = 24 bytes, S2 = the other 23) must not match.
	 */
	n = label_seed("master secret", seed, 64, NULL, 0, ls);
	CHECK(tls_prf(HASH_MD5_SHA1, secret, 47, "master secret", seed, 64,
	    NULL, 0, out, 48) == 0, "TLS 1.0 PRF 47-byte secret runs");
	p_hash("MD5", secret, 24, ls, n, ref, 48);
	p_hash("SHA1", secret + 24, 23, ls, n, md_tmp, 48);
	for (i = 0; i < 48; i++)
		ref[i] ^= md_tmp[i];
	CHECK(memcmp(out, ref, 48) != 0,
	    "TLS 1.0 PRF odd secret: halves overlap by one byte");
	prf10(secret, 47, ls, n, ref, 48);
	CHECK(memcmp(out, ref, 48) == 0,
	    "TLS 1.0 PRF odd secret: overlapping split matches");
}

static void
test_tls12_wrappers(void)
{
	uint8_t pms[48], cr[32], sr[32], sess[48], ls[200], ref[128];
	uint8_t ms[48], kb[104], vd[12];
	size_t i, n;

	for (i = 0; i < sizeof(pms); i++)
		pms[i] = (uint8_t)(0x03 + i);
	for (i = 0; i < 32; i++) {
		cr[i] = (uint8_t)(0x10 + i);
		sr[i] = (uint8_t)(0x90 + i);
	}
	for (i = 0; i < sizeof(sess); i++)
		sess[i] = (uint8_t)(0xee - i);

	/* RFC 5246, 8.1: client_random + server_random */
	CHECK(tls12_master_secret(HASH_SHA256, pms, 48, 0, cr, sr, NULL, 0,
	    ms) == 0, "tls12_master_secret runs");
	n = label_seed("master secret", cr, 32, sr, 32, ls);
	p_hash("SHA256", pms, 48, ls, n, ref, 48);
	CHECK(memcmp(ms, ref, 48) == 0,
	    "tls12_master_secret = PRF(pms, \"master secret\", cr + sr)");

	/* RFC 7627, 4: the session hash instead of the randoms */
	CHECK(tls12_master_secret(HASH_SHA384, pms, 48, 1, cr, sr, sess, 48,
	    ms) == 0, "tls12_master_secret ems runs");
	n = label_seed("extended master secret", sess, 48, NULL, 0, ls);
	p_hash("SHA384", pms, 48, ls, n, ref, 48);
	CHECK(memcmp(ms, ref, 48) == 0,
	    "tls12_master_secret ems = PRF(pms, \"extended master secret\", "
	    "session_hash)");
	CHECK(tls12_master_secret(HASH_SHA256, pms, 48, 1, cr, sr, NULL, 0,
	    ms) != 0, "tls12_master_secret ems without session hash fails");

	/* RFC 5246, 6.3: server_random + client_random */
	CHECK(tls12_key_block(HASH_SHA256, pms, cr, sr, kb, sizeof(kb)) == 0,
	    "tls12_key_block runs");
	n = label_seed("key expansion", sr, 32, cr, 32, ls);
	p_hash("SHA256", pms, 48, ls, n, ref, sizeof(kb));
	CHECK(memcmp(kb, ref, sizeof(kb)) == 0,
	    "tls12_key_block = PRF(ms, \"key expansion\", sr + cr)");
	n = label_seed("key expansion", cr, 32, sr, 32, ls);
	p_hash("SHA256", pms, 48, ls, n, ref, sizeof(kb));
	CHECK(memcmp(kb, ref, sizeof(kb)) != 0,
	    "tls12_key_block order is not cr + sr");

	/* RFC 5246, 7.4.9 */
	CHECK(tls12_finished(HASH_SHA256, pms, "client finished", sess, 32,
	    vd) == 0, "tls12_finished runs");
	n = label_seed("client finished", sess, 32, NULL, 0, ls);
	p_hash("SHA256", pms, 48, ls, n, ref, 12);
	CHECK(memcmp(vd, ref, 12) == 0,
	    "tls12_finished = PRF(ms, \"client finished\", hash)[0..11]");
	CHECK(tls12_finished(HASH_SHA256, pms, "server finished", sess, 32,
	    vd) == 0 && memcmp(vd, ref, 12) != 0,
	    "tls12_finished server label differs");
}

static void
test_hrr(void)
{
	struct transcript ts;
	uint8_t ch[256], hrr[16], want[256], out[48];
	unsigned int wl;
	size_t chn, wn;

	chn = hex(ch_hex, ch, sizeof(ch));

	/* SHA-256: fe 00 00 20 || SHA256(ClientHello1) */
	transcript_init(&ts);
	CHECK(transcript_add(&ts, ch, chn) == 0, "hrr: transcript CH1");
	CHECK(transcript_hrr_rewrite(&ts, HASH_SHA256) == 0,
	    "transcript_hrr_rewrite SHA256 runs");
	want[0] = 0xfe;
	want[1] = 0;
	want[2] = 0;
	want[3] = 0x20;
	CHECK(EVP_Digest(ch, chn, want + 4, &wl, EVP_sha256(), NULL) &&
	    wl == 32, "hrr: reference SHA256");
	CHECK(ts.len == 36 && memcmp(ts.buf, want, 36) == 0,
	    "hrr: buffer is fe 00 00 20 || SHA256(CH1)");
	/* RFC 8446, 4.4.1: later messages hash after message_hash */
	memset(hrr, 0x02, sizeof(hrr));
	CHECK(transcript_add(&ts, hrr, sizeof(hrr)) == 0 &&
	    transcript_hash(&ts, HASH_SHA256, out) == 0, "hrr: add HRR");
	memcpy(want + 36, hrr, sizeof(hrr));
	CHECK(EVP_Digest(want, 36 + sizeof(hrr), want + 100, &wl,
	    EVP_sha256(), NULL) && memcmp(out, want + 100, 32) == 0,
	    "hrr: transcript hash covers message_hash || HRR");
	/* a second rewrite: the buffer is no longer one ClientHello */
	CHECK(transcript_hrr_rewrite(&ts, HASH_SHA256) != 0,
	    "hrr: rewrite of a non-ClientHello buffer fails");
	CHECK(ts.len == 36 + sizeof(hrr), "hrr: failed rewrite keeps buffer");
	transcript_free(&ts);

	/* SHA-384: fe 00 00 30 */
	transcript_init(&ts);
	CHECK(transcript_add(&ts, ch, chn) == 0 &&
	    transcript_hrr_rewrite(&ts, HASH_SHA384) == 0,
	    "transcript_hrr_rewrite SHA384 runs");
	want[3] = 0x30;
	CHECK(EVP_Digest(ch, chn, want + 4, &wl, EVP_sha384(), NULL) &&
	    wl == 48, "hrr: reference SHA384");
	CHECK(ts.len == 52 && memcmp(ts.buf, want, 52) == 0,
	    "hrr: buffer is fe 00 00 30 || SHA384(CH1)");
	transcript_free(&ts);

	/* a short (tiny) ClientHello still makes room for the hash */
	transcript_init(&ts);
	wn = hex("01 00 00 02 03 03", want, sizeof(want));
	CHECK(transcript_add(&ts, want, wn) == 0 &&
	    transcript_hrr_rewrite(&ts, HASH_SHA384) == 0 && ts.len == 52,
	    "hrr: tiny ClientHello rewrites");
	transcript_free(&ts);

	/* ClientHello with a trailing byte, or the wrong type, is refused */
	transcript_init(&ts);
	CHECK(transcript_add(&ts, ch, chn) == 0 &&
	    transcript_add(&ts, ch, 1) == 0 &&
	    transcript_hrr_rewrite(&ts, HASH_SHA256) != 0,
	    "hrr: ClientHello plus a byte fails");
	transcript_free(&ts);
	transcript_init(&ts);
	CHECK(transcript_add(&ts, ch + 1, chn - 1) == 0 &&
	    transcript_hrr_rewrite(&ts, HASH_SHA256) != 0,
	    "hrr: unframed bytes fail");
	CHECK(transcript_hrr_rewrite(&ts, HASH_NONE) != 0,
	    "hrr: HASH_NONE fails");
	transcript_free(&ts);
}

static void
test_negative(void)
{
	struct transcript ts;
	uint8_t secret[32], big[255 * 32 + 1], ctx[256];
	uint8_t *chunk;
	char label[260];
	size_t i, left;
	int ok;

	memset(secret, 0x11, sizeof(secret));
	memset(ctx, 0x22, sizeof(ctx));

	/* RFC 5869, 2.3: L <= 255 * HashLen */
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "x", NULL, 0, big,
	    255 * 32) == 0, "hkdf_expand_label 255*32 bytes works");
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "x", NULL, 0, big,
	    255 * 32 + 1) != 0, "hkdf_expand_label 255*32+1 bytes fails");
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "x", NULL, 0, big,
	    0) != 0, "hkdf_expand_label 0 bytes fails");
	/* RFC 8446, 7.1: label<7..255>, context<0..255> */
	memset(label, 'a', sizeof(label));
	label[249] = '\0';	/* 6 + 249 = 255 */
	CHECK(hkdf_expand_label(HASH_SHA256, secret, label, NULL, 0, big,
	    32) == 0, "hkdf_expand_label 255-byte label works");
	label[249] = 'a';
	label[250] = '\0';
	CHECK(hkdf_expand_label(HASH_SHA256, secret, label, NULL, 0, big,
	    32) != 0, "hkdf_expand_label 256-byte label fails");
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "", NULL, 0, big,
	    32) != 0, "hkdf_expand_label empty label fails");
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "x", ctx, 255, big,
	    32) == 0, "hkdf_expand_label 255-byte context works");
	CHECK(hkdf_expand_label(HASH_SHA256, secret, "x", ctx, 256, big,
	    32) != 0, "hkdf_expand_label 256-byte context fails");
	CHECK(hkdf_expand_label(HASH_MD5_SHA1, secret, "x", NULL, 0, big,
	    16) != 0, "hkdf_expand_label MD5-SHA1 fails");
	CHECK(hkdf_extract(HASH_NONE, NULL, 0, secret, 32, big) != 0,
	    "hkdf_extract HASH_NONE fails");
	CHECK(derive_secret(HASH_SHA256, secret, "derived", NULL, big) != 0,
	    "derive_secret without hash fails");
	CHECK(tls13_early(&(struct tls13_secrets){ .h = HASH_NONE },
	    HASH_NONE, NULL, 0) != 0, "tls13_early HASH_NONE fails");

	/* the transcript stops at 4 MiB */
	if ((chunk = calloc(1, 65536)) == NULL) {
		CHECK(0, "calloc");
		return;
	}
	transcript_init(&ts);
	ok = 1;
	for (left = TRANSCRIPT_BOUND; left > 0; left -= i) {
		i = left < 65536 ? left : 65536;
		if (transcript_add(&ts, chunk, i) != 0)
			ok = 0;
	}
	CHECK(ok && ts.len == TRANSCRIPT_BOUND,
	    "transcript takes exactly 4 MiB");
	CHECK(transcript_add(&ts, chunk, 1) == TP_E_INTERNAL,
	    "transcript past 4 MiB fails with TP_E_INTERNAL");
	CHECK(ts.len == TRANSCRIPT_BOUND, "failed add leaves the transcript");
	CHECK(transcript_add(&ts, chunk, 0) == 0, "adding nothing is fine");
	transcript_free(&ts);
	transcript_init(&ts);
	CHECK(transcript_add(&ts, chunk, 100) == 0 &&
	    transcript_add(&ts, chunk, SIZE_MAX) == TP_E_INTERNAL &&
	    transcript_add(&ts, chunk, TRANSCRIPT_BOUND - 99) ==
	    TP_E_INTERNAL && ts.len == 100,
	    "transcript refuses sizes that overflow the bound");
	CHECK(transcript_add(&ts, NULL, 5) != 0, "transcript NULL fails");
	transcript_free(&ts);
	free(chunk);
}

/*
 * SSL 3.0 (RFC 6101, 5.6.8, 5.6.9, 6): master secret, key block and the
 * Finished / CertificateVerify hashes, against values computed with
 * Python's hashlib from the RFC's formulas (tests/ssl3server.py's code).
 */
static void
test_ssl3(void)
{
	struct transcript ts;
	uint8_t pms[48], cr[32], sr[32], m[48], kb[104], h[36], want[104];
	const char *msgs = "SSL 3.0 handshake messages";
	size_t i;
	int ok;

	for (i = 0; i < 48; i++)
		pms[i] = (uint8_t)(i + 1);
	for (i = 0; i < 32; i++) {
		cr[i] = (uint8_t)(0xa0 + i);
		sr[i] = (uint8_t)(0xc0 + i);
	}
	unit_hex("0353265a6d2f905d03c9522ddccb031ffd101302681fc85b84e3e41e89e2"
	    "54f817b93b9c816bc2e4d877f1c612564bf7", want, sizeof(want));
	ok = ssl3_master_secret(pms, 48, cr, sr, m) == 0 &&
	    memcmp(m, want, 48) == 0;
	CHECK(ok, "ssl3: master secret (RFC 6101, 6.1)");
	unit_hex("a163e88fb652bf4011126227397f72b69de2670b9ed94f9f967e71973b07"
	    "fd0aedfcbefb04e076a695e1ce3bb13f9e969eb419613704b71e398fa17804"
	    "0a66b131fae2ffeede06fecf24935f348619905725cfbbc368114b27c3e1ce"
	    "e4c5a0a3c4b2b6ed743e09c6", want, sizeof(want));
	ok = ssl3_key_block(m, cr, sr, kb, sizeof(kb)) == 0 &&
	    memcmp(kb, want, sizeof(kb)) == 0;
	CHECK(ok, "ssl3: key block of 104 bytes (RFC 6101, 6.2.2)");
	transcript_init(&ts);
	ok = transcript_add(&ts, (const uint8_t *)msgs, strlen(msgs)) == 0;
	unit_hex("7e8564089d19cfad7ff498b29850cae87ab2127e5ce4f19c817013"
	    "99abdfc6ae8694c093", want, sizeof(want));
	ok &= ssl3_handshake_hashes(&ts, (const uint8_t *)"CLNT", m, h) == 0 &&
	    memcmp(h, want, 36) == 0;
	CHECK(ok, "ssl3: client Finished hashes (RFC 6101, 5.6.9)");
	unit_hex("c84e8d43e606bff2bd22e23546ff77836554c8f8a349474c754a1e"
	    "a824005993110ffe73", want, sizeof(want));
	ok = ssl3_handshake_hashes(&ts, NULL, m, h) == 0 &&
	    memcmp(h, want, 36) == 0;
	CHECK(ok, "ssl3: CertificateVerify hashes (RFC 6101, 5.6.8)");
	transcript_free(&ts);
}

int
main(void)
{
	test_primitives();
	test_random();
	test_rfc8448_simple();
	test_rfc8448_psk();
	test_rfc8448_resume_api();
	test_ext_binder();
	test_expand_label();
	test_tls12_prf();
	test_tls10_prf();
	test_tls12_wrappers();
	test_hrr();
	test_negative();
	test_ssl3();
	UNIT_EXIT();
}
