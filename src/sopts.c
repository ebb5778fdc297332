/*
 * sopts.c -- s_client options that tlsprobe accepts as no-ops or refuses
 * with a reason (see sopts.h).  The man page's COMPATIBILITY table says the
 * same; keep the two in step.
 */
#include <stddef.h>
#include <string.h>

#include "sopts.h"

#define DTLS	"DTLS is not supported: tlsprobe speaks TLS over TCP only"
#define SRP	"SRP is not supported (deprecated in OpenSSL 3.0; RFC 5054 " \
		"suites are not offered)"
#define PROV	"property queries cannot be given: tlsprobe fetches " \
		"libcrypto's default implementations"
#define XCERT	"extended certificates are not supported: give the client " \
		"certificate with -cert, -key and -cert_chain"
#define NOWAIT	"accepted; tlsprobe always waits with poll(2) and -timeout"

static const struct sopt sopts[] = {
	/* General */
	{ "-engine", 1, SOPT_REFUSE, "engines are not supported: tlsprobe "
	    "uses libcrypto's default provider" },
	{ "-ssl_client_engine", 1, SOPT_REFUSE, "engines are not supported: "
	    "tlsprobe uses libcrypto's default provider" },
	{ "-ssl_config", 1, SOPT_REFUSE, "there is no libssl configuration: "
	    "tlsprobe does not use libssl" },
	/* Network */
	{ "-unix", 1, SOPT_REFUSE, "Unix-domain sockets are not supported: "
	    "tlsprobe connects over TCP" },
	{ "-split_send_frag", 1, SOPT_NOOP, "accepted; tlsprobe uses one "
	    "pipeline, where OpenSSL ignores it too" },
	{ "-max_pipelines", 1, SOPT_NOOP, "accepted; tlsprobe encrypts one "
	    "record at a time" },
	{ "-read_buf", 1, SOPT_NOOP, "accepted; tlsprobe sizes its read "
	    "buffer itself" },
	/* Identity */
	/* Session */
	/* Input/Output */
	{ "-prexit", 0, SOPT_NOOP, "accepted; tlsprobe prints the summary "
	    "after every handshake, and s_client's closing block after a "
	    "failed one, either way" },
	/* Debug */
	{ "-nbio_test", 0, SOPT_NOOP, NOWAIT },
	{ "-security_debug", 0, SOPT_REFUSE, "tlsprobe has no security "
	    "callback to trace" },
	{ "-security_debug_verbose", 0, SOPT_REFUSE, "tlsprobe has no "
	    "security callback to trace" },
	{ "-ignore_unexpected_eof", 0, SOPT_NOOP, "accepted; after the "
	    "handshake a close without close_notify ends the session without "
	    "an error anyway" },
	{ "-async", 0, SOPT_NOOP, "accepted; there is no asynchronous engine "
	    "to wait for" },
	{ "-nbio", 0, SOPT_NOOP, NOWAIT },
	/* Protocol and version */
	{ "-dtls", 0, SOPT_REFUSE, DTLS },
	{ "-dtls1", 0, SOPT_REFUSE, DTLS },
	{ "-dtls1_2", 0, SOPT_REFUSE, DTLS },
	{ "-mtu", 1, SOPT_REFUSE, DTLS },
	{ "-use_srtp", 1, SOPT_REFUSE, "SRTP (RFC 5764) is negotiated for "
	    "DTLS only: OpenSSL's TLS servers reject the extension" },
	{ "-srpuser", 1, SOPT_REFUSE, SRP },
	{ "-srppass", 1, SOPT_REFUSE, SRP },
	{ "-srp_lateuser", 0, SOPT_REFUSE, SRP },
	{ "-srp_moregroups", 0, SOPT_REFUSE, SRP },
	{ "-srp_strength", 1, SOPT_REFUSE, SRP },
	/* TLS/SSL */
	{ "-bugs", 0, SOPT_NOOP, "accepted; tlsprobe has no bug workarounds "
	    "to switch on" },
	{ "-no_comp", 0, SOPT_NOOP, "accepted; tlsprobe never offers "
	    "compression" },
	{ "-comp", 0, SOPT_REFUSE, "TLS compression is not supported (CRIME; "
	    "RFC 8446 removed it)" },
	{ "-serverpref", 0, SOPT_NOOP, "accepted; a server option, which a "
	    "client ignores (as s_client does)" },
	{ "-legacy_renegotiation", 0, SOPT_NOOP, "accepted; tlsprobe "
	    "renegotiates only under RFC 5746 and declines otherwise" },
	{ "-client_renegotiation", 0, SOPT_REFUSE, "a server's option: "
	    "s_client fails on it too (SSL_CONF_cmd refuses it in a client)" },
	{ "-no_resumption_on_reneg", 0, SOPT_NOOP, "accepted; tlsprobe's "
	    "renegotiations are full handshakes, never resumptions" },
	{ "-prioritize_chacha", 0, SOPT_NOOP, "accepted; a server option, "
	    "which a client ignores (as s_client does)" },
	{ "-named_curve", 1, SOPT_REFUSE, "a server option: use -groups to "
	    "choose the groups offered" },
	{ "-debug_broken_protocol", 0, SOPT_REFUSE, "not supported: "
	    "tlsprobe breaks no protocol on purpose" },
	/* Validation */
	/* Extended certificates */
	{ "-xkey", 1, SOPT_REFUSE, XCERT },
	{ "-xcert", 1, SOPT_REFUSE, XCERT },
	{ "-xchain", 1, SOPT_REFUSE, XCERT },
	{ "-xchain_build", 0, SOPT_REFUSE, XCERT },
	{ "-xcertform", 1, SOPT_REFUSE, XCERT },
	{ "-xkeyform", 1, SOPT_REFUSE, XCERT },
	/* Provider */
	/* -provider: tlsprobe.c (the built-in ones are accepted) */
	{ "-provider-path", 1, SOPT_NOOP, "accepted; only the built-in "
	    "providers are used" },
	{ "-propquery", 1, SOPT_REFUSE, PROV },
};

const struct sopt *
sopt_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sopts) / sizeof(sopts[0]); i++)
		if (strcmp(sopts[i].name, name) == 0)
			return &sopts[i];
	return NULL;
}
