# renegdata.sh -- application data from the server in the middle of a
# TLS 1.2 renegotiation (RFC 5246, 6.2.1: record types may interleave):
# it is written to standard output as it arrives, and the renegotiation
# completes; data after the server's ChangeCipherSpec (before its
# Finished) is refused; a server that never stops sending it ends the run
# at RENEG_APPDATA_MAX (16 MiB) with a FAIL line, in bounded memory.
#
# The real server: openssl s_server -WWW sends a file without reading, so
# a renegotiating ClientHello sent right after the GET waits while the
# whole file streams in, and then s_server closes (close_notify).  No
# real server finishes a renegotiation with data in between on demand;
# tests/hostile/server.py plays that (cases reneg12-*).

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary
. "$TP_TESTDIR/hostile/start.sh"

TP_TIMEOUT=30

# --- s_server -WWW: a file arrives during our renegotiation ------------------
mkdir "$T/www"
# 200 KiB of text, 77-byte lines
"$TP_PYTHON" -c 'import sys
for i in range(2600): sys.stdout.write("line %05d %s\n" % (i, "x" * 66))' \
    >"$T/www/big.txt"
# s_server -WWW serves files from its working directory
_port_www=
cd "$T/www" || exit 1
start_s_server_as rsa -tls1_2 -WWW && _port_www=$PORT
cd "$OLDPWD" || exit 1
if [ -n "$_port_www" ]; then
	mkfifo "$T/cin"
	# the GET and R in one chunk: our ClientHello follows the request at
	# once, so every byte of the file arrives during the renegotiation
	(printf 'GET /big.txt HTTP/1.0\r\n\r\nR\n'; sleep 3) >"$T/cin" &
	# (no -msg: its lines would cut the file's lines where records end)
	run_tp -connect "127.0.0.1:$_port_www" -state <"$T/cin"
	check_begin "renegdata s_server -WWW: the file arrives during the renegotiation, on stdout"
	check_rc 0
	check_no_fail_line
	# our second ClientHello went out, no second ServerHello came
	check_err_order '^RENEGOTIATING$' \
	    '^SSL_connect:SSLv3/TLS write client hello$' \
	    '^SSL3 alert read:warning:close notify$' \
	    '^tlsprobe: renegotiation not completed: the server closed the connection \(close_notify\)$'
	check_count_err '^SSL_connect:SSLv3/TLS write client hello$' 2
	check_count_err '^SSL_connect:SSLv3/TLS read server hello$' 1
	sed -n '/^HTTP\/1\.0 200 ok/,$p' "$T/out" | grep '^line ' \
	    >"$T/got.txt"
	cmp -s "$T/got.txt" "$T/www/big.txt" ||
	    tp_why "the file on stdout differs from the one served"
	check_end
	rm -f "$T/cin" "$T/got.txt"
	stop_servers
else
	fail "renegdata s_server -WWW" "s_server did not start"
fi

# --- server.py: data in between, and the renegotiation completes -------------
if ! tp_have "$TP_PYTHON" || ! hostile_have_crypto; then
	skip "renegdata server.py" "python3 with python3-cryptography needed"
	tp_done
fi
if ! start_hostile; then
	fail "renegdata server.py" "server.py did not start"
	tp_done
fi

# rcase NAME CASE HOW ARGS...: play CASE; HOW is R (we renegotiate after
# 0.5 s) or hr (the server sends HelloRequest; stdin stays quiet).
rcase() {
	_n=$1
	_c=$2
	_how=$3
	shift 3
	mkfifo "$T/cin"
	if [ "$_how" = R ]; then
		(sleep 0.5; printf 'R\n'; sleep 2) >"$T/cin" &
	else
		sleep 2 >"$T/cin" &
	fi
	run_tp -connect "127.0.0.1:$PORT" -servername "$_c" -timeout 5 \
	    "$@" <"$T/cin"
	rm -f "$T/cin"
	check_begin "renegdata $_n"
}

# the ServerHello of the renegotiation, in -msg
SH2='^<<< TLS 1\.2, Handshake \[length [0-9a-f]{4}\], ServerHello$'

rcase "R: data before the ServerHello is printed, the renegotiation completes" \
    reneg12-data R -msg -state
check_rc 0
check_no_fail_line
check_err '^RENEGOTIATING$'
check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
check_out_order '^>>> .*ClientHello' "$SH2" '^>>> .*ClientHello' \
    '^during-renegotiation 1$' "$SH2" \
    'INFO: renegotiation_info carries both verify_data' \
    '^after-renegotiation$'
