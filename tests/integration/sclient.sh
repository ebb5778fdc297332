# sclient.sh -- the lines scripts read, in openssl s_client's words and on
# its streams, side by side with s_client 3.0 against the same servers:
# -state (names, order, stream), the summary's key and signature lines,
# the closing block and error line after a failed handshake, -brief.
# Golden files (tests/golden/) pin the -msg -state order, the failure
# block and -brief; normalise() below says what is set aside.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary
C=$CERTS
GOLDEN=$TP_TESTDIR/golden

# sc_run ARGS...: openssl s_client with the same arguments, against $PORT;
# stdout in $T/sc.out, stderr in $T/sc.err, exit status in $SC_RC.
sc_run() {
	timeout --foreground -k 5 "$TP_TIMEOUT" openssl s_client \
	    -connect "127.0.0.1:$PORT" "$@" </dev/null >"$T/sc.out" \
	    2>"$T/sc.err"
	SC_RC=$?
}

# states FILE: the -state lines of a run, as far as the two tools are
# meant to agree: consecutive repeats folded (s_client prints a state
# again each time its state machine loops), "SSL negotiation finished
# successfully" and TLS 1.3 tickets (read after the handshake, whenever
# they come) left out.
states() {
	grep '^SSL_connect:' "$1" | grep -v 'negotiation finished' |
	    grep -v 'read server session ticket' | uniq
}

# same_states NAME ARGS...: tlsprobe and s_client print the same states.
same_states() {
	_n=$1
	shift
	sc_run "$@"
	run_tp -connect "127.0.0.1:$PORT" "$@" </dev/null
	check_begin "sclient: -state as s_client: $_n"
	states "$T/sc.err" >"$T/sc.st"
	states "$T/err" >"$T/tp.st"
	[ -s "$T/tp.st" ] || tp_why "no SSL_connect: lines on stderr"
	check_not_out '^SSL_connect:'
	if ! cmp -s "$T/sc.st" "$T/tp.st"; then
		tp_why "states differ from s_client's"
		diff "$T/sc.st" "$T/tp.st" | sed 's/^/    |   /'
	fi
	check_end
}

# same_line NAME REGEX: the first line matching REGEX (s_client's stdout
# against tlsprobe's) is the same; both runs are the last ones.
same_line() {
	_a=$(grep -E -m 1 -- "$2" "$T/sc.out")
	_b=$(grep -E -m 1 -- "$2" "$T/out")
	if [ -z "$_a" ]; then
		tp_why "s_client printed no /$2/"
	elif [ "$_a" != "$_b" ]; then
		tp_why "$1: s_client '$_a', tlsprobe '$_b'"
	fi
}

# no_line REGEX: neither prints a line matching REGEX.
no_line() {
	! grep -Eq -- "$1" "$T/sc.out" || tp_why "s_client printed /$1/"
	! grep -Eq -- "$1" "$T/out" || tp_why "tlsprobe printed /$1/"
}

# normalise: what changes from run to run or between the two tools'
# choices -- byte counts, -msg lengths and hex, PEM bodies, dates.
normalise() {
	sed -e 's/^\(SSL handshake has read\) [0-9]* bytes and written [0-9]* bytes$/\1 N bytes and written M bytes/' \
	    -e 's/\[length [0-9a-f]*\]/[length N]/' \
	    -e '/^    [0-9a-f][0-9a-f]\( .*\)\{0,1\}$/d' \
	    -e '/^-----BEGIN CERTIFICATE-----$/,/^-----END CERTIFICATE-----$/d' \
	    -e 's/\(Not[ABa-z]*\) *: .*GMT/\1: DATE/g' \
	    -e 's/^\(    SHA-256 Fingerprint:\) .*/\1 F/' \
	    -e 's/^\(Certificate expires in\) .*/\1 N days/' \
	    -e 's/^\(   v:NotBefore:\) .*/\1 DATE/' \
	    -e 's/ written [0-9]* bytes/ written M bytes/'
}

