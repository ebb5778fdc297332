/*
 * fuzz_starttls.c -- the plaintext phase before TLS (plainio.c,
 * starttls.c, proxy.c) over a memory transport: the server's bytes are
 * the input, every protocol's parser sees them.
 *
 * Input: a selector byte, then the server's bytes.  Selector bits 0-3:
 * the -starttls protocol (1-14 in starttls.c's order; 0: -proxy alone,
 * 15: -proxy, then -starttls smtp through the tunnel); bits 4-6: -msg,
 * -state, -trace; bit 7: one byte per read.
 */
#include "fuzz.h"
#include "plainio.h"
#include "starttls.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct plainio p;
	struct fuzz_mem m;
	struct config cfg;
	struct conn c;
	struct transport io = { fuzz_read, fuzz_write, &m };
	uint8_t sel;
	int proto;

	if (size < 1)
		return 0;
	sel = data[0];
	fuzz_config(&cfg, 0);
	cfg.msg = (sel >> 4) & 1;
	cfg.state = (sel >> 5) & 1;
	cfg.trace = (sel >> 6) & 1;
	cfg.diagnose = 1;
	cfg.protohost = "fuzz.test";
	proto = sel & 15;
	if (proto == 0 || proto == 15) {
		strlcpy(cfg.proxy_host, "127.0.0.1", sizeof(cfg.proxy_host));
		strlcpy(cfg.proxy_port, "3128", sizeof(cfg.proxy_port));
		cfg.proxy_user = "u";
		cfg.proxy_auth = "dTpw";
		if (proto == 15)
			cfg.starttls = starttls_by_name("smtp");
	} else
		cfg.starttls = proto;
	memset(&m, 0, sizeof(m));
	m.p = data + 1;
	m.n = size - 1;
	m.chunk = sel & 0x80 ? 1 : 0;
	conn_init(&c, &cfg, &io);
	c.on_event = trace_print;
	(void)plain_preamble(&c, NULL);
	conn_free(&c);
	(void)p;
	return 0;
}
