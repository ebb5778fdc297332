# firstrun.sh -- what a new user meets first: a usage error is one line and
# a pointer to -help; -help agrees with README; `make demo` shows a
# verified handshake, a readable -trace, a FAIL line and a -diagnose
# verdict; README names every package tests/deps.sh wants; `make install`
# strips; tests/run with a pattern that matches nothing fails; and CI tells
# a fuzz-build failure from a crash.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

TOP=$(cd "$TP_TESTDIR/.." && pwd)

# --- usage errors ------------------------------------------------------------
for args in "-foo" "-connect" "-connect 127.0.0.1:1 -timeout 0"; do
	# shellcheck disable=SC2086
	run_tp $args
	check_begin "usage: tlsprobe $args: exit 2, one line and a pointer to -help"
	check_rc 2
	[ "$(wc -l <"$T/err")" -eq 2 ] ||
	    tp_why "$(wc -l <"$T/err") lines on stderr, want 2"
	head -n 1 "$T/err" | grep -Eq '^tlsprobe: [^ ]' ||
	    tp_why "first stderr line is not 'tlsprobe: <problem>'"
	[ "$(sed -n 2p "$T/err")" = "tlsprobe: Use -help for summary." ] ||
	    tp_why "second stderr line is not the pointer to -help"
	[ ! -s "$T/out" ] || tp_why "stdout is not empty"
	check_end
done
run_tp -foo
check_begin "usage: the unknown option is named"
check_err "^tlsprobe: unknown option '-foo'\$"
check_end

# --- -help and README say the same about -tls1 ... -----------------------------
run_tp -help
check_begin "-help: -tls1 ... add up, as README says"
check_rc 0
check_out '^  -tls1 -tls1_1 -tls1_2 -tls1_3 +offer this version; several add up$'
check_not_out 'offer only this version'
grep -q 'Offer this version; several add up' "$TOP/README" ||
    tp_why "README does not say 'Offer this version; several add up'"
check_end

# --- README lists what tests/deps.sh installs -----------------------------------
check_begin "README names every package of tests/deps.sh"
pk=$(sed -n 's/^all)[[:space:]]*pkgs="\$build_pkgs \(.*\)" ;;$/\1/p' \
    "$TP_TESTDIR/deps.sh")
bp=$(sed -n 's/^build_pkgs="\(.*\)"$/\1/p' "$TP_TESTDIR/deps.sh")
[ -n "$pk" ] && [ -n "$bp" ] || tp_why "cannot read the package sets of deps.sh"
for p in $bp $pk; do
	grep -Eq "(^|[ ,(])$(re_quote "$p")([ ,).;]|\$)" "$TOP/README" ||
	    tp_why "README does not name $p"
done
demo=$(sed -n 's/^demo)[[:space:]]*pkgs="\(.*\)" ;;$/\1/p' "$TP_TESTDIR/deps.sh")
[ "$demo" = '$build_pkgs openssl' ] ||
    tp_why "make demo needs more than the build packages and openssl: $demo"
grep -q '^demo:$' "$TOP/Makefile" && grep -q 'sh tests/deps.sh demo' \
    "$TOP/Makefile" || tp_why "make demo does not check only the demo set"
check_end

# --- make demo's script ------------------------------------------------------------
TLSPROBE=$TLSPROBE TP_CERTDIR=$CERTS timeout --foreground -k 5 120 \
    sh "$TP_TESTDIR/demo.sh" >"$T/out" 2>"$T/err"
RC=$?
TP_LAST="(tests/demo.sh)"
check_begin "demo: verified handshake, readable -trace, FAIL line, -diagnose verdict"
check_rc 0
check_out_order '^=== 1\. ' '^Verification: OK$' '^\(exit status 0\)$' \
    '^=== 2\. ' '^Received Handshake message:$' '^    Finished, Length=' \
    '^\(exit status 0\)$' \
    '^=== 3\. ' '^tlsprobe: FAIL version: ' '^\(exit status 1\)$' \
    '^=== 4\. ' '^PROBE ' '^VERDICT server speaks only TLS 1\.2' \
    '^tlsprobe: FAIL version: .*; diagnosis: ' '^\(exit status 1\)$'
# readable: decoded fields, no -msg hex dump, and short
check_not_out '^(>>>|<<<) '
n2=$(sed -n '/^=== 2\. /,/^=== 3\. /p' "$T/out" | wc -l)
[ "$n2" -le 150 ] || tp_why "the -trace run is $n2 lines long, want <= 150"
check_end

