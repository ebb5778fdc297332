# legacy.sh -- handshakes and data with the suites tlsprobe offers only when
# named (issue 12): Camellia, ARIA, SEED, AES-CCM, NULL, anonymous DH/ECDH,
# the PSK families and DHE-DSS against openssl s_server (its legacy
# provider loaded, @SECLEVEL=0); RC4 and Camellia-GCM (also with PSK)
# against gnutls-serv, since Debian's libssl has neither; single DES
# against the scripted server tests/ssl3server.py in TLS 1.0 mode, since
# no installed server has it.  IDEA is not in Debian's libcrypto at all.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

PSK=1a2b3c4d5e6f708192a3b4c5d6e7f8
LEGACY='-provider legacy -provider default'

# page PAGE NAME VERSIONFLAG PROTOCOL SUITE [TLSPROBE ARGS...]: against
# the running server: the summary names the suite, and an HTTP request
# gets the server's page (a line matching PAGE) back through the record
# layer.
page() {
	_page=$1
	_name=$2
	_vflag=$3
	_proto=$4
	_suite=$5
	shift 5
	tp_input 'GET / HTTP/1.0\r\n\r\n'
	run_tp -connect "127.0.0.1:$PORT" "$_vflag" -cipher "$_suite" "$@" \
	    <"$T/in"
	check_begin "$_name"
	check_summary "$_proto" "$_suite"
	check_out "$_page"
	check_end
}

# legacy NAME VERSIONFLAG PROTOCOL SUITE [TLSPROBE ARGS...]: against the
# running s_server -www.
legacy() {
	page '^HTTP/1\.0 200 ok' "$@"
}

# --- s_server, RSA certificate ------------------------------------------------

# shellcheck disable=SC2086
if start_s_server_as rsa $LEGACY -cipher 'ALL:eNULL:@SECLEVEL=0' -www; then
	legacy "legacy CAMELLIA128-SHA TLS 1.2" -tls1_2 TLSv1.2 CAMELLIA128-SHA
	legacy "legacy CAMELLIA256-SHA TLS 1.0" -tls1 TLSv1 CAMELLIA256-SHA
	legacy "legacy ECDHE-RSA-CAMELLIA256-SHA384" -tls1_2 TLSv1.2 \
	    ECDHE-RSA-CAMELLIA256-SHA384
	legacy "legacy SEED-SHA TLS 1.2 (legacy provider)" -tls1_2 TLSv1.2 \
	    SEED-SHA
	legacy "legacy DHE-RSA-SEED-SHA TLS 1.1" -tls1_1 TLSv1.1 \
	    DHE-RSA-SEED-SHA
	legacy "legacy ARIA128-GCM-SHA256" -tls1_2 TLSv1.2 ARIA128-GCM-SHA256
	legacy "legacy ECDHE-ARIA256-GCM-SHA384" -tls1_2 TLSv1.2 \
	    ECDHE-ARIA256-GCM-SHA384
	legacy "legacy AES128-CCM" -tls1_2 TLSv1.2 AES128-CCM
	legacy "legacy AES256-CCM" -tls1_2 TLSv1.2 AES256-CCM
	legacy "legacy AES128-CCM8" -tls1_2 TLSv1.2 AES128-CCM8
	legacy "legacy DHE-RSA-AES256-CCM8" -tls1_2 TLSv1.2 DHE-RSA-AES256-CCM8
	legacy "legacy NULL-MD5 TLS 1.0" -tls1 TLSv1 NULL-MD5
	legacy "legacy NULL-SHA TLS 1.2" -tls1_2 TLSv1.2 NULL-SHA
	legacy "legacy NULL-SHA256" -tls1_2 TLSv1.2 NULL-SHA256
	legacy "legacy ECDHE-RSA-NULL-SHA" -tls1_2 TLSv1.2 ECDHE-RSA-NULL-SHA

	# named, never offered unasked: the default offer has none of them
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -trace
	check_begin "legacy suites are not in the default offer"
	check_rc 0
	check_out '^        \{0xc0, 0x2f\} TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256$'
	check_not_out '^        \{0x.*(CAMELLIA|SEED|ARIA|NULL|CCM|RC4|anon|PSK|DSS)'
	check_end
	stop_servers
else
	fail "legacy s_server (RSA)" "s_server did not start"
fi

# --- s_server, anonymous -----------------------------------------------------

