#!/bin/sh
# cli_quotes.sh: dossier quote add/edit/remove/show, quotes (every export
# format, parsed back by python3: csv with its csv module, the JSON forms
# against their required fields, Markdown against a golden file) and tags,
# with their errors and exit codes.  The archive comes from
# "test_quotes --fixture" (the store API): three articles in three feeds.
. "${top_srcdir:-.}/tests/lib.sh"

plan 70
DB="$TMP/a.db"
export DOSSIER_DB="$DB"
DATA="$top_srcdir/tests/data/quotes"
WIRE=https://federalwire.example/atom.xml

"$top_builddir/tests/test_quotes" --fixture "$DB"
ok $? "an archive with three articles"

# adding
run "$DOSSIER" quote add 1 --text '"We will see them in court,"' \
    --tag afge --tag courts --note 'reaction, "day one"
second line'
is "$status" 0 "quote add"
is "$out" "added quote 1 (speaker: Everett Kelley)" \
    "says the id and the speaker it found"
run "$DOSSIER" quote add 2 --tag usds --speaker "USDS staffers" \
    --text "We will not use our skills as technologists"
is "$out" "added quote 2 (speaker: USDS staffers)" "a speaker given"
run "$DOSSIER" quote add 3 --text "It’s chaos" --tag opm-email
is "$status" 0 "a curly apostrophe finds a straight one"
run "$DOSSIER" quote add 1 --tag afge --text "Elon Musk's latest
    email   fiasco"
is "$status" 0 "whitespace and apostrophes do not matter"
run "$DOSSIER" quote add 1 --text "Failure to respond" --tag doge \
    --note "$(printf 'ESC\033[31m and bidi \342\200\256 in a note')"
is "$status" 0 "a note with control characters is kept"

# errors
run "$DOSSIER" quote add 1 --text "We will sue them all"
is "$status" 1 "text not in the article: status 1"
like "$err" "the text is not in article 1" "  with a clear message"
run "$DOSSIER" quote add 99 --text "anything"
is "$status" 1 "unknown article: status 1"
like "$err" "no article 99" "  says so"
run "$DOSSIER" quote show 42
is "$status" 1 "unknown quote: status 1"
like "$err" "no quote 42" "  says so"
run "$DOSSIER" quote edit 42 --note x
is "$status" 1 "editing an unknown quote"
run "$DOSSIER" quote remove 42
is "$status" 1 "removing an unknown quote"
run "$DOSSIER" quote add 1
is "$status" 2 "quote add without --text is a usage error"
run "$DOSSIER" quote add one --text x
is "$status" 2 "a bad ID is a usage error"
run "$DOSSIER" quote edit 1
is "$status" 2 "quote edit with nothing to change"
run "$DOSSIER" quote frob 1
is "$status" 2 "an unknown subcommand"
like "$err" "usage: dossier quote add" "  prints the usage"
run "$DOSSIER" quote add 1 --text court --tag " "
is "$status" 1 "an empty tag is refused"
run "$DOSSIER" quotes --format pdf
is "$status" 2 "an unknown format"
run "$DOSSIER" quotes --since yesterday
is "$status" 2 "a bad date"

# editing
run "$DOSSIER" quote edit 1 --untag courts --tag Courts-2025 \
    --note "the first reaction"
is "$status" 0 "quote edit"
run "$DOSSIER" quote show 1 --format json
is "$(json_get "$out" '[0]["tags"]')" "['afge', 'Courts-2025']" \
    "  tags changed"
is "$(json_get "$out" '[0]["note"]')" "the first reaction" "  note changed"
run "$DOSSIER" quote show 1
like "$out" "^Quote: +1" "quote show: the fields"
like "$out" "Link: +https://capitolledger.example/.*#:~:text=We%20will" \
    "  and the deep link"

# tags
run "$DOSSIER" tags
like "$out" "^ +2  afge" "tags: with counts"
run "$DOSSIER" tags --json co
is "$(json_get "$out" '[0]["tag"]')" "Courts-2025" "tags --json PREFIX"

