#!/bin/sh
# tui_hostile.sh: what feeds can't do to the terminal, and what the reader
# hands to other programs: escape sequences, C1 controls and bidi overrides
# in titles and bodies never reach the screen (the layout stays put, the
# window title and the clipboard untouched); a javascript: link is refused;
# y copies a link with OSC 52; a reload runs in the background against a
# loopback server while the keys still work.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 24
DB="$TMP/a.db"
STUB="$top_srcdir/tests/data/tui/browser.sh"
"$DOSSIER" --db "$DB" ingest "$top_srcdir/tests/data/tui/hostile.rss" \
    --feed https://hostile.example/feed.xml >/dev/null ||
    echo "Bail out! cannot build the archive"

start 80 24 TZ=UTC BROWSER="$STUB"
T set-option -g set-clipboard on >/dev/null 2>&1
wait_for "Hostile"
ok $? "the hostile feed is listed"
like "$(row 0)" "^ dossier: feeds" "the title line is still at the top"
like "$(row 4)" "^   Hostile \\]0;ownedWire +3/3" \
    "its title without ESC and BEL, in its place"
like "$(row 23)" "\\?: help" "the status line is at the bottom"
title=$(T display-message -p -t 0 '#{pane_title}')
case "$title" in *owned*) r=1 ;; *) r=0 ;; esac
ok $r "the window title was not changed"

keys n Enter
wait_for "Clear \\[2J\\[Hscreen attempt"
ok $? "a title that tries to clear the screen shows as text"
like "$(row 0)" "^ Hostile" "the screen was not cleared or moved"
like "$(row 1)" "Clear \\[2J\\[Hscreen attempt" "the row is in place"
like "$(row 2)" "Bidi txt.exe and C1 .?31m control" \
    "bidi overrides and C1 controls are gone"
no_controls "$scr" "no control character on the screen"

keys Enter
wait_for "Body \\[31mred\\[0m and \\]52;c;SGVsbG8= clipboard"
ok $? "a body with escapes shows as text"
buf=$(T show-buffer 2>/dev/null)
is "$buf" "" "the OSC 52 in the body set no clipboard"
keys y
wait_for "Copied https://hostile.example/1"
ok $? "y copies the article's link"
i=0; while [ -z "$(T show-buffer 2>/dev/null)" ] && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
is "$(T show-buffer 2>/dev/null)" "https://hostile.example/1" \
    "with OSC 52, to the clipboard (tmux's buffer)"
keys q G o
wait_for "refusing to open 'javascript:alert\\(1\\)'"
ok $? "o refuses a javascript: link, and says why"
sleep 0.3
ok "$(test ! -s "$BROWSER_LOG"; echo $?)" "the browser never ran"
keys Q
wait_for "EXIT=0"
ok $? "quit"

# a reload in the background, from a loopback server
serve --root "$top_srcdir/tests/data/tui" --lifetime 120
DB="$TMP/b.db"
"$DOSSIER" --db "$DB" add "http://127.0.0.1:$PORT/feed.rss?delay=1500" \
    >/dev/null
start 80 24 TZ=UTC
wait_for "127.0.0.1"
ok $? "a feed never polled"
keys R
wait_for "Reloading all feeds"
ok $? "R starts a reload"
keys '?'
wait_for "Help: the keys of the feeds view"
ok $? "the keys work while it runs"
keys q
wait_for "Reloaded all feeds: 1 feed, 30 new, 0 failed"
ok $? "it ends with a summary"
like "$scr" "Tui Gazette +30/30" "and the feed list shows the new articles"
keys n r
wait_for "Reloaded Tui Gazette: 1 feed, 0 new, 0 failed"
ok $? "r reloads the selected feed, now, in the background"
keys Q
wait_for "EXIT=0"
ok $? "quit"
