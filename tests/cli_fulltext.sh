#!/bin/sh
# cli_fulltext.sh: full texts at poll time and in search, and the pages an
# HTML export leaves behind, against the loopback server (tests/httpd.py on
# 127.0.0.1, serving a directory made here): a feed with `fulltext yes`
# gets the pages its new items link to, stored next to the summary; a
# second poll fetches only what is new; a failing page fails no feed;
# feeds without the setting fetch nothing; fulltext-max bounds a poll;
# add --fulltext; words only in a full text are found by search, and no
# longer once it is replaced; the index stays in sync; export --html
# removes the pages of deleted articles and nothing else.
. "${top_srcdir:-.}/tests/lib.sh"

plan 48

NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy

WWW="$TMP/www"
mkdir -p "$WWW/pages" "$WWW/other"
cp "$top_srcdir/tests/data/extract/news-classic.html" "$WWW/pages/suit.html"
cp "$top_srcdir/tests/data/extract/news-divsoup.html" "$WWW/pages/plans.html"
cp "$top_srcdir/tests/data/extract/news-blog.html" "$WWW/other/blog.html"
# page WORD FILE: an article page whose main content has WORD
page() {
	cat >"$2" <<EOF
<!DOCTYPE html>
<html><head><title>A story - The Loopback Times</title></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>A story</h1>
<p class="byline">By A. Reporter</p>
<p>The council met on Thursday evening and voted on the budget after a
long debate about the $1 programme, which had been postponed twice.</p>
<p>Members said the $1 programme would be reviewed again in the spring,
and that the savings it promised had not yet been seen in the accounts.</p>
<p>Residents who spoke at the meeting asked for the minutes to be
published within a week, which the chair promised to do.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Other story</a></li></ul></aside>
<footer>Copyright The Loopback Times</footer></body></html>
EOF
}
page quokkaphile "$WWW/pages/council.html"

LOG="$TMP/httpd.log"
serve --root "$WWW" --log "$LOG" --lifetime 280
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT

# item GUID TITLE LINK DAY: one RSS item
item() {
	printf '<item><title>%s</title><link>%s</link><guid>%s</guid>' \
	    "$2" "$3" "$1"
	printf '<pubDate>%s Mar 2025 12:00:00 GMT</pubDate>' "$4"
	printf '<description>Summary of %s.</description></item>\n' "$2"
}
# feed FILE TITLE ITEMS...
feed() {
	f=$1 t=$2
	shift 2
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n'
		printf '<rss version="2.0"><channel><title>%s</title>' "$t"
		printf '<link>%s/</link><description>x</description>\n' "$B"
		for it in "$@"; do printf '%s\n' "$it"; done
		printf '</channel></rss>\n'
	} >"$f"
}
feed "$WWW/wire.xml" "Wire" \
    "$(item w1 'Union files suit' "$B/pages/suit.html" 10)" \
    "$(item w2 'Plans go in' "$B/pages/plans.html" 11)" \
    "$(item w3 'Gone' "$B/status/404" 12)" \
    "$(item w4 'Not the web' 'ftp://127.0.0.1/file.txt' 13)"
feed "$WWW/plain.xml" "Plain" \
    "$(item p1 'A blog post' "$B/other/blog.html" 10)"
feed "$WWW/council.xml" "Council" \
    "$(item c1 'Council votes' "$B/pages/council.html" 10)"

CFG="$TMP/config"
cat >"$CFG" <<EOF
timeout 10
feed $B/wire.xml fulltext yes
EOF
DB="$TMP/a.db"
d() { "$DOSSIER" --db "$DB" --config "$CFG" "$@"; }
sql() {	# QUERY: the first column of each row
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
for row in db.execute(sys.argv[2]):
    print(row[0])' "$DB" "$1"
}
nreq() {	# PATH: requests so far
	grep -c "\"path\": \"$1\"" "$LOG"
}
id_of() { sql "SELECT id FROM articles WHERE guid = '$1'"; }
fts_ok() {	# the index agrees with the articles
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("INSERT INTO articles_fts(articles_fts, rank)"
           " VALUES (\"integrity-check\", 1)")
print("ok")' "$DB" 2>&1
}

