# cipherstr.sh -- -cipher's OpenSSL cipher-string language against
# `openssl ciphers -v` on this machine, string by string (tlsprobe
# -list_ciphers prints the expansion); -sigalgs/-groups spellings;
# signature_algorithms_cert only under -cert_sigalgs.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# same_as_openssl STRING: the TLS 1.2-and-older suites, in order, or both fail
same_as_openssl() {
	openssl ciphers -v "$1" >"$T/ossl" 2>/dev/null
	orc=$?
	"$TLSPROBE" -cipher "$1" -list_ciphers >"$T/mine" 2>"$T/err"
	mrc=$?
	if [ $orc -ne 0 ]; then
		if [ $mrc -eq 2 ]; then
			pass "cipherstr: '$1' is refused, as by openssl ciphers"
		else
			fail "cipherstr: '$1' is refused, as by openssl ciphers" \
			    "tlsprobe exit $mrc"
		fi
		return
	fi
	awk '$2 != "TLSv1.3" { print $1 }' "$T/ossl" >"$T/o1"
	awk '$2 != "TLSv1.3" && $1 != "security" { print $1 }' "$T/mine" \
	    >"$T/m1"
	if [ $mrc -eq 0 ] && cmp -s "$T/o1" "$T/m1"; then
		pass "cipherstr: '$1' = openssl ciphers ($(wc -l <"$T/o1") suites)"
	else
		fail "cipherstr: '$1' = openssl ciphers" "exit $mrc, \
$(wc -l <"$T/m1") vs $(wc -l <"$T/o1") suites, first difference: \
$(diff "$T/m1" "$T/o1" | grep '^[<>]' | head -n 2 | tr '\n' ' ')"
	fi
}

for s in \
    ALL DEFAULT COMPLEMENTOFDEFAULT COMPLEMENTOFALL 'ALL:COMPLEMENTOFALL' \
    HIGH eNULL NULL aNULL kRSA RSA kECDHE ECDHE EECDH kDHE DHE EDH aRSA \
    aECDSA ECDSA aDSS DSS PSK kPSK kECDHEPSK kDHEPSK kRSAPSK aPSK SRP \
    ADH AECDH AES AES128 AES256 AESGCM AESCCM AESCCM8 CHACHA20 CAMELLIA \
    CAMELLIA128 ARIA ARIA256 CBC SHA1 SHA SHA256 SHA384 MD5 TLSv1.2 \
    TLSv1 TLSv1.0 SSLv3 FIPS \
    'ECDH+aRSA+HIGH' 'ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL' \
    'HIGH:!aNULL:!MD5' 'HIGH:!aNULL:!kRSA:!PSK:!SRP:!MD5:!RC4' \
    'DEFAULT:@SECLEVEL=0' 'DEFAULT@SECLEVEL=0' 'DEFAULT:!DHE' \
    'DEFAULT:+kRSA' 'ALL:-kRSA:kRSA' 'ALL:!kRSA:kRSA' 'ALL:+AES128' \
    'ALL:@STRENGTH' 'kRSA:kECDHE:@STRENGTH' 'ALL:-AES256:AES256' \
    'AES128-SHA:AES256-SHA' 'AES256-SHA:AES128-SHA:ALL' \
    'ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384' \
    'AES128-SHA,kRSA' 'AES128-SHA;DHE' 'SHA256+kECDHE' \
    'aRSA+SHA1:aECDSA+SHA1' 'TLSv1.2+AES128' 'SSLv3+kDHE+AES256' \
    'PSK+AESCCM' 'HIGH+FIPS' 'AES+TLSv1+kECDHE' 'NULL:!eNULL' \
    'ALL:COMPLEMENTOFALL:!SHA1:@STRENGTH' 'ALL:-ALL:AES128' '!ALL:AES128' \
    'ALL:!ALL' 'kRSA+aECDSA' 'FOO:AES128-SHA' 'FOO' '@FOO:ALL' 'ALL:#' \
    'DEFAULT:RSA+AESGCM' 'CAMELLIA:+SHA1' 'ALL:+aNULL:+eNULL' \
    'COMPLEMENTOFDEFAULT:!ADH' 'ECDHE:!ECDSA:@STRENGTH:-SHA1:SHA1' \
    SUITEB128 SUITEB128ONLY SUITEB128C2 SUITEB192 'SUITEB128:RC4' \
    'SUITEB192:ALL' SUITEB128ONLYX 'ALL:SUITEB128'; do
	same_as_openssl "$s"
done

# beyond OpenSSL: IANA names, and suites this OpenSSL build leaves out
run_tp -cipher 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:TLS_RSA_WITH_RC4_128_SHA' -list_ciphers
check_begin "cipherstr: IANA names and a legacy suite by name"
check_rc 0
check_out '^ECDHE-RSA-AES128-GCM-SHA256 +TLSv1.2 +TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256$'
check_out '^RC4-SHA +SSLv3 +TLS_RSA_WITH_RC4_128_SHA$'
check_end

