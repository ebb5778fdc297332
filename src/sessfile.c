/*
 * sessfile.c -- OpenSSL's SSL_SESSION in DER, by hand, and its PEM file.
 *
 * OpenSSL 3.0's ssl/ssl_asn1.c:
 *   SSL_SESSION_ASN1 ::= SEQUENCE {
 *     version INTEGER (1), ssl_version INTEGER, cipher OCTET STRING (2),
 *     session_id OCTET STRING, master_key OCTET STRING,
 *     key_arg [0] IMPLICIT OCTET STRING OPTIONAL,
 *     time [1] INTEGER, timeout [2] INTEGER, peer [3] Certificate,
 *     session_id_context [4] OCTET STRING, verify_result [5] INTEGER,
 *     tlsext_hostname [6] OCTET STRING, psk_identity_hint [7],
 *     psk_identity [8], tlsext_tick_lifetime_hint [9] INTEGER,
 *     tlsext_tick [10] OCTET STRING, comp_id [11], srp_username [12],
 *     flags [13] INTEGER, tlsext_tick_age_add [14] INTEGER,
 *     max_early_data [15] INTEGER, alpn_selected [16] OCTET STRING,
 *     tlsext_max_fragment_len_mode [17], ticket_appdata [18],
 *     kex_group [19] INTEGER }   -- [1]..[19] EXPLICIT, all OPTIONAL
 * Only what resumption needs is written: no peer certificate.  The reader
 * parses every byte through struct cbs and skips the fields it does not
 * use.  The PEM armour is libcrypto's (PEM_read/PEM_write).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>

#include "bytestring.h"
#include "names.h"
#include "sess.h"
#include "sessfile.h"
#include "tperr.h"

#define PEM_NAME	"SSL SESSION PARAMETERS"
#define SESS_ASN1_VERSION	1
#define SESS_FLAG_EXTMS		1	/* SSL_SESS_FLAG_EXTMS */

#define DER_INTEGER	0x02
#define DER_OCTETS	0x04
#define DER_SEQUENCE	0x30
#define DER_CTX(n)	(0xa0 | (n))	/* [n] EXPLICIT, constructed */

/* --- writer ---------------------------------------------------------- */

static void
der_len(struct cbb *b, size_t len)
{
	if (len < 0x80)
		cbb_add_u8(b, (uint8_t)len);
	else if (len < 0x100) {
		cbb_add_u8(b, 0x81);
		cbb_add_u8(b, (uint8_t)len);
	} else if (len < 0x10000) {
		cbb_add_u8(b, 0x82);
		cbb_add_u16(b, (uint16_t)len);
	} else {
		cbb_add_u8(b, 0x83);
		cbb_add_u24(b, (uint32_t)len);
	}
}

static void
der_tlv(struct cbb *b, uint8_t tag, const uint8_t *p, size_t len)
{
	cbb_add_u8(b, tag);
	der_len(b, len);
	cbb_add_bytes(b, p, len);
}

/* A non-negative INTEGER, minimal two's complement. */
static void
der_uint(struct cbb *b, uint64_t v)
{
	uint8_t buf[9];
	size_t n = 0, i;

	for (i = 0; i < 8; i++)
		buf[i + 1] = (uint8_t)(v >> (56 - 8 * i));
	buf[0] = 0;
	/* drop leading zeros, keep one when the next byte has its top bit */
	while (n < 8 && buf[n] == 0 && !(buf[n + 1] & 0x80))
		n++;
	der_tlv(b, DER_INTEGER, buf + n, 9 - n);
}

/* [tag] EXPLICIT around an inner encoding built in tmp */
static void
der_explicit(struct cbb *b, int tag, struct cbb *tmp)
{
	der_tlv(b, DER_CTX(tag), tmp->buf, tmp->len);
	cbb_reset(tmp);
}

/* [tag] EXPLICIT INTEGER v, left out when v is 0 */
static void
der_opt_uint(struct cbb *b, int tag, struct cbb *tmp, uint64_t v)
{
	if (v == 0)
		return;
	der_uint(tmp, v);
	der_explicit(b, tag, tmp);
}

/* [tag] EXPLICIT OCTET STRING of a name, left out when it is empty */
static void
der_opt_text(struct cbb *b, int tag, struct cbb *tmp, const char *text)
{
	if (text[0] == '\0')
		return;
	der_tlv(tmp, DER_OCTETS, (const uint8_t *)text, strlen(text));
	der_explicit(b, tag, tmp);
}

