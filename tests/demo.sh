#!/bin/sh
# demo.sh -- what tlsprobe is for, in four runs against local openssl
# s_server instances (127.0.0.1, free ports, throwaway certificates):
#
#   1. a handshake whose certificate verifies against -CAfile;
#   2. the same handshake decoded field by field (-trace), with a small
#      offer so that it stays readable;
#   3. a deliberate failure, TLS 1.3 only against a TLS 1.2-only server,
#      ending in the one-line FAIL verdict;
#   4. the same with -diagnose, which probes the server and names the cause.
#
# Needs only tlsprobe and openssl.  Exits 0 when every run did what it
# shows (1 and 2 succeed, 3 and 4 fail with class version), else 1.
#
#	make demo	(or: TLSPROBE=path/to/tlsprobe sh tests/demo.sh)

TP_TESTDIR=$(cd "$(dirname "$0")" && pwd)
. "$TP_TESTDIR/lib.sh"

tp_setup
if [ ! -x "$TLSPROBE" ]; then
	echo "demo: $TLSPROBE is missing; run make first" >&2
	exit 2
fi

bad=0

# step N TITLE WANT_RC ARGS...: show the command, run it (stdout and
# stderr together, in order), show the exit status.
step() {
	_title=$2
	_want=$3
	shift 3
	echo
	echo "=== $_title"
	echo "\$ tlsprobe $* </dev/null"
	timeout --foreground -k 5 60 "$TLSPROBE" "$@" </dev/null 2>&1
	_rc=$?
	echo "(exit status $_rc)"
	[ "$_rc" = "$_want" ] || bad=1
}

if ! start_s_server_as rsa -num_tickets 0; then
	echo "demo: openssl s_server did not start" >&2
	exit 2
fi
GOOD=$PORT
if ! start_s_server_as rsa -tls1_2; then
	echo "demo: openssl s_server -tls1_2 did not start" >&2
	exit 2
fi
OLD=$PORT
echo "demo: openssl s_server on 127.0.0.1:$GOOD (TLS 1.2 and 1.3) and" \
    "127.0.0.1:$OLD (TLS 1.2 only); CA: $CERTS/ca.crt"

step 1 "1. A handshake that verifies (the CA given with -CAfile)" 0 \
    -connect "localhost:$GOOD" -CAfile "$CERTS/ca.crt"
step 2 "2. The same, every message decoded (-trace), one suite, one group" 0 \
    -connect "localhost:$GOOD" -CAfile "$CERTS/ca.crt" -quiet -trace \
    -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -groups X25519 \
    -sigalgs rsa_pss_rsae_sha256:rsa_pkcs1_sha256:ecdsa_secp256r1_sha256
step 3 "3. A deliberate failure: only TLS 1.3 offered to a TLS 1.2-only server" 1 \
    -connect "localhost:$OLD" -CAfile "$CERTS/ca.crt" -tls1_3
step 4 "4. The same with -diagnose: probes, then the verdict" 1 \
    -connect "localhost:$OLD" -CAfile "$CERTS/ca.crt" -tls1_3 -diagnose
echo
[ "$bad" = 0 ] || echo "demo: a run did not end as expected" >&2
# The EXIT trap stops the servers by their pids and removes the temp dir.
exit "$bad"
