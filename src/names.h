/*
 * names.h -- the protocol's tables: one source for parsing, printing and
 * offering.  Cipher suites, groups, signature schemes, versions, alerts,
 * extensions, handshake and content types.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>
#include <stdint.h>

#define TLS1_0_VERSION	0x0301
#define TLS1_1_VERSION	0x0302
#define TLS1_2_VERSION	0x0303
#define TLS1_3_VERSION	0x0304
#define SSL3_VERSION	0x0300

/* Content types (RFC 8446, 5.1). */
#define CT_CHANGE_CIPHER_SPEC	20
#define CT_ALERT		21
#define CT_HANDSHAKE		22
#define CT_APPLICATION_DATA	23
#define CT_HEARTBEAT		24

/* Handshake types (RFC 8446, 4; RFC 5246, 7.4). */
#define HS_HELLO_REQUEST		0
#define HS_CLIENT_HELLO			1
#define HS_SERVER_HELLO			2
#define HS_HELLO_VERIFY_REQUEST		3
#define HS_NEW_SESSION_TICKET		4
#define HS_END_OF_EARLY_DATA		5
#define HS_HELLO_RETRY_REQUEST		6	/* pseudo type, for printing */
#define HS_ENCRYPTED_EXTENSIONS		8
#define HS_CERTIFICATE			11
#define HS_SERVER_KEY_EXCHANGE		12
#define HS_CERTIFICATE_REQUEST		13
#define HS_SERVER_HELLO_DONE		14
#define HS_CERTIFICATE_VERIFY		15
#define HS_CLIENT_KEY_EXCHANGE		16
#define HS_FINISHED			20
#define HS_CERTIFICATE_STATUS		22
#define HS_KEY_UPDATE			24
#define HS_MESSAGE_HASH			254

/* Extensions. */
#define EXT_SERVER_NAME			0
#define EXT_MAX_FRAGMENT_LENGTH		1
#define EXT_STATUS_REQUEST		5
#define EXT_SUPPORTED_GROUPS		10
#define EXT_EC_POINT_FORMATS		11
#define EXT_SIGNATURE_ALGORITHMS	13
#define EXT_ALPN			16
#define EXT_SCT				18
#define EXT_PADDING			21
#define EXT_ENCRYPT_THEN_MAC		22
#define EXT_EXTENDED_MASTER_SECRET	23
#define EXT_RECORD_SIZE_LIMIT		28
#define EXT_SESSION_TICKET		35
#define EXT_PRE_SHARED_KEY		41
#define EXT_EARLY_DATA			42
#define EXT_SUPPORTED_VERSIONS		43
#define EXT_COOKIE			44
#define EXT_PSK_KEY_EXCHANGE_MODES	45
#define EXT_CERTIFICATE_AUTHORITIES	47
#define EXT_SIGNATURE_ALGORITHMS_CERT	50
#define EXT_KEY_SHARE			51
#define EXT_RENEGOTIATION_INFO		0xff01

/* Signalling cipher suite values. */
#define SCSV_EMPTY_RENEGOTIATION_INFO	0x00ff
#define SCSV_FALLBACK			0x5600

/* A plain code -> name table, for types that carry nothing else. */
struct tp_name {
	unsigned	 code;
	const char	*name;
};

/*
 * The vocabulary of the cipher-suite registry.  Values after the first
 * line of each enum name suites tlsprobe can name (and, as the engine
 * grows, complete): anonymous and PSK key exchanges, static (EC)DH,
 * legacy bulk ciphers.  KEX_OTHER/AUTH_OTHER/BULK_OTHER are for registry
 * entries that are named and probed but never completed (GOST, KRB5,
 * export ...).
 */
enum tp_kex	{ KEX_RSA, KEX_ECDHE, KEX_DHE, KEX_TLS13,
		  KEX_DH_ANON, KEX_ECDH_ANON, KEX_PSK, KEX_DHE_PSK,
		  KEX_ECDHE_PSK, KEX_RSA_PSK, KEX_DH_STATIC, KEX_ECDH_STATIC,
		  KEX_SRP, KEX_KRB5, KEX_RSA_EXPORT, KEX_DHE_EXPORT,
		  KEX_OTHER };
enum tp_auth	{ AUTH_RSA, AUTH_ECDSA, AUTH_ANY,
		  AUTH_DSS, AUTH_NULL, AUTH_PSK, AUTH_OTHER };
enum tp_bulk {
	BULK_AES128_GCM, BULK_AES256_GCM, BULK_CHACHA20_POLY1305,
	BULK_AES128_CCM, BULK_AES128_CCM8,
	BULK_AES128_CBC, BULK_AES256_CBC, BULK_3DES_CBC,
	BULK_AES256_CCM, BULK_AES256_CCM8,
	BULK_RC4_128, BULK_RC4_40, BULK_RC2_CBC_40, BULK_DES_CBC,
	BULK_DES40_CBC, BULK_IDEA_CBC, BULK_SEED_CBC,
	BULK_CAMELLIA128_CBC, BULK_CAMELLIA256_CBC,
	BULK_CAMELLIA128_GCM, BULK_CAMELLIA256_GCM,
	BULK_ARIA128_CBC, BULK_ARIA256_CBC, BULK_ARIA128_GCM,
	BULK_ARIA256_GCM, BULK_NULL, BULK_OTHER,
};
enum tp_hash	{ HASH_NONE, HASH_MD5_SHA1, HASH_SHA1, HASH_SHA224,
		  HASH_SHA256, HASH_SHA384, HASH_SHA512, HASH_MD5 };

