# certs.sh -- certificates and identity against openssl s_server: chain
# verification (good chain with an intermediate, missing intermediate,
# self-signed, expired, not yet valid, wrong name, IP SAN, unknown root)
# with the verify codes and depth= lines compared with openssl s_client's
# for the same server, -verify_return_error (exit 4, the right alert, sent
# before Finished), -expire-days, -showcerts, the system store by hashed
# directory, OCSP stapling (good, revoked, none) in TLS 1.2 and 1.3, and
# client certificates (RSA, ECDSA, Ed25519; none; rejected; encrypted key).
#
# The certificates come from tests/certs.sh: root.crt -> inter.crt ->
# chain.crt etc.; see there.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# sc_run ARGS...: openssl s_client to 127.0.0.1:$PORT; stdout in $T/sc.out,
# stderr (where s_client prints its depth= lines) in $T/sc.err.
sc_run() {
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" "$@" \
	    </dev/null >"$T/sc.out" 2>"$T/sc.err"
}

# vcode FILE: the first "Verify return code: ..." line, unindented.
vcode() {
	grep -m 1 'Verify return code: ' "$1" | sed 's/^ *//'
}

# check_same_verify ARGS...: s_client and tlsprobe with the same arguments
# print the same "Verify return code:" line and the same depth=/verify
# lines, on the same stream (stderr).  The tlsprobe run is the last one (in $T/out).
check_same_verify() {
	sc_run "$@"
	_sc=$(vcode "$T/sc.out")
	_tp=$(vcode "$T/out")
	if [ -z "$_sc" ]; then
		tp_why "s_client printed no Verify return code"
	elif [ "$_sc" != "$_tp" ]; then
		tp_why "s_client says '$_sc', tlsprobe '$_tp'"
	fi
	grep -E '^(depth=|verify error:|verify return:|notAfter=|notBefore=|issuer= )' \
	    "$T/sc.err" >"$T/sc.depth"
	grep -E '^(depth=|verify error:|verify return:|notAfter=|notBefore=|issuer= )' \
	    "$T/err" >"$T/tp.depth"
	if ! cmp -s "$T/sc.depth" "$T/tp.depth"; then
		tp_why "depth= lines differ from s_client's"
		diff "$T/sc.depth" "$T/tp.depth" | sed 's/^/    |   /'
	fi
}

C=$CERTS
CA="-CAfile $C/root.crt"

