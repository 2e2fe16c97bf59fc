#!/bin/sh
# cli_https.sh: polling over HTTPS, against tests/httpd.py on 127.0.0.1 with
# a certificate made here (openssl): a certificate the system does not
# trust fails the feed with a clear error and stores nothing; trusted
# through `ca-file` (global or per feed) the feed is stored, and the next
# poll is a conditional GET over TLS that costs no write.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP openssl (Debian package openssl) is not installed"
	exit 0
fi
plan 17

NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy

CERT="$TMP/cert.pem"
KEY="$TMP/key.pem"
if ! openssl req -x509 -newkey rsa:2048 -nodes -keyout "$KEY" -out "$CERT" \
    -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    >"$TMP/openssl.log" 2>&1; then
	cat "$TMP/openssl.log" >&2
	echo "Bail out! openssl could not make a certificate"
	exit 1
fi

LOG="$TMP/httpd.log"
serve --root "$top_srcdir/tests/data/poll" --tls "$CERT" "$KEY" \
    --log "$LOG" --lifetime 120
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
URL="https://127.0.0.1:$PORT/feed.xml"

CFG="$TMP/config"
DB="$TMP/a.db"
printf 'timeout 10\nconnect-timeout 5\n' >"$CFG"
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }
stored() { d list --json --feed "$URL" | "$PYTHON3" -c \
    'import json,sys; print(len(json.load(sys.stdin)))'; }
last_error() { d feeds --json | "$PYTHON3" -c \
    'import json,sys; print([f["last_error"] for f in json.load(sys.stdin)][0])'; }

run d add "$URL"
is "$status" 0 "an https URL is added"

# the system does not know this certificate
run d poll
is "$status" 1 "an untrusted certificate fails the poll"
like "$out" "1 failed" "the summary counts it"
like "$(last_error)" "[Cc]ertificate|SSL|TLS" "the feed's error names the certificate"
is "$(stored)" 0 "nothing is stored"

# trusted through ca-file
printf 'timeout 10\nconnect-timeout 5\nca-file %s\n' "$CERT" >"$CFG"
run d feeds --verbose
like "$out" "ca-file $CERT" "feeds --verbose shows the ca-file"
run d poll --force		# past the failure's back-off
is "$status" 0 "with ca-file the poll succeeds"
like "$out" "1 updated \(3 new items\)" "and stores the feed's items"
is "$(stored)" 3 "three articles over HTTPS"
is "$(last_error)" "None" "no error left on the feed"

# a conditional GET over TLS: 304, no write
run d poll
is "$status" 0 "the second poll"
like "$out" "1 unchanged" "is not modified"
grep -q '"status": 304' "$LOG"
ok $? "the server answered 304"

# per feed: a ca-file for another feed does not apply to this one
printf 'timeout 10\nfeed https://elsewhere.example/ ca-file %s\n' "$CERT" >"$CFG"
run d poll --force
is "$status" 1 "a ca-file of another feed is not used for this one"

# full text: the pages of a feed with a ca-file of its own, one on the
# feed's site (its ca-file applies) and one on another HTTPS site, whose
# certificate is checked as that site's URL says (here: the global
# ca-file), not against the feed's
CERT2="$TMP/cert2.pem"
KEY2="$TMP/key2.pem"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$KEY2" -out "$CERT2" \
    -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    >"$TMP/openssl.log" 2>&1 || echo "Bail out! openssl: a second certificate"
WWW="$TMP/www"
mkdir -p "$WWW"
FIRST=$SERVER
serve --root "$WWW" --tls "$CERT" "$KEY" --lifetime 120
P1=$PORT S1=$SERVER
serve --root "$WWW" --tls "$CERT2" "$KEY2" --lifetime 120
P2=$PORT
trap 'kill $FIRST $S1 $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
page() {
	printf '<html><head><title>%s</title></head><body><article>' "$1"
	printf '<p>%s: the full text of the page, long enough to be kept' "$1"
	printf ' as its main content by the extractor, which wants a paragraph'
	printf ' or two of real prose before it believes a page has one.</p>'
	printf '<p>A second paragraph of the same page, to be sure.</p>'
	printf '</article></body></html>\n'
}
page "Same site" >"$WWW/a.html"
page "Other site" >"$WWW/b.html"
FT="https://127.0.0.1:$P1/ft.xml"
cat >"$WWW/ft.xml" <<EOF
<?xml version="1.0"?><rss version="2.0"><channel><title>ft</title>
<item><title>A</title><link>https://127.0.0.1:$P1/a.html</link><guid>a</guid></item>
<item><title>B</title><link>https://127.0.0.1:$P2/b.html</link><guid>b</guid></item>
</channel></rss>
EOF
printf 'timeout 10\nca-file %s\nfeed %s ca-file %s\nfeed %s fulltext yes\n' \
    "$CERT2" "$FT" "$CERT" "$FT" >"$CFG"
d add "$FT" >/dev/null
run d poll --feed "$FT"
is "$status" 0 "a feed trusted through its own ca-file is polled"
ft_of() {
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
r = db.execute("SELECT fulltext IS NOT NULL, coalesce(fulltext_error, \"\")"
    " FROM articles WHERE guid = ?", (sys.argv[2],)).fetchone()
print("%d %s" % r)' "$DB" "$1"
}
is "$(ft_of a)" "1 " "the page on its site: fetched with the feed's ca-file"
is "$(ft_of b)" "1 " "the page on another site: checked as its own URL says"
