/*
 * fuzz_server_key_exchange.c -- msg_parse_server_key_exchange: ECDHE and
 * DHE parameters and the signature around them; what parses goes on to
 * hs_apply_server_key_exchange (signature check, DH checks, our share).
 * Input: one byte (bits 0-1: suite ECDHE-RSA, DHE-RSA, ECDHE-ECDSA, or
 * RSA key transport; bits 2-3: TLS 1.2, 1.1 or 1.0), then the body.
 * The signature never verifies, so what follows it is left to
 * fuzz_handshake's captured flights.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t suites[4] = { 0xc02f, 0x009e, 0xc02b, 0x009c };
	static const uint16_t versions[4] = { TLS1_2_VERSION, TLS1_1_VERSION,
	    TLS1_0_VERSION, TLS1_2_VERSION };
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct server_key_exchange ske;
	struct tp_reason why;
	struct cbs body;
	uint16_t suite, version;

	if (size < 1)
		return 0;
	suite = suites[data[0] & 3];
	version = versions[(data[0] >> 2) & 3];
	/* the CBC suites are the ones below TLS 1.2 */
	if (version < TLS1_2_VERSION)
		suite = (data[0] & 3) == 2 ? 0xc009 : (data[0] & 3) == 1 ?
		    0x0033 : 0xc013;
	fuzz_config(&cfg, 3);
	fuzz_conn(&c, &cfg, &m, version, suite);
	if (c.suite == NULL)
		abort();
	fuzz_peer_key(&c, c.suite->auth == AUTH_ECDSA);
	cbs_init(&body, data + 1, size - 1);
	if (msg_parse_server_key_exchange(&c, &body, &ske, &why) == 0)
		(void)hs_apply_server_key_exchange(&c, &ske);
	conn_free(&c);
	return 0;
}
