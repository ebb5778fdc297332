# json.sh -- -json: JSON Lines, schema 1 (tests/json/schema.jq), against
# real servers: a success per version, each failure class we can produce,
# -diagnose, -expect-*, a signal, and -timestamps (monotonic).

. "$(dirname "$0")/../lib.sh"
. "$TP_TESTDIR/hostile/start.sh"
. "$TP_TESTDIR/daemons.sh"
tp_setup
tp_need_binary

if ! tp_have jq; then
	skip "json: schema checks" "jq not installed (tests/deps.sh)"
	tp_done
	exit 0
fi
SCHEMA_L=$TP_TESTDIR/json

# check_jq EXPR: jq -e EXPR over the whole stream (-s) holds
check_jq() {
	if ! jq -e -s -L "$SCHEMA_L" "include \"schema\"; $1" "$T/out" \
	    >/dev/null 2>"$T/jqerr"; then
		tp_why "jq: $1 $(head -c 200 "$T/jqerr")"
	fi
}

# the schema must be able to say no
check_begin "json: schema rejects a summary without its fields"
printf '{"type":"summary","time":1}\n' >"$T/out"
if jq -e -s -L "$SCHEMA_L" 'include "schema"; all(.[]; valid)' "$T/out" \
    >/dev/null 2>&1; then
	tp_why "an incomplete summary passed"
fi
printf '{"type":"start","time":0,"schema":1,"version":"x","args":[]}\n{"type":"state","time":1,"state":"x"}\n' >"$T/out"
if jq -e -s -L "$SCHEMA_L" 'include "schema"; stream_ok' "$T/out" \
    >/dev/null 2>&1; then
	tp_why "a stream without summary/fail passed"
fi
check_end

