# diagnose.sh -- failure classes, their exit codes and verdicts: one real
# server configuration per class that produces it (issue: negotiation
# diagnosis).  -diagnose probes are checked for the verdict they reach.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# --- version: a TLS 1.0-only server against the default offer -------------
if start_s_server_as rsa -tls1 -cipher 'DEFAULT@SECLEVEL=0'; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "diag: TLS 1.0-only server: class version, exit 1"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL version: .*protocol_version'
	check_fail_line 'run with -diagnose'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -diagnose
	check_begin "diag: TLS 1.0-only server: verdict names TLS 1.0 and -tls1"
	check_rc 1
	check_out '^VERDICT server speaks only TLS 1\.0 \(you offered TLS 1\.2 to TLS 1\.3\): enable TLS 1\.0 on the client \(-tls1\)'
	check_out '^PROBE probe 2 \(-tls1, every suite and group\): ServerHello TLS 1\.0'
	check_out '^PROBE probe 1 \(SSL 3\.0 \(no option\), every suite and group\): '
	check_not_out '^PROBE .*-ssl3'
	check_fail_line '^tlsprobe: FAIL version: .*diagnosis: server speaks only TLS 1\.0'
	check_end
	stop_servers
else
	fail "diag: TLS 1.0-only server" "s_server did not start"
fi

# --- no shared cipher suite ---------------------------------------------
if start_s_server_as rsa -tls1_2 -cipher AES256-GCM-SHA384; then
	run_tp -connect "127.0.0.1:$PORT" -cipher ECDHE-RSA-AES128-GCM-SHA256
	check_begin "diag: single-suite server vs disjoint -cipher: class negotiation"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL negotiation: .*handshake_failure \(40\).*; most likely what you narrowed: the cipher suites \(you offered 1: ECDHE-RSA-AES128-GCM-SHA256\); otherwise no shared protocol version, TLS 1\.3 cipher suite, group or signature algorithm, or SNI required \(none was sent\); offered TLS 1\.2-1\.3, 4 cipher suites '
	check_not_err 'shared cipher suite.*shared cipher suite'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -cipher ECDHE-RSA-AES128-GCM-SHA256 -diagnose
	check_begin "diag: single-suite server: verdict no-shared-cipher names the suite"
	check_rc 1
	check_out '^VERDICT no shared cipher suite: server accepts AES256-GCM-SHA384 \(RSA kex\) only; you offered 1 ECDHE suite'
	check_fail_line '^tlsprobe: FAIL no-shared-cipher: '
	check_end
	stop_servers
else
	fail "diag: single-suite server" "s_server did not start"
fi

# --- no shared group (TLS 1.2: no HelloRetryRequest to save the day) -----
if start_s_server_as rsa -tls1_2 -groups P-384; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -groups X25519 \
	    -cipher ECDHE-RSA-AES128-GCM-SHA256 -diagnose
	check_begin "diag: -groups P-384 server vs -groups X25519 on TLS 1.2: no-shared-group"
	check_rc 1
	check_out '^VERDICT no shared group: server accepts only P-384 for key exchange; you offered X25519'
	check_fail_line '^tlsprobe: FAIL no-shared-group: '
	check_end
	stop_servers
else
	fail "diag: P-384 server" "s_server did not start"
fi

# --- the same in TLS 1.3 succeeds through a HelloRetryRequest -----------
if start_s_server_as rsa -tls1_3 -groups P-384; then
	run_tp -connect "127.0.0.1:$PORT" -state
	check_begin "diag: TLS 1.3 -groups P-384 server: HRR, then success"
	check_summary TLSv1.3 TLS_AES_128_GCM_SHA256
	check_out '^INFO: HelloRetryRequest: server asked to retry with group P-384'
	check_out '^Server Temp Key: ECDH, secp384r1, 384 bits$'
	check_end
	stop_servers
else
	fail "diag: TLS 1.3 P-384 server" "s_server did not start"
fi

# --- SNI: a name the server refuses ------------------------------------
if start_s_server_as rsa -servername good.example -servername_fatal \
    -cert2 "$CERTS/rsa.crt" -key2 "$CERTS/rsa.key"; then
	run_tp -connect "127.0.0.1:$PORT" -servername bad.example
	check_begin "diag: -servername_fatal server, wrong name: class sni"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL sni: server does not know the name "bad\.example"'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -servername bad.example -diagnose
	check_begin "diag: wrong SNI: verdict says it works without the name"
	check_rc 1
	check_out '^VERDICT server rejects the name sent in SNI: handshake succeeds without -servername'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -servername good.example
	check_begin "diag: -servername_fatal server, right name: ok"
	check_rc 0
	check_end
	stop_servers
else
	fail "diag: servername_fatal server" "s_server did not start"
