/*
 * test_sessfile.c -- the SSL_SESSION codec (sessfile.c) against files that
 * `openssl s_client -sess_out` (OpenSSL 3.0.19) wrote: a TLS 1.2 session
 * with a ticket and extended master secret, and a TLS 1.3 ticket session.
 * Both carry the peer certificate, which tlsprobe skips; then our own
 * encoding reads back the same, and damaged files are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names.h"
#include "sess.h"
#include "sessfile.h"
#include "tperr.h"
#include "unit.h"

static const char s12_pem[] =
    "-----BEGIN SSL SESSION PARAMETERS-----\n"
    "MIIElAIBAQICAwMEAsAwBCCEx3vmgwFeMgGvpWX8TUA/jB4puWl/m4aoKWnTD2oM\n"
    "5AQwv/u5tvdADbaysKrXeSeatpNHvfRdh2my5Hr2vphPKFI9WeBGo1Z3Cl5HM/jg\n"
    "ewZYoQYCBGsNSmqiBAICHCCjggNUMIIDUDCCAjigAwIBAgIUTkm/SnP0OtRRGulF\n"
    "inuVDKLl6O4wDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQdGxzcHJvYmUgdGVz\n"
    "dCBDQTAeFw0yNjExMzAxMDAyMDRaFw0yNjEyMzAxMDAyMDRaMBQxEjAQBgNVBAMM\n"
    "CWxvY2FsaG9zdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAOjC6lm6\n"
    "7w/E7bpO0qovsvrXVypGonCgtrMaIU4q6I/QuPYI9ac4cH08hdRGxusDfVFYescS\n"
    "O0BYfd04ZoBMngUPDilUtMm494c3puKilODpkkLKb+8MUPlYCNEdStdK0nV15bRS\n"
    "IKf9ph5emDQWybEUz8wUeTZfKQGJijaZHeeEP0c5IVMFPHmqzwnG3HNxc4hFr4na\n"
    "Fg8olBPYHeeEv24T1V0hIfk368yj5NCXMffDZUx1G/L+IUMgNfaSdr0UtGRlyXi1\n"
    "gKafbvNERiWgavWEzkpXjnLeRt1X1N8bX1CvwqYhAwAXumfMCHERq7cjPFLp8aoQ\n"
    "/sohTePZ705J1aUCAwEAAaOBkjCBjzAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQE\n"
    "AwIFoDATBgNVHSUEDDAKBggrBgEFBQcDATAaBgNVHREEEzARgglsb2NhbGhvc3SH\n"
    "BH8AAAEwHQYDVR0OBBYEFEceAjBH8Y9FixJUSFHxJiMisRlfMB8GA1UdIwQYMBaA\n"
    "FE/q9b0ZRp+0k9GpRVbOunexN4HpMA0GCSqGSIb3DQEBCwUAA4IBAQBOG7eB3QQK\n"
    "hRHgUm7X51hd8ipm3RabgcPe5RqoF4QRQv3DCjrOlKBw3YIntZazCeq98tGZUr/D\n"
    "eGW6WrxoM2O3aC9AE0IZSky6eoj3qTWLc/u9NoMozoM5mbn5p+KnRE/D0s84Ly0W\n"
    "e2dW/89DlxUAxEEiL9PDvWmQrwNHLSO6DfkSlETC9VEyc9PB5XuN/ANQWqjbtNv8\n"
    "+dzH8J18Xc7HwVpkS7QtLNDHkxbLXHFjy7VPJ7QUHRqmWVSfmKO10sPoZQYiKdbv\n"
    "Nys2NE1MhZT4T4LaIys1VxsRDaqaa5FbGokciQwIJM0WzwuZUhCJtUuxH42TewnO\n"
    "YyHCmVdWp9jCpAIEAKUDAgEVqQQCAhwgqoGzBIGwwC+nuJY8E5Rjvp7/D9UckmvU\n"
    "4w/pBPSGqol0lqTvGiWi30T1weWFtGtBDWiD1YxzcUNbEgQ80HjmY9YJeIMWdCXW\n"
    "6cspHMmmwlh0gJpd1FdCF1vHzp+NALS8bWMcBApmnIDCIRPuQnIA9Mt7nFKvzqZo\n"
    "4d+sL6dNGY/Qx1YJPBhwrfHEiXNKmin49bKg3xJjFI5JxJpMFz8uciRkSLrsNDlR\n"
    "Ivn2fh6uQMt3M4aS+jatAwIBAbMDAgEd\n"
    "-----END SSL SESSION PARAMETERS-----\n"
;

static const char s13_pem[] =
    "-----BEGIN SSL SESSION PARAMETERS-----\n"
    "MIIEtwIBAQICAwQEAhMCBCBwvLOmdaL1KPNtkNi3LxTRijDbSb/oRC+v+aGoDIhn\n"
    "EQQw0Q4wHbm9Yyyff+lx3DGtdwEjIUyicsAho/6uTioZ5xofLo3m+o+meSWldpqp\n"
    "zz+ZoQYCBGsNSmyiBAICHCCjggNUMIIDUDCCAjigAwIBAgIUTkm/SnP0OtRRGulF\n"
    "inuVDKLl6O4wDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQdGxzcHJvYmUgdGVz\n"
    "dCBDQTAeFw0yNjExMzAxMDAyMDRaFw0yNjEyMzAxMDAyMDRaMBQxEjAQBgNVBAMM\n"
    "CWxvY2FsaG9zdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAOjC6lm6\n"
    "7w/E7bpO0qovsvrXVypGonCgtrMaIU4q6I/QuPYI9ac4cH08hdRGxusDfVFYescS\n"
    "O0BYfd04ZoBMngUPDilUtMm494c3puKilODpkkLKb+8MUPlYCNEdStdK0nV15bRS\n"
    "IKf9ph5emDQWybEUz8wUeTZfKQGJijaZHeeEP0c5IVMFPHmqzwnG3HNxc4hFr4na\n"
    "Fg8olBPYHeeEv24T1V0hIfk368yj5NCXMffDZUx1G/L+IUMgNfaSdr0UtGRlyXi1\n"
    "gKafbvNERiWgavWEzkpXjnLeRt1X1N8bX1CvwqYhAwAXumfMCHERq7cjPFLp8aoQ\n"
    "/sohTePZ705J1aUCAwEAAaOBkjCBjzAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQE\n"
    "AwIFoDATBgNVHSUEDDAKBggrBgEFBQcDATAaBgNVHREEEzARgglsb2NhbGhvc3SH\n"
    "BH8AAAEwHQYDVR0OBBYEFEceAjBH8Y9FixJUSFHxJiMisRlfMB8GA1UdIwQYMBaA\n"
    "FE/q9b0ZRp+0k9GpRVbOunexN4HpMA0GCSqGSIb3DQEBCwUAA4IBAQBOG7eB3QQK\n"
    "hRHgUm7X51hd8ipm3RabgcPe5RqoF4QRQv3DCjrOlKBw3YIntZazCeq98tGZUr/D\n"
    "eGW6WrxoM2O3aC9AE0IZSky6eoj3qTWLc/u9NoMozoM5mbn5p+KnRE/D0s84Ly0W\n"
    "e2dW/89DlxUAxEEiL9PDvWmQrwNHLSO6DfkSlETC9VEyc9PB5XuN/ANQWqjbtNv8\n"
    "+dzH8J18Xc7HwVpkS7QtLNDHkxbLXHFjy7VPJ7QUHRqmWVSfmKO10sPoZQYiKdbv\n"
    "Nys2NE1MhZT4T4LaIys1VxsRDaqaa5FbGokciQwIJM0WzwuZUhCJtUuxH42TewnO\n"
    "YyHCmVdWp9jCpAIEAKUDAgEVqQQCAhwgqoHTBIHQGwB7OmYwqxtVXyb+nCDjGuWh\n"
    "ehA8RD1JMvPYh/wFJkA7I7qjIjTehRdxtDxjHK6KtLQIgtC+9TWsTiD8udoo5SDg\n"
    "89Xz/VxQpEFeir1X8bZfGlc+pzpR4vrJAklfWleuB635stMPE5Pxjp5zb+SaxCpj\n"
    "+QdksJI7ksWQOTGEEZASM3uCvCRaXu1ZZJhmMI92YWOCDtpNk3P4934zN8e/4ICr\n"
    "MAQmPketdct55O0rHreGeg4SYZYEF5cit8iL2tfg9z1bBKMCHWBy7MzV8Ipbca4G\n"
    "AgQ01+F4swMCAR0=\n"
    "-----END SSL SESSION PARAMETERS-----\n"
;

static char tmpl[] = "/tmp/tlsprobe-sessfile.XXXXXX";

static const char *
put_file(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	strlcpy(path, tmpl, sizeof(path));
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

static int
hex_is(const uint8_t *p, size_t len, const char *want)
{
	uint8_t buf[128];
	size_t n = unit_hex(want, buf, sizeof(buf));

	return n == len && memcmp(p, buf, n) == 0;
}

static void
test_s_client_12(void)
{
	struct tp_session *s = NULL, *t = NULL;
	char why[512];
	const char *path = put_file(s12_pem);
	uint8_t *der = NULL;
	size_t len = 0;

	CHECK(path != NULL && sessfile_read(path, &s, why, sizeof(why)) == 0,
	    "s_client TLS 1.2 session file reads");
	if (s == NULL)
		return;
	CHECK(s->version == TLS1_2_VERSION, "1.2 file: ssl_version 0x0303");
	CHECK(s->suite == 0xc030, "1.2 file: ECDHE-RSA-AES256-GCM-SHA384");
	CHECK(s->sid_len == 32 && hex_is(s->sid, 32, "84C77BE683015E3201AFA5"
	    "65FC4D403F8C1E29B9697F9B86A82969D30F6A0CE4"),
	    "1.2 file: session ID");
	CHECK(s->secret_len == 48 && hex_is(s->secret, 48, "BFFBB9B6F7400DB6"
	    "B2B0AAD779279AB69347BDF45D8769B2E47AF6BE984F28523D59E046A356770A"
	    "5E4733F8E07B0658"), "1.2 file: master key");
	CHECK(s->time == 1796033130, "1.2 file: start time");
	CHECK(s->timeout == 7200, "1.2 file: timeout");
	CHECK(s->lifetime_hint == 7200, "1.2 file: ticket lifetime hint");
	CHECK(s->ticket_len == 176, "1.2 file: 176-byte ticket");
	CHECK(s->ems == 1, "1.2 file: extended master secret flag");
	CHECK(s->verify_code == 21, "1.2 file: verify result 21");
	/* ours: encode, decode, same fields */
	CHECK(sessfile_encode(s, &der, &len) == 0, "1.2 session encodes");
	CHECK(der != NULL && sessfile_decode(der, len, &t, why,
	    sizeof(why)) == 0, "our 1.2 encoding decodes");
	if (t != NULL)
		CHECK(t->version == s->version && t->suite == s->suite &&
		    t->sid_len == s->sid_len && memcmp(t->sid, s->sid, 32) == 0 &&
		    t->secret_len == 48 && memcmp(t->secret, s->secret, 48) ==
		    0 && t->time == s->time && t->timeout == s->timeout &&
		    t->ems == 1 && t->ticket_len == s->ticket_len &&
		    memcmp(t->ticket, s->ticket, s->ticket_len) == 0 &&
		    t->lifetime_hint == 7200 && t->verify_code == 21,
		    "1.2 round trip keeps every field");
	/* the same DER prefix as s_client up to the time field */
	CHECK(der != NULL && len > 20 && der[4] == 0x02 && der[5] == 1 &&
	    der[6] == 1 && der[7] == 0x02 && der[8] == 2 && der[9] == 3 &&
	    der[10] == 3, "our encoding starts SEQUENCE { 1, 0x0303 ...");
	/* truncations and damage */
	if (der != NULL) {
		struct tp_session *u = NULL;
		size_t cut;
		int refused = 1;

		for (cut = 0; cut < len; cut++)
			if (sessfile_decode(der, cut, &u, why, sizeof(why)) ==
			    0) {
				refused = 0;
				sess_free(u);
				u = NULL;
			}
		CHECK(refused, "every truncation of the DER is refused");
		der[6] = 2;	/* SSL_SESSION version 2 */
		CHECK(sessfile_decode(der, len, &u, why, sizeof(why)) != 0 &&
		    strstr(why, "version") != NULL,
		    "SSL_SESSION version 2 refused, naming the version");
		der[6] = 1;
		free(der);
	}
	sess_free(t);
	sess_free(s);
	unlink(path);
}

