/*
 * names.c -- the protocol's tables.  Order in tp_suites, tp_groups and
 * tp_sigschemes is our preference order when offering.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "names.h"

#define V10	TLS1_0_VERSION
#define V11	TLS1_1_VERSION
#define V12	TLS1_2_VERSION
#define V13	TLS1_3_VERSION

const struct tp_suite tp_suites[] = {
	/* TLS 1.3 (RFC 8446, B.4) */
	{ 0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256",
	  KEX_TLS13, AUTH_ANY, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V13, V13, 1 },
	{ 0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384",
	  KEX_TLS13, AUTH_ANY, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V13, V13, 1 },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
	  KEX_TLS13, AUTH_ANY, BULK_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, V13, V13, 1 },
	{ 0x1304, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256",
	  KEX_TLS13, AUTH_ANY, BULK_AES128_CCM, HASH_NONE, HASH_SHA256, V13, V13, 0 },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256",
	  KEX_TLS13, AUTH_ANY, BULK_AES128_CCM8, HASH_NONE, HASH_SHA256, V13, V13, 0 },

	/* AEAD suites with forward secrecy (TLS 1.2) */
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 1 },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
	  KEX_ECDHE, AUTH_RSA, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 1 },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384",
	  KEX_DHE, AUTH_RSA, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 1 },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
	  KEX_ECDHE, AUTH_ECDSA, BULK_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
	  KEX_ECDHE, AUTH_RSA, BULK_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305",
	  KEX_DHE, AUTH_RSA, BULK_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
	  KEX_ECDHE, AUTH_RSA, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256",
	  KEX_DHE, AUTH_RSA, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 1 },

	/* CBC suites with forward secrecy */
	{ 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES256_CBC, HASH_SHA384, HASH_SHA384, V12, V12, 1 },
	{ 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384",
	  KEX_ECDHE, AUTH_RSA, BULK_AES256_CBC, HASH_SHA384, HASH_SHA384, V12, V12, 1 },
	{ 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE-RSA-AES256-SHA256",
	  KEX_DHE, AUTH_RSA, BULK_AES256_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256",
	  KEX_ECDHE, AUTH_RSA, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256",
	  KEX_DHE, AUTH_RSA, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES256_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA",
	  KEX_ECDHE, AUTH_RSA, BULK_AES256_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA",
	  KEX_DHE, AUTH_RSA, BULK_AES256_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA",
	  KEX_ECDHE, AUTH_RSA, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA",
	  KEX_DHE, AUTH_RSA, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },

	/* RSA key transport */
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384",
	  KEX_RSA, AUTH_RSA, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 1 },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 1 },
	{ 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_AES256_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 1 },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA",
	  KEX_RSA, AUTH_RSA, BULK_AES256_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA",
	  KEX_RSA, AUTH_RSA, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 1 },

	/* 3DES: only when asked for (SWEET32) */
	{ 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-ECDSA-DES-CBC3-SHA",
	  KEX_ECDHE, AUTH_ECDSA, BULK_3DES_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ECDHE-RSA-DES-CBC3-SHA",
	  KEX_ECDHE, AUTH_RSA, BULK_3DES_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "EDH-RSA-DES-CBC3-SHA",
	  KEX_DHE, AUTH_RSA, BULK_3DES_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA",
	  KEX_RSA, AUTH_RSA, BULK_3DES_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	/*
	 * rows for legacy suites until the registry table lands (i12b):
	 * never offered by default.  Suites OpenSSL has no name for carry
	 * the IANA name in both columns.
	 */
	{ 0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RC4-MD5",
	  KEX_RSA, AUTH_RSA, BULK_RC4_128, HASH_MD5, HASH_SHA256, V10, V12, 0 },
	{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA", "RC4-SHA",
	  KEX_RSA, AUTH_RSA, BULK_RC4_128, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "ECDHE-RSA-RC4-SHA",
	  KEX_ECDHE, AUTH_RSA, BULK_RC4_128, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "DES-CBC-SHA",
	  KEX_RSA, AUTH_RSA, BULK_DES_CBC, HASH_SHA1, HASH_SHA256, V10, V11, 0 },
	{ 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", "EDH-RSA-DES-CBC-SHA",
	  KEX_DHE, AUTH_RSA, BULK_DES_CBC, HASH_SHA1, HASH_SHA256, V10, V11, 0 },
	{ 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", "IDEA-CBC-SHA",
	  KEX_RSA, AUTH_RSA, BULK_IDEA_CBC, HASH_SHA1, HASH_SHA256, V10, V11, 0 },
	{ 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", "SEED-SHA",
	  KEX_RSA, AUTH_RSA, BULK_SEED_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA", "DHE-RSA-SEED-SHA",
	  KEX_DHE, AUTH_RSA, BULK_SEED_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "CAMELLIA128-SHA",
	  KEX_RSA, AUTH_RSA, BULK_CAMELLIA128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "CAMELLIA256-SHA",
	  KEX_RSA, AUTH_RSA, BULK_CAMELLIA256_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", "CAMELLIA128-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_CAMELLIA128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 0 },
	{ 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE-RSA-CAMELLIA256-SHA384",
	  KEX_ECDHE, AUTH_RSA, BULK_CAMELLIA256_CBC, HASH_SHA384, HASH_SHA384, V12, V12, 0 },
	{ 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	  KEX_RSA, AUTH_RSA, BULK_CAMELLIA128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	  KEX_RSA, AUTH_RSA, BULK_CAMELLIA256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 0 },
	{ 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	  KEX_ECDHE, AUTH_RSA, BULK_CAMELLIA128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256",
	  KEX_PSK, AUTH_PSK, BULK_CAMELLIA128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", "TLS_RSA_WITH_ARIA_128_CBC_SHA256",
	  KEX_RSA, AUTH_RSA, BULK_ARIA128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 0 },
	{ 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "TLS_RSA_WITH_ARIA_256_CBC_SHA384",
	  KEX_RSA, AUTH_RSA, BULK_ARIA256_CBC, HASH_SHA384, HASH_SHA384, V12, V12, 0 },
	{ 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", "ARIA128-GCM-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_ARIA128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", "ARIA256-GCM-SHA384",
	  KEX_RSA, AUTH_RSA, BULK_ARIA256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 0 },
	{ 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "ECDHE-ARIA256-GCM-SHA384",
	  KEX_ECDHE, AUTH_RSA, BULK_ARIA256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 0 },
	{ 0xc09c, "TLS_RSA_WITH_AES_128_CCM", "AES128-CCM",
	  KEX_RSA, AUTH_RSA, BULK_AES128_CCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc09d, "TLS_RSA_WITH_AES_256_CCM", "AES256-CCM",
	  KEX_RSA, AUTH_RSA, BULK_AES256_CCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8", "AES128-CCM8",
	  KEX_RSA, AUTH_RSA, BULK_AES128_CCM8, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8", "AES256-CCM8",
	  KEX_RSA, AUTH_RSA, BULK_AES256_CCM8, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM", "DHE-RSA-AES256-CCM",
	  KEX_DHE, AUTH_RSA, BULK_AES256_CCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDHE-ECDSA-AES256-CCM8",
	  KEX_ECDHE, AUTH_ECDSA, BULK_AES256_CCM8, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0x0001, "TLS_RSA_WITH_NULL_MD5", "NULL-MD5",
	  KEX_RSA, AUTH_RSA, BULK_NULL, HASH_MD5, HASH_SHA256, V10, V12, 0 },
	{ 0x0002, "TLS_RSA_WITH_NULL_SHA", "NULL-SHA",
	  KEX_RSA, AUTH_RSA, BULK_NULL, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x003b, "TLS_RSA_WITH_NULL_SHA256", "NULL-SHA256",
	  KEX_RSA, AUTH_RSA, BULK_NULL, HASH_SHA256, HASH_SHA256, V12, V12, 0 },
	{ 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA", "ECDHE-RSA-NULL-SHA",
	  KEX_ECDHE, AUTH_RSA, BULK_NULL, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", "ADH-AES128-SHA",
	  KEX_DH_ANON, AUTH_NULL, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "ADH-AES256-GCM-SHA384",
	  KEX_DH_ANON, AUTH_NULL, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 0 },
	{ 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "AECDH-AES128-SHA",
	  KEX_ECDH_ANON, AUTH_NULL, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA", "AECDH-NULL-SHA",
	  KEX_ECDH_ANON, AUTH_NULL, BULK_NULL, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA", "PSK-AES128-CBC-SHA",
	  KEX_PSK, AUTH_PSK, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK-AES128-GCM-SHA256",
	  KEX_PSK, AUTH_PSK, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "DHE-PSK-AES128-GCM-SHA256",
	  KEX_DHE_PSK, AUTH_PSK, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", "DHE-PSK-AES128-CBC-SHA",
	  KEX_DHE_PSK, AUTH_PSK, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "ECDHE-PSK-AES128-CBC-SHA256",
	  KEX_ECDHE_PSK, AUTH_PSK, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V10, V12, 0 },
	{ 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-PSK-CHACHA20-POLY1305",
	  KEX_ECDHE_PSK, AUTH_PSK, BULK_CHACHA20_POLY1305, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "RSA-PSK-AES128-GCM-SHA256",
	  KEX_RSA_PSK, AUTH_RSA, BULK_AES128_GCM, HASH_NONE, HASH_SHA256, V12, V12, 0 },
	{ 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "RSA-PSK-AES128-CBC-SHA",
	  KEX_RSA_PSK, AUTH_RSA, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x002c, "TLS_PSK_WITH_NULL_SHA", "PSK-NULL-SHA",
	  KEX_PSK, AUTH_PSK, BULK_NULL, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE-DSS-AES128-SHA",
	  KEX_DHE, AUTH_DSS, BULK_AES128_CBC, HASH_SHA1, HASH_SHA256, V10, V12, 0 },
	{ 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE-DSS-AES256-GCM-SHA384",
	  KEX_DHE, AUTH_DSS, BULK_AES256_GCM, HASH_NONE, HASH_SHA384, V12, V12, 0 },
	{ 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE-DSS-AES128-SHA256",
	  KEX_DHE, AUTH_DSS, BULK_AES128_CBC, HASH_SHA256, HASH_SHA256, V12, V12, 0 },
	/* end of rows for legacy suites */
};
const size_t tp_nsuites = sizeof(tp_suites) / sizeof(tp_suites[0]);