# --- a good chain: leaf + intermediate to a trusted root -------------------
if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
    -cert_chain "$C/inter.crt"; then
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA
		check_begin "certs $v: good chain verifies"
		check_rc 0
		check_no_fail_line
		check_err '^depth=2 CN = tlsprobe test root CA$'
		check_err '^depth=1 O = tlsprobe, CN = tlsprobe test intermediate CA$'
		check_err '^depth=0 CN = localhost$'
		check_err '^verify return:1$'
		check_out '^Certificate chain$'
		check_out '^ 0 s:CN = localhost$'
		check_out '^   i:O = tlsprobe, CN = tlsprobe test intermediate CA$'
		check_out '^   a:PKEY: rsaEncryption, 2048 \(bit\); sigalg: ecdsa-with-SHA256$'
		check_out '^   v:NotBefore: [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4} GMT; NotAfter: '
		check_out '^ 1 s:O = tlsprobe, CN = tlsprobe test intermediate CA$'
		check_out '^   i:CN = tlsprobe test root CA$'
		check_out '^   a:PKEY: id-ecPublicKey, 256 \(bit\); sigalg: ecdsa-with-SHA256$'
		check_out '^Server certificate$'
		check_out '^-----BEGIN CERTIFICATE-----$'
		check_out '^subject=CN = localhost$'
		check_out '^issuer=O = tlsprobe, CN = tlsprobe test intermediate CA$'
		check_out '^    Subject Alternative Name: DNS:localhost, IP Address:127\.0\.0\.1$'
		check_out '^    Public Key: RSA 2048 bits$'
		check_out '^    SHA-256 Fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}$'
		check_out '^Certificate expires in (29|30) days \('
		check_out '^Verification: OK$'
		check_out '^Verified peername: localhost$'
		check_out '^    Verify return code: 0 \(ok\)$'
		check_same_verify -"$v" $CA -verify_hostname localhost
		check_end
	done

	# the fingerprint, computed by openssl x509 from the file
	fp=$(openssl x509 -in "$C/chain.crt" -noout -fingerprint -sha256 |
	    sed 's/.*=//')
	run_tp -connect "localhost:$PORT" $CA
	expect_out "certs: SHA-256 fingerprint matches openssl x509" \
	    "^    SHA-256 Fingerprint: $fp\$"

	run_tp -connect "localhost:$PORT" $CA -showcerts
	check_begin "certs: -showcerts prints every certificate sent"
	check_rc 0
	n=$(grep -c '^-----BEGIN CERTIFICATE-----$' "$T/out")
	[ "$n" -eq 2 ] || tp_why "$n PEM blocks, want 2"
	# s_client: no second copy of the leaf after "Server certificate"
	sed -n '/^Server certificate$/{n;p;}' "$T/out" | grep -q '^subject=' ||
	    tp_why "PEM repeated after 'Server certificate'"
	check_end

	run_tp -connect "localhost:$PORT" $CA -quiet
	check_begin "certs: -quiet prints neither depth lines nor summary"
	check_rc 0
	check_not_out '^depth='
	check_not_err '^depth='
	check_not_out 'Verify return code'
	check_end

	# the name checked by default is the SNI name
	for v in tls1_2 tls1_3; do
		run_tp -connect "127.0.0.1:$PORT" -"$v" $CA \
		    -servername wrong.example
		check_begin "certs $v: SNI name not in the certificate is 62"
		check_rc 0
		check_err '^verify error:num=62:hostname mismatch$'
		check_out '^Verification error: hostname mismatch$'
		check_same_verify -"$v" $CA -verify_hostname wrong.example
		check_end

		run_tp -connect "127.0.0.1:$PORT" -"$v" $CA \
		    -servername wrong.example -verify_return_error -msg
		check_begin "certs $v: -verify_return_error on a wrong name"
		check_rc 4
		check_fail_line '^tlsprobe: FAIL verify: certificate verification failed .*hostname mismatch \(verify error 62 at depth 0, CN = localhost\) \(sent bad_certificate\)$'
		check_out '^>>> TLS 1\.2, Alert \[length 0002\], fatal bad_certificate$'
		# judged before our Finished (and in 1.2, before any key use)
		check_not_out '^>>> .*Handshake .*(Finished|ClientKeyExchange)$'
		check_end
	done

	# an IP literal: no SNI, the IP SAN is checked
	run_tp -connect "127.0.0.1:$PORT" $CA
	check_begin "certs: -connect 127.0.0.1 matches the IP SAN"
	check_rc 0
	check_out '^Verification: OK$'
	check_same_verify $CA -verify_ip 127.0.0.1
	check_end
	run_tp -connect "127.0.0.1:$PORT" $CA -verify_ip 127.0.0.2
	check_begin "certs: -verify_ip of another address is 64"
	check_rc 0
	check_out '^Verification error: IP address mismatch$'
	check_same_verify $CA -verify_ip 127.0.0.2
	check_end
	run_tp -connect "localhost:$PORT" $CA -verify_hostname localhost \
	    -verify_return_error
	expect_rc "certs: -verify_hostname localhost passes" 0

	# the system store: looked up by hash in a directory (SSL_CERT_DIR)
	mkdir "$T/hashdir" "$T/emptydir"
	cp "$C/root.crt" "$T/hashdir/root.pem"
	openssl rehash "$T/hashdir" >/dev/null 2>&1
	SSL_CERT_DIR=$T/hashdir
	SSL_CERT_FILE=$T/emptydir/none.pem
	export SSL_CERT_DIR SSL_CERT_FILE
	run_tp -connect "localhost:$PORT"
	check_begin "certs: default store is the hashed directory"
	check_rc 0
	check_out '^Verification: OK$'
	check_same_verify -verify_hostname localhost
	check_end
	# s_client reaches the directory as CApath and as CAstore
	run_tp -connect "localhost:$PORT" -no-CApath
	check_begin "certs: -no-CApath alone keeps the directory (as s_client)"
	check_out '^Verification: OK$'
	check_same_verify -no-CApath -verify_hostname localhost
	check_end
	run_tp -connect "localhost:$PORT" -no-CApath -no-CAstore
	check_begin "certs: -no-CApath -no-CAstore leave the directory out"
	check_out '^    Verify return code: 20 \(unable to get local issuer certificate\)$'
	check_same_verify -no-CApath -no-CAstore -verify_hostname localhost
	check_end
	run_tp -connect "localhost:$PORT" -no-CAfile -no-CApath -no-CAstore
	check_begin "certs: -no-CAfile -no-CApath -no-CAstore: nothing trusted"
	check_out '^    Verify return code: 20 '
	check_same_verify -no-CAfile -no-CApath -no-CAstore \
	    -verify_hostname localhost
	check_end
	run_tp -connect "localhost:$PORT" -CApath "$T/hashdir"
	expect_out "certs: -CApath hashed directory" '^Verification: OK$'
	SSL_CERT_DIR=$T/emptydir
	export SSL_CERT_DIR
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v"
		check_begin "certs $v: unknown root is 20 at depth 1"
		check_rc 0
		check_err '^verify error:num=20:unable to get local issuer certificate$'
		check_same_verify -"$v" -verify_hostname localhost
		check_end
		run_tp -connect "localhost:$PORT" -"$v" -verify_return_error
		check_begin "certs $v: unknown root with -verify_return_error"
		check_rc 4
		check_fail_line '^tlsprobe: FAIL verify: certificate verification failed .*: unable to get local issuer certificate \(verify error 20 at depth 1, O = tlsprobe, CN = tlsprobe test intermediate CA\) \(sent unknown_ca\)$'
		check_end
	done
	unset SSL_CERT_DIR SSL_CERT_FILE

	# -expire-days: the chain is 30 days long
	run_tp -connect "localhost:$PORT" $CA -expire-days 7
	check_begin "certs: -expire-days 7 passes a 30-day certificate"
	check_rc 0
	check_no_fail_line
	check_end
	run_tp -connect "localhost:$PORT" $CA -expire-days 60
	check_begin "certs: -expire-days 60 fails a 30-day certificate"
	check_rc 4
	check_out '^Certificate expires in (29|30) days'
	check_fail_line '^tlsprobe: FAIL expiry: .*expires in (29|30) days \(.*\), within the 60 days of -expire-days'
	check_end
	stop_servers
