/*
 * probe.c -- -diagnose.
 *
 * Each probe is a fresh connection that sends one ClientHello and reads
 * the answer (ServerHello, HelloRetryRequest or alert); nothing beyond
 * the hello is sent and never application data.  Probes run in child
 * processes, all at once, so the wall time of a diagnosis is about one
 * round trip plus the slowest server answer.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netdb.h>

#include <errno.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "event.h"
#include "handshake.h"
#include "names.h"
#include "net.h"
#include "probe.h"
#include "starttls.h"
#include "tperr.h"

/* What a child reports back through its pipe. */
struct probe_wire {
	int		 ok;
	uint16_t	 version, suite, group;
	int		 hrr, alert;
	char		 why[200];
};

static void
probe_child(struct probe *p, int fd)
{
	struct probe_wire w;
	struct transport io;
	struct conn c;
	struct net n;
	char why[256];
	int ret;

	memset(&w, 0, sizeof(w));
	w.alert = -1;
	if (net_connect_cfg(&n, &p->cfg, why, sizeof(why)) != NET_OK) {
		strlcpy(w.why, why, sizeof(w.why));
		goto out;
	}
	net_transport(&n, &io);
	net_deadline(&n, p->cfg.timeout_ms);
	conn_init(&c, &p->cfg, &io);
	/* -proxy, -starttls: the same way in as the run being diagnosed */
	if ((ret = plain_preamble(&c, &n)) == 0) {
		net_deadline(&n, p->cfg.timeout_ms);
		ret = handshake(&c);
	}
	if (ret == 0) {
		w.ok = 1;
		w.version = c.version;
		w.suite = c.suite != NULL ? c.suite->code : 0;
		w.group = c.kex_group;
		w.hrr = c.hrr;
	} else {
		if (TP_IS_PEER_ALERT(ret))
			w.alert = TP_ALERT_OF(ret);
		else if (ret == TP_E_TIMEOUT)
			strlcpy(w.why, "no answer", sizeof(w.why));
		else if (ret == TP_E_CLOSED)
			strlcpy(w.why, "closed without an alert",
			    sizeof(w.why));
		else
			strlcpy(w.why, c.why[0] ? c.why : "error",
			    sizeof(w.why));
	}
	conn_free(&c);
	net_close(&n);
 out:
	(void)write(fd, &w, sizeof(w));
}

void
probe_run(struct probe *p, size_t n)
{
	struct probe_wire w;
	pid_t pid[PROBE_MAX];
	int fds[PROBE_MAX];
	int pfd[2];
	size_t i;

	if (n > PROBE_MAX)
		n = PROBE_MAX;
	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < n; i++) {
		pid[i] = -1;
		fds[i] = -1;
		p[i].ok = 0;
		p[i].alert = -1;
		strlcpy(p[i].why, "probe did not run", sizeof(p[i].why));
		if (pipe(pfd) == -1)
			continue;
		if ((pid[i] = fork()) == 0) {
			close(pfd[0]);
			probe_child(&p[i], pfd[1]);
			_exit(0);
		}
		close(pfd[1]);
		if (pid[i] == -1)
			close(pfd[0]);
		else
			fds[i] = pfd[0];
	}
	for (i = 0; i < n; i++) {
		if (fds[i] == -1)
			continue;
		/* the child's own timeouts bound this read */
		if (read(fds[i], &w, sizeof(w)) == (ssize_t)sizeof(w)) {
			p[i].ok = w.ok;
			p[i].version = w.version;
			p[i].suite = w.suite;
			p[i].group = w.group;
			p[i].hrr = w.hrr;
			p[i].alert = w.alert;
			w.why[sizeof(w.why) - 1] = '\0';
			strlcpy(p[i].why, w.why, sizeof(p[i].why));
		}
		close(fds[i]);
		waitpid(pid[i], NULL, 0);
	}
}

/* One knob at a time: every suite, group or scheme tlsprobe knows. */
static void
wide_suites(struct config *c)
{
	size_t i;

	c->nsuites = c->nsuites13 = 0;
	for (i = 0; i < tp_nsuites; i++) {
		/* the registry names more than the engine can complete */
		if (suite_gap(&tp_suites[i]) != NULL)
			continue;
		if (tp_suites[i].kex == KEX_TLS13) {
			if (c->nsuites13 < TP_MAX_SUITES13)
				c->suites13[c->nsuites13++] =
				    tp_suites[i].code;
		} else if (c->nsuites < TP_MAX_SUITES)
			c->suites[c->nsuites++] = tp_suites[i].code;
	}
}

