/*
 * fuzz_handshake.c -- the whole client: handshake() and then the data
 * phase, with the input standing in for everything the server sends.
 *
 * Input: one selector byte (fuzz_config), then the server's bytes.  The
 * client runs in the deterministic mode, so a flight captured from a real
 * server (tests/fuzz/mkcorpus.sh) decrypts again and the fuzzer works on
 * the encrypted handshake and the post-handshake messages too.
 */
#include "fuzz.h"

#include "diag.h"
#include "session.h"

/* The data phase: records until the input ends, as session_data() does. */
static int
data_phase(struct conn *c)
{
	int ret;

	while ((ret = session_record(c)) == 0)
		;
	return ret;
}

/* How the last input ended: 0 when the handshake completed. */
int fuzz_handshake_result;

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
	struct transport io = { fuzz_read, fuzz_write, &m };
	struct conn c;
	struct diag d;
	int ret;

	if (size < 1)
		return 0;
	fuzz_config(&cfg, data[0]);
	m.p = data + 1;
	m.n = size - 1;
	tp_test_deterministic(FUZZ_SEED);
	conn_init(&c, &cfg, &io);
	c.on_event = trace_print;
	ret = handshake(&c);
	fuzz_handshake_result = ret;
	if (ret == 0 && !cfg.hello_only) {
		session_summary(&c);
		ret = data_phase(&c);
	}
	if (ret != 0 && ret != TP_E_CLOSED) {
		if (TP_IS_ALERT(ret))
			rec_send_alert(&c, 2, (uint8_t)TP_ALERT_OF(ret));
		diag_failure(&c, ret, &d);
	}
	conn_free(&c);
	return 0;
}