# json
run "$DOSSIER" quotes --format json
is "$status" 0 "quotes --format json"
is "$(json_len "$out")" 5 "  all five quotes"
printf '%s' "$out" | "$PYTHON3" -c '
import json, sys
need = ["id", "text", "speaker", "tags", "note", "article_id", "title",
        "feed", "author", "published", "url", "archived", "link"]
v = json.load(sys.stdin)
sys.exit(0 if all(all(k in q for k in need) for q in v) else 1)'
ok $? "  every object has the required fields"
is "$(json_get "$out" '[0]["published"]')" "2025-02-24T15:00:00Z" \
    "  published in RFC 3339"
is "$(json_get "$out" '[0]["archived"]')" "2025-02-26T00:00:00Z" \
    "  archived in RFC 3339"
is "$(json_get "$out" '[0]["feed"]')" "The Capitol Ledger" "  the outlet"
run "$DOSSIER" quotes --format json --tag AFGE
is "$(json_len "$out")" 2 "--tag (any case)"
run "$DOSSIER" quotes --format json --speaker kelley
is "$(json_len "$out")" 2 "--speaker (part of the name, any case)"
run "$DOSSIER" quotes --format json --feed "$WIRE"
is "$(json_get "$out" '[0]["speaker"]')" "USDS staffers" "--feed"
run "$DOSSIER" quotes --format json --since 2025-02-25
is "$(json_len "$out")" 2 "--since: articles from that day on"
run "$DOSSIER" quotes --format json --article 3
is "$(json_get "$out" '[0]["text"]')" "It's chaos" "--article"

# csv, read back by a real CSV reader
run "$DOSSIER" quotes --format csv
is "$status" 0 "quotes --format csv"
printf '%s' "$out" >"$TMP/q.csv"
"$PYTHON3" - "$TMP/q.csv" >"$TMP/csv.out" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
print(",".join(rows[0][:7]))
print(len(rows) - 1)
print(len(set(len(r) for r in rows)))
first = dict(zip(rows[0], rows[1]))
print(first["Highlight"])
print(first["Speaker"])
print(first["Tags"])
print(first["Link"])
EOF
is "$(sed -n 1p "$TMP/csv.out")" "Highlight,Title,Author,URL,Note,Location,Date" \
    "csv: Readwise's columns first"
is "$(sed -n 2p "$TMP/csv.out")" 5 "csv: five records"
is "$(sed -n 3p "$TMP/csv.out")" 1 "csv: every record has every column"
is "$(sed -n 4p "$TMP/csv.out")" "We will see them in court" "csv: highlight"
is "$(sed -n 5p "$TMP/csv.out")" "Everett Kelley" "csv: speaker"
is "$(sed -n 6p "$TMP/csv.out")" "afge, Courts-2025" "csv: tags"
like "$(sed -n 7p "$TMP/csv.out")" "#:~:text=We%20will%20see" "csv: deep link"
run "$DOSSIER" quote edit 2 --note 'a, "quoted"
note'
run "$DOSSIER" quotes --format csv --feed "$WIRE"
printf '%s' "$out" | "$PYTHON3" -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
sys.exit(0 if rows[1][4] == "a, \"quoted\"\nnote" else 1)'
ok $? "csv: a note with a comma, quotes and a newline round-trips"
no_controls "$(printf '%s' "$out" | tr -d '\r')" \
    "csv: no control characters (but CRLF)"

# csl-json
run "$DOSSIER" quotes --format csl-json
is "$status" 0 "quotes --format csl-json"
printf '%s' "$out" | "$PYTHON3" -c '
import json, sys
v = json.load(sys.stdin)
need = ["id", "type", "title", "container-title", "author", "accessed",
        "URL", "note"]
ok = all(all(k in i for k in need) for i in v if i["id"] != "dossier-quote-3")
ok = ok and all(i["type"] == "article-newspaper" for i in v)
ok = ok and len(set(i["id"] for i in v)) == len(v)
ok = ok and "We will see them in court" in v[0]["note"]
ok = ok and v[0]["author"] == [{"family": "Ruiz", "given": "Ana"}]
ok = ok and v[0]["issued"] == {"date-parts": [[2025, 2, 24]]}
sys.exit(0 if ok else 1)'
ok $? "  items with the fields citation managers read, quote in the note"

