# tui_lib.sh: driving the reader in tmux for the end-to-end tests.  Source
# it after lib.sh.  Each test script gets its own tmux server (-L), killed
# on exit; `start` runs dossier in a detached session of a given size, and
# `wait_for` polls capture-pane until a pattern shows (or a timeout).
: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ] || ! "$TMUX_BIN" -V >/dev/null 2>&1; then
	echo "1..0 # SKIP no tmux"
	exit 0
fi
unset TMUX TMUX_PANE
# one server per session started: dossier-test-PID-N
_nsess=0
SOCK="dossier-test-$$-0"
_cleanup() {
	_k=0
	while [ "$_k" -le "$_nsess" ]; do
		"$TMUX_BIN" -L "dossier-test-$$-$_k" kill-server 2>/dev/null
		_k=$((_k + 1))
	done
	rm -rf "$TMP"
}
trap _cleanup EXIT
BROWSER_LOG="$TMP/browser.log"
export BROWSER_LOG
# ASan builds start slower; be patient but not forever
WAIT="${TUI_WAIT:-300}"		# tenths of a second

T() { "$TMUX_BIN" -u -L "$SOCK" -f /dev/null "$@"; }

# start COLS ROWS [VAR=VALUE...]: the reader on $DB, then the exit status
# and whether the terminal is back in cooked mode once it ends.
start() {
	_cols=$1 _rows=$2
	shift 2
	T kill-server 2>/dev/null
	_nsess=$((_nsess + 1))
	SOCK="dossier-test-$$-$_nsess"
	cat >"$TMP/run.sh" <<EOF
#!/bin/sh
cd "$TMP" || exit 1
env $* "$DOSSIER" --db "$DB" read
echo "EXIT=\$?"
if stty -a | grep -q -- '-icanon'; then echo TTY=RAW; else echo TTY=COOKED; fi
sleep 600
EOF
	chmod +x "$TMP/run.sh"
	T new-session -d -x "$_cols" -y "$_rows" "$TMP/run.sh"
	T set-option -g status off >/dev/null 2>&1
	T resize-window -x "$_cols" -y "$_rows" >/dev/null 2>&1
}

screen() { T capture-pane -p -t 0 2>/dev/null; }
keys() { T send-keys -t 0 "$@"; }
# keys typed literally (no key names)
type_text() { T send-keys -t 0 -l "$1"; }

# settle: capture until two captures 0.1 s apart agree, so that a screen
# the reader is still drawing (tmux may show part of one refresh on a
# loaded machine) is not taken for the finished one; the screen is in $scr
settle() {
	_j=0
	while [ "$_j" -lt 20 ]; do
		sleep 0.1
		_s=$(screen)
		[ "$_s" = "$scr" ] && return 0
		scr=$_s
		_j=$((_j + 1))
	done
}

# wait_for REGEX: 0 once the screen matches and has settled; the screen
# is in $scr
wait_for() {
	_i=0
	while [ "$_i" -lt "$WAIT" ]; do
		scr=$(screen)
		if printf '%s\n' "$scr" | grep -Eq -- "$1"; then
			settle
			printf '%s\n' "$scr" | grep -Eq -- "$1" && return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	printf '# screen while waiting for %s:\n' "$1"
	printf '%s\n' "$scr" | sed 's/^/#   |/'
	return 1
}

# wait_gone REGEX: 0 once the screen no longer matches
wait_gone() {
	_i=0
	while [ "$_i" -lt "$WAIT" ]; do
		scr=$(screen)
		if ! printf '%s\n' "$scr" | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# the number of lines of $scr (title and status lines excluded when
# "body" is given) wider than COLS display columns
wider_than() {
	if [ "${2:-}" = body ]; then
		printf '%s\n' "$scr" | sed '1d;$d'
	else
		printf '%s\n' "$scr"
	fi | "$PYTHON3" -c '
import sys, unicodedata
n = 0
for line in sys.stdin.read().split("\n"):
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else
            0 if unicodedata.combining(c) else 1 for c in line)
    n += w > int(sys.argv[1])
print(n)' "$1"
}

# row N of the screen (0 is the top)
row() { printf '%s\n' "$scr" | sed -n "$(($1 + 1))p"; }

# the reader's pid: the child of the pane's shell
reader_pid() { pgrep -f -- "$DB read" | head -n 1; }