# golden NAME FILE: FILE, normalised, is tests/golden/NAME.
golden() {
	normalise <"$2" >"$T/golden.have"
	if [ -n "${TP_GOLDEN_UPDATE:-}" ]; then
		cp "$T/golden.have" "$GOLDEN/$1"
	fi
	if [ ! -f "$GOLDEN/$1" ]; then
		tp_why "no golden file tests/golden/$1"
	elif ! cmp -s "$GOLDEN/$1" "$T/golden.have"; then
		tp_why "differs from tests/golden/$1"
		diff "$GOLDEN/$1" "$T/golden.have" | head -n 20 |
		    sed 's/^/    |   /'
	fi
}

# --- TLS 1.2, ECDHE-RSA ---------------------------------------------------
if start_s_server_as rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
    -groups P-256; then
	same_states "TLS 1.2 ECDHE-RSA" -CAfile "$C/ca.crt" -state

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" </dev/null
	sc_run -CAfile "$C/ca.crt"
	check_begin "sclient: TLS 1.2 ECDHE-RSA summary lines as s_client's"
	check_rc 0
	same_line "digest" '^Peer signing digest: '
	same_line "type" '^Peer signature type: '
	same_line "temp key" '^Server Temp Key: '
	check_out '^Server Temp Key: ECDH, prime256v1, 256 bits$'
	same_line "reneg" '^Secure Renegotiation IS'
	same_line "new" '^New, '
	same_line "verification" '^Verification'
	same_line "verify return code" 'Verify return code: '
	no_line '^Early data'
	check_end

	# one rule for the order: each state after its message, the
	# certificate's state after its depth= lines
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -msg -state \
	    </dev/null
	check_begin "sclient: TLS 1.2 -msg -state order (golden file)"
	check_rc 0
	timeout 30 "$TLSPROBE" -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -msg -state </dev/null 2>&1 |
	    sed '/^SSL_connect:SSLv3\/TLS read finished$/q' >"$T/both"
	golden tls12-msg-state.txt "$T/both"
	check_end

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -brief </dev/null
	sc_run -CAfile "$C/ca.crt" -brief
	check_begin "sclient: TLS 1.2 -brief as s_client's (stderr)"
	check_rc 0
	[ ! -s "$T/out" ] || tp_why "-brief wrote to stdout"
	grep -v -e "^Can't use SSL_get_servername" -e '^DONE$' "$T/sc.err" \
	    >"$T/sc.brief"
	# tlsprobe checks the name by default (see the man page)
	grep -v '^Verified peername: ' "$T/err" >"$T/tp.brief"
	if ! cmp -s "$T/sc.brief" "$T/tp.brief"; then
		tp_why "-brief differs from s_client's"
		diff "$T/sc.brief" "$T/tp.brief" | sed 's/^/    |   /'
	fi
	golden tls12-brief.txt "$T/err"
	check_end
	stop_servers
else
	fail "sclient: TLS 1.2 server" "s_server did not start"
fi

