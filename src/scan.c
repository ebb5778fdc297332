/*
 * scan.c -- -scan (see scan.h).
 *
 * Phase 1 runs one job per protocol version; each job finds the suites
 * that version accepts in the server's preference order with n+1 probes
 * (offer every registry code, remove the one chosen, repeat) and one
 * probe in reversed order to see whether the server enforces its order.
 * Phase 2 plans from that: TLS 1.3 groups (HelloRetryRequest, no key
 * share), TLS 1.2 curves, DHE sizes and signature schemes (read on to the
 * ServerKeyExchange), a full handshake per certificate key type, and the
 * features.  Each job runs in a child process that reports its part of
 * struct scan_result through a pipe; at most -scan-concurrency jobs run
 * at once.
 */
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "conn.h"
#include "handshake.h"
#include "names.h"
#include "net.h"
#include "scan.h"
#include "scanwire.h"
#include "sess.h"
#include "session.h"
#include "starttls.h"
#include "x509.h"
#include "x509_info.h"

static const uint16_t scan_versions[SCAN_NVERS] = {
	SSL2_VERSION, SSL3_VERSION, TLS1_0_VERSION, TLS1_1_VERSION,
	TLS1_2_VERSION, TLS1_3_VERSION,
};

#define VI_TLS12	4
#define VI_TLS13	5
#define CHUNK		64	/* suites per hello for a size-capped server */

/* what a child reports ahead of its part of the result */
struct job_hdr {
	int	 nconn;
	int	 incomplete;
	int	 refused;
	char	 why[400];
	/* -proxy / -starttls */
	int	 notrun;	/* a probe of this part could not be run */
	int	 plain_fails;	/* connections whose plaintext phase failed */
	int	 plain_retried;
	char	 plain_class[12];
	char	 plain_why[300];
};

/*
 * What the probe processes of a scan share (a MAP_SHARED page): whether
 * any -proxy / -starttls phase succeeded (then a failure is the server
 * limiting us, worth a retry), and whether one already failed after every
 * retry (then the others do not wait for retries either).
 */
struct scan_shared {
	volatile int	 plain_ok;
	volatile int	 plain_gaveup;
};

struct job_ctx {
	const struct config *cfg;
	int		 seen;		/* the server answered before */
	int		 part;		/* enum scan_part */
	int		 ok;		/* probes of this job that ran */
	struct scan_shared *sh;
	struct scan_result *r;
	struct job_hdr h;
};

struct job {
	void	(*fn)(struct job_ctx *, int);
	int	 arg;
	int	 part;		/* enum scan_part */
	size_t	 off, len;	/* the part of scan_result it fills */
};

const char *
scan_part_label(int p)
{
	static const char *const labels[SP_N] = {
		"SSLv2", "SSLv3 cipher suites", "TLSv1 cipher suites",
		"TLSv1.1 cipher suites", "TLSv1.2 cipher suites",
		"TLSv1.3 cipher suites", "RSA certificate",
		"ECDSA certificate", "EdDSA certificate",
		"resumption by session ID", "resumption by ticket",
		"TLS 1.3 resumption", "0-RTT early data",
		"client renegotiation", "TLSv1.3 groups",
		"TLS 1.2 features", "ECDHE curves", "DHE prime sizes",
		"signature schemes", "encrypt-then-MAC", "ALPN",
		"SNI required", "TLS_FALLBACK_SCSV",
	};

	return p >= 0 && p < SP_N ? labels[p] : "?";
}

const char *
scan_proto(uint16_t v)
{
	switch (v) {
	case SSL2_VERSION:
		return "SSLv2";
	case SSL3_VERSION:
		return "SSLv3";
	case TLS1_0_VERSION:
		return "TLSv1";
	case TLS1_1_VERSION:
		return "TLSv1.1";
	case TLS1_2_VERSION:
		return "TLSv1.2";
	case TLS1_3_VERSION:
		return "TLSv1.3";
	default:
		return "unknown";
	}
}

int
scan_suite_bits(uint16_t code)
{
	const struct tp_suite *s = suite_by_code(code);

	if (s == NULL)
		return 0;
	/* GOST and AEGIS (no bulk id of their own): 256-bit keys */
	return s->bulk == BULK_OTHER ? 256 : bulk_strength_bits(s->bulk);
}

static void
sleep_ms(int ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * The -proxy CONNECT or the -starttls exchange failed on a connection of
 * this job (attempt 0, 1, ...).  Returns 1 to try again: after a pause,
 * when a plaintext phase worked before (the server limits us: Postfix's
 * anvil, a proxy's connection limit) and no other job already gave up.
 * Else the job's part is marked not run, and the scan incomplete.
 */
static int
plain_failed(struct job_ctx *j, const char *cls, const char *why,
    int attempt)
{
	j->h.plain_fails++;
	if (j->h.plain_class[0] == '\0') {
		strlcpy(j->h.plain_class, cls, sizeof(j->h.plain_class));
		strlcpy(j->h.plain_why, why, sizeof(j->h.plain_why));
	}
	if (attempt < 3 && !j->sh->plain_gaveup) {
		/* a concurrent job's phase may be about to succeed */
		sleep_ms(250 << attempt);
		if (j->seen || j->ok > 0 || j->sh->plain_ok) {
			j->h.plain_retried++;
			return 1;
		}
	}
	if (j->seen || j->ok > 0 || j->sh->plain_ok)
		j->sh->plain_gaveup = 1;
	if (!j->h.notrun) {
		j->h.notrun = 1;
		j->h.incomplete = 1;
		snprintf(j->h.why, sizeof(j->h.why), "%s failed on a probe "
		    "connection (%s): %.300s", strcmp(cls, "proxy") == 0 ?
		    "the proxy's CONNECT" : "the STARTTLS exchange",
		    scan_part_label(j->part), why);
	}
	return 0;
}

/*
 * One probe, with -scan-delay before it.  A refused connection is retried
 * with a growing pause; if the server keeps refusing, the job's part is
 * marked incomplete.  So is a -proxy / -starttls phase that fails (see
 * plain_failed()).
 */
static void
probe(struct job_ctx *j, const struct sw_req *q, struct sw_res *res)
{
	int attempt;

	for (attempt = 0; attempt < 4; attempt++) {
		sleep_ms(j->cfg->scan_delay_ms);
		sw_probe(q, res);
		if (res->status != SW_CONNECT)
			j->h.nconn++;
		if (res->status == SW_PLAIN) {
			if (plain_failed(j, res->plain_class, res->why,
			    attempt))
				continue;
			return;
		}
		if (res->status != SW_CONNECT) {
			j->ok++;
			j->sh->plain_ok = 1;
		}
		if (res->status == SW_TIMEOUT) {
			j->h.incomplete = 1;
			snprintf(j->h.why, sizeof(j->h.why), "no answer within "
			    "%d s to a %s probe", j->cfg->timeout_ms / 1000,
			    scan_proto(q->version));
			return;
		}
		if (res->status != SW_CONNECT)
			return;
		/* a closed port from the start is not a refusal mid-scan */
		if (!j->seen && j->h.nconn == 0)
			return;
		j->h.refused++;
		sleep_ms(250 << attempt);
	}
	j->h.incomplete = 1;
	snprintf(j->h.why, sizeof(j->h.why), "the server stopped accepting "
	    "connections (%.120s)", res->why);
}

/* every registry suite code for a version (TLS 1.3 or the older ones) */
static size_t
registry_suites(uint16_t version, uint16_t *out, size_t max)
{
	size_t i, n = 0;
	int t13;

	for (i = 0; i < tp_nsuites && n < max; i++) {
		t13 = tp_suites[i].kex == KEX_TLS13;
		if ((version == TLS1_3_VERSION) == t13)
			out[n++] = tp_suites[i].code;
	}
	return n;
}

static int
is_ec_code(uint16_t g)
{
	return g < 0x0100 || g == 0xff01 || g == 0xff02;
}

static int
in_list(const uint16_t *l, size_t n, uint16_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i] == x)
			return 1;
	return 0;
}

