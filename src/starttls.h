/*
 * starttls.h -- the plaintext exchange that turns a connection of another
 * protocol into one where TLS starts (s_client's -starttls), run on the
 * socket before the TLS engine sees it.
 */
#ifndef STARTTLS_H
#define STARTTLS_H

#include <stddef.h>

struct plainio;

/* 0 when name is not a protocol; else the protocol number (1...). */
int	starttls_by_name(const char *name);
const char *starttls_name(int proto);
/* The protocol's well-known port, for -connect host without a port. */
const char *starttls_port(int proto);
/* "smtp, lmtp, ...", for the usage text and error messages. */
const char *starttls_list(void);

/*
 * Run the exchange for proto on p's connection.  Returns 0 when the
 * server is ready for the ClientHello, else TP_E_PLAIN with the reason in
 * the connection's error slot (class "starttls").
 */
int	starttls_run(struct plainio *p, int proto);

/*
 * Everything between the TCP connection and the ClientHello: the HTTP
 * CONNECT tunnel (-proxy), then the -starttls exchange.  Returns 0 or
 * TP_E_PLAIN (class "proxy" or "starttls" in the error slot).
 */
struct conn;
struct net;
int	plain_preamble(struct conn *, struct net *);

/*
 * What the first bytes b of a reply look like: "an IMAP server", ...
 * Writes the names into out (empty when nothing matches) and returns how
 * many protocols matched.
 */
int	plain_guess(const unsigned char *b, size_t n, char *out, size_t cap);

#endif
