/*
 * tracefmt.c -- the -trace decoders: handshake messages, alerts and
 * extensions, field by field, in the spirit of `openssl s_client -trace`.
 *
 * Output shape.  The message line is four columns in and every nested
 * level two more, one field per line, "name=value" for scalars,
 * "name (len=N): hex" for short opaque values (longer ones get the
 * length line and a hex dump underneath):
 *
 *     ClientHello, Length=298
 *       client_version=0x0303 (TLS 1.2)
 *       random=4f2b...                                  (64 hex digits)
 *       session_id (len=32): 1a2b...
 *       cipher_suites (len=34)
 *         {0x13, 0x01} TLS_AES_128_GCM_SHA256
 *         {0x1a, 0x1a} unknown(0x1a1a)
 *       compression_methods (len=1)
 *         No Compression (0x00)
 *       extensions, length = 209
 *         extension_type=server_name(0), length=14
 *           server_name: host_name localhost
 *         extension_type=supported_groups(10), length=8
 *           named_group: X25519 (0x001d)
 *         extension_type=unknown(0x1234), length=3
 *           0000 - 01 02 03                                          ...
 *     ServerHello, Length=118          (or HelloRetryRequest, Length=...)
 *       server_version=0x0303 (TLS 1.2)
 *       random=...
 *       downgrade_sentinel=444f574e47524401 (TLS 1.2 ...)
 *       cipher_suite {0x13, 0x01} TLS_AES_128_GCM_SHA256
 *       compression_method: No Compression (0x00)
 *     Certificate, Length=733
 *       context (len=0)                                 (TLS 1.3 only)
 *       certificate_list, length=729
 *         ASN.1Cert, length=296
 *           subject=CN = tlsprobe.test
 *           issuer=CN = Test CA, O = tlsprobe
 *           ...
 *     Level=fatal(2), description=handshake_failure(40)  (an alert)
 *
 * Names come from names.c; a code without a name prints as
 * "unknown(0x1a1a)", which is also how GREASE values show.  Strings from
 * the peer (host names, ALPN) print with everything outside 0x20..0x7e
 * escaped as \xNN, so a hostile peer cannot forge trace lines.
 *
 * Every read goes through struct cbs.  A structure that does not fit
 * prints one line at the level where it failed,
 *
 *         <malformed ServerHello: extensions length 300 exceeds remaining 12>
 *
 * and the message's decoder stops there.  A malformed extension body
 * stops only that extension: its own length bounds it, so the next one
 * can still be read.
 *
 * Messages and extensions are dispatched through tables; libcrypto is
 * kept out of this file (certificates and names go through x509.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bytestring.h"
#include "msg.h"
#include "names.h"
#include "tracefmt.h"
#include "x509.h"

#define HDR_INDENT	4	/* column of the message line */
#define STEP		2	/* columns per nesting level */
#define HEX_INLINE_MAX	64	/* longer opaque values get a dump */
#define STR_MAX		256	/* longest peer string shown whole */

/* Extension codes names.h does not define (yet). */
#define EXT_MAX_FRAGMENT_LENGTH		1	/* RFC 6066, 4 */
#define EXT_COMPRESS_CERTIFICATE	27	/* RFC 8879, 3 */
#define EXT_POST_HANDSHAKE_AUTH		49	/* RFC 8446, 4.2.6 */

/* The printer's state for one call. */
struct pr {
	const struct tracefmt_ctx *ctx;
	FILE		*out;
	const char	*msg;		/* message, for <malformed> */
	const char	*ext;		/* extension, or NULL */
	uint8_t		 msgtype;	/* 6 for an HRR */
};

