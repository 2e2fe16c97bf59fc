#!/bin/sh
# cli_docs.sh: documents and the offline archive, run as a user would on a
# temporary archive: doc add (HTML, text, Markdown, PDF, a URL), doc list
# and remove, fulltext against the loopback server (tests/httpd.py),
# export --html (no scripts, no remote loads), export --json and
# import-archive (round trip), backup while another process writes, prune
# (starred and quoted kept), stats and vacuum.
. "${top_srcdir:-.}/tests/lib.sh"

plan 106

DB="$TMP/a.db"
export DOSSIER_DB="$DB"
DATA="$top_srcdir/tests/data/docs"
SAMPLES="$top_srcdir/feeds/samples"
d() { "$DOSSIER" "$@"; }
# sql DB QUERY: the first column of each row, one a line
sql() {
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
for row in db.execute(sys.argv[2]):
    print(row[0])' "$1" "$2"
}

# The server, on an ephemeral port; stopped on exit.
serve --root "$top_srcdir/tests/data" --lifetime 280
WRITER=
trap 'kill $SERVER $WRITER 2>/dev/null; rm -rf "$TMP"' EXIT

# --- doc add: HTML, Markdown, text ---
run d doc add "$SAMPLES/documents/usds-letter.html" --tag doc --tag usds
is "$status" 0 "doc add of an HTML document"
like "$out" "^added document [0-9]+ \(html" "says what it added"
like "$out" "Resignation letter of 21 United States DOGE Service staff" \
    "the title comes from the page, without the site's name"
letter=$(printf '%s' "$out" | sed -n 's/^added document \([0-9]*\).*/\1/p')
run d doc add "$SAMPLES/documents/usds-letter.html" --tag doc --tag usds
like "$out" "^unchanged document $letter " "adding it again changes nothing"
run d search technologists --json
is "$(json_get "$out" '[0]["id"]')" "$letter" \
    "the sample document is searchable"
is "$(json_get "$out" '[0]["feed"]')" "Documents" "in the Documents source"
is "$(sql "$DB" "SELECT norm_url FROM articles WHERE id = $letter")" \
    "https://records.example/usds/resignation-letter-2025-02-25" \
    "its canonical URL, normalised, makes it a cross-reference target"
is "$(sql "$DB" "SELECT categories FROM articles WHERE id = $letter" |
    tr '\n' ,)" "doc,usds," "tags kept"

run d doc add "$DATA/notes.md"
is "$status" 0 "doc add of Markdown"
like "$out" "\(markdown.*Notes on the bargaining order" \
    "the first heading is the title"
md=$(printf '%s' "$out" | sed -n 's/^added document \([0-9]*\).*/\1/p')
run d search marmoset --json
is "$(json_get "$out" '[0]["id"]')" "$md" "the Markdown is searchable"
run d show "$md"
like "$out" "\*\*marmoset\*\*" "Markdown is kept as text"
like "$out" "Union dues are no longer deducted" "its list items are there"

run d doc add "$DATA/letter.txt" --title "A letter from a field office"
is "$status" 0 "doc add of plain text"
like "$out" "\(text.*A letter from a field office" "--title wins"
txt=$(printf '%s' "$out" | sed -n 's/^added document \([0-9]*\).*/\1/p')
run d show "$txt"
like "$out" "nineteen years, and I read your report" \
    "hard-wrapped lines are joined"

# --- PDF ---
if command -v pdftotext >/dev/null 2>&1; then
	run d doc add "$DATA/memo.pdf" --tag memos
	is "$status" 0 "doc add of a PDF"
	like "$out" "\(pdf.*Telework memo, 3 March 2025" \
	    "the title from the PDF's metadata"
	run d search telework --json
	like "$out" "Telework memo" "the PDF's text is searchable"
else
	ok 0 "# SKIP pdftotext is not installed"
	ok 0 "# SKIP pdftotext is not installed"
	ok 0 "# SKIP pdftotext is not installed"
fi
run env PATH=/nonexistent "$DOSSIER" doc add "$DATA/memo.pdf"
is "$status" 1 "without pdftotext a PDF is refused"
like "$err" "pdftotext is not installed.*poppler-utils" \
    "with a message naming the Debian package"

# --- errors ---
run d doc add "$TMP/missing.html"
is "$status" 1 "a missing file is an error"
head -c 3000 /dev/urandom >"$TMP/random.bin"
printf '\0\0' >>"$TMP/random.bin"
run d doc add "$TMP/random.bin"
is "$status" 1 "binary data is refused"
like "$err" "binary data" "with a message"
printf '\n\n   \n' >"$TMP/empty.txt"
run d doc add "$TMP/empty.txt"
is "$status" 1 "an empty document is refused"
run d doc add "$DATA/letter.txt" --url "file:///etc/passwd"
is "$status" 1 "--url must be http or https"
run d doc add
is "$status" 2 "doc add without a FILE is a usage error"
run d doc frobnicate
is "$status" 2 "an unknown doc subcommand is a usage error"