# --- poll: the feed with `fulltext yes`, one without, one by add ---
d add "$B/wire.xml" >/dev/null
d add "$B/plain.xml" >/dev/null
run d add "$B/council.xml" --fulltext
like "$out" "fetching the full text of new items" "add --fulltext says so"
run d feeds --verbose
like "$out" "fulltext yes \(set by add\)" "feeds --verbose shows it"
like "$out" "fulltext-max 10" "and the limit a poll"
run d poll --verbose
is "$status" 0 "a failing page fails no feed"
like "$out" "3 feeds: 0 unchanged, 3 updated \(6 new items\), 0 failed; 3 full texts fetched, 1 failed" \
    "the summary counts the full texts"
like "$out" "fulltext  $B/pages/suit.html: [0-9]+ bytes of text" \
    "--verbose: a line per full text"
like "$out" "fulltext  $B/status/404: failed: .*404" "with the failures"
suit=$(id_of w1)
run d show "$suit" --fulltext
like "$out" "to block the personnel office" \
    "show --fulltext: the page's main content"
case "$out" in
*"Most read"*|*"Comments (2)"*) ok 1 "without the page's clutter" ;;
*) ok 0 "without the page's clutter" ;;
esac
run d show "$suit"
like "$out" "Summary of Union files suit" "show: the feed's summary"
is "$(sql "SELECT summary FROM articles WHERE id = $suit")" \
    "Summary of Union files suit." "the summary is kept beside it"
is "$(sql "SELECT count(*) FROM articles WHERE fulltext IS NOT NULL")" 3 \
    "three full texts in the archive"
is "$(sql "SELECT fulltext_error FROM articles WHERE guid = 'w3'")" \
    "HTTP 404 Not Found" "the failure is kept with its article"
run d show "$(id_of w3)" --fulltext
like "$err" "no full text: the last fetch failed: HTTP 404 Not Found" \
    "show --fulltext says why there is none"
is "$(sql "SELECT last_error IS NULL FROM feeds WHERE url = '$B/wire.xml'")" \
    1 "and not with the feed"
is "$(sql "SELECT count(*) FROM articles WHERE guid = 'w4' AND fulltext IS NULL AND fulltext_error IS NULL")" \
    1 "a link that is not http(s) is left alone"
is "$(nreq /other/blog.html)" 0 "a feed without the setting fetches nothing"
is "$(sql "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.url = '$B/plain.xml' AND a.fulltext IS NOT NULL")" \
    0 "and stores none"
is "$(sql "SELECT fulltext IS NOT NULL FROM articles WHERE guid = 'c1'")" 1 \
    "add --fulltext works like the config"
like "$(grep '"/pages/suit.html"' "$LOG" | head -n 1)" '"user_agent": "dossier/' \
    "pages are fetched like feeds"

# --- a second poll: only the new item's page ---
n_suit=$(nreq /pages/suit.html)
n_404=$(nreq /status/404)
page zebrafinch "$WWW/pages/budget.html"
feed "$WWW/wire.xml" "Wire" \
    "$(item w5 'Budget passes' "$B/pages/budget.html" 14)" \
    "$(item w1 'Union files suit' "$B/pages/suit.html" 10)" \
    "$(item w2 'Plans go in' "$B/pages/plans.html" 11)" \
    "$(item w3 'Gone' "$B/status/404" 12)" \
    "$(item w4 'Not the web' 'ftp://127.0.0.1/file.txt' 13)"
run d poll --force
is "$status" 0 "second poll"
like "$out" "1 new item.*; 1 full text fetched, 0 failed" \
    "only the new item's page"
is "$(nreq /pages/suit.html)" "$n_suit" "a stored full text is not fetched again"
is "$(nreq /status/404)" "$n_404" "nor a page that failed"
run d poll --force
unlike_full=$(printf '%s' "$out" | grep -c "full text")
is "$unlike_full" 0 "nothing new: no full texts in the summary"

# --- fulltext-max ---
feed "$WWW/many.xml" "Many" \
    "$(item m1 'One' "$B/pages/suit.html?m=1" 10)" \
    "$(item m2 'Two' "$B/pages/suit.html?m=2" 11)" \
    "$(item m3 'Three' "$B/pages/suit.html?m=3" 12)"
