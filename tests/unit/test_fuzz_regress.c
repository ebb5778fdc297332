/*
 * test_fuzz_regress.c -- replay the state-machine fuzzer's inputs once:
 * every saved crash (tests/fuzz/regress/fuzz_handshake/) must now run to
 * its end and be refused with an error, and every captured server flight
 * (tests/fuzz/corpus/fuzz_handshake/) must still replay to a complete
 * handshake; a capture that no longer completes is a failure (when the
 * ClientHello changed on purpose, re-run tests/fuzz/mkcorpus.sh).  A crash
 * is a failure too: under the ASan build the sanitizer stops the program.
 *
 * TP_FUZZ_DIR names tests/fuzz (default: tests/fuzz, from the top of the
 * tree, where tests/run runs).
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "unit.h"
#include "../fuzz/fuzz_handshake.c"

static int devnull = -1, saved = -1;

/* The client's -msg/-trace output of a replay is not ours to print. */
static void
mute(int on)
{
	fflush(stdout);
	if (on) {
		saved = dup(STDOUT_FILENO);
		dup2(devnull, STDOUT_FILENO);
	} else {
		dup2(saved, STDOUT_FILENO);
		close(saved);
	}
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	uint8_t *buf = NULL, *nb;
	size_t cap = 0;
	ssize_t r;
	int fd;

	*len = 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL)
				break;
			buf = nb;
		}
		if ((r = read(fd, buf + *len, cap - *len)) <= 0)
			break;
		*len += (size_t)r;
	}
	close(fd);
	return buf;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every file of dir; want_ok: a captured flight. */
static int
replay_dir(const char *dir, int want_ok)
{
	char *names[512], path[1024], what[1200];
	struct dirent *e;
	size_t n = 0, i, len;
	uint8_t *buf;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL && n < 512)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((buf = slurp(path, &len)) == NULL) {
			CHECK(buf != NULL, path);
			continue;
		}
		fuzz_handshake_result = -1;
		mute(1);
		LLVMFuzzerTestOneInput(buf, len);
		mute(0);
		/* ".nd": a capture with keys libcrypto drew (P-256, DH, RSA
		 * padding in the EMS hash): it cannot replay to the end */
		if (want_ok && strstr(names[i], ".nd") != NULL)
			want_ok = 2;
		if (want_ok == 1) {
			/* a stale capture is a failure: it tests nothing */
			snprintf(what, sizeof(what), "capture %s replays to a "
			    "complete handshake", names[i]);
			CHECK(fuzz_handshake_result == 0, what);
			if (fuzz_handshake_result != 0)
				printf("    | if the ClientHello changed on "
				    "purpose, re-run tests/fuzz/mkcorpus.sh\n");
		} else if (want_ok == 2) {
			snprintf(what, sizeof(what), "capture %s replays to "
			    "the end (its keys are drawn afresh, so it stops "
			    "at the first check that needs them)", names[i]);
			CHECK(fuzz_handshake_result != -1, what);
		} else {
			/* a saved crash: the engine now refuses the input */
			snprintf(what, sizeof(what), "fuzz regression %s is "
			    "refused with an error, without a crash", names[i]);
			CHECK(fuzz_handshake_result != -1 &&
			    fuzz_handshake_result != 0, what);
		}
		if (want_ok == 2)
			want_ok = 1;
		free(buf);
		free(names[i]);
	}
	return (int)n;
}

int
main(void)
{
	const char *top = getenv("TP_FUZZ_DIR");
	char dir[1024];

	if (top == NULL)
		top = "tests/fuzz";
	if ((devnull = open("/dev/null", O_WRONLY)) == -1)
		return 1;
	snprintf(dir, sizeof(dir), "%s/regress/fuzz_handshake", top);
	if (replay_dir(dir, 0) < 0)
		printf("SKIP: fuzz regressions (no %s)\n", dir);
	snprintf(dir, sizeof(dir), "%s/corpus/fuzz_handshake", top);
	if (replay_dir(dir, 1) < 0)
		printf("SKIP: fuzz captures (no %s)\n", dir);
	UNIT_EXIT();
}
