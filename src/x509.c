/*
 * x509.c -- certificates through libcrypto: parse DER off the wire, print
 * the fields a handshake trace and the summary want, verify the server's
 * chain and name against a trust store, check a stapled OCSP response, and
 * read the client's own certificates.  Certificates from the peer arrive as
 * DER, so d2i_X509() is the decoder used for them: the PEM/OSSL_DECODER
 * machinery costs a third of a millisecond a call and serves only the
 * files the user names (-CAfile, -cert, -cert_chain).
 *
 * Everything printed comes from the peer.  Names go through
 * XN_FLAG_ONELINE, which escapes control characters and bytes above 0x7e
 * (RFC 2253 escaping), and whatever libcrypto prints in several lines
 * (OCSP responses, subjectAltName) goes through put_escaped(), so a
 * hostile certificate cannot start a new output line or drive the
 * terminal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "keysched.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"
#include "x509.h"

/* s_client's default, XN_FLAG_ONELINE, until -nameopt says otherwise */
static unsigned long name_flags = XN_FLAG_ONELINE;
#define NAME_FLAGS	name_flags

/* openssl(1)'s -nameopt words (apps/lib/apps.c), with the masks they clear */
static const struct {
	const char	*name;
	unsigned long	 flag, mask;
} nameopts[] = {
	{ "esc_2253", ASN1_STRFLGS_ESC_2253, 0 },
	{ "esc_2254", ASN1_STRFLGS_ESC_2254, 0 },
	{ "esc_ctrl", ASN1_STRFLGS_ESC_CTRL, 0 },
	{ "esc_msb", ASN1_STRFLGS_ESC_MSB, 0 },
	{ "use_quote", ASN1_STRFLGS_ESC_QUOTE, 0 },
	{ "utf8", ASN1_STRFLGS_UTF8_CONVERT, 0 },
	{ "ignore_type", ASN1_STRFLGS_IGNORE_TYPE, 0 },
	{ "show_type", ASN1_STRFLGS_SHOW_TYPE, 0 },
	{ "dump_all", ASN1_STRFLGS_DUMP_ALL, 0 },
	{ "dump_nostr", ASN1_STRFLGS_DUMP_UNKNOWN, 0 },
	{ "dump_der", ASN1_STRFLGS_DUMP_DER, 0 },
	{ "compat", XN_FLAG_COMPAT, 0xffffffffUL },
	{ "sep_comma_plus", XN_FLAG_SEP_COMMA_PLUS, XN_FLAG_SEP_MASK },
	{ "sep_comma_plus_space", XN_FLAG_SEP_CPLUS_SPC, XN_FLAG_SEP_MASK },
	{ "sep_semi_plus_space", XN_FLAG_SEP_SPLUS_SPC, XN_FLAG_SEP_MASK },
	{ "sep_multiline", XN_FLAG_SEP_MULTILINE, XN_FLAG_SEP_MASK },
	{ "dn_rev", XN_FLAG_DN_REV, 0 },
	{ "nofname", XN_FLAG_FN_NONE, XN_FLAG_FN_MASK },
	{ "sname", XN_FLAG_FN_SN, XN_FLAG_FN_MASK },
	{ "lname", XN_FLAG_FN_LN, XN_FLAG_FN_MASK },
	{ "align", XN_FLAG_FN_ALIGN, 0 },
	{ "oid", XN_FLAG_FN_OID, XN_FLAG_FN_MASK },
	{ "space_eq", XN_FLAG_SPC_EQ, 0 },
	{ "dump_unknown", XN_FLAG_DUMP_UNKNOWN_FIELDS, 0 },
	{ "RFC2253", XN_FLAG_RFC2253, 0xffffffffUL },
	{ "oneline", XN_FLAG_ONELINE, 0xffffffffUL },
	{ "multiline", XN_FLAG_MULTILINE, 0xffffffffUL },
	{ "ca_default", XN_FLAG_MULTILINE, 0xffffffffUL },
};

int
x509_set_nameopt(const char *arg)
{
	static int set;
	char buf[512], *p, *tok;
	unsigned long f;
	size_t i;
	int on;

	/* as openssl(1): the first -nameopt starts from nothing */
	f = set ? name_flags : 0;
	if (strlcpy(buf, arg, sizeof(buf)) >= sizeof(buf))
		return -1;
	for (p = buf; (tok = strsep(&p, ",")) != NULL;) {
		on = 1;
		if (*tok == '-' || *tok == '+')
			on = *tok++ == '+';
		for (i = 0; i < sizeof(nameopts) / sizeof(nameopts[0]); i++)
			if (strcasecmp(tok, nameopts[i].name) == 0)
				break;
		if (i == sizeof(nameopts) / sizeof(nameopts[0]))
			return -1;
		f &= ~nameopts[i].mask;
		if (on)
			f |= nameopts[i].flag;
		else
			f &= ~nameopts[i].flag;
	}
	if (f != XN_FLAG_COMPAT && (f & XN_FLAG_SEP_MASK) == 0)
		f |= XN_FLAG_SEP_CPLUS_SPC;
	name_flags = f;
	set = 1;
	return 0;
}

/*
 * Copy what the memory BIO holds to out as one line, "label=...", and
 * empty the BIO for the next field.
 */
static void
flush_line(FILE *out, int indent, const char *label, BIO *mem)
{
	char *p;
	long n;

	n = BIO_get_mem_data(mem, &p);
	if (n < 0)
		n = 0;
	fprintf(out, "%*s%s=%.*s\n", indent, "", label,
	    (int)(n > INT_MAX ? INT_MAX : n), n > 0 ? p : "");
	(void)BIO_reset(mem);
}

static void
print_time(FILE *out, int indent, const char *label, const ASN1_TIME *t,
    BIO *mem)
{
	if (t == NULL || !ASN1_TIME_print(mem, t)) {
		(void)BIO_reset(mem);
		BIO_puts(mem, "<invalid time>");
	}
	flush_line(out, indent, label, mem);
}

/* public_key=RSA (2048 bits) or public_key=EC (256 bits, prime256v1) */
static void
print_pubkey(FILE *out, int indent, X509 *x)
{
	X509_PUBKEY *xpk;
	ASN1_OBJECT *alg = NULL;
	EVP_PKEY *pk;
	const char *type;
	char buf[80];
	size_t glen;

	pk = X509_get0_pubkey(x);
	if (pk == NULL) {
		/* The key did not decode; at least name its algorithm. */
		xpk = X509_get_X509_PUBKEY(x);
		if (xpk == NULL || !X509_PUBKEY_get0_param(&alg, NULL, NULL,
		    NULL, xpk) || alg == NULL ||
		    OBJ_obj2txt(buf, sizeof(buf), alg, 0) <= 0)
			strlcpy(buf, "unknown", sizeof(buf));
		fprintf(out, "%*spublic_key=%s (undecodable key)\n", indent,
		    "", buf);
		return;
	}
	type = EVP_PKEY_get0_type_name(pk);
	if (type == NULL)
		type = OBJ_nid2sn(EVP_PKEY_get_base_id(pk));
	if (type == NULL)
		type = "unknown";
	if (EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
	    buf, sizeof(buf), &glen) && glen > 0)
		fprintf(out, "%*spublic_key=%s (%d bits, %s)\n", indent, "",
		    type, EVP_PKEY_get_bits(pk), buf);
	else
		fprintf(out, "%*spublic_key=%s (%d bits)\n", indent, "", type,
		    EVP_PKEY_get_bits(pk));
}

static void
print_sigalg(FILE *out, int indent, const X509 *x)
{
	const ASN1_BIT_STRING *sig;
	const X509_ALGOR *algor;
	const ASN1_OBJECT *obj = NULL;
	char buf[80];

	X509_get0_signature(&sig, &algor, x);
	if (algor != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, algor);
	if (obj == NULL || OBJ_obj2txt(buf, sizeof(buf), obj, 0) <= 0)
		strlcpy(buf, "unknown", sizeof(buf));
	fprintf(out, "%*ssignature_algorithm=%s\n", indent, "", buf);
}

int
x509_print_brief(FILE *out, int indent, const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = NULL;
	BIO *mem = NULL;
	int ret = -1;

	if (der == NULL || len == 0 || len > LONG_MAX)
		goto out;
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;

	if (X509_NAME_print_ex(mem, X509_get_subject_name(x), 0,
	    NAME_FLAGS) < 0)
		(void)BIO_reset(mem);
	flush_line(out, indent, "subject", mem);
	if (X509_NAME_print_ex(mem, X509_get_issuer_name(x), 0,
	    NAME_FLAGS) < 0)
		(void)BIO_reset(mem);
	flush_line(out, indent, "issuer", mem);
	print_time(out, indent, "notBefore", X509_get0_notBefore(x), mem);
	print_time(out, indent, "notAfter", X509_get0_notAfter(x), mem);
	print_pubkey(out, indent, x);
	print_sigalg(out, indent, x);
	/* The TLS vector bounds the certificate; DER inside must fill it. */
	if (p != der + len)
		fprintf(out, "%*s<%zu bytes after the certificate>\n", indent,
		    "", len - (size_t)(p - der));
	ret = 0;
 out:
	BIO_free(mem);
	X509_free(x);
	return ret;
}