cat >>"$CFG" <<EOF
feed $B/many.xml fulltext yes
feed $B/many.xml fulltext-max 2
EOF
d add "$B/many.xml" >/dev/null
run d poll --feed "$B/many.xml"
like "$out" "; 2 full texts fetched, 0 failed" "fulltext-max bounds a poll"
is "$(sql "SELECT group_concat(guid) FROM (SELECT guid FROM articles WHERE fulltext IS NOT NULL AND guid LIKE 'm%' ORDER BY guid)")" \
    "m2,m3" "the newest items get them"

# --- search finds the full text ---
council=$(id_of c1)
run d search quokkaphile --json
is "$(json_get "$out" '[0]["id"]' 2>/dev/null)" "$council" \
    "a word only in the full text is found"
run d search quokkaphile
like "$out" "\[quokkaphile\]" "the snippet comes from the full text"
run d search 'Summary AND quokkaphile' --json
is "$(json_len "$out")" 1 "one query across the summary and the full text"
is "$(sql "SELECT text FROM articles WHERE id = $council")" \
    "Summary of Council votes." "articles.text (quotes' anchor) is the feed's"
page pangolinist "$WWW/pages/council.html"
run d fulltext "$council"
is "$status" 0 "the full text is replaced"
run d search quokkaphile --json
is "$(json_len "$out")" 0 "the old words are no longer found"
run d search pangolinist --json
is "$(json_get "$out" '[0]["id"]' 2>/dev/null)" "$council" "the new ones are"
sql "UPDATE articles SET hidden = 1 WHERE id = $council" >/dev/null
run d search pangolinist --json
is "$(json_len "$out")" 0 "a hidden article is not found"
sql "UPDATE articles SET hidden = 0 WHERE id = $council" >/dev/null
is "$(fts_ok)" ok "the index agrees with the articles"
d remove "$B/council.xml" >/dev/null
run d search pangolinist --json
is "$(json_len "$out")" 0 "a deleted article is not found"
is "$(fts_ok)" ok "the index agrees after the delete"

# --- full texts from before schema 6 become searchable ---
budget=$(id_of w5)
sql "UPDATE articles SET fulltext_plain = NULL WHERE id = $budget" >/dev/null
run d search zebrafinch --json
is "$(json_len "$out")" 0 "a full text without its plain text is not indexed"
run d poll --feed "$B/plain.xml"
run d search zebrafinch --json
is "$(json_get "$out" '[0]["id"]' 2>/dev/null)" "$budget" \
    "the next poll indexes it"

# --- export --html: pages of deleted articles go, nothing else ---
OUT="$TMP/site"
run d export --html "$OUT"
is "$status" 0 "export --html"
plain=$(sql "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.url = '$B/plain.xml'")
pfeed=$(sql "SELECT id FROM feeds WHERE url = '$B/plain.xml'")
ok "$([ -f "$OUT/article-$plain.html" ] && [ -f "$OUT/feed-$pfeed.html" ]
    echo $?)" "a page per article and feed"
ok "$(grep -qx "article-$plain.html" "$OUT/.dossier-export"; echo $?)" \
    "listed in DIR/.dossier-export"
echo mine >"$OUT/notes.txt"
echo mine >"$OUT/article-999999.html"
mkdir "$OUT/feed-777777.html"
printf 'article-888888.html\n../outside.html\n/etc/passwd\n' \
    >>"$OUT/.dossier-export"
echo mine >"$OUT/article-888888.html"
echo keep >"$TMP/outside.html"
d remove "$B/plain.xml" >/dev/null
run d export --html "$OUT"
is "$status" 0 "export --html into the same directory"
like "$out" "removed 3 pages of the last export" "says what it removed"
ok "$([ ! -e "$OUT/article-$plain.html" ] && [ ! -e "$OUT/feed-$pfeed.html" ]
    echo $?)" "the pages of the deleted feed and article are gone"
ok "$([ -f "$OUT/notes.txt" ] && [ -f "$OUT/article-999999.html" ] &&
    [ -d "$OUT/feed-777777.html" ] && [ -f "$TMP/outside.html" ]; echo $?)" \
    "files it did not write are kept"
ok "$([ -f "$OUT/article-$suit.html" ] && [ -f "$OUT/index.html" ]; echo $?)" \
    "the others are there"
