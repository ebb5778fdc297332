/*
 * batch.c -- -targets FILE with -concurrency N: a bounded pool of forked
 * workers, one per target, driven by poll(2) from the parent.
 *
 * Why fork and not one non-blocking loop: the engine is written as
 * blocking code over struct transport (one connection per process, as
 * -diagnose's probes already are); forking after tp_crypto_init() and the
 * trust-anchor set-up shares that start-up (copy-on-write) and costs about
 * a fork per target, and a crash or hang in one target cannot touch the
 * others (each child has its own -timeout).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/wait.h>

#include "batch.h"
#include "conn.h"
#include "crypto_warm.h"
#include "diag.h"
#include "tpclock.h"
#include "trace.h"
#include "trace_json.h"

#define BATCH_LINE	1024
#define BATCH_MAXOUT	(4 << 20)	/* a target's output kept in memory */
#define BATCH_MAXTARGETS 1000000

struct target {
	char	 label[300];	/* the line as written: host[:port] [name] */
	char	 host[256];
	char	 port[16];
	char	 servername[256];
};

struct buf {
	char	*p;
	size_t	 len, cap;
};

struct slot {
	pid_t	 pid;
	int	 out, err;	/* -1 when at EOF */
	size_t	 t;		/* target index */
	struct buf o, e;
};

static void
buf_add(struct buf *b, const char *p, size_t n)
{
	char *np;
	size_t nc;

	if (b->len + n + 1 > b->cap) {
		nc = b->cap ? b->cap * 2 : 4096;
		while (nc < b->len + n + 1)
			nc *= 2;
		if ((np = realloc(b->p, nc)) == NULL)
			err(EXIT_USAGE, "out of memory");
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* host[:port], [v6]:port, or a bare IPv6 address; 0 or -1 with why. */
static int
split_target(const char *arg, struct target *t, char *why, size_t wl)
{
	const char *colon, *rb;
	size_t hl;

	strlcpy(t->port, "443", sizeof(t->port));
	if (arg[0] == '[') {
		if ((rb = strchr(arg, ']')) == NULL) {
			snprintf(why, wl, "%s: missing ']'", arg);
			return -1;
		}
		hl = (size_t)(rb - arg - 1);
		if (hl == 0 || hl >= sizeof(t->host) || (rb[1] != '\0' &&
		    rb[1] != ':')) {
			snprintf(why, wl, "%s: bad host", arg);
			return -1;
		}
		memcpy(t->host, arg + 1, hl);
		t->host[hl] = '\0';
		if (rb[1] == ':')
			strlcpy(t->port, rb + 2, sizeof(t->port));
	} else {
		colon = strrchr(arg, ':');
		if (colon != NULL && strchr(arg, ':') != colon)
			colon = NULL;
		hl = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
		if (hl == 0 || hl >= sizeof(t->host)) {
			snprintf(why, wl, "%s: bad host", arg);
			return -1;
		}
		memcpy(t->host, arg, hl);
		t->host[hl] = '\0';
		if (colon != NULL)
			strlcpy(t->port, colon + 1, sizeof(t->port));
	}
	if (t->port[0] == '\0' || strspn(t->port, "0123456789") !=
	    strlen(t->port) || atoi(t->port) < 1 || atoi(t->port) > 65535) {
		snprintf(why, wl, "%s: bad port", arg);
		return -1;
	}
	return 0;
}

static struct target *
read_targets(const char *file, size_t *np)
{
	struct target *ts = NULL, *nt;
	size_t n = 0, cap = 0, lineno = 0;
	char line[BATCH_LINE], why[600], *p, *tok[3] = { NULL, NULL, NULL };
	int k;
	FILE *f;

	if (strcmp(file, "-") == 0)
		f = stdin;
	else if ((f = fopen(file, "r")) == NULL)
		err(EXIT_USAGE, "-targets %s", file);
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			errx(EXIT_USAGE, "-targets %s, line %zu: longer than "
			    "%d bytes", file, lineno, BATCH_LINE - 2);
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		k = 0;
		for (p = strtok(line, " \t\r\n"); p != NULL;
		    p = strtok(NULL, " \t\r\n")) {
			if (k == 2)
				errx(EXIT_USAGE, "-targets %s, line %zu: more "
				    "than 'host[:port] [servername]'", file,
				    lineno);
			tok[k++] = p;
		}
		if (k == 0)
			continue;
		if (n == BATCH_MAXTARGETS)
			errx(EXIT_USAGE, "-targets %s: more than %d targets",
			    file, BATCH_MAXTARGETS);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nt = reallocarray(ts, cap, sizeof(*ts))) == NULL)
				err(EXIT_USAGE, "out of memory");
			ts = nt;
		}
		memset(&ts[n], 0, sizeof(ts[n]));
		if (split_target(tok[0], &ts[n], why, sizeof(why)) != 0)
			errx(EXIT_USAGE, "-targets %s, line %zu: %s", file,
			    lineno, why);
		if (k == 2 && strlen(tok[1]) >= sizeof(ts[n].servername))
			errx(EXIT_USAGE, "-targets %s, line %zu: servername "
			    "too long", file, lineno);
		if (k == 2)
			strlcpy(ts[n].servername, tok[1],
			    sizeof(ts[n].servername));
		snprintf(ts[n].label, sizeof(ts[n].label), "%s%s%s", tok[0],
		    k == 2 ? " " : "", k == 2 ? tok[1] : "");
		n++;
	}
	if (f != stdin)
		fclose(f);
	if (n == 0)
		errx(EXIT_USAGE, "-targets %s: no targets", file);
	*np = n;
	return ts;
}