static void
req_init(struct job_ctx *j, struct sw_req *q, uint16_t version)
{
	const struct config *cfg = j->cfg;
	uint16_t all[SCAN_MAX_GROUPS];
	size_t i, n;

	memset(q, 0, sizeof(*q));
	q->host = cfg->host;
	q->port = cfg->port;
	q->timeout_ms = cfg->timeout_ms;
	q->cfg = cfg;			/* -proxy, -starttls, -4/-6 */
	q->version = version;
	q->sni = cfg->sni ? cfg->servername : NULL;
	/*
	 * tlsprobe's own groups first, in its order (a server that follows
	 * the client then shows what a client would get), then the rest of
	 * the registry; TLS 1.3 takes every group, older versions the curves.
	 */
	for (i = 0; i < tp_ngroups && q->ngroups < SW_MAX_GROUPS; i++)
		if (version == TLS1_3_VERSION || is_ec_code(tp_groups[i].code))
			q->groups[q->ngroups++] = tp_groups[i].code;
	n = group_reg_codes(all, SCAN_MAX_GROUPS);
	for (i = 0; i < n && q->ngroups < SW_MAX_GROUPS; i++)
		if ((version == TLS1_3_VERSION || is_ec_code(all[i])) &&
		    !in_list(q->groups, q->ngroups, all[i]))
			q->groups[q->ngroups++] = all[i];
	for (i = 0; i < tp_nsigschemes && q->nsigalgs < SW_MAX_SIGALGS; i++)
		q->sigalgs[q->nsigalgs++] = tp_sigschemes[i].code;
	/* SHA-1 and SHA-224 schemes a TLS 1.2 server may still use */
	static const uint16_t legacy[] = { 0x0201, 0x0203, 0x0202, 0x0301,
	    0x0303, 0x0302, 0x0402, 0x0502, 0x0602 };
	for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]) &&
	    q->nsigalgs < SW_MAX_SIGALGS; i++)
		if (sigscheme_by_code(legacy[i]) == NULL)
			q->sigalgs[q->nsigalgs++] = legacy[i];
}

static size_t
pos_of(const uint16_t *l, size_t n, uint16_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i] == x)
			break;
	return i;
}

static size_t
remove_code(uint16_t *l, size_t n, uint16_t x)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (l[i] != x)
			l[k++] = l[i];
	return k;
}

static int
got_hello(const struct sw_req *q, const struct sw_res *res)
{
	return (res->status == SW_HELLO || res->status == SW_HRR) &&
	    res->version == q->version;
}

/*
 * The suite the server picks from cand[] at this step.  A server that
 * caps the ClientHello size gets the codes CHUNK at a time, then the
 * chunk winners.  Returns 1 with *res filled, 0 when nothing was chosen.
 */
static int
pick_suite(struct job_ctx *j, struct sw_req *q, const uint16_t *cand,
    size_t n, int *chunked, struct sw_res *res)
{
	uint16_t win[SCAN_MAX_SUITES / CHUNK + 1];
	struct sw_res wres[SCAN_MAX_SUITES / CHUNK + 1];
	size_t nwin = 0, i, k;

	if (!*chunked || n <= CHUNK) {
		memcpy(q->suites, cand, n * sizeof(cand[0]));
		q->nsuites = n;
		probe(j, q, res);
		if (got_hello(q, res))
			return in_list(cand, n, res->suite);
		/* closed or garbage instead of an alert: maybe too big */
		if (*chunked || n <= CHUNK || (res->status != SW_CLOSED &&
		    res->status != SW_BAD))
			return 0;
		*chunked = 1;
	}
	for (i = 0; i < n; i += CHUNK) {
		k = n - i < CHUNK ? n - i : CHUNK;
		memcpy(q->suites, cand + i, k * sizeof(cand[0]));
		q->nsuites = k;
		probe(j, q, &wres[nwin]);
		if (got_hello(q, &wres[nwin]) &&
		    in_list(cand + i, k, wres[nwin].suite)) {
			win[nwin] = wres[nwin].suite;
			nwin++;
		}
	}
	if (nwin == 0)
		return 0;
	if (nwin == 1) {
		*res = wres[0];
		return 1;
	}
	memcpy(q->suites, win, nwin * sizeof(win[0]));
	q->nsuites = nwin;
	probe(j, q, res);
	return got_hello(q, res) && in_list(win, nwin, res->suite);
}

static void
job_version(struct job_ctx *j, int vi)
{
	struct scan_version *sv = &j->r->v[vi];
	uint16_t cand[SCAN_MAX_SUITES];
	struct sw_req q;
	struct sw_res res;
	uint16_t all[SCAN_MAX_SUITES];
	size_t n, i, nall;
	int chunked = 0, proven = 0;

	memset(sv, 0, sizeof(*sv));
	sv->version = scan_versions[vi];
	sv->server_order = -1;
	sv->refusal = -1;
	req_init(j, &q, sv->version);
	if (sv->version == SSL2_VERSION) {
		probe(j, &q, &res);
		sv->accepted = j->h.notrun ? -1 : res.status == SW_HELLO &&
		    res.version == SSL2_VERSION;
		if (res.status == SW_ALERT)
			sv->refusal = res.alert;
		sv->nssl2 = res.nssl2_specs;
		memcpy(sv->ssl2, res.ssl2_specs, sizeof(sv->ssl2));
		return;
	}
	q.want_ske = sv->version <= TLS1_2_VERSION;
	n = registry_suites(sv->version, cand, SCAN_MAX_SUITES);
	nall = n;
	memcpy(all, cand, n * sizeof(cand[0]));
	while (n > 0 && sv->n < SCAN_MAX_SUITES) {
		if (!pick_suite(j, &q, cand, n, &chunked, &res)) {
			if (res.status == SW_ALERT)
				sv->refusal = res.alert;
			break;
		}
		/* a pick offered before the last one: its own order */
		if (sv->n > 0 && pos_of(all, nall, res.suite) <
		    pos_of(all, nall, sv->suites[sv->n - 1].code))
			proven = 1;
		sv->suites[sv->n].code = res.suite;
		sv->suites[sv->n].group = res.group;
		sv->suites[sv->n].dh_bits = res.dh_bits;
		sv->suites[sv->n].sig = res.ske_sigalg;
		sv->n++;
		n = remove_code(cand, n, res.suite);
		if (j->h.incomplete)
			break;
	}
	sv->accepted = sv->n > 0 ? 1 : j->h.incomplete ? -1 : 0;
	if (sv->n < 2 || j->h.incomplete)
		return;
	if (proven) {
		sv->server_order = 1;
		return;
	}
	/* the accepted suites in reverse: who decides? */
	for (i = 0; i < sv->n; i++)
		cand[i] = sv->suites[sv->n - 1 - i].code;
	chunked = sv->n > CHUNK ? chunked : 0;
	if (pick_suite(j, &q, cand, sv->n, &chunked, &res))
		sv->server_order = res.suite != cand[0];
}

/* The best accepted version at or below max, or 0. */
static uint16_t
best_version(const struct scan_result *r, uint16_t max)
{
	int i;

	for (i = SCAN_NVERS - 1; i >= 1; i--)
		if (r->v[i].accepted == 1 && r->v[i].version <= max)
			return r->v[i].version;
	return 0;
}

static const struct scan_version *
vers(const struct scan_result *r, uint16_t v)
{
	int i;

	for (i = 0; i < SCAN_NVERS; i++)
		if (r->v[i].version == v)
			return &r->v[i];
	return NULL;
}

/* accepted suites of version v whose kex is in kinds (mask by enum) */
static size_t
suites_of(const struct scan_result *r, uint16_t v, unsigned long kinds,
    int cbc_only, uint16_t *out)
{
	const struct scan_version *sv = vers(r, v);
	const struct tp_suite *s;
	size_t i, n = 0;

	if (sv == NULL)
		return 0;
	for (i = 0; i < sv->n; i++) {
		if ((s = suite_by_code(sv->suites[i].code)) == NULL)
			continue;
		if (kinds != 0 && !(kinds & (1UL << s->kex)))
			continue;
		if (cbc_only && (bulk_info(s->bulk) == NULL ||
		    bulk_info(s->bulk)->block_len == 0))
			continue;
		out[n++] = s->code;
	}
	return n;
}

