#!/bin/sh
# cli_crash.sh: no fault costs an article or a quote.
#  - kill -9 at random points of `poll` (against the loopback server, with
#    slow responses, so that kills land mid-transfer and mid-transaction)
#    and of `ingest`: afterwards the archive passes PRAGMA integrity_check,
#    every item that was there before is still there with its read state,
#    every quote with its text and tags, and each feed's round of new items
#    is all there or not at all (one transaction per feed);
#  - a poll running while another process marks articles read and adds
#    quotes: no lost write, no "database is locked";
#  - a full disk: a clear error, the archive intact and usable afterwards;
#  - an archive written by a newer dossier: refused, never modified;
#  - a damaged archive: a clear one-line error pointing at `dossier
#    backup`, never a crash.
# The random points come from a seed (CRASH_SEED, printed).  The plan is
# printed at the end.
. "${top_srcdir:-.}/tests/lib.sh"

NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export NO_PROXY no_proxy
PYTHON3=$("$PYTHON3" -c 'import sys; print(sys.executable)')
SEED=${CRASH_SEED:-$(date +%s)}
echo "# CRASH_SEED=$SEED"
KILLS=${CRASH_KILLS:-22}	# kills that land before the poll ends
K=4			# feeds
NBASE=200		# items in every round (the odd ones reworded each round)
M=30			# new items per feed and round
MB=12000			# items of the big file that ingest reads

WWW="$TMP/www"
mkdir -p "$WWW"
LOG="$TMP/httpd.log"
serve --root "$WWW" --log "$LOG" --lifetime 280
MNT=
cleanup() {
	kill $SERVER 2>/dev/null
	[ -n "$MNT" ] && { umount "$MNT" 2>/dev/null || umount -l "$MNT"; }
	rm -rf "$TMP"
}
trap cleanup EXIT

# gen.py DIR ROUND: K feeds f0..f{K-1}.xml (written whole, then renamed)
cat >"$TMP/gen.py" <<'PYEOF'
import os, sys
d, r, K, N, M = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5])
words = ("union court order agency federal workers email response director "
         "budget contract lawsuit judge ruling memo staff").split()
def body(seed, n):
    return " ".join(words[(seed * 7 + i * 3) % len(words)] for i in range(n))
for k in range(K):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           '<channel><title>Crash feed %d</title>'
           '<link>https://crash.example/%d</link><description>d</description>'
           % (k, k)]
    for i in range(N):
        ver = r if i % 2 else 0
        out.append('<item><guid>f%d-base-%d</guid><title>Base %d of feed %d'
                   '</title><link>https://crash.example/%d/base/%d</link>'
                   '<description>&lt;p&gt;&quot;Quoted words number %d,&quot; '
                   'said Kelley. %s version %d.&lt;/p&gt;</description></item>'
                   % (k, i, i, k, k, i, i, body(i, 60), ver))
    for i in range(M):
        out.append('<item><guid>f%d-r%d-%d</guid><title>Round %d item %d'
                   '</title><description>%s</description></item>'
                   % (k, r, i, r, i, body(r * 31 + i, 40)))
    out.append('</channel></rss>\n')
    tmp = os.path.join(d, ".f%d.tmp" % k)
    with open(tmp, "w") as f:
        f.write("\n".join(out))
    os.rename(tmp, os.path.join(d, "f%d.xml" % k))
PYEOF
gen() { "$PYTHON3" "$TMP/gen.py" "$1" "$2" $K $NBASE $M; }
# big DIR ROUND: DIR/big.xml, MB new items (more than the 16 MiB page cache of
# a writer holds, so that a transaction writes to the WAL before it commits)
big() {
	"$PYTHON3" -c '
import os, sys
d, r, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = ("federal workers union court order number in a story about the "
         "agency budget memo staff ruling").split()
w = ["<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"]
for i in range(n):
    w.append("<item><guid>big-r%d-%d</guid><title>Big %d of round %d</title>"
             "<description>%s</description></item>" % (r, i, i, r, " ".join(
             words[(i * 7 + j * 3) % len(words)] + str(j % 13)
             for j in range(90))))
w.append("</channel></rss>")
open(os.path.join(d, ".big"), "w").write("\n".join(w))
os.rename(os.path.join(d, ".big"), os.path.join(d, "big.xml"))' "$1" "$2" $MB
}

