# starttls_mail.sh -- -starttls smtp, lmtp, imap, pop3 and sieve against
# the real Postfix and Dovecot, one instance of each for the whole script,
# on free 127.0.0.1 ports with throwaway configuration and certificates.
# Also: the failure class starttls (no STARTTLS offered, STARTTLS refused,
# another protocol on the port, a plain HTTP server), -name, -state and
# -trace lines, -crlf, -4/-6 on ::1, and -connect without a port.

. "$(dirname "$0")/../lib.sh"
tp_daemons_setup

# --- Postfix ------------------------------------------------------------
# ports: STARTTLS offered; TLS off; STARTTLS refused (a command filter
# turns it into "STARTTLS NOW": 501); and the first one again on ::1.
start_postfix() {
	set -- $(tp_ports 4) || return 1
	SMTP=$1 SMTP_NOTLS=$2 SMTP_REFUSE=$3 SMTP6=$4
	PF=$T/postfix
	# Postfix opens data/ as its mail_owner: let it through $T
	chmod 711 "$T" || return 1
	mkdir -p "$PF/conf" "$PF/queue" "$PF/data" || return 1
	cat >"$PF/conf/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $PF/queue
data_directory = $PF/data
mail_owner = postfix
inet_interfaces = 127.0.0.1, [::1]
inet_protocols = all
myhostname = mail.test
mydestination =
local_recipient_maps =
maillog_file_prefixes = $T
maillog_file = $PF/maillog
smtpd_banner = \$myhostname ESMTP tlsprobe-test
smtpd_tls_chain_files = $CERTS/rsa.key, $CERTS/rsa.crt
smtpd_tls_security_level = may
EOC
	echo '/^STARTTLS$/ STARTTLS NOW' >"$PF/conf/filter"
	cat >"$PF/conf/master.cf" <<EOC
127.0.0.1:$SMTP inet n - n - - smtpd
127.0.0.1:$SMTP_NOTLS inet n - n - - smtpd -o smtpd_tls_security_level=none
127.0.0.1:$SMTP_REFUSE inet n - n - - smtpd -o smtpd_command_filter=regexp:$PF/conf/filter
[::1]:$SMTP6 inet n - n - - smtpd
anvil unix - - n - 1 anvil
tlsmgr unix - - n 1000? 1 tlsmgr
postlog unix-dgram n - n - 1 postlogd
proxymap unix - - n - - proxymap
EOC
	# creates the queue's subdirectories, owned as Postfix wants them
	postfix -c "$PF/conf" set-permissions create-missing \
	    >"$T/postfix-setup.log" 2>&1 || return 1
	tp_daemon_start postfix "$SMTP $SMTP_NOTLS $SMTP_REFUSE" \
	    /usr/lib/postfix/sbin/master -c "$PF/conf" -d
}

# --- Dovecot ------------------------------------------------------------
start_dovecot() {
	set -- $(tp_ports 4) || return 1
	IMAP=$1 POP3=$2 SIEVE=$3 LMTP=$4
	DC=$T/dovecot
	mkdir -p "$DC/run" "$DC/state" "$DC/home" || return 1
	cat >"$DC/dovecot.conf" <<EOC
base_dir = $DC/run
state_dir = $DC/state
log_path = $DC/log
protocols = imap pop3 sieve lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <$CERTS/rsa.crt
ssl_key = <$CERTS/rsa.key
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
service pop3-login {
  inet_listener pop3 {
    port = $POP3
  }
  inet_listener pop3s {
    port = 0
  }
}
service managesieve-login {
  inet_listener sieve {
    port = $SIEVE
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP
  }
}
EOC
	tp_daemon_start dovecot "$IMAP $POP3 $SIEVE $LMTP" \
	    dovecot -F -c "$DC/dovecot.conf"
}

