# verify.sh -- s_client's verification options against openssl s_server,
# each command line run with both openssl s_client and tlsprobe and the
# depth=/verify error/verify return lines, the "Verification" line and any
# "DANE TLSA" line compared: -verify N, -verify_depth, -verify_quiet,
# -verifyCAfile/-verifyCAstore, -CAstore, -partial_chain, -purpose,
# -x509_strict, -attime, -verify_email, -auth_level, -nameopt, CRLs
# (-CRL PEM and DER, -crl_check, -crl_check_all, -crl_download from a
# local python3 http.server) and DANE TLSA (-dane_tlsa_domain,
# -dane_tlsa_rrdata, -dane_ee_no_namechecks).

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

C=$CERTS

# lines a script reads from both tools
vlines() {
	grep -E '^(depth=|verify error:|verify return:|issuer= |notBefore=|notAfter=|Verification|Verified peername|DANE TLSA)' "$1"
}

# same NAME ARGS...: s_client and tlsprobe print the same lines.
same() {
	_n=$1
	shift
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" "$@" \
	    </dev/null >"$T/sc.out" 2>&1
	run_tp -connect "127.0.0.1:$PORT" "$@"
	vlines "$T/sc.out" | grep -Ev "${SKIP_RE:-^\$}" >"$T/sc.v"
	vlines "$T/out" | grep -Ev "${SKIP_RE:-^\$}" >"$T/tp.v"
	check_begin "verify: $_n"
	[ -s "$T/sc.v" ] || tp_why "s_client printed no verification lines"
	if ! cmp -s "$T/sc.v" "$T/tp.v"; then
		tp_why "lines differ from s_client's"
		diff "$T/sc.v" "$T/tp.v" | sed 's/^/    |   /'
	fi
}

sha256_der() {
	openssl x509 -in "$1" -outform DER | openssl dgst -sha256 -r |
	    cut -d' ' -f1
}
sha256_spki() {
	openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin \
	    -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1
}

