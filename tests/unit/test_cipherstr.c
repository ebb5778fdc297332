/*
 * test_cipherstr.c -- the cipher-string module's corners that the
 * comparison with `openssl ciphers -v` (tests/integration/cipherstr.sh)
 * does not reach: security levels against `openssl ciphers -s -psk`,
 * @SECLEVEL, legacy keywords, -ciphersuites, and the OpenSSL spellings of
 * signature schemes and groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cipherstr.h"
#include "seclevel.h"
#include "names.h"
#include "unit.h"

static uint16_t codes[TP_NSUITES_MAX];
static uint8_t named[TP_NSUITES_MAX];

static int
expand(const char *str, struct cs_list *l, char *err, size_t errlen)
{
	l->codes = codes;
	l->named = named;
	l->max = TP_NSUITES_MAX;
	return cipherstr_expand(str, l, err, errlen);
}

static int
listed(const struct cs_list *l, uint16_t code)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->codes[i] == code)
			return 1;
	return 0;
}

/* What the security level keeps, asked as the handshake asks it. */
static int
suite_ok(const struct tp_suite *s, int level)
{
	char why[160];

	return !seclevel_refuses_suite(level, s->kex == KEX_TLS13 ?
	    TLS1_3_VERSION : TLS1_2_VERSION, s, why, sizeof(why));
}

/*
 * Level n: the suites `openssl ciphers -s -psk` keeps (SRP needs -srp, so
 * SRP is left out of the comparison) are exactly those
 * seclevel_refuses_suite() keeps: one rule for the handshake and this
 * comparison.
 */
static void
test_seclevel(int level)
{
	char cmd[256], line[512], name[128], err[256], tname[128];
	const struct tp_suite *s;
	struct cs_list l;
	int want[TP_NSUITES_MAX], bad = 0, nwant = 0;
	size_t i, j;
	FILE *p;

	memset(&l, 0, sizeof(l));
	if (expand("ALL:COMPLEMENTOFALL", &l, err, sizeof(err)) != 0) {
		CHECK(0, "seclevel: expand ALL:COMPLEMENTOFALL");
		return;
	}
	memset(want, 0, sizeof(want));
	snprintf(cmd, sizeof(cmd), "openssl ciphers -s -psk -v "
	    "'ALL:COMPLEMENTOFALL:@SECLEVEL=%d' 2>/dev/null", level);
	if ((p = popen(cmd, "r")) == NULL) {
		printf("SKIP: seclevel %d (no openssl)\n", level);
		return;
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		if (sscanf(line, "%127s", name) != 1 ||
		    (s = suite_by_name(name)) == NULL || s->kex == KEX_TLS13)
			continue;
		for (j = 0; j < l.n; j++)
			if (l.codes[j] == s->code)
				want[j] = 1;
		nwant++;
	}
	pclose(p);
	for (i = 0; i < l.n; i++) {
		s = suite_by_code(l.codes[i]);
		if (s->kex == KEX_SRP)
			continue;
		if (suite_ok(s, level) != want[i]) {
			if (bad++ == 0)
				printf("    | level %d: %s: openssl %s\n", level,
				    s->ossl, want[i] ? "keeps" : "drops");
		}
	}
	snprintf(tname, sizeof(tname), "seclevel %d: the suites openssl "
	    "ciphers -s -psk keeps (%d)", level, nwant);
	CHECK(bad == 0 && nwant > 0, tname);
	/* TLS 1.3: AES-128 below 192 bits at level 4 and 5 */
	s = suite_by_code(0x1301);
	snprintf(tname, sizeof(tname), "seclevel %d: TLS_AES_128_GCM_SHA256",
	    level);
	CHECK(suite_ok(s, level) == (level < 4), tname);
}