# --- success, TLS 1.3 and TLS 1.2 -------------------------------------------
if start_s_server_as rsa -www; then
	run_tp -connect "127.0.0.1:$PORT" -json -CAfile "$CERTS/ca.crt" \
	    -servername localhost </dev/null
	check_begin "json: TLS 1.3 success is a valid stream ending in summary"
	check_rc 0
	check_jq 'stream_ok'
	check_jq '.[0] | .type == "start" and .schema == 1 and (.args | index("-json") != null)'
	check_jq '.[-1] | .type == "summary" and .protocol == "TLSv1.3" and .cipher == "TLS_AES_128_GCM_SHA256" and .group == "X25519" and .verify_code == 0 and .resumed == false and .alpn == null and .bytes_read > 0 and .bytes_written > 0'
	check_jq '.[-1].timing | .resolve <= .connect and .connect <= .first_byte and .first_byte <= .server_hello and .server_hello <= .certificate and .certificate <= .verify and .verify <= .handshake'
	check_jq '[.[].type] | (index("connect") < index("record")) and (index("certificate") < index("verify")) and (index("verify") < index("summary"))'
	check_jq 'map(select(.type == "message")) | map(.message) | index("ClientHello") == 0 and index("ServerHello") != null and index("Finished") != null'
	check_jq 'map(select(.type == "message" and .message == "ServerHello"))[0].fields | any(test("selected_version: TLS 1.3"))'
	check_jq 'map(select(.type == "certificate"))[0] | .depth == 0 and .subject == "CN = localhost" and (.sans | index("DNS:localhost") != null) and .key.type == "RSA" and .key.bits == 2048 and (has("pem") | not)'
	check_jq 'map(select(.type == "verify"))[0] | .code == 0 and .ok'
	check_jq 'map(select(.type == "connect"))[0] | .family == "ipv4" and .port == '"$PORT"
	check_jq 'map(select(.type == "alert")) | any(.direction == "sent" and .description == "close_notify")'
	check_end

	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" -json -tls1_2 -msg -showcerts \
	    -CAfile "$CERTS/ca.crt" -servername localhost <"$T/in"
	check_begin "json: TLS 1.2, -msg hex, -showcerts pem, data events"
	check_rc 0
	check_jq 'stream_ok'
	check_jq '.[-1] | .protocol == "TLSv1.2" and (.cipher | startswith("TLS_ECDHE_RSA_WITH_")) and .extended_master_secret == true and .secure_renegotiation == true and .timing.first_app_byte > 0'
	check_jq 'map(select(.type == "message" and .message == "ClientHello"))[0].hex | startswith("0100")'
	check_jq 'map(select(.type == "certificate"))[0].pem | startswith("-----BEGIN CERTIFICATE-----")'
	check_jq 'map(select(.type == "data")) | length > 0 and (map(.data) | add | test("HTTP/1.0 200"))'
	check_not_out '^[^{]'
	check_end

	# -reconnect: every connection is its own summary; the text-only
	# lines (drop connection ..., the ticket's session block) stay out
	run_tp -connect "127.0.0.1:$PORT" -json -reconnect -tls1_2 \
	    -CAfile "$CERTS/ca.crt" -servername localhost </dev/null
	check_begin "json: -reconnect: six summaries, the last five resumed"
	check_rc 0
	check_jq 'all(.[]; valid)'
	check_jq '[.[] | select(.type == "summary")] | length == 6 and (.[0].resumed | not) and (.[1:] | all(.resumed))'
	check_not_out '^[^{]'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -json -reconnect \
	    -CAfile "$CERTS/ca.crt" -servername localhost </dev/null
	check_begin "json: -reconnect in TLS 1.3: resumed by ticket, JSON only"
	check_rc 0
	check_jq 'all(.[]; valid)'
	check_jq '[.[] | select(.type == "summary")] | length == 6 and (.[1:] | all(.resumed and .protocol == "TLSv1.3"))'
	check_not_out '^[^{]'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -json -expect-version TLSv1.2 \
	    -expect-cipher TLS_AES_256_GCM_SHA384 -expect-group P-256 \
	    -expect-alpn h2 -expect-verify 0 -CAfile "$CERTS/ca.crt" \
	    -servername localhost </dev/null
	check_begin "json: failed -expect-* end in fail class expect, exit 5"
	check_rc 5
	check_jq 'stream_ok'
	check_jq '.[-1] | .type == "fail" and .class == "expect" and .exit == 5 and (.message | test("protocol is TLSv1.3, expected TLSv1.2")) and (.message | test("cipher is TLS_AES_128_GCM_SHA256, expected TLS_AES_256_GCM_SHA384")) and (.message | test("group is X25519, expected P-256")) and (.message | test("ALPN is none, expected h2")) and (.message | test("verify") | not)'
	check_jq 'map(select(.type == "summary")) | length == 0'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -expect-min-version TLSv1.3 \
	    -expect-cipher TLS_AES_128_GCM_SHA256 -expect-group x25519 \
	    -expect-verify 0 -CAfile "$CERTS/ca.crt" -servername localhost \
	    </dev/null
	check_begin "expect: met expectations exit 0 (text)"
	check_rc 0
	check_out '^    Protocol  : TLSv1\.3$'
	check_out '^Timing \(ms\): resolve [0-9.]+, connect [0-9.]+, first byte [0-9.]+, ServerHello [0-9.]+, certificate [0-9.]+, verification [0-9.]+, handshake done [0-9.]+$'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -expect-version TLSv1.3 \
	    -expect-verify 20 -servername localhost -CAfile "$CERTS/ca.crt" \
	    </dev/null
	check_begin "expect: text FAIL line lists each failed expectation, exit 5"
	check_rc 5
	check_fail_line '^tlsprobe: FAIL expect: protocol is TLSv1\.2, expected TLSv1\.3; verify code is 0 \(ok\), expected 20 \(unable to get local issuer certificate\)$'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -timestamps -msg -state -trace \
	    -servername localhost </dev/null
	check_begin "timestamps: ssldump prefix, record numbers and times monotonic"
	check_rc 0
	check_out '^1 1 [0-9]+\.[0-9]{4} \([0-9]+\.[0-9]{4}\) C>S >>> TLS 1\.0, RecordHeader'
	check_out '^1 [0-9]+ [0-9]+\.[0-9]{4} \([0-9]+\.[0-9]{4}\) S>C <<< TLS 1\.2, Handshake \[length [0-9a-f]+\], ServerHello$'
	# -state lines are on stderr, as s_client's; the prefix goes with them
	check_err '^1 [0-9]+ [0-9.]+ \([0-9.]+\) [CS>-]+ SSL_connect:'
	check_out '^1 [0-9]+ [0-9.]+ \([0-9.]+\) S>C Received Handshake message:'
	if ! awk '/^[0-9]+ [0-9]+ [0-9]+\.[0-9]+ \([0-9]+\.[0-9]+\) / {
		n++; if ($2 < rec || $3 < t) bad = 1
		d = $4; gsub(/[()]/, "", d)
		if (d < 0) bad = 1
		rec = $2; t = $3 }
	    END { exit !(n > 10 && !bad) }' "$T/out"; then
		tp_why "timestamps not monotonic (or fewer than 10)"
	fi
	# on a RecordHeader line the delta is the time since the last one
	if ! awk '/^[0-9]+ [0-9]+ [0-9.]+ \([0-9.]+\) ... [<>]+ .*RecordHeader/ {
		d = $4; gsub(/[()]/, "", d)
		if (n++ > 0 && (d - ($3 - prev) > 0.00015 || ($3 - prev) - d > 0.00015)) bad = 1
		prev = $3 }
	    END { exit !(n > 4 && !bad) }' "$T/out"; then
		tp_why "record deltas are not the time since the previous record"
	fi
	check_end
	stop_servers
else
	fail "json: s_server" "s_server did not start"
fi

# --- failure classes ------------------------------------------------------
port=$(free_port)
run_tp -connect "127.0.0.1:$port" -json
check_begin "json: refused: start then fail class refused, exit 3"
check_rc 3
check_jq 'stream_ok and length == 2 and .[1].class == "refused" and .[1].exit == 3'
check_fail_line "^tlsprobe: FAIL refused: "
check_end

run_tp -connect nosuchhost.invalid:443 -json
check_begin "json: resolve: fail class resolve"
check_rc 3
check_jq 'stream_ok and .[-1].class == "resolve"'
check_end

