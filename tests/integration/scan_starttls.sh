# scan_starttls.sh -- -scan through -starttls and -proxy against real
# daemons, each configured with few versions and suites so the scan is
# short and its findings exact: Postfix (-starttls smtp; a second port
# with TLS off; a third that rate-limits connections, so STARTTLS fails on
# some probe connections only), Dovecot (-starttls imap), PostgreSQL
# (-starttls postgres), and tinyproxy in front of openssl s_server
# (-proxy, with and without Basic credentials).  The table and -json
# (checked with jq against tests/json/schema.jq) are both asserted.  The
# Postfix result is compared with sslscan --starttls-smtp when sslscan is
# installed.

. "$(dirname "$0")/../lib.sh"
tp_daemons_setup
# the daemons run as their own users and must reach their files in $T
chmod 711 "$T"

# scanp ARGS...: tlsprobe -scan trusting the test CA
scanp() {
	run_tp -scan $CA "$@" </dev/null
}

# check_scan_jq EXPR: jq -e EXPR over the whole -json stream in $T/out
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

# check_suites PROTO "NAME NAME ...": the table's list, in order
check_suites() {
	_got=$(suites "$1" | tr '\n' ' ')
	[ "$_got" = "$2 " ] || tp_why "$1 suites: '$_got', want '$2'"
}

# the TLS 1.2 suites every server below is configured with, in its order
TLS12='ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA'

# --- Postfix: -starttls smtp ----------------------------------------------
# ports: TLS 1.2 and 1.3 with two TLS 1.2 suites in the server's order;
# TLS off; the same as the first but at most $LIMIT connections a minute
# (anvil), so STARTTLS fails with 421 once the scan has used them.
LIMIT=24
start_postfix() {
	set -- $(tp_ports 4) || return 1
	SMTP=$1 SMTP_NOTLS=$2 SMTP_LIMIT=$3 SMTP_LIMIT2=$4
	PF=$T/postfix
	# Postfix opens data/ as its mail_owner: let it through $T
	mkdir -p "$PF/conf" "$PF/queue" "$PF/data" || return 1
	cat >"$PF/conf/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $PF/queue
data_directory = $PF/data
mail_owner = postfix
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.test
mydestination =
local_recipient_maps =
maillog_file_prefixes = $T
maillog_file = $PF/maillog
smtpd_banner = \$myhostname ESMTP tlsprobe-test
smtpd_tls_chain_files = $CERTS/rsa.key, $CERTS/rsa.crt
smtpd_tls_security_level = may
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_ciphers = high
tls_high_cipherlist = $TLS12
tls_preempt_cipherlist = yes
smtpd_client_event_limit_exceptions =
anvil_rate_time_unit = 60s
EOC
	cat >"$PF/conf/master.cf" <<EOC
127.0.0.1:$SMTP inet n - n - - smtpd
127.0.0.1:$SMTP_NOTLS inet n - n - - smtpd -o smtpd_tls_security_level=none
127.0.0.1:$SMTP_LIMIT inet n - n - - smtpd -o smtpd_client_connection_rate_limit=$LIMIT
127.0.0.1:$SMTP_LIMIT2 inet n - n - - smtpd -o smtpd_client_connection_rate_limit=$LIMIT
anvil unix - - n - 1 anvil
tlsmgr unix - - n 1000? 1 tlsmgr
postlog unix-dgram n - n - 1 postlogd
proxymap unix - - n - - proxymap
EOC
	postfix -c "$PF/conf" set-permissions create-missing \
	    >"$T/postfix-setup.log" 2>&1 || return 1
	tp_daemon_start postfix "$SMTP $SMTP_NOTLS $SMTP_LIMIT $SMTP_LIMIT2" \
	    /usr/lib/postfix/sbin/master -c "$PF/conf" -d
}