int
x509_print_name(FILE *out, int indent, const char *label,
    const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509_NAME *name = NULL;
	BIO *mem = NULL;
	int ret = -1;

	if (der == NULL || len == 0 || len > LONG_MAX)
		goto out;
	/* RFC 5246, 7.4.4: a DER-encoded DistinguishedName, nothing after. */
	if ((name = d2i_X509_NAME(NULL, &p, (long)len)) == NULL ||
	    p != der + len)
		goto out;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	if (X509_NAME_print_ex(mem, name, 0, NAME_FLAGS) < 0)
		goto out;
	flush_line(out, indent, label, mem);
	ret = 0;
 out:
	BIO_free(mem);
	X509_NAME_free(name);
	return ret;
}

/*
 * Write n bytes of libcrypto's text to out with every control character
 * but the newline, and every byte above 0x7e, as \xNN.
 */
static void
put_escaped(FILE *out, const char *p, size_t n)
{
	unsigned char ch;
	size_t i;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)p[i];
		if (ch == '\n' || (ch >= 0x20 && ch < 0x7f))
			putc(ch, out);
		else
			fprintf(out, "\\x%02x", ch);
	}
}

/* The same into a string: at most len - 1 characters, always ended. */
static void
str_escaped(char *buf, size_t len, const char *p, size_t n)
{
	unsigned char ch;
	size_t i, o = 0;

	if (len == 0)
		return;
	for (i = 0; i < n && o + 1 < len; i++) {
		ch = (unsigned char)p[i];
		if (ch >= 0x20 && ch < 0x7f)
			buf[o++] = (char)ch;
		else if (o + 5 < len)
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", ch);
		else
			break;
	}
	buf[o] = '\0';
}

/* Move what the memory BIO holds to out, escaped, and empty it. */
static void
flush_escaped(FILE *out, BIO *mem)
{
	char *p;
	long n;

	n = BIO_get_mem_data(mem, &p);
	if (n > 0)
		put_escaped(out, p, (size_t)n);
	(void)BIO_reset(mem);
}

/* The memory BIO's text, escaped, as a string; empties the BIO. */
static void
mem_to_str(BIO *mem, char *buf, size_t len)
{
	char *p;
	long n;

	n = BIO_get_mem_data(mem, &p);
	str_escaped(buf, len, n > 0 ? p : "", n > 0 ? (size_t)n : 0);
	(void)BIO_reset(mem);
}

static void
name_str(const X509_NAME *name, char *buf, size_t len)
{
	BIO *mem;

	if (len > 0)
		buf[0] = '\0';
	if (name == NULL || (mem = BIO_new(BIO_s_mem())) == NULL)
		return;
	if (X509_NAME_print_ex(mem, name, 0, NAME_FLAGS) >= 0)
		mem_to_str(mem, buf, len);
	BIO_free(mem);
}

static void
time_str(const ASN1_TIME *t, char *buf, size_t len)
{
	BIO *mem;

	snprintf(buf, len, "<invalid time>");
	if (t == NULL || (mem = BIO_new(BIO_s_mem())) == NULL)
		return;
	if (ASN1_TIME_print(mem, t))
		mem_to_str(mem, buf, len);
	BIO_free(mem);
	ERR_clear_error();
}

/*
 * Parsed certificates, by their DER bytes.  d2i_X509 is the largest single
 * cost of a handshake after libcrypto's own start-up (it decodes the key
 * and caches the extensions), and the summary, the verification and the
 * signature check all look at the same few certificates: parse each once.
 */
#define CERT_CACHE	16

static struct {
	const uint8_t	*der;
	size_t		 len;
	X509		*x;
} cert_cache[CERT_CACHE];
static size_t cert_cache_next;

/* A whole DER certificate, nothing after it, up-referenced; NULL otherwise. */
X509 *
x509_cert_from_der(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	size_t i;
	X509 *x;

	if (der == NULL || len == 0 || len > LONG_MAX)
		return NULL;
	for (i = 0; i < CERT_CACHE; i++)
		if (cert_cache[i].x != NULL && cert_cache[i].len == len &&
		    memcmp(cert_cache[i].der, der, len) == 0) {
			if (X509_up_ref(cert_cache[i].x) != 1)
				return NULL;
			return cert_cache[i].x;
		}
	x = d2i_X509(NULL, &p, (long)len);
	if (x != NULL && p != der + len) {
		X509_free(x);
		x = NULL;
	}
	if (x == NULL) {
		ERR_clear_error();
		return NULL;
	}
	i = cert_cache_next++ % CERT_CACHE;
	X509_free(cert_cache[i].x);
	free((void *)cert_cache[i].der);
	cert_cache[i].x = NULL;
	if ((cert_cache[i].der = malloc(len)) != NULL &&
	    X509_up_ref(x) == 1) {
		memcpy((void *)cert_cache[i].der, der, len);
		cert_cache[i].len = len;
		cert_cache[i].x = x;
	}
	return x;
}

void
x509_cert_cache_clear(void)
{
	size_t i;

	for (i = 0; i < CERT_CACHE; i++) {
		X509_free(cert_cache[i].x);
		free((void *)cert_cache[i].der);
		cert_cache[i].x = NULL;
		cert_cache[i].der = NULL;
	}
}

static X509 *
cert_from_der(const uint8_t *der, size_t len)
{
	return x509_cert_from_der(der, len);
}

int
x509_name_text(const uint8_t *der, size_t len, char *buf, size_t buflen)
{
	const unsigned char *p = der;
	X509_NAME *name;

	if (buflen > 0)
		buf[0] = '\0';
	if (der == NULL || len == 0 || len > LONG_MAX)
		return -1;
	/* RFC 5246, 7.4.4: one DER DistinguishedName, nothing after it */
	if ((name = d2i_X509_NAME(NULL, &p, (long)len)) == NULL ||
	    p != der + len) {
		X509_NAME_free(name);
		ERR_clear_error();
		return -1;
	}
	name_str(name, buf, buflen);
	X509_NAME_free(name);
	return 0;
}

/* --- the trust store ------------------------------------------------ */

/*
 * One store for the process: every connection of a run trusts the same
 * anchors, and a hashed-directory lookup caches what it has read.
 */
static X509_STORE *trust;

static const char *
ossl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return r != NULL ? r : "no certificate found";
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
add_dir(X509_STORE *st, const char *dir)
{
	X509_LOOKUP *lu;

	if ((lu = X509_STORE_add_lookup(st, X509_LOOKUP_hash_dir())) == NULL)
		return 0;
	return X509_LOOKUP_add_dir(lu, dir, X509_FILETYPE_PEM) == 1;
}

static int
add_file(X509_STORE *st, const char *file)
{
	X509_LOOKUP *lu;

	if ((lu = X509_STORE_add_lookup(st, X509_LOOKUP_file())) == NULL)
		return 0;
	return X509_LOOKUP_load_file(lu, file, X509_FILETYPE_PEM) > 0;
}

static int
add_store(X509_STORE *st, const char *uri)
{
	return X509_STORE_load_store(st, uri) == 1;
}

/* The named locations, or why one cannot be used. */
static int
add_named(X509_STORE *st, const char *file, const char *path,
    const char *uri, const char *pfx, char *err, size_t errlen)
{
	if (file != NULL && !add_file(st, file)) {
		snprintf(err, errlen, "-%sCAfile %s: %s", pfx, file,
		    access(file, R_OK) != 0 ? strerror(errno) : ossl_reason());
		return -1;
	}
	if (path != NULL && (!is_dir(path) || !add_dir(st, path))) {
		snprintf(err, errlen, "-%sCApath %s: not a directory", pfx,
		    path);
		return -1;
	}
	if (uri != NULL && !add_store(st, uri)) {
		snprintf(err, errlen, "-%sCAstore %s: %s", pfx, uri,
		    ossl_reason());
		return -1;
	}
	return 0;
}

/*
 * The system's anchors.  The hashed directory costs nothing until a
 * lookup, and then one file per issuer; the bundle file (a few hundred
 * certificates, parsed whole) is the fallback.  SSL_CERT_DIR and
 * SSL_CERT_FILE override both, as for every libcrypto program.  s_client
 * reaches the directory twice, as its default CApath and as its default
 * CAstore, so only -no-CApath with -no-CAstore leaves it out there; the
 * same switches do the same here.
 */
static void
add_defaults(X509_STORE *st, const struct x509_trust_opts *o)
{
	const char *dir, *file;

	if ((dir = getenv(X509_get_default_cert_dir_env())) == NULL)
		dir = X509_get_default_cert_dir();
	if ((file = getenv(X509_get_default_cert_file_env())) == NULL)
		file = X509_get_default_cert_file();
	if (!(o->no_capath && o->no_castore) && is_dir(dir))
		(void)add_dir(st, dir);
	else if (!o->no_cafile)
		(void)add_file(st, file);
	ERR_clear_error();
}

/* -CRL: the file's first CRL, PEM or DER, into the store (as s_client). */
static int
add_crls(X509_STORE *st, const char *file, char *err, size_t errlen)
{
	X509_CRL *crl;
	BIO *bio;
	int n = 0;

	if ((bio = BIO_new_file(file, "rb")) == NULL) {
		snprintf(err, errlen, "-CRL %s: %s", file, strerror(errno));
		return -1;
	}
	if ((crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL)) != NULL) {
		n += X509_STORE_add_crl(st, crl) == 1;
		X509_CRL_free(crl);
	}
	if (n == 0 && BIO_reset(bio) == 0 &&
	    (crl = d2i_X509_CRL_bio(bio, NULL)) != NULL) {
		n += X509_STORE_add_crl(st, crl) == 1;
		X509_CRL_free(crl);
	}
	BIO_free(bio);
	ERR_clear_error();
	if (n == 0) {
		snprintf(err, errlen, "-CRL %s: no PEM or DER CRL in it", file);
		return -1;
	}
	return 0;
}

