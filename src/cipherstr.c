/*
 * cipherstr.c -- OpenSSL's cipher-string language, written from
 * ciphers(1ssl) and the behaviour of ssl/ssl_ciph.c in OpenSSL 3.0:
 *
 * All suites sit in one list in a starting order, all switched off.  Each
 * term of the string selects the suites whose attributes match (a
 * keyword, several joined by '+' meaning all of them, or a suite name)
 * and acts on them in list order: plain adds those not yet on at the end,
 * '-' switches them off again (they keep a place at the front, so a later
 * add brings them back in their old order), '+' moves those on to the
 * end, '!' removes them for good.  @STRENGTH reorders what is on by key
 * length, strongest first; @SECLEVEL=n records a security level.  A
 * string that starts with DEFAULT starts with ALL:!COMPLEMENTOFDEFAULT:
 * !eNULL.  The result is what is on, in list order.
 *
 * The starting order is OpenSSL's own: ssl_create_cipher_list() sorts its
 * table by fixed rules (ECDHE before others, ECDSA before RSA, AES-GCM,
 * then ChaCha20, then AES first; MD5, anonymous, RSA key transport, PSK
 * and RC4 last; then by key length; then TLS 1.2 suites, AEAD, forward
 * secrecy and forward-secret AEAD bumped to the front, in that order).
 * Its ties follow the order of OpenSSL's internal table, which no rule
 * gives, so base_order[] holds the result for the 155 suites OpenSSL 3.0
 * on Debian 12 has, as `openssl ciphers -V` shows them.  Suites OpenSSL
 * leaves out follow, sorted here by the same rules.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include "cipherstr.h"

/* key exchange */
#define K_RSA		0x001u
#define K_DHE		0x002u
#define K_ECDHE		0x004u
#define K_PSK		0x008u
#define K_RSAPSK	0x010u
#define K_ECDHEPSK	0x020u
#define K_DHEPSK	0x040u
#define K_SRP		0x080u
#define K_OTHER		0x100u
/* authentication */
#define A_RSA		0x01u
#define A_DSS		0x02u
#define A_NULL		0x04u
#define A_ECDSA		0x08u
#define A_PSK		0x10u
#define A_SRP		0x20u
#define A_OTHER		0x40u
/* bulk cipher */
#define E_NULL		(1u << 0)
#define E_AES128	(1u << 1)
#define E_AES256	(1u << 2)
#define E_AES128GCM	(1u << 3)
#define E_AES256GCM	(1u << 4)
#define E_AES128CCM	(1u << 5)
#define E_AES256CCM	(1u << 6)
#define E_AES128CCM8	(1u << 7)
#define E_AES256CCM8	(1u << 8)
#define E_CAM128	(1u << 9)
#define E_CAM256	(1u << 10)
#define E_CHACHA	(1u << 11)
#define E_ARIA128GCM	(1u << 12)
#define E_ARIA256GCM	(1u << 13)
#define E_3DES		(1u << 14)
#define E_RC4		(1u << 15)
#define E_DES		(1u << 16)
#define E_IDEA		(1u << 17)
#define E_SEED		(1u << 18)
#define E_RC2		(1u << 19)
#define E_OTHER		(1u << 20)
#define E_AESGCM	(E_AES128GCM | E_AES256GCM)
#define E_AESCCM8	(E_AES128CCM8 | E_AES256CCM8)
#define E_AESCCM	(E_AES128CCM | E_AES256CCM | E_AESCCM8)
#define E_AES		(E_AES128 | E_AES256 | E_AESGCM | E_AESCCM)
#define E_CBC		(E_AES128 | E_AES256 | E_CAM128 | E_CAM256 | E_3DES | \
			 E_DES | E_IDEA | E_SEED | E_RC2)
/* MAC */
#define M_MD5		0x01u
#define M_SHA1		0x02u
#define M_SHA256	0x04u
#define M_SHA384	0x08u
#define M_AEAD		0x10u
#define M_OTHER		0x20u
/* strength class; the first five are one group, NOT_DEFAULT another */
#define S_NONE		0x01u
#define S_LOW		0x02u
#define S_MEDIUM	0x04u
#define S_HIGH		0x08u
#define S_FIPS		0x10u
#define S_STRONG	0x1fu
#define S_NOTDEF	0x20u
/* export grades (the suites OpenSSL dropped in 1.1.0) */
#define X_EXP40		0x01u
#define X_EXP56		0x02u

struct attr {
	unsigned	 mkey, auth, enc, mac, strength, exp;
	uint16_t	 min_tls;
	int		 bits;
	int		 legacy;	/* not in this OpenSSL's build */
};