run_tp -cipher '3DES' -list_ciphers
check_begin "cipherstr: 3DES selects the 3DES suites OpenSSL 3.0 left out"
check_rc 0
check_out '^DES-CBC3-SHA '
check_out '^ECDHE-RSA-DES-CBC3-SHA '
check_not_out '^[A-Z0-9-]*AES[A-Z0-9-]* +(SSLv3|TLSv1|TLSv1.2) '
check_end

run_tp -cipher 'ALL' -list_ciphers
check_begin "cipherstr: ALL marks suites tlsprobe cannot complete"
check_rc 0
check_out '^SRP-AES-256-CBC-SHA .*\(not offered: no SRP key exchange\)$'
check_not_out '^ECDHE-RSA-AES128-GCM-SHA256 .*not offered'
check_not_out 'RC4|DES-CBC3'
check_end

run_tp -cipher 'ALL:@SECLEVEL=0' -list_ciphers
check_begin "cipherstr: @SECLEVEL=0 is recorded"
check_rc 0
check_out '^security level 0$'
check_end

run_tp -connect 127.0.0.1:1 -cipher 'SRP'
check_begin "cipherstr: -cipher SRP alone: usage error naming why"
check_rc 2
check_err 'cannot complete any of the suites'
check_end

run_tp -connect 127.0.0.1:1 -cipher 'kRSA+aECDSA'
check_begin "cipherstr: a string that selects nothing is a usage error"
check_rc 2
check_err "selects no TLS 1.2 or older cipher suite"
check_end

run_tp -connect 127.0.0.1:1 -cipher 'TLS_AES_128_GCM_SHA256'
check_begin "cipherstr: a TLS 1.3 name in -cipher points to -ciphersuites"
check_rc 2
check_err 'use -ciphersuites'
check_end

run_tp -connect 127.0.0.1:1 -cipher 'FOO:AES128-SHA'
check_begin "cipherstr: an unknown word is ignored with a note, as OpenSSL ignores it"
check_rc 3
check_err "'FOO' names no cipher suite or keyword"
check_end

run_tp -ciphersuites 'TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384' -list_ciphers
check_begin "cipherstr: -ciphersuites order is kept"
check_rc 0
check_first_line '^TLS_CHACHA20_POLY1305_SHA256 '
check_end

# -sigalgs in OpenSSL's SIG+HASH form, -groups with OpenSSL's aliases
if start_s_server_as rsa -tls1_3; then
	run_tp -connect "127.0.0.1:$PORT" -sigalgs 'RSA-PSS+SHA256:ECDSA+SHA256:RSA+SHA256' \
	    -groups 'prime256v1:secp384r1' -trace
	check_begin "cipherstr: -sigalgs RSA-PSS+SHA256, -groups prime256v1 handshake"
	check_rc 0
	check_out 'rsa_pss_rsae_sha256'
	check_out 'ecdsa_secp256r1_sha256'
	check_out 'rsa_pkcs1_sha256'
	check_not_out 'signature_algorithms_cert'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -cert_sigalgs 'rsa_pkcs1_sha256' -trace
	check_begin "cipherstr: -cert_sigalgs sends signature_algorithms_cert"
	check_rc 0
	check_out 'signature_algorithms_cert'
	check_end

	# the chain is signed with rsa_pkcs1_sha256, which this list lacks
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -cert_sigalgs 'rsa_pss_rsae_sha256'
	check_begin "cipherstr: a chain outside -cert_sigalgs: the FAIL line says so"
	check_rc 1
	check_fail_line 'certificate chain, signed with a scheme not in -cert_sigalgs'
	check_end
	stop_servers
else
	skip "cipherstr: -sigalgs/-groups spellings" "no openssl s_server"
fi