/*
 * -crl_download: as s_client (apps/lib/apps.c, crls_http_cb), the CRL of
 * each certificate comes from the first URI of its CRL distribution
 * points, over HTTP, when the verifier asks; nothing is looked up in the
 * store.  Only http: URIs, as libcrypto's HTTP client speaks no TLS here.
 */
static int crl_timeout = 10;

static X509_CRL *
crl_from_dps(STACK_OF(DIST_POINT) *dps)
{
	DIST_POINT *dp;
	GENERAL_NAME *gn;
	ASN1_IA5STRING *uri;
	char url[1024];
	int i, j, type;

	for (i = 0; i < sk_DIST_POINT_num(dps); i++) {
		dp = sk_DIST_POINT_value(dps, i);
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		for (j = 0; j < sk_GENERAL_NAME_num(dp->distpoint->name.fullname);
		    j++) {
			gn = sk_GENERAL_NAME_value(dp->distpoint->name.fullname,
			    j);
			uri = GENERAL_NAME_get0_value(gn, &type);
			if (type != GEN_URI || uri == NULL ||
			    uri->length <= 7 || uri->length >= (int)sizeof(url))
				continue;
			memcpy(url, uri->data, (size_t)uri->length);
			url[uri->length] = '\0';
			if (strncmp(url, "http://", 7) != 0)
				continue;
			return X509_CRL_load_http(url, NULL, NULL,
			    crl_timeout);
		}
	}
	return NULL;
}

static STACK_OF(X509_CRL) *
crls_http_cb(const X509_STORE_CTX *ctx, const X509_NAME *nm)
{
	STACK_OF(X509_CRL) *crls;
	STACK_OF(DIST_POINT) *dps;
	X509_CRL *crl;
	X509 *x;

	(void)nm;
	x = X509_STORE_CTX_get_current_cert(ctx);
	if (x == NULL || (crls = sk_X509_CRL_new_null()) == NULL)
		return NULL;
	dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL, NULL);
	crl = crl_from_dps(dps);
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	if (crl == NULL || !sk_X509_CRL_push(crls, crl)) {
		X509_CRL_free(crl);
		sk_X509_CRL_free(crls);
		return NULL;
	}
	/* a delta CRL too, when the certificate names one */
	dps = X509_get_ext_d2i(x, NID_freshest_crl, NULL, NULL);
	if ((crl = crl_from_dps(dps)) != NULL && !sk_X509_CRL_push(crls, crl))
		X509_CRL_free(crl);
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return crls;
}

