# tls12.sh -- TLS 1.2 against openssl s_server: cipher suites, groups,
# extended master secret, the data phase, key log, -msg and -state.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary


# --- each cipher suite: handshake, then a request through the data phase ---
# The status page of s_server -www names the cipher the server negotiated
# and ends with </BODY></HTML>: seeing it proves the whole response came
# through the record layer both ways.
for spec in \
    ECDHE-RSA-AES128-GCM-SHA256:rsa \
    ECDHE-ECDSA-AES256-GCM-SHA384:ec \
    ECDHE-RSA-CHACHA20-POLY1305:rsa \
    DHE-RSA-AES256-GCM-SHA384:rsa \
    AES128-SHA:rsa \
    ECDHE-RSA-AES256-SHA384:rsa
do
	suite=${spec%:*}
	key=${spec#*:}
	if ! start_s_server_as "$key" -tls1_2 -www -cipher "$suite"; then
		fail "tls12 $suite" "s_server did not start"
		continue
	fi
	run_tp -connect "127.0.0.1:$PORT" </dev/null
	check_begin "tls12 $suite handshake"
	check_summary TLSv1.2 "$suite"
	check_end

	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" <"$T/in"
	check_begin "tls12 $suite data round trip"
	check_rc 0
	check_out '^HTTP/1\.0 200 ok'
	check_out 'Ciphers supported in s_server binary'
	check_out "Cipher is $suite"
	check_out '</BODY></HTML>'
	check_end
	stop_servers
done

# --- key exchange groups: the server allows only one ------------------------
for g in X25519 P-256 P-384 P-521 X448; do
	if ! start_s_server_as rsa -tls1_2 \
	    -cipher ECDHE-RSA-AES128-GCM-SHA256 -groups "$g"; then
		fail "tls12 group $g" "s_server did not start"
		continue
	fi
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls12 group $g"
	check_summary TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
	check_end
	stop_servers
done

# --- extended master secret (RFC 7627) --------------------------------------
if start_s_server_as rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls12 extended master secret: yes"
	check_summary TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
	check_out '^    Extended master secret: yes$'
	check_end
	stop_servers
else
	fail "tls12 extended master secret: yes" "s_server did not start"
fi

# s_server has no command-line switch for EMS; its SSL_CONF option
# "Options = -ExtendedMasterSecret" turns it off through a config file.
cat >"$T/noems.cnf" <<'CNF'
openssl_conf = tp_init
[tp_init]
ssl_conf = tp_ssl
[tp_ssl]
system_default = tp_sys
[tp_sys]
Options = -ExtendedMasterSecret
CNF
if OPENSSL_CONF=$T/noems.cnf start_s_server_as rsa -tls1_2 -www \
    -cipher ECDHE-RSA-AES128-GCM-SHA256; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "tls12 extended master secret: no"
	check_summary TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
	check_out '^    Extended master secret: no$'
	check_end
	# Without EMS the master secret comes from the randoms alone; a wrong
	# derivation would already fail Finished, the data proves the keys.
	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" <"$T/in"
	check_begin "tls12 no EMS data round trip"
	check_rc 0
	check_out '^HTTP/1\.0 200 ok'
	check_out '</BODY></HTML>'
	check_end
	stop_servers
else
	fail "tls12 extended master secret: no" "s_server did not start"
fi

# --- key log, checked against the server's --------------------------------
if start_s_server_as rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
    -keylogfile "$T/server.keys"; then
	run_tp -connect "127.0.0.1:$PORT" -keylogfile "$T/client.keys"
	check_begin "tls12 -keylogfile matches the server's"
	check_rc 0
	check_keylog "$T/client.keys" "$T/server.keys" CLIENT_RANDOM
	check_end
	stop_servers
else
	fail "tls12 -keylogfile" "s_server did not start"
fi

# --- -msg and -state --------------------------------------------------------
if start_s_server_as rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256; then
	run_tp -connect "127.0.0.1:$PORT" -msg
	check_begin "tls12 -msg"
	check_rc 0
	check_out '^    Protocol  : TLSv1\.2$'
	check_any '^>>> TLS 1\.[0-3], Handshake \[length [0-9a-fA-F]{4}\], ClientHello$'
	check_any '^<<< TLS 1\.[0-3], Handshake \[length [0-9a-fA-F]{4}\], ServerHello$'
	check_any '^<<< TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], Certificate$'
	check_any '^<<< TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], ServerKeyExchange$'
	check_any '^<<< TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], ServerHelloDone$'
	check_any '^>>> TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], ClientKeyExchange$'
	check_any '^>>> TLS 1\.2, ChangeCipherSpec \[length 0001\]'
	check_any '^>>> TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], Finished$'
	check_any '^<<< TLS 1\.2, Handshake \[length [0-9a-fA-F]{4}\], Finished$'
	check_any '^>>> TLS 1\.[0-2], RecordHeader \[length 0005\]$'
	check_any '^<<< TLS 1\.2, RecordHeader \[length 0005\]$'
	check_any '^    (16|17) 03 0[1-3] [0-9a-fA-F]{2} [0-9a-fA-F]{2}'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -state
	check_begin "tls12 -state"
	check_rc 0
	# s_client's names and stream (stderr)
	check_err_order '^SSL_connect:before SSL initialization$' \
	    '^SSL_connect:SSLv3/TLS write client hello$' \
	    '^SSL_connect:SSLv3/TLS read server hello$' \
	    '^SSL_connect:SSLv3/TLS read server certificate$' \
	    '^SSL_connect:SSLv3/TLS read server key exchange$' \
	    '^SSL_connect:SSLv3/TLS read server done$' \
	    '^SSL_connect:SSLv3/TLS write client key exchange$' \
	    '^SSL_connect:SSLv3/TLS write change cipher spec$' \
	    '^SSL_connect:SSLv3/TLS write finished$' \
	    '^SSL_connect:SSLv3/TLS read change cipher spec$' \
	    '^SSL_connect:SSLv3/TLS read finished$'
	check_not_out '^SSL_connect:'
	check_end
	stop_servers
else
	fail "tls12 -msg/-state" "s_server did not start"
fi

tp_done
