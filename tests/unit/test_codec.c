/*
 * test_codec.c -- the bounded reader and writer, and the message parsers
 * fed every truncation of valid messages: each must fail cleanly with a
 * decode error naming the message, never read past the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytestring.h"
#include "conn.h"
#include "msg.h"
#include "hs_cert.h"
#include "msg_cert.h"
#include "names.h"
#include "sig.h"
#include "tperr.h"
#include "unit.h"

static void
test_reader(void)
{
	static const uint8_t v[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
	    0x07, 0x08, 0x09 };
	struct cbs c, child;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	size_t i;

	cbs_init(&c, v, sizeof(v));
	CHECK(cbs_get_u8(&c, &u8) && u8 == 0x01, "cbs: get_u8");
	CHECK(cbs_get_u16(&c, &u16) && u16 == 0x0203, "cbs: get_u16");
	CHECK(cbs_get_u24(&c, &u32) && u32 == 0x040506, "cbs: get_u24");
	CHECK(!cbs_get_u32(&c, &u32) && cbs_len(&c) == 3,
	    "cbs: get_u32 past the end fails and consumes nothing");
	CHECK(cbs_get_u24(&c, &u32) && u32 == 0x070809 && cbs_len(&c) == 0,
	    "cbs: the rest");
	CHECK(!cbs_get_u8(&c, &u8), "cbs: get_u8 on empty fails");

	cbs_init(&c, v, sizeof(v));
	CHECK(cbs_get_u64(&c, &u64) && u64 == 0x0102030405060708ULL,
	    "cbs: get_u64");

	/* vectors: length says 3, two bytes follow: fails, nothing eaten */
	{
		static const uint8_t short16[] = { 0x00, 0x03, 0xaa, 0xbb };
		static const uint8_t ok8[] = { 0x02, 0xaa, 0xbb, 0xcc };
		static const uint8_t short24[] = { 0x00, 0x00, 0x05, 1, 2 };

		cbs_init(&c, short16, sizeof(short16));
		CHECK(!cbs_get_vec16(&c, &child) && cbs_len(&c) == 4,
		    "cbs: vec16 longer than the input fails, consumes nothing");
		cbs_init(&c, ok8, sizeof(ok8));
		CHECK(cbs_get_vec8(&c, &child) && cbs_len(&child) == 2 &&
		    cbs_len(&c) == 1, "cbs: vec8 takes exactly its length");
		cbs_init(&c, short24, sizeof(short24));
		CHECK(!cbs_get_vec24(&c, &child), "cbs: vec24 short");
	}
	/* every prefix of a vec16 of 5 bytes fails except the whole */
	{
		static const uint8_t w[] = { 0x00, 0x05, 1, 2, 3, 4, 5 };
		int bad = 0;

		for (i = 0; i < sizeof(w); i++) {
			cbs_init(&c, w, i);
			if (cbs_get_vec16(&c, &child))
				bad++;
		}
		cbs_init(&c, w, sizeof(w));
		CHECK(bad == 0 && cbs_get_vec16(&c, &child),
		    "cbs: vec16 at every short length fails");
	}
	cbs_init(&c, NULL, 0);
	CHECK(!cbs_skip(&c, 1) && cbs_skip(&c, 0), "cbs: skip bounds");
}

static void
test_writer(void)
{
	struct cbb b;
	static const uint8_t want[] = { 0x16, 0x00, 0x00, 0x07, 0x00, 0x05,
	    0x01, 0x02, 0x03, 0x04, 0x05 };

	cbb_init(&b, 0);
	cbb_add_u8(&b, 0x16);
	cbb_open(&b, 3);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, "\x01\x02\x03\x04\x05", 5);
	cbb_close(&b);
	cbb_close(&b);
	CHECK(cbb_ok(&b) && b.len == sizeof(want) &&
	    memcmp(b.buf, want, sizeof(want)) == 0,
	    "cbb: nested vectors back-patch their lengths");
	cbb_cleanup(&b);

	cbb_init(&b, 0);
	cbb_open(&b, 1);
	{
		uint8_t big[300];

		memset(big, 0, sizeof(big));
		cbb_add_bytes(&b, big, sizeof(big));
	}
	CHECK(!cbb_close(&b) && !cbb_ok(&b),
	    "cbb: a vec8 of 300 bytes does not close");
	CHECK(!cbb_add_u8(&b, 1), "cbb: errors are sticky");
	cbb_cleanup(&b);

	cbb_init(&b, 4);
	CHECK(cbb_add_u32(&b, 1) && !cbb_add_u8(&b, 1) && !cbb_ok(&b),
	    "cbb: the limit holds");
	cbb_cleanup(&b);

	cbb_init(&b, 0);
	CHECK(!cbb_close(&b), "cbb: close without open fails");
	cbb_cleanup(&b);
	cbb_init(&b, 0);
	CHECK(!cbb_add_u24(&b, 0x1000000), "cbb: u24 overflow");
	cbb_cleanup(&b);
}

