# build.sh -- what the binary links, its man page, and its command line.

. "$(dirname "$0")/../lib.sh"
tp_setup
tp_need_binary

# --- linkage: libcrypto and libbsd, never libssl ---------------------------
if tp_have readelf; then
	readelf -d "$TLSPROBE" >"$T/dyn" 2>&1
	grep 'NEEDED' "$T/dyn" | sed 's/.*\[\(.*\)\].*/\1/' >"$T/needed"
	bad=
	if grep -q '^libcrypto\.so' "$T/needed"; then
		pass "build: links libcrypto"
	else
		fail "build: links libcrypto" "no NEEDED libcrypto"
		bad=1
	fi
	if grep -q '^libbsd\.so' "$T/needed"; then
		pass "build: links libbsd"
	else
		fail "build: links libbsd" "no NEEDED libbsd"
		bad=1
	fi
	if ! grep -q '^libssl\.so' "$T/needed"; then
		pass "build: does not link libssl"
	else
		fail "build: does not link libssl" "NEEDED libssl"
		bad=1
	fi
	if [ -n "$bad" ]; then
		note "NEEDED: $(tr '\n' ' ' <"$T/needed")"
	fi
else
	skip "build: linkage" "readelf not installed"
fi

# --- man page ---------------------------------------------------------------
man=$TP_TESTDIR/../man/tlsprobe.1
if [ ! -f "$man" ]; then
	skip "build: man page lint" "man/tlsprobe.1 missing"
elif ! tp_have mandoc; then
	skip "build: man page lint" "mandoc not installed"
else
	if mandoc -Tlint -Wwarning "$man" >"$T/lint" 2>&1; then
		pass "build: man page lint"
	else
		fail "build: man page lint" "mandoc -Tlint -Wwarning complains"
		head -n 20 "$T/lint" | sed 's/^/    |   /'
	fi
fi

# --- command line -----------------------------------------------------------
run_tp -help
check_begin "cli: -help exits 0 with usage"
check_rc 0
check_anyi 'usage'
check_any '-connect'
check_end

run_tp -bogus
check_begin "cli: unknown option -bogus exits 2 and names it"
check_rc 2
check_err "^tlsprobe: unknown option '-bogus'\$"
check_err '^tlsprobe: Use -help for summary\.$'
check_end

run_tp -connect 127.0.0.1:1 -timeout abc
check_begin "cli: -timeout abc exits 2"
check_rc 2
check_err 'timeout|abc'
check_end

run_tp -connect
check_begin "cli: -connect without an argument exits 2"
check_rc 2
check_end

tp_done
