/*
 * expect.c -- -expect-* assertions, checked after the handshake.  Every
 * expectation is checked; the failure names each that failed, with what
 * was negotiated and what was expected.
 */
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "expect.h"
#include "names.h"
#include "tperr.h"
#include "x509.h"

static void
add(char *buf, size_t len, const char *what, const char *got,
    const char *want)
{
	size_t o = strlen(buf);

	snprintf(buf + o, len - o, "%s%s is %s, expected %s", o ? "; " : "",
	    what, got, want);
}

int
expect_check(struct conn *c)
{
	const struct config *cfg = c->cfg;
	const struct tp_suite *s;
	const struct tp_group *g, *kg;
	const char *vn = version_ossl_name(c->version);
	char buf[1024] = "", want[64], got[64];

	if (cfg->expect_version != 0 && c->version != cfg->expect_version)
		add(buf, sizeof(buf), "protocol", vn,
		    version_ossl_name(cfg->expect_version));
	if (cfg->expect_min_version != 0 &&
	    c->version < cfg->expect_min_version) {
		snprintf(want, sizeof(want), "%s or later",
		    version_ossl_name(cfg->expect_min_version));
		add(buf, sizeof(buf), "protocol", vn, want);
	}
	if (cfg->expect_cipher != NULL) {
		s = suite_by_name(cfg->expect_cipher);
		if (s == NULL || c->suite == NULL || s->code != c->suite->code)
			add(buf, sizeof(buf), "cipher", c->suite != NULL ?
			    c->suite->iana : "none", s != NULL ? s->iana :
			    cfg->expect_cipher);
	}
	if (cfg->expect_group != NULL) {
		g = group_by_name(cfg->expect_group);
		kg = group_by_code(c->kex_group);
		if (g == NULL || c->kex_group == 0 || g->code != c->kex_group)
			add(buf, sizeof(buf), "group", kg != NULL ? kg->name :
			    c->kex_group != 0 ? "unknown" : "none",
			    g != NULL ? g->name : cfg->expect_group);
	}
	if (cfg->expect_alpn != NULL && strcmp(c->alpn, cfg->expect_alpn) != 0)
		add(buf, sizeof(buf), "ALPN", c->alpn[0] != '\0' ? c->alpn :
		    "none", cfg->expect_alpn);
	if (cfg->expect_verify >= 0 && (!c->verified ||
	    c->verify_code != cfg->expect_verify)) {
		snprintf(want, sizeof(want), "%d (%s)", cfg->expect_verify,
		    x509_verify_text(cfg->expect_verify));
		if (c->verified)
			snprintf(got, sizeof(got), "%d (%s)", c->verify_code,
			    x509_verify_text(c->verify_code));
		else
			strlcpy(got, "not checked", sizeof(got));
		add(buf, sizeof(buf), "verify code", got, want);
	}
	if (buf[0] == '\0')
		return 0;
	c->fail_class = "expect";
	return tp_fail(c, TP_E_EXPECT, "%s", buf);
}
