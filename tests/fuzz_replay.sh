#!/bin/sh
# fuzz_replay.sh: every corpus under tests/fuzz/*/ through its target's
# replay driver (src/fuzz/replay-NAME: the target's LLVMFuzzerTestOneInput
# linked with the normal build, no libFuzzer), so that the sanitizer
# build's `make check` replays what the fuzzers found and the regression
# inputs.  One test per corpus; a crash, a sanitizer report or a broken
# promise (the targets abort()) fails it and names the input.
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
DOSSIER=${DOSSIER:-unused}
. "$top_srcdir/tests/lib.sh"

# corpus directory -> more seed directories of its target: the renderer's
# test pages are its seeds too, kept once, in tests/data
seeds() {
	case $1 in
	render)	echo "$top_srcdir/tests/data/render $top_srcdir/tests/data/extract" ;;
	esac
}

# corpus directory -> replay driver
driver() {
	case $1 in
	parse|date|render|opml|quotes|normalize)
		echo "$top_builddir/src/fuzz/replay-$1" ;;
	*)	echo "" ;;
	esac
}

dirs=
for d in "$top_srcdir"/tests/fuzz/*/; do
	[ -d "$d" ] && dirs="$dirs ${d%/}"
done
set -- $dirs
plan $#
for d in "$@"; do
	name=${d##*/}
	more=$(seeds "$name")
	n=$(ls "$d" $more | grep -cv ':$\|^$')
	drv=$(driver "$name")
	if [ -z "$drv" ] || [ ! -x "$drv" ]; then
		_n=$((_n + 1))
		echo "ok $_n - $name # SKIP no replay driver for tests/fuzz/$name"
		continue
	fi
	# shellcheck disable=SC2086
	"$drv" "$d" $more >"$TMP/out" 2>"$TMP/err"
	rc=$?
	ok $rc "$name: $n inputs replayed under the sanitizers"
	if [ $rc -ne 0 ]; then
		echo "#   exit $rc; last input: $(grep -v '^ *#\|^=\|^ *$' "$TMP/err" | grep "^$d/" | tail -n 1)"
		sed -n '1,40s/^/#   /p' "$TMP/err" | grep -v "^#   $d/" | head -n 30
	fi
done
exit 0