static void	line(struct pr *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	bad(struct pr *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Output helpers.
 */

static void
line(struct pr *p, int ind, const char *fmt, ...)
{
	va_list ap;

	fprintf(p->out, "%*s", ind, "");
	va_start(ap, fmt);
	vfprintf(p->out, fmt, ap);
	va_end(ap);
	fputc('\n', p->out);
}

/* Report a structure that does not parse; returns 0 for the caller. */
static int
bad(struct pr *p, int ind, const char *fmt, ...)
{
	va_list ap;

	fprintf(p->out, "%*s<malformed %s: ", ind, "", p->msg);
	if (p->ext != NULL)
		fprintf(p->out, "%s: ", p->ext);
	va_start(ap, fmt);
	vfprintf(p->out, fmt, ap);
	va_end(ap);
	fputs(">\n", p->out);
	return 0;
}

static void
put_hex(FILE *out, const struct cbs *v)
{
	const uint8_t *d = cbs_data(v);
	size_t i;

	for (i = 0; i < cbs_len(v); i++)
		fprintf(out, "%02x", d[i]);
}

/* BIO_dump's shape: "0000 - 00 0c 00 00 09 6c 6f 63-61 6c ...   ....lo" */
static void
dump(struct pr *p, int ind, const struct cbs *v)
{
	const uint8_t *d = cbs_data(v);
	size_t n = cbs_len(v), off, i;

	for (off = 0; off < n; off += 16) {
		fprintf(p->out, "%*s%04zx -", ind, "", off);
		for (i = 0; i < 16; i++) {
			if (off + i < n)
				fprintf(p->out, "%c%02x", i == 8 ? '-' : ' ',
				    d[off + i]);
			else
				fputs("   ", p->out);
		}
		fputs("   ", p->out);
		for (i = 0; i < 16 && off + i < n; i++)
			fputc(d[off + i] >= 0x20 && d[off + i] < 0x7f ?
			    d[off + i] : '.', p->out);
		fputc('\n', p->out);
	}
}

/* "label (len=N): hex", or the length line and a dump when long. */
static void
hexfield(struct pr *p, int ind, const char *label, const struct cbs *v)
{
	if (cbs_len(v) > HEX_INLINE_MAX) {
		line(p, ind, "%s (len=%zu):", label, cbs_len(v));
		dump(p, ind + STEP, v);
		return;
	}
	fprintf(p->out, "%*s%s (len=%zu)", ind, "", label, cbs_len(v));
	if (cbs_len(v) > 0) {
		fputs(": ", p->out);
		put_hex(p->out, v);
	}
	fputc('\n', p->out);
}

/* A peer string, printable ASCII kept and the rest as \xNN. */
static const char *
esc(const struct cbs *v, char *buf, size_t len)
{
	const uint8_t *d = cbs_data(v);
	size_t i, o = 0;

	for (i = 0; i < cbs_len(v) && i < STR_MAX; i++) {
		if (o + 5 > len)
			break;
		if (d[i] >= 0x20 && d[i] < 0x7f && d[i] != '\\')
			buf[o++] = (char)d[i];
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x",
			    d[i]);
	}
	if (i < cbs_len(v) && o + 4 <= len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
#define ESC_BUFLEN	(STR_MAX * 4 + 4)

/* "NAME (0x001d)" or "unknown(0x1a1a)" */
static const char *
name16(const char *name, uint16_t code, char *buf, size_t len)
{
	if (name != NULL)
		snprintf(buf, len, "%s (0x%04x)", name, code);
	else
		snprintf(buf, len, "unknown(0x%04x)", code);
	return buf;
}

/* "NAME (3)" or "unknown(3)" */
static const char *
name8(const char *name, uint8_t code, char *buf, size_t len)
{
	if (name != NULL)
		snprintf(buf, len, "%s (%u)", name, code);
	else
		snprintf(buf, len, "unknown(%u)", code);
	return buf;
}

static const char *
group_str(uint16_t g, char *buf, size_t len)
{
	const struct tp_group *grp = group_by_code(g);

	return name16(grp != NULL ? grp->name : NULL, g, buf, len);
}

static const char *
sigscheme_str(uint16_t s, char *buf, size_t len)
{
	const struct tp_sigscheme *sc = sigscheme_by_code(s);

	return name16(sc != NULL ? sc->name : NULL, s, buf, len);
}

/* "0x0303 (TLS 1.2)" */
static void
pr_version(struct pr *p, int ind, const char *label, uint16_t v)
{
	const char *n = version_name(v);

	line(p, ind, "%s=0x%04x (%s)", label, v, n != NULL ? n : "unknown");
}

/* "{0x13, 0x01} TLS_AES_128_GCM_SHA256" */
static void
pr_suite(struct pr *p, int ind, const char *label, uint16_t s)
{
	const char *n = suite_name(s);
	char buf[24];

	if (n == NULL) {
		snprintf(buf, sizeof(buf), "unknown(0x%04x)", s);
		n = buf;
	}
	line(p, ind, "%s{0x%02x, 0x%02x} %s", label, s >> 8, s & 0xff, n);
}

static void
pr_compression(struct pr *p, int ind, const char *label, uint8_t m)
{
	/* RFC 5246, 7.4.1.2; RFC 3749, 2 */
	static const char *const names[] = { "No Compression", "DEFLATE" };

	if (m < sizeof(names) / sizeof(names[0]))
		line(p, ind, "%s%s (0x%02x)", label, names[m], m);
	else
		line(p, ind, "%sunknown(0x%02x)", label, m);
}

/*
 * Readers: take a field or print why it cannot be taken.
 */

static int
get_u8(struct pr *p, int ind, struct cbs *cbs, uint8_t *v, const char *f)
{
	if (!cbs_get_u8(cbs, v))
		return bad(p, ind, "truncated at %s (need 1 byte, 0 remain)",
		    f);
	return 1;
}

static int
get_u16(struct pr *p, int ind, struct cbs *cbs, uint16_t *v, const char *f)
{
	if (!cbs_get_u16(cbs, v))
		return bad(p, ind, "truncated at %s (need 2 bytes, %zu remain)",
		    f, cbs_len(cbs));
	return 1;
}

static int
get_u32(struct pr *p, int ind, struct cbs *cbs, uint32_t *v, const char *f)
{
	if (!cbs_get_u32(cbs, v))
		return bad(p, ind, "truncated at %s (need 4 bytes, %zu remain)",
		    f, cbs_len(cbs));
	return 1;
}

static int
get_fixed(struct pr *p, int ind, struct cbs *cbs, struct cbs *out, size_t n,
    const char *f)
{
	if (!cbs_get_bytes(cbs, out, n))
		return bad(p, ind, "truncated at %s (need %zu bytes, "
		    "%zu remain)", f, n, cbs_len(cbs));
	return 1;
}

/* A vector with a width-byte length prefix (1, 2 or 3). */
static int
get_vec(struct pr *p, int ind, struct cbs *cbs, struct cbs *out, int width,
    const char *f)
{
	struct cbs peek = *cbs;
	uint32_t n = 0;
	uint16_t n16;
	uint8_t n8;
	int ok;

	switch (width) {
	case 1:
		ok = cbs_get_u8(&peek, &n8);
		n = n8;
		break;
	case 2:
		ok = cbs_get_u16(&peek, &n16);
		n = n16;
		break;
	default:
		ok = cbs_get_u24(&peek, &n);
		break;
	}
	if (!ok)
		return bad(p, ind, "truncated at %s length (need %d bytes, "
		    "%zu remain)", f, width, cbs_len(cbs));
	if (n > cbs_len(&peek))
		return bad(p, ind, "%s length %lu exceeds remaining %zu", f,
		    (unsigned long)n, cbs_len(&peek));
	if (!cbs_skip(cbs, (size_t)width) || !cbs_get_bytes(cbs, out, n))
		return bad(p, ind, "%s: internal reader error", f);
	return 1;
}

/* A structure must be consumed exactly. */
static int
done(struct pr *p, int ind, const struct cbs *cbs)
{
	if (cbs_len(cbs) != 0)
		return bad(p, ind, "%zu trailing bytes", cbs_len(cbs));
	return 1;
}

/*
 * Extensions, one decoder each.  A decoder reads the body; returning 1
 * means it parsed (the caller then checks nothing is left), 0 means it
 * already printed why not.
 */

/* The caller's done() reports a body that should have been empty. */
static int
ext_empty(struct pr *p, struct cbs *cbs, int ind)
{
	(void)p;
	(void)cbs;
	(void)ind;
	return 1;
}

static int
ext_server_name(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list, name;
	char buf[ESC_BUFLEN];
	uint8_t type;

	/* RFC 6066, 3: the server acknowledges with an empty body. */
	if (cbs_len(cbs) == 0) {
		line(p, ind, "(empty)");
		return 1;
	}
	if (!get_vec(p, ind, cbs, &list, 2, "server_name_list"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u8(p, ind, &list, &type, "name_type") ||
		    !get_vec(p, ind, &list, &name, 2, "HostName"))
			return 0;
		if (type == 0)
			line(p, ind, "server_name: host_name %s",
			    esc(&name, buf, sizeof(buf)));
		else
			line(p, ind, "server_name: unknown(%u) (len=%zu)",
			    type, cbs_len(&name));
	}
	return 1;
}

static int
ext_max_fragment_length(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 6066, 4 */
	static const char *const sizes[] = { NULL, "2^9", "2^10", "2^11",
	    "2^12" };
	char buf[32];
	uint8_t v;

	if (!get_u8(p, ind, cbs, &v, "max_fragment_length"))
		return 0;
	line(p, ind, "max_fragment_length=%s",
	    name8(v < 5 ? sizes[v] : NULL, v, buf, sizeof(buf)));
	return 1;
}

static int
ext_status_request(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs ids, id, exts, resp;
	char buf[32];
	uint8_t type;

	/* RFC 6066, 8: the server's 1.2 reply is empty. */
	if (cbs_len(cbs) == 0) {
		line(p, ind, "(empty)");
		return 1;
	}
	if (!get_u8(p, ind, cbs, &type, "status_type"))
		return 0;
	line(p, ind, "status_type=%s",
	    name8(type == 1 ? "ocsp" : NULL, type, buf, sizeof(buf)));
	if (p->msgtype == HS_CERTIFICATE) {
		/* RFC 8446, 4.4.2.1: a CertificateStatus body. */
		if (!get_vec(p, ind, cbs, &resp, 3, "OCSPResponse"))
			return 0;
		line(p, ind, "ocsp_response (len=%zu)", cbs_len(&resp));
		return 1;
	}
	if (type != 1) {
		hexfield(p, ind, "request", cbs);
		return cbs_skip(cbs, cbs_len(cbs));
	}
	/* RFC 6066, 8: OCSPStatusRequest */
	if (!get_vec(p, ind, cbs, &ids, 2, "responder_id_list"))
		return 0;
	line(p, ind, "responder_id_list (len=%zu)", cbs_len(&ids));
	while (cbs_len(&ids) > 0) {
		if (!get_vec(p, ind + STEP, &ids, &id, 2, "ResponderID"))
			return 0;
		line(p, ind + STEP, "responder_id (len=%zu)", cbs_len(&id));
	}
	if (!get_vec(p, ind, cbs, &exts, 2, "request_extensions"))
		return 0;
	line(p, ind, "request_extensions (len=%zu)", cbs_len(&exts));
	return 1;
}

static int
ext_supported_groups(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list;
	char buf[48];
	uint16_t g;

	/* RFC 8446, 4.2.7 */
	if (!get_vec(p, ind, cbs, &list, 2, "named_group_list"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u16(p, ind, &list, &g, "named_group"))
			return 0;
		line(p, ind, "named_group: %s", group_str(g, buf, sizeof(buf)));
	}
	return 1;
}

static int
ext_ec_point_formats(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list;
	char buf[64];
	uint8_t f;

	/* RFC 8422, 5.1.2 */
	if (!get_vec(p, ind, cbs, &list, 1, "ec_point_format_list"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u8(p, ind, &list, &f, "ec_point_format"))
			return 0;
		line(p, ind, "ec_point_format: %s",
		    name8(ec_point_format_name(f), f, buf, sizeof(buf)));
	}
	return 1;
}

/* With a label, a "label (len=N)" line and the schemes under it. */
static int
sigscheme_list(struct pr *p, struct cbs *cbs, int ind, const char *what,
    const char *label)
{
	struct cbs list;
	char buf[64];
	uint16_t s;

	if (!get_vec(p, ind, cbs, &list, 2, what))
		return 0;
	if (label != NULL) {
		line(p, ind, "%s (len=%zu)", label, cbs_len(&list));
		ind += STEP;
	}
	while (cbs_len(&list) > 0) {
		if (!get_u16(p, ind, &list, &s, "signature_scheme"))
			return 0;
		line(p, ind, "signature_scheme: %s",
		    sigscheme_str(s, buf, sizeof(buf)));
	}
	return 1;
}

static int
ext_signature_algorithms(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8446, 4.2.3 (both signature_algorithms and _cert) */
	return sigscheme_list(p, cbs, ind, "supported_signature_algorithms",
	    NULL);
}

static int
ext_alpn(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list, proto;
	char buf[ESC_BUFLEN];

	/* RFC 7301, 3.1 */
	if (!get_vec(p, ind, cbs, &list, 2, "protocol_name_list"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_vec(p, ind, &list, &proto, 1, "ProtocolName"))
			return 0;
		if (cbs_len(&proto) == 0)
			return bad(p, ind, "empty ProtocolName");
		line(p, ind, "protocol: %s", esc(&proto, buf, sizeof(buf)));
	}
	return 1;
}

static int
ext_sct(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list, sct;

	/* RFC 6962, 3.3: the client's request is empty. */
	if (cbs_len(cbs) == 0) {
		line(p, ind, "(empty)");
		return 1;
	}
	if (!get_vec(p, ind, cbs, &list, 2, "SignedCertificateTimestampList"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_vec(p, ind, &list, &sct, 2, "SerializedSCT"))
			return 0;
		line(p, ind, "sct (len=%zu)", cbs_len(&sct));
	}
	return 1;
}

static int
ext_padding(struct pr *p, struct cbs *cbs, int ind)
{
	const uint8_t *d = cbs_data(cbs);
	size_t i, nz = 0;

	/* RFC 7685, 3: zero bytes */
	for (i = 0; i < cbs_len(cbs); i++)
		if (d[i] != 0)
			nz++;
	line(p, ind, "padding (len=%zu)%s", cbs_len(cbs),
	    nz > 0 ? " (not all zero)" : "");
	return cbs_skip(cbs, cbs_len(cbs));
}

static int
ext_record_size_limit(struct pr *p, struct cbs *cbs, int ind)
{
	uint16_t v;

	/* RFC 8449, 4 */
	if (!get_u16(p, ind, cbs, &v, "RecordSizeLimit"))
		return 0;
	line(p, ind, "record_size_limit=%u", v);
	return 1;
}

static int
ext_compress_certificate(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8879, 3 */
	static const char *const algs[] = { NULL, "zlib", "brotli", "zstd" };
	struct cbs list;
	char buf[48];
	uint16_t a;

	if (!get_vec(p, ind, cbs, &list, 1, "algorithms"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u16(p, ind, &list, &a, "algorithm"))
			return 0;
		line(p, ind, "algorithm: %s",
		    name16(a < 4 ? algs[a] : NULL, a, buf, sizeof(buf)));
	}
	return 1;
}

static int
ext_session_ticket(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 5077, 3.2: the opaque ticket, or empty */
	line(p, ind, "ticket (len=%zu)", cbs_len(cbs));
	return cbs_skip(cbs, cbs_len(cbs));
}

static int
ext_pre_shared_key(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs ids, id, binders, binder;
	uint32_t age;
	uint16_t sel;

	/* RFC 8446, 4.2.11 */
	if (p->msgtype != HS_CLIENT_HELLO) {
		if (!get_u16(p, ind, cbs, &sel, "selected_identity"))
			return 0;
		line(p, ind, "selected_identity=%u", sel);
		return 1;
	}
	if (!get_vec(p, ind, cbs, &ids, 2, "identities"))
		return 0;
	line(p, ind, "identities (len=%zu)", cbs_len(&ids));
	while (cbs_len(&ids) > 0) {
		if (!get_vec(p, ind + STEP, &ids, &id, 2, "identity") ||
		    !get_u32(p, ind + STEP, &ids, &age,
		    "obfuscated_ticket_age"))
			return 0;
		line(p, ind + STEP, "identity (len=%zu), "
		    "obfuscated_ticket_age=%lu", cbs_len(&id),
		    (unsigned long)age);
	}
	if (!get_vec(p, ind, cbs, &binders, 2, "binders"))
		return 0;
	line(p, ind, "binders (len=%zu)", cbs_len(&binders));
	while (cbs_len(&binders) > 0) {
		if (!get_vec(p, ind + STEP, &binders, &binder, 1,
		    "PskBinderEntry"))
			return 0;
		hexfield(p, ind + STEP, "binder", &binder);
	}
	return 1;
}

static int
ext_early_data(struct pr *p, struct cbs *cbs, int ind)
{
	uint32_t max;

	/* RFC 8446, 4.2.10: a size in NewSessionTicket, else empty */
	if (p->msgtype != HS_NEW_SESSION_TICKET)
		return 1;
	if (!get_u32(p, ind, cbs, &max, "max_early_data_size"))
		return 0;
	line(p, ind, "max_early_data_size=%lu", (unsigned long)max);
	return 1;
}

static int
ext_supported_versions(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list;
	char buf[32];
	uint16_t v;

	/* RFC 8446, 4.2.1: a list offered, one selected */
	if (p->msgtype != HS_CLIENT_HELLO) {
		if (!get_u16(p, ind, cbs, &v, "selected_version"))
			return 0;
		line(p, ind, "selected_version: %s",
		    name16(version_name(v), v, buf, sizeof(buf)));
		return 1;
	}
	if (!get_vec(p, ind, cbs, &list, 1, "versions"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u16(p, ind, &list, &v, "version"))
			return 0;
		line(p, ind, "version: %s",
		    name16(version_name(v), v, buf, sizeof(buf)));
	}
	return 1;
}

static int
ext_cookie(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs cookie;

	/* RFC 8446, 4.2.2 */
	if (!get_vec(p, ind, cbs, &cookie, 2, "cookie"))
		return 0;
	line(p, ind, "cookie (len=%zu)", cbs_len(&cookie));
	return 1;
}

static int
ext_psk_modes(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list;
	char buf[32];
	uint8_t m;

	/* RFC 8446, 4.2.9 */
	if (!get_vec(p, ind, cbs, &list, 1, "ke_modes"))
		return 0;
	while (cbs_len(&list) > 0) {
		if (!get_u8(p, ind, &list, &m, "ke_mode"))
			return 0;
		line(p, ind, "psk_key_exchange_mode: %s",
		    name8(psk_mode_name(m), m, buf, sizeof(buf)));
	}
	return 1;
}

/* DistinguishedName list, shared with the 1.2 CertificateRequest. */
static int
dn_list(struct pr *p, struct cbs *cbs, int ind, const char *what)
{
	struct cbs list, dn;

	if (!get_vec(p, ind, cbs, &list, 2, what))
		return 0;
	line(p, ind, "%s (len=%zu)", what, cbs_len(&list));
	while (cbs_len(&list) > 0) {
		/* RFC 8446, 4.2.4: opaque DistinguishedName<1..2^16-1> */
		if (!get_vec(p, ind + STEP, &list, &dn, 2,
		    "DistinguishedName"))
			return 0;
		if (x509_print_name(p->out, ind + STEP, "DN", cbs_data(&dn),
		    cbs_len(&dn)) != 0)
			hexfield(p, ind + STEP, "DN (not a DER Name)", &dn);
	}
	return 1;
}

static int
ext_certificate_authorities(struct pr *p, struct cbs *cbs, int ind)
{
	return dn_list(p, cbs, ind, "authorities");
}

static int
key_share_entry(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs key;
	char buf[48];
	uint16_t g;

	/* RFC 8446, 4.2.8: KeyShareEntry */
	if (!get_u16(p, ind, cbs, &g, "group") ||
	    !get_vec(p, ind, cbs, &key, 2, "key_exchange"))
		return 0;
	line(p, ind, "NamedGroup: %s", group_str(g, buf, sizeof(buf)));
	hexfield(p, ind + STEP, "key_exchange", &key);
	return 1;
}

static int
ext_key_share(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs list;
	char buf[48];
	uint16_t g;

	/* RFC 8446, 4.2.8 */
	switch (p->msgtype) {
	case HS_CLIENT_HELLO:
		if (!get_vec(p, ind, cbs, &list, 2, "client_shares"))
			return 0;
		line(p, ind, "client_shares (len=%zu)", cbs_len(&list));
		while (cbs_len(&list) > 0)
			if (!key_share_entry(p, &list, ind + STEP))
				return 0;
		return 1;
	case HS_HELLO_RETRY_REQUEST:
		if (!get_u16(p, ind, cbs, &g, "selected_group"))
			return 0;
		line(p, ind, "selected_group: %s",
		    group_str(g, buf, sizeof(buf)));
		return 1;
	default:
		return key_share_entry(p, cbs, ind);
	}
}

static int
ext_renegotiation_info(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs rc;

	/* RFC 5746, 3.2 */
	if (!get_vec(p, ind, cbs, &rc, 1, "renegotiated_connection"))
		return 0;
	hexfield(p, ind, "renegotiated_connection", &rc);
	return 1;
}

static const struct ext_printer {
	uint16_t	 type;
	int		(*fn)(struct pr *, struct cbs *, int);
} ext_printers[] = {
	{ EXT_SERVER_NAME,		ext_server_name },
	{ EXT_MAX_FRAGMENT_LENGTH,	ext_max_fragment_length },
	{ EXT_STATUS_REQUEST,		ext_status_request },
	{ EXT_SUPPORTED_GROUPS,		ext_supported_groups },
	{ EXT_EC_POINT_FORMATS,		ext_ec_point_formats },
	{ EXT_SIGNATURE_ALGORITHMS,	ext_signature_algorithms },
	{ EXT_ALPN,			ext_alpn },
	{ EXT_SCT,			ext_sct },
	{ EXT_PADDING,			ext_padding },
	{ EXT_ENCRYPT_THEN_MAC,		ext_empty },
	{ EXT_EXTENDED_MASTER_SECRET,	ext_empty },
	{ EXT_COMPRESS_CERTIFICATE,	ext_compress_certificate },
	{ EXT_RECORD_SIZE_LIMIT,	ext_record_size_limit },
	{ EXT_SESSION_TICKET,		ext_session_ticket },
	{ EXT_PRE_SHARED_KEY,		ext_pre_shared_key },
	{ EXT_EARLY_DATA,		ext_early_data },
	{ EXT_SUPPORTED_VERSIONS,	ext_supported_versions },
	{ EXT_COOKIE,			ext_cookie },
	{ EXT_PSK_KEY_EXCHANGE_MODES,	ext_psk_modes },
	{ EXT_CERTIFICATE_AUTHORITIES,	ext_certificate_authorities },
	{ EXT_POST_HANDSHAKE_AUTH,	ext_empty },
	{ EXT_SIGNATURE_ALGORITHMS_CERT, ext_signature_algorithms },
	{ EXT_KEY_SHARE,		ext_key_share },
	{ EXT_RENEGOTIATION_INFO,	ext_renegotiation_info },
};

static void
pr_extension(struct pr *p, uint16_t type, struct cbs *body, int ind)
{
	const struct ext_printer *ep = NULL;
	const char *name = extension_name(type), *saved = p->ext;
	size_t i;

	if (name != NULL)
		line(p, ind, "extension_type=%s(%u), length=%zu", name, type,
		    cbs_len(body));
	else
		line(p, ind, "extension_type=unknown(0x%04x), length=%zu",
		    type, cbs_len(body));
	for (i = 0; i < sizeof(ext_printers) / sizeof(ext_printers[0]); i++)
		if (ext_printers[i].type == type)
			ep = &ext_printers[i];
	p->ext = name != NULL ? name : "unknown extension";
	if (ep == NULL)
		dump(p, ind + STEP, body);
	else if (ep->fn(p, body, ind + STEP))
		done(p, ind + STEP, body);
	p->ext = saved;
}

/*
 * The extensions block.  In the hellos it may be absent (RFC 5246,
 * 7.4.1.2); elsewhere it is a required vector.
 */
static int
pr_extensions(struct pr *p, struct cbs *cbs, int ind, int optional)
{
	struct cbs exts, body;
	uint16_t type;

	if (optional && cbs_len(cbs) == 0) {
		line(p, ind, "No extensions");
		return 1;
	}
	if (!get_vec(p, ind, cbs, &exts, 2, "extensions"))
		return 0;
	if (cbs_len(&exts) == 0) {
		line(p, ind, "No extensions");
		return 1;
	}
	line(p, ind, "extensions, length = %zu", cbs_len(&exts));
	while (cbs_len(&exts) > 0) {
		if (!get_u16(p, ind + STEP, &exts, &type, "extension_type") ||
		    !get_vec(p, ind + STEP, &exts, &body, 2, "extension_data"))
			return 0;
		pr_extension(p, type, &body, ind + STEP);
	}
	return 1;
}

/*
 * Handshake messages, one decoder each; same contract as the extension
 * decoders.
 */

static int
pm_empty(struct pr *p, struct cbs *cbs, int ind)
{
	(void)p;
	(void)cbs;
	(void)ind;
	return 1;
}

static int
pm_client_hello(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs random, sid, suites, comp;
	uint16_t v, s;
	uint8_t m;

	/* RFC 8446, 4.1.2; RFC 5246, 7.4.1.2 */
	if (!get_u16(p, ind, cbs, &v, "client_version"))
		return 0;
	pr_version(p, ind, "client_version", v);
	if (!get_fixed(p, ind, cbs, &random, 32, "random"))
		return 0;
	fprintf(p->out, "%*srandom=", ind, "");
	put_hex(p->out, &random);
	fputc('\n', p->out);
	if (!get_vec(p, ind, cbs, &sid, 1, "session_id"))
		return 0;
	hexfield(p, ind, "session_id", &sid);
	if (!get_vec(p, ind, cbs, &suites, 2, "cipher_suites"))
		return 0;
	line(p, ind, "cipher_suites (len=%zu)", cbs_len(&suites));
	while (cbs_len(&suites) > 0) {
		if (!get_u16(p, ind + STEP, &suites, &s, "cipher_suite"))
			return 0;
		pr_suite(p, ind + STEP, "", s);
	}
	if (!get_vec(p, ind, cbs, &comp, 1, "compression_methods"))
		return 0;
	line(p, ind, "compression_methods (len=%zu)", cbs_len(&comp));
	while (cbs_len(&comp) > 0) {
		if (!get_u8(p, ind + STEP, &comp, &m, "compression_method"))
			return 0;
		pr_compression(p, ind + STEP, "", m);
	}
	return pr_extensions(p, cbs, ind, 1);
}

static int
pm_server_hello(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs random, sid, tail;
	uint16_t v, s;
	uint8_t m;

	/* RFC 8446, 4.1.3; RFC 5246, 7.4.1.3 */
	if (!get_u16(p, ind, cbs, &v, "server_version"))
		return 0;
	pr_version(p, ind, "server_version", v);
	if (!get_fixed(p, ind, cbs, &random, 32, "random"))
		return 0;
	fprintf(p->out, "%*srandom=", ind, "");
	put_hex(p->out, &random);
	fputs(p->msgtype == HS_HELLO_RETRY_REQUEST ?
	    " (HelloRetryRequest)\n" : "\n", p->out);
	/*
	 * RFC 8446, 4.1.3: a TLS 1.3 server negotiating 1.2 or below says
	 * so in the last 8 bytes of its random.
	 */
	tail = random;
	if (p->msgtype != HS_HELLO_RETRY_REQUEST && cbs_skip(&tail, 24)) {
		if (cbs_mem_equal(&tail, tls13_downgrade_12, 8))
			line(p, ind, "downgrade_sentinel=444f574e47524401 "
			    "(DOWNGRD 01: TLS 1.2 negotiated by a TLS 1.3 "
			    "server)");
		else if (cbs_mem_equal(&tail, tls13_downgrade_11, 8))
			line(p, ind, "downgrade_sentinel=444f574e47524400 "
			    "(DOWNGRD 00: TLS 1.1 or below negotiated by a "
			    "TLS 1.2 or 1.3 server)");
	}
	if (!get_vec(p, ind, cbs, &sid, 1, "session_id"))
		return 0;
	hexfield(p, ind, "session_id", &sid);
	if (!get_u16(p, ind, cbs, &s, "cipher_suite"))
		return 0;
	pr_suite(p, ind, "cipher_suite ", s);
	if (!get_u8(p, ind, cbs, &m, "compression_method"))
		return 0;
	pr_compression(p, ind, "compression_method: ", m);
	return pr_extensions(p, cbs, ind, 1);
}

static int
pm_encrypted_extensions(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8446, 4.3.1 */
	return pr_extensions(p, cbs, ind, 0);
}

static int
pm_certificate(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs reqctx, list, cert;
	int tls13 = p->ctx->version == TLS1_3_VERSION;
	size_t n;

	/* RFC 8446, 4.4.2 (1.3 layout); RFC 5246, 7.4.2 */
	if (tls13) {
		if (!get_vec(p, ind, cbs, &reqctx, 1,
		    "certificate_request_context"))
			return 0;
		hexfield(p, ind, "context", &reqctx);
	}
	if (!get_vec(p, ind, cbs, &list, 3, "certificate_list"))
		return 0;
	line(p, ind, "certificate_list, length=%zu", cbs_len(&list));
	if (cbs_len(&list) == 0)
		line(p, ind + STEP, "No certificates");
	for (n = 0; cbs_len(&list) > 0; n++) {
		if (!get_vec(p, ind + STEP, &list, &cert, 3, "cert_data"))
			return 0;
		line(p, ind + STEP, "ASN.1Cert, length=%zu", cbs_len(&cert));
		if (x509_print_brief(p->out, ind + 2 * STEP, cbs_data(&cert),
		    cbs_len(&cert)) != 0)
			bad(p, ind + 2 * STEP, "certificate %zu is not DER "
			    "X.509", n);
		if (tls13 && !pr_extensions(p, &list, ind + 2 * STEP, 0))
			return 0;
	}
	return 1;
}

static int
pm_certificate_request(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs reqctx, types;
	char buf[48];
	uint8_t t;

	if (p->ctx->version == TLS1_3_VERSION) {
		/* RFC 8446, 4.3.2 */
		if (!get_vec(p, ind, cbs, &reqctx, 1,
		    "certificate_request_context"))
			return 0;
		hexfield(p, ind, "context", &reqctx);
		return pr_extensions(p, cbs, ind, 0);
	}
	/* RFC 5246, 7.4.4 */
	if (!get_vec(p, ind, cbs, &types, 1, "certificate_types"))
		return 0;
	line(p, ind, "certificate_types (len=%zu)", cbs_len(&types));
	while (cbs_len(&types) > 0) {
		if (!get_u8(p, ind + STEP, &types, &t, "certificate_type"))
			return 0;
		line(p, ind + STEP, "%s",
		    name8(certtype_name(t), t, buf, sizeof(buf)));
	}
	/* RFC 4346, 7.4.4: 1.0 and 1.1 have no signature algorithms. */
	if (p->ctx->version == 0 || p->ctx->version >= TLS1_2_VERSION) {
		if (!sigscheme_list(p, cbs, ind,
		    "supported_signature_algorithms",
		    "supported_signature_algorithms"))
			return 0;
	}
	return dn_list(p, cbs, ind, "certificate_authorities");
}

/*
 * The digitally-signed part of ServerKeyExchange and CertificateVerify:
 * TLS 1.2 and 1.3 name the scheme (RFC 5246, 4.7; RFC 8446, 4.4.3),
 * 1.0 and 1.1 do not (RFC 4346, 4.7).
 */
static int
pr_signature(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs sig;
	char buf[64];
	uint16_t s;

	if (p->ctx->version == 0 || p->ctx->version >= TLS1_2_VERSION) {
		if (!get_u16(p, ind, cbs, &s, "signature_algorithm"))
			return 0;
		line(p, ind, "signature_algorithm: %s",
		    sigscheme_str(s, buf, sizeof(buf)));
	}
	if (!get_vec(p, ind, cbs, &sig, 2, "signature"))
		return 0;
	hexfield(p, ind, "signature", &sig);
	return 1;
}

static int
ecdh_params(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs pub;
	char buf[48];
	uint16_t g;
	uint8_t ct;

	/* RFC 8422, 5.4 */
	if (!get_u8(p, ind, cbs, &ct, "curve_type"))
		return 0;
	if (ct != 3) {
		/* explicit curves (1, 2) are deprecated; not decoded */
		line(p, ind, "curve_type=unknown(%u)", ct);
		dump(p, ind, cbs);
		return cbs_skip(cbs, cbs_len(cbs));
	}
	line(p, ind, "curve_type=named_curve (3)");
	if (!get_u16(p, ind, cbs, &g, "named_curve"))
		return 0;
	line(p, ind, "named_group: %s", group_str(g, buf, sizeof(buf)));
	if (!get_vec(p, ind, cbs, &pub, 1, "public"))
		return 0;
	hexfield(p, ind, "public", &pub);
	return 1;
}

static int
ske_ecdhe(struct pr *p, struct cbs *cbs, int ind)
{
	uint8_t ct = cbs_len(cbs) > 0 ? cbs_data(cbs)[0] : 0;

	if (!ecdh_params(p, cbs, ind))
		return 0;
	/* explicit curves were dumped whole, signature and all */
	return ct != 3 || pr_signature(p, cbs, ind);
}

/* Bits in a big-endian unsigned integer. */
static size_t
bignum_bits(const struct cbs *v)
{
	const uint8_t *d = cbs_data(v);
	size_t i, bits;
	uint8_t b;

	for (i = 0; i < cbs_len(v) && d[i] == 0; i++)
		continue;
	if (i == cbs_len(v))
		return 0;
	bits = (cbs_len(v) - i) * 8;
	for (b = d[i]; (b & 0x80) == 0; b <<= 1)
		bits--;
	return bits;
}

static int
dh_params(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs dp, dg, ys;

	/* RFC 5246, 7.4.3: ServerDHParams */
	if (!get_vec(p, ind, cbs, &dp, 2, "dh_p"))
		return 0;
	line(p, ind, "dh_p (len=%zu, %zu bits)", cbs_len(&dp),
	    bignum_bits(&dp));
	if (!get_vec(p, ind, cbs, &dg, 2, "dh_g"))
		return 0;
	hexfield(p, ind, "dh_g", &dg);
	if (!get_vec(p, ind, cbs, &ys, 2, "dh_Ys"))
		return 0;
	line(p, ind, "dh_Ys (len=%zu)", cbs_len(&ys));
	return 1;
}

static int
ske_dhe(struct pr *p, struct cbs *cbs, int ind)
{
	return dh_params(p, cbs, ind) && pr_signature(p, cbs, ind);
}

/* RFC 4279, 2 and 3; RFC 5489, 2: the hint, then unsigned parameters */
static int
psk_hint(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs h;

	if (!get_vec(p, ind, cbs, &h, 2, "psk_identity_hint"))
		return 0;
	hexfield(p, ind, "psk_identity_hint", &h);
	return 1;
}

static int
ske_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_hint(p, cbs, ind);
}

static int
ske_dhe_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_hint(p, cbs, ind) && dh_params(p, cbs, ind);
}

static int
ske_ecdhe_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_hint(p, cbs, ind) && ecdh_params(p, cbs, ind);
}