static void
wide_groups(struct config *c)
{
	size_t i;

	c->ngroups = 0;
	for (i = 0; i < tp_ngroups && i < TP_MAX_GROUPS; i++)
		c->groups[c->ngroups++] = tp_groups[i].code;
	c->nshares = 1;
	c->shares[0] = 0x001d;
}

static void
wide_sigalgs(struct config *c)
{
	size_t i;

	c->nsigalgs = 0;
	for (i = 0; i < tp_nsigschemes && i < TP_MAX_SIGALGS; i++)
		c->sigalgs[c->nsigalgs++] = tp_sigschemes[i].code;
}

/* The extensions as tlsprobe sends them by default: none the user added. */
static void
default_exts(struct config *c)
{
	c->alpn = NULL;
	c->status = 0;
	c->no_ems = c->no_ticket = 0;
	c->reneg_scsv = 0;
}

/* A configuration that offers everything tlsprobe knows. */
static void
wide(struct config *c, uint16_t minv, uint16_t maxv)
{
	wide_suites(c);
	wide_groups(c);
	wide_sigalgs(c);
	default_exts(c);
	c->min_version = minv;
	c->max_version = maxv;
}

/* The option that offers only v; SSL 3.0 has none (probes only). */
static const char *
vflag(uint16_t v)
{
	switch (v) {
	case SSL3_VERSION:	return "SSL 3.0 (no option)";
	case TLS1_0_VERSION:	return "-tls1";
	case TLS1_1_VERSION:	return "-tls1_1";
	case TLS1_2_VERSION:	return "-tls1_2";
	default:		return "-tls1_3";
	}
}

/* "TLS 1.3" or "TLS 1.0 to TLS 1.2": what the user offered */
static const char *
range_str(const struct config *c, char *buf, size_t len)
{
	char a[16], b[16];

	if (c->min_version == c->max_version)
		snprintf(buf, len, "%s", version_str(c->min_version, a,
		    sizeof(a)));
	else
		snprintf(buf, len, "%s to %s", version_str(c->min_version, a,
		    sizeof(a)), version_str(c->max_version, b, sizeof(b)));
	return buf;
}

/*
 * The name for a probe that toggles SNI: never an IP address (RFC 6066,
 * 3).  Without -servername and with an address in -connect, the name the
 * address resolves back to; NULL when there is none.
 */
static const char *
sni_name(const struct config *user, char *buf, size_t len)
{
	struct addrinfo hints, *ai = NULL;
	struct in6_addr a6;

	if (user->servername[0] != '\0')
		return user->servername;
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	if (getaddrinfo(user->host, NULL, &hints, &ai) != 0 || ai == NULL)
		return NULL;
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, buf, len, NULL, 0,
	    NI_NAMEREQD) != 0 || inet_pton(AF_INET, buf, &a6) == 1 ||
	    inet_pton(AF_INET6, buf, &a6) == 1 ||
	    strlen(buf) >= sizeof(user->servername))
		buf = NULL;
	freeaddrinfo(ai);
	return buf;
}