#define K(x)	(1UL << (x))

/*
 * What the version chain already learnt with the same full offer: the
 * group (or signature scheme, or DH prime size) of its first suite of
 * these kinds.  A chain over groups or schemes starts from it, one probe
 * fewer.
 */
static const struct scan_suite *
seed(const struct scan_result *r, uint16_t v, unsigned long kinds)
{
	const struct scan_version *sv = vers(r, v);
	const struct tp_suite *s;
	size_t i;

	for (i = 0; sv != NULL && i < sv->n; i++)
		if ((s = suite_by_code(sv->suites[i].code)) != NULL &&
		    (kinds == 0 || (kinds & (1UL << s->kex))))
			return &sv->suites[i];
	return NULL;
}

/* A chain over groups: offer all, remove the one chosen, repeat. */
static void
job_groups13(struct job_ctx *j, int arg)
{
	struct scan_groups *g = &j->r->g13;
	uint16_t cand[SCAN_MAX_GROUPS], rev[SCAN_MAX_GROUPS];
	uint16_t all[SCAN_MAX_GROUPS];
	const struct scan_suite *sd;
	struct sw_req q;
	struct sw_res res;
	size_t n, i, nall;
	int proven = 0;

	(void)arg;
	memset(g, 0, sizeof(*g));
	g->tested = 1;
	g->server_order = -1;
	req_init(j, &q, TLS1_3_VERSION);
	q.nsuites = suites_of(j->r, TLS1_3_VERSION, 0, 0, q.suites);
	n = nall = q.ngroups;
	memcpy(cand, q.groups, n * sizeof(cand[0]));
	memcpy(all, q.groups, n * sizeof(cand[0]));
	if ((sd = seed(j->r, TLS1_3_VERSION, 0)) != NULL && sd->group != 0 &&
	    in_list(cand, n, sd->group)) {
		g->codes[g->n++] = sd->group;
		n = remove_code(cand, n, sd->group);
	}
	while (n > 0) {
		memcpy(q.groups, cand, n * sizeof(cand[0]));
		q.ngroups = n;
		probe(j, &q, &res);
		if (!got_hello(&q, &res) || !in_list(cand, n, res.group) ||
		    res.group == 0)
			break;
		if (g->n > 0 && pos_of(all, nall, res.group) <
		    pos_of(all, nall, g->codes[g->n - 1]))
			proven = 1;
		g->codes[g->n++] = res.group;
		n = remove_code(cand, n, res.group);
	}
	if (g->n < 2 || j->h.incomplete)
		return;
	if (proven) {
		g->server_order = 1;
		return;
	}
	for (i = 0; i < g->n; i++)
		rev[i] = g->codes[g->n - 1 - i];
	memcpy(q.groups, rev, g->n * sizeof(rev[0]));
	q.ngroups = g->n;
	probe(j, &q, &res);
	if (got_hello(&q, &res))
		g->server_order = res.group != rev[0];
}

static void
job_groups12(struct job_ctx *j, int arg)
{
	struct scan_groups *g = &j->r->g12;
	uint16_t cand[SCAN_MAX_GROUPS];
	uint16_t v = (uint16_t)arg;
	const struct scan_suite *sd;
	struct sw_req q;
	struct sw_res res;
	size_t n;

	memset(g, 0, sizeof(*g));
	g->tested = 1;
	g->server_order = -1;
	req_init(j, &q, v);
	q.want_ske = 1;
	q.nsuites = suites_of(j->r, v, K(KEX_ECDHE) | K(KEX_ECDH_ANON) |
	    K(KEX_ECDHE_PSK), 0, q.suites);
	n = q.ngroups;
	memcpy(cand, q.groups, n * sizeof(cand[0]));
	if ((sd = seed(j->r, v, K(KEX_ECDHE) | K(KEX_ECDH_ANON) |
	    K(KEX_ECDHE_PSK))) != NULL && sd->group != 0 &&
	    in_list(cand, n, sd->group)) {
		g->codes[g->n++] = sd->group;
		n = remove_code(cand, n, sd->group);
	}
	while (n > 0) {
		memcpy(q.groups, cand, n * sizeof(cand[0]));
		q.ngroups = n;
		probe(j, &q, &res);
		if (!got_hello(&q, &res) || !res.got_ske || res.group == 0 ||
		    !in_list(cand, n, res.group))
			break;
		g->codes[g->n++] = res.group;
		n = remove_code(cand, n, res.group);
	}
}

static void
add_bits(struct scan_dh *d, int bits)
{
	size_t i;

	if (bits <= 0)
		return;
	for (i = 0; i < d->n; i++)
		if (d->bits[i] == bits)
			return;
	if (d->n < 8)
		d->bits[d->n++] = bits;
}

/*
 * DHE: the prime offered without RFC 7919 groups (from the version
 * chain), then with all of them
 * (an RFC 7919 server answers with the one it prefers; each probe costs
 * the server a key of that size, so not one probe per group).
 */
static void
job_dh(struct job_ctx *j, int arg)
{
	static const int ffbits[5] = { 2048, 3072, 4096, 6144, 8192 };
	struct scan_dh *d = &j->r->dh;
	const struct scan_suite *sd;
	uint16_t v = (uint16_t)arg, ff;
	struct sw_req q;
	struct sw_res res;

	memset(d, 0, sizeof(*d));
	d->tested = 1;
	req_init(j, &q, v);
	q.want_ske = 1;
	q.nsuites = suites_of(j->r, v, K(KEX_DHE) | K(KEX_DH_ANON) |
	    K(KEX_DHE_EXPORT) | K(KEX_DHE_PSK), 0, q.suites);
	/* the prime offered without RFC 7919 groups: the version chain's */
	if ((sd = seed(j->r, v, K(KEX_DHE) | K(KEX_DH_ANON) |
	    K(KEX_DHE_EXPORT) | K(KEX_DHE_PSK))) != NULL)
		add_bits(d, sd->dh_bits);
	for (ff = 0; ff < 5; ff++)
		q.groups[ff] = (uint16_t)(0x0100 + ff);
	q.ngroups = 5;
	probe(j, &q, &res);
	if (!got_hello(&q, &res) || !res.got_ske)
		return;
	add_bits(d, res.dh_bits);
	for (ff = 0; ff < 5 && res.dh_rfc7919; ff++)
		if (res.dh_bits == ffbits[ff])
			d->ffdhe[d->nffdhe++] = (uint16_t)(0x0100 + ff);
}

/* TLS 1.2 ServerKeyExchange schemes: offer all, remove, repeat. */
static void
job_sigs(struct job_ctx *j, int arg)
{
	struct scan_sigs *s = &j->r->sigs;
	const struct scan_suite *sd;
	uint16_t cand[SW_MAX_SIGALGS];
	struct sw_req q;
	struct sw_res res;
	size_t n;

	(void)arg;
	memset(s, 0, sizeof(*s));
	s->tested = 1;
	s->version = TLS1_2_VERSION;
	req_init(j, &q, TLS1_2_VERSION);
	q.want_ske = 1;
	q.nsuites = suites_of(j->r, TLS1_2_VERSION, K(KEX_ECDHE) |
	    K(KEX_DHE), 0, q.suites);
	n = q.nsigalgs;
	memcpy(cand, q.sigalgs, n * sizeof(cand[0]));
	if ((sd = seed(j->r, TLS1_2_VERSION, K(KEX_ECDHE) | K(KEX_DHE))) !=
	    NULL && sd->sig != 0 && in_list(cand, n, sd->sig)) {
		s->codes[s->n++] = sd->sig;
		n = remove_code(cand, n, sd->sig);
	}
	while (n > 0 && s->n < SCAN_MAX_SIGS) {
		memcpy(q.sigalgs, cand, n * sizeof(cand[0]));
		q.nsigalgs = n;
		probe(j, &q, &res);
		if (!got_hello(&q, &res) || !res.got_ske ||
		    !in_list(cand, n, res.ske_sigalg))
			break;
		s->codes[s->n++] = res.ske_sigalg;
		n = remove_code(cand, n, res.ske_sigalg);
	}
}

