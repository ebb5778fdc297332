# weakcrypto.sh -- security levels and broken server crypto (issue 12,
# items 4 and 5) against openssl s_server: a 1024-bit DH group (FAIL
# seclevel at the default level 2, as s_client's "dh key too small"; INFO
# when TLS 1.0/1.1 or a suite was asked for by name; accepted with
# @SECLEVEL=1), a composite DH modulus and a DH generator of small order
# (weak-crypto INFO with -msg, FAIL under -strict), a non-safe prime, and
# leaves OpenSSL accepts or flags: no subjectAltName, SHA-1 and MD5
# signatures, an RSA-1024 key (66 at level 2, as s_client).

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

C=$CERTS

# dhpem FILE P G: a DHParameter PEM for s_server -dhparam (P, G decimal)
dhpem() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys, base64
def der_int(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, 'big')
    return b'\x02' + der_len(len(b)) + b
def der_len(n):
    if n < 128:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(b)]) + b
body = der_int(int(sys.argv[2])) + der_int(int(sys.argv[3]))
der = b'\x30' + der_len(len(body)) + body
b64 = base64.b64encode(der).decode()
with open(sys.argv[1], 'w') as f:
    f.write('-----BEGIN DH PARAMETERS-----\n')
    for i in range(0, len(b64), 64):
        f.write(b64[i:i+64] + '\n')
    f.write('-----END DH PARAMETERS-----\n')
PY
}

# A prime p = 2*r*m + 1 with r = 65521, and g of order r: found by a
# Miller-Rabin search in python (a second or so); and a composite p.
python3 - >"$T/dhnums" <<'PY'
import random
random.seed(13)
def mr(n, k=20):
    if n < 4: return n in (2, 3)
    if n % 2 == 0: return False
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    for _ in range(k):
        a = random.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1: break
        else: return False
    return True
small = [q for q in range(3, 2000) if all(q % d for d in range(2, int(q**0.5) + 1))]
r = 65521
while True:
    m = random.getrandbits(2048 - 17) | (1 << (2048 - 18)) | 1
    p = 2 * r * m + 1
    if p.bit_length() != 2048 or any(p % q == 0 for q in small): continue
    if mr(p): break
