# rss.sh -- peak resident memory of tlsprobe: a normal TLS 1.3 handshake
# with openssl s_server, and the hostile cases that push the most bytes at
# it (250 KiB of certificates; a certificate message over the limit; a
# record and a message that claim to be huge).  None may pass 32 MiB.
# Needs GNU time (/usr/bin/time, Debian's "time" package); skipped for an
# ASan build, whose shadow memory is no measure of ours.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary
. "$TP_TESTDIR/hostile/start.sh"

LIMIT_KB=$((32 * 1024))
GNUTIME=/usr/bin/time

if [ ! -x "$GNUTIME" ]; then
	skip "rss" "GNU time (/usr/bin/time) not installed"
	tp_done
fi
if tp_is_asan; then
	skip "rss" "$TLSPROBE is an AddressSanitizer build"
	tp_done
fi

# rss NAME RC ARGS...: run tlsprobe under GNU time; PASS when it exits
# with exactly RC (0: a handshake that must succeed; 1: one that must
# fail) and its peak RSS stays under the limit.
rss() {
	_n=$1
	_want=$2
	shift 2
	timeout --foreground -k 5 "$TP_TIMEOUT" "$GNUTIME" -f '%M' \
	    -o "$T/rss" "$TLSPROBE" "$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	TP_LAST="$*"
	_kb=$(tail -n 1 "$T/rss" 2>/dev/null)
	check_begin "rss $_n: peak ${_kb:-?} KiB (limit $LIMIT_KB KiB)"
	[ "$RC" = "$_want" ] || tp_why "exit $RC, want $_want"
	case $_kb in
	''|*[!0-9]*)	tp_why "no figure from $GNUTIME" ;;
	*)	[ "$_kb" -le "$LIMIT_KB" ] || tp_why "peak RSS $_kb KiB" ;;
	esac
	check_end
}

if start_s_server_as rsa; then
	rss "TLS 1.3 handshake with s_server" 0 -connect "127.0.0.1:$PORT"
	stop_servers
else
	fail "rss s_server" "s_server did not start"
fi

if ! tp_have "$TP_PYTHON" || ! start_hostile; then
	skip "rss hostile" "python3 or server.py unavailable"
	tp_done
fi
for c in ok12 ok13 ok13-split-1 ok13-padded; do
	rss "$c" 0 -connect "127.0.0.1:$PORT" -servername "$c" -timeout 5
done
for c in cert-256k cert-over-limit hs-len-2^24-1 rec-len-65535; do
	rss "$c" 1 -connect "127.0.0.1:$PORT" -servername "$c" -timeout 5
done
rss "cert-256k with -msg -trace" 1 -connect "127.0.0.1:$PORT" \
    -servername cert-256k -timeout 5 -msg -trace
stop_servers
tp_done
