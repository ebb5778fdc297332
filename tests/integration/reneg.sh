# reneg.sh -- renegotiation (TLS 1.2, RFC 5746) started by tlsprobe's R
# command and by the server's HelloRequest (s_server reads r on its
# stdin, the $T/hold FIFO), TLS 1.3 KeyUpdate both ways (k, K), Q, and
# the commands being off under -nocommands, -quiet and -ign_eof.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# to_server TEXT: type TEXT on the server's stdin
to_server() {
	printf '%s\n' "$1" >"$T/hold"
}

# --- R: client-initiated renegotiation ---------------------------------
if start_s_server_as rsa -tls1_2 -client_renegotiation; then
	mkfifo "$T/cin"
	(sleep 0.5; printf 'R\n'; sleep 0.7; printf 'after-renegotiation\n';
	    sleep 0.5) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -state -msg <"$T/cin"
	check_begin "reneg R: RENEGOTIATING and a second full handshake"
	check_rc 0
	check_no_fail_line
	check_err '^RENEGOTIATING$'
	check_count_err '^SSL_connect:SSLv3/TLS write client hello$' 2
	check_count_err '^SSL_connect:SSLv3/TLS read server done$' 2
	check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
	check_count '^>>> .*ClientHello' 2
	check_out 'INFO: renegotiation_info carries both verify_data \(RFC 5746\)'
	check_srvlog '^after-renegotiation$'
	check_end
	rm -f "$T/cin"
	stop_servers
else
	fail "reneg R" "s_server did not start"
fi

# a server that refuses client renegotiation (OpenSSL 3's default) sends
# a no_renegotiation warning; the connection goes on
if start_s_server_as rsa -tls1_2; then
	mkfifo "$T/cin"
	(sleep 0.5; printf 'R\n'; sleep 0.7; printf 'still-here\n';
	    sleep 0.5) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -msg <"$T/cin"
	check_begin "reneg R declined by the server: the connection goes on"
	check_rc 0
	check_no_fail_line
	check_err '^RENEGOTIATING$'
	check_err 'the server declined to renegotiate'
	check_out '^<<< TLS 1\.2, Alert \[length 0002\], warning no_renegotiation'
	check_srvlog '^still-here$'
	check_end
	rm -f "$T/cin"
	stop_servers
else
	fail "reneg declined" "s_server did not start"
fi

# --- HelloRequest: server-initiated renegotiation ------------------------
if start_s_server_as rsa -tls1_2; then
	mkfifo "$T/cin"
	(sleep 0.6; to_server r; sleep 0.8; printf 'after-server-reneg\n';
	    sleep 0.5) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -state -msg <"$T/cin"
	check_begin "reneg HelloRequest from s_server: renegotiated"
	check_rc 0
	check_no_fail_line
	check_out '^<<< TLS 1\.2, Handshake \[length 0004\], HelloRequest'
	check_out 'INFO: server asked to renegotiate \(HelloRequest\)'
	check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
	check_srvlog 'SSL_do_handshake -> 1'
	check_srvlog '^after-server-reneg$'
	check_end
	rm -f "$T/cin"
	stop_servers
else
	fail "reneg HelloRequest" "s_server did not start"
fi

# -no_renegotiation, as s_client: R prints OpenSSL's error line and the
# session goes on; a HelloRequest is declined with a warning (to which
# OpenSSL's server answers with a fatal handshake_failure)
if start_s_server_as rsa -tls1_2 -client_renegotiation; then
	mkfifo "$T/cin"
	(sleep 0.5; printf 'R\n'; sleep 0.5; printf 'still-talking\n';
	    sleep 0.5) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -state -no_renegotiation <"$T/cin"
	check_begin "reneg -no_renegotiation: R refused with OpenSSL's line, the session goes on"
	check_rc 0
	check_no_fail_line
	check_err '^RENEGOTIATING$'
	check_err '^tlsprobe:error:0A000153:SSL routines::no renegotiation$'
	check_count_err '^SSL_connect:SSLv3/TLS write client hello$' 1
	check_srvlog '^still-talking$'
	check_end
	rm -f "$T/cin"
	stop_servers
