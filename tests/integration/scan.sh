# scan.sh -- tlsprobe -scan (issue 15): each result and finding against a
# server configured to produce it: openssl s_server (default, -serverpref
# ordered list, TLS 1.0 only, X448 only, RSA+ECDSA dual certificate, NULL,
# anonymous, 1024-bit DH, SNI), gnutls-serv (RC4 and 3DES, no safe
# renegotiation), the SSL 3.0 scripted server, and tests/scanserver.py
# for compression, a post-quantum HelloRetryRequest, a server that starts
# refusing connections and one that caps the ClientHello size.  The suite
# list is cross-checked against sslscan when it is installed.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# scan ARGS...: tlsprobe -scan against 127.0.0.1:$PORT
scan() {
	run_tp -connect "127.0.0.1:$PORT" -scan -CAfile "$CERTS/ca.crt" "$@"
}

# check_scan_jq EXPR: jq -e EXPR over the whole -json stream in $T/out,
# with tests/json/schema.jq (stream_ok, valid) included
check_scan_jq() {
	if ! tp_have jq; then
		tp_why "jq not installed (tests/deps.sh installs it)"
	elif ! jq -e -s -L "$TP_TESTDIR/json" "include \"schema\"; $1" \
	    "$T/out" >/dev/null 2>"$T/jqerr"; then
		tp_why "jq: $1 $(head -c 200 "$T/jqerr")"
	fi
}

# suites PROTO: the OpenSSL names of PROTO's suites in the table, in order
suites() {
	awk -v p="$1 cipher suites" '
	    index($0, p) == 1 { on = 1; next }
	    on && /^  rank/ { next }
	    on && /^ +[-0-9]+  / { print $3; next }
	    { on = 0 }' "$T/out"
}

# the schema must be able to say no to scan objects
check_begin "scan schema rejects scan objects without time, rank or counts"
if tp_have jq; then
	for bad in \
	    '{"type":"suite","protocol":"TLSv1.2","cipher":"x","openssl_name":null,"code":"0x0035","rank":1,"bits":256,"kex":"RSA","group":null}' \
	    '{"type":"suite","time":1,"protocol":"TLSv1.2","cipher":"x","openssl_name":null,"code":"0x0035","bits":256,"kex":"RSA","group":null}' \
	    '{"type":"protocol","time":1,"protocol":"TLS 1.2","accepted":true}' \
	    '{"type":"finding","time":1,"severity":"severe","finding":"x","why":"y"}' \
	    '{"type":"certificate","time":1,"key_type":"RSA","present":true}' \
	    '{"type":"scan","time":1,"server":"h:1","connections":1,"seconds":0.1,"complete":true,"incomplete":null,"protocols":1,"suites":1,"high":0,"exit":0}'; do
		printf '%s\n' "$bad" >"$T/out"
		if jq -e -s -L "$TP_TESTDIR/json" 'include "schema"; all(.[]; valid)' \
		    "$T/out" >/dev/null 2>&1; then
			tp_why "passed: $bad"
		fi
	done
	printf '%s\n' '{"type":"start","time":0,"schema":1,"version":"x","args":[]}' \
	    '{"type":"scan","time":1,"server":"h:1","connections":1,"seconds":0.1,"complete":true,"incomplete":null,"protocols":1,"suites":1,"findings":{"high":0,"medium":0,"low":0,"info":0},"high":0,"exit":0,"not_run":[],"plaintext_failures":0}' \
	    '{"type":"dh","time":2,"bits":2048}' >"$T/out"
	check_scan_jq '.[1] | valid'
	if jq -e -s -L "$TP_TESTDIR/json" 'include "schema"; stream_ok' \
	    "$T/out" >/dev/null 2>&1; then
		tp_why "a stream with objects after scan passed"
	fi
else
	tp_why "jq not installed (tests/deps.sh installs it)"
fi
check_end

# --- openssl s_server, defaults --------------------------------------------

