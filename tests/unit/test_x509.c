/*
 * test_x509.c -- certificates and identity: chain verification against a
 * generated hierarchy (every failure the integration tests meet, with the
 * codes, depths, alerts and depth= lines), the s_client-shaped printouts
 * and their escaping of hostile names, expiry, stapled OCSP responses
 * (good, revoked, forged, stale, garbage), -pass forms, our private key
 * (PEM, encrypted, matching its certificate), signing checked by an
 * independent libcrypto verification, CertificateRequest parsing at every
 * truncation, the choice of the client's signature scheme, and the
 * client's Certificate and CertificateVerify messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "bytestring.h"
#include "conn.h"
#include "handshake.h"
#include "hsbuf.h"
#include "keysched.h"
#include "msg.h"
#include "msg_cert.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"
#include "unit.h"
#include "x509.h"

#define DAY	(24L * 3600)

static EVP_PKEY *k_root, *k_inter, *k_rsa, *k_ec, *k_ed, *k_other;
static X509 *c_root, *c_inter, *c_leaf, *c_expired, *c_future, *c_self;
static X509 *c_other_root, *c_ec_leaf, *c_ed_leaf, *c_evil;
static char cafile[96], otherfile[96], tmpdir[32];

static EVP_PKEY *
gen(const char *type)
{
	if (strcmp(type, "RSA") == 0)
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	if (strcmp(type, "EC") == 0)
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	return EVP_PKEY_Q_keygen(NULL, NULL, type);
}

static void
add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	if ((ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		abort();
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
}

/*
 * A certificate for key, named cn, issued by issuer/ikey (NULL: self),
 * valid from now+nb to now+na seconds.  ca: a CA; else a TLS server with
 * the SAN san (NULL: none).
 */
static X509 *
mkcert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *ikey, int ca,
    long nb, long na, const char *san)
{
	static long serial = 100;
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(x), nb);
	X509_gmtime_adj(X509_getm_notAfter(x), na);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, name);
	X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : name);
	X509_NAME_free(name);
	X509_set_pubkey(x, key);
	if (ca) {
		add_ext(x, issuer != NULL ? issuer : x,
		    NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, issuer != NULL ? issuer : x, NID_key_usage,
		    "critical,keyCertSign,cRLSign,digitalSignature");
	} else {
		add_ext(x, issuer != NULL ? issuer : x,
		    NID_basic_constraints, "critical,CA:FALSE");
		add_ext(x, issuer != NULL ? issuer : x, NID_ext_key_usage,
		    "serverAuth,clientAuth");
		if (san != NULL)
			add_ext(x, issuer != NULL ? issuer : x,
			    NID_subject_alt_name, san);
	}
	if (!X509_sign(x, ikey != NULL ? ikey : key,
	    EVP_PKEY_is_a(ikey != NULL ? ikey : key, "ED25519") ? NULL :
	    EVP_sha256()))
		abort();
	return x;
}

static uint8_t *
der_of(X509 *x, size_t *len)
{
	unsigned char *p = NULL;
	int l = i2d_X509(x, &p);

	if (l <= 0)
		abort();
	*len = (size_t)l;
	return p;
}

/* The DER in a malloc(3) buffer, as struct client_id holds it. */
static uint8_t *
der_malloc(X509 *x, size_t *len)
{
	uint8_t *d = der_of(x, len), *m = malloc(*len);

	memcpy(m, d, *len);
	OPENSSL_free(d);
	return m;
}

static void
write_pem(const char *path, X509 *x)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || !PEM_write_X509(f, x))
		abort();
	fclose(f);
}

static void
setup_pki(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_x509.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		abort();
	k_root = gen("EC");
	k_inter = gen("EC");
	k_rsa = gen("RSA");
	k_ec = gen("EC");
	k_ed = gen("ED25519");
	k_other = gen("EC");
	c_root = mkcert(k_root, "t root", NULL, NULL, 1, -DAY, 90 * DAY,
	    NULL);
	c_inter = mkcert(k_inter, "t inter", c_root, k_root, 1, -DAY,
	    90 * DAY, NULL);
	c_leaf = mkcert(k_rsa, "localhost", c_inter, k_inter, 0, -DAY,
	    30 * DAY, "DNS:localhost,IP:127.0.0.1");
	c_expired = mkcert(k_ec, "localhost", c_inter, k_inter, 0, -3 * DAY,
	    -DAY, "DNS:localhost");
	c_future = mkcert(k_ec, "localhost", c_inter, k_inter, 0, 2 * DAY,
	    9 * DAY, "DNS:localhost");
	c_self = mkcert(k_ec, "localhost", NULL, NULL, 0, -DAY, 30 * DAY,
	    "DNS:localhost");
	c_other_root = mkcert(k_other, "t other root", NULL, NULL, 1, -DAY,
	    90 * DAY, NULL);
	c_ec_leaf = mkcert(k_ec, "t ec client", c_root, k_root, 0, -DAY,
	    30 * DAY, NULL);
	c_ed_leaf = mkcert(k_ed, "t ed client", c_root, k_root, 0, -DAY,
	    30 * DAY, NULL);
	/* a name and a SAN with a newline and an escape sequence in them */
	c_evil = mkcert(k_ec, "evil\nline\x1b[31m", c_inter, k_inter, 0,
	    -DAY, 30 * DAY, "DNS:a\x1b[2Jb");
	snprintf(cafile, sizeof(cafile), "%s/root.pem", tmpdir);
	snprintf(otherfile, sizeof(otherfile), "%s/other.pem", tmpdir);
	write_pem(cafile, c_root);
	write_pem(otherfile, c_other_root);
}

/* --- verification ------------------------------------------------------ */

struct chain {
	uint8_t		*der[4];
	size_t		 len[4];
	size_t		 n;
};

static void
chain_of(struct chain *ch, X509 *a, X509 *b, X509 *c)
{
	X509 *v[3] = { a, b, c };
	size_t i;

	memset(ch, 0, sizeof(*ch));
	for (i = 0; i < 3 && v[i] != NULL; i++)
		ch->der[ch->n] = der_of(v[i], &ch->len[ch->n]), ch->n++;
}

static void
chain_free(struct chain *ch)
{
	size_t i;

	for (i = 0; i < ch->n; i++)
		OPENSSL_free(ch->der[i]);
}

/* Run x509_verify with trust from file, printing into *text. */
static int
verify(const char *file, struct chain *ch, const char *host, const char *ip,
    int stop, struct x509_verify_result *r, char **text)
{
	struct x509_verify_opts o;
	size_t tlen;
	FILE *out;
	int ret;

	memset(&o, 0, sizeof(o));
	o.limit = o.depth = -1;	/* no -verify N, no -verify_depth */
	o.trust.cafile = file;
	o.host = host;
	o.ip = ip;
	o.stop_at_first = stop;
	out = open_memstream(text, &tlen);
	o.out = out;
	x509_trust_reset();
	ret = x509_verify(&o, (const uint8_t *const *)ch->der, ch->len,
	    ch->n, r);
	fclose(out);
	return ret;
}

