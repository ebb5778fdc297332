/*
 * x509_info.h -- one certificate's fields as strings, for the -json
 * printer: names in UTF-8 (the JSON writer copes with any bytes left).
 */
#ifndef X509_INFO_H
#define X509_INFO_H

#include <stddef.h>
#include <stdint.h>

#define X509_INFO_MAXSANS	32

struct x509_info {
	char	subject[1024];
	char	issuer[1024];
	char	not_before[40];		/* ISO 8601, UTC: 2026-01-02T03:04:05Z */
	char	not_after[40];
	char	key_type[32];		/* "RSA", "EC", "ED25519" */
	int	key_bits;
	char	key_group[40];		/* "prime256v1", or "" */
	char	sig_alg[80];		/* "sha256WithRSAEncryption" */
	char	serial[100];		/* hex */
	uint8_t	sha256[32];		/* fingerprint of the DER */
	char	sans[X509_INFO_MAXSANS][256];	/* "DNS:x", "IP:1.2.3.4" */
	size_t	nsans;
	size_t	more_sans;		/* left out beyond X509_INFO_MAXSANS */
};

/* Returns 0, or -1 if der is not a certificate. */
int	x509_info(const uint8_t *der, size_t len, struct x509_info *);
/* PEM text of the DER certificate into a malloc'd string, or NULL. */
char	*x509_info_pem(const uint8_t *der, size_t len);

#endif
