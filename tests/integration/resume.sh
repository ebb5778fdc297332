# resume.sh -- session resumption against real servers: TLS 1.2 session
# IDs and tickets (RFC 5246, 7.3; RFC 5077), TLS 1.3 PSK (RFC 8446, 4.6.1,
# 4.2.11), -reconnect, -sess_out/-sess_in in OpenSSL's SSL_SESSION format
# (both ways with s_client, read by sess_id), -allow_no_dhe_kex, HRR with
# a PSK, extended master secret across resumption (RFC 7627, 5.3).

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# reconnect NAME PROTO NEW REUSED [TLSPROBE ARGS...]: -reconnect against
# the server on $PORT: six CONNECTED lines, five "drop connection and then
# reconnect", NEW "New," lines and REUSED "Reused," lines.
reconnect() {
	_name=$1
	_proto=$2
	_new=$3
	_reused=$4
	shift 4
	run_tp -connect "127.0.0.1:$PORT" -reconnect "$@" </dev/null
	check_begin "$_name"
	check_rc 0
	check_no_fail_line
	check_count '^CONNECTED\(' 6
	check_count '^drop connection and then reconnect$' 5
	check_count "^New, $_proto, Cipher is " "$_new"
	check_count "^Reused, $_proto, Cipher is " "$_reused"
	check_end
}

# --- TLS 1.2: tickets (s_server's default) ------------------------------------
if start_s_server_as rsa -tls1_2; then
	reconnect "resume tls12 ticket -reconnect" 'TLSv1\.2' 1 5
	# every connection shows the same session; the first one the ticket
	check_begin "resume tls12 ticket SSL-Session block"
	_ids=$(grep '^    Session-ID: ' "$T/out" | sort -u | wc -l)
	[ "$_ids" -eq 1 ] || tp_why "$_ids different Session-IDs, want 1"
	check_out '^    Session-ID: [0-9A-F]{64}$'
	check_out '^    Session-ID-ctx: $'
	check_out '^    Master-Key: [0-9A-F]{96}$'
	check_out '^    PSK identity: None$'
	check_out '^    PSK identity hint: None$'
	check_out '^    SRP username: None$'
	check_out '^    TLS session ticket lifetime hint: 7200 \(seconds\)$'
	check_out '^    TLS session ticket:$'
	check_out '^    0000 - ([0-9a-f]{2}[ -]){16}  .{16}$'
	check_out '^    Start Time: [0-9]+$'
	check_out '^    Timeout   : 7200 \(sec\)$'
	check_count '^    Extended master secret: yes$' 6
	check_not_out 'Max Early Data'
	check_end
	# -msg: the abbreviated handshake has no Certificate
	run_tp -connect "127.0.0.1:$PORT" -reconnect -state </dev/null
	check_begin "resume tls12 abbreviated handshake states"
	check_rc 0
	check_count 'server echoed the session ID: abbreviated handshake' 5
	check_count_err '^SSL_connect:SSLv3/TLS read server certificate$' 1
	check_end
	stop_servers
else
	fail "resume tls12 ticket" "s_server did not start"
fi