static void
test_verify(void)
{
	struct x509_verify_result r;
	struct chain ch;
	char *text = NULL;
	int ret;

	chain_of(&ch, c_leaf, c_inter, NULL);
	ret = verify(cafile, &ch, "localhost", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == 0 && strcmp(r.peername, "localhost") == 0,
	    "verify: leaf + intermediate to a trusted root, name matches");
	CHECK(text != NULL && strcmp(text,
	    "depth=2 CN = t root\nverify return:1\n"
	    "depth=1 CN = t inter\nverify return:1\n"
	    "depth=0 CN = localhost\nverify return:1\n") == 0,
	    "verify: depth= lines as s_client prints them");
	free(text);

	ret = verify(cafile, &ch, "www.example.org", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_HOSTNAME_MISMATCH &&
	    r.depth == 0 && r.alert == ALERT_BAD_CERTIFICATE &&
	    strstr(text, "verify error:num=62:hostname mismatch\n") != NULL,
	    "verify: wrong name is 62 hostname mismatch, bad_certificate");
	free(text);

	ret = verify(cafile, &ch, NULL, "127.0.0.1", 0, &r, &text);
	CHECK(ret == 0 && r.code == 0, "verify: IP SAN 127.0.0.1 matches");
	free(text);
	ret = verify(cafile, &ch, NULL, "10.9.8.7", 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_IP_ADDRESS_MISMATCH &&
	    r.alert == ALERT_BAD_CERTIFICATE, "verify: another IP is 64");
	free(text);
	ret = verify(cafile, &ch, "127.0.0.1", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_HOSTNAME_MISMATCH,
	    "verify: an IP SAN does not match a host name check");
	free(text);

	/* untrusted root: the intermediate's issuer is nowhere */
	ret = verify(otherfile, &ch, "localhost", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
	    && r.depth == 1 && strcmp(r.subject, "CN = t inter") == 0 &&
	    r.alert == ALERT_UNKNOWN_CA,
	    "verify: unknown root is 20 at depth 1 (the intermediate)");
	free(text);
	chain_free(&ch);

	/* the server forgot its intermediate */
	chain_of(&ch, c_leaf, NULL, NULL);
	ret = verify(cafile, &ch, "localhost", NULL, 0, &r, &text);
	CHECK(ret == 0 &&
	    r.code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE &&
	    r.depth == 0 && r.alert == ALERT_UNKNOWN_CA,
	    "verify: missing intermediate ends as 21, as s_client reports");
	CHECK(strstr(text, "verify error:num=20:") != NULL,
	    "verify: ... after reporting 20 on the way");
	free(text);
	ret = verify(cafile, &ch, "localhost", NULL, 1, &r, &text);
	CHECK(ret == 0 && r.code ==
	    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY && r.depth == 0 &&
	    strstr(text, "verify return") == NULL,
	    "verify: stop at first: 20 at depth 0, no 'verify return' line");
	free(text);
	chain_free(&ch);

	chain_of(&ch, c_self, NULL, NULL);
	ret = verify(cafile, &ch, "localhost", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT &&
	    r.alert == ALERT_UNKNOWN_CA, "verify: self-signed is 18");
	free(text);
	chain_free(&ch);

	chain_of(&ch, c_expired, c_inter, NULL);
	ret = verify(cafile, &ch, "localhost", NULL, 0, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_CERT_HAS_EXPIRED &&
	    r.depth == 0 && r.alert == ALERT_CERTIFICATE_EXPIRED &&
	    strstr(text, "\nnotAfter=") != NULL,
	    "verify: expired is 10, certificate_expired, notAfter= line");
	free(text);
	chain_free(&ch);

	chain_of(&ch, c_future, c_inter, NULL);
	ret = verify(cafile, &ch, "localhost", NULL, 1, &r, &text);
	CHECK(ret == 0 && r.code == X509_V_ERR_CERT_NOT_YET_VALID &&
	    r.alert == ALERT_BAD_CERTIFICATE &&
	    strstr(text, "\nnotBefore=") != NULL,
	    "verify: not yet valid is 9, bad_certificate, notBefore= line");
	free(text);
	chain_free(&ch);

	/* a time in the future expires the whole chain: leaf last */
	{
		struct x509_verify_opts o;

		chain_of(&ch, c_leaf, c_inter, NULL);
		memset(&o, 0, sizeof(o));
		o.limit = o.depth = -1;
		o.trust.cafile = cafile;
		o.at = time(NULL) + 60 * DAY;
		x509_trust_reset();
		ret = x509_verify(&o, (const uint8_t *const *)ch.der, ch.len,
		    ch.n, &r);
		CHECK(ret == 0 && r.code == X509_V_ERR_CERT_HAS_EXPIRED &&
		    r.depth == 0, "verify: the verification time is used");
		chain_free(&ch);
	}

	/* garbage where the leaf should be */
	{
		uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
		struct chain j;

		memset(&j, 0, sizeof(j));
		j.der[0] = junk;
		j.len[0] = sizeof(junk);
		j.n = 1;
		ret = verify(cafile, &j, "localhost", NULL, 0, &r, &text);
		CHECK(ret == -1 && r.code == X509_V_ERR_UNSPECIFIED &&
		    r.alert == ALERT_INTERNAL_ERROR,
		    "verify: a leaf that is not DER cannot be verified");
		free(text);
	}
	/* an intermediate that is not DER is left out */
	{
		uint8_t junk[] = { 0x30, 0x80 };

		chain_of(&ch, c_leaf, NULL, NULL);
		ch.der[1] = junk;
		ch.len[1] = sizeof(junk);
		ch.n = 2;
		ret = verify(cafile, &ch, "localhost", NULL, 1, &r, &text);
		CHECK(ret == 0 && r.code ==
		    X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
		    "verify: an undecodable intermediate is skipped");
		free(text);
		ch.n = 1;
		chain_free(&ch);
	}

	/* a -CAfile that is not there, or holds no certificate */
	{
		struct x509_trust_opts to;
		char err[256];

		memset(&to, 0, sizeof(to));
		to.cafile = "/nonexistent/ca.pem";
		x509_trust_reset();
		CHECK(x509_trust_load(&to, err, sizeof(err)) == -1 &&
		    strstr(err, "/nonexistent/ca.pem") != NULL,
		    "trust: a missing -CAfile is an error naming it");
		to.cafile = "/dev/null";
		CHECK(x509_trust_load(&to, err, sizeof(err)) == -1,
		    "trust: a -CAfile without certificates is an error");
		to.cafile = NULL;
		to.capath = cafile;
		CHECK(x509_trust_load(&to, err, sizeof(err)) == -1 &&
		    strstr(err, "not a directory") != NULL,
		    "trust: -CApath must be a directory");
		x509_trust_reset();
	}

	CHECK(x509_verify_alert(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT) ==
	    ALERT_UNKNOWN_CA &&
	    x509_verify_alert(X509_V_ERR_CERT_REVOKED) ==
	    ALERT_CERTIFICATE_REVOKED &&
	    x509_verify_alert(X509_V_ERR_INVALID_PURPOSE) ==
	    ALERT_UNSUPPORTED_CERTIFICATE &&
	    x509_verify_alert(X509_V_ERR_CERT_SIGNATURE_FAILURE) ==
	    ALERT_DECRYPT_ERROR &&
	    x509_verify_alert(X509_V_ERR_SUBJECT_ISSUER_MISMATCH) ==
	    ALERT_CERTIFICATE_UNKNOWN,
	    "verify: alerts for codes, certificate_unknown by default");
	CHECK(strcmp(x509_verify_text(20),
	    "unable to get local issuer certificate") == 0 &&
	    strcmp(x509_verify_text(0), "ok") == 0,
	    "verify: OpenSSL's texts for the codes");
}

/* --- printing --------------------------------------------------------- */

static char *
capture_chain(struct chain *ch, int showcerts)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	x509_print_chain(f, (const uint8_t *const *)ch->der, ch->len, ch->n,
	    showcerts);
	fclose(f);
	return text;
}

