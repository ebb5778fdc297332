/*
 * fuzz_record.c -- the record layer and the handshake reassembly
 * (rec_read under hs_read) over a memory transport.
 *
 * Input: a selector byte, then the server's bytes.  Selector bits 0-1:
 * the protection the reader has (none, TLS 1.2 AES-128-GCM, TLS 1.2
 * AES-128-CBC-SHA, TLS 1.3 AES-128-GCM), bit 2: a version was already
 * negotiated (no "not TLS" check, 1.3 alert rules when protected with 1.3),
 * bit 3: "seal" mode.  In seal mode the rest of the input is a list of
 * (type, 2-byte length, plaintext) that this target seals with the same
 * keys the reader uses, so the fuzzer reaches what comes after decryption
 * (inner content type and padding, the size limits) without forging tags.
 */
#include "fuzz.h"

static const uint8_t key[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
static const uint8_t iv[16] = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t mackey[20] = { 21, 22, 23, 24, 25, 26, 27, 28 };

static struct rprot *
prot(int mode, int encrypt, uint16_t *version)
{
	struct rprot_keys k;
	struct rprot *p = NULL;
	uint16_t suite;

	memset(&k, 0, sizeof(k));
	k.key = key;
	k.iv = iv;
	switch (mode) {
	case 1:
		suite = 0xc02f;		/* ECDHE-RSA-AES128-GCM-SHA256 */
		k.iv_len = 4;
		*version = TLS1_2_VERSION;
		break;
	case 2:
		suite = 0xc013;		/* ECDHE-RSA-AES128-SHA */
		k.mac_key = mackey;
		k.mac_key_len = 20;
		k.iv_len = 0;
		*version = TLS1_2_VERSION;
		break;
	default:
		suite = 0x1301;		/* TLS_AES_128_GCM_SHA256 */
		k.iv_len = 12;
		*version = TLS1_3_VERSION;
		break;
	}
	if (rprot_new(suite_by_code(suite), *version, &k, encrypt, &p) != 0)
		abort();
	return p;
}

/* Seal the (type, length, plaintext) list into records. */
static uint8_t *
seal_all(int mode, const uint8_t *in, size_t n, size_t *outlen)
{
	struct rprot *w;
	uint16_t version, len;
	uint64_t seq = 0;
	uint8_t *out, type, htype;
	size_t o = 0, room, got;

	w = prot(mode, 1, &version);
	/* each plaintext byte grows by at most a header and the overhead */
	if ((out = malloc(n * 2 + 1024 * (n / 3 + 1))) == NULL)
		abort();
	while (n >= 3) {
		type = in[0];
		len = (uint16_t)(in[1] << 8 | in[2]);
		in += 3;
		n -= 3;
		if (len > n)
			len = (uint16_t)n;
		if (len > TLS_MAX_PLAINTEXT + 256)
			len = TLS_MAX_PLAINTEXT + 256;
		htype = version == TLS1_3_VERSION ? CT_APPLICATION_DATA : type;
		room = len + rprot_overhead(w, len);
		if (rprot_seal(w, seq++, htype, version == TLS1_3_VERSION ?
		    TLS1_2_VERSION : version, in, len, out + o + 5, room,
		    &got) != 0)
			break;
		out[o] = htype;
		out[o + 1] = 3;
		out[o + 2] = version == TLS1_3_VERSION ? 3 : version & 0xff;
		out[o + 3] = (uint8_t)(got >> 8);
		out[o + 4] = (uint8_t)got;
		o += 5 + got;
		in += len;
		n -= len;
	}
	rprot_free(w);
	*outlen = o;
	return out;
}

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct hsmsg msg;
	uint8_t *sealed = NULL;
	uint16_t version = 0;
	int mode, i;

	if (size < 1)
		return 0;
	mode = data[0] & 3;
	fuzz_config(&cfg, 0);
	cfg.msg = (data[0] >> 4) & 1;
	m.p = data + 1;
	m.n = size - 1;
	m.chunk = (data[0] >> 5) & 1 ? 7 : 0;
	if ((data[0] & 8) && mode != 0) {
		sealed = seal_all(mode, data + 1, size - 1, &m.n);
		m.p = sealed;
	}
	fuzz_conn(&c, &cfg, &m, 0, 0);
	if (mode != 0) {
		rec_set_read(&c, prot(mode, 0, &version), version ==
		    TLS1_3_VERSION);
		c.suite = suite_by_code(mode == 1 ? 0xc02f : mode == 2 ?
		    0xc013 : 0x1301);
	}
	if (data[0] & 4)
		c.version = version != 0 ? version : TLS1_2_VERSION;
	/* a few hundred messages at most: the input is finite anyway */
	for (i = 0; i < 1000; i++)
		if (hs_read(&c, &msg) != 0)
			break;
	conn_free(&c);
	free(sealed);
	return 0;
}
