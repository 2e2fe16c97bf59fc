#!/bin/sh
# cli_beats.sh: beats, keep and ignore rules through the commands, on the
# bundled sample beat: the bundled rule as a keep rule at ingest (skipped
# items counted), beat add/list/remove and list --beat, a query error with
# its position, an ignore rule that hides, one that drops and expires;
# then a poll against the loopback server, whose summary counts what the
# keep rule left out.
. "${top_srcdir:-.}/tests/lib.sh"

plan 52
export DOSSIER_DB="$TMP/a.db"
S="$top_srcdir/feeds/samples"
DATA="$top_srcdir/tests/data/beats"
CFG="$TMP/config"
BELTWAY=https://beltwaybrief.example/rss
LEDGER=https://capitolledger.example/feed.rss
WIRE=https://federalwire.example/atom.xml
WEEKLY=https://workforceweekly.example/index.rdf
MESSY=https://messybulletin.example/feed
d() { "$DOSSIER" --config "$CFG" "$@"; }
count() { json_len "$(d list --json "$@")"; }
# a rule's column from 'rules --json': rule_field INDEX KEY
rule_field() { json_get "$(d rules --json)" "[$1][\"$2\"]"; }

# the bundled beat, and keep only its stories from general outlets
cat "$top_srcdir/feeds/civil-service.rules" "$DATA/config" >"$CFG"

run d add "$BELTWAY" --tag general
is "$status" 0 "subscribe a general outlet"
run d ingest "$S/beltway-brief.rss" --feed "$BELTWAY"
is "$status" 0 "ingest it with the keep rule"
like "$out" "6 new" "six stories stored"
is "$(count --feed "$BELTWAY")" 6 "the off-beat one is not in the archive"
run d search '"peak bloom"' --json
is "$(json_len "$out")" 0 "nor in the index"
is "$(rule_field 0 kind)" keep "rules lists the keep rule"
is "$(rule_field 0 last_poll)" 1 "with the item it skipped"
run d ingest "$S/beltway-brief.rss" --feed "$BELTWAY"
like "$out" "0 new, 0 updated, 6 unchanged" "again: nothing new"
is "$(rule_field 0 last_poll)" 1 "and the count is the last poll's"

# dedicated feeds keep everything
for f in capitol-ledger.rss:$LEDGER federal-wire.atom:$WIRE \
    workforce-weekly.rdf:$WEEKLY messy-bulletin.rss:$MESSY; do
	d ingest "$S/${f%%:*}" --feed "${f#*:}" >/dev/null 2>&1
done
is "$(count)" 38 "38 stories in all"

# beats
# the golden file stands for the bundled beat's line and query
line=$(grep -n '^beat civil-service ' "$CFG" | cut -d: -f1)
query=$(sed -n 's/^beat civil-service //p' "$CFG")
run d beat list
is "$out" "$(sed -e "s/@LINE@/$line/" -e "s/@QUERY@/$query/" \
    "$DATA/beat-list.txt")" "beat list (golden)"
run d beat add courts 'judge* OR court* OR "Supreme Court"'
is "$status" 0 "beat add"
is "$out" "added beat courts: 17 stories, 17 unread" "says how many match"
run d list --beat courts --json
is "$(json_len "$out")" 17 "list --beat"
is "$(json_get "$out" '[0]["title"]')" \
    "Week in review: RIF notices, reorganizations & the courts" \
    "newest first"
run d list --beat courts --feed "$BELTWAY" --limit 2 --json
is "$(json_len "$out")" 2 "with --feed and --limit"
is "$(json_get "$out" '[1]["title"]')" \
    "Morning brief: the bargaining order lands" "in the feed"
d mark-read --all --feed "$LEDGER" >/dev/null 2>&1
run d list --beat courts --unread --json
is "$(json_len "$out")" 14 "with --unread"
run d beat list --json
is "$(json_get "$out" '[1]["name"]')" courts "beat list --json: by name"
is "$(json_get "$out" '[1]["unread"]')" 14 "unread count"
is "$(json_get "$out" '[1]["total"]')" 17 "total count"
is "$(json_get "$out" '[0]["source"]')" config "the bundled beat is the config's"
run d beat add courts 'court* tag:general -author:ferrante'
is "$out" "changed beat courts: 1 story, 1 unread" \
    "changing a beat applies at once"