static int
only_safe_bytes(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != '\n' && ((unsigned char)*s < 0x20 ||
		    (unsigned char)*s >= 0x7f))
			return 0;
	return 1;
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_print(void)
{
	struct chain ch;
	char *text, buf[256];
	unsigned char md[32];
	unsigned int mdlen;
	size_t len, i;
	FILE *f;

	chain_of(&ch, c_leaf, c_inter, NULL);
	text = capture_chain(&ch, 0);
	CHECK(strncmp(text, " 0 s:CN = localhost\n   i:CN = t inter\n"
	    "   a:PKEY: rsaEncryption, 2048 (bit); sigalg: "
	    "ecdsa-with-SHA256\n   v:NotBefore: ", 112) == 0 &&
	    strstr(text, "\n 1 s:CN = t inter\n   i:CN = t root\n"
	    "   a:PKEY: id-ecPublicKey, 256 (bit); sigalg: "
	    "ecdsa-with-SHA256\n") != NULL && count_lines(text) == 8,
	    "print: the Certificate chain lines of s_client");
	CHECK(strstr(text, "BEGIN CERTIFICATE") == NULL,
	    "print: no PEM without -showcerts");
	free(text);
	text = capture_chain(&ch, 1);
	CHECK(count_lines(text) > 8 && strstr(text, "-----BEGIN "
	    "CERTIFICATE-----\n") != NULL, "print: -showcerts adds PEM");
	free(text);

	/* the PEM decodes back to the very DER */
	f = open_memstream(&text, &len);
	x509_print_pem(f, ch.der[0], ch.len[0]);
	fclose(f);
	{
		BIO *b = BIO_new_mem_buf(text, (int)len);
		X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
		unsigned char *p = NULL;
		int l = x != NULL ? i2d_X509(x, &p) : 0;

		CHECK(x != NULL && (size_t)l == ch.len[0] &&
		    memcmp(p, ch.der[0], ch.len[0]) == 0,
		    "print: PEM of the DER as received");
		OPENSSL_free(p);
		X509_free(x);
		BIO_free(b);
	}
	free(text);

	f = open_memstream(&text, &len);
	x509_print_subject_issuer(f, ch.der[0], ch.len[0]);
	x509_print_leaf(f, 4, ch.der[0], ch.len[0]);
	fclose(f);
	CHECK(strncmp(text, "subject=CN = localhost\nissuer=CN = t inter\n",
	    43) == 0, "print: subject= and issuer= lines");
	CHECK(strstr(text, "    Subject Alternative Name: DNS:localhost, "
	    "IP Address:127.0.0.1\n") != NULL &&
	    strstr(text, "    Public Key: RSA 2048 bits\n") != NULL &&
	    strstr(text, "    Signature Algorithm: ecdsa-with-SHA256\n") !=
	    NULL, "print: leaf summary: SAN, key, signature algorithm");
	/* the fingerprint, against X509_digest */
	X509_digest(c_leaf, EVP_sha256(), md, &mdlen);
	len = 0;
	for (i = 0; i < mdlen; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%02X",
		    i ? ":" : "", md[i]);
	CHECK(strstr(text, buf) != NULL, "print: SHA-256 fingerprint");
	free(text);
	chain_free(&ch);

	/* a hostile name and SAN cannot break lines or reach the terminal */
	chain_of(&ch, c_evil, NULL, NULL);
	text = capture_chain(&ch, 0);
	CHECK(only_safe_bytes(text) && count_lines(text) == 4,
	    "print: chain lines escape control characters in names");
	free(text);
	f = open_memstream(&text, &len);
	x509_print_leaf(f, 0, ch.der[0], ch.len[0]);
	fclose(f);
	/* libcrypto prints the SAN's ESC as '.', or we escape it */
	CHECK(only_safe_bytes(text) && count_lines(text) == 8 &&
	    strstr(text, "Name: DNS:a") != NULL &&
	    strstr(text, "[2Jb\n") != NULL &&
	    strstr(text, "Subject: CN = evil\\0Aline\\1B[31m\n") != NULL,
	    "print: leaf summary escapes a hostile SAN");
	free(text);
	chain_free(&ch);

	/* Names: DER in, text out, garbage refused */
	{
		unsigned char *p = NULL;
		int l = i2d_X509_NAME(X509_get_subject_name(c_inter), &p);

		CHECK(x509_name_text(p, (size_t)l, buf, sizeof(buf)) == 0 &&
		    strcmp(buf, "CN = t inter") == 0, "name: DER to text");
		CHECK(x509_name_text(p, (size_t)l - 1, buf, sizeof(buf)) ==
		    -1 && buf[0] == '\0', "name: truncated DER refused");
		p[0] = 0x31;	/* a SET where the SEQUENCE should be */
		CHECK(x509_name_text(p, (size_t)l, buf, sizeof(buf)) == -1,
		    "name: wrong tag refused");
		OPENSSL_free(p);
	}
}

static void
test_expiry(void)
{
	uint8_t *der;
	size_t len;
	long long secs;
	char date[64];

	der = der_of(c_leaf, &len);
	CHECK(x509_expiry(der, len, 0, &secs, date, sizeof(date)) == 0 &&
	    secs > 29 * DAY && secs <= 30 * DAY && strstr(date, "GMT") != NULL,
	    "expiry: a 30-day certificate has 30 days left");
	CHECK(x509_expiry(der, len, time(NULL) + 40 * DAY, &secs, date,
	    sizeof(date)) == 0 && secs < -9 * DAY &&
	    secs >= -10 * DAY - 60,	/* a busy machine: seconds pass */
	    "expiry: ten days past notAfter is negative");
	CHECK(x509_expiry(der, len - 1, 0, &secs, date, sizeof(date)) == -1,
	    "expiry: a truncated certificate is refused");
	OPENSSL_free(der);
}

/* --- OCSP ---------------------------------------------------------------- */

/* A DER OCSPResponse about leaf (issued by issuer), signed by signer. */
static uint8_t *
mk_ocsp(X509 *leaf, X509 *issuer, X509 *signer, EVP_PKEY *skey, int status,
    long next, int rstatus, size_t *len)
{
	OCSP_CERTID *id = OCSP_cert_to_id(NULL, leaf, issuer);
	OCSP_BASICRESP *bs = OCSP_BASICRESP_new();
	ASN1_TIME *now = X509_gmtime_adj(NULL, -60);
	ASN1_TIME *nxt = X509_gmtime_adj(NULL, next);
	OCSP_RESPONSE *resp;
	unsigned char *p = NULL;
	int l;

	if (OCSP_basic_add1_status(bs, id, status,
	    status == V_OCSP_CERTSTATUS_REVOKED ?
	    OCSP_REVOKED_STATUS_KEYCOMPROMISE : -1, now, now, nxt) == NULL ||
	    !OCSP_basic_sign(bs, signer, skey, EVP_sha256(), NULL, 0))
		abort();
	resp = OCSP_response_create(rstatus,
	    rstatus == OCSP_RESPONSE_STATUS_SUCCESSFUL ? bs : NULL);
	l = i2d_OCSP_RESPONSE(resp, &p);
	*len = (size_t)l;
	OCSP_RESPONSE_free(resp);
	OCSP_BASICRESP_free(bs);
	OCSP_CERTID_free(id);
	ASN1_TIME_free(now);
	ASN1_TIME_free(nxt);
	return p;
}

static int
ocsp(struct chain *ch, const uint8_t *resp, size_t len,
    struct x509_ocsp_result *r, char **text)
{
	struct x509_verify_opts o;
	size_t tl;
	FILE *f = open_memstream(text, &tl);
	int ret;

	memset(&o, 0, sizeof(o));
	o.limit = o.depth = -1;
	o.trust.cafile = cafile;
	x509_trust_reset();
	ret = x509_ocsp_check(&o, resp, len, (const uint8_t *const *)ch->der,
	    ch->len, ch->n, f, r);
	fclose(f);
	return ret;
}

