# daemons.sh -- start real Debian daemons for the STARTTLS tests (sourced
# after lib.sh).  Each daemon runs in the foreground under timeout(1) as a
# child of the test script, with a throwaway configuration under $T, on
# 127.0.0.1 (and ::1) ports from free_port, and is stopped by PID with the
# other servers (stop_servers).  The system's own instances are never
# touched.

# tp_daemon_start NAME PORTS CMD...: run CMD in the background (output in
# $T/NAME.log), wait until every port in PORTS listens (up to 15 s).
# Sets DAEMON_PID.  Returns 1 (with the log's tail) when it does not come up.
tp_daemon_start() {
	_dn=$1
	_dports=$2
	shift 2
	timeout --foreground "$TP_SERVER_LIFETIME" "$@" \
	    0<>"$T/hold" >"$T/$_dn.log" 2>&1 &
	DAEMON_PID=$!
	TP_PIDS="$TP_PIDS $DAEMON_PID"
	_w=0
	while [ "$_w" -lt 300 ]; do
		_up=1
		for _p in $_dports; do
			tp_port_used "$_p" listen || _up=
		done
		[ -n "$_up" ] && return 0
		tp_alive "$DAEMON_PID" || break
		sleep 0.05
		_w=$((_w + 1))
	done
	note "$_dn did not start listening on $_dports:"
	tail -n 10 "$T/$_dn.log" | sed 's/^/    |   /'
	return 1
}

# tp_ports N: N distinct free ports on one line.
tp_ports() {
	_n=$1
	_out=
	while [ "$_n" -gt 0 ]; do
		_p=$(free_port) || return 1
		case " $_out " in
		*" $_p "*)	continue ;;
		esac
		_out="$_out $_p"
		_n=$((_n - 1))
	done
	echo $_out
}

# tp_need_cmd NAME CMD: SKIP every test of NAME when CMD is missing.
tp_need_cmd() {
	if [ ! -x "$2" ] && ! tp_have "$2"; then
		skip "$1" "$2 is not installed (tests/deps.sh installs it)"
		return 1
	fi
	return 0
}

# check_plain DIR REGEX: a -msg plaintext line, ">>>" (sent) or "<<<".
check_plain() {
	check_out "^$1 plaintext: $2"
}