while True:
    h = random.randrange(2, p - 1)
    g = pow(h, (p - 1) // r, p)
    if g != 1: break
comp = (random.getrandbits(2048) | (1 << 2047) | 1)
while mr(comp, 2): comp += 2
print(p, g)
print(comp, 2)
PY
set -- $(sed -n 1p "$T/dhnums")
dhpem "$T/smallorder.pem" "$1" "$2"
set -- $(sed -n 2p "$T/dhnums")
dhpem "$T/composite.pem" "$1" "$2"
openssl dhparam -out "$T/dh1024.pem" 1024 2>/dev/null

DHE='DHE-RSA-AES128-GCM-SHA256'

# --- DH 1024 against the default security level (2) ---------------------
if start_s_server_as rsa -tls1_2 -cipher "$DHE:@SECLEVEL=0" \
    -dhparam "$T/dh1024.pem"; then
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" \
	    </dev/null >"$T/sc.out" 2>&1
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt"
	check_begin "weakcrypto: DH 1024 fails at level 2, as s_client"
	grep -q 'dh key too small' "$T/sc.out" ||
	    tp_why "s_client did not say dh key too small"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL seclevel: ServerKeyExchange: dh key too small: the server.s DH group has 1024 bits, security level 2 needs 2048 \(lower it with -cipher .DEFAULT:@SECLEVEL=1.'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -cipher "DEFAULT:@SECLEVEL=1"
	check_begin "weakcrypto: DH 1024 with @SECLEVEL=1 completes"
	check_rc 0
	check_out '^Server Temp Key: DH, 1024 bits$'
	check_end

	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -cipher "$DHE" \
	    -msg
	check_begin "weakcrypto: DH 1024 with the suite asked for: INFO, goes on"
	check_rc 0
	check_out '^INFO: the server.s DH group has 1024 bits; security level 2 needs 2048, so openssl s_client would fail \(dh key too small\)'
	check_end
	stop_servers
fi

# --- a composite DH modulus -------------------------------------------------
if start_s_server_as rsa -tls1_2 -cipher "$DHE:@SECLEVEL=0" \
    -dhparam "$T/composite.pem"; then
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -msg
	check_begin "weakcrypto: composite DH prime is an INFO with -msg"
	check_out '^INFO: weak-crypto: the server.s DH prime \(2048 bits\) is composite$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -strict
	check_begin "weakcrypto: composite DH prime under -strict"
	check_rc 4
	check_fail_line '^tlsprobe: FAIL weak-crypto: the server.s DH prime \(2048 bits\) is composite \(sent insufficient_security\)$'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt"
	check_begin "weakcrypto: without trace flags or -strict, no finding"
	check_rc 0
	check_not_out 'weak-crypto'
	check_end
	stop_servers
fi

# --- a generator of small order (65521) in a non-safe prime ---------------
if start_s_server_as rsa -tls1_2 -cipher "$DHE:@SECLEVEL=0" \
    -dhparam "$T/smallorder.pem"; then
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -msg
	check_begin "weakcrypto: non-safe prime and small-order generator"
	check_out '^INFO: weak-crypto: the server.s DH prime \(2048 bits\) is not a safe prime'
	check_out '^INFO: weak-crypto: the server.s DH generator has small order'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" \
	    -verify_return_error
	check_begin "weakcrypto: non-safe prime under -verify_return_error"
	check_rc 4
	check_fail_line '^tlsprobe: FAIL weak-crypto: .*not a safe prime'
	check_end
	stop_servers
fi

# --- a safe-prime RFC 7919 group: no finding -------------------------------
if start_s_server_as rsa -tls1_2 -cipher "$DHE"; then
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -strict
	check_begin "weakcrypto: s_server's own DH group passes -strict"
	check_rc 0
	check_out '^Server Temp Key: DH, 2048 bits$'
	check_end
	stop_servers
fi

# --- versions, suites and groups the level refuses: INFO, as asked ---------
if start_s_server_as rsa -cipher 'ALL:@SECLEVEL=0' -min_protocol TLSv1; then
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" -tls1 \
	    </dev/null >"$T/sc.out" 2>&1
	run_tp -connect "127.0.0.1:$PORT" -tls1 -CAfile "$C/ca.crt" -msg
	check_begin "weakcrypto: -tls1 at level 2: INFO, s_client fails"
	grep -q 'legacy sigalg disallowed or unsupported' "$T/sc.out" ||
	    tp_why "s_client did not fail with legacy sigalg disallowed"
	check_rc 0
	check_out '^INFO: security level 2 would refuse TLS 1\.0 \(its handshake signs with SHA-1 and MD5, below 112 bits\)'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_2 -CAfile "$C/ca.crt" -msg \
	    -cipher 'AES128-GCM-SHA256:@SECLEVEL=3'
	check_begin "weakcrypto: RSA key exchange at level 3 is an INFO"
	check_rc 0
	check_out '^INFO: security level 3 would refuse AES128-GCM-SHA256 \(no forward secrecy, refused from level 3\)'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -tls1_3 -CAfile "$C/ca.crt" -msg \
	    -cipher '@SECLEVEL=4' -auth_level 0
	check_begin "weakcrypto: X25519 at level 4 is an INFO"
	check_rc 0
	check_out '^INFO: security level 4 would refuse group X25519 \(128 security bits, below 192\)'
	check_end
	run_tp -connect "127.0.0.1:$PORT" -CAfile "$C/ca.crt" -msg
	check_begin "weakcrypto: the defaults at level 2: no security-level INFO"
	check_rc 0
	check_not_out '^INFO: security level'
	check_end
	stop_servers
fi

# --- leaves -------------------------------------------------------------------
if start_s_server -cert "$C/nosan.crt" -key "$C/ec.key" \
    -cert_chain "$C/inter.crt"; then
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt" -msg
	check_begin "weakcrypto: name only in the CN: verifies, INFO names it"
	check_rc 0
	check_out '^Verification: OK$'
	check_out '^INFO: weak-crypto: the server certificate names its host only in the subject CN, without a subjectAltName'
	check_end
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt" -strict
	check_begin "weakcrypto: name only in the CN under -strict"
	check_rc 4
	check_fail_line '^tlsprobe: FAIL weak-crypto: .*only in the subject CN'
	check_end
	stop_servers
fi

if start_s_server -cert "$C/sha1.crt" -key "$C/ec.key" \
    -cert_chain "$C/inter.crt" -cipher 'DEFAULT:@SECLEVEL=0'; then
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt" \
	    -auth_level 0 -msg
	check_begin "weakcrypto: SHA-1 leaf named even when the chain verifies"
	check_out '^Verification: OK$'
	check_out '^INFO: weak-crypto: the server certificate is signed with SHA-1'
	check_end
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" \
	    -CAfile "$C/root.crt" </dev/null >"$T/sc.out" 2>&1
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt"
	check_begin "weakcrypto: SHA-1 leaf at level 2 is 68, as s_client"
	grep -q '^verify error:num=68:CA signature digest algorithm too weak$' \
	    "$T/sc.out" || tp_why "s_client did not say 68"
	check_out '^verify error:num=68:CA signature digest algorithm too weak$'
	check_end
	stop_servers
fi

# TLS 1.2: tlsprobe's TLS 1.3 signature_algorithms_cert (issue 12, item 6,
# not this test's business) makes s_server refuse an MD5 chain in 1.3
if start_s_server -cert "$C/md5.crt" -key "$C/rsa.key" \
    -cipher 'DEFAULT:@SECLEVEL=0'; then
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" \
	    -CAfile "$C/ca.crt" </dev/null >"$T/sc.out" 2>&1
	run_tp -connect localhost:"$PORT" -CAfile "$C/ca.crt" -tls1_2 -msg
	check_begin "weakcrypto: MD5-signed leaf is 68 as s_client, and named"
	grep -q '^verify error:num=68:' "$T/sc.out" ||
	    tp_why "s_client did not say 68"
	check_out '^verify error:num=68:CA signature digest algorithm too weak$'
	check_out '^INFO: weak-crypto: the server certificate is signed with MD5'
	check_end
	stop_servers
fi

if start_s_server -cert "$C/rsa1024.crt" -key "$C/rsa1024.key" \
    -cert_chain "$C/inter.crt" -cipher 'DEFAULT:@SECLEVEL=0'; then
	timeout -k 5 20 openssl s_client -connect "127.0.0.1:$PORT" \
	    -CAfile "$C/root.crt" </dev/null >"$T/sc.out" 2>&1
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt"
	check_begin "weakcrypto: RSA-1024 leaf is 66 at level 2, as s_client"
	grep -q '^verify error:num=66:EE certificate key too weak$' \
	    "$T/sc.out" || tp_why "s_client did not say 66"
	check_out '^verify error:num=66:EE certificate key too weak$'
	check_end
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt" \
	    -cipher 'DEFAULT:@SECLEVEL=1'
	check_begin "weakcrypto: RSA-1024 leaf verifies at @SECLEVEL=1"
	check_out '^Verification: OK$'
	check_end
	run_tp -connect localhost:"$PORT" -CAfile "$C/root.crt" -auth_level 1
	check_begin "weakcrypto: -auth_level 1 sets the verification part alone"
	check_out '^Verification: OK$'
	check_end
	stop_servers
fi

tp_done
