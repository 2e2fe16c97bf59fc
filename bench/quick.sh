#!/bin/sh
# quick.sh: bench/run --quick (tiny sizes, one run, 127.0.0.1 only) completes
# and prints the table, so the benchmarks cannot rot.  The peers' rows are
# skipped when newsboat or sfeed is not installed.
set -u
: "${DOSSIER:?DOSSIER must point at the dossier binary}"
: "${PYTHON3:=python3}"
: "${top_srcdir:=.}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
mkdir -p "$HOME"

echo "1..6"
n=0
t() {	# STATUS NAME [SKIP-REASON]
	n=$((n + 1))
	if [ $# -ge 3 ] && [ -n "$3" ]; then
		echo "ok $n - $2 # SKIP $3"
	elif [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

start=$(date +%s)
"$PYTHON3" "$top_srcdir/bench/run" --quick --no-install \
    --dossier "$DOSSIER" --data "$TMP/data" --out "$TMP/results.md" \
    >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
took=$(($(date +%s) - start))
t $rc "bench/run --quick exits 0"
[ $rc -eq 0 ] || sed 's/^/# /' "$TMP/stderr" | tail -20
[ "$took" -lt 60 ]; t $? "and takes under a minute ($took s)"
grep -q '^| Workload | Program | Wall | CPU | Peak RSS |' "$TMP/stdout"
t $? "it prints the table"
cmp -s "$TMP/stdout" "$TMP/results.md"; t $? "and writes it to --out"

skip=
command -v newsboat >/dev/null 2>&1 || skip="newsboat not installed"
grep -q '| newsboat -x reload (default: 1 thread) | [0-9]' "$TMP/stdout"
t $? "newsboat's cold poll is measured" "$skip"
skip=
command -v sfeed >/dev/null 2>&1 || skip="sfeed not installed"
grep -q '| sfeed | [0-9]' "$TMP/stdout"
t $? "sfeed's parse is measured" "$skip"
exit 0