if start_s_server_as rsa -alpn h2; then
	scan
	check_begin "scan default s_server: versions, client order, exit 0"
	check_rc 0
	check_out '^  TLSv1\.2  accepted$'
	check_out '^  TLSv1\.3  accepted$'
	check_out '^  TLSv1    not accepted$'
	check_out '^  SSLv3    not accepted$'
	check_out '^  SSLv2    not accepted$'
	check_out "^TLSv1\.2 cipher suites \(the server follows the client's order\):"
	check_out '^     -  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 +ECDHE-RSA-AES256-GCM-SHA384 +256  ECDHE X25519$'
	check_out '^     -  TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 +DHE-RSA-AES128-GCM-SHA256 +128  DHE 2048 bits$'
	check_out '^     -  TLS_AES_256_GCM_SHA384 +TLS_AES_256_GCM_SHA384 +256  X25519$'
	check_not_out '^ +[0-9]+  TLS_'
	check_end

	check_begin "scan default s_server: groups, signature schemes, certificate"
	check_out '^  TLSv1\.3 \(server order\): X25519, P-256, X448, P-521, P-384, ffdhe2048'
	check_out '^  ECDHE, TLSv1\.2 and older: X25519, P-256, X448, P-521, P-384$'
	check_out '^  DHE prime sizes: 2048 bits'
	check_out '^Signature schemes \(TLSv1\.2 ServerKeyExchange\): rsa_pss_rsae_sha256, '
	check_out '^  RSA    TLSv1\.3, RSA 2048, signs with rsa_pss_rsae_sha256$'
	check_out 'notAfter=.*, chain of 1, verification: ok$'
	check_out '^  ECDSA  none$'
	check_out '^  EdDSA  none$'
	check_end

	check_begin "scan default s_server: features"
	check_out '^  secure renegotiation +yes$'
	check_out '^  compression +no$'
	check_out '^  extended master secret +yes$'
	check_out '^  encrypt-then-MAC +yes$'
	check_out '^  TLS_FALLBACK_SCSV +honoured$'
	check_out '^  ALPN +h2$'
	check_out '^  resumption by session ID +yes$'
	check_out '^  resumption by ticket +yes$'
	check_out '^  TLS 1\.3 resumption +yes$'
	check_out '^  client renegotiation +refused$'
	check_out '^  0-RTT early data +not offered$'
	check_not_out 'client-initiated renegotiation allowed'
	check_not_out '0-RTT accepted'
	check_out '^  low +no post-quantum key exchange group: '
	check_out '^  low +6 RSA key exchange suites \(AES256-GCM-SHA384 in TLSv1\.2, \.\.\.\): no forward secrecy$'
	check_out '^SCAN done: [0-9]+ connections in '
	check_not_out '^  high '
	check_end

	scan -json
	check_begin "scan -json: one object a line, s_client protocol names, IANA cipher"
	check_rc 0
	if tp_have python3 && python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$T/out" 2>"$T/json.err"; then
		:
	else
		tp_why "a line is not JSON: $(head -n 1 "$T/json.err")"
	fi
	check_first_line '^\{"type":"start","time":[0-9.]+,"schema":1,'
	check_out '^\{"type":"protocol","time":[0-9.]+,"protocol":"TLSv1\.2","accepted":true\}$'
	check_out '^\{"type":"protocol","time":[0-9.]+,"protocol":"SSLv3","accepted":false\}$'
	check_out '^\{"type":"suite","time":[0-9.]+,"protocol":"TLSv1\.2","cipher":"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384","openssl_name":"ECDHE-RSA-AES256-GCM-SHA384","code":"0xc030","rank":null,"bits":256,"kex":"ECDHE","group":"X25519"\}$'
	check_out '^\{"type":"group","time":[0-9.]+,"protocol":"TLSv1\.3","group":"X25519","code":"0x001d","accepted":true,"rank":1\}$'
	check_end

	check_begin "scan -json: every object valid per tests/json/schema.jq, start first, scan last"
	check_scan_jq 'stream_ok'
	check_scan_jq 'all(.[]; valid)'
	check_scan_jq '[.[].type] | (map(select(. == "start")) | length) == 1 and (map(select(. == "scan")) | length) == 1 and .[-1] == "scan"'
	check_scan_jq '.[-1] | .server == "127.0.0.1:'"$PORT"'" and .complete == true and .incomplete == null and .exit == 0 and .high == 0 and .findings.high == 0 and .findings.low >= 2 and .protocols == 2 and .connections > 0'
	check_scan_jq '(.[-1].suites) == (map(select(.type == "suite")) | length)'
	check_scan_jq 'all(.[]; .type != "connect" and .type != "record" and .type != "message" and .type != "summary")'
	check_end

	check_begin "scan -json: the protocol, order and suite objects s_server's answers call for"
	check_scan_jq '[.[] | select(.type == "protocol") | [.protocol, .accepted]] == [["SSLv2",false],["SSLv3",false],["TLSv1",false],["TLSv1.1",false],["TLSv1.2",true],["TLSv1.3",true]]'
	check_scan_jq '[.[] | select(.type == "order") | [.protocol, .server_order]] == [["TLSv1.3",false],["TLSv1.2",false]]'
	check_scan_jq '[.[] | select(.type == "suite" and .protocol == "TLSv1.3") | .cipher] | sort == ["TLS_AES_128_GCM_SHA256","TLS_AES_256_GCM_SHA384","TLS_CHACHA20_POLY1305_SHA256"]'
	check_scan_jq 'map(select(.type == "suite")) | all(.rank == null) and any(.cipher == "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" and .openssl_name == "DHE-RSA-AES128-GCM-SHA256" and .kex == "DHE" and .dh_bits == 2048 and .group == null)'
	check_scan_jq 'map(select(.type == "suite" and .protocol == "TLSv1.3")) | all(.group == "X25519" and .openssl_name == .cipher)'
	check_scan_jq 'map(select(.type == "group" and .protocol == "TLSv1.2") | .group) == ["X25519","P-256","X448","P-521","P-384"]'
	check_scan_jq 'map(select(.type == "certificate")) | length == 3 and (.[0] | .key_type == "RSA" and .present and .verify_code == 0 and .verify == "ok" and .protocol == "TLSv1.3") and (.[1].present | not)'
	check_scan_jq 'map(select(.type == "feature") | {key: .feature, value: .value}) | from_entries | .secure_renegotiation == true and .compression == false and .alpn == "h2" and .resumption_tls13 == true and .fallback_scsv == true and .client_renegotiation == false and .early_data == false'
	check_scan_jq 'map(select(.type == "finding")) | any(.severity == "low" and (.finding | startswith("no post-quantum")))'
	check_scan_jq 'map(.time) | . == sort and all(. >= 0)'
	check_end

	# the leaf as a handshake's -json certificate object gives it
	cp "$T/out" "$T/scanjson"
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$CERTS/ca.crt" -json
	cp "$T/out" "$T/hsjson"
	check_begin "scan -json certificate: the leaf's fields equal the handshake's certificate object"
	if ! tp_have jq; then
		tp_why "jq not installed"
	elif ! jq -e -n --slurpfile h "$T/hsjson" --slurpfile s "$T/scanjson" '
	    def leaf: {subject, issuer, sans, not_before, not_after, key,
		signature_algorithm, serial, sha256};
	    ($h | map(select(.type == "certificate" and .depth == 0))[0] |
	    leaf) as $l | $l.key.bits == 2048 and ($l.sha256 | length) == 64
	    and ($l.sans | index("DNS:localhost")) != null and
	    $l == ($s | map(select(.type == "certificate" and
		.key_type == "RSA"))[0] | leaf)' >/dev/null 2>"$T/jqerr"; then
		tp_why "they differ $(head -n 1 "$T/jqerr")"
	fi
	check_end
	cp "$T/scanjson" "$T/out"

	# the same answers one probe at a time
	cp "$T/out" "$T/json4"
	scan -json -scan-concurrency 1 -scan-delay 1
	check_begin "scan -scan-concurrency 1 -scan-delay 1 finds the same"
	check_rc 0
	# the same objects, but for their "time"
	grep '"type":"suite"' "$T/json4" | sed 's/"time":[0-9.]*,//' >"$T/s4"
	grep '"type":"suite"' "$T/out" | sed 's/"time":[0-9.]*,//' >"$T/s1"
	[ -s "$T/s1" ] || tp_why "no suite objects"
	cmp -s "$T/s4" "$T/s1" || tp_why "suite objects differ"
	check_end

	# sslscan's list for the same server
	if tp_have sslscan; then
		scan
		suites TLSv1.2 | sort >"$T/ours"
		sslscan --no-colour "127.0.0.1:$PORT" >"$T/sslscan" 2>&1
		awk '($1 == "Accepted" || $1 == "Preferred") && $2 == "TLSv1.2" {
		    print $5 }' "$T/sslscan" | sort >"$T/theirs"
		check_begin "scan suite list equals sslscan's (TLSv1.2)"
		[ -s "$T/theirs" ] || tp_why "sslscan listed no TLSv1.2 suite"
		diff "$T/ours" "$T/theirs" >"$T/diff" ||
		    tp_why "differs: $(tr '\n' ' ' <"$T/diff")"
		check_end
	else
		skip "scan suite list equals sslscan's" "sslscan not installed"
	fi
	stop_servers
