/*
 * json.c -- a small JSON writer for -json (JSON Lines).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void
jb_init(struct jbuf *j)
{
	memset(j, 0, sizeof(*j));
}

void
jb_free(struct jbuf *j)
{
	free(j->p);
	memset(j, 0, sizeof(*j));
}

void
jb_reset(struct jbuf *j)
{
	j->len = 0;
	j->oom = 0;
	j->depth = 0;
}

static void
put(struct jbuf *j, const char *s, size_t n)
{
	char *np;
	size_t ncap;

	if (j->oom)
		return;
	if (j->len + n + 1 > j->cap) {
		ncap = j->cap ? j->cap : 256;
		while (ncap < j->len + n + 1)
			ncap *= 2;
		if ((np = realloc(j->p, ncap)) == NULL) {
			j->oom = 1;
			return;
		}
		j->p = np;
		j->cap = ncap;
	}
	memcpy(j->p + j->len, s, n);
	j->len += n;
	j->p[j->len] = '\0';
}

static void
puts_(struct jbuf *j, const char *s)
{
	put(j, s, strlen(s));
}

/* Length of the valid UTF-8 sequence at p (RFC 3629, 4), or 0. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	uint8_t b = p[0];
	size_t need, i;
	uint32_t cp;

	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		need = 2, cp = b & 0x1f;
	else if (b >= 0xe0 && b <= 0xef)
		need = 3, cp = b & 0x0f;
	else if (b >= 0xf0 && b <= 0xf4)
		need = 4, cp = b & 0x07;
	else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

void
jb_string(struct jbuf *j, const uint8_t *s, size_t n)
{
	char esc[8];
	size_t i = 0, k;

	put(j, "\"", 1);
	while (i < n) {
		uint8_t b = s[i];

		if (b == '"' || b == '\\') {
			esc[0] = '\\';
			esc[1] = (char)b;
			put(j, esc, 2);
			i++;
		} else if (b == '\n') {
			put(j, "\\n", 2);
			i++;
		} else if (b == '\r') {
			put(j, "\\r", 2);
			i++;
		} else if (b == '\t') {
			put(j, "\\t", 2);
			i++;
		} else if (b < 0x20 || b == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", b);
			put(j, esc, 6);
			i++;
		} else if ((k = utf8_len(s + i, n - i)) == 0) {
			put(j, "\\ufffd", 6);
			i++;
		} else {
			put(j, (const char *)s + i, k);
			i += k;
		}
	}
	put(j, "\"", 1);
}

/* The separator and key of the next member. */
static void
member(struct jbuf *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth - 1])
			put(j, ",", 1);
		j->first[j->depth - 1] = 0;
	}
	if (key != NULL) {
		jb_string(j, (const uint8_t *)key, strlen(key));
		put(j, ":", 1);
	}
}

static void
open_(struct jbuf *j, const char *key, const char *br)
{
	member(j, key);
	puts_(j, br);
	if (j->depth < JSON_MAXDEPTH)
		j->first[j->depth] = 1;
	j->depth++;
}

void
jb_obj(struct jbuf *j, const char *key)
{
	open_(j, key, "{");
}

void
jb_arr(struct jbuf *j, const char *key)
{
	open_(j, key, "[");
}

void
jb_end(struct jbuf *j)
{
	if (j->depth > 0)
		j->depth--;
	put(j, j->depth == 0 ? "}\n" : "}", j->depth == 0 ? 2 : 1);
}

void
jb_end_arr(struct jbuf *j)
{
	if (j->depth > 0)
		j->depth--;
	put(j, "]", 1);
}

void
jb_str(struct jbuf *j, const char *key, const char *s)
{
	if (s == NULL) {
		jb_null(j, key);
		return;
	}
	member(j, key);
	jb_string(j, (const uint8_t *)s, strlen(s));
}

void
jb_bytes(struct jbuf *j, const char *key, const uint8_t *s, size_t n)
{
	member(j, key);
	jb_string(j, s, n);
}

void
jb_int(struct jbuf *j, const char *key, long long v)
{
	char b[32];

	member(j, key);
	snprintf(b, sizeof(b), "%lld", v);
	puts_(j, b);
}

void
jb_num(struct jbuf *j, const char *key, double v)
{
	char b[64];

	member(j, key);
	if (!(v == v) || v > 1e300 || v < -1e300)
		puts_(j, "null");
	else {
		snprintf(b, sizeof(b), "%.6f", v);
		puts_(j, b);
	}
}

void
jb_bool(struct jbuf *j, const char *key, int v)
{
	member(j, key);
	puts_(j, v ? "true" : "false");
}

void
jb_null(struct jbuf *j, const char *key)
{
	member(j, key);
	puts_(j, "null");
}

void
jb_hex(struct jbuf *j, const char *key, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char b[2];
	size_t i;

	member(j, key);
	put(j, "\"", 1);
	for (i = 0; i < n; i++) {
		b[0] = hx[p[i] >> 4];
		b[1] = hx[p[i] & 15];
		put(j, b, 2);
	}
	put(j, "\"", 1);
}
