#!/bin/sh
# cli_poll.sh: `dossier poll`, `import` and `export --opml` against the
# loopback server (tests/httpd.py on 127.0.0.1): what the archive holds
# after each case -- first poll, all-304 second poll, HTTP errors and
# back-off, redirects (chain, loop, permanent, file:), limits (time, stall,
# size, gzip bomb, 2 GB length, garbage), Retry-After, autodiscovery, the
# poll lock, per-feed settings, import with unsupported lines, OPML round
# trip.
. "${top_srcdir:-.}/tests/lib.sh"

plan 111

# Loopback only, even where a proxy is configured.
NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy

# The server, on an ephemeral port; stopped on exit.
LOG="$TMP/httpd.log"
serve --root "$top_srcdir/tests/data/poll" --log "$LOG" --lifetime 280
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT

CFG="$TMP/config"
cat >"$CFG" <<EOF
timeout 3
connect-timeout 2
low-speed-time 1
feed $B/big?size=3000000 max-size 1M
feed $B/slow timeout 1
feed $B/endless max-size 2M
# these fail on size or protocol, never on time, also on a loaded machine
feed $B/endless timeout 30
feed $B/endless low-speed-time 20
feed $B/big?size=3000000 timeout 30
feed $B/big?size=3000000 low-speed-time 20
feed $B/gzipbomb timeout 30
feed $B/gzipbomb low-speed-time 20
feed $B/huge-length timeout 30
feed $B/huge-length low-speed-time 20
feed $B/garbage timeout 30
feed $B/garbage low-speed-time 20
feed tag:off enabled no
feed tag:slowpoke interval 60
EOF