static struct probe *
add(struct probe *p, size_t *n, const struct config *base, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static struct probe *
add(struct probe *p, size_t *n, const struct config *base, const char *fmt,
    ...)
{
	struct probe *q;
	va_list ap;

	if (*n >= PROBE_MAX || *n >= (size_t)base->max_probes)
		return NULL;
	q = &p[(*n)++];
	memset(q, 0, sizeof(*q));
	q->cfg = *base;
	va_start(ap, fmt);
	vsnprintf(q->label, sizeof(q->label), fmt, ap);
	va_end(ap);
	return q;
}

static void
describe(const struct probe *p, size_t idx, char *buf, size_t len)
{
	const struct tp_suite *s = suite_by_code(p->suite);
	const struct tp_group *g = group_by_code(p->group);
	char vb[16];

	if (p->ok)
		snprintf(buf, len, "probe %zu (%s): %s %s, %s%s%s", idx + 1,
		    p->label, p->hrr ? "HelloRetryRequest" : "ServerHello",
		    version_str(p->version, vb, sizeof(vb)),
		    s != NULL ? s->ossl : "?", g != NULL ? ", " : "",
		    g != NULL ? g->name : "");
	else if (p->alert >= 0)
		snprintf(buf, len, "probe %zu (%s): alert %s (%d)", idx + 1,
		    p->label, alert_name((uint8_t)p->alert) ?
		    alert_name((uint8_t)p->alert) : "unknown", p->alert);
	else
		snprintf(buf, len, "probe %zu (%s): %s", idx + 1, p->label,
		    p->why);
}

static const char *
kex_name(enum tp_kex k)
{
	switch (k) {
	case KEX_RSA:	return "RSA";
	case KEX_ECDHE:	return "ECDHE";
	case KEX_DHE:	return "DHE";
	case KEX_DH_ANON:	return "ADH";
	case KEX_ECDH_ANON:	return "AECDH";
	case KEX_PSK:	return "PSK";
	case KEX_DHE_PSK:	return "DHE-PSK";
	case KEX_ECDHE_PSK:	return "ECDHE-PSK";
	case KEX_RSA_PSK:	return "RSA-PSK";
	case KEX_TLS13:	return "TLS 1.3";
	default:	return "other";
	}
}

/* "17 ECDHE suites" or "3 suites (ECDHE, RSA)" */
static void
offered_suites(const struct config *c, uint16_t v, char *buf, size_t len)
{
	const struct tp_suite *s;
	int kinds[KEX_OTHER + 1] = { 0 };
	size_t i, n = 0, nk = 0;
	enum tp_kex only = KEX_RSA;

	if (v >= TLS1_3_VERSION) {
		snprintf(buf, len, "%zu TLS 1.3 suites", c->nsuites13);
		return;
	}
	for (i = 0; i < c->nsuites; i++) {
		if ((s = suite_by_code(c->suites[i])) == NULL ||
		    s->min_version > v || s->max_version < v)
			continue;
		n++;
		if (!kinds[s->kex]++) {
			nk++;
			only = s->kex;
		}
	}
	if (nk == 1)
		snprintf(buf, len, "%zu %s suite%s", n, kex_name(only),
		    n == 1 ? "" : "s");
	else
		snprintf(buf, len, "%zu suites", n);
}

static void
versions_str(const struct probe *p, const int *vp, size_t nv, char *buf,
    size_t len)
{
	char vb[16];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < nv; i++) {
		if (!p[vp[i]].ok)
			continue;
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s",
		    o ? ", " : "", version_str(p[vp[i]].version, vb,
		    sizeof(vb)));
	}
}

/* Print the PROBE lines of p[from..to). */
static void
print_probes(const struct probe *p, size_t from, size_t to)
{
	char line[400];
	size_t i;

	for (i = from; i < to; i++) {
		describe(&p[i], i, line, sizeof(line));
		trace_line(EV_PROBE, NULL, line);
	}
}

/* The first probe of p[0..n) that got an alert, or -1. */
static int
first_alert(const struct probe *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!p[i].ok && p[i].alert >= 0)
			return (int)i;
	return -1;
}

int
diagnose(const struct config *user, const struct conn *failed,
    struct verdict *v)
{
	static const uint16_t try_groups[] = { 0x001d, 0x0017, 0x0018,
	    0x0019, 0x001e, 0x0100 };
	struct probe p[PROBE_MAX];
	struct config base;
	struct probe *q;
	char line[400], a[16], off[64], acc[256], rng[48];
	int vp[5], nv = 0, sni_probe = -1, user_probe = -1, wide_probe = -1;
	int group_probe = -1, sni2_probe = -1, alpn_probe = -1;
	int ext_probe = -1, fa;
	int gp[8], ngp = 0;
	size_t n = 0, i, j, round1;
	uint16_t ver, best = 0;
	const struct tp_suite *s;
	const struct tp_group *g;
	char namebuf[256];
	const char *name = sni_name(user, namebuf, sizeof(namebuf));

