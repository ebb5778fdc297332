/*
 * cipherstr.h -- OpenSSL's cipher-string language (ciphers(1ssl)) over
 * tlsprobe's suite table: "ECDHE+AESGCM:!aNULL:@STRENGTH", "DEFAULT",
 * "ALL:@SECLEVEL=0", suite names.  Table layer: no I/O.
 */
#ifndef CIPHERSTR_H
#define CIPHERSTR_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

/* room for every TLS 1.2-and-older row of tp_suites */
#define TP_NSUITES_MAX	512

struct cs_list {
	uint16_t	*codes;		/* caller's array, in preference order */
	uint8_t		*named;		/* per entry: selected by its name */
	size_t		 max;
	size_t		 n;
	int		 seclevel;	/* @SECLEVEL=n, or -1 when not given */
	char		 unknown[64];	/* the first word that named nothing */
};

/*
 * Expand a -cipher string as `openssl ciphers -v STRING` does on Debian 12
 * (OpenSSL 3.0), TLS 1.2 and older suites only.  Beyond OpenSSL: IANA
 * names (TLS_RSA_WITH_AES_128_CBC_SHA) are suite names too, and suites
 * this OpenSSL build leaves out (RC4, 3DES, DES, IDEA, SEED, export ...)
 * are selected by their names and by the keywords that name them (RC4,
 * 3DES, DES, IDEA, SEED, RC2, EXP, MEDIUM, LOW), never by ALL, HIGH,
 * kRSA ...  Returns 0; -1 with the reason in err for a malformed command;
 * -2 for a string that selects no suite (seclevel is still set).
 */
int	cipherstr_expand(const char *, struct cs_list *, char *err, size_t);

/*
 * A -ciphersuites list: TLS 1.3 suite names separated by ':' (OpenSSL's
 * form; ',' and ' ' too).  Returns 0, or -1 with the reason in err.
 */
int	cipherstr_tls13(const char *, uint16_t *, size_t max, size_t *n,
	    char *err, size_t);

/* "SSLv3", "TLSv1", "TLSv1.2", "TLSv1.3": the column `openssl ciphers -v` shows */
const char *cipherstr_min_version(const struct tp_suite *);

#endif