have_pf=
if tp_need_cmd "starttls smtp" /usr/lib/postfix/sbin/master; then
	if start_postfix; then
		have_pf=1
	else
		fail "starttls smtp: Postfix" "did not start"
	fi
fi
have_dc=
if tp_need_cmd "starttls imap/pop3/sieve/lmtp" dovecot; then
	if start_dovecot; then
		have_dc=1
	else
		fail "starttls imap/pop3/sieve/lmtp: Dovecot" "did not start"
	fi
fi

if [ -n "$have_pf" ]; then
	run_tp -connect "localhost:$SMTP" -starttls smtp -msg $CA </dev/null
	check_begin "starttls smtp: Postfix, verified handshake, -msg plaintext lines"
	check_rc 0
	check_plain '<<<' '220 mail\.test ESMTP tlsprobe-test$'
	check_plain '>>>' 'EHLO mail\.example\.com$'
	check_plain '<<<' '250-PIPELINING$'
	check_plain '<<<' '250-STARTTLS$'
	check_plain '>>>' 'STARTTLS$'
	check_plain '<<<' '220 2\.0\.0 Ready to start TLS$'
	check_out '^Verification: OK$'
	check_out '^    Protocol  : TLSv1\.3$'
	check_no_fail_line
	check_end

	run_tp -connect "localhost:$SMTP" -starttls smtp -name client.test \
	    -state -trace -tls1_2 $CA </dev/null
	check_begin "starttls smtp: -name, -state and -trace lines"
	check_rc 0
	check_out '^STARTTLS:read greeting$'
	check_out '^STARTTLS:write EHLO$'
	check_out '^Sent plaintext: EHLO client\.test$'
	check_out '^Received plaintext: 250 CHUNKING$'
	check_out '^STARTTLS:ready for TLS$'
	check_err '^SSL_connect:before SSL initialization$'
	check_out '^    Protocol  : TLSv1\.2$'
	check_not_out '^>>> plaintext'
	check_end

	run_tp -connect "127.0.0.1:$SMTP_NOTLS" -starttls smtp -msg </dev/null
	check_begin "starttls smtp: no STARTTLS offered: class starttls, EHLO list quoted"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL starttls: the server does not offer STARTTLS; its EHLO reply lists: PIPELINING, SIZE [0-9]+, .*CHUNKING$'
	check_plain '<<<' '250 CHUNKING$'
	check_not_out '^>>> plaintext: STARTTLS'
	check_end

	run_tp -connect "127.0.0.1:$SMTP_REFUSE" -starttls smtp -msg </dev/null
	check_begin "starttls smtp: STARTTLS answered with an error: reply quoted"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL starttls: the server refused STARTTLS: "501 5\.5\.4 Syntax: STARTTLS"$'
	check_plain '>>>' 'STARTTLS$'
	check_end

	tp_input 'EHLO data.test\nQUIT\n'
	run_tp -connect "127.0.0.1:$SMTP" -starttls smtp -crlf -ign_eof \
	    -quiet <"$T/in"
	check_begin "starttls smtp: -crlf: commands from stdin in CRLF reach Postfix"
	check_rc 0
	check_out '^250-mail\.test'
	check_out '^221 2\.0\.0 Bye'
	check_end

	run_tp -connect "127.0.0.1:$SMTP" -starttls smtp -tls1_2 \
	    -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -diagnose </dev/null
	check_begin "starttls smtp: -diagnose probes go through STARTTLS too"
	check_rc 1
	check_out '^PROBE probe [0-9]+ \(-tls1_2 -cipher ALL\): ServerHello TLS 1\.2, '
	check_out '^VERDICT no shared cipher suite: server accepts '
	check_fail_line '^tlsprobe: FAIL no-shared-cipher: '
	check_end

	run_tp -bind 127.0.0.2 -connect "127.0.0.1:$SMTP" -starttls smtp \
	    </dev/null
	_seen=
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		if grep -q 'connect from [^ ]*\[127\.0\.0\.2\]' \
		    "$PF/maillog" 2>/dev/null; then
			_seen=1
			break
		fi
		sleep 0.2
	done
	check_begin "starttls smtp: -bind 127.0.0.2: Postfix logs that source address"
	check_rc 0
	[ -n "$_seen" ] || tp_why "Postfix's log has no connect from [127.0.0.2]"
	check_end

	run_tp -bind 192.0.2.1 -connect "127.0.0.1:$SMTP" -starttls smtp \
	    </dev/null
	check_begin "starttls smtp: -bind to an address not on this host: class connect"
	check_rc 3
	check_fail_line '^tlsprobe: FAIL connect: cannot bind to -bind 192\.0\.2\.1: '
	check_end

	run_tp -host 127.0.0.1 -port "$SMTP" -starttls smtp $CA \
	    -verify_hostname localhost </dev/null
	check_begin "starttls smtp: -host and -port"
	check_rc 0
	check_out '^Verification: OK$'
	check_end

	run_tp -6 -connect "[::1]:$SMTP6" -starttls smtp -msg $CA \
	    -verify_hostname localhost </dev/null
	check_begin "starttls smtp: -6 to Postfix on ::1"
	check_rc 0
	check_plain '<<<' '220 mail\.test'
	check_out '^Verification: OK$'
	check_end

	run_tp -6 -connect "localhost:$SMTP" -starttls smtp </dev/null
	check_begin "starttls smtp: -6: an IPv4-only name does not resolve"
	check_rc 3
	check_fail_line '^tlsprobe: FAIL resolve: '
	check_end

	run_tp -4 -connect "[::1]:$SMTP6" -starttls smtp </dev/null
	check_begin "starttls smtp: -4 refuses an IPv6 address"
	check_rc 3
	check_fail_line '^tlsprobe: FAIL resolve: '
	check_end
