#!/bin/sh
# cli_refs.sh: cross-references end to end, from crafted feeds
# (tests/data/xref): A links to B (archived before A) and to a follow-up E
# (archived after A) through tracking-parameter and trailing-slash variants
# of their URLs, C carries a trimmed version of A's quotation, D names the
# same people as A.  dossier refs, names and list --name, text and JSON.
. "${top_srcdir:-.}/tests/lib.sh"

plan 40
DB="$TMP/a.db"
export DOSSIER_DB="$DB"
X="$top_srcdir/tests/data/xref"

# json_eval JSON EXPR: print the Python expression EXPR of the JSON value v
json_eval() {
	printf '%s' "$1" | "$PYTHON3" -c \
	    "import json,sys; v=json.load(sys.stdin); print($2)"
}
ingest() {	# FILE FEED-URL
	run "$DOSSIER" ingest "$X/$1" --feed "$2"
	is "$status" 0 "ingest $1"
}
ingest outlet-b.rss https://b.example/feed.xml		# B = 1, D = 2
ingest outlet-a.rss https://a.example/feed.xml		# A = 3
ingest outlet-c.rss https://c.example/feed.xml		# C = 4

run "$DOSSIER" refs 3 --json
is "$status" 0 "refs of A"
is "$(json_get "$out" '["links_out"][0]["id"]')" 1 \
    "A's link to B resolves (B archived before A)"
is "$(json_get "$out" '["links_out"][0]["norm_url"]')" \
    https://b.example/news/union-responds \
    "through tracking parameters, host case and a trailing slash"
is "$(json_get "$out" '["links_out"][1]["id"]')" None \
    "the follow-up is not archived yet: id null"
is "$(json_get "$out" '["links_out"][1]["url"]')" \
    https://a.example/2025/follow-up/ "and shown as a plain URL"
is "$(json_get "$out" '["same_quote"][0]["id"]')" 4 \
    "C carries A's quotation, trimmed"
is "$(json_get "$out" '["same_quote"][0]["text"]')" \
    "fight this illegal order in every court in the land" \
    "with the shared text"
is "$(json_eval "$out" 'sorted(v)')" \
    "['linked_from', 'links_out', 'names', 'related', 'same_quote']" \
    "the JSON keys"
is "$(json_eval "$out" \
    '[e for s in v.values() for e in s if not {"id", "title", "url"} <= set(e)]')" \
    "[]" "every entry has id, title and url"

# E arrives after A: no rescan, A's link resolves
ingest outlet-a-later.rss https://a.example/feed.xml	# E = 5
run "$DOSSIER" refs 3 --json
is "$(json_get "$out" '["links_out"][1]["id"]')" 5 \
    "A's link to E resolves once E is archived (after A)"
is "$(json_get "$out" '["links_out"][1]["archived"]')" True "marked archived"
run "$DOSSIER" refs 3
is "$status" 0 "refs of A as text"
is "$out" "$(cat "$X/refs-a.txt")" "the text output"

run "$DOSSIER" refs 1 --json
is "$(json_eval "$out" '[e["id"] for e in v["linked_from"]]')" "[3]" \
    "B is linked from A"
is "$(json_get "$out" '["linked_from"][0]["text"]')" "union's reply" \
    "with the link's text"
run "$DOSSIER" refs 5 --json
is "$(json_eval "$out" '[e["id"] for e in v["linked_from"]]')" "[3]" \
    "E is linked from A"
run "$DOSSIER" refs 4 --json
is "$(json_eval "$out" '[e["id"] for e in v["same_quote"]]')" "[3]" \
    "C shares its quotation with A"
run "$DOSSIER" refs 2 --json
is "$(json_eval "$out" \
    '{e["name"]: e["count"] for e in v["names"]}["Everett Kelley"]')" \
    1 "D: one other story names Everett Kelley"

run "$DOSSIER" names --json
is "$status" 0 "names"
is "$(json_eval "$out" '[(e["name"], e["stories"]) for e in v[:2]]')" \
    "[('Office of Personnel Management', 3), ('AFGE', 2)]" \
    "most named first, with story counts"
run "$DOSSIER" names --article 2
is "$out" "$(printf '     3  Office of Personnel Management\n     2  AFGE\n     2  Everett Kelley\n     2  Scott Kupor')" \
    "names --article"
run "$DOSSIER" names --article 99
is "$status" 1 "names of a missing article: an error"

run "$DOSSIER" list --name "everett kelley" --json
is "$(json_eval "$out" '[a["id"] for a in v]')" "[3, 2]" \
    "list --name: the stories naming him, any case, newest first"
run "$DOSSIER" list --name "Everett Kelley" --feed https://b.example/feed.xml
like "$out" "Who is who" "list --name with --feed"
run "$DOSSIER" list --name "Nobody Atall" --json
is "$out" "[]" "nobody names an unknown name"

run "$DOSSIER" refs --reindex
is "$status" 0 "refs --reindex"
like "$out" "indexed 5 articles" "says how many"
run "$DOSSIER" refs 3
is "$out" "$(cat "$X/refs-a.txt")" "the same references after reindexing"

# a dump from before xref_keys (schema 9) has no xref_terms and numbers
# its names: the import gives names their ids and makes the keys
"$DOSSIER" export --json --output "$TMP/dump.jsonl" >/dev/null
"$PYTHON3" - "$TMP/dump.jsonl" "$TMP/old.jsonl" <<'PY'
import json, sys
ids, out = {}, open(sys.argv[2], "w")	# names were numbered 1, 2, ...
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["type"] == "xref_terms":
        continue
    if o["type"] == "names":
        o["id"] = ids.setdefault(o["id"], len(ids) + 1)
    if o["type"] == "article_names":
        o["name_id"] = ids[o["name_id"]]
    out.write(json.dumps(o) + "\n")
PY
run "$DOSSIER" --db "$TMP/b.db" import-archive "$TMP/old.jsonl"
is "$status" 0 "an older dump without keys is imported"
run "$DOSSIER" --db "$TMP/b.db" refs 3
is "$out" "$(cat "$X/refs-a.txt")" "its references are all found"
is "$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM names"
    " WHERE id < 1000000").fetchone()[0])' "$TMP/b.db")" 0 \
    "and its names have their ids (hashes), as new ones will"

run "$DOSSIER" refs
is "$status" 2 "refs without an ID is a usage error"
run "$DOSSIER" refs abc
is "$status" 2 "a bad ID is a usage error"
run "$DOSSIER" refs 99
is "$status" 1 "a missing article is an error"
like "$err" "no article 99" "and says so"
no_controls "$(cat "$X/refs-a.txt")" "no control characters in the output"
