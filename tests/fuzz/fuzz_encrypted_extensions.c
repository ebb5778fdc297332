/*
 * fuzz_encrypted_extensions.c -- msg_parse_encrypted_extensions.
 * Input: a selector byte (fuzz_config; bit 6 offers ALPN), then the body.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct encrypted_extensions ee;
	struct tp_reason why;
	struct cbs body;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, data[0]);
	fuzz_conn(&c, &cfg, &m, TLS1_3_VERSION, 0x1301);
	cbs_init(&body, data + 1, size - 1);
	(void)msg_parse_encrypted_extensions(&c, &body, &ee, &why);
	conn_free(&c);
	return 0;
}