int
sessfile_encode(const struct tp_session *s, uint8_t **der, size_t *len)
{
	struct cbb body, tmp, out;
	uint8_t cipher[2];
	int ret = TP_E_INTERNAL;

	cbb_init(&body, 256 * 1024);
	cbb_init(&tmp, 128 * 1024);
	cbb_init(&out, 256 * 1024);
	der_uint(&body, SESS_ASN1_VERSION);
	der_uint(&body, s->version);
	cipher[0] = s->suite >> 8;
	cipher[1] = s->suite & 0xff;
	der_tlv(&body, DER_OCTETS, cipher, 2);
	der_tlv(&body, DER_OCTETS, s->sid, s->sid_len);
	der_tlv(&body, DER_OCTETS, s->secret, s->secret_len);
	der_uint(&tmp, (uint64_t)s->time);
	der_explicit(&body, 1, &tmp);
	der_uint(&tmp, s->timeout);
	der_explicit(&body, 2, &tmp);
	der_tlv(&tmp, DER_OCTETS, NULL, 0);
	der_explicit(&body, 4, &tmp);
	der_uint(&tmp, (uint64_t)(s->verify_code < 0 ? 0 : s->verify_code));
	der_explicit(&body, 5, &tmp);
	der_opt_text(&body, 6, &tmp, s->host);
	der_opt_text(&body, 7, &tmp, s->psk_hint);
	der_opt_text(&body, 8, &tmp, s->psk_identity);
	der_opt_uint(&body, 9, &tmp, s->lifetime_hint);
	if (s->ticket != NULL) {
		der_tlv(&tmp, DER_OCTETS, s->ticket, s->ticket_len);
		der_explicit(&body, 10, &tmp);
	}
	der_opt_uint(&body, 13, &tmp, s->ems ? SESS_FLAG_EXTMS : 0);
	der_opt_uint(&body, 14, &tmp, s->age_add);
	der_opt_uint(&body, 15, &tmp, s->max_early_data);
	der_opt_text(&body, 16, &tmp, s->alpn);
	der_tlv(&out, DER_SEQUENCE, body.buf, body.len);
	if (cbb_ok(&body) && cbb_ok(&tmp) && cbb_ok(&out) &&
	    (*der = malloc(out.len)) != NULL) {
		memcpy(*der, out.buf, out.len);
		*len = out.len;
		ret = 0;
	}
	cbb_cleanup(&body);
	cbb_cleanup(&tmp);
	cbb_cleanup(&out);
	return ret;
}

/* --- reader ---------------------------------------------------------- */

/* One TLV: tag (low-tag-number form), DER length, contents. */
static int
der_get(struct cbs *c, uint8_t *tag, struct cbs *val)
{
	uint8_t l, b;
	size_t len = 0, n;

	if (!cbs_get_u8(c, tag) || (*tag & 0x1f) == 0x1f || !cbs_get_u8(c, &l))
		return 0;
	if (l < 0x80)
		len = l;
	else {
		n = l & 0x7f;
		if (n == 0 || n > 3)
			return 0;
		while (n-- > 0) {
			if (!cbs_get_u8(c, &b))
				return 0;
			len = len << 8 | b;
		}
		if (len < 0x80)
			return 0;	/* not DER */
	}
	return cbs_get_bytes(c, val, len);
}

static int
der_get_uint(struct cbs *c, uint64_t *v)
{
	struct cbs val;
	uint8_t tag, b;

	if (!der_get(c, &tag, &val) || tag != DER_INTEGER ||
	    cbs_len(&val) == 0 || cbs_len(&val) > 9)
		return 0;
	if (cbs_data(&val)[0] & 0x80)
		return 0;	/* negative */
	if (cbs_len(&val) == 9 && cbs_data(&val)[0] != 0)
		return 0;
	*v = 0;
	while (cbs_get_u8(&val, &b))
		*v = *v << 8 | b;
	return 1;
}

static int
der_get_octets(struct cbs *c, struct cbs *val)
{
	uint8_t tag;

	return der_get(c, &tag, val) && tag == DER_OCTETS;
}