# check.py DB SNAP ROUND: the archive against the snapshot of what it held
# before; then the snapshot becomes what it holds now.  ROUND -1: snapshot
# only.  Prints one line of counts.
cat >"$TMP/check.py" <<'PYEOF'
import json, os, sqlite3, struct, sys
db, snap, r, K, M, MB = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
# Before SQLite recovers it: frames the killed process wrote to the WAL
# after its last commit (a transaction cut in the middle).
torn = 0
try:
    w = open(db + "-wal", "rb").read()
    if len(w) >= 32:
        ps = struct.unpack(">I", w[8:12])[0]
        salts = w[16:24]
        off = 32
        while off + 24 + ps <= len(w) and w[off + 8:off + 16] == salts:
            torn = 0 if struct.unpack(">I", w[off + 4:off + 8])[0] else torn + 1
            off += 24 + ps
except OSError:
    pass
c = sqlite3.connect("file:%s?mode=rw" % db, uri=True, timeout=30)
bad = []
ic = c.execute("PRAGMA integrity_check").fetchall()
if ic != [("ok",)]:
    bad.append("integrity_check: %r" % ic[:5])
items = {"%s|%s" % (u, g): rd for u, g, rd in c.execute(
    "SELECT f.url, a.guid, a.read FROM articles a JOIN feeds f"
    " ON f.id = a.feed_id")}
quotes = {}
for qid, text, tags in c.execute(
        "SELECT q.id, q.text, (SELECT group_concat(tag) FROM (SELECT tag"
        " FROM quote_tags t WHERE t.quote_id = q.id ORDER BY tag))"
        " FROM quotes q"):
    quotes[str(qid)] = [text, tags]
if r >= 0 and os.path.exists(snap):
    old = json.load(open(snap))
    for key, rd in old["items"].items():
        if key not in items:
            bad.append("lost item %s" % key)
        elif rd and not items[key]:
            bad.append("lost read state of %s" % key)
    for qid, v in old["quotes"].items():
        if qid not in quotes:
            bad.append("lost quote %s" % qid)
        elif quotes[qid] != v:
            bad.append("quote %s changed: %r -> %r" % (qid, v, quotes[qid]))
committed = 0
if r >= 0:
    for k in range(K):
        n = sum(1 for key in items if key.split("|")[1].startswith(
            "f%d-r%d-" % (k, r)))
        if n not in (0, M):
            bad.append("feed %d round %d: %d of %d new items" % (k, r, n, M))
        committed += n == M
    n = sum(1 for key in items if key.split("|")[1].startswith(
        "big-r%d-" % r))
    if n not in (0, MB):
        bad.append("big file round %d: %d of %d items" % (r, n, MB))
    committed += n == MB
json.dump({"items": items, "quotes": quotes}, open(snap, "w"))
for b in bad[:10]:
    print("#   " + b)
print("%d %d %d %d" % (len(bad), committed, len(items), torn))
sys.exit(1 if bad else 0)
PYEOF
check() {	# DB ROUND: sets $nbad $committed $nitems $torn
	set -- $("$PYTHON3" "$TMP/check.py" "$1" "$TMP/snap.json" "$2" $K $M $MB |
	    tee "$TMP/check.out" | tail -n 1)
	nbad=${1:-1} committed=${2:-0} nitems=${3:-0} torn=${4:-0}
	grep '^#' "$TMP/check.out"
}
# a random number of milliseconds below $1, from the seed and a counter
_r=0
rnd() {
	_r=$((_r + 1))
	awk -v s="$SEED" -v n="$_r" -v m="$1" \
	    'BEGIN { srand(s + n * 7919); print int(rand() * m) }'
}
lt() { [ "$1" -lt "$2" ]; echo $?; }
msleep() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }
ms_now() { "$PYTHON3" -c 'import time; print(int(time.time() * 1000))'; }

DB="$TMP/a.db"
d() { "$DOSSIER" --db "$DB" "$@"; }

