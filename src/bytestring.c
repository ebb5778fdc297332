/*
 * bytestring.c -- bounded reader (cbs) and growable writer (cbb).
 */
#include <stdlib.h>
#include <string.h>

#include "bytestring.h"

void
cbs_init(struct cbs *cbs, const uint8_t *data, size_t len)
{
	cbs->data = len > 0 ? data : NULL;
	cbs->len = len;
}

size_t
cbs_len(const struct cbs *cbs)
{
	return cbs->len;
}

const uint8_t *
cbs_data(const struct cbs *cbs)
{
	return cbs->data;
}

int
cbs_skip(struct cbs *cbs, size_t n)
{
	if (n > cbs->len)
		return 0;
	if (n > 0)	/* an empty reader's data may be NULL: no NULL + 0 */
		cbs->data += n;
	cbs->len -= n;
	return 1;
}

static int
get_uint(struct cbs *cbs, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n > cbs->len)
		return 0;
	for (i = 0; i < n; i++)
		v = (v << 8) | cbs->data[i];
	cbs->data += n;
	cbs->len -= n;
	*out = v;
	return 1;
}

int
cbs_get_u8(struct cbs *cbs, uint8_t *out)
{
	uint64_t v;

	if (!get_uint(cbs, 1, &v))
		return 0;
	*out = (uint8_t)v;
	return 1;
}

int
cbs_get_u16(struct cbs *cbs, uint16_t *out)
{
	uint64_t v;

	if (!get_uint(cbs, 2, &v))
		return 0;
	*out = (uint16_t)v;
	return 1;
}

int
cbs_get_u24(struct cbs *cbs, uint32_t *out)
{
	uint64_t v;

	if (!get_uint(cbs, 3, &v))
		return 0;
	*out = (uint32_t)v;
	return 1;
}

int
cbs_get_u32(struct cbs *cbs, uint32_t *out)
{
	uint64_t v;

	if (!get_uint(cbs, 4, &v))
		return 0;
	*out = (uint32_t)v;
	return 1;
}

int
cbs_get_u64(struct cbs *cbs, uint64_t *out)
{
	return get_uint(cbs, 8, out);
}

int
cbs_get_bytes(struct cbs *cbs, struct cbs *child, size_t n)
{
	if (n > cbs->len)
		return 0;
	cbs_init(child, cbs->data, n);
	if (n > 0)
		cbs->data += n;
	cbs->len -= n;
	return 1;
}

int
cbs_copy(struct cbs *cbs, uint8_t *out, size_t n)
{
	if (n > cbs->len)
		return 0;
	if (n > 0) {
		memcpy(out, cbs->data, n);
		cbs->data += n;
	}
	cbs->len -= n;
	return 1;
}

static int
get_vec(struct cbs *cbs, struct cbs *child, size_t width)
{
	struct cbs save = *cbs;
	uint64_t n;

	if (!get_uint(cbs, width, &n))
		return 0;
	if (!cbs_get_bytes(cbs, child, (size_t)n)) {
		*cbs = save;
		return 0;
	}
	return 1;
}

int
cbs_get_vec8(struct cbs *cbs, struct cbs *child)
{
	return get_vec(cbs, child, 1);
}

int
cbs_get_vec16(struct cbs *cbs, struct cbs *child)
{
	return get_vec(cbs, child, 2);
}

int
cbs_get_vec24(struct cbs *cbs, struct cbs *child)
{
	return get_vec(cbs, child, 3);
}

int
cbs_peek_u8(const struct cbs *cbs, uint8_t *out)
{
	if (cbs->len < 1)
		return 0;
	*out = cbs->data[0];
	return 1;
}

int
cbs_mem_equal(const struct cbs *cbs, const uint8_t *p, size_t n)
{
	return cbs->len == n && (n == 0 || memcmp(cbs->data, p, n) == 0);
}

/* Writer */

#define CBB_DEFAULT_LIMIT	(1024 * 1024)

void
cbb_init(struct cbb *cbb, size_t limit)
{
	memset(cbb, 0, sizeof(*cbb));
	cbb->limit = limit != 0 ? limit : CBB_DEFAULT_LIMIT;
}

