/*
 * test_diag.c -- the failure classes no real server can be made to
 * produce on demand (io, internal), and the client-cert class for a
 * server that closes after CertificateRequest, by calling diag_failure()
 * on a connection left in the state a run would leave it in.
 */
#include <string.h>

#include "unit.h"
#include "conn.h"
#include "diag.h"
#include "names.h"
#include "tperr.h"

static struct config cfg;
static struct conn c;
static struct diag d;

static int
no_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	(void)ctx;
	(void)buf;
	(void)len;
	(void)got;
	return TP_E_CLOSED;
}

static int
no_write(void *ctx, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return TP_E_CLOSED;
}

static void
fresh(enum hs_state st)
{
	struct transport io = { no_read, no_write, NULL };

	memset(&cfg, 0, sizeof(cfg));
	strlcpy(cfg.host, "127.0.0.1", sizeof(cfg.host));
	cfg.min_version = TLS1_2_VERSION;
	cfg.max_version = TLS1_3_VERSION;
	cfg.timeout_ms = 7000;
	conn_init(&c, &cfg, &io);
	c.state = st;
	memset(&d, 0, sizeof(d));
}

int
main(void)
{
	fresh(ST_WROTE_CH);
	strlcpy(c.why, "write: Broken pipe", sizeof(c.why));
	diag_failure(&c, TP_E_IO, &d);
	CHECK(strcmp(d.cls, "io") == 0 && d.exit_code == EXIT_HANDSHAKE,
	    "TP_E_IO is class io, exit 1");
	CHECK(strcmp(d.text, "transport error after ClientHello: write: "
	    "Broken pipe") == 0, "class io names the phase and the error");
	conn_free(&c);

	fresh(ST_READ_CERT);
	diag_failure(&c, TP_E_NOMEM, &d);
	CHECK(strcmp(d.cls, "internal") == 0 && d.exit_code == EXIT_HANDSHAKE,
	    "TP_E_NOMEM is class internal, exit 1");
	CHECK(strcmp(d.text, "out of memory") == 0,
	    "class internal says out of memory");
	conn_free(&c);

	fresh(ST_READ_CCS);
	diag_failure(&c, TP_E_CLOSED, &d);
	CHECK(strcmp(d.cls, "closed") == 0, "a close with no "
	    "CertificateRequest is class closed");
	conn_free(&c);

	fresh(ST_READ_CCS);
	c.cert_requested = 1;
	strlcpy(c.cr_ca_names, "CN = a\nCN = b\n", sizeof(c.cr_ca_names));
	c.ncr_ca_names = 2;
	diag_failure(&c, TP_E_CLOSED, &d);
	CHECK(strcmp(d.cls, "client-cert") == 0 && !d.probe_worthy,
	    "a close after CertificateRequest, none sent: class client-cert");
	CHECK(strstr(d.text, "closed (or reset) the connection without an "
	    "alert while waiting for the server ChangeCipherSpec; acceptable "
	    "CAs: CN = a; CN = b") != NULL,
	    "class client-cert on close lists the CA names");
	conn_free(&c);

	fresh(ST_WROTE_CH);
	diag_failure(&c, TP_E_TIMEOUT, &d);
	CHECK(strstr(d.text, "within the timeout of 7 s after ClientHello") !=
	    NULL, "the timeout line says how many seconds");
	conn_free(&c);
	UNIT_EXIT();
}