int
x509_trust_load(const struct x509_trust_opts *o, char *err, size_t errlen)
{
	X509_STORE *st;

	if (trust != NULL)
		return 0;
	tp_crypto_init();
	if ((st = X509_STORE_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (o->vfy_cafile != NULL || o->vfy_capath != NULL ||
	    o->vfy_castore != NULL) {
		/* s_client's verify store: these alone verify the server */
		if (add_named(st, o->vfy_cafile, o->vfy_capath, o->vfy_castore,
		    "verify", err, errlen) != 0)
			goto fail;
	} else if (o->cafile != NULL || o->capath != NULL ||
	    o->castore != NULL) {
		/* as s_client: named locations replace the defaults */
		if (add_named(st, o->cafile, o->capath, o->castore, "", err,
		    errlen) != 0)
			goto fail;
	} else
		add_defaults(st, o);
	if (o->crlfile != NULL && add_crls(st, o->crlfile, err, errlen) != 0)
		goto fail;
	if (o->crl_download) {
		if (o->crl_timeout > 0)
			crl_timeout = o->crl_timeout;
		X509_STORE_set_lookup_crls(st, crls_http_cb);
	}
	trust = st;
	return 0;
 fail:
	X509_STORE_free(st);
	ERR_clear_error();
	return -1;
}

void
x509_trust_reset(void)
{
	X509_STORE_free(trust);
	trust = NULL;
	x509_cert_cache_clear();
}

/* --- chain verification ---------------------------------------------- */

/*
 * The alert for a verification error: the mapping TLS stacks use (an
 * unknown issuer is unknown_ca, an expired certificate
 * certificate_expired; RFC 5246, 7.2.2), certificate_unknown for the rest.
 */
static const struct {
	int	 code;
	int	 alert;
} verify_alerts[] = {
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_INVALID_CA, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_PATH_LENGTH_EXCEEDED, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_CERT_CHAIN_TOO_LONG, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_CRL, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, ALERT_UNKNOWN_CA },
	{ X509_V_ERR_CERT_HAS_EXPIRED, ALERT_CERTIFICATE_EXPIRED },
	{ X509_V_ERR_CRL_HAS_EXPIRED, ALERT_CERTIFICATE_EXPIRED },
	{ X509_V_ERR_CERT_REVOKED, ALERT_CERTIFICATE_REVOKED },
	{ X509_V_ERR_CERT_SIGNATURE_FAILURE, ALERT_DECRYPT_ERROR },
	{ X509_V_ERR_CRL_SIGNATURE_FAILURE, ALERT_DECRYPT_ERROR },
	{ X509_V_ERR_INVALID_PURPOSE, ALERT_UNSUPPORTED_CERTIFICATE },
	{ X509_V_ERR_CERT_NOT_YET_VALID, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_CRL_NOT_YET_VALID, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_CERT_UNTRUSTED, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_CERT_REJECTED, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_HOSTNAME_MISMATCH, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_IP_ADDRESS_MISMATCH, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_EMAIL_MISMATCH, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_EE_KEY_TOO_SMALL, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_CA_KEY_TOO_SMALL, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_CA_MD_TOO_WEAK, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY,
	    ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE, ALERT_BAD_CERTIFICATE },
	{ X509_V_ERR_OUT_OF_MEM, ALERT_INTERNAL_ERROR },
	{ X509_V_ERR_UNSPECIFIED, ALERT_INTERNAL_ERROR },
	{ X509_V_ERR_STORE_LOOKUP, ALERT_INTERNAL_ERROR },
};

int
x509_verify_alert(int code)
{
	size_t i;

	for (i = 0; i < sizeof(verify_alerts) / sizeof(verify_alerts[0]); i++)
		if (verify_alerts[i].code == code)
			return verify_alerts[i].alert;
	return ALERT_CERTIFICATE_UNKNOWN;
}

const char *
x509_verify_text(int code)
{
	return X509_verify_cert_error_string(code);
}

/* s_client's flag-only verification options (OPT_V_CASES) */
static const struct {
	const char	*opt;
	unsigned long	 flag;
} vflags[] = {
	{ "-crl_check", X509_V_FLAG_CRL_CHECK },
	{ "-crl_check_all", X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL },
	{ "-x509_strict", X509_V_FLAG_X509_STRICT },
	{ "-partial_chain", X509_V_FLAG_PARTIAL_CHAIN },
	{ "-trusted_first", X509_V_FLAG_TRUSTED_FIRST },
	{ "-no_alt_chains", X509_V_FLAG_NO_ALT_CHAINS },
	{ "-ignore_critical", X509_V_FLAG_IGNORE_CRITICAL },
	{ "-issuer_checks", 0 },	/* a no-op since OpenSSL 1.1.0 */
	{ "-check_ss_sig", X509_V_FLAG_CHECK_SS_SIGNATURE },
	{ "-policy_check", X509_V_FLAG_POLICY_CHECK },
	{ "-explicit_policy", X509_V_FLAG_EXPLICIT_POLICY },
	{ "-inhibit_any", X509_V_FLAG_INHIBIT_ANY },
	{ "-inhibit_map", X509_V_FLAG_INHIBIT_MAP },
	{ "-extended_crl", X509_V_FLAG_EXTENDED_CRL_SUPPORT },
	{ "-use_deltas", X509_V_FLAG_USE_DELTAS },
	{ "-allow_proxy_certs", X509_V_FLAG_ALLOW_PROXY_CERTS },
	{ "-no_check_time", X509_V_FLAG_NO_CHECK_TIME },
	{ "-suiteB_128_only", X509_V_FLAG_SUITEB_128_LOS_ONLY },
	{ "-suiteB_128", X509_V_FLAG_SUITEB_128_LOS },
	{ "-suiteB_192", X509_V_FLAG_SUITEB_192_LOS },
};

int
x509_verify_flag(const char *opt, unsigned long *flags)
{
	size_t i;

	for (i = 0; i < sizeof(vflags) / sizeof(vflags[0]); i++)
		if (strcmp(opt, vflags[i].opt) == 0) {
			*flags |= vflags[i].flag;
			return 1;
		}
	return 0;
}

int
x509_purpose_id(const char *name)
{
	X509_PURPOSE *xp;
	int i;

	if ((i = X509_PURPOSE_get_by_sname(name)) < 0 ||
	    (xp = X509_PURPOSE_get0(i)) == NULL)
		return -1;
	return X509_PURPOSE_get_id(xp);
}

int
x509_vparam_known(const char *name)
{
	return X509_VERIFY_PARAM_lookup(name) != NULL;
}

int
x509_policy_known(const char *oid)
{
	ASN1_OBJECT *o;

	if ((o = OBJ_txt2obj(oid, 0)) == NULL) {
		ERR_clear_error();
		return 0;
	}
	ASN1_OBJECT_free(o);
	return 1;
}

int
x509_tlsa_parse(const char *rr, struct x509_tlsa *t, char *err,
    size_t errlen)
{
	unsigned u, sel, mt;
	const char *p;
	int n = 0, hi;
	size_t i;

	memset(t, 0, sizeof(*t));
	/* as s_client: "usage selector mtype hex", each number 0..255 */
	if (sscanf(rr, "%u %u %u %n", &u, &sel, &mt, &n) != 3 || n == 0 ||
	    u > 255 || sel > 255 || mt > 255) {
		snprintf(err, errlen, "-dane_tlsa_rrdata '%s': want \"usage "
		    "selector mtype hex-data\"", rr);
		return -1;
	}
	if (u > 3 || sel > 1 || mt > 2) {
		snprintf(err, errlen, "-dane_tlsa_rrdata '%s': usage 0-3, "
		    "selector 0-1 and matching type 0-2 are defined "
		    "(RFC 6698, 7218)", rr);
		return -1;
	}
	t->usage = (uint8_t)u;
	t->selector = (uint8_t)sel;
	t->mtype = (uint8_t)mt;
	for (p = rr + n, i = 0, hi = -1; *p != '\0'; p++) {
		int v;

		if (*p >= '0' && *p <= '9')
			v = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			v = *p - 'A' + 10;
		else {
			snprintf(err, errlen, "-dane_tlsa_rrdata '%s': the data "
			    "is not hex", rr);
			return -1;
		}
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (i == sizeof(t->data)) {
			snprintf(err, errlen, "-dane_tlsa_rrdata '%s': more "
			    "than %zu bytes of data", rr, sizeof(t->data));
			return -1;
		}
		t->data[i++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0 || i == 0 || (mt == 1 && i != 32) || (mt == 2 && i != 64)) {
		snprintf(err, errlen, "-dane_tlsa_rrdata '%s': the data has "
		    "the wrong length for matching type %u", rr, mt);
		return -1;
	}
	t->len = i;
	return 0;
}

struct vstate {
	FILE	*out;
	int	 stop;
	int	 quiet;		/* -verify_quiet */
	int	 limit;		/* -verify N, or 0 */
	int	 aborted;
	X509_STORE *ta;		/* DANE-TA anchors: not reported, as there */
	int	 code;
	int	 depth;
	char	 subject[256];
};

/*
 * Called by X509_verify_cert() for each certificate and each error; prints
 * what openssl-s_client(1) prints (apps/lib/s_cb.c, verify_callback), line
 * for line, so that the two can be compared.  Without stop, an error is
 * noted and verification goes on; an error deeper than -verify N ends it
 * with "certificate chain too long", as there.
 */
static int
verify_cb(int ok, X509_STORE_CTX *ctx)
{
	struct vstate *vs = X509_STORE_CTX_get_app_data(ctx);
	X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	int err = X509_STORE_CTX_get_error(ctx);
	int depth = X509_STORE_CTX_get_error_depth(ctx);
	FILE *out;
	char buf[256];

	if (vs == NULL)
		return ok;
	if (ok && vs->ta != NULL && cert != NULL && depth > 0 &&
	    X509_STORE_CTX_get0_chain(ctx) != NULL &&
	    depth == sk_X509_num(X509_STORE_CTX_get0_chain(ctx)) - 1)
		return ok;
	out = vs->quiet && ok ? NULL : vs->out;
	if (cert != NULL)
		name_str(X509_get_subject_name(cert), buf, sizeof(buf));
	if (out != NULL)
		fprintf(out, "depth=%d %s\n", depth, cert != NULL ? buf :
		    "<no cert>");
	if (!ok) {
		if (out != NULL)
			fprintf(out, "verify error:num=%d:%s\n", err,
			    X509_verify_cert_error_string(err));
		vs->code = err;
		vs->depth = depth;
		strlcpy(vs->subject, cert != NULL ? buf : "<no cert>",
		    sizeof(vs->subject));
		if (vs->limit <= 0 || vs->limit >= depth) {
			if (!vs->stop)
				ok = 1;
		} else {
			ok = 0;
			vs->aborted = 1;
			vs->code = X509_V_ERR_CERT_CHAIN_TOO_LONG;
		}
	}
	/* s_cb.c prints these whatever -verify_quiet says */
	out = vs->out;
	if (out != NULL && cert != NULL) {
		switch (err) {
		case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
			name_str(X509_get_issuer_name(cert), buf, sizeof(buf));
			fprintf(out, "issuer= %s\n", buf);
			break;
		case X509_V_ERR_CERT_NOT_YET_VALID:
		case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
			time_str(X509_get0_notBefore(cert), buf, sizeof(buf));
			fprintf(out, "notBefore=%s\n", buf);
			break;
		case X509_V_ERR_CERT_HAS_EXPIRED:
		case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
			time_str(X509_get0_notAfter(cert), buf, sizeof(buf));
			fprintf(out, "notAfter=%s\n", buf);
			break;
		default:
			break;
		}
	}
	if (ok && !vs->quiet && vs->out != NULL)
		fprintf(vs->out, "verify return:%d\n", ok);
	return ok;
}

/* --- DANE (RFC 6698, 7671) --------------------------------------------- */

/* Does TLSA record t match certificate x? */
static int
tlsa_match(const struct x509_tlsa *t, X509 *x)
{
	unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	int len, ret = 0;

	len = t->selector == 0 ? i2d_X509(x, &der) :
	    i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
	if (len <= 0)
		goto out;
	switch (t->mtype) {
	case 0:
		ret = (size_t)len == t->len && memcmp(der, t->data, t->len) == 0;
		break;
	case 1:
	case 2:
		if (EVP_Digest(der, (size_t)len, md, &mdlen, t->mtype == 1 ?
		    EVP_sha256() : EVP_sha512(), NULL) == 1)
			ret = mdlen == t->len && memcmp(md, t->data, mdlen) == 0;
		break;
	}
 out:
	OPENSSL_free(der);
	ERR_clear_error();
	return ret;
}

/* s_client's "DANE TLSA ..." line for record t matched at depth. */
static void
dane_line(struct x509_verify_result *res, const struct x509_tlsa *t,
    int depth)
{
	char hex[2 * 12 + 1];
	size_t n, off, i;

	/* apps/lib/s_cb.c: the last 12 bytes, after "..." when longer */
	n = t->len > 12 ? 12 : t->len;
	off = t->len - n;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", t->data[off + i]);
	hex[2 * n] = '\0';
	res->dane_depth = depth;
	snprintf(res->dane_line, sizeof(res->dane_line),
	    "DANE TLSA %u %u %u %s%s %s at depth %d", t->usage, t->selector,
	    t->mtype, t->len > 12 ? "..." : "", hex, depth ?
	    "matched TA certificate" : "matched EE certificate", depth);
}

/*
 * DANE-EE(3): a matching leaf authenticates the server by itself, no
 * chain and no validity period (RFC 7671, 5.1); the name is still checked
 * unless -dane_ee_no_namechecks (as libcrypto does).  Returns 1 when a
 * record matched (res filled, the s_client lines printed), else 0.
 */
static int
dane_ee(const struct x509_verify_opts *o, X509 *leaf, struct vstate *vs,
    struct x509_verify_result *res)
{
	char subj[256];
	size_t i;
	int err = X509_V_OK;

	for (i = 0; i < o->ntlsa; i++)
		if (o->tlsa[i].usage == 3 && tlsa_match(&o->tlsa[i], leaf))
			break;
	if (i == o->ntlsa)
		return 0;
	dane_line(res, &o->tlsa[i], 0);
	if (!o->dane_ee_no_names && o->host != NULL && o->host[0] != '\0' &&
	    X509_check_host(leaf, o->host, 0, 0, NULL) != 1)
		err = X509_V_ERR_HOSTNAME_MISMATCH;
	name_str(X509_get_subject_name(leaf), subj, sizeof(subj));
	if (vs->out != NULL && (!vs->quiet || err != X509_V_OK))
		fprintf(vs->out, "depth=0 %s\n", subj);
	if (err != X509_V_OK && vs->out != NULL)
		fprintf(vs->out, "verify error:num=%d:%s\n", err,
		    X509_verify_cert_error_string(err));
	if ((err == X509_V_OK || !vs->stop) && !vs->quiet && vs->out != NULL)
		fprintf(vs->out, "verify return:1\n");
	/* libcrypto then reports the match itself: depth 0 again */
	if (err != X509_V_OK && !vs->stop && !vs->quiet && vs->out != NULL)
		fprintf(vs->out, "depth=0 %s\nverify return:1\n", subj);
	res->code = err;
	res->depth = 0;
	if (err != X509_V_OK)
		strlcpy(res->subject, subj, sizeof(res->subject));
	else if (o->host != NULL && !o->dane_ee_no_names)
		str_escaped(res->peername, sizeof(res->peername), o->host,
		    strlen(o->host));
	return 1;
}

/*
 * No trust-anchor record (usage 0 or 2) and no PKIX-EE record matching the
 * leaf: as libcrypto (dane_verify), fail at depth 0 without building a
 * chain.  Returns 1 when that is the case (res filled), else 0.
 */
static int
dane_early_fail(const struct x509_verify_opts *o, X509 *leaf,
    struct vstate *vs, struct x509_verify_result *res)
{
	size_t i;

	for (i = 0; i < o->ntlsa; i++)
		if (o->tlsa[i].usage == 0 || o->tlsa[i].usage == 2 ||
		    (o->tlsa[i].usage == 1 && tlsa_match(&o->tlsa[i], leaf)))
			return 0;
	res->code = X509_V_ERR_DANE_NO_MATCH;
	res->depth = 0;
	name_str(X509_get_subject_name(leaf), res->subject,
	    sizeof(res->subject));
	if (vs->out != NULL) {
		fprintf(vs->out, "depth=0 %s\nverify error:num=%d:%s\n",
		    res->subject, res->code,
		    X509_verify_cert_error_string(res->code));
		if (!vs->stop && !vs->quiet)
			fprintf(vs->out, "verify return:1\n");
	}
	return 1;
}

/*
 * After the PKIX chain is built: PKIX-EE(1) must match the leaf, PKIX-TA(0)
 * and DANE-TA(2) a certificate above it.  Returns the depth matched and
 * fills the DANE line, or -1.
 */
static int
dane_chain(const struct x509_verify_opts *o, STACK_OF(X509) *chain,
    struct x509_verify_result *res)
{
	int d;
	size_t i;

	for (d = 0; d < sk_X509_num(chain); d++)
		for (i = 0; i < o->ntlsa; i++) {
			const struct x509_tlsa *t = &o->tlsa[i];

			if (t->usage == 3 || (t->usage == 1) != (d == 0))
				continue;
			if (tlsa_match(t, sk_X509_value(chain, d))) {
				dane_line(res, t, d);
				return d;
			}
		}
	return -1;
}

/*
 * DANE-TA(2): a certificate the server sent that matches becomes a trust
 * anchor (RFC 7671, 5.2), in a store of its own.
 */
static X509_STORE *
dane_ta_store(const struct x509_verify_opts *o, STACK_OF(X509) *sent)
{
	X509_STORE *st = NULL;
	size_t i;
	int d;

	for (d = 0; d < sk_X509_num(sent); d++)
		for (i = 0; i < o->ntlsa; i++) {
			if (o->tlsa[i].usage != 2 ||
			    !tlsa_match(&o->tlsa[i], sk_X509_value(sent, d)))
				continue;
			if (st == NULL && (st = X509_STORE_new()) == NULL)
				return NULL;
			(void)X509_STORE_add_cert(st, sk_X509_value(sent, d));
		}
	return st;
}

int
x509_verify(const struct x509_verify_opts *o, const uint8_t *const *der,
    const size_t *len, size_t n, struct x509_verify_result *res)
{
	STACK_OF(X509) *untrusted = NULL, *sent = NULL;
	X509_STORE_CTX *ctx = NULL;
	X509_STORE *store, *tastore = NULL;
	X509_VERIFY_PARAM *param;
	const X509_VERIFY_PARAM *named;
	ASN1_OBJECT *pol;
	X509 *leaf = NULL, *x;
	struct vstate vs;
	const char *peer;
	char err[256];
	size_t i;
	int rv, md, ret = -1;

	memset(res, 0, sizeof(*res));
	memset(&vs, 0, sizeof(vs));
	res->dane_depth = -1;
	res->code = X509_V_ERR_UNSPECIFIED;
	if (n == 0 || x509_trust_load(&o->trust, err, sizeof(err)) != 0)
		goto out;
	res->code = X509_V_ERR_OUT_OF_MEM;
	if ((untrusted = sk_X509_new_null()) == NULL ||
	    (sent = sk_X509_new_null()) == NULL)
		goto out;
	/*
	 * A leaf that does not decode cannot be verified (the handshake has
	 * already rejected it); an intermediate that does not decode is left
	 * out, and the chain then fails for want of an issuer.
	 */
	res->code = X509_V_ERR_UNSPECIFIED;
	if ((leaf = cert_from_der(der[0], len[0])) == NULL)
		goto out;
	if (!sk_X509_push(sent, leaf))
		goto out;
	for (i = 1; i < n; i++) {
		if ((x = cert_from_der(der[i], len[i])) == NULL)
			continue;
		if (!sk_X509_push(untrusted, x)) {
			X509_free(x);
			goto out;
		}
		(void)sk_X509_push(sent, x);
	}
	vs.out = o->out;
	vs.stop = o->stop_at_first;
	vs.quiet = o->quiet;
	vs.limit = o->limit;
	if (o->ntlsa > 0 && dane_ee(o, leaf, &vs, res)) {
		ret = 0;
		goto out;
	}
	if (o->ntlsa > 0 && dane_early_fail(o, leaf, &vs, res)) {
		ret = 0;
		goto out;
	}
	store = trust;
	if (o->ntlsa > 0 && (tastore = dane_ta_store(o, sent)) != NULL) {
		store = tastore;
		vs.ta = tastore;
	}
	if ((ctx = X509_STORE_CTX_new()) == NULL ||
	    X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1)
		goto out;
	/* what libssl does for a client: purpose and trust "ssl_server" */
	if (X509_STORE_CTX_set_default(ctx, "ssl_server") != 1)
		goto out;
	param = X509_STORE_CTX_get0_param(ctx);
	if (o->vparam != NULL &&
	    (named = X509_VERIFY_PARAM_lookup(o->vparam)) != NULL)
		(void)X509_VERIFY_PARAM_set1(param, named);
	if (o->purpose > 0)
		(void)X509_VERIFY_PARAM_set_purpose(param, o->purpose);
	/* the security level's minimum key sizes and digests (66, 67, 68) */
	X509_VERIFY_PARAM_set_auth_level(param, o->auth_level);
	if (o->has_depth)
		X509_VERIFY_PARAM_set_depth(param, o->depth);
	if (o->flags != 0)
		(void)X509_VERIFY_PARAM_set_flags(param, o->flags);
	if (tastore != NULL)
		(void)X509_VERIFY_PARAM_set_flags(param,
		    X509_V_FLAG_PARTIAL_CHAIN);
	if (o->policy != NULL && (pol = OBJ_txt2obj(o->policy, 0)) != NULL &&
	    !X509_VERIFY_PARAM_add0_policy(param, pol))
		ASN1_OBJECT_free(pol);
	if (o->tlsa_domain != NULL) {
		if (X509_VERIFY_PARAM_set1_host(param, o->tlsa_domain, 0) != 1)
			goto out;
	} else if (o->host != NULL && o->host[0] != '\0') {
		if (X509_VERIFY_PARAM_set1_host(param, o->host, 0) != 1)
			goto out;
	} else if (o->ip != NULL && o->ip[0] != '\0') {
		if (X509_VERIFY_PARAM_set1_ip_asc(param, o->ip) != 1)
			goto out;
	}
	if (o->email != NULL &&
	    X509_VERIFY_PARAM_set1_email(param, o->email, 0) != 1)
		goto out;
	if (o->at != 0)
		X509_VERIFY_PARAM_set_time(param, o->at);
	X509_STORE_CTX_set_app_data(ctx, &vs);
	X509_STORE_CTX_set_verify_cb(ctx, verify_cb);
	rv = X509_verify_cert(ctx);
	/* as libssl: the result is the last error reported, if any */
	res->code = X509_STORE_CTX_get_error(ctx);
	if (rv <= 0 && res->code == X509_V_OK)
		res->code = X509_V_ERR_UNSPECIFIED;
	if (vs.aborted)
		res->code = vs.code;
	res->aborted = vs.aborted;
	if (o->ntlsa > 0 && res->code == X509_V_OK &&
	    (md = dane_chain(o, X509_STORE_CTX_get0_chain(ctx), res)) < 0) {
		/* no record matched: libcrypto's error 65 at depth 0 */
		res->code = X509_V_ERR_DANE_NO_MATCH;
		vs.code = res->code;
		vs.depth = 0;
		name_str(X509_get_subject_name(leaf), vs.subject,
		    sizeof(vs.subject));
		if (o->out != NULL) {
			fprintf(o->out, "depth=0 %s\n", vs.subject);
			fprintf(o->out, "verify error:num=%d:%s\n", res->code,
			    X509_verify_cert_error_string(res->code));
			if (!o->stop_at_first && !o->quiet)
				fprintf(o->out, "verify return:1\n");
		}
	}
	if (res->code != X509_V_OK && vs.code == res->code) {
		res->depth = vs.depth;
		strlcpy(res->subject, vs.subject, sizeof(res->subject));
	} else if (res->code != X509_V_OK) {
		res->depth = X509_STORE_CTX_get_error_depth(ctx);
		x = X509_STORE_CTX_get_current_cert(ctx);
		name_str(x != NULL ? X509_get_subject_name(x) : NULL,
		    res->subject, sizeof(res->subject));
	}
	if (res->code == X509_V_OK &&
	    (peer = X509_VERIFY_PARAM_get0_peername(param)) != NULL)
		str_escaped(res->peername, sizeof(res->peername), peer,
		    strlen(peer));
	ret = 0;
 out:
	res->alert = x509_verify_alert(res->code);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(tastore);
	X509_free(leaf);
	sk_X509_free(sent);
	sk_X509_pop_free(untrusted, X509_free);
	ERR_clear_error();
	return ret;
}

/* --- printing for the summary ------------------------------------------ */

void
x509_print_pem(FILE *out, const uint8_t *der, size_t len)
{
	if (len == 0 || len > LONG_MAX)
		return;
	/* PEM is base64 of the DER as received: no need to decode it */
	(void)PEM_write(out, PEM_STRING_X509, "", der, (long)len);
}

void
x509_print_chain(FILE *out, const uint8_t *const *der, const size_t *len,
    size_t n, int showcerts)
{
	char a[256], b[256];
	EVP_PKEY *pk;
	X509 *x;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((x = cert_from_der(der[i], len[i])) == NULL) {
			fprintf(out, "%2zu s:<%zu bytes that are not a "
			    "certificate>\n", i, len[i]);
			continue;
		}
		name_str(X509_get_subject_name(x), a, sizeof(a));
		name_str(X509_get_issuer_name(x), b, sizeof(b));
		fprintf(out, "%2zu s:%s\n   i:%s\n", i, a, b);
		if ((pk = X509_get0_pubkey(x)) != NULL) {
			const char *kn = OBJ_nid2sn(EVP_PKEY_get_base_id(pk));
			const char *sn = OBJ_nid2sn(X509_get_signature_nid(x));

			fprintf(out, "   a:PKEY: %s, %d (bit); sigalg: %s\n",
			    kn != NULL ? kn : "UNKNOWN", EVP_PKEY_get_bits(pk),
			    sn != NULL ? sn : "UNKNOWN");
		}
		time_str(X509_get0_notBefore(x), a, sizeof(a));
		time_str(X509_get0_notAfter(x), b, sizeof(b));
		fprintf(out, "   v:NotBefore: %s; NotAfter: %s\n", a, b);
		if (showcerts)
			x509_print_pem(out, der[i], len[i]);
		X509_free(x);
	}
	ERR_clear_error();
}

void
x509_print_subject_issuer(FILE *out, const uint8_t *der, size_t len)
{
	char buf[256];
	X509 *x;

	if ((x = cert_from_der(der, len)) == NULL)
		return;
	name_str(X509_get_subject_name(x), buf, sizeof(buf));
	fprintf(out, "subject=%s\n", buf);
	name_str(X509_get_issuer_name(x), buf, sizeof(buf));
	fprintf(out, "issuer=%s\n", buf);
	X509_free(x);
}

/* "DNS:localhost, IP Address:127.0.0.1", or "none" */
static void
print_san(FILE *out, X509 *x)
{
	GENERAL_NAMES *gens;
	BIO *mem;
	int i;

	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	if (gens == NULL || (mem = BIO_new(BIO_s_mem())) == NULL) {
		fputs("none", out);
		GENERAL_NAMES_free(gens);
		ERR_clear_error();
		return;
	}
	for (i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		if (i > 0)
			BIO_puts(mem, ", ");
		GENERAL_NAME_print(mem, sk_GENERAL_NAME_value(gens, i));
	}
	flush_escaped(out, mem);
	BIO_free(mem);
	GENERAL_NAMES_free(gens);
}

void
x509_print_leaf(FILE *out, int indent, const uint8_t *der, size_t len)
{
	uint8_t fp[TP_MAX_HASH];
	char buf[256];
	const char *sn;
	EVP_PKEY *pk;
	size_t glen, i;
	X509 *x;

	if ((x = cert_from_der(der, len)) == NULL) {
		fprintf(out, "%*s<not a certificate>\n", indent, "");
		return;
	}
	name_str(X509_get_subject_name(x), buf, sizeof(buf));
	fprintf(out, "%*sSubject: %s\n", indent, "", buf);
	fprintf(out, "%*sSubject Alternative Name: ", indent, "");
	print_san(out, x);
	fputc('\n', out);
	name_str(X509_get_issuer_name(x), buf, sizeof(buf));
	fprintf(out, "%*sIssuer: %s\n", indent, "", buf);
	time_str(X509_get0_notBefore(x), buf, sizeof(buf));
	fprintf(out, "%*sNot Before: %s\n", indent, "", buf);
	time_str(X509_get0_notAfter(x), buf, sizeof(buf));
	fprintf(out, "%*sNot After : %s\n", indent, "", buf);
	fprintf(out, "%*sPublic Key: ", indent, "");
	if ((pk = X509_get0_pubkey(x)) == NULL)
		fputs("undecodable\n", out);
	else if (EVP_PKEY_get_utf8_string_param(pk,
	    OSSL_PKEY_PARAM_GROUP_NAME, buf, sizeof(buf), &glen) && glen > 0)
		fprintf(out, "%s %d bits (%s)\n", EVP_PKEY_get0_type_name(pk) ?
		    EVP_PKEY_get0_type_name(pk) : "unknown",
		    EVP_PKEY_get_bits(pk), buf);
	else
		fprintf(out, "%s %d bits\n", EVP_PKEY_get0_type_name(pk) ?
		    EVP_PKEY_get0_type_name(pk) : "unknown",
		    EVP_PKEY_get_bits(pk));
	sn = OBJ_nid2ln(X509_get_signature_nid(x));
	fprintf(out, "%*sSignature Algorithm: %s\n", indent, "",
	    sn != NULL ? sn : "unknown");
	fprintf(out, "%*sSHA-256 Fingerprint: ", indent, "");
	if (tp_digest(HASH_SHA256, der, len, fp) == 0)
		for (i = 0; i < 32; i++)
			fprintf(out, "%s%02X", i ? ":" : "", fp[i]);
	fputc('\n', out);
	X509_free(x);
	ERR_clear_error();
}

int
x509_expiry(const uint8_t *der, size_t len, time_t at, long long *secs,
    char *date, size_t datelen)
{
	ASN1_TIME *now = NULL;
	const ASN1_TIME *na;
	int day, sec, ret = -1;
	X509 *x;

	if ((x = cert_from_der(der, len)) == NULL)
		return -1;
	if ((na = X509_get0_notAfter(x)) == NULL)
		goto out;
	if (at != 0 && (now = ASN1_TIME_set(NULL, at)) == NULL)
		goto out;
	/* NULL "from" is the current time */
	if (!ASN1_TIME_diff(&day, &sec, now, na))
		goto out;
	*secs = (long long)day * 86400 + sec;
	time_str(na, date, datelen);
	ret = 0;
 out:
	ASN1_TIME_free(now);
	X509_free(x);
	ERR_clear_error();
	return ret;
}

/* --- OCSP (RFC 6960) ---------------------------------------------------- */

/* The leaf's issuer: from the chain the server sent, or the trust store. */
static X509 *
find_issuer(X509 *leaf, STACK_OF(X509) *chain)
{
	X509_STORE_CTX *ctx;
	X509 *x, *issuer = NULL;
	int i;

	for (i = 0; i < sk_X509_num(chain); i++) {
		x = sk_X509_value(chain, i);
		if (x != leaf && X509_check_issued(x, leaf) == X509_V_OK &&
		    X509_up_ref(x) == 1)
			return x;
	}
	if (trust == NULL || (ctx = X509_STORE_CTX_new()) == NULL)
		return NULL;
	if (X509_STORE_CTX_init(ctx, trust, leaf, NULL) == 1 &&
	    X509_STORE_CTX_get1_issuer(&issuer, ctx, leaf) != 1)
		issuer = NULL;
	X509_STORE_CTX_free(ctx);
	return issuer;
}

int
x509_ocsp_check(const struct x509_verify_opts *o, const uint8_t *resp,
    size_t resplen, const uint8_t *const *der, const size_t *len, size_t n,
    FILE *out, struct x509_ocsp_result *r)
{
	const unsigned char *p = resp;
	OCSP_RESPONSE *rsp = NULL;
	OCSP_BASICRESP *bs = NULL;
	OCSP_CERTID *id = NULL;
	STACK_OF(X509) *chain = NULL;
	ASN1_GENERALIZEDTIME *rev = NULL, *thisupd = NULL, *nextupd = NULL;
	X509 *leaf = NULL, *issuer = NULL, *x;
	char t1[64], t2[64], t3[64], err[256];
	const char *what;
	BIO *mem = NULL;
	int st, status, reason, valid;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->status = OCSP_ST_ERROR;
	if (resplen == 0 || resplen > LONG_MAX ||
	    (rsp = d2i_OCSP_RESPONSE(NULL, &p, (long)resplen)) == NULL ||
	    p != resp + resplen) {
		if (out != NULL)
			fputs("OCSP response: response parse error\n", out);
		snprintf(r->text, sizeof(r->text), "the stapled response "
		    "(%zu bytes) is not a DER OCSPResponse", resplen);
		OCSP_RESPONSE_free(rsp);
		ERR_clear_error();
		return -1;
	}
	if (out != NULL && (mem = BIO_new(BIO_s_mem())) != NULL) {
		fputs("OCSP response: \n"
		    "======================================\n", out);
		(void)OCSP_RESPONSE_print(mem, rsp, 0);
		flush_escaped(out, mem);
		fputs("======================================\n", out);
	}
	st = OCSP_response_status(rsp);
	if (st != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		snprintf(r->text, sizeof(r->text), "responder status %s (%d)",
		    OCSP_response_status_str(st), st);
		goto out;
	}
	if ((bs = OCSP_response_get1_basic(rsp)) == NULL) {
		snprintf(r->text, sizeof(r->text), "not a basic OCSP "
		    "response");
		goto out;
	}
	if ((chain = sk_X509_new_null()) == NULL)
		goto nomem;
	for (i = 0; i < n; i++) {
		if ((x = cert_from_der(der[i], len[i])) == NULL)
			continue;
		if (!sk_X509_push(chain, x)) {
			X509_free(x);
			goto nomem;
		}
		if (i == 0 && X509_up_ref(x) == 1)
			leaf = x;
	}
	if (leaf == NULL) {
		snprintf(r->text, sizeof(r->text), "no server certificate "
		    "to match the response with");
		goto out;
	}
	(void)x509_trust_load(&o->trust, err, sizeof(err));
	if ((issuer = find_issuer(leaf, chain)) == NULL) {
		snprintf(r->text, sizeof(r->text), "the issuer of the server "
		    "certificate is unknown, so the response cannot be "
		    "matched to it");
		goto out;
	}
	if ((id = OCSP_cert_to_id(NULL, leaf, issuer)) == NULL)
		goto nomem;
	if (!OCSP_resp_find_status(bs, id, &status, &reason, &rev, &thisupd,
	    &nextupd)) {
		snprintf(r->text, sizeof(r->text), "the response says nothing "
		    "about the server certificate");
		goto out;
	}
	time_str(thisupd, t1, sizeof(t1));
	if (nextupd != NULL)
		time_str(nextupd, t2, sizeof(t2));
	else
		strlcpy(t2, "none", sizeof(t2));
	switch (status) {
	case V_OCSP_CERTSTATUS_GOOD:
		r->status = OCSP_ST_GOOD;
		snprintf(r->text, sizeof(r->text), "good");
		break;
	case V_OCSP_CERTSTATUS_REVOKED:
		r->status = OCSP_ST_REVOKED;
		time_str(rev, t3, sizeof(t3));
		snprintf(r->text, sizeof(r->text), "revoked at %s (%s)", t3,
		    reason >= 0 ? OCSP_crl_reason_str(reason) :
		    "no reason given");
		break;
	default:
		r->status = OCSP_ST_UNKNOWN;
		snprintf(r->text, sizeof(r->text), "unknown to the responder");
		break;
	}
	i = strlen(r->text);
	snprintf(r->text + i, sizeof(r->text) - i, "; this update %s, next "
	    "update %s", t1, t2);
	/* RFC 6960, 4.2.2.1: the response must be current; 5 min of skew */
	valid = OCSP_check_validity(thisupd, nextupd, 300, -1);
	ERR_clear_error();
	what = NULL;
	if (!valid)
		what = "outside its validity period";
	else if (trust == NULL || OCSP_basic_verify(bs, chain, trust, 0) != 1)
		what = ossl_reason();
	r->verified = what == NULL;
	i = strlen(r->text);
	if (what == NULL)
		snprintf(r->text + i, sizeof(r->text) - i, "; response "
		    "verified");
	else
		snprintf(r->text + i, sizeof(r->text) - i, "; response NOT "
		    "verified: %s", what);
	goto out;
 nomem:
	snprintf(r->text, sizeof(r->text), "out of memory");
 out:
	BIO_free(mem);
	OCSP_CERTID_free(id);
	X509_free(issuer);
	X509_free(leaf);
	sk_X509_pop_free(chain, X509_free);
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(rsp);
	ERR_clear_error();
	return 0;
}

/* --- the client's certificates ------------------------------------------- */

int
x509_pass_resolve(const char *spec, char *buf, size_t buflen, char *err,
    size_t errlen)
{
	const char *v;
	FILE *f;
	size_t n;

	if (buflen > 0)
		buf[0] = '\0';
	if (strncmp(spec, "pass:", 5) == 0) {
		if (strlcpy(buf, spec + 5, buflen) >= buflen)
			goto toolong;
		return 0;
	}
	if (strncmp(spec, "env:", 4) == 0) {
		if ((v = getenv(spec + 4)) == NULL) {
			snprintf(err, errlen, "-pass %s: no such variable",
			    spec);
			return -1;
		}
		if (strlcpy(buf, v, buflen) >= buflen)
			goto toolong;
		return 0;
	}
	if (strncmp(spec, "file:", 5) == 0) {
		if ((f = fopen(spec + 5, "r")) == NULL) {
			snprintf(err, errlen, "-pass %s: %s", spec,
			    strerror(errno));
			return -1;
		}
		/* the first line, as openssl(1) reads it */
		if (fgets(buf, (int)(buflen > INT_MAX ? INT_MAX : buflen),
		    f) == NULL)
			buf[0] = '\0';
		fclose(f);
		n = strcspn(buf, "\r\n");
		buf[n] = '\0';
		return 0;
	}
	snprintf(err, errlen, "-pass %s: use pass:text, env:VAR or file:path",
	    spec);
	return -1;
 toolong:
	explicit_bzero(buf, buflen);
	snprintf(err, errlen, "-pass: the password is too long");
	return -1;
}

/* Append the DER of x to id; 0, or -1 when full or out of memory. */
static int
id_add(struct client_id *id, X509 *x)
{
	unsigned char *p;
	int l;

	if (id->n == X509_MAX_CLIENT_CERTS || (l = i2d_X509(x, NULL)) <= 0)
		return -1;
	if ((id->der[id->n] = malloc((size_t)l)) == NULL)
		return -1;
	p = id->der[id->n];
	if (i2d_X509(x, &p) != l) {
		free(id->der[id->n]);
		id->der[id->n] = NULL;
		return -1;
	}
	id->len[id->n++] = (size_t)l;
	return 0;
}

/* Every certificate in a PEM file (at least one unless any is set). */
static int
read_pem_certs(struct client_id *id, const char *file, int all, char *err,
    size_t errlen)
{
	BIO *bio;
	X509 *x;
	int got = 0, ret = -1;

	if ((bio = BIO_new_file(file, "r")) == NULL) {
		snprintf(err, errlen, "cannot open %s: %s", file,
		    strerror(errno));
		goto out;
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		if (id_add(id, x) != 0) {
			X509_free(x);
			snprintf(err, errlen, "%s: more than %d certificates",
			    file, X509_MAX_CLIENT_CERTS);
			goto out;
		}
		X509_free(x);
		got++;
		if (!all)
			break;
	}
	if (got == 0) {
		snprintf(err, errlen, "%s: no PEM certificate in it", file);
		goto out;
	}
	ret = 0;
 out:
	BIO_free(bio);
	ERR_clear_error();
	return ret;
}

int
x509_client_id_load(struct client_id *id, const char *certfile,
    const char *keyfile, const char *pass, const char *chainfile, char *err,
    size_t errlen)
{
	const unsigned char *p;
	X509 *x;

	memset(id, 0, sizeof(*id));
	tp_crypto_init();
	if (read_pem_certs(id, certfile, 0, err, errlen) != 0)
		goto fail;
	if (chainfile != NULL &&
	    read_pem_certs(id, chainfile, 1, err, errlen) != 0)
		goto fail;
	if (keyfile == NULL)
		keyfile = certfile;
	if (priv_key_load(keyfile, pass, &id->key, err, errlen) != 0)
		goto fail;
	if (!priv_key_matches_cert(id->key, id->der[0], id->len[0])) {
		snprintf(err, errlen, "the private key in %s does not belong "
		    "to the certificate in %s", keyfile, certfile);
		goto fail;
	}
	p = id->der[0];
	if ((x = d2i_X509(NULL, &p, (long)id->len[0])) != NULL) {
		name_str(X509_get_subject_name(x), id->subject,
		    sizeof(id->subject));
		X509_free(x);
	}
	ERR_clear_error();
	return 0;
 fail:
	x509_client_id_free(id);
	return -1;
}

void
x509_client_id_free(struct client_id *id)
{
	size_t i;

	for (i = 0; i < id->n; i++)
		free(id->der[i]);
	priv_key_free(id->key);
	memset(id, 0, sizeof(*id));
}

int
x509_client_build_chain(struct client_id *id, const char *cafile,
    const char *capath, const char *castore, char *err, size_t errlen)
{
	struct x509_trust_opts none;
	STACK_OF(X509) *extra = NULL, *chain = NULL;
	X509_STORE *st = NULL;
	X509 *leaf = NULL, *x;
	size_t i;
	int ret = -1;

	memset(&none, 0, sizeof(none));
	if ((st = X509_STORE_new()) == NULL || (extra = sk_X509_new_null()) ==
	    NULL)
		goto nomem;
	if (cafile != NULL || capath != NULL || castore != NULL) {
		if (add_named(st, cafile, capath, castore, "chain", err,
		    errlen) != 0)
			goto out;
	} else
		add_defaults(st, &none);
	if ((leaf = cert_from_der(id->der[0], id->len[0])) == NULL)
		goto nomem;
	for (i = 1; i < id->n; i++)
		if ((x = cert_from_der(id->der[i], id->len[i])) != NULL &&
		    !sk_X509_push(extra, x))
			X509_free(x);
	if ((chain = X509_build_chain(leaf, extra, st, 1, NULL, NULL)) ==
	    NULL) {
		snprintf(err, errlen, "-build_chain: cannot build a chain for "
		    "%s: %s", id->subject, ossl_reason());
		goto out;
	}
	for (i = 1; i < id->n; i++)
		free(id->der[i]);
	id->n = 1;
	/* [0] is the leaf; the root stays in, as SSL_CTX_build_cert_chain */
	for (i = 1; i < (size_t)sk_X509_num(chain); i++)
		if (id_add(id, sk_X509_value(chain, (int)i)) != 0) {
			snprintf(err, errlen, "-build_chain: chain too long");
			goto out;
		}
	ret = 0;
	goto out;
 nomem:
	snprintf(err, errlen, "out of memory");
 out:
	sk_X509_pop_free(chain, X509_free);
	sk_X509_pop_free(extra, X509_free);
	X509_free(leaf);
	X509_STORE_free(st);
	ERR_clear_error();
	return ret;
}

size_t
x509_leaf_findings(const uint8_t *der, size_t len, char (*f)[200],
    size_t max)
{
	GENERAL_NAMES *gens;
	BIGNUM *n = NULL;
	EVP_PKEY *pk;
	X509 *x;
	size_t k = 0;
	unsigned long w, d;
	int md = NID_undef, pknid;
	BN_ULONG r;

	if ((x = cert_from_der(der, len)) == NULL)
		return 0;
	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	if (gens == NULL && k < max &&
	    X509_NAME_get_index_by_NID(X509_get_subject_name(x),
	    NID_commonName, -1) >= 0)
		snprintf(f[k++], sizeof(f[0]), "the server certificate names "
		    "its host only in the subject CN, without a "
		    "subjectAltName: browsers refuse it (RFC 6125, 6.4.4)");
	GENERAL_NAMES_free(gens);
	if (OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pknid) &&
	    (md == NID_md5 || md == NID_sha1) && k < max)
		snprintf(f[k++], sizeof(f[0]), "the server certificate is "
		    "signed with %s, which is broken for signatures",
		    md == NID_md5 ? "MD5" : "SHA-1");
	pk = X509_get0_pubkey(x);
	if (pk != NULL && EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA &&
	    EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_N, &n) == 1) {
		/* a cheap trial division by the primes below 2^14 */
		for (w = 3; w < 16384 && k < max; w += 2) {
			for (d = 3; d * d <= w; d += 2)
				if (w % d == 0)
					break;
			if (d * d <= w)
				continue;
			if ((r = BN_mod_word(n, w)) == 0) {
				snprintf(f[k++], sizeof(f[0]), "the server's "
				    "RSA modulus is divisible by %lu: its "
				    "private key is known", w);
				break;
			}
			if (r == (BN_ULONG)-1)
				break;
		}
		if (!BN_is_odd(n) && k < max)
			snprintf(f[k++], sizeof(f[0]), "the server's RSA "
			    "modulus is even: its private key is known");
	}
	BN_free(n);
	X509_free(x);
	ERR_clear_error();
	return k;
}