fi

if [ -n "$have_dc" ]; then
	run_tp -connect "localhost:$IMAP" -starttls imap -msg $CA </dev/null
	check_begin "starttls imap: Dovecot, verified handshake, -msg plaintext lines"
	check_rc 0
	check_plain '<<<' '\* OK .*Dovecot.* ready\.$'
	check_plain '>>>' '\. CAPABILITY$'
	check_plain '<<<' '\* CAPABILITY .* STARTTLS'
	check_plain '>>>' '\. STARTTLS$'
	check_plain '<<<' '\. OK Begin TLS negotiation now\.$'
	check_out '^Verification: OK$'
	check_no_fail_line
	check_end

	run_tp -connect "localhost:$POP3" -starttls pop3 -msg $CA </dev/null
	check_begin "starttls pop3: Dovecot, verified handshake, -msg plaintext lines"
	check_rc 0
	check_plain '<<<' '\+OK Dovecot.* ready\.$'
	check_plain '>>>' 'CAPA$'
	check_plain '<<<' 'STLS$'
	check_plain '>>>' 'STLS$'
	check_plain '<<<' '\+OK Begin TLS negotiation now\.$'
	check_out '^Verification: OK$'
	check_end

	run_tp -connect "localhost:$SIEVE" -starttls sieve -msg $CA </dev/null
	check_begin "starttls sieve: Dovecot ManageSieve, verified handshake, -msg plaintext lines"
	check_rc 0
	check_plain '<<<' '"IMPLEMENTATION" ".*Pigeonhole"$'
	check_plain '<<<' '"STARTTLS"$'
	check_plain '>>>' 'STARTTLS$'
	check_plain '<<<' 'OK "Begin TLS negotiation now\."$'
	check_out '^Verification: OK$'
	check_end

	run_tp -connect "localhost:$LMTP" -starttls lmtp -msg $CA </dev/null
	check_begin "starttls lmtp: Dovecot LMTP, verified handshake, -msg plaintext lines"
	check_rc 0
	check_plain '<<<' '220 .*Dovecot.* ready\.$'
	check_plain '>>>' 'LHLO mail\.example\.com$'
	check_plain '<<<' '250 STARTTLS$'
	check_plain '<<<' '220 2\.0\.0 Begin TLS negotiation now\.$'
	check_out '^Verification: OK$'
	check_end

	run_tp -connect "127.0.0.1:$IMAP" -starttls smtp -msg </dev/null
	check_begin "starttls: -starttls smtp on an IMAP port: recognised and quoted"
	check_rc 1
	check_fail_line "^tlsprobe: FAIL starttls: port $IMAP answered like an IMAP server, not an SMTP server: \"\\* OK "
	check_plain '<<<' '\* OK '
	check_end

	run_tp -connect "127.0.0.1:$POP3" -starttls imap -diagnose </dev/null
	check_begin "starttls: -diagnose names the protocol the greeting looks like"
	check_rc 1
	check_fail_line 'answered like a POP3 server, not an IMAP server: .*; diagnosis: the greeting looks like a POP3 server \(try -starttls pop3\)$'
	check_end
