# tls13.sh -- TLS 1.3 against openssl s_server: cipher suites, groups,
# HelloRetryRequest, certificate types, key log, -msg and -trace; and the
# old versions, TLS 1.0 and 1.1, when asked for.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary


# www_ok NAME: a GET through the data phase came back whole.
www_ok() {
	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" "$@" <"$T/in"
	check_rc 0
	check_out '^HTTP/1\.0 200 ok'
	check_out 'Ciphers supported in s_server binary'
	check_out '</BODY></HTML>'
}

# --- default client, default server -----------------------------------------
if start_s_server_as rsa; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls13 default client and server negotiate TLS 1.3"
	check_rc 0
	check_first_line '^CONNECTED\('
	check_out '^New, TLSv1\.3, Cipher is TLS_'
	check_out '^    Protocol  : TLSv1\.3$'
	check_no_fail_line
	check_end
	stop_servers
else
	fail "tls13 default" "s_server did not start"
fi

# --- cipher suites (server restricts) ---------------------------------------
for suite in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 \
    TLS_CHACHA20_POLY1305_SHA256; do
	if ! start_s_server_as rsa -tls1_3 -www -ciphersuites "$suite"; then
		fail "tls13 $suite" "s_server did not start"
		continue
	fi
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls13 $suite handshake"
	check_summary TLSv1.3 "$suite"
	check_end
	check_begin "tls13 $suite data round trip"
	www_ok
	check_out "Cipher is $suite"
	check_end
	stop_servers
done

# --- TLS_AES_128_CCM_SHA256: not in anyone's default list; the client asks --
if start_s_server_as rsa -tls1_3 -www -ciphersuites \
    TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256; then
	run_tp -connect "127.0.0.1:$PORT" -ciphersuites TLS_AES_128_CCM_SHA256
	check_begin "tls13 TLS_AES_128_CCM_SHA256 handshake"
	check_summary TLSv1.3 TLS_AES_128_CCM_SHA256
	check_end
	check_begin "tls13 TLS_AES_128_CCM_SHA256 data round trip"
	www_ok -ciphersuites TLS_AES_128_CCM_SHA256
	check_out 'Cipher is TLS_AES_128_CCM_SHA256'
	check_end
	stop_servers
else
	fail "tls13 TLS_AES_128_CCM_SHA256" "s_server did not start"
fi

# --- key exchange groups: both ends limited to one ---------------------------
for g in X25519 P-256 P-384 P-521 X448 ffdhe2048; do
	if ! start_s_server_as rsa -tls1_3 \
	    -ciphersuites TLS_AES_128_GCM_SHA256 -groups "$g"; then
		fail "tls13 group $g" "s_server did not start"
		continue
	fi
	run_tp -connect "127.0.0.1:$PORT" -groups "$g"
	check_begin "tls13 group $g"
	check_summary TLSv1.3 TLS_AES_128_GCM_SHA256
	check_end
	stop_servers
done

# --- HelloRetryRequest: the server wants a group the client has no share for
# RFC 8446, 4.1.4.  The default client sends one share (X25519 first, as
# everyone does); a P-384-only server has to ask again.
if start_s_server_as rsa -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
    -groups P-384; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls13 HelloRetryRequest handshake"
	check_summary TLSv1.3 TLS_AES_128_GCM_SHA256
	check_end

	run_tp -connect "127.0.0.1:$PORT" -msg
	check_begin "tls13 HelloRetryRequest shown by -msg"
	check_rc 0
	check_anyi '^<<< .*hello ?retry ?request'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -state
	check_begin "tls13 HelloRetryRequest shown by -state"
	check_rc 0
	# s_client's state names (stderr): the retry is a second server
	# hello; tlsprobe names it in an INFO line (stdout)
	check_out '^INFO: HelloRetryRequest: server asked to retry with group P-384$'
	[ "$(grep -c '^SSL_connect:SSLv3/TLS read server hello$' "$T/err")" = 2 ] ||
	    tp_why "stderr lacks two 'read server hello' states"
	[ "$(grep -c '^SSL_connect:SSLv3/TLS write client hello$' "$T/err")" = 2 ] ||
	    tp_why "stderr lacks two 'write client hello' states"
	check_end
	stop_servers
else
	fail "tls13 HelloRetryRequest" "s_server did not start"
fi

