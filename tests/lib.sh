# lib.sh: TAP helpers for the shell tests.  Source it; it makes $TMP (removed
# on exit) and provides plan, ok, is, like, run, json_get, json_len.
set -u
: "${DOSSIER:?DOSSIER must point at the dossier binary}"
: "${PYTHON3:=python3}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
_n=0
_failed=0

plan() { echo "1..$1"; }
ok() {	# COND-STATUS NAME
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}
is() {	# GOT WANT NAME
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#        got: %s\n#   expected: %s\n' "$1" "$2"
	fi
}
like() {	# GOT REGEX NAME
	if printf '%s' "$1" | grep -Eq -- "$2"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#        got: %s\n#   expected to match: %s\n' "$1" "$2"
	fi
}
# serve ARGS...: tests/httpd.py on 127.0.0.1 in the background (ARGS:
# --root DIR, --log FILE, --tls CERT KEY, --lifetime S); once it listens,
# SERVER is its pid, PORT its port and B its http:// base URL
serve() {
	rm -f "$TMP/port"	# not an earlier server's, while this one starts
	"$PYTHON3" "$top_srcdir/tests/httpd.py" "$@" >"$TMP/port" \
	    2>"$TMP/httpd.err" &
	SERVER=$!
	_i=0
	while [ ! -s "$TMP/port" ] && [ "$_i" -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	PORT=$(head -n 1 "$TMP/port")
	B="http://127.0.0.1:$PORT"
}
# run CMD...: sets $out, $err, $status
run() {
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	status=$?
	out=$(cat "$TMP/.out")
	err=$(cat "$TMP/.err")
}
json_get() {	# JSON PYTHON-SUBSCRIPT
	printf '%s' "$1" | "$PYTHON3" -c \
	    "import json,sys; v=json.load(sys.stdin)$2; print(v)"
}
json_eval() {	# JSON PYTHON-EXPRESSION-OF-v
	printf '%s' "$1" | "$PYTHON3" -c \
	    "import json,sys; v=json.load(sys.stdin); print($2)"
}
json_len() { printf '%s' "$1" | "$PYTHON3" -c \
    "import json,sys; print(len(json.load(sys.stdin)))"; }
# no_controls TEXT NAME: no C0 (but \n, \t), DEL, C1, ESC or bidi controls
no_controls() {
	printf '%s' "$1" | "$PYTHON3" -c '
import sys, re
t = sys.stdin.buffer.read().decode("utf-8")
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
sys.exit(1 if bad.search(t) else 0)'
	ok $? "$2"
}
