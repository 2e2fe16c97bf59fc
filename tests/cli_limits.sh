#!/bin/sh
# cli_limits.sh: the feed parser's limits set in the config file: each key
# (max-size, parse-max-items, parse-max-depth, parse-max-field,
# parse-max-categories, parse-max-enclosures) with a small value changes
# what `dossier parse`, `dossier ingest` and `dossier poll` (against the
# loopback server) do, and the message names the key.  Per-feed and per-tag
# values win over the global ones; `feeds --verbose` shows them.
. "${top_srcdir:-.}/tests/lib.sh"

plan 46

NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy

# A feed of three items; the first has two categories, two enclosures, a
# 40-byte title and a description nested four elements deep.
mkdir -p "$TMP/srv"
F="$TMP/srv/three.xml"
cat >"$F" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Limits</title>
<link>https://limits.example/</link>
<item><guid>one</guid><title>A title of forty bytes, exactly so here</title>
<category>alpha</category><category>beta</category>
<enclosure url="https://limits.example/1.mp3" type="audio/mpeg" length="1"/>
<enclosure url="https://limits.example/2.mp3" type="audio/mpeg" length="2"/>
<description><![CDATA[<p>plain</p>]]></description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><div><p><b>deep</b></p></div></content:encoded>
</item>
<item><guid>two</guid><title>Two</title></item>
<item><guid>three</guid><title>Three</title></item>
</channel></rss>
EOF

CFG="$TMP/cfg"
DB="$TMP/a.db"
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }
parse() { run "$DOSSIER" --config "$CFG" parse "$F"; }
stored() {	# URL: number of articles stored for the feed
	d list --json --feed "$1" | "$PYTHON3" -c \
	    'import json,sys; print(len(json.load(sys.stdin)))'
}
first() {	# PYTHON-SUBSCRIPT of the first item of $out
	json_get "$out" "[\"items\"][0]$1"
}

# Without a config: everything read.
printf '' >"$CFG"
parse
is "$status" 0 "defaults: parsed"
is "$(json_get "$out" '["items"].__len__()')" 3 "defaults: three items"
run d ingest "$F" --feed https://limits.example/default
is "$(stored https://limits.example/default)" 3 "defaults: three stored"

# max-size
printf 'max-size 200\n' >"$CFG"
parse
is "$status" 1 "max-size: parse refused"
like "$err" "larger than 200 bytes \(max-size\)" "max-size: message names it"
run d ingest "$F" --feed https://limits.example/size
is "$status" 1 "max-size: ingest refused"
like "$err" "larger than 200 bytes \(max-size\)" "max-size: ingest message"
is "$(stored https://limits.example/size)" 0 "max-size: nothing stored"

# parse-max-items
printf 'parse-max-items 2\n' >"$CFG"
parse
is "$status" 1 "parse-max-items: parse fails"
like "$err" "more than 2 items \(parse-max-items\)" \
    "parse-max-items: message names it"
run d ingest "$F" --feed https://limits.example/items
is "$status" 1 "parse-max-items: ingest fails"
like "$err" "more than 2 items \(parse-max-items\)" \
    "parse-max-items: ingest message"
is "$(stored https://limits.example/items)" 0 \
    "parse-max-items: nothing half-stored"

# parse-max-depth (rss, channel, item, content, div, p, b: 7 levels)
printf 'parse-max-depth 6\n' >"$CFG"
parse
is "$status" 1 "parse-max-depth: parse fails"
like "$err" "nested deeper than 6 levels \(parse-max-depth\)" \
    "parse-max-depth: message names it"
printf 'parse-max-depth 7\n' >"$CFG"
parse
is "$status" 0 "parse-max-depth: one more level is enough"
printf 'parse-max-depth 6\n' >"$CFG"
run d ingest "$F" --feed https://limits.example/depth
is "$status" 1 "parse-max-depth: ingest fails"
like "$err" "\(parse-max-depth\)" "parse-max-depth: ingest message"

# parse-max-field
printf 'parse-max-field 10\n' >"$CFG"
parse
is "$status" 0 "parse-max-field: parsed"
is "$(first '["title"]')" "A title of" "parse-max-field: the title is cut"
like "$err" "<title> longer than 10 bytes, cut \(parse-max-field\)" \
    "parse-max-field: warning names it"