struct tp_suite {
	uint16_t	 code;
	const char	*iana;		/* TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 */
	const char	*ossl;		/* ECDHE-RSA-AES128-GCM-SHA256, else iana */
	enum tp_kex	 kex;
	enum tp_auth	 auth;
	enum tp_bulk	 bulk;
	enum tp_hash	 mac;		/* HMAC hash for CBC, HASH_NONE for AEAD */
	enum tp_hash	 prf;		/* PRF hash for 1.2, HKDF hash for 1.3 */
	uint16_t	 min_version;
	uint16_t	 max_version;
	int		 dflt;		/* offered by default */
};

struct tp_bulk_info {
	enum tp_bulk	 id;
	const char	*name;		/* AES-128-GCM */
	const char	*evp;		/* name for EVP_CIPHER_fetch */
	size_t		 key_len;
	size_t		 fixed_iv_len;	/* 1.2: salt (4 GCM/CCM, 12 ChaCha), CBC block IV */
	size_t		 explicit_nonce_len; /* 1.2 AEAD nonce on the wire (8 GCM/CCM) */
	size_t		 tag_len;
	size_t		 block_len;	/* CBC block size, 0 for AEAD and stream */
	int		 aead;
	int		 legacy;	/* in OpenSSL's legacy provider */
};

enum tp_group_kind { GROUP_EC, GROUP_ECX, GROUP_FFDHE };

struct tp_group {
	uint16_t	 code;
	const char	*name;		/* X25519, P-256, ffdhe2048 */
	const char	*alias;		/* x25519, secp256r1 (or NULL) */
	const char	*alias2;	/* prime256v1 (or NULL) */
	enum tp_group_kind kind;
	const char	*ossl;		/* EVP name: X25519, P-256, ffdhe2048 */
	size_t		 pub_len;	/* public value length on the wire */
	int		 dflt;		/* in the default supported_groups */
};

enum tp_sigalg {
	SIG_RSA_PKCS1, SIG_RSA_PSS_RSAE, SIG_RSA_PSS_PSS, SIG_ECDSA,
	SIG_ED25519, SIG_ED448, SIG_DSA,
	SIG_RSA_MD5_SHA1,	/* TLS 1.0/1.1 RSA: no DigestInfo (RFC 2246, 7.4.3) */
};

struct tp_sigscheme {
	uint16_t	 code;
	const char	*name;		/* rsa_pss_rsae_sha256 */
	enum tp_sigalg	 alg;
	enum tp_hash	 hash;
	const char	*curve;		/* 1.3 ECDSA binds a curve: P-256 ... */
	int		 tls13;		/* allowed in TLS 1.3 CertificateVerify */
	int		 dflt;		/* offered by default */
};

extern const struct tp_suite	tp_suites[];
extern const size_t		tp_nsuites;
extern const struct tp_group	tp_groups[];
extern const size_t		tp_ngroups;
extern const struct tp_sigscheme tp_sigschemes[];
extern const size_t		tp_nsigschemes;
extern const struct tp_sigscheme tp_sig_md5_sha1_rsa;	/* legacy, no code */
extern const struct tp_sigscheme tp_sig_sha1_ecdsa;	/* legacy, no code */

const struct tp_suite		*suite_by_code(uint16_t);
const struct tp_suite		*suite_by_name(const char *);	/* IANA or OpenSSL */
const char			*suite_name(uint16_t);	/* IANA name or NULL */
/* IANA name, or "0x%04x" into a caller buffer for a code nobody named */
const char			*suite_str(uint16_t, char *, size_t);
const char			*kex_label(enum tp_kex);	/* ECDHE, DH_anon ... */
/*
 * NULL when the handshake engine can complete the suite; otherwise what
 * it lacks ("no SRP key exchange", "no SEED-CBC cipher"), for offers,
 * -msg/-trace and FAIL lines.
 */
const char			*suite_gap(const struct tp_suite *);
const struct tp_bulk_info	*bulk_info(enum tp_bulk);
/* OpenSSL's strength_bits of a bulk cipher (ssl/s3_lib.c): 0 to 256 */
int				 bulk_strength_bits(enum tp_bulk);
const struct tp_group		*group_by_code(uint16_t);
const struct tp_group		*group_by_name(const char *);
const struct tp_sigscheme	*sigscheme_by_code(uint16_t);
const struct tp_sigscheme	*sigscheme_by_name(const char *);
const char			*hash_name(enum tp_hash);	/* EVP name: SHA256 */
size_t				 hash_len(enum tp_hash);

/* name lookups; return NULL when unknown */
const char	*version_name(uint16_t);	/* "TLS 1.2" */
const char	*version_ossl_name(uint16_t);	/* "TLSv1.2" */
const char	*alert_name(uint8_t);		/* "handshake_failure" */
const char	*alert_level_name(uint8_t);	/* "warning", "fatal" */
const char	*extension_name(uint16_t);
/* IANA Supported Groups registry name (incl. PQ hybrids), or NULL */
const char	*group_reg_name(uint16_t);
/* every code of that registry, in code order, into out; returns how many */
size_t		 group_reg_codes(uint16_t *out, size_t max);
const char	*handshake_name(uint8_t);	/* "ClientHello" */
const char	*content_type_name(uint8_t);	/* "Handshake" */
const char	*certtype_name(uint8_t);	/* CertificateRequest types */
const char	*psk_mode_name(uint8_t);
const char	*ec_point_format_name(uint8_t);
/* version_name() or "0x%04x" into a caller buffer */
const char	*version_str(uint16_t, char *, size_t);
int		 version_by_name(const char *, uint16_t *);	/* TLSv1.2, 1.2, tls1_2 */

#endif
