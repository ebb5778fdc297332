/*
 * x509.h -- certificates, through libcrypto.  This and x509.c are the only
 * place that knows how a certificate is represented; callers hand in DER
 * exactly as it came off the wire, and get back numbers and text.
 *
 * Server authentication (chain and name checks against a trust store), the
 * s_client-shaped printouts of a chain, OCSP responses (RFC 6960) stapled
 * by the server (RFC 6066, 8; RFC 8446, 4.4.2.1), and the client's own
 * certificate chain read from PEM files.
 */
#ifndef X509_H
#define X509_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct x509_st;

/*
 * The parsed certificate for these DER bytes (which must be one whole
 * certificate), up-referenced: the caller X509_free()s it.  Parsed once per
 * process and kept; NULL if the bytes are not a certificate.
 */
struct x509_st *x509_cert_from_der(const uint8_t *der, size_t len);
/* Drop the parsed certificates (x509_trust_reset() does it too). */
void	x509_cert_cache_clear(void);

struct priv_key;

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
/*
 * The same Name as text ("CN = x, O = y", control characters escaped) into
 * buf.  Returns 0, or -1 (buf empty) when der is not exactly one Name.
 */
int	x509_name_text(const uint8_t *der, size_t len, char *buf, size_t);

/*
 * Where trust anchors come from, as in openssl-s_client(1).  With neither
 * cafile nor capath, the system's hashed directory is used (looked up by
 * subject hash on demand: nothing is read that the chain does not need),
 * or, when it does not exist or both no_capath and no_castore are set,
 * the system bundle file (unless no_cafile).
 */
struct x509_trust_opts {
	const char	*cafile;	/* -CAfile: PEM, loaded whole */
	const char	*capath;	/* -CApath: hashed directory */
	const char	*castore;	/* -CAstore: an OSSL_STORE URI */
	int		 no_cafile;	/* -no-CAfile: no default bundle */
	int		 no_capath;	/* -no-CApath and ... */
	int		 no_castore;	/* -no-CAstore: no default directory */
	/*
	 * -verifyCAfile, -verifyCApath, -verifyCAstore: when any is given,
	 * the server's chain is verified against these alone (s_client's
	 * separate verify store); -CAfile and friends then serve only to
	 * build the client's chain (-build_chain).
	 */
	const char	*vfy_cafile;
	const char	*vfy_capath;
	const char	*vfy_castore;
	const char	*crlfile;	/* -CRL: PEM or DER, added to the store */
	int		 crl_download;	/* -crl_download: fetch CRLs over HTTP */
	int		 crl_timeout;	/* seconds, for -crl_download */
};

/*
 * Set up the process's trust store (it is kept until x509_trust_reset).
 * Returns 0, or -1 with a reason in err when -CAfile or -CApath cannot be
 * used.  x509_verify() calls it on first use; calling it early turns a bad
 * file into a usage error before connecting.
 */
int	x509_trust_load(const struct x509_trust_opts *, char *err, size_t);
void	x509_trust_reset(void);

/* DANE TLSA records (RFC 6698, 7671), from -dane_tlsa_rrdata. */
#define X509_MAX_TLSA	8
struct x509_tlsa {
	uint8_t		 usage, selector, mtype;
	uint8_t		 data[512];
	size_t		 len;
};

struct x509_verify_opts {
	struct x509_trust_opts trust;
	const char	*host;		/* DNS name the leaf must carry */
	const char	*ip;		/* or IP literal; NULL: no check */
	const char	*email;		/* -verify_email, or NULL */
	int		 stop_at_first;	/* -verify_return_error */
	FILE		*out;		/* depth= lines, or NULL for none */
	time_t		 at;		/* verification time; 0: now */
	int		 quiet;		/* -verify_quiet: depth= lines on error */
	/* zero means unset for each of these, so {0} is s_client's default */
	int		 limit;		/* -verify N (>= 1): errors deeper fail */
	int		 has_depth;	/* -verify_depth given: */
	int		 depth;		/*   its N */
	int		 auth_level;	/* security level for keys and digests */
	unsigned long	 flags;		/* X509_V_FLAG_*, see x509_verify_flag */
	int		 purpose;	/* X509_PURPOSE_* id, or 0: ssl_server */
	const char	*vparam;	/* -verify_name, or NULL */
	const char	*policy;	/* -policy OID, or NULL */
	/* DANE: with tlsa_domain set, the TLSA records decide */
	const char	*tlsa_domain;
	const struct x509_tlsa *tlsa;
	size_t		 ntlsa;
	int		 dane_ee_no_names;	/* -dane_ee_no_namechecks */
};

