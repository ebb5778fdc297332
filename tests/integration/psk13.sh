# psk13.sh -- TLS 1.3 external PSKs (RFC 8446, 4.2.11): -psk/-psk_identity
# and -psk_session as s_client offers them, against openssl s_server
# (-nocert and with a certificate), gnutls-serv (psk_ke), s_client as the
# other user of the same -psk_session file; wrong key, HRR, a resumption
# ticket offered beside the external PSK.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

K=0123456789abcdef0123456789abcdef

# reused NAME: a certificate-less handshake on the PSK, as s_client prints it
reused() {
	check_begin "$1"
	check_rc 0
	check_no_fail_line
	check_out '^Reused, TLSv1\.3, Cipher is TLS_'
	check_out '^no peer certificate available$'
	check_out '^Verification: OK$'
	check_end
}

# server_got NAME TEXT: the s_server log shows the line we sent
server_got() {
	check_begin "$1"
	grep -q "^$2\$" "$SERVER_LOG" || tp_why "s_server did not print '$2'"
	grep -q '^Reused session-id$' "$SERVER_LOG" ||
	    tp_why "s_server did not report the PSK as reused"
	check_end
}

# --- s_server -nocert: nothing but the PSK -----------------------------------
if start_s_server -tls1_3 -nocert -psk "$K" -psk_identity myid; then
	tp_input 'psk13 hello\n'
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
	    -msg <"$T/in"
	reused "psk13 -psk against s_server -nocert: certificate-less"
	check_begin "psk13 -psk: no Certificate or CertificateVerify read"
	check_not_out '^<<< .*Handshake .*, Certificate$'
	check_not_out 'CertificateVerify'
	check_out '^<<< .*, EncryptedExtensions$'
	check_out 'Server Temp Key: X25519'
	check_end
	server_got "psk13 -psk: application data reaches s_server" \
	    'psk13 hello'
	stop_servers
else
	fail "psk13 s_server -nocert" "s_server did not start"
fi

# the ClientHello bytes: identity "myid", age 0, one SHA-256 binder
if start_s_server -tls1_3 -nocert -psk "$K" -psk_identity myid; then
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
	    -trace </dev/null
	check_begin "psk13 -trace: identity, age 0, a 32-byte binder"
	check_rc 0
	check_out '^            identity \(len=4\), obfuscated_ticket_age=0$'
	check_out '^            binder \(len=32\): [0-9a-f]{64}$'
	check_out '^          selected_identity=0$'
	check_end
	stop_servers
fi

# default identity: Client_identity, as s_client
if start_s_server -tls1_3 -nocert -psk "$K"; then
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" </dev/null
	reused "psk13 default identity Client_identity"
	# a wrong key: s_server rejects the binder with illegal_parameter
	run_tp -connect "127.0.0.1:$PORT" -psk "${K%??}00" </dev/null
	check_begin "psk13 wrong key: FAIL names the alert and the binder"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL alert: server sent fatal alert illegal_parameter \(47\) to a ClientHello offering the external PSK of identity .Client_identity.: .*binder'
	check_end
	stop_servers
fi

# HRR: the second ClientHello carries the PSK with a binder over the HRR
if start_s_server -tls1_3 -nocert -psk "$K" -groups P-256; then
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -msg </dev/null
	reused "psk13 HelloRetryRequest, then the PSK"
	check_begin "psk13 HRR: two ClientHellos, one HelloRetryRequest"
	check_out 'HelloRetryRequest$'
	check_out 'Server Temp Key: (P-256|ECDH, prime256v1)'
	check_end
	stop_servers
fi

# --- s_server with a certificate: the PSK still wins; another identity not --
if start_s_server_as rsa -tls1_3 -psk "$K" -psk_identity myid; then
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
	    </dev/null
	reused "psk13 s_server with a certificate: PSK, no certificate"
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity other \
	    -state </dev/null
	check_begin "psk13 unknown identity: full handshake with certificate"
	check_rc 0
	check_out '^New, TLSv1\.3, Cipher is '
	check_out '^Server certificate$'
	check_out 'INFO: the server did not select the external PSK'
	check_end
	# -reconnect: the ticket first, the external PSK second (libssl's order)
	run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
	    -reconnect -trace </dev/null
	check_begin "psk13 ticket and external PSK offered together"
	check_rc 0
	check_out '^            identity \(len=4\), obfuscated_ticket_age=0$'
	_n=$(grep -c '^Reused, TLSv1\.3' "$T/out")
	[ "$_n" -eq 6 ] || tp_why "$_n Reused lines, want 6"
	_two=$(grep -c '^          binders (len=66)$' "$T/out")
	[ "$_two" -eq 5 ] || tp_why "$_two ClientHellos with two binders, want 5"
	check_out 'INFO: server selected the PSK: resuming'
	check_end
	stop_servers
else
	fail "psk13 s_server with certificate" "s_server did not start"
fi

