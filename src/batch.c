/*
 * batch.c -- -targets FILE with -concurrency N: a bounded pool of forked
 * workers, driven by poll(2) from the parent.
 *
 * Why forked workers and not one non-blocking loop: the engine is written
 * as blocking code over struct transport (one connection at a time, as
 * -diagnose's probes already run); workers forked after tp_crypto_init(),
 * the trust anchors and tp_crypto_warm() share that set-up copy-on-write.
 * Each worker lives for many targets: the parent sends it a target's index
 * on its job pipe, the worker runs it with stdout and stderr on pipes to
 * the parent and answers on its control pipe with the exit status.  The
 * parent keeps each target's output apart and writes it as one block.  A
 * worker that dies takes only its current target with it (reported as
 * class internal) and is replaced; each target has its own -timeout.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
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
	pid_t	 pid;		/* -1: no worker */
	int	 job;		/* parent writes target indexes */
	int	 out, err, ctl;	/* parent reads; -1 when closed */
	int	 busy;		/* t is running */
	size_t	 t;		/* target index */
	struct buf o, e;
};

/* the worker's answer on its control pipe */
struct done_msg {
	uint32_t	 t;
	int32_t		 code;
};

static const struct config *batch_cfg;

/*
 * The run cannot go on: the message on stderr, and under -json a "fail"
 * object (class usage, or internal with -1 for errno), exit status code.
 */
static void __attribute__((noreturn, format(printf, 3, 4)))
batch_die(int code, int with_errno, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	size_t o;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (with_errno) {
		o = strlen(msg);
		snprintf(msg + o, sizeof(msg) - o, ": %s", strerror(errno));
	}
	if (batch_cfg != NULL)
		trace_fail(batch_cfg, NULL, code == EXIT_USAGE ? "usage" :
		    "internal", code, msg, NULL);
	errx(code, "%s", msg);
}

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
			batch_die(EXIT_HANDSHAKE, 0, "out of memory");
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

	/* no port: the -port/-starttls default, decided per run */
	t->port[0] = '\0';
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
		if (rb[1] == ':' && rb[2] == '\0') {
			snprintf(why, wl, "%s: empty port", arg);
			return -1;
		}
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
		if (colon != NULL && colon[1] == '\0') {
			snprintf(why, wl, "%s: empty port", arg);
			return -1;
		}
		if (colon != NULL)
			strlcpy(t->port, colon + 1, sizeof(t->port));
	}
	if (t->port[0] != '\0' && (strspn(t->port, "0123456789") !=
	    strlen(t->port) || atoi(t->port) < 1 || atoi(t->port) > 65535)) {
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
		batch_die(EXIT_USAGE, 1, "-targets %s", file);
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			batch_die(EXIT_USAGE, 0, "-targets %s, line %zu: longer than "
			    "%d bytes", file, lineno, BATCH_LINE - 2);
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		k = 0;
		for (p = strtok(line, " \t\r\n"); p != NULL;
		    p = strtok(NULL, " \t\r\n")) {
			if (k == 2)
				batch_die(EXIT_USAGE, 0, "-targets %s, line %zu: more "
				    "than 'host[:port] [servername]'", file,
				    lineno);
			tok[k++] = p;
		}
		if (k == 0)
			continue;
		if (n == BATCH_MAXTARGETS)
			batch_die(EXIT_USAGE, 0, "-targets %s: more than %d targets",
			    file, BATCH_MAXTARGETS);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nt = reallocarray(ts, cap, sizeof(*ts))) == NULL)
				batch_die(EXIT_HANDSHAKE, 0, "out of memory");
			ts = nt;
		}
		memset(&ts[n], 0, sizeof(ts[n]));
		if (split_target(tok[0], &ts[n], why, sizeof(why)) != 0)
			batch_die(EXIT_USAGE, 0, "-targets %s, line %zu: %s", file,
			    lineno, why);
		if (k == 2 && strlen(tok[1]) >= sizeof(ts[n].servername))
			batch_die(EXIT_USAGE, 0, "-targets %s, line %zu: servername "
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
		batch_die(EXIT_USAGE, 0, "-targets %s: no targets", file);
	*np = n;
	return ts;
}