static int
cke_rsa(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs epms;

	/* RFC 6101, 5.6.7.1: SSL 3.0 sends the bytes without a length */
	if (p->ctx->version == SSL3_VERSION) {
		line(p, ind, "EncryptedPreMasterSecret (len=%zu)",
		    cbs_len(cbs));
		return cbs_skip(cbs, cbs_len(cbs));
	}
	/* RFC 5246, 7.4.7.1 */
	if (!get_vec(p, ind, cbs, &epms, 2, "EncryptedPreMasterSecret"))
		return 0;
	line(p, ind, "EncryptedPreMasterSecret (len=%zu)", cbs_len(&epms));
	return 1;
}

static int
cke_ecdhe(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs pub;

	/* RFC 8422, 5.7 */
	if (!get_vec(p, ind, cbs, &pub, 1, "ecdh_Yc"))
		return 0;
	hexfield(p, ind, "ecdh_Yc", &pub);
	return 1;
}

static int
cke_dhe(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs yc;

	/* RFC 5246, 7.4.7.2 */
	if (!get_vec(p, ind, cbs, &yc, 2, "dh_Yc"))
		return 0;
	line(p, ind, "dh_Yc (len=%zu)", cbs_len(&yc));
	return 1;
}

/* RFC 4279, 2: the identity first */
static int
psk_identity(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs id;

	if (!get_vec(p, ind, cbs, &id, 2, "psk_identity"))
		return 0;
	hexfield(p, ind, "psk_identity", &id);
	return 1;
}