# --- doc add URL (through the fetcher) ---
run d doc add "$B/extract/news-blog.html" --tag blog
is "$status" 0 "doc add of a URL"
like "$out" "Reading the resignation letter line by line" \
    "its main content and title"
blog=$(printf '%s' "$out" | sed -n 's/^added document \([0-9]*\).*/\1/p')
is "$(sql "$DB" "SELECT url FROM articles WHERE id = $blog")" \
    "$B/extract/news-blog.html" "kept under the URL it was fetched from"
run d show "$blog"
like "$out" "three passages stand out" "the article is kept"
case "$out" in
*"Recent Posts"*|*"One thought on this post"*)
	ok 1 "the sidebar and the comments are not" ;;
*)	ok 0 "the sidebar and the comments are not" ;;
esac
if command -v pdftotext >/dev/null 2>&1; then
	run d doc add "$B/docs/memo.pdf"
	like "$out" "^added document [0-9]+ \(pdf" \
	    "a PDF from a URL (served with the wrong type) goes to pdftotext"
else
	ok 0 "# SKIP pdftotext is not installed"
fi
run d doc add "$B/status/404"
is "$status" 1 "a URL that fails is an error"
like "$err" "404" "with the status"

# --- doc list, remove ---
run d doc list --json
ndocs=$(json_len "$out")
like "$ndocs" "^[5-7]$" "doc list lists the documents"
run d doc list
like "$out" "records.example/usds/resignation-letter" "with their URLs"
run d doc remove "$txt"
is "$status" 0 "doc remove"
run d doc list --json
is "$(json_len "$out")" "$((ndocs - 1))" "one fewer document"
run d doc remove "$txt"
is "$status" 1 "removing twice fails"
run d doc remove x
is "$status" 2 "doc remove wants a number"

# --- fulltext ---
FEED="$TMP/feed.rss"
cat >"$FEED" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title>
<link>$B/</link><description>x</description>
<item><title>Union files suit</title><link>$B/extract/news-classic.html</link>
<guid>lw-1</guid><pubDate>Tue, 25 Feb 2025 16:00:00 GMT</pubDate>
<description>A one-line summary of the suit.</description></item>
<item><title>Plans go in</title><link>$B/extract/news-divsoup.html</link>
<guid>lw-2</guid><pubDate>Fri, 21 Mar 2025 16:00:00 GMT</pubDate>
<description>A one-line summary of the plans.</description></item>
<item><title>Gone</title><link>$B/status/410</link>
<guid>lw-3</guid><pubDate>Sat, 22 Mar 2025 16:00:00 GMT</pubDate>
<description>A page that is gone.</description></item>
</channel></rss>
EOF
run d ingest "$FEED" --feed https://localwire.example/feed.rss
is "$status" 0 "a feed with summaries only"
suit=$(sql "$DB" "SELECT id FROM articles WHERE guid = 'lw-1'")
plans=$(sql "$DB" "SELECT id FROM articles WHERE guid = 'lw-2'")
gone=$(sql "$DB" "SELECT id FROM articles WHERE guid = 'lw-3'")
run d fulltext "$suit"
is "$status" 0 "fulltext ID"
like "$out" "^$suit: stored [0-9]+ bytes of text from $B/extract/news-classic.html" \
    "says what it stored"
ft=$(sql "$DB" "SELECT fulltext FROM articles WHERE id = $suit")
like "$ft" "asked a court on Tuesday to block the personnel office" \
    "the main content is kept"
case "$ft" in
*"Most read"*|*"Comments (2)"*|*"<script"*) ok 1 "without the page's clutter" ;;
*) ok 0 "without the page's clutter" ;;
esac
is "$(sql "$DB" "SELECT summary FROM articles WHERE id = $suit")" \
    "A one-line summary of the suit." "next to the summary, not over it"
run d fulltext --feed https://localwire.example/feed.rss
is "$status" 1 "fulltext --feed: one page failed"
like "$out" "^$plans: stored" "the missing one is fetched"
like "$err" "410" "the failure is reported with its status"
is "$(sql "$DB" "SELECT fulltext IS NULL FROM articles WHERE id = $gone")" 1 \
    "nothing stored for it"
run d fulltext "$letter" 999999
is "$status" 1 "fulltext of a missing article fails"
like "$err" "999999: no such article" "and says so"
run d fulltext
is "$status" 2 "fulltext without IDs is a usage error"

