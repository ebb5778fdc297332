# starttls_misc.sh -- -starttls ftp, ldap, xmpp, xmpp-server and irc against
# the real vsftpd, slapd, Prosody and InspIRCd; telnet and nntp against
# scripted servers (no Debian telnetd speaks START_TLS; INN2's install
# fails on a host without a fully qualified name); -proxy through the real
# tinyproxy, with and without Basic credentials.  One daemon instance per
# configuration, on free 127.0.0.1 ports, throwaway configuration.

. "$(dirname "$0")/../lib.sh"
tp_daemons_setup
# daemons that drop to their own user read their files from $T
chmod 711 "$T"

# --- FTP: vsftpd, AUTH TLS (RFC 4217) ---------------------------------------
# vsftpd_start on|off
vsftpd_start() {
	FTP=$(free_port) || return 1
	mkdir -p "$T/ftp-empty"
	cat >"$T/vsftpd-$1.conf" <<EOC
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$FTP
background=NO
anonymous_enable=NO
local_enable=YES
ssl_enable=$( [ "$1" = on ] && echo YES || echo NO )
rsa_cert_file=$CERTS/rsa.crt
rsa_private_key_file=$CERTS/rsa.key
secure_chroot_dir=$T/ftp-empty
xferlog_enable=NO
EOC
	tp_daemon_start "vsftpd-$1" "$FTP" vsftpd "$T/vsftpd-$1.conf"
}

if tp_need_cmd "starttls ftp" vsftpd; then
	if vsftpd_start on; then
		run_tp -connect "localhost:$FTP" -starttls ftp -msg $CA </dev/null
		check_begin "starttls ftp: vsftpd, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '<<<' '220 \(vsFTPd [0-9.]+\)$'
		check_plain '>>>' 'FEAT$'
		check_plain '<<<' ' AUTH TLS$'
		check_plain '>>>' 'AUTH TLS$'
		check_plain '<<<' '234 Proceed with negotiation\.$'
		check_out '^Verification: OK$'
		check_end
		tp_stop_pid "$DAEMON_PID"
	else
		fail "starttls ftp: vsftpd" "did not start"
	fi
	if vsftpd_start off; then
		run_tp -connect "localhost:$FTP" -starttls ftp -msg </dev/null
		check_begin "starttls ftp: ssl_enable=NO: no AUTH TLS in FEAT, list quoted"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: the server does not offer AUTH TLS; its FEAT reply lists: EPRT, EPSV, MDTM, PASV, REST STREAM, SIZE, TVFS, End$'
		check_not_out '^>>> plaintext: AUTH'
		check_end
		tp_stop_pid "$DAEMON_PID"
	else
		fail "starttls ftp: vsftpd without TLS" "did not start"
	fi
fi

# --- LDAP: slapd, ExtendedRequest 1.3.6.1.4.1.1466.20037 --------------------
if tp_need_cmd "starttls ldap" slapd; then
	set -- $(tp_ports 2)
	LDAP=$1 LDAP_NOTLS=$2
	cat >"$T/slapd.conf" <<EOC
include /etc/ldap/schema/core.schema
pidfile $T/slapd.pid
TLSCertificateFile $CERTS/rsa.crt
TLSCertificateKeyFile $CERTS/rsa.key
EOC
	cat >"$T/slapd-notls.conf" <<EOC
include /etc/ldap/schema/core.schema
pidfile $T/slapd-notls.pid
EOC
	if tp_daemon_start slapd "$LDAP" slapd -d 0 -f "$T/slapd.conf" \
	    -h "ldap://127.0.0.1:$LDAP/" &&
	    tp_daemon_start slapd-notls "$LDAP_NOTLS" slapd -d 0 \
	    -f "$T/slapd-notls.conf" -h "ldap://127.0.0.1:$LDAP_NOTLS/"; then
		run_tp -connect "localhost:$LDAP" -starttls ldap -msg $CA \
		    </dev/null
		check_begin "starttls ldap: slapd, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '>>>' 'LDAP ExtendedRequest StartTLS \(1\.3\.6\.1\.4\.1\.1466\.20037\), messageID 1 \[length 001f\]$'
		check_out '^    30 1d 02 01 01 77 18 80 16 31 2e 33 2e 36 2e 31$'
		check_plain '<<<' 'LDAP ExtendedResponse, messageID 1, resultCode 0 \(success\) \[length 000e\]$'
		check_out '^Verification: OK$'
		check_end

		run_tp -connect "localhost:$LDAP_NOTLS" -starttls ldap -msg \
		    </dev/null
		check_begin "starttls ldap: slapd without TLS: the refusal quoted"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: the server refused StartTLS: resultCode 2 \(protocolError\): "unsupported extended operation"$'
		check_plain '<<<' 'LDAP ExtendedResponse, messageID 1, resultCode 2 \(protocolError\), unsupported extended operation'
		check_end
	else
		fail "starttls ldap: slapd" "did not start"
	fi