DB="$TMP/a.db"
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }
poll() { run d poll "$@"; }
# jq-free JSON checks: feeds --json, one feed by URL
feed_field() {	# URL FIELD
	d feeds --json | "$PYTHON3" -c '
import json, sys
for f in json.load(sys.stdin):
    if f["url"] == sys.argv[1]:
        print(f[sys.argv[2]])' "$1" "$2"
}
count_items() {	# [URL]: articles (of one feed)
	if [ $# -gt 0 ]; then d list --json --feed "$1"; else d list --json; fi |
	    "$PYTHON3" -c 'import json,sys; print(len(json.load(sys.stdin)))'
}
# the last request to PATH in the server log: FIELD
last_req() {	# PATH FIELD
	"$PYTHON3" - "$LOG" "$1" "$2" <<'EOF'
import json, sys
v = None
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["path"] == sys.argv[2]:
        v = r[sys.argv[3]]
print(v)
EOF
}
nreq() {	# PATH: requests so far
	grep -c "\"path\": \"$1\"" "$LOG"
}
db_value() {	# SQL (read only, for what no command prints)
	"$PYTHON3" -c 'import sqlite3,sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"
}

# 1. First poll: both feeds stored.
d add "$B/feed.xml" --tag news >/dev/null
d add "$B/atom.xml" >/dev/null
poll
is "$status" 0 "first poll exits 0"
is "$out" "2 feeds: 0 unchanged, 2 updated (5 new items), 0 failed" \
    "summary line"
is "$(count_items)" 5 "the archive holds the 5 items"
is "$(feed_field "$B/feed.xml" http_status)" 200 "status 200 stored"
is "$(feed_field "$B/feed.xml" last_error)" None "no error stored"
is "$(feed_field "$B/feed.xml" title)" "Loopback Gazette" \
    "the title comes from the feed"
is "$(last_req /feed.xml gzip)" True "the body came gzipped"
like "$(last_req /feed.xml user_agent)" "^dossier/" "User-Agent dossier/VERSION"
ok "$(printf '%s' "$out" | grep -c "$(printf '\r')")" "no progress bar when stdout is not a terminal"
like "$(db_value "SELECT etag FROM feeds WHERE url = '$B/feed.xml'")" '^"' \
    "the ETag is kept"

# 2. Second poll: all 304, nothing parsed or written but the poll result.
before=$(d list --json)
n_feed=$(nreq /feed.xml)
poll --verbose
is "$status" 0 "second poll exits 0"
like "$out" "2 feeds: 2 unchanged, 0 updated \(0 new items\), 0 failed" \
    "all unchanged"
like "$out" "unchanged +$B/feed.xml: not modified" "--verbose: one line per feed"
is "$(last_req /feed.xml status)" 304 "the server answered 304"
like "$(last_req /feed.xml if_none_match)" '^"' "If-None-Match was sent"
like "$(last_req /atom.xml if_modified_since)" "GMT" "If-Modified-Since too"
is "$(nreq /feed.xml)" $((n_feed + 1)) "one request per feed"
is "$(d list --json)" "$before" "the archive's articles are unchanged"
is "$(feed_field "$B/atom.xml" http_status)" 304 "status 304 recorded"

# 3. Errors are stored; the other feeds complete; failing feeds back off.
DB="$TMP/b.db"
d add "$B/feed.xml" >/dev/null
d add "$B/status/404" >/dev/null
d add "$B/status/500" >/dev/null
poll
is "$status" 1 "a failed feed makes the exit status 1"
like "$out" "3 feeds: 0 unchanged, 1 updated \(3 new items\), 2 failed" \
    "summary counts the failures"
like "$err" "$B/status/404: HTTP 404 Not Found" "each failure on stderr"
is "$(feed_field "$B/status/404" last_error)" "HTTP 404 Not Found" \
    "the 404 is stored"
is "$(feed_field "$B/status/404" http_status)" 404 "with its status"
is "$(feed_field "$B/status/500" http_status)" 500 "the 500 too"
is "$(count_items "$B/feed.xml")" 3 "the good feed's items are stored"
run d feeds
like "$out" "last poll failed: HTTP 500" "dossier feeds shows the error"
poll --verbose
is "$status" 0 "next poll: the failing feeds are deferred, not failed"
like "$out" "2 deferred" "summary counts them"
like "$out" "deferred +$B/status/404: backing off after 1 failed poll" \
    "--verbose says why"
is "$(db_value "SELECT failures FROM feeds WHERE url = '$B/status/404'")" 1 \
    "one failure counted"
poll --force
is "$status" 1 "--force polls them anyway"
is "$(db_value "SELECT failures FROM feeds WHERE url = '$B/status/404'")" 2 \
    "two failures now"

# 4. Redirects.
DB="$TMP/c.db"
d add "$B/redirect/3" >/dev/null
d add "$B/loop" >/dev/null
d add "$B/redirect/7" >/dev/null
d add "$B/to-file" >/dev/null
d add "$B/moved?to=/other/second.xml" >/dev/null
poll
is "$status" 1 "some redirects fail"
is "$(count_items "$B/redirect/3")" 3 "a chain of 3 redirects is followed"
is "$(feed_field "$B/redirect/3" url)" "$B/redirect/3" \
    "302s don't change the subscription"
like "$(feed_field "$B/loop" last_error)" "^redirect loop" \
    "a loop is refused with a clear error"
is "$(feed_field "$B/redirect/7" last_error)" \
    "more than 5 redirects (max-redirects)" "7 redirects are too many"
like "$(feed_field "$B/to-file" last_error)" "file: URL refused" \
    "a redirect to file: is refused"
is "$(feed_field "$B/other/second.xml" title)" "Second Gazette" \
    "301: the subscription now has the new URL"
like "$out" "moved permanently; the subscription is now $B/other/second.xml" \
    "and the poll says so"
is "$(count_items "$B/other/second.xml")" 3 "its items are stored"
n_moved=$(nreq "/moved?to=/other/second.xml")
poll --force
is "$(nreq "/moved?to=/other/second.xml")" "$n_moved" \
    "the next poll goes to the new URL directly"
is "$(last_req /other/second.xml status)" 304 "and gets a 304 there"

# 5. Limits and broken servers: each a clear error; the good feed completes.
DB="$TMP/d.db"
d add "$B/feed.xml" >/dev/null
for p in slow stall truncated "big?size=3000000" endless gzipbomb \
    huge-length garbage hostile-error; do
	d add "$B/$p" >/dev/null
done
t0=$(date +%s)
poll
t1=$(date +%s)
is "$status" 1 "hostile servers fail"
like "$out" "10 feeds: 0 unchanged, 1 updated \(3 new items\), 9 failed" \
    "all nine of them, and only them"
ok "$([ $((t1 - t0)) -lt 40 ] && echo 0 || echo 1)" \
    "within the time limits ($((t1 - t0)) s)"
is "$(count_items "$B/feed.xml")" 3 "the good feed is stored"
is "$(feed_field "$B/slow" last_error)" "timed out after 1 s (timeout)" \
    "slow: the per-feed timeout"
like "$(feed_field "$B/stall" last_error)" "(timed out after 3 s \(timeout\)|low-speed-time)" \
    "stalled: abandoned"
like "$(feed_field "$B/truncated" last_error)" "^truncated" \
    "truncated body: an error"
is "$(count_items "$B/truncated")" 0 "and nothing stored for it"
is "$(feed_field "$B/big?size=3000000" last_error)" \
    "the body is larger than the limit of 1 MiB (max-size)" \
    "over the per-feed max-size"
like "$(feed_field "$B/endless" last_error)" "limit of 2 MiB" \
    "an endless body stops at the limit"
is "$(feed_field "$B/gzipbomb" last_error)" \
    "the body is larger than the limit of 32 MiB (max-size)" \
    "gzip bomb: refused after decompression"
like "$(feed_field "$B/huge-length" last_error)" "max-size" \
    "a 2 GB Content-Length is refused"
like "$(feed_field "$B/garbage" last_error)" "HTTP/0.9" \
    "invalid HTTP is an error"
no_controls "$(feed_field "$B/hostile-error" last_error)" \
    "a server's reason phrase is stored without escapes"
no_controls "$err" "and printed without them"

# 6. Retry-After: stored and honoured.
DB="$TMP/e.db"
d add "$B/retry" >/dev/null
d add "$B/unavailable" >/dev/null
poll
is "$status" 1 "429 and 503 fail"
is "$(feed_field "$B/retry" http_status)" 429 "429 stored"
now=$(date +%s)
ra=$(db_value "SELECT retry_after FROM feeds WHERE url = '$B/retry'")
ok "$([ "$ra" -gt $((now + 3500)) ] && echo 0 || echo 1)" \
    "Retry-After: 3600 stored as a time"
ra=$(db_value "SELECT retry_after FROM feeds WHERE url = '$B/unavailable'")
ok "$([ "$ra" -gt $((now + 3500)) ] && echo 0 || echo 1)" "for 503 too"
n_retry=$(nreq /retry)
poll --verbose
is "$status" 0 "the next poll skips them"
like "$out" "deferred +$B/retry: the server asked to wait \(Retry-After\)" \
    "because the server asked"
is "$(nreq /retry)" "$n_retry" "no request was sent"

# 7. Autodiscovery: an HTML page on the first poll.
DB="$TMP/f.db"
d add "$B/html-with-alternate" >/dev/null
d add "$B/html-no-alternate" >/dev/null
poll
is "$status" 1 "the page without a feed fails"
like "$out" "$B/html-with-alternate is an HTML page advertising 2 feeds:" \
    "the candidates are listed"
like "$out" "  $B/feed.xml" "with their URLs"
like "$out" "subscribed to the feed it advertises instead: $B/atom.xml" \
    "the first RSS/Atom one is chosen"
is "$(feed_field "$B/atom.xml" title)" "Loopback Atom Wire" \
    "the subscription follows it"
is "$(count_items "$B/atom.xml")" 2 "and its items are stored"
like "$(feed_field "$B/html-no-alternate" last_error)" "^not a feed" \
    "a page without a feed: not a feed"

# 8. Per-feed settings: enabled no, interval; --feed and --tag.
DB="$TMP/g.db"
d add "$B/feed.xml" --tag off >/dev/null
d add "$B/atom.xml" --tag slowpoke >/dev/null
d add "$B/other/second.xml" --tag other >/dev/null
poll --verbose
like "$out" "deferred +$B/feed.xml: disabled in the config" \
    "enabled no: not polled"
is "$(count_items "$B/feed.xml")" 0 "nothing stored for it"
is "$(count_items "$B/atom.xml")" 2 "the others are polled"
poll --verbose
like "$out" "deferred +$B/atom.xml: polled less than 60 min ago" \
    "interval: not polled again before its time"
poll --feed "$B/feed.xml"
is "$(count_items "$B/feed.xml")" 3 "--feed polls a disabled feed on request"
like "$out" "^1 feed: " "and only that one"
poll --tag other --verbose
like "$out" "^unchanged +$B/other/second.xml" "--tag polls the tagged feeds"
like "$out" "1 feed: 1 unchanged" "only them"
poll --feed "$B/nowhere"
is "$status" 1 "--feed of an unknown URL fails"
like "$err" "not subscribed" "and says so"
poll --jobs 0
is "$status" 2 "--jobs 0 is a usage error"

# 9. Two polls at once; a reader during a poll.
DB="$TMP/h.db"
d add "$B/slow" >/dev/null
d add "$B/delay?ms=1500" >/dev/null
d poll --force >"$TMP/bg.out" 2>&1 &
BG=$!
i=0
while [ ! -s "$DB.lock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
poll
is "$status" 1 "a second poll exits 1"
like "$err" "a poll of this archive is running \(process [0-9]+\)" \
    "and says a poll is running"
run d list --json
is "$status" 0 "a reader works during the poll"
wait $BG
like "$(cat "$TMP/bg.out")" "^2 feeds: " "the first poll finished"
poll --force
like "$out" "^2 feeds: " "after it, polling works again"

# 10. import: OPML and newsboat urls, unsupported lines reported.
DB="$TMP/i.db"
run d import "$top_srcdir/tests/data/subs/urls"
is "$status" 1 "import of a urls file with unsupported lines exits 1"
like "$out" "imported 5 feeds: 5 new" "the rest is imported"
like "$err" "urls:5: query feeds" "query: reported with its line number"
like "$err" "urls:6: exec: feeds" "exec: reported"
like "$err" "urls:7: filter: feeds" "filter: reported"
like "$err" "urls:9: 'gopher://old.example/feed' is not an http or https URL" \
    "a gopher URL is refused"
like "$err" "7 lines of .*urls not honoured" "and counted"
is "$(feed_field https://one.example/feed.xml title)" "First Title" \
    "\"~Title\" is the title"
is "$(feed_field https://one.example/feed.xml tags)" "['long tag', 'news']" \
    "tags kept"
run d import "$top_srcdir/tests/data/subs/urls"
like "$out" "5 already subscribed" "importing again adds nothing"
run d import "$top_srcdir/tests/data/subs/bad-entities.opml"
is "$status" 1 "OPML with entities is refused"
like "$err" "declares XML entities" "with a reason"
run d import "$TMP/missing.opml"
is "$status" 1 "a missing file is an error"
run d import
is "$status" 2 "import without a file is a usage error"

# 11. export --opml round trip.
DB="$TMP/j.db"
run d import --tag imported "$top_srcdir/tests/data/subs/nested.opml"
like "$out" "imported 6 feeds: 5 new, 1 already subscribed" \
    "nested OPML imported (a duplicate merged)"
like "$err" "nested.opml:17: outline of type link" \
    "its link outline is reported with the line"
run d export --opml --output "$TMP/out.opml"
is "$status" 0 "export --opml"
like "$(head -n 2 "$TMP/out.opml")" '<opml version="2.0">' "writes OPML 2.0"
DB="$TMP/k.db"
run d import "$TMP/out.opml"
is "$status" 0 "the export imports back cleanly"
snap() {
	d feeds --json | "$PYTHON3" -c 'import json,sys
for f in sorted(json.load(sys.stdin), key=lambda f: f["url"]):
    if f["url"] != "dossier:documents":
        print(f["url"], f["title"], sorted(f["tags"]))'
}
k=$(snap)
DB="$TMP/j.db"
is "$k" "$(snap)" "to the same subscriptions, titles and tags"
run d export --format nosuch
is "$status" 2 "an unknown format is a usage error"
run d export
is "$status" 2 "export without a format is a usage error"
