# failures.sh -- what tlsprobe says and how it exits when things go wrong:
# exactly one "tlsprobe: FAIL " line on stderr, and exit 1 (handshake
# failed) or 3 (cannot connect).

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary


# --- no cipher suite in common ----------------------------------------------
# -tls1_2 on the server: TLS 1.3 suites are configured apart from -cipher.
if start_s_server_as rsa -tls1_2 -cipher AES256-SHA; then
	run_tp -connect "127.0.0.1:$PORT" -cipher ECDHE-RSA-AES128-GCM-SHA256
	check_begin "fail: cipher mismatch is a handshake_failure alert"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL negotiation: handshake failed after ClientHello: server sent fatal alert handshake_failure \(40\), '
	check_not_out '^    Protocol  :'
	check_end
	stop_servers
else
	fail "fail: cipher mismatch" "s_server did not start"
fi

# --- no protocol version in common ------------------------------------------
if start_s_server_as rsa -tls1_2; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_3
	check_begin "fail: -tls1_3 against a TLS 1.2-only server"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL version: server rejected the offered protocol versions after ClientHello: fatal alert protocol_version \(70\); offered TLS 1\.3, 3 cipher suites '
	check_end
	stop_servers
else
	fail "fail: -tls1_3 vs TLS 1.2" "s_server did not start"
fi

if start_s_server_as rsa -tls1_3; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_2
	check_begin "fail: -tls1_2 against a TLS 1.3-only server"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL version: server rejected the offered protocol versions after ClientHello: fatal alert protocol_version \(70\); offered TLS 1\.2, '
	check_end
	stop_servers
else
	fail "fail: -tls1_2 vs TLS 1.3" "s_server did not start"
fi

# --- cannot connect -------------------------------------------------------
port=$(free_port)
run_tp -connect "127.0.0.1:$port"
check_begin "fail: closed port exits 3, class refused"
check_rc 3
check_fail_line "^tlsprobe: FAIL refused: cannot connect to 127\\.0\\.0\\.1:$port: Connection refused\$"
check_end

run_tp -connect nosuchhost.invalid:443
check_begin "fail: unresolvable name exits 3, class resolve"
check_rc 3
check_fail_line '^tlsprobe: FAIL resolve: cannot resolve nosuchhost\.invalid: '
check_end

# The broadcast address: connect(2) fails at once (no SO_BROADCAST), so
# nothing is sent anywhere: any other connect error is class connect.
run_tp -connect 255.255.255.255:443 -timeout 1
check_begin "fail: connect error other than refused/timeout exits 3, class connect"
check_rc 3
check_fail_line '^tlsprobe: FAIL connect: cannot connect to 255\.255\.255\.255:443: '
check_end

# --- timeouts -----------------------------------------------------------------
if ! tp_have "$TP_PYTHON"; then
	skip "fail: silent server times out" "python3 not installed"
	skip "fail: connect timeout" "python3 not installed"
else
	if start_py_server silent; then
		run_tp -connect "127.0.0.1:$PORT" -timeout 1
		check_begin "fail: silent server, -timeout 1: exit 1 within 3 s, class timeout"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL timeout: no answer from the server within the timeout of 1 s after ClientHello \(nothing received at all\); '
		check_elapsed_max 3000
		check_end
		stop_servers
	else
		fail "fail: silent server" "python3 listener did not start"
	fi

	if start_py_server backlog; then
		run_tp -connect "127.0.0.1:$PORT" -timeout 1
		check_begin "fail: connect timeout, -timeout 1: exit 3 within 3 s, class timeout"
		check_rc 3
		check_fail_line '^tlsprobe: FAIL timeout: cannot connect to 127\.0\.0\.1:[0-9]+: no answer within 1000 ms'
		check_elapsed_max 3000
		check_end
		stop_servers
	else
		fail "fail: connect timeout" "python3 listener did not start"
	fi

	if start_py_server garbage; then
		run_tp -connect "127.0.0.1:$PORT" -timeout 5
		check_begin "fail: a peer that does not speak TLS: exit 1, class not-tls, quoted"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL not-tls: the server.s reply comes from an HTTP server \(plaintext HTTP on this port\): "HTTP/1\.0 400 Bad Request"$'
		check_end
		stop_servers
	else
		fail "fail: non-TLS peer" "python3 listener did not start"
	fi
fi

# --- the server wants a client certificate we do not have --------------------
if start_s_server_as rsa -tls1_2 -Verify 1 -verify_return_error; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "fail: TLS 1.2 server demands a client certificate: exit 1, class client-cert"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL client-cert: server requires a client certificate: it sent CertificateRequest, tlsprobe sent none \(give one with -cert and -key\), and the server answered with fatal alert handshake_failure \(40\) while waiting for the server ChangeCipherSpec; it named no acceptable CA$'
	check_end
	stop_servers
else
	fail "fail: client certificate required" "s_server did not start"
fi

tp_done