# --- a good chain: root -> inter -> chain.crt (localhost) ------------------
if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
    -cert_chain "$C/inter.crt"; then
	same "-CAfile, good chain" -CAfile "$C/root.crt"
	check_rc 0
	check_out '^Verification: OK$'
	check_end

	same "-verifyCAfile verifies instead of -CAfile" \
	    -verifyCAfile "$C/root.crt" -CAfile "$C/inter.crt"
	check_out '^Verification: OK$'
	check_end

	same "-verifyCAfile alone: the defaults are not used" \
	    -verifyCAfile "$C/inter.crt"
	check_out '^verify error:num=2:unable to get issuer certificate$'
	check_end

	same "-CAstore file: URI" -CAstore "file:$C/root.crt"
	check_out '^Verification: OK$'
	check_end

	same "-verifyCAstore" -verifyCAstore "file:$C/root.crt"
	check_out '^Verification: OK$'
	check_end

	same "-partial_chain trusts the intermediate" -CAfile "$C/inter.crt" \
	    -partial_chain
	check_out '^Verification: OK$'
	check_end

	same "without -partial_chain the intermediate is not enough" \
	    -CAfile "$C/inter.crt"
	check_out '^verify error:num=2:'
	check_end

	same "-purpose sslclient is error 26" -CAfile "$C/root.crt" \
	    -purpose sslclient
	check_out '^verify error:num=26:unsuitable certificate purpose$'
	check_end

	same "-x509_strict on a good chain" -CAfile "$C/root.crt" -x509_strict
	check_out '^Verification: OK$'
	check_end

	same "-attime before notBefore is error 9" -CAfile "$C/root.crt" \
	    -attime 1500000000
	check_out '^verify error:num=9:certificate is not yet valid$'
	check_out '^notBefore='
	check_end

	same "-verify_email not in the certificate is 63" \
	    -CAfile "$C/root.crt" -verify_email admin@example.org
	check_out '^verify error:num=63:email address mismatch$'
	check_end

	same "-verify_depth 0 cuts the chain" -CAfile "$C/root.crt" \
	    -verify_depth 0
	check_out '^verify error:num=20:'
	check_end

	same "-verify_quiet prints only errors" -CAfile "$C/inter.crt" \
	    -verify_quiet
	check_not_out '^verify return:'
	check_out '^verify error:num=2:'
	check_end

	same "-auth_level 4 refuses the P-256 CAs (67)" -CAfile "$C/root.crt" \
	    -auth_level 4
	check_out '^verify error:num=67:CA certificate key too weak$'
	check_end

	for no in RFC2253 utf8 oneline,-space_eq multiline,sep_comma_plus; do
		same "-nameopt $no" -CAfile "$C/inter.crt" -nameopt "$no"
		check_end
	done

	same "-verify 2 on a good chain" -CAfile "$C/root.crt" -verify 2
	check_out '^verify depth is 2$'
	check_rc 0
	check_end

	ee311=$(sha256_spki "$C/chain.crt")
	ee301=$(sha256_der "$C/chain.crt")
	ta201=$(sha256_der "$C/inter.crt")
	ta001=$(sha256_der "$C/root.crt")
	same "DANE-EE 3 1 1 matches" -dane_tlsa_domain localhost \
	    -dane_tlsa_rrdata "3 1 1 $ee311"
	check_out '^DANE TLSA 3 1 1 \.\.\.[0-9a-f]{24} matched EE certificate at depth 0$'
	check_end
	same "DANE-EE 3 0 1 matches" -dane_tlsa_domain localhost \
	    -dane_tlsa_rrdata "3 0 1 $ee301"
	check_out '^DANE TLSA 3 0 1 '
	check_end
	same "DANE-EE with the wrong domain is 62" \
	    -dane_tlsa_domain other.example -dane_tlsa_rrdata "3 1 1 $ee311"
	check_out '^verify error:num=62:'
	check_end
	same "-dane_ee_no_namechecks" -dane_tlsa_domain other.example \
	    -dane_tlsa_rrdata "3 1 1 $ee311" -dane_ee_no_namechecks
	check_out '^Verification: OK$'
	check_end
	same "DANE no match is 65" -dane_tlsa_domain localhost \
	    -dane_tlsa_rrdata "3 1 1 $ta201"
	check_out '^verify error:num=65:no matching DANE TLSA records$'
	check_end
	same "DANE-TA 2 0 1 on the intermediate" -dane_tlsa_domain localhost \
	    -dane_tlsa_rrdata "2 0 1 $ta201"
	check_out '^DANE TLSA 2 0 1 .* matched TA certificate at depth 1$'
	check_end
	same "PKIX-EE 1 0 1 with the chain" -CAfile "$C/root.crt" \
	    -dane_tlsa_domain localhost -dane_tlsa_rrdata "1 0 1 $ee301"
	check_end
	same "PKIX-TA 0 0 1 on the root" -CAfile "$C/root.crt" \
	    -dane_tlsa_domain localhost -dane_tlsa_rrdata "0 0 1 $ta001"
	check_out 'matched TA certificate at depth 2$'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -dane_tlsa_domain localhost \
	    -dane_tlsa_rrdata "3 1 1 $ta201" -verify_return_error
	check_begin "verify: DANE no match under -verify_return_error"
	check_rc 4
	check_fail_line 'no matching DANE TLSA records \(verify error 65 at depth 0'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -dane_tlsa_rrdata "3 1 1 $ee311"
	expect_rc "verify: -dane_tlsa_rrdata needs -dane_tlsa_domain" 2
	run_tp -connect "127.0.0.1:$PORT" -dane_tlsa_domain x \
	    -dane_tlsa_rrdata "3 1 1 abcd"
	expect_rc "verify: a SHA-256 TLSA record of 2 bytes is a usage error" 2
	run_tp -connect "127.0.0.1:$PORT" -purpose nosuch
	expect_rc "verify: unknown -purpose is a usage error" 2
	run_tp -connect "127.0.0.1:$PORT" -nameopt nosuch
	expect_rc "verify: unknown -nameopt is a usage error" 2
	run_tp -connect "127.0.0.1:$PORT" -verify 0
	expect_rc "verify: -verify 0 is a usage error, as in s_client" 2
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/root.crt" \
	    -certform DER -keyform PEM -CRLform DER
	expect_rc "verify: -certform/-keyform/-CRLform are accepted" 0
	stop_servers
fi

# --- -verify N: an error deeper than N ends the handshake ----------------
cat "$C/inter.crt" "$C/root.crt" >"$T/inter-root.pem"
if start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
    -cert_chain "$T/inter-root.pem"; then
	# s_client's block after a failed handshake is another matter
	SKIP_RE='^Verification' same "-verify 1, untrusted root sent at depth 2" -verify 1
	check_rc 4
	check_out '^verify error:num=19:self-signed certificate in certificate chain$'
	check_fail_line 'certificate chain too long \(verify error 22 at depth 2'
	check_end
	same "-verify 2 lets the depth 2 error pass" -verify 2
	check_rc 0
	check_end
	stop_servers
fi

