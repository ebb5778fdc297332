/*
 * capture.c -- record what a real server sends to the deterministic
 * client, as seed corpora for the fuzz targets.
 *
 *	capture HOST PORT SELECTOR OUTDIR NAME
 *
 * Runs the client of fuzz_handshake (the same configuration for the same
 * selector byte, the same seed) against HOST:PORT and writes:
 *	OUTDIR/fuzz_handshake/NAME	selector byte + every byte received
 *	OUTDIR/fuzz_record/NAME		the same bytes, for the record layer
 *	OUTDIR/fuzz_<parser>/NAME-<n>	each server handshake message body, in
 *					the input shape of its parser target
 *	OUTDIR/fuzz_tracefmt/NAME-<n>	each handshake message, both ways
 * Replaying OUTDIR/fuzz_handshake/NAME completes the same handshake as long
 * as the client sends the same ClientHello (the keys that libcrypto draws
 * itself, P-256 and FFDHE, break that: capture X25519 and RSA exchanges).
 * Exit status: 0 when the handshake succeeded, 1 otherwise (the files are
 * written either way).
 */
#include <errno.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "net.h"

struct rec_io {
	struct transport inner;
	uint8_t		*buf;
	size_t		 len, cap;
};

static int
rec_io_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	struct rec_io *r = ctx;
	uint8_t *nb;
	int ret;

	if ((ret = r->inner.read(r->inner.ctx, buf, len, got)) != 0)
		return ret;
	if (r->len + *got > r->cap) {
		r->cap = (r->len + *got) * 2;
		if ((nb = realloc(r->buf, r->cap)) == NULL)
			abort();
		r->buf = nb;
	}
	memcpy(r->buf + r->len, buf, *got);
	r->len += *got;
	return 0;
}

static int
rec_io_write(void *ctx, const uint8_t *buf, size_t len)
{
	struct rec_io *r = ctx;

	return r->inner.write(r->inner.ctx, buf, len);
}

