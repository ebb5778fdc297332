/*
 * trace_json.h -- the -json printer: the same event stream as the text
 * printers, as JSON Lines on stdout (schema in man/tlsprobe.1, JSON SCHEMA).
 * Every object is written with one write(2) while SIGINT/SIGTERM are
 * blocked, so a signal never cuts a line.
 */
#ifndef TRACE_JSON_H
#define TRACE_JSON_H

#include <stddef.h>

#include "event.h"

struct conn;
struct tp_event;

#define TRACE_JSON_SCHEMA	1

void	trace_json_start(int argc, char **argv);
void	trace_json_event(struct conn *, const struct tp_event *);
/* the line sink: "probe" and "verdict" objects */
void	trace_json_line(enum ev_kind, const char *cls, const char *text);
void	trace_json_fail(struct conn *, const char *cls, int exit_code,
	    const char *text, const char *verdict);
/* -targets: every object of this process gets "target" */
void	trace_json_target(const char *);
/* -targets: the final "batch" object with the counts by class */
void	trace_json_batch(size_t targets, size_t passed, size_t failed,
	    const char *const *cls, const size_t *count, size_t ncls);
/*
 * For the other printers of this layer (scanprint.c, -scan): start an
 * object that already holds "type", "time" (and "target"), add members
 * with the jb_* calls of json.h, then close and write it with
 * trace_json_end (last: it ends the stream, like "summary" or "fail").
 */
struct jbuf *trace_json_begin(const char *type);
void	trace_json_end(int last);
/* A terminal object ("summary" or "fail") has been written. */
int	trace_json_done(void);

#endif
