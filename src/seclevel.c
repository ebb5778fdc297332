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