struct alias {
	const char	*name;
	unsigned	 mkey, auth, enc, mac, strength, exp;
	uint16_t	 min_tls;
	int		 legacy;	/* names suites OpenSSL leaves out */
};

static const struct alias aliases[] = {
	{ "ALL",	0, 0, ~E_NULL, 0, 0, 0, 0, 0 },
	{ "COMPLEMENTOFALL", 0, 0, E_NULL, 0, 0, 0, 0, 0 },
	{ "COMPLEMENTOFDEFAULT", 0, 0, 0, 0, S_NOTDEF, 0, 0, 0 },
	{ "kRSA",	K_RSA, 0, 0, 0, 0, 0, 0, 0 },
	{ "kEDH",	K_DHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "kDHE",	K_DHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "DH",		K_DHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "kEECDH",	K_ECDHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "kECDHE",	K_ECDHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "ECDH",	K_ECDHE, 0, 0, 0, 0, 0, 0, 0 },
	{ "kPSK",	K_PSK, 0, 0, 0, 0, 0, 0, 0 },
	{ "kRSAPSK",	K_RSAPSK, 0, 0, 0, 0, 0, 0, 0 },
	{ "kECDHEPSK",	K_ECDHEPSK, 0, 0, 0, 0, 0, 0, 0 },
	{ "kDHEPSK",	K_DHEPSK, 0, 0, 0, 0, 0, 0, 0 },
	{ "kSRP",	K_SRP, 0, 0, 0, 0, 0, 0, 0 },
	{ "aRSA",	0, A_RSA, 0, 0, 0, 0, 0, 0 },
	{ "aDSS",	0, A_DSS, 0, 0, 0, 0, 0, 0 },
	{ "DSS",	0, A_DSS, 0, 0, 0, 0, 0, 0 },
	{ "aNULL",	0, A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "aECDSA",	0, A_ECDSA, 0, 0, 0, 0, 0, 0 },
	{ "ECDSA",	0, A_ECDSA, 0, 0, 0, 0, 0, 0 },
	{ "aPSK",	0, A_PSK, 0, 0, 0, 0, 0, 0 },
	{ "aSRP",	0, A_SRP, 0, 0, 0, 0, 0, 0 },
	{ "EDH",	K_DHE, ~A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "DHE",	K_DHE, ~A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "EECDH",	K_ECDHE, ~A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "ECDHE",	K_ECDHE, ~A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "NULL",	0, 0, E_NULL, 0, 0, 0, 0, 0 },
	{ "eNULL",	0, 0, E_NULL, 0, 0, 0, 0, 0 },
	{ "RSA",	K_RSA, A_RSA, 0, 0, 0, 0, 0, 0 },
	{ "ADH",	K_DHE, A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "AECDH",	K_ECDHE, A_NULL, 0, 0, 0, 0, 0, 0 },
	{ "PSK",	K_PSK | K_RSAPSK | K_ECDHEPSK | K_DHEPSK, 0, 0, 0, 0, 0,
			0, 0 },
	{ "SRP",	K_SRP, 0, 0, 0, 0, 0, 0, 0 },
	{ "3DES",	0, 0, E_3DES, 0, 0, 0, 0, 1 },
	{ "RC4",	0, 0, E_RC4, 0, 0, 0, 0, 1 },
	{ "RC2",	0, 0, E_RC2, 0, 0, 0, 0, 1 },
	{ "DES",	0, 0, E_DES, 0, 0, 0, 0, 1 },
	{ "IDEA",	0, 0, E_IDEA, 0, 0, 0, 0, 1 },
	{ "SEED",	0, 0, E_SEED, 0, 0, 0, 0, 1 },
	{ "AES128",	0, 0, E_AES128 | E_AES128GCM | E_AES128CCM |
			E_AES128CCM8, 0, 0, 0, 0, 0 },
	{ "AES256",	0, 0, E_AES256 | E_AES256GCM | E_AES256CCM |
			E_AES256CCM8, 0, 0, 0, 0, 0 },
	{ "AES",	0, 0, E_AES, 0, 0, 0, 0, 0 },
	{ "AESGCM",	0, 0, E_AESGCM, 0, 0, 0, 0, 0 },
	{ "AESCCM",	0, 0, E_AESCCM, 0, 0, 0, 0, 0 },
	{ "AESCCM8",	0, 0, E_AESCCM8, 0, 0, 0, 0, 0 },
	{ "CAMELLIA128", 0, 0, E_CAM128, 0, 0, 0, 0, 0 },
	{ "CAMELLIA256", 0, 0, E_CAM256, 0, 0, 0, 0, 0 },
	{ "CAMELLIA",	0, 0, E_CAM128 | E_CAM256, 0, 0, 0, 0, 0 },
	{ "CHACHA20",	0, 0, E_CHACHA, 0, 0, 0, 0, 0 },
	{ "ARIA",	0, 0, E_ARIA128GCM | E_ARIA256GCM, 0, 0, 0, 0, 0 },
	{ "ARIAGCM",	0, 0, E_ARIA128GCM | E_ARIA256GCM, 0, 0, 0, 0, 0 },
	{ "ARIA128",	0, 0, E_ARIA128GCM, 0, 0, 0, 0, 0 },
	{ "ARIA256",	0, 0, E_ARIA256GCM, 0, 0, 0, 0, 0 },
	{ "CBC",	0, 0, E_CBC, 0, 0, 0, 0, 0 },
	{ "MD5",	0, 0, 0, M_MD5, 0, 0, 0, 0 },
	{ "SHA1",	0, 0, 0, M_SHA1, 0, 0, 0, 0 },
	{ "SHA",	0, 0, 0, M_SHA1, 0, 0, 0, 0 },
	{ "SHA256",	0, 0, 0, M_SHA256, 0, 0, 0, 0 },
	{ "SHA384",	0, 0, 0, M_SHA384, 0, 0, 0, 0 },
	{ "SSLv3",	0, 0, 0, 0, 0, 0, SSL3_VERSION, 0 },
	{ "TLSv1",	0, 0, 0, 0, 0, 0, TLS1_0_VERSION, 0 },
	{ "TLSv1.0",	0, 0, 0, 0, 0, 0, TLS1_0_VERSION, 0 },
	{ "TLSv1.2",	0, 0, 0, 0, 0, 0, TLS1_2_VERSION, 0 },
	{ "LOW",	0, 0, 0, 0, S_LOW, 0, 0, 1 },
	{ "MEDIUM",	0, 0, 0, 0, S_MEDIUM, 0, 0, 1 },
	{ "HIGH",	0, 0, 0, 0, S_HIGH, 0, 0, 0 },
	{ "FIPS",	0, 0, 0, 0, S_FIPS, 0, 0, 0 },
	{ "EXP",	0, 0, 0, 0, 0, X_EXP40 | X_EXP56, 0, 1 },
	{ "EXPORT",	0, 0, 0, 0, 0, X_EXP40 | X_EXP56, 0, 1 },
	{ "EXPORT40",	0, 0, 0, 0, 0, X_EXP40, 0, 1 },
	{ "EXPORT56",	0, 0, 0, 0, 0, X_EXP56, 0, 1 },
};
#define NALIASES	(sizeof(aliases) / sizeof(aliases[0]))