static void
name_text(X509_NAME *nm, char *buf, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p;
	long n;

	buf[0] = '\0';
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, nm, 0, XN_FLAG_ONELINE) >= 0 &&
	    (n = BIO_get_mem_data(b, &p)) > 0)
		snprintf(buf, len, "%.*s", (int)n, p);
	BIO_free(b);
}

/* stdout of a probe process: the handshake code prints s_client lines */
static void
quiet_stdout(void)
{
	int devnull;

	fflush(stdout);
	if ((devnull = open("/dev/null", O_WRONLY)) != -1) {
		dup2(devnull, STDOUT_FILENO);
		close(devnull);
	}
}

/*
 * A connection for a full handshake: TCP (to the -proxy when there is
 * one), then the tunnel and the -starttls exchange, retried as a probe's
 * (plain_failed()).  Returns 0 with *n open and *c initialised on it,
 * the handshake's deadline set; -1 with nothing to free.
 */
static int
open_full(struct job_ctx *j, const struct config *cfg, struct net *n,
    struct transport *io, struct conn *c)
{
	char why[400];
	int attempt;

	for (attempt = 0;; attempt++) {
		sleep_ms(cfg->scan_delay_ms);
		if (net_connect_cfg(n, cfg, why, sizeof(why)) != NET_OK)
			return -1;
		j->h.nconn++;
		net_transport(n, io);
		conn_init(c, cfg, io);
		if (plain_preamble(c, n) == 0) {
			j->ok++;
			j->sh->plain_ok = 1;
			net_deadline(n, cfg->timeout_ms);
			return 0;
		}
		strlcpy(why, c->why[0] != '\0' ? c->why : "the plaintext "
		    "phase failed", sizeof(why));
		if (!plain_failed(j, c->fail_class != NULL ? c->fail_class :
		    "starttls", why, attempt)) {
			conn_free(c);
			net_close(n);
			return -1;
		}
		conn_free(c);
		net_close(n);
	}
}

/*
 * One full handshake with cfg, offering resume (or nothing); returns 0
 * with *resumed set and this connection's session in *out (or NULL).
 */
static int
full_handshake(struct job_ctx *j, const struct config *cfg,
    const struct tp_session *resume, struct tp_session **out, int *resumed)
{
	struct transport io;
	struct conn c;
	struct net n;
	int ret;

	*out = NULL;
	*resumed = 0;
	if (open_full(j, cfg, &n, &io, &c) != 0)
		return -1;
	c.resume = resume;
	if ((ret = handshake(&c)) == 0)
		ret = session_settle(&c, &n);
	if (ret == 0) {
		*resumed = c.resumed;
		*out = c.sess;
		c.sess = NULL;
		session_close(&c);
	}
	conn_free(&c);
	net_close(&n);
	return ret == 0 ? 0 : -1;
}

/* Resumption: a full handshake, then one offering its session. */
static void
job_resume(struct job_ctx *j, int kind)
{
	struct scan_resume *rs = &j->r->resume;
	int *res = kind == 0 ? &rs->sid : kind == 1 ? &rs->ticket :
	    &rs->tls13;
	struct config cfg = *j->cfg;
	struct tp_session *s1 = NULL, *s2 = NULL;
	int resumed;

	*res = -1;
	cfg.min_version = cfg.max_version = kind == 2 ? TLS1_3_VERSION :
	    TLS1_2_VERSION;
	cfg.msg = cfg.state = cfg.trace = cfg.diagnose = 0;
	cfg.quiet = 1;
	cfg.reconnect = 1;		/* wait for TLS 1.3 tickets */
	cfg.no_ticket = kind == 0;
	quiet_stdout();
	if (full_handshake(j, &cfg, NULL, &s1, &resumed) != 0 || s1 == NULL)
		goto out;
	/* nothing to offer: the server issued no ID (or no ticket) */
	if ((kind == 0 && s1->sid_len == 0) || (kind != 0 &&
	    s1->ticket == NULL)) {
		*res = 0;
		goto out;
	}
	if (full_handshake(j, &cfg, s1, &s2, &resumed) == 0)
		*res = resumed;
 out:
	sess_free(s1);
	sess_free(s2);
}

/*
 * Client-initiated renegotiation (as the `R` command): a full handshake
 * at version v, then a renegotiating ClientHello on the same connection.
 * Done when the server completes it (a new ServerHello); refused on a
 * no_renegotiation warning or any alert/close.  Needs RFC 5746.
 */
static void
job_reneg(struct job_ctx *j, int v)
{
	struct scan_reneg0 *rz = &j->r->rz;
	struct config cfg = *j->cfg;
	struct transport io;
	struct conn c;
	struct net n;
	uint8_t sr[32];

	rz->client_reneg = -1;
	rz->reneg_version = (uint16_t)v;
	cfg.min_version = cfg.max_version = (uint16_t)v;
	cfg.msg = cfg.state = cfg.trace = cfg.diagnose = 0;
	cfg.quiet = 1;
	quiet_stdout();
	if (open_full(j, &cfg, &n, &io, &c) != 0)
		return;
	if (handshake(&c) == 0 && c.secure_reneg &&
	    c.version >= TLS1_0_VERSION) {
		memcpy(sr, c.server_random, sizeof(sr));
		rz->client_reneg = hs_renegotiate(&c) == 0 &&
		    memcmp(sr, c.server_random, sizeof(sr)) != 0;
	}
	conn_free(&c);
	net_close(&n);
}

/*
 * 0-RTT: a full TLS 1.3 handshake for a ticket, then a resumption with a
 * small early-data payload.
 */
static void
job_early(struct job_ctx *j, int arg)
{
	static const uint8_t payload[] = "HEAD / HTTP/1.0\r\n\r\n";
	struct scan_reneg0 *rz = &j->r->rz;
	struct config cfg = *j->cfg;
	struct tp_session *s1 = NULL;
	struct transport io;
	struct conn c;
	struct net n;
	int resumed;

	(void)arg;
	rz->early = -1;
	cfg.min_version = cfg.max_version = TLS1_3_VERSION;
	cfg.msg = cfg.state = cfg.trace = cfg.diagnose = 0;
	cfg.quiet = 1;
	cfg.reconnect = 1;		/* wait for the tickets */
	quiet_stdout();
	if (full_handshake(j, &cfg, NULL, &s1, &resumed) != 0 || s1 == NULL)
		goto out;
	rz->max_early = s1->max_early_data;
	if (s1->ticket == NULL || s1->max_early_data == 0) {
		rz->early = 0;
		goto out;
	}
	cfg.early_data = payload;
	cfg.early_len = sizeof(payload) - 1;
	cfg.early_given = 1;
	if (open_full(j, &cfg, &n, &io, &c) != 0)
		goto out;
	c.resume = s1;
	if (handshake(&c) == 0 && c.early_sent > 0)
		rz->early = c.early_accepted ? 1 : 2;
	else if (c.early_offered || c.early_sent > 0)
		rz->early = 2;
	conn_free(&c);
	net_close(&n);
 out:
	sess_free(s1);
}

/* A full handshake offering only the signature schemes of one key type. */
/* The leaf's fields in the form -json gives a handshake's certificate. */
static void
leaf_info(struct scan_cert *sc, const uint8_t *der, size_t len)
{
	struct x509_info *in;
	size_t k;

	if ((in = calloc(1, sizeof(*in))) == NULL)
		return;
	if (x509_info(der, len, in) == 0) {
		strlcpy(sc->leaf.subject, in->subject, sizeof(sc->leaf.subject));
		strlcpy(sc->leaf.issuer, in->issuer, sizeof(sc->leaf.issuer));
		strlcpy(sc->leaf.key_type, in->key_type,
		    sizeof(sc->leaf.key_type));
		sc->leaf.key_bits = in->key_bits;
		strlcpy(sc->leaf.key_group, in->key_group,
		    sizeof(sc->leaf.key_group));
		strlcpy(sc->leaf.not_before, in->not_before,
		    sizeof(sc->leaf.not_before));
		strlcpy(sc->leaf.not_after, in->not_after,
		    sizeof(sc->leaf.not_after));
		strlcpy(sc->leaf.sig_alg, in->sig_alg, sizeof(sc->leaf.sig_alg));
		strlcpy(sc->leaf.serial, in->serial, sizeof(sc->leaf.serial));
		memcpy(sc->leaf.sha256, in->sha256, sizeof(sc->leaf.sha256));
		for (k = 0; k < in->nsans && k < SCAN_MAX_SANS; k++)
			strlcpy(sc->leaf.sans[k], in->sans[k],
			    sizeof(sc->leaf.sans[k]));
		sc->leaf.nsans = k;
		sc->leaf.more_sans = in->more_sans + (in->nsans - k);
	}
	free(in);
}