else
	fail "certs good chain" "s_server did not start"
fi

# --- verification failures --------------------------------------------------
# fail_case NAME CODE TEXT FIRST ALERT CERT KEY [CHAIN]: verify code CODE
# (TEXT) as s_client says; with -verify_return_error, the first error
# found (FIRST) ends the handshake with ALERT.
fail_case() {
	_name=$1 _code=$2 _text=$3 _first=$4 _alert=$5 _cert=$6 _key=$7
	_chain=${8:-}
	if [ -n "$_chain" ]; then
		start_s_server -cert "$C/$_cert" -key "$C/$_key" \
		    -cert_chain "$C/$_chain"
	else
		start_s_server -cert "$C/$_cert" -key "$C/$_key"
	fi || {
		fail "certs $_name" "s_server did not start"
		return
	}
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA
		check_begin "certs $v $_name: verify code $_code, as s_client"
		check_rc 0
		check_out "^    Verify return code: $_code \\($_text\\)\$"
		check_out "^Verification error: $_text\$"
		check_same_verify -"$v" $CA -verify_hostname localhost
		check_end

		run_tp -connect "localhost:$PORT" -"$v" $CA \
		    -verify_return_error -msg
		check_begin "certs $v $_name: -verify_return_error exits 4"
		check_rc 4
		check_fail_line "^tlsprobe: FAIL verify: certificate verification failed .*: $_first \\(verify error [0-9]+ at depth 0, CN = localhost\\) \\(sent $_alert\\)\$"
		check_out "^>>> TLS 1\\.2, Alert \\[length 0002\\], fatal $_alert\$"
		check_not_out '^>>> .*Handshake .*(Finished|ClientKeyExchange)$'
		# s_client's closing block and error line follow the failure
		check_out "^Verification error: $_first\$"
		check_out '^Verification error: '
		check_err '^tlsprobe:error:0A000086:SSL routines::certificate verify failed$'
		check_end
	done
	stop_servers
}

