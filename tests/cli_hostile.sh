#!/bin/sh
# cli_hostile.sh: feeds written by an attacker (tests/hostile/, one file
# per case).  XML bombs end in bounded time and memory; external entities
# and DTDs are never read or fetched (a file whose content must not
# appear, the loopback server's log); nesting, size and item limits give a
# clear message; NUL bytes, bad UTF-8 and lying encodings come out as
# valid UTF-8; escape sequences, C1 controls and bidi overrides in every
# field, and in servers' messages, reach no output raw; javascript:,
# data: and file: links are never opened, and shell metacharacters reach
# the browser as one argument that runs nothing; impossible dates are
# absent.  The plan is printed at the end.
. "${top_srcdir:-.}/tests/lib.sh"

NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy
PYTHON3=$("$PYTHON3" -c 'import sys; print(sys.executable)')
H="$top_srcdir/tests/hostile"
WWW="$TMP/www"			# what the loopback server serves
mkdir -p "$WWW"

# The loopback server (every request logged), and a raw one below.
LOG="$TMP/httpd.log"
: >"$LOG"
serve --root "$WWW" --log "$LOG" --lifetime 240
RAWPID=
trap 'kill $SERVER $RAWPID 2>/dev/null; rm -rf "$TMP"' EXIT

# Files that must never be read, and a DTD that would define &fromdtd;.
SECRET="$TMP/secret.txt"
echo "CANARY-SECRET-7b1e" >"$SECRET"
DTD="$TMP/evil.dtd"
printf '<!ENTITY fromdtd "CANARY-DTD-3c9d">\n<!ENTITY %% pe "CANARY-PE">\n' \
    >"$DTD"
CANARY="$TMP/pwned"		# what a shell in the way would create

# fill NAME: tests/hostile/NAME with the placeholders filled, in $WWW
fill() {
	sed -e "s|@SECRET@|$SECRET|g" -e "s|@DTD@|$DTD|g" \
	    -e "s|@PORT@|$PORT|g" -e "s|@CANARY@|$CANARY|g" \
	    "$H/$1" >"$WWW/$1"
	echo "$WWW/$1"
}

# clean_file [crlf] FILE...: each FILE is UTF-8 with no control character
# but newline and tab (CRLF allowed with crlf), no DEL, C1 or bidi control
clean_file() {
	"$PYTHON3" - "$@" <<'EOF'
import re, sys
bad = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|"
                 rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
crlf = sys.argv[1] == "crlf"
rc = 0
for f in sys.argv[2 if crlf else 1:]:
    t = open(f, "rb").read()
    if crlf:
        t = t.replace(b"\r\n", b"\n")
    try:
        t.decode("utf-8")
    except UnicodeDecodeError as e:
        print("#   %s: not UTF-8: %s: %r" % (f, e, t[max(0, e.start - 30):e.start + 10]))
        rc = 1
        continue
    m = bad.search(t)
    if m:
        print("#   %s: %r at byte %d: %r" % (f, m.group(), m.start(),
              t[max(0, m.start() - 40):m.start() + 20]))
        rc = 1
sys.exit(rc)
EOF
}
# no_crash: the last run ended by itself, without a sanitizer report
no_crash() {
	[ "$status" -lt 128 ] && ! grep -q "Sanitizer\|runtime error" \
	    "$TMP/.err"
}
# both NAME CMD...: run it; stdout and stderr clean, no crash
both() {
	_name=$1
	shift
	run "$@"
	if clean_file "$TMP/.out" "$TMP/.err" && no_crash; then
		ok 0 "$_name"
	else
		ok 1 "$_name"
		echo "#   exit $status; stderr: $(head -c 300 "$TMP/.err")"
	fi
}
# measure OUT ERR CMD...: run with a time limit; sets $status, $secs,
# $rss_mb (the command's peak memory)
measure() {
	_o=$1 _e=$2
	shift 2
	set -- $("$PYTHON3" - "$_o" "$_e" "$@" <<'EOF'
import resource, subprocess, sys, time
out, err = open(sys.argv[1], "wb"), open(sys.argv[2], "wb")
t0 = time.time()
try:
    rc = subprocess.run(sys.argv[3:], stdout=out, stderr=err,
                        timeout=60).returncode
except subprocess.TimeoutExpired:
    rc = 124
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(rc if rc >= 0 else 128 - rc, int(time.time() - t0),
      ru.ru_maxrss // 1024)
EOF
)
	status=$1 secs=$2 rss_mb=$3
}
lt() { [ "$1" -lt "$2" ]; echo $?; }
json_items() {	# FILE: number of items in `dossier parse` output
	"$PYTHON3" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$1" 2>/dev/null || echo none
}
no_canary() {	# FILE...: 0 when no canary appears
	! grep -q "CANARY" "$@"
}

# The browser: records its arguments, a count then one per line.
cat >"$TMP/browser.sh" <<EOF
#!/bin/sh
{ echo "argc=\$#"; for a in "\$@"; do printf 'arg=%s\n' "\$a"; done; } \
    >>"$TMP/browser.log"
EOF
chmod +x "$TMP/browser.sh"

DB="$TMP/a.db"
CFG="$TMP/dossier.conf"	# not $XDG_CONFIG_HOME: parse reads that
cat >"$CFG" <<EOF
browser "$TMP/browser.sh --new-tab"
timeout 5
EOF
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }

