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
	int		 suiteb;	/* CS_SUITEB_*: the string began so */
};

/*
 * Suite B (RFC 6460) as OpenSSL spells it at the start of a cipher
 * string: the string becomes its fixed suites, and the groups, signature
 * algorithms and chain checks narrow too (the caller's business).
 */
#define CS_SUITEB_NONE		0
#define CS_SUITEB_128ONLY	1	/* P-256 and SHA-256 only */
#define CS_SUITEB_128		2	/* 128-bit, P-384 allowed */
#define CS_SUITEB_128C2		3	/* as 128, AES-256 suite only */
#define CS_SUITEB_192		4	/* P-384 and SHA-384 only */

/*
 * Expand a -cipher string as `openssl ciphers -v STRING` does on Debian 12
 * (OpenSSL 3.0), TLS 1.2 and older suites only.  Beyond OpenSSL: IANA
 * names (TLS_RSA_WITH_AES_128_CBC_SHA) are suite names too, and suites
 * this OpenSSL build leaves out (RC4, 3DES, DES, IDEA, SEED, export ...)
 * are selected by their names and by the keywords that name them (RC4,
 * 3DES, DES, IDEA, SEED, RC2, EXP, MEDIUM, LOW), never by ALL, HIGH,
 * kRSA ...  A string that starts with SUITEB128ONLY, SUITEB128C2, SUITEB128
 * or SUITEB192 is that Suite B list, the rest ignored, as in OpenSSL.
 * Returns 0; -1 with the reason in err for a malformed command;
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