	base = *user;
	base.hello_only = 1;
	base.msg = base.state = base.trace = base.json = 0;
	base.timestamps = 0;
	base.quiet = 1;
	base.keylogfile = NULL;
	if (base.timeout_ms > 5000)
		base.timeout_ms = 5000;
	if (base.max_probes <= 0 || base.max_probes > PROBE_MAX)
		base.max_probes = PROBE_MAX;
	memset(v, 0, sizeof(*v));
	range_str(user, rng, sizeof(rng));

	/*
	 * round 1: which versions does the server speak at all?  Every knob
	 * wide, the extensions the user added left out.
	 */
	for (ver = SSL3_VERSION; ver <= TLS1_3_VERSION; ver++) {
		if ((q = add(p, &n, &base, "%s, every suite and group",
		    vflag(ver))) == NULL)
			break;
		wide(&q->cfg, ver, ver);
		vp[nv++] = (int)(n - 1);
	}
	/* and does the server name matter?  (never an IP address as SNI) */
	if ((user->sni || name != NULL) && (q = add(p, &n, &base,
	    user->sni ? "-noservername, everything else wide" :
	    "-servername %s, everything else wide", name)) != NULL) {
		wide(&q->cfg, TLS1_0_VERSION, TLS1_3_VERSION);
		q->cfg.sni = !user->sni;
		if (q->cfg.sni)
			strlcpy(q->cfg.servername, name,
			    sizeof(q->cfg.servername));
		sni_probe = (int)(n - 1);
	}
	probe_run(p, n);
	round1 = n;
	print_probes(p, 0, round1);
	for (i = 0; i < (size_t)nv; i++)
		if (p[vp[i]].ok && p[vp[i]].version >= user->min_version &&
		    p[vp[i]].version <= user->max_version &&
		    p[vp[i]].version > best)
			best = p[vp[i]].version;

	versions_str(p, vp, (size_t)nv, acc, sizeof(acc));
	if (acc[0] == '\0') {
		if (sni_probe >= 0 && p[sni_probe].ok) {
			describe(&p[sni_probe], (size_t)sni_probe, line,
			    sizeof(line));
			v->cls = "sni";
			snprintf(v->text, sizeof(v->text), "%s: handshake "
			    "succeeds %s [%s]", user->sni ? "server rejects "
			    "the name sent in SNI" : "server requires SNI",
			    user->sni ? "without -servername" :
			    "with -servername", line);
			return 1;
		}
		/*
		 * A server that answers with alerts speaks TLS: it refuses
		 * what tlsprobe can offer.  Saying "no-hello" would be less
		 * than the FAIL line already knew.
		 */
		if ((fa = first_alert(p, round1)) >= 0) {
			describe(&p[fa], (size_t)fa, line, sizeof(line));
			v->cls = NULL;	/* the FAIL line's class stands */
			snprintf(v->text, sizeof(v->text), "inconclusive: the "
			    "server speaks TLS but refused every probe, even "
			    "with every suite, group and signature scheme "
			    "tlsprobe knows at TLS 1.0 to 1.3%s; it may accept "
			    "only what tlsprobe cannot offer (NULL, anonymous, "
			    "PSK or SRP suites, or a certificate type no "
			    "offered suite can use) [%s]", sni_probe >= 0 ?
			    ", with and without SNI" : user->sni ? "" :
			    " (without SNI: no name to send, give one with "
			    "-servername)", line);
			return 0;
		}
		v->cls = "no-hello";
		snprintf(v->text, sizeof(v->text), "server answered no probe "
		    "at all, neither with a ServerHello nor with an alert "
		    "(TLS 1.0 to 1.3, every suite and group tlsprobe knows, "
		    "SSL 3.0 included, %s): it may need a name tlsprobe "
		    "cannot guess (-servername), or not speak TLS on this "
		    "port", sni_probe >= 0 ? "with and without SNI" :
		    user->sni ? "with SNI" : "without SNI");
		return 1;
	}
	if (best == 0) {
		v->cls = "version";
		snprintf(v->text, sizeof(v->text), "server speaks only %s (you "
		    "offered %s): enable it on the client or upgrade the "
		    "server [probes 1-%d]", acc, rng, nv);
		/* name the highest one the server has */
		for (i = (size_t)nv; i > 0; i--)
			if (p[vp[i - 1]].ok && p[vp[i - 1]].version ==
			    SSL3_VERSION) {
				snprintf(v->text, sizeof(v->text), "server "
				    "speaks only SSL 3.0, which RFC 7568 "
				    "forbids and current clients refuse: "
				    "upgrade the server (tlsprobe -ssl3 can "
				    "still talk to it) [probe %zu]", i);
				break;
			} else if (p[vp[i - 1]].ok) {
				snprintf(v->text, sizeof(v->text), "server "
				    "speaks only %s (you offered %s): "
				    "enable %s on the client (%s) or upgrade "
				    "the server [probes 1-%d]", acc, rng,
				    version_str(p[vp[i - 1]].version, off,
				    sizeof(off)), vflag(p[vp[i - 1]].version),
				    nv);
				break;
			}
		return 1;
	}