static void
test_ocsp(void)
{
	struct x509_ocsp_result r;
	struct chain ch;
	uint8_t *resp;
	size_t len;
	char *text;
	int ret;

	chain_of(&ch, c_leaf, c_inter, NULL);
	resp = mk_ocsp(c_leaf, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_GOOD, DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL, &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_GOOD && r.verified &&
	    strncmp(r.text, "good; this update ", 18) == 0,
	    "ocsp: good, signed by the issuer, verified");
	CHECK(strncmp(text, "OCSP response: \n========", 24) == 0 &&
	    strstr(text, "    Cert Status: good\n") != NULL &&
	    strstr(text, "\n======================================\n") != NULL,
	    "ocsp: s_client's OCSP response block");
	free(text);
	OPENSSL_free(resp);

	resp = mk_ocsp(c_leaf, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_REVOKED, DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL,
	    &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_REVOKED && r.verified &&
	    strstr(r.text, "keyCompromise") != NULL &&
	    strstr(text, "Cert Status: revoked") != NULL,
	    "ocsp: revoked, with its reason");
	free(text);
	OPENSSL_free(resp);

	/* forged: signed by a key that has nothing to do with the issuer */
	resp = mk_ocsp(c_leaf, c_inter, c_other_root, k_other,
	    V_OCSP_CERTSTATUS_GOOD, DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL, &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_GOOD && !r.verified &&
	    strstr(r.text, "NOT verified") != NULL,
	    "ocsp: a response from a stranger is not verified");
	free(text);
	OPENSSL_free(resp);

	/* stale: nextUpdate is past */
	resp = mk_ocsp(c_leaf, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_GOOD, -DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL,
	    &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && !r.verified && strstr(r.text, "validity") != NULL,
	    "ocsp: a stale response is not accepted");
	free(text);
	OPENSSL_free(resp);

	/* about another certificate */
	resp = mk_ocsp(c_expired, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_GOOD, DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL, &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_ERROR && !r.verified &&
	    strstr(r.text, "nothing about") != NULL,
	    "ocsp: a response about another certificate is an error");
	free(text);
	OPENSSL_free(resp);

	/* the responder could not answer */
	resp = mk_ocsp(c_leaf, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_GOOD, DAY, OCSP_RESPONSE_STATUS_TRYLATER, &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_ERROR &&
	    strstr(r.text, "trylater") != NULL,
	    "ocsp: an unsuccessful responder status is reported");
	free(text);

	/* the leaf alone, and its issuer is not in the store either */
	ch.n = 1;
	OPENSSL_free(resp);
	resp = mk_ocsp(c_leaf, c_inter, c_inter, k_inter,
	    V_OCSP_CERTSTATUS_GOOD, DAY, OCSP_RESPONSE_STATUS_SUCCESSFUL, &len);
	ret = ocsp(&ch, resp, len, &r, &text);
	CHECK(ret == 0 && r.status == OCSP_ST_ERROR &&
	    strstr(r.text, "issuer") != NULL,
	    "ocsp: without the issuer the response cannot be matched");
	free(text);
	ch.n = 2;

	/* not DER at all, or with bytes after it */
	ret = ocsp(&ch, (const uint8_t *)"\x30\x03\x0a\x01", 4, &r, &text);
	CHECK(ret == -1 && strstr(text, "response parse error") != NULL,
	    "ocsp: garbage is refused");
	free(text);
	{
		uint8_t *longer = malloc(len + 1);

		memcpy(longer, resp, len);
		longer[len] = 0;
		ret = ocsp(&ch, longer, len + 1, &r, &text);
		CHECK(ret == -1, "ocsp: a trailing byte is refused");
		free(text);
		free(longer);
	}
	OPENSSL_free(resp);
	chain_free(&ch);
	x509_trust_reset();
}

/* --- -pass, keys, signatures ------------------------------------------- */

static void
test_pass(void)
{
	char buf[64], err[256], path[96];
	FILE *f;

	CHECK(x509_pass_resolve("pass:s3cret", buf, sizeof(buf), err,
	    sizeof(err)) == 0 && strcmp(buf, "s3cret") == 0, "pass: pass:");
	setenv("TP_TEST_PASS", "from env", 1);
	CHECK(x509_pass_resolve("env:TP_TEST_PASS", buf, sizeof(buf), err,
	    sizeof(err)) == 0 && strcmp(buf, "from env") == 0, "pass: env:");
	CHECK(x509_pass_resolve("env:TP_TEST_NO_SUCH_VAR", buf, sizeof(buf),
	    err, sizeof(err)) == -1, "pass: env: of an unset variable");
	snprintf(path, sizeof(path), "%s/pw", tmpdir);
	f = fopen(path, "w");
	fputs("first line\r\nsecond\n", f);
	fclose(f);
	snprintf(err, sizeof(err), "file:%s", path);
	CHECK(x509_pass_resolve(err, buf, sizeof(buf), err, sizeof(err)) ==
	    0 && strcmp(buf, "first line") == 0, "pass: file: first line");
	CHECK(x509_pass_resolve("stdin", buf, sizeof(buf), err,
	    sizeof(err)) == -1 && strstr(err, "pass:") != NULL,
	    "pass: an unknown form is refused");
	CHECK(x509_pass_resolve("pass:0123456789", buf, 8, err,
	    sizeof(err)) == -1, "pass: too long for the buffer");
	unlink(path);
}

static char *
pem_key(EVP_PKEY *k, const char *pass, size_t *len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p, *out;
	long n;

	if (!PEM_write_bio_PrivateKey(b, k, pass != NULL ?
	    EVP_aes_256_cbc() : NULL, (const unsigned char *)pass,
	    pass != NULL ? (int)strlen(pass) : 0, NULL, NULL))
		abort();
	n = BIO_get_mem_data(b, &p);
	out = malloc((size_t)n);
	memcpy(out, p, (size_t)n);
	*len = (size_t)n;
	BIO_free(b);
	return out;
}

static struct priv_key *
priv_of(EVP_PKEY *k)
{
	struct priv_key *pk;
	char err[256], *pem;
	size_t len;

	pem = pem_key(k, NULL, &len);
	if (priv_key_from_pem(pem, len, NULL, &pk, err, sizeof(err)) != 0)
		abort();
	free(pem);
	return pk;
}

/* Independent check of an RSA-PSS signature with an explicit salt. */
static int
pss_verifies(EVP_PKEY *k, const uint8_t *m, size_t ml, const uint8_t *s,
    size_t sl, int salt)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx;
	int ok;

	ok = EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL, k) == 1 &&
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt) == 1 &&
	    EVP_DigestVerify(ctx, s, sl, m, ml) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