fi

# --- SNI required: s_server accepts a missing name, so a Python peer ----
SNI_SERVER='
import socket, ssl, sys
port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
def need_name(sock, name, c):
    if name is None:
        return ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE
    return None
ctx.sni_callback = need_name
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(16)
while True:
    c, _ = s.accept()
    try:
        t = ctx.wrap_socket(c, server_side=True)
        t.unwrap()
    except Exception:
        pass
    c.close()
'
if tp_have "$TP_PYTHON"; then
	TP_PYSERVER=$SNI_SERVER
	if start_py_server "$CERTS/rsa.crt" "$CERTS/rsa.key"; then
		run_tp -connect "127.0.0.1:$PORT" -diagnose
		check_begin "diag: server that needs SNI, none sent: verdict sni"
		check_rc 1
		check_out '^VERDICT server requires SNI: handshake succeeds with -servername'
		# RFC 6066, 3: the probe sends the name 127.0.0.1 resolves
		# back to, never the address itself
		check_out '^PROBE probe [0-9]+ \(-servername localhost, everything else wide\): ServerHello'
		check_not_out '^PROBE .*-servername 127\.0\.0\.1'
		check_fail_line '^tlsprobe: FAIL sni: '
		check_end
		run_tp -connect "127.0.0.1:$PORT" -servername localhost
		check_begin "diag: server that needs SNI, name sent: ok"
		check_rc 0
		check_end
		stop_servers
	else
		fail "diag: SNI-required server" "python server did not start"
	fi
else
	skip "diag: SNI-required server" "no python3"
fi

# --- client certificate required ----------------------------------------
for v in tls1_2 tls1_3; do
	if start_s_server_as rsa "-$v" -Verify 1; then
		run_tp -connect "127.0.0.1:$PORT"
		check_begin "diag: -Verify 1 server ($v), no client cert: class client-cert"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL client-cert: server requires a client certificate'
		# s_client's closing block shows what the server asked for
		check_out '^Requested Signature Algorithms: '
		check_out '^Client certificate sent: none$'
		check_end
		stop_servers
	else
		fail "diag: client-auth server ($v)" "s_server did not start"
	fi
done

# --- not TLS: an HTTP server ---------------------------------------------
HTTP_SERVER='
import http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Quiet).serve_forever()
'
if tp_have "$TP_PYTHON"; then
	TP_PYSERVER=$HTTP_SERVER
	if start_py_server; then
		run_tp -connect "127.0.0.1:$PORT"
		check_begin "diag: plain HTTP server: class not-tls, says HTTP"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL not-tls: the server.s reply is an HTML page, from an HTTP server: "<!DOCTYPE HTML>"$'
		check_end
		stop_servers
	else
		fail "diag: HTTP server" "python server did not start"
	fi
else
	skip "diag: HTTP server" "no python3"
fi

# --- a listener that never answers: the timeout names the phase ---------
SILENT_SERVER='
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(16)
held = []
while True:
    c, _ = s.accept()
    held.append(c)
'
if tp_have "$TP_PYTHON"; then
	TP_PYSERVER=$SILENT_SERVER
	if start_py_server; then
		run_tp -connect "127.0.0.1:$PORT" -timeout 1
		check_begin "diag: silent listener: class timeout, after ClientHello"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL timeout: no answer from the server within the timeout of 1 s after ClientHello \(nothing received at all\)'
		check_elapsed_max 4000
		check_end
		stop_servers
	else
		fail "diag: silent server" "python server did not start"
	fi
fi

# --- GnuTLS answers a version mismatch with handshake_failure: the alert
# alone misleads, the probes pin it -------------------------------------
if tp_have gnutls-serv && start_gnutls_serv_as rsa \
    --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2'; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_3
	check_begin "diag: gnutls-serv TLS 1.2 only vs -tls1_3: the version, which the user narrowed, ranks first"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL negotiation: handshake failed after ClientHello: server sent fatal alert handshake_failure \(40\), so it found nothing acceptable in the ClientHello; most likely what you narrowed: the protocol version \(you offered only TLS 1\.3\); otherwise no shared cipher suite, group or signature algorithm, or SNI required \(none was sent\); offered TLS 1\.3, 3 cipher suites '
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -cipher ECDHE-RSA-AES128-GCM-SHA256 -ciphersuites TLS_AES_128_GCM_SHA256
	check_begin "diag: one suite offered: '1 cipher suite', not '1 cipher suites'"
	check_rc 1
	check_fail_line '; offered TLS 1\.3, 1 cipher suite '
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -diagnose
	check_begin "diag: gnutls-serv TLS 1.2 only vs -tls1_3: verdict version"
	check_rc 1
	check_out '^VERDICT server speaks only TLS 1\.2 \(you offered TLS 1\.3\): enable TLS 1\.2 on the client \(-tls1_2\)'
	check_fail_line '^tlsprobe: FAIL version: '
	check_end
	stop_servers
