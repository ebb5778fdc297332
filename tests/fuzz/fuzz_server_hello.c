/*
 * fuzz_server_hello.c -- msg_parse_server_hello (and HelloRetryRequest).
 * Input: a selector byte (fuzz_config: what the ClientHello offered), then
 * the ServerHello body.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct server_hello sh;
	struct tp_reason why;
	struct conn c;
	struct cbs body;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, data[0]);
	fuzz_conn(&c, &cfg, &m, 0, 0);
	cbs_init(&body, data + 1, size - 1);
	(void)msg_parse_server_hello(&c, &body, &sh, &why);
	conn_free(&c);
	return 0;
}