struct x509_verify_result {
	int		 code;		/* X509_V_OK (0) or X509_V_ERR_* */
	int		 depth;		/* depth of the certificate at fault */
	char		 subject[256];	/* that certificate's subject */
	char		 peername[256];	/* the host or IP that matched */
	int		 alert;		/* the TLS alert the code calls for */
	int		 aborted;	/* -verify N: an error deeper than N */
	/* DANE: the record that matched, as s_client's "DANE TLSA" line */
	int		 dane_depth;	/* -1: no record matched */
	char		 dane_line[256];
};

/*
 * The X509_V_FLAG_* of a flag-only verification option of s_client
 * ("-crl_check", "-x509_strict", "-partial_chain", ...): 1 with the flag
 * added to *flags, 0 when opt is not one of them.
 */
int	x509_verify_flag(const char *opt, unsigned long *flags);
/* The X509_PURPOSE_* id for a -purpose name ("sslserver" ...), or -1. */
int	x509_purpose_id(const char *name);
/* 1 when name is a verification parameter set (-verify_name), else 0. */
int	x509_vparam_known(const char *name);
/* 1 when oid is a dotted OID or a known policy name (-policy). */
int	x509_policy_known(const char *oid);
/*
 * Parse one -dane_tlsa_rrdata argument, "usage selector mtype hex".
 * Returns 0, or -1 with a reason in err.
 */
int	x509_tlsa_parse(const char *rr, struct x509_tlsa *, char *err, size_t);
/*
 * -nameopt: how names are printed from now on, in openssl(1)'s words
 * ("RFC2253", "oneline", "utf8,sep_comma_plus" ...).  Returns 0, or -1
 * when an option is unknown.
 */
int	x509_set_nameopt(const char *arg);

/*
 * Verify the chain the server sent (der[0] the leaf, the rest untrusted
 * intermediates) for TLS server use, printing s_client's "depth=",
 * "verify error:num=" and "verify return:" lines to opts->out.  Returns 0
 * with the outcome in *res (res->code 0 means verified), or -1 when the
 * check could not run at all (res->code is then X509_V_ERR_UNSPECIFIED or
 * X509_V_ERR_OUT_OF_MEM).
 */
int	x509_verify(const struct x509_verify_opts *, const uint8_t *const *der,
	    const size_t *len, size_t n, struct x509_verify_result *);
/*
 * Broken-crypto findings about the leaf that OpenSSL itself accepts
 * (issue 12): the name only in the subject CN with no subjectAltName, a
 * signature with MD5 or SHA-1, an RSA modulus with a small prime factor.
 * Up to max one-line texts into f; returns how many.
 */
size_t	x509_leaf_findings(const uint8_t *der, size_t len, char (*f)[200],
	    size_t max);
/* X509_verify_cert_error_string(): "unable to get local issuer certificate" */
const char *x509_verify_text(int code);
/* The alert for a verification failure (RFC 5246, 7.2.2; RFC 8446, 6.2). */
int	x509_verify_alert(int code);

/*
 * s_client's "Certificate chain" entries for each certificate
 * (" 0 s:...", "   i:...", "   a:PKEY: ...", "   v:NotBefore: ..."), each
 * followed by its PEM when showcerts is set.
 */
void	x509_print_chain(FILE *, const uint8_t *const *der, const size_t *len,
	    size_t n, int showcerts);
/* One certificate as PEM, from its DER, without decoding it. */
void	x509_print_pem(FILE *, const uint8_t *der, size_t len);
/* "subject=..." and "issuer=..." lines, as s_client prints them. */
void	x509_print_subject_issuer(FILE *, const uint8_t *der, size_t len);
/*
 * The leaf in a few lines, indent spaces in: subject, subjectAltName,
 * issuer, validity, key, signature algorithm, SHA-256 fingerprint.
 */