# annotation
run "$DOSSIER" quotes --format annotation
is "$status" 0 "quotes --format annotation"
printf '%s' "$out" | "$PYTHON3" -c '
import json, sys
v = json.load(sys.stdin)
a = v[0]
ok = a["@context"] == "http://www.w3.org/ns/anno.jsonld"
ok = ok and a["type"] == "Annotation"
sel = a["target"]["selector"]
ok = ok and sel[0]["type"] == "TextQuoteSelector"
ok = ok and sel[0]["exact"] == "We will see them in court"
ok = ok and sel[0]["prefix"].endswith("\u201c")
ok = ok and sel[0]["suffix"].startswith(",\u201d said")
ok = ok and sel[1]["type"] == "TextPositionSelector"
ok = ok and sel[1]["end"] - sel[1]["start"] == len(sel[0]["exact"])
ok = ok and a["target"]["source"].startswith("https://capitolledger.example/")
ok = ok and {"type": "TextualBody", "value": "afge", "purpose": "tagging",
             "format": "text/plain"} in a["body"]
sys.exit(0 if ok else 1)'
ok $? "  W3C annotations with a TextQuoteSelector"

# markdown, against a golden file
run "$DOSSIER" quotes
is "$status" 0 "quotes (Markdown by default)"
printf '%s\n' "$out" >"$TMP/q.md"
diff -u "$DATA/export.md" "$TMP/q.md" >"$TMP/md.diff"
ok $? "  as expected (tests/data/quotes/export.md)"
[ -s "$TMP/md.diff" ] && sed 's/^/# /' "$TMP/md.diff"
no_controls "$out" "  no control characters reach the terminal"

# an article updated by its feed: quotes follow the text or are orphaned
U=https://ledger-updates.example/feed.rss
run "$DOSSIER" ingest "$DATA/union-v1.rss" --feed "$U"
is "$status" 0 "ingest an article"
run "$DOSSIER" list --json
art=$(printf '%s' "$out" | "$PYTHON3" -c '
import json, sys
print([a["id"] for a in json.load(sys.stdin) if a["feed_url"] == sys.argv[1]][0])' "$U")
run "$DOSSIER" quote add "$art" --text "We will see them in court" --tag up
is "$out" "added quote 6 (speaker: Everett Kelley)" "quote it"
run "$DOSSIER" quote add "$art" --tag up \
    --text "Failure to respond will be taken as a resignation"
is "$out" "added quote 7 (speaker: Musk)" "quote it again"
run "$DOSSIER" quotes --format json --tag up
before=$(json_get "$out" '[0]["start"]')
run "$DOSSIER" ingest "$DATA/union-v2.rss" --feed "$U"
like "$out" "1 updated" "ingest its new version"
run "$DOSSIER" quotes --format json --tag up
after=$(json_get "$out" '[0]["start"]')
is "$((after - before))" "$(printf 'Updated at 5 p.m. with comment from OPM.\n\n' |
    wc -c | tr -d ' ')" "a quote moves with the text"
is "$(json_get "$out" '[0]["orphaned"]')" False "  and is not orphaned"
is "$(json_get "$out" '[1]["orphaned"]')" True \
    "one whose sentence was removed is orphaned"
is "$(json_get "$out" '[1]["text"]')" \
    "Failure to respond will be taken as a resignation" "  and kept"
run "$DOSSIER" quote show 7
like "$out" "State: +orphaned" "quote show says so"

# removing
run "$DOSSIER" quote remove 3
is "$out" "removed quote 3" "quote remove"
run "$DOSSIER" tags
case "$out" in *opm-email*) ok 1 "its tags are gone";;
*) ok 0 "its tags are gone";; esac
run "$DOSSIER" quotes --format json
is "$(json_len "$out")" 6 "six quotes left"

exit $((_failed > 0))
