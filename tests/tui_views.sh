#!/bin/sh
# tui_views.sh: the rest of the reader in tmux: feeds grouped by tag and
# read ones hidden, archive search with snippets, the article filter,
# mark-all-read and its undo, next/previous article from the pager, and
# OSC 8 hyperlinks (on a pseudo-terminal, since tmux would eat them).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 28
DB="$TMP/a.db"
"$DOSSIER" --db "$DB" add https://gazette.example/feed.xml --tag local \
    >/dev/null
"$DOSSIER" --db "$DB" ingest "$top_srcdir/tests/data/tui/feed.rss" \
    --feed https://gazette.example/feed.xml >/dev/null ||
    echo "Bail out! cannot build the archive"
"$DOSSIER" --db "$DB" add https://wide.example/feed.xml --tag world \
    >/dev/null
"$DOSSIER" --db "$DB" ingest "$top_srcdir/tests/data/tui/wide.rss" \
    --feed https://wide.example/feed.xml >/dev/null

start 80 24 TZ=UTC
wait_for "Tui Gazette +30/30  local"
ok $? "feeds show their tags"
keys t
wait_for "^   local +30/30"
ok $? "t groups the feeds under their tags"
like "$scr" "^     Tui Gazette +30/30" "the feed indented under its tag"
like "$scr" "^   world +1/1" "each tag with its totals"
keys t
wait_for "^   Tui Gazette +30/30"
ok $? "t again: not grouped"

keys / ; type_text zeppelin ; keys Enter
wait_for "Search: zeppelin"
ok $? "/ in the feed list searches the archive"
like "$scr" "Budget hearing draws a crowd" "the hit"
like "$scr" "Line 30 of the long story, a zeppelin about" \
    "with its snippet, markers taken out"
keys Enter
wait_for "Title: +Budget hearing"
ok $? "Enter opens the hit"
keys q q

keys n Enter
wait_for "Tui Gazette +\\(30\\)"
ok $? "the feed's articles"
keys / ; type_text 'brief AND 2*' ; keys Enter
wait_for "11 matches"
ok $? "/ filters the list with a full-text query"
like "$(row 0)" "filter: brief AND 2\\*" "the title says so"
like "$(row 1)" "Brief number 02" "newest first"
keys A
wait_for "Marked 11 articles read \\(u undoes it\\)"
ok $? "A marks the filtered articles read"
like "$(row 1)" "^    2025" "no longer unread"
keys q
wait_for "Filter cleared"
ok $? "q clears the filter first"
like "$(row 0)" "Tui Gazette +\\(30\\)" "all the articles again"
keys u
wait_for "11 articles are unread again"
ok $? "u undoes the mark-all-read"

keys Enter
wait_for "Title: +Budget hearing"
keys J
wait_for "Title: +Brief number 01"
ok $? "J shows the next article"
keys K
wait_for "Title: +Budget hearing"
ok $? "K the previous one"
keys q q

keys H
wait_for "Hiding feeds without unread"
ok $? "H hides the feeds without unread articles"
printf '%s\n' "$scr" | grep -q "Documents"
ok $((1 - $?)) "an empty feed is hidden"
keys H
wait_for "Documents"
ok $? "H again shows them"
keys Q
wait_for "EXIT=0"
ok $? "quit"

# OSC 8: hyperlinks around the links of an article, only when asked
printf 'hyperlinks yes\n' >"$TMP/hl.conf"
"$PYTHON3" "$top_srcdir/tests/tui_pty.py" "$TMP/out" "$DOSSIER" --db "$DB" \
    --config "$TMP/hl.conf" read -- n ENTER ENTER G
grep -q "$(printf '\033]8;;https://records.example/hearing.pdf\033')" \
    "$TMP/out"
ok $? "hyperlinks yes: a link in the list is an OSC 8 hyperlink"
grep -q "$(printf '\033]8;;https://gazette.example/2025/03/01/hearing\033')" \
    "$TMP/out"
ok $? "so is the article's own link"
grep -q "$(printf '\033]8;;javascript')" "$TMP/out"
ok $((1 - $?)) "never a javascript: URL"
printf 'hyperlinks no\n' >"$TMP/hl.conf"
"$PYTHON3" "$top_srcdir/tests/tui_pty.py" "$TMP/out" "$DOSSIER" --db "$DB" \
    --config "$TMP/hl.conf" read -- n ENTER ENTER G
grep -q "$(printf '\033]8;')" "$TMP/out"
ok $((1 - $?)) "hyperlinks no: none"