# --- TLS 1.2: tickets without a server cache (empty session ID) -----------
# OpenSSL names such a session by SHA-256 of the ticket; so does tlsprobe
if start_s_server_as rsa -tls1_2 -no_cache; then
	reconnect "resume tls12 ticket, no server cache" 'TLSv1\.2' 1 5
	check_begin "resume tls12 ticket session: Session-ID is SHA-256(ticket)"
	# the first block's dump only (later ones are empty)
	_tk=$(awk '/^    TLS session ticket:$/ { n++; next }
	    n == 1 && /^    [0-9a-f][0-9a-f][0-9a-f][0-9a-f] - / {
		print substr($0, 12, 47) }
	    n == 1 && /^$/ { exit }' "$T/out" | tr -d ' \n-')
	_want=$("$TP_PYTHON" -c 'import sys, hashlib
print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest().upper())' \
	    "$_tk")
	_got=$(sed -n 's/^    Session-ID: //p' "$T/out" | head -n 1)
	[ -n "$_tk" ] || tp_why "no ticket dump"
	[ "$_got" = "$_want" ] || tp_why "Session-ID $_got, SHA-256 of the ticket $_want"
	check_end
	stop_servers
else
	fail "resume tls12 ticket no cache" "s_server did not start"
fi

# --- TLS 1.2: session-ID cache only ---------------------------------------
if start_s_server_as rsa -tls1_2 -no_ticket; then
	reconnect "resume tls12 session ID (-no_ticket)" 'TLSv1\.2' 1 5
	expect_out "resume tls12 session ID: no ticket lines" \
	    '^    Master-Key: '
	check_begin "resume tls12 session ID: no ticket shown"
	check_not_out 'TLS session ticket'
	check_end
	stop_servers
else
	fail "resume tls12 session ID" "s_server did not start"
fi

# --- TLS 1.2: no resumption at all: each reconnect says why ----------------
if start_s_server_as rsa -tls1_2 -no_ticket -no_cache; then
	reconnect "resume tls12 -no_cache -no_ticket: all new" 'TLSv1\.2' 6 0
	check_begin "resume tls12 not resumed: INFO line says why"
	# s_server -no_cache sends an empty session ID
	check_count '^INFO: session not resumed: the server issued neither a session ID nor a ticket$' 5
	check_end
	stop_servers
else
	fail "resume tls12 no cache" "s_server did not start"
fi

# --- TLS 1.3: PSK from NewSessionTicket -----------------------------------
if start_s_server_as rsa -tls1_3; then
	reconnect "resume tls13 PSK -reconnect" 'TLSv1\.3' 1 5
	check_begin "resume tls13 SSL-Session block"
	check_out '^    Resumption PSK: [0-9A-F]{64}$'
	check_out '^    TLS session ticket lifetime hint: 7200 \(seconds\)$'
	check_count '^    Max Early Data: 0$' 6
	check_count '^    Extended master secret: no$' 6
	check_not_out '^    Master-Key:'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -reconnect -state </dev/null
	check_begin "resume tls13 resumed handshakes skip Certificate"
	check_rc 0
	check_count 'INFO: server selected the PSK: resuming' 5
	check_count_err '^SSL_connect:SSLv3/TLS read server certificate$' 1
	check_end
	stop_servers
else
	fail "resume tls13" "s_server did not start"
fi

if start_s_server_as rsa -tls1_3 -num_tickets 0; then
	reconnect "resume tls13 -num_tickets 0: all new" 'TLSv1\.3' 6 0
	check_begin "resume tls13 no ticket: INFO line says why"
	check_count '^INFO: session not resumed: the server issued neither a session ID nor a ticket$' 5
	check_end
	stop_servers
else
	fail "resume tls13 no tickets" "s_server did not start"
fi

if start_s_server_as rsa -tls1_3 -num_tickets 2; then
	reconnect "resume tls13 -num_tickets 2" 'TLSv1\.3' 1 5
	stop_servers
else
	fail "resume tls13 two tickets" "s_server did not start"
fi

# HelloRetryRequest (the server wants P-256, we send an X25519 share): the
# second ClientHello carries the PSK with a binder over the new transcript
if start_s_server_as rsa -tls1_3 -groups P-256; then
	reconnect "resume tls13 PSK after HelloRetryRequest" 'TLSv1\.3' 1 5 \
	    -state
	check_begin "resume tls13 HRR on every connection"
	check_count 'INFO: HelloRetryRequest: server asked to retry with group P-256' 6
	check_end
	stop_servers
else
	fail "resume tls13 hrr" "s_server did not start"
fi

# -allow_no_dhe_kex offers psk_ke too; OpenSSL still takes psk_dhe_ke
if start_s_server_as rsa -tls1_3 -allow_no_dhe_kex; then
	reconnect "resume tls13 -allow_no_dhe_kex with s_server" 'TLSv1\.3' 1 5
	stop_servers
else
	fail "resume tls13 allow_no_dhe_kex" "s_server did not start"
fi

# --- gnutls-serv: its own cache and tickets; psk_ke when it prefers PSK ----
if tp_have gnutls-serv; then
	for v in 1.2 1.3; do
		if start_gnutls_serv_as rsa \
		    --priority "NORMAL:-VERS-ALL:+VERS-TLS$v"; then
			reconnect "resume gnutls-serv TLS $v" \
			    "TLSv$(echo $v | sed 's/\./\\./')" 1 5
			stop_servers
		else
			fail "resume gnutls-serv TLS $v" "gnutls-serv did not start"
		fi
	done
	# its session cache alone
	if start_gnutls_serv_as rsa --noticket \
	    --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2'; then
		reconnect "resume gnutls-serv TLS 1.2 session ID (--noticket)" \
		    'TLSv1\.2' 1 5
		check_begin "resume gnutls-serv --noticket: no ticket"
		check_not_out 'TLS session ticket'
		check_end
		stop_servers
	else
		fail "resume gnutls-serv --noticket" "gnutls-serv did not start"
	fi
	if start_gnutls_serv_as rsa --priority \
	    'NORMAL:-VERS-ALL:+VERS-TLS1.3:-KX-ALL:+PSK:+ECDHE-RSA:%SERVER_PRECEDENCE'
	then
		reconnect "resume gnutls-serv psk_ke (-allow_no_dhe_kex)" \
		    'TLSv1\.3' 1 5 -allow_no_dhe_kex -state
		check_begin "resume gnutls-serv psk_ke: no (EC)DHE"
		check_count 'INFO: resumed with psk_ke' 5
		check_end
		# this server takes no psk_dhe_ke, so it issues no ticket
		# to a client that offers only that mode (RFC 8446, 4.6.1)
		reconnect "resume gnutls-serv psk_ke only when asked" \
		    'TLSv1\.3' 6 0 -state
		check_begin "resume gnutls-serv no usable mode: INFO says why"
		check_count 'INFO: resumed with psk_ke' 0
		check_count '^INFO: session not resumed: the server issued neither a session ID nor a ticket$' 5
		check_end
		stop_servers
	else
		fail "resume gnutls-serv psk_ke" "gnutls-serv did not start"
	fi
else
	skip "resume gnutls-serv" "gnutls-serv not installed"
fi

# --- session files, both ways with s_client --------------------------------
# sclient ARGS...: s_client against $PORT, its output in $T/sc.out
sclient() {
	printf '' | timeout 10 openssl s_client -connect "127.0.0.1:$PORT" \
	    "$@" >"$T/sc.out" 2>&1
}

for v in tls1_2 tls1_3; do
	if ! start_s_server_as rsa "-$v"; then
		fail "resume files $v" "s_server did not start"
		continue
	fi
	rm -f "$T/a.pem" "$T/b.pem"
	# s_client gets 1.3 tickets only after reading: give it a moment
	(sleep 1; printf '') | timeout 10 openssl s_client \
	    -connect "127.0.0.1:$PORT" -"$v" -sess_out "$T/a.pem" \
	    >"$T/sc.out" 2>&1
	run_tp -connect "127.0.0.1:$PORT" -"$v" -sess_in "$T/a.pem" </dev/null
	check_begin "resume $v: s_client's -sess_out file resumed by tlsprobe"
	check_rc 0
	check_out '^Reused, TLSv1\.[23], Cipher is '
	check_end

	run_tp -connect "127.0.0.1:$PORT" -"$v" -sess_out "$T/b.pem" </dev/null
	check_begin "resume $v: -sess_out writes a 0600 PEM file"
	check_rc 0
	[ -f "$T/b.pem" ] || tp_why "no file"
	[ "$(stat -c %a "$T/b.pem" 2>/dev/null)" = 600 ] ||
	    tp_why "mode $(stat -c %a "$T/b.pem" 2>/dev/null), want 600"
	head -n 1 "$T/b.pem" | grep -q '^-----BEGIN SSL SESSION PARAMETERS-----$' ||
	    tp_why "not an SSL SESSION PARAMETERS PEM"
	check_end
	_id=$(sed -n 's/^    Session-ID: //p' "$T/out" | tail -n 1)
	openssl sess_id -in "$T/b.pem" -noout -text >"$T/sid.out" 2>&1
	check_begin "resume $v: openssl sess_id reads tlsprobe's file"
	grep -q "^    Session-ID: $_id\$" "$T/sid.out" ||
	    tp_why "sess_id does not show Session-ID $_id"
	# the last block tlsprobe printed (1.3: the newest ticket, which
	# -sess_out keeps) is the one sess_id prints
	awk '/^SSL-Session:/ { n++; b = "" } n { b = b $0 "\n" }
	    /^    Timeout/ { last = b; n = 0 } END { printf "%s", last }' \
	    "$T/out" >"$T/blk.tp"
	sed -n '/^SSL-Session:/,/^    Timeout/p' "$T/sid.out" >"$T/blk.sid"
	cmp -s "$T/blk.tp" "$T/blk.sid" || tp_why "SSL-Session blocks differ"
	check_end
	[ -z "$TP_VERBOSE" ] || diff "$T/blk.tp" "$T/blk.sid" | sed 's/^/    |   /'
	# s_client orders TLS 1.3 suites its own way: give it the session's
	_cs=$(sed -n 's/^    Cipher    : //p' "$T/out" | head -n 1)
	if [ "$v" = tls1_3 ]; then
		sclient -"$v" -ciphersuites "$_cs" -sess_in "$T/b.pem"
	else
		sclient -"$v" -sess_in "$T/b.pem"
	fi
	check_begin "resume $v: tlsprobe's file resumed by s_client -sess_in"
	grep -q '^Reused, ' "$T/sc.out" || tp_why "s_client did not reuse"
	check_end
	stop_servers
done

# --- the version changes: the session is not offered or not taken ---------
if start_s_server_as rsa; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -sess_out "$T/v12.pem" </dev/null
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -sess_out "$T/v13.pem" </dev/null
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/v12.pem" </dev/null
	check_begin "resume a TLS 1.2 session, the server chooses TLS 1.3: INFO"
	check_rc 0
	check_out '^New, TLSv1\.3'
	check_out '^INFO: session not resumed: the server chose TLS 1\.3; the session is TLS 1\.2$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -sess_in "$T/v13.pem" </dev/null
	check_begin "resume a TLS 1.3 session with -tls1_2: not offered, INFO"
	check_rc 0
	check_out '^INFO: session not resumed: the session is TLS 1\.3, which is not offered$'
	check_end
	stop_servers
fi
if [ -s "$T/v13.pem" ] && start_s_server_as rsa -tls1_2; then
	run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/v13.pem" </dev/null
	check_begin "resume a TLS 1.3 session, the server chooses TLS 1.2: INFO"
	check_rc 0
	check_out '^New, TLSv1\.2'
	check_out '^INFO: session not resumed: the server chose TLS 1\.2; the session is TLS 1\.3$'
	check_end
	stop_servers
fi

# --- the server name: a session is offered only under its own SNI ---------
if start_s_server_as rsa; then
	run_tp -connect "localhost:$PORT" -sess_out "$T/sni.pem" </dev/null
	run_tp -connect "localhost:$PORT" -sess_in "$T/sni.pem" </dev/null
	check_begin "resume under the same server name"
	check_rc 0
	check_out '^Reused, '
	check_end
	run_tp -connect "localhost:$PORT" -servername other.example \
	    -sess_in "$T/sni.pem" </dev/null
	check_begin "resume under another server name: not offered, INFO"
	check_rc 0
	check_out '^New, '
	check_out "^INFO: session not resumed: the session was made for server name 'localhost', this connection is for 'other\\.example' \\(RFC 8446, 4\\.6\\.1\\)$"
	check_end
	stop_servers
fi

# --- bad files: exit 2, naming the file and the problem ---------------------
printf 'not a session\n' >"$T/junk.pem"
run_tp -connect "127.0.0.1:1" -sess_in "$T/junk.pem"
check_begin "resume -sess_in junk: exit 2 naming the file"
check_rc 2
check_err "junk\\.pem: no PEM block"
check_end
run_tp -connect "127.0.0.1:1" -sess_in "$CERTS/rsa.crt"
check_begin "resume -sess_in a certificate: exit 2 naming the label"
check_rc 2
check_err 'rsa\.crt: the PEM block is "CERTIFICATE"'
check_end
printf -- '-----BEGIN SSL SESSION PARAMETERS-----\nMAMCAQE=\n-----END SSL SESSION PARAMETERS-----\n' >"$T/short.pem"
run_tp -connect "127.0.0.1:1" -sess_in "$T/short.pem"
check_begin "resume -sess_in truncated SSL_SESSION: exit 2"
check_rc 2
check_err 'short\.pem: ssl_version is missing'
check_end
run_tp -connect "127.0.0.1:1" -sess_in "$T/none.pem"
check_begin "resume -sess_in missing file: exit 2"
check_rc 2
check_err 'none\.pem: No such file'
check_end

# --- RFC 7627, 5.3 and expiry, with edited session files ------------------
# sess_edit IN OUT drop13|time1: drop the EMS flag field [13] or set the
# start time [1] to 1970, re-armouring the DER (python3: only file editing).
sess_edit() {
	"$TP_PYTHON" - "$1" "$2" "$3" <<'EOF'
import base64, sys
src, dst, what = sys.argv[1:4]
lines = open(src).read().split("\n")
der = base64.b64decode("".join(l for l in lines if l and not l.startswith("-----")))
def tlv(b, i):
    t = b[i]; l = b[i + 1]; i += 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i:i + n], "big"); i += n
    return t, i, l