static void
job_cert(struct job_ctx *j, int kind)
{
	static const char *types[3] = { "RSA", "ECDSA", "EdDSA" };
	struct scan_cert *sc = &j->r->certs[kind];
	const struct tp_sigscheme *ss;
	struct config cfg = *j->cfg;
	struct transport io;
	struct conn c;
	struct net n;
	X509 *x = NULL;
	EVP_PKEY *pk;
	BIO *b;
	char *p;
	size_t i;
	long len;
	int id, want;

	memset(sc, 0, sizeof(*sc));
	sc->tested = 1;
	sc->verify_code = -1;
	strlcpy(sc->type, types[kind], sizeof(sc->type));
	cfg.max_version = best_version(j->r, TLS1_3_VERSION);
	if (cfg.max_version < TLS1_0_VERSION)
		return;
	cfg.min_version = cfg.max_version;
	cfg.hello_only = 0;
	cfg.msg = cfg.state = cfg.trace = 0;
	cfg.quiet = 0;		/* so the chain is verified */
	cfg.diagnose = 0;
	cfg.nsigalgs = 0;
	for (i = 0; i < tp_nsigschemes; i++) {
		ss = &tp_sigschemes[i];
		want = kind == 0 ? (ss->alg == SIG_RSA_PKCS1 ||
		    ss->alg == SIG_RSA_PSS_RSAE || ss->alg == SIG_RSA_PSS_PSS) :
		    kind == 1 ? ss->alg == SIG_ECDSA :
		    (ss->alg == SIG_ED25519 || ss->alg == SIG_ED448);
		if (want && cfg.nsigalgs < TP_MAX_SIGALGS)
			cfg.sigalgs[cfg.nsigalgs++] = ss->code;
	}
	cfg.nsuites = 0;
	/* forward-secret suites first, so a TLS 1.2 server signs */
	for (i = 0; i < 2 * tp_nsuites; i++) {
		const struct tp_suite *s = &tp_suites[i % tp_nsuites];

		if ((i < tp_nsuites) == (s->kex == KEX_RSA))
			continue;

		if (s->kex == KEX_TLS13 || suite_gap(s) != NULL ||
		    s->kex == KEX_PSK || s->kex == KEX_DHE_PSK ||
		    s->kex == KEX_ECDHE_PSK || s->kex == KEX_RSA_PSK ||
		    s->kex == KEX_DH_ANON || s->kex == KEX_ECDH_ANON)
			continue;
		if ((kind == 0) != (s->auth == AUTH_RSA))
			continue;
		if (kind != 0 && s->auth != AUTH_ECDSA)
			continue;
		if (cfg.nsuites < TP_MAX_SUITES)
			cfg.suites[cfg.nsuites++] = s->code;
	}
	/* the verification path prints s_client's lines: not here */
	quiet_stdout();
	if (open_full(j, &cfg, &n, &io, &c) != 0)
		return;
	if (handshake(&c) != 0 || c.ncerts == 0)
		goto out;
	if ((x = x509_cert_from_der(c.certs[0], c.certlens[0])) == NULL)
		goto out;
	pk = X509_get0_pubkey(x);
	id = pk != NULL ? EVP_PKEY_get_base_id(pk) : 0;
	if ((kind == 0 && id != EVP_PKEY_RSA && id != EVP_PKEY_RSA_PSS) ||
	    (kind == 1 && id != EVP_PKEY_EC) ||
	    (kind == 2 && id != EVP_PKEY_ED25519 && id != EVP_PKEY_ED448))
		goto out;
	sc->present = 1;
	sc->version = c.version;
	strlcpy(sc->key, c.peer_key_desc, sizeof(sc->key));
	if (c.peer_sigscheme != NULL)
		strlcpy(sc->sigscheme, c.peer_sigscheme->name,
		    sizeof(sc->sigscheme));
	name_text(X509_get_subject_name(x), sc->subject, sizeof(sc->subject));
	name_text(X509_get_issuer_name(x), sc->issuer, sizeof(sc->issuer));
	if ((b = BIO_new(BIO_s_mem())) != NULL) {
		if (ASN1_TIME_print(b, X509_get0_notAfter(x)) == 1 &&
		    (len = BIO_get_mem_data(b, &p)) > 0)
			snprintf(sc->not_after, sizeof(sc->not_after), "%.*s",
			    (int)len, p);
		BIO_free(b);
	}
	sc->chain_len = (int)c.ncerts;
	leaf_info(sc, c.certs[0], c.certlens[0]);
	if (c.verified) {
		sc->verify_code = c.verify_code;
		strlcpy(sc->verify_text, c.verify_code == 0 ? "ok" :
		    x509_verify_text(c.verify_code), sizeof(sc->verify_text));
	}
 out:
	X509_free(x);
	conn_free(&c);
	net_close(&n);
}

static void
job_features(struct job_ctx *j, int arg)
{
	struct scan_features *f = &j->r->feat;
	uint16_t v = (uint16_t)arg;
	struct sw_req q;
	struct sw_res res;

	memset(f, 0, sizeof(*f));
	f->tested = 1;
	f->version = v;
	req_init(j, &q, v);
	q.exts = 1;
	q.compression = 1;
	q.want_ske = 1;
	q.nsuites = suites_of(j->r, v, 0, 0, q.suites);
	probe(j, &q, &res);
	if (!got_hello(&q, &res)) {
		f->tested = 0;
		return;
	}
	f->secure_reneg = sw_has_ext(&res, EXT_RENEGOTIATION_INFO);
	f->compression = res.compression != 0;
	f->ems = sw_has_ext(&res, EXT_EXTENDED_MASTER_SECRET);
	f->ocsp = res.ocsp_stapled;
	f->heartbeat = sw_has_ext(&res, 15);
	f->ticket = sw_has_ext(&res, EXT_SESSION_TICKET);
	f->mfl = sw_has_ext(&res, 1);
}

static void
job_etm(struct job_ctx *j, int arg)
{
	uint16_t v = (uint16_t)arg;
	struct sw_req q;
	struct sw_res res;

	j->r->feat2.etm = -1;
	req_init(j, &q, v);
	q.exts = 1;
	if ((q.nsuites = suites_of(j->r, v, 0, 1, q.suites)) == 0)
		return;
	probe(j, &q, &res);
	if (got_hello(&q, &res))
		j->r->feat2.etm = sw_has_ext(&res, EXT_ENCRYPT_THEN_MAC);
}

/* RFC 7507: offer the second-best version with TLS_FALLBACK_SCSV. */
static void
job_fallback(struct job_ctx *j, int arg)
{
	uint16_t v = (uint16_t)arg;
	struct sw_req q;
	struct sw_res res;

	j->r->feat2.fallback = -1;
	req_init(j, &q, v);
	q.fallback_scsv = 1;
	q.nsuites = suites_of(j->r, v, 0, 0, q.suites);
	probe(j, &q, &res);
	if (res.status == SW_ALERT && res.alert == 86)
		j->r->feat2.fallback = 1;
	else if (got_hello(&q, &res))
		j->r->feat2.fallback = 0;
}

