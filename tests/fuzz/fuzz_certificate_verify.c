/*
 * fuzz_certificate_verify.c -- msg_parse_certificate_verify (TLS 1.3).
 * Input: one byte (bit 0: ECDSA P-256 key, else RSA), then the body.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t thash[32] = { 0x42 };
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct cbs body;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, 1);
	fuzz_conn(&c, &cfg, &m, TLS1_3_VERSION, 0x1301);
	fuzz_peer_key(&c, data[0] & 1);
	cbs_init(&body, data + 1, size - 1);
	(void)msg_parse_certificate_verify(&c, &body, thash, sizeof(thash));
	conn_free(&c);
	return 0;
}