	/*
	 * round 2, at the best common version: the user's hello, then the
	 * same with one knob the user turned put back, one probe each.
	 */
	n = round1;
	if ((q = add(p, &n, &base, "%s with your suites, groups and "
	    "signature schemes", vflag(best))) != NULL) {
		q->cfg.min_version = q->cfg.max_version = best;
		user_probe = (int)(n - 1);
	}
	if (user->alpn != NULL && (q = add(p, &n, &base, "%s with your "
	    "options but no -alpn", vflag(best))) != NULL) {
		q->cfg.min_version = q->cfg.max_version = best;
		q->cfg.alpn = NULL;
		alpn_probe = (int)(n - 1);
	}
	if ((user->status || user->no_ems || user->no_ticket ||
	    user->reneg_scsv) && (q = add(p, &n, &base, "%s with your "
	    "options but the default extensions (no %s%s%s%s)", vflag(best),
	    user->status ? "-status " : "", user->no_ems ? "-no_ems " : "",
	    user->no_ticket ? "-no_ticket " : "", user->reneg_scsv ?
	    "-legacy_server_connect " : "")) != NULL) {
		q->cfg.min_version = q->cfg.max_version = best;
		q->cfg.status = q->cfg.no_ems = q->cfg.no_ticket = 0;
		q->cfg.reneg_scsv = 0;
		ext_probe = (int)(n - 1);
	}
	if ((q = add(p, &n, &base, "%s -cipher ALL", vflag(best))) != NULL) {
		/* one thing at a time: only the suites are wide */
		q->cfg.min_version = q->cfg.max_version = best;
		wide_suites(&q->cfg);
		wide_probe = (int)(n - 1);
	}
	if ((q = add(p, &n, &base, "%s with your suites and every group",
	    vflag(best))) != NULL) {
		q->cfg.min_version = q->cfg.max_version = best;
		wide_groups(&q->cfg);
		group_probe = (int)(n - 1);
	}
	if ((user->sni || name != NULL) && (q = add(p, &n, &base,
	    "%s with your options but %s%s", vflag(best), user->sni ?
	    "-noservername" : "-servername ", user->sni ? "" : name)) !=
	    NULL) {
		q->cfg.min_version = q->cfg.max_version = best;
		q->cfg.sni = !user->sni;
		if (q->cfg.sni)
			strlcpy(q->cfg.servername, name,
			    sizeof(q->cfg.servername));
		sni2_probe = (int)(n - 1);
	}
	probe_run(p + round1, n - round1);
	print_probes(p, round1, n);

	/* ALPN: the same hello without the user's protocols works */
	if (user_probe >= 0 && !p[user_probe].ok && alpn_probe >= 0 &&
	    p[alpn_probe].ok) {
		describe(&p[alpn_probe], (size_t)alpn_probe, line,
		    sizeof(line));
		v->cls = "alpn";
		snprintf(v->text, sizeof(v->text), "server accepts none of "
		    "the ALPN protocols you offered (%.200s): the same hello "
		    "without -alpn succeeds [%s]", user->alpn, line);
		return 1;
	}
	if (user_probe >= 0 && !p[user_probe].ok && ext_probe >= 0 &&
	    p[ext_probe].ok) {
		describe(&p[ext_probe], (size_t)ext_probe, line,
		    sizeof(line));
		v->cls = NULL;
		snprintf(v->text, sizeof(v->text), "the server refuses the "
		    "extensions your options change; the same hello with "
		    "tlsprobe's default extensions succeeds [%s]", line);
		return 1;
	}

