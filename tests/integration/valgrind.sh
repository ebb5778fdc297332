# valgrind.sh -- a few hostile cases and one normal TLS 1.2 and TLS 1.3
# handshake (with data) against openssl s_server, under valgrind: no
# invalid read or write, no use of uninitialised memory, no definite leak.
# Skipped when valgrind is missing or the binary is an ASan build.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary
. "$TP_TESTDIR/hostile/start.sh"

if ! tp_have valgrind; then
	skip "valgrind" "valgrind not installed"
	tp_done
fi
if tp_is_asan; then
	skip "valgrind" "$TLSPROBE is an AddressSanitizer build"
	tp_done
fi

# run_tp runs $TLSPROBE: make that valgrind around the real binary.
REAL=$TLSPROBE
TLSPROBE=$T/vg-tlsprobe
cat >"$TLSPROBE" <<VG
#!/bin/sh
exec valgrind -q --leak-check=full --error-exitcode=99 \
    --errors-for-leak-kinds=definite --log-fd=2 "$REAL" "\$@"
VG
chmod +x "$TLSPROBE"
TP_TIMEOUT=90
VT=15			# -timeout: valgrind is slow

# vg_check NAME RC REGEX: the last run exited RC (99 is valgrind's own
# error exit), valgrind said nothing, and stdout (RC 0) or the FAIL line
# matches REGEX.
vg_check() {
	check_begin "valgrind $1"
	check_rc "$2"
	check_not_err '^==[0-9]+=='
	if [ "$2" = 0 ]; then
		check_out "$3"
	else
		check_fail_line "$3"
	fi
	check_end
}

# --- normal handshakes against s_server, with a GET through the data phase ---
tp_input 'GET / HTTP/1.0\r\n\r\n'
if start_s_server_as rsa -www; then
	run_tp -connect "127.0.0.1:$PORT" -timeout "$VT" -tls1_2 <"$T/in"
	vg_check "TLS 1.2 handshake and data with s_server" 0 '^HTTP/1\.0 200 ok'
	run_tp -connect "127.0.0.1:$PORT" -timeout "$VT" -msg -trace <"$T/in"
	vg_check "TLS 1.3 handshake and data with s_server (-msg -trace)" 0 \
	    '^    Protocol  : TLSv1\.3$'
	stop_servers
else
	fail "valgrind s_server" "s_server did not start"
fi

# --- hostile cases ---------------------------------------------------------
if ! tp_have "$TP_PYTHON"; then
	skip "valgrind hostile" "python3 not installed"
	tp_done
fi
if ! start_hostile; then
	fail "valgrind hostile" "server.py did not start"
	tp_done
fi
CRYPTO=1
hostile_have_crypto || CRYPTO=

# vcase NAME RC REGEX [crypto]
vcase() {
	if [ -n "${4:-}" ] && [ -z "$CRYPTO" ]; then
		skip "valgrind $1" "python3-cryptography not installed"
		return 0
	fi
	run_tp -connect "127.0.0.1:$PORT" -servername "$1" -timeout "$VT" \
	    -msg -trace
	vg_check "$1" "$2" "$3"
}

vcase ok12-cbc 0 'Cipher is ECDHE-RSA-AES128-SHA$' crypto
vcase ok13-keyupdate 0 '^    Protocol  : TLSv1\.3$' crypto
vcase hrr-ok 0 '^    Protocol  : TLSv1\.3$' crypto
vcase t13-bad-finished 1 "Finished: the server's verify_data" crypto
vcase t12-cbc-bad-padding 1 'cannot decrypt a record' crypto
vcase t13-nst-malformed 1 'NewSessionTicket: malformed' crypto
vcase cert-256k 1 'ServerKeyExchange: the .* signature does not verify'
vcase cert-over-limit 1 'above the limit'
vcase closes-mid-record 1 'in the middle of a record'
vcase sh13-share-zero 1 'key share \(32 bytes\) is invalid'
vcase hrr-twice 1 'a second HelloRetryRequest'
vcase http 1 '^tlsprobe: FAIL not-tls: '
stop_servers
tp_done