static int
cke_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_identity(p, cbs, ind);
}

static int
cke_dhe_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_identity(p, cbs, ind) && cke_dhe(p, cbs, ind);
}

static int
cke_ecdhe_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_identity(p, cbs, ind) && cke_ecdhe(p, cbs, ind);
}

static int
cke_rsa_psk(struct pr *p, struct cbs *cbs, int ind)
{
	return psk_identity(p, cbs, ind) && cke_rsa(p, cbs, ind);
}

static const struct kex_printer {
	enum tp_kex	 kex;
	const char	*name;
	int		(*ske)(struct pr *, struct cbs *, int);
	int		(*cke)(struct pr *, struct cbs *, int);
} kex_printers[] = {
	{ KEX_ECDHE,	"ECDHE",	ske_ecdhe,	cke_ecdhe },
	{ KEX_DHE,	"DHE",		ske_dhe,	cke_dhe },
	{ KEX_RSA,	"RSA",		NULL,		cke_rsa },
	{ KEX_DH_ANON,	"DH_anon",	dh_params,	cke_dhe },
	{ KEX_ECDH_ANON, "ECDH_anon",	ecdh_params,	cke_ecdhe },
	{ KEX_PSK,	"PSK",		ske_psk,	cke_psk },
	{ KEX_DHE_PSK,	"DHE_PSK",	ske_dhe_psk,	cke_dhe_psk },
	{ KEX_ECDHE_PSK, "ECDHE_PSK",	ske_ecdhe_psk,	cke_ecdhe_psk },
	{ KEX_RSA_PSK,	"RSA_PSK",	ske_psk,	cke_rsa_psk },
};

