#!/usr/bin/env python3
"""keep-cost.py: what keep rules add to the CPU of `dossier poll`.

    keep-cost.py [--runs N] [--rule FILE] [--data DIR] DOSSIER [DOSSIER...]

Serves the bench feeds (bench/data/feeds-v5-200x50x2000 by default, as
bench/run makes them: 200 feeds of 50 items, most about the civil-service
beat) on loopback ports with bench/serve.py, and polls them into fresh
archives: "none" with no rules, "keep" with the beat of
feeds/civil-service.rules (or --rule) as every feed's keep rule (`feed
tag:bench keep BEAT` in a config file).
Each run does, for each binary and each of none and keep, in turn: a
first poll (every item new) and a second one (the server answers 304, as
on most later polls), so that A and B see the same machine load.  Prints
the CPU (user + system) of each, the medians over the runs, and the keep
rules' cost as a share of the poll's CPU without rules (the median of
each run's ratio, its two polls having run back to back).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def beat_of(path):
    """The name and the directive of the first `beat` line of a rule file."""
    for line in open(path, encoding="utf-8"):
        w = line.split()
        if len(w) >= 3 and w[0] == "beat":
            return w[1], line.strip()
    sys.exit("keep-cost: no 'beat NAME QUERY' line in " + path)


def poll(dossier, db, cfg, env):
    t = time.monotonic()
    p = subprocess.Popen([dossier, "--db", db, "--config", cfg, "poll"],
                         env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    if status != 0:
        sys.exit("keep-cost: poll failed: " + out.decode(errors="replace"))
    last = out.decode(errors="replace").strip().splitlines()
    return ru.ru_utime + ru.ru_stime, wall, last[-1] if last else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dossier", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rule", default=os.path.join(
        HERE, "..", "feeds", "civil-service.rules"))
    ap.add_argument("--data", default=os.path.join(
        HERE, "data", "feeds-v5-200x50x2000"),
                    help="feeds and manifest.tsv (made with bench/gen.py "
                    "--feeds 200 --items 50 --body 2000 when missing)")
    ap.add_argument("--delay", type=int, default=50,
                    help="server latency in ms (default 50)")
    a = ap.parse_args()

    name, directive = beat_of(a.rule)
    if not os.path.exists(os.path.join(a.data, "manifest.tsv")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"),
                        "--out", a.data, "--feeds", "200", "--items", "50",
                        "--body", "2000", "--seed", "2025"], check=True)
    work = tempfile.mkdtemp(prefix="keep-cost.")
    srv = subprocess.Popen([sys.executable, os.path.join(HERE, "serve.py"),
                            "--root", a.data, "--delay", str(a.delay),
                            "--ports", "100", "--lifetime", "3600",
                            "--stdin-watch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        ports = srv.stdout.readline().split()
        man = [l.split("\t") for l in
               open(os.path.join(a.data, "manifest.tsv")).read().splitlines()]
        urls = os.path.join(work, "urls.txt")
        with open(urls, "w") as f:
            for i, m in enumerate(man):
                f.write("http://127.0.0.1:%d/%s\n" %
                        (int(ports[i % len(ports)]), m[0]))
        cfgs = {"none": os.path.join(work, "none.conf"),
                "keep": os.path.join(work, "keep.conf")}
        with open(cfgs["none"], "w") as f:
            f.write(directive + "\n")
        with open(cfgs["keep"], "w") as f:
            f.write(directive + "\nfeed tag:bench keep %s\n" % name)
        env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work,
                   XDG_DATA_HOME=work)
        cpu = {}	# (binary, mode, first|later) -> [cpu]
        for run in range(a.runs):
            for bi, d in enumerate(a.dossier):
                for mode in ("none", "keep"):
                    db = os.path.join(work, "%d-%d-%s.db" % (run, bi, mode))
                    subprocess.run([d, "--db", db, "--config", cfgs[mode],
                                    "import", "--tag", "bench", urls],
                                   env=env, check=True,
                                   stdout=subprocess.DEVNULL)
                    for when in ("first", "later"):
                        c, w, last = poll(d, db, cfgs[mode], env)
                        cpu.setdefault((bi, mode, when), []).append(c)
                        print("run %d %s %-4s %-5s cpu %.2f s wall %.2f s"
                              " | %s" % (run + 1, os.path.basename(d) if
                                         len(a.dossier) == 1 else "#%d" % bi,
                                         mode, when, c, w, last))
                        sys.stdout.flush()
                    for ext in ("", "-wal", "-shm"):
                        if os.path.exists(db + ext):
                            os.unlink(db + ext)
        print()
        for bi, d in enumerate(a.dossier):
            for when in ("first", "later"):
                ns = cpu[(bi, "none", when)]
                ks = cpu[(bi, "keep", when)]
                # each run's pair ran back to back: its ratio is the figure
                r = statistics.median(100 * (k - n) / n
                                      for n, k in zip(ns, ks))
                print("%s %-5s poll: none %.2f s, keep %.2f s CPU (medians "
                      "of %d runs): keep rules cost %+.1f%% of the poll's "
                      "CPU (median of the runs' ratios)"
                      % (d, when, statistics.median(ns),
                         statistics.median(ks), a.runs, r))
    finally:
        srv.stdin.close()
        srv.terminate()
        srv.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