run_tp -connect 127.0.0.1:443 -json -CAfile /nonexistent/ca.pem
check_begin "json: a bad -CAfile is a fail object, class usage, exit 2"
check_rc 2
check_jq 'stream_ok and .[-1].class == "usage" and .[-1].exit == 2'
check_end

if start_s_server_as rsa -tls1_2; then
	run_tp -connect "127.0.0.1:$PORT" -json -tls1_3
	check_begin "json: version: received alert event, fail class version"
	check_rc 1
	check_jq 'stream_ok and .[-1].class == "version" and .[-1].exit == 1 and (.[-1].timing.first_byte > 0)'
	check_jq 'map(select(.type == "alert")) | any(.direction == "received" and .level == "fatal" and .description == "protocol_version" and .code == 70)'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -json -tls1_3 -diagnose
	check_begin "json: -diagnose: probe and verdict objects, fail has the verdict"
	check_rc 1
	check_jq 'stream_ok'
	check_jq 'map(select(.type == "probe")) | length >= 2'
	check_jq 'map(select(.type == "verdict")) | length == 1 and (.[0].verdict | test("TLS 1.2"))'
	check_jq '.[-1] | .type == "fail" and .class == "version" and (.verdict | test("TLS 1.2"))'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -json -verify_return_error
	check_begin "json: verify: verify object with the code, fail class verify, exit 4"
	check_rc 4
	check_jq 'stream_ok and .[-1].class == "verify" and .[-1].exit == 4'
	check_jq 'map(select(.type == "verify"))[0] | .ok == false and .code != 0'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -json -expire-days 36500 \
	    -CAfile "$CERTS/ca.crt" </dev/null
	check_begin "json: expiry: fail class expiry, exit 4"
	check_rc 4
	check_jq 'stream_ok and .[-1].class == "expiry" and .[-1].exit == 4'
	check_end
	stop_servers
else
	fail "json: failure classes" "s_server did not start"
fi

if start_py_server garbage; then
	run_tp -connect "127.0.0.1:$PORT" -json
	check_begin "json: not-tls: the quoted reply is a valid JSON string"
	check_rc 1
	check_jq 'stream_ok and .[-1].class == "not-tls" and (.[-1].message | test("HTTP/1.0 400"))'
	check_end
	stop_servers
fi

if start_py_server silent; then
	run_tp -connect "127.0.0.1:$PORT" -json -timeout 1
	check_begin "json: timeout: fail class timeout"
	check_rc 1
	check_jq 'stream_ok and .[-1].class == "timeout"'
	check_end

	# SIGTERM while waiting: the stream still ends in a fail object
	"$TLSPROBE" -connect "127.0.0.1:$PORT" -json -timeout 30 \
	    >"$T/out" 2>"$T/err" &
	tpid=$!
	sleep 1
	kill -TERM "$tpid"
	wait "$tpid"
	RC=$?
	check_begin "json: SIGTERM: last object is fail class interrupted, exit 143"
	check_rc 143
	check_jq 'stream_ok and .[-1].class == "interrupted" and .[-1].exit == 143'
	check_end
	stop_servers
fi

if tp_have "$TP_PYTHON" && start_hostile; then
	run_tp -connect "127.0.0.1:$PORT" -json -servername sh-suite-not-offered
	check_begin "json: protocol: fail class protocol, sent alert object"
	check_rc 1
	check_jq 'stream_ok and .[-1].class == "protocol"'
	check_jq 'map(select(.type == "alert")) | any(.direction == "sent" and .level == "fatal")'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -json -servername close-notify-before-sh
	check_begin "json: closed: fail class closed"
	check_rc 1
	check_jq 'stream_ok and .[-1].class == "closed"'
	check_end
	stop_servers
fi

# --- the plaintext phase: -proxy through the real tinyproxy ----------------
if tp_need_cmd "json: -proxy" tinyproxy && start_s_server_as rsa; then
	TLS=$PORT
	PX=$(tp_ports 1)
	printf 'Port %s\nListen 127.0.0.1\nTimeout 10\nMaxClients 10\n' \
	    "$PX" >"$T/tinyproxy.conf"
	if tp_daemon_start tinyproxy "$PX" tinyproxy -d -c "$T/tinyproxy.conf"; then
		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$PX" -json \
		    -CAfile "$CERTS/ca.crt" </dev/null
		check_begin "json: -proxy: proxy steps and plaintext lines as objects"
		check_rc 0
		check_jq 'stream_ok and .[-1].type == "summary"'
		check_jq 'map(select(.type == "plaintext")) | any(.direction == "sent" and (.line | test("^CONNECT localhost:'"$TLS"' HTTP/1\\.1$"))) and any(.direction == "received" and (.line | test("^HTTP/1\\.[01] 200")))'
		check_jq 'map(select(.type == "proxy")) | any(.step | test("^tunnel open"))'
		check_jq '[.[].type] | index("proxy") < index("message")'
		check_end
	else
		fail "json: -proxy" "tinyproxy did not start"
	fi
	stop_servers
fi
tp_done