# --- -tlsextdebug and -debug (TLS 1.2: the server's extensions are fixed) --
if start_s_server_as rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256; then
	run_tp -connect "127.0.0.1:$PORT" -tlsextdebug </dev/null
	sc_run -tlsextdebug
	check_begin "sclient: -tlsextdebug as s_client's (golden file)"
	check_rc 0
	grep -E '^(TLS server extension|[0-9a-f]{4} - )' "$T/sc.out" >"$T/sc.x"
	grep -E '^(TLS server extension|[0-9a-f]{4} - )' "$T/out" >"$T/tp.x"
	[ -s "$T/tp.x" ] || tp_why "no extension lines"
	cmp -s "$T/sc.x" "$T/tp.x" || tp_why "extension lines differ from s_client's"
	golden tls12-tlsextdebug.txt "$T/tp.x"
	check_end

	run_tp -connect "127.0.0.1:$PORT" -debug -msg </dev/null
	check_begin "sclient: -debug dumps each write as BIO_dump does"
	check_rc 0
	# the first write is the ClientHello record: the same bytes -msg shows
	sed -n '/^write to /,/^[^0-9]/p' "$T/out" | sed -n '2,/^[^0-9]/p' |
	    grep -E '^[0-9a-f]{4} - ' | cut -c8-55 | tr '-' ' ' | tr -s ' ' '\n' |
	    grep -v '^$' >"$T/dbg.hex"
	awk '/^>>> .*RecordHeader/ { r = 1; next }
	    r && /^    / { print; next } r { r = 0 }
	    /^>>> .*ClientHello$/ { h = 1; next }
	    h && /^    / { print; next } h { exit }' "$T/out" |
	    tr -s ' ' '\n' | grep -v '^$' | head -n "$(wc -l <"$T/dbg.hex")" \
	    >"$T/msg.hex"
	[ -s "$T/dbg.hex" ] || tp_why "no write dump"
	cmp -s "$T/dbg.hex" "$T/msg.hex" ||
	    tp_why "the first write's dump is not the ClientHello record"
	grep -m 1 '^write to ' "$T/out" |
	    sed -E 's/0x[0-9a-f]+ \[0x[0-9a-f]+\]/ADDR [ADDR]/' >"$T/w1"
	grep -m 1 '^read from ' "$T/out" |
	    grep -Eq '^read from 0x[0-9a-f]+ \[0x[0-9a-f]+\] \([0-9]+ bytes => [0-9]+ \(0x[0-9A-F]+\)\)$' ||
	    tp_why "no 'read from' line in s_client's form"
	golden debug-first-write.txt "$T/w1"
	check_end
	stop_servers
fi

# --- TLS 1.2: DHE, plain RSA key transport, ECDSA --------------------------
for cs in DHE-RSA-AES128-GCM-SHA256 AES128-GCM-SHA256 AES128-SHA; do
	if start_s_server_as rsa -tls1_2 -cipher "$cs"; then
		same_states "TLS 1.2 $cs" -CAfile "$C/ca.crt" -state
		run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" </dev/null
		sc_run -CAfile "$C/ca.crt"
		check_begin "sclient: TLS 1.2 $cs summary lines as s_client's"
		check_rc 0
		same_line "new" '^New, '
		same_line "reneg" '^Secure Renegotiation IS'
		if [ "$cs" = DHE-RSA-AES128-GCM-SHA256 ]; then
			same_line "temp key" '^Server Temp Key: '
			check_out '^Server Temp Key: DH, 2048 bits$'
			same_line "digest" '^Peer signing digest: '
			same_line "type" '^Peer signature type: '
		else
			no_line '^Server Temp Key: '
			no_line '^Peer sign'
		fi
		check_end
		stop_servers
	else
		fail "sclient: TLS 1.2 $cs server" "s_server did not start"
	fi
done
if start_s_server_as ec -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256; then
	# RFC 8422, 5.1: the certificate's curve (P-256) must be offered too
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -groups P-384:P-256 </dev/null
	sc_run -CAfile "$C/ca.crt" -groups P-384:P-256
	check_begin "sclient: TLS 1.2 ECDSA, P-384 summary lines as s_client's"
	check_rc 0
	same_line "digest" '^Peer signing digest: '
	same_line "type" '^Peer signature type: '
	check_out '^Peer signature type: ECDSA$'
	same_line "temp key" '^Server Temp Key: '
	check_out '^Server Temp Key: ECDH, secp384r1, 384 bits$'
	check_end
	stop_servers
fi

