#!/bin/sh
# tui_basic.sh: the reader driven in tmux on a temporary archive: feeds,
# articles, the pager (scrolling, search, links opened through a stub
# browser), resizing down to 20x5, help, the config (bind-key, a mistake,
# text-width), wide characters, LANG=C, TERM=vt100, and the terminal given
# back on quit and on a crash signal.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 62
DB="$TMP/a.db"
STUB="$top_srcdir/tests/data/tui/browser.sh"
"$DOSSIER" --db "$DB" ingest "$top_srcdir/tests/data/tui/feed.rss" \
    --feed https://gazette.example/feed.xml >/dev/null ||
    echo "Bail out! cannot build the archive"

start 80 24 TZ=UTC TERM=xterm-256color BROWSER="$STUB"
wait_for "Tui Gazette +30/30"
ok $? "the feeds view lists the feed with unread/total"
like "$(row 0)" "^ dossier: feeds" "the title line is at the top"
like "$(row 1)" "All articles +30/30" "then all articles"
like "$(row 23)" "\\?: help" "the status line at the bottom"

keys n Enter
wait_for "Budget hearing draws a crowd"
ok $? "Enter opens the feed's articles"
like "$(row 1)" "^ N  2025-03-01  Tui Gazette +Budget hearing" \
    "newest first: unread, date, outlet, title"
like "$(row 2)" "Brief number 01" "then the next"

keys Enter
wait_for "Title: +Budget hearing draws a crowd"
ok $? "Enter opens the article in the pager"
like "$scr" "Link: +https://gazette.example/2025/03/01/hearing" \
    "the header has the link"
like "$scr" "Author: +Mara Quist" "and the author"
like "$scr" "Line 01 of the long story" "the body follows"

keys Space
wait_gone "Line 01 of the long story"
ok $? "space pages down"
keys G
wait_for "^\\[2\\] https://evil.example"
ok $? "G goes to the end: the list of links"
keys g
wait_for "Title: +Budget"
ok $? "g goes back to the top"

keys / ; type_text zeppelin ; keys Enter
wait_for "Match 1 of 1"
ok $? "/ searches the article"
like "$scr" "Line 30 of the long story, a zeppelin" "and shows the match"
unlike=$(printf '%s\n' "$scr" | grep -c "Title: ")
is "$unlike" 0 "scrolled down to it"