#
# 1. The archive before the kills: polled once, some read, some quoted.
#
gen "$WWW" 0
d add "$B/f0.xml" --tag crash >/dev/null
d add "$B/f1.xml?delay=200" --tag crash >/dev/null
d add "$B/f2.xml" --tag crash >/dev/null
d add "$B/f3.xml?delay=500" --tag crash >/dev/null
d add "$B/slow?bps=1000" --tag crash >/dev/null
t0=$(ms_now)
run d poll
t1=$(ms_now)
POLL_MS=$((t1 - t0))
is "$status" 0 "the first poll stores the feeds"
quoted_ids() {	# LIMIT OFFSET: ids of articles with a quotation
	d search '"Quoted words number"' --json --limit $(($1 + $2)) |
	    "$PYTHON3" -c '
import json,sys
print(" ".join(str(a["id"]) for a in json.load(sys.stdin)[int(sys.argv[1]):]))' "$2"
}
ids=$(quoted_ids 10 0)
set -- $ids
d mark-read $1 $3 $5 $7 $9 >/dev/null
nq=0
for id in $2 $4 $6 $8; do
	t=$(d show "$id" | grep -o 'Quoted words number [0-9]*' | head -n 1)
	[ -n "$t" ] && d quote add "$id" --text "$t" --tag before \
	    --note "kept" >/dev/null && nq=$((nq + 1))
done
ok "$(lt 2 $nq)" \
    "$nq quotes on the articles before the kills"
# how long a round's poll takes, here and now (the kills land inside it)
gen "$WWW" 1000
t0=$(ms_now)
d poll --force --tag crash >/dev/null 2>&1
t1=$(ms_now)
POLL_MS=$((t1 - t0))
big "$WWW" 1000
t0=$(ms_now)
d ingest "$WWW/big.xml" --feed https://big.example/feed >/dev/null 2>&1
t1=$(ms_now)
INGEST_MS=$((t1 - t0))
check "$DB" -1 >/dev/null
echo "# a round's poll takes $POLL_MS ms, the big ingest $INGEST_MS ms"

#
# 2. kill -9 at random points of poll and ingest, until KILLS landed.
#
span=$((POLL_MS * 9 / 10 + 20))
ispan=$((INGEST_MS * 9 / 10 + 20))
r=0 fails=0 mid=0 none=0 all=0 late=0 ntorn=0
while { [ $((none + mid + all)) -lt "$KILLS" ] || [ $ntorn -eq 0 ]; } &&
    [ $r -lt $((KILLS * 2 + 10)) ]; do
	r=$((r + 1))
	if [ $((r % 4)) -eq 0 ] || [ $((none + mid + all)) -ge "$KILLS" ]; then
		# a big local file into its own feed
		big "$WWW" "$r"
		wait_ms=$(rnd $ispan)
		"$DOSSIER" --db "$DB" ingest "$WWW/big.xml" \
		    --feed https://big.example/feed >/dev/null 2>&1 &
		what=ingest
	else
		gen "$WWW" "$r"
		wait_ms=$(rnd $span)
		"$DOSSIER" --db "$DB" poll --force --tag crash >/dev/null 2>&1 &
		what=poll
	fi
	pid=$!
	msleep "$wait_ms"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	st=$?
	check "$DB" $r
	[ "$nbad" -eq 0 ] || { fails=$((fails + 1)); echo "#   round $r ($what killed after $wait_ms ms)"; }
	[ "$torn" -gt 0 ] && ntorn=$((ntorn + 1))
	# aim earlier when it had finished, later when it had not begun
	# (the machine may be busier than when the times were measured)
	if [ "$st" -ne 137 ]; then
		late=$((late + 1))
		if [ $what = poll ]; then span=$((span * 3 / 4 + 20))
		else ispan=$((ispan * 3 / 4 + 20)); fi
	elif [ "$committed" -eq 0 ]; then
		none=$((none + 1))
		if [ $what = poll ]; then span=$((span * 5 / 4 + 50))
		elif [ "$torn" -eq 0 ]; then ispan=$((ispan * 5 / 4 + 50)); fi
	elif [ "$what" = poll ] && [ "$committed" -lt $K ]; then
		mid=$((mid + 1))
	else
		all=$((all + 1))
	fi
done
is "$fails" 0 "$r kills: integrity ok, no item, read state or quote lost, no feed half stored"
echo "# killed: $none before any feed committed, $mid between feeds' commits, $all after the last; $late too late; $nitems items"
ok "$( [ $ntorn -ge 1 ]; echo $?)" \
    "$ntorn cut a transaction after it had written pages to the WAL"
ok "$( [ $((none + mid + all)) -ge 20 ]; echo $?)" \
    "at least 20 kills landed during the command ($((none + mid + all)))"
ok "$( [ $((mid + none)) -ge 1 ]; echo $?)" \
    "some before or between the feeds' transactions ($((mid + none)))"