/*
 * Record protection per bulk cipher: name, EVP name, key, fixed IV (1.2
 * salt / TLS 1.0 CBC IV), explicit nonce, tag, block, AEAD, legacy
 * provider.  block_len 0 and aead 0 is a stream cipher (RC4) or none
 * (NULL: evp NULL, MAC only).  Camellia-GCM has no EVP cipher in OpenSSL
 * 3.0: evp names the CTR mode it is built from (cipher.c).
 */
static const struct tp_bulk_info bulks[] = {
	{ BULK_AES128_GCM, "AES-128-GCM", "AES-128-GCM", 16, 4, 8, 16, 0, 1, 0 },
	{ BULK_AES256_GCM, "AES-256-GCM", "AES-256-GCM", 32, 4, 8, 16, 0, 1, 0 },
	{ BULK_CHACHA20_POLY1305, "CHACHA20-POLY1305", "ChaCha20-Poly1305",
	  32, 12, 0, 16, 0, 1, 0 },
	{ BULK_AES128_CCM, "AES-128-CCM", "AES-128-CCM", 16, 4, 8, 16, 0, 1, 0 },
	{ BULK_AES128_CCM8, "AES-128-CCM8", "AES-128-CCM", 16, 4, 8, 8, 0, 1, 0 },
	{ BULK_AES256_CCM, "AES-256-CCM", "AES-256-CCM", 32, 4, 8, 16, 0, 1, 0 },
	{ BULK_AES256_CCM8, "AES-256-CCM8", "AES-256-CCM", 32, 4, 8, 8, 0, 1, 0 },
	{ BULK_AES128_CBC, "AES-128-CBC", "AES-128-CBC", 16, 16, 0, 0, 16, 0, 0 },
	{ BULK_AES256_CBC, "AES-256-CBC", "AES-256-CBC", 32, 16, 0, 0, 16, 0, 0 },
	{ BULK_3DES_CBC, "3DES-EDE-CBC", "DES-EDE3-CBC", 24, 8, 0, 0, 8, 0, 0 },
	{ BULK_DES_CBC, "DES-CBC", "DES-CBC", 8, 8, 0, 0, 8, 0, 1 },
	{ BULK_IDEA_CBC, "IDEA-CBC", "IDEA-CBC", 16, 8, 0, 0, 8, 0, 1 },
	{ BULK_SEED_CBC, "SEED-CBC", "SEED-CBC", 16, 16, 0, 0, 16, 0, 1 },
	{ BULK_CAMELLIA128_CBC, "CAMELLIA-128-CBC", "CAMELLIA-128-CBC",
	  16, 16, 0, 0, 16, 0, 0 },
	{ BULK_CAMELLIA256_CBC, "CAMELLIA-256-CBC", "CAMELLIA-256-CBC",
	  32, 16, 0, 0, 16, 0, 0 },
	{ BULK_CAMELLIA128_GCM, "CAMELLIA-128-GCM", "CAMELLIA-128-CTR",
	  16, 4, 8, 16, 0, 1, 0 },
	{ BULK_CAMELLIA256_GCM, "CAMELLIA-256-GCM", "CAMELLIA-256-CTR",
	  32, 4, 8, 16, 0, 1, 0 },
	{ BULK_ARIA128_CBC, "ARIA-128-CBC", "ARIA-128-CBC", 16, 16, 0, 0, 16, 0, 0 },
	{ BULK_ARIA256_CBC, "ARIA-256-CBC", "ARIA-256-CBC", 32, 16, 0, 0, 16, 0, 0 },
	{ BULK_ARIA128_GCM, "ARIA-128-GCM", "ARIA-128-GCM", 16, 4, 8, 16, 0, 1, 0 },
	{ BULK_ARIA256_GCM, "ARIA-256-GCM", "ARIA-256-GCM", 32, 4, 8, 16, 0, 1, 0 },
	{ BULK_RC4_128, "RC4-128", "RC4", 16, 0, 0, 0, 0, 0, 1 },
	{ BULK_NULL, "NULL", NULL, 0, 0, 0, 0, 0, 0, 0 },
};