# --- export --html ---
run d ingest "$DATA/hostile.rss" --feed https://hostile.example/feed.rss
is "$status" 0 "a hostile feed"
hostile=$(sql "$DB" "SELECT id FROM articles WHERE guid LIKE '%everything'")
run d add https://localwire.example/feed.rss --tag wire
OUT="$TMP/site"
run d export --html "$OUT"
is "$status" 0 "export --html DIR"
like "$out" "wrote [0-9]+ pages" "says how many pages"
ok "$([ -f "$OUT/index.html" ] && [ -f "$OUT/quotes.html" ] &&
    [ -f "$OUT/article-$letter.html" ] && [ -f "$OUT/article-$hostile.html" ]
    echo $?)" "index, quotes and one page per article"
ok "$(grep -ril '<script' "$OUT" >/dev/null; [ $? -ne 0 ]; echo $?)" \
    "no <script> anywhere"
ok "$(grep -riE "src=[\"']?(https?:)?//" "$OUT" >/dev/null; [ $? -ne 0 ]
    echo $?)" "no remote URL in any src attribute"
page=$(cat "$OUT/article-$hostile.html")
for bad in '<iframe' '<object' '<embed' '<video' '<form' '<input' \
    'onclick' 'onerror' 'onload' 'javascript:' 'tracker.example' \
    'http-equiv="refresh"' '<base' 'poster='; do
	case "$page" in
	*"$bad"*) echo "# found $bad"; found=1 ;;
	esac
done
ok "${found:-0}" "the hostile article is defused"
like "$page" "\[image: a chart of office closures\]" \
    "a remote image becomes its alt text"
like "$page" 'src="data:image/png' "an inline image stays"
like "$page" 'href="https://records.example/opm/guidance-2025-02-24"' \
    "ordinary links stay"
like "$page" "The budget office" "the text stays"
like "$(cat "$OUT/article-$suit.html")" "Full text of the linked page" \
    "the full text has its section"
like "$(cat "$OUT/index.html")" 'href="tag-[0-9]+.html">wire<' \
    "an index page per tag"
like "$(cat "$OUT/index.html")" 'href="feed-[0-9]+.html">Local Wire<' \
    "an index page per feed"
no_controls "$(cat "$OUT"/*.html)" "no control characters in the pages"

# --- quotes, stars: put some in, then the JSON round trip ---
sql "$DB" "INSERT INTO quotes (article_id, text, start, end, speaker, note,
    created, modified) VALUES ($letter, 'We swore to serve', 0, 17,
    'the signers', 'opening', 1740000000, 1740000000)" >/dev/null
qid=$(sql "$DB" "SELECT max(id) FROM quotes")
sql "$DB" "INSERT INTO quote_tags (quote_id, tag) VALUES ($qid, 'oath')" \
    >/dev/null
sql "$DB" "UPDATE articles SET starred = 1 WHERE id = $plans" >/dev/null
run d export --html "$OUT"
like "$(cat "$OUT/quotes.html")" "<h2>oath</h2>" "quotes.html groups by tag"
like "$(cat "$OUT/quotes.html")" "article-$letter.html#q$qid" \
    "and links back to the quoted article"

run d export --json --output "$TMP/dump1.jsonl"
is "$status" 0 "export --json"
like "$(head -n 1 "$TMP/dump1.jsonl")" '^\{"type":"dossier-archive","format":1' \
    "starts with its header"
like "$(grep -c '"type":"article_versions"\|"type":"quote_tags"\|"type":"enclosures"' "$TMP/dump1.jsonl")" \
    "^[1-9]" "versions, quote tags and enclosures are dumped"
run "$DOSSIER" --db "$TMP/b.db" import-archive "$TMP/dump1.jsonl"
is "$status" 0 "import-archive into an empty archive"
run "$DOSSIER" --db "$TMP/b.db" export --json --output "$TMP/dump2.jsonl"
ok "$(cmp -s "$TMP/dump1.jsonl" "$TMP/dump2.jsonl"; echo $?)" \
    "a second dump is identical to the first"
run "$DOSSIER" --db "$TMP/b.db" search marmoset --json
is "$(json_get "$out" '[0]["id"]')" "$md" "search works on the copy"
run "$DOSSIER" --db "$TMP/b.db" import-archive "$TMP/dump1.jsonl"
is "$status" 1 "import-archive refuses a non-empty archive"
like "$err" "not empty" "and says why"
printf '{"type":"feeds","id":1}\n' >"$TMP/bad.jsonl"
run "$DOSSIER" --db "$TMP/c.db" import-archive "$TMP/bad.jsonl"
is "$status" 1 "a file without the header is refused"
{ head -n 1 "$TMP/dump1.jsonl"; printf '{"type":"feeds","id":7,"evil":1}\n'; } \
    >"$TMP/bad.jsonl"