# --- make install strips ---------------------------------------------------------------
if tp_have readelf && [ -x "$TOP/tlsprobe" ] &&
    make -C "$TOP" --no-print-directory -q tlsprobe 2>/dev/null; then
	make -C "$TOP" --no-print-directory install DESTDIR="$T/stage" \
	    PREFIX=/usr >"$T/install.log" 2>&1
	RC=$?
	check_begin "make install: a stripped binary and the man page"
	check_rc 0
	[ -x "$T/stage/usr/bin/tlsprobe" ] || tp_why "no bin/tlsprobe"
	[ -f "$T/stage/usr/share/man/man1/tlsprobe.1" ] ||
	    tp_why "no man1/tlsprobe.1"
	! readelf -S "$T/stage/usr/bin/tlsprobe" 2>/dev/null |
	    grep -q '\.symtab' || tp_why "the installed binary has a symbol table"
	readelf -S "$TOP/tlsprobe" 2>/dev/null | grep -q '\.symtab' ||
	    tp_why "(the built binary has no symbol table either: no proof)"
	check_end
else
	skip "make install: a stripped binary" "no up-to-date ./tlsprobe or no readelf"
fi

# --- tests/run with a pattern that matches nothing ---------------------------------
TLSPROBE=$TLSPROBE sh "$TP_TESTDIR/run" no-such-test-xyzzy >"$T/run.out" 2>&1
RC=$?
check_begin "tests/run PATTERN that matches nothing fails"
check_rc 1
grep -q "^FAIL: no test program or script matches 'no-such-test-xyzzy'\$" \
    "$T/run.out" || tp_why "no FAIL line naming the pattern"
grep -q '^0 passed, 1 failed, 0 skipped$' "$T/run.out" ||
    tp_why "counts line is not '0 passed, 1 failed, 0 skipped'"
check_end

# --- CI: a fuzz build failure is not a crash -----------------------------------------
# run.sh builds into FUZZ_DIR, here an empty directory of this test: the
# failing compiler must run whatever state build/fuzz is in (absent, or up
# to date after `make fuzz`, where it would compile nothing), and the
# tree's build/fuzz is left alone.
stamp() {
	[ -e "$TOP/build/fuzz/fuzz_record" ] &&
	    ls -l --time-style=full-iso "$TOP/build/fuzz/fuzz_record"
}
before=$(stamp)
mkdir "$T/fuzzdir"
FUZZ_DIR="$T/fuzzdir" FUZZ_CC=false FUZZ_TARGETS=fuzz_record \
    sh "$TP_TESTDIR/fuzz/run.sh" 1 >"$T/out" 2>"$T/err"
RC=$?
cat "$T/out" "$T/err" >"$T/fuzz.out"
TP_LAST="(FUZZ_DIR=\$T/fuzzdir FUZZ_CC=false sh tests/fuzz/run.sh 1)"
check_begin "fuzz/run.sh: exit 2 when the targets do not build (FUZZ_CC=false, empty FUZZ_DIR)"
check_rc 2
grep -q 'cannot build the fuzz targets' "$T/fuzz.out" ||
    tp_why "run.sh does not say the build failed"
# the failure is the compiler's, on an object in FUZZ_DIR (make[1]: under
# make check)
grep -Eq "^make(\[[0-9]+\])?: \*\*\* \[Makefile:[0-9]+: $(re_quote "$T/fuzzdir")/obj/[a-z0-9_]+\.o\] Error 1\$" \
    "$T/fuzz.out" || tp_why "no make error for compiling an object in FUZZ_DIR"
[ ! -e "$T/fuzzdir/fuzz_record" ] || tp_why "a fuzz_record binary was built"
[ ! -e "$T/fuzzdir/logs" ] || tp_why "run.sh went on to fuzz (logs/ exists)"
[ "$(stamp)" = "$before" ] || tp_why "build/fuzz/fuzz_record was touched"
check_end

# .ci/run's verdict on run.sh's status: its case block, run for 2 and 1
ci_case() {
	sed -n '/^case \$fuzz_rc in$/,/^esac$/p' "$TOP/.ci/run" >"$T/ci_case.sh"
	status=0 fuzz_rc=$1 bash -c '. "$1"; echo "status=$status"' sh \
	    "$T/ci_case.sh" 2>&1
}
check_begin ".ci/run: status 2 is a build failure, status 1 a crash, 0 passes"
grep -q '^case \$fuzz_rc in$' "$TOP/.ci/run" ||
    tp_why ".ci/run has no 'case \$fuzz_rc in' block"
o2=$(ci_case 2) o1=$(ci_case 1) o0=$(ci_case 0)
printf '%s\n' "$o2" | grep -q '^ci: the fuzz targets did not build .*no fuzzing was done$' ||
    tp_why "status 2: not 'the fuzz targets did not build': $o2"
printf '%s\n' "$o2" | grep -q 'crash' && tp_why "status 2 is called a crash: $o2"
printf '%s\n' "$o2" | grep -q '^status=1$' || tp_why "status 2 does not fail CI"
printf '%s\n' "$o1" | grep -q '^ci: fuzzing found a crash' ||
    tp_why "status 1: not 'fuzzing found a crash': $o1"
printf '%s\n' "$o1" | grep -q '^status=1$' || tp_why "status 1 does not fail CI"
[ "$o0" = "status=0" ] || tp_why "status 0: $o0"
check_end

tp_done