/* The key exchange messages' layout depends on the suite. */
static int
pm_kex(struct pr *p, struct cbs *cbs, int ind, int server)
{
	const struct kex_printer *kp = NULL;
	int (*fn)(struct pr *, struct cbs *, int) = NULL;
	size_t i;

	if (p->ctx->suite != NULL)
		for (i = 0; i < sizeof(kex_printers) /
		    sizeof(kex_printers[0]); i++)
			if (kex_printers[i].kex == p->ctx->suite->kex)
				kp = &kex_printers[i];
	if (kp != NULL)
		fn = server ? kp->ske : kp->cke;
	if (fn == NULL) {
		line(p, ind, "(no decoder: key exchange %s)", kp != NULL ?
		    kp->name : p->ctx->suite == NULL ?
		    "unknown, no suite negotiated" :
		    p->ctx->suite->kex == KEX_TLS13 ? "of TLS 1.3" :
		    kex_label(p->ctx->suite->kex));
		dump(p, ind, cbs);
		return cbs_skip(cbs, cbs_len(cbs));
	}
	line(p, ind, "key_exchange=%s", kp->name);
	return fn(p, cbs, ind);
}

static int
pm_server_key_exchange(struct pr *p, struct cbs *cbs, int ind)
{
	return pm_kex(p, cbs, ind, 1);
}