static void
test_s_client_13(void)
{
	struct tp_session *s = NULL;
	char why[512];
	const char *path = put_file(s13_pem);

	CHECK(path != NULL && sessfile_read(path, &s, why, sizeof(why)) == 0,
	    "s_client TLS 1.3 session file reads");
	if (s == NULL)
		return;
	CHECK(s->version == TLS1_3_VERSION && s->suite == 0x1302,
	    "1.3 file: TLSv1.3, TLS_AES_256_GCM_SHA384");
	CHECK(s->secret_len == 48 && hex_is(s->secret, 48, "D10E301DB9BD632C"
	    "9F7FE971DC31AD770123214CA272C021A3FEAE4E2A19E71A1F2E8DE6FA8FA679"
	    "25A5769AA9CF3F99"), "1.3 file: resumption PSK");
	CHECK(s->age_add == 0x34D7E178, "1.3 file: ticket_age_add");
	CHECK(s->ticket_len == 208, "1.3 file: 208-byte ticket");
	CHECK(s->ems == 0 && s->max_early_data == 0,
	    "1.3 file: no EMS flag, no early data");
	sess_free(s);
	unlink(path);
}

static void
test_files(void)
{
	struct tp_session *s = NULL, *t = NULL;
	char why[512], path[64];
	struct stat st;
	const char *p;
	int fd;

	/* our file: mode 0600 even over a file that was world-readable */
	strlcpy(path, tmpl, sizeof(path));
	fd = mkstemp(path);
	if (fd != -1) {
		fchmod(fd, 0644);
		close(fd);
	}
	p = put_file(s12_pem);
	CHECK(p != NULL && sessfile_read(p, &s, why, sizeof(why)) == 0,
	    "fixture reads");
	if (p != NULL)
		unlink(p);
	CHECK(s != NULL && sessfile_write(path, s, why, sizeof(why)) == 0,
	    "sessfile_write runs");
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "session file has mode 0600");
	CHECK(sessfile_read(path, &t, why, sizeof(why)) == 0 && t != NULL &&
	    t->ticket_len == s->ticket_len, "our file reads back");
	sess_free(t);
	t = NULL;
	unlink(path);
	sess_free(s);

	p = put_file("-----BEGIN CERTIFICATE-----\nMAA=\n"
	    "-----END CERTIFICATE-----\n");
	CHECK(p != NULL && sessfile_read(p, &t, why, sizeof(why)) != 0 &&
	    strstr(why, p) != NULL && strstr(why, "CERTIFICATE") != NULL,
	    "a certificate PEM is refused, naming file and label");
	if (p != NULL)
		unlink(p);
	p = put_file("garbage\n");
	CHECK(p != NULL && sessfile_read(p, &t, why, sizeof(why)) != 0 &&
	    strstr(why, p) != NULL && strstr(why, "PEM") != NULL,
	    "a file without PEM is refused, naming file");
	if (p != NULL)
		unlink(p);
	p = put_file("-----BEGIN SSL SESSION PARAMETERS-----\nMAMCAQE=\n"
	    "-----END SSL SESSION PARAMETERS-----\n");
	CHECK(p != NULL && sessfile_read(p, &t, why, sizeof(why)) != 0 &&
	    strstr(why, "ssl_version") != NULL,
	    "SEQUENCE { 1 } alone is refused at ssl_version");
	if (p != NULL)
		unlink(p);
	CHECK(sessfile_read("/nonexistent/x.pem", &t, why, sizeof(why)) != 0 &&
	    strstr(why, "/nonexistent/x.pem") != NULL,
	    "a missing file is named");
}