static int
run_in_worker(const struct config *base, const struct target *t,
    int (*run)(struct config *))
{
	struct config cfg = *base;
	struct in6_addr a6;

	strlcpy(cfg.host, t->host, sizeof(cfg.host));
	if (t->port[0] != '\0')
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
	trace_reset();
	return run(&cfg);
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

/*
 * Target t of slot s ended: code is its exit status, or -1 when the
 * worker died (termsig, or 0 if it exited) before answering.
 */
static void
finish(const struct config *base, const struct target *t, struct slot *s,
    int code, int termsig, struct tally *ty)
{
	char cls[40];
	char why[128] = "";

	fail_class(&s->e, cls, sizeof(cls));
	if (code != 0 && cls[0] == '\0') {
		/* crashed or killed: say so, as that target's one result */
		strlcpy(cls, "internal", sizeof(cls));
		if (termsig != 0)
			snprintf(why, sizeof(why), "the worker died of signal "
			    "%d", termsig);
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
	s->busy = 0;
}

/* Read what fd holds into b now, without waiting; 1 at EOF or error. */
static int
drain(int fd, struct buf *b)
{
	char rb[16384];
	ssize_t got;

	for (;;) {
		got = read(fd, rb, sizeof(rb));
		if (got > 0) {
			if (b->len + (size_t)got <= BATCH_MAXOUT)
				buf_add(b, rb, (size_t)got);
			continue;
		}
		if (got == -1 && errno == EINTR)
			continue;
		return !(got == -1 && errno == EAGAIN);
	}
}

static void
close_fd(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

static void
worker_loop(const struct config *base, const struct target *ts, size_t n,
    int job, int ctl, int (*run)(struct config *))
{
	struct done_msg m;
	uint32_t t;

	while (read(job, &t, sizeof(t)) == (ssize_t)sizeof(t)) {
		if (t >= n)
			break;
		m.t = t;
		m.code = run_in_worker(base, &ts[t], run);
		fflush(NULL);
		if (write(ctl, &m, sizeof(m)) != (ssize_t)sizeof(m))
			break;
	}
	fflush(NULL);
	_exit(0);
}

/* Start the worker of slot k; 0 or -1. */
static int
spawn(const struct config *base, const struct target *ts, size_t n,
    struct slot *slots, size_t ns, size_t k, int (*run)(struct config *))
{
	int pj[2], po[2], pe[2], pc[2], null, i;
	int *all[8] = { &pj[0], &pj[1], &po[0], &po[1], &pe[0], &pe[1],
	    &pc[0], &pc[1] };
	size_t j;
	pid_t pid;

	for (i = 0; i < 8; i++)
		*all[i] = -1;
	if (pipe(pj) == -1 || pipe(po) == -1 || pipe(pe) == -1 ||
	    pipe(pc) == -1)
		goto fail;
	fflush(NULL);
	if ((pid = fork()) == -1)
		goto fail;
	if (pid == 0) {
		for (j = 0; j < ns; j++) {
			if (j == k)
				continue;
			close_fd(&slots[j].job);
			close_fd(&slots[j].out);
			close_fd(&slots[j].err);
			close_fd(&slots[j].ctl);
		}
		close(pj[1]);
		close(po[0]);
		close(pe[0]);
		close(pc[0]);
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[1]);
		close(pe[1]);
		if ((null = open("/dev/null", O_RDONLY)) != -1) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		worker_loop(base, ts, n, pj[0], pc[1], run);
	}
	close(pj[0]);
	close(po[1]);
	close(pe[1]);
	close(pc[1]);
	slots[k].pid = pid;
	slots[k].job = pj[1];
	slots[k].out = po[0];
	slots[k].err = pe[0];
	slots[k].ctl = pc[0];
	slots[k].busy = 0;
	(void)fcntl(po[0], F_SETFL, O_NONBLOCK);
	(void)fcntl(pe[0], F_SETFL, O_NONBLOCK);
	return 0;
 fail:
	for (i = 0; i < 8; i++)
		if (*all[i] != -1)
			close(*all[i]);
	return -1;
}

/* Give slot s target t; 0 or -1 (the worker is gone). */
static int
assign(struct slot *s, size_t t)
{
	uint32_t v = (uint32_t)t;

	if (write(s->job, &v, sizeof(v)) != (ssize_t)sizeof(v))
		return -1;
	s->t = t;
	s->busy = 1;
	return 0;
}

/* The worker of slot s is gone: its target, if any, failed; reap it. */
static void
lost(const struct config *base, const struct target *ts, struct slot *s,
    struct tally *ty, size_t *done)
{
	int status = 0;

	close_fd(&s->job);
	close_fd(&s->ctl);
	if (s->out != -1)
		(void)drain(s->out, &s->o);
	if (s->err != -1)
		(void)drain(s->err, &s->e);
	close_fd(&s->out);
	close_fd(&s->err);
	while (waitpid(s->pid, &status, 0) == -1 && errno == EINTR)
		;
	s->pid = -1;
	if (s->busy) {
		finish(base, &ts[s->t], s, WIFEXITED(status) ?
		    (WEXITSTATUS(status) ? WEXITSTATUS(status) : -1) : -1,
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0, ty);
		(*done)++;
	}
}

int
batch_run(const struct config *base, int (*run)(struct config *))
{
	struct target *ts;
	struct slot slots[BATCH_MAX];
	struct pollfd pfd[3 * BATCH_MAX];
	size_t map[3 * BATCH_MAX];
	struct tally ty;
	struct done_msg m;
	size_t n, nw, next = 0, done = 0, k, np, i, last = 0;
	int progress = isatty(STDERR_FILENO), status;
	int64_t t0 = tp_now_us();
	ssize_t got;

	batch_cfg = base;
	ts = read_targets(base->targets, &n);
	/* what every worker would fetch on its own, fetched once here */
	tp_crypto_warm();
	memset(&ty, 0, sizeof(ty));
	nw = (size_t)base->concurrency < n ? (size_t)base->concurrency : n;
	for (k = 0; k < BATCH_MAX; k++) {
		memset(&slots[k], 0, sizeof(slots[k]));
		slots[k].pid = -1;
		slots[k].job = slots[k].out = slots[k].err = slots[k].ctl = -1;
	}
	while (done < n) {
		/* a worker for every slot, and work for every idle worker */
		for (k = 0; k < nw && next < n; k++) {
			if (slots[k].pid == -1 && spawn(base, ts, n, slots,
			    nw, k, run) != 0)
				continue;
			if (!slots[k].busy && assign(&slots[k], next) == 0)
				next++;
		}
		np = 0;
		for (k = 0; k < nw; k++) {
			if (slots[k].pid == -1)
				continue;
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
			pfd[np].fd = slots[k].ctl;
			pfd[np].events = POLLIN;
			map[np++] = k;
		}
		if (np == 0)
			batch_die(EXIT_USAGE, 0, "-targets: cannot start any worker");
		if (poll(pfd, np, -1) == -1 && errno != EINTR)
			batch_die(EXIT_HANDSHAKE, 1, "poll");
		for (i = 0; i < np; i++) {
			struct slot *s = &slots[map[i]];

			if (pfd[i].revents == 0 || s->pid == -1)
				continue;
			if (pfd[i].fd == s->out) {
				if (drain(s->out, &s->o))
					close_fd(&s->out);
			} else if (pfd[i].fd == s->err) {
				if (drain(s->err, &s->e))
					close_fd(&s->err);
			} else if (pfd[i].fd == s->ctl) {
				got = read(s->ctl, &m, sizeof(m));
				if (got == -1 && errno == EINTR)
					continue;
				if (got != (ssize_t)sizeof(m) || !s->busy ||
				    m.t != s->t) {
					lost(base, ts, s, &ty, &done);
					continue;
				}
				/* all it wrote for m.t is in the pipes now */
				if (s->out != -1 && drain(s->out, &s->o))
					close_fd(&s->out);
				if (s->err != -1 && drain(s->err, &s->e))
					close_fd(&s->err);
				finish(base, &ts[s->t], s, m.code, 0, &ty);
				done++;
			}
		}
		if (progress && done != last) {
			double el = (double)(tp_now_us() - t0) / 1e6;

			last = done;
			fprintf(stderr, "\rtlsprobe: %zu/%zu targets, %.1f/s ",
			    done, n, el > 0 ? done / el : 0.0);
		}
	}
	/* no more work: the workers read EOF and exit */
	for (k = 0; k < nw; k++) {
		if (slots[k].pid == -1)
			continue;
		close_fd(&slots[k].job);
		close_fd(&slots[k].out);
		close_fd(&slots[k].err);
		close_fd(&slots[k].ctl);
		while (waitpid(slots[k].pid, &status, 0) == -1 &&
		    errno == EINTR)
			;
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
