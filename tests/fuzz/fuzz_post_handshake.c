/*
 * fuzz_post_handshake.c -- hs13_post_handshake: NewSessionTicket,
 * KeyUpdate and whatever else a TLS 1.3 server sends after its Finished.
 * Input: whole handshake messages (4-byte headers), as many as fit; the
 * connection has application keys, so a KeyUpdate really rekeys.
 */
#include "fuzz.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fuzz_mem m = { 0 };
	struct conn c;
	struct hsmsg msg;
	struct cbs in;
	int got;

	fuzz_config(&cfg, 1);
	fuzz_conn(&c, &cfg, &m, TLS1_3_VERSION, 0x1301);
	memset(c.c_ap, 0x11, sizeof(c.c_ap));
	memset(c.s_ap, 0x22, sizeof(c.s_ap));
	c.state = ST_DATA;
	cbs_init(&in, data, size);
	if (size > 0 && hs_feed(&c, &in) == 0)
		while (hs_take(&c, &msg, &got) == 0 && got)
			if (hs13_post_handshake(&c, &msg) != 0)
				break;
	conn_free(&c);
	return 0;
}
