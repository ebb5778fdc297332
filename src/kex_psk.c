/*
 * kex_psk.c -- what the TLS 1.0-1.2 key exchange families need besides
 * the shares of kex.c: which messages a family sends, and the pre-shared
 * key premaster secrets of RFC 4279 and RFC 5489.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "kex.h"
#include "tperr.h"

int
kex_is_psk(enum tp_kex k)
{
	return k == KEX_PSK || k == KEX_DHE_PSK || k == KEX_ECDHE_PSK ||
	    k == KEX_RSA_PSK;
}

int
kex_is_ecdh(enum tp_kex k)
{
	return k == KEX_ECDHE || k == KEX_ECDH_ANON || k == KEX_ECDHE_PSK;
}

int
kex_is_dh(enum tp_kex k)
{
	return k == KEX_DHE || k == KEX_DH_ANON || k == KEX_DHE_PSK;
}

int
kex_has_cert(enum tp_kex k)
{
	/* anonymous (RFC 5246, 7.4.2; RFC 8422, 2.5) and PSK (RFC 4279) */
	return k != KEX_DH_ANON && k != KEX_ECDH_ANON && k != KEX_PSK &&
	    k != KEX_DHE_PSK && k != KEX_ECDHE_PSK;
}

int
kex_ske_signed(enum tp_kex k)
{
	return k == KEX_ECDHE || k == KEX_DHE;
}

int
kex_ske_optional(enum tp_kex k)
{
	/* RFC 4279, 2 and 4: only to carry an identity hint */
	return k == KEX_PSK || k == KEX_RSA_PSK;
}

/*
 * RFC 4279, 2: uint16 length || other_secret || uint16 length || psk;
 * for plain PSK other_secret is as many zero bytes as the PSK has.
 */
int
kex_psk_premaster(const uint8_t *other, size_t otherlen, const uint8_t *psk,
    size_t psklen, uint8_t *out, size_t *outlen)
{
	size_t n;

	if (other == NULL)
		otherlen = psklen;
	n = 2 + otherlen + 2 + psklen;
	if (psklen == 0 || psklen > 0xffff || otherlen > 0xffff ||
	    n > *outlen)
		return TP_E_INTERNAL;
	/* other first: it may start at out */
	if (other == NULL)
		memset(out + 2, 0, otherlen);
	else
		memmove(out + 2, other, otherlen);
	out[0] = (uint8_t)(otherlen >> 8);
	out[1] = (uint8_t)otherlen;
	out[2 + otherlen] = (uint8_t)(psklen >> 8);
	out[3 + otherlen] = (uint8_t)psklen;
	memcpy(out + 4 + otherlen, psk, psklen);
	*outlen = n;
	return 0;
}
