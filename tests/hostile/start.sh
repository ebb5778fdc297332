# start.sh -- sourced by tests/integration/{hostile,valgrind,rss}.sh after
# tests/lib.sh: start_hostile starts tests/hostile/server.py on a free port.

HOSTILE_SERVER=$TP_TESTDIR/hostile/server.py

# start_hostile: the scripted server on 127.0.0.1:$PORT; SERVER_PID and
# SERVER_LOG as for lib.sh's servers, and stop_servers stops it.
start_hostile() {
	_try=0
	while [ "$_try" -lt 3 ]; do
		_try=$((_try + 1))
		PORT=$(free_port) || return 1
		SERVER_LOG=$T/hostile.$_try.log
		timeout --foreground "$TP_SERVER_LIFETIME" \
		    "$TP_PYTHON" "$HOSTILE_SERVER" "$PORT" "$CERTS" \
		    0<>"$T/hold" >"$SERVER_LOG" 2>&1 &
		SERVER_PID=$!
		TP_PIDS="$TP_PIDS $SERVER_PID"
		_w=0
		while [ "$_w" -lt 100 ]; do
			tp_port_used "$PORT" listen && return 0
			tp_alive "$SERVER_PID" || break
			sleep 0.05
			_w=$((_w + 1))
		done
		tp_stop_pid "$SERVER_PID"
		grep -qi 'in use' "$SERVER_LOG" 2>/dev/null || break
	done
	note "server.py did not start:"
	tail -n 10 "$SERVER_LOG" | sed 's/^/    |   /'
	return 1
}

# hostile_have_crypto: can server.py play the real handshakes?
hostile_have_crypto() {
	"$TP_PYTHON" "$HOSTILE_SERVER" --crypto
}

# tp_is_asan: is $TLSPROBE built with AddressSanitizer?
tp_is_asan() {
	grep -qa '__asan_init' "$TLSPROBE"
}
