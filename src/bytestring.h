/*
 * bytestring.h -- the one bounds-checked reader and the one writer.
 *
 * Every byte from the peer is read through struct cbs.  A getter either
 * consumes what it asks for and returns 1, or consumes nothing and returns 0;
 * no getter can move past the end.  Length-prefixed vectors are read into a
 * child cbs, so nested structures are bounded by their own length and
 * cbs_len(&child) == 0 afterwards proves exact consumption.
 *
 * struct cbb is the growable writer.  Errors are sticky: after a failed
 * append every further call is a no-op and cbb_finish() reports the failure,
 * so builders can append a whole message and check once.
 */
#ifndef BYTESTRING_H
#define BYTESTRING_H

#include <stddef.h>
#include <stdint.h>

struct cbs {
	const uint8_t	*data;
	size_t		 len;
};

void	cbs_init(struct cbs *, const uint8_t *, size_t);
size_t	cbs_len(const struct cbs *);
const uint8_t *cbs_data(const struct cbs *);
int	cbs_skip(struct cbs *, size_t);
int	cbs_get_u8(struct cbs *, uint8_t *);
int	cbs_get_u16(struct cbs *, uint16_t *);
int	cbs_get_u24(struct cbs *, uint32_t *);
int	cbs_get_u32(struct cbs *, uint32_t *);
int	cbs_get_u64(struct cbs *, uint64_t *);
/* Take the next n bytes as a child reader. */
int	cbs_get_bytes(struct cbs *, struct cbs *, size_t);
/* Copy the next n bytes out. */
int	cbs_copy(struct cbs *, uint8_t *, size_t);
/* Length-prefixed vectors (1, 2 or 3 length bytes) into a child reader. */
int	cbs_get_vec8(struct cbs *, struct cbs *);
int	cbs_get_vec16(struct cbs *, struct cbs *);
int	cbs_get_vec24(struct cbs *, struct cbs *);
/* Peek without consuming. */
int	cbs_peek_u8(const struct cbs *, uint8_t *);
int	cbs_mem_equal(const struct cbs *, const uint8_t *, size_t);

#define CBB_MAX_DEPTH	8

struct cbb {
	uint8_t		*buf;
	size_t		 len;
	size_t		 cap;
	size_t		 limit;		/* hard cap on len */
	int		 err;
	int		 depth;
	size_t		 open_pos[CBB_MAX_DEPTH];	/* where the length goes */
	uint8_t		 open_width[CBB_MAX_DEPTH];	/* 1, 2 or 3 bytes */
};

/* limit 0 means 1 MiB. */
void	cbb_init(struct cbb *, size_t limit);
void	cbb_reset(struct cbb *);	/* len = 0, keep buffer, clear err */
void	cbb_cleanup(struct cbb *);	/* wipe and free */
int	cbb_add_u8(struct cbb *, uint8_t);
int	cbb_add_u16(struct cbb *, uint16_t);
int	cbb_add_u24(struct cbb *, uint32_t);
int	cbb_add_u32(struct cbb *, uint32_t);
int	cbb_add_u64(struct cbb *, uint64_t);
int	cbb_add_bytes(struct cbb *, const void *, size_t);
/* Reserve n bytes at the end and return a pointer to them (NULL on error). */
uint8_t *cbb_space(struct cbb *, size_t);
/* Open a vector with a 1/2/3-byte length; close back-patches the length. */
int	cbb_open(struct cbb *, int width);
int	cbb_close(struct cbb *);
/* Remove the first n bytes (consumed output). */
void	cbb_consume(struct cbb *, size_t);
/* 1 if every append succeeded and every vector was closed. */
int	cbb_ok(const struct cbb *);

#endif
