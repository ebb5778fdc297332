/*
 * seclevel.c -- OpenSSL's security levels, as libssl applies them
 * (ssl/t1_lib.c, ssl_security_default_callback): level n asks for the
 * security bits in the table below of every key, group and digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include "names.h"
#include "seclevel.h"

/* Debian builds libssl with -DOPENSSL_TLS_SECURITY_LEVEL=2 */
#define BUILT_IN_LEVEL	2
/* an openssl.cnf larger than this is not read (the built-in level holds) */
#define CONF_MAX	(64 * 1024)

static const int level_bits[] = { 0, 80, 112, 128, 192, 256 };
static const int level_ff[] = { 0, 1024, 2048, 3072, 7680, 15360 };

int
seclevel_bits(int level)
{
	if (level < 0)
		level = 0;
	if (level > 5)
		level = 5;
	return level_bits[level];
}

int
seclevel_min_ff_bits(int level)
{
	if (level < 0)
		level = 0;
	if (level > 5)
		level = 5;
	return level_ff[level];
}

int
seclevel_ff_security(int n)
{
	/* BN_security_bits() for a modulus without a known subgroup */
	if (n >= 15360)
		return 256;
	if (n >= 7680)
		return 192;
	if (n >= 3072)
		return 128;
	if (n >= 2048)
		return 112;
	if (n >= 1024)
		return 80;
	return 0;
}

/* @SECLEVEL=n in a cipher string, or -1. */
static int
level_in(const char *cs)
{
	const char *p;

	if (cs == NULL || (p = strstr(cs, "@SECLEVEL=")) == NULL)
		return -1;
	p += strlen("@SECLEVEL=");
	if (*p < '0' || *p > '9')
		return -1;
	return *p - '0' > 5 ? 5 : *p - '0';
}

int
seclevel_default(void)
{
	static int level = -1;
	const char *file, *sect;
	static char buf[CONF_MAX + 1];
	char path[4096];
	CONF *conf = NULL;
	BIO *bio = NULL;
	FILE *f;
	size_t n;
	long eline;

	if (level >= 0)
		return level;
	level = BUILT_IN_LEVEL;
	if ((file = getenv("OPENSSL_CONF")) == NULL) {
		snprintf(path, sizeof(path), "%s/openssl.cnf",
		    OPENSSL_info(OPENSSL_INFO_CONFIG_DIR));
		file = path;
	}
	/*
	 * Parsing openssl.cnf with NCONF costs a third of a millisecond;
	 * reading it and looking for "ssl_conf" costs a few microseconds,
	 * and Debian's file has none: parse only when there is one.
	 */
	if ((f = fopen(file, "r")) == NULL)
		return level;
	n = fread(buf, 1, CONF_MAX, f);
	fclose(f);
	buf[n] = '\0';
	if (n == 0 || n == CONF_MAX || strstr(buf, "ssl_conf") == NULL)
		goto out;
	if ((bio = BIO_new_mem_buf(buf, (int)n)) == NULL ||
	    (conf = NCONF_new(NULL)) == NULL)
		goto out;
	if (NCONF_load_bio(conf, bio, &eline) == 1 &&
	    (sect = NCONF_get_string(conf, NULL, "openssl_conf")) != NULL &&
	    (sect = NCONF_get_string(conf, sect, "ssl_conf")) != NULL &&
	    (sect = NCONF_get_string(conf, sect, "system_default")) != NULL) {
		int l = level_in(NCONF_get_string(conf, sect, "CipherString"));

		if (l >= 0)
			level = l;
	}
 out:
	NCONF_free(conf);
	BIO_free(bio);
	ERR_clear_error();
	return level;
}