static int
pm_client_key_exchange(struct pr *p, struct cbs *cbs, int ind)
{
	return pm_kex(p, cbs, ind, 0);
}

static int
pm_certificate_verify(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8446, 4.4.3; RFC 5246, 7.4.8 */
	return pr_signature(p, cbs, ind);
}

static int
pm_opaque(struct pr *p, struct cbs *cbs, int ind, const char *label)
{
	hexfield(p, ind, label, cbs);
	return cbs_skip(cbs, cbs_len(cbs));
}

static int
pm_finished(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8446, 4.4.4; RFC 5246, 7.4.9 */
	return pm_opaque(p, cbs, ind, "verify_data");
}

static int
pm_message_hash(struct pr *p, struct cbs *cbs, int ind)
{
	/* RFC 8446, 4.4.1: the hash of ClientHello1 */
	return pm_opaque(p, cbs, ind, "hash");
}

static int
pm_new_session_ticket(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs nonce, ticket;
	uint32_t lifetime, age_add;

	if (p->ctx->version != TLS1_3_VERSION) {
		/* RFC 5077, 3.3 */
		if (!get_u32(p, ind, cbs, &lifetime, "ticket_lifetime_hint"))
			return 0;
		line(p, ind, "ticket_lifetime_hint=%lu (seconds)",
		    (unsigned long)lifetime);
		if (!get_vec(p, ind, cbs, &ticket, 2, "ticket"))
			return 0;
		line(p, ind, "ticket (len=%zu)", cbs_len(&ticket));
		return 1;
	}
	/* RFC 8446, 4.6.1 */
	if (!get_u32(p, ind, cbs, &lifetime, "ticket_lifetime"))
		return 0;
	line(p, ind, "ticket_lifetime=%lu (seconds)", (unsigned long)lifetime);
	if (!get_u32(p, ind, cbs, &age_add, "ticket_age_add"))
		return 0;
	line(p, ind, "ticket_age_add=0x%08lx", (unsigned long)age_add);
	if (!get_vec(p, ind, cbs, &nonce, 1, "ticket_nonce"))
		return 0;
	hexfield(p, ind, "ticket_nonce", &nonce);
	if (!get_vec(p, ind, cbs, &ticket, 2, "ticket"))
		return 0;
	line(p, ind, "ticket (len=%zu)", cbs_len(&ticket));
	return pr_extensions(p, cbs, ind, 0);
}