fi

# --- server order --------------------------------------------------------

if start_s_server_as rsa -tls1_2 -serverpref \
    -cipher 'AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA'; then
	scan
	check_begin "scan -serverpref: ranks in the server's order"
	check_out '^TLSv1\.2 cipher suites \(server order\):'
	suites TLSv1.2 | tr '\n' ' ' >"$T/order"
	[ "$(cat "$T/order")" = "AES256-SHA ECDHE-RSA-AES128-GCM-SHA256 AES128-SHA " ] ||
	    tp_why "order: $(cat "$T/order")"
	check_out '^     1  TLS_RSA_WITH_AES_256_CBC_SHA '
	check_out '^     3  TLS_RSA_WITH_AES_128_CBC_SHA '
	check_out '^  TLSv1\.3  not accepted$'
	check_out '^  TLS_FALLBACK_SCSV +not tested'
	check_end
	scan -json
	check_begin "scan -json -serverpref: rank 1 is AES256-SHA"
	check_out '"cipher":"TLS_RSA_WITH_AES_256_CBC_SHA","openssl_name":"AES256-SHA","code":"0x0035","rank":1,'
	check_out '^\{"type":"order","time":[0-9.]+,"protocol":"TLSv1\.2","server_order":true\}$'
	check_scan_jq 'stream_ok'
	check_scan_jq '[.[] | select(.type == "suite") | [.openssl_name, .rank]] == [["AES256-SHA",1],["ECDHE-RSA-AES128-GCM-SHA256",2],["AES128-SHA",3]]'
	check_scan_jq '.[-1] | .type == "scan" and .protocols == 1 and .suites == 3 and .exit == 0'
	check_end
	stop_servers