if tp_need_cmd "scan starttls smtp" /usr/lib/postfix/sbin/master; then
	if start_postfix; then
		scanp -connect "localhost:$SMTP" -starttls smtp
		check_begin "scan -starttls smtp: Postfix, TLS 1.2 and 1.3, its two TLS 1.2 suites in its order"
		check_rc 0
		check_out "^SCAN localhost:$SMTP\$"
		check_out '^  TLSv1\.3  accepted$'
		check_out '^  TLSv1\.2  accepted$'
		check_out '^  TLSv1\.1  not accepted$'
		check_out '^  TLSv1    not accepted$'
		check_out '^  SSLv3    not accepted$'
		check_out '^TLSv1\.2 cipher suites \(server order\):$'
		check_suites TLSv1.2 "ECDHE-RSA-AES128-GCM-SHA256 AES256-SHA"
		check_out '^     1  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 '
		check_out '^     2  TLS_RSA_WITH_AES_256_CBC_SHA '
		check_not_out 'ECDHE-RSA-AES256-GCM-SHA384'
		check_out '^  RSA    TLSv1\.3, RSA 2048, signs with rsa_pss_rsae_sha256$'
		check_out 'verification: ok$'
		check_out '^  low +1 RSA key exchange suites \(AES256-SHA in TLSv1\.2\): no forward secrecy$'
		check_not_out '^Not run'
		check_not_out 'not run'
		check_out '^SCAN done: [0-9]+ connections in '
		check_end
		cp "$T/out" "$T/smtp-table"

		scanp -connect "localhost:$SMTP" -starttls smtp -json
		check_begin "scan -starttls smtp -json: valid stream, the same versions and suites"
		check_rc 0
		check_scan_jq 'stream_ok'
		check_scan_jq '[.[] | select(.type == "protocol" and .accepted) | .protocol] == ["TLSv1.2","TLSv1.3"]'
		check_scan_jq '[.[] | select(.type == "suite" and .protocol == "TLSv1.2") | [.openssl_name, .rank]] == [["ECDHE-RSA-AES128-GCM-SHA256",1],["AES256-SHA",2]]'
		check_scan_jq '.[-1] | .type == "scan" and .complete and .not_run == [] and .plaintext_failures == 0 and .exit == 0 and .protocols == 2'
		check_end

		# sslscan --starttls-smtp on the same port: the same suites;
		# Postfix's log counts each tool's connections (a note)
		if tp_have sslscan; then
			_c0=$(grep -c 'smtpd.*: connect from' "$PF/maillog")
			scanp -connect "127.0.0.1:$SMTP" -starttls smtp
			suites TLSv1.2 | sort >"$T/ours"
			sleep 1
			_c1=$(grep -c 'smtpd.*: connect from' "$PF/maillog")
			sslscan --no-colour --starttls-smtp "127.0.0.1:$SMTP" \
			    >"$T/sslscan" 2>&1 </dev/null
			awk '($1 == "Accepted" || $1 == "Preferred") &&
			    $2 == "TLSv1.2" { print $5 }' "$T/sslscan" |
			    sort >"$T/theirs"
			sleep 1
			_c2=$(grep -c 'smtpd.*: connect from' "$PF/maillog")
			check_begin "scan -starttls smtp suite list equals sslscan --starttls-smtp's (TLSv1.2)"
			[ -s "$T/theirs" ] || tp_why "sslscan listed no TLSv1.2 suite"
			diff "$T/ours" "$T/theirs" >"$T/diff" ||
			    tp_why "differs: $(tr '\n' ' ' <"$T/diff")"
			check_end
			note "Postfix connections: tlsprobe -scan $((_c1 - _c0)), sslscan --starttls-smtp $((_c2 - _c1))"
		else
			skip "scan -starttls smtp suite list equals sslscan's" "sslscan not installed"
		fi

		run_tp -connect "localhost:$SMTP_NOTLS" -starttls smtp </dev/null
		grep '^tlsprobe: FAIL ' "$T/err" >"$T/fail-handshake"
		scanp -connect "localhost:$SMTP_NOTLS" -starttls smtp
		check_begin "scan -starttls smtp, TLS off: one FAIL starttls line as a handshake's, exit 1"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: the server does not offer STARTTLS; its EHLO reply lists: '
		grep '^tlsprobe: FAIL ' "$T/err" >"$T/fail-scan"
		cmp -s "$T/fail-handshake" "$T/fail-scan" ||
		    tp_why "the handshake's FAIL line differs: $(cat "$T/fail-handshake")"
		check_not_out '^SCAN'
		check_end

		scanp -connect "localhost:$SMTP_NOTLS" -starttls smtp -json
		check_begin "scan -starttls smtp -json, TLS off: one fail object, class starttls"
		check_rc 1
		check_scan_jq 'stream_ok'
		check_scan_jq 'length == 2 and (.[1] | .type == "fail" and .class == "starttls" and .exit == 1 and (.message | test("does not offer STARTTLS")) and .connections >= 1)'
		check_end

		# the rate limit runs out during the scan: parts named, never "none"
		scanp -connect "localhost:$SMTP_LIMIT" -starttls smtp -json
		check_begin "scan -starttls smtp, Postfix rate limit: parts not run listed, incomplete, exit 1"
		check_rc 1
		check_scan_jq 'stream_ok'
		check_scan_jq '.[-1] | .complete == false and (.not_run | length) >= 1 and .plaintext_failures >= 1 and .exit == 1 and (.incomplete | test("^the STARTTLS exchange failed on a probe connection \\([^)]+\\): the server refused the session in its greeting: \"421 4\\.7\\.0 mail\\.test Error: too many connections from 127\\.0\\.0\\.1\"$"))'
		check_scan_jq '[.[] | select(.type == "certificate") | .key_type] as $c | .[-1].not_run as $n | all(["RSA","ECDSA","EdDSA"][]; . as $k | ($c | index([$k])) != null or ($n | index([$k + " certificate"])) != null)'
		check_err '^tlsprobe: scan may be incomplete: the STARTTLS exchange failed on a probe connection'
		check_end

		scanp -connect "localhost:$SMTP_LIMIT2" -starttls smtp
		check_begin "scan -starttls smtp, Postfix rate limit: table says 'not run', a Not run line, SCAN incomplete"
		check_rc 1
		check_out '^  TLSv1\.3  accepted$'
		check_out '^  TLSv1\.2  accepted$'
		check_out '^Not run: [^(]+ \(STARTTLS failed on [0-9]+ of [0-9]+ connections\)$'
		check_out '^SCAN incomplete: the STARTTLS exchange failed on a probe connection \([^)]+\): the server refused the session in its greeting: "421 4\.7\.0 '
		check_out ' not run$'
		# a part named not run is never shown as absent
		for _k in RSA ECDSA EdDSA; do
			if grep -q "^Not run: .*$_k certificate" "$T/out" &&
			    ! grep -Eq "^  $_k +not run\$" "$T/out"; then
				tp_why "$_k certificate not run but not shown so"
			fi
		done
		if grep -q '^Not run: .*TLSv1\.3 groups' "$T/out"; then
			check_out '^  TLSv1\.3 \(.*\):.*( \(incomplete\)| not run)$'
			check_not_out 'no post-quantum key exchange group'
		fi
		check_err '^tlsprobe: scan may be incomplete: '
		check_end
	else
		fail "scan starttls smtp: Postfix" "did not start"
	fi
