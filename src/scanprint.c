/*
 * scanprint.c -- -scan's table and JSON Lines (see scanprint.h).
 */
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "scan.h"
#include "scanprint.h"
#include "scanwire.h"

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
		fprintf(f, "%s cipher suites (%s):\n", scan_proto(v->version),
		    v->server_order == 1 ? "server order" :
		    v->server_order == 0 ? "the server follows the client's "
		    "order" : "one suite");
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
		    "the server follows the client's order" : "one group");
		for (k = 0; k < r->g13.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    gname(r->g13.codes[k], b, sizeof(b)));
		fprintf(f, "%s\n", r->g13.n ? "" : " none");
	}
	if (r->g12.tested) {
		fprintf(f, "  ECDHE, TLSv1.2 and older:");
		for (k = 0; k < r->g12.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    gname(r->g12.codes[k], b, sizeof(b)));
		fprintf(f, "%s\n", r->g12.n ? "" : " none");
	}
	if (r->dh.tested) {
		fprintf(f, "  DHE prime sizes:");
		for (k = 0; k < r->dh.n; k++)
			fprintf(f, "%s %d", k ? "," : "", r->dh.bits[k]);
		fprintf(f, "%s", r->dh.n ? " bits" : " none");
		for (k = 0; k < r->dh.nffdhe; k++)
			fprintf(f, "%s%s", k ? ", " : " (RFC 7919: ",
			    gname(r->dh.ffdhe[k], b, sizeof(b)));
		fprintf(f, "%s\n", r->dh.nffdhe ? ")" : "");
	}
	if (r->sigs.tested) {
		fprintf(f, "Signature schemes (TLSv1.2 ServerKeyExchange):");
		for (k = 0; k < r->sigs.n; k++)
			fprintf(f, "%s %s", k ? "," : "",
			    signame(r->sigs.codes[k], b, sizeof(b)));
		fprintf(f, "%s\n", r->sigs.n ? "" : " none");
	}
	fprintf(f, "Certificates:\n");
	for (k = 0; k < 3; k++) {
		const struct scan_cert *c = &r->certs[k];

		if (!c->present) {
			fprintf(f, "  %-6s none\n", c->type[0] ? c->type :
			    k == 0 ? "RSA" : k == 1 ? "ECDSA" : "EdDSA");
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
		    r->feat2.etm < 0 ? "not tested (no CBC suite)" :
		    yn(r->feat2.etm));
		fprintf(f, "  %-28s %s\n", "OCSP stapling", yn(r->feat.ocsp));
		fprintf(f, "  %-28s %s\n", "heartbeat", yn(r->feat.heartbeat));
		fprintf(f, "  %-28s %s\n", "session ticket offered",
		    yn(r->feat.ticket));
		fprintf(f, "  %-28s %s\n", "max_fragment_length",
		    yn(r->feat.mfl));
	} else
		fprintf(f, "  %-28s %s\n", "TLS 1.2 features",
		    "not tested (no TLS 1.2 or older version accepted)");
	fprintf(f, "  %-28s %s\n", "TLS_FALLBACK_SCSV",
	    r->feat2.fallback == 1 ? "honoured" : r->feat2.fallback == 0 ?
	    "not honoured" : "not tested (one version only)");
	if (r->feat2.alpn_tested)
		fprintf(f, "  %-28s %s\n", "ALPN", r->feat2.alpn[0] ?
		    r->feat2.alpn : "none of those offered");
	fprintf(f, "  %-28s %s\n", "SNI required",
	    r->feat2.sni_required < 0 ? "not tested (no server name)" :
	    yn(r->feat2.sni_required));
	if (r->feat2.unknown_sni[0] != '\0')
		fprintf(f, "  %-28s %s\n", "unknown SNI name",
		    r->feat2.unknown_sni);
	fprintf(f, "  %-28s %s\n", "resumption by session ID",
	    r->resume.sid < 0 ? "not tested" : yn(r->resume.sid));
	fprintf(f, "  %-28s %s\n", "resumption by ticket",
	    r->resume.ticket < 0 ? "not tested" : yn(r->resume.ticket));
	fprintf(f, "  %-28s %s\n", "TLS 1.3 resumption",
	    r->resume.tls13 < 0 ? "not tested" : yn(r->resume.tls13));
	fprintf(f, "  %-28s %s\n", "client renegotiation",
	    r->rz.client_reneg == 1 ? "allowed" : r->rz.client_reneg == 0 ?
	    "refused" : "not tested");
	fprintf(f, "  %-28s %s\n", "0-RTT early data",
	    r->rz.early == 1 ? "accepted" : r->rz.early == 2 ? "rejected" :
	    r->rz.early == 0 ? "not offered" : "not tested");
	fprintf(f, "Findings:\n");
	any = 0;
	for (i = 0; i < r->nfind; i++) {
		fprintf(f, "  %-6s %s: %s\n", r->find[i].severity,
		    r->find[i].what, r->find[i].why);
		any = 1;
	}
	if (!any)
		fprintf(f, "  none\n");
	fprintf(f, "SCAN done: %d connections in %.2f s\n", r->nconn,
	    r->seconds);
	if (r->incomplete)
		fprintf(f, "SCAN incomplete: %s; the results may be "
		    "incomplete\n", r->incomplete_why);
}