static void
test_keys(void)
{
	static const uint8_t msg[] = "handshake messages, or a hash of them";
	static const uint16_t rsa_schemes[] = { 0x0401, 0x0501, 0x0601,
	    0x0804, 0x0805, 0x0806, 0x0201 };
	struct priv_key *rsa, *ec, *ed, *pk;
	struct peer_key *peer;
	const struct tp_sigscheme *s;
	uint8_t sig[1024], *der;
	size_t siglen, len, i;
	char err[256], *pem, name[96];
	int ret;

	rsa = priv_of(k_rsa);
	ec = priv_of(k_ec);
	ed = priv_of(k_ed);
	CHECK(priv_key_type(rsa) == PK_RSA && priv_key_type(ec) == PK_EC &&
	    priv_key_type(ed) == PK_ED25519, "key: types from PEM");
	CHECK(strcmp(priv_key_describe(ec, name, sizeof(name)),
	    "EC P-256") == 0, "key: described as a peer key would be");

	der = der_of(c_leaf, &len);
	CHECK(priv_key_matches_cert(rsa, der, len) &&
	    !priv_key_matches_cert(ec, der, len) &&
	    !priv_key_matches_cert(rsa, der, len - 1),
	    "key: matches its own certificate only");
	if (peer_key_from_cert(der, len, &peer) != 0)
		abort();
	OPENSSL_free(der);
	for (i = 0; i < sizeof(rsa_schemes) / sizeof(rsa_schemes[0]); i++) {
		s = sigscheme_by_code(rsa_schemes[i]);
		siglen = sizeof(sig);
		ret = sig_sign(rsa, s, msg, sizeof(msg), sig, &siglen);
		snprintf(name, sizeof(name), "sign: %s round trip", s->name);
		CHECK(ret == 0 && siglen == 256 && sig_verify(peer, s, msg,
		    sizeof(msg), sig, siglen) == 0, name);
		sig[siglen / 2] ^= 0x01;
		snprintf(name, sizeof(name), "sign: %s tampered fails",
		    s->name);
		CHECK(sig_verify(peer, s, msg, sizeof(msg), sig, siglen) ==
		    TP_E_DECRYPT, name);
	}
	/* RFC 8446, 4.2.3: PSS salt as long as the hash, checked apart */
	s = sigscheme_by_code(0x0804);
	siglen = sizeof(sig);
	(void)sig_sign(rsa, s, msg, sizeof(msg), sig, &siglen);
	CHECK(pss_verifies(k_rsa, msg, sizeof(msg), sig, siglen, 32) &&
	    !pss_verifies(k_rsa, msg, sizeof(msg), sig, siglen, 20),
	    "sign: rsa_pss_rsae_sha256 uses a 32-byte salt");
	/* TLS 1.0/1.1: MD5||SHA1, no DigestInfo */
	{
		uint8_t dgst[36];

		memset(dgst, 0xab, sizeof(dgst));
		siglen = sizeof(sig);
		ret = sig_sign(rsa, &tp_sig_md5_sha1_rsa, dgst, 36, sig,
		    &siglen);
		CHECK(ret == 0 && sig_verify(peer, &tp_sig_md5_sha1_rsa, dgst,
		    36, sig, siglen) == 0, "sign: RSA MD5-SHA1 round trip");
		siglen = sizeof(sig);
		CHECK(sig_sign(rsa, &tp_sig_md5_sha1_rsa, dgst, 35, sig,
		    &siglen) != 0, "sign: MD5-SHA1 needs 36 bytes");
	}
	/* room for the signature */
	siglen = 100;
	CHECK(sig_sign(rsa, sigscheme_by_code(0x0804), msg, sizeof(msg), sig,
	    &siglen) == TP_E_INTERNAL, "sign: too small a buffer fails");
	CHECK(sig_sign(rsa, sigscheme_by_code(0x0403), msg, sizeof(msg), sig,
	    &siglen) == TP_E_ILLEGAL, "sign: ECDSA scheme with an RSA key");
	peer_key_free(peer);

	der = der_of(c_ec_leaf, &len);
	if (peer_key_from_cert(der, len, &peer) != 0)
		abort();
	OPENSSL_free(der);
	s = sigscheme_by_code(0x0403);
	siglen = sizeof(sig);
	CHECK(sig_sign(ec, s, msg, sizeof(msg), sig, &siglen) == 0 &&
	    sig_verify(peer, s, msg, sizeof(msg), sig, siglen) == 0,
	    "sign: ecdsa_secp256r1_sha256 round trip");
	siglen = sizeof(sig);
	CHECK(sig_sign(ec, &tp_sig_sha1_ecdsa, msg, sizeof(msg), sig,
	    &siglen) == 0 && sig_verify(peer, &tp_sig_sha1_ecdsa, msg,
	    sizeof(msg), sig, siglen) == 0, "sign: ECDSA SHA-1 (TLS 1.0)");
	CHECK(priv_key_fits(ec, sigscheme_by_code(0x0403), 1) &&
	    !priv_key_fits(ec, sigscheme_by_code(0x0503), 1) &&
	    priv_key_fits(ec, sigscheme_by_code(0x0503), 0),
	    "key: TLS 1.3 binds the curve, TLS 1.2 does not");
	peer_key_free(peer);

	der = der_of(c_ed_leaf, &len);
	if (peer_key_from_cert(der, len, &peer) != 0)
		abort();
	OPENSSL_free(der);
	s = sigscheme_by_code(0x0807);
	siglen = sizeof(sig);
	CHECK(sig_sign(ed, s, msg, sizeof(msg), sig, &siglen) == 0 &&
	    siglen == 64 && sig_verify(peer, s, msg, sizeof(msg), sig,
	    siglen) == 0, "sign: ed25519 round trip");
	peer_key_free(peer);

	/* encrypted PEM: right password, wrong one, none */
	pem = pem_key(k_ec, "hunter2", &len);
	CHECK(priv_key_from_pem(pem, len, "hunter2", &pk, err,
	    sizeof(err)) == 0 && priv_key_type(pk) == PK_EC,
	    "key: encrypted PEM with the right password");
	priv_key_free(pk);
	CHECK(priv_key_from_pem(pem, len, "hunter3", &pk, err,
	    sizeof(err)) == -1 && pk == NULL &&
	    strstr(err, "password") != NULL,
	    "key: wrong password refused, and said so");
	CHECK(priv_key_from_pem(pem, len, NULL, &pk, err, sizeof(err)) ==
	    -1 && strstr(err, "-pass") != NULL,
	    "key: encrypted PEM without -pass: no prompt, an error");
	free(pem);
	CHECK(priv_key_from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n"
	    "-----END PRIVATE KEY-----\n", 55, NULL, &pk, err,
	    sizeof(err)) == -1, "key: a broken PEM is refused");
	CHECK(priv_key_load("/nonexistent/key.pem", NULL, &pk, err,
	    sizeof(err)) == -1 && strstr(err, "/nonexistent") != NULL,
	    "key: a missing file is named");

	priv_key_free(rsa);
	priv_key_free(ec);
	priv_key_free(ed);
}

static void
test_client_id(void)
{
	struct client_id id;
	char cert[64], key[64], chainf[64], err[256];
	FILE *f;
	char *pem;
	size_t len;

	snprintf(cert, sizeof(cert), "%s/client.pem", tmpdir);
	snprintf(key, sizeof(key), "%s/client.key", tmpdir);
	snprintf(chainf, sizeof(chainf), "%s/chain.pem", tmpdir);
	write_pem(cert, c_ec_leaf);
	f = fopen(chainf, "w");
	PEM_write_X509(f, c_inter);
	PEM_write_X509(f, c_root);
	fclose(f);
	pem = pem_key(k_ec, NULL, &len);
	f = fopen(key, "w");
	fwrite(pem, 1, len, f);
	fclose(f);
	free(pem);

	CHECK(x509_client_id_load(&id, cert, key, NULL, chainf, err,
	    sizeof(err)) == 0 && id.n == 3 && id.key != NULL &&
	    strcmp(id.subject, "CN = t ec client") == 0,
	    "client id: certificate, chain of two, key, subject");
	x509_client_id_free(&id);
	CHECK(id.n == 0 && id.key == NULL, "client id: freed and cleared");
	CHECK(x509_client_id_load(&id, cert, cafile, NULL, NULL, err,
	    sizeof(err)) == -1 && id.n == 0, "client id: a key file "
	    "without a key is refused");
	/* the key and the certificate in one file, as -cert alone */
	f = fopen(cert, "a");
	pem = pem_key(k_ec, NULL, &len);
	fwrite(pem, 1, len, f);
	fclose(f);
	free(pem);
	CHECK(x509_client_id_load(&id, cert, NULL, NULL, NULL, err,
	    sizeof(err)) == 0 && id.n == 1, "client id: -key defaults to "
	    "the -cert file");
	x509_client_id_free(&id);
	pem = pem_key(k_rsa, NULL, &len);
	f = fopen(key, "w");
	fwrite(pem, 1, len, f);
	fclose(f);
	free(pem);
	CHECK(x509_client_id_load(&id, cert, key, NULL, NULL, err,
	    sizeof(err)) == -1 && strstr(err, "does not belong") != NULL,
	    "client id: a key of another certificate is refused");
	CHECK(x509_client_id_load(&id, "/nonexistent.pem", NULL, NULL, NULL,
	    err, sizeof(err)) == -1, "client id: missing -cert file");
	unlink(cert);
	unlink(key);
	unlink(chainf);
}

