/*
 * net.c -- TCP with timeouts.  Every wait is bounded: s_client has no
 * connect or read timeout, and that is one of the complaints we fix.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "net.h"
#include "tpclock.h"
#include "tperr.h"

static enum net_err
classify(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return NET_REFUSED;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
		return NET_UNREACHABLE;
	case ETIMEDOUT:
		return NET_TIMEOUT;
	default:
		return NET_OTHER;
	}
}

/* -bind host:port: the source address, in the family of the target. */
struct net_src {
	const char	*host;		/* NULL: any */
	const char	*port;		/* NULL: any */
};

static int
bind_src(struct net *n, int fd, const struct addrinfo *ai,
    const struct net_src *src)
{
	struct addrinfo hints, *res;
	int one = 1, r;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = ai->ai_family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	r = getaddrinfo(src->host, src->port != NULL ? src->port : "0",
	    &hints, &res);
	if (r != 0) {
		n->bind_failed = r == EAI_SYSTEM ? errno : EAFNOSUPPORT;
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	r = bind(fd, res->ai_addr, res->ai_addrlen);
	if (r == -1)
		n->bind_failed = errno;
	freeaddrinfo(res);
	return r;
}

static enum net_err
try_connect(struct net *n, const struct addrinfo *ai, int timeout_ms,
    const struct net_src *src)
{
	struct pollfd pfd;
	socklen_t sl;
	int fd, flags, one = 1, e = 0, r;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
	    ai->ai_protocol);
	if (fd == -1) {
		n->last_errno = errno;
		return NET_OTHER;
	}
	n->bind_failed = 0;
	if (src != NULL && bind_src(n, fd, ai, src) == -1) {
		n->last_errno = n->bind_failed;
		close(fd);
		return NET_OTHER;
	}
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
		if (errno != EINPROGRESS) {
			n->last_errno = errno;
			close(fd);
			return classify(n->last_errno);
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		do
			r = poll(&pfd, 1, timeout_ms);
		while (r == -1 && errno == EINTR);
		if (r == 0) {
			n->last_errno = ETIMEDOUT;
			close(fd);
			return NET_TIMEOUT;
		}
		sl = sizeof(e);
		if (r == -1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &e,
		    &sl) == -1 || e != 0) {
			n->last_errno = r == -1 ? errno : e;
			close(fd);
			return classify(n->last_errno);
		}
	}
	/* each flight is one write; don't let Nagle hold the last one */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	n->fd = fd;
	return NET_OK;
}

static void
addr_str(const struct addrinfo *ai, char *buf, size_t len)
{
	char h[INET6_ADDRSTRLEN], p[8];

	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, h, sizeof(h), p,
	    sizeof(p), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(buf, len, "?");
		return;
	}
	if (ai->ai_family == AF_INET6)
		snprintf(buf, len, "[%s]:%s", h, p);
	else
		snprintf(buf, len, "%s:%s", h, p);
}

static enum net_err
connect_to(struct net *n, const char *host, const char *port, int timeout_ms,
    int family, const struct net_src *src, char *why, size_t whylen)
{
	struct addrinfo hints, *res, *ai;
	enum net_err e = NET_OTHER;
	int r;

	memset(n, 0, sizeof(*n));
	n->fd = -1;
	n->timeout_ms = timeout_ms;
	n->t_begin = tp_now_us();
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	r = getaddrinfo(host, port, &hints, &res);
	if (r != 0) {
		snprintf(why, whylen, "cannot resolve %s: %s", host,
		    gai_strerror(r));
		return NET_RESOLVE;
	}
	n->t_resolved = tp_now_us();
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		addr_str(ai, n->peer, sizeof(n->peer));
		if ((e = try_connect(n, ai, timeout_ms, src)) == NET_OK)
			break;
	}
	freeaddrinfo(res);
	if (e == NET_OK) {
		n->t_connected = tp_now_us();
		return NET_OK;
	}
	if (n->bind_failed != 0)
		snprintf(why, whylen, "cannot bind to -bind %s%s%s: %s",
		    src->host != NULL ? src->host : "*",
		    src->port != NULL ? ":" : "",
		    src->port != NULL ? src->port : "",
		    strerror(n->bind_failed));
	else if (e == NET_TIMEOUT)
		snprintf(why, whylen, "cannot connect to %s: no answer within "
		    "%d ms (connect timeout)", n->peer, timeout_ms);
	else
		snprintf(why, whylen, "cannot connect to %s: %s", n->peer,
		    strerror(n->last_errno));
	return e;
}

