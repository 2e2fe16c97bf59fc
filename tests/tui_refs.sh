#!/bin/sh
# tui_refs.sh: cross-references in the reader, in tmux on the demo archive:
# x lists the references of the Federal Wire story; Enter follows its link
# to the Capitol Ledger story (A -> B), h goes back and l forward, with a
# breadcrumb of titles; X lists the other stories carrying a quotation; a
# name lists the stories naming it.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

plan 16
DB="$TMP/demo.db"
"$DOSSIER" --db "$DB" demo --samples "$top_srcdir/feeds/samples" \
    --no-reader >/dev/null || echo "Bail out! cannot build the demo archive"

start 80 24 TZ=UTC
wait_for "Federal Wire +9/9"
keys j j j j Enter
wait_for "Federal Wire +\\(9\\)"
keys j j j Enter
wait_for "Title: +21 technologists quit"
ok $? "A: the Federal Wire story"

keys x
wait_for "References: 21 technologists quit"
ok $? "x opens the references panel"
like "$scr" "Links out \\(2\\)" "links out"
like "$scr" "Same quotation in \\(5\\)" "same quotation in"
like "$scr" "Names \\([0-9]+\\)" "names"
like "$(row 2)" "> 2025-02-25  The Capitol Led.*Twenty-one USDS staffers" \
    "the archived link first, marked, the cursor on it"
keys Enter
wait_for "Title: +Twenty-one USDS staffers resign"
ok $? "Enter follows it: B in the pager"
like "$(row 23)" "21 technologists quit.* > Twenty-one USDS staffers" \
    "the status line shows the breadcrumb"
keys h
wait_for "Title: +21 technologists quit"
ok $? "h goes back to A"
like "$(row 23)" "\\(1 ahead: l\\)" "with B ahead"
keys l
wait_for "Title: +Twenty-one USDS staffers resign"
ok $? "l goes forward to B"
keys x
wait_for "References: Twenty-one USDS"
keys h
wait_for "References: 21 technologists quit"
ok $? "h in the panel goes back too"
keys q
wait_for "Title: +21 technologists quit"

keys ']' X
wait_for "Other stories carrying this quotation +\\([1-9]"
ok $? "X lists the other stories carrying the quotation"
like "$scr" "The Capitol Led" "the Capitol Ledger carries it"
keys q x n n n j Enter
wait_for "Stories naming "
ok $? "Enter on a name lists the stories naming it"
keys Enter
wait_for "Title: "
ok $? "and Enter opens one"
keys Q
wait_for "EXIT=0"
