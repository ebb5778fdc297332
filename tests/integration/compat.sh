# compat.sh -- tests/compat/commands.txt: each command line run with both
# `openssl s_client` and `tlsprobe` against the same local server; what a
# script would extract (a grepped line, `openssl x509` on the PEM, the exit
# status class) must be the same.  One PASS/FAIL line per command line.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary
C=$CERTS
TABLE=$TP_TESTDIR/compat/commands.txt

# server NAME: start (once) the server the table calls NAME; sets PORT.
# Servers stay up until the end; their ports are kept in $T/port.NAME.
server() {
	if [ -f "$T/port.$1" ]; then
		PORT=$(cat "$T/port.$1")
		return 0
	fi
	case $1 in
	rsa13)	start_s_server_as rsa -tls1_3 \
		    -ciphersuites TLS_AES_128_GCM_SHA256 ;;
	rsa12)	start_s_server_as rsa -tls1_2 \
		    -cipher ECDHE-RSA-AES128-GCM-SHA256 ;;
	dhe12)	start_s_server_as rsa -tls1_2 \
		    -cipher DHE-RSA-AES128-GCM-SHA256 ;;
	rsakx12) start_s_server_as rsa -tls1_2 -cipher AES128-SHA ;;
	ec12)	start_s_server_as ec -tls1_2 ;;
	ed)	start_s_server_as ed25519 \
		    -ciphersuites TLS_AES_128_GCM_SHA256 ;;
	chain)	start_s_server -cert "$C/chain.crt" -key "$C/rsa.key" \
		    -cert_chain "$C/inter.crt" \
		    -ciphersuites TLS_AES_128_GCM_SHA256 ;;
	hrr)	start_s_server_as rsa -tls1_3 \
		    -ciphersuites TLS_AES_128_GCM_SHA256 -groups P-384 ;;
	alpn)	start_s_server_as rsa -ciphersuites TLS_AES_128_GCM_SHA256 \
		    -alpn h2,http/1.1 ;;
	cauth12) start_s_server_as rsa -tls1_2 -Verify 1 -CAfile "$C/root.crt" ;;
	cauth13) start_s_server_as rsa -tls1_3 -Verify 1 \
		    -CAfile "$C/root.crt" \
		    -ciphersuites TLS_AES_128_GCM_SHA256 ;;
	gnutls)	tp_have gnutls-serv || return 1
		start_gnutls_serv_as rsa ;;
	garbage) start_py_server garbage ;;
	npn)	start_s_server_as rsa -nextprotoneg http/1.1,h2 ;;
	si)	# serverinfo for extension 1000: type, length 5, "hello"
		printf '%s\n' '-----BEGIN SERVERINFO FOR EXTENSION 1000-----' \
		    'A+gABWhlbGxv' '-----END SERVERINFO FOR EXTENSION 1000-----' \
		    >"$T/si.pem"
		start_s_server_as rsa -serverinfo "$T/si.pem" \
		    -ciphersuites TLS_AES_128_GCM_SHA256 ;;
	*)	return 1 ;;
	esac || return 1
	echo "$PORT" >"$T/port.$1"
}

# errnorm: OpenSSL error lines without the thread id, function and source
# position, which differ between s_client and tlsprobe by nature.
errnorm() {
	sed -E 's/^([0-9A-F]+|tlsprobe):error:([0-9A-F]{8}):([^:]*):[^:]*:([^:]*)(:.*)?$/error:\2:\3::\4/'
}

# extract KIND ARG OUT ERR: what the check KIND reads from one run.
extract() {
	case $1 in
	out)	grep -E -m 1 -- "$2" "$3" | errnorm ;;
	err)	grep -E -m 1 -- "$2" "$4" | errnorm ;;
	all)	cat "$3" "$4" | grep -E -m 1 -- "$2" | errnorm ;;
	match)	cat "$3" "$4" | grep -E -o -m 1 -- "$2" | head -n 1 ;;
	count)	grep -E -c -- "$2" "$3" ;;
	none)	cat "$3" "$4" | grep -E -c -- "$2" ;;
	x509)	openssl x509 -noout -subject -issuer -dates -fingerprint \
		    -sha256 <"$3" 2>&1 ;;
	chain)	awk '/^-----BEGIN CERTIFICATE-----$/ { n++ }
		    n { print > (dir "/pem." n) }
		    /^-----END CERTIFICATE-----$/ { n_done = n }' \
		    dir="$T" "$3"
		for _f in "$T"/pem.*; do
			[ -f "$_f" ] || continue
			openssl x509 -noout -subject <"$_f"
			rm -f "$_f"
		done ;;
	rc)	cat "$5" ;;
	esac
}

