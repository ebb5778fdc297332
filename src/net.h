/*
 * net.h -- sockets: resolve, connect with a timeout, and the transport
 * that the protocol core reads and writes through.
 */
#ifndef NET_H
#define NET_H

#include <stddef.h>
#include <stdint.h>

struct transport;

struct net {
	int	 fd;
	int	 timeout_ms;	/* each read */
	char	 peer[128];	/* "127.0.0.1:443" */
	int	 last_errno;
	int64_t	 deadline;	/* CLOCK_MONOTONIC ms; 0 = none */
	int	 bind_failed;	/* errno of a failed -bind */
	/* issue 14: CLOCK_MONOTONIC us (tpclock.h); 0 = not reached */
	int64_t	 t_begin, t_resolved, t_connected;
};

enum net_err { NET_OK, NET_RESOLVE, NET_REFUSED, NET_UNREACHABLE,
	       NET_TIMEOUT, NET_OTHER };

/*
 * Connect to host:port within timeout_ms.  On failure returns the class
 * and writes a sentence to why.
 */
enum net_err net_connect(struct net *, const char *host, const char *port,
	    int timeout_ms, char *why, size_t whylen);
/*
 * The same for the configuration: -connect's host and port, or the
 * -proxy's when one is set, in the -4 / -6 family, from the -bind source.
 */
struct config;
enum net_err net_connect_cfg(struct net *, const struct config *, char *why,
	    size_t whylen);
void	net_transport(struct net *, struct transport *);
/*
 * Bound everything that follows to ms from now (0: no bound), so a server
 * that drips one byte per second cannot stretch a handshake forever.
 */
void	net_deadline(struct net *, int ms);
void	net_close(struct net *);

#endif