/* RFC 4279 suites: identity and hint travel in [8] and [7]; control
 * characters from a file are not printed raw */
static void
test_psk_fields(void)
{
	struct tp_session *s = sess_new(), *t = NULL;
	uint8_t *der = NULL;
	size_t len = 0;
	char why[256];

	if (s == NULL)
		return;
	s->version = TLS1_2_VERSION;
	s->suite = 0xc02f;
	s->secret_len = 48;
	strlcpy(s->psk_identity, "client-id", sizeof(s->psk_identity));
	strlcpy(s->psk_hint, "hint\x1b[2J", sizeof(s->psk_hint));
	CHECK(sessfile_encode(s, &der, &len) == 0 &&
	    sessfile_decode(der, len, &t, why, sizeof(why)) == 0 && t != NULL,
	    "PSK identity and hint encode and decode");
	if (t != NULL)
		CHECK(strcmp(t->psk_identity, "client-id") == 0 &&
		    strcmp(t->psk_hint, "hint.[2J") == 0,
		    "PSK identity kept, the hint's ESC shown as '.'");
	free(der);
	sess_free(s);
	sess_free(t);
}

int
main(void)
{
	test_psk_fields();
	test_s_client_12();
	test_s_client_13();
	test_files();
	UNIT_EXIT();
}