/* --- CertificateRequest, and the client's answer ------------------------- */

static void
setup(struct conn *c, struct config *cfg, uint16_t version)
{
	static const struct transport io;
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->min_version = TLS1_2_VERSION;
	cfg->max_version = TLS1_3_VERSION;
	for (i = 0; i < tp_nsigschemes && i < TP_MAX_SIGALGS; i++)
		if (tp_sigschemes[i].dflt)
			cfg->sigalgs[cfg->nsigalgs++] = tp_sigschemes[i].code;
	conn_init(c, cfg, &io);
	c->version = version;
	c->wire_version = version > TLS1_2_VERSION ? TLS1_2_VERSION : version;
}

/* a DER Name */
static size_t
dn(X509 *x, uint8_t *out)
{
	unsigned char *p = out;

	return (size_t)i2d_X509_NAME(X509_get_subject_name(x), &p);
}

static size_t
cr12(uint8_t *b, int with_ca)
{
	size_t n = 0, l, at;

	b[n++] = 2;			/* certificate_types */
	b[n++] = 1;
	b[n++] = 64;
	b[n++] = 0;			/* supported_signature_algorithms */
	b[n++] = 6;
	b[n++] = 0x04; b[n++] = 0x01;
	b[n++] = 0x08; b[n++] = 0x04;
	b[n++] = 0x04; b[n++] = 0x03;
	at = n;
	n += 2;				/* certificate_authorities */
	if (with_ca) {
		l = dn(c_root, b + n + 2);
		b[n] = (uint8_t)(l >> 8);
		b[n + 1] = (uint8_t)l;
		n += 2 + l;
		l = dn(c_inter, b + n + 2);
		b[n] = (uint8_t)(l >> 8);
		b[n + 1] = (uint8_t)l;
		n += 2 + l;
	}
	b[at] = (uint8_t)((n - at - 2) >> 8);
	b[at + 1] = (uint8_t)(n - at - 2);
	return n;
}

/* The one CertificateRequest reader: parse, then keep what was asked. */
static int
take_cr(struct conn *c, const struct cbs *body, uint8_t *rctx, size_t *rl)
{
	struct hsmsg m;

	m.type = HS_CERTIFICATE_REQUEST;
	m.body = *body;
	m.raw = cbs_data(body);
	m.rawlen = cbs_len(body);
	return hs_take_certificate_request(c, &m, rctx, rl);
}

static void
test_request12(void)
{
	struct config cfg;
	struct conn c;
	struct cbs body;
	uint8_t b[1024], rctx[256];
	size_t n, rl, i;
	int bad = 0, ret;

	n = cr12(b, 1);
	setup(&c, &cfg, TLS1_2_VERSION);
	cbs_init(&body, b, n);
	ret = take_cr(&c, &body, rctx, &rl);
	CHECK(ret == 0 && c.cert_requested && c.ncr_types == 2 &&
	    c.cr_types[1] == 64 && c.ncr_sigalgs == 3 &&
	    c.cr_sigalgs[1] == 0x0804 && c.ncr_ca_names == 2 &&
	    strcmp(c.cr_ca_names, "CN = t root\nCN = t inter\n") == 0,
	    "CertificateRequest 1.2: types, algorithms, CA names");
	conn_free(&c);

	for (i = 0; i < n; i++) {
		setup(&c, &cfg, TLS1_2_VERSION);
		cbs_init(&body, b, i);
		/* asked, even when the request is malformed (diag.c) */
		if (take_cr(&c, &body, rctx, &rl) !=
		    TP_E_DECODE || strstr(c.why, "CertificateRequest") == NULL ||
		    !c.cert_requested)
			bad++;
		conn_free(&c);
	}
	CHECK(bad == 0, "CertificateRequest 1.2 at every truncation: "
	    "decode_error naming the message");

	/* a CA name that is not a Name */
	b[n - 3] ^= 0xff;
	setup(&c, &cfg, TLS1_2_VERSION);
	cbs_init(&body, b, n);
	ret = take_cr(&c, &body, rctx, &rl);
	CHECK(ret == TP_E_DECODE && strstr(c.why, "DistinguishedName"),
	    "CertificateRequest 1.2: a damaged DN is decode_error");
	conn_free(&c);

	/* no CA names at all is fine; an odd algorithm list is not */
	n = cr12(b, 0);
	setup(&c, &cfg, TLS1_2_VERSION);
	cbs_init(&body, b, n);
	CHECK(take_cr(&c, &body, rctx, &rl) == 0 &&
	    c.ncr_ca_names == 0, "CertificateRequest 1.2: no CA names");
	conn_free(&c);
	b[4] = 5;
	setup(&c, &cfg, TLS1_2_VERSION);
	cbs_init(&body, b, n);
	CHECK(take_cr(&c, &body, rctx, &rl) ==
	    TP_E_DECODE, "CertificateRequest 1.2: odd algorithm list");
	conn_free(&c);

	/* TLS 1.1: no algorithm list */
	{
		static const uint8_t cr11[] = { 1, 1, 0, 0 };

		setup(&c, &cfg, TLS1_1_VERSION);
		cbs_init(&body, cr11, sizeof(cr11));
		CHECK(take_cr(&c, &body, rctx, &rl) ==
		    0 && c.ncr_types == 1 && c.ncr_sigalgs == 0,
		    "CertificateRequest 1.1: types and CA names only");
		conn_free(&c);
	}
}

static size_t
cr13(uint8_t *b, int sigalgs, int twice, int cas)
{
	size_t n = 0, at, l;
	int k;

	b[n++] = 2;			/* certificate_request_context */
	b[n++] = 0xaa;
	b[n++] = 0xbb;
	at = n;
	n += 2;
	for (k = 0; k < (twice ? 2 : 1) && sigalgs; k++) {
		b[n++] = 0; b[n++] = 13;	/* signature_algorithms */
		b[n++] = 0; b[n++] = 6;
		b[n++] = 0; b[n++] = 4;
		b[n++] = 0x04; b[n++] = 0x03;
		b[n++] = 0x08; b[n++] = 0x04;
	}
	if (cas) {
		b[n++] = 0; b[n++] = 47;	/* certificate_authorities */
		l = dn(c_root, b + n + 6);
		b[n] = (uint8_t)((l + 4) >> 8);
		b[n + 1] = (uint8_t)(l + 4);
		b[n + 2] = (uint8_t)((l + 2) >> 8);
		b[n + 3] = (uint8_t)(l + 2);
		b[n + 4] = (uint8_t)(l >> 8);
		b[n + 5] = (uint8_t)l;
		n += 6 + l;
	}
	b[n++] = 0xff; b[n++] = 0x77;	/* unknown: ignored */
	b[n++] = 0; b[n++] = 1;
	b[n++] = 0;
	b[at] = (uint8_t)((n - at - 2) >> 8);
	b[at + 1] = (uint8_t)(n - at - 2);
	return n;
}

