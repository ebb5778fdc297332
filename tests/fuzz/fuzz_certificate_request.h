/*
 * fuzz_certificate_request.h -- the body of fuzz_certificate_request12.c
 * and fuzz_certificate_request13.c: hs_take_certificate_request (the
 * parser, then keeping what was asked) in the
 * layout of FUZZ_VERSION (1.2: byte 0 bit 0 picks TLS 1.1, the layout
 * without signature algorithms).  Input: one byte, then the body.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct cbs body;
	uint8_t rctx[256];
	size_t rctxlen;
	struct hsmsg msg;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, 3);
	fuzz_conn(&c, &cfg, &m, FUZZ_VERSION == TLS1_3_VERSION ? FUZZ_VERSION :
	    (data[0] & 1) ? TLS1_1_VERSION : TLS1_2_VERSION,
	    FUZZ_VERSION == TLS1_3_VERSION ? 0x1301 : 0xc013);
	cbs_init(&body, data + 1, size - 1);
	/* the one reader: parse, then keep what was asked */
	msg.type = HS_CERTIFICATE_REQUEST;
	msg.body = body;
	msg.raw = data + 1;
	msg.rawlen = size - 1;
	(void)hs_take_certificate_request(&c, &msg, rctx, &rctxlen);
	conn_free(&c);
	return 0;
}