#
# 1. XML bombs: bounded time and memory, the items kept.
#
for f in laughs quadratic; do
	measure "$TMP/$f.json" "$TMP/$f.err" "$DOSSIER" parse "$H/$f.xml"
	is "$status" 0 "$f: parsed"
	ok "$(lt "$secs" 20)" "$f: in bounded time ($secs s)"
	ok "$(lt "$rss_mb" 400)" "$f: in bounded memory ($rss_mb MB)"
	sz=$(wc -c <"$TMP/$f.json")
	ok "$(lt "$sz" 200000)" "$f: entities not expanded ($sz bytes out)"
	is "$(json_items "$TMP/$f.json")" 2 "$f: both items kept"
	measure "$TMP/.out" "$TMP/.err" "$DOSSIER" --db "$DB" ingest \
	    "$H/$f.xml" --feed "https://$f.example/feed"
	ok "$( [ "$status" -eq 0 ] && [ "$secs" -lt 30 ]; echo $?)" \
	    "$f: ingested in bounded time ($secs s, $rss_mb MB)"
done

#
# 2. External entities, external DTDs, XInclude, HTML that points home.
#
for f in xxe-file.xml xxe-net.xml xxe-param.xml xxe-dtd-file.xml \
    xxe-dtd-net.xml xinclude.xml xxe-html.xml; do
	p=$(fill "$f")
	run "$DOSSIER" parse "$p"
	ok "$( [ "$status" -eq 0 ] && no_canary "$TMP/.out" "$TMP/.err"; echo $?)" \
	    "$f: parsed, nothing read from the disk"
	run d ingest "$p" --feed "https://xxe.example/$f"
	is "$status" 0 "$f: ingested"
done
: >"$TMP/show.txt"
for id in $(d list --json |
    "$PYTHON3" -c 'import json,sys; [print(a["id"]) for a in json.load(sys.stdin)]'); do
	d show "$id" >>"$TMP/show.txt" 2>&1
done
d list --json >"$TMP/list.json"
d feeds --json >"$TMP/feeds.json"
ok "$(no_canary "$TMP/show.txt" "$TMP/list.json" "$TMP/feeds.json"; echo $?)" \
    "the archive holds nothing of the local files"
p=$(fill xxe.opml)
run d import "$p"
ok "$( [ "$status" -eq 1 ] && no_canary "$TMP/.out" "$TMP/.err"; echo $?)" \
    "OPML declaring entities: refused, nothing read"
like "$err" "declares XML entities" "with the reason"
for f in xxe-dtd.opml xxe-dtd-net.opml; do
	p=$(fill "$f")
	run d import "$p"
	d feeds --json >"$TMP/feeds.json"
	ok "$(no_canary "$TMP/.out" "$TMP/.err" "$TMP/feeds.json"; echo $?)" \
	    "$f: the external DTD is not read"
