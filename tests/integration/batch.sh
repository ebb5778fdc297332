# batch.sh -- -targets over 50 targets on loopback (10 servers: 8 openssl
# s_server, 1 gnutls-serv, 1 HTTP; plus 3 closed ports): every target has
# exactly one result, the counts and the exit status are right; text mode
# prefixes; '-' reads stdin; a GNU parallel shard run merges to the same.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

if ! tp_have jq; then
	skip "batch: 50 targets" "jq not installed (tests/deps.sh)"
	tp_done
	exit 0
fi

good=
for k in rsa ec rsa ec rsa ec rsa ec; do
	case $good in
	*" "*" "*" "*)	extra=-tls1_2 ;;
	*)		extra= ;;
	esac
	if start_s_server_as "$k" $extra; then
		good="$good $PORT"
	fi
done
if start_gnutls_serv_as rsa; then
	good="$good $PORT"
fi
http=
if start_py_server garbage; then
	http=$PORT
fi
closed="$(free_port) $(free_port) $(free_port)"
set -- $good
ngood=$#
if [ "$ngood" -ne 9 ] || [ -z "$http" ]; then
	fail "batch: servers" "only $ngood of 9 TLS servers and http '$http' started"
	stop_servers
	tp_done
	exit 0
fi

# 50 lines: the 13 endpoints in turn, with comments and blank lines
{
	echo "# tlsprobe batch test"
	echo
	i=0
	while [ "$i" -lt 50 ]; do
		for p in $good $http $closed; do
			[ "$i" -lt 50 ] || break
			case $((i % 3)) in
			0) echo "127.0.0.1:$p localhost   # with a name" ;;
			1) echo "127.0.0.1:$p" ;;
			2) echo "  localhost:$p" ;;
			esac
			i=$((i + 1))
		done
	done
} >"$T/targets"

# the expected number of failures: every line on the HTTP or closed ports
nfail=$(grep -c -E ":($http|$(echo $closed | tr ' ' '|'))( |\$)" "$T/targets")

run_tp -targets "$T/targets" -json -CAfile "$CERTS/ca.crt" </dev/null
check_begin "batch: -json over 50 targets: one result each, counts, exit 6"
check_rc 6
if ! jq -e -s -L "$TP_TESTDIR/json" 'include "schema"; all(.[]; valid) and .[0].type == "start" and .[-1].type == "batch"' "$T/out" >/dev/null; then
	tp_why "not a valid stream"
fi
nres=$(jq -r 'select(.type == "summary" or .type == "fail") | .target' "$T/out" | wc -l)
[ "$nres" -eq 50 ] || tp_why "$nres results, not 50"
# every distinct target line got as many results as it has lines
grep -v '^#' "$T/targets" | sed 's/#.*//; s/^ *//; s/ *$//' | grep . |
    sed 's/  */ /g' | sort >"$T/want"
jq -r 'select(.type == "summary" or .type == "fail") | .target' "$T/out" |
    sort >"$T/got"
cmp -s "$T/want" "$T/got" || tp_why "targets and results differ"
jq -e -s --argjson f "$nfail" '.[-1] | .targets == 50 and .failed == $f and .passed == 50 - $f and .classes.refused + .classes["not-tls"] == $f and .exit == 6' "$T/out" >/dev/null ||
    tp_why "batch counts wrong (want $nfail failed)"
jq -e -s --argjson h "$http" '[.[] | select(.type == "fail" and (.target | test(":" + ($h | tostring) + "( |$)")))] | length > 0 and all(.class == "not-tls")' "$T/out" >/dev/null ||
    tp_why "HTTP port not class not-tls"
[ "$(grep -c '"type":"start"' "$T/out")" -eq 1 ] || tp_why "more than one start object"
check_end

run_tp -targets - -concurrency 3 -quiet <"$T/targets"
check_begin "batch: text, -targets - (stdin): FAIL lines prefixed, counts line"
check_rc 6
check_out "^tlsprobe: 50 targets: $((50 - nfail)) passed, $nfail failed \\(refused [0-9]+, not-tls [0-9]+\\)\$|^tlsprobe: 50 targets: $((50 - nfail)) passed, $nfail failed \\(not-tls [0-9]+, refused [0-9]+\\)\$"
[ "$(grep -c '^127\.0\.0\.1:[0-9]*\( localhost\)\?: tlsprobe: FAIL \|^localhost:[0-9]*: tlsprobe: FAIL ' "$T/err")" -eq "$nfail" ] ||
    tp_why "not $nfail prefixed FAIL lines on stderr"
# each prefix names the target that failed
if grep -E '^[^ ]+:([0-9]+)( localhost)?: tlsprobe: FAIL refused: cannot connect to 127\.0\.0\.1:[0-9]+' "$T/err" |
    sed -E 's/^[^ ]+:([0-9]+)( localhost)?: .*:([0-9]+): Connection refused$/\1 \3/' |
    awk '$1 != $2 { bad = 1 } END { exit bad }'; then :; else
	tp_why "a FAIL line carries another target's prefix"
fi
check_end

printf '127.0.0.1:%s\n' $good >"$T/good"
run_tp -targets "$T/good" -concurrency 1 -CAfile "$CERTS/ca.crt" </dev/null
check_begin "batch: all targets pass: exit 0, summaries prefixed"
check_rc 0
check_out "^tlsprobe: 9 targets: 9 passed, 0 failed\$"
check_out "^127\\.0\\.0\\.1:$1: CONNECTED\\([0-9A-F]{8}\\)\$"
check_out "^127\\.0\\.0\\.1:$1:     Protocol  : TLSv1\\.[23]\$"
check_end

