/*
 * proxy.h -- an HTTP CONNECT tunnel (RFC 9110, 9.3.6) to the -connect
 * target through the -proxy, with Basic credentials when given.
 */
#ifndef PROXY_H
#define PROXY_H

struct plainio;

/*
 * Ask the proxy for a tunnel to the configured host and port.  Returns 0
 * when the tunnel is open, else TP_E_PLAIN (class "proxy") with the
 * proxy's status line quoted in the connection's error slot.
 */
int	proxy_connect(struct plainio *);

#endif