def enc(t, v):
    n = len(v)
    if n < 0x80: h = bytes([n])
    elif n < 0x100: h = bytes([0x81, n])
    else: h = bytes([0x82]) + n.to_bytes(2, "big")
    return bytes([t]) + h + v
t, i, l = tlv(der, 0)
body, out = der[i:i + l], b""
j = 0
while j < len(body):
    t, k, l = tlv(body, j)
    whole = body[j:k + l]
    if what == "drop13" and t == 0xad:
        whole = b""
    if what == "time1" and t == 0xa1:
        whole = enc(0xa1, bytes([2, 1, 1]))
    out += whole
    j = k + l
der = enc(0x30, out)
b = base64.b64encode(der).decode()
with open(dst, "w") as f:
    f.write("-----BEGIN SSL SESSION PARAMETERS-----\n")
    for x in range(0, len(b), 64):
        f.write(b[x:x + 64] + "\n")
    f.write("-----END SSL SESSION PARAMETERS-----\n")
EOF
}

if tp_have "$TP_PYTHON" && start_s_server_as rsa -tls1_2; then
	run_tp -connect "127.0.0.1:$PORT" -sess_out "$T/ems.pem" </dev/null
	if sess_edit "$T/ems.pem" "$T/noems.pem" drop13; then
		run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/noems.pem" \
		    </dev/null
		check_begin "resume EMS session file without the flag: RFC 7627 5.3 FAIL"
		check_rc 1
		check_fail_line 'RFC 7627, 5\.3'
		check_end
	else
		fail "resume EMS edit" "could not edit the session file"
	fi
	if sess_edit "$T/ems.pem" "$T/old.pem" time1; then
		run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/old.pem" \
		    </dev/null
		check_begin "resume expired session: not offered, INFO says why"
		check_rc 0
		check_out '^New, TLSv1\.2'
		check_out '^INFO: session not resumed: the session expired'
		check_end
	else
		fail "resume expiry edit" "could not edit the session file"
	fi
	stop_servers
else
	skip "resume EMS and expiry" "python3 or s_server missing"
fi

# --- the same under ASan+UBSan (make check sets TP_ASAN_TLSPROBE) ---------
if [ -n "${TP_ASAN_TLSPROBE:-}" ] && [ -x "$TP_ASAN_TLSPROBE" ]; then
	case $TP_ASAN_TLSPROBE in
	/*)	;;
	*)	TP_ASAN_TLSPROBE=$PWD/${TP_ASAN_TLSPROBE#./} ;;
	esac
	_save=$TLSPROBE
	TLSPROBE=$TP_ASAN_TLSPROBE
	for v in tls1_2 tls1_3; do
		if start_s_server_as rsa "-$v"; then
			reconnect "resume $v -reconnect [asan]" 'TLSv1\.[23]' 1 5 \
			    -sess_out "$T/asan.pem"
			run_tp -connect "127.0.0.1:$PORT" -sess_in "$T/asan.pem" \
			    </dev/null
			check_begin "resume $v -sess_in [asan]"
			check_rc 0
			check_out '^Reused, '
			check_end
			stop_servers
		fi
	done
	TLSPROBE=$_save
fi

tp_done