static void
setup(struct conn *c, struct config *cfg)
{
	static const struct transport io;
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->min_version = TLS1_2_VERSION;
	cfg->max_version = TLS1_3_VERSION;
	for (i = 0; i < tp_nsuites; i++) {
		if (suite_gap(&tp_suites[i]) != NULL)
			continue;
		if (tp_suites[i].kex == KEX_TLS13)
			cfg->suites13[cfg->nsuites13++] = tp_suites[i].code;
		else if (cfg->nsuites < TP_MAX_SUITES)
			cfg->suites[cfg->nsuites++] = tp_suites[i].code;
	}
	for (i = 0; i < tp_ngroups; i++)
		cfg->groups[cfg->ngroups++] = tp_groups[i].code;
	for (i = 0; i < tp_nsigschemes && i < TP_MAX_SIGALGS; i++)
		cfg->sigalgs[cfg->nsigalgs++] = tp_sigschemes[i].code;
	conn_init(c, cfg, &io);
	/* the extensions a default ClientHello offers */
	c->offered_exts[c->noffered_exts++] = EXT_SUPPORTED_VERSIONS;
	c->offered_exts[c->noffered_exts++] = EXT_KEY_SHARE;
	c->offered_exts[c->noffered_exts++] = EXT_EXTENDED_MASTER_SECRET;
	c->offered_exts[c->noffered_exts++] = EXT_RENEGOTIATION_INFO;
	c->offered_exts[c->noffered_exts++] = EXT_EC_POINT_FORMATS;
	c->offered_exts[c->noffered_exts++] = EXT_SESSION_TICKET;
	c->offered_exts[c->noffered_exts++] = EXT_SERVER_NAME;
	c->offered_exts[c->noffered_exts++] = EXT_SUPPORTED_GROUPS;
}

/* A TLS 1.3 ServerHello body (RFC 8448, 3, without the 4-byte header). */
static const char sh13_hex[] =
    "03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14"
    "34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20"
    "c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1"
    "dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04";

/* A TLS 1.2 ServerHello body with EMS, renegotiation_info, point formats. */
static const char sh12_hex[] =
    "03 03 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33 44 55 66"
    "77 88 99 aa bb cc dd ee ff 00 20 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d"
    "0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 c0 2f 00 00 13"
    "00 17 00 00 ff 01 00 01 00 00 0b 00 02 01 00 00 23 00 00";

static void
test_server_hello(void)
{
	uint8_t buf[512], copy[512];
	struct server_hello sh;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t n, i;
	int bad, ret;

	n = unit_hex(sh13_hex, buf, sizeof(buf));
	setup(&c, &cfg);
	cbs_init(&body, buf, n);
	ret = msg_parse_server_hello(&c, &body, &sh, &why);
	CHECK(ret == 0 && sh.selected_version == TLS1_3_VERSION &&
	    sh.suite == 0x1301 && sh.has_key_share && sh.ks_group == 0x001d &&
	    cbs_len(&sh.ks_pub) == 32, "ServerHello 1.3 (RFC 8448) parses");
	conn_free(&c);

	/* every truncation: a clean decode error, never a read past it */
	bad = 0;
	for (i = 0; i < n; i++) {
		uint8_t *p = malloc(i ? i : 1);

		memcpy(p, buf, i);
		setup(&c, &cfg);
		cbs_init(&body, p, i);
		ret = msg_parse_server_hello(&c, &body, &sh, &why);
		/* i == 38..39: no extensions at all is a valid 1.2 form */
		if (ret == 0 && i != 38)
			bad++;
		if (ret != 0 && (ret != TP_E_DECODE ||
		    strstr(why.text, "ServerHello") == NULL))
			bad++;
		conn_free(&c);
		free(p);
	}
	CHECK(bad == 0, "ServerHello 1.3 at every truncation: decode_error "
	    "naming ServerHello");

	n = unit_hex(sh12_hex, buf, sizeof(buf));
	setup(&c, &cfg);
	cbs_init(&body, buf, n);
	ret = msg_parse_server_hello(&c, &body, &sh, &why);
	CHECK(ret == 0 && sh.ems && sh.reneg && sh.ticket &&
	    sh.point_formats && sh.session_id_len == 32 && sh.suite == 0xc02f,
	    "ServerHello 1.2 with four extensions parses");
	CHECK(ret == 0 && sh.has_point_formats &&
	    cbs_len(&sh.point_format_list) == 1 &&
	    cbs_data(&sh.point_format_list)[0] == 0,
	    "ServerHello 1.2: ec_point_formats kept in the struct");
	conn_free(&c);

	/* a duplicated extension: illegal_parameter naming it */
	memcpy(copy, buf, n);
	/* turn renegotiation_info's type into extended_master_secret's */
	for (i = 0; i + 4 < n; i++)
		if (copy[i] == 0xff && copy[i + 1] == 0x01) {
			copy[i] = 0x00;
			copy[i + 1] = 0x17;
			break;
		}
	setup(&c, &cfg);
	cbs_init(&body, copy, n);
	ret = msg_parse_server_hello(&c, &body, &sh, &why);
	CHECK(ret != 0 && strstr(why.text, "extended_master_secret") != NULL &&
	    strstr(why.text, "twice") != NULL,
	    "ServerHello: a duplicated extension is named");
	conn_free(&c);

	/* a 33-byte session id */
	memcpy(copy, buf, n);
	copy[34] = 33;
	setup(&c, &cfg);
	cbs_init(&body, copy, n);
	ret = msg_parse_server_hello(&c, &body, &sh, &why);
	CHECK(ret == TP_E_ILLEGAL && strstr(why.text, "session_id") != NULL,
	    "ServerHello: session_id of 33 bytes is illegal_parameter");
	conn_free(&c);

	/* an extension we did not offer (ALPN) */
	{
		static const char alpn_hex[] =
		    "03 03 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11"
		    "22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 00 c0 2f 00"
		    "00 09 00 10 00 05 00 03 02 68 32";

		n = unit_hex(alpn_hex, buf, sizeof(buf));
		setup(&c, &cfg);
		cbs_init(&body, buf, n);
		ret = msg_parse_server_hello(&c, &body, &sh, &why);
		CHECK(ret == TP_E_ALERT(ALERT_UNSUPPORTED_EXTENSION) &&
		    strstr(why.text, "not offered") != NULL,
		    "ServerHello: an extension not offered is "
		    "unsupported_extension");
		conn_free(&c);
	}
}