fi

if start_s_server_as rsa -no_cache -no_ticket; then
	scan
	check_begin "scan -no_cache -no_ticket: no resumption of any kind"
	check_out '^  session ticket offered +no$'
	check_out '^  resumption by session ID +no$'
	check_out '^  resumption by ticket +no$'
	check_out '^  TLS 1\.3 resumption +no$'
	check_end
	stop_servers
fi

# --- TLS 1.0 only --------------------------------------------------------

if start_s_server_as rsa -tls1 -cipher 'ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0'; then
	scan
	check_begin "scan TLS 1.0-only server: findings TLS 1.0, BEAST"
	check_rc 0
	check_out '^  TLSv1    accepted$'
	check_out '^  TLSv1\.2  not accepted$'
	check_out '^  medium TLS 1\.0 accepted: deprecated by RFC 8996'
	check_out '^  low +2 CBC suites in SSL 3\.0/TLS 1\.0 '
	check_out '^  low +TLS 1\.3 not accepted'
	check_end
	stop_servers
fi

# --- groups ------------------------------------------------------------------

if start_s_server_as rsa -groups X448; then
	scan
	check_begin "scan -groups X448 server: X448 only"
	check_out '^  TLSv1\.3 \(one group\): X448$'
	check_out '^  ECDHE, TLSv1\.2 and older: X448$'
	check_out '^  low +no post-quantum key exchange group'
	check_end
	stop_servers
