/*
 * session.h -- after the handshake: the summary in s_client's shape and the
 * data phase (stdin to the server, the server's data to stdout).
 */
#ifndef SESSION_H
#define SESSION_H

struct conn;
struct net;

struct tp_session;

/*
 * s_client's closing block on stdout: after a handshake, or after a failed
 * one with what is known by then ("New, (NONE), Cipher is (NONE)").
 * full: certificates and byte counts too (s_client: the first connection).
 */
void	session_summary(struct conn *, int full);
/* -brief: "CONNECTION ESTABLISHED" and s_client's short summary, stderr */
void	session_brief(struct conn *);
/* The SSL-Session block of s, as SSL_SESSION_print() writes it. */
void	session_print_block(const struct conn *, const struct tp_session *,
	    int show_ticket);
/*
 * -expire-days N: fail (class "expiry") when the server certificate
 * expires within N days.  Returns 0 or the error.
 */
int	session_check_expiry(struct conn *);
/*
 * TLS 1.3 with a CertificateRequest: wait (bounded) for the server's first
 * post-handshake record, which is an alert if it rejects our certificate.
 */
int	session_settle(struct conn *, struct net *);
/* -reconnect: end a connection that is not the last with close_notify */
void	session_close(struct conn *);
/* Returns 0 or the error that ended the session. */
int	session_data(struct conn *, struct net *);
/*
 * Read and handle one record after the handshake: application data to
 * stdout, post-handshake messages, alerts.  No socket calls of its own, so
 * fuzzers drive it from memory.
 */
int	session_record(struct conn *);

#endif