static void
job_sni(struct job_ctx *j, int arg)
{
	struct scan_feat2 *f = &j->r->feat2;
	uint16_t v = (uint16_t)arg;
	struct sw_req q;
	struct sw_res with, none, unk;
	char an[64];

	f->sni_required = -1;
	f->unknown_sni[0] = '\0';
	req_init(j, &q, v);
	q.want_cert = v <= TLS1_2_VERSION;
	/* every code: another name may select another certificate */
	q.nsuites = registry_suites(v, q.suites, SW_MAX_SUITES);
	q.sni = j->cfg->servername;
	probe(j, &q, &with);
	q.sni = NULL;
	probe(j, &q, &none);
	/* a probe not run (-starttls) tells nothing */
	if (got_hello(&q, &with) && none.status != SW_PLAIN)
		f->sni_required = !got_hello(&q, &none);
	q.sni = "tlsprobe-unknown-name.invalid";
	probe(j, &q, &unk);
	if (unk.status == SW_PLAIN)
		return;
	if (got_hello(&q, &unk)) {
		snprintf(f->unknown_sni, sizeof(f->unknown_sni), "accepted%s",
		    !q.want_cert || !with.has_cert || !unk.has_cert ? "" :
		    memcmp(with.cert_hash, unk.cert_hash, 32) == 0 ?
		    ", same certificate" : ", another certificate");
		if (sw_has_ext(&unk, EXT_SERVER_NAME))
			strlcat(f->unknown_sni, ", name acknowledged",
			    sizeof(f->unknown_sni));
	} else if (unk.status == SW_ALERT) {
		snprintf(f->unknown_sni, sizeof(f->unknown_sni), "alert %s",
		    alert_name((uint8_t)unk.alert) ? alert_name((uint8_t)
		    unk.alert) : (snprintf(an, sizeof(an), "%d", unk.alert),
		    an));
	} else
		strlcpy(f->unknown_sni, "refused without an alert",
		    sizeof(f->unknown_sni));
}

/* ALPN (TLS 1.2: the ServerHello shows it): offer, remove, repeat. */
static void
job_alpn(struct job_ctx *j, int arg)
{
	struct scan_feat2 *f = &j->r->feat2;
	uint16_t v = (uint16_t)arg;
	char list[256], rest[256], *p, *tok;
	struct sw_req q;
	struct sw_res res;

	f->alpn[0] = '\0';
	f->alpn_tested = 1;
	strlcpy(list, j->cfg->alpn != NULL ? j->cfg->alpn : "h2,http/1.1",
	    sizeof(list));
	req_init(j, &q, v);
	q.nsuites = suites_of(j->r, v, 0, 0, q.suites);
	while (list[0] != '\0') {
		q.alpn = list;
		probe(j, &q, &res);
		if (!got_hello(&q, &res) || res.alpn[0] == '\0')
			break;
		if (f->alpn[0] != '\0')
			strlcat(f->alpn, ",", sizeof(f->alpn));
		strlcat(f->alpn, res.alpn, sizeof(f->alpn));
		rest[0] = '\0';
		p = list;
		while ((tok = strsep(&p, ",")) != NULL) {
			if (*tok == '\0' || strcmp(tok, res.alpn) == 0)
				continue;
			if (rest[0] != '\0')
				strlcat(rest, ",", sizeof(rest));
			strlcat(rest, tok, sizeof(rest));
		}
		if (strcmp(rest, list) == 0)
			break;		/* chose something not offered */
		strlcpy(list, rest, sizeof(list));
	}
}

/* ---- running jobs ---- */

struct slot {
	pid_t	 pid;
	int	 fd;
	const struct job *job;
	uint8_t	*buf;
	size_t	 got, want;
};

static void
child_run(const struct config *cfg, struct scan_result *r,
    struct scan_shared *sh, const struct job *jb, int fd, int seen)
{
	struct job_ctx j;
	const uint8_t *p;
	size_t left;
	ssize_t w;

	memset(&j, 0, sizeof(j));
	j.cfg = cfg;
	j.r = r;
	j.seen = seen;
	j.sh = sh;
	j.part = jb->part;
	jb->fn(&j, jb->arg);
	if (write(fd, &j.h, sizeof(j.h)) != (ssize_t)sizeof(j.h))
		return;
	p = (const uint8_t *)r + jb->off;
	left = jb->len;
	while (left > 0) {
		w = write(fd, p, left);
		if (w <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			return;
		}
		p += w;
		left -= (size_t)w;
	}
}

static void
slot_done(struct scan_result *r, struct slot *s)
{
	struct job_hdr h;

	close(s->fd);
	waitpid(s->pid, NULL, 0);
	if (s->got == s->want) {
		memcpy(&h, s->buf, sizeof(h));
		memcpy((uint8_t *)r + s->job->off, s->buf + sizeof(h),
		    s->job->len);
		r->nconn += h.nconn;
		r->refused += h.refused;
		r->plain_fails += h.plain_fails;
		r->plain_retried += h.plain_retried;
		if (h.notrun && s->job->part >= 0 && s->job->part < SP_N)
			r->notrun[s->job->part] = 1;
		if (h.plain_fails > 0 && r->plain_class[0] == '\0') {
			h.plain_class[sizeof(h.plain_class) - 1] = '\0';
			h.plain_why[sizeof(h.plain_why) - 1] = '\0';
			strlcpy(r->plain_class, h.plain_class,
			    sizeof(r->plain_class));
			strlcpy(r->plain_why, h.plain_why,
			    sizeof(r->plain_why));
		}
		if (h.incomplete && !r->incomplete) {
			r->incomplete = 1;
			h.why[sizeof(h.why) - 1] = '\0';
			strlcpy(r->incomplete_why, h.why,
			    sizeof(r->incomplete_why));
		}
	} else if (!r->incomplete) {
		r->incomplete = 1;
		strlcpy(r->incomplete_why, "a probe process died",
		    sizeof(r->incomplete_why));
	}
	free(s->buf);
	s->buf = NULL;
	s->pid = -1;
}

/*
 * Run jobs, at most conc at a time.  After a job reports refused
 * connections (or a -proxy / -starttls phase retried), the rest run one
 * at a time.
 */
static void
run_jobs(const struct config *cfg, struct scan_result *r,
    struct scan_shared *sh, const struct job *jobs, size_t njobs, int seen)
{
	struct slot slots[16];
	struct pollfd pfd[16];
	size_t next = 0, i, np;
	int conc = cfg->scan_concurrency, running = 0, pfds[2];
	ssize_t got;
	sigset_t sigs, oldsigs;

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	if (conc < 1)
		conc = 1;
	if (conc > 16)
		conc = 16;
	for (i = 0; i < 16; i++)
		slots[i].pid = -1;
	fflush(stdout);
	fflush(stderr);
	while (next < njobs || running > 0) {
		if (r->refused > 0 || r->plain_retried > 0)
			conc = 1;
		for (i = 0; i < 16 && running < conc && next < njobs; i++) {
			if (slots[i].pid != -1)
				continue;
			if (pipe(pfds) == -1)
				break;
			slots[i].job = &jobs[next++];
			slots[i].want = sizeof(struct job_hdr) +
			    slots[i].job->len;
			slots[i].got = 0;
			/* no signal between fork and the child's reset */
			sigprocmask(SIG_BLOCK, &sigs, &oldsigs);
			if ((slots[i].buf = malloc(slots[i].want)) == NULL ||
			    (slots[i].pid = fork()) == -1) {
				sigprocmask(SIG_SETMASK, &oldsigs, NULL);
				free(slots[i].buf);
				slots[i].buf = NULL;
				slots[i].pid = -1;
				close(pfds[0]);
				close(pfds[1]);
				r->incomplete = 1;
				strlcpy(r->incomplete_why, "cannot start a "
				    "probe process", sizeof(r->incomplete_why));
				continue;
			}
			if (slots[i].pid == 0) {
				/*
				 * -json's SIGINT/SIGTERM handler writes the
				 * closing object: the parent's job, not a
				 * probe's (a terminal signals them all)
				 */
				signal(SIGINT, SIG_DFL);
				signal(SIGTERM, SIG_DFL);
				sigprocmask(SIG_SETMASK, &oldsigs, NULL);
				close(pfds[0]);
				child_run(cfg, r, sh, slots[i].job, pfds[1],
				    seen);
				_exit(0);
			}
			sigprocmask(SIG_SETMASK, &oldsigs, NULL);
			close(pfds[1]);
			slots[i].fd = pfds[0];
			running++;
		}
		np = 0;
		for (i = 0; i < 16; i++)
			if (slots[i].pid != -1) {
				pfd[np].fd = slots[i].fd;
				pfd[np].events = POLLIN;
				np++;
			}
		if (np == 0)
			break;
		if (poll(pfd, np, -1) == -1 && errno != EINTR)
			break;
		np = 0;
		for (i = 0; i < 16; i++) {
			if (slots[i].pid == -1)
				continue;
			if (pfd[np++].revents == 0)
				continue;
			got = read(slots[i].fd, slots[i].buf + slots[i].got,
			    slots[i].want - slots[i].got);
			if (got > 0)
				slots[i].got += (size_t)got;
			if (got == 0 || (got < 0 && errno != EINTR) ||
			    slots[i].got == slots[i].want) {
				slot_done(r, &slots[i]);
				running--;
			}
		}
	}
}