const struct tp_group tp_groups[] = {
	{ 0x001d, "X25519", "x25519", NULL, GROUP_ECX, "X25519", 32, 1 },
	{ 0x0017, "P-256", "secp256r1", "prime256v1", GROUP_EC, "P-256", 65, 1 },
	{ 0x001e, "X448", "x448", NULL, GROUP_ECX, "X448", 56, 1 },
	{ 0x0019, "P-521", "secp521r1", NULL, GROUP_EC, "P-521", 133, 1 },
	{ 0x0018, "P-384", "secp384r1", NULL, GROUP_EC, "P-384", 97, 1 },
	{ 0x0100, "ffdhe2048", NULL, NULL, GROUP_FFDHE, "ffdhe2048", 256, 1 },
	{ 0x0101, "ffdhe3072", NULL, NULL, GROUP_FFDHE, "ffdhe3072", 384, 1 },
	{ 0x0102, "ffdhe4096", NULL, NULL, GROUP_FFDHE, "ffdhe4096", 512, 0 },
	{ 0x0103, "ffdhe6144", NULL, NULL, GROUP_FFDHE, "ffdhe6144", 768, 0 },
	{ 0x0104, "ffdhe8192", NULL, NULL, GROUP_FFDHE, "ffdhe8192", 1024, 0 },
};
const size_t tp_ngroups = sizeof(tp_groups) / sizeof(tp_groups[0]);