# shellcheck disable=SC2086
if start_s_server -nocert $LEGACY -cipher 'aNULL:@SECLEVEL=0' -www; then
	legacy "legacy ADH-AES128-SHA TLS 1.2" -tls1_2 TLSv1.2 ADH-AES128-SHA
	check_begin "legacy anonymous DH: no certificate, a temp key"
	check_out '^no peer certificate available$'
	check_out '^Server Temp Key: DH, [0-9]+ bits$'
	# s_client's print_verify_detail: OK when nothing failed
	check_out '^Verification: OK$'
	check_end
	legacy "legacy ADH-AES256-GCM-SHA384" -tls1_2 TLSv1.2 \
	    ADH-AES256-GCM-SHA384
	legacy "legacy AECDH-AES128-SHA TLS 1.0" -tls1 TLSv1 AECDH-AES128-SHA
	check_begin "legacy anonymous ECDH: X25519 temp key"
	check_out '^Server Temp Key: X25519, 253 bits$'
	check_end
	legacy "legacy AECDH-NULL-SHA" -tls1_2 TLSv1.2 AECDH-NULL-SHA
	stop_servers
else
	fail "legacy s_server (anonymous)" "s_server did not start"
fi

# --- s_server, pre-shared keys -----------------------------------------------

# shellcheck disable=SC2086
if start_s_server -nocert $LEGACY -cipher 'PSK:@SECLEVEL=0' -www \
    -psk "$PSK" -psk_identity tlsprobe-id -psk_hint test-hint; then
	legacy "legacy PSK-AES128-CBC-SHA TLS 1.2" -tls1_2 TLSv1.2 \
	    PSK-AES128-CBC-SHA -psk "$PSK" -psk_identity tlsprobe-id
	check_begin "legacy PSK: identity and hint in the summary"
	check_out '^    PSK identity: tlsprobe-id$'
	check_out '^    PSK identity hint: test-hint$'
	check_end
	legacy "legacy PSK-AES128-GCM-SHA256" -tls1_2 TLSv1.2 \
	    PSK-AES128-GCM-SHA256 -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy DHE-PSK-AES128-GCM-SHA256" -tls1_2 TLSv1.2 \
	    DHE-PSK-AES128-GCM-SHA256 -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy DHE-PSK-AES128-CBC-SHA TLS 1.0" -tls1 TLSv1 \
	    DHE-PSK-AES128-CBC-SHA -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy ECDHE-PSK-CHACHA20-POLY1305" -tls1_2 TLSv1.2 \
	    ECDHE-PSK-CHACHA20-POLY1305 -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy ECDHE-PSK-AES128-CBC-SHA256 TLS 1.0" -tls1 TLSv1 \
	    ECDHE-PSK-AES128-CBC-SHA256 -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy PSK-NULL-SHA" -tls1_2 TLSv1.2 PSK-NULL-SHA \
	    -psk "$PSK" -psk_identity tlsprobe-id

	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -trace \
	    -cipher ECDHE-PSK-CHACHA20-POLY1305 -psk "$PSK" \
	    -psk_identity tlsprobe-id </dev/null
	check_begin "legacy PSK: -trace decodes the hint, identity and shares"
	check_rc 0
	check_out '^      key_exchange=ECDHE_PSK$'
	check_out '^      psk_identity_hint \(len=9\): 746573742d68696e74$'
	check_out '^      psk_identity \(len=11\): 746c7370726f62652d6964$'
	check_out '^      ecdh_Yc \(len=32\): '
	check_end

	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher PSK-AES128-GCM-SHA256 \
	    -psk "${PSK%??}00" -psk_identity tlsprobe-id
	check_begin "legacy PSK: a wrong key fails"
	check_rc 1
	check_fail_line 'bad_record_mac|decrypt'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher PSK-AES128-GCM-SHA256
	check_begin "legacy PSK: PSK suites alone without -psk: usage error"
	check_rc 2
	check_err 'offered only with -psk'
	check_end

	# as s_client: without -psk the PSK suites are not offered at all
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -trace \
	    -cipher 'PSK-AES128-GCM-SHA256:AES128-SHA'
	check_begin "legacy PSK: without -psk the PSK suites are not offered"
	check_rc 1
	check_out '^        \{0x00, 0x2f\} TLS_RSA_WITH_AES_128_CBC_SHA$'
	check_not_out '^        \{0x.*PSK'
	check_end
	stop_servers
else
	fail "legacy s_server (PSK)" "s_server did not start"
fi

run_tp -connect 127.0.0.1:1 -psk 12x4
expect_rc "legacy -psk with a non-hex key is a usage error" 2

# RSA_PSK (RFC 4279, 4): a certificate and a PSK.
# shellcheck disable=SC2086
if start_s_server_as rsa $LEGACY -cipher 'kRSAPSK:@SECLEVEL=0' -www \
    -psk "$PSK" -psk_identity tlsprobe-id; then
	legacy "legacy RSA-PSK-AES128-GCM-SHA256" -tls1_2 TLSv1.2 \
	    RSA-PSK-AES128-GCM-SHA256 -psk "$PSK" -psk_identity tlsprobe-id
	legacy "legacy RSA-PSK-AES128-CBC-SHA TLS 1.0" -tls1 TLSv1 \
	    RSA-PSK-AES128-CBC-SHA -psk "$PSK" -psk_identity tlsprobe-id
	stop_servers
else
	fail "legacy s_server (RSA-PSK)" "s_server did not start"
fi