fi

# --- XMPP: Prosody, c2s and s2s ---------------------------------------------
if tp_need_cmd "starttls xmpp" prosody; then
	set -- $(tp_ports 2)
	XMPP=$1 XMPPS2S=$2
	mkdir -p "$T/prosody"
	cp "$CERTS/rsa.crt" "$CERTS/rsa.key" "$T/prosody/"
	cat >"$T/prosody/prosody.cfg.lua" <<EOC
pidfile = "$T/prosody/prosody.pid"
data_path = "$T/prosody"
daemonize = false
log = { { levels = { min = "warn" }, to = "console" } }
c2s_ports = { $XMPP }
s2s_ports = { $XMPPS2S }
c2s_direct_tls_ports = { }
s2s_direct_tls_ports = { }
legacy_ssl_ports = { }
http_ports = { }
https_ports = { }
interfaces = { "127.0.0.1" }
c2s_require_encryption = false
s2s_require_encryption = false
modules_enabled = { "tls", "saslauth", "disco", "dialback" }
ssl = { certificate = "$T/prosody/rsa.crt", key = "$T/prosody/rsa.key" }
VirtualHost "localhost"
EOC
	chown -R prosody "$T/prosody"
	if tp_daemon_start prosody "$XMPP $XMPPS2S" runuser -u prosody -- \
	    prosody --config "$T/prosody/prosody.cfg.lua"; then
		run_tp -connect "localhost:$XMPP" -starttls xmpp -msg $CA \
		    </dev/null
		check_begin "starttls xmpp: Prosody, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '>>>' "<stream:stream xmlns:stream='http://etherx\\.jabber\\.org/streams' xmlns='jabber:client' to='localhost' version='1\\.0'>\$"
		check_plain '<<<' '<stream:features>$'
		check_plain '<<<' "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\$"
		check_plain '>>>' "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\$"
		check_plain '<<<' "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\$"
		check_out '^Verification: OK$'
		check_end

		run_tp -connect "127.0.0.1:$XMPPS2S" -starttls xmpp-server \
		    -xmpphost localhost -msg $CA -verify_hostname localhost \
		    </dev/null
		check_begin "starttls xmpp-server: Prosody s2s, -xmpphost, verified handshake"
		check_rc 0
		check_plain '>>>' "<stream:stream .*xmlns='jabber:server' to='localhost'"
		check_plain '<<<' "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\$"
		check_out '^Verification: OK$'
		check_end

		run_tp -connect "localhost:$XMPP" -starttls xmpp -name nosuch.test \
		    -msg </dev/null
		check_begin "starttls xmpp: an unknown -name: the stream error quoted"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: the server ended the stream: "<stream:error><host-unknown '
		check_plain '>>>' ".* to='nosuch\\.test' "
		check_end
	else
		fail "starttls xmpp: Prosody" "did not start"
	fi
fi

# --- IRC: InspIRCd with and without the starttls module -----------------------
# inspircd_start NAME MODULE-LINES
inspircd_start() {
	IRC=$(free_port) || return 1
	mkdir -p "$T/irc-$1"
	cp "$CERTS/rsa.crt" "$CERTS/rsa.key" "$T/irc-$1/"
	cat >"$T/irc-$1/inspircd.conf" <<EOC
<server name="irc.test" description="tlsprobe test" network="test">
<admin name="test" nick="test" email="test@irc.test">
<bind address="127.0.0.1" port="$IRC" type="clients">
<connect allow="*" timeout="60" pingfreq="120" localmax="100" globalmax="100" useident="no">
<class name="all" commands="*" privs="*" usermodes="*" chanmodes="*">
$2
<sslprofile name="Clients" provider="gnutls" certfile="$T/irc-$1/rsa.crt" keyfile="$T/irc-$1/rsa.key" dhfile="" hash="sha256">
<pid file="$T/irc-$1/inspircd.pid">
<log method="file" type="*" level="default" target="$T/irc-$1/log">
<dns server="127.0.0.1" timeout="1">
EOC
	chown -R irc "$T/irc-$1"
	tp_daemon_start "inspircd-$1" "$IRC" runuser -u irc -- inspircd \
	    --config "$T/irc-$1/inspircd.conf" --nofork
}

if tp_need_cmd "starttls irc" inspircd; then
	if inspircd_start tls '<module name="ssl_gnutls">