else
	skip "diag: gnutls-serv version mismatch" "gnutls-serv did not start"
fi

# --- no shared signature algorithm: an ECDSA server, RSA-only schemes ----
if start_s_server_as ec; then
	run_tp -connect "127.0.0.1:$PORT" -sigalgs \
	    rsa_pss_rsae_sha256:rsa_pkcs1_sha256 -diagnose
	check_begin "diag: ECDSA server vs RSA-only -sigalgs: no-shared-sigalg"
	check_rc 1
	check_out '^VERDICT no shared signature algorithm: .*you offered \(rsa_pss_rsae_sha256, rsa_pkcs1_sha256\)'
	check_fail_line '^tlsprobe: FAIL no-shared-sigalg: '
	check_end
	stop_servers
else
	fail "diag: ECDSA server" "s_server did not start"
fi

# --- ALPN: a server that refuses the protocol offered --------------------
if tp_have gnutls-serv && start_gnutls_serv_as rsa --alpn=h2 --alpn-fatal; then
	run_tp -connect "127.0.0.1:$PORT" -alpn spdy/3
	check_begin "diag: gnutls-serv --alpn-fatal vs -alpn spdy/3: class alpn"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL alpn: server accepts none of the ALPN protocols offered \(spdy/3\): fatal alert no_application_protocol \(120\) after ClientHello'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -alpn spdy/3 -diagnose
	check_begin "diag: -alpn spdy/3 -diagnose: probes leave ALPN out, verdict alpn"
	check_rc 1
	check_out '^PROBE probe 5 \(-tls1_3, every suite and group\): ServerHello TLS 1\.3'
	check_out '^PROBE probe [0-9]+ \(-tls1_3 with your options but no -alpn\): ServerHello TLS 1\.3'
	check_out '^VERDICT server accepts none of the ALPN protocols you offered \(spdy/3\): the same hello without -alpn succeeds \[probe [0-9]+ '
	check_fail_line '^tlsprobe: FAIL alpn: '
	check_end
	run_tp -connect "127.0.0.1:$PORT" -alpn h2
	check_begin "diag: gnutls-serv --alpn-fatal vs -alpn h2: ok"
	check_rc 0
	check_out '^ALPN protocol: h2$'
	check_end
	stop_servers
else
	skip "diag: gnutls-serv ALPN" "gnutls-serv did not start"
fi

# --- servers that accept nothing tlsprobe can offer: the verdict is
# inconclusive and never less specific than the FAIL line ---------------
for srv in "ec -tls1_2 -cipher aRSA"; do
	set -- $srv
	k=$1
	shift
	if [ "$k" = none ]; then
		start_s_server -nocert "$@"
	else
		start_s_server_as "$k" "$@"
	fi || {
		fail "diag: s_server $srv" "s_server did not start"
		continue
	}
	run_tp -connect "127.0.0.1:$PORT" -diagnose
	check_begin "diag: s_server $srv: verdict inconclusive, class negotiation kept"
	check_rc 1
	check_out '^VERDICT inconclusive: the server speaks TLS but refused every probe'
	check_not_out '^VERDICT server answered no probe'
	# RFC 6066, 3: no IP address as server_name, in any probe
	check_not_out '^PROBE .*-servername 127\.0\.0\.1'
	check_fail_line '^tlsprobe: FAIL negotiation: .*; diagnosis: inconclusive: '
	check_end
	stop_servers
done

# --- a server with only anonymous suites: tlsprobe completes them (issue
# 12) but never offers them unasked, so the probes name them ------------
if start_s_server -nocert -tls1_2 -cipher 'aNULL:@SECLEVEL=0'; then
	run_tp -connect "127.0.0.1:$PORT" -diagnose
	check_begin "diag: s_server -cipher aNULL: no shared cipher suite, the ADH suites named"
	check_rc 1
	check_out '^VERDICT no shared cipher suite: server accepts ADH-[A-Z0-9-]+ \(ADH kex\)'
	check_fail_line '^tlsprobe: FAIL no-shared-cipher: .*; diagnosis: no shared cipher suite: server accepts ADH-'
	check_end
	stop_servers
else
	fail "diag: s_server -cipher aNULL" "s_server did not start"
fi

# --- a closed port: exit 3 ----------------------------------------------
PORT=$(free_port)
run_tp -connect "127.0.0.1:$PORT"
check_begin "diag: closed port: class refused, exit 3"
check_rc 3
check_fail_line '^tlsprobe: FAIL refused: cannot connect to 127\.0\.0\.1:[0-9]+: Connection refused'
check_end

tp_done
