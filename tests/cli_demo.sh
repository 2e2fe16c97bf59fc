#!/bin/sh
# cli_demo.sh: the offline demo archive built from feeds/samples.
. "${top_srcdir:-.}/tests/lib.sh"

plan 15
DB="$TMP/demo.db"
SAMPLES="$top_srcdir/feeds/samples"

run "$DOSSIER" --db "$DB" demo --samples "$SAMPLES" --no-reader
is "$status" 0 "demo builds the archive"
like "$out" "demo archive: $DB" "and says where it is"
run "$DOSSIER" --db "$DB" list --json
n=$(json_len "$out")
run "$DOSSIER" --db "$DB" demo --samples "$SAMPLES" --no-reader
run "$DOSSIER" --db "$DB" list --json
is "$(json_len "$out")" "$n" "rebuilding is idempotent"
is "$(json_eval "$out" 'sum(1 for a in v if a["feed"] != "Documents")')" \
    39 "the five sample feeds hold 39 items"
run "$DOSSIER" --db "$DB" quotes --format json
is "$(json_len "$out")" 6 "six quotes are tagged, once, after two builds"
is "$(json_eval "$out" 'sorted(set(q["speaker"] for q in v))[0]')" \
    "Ed Kilgore" "with their speakers"
run "$DOSSIER" --db "$DB" feeds --json
is "$(json_eval "$out" 'len([f for f in v if f["total"] > 0 and f["url"] != "dossier:documents"])')" \
    5 "five outlets"

# Federal Wire's story links to the Capitol Ledger's with tracking
# parameters, another port spelling and a trailing slash: it resolves.
A=$(json_eval "$("$DOSSIER" --db "$DB" list --json --feed https://federalwire.example/atom.xml)" \
    '[a["id"] for a in v if a["url"].endswith("/2025/02/25/tech-staff-quit")][0]')
B=$(json_eval "$("$DOSSIER" --db "$DB" list --json --feed https://capitolledger.example/feed.rss)" \
    '[a["id"] for a in v if a["url"].endswith("/2025/02/25/usds-staff-resign")][0]')
run "$DOSSIER" --db "$DB" refs "$A" --json
is "$status" 0 "refs of the Federal Wire story"
is "$(json_eval "$out" '[e["id"] for e in v["links_out"]].count('"$B"')')" 1 \
    "its tracked link resolves to the Capitol Ledger story"
run "$DOSSIER" --db "$DB" refs "$B" --json
like "$(json_eval "$out" '[e["id"] for e in v["linked_from"]]')" "[[ ]$A[],]" \
    "which lists it as a backlink"

# The primary document is archived and stories that link to it resolve.
run "$DOSSIER" --db "$DB" doc list --json
D=$(json_eval "$out" '[d["id"] for d in v if d["url"] == "https://records.example/usds/resignation-letter-2025-02-25"][0]')
is "$(json_len "$out")" 2 "the two sample documents are archived"
run "$DOSSIER" --db "$DB" refs "$D" --json
ok $([ "$(json_eval "$out" 'len(v["linked_from"])')" -ge 3 ]; echo $?) \
    "stories linking to the resignation letter resolve to it"

# Every item renders without control characters.
all=""
for id in $(json_eval "$("$DOSSIER" --db "$DB" list --json)" \
    '" ".join(str(a["id"]) for a in v)'); do
	all="$all$("$DOSSIER" --db "$DB" show "$id")"
done
no_controls "$all" "show renders every item without control characters"
like "$all" "每周" "CJK text survives"
run "$DOSSIER" --db "$DB" search 'Kelley' --json
ok $([ "$(json_len "$out")" -ge 4 ]; echo $?) \
    "the union leader is quoted across outlets"
