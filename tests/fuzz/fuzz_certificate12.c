/*
 * fuzz_certificate12.c -- msg_parse_certificate, TLS 1.2 layout; the suite (byte 0: ECDHE-RSA or ECDHE-ECDSA) decides which key the leaf must have.
 * Input: one byte, then the Certificate body.  The leaf goes to the X.509
 * parser (peer_key_from_cert), so this fuzzes that too.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct cbs body;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, 0);
	fuzz_conn(&c, &cfg, &m, TLS1_2_VERSION, TLS1_2_VERSION == TLS1_3_VERSION ? 0x1301 :
	    (data[0] & 1) ? 0xc02b : 0xc02f);
	cbs_init(&body, data + 1, size - 1);
	(void)msg_parse_certificate(&c, &body);
	conn_free(&c);
	return 0;
}