/* Parse, then act on it as the state machines do (hs_cert.c). */
static int
take_certificate(struct conn *c, struct cbs *body)
{
	struct certificate cm;
	struct tp_reason why;
	int ret;

	if ((ret = msg_parse_certificate(c, body, &cm, &why)) != 0)
		return tp_fail_reason(c, ret, &why);
	return hs_apply_certificate(c, &cm);
}

static void
test_certificate(void)
{
	/* a 1.2 Certificate with one 3-byte "certificate" (not DER) */
	static const uint8_t cert12[] = { 0x00, 0x00, 0x06, 0x00, 0x00, 0x03,
	    0x30, 0x01, 0x00 };
	/*
	 * A 1.3 Certificate: empty context, two entries; the leaf carries a
	 * stapled OCSP response (2 bytes) and an SCT list (1 SCT of 1 byte).
	 */
	static const uint8_t cert13[] = { 0x00,
	    0x00, 0x00, 0x1e,
	    0x00, 0x00, 0x02, 0x30, 0x00,
	    0x00, 0x11,
	      0x00, 0x05, 0x00, 0x06, 0x01, 0x00, 0x00, 0x02, 0xaa, 0xbb,
	      0x00, 0x12, 0x00, 0x03, 0x00, 0x01, 0xcc,
	    0x00, 0x00, 0x01, 0x31,
	    0x00, 0x00 };
	struct certificate cm;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t i;
	int bad = 0, ret;

	for (i = 0; i < sizeof(cert12); i++) {
		uint8_t *p = malloc(i ? i : 1);

		memcpy(p, cert12, i);
		setup(&c, &cfg);
		c.version = TLS1_2_VERSION;
		cbs_init(&body, p, i);
		ret = msg_parse_certificate(&c, &body, &cm, &why);
		if (ret != TP_E_DECODE || strncmp(why.text, "Certificate: ",
		    13) != 0)
			bad++;
		conn_free(&c);
		free(p);
	}
	CHECK(bad == 0, "Certificate 1.2 at every truncation: decode_error");

	setup(&c, &cfg);
	c.version = TLS1_2_VERSION;
	cbs_init(&body, cert12, sizeof(cert12));
	ret = msg_parse_certificate(&c, &body, &cm, &why);
	CHECK(ret == 0 && cm.ncert == 1 && cm.nentries == 1 &&
	    cbs_data(&cm.cert[0]) == cert12 + 6 && cbs_len(&cm.cert[0]) == 3 &&
	    !cm.has_ocsp && !cm.has_scts,
	    "Certificate 1.2 parses into the struct");
	conn_free(&c);

	setup(&c, &cfg);
	c.version = TLS1_2_VERSION;
	cbs_init(&body, cert12, sizeof(cert12));
	ret = take_certificate(&c, &body);
	CHECK(ret == TP_E_ALERT(ALERT_BAD_CERTIFICATE) && c.ncerts == 1,
	    "Certificate: bytes that are not DER are bad_certificate");
	conn_free(&c);

	/* TLS 1.3: entries with their extensions */
	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	c.offered_exts[c.noffered_exts++] = EXT_STATUS_REQUEST;
	c.offered_exts[c.noffered_exts++] = EXT_SCT;
	cbs_init(&body, cert13, sizeof(cert13));
	ret = msg_parse_certificate(&c, &body, &cm, &why);
	CHECK(ret == 0 && cm.ncert == 2 && cbs_len(&cm.cert[1]) == 1 &&
	    cm.has_ocsp && cbs_len(&cm.ocsp) == 2 &&
	    cbs_data(&cm.ocsp)[0] == 0xaa && cm.has_scts &&
	    cbs_len(&cm.scts) == 3,
	    "Certificate 1.3: entries, the leaf's OCSP response and SCTs");
	conn_free(&c);
	for (i = 0, bad = 0; i < sizeof(cert13); i++) {
		setup(&c, &cfg);
		c.version = TLS1_3_VERSION;
		c.offered_exts[c.noffered_exts++] = EXT_STATUS_REQUEST;
		c.offered_exts[c.noffered_exts++] = EXT_SCT;
		cbs_init(&body, cert13, i);
		ret = msg_parse_certificate(&c, &body, &cm, &why);
		if (ret != TP_E_DECODE || strncmp(why.text, "Certificate: ",
		    13) != 0)
			bad++;
		conn_free(&c);
	}
	CHECK(bad == 0, "Certificate 1.3 at every truncation: decode_error");
	/* status_request not offered: unsupported_extension (4.4.2) */
	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	c.offered_exts[c.noffered_exts++] = EXT_SCT;
	cbs_init(&body, cert13, sizeof(cert13));
	ret = msg_parse_certificate(&c, &body, &cm, &why);
	CHECK(ret == TP_E_ALERT(ALERT_UNSUPPORTED_EXTENSION) &&
	    strstr(why.text, "status_request") != NULL,
	    "Certificate 1.3: an entry extension not offered is named");
	conn_free(&c);

	/* a list that claims more than the message holds */
	{
		static const uint8_t lie[] = { 0xff, 0xff, 0xff, 0x00, 0x00,
		    0x01, 0x30 };

		setup(&c, &cfg);
		c.version = TLS1_2_VERSION;
		cbs_init(&body, lie, sizeof(lie));
		ret = take_certificate(&c, &body);
		CHECK(ret == TP_E_DECODE && strstr(c.why,
		    "certificate_list") != NULL,
		    "Certificate: a list longer than the message is named");
		conn_free(&c);
	}
	/* an empty list: RFC 8446, 4.4.2.4 decode_error */
	{
		static const uint8_t empty13[] = { 0x00, 0x00, 0x00, 0x00 };

		setup(&c, &cfg);
		c.version = TLS1_3_VERSION;
		cbs_init(&body, empty13, sizeof(empty13));
		ret = take_certificate(&c, &body);
		CHECK(ret == TP_E_DECODE && strstr(c.why, "no certificate"),
		    "Certificate 1.3: an empty list is decode_error");
		conn_free(&c);
	}
}