static void
test_request13(void)
{
	struct config cfg;
	struct conn c;
	struct cbs body;
	uint8_t b[1024], rctx[256];
	size_t n, rl, i;
	int bad = 0, ret;

	n = cr13(b, 1, 0, 1);
	setup(&c, &cfg, TLS1_3_VERSION);
	cbs_init(&body, b, n);
	ret = take_cr(&c, &body, rctx, &rl);
	CHECK(ret == 0 && rl == 2 && rctx[0] == 0xaa && c.ncr_sigalgs == 2 &&
	    c.cr_sigalgs[1] == 0x0804 && c.ncr_types == 0 &&
	    c.ncr_ca_names == 1 && strcmp(c.cr_ca_names, "CN = t root\n") == 0,
	    "CertificateRequest 1.3: context, algorithms, authorities");
	conn_free(&c);
	for (i = 0; i < n; i++) {
		setup(&c, &cfg, TLS1_3_VERSION);
		cbs_init(&body, b, i);
		ret = take_cr(&c, &body, rctx, &rl);
		if (ret == 0)
			bad++;
		conn_free(&c);
	}
	CHECK(bad == 0, "CertificateRequest 1.3 at every truncation fails");

	n = cr13(b, 0, 0, 1);
	setup(&c, &cfg, TLS1_3_VERSION);
	cbs_init(&body, b, n);
	CHECK(take_cr(&c, &body, rctx, &rl) ==
	    TP_E_ALERT(ALERT_MISSING_EXTENSION),
	    "CertificateRequest 1.3: no signature_algorithms is "
	    "missing_extension (RFC 8446, 4.3.2)");
	conn_free(&c);
	n = cr13(b, 1, 1, 0);
	setup(&c, &cfg, TLS1_3_VERSION);
	cbs_init(&body, b, n);
	CHECK(take_cr(&c, &body, rctx, &rl) ==
	    TP_E_ILLEGAL, "CertificateRequest 1.3: an extension twice");
	conn_free(&c);
}

static void
request(struct conn *c, const uint16_t *algs, size_t nalgs,
    const uint8_t *types, size_t ntypes)
{
	size_t i;

	c->cert_requested = 1;
	c->ncr_sigalgs = nalgs;
	for (i = 0; i < nalgs; i++)
		c->cr_sigalgs[i] = algs[i];
	c->ncr_types = ntypes;
	for (i = 0; i < ntypes; i++)
		c->cr_types[i] = types[i];
}

static uint16_t
choice(struct client_id *id, uint16_t version, const uint16_t *algs,
    size_t nalgs, const uint8_t *types, size_t ntypes)
{
	const struct tp_sigscheme *s;
	struct config cfg;
	struct conn c;

	setup(&c, &cfg, version);
	cfg.client = id;
	request(&c, algs, nalgs, types, ntypes);
	s = msg_client_sigscheme(&c);
	conn_free(&c);
	if (s == &tp_sig_md5_sha1_rsa)
		return 0xffff;
	if (s == &tp_sig_sha1_ecdsa)
		return 0xfffe;
	return s != NULL ? s->code : 0;
}

static void
test_choice(void)
{
	static const uint8_t both[] = { 1, 64 }, rsa_only[] = { 1 },
	    ec_only[] = { 64 };
	static const uint16_t mixed[] = { 0x0401, 0x0804, 0x0403 },
	    pkcs1[] = { 0x0201, 0x0401 }, p384[] = { 0x0503 },
	    ecs[] = { 0x0503, 0x0403 }, sha1[] = { 0x0201, 0x0203 };
	struct client_id rsa, ec;

	memset(&rsa, 0, sizeof(rsa));
	memset(&ec, 0, sizeof(ec));
	rsa.key = priv_of(k_rsa);
	ec.key = priv_of(k_ec);
	CHECK(choice(&rsa, TLS1_2_VERSION, mixed, 3, both, 2) == 0x0804,
	    "choice: RSA in 1.2 prefers PSS even when listed second");
	CHECK(choice(&rsa, TLS1_2_VERSION, pkcs1, 2, both, 2) == 0x0401,
	    "choice: RSA in 1.2 falls back to PKCS#1, SHA-256 before SHA-1");
	CHECK(choice(&rsa, TLS1_2_VERSION, sha1, 2, both, 2) == 0x0201,
	    "choice: SHA-1 when nothing else fits");
	CHECK(choice(&rsa, TLS1_2_VERSION, mixed, 3, ec_only, 1) == 0,
	    "choice: an RSA key needs rsa_sign among the types");
	CHECK(choice(&rsa, TLS1_3_VERSION, mixed, 3, NULL, 0) == 0x0804,
	    "choice: RSA in 1.3 is PSS");
	CHECK(choice(&rsa, TLS1_3_VERSION, pkcs1, 2, NULL, 0) == 0,
	    "choice: no PKCS#1 in TLS 1.3 (RFC 8446, 4.4.3)");
	CHECK(choice(&ec, TLS1_3_VERSION, ecs, 2, NULL, 0) == 0x0403,
	    "choice: ECDSA in 1.3 takes the scheme of its curve");
	CHECK(choice(&ec, TLS1_3_VERSION, p384, 1, NULL, 0) == 0,
	    "choice: P-256 key cannot sign ecdsa_secp384r1_sha384 in 1.3");
	CHECK(choice(&ec, TLS1_2_VERSION, p384, 1, ec_only, 1) == 0x0503,
	    "choice: in 1.2 the ECDSA scheme names only the hash");
	CHECK(choice(&ec, TLS1_2_VERSION, p384, 1, rsa_only, 1) == 0,
	    "choice: an EC key needs ecdsa_sign among the types");
	CHECK(choice(&rsa, TLS1_1_VERSION, NULL, 0, both, 2) == 0xffff &&
	    choice(&ec, TLS1_1_VERSION, NULL, 0, both, 2) == 0xfffe,
	    "choice: TLS 1.1 signs MD5-SHA1 (RSA) or SHA-1 (ECDSA)");
	CHECK(choice(NULL, TLS1_3_VERSION, mixed, 3, NULL, 0) == 0,
	    "choice: no certificate, no scheme");
	priv_key_free(rsa.key);
	priv_key_free(ec.key);
}

/* Independent: does sig verify over m with the certificate's key? */
static int
ossl_verifies(X509 *x, const EVP_MD *md, int pss, const uint8_t *m,
    size_t ml, const uint8_t *s, size_t sl)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx;
	int ok;

	ok = EVP_DigestVerifyInit(ctx, &pctx, md, NULL,
	    X509_get0_pubkey(x)) == 1;
	if (ok && pss)
		ok = EVP_PKEY_CTX_set_rsa_padding(pctx,
		    RSA_PKCS1_PSS_PADDING) == 1 &&
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, -1) == 1;
	ok = ok && EVP_DigestVerify(ctx, s, sl, m, ml) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