#define PART(field)	offsetof(struct scan_result, field), \
			sizeof(((struct scan_result *)0)->field)

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
add_finding(struct scan_result *r, const char *sev, const char *why,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add_finding(struct scan_result *r, const char *sev, const char *why,
    const char *fmt, ...)
{
	struct scan_finding *f;
	va_list ap;

	if (r->nfind >= SCAN_MAX_FIND)
		return;
	f = &r->find[r->nfind++];
	f->severity = sev;
	va_start(ap, fmt);
	vsnprintf(f->what, sizeof(f->what), fmt, ap);
	va_end(ap);
	strlcpy(f->why, why, sizeof(f->why));
}

/* n suites of a kind, named for the finding line */
static void
count_kind(const struct scan_result *r, int (*pred)(const struct tp_suite *,
    uint16_t), size_t *n, char *ex, size_t exlen)
{
	const struct tp_suite *s;
	size_t i, k;

	*n = 0;
	ex[0] = '\0';
	for (i = 0; i < SCAN_NVERS; i++)
		for (k = 0; k < r->v[i].n; k++) {
			s = suite_by_code(r->v[i].suites[k].code);
			if (s == NULL || !pred(s, r->v[i].version))
				continue;
			if (*n == 0)
				snprintf(ex, exlen, "%s in %s", s->ossl,
				    scan_proto(r->v[i].version));
			(*n)++;
		}
}

static int p_rc4(const struct tp_suite *s, uint16_t v)
{ (void)v; return s->bulk == BULK_RC4_128 || s->bulk == BULK_RC4_40; }
static int p_3des(const struct tp_suite *s, uint16_t v)
{ (void)v; return s->bulk == BULK_3DES_CBC; }
static int p_des(const struct tp_suite *s, uint16_t v)
{ (void)v; return s->bulk == BULK_DES_CBC; }
static int p_export(const struct tp_suite *s, uint16_t v)
{
	(void)v;
	return s->kex == KEX_RSA_EXPORT || s->kex == KEX_DHE_EXPORT ||
	    s->bulk == BULK_RC4_40 || s->bulk == BULK_RC2_CBC_40 ||
	    s->bulk == BULK_DES40_CBC || strstr(s->iana, "EXPORT") != NULL;
}
static int p_null(const struct tp_suite *s, uint16_t v)
{ (void)v; return s->bulk == BULK_NULL; }
static int p_anon(const struct tp_suite *s, uint16_t v)
{
	(void)v;
	return s->kex == KEX_DH_ANON || s->kex == KEX_ECDH_ANON ||
	    strstr(s->iana, "_anon_") != NULL;
}
static int p_rsakex(const struct tp_suite *s, uint16_t v)
{ (void)v; return s->kex == KEX_RSA; }
static int p_cbc10(const struct tp_suite *s, uint16_t v)
{
	const struct tp_bulk_info *b = bulk_info(s->bulk);

	return v <= TLS1_0_VERSION && b != NULL && b->block_len > 0;
}

static void
findings(struct scan_result *r)
{
	static const struct {
		int (*pred)(const struct tp_suite *, uint16_t);
		const char *sev, *label, *why;
	} kinds[] = {
		{ p_export, "high", "export-grade suites",
		  "40/56-bit keys and weak key exchange (FREAK, Logjam)" },
		{ p_null, "high", "NULL-cipher suites",
		  "no encryption at all" },
		{ p_anon, "high", "anonymous suites",
		  "no server authentication: anyone can sit in the middle" },
		{ p_rc4, "high", "RC4 suites",
		  "RC4 keystream biases; RFC 7465 forbids RC4" },
		{ p_des, "high", "single-DES suites", "56-bit key" },
		{ p_3des, "medium", "3DES suites",
		  "64-bit block: SWEET32 (CVE-2016-2183)" },
		{ p_cbc10, "low", "CBC suites in SSL 3.0/TLS 1.0",
		  "predictable IVs (BEAST)" },
		{ p_rsakex, "low", "RSA key exchange suites",
		  "no forward secrecy" },
	};
	char ex[128];
	size_t i, n;
	int minbits;

	if (r->v[0].accepted == 1)
		add_finding(r, "high", "broken protocol (DROWN); RFC 6176 "
		    "forbids it", "SSL 2.0 accepted");
	if (r->v[1].accepted == 1)
		add_finding(r, "high", "POODLE; RFC 7568 forbids it",
		    "SSL 3.0 accepted");
	if (r->v[2].accepted == 1)
		add_finding(r, "medium", "deprecated by RFC 8996: SHA-1 "
		    "handshake, no AEAD suites", "TLS 1.0 accepted");
	if (r->v[3].accepted == 1)
		add_finding(r, "medium", "deprecated by RFC 8996: SHA-1 "
		    "handshake, no AEAD suites", "TLS 1.1 accepted");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		count_kind(r, kinds[i].pred, &n, ex, sizeof(ex));
		if (n > 0)
			add_finding(r, kinds[i].sev, kinds[i].why,
			    "%zu %s (%s%s)", n, kinds[i].label, ex,
			    n > 1 ? ", ..." : "");
	}
	minbits = 0;
	for (i = 0; i < r->dh.n; i++)
		if (minbits == 0 || r->dh.bits[i] < minbits)
			minbits = r->dh.bits[i];
	for (i = 0; i < SCAN_NVERS; i++)
		for (n = 0; n < r->v[i].n; n++)
			if (r->v[i].suites[n].dh_bits > 0 &&
			    (minbits == 0 || r->v[i].suites[n].dh_bits <
			    minbits))
				minbits = r->v[i].suites[n].dh_bits;
	if (minbits > 0 && minbits < 2048)
		add_finding(r, minbits < 1024 ? "high" : "medium",
		    "weak finite-field group (Logjam)", "DH prime of %d bits",
		    minbits);
	if (r->feat.tested && r->feat.version <= TLS1_2_VERSION &&
	    !r->feat.secure_reneg)
		add_finding(r, "medium", "renegotiation injection "
		    "(CVE-2009-3555); RFC 5746 fixes it",
		    "no secure renegotiation");
	if (r->rz.client_reneg == 1)
		add_finding(r, "medium", "a client can make the server "
		    "do costly handshakes at will (DoS)", "client-initiated "
		    "renegotiation allowed (%s)",
		    scan_proto(r->rz.reneg_version));
	if (r->rz.early == 1)
		add_finding(r, "low", "early data can be replayed (RFC 8446, "
		    "8)", "0-RTT accepted");
	if (r->feat.tested && r->feat.compression)
		add_finding(r, "high", "compression leaks secrets (CRIME)",
		    "TLS compression accepted");
	if (r->feat2.fallback == 0)
		add_finding(r, "low", "a forced downgrade goes unnoticed",
		    "TLS_FALLBACK_SCSV not honoured (RFC 7507)");
	if (r->feat.tested && r->feat.heartbeat)
		add_finding(r, "low", "attack surface (Heartbleed) with no "
		    "use in TLS over TCP", "heartbeat extension enabled");
	/* a list cut short by -starttls proves no absence */
	if (r->g13.tested && !r->notrun[SP_G13]) {
		for (i = 0; i < r->g13.n; i++)
			if (r->g13.codes[i] == 0x11eb ||
			    r->g13.codes[i] == 0x11ec ||
			    r->g13.codes[i] == 0x11ed ||
			    r->g13.codes[i] == 0x6399 ||
			    (r->g13.codes[i] >= 0x0200 &&
			    r->g13.codes[i] <= 0x0202))
				break;
		if (i == r->g13.n)
			add_finding(r, "low", "recorded traffic can be "
			    "decrypted by a future quantum computer",
			    "no post-quantum key exchange group");
	} else if (!r->g13.tested && r->v[VI_TLS13].accepted == 0 &&
	    best_version(r, TLS1_2_VERSION) != 0)
		add_finding(r, "low", "no post-quantum groups, a slower and "
		    "more exposed handshake", "TLS 1.3 not accepted");
	for (i = 0; i < 3; i++)
		if (r->certs[i].present && r->certs[i].verify_code > 0)
			add_finding(r, "high", r->certs[i].verify_text,
			    "%s certificate does not verify",
			    r->certs[i].type);
}