const struct tp_sigscheme tp_sigschemes[] = {
	{ 0x0403, "ecdsa_secp256r1_sha256", SIG_ECDSA, HASH_SHA256, "P-256", 1, 1 },
	{ 0x0503, "ecdsa_secp384r1_sha384", SIG_ECDSA, HASH_SHA384, "P-384", 1, 1 },
	{ 0x0603, "ecdsa_secp521r1_sha512", SIG_ECDSA, HASH_SHA512, "P-521", 1, 1 },
	{ 0x0807, "ed25519", SIG_ED25519, HASH_NONE, NULL, 1, 1 },
	{ 0x0808, "ed448", SIG_ED448, HASH_NONE, NULL, 1, 1 },
	{ 0x0809, "rsa_pss_pss_sha256", SIG_RSA_PSS_PSS, HASH_SHA256, NULL, 1, 1 },
	{ 0x080a, "rsa_pss_pss_sha384", SIG_RSA_PSS_PSS, HASH_SHA384, NULL, 1, 1 },
	{ 0x080b, "rsa_pss_pss_sha512", SIG_RSA_PSS_PSS, HASH_SHA512, NULL, 1, 1 },
	{ 0x0804, "rsa_pss_rsae_sha256", SIG_RSA_PSS_RSAE, HASH_SHA256, NULL, 1, 1 },
	{ 0x0805, "rsa_pss_rsae_sha384", SIG_RSA_PSS_RSAE, HASH_SHA384, NULL, 1, 1 },
	{ 0x0806, "rsa_pss_rsae_sha512", SIG_RSA_PSS_RSAE, HASH_SHA512, NULL, 1, 1 },
	{ 0x0401, "rsa_pkcs1_sha256", SIG_RSA_PKCS1, HASH_SHA256, NULL, 0, 1 },
	{ 0x0501, "rsa_pkcs1_sha384", SIG_RSA_PKCS1, HASH_SHA384, NULL, 0, 1 },
	{ 0x0601, "rsa_pkcs1_sha512", SIG_RSA_PKCS1, HASH_SHA512, NULL, 0, 1 },
	{ 0x0303, "ecdsa_sha224", SIG_ECDSA, HASH_SHA224, NULL, 0, 1 },
	{ 0x0301, "rsa_pkcs1_sha224", SIG_RSA_PKCS1, HASH_SHA224, NULL, 0, 1 },
	{ 0x0203, "ecdsa_sha1", SIG_ECDSA, HASH_SHA1, NULL, 0, 1 },
	{ 0x0201, "rsa_pkcs1_sha1", SIG_RSA_PKCS1, HASH_SHA1, NULL, 0, 1 },
	{ 0x0602, "dsa_sha512", SIG_DSA, HASH_SHA512, NULL, 0, 0 },
	{ 0x0502, "dsa_sha384", SIG_DSA, HASH_SHA384, NULL, 0, 0 },
	{ 0x0402, "dsa_sha256", SIG_DSA, HASH_SHA256, NULL, 0, 0 },
	{ 0x0302, "dsa_sha224", SIG_DSA, HASH_SHA224, NULL, 0, 0 },
	{ 0x0202, "dsa_sha1", SIG_DSA, HASH_SHA1, NULL, 0, 0 },
};
const size_t tp_nsigschemes = sizeof(tp_sigschemes) / sizeof(tp_sigschemes[0]);