run d beat add civil-service DOGE
is "$status" 1 "a beat the config defines can't be changed here"
like "$err" "defined in .*config, line $line" "and it says where"

# a mistake, with its position
run d beat add bad 'DOGE OR OR USDS'
is "$status" 1 "a bad query is refused"
is "$err" "dossier: beat: column 9: unexpected \"OR\"
  DOGE OR OR USDS
          ^" "the error points at the second OR"
run d beat add bad 'after:2025-02-30 DOGE'
like "$err" "column 7: after: wants a date as YYYY-MM-DD" "a bad date"
run d beat add bad 'Muñoz NEAR(DOGE USDS'
like "$err" "column 11: '\\(' is not closed" \
    "columns count characters, not bytes"
run d list --beat nosuch
is "$status" 1 "list --beat with an unknown beat"
like "$err" "no beat named nosuch" "says so"
run d beat remove courts
is "$out" "removed beat courts" "beat remove"
run d beat remove courts
is "$status" 1 "again: no such beat"

# add --keep: a command keep rule for one feed
run d add https://other.example/feed --keep nosuch
is "$status" 1 "--keep with an unknown beat"
run d beat add unions 'AFGE OR union*'
run d add "$WEEKLY" --keep unions
like "$out" "keeping only the stories of the beat unions" "add --keep"
is "$(json_get "$(d rules --json)" '[1]["beat"]')" unions \
    "rules lists it"

# an ignore rule hides; removing it shows what it hid
run d rules add Kelley
is "$out" "added rule 3: ignore Kelley" "rules add"
sed 's/Dana Whitfield/Dana Whitfield, Kelley/' "$S/beltway-brief.rss" |
    sed 's|/2025/03/28/bargaining-order|/2025/03/28/bargaining-order-2|' \
    >"$TMP/b2.rss"
run d ingest "$TMP/b2.rss" --feed "$BELTWAY"
like "$out" "1 new" "a new item"
is "$(count --feed "$BELTWAY")" 6 "an ignore rule hides it"
is "$(json_get "$(d rules --json)" '[2]["hidden"]')" 1 "rules counts it"
run d rules remove 3
is "$out" "removed rule 3" "rules remove"
is "$(count --feed "$BELTWAY")" 7 "what it hid is shown again"
run d rules remove 1
is "$status" 1 "a config rule can't be removed here"

# an expiring rule that drops
printf 'ignore --expire 2 --drop Ferrante\n' >>"$CFG"
sed 's|/brief/2025/|/brief/x/2025/|' "$S/beltway-brief.rss" >"$TMP/b3.rss"
run d ingest "$TMP/b3.rss" --feed "$BELTWAY"
like "$out" "4 new" "a --drop rule leaves out the matches"
is "$(json_get "$(d rules --json)" '[2]["last_poll"]')" 2 \
    "and counts them (the keep rule skips the third)"
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE rules SET created = created - 3 * 86400 WHERE days = 2")
db.commit()' "$DOSSIER_DB"
run d rules
like "$out" "ignore --expire 2 --drop Ferrante  \\(config line [0-9]+\\)  \\(expired" \
    "three days later it has expired"
sed 's|/brief/2025/|/brief/y/2025/|' "$S/beltway-brief.rss" >"$TMP/b4.rss"
run d ingest "$TMP/b4.rss" --feed "$BELTWAY"
like "$out" "6 new" "and no longer applies"

# a poll: the loopback server serves the samples
NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy
serve --root "$S" --lifetime 120
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
export DOSSIER_DB="$TMP/poll.db"
cat "$top_srcdir/feeds/civil-service.rules" "$DATA/config" >"$CFG"
d add "$B/beltway-brief.rss" --tag general >/dev/null
d add "$B/capitol-ledger.rss" >/dev/null
run d poll
is "$status" 0 "poll"
like "$out" "1 skipped by rules" "the summary counts what the keep rule left out"
is "$(count)" 15 "6 + 9 stored"
is "$(rule_field 0 last_poll)" 1 "rules counts it too"
run d poll --force
like "$out" "(0 new items|unchanged)" "polled again: nothing new"