int
x509_ca_names_load(const char *file, uint8_t **out, size_t *outlen,
    char *err, size_t errlen)
{
	unsigned char *dn = NULL, *buf = NULL, *nb;
	size_t len = 0;
	BIO *bio;
	X509 *x;
	int l, ret = -1;

	*out = NULL;
	*outlen = 0;
	if ((bio = BIO_new_file(file, "r")) == NULL) {
		snprintf(err, errlen, "-requestCAfile %s: %s", file,
		    strerror(errno));
		return -1;
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		dn = NULL;
		l = i2d_X509_NAME(X509_get_subject_name(x), &dn);
		X509_free(x);
		if (l <= 0 || l > 0xffff || len + 2 + (size_t)l > 0xffff) {
			OPENSSL_free(dn);
			snprintf(err, errlen, "-requestCAfile %s: too many or "
			    "too large names", file);
			goto out;
		}
		if ((nb = realloc(buf, len + 2 + (size_t)l)) == NULL) {
			OPENSSL_free(dn);
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		buf = nb;
		buf[len] = (unsigned char)(l >> 8);
		buf[len + 1] = (unsigned char)l;
		memcpy(buf + len + 2, dn, (size_t)l);
		len += 2 + (size_t)l;
		OPENSSL_free(dn);
	}
	if (len == 0) {
		snprintf(err, errlen, "-requestCAfile %s: no PEM certificate "
		    "in it", file);
		goto out;
	}
	*out = buf;
	*outlen = len;
	buf = NULL;
	ret = 0;
 out:
	free(buf);
	BIO_free(bio);
	ERR_clear_error();
	return ret;
}

/* Move the SCTs of from (if any) to all, each marked with its source. */
static void
take_scts(STACK_OF(SCT) *all, STACK_OF(SCT) *from, sct_source_t src)
{
	SCT *sct;

	if (from == NULL)
		return;
	while ((sct = sk_SCT_shift(from)) != NULL) {
		(void)SCT_set_source(sct, src);
		if (!sk_SCT_push(all, sct))
			SCT_free(sct);
	}
	SCT_LIST_free(from);
}

/* The SCTs in the single response about leaf (RFC 6962, 3.3). */
static STACK_OF(SCT) *
ocsp_scts(const uint8_t *der, size_t len, X509 *leaf, X509 *issuer)
{
	const unsigned char *p = der;
	OCSP_RESPONSE *rsp = NULL;
	OCSP_BASICRESP *bs = NULL;
	OCSP_CERTID *id = NULL;
	STACK_OF(SCT) *scts = NULL;
	int i;

	if (len == 0 || len > LONG_MAX || issuer == NULL ||
	    (rsp = d2i_OCSP_RESPONSE(NULL, &p, (long)len)) == NULL ||
	    (bs = OCSP_response_get1_basic(rsp)) == NULL ||
	    (id = OCSP_cert_to_id(NULL, leaf, issuer)) == NULL)
		goto out;
	if ((i = OCSP_resp_find(bs, id, -1)) >= 0)
		scts = OCSP_SINGLERESP_get1_ext_d2i(OCSP_resp_get0(bs, i),
		    NID_ct_cert_scts, NULL, NULL);
 out:
	OCSP_CERTID_free(id);
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(rsp);
	return scts;
}

void
x509_print_scts(FILE *out, const uint8_t *const *der, const size_t *len,
    size_t n, const uint8_t *tls, size_t tlslen, const uint8_t *ocsp,
    size_t ocsplen, const char *logfile)
{
	STACK_OF(SCT) *all = NULL;
	CT_POLICY_EVAL_CTX *pctx = NULL;
	CTLOG_STORE *logs = NULL;
	const unsigned char *p;
	X509 *leaf = NULL, *issuer = NULL;
	BIO *mem = NULL;
	int i, cnt;

	if (n == 0 || (leaf = cert_from_der(der[0], len[0])) == NULL)
		return;
	if (n > 1 && (issuer = cert_from_der(der[1], len[1])) != NULL &&
	    X509_check_issued(issuer, leaf) != X509_V_OK) {
		X509_free(issuer);
		issuer = NULL;
	}
	if ((all = sk_SCT_new_null()) == NULL ||
	    (mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	/* libssl's order: the TLS extension, OCSP, the certificate */
	if (tls != NULL && tlslen > 0 && tlslen <= LONG_MAX) {
		p = tls;
		take_scts(all, o2i_SCT_LIST(NULL, &p, (long)tlslen),
		    SCT_SOURCE_TLS_EXTENSION);
	}
	if (ocsp != NULL)
		take_scts(all, ocsp_scts(ocsp, ocsplen, leaf, issuer),
		    SCT_SOURCE_OCSP_STAPLED_RESPONSE);
	take_scts(all, X509_get_ext_d2i(leaf, NID_ct_precert_scts, NULL,
	    NULL), SCT_SOURCE_X509V3_EXTENSION);
	if ((logs = CTLOG_STORE_new()) != NULL &&
	    (logfile != NULL ? CTLOG_STORE_load_file(logs, logfile) :
	    CTLOG_STORE_load_default_file(logs)) != 1) {
		/* no log list: every SCT's log is unknown */
		CTLOG_STORE_free(logs);
		logs = CTLOG_STORE_new();
	}
	ERR_clear_error();
	if (logs != NULL && (pctx = CT_POLICY_EVAL_CTX_new()) != NULL) {
		(void)CT_POLICY_EVAL_CTX_set1_cert(pctx, leaf);
		if (issuer != NULL)
			(void)CT_POLICY_EVAL_CTX_set1_issuer(pctx, issuer);
		CT_POLICY_EVAL_CTX_set_shared_CTLOG_STORE(pctx, logs);
		(void)SCT_LIST_validate(all, pctx);
		ERR_clear_error();
	}
	cnt = sk_SCT_num(all);
	fprintf(out, "---\nSCTs present (%d)\n", cnt);
	if (cnt > 0) {
		fputs("---\n", out);
		for (i = 0; i < cnt; i++) {
			SCT *sct = sk_SCT_value(all, i);

			fprintf(out, "SCT validation status: %s\n",
			    SCT_validation_status_string(sct));
			SCT_print(sct, mem, 0, logs);
			flush_escaped(out, mem);
			if (i < cnt - 1)
				fputs("\n---\n", out);
		}
		fputs("\n", out);
	}
 out:
	CT_POLICY_EVAL_CTX_free(pctx);
	CTLOG_STORE_free(logs);
	SCT_LIST_free(all);
	BIO_free(mem);
	X509_free(issuer);
	X509_free(leaf);
	ERR_clear_error();
}