/* OpenSSL 3.0's starting order (see the top of this file) */
static const uint16_t base_order[] = {
	0xc02c, 0xc030, 0x00a3, 0x009f, 0xcca9, 0xcca8, 0xccaa, 0xc0af,
	0xc0ad, 0xc0a3, 0xc09f, 0xc05d, 0xc061, 0xc057, 0xc053, 0x00a7,
	0xc02b, 0xc02f, 0x00a2, 0x009e, 0xc0ae, 0xc0ac, 0xc0a2, 0xc09e,
	0xc05c, 0xc060, 0xc056, 0xc052, 0x00a6, 0xc024, 0xc028, 0x006b,
	0x006a, 0xc073, 0xc077, 0x00c4, 0x00c3, 0x006d, 0x00c5, 0xc023,
	0xc027, 0x0067, 0x0040, 0xc072, 0xc076, 0x00be, 0x00bd, 0x006c,
	0x00bf, 0xc00a, 0xc014, 0x0039, 0x0038, 0x0088, 0x0087, 0xc019,
	0x003a, 0x0089, 0xc009, 0xc013, 0x0033, 0x0032, 0x0045, 0x0044,
	0xc018, 0x0034, 0x0046, 0xc006, 0xc010, 0x00ad, 0x00ab, 0xccae,
	0xccad, 0xccac, 0xc0ab, 0xc0a7, 0xc06f, 0xc06d, 0x009d, 0xc0a1,
	0xc09d, 0xc051, 0x00a9, 0xccab, 0xc0a9, 0xc0a5, 0xc06b, 0x00ac,
	0x00aa, 0xc0aa, 0xc0a6, 0xc06e, 0xc06c, 0x009c, 0xc0a0, 0xc09c,
	0xc050, 0x00a8, 0xc0a8, 0xc0a4, 0xc06a, 0x003d, 0x00c0, 0x003c,
	0x00ba, 0xc015, 0xc038, 0xc036, 0xc022, 0x003b, 0xc021, 0xc020,
	0x00b7, 0x00b3, 0x0095, 0x0091, 0xc09b, 0xc099, 0xc097, 0x0035,
	0x0084, 0x00af, 0x008d, 0xc095, 0xc037, 0xc035, 0xc01f, 0xc01e,
	0xc01d, 0x00b6, 0x00b2, 0x0094, 0x0090, 0xc09a, 0xc098, 0xc096,
	0x002f, 0x0041, 0x00ae, 0x008c, 0xc094, 0xc03b, 0xc03a, 0xc039,
	0x00b9, 0x00b8, 0x00b5, 0x00b4, 0x002e, 0x002d, 0x0002, 0x0001,
	0x00b1, 0x00b0, 0x002c,
};
#define NBASE		(sizeof(base_order) / sizeof(base_order[0]))