/* OpenSSL's strength_bits of a bulk cipher (ssl/s3_lib.c). */
static int
bulk_bits(enum tp_bulk b)
{
	switch (b) {
	case BULK_AES128_GCM: case BULK_AES128_CCM: case BULK_AES128_CCM8:
	case BULK_AES128_CBC: case BULK_RC4_128: case BULK_IDEA_CBC:
	case BULK_SEED_CBC: case BULK_CAMELLIA128_CBC:
	case BULK_CAMELLIA128_GCM: case BULK_ARIA128_CBC:
	case BULK_ARIA128_GCM:
		return 128;
	case BULK_AES256_GCM: case BULK_AES256_CCM: case BULK_AES256_CCM8:
	case BULK_AES256_CBC: case BULK_CHACHA20_POLY1305:
	case BULK_CAMELLIA256_CBC: case BULK_CAMELLIA256_GCM:
	case BULK_ARIA256_CBC: case BULK_ARIA256_GCM:
		return 256;
	case BULK_3DES_CBC:
		return 112;
	case BULK_DES_CBC:
		return 56;
	case BULK_RC4_40: case BULK_RC2_CBC_40: case BULK_DES40_CBC:
		return 40;
	case BULK_NULL:
		return 0;
	default:
		return 128;
	}
}

int
seclevel_refuses_suite(int level, uint16_t version, const struct tp_suite *s,
    char *buf, size_t len)
{
	int need = seclevel_bits(level);

	if (level <= 0 || s == NULL)
		return 0;
	if (version < 0x0303) {
		snprintf(buf, len, "%s (its handshake signs with SHA-1 and "
		    "MD5, below %d bits)", version == 0x0300 ? "SSL 3.0" :
		    version == 0x0301 ? "TLS 1.0" : "TLS 1.1", need);
		return 1;
	}
	if (bulk_bits(s->bulk) < need) {
		snprintf(buf, len, "%s (a %d-bit cipher, below %d bits)",
		    s->ossl != NULL ? s->ossl : s->iana, bulk_bits(s->bulk),
		    need);
		return 1;
	}
	if (s->auth == AUTH_NULL) {
		snprintf(buf, len, "%s (no server authentication)",
		    s->ossl != NULL ? s->ossl : s->iana);
		return 1;
	}
	if (level >= 2 && s->bulk == BULK_RC4_128) {
		snprintf(buf, len, "%s (RC4, refused from level 2)",
		    s->ossl != NULL ? s->ossl : s->iana);
		return 1;
	}
	if (level >= 3 && (s->kex == KEX_RSA || s->kex == KEX_PSK ||
	    s->kex == KEX_RSA_PSK || s->kex == KEX_DH_STATIC ||
	    s->kex == KEX_ECDH_STATIC)) {
		snprintf(buf, len, "%s (no forward secrecy, refused from "
		    "level 3)", s->ossl != NULL ? s->ossl : s->iana);
		return 1;
	}
	if ((s->mac == HASH_MD5 && level >= 1) ||
	    (s->mac == HASH_SHA1 && level >= 4)) {
		snprintf(buf, len, "%s (an HMAC-%s MAC, refused from level "
		    "%d)", s->ossl != NULL ? s->ossl : s->iana,
		    s->mac == HASH_MD5 ? "MD5" : "SHA1",
		    s->mac == HASH_MD5 ? 1 : 4);
		return 1;
	}
	return 0;
}

/* Security bits of a named group (OpenSSL's group table, ssl/t1_lib.c). */
static int
group_bits(const struct tp_group *g)
{
	static const struct {
		uint16_t code;
		int	 bits;
	} t[] = {
		{ 0x0017, 128 }, { 0x0018, 192 }, { 0x0019, 256 },
		{ 0x001d, 128 }, { 0x001e, 224 },
		{ 0x0100, 112 }, { 0x0101, 128 }, { 0x0102, 128 },
		{ 0x0103, 128 }, { 0x0104, 192 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].code == g->code)
			return t[i].bits;
	return 128;
}

int
seclevel_refuses_group(int level, const struct tp_group *g, char *buf,
    size_t len)
{
	int need = seclevel_bits(level);

	if (level <= 0 || g == NULL || group_bits(g) >= need)
		return 0;
	snprintf(buf, len, "group %s (%d security bits, below %d)", g->name,
	    group_bits(g), need);
	return 1;
}
