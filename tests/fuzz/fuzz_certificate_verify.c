/*
 * fuzz_certificate_verify.c -- msg_parse_certificate_verify (TLS 1.3), then
 * hs_apply_certificate_verify on what parses.
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
	struct certificate_verify cv;
	struct tp_reason why;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, 1);
	fuzz_conn(&c, &cfg, &m, TLS1_3_VERSION, 0x1301);
	fuzz_peer_key(&c, data[0] & 1);
	cbs_init(&body, data + 1, size - 1);
	if (msg_parse_certificate_verify(&c, &body, &cv, &why) == 0)
		(void)hs_apply_certificate_verify(&c, &cv, thash,
		    sizeof(thash));
	conn_free(&c);
	return 0;
}