static int
in_base(uint16_t code)
{
	size_t i;

	for (i = 0; i < NBASE; i++)
		if (base_order[i] == code)
			return 1;
	return 0;
}

/* The suite's attributes in OpenSSL's terms, from the table's columns. */
static void
attr_of(const struct tp_suite *s, struct attr *a)
{
	memset(a, 0, sizeof(*a));
	switch (s->kex) {
	case KEX_RSA:		a->mkey = K_RSA; break;
	case KEX_DHE:
	case KEX_DH_ANON:	a->mkey = K_DHE; break;
	case KEX_ECDHE:
	case KEX_ECDH_ANON:	a->mkey = K_ECDHE; break;
	case KEX_PSK:		a->mkey = K_PSK; break;
	case KEX_RSA_PSK:	a->mkey = K_RSAPSK; break;
	case KEX_ECDHE_PSK:	a->mkey = K_ECDHEPSK; break;
	case KEX_DHE_PSK:	a->mkey = K_DHEPSK; break;
	case KEX_SRP:		a->mkey = K_SRP; break;
	case KEX_RSA_EXPORT:	a->mkey = K_RSA; break;
	case KEX_DHE_EXPORT:	a->mkey = K_DHE; break;
	default:		a->mkey = K_OTHER; break;
	}
	switch (s->auth) {
	case AUTH_RSA:		a->auth = A_RSA; break;
	case AUTH_DSS:		a->auth = A_DSS; break;
	case AUTH_NULL:		a->auth = A_NULL; break;
	case AUTH_ECDSA:	a->auth = A_ECDSA; break;
	case AUTH_PSK:		a->auth = A_PSK; break;
	default:		a->auth = s->kex == KEX_SRP ? A_SRP : A_OTHER;
	}
	a->bits = bulk_strength_bits(s->bulk);
	switch (s->bulk) {
	case BULK_NULL:		a->enc = E_NULL; break;
	case BULK_AES128_CBC:	a->enc = E_AES128; break;
	case BULK_AES256_CBC:	a->enc = E_AES256; break;
	case BULK_AES128_GCM:	a->enc = E_AES128GCM; break;
	case BULK_AES256_GCM:	a->enc = E_AES256GCM; break;
	case BULK_AES128_CCM:	a->enc = E_AES128CCM; break;
	case BULK_AES256_CCM:	a->enc = E_AES256CCM; break;
	case BULK_AES128_CCM8:	a->enc = E_AES128CCM8; break;
	case BULK_AES256_CCM8:	a->enc = E_AES256CCM8; break;
	case BULK_CAMELLIA128_CBC: a->enc = E_CAM128; break;
	case BULK_CAMELLIA256_CBC: a->enc = E_CAM256; break;
	case BULK_CHACHA20_POLY1305: a->enc = E_CHACHA; break;
	case BULK_ARIA128_GCM:	a->enc = E_ARIA128GCM; break;
	case BULK_ARIA256_GCM:	a->enc = E_ARIA256GCM; break;
	case BULK_3DES_CBC:	a->enc = E_3DES; break;
	case BULK_RC4_128:
	case BULK_RC4_40:	a->enc = E_RC4; break;
	case BULK_RC2_CBC_40:	a->enc = E_RC2; break;
	case BULK_DES_CBC:
	case BULK_DES40_CBC:	a->enc = E_DES; break;
	case BULK_IDEA_CBC:	a->enc = E_IDEA; break;
	case BULK_SEED_CBC:	a->enc = E_SEED; break;
	default:		a->enc = E_OTHER; break;
	}
	switch (s->mac) {
	case HASH_MD5:		a->mac = M_MD5; break;
	case HASH_SHA1:		a->mac = M_SHA1; break;
	case HASH_SHA256:	a->mac = M_SHA256; break;
	case HASH_SHA384:	a->mac = M_SHA384; break;
	case HASH_NONE:		a->mac = s->bulk == BULK_NULL ||
				    s->bulk == BULK_OTHER ? M_OTHER : M_AEAD;
				break;
	default:		a->mac = M_OTHER; break;
	}
	a->min_tls = s->min_version;
	if (s->kex == KEX_RSA_EXPORT || s->kex == KEX_DHE_EXPORT ||
	    strstr(s->iana, "EXPORT") != NULL)
		a->exp = a->bits <= 40 ? X_EXP40 : X_EXP56;
	/* OpenSSL's classes: see COMPLEMENTOFDEFAULT and FIPS in ciphers(1) */
	if (a->enc == E_NULL)
		a->strength = S_NONE;
	else if (a->exp != 0)
		a->strength = 0;
	else if (a->enc & (E_3DES | E_RC4 | E_IDEA | E_SEED))
		a->strength = S_MEDIUM;
	else if (a->enc & (E_DES | E_RC2))
		a->strength = S_LOW;
	else
		a->strength = S_HIGH;
	if (((a->enc & E_AES) && !(a->enc & E_AESCCM) && a->mkey != K_SRP &&
	    a->mac != M_MD5) || a->enc == E_3DES)
		a->strength |= S_FIPS;
	a->legacy = !in_base(s->code);
	if (a->legacy || (a->auth == A_NULL && a->enc != E_NULL) ||
	    a->auth == A_DSS || (a->enc & (E_CAM128 | E_CAM256 | E_AESCCM |
	    E_ARIA128GCM | E_ARIA256GCM)))
		a->strength |= S_NOTDEF;
}