static void
test_client_messages(void)
{
	static const uint16_t algs[] = { 0x0403, 0x0804 };
	static const uint8_t types[] = { 1, 64 }, rctx[] = { 0x55, 0x66 };
	struct client_id id;
	struct config cfg;
	struct conn c;
	struct cbs t, msg, body, ctx, list, cert, exts, sig;
	uint8_t type, content[200], th[32];
	uint16_t scheme;
	size_t certmsg_len, leaflen;
	uint8_t *leaf;
	unsigned int thl;

	memset(&id, 0, sizeof(id));
	id.key = priv_of(k_rsa);
	id.der[0] = der_malloc(c_leaf, &id.len[0]);
	id.der[1] = der_malloc(c_inter, &id.len[1]);
	id.n = 2;
	strlcpy(id.subject, "CN = localhost", sizeof(id.subject));
	leaf = id.der[0];
	leaflen = id.len[0];

	/* TLS 1.3: Certificate with the context, then CertificateVerify */
	setup(&c, &cfg, TLS1_3_VERSION);
	cfg.client = &id;
	c.suite = suite_by_code(0x1301);
	request(&c, algs, 2, NULL, 0);
	CHECK(hs_send_client_certificate(&c, rctx, sizeof(rctx)) == 0 &&
	    c.client_cert_sent && hs_send_client_certificate_verify(&c) == 0,
	    "client 1.3: Certificate and CertificateVerify written");
	cbs_init(&t, c.ts.buf, c.ts.len);
	CHECK(cbs_get_u8(&t, &type) && type == HS_CERTIFICATE &&
	    cbs_get_vec24(&t, &body) && cbs_get_vec8(&body, &ctx) &&
	    cbs_mem_equal(&ctx, rctx, 2) && cbs_get_vec24(&body, &list) &&
	    cbs_len(&body) == 0 && cbs_get_vec24(&list, &cert) &&
	    cbs_mem_equal(&cert, leaf, leaflen) &&
	    cbs_get_vec16(&list, &exts) && cbs_len(&exts) == 0 &&
	    cbs_get_vec24(&list, &cert) && cbs_get_vec16(&list, &exts) &&
	    cbs_len(&list) == 0,
	    "client 1.3: Certificate: context, leaf and intermediate, no "
	    "extensions");
	certmsg_len = c.ts.len - cbs_len(&t);
	CHECK(cbs_get_u8(&t, &type) && type == HS_CERTIFICATE_VERIFY &&
	    cbs_get_vec24(&t, &msg) && cbs_get_u16(&msg, &scheme) &&
	    scheme == 0x0804 && cbs_get_vec16(&msg, &sig) &&
	    cbs_len(&msg) == 0 && cbs_len(&t) == 0,
	    "client 1.3: CertificateVerify with rsa_pss_rsae_sha256");
	/* RFC 8446, 4.4.3, rebuilt here from the RFC's text */
	memset(content, ' ', 64);
	memcpy(content + 64, "TLS 1.3, client CertificateVerify", 33);
	content[97] = 0;
	EVP_Digest(c.ts.buf, certmsg_len, th, &thl, EVP_sha256(), NULL);
	memcpy(content + 98, th, 32);
	CHECK(ossl_verifies(c_leaf, EVP_sha256(), 1, content, 130,
	    cbs_data(&sig), cbs_len(&sig)),
	    "client 1.3: the signature verifies (RFC 8446, 4.4.3 content)");
	/* the server's context string must not verify */
	memcpy(content + 64, "TLS 1.3, server CertificateVerify", 33);
	CHECK(!ossl_verifies(c_leaf, EVP_sha256(), 1, content, 130,
	    cbs_data(&sig), cbs_len(&sig)),
	    "client 1.3: ... and not as a server's signature");
	conn_free(&c);

	/* TLS 1.2: signs the handshake messages themselves */
	setup(&c, &cfg, TLS1_2_VERSION);
	cfg.client = &id;
	c.suite = suite_by_code(0xc02f);
	request(&c, algs, 2, types, 2);
	(void)transcript_add(&c.ts, (const uint8_t *)"\x0e\x00\x00\x00", 4);
	CHECK(hs_send_client_certificate(&c, NULL, 0) == 0 &&
	    hs_send_client_certificate_verify(&c) == 0,
	    "client 1.2: Certificate and CertificateVerify written");
	cbs_init(&t, c.ts.buf + 4, c.ts.len - 4);
	CHECK(cbs_get_u8(&t, &type) && type == HS_CERTIFICATE &&
	    cbs_get_vec24(&t, &body) && cbs_get_vec24(&body, &list) &&
	    cbs_len(&body) == 0 && cbs_get_vec24(&list, &cert) &&
	    cbs_mem_equal(&cert, leaf, leaflen) &&
	    cbs_get_vec24(&list, &cert) && cbs_len(&list) == 0,
	    "client 1.2: Certificate with the chain, no context");
	certmsg_len = c.ts.len - cbs_len(&t);
	CHECK(cbs_get_u8(&t, &type) && type == HS_CERTIFICATE_VERIFY &&
	    cbs_get_vec24(&t, &msg) && cbs_get_u16(&msg, &scheme) &&
	    scheme == 0x0804 && cbs_get_vec16(&msg, &sig) &&
	    ossl_verifies(c_leaf, EVP_sha256(), 1, c.ts.buf, certmsg_len,
	    cbs_data(&sig), cbs_len(&sig)),
	    "client 1.2: CertificateVerify over all messages before it");
	conn_free(&c);

	/* no certificate to give: empty lists (RFC 5246, 7.4.6) */
	setup(&c, &cfg, TLS1_2_VERSION);
	request(&c, algs, 2, types, 2);
	CHECK(hs_send_client_certificate(&c, NULL, 0) == 0 &&
	    !c.client_cert_sent && hs_send_client_certificate_verify(&c) == 0 &&
	    c.ts.len == 7 && memcmp(c.ts.buf, "\x0b\x00\x00\x03\x00\x00\x00",
	    7) == 0, "client 1.2: no certificate, an empty Certificate");
	conn_free(&c);
	setup(&c, &cfg, TLS1_3_VERSION);
	c.suite = suite_by_code(0x1301);
	request(&c, algs, 2, NULL, 0);
	CHECK(hs_send_client_certificate(&c, rctx, 2) == 0 && c.ts.len == 10 &&
	    memcmp(c.ts.buf, "\x0b\x00\x00\x06\x02\x55\x66\x00\x00\x00",
	    10) == 0, "client 1.3: no certificate: context, empty list");
	conn_free(&c);
	/* a key that fits nothing also sends an empty one */
	setup(&c, &cfg, TLS1_3_VERSION);
	cfg.client = &id;
	c.suite = suite_by_code(0x1301);
	request(&c, algs, 1, NULL, 0);	/* only ECDSA P-256 */
	CHECK(hs_send_client_certificate(&c, NULL, 0) == 0 &&
	    !c.client_cert_sent && c.ts.len == 8,
	    "client 1.3: an RSA key and only ECDSA asked: none sent");
	conn_free(&c);

	x509_client_id_free(&id);
}

int
main(void)
{
	tp_crypto_init();
	setup_pki();
	test_verify();
	test_print();
	test_expiry();
	test_ocsp();
	test_pass();
	test_keys();
	test_client_id();
	test_request12();
	test_request13();
	test_choice();
	test_client_messages();
	unlink(cafile);
	unlink(otherfile);
	rmdir(tmpdir);
	X509_free(c_root);
	X509_free(c_inter);
	X509_free(c_leaf);
	X509_free(c_expired);
	X509_free(c_future);
	X509_free(c_self);
	X509_free(c_other_root);
	X509_free(c_ec_leaf);
	X509_free(c_ed_leaf);
	X509_free(c_evil);
	EVP_PKEY_free(k_root);
	EVP_PKEY_free(k_inter);
	EVP_PKEY_free(k_rsa);
	EVP_PKEY_free(k_ec);
	EVP_PKEY_free(k_ed);
	EVP_PKEY_free(k_other);
	UNIT_EXIT();
}