# --- server certificate types: each needs its own CertificateVerify scheme --
for key in rsa rsapss ec ed25519; do
	if ! start_s_server_as "$key" -tls1_3 \
	    -ciphersuites TLS_AES_128_GCM_SHA256; then
		fail "tls13 $key certificate" "s_server did not start"
		continue
	fi
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls13 $key certificate"
	check_summary TLSv1.3 TLS_AES_128_GCM_SHA256
	check_end
	stop_servers
done

# --- key log, checked against the server's --------------------------------
if start_s_server_as rsa -tls1_3 -keylogfile "$T/server.keys"; then
	run_tp -connect "127.0.0.1:$PORT" -keylogfile "$T/client.keys"
	check_begin "tls13 -keylogfile matches the server's"
	check_rc 0
	check_keylog "$T/client.keys" "$T/server.keys" \
	    CLIENT_HANDSHAKE_TRAFFIC_SECRET SERVER_HANDSHAKE_TRAFFIC_SECRET \
	    CLIENT_TRAFFIC_SECRET_0 SERVER_TRAFFIC_SECRET_0
	check_end
	stop_servers
else
	fail "tls13 -keylogfile" "s_server did not start"
fi

# --- -msg, -state and -trace ----------------------------------------------
if start_s_server_as rsa -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256; then
	run_tp -connect "127.0.0.1:$PORT" -msg
	check_begin "tls13 -msg"
	check_rc 0
	h='Handshake \[length [0-9a-fA-F]{4}\]'
	check_any "^>>> TLS 1\\.[0-3], $h, ClientHello\$"
	check_any "^<<< TLS 1\\.[23], $h, ServerHello\$"
	check_any "^<<< TLS 1\\.[23], $h, EncryptedExtensions\$"
	check_any "^<<< TLS 1\\.[23], $h, Certificate\$"
	check_any "^<<< TLS 1\\.[23], $h, CertificateVerify\$"
	check_any "^<<< TLS 1\\.[23], $h, Finished\$"
	check_any "^>>> TLS 1\\.[23], $h, Finished\$"
	check_any '^    [0-9a-fA-F]{2} [0-9a-fA-F]{2} '
	check_end

	run_tp -connect "127.0.0.1:$PORT" -state
	check_begin "tls13 -state"
	check_rc 0
	# s_client's names and stream (stderr)
	check_err_order '^SSL_connect:before SSL initialization$' \
	    '^SSL_connect:SSLv3/TLS write client hello$' \
	    '^SSL_connect:SSLv3/TLS read server hello$' \
	    '^SSL_connect:TLSv1.3 read encrypted extensions$' \
	    '^SSL_connect:SSLv3/TLS read server certificate$' \
	    '^SSL_connect:TLSv1.3 read server certificate verify$' \
	    '^SSL_connect:SSLv3/TLS read finished$' \
	    '^SSL_connect:SSLv3/TLS write change cipher spec$' \
	    '^SSL_connect:SSLv3/TLS write finished$'
	check_not_out '^SSL_connect:'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -trace
	check_begin "tls13 -trace"
	check_rc 0
	check_any 'ClientHello'
	check_any 'cipher_suites|TLS_AES_128_GCM_SHA256'
	check_any 'supported_versions'
	check_any 'key_share'
	check_end
	stop_servers
else
	fail "tls13 -msg/-state/-trace" "s_server did not start"
fi

# --- TLS 1.0 and 1.1 on request ---------------------------------------------
# OpenSSL 3 refuses versions below 1.2 at security level 1 and up.
for v in tls1:TLSv1 tls1_1:TLSv1.1; do
	opt=${v%:*}
	name=${v#*:}
	for suite in ECDHE-RSA-AES128-SHA AES128-SHA; do
		if ! start_s_server_as rsa "-$opt" -www \
		    -cipher "$suite@SECLEVEL=0"; then
			fail "$name $suite" "s_server did not start"
			continue
		fi
		run_tp -connect "127.0.0.1:$PORT" "-$opt"
		check_begin "$name $suite handshake (client -$opt)"
		check_summary "$name" "$suite"
		check_end
		# CBC record protection differs: TLS 1.0 chains the IV from
		# the last record, 1.1 sends an explicit one (RFC 4346, 6.2.3.2).
		check_begin "$name $suite data round trip"
		www_ok "-$opt"
		check_out "Cipher is $suite"
		check_end
		stop_servers
	done
done

if start_s_server_as rsa -tls1 -cipher 'DEFAULT@SECLEVEL=0'; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "TLS 1.0-only server refused by the default client"
	check_rc 1
	check_fail_line 'protocol.?version'
	check_end
	stop_servers
else
	fail "TLS 1.0-only server" "s_server did not start"
fi

tp_done