static void
child(const struct config *base, const struct target *t,
    int (*run)(struct config *))
{
	struct config cfg = *base;
	struct in6_addr a6;
	int code;

	strlcpy(cfg.host, t->host, sizeof(cfg.host));
	strlcpy(cfg.port, t->port, sizeof(cfg.port));
	if (t->servername[0] != '\0')
		strlcpy(cfg.servername, t->servername, sizeof(cfg.servername));
	else if (base->servername[0] == '\0' &&
	    inet_pton(AF_INET, t->host, &a6) != 1 &&
	    inet_pton(AF_INET6, t->host, &a6) != 1)
		strlcpy(cfg.servername, t->host, sizeof(cfg.servername));
	cfg.sni = !cfg.noservername && cfg.servername[0] != '\0';
	cfg.interactive = 0;
	trace_json_target(t->label);
	code = run(&cfg);
	fflush(NULL);
	_exit(code);
}

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Each line of b to fd, prefixed with "label: " unless raw. */
static void
put_lines(int fd, const struct buf *b, const char *label, int raw)
{
	struct buf o = { NULL, 0, 0 };
	const char *p = b->p, *nl;

	if (b->len == 0)
		return;
	if (raw) {
		write_all(fd, b->p, b->len);
		if (b->p[b->len - 1] != '\n')
			write_all(fd, "\n", 1);
		return;
	}
	while (p < b->p + b->len) {
		if ((nl = memchr(p, '\n', (size_t)(b->p + b->len - p))) ==
		    NULL)
			nl = b->p + b->len;
		buf_add(&o, label, strlen(label));
		buf_add(&o, ": ", 2);
		buf_add(&o, p, (size_t)(nl - p));
		buf_add(&o, "\n", 1);
		p = nl + 1;
	}
	write_all(fd, o.p, o.len);
	free(o.p);
}

#define MAXCLS	32

struct tally {
	size_t	 passed, failed;
	char	 cls[MAXCLS][40];
	size_t	 count[MAXCLS];
	size_t	 ncls;
};

static void
count_class(struct tally *ty, const char *cls)
{
	size_t i;

	for (i = 0; i < ty->ncls; i++)
		if (strcmp(ty->cls[i], cls) == 0)
			break;
	if (i == ty->ncls) {
		if (ty->ncls == MAXCLS)
			i = MAXCLS - 1;	/* the last bucket takes the rest */
		else
			strlcpy(ty->cls[ty->ncls++], cls, sizeof(ty->cls[0]));
	}
	ty->count[i]++;
}

/* The class from the child's "tlsprobe: FAIL <class>: ..." line. */
static void
fail_class(const struct buf *e, char *cls, size_t len)
{
	const char *p = e->p != NULL ? strstr(e->p, "tlsprobe: FAIL ") : NULL;
	size_t n;

	if (p == NULL) {
		cls[0] = '\0';
		return;
	}
	p += strlen("tlsprobe: FAIL ");
	n = strcspn(p, ": \n");
	if (n >= len)
		n = len - 1;
	memcpy(cls, p, n);
	cls[n] = '\0';
}

static void
finish(const struct config *base, const struct target *t, struct slot *s,
    int status, struct tally *ty)
{
	char cls[40];
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	char why[128] = "";

	fail_class(&s->e, cls, sizeof(cls));
	if (code != 0 && cls[0] == '\0') {
		/* crashed or killed: say so, as that target's one result */
		strlcpy(cls, "internal", sizeof(cls));
		if (WIFSIGNALED(status))
			snprintf(why, sizeof(why), "the worker died of signal "
			    "%d", WTERMSIG(status));
		else
			snprintf(why, sizeof(why), "the worker exited %d "
			    "without a result", code);
		buf_add(&s->e, "tlsprobe: FAIL internal: ", 25);
		buf_add(&s->e, why, strlen(why));
		buf_add(&s->e, "\n", 1);
	}
	fflush(stdout);
	put_lines(STDOUT_FILENO, &s->o, t->label, base->json);
	if (why[0] != '\0' && base->json && (s->o.p == NULL ||
	    (strstr(s->o.p, "\"type\":\"fail\"") == NULL &&
	    strstr(s->o.p, "\"type\":\"summary\"") == NULL))) {
		trace_json_target(t->label);
		trace_json_fail(NULL, "internal", EXIT_HANDSHAKE, why, NULL);
		trace_json_target(NULL);
	}
	put_lines(STDERR_FILENO, &s->e, t->label, 0);
	if (code == 0)
		ty->passed++;
	else {
		ty->failed++;
		count_class(ty, cls);
	}
	free(s->o.p);
	free(s->e.p);
	memset(&s->o, 0, sizeof(s->o));
	memset(&s->e, 0, sizeof(s->e));
	s->pid = -1;
}