static int
pm_key_update(struct pr *p, struct cbs *cbs, int ind)
{
	static const char *const names[] = { "update_not_requested",
	    "update_requested" };
	char buf[48];
	uint8_t v;

	/* RFC 8446, 4.6.3 */
	if (!get_u8(p, ind, cbs, &v, "request_update"))
		return 0;
	line(p, ind, "request_update=%s",
	    name8(v < 2 ? names[v] : NULL, v, buf, sizeof(buf)));
	return 1;
}

static int
pm_certificate_status(struct pr *p, struct cbs *cbs, int ind)
{
	struct cbs resp;
	char buf[32];
	uint8_t type;

	/* RFC 6066, 8 */
	if (!get_u8(p, ind, cbs, &type, "status_type"))
		return 0;
	line(p, ind, "status_type=%s",
	    name8(type == 1 ? "ocsp" : NULL, type, buf, sizeof(buf)));
	if (type != 1) {
		dump(p, ind, cbs);
		return cbs_skip(cbs, cbs_len(cbs));
	}
	if (!get_vec(p, ind, cbs, &resp, 3, "OCSPResponse"))
		return 0;
	line(p, ind, "ocsp_response (len=%zu)", cbs_len(&resp));
	return 1;
}

static const struct pm_printer {
	uint8_t		 type;
	int		(*fn)(struct pr *, struct cbs *, int);
} pm_printers[] = {
	{ HS_HELLO_REQUEST,		pm_empty },
	{ HS_CLIENT_HELLO,		pm_client_hello },
	{ HS_SERVER_HELLO,		pm_server_hello },
	{ HS_NEW_SESSION_TICKET,	pm_new_session_ticket },
	{ HS_END_OF_EARLY_DATA,		pm_empty },
	{ HS_ENCRYPTED_EXTENSIONS,	pm_encrypted_extensions },
	{ HS_CERTIFICATE,		pm_certificate },
	{ HS_SERVER_KEY_EXCHANGE,	pm_server_key_exchange },
	{ HS_CERTIFICATE_REQUEST,	pm_certificate_request },
	{ HS_SERVER_HELLO_DONE,		pm_empty },
	{ HS_CERTIFICATE_VERIFY,	pm_certificate_verify },
	{ HS_CLIENT_KEY_EXCHANGE,	pm_client_key_exchange },
	{ HS_FINISHED,			pm_finished },
	{ HS_CERTIFICATE_STATUS,	pm_certificate_status },
	{ HS_KEY_UPDATE,		pm_key_update },
	{ HS_MESSAGE_HASH,		pm_message_hash },
};