# --- s_server, DSA certificate -----------------------------------------------

if start_s_server_as dsa -cipher 'aDSS:@SECLEVEL=0' -www; then
	legacy "legacy DHE-DSS-AES128-SHA TLS 1.2" -tls1_2 TLSv1.2 \
	    DHE-DSS-AES128-SHA -CAfile "$CERTS/ca.crt"
	check_begin "legacy DHE-DSS TLS 1.2: DSA signature, chain verified"
	check_out '^Peer signing digest: SHA(256|384|512)$'
	check_out '^Peer signature type: DSA$'
	check_out '^Verification: OK$'
	check_end
	legacy "legacy DHE-DSS-AES128-SHA TLS 1.1 (DSA with SHA-1)" -tls1_1 \
	    TLSv1.1 DHE-DSS-AES128-SHA -CAfile "$CERTS/ca.crt"
	check_begin "legacy DHE-DSS TLS 1.1: dsa_sha1"
	check_out '^Peer signing digest: SHA1$'
	check_out '^Peer signature type: DSA$'
	check_end
	legacy "legacy DHE-DSS-AES256-GCM-SHA384" -tls1_2 TLSv1.2 \
	    DHE-DSS-AES256-GCM-SHA384 -CAfile "$CERTS/ca.crt"
	stop_servers
else
	fail "legacy s_server (DSA)" "s_server did not start"
fi

# --- single DES: no installed server has it (OpenSSL 3.0's libssl and
# gnutls dropped it); the scripted server of ssl3.sh speaks TLS 1.0 -------

if "$TP_PYTHON" -c 'import cryptography' 2>/dev/null; then
	if start_py_script ssl3server.py "$CERTS/rsa.crt" "$CERTS/rsa.key" \
	    0009 tls1 clientauth; then
		tp_input 'hello over DES\n'
		run_tp -connect "127.0.0.1:$PORT" -tls1 -cipher DES-CBC-SHA \
		    -cert "$CERTS/client-rsa.crt" -key "$CERTS/rsa.key" <"$T/in"
		check_begin "legacy DES-CBC-SHA TLS 1.0 (scripted server)"
		check_summary TLSv1 DES-CBC-SHA
		check_out '^ssl3server: hello over DES$'
		check_out '^client certificate verified \(TLS 1\.0 CertificateVerify\)$'
		check_end
		stop_servers
	else
		fail "legacy DES (scripted server)" "ssl3server.py did not start"
	fi
else
	skip "legacy DES (scripted server)" "python3-cryptography missing"
fi

# -provider: the built-in names are accepted, others refused with a reason
run_tp -connect 127.0.0.1:1 -provider fips
check_begin "legacy -provider fips is refused with a reason"
check_rc 2
check_err "^tlsprobe: -provider: 'fips': only the built-in default, legacy and base providers"
check_end

# --- gnutls-serv: RC4 and Camellia-GCM ---------------------------------------

if ! tp_have gnutls-serv; then
	skip "legacy gnutls" "gnutls-serv not installed"
	tp_done
fi

# gnutls NAME VERSIONFLAG PROTOCOL SUITE [TLSPROBE ARGS...]: against the
# running gnutls-serv (--http), whose page ends in </BODY></HTML>.
gnutls() {
	page '</BODY></HTML>' "$@"
}

GPRIO='NORMAL:+VERS-TLS1.0:+ARCFOUR-128:+MD5:+CAMELLIA-128-GCM:+CAMELLIA-256-GCM:+RSA:+PSK'
printf 'tlsprobe-id:%s\n' "$PSK" >"$T/psk.passwd"
if start_gnutls_serv_as rsa --priority "$GPRIO" --pskpasswd "$T/psk.passwd"; then
	gnutls "legacy gnutls RC4-MD5 TLS 1.0" -tls1 TLSv1 RC4-MD5
	gnutls "legacy gnutls RC4-SHA TLS 1.2" -tls1_2 TLSv1.2 RC4-SHA
	# an s_client line for old servers: the providers it loads are built in
	gnutls "legacy gnutls RC4-SHA with -provider legacy -provider default" \
	    -tls1_2 TLSv1.2 RC4-SHA -provider legacy -provider default
	gnutls "legacy gnutls ECDHE-RSA-RC4-SHA" -tls1_2 TLSv1.2 \
	    ECDHE-RSA-RC4-SHA
	gnutls "legacy gnutls Camellia-128-GCM (RSA)" -tls1_2 TLSv1.2 \
	    TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
	gnutls "legacy gnutls Camellia-256-GCM (ECDHE-RSA)" -tls1_2 TLSv1.2 \
	    TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
	gnutls "legacy gnutls Camellia-128-GCM (PSK)" -tls1_2 TLSv1.2 \
	    TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256 -psk "$PSK" \
	    -psk_identity tlsprobe-id
	stop_servers
else
	fail "legacy gnutls-serv" "gnutls-serv did not start"
fi

tp_done