n=0
while IFS= read -r line; do
	case $line in
	''|'#'*)	continue ;;
	esac
	n=$((n + 1))
	srv=$(printf '%s' "$line" | cut -d'|' -f1 | tr -d ' \t')
	args=$(printf '%s' "$line" | cut -d'|' -f2 | sed 's/^[ \t]*//; s/[ \t]*$//')
	chk=$(printf '%s' "$line" | cut -d'|' -f3- | sed 's/^[ \t]*//')
	kind=${chk%% *}
	arg=
	[ "$kind" = "$chk" ] || arg=${chk#* }
	args=$(printf '%s' "$args" | sed "s|\\\$C|$C|g")
	name="compat $n: $srv $args | $chk"
	if ! server "$srv"; then
		skip "$name" "server $srv did not start"
		continue
	fi
	# shellcheck disable=SC2086
	timeout --foreground -k 5 "$TP_TIMEOUT" openssl s_client \
	    -connect "127.0.0.1:$PORT" $args </dev/null >"$T/sc.out" \
	    2>"$T/sc.err"
	rc=$?
	[ "$rc" -eq 0 ] || rc=failed
	echo "$rc" >"$T/sc.rc"
	# shellcheck disable=SC2086
	run_tp -connect "127.0.0.1:$PORT" $args </dev/null
	rc=$RC
	[ "$rc" -eq 0 ] || rc=failed
	echo "$rc" >"$T/tp.rc"
	extract "$kind" "$arg" "$T/sc.out" "$T/sc.err" "$T/sc.rc" >"$T/sc.x"
	extract "$kind" "$arg" "$T/out" "$T/err" "$T/tp.rc" >"$T/tp.x"
	check_begin "$name"
	case $kind in
	none)	[ "$(cat "$T/sc.x")" = 0 ] || tp_why "s_client prints it"
		[ "$(cat "$T/tp.x")" = 0 ] || tp_why "tlsprobe prints it" ;;
	count|rc) ;;
	*)	[ -s "$T/sc.x" ] || tp_why "s_client gives nothing to compare" ;;
	esac
	if ! cmp -s "$T/sc.x" "$T/tp.x"; then
		tp_why "s_client '$(head -n 3 "$T/sc.x" | tr '\n' '|')'," \
		    "tlsprobe '$(head -n 3 "$T/tp.x" | tr '\n' '|')'"
	fi
	check_end
done <"$TABLE"
[ "$n" -ge 60 ] || fail "compat: at least 60 command lines" "only $n"

# --- every option s_client lists: known to tlsprobe and in the man page ------
# An option tlsprobe accepts then fails to connect to a closed port (exit
# 3), or its argument "1" is a usage error (exit 2); one it refuses says
# why in one line and exits 2.  None is unknown.
# the option column is 27 wide: a second word there is its argument
openssl s_client -help 2>&1 |
    awk '/^ -/ { n = split(substr($0, 1, 28), w, " "); print w[1], (n > 1) }' \
    >"$T/opts"
closed=$(free_port)
bad= missing= drift= nopts=0
while read -r opt hasarg; do
	nopts=$((nopts + 1))
	case $opt in
	-help|-connect)	continue ;;
	esac
	if [ "$opt" = -provider ]; then
		# "1" is no provider for s_client either
		set -- "$opt" legacy
	elif [ "$hasarg" = 1 ]; then
		set -- "$opt" 1
	else
		set -- "$opt"
	fi
	# in $T: options such as -writerand 1 and -msgfile 1 write files
	(cd "$T" && timeout 10 "$TLSPROBE" -connect "127.0.0.1:$closed" "$@" \
	    </dev/null >/dev/null 2>"$T/opt.err")
	rc=$?
	if grep -q 'unknown option' "$T/opt.err"; then
		bad="$bad $opt"
	elif grep -q 'COMPATIBILITY section' "$T/opt.err" &&
	    [ "$(wc -l <"$T/opt.err")" -ne 1 ]; then
		bad="$bad $opt(lines)"
	elif [ "$rc" != 2 ] && [ "$rc" != 3 ] &&
	    ! grep -q '^tlsprobe: FAIL ' "$T/opt.err"; then
		# accepted, and then "1" took it somewhere else (-host 1)
		bad="$bad $opt(exit $rc)"
	fi
	_o=$(printf '%s' "${opt#-}" | sed 's/[.[\*^$]/\\&/g')
	_st=$(grep "^\.It Fl $_o Ta " "$TP_TESTDIR/../man/tlsprobe.1" |
	    sed 's/^\.It Fl [^ ]* Ta //; s/ Ta .*//')
	if [ -z "$_st" ]; then
		missing="$missing $opt"
		continue
	fi
	# the table says what tlsprobe does with it
	refused=no
	grep -q 'COMPATIBILITY section' "$T/opt.err" && refused=yes
	case $_st in
	refused|"not yet"|issue*)	want=yes ;;
	*)				want=no ;;
	esac
	[ "$refused" = "$want" ] || drift="$drift $opt($_st)"
done <"$T/opts"
check_begin "compat: all $nopts s_client options are accepted or refused with a reason"
[ "$nopts" -ge 150 ] || tp_why "only $nopts options read from s_client -help"
[ -z "$bad" ] || tp_why "not so:$bad"
check_end
check_begin "compat: the man page's COMPATIBILITY table has every s_client option"
[ -z "$missing" ] || tp_why "missing:$missing"
check_end
check_begin "compat: the table's status is what tlsprobe does (refused or not)"
[ -z "$drift" ] || tp_why "not so:$drift"
check_end
tp_done