/* RFC 8446, 4.1.3: a ServerHello whose random is the HRR constant. */
static int
is_hrr(const struct cbs *body)
{
	struct cbs b = *body, random;

	return cbs_skip(&b, 2) && cbs_get_bytes(&b, &random, 32) &&
	    cbs_mem_equal(&random, tls13_hrr_random, 32);
}

void
tracefmt_handshake(const struct tracefmt_ctx *ctx, const uint8_t *msg,
    size_t len)
{
	const struct pm_printer *mp = NULL;
	struct pr p = { .ctx = ctx, .msg = "handshake message" };
	struct cbs cbs, body;
	const char *name;
	char nbuf[24];
	uint32_t mlen;
	uint8_t type;
	size_t i;

	if (ctx == NULL || ctx->out == NULL)
		return;
	p.out = ctx->out;
	cbs_init(&cbs, msg, len);
	/* RFC 8446, 4: msg_type, uint24 length, body */
	if (!cbs_get_u8(&cbs, &type) || !cbs_get_u24(&cbs, &mlen)) {
		bad(&p, HDR_INDENT, "header needs 4 bytes, have %zu", len);
		return;
	}
	p.msgtype = type;
	if ((name = handshake_name(type)) == NULL) {
		snprintf(nbuf, sizeof(nbuf), "unknown(%u)", type);
		name = nbuf;
	}
	if (type == HS_SERVER_HELLO && is_hrr(&cbs)) {
		p.msgtype = HS_HELLO_RETRY_REQUEST;
		name = "HelloRetryRequest";
	}
	p.msg = name;
	line(&p, HDR_INDENT, "%s, Length=%lu", name, (unsigned long)mlen);
	if (mlen > cbs_len(&cbs)) {
		bad(&p, HDR_INDENT + STEP, "length %lu exceeds remaining %zu",
		    (unsigned long)mlen, cbs_len(&cbs));
		return;
	}
	if (!get_fixed(&p, HDR_INDENT + STEP, &cbs, &body, mlen, "body"))
		return;
	for (i = 0; i < sizeof(pm_printers) / sizeof(pm_printers[0]); i++)
		if (pm_printers[i].type == type)
			mp = &pm_printers[i];
	if (mp == NULL)
		dump(&p, HDR_INDENT + STEP, &body);
	else if (mp->fn(&p, &body, HDR_INDENT + STEP))
		done(&p, HDR_INDENT + STEP, &body);
	if (cbs_len(&cbs) > 0)
		bad(&p, HDR_INDENT + STEP, "%zu bytes after the message",
		    cbs_len(&cbs));
}

void
tracefmt_alert(const struct tracefmt_ctx *ctx, const uint8_t *body,
    size_t len)
{
	struct pr p = { .ctx = ctx, .msg = "Alert" };
	struct cbs cbs;
	const char *l, *d;

	if (ctx == NULL || ctx->out == NULL)
		return;
	p.out = ctx->out;
	cbs_init(&cbs, body, len);
	/* RFC 8446, 6: AlertLevel level; AlertDescription description */
	if (len != 2) {
		bad(&p, HDR_INDENT, "length %zu, expected 2", len);
		dump(&p, HDR_INDENT + STEP, &cbs);
		return;
	}
	l = alert_level_name(body[0]);
	d = alert_name(body[1]);
	line(&p, HDR_INDENT, "Level=%s(%u), description=%s(%u)",
	    l != NULL ? l : "unknown", body[0], d != NULL ? d : "unknown",
	    body[1]);
}

void
tracefmt_extension(const struct tracefmt_ctx *ctx, uint8_t msgtype,
    uint16_t type, const uint8_t *body, size_t len, int indent)
{
	struct pr p = { .ctx = ctx, .msgtype = msgtype };
	struct cbs cbs;

	if (ctx == NULL || ctx->out == NULL)
		return;
	p.out = ctx->out;
	if ((p.msg = handshake_name(msgtype)) == NULL)
		p.msg = "handshake message";
	cbs_init(&cbs, body, len);
	pr_extension(&p, type, &cbs, indent < 0 ? 0 : indent);
}