<module name="starttls">'; then
		run_tp -connect "localhost:$IRC" -starttls irc -msg $CA </dev/null
		check_begin "starttls irc: InspIRCd, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '>>>' 'STARTTLS$'
		check_plain '<<<' ':irc\.test 670 \* :STARTTLS successful'
		check_out '^Verification: OK$'
		check_end
		tp_stop_pid "$DAEMON_PID"
	else
		fail "starttls irc: InspIRCd" "did not start"
	fi
	if inspircd_start plain '<module name="ssl_gnutls">'; then
		run_tp -connect "localhost:$IRC" -starttls irc -msg -timeout 2 \
		    </dev/null
		check_begin "starttls irc: InspIRCd without the starttls module: ignored, explained"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL starttls: no answer to STARTTLS within 2 s \(an IRC server without STARTTLS support ignores it\); its last line: ":irc\.test NOTICE \* :\*\*\* '
		check_plain '<<<' ':irc\.test NOTICE \* :\*\*\* Looking up your hostname'

		check_end
		tp_stop_pid "$DAEMON_PID"
	else
		fail "starttls irc: InspIRCd without starttls" "did not start"
	fi
fi

# --- scripted servers ---------------------------------------------------------
# Their common start: arguments port, mode, certificate, key; the TLS
# context ctx and the listening socket s.
PY_LISTEN='
import socket, ssl, sys
port, mode, crt, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(crt, key)
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(4)
'
# scripted_start PROTO MODE SCRIPT: the python3 SCRIPT as server PROTOd-MODE
# on a free port ($_p), with the test certificate
scripted_start() {
	_p=$(free_port)
	tp_daemon_start "${1}d-$2" "$_p" python3 -c "$3" "$_p" "$2" \
	    "$CERTS/rsa.crt" "$CERTS/rsa.key" && return 0
	fail "starttls $1: scripted server ($2)" "did not start"
	return 1
}

# --- telnet: a scripted server (no Debian telnetd speaks START_TLS) ----------
TELNETD=$PY_LISTEN'
IAC, DO, WILL, SB, SE, ST = 255, 253, 251, 250, 240, 46
while True:
    c, _ = s.accept()
    try:
        if mode == "notls":
            c.sendall(bytes([IAC, DO, 24]) + b"Debian GNU/Linux\r\nlogin: ")
            c.recv(100)
            c.close()
            continue
        c.sendall(bytes([IAC, DO, ST]))
        want = bytes([IAC, WILL, ST, IAC, SB, ST, 1, IAC, SE])
        got = b""
        while len(got) < len(want):
            b = c.recv(len(want) - len(got))
            if not b:
                break
            got += b
        if got != want:
            c.close()
            continue
        c.sendall(bytes([IAC, SB, ST, 1, IAC, SE]))
        t = ctx.wrap_socket(c, server_side=True)
        t.recv(100)
        t.close()
    except Exception:
        c.close()
'
if tp_have python3; then
	for _m in tls notls; do
		scripted_start telnet "$_m" "$TELNETD" || continue
		if [ "$_m" = tls ]; then
			run_tp -connect "localhost:$_p" -starttls telnet -msg $CA \
			    </dev/null
			check_begin "starttls telnet: START_TLS option, verified handshake (scripted server)"
			check_rc 0
			check_plain '<<<' 'telnet data \[length 0003\]$'
			check_out '^    ff fd 2e$'
			check_plain '>>>' 'telnet WILL START_TLS, SB START_TLS FOLLOWS \[length 0009\]$'
			check_out '^    ff fb 2e ff fa 2e 01 ff f0$'
			check_out '^    ff fa 2e 01 ff f0$'
			check_out '^Verification: OK$'
			check_end
		else
			run_tp -connect "localhost:$_p" -starttls telnet </dev/null
			check_begin "starttls telnet: a login prompt without START_TLS is class starttls"
			check_rc 1
			check_fail_line '^tlsprobe: FAIL starttls: the server does not offer START_TLS \(telnet option 46\) before DO START_TLS; it sent text: "Debian GNU/Linux"$'
			check_end
		fi
	done
fi

# --- NNTP: a scripted server (Debian's INN2 does not install on a host
# without a fully qualified name: its postinst fails) -------------------------
NNTPD=$PY_LISTEN'
caps = [b"VERSION 2", b"READER", b"LIST ACTIVE NEWSGROUPS"]
if mode == "tls":
    caps.append(b"STARTTLS")
while True:
    c, _ = s.accept()
    f = c.makefile("rb")
    try:
        c.sendall(b"200 news.test InterNetNews NNRP server ready\r\n")
        while True:
            l = f.readline().strip().upper()
            if not l:
                break
            if l == b"CAPABILITIES":
                c.sendall(b"101 Capability list:\r\n" +
                          b"".join(x + b"\r\n" for x in caps) + b".\r\n")
            elif l == b"STARTTLS" and mode == "tls":
                c.sendall(b"382 Begin TLS negotiation now\r\n")
                t = ctx.wrap_socket(c, server_side=True)
                t.recv(100)
                t.close()
                break
            else:
                c.sendall(b"500 What?\r\n")
    except Exception:
        pass
    c.close()