# Suite B (RFC 6460): a SUITEB... cipher string narrows the groups and
# signature algorithms of the ClientHello as libssl does, and the chain is
# checked with the level's Suite B flag.  Side by side with s_client.
# hello_codes FILE: the supported_groups and signature_algorithms code
# points of the first ClientHello in an s_client or tlsprobe -trace.
hello_codes() {
	awk '/ServerHello/ { exit }
	    /supported_groups|signature_algorithms/ { in_list = 1; next }
	    /extension_type=|^      [a-z_]+\(|^        [a-z_]+ \(/ { in_list = 0 }
	    in_list' "$1" |
	    grep -o -E '\((0x[0-9a-f]{4}|[0-9]+)\)$' | tr -d '()' |
	    while read -r v; do printf '%d\n' "$v"; done | sort -n | tr '\n' ' '
}
if start_s_server_as ec -www; then
	for kw in SUITEB128 SUITEB128ONLY SUITEB192; do
		run_tp -connect "127.0.0.1:$PORT" -cipher "$kw" -trace
		hello_codes "$T/out" >"$T/mine.codes"
		openssl s_client -connect "127.0.0.1:$PORT" -cipher "$kw" \
		    -trace </dev/null >"$T/sc.out" 2>&1
		hello_codes "$T/sc.out" >"$T/sc.codes"
		check_begin "cipherstr: -cipher $kw offers s_client's groups and signature algorithms"
		[ -s "$T/sc.codes" ] || tp_why "no code points in s_client's -trace"
		cmp -s "$T/mine.codes" "$T/sc.codes" ||
		    tp_why "tlsprobe: $(cat "$T/mine.codes"); s_client: $(cat "$T/sc.codes")"
		check_end
	done
	run_tp -connect "127.0.0.1:$PORT" -cipher SUITEB128 -trace
	awk '/ServerHello/ { exit } { print }' "$T/out" >"$T/ch"
	check_begin "cipherstr: -cipher SUITEB128 offers P-256, P-384 and their ECDSA schemes only"
	grep -q '^ *named_group: P-256 (0x0017)$' "$T/ch" || tp_why "no P-256"
	grep -q '^ *named_group: P-384 (0x0018)$' "$T/ch" || tp_why "no P-384"
	! grep -q '^ *named_group: X25519' "$T/ch" || tp_why "X25519 offered"
	grep -q '^ *signature_scheme: ecdsa_secp256r1_sha256 (0x0403)$' \
	    "$T/ch" || tp_why "no ecdsa_secp256r1_sha256"
	! grep -q '^ *signature_scheme: rsa_' "$T/ch" || tp_why "RSA offered"
	check_end

	# the test chain's leaf is signed by an RSA CA: Suite B rejects it
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -cipher SUITEB128ONLY \
	    -CAfile "$CERTS/ca.crt"
	openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 \
	    -cipher SUITEB128ONLY -CAfile "$CERTS/ca.crt" </dev/null \
	    >"$T/sc.out" 2>&1
	check_begin "cipherstr: SUITEB128ONLY: the suite and s_client's Suite B verify error"
	check_rc 0
	check_out '^New, TLSv1\.2, Cipher is ECDHE-ECDSA-AES128-GCM-SHA256$'
	check_out '^ +Verify return code: 57 \(Suite B: invalid public key algorithm\)$'
	grep -q '^ *Verify return code: 57 (Suite B: invalid public key algorithm)$' \
	    "$T/sc.out" || tp_why "s_client does not say so"
	check_err '^verify error:num=57:Suite B: invalid public key algorithm$'
	check_end
	stop_servers
else
	skip "cipherstr: Suite B" "no openssl s_server"
fi

# an all-ECDSA P-256 chain with SHA-256 signatures passes Suite B 128
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj /CN=localhost -keyout "$T/sb.key" -out "$T/sb.csr" 2>/dev/null &&
printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' \
    >"$T/sb.ext" &&
openssl x509 -req -in "$T/sb.csr" -CA "$CERTS/root.crt" \
    -CAkey "$CERTS/root.key" -CAcreateserial -sha256 -days 2 \
    -extfile "$T/sb.ext" -out "$T/sb.crt" 2>/dev/null
if [ -s "$T/sb.crt" ] && start_s_server -cert "$T/sb.crt" -key "$T/sb.key" -www; then
	run_tp -connect "127.0.0.1:$PORT" -servername localhost \
	    -cipher SUITEB128 -CAfile "$CERTS/root.crt"
	check_begin "cipherstr: SUITEB128 with an ECDSA P-256 chain verifies"
	check_rc 0
	check_out '^ +Verify return code: 0 \(ok\)$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -servername localhost -tls1_2 \
	    -cipher SUITEB192 -CAfile "$CERTS/root.crt"
	openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 -cipher SUITEB192 \
	    -CAfile "$CERTS/root.crt" </dev/null >"$T/sc.out" 2>&1
	check_begin "cipherstr: SUITEB192 against a P-256 key fails as with s_client"
	check_rc 1
	grep -q 'alert handshake failure' "$T/sc.out" ||
	    tp_why "s_client did not fail the same way"
	check_fail_line '^tlsprobe: FAIL negotiation: .*handshake_failure'
	check_end
	stop_servers
else
	skip "cipherstr: Suite B chain" "cannot make the P-256 chain or start s_server"
fi

# a suite the engine cannot complete, offered because it was named: the
# server picks it and the run ends naming it.  SRP: no real server picks it
# without the client's srp extension, so the scripted server plays it.
. "$TP_TESTDIR/hostile/start.sh"
if start_hostile; then
	run_tp -connect "127.0.0.1:$PORT" -servername sh-suite-srp -trace \
	    -cipher 'SRP-AES-128-CBC-SHA:AES128-SHA'
	check_begin "cipherstr: a named suite tlsprobe cannot complete: class unsupported names it"
	check_rc 1
	check_out 'TLS_SRP_SHA_WITH_AES_128_CBC_SHA'
	check_fail_line '^tlsprobe: FAIL unsupported: .*chose TLS_SRP_SHA_WITH_AES_128_CBC_SHA \(0xc01d\), which tlsprobe offered but cannot complete \(no SRP key exchange\)'
	check_end
	stop_servers
else
	skip "cipherstr: a named suite tlsprobe cannot complete" "no scripted server"
fi

tp_done
