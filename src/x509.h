/*
 * x509.h -- certificates, through libcrypto.  This and x509.c are the only
 * place that knows how a certificate is represented; callers hand in DER
 * exactly as it came off the wire.
 */
#ifndef X509_H
#define X509_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Print subject, issuer, validity, public key and signature algorithm of
 * one DER certificate, one "field=value" line each, indent spaces in.
 * Returns 0, or -1 (printing nothing) when der is not a certificate.
 */
int	x509_print_brief(FILE *, int indent, const uint8_t *der, size_t len);
/*
 * Print one DER DistinguishedName (RFC 5280 Name) on a single line as
 * "label=CN = x, O = y", indent spaces in.  Returns 0, or -1 (printing
 * nothing) when der is not a Name.
 */
int	x509_print_name(FILE *, int indent, const char *label,
	    const uint8_t *der, size_t len);

#endif
