#!/bin/sh
# cli_basic.sh: the commands of the archive, run as a user would, on a
# temporary archive: add/remove/feeds/list/show/search/mark-read/ingest,
# their JSON, their errors and exit codes.
. "${top_srcdir:-.}/tests/lib.sh"

plan 44
DB="$TMP/a.db"
export DOSSIER_DB="$DB"
FEED="$top_srcdir/tests/data/cli/feed.rss"
URL=https://ledger.example/feed.xml

run "$DOSSIER" --version
is "$status" 0 "--version exits 0"
like "$out" "^dossier [0-9]" "--version prints the version"
run "$DOSSIER" --help
like "$out" "mark-read" "--help lists the commands"
run "$DOSSIER" nosuch
is "$status" 2 "an unknown command is a usage error"
like "$err" "'nosuch' is not a command" "and says so"

run "$DOSSIER" add "$URL" --tag unions --tag courts
is "$status" 0 "add works offline"
run "$DOSSIER" add "file:///etc/passwd"
is "$status" 1 "add refuses a file: URL"
like "$err" "not an http or https URL" "with a clear message"
run "$DOSSIER" add "https://a.example/x
y"
is "$status" 1 "add refuses a URL with a newline"
run "$DOSSIER" add
is "$status" 2 "add without a URL is a usage error"

run "$DOSSIER" ingest "$FEED" --feed "$URL"
is "$status" 0 "ingest a local feed"
like "$out" "3 new" "three new items"
run "$DOSSIER" ingest "$FEED" --feed "$URL"
like "$out" "0 new, 0 updated, 3 unchanged" "ingesting again changes nothing"
run "$DOSSIER" ingest "$TMP/missing.xml" --feed "$URL"
is "$status" 1 "a missing file is an error"

run "$DOSSIER" list --json
is "$(json_len "$out")" 3 "list --json has the three articles"
t=$(json_get "$out" '[0]["title"]')
like "$t" "^Hostile" "newest first"
no_controls "$t" "no control characters reach a title"
is "$(json_get "$out" '[1]["author"]')" "Ana Ruiz" "author"
is "$(json_get "$out" '[1]["published"]')" "2025-02-26T14:00:00Z" \
    "published in RFC 3339"
is "$(json_get "$out" '[1]["feed"]')" "Test Ledger" "feed title from the feed"
is "$(json_get "$out" '[1]["read"]')" "False" "unread"
run "$DOSSIER" list --limit 1 --json
is "$(json_len "$out")" 1 "--limit"
run "$DOSSIER" list --limit x
is "$status" 2 "a bad number is a usage error"

id=$(json_get "$("$DOSSIER" list --json)" '[2]["id"]')
run "$DOSSIER" search marmalade --json
is "$(json_get "$out" '[0]["id"]')" "$id" "search finds a word in the body"
run "$DOSSIER" search 'marmalade"'
is "$status" 1 "a malformed query fails"
like "$err" "bad search query" "with a message"

run "$DOSSIER" mark-read "$id"
is "$status" 0 "mark-read"
run "$DOSSIER" list --unread --json
is "$(json_len "$out")" 2 "one fewer unread"
run "$DOSSIER" mark-read 999999
is "$status" 1 "mark-read of a missing article fails"

run "$DOSSIER" feeds --json
is "$(json_get "$out" '[0]["unread"]')" 2 "feeds counts unread"
printf 'feed tag:courts timeout 7\nbogus-key 1\n' >"$TMP/my.conf"
run "$DOSSIER" --config "$TMP/my.conf" feeds --verbose
like "$out" "timeout 7 s" "feeds --verbose shows a per-feed setting"
like "$err" "my.conf:2: unknown directive 'bogus-key'" \
    "a config mistake is reported with its line"
mkdir -p "$TMP/config/dossier/config"
run "$DOSSIER" feeds --json
is "$status" 0 "an unreadable config file does not stop a command"
like "$err" "config: .*config" "but is reported"

hid=$(json_get "$("$DOSSIER" list --json)" '[0]["id"]')
run "$DOSSIER" show "$hid"
no_controls "$out" "show prints no control characters"
like "$out" "Body with an escape" "show prints the body"

run "$DOSSIER" remove "$URL"
is "$status" 0 "remove"
run "$DOSSIER" list --json
is "$(json_len "$out")" 0 "its articles are gone"
run "$DOSSIER" remove "$URL"
is "$status" 1 "removing twice fails"

# libcurl (and the 35 libraries it brings) is loaded only by what needs
# it (src/fetch/curl_dl.c): the dynamic loader's log says which ran
loads_curl() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -c 'file=libcurl' || :
}
is "$(loads_curl "$DOSSIER" list)" 0 "list does not load libcurl"
is "$(loads_curl "$DOSSIER" parse "$FEED")" 0 "nor does parse"
like "$(loads_curl "$DOSSIER" ingest "$FEED" --feed "$URL")" "^[1-9]" \
    "ingest does (its links are normalised with libcurl's URL API)"

# parse writes its JSON itself: every string comes back exactly, with the
# characters JSON escapes at every offset of an 8-byte word
"$PYTHON3" - "$TMP/esc.xml" "$TMP/esc.want" <<'PY'
import sys, json
titles = []
for k in range(17):
    for c in ['"', '\\', '\t', '\n']:
        titles.append("a" + "x" * k + c + "é—" + "y" * (15 - k) + c + "z")
titles.append("“Sunlight”, she said: 'C:\\dir\\' / 100% <ok>")
body = "".join("<item><title>%s</title><guid>g%d</guid></item>" % (
    t.replace("&", "&amp;").replace("<", "&lt;"), i)
    for i, t in enumerate(titles))
open(sys.argv[1], "w").write(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
    '<title>esc</title>' + body + '</channel></rss>')
open(sys.argv[2], "w").write(json.dumps(titles))
PY
run "$DOSSIER" parse "$TMP/esc.xml"
is "$status" 0 "parse: a feed of titles full of quotes, backslashes, tabs"
is "$(printf '%s' "$out" | "$PYTHON3" -c 'import json, sys
print(json.dumps([i["title"] for i in json.load(sys.stdin)["items"]]))')" \
    "$(cat "$TMP/esc.want")" "every title comes back exactly from the JSON"
