/*
 * sessfile.h -- -sess_out / -sess_in: a session in OpenSSL's own format,
 * the SSL_SESSION ASN.1 structure (ssl/ssl_asn1.c) in PEM armour labelled
 * "SSL SESSION PARAMETERS", so that s_client, sess_id and tlsprobe read
 * each other's files.
 */
#ifndef SESSFILE_H
#define SESSFILE_H

#include <stddef.h>
#include <stdint.h>

struct tp_session;

/* DER encoding of s into a malloc'ed buffer. 0 or a tperr.h code. */
int	sessfile_encode(const struct tp_session *s, uint8_t **der,
	    size_t *len);
/* Decode; on failure a sentence in why (without the file name). */
int	sessfile_decode(const uint8_t *der, size_t len,
	    struct tp_session **out, char *why, size_t whylen);
/* Write / read the PEM file (mode 0600); why names the file. */
int	sessfile_write(const char *path, const struct tp_session *s,
	    char *why, size_t whylen);
int	sessfile_read(const char *path, struct tp_session **out,
	    char *why, size_t whylen);

/* The same for any option (opt names it in why), any session kind. */
int	sessfile_read_opt(const char *opt, const char *path,
	    struct tp_session **out, char *why, size_t whylen);

#endif