# --- psk_ke: gnutls-serv that takes PSK without (EC)DHE -----------------------
if tp_have gnutls-serv; then
	printf 'myid:%s\n' "$K" >"$T/psk.passwd"
	if start_gnutls_serv --pskpasswd "$T/psk.passwd" --priority \
	    'NORMAL:-VERS-ALL:+VERS-TLS1.3:-KX-ALL:+PSK'; then
		run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
		    -allow_no_dhe_kex -state </dev/null
		reused "psk13 gnutls-serv psk_ke (-allow_no_dhe_kex)"
		check_begin "psk13 psk_ke: no (EC)DHE"
		check_out 'INFO: resumed with psk_ke'
		check_not_out 'Server Temp Key'
		check_end
		run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
		    </dev/null
		check_begin "psk13 psk_dhe_ke only: gnutls psk_ke server refuses"
		check_rc 1
		check_fail_line 'handshake_failure'
		check_end
		stop_servers
	else
		fail "psk13 gnutls-serv psk_ke" "gnutls-serv did not start"
	fi
	if start_gnutls_serv --pskpasswd "$T/psk.passwd" --priority \
	    'NORMAL:-VERS-ALL:+VERS-TLS1.3:-KX-ALL:+ECDHE-PSK'; then
		run_tp -connect "127.0.0.1:$PORT" -psk "$K" -psk_identity myid \
		    </dev/null
		reused "psk13 gnutls-serv psk_dhe_ke"
		check_begin "psk13 gnutls psk_dhe_ke: (EC)DHE share"
		check_out 'Server Temp Key: '
		check_end
		stop_servers
	fi
else
	skip "psk13 gnutls-serv" "gnutls-serv not installed"
fi

# --- -psk_session: the session's master key and suite ------------------------
# sclient ARGS...: s_client against $PORT, its output in $T/sc.out
sclient() {
	(sleep 1; printf 'from s_client\n') | timeout 10 openssl s_client \
	    -connect "127.0.0.1:$PORT" "$@" >"$T/sc.out" 2>&1
}

for suite in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384; do
	if ! start_s_server_as rsa -tls1_3; then
		fail "psk13 session file $suite" "s_server did not start"
		continue
	fi
	rm -f "$T/sc.pem" "$T/tp.pem"
	sclient -ciphersuites "$suite" -sess_out "$T/sc.pem"
	run_tp -connect "127.0.0.1:$PORT" -ciphersuites "$suite" \
	    -sess_out "$T/tp.pem" </dev/null
	stop_servers
	[ -s "$T/sc.pem" ] || fail "psk13 $suite: s_client wrote a session" \
	    "no file"
	# s_client's file in s_server -psk_session, tlsprobe uses it
	if start_s_server -tls1_3 -nocert -psk_session "$T/sc.pem"; then
		tp_input 'over the session PSK\n'
		run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/sc.pem" \
		    <"$T/in"
		reused "psk13 -psk_session s_client's $suite file"
		check_begin "psk13 -psk_session $suite: the session's suite"
		check_out "^Reused, TLSv1\\.3, Cipher is $suite\$"
		check_end
		server_got "psk13 -psk_session $suite: s_server reads our data" \
		    'over the session PSK'
		# -psk_session wins over -psk, as in s_client
		run_tp -connect "127.0.0.1:$PORT" -psk "${K%??}00" \
		    -psk_session "$T/sc.pem" </dev/null
		reused "psk13 -psk_session $suite takes precedence over -psk"
		stop_servers
	fi
	# our file in s_server -psk_session; s_client uses the same file
	if start_s_server -tls1_3 -nocert -psk_session "$T/tp.pem"; then
		run_tp -connect "127.0.0.1:$PORT" -psk_session "$T/tp.pem" \
		    </dev/null
		reused "psk13 -psk_session tlsprobe's $suite file"
		# s_client keeps its suite order (AES-256 first); s_server
		# -psk_session follows it, so a SHA-256 session needs this
		sclient -ciphersuites "$suite" -psk_session "$T/tp.pem"
		check_begin "psk13 s_client -psk_session tlsprobe's $suite file"
		# s_server picks a suite of the PSK's hash, s_client's order
		grep -q "^Reused, TLSv1.3, Cipher is TLS_" "$T/sc.out" ||
		    tp_why "s_client did not reuse the PSK"
		check_end
		stop_servers
	fi
done

# --- usage errors -------------------------------------------------------------
run_tp -connect 127.0.0.1:1 -psk_session "$T/nonexistent.pem" </dev/null
check_begin "psk13 -psk_session missing file: exit 2 naming it"
check_rc 2
check_err '-psk_session .*nonexistent\.pem: No such file'
check_end

if start_s_server_as rsa -tls1_2; then
	rm -f "$T/t12.pem"
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -sess_out "$T/t12.pem" \
	    </dev/null
	stop_servers
	run_tp -connect 127.0.0.1:1 -psk_session "$T/t12.pem" </dev/null
	check_begin "psk13 -psk_session with a TLS 1.2 session: exit 2"
	check_rc 2
	check_err '-psk_session .*: the session is not TLS 1.3'
	check_end
fi

# -tls1_2: the external PSK is TLS 1.3 only, nothing is offered
if start_s_server -tls1_3 -nocert -psk "$K"; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -psk "$K" -ciphersuites \
	    TLS_AES_256_GCM_SHA384 -state </dev/null
	check_begin "psk13 no SHA-256 suite offered: the -psk key is not sent"
	check_rc 1
	check_out 'INFO: external PSK not offered: no TLS 1.3 suite with the hash of TLS_AES_128_GCM_SHA256'
	check_end
	stop_servers
fi

tp_done
