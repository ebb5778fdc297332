#!/bin/sh
# certs.sh [DIR] -- make a throwaway CA and server certificates for the tests.
#
# Writes into DIR (default: $T/certs, or ./certs when $T is unset):
#	ca.crt ca.key			RSA-2048 CA (self-signed)
#	rsa.crt rsa.key			RSA-2048 server
#	ec.crt ec.key			ECDSA P-256 server
#	ed25519.crt ed25519.key		Ed25519 server
#	rsapss.crt rsapss.key		RSA-PSS (2048) server
#	dsa.crt dsa.key			DSA (2048) server, for DHE-DSS suites
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

# dsa_server: a DSA-2048 server certificate (DHE-DSS-* suites, issue 12).
dsa_server() {
	ossl dsaparam genpkey -genparam -algorithm DSA \
	    -pkeyopt dsa_paramgen_bits:2048 -out "$stage/dsa.param"
	server dsa sig_ext -newkey "dsa:$stage/dsa.param"
}
dsa_server

# --- certificates for tests/integration/certs.sh ----------------------------
# A two-level hierarchy on elliptic-curve keys (quick to make):
#	root.crt root.key		root CA (self-signed)
#	inter.crt inter.key		intermediate CA, signed by root
# Server certificates issued by the intermediate with `openssl ca`, whose
# index also serves the OCSP responses; they reuse rsa.key and ec.key:
#	chain.crt			localhost, 127.0.0.1, rsa.key, valid
#	expired.crt			ec.key, expired in 2021
#	future.crt			ec.key, valid from ten days from now
#	revoked.crt			ec.key, valid, revoked (keyCompromise)
#	selfsigned.crt			ec.key, self-signed, localhost
# OCSP responses signed by the intermediate (RFC 6960), for s_server
# -status_file:
#	ocsp-good.der			chain.crt is good
#	ocsp-revoked.der		revoked.crt is revoked
# Client certificates (clientAuth) issued by the root:
#	client-rsa.crt (rsa.key), client-ec.crt (ec.key),
#	client-ed25519.crt (ed25519.key)
# and by the intermediate:
#	client-inter.crt (ec.key)
#	client-ec-enc.key		ec.key encrypted, password "tlsprobe"
#	client-self.crt			ec.key, self-signed: no server trusts it

cat >>"$stage/req.cnf" <<'EOF'

