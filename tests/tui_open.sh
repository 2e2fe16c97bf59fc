#!/bin/sh
# tui_open.sh: dossier open ID [N], with a stub browser that records its
# arguments: the article's link, link N of the list `show` prints, a URL
# full of shell syntax as one argument, refused URLs, no browser at all.
. "${top_srcdir:-.}/tests/lib.sh"

plan 16
DB="$TMP/a.db"
export DOSSIER_DB="$DB"
STUB="$top_srcdir/tests/data/tui/browser.sh"
BROWSER_LOG="$TMP/browser.log"
export BROWSER_LOG
"$DOSSIER" ingest "$top_srcdir/tests/data/tui/feed.rss" \
    --feed https://gazette.example/feed.xml >/dev/null
"$DOSSIER" ingest "$top_srcdir/tests/data/tui/hostile.rss" \
    --feed https://hostile.example/feed.xml >/dev/null
id=$(json_get "$("$DOSSIER" list --feed https://gazette.example/feed.xml \
    --limit 1 --json)" '[0]["id"]')
js=$(json_get "$("$DOSSIER" list --feed https://hostile.example/feed.xml \
    --json)" '[2]["id"]')

BROWSER="$STUB" run "$DOSSIER" open "$id"
is "$status" 0 "open ID"
is "$(cat "$BROWSER_LOG")" "https://gazette.example/2025/03/01/hearing
--" "the article's link is the one argument"
: >"$BROWSER_LOG"
BROWSER="$STUB" run "$DOSSIER" open "$id" 1
is "$status" 0 "open ID 1"
is "$(cat "$BROWSER_LOG")" "https://records.example/hearing.pdf
--" "link 1 of the article"
: >"$BROWSER_LOG"
(cd "$TMP" && BROWSER="$STUB" "$DOSSIER" open "$id" 2 >/dev/null 2>&1)
is "$(cat "$BROWSER_LOG")" 'https://evil.example/x?a=$(touch${IFS}pwned);`id`|cat&b=1
--' "a link full of shell syntax is exactly one argument"
ok "$(ls "$TMP" | grep -c pwned)" "and nothing in it ran"
: >"$BROWSER_LOG"
BROWSER="$STUB --new-window" run "$DOSSIER" open "$id" 1
is "$(cat "$BROWSER_LOG")" "--new-window
https://records.example/hearing.pdf
--" "\$BROWSER is split on blanks, the URL comes last"
: >"$BROWSER_LOG"
mkdir -p "$XDG_CONFIG_HOME/dossier"
printf 'browser "%s --from-config"\n' "$STUB" \
    >"$XDG_CONFIG_HOME/dossier/config"
BROWSER=/nonexistent run "$DOSSIER" open "$id" 1
is "$(head -n 1 "$BROWSER_LOG")" "--from-config" "the config wins over \$BROWSER"
rm -f "$XDG_CONFIG_HOME/dossier/config"
: >"$BROWSER_LOG"

BROWSER="$STUB" run "$DOSSIER" open "$id" 3
is "$status" 1 "a link number past the list fails"
like "$err" "has 2 links" "and says how many there are"
BROWSER="$STUB" run "$DOSSIER" open "$js"
is "$status" 1 "a javascript: link is refused"
like "$err" "refusing to open 'javascript:alert\\(1\\)': not an http or https URL" \
    "with a clear message"
ok "$(test ! -s "$BROWSER_LOG"; echo $?)" "the browser never ran"
BROWSER="$STUB" run "$DOSSIER" open 999999
is "$status" 1 "a missing article fails"
BROWSER="$STUB" run "$DOSSIER" open x
is "$status" 2 "a bad ID is a usage error"
BROWSER=/nonexistent/browser run "$DOSSIER" open "$id"
is "$status" 1 "a browser that cannot run fails"