static void
put(const char *dir, const char *target, const char *name, int n,
    const uint8_t *pre, size_t prelen, const uint8_t *p, size_t len)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, target);
	(void)mkdir(path, 0755);
	if (n >= 0)
		snprintf(path, sizeof(path), "%s/%s/%s-%d", dir, target, name, n);
	else
		snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		exit(2);
	}
	if (fwrite(pre, 1, prelen, f) != prelen ||
	    (len > 0 && fwrite(p, 1, len, f) != len) || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* The selector byte of fuzz_tracefmt for the negotiated version. */
static uint8_t
trace_sel(uint16_t v, int from_server)
{
	uint8_t s = 0;

	switch (v) {
	case TLS1_0_VERSION:
		s = 1;
		break;
	case TLS1_1_VERSION:
		s = 2;
		break;
	case TLS1_2_VERSION:
		s = 3;
		break;
	case TLS1_3_VERSION:
		s = 4;
		break;
	}
	return (uint8_t)(s | (from_server ? 8 : 0));
}

/* Each handshake message of the transcript, to its parser's corpus. */
static void
split_transcript(const struct conn *c, const char *dir, const char *name)
{
	const uint8_t *p = c->ts.buf;
	size_t left = c->ts.len, len, i, suite_idx = 255;
	uint8_t pre[2];
	int n = 0, server;

	for (i = 0; c->suite != NULL && i < tp_nsuites; i++)
		if (tp_suites[i].code == c->suite->code)
			suite_idx = i;
	while (left >= 4) {
		len = (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
		if (len > left - 4)
			break;
		/*
		 * The client's own Certificate and Finished are told apart
		 * from the server's only by order: "from the server" for all
		 * but ClientHello and ClientKeyExchange is good enough.
		 */
		server = p[0] != HS_CLIENT_HELLO && p[0] != HS_CLIENT_KEY_EXCHANGE;
		pre[0] = trace_sel(c->version, server);
		pre[1] = (uint8_t)suite_idx;
		put(dir, "fuzz_tracefmt", name, n, pre, 2, p, len + 4);
		pre[0] = 0;
		switch (p[0]) {
		case HS_SERVER_HELLO:
			pre[0] = (uint8_t)(c->cfg->max_version >= TLS1_3_VERSION ?
			    (c->cfg->min_version >= TLS1_3_VERSION ? 1 : 0) :
			    2);
			put(dir, "fuzz_server_hello", name, n, pre, 1, p + 4,
			    len);
			break;
		case HS_ENCRYPTED_EXTENSIONS:
			put(dir, "fuzz_encrypted_extensions", name, n, pre, 1,
			    p + 4, len);
			break;
		case HS_CERTIFICATE:
			pre[0] = c->suite != NULL &&
			    c->suite->auth == AUTH_ECDSA;
			put(dir, c->version >= TLS1_3_VERSION ?
			    "fuzz_certificate13" : "fuzz_certificate12", name,
			    n, pre, 1, p + 4, len);
			break;
		case HS_SERVER_KEY_EXCHANGE:
			pre[0] = c->suite->kex == KEX_DHE ? 1 :
			    c->suite->auth == AUTH_ECDSA ? 2 : 0;
			if (c->version == TLS1_1_VERSION)
				pre[0] |= 4;
			else if (c->version == TLS1_0_VERSION)
				pre[0] |= 8;
			put(dir, "fuzz_server_key_exchange", name, n, pre, 1,
			    p + 4, len);
			break;
		case HS_CERTIFICATE_REQUEST:
			put(dir, c->version >= TLS1_3_VERSION ?
			    "fuzz_certificate_request13" :
			    "fuzz_certificate_request12", name, n, pre, 1,
			    p + 4, len);
			break;
		case HS_CERTIFICATE_VERIFY:
			pre[0] = c->peer_key != NULL &&
			    peer_key_type(c->peer_key) == PK_EC;
			put(dir, "fuzz_certificate_verify", name, n, pre, 1,
			    p + 4, len);
			break;
		}
		p += 4 + len;
		left -= 4 + len;
		n++;
	}
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct conn c;
	struct net n;
	struct rec_io r = { 0 };
	struct transport io;
	struct pollfd pfd;
	uint8_t sel, buf[4096];
	char why[256];
	ssize_t got;
	int ret;

	if (argc != 6) {
		fprintf(stderr, "usage: capture host port selector outdir "
		    "name\n");
		return 2;
	}
	sel = (uint8_t)strtoul(argv[3], NULL, 0);
	fuzz_config(&cfg, sel);
	if (net_connect(&n, argv[1], argv[2], 5000, why, sizeof(why)) !=
	    NET_OK) {
		fprintf(stderr, "capture: %s\n", why);
		return 2;
	}
	net_transport(&n, &r.inner);
	io.read = rec_io_read;
	io.write = rec_io_write;
	io.ctx = &r;
	tp_test_deterministic(FUZZ_SEED);
	conn_init(&c, &cfg, &io);
	ret = handshake(&c);
	if (ret == 0) {
		/* what the server sends after its Finished: tickets, ... */
		pfd.fd = n.fd;
		pfd.events = POLLIN;
		while (poll(&pfd, 1, 300) == 1) {
			if ((got = read(n.fd, buf, sizeof(buf))) <= 0)
				break;
			if (r.len + (size_t)got > r.cap) {
				r.cap = (r.len + (size_t)got) * 2;
				if ((r.buf = realloc(r.buf, r.cap)) == NULL)
					abort();
			}
			memcpy(r.buf + r.len, buf, (size_t)got);
			r.len += (size_t)got;
		}
	} else
		fprintf(stderr, "capture %s: handshake failed: %s\n", argv[5],
		    c.why[0] ? c.why : "(no reason)");
	put(argv[4], "fuzz_handshake", argv[5], -1, &sel, 1, r.buf, r.len);
	sel = 0;
	put(argv[4], "fuzz_record", argv[5], -1, &sel, 1, r.buf, r.len);
	split_transcript(&c, argv[4], argv[5]);
	conn_free(&c);
	net_close(&n);
	free(r.buf);
	return ret == 0 ? 0 : 1;
}
