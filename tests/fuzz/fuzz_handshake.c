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

/*
 * session.c's one_record() is static and its loop polls real file
 * descriptors, so the data phase is replayed here the same way: records
 * until the input ends, post-handshake messages to the same handlers.
 */
static int
data_phase(struct conn *c)
{
	static const uint8_t no_reneg[2] = { 1, ALERT_NO_RENEGOTIATION };
	struct cbs frag;
	struct hsmsg m;
	uint8_t type;
	int ret, got;

	for (;;) {
		if ((ret = rec_read(c, &type, &frag)) != 0)
			return ret;
		switch (type) {
		case CT_APPLICATION_DATA:
			break;
		case CT_ALERT:
			if ((ret = hs_alert(c, &frag)) != 0)
				return ret;
			break;
		case CT_HANDSHAKE:
			if ((ret = hs_feed(c, &frag)) != 0)
				return ret;
			for (;;) {
				if ((ret = hs_take(c, &m, &got)) != 0)
					return ret;
				if (!got)
					break;
				if (c->version >= TLS1_3_VERSION)
					ret = hs13_post_handshake(c, &m);
				else if (m.type == HS_HELLO_REQUEST)
					ret = rec_write(c, CT_ALERT, no_reneg,
					    2) == 0 ? rec_flush(c) : TP_E_IO;
				else
					ret = TP_E_UNEXPECTED;
				if (ret != 0)
					return ret;
			}
			break;
		default:
			return TP_E_UNEXPECTED;
		}
	}
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