# --- TLS 1.3 ---------------------------------------------------------------
if start_s_server_as rsa -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256; then
	same_states "TLS 1.3" -CAfile "$C/ca.crt" -state

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" </dev/null
	sc_run -CAfile "$C/ca.crt"
	check_begin "sclient: TLS 1.3 summary lines as s_client's"
	check_rc 0
	same_line "digest" '^Peer signing digest: '
	same_line "type" '^Peer signature type: '
	check_out '^Peer signature type: RSA-PSS$'
	same_line "temp key" '^Server Temp Key: '
	check_out '^Server Temp Key: X25519, 253 bits$'
	same_line "reneg" '^Secure Renegotiation IS'
	check_out '^Secure Renegotiation IS NOT supported$'
	same_line "early data" '^Early data was not sent$'
	same_line "new" '^New, '
	same_line "verify return code" '^Verify return code: '
	check_end

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -brief </dev/null
	sc_run -CAfile "$C/ca.crt" -brief
	check_begin "sclient: TLS 1.3 -brief as s_client's (stderr)"
	check_rc 0
	grep -v -e "^Can't use SSL_get_servername" -e '^DONE$' "$T/sc.err" \
	    >"$T/sc.brief"
	grep -v '^Verified peername: ' "$T/err" >"$T/tp.brief"
	if ! cmp -s "$T/sc.brief" "$T/tp.brief"; then
		tp_why "-brief differs from s_client's"
		diff "$T/sc.brief" "$T/tp.brief" | sed 's/^/    |   /'
	fi
	golden tls13-brief.txt "$T/err"
	check_end

	# without trust anchors: only the errors, as s_client -brief
	run_tp -connect "127.0.0.1:$PORT" -brief </dev/null
	sc_run -brief
	check_begin "sclient: -brief shows only the verification errors"
	check_rc 0
	grep -E '^(depth|verify)' "$T/sc.err" >"$T/sc.v"
	grep -E '^(depth|verify)' "$T/err" >"$T/tp.v"
	[ -s "$T/tp.v" ] || tp_why "no verify error lines"
	cmp -s "$T/sc.v" "$T/tp.v" || tp_why "verify lines differ from s_client's"
	check_not_err '^verify return:'
	check_err '^Verification error: '
	check_end

	# TLS 1.2 client against it: the closing block of a failure
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 </dev/null
	sc_run -tls1_2
	check_begin "sclient: failure block (protocol_version, TLS 1.2) as s_client's"
	check_rc 1
	normalise <"$T/sc.out" | sed '/^    \(Session-ID-ctx\|Master-Key\|PSK identity\|PSK identity hint\|SRP username\|Start Time\|Timeout *\):/d' >"$T/sc.block"
	normalise <"$T/out" >"$T/tp.block"
	if ! cmp -s "$T/sc.block" "$T/tp.block"; then
		tp_why "block differs from s_client's"
		diff "$T/sc.block" "$T/tp.block" | sed 's/^/    |   /'
	fi
	golden fail-tls12-protocol-version.txt "$T/out"
	check_err '^tlsprobe:error:0A00042E:SSL routines::tlsv1 alert protocol version:SSL alert number 70$'
	grep -q ':error:0A00042E:SSL routines:.*:tlsv1 alert protocol version:.*SSL alert number 70$' "$T/sc.err" ||
	    tp_why "s_client's error line is not as expected"
	check_fail_line_raw '^tlsprobe: FAIL version: .* \(OpenSSL: tlsv1 alert protocol version, SSL alert number 70\)$'
	[ "$(tail -n 1 "$T/err" | cut -c1-15)" = "tlsprobe: FAIL " ] ||
	    tp_why "the FAIL line is not the last line of stderr"
	check_end

	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -brief </dev/null
	check_begin "sclient: -brief failure: the error and FAIL lines only"
	check_rc 1
	[ ! -s "$T/out" ] || tp_why "-brief wrote to stdout"
	[ "$(wc -l <"$T/err")" -eq 2 ] || tp_why "stderr is not two lines"
	check_err '^tlsprobe:error:0A00042E:'
	check_fail_line 'protocol.?version'
	check_end
	stop_servers
else
	fail "sclient: TLS 1.3 server" "s_server did not start"
fi

