# client_sigalgs.sh -- -client_sigalgs (s_client's meaning): the schemes
# tlsprobe may sign its CertificateVerify with, in RFC 8446 names or
# OpenSSL's RSA+SHA256 form, against openssl s_server -Verify 1 (which
# checks the signature: a wrong one ends the handshake with an alert).
# tlsprobe's -trace shows the scheme of the CertificateVerify it sent;
# the server signs its own messages with rsa_pss_rsae_sha256, which no
# case below expects.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

CLI="-cert $CERTS/client-rsa.crt -key $CERTS/rsa.key"

# cs NAME VERSIONFLAG LIST SCHEME CODE: our CertificateVerify uses SCHEME
cs() {
	_n=$1 _v=$2 _l=$3 _s=$4 _c=$5
	tp_input 'GET / HTTP/1.0\r\n\r\n'
	# shellcheck disable=SC2086
	run_tp -connect "127.0.0.1:$PORT" "$_v" $CLI -client_sigalgs "$_l" \
	    -trace <"$T/in"
	check_begin "$_n"
	check_rc 0
	check_out "^INFO: server requested a client certificate; sending .*, signing with $_s\$"
	check_count "^ *signature_algorithm: $_s \\($_c\\)\$" 1
	check_out '^HTTP/1\.0 200 ok'
	check_end
}

if start_s_server_as rsa -Verify 1 -www; then
	cs "client_sigalgs RSA+SHA256 (OpenSSL form) TLS 1.2" -tls1_2 \
	    RSA+SHA256 rsa_pkcs1_sha256 0x0401
	cs "client_sigalgs rsa_pkcs1_sha384 (RFC 8446 name) TLS 1.2" -tls1_2 \
	    rsa_pkcs1_sha384 rsa_pkcs1_sha384 0x0501
	cs "client_sigalgs RSA-PSS+SHA512 TLS 1.2" -tls1_2 RSA-PSS+SHA512 \
	    rsa_pss_rsae_sha512 0x0806
	cs "client_sigalgs rsa_pss_rsae_sha384 TLS 1.3" -tls1_3 \
	    rsa_pss_rsae_sha384 rsa_pss_rsae_sha384 0x0805
	cs "client_sigalgs the first allowed in the server's order" -tls1_2 \
	    rsa_pkcs1_sha512,rsa_pkcs1_sha256 rsa_pkcs1_sha256 0x0401

	# no scheme in common: an empty Certificate, as s_client sends
	# shellcheck disable=SC2086
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 $CLI \
	    -client_sigalgs ECDSA+SHA256 -trace </dev/null
	check_begin "client_sigalgs with no usable scheme: no certificate"
	check_out 'fits none of the certificate types and signature algorithms'
	check_fail_line 'FAIL client-cert:'
	check_count '^ *CertificateVerify' 0
	check_end

	check_begin "client_sigalgs: an unknown name is a usage error"
	# shellcheck disable=SC2086
	run_tp -connect "127.0.0.1:$PORT" $CLI -client_sigalgs BOGUS+SHA1
	check_rc 2
	check_err "unknown signature scheme 'BOGUS\\+SHA1'"
	check_end
	stop_servers
fi
tp_done