# the server forgot its intermediate: 20 on the way, 21 in the end
fail_case "missing intermediate" 21 "unable to verify the first certificate" \
    "unable to get local issuer certificate" unknown_ca chain.crt rsa.key
fail_case "self-signed" 18 "self-signed certificate" \
    "self-signed certificate" unknown_ca selfsigned.crt ec.key
fail_case "expired" 10 "certificate has expired" "certificate has expired" \
    certificate_expired expired.crt ec.key inter.crt
fail_case "not yet valid" 9 "certificate is not yet valid" \
    "certificate is not yet valid" bad_certificate future.crt ec.key \
    inter.crt

if start_s_server -cert "$C/expired.crt" -key "$C/ec.key" \
    -cert_chain "$C/inter.crt"; then
	run_tp -connect "localhost:$PORT" $CA -expire-days 0
	check_begin "certs: -expire-days 0 fails an expired certificate"
	check_rc 4
	check_out '^Certificate expired [0-9]+ days ago \(Jan  1 00:00:00 2021 GMT\)$'
	check_fail_line '^tlsprobe: FAIL expiry: .*expired [0-9]+ days ago .*\(sent certificate_expired\)$'
	check_end
	stop_servers
else
	fail "certs expired -expire-days" "s_server did not start"
fi

# --- OCSP stapling ------------------------------------------------------------
# ocsp_case NAME CERT KEY RESPONSE STATUS
ocsp_case() {
	if ! start_s_server -cert "$C/$2" -key "$C/$3" \
	    -cert_chain "$C/inter.crt" -status_file "$C/$4"; then
		fail "certs ocsp $1" "s_server did not start"
		return
	fi
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA -status
		check_begin "certs $v ocsp $1: Cert Status: $5"
		check_rc 0
		check_out '^OCSP response: $'
		check_out '^    OCSP Response Status: successful \(0x0\)$'
		check_out '^    Responder Id: O = tlsprobe, CN = tlsprobe test intermediate CA$'
		check_out "^    Cert Status: $5\$"
		check_out "^OCSP status: $5.*; response verified\$"
		sc_run -"$v" $CA -status
		grep -E '^    (Cert Status|Revocation Reason|This Update|Next Update):' \
		    "$T/sc.out" >"$T/sc.ocsp"
		grep -E '^    (Cert Status|Revocation Reason|This Update|Next Update):' \
		    "$T/out" >"$T/tp.ocsp"
		[ -s "$T/sc.ocsp" ] && cmp -s "$T/sc.ocsp" "$T/tp.ocsp" ||
		    tp_why "OCSP lines differ from s_client's"
		check_end
	done
	stop_servers
}

ocsp_case good chain.crt rsa.key ocsp-good.der good
ocsp_case revoked revoked.crt ec.key ocsp-revoked.der revoked

if start_s_server -cert "$C/revoked.crt" -key "$C/ec.key" \
    -cert_chain "$C/inter.crt" -status_file "$C/ocsp-revoked.der"; then
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA -status \
		    -verify_return_error
		check_begin "certs $v ocsp: revoked with -verify_return_error"
		check_rc 4
		check_out '^    Revocation Reason: keyCompromise \(0x1\)$'
		check_fail_line '^tlsprobe: FAIL verify: .*OCSP response says the server certificate is revoked at .*\(keyCompromise\).*\(sent certificate_revoked\)$'
		# TLS 1.2: the phase names the message at fault, which comes
		# in the ServerKeyExchange state
		[ "$v" != tls1_2 ] ||
		    check_fail_line '^tlsprobe: FAIL verify: certificate verification failed while reading CertificateStatus: '
		check_end
	done
	stop_servers
