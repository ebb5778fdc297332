/*
 * sess.h -- a session to resume: what a full handshake leaves behind
 * (RFC 5246, 7.3; RFC 5077; RFC 8446, 4.6.1) and what the next ClientHello
 * offers.  Plain data; the handshake fills it in, sessfile.c stores it.
 */
#ifndef SESS_H
#define SESS_H

#include <stddef.h>
#include <stdint.h>

#define TP_SESS_MAX_SECRET	64
#define TP_SESS_MAX_TICKET	65535
/* OpenSSL's default session timeout, when no ticket lifetime says more */
#define TP_SESS_DEFAULT_TIMEOUT	7200

struct tp_session {
	uint16_t	 version;
	uint16_t	 suite;
	/* TLS 1.0-1.2: the master secret; TLS 1.3: the resumption PSK */
	uint8_t		 secret[TP_SESS_MAX_SECRET];
	size_t		 secret_len;
	uint8_t		 sid[32];
	size_t		 sid_len;
	uint8_t		*ticket;		/* NULL: none */
	size_t		 ticket_len;
	uint32_t	 lifetime_hint;		/* seconds, 0: none given */
	uint32_t	 age_add;		/* TLS 1.3 */
	uint32_t	 max_early_data;	/* TLS 1.3 early_data extension */
	int		 ems;			/* extended master secret */
	int		 etm;			/* RFC 7366; -1: unknown */
	int64_t		 time;			/* creation, seconds since 1970 */
	uint64_t	 time_ms;		/* the same, in milliseconds */
	uint32_t	 timeout;		/* seconds */
	int		 verify_code;		/* of the full handshake */
	char		 alpn[256];
	char		 host[256];		/* SNI it was made for */
	/* TLS 1.2 PSK suites (RFC 4279): empty when not used */
	char		 psk_identity[256];
	char		 psk_hint[256];
};

struct tp_session *sess_new(void);
void	sess_free(struct tp_session *);
struct tp_session *sess_dup(const struct tp_session *);
/* Replace the ticket with a copy of (t, len); 0 or TP_E_NOMEM. */
int	sess_set_ticket(struct tp_session *, const uint8_t *t, size_t len);
/* Milliseconds since 1970 (for ticket ages). */
uint64_t sess_now_ms(void);

#endif