[root_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[inter_ext]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[leaf_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[client_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[self_client_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth

[ca]
default_ca = inter_ca

[inter_ca]
database = $ENV::TP_CA_DIR/inter.idx
new_certs_dir = $ENV::TP_CA_DIR/new
serial = $ENV::TP_CA_DIR/inter.serial
default_md = sha256
policy = any_dn
unique_subject = no
copy_extensions = none

[any_dn]
organizationName = optional
commonName = supplied

[root_ca]
database = $ENV::TP_CA_DIR/root.idx
new_certs_dir = $ENV::TP_CA_DIR/new
serial = $ENV::TP_CA_DIR/inter.serial
default_md = sha256
policy = any_dn

[nosan_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[email_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,email:admin@example.org
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

TP_CA_DIR=$stage
export TP_CA_DIR
mkdir "$stage/new"
: >"$stage/inter.idx"
: >"$stage/root.idx"
echo 1000 >"$stage/inter.serial"

ossl root req -x509 -config "$stage/req.cnf" -extensions root_ext \
    -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 30 \
    -subj "/CN=tlsprobe test root CA" \
    -keyout "$stage/root.key" -out "$stage/root.crt"
ossl inter req -x509 -config "$stage/req.cnf" -extensions inter_ext \
    -CA "$stage/root.crt" -CAkey "$stage/root.key" \
    -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 30 \
    -subj "/O=tlsprobe/CN=tlsprobe test intermediate CA" \
    -keyout "$stage/inter.key" -out "$stage/inter.crt"

# issue NAME KEY EXTENSIONS SUBJECT DATES...: a certificate from the
# intermediate
issue() {
	name=$1
	key=$2
	ext=$3
	subj=$4
	shift 4
	ossl "$name.csr" req -new -config "$stage/req.cnf" -key "$stage/$key" \
	    -subj "$subj" -out "$stage/$name.csr"
	ossl "$name" ca -batch -config "$stage/req.cnf" -notext \
	    -extensions "$ext" -cert "$stage/inter.crt" \
	    -keyfile "$stage/inter.key" -in "$stage/$name.csr" \
	    -out "$stage/$name.crt" "$@"
}

issue chain rsa.key leaf_ext /CN=localhost -days 30
issue expired ec.key leaf_ext /CN=localhost \
    -startdate 20200101000000Z -enddate 20210101000000Z
issue future ec.key leaf_ext /CN=localhost \
    -startdate "$(date -u -d '+10 days' +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d '+40 days' +%Y%m%d%H%M%SZ)"
issue revoked ec.key leaf_ext /CN=localhost -days 30
issue client-inter ec.key client_ext \
    "/O=tlsprobe/CN=tlsprobe test client via intermediate" -days 30
ossl revoke ca -config "$stage/req.cnf" -cert "$stage/inter.crt" \
    -keyfile "$stage/inter.key" -revoke "$stage/revoked.crt" \
    -crl_reason keyCompromise

# --- for tests/integration/verify.sh and weakcrypto.sh ----------------------
#	inter.crl (PEM), inter.crl.der	the intermediate's CRL: revoked.crt
#	root.crl			the root's CRL (empty)
#	email.crt			ec.key, with email:admin@example.org
#	nosan.crt			ec.key, CN=localhost, no subjectAltName
#	sha1.crt			ec.key, signed with ecdsa-with-SHA1
#	rsa1024.crt rsa1024.key		RSA-1024 leaf
#	md5.crt				rsa.key, signed by ca.crt with md5WithRSA
issue email ec.key email_ext /CN=localhost -days 30
issue nosan ec.key nosan_ext /CN=localhost -days 30
issue sha1 ec.key leaf_ext /CN=localhost -days 30 -md sha1
ossl rsa1024key genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 \
    -out "$stage/rsa1024.key"
issue rsa1024 rsa1024.key leaf_ext /CN=localhost -days 30
ossl md5 req -x509 -config "$stage/req.cnf" -extensions rsa_ext \
    -CA "$stage/ca.crt" -CAkey "$stage/ca.key" -key "$stage/rsa.key" \
    -md5 -days 30 -subj "/CN=localhost" -out "$stage/md5.crt"
ossl intercrl ca -gencrl -config "$stage/req.cnf" -cert "$stage/inter.crt" \
    -keyfile "$stage/inter.key" -crldays 7 -out "$stage/inter.crl"
ossl intercrlder crl -in "$stage/inter.crl" -outform DER \
    -out "$stage/inter.crl.der"
ossl rootcrl ca -gencrl -config "$stage/req.cnf" -name root_ca \
    -cert "$stage/root.crt" -keyfile "$stage/root.key" -crldays 7 \
    -out "$stage/root.crl"

ossl selfsigned req -x509 -config "$stage/req.cnf" -extensions leaf_ext \
    -key "$stage/ec.key" -sha256 -days 30 -subj "/CN=localhost" \
    -out "$stage/selfsigned.crt"

# ocsp NAME CERT: the intermediate's answer about CERT
ocsp() {
	ossl "$1" ocsp -index "$stage/inter.idx" -rsigner "$stage/inter.crt" \
	    -rkey "$stage/inter.key" -CA "$stage/inter.crt" \
	    -issuer "$stage/inter.crt" -cert "$stage/$2" -ndays 7 -no_nonce \
	    -respout "$stage/$1.der"
}
ocsp ocsp-good chain.crt
ocsp ocsp-revoked revoked.crt

# client NAME KEY: a client certificate from the root
client() {
	ossl "$1" req -x509 -config "$stage/req.cnf" -extensions client_ext \
	    -CA "$stage/root.crt" -CAkey "$stage/root.key" \
	    -key "$stage/$2" -sha256 -days 30 \
	    -subj "/O=tlsprobe/CN=tlsprobe test client $1" \
	    -out "$stage/$1.crt"
}
client client-rsa rsa.key
client client-ec ec.key
client client-ed25519 ed25519.key
ossl client-self req -x509 -config "$stage/req.cnf" \
    -extensions self_client_ext -key "$stage/ec.key" -sha256 -days 30 \
    -subj "/CN=tlsprobe rogue client" -out "$stage/client-self.crt"
ossl client-ec-enc pkey -in "$stage/ec.key" -aes-256-cbc \
    -passout pass:tlsprobe -out "$stage/client-ec-enc.key"

chmod 600 "$stage"/*.key
for f in root.crt root.key inter.crt inter.key chain.crt expired.crt \
    future.crt revoked.crt selfsigned.crt ocsp-good.der ocsp-revoked.der \
    client-rsa.crt client-ec.crt client-ed25519.crt client-self.crt \
    client-inter.crt \
    client-ec-enc.key inter.crl inter.crl.der root.crl email.crt nosan.crt \
    sha1.crt rsa1024.crt rsa1024.key md5.crt; do
	mv -f "$stage/$f" "$dir/"
done

chmod 600 "$stage"/*.key
for f in ca rsa ec ed25519 rsapss dsa; do
	mv -f "$stage/$f.crt" "$stage/$f.key" "$dir/"
done
: >"$dir/.done"