/* The list: one node per TLS 1.2-and-older row of tp_suites. */
struct cs_state {
	size_t		 n;
	const struct tp_suite *s[TP_NSUITES_MAX];
	struct attr	 a[TP_NSUITES_MAX];
	int		 prev[TP_NSUITES_MAX], next[TP_NSUITES_MAX];
	uint8_t		 on[TP_NSUITES_MAX], named[TP_NSUITES_MAX];
	int		 head, tail;
};

/* OpenSSL's fixed order rules as a sort key, for the suites it lacks */
static int
legacy_cmp(const void *pa, const void *pb)
{
	const struct tp_suite *x = *(const struct tp_suite *const *)pa;
	const struct tp_suite *y = *(const struct tp_suite *const *)pb;
	struct attr ax, ay;
	int kx[12], ky[12], i;

	attr_of(x, &ax);
	attr_of(y, &ay);
#define KEYS(k, a) do {							\
	int fs = ((a).mkey & (K_DHE | K_ECDHE)) != 0;			\
	int aead = (a).mac == M_AEAD;					\
	k[0] = !(fs && aead); k[1] = !fs; k[2] = !aead;			\
	k[3] = (a).min_tls != TLS1_2_VERSION; k[4] = -(a).bits;		\
	k[5] = (a).enc == E_RC4; k[6] = (a).mkey == K_PSK;		\
	k[7] = (a).mkey == K_RSA; k[8] = (a).auth == A_NULL;		\
	k[9] = (a).mac == M_MD5;					\
	k[10] = ((a).enc & E_AESGCM) ? 0 : ((a).enc & E_CHACHA) ? 1 :	\
	    ((a).enc & E_AES) ? 2 : 3;					\
	k[11] = (a).mkey != K_ECDHE ? 2 : (a).auth == A_ECDSA ? 0 : 1;	\
} while (0)
	KEYS(kx, ax);
	KEYS(ky, ay);
#undef KEYS
	for (i = 0; i < 12; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return x->code > y->code ? -1 : x->code < y->code;
}

static void
state_init(struct cs_state *st)
{
	const struct tp_suite *legacy[TP_NSUITES_MAX];
	size_t i, nl = 0;
	const struct tp_suite *s;

	st->n = 0;
	for (i = 0; i < NBASE; i++)
		if ((s = suite_by_code(base_order[i])) != NULL &&
		    st->n < TP_NSUITES_MAX)
			st->s[st->n++] = s;
	for (i = 0; i < tp_nsuites; i++)
		if (tp_suites[i].kex != KEX_TLS13 &&
		    !in_base(tp_suites[i].code) && nl < TP_NSUITES_MAX)
			legacy[nl++] = &tp_suites[i];
	qsort(legacy, nl, sizeof(legacy[0]), legacy_cmp);
	for (i = 0; i < nl && st->n < TP_NSUITES_MAX; i++)
		st->s[st->n++] = legacy[i];
	for (i = 0; i < st->n; i++) {
		attr_of(st->s[i], &st->a[i]);
		st->prev[i] = (int)i - 1;
		st->next[i] = i + 1 < st->n ? (int)i + 1 : -1;
		st->on[i] = st->named[i] = 0;
	}
	st->head = st->n > 0 ? 0 : -1;
	st->tail = (int)st->n - 1;
}

