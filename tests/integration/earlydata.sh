# earlydata.sh -- TLS 1.3 0-RTT (RFC 8446, 4.2.10) with -early_data against
# openssl s_server -early_data: within -reconnect and with -sess_in,
# accepted, rejected (a replayed ticket, a server that lost its ticket
# key), not sent (a ticket that allows none), and the max_early_data_size
# limit.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

printf 'EARLY-0RTT-PAYLOAD\n' >"$T/early.txt"

if start_s_server_as rsa -tls1_3 -early_data; then
	run_tp -connect "127.0.0.1:$PORT" -reconnect -early_data "$T/early.txt" \
	    -state </dev/null
	check_begin "0-RTT within -reconnect: accepted on every resumption"
	check_rc 0
	check_no_fail_line
	check_count '^Early data was not sent$' 1
	check_count '^Early data was accepted$' 5
	check_count '^Reused, TLSv1\.3' 5
	check_count 'INFO: sent 19 bytes of early data' 5
	check_srvlog '^Early data received:$' 5
	check_srvlog '^EARLY-0RTT-PAYLOAD$' 5
	check_end
	run_tp -connect "127.0.0.1:$PORT" -msg -reconnect \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT: EndOfEarlyData sent when accepted"
	check_count '^>>> .*EndOfEarlyData' 5
	check_end

	# -sess_in: one ticket, used twice; OpenSSL takes early data once
	run_tp -connect "127.0.0.1:$PORT" -sess_out "$T/s.pem" </dev/null
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/s.pem" \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT with -sess_in: accepted"
	check_rc 0
	check_out '^Reused, TLSv1\.3'
	check_out '^Early data was accepted$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/s.pem" \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT replayed ticket: rejected, handshake goes on"
	check_rc 0
	check_no_fail_line
	check_out '^Early data was rejected$'
	check_end
	stop_servers
else
	fail "0-RTT" "s_server did not start"
fi

# RFC 8446, 4.2.10: 0-RTT under the session's ALPN protocol only; a
# -sess_in session whose protocol -alpn does not offer is refused, as
# s_client stops with "inconsistent early data alpn"
if start_s_server_as rsa -tls1_3 -early_data -alpn h2; then
	run_tp -connect "127.0.0.1:$PORT" -alpn h2 -sess_out "$T/a.pem" \
	    </dev/null
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/a.pem" \
	    -early_data "$T/early.txt" </dev/null
	openssl s_client -connect "127.0.0.1:$PORT" -sess_in "$T/a.pem" \
	    -early_data "$T/early.txt" </dev/null >"$T/sc.out" 2>&1
	check_begin "0-RTT with a -sess_in session's ALPN not offered: refused, as s_client"
	check_rc 2
	check_err "^tlsprobe: -early_data: the -sess_in .*a\\.pem session's ALPN protocol 'h2' is not offered with -alpn"
	grep -q 'inconsistent early data alpn' "$T/sc.out" ||
	    tp_why "s_client did not refuse"
	! grep -q '^EARLY-0RTT-PAYLOAD$' "$SERVER_LOG" ||
	    tp_why "the server received early data"
	check_end
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/a.pem" -alpn h2 \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT with the session's ALPN offered: accepted"
	check_rc 0
	check_out '^Early data was accepted$'
	check_out '^ALPN protocol: h2$'
	check_end
	stop_servers
else
	fail "0-RTT ALPN" "s_server did not start"
fi

# a new server cannot read the old ticket: full handshake, early data
# rejected (the server skips the records it cannot decrypt)
if start_s_server_as rsa -tls1_3 -early_data; then
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/s.pem" \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT with a ticket the server cannot read: rejected"
	check_rc 0
	check_out '^New, TLSv1\.3'
	check_out '^Early data was rejected$'
	check_out '^INFO: session not resumed: the server did not select the PSK'
	check_end
	stop_servers
fi

# -max_early_data 10: the ticket allows 10 bytes, 10 are sent
if start_s_server_as rsa -tls1_3 -early_data -max_early_data 10; then
	run_tp -connect "127.0.0.1:$PORT" -sess_out "$T/m.pem" </dev/null
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/m.pem" -state \
	    -early_data "$T/early.txt" </dev/null
	check_begin "0-RTT limited by max_early_data_size"
	check_rc 0
	check_out 'INFO: early data: 10 of 19 bytes fit'
	check_out 'INFO: sent 10 bytes of early data'
	check_out '^Early data was accepted$'
	check_out '^    Max Early Data: 10$'
	check_srvlog '^EARLY-0RTT'
	! grep -q 'EARLY-0RTT-' "$SERVER_LOG" || tp_why "more than 10 bytes arrived"
	check_end
	stop_servers
fi

# a server without -early_data issues tickets that allow none
if start_s_server_as rsa -tls1_3; then
	run_tp -connect "127.0.0.1:$PORT" -reconnect -early_data "$T/early.txt" \
	    </dev/null
	check_begin "0-RTT not allowed by the ticket: not sent"
	check_rc 0
	check_count '^Early data was not sent$' 6
	check_count '^Reused, TLSv1\.3' 5
	check_end
	stop_servers
fi

run_tp -connect 127.0.0.1:1 -early_data "$T/missing.txt"
check_begin "-early_data missing file: exit 2"
check_rc 2
check_err 'missing\.txt'
check_end

tp_done