# --- TLS 1.3 HelloRetryRequest ----------------------------------------------
if start_s_server_as rsa -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
    -groups P-256; then
	same_states "TLS 1.3 HelloRetryRequest" -CAfile "$C/ca.crt" -state
	check_begin "sclient: TLS 1.3 HRR -msg -state order (golden file)"
	timeout 30 "$TLSPROBE" -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -msg -state </dev/null 2>&1 |
	    sed '/^SSL_connect:SSLv3\/TLS write finished$/q' >"$T/both"
	grep -q '^INFO: HelloRetryRequest: server asked to retry with group P-256$' \
	    "$T/both" || tp_why "no HelloRetryRequest INFO line"
	golden tls13-hrr-msg-state.txt "$T/both"
	check_end
	stop_servers
fi

# --- a client certificate asked for and not given ----------------------------
for v in tls1_2 tls1_3; do
	if start_s_server_as rsa "-$v" -Verify 1 -CAfile "$C/root.crt" \
	    -ciphersuites TLS_AES_128_GCM_SHA256; then
		same_states "$v client certificate required" -CAfile "$C/ca.crt" \
		    -state
		run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" </dev/null
		sc_run -CAfile "$C/ca.crt"
		check_begin "sclient: $v CA names in the block after the server refused"
		check_rc 1
		same_line "ca names" '^Acceptable client certificate CA names$'
		same_line "ca name" '^CN = tlsprobe test root CA$'
		same_line "new" '^New, '
		check_end
		stop_servers
	fi
done

# --- -enable_pha: s_server's 'c' command asks after the handshake -----------
# (its own FIFO: the command goes to this server alone)
mkfifo "$T/pha.in"
PORT=$(free_port)
timeout --foreground "$TP_SERVER_LIFETIME" openssl s_server \
    -accept "127.0.0.1:$PORT" -cert "$C/rsa.crt" -key "$C/rsa.key" \
    -CAfile "$C/root.crt" -tls1_3 0<>"$T/pha.in" >"$T/pha.log" 2>&1 &
TP_PIDS="$TP_PIDS $!"
_w=0
while [ "$_w" -lt 100 ] && ! tp_port_used "$PORT" listen; do
	sleep 0.05
	_w=$((_w + 1))
done
(sleep 5) | timeout 30 "$TLSPROBE" -connect "127.0.0.1:$PORT" -enable_pha \
    -cert "$C/client-ec.crt" -key "$C/ec.key" -CAfile "$C/ca.crt" -state \
    >"$T/out" 2>"$T/err" &
_cp=$!
sleep 2
printf 'c\n' >"$T/pha.in"
wait "$_cp"
RC=$?
check_begin "sclient: -enable_pha answers s_server's post-handshake CertificateRequest"
check_rc 0
check_out '^INFO: post-handshake authentication: client certificate sent$'
check_err_order '^SSL_connect:SSLv3/TLS write finished$' \
    '^SSL_connect:SSLv3/TLS read server certificate request$' \
    '^SSL_connect:SSLv3/TLS write client certificate$' \
    '^SSL_connect:SSLv3/TLS write certificate verify$' \
    '^SSL_connect:SSLv3/TLS write finished$'
grep -q '^depth=0 O = tlsprobe, CN = tlsprobe test client client-ec$' \
    "$T/pha.log" || tp_why "s_server did not verify the client certificate"
grep -q '^SSL_do_handshake -> 1$' "$T/pha.log" ||
    tp_why "s_server's post-handshake exchange did not complete"
check_end
stop_servers

# --- a server that is not TLS, one that closes ------------------------------
if start_py_server garbage; then
	run_tp -connect "127.0.0.1:$PORT" </dev/null
	sc_run
	check_begin "sclient: not TLS: 'wrong version number' and the block"
	check_rc 1
	check_err '^tlsprobe:error:0A00010B:SSL routines::wrong version number$'
	grep -q ':error:0A00010B:.*wrong version number' "$T/sc.err" ||
	    tp_why "s_client's error line is not as expected"
	same_line "none" '^New, \(NONE\), Cipher is \(NONE\)$'
	same_line "no cert" '^no peer certificate available$'
	check_fail_line_raw '^tlsprobe: FAIL not-tls: .* \(OpenSSL: wrong version number\)$'
	check_end
	stop_servers
fi
tp_done
