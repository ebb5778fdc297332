# ssl3.sh -- the SSL 3.0 handshake (-ssl3, RFC 6101) against a scripted
# server (tests/ssl3server.py: Debian's OpenSSL and GnuTLS no longer speak
# SSL 3.0): its key derivation, MAC, padding and Finished with CBC (AES,
# 3DES) and RC4 (MD5, SHA) suites, data both ways, and client
# authentication with its CertificateVerify or its no_certificate alert.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

if ! "$TP_PYTHON" -c 'import cryptography' 2>/dev/null; then
	skip "ssl3" "python3-cryptography not installed"
	tp_done
fi

# ssl3 NAME SUITECODE SUITE [clientauth [TLSPROBE ARGS...]]
ssl3() {
	_name=$1
	_code=$2
	_suite=$3
	_mode=${4:-}
	if [ $# -ge 4 ]; then
		shift 4
	else
		shift 3
	fi
	# shellcheck disable=SC2086
	if ! start_py_script ssl3server.py "$CERTS/rsa.crt" "$CERTS/rsa.key" \
	    "$_code" $_mode; then
		fail "$_name" "ssl3server.py did not start"
		return
	fi
	tp_input 'hello over SSL 3.0\n'
	run_tp -connect "127.0.0.1:$PORT" -ssl3 -cipher "$_suite" \
	    -CAfile "$CERTS/ca.crt" "$@" <"$T/in"
	check_begin "$_name"
	check_summary SSLv3 "$_suite"
	check_out '^New, SSLv3, Cipher is '
	check_out '^Verification: OK$'
	check_out '^ssl3server: hello over SSL 3\.0$'
	check_end
}

ssl3 "ssl3 AES128-SHA (CBC, SHA-1 MAC)" 002f AES128-SHA
stop_servers
ssl3 "ssl3 DES-CBC3-SHA (8-byte blocks)" 000a DES-CBC3-SHA
stop_servers
ssl3 "ssl3 RC4-MD5 (MD5 MAC, 48-byte pads)" 0004 RC4-MD5
stop_servers
ssl3 "ssl3 RC4-SHA" 0005 RC4-SHA
stop_servers

ssl3 "ssl3 client certificate" 002f AES128-SHA clientauth \
    -cert "$CERTS/client-rsa.crt" -key "$CERTS/rsa.key"
check_begin "ssl3 client certificate: CertificateVerify checked by the server"
check_out '^Client certificate sent: .*client-rsa'
check_out '^client certificate verified \(SSL 3\.0 CertificateVerify\)$'
check_end
stop_servers

ssl3 "ssl3 client certificate asked, none given" 002f AES128-SHA clientauth \
    -msg
check_begin "ssl3 no client certificate: the no_certificate alert"
check_out '^>>> SSL 3\.0, Alert \[length 0002\], warning no_certificate$'
check_out '^client sent the no_certificate alert$'
check_end
stop_servers

# without -ssl3 an SSL 3.0 answer is outside the offered range
if start_py_script ssl3server.py "$CERTS/rsa.crt" "$CERTS/rsa.key" 002f; then
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher AES128-SHA </dev/null
	check_begin "ssl3 is never offered unasked: an SSL 3.0 answer is a FAIL"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL version: .*server chose SSL 3\.0'
	check_end
	stop_servers
else
	fail "ssl3 server (version check)" "ssl3server.py did not start"
fi

tp_done