run d ingest "$F" --feed https://limits.example/field
is "$status" 0 "parse-max-field: ingested"
like "$err" "\(parse-max-field\)" "parse-max-field: ingest warning"
is "$(d list --json --feed https://limits.example/field | "$PYTHON3" -c \
    'import json,sys; print(sorted(a["title"] for a in json.load(sys.stdin))[0])')" \
    "A title of" "parse-max-field: the title is stored cut"

# parse-max-categories
printf 'parse-max-categories 1\n' >"$CFG"
parse
is "$(first '["categories"]')" "['alpha']" \
    "parse-max-categories: one category kept"
like "$err" "more than 1 categories in an item, the rest dropped \(parse-max-categories\)" \
    "parse-max-categories: warning names it"
run d ingest "$F" --feed https://limits.example/cats
like "$err" "\(parse-max-categories\)" "parse-max-categories: ingest warning"

# parse-max-enclosures
printf 'parse-max-enclosures 1\n' >"$CFG"
parse
is "$(first '["enclosures"].__len__()')" 1 \
    "parse-max-enclosures: one enclosure kept"
like "$err" "more than 1 enclosures in an item, the rest dropped \(parse-max-enclosures\)" \
    "parse-max-enclosures: warning names it"
run d ingest "$F" --feed https://limits.example/encs
like "$err" "\(parse-max-enclosures\)" "parse-max-enclosures: ingest warning"

# Per feed and per tag: they win over the global value, for that feed only.
cat >"$CFG" <<'EOF'
parse-max-items 1
feed https://limits.example/roomy parse-max-items 10
feed tag:tight parse-max-field 5
EOF
run d ingest "$F" --feed https://limits.example/roomy
is "$status" 0 "per feed: a larger value wins over the global one"
is "$(stored https://limits.example/roomy)" 3 "per feed: all stored"
run d ingest "$F" --feed https://limits.example/other
like "$err" "more than 1 items \(parse-max-items\)" \
    "per feed: the global value for the other feeds"
run d add https://limits.example/tagged --tag tight
printf 'parse-max-items 10\nfeed tag:tight parse-max-field 5\n' >"$CFG"
run d ingest "$F" --feed https://limits.example/tagged
like "$err" "longer than 5 bytes, cut \(parse-max-field\)" \
    "per tag: the feed's tag sets it"
run d feeds --verbose
like "$out" "parse-max-field 5 bytes" "feeds --verbose: the tag's value"
like "$out" "parse-max-items 10" "feeds --verbose: the global value"
like "$out" "parse-max-depth 256" "feeds --verbose: a default"
like "$out" "parse-max-categories 256" "feeds --verbose: categories"
like "$out" "parse-max-enclosures 64" "feeds --verbose: enclosures"
# a per-feed value does not reach `dossier parse`, which has no feed
parse
is "$status" 0 "parse: only the global values apply"

# A value that does not parse falls back to the default.
printf 'parse-max-items many\n' >"$CFG"
parse
is "$status" 0 "a bad value: the default stands"

# poll: the same limits, from the loopback server.
LOG="$TMP/httpd.log"
serve --root "$TMP/srv" --log "$LOG" --lifetime 120
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
cat >"$CFG" <<EOF
feed $B/three.xml parse-max-items 2
EOF
run d add "$B/three.xml"
run d poll --feed "$B/three.xml"
is "$status" 1 "poll: the feed fails on the limit"
like "$out$err" "more than 2 items \(parse-max-items\)" \
    "poll: the message names the key"
like "$(d feeds --json | "$PYTHON3" -c '
import json, sys
for f in json.load(sys.stdin):
    if f["url"] == sys.argv[1]:
        print(f["last_error"])' "$B/three.xml")" \
    "more than 2 items \(parse-max-items\)$" "poll: the error is stored"
printf '' >"$CFG"
run d poll --feed "$B/three.xml" --force
is "$status" 0 "poll: without the limit, polled"
is "$(stored "$B/three.xml")" 3 "poll: three stored"
