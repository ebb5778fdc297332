# lib.sh -- helpers for tests/integration/*.sh (POSIX sh; sourced, not run).
#
#	. "$(dirname "$0")/../lib.sh"
#	tp_setup			# $T, cleanup trap, $CERTS
#	start_s_server_as rsa -tls1_2	# or start_s_server ARGS...
#	run_tp -connect "127.0.0.1:$PORT"
#	check_begin "tls12 handshake"
#	check_rc 0
#	check_out '^    Protocol  : TLSv1\.2$'
#	check_end			# one PASS: or FAIL: line
#	stop_servers
#	tp_done
#
# Every test prints exactly one line "PASS: name", "FAIL: name (why)" or
# "SKIP: name (why)"; tests/run counts them.  Diagnostics are printed as
# lines starting with "    |" so that they are never counted.
#
# Environment:
#	TLSPROBE	binary under test (default ./tlsprobe, made absolute)
#	TP_CERTDIR	certificate cache shared by a test run (default $T/certs)
#	TP_TIMEOUT	guard for one tlsprobe run, seconds (default 30)
#	TP_SERVER_LIFETIME  longest a test server may live, seconds (default 600)
#	TP_VERBOSE	when set, show out/err tails for passing tests too

TLSPROBE=${TLSPROBE:-./tlsprobe}
case $TLSPROBE in
/*)	;;
*)	TLSPROBE=$PWD/${TLSPROBE#./} ;;
esac
export TLSPROBE

# tests/ directory: the scripts live in tests/integration/.
TP_TESTDIR=${TP_TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
TP_TIMEOUT=${TP_TIMEOUT:-30}
TP_SERVER_LIFETIME=${TP_SERVER_LIFETIME:-600}
TP_NAME=$(basename "$0" .sh)

# Never let a tlsprobe run wait on a terminal: a test that wants input
# redirects it explicitly (run_tp ... <"$T/in").
if [ -t 0 ]; then
	exec </dev/null
fi

# Servers and programs talk C, whatever the caller's locale.
LC_ALL=C
export LC_ALL

TP_FAILED=0
TP_PIDS=
T=
PORT=
RC=

# --- reporting ---------------------------------------------------------

pass() {
	printf 'PASS: %s%s\n' "$1" "${TP_NAME_SUFFIX:-}"
}

# fail NAME REASON...
fail() {
	_n=$1
	shift
	printf 'FAIL: %s%s (%s)\n' "$_n" "${TP_NAME_SUFFIX:-}" "$*"
	TP_FAILED=$((TP_FAILED + 1))
}

# skip NAME REASON...
skip() {
	_n=$1
	shift
	printf 'SKIP: %s%s (%s)\n' "$_n" "${TP_NAME_SUFFIX:-}" "$*"
}

# note TEXT...: an uncounted diagnostic line.
note() {
	printf '    | %s\n' "$*"
}

# tp_show: the last lines of the last run's stdout and stderr.
tp_show() {
	[ -n "$T" ] || return 0
	note "command: tlsprobe $TP_LAST (exit $RC)"
	if [ -s "$T/out" ]; then
		note "stdout (last 8 lines):"
		tail -n 8 "$T/out" | sed 's/^/    |   /'
	fi
	if [ -s "$T/err" ]; then
		note "stderr (last 8 lines):"
		tail -n 8 "$T/err" | sed 's/^/    |   /'
	fi
}

# tp_done: end of a script; the exit status says whether anything failed.
tp_done() {
	[ "$TP_FAILED" -eq 0 ]
	exit $?
}

# --- setup and cleanup ---------------------------------------------------

tp_cleanup() {
	# A second ^C (the terminal and timeout(1) both send one) must not
	# cut the cleanup short.
	trap '' HUP INT TERM
	stop_servers
	if [ -n "$T" ] && [ -d "$T" ]; then
		rm -rf "$T"
	fi
}

# tp_setup: temp dir $T, cleanup on any exit, certificates in $CERTS.
tp_setup() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/tlsprobe-test.XXXXXX") || {
		echo "FAIL: $TP_NAME setup (mktemp)"
		exit 1
	}
	trap tp_cleanup EXIT
	# dash and others skip the EXIT trap when a signal kills the shell:
	# turn the signals into an exit.
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# The servers read this FIFO, opened read-write, so they never see
	# end of file on stdin (s_server stops serving on stdin EOF unless
	# told otherwise) and no writer process is needed.
	mkfifo "$T/hold"
	: >"$T/out"
	: >"$T/err"

	CERTS=${TP_CERTDIR:-$T/certs}
	if ! sh "$TP_TESTDIR/certs.sh" "$CERTS" >"$T/certs.log" 2>&1; then
		echo "FAIL: $TP_NAME setup (tests/certs.sh failed)"
		sed 's/^/    |   /' "$T/certs.log"
		exit 1
	fi
}

# tp_daemons_setup: the set-up of a script that runs real daemons: the
# daemon helpers (tests/daemons.sh), tp_setup, tp_need_binary, and $CA,
# the tlsprobe option that trusts the test CA.
tp_daemons_setup() {
	. "$TP_TESTDIR/daemons.sh"
	tp_setup
	tp_need_binary
	CA="-CAfile $CERTS/ca.crt"
}

# tp_need_binary: fail the whole script (one line) when there is nothing
# to test.
tp_need_binary() {
	if [ ! -x "$TLSPROBE" ]; then
		fail "$TP_NAME" "$TLSPROBE is missing or not executable"
		tp_done
	fi
}

# tp_have CMD: is CMD on $PATH?
tp_have() {
	command -v "$1" >/dev/null 2>&1
}

# --- ports ----------------------------------------------------------------

# tp_port_used PORT [LISTEN]: is a local TCP socket (any state, or only
# listening ones when a second argument is given) bound to PORT?
# Reads /proc/net/tcp{,6} directly: quick, and needs neither ss nor python.
tp_port_used() {
	_hex=$(printf '%04X' "$1")
	awk -v hex=":$_hex" -v listen="${2:-}" '
	    FNR > 1 {
		n = length($2);
		if (substr($2, n - 4) == hex && (listen == "" || $4 == "0A"))
			found = 1;
	    }
	    END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# free_port: print a TCP port nobody uses.  Chosen below the kernel's
# ephemeral range (ip_local_port_range, 32768+ by default) so that the
# clients' own outgoing connections can never take it in the meantime.
free_port() {
	_i=0
	while [ "$_i" -lt 200 ]; do
		_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		_p=$((20000 + _r % 12000))
		if ! tp_port_used "$_p"; then
			echo "$_p"
			return 0
		fi
		_i=$((_i + 1))
	done
	echo "free_port: no free port found" >&2
	return 1
}

# --- servers --------------------------------------------------------------

# tp_alive PID: is PID running (and not a zombie waiting to be reaped)?
tp_alive() {
	if [ -r "/proc/$1/stat" ]; then
		_st=$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) ||
		    return 1
		[ -n "$_st" ] && [ "$_st" != Z ]
	else
		kill -0 "$1" 2>/dev/null
	fi
}

# tp_start_server KIND ARGS...: start a server of KIND (s_server,
# gnutls-serv, nginx, py, pyscript) on a fresh port in the background and wait until it
# listens; retries with a new port when the port was taken meanwhile.
# Sets PORT, SERVER_PID, SERVER_LOG.
tp_start_server() {
	_kind=$1
	shift
	_try=0
	while [ "$_try" -lt 3 ]; do
		_try=$((_try + 1))
		PORT=$(free_port) || return 1
		TP_NSERV=$((${TP_NSERV:-0} + 1))
		SERVER_LOG=$T/$_kind.$TP_NSERV.log
		# timeout --foreground stays in our process group, so a signal
		# for the whole test reaches the server too, and a server
		# forgotten by a killed script still dies in the end.
		case $_kind in
		s_server)
			timeout --foreground "$TP_SERVER_LIFETIME" \
			    openssl s_server -accept "127.0.0.1:$PORT" "$@" \
			    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
			;;
		gnutls-serv)
			timeout --foreground "$TP_SERVER_LIFETIME" \
			    gnutls-serv --port "$PORT" "$@" \
			    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
			;;
		py)
			timeout --foreground "$TP_SERVER_LIFETIME" \
			    "$TP_PYTHON" -c "$TP_PYSERVER" "$PORT" "$@" \
			    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
			;;
		nginx)
			# ARGS: directives of the one server block; nginx
			# in one process, everything under $T/nginx.N
			_nd=$T/nginx.$TP_NSERV
			mkdir -p "$_nd"
			printf '%s\n' "daemon off; master_process off;" \
			    "pid $_nd/nginx.pid; error_log stderr;" \
			    "events {} http { access_log off; server {" \
			    "listen 127.0.0.1:$PORT ssl;" "$@" "} }" \
			    >"$_nd/nginx.conf"
			timeout --foreground "$TP_SERVER_LIFETIME" \
			    nginx -p "$_nd" -e stderr -c "$_nd/nginx.conf" \
			    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
			;;
		pyscript)
			# a script of tests/ that takes its port from TP_PORT
			TP_PORT=$PORT timeout --foreground \
			    "$TP_SERVER_LIFETIME" "$TP_PYTHON" "$@" \
			    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
			;;
		*)
			echo "tp_start_server: unknown kind $_kind" >&2
			return 1
			;;
		esac
		SERVER_PID=$!
		TP_PIDS="$TP_PIDS $SERVER_PID"
		# Poll up to 5 s for the listening socket.
		_w=0
		while [ "$_w" -lt 100 ]; do
			if tp_port_used "$PORT" listen; then
				return 0
			fi
			if ! tp_alive "$SERVER_PID"; then
				break
			fi
			sleep 0.05
			_w=$((_w + 1))
		done
		tp_stop_pid "$SERVER_PID"
		# Someone took the port between the check and the bind: retry.
		grep -qi 'in use' "$SERVER_LOG" 2>/dev/null || break
	done
	note "$_kind $* did not start listening on port $PORT:"
	tail -n 10 "$SERVER_LOG" | sed 's/^/    |   /'
	return 1
}

# tp_stop_pid PID: stop one server and reap it.
tp_stop_pid() {
	kill -TERM "$1" 2>/dev/null
	_w=0
	while tp_alive "$1" && [ "$_w" -lt 40 ]; do
		sleep 0.05
		_w=$((_w + 1))
	done
	if tp_alive "$1"; then
		kill -KILL "$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
	_left=
	for _p in $TP_PIDS; do
		[ "$_p" = "$1" ] || _left="$_left $_p"
	done
	TP_PIDS=$_left
	return 0
}

# start_s_server ARGS...: openssl s_server on 127.0.0.1:$PORT.
start_s_server() {
	tp_start_server s_server "$@"
}

# start_s_server_as KEY ARGS...: the same with certificate $CERTS/KEY.crt
# (KEY: rsa, ec, ed25519, rsapss).
start_s_server_as() {
	_k=$1
	shift
	start_s_server -cert "$CERTS/$_k.crt" -key "$CERTS/$_k.key" "$@"
}

# start_gnutls_serv ARGS...: gnutls-serv on $PORT (it listens on every
# local address; acceptable for a test).
start_gnutls_serv() {
	tp_start_server gnutls-serv "$@"
}

# start_gnutls_serv_as KEY ARGS...: the same with certificate $CERTS/KEY.crt.
start_gnutls_serv_as() {
	_k=$1
	shift
	start_gnutls_serv --x509certfile "$CERTS/$_k.crt" \
	    --x509keyfile "$CERTS/$_k.key" "$@"
}

# start_nginx DIRECTIVES...: nginx (one process, a throwaway config)
# with an ssl server block on 127.0.0.1:$PORT holding DIRECTIVES.
start_nginx() {
	tp_start_server nginx "$@"
}

# start_py_server MODE: a scripted peer on 127.0.0.1:$PORT (needs python3).
#	silent	accepts and never says a word
#	garbage	accepts and answers with an HTTP error, not TLS
#	backlog	listens with a full accept queue, so that a connect hangs
#		in SYN-SENT: a connect timeout without leaving the machine
start_py_server() {
	tp_start_server py "$@"
}

# start_py_script SCRIPT ARGS...: python3 tests/SCRIPT ARGS... listening on
# 127.0.0.1:$TP_PORT (= $PORT), e.g. the SSL 3.0 server ssl3server.py.
start_py_script() {
	_s=$1
	shift
	tp_start_server pyscript "$TP_TESTDIR/$_s" "$@"
}

if [ -x /usr/bin/python3 ]; then
	TP_PYTHON=/usr/bin/python3
else
	TP_PYTHON=python3
fi

TP_PYSERVER='
import socket, sys, time
port, mode = int(sys.argv[1]), sys.argv[2]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
if mode == "backlog":
    # Linux queues backlog+1 connections; fill the queue with our own
    # and never accept, so further SYNs are dropped.
    s.listen(0)
    held = []
    for i in range(3):
        c = socket.socket()
        c.setblocking(False)
        c.connect_ex(("127.0.0.1", port))
        held.append(c)
    while True:
        time.sleep(60)
s.listen(16)
held = []
while True:
    c, _ = s.accept()
    if mode == "garbage":
        c.recv(4096)
        c.sendall(b"HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        c.close()
    else:
        held.append(c)
'

# stop_servers: stop every server this script started.
stop_servers() {
	for _p in $TP_PIDS; do
		tp_stop_pid "$_p"
	done
	TP_PIDS=
}

# --- running tlsprobe ---------------------------------------------------

# tp_input FORMAT [ARGS...]: printf into $T/in, for run_tp ... <"$T/in".
tp_input() {
	# shellcheck disable=SC2059
	printf "$@" >"$T/in"
}

TP_SANITIZER_RE='ERROR: [A-Za-z]+Sanitizer|Sanitizer:DEADLYSIGNAL|Sanitizer has encountered|runtime error:'

# run_tp ARGS...: run tlsprobe under a timeout; stdout in $T/out, stderr
# in $T/err, exit status in $RC, wall time in $ELAPSED_MS.  Standard input
# is whatever the caller gives (never the terminal: see above).  A
# sanitizer report in stderr is a failure of its own.
run_tp() {
	TP_LAST="$*"
	_t0=$(date +%s%N)
	timeout --foreground -k 5 "$TP_TIMEOUT" "$TLSPROBE" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	_t1=$(date +%s%N)
	ELAPSED_MS=$(( (_t1 - _t0) / 1000000 ))
	if grep -Eq "$TP_SANITIZER_RE" "$T/err"; then
		fail "sanitizer clean: tlsprobe $TP_LAST" "sanitizer report"
		grep -E -A 30 "$TP_SANITIZER_RE" "$T/err" | head -n 40 |
		    sed 's/^/    |   /'
	fi
	return 0
}

# --- checks ---------------------------------------------------------------
#
# check_begin NAME, then any number of check_* calls, then check_end, which
# prints one PASS/FAIL line naming every check that did not hold.

check_begin() {
	TP_CNAME=$1
	TP_WHY=
}

tp_why() {
	if [ -z "$TP_WHY" ]; then
		TP_WHY=$*
	else
		TP_WHY="$TP_WHY; $*"
	fi
}

check_end() {
	if [ -z "$TP_WHY" ]; then
		pass "$TP_CNAME"
		[ -z "${TP_VERBOSE:-}" ] || tp_show
	else
		fail "$TP_CNAME" "$TP_WHY"
		tp_show
	fi
}

# check_rc CODE
check_rc() {
	if [ "$RC" != "$1" ]; then
		if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
			tp_why "exit $RC (killed after ${TP_TIMEOUT}s), want $1"
		else
			tp_why "exit $RC, want $1"
		fi
	fi
}

# check_out REGEX / check_err REGEX / check_any REGEX (ERE, grep -E)
check_out() {
	grep -Eq -- "$1" "$T/out" || tp_why "stdout lacks /$1/"
}

check_err() {
	grep -Eq -- "$1" "$T/err" || tp_why "stderr lacks /$1/"
}

check_any() {
	grep -Eq -- "$1" "$T/out" "$T/err" || tp_why "output lacks /$1/"
}

# check_anyi REGEX: case-insensitive, stdout or stderr.
check_anyi() {
	grep -Eiq -- "$1" "$T/out" "$T/err" || tp_why "output lacks /$1/i"
}

check_not_out() {
	! grep -Eq -- "$1" "$T/out" || tp_why "stdout has /$1/"
}

check_not_err() {
	! grep -Eq -- "$1" "$T/err" || tp_why "stderr has /$1/"
}

# count_out REGEX: how many stdout lines match
count_out() {
	grep -Ec -- "$1" "$T/out"
}

# check_count REGEX N: exactly N stdout lines match
check_count() {
	_n=$(count_out "$1")
	[ "$_n" -eq "$2" ] || tp_why "$_n lines /$1/, want $2"
}

# check_count_err REGEX N: the same on stderr (-state lines, as s_client)
check_count_err() {
	_n=$(grep -Ec -- "$1" "$T/err")
	[ "$_n" -eq "$2" ] || tp_why "$_n stderr lines /$1/, want $2"
}

# check_srvlog REGEX [N]: the server's log ($SERVER_LOG) has REGEX (N
# times); it is given a second to get there (the server prints what it
# received).
check_srvlog() {
	_w=0
	while [ "$_w" -lt 20 ]; do
		grep -Eq -- "$1" "$SERVER_LOG" && break
		sleep 0.05
		_w=$((_w + 1))
	done
	_n=$(grep -Ec -- "$1" "$SERVER_LOG")
	if [ -n "${2:-}" ]; then
		[ "$_n" -eq "$2" ] || tp_why "server log: $_n /$1/, want $2"
	else
		[ "$_n" -gt 0 ] || tp_why "server log lacks /$1/"
	fi
}

# check_out_order REGEX...: stdout has a line matching each REGEX (ERE,
# case-insensitive), each after the line the one before matched: the
# order in which things happened.  check_err_order: the same on stderr
# (where -state lines go, as s_client's).
check_out_order() {
	tp_order stdout "$T/out" "$@"
}

check_err_order() {
	tp_order stderr "$T/err" "$@"
}

tp_order() {
	_what=$1
	_file=$2
	shift 2
	_i=0
	_at=0
	for _re in "$@"; do
		_i=$((_i + 1))
		_n=$(tail -n +$((_at + 1)) "$_file" | grep -Ein -m 1 -- "$_re" |
		    cut -d: -f1)
		if [ -z "$_n" ]; then
			if grep -Eiq -- "$_re" "$_file"; then
				tp_why "$_what has /$_re/ (step $_i), but not after step $((_i - 1))"
			else
				tp_why "$_what lacks /$_re/ (step $_i)"
			fi
			return
		fi
		_at=$((_at + _n))
	done
}

# check_first_line REGEX: the first line of stdout.
check_first_line() {
	head -n 1 "$T/out" | grep -Eq -- "$1" ||
	    tp_why "first stdout line is not /$1/"
}

# check_fail_line REGEX: stderr has exactly one "tlsprobe: FAIL " line, and
# it matches REGEX (case-insensitive: alert names and prose vary in case).
# The line's last part, OpenSSL's wording " (OpenSSL: sslv3 alert ...)",
# is set aside here so that REGEX names tlsprobe's own explanation;
# tests/integration/sclient.sh checks that part (check_fail_line_raw).
check_fail_line() {
	_c=$(grep -c '^tlsprobe: FAIL ' "$T/err")
	if [ "$_c" -ne 1 ]; then
		tp_why "$_c 'tlsprobe: FAIL' lines on stderr, want 1"
	elif ! grep '^tlsprobe: FAIL ' "$T/err" |
	    sed 's/ (OpenSSL: [^()]*)$//' | grep -Eiq -- "$1"; then
		tp_why "FAIL line does not match /$1/i"
	fi
}

# check_fail_line_raw REGEX: the same, with the whole line.
check_fail_line_raw() {
	_c=$(grep -c '^tlsprobe: FAIL ' "$T/err")
	if [ "$_c" -ne 1 ]; then
		tp_why "$_c 'tlsprobe: FAIL' lines on stderr, want 1"
	elif ! grep '^tlsprobe: FAIL ' "$T/err" | grep -Eiq -- "$1"; then
		tp_why "FAIL line does not match /$1/i"
	fi
}

# check_no_fail_line: a success prints no FAIL line.
check_no_fail_line() {
	! grep -q '^tlsprobe: FAIL ' "$T/err" || tp_why "stderr has a FAIL line"
}

# check_elapsed_max MS
check_elapsed_max() {
	[ "$ELAPSED_MS" -le "$1" ] || tp_why "took ${ELAPSED_MS} ms, want <= $1 ms"
}

# re_quote STRING: STRING as an ERE that matches it literally.
re_quote() {
	printf '%s' "$1" | sed 's/[].[\\*^$+?(){}|]/\\&/g'
}

# check_summary PROTOCOL CIPHER: the s_client-shaped summary of a
# successful handshake, e.g. check_summary TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256.
# "New, X, Cipher is C": s_client puts the cipher's own minimum version
# in X (SSLv3 for AES128-SHA), a clearer tool the negotiated one; either
# is accepted, the Protocol line is exact.
check_summary() {
	_pr=$(re_quote "$1")
	# s_client calls TLS 1.0 "TLSv1"; "TLSv1.0" is as clear.
	[ "$1" != TLSv1 ] || _pr='TLSv1(\.0)?'
	_ci=$(re_quote "$2")
	check_rc 0
	check_first_line '^CONNECTED\('
	check_out "^New, (SSLv3|TLSv1(\\.[0-3])?), Cipher is $_ci\$"
	check_out '^SSL-Session:'
	check_out "^    Protocol  : $_pr\$"
	check_out "^    Cipher    : $_ci\$"
	check_no_fail_line
}

# expect_rc NAME CODE / expect_out NAME REGEX / expect_err NAME REGEX:
# one check, one line.
expect_rc() {
	check_begin "$1"
	check_rc "$2"
	check_end
}

expect_out() {
	check_begin "$1"
	check_out "$2"
	check_end
}

expect_err() {
	check_begin "$1"
	check_err "$2"
	check_end
}

# --- key logs ---------------------------------------------------------------

# tp_keylog_lines FILE: the key-log lines of FILE, comments and blank lines
# dropped, hex in lower case, sorted.
tp_keylog_lines() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$1" 2>/dev/null |
	    awk '{ $2 = tolower($2); $3 = tolower($3); print }' | sort
}

# check_keylog CLIENTLOG SERVERLOG LABEL...: the client's NSS key log
# (RFC-less but de-facto format, "LABEL <client random> <secret>") has one
# well-formed line per LABEL, every line of it is in the server's log, and
# every server line is in it, EXPORTER_SECRET excepted (optional for us).
# The server writes its lines as it goes: wait up to 2 s for them.
check_keylog() {
	_cl=$1
	_sl=$2
	shift 2
	_w=0
	while [ "$_w" -lt 40 ]; do
		_all=1
		for _l in "$@"; do
			grep -q "^$_l " "$_sl" 2>/dev/null || _all=
		done
		[ -n "$_all" ] && break
		sleep 0.05
		_w=$((_w + 1))
	done
	if [ ! -s "$_cl" ]; then
		tp_why "client key log $(basename "$_cl") missing or empty"
		return
	fi
	tp_keylog_lines "$_cl" >"$T/kl.c"
	tp_keylog_lines "$_sl" >"$T/kl.s"
	if grep -Ev '^[A-Z0-9_]+ [0-9a-f]{64} ([0-9a-f]{2}){32,64}$' \
	    "$T/kl.c" >"$T/kl.bad"; then
		tp_why "malformed key-log line: $(head -n 1 "$T/kl.bad")"
	fi
	for _l in "$@"; do
		_n=$(grep -c "^$_l " "$T/kl.c")
		[ "$_n" -eq 1 ] || tp_why "$_n $_l lines in client key log, want 1"
	done
	_x=$(comm -23 "$T/kl.c" "$T/kl.s" | cut -d' ' -f1 | tr '\n' ' ')
	[ -z "$_x" ] || tp_why "client key-log lines not in server's: $_x"
	_x=$(comm -13 "$T/kl.c" "$T/kl.s" | grep -v '^EXPORTER_SECRET ' |
	    cut -d' ' -f1 | tr '\n' ' ')
	[ -z "$_x" ] || tp_why "server key-log lines missing from client's: $_x"
}