const struct tp_sigscheme tp_sig_md5_sha1_rsa =
	{ 0, "rsa_md5_sha1", SIG_RSA_MD5_SHA1, HASH_MD5_SHA1, NULL, 0, 0 };
const struct tp_sigscheme tp_sig_sha1_ecdsa =
	{ 0, "ecdsa_sha1", SIG_ECDSA, HASH_SHA1, NULL, 0, 0 };

static const struct tp_name versions[] = {
	{ 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" },
	{ 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
};
static const struct tp_name versions_ossl[] = {
	{ 0x0300, "SSLv3" }, { 0x0301, "TLSv1" }, { 0x0302, "TLSv1.1" },
	{ 0x0303, "TLSv1.2" }, { 0x0304, "TLSv1.3" },
};

static const struct tp_name alerts[] = {
	{ 0, "close_notify" }, { 10, "unexpected_message" },
	{ 20, "bad_record_mac" }, { 21, "decryption_failed" },
	{ 22, "record_overflow" }, { 30, "decompression_failure" },
	{ 40, "handshake_failure" }, { 41, "no_certificate" },
	{ 42, "bad_certificate" }, { 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" }, { 45, "certificate_expired" },
	{ 46, "certificate_unknown" }, { 47, "illegal_parameter" },
	{ 48, "unknown_ca" }, { 49, "access_denied" }, { 50, "decode_error" },
	{ 51, "decrypt_error" }, { 60, "export_restriction" },
	{ 70, "protocol_version" }, { 71, "insufficient_security" },
	{ 80, "internal_error" }, { 86, "inappropriate_fallback" },
	{ 90, "user_canceled" }, { 100, "no_renegotiation" },
	{ 109, "missing_extension" }, { 110, "unsupported_extension" },
	{ 111, "certificate_unobtainable" }, { 112, "unrecognized_name" },
	{ 113, "bad_certificate_status_response" },
	{ 114, "bad_certificate_hash_value" }, { 115, "unknown_psk_identity" },
	{ 116, "certificate_required" }, { 120, "no_application_protocol" },
};

static const struct tp_name extensions[] = {
	{ 0, "server_name" }, { 1, "max_fragment_length" },
	{ 2, "client_certificate_url" }, { 3, "trusted_ca_keys" },
	{ 4, "truncated_hmac" }, { 5, "status_request" },
	{ 6, "user_mapping" }, { 7, "client_authz" }, { 8, "server_authz" },
	{ 9, "cert_type" }, { 10, "supported_groups" },
	{ 11, "ec_point_formats" }, { 12, "srp" },
	{ 13, "signature_algorithms" }, { 14, "use_srtp" },
	{ 15, "heartbeat" }, { 16, "application_layer_protocol_negotiation" },
	{ 17, "status_request_v2" },
	{ 18, "signed_certificate_timestamp" }, { 19, "client_certificate_type" },
	{ 20, "server_certificate_type" }, { 21, "padding" },
	{ 22, "encrypt_then_mac" }, { 23, "extended_master_secret" },
	{ 27, "compress_certificate" }, { 28, "record_size_limit" },
	{ 35, "session_ticket" }, { 41, "pre_shared_key" },
	{ 42, "early_data" }, { 43, "supported_versions" }, { 44, "cookie" },
	{ 45, "psk_key_exchange_modes" }, { 47, "certificate_authorities" },
	{ 48, "oid_filters" }, { 49, "post_handshake_auth" },
	{ 50, "signature_algorithms_cert" }, { 51, "key_share" },
	{ 57, "quic_transport_parameters" }, { 13172, "next_protocol_negotiation" },
	{ 17513, "application_settings" }, { 65037, "encrypted_client_hello" },
	{ 0xff01, "renegotiation_info" },
};

static const struct tp_name handshakes[] = {
	{ 0, "HelloRequest" }, { 1, "ClientHello" }, { 2, "ServerHello" },
	{ 3, "HelloVerifyRequest" }, { 4, "NewSessionTicket" },
	{ 5, "EndOfEarlyData" }, { 6, "HelloRetryRequest" },
	{ 8, "EncryptedExtensions" }, { 11, "Certificate" },
	{ 12, "ServerKeyExchange" }, { 13, "CertificateRequest" },
	{ 14, "ServerHelloDone" }, { 15, "CertificateVerify" },
	{ 16, "ClientKeyExchange" }, { 20, "Finished" },
	{ 21, "CertificateURL" }, { 22, "CertificateStatus" },
	{ 24, "KeyUpdate" }, { 254, "MessageHash" },
};

static const struct tp_name content_types[] = {
	{ 20, "ChangeCipherSpec" }, { 21, "Alert" }, { 22, "Handshake" },
	{ 23, "ApplicationData" }, { 24, "Heartbeat" },
};

static const struct tp_name certtypes[] = {
	{ 1, "rsa_sign" }, { 2, "dss_sign" }, { 3, "rsa_fixed_dh" },
	{ 4, "dss_fixed_dh" }, { 64, "ecdsa_sign" }, { 65, "rsa_fixed_ecdh" },
	{ 66, "ecdsa_fixed_ecdh" },
};

static const struct tp_name psk_modes[] = {
	{ 0, "psk_ke" }, { 1, "psk_dhe_ke" },
};

static const struct tp_name point_formats[] = {
	{ 0, "uncompressed" }, { 1, "ansiX962_compressed_prime" },
	{ 2, "ansiX962_compressed_char2" },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *
lookup(const struct tp_name *tab, size_t n, unsigned code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].code == code)
			return tab[i].name;
	return NULL;
}

const struct tp_suite *
suite_by_code(uint16_t code)
{
	size_t i;

	for (i = 0; i < tp_nsuites; i++)
		if (tp_suites[i].code == code)
			return &tp_suites[i];
	return NULL;
}

const struct tp_suite *
suite_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < tp_nsuites; i++)
		if (strcasecmp(tp_suites[i].iana, name) == 0 ||
		    strcasecmp(tp_suites[i].ossl, name) == 0)
			return &tp_suites[i];
	return NULL;
}

