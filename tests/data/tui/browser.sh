#!/bin/sh
# A browser stub for the tests: writes its arguments, one a line, to the
# file named by $BROWSER_LOG (appending a line "--" after them).
for a in "$@"; do
	printf '%s\n' "$a"
done >>"${BROWSER_LOG:?}"
printf -- '--\n' >>"$BROWSER_LOG"