done
# the same documents polled from the loopback server
for f in xxe-file.xml xxe-net.xml xxe-param.xml xxe-dtd-net.xml \
    xinclude.xml; do
	d add "$B/$f" --tag polled >/dev/null
done
run d poll --tag polled
ok "$( [ "$status" -eq 0 ] && no_canary "$TMP/.out" "$TMP/.err"; echo $?)" \
    "polled from the server: nothing read"
[ "$status" -eq 0 ] || echo "#   exit $status: $out $err"
n=$(grep -c '"path": "/xxe/' "$LOG")
is "$n" 0 "the server never saw a request for an entity, a DTD or an image"
n=$(grep -c '"path": "/xxe-' "$LOG")
ok "$(lt 0 "$n")" "(it saw the $n feed requests)"

#
# 3. Limits, broken documents.
#
"$PYTHON3" -c '
import sys
n = 100000
sys.stdout.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
    "<title>Deep</title><item><title>Deep</title><guid>deep-1</guid>"
    "<description>" + "<x>" * n + "deep" + "</x>" * n + "</description>"
    "</item></channel></rss>")' >"$TMP/deep.xml"
measure "$TMP/.out" "$TMP/.err" "$DOSSIER" parse "$TMP/deep.xml"
is "$status" 1 "100,000-deep nesting: refused"
like "$(cat "$TMP/.err")" "nested deeper than [0-9]+ levels \(parse-max-depth\)" \
    "with a message naming the limit"
ok "$(lt "$secs" 20)" "quickly ($secs s, $rss_mb MB)"
run d ingest "$TMP/deep.xml" --feed https://deep.example/feed
ok "$( [ "$status" -eq 1 ] && [ "$(d list --json --feed https://deep.example/feed)" = "[]" ]; echo $?)" \
    "ingest: refused, nothing stored"

"$PYTHON3" -c '
import sys
sys.stdout.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
    "<title>Big</title><item><title>" + "T" * (10 << 20) + "</title>"
    "<guid>big-1</guid></item><item><title>After</title><guid>big-2</guid>"
    "</item></channel></rss>")' >"$TMP/big.xml"
measure "$TMP/big.json" "$TMP/.err" "$DOSSIER" parse "$TMP/big.xml"
is "$status" 0 "a 10 MB title: parsed"
like "$(cat "$TMP/.err")" "<title> longer than [0-9]+ bytes, cut" \
    "with a warning naming the cut"