static void
test_certificate_request(void)
{
	/* TLS 1.2: rsa_sign and ecdsa_sign, two schemes, one empty-ish DN */
	static const uint8_t cr12[] = { 0x02, 0x01, 0x40,
	    0x00, 0x04, 0x08, 0x04, 0x04, 0x03,
	    0x00, 0x00 };
	/* TLS 1.3: a 1-byte context, signature_algorithms, one unknown */
	static const uint8_t cr13[] = { 0x01, 0x07,
	    0x00, 0x0e,
	      0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x07,
	      0xfe, 0xfe, 0x00, 0x02, 0x01, 0x02 };
	struct certificate_request cr;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t i;
	int bad = 0, ret;

	setup(&c, &cfg);
	c.version = TLS1_2_VERSION;
	cbs_init(&body, cr12, sizeof(cr12));
	ret = msg_parse_certificate_request(&c, &body, &cr, &why);
	CHECK(ret == 0 && cbs_len(&cr.types) == 2 &&
	    cbs_data(&cr.types)[1] == 0x40 && cbs_len(&cr.sigalgs) == 4 &&
	    cbs_len(&cr.ca_names) == 0 && cbs_len(&cr.context) == 0,
	    "CertificateRequest 1.2 parses into the struct");
	conn_free(&c);
	for (i = 0; i < sizeof(cr12); i++) {
		setup(&c, &cfg);
		c.version = TLS1_2_VERSION;
		cbs_init(&body, cr12, i);
		ret = msg_parse_certificate_request(&c, &body, &cr, &why);
		if (ret != TP_E_DECODE || strncmp(why.text,
		    "CertificateRequest: ", 20) != 0)
			bad++;
		conn_free(&c);
	}
	CHECK(bad == 0, "CertificateRequest 1.2 struct parser at every "
	    "truncation: decode_error");

	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	cbs_init(&body, cr13, sizeof(cr13));
	ret = msg_parse_certificate_request(&c, &body, &cr, &why);
	CHECK(ret == 0 && cbs_len(&cr.context) == 1 &&
	    cbs_data(&cr.context)[0] == 0x07 && cbs_len(&cr.sigalgs) == 2 &&
	    cbs_len(&cr.types) == 0,
	    "CertificateRequest 1.3 parses into the struct");
	conn_free(&c);
}

static void
test_certificate_verify(void)
{
	/* ecdsa_secp256r1_sha256, a 3-byte "signature" */
	static const uint8_t cv[] = { 0x04, 0x03, 0x00, 0x03, 0x01, 0x02,
	    0x03 };
	uint8_t copy[sizeof(cv)];
	struct certificate_verify v;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t i;
	int bad = 0, ret;

	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	cbs_init(&body, cv, sizeof(cv));
	ret = msg_parse_certificate_verify(&c, &body, &v, &why);
	CHECK(ret == 0 && v.scheme != NULL && v.scheme->code == 0x0403 &&
	    cbs_len(&v.sig) == 3,
	    "CertificateVerify 1.3 parses into the struct");
	/* acting on it without a certificate: unexpected_message */
	ret = hs_apply_certificate_verify(&c, &v, cv, 32);
	CHECK(ret == TP_E_UNEXPECTED && strstr(c.why, "without a "
	    "certificate") != NULL, "CertificateVerify without a "
	    "Certificate is unexpected_message");
	conn_free(&c);
	for (i = 0; i < sizeof(cv); i++) {
		setup(&c, &cfg);
		c.version = TLS1_3_VERSION;
		cbs_init(&body, cv, i);
		ret = msg_parse_certificate_verify(&c, &body, &v, &why);
		if (ret != TP_E_DECODE || strstr(why.text,
		    "CertificateVerify") == NULL)
			bad++;
		conn_free(&c);
	}
	CHECK(bad == 0, "CertificateVerify at every truncation: "
	    "decode_error naming CertificateVerify");
	memcpy(copy, cv, sizeof(cv));
	copy[0] = 0x02;		/* ecdsa_sha1: no TLS 1.3 scheme */
	copy[1] = 0x03;
	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	cbs_init(&body, copy, sizeof(copy));
	ret = msg_parse_certificate_verify(&c, &body, &v, &why);
	CHECK(ret == TP_E_ILLEGAL && strstr(why.text, "0x0203") != NULL,
	    "CertificateVerify: a scheme not for TLS 1.3 is "
	    "illegal_parameter");
	conn_free(&c);
}

