#!/bin/sh
# demo.sh -- one handshake against a local openssl s_server, with -msg and
# -state, to see what tlsprobe prints.  Exits with tlsprobe's status.
#
#	make demo	(or: TLSPROBE=path/to/tlsprobe sh tests/demo.sh)

TP_TESTDIR=$(cd "$(dirname "$0")" && pwd)
. "$TP_TESTDIR/lib.sh"

tp_setup
if [ ! -x "$TLSPROBE" ]; then
	echo "demo: $TLSPROBE is missing; run make first" >&2
	exit 2
fi
if ! start_s_server_as rsa; then
	echo "demo: openssl s_server did not start" >&2
	exit 2
fi

echo "demo: openssl s_server on 127.0.0.1:$PORT (pid $SERVER_PID)" >&2
echo "demo: $TLSPROBE -connect 127.0.0.1:$PORT -msg -state </dev/null" >&2
timeout --foreground -k 5 60 "$TLSPROBE" -connect "127.0.0.1:$PORT" -msg -state </dev/null
rc=$?
echo "demo: tlsprobe exited $rc" >&2
# The EXIT trap stops the server by its pid and removes the temp dir.
exit "$rc"
