/*
 * test_seclevel.c -- security levels (seclevel.c), TLSA record parsing and
 * the leaf findings (x509.c) that need no server: an RSA modulus with a
 * small factor, a name only in the CN.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "keysched.h"
#include "names.h"
#include "seclevel.h"
#include "testcert.h"
#include "unit.h"
#include "x509.h"

/* An RSA public key whose modulus is 3 * (a 2045-bit odd number). */
static EVP_PKEY *
rsa_with_factor3(void)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pk = NULL;
	BIGNUM *n = BN_new(), *e = BN_new();

	if (bld == NULL || n == NULL || e == NULL ||
	    !BN_rand(n, 2045, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD) ||
	    !BN_mul_word(n, 3) || !BN_set_word(e, 65537) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) != 1)
		pk = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	return pk;
}

int
main(void)
{
	struct x509_tlsa t;
	char err[256], f[4][200], buf[160];
	EVP_PKEY *ca, *weak;
	uint8_t *der = NULL;
	size_t len, n, i;
	int found_factor = 0, found_cn = 0;

	tp_crypto_init();

	CHECK(seclevel_bits(0) == 0 && seclevel_bits(1) == 80 &&
	    seclevel_bits(2) == 112 && seclevel_bits(3) == 128 &&
	    seclevel_bits(4) == 192 && seclevel_bits(5) == 256,
	    "seclevel: bits per level as SSL_CTX_set_security_level(3)");
	CHECK(seclevel_min_ff_bits(1) == 1024 && seclevel_min_ff_bits(2) ==
	    2048 && seclevel_min_ff_bits(3) == 3072,
	    "seclevel: smallest RSA/DH modulus per level");
	CHECK(seclevel_ff_security(2048) == 112 &&
	    seclevel_ff_security(1024) == 80 &&
	    seclevel_ff_security(1023) == 0,
	    "seclevel: security bits of a modulus");
	/* the way s_client gets its level: openssl.cnf's system_default */
	{
		char cnf[] = "/tmp/tlsprobe-unit-cnf.XXXXXX";
		int fd = mkstemp(cnf);
		FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

		if (fp != NULL) {
			fputs("openssl_conf = init\n[init]\nssl_conf = s\n"
			    "[s]\nsystem_default = d\n[d]\nMinProtocol = "
			    "TLSv1.2\nCipherString = DEFAULT:@SECLEVEL=3\n",
			    fp);
			fclose(fp);
			setenv("OPENSSL_CONF", cnf, 1);
		}
		CHECK(fp != NULL && seclevel_default() == 3,
		    "seclevel: @SECLEVEL from openssl.cnf's system_default");
		unlink(cnf);
	}
	CHECK(seclevel_refuses_suite(2, 0x0301,
	    suite_by_name("ECDHE-RSA-AES128-SHA"), buf, sizeof(buf)) &&
	    strstr(buf, "TLS 1.0") != NULL,
	    "seclevel: TLS 1.0 refused at level 2");
	CHECK(!seclevel_refuses_suite(2, 0x0303,
	    suite_by_name("AES128-GCM-SHA256"), buf, sizeof(buf)),
	    "seclevel: RSA key exchange allowed at level 2");
	CHECK(seclevel_refuses_suite(3, 0x0303,
	    suite_by_name("AES128-GCM-SHA256"), buf, sizeof(buf)) &&
	    strstr(buf, "forward secrecy") != NULL,
	    "seclevel: RSA key exchange refused at level 3");
	CHECK(!seclevel_refuses_suite(3, 0x0303,
	    suite_by_name("ECDHE-RSA-AES128-GCM-SHA256"), buf, sizeof(buf)),
	    "seclevel: ECDHE AES-128-GCM allowed at level 3");
	CHECK(seclevel_refuses_suite(4, 0x0303,
	    suite_by_name("ECDHE-RSA-AES128-GCM-SHA256"), buf, sizeof(buf)),
	    "seclevel: AES-128 refused at level 4");
	CHECK(!seclevel_refuses_group(3, group_by_name("X25519"), buf,
	    sizeof(buf)) && seclevel_refuses_group(4,
	    group_by_name("X25519"), buf, sizeof(buf)) &&
	    seclevel_refuses_group(3, group_by_name("ffdhe2048"), buf,
	    sizeof(buf)), "seclevel: group bits against the level");

	CHECK(x509_tlsa_parse("3 1 1 0123456789abcdef0123456789abcdef"
	    "0123456789ABCDEF0123456789abcdef", &t, err, sizeof(err)) == 0 &&
	    t.usage == 3 && t.selector == 1 && t.mtype == 1 && t.len == 32 &&
	    t.data[0] == 0x01 && t.data[31] == 0xef,
	    "tlsa: a SHA-256 record parses");
	CHECK(x509_tlsa_parse("3 1 1 abcd", &t, err, sizeof(err)) != 0,
	    "tlsa: a short SHA-256 digest is refused");
	CHECK(x509_tlsa_parse("4 1 1 00", &t, err, sizeof(err)) != 0,
	    "tlsa: usage 4 is refused");
	CHECK(x509_tlsa_parse("3 1 0 0g", &t, err, sizeof(err)) != 0,
	    "tlsa: non-hex data is refused");
	CHECK(x509_tlsa_parse("3 1", &t, err, sizeof(err)) != 0,
	    "tlsa: a truncated record is refused");
	CHECK(x509_tlsa_parse("2 0 0 30820102", &t, err, sizeof(err)) == 0 &&
	    t.len == 4, "tlsa: full data (mtype 0) of any length");

	ca = EVP_EC_gen("P-256");
	weak = rsa_with_factor3();
	CHECK(ca != NULL && weak != NULL, "findings: keys made");
	len = weak != NULL && ca != NULL ? unit_make_cert(weak, ca, &der) : 0;
	CHECK(len > 0, "findings: certificate for the weak key made");
	n = len > 0 ? x509_leaf_findings(der, len, f, 4) : 0;
	for (i = 0; i < n; i++) {
		if (strstr(f[i], "divisible by 3") != NULL)
			found_factor = 1;
		if (strstr(f[i], "only in the subject CN") != NULL)
			found_cn = 1;
	}
	CHECK(found_factor, "findings: RSA modulus divisible by 3");
	CHECK(found_cn, "findings: a name only in the CN");
	OPENSSL_free(der);
	der = NULL;
	len = ca != NULL ? unit_make_cert(ca, ca, &der) : 0;
	n = len > 0 ? x509_leaf_findings(der, len, f, 4) : 9;
	CHECK(n == 1, "findings: a sound EC key: only the CN finding");
	OPENSSL_free(der);
	EVP_PKEY_free(ca);
	EVP_PKEY_free(weak);
	x509_trust_reset();

	CHECK(x509_set_nameopt("RFC2253") == 0 &&
	    x509_set_nameopt("nosuch") != 0, "nameopt: known and unknown");
	UNIT_EXIT();
}