static int
spawn(const struct config *base, const struct target *ts, size_t t,
    struct slot *slots, size_t ns, size_t k, int (*run)(struct config *))
{
	int po[2], pe[2], null;
	size_t j;
	pid_t pid;

	if (pipe(po) == -1)
		return -1;
	if (pipe(pe) == -1) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		return -1;
	}
	if (pid == 0) {
		for (j = 0; j < ns; j++) {
			if (slots[j].out != -1)
				close(slots[j].out);
			if (slots[j].err != -1)
				close(slots[j].err);
		}
		close(po[0]);
		close(pe[0]);
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[1]);
		close(pe[1]);
		if ((null = open("/dev/null", O_RDONLY)) != -1) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		child(base, &ts[t], run);
	}
	close(po[1]);
	close(pe[1]);
	slots[k].pid = pid;
	slots[k].out = po[0];
	slots[k].err = pe[0];
	slots[k].t = t;
	return 0;
}

int
batch_run(const struct config *base, int (*run)(struct config *))
{
	struct target *ts;
	struct slot slots[BATCH_MAX];
	struct pollfd pfd[2 * BATCH_MAX];
	size_t map[2 * BATCH_MAX];
	struct tally ty;
	size_t n, next = 0, done = 0, running = 0, k, np, i;
	int progress = isatty(STDERR_FILENO), status;
	int64_t t0 = tp_now_us();
	char rb[16384];
	ssize_t got;

	ts = read_targets(base->targets, &n);
	/* what every worker would fetch on its own, fetched once here */
	tp_crypto_warm();
	memset(&ty, 0, sizeof(ty));
	for (k = 0; k < BATCH_MAX; k++) {
		slots[k].pid = -1;
		slots[k].out = slots[k].err = -1;
		memset(&slots[k].o, 0, sizeof(slots[k].o));
		memset(&slots[k].e, 0, sizeof(slots[k].e));
	}
	while (done < n) {
		for (k = 0; k < (size_t)base->concurrency && next < n; k++) {
			if (slots[k].pid != -1)
				continue;
			if (spawn(base, ts, next, slots, BATCH_MAX, k,
			    run) != 0) {
				if (running == 0)
					err(EXIT_USAGE, "fork");
				break;
			}
			next++;
			running++;
		}
		np = 0;
		for (k = 0; k < (size_t)base->concurrency; k++) {
			if (slots[k].out != -1) {
				pfd[np].fd = slots[k].out;
				pfd[np].events = POLLIN;
				map[np++] = k;
			}
			if (slots[k].err != -1) {
				pfd[np].fd = slots[k].err;
				pfd[np].events = POLLIN;
				map[np++] = k;
			}
		}
		if (np > 0 && poll(pfd, np, -1) == -1 && errno != EINTR)
			err(EXIT_USAGE, "poll");
		for (i = 0; i < np; i++) {
			struct slot *s = &slots[map[i]];
			int isout = pfd[i].fd == s->out;

			if (pfd[i].revents == 0)
				continue;
			got = read(pfd[i].fd, rb, sizeof(rb));
			if (got > 0) {
				struct buf *b = isout ? &s->o : &s->e;

				if (b->len + (size_t)got <= BATCH_MAXOUT)
					buf_add(b, rb, (size_t)got);
				continue;
			}
			if (got == -1 && errno == EINTR)
				continue;
			close(pfd[i].fd);
			if (isout)
				s->out = -1;
			else
				s->err = -1;
		}
		for (k = 0; k < (size_t)base->concurrency; k++) {
			if (slots[k].pid == -1 || slots[k].out != -1 ||
			    slots[k].err != -1)
				continue;
			while (waitpid(slots[k].pid, &status, 0) == -1 &&
			    errno == EINTR)
				;
			finish(base, &ts[slots[k].t], &slots[k], status, &ty);
			slots[k].pid = -1;
			running--;
			done++;
			if (progress) {
				double el = (double)(tp_now_us() - t0) / 1e6;

				fprintf(stderr, "\rtlsprobe: %zu/%zu targets, "
				    "%.1f/s ", done, n, el > 0 ? done / el :
				    0.0);
			}
		}
	}
	if (progress)
		fputc('\n', stderr);
	if (base->json) {
		const char *names[MAXCLS];

		for (i = 0; i < ty.ncls; i++)
			names[i] = ty.cls[i];
		trace_json_batch(n, ty.passed, ty.failed, names, ty.count,
		    ty.ncls);
	} else {
		printf("tlsprobe: %zu targets: %zu passed, %zu failed", n,
		    ty.passed, ty.failed);
		for (i = 0; i < ty.ncls; i++)
			printf("%s%s %zu", i ? ", " : " (", ty.cls[i],
			    ty.count[i]);
		printf("%s\n", ty.ncls ? ")" : "");
		fflush(stdout);
	}
	free(ts);
	return ty.failed == 0 ? EXIT_OK : EXIT_BATCH;
}