fi

# --- Dovecot: -starttls imap ----------------------------------------------
start_dovecot() {
	IMAP=$(free_port) || return 1
	DC=$T/dovecot
	mkdir -p "$DC/run" "$DC/state" "$DC/home" || return 1
	cat >"$DC/dovecot.conf" <<EOC
base_dir = $DC/run
state_dir = $DC/state
log_path = $DC/log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$CERTS/rsa.crt
ssl_key = <$CERTS/rsa.key
ssl_min_protocol = TLSv1.2
ssl_cipher_list = $TLS12
ssl_cipher_suites = TLS_AES_256_GCM_SHA384
ssl_prefer_server_ciphers = yes
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:$DC/home/mail
passdb {
  driver = static
  args = password=unused
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$DC/home
}
service imap-login {
  inet_listener imap {
    port = $IMAP
  }
  inet_listener imaps {
    port = 0
  }
}
EOC
	tp_daemon_start dovecot "$IMAP" dovecot -F -c "$DC/dovecot.conf"
}

if tp_need_cmd "scan starttls imap" dovecot; then
	if start_dovecot; then
		scanp -connect "localhost:$IMAP" -starttls imap
		check_begin "scan -starttls imap: Dovecot, its one TLS 1.3 suite, two TLS 1.2 suites in its order"
		check_rc 0
		check_out '^  TLSv1\.3  accepted$'
		check_out '^  TLSv1\.2  accepted$'
		check_out '^  TLSv1\.1  not accepted$'
		check_suites TLSv1.3 "TLS_AES_256_GCM_SHA384"
		check_suites TLSv1.2 "ECDHE-RSA-AES128-GCM-SHA256 AES256-SHA"
		check_out '^TLSv1\.2 cipher suites \(server order\):$'
		check_out '^  RSA    TLSv1\.3, RSA 2048, '
		check_not_out '^Not run'
		check_end
	else
		fail "scan starttls imap: Dovecot" "did not start"
	fi