/* ECDHE-RSA, TLS 1.2: x25519, a 32-byte point, rsa_pss_rsae_sha256, 4 bytes */
static const char ske_ecdhe_hex[] =
    "03 00 1d 20 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14"
    "15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 08 04 00 04 aa bb cc dd";

/* Parse body as a ServerKeyExchange of suite at version; the reason in why. */
static int
ske(const uint8_t *p, size_t n, uint16_t version, uint16_t suite,
    struct server_key_exchange *out, char *why, size_t whylen)
{
	struct tp_reason r;
	struct config cfg;
	struct conn c;
	struct cbs body;
	int ret;

	setup(&c, &cfg);
	c.version = version;
	c.suite = suite_by_code(suite);
	cbs_init(&body, p, n);
	ret = msg_parse_server_key_exchange(&c, &body, out, &r);
	snprintf(why, whylen, "%s", r.text);
	conn_free(&c);
	return ret;
}

static void
test_server_key_exchange(void)
{
	struct server_key_exchange k;
	uint8_t buf[256], copy[256];
	char why[512];
	size_t n, i;
	int bad, ret;

	n = unit_hex(ske_ecdhe_hex, buf, sizeof(buf));
	ret = ske(buf, n, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
	CHECK(ret == 0 && k.ecdh && !k.dh && k.group == 0x001d &&
	    cbs_len(&k.pub) == 32 && cbs_data(&k.pub) == buf + 4 &&
	    k.is_signed && cbs_data(&k.params) == buf &&
	    cbs_len(&k.params) == 36 && k.scheme != NULL &&
	    k.scheme->code == 0x0804 && cbs_len(&k.sig) == 4 &&
	    cbs_data(&k.sig)[0] == 0xaa && !k.has_hint,
	    "ServerKeyExchange ECDHE 1.2 parses into the struct");

	bad = 0;
	for (i = 0; i < n; i++) {
		uint8_t *p = malloc(i ? i : 1);

		memcpy(p, buf, i);
		ret = ske(p, i, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
		if (ret != TP_E_DECODE || strstr(why, "ServerKeyExchange") ==
		    NULL)
			bad++;
		free(p);
	}
	CHECK(bad == 0, "ServerKeyExchange ECDHE at every truncation: "
	    "decode_error naming ServerKeyExchange");

	memcpy(copy, buf, n);
	copy[n] = 0x00;
	ret = ske(copy, n + 1, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
	CHECK(ret == TP_E_DECODE && strstr(why, "signature length") != NULL,
	    "ServerKeyExchange: a byte after the signature is decode_error");

	memcpy(copy, buf, n);
	copy[0] = 1;
	ret = ske(copy, n, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
	CHECK(ret == TP_E_ILLEGAL && strstr(why, "curve_type 1") != NULL,
	    "ServerKeyExchange: explicit curve is illegal_parameter");

	memcpy(copy, buf, n);
	copy[1] = 0x01;		/* 0x011d: no such group */
	ret = ske(copy, n, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
	CHECK(ret == TP_E_ILLEGAL && strstr(why, "0x011d") != NULL &&
	    strstr(why, "not offered") != NULL,
	    "ServerKeyExchange: a group not offered is illegal_parameter");

	memcpy(copy, buf, n);
	copy[36] = 0xee;	/* scheme 0xee04 */
	ret = ske(copy, n, TLS1_2_VERSION, 0xc02f, &k, why, sizeof(why));
	CHECK(ret == TP_E_ILLEGAL && strstr(why, "0xee04") != NULL,
	    "ServerKeyExchange: a scheme not offered is illegal_parameter");

	/* TLS 1.0: no scheme, the signature follows the point */
	memcpy(copy, buf, 36);
	memcpy(copy + 36, buf + 38, n - 38);
	ret = ske(copy, n - 2, TLS1_0_VERSION, 0xc013, &k, why, sizeof(why));
	CHECK(ret == 0 && k.ecdh && k.scheme == NULL && cbs_len(&k.sig) == 4,
	    "ServerKeyExchange 1.0: the signature without a scheme");

	/* DHE-RSA: p, g, Ys of one byte each (checked later), signed */
	{
		static const uint8_t dhe[] = { 0x00, 0x01, 0x17, 0x00, 0x01,
		    0x02, 0x00, 0x01, 0x05, 0x04, 0x01, 0x00, 0x01, 0x99 };
		static const uint8_t dhe_empty[] = { 0x00, 0x00, 0x00, 0x01,
		    0x02, 0x00, 0x01, 0x05, 0x04, 0x01, 0x00, 0x01, 0x99 };

		ret = ske(dhe, sizeof(dhe), TLS1_2_VERSION, 0x009e, &k, why,
		    sizeof(why));
		CHECK(ret == 0 && k.dh && !k.ecdh && cbs_len(&k.dh_p) == 1 &&
		    cbs_data(&k.dh_p)[0] == 0x17 && cbs_data(&k.dh_g)[0] == 2 &&
		    cbs_data(&k.pub)[0] == 5 && cbs_len(&k.params) == 9 &&
		    k.scheme != NULL && k.scheme->code == 0x0401 &&
		    cbs_len(&k.sig) == 1, "ServerKeyExchange DHE parses");
		ret = ske(dhe_empty, sizeof(dhe_empty), TLS1_2_VERSION, 0x009e,
		    &k, why, sizeof(why));
		CHECK(ret == TP_E_ILLEGAL && strstr(why, "empty DH") != NULL,
		    "ServerKeyExchange: an empty dh_p is illegal_parameter");
	}
	/* PSK: only the identity hint */
	{
		static const uint8_t psk[] = { 0x00, 0x02, 'h', 'i' };
		static const uint8_t psk_more[] = { 0x00, 0x02, 'h', 'i', 0 };

		ret = ske(psk, sizeof(psk), TLS1_2_VERSION, 0x00a8, &k, why,
		    sizeof(why));
		CHECK(ret == 0 && k.has_hint && cbs_len(&k.hint) == 2 &&
		    cbs_len(&k.pub) == 0 && !k.ecdh && !k.dh,
		    "ServerKeyExchange PSK: the hint");
		ret = ske(psk_more, sizeof(psk_more), TLS1_2_VERSION, 0x00a8,
		    &k, why, sizeof(why));
		CHECK(ret == TP_E_DECODE && strstr(why, "1 bytes after "
		    "psk_identity_hint") != NULL,
		    "ServerKeyExchange PSK: bytes after the hint");
	}
	ret = ske(buf, n, TLS1_2_VERSION, 0x009c, &k, why, sizeof(why));
	CHECK(ret == TP_E_UNEXPECTED, "ServerKeyExchange with RSA key "
	    "transport is unexpected_message");
}

static void
test_encrypted_extensions(void)
{
	/* server_name (empty), ALPN "h2", early_data */
	static const uint8_t ee_ok[] = { 0x00, 0x11, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x10, 0x00, 0x05, 0x00, 0x03, 0x02, 'h', '2', 0x00, 0x2a,
	    0x00, 0x00 };
	struct encrypted_extensions ee;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t i;
	int bad, ret;

	setup(&c, &cfg);
	c.offered_exts[c.noffered_exts++] = EXT_ALPN;
	c.offered_exts[c.noffered_exts++] = EXT_EARLY_DATA;
	cbs_init(&body, ee_ok, sizeof(ee_ok));
	ret = msg_parse_encrypted_extensions(&c, &body, &ee, &why);
	CHECK(ret == 0 && ee.has_alpn && cbs_len(&ee.alpn) == 2 &&
	    memcmp(cbs_data(&ee.alpn), "h2", 2) == 0 && ee.early_data &&
	    !ee.has_mfl, "EncryptedExtensions parses into the struct");
	conn_free(&c);

	bad = 0;
	for (i = 0; i < sizeof(ee_ok); i++) {
		uint8_t *p = malloc(i ? i : 1);

		memcpy(p, ee_ok, i);
		setup(&c, &cfg);
		c.offered_exts[c.noffered_exts++] = EXT_ALPN;
		c.offered_exts[c.noffered_exts++] = EXT_EARLY_DATA;
		cbs_init(&body, p, i);
		ret = msg_parse_encrypted_extensions(&c, &body, &ee, &why);
		if (ret != TP_E_DECODE || strstr(why.text,
		    "EncryptedExtensions") == NULL)
			bad++;
		conn_free(&c);
		free(p);
	}
	CHECK(bad == 0, "EncryptedExtensions at every truncation: "
	    "decode_error naming EncryptedExtensions");

	/* early_data not offered: unsupported_extension */
	setup(&c, &cfg);
	c.offered_exts[c.noffered_exts++] = EXT_ALPN;
	cbs_init(&body, ee_ok, sizeof(ee_ok));
	ret = msg_parse_encrypted_extensions(&c, &body, &ee, &why);
	CHECK(ret == TP_E_ALERT(ALERT_UNSUPPORTED_EXTENSION) &&
	    strstr(why.text, "early_data") != NULL,
	    "EncryptedExtensions: early_data not offered is "
	    "unsupported_extension");
	conn_free(&c);
}

static void
test_certificate_status(void)
{
	static const uint8_t cs[] = { 0x01, 0x00, 0x00, 0x03, 0xaa, 0xbb,
	    0xcc };
	uint8_t copy[sizeof(cs)];
	struct config cfg;
	struct conn c;
	struct cbs body, ocsp;
	struct tp_reason why;
	size_t i;
	int bad = 0, ret;

	setup(&c, &cfg);
	c.version = TLS1_2_VERSION;
	cbs_init(&body, cs, sizeof(cs));
	ret = msg_parse_certificate_status(&c, &body, &ocsp, &why);
	CHECK(ret == 0 && cbs_len(&ocsp) == 3 && cbs_data(&ocsp) == cs + 4,
	    "CertificateStatus parses to its OCSPResponse");
	conn_free(&c);

	for (i = 0; i < sizeof(cs); i++) {
		uint8_t *p = malloc(i ? i : 1);

		memcpy(p, cs, i);
		setup(&c, &cfg);
		cbs_init(&body, p, i);
		ret = msg_parse_certificate_status(&c, &body, &ocsp, &why);
		if (ret != TP_E_DECODE || strstr(why.text,
		    "CertificateStatus") == NULL)
			bad++;
		conn_free(&c);
		free(p);
	}
	CHECK(bad == 0, "CertificateStatus at every truncation: "
	    "decode_error naming CertificateStatus");

	memcpy(copy, cs, sizeof(cs));
	copy[0] = 2;
	setup(&c, &cfg);
	cbs_init(&body, copy, sizeof(copy));
	ret = msg_parse_certificate_status(&c, &body, &ocsp, &why);
	CHECK(ret == TP_E_ILLEGAL && strstr(why.text, "status_type 2") != NULL,
	    "CertificateStatus: a status_type other than ocsp is "
	    "illegal_parameter");
	conn_free(&c);
}

static void
test_new_session_ticket(void)
{
	/* TLS 1.2: lifetime hint 300, a 3-byte ticket */
	static const uint8_t nst12[] = { 0x00, 0x00, 0x01, 0x2c, 0x00, 0x03,
	    0xaa, 0xbb, 0xcc };
	/* TLS 1.3: lifetime 7200, age_add, nonce "n", ticket "tk", early_data */
	static const uint8_t nst13[] = { 0x00, 0x00, 0x1c, 0x20,
	    0x01, 0x02, 0x03, 0x04, 0x01, 'n', 0x00, 0x02, 't', 'k',
	    0x00, 0x08, 0x00, 0x2a, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00 };
	uint8_t copy[sizeof(nst13)];
	struct new_session_ticket t;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	size_t i;
	int bad = 0, ret;

	setup(&c, &cfg);
	c.version = TLS1_2_VERSION;
	cbs_init(&body, nst12, sizeof(nst12));
	ret = msg_parse_new_session_ticket(&c, &body, &t, &why);
	CHECK(ret == 0 && t.lifetime == 300 && cbs_len(&t.ticket) == 3 &&
	    cbs_data(&t.ticket)[2] == 0xcc,
	    "NewSessionTicket 1.2 (RFC 5077) parses into the struct");
	for (i = 0; i < sizeof(nst12); i++) {
		cbs_init(&body, nst12, i);
		if (msg_parse_new_session_ticket(&c, &body, &t, &why) !=
		    TP_E_DECODE || strstr(why.text, "RFC 5077") == NULL)
			bad++;
	}
	CHECK(bad == 0, "NewSessionTicket 1.2 at every truncation: "
	    "decode_error");

	c.version = TLS1_3_VERSION;
	cbs_init(&body, nst13, sizeof(nst13));
	ret = msg_parse_new_session_ticket(&c, &body, &t, &why);
	CHECK(ret == 0 && t.lifetime == 7200 && t.age_add == 0x01020304 &&
	    cbs_len(&t.nonce) == 1 && cbs_len(&t.ticket) == 2 &&
	    t.has_early_data && t.max_early_data == 16384,
	    "NewSessionTicket 1.3 parses into the struct, early_data too");
	for (i = 0, bad = 0; i < sizeof(nst13); i++) {
		cbs_init(&body, nst13, i);
		if (msg_parse_new_session_ticket(&c, &body, &t, &why) !=
		    TP_E_DECODE || strncmp(why.text, "NewSessionTicket: ",
		    18) != 0)
			bad++;
	}
	CHECK(bad == 0, "NewSessionTicket 1.3 at every truncation: "
	    "decode_error");
	memcpy(copy, nst13, sizeof(copy));
	copy[1] = 0x09;			/* 604801 s: a second too long */
	copy[2] = 0x3a;
	copy[3] = 0x81;
	cbs_init(&body, copy, sizeof(copy));
	ret = msg_parse_new_session_ticket(&c, &body, &t, &why);
	CHECK(ret == TP_E_ILLEGAL && strstr(why.text, "604801") != NULL,
	    "NewSessionTicket 1.3: a lifetime over seven days is "
	    "illegal_parameter");
	memcpy(copy, nst13, sizeof(copy));
	copy[12] = 0x00;		/* an empty ticket */
	copy[13] = 0x00;
	cbs_init(&body, copy, 14);
	ret = msg_parse_new_session_ticket(&c, &body, &t, &why);
	CHECK(ret == TP_E_DECODE, "NewSessionTicket 1.3: an empty ticket is "
	    "decode_error");
	conn_free(&c);
}

static void
test_key_update(void)
{
	static const uint8_t want[] = { 0x18, 0x00, 0x00, 0x01, 0x01 };
	uint8_t one[2] = { 0x01, 0x00 };
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body;
	struct cbb b;
	int req = -1, ret;

	setup(&c, &cfg);
	c.version = TLS1_3_VERSION;
	cbs_init(&body, one, 1);
	ret = msg_parse_key_update(&c, &body, &req, &why);
	CHECK(ret == 0 && req == 1, "KeyUpdate: update_requested parses");
	one[0] = 2;
	cbs_init(&body, one, 1);
	ret = msg_parse_key_update(&c, &body, &req, &why);
	CHECK(ret == TP_E_ILLEGAL && strstr(why.text, "4.6.3") != NULL,
	    "KeyUpdate: request_update 2 is illegal_parameter (RFC 8446, "
	    "4.6.3)");
	cbs_init(&body, one, 2);
	CHECK(msg_parse_key_update(&c, &body, &req, &why) == TP_E_DECODE,
	    "KeyUpdate: a trailing byte is decode_error");
	cbs_init(&body, one, 0);
	CHECK(msg_parse_key_update(&c, &body, &req, &why) == TP_E_DECODE,
	    "KeyUpdate: an empty body is decode_error");
	conn_free(&c);

	cbb_init(&b, 0);
	CHECK(msg_key_update(&b, 1) == 0 && b.len == sizeof(want) &&
	    memcmp(b.buf, want, sizeof(want)) == 0,
	    "KeyUpdate: built as 18 000001 01");
	cbb_cleanup(&b);
}

static void
test_short_messages(void)
{
	static const uint8_t vd[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
	    12 };
	static const uint8_t fin[] = { 0x14, 0x00, 0x00, 0x0c, 1, 2, 3, 4, 5,
	    6, 7, 8, 9, 10, 11, 12 };
	static const uint8_t eoed[] = { 0x05, 0x00, 0x00, 0x00 };
	static const uint8_t enc[3] = { 0xe1, 0xe2, 0xe3 };
	struct client_key_exchange cke;
	struct tp_reason why;
	struct config cfg;
	struct conn c;
	struct cbs body, theirs;
	struct cbb b;
	size_t i;
	int ok, ret;

	cbb_init(&b, 0);
	CHECK(msg_finished(&b, vd, sizeof(vd)) == 0 && b.len == sizeof(fin) &&
	    memcmp(b.buf, fin, sizeof(fin)) == 0, "Finished: built with its "
	    "verify_data");
	cbb_cleanup(&b);

	cbb_init(&b, 0);
	CHECK(msg_end_of_early_data(&b) == 0 && b.len == sizeof(eoed) &&
	    memcmp(b.buf, eoed, sizeof(eoed)) == 0,
	    "EndOfEarlyData: built empty");
	cbb_cleanup(&b);

	/* NPN: type 67, the protocol, padding to a multiple of 32 */
	cbb_init(&b, 0);
	ret = msg_next_protocol(&b, "h2");
	ok = ret == 0 && b.len == 4 + 32 && b.buf[0] == 67 &&
	    b.buf[3] == 32 && b.buf[4] == 2 && memcmp(b.buf + 5, "h2", 2) == 0 &&
	    b.buf[7] == 28;
	for (i = 8; ok && i < b.len; i++)
		ok = b.buf[i] == 0;
	CHECK(ok, "NextProtocol: the protocol and 28 bytes of padding");
	cbb_cleanup(&b);

	/* ClientKeyExchange: RSA (2-byte length), SSL 3.0 RSA (none), PSK */
	memset(&cke, 0, sizeof(cke));
	cke.exchange = enc;
	cke.exchange_len = sizeof(enc);
	cke.width = 2;
	cbb_init(&b, 0);
	CHECK(msg_client_key_exchange(&b, &cke) == 0 && b.len == 9 &&
	    b.buf[0] == 16 && b.buf[3] == 5 && b.buf[5] == 3 &&
	    b.buf[8] == 0xe3, "ClientKeyExchange: RSA, with its length");
	cbb_cleanup(&b);
	cke.width = 0;
	cbb_init(&b, 0);
	CHECK(msg_client_key_exchange(&b, &cke) == 0 && b.len == 7 &&
	    b.buf[3] == 3 && b.buf[4] == 0xe1,
	    "ClientKeyExchange: SSL 3.0 RSA, without a length");
	cbb_cleanup(&b);
	cke.identity = "id";
	cke.exchange = NULL;
	cke.exchange_len = 0;
	cbb_init(&b, 0);
	CHECK(msg_client_key_exchange(&b, &cke) == 0 && b.len == 8 &&
	    b.buf[3] == 4 && b.buf[5] == 2 && memcmp(b.buf + 6, "id", 2) == 0,
	    "ClientKeyExchange: plain PSK, the identity only");
	cbb_cleanup(&b);
	cke.exchange = enc;
	cke.exchange_len = 1;
	cke.width = 1;
	cbb_init(&b, 0);
	CHECK(msg_client_key_exchange(&b, &cke) == 0 && b.len == 10 &&
	    b.buf[3] == 6 && b.buf[8] == 1 && b.buf[9] == 0xe1,
	    "ClientKeyExchange: ECDHE_PSK, identity then the point");
	cbb_cleanup(&b);

	setup(&c, &cfg);
	cbs_init(&body, vd, sizeof(vd));
	ret = msg_parse_finished(&c, &body, 12, &theirs, &why);
	CHECK(ret == 0 && cbs_data(&theirs) == vd && cbs_len(&theirs) == 12,
	    "Finished: verify_data of the expected length");
	cbs_init(&body, vd, 11);
	ret = msg_parse_finished(&c, &body, 12, &theirs, &why);
	CHECK(ret == TP_E_DECODE && strcmp(why.text, "Finished: verify_data "
	    "of 11 bytes, expected 12") == 0, "Finished: a short verify_data "
	    "is decode_error, named");
	cbs_init(&body, vd, 0);
	CHECK(msg_parse_empty(&c, &body, HS_SERVER_HELLO_DONE, &why) == 0,
	    "ServerHelloDone: empty");
	cbs_init(&body, vd, 2);
	ret = msg_parse_empty(&c, &body, HS_HELLO_REQUEST, &why);
	CHECK(ret == TP_E_DECODE && strcmp(why.text, "HelloRequest: body of "
	    "2 bytes, expected none") == 0, "HelloRequest: a body is "
	    "decode_error, named");
	conn_free(&c);
}

int
main(void)
{
	test_reader();
	test_writer();
	test_server_hello();
	test_certificate();
	test_certificate_request();
	test_certificate_verify();
	test_server_key_exchange();
	test_encrypted_extensions();
	test_certificate_status();
	test_new_session_ticket();
	test_key_update();
	test_short_messages();
	UNIT_EXIT();
}