check_srvlog '^renegotiated$'
check_end

rcase "HelloRequest: data before and after our ClientHello is printed, the renegotiation completes" \
    reneg12-data-hr hr -msg -state
check_rc 0
check_no_fail_line
check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
check_out_order '^<<< .*HelloRequest' '^>>> .*ClientHello' \
    '^during-renegotiation 1$' '^during-renegotiation 2$' "$SH2" \
    '^after-renegotiation$'
check_srvlog '^renegotiated$'
check_end

# -quiet: the data and nothing else on stdout (HelloRequest is no command)
rcase "HelloRequest under -quiet: stdout is the server's data alone" \
    reneg12-data-hr hr -quiet
check_rc 0
printf 'during-renegotiation 1\nduring-renegotiation 2\nafter-renegotiation\n' \
    >"$T/want"
cmp -s "$T/out" "$T/want" || tp_why "stdout is not exactly the three lines"
check_srvlog '^renegotiated$'
check_end

# after the ServerHello, before the server's ChangeCipherSpec: still the
# old keys (libssl refuses this one: see the man page)
rcase "data after ServerHelloDone is printed, the renegotiation completes" \
    reneg12-data-late R -msg -state
check_rc 0
check_no_fail_line
check_count_err '^SSL_connect:SSLv3/TLS read finished$' 2
check_out_order "$SH2" "$SH2" 'ServerHelloDone' \
    '^after-server-hello-done$' '^<<< TLS 1\.2, ChangeCipherSpec' \
    '^after-renegotiation$'
check_srvlog '^renegotiated$'
check_end

rcase "data between the server's CCS and Finished is refused" \
    reneg12-data-after-ccs R
check_rc 1
check_fail_line "application data between the server's ChangeCipherSpec and Finished in a renegotiation \(sent unexpected_message\)"
check_out '^during-renegotiation 1$'
check_not_out 'too early'
check_end

# --- a flood: more than 16 MiB, in bounded memory --------------------------
GNUTIME=/usr/bin/time
LIMIT_KB=$((16 * 1024))
for _how in R hr; do
	_c=reneg12-flood
	[ "$_how" = hr ] && _c=reneg12-flood-hr
	mkfifo "$T/cin"
	if [ "$_how" = R ]; then
		(sleep 0.5; printf 'R\n'; sleep 10) >"$T/cin" &
	else
		sleep 10 >"$T/cin" &
	fi
	_t=
	if [ -x "$GNUTIME" ] && ! tp_is_asan; then
		_t="$GNUTIME -f %M -o $T/rss"
	fi
	: >"$T/rss"
	TP_LAST="-servername $_c"
	# shellcheck disable=SC2086
	timeout --foreground -k 5 "$TP_TIMEOUT" $_t "$TLSPROBE" \
	    -connect "127.0.0.1:$PORT" -servername "$_c" -timeout 5 \
	    <"$T/cin" >"$T/out" 2>"$T/err"
	RC=$?
	rm -f "$T/cin"
	check_begin "renegdata flood ($_how): the run ends at 16 MiB with a FAIL line"
	check_rc 1
	check_fail_line '^tlsprobe: FAIL protocol: .*renegotiation: the server sent more than 16 MiB of application data without finishing the handshake \(sent unexpected_message\)'
	# what came before the limit was delivered, and no more than it
	_n=$(wc -c <"$T/out")
	[ "$_n" -gt $((15 * 1024 * 1024)) ] ||
	    tp_why "only $_n bytes on stdout"
	[ "$(grep -c '^x*$' "$T/out")" -ge 900 ] ||
	    tp_why "the flood's lines are not on stdout"
	check_end
	if [ -z "$_t" ]; then
		skip "renegdata flood ($_how): peak RSS" \
		    "no GNU time, or an AddressSanitizer build"
	else
		_kb=$(tail -n 1 "$T/rss")
		check_begin "renegdata flood ($_how): peak RSS ${_kb:-?} KiB, below the 16 MiB that passed"
		case $_kb in
		''|*[!0-9]*)	tp_why "no figure from $GNUTIME" ;;
		*)	[ "$_kb" -lt "$LIMIT_KB" ] ||
			    tp_why "peak RSS $_kb KiB" ;;
		esac
		check_end
	fi
	: >"$T/out"
done

if grep -q 'server.py: ' "$SERVER_LOG"; then
	fail "renegdata server.py ran clean" "$(grep 'server.py: ' \
	    "$SERVER_LOG" | head -n 3 | tr '\n' ' ')"
else
	pass "renegdata server.py ran clean"
fi
stop_servers
tp_done