	/*
	 * groups: the user's suites with every group work, so the groups
	 * were the obstacle; name the ones the server takes.
	 */
	if (user_probe >= 0 && !p[user_probe].ok && group_probe >= 0 &&
	    p[group_probe].ok) {
		size_t o = 0, round2 = n;
		int last_ok = group_probe;

		/* round 3: which groups, one at a time */
		for (i = 0; i < sizeof(try_groups) / sizeof(try_groups[0]); i++) {
			g = group_by_code(try_groups[i]);
			if (best < TLS1_3_VERSION && g->kind == GROUP_FFDHE)
				continue;
			if ((q = add(p, &n, &base, "%s -groups %s",
			    vflag(best), g->name)) == NULL)
				break;
			wide(&q->cfg, best, best);
			q->cfg.groups[0] = q->cfg.shares[0] = try_groups[i];
			q->cfg.ngroups = q->cfg.nshares = 1;
			if (best < TLS1_3_VERSION) {
				/* only ECDHE suites: acceptance means the group */
				q->cfg.nsuites = 0;
				for (j = 0; j < tp_nsuites; j++)
					if (tp_suites[j].kex == KEX_ECDHE &&
					    suite_gap(&tp_suites[j]) == NULL &&
					    q->cfg.nsuites < TP_MAX_SUITES)
						q->cfg.suites[q->cfg.nsuites++] =
						    tp_suites[j].code;
			}
			gp[ngp++] = (int)(n - 1);
		}
		probe_run(p + round2, n - round2);
		print_probes(p, round2, n);

		acc[0] = '\0';
		for (i = 0; i < (size_t)ngp; i++) {
			if (!p[gp[i]].ok)
				continue;
			g = group_by_code(p[gp[i]].cfg.groups[0]);
			o += (size_t)snprintf(acc + o, o < sizeof(acc) ?
			    sizeof(acc) - o : 0, "%s%s", o ? ", " : "",
			    g->name);
			last_ok = gp[i];
		}
		if (acc[0] == '\0' && (g = group_by_code(
		    p[group_probe].group)) != NULL)
			strlcpy(acc, g->name, sizeof(acc));
		o = 0;
		off[0] = '\0';
		for (i = 0; i < user->ngroups; i++) {
			g = group_by_code(user->groups[i]);
			o += (size_t)snprintf(off + o, o < sizeof(off) ?
			    sizeof(off) - o : 0, "%s%s", o ? ", " : "",
			    g ? g->name : "?");
		}
		describe(&p[last_ok], (size_t)last_ok, line, sizeof(line));
		v->cls = "no-shared-group";
		snprintf(v->text, sizeof(v->text), "no shared group: server "
		    "accepts only %s for key exchange; you offered %s [%s]",
		    acc[0] ? acc : "other groups", off, line);
		return 1;
	}

	/* suites: enumerate what the server accepts, one removal at a time */
	if (user_probe >= 0 && !p[user_probe].ok && wide_probe >= 0 &&
	    p[wide_probe].ok) {
		struct probe e[4];
		size_t ne = 0, k;
		struct config cur = p[wide_probe].cfg;
		uint16_t chosen = p[wide_probe].suite;
		size_t o;

		/* learn up to three more accepted suites (bounded) */
		while (ne < 3 && n + ne < (size_t)base.max_probes) {
			struct config nc = cur;

			nc.nsuites = 0;
			for (k = 0; k < cur.nsuites; k++)
				if (cur.suites[k] != chosen)
					nc.suites[nc.nsuites++] =
					    cur.suites[k];
			nc.nsuites13 = 0;
			for (k = 0; k < cur.nsuites13; k++)
				if (cur.suites13[k] != chosen)
					nc.suites13[nc.nsuites13++] =
					    cur.suites13[k];
			memset(&e[ne], 0, sizeof(e[ne]));
			e[ne].cfg = nc;
			snprintf(e[ne].label, sizeof(e[ne].label), "%s -cipher "
			    "ALL minus %zu accepted", vflag(best), ne + 1);
			probe_run(&e[ne], 1);
			describe(&e[ne], n + ne, line, sizeof(line));
			trace_line(EV_PROBE, NULL, line);
			if (!e[ne].ok)
				break;
			chosen = e[ne].suite;
			cur = nc;
			ne++;
		}
		o = 0;
		acc[0] = '\0';
		s = suite_by_code(p[wide_probe].suite);
		o += (size_t)snprintf(acc, sizeof(acc), "%s (%s kex)",
		    s ? s->ossl : "?", s ? kex_name(s->kex) : "?");
		for (k = 0; k < ne; k++) {
			s = suite_by_code(e[k].suite);
			o += (size_t)snprintf(acc + o, o < sizeof(acc) ?
			    sizeof(acc) - o : 0, ", %s (%s kex)",
			    s ? s->ossl : "?", s ? kex_name(s->kex) : "?");
		}
		offered_suites(user, best, off, sizeof(off));
		describe(&p[wide_probe], (size_t)wide_probe, line,
		    sizeof(line));
		v->cls = "no-shared-cipher";
		snprintf(v->text, sizeof(v->text), "no shared cipher suite: "
		    "server accepts %s%s; you offered %s [%s]", acc,
		    ne < 3 ? " only" : " and more", off, line);
		return 1;
	}

