/*
 * fuzz_sessfile.c -- sessfile_decode, the SSL_SESSION DER reader behind
 * -sess_in.  Input: the DER (no PEM armour).  Whatever decodes must encode
 * and decode again to the same fields.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sess.h"
#include "sessfile.h"

FUZZ_QUIET_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tp_session *s = NULL, *t = NULL;
	uint8_t *der = NULL;
	size_t len = 0;
	char why[512];

	if (sessfile_decode(data, size, &s, why, sizeof(why)) != 0)
		return 0;
	if (sessfile_encode(s, &der, &len) != 0 ||
	    sessfile_decode(der, len, &t, why, sizeof(why)) != 0)
		abort();
	if (t->version != s->version || t->suite != s->suite ||
	    t->sid_len != s->sid_len || t->secret_len != s->secret_len ||
	    memcmp(t->secret, s->secret, s->secret_len) != 0 ||
	    t->ticket_len != s->ticket_len || t->ems != s->ems ||
	    t->age_add != s->age_add || t->max_early_data != s->max_early_data)
		abort();
	free(der);
	sess_free(s);
	sess_free(t);
	return 0;
}
