# jsonfuzz.sh -- property test: whatever bytes a server sends and whatever
# strings its certificate holds, -json writes valid JSON Lines (strict
# UTF-8, one object a line) ending in one summary or fail per target.
# Seeds: TP_FUZZ_SEED (default: the date), printed for reproduction.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

FUZZ=$TP_TESTDIR/json/fuzz.py
seed=${TP_FUZZ_SEED:-$(date +%Y%m%d)}
note "seed $seed (TP_FUZZ_SEED=$seed sh tests/run jsonfuzz to repeat)"

if ! tp_have "$TP_PYTHON"; then
	skip "jsonfuzz: random server bytes" "python3 not installed"
	tp_done
	exit 0
fi

# --- random bytes from the server: 120 connections in one -targets run ----
PORT=$(free_port)
timeout --foreground "$TP_SERVER_LIFETIME" "$TP_PYTHON" "$FUZZ" serve \
    "$PORT" "$seed" 0<>"$T/hold" >"$T/fuzzserver.log" 2>&1 &
SERVER_PID=$!
TP_PIDS="$TP_PIDS $SERVER_PID"
w=0
while ! tp_port_used "$PORT" listen && [ "$w" -lt 100 ]; do
	sleep 0.05
	w=$((w + 1))
done
i=0
: >"$T/targets"
while [ "$i" -lt 120 ]; do
	echo "127.0.0.1:$PORT" >>"$T/targets"
	i=$((i + 1))
done
run_tp -targets "$T/targets" -json -msg -trace -timeout 3 </dev/null
check_begin "jsonfuzz: 120 random server replies: valid JSON Lines, one result each"
[ "$RC" = 6 ] || [ "$RC" = 0 ] || tp_why "exit $RC"
if ! "$TP_PYTHON" "$FUZZ" check "$T/out" 120 >"$T/check" 2>&1; then
	tp_why "$(head -c 300 "$T/check")"
fi
if tp_have jq && ! jq -e -s -L "$TP_TESTDIR/json" \
    'include "schema"; all(.[]; valid)' "$T/out" >/dev/null 2>&1; then
	tp_why "schema check failed"
fi
check_end
stop_servers

# --- random strings in certificates ---------------------------------------
if ! "$TP_PYTHON" -c 'import cryptography' 2>/dev/null; then
	skip "jsonfuzz: random certificate strings" "python3-cryptography not installed"
	tp_done
	exit 0
fi
mkdir -p "$T/fc"
"$TP_PYTHON" "$FUZZ" certs "$T/fc" "$seed" 12
bad=
k=0
while [ "$k" -lt 12 ]; do
	if start_s_server -cert "$T/fc/$k.crt" -key "$T/fc/$k.key"; then
		run_tp -connect "127.0.0.1:$PORT" -json -trace -showcerts \
		    -servername localhost </dev/null
		if ! "$TP_PYTHON" "$FUZZ" check "$T/out" 1 >"$T/check" 2>&1; then
			bad="$bad cert $k: $(head -c 200 "$T/check")"
			cp "$T/out" "$T/bad.$k.json"
		elif tp_have jq && ! jq -e -s -L "$TP_TESTDIR/json" \
		    'include "schema"; stream_ok and .[-1].type == "summary" and
		     (map(select(.type == "certificate")) | length == 1)' \
		    "$T/out" >/dev/null 2>&1; then
			bad="$bad cert $k: schema"
		fi
		stop_servers
	else
		bad="$bad cert $k: s_server did not start"
	fi
	k=$((k + 1))
done
check_begin "jsonfuzz: 12 certificates with random strings: valid JSON, summary"
[ -z "$bad" ] || tp_why "$bad"
check_end
tp_done