size_t
scan_high(const struct scan_result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfind; i++)
		if (strcmp(r->find[i].severity, "high") == 0)
			n++;
	return n;
}

struct scan_result *
scan_run(const struct config *cfg0)
{
	static struct scan_shared unshared;
	struct scan_shared *sh;
	struct scan_result *r;
	struct config *cfg;
	struct job jobs[24];
	size_t nj = 0;
	uint16_t v12, v13;
	double t0 = now_s();
	int i;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	/*
	 * -bind is a handshake's: concurrent probes cannot share a source
	 * port.  -4/-6, -proxy and -starttls apply to every probe.
	 */
	if ((cfg = malloc(sizeof(*cfg))) == NULL) {
		free(r);
		return NULL;
	}
	*cfg = *cfg0;
	cfg->bind_host[0] = cfg->bind_port[0] = '\0';
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		sh = &unshared;		/* no sharing: no retry after all */
	memset(sh, 0, sizeof(*sh));
	snprintf(r->target, sizeof(r->target), "%s:%s", cfg->host,
	    cfg->port);
	r->feat2.etm = r->feat2.fallback = r->feat2.sni_required = -1;
	r->resume.sid = r->resume.ticket = r->resume.tls13 = -1;
	r->rz.client_reneg = r->rz.early = -1;
	for (i = 0; i < 3; i++)
		r->certs[i].verify_code = -1;
	/* phase 1: TLS 1.3 and 1.2 first, they take the longest */
	for (i = SCAN_NVERS - 1; i >= 0; i--) {
		jobs[nj].fn = job_version;
		jobs[nj].arg = i;
		jobs[nj].part = SP_VERSION0 + i;
		jobs[nj].off = offsetof(struct scan_result, v) +
		    (size_t)i * sizeof(r->v[0]);
		jobs[nj].len = sizeof(r->v[0]);
		nj++;
	}
	run_jobs(cfg, r, sh, jobs, nj, 0);
	v12 = best_version(r, TLS1_2_VERSION);
	v13 = r->v[VI_TLS13].accepted == 1 ? TLS1_3_VERSION : 0;
	if (v12 == 0 && v13 == 0) {
		/* nothing to build on: say why, as a handshake would */
		struct net n;
		enum net_err ne;
		char why[256];
		int alerts = 0;

		for (i = 0; i < SCAN_NVERS; i++)
			if (r->v[i].refusal >= 0)
				alerts++;
		/*
		 * -proxy / -starttls failed (on every connection, or on the
		 * ones that would have told): the failure as a handshake
		 * prints it; a proxy that will not tunnel is exit 3
		 */
		if (r->plain_fails > 0) {
			r->fail_class = strcmp(r->plain_class, "proxy") == 0 ?
			    "proxy" : "starttls";
			r->fail_exit = strcmp(r->fail_class, "proxy") == 0 ?
			    3 : 1;
			strlcpy(r->fail_text, r->plain_why,
			    sizeof(r->fail_text));
			goto out;
		}
		if (r->nconn == 0) {
			ne = net_connect_cfg(&n, cfg, why, sizeof(why));
			if (ne != NET_OK) {
				r->fail_class = ne == NET_RESOLVE ? "resolve" :
				    ne == NET_REFUSED ? "refused" :
				    ne == NET_TIMEOUT ? "timeout" : "connect";
				r->fail_exit = 3;
				strlcpy(r->fail_text, why,
				    sizeof(r->fail_text));
				goto out;
			}
			r->nconn++;
			net_close(&n);
		}
		r->fail_exit = 1;
		r->fail_class = alerts > 0 ? "negotiation" : "no-hello";
		if (alerts > 0)
			strlcpy(r->fail_text, "the server refused every "
			    "probe (SSL 2.0 to TLS 1.3, every registry suite)",
			    sizeof(r->fail_text));
		else
			snprintf(r->fail_text, sizeof(r->fail_text), "the "
			    "server sent no TLS answer to any probe%s%s",
			    r->incomplete ? ": " : "",
			    r->incomplete ? r->incomplete_why : "");
		goto out;
	}
	/* phase 2 */
	nj = 0;
#define JOB(f, a, p, fld) do { jobs[nj].fn = f; jobs[nj].arg = a;	\
	jobs[nj].part = p;						\
	jobs[nj].off = offsetof(struct scan_result, fld);		\
	jobs[nj].len = sizeof(r->fld); nj++; } while (0)
	for (i = 0; i < 3; i++)
		JOB(job_cert, i, SP_CERT0 + i, certs[i]);
	if (r->v[VI_TLS12].accepted == 1) {
		JOB(job_resume, 0, SP_RESUME_SID, resume.sid);
		JOB(job_resume, 1, SP_RESUME_TICKET, resume.ticket);
	}
	if (v13)
		JOB(job_resume, 2, SP_RESUME_13, resume.tls13);
	if (v13) {
		JOB(job_early, 0, SP_EARLY, rz.early);	/* and max_early */
		jobs[nj - 1].len = sizeof(r->rz) -
		    offsetof(struct scan_reneg0, early);
	}
	if (v12 >= TLS1_0_VERSION) {
		/* and its version */
		JOB(job_reneg, v12, SP_RENEG, rz.client_reneg);
		jobs[nj - 1].len = offsetof(struct scan_reneg0, early);
	}
	if (v13)
		JOB(job_groups13, 0, SP_G13, g13);
	if (v12) {
		uint16_t tmp[SCAN_MAX_SUITES];

		JOB(job_features, v12, SP_FEAT, feat);
		if (suites_of(r, v12, K(KEX_ECDHE) | K(KEX_ECDH_ANON) |
		    K(KEX_ECDHE_PSK), 0, tmp) > 0)
			JOB(job_groups12, v12, SP_G12, g12);
		if (suites_of(r, v12, K(KEX_DHE) | K(KEX_DH_ANON) |
		    K(KEX_DHE_EXPORT) | K(KEX_DHE_PSK), 0, tmp) > 0)
			JOB(job_dh, v12, SP_DH, dh);
		if (v12 == TLS1_2_VERSION && suites_of(r, v12, K(KEX_ECDHE) |
		    K(KEX_DHE), 0, tmp) > 0)
			JOB(job_sigs, 0, SP_SIGS, sigs);
		JOB(job_etm, v12, SP_ETM, feat2.etm);
		JOB(job_alpn, v12, SP_ALPN, feat2.alpn);
		jobs[nj - 1].len = sizeof(struct scan_feat2) -
		    offsetof(struct scan_feat2, alpn);
	}
	if (cfg->sni && cfg->servername[0] != '\0') {
		JOB(job_sni, v12 ? v12 : v13, SP_SNI, feat2.sni_required);
		/* and the text after it */
		jobs[nj - 1].len = offsetof(struct scan_feat2, alpn) -
		    offsetof(struct scan_feat2, sni_required);
	}
	/* the second-best version, flagged as a fallback */
	if (v13 && v12)
		JOB(job_fallback, v12, SP_FALLBACK, feat2.fallback);
	else if (v12 && best_version(r, v12 - 1) != 0)
		JOB(job_fallback, best_version(r, v12 - 1), SP_FALLBACK,
		    feat2.fallback);
#undef JOB
	run_jobs(cfg, r, sh, jobs, nj, 1);
	findings(r);
 out:
	r->seconds = now_s() - t0;
	if (sh != &unshared)
		munmap(sh, sizeof(*sh));
	free(cfg);
	return r;
}