	if (sni2_probe >= 0 && p[sni2_probe].ok && user_probe >= 0 &&
	    !p[user_probe].ok) {
		describe(&p[sni2_probe], (size_t)sni2_probe, line,
		    sizeof(line));
		v->cls = "sni";
		snprintf(v->text, sizeof(v->text), "%s [%s]", user->sni ?
		    "server rejects the name sent in SNI; it answers without "
		    "it" : "server requires SNI: handshake succeeds with "
		    "-servername", line);
		return 1;
	}
	if (user_probe >= 0 && p[user_probe].ok) {
		describe(&p[user_probe], (size_t)user_probe, line,
		    sizeof(line));
		v->cls = NULL;	/* keep the original class */
		snprintf(v->text, sizeof(v->text), "the server accepts your "
		    "ClientHello at %s, so the failure comes after the hello "
		    "(%s) [%s]", version_str(best, a, sizeof(a)),
		    failed->why[0] ? failed->why : "see the FAIL line", line);
		return 1;
	}
	/*
	 * Round 3, only when nothing above explains it: the same hello with
	 * every signature scheme.  A server with no certificate it can sign
	 * for the offered schemes refuses the ClientHello itself.
	 */
	if (user_probe >= 0 && !p[user_probe].ok &&
	    n < (size_t)base.max_probes) {
		struct probe sp;
		struct config w;

		memset(&sp, 0, sizeof(sp));
		sp.cfg = p[user_probe].cfg;
		wide(&w, best, best);
		memcpy(sp.cfg.sigalgs, w.sigalgs, sizeof(w.sigalgs));
		sp.cfg.nsigalgs = w.nsigalgs;
		snprintf(sp.label, sizeof(sp.label), "%s with your suites and "
		    "groups, every signature scheme", vflag(best));
		probe_run(&sp, 1);
		describe(&sp, n, line, sizeof(line));
		trace_line(EV_PROBE, NULL, line);
		if (sp.ok) {
			size_t o = 0;

			off[0] = '\0';
			for (i = 0; i < user->nsigalgs && o < sizeof(off); i++) {
				const struct tp_sigscheme *ss =
				    sigscheme_by_code(user->sigalgs[i]);

				o += (size_t)snprintf(off + o, sizeof(off) - o,
				    "%s%s", o ? ", " : "", ss ? ss->name : "?");
			}
			v->cls = "no-shared-sigalg";
			snprintf(v->text, sizeof(v->text), "no shared signature "
			    "algorithm: the server has no certificate it can "
			    "sign with for the schemes you offered (%s); it "
			    "answers when offered every scheme [%s]", off,
			    line);
			return 1;
		}
	}
	v->cls = NULL;	/* the FAIL line's class stands */
	snprintf(v->text, sizeof(v->text), "inconclusive: at %s the server "
	    "refused your hello and every variant that put back one of the "
	    "suites, the groups, the signature schemes, the server name or "
	    "the extensions; see the probes above", version_str(best, a,
	    sizeof(a)));
	return 0;
}
