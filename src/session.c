/*
 * session.c -- the connection summary and the data phase.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "handshake.h"
#include "hsbuf.h"
#include "names.h"
#include "net.h"
#include "record.h"
#include "session.h"
#include "trace.h"
#include "tperr.h"

/* After stdin ends and close_notify is sent, wait this long for the peer. */
#define CLOSE_WAIT_MS	1000

void
session_summary(struct conn *c)
{
	const char *vn = version_ossl_name(c->version);
	const struct tp_group *g = group_by_code(c->kex_group);
	size_t i;

	printf("---\n");
	if (c->peer_sigscheme != NULL)
		printf("Peer signature type: %s\n", c->peer_sigscheme->name);
	if (c->kex_bits > 0)
		printf("Server Temp Key: %s, %d bits\n", g != NULL ? g->name :
		    "DH", c->kex_bits);
	printf("---\n");
	printf("SSL handshake has read %llu bytes and written %llu bytes\n",
	    (unsigned long long)c->bytes_read,
	    (unsigned long long)c->bytes_written);
	printf("---\n");
	printf("New, %s, Cipher is %s\n", vn, c->suite->ossl);
	if (c->peer_key_desc[0] != '\0')
		printf("Server public key is %d bit\n", c->peer_key_bits);
	if (c->version < TLS1_3_VERSION)
		printf("Secure Renegotiation IS%s supported\n",
		    c->secure_reneg ? "" : " NOT");
	printf("Compression: NONE\n");
	printf("Expansion: NONE\n");
	if (c->alpn[0] != '\0')
		printf("ALPN protocol: %s\n", c->alpn);
	else
		printf("No ALPN negotiated\n");
	printf("SSL-Session:\n");
	printf("    Protocol  : %s\n", vn);
	printf("    Cipher    : %s\n", c->suite->ossl);
	printf("    Session-ID: ");
	for (i = 0; i < c->server_sid_len && c->version < TLS1_3_VERSION; i++)
		printf("%02X", c->server_sid[i]);
	printf("\n");
	if (c->version < TLS1_3_VERSION)
		printf("    Extended master secret: %s\n", c->ems ? "yes" :
		    "no");
	printf("---\n");
	fflush(stdout);
}

/* One record from the server after the handshake. */
static int
one_record(struct conn *c)
{
	static const uint8_t no_reneg[2] = { 1, ALERT_NO_RENEGOTIATION };
	struct cbs frag;
	struct hsmsg m;
	uint8_t type;
	int ret;

	if ((ret = rec_read(c, &type, &frag)) != 0)
		return ret;
	switch (type) {
	case CT_APPLICATION_DATA: {
		struct tp_event ev = { .kind = EV_APPDATA };

		ev.data = cbs_data(&frag);
		ev.len = cbs_len(&frag);
		trace_event(c, &ev);
		if (cbs_len(&frag) > 0 &&
		    fwrite(cbs_data(&frag), 1, cbs_len(&frag), stdout) !=
		    cbs_len(&frag))
			return TP_E_IO;
		fflush(stdout);
		return 0;
	}
	case CT_ALERT:
		return hs_alert(c, &frag);
	case CT_HANDSHAKE:
		/* post-handshake messages go through the reassembler */
		if (cbs_len(&frag) == 0)
			return tp_fail(c, TP_E_UNEXPECTED, "zero-length "
			    "handshake record");
		if ((ret = hs_feed(c, &frag)) != 0)
			return ret;
		for (;;) {
			int got;

			if ((ret = hs_take(c, &m, &got)) != 0)
				return ret;
			if (!got)
				break;
			if (c->version >= TLS1_3_VERSION)
				ret = hs13_post_handshake(c, &m);
			else if (m.type == HS_HELLO_REQUEST) {
				/* RFC 5246, 7.4.1.1: we do not renegotiate */
				trace_info(c, "server asked to renegotiate; "
				    "declining");
				ret = rec_write(c, CT_ALERT, no_reneg, 2);
				if (ret == 0)
					ret = rec_flush(c);
			} else
				ret = tp_fail(c, TP_E_UNEXPECTED, "unexpected "
				    "%s after the handshake",
				    handshake_name((uint8_t)m.type) ?
				    handshake_name((uint8_t)m.type) :
				    "handshake message");
			if (ret != 0)
				return ret;
		}
		return 0;
	default:
		return tp_fail(c, TP_E_UNEXPECTED, "%s record after the "
		    "handshake", content_type_name(type) ?
		    content_type_name(type) : "unknown");
	}
}

/* How long a late rejection may take to arrive. */
#define SETTLE_MS	1500

int
session_settle(struct conn *c, struct net *n)
{
	struct pollfd pfd;
	int waited = 0, r, ret;

	if (c->version < TLS1_3_VERSION || !c->cert_requested)
		return 0;
	while (c->tickets == 0 && waited < SETTLE_MS) {
		if (rec_pending(c) == 0) {
			pfd.fd = n->fd;
			pfd.events = POLLIN;
			r = poll(&pfd, 1, 100);
			waited += 100;
			if (r <= 0)
				continue;
		}
		if ((ret = one_record(c)) != 0)
			return ret;
	}
	return 0;
}

static void
send_close_notify(struct conn *c)
{
	static const uint8_t cn[2] = { 1, ALERT_CLOSE_NOTIFY };
	struct tp_event ev = { .kind = EV_ALERT, .sent = 1 };

	if (rec_write(c, CT_ALERT, cn, 2) != 0)
		return;
	ev.version = c->wire_version;
	ev.data = cn;
	ev.len = 2;
	trace_event(c, &ev);
	(void)rec_flush(c);
}

int
session_data(struct conn *c, struct net *n)
{
	struct pollfd pfd[2];
	uint8_t buf[TLS_MAX_PLAINTEXT];
	int stdin_open = 1, ret, timeout, r;
	ssize_t got;

	hs_enter(c, ST_DATA);
	for (;;) {
		if (rec_pending(c) > 0) {
			/* whole records may already be buffered */
			ret = one_record(c);
			goto check;
		}
		pfd[0].fd = n->fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = STDIN_FILENO;
		pfd[1].events = POLLIN;
		timeout = stdin_open ? -1 : CLOSE_WAIT_MS;
		r = poll(pfd, stdin_open ? 2 : 1, timeout);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return TP_E_IO;
		if (r == 0)
			return 0;	/* the peer did not close: fine */
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ret = one_record(c);
			goto check;
		}
		if (stdin_open && (pfd[1].revents & (POLLIN | POLLHUP))) {
			got = read(STDIN_FILENO, buf, sizeof(buf));
			if (got <= 0) {
				stdin_open = 0;
				if (!c->cfg->ign_eof)
					send_close_notify(c);
				if (c->cfg->ign_eof)
					stdin_open = 0;
				continue;
			}
			if ((ret = rec_write(c, CT_APPLICATION_DATA, buf,
			    (size_t)got)) != 0 || (ret = rec_flush(c)) != 0)
				return ret;
		}
		continue;
 check:
		if (ret == TP_E_CLOSE_NOTIFY)
			return 0;
		if (ret == TP_E_CLOSED) {
			/*
			 * The handshake is done; a server that just drops
			 * the connection (no close_notify) ends the session,
			 * it does not fail it.
			 */
			if (stdin_open)
				trace_info(c, "server closed the connection "
				    "without close_notify");
			return 0;
		}
		if (ret == TP_E_TIMEOUT && !stdin_open)
			return 0;
		if (ret != 0)
			return ret;
	}
}
