/*
 * scanprint.c -- -scan's table and its JSON Lines objects, written through
 * trace_json.c's writer (see scanprint.h).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "names.h"
#include "scan.h"
#include "scanprint.h"
#include "scanwire.h"
#include "trace_json.h"

static const char *
gname(uint16_t g, char *buf, size_t len)
{
	const char *n = group_reg_name(g);

	if (n != NULL)
		return n;
	snprintf(buf, len, "0x%04x", g);
	return buf;
}

static const char *
signame(uint16_t s, char *buf, size_t len)
{
	const struct tp_sigscheme *ss = sigscheme_by_code(s);
	static const struct { uint16_t code; const char *name; } legacy[] = {
		{ 0x0201, "rsa_pkcs1_sha1" }, { 0x0203, "ecdsa_sha1" },
		{ 0x0202, "dsa_sha1" }, { 0x0301, "rsa_pkcs1_sha224" },
		{ 0x0303, "ecdsa_sha224" }, { 0x0302, "dsa_sha224" },
		{ 0x0402, "dsa_sha256" }, { 0x0502, "dsa_sha384" },
		{ 0x0602, "dsa_sha512" },
	};
	size_t i;

	if (ss != NULL)
		return ss->name;
	for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
		if (legacy[i].code == s)
			return legacy[i].name;
	snprintf(buf, len, "0x%04x", s);
	return buf;
}

static const char *
ssl2_name(uint32_t spec)
{
	switch (spec) {
	case 0x010080: return "SSL_CK_RC4_128_WITH_MD5";
	case 0x020080: return "SSL_CK_RC4_128_EXPORT40_WITH_MD5";
	case 0x030080: return "SSL_CK_RC2_128_CBC_WITH_MD5";
	case 0x040080: return "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5";
	case 0x050080: return "SSL_CK_IDEA_128_CBC_WITH_MD5";
	case 0x060040: return "SSL_CK_DES_64_CBC_WITH_MD5";
	case 0x0700c0: return "SSL_CK_DES_192_EDE3_CBC_WITH_MD5";
	default: return "unknown";
	}
}

/* "ECDHE X25519", "DHE 2048 bits", "RSA" */
static void
kex_text(const struct scan_version *v, const struct scan_suite *s,
    char *buf, size_t len)
{
	const struct tp_suite *t = suite_by_code(s->code);
	char g[16];

	if (v->version == TLS1_3_VERSION) {
		snprintf(buf, len, "%s", s->group ? gname(s->group, g,
		    sizeof(g)) : "-");
		return;
	}
	if (s->group != 0)
		snprintf(buf, len, "%s %s", t ? kex_label(t->kex) : "?",
		    gname(s->group, g, sizeof(g)));
	else if (s->dh_bits > 0)
		snprintf(buf, len, "%s %d bits", t ? kex_label(t->kex) : "?",
		    s->dh_bits);
	else
		snprintf(buf, len, "%s", t ? kex_label(t->kex) : "?");
}

static const char *
yn(int x)
{
	return x > 0 ? "yes" : x == 0 ? "no" : "not tested";
}

/* what the table says for part p: "not run" when -proxy/-starttls failed */
static const char *
nr(const struct scan_result *r, int p, const char *otherwise)
{
	return r->notrun[p] ? "not run" : otherwise;
}

/* the end of a list line of part p that has n items */
static void
list_end(FILE *f, const struct scan_result *r, int p, size_t n)
{
	if (n == 0)
		fprintf(f, " %s\n", nr(r, p, "none"));
	else
		fprintf(f, "%s\n", r->notrun[p] ? " (incomplete)" : "");
}