static void
unlink_node(struct cs_state *st, int c)
{
	if (st->prev[c] >= 0)
		st->next[st->prev[c]] = st->next[c];
	else
		st->head = st->next[c];
	if (st->next[c] >= 0)
		st->prev[st->next[c]] = st->prev[c];
	else
		st->tail = st->prev[c];
	st->prev[c] = st->next[c] = -1;
}

static void
to_tail(struct cs_state *st, int c)
{
	if (c == st->tail)
		return;
	unlink_node(st, c);
	st->prev[c] = st->tail;
	if (st->tail >= 0)
		st->next[st->tail] = c;
	else
		st->head = c;
	st->tail = c;
}

static void
to_head(struct cs_state *st, int c)
{
	if (c == st->head)
		return;
	unlink_node(st, c);
	st->next[c] = st->head;
	if (st->head >= 0)
		st->prev[st->head] = c;
	else
		st->tail = c;
	st->head = c;
}

enum rule { R_ADD, R_DEL, R_ORD, R_KILL, R_BUMP, R_SPECIAL };

struct term {
	uint16_t	 code;		/* a suite name, or 0 */
	unsigned	 mkey, auth, enc, mac, strength, exp;
	uint16_t	 min_tls;
	int		 legacy;
};

static int
matches(const struct cs_state *st, int c, const struct term *t, enum rule r)
{
	const struct attr *a = &st->a[c];

	if (t->code != 0)
		return st->s[c]->code == t->code;
	if (r == R_ADD && a->legacy && !t->legacy)
		return 0;
	if ((t->mkey && !(t->mkey & a->mkey)) ||
	    (t->auth && !(t->auth & a->auth)) ||
	    (t->enc && !(t->enc & a->enc)) ||
	    (t->mac && !(t->mac & a->mac)) ||
	    (t->exp && !(t->exp & a->exp)) ||
	    (t->min_tls && t->min_tls != a->min_tls))
		return 0;
	if ((t->strength & S_STRONG) && !(t->strength & S_STRONG & a->strength))
		return 0;
	if ((t->strength & S_NOTDEF) && !(a->strength & S_NOTDEF))
		return 0;
	return 1;
}

/* One term over the list, visiting each node present at the start once. */
static void
apply(struct cs_state *st, const struct term *t, enum rule r, int bits)
{
	int reverse = r == R_DEL || r == R_BUMP;
	int next = reverse ? st->tail : st->head;
	int last = reverse ? st->head : st->tail;
	int c = -1;

	for (;;) {
		if (c == last)
			break;
		if ((c = next) < 0)
			break;
		next = reverse ? st->prev[c] : st->next[c];
		if (bits >= 0) {
			if (st->a[c].bits != bits)
				continue;
		} else if (!matches(st, c, t, r))
			continue;
		switch (r) {
		case R_ADD:
			if (!st->on[c]) {
				to_tail(st, c);
				st->on[c] = 1;
				st->named[c] = t->code != 0;
			}
			break;
		case R_ORD:
			if (st->on[c])
				to_tail(st, c);
			break;
		case R_DEL:
			if (st->on[c]) {
				to_head(st, c);
				st->on[c] = 0;
			}
			break;
		case R_BUMP:
			if (st->on[c])
				to_head(st, c);
			break;
		case R_KILL:
			unlink_node(st, c);
			st->on[c] = 0;
			break;
		case R_SPECIAL:
			break;
		}
	}
}

/* @STRENGTH: what is on, by key length, strongest first, stable. */
static void
strength_sort(struct cs_state *st)
{
	struct term none;
	int maxbits = 0, c;

	memset(&none, 0, sizeof(none));
	for (c = st->head; c >= 0; c = st->next[c])
		if (st->on[c] && st->a[c].bits > maxbits)
			maxbits = st->a[c].bits;
	for (; maxbits >= 0; maxbits--)
		apply(st, &none, R_ORD, maxbits);
}

#define ITEM_SEP(ch)	((ch) == ':' || (ch) == ' ' || (ch) == ';' || \
			 (ch) == ',')
#define WORD_CH(ch)	(((ch) >= 'A' && (ch) <= 'Z') || \
			 ((ch) >= 'a' && (ch) <= 'z') || \
			 ((ch) >= '0' && (ch) <= '9') || (ch) == '-' || \
			 (ch) == '_' || (ch) == '.' || (ch) == '=')