else
	fail "certs ocsp revoked -verify_return_error" "s_server did not start"
fi

if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
    -cert_chain "$C/inter.crt"; then
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA -status
		check_begin "certs $v ocsp: nothing stapled"
		check_rc 0
		check_out '^OCSP response: no response sent$'
		sc_run -"$v" $CA -status
		grep -q '^OCSP response: no response sent$' "$T/sc.out" ||
		    tp_why "s_client does not say 'no response sent'"
		check_end
	done
	run_tp -connect "localhost:$PORT" $CA
	expect_out "certs: no -status, no OCSP lines" '^Verification: OK$'
	check_begin "certs: no -status, no status_request"
	check_not_out 'OCSP'
	check_end
	stop_servers
else
	fail "certs ocsp none" "s_server did not start"
fi

# --- client certificates --------------------------------------------------------
if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
    -cert_chain "$C/inter.crt" -Verify 1 -CAfile "$C/root.crt" \
    -verify_return_error -www; then
	for v in tls1_2 tls1_3; do
		for k in rsa ec; do
			tp_input 'GET / HTTP/1.0\r\n\r\n'
			run_tp -connect "localhost:$PORT" -"$v" $CA \
			    -cert "$C/client-$k.crt" -key "$C/$k.key" <"$T/in"
			check_begin "certs $v client $k: accepted, data flows"
			check_rc 0
			check_no_fail_line
			check_out '^Acceptable client certificate CA names$'
			check_out '^CN = tlsprobe test root CA$'
			check_out '^Requested Signature Algorithms: ECDSA\+SHA256:'
			check_out "^Client certificate sent: O = tlsprobe, CN = tlsprobe test client client-$k \\(CertificateVerify with "
			check_out '^HTTP/1\.0 200 ok'
			[ "$v" = tls1_3 ] ||
			    check_out '^Client Certificate Types: RSA sign, DSA sign, ECDSA sign$'
			# the server checked our chain and signature
			grep -q "^depth=0 O = tlsprobe, CN = tlsprobe test client client-$k\$" \
			    "$SERVER_LOG" || tp_why "server log lacks our certificate"
			check_end
		done
		run_tp -connect "localhost:$PORT" -"$v" $CA \
		    -cert "$C/client-rsa.crt" -key "$C/rsa.key" -msg
		check_begin "certs $v client rsa: CertificateVerify sent"
		check_rc 0
		check_out '^>>> TLS 1\.2, Handshake \[length [0-9a-f]{4}\], CertificateVerify$'
		if [ "$v" = tls1_2 ]; then
			check_out '^Client certificate sent: .*rsa_pss_rsae_sha256\)$'
		fi
		check_end

		run_tp -connect "localhost:$PORT" -"$v" $CA
		check_begin "certs $v client: none given, server insists"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL client-cert: server requires a client certificate: .*tlsprobe sent none .*acceptable CAs: CN = tlsprobe test root CA$'
		check_end

		run_tp -connect "localhost:$PORT" -"$v" $CA \
		    -cert "$C/client-self.crt" -key "$C/ec.key"
		check_begin "certs $v client: a certificate the server rejects"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL client-cert: server rejected the client certificate CN = tlsprobe rogue client: fatal alert unknown_ca \(48\)'
		check_end
	done

	run_tp -connect "localhost:$PORT" -tls1_3 $CA \
	    -cert "$C/client-ed25519.crt" -key "$C/ed25519.key"
	check_begin "certs tls1_3 client ed25519"
	check_rc 0
	check_out '^Client certificate sent: .*client-ed25519 \(CertificateVerify with ed25519\)$'
	check_end

	# the encrypted key, with each -pass form
	printf 'tlsprobe\n' >"$T/pw"
	TP_PW=tlsprobe
	export TP_PW
	for p in pass:tlsprobe env:TP_PW "file:$T/pw"; do
		run_tp -connect "localhost:$PORT" $CA \
		    -cert "$C/client-ec.crt" -key "$C/client-ec-enc.key" \
		    -pass "$p"
		check_begin "certs client: encrypted key with -pass ${p%%:*}:"
		check_rc 0
		check_out '^Client certificate sent: .*client-ec '
		check_end
	done
	run_tp -connect "localhost:$PORT" $CA -cert "$C/client-ec.crt" \
	    -key "$C/client-ec-enc.key" -pass pass:wrong
	check_begin "certs client: wrong -pass is a usage error"
	check_rc 2
	check_err 'client-ec-enc\.key: .*password'
	check_end
	run_tp -connect "localhost:$PORT" $CA -cert "$C/client-ec.crt" \
	    -key "$C/rsa.key"
	check_begin "certs client: a key that is not the certificate's"
	check_rc 2
	check_err 'does not belong to the certificate'
	check_end
	stop_servers
