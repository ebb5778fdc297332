/*
 * scanprint.h -- -scan's output: the readable table, or (with -json) a
 * provisional JSON Lines stream, one object per result.
 */
#ifndef SCANPRINT_H
#define SCANPRINT_H

#include <stdio.h>

struct scan_result;

void	scan_print_table(FILE *, const struct scan_result *);
void	scan_print_json(FILE *, const struct scan_result *);
/* the "could not scan" object of the JSON stream */
void	scan_print_json_fail(FILE *, const struct scan_result *);

#endif