static void
jstr(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void
jfeat(FILE *f, const char *name, int v)
{
	fprintf(f, "{\"type\":\"feature\",\"feature\":\"%s\",\"value\":%s}\n",
	    name, v > 0 ? "true" : v == 0 ? "false" : "null");
}

void
scan_print_json(FILE *f, const struct scan_result *r)
{
	const struct scan_version *v;
	const struct tp_suite *t;
	char b[16];
	size_t i, k;

	for (i = 0; i < SCAN_NVERS; i++)
		fprintf(f, "{\"type\":\"protocol\",\"protocol\":\"%s\","
		    "\"accepted\":%s}\n", scan_proto(r->v[i].version),
		    r->v[i].accepted == 1 ? "true" : r->v[i].accepted == 0 ?
		    "false" : "null");
	for (i = SCAN_NVERS; i-- > 0;) {
		v = &r->v[i];
		if (v->accepted != 1)
			continue;
		for (k = 0; k < v->nssl2; k++)
			fprintf(f, "{\"type\":\"suite\",\"protocol\":\"SSLv2\","
			    "\"cipher\":\"%s\",\"rank\":null}\n",
			    ssl2_name(v->ssl2[k]));
		if (v->version == SSL2_VERSION)
			continue;
		fprintf(f, "{\"type\":\"order\",\"protocol\":\"%s\","
		    "\"server_order\":%s}\n", scan_proto(v->version),
		    v->server_order == 1 ? "true" : v->server_order == 0 ?
		    "false" : "null");
		for (k = 0; k < v->n; k++) {
			const struct scan_suite *s = &v->suites[k];

			t = suite_by_code(s->code);
			fprintf(f, "{\"type\":\"suite\",\"protocol\":\"%s\","
			    "\"cipher\":", scan_proto(v->version));
			jstr(f, t ? t->iana : suite_str(s->code, b,
			    sizeof(b)));
			fprintf(f, ",\"openssl_name\":");
			jstr(f, t ? t->ossl : "");
			fprintf(f, ",\"code\":\"0x%04x\"", s->code);
			if (v->server_order != 0)
				fprintf(f, ",\"rank\":%zu", k + 1);
			else
				fprintf(f, ",\"rank\":null");
			fprintf(f, ",\"bits\":%d,\"kex\":\"%s\"",
			    scan_suite_bits(s->code), t ? kex_label(t->kex) :
			    "");
			if (s->group) {
				fprintf(f, ",\"group\":");
				jstr(f, gname(s->group, b, sizeof(b)));
			} else
				fprintf(f, ",\"group\":null");
			if (s->dh_bits)
				fprintf(f, ",\"dh_bits\":%d", s->dh_bits);
			fprintf(f, "}\n");
		}
	}
	for (k = 0; k < r->g13.n; k++)
		fprintf(f, "{\"type\":\"group\",\"protocol\":\"TLSv1.3\","
		    "\"group\":\"%s\",\"code\":\"0x%04x\",\"accepted\":true,"
		    "\"rank\":%s%zu}\n", gname(r->g13.codes[k], b, sizeof(b)),
		    r->g13.codes[k], "", k + 1);
	for (k = 0; k < r->g12.n; k++)
		fprintf(f, "{\"type\":\"group\",\"protocol\":\"TLSv1.2\","
		    "\"group\":\"%s\",\"code\":\"0x%04x\",\"accepted\":true}\n",
		    gname(r->g12.codes[k], b, sizeof(b)), r->g12.codes[k]);
	for (k = 0; k < r->dh.n; k++)
		fprintf(f, "{\"type\":\"dh\",\"bits\":%d}\n", r->dh.bits[k]);
	for (k = 0; k < r->sigs.n; k++)
		fprintf(f, "{\"type\":\"sigalg\",\"protocol\":\"TLSv1.2\","
		    "\"sigalg\":\"%s\",\"rank\":%zu}\n",
		    signame(r->sigs.codes[k], b, sizeof(b)), k + 1);
	for (k = 0; k < 3; k++) {
		const struct scan_cert *c = &r->certs[k];

		fprintf(f, "{\"type\":\"certificate\",\"key_type\":\"%s\","
		    "\"present\":%s", k == 0 ? "RSA" : k == 1 ? "ECDSA" :
		    "EdDSA", c->present ? "true" : "false");
		if (c->present) {
			fprintf(f, ",\"protocol\":\"%s\",\"key\":",
			    scan_proto(c->version));
			jstr(f, c->key);
			fprintf(f, ",\"signature_scheme\":");
			jstr(f, c->sigscheme);
			fprintf(f, ",\"subject\":");
			jstr(f, c->subject);
			fprintf(f, ",\"issuer\":");
			jstr(f, c->issuer);
			fprintf(f, ",\"not_after\":");
			jstr(f, c->not_after);
			fprintf(f, ",\"chain_length\":%d,\"verify_code\":%d,"
			    "\"verify\":", c->chain_len, c->verify_code);
			jstr(f, c->verify_code < 0 ? "not run" :
			    c->verify_text);
		}
		fprintf(f, "}\n");
	}
	if (r->feat.tested) {
		jfeat(f, "secure_renegotiation", r->feat.secure_reneg);
		jfeat(f, "compression", r->feat.compression);
		jfeat(f, "extended_master_secret", r->feat.ems);
		jfeat(f, "ocsp_stapling", r->feat.ocsp);
		jfeat(f, "heartbeat", r->feat.heartbeat);
		jfeat(f, "session_ticket", r->feat.ticket);
		jfeat(f, "max_fragment_length", r->feat.mfl);
		jfeat(f, "encrypt_then_mac", r->feat2.etm);
	}
	jfeat(f, "fallback_scsv", r->feat2.fallback);
	jfeat(f, "resumption_session_id", r->resume.sid);
	jfeat(f, "resumption_ticket", r->resume.ticket);
	jfeat(f, "resumption_tls13", r->resume.tls13);
	/* scanfeat: client renegotiation, 0-RTT (1 yes, 0 no, -1 untested) */
	jfeat(f, "client_renegotiation", r->rz.client_reneg);
	jfeat(f, "early_data", r->rz.early == 2 ? 0 : r->rz.early);
	jfeat(f, "sni_required", r->feat2.sni_required);
	if (r->feat2.unknown_sni[0] != '\0') {
		fprintf(f, "{\"type\":\"feature\",\"feature\":\"unknown_sni\","
		    "\"value\":");
		jstr(f, r->feat2.unknown_sni);
		fprintf(f, "}\n");
	}
	if (r->feat2.alpn_tested) {
		fprintf(f, "{\"type\":\"feature\",\"feature\":\"alpn\","
		    "\"value\":");
		jstr(f, r->feat2.alpn);
		fprintf(f, "}\n");
	}
	for (i = 0; i < r->nfind; i++) {
		fprintf(f, "{\"type\":\"finding\",\"severity\":\"%s\","
		    "\"finding\":", r->find[i].severity);
		jstr(f, r->find[i].what);
		fprintf(f, ",\"why\":");
		jstr(f, r->find[i].why);
		fprintf(f, "}\n");
	}
	fprintf(f, "{\"type\":\"summary\",\"target\":");
	jstr(f, r->target);
	fprintf(f, ",\"connections\":%d,\"seconds\":%.3f,\"complete\":%s",
	    r->nconn, r->seconds, r->incomplete ? "false" : "true");
	if (r->incomplete) {
		fprintf(f, ",\"incomplete\":");
		jstr(f, r->incomplete_why);
	}
	fprintf(f, ",\"high\":%zu}\n", scan_high(r));
}

void
scan_print_json_fail(FILE *f, const struct scan_result *r)
{
	fprintf(f, "{\"type\":\"fail\",\"class\":\"%s\",\"text\":",
	    r->fail_class);
	jstr(f, r->fail_text);
	fprintf(f, ",\"connections\":%d}\n", r->nconn);
}
