#!/bin/sh
# tui_quotes.sh: quotations in the reader, in tmux on the demo archive:
# ] highlights a quotation, t tags it (tags with Tab completion, a note,
# the speaker pre-filled) and `dossier quotes` has it; v selects a passage
# by words; tagged passages stay marked; the Quotes entry of the feed list
# lists them by tag or speaker, edits the speaker, asks before deleting and
# shows the article with the quote in view.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 26
DB="$TMP/demo.db"
"$DOSSIER" --db "$DB" demo --samples "$top_srcdir/feeds/samples" \
    --no-reader >/dev/null || echo "Bail out! cannot build the demo archive"
quotes_json() {
	"$DOSSIER" --db "$DB" quotes --format json
}
# py EXPR: EXPR over the quotes (v)
q_eval() {
	quotes_json | "$PYTHON3" -c '
import json, sys
v = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

start 80 24 TZ=UTC
wait_for "Quotes +6"
ok $? "the feed list has a Quotes entry with the count"
keys j j j j Enter
wait_for "Federal Wire +\\(9\\)"
keys j j j Enter
wait_for "Title: +21 technologists quit"
ok $? "the Federal Wire story"

keys ']'
wait_for "Quotation 1 of 1: the letter"
ok $? "] highlights the quotation, with its speaker"
like "$scr" "We will not use our skills" "and shows it"
keys t
wait_for "Tags \\(Tab completes\\)"
ok $? "t asks for tags"
type_text le ; keys Tab
wait_for "Tags \\(Tab completes\\): letter,"
ok $? "Tab completes a tag in use"
type_text 'tmux-test' ; keys Enter
wait_for "Note \\(optional\\)"
ok $? "then a note"
type_text 'tagged in tmux' ; keys Enter
wait_for "Speaker \\(empty: none\\): the letter"
ok $? "then the speaker, pre-filled from the attribution"
keys Enter
wait_for "Tagged \\(quote [0-9]+\\)"
ok $? "the quotation is tagged"
is "$(q_eval '[q["speaker"] for q in v if "tmux-test" in q["tags"]]')" \
    "['the letter']" "dossier quotes has it, with the speaker"
is "$(q_eval '[sorted(q["tags"]) for q in v if "tmux-test" in q["tags"]]')" \
    "[['letter', 'tmux-test']]" "and both tags"
is "$(q_eval '[q["note"] for q in v if "tmux-test" in q["tags"]]')" \
    "['tagged in tmux']" "and the note"
like "$(q_eval '[q["text"] for q in v if "tmux-test" in q["tags"]][0]')" \
    "^We will not use our skills as technologists" \
    "the words inside the marks"

# a free selection: three words from the top of the body
keys g v
wait_for "Selecting"
ok $? "v starts a selection"
keys w w
wait_for "Selecting [0-9]+ bytes"
keys t ; type_text sel-test ; keys Enter Enter
wait_for "Speaker"
keys C-u Enter
wait_for "Tagged"
ok $? "t tags the selection"
is "$(q_eval '[len(q["text"].split()) for q in v if "sel-test" in q["tags"]]')" \
    "[3]" "the selection grew by two words"
is "$(q_eval '[q["speaker"] for q in v if "sel-test" in q["tags"]]')" \
    "[None]" "with no speaker when the prompt is emptied"

# marked when shown again
keys q Enter
wait_for "Title: +21 technologists quit"
keys Space
wait_for "We will not use our skills"
T capture-pane -e -p -t 0 | grep "skills as technologists" |
    grep -q "$(printf '\033')\\[4m"
ok $? "tagged passages stay marked (underlined)"

# the quotes view
keys q q g j j j Enter
wait_for "Quotes \\(8\\), by tag"
ok $? "the quotes view, by tag"
like "$scr" "^ letter" "a heading per tag"
keys O
wait_for "Quotes \\(8\\), by speaker"
ok $? "O groups them by speaker"
keys G
wait_for "^ \\(no speaker\\)"
keys p C-u
type_text 'USDS staff' ; keys Enter
wait_for "Quote [0-9]+ changed"
ok $? "p edits the speaker (the last quote: the selection's)"
is "$(q_eval '[q["speaker"] for q in v if "sel-test" in q["tags"]]')" \
    "['USDS staff']" "dossier quotes has the new speaker"
keys d
wait_for "Delete this quote\\? \\(y/n\\)"
ok $? "d asks first"
keys n
wait_for "Nothing done"
is "$(q_eval 'len(v)')" 8 "n keeps it"
keys Q
wait_for "EXIT=0"
ok $? "quit"