keys o
wait_for "Open link \\(1-2"
ok $? "o asks for a link number"
type_text 1 ; keys Enter
i=0; while [ ! -s "$BROWSER_LOG" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
is "$(cat "$BROWSER_LOG" 2>/dev/null)" "https://records.example/hearing.pdf
--" "link 1 reaches the browser as its one argument"
: >"$BROWSER_LOG"
keys o ; type_text 2 ; keys Enter
i=0; while [ ! -s "$BROWSER_LOG" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
is "$(cat "$BROWSER_LOG" 2>/dev/null)" \
    'https://evil.example/x?a=$(touch${IFS}pwned);`id`|cat&b=1
--' "a link full of shell syntax arrives as exactly one argument"
ok "$(ls "$TMP" | grep -c pwned)" "and nothing in it ran"
keys o ; type_text 9 ; keys Enter
wait_for "No link 9"
ok $? "a link number that does not exist is refused"

keys q
wait_for "Brief number 01"
ok $? "q goes back to the list"
like "$(row 1)" "^    2025-03-01  Tui Gazette +Budget" \
    "the article read is no longer marked N"
keys m s
wait_for "^ N\\* 2025-03-01  Tui Gazette +Budget"
ok $? "m marks it unread again, s stars it"

T resize-window -x 50 -y 15
wait_for "^ N\\* 2025-03-01  Tui Gazett"
ok $? "a resize redraws at once"
is "$(wider_than 50)" 0 "nothing wider than the window"
keys Enter
wait_for "^Line 01 of the long story, a paragraph about the$"
ok $? "the article is laid out at the new width"

T resize-window -x 20 -y 5
sleep 0.5
scr=$(screen)
ok "$(test -n "$(reader_pid)"; echo $?)" "20x5 does not crash the reader"
keys j k G g
T resize-window -x 80 -y 24
wait_for "Title: +Budget hearing draws a crowd"
ok $? "back to 80x24, all is there again"

keys '?'
wait_for "star or unstar"
ok $? "? shows the keys of the pager"
like "$scr" "next search match" "including the pager's own"
like "$scr" "Help: the keys of the pager view" "for this view"
keys q
wait_for "Title: +Budget"
ok $? "q leaves the help"

keys Q
wait_for "TTY="
ok $? "Q quits"
like "$scr" "EXIT=0" "with status 0"
like "$scr" "TTY=COOKED" "and the terminal restored"

# the config: a key bound, a mistake reported, text-width
mkdir -p "$XDG_CONFIG_HOME/dossier"
cat >"$XDG_CONFIG_HOME/dossier/config" <<'EOF'
bind-key x quit
nonsense here
text-width 40
color title purple
EOF
start 80 24 TZ=UTC
wait_for ":2: unknown directive 'nonsense'"
ok $? "a config mistake is shown with its line number"
like "$scr" "Tui Gazette" "and the reader runs anyway"
keys '?' G
wait_for ":4: color: unknown colour"
ok $? "help lists all the mistakes"
keys q n Enter Enter
wait_for "Title: +Budget"
ok $? "the config's reader opens articles"
is "$(wider_than 40 body)" 0 "text-width 40 is honoured"
keys x
wait_for "EXIT=0"
ok $? "bind-key x quit works"
rm -f "$XDG_CONFIG_HOME/dossier/config"

# wide characters, and the same under LANG=C
"$DOSSIER" --db "$DB" ingest "$top_srcdir/tests/data/tui/wide.rss" \
    --feed https://wide.example/feed.xml >/dev/null
start 80 24 TZ=UTC
wait_for "東京新聞テスト +1/1"
ok $? "a CJK feed title, counts aligned after it"
keys n n
keys Enter
wait_for "東京で会議が開かれた 🎉 Café naïve"
ok $? "a CJK title with an emoji in the list"
keys Enter
wait_for "本文は日本語です"
ok $? "and its body in the pager"
is "$(wider_than 80)" 0 "no line wider than 80 columns"
keys Q
wait_for "EXIT=0"
ok $? "quit"

start 80 24 TZ=UTC LC_ALL=C LANG=C
wait_for "Tui Gazette"
ok $? "the reader runs with LANG=C"
like "$scr" "\\?{7} +[0-9]/1" "non-ASCII shows as '?'"
nonascii=$(printf '%s' "$scr" | LC_ALL=C grep -c '[^ -~]')
is "$nonascii" 0 "and nothing but ASCII reaches the screen"
keys Q
wait_for "EXIT=0"
ok $? "quit"

start 80 24 TERM=vt100
wait_for "Tui Gazette +[0-9]+/30"
ok $? "TERM=vt100 (no colours) works"
keys n Enter Enter
wait_for "Title: +Budget"
ok $? "and reads articles"
keys Q
wait_for "TTY=COOKED"
ok $? "quit"

start 20 5
wait_for "dossier|Too small"
ok $? "starting at 20x5 works"
keys n Enter Enter j q q
sleep 0.3
ok "$(test -n "$(reader_pid)"; echo $?)" "and survives moving around"
keys Q
wait_for "EXIT=0"
ok $? "quit"

start 80 24
wait_for "Tui Gazette"
kill -TERM "$(reader_pid)"
wait_for "TTY="
like "$scr" "EXIT=0" "SIGTERM ends the reader cleanly"
like "$scr" "TTY=COOKED" "with the terminal restored"

start 80 24
wait_for "Tui Gazette"
kill -SEGV "$(reader_pid)"
wait_for "TTY="
like "$scr" "EXIT=139" "a crash signal kills it with that signal"
like "$scr" "TTY=COOKED" "after restoring the terminal"
