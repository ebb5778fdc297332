/*
 * scanprint.h -- -scan's output: the readable table, or (with -json) one
 * JSON Lines object per result through trace_json.c's writer, after its
 * "start" object and ending in "scan" (or "fail"): man/tlsprobe.1, JSON
 * SCHEMA.
 */
#ifndef SCANPRINT_H
#define SCANPRINT_H

#include <stdio.h>

struct scan_result;

void	scan_print_table(FILE *, const struct scan_result *);
/* every result; the closing "scan" object carries exit_code */
void	scan_print_json(const struct scan_result *, int exit_code);
/* the "could not scan" object that ends the JSON stream */
void	scan_print_json_fail(const struct scan_result *);

#endif