enum net_err
net_connect(struct net *n, const char *host, const char *port, int timeout_ms,
    char *why, size_t whylen)
{
	return connect_to(n, host, port, timeout_ms, AF_UNSPEC, NULL, why,
	    whylen);
}

enum net_err
net_connect_cfg(struct net *n, const struct config *cfg, char *why,
    size_t whylen)
{
	struct net_src src;
	int proxy = cfg->proxy_host[0] != '\0';
	enum net_err e;
	char w[400];

	src.host = cfg->bind_host[0] != '\0' ? cfg->bind_host : NULL;
	src.port = cfg->bind_port[0] != '\0' ? cfg->bind_port : NULL;
	e = connect_to(n, proxy ? cfg->proxy_host : cfg->host,
	    proxy ? cfg->proxy_port : cfg->port, cfg->timeout_ms, cfg->family,
	    src.host != NULL || src.port != NULL ? &src : NULL, w, sizeof(w));
	if (e != NET_OK)
		snprintf(why, whylen, "%s%s", proxy ? "proxy: " : "", w);
	return e;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
net_deadline(struct net *n, int ms)
{
	n->deadline = ms > 0 ? now_ms() + ms : 0;
}

static int
net_read(void *ctx, uint8_t *buf, size_t len, size_t *got)
{
	struct net *n = ctx;
	struct pollfd pfd;
	int64_t left;
	ssize_t r;
	int p, wait;

	pfd.fd = n->fd;
	pfd.events = POLLIN;
	for (;;) {
		wait = n->timeout_ms;
		if (n->deadline != 0) {
			left = n->deadline - now_ms();
			if (left <= 0)
				return TP_E_TIMEOUT;
			if (left < wait)
				wait = (int)left;
		}
		p = poll(&pfd, 1, wait);
		if (p == -1 && errno == EINTR)
			continue;
		if (p == 0)
			return TP_E_TIMEOUT;
		if (p == -1) {
			n->last_errno = errno;
			return TP_E_IO;
		}
		r = read(n->fd, buf, len);
		if (r == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r == -1) {
			n->last_errno = errno;
			/* a reset is the peer closing on us */
			return errno == ECONNRESET ? TP_E_CLOSED : TP_E_IO;
		}
		if (r == 0)
			return TP_E_CLOSED;
		*got = (size_t)r;
		return 0;
	}
}

static int
net_write(void *ctx, const uint8_t *buf, size_t len)
{
	struct net *n = ctx;
	struct pollfd pfd;
	ssize_t r;

	pfd.fd = n->fd;
	pfd.events = POLLOUT;
	while (len > 0) {
		r = send(n->fd, buf, len, MSG_NOSIGNAL);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN) {
			if (poll(&pfd, 1, n->timeout_ms) == 0)
				return TP_E_TIMEOUT;
			continue;
		}
		if (r == -1) {
			n->last_errno = errno;
			return errno == EPIPE || errno == ECONNRESET ?
			    TP_E_CLOSED : TP_E_IO;
		}
		buf += r;
		len -= (size_t)r;
	}
	return 0;
}

void
net_transport(struct net *n, struct transport *t)
{
	t->read = net_read;
	t->write = net_write;
	t->ctx = n;
}

void
net_close(struct net *n)
{
	if (n->fd != -1)
		close(n->fd);
	n->fd = -1;
}