void
scan_print_table(FILE *f, const struct scan_result *r)
{
	const struct scan_version *v;
	const struct tp_suite *t;
	char kx[48], b[24];
	size_t i, k;
	int any;

	fprintf(f, "SCAN %s\n", r->target);
	fprintf(f, "Protocols:\n");
	for (i = 0; i < SCAN_NVERS; i++)
		fprintf(f, "  %-8s %s\n", scan_proto(r->v[i].version),
		    r->v[i].accepted == 1 ? "accepted" : r->v[i].accepted == 0 ?
		    "not accepted" : "unknown (incomplete)");
	for (i = SCAN_NVERS; i-- > 0;) {
		v = &r->v[i];
		if (v->accepted != 1)
			continue;
		if (v->version == SSL2_VERSION) {
			fprintf(f, "SSLv2 cipher kinds (server list):\n");
			for (k = 0; k < v->nssl2; k++)
				fprintf(f, "     -  %s\n", ssl2_name(v->ssl2[k]));
			continue;
		}
		fprintf(f, "%s cipher suites (%s%s):\n",
		    scan_proto(v->version), v->server_order == 1 ?
		    "server order" : v->server_order == 0 ? "the server "
		    "follows the client's order" : v->n < 2 ? "one suite" :
		    "order not tested", r->notrun[SP_VERSION0 + i] ?
		    "; incomplete: not every probe could be run" : "");
		fprintf(f, "  %4s  %-45s %-32s %4s  %s\n", "rank", "cipher",
		    "OpenSSL name", "bits", "kex");
		for (k = 0; k < v->n; k++) {
			t = suite_by_code(v->suites[k].code);
			kex_text(v, &v->suites[k], kx, sizeof(kx));
			if (v->server_order != 0)
				snprintf(b, sizeof(b), "%zu", k + 1);
			else
				strlcpy(b, "-", sizeof(b));
			fprintf(f, "  %4s  %-45s %-32s %4d  %s\n", b,
			    t ? t->iana : suite_str(v->suites[k].code, kx,
			    sizeof(kx)), t ? t->ossl : "-",
			    scan_suite_bits(v->suites[k].code), kx);
		}
	}
	fprintf(f, "Groups:\n");
	if (r->g13.tested) {
		fprintf(f, "  TLSv1.3 (%s):", r->g13.server_order == 1 ?
		    "server order" : r->g13.server_order == 0 ?
		    "the server follows the client's order" :
		    r->notrun[SP_G13] ? "order not tested" : "one group");
		for (k = 0; k < r->g13.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    gname(r->g13.codes[k], b, sizeof(b)));
		list_end(f, r, SP_G13, r->g13.n);
	}
	if (r->g12.tested) {
		fprintf(f, "  ECDHE, TLSv1.2 and older:");
		for (k = 0; k < r->g12.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    gname(r->g12.codes[k], b, sizeof(b)));
		list_end(f, r, SP_G12, r->g12.n);
	}
	if (r->dh.tested) {
		fprintf(f, "  DHE prime sizes:");
		for (k = 0; k < r->dh.n; k++)
			fprintf(f, "%s %d", k ? "," : "", r->dh.bits[k]);
		if (r->dh.n == 0) {
			list_end(f, r, SP_DH, 0);
		} else {
			fprintf(f, " bits");
			for (k = 0; k < r->dh.nffdhe; k++)
				fprintf(f, "%s%s", k ? ", " : " (RFC 7919: ",
				    gname(r->dh.ffdhe[k], b, sizeof(b)));
			fprintf(f, "%s", r->dh.nffdhe ? ")" : "");
			list_end(f, r, SP_DH, r->dh.n);
		}
	}
	if (r->sigs.tested) {
		fprintf(f, "Signature schemes (TLSv1.2 ServerKeyExchange):");
		for (k = 0; k < r->sigs.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    signame(r->sigs.codes[k], b, sizeof(b)));
		list_end(f, r, SP_SIGS, r->sigs.n);
	}
	fprintf(f, "Certificates:\n");
	for (k = 0; k < 3; k++) {
		const struct scan_cert *c = &r->certs[k];

		if (!c->present) {
			fprintf(f, "  %-6s %s\n", c->type[0] ? c->type :
			    k == 0 ? "RSA" : k == 1 ? "ECDSA" : "EdDSA",
			    nr(r, SP_CERT0 + (int)k, "none"));
			continue;
		}
		fprintf(f, "  %-6s %s, %s, signs with %s\n", c->type,
		    scan_proto(c->version), c->key, c->sigscheme[0] ?
		    c->sigscheme : "-");
		fprintf(f, "         subject=%s\n", c->subject);
		fprintf(f, "         issuer=%s\n", c->issuer);
		fprintf(f, "         notAfter=%s, chain of %d, verification: "
		    "%s\n", c->not_after, c->chain_len, c->verify_code < 0 ?
		    "not run" : c->verify_text);
	}
	fprintf(f, "Features:\n");
	if (r->feat.tested) {
		fprintf(f, "  %-28s %s\n", "secure renegotiation",
		    yn(r->feat.secure_reneg));
		fprintf(f, "  %-28s %s\n", "compression",
		    yn(r->feat.compression));
		fprintf(f, "  %-28s %s\n", "extended master secret",
		    yn(r->feat.ems));
		fprintf(f, "  %-28s %s\n", "encrypt-then-MAC",
		    r->feat2.etm < 0 ? nr(r, SP_ETM, "not tested (no CBC "
		    "suite)") :
		    yn(r->feat2.etm));
		fprintf(f, "  %-28s %s\n", "OCSP stapling", yn(r->feat.ocsp));
		fprintf(f, "  %-28s %s\n", "heartbeat", yn(r->feat.heartbeat));
		fprintf(f, "  %-28s %s\n", "session ticket offered",
		    yn(r->feat.ticket));
		fprintf(f, "  %-28s %s\n", "max_fragment_length",
		    yn(r->feat.mfl));
	} else
		fprintf(f, "  %-28s %s\n", "TLS 1.2 features",
		    nr(r, SP_FEAT, "not tested (no TLS 1.2 or older version "
		    "accepted)"));
	fprintf(f, "  %-28s %s\n", "TLS_FALLBACK_SCSV",
	    r->feat2.fallback == 1 ? "honoured" : r->feat2.fallback == 0 ?
	    "not honoured" : nr(r, SP_FALLBACK, "not tested (one version "
	    "only)"));
	if (r->feat2.alpn_tested)
		fprintf(f, "  %-28s %s%s\n", "ALPN", r->feat2.alpn[0] ?
		    r->feat2.alpn : nr(r, SP_ALPN, "none of those offered"),
		    r->feat2.alpn[0] && r->notrun[SP_ALPN] ? " (incomplete)" :
		    "");
	fprintf(f, "  %-28s %s\n", "SNI required",
	    r->feat2.sni_required < 0 ? nr(r, SP_SNI, "not tested (no server "
	    "name)") : yn(r->feat2.sni_required));
	if (r->feat2.unknown_sni[0] != '\0' && !r->notrun[SP_SNI])
		fprintf(f, "  %-28s %s\n", "unknown SNI name",
		    r->feat2.unknown_sni);
	fprintf(f, "  %-28s %s\n", "resumption by session ID",
	    r->resume.sid < 0 ? nr(r, SP_RESUME_SID, "not tested") :
	    yn(r->resume.sid));
	fprintf(f, "  %-28s %s\n", "resumption by ticket",
	    r->resume.ticket < 0 ? nr(r, SP_RESUME_TICKET, "not tested") :
	    yn(r->resume.ticket));
	fprintf(f, "  %-28s %s\n", "TLS 1.3 resumption",
	    r->resume.tls13 < 0 ? nr(r, SP_RESUME_13, "not tested") :
	    yn(r->resume.tls13));
	fprintf(f, "  %-28s %s\n", "client renegotiation",
	    r->rz.client_reneg == 1 ? "allowed" : r->rz.client_reneg == 0 ?
	    "refused" : nr(r, SP_RENEG, "not tested"));
	fprintf(f, "  %-28s %s\n", "0-RTT early data",
	    r->rz.early == 1 ? "accepted" : r->rz.early == 2 ? "rejected" :
	    r->rz.early == 0 ? "not offered" : nr(r, SP_EARLY, "not tested"));
	fprintf(f, "Findings:\n");
	any = 0;
	for (i = 0; i < r->nfind; i++) {
		fprintf(f, "  %-6s %s: %s\n", r->find[i].severity,
		    r->find[i].what, r->find[i].why);
		any = 1;
	}
	if (!any)
		fprintf(f, "  none\n");
	/* -proxy / -starttls failed on some connections: what is missing */
	any = 0;
	for (i = 0; i < SP_N; i++)
		if (r->notrun[i])
			fprintf(f, "%s%s", any++ ? ", " : "Not run: ",
			    scan_part_label((int)i));
	if (any)
		fprintf(f, " (%s failed on %d of %d connections)\n",
		    strcmp(r->plain_class, "proxy") == 0 ? "the proxy's "
		    "CONNECT" : "STARTTLS", r->plain_fails, r->nconn);
	fprintf(f, "SCAN done: %d connections in %.2f s\n", r->nconn,
	    r->seconds);
	if (r->incomplete)
		fprintf(f, "SCAN incomplete: %s; the results may be "
		    "incomplete\n", r->incomplete_why);
}

