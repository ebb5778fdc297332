/*
 * test_json.c -- the JSON writer of -json: escaping of every byte value,
 * UTF-8 validation (overlong, surrogate, truncated, beyond U+10FFFF become
 * U+FFFD), nesting and separators.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "unit.h"

static int
str_is(const char *in, size_t n, const char *want)
{
	struct jbuf j;
	int ok;

	jb_init(&j);
	jb_string(&j, (const uint8_t *)in, n);
	ok = !j.oom && strcmp(j.p, want) == 0;
	if (!ok)
		printf("    | got %s want %s\n", j.p, want);
	jb_free(&j);
	return ok;
}

/* Is s well-formed UTF-8 with no byte below 0x20 and no raw 0x7f? */
static int
clean_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0 && *p >= 0xc2 && (p[1] & 0xc0) == 0x80)
			p += 2;
		else if ((*p & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
		    (p[2] & 0xc0) == 0x80)
			p += 3;
		else if (*p >= 0xf0 && *p <= 0xf4 && (p[1] & 0xc0) == 0x80 &&
		    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80)
			p += 4;
		else
			return 0;
	}
	return 1;
}

int
main(void)
{
	struct jbuf j;
	uint8_t rnd[64];
	size_t i, k;
	int ok = 1;

	CHECK(str_is("a\"b\\c", 5, "\"a\\\"b\\\\c\""),
	    "json: quote and backslash escaped");
	CHECK(str_is("\n\r\t\x01\x1f\x7f", 6,
	    "\"\\n\\r\\t\\u0001\\u001f\\u007f\""),
	    "json: control characters as \\n \\r \\t \\u00XX");
	CHECK(str_is("a\0b", 3, "\"a\\u0000b\""), "json: NUL inside a string");
	CHECK(str_is("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
	    "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""),
	    "json: valid 2, 3 and 4 byte UTF-8 passes through");
	CHECK(str_is("\xc0\xaf", 2, "\"\\ufffd\\ufffd\""),
	    "json: overlong encoding becomes U+FFFD");
	CHECK(str_is("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""),
	    "json: UTF-8 surrogate becomes U+FFFD");
	CHECK(str_is("\xf4\x90\x80\x80", 4,
	    "\"\\ufffd\\ufffd\\ufffd\\ufffd\""),
	    "json: beyond U+10FFFF becomes U+FFFD");
	CHECK(str_is("x\xe2\x82", 3, "\"x\\ufffd\\ufffd\""),
	    "json: truncated sequence at the end becomes U+FFFD");
	CHECK(str_is("\xff\xfe", 2, "\"\\ufffd\\ufffd\""),
	    "json: 0xff 0xfe become U+FFFD");

	jb_init(&j);
	jb_obj(&j, NULL);
	jb_str(&j, "type", "x");
	jb_num(&j, "time", 1.5);
	jb_null(&j, "n");
	jb_arr(&j, "a");
	jb_int(&j, NULL, 1);
	jb_str(&j, NULL, NULL);
	jb_obj(&j, NULL);
	jb_bool(&j, "t", 1);
	jb_end(&j);
	jb_end_arr(&j);
	jb_hex(&j, "h", (const uint8_t *)"\x01\xab", 2);
	jb_end(&j);
	CHECK(strcmp(j.p, "{\"type\":\"x\",\"time\":1.500000,\"n\":null,"
	    "\"a\":[1,null,{\"t\":true}],\"h\":\"01ab\"}\n") == 0,
	    "json: object, nested array and object, separators, newline");
	jb_free(&j);

	/* every random string: well-formed UTF-8, no raw control byte */
	srand(14);
	for (i = 0; i < 20000 && ok; i++) {
		for (k = 0; k < sizeof(rnd); k++)
			rnd[k] = (uint8_t)rand();
		jb_init(&j);
		jb_string(&j, rnd, (size_t)(rand() % (int)sizeof(rnd)));
		ok = !j.oom && clean_utf8(j.p) && j.p[0] == '"' &&
		    j.p[j.len - 1] == '"';
		jb_free(&j);
	}
	CHECK(ok, "json: 20000 random byte strings come out as clean UTF-8");
	UNIT_EXIT();
}