fi

# --- PostgreSQL: -starttls postgres ----------------------------------------
PGBIN=
for _d in /usr/lib/postgresql/*/bin; do
	[ -x "$_d/postgres" ] && PGBIN=$_d
done
if [ -z "$PGBIN" ]; then
	skip "scan starttls postgres" "PostgreSQL is not installed (tests/deps.sh installs it)"
else
	mkdir -p "$T/pg"
	cp "$CERTS/rsa.crt" "$T/pg/server.crt"
	cp "$CERTS/rsa.key" "$T/pg/server.key"
	chmod 600 "$T/pg/server.key"
	chown -R postgres "$T/pg"
	PG=$(free_port)
	if ! runuser -u postgres -- "$PGBIN/initdb" -D "$T/pg/data" -A trust \
	    -U postgres --no-sync >"$T/initdb.log" 2>&1; then
		fail "scan starttls postgres: initdb" "$(tail -n 1 "$T/initdb.log")"
	elif tp_daemon_start postgres "$PG" runuser -u postgres -- \
	    "$PGBIN/postgres" -D "$T/pg/data" -k "$T/pg" -h 127.0.0.1 \
	    -p "$PG" -c ssl=on -c "ssl_cert_file=$T/pg/server.crt" \
	    -c "ssl_key_file=$T/pg/server.key" -c fsync=off \
	    -c ssl_min_protocol_version=TLSv1.2 \
	    -c ssl_max_protocol_version=TLSv1.2 -c "ssl_ciphers=$TLS12"; then
		scanp -connect "localhost:$PG" -starttls postgres -json
		check_begin "scan -starttls postgres -json: PostgreSQL, TLS 1.2 only, its two suites, valid stream"
		check_rc 0
		check_scan_jq 'stream_ok'
		check_scan_jq '[.[] | select(.type == "protocol") | [.protocol, .accepted]] == [["SSLv2",false],["SSLv3",false],["TLSv1",false],["TLSv1.1",false],["TLSv1.2",true],["TLSv1.3",false]]'
		check_scan_jq '[.[] | select(.type == "suite") | [.openssl_name, .rank]] == [["ECDHE-RSA-AES128-GCM-SHA256",1],["AES256-SHA",2]]'
		check_scan_jq 'any(.[]; .type == "finding" and (.finding | startswith("TLS 1.3 not accepted")))'
		check_scan_jq '.[-1] | .type == "scan" and .complete and .not_run == [] and .plaintext_failures == 0 and .protocols == 1 and .suites == 2'
		check_end
	else
		fail "scan starttls postgres" "PostgreSQL did not start"
	fi
fi

# --- tinyproxy in front of openssl s_server: -proxy ---------------------------
if tp_need_cmd "scan proxy" tinyproxy &&
    start_s_server_as rsa -no_tls1_3 -serverpref -cipher "$TLS12"; then
	TLS=$PORT
	set -- $(tp_ports 2)
	PX=$1 PXAUTH=$2
	printf 'Port %s\nListen 127.0.0.1\nTimeout 10\nMaxClients 10\n' \
	    "$PX" >"$T/tinyproxy.conf"
	printf 'Port %s\nListen 127.0.0.1\nTimeout 10\nMaxClients 10\nBasicAuth alice s3cret\n' \
	    "$PXAUTH" >"$T/tinyproxy-auth.conf"
	if tp_daemon_start tinyproxy "$PX" tinyproxy -d -c "$T/tinyproxy.conf" &&
	    tp_daemon_start tinyproxy-auth "$PXAUTH" tinyproxy -d \
	    -c "$T/tinyproxy-auth.conf"; then
		scanp -connect "127.0.0.1:$TLS" -proxy "127.0.0.1:$PX"
		check_begin "scan -proxy: tinyproxy to s_server, TLS 1.2 only, its two suites in its order"
		check_rc 0
		check_out "^SCAN 127\\.0\\.0\\.1:$TLS\$"
		check_out '^  TLSv1\.2  accepted$'
		check_out '^  TLSv1\.3  not accepted$'
		check_suites TLSv1.2 "ECDHE-RSA-AES128-GCM-SHA256 AES256-SHA"
		check_out '^  RSA    TLSv1\.2, RSA 2048, '
		check_not_out '^Not run'
		check_end

		S3=s3cret
		export S3
		scanp -connect "127.0.0.1:$TLS" -proxy "127.0.0.1:$PXAUTH" \
		    -proxy_user alice -proxy_pass env:S3 -json
		check_begin "scan -proxy -proxy_user: Basic credentials, -json valid, credentials never shown"
		check_rc 0
		check_scan_jq 'stream_ok'
		check_scan_jq '[.[] | select(.type == "suite") | .openssl_name] == ["ECDHE-RSA-AES128-GCM-SHA256","AES256-SHA"]'
		check_scan_jq '.[-1] | .complete and .not_run == [] and .exit == 0'
		check_not_out 'YWxpY2U6czNjcmV0'
		check_not_err 'YWxpY2U6czNjcmV0'
		check_end

		scanp -connect "127.0.0.1:$TLS" -proxy "127.0.0.1:$PXAUTH"
		check_begin "scan -proxy, 407 without credentials: one FAIL proxy line as a handshake's, exit 3"
		check_rc 3
		check_fail_line "^tlsprobe: FAIL proxy: the proxy 127\\.0\\.0\\.1:$PXAUTH refused CONNECT 127\\.0\\.0\\.1:$TLS: \"HTTP/1\\.[01] 407 Proxy Authentication Required\" \\(it wants credentials: -proxy_user and -proxy_pass\\)\$"
		check_not_out '^SCAN'
		check_end

		_closed=$(free_port)
		scanp -connect "127.0.0.1:$_closed" -proxy "127.0.0.1:$PX" -json
		check_begin "scan -proxy -json, the target refuses: one fail object, class proxy, exit 3"
		check_rc 3
		check_scan_jq 'stream_ok'
		check_scan_jq 'length == 2 and (.[1] | .type == "fail" and .class == "proxy" and .exit == 3 and (.message | test("refused CONNECT")))'
		check_end
	else
		fail "scan proxy: tinyproxy" "did not start"
	fi
fi

# --- a silent peer: the plaintext phase keeps to -timeout ----------------------
if start_py_server silent; then
	run_tp -connect "127.0.0.1:$PORT" -scan -starttls smtp -timeout 1 \
	    </dev/null
	check_begin "scan -starttls smtp, a server that never greets: FAIL starttls after -timeout, exit 1"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL starttls: .*within 1 s'
	check_not_out '^SCAN'
	check_end
	stop_servers
fi

stop_servers
tp_done
