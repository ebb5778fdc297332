# etm.sh -- encrypt-then-MAC (RFC 7366): offered with CBC suites in TLS
# 1.0-1.2 ClientHellos, -no_etm turns it off; when the server echoes it for
# a CBC suite the records are encrypt-then-MAC (an HTTP request and its
# page cross the record layer both ways, so a wrong MAC layout fails);
# against openssl s_server (EtM on by default, and -no_etm) and gnutls-serv.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

EXT='extension_type=encrypt_then_mac\(22\)'
INUSE='^INFO: encrypt-then-MAC in use \(RFC 7366\)$'

# etm NAME PAGE WANT_EXT WANT_INUSE VERSIONFLAG PROTOCOL SUITE [ARGS...]:
# -trace run with an HTTP request; WANT_EXT is how many encrypt_then_mac
# extensions -trace shows (ClientHello + ServerHello), WANT_INUSE 1 or 0.
etm() {
	_n=$1 _page=$2 _ext=$3 _use=$4 _v=$5 _pr=$6 _s=$7
	shift 7
	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" "$_v" -cipher "$_s" -trace "$@" \
	    <"$T/in"
	check_begin "$_n"
	check_summary "$_pr" "$_s"
	check_count "$EXT" "$_ext"
	check_count "$INUSE" "$_use"
	check_out "$_page"
	check_end
}

OKPAGE='^HTTP/1\.0 200 ok'
if start_s_server_as rsa -cipher 'ALL:@SECLEVEL=0' -www; then
	etm "etm s_server AES128-SHA TLS 1.2 is encrypt-then-MAC" "$OKPAGE" \
	    2 1 -tls1_2 TLSv1.2 AES128-SHA
	etm "etm s_server ECDHE-RSA-AES256-SHA384 TLS 1.2 is encrypt-then-MAC" \
	    "$OKPAGE" 2 1 -tls1_2 TLSv1.2 ECDHE-RSA-AES256-SHA384
	etm "etm s_server AES256-SHA TLS 1.1 is encrypt-then-MAC" "$OKPAGE" \
	    2 1 -tls1_1 TLSv1.1 AES256-SHA '-cipher' 'AES256-SHA@SECLEVEL=0'
	etm "etm s_server ECDHE-RSA-AES128-SHA TLS 1.0 is encrypt-then-MAC" \
	    "$OKPAGE" 2 1 -tls1 TLSv1 ECDHE-RSA-AES128-SHA \
	    -cipher 'ECDHE-RSA-AES128-SHA@SECLEVEL=0'
	etm "etm -no_etm: not offered, MAC-then-encrypt" "$OKPAGE" \
	    0 0 -tls1_2 TLSv1.2 AES128-SHA -no_etm
	etm "etm GCM-only offer: not offered" "$OKPAGE" \
	    0 0 -tls1_2 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256

	# RFC 7366, 3.1: resumed sessions keep encrypt-then-MAC
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher AES128-SHA \
	    -no_ticket -reconnect -msg </dev/null
	check_begin "etm -reconnect: resumed sessions stay encrypt-then-MAC"
	check_rc 0
	_hs=$(count_out '^(New|Reused), ')
	_re=$(count_out '^Reused, ')
	[ "$_re" -ge 1 ] || tp_why "no session was resumed"
	check_count "$INUSE" "$_hs"
	check_not_out 'FAIL'
	check_end

	# -tlsextdebug prints the server's echo as s_client does
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher AES128-SHA \
	    -tlsextdebug </dev/null
	openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 \
	    -cipher AES128-SHA -tlsextdebug </dev/null >"$T/sc.out" 2>&1
	check_begin "etm -tlsextdebug line as s_client's"
	check_out '^TLS server extension "encrypt-then-mac" \(id=22\), len=0$'
	grep -q '^TLS server extension "encrypt-then-mac" (id=22), len=0$' \
	    "$T/sc.out" || tp_why "s_client has no such line"
	check_end
	# neither summary has a line for it
	check_begin "etm summary: no encrypt-then-MAC line (as s_client)"
	# (the -tlsextdebug line above names the extension; not the summary)
	grep -v '^TLS server extension' "$T/out" |
	    grep -Eiq 'encrypt.then.mac|EtM' && tp_why "tlsprobe prints one"
	grep -v '^TLS server extension' "$T/sc.out" |
	    grep -Eiq 'encrypt.then.mac|EtM' && tp_why "s_client prints one"
	check_end
	stop_servers
fi

if start_s_server_as rsa -cipher 'ALL:@SECLEVEL=0' -www -no_etm; then
	etm "etm s_server -no_etm: offered, not echoed, MAC-then-encrypt" \
	    "$OKPAGE" 1 0 -tls1_2 TLSv1.2 AES128-SHA
	etm "etm s_server -no_etm TLS 1.0" "$OKPAGE" 1 0 -tls1 TLSv1 \
	    AES128-SHA -cipher 'AES128-SHA@SECLEVEL=0'
	stop_servers
fi

if ! tp_have gnutls-serv; then
	skip "etm gnutls" "gnutls-serv not installed"
	tp_done
fi
GPRIO='NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:+SHA256'
if start_gnutls_serv_as rsa --http --priority "$GPRIO"; then
	etm "etm gnutls-serv AES128-SHA TLS 1.2" '</BODY></HTML>' 2 1 \
	    -tls1_2 TLSv1.2 AES128-SHA
	etm "etm gnutls-serv AES256-SHA TLS 1.1" '</BODY></HTML>' 2 1 \
	    -tls1_1 TLSv1.1 AES256-SHA -cipher 'AES256-SHA@SECLEVEL=0'
	etm "etm gnutls-serv AES128-SHA TLS 1.0" '</BODY></HTML>' 2 1 \
	    -tls1 TLSv1 AES128-SHA -cipher 'AES128-SHA@SECLEVEL=0'
	stop_servers
fi
tp_done