/* A name from the file, for printing: truncated, controls as '.' */
static void
copy_text(char *dst, size_t size, const struct cbs *v)
{
	const uint8_t *p = cbs_data(v);
	size_t i, n = cbs_len(v) < size ? cbs_len(v) : size - 1;

	for (i = 0; i < n; i++)
		dst[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	dst[n] = '\0';
}

#define BAD(...) do {							\
	snprintf(why, whylen, __VA_ARGS__);				\
	goto bad;							\
} while (0)

int
sessfile_decode(const uint8_t *der, size_t len, struct tp_session **out,
    char *why, size_t whylen)
{
	struct tp_session *s;
	struct cbs all, seq, v, inner;
	uint8_t tag;
	uint64_t u;
	const struct tp_suite *su;

	*out = NULL;
	if ((s = sess_new()) == NULL) {
		snprintf(why, whylen, "out of memory");
		return TP_E_NOMEM;
	}
	s->timeout = 0;
	s->etm = -1;	/* SSL_SESSION has no encrypt-then-MAC field */
	cbs_init(&all, der, len);
	if (!der_get(&all, &tag, &seq) || tag != DER_SEQUENCE)
		BAD("not an SSL_SESSION: no outer SEQUENCE");
	if (cbs_len(&all) != 0)
		BAD("%zu bytes after the SSL_SESSION", cbs_len(&all));
	if (!der_get_uint(&seq, &u) || u != SESS_ASN1_VERSION)
		BAD("SSL_SESSION version is not 1");
	if (!der_get_uint(&seq, &u) || u < SSL3_VERSION ||
	    u > TLS1_3_VERSION)
		BAD("ssl_version is missing or not SSL 3.0 to TLS 1.3");
	s->version = (uint16_t)u;
	if (!der_get_octets(&seq, &v) || cbs_len(&v) != 2)
		BAD("cipher is not a 2-byte OCTET STRING");
	cbs_get_u16(&v, &s->suite);
	if ((su = suite_by_code(s->suite)) == NULL)
		BAD("cipher suite 0x%04x is unknown to tlsprobe", s->suite);
	if (!der_get_octets(&seq, &v) || cbs_len(&v) > 32)
		BAD("session_id is missing or longer than 32 bytes");
	s->sid_len = cbs_len(&v);
	cbs_copy(&v, s->sid, s->sid_len);
	if (!der_get_octets(&seq, &v) || cbs_len(&v) == 0 ||
	    cbs_len(&v) > TP_SESS_MAX_SECRET)
		BAD("master_key is missing, empty or longer than %d bytes",
		    TP_SESS_MAX_SECRET);
	s->secret_len = cbs_len(&v);
	cbs_copy(&v, s->secret, s->secret_len);
	if (s->version < TLS1_3_VERSION && s->secret_len != 48)
		BAD("master_key of %zu bytes, TLS 1.2 and older need 48",
		    s->secret_len);
	if (s->version >= TLS1_3_VERSION &&
	    s->secret_len != hash_len(su->prf))
		BAD("resumption PSK of %zu bytes does not fit %s",
		    s->secret_len, su->ossl);
	while (cbs_len(&seq) > 0) {
		if (!der_get(&seq, &tag, &inner))
			BAD("a field after master_key is truncated");
		if ((tag & 0xe0) == 0x80)
			continue;	/* [0] key_arg, implicit: unused */
		if ((tag & 0xe0) != 0xa0)
			BAD("unexpected tag 0x%02x after master_key", tag);
		switch (tag & 0x1f) {
		case 1:
		case 2:
		case 5:
		case 9:
		case 13:
		case 14:
		case 15:
			if (!der_get_uint(&inner, &u) || cbs_len(&inner) != 0)
				BAD("field [%d] is not one non-negative "
				    "INTEGER", tag & 0x1f);
			if ((tag & 0x1f) == 1)
				s->time = (int64_t)u;
			else if ((tag & 0x1f) == 2)
				s->timeout = (uint32_t)(u > 0xffffffffu ?
				    0xffffffffu : u);
			else if ((tag & 0x1f) == 5)
				s->verify_code = (int)(u & 0x7fffffff);
			else if ((tag & 0x1f) == 9)
				s->lifetime_hint = (uint32_t)u;
			else if ((tag & 0x1f) == 13)
				s->ems = (u & SESS_FLAG_EXTMS) != 0;
			else if ((tag & 0x1f) == 14)
				s->age_add = (uint32_t)u;
			else
				s->max_early_data = (uint32_t)u;
			break;
		case 6:
		case 7:
		case 8:
		case 10:
		case 16:
			if (!der_get_octets(&inner, &v) ||
			    cbs_len(&inner) != 0)
				BAD("field [%d] is not one OCTET STRING",
				    tag & 0x1f);
			if ((tag & 0x1f) == 10) {
				if (cbs_len(&v) > TP_SESS_MAX_TICKET ||
				    sess_set_ticket(s, cbs_data(&v),
				    cbs_len(&v)) != 0)
					BAD("ticket too long");
			} else if ((tag & 0x1f) == 6)
				copy_text(s->host, sizeof(s->host), &v);
			else if ((tag & 0x1f) == 16)
				copy_text(s->alpn, sizeof(s->alpn), &v);
			else if ((tag & 0x1f) == 7)
				copy_text(s->psk_hint, sizeof(s->psk_hint), &v);
			else
				copy_text(s->psk_identity,
				    sizeof(s->psk_identity), &v);
			break;
		default:
			break;	/* peer certificate and the rest: unused */
		}
	}
	if (s->timeout == 0)
		s->timeout = TP_SESS_DEFAULT_TIMEOUT;
	if (s->time <= 0)
		BAD("the session has no start time");
	s->time_ms = (uint64_t)s->time * 1000;
	*out = s;
	return 0;
 bad:
	sess_free(s);
	return TP_E_DECODE;
}