/* Fold one keyword or name into the term; 0 when they exclude each other. */
static int
combine(struct term *t, const struct alias *al, const struct tp_suite *s,
    const struct attr *sa)
{
	unsigned mkey, auth, enc, mac, strength, exp;
	uint16_t min_tls;

	if (al != NULL) {
		mkey = al->mkey; auth = al->auth; enc = al->enc; mac = al->mac;
		strength = al->strength; exp = al->exp; min_tls = al->min_tls;
		t->legacy |= al->legacy;
	} else {
		mkey = sa->mkey; auth = sa->auth; enc = sa->enc; mac = sa->mac;
		strength = sa->strength; exp = 0; min_tls = 0;
		t->code = s->code;
	}
#define FOLD(f) do {							\
	if (f) {							\
		if (t->f) {						\
			t->f &= f;					\
			if (t->f == 0)					\
				return 0;				\
		} else							\
			t->f = f;					\
	}								\
} while (0)
	FOLD(mkey);
	FOLD(auth);
	FOLD(enc);
	FOLD(mac);
	FOLD(exp);
#undef FOLD
	if (strength & S_STRONG) {
		if (t->strength & S_STRONG) {
			t->strength &= (strength & S_STRONG) | ~S_STRONG;
			if (!(t->strength & S_STRONG))
				return 0;
		} else
			t->strength |= strength & S_STRONG;
	}
	if (strength & S_NOTDEF)
		t->strength |= S_NOTDEF;
	if (min_tls) {
		if (t->min_tls && t->min_tls != min_tls)
			return 0;
		t->min_tls = min_tls;
	}
	return 1;
}

static const struct alias *
alias_by_name(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < NALIASES; i++)
		if (strlen(aliases[i].name) == len &&
		    strncmp(aliases[i].name, w, len) == 0)
			return &aliases[i];
	return NULL;
}

static int
process(struct cs_state *st, const char *str, struct cs_list *out,
    char *err, size_t errlen)
{
	const char *l = str, *w;
	const struct alias *al;
	const struct tp_suite *s;
	struct attr sa;
	struct term t;
	enum rule r;
	char word[128];
	size_t wl;
	int ok = 1, found, multi;

	for (;;) {
		char ch = *l;

		if (ch == '\0')
			break;
		if (ch == '-') {
			r = R_DEL; l++;
		} else if (ch == '+') {
			r = R_ORD; l++;
		} else if (ch == '!') {
			r = R_KILL; l++;
		} else if (ch == '@') {
			r = R_SPECIAL; l++;
		} else
			r = R_ADD;
		if (ITEM_SEP(ch)) {
			l++;
			continue;
		}
		memset(&t, 0, sizeof(t));
		found = 0;
		w = l;
		wl = 0;
		for (;;) {
			w = l;
			for (wl = 0; WORD_CH(*l); l++)
				wl++;
			if (wl == 0) {
				if (ok)
					snprintf(err, errlen, "invalid "
					    "command at '%.20s'", l);
				ok = found = 0;
				if (*l != '\0')
					l++;
				break;
			}
			if (r == R_SPECIAL) {
				found = 0;
				break;
			}
			multi = *l == '+';
			if (multi)
				l++;
			found = 0;
			if ((al = alias_by_name(w, wl)) != NULL) {
				if (!combine(&t, al, NULL, NULL))
					break;
			} else {
				if (wl >= sizeof(word))
					break;
				memcpy(word, w, wl);
				word[wl] = '\0';
				if ((s = suite_by_name(word)) == NULL) {
					if (out->unknown[0] == '\0')
						strlcpy(out->unknown, word,
						    sizeof(out->unknown));
					break;
				}
				if (s->kex == KEX_TLS13) {
					snprintf(err, errlen, "'%s' is a TLS "
					    "1.3 suite (use -ciphersuites)",
					    word);
					return -1;
				}
				attr_of(s, &sa);
				if (!combine(&t, NULL, s, &sa))
					break;
			}
			found = 1;
			if (!multi)
				break;
		}
		if (r == R_SPECIAL) {
			if (wl == 8 && strncmp(w, "STRENGTH", 8) == 0)
				strength_sort(st);
			else if (wl == 10 && strncmp(w, "SECLEVEL=", 9) == 0 &&
			    w[9] >= '0' && w[9] <= '5')
				out->seclevel = w[9] - '0';
			else if (wl > 0) {
				if (ok)
					snprintf(err, errlen, "invalid "
					    "command '@%.*s'", (int)wl, w);
				ok = 0;
			}
			while (*l != '\0' && !ITEM_SEP(*l))
				l++;
		} else if (found)
			apply(st, &t, r, -1);
		else
			while (*l != '\0' && !ITEM_SEP(*l))
				l++;
		if (*l == '\0')
			break;
	}
	return ok ? 0 : -1;
}

