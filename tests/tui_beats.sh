#!/bin/sh
# tui_beats.sh: beats and full text in the reader, in tmux.  The demo
# archive with the bundled rule file as the config: the beat is a virtual
# feed with its counts and lists what `dossier list --beat` lists.  Then F
# in the pager: the full text fetched from the loopback server in the
# background, shown, and toggled with the feed's text.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 12
DB="$TMP/demo.db"
RULES="$top_srcdir/feeds/civil-service.rules"
mkdir -p "$TMP/xdg/dossier"
cp "$RULES" "$TMP/xdg/dossier/config"
"$DOSSIER" --db "$DB" demo --samples "$top_srcdir/feeds/samples" \
    --no-reader >/dev/null || echo "Bail out! cannot build the demo archive"
beat_json() {
	"$DOSSIER" --db "$DB" --config "$RULES" list --beat civil-service --json
}
n=$(beat_json | "$PYTHON3" -c 'import json, sys; print(len(json.load(sys.stdin)))')
first=$(beat_json | "$PYTHON3" -c '
import json, re, sys
print(re.escape(json.load(sys.stdin)[0]["title"][:30]))')

start 80 24 TZ=UTC XDG_CONFIG_HOME="$TMP/xdg"
wait_for "Beat: civil-service +[0-9]+/$n"
ok $? "the beat is in the feed list, with unread/total counts"
like "$(row 5)" "^   Beat: civil-service" "after the entries at the top"
keys j j j j Enter
wait_for "Beat: civil-service +\\($n\\)"
ok $? "Enter lists its articles"
like "$(row 1)" "^ N  .*$first" "newest first, as dossier list --beat"
keys Enter
wait_for "Title: "
ok $? "Enter opens one"
keys q q
wait_for "Beat: civil-service +[0-9]+/$n"
ok $? "the counts again, one fewer unread"
keys Q
wait_for "EXIT=0"

# F: the full text from the loopback server
serve --root "$top_srcdir/tests/data" --lifetime 120
trap 'kill $SERVER 2>/dev/null; _cleanup' EXIT
DB="$TMP/ft.db"
cat >"$TMP/feed.rss" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title>
<link>$B/</link><description>x</description>
<item><title>Union files suit</title><link>$B/extract/news-classic.html</link>
<guid>lw-1</guid><pubDate>Tue, 25 Feb 2025 16:00:00 GMT</pubDate>
<description>A one-line summary of the suit.</description></item>
</channel></rss>
EOF
"$DOSSIER" --db "$DB" ingest "$TMP/feed.rss" \
    --feed https://localwire.example/feed.rss >/dev/null
start 80 24 TZ=UTC
wait_for "Local Wire +1/1"
keys n Enter
wait_for "Union files suit"
keys Enter
wait_for "Text: +the feed's \\(F: fetch the full text\\)"
ok $? "the header says the feed's text is shown"
keys F
wait_for "Full text fetched"
ok $? "F fetches the full text in the background"
wait_for "Text: +the full text of the page"
ok $? "and shows it"
like "$scr" "block the personnel office" "the page's main content"
keys F
wait_for "A one-line summary of the suit"
ok $? "F again: the feed's text"
keys Q
wait_for "EXIT=0"
ok $? "quit"