t=$("$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), len(d["items"][0]["title"]) <= 4 << 20, d["items"][1]["title"])' "$TMP/big.json")
is "$t" "2 True After" "the title is cut, both items kept"
ok "$(lt "$secs" 20)" "in bounded time ($secs s, $rss_mb MB)"

"$PYTHON3" -c '
import sys
w = sys.stdout.write
w("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>M</title>\n")
for i in range(1000000):
    w("<item><guid>%d</guid><title>t%d</title></item>\n" % (i, i))
w("</channel></rss>\n")' >"$TMP/million.xml"
measure "$TMP/.out" "$TMP/.err" "$DOSSIER" parse "$TMP/million.xml"
is "$status" 1 "a million items: stopped"
like "$(cat "$TMP/.err")" "more than [0-9]+ items \(parse-max-items\)" \
    "with a message naming the limit"
ok "$(lt "$secs" 30)" "in bounded time ($secs s, $rss_mb MB)"
rm -f "$TMP/million.xml" "$TMP/big.xml" "$TMP/big.json" "$TMP/deep.xml"

for f in nul.xml badutf8.xml liar-latin1.xml liar-utf16.xml liar-utf8.xml \
    liar-unknown.xml liar-bom.xml; do
	both "$f: parse output is clean UTF-8" "$DOSSIER" parse "$H/$f"
	ok "$( [ "$status" -eq 0 ] && [ "$(json_items "$TMP/.out")" != none ]; echo $?)" \
	    "$f: read as a feed"
	both "$f: ingest output is clean" d ingest "$H/$f" \
	    --feed "https://bytes.example/$f"
done
run "$DOSSIER" parse "$H/nul.xml"
is "$(json_get "$out" '["items"][0]["title"]')" "Beforeafter" \
    "NUL bytes are dropped"
run "$DOSSIER" parse "$H/liar-unknown.xml"
like "$err" "unknown encoding" "an unknown encoding is reported"
for f in empty.xml blank.xml page.html; do
	both "$f: a clean error" "$DOSSIER" parse "$H/$f"
	ok "$( [ "$status" -eq 1 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; echo $?)" \
	    "$f: refused in one line: $err"
	run d ingest "$H/$f" --feed "https://empty.example/$f"
	is "$status" 1 "$f: ingest refuses it"
done
d list --json >"$TMP/list.json"
d list >"$TMP/list.txt"
clean_file "$TMP/list.json" "$TMP/list.txt"
ok $? "list and list --json after the broken documents are clean"

#
# 4. Escapes, C1 controls and bidi overrides in every field.
#
DB="$TMP/esc.db"
for f in escapes-raw.rss escapes-refs.rss escapes-html.rss escapes.atom \
    escapes.json; do
	cp "$H/$f" "$WWW/$f"
	both "ingest $f" d ingest "$H/$f" --feed "https://esc.example/$f"
	is "$status" 0 "$f: ingested"
	both "parse $f" "$DOSSIER" parse "$H/$f"
	d add "$B/$f" --tag polled >/dev/null
done
both "import of an OPML full of escapes" d import "$H/escapes-refs.opml"
# typed by the user: a title is cleaned, a tag with controls refused
both "add --title full of escapes" d add https://typed.example/feed \
    --title "$(printf 'Typed \033[2J\302\233 \342\200\256title\007')"
run d add https://typed.example/feed2 --tag "$(printf 'tag\302\2332J')"
is "$status" 2 "add --tag with a C1 control is refused"
run d add "$(printf 'https://typed.example/\302\233x')"
is "$status" 1 "a feed URL with a C1 control is refused"
# servers' messages: httpd.py's escape in a reason phrase, and raw bytes
# from a server that writes what it likes
cat >"$TMP/raw.py" <<'EOF'
import socket, sys, threading, time
R = {
 b"/c1": b"HTTP/1.1 500 Bad \xc2\x9b31m \xe2\x80\xae \x1b]8;;x\x1b\\ \x07 \x9b2J\r\n"
         b"Content-Length: 0\r\nConnection: close\r\n\r\n",
 b"/location": b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\x1b[2J"
               b"\xe2\x80\xae\xc2\x9b\x07x\r\nContent-Length: 0\r\n"
               b"Connection: close\r\n\r\n",
 b"/gopher": b"HTTP/1.1 302 Found\r\nLocation: gopher://x\x1b]52;c;aGk=\x07/"
             b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
 b"/type": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\x1b[2J\r\n"
           b"Content-Length: 12\r\nConnection: close\r\n\r\n<p>\x1b[2Jhi</p>",
 b"/status": b"HTTP/1.1 999\x1b[2J\xe2\x80\xae Whatever\r\n"
             b"Content-Length: 0\r\nConnection: close\r\n\r\n",
}
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
def serve(c):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(4096)
        if not chunk:
            break
        data += chunk
    path = data.split(b" ")[1] if data.count(b" ") >= 1 else b"/"
    c.sendall(R.get(path, b"HTTP/1.1 404 No\r\nContent-Length: 0\r\n\r\n"))
    c.close()
s.settimeout(0.5)
end = time.time() + float(sys.argv[1])
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    threading.Thread(target=serve, args=(c,), daemon=True).start()
EOF
"$PYTHON3" "$TMP/raw.py" 200 >"$TMP/rawport" &
RAWPID=$!
i=0
while [ ! -s "$TMP/rawport" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
R="http://127.0.0.1:$(head -n 1 "$TMP/rawport")"
for p in c1 location gopher type status; do
	d add "$R/$p" --tag polled >/dev/null
done
d add "$B/hostile-error" --tag polled >/dev/null
d add "$B/moved?to=%1b%5b2J%1b%5d52%3bc%3baGk%3d%07%c2%9b" --tag polled \
    >/dev/null
both "poll: its summary and errors are clean" d poll --tag polled
like "$out" "updated" "(the poll stored the hostile feeds)"
both "poll --verbose is clean" d poll --tag polled --force --verbose

# what each command prints
both "feeds" d feeds
like "$out" "FeedTitleraw" "(feeds shows the titles)"
both "feeds --verbose" d feeds --verbose
both "feeds --json" d feeds --json
both "list" d list
like "$out" "ItemTitleraw" "(list shows the titles)"
both "list --json" d list --json
both "search" d search escapewords
both "search --json" d search escapewords --json
ids=$(d list --json | "$PYTHON3" -c 'import json,sys; print(" ".join(str(a["id"]) for a in json.load(sys.stdin)))')
n=0 fails=
: >"$TMP/q.out"
for id in $ids; do
	n=$((n + 1))
	d show "$id" >"$TMP/show-$id.txt" 2>&1
	d refs "$id" >"$TMP/refs-$id.txt" 2>&1
	d refs "$id" --json >"$TMP/refsj-$id.txt" 2>&1
	# the words survive around what was removed
	grep -q "Body\|Item" "$TMP/show-$id.txt" || fails="$fails text:$id"
	# quote the body, with a note and a speaker full of escapes (the
	# user's own input, C1 and bidi below)
	q=$(grep -o "ContentBody[a-z]*\|HtmlBody\|TextBody[a-z]*" \
	    "$TMP/show-$id.txt" | head -n 1)
	[ -n "$q" ] || continue
	d quote add "$id" --text "$q" --tag hostile \
	    --note "$(printf 'note \033[2J \033]8;;x\033\\ \007')" \
	    --speaker "$(printf 'Sp\033]52;c;aGk=\007')" >>"$TMP/q.out" 2>&1
done
clean_file "$TMP"/show-*.txt "$TMP"/refs-*.txt "$TMP"/refsj-*.txt \
    "$TMP/q.out" || fails="$fails output"
is "${fails:-none}" none \
    "show, refs, refs --json and quote add on all $n articles are clean"
ok "$(lt 5 "$n")" "($n articles, the polled ones included)"
hid=$(d list --json --feed https://esc.example/escapes-html.rss |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run d show "$hid"
like "$out" "HtmlBody" "show keeps the text around the escapes"
like "$out" "\[1\] https://esc.example/a" "and lists the links"
both "names" d names
both "names --json" d names --json
both "tags" d tags
run d quotes --format md
like "$out" "hostile" "(quotes were added)"
for f in md json csl-json annotation; do
	both "quotes --format $f" d quotes --format "$f"
done
run d quotes --format csv
clean_file crlf "$TMP/.out"
ok $? "quotes --format csv (CRLF rows)"
qid=$(d quotes --format json | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])' 2>/dev/null)
both "quote show" d quote show "${qid:-1}"
both "stats" d stats
both "export --opml" d export --opml
both "export --json" d export --json
# a note and a speaker typed with C1 controls and bidi overrides: they
# are dropped as they are stored
run d quote edit "${qid:-1}" \
    --note "$(printf 'n \302\233 \342\200\256 \342\201\246')" \
    --speaker "$(printf 'S \302\2332J \342\200\256')"
is "$status" 0 "quote edit"
for f in md json csv csl-json annotation; do
	run d quotes --format "$f"
	clean_file crlf "$TMP/.out" "$TMP/.err"
	ok $? "quotes --format $f: no C1 or bidi control from the user either"
done
both "quote show after the edit" d quote show "${qid:-1}"
both "export --json after the edit" d export --json
run d export --html "$TMP/html"
clean_file $(find "$TMP/html" -type f -name '*.html')
ok "$( [ $? -eq 0 ] && [ "$status" -eq 0 ]; echo $?)" \
    "export --html: every page is clean"
rid=$(d list --json --feed https://esc.example/escapes-raw.rss |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
: >"$TMP/browser.log"
both "open of a link that carried escapes" d open "$rid"
clean_file "$TMP/browser.log"
ok $? "the browser got it without them"

#
# 5. Links: never opened unless http(s); one argument, no shell.
#
: >"$TMP/browser.log"
DB="$TMP/links.db"
d ingest "$H/links-refused.rss" --feed https://links.example/refused \
    >/dev/null
ids() {	# FEED: article ids, oldest first
	d list --json --feed "$1" | "$PYTHON3" -c '
import json,sys
for a in sorted(json.load(sys.stdin), key=lambda a: a["id"]): print(a["id"])'
}
set -- $(ids https://links.example/refused)
for id in "$1" "$2" "$3"; do
	run d open "$id"
	ok "$( [ "$status" -eq 1 ] && [ ! -s "$TMP/browser.log" ]; echo $?)" \
	    "article $id's javascript:/data:/file: link is not opened"
	like "$err" "refusing to open" "with a message"
done
body=$4
nlinks=$(d show "$body" | grep -c '^\[[0-9]*\] ')
opened=0 refused=0
for n in $(seq 1 $((nlinks + 2))); do
	run d open "$body" "$n"
	if [ "$status" -eq 0 ]; then opened=$((opened + 1)); else refused=$((refused + 1)); fi
done
nhttp=$(d show "$body" | grep -c '^\[[0-9]*\] https\?://')
is "$opened" "$nhttp" "of the body's $nlinks links, only the $nhttp http(s) ones open"
ok "$(! grep -iq '^arg=.*\(javascript\|data\|file\|vbscript\|ftp\):' "$TMP/browser.log"; echo $?)" \
    "no javascript:, data:, file: or ftp: URL reached the browser"
ok "$(! grep -q '^argc=[^2]' "$TMP/browser.log"; echo $?)" \
    "each opened as one argument (after the configured --new-tab)"

: >"$TMP/browser.log"
p=$(fill links-shell.rss)
d ingest "$p" --feed https://links.example/shell >/dev/null
set -- $(ids https://links.example/shell)
run d open "$1"
is "$status" 0 "a link with \$(...) is opened"
is "$(grep -c '^argc=2$' "$TMP/browser.log")" 1 "as one argument"
like "$(grep '^arg=https' "$TMP/browser.log")" '\$\(touch\$\{IFS\}' \
    "exactly as written, unexpanded"
nlinks=$(d show "$2" | grep -c '^\[[0-9]*\] ')
for n in $(seq 1 "$nlinks"); do
	d open "$2" "$n" >/dev/null 2>&1
done
ok "$(lt 5 "$(grep -c '^argc=2$' "$TMP/browser.log")")" \
    "backticks, ';', '|', '&&', quotes, '>' links opened too"
ok "$(! grep -q '^argc=[^2]' "$TMP/browser.log"; echo $?)" \
    "each as one argument"
ok "$( [ ! -e "$CANARY" ]; echo $?)" "and nothing ran: $CANARY does not exist"
ok "$(! grep -v '^argc=2$' "$TMP/browser.log" | grep -qv \
    '^arg=--new-tab$\|^arg=https://links.example/'; echo $?)" \
    "no argument split off a URL"

#
# 6. Dates that are not dates are absent.
#
for f in dates.rss dates.atom; do
	run "$DOSSIER" parse "$H/$f"
	t=$(printf '%s' "$out" | "$PYTHON3" -c '
import json,sys
d = json.load(sys.stdin)
bad = [(i["title"], i["published"], i["updated"]) for i in d["items"]
       if i["title"].startswith(("Bad", "Atom bad")) and
       (i["published"] is not None or i["updated"] is not None)]
print(len(d["items"]), bad, d["feed"]["updated"])')
	case $f in
	dates.rss) is "$t" "19 [] None" "$f: every impossible date is absent" ;;
	*) is "$t" "18 [] None" "$f: every impossible date is absent" ;;
	esac
done
run "$DOSSIER" parse "$H/dates.rss"
is "$(printf '%s' "$out" | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["items"][-1]["published"])')" \
    "2025-03-03T09:00:00Z" "a real date next to them is kept"
DB="$TMP/dates.db"
d ingest "$H/dates.rss" --feed https://dates.example/feed >/dev/null
t=$(d list --json | "$PYTHON3" -c '
import json,sys
print(sorted(set(a["published"] for a in json.load(sys.stdin)), key=str))')
is "$t" "['2025-03-03T09:00:00Z', None]" "the archive stores them as absent"
both "list with absent dates" d list

plan "$_n"
