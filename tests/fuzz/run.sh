#!/bin/sh
# run.sh [SECONDS] -- build every libFuzzer target (tests/fuzz/fuzz_*.c)
# and run each for SECONDS (default $FUZZ_SECONDS, else 60), one after the
# other, from the seeds in tests/fuzz/corpus/<target> and the saved crashes
# in tests/fuzz/regress/<target>.  Prints per target the executions and the
# crashes; a crash input lands in $FUZZ_DIR/crashes/ (copy it to
# tests/fuzz/regress/<target>/ with a name that says what it broke).
# Exit status 0 when no target crashed, 1 when any target crashed, 2 when
# the targets do not build (then nothing ran).
#
# Environment: FUZZ_CC (default clang), FUZZ_TARGETS (space-separated
# names: run only these; the targets run one after another),
# FUZZ_DIR (build directory for the targets, their objects, corpora, logs
# and crashes; default build/fuzz, relative to the top of the tree).

secs=${1:-${FUZZ_SECONDS:-60}}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

targets=${FUZZ_TARGETS:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/||; s|\.c$||')}
dir=${FUZZ_DIR:-build/fuzz}
bins=
for t in $targets; do
	bins="$bins $dir/$t"
done
# shellcheck disable=SC2086
if ! make -s ${FUZZ_CC:+FUZZ_CC=$FUZZ_CC} FUZZ_DIR="$dir" $bins; then
	echo "run.sh: cannot build the fuzz targets (clang with" \
	    "-fsanitize=fuzzer: apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
fi

mkdir -p "$dir/crashes" "$dir/logs"
total_exec=0
total_crash=0
t0=$(date +%s)
printf '%-28s %12s %8s\n' target executions crashes
for t in $targets; do
	work=$dir/corpus/$t
	mkdir -p "$work"
	for seed in tests/fuzz/corpus/$t tests/fuzz/regress/$t; do
		[ -d "$seed" ] && cp "$seed"/* "$work"/ 2>/dev/null
	done
	before=$(ls "$dir/crashes" | grep -c "^$t-")
	case $t in
	fuzz_handshake|fuzz_record)	maxlen=32768 ;;
	*)				maxlen=8192 ;;
	esac
	# -timeout: one input taking 10 s is a hang, and counts as a crash
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	    "$dir/$t" -max_total_time="$secs" -max_len="$maxlen" \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$dir/crashes/$t-" "$work" \
	    >"$dir/logs/$t.log" 2>&1
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$dir/logs/$t.log" | tail -n 1)
	after=$(ls "$dir/crashes" | grep -c "^$t-")
	crashes=$((after - before))
	printf '%-28s %12s %8s\n' "$t" "${execs:-?}" "$crashes"
	total_exec=$((total_exec + ${execs:-0}))
	total_crash=$((total_crash + crashes))
done
t1=$(date +%s)
echo "total: $total_exec executions, $total_crash crashes," \
    "$((t1 - t0)) s of fuzzing"
[ "$total_crash" -eq 0 ]