const char *
suite_name(uint16_t code)
{
	const struct tp_suite *s = suite_by_code(code);

	if (s != NULL)
		return s->iana;
	if (code == SCSV_EMPTY_RENEGOTIATION_INFO)
		return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
	if (code == SCSV_FALLBACK)
		return "TLS_FALLBACK_SCSV";
	return NULL;
}

const struct tp_bulk_info *
bulk_info(enum tp_bulk b)
{
	size_t i;

	for (i = 0; i < NELEM(bulks); i++)
		if (bulks[i].id == b)
			return &bulks[i];
	return NULL;
}

const struct tp_group *
group_by_code(uint16_t code)
{
	size_t i;

	for (i = 0; i < tp_ngroups; i++)
		if (tp_groups[i].code == code)
			return &tp_groups[i];
	return NULL;
}

const struct tp_group *
group_by_name(const char *name)
{
	const struct tp_group *g;
	size_t i;

	for (i = 0; i < tp_ngroups; i++) {
		g = &tp_groups[i];
		if (strcasecmp(g->name, name) == 0 ||
		    (g->alias != NULL && strcasecmp(g->alias, name) == 0) ||
		    (g->alias2 != NULL && strcasecmp(g->alias2, name) == 0))
			return g;
	}
	return NULL;
}