void
cbb_reset(struct cbb *cbb)
{
	cbb->len = 0;
	cbb->err = 0;
	cbb->depth = 0;
}

void
cbb_cleanup(struct cbb *cbb)
{
	if (cbb->buf != NULL)
		freezero(cbb->buf, cbb->cap);
	cbb->buf = NULL;
	cbb->len = cbb->cap = 0;
	cbb->depth = 0;
}

uint8_t *
cbb_space(struct cbb *cbb, size_t n)
{
	uint8_t *nb;
	size_t ncap;

	if (cbb->err)
		return NULL;
	if (n > cbb->limit - cbb->len) {
		cbb->err = 1;
		return NULL;
	}
	if (cbb->len + n > cbb->cap) {
		ncap = cbb->cap < 256 ? 256 : cbb->cap;
		while (ncap < cbb->len + n)
			ncap *= 2;
		if (ncap > cbb->limit)
			ncap = cbb->limit;
		/* recallocarray wipes the old copy: buffers may hold secrets */
		nb = recallocarray(cbb->buf, cbb->cap, ncap, 1);
		if (nb == NULL) {
			cbb->err = 1;
			return NULL;
		}
		cbb->buf = nb;
		cbb->cap = ncap;
	}
	nb = cbb->buf + cbb->len;
	cbb->len += n;
	return nb;
}

static int
add_uint(struct cbb *cbb, uint64_t v, size_t n)
{
	uint8_t *p;
	size_t i;

	if ((p = cbb_space(cbb, n)) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	return 1;
}

int
cbb_add_u8(struct cbb *cbb, uint8_t v)
{
	return add_uint(cbb, v, 1);
}

int
cbb_add_u16(struct cbb *cbb, uint16_t v)
{
	return add_uint(cbb, v, 2);
}

int
cbb_add_u24(struct cbb *cbb, uint32_t v)
{
	if (v > 0xffffff) {
		cbb->err = 1;
		return 0;
	}
	return add_uint(cbb, v, 3);
}

int
cbb_add_u32(struct cbb *cbb, uint32_t v)
{
	return add_uint(cbb, v, 4);
}

int
cbb_add_u64(struct cbb *cbb, uint64_t v)
{
	return add_uint(cbb, v, 8);
}

int
cbb_add_bytes(struct cbb *cbb, const void *data, size_t n)
{
	uint8_t *p;

	if (n == 0)
		return !cbb->err;
	if ((p = cbb_space(cbb, n)) == NULL)
		return 0;
	memcpy(p, data, n);
	return 1;
}

int
cbb_open(struct cbb *cbb, int width)
{
	if (cbb->err)
		return 0;
	if (cbb->depth >= CBB_MAX_DEPTH || width < 1 || width > 3) {
		cbb->err = 1;
		return 0;
	}
	cbb->open_pos[cbb->depth] = cbb->len;
	cbb->open_width[cbb->depth] = (uint8_t)width;
	if (cbb_space(cbb, (size_t)width) == NULL)
		return 0;
	cbb->depth++;
	return 1;
}

int
cbb_close(struct cbb *cbb)
{
	size_t pos, width, n, i;

	if (cbb->err)
		return 0;
	if (cbb->depth == 0) {
		cbb->err = 1;
		return 0;
	}
	cbb->depth--;
	pos = cbb->open_pos[cbb->depth];
	width = cbb->open_width[cbb->depth];
	n = cbb->len - pos - width;
	if (n >> (8 * width) != 0) {
		cbb->err = 1;
		return 0;
	}
	for (i = 0; i < width; i++)
		cbb->buf[pos + i] = (uint8_t)(n >> (8 * (width - 1 - i)));
	return 1;
}

void
cbb_consume(struct cbb *cbb, size_t n)
{
	if (n >= cbb->len) {
		cbb->len = 0;
		return;
	}
	memmove(cbb->buf, cbb->buf + n, cbb->len - n);
	cbb->len -= n;
}

int
cbb_ok(const struct cbb *cbb)
{
	return !cbb->err && cbb->depth == 0;
}
