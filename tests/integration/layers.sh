# layers.sh -- the layers without cycles: no file of src/ includes the
# header of a module in a higher layer than its own.  The order is
# written down once, in src/LAYERS; a module missing from it is an error
# too, so that a new file takes its place in the order on day one.

. "$(dirname "$0")/../lib.sh"

TOP=$(cd "$TP_TESTDIR/.." && pwd)
LAYERS=${TP_LAYERS:-$TOP/src/LAYERS}
SRC=${TP_SRC:-$TOP/src}

# "module layer" pairs, from the non-comment lines of LAYERS
rank=$(awk '!/^#/ && NF { n++; for (i = 1; i <= NF; i++) print $i, n }' \
    "$LAYERS")

check_begin "layers: every src/ file is in src/LAYERS"
for f in "$SRC"/*.c "$SRC"/*.h; do
	m=$(basename "$f" | sed 's/\.[ch]$//')
	printf '%s\n' "$rank" | grep -q "^$m " ||
	    tp_why "$(basename "$f") is in no layer"
done
check_end

check_begin "layers: no file includes a higher layer's header"
for f in "$SRC"/*.c "$SRC"/*.h; do
	m=$(basename "$f" | sed 's/\.[ch]$//')
	lm=$(printf '%s\n' "$rank" | sed -n "s/^$m //p")
	[ -n "$lm" ] || continue
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$f"); do
		lh=$(printf '%s\n' "$rank" | sed -n "s/^$h //p")
		if [ -z "$lh" ]; then
			tp_why "$(basename "$f") includes $h.h, which is in no layer"
		elif [ "$lh" -gt "$lm" ]; then
			tp_why "$(basename "$f") (layer $lm) includes $h.h (layer $lh)"
		fi
	done
done
check_end

# A header is a module's promise: each function it declares is defined
# in a file of the same layer (conn.h once declared tp_fail, defined in
# handshake.c, so the record layer called up without including anything).
check_begin "layers: every function a header declares is defined in its layer"
for h in "$SRC"/*.h; do
	m=$(basename "$h" .h)
	lm=$(printf '%s\n' "$rank" | sed -n "s/^$m //p")
	[ -n "$lm" ] || continue
	for fn in $(sed -n 's/^[a-z][a-z_ 0-9]*[[:space:]*]\([a-z_][a-z0-9_]*\)(.*/\1/p' "$h" |
	    sort -u); do
		for c in $(grep -l "^$fn(" "$SRC"/*.c 2>/dev/null); do
			cm=$(basename "$c" .c)
			lc=$(printf '%s\n' "$rank" | sed -n "s/^$cm //p")
			[ "$lc" = "$lm" ] ||
			    tp_why "$fn() is declared in $m.h (layer $lm) but defined in $cm.c (layer ${lc:-none})"
		done
	done
done
check_end

# The protocol core (every layer below net) does no socket I/O: it is
# driven through the transport hooks (conn.h), so tests and fuzzers run
# it from memory.
check_begin "house: the protocol core makes no socket calls"
netrank=$(printf '%s\n' "$rank" | sed -n 's/^net //p')
for f in "$SRC"/*.c; do
	m=$(basename "$f" .c)
	lm=$(printf '%s\n' "$rank" | sed -n "s/^$m //p")
	[ -n "$lm" ] && [ "$lm" -lt "$netrank" ] || continue
	hit=$(grep -n -E '(^|[^a-zA-Z0-9_.>])(socket|connect|bind|listen|accept|send|sendto|sendmsg|recv|recvfrom|recvmsg|read|write|poll|select|getaddrinfo|shutdown)[[:space:]]*\(' "$f" |
	    grep -v -E '^[0-9]+:[[:space:]]*(/?\*|//)' | head -n 1)
	[ -z "$hit" ] || tp_why "$(basename "$f"):$hit"
done
check_end

# ... and prints nothing itself: s_client's lines (verification, the
# OCSP block) go out as events (EV_TEXT) for the printers, so that a
# connection without a sink (scan and -diagnose probes) stays silent.
check_begin "house: the protocol core writes nothing to stdout or stderr"
for f in "$SRC"/*.c; do
	m=$(basename "$f" .c)
	lm=$(printf '%s\n' "$rank" | sed -n "s/^$m //p")
	[ -n "$lm" ] && [ "$lm" -lt "$netrank" ] || continue
	hit=$(grep -n -E '(^|[^a-zA-Z0-9_])(stdout|stderr)([^a-zA-Z0-9_]|$)|(^|[^a-zA-Z0-9_])(printf|puts|putchar|perror)[[:space:]]*\(' "$f" |
	    grep -v -E '^[0-9]+:[[:space:]]*(/?\*|//)' | head -n 1)
	[ -z "$hit" ] || tp_why "$(basename "$f"):$hit"
done
check_end

# The message codecs build into a writer; the state machines send.
check_begin "house: no message codec writes to the wire (hs_write, rec_write)"
hit=$(grep -n 'hs_write\(_ccs\)\{0,1\}(\|rec_write(\|rec_flush(' \
    "$SRC"/msg_*.c | head -n 1)
[ -z "$hit" ] || tp_why "$hit"
check_end

# Issue 9 item 8: the parsers parse into structs; events (and what acts
# on a message) are the handshake layer's.
check_begin "house: no message codec emits events (trace_*, event.h)"
hit=$(grep -n 'trace_[a-z]*(\|#include "event.h"' "$SRC"/msg_*.c |
    head -n 1)
[ -z "$hit" ] || tp_why "$hit"
check_end

# ... and see the connection read-only: every parser msg.h declares
# takes a const struct conn and a struct tp_reason, so the compiler
# holds it to writing only its message struct and its reason.
check_begin "house: every parser takes the connection read-only"
n=0
for f in $(grep -o 'msg_parse_[a-z_0-9]*(' "$SRC/msg.h" | sort -u); do
	n=$((n + 1))
	decl=$(awk -v f="$f" 'index($0, f) { p = 1 } p { printf "%s ", $0 }
	    p && /;/ { exit }' "$SRC/msg.h")
	case "$decl" in
	*"$f"'const struct conn *,'*'struct tp_reason *);'*) ;;
	*) tp_why "$f in msg.h: $decl" ;;
	esac
done
[ "$n" -ge 7 ] || tp_why "only $n parsers found in msg.h"
check_end

# ... and the state machines build no message bytes themselves: every
# message they send comes from a codec's builder.
check_begin "house: the state machines build no message by hand"
hit=$(grep -n 'cbb_add_u8([^,]*, *HS_\|\] *= *HS_\|= *{ *HS_' \
    "$SRC"/handshake*.c "$SRC"/hs_*.c "$SRC"/session.c | head -n 1)
[ -z "$hit" ] || tp_why "$hit"
check_end

# Issue 9: the TLS 1.2 and 1.3 state machines read the optional
# CertificateRequest one way (handshake.c's hs_certificate_request).
check_begin "house: one reader for the optional CertificateRequest"
n=$(grep -n 'msg_parse_certificate_request(' "$SRC"/*.c |
    grep -v "^$SRC/msg_cert.c:" | wc -l)
[ "$n" -eq 1 ] || tp_why "$n call sites of msg_parse_certificate_request, want 1"
grep -q 'hs_certificate_request(' "$SRC/handshake12.c" ||
    tp_why "handshake12.c does not use hs_certificate_request"
grep -q 'hs_certificate_request(' "$SRC/handshake13.c" ||
    tp_why "handshake13.c does not use hs_certificate_request"
check_end

tp_done
