/*
 * fuzz_certificate.h -- the body of fuzz_certificate12.c and
 * fuzz_certificate13.c: msg_parse_certificate, then hs_apply_certificate
 * on what parses, in the layout of
 * FUZZ_VERSION.  Input: one byte (1.2: bit 0 picks ECDHE-ECDSA or
 * ECDHE-RSA, which decides the key the leaf must have), then the
 * Certificate body.  The leaf goes to the X.509 parser too.
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
	struct certificate cm;
	struct tp_reason why;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, 0);
	fuzz_conn(&c, &cfg, &m, FUZZ_VERSION,
	    FUZZ_VERSION == TLS1_3_VERSION ? 0x1301 :
	    (data[0] & 1) ? 0xc02b : 0xc02f);
	cbs_init(&body, data + 1, size - 1);
	/* what parses goes on to the key, OCSP and SCT steps, as in a run */
	if (msg_parse_certificate(&c, &body, &cm, &why) == 0)
		(void)hs_apply_certificate(&c, &cm);
	conn_free(&c);
	return 0;
}