fi

# --- two certificates ---------------------------------------------------------

if start_s_server_as rsa -dcert "$CERTS/ec.crt" -dkey "$CERTS/ec.key"; then
	scan
	check_begin "scan RSA+ECDSA dual certificate: both, each verified"
	check_out '^  RSA    TLSv1\.3, RSA 2048, signs with rsa_pss_rsae_sha256$'
	check_out '^  ECDSA  TLSv1\.3, EC P-256, signs with ecdsa_secp256r1_sha256$'
	check_out '^  EdDSA  none$'
	check_out '^Signature schemes .*ecdsa_secp256r1_sha256, .*rsa_pss_rsae_sha256'
	check_end
	# no -CAfile: the chain does not verify, a high finding, exit 7
	run_tp -connect "127.0.0.1:$PORT" -scan
	check_begin "scan unverifiable certificate: high finding, exit 7"
	check_rc 7
	check_out '^  high +RSA certificate does not verify: unable to (get local issuer certificate|verify the first certificate)$'
	check_end
	stop_servers
fi

if start_s_server_as ed25519; then
	scan
	check_begin "scan Ed25519 certificate"
	check_out '^  EdDSA  TLSv1\.3, Ed25519, signs with ed25519$'
	check_out '^Signature schemes \(TLSv1\.2 ServerKeyExchange\): ed25519$'
	check_out '^  RSA    none$'
	check_end
	stop_servers
fi

# --- weak suites -------------------------------------------------------------

if start_s_server_as rsa -tls1_2 -cipher 'NULL-SHA:@SECLEVEL=0'; then
	scan
	check_begin "scan NULL cipher: high finding, exit 7"
	check_rc 7
	check_out '^  high +1 NULL-cipher suites \(NULL-SHA in TLSv1\.2\): no encryption at all$'
	check_end
	stop_servers
fi

if start_s_server -nocert -tls1_2 -cipher 'ADH-AES128-SHA:@SECLEVEL=0'; then
	scan
	check_begin "scan anonymous DH: high finding"
	check_rc 7
	check_out '^  high +1 anonymous suites \(ADH-AES128-SHA in TLSv1\.2\)'
	check_end
	stop_servers
fi

if openssl dhparam -out "$T/dh1024.pem" 1024 2>/dev/null &&
    start_s_server_as rsa -tls1_2 -dhparam "$T/dh1024.pem" \
    -cipher 'DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0'; then
	scan
	check_begin "scan 1024-bit DH: medium finding"
	check_out '^  DHE prime sizes: 1024 bits$'
	check_out 'DHE 1024 bits$'
	check_out '^  medium DH prime of 1024 bits: weak finite-field group \(Logjam\)$'
	check_end
	stop_servers
fi

# --- SNI -------------------------------------------------------------------------

if start_s_server_as rsa -servername localhost -cert2 "$CERTS/ec.crt" \
    -key2 "$CERTS/ec.key" -servername_fatal; then
	scan -servername localhost
	check_begin "scan SNI: not required, unknown name gets unrecognized_name"
	check_out '^  SNI required +no$'
	check_out '^  unknown SNI name +alert unrecognized_name$'
	check_out '^  ECDSA  TLSv1\.3, EC P-256'
	check_end
	stop_servers
