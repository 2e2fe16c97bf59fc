#!/usr/bin/env python3
"""serve.py: the loopback HTTP server of the benchmarks.

    serve.py --root DIR [--delay MS] [--lifetime S] [--ports N]
             [--gzip-level L] [--port-file FILE] [--stdin-watch]

Serves the files under DIR on 127.0.0.1 (an ephemeral port, printed as the
first line of stdout; with --ports N, N ports on that line, separated by
spaces: N "hosts" for clients that cap connections per host) with ETag and Last-Modified validators: a matching
If-None-Match, or If-Modified-Since not older than the file, gives 304.
Gzip when the client sends Accept-Encoding: gzip (compressed once per file
and kept).  Every request waits --delay milliseconds before it is answered,
in its own thread, so concurrent clients are not serialised (the latency of
a distant server, not a slow one).  HTTP/1.1 with keep-alive.

GET /_stats returns JSON counters (requests, by status, bytes sent, gzip
responses, most requests in flight); GET /_stats?reset=1 also zeroes them.
The server exits by itself after --lifetime seconds (default 1800), on
SIGTERM or SIGINT, and when stdin closes if --stdin-watch is given.
Standard library only.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import signal
import socketserver
import sys
import threading
import time
import urllib.parse

LOCK = threading.Lock()
ZCACHE = {}		# path -> (mtime, size, gzip bytes)
STATS = {}


def stats_reset():
    STATS.clear()
    STATS.update({"requests": 0, "200": 0, "304": 0, "404": 0, "bytes": 0,
                  "gzip": 0, "inflight": 0, "max_inflight": 0})


stats_reset()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dossier-bench/1"
    root = "."
    delay = 0.0
    gzip_level = 6

    def log_message(self, fmt, *args):
        pass

    def count(self, status, nbytes=0, gz=False):
        with LOCK:
            key = str(status)
            STATS[key] = STATS.get(key, 0) + 1
            STATS["bytes"] += nbytes
            if gz:
                STATS["gzip"] += 1

    def reply(self, status, body=b"", ctype="text/plain", headers=()):
        self.count(status, len(body))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        with LOCK:
            STATS["requests"] += 1
            STATS["inflight"] += 1
            STATS["max_inflight"] = max(STATS["max_inflight"],
                                        STATS["inflight"])
        try:
            u = urllib.parse.urlsplit(self.path)
            if u.path == "/_stats":
                with LOCK:
                    STATS["requests"] -= 1
                    body = json.dumps(STATS).encode() + b"\n"
                    if "reset=1" in u.query:
                        stats_reset()
                        STATS["inflight"] = 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if self.delay > 0:
                time.sleep(self.delay)
            self.serve_file(urllib.parse.unquote(u.path))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        finally:
            with LOCK:
                STATS["inflight"] -= 1

    def serve_file(self, path):
        rel = os.path.normpath(path).lstrip("/")
        full = os.path.join(self.root, rel)
        if rel.startswith("..") or not os.path.isfile(full):
            self.reply(404, b"not found\n")
            return
        st = os.stat(full)
        mtime = int(st.st_mtime)
        etag = '"%x-%x"' % (st.st_size, st.st_mtime_ns)
        lm = email.utils.formatdate(mtime, usegmt=True)
        h = self.headers
        inm = h.get("If-None-Match")
        ims = h.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = inm.strip() == "*" or etag in [
                t.strip().removeprefix("W/") for t in inm.split(",")]
        elif ims is not None:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
                fresh = mtime <= t
            except (TypeError, ValueError, IndexError):
                fresh = False
        if fresh:
            self.count(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ae = h.get("Accept-Encoding") or ""
        gz = "gzip" in ae
        if gz:
            with LOCK:
                c = ZCACHE.get(full)
            if c is None or c[0] != st.st_mtime_ns or c[1] != st.st_size:
                with open(full, "rb") as fp:
                    data = gzip.compress(fp.read(), self.gzip_level)
                c = (st.st_mtime_ns, st.st_size, data)
                with LOCK:
                    ZCACHE[full] = c
            body = c[2]
        else:
            with open(full, "rb") as fp:
                body = fp.read()
        ctype = "application/xml"
        if full.endswith(".atom"):
            ctype = "application/atom+xml"
        self.count(200, len(body), gz)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", lm)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--delay", type=float, default=0,
                    help="milliseconds to wait before each answer")
    ap.add_argument("--lifetime", type=float, default=1800,
                    help="seconds after which the server exits by itself")
    ap.add_argument("--gzip-level", type=int, default=6)
    ap.add_argument("--ports", type=int, default=1,
                    help="listen on this many ports (default 1)")
    ap.add_argument("--port-file", help="also write the port(s) here")
    ap.add_argument("--stdin-watch", action="store_true",
                    help="exit when stdin reaches end of file")
    a = ap.parse_args()
    Handler.root = os.path.abspath(a.root)
    Handler.delay = a.delay / 1000.0
    Handler.gzip_level = a.gzip_level
    servers = [Server(("127.0.0.1", 0), Handler)
               for _ in range(max(1, min(a.ports, 1000)))]
    ports = " ".join(str(s.server_address[1]) for s in servers)
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as fp:
            fp.write(ports + "\n")
        os.replace(a.port_file + ".tmp", a.port_file)
    print(ports, flush=True)
    srv = servers[0]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, args=(0.5,),
                         daemon=True).start()

    def stop(*_):
        def down():
            for s in servers:
                s.shutdown()
        threading.Thread(target=down, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = threading.Timer(a.lifetime, stop)
    timer.daemon = True
    timer.start()
    if a.stdin_watch:
        def watch():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except OSError:
                pass
            stop()
        threading.Thread(target=watch, daemon=True).start()
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        for s in servers:
            s.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