else
	fail "reneg -no_renegotiation R" "s_server did not start"
fi
if start_s_server_as rsa -tls1_2; then
	mkfifo "$T/cin"
	(sleep 0.6; to_server r; sleep 1) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -state -msg -no_renegotiation \
	    <"$T/cin"
	check_begin "reneg -no_renegotiation: the HelloRequest is declined with a warning"
	check_out '^<<< TLS 1\.2, Handshake \[length 0004\], HelloRequest'
	check_out 'INFO: server asked to renegotiate; declining: -no_renegotiation'
	check_out '^>>> TLS 1\.2, Alert \[length 0002\], warning no_renegotiation'
	check_err '^SSL3 alert write:warning:no renegotiation$'
	check_count_err '^SSL_connect:SSLv3/TLS write client hello$' 1
	check_end
	rm -f "$T/cin"
	stop_servers
else
	fail "reneg -no_renegotiation HelloRequest" "s_server did not start"
fi

# -legacy_server_connect (the SCSV on the first ClientHello): the
# renegotiating ClientHello carries the extension instead (RFC 5746, 3.5)
if start_s_server_as rsa -tls1_2; then
	mkfifo "$T/cin"
	(sleep 0.6; to_server r; sleep 0.8; printf 'scsv-reneg\n';
	    sleep 0.5) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -state -legacy_server_connect \
	    <"$T/cin"
	check_begin "reneg after the SCSV: renegotiated"
	check_rc 0
	check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
	check_srvlog '^scsv-reneg$'
	check_end
	rm -f "$T/cin"
	stop_servers
fi

# --- TLS 1.3: KeyUpdate both ways, R ignored, Q quits ----------------------
if start_s_server_as rsa -tls1_3; then
	mkfifo "$T/cin"
	(sleep 0.5; printf 'k\n'; sleep 0.3; printf 'K\n'; sleep 0.3;
	    printf 'one\n'; to_server K; sleep 0.5; printf 'two\n'; sleep 0.3;
	    printf 'R\nQ\nafter-Q\n'; sleep 1) >"$T/cin" &
	run_tp -connect "127.0.0.1:$PORT" -msg -state <"$T/cin"
	check_begin "keyupdate k and K: KEYUPDATE, new keys both ways"
	check_rc 0
	check_no_fail_line
	_k=$(grep -c '^KEYUPDATE$' "$T/err")
	[ "$_k" -eq 2 ] || tp_why "$_k KEYUPDATE lines on stderr, want 2"
	check_out 'INFO: sent KeyUpdate \(update_not_requested\)'
	check_out 'INFO: sent KeyUpdate \(update_requested\)'
	check_out 'INFO: server updated its traffic keys and asked us to update ours'
	check_srvlog '^one$'
	check_srvlog '^two$'
	check_err '^RENEGOTIATING$'
	check_out 'TLS 1\.3 has no renegotiation'
	check_end
	check_begin "keyupdate Q quits: close_notify, later input not sent"
	check_out '^>>> TLS 1\.2, Alert \[length 0002\], warning close_notify'
	! grep -q 'after-Q' "$SERVER_LOG" || tp_why "the line after Q was sent"
	check_end
	rm -f "$T/cin"

	# commands off: the letters are data
	for opt in -nocommands -ign_eof; do
		mkfifo "$T/cin"
		(sleep 0.5; printf 'k\nR\n'; sleep 0.5) >"$T/cin" &
		run_tp -connect "127.0.0.1:$PORT" "$opt" <"$T/cin"
		check_begin "commands off under $opt: k and R are sent as data"
		check_not_err 'KEYUPDATE|RENEGOTIATING'
		check_srvlog '^k$'
		check_srvlog '^R$'
		check_end
		rm -f "$T/cin"
	done
	stop_servers
else
	fail "keyupdate" "s_server did not start"
fi

tp_done