fi

# --- client renegotiation and 0-RTT -----------------------------------------

if start_s_server_as rsa -client_renegotiation; then
	scan
	check_begin "scan s_server -client_renegotiation: allowed, medium finding"
	check_rc 0
	check_out '^  client renegotiation +allowed$'
	check_out '^  medium client-initiated renegotiation allowed \(TLSv1\.2\): .*DoS'
	check_end
	scan -json
	check_begin "scan -json client_renegotiation true"
	check_scan_jq 'map(select(.type == "feature") | {key: .feature, value: .value}) | from_entries | .client_renegotiation == true and .early_data == false'
	check_end
	stop_servers
fi

if start_s_server_as rsa -early_data; then
	scan
	check_begin "scan s_server -early_data: 0-RTT accepted, low finding"
	check_rc 0
	check_out '^  0-RTT early data +accepted$'
	check_out '^  low +0-RTT accepted: early data can be replayed'
	check_end
	scan -json
	check_begin "scan -json early_data true"
	check_scan_jq 'map(select(.type == "feature") | {key: .feature, value: .value}) | from_entries | .early_data == true and .client_renegotiation == false'
	check_end
	stop_servers
fi

if start_gnutls_serv_as rsa; then
	scan
	check_begin "scan gnutls-serv default: client renegotiation allowed"
	check_out '^  client renegotiation +allowed$'
	check_out '^  medium client-initiated renegotiation allowed'
	check_end
	stop_servers
fi

# --- nginx (a real daemon, when installed) ----------------------------------

if ! tp_have nginx; then
	skip "scan nginx" "nginx not installed"
elif start_nginx "ssl_certificate $CERTS/rsa.crt;" \
    "ssl_certificate_key $CERTS/rsa.key;" \
    "ssl_protocols TLSv1.2 TLSv1.3;" \
    "ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA:ECDHE-RSA-CHACHA20-POLY1305;" \
    "ssl_prefer_server_ciphers on;"; then
	scan
	check_begin "scan nginx: server order, TLS 1.3, renegotiation refused"
	check_rc 0
	check_out '^TLSv1\.2 cipher suites \(server order\):'
	check_out '^     1  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 '
	check_out '^     2  TLS_RSA_WITH_AES_128_CBC_SHA '
	check_out '^     3  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 '
	check_not_out '^     4  TLS_'
	check_out '^  TLSv1\.3  accepted$'
	check_out '^  TLSv1\.1  not accepted$'
	check_out '^  client renegotiation +refused$'
	check_out '^  0-RTT early data +not offered$'
	check_end
	stop_servers
fi

# --- gnutls-serv -----------------------------------------------------------------

if start_gnutls_serv_as rsa --priority 'NORMAL:+ARCFOUR-128:+3DES-CBC:%DISABLE_SAFE_RENEGOTIATION'; then
	scan
	check_begin "scan gnutls-serv RC4, 3DES, no safe renegotiation"
	check_rc 7
	check_out '^  high +[0-9]+ RC4 suites \('
	check_out '^  medium [0-9]+ 3DES suites \(.*\): 64-bit block: SWEET32'
	check_out '^  secure renegotiation +no$'
	check_out '^  medium no secure renegotiation: '
	check_out '^  medium TLS 1\.1 accepted'
	check_end
	stop_servers
fi

# --- scripted servers ----------------------------------------------------------

