/*
 * fuzz_tracefmt.c -- the -trace printers on arbitrary bytes:
 * tracefmt_handshake, tracefmt_alert and tracefmt_extension.
 * Input: byte 0 bits 0-2: the negotiated version (none, 1.0 .. 1.3),
 * bit 3: sent by the server; byte 1: the suite (an index into the suite
 * table, or none); then the message (header included).
 */
#include "fuzz.h"
#include "tracefmt.h"

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	if ((devnull = fopen(getenv("FUZZ_VERBOSE") ? "/dev/stdout" :
	    "/dev/null", "w")) == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t versions[8] = { 0, TLS1_0_VERSION,
	    TLS1_1_VERSION, TLS1_2_VERSION, TLS1_3_VERSION, TLS1_2_VERSION,
	    TLS1_3_VERSION, 0x0300 };
	struct tracefmt_ctx ctx;

	if (size < 2)
		return 0;
	if (devnull == NULL)
		LLVMFuzzerInitialize(NULL, NULL);
	ctx.out = devnull;
	ctx.version = versions[data[0] & 7];
	ctx.from_server = (data[0] >> 3) & 1;
	ctx.suite = data[1] < tp_nsuites ? &tp_suites[data[1]] : NULL;
	tracefmt_handshake(&ctx, data + 2, size - 2);
	tracefmt_alert(&ctx, data + 2, size - 2 < 4 ? size - 2 : 4);
	if (size >= 6)
		tracefmt_extension(&ctx, data[2], (uint16_t)(data[3] << 8 |
		    data[4]), data + 5, size - 5, 2);
	return 0;
}