/* SSL 2.0 cipher kinds: key bits */
static int
ssl2_bits(uint32_t spec)
{
	switch (spec) {
	case 0x020080: case 0x040080: return 40;
	case 0x060040: return 56;
	case 0x0700c0: return 168;
	default: return 128;
	}
}

static void
jcode(struct jbuf *j, const char *key, uint32_t code, int width)
{
	char b[16];

	snprintf(b, sizeof(b), "0x%0*x", width, (unsigned)code);
	jb_str(j, key, b);
}

static void
jtri(struct jbuf *j, const char *key, int v)
{
	if (v < 0)
		jb_null(j, key);
	else
		jb_bool(j, key, v > 0);
}

static void
jfeat(const char *name, int v)
{
	struct jbuf *j = trace_json_begin("feature");

	jb_str(j, "feature", name);
	jtri(j, "value", v);
	trace_json_end(0);
}

static void
jfeat_str(const char *name, const char *v)
{
	struct jbuf *j = trace_json_begin("feature");

	jb_str(j, "feature", name);
	jb_str(j, "value", v);
	trace_json_end(0);
}

/* -scan -json: the objects between i14's "start" and the closing "scan" */
void
scan_print_json(const struct scan_result *r, int exit_code)
{
	const struct scan_version *v;
	const struct tp_suite *t;
	struct jbuf *j;
	char b[16];
	size_t i, k, nsuites = 0, nproto = 0, sev[4] = { 0, 0, 0, 0 };
	static const char *const sevs[4] = { "high", "medium", "low", "info" };

	for (i = 0; i < SCAN_NVERS; i++) {
		j = trace_json_begin("protocol");
		jb_str(j, "protocol", scan_proto(r->v[i].version));
		jtri(j, "accepted", r->v[i].accepted);
		trace_json_end(0);
		nproto += r->v[i].accepted == 1;
	}
	for (i = SCAN_NVERS; i-- > 0;) {
		v = &r->v[i];
		if (v->accepted != 1)
			continue;
		for (k = 0; k < v->nssl2; k++) {
			j = trace_json_begin("suite");
			jb_str(j, "protocol", "SSLv2");
			jb_str(j, "cipher", ssl2_name(v->ssl2[k]));
			jb_null(j, "openssl_name");
			jcode(j, "code", v->ssl2[k], 6);
			jb_null(j, "rank");
			jb_int(j, "bits", ssl2_bits(v->ssl2[k]));
			jb_str(j, "kex", "RSA");
			jb_null(j, "group");
			trace_json_end(0);
			nsuites++;
		}
		if (v->version == SSL2_VERSION)
			continue;
		j = trace_json_begin("order");
		jb_str(j, "protocol", scan_proto(v->version));
		jtri(j, "server_order", v->server_order);
		trace_json_end(0);
		for (k = 0; k < v->n; k++) {
			const struct scan_suite *s = &v->suites[k];

			t = suite_by_code(s->code);
			j = trace_json_begin("suite");
			jb_str(j, "protocol", scan_proto(v->version));
			jb_str(j, "cipher", t ? t->iana : suite_str(s->code, b,
			    sizeof(b)));
			jb_str(j, "openssl_name", t ? t->ossl : NULL);
			jcode(j, "code", s->code, 4);
			if (v->server_order != 0)
				jb_int(j, "rank", (long long)k + 1);
			else
				jb_null(j, "rank");
			jb_int(j, "bits", scan_suite_bits(s->code));
			jb_str(j, "kex", t ? kex_label(t->kex) : NULL);
			jb_str(j, "group", s->group ? gname(s->group, b,
			    sizeof(b)) : NULL);
			if (s->dh_bits)
				jb_int(j, "dh_bits", s->dh_bits);
			trace_json_end(0);
			nsuites++;
		}
	}
	for (k = 0; k < r->g13.n; k++) {
		j = trace_json_begin("group");
		jb_str(j, "protocol", "TLSv1.3");
		jb_str(j, "group", gname(r->g13.codes[k], b, sizeof(b)));
		jcode(j, "code", r->g13.codes[k], 4);
		jb_bool(j, "accepted", 1);
		if (r->g13.server_order != 0)
			jb_int(j, "rank", (long long)k + 1);
		else
			jb_null(j, "rank");
		trace_json_end(0);
	}
	for (k = 0; k < r->g12.n; k++) {
		j = trace_json_begin("group");
		jb_str(j, "protocol", "TLSv1.2");
		jb_str(j, "group", gname(r->g12.codes[k], b, sizeof(b)));
		jcode(j, "code", r->g12.codes[k], 4);
		jb_bool(j, "accepted", 1);
		jb_null(j, "rank");
		trace_json_end(0);
	}
	for (k = 0; k < r->dh.n; k++) {
		j = trace_json_begin("dh");
		jb_int(j, "bits", r->dh.bits[k]);
		trace_json_end(0);
	}
	for (k = 0; k < r->sigs.n; k++) {
		j = trace_json_begin("sigalg");
		jb_str(j, "protocol", "TLSv1.2");
		jb_str(j, "sigalg", signame(r->sigs.codes[k], b, sizeof(b)));
		jb_int(j, "rank", (long long)k + 1);
		trace_json_end(0);
	}
	for (k = 0; k < 3; k++) {
		const struct scan_cert *c = &r->certs[k];

		/* not run: "not_run" in the scan object says so */
		if (r->notrun[SP_CERT0 + (int)k])
			continue;
		j = trace_json_begin("certificate");
		jb_str(j, "key_type", k == 0 ? "RSA" : k == 1 ? "ECDSA" :
		    "EdDSA");
		jb_bool(j, "present", c->present);
		if (c->present) {
			size_t m;

			jb_str(j, "protocol", scan_proto(c->version));
			jb_str(j, "signature_scheme", c->sigscheme[0] ?
			    c->sigscheme : NULL);
			/* the leaf, in the handshake certificate's fields */
			jb_str(j, "subject", c->leaf.subject);
			jb_str(j, "issuer", c->leaf.issuer);
			jb_arr(j, "sans");
			for (m = 0; m < c->leaf.nsans; m++)
				jb_str(j, NULL, c->leaf.sans[m]);
			jb_end_arr(j);
			if (c->leaf.more_sans > 0)
				jb_int(j, "sans_left_out",
				    (long long)c->leaf.more_sans);
			jb_str(j, "not_before", c->leaf.not_before[0] ?
			    c->leaf.not_before : NULL);
			jb_str(j, "not_after", c->leaf.not_after[0] ?
			    c->leaf.not_after : NULL);
			jb_obj(j, "key");
			jb_str(j, "type", c->leaf.key_type);
			jb_int(j, "bits", c->leaf.key_bits);
			jb_str(j, "group", c->leaf.key_group[0] ?
			    c->leaf.key_group : NULL);
			jb_end(j);
			jb_str(j, "signature_algorithm", c->leaf.sig_alg);
			jb_str(j, "serial", c->leaf.serial);
			jb_hex(j, "sha256", c->leaf.sha256,
			    sizeof(c->leaf.sha256));
			jb_int(j, "chain_length", c->chain_len);
			if (c->verify_code < 0) {
				jb_null(j, "verify_code");
				jb_str(j, "verify", "not run");
			} else {
				jb_int(j, "verify_code", c->verify_code);
				jb_str(j, "verify", c->verify_text);
			}
		}
		trace_json_end(0);
	}
	if (r->feat.tested) {
		jfeat("secure_renegotiation", r->feat.secure_reneg);
		jfeat("compression", r->feat.compression);
		jfeat("extended_master_secret", r->feat.ems);
		jfeat("ocsp_stapling", r->feat.ocsp);
		jfeat("heartbeat", r->feat.heartbeat);
		jfeat("session_ticket", r->feat.ticket);
		jfeat("max_fragment_length", r->feat.mfl);
		jfeat("encrypt_then_mac", r->feat2.etm);
	}
	jfeat("fallback_scsv", r->feat2.fallback);
	jfeat("resumption_session_id", r->resume.sid);
	jfeat("resumption_ticket", r->resume.ticket);
	jfeat("resumption_tls13", r->resume.tls13);
	/* scanfeat: client renegotiation, 0-RTT (1 yes, 0 no, -1 untested) */
	jfeat("client_renegotiation", r->rz.client_reneg);
	jfeat("early_data", r->rz.early == 2 ? 0 : r->rz.early);
	jfeat("sni_required", r->feat2.sni_required);
	if (r->feat2.unknown_sni[0] != '\0' && !r->notrun[SP_SNI])
		jfeat_str("unknown_sni", r->feat2.unknown_sni);
	if (r->feat2.alpn_tested && !r->notrun[SP_ALPN])
		jfeat_str("alpn", r->feat2.alpn);
	for (i = 0; i < r->nfind; i++) {
		j = trace_json_begin("finding");
		jb_str(j, "severity", r->find[i].severity);
		jb_str(j, "finding", r->find[i].what);
		jb_str(j, "why", r->find[i].why);
		trace_json_end(0);
		for (k = 0; k < 4; k++)
			if (strcmp(r->find[i].severity, sevs[k]) == 0)
				sev[k]++;
	}
	j = trace_json_begin("scan");
	jb_str(j, "server", r->target);
	jb_int(j, "connections", r->nconn);
	jb_num(j, "seconds", r->seconds);
	jb_bool(j, "complete", !r->incomplete);
	jb_str(j, "incomplete", r->incomplete ? r->incomplete_why : NULL);
	jb_int(j, "protocols", (long long)nproto);
	jb_int(j, "suites", (long long)nsuites);
	jb_obj(j, "findings");
	for (k = 0; k < 4; k++)
		jb_int(j, sevs[k], (long long)sev[k]);
	jb_end(j);
	jb_int(j, "high", (long long)scan_high(r));
	jb_int(j, "exit", exit_code);
	/* -proxy / -starttls: the parts not run, failed connections */
	jb_arr(j, "not_run");
	for (i = 0; i < SP_N; i++)
		if (r->notrun[i])
			jb_str(j, NULL, scan_part_label((int)i));
	jb_end_arr(j);
	jb_int(j, "plaintext_failures", r->plain_fails);
	trace_json_end(1);
}

/* nothing could be scanned: i14's "fail" object, plus "connections" */
void
scan_print_json_fail(const struct scan_result *r)
{
	struct jbuf *j = trace_json_begin("fail");

	jb_str(j, "class", r->fail_class);
	jb_int(j, "exit", r->fail_exit);
	jb_str(j, "message", r->fail_text);
	jb_null(j, "verdict");
	jb_int(j, "connections", r->nconn);
	trace_json_end(1);
}
