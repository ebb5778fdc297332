/*
 * sess.c -- the session record: allocation, copies, tickets, clocks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keysched.h"
#include "sess.h"
#include "tperr.h"

struct tp_session *
sess_new(void)
{
	struct tp_session *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->time_ms = sess_now_ms();
	s->time = (int64_t)(s->time_ms / 1000);
	s->timeout = TP_SESS_DEFAULT_TIMEOUT;
	return s;
}

void
sess_free(struct tp_session *s)
{
	if (s == NULL)
		return;
	if (s->ticket != NULL)
		freezero(s->ticket, s->ticket_len);
	tp_wipe(s, sizeof(*s));
	free(s);
}

struct tp_session *
sess_dup(const struct tp_session *s)
{
	struct tp_session *d;

	if ((d = malloc(sizeof(*d))) == NULL)
		return NULL;
	*d = *s;
	d->ticket = NULL;
	d->ticket_len = 0;
	if (s->ticket != NULL && sess_set_ticket(d, s->ticket,
	    s->ticket_len) != 0) {
		sess_free(d);
		return NULL;
	}
	return d;
}

int
sess_set_ticket(struct tp_session *s, const uint8_t *t, size_t len)
{
	uint8_t *n;

	if (len > TP_SESS_MAX_TICKET)
		return TP_E_INTERNAL;
	if ((n = malloc(len > 0 ? len : 1)) == NULL)
		return TP_E_NOMEM;
	if (len > 0)
		memcpy(n, t, len);
	if (s->ticket != NULL)
		freezero(s->ticket, s->ticket_len);
	s->ticket = n;
	s->ticket_len = len;
	return 0;
}

uint64_t
sess_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