/*
 * OpenSSL's check_suiteb_cipher_list (ssl/ssl_ciph.c): a string that
 * begins with a Suite B keyword is replaced whole by that mode's suites,
 * whatever follows it.  *str moves to the replacement.
 */
static int
suiteb(const char **str)
{
	static const struct {
		const char	*kw;
		int		 mode;
		const char	*suites;
	} modes[] = {
		/* longest first: OpenSSL compares prefixes in this order */
		{ "SUITEB128ONLY", CS_SUITEB_128ONLY,
		    "ECDHE-ECDSA-AES128-GCM-SHA256" },
		{ "SUITEB128C2", CS_SUITEB_128C2,
		    "ECDHE-ECDSA-AES256-GCM-SHA384" },
		{ "SUITEB128", CS_SUITEB_128, "ECDHE-ECDSA-AES128-GCM-SHA256:"
		    "ECDHE-ECDSA-AES256-GCM-SHA384" },
		{ "SUITEB192", CS_SUITEB_192,
		    "ECDHE-ECDSA-AES256-GCM-SHA384" },
	};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strncmp(*str, modes[i].kw, strlen(modes[i].kw)) == 0) {
			*str = modes[i].suites;
			return modes[i].mode;
		}
	return CS_SUITEB_NONE;
}

int
cipherstr_expand(const char *str, struct cs_list *out, char *err,
    size_t errlen)
{
	static struct cs_state st;	/* large; the tool is single-threaded */
	const char *rest = str;
	int c;

	out->n = 0;
	out->seclevel = -1;
	out->unknown[0] = '\0';
	out->suiteb = suiteb(&rest);
	err[0] = '\0';
	state_init(&st);
	if (strncmp(rest, "DEFAULT", 7) == 0) {
		if (process(&st, "ALL:!COMPLEMENTOFDEFAULT:!eNULL", out, err,
		    errlen) != 0)
			return -1;
		rest += 7;
		if (*rest == ':')
			rest++;
	}
	if (*rest != '\0' && process(&st, rest, out, err, errlen) != 0)
		return -1;
	for (c = st.head; c >= 0; c = st.next[c]) {
		if (!st.on[c])
			continue;
		if (out->n == out->max) {
			snprintf(err, errlen, "more than %zu cipher suites",
			    out->max);
			return -1;
		}
		out->named[out->n] = st.named[c];
		out->codes[out->n++] = st.s[c]->code;
	}
	if (out->n == 0) {
		snprintf(err, errlen, "'%s' selects no TLS 1.2 or older cipher "
		    "suite", str);
		return -2;
	}
	return 0;
}

int
cipherstr_tls13(const char *str, uint16_t *codes, size_t max, size_t *n,
    char *err, size_t errlen)
{
	const struct tp_suite *s;
	const char *p = str;
	char word[128];
	size_t wl, i;

	*n = 0;
	for (;;) {
		while (ITEM_SEP(*p))
			p++;
		if (*p == '\0')
			break;
		for (wl = 0; p[wl] != '\0' && !ITEM_SEP(p[wl]); wl++)
			;
		if (wl >= sizeof(word)) {
			snprintf(err, errlen, "'%.40s...' is too long", p);
			return -1;
		}
		memcpy(word, p, wl);
		word[wl] = '\0';
		p += wl;
		if ((s = suite_by_name(word)) == NULL) {
			snprintf(err, errlen, "unknown cipher suite '%s'", word);
			return -1;
		}
		if (s->kex != KEX_TLS13) {
			snprintf(err, errlen, "'%s' is not a TLS 1.3 suite "
			    "(use -cipher)", word);
			return -1;
		}
		for (i = 0; i < *n; i++)
			if (codes[i] == s->code)
				break;
		if (i < *n)
			continue;
		if (*n == max) {
			snprintf(err, errlen, "more than %zu TLS 1.3 suites",
			    max);
			return -1;
		}
		codes[(*n)++] = s->code;
	}
	if (*n == 0) {
		snprintf(err, errlen, "no cipher suite in '%s'", str);
		return -1;
	}
	return 0;
}

const char *
cipherstr_min_version(const struct tp_suite *s)
{
	switch (s->min_version) {
	case SSL3_VERSION:	return "SSLv3";
	case TLS1_0_VERSION:	return "TLSv1";
	case TLS1_1_VERSION:	return "TLSv1.1";
	case TLS1_2_VERSION:	return "TLSv1.2";
	default:		return "TLSv1.3";
	}
}
