/*
 * tpclock.c -- monotonic time for -json, -timestamps and phase timings.
 */
#include <time.h>

#include "tpclock.h"

static int64_t origin;

int64_t
tp_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
tp_clock_start(void)
{
	origin = tp_now_us();
}

int64_t
tp_clock_origin(void)
{
	if (origin == 0)
		origin = tp_now_us();
	return origin;
}

double
tp_since_start(void)
{
	return (double)(tp_now_us() - tp_clock_origin()) / 1e6;
}

static const struct {
	const char *key, *label;
} phases[PH_COUNT] = {
	[PH_RESOLVE] = { "resolve", "resolve" },
	[PH_CONNECT] = { "connect", "connect" },
	[PH_FIRST_BYTE] = { "first_byte", "first byte" },
	[PH_SERVER_HELLO] = { "server_hello", "ServerHello" },
	[PH_CERTIFICATE] = { "certificate", "certificate" },
	[PH_VERIFY] = { "verify", "verification" },
	[PH_DONE] = { "handshake", "handshake done" },
	[PH_FIRST_APP] = { "first_app_byte", "first app byte" },
};

const char *
tp_phase_key(enum tp_phase p)
{
	return (unsigned)p < PH_COUNT ? phases[p].key : "unknown";
}

const char *
tp_phase_label(enum tp_phase p)
{
	return (unsigned)p < PH_COUNT ? phases[p].label : "unknown";
}