# --- -build_chain: the client's intermediate comes from -chainCAfile ------
if start_s_server_as rsa -Verify 2 -CAfile "$C/root.crt" \
    -verify_return_error; then
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -cert "$C/client-inter.crt" -key "$C/ec.key" -build_chain \
	    -chainCAfile "$T/inter-root.pem" -msg
	check_begin "verify: -build_chain -chainCAfile completes the client chain"
	check_rc 0
	check_out '^Client certificate sent: O = tlsprobe, CN = tlsprobe test client via intermediate'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -cert "$C/client-inter.crt" -key "$C/ec.key"
	check_begin "verify: without -build_chain the server refuses the client"
	check_rc 1
	check_end
	run_tp -connect "127.0.0.1:$PORT" -cert "$C/client-inter.crt" \
	    -key "$C/ec.key" -build_chain -chainCAfile "$C/ca.crt"
	expect_rc "verify: -build_chain with no way to the root is a usage error" 2
	stop_servers
fi

# --- -requestCAfile: the same certificate_authorities bytes as s_client ---
if start_s_server_as rsa -trace -www; then
	run_tp -connect "127.0.0.1:$PORT" -requestCAfile "$C/root.crt"
	_rc=$RC
	sleep 0.3
	grep -a -A3 'extension_type=certificate_authorities(47)' "$SERVER_LOG" \
	    >"$T/tp.ca"
	: >"$SERVER_LOG"
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" \
	    -requestCAfile "$C/root.crt" </dev/null >/dev/null 2>&1
	sleep 0.3
	grep -a -A3 'extension_type=certificate_authorities(47)' "$SERVER_LOG" \
	    >"$T/sc.ca"
	check_begin "verify: -requestCAfile sends s_client's certificate_authorities"
	[ "$_rc" = 0 ] || tp_why "exit $_rc"
	grep -q ' root CA' "$T/tp.ca" ||
	    tp_why "the server saw no certificate_authorities naming the root"
	cmp -s "$T/tp.ca" "$T/sc.ca" || tp_why "bytes differ from s_client's"
	check_end
	run_tp -connect "127.0.0.1:$PORT" -requestCAfile "$T/nonexistent"
	expect_rc "verify: a missing -requestCAfile is a usage error" 2
	stop_servers
fi

# --- -ct: an SCT signed by a test log, in the TLS 1.2 extension -----------
# mksct: a CT log key, its log list, a valid SCT for chain.crt (RFC 6962,
# 3.2) and an s_server -serverinfo file that carries it (3.3.1).
mksct() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -out "$T/log.key" 2>/dev/null &&
	openssl pkey -in "$T/log.key" -pubout -outform DER \
	    -out "$T/log.pub.der" &&
	openssl x509 -in "$C/chain.crt" -outform DER -out "$T/leaf.der" &&
	printf 'enabled_logs = tplog\n[tplog]\ndescription = tlsprobe test log\nkey = %s\n' \
	    "$(base64 -w0 "$T/log.pub.der")" >"$T/ctlogs.cnf" &&
	python3 - "$T" <<'PY'
import base64, hashlib, struct, subprocess, sys, time
d = sys.argv[1]
leaf = open(d + '/leaf.der', 'rb').read()
ts = int(time.time() * 1000) - 60000
tbs = (bytes([0, 0]) + struct.pack('>Q', ts) + struct.pack('>H', 0) +
       len(leaf).to_bytes(3, 'big') + leaf + struct.pack('>H', 0))
open(d + '/tbs.bin', 'wb').write(tbs)
subprocess.run(['openssl', 'dgst', '-sha256', '-sign', d + '/log.key',
                '-out', d + '/sig.der', d + '/tbs.bin'], check=True)
sig = open(d + '/sig.der', 'rb').read()
logid = hashlib.sha256(open(d + '/log.pub.der', 'rb').read()).digest()
sct = (bytes([0]) + logid + struct.pack('>Q', ts) + struct.pack('>H', 0) +
       bytes([4, 3]) + struct.pack('>H', len(sig)) + sig)
lst = struct.pack('>H', len(sct) + 2) + struct.pack('>H', len(sct)) + sct
b = base64.b64encode(struct.pack('>HH', 18, len(lst)) + lst).decode()
with open(d + '/sct.serverinfo', 'w') as f:
    f.write('-----BEGIN SERVERINFO FOR CT-----\n')
    for i in range(0, len(b), 64):
        f.write(b[i:i + 64] + '\n')
    f.write('-----END SERVERINFO FOR CT-----\n')
