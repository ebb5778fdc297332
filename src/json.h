/*
 * json.h -- build one JSON object (one line of JSON Lines) in memory.
 * Strings of arbitrary bytes come out as valid UTF-8 JSON: valid UTF-8
 * passes through, every byte that is not part of a valid sequence becomes
 * U+FFFD, control characters are \u escapes.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAXDEPTH	8

struct jbuf {
	char	*p;
	size_t	 len, cap;
	int	 oom;
	int	 depth;
	int	 first[JSON_MAXDEPTH];	/* nothing written yet at this level */
};

void	jb_init(struct jbuf *);
void	jb_free(struct jbuf *);
void	jb_reset(struct jbuf *);
/* "{" ... "}"; jb_end of the outermost object adds the newline */
void	jb_obj(struct jbuf *, const char *key);	/* key NULL: array element */
void	jb_arr(struct jbuf *, const char *key);
void	jb_end(struct jbuf *);
void	jb_end_arr(struct jbuf *);
/* members; key NULL inside an array */
void	jb_str(struct jbuf *, const char *key, const char *s);	/* NULL: null */
void	jb_bytes(struct jbuf *, const char *key, const uint8_t *, size_t);
void	jb_int(struct jbuf *, const char *key, long long);
void	jb_num(struct jbuf *, const char *key, double);	/* 6 decimals */
void	jb_bool(struct jbuf *, const char *key, int);
void	jb_null(struct jbuf *, const char *key);
void	jb_hex(struct jbuf *, const char *key, const uint8_t *, size_t);

/* Append the escaped, quoted string (for tests). */
void	jb_string(struct jbuf *, const uint8_t *, size_t);

#endif
