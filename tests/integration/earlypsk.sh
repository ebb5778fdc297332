# earlypsk.sh -- TLS 1.3 0-RTT (RFC 8446, 4.2.10) under an external PSK:
# -early_data with -psk_session FILE (whose session carries
# max_early_data, as OpenSSL provisions it) against openssl s_server
# -psk_session FILE -early_data -nocert: accepted; rejected by a server
# without -early_data; not sent under -psk KEY (no max_early_data, as
# with s_client) or a session that allows none; the session's ALPN
# protocol.  Each summary line is checked against openssl s_client's
# for the same server.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

printf 'EARLY-PSK-PAYLOAD\n' >"$T/early.txt"
K=0123456789abcdef0123456789abcdef

# sclient_early ARGS...: openssl s_client's "Early data was ..." line
sclient_early() {
	sleep 1 | timeout 10 openssl s_client -connect "127.0.0.1:$PORT" \
	    "$@" 2>/dev/null | grep '^Early data was '
}

# same_as_sclient WORD ARGS...: s_client says "Early data was WORD" too
same_as_sclient() {
	_w=$1
	shift
	_s=$(sclient_early "$@")
	[ "$_s" = "Early data was $_w" ] ||
	    tp_why "s_client says '${_s:-nothing}', not 'Early data was $_w'"
}

# The provisioning: sessions from s_server, as s_client -sess_out saves
# them: with max_early_data (a server with -early_data), without, and
# with ALPN protocol h2.
mksess() {
	_f=$1
	shift
	if start_s_server_as rsa -tls1_3 "$@"; then
		sleep 1 | timeout 10 openssl s_client \
		    -connect "127.0.0.1:$PORT" -sess_out "$_f" \
		    $(case " $* " in *" -alpn "*) echo -alpn h2 ;; esac) \
		    >/dev/null 2>&1
		stop_servers
	fi
	[ -s "$_f" ]
}
if ! mksess "$T/ed.pem" -early_data || ! mksess "$T/none.pem" ||
    ! mksess "$T/alpn.pem" -early_data -alpn h2; then
	fail "earlypsk" "could not make the -psk_session files"
	tp_done
fi
openssl sess_id -in "$T/ed.pem" -noout -text | grep -q 'Max Early Data: 16384' ||
    fail "earlypsk" "the session file has no max_early_data"

# --- accepted ---------------------------------------------------------------
if start_s_server -tls1_3 -nocert -psk_session "$T/ed.pem" -early_data; then
	run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/ed.pem" \
	    -early_data "$T/early.txt" -msg </dev/null
	check_begin "earlypsk -psk_session with max_early_data: accepted"
	check_rc 0
	check_no_fail_line
	check_out '^Reused, TLSv1\.3, Cipher is TLS_AES_256_GCM_SHA384$'
	check_out '^Early data was accepted$'
	check_out_order '^>>> .*ClientHello' 'INFO: sent 18 bytes of early data' \
	    '^<<< .*EncryptedExtensions' 'INFO: early data accepted' \
	    '^>>> .*EndOfEarlyData' '^>>> .*Finished'
	check_srvlog '^Early data received:$'
	check_srvlog '^EARLY-PSK-PAYLOAD$'
	same_as_sclient accepted -psk_session "$T/ed.pem" \
	    -early_data "$T/early.txt"
	check_end

	# -trace: early_data in the ClientHello, the PSK's suite first
	run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/ed.pem" \
	    -early_data "$T/early.txt" -trace </dev/null
	check_begin "earlypsk -trace: early_data offered, the PSK's suite first"
	check_rc 0
	check_out_order '^Sent Handshake message:$' \
	    '^      cipher_suites ' '\{0x13, 0x02\} TLS_AES_256_GCM_SHA384' \
	    '\{0x13, 0x01\} TLS_AES_128_GCM_SHA256' \
	    'extension_type=early_data\(42\), length=0' \
	    '^Received Handshake message:$'
	check_end
	stop_servers
else
	fail "earlypsk accepted" "s_server did not start"
fi

# --- rejected: the server takes the PSK but no early data --------------------
if start_s_server -tls1_3 -nocert -psk_session "$T/ed.pem"; then
	run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/ed.pem" \
	    -early_data "$T/early.txt" -state </dev/null
	check_begin "earlypsk server without -early_data: rejected, handshake goes on"
	check_rc 0
	check_no_fail_line
	check_out '^Reused, TLSv1\.3'
	check_out '^Early data was rejected$'
	check_out 'INFO: early data rejected'
	! grep -q '^EARLY-PSK-PAYLOAD$' "$SERVER_LOG" ||
	    tp_why "s_server printed the rejected early data"
	same_as_sclient rejected -psk_session "$T/ed.pem" \
	    -early_data "$T/early.txt"
	check_end
	stop_servers
fi

# --- not sent ----------------------------------------------------------------
if start_s_server -tls1_3 -nocert -psk "$K" -early_data; then
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" \
	    -early_data "$T/early.txt" -state </dev/null
	check_begin "earlypsk -psk KEY: no max_early_data, not sent (as s_client)"
	check_rc 0
	check_no_fail_line
	check_out '^Reused, TLSv1\.3'
	check_out '^Early data was not sent$'
	check_out 'INFO: early data not sent: the external PSK allows none \(a -psk key has no max_early_data; -psk_session provides one\)'
	check_not_out 'EarlyData|sent 18 bytes'
	same_as_sclient 'not sent' -psk "$K" -early_data "$T/early.txt"
	check_end
	stop_servers
fi
if start_s_server -tls1_3 -nocert -psk_session "$T/none.pem" -early_data; then
	run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/none.pem" \
	    -early_data "$T/early.txt" -state </dev/null
	check_begin "earlypsk -psk_session without max_early_data: not sent"
	check_rc 0
	check_out '^Reused, TLSv1\.3'
	check_out '^Early data was not sent$'
	check_out "INFO: early data not sent: the external PSK allows none \\(the -psk_session file's max_early_data is 0\\)"
	same_as_sclient 'not sent' -psk_session "$T/none.pem" \
	    -early_data "$T/early.txt"
	check_end
	stop_servers
fi

# --- ALPN: the session's protocol must be offered ----------------------------
run_tp -connect 127.0.0.1:1 -psk_session "$T/alpn.pem" \
    -early_data "$T/early.txt" </dev/null
check_begin "earlypsk session with ALPN h2, no -alpn: usage error, as s_client refuses"
check_rc 2
check_err "^tlsprobe: -early_data: the -psk_session .* session's ALPN protocol 'h2' is not offered with -alpn"
check_end
if start_s_server -tls1_3 -nocert -psk_session "$T/alpn.pem" -early_data \
    -alpn h2; then
	run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/alpn.pem" \
	    -early_data "$T/early.txt" -alpn http/1.1,h2 </dev/null
	check_begin "earlypsk session with ALPN h2, -alpn http/1.1,h2: accepted"
	check_rc 0
	check_out '^ALPN protocol: h2$'
	check_out '^Early data was accepted$'
	check_srvlog '^EARLY-PSK-PAYLOAD$'
	same_as_sclient accepted -psk_session "$T/alpn.pem" \
	    -early_data "$T/early.txt" -alpn http/1.1,h2
	check_end
	stop_servers
fi

tp_done