PY
}
if tp_have python3 && mksct && start_s_server -cert "$C/chain.crt" \
    -key "$C/rsa.key" -cert_chain "$C/inter.crt" \
    -serverinfo "$T/sct.serverinfo"; then
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 \
	    -ct -ctlogfile "$T/ctlogs.cnf" -CAfile "$C/root.crt" \
	    </dev/null >"$T/sc.out" 2>&1
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -ct -ctlogfile \
	    "$T/ctlogs.cnf" -CAfile "$C/root.crt"
	sed -n '/^SCTs present/,/^SSL handshake/p' "$T/sc.out" |
	    grep -v '^SSL handshake' >"$T/sc.sct"
	sed -n '/^SCTs present/,/^SSL handshake/p' "$T/out" |
	    grep -v '^SSL handshake' >"$T/tp.sct"
	check_begin "verify: -ct shows the SCT block as s_client (valid)"
	check_rc 0
	check_out '^SCTs present \(1\)$'
	check_out '^SCT validation status: valid$'
	check_out '^    Log       : tlsprobe test log$'
	if ! cmp -s "$T/sc.sct" "$T/tp.sct"; then
		tp_why "the SCT block differs from s_client's"
		diff "$T/sc.sct" "$T/tp.sct" | sed 's/^/    |   /'
	fi
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -ct -CAfile "$C/root.crt" \
	    -ctlogfile /dev/null
	check_begin "verify: -ct without the log: unknown log"
	check_rc 0
	check_out '^SCT validation status: unknown log$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -CAfile "$C/root.crt"
	check_begin "verify: without -ct no SCT is asked for or shown"
	check_rc 0
	check_not_out '^SCTs present'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -ct -CAfile "$C/root.crt"
	check_begin "verify: -ct with none sent says SCTs present (0)"
	check_rc 0
	check_out '^SCTs present \(0\)$'
	check_end
	stop_servers
fi

# --- CRLs: revoked.crt is on the intermediate's CRL ------------------------
if start_s_server -cert "$C/revoked.crt" -key "$C/ec.key" \
    -cert_chain "$C/inter.crt"; then
	same "-crl_check -CRL (PEM): revoked is 23" -CAfile "$C/root.crt" \
	    -crl_check -CRL "$C/inter.crl"
	check_out '^verify error:num=23:certificate revoked$'
	check_end
	same "-crl_check -CRL (DER)" -CAfile "$C/root.crt" -crl_check \
	    -CRL "$C/inter.crl.der" -CRLform DER
	check_out '^verify error:num=23:certificate revoked$'
	check_end
	same "-crl_check without a CRL is 3" -CAfile "$C/root.crt" -crl_check
	check_out '^verify error:num=3:unable to get certificate CRL$'
	check_end
	# as s_client, only the first CRL of the -CRL file is read
	cat "$C/inter.crl" "$C/root.crl" >"$T/both.crl"
	same "-CRL reads the first CRL of a file" -CAfile "$C/root.crt" \
	    -crl_check -CRL "$T/both.crl"
	check_out '^verify error:num=23:'
	check_end
	same "-crl_check_all without the root's CRL" -CAfile "$C/root.crt" \
	    -crl_check_all -CRL "$C/inter.crl"
	check_out '^verify error:num=3:'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/root.crt" -crl_check \
	    -CRL "$C/inter.crl" -verify_return_error
	check_begin "verify: revoked under -verify_return_error"
	check_rc 4
	check_fail_line 'certificate revoked \(verify error 23 at depth 0.* \(sent certificate_revoked\)$'
	check_end
	stop_servers
fi

# --- -crl_download: a leaf whose CRL distribution point is a local server --
if tp_have python3; then
	mkdir -p "$T/www"
	cp "$C/inter.crl.der" "$T/www/inter.crl"
	HPORT=$(free_port)
	(cd "$T/www" && exec python3 -m http.server --bind 127.0.0.1 \
	    "$HPORT") >"$T/http.log" 2>&1 &
	HPID=$!
	TP_PIDS="$TP_PIDS $HPID"
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		tp_port_used "$HPORT" && break
		sleep 0.2
	done
	cat >"$T/cdp.cnf" <<CNF
[cdp]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
crlDistributionPoints = URI:http://127.0.0.1:$HPORT/inter.crl
CNF
	openssl req -new -key "$C/ec.key" -subj /CN=localhost \
	    -out "$T/cdp.csr" 2>/dev/null
	openssl x509 -req -in "$T/cdp.csr" -CA "$C/inter.crt" \
	    -CAkey "$C/inter.key" -set_serial 4242 -days 2 \
	    -extfile "$T/cdp.cnf" -extensions cdp -out "$T/cdp.crt" \
	    2>/dev/null
	if start_s_server -cert "$T/cdp.crt" -key "$C/ec.key" \
	    -cert_chain "$C/inter.crt"; then
		same "-crl_download fetches the CRL over HTTP" \
		    -CAfile "$C/root.crt" -crl_check -crl_download
		check_out '^Verification: OK$'
		grep -q 'GET /inter.crl' "$T/http.log" ||
		    tp_why "the HTTP server saw no GET /inter.crl"
		check_end
		stop_servers
	fi
else
	skip "verify: -crl_download" "no python3"
fi

tp_done
