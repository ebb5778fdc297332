# schema.jq -- tlsprobe -json schema 1, as jq: `valid` is true when the
# object has every field its type requires, with the right JSON type.
# Used by tests/integration/json.sh and jsonfuzz.sh:
#	jq -e -s -L tests/json 'include "schema"; all(.[]; valid)' out
def str: type == "string";
def num: type == "number";
def int: type == "number" and . == floor;
def bool: type == "boolean";
def strnull: . == null or type == "string";
def numnull: . == null or type == "number";
def dir: . == "sent" or . == "received";
def boolnull: . == null or type == "boolean";
def intnull: . == null or (type == "number" and . == floor);
def proto: str and test("^(SSLv[23]|TLSv1(\\.[123])?)$");
# has every key (members that may be null must still be there)
def keys_in($k): . as $o | $k | all(. as $x | $o | has($x));
def hexcode: str and test("^0x[0-9a-f]{4,6}$");
# a leaf certificate's fields: the same in the handshake's certificate
# objects and in -scan's
def leaf: (.subject | str) and (.issuer | str) and
	(.sans | type == "array" and all(str)) and
	((has("sans_left_out") | not) or (.sans_left_out | int)) and
	(.not_before | strnull) and (.not_after | strnull) and
	(.key | type == "object" and (.type | str) and (.bits | int)
	    and (.group | strnull)) and
	(.signature_algorithm | str) and (.serial | str) and
	(.sha256 | str and test("^[0-9a-f]{64}$"));
def timing: type == "object" and
	([.resolve, .connect, .first_byte, .server_hello, .certificate,
	  .verify, .handshake, .first_app_byte] | all(numnull));
def common: type == "object" and (.type | str) and (.time | num) and
	.time >= 0 and ((has("target") | not) or (.target | str));
def valid: common and (
	if .type == "start" then .schema == 1 and (.version | str) and
		(.args | type == "array" and all(str))
	elif .type == "connect" then (.address | str) and
		(.family == "ipv4" or .family == "ipv6") and (.port | int) and
		(.resolve_time | numnull) and (.connect_time | numnull)
	elif .type == "record" then (.direction | dir) and
		(.content_type | str) and
		(if .inner == true then true
		 else (.version | str) and (.length | int) end)
	elif .type == "message" then (.direction | dir) and
		(.message | str) and (.length | int) and
		((has("fields") | not) or (.fields | type == "array" and
		    all(str))) and ((has("hex") | not) or (.hex | str))
	elif .type == "alert" then (.direction | dir) and
		(.level | strnull) and (.description | str) and
		(.code | . == null or int)
	elif .type == "state" then (.state | str)
	elif .type == "info" then (.message | str)
	elif .type == "data" then (.direction | dir) and (.length | int) and
		(.data | str)
	elif .type == "certificate" and has("key_type") then
		# -scan: the certificate the server sends for one key type
		(.key_type | . == "RSA" or . == "ECDSA" or . == "EdDSA") and
		(.present | bool) and
		(if .present then
		 keys_in(["signature_scheme", "verify_code"]) and
		 (.protocol | proto) and leaf and
		 (.signature_scheme | strnull) and
		 (.chain_length | int) and (.verify_code | intnull) and
		 (.verify | str) else true end)
	elif .type == "certificate" then (.depth | int) and (.length | int) and
		(if has("error") then (.error | str) else
		 leaf and ((has("pem") | not) or (.pem | str)) end)
	elif .type == "verify" then (.code | int) and (.reason | str) and
		(.ok | bool) and (.depth | int) and (.subject | strnull) and
		(.peername | strnull)
	elif .type == "probe" then (.result | str)
	elif .type == "verdict" then (.class | strnull) and (.verdict | str)
	elif .type == "summary" then (.protocol | str) and (.cipher | str) and
		(.cipher_openssl | str) and (.group | strnull) and
		(.verify_code | . == null or int) and
		(.verify_reason | strnull) and (.resumed | bool) and
		(.alpn | strnull) and (.bytes_read | int) and
		(.bytes_written | int) and (.certificates | int) and
		(.hello_retry | bool) and (.timing | timing)
	elif .type == "fail" then (.class | str) and (.exit | int) and
		(.message | str) and (.verdict | strnull) and
		((has("connections") | not) or (.connections | int)) and
		((has("timing") | not) or (.timing | timing))
	elif .type == "plaintext" then (.direction | dir) and
		(.length | int) and
		(if has("message") then (.message | str) and (.hex | str)
		 else (.line | str) end)
	elif .type == "starttls" or .type == "proxy" then (.step | str)
	elif .type == "protocol" then keys_in(["accepted"]) and
		(.protocol | proto) and
		(.accepted | boolnull)
	elif .type == "order" then keys_in(["server_order"]) and
		(.protocol | proto) and
		(.server_order | boolnull)
	elif .type == "suite" then
		keys_in(["openssl_name", "rank", "kex", "group"]) and
		(.protocol | proto) and (.cipher | str) and
		(.openssl_name | strnull) and (.code | hexcode) and
		(.rank | . == null or (int and . >= 1)) and (.bits | int) and
		(.kex | strnull) and (.group | strnull) and
		((has("dh_bits") | not) or (.dh_bits | int))
	elif .type == "group" then keys_in(["rank"]) and
		(.protocol | proto) and (.group | str) and
		(.code | hexcode) and (.accepted | bool) and
		(.rank | . == null or (int and . >= 1))
	elif .type == "dh" then (.bits | int)
	elif .type == "sigalg" then (.protocol | proto) and (.sigalg | str) and
		(.rank | int and . >= 1)
	elif .type == "feature" then keys_in(["value"]) and
		(.feature | str) and
		(.value | . == null or bool or str)
	elif .type == "finding" then
		(.severity | . == "high" or . == "medium" or . == "low" or
		 . == "info") and (.finding | str) and (.why | str)
	elif .type == "scan" then keys_in(["incomplete"]) and
		(.server | str) and (.connections | int) and
		(.seconds | num) and (.complete | bool) and
		(.incomplete | strnull) and (.protocols | int) and
		(.suites | int) and (.findings | type == "object" and
		 ([.high, .medium, .low, .info] | all(int))) and
		(.high | int) and (.exit | int) and
		(.not_run | type == "array" and all(str)) and
		(.plaintext_failures | int)
	elif .type == "batch" then (.targets | int) and (.passed | int) and
		(.failed | int) and (.classes | type == "object") and
		(.exit | int)
	else false end);
# The stream as a whole: start first, then summary or fail (or batch, or
# scan under -scan) last, and only there.
def stream_ok: length >= 2 and .[0].type == "start" and
	(.[-1].type | . == "summary" or . == "fail" or . == "batch" or
	 . == "scan") and
	([.[1:-1][].type | select(. == "start" or . == "scan")] | length == 0) and
	all(.[]; valid) and
	([.[].time] | . == sort);