# the next poll recovers: the lock of a killed poll is no obstacle
r=$((r + 1))
gen "$WWW" "$r"
run d poll --force --tag crash
is "$status" 0 "a poll after the kills works (no stale lock)"
[ "$status" -eq 0 ] || echo "#   $out $err" | head -n 5
check "$DB" $r
is "$nbad/$committed" "0/$K" "and stores every feed's new items"
run d list --unread --json
is "$status" 0 "the archive is usable"

#
# 3. A poll while another process marks articles read and adds quotes.
#
# (with a big feed: its transaction makes the writers wait)
r=$((r + 1))
gen "$WWW" "$r"
big "$WWW" "$r"
d add "$B/big.xml" --tag crash >/dev/null
set -- $(quoted_ids 40 10)
"$DOSSIER" --db "$DB" poll --force --tag crash >"$TMP/poll.out" \
    2>"$TMP/poll.err" &
pid=$!
n=0 wfail=0 during=0
: >"$TMP/w.err"
: >"$TMP/quoted"
: >"$TMP/marked"
# write while the poll runs (at least 5 times, at most 20)
while [ $# -ge 2 ] && [ $n -lt 20 ] &&
    { [ $n -lt 5 ] || kill -0 $pid 2>/dev/null; }; do
	kill -0 $pid 2>/dev/null && during=$((during + 1))
	d mark-read "$1" >/dev/null 2>>"$TMP/w.err" || wfail=$((wfail + 1))
	t=$(d show "$2" 2>>"$TMP/w.err" | grep -o 'Quoted words number [0-9]*' | head -n 1)
	if [ -n "$t" ]; then
		d quote add "$2" --text "$t" --tag during >/dev/null \
		    2>>"$TMP/w.err" || wfail=$((wfail + 1))
		echo "$2" >>"$TMP/quoted"
	fi
	echo "$1" >>"$TMP/marked"
	n=$((n + 1))
	shift 2
done
wait $pid
pst=$?
is "$pst" 0 "the poll completed while $n marks and quotes were written"
ok "$(lt 2 $during)" "($during of them while it ran)"
is "$wfail" 0 "every mark and quote was written"
ok "$(! grep -qi 'locked\|busy' "$TMP/w.err" "$TMP/poll.err"; echo $?)" \
    "nobody saw \"database is locked\""
[ -s "$TMP/w.err" ] && sed 's/^/#   /' "$TMP/w.err" | head -n 5
nread=$("$PYTHON3" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ids = [int(l) for l in open(sys.argv[2])]
print(sum(c.execute("SELECT read FROM articles WHERE id = ?", (i,)).fetchone()[0] for i in ids))' \
    "$DB" "$TMP/marked")
is "$nread" "$n" "all $n marks kept"
nq=$("$PYTHON3" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM quote_tags WHERE tag = ?", ("during",)).fetchone()[0])' "$DB")
is "$nq" "$(wc -l <"$TMP/quoted" | tr -d ' ')" "all the quotes kept"
check "$DB" $r
is "$nbad" 0 "and nothing else lost"

#
# 4. A full disk.
#
FULL="$TMP/full"
mkdir -p "$FULL"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=3m tmpfs "$FULL" 2>/dev/null
then
	MNT=$FULL
else
	for t in 1 2 3 4 5 6 7 8; do
		_n=$((_n + 1))
		echo "ok $_n # SKIP a full disk needs a tmpfs mount (root)"
	done
fi
FDB="$FULL/a.db"
[ -n "$MNT" ] && {
"$DOSSIER" --db "$FDB" ingest "$WWW/f1.xml" --feed https://full.example/a \
    >/dev/null 2>&1
gen "$TMP" 1000
"$DOSSIER" --db "$FDB" mark-read 1 2 3 >/dev/null
check "$FDB" -1 >/dev/null
fill() {	# run "$@" with the disk full; sets $status, $err
	dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
	run "$@"
}
fill "$DOSSIER" --db "$FDB" ingest "$TMP/f2.xml" --feed https://full.example/b
is "$status" 1 "ingest on a full disk fails"
like "$err" "disk is full" "with a clear message: $err"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "in one line"
fill "$DOSSIER" --db "$FDB" mark-read 4
ok "$( [ "$status" -eq 1 ] && printf '%s' "$err" | grep -q 'disk is full'; echo $?)" \
    "mark-read on a full disk: the same clear error"
rm -f "$FULL/filler"
check "$FDB" 0 >/dev/null
is "$nbad" 0 "the archive is intact (integrity ok, nothing lost)"
run "$DOSSIER" --db "$FDB" ingest "$TMP/f2.xml" --feed https://full.example/b
is "$status" 0 "with room again, the same ingest works"
run "$DOSSIER" --db "$FDB" mark-read 4
is "$status" 0 "and so does mark-read"
check "$FDB" 0 >/dev/null
is "$nbad" 0 "and the archive is still intact"
umount "$MNT" 2>/dev/null || umount -l "$MNT"
MNT=
}

#
# 5. An archive from a newer dossier: refused, never modified.
#
for mode in wal delete; do
	NDB="$TMP/newer-$mode.db"
	cp "$DB" "$NDB"
	"$PYTHON3" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA journal_mode = " + sys.argv[2])
c.execute("PRAGMA user_version = 999")
c.commit()
c.close()' "$NDB" "$mode"
	sum_before=$(cksum <"$NDB")
	refused=0 total=0 msgs=
	for cmd in "list" "show 1" "mark-read 1" "add https://new.example/feed" \
	    "ingest $WWW/f0.xml --feed $B/f0.xml" "poll --force" \
	    "quote add 1 --text union --tag x" "export --json" \
	    "backup $TMP/newer-backup-$mode.db" "vacuum"; do
		total=$((total + 1))
		run "$DOSSIER" --db "$NDB" $cmd
		if [ "$status" -eq 1 ] &&
		    printf '%s' "$err" | grep -q 'newer dossier'; then
			refused=$((refused + 1))
		else
			msgs="$msgs [$cmd: $status $err]"
		fi
	done
	is "$refused" "$total" "$mode archive of user_version 999: every command refuses it${msgs}"
	is "$(cksum <"$NDB")" "$sum_before" "$mode archive: not modified (same checksum)"
done
like "$(d --db "$TMP/newer-wal.db" list 2>&1)" \
    "written by a newer dossier \(schema version 999" "the message says why"

#
# 6. A damaged archive: a clear error, never a crash.
#
"$PYTHON3" - "$DB" "$TMP/damaged.db" "$TMP/header.db" "$TMP/truncated.db" \
    "$SEED" <<'PYEOF'
import random, sqlite3, sys
src, dmg, hdr, trunc, seed = sys.argv[1:6]
c = sqlite3.connect(src)
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
data = bytearray(open(src, "rb").read())
ps = 4096
n = len(data) // ps
rnd = random.Random(int(seed))
d = bytearray(data)
for first in (n // 3, n // 2, 2 * n // 3):
    for pg in range(first, min(first + 3, n)):
        for i in range(ps):
            d[pg * ps + i] = rnd.randrange(256)
open(dmg, "wb").write(d)
h = bytearray(data)
for i in range(100):
    h[i] = rnd.randrange(256)
open(hdr, "wb").write(h)
open(trunc, "wb").write(data[:len(data) // 2])
PYEOF
for f in damaged header truncated; do
	crashed= unclear= detected=0
	for cmd in "list" "feeds" "show 1" "show 600" "search union" \
	    "mark-read 2" "quotes" "refs 5" "names" "stats" "export --json" \
	    "ingest $WWW/f3.xml --feed $B/f3.xml" "backup $TMP/bk-$f.db"; do
		rm -f "$TMP/bk-$f.db"
		run "$DOSSIER" --db "$TMP/$f.db" $cmd
		# 1 is an error, 2 a usage error: anything else is a crash
		if [ "$status" -ge 2 ] || grep -q "Sanitizer\|runtime error" "$TMP/.err"; then
			crashed="$crashed [$cmd: $status]"
		elif [ "$status" -eq 1 ]; then
			detected=$((detected + 1))
			if [ "$(wc -l <"$TMP/.err")" -ne 1 ] ||
			    ! grep -q "damaged.*dossier backup" "$TMP/.err"; then
				unclear="$unclear [$cmd: $(head -c 200 "$TMP/.err")]"
			fi
		fi
	done
	is "${crashed:-none}" none "$f archive: no crash"
	ok "$(lt 0 $detected)" \
	    "$f archive: the damage is detected ($detected commands)"
	is "${unclear:-none}" none \
	    "$f archive: each error is one line pointing at 'dossier backup'"
done

plan "$_n"
