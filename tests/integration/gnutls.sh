# gnutls.sh -- interoperability with a second implementation, gnutls-serv:
# TLS 1.2 and TLS 1.3 handshakes, data, and a HelloRetryRequest.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

if ! tp_have gnutls-serv; then
	skip "gnutls" "gnutls-serv not installed (apt-get install gnutls-bin)"
	tp_done
fi

TLS12='NORMAL:-VERS-ALL:+VERS-TLS1.2'
TLS13='NORMAL:-VERS-ALL:+VERS-TLS1.3'

# gnutls NAME PROTOCOL SUITE PRIORITY KEY [TLSPROBE ARGS...]:
# a handshake (stdin /dev/null) and an HTTP request through the data phase
# (gnutls-serv answers GET with a page that ends in </BODY></HTML>).
gnutls() {
	_name=$1
	_proto=$2
	_suite=$3
	_prio=$4
	_key=$5
	shift 5
	if ! start_gnutls_serv_as "$_key" --priority "$_prio"; then
		fail "$_name" "gnutls-serv did not start"
		return
	fi
	run_tp -connect "127.0.0.1:$PORT" "$@"
	check_begin "$_name handshake"
	check_summary "$_proto" "$_suite"
	# GN_HRR set: the server must have sent a HelloRetryRequest
	if [ -n "${GN_HRR:-}" ]; then
		run_tp -connect "127.0.0.1:$PORT" -msg -state "$@"
		check_rc 0
		check_out "^INFO: HelloRetryRequest: server asked to retry with group $GN_HRR\$"
		check_out_order '^>>> .*ClientHello$' \
		    '^<<< .*HelloRetryRequest$' '^>>> .*ClientHello$' \
		    '^<<< .*ServerHello$'
		check_out "^Server Temp Key: ECDH, $GN_HRR_OSSL, "
	fi
	check_end

	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" "$@" <"$T/in"
	check_begin "$_name data round trip"
	check_rc 0
	check_out '^HTTP/1\.0 200 OK'
	check_out 'This is <a href="http://www.gnu.org/software/gnutls">GnuTLS</a>'
	check_out '</BODY></HTML>'
	check_end
	stop_servers
}

gnutls "gnutls TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256" \
    TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 \
    "$TLS12:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-GCM" rsa
gnutls "gnutls TLS 1.2 ECDHE-ECDSA-CHACHA20-POLY1305" \
    TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305 \
    "$TLS12:-KX-ALL:+ECDHE-ECDSA:-CIPHER-ALL:+CHACHA20-POLY1305" ec
gnutls "gnutls TLS 1.2 ECDHE-RSA-AES256-SHA384 (CBC)" \
    TLSv1.2 ECDHE-RSA-AES256-SHA384 \
    "$TLS12:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-256-CBC:-MAC-ALL:+SHA384" rsa
gnutls "gnutls TLS 1.3 TLS_AES_256_GCM_SHA384" \
    TLSv1.3 TLS_AES_256_GCM_SHA384 \
    "$TLS13:-CIPHER-ALL:+AES-256-GCM" rsa
gnutls "gnutls TLS 1.3 TLS_CHACHA20_POLY1305_SHA256 ECDSA" \
    TLSv1.3 TLS_CHACHA20_POLY1305_SHA256 \
    "$TLS13:-CIPHER-ALL:+CHACHA20-POLY1305" ec
# Only secp384r1: the client's first key share will not do (RFC 8446, 4.1.4).
GN_HRR=P-384 GN_HRR_OSSL=secp384r1 gnutls "gnutls TLS 1.3 HelloRetryRequest" \
    TLSv1.3 TLS_AES_128_GCM_SHA256 \
    "$TLS13:-CIPHER-ALL:+AES-128-GCM:-GROUP-ALL:+GROUP-SECP384R1" rsa

# Extended master secret (RFC 7627): GnuTLS negotiates it by default.
if start_gnutls_serv_as rsa --priority "$TLS12"; then
	run_tp -connect "127.0.0.1:$PORT"
	check_begin "gnutls TLS 1.2 extended master secret: yes"
	check_rc 0
	check_out '^    Protocol  : TLSv1\.2$'
	check_out '^    Extended master secret: yes$'
	check_end
	stop_servers
else
	fail "gnutls TLS 1.2 EMS" "gnutls-serv did not start"
fi

tp_done
