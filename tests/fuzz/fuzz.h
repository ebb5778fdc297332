/*
 * fuzz.h -- what the libFuzzer targets share: a transport that reads the
 * server's bytes from memory, the client configuration (tlsprobe's
 * defaults, varied by a selector byte), and a connection set up as if a
 * handshake had reached a given point.  Each target is one translation
 * unit that includes this file; capture.c (the corpus maker) does too.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cipher.h"
#include "conn.h"
#include "handshake.h"
#include "hs_cert.h"
#include "hsbuf.h"
#include "msg.h"
#include "names.h"
#include "record.h"
#include "sig.h"
#include "testhook.h"
#include "trace.h"
#include "tperr.h"

#include "fuzz_certs.h"

/* The seed of the deterministic mode: the corpora are captured with it. */
#define FUZZ_SEED	0x746c7370726f6265ULL	/* "tlsprobe" */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);
/* fuzz_handshake.c: how the last input ended (0: handshake completed) */
extern int fuzz_handshake_result;

/* The server's bytes, from memory; then "closed". */
struct fuzz_mem {
	const uint8_t	*p;
	size_t		 n;
	size_t		 chunk;		/* largest read, 0 = any */
	size_t		 written;
};

static inline int
fuzz_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	struct fuzz_mem *m = ctx;

	if (m->n == 0)
		return TP_E_CLOSED;
	if (len > m->n)
		len = m->n;
	if (m->chunk != 0 && len > m->chunk)
		len = m->chunk;
	memcpy(buf, m->p, len);
	m->p += len;
	m->n -= len;
	*got = len;
	return 0;
}

static inline int
fuzz_write(void *ctx, const uint8_t *buf, size_t len)
{
	struct fuzz_mem *m = ctx;

	(void)buf;
	m->written += len;
	return 0;
}

/*
 * The client's configuration: tlsprobe's defaults, then varied by the
 * selector byte.  Bits 0-2: versions and options; bits 3-5: -msg, -state,
 * -trace (output goes to stdout, which the targets send to /dev/null);
 * bit 6: ALPN; bit 7: hello_only (the probes' mode).
 */
static inline void
fuzz_config(struct config *cfg, uint8_t sel)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	strlcpy(cfg->host, "127.0.0.1", sizeof(cfg->host));
	strlcpy(cfg->port, "443", sizeof(cfg->port));
	cfg->timeout_ms = 10000;
	cfg->min_version = TLS1_2_VERSION;
	cfg->max_version = TLS1_3_VERSION;
	for (i = 0; i < tp_nsuites; i++) {
		if (!tp_suites[i].dflt)
			continue;
		if (tp_suites[i].kex == KEX_TLS13) {
			if (cfg->nsuites13 < TP_MAX_SUITES13)
				cfg->suites13[cfg->nsuites13++] =
				    tp_suites[i].code;
		} else if (cfg->nsuites < TP_MAX_SUITES)
			cfg->suites[cfg->nsuites++] = tp_suites[i].code;
	}
	for (i = 0; i < tp_ngroups; i++)
		if (tp_groups[i].dflt && cfg->ngroups < TP_MAX_GROUPS)
			cfg->groups[cfg->ngroups++] = tp_groups[i].code;
	cfg->shares[cfg->nshares++] = 0x001d;	/* X25519 */
	for (i = 0; i < tp_nsigschemes; i++)
		if (tp_sigschemes[i].dflt && cfg->nsigalgs < TP_MAX_SIGALGS)
			cfg->sigalgs[cfg->nsigalgs++] = tp_sigschemes[i].code;

	switch (sel & 7) {
	case 0:		/* the default: TLS 1.2 and 1.3 */
		break;
	case 1:		/* -tls1_3 */
		cfg->min_version = TLS1_3_VERSION;
		break;
	case 2:		/* -tls1_2 */
		cfg->max_version = TLS1_2_VERSION;
		break;
	case 3:		/* TLS 1.0 to 1.2 */
		cfg->min_version = TLS1_0_VERSION;
		cfg->max_version = TLS1_2_VERSION;
		break;
	case 4:		/* TLS 1.0 to 1.3, and the SNI */
		cfg->min_version = TLS1_0_VERSION;
		strlcpy(cfg->servername, "localhost",
		    sizeof(cfg->servername));
		cfg->sni = 1;
		break;
	case 5:		/* TLS 1.3 with two shares (P-256 is not deterministic) */
		cfg->min_version = TLS1_3_VERSION;
		cfg->shares[cfg->nshares++] = 0x0017;
		break;
	case 6:		/* TLS 1.2 without extras */
		cfg->max_version = TLS1_2_VERSION;
		cfg->no_ems = 1;
		cfg->no_ticket = 1;
		cfg->reneg_scsv = 1;
		break;
	case 7:		/* -tls1_1 */
		cfg->min_version = cfg->max_version = TLS1_1_VERSION;
		break;
	}
	cfg->msg = (sel >> 3) & 1;
	cfg->state = (sel >> 4) & 1;
	cfg->trace = (sel >> 5) & 1;
	if (sel & 0x40)
		cfg->alpn = "h2,http/1.1";
	cfg->hello_only = (sel >> 7) & 1;
}

/* stdout to /dev/null: the printers write there. */
static inline void
fuzz_quiet_stdout(void)
{
	if (getenv("FUZZ_VERBOSE") == NULL)
		(void)freopen("/dev/null", "w", stdout);
}

/*
 * The LLVMFuzzerInitialize of a target that needs nothing more than a
 * quiet stdout: write FUZZ_QUIET_INITIALIZE once, at file scope.
 */
#define FUZZ_QUIET_INITIALIZE						\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	fuzz_quiet_stdout();						\
	return 0;							\
}

/*
 * A connection as if the ClientHello had gone out and the server had
 * picked `version` and suite `suite` (0 for none).  The ClientHello is
 * built, so the offered extensions are recorded.
 */
static inline void
fuzz_conn(struct conn *c, const struct config *cfg, struct fuzz_mem *m,
    uint16_t version, uint16_t suite)
{
	struct transport io = { fuzz_read, fuzz_write, m };

	tp_test_deterministic(FUZZ_SEED);
	conn_init(c, cfg, &io);
	/* -msg/-state/-trace, when the config asks, go through the printers */
	c->on_event = trace_print;
	(void)hs_send_client_hello(c);
	c->version = version;
	c->wire_version = version > TLS1_2_VERSION ? TLS1_2_VERSION :
	    (version != 0 ? version : TLS1_0_VERSION);
	c->suite = suite != 0 ? suite_by_code(suite) : NULL;
}

/* The peer key of a certificate: 0 RSA, 1 ECDSA P-256. */
static inline void
fuzz_peer_key(struct conn *c, int which)
{
	const uint8_t *der = which ? fuzz_cert_ec : fuzz_cert_rsa;
	size_t len = which ? sizeof(fuzz_cert_ec) : sizeof(fuzz_cert_rsa);

	if (peer_key_from_cert(der, len, &c->peer_key) != 0)
		abort();	/* the embedded certificates must parse */
	c->peer_key_bits = peer_key_bits(c->peer_key);
	peer_key_describe(c->peer_key, c->peer_key_desc,
	    sizeof(c->peer_key_desc));
}

#endif