const struct tp_sigscheme *
sigscheme_by_code(uint16_t code)
{
	size_t i;

	for (i = 0; i < tp_nsigschemes; i++)
		if (tp_sigschemes[i].code == code)
			return &tp_sigschemes[i];
	return NULL;
}

const struct tp_sigscheme *
sigscheme_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < tp_nsigschemes; i++)
		if (strcasecmp(tp_sigschemes[i].name, name) == 0)
			return &tp_sigschemes[i];
	return NULL;
}

const char *
hash_name(enum tp_hash h)
{
	switch (h) {
	case HASH_MD5_SHA1:	return "MD5-SHA1";
	case HASH_SHA1:		return "SHA1";
	case HASH_SHA224:	return "SHA224";
	case HASH_SHA256:	return "SHA256";
	case HASH_SHA384:	return "SHA384";
	case HASH_SHA512:	return "SHA512";
	case HASH_MD5:		return "MD5";
	case HASH_NONE:		break;
	}
	return NULL;
}

size_t
hash_len(enum tp_hash h)
{
	switch (h) {
	case HASH_MD5_SHA1:	return 36;
	case HASH_SHA1:		return 20;
	case HASH_SHA224:	return 28;
	case HASH_SHA256:	return 32;
	case HASH_SHA384:	return 48;
	case HASH_SHA512:	return 64;
	case HASH_MD5:		return 16;
	case HASH_NONE:		break;
	}
	return 0;
}

const char *
version_name(uint16_t v)
{
	return lookup(versions, NELEM(versions), v);
}

const char *
version_ossl_name(uint16_t v)
{
	return lookup(versions_ossl, NELEM(versions_ossl), v);
}

const char *
version_str(uint16_t v, char *buf, size_t len)
{
	const char *n = version_name(v);

	if (n != NULL)
		return n;
	snprintf(buf, len, "0x%04x", v);
	return buf;
}

int
version_by_name(const char *s, uint16_t *v)
{
	static const struct tp_name spell[] = {
		{ 0x0300, "ssl3" }, { 0x0300, "sslv3" }, { 0x0300, "ssl3.0" },
		{ 0x0301, "tls1" }, { 0x0301, "tlsv1" }, { 0x0301, "tls1.0" },
		{ 0x0301, "tlsv1.0" }, { 0x0301, "1.0" }, { 0x0301, "tls1_0" },
		{ 0x0302, "tls1.1" }, { 0x0302, "tlsv1.1" }, { 0x0302, "1.1" },
		{ 0x0302, "tls1_1" },
		{ 0x0303, "tls1.2" }, { 0x0303, "tlsv1.2" }, { 0x0303, "1.2" },
		{ 0x0303, "tls1_2" },
		{ 0x0304, "tls1.3" }, { 0x0304, "tlsv1.3" }, { 0x0304, "1.3" },
		{ 0x0304, "tls1_3" },
	};
	size_t i;

	for (i = 0; i < NELEM(spell); i++)
		if (strcasecmp(spell[i].name, s) == 0) {
			*v = (uint16_t)spell[i].code;
			return 1;
		}
	return 0;
}

const char *
alert_name(uint8_t d)
{
	return lookup(alerts, NELEM(alerts), d);
}

const char *
alert_level_name(uint8_t l)
{
	if (l == 1)
		return "warning";
	if (l == 2)
		return "fatal";
	return NULL;
}

const char *
extension_name(uint16_t t)
{
	return lookup(extensions, NELEM(extensions), t);
}

const char *
handshake_name(uint8_t t)
{
	return lookup(handshakes, NELEM(handshakes), t);
}

const char *
content_type_name(uint8_t t)
{
	return lookup(content_types, NELEM(content_types), t);
}

const char *
certtype_name(uint8_t t)
{
	return lookup(certtypes, NELEM(certtypes), t);
}

const char *
psk_mode_name(uint8_t t)
{
	return lookup(psk_modes, NELEM(psk_modes), t);
}

const char *
ec_point_format_name(uint8_t t)
{
	return lookup(point_formats, NELEM(point_formats), t);
}
