#!/bin/sh
# mkcorpus.sh [OUTDIR] -- seed corpora for the fuzz targets, captured from
# real servers (openssl s_server, gnutls-serv) talking to the deterministic
# client (build/fuzz/capture, see capture.c).  OUTDIR defaults to
# tests/fuzz/corpus.  Re-run it whenever the ClientHello changes: a capture
# replays to the end only while the client sends the very same bytes.
#
# Each line below is: NAME SELECTOR SERVER KEY ARGS...  (SELECTOR: see
# fuzz_config() in fuzz.h; SERVER: s_server or gnutls-serv).  A NAME ending
# in ".nd" uses keys that libcrypto draws (P-256 after a retry, DHE, or RSA
# padding that the extended master secret hashes): it seeds the fuzzer but
# cannot replay to the end, and test_fuzz_regress knows not to expect it.

. "$(dirname "$0")/../lib.sh"
tp_setup

top=$(cd "$TP_TESTDIR/.." && pwd)
OUT=${1:-$top/tests/fuzz/corpus}
CAPTURE=$top/build/fuzz/capture
if [ ! -x "$CAPTURE" ]; then
	(cd "$top" && make -s build/fuzz/capture) || exit 1
fi
mkdir -p "$OUT"

ok=0
bad=0
while read -r name sel server key args; do
	case $name in
	''|'#'*)	continue ;;
	esac
	if [ "$server" = gnutls-serv ]; then
		tp_have gnutls-serv || { note "no gnutls-serv: $name"; continue; }
		# shellcheck disable=SC2086
		start_gnutls_serv_as "$key" $args || continue
	else
		# shellcheck disable=SC2086
		start_s_server_as "$key" $args || continue
	fi
	if "$CAPTURE" 127.0.0.1 "$PORT" "$sel" "$OUT" "$name" \
	    2>"$T/capture.err"; then
		echo "captured $name"
		ok=$((ok + 1))
	else
		echo "captured $name (the handshake did not complete:" \
		    "$(cat "$T/capture.err"))"
		bad=$((bad + 1))
	fi
	stop_servers
done <<'LIST'
# TLS 1.3
s13-rsa			1 s_server rsa -tls1_3
s13-rsa-aes256		0 s_server rsa -ciphersuites TLS_AES_256_GCM_SHA384
s13-rsa-chacha		0 s_server rsa -ciphersuites TLS_CHACHA20_POLY1305_SHA256
s13-ec			0 s_server ec
s13-ed25519		0 s_server ed25519
s13-rsapss		0 s_server rsapss
s13-certreq		0 s_server rsa -verify 1
s13-hrr.nd			0 s_server rsa -groups P-256
s13-x448		0 s_server rsa -groups X448:X25519
s13-sni-alpn		68 s_server rsa -alpn h2
# TLS 1.2
s12-rsa			2 s_server rsa -tls1_2
s12-ec			2 s_server ec -tls1_2
s12-rsa-cbc		2 s_server rsa -tls1_2 -cipher ECDHE-RSA-AES128-SHA256
s12-rsa-kex.nd		2 s_server rsa -tls1_2 -cipher AES128-SHA
s12-rsa-kex-gcm.nd		2 s_server rsa -tls1_2 -cipher AES256-GCM-SHA384
s12-dhe.nd			2 s_server rsa -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
s12-chacha		2 s_server rsa -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305
s12-certreq		2 s_server rsa -tls1_2 -verify 1
s12-no-ems		6 s_server rsa -tls1_2
s11-rsa-cbc		7 s_server rsa -tls1_1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0
s10-rsa-cbc		3 s_server rsa -tls1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0
# gnutls
g13-rsa			0 gnutls-serv rsa
g12-rsa			2 gnutls-serv rsa --priority NORMAL:-VERS-TLS1.3
g12-ec			2 gnutls-serv ec --priority NORMAL:-VERS-TLS1.3
LIST
echo "$ok complete, $bad partial captures in $OUT"
stop_servers