if start_py_script ssl3server.py "$CERTS/rsa.crt" "$CERTS/rsa.key" 0005; then
	scan
	check_begin "scan SSL 3.0 server: high findings SSL 3.0 and RC4"
	check_rc 7
	check_out '^  SSLv3    accepted$'
	check_out '^  high +SSL 3\.0 accepted: POODLE'
	check_out '^  high +1 RC4 suites \(RC4-SHA in SSLv3\)'
	check_end
	scan -json
	check_begin "scan -json SSL 3.0 server: valid stream, SSLv3 suite, high findings, scan exit 7"
	check_rc 7
	check_scan_jq 'stream_ok'
	check_scan_jq 'any(.[]; .type == "suite" and .protocol == "SSLv3" and .openssl_name == "RC4-SHA" and .code == "0x0005")'
	check_scan_jq '(map(select(.type == "finding" and .severity == "high")) | length) as $h | .[-1] | .type == "scan" and .exit == 7 and .high == $h and .findings.high == $h and $h >= 2'
	check_end
	stop_servers
fi

if start_py_script scanserver.py compress; then
	scan
	check_begin "scan compression: CRIME, exit 7"
	check_rc 7
	check_out '^  compression +yes$'
	check_out '^  high +TLS compression accepted: compression leaks secrets \(CRIME\)$'
	check_end
	stop_servers
fi

if start_py_script scanserver.py pq; then
	scan
	check_begin "scan post-quantum group proven by a HelloRetryRequest"
	check_rc 0
	check_out '^  TLSv1\.3 \(server order\): X25519MLKEM768, X25519$'
	check_out '^     1  TLS_AES_128_GCM_SHA256 .* X25519MLKEM768$'
	check_not_out 'no post-quantum'
	check_end
	stop_servers
fi

if start_py_script scanserver.py cap; then
	scan
	check_begin "scan a server that drops big ClientHellos: smaller hellos"
	check_out '^     1  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 '
	check_out '^  TLSv1\.2  accepted$'
	check_end
	stop_servers
fi

if start_py_script scanserver.py reset 12; then
	scan
	check_begin "scan a server that starts refusing: may be incomplete, exit 1"
	check_rc 1
	check_out '^SCAN incomplete: the server stopped accepting connections'
	check_err '^tlsprobe: scan may be incomplete: '
	check_end
	stop_servers
fi
if start_py_script scanserver.py reset 12; then
	scan -json
	check_begin "scan -json a server that starts refusing: scan object complete false, exit 1"
	check_rc 1
	check_scan_jq 'stream_ok'
	check_scan_jq '.[-1] | .type == "scan" and .complete == false and (.incomplete | test("stopped accepting")) and .exit == 1'
	check_err '^tlsprobe: scan may be incomplete: '
	check_end
	stop_servers
fi

# SIGTERM to the whole process group (as a terminal's Ctrl-C reaches every
# probe process too): still exactly one closing object, from the parent
if tp_have setsid && start_py_server silent; then
	setsid "$TLSPROBE" -connect "127.0.0.1:$PORT" -scan -json -timeout 30 \
	    >"$T/out" 2>"$T/err" &
	tpid=$!
	sleep 1
	kill -TERM "-$tpid"
	wait "$tpid"
	RC=$?
	check_begin "scan -json: SIGTERM to the process group: one fail object, interrupted, exit 143"
	check_rc 143
	check_scan_jq 'stream_ok'
	check_scan_jq 'map(select(.type == "fail")) | length == 1'
	check_scan_jq '.[-1] | .class == "interrupted" and .exit == 143'
	check_end
	stop_servers
fi

# --- cannot scan ------------------------------------------------------------------

PORT=$(free_port)
scan
check_begin "scan a closed port: FAIL refused, exit 3"
check_rc 3
check_err '^tlsprobe: FAIL refused: '
check_end

scan -json
check_begin "scan -json a closed port: start, then one fail object (refused, exit 3)"
check_rc 3
check_scan_jq 'stream_ok'
check_scan_jq 'length == 2 and (.[1] | .type == "fail" and .class == "refused" and .exit == 3 and .verdict == null and (.message | test("refused")) and (.connections | type == "number"))'
check_end

echo "127.0.0.1:1" >"$T/targets"
run_tp -scan -targets "$T/targets"
check_begin "-scan with -targets is a usage error"
check_rc 2
check_err '^tlsprobe: -scan does not go through -targets$'
check_end

tp_done
