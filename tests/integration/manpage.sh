# manpage.sh -- the manual: mandoc -Tlint -Wall is clean, the rendered
# text has no run of words turned into flags (".Fl x : free text"), and
# every failure class the code can print is in the man page's table and
# in README's.

. "$(dirname "$0")/../lib.sh"

TOP=$(cd "$TP_TESTDIR/.." && pwd)
MAN=$TOP/man/tlsprobe.1
T=$(mktemp -d "${TMPDIR:-/tmp}/tlsprobe-man.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

if ! tp_have mandoc; then
	fail "man: mandoc -Tlint -Wall" "mandoc not installed (tests/deps.sh)"
	tp_done
fi

# Messages about this file; mandoc's remarks about the system's mandoc.db
# ("outdated mandoc.db lacks ...") depend on the machine, not on the page.
mandoc -Tlint -Wall "$MAN" >"$T/lint" 2>&1
check_begin "man: mandoc -Tlint -Wall reports nothing"
if grep -F "$MAN:" "$T/lint" >"$T/lint.own" ||
    grep -F 'tlsprobe.1:' "$T/lint" >"$T/lint.own"; then
	tp_why "$(wc -l <"$T/lint.own") messages, first: $(head -n 1 "$T/lint.own")"
fi
check_end

# Rendered: three flag-looking words in a row are free text that a
# macro took for flags ("-no -probe -got").
mandoc -Tascii "$MAN" 2>/dev/null | col -b >"$T/man.txt"
check_begin "man: no free text rendered as flags"
if grep -nE "(^|[[:space:]])-[a-zA-Z'(]+[,.:;)]? -[a-zA-Z'(]+[,.:;)]? -[a-zA-Z'(]+" \
    "$T/man.txt" >"$T/flags"; then
	tp_why "rendered line $(head -n 1 "$T/flags")"
fi
[ -s "$T/man.txt" ] || tp_why "mandoc rendered nothing"
check_end

# Every class the code can put on a FAIL line is documented.
grep -ohE '(cls|fail_class) = "[a-z-]+"' "$TOP"/src/*.c |
    sed 's/.*"\(.*\)"/\1/' | sort -u >"$T/classes"
echo resolve >>"$T/classes"
echo refused >>"$T/classes"
echo connect >>"$T/classes"
check_begin "man and README: every failure class is in both tables"
[ "$(wc -l <"$T/classes")" -ge 20 ] ||
    tp_why "only $(wc -l <"$T/classes") classes found in src/*.c"
while read -r cls; do
	grep -qE "^\\.It $cls Ta [0-9] Ta " "$MAN" ||
	    tp_why "class $cls missing from the man page table"
	grep -qE "^    $cls +[0-9] " "$TOP/README" ||
	    tp_why "class $cls missing from README's table"
done <"$T/classes"
check_end

tp_done