void	x509_print_leaf(FILE *, int indent, const uint8_t *der, size_t len);
/*
 * Seconds from `at` (0: now) to the certificate's notAfter (negative when
 * it has passed) and notAfter as text.  Returns 0, or -1 when der is not a
 * certificate or the time is unreadable.
 */
int	x509_expiry(const uint8_t *der, size_t len, time_t at, long long *secs,
	    char *date, size_t datelen);

/* What a stapled OCSP response says about the leaf (RFC 6960, 4.2.1). */
enum ocsp_status {
	OCSP_ST_NONE,		/* no response was stapled */
	OCSP_ST_GOOD,
	OCSP_ST_REVOKED,
	OCSP_ST_UNKNOWN,	/* the responder does not know the leaf */
	OCSP_ST_ERROR,		/* unsuccessful, or no answer for the leaf */
};

struct x509_ocsp_result {
	enum ocsp_status status;
	int		 verified;	/* signature and responder chain good */
	char		 text[512];	/* one line, for the summary */
};

/*
 * Decode, print (to out, unless NULL: s_client's "OCSP response:" block)
 * and check one DER OCSPResponse against the chain the server sent
 * (der[0] the leaf) and the trust store.  Returns 0, or -1 when resp is
 * not a DER OCSPResponse at all (the caller sends
 * bad_certificate_status_response, RFC 6066, 8).
 */
int	x509_ocsp_check(const struct x509_verify_opts *, const uint8_t *resp,
	    size_t resplen, const uint8_t *const *der, const size_t *len,
	    size_t n, FILE *out, struct x509_ocsp_result *);

/*
 * -ct: s_client's "SCTs present (N)" block (RFC 6962): the SCTs of the
 * leaf's certificate extension, of the TLS extension (tls: a
 * SignedCertificateTimestampList as received, or NULL) and of the stapled
 * OCSP response (ocsp: DER, or NULL), each with its validation status
 * against the CT logs of logfile (NULL: OpenSSL's default
 * ct_log_list.cnf; a missing list leaves every log unknown) and
 * SCT_print()'s lines.  der[0] is the leaf, der[1] its issuer when sent.
 */
void	x509_print_scts(FILE *, const uint8_t *const *der, const size_t *len,
	    size_t n, const uint8_t *tls, size_t tlslen, const uint8_t *ocsp,
	    size_t ocsplen, const char *logfile);

#define X509_MAX_CLIENT_CERTS	10

/* The client's certificate chain and key (-cert, -key, -cert_chain). */
struct client_id {
	uint8_t		*der[X509_MAX_CLIENT_CERTS];	/* [0] the leaf */
	size_t		 len[X509_MAX_CLIENT_CERTS];
	size_t		 n;
	struct priv_key	*key;
	char		 subject[256];
};

/*
 * Resolve a -pass argument, "pass:text", "env:VAR" or "file:path" (its
 * first line), into buf.  Returns 0, or -1 with a reason in err.
 */
int	x509_pass_resolve(const char *spec, char *buf, size_t buflen,
	    char *err, size_t errlen);
/*
 * Read the leaf from certfile (its first certificate), more certificates
 * from chainfile (may be NULL), and the private key from keyfile (NULL:
 * certfile), decrypting it with pass (may be NULL).  The key must belong
 * to the leaf.  Returns 0, or -1 with a reason in err.
 */
int	x509_client_id_load(struct client_id *, const char *certfile,
	    const char *keyfile, const char *pass, const char *chainfile,
	    char *err, size_t errlen);
void	x509_client_id_free(struct client_id *);
/*
 * -requestCAfile: the subjects of every certificate in a PEM file, each as
 * a DER DistinguishedName with a 2-byte length (RFC 8446, 4.2.4), into a
 * malloc'd *out.  Returns 0, or -1 with a reason in err.
 */
int	x509_ca_names_load(const char *file, uint8_t **out, size_t *outlen,
	    char *err, size_t errlen);
/*
 * -build_chain: complete the client's chain from the store that t names
 * (chain_* locations, else -CAfile and friends, else the system's), as
 * SSL_CTX_build_cert_chain(3) does: the chain must verify, and replaces
 * the one read with -cert_chain.  Returns 0, or -1 with a reason in err.
 */
int	x509_client_build_chain(struct client_id *, const char *cafile,
	    const char *capath, const char *castore, char *err, size_t errlen);

#endif