else
	fail "certs client certificates" "s_server did not start"
fi

# the intermediate sent along (-cert_chain), for a server that trusts
# only the root and needs it
if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" -Verify 2 \
    -CAfile "$C/root.crt" -verify_return_error; then
	for v in tls1_2 tls1_3; do
		run_tp -connect "localhost:$PORT" -"$v" $CA \
		    -cert "$C/client-inter.crt" -key "$C/ec.key" \
		    -cert_chain "$C/inter.crt"
		check_begin "certs $v client: -cert_chain sends the intermediate"
		check_rc 0
		check_out '^Client certificate sent: O = tlsprobe, CN = tlsprobe test client via intermediate '
		grep -q '^depth=2 CN = tlsprobe test root CA$' "$SERVER_LOG" ||
		    tp_why "server did not build the chain to the root"
		check_end
		run_tp -connect "localhost:$PORT" -"$v" $CA \
		    -cert "$C/client-inter.crt" -key "$C/ec.key"
		check_begin "certs $v client: without -cert_chain, rejected"
		check_rc 1
		check_fail_line '^tlsprobe: FAIL client-cert: server rejected the client certificate O = tlsprobe, CN = tlsprobe test client via intermediate: fatal alert unknown_ca'
		check_end
	done
	stop_servers
else
	fail "certs client -cert_chain" "s_server did not start"
fi

# TLS 1.0 and 1.1: CertificateVerify over MD5+SHA-1 (RSA) or SHA-1 (ECDSA)
for v in tls1:TLSv1 tls1_1:TLSv1.1; do
	opt=${v%:*}
	name=${v#*:}
	if ! start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
	    -cert_chain "$C/inter.crt" -Verify 1 -CAfile "$C/root.crt" \
	    -verify_return_error -"$opt" -cipher 'DEFAULT@SECLEVEL=0'; then
		fail "certs $name client" "s_server did not start"
		continue
	fi
	for k in rsa:rsa_md5_sha1 ec:ecdsa_sha1; do
		key=${k%:*}
		scheme=${k#*:}
		run_tp -connect "localhost:$PORT" -"$opt" $CA \
		    -cert "$C/client-$key.crt" -key "$C/$key.key"
		check_begin "certs $name client $key: accepted"
		check_rc 0
		check_out "^    Protocol  : $(re_quote "$name")\$"
		check_out "^Client certificate sent: .*client-$key \\(CertificateVerify with $scheme\\)\$"
		grep -q "^depth=0 O = tlsprobe, CN = tlsprobe test client client-$key\$" \
		    "$SERVER_LOG" || tp_why "server log lacks our certificate"
		check_end
	done
	stop_servers
done

# --- usage -------------------------------------------------------------------
run_tp -connect "127.0.0.1:1" -verify_ip notanip
expect_rc "certs usage: -verify_ip needs an IP address" 2
run_tp -connect "127.0.0.1:1" -key "$C/rsa.key"
expect_rc "certs usage: -key without -cert" 2
run_tp -connect "127.0.0.1:1" -CAfile "$T/nonexistent.pem"
check_begin "certs usage: a missing -CAfile"
check_rc 2
check_err 'nonexistent\.pem'
check_end
run_tp -connect "127.0.0.1:1" -expire-days -1
expect_rc "certs usage: -expire-days -1" 2

tp_done