int
main(void)
{
	struct cs_list l;
	uint16_t c13[16];
	size_t n13;
	char err[256];
	int level;

	for (level = 1; level <= 5; level++)
		test_seclevel(level);

	/* Suite B: the mode, its suites, the rest of the string ignored */
	memset(&l, 0, sizeof(l));
	CHECK(expand("SUITEB128:RC4", &l, err, sizeof(err)) == 0 &&
	    l.suiteb == CS_SUITEB_128 && l.n == 2 && l.codes[0] == 0xc02b &&
	    l.codes[1] == 0xc02c, "SUITEB128: its two suites, RC4 ignored");
	CHECK(expand("SUITEB128ONLY", &l, err, sizeof(err)) == 0 &&
	    l.suiteb == CS_SUITEB_128ONLY && l.n == 1 && l.codes[0] == 0xc02b,
	    "SUITEB128ONLY: the AES-128 suite");
	CHECK(expand("SUITEB128C2", &l, err, sizeof(err)) == 0 &&
	    l.suiteb == CS_SUITEB_128C2 && l.n == 1 && l.codes[0] == 0xc02c,
	    "SUITEB128C2: the AES-256 suite");
	CHECK(expand("SUITEB192", &l, err, sizeof(err)) == 0 &&
	    l.suiteb == CS_SUITEB_192 && l.n == 1 && l.codes[0] == 0xc02c,
	    "SUITEB192: the AES-256 suite");
	CHECK(expand("ALL:SUITEB128", &l, err, sizeof(err)) == 0 &&
	    l.suiteb == CS_SUITEB_NONE && l.n > 2,
	    "SUITEB128 later in the string is no mode (a word naming nothing)");
	CHECK(suite_ok(suite_by_name("ADH-AES128-SHA"), 0),
	    "seclevel 0 keeps anonymous suites");

	memset(&l, 0, sizeof(l));
	CHECK(expand("DEFAULT:@SECLEVEL=3", &l, err, sizeof(err)) == 0 &&
	    l.seclevel == 3, "@SECLEVEL=3 is recorded");
	CHECK(expand("DEFAULT", &l, err, sizeof(err)) == 0 &&
	    l.seclevel == -1, "no @SECLEVEL: -1");
	CHECK(expand("@SECLEVEL=1", &l, err, sizeof(err)) == -2 &&
	    l.seclevel == 1 && l.n == 0,
	    "@SECLEVEL=1 alone selects nothing but records the level");
	CHECK(expand("ALL:@SECLEVEL=9", &l, err, sizeof(err)) == -1 &&
	    strstr(err, "SECLEVEL=9") != NULL, "@SECLEVEL=9 is refused");
	CHECK(expand("ALL:@BOGUS", &l, err, sizeof(err)) == -1,
	    "@BOGUS is refused");

	/* legacy suites: only by their keyword or name */
	CHECK(expand("ALL", &l, err, sizeof(err)) == 0 &&
	    !listed(&l, 0x0005) && !listed(&l, 0x000a),
	    "ALL leaves out RC4 and 3DES, as this OpenSSL does");
	CHECK(expand("RC4", &l, err, sizeof(err)) == 0 &&
	    listed(&l, 0x0005) && listed(&l, 0x0004) && !listed(&l, 0x002f),
	    "RC4 selects RC4-SHA and RC4-MD5 only");
	CHECK(expand("RC4:!MD5", &l, err, sizeof(err)) == 0 &&
	    listed(&l, 0x0005) && !listed(&l, 0x0004),
	    "RC4:!MD5 kills RC4-MD5");
	CHECK(expand("kRSA+3DES", &l, err, sizeof(err)) == 0 && l.n == 1 &&
	    l.codes[0] == 0x000a, "kRSA+3DES is DES-CBC3-SHA");
	CHECK(expand("EDH-RSA-DES-CBC3-SHA", &l, err, sizeof(err)) == 0 &&
	    l.n == 1 && l.codes[0] == 0x0016 && l.named[0],
	    "EDH- spelling of DHE-RSA-DES-CBC3-SHA, marked as named");
	CHECK(expand("TLS_RSA_WITH_SEED_CBC_SHA", &l, err, sizeof(err)) == 0
	    && l.n == 1 && l.codes[0] == 0x0096, "IANA name of SEED-SHA");
	CHECK(expand("MEDIUM", &l, err, sizeof(err)) == 0 &&
	    listed(&l, 0x000a) && listed(&l, 0x0007) && !listed(&l, 0x0009),
	    "MEDIUM: 3DES and IDEA, not DES");
	CHECK(expand("TLS_AES_128_GCM_SHA256", &l, err, sizeof(err)) == -1 &&
	    strstr(err, "-ciphersuites") != NULL,
	    "a TLS 1.3 name in -cipher points to -ciphersuites");
	CHECK(expand("kRSA+aECDSA", &l, err, sizeof(err)) == -2 &&
	    strstr(err, "selects no") != NULL, "an empty result is an error");
	CHECK(expand("FOO:AES128-SHA", &l, err, sizeof(err)) == 0 &&
	    l.n == 1 && strcmp(l.unknown, "FOO") == 0,
	    "an unknown word is ignored and reported");

	CHECK(cipherstr_tls13("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256",
	    c13, 16, &n13, err, sizeof(err)) == 0 && n13 == 2 &&
	    c13[0] == 0x1303 && c13[1] == 0x1301, "-ciphersuites keeps order");
	CHECK(cipherstr_tls13("AES128-SHA", c13, 16, &n13, err,
	    sizeof(err)) == -1, "-ciphersuites refuses a TLS 1.2 suite");

	/* OpenSSL's spellings */
	CHECK(sigscheme_by_name("RSA-PSS+SHA256") != NULL &&
	    sigscheme_by_name("RSA-PSS+SHA256")->code == 0x0804,
	    "RSA-PSS+SHA256 is rsa_pss_rsae_sha256");
	CHECK(sigscheme_by_name("PSS+SHA384")->code == 0x0805,
	    "PSS+SHA384 is rsa_pss_rsae_sha384");
	CHECK(sigscheme_by_name("RSA+SHA256")->code == 0x0401,
	    "RSA+SHA256 is rsa_pkcs1_sha256");
	CHECK(sigscheme_by_name("ECDSA+SHA384")->code == 0x0503,
	    "ECDSA+SHA384 is ecdsa_secp384r1_sha384");
	CHECK(sigscheme_by_name("ECDSA+SHA1")->code == 0x0203,
	    "ECDSA+SHA1 is ecdsa_sha1");
	CHECK(sigscheme_by_name("RSA+MD5") == NULL, "RSA+MD5 is unknown");
	CHECK(group_by_name("prime256v1")->code == 0x0017 &&
	    group_by_name("secp384r1")->code == 0x0018 &&
	    group_by_name("secp521r1")->code == 0x0019 &&
	    group_by_name("x25519")->code == 0x001d,
	    "OpenSSL's group names");

	/* the registry table */
	CHECK(suite_name(0xc0b4) != NULL &&
	    strcmp(suite_name(0xc0b4), "TLS_SHA256_SHA256") == 0,
	    "0xc0b4 is named");
	CHECK(suite_name(0x1306) != NULL, "0x1306 (AEGIS) is named");
	CHECK(suite_name(0x0047) == NULL, "0x0047 (reserved) is unnamed");
	{
		char b[16];

		CHECK(strcmp(suite_str(0x0047, b, sizeof(b)), "0x0047") == 0,
		    "an unknown code prints as hex");
	}
	CHECK(tp_nsuites > 340, "the table holds the IANA registry");
	CHECK(suite_gap(suite_by_code(0xc02f)) == NULL,
	    "ECDHE-RSA-AES128-GCM-SHA256 can be completed");
	CHECK(suite_gap(suite_by_name("SRP-AES-128-CBC-SHA")) != NULL,
	    "SRP cannot");
	/* the pre-standard ChaCha20 codes are named (for -scan), not completed */
	CHECK(suite_by_code(0xcc13) != NULL && strcmp(suite_by_code(0xcc13)->iana,
	    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD") == 0 &&
	    suite_gap(suite_by_code(0xcc13)) != NULL &&
	    suite_by_code(0xcc14) != NULL && suite_by_code(0xcc15) != NULL,
	    "draft ChaCha20 0xcc13-0xcc15 named, not completable");
	UNIT_EXIT();
}
