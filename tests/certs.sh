#!/bin/sh
# certs.sh [DIR] -- make a throwaway CA and server certificates for the tests.
#
# Writes into DIR (default: $T/certs, or ./certs when $T is unset):
#	ca.crt ca.key			RSA-2048 CA (self-signed)
#	rsa.crt rsa.key			RSA-2048 server
#	ec.crt ec.key			ECDSA P-256 server
#	ed25519.crt ed25519.key		Ed25519 server
#	rsapss.crt rsapss.key		RSA-PSS (2048) server
# Every server certificate is signed by the CA and carries
# subjectAltName DNS:localhost, IP:127.0.0.1.  DH parameters are not made:
# s_server has the RFC 7919 groups built in.
#
# The result is cached: when DIR/.done exists nothing is done, so each test
# run pays for the key generation once.  Nothing here reads the system
# openssl.cnf: a private config keeps the output the same on any machine.

set -eu

dir=${1:-${T:+$T/certs}}
dir=${dir:-certs}

if [ -f "$dir/.done" ]; then
	exit 0
fi
mkdir -p "$dir"

# Build in a private staging directory and move the files in at the end,
# so a concurrent reader never sees half a set.
stage=$(mktemp -d "$dir/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
trap 'exit 1' HUP INT TERM

cat >"$stage/req.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
utf8 = yes

[dn]
CN = tlsprobe test

[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[rsa_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[sig_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

OPENSSL_CONF=$stage/req.cnf
export OPENSSL_CONF

# ossl LABEL ARGS...: run openssl quietly, show its errors on failure.
ossl() {
	label=$1
	shift
	if ! openssl "$@" 2>"$stage/$label.err"; then
		echo "certs.sh: making $label failed:" >&2
		cat "$stage/$label.err" >&2
		exit 1
	fi
}

ossl ca req -x509 -config "$stage/req.cnf" -extensions ca_ext \
    -newkey rsa:2048 -nodes -sha256 -days 30 \
    -subj "/CN=tlsprobe test CA" \
    -keyout "$stage/ca.key" -out "$stage/ca.crt"

# server NAME EXTSECTION NEWKEY-ARGS...
server() {
	name=$1
	ext=$2
	shift 2
	ossl "$name" req -x509 -config "$stage/req.cnf" -extensions "$ext" \
	    -CA "$stage/ca.crt" -CAkey "$stage/ca.key" \
	    -nodes -sha256 -days 30 -subj "/CN=localhost" \
	    -keyout "$stage/$name.key" -out "$stage/$name.crt" "$@"
}

# The two RSA key generations dominate the run time: do them in parallel
# with the quick elliptic-curve ones.
server rsa rsa_ext -newkey rsa:2048 &
p1=$!
server rsapss sig_ext -newkey rsa-pss -pkeyopt rsa_keygen_bits:2048 &
p2=$!
server ec sig_ext -newkey ec -pkeyopt ec_paramgen_curve:P-256
server ed25519 sig_ext -newkey ed25519
wait "$p1"
wait "$p2"

chmod 600 "$stage"/*.key
for f in ca rsa ec ed25519 rsapss; do
	mv -f "$stage/$f.crt" "$stage/$f.key" "$dir/"
done
: >"$dir/.done"