int
sessfile_write(const char *path, const struct tp_session *s, char *why,
    size_t whylen)
{
	uint8_t *der = NULL;
	size_t len = 0;
	FILE *f;
	int fd, ok;

	if (sessfile_encode(s, &der, &len) != 0) {
		snprintf(why, whylen, "-sess_out %s: cannot encode the "
		    "session", path);
		return TP_E_INTERNAL;
	}
	/* secrets: only the owner may read it, even when it existed */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || fchmod(fd, 0600) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		snprintf(why, whylen, "-sess_out %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		freezero(der, len);
		return TP_E_IO;
	}
	ok = PEM_write(f, PEM_NAME, "", der, (long)len) > 0;
	ok = (fclose(f) == 0) && ok;
	freezero(der, len);
	if (!ok) {
		snprintf(why, whylen, "-sess_out %s: write failed", path);
		return TP_E_IO;
	}
	return 0;
}

int
sessfile_read(const char *path, struct tp_session **out, char *why,
    size_t whylen)
{
	int ret;

	if ((ret = sessfile_read_opt("-sess_in", path, out, why,
	    whylen)) != 0)
		return ret;
	/* a TLS 1.3 session is resumed through its ticket */
	if ((*out)->version >= TLS1_3_VERSION && (*out)->ticket == NULL) {
		snprintf(why, whylen, "-sess_in %s: a TLS 1.3 session "
		    "without a ticket cannot be resumed", path);
		sess_free(*out);
		*out = NULL;
		return TP_E_DECODE;
	}
	return 0;
}

int
sessfile_read_opt(const char *opt, const char *path,
    struct tp_session **out, char *why, size_t whylen)
{
	char *name = NULL, *header = NULL, sub[400];
	unsigned char *data = NULL;
	long len = 0;
	FILE *f;
	int ret;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(why, whylen, "%s %s: %s", opt, path,
		    strerror(errno));
		return TP_E_IO;
	}
	ret = PEM_read(f, &name, &header, &data, &len);
	fclose(f);
	if (ret != 1) {
		snprintf(why, whylen, "%s %s: no PEM block "
		    "(-----BEGIN " PEM_NAME "-----) could be read", opt, path);
		ret = TP_E_DECODE;
		goto out;
	}
	if (strcmp(name, PEM_NAME) != 0) {
		snprintf(why, whylen, "%s %s: the PEM block is \"%s\", "
		    "not \"" PEM_NAME "\"", opt, path, name);
		ret = TP_E_DECODE;
		goto out;
	}
	if ((ret = sessfile_decode(data, (size_t)len, out, sub,
	    sizeof(sub))) != 0)
		snprintf(why, whylen, "%s %s: %s", opt, path, sub);
 out:
	OPENSSL_free(name);
	OPENSSL_free(header);
	if (data != NULL)
		OPENSSL_clear_free(data, (size_t)len);
	return ret;
}