'
if tp_have python3; then
	for _m in tls notls; do
		scripted_start nntp "$_m" "$NNTPD" || continue
		if [ "$_m" = tls ]; then
			run_tp -connect "localhost:$_p" -starttls nntp -msg $CA \
			    </dev/null
			check_begin "starttls nntp: CAPABILITIES, STARTTLS 382, verified handshake (scripted server)"
			check_rc 0
			check_plain '<<<' '200 news\.test '
			check_plain '>>>' 'CAPABILITIES$'
			check_plain '<<<' 'STARTTLS$'
			check_plain '>>>' 'STARTTLS$'
			check_plain '<<<' '382 Begin TLS negotiation now$'
			check_out '^Verification: OK$'
			check_end
		else
			run_tp -connect "localhost:$_p" -starttls nntp </dev/null
			check_begin "starttls nntp: no STARTTLS capability: the list quoted"
			check_rc 1
			check_fail_line '^tlsprobe: FAIL starttls: the server does not offer STARTTLS; its CAPABILITIES reply lists: VERSION 2, READER, LIST ACTIVE NEWSGROUPS$'
			check_end
		fi
	done
fi

# --- HTTP CONNECT: tinyproxy, with and without Basic credentials -------------
if tp_need_cmd "proxy" tinyproxy && start_s_server_as rsa; then
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
		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$PX" -msg \
		    -state $CA </dev/null
		check_begin "proxy: tinyproxy CONNECT, verified handshake, plaintext lines"
		check_rc 0
		check_plain '>>>' "CONNECT localhost:$TLS HTTP/1\\.1\$"
		check_plain '>>>' "Host: localhost:$TLS\$"
		check_plain '<<<' 'HTTP/1\.[01] 200 Connection established$'
		check_out "^PROXY:write CONNECT localhost:$TLS\$"
		check_out '^PROXY:tunnel open: '
		check_out '^Verification: OK$'
		check_end

		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$PXAUTH" \
		    </dev/null
		check_begin "proxy: 407 without credentials: class proxy, exit 3, status quoted"
		check_rc 3
		check_fail_line "^tlsprobe: FAIL proxy: the proxy 127\\.0\\.0\\.1:$PXAUTH refused CONNECT localhost:$TLS: \"HTTP/1\\.[01] 407 Proxy Authentication Required\" \\(it wants credentials: -proxy_user and -proxy_pass\\)\$"
		check_end

		S3=s3cret
		export S3
		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$PXAUTH" \
		    -proxy_user alice -proxy_pass env:S3 -msg $CA </dev/null
		check_begin "proxy: Basic credentials (-proxy_pass env:), never shown"
		check_rc 0
		check_plain '>>>' 'Proxy-Authorization: Basic \(credentials of alice, not shown\)$'
		check_not_out 'YWxpY2U6czNjcmV0'
		check_out '^Verification: OK$'
		check_end

		printf 'wrong\n' >"$T/pass"
		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$PXAUTH" \
		    -proxy_user alice -proxy_pass "file:$T/pass" </dev/null
		check_begin "proxy: wrong credentials (-proxy_pass file:): refusal quoted"
		check_rc 3
		check_fail_line 'FAIL proxy: .* refused CONNECT .*: "HTTP/1\.[01] 40[17] .*" \(it rejected the credentials of -proxy_user\)$'
		check_end

		if [ -n "${LDAP:-}" ]; then
			run_tp -connect "localhost:$LDAP" -proxy "127.0.0.1:$PX" \
			    -starttls ldap -msg $CA </dev/null
			check_begin "proxy: CONNECT, then -starttls ldap to slapd through the tunnel"
			check_rc 0
			check_plain '<<<' 'HTTP/1\.[01] 200 Connection established$'
			check_plain '<<<' 'LDAP ExtendedResponse, messageID 1, resultCode 0 \(success\)'
			check_out '^Verification: OK$'
			check_end
		fi

		_closed=$(free_port)
		run_tp -connect "localhost:$_closed" -proxy "127.0.0.1:$PX" \
		    </dev/null
		check_begin "proxy: the target refuses: the proxy's status line quoted"
		check_rc 3
		check_fail_line "FAIL proxy: the proxy 127\\.0\\.0\\.1:$PX refused CONNECT localhost:$_closed: \"HTTP/1\\.[01] 5[0-9][0-9] "
		check_end

		run_tp -connect "localhost:$TLS" -proxy "127.0.0.1:$TLS" -timeout 2 \
		    </dev/null
		check_begin "proxy: a TLS server as the proxy: not an HTTP proxy"
		check_rc 3
		check_fail_line '^tlsprobe: FAIL proxy: '
		check_end
	else
		fail "proxy: tinyproxy" "did not start"
	fi
fi

stop_servers
tp_done