fi

# --- a plain HTTP server (python3's http.server) given -starttls smtp ---------
if tp_have python3; then
	HTTP=$(free_port)
	if tp_daemon_start http "$HTTP" python3 -m http.server --bind 127.0.0.1 \
	    --directory "$T" "$HTTP"; then
		run_tp -connect "127.0.0.1:$HTTP" -starttls smtp -timeout 1 \
		    </dev/null
		check_begin "starttls smtp against an HTTP server: no greeting, explained"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: no greeting from the server within 1 s: an SMTP server speaks first, this one waits for the client \(as HTTP and TLS servers do\)$'
		check_end

		run_tp -connect "127.0.0.1:$HTTP" -starttls smtp -timeout 1 \
		    -diagnose </dev/null
		check_begin "starttls smtp against an HTTP server: -diagnose asks it an HTTP question"
		check_rc 1
		check_fail_line '; diagnosis: asked "HEAD / HTTP/1\.0" on a second connection, it answered like an HTTP server: "HTTP/1\.[01] 200 OK"$'
		check_end

		run_tp -connect "127.0.0.1:$HTTP" -starttls irc -msg </dev/null
		check_begin "starttls irc against an HTTP server: its answer recognised"
		check_rc 1
		check_fail_line "port $HTTP answered like an HTTP server \\(it sent an HTML page\\), not an IRC server: \"<!DOCTYPE HTML>\"\$"
		check_plain '>>>' 'STARTTLS$'
		check_end
	fi
fi

# --- a server that drips its greeting forever ---------------------------------
DRIP='
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(4)
while True:
    c, _ = s.accept()
    try:
        c.sendall(b"220-")
        while True:
            c.sendall(b"x")
            time.sleep(0.3)
    except Exception:
        c.close()
'
if tp_have python3; then
	_p=$(free_port)
	if tp_daemon_start drip "$_p" python3 -c "$DRIP" "$_p"; then
		run_tp -connect "127.0.0.1:$_p" -starttls smtp -timeout 2 \
		    </dev/null
		check_begin "starttls smtp: a greeting dripped byte by byte is cut at -timeout"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: the server did not complete its reply within 2 s before its greeting \([0-9]+ bytes of it came\)$'
		check_end
	fi
fi

# --- -connect without a port: the protocol's well-known port ------------------
run_tp -connect 127.0.0.2 -starttls smtp -timeout 2 </dev/null
check_begin "starttls: -connect host without a port uses 25 for smtp"
check_rc 3
check_fail_line '127\.0\.0\.2:25'
check_end

run_tp -connect 127.0.0.2 -starttls imap -timeout 2 </dev/null
check_begin "starttls: -connect host without a port uses 143 for imap"
check_rc 3
check_fail_line '127\.0\.0\.2:143'
check_end

stop_servers
tp_done
