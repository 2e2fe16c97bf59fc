#!/bin/sh
# cli_maxitems.sh: max-items (the config, global and per feed): only the
# first N items of a feed document are read, the feed keeps its newest N
# articles, starred and quoted ones stay, what was left out or removed is
# counted, and a feed that carries the same items again stays as it is.
. "${top_srcdir:-.}/tests/lib.sh"

plan 22

CFG="$TMP/cfg"
DB="$TMP/a.db"
URL=https://max.example/feed.xml
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }
titles() {	# the feed's stored titles, newest first, on one line
	d list --json --feed "$1" | "$PYTHON3" -c \
	    'import json,sys; print(" ".join(a["title"] for a in json.load(sys.stdin)))'
}
id_of() {	# TITLE: its article id
	d list --json --feed "$URL" | "$PYTHON3" -c \
	    'import json,sys; print([a["id"] for a in json.load(sys.stdin) if a["title"] == sys.argv[1]][0])' "$1"
}
feed() {	# FILE N...: an RSS feed of items nN, newest first
	f=$1
	shift
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel>'
		printf '<title>Max</title><link>https://max.example/</link>\n'
		for n in "$@"; do
			printf '<item><guid>g%s</guid><title>n%s</title>' "$n" "$n"
			printf '<description>Item number %s said little.</description>' "$n"
			printf '<pubDate>Mon, %02d Jun 2025 12:00:00 GMT</pubDate></item>\n' "$n"
		done
		printf '</channel></rss>\n'
	} >"$f"
}

printf 'max-items 3\n' >"$CFG"
feed "$TMP/a.xml" 5 4 3 2 1
run d ingest "$TMP/a.xml" --feed "$URL"
is "$status" 0 "ingest with max-items 3"
like "$out" "3 new, 0 updated, 0 unchanged, 2 over max-items" \
    "the two items past the third are counted"
is "$(titles "$URL")" "n5 n4 n3" "the first three items are stored"

run d feeds --verbose
like "$out" "max-items 3" "feeds --verbose shows it"

# n3 starred, n4 quoted: both outlive max-items
"$PYTHON3" - "$DB" "$(id_of n3)" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE articles SET starred = 1 WHERE id = ?", (int(sys.argv[2]),))
c.commit()
EOF
run d quote add "$(id_of n4)" --text "said little"
is "$status" 0 "a quote in n4"

feed "$TMP/b.xml" 8 7 6 5 4 3
run d ingest "$TMP/b.xml" --feed "$URL"
is "$status" 0 "three newer items"
like "$out" "3 new, 0 updated, 0 unchanged, 4 over max-items" \
    "three left out and n5 removed; starred n3 and quoted n4 kept"
is "$(titles "$URL")" "n8 n7 n6 n4 n3" \
    "the newest three, and the quoted and the starred one"
run d show "$(id_of n3)"
is "$status" 0 "the starred article is whole"

# the same document again: nothing changes
run d ingest "$TMP/b.xml" --feed "$URL"
like "$out" "0 new, 0 updated, 3 unchanged, 3 over max-items" \
    "again: only the three left out are counted"
is "$(titles "$URL")" "n8 n7 n6 n4 n3" "again: the same articles"

# a per-feed value wins over the global one
OTHER=https://max.example/other.xml
printf 'max-items 3\nfeed %s max-items 1\n' "$OTHER" >"$CFG"
run d ingest "$TMP/b.xml" --feed "$OTHER"
like "$out" "1 new, 0 updated, 0 unchanged, 5 over max-items" \
    "per feed: max-items 1"
is "$(titles "$OTHER")" "n8" "per feed: one article"
run d ingest "$TMP/b.xml" --feed "$URL"
like "$out" "3 unchanged, 3 over max-items" "the other feed keeps 3"

# a tag's value, and 0 keeps all
printf 'feed tag:all max-items 0\nmax-items 2\n' >"$CFG"
ALL=https://max.example/all.xml
run d add "$ALL" --tag all
run d ingest "$TMP/b.xml" --feed "$ALL"
is "$out" "$ALL: 6 new, 0 updated, 0 unchanged" "max-items 0 for a tag: all kept"
is "$(titles "$ALL")" "n8 n7 n6 n5 n4 n3" "all six stored"

printf 'max-items x\n' >"$CFG"
run d ingest "$TMP/a.xml" --feed https://max.example/bad.xml
is "$status" 0 "a max-items that does not parse is ignored"
is "$(titles https://max.example/bad.xml)" "n5 n4 n3 n2 n1" "and all are kept"

# nothing past the limit is left in the search index
printf 'max-items 1\n' >"$CFG"
run d ingest "$TMP/a.xml" --feed https://max.example/bad.xml
like "$out" "1 unchanged, 8 over max-items" \
    "max-items 1 on five stored: four left out, four removed"
run d search '"Item number 2"' --json
is "$(json_len "$out")" 0 "the removed n2 is out of the search index"
run d search '"Item number 4"' --json
is "$(json_len "$out")" 2 "n4 is found in the two feeds that kept it"
run d list --json --feed https://max.example/bad.xml
is "$(json_len "$out")" 1 "one left in that feed"