run "$DOSSIER" --db "$TMP/c.db" import-archive "$TMP/bad.jsonl"
like "$err" "no column 'evil'" "an unknown column is refused"
is "$(sql "$TMP/c.db" "SELECT count(*) FROM feeds")" 1 \
    "and nothing of the file was kept"

# --- backup, while another process writes ---
# the writer adds rows two at a time in one transaction: a consistent
# snapshot always holds an even number of them
"$PYTHON3" -c 'import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
end = time.time() + 4
while time.time() < end:
    db.execute("BEGIN IMMEDIATE")
    for k in range(2):
        db.execute("INSERT INTO article_versions (article_id, hash, seen)"
                   " VALUES (?, ?, 0)", (int(sys.argv[2]), "writer"))
    db.execute("COMMIT")
    time.sleep(0.002)' "$DB" "$letter" &
WRITER=$!
sleep 0.5
fails=0
for n in 1 2 3; do
	d backup "$TMP/backup$n.db" >/dev/null 2>"$TMP/backup.err" ||
	    fails=$((fails + 1))
	sleep 0.3
done
wait $WRITER
WRITER=
is "$fails" 0 "backup while another process writes"
bad=0
for n in 1 2 3; do
	[ "$(sql "$TMP/backup$n.db" "PRAGMA integrity_check")" = ok ] ||
	    bad=$((bad + 1))
	w=$(sql "$TMP/backup$n.db" \
	    "SELECT count(*) FROM article_versions WHERE hash = 'writer'")
	[ $((w % 2)) -eq 0 ] || bad=$((bad + 1))
done
is "$bad" 0 "each copy is whole and consistent"
ok "$([ ! -e "$TMP/backup1.db-wal" ]; echo $?)" "a copy is a single file"
run "$DOSSIER" --db "$TMP/backup1.db" search marmoset --json
is "$(json_get "$out" '[0]["id"]')" "$md" "a copy opens as an archive"
run d backup "$TMP/backup1.db"
is "$status" 1 "backup does not overwrite a file"
run d backup "$TMP/backup1.db" --force
is "$status" 0 "unless --force"
run d backup "$DB" --force
is "$status" 1 "backup refuses to overwrite the archive itself"

# --- prune ---
run d ingest "$SAMPLES/capitol-ledger.rss" --feed https://capitolledger.example/feed.rss
old=$(sql "$DB" "SELECT min(a.id) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.url = 'https://capitolledger.example/feed.rss'")
sql "$DB" "UPDATE articles SET starred = 1 WHERE id = $old" >/dev/null
sql "$DB" "INSERT INTO quotes (article_id, text, start, end, created,
    modified) VALUES ($((old + 1)), 'x', 0, 1, 0, 0)" >/dev/null
before=$(sql "$DB" "SELECT count(*) FROM articles")
feedarts=$(sql "$DB" "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.kind = 0")
run d prune
is "$status" 2 "prune without --older-than is a usage error"
run d prune --older-than 36500
like "$out" "^deleted 0 articles" "nothing is a century old"
run d prune --older-than 30 --dry-run
like "$out" "^would delete $((feedarts - 3)) articles" \
    "--dry-run counts (starred and quoted kept)"
is "$(sql "$DB" "SELECT count(*) FROM articles")" "$before" \
    "--dry-run deletes nothing"
run d prune --older-than 30 --keep-starred --keep-quoted
is "$status" 0 "prune --older-than 30"
like "$out" "^deleted $((feedarts - 3)) articles.*kept 2 starred and 1 quoted" \
    "says how many were deleted and kept"
is "$(sql "$DB" "SELECT count(*) FROM articles WHERE id IN ($old, $((old + 1)), $plans)")" 3 \
    "starred and quoted articles are kept"
is "$(sql "$DB" "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.kind = 1")" \
    "$((ndocs - 1))" "documents are never pruned"
run d prune --older-than 30 --include-starred
like "$out" "^deleted 2 articles" "--include-starred deletes the starred ones"

# --- stats, vacuum ---
run d stats --json
is "$status" 0 "stats --json"
is "$(json_get "$out" '["documents"]')" "$((ndocs - 1))" "counts documents"
is "$(json_get "$out" '["quotes"]')" 2 "counts quotes"
like "$(json_get "$out" '["db_bytes"]')" "^[1-9][0-9]*$" "size on disk"
run d stats
like "$out" "write-ahead log" "stats as text"
run d vacuum
is "$status" 0 "vacuum"
like "$out" "^vacuumed: [0-9]+ bytes before, [0-9]+ after" "says the sizes"