printf '127.0.0.1:99999\n' >"$T/bad"
run_tp -targets "$T/bad"
check_begin "batch: a bad target line is a usage error naming the line"
check_rc 2
check_err 'line 1: 127\.0\.0\.1:99999: bad port'
check_end

run_tp -targets "$T/bad" -json
check_begin "batch: -json, a bad targets file: start, then fail class usage"
check_rc 2
jq -e -s -L "$TP_TESTDIR/json" 'include "schema"; stream_ok and length == 2 and .[1].class == "usage" and .[1].exit == 2 and (.[1].message | test("line 1: .*bad port"))' "$T/out" >/dev/null ||
    tp_why "not start + fail usage"
check_end

# --- a worker that dies takes only its target -------------------------
set -- $good
if start_py_server silent; then
	printf '127.0.0.1:%s\n' "$PORT" "$PORT" "$1" "$2" "$3" "$4" >"$T/kill"
	"$TLSPROBE" -targets "$T/kill" -json -concurrency 2 -timeout 3 \
	    -CAfile "$CERTS/ca.crt" </dev/null >"$T/out" 2>"$T/err" &
	bp=$!
	sleep 1
	# the two workers both wait on the silent server: kill one
	w=$(grep -l "^PPid:[[:space:]]*$bp\$" /proc/[0-9]*/status 2>/dev/null |
	    head -n 1 | cut -d/ -f3)
	[ -n "$w" ] && kill -KILL "$w"
	wait "$bp"
	RC=$?
	check_begin "batch: a killed worker is one internal result, the rest go on"
	check_rc 6
	[ -n "$w" ] || tp_why "no worker found"
	jq -e -s '[.[] | select(.type == "summary" or .type == "fail")] |
	    length == 6 and (map(select(.class == "internal")) | length == 1)
	    and (map(select(.class == "internal"))[0].message |
	    test("signal 9")) and (map(select(.type == "summary")) |
	    length == 4) and (map(select(.class == "timeout")) | length == 1)' \
	    "$T/out" >/dev/null || tp_why "results are not 4 ok, 1 timeout, 1 internal"
	jq -e -s '.[-1] | .type == "batch" and .failed == 2 and
	    .classes.internal == 1' "$T/out" >/dev/null || tp_why "batch object"
	check_end
	tp_stop_pid "$SERVER_PID"
fi

# --- sharding with GNU parallel -------------------------------------------
if parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	grep -v '^#' "$T/targets" | grep . >"$T/lines"
	parallel --will-cite --pipe -N 13 -j 4 --keep-order \
	    "$TLSPROBE" -targets - -json -CAfile "$CERTS/ca.crt" \
	    <"$T/lines" >"$T/out" 2>"$T/err"
	RC=$?
	check_begin "batch: GNU parallel --pipe shards merge to one result per target"
	# parallel exits with the number of failed jobs: each shard of 13
	# lines has a closed or HTTP port
	check_rc 4
	n=$(jq -r 'select(.type == "summary" or .type == "fail") | .target' "$T/out" | wc -l)
	[ "$n" -eq 50 ] || tp_why "$n results, not 50"
	jq -e -s --argjson f "$nfail" '[.[] | select(.type == "batch")] | length == 4 and (map(.failed) | add) == $f and (map(.targets) | add) == 50' "$T/out" >/dev/null ||
	    tp_why "shard batch objects do not add up"
	check_end
else
	skip "batch: GNU parallel shards" "GNU parallel not installed (tests/deps.sh)"
fi
# --- the Kubernetes Indexed Job's shard command, run here per index ------
# (the folded args of tests/k8s/tlsprobe-indexed-job.yaml, with the
# ConfigMap path replaced by our list)
K8S=$TP_TESTDIR/k8s/tlsprobe-indexed-job.yaml
sed -n '/^ *- >-$/,/^ *volumeMounts:/p' "$K8S" | sed '1d;$d' |
    sed 's/^ *//' | tr '\n' ' ' >"$T/k8s.sh"
sed -i "s|/targets/targets.txt|$T/targets|" "$T/k8s.sh"
mkdir -p "$T/bin"
ln -sf "$TLSPROBE" "$T/bin/tlsprobe"
: >"$T/out"
RC=0
for idx in 0 1 2 3; do
	PATH="$T/bin:$PATH" SHARDS=4 JOB_COMPLETION_INDEX=$idx \
	    sh "$T/k8s.sh" >>"$T/out" 2>"$T/err" </dev/null ||
	    RC=$?
done
check_begin "batch: the Indexed Job's per-index command covers every target once"
check_rc 0
grep -q 'tlsprobe -targets -' "$T/k8s.sh" || tp_why "no tlsprobe command found in $K8S"
n=$(jq -r 'select(.type == "summary" or .type == "fail") | .target' "$T/out" | wc -l)
[ "$n" -eq 50 ] || tp_why "$n results, not 50"
jq -r 'select(.type == "summary" or .type == "fail") | .target' "$T/out" |
    sort | cmp -s - "$T/want" || tp_why "shards' targets differ from the list"
check_end
stop_servers
tp_done
