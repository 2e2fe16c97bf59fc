#!/bin/sh
# cli_bundled.sh: the bundled beat: the OPML subscribes with tags and keep
# rules, and the rule file is a valid config that defines the beat.
. "${top_srcdir:-.}/tests/lib.sh"

plan 8
OPML="$top_srcdir/feeds/civil-service.opml"
RULES="$top_srcdir/feeds/civil-service.rules"
export DOSSIER_DB="$TMP/a.db"

run "$DOSSIER" import "$OPML"
is "$status" 0 "the bundled OPML imports"
n=$("$PYTHON3" -c 'import sys, xml.etree.ElementTree as E
print(sum(1 for o in E.parse(sys.argv[1]).iter("outline") if o.get("xmlUrl")))' "$OPML")
run "$DOSSIER" feeds --json
is "$(json_eval "$out" 'len([f for f in v if f["url"] != "dossier:documents"])')" \
    "$n" "every feed of the list is subscribed"
is "$(json_eval "$out" 'len([f for f in v if any(t.startswith("keep:") for t in f["tags"])])')" \
    0 "the keep category is not a tag"
run "$DOSSIER" --config "$RULES" rules list --json
k=$(json_eval "$out" 'len([r for r in v if r["kind"] == "keep" and r["beat"] == "civil-service"])')
ok $([ "$k" -ge 1 ]; echo $?) "general outlets keep only the beat"
is "$(json_eval "$out" 'sum(1 for r in v if r.get("error"))')" 0 \
    "with the rule file, every keep rule's beat exists"
run "$DOSSIER" --config "$RULES" beat list --json
is "$err" "" "the rule file is a config without mistakes"

# The beat over the sample archive: all but the off-topic item.
run "$DOSSIER" --db "$TMP/demo.db" demo --samples "$top_srcdir/feeds/samples" --no-reader
run "$DOSSIER" --db "$TMP/demo.db" --config "$RULES" list --beat civil-service --json
is "$(json_eval "$out" 'sum(1 for a in v if a["feed"] != "Documents")')" 38 \
    "the beat matches 38 of the 39 sample stories"
is "$(json_eval "$out" 'sum(1 for a in v if "peak-bloom" in a["url"])')" 0 \
    "not the one about cherry blossoms"
