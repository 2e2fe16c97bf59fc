#!/usr/bin/env python3
"""httpd.py: the loopback HTTP server of the poller tests and benchmarks.

Serves the files under --root with ETag and Last-Modified (If-None-Match and
If-Modified-Since give 304) and gzip when the client accepts it, plus routes
that misbehave on purpose.  Listens on 127.0.0.1 only, on an ephemeral port
that it prints as the first line of stdout.  It exits by itself after
--lifetime seconds, and on SIGTERM or SIGINT.

Routes (everything else is a file under --root; ?delay=MS delays any route):
  /status/N[?retry=S]     status N (Retry-After: S when given)
  /redirect/N[?to=PATH]   a chain of N 302s ending at PATH (default /feed.xml)
  /moved[?to=PATH]        301 to PATH (default /feed.xml)
  /moved308[?to=PATH]     308 to PATH
  /temp[?to=PATH]         302 to PATH (a temporary redirect)
  /loop                   /loop -> /loop2 -> /loop
  /to-file                302 to file:///etc/passwd
  /to-gopher              302 to gopher://127.0.0.1/
  /slow[?bps=N]           a feed trickled at N bytes/s (default 20)
  /stall                  headers and part of a body, then nothing
  /truncated              Content-Length larger than the body, then close
  /big[?size=N]           N bytes (default 40 MiB), chunked, no length
  /endless                chunked data until the client gives up
  /gzipbomb               small gzip body that inflates to 40 MiB
  /huge-length            Content-Length: 2147483648, a little data, close
  /garbage                not HTTP at all
  /retry                  429 with Retry-After: 3600
  /unavailable            503 with Retry-After: 3600
  /html-with-alternate    an HTML page advertising /feed.xml (RSS), Atom
  /html-no-alternate      an HTML page advertising nothing
  /delay?ms=N             /feed.xml after N ms
  /hostile-error          500 whose reason phrase carries an escape
  /stats[?reset=1]        JSON: requests so far and the most in flight
With --tls CERT KEY it speaks HTTPS (the tests make a self-signed
certificate for 127.0.0.1 with openssl).
The log (--log FILE) has one JSON object per request: method, path,
if_none_match, if_modified_since, accept_encoding, user_agent, status, gzip.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import io
import json
import os
import select
import signal
import socket
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

LOCK = threading.Lock()
STATE = {"requests": 0, "inflight": 0, "max_inflight": 0}
LOGF = None
ROOT = "."
DELAY_MS = 0
BOMB = None

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Generated</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>Only item</title><link>http://127.0.0.1/only</link>
<guid>only-1</guid></item></channel></rss>
"""

HTML = b"""<!DOCTYPE html>
<html><head><title>A site</title>
<link rel="alternate" type="application/atom+xml" title="Atom"
  href="/atom.xml">
<link rel="alternate" type="application/rss+xml" title="RSS"
  href="/feed.xml">
</head><body><p>Hello</p></body></html>
"""

HTML_NONE = b"""<!DOCTYPE html>
<html><head><title>No feed here</title></head><body><p>Hi</p></body></html>
"""


def log(entry):
    if LOGF is None:
        return
    with LOCK:
        LOGF.write(json.dumps(entry) + "\n")
        LOGF.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dossier-test/1"

    def log_message(self, fmt, *args):
        pass

    # helpers
    def entry(self, status, gz=False):
        h = self.headers
        log({"method": self.command, "path": self.path, "status": status,
             "if_none_match": h.get("If-None-Match"),
             "if_modified_since": h.get("If-Modified-Since"),
             "accept_encoding": h.get("Accept-Encoding"),
             "user_agent": h.get("User-Agent"), "gzip": gz})

    def simple(self, status, body=b"", ctype="text/plain", headers=(),
               reason=None):
        self.entry(status)
        self.send_response(status, reason)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status, location):
        self.simple(status, b"moved\n", headers=[("Location", location)])

    def send_body(self, body, ctype, etag=None, mtime=None):
        """A document with validators, conditional GET and gzip."""
        h = self.headers
        if etag is None:
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        lm = email.utils.formatdate(mtime or 1700000000, usegmt=True)
        inm = h.get("If-None-Match")
        ims = h.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or \
                inm.strip() == "*"
        elif ims is not None:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
                fresh = mtime is not None and int(mtime) <= t
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.entry(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.end_headers()
            return
        gz = "gzip" in (h.get("Accept-Encoding") or "")
        if gz:
            body = gzip.compress(body)
        self.entry(200, gz)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", lm)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def serve_file(self, path):
        rel = os.path.normpath(urllib.parse.unquote(path)).lstrip("/")
        full = os.path.join(ROOT, rel)
        if rel.startswith("..") or not os.path.isfile(full):
            self.simple(404, b"not found\n", reason="Not Found")
            return
        with open(full, "rb") as fp:
            body = fp.read()
        mtime = int(os.stat(full).st_mtime)
        ctype = "application/xml"
        if full.endswith(".html"):
            ctype = "text/html"
        elif full.endswith(".json"):
            ctype = "application/feed+json"
        self.send_body(body, ctype, mtime=mtime)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    # routes
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        with LOCK:
            STATE["requests"] += 1
            STATE["inflight"] += 1
            STATE["max_inflight"] = max(STATE["max_inflight"],
                                        STATE["inflight"])
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        finally:
            with LOCK:
                STATE["inflight"] -= 1

    def route(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query)
        path = u.path
        arg = lambda k, d: q.get(k, [d])[0]
        delay = int(arg("delay", DELAY_MS))
        if path == "/delay":
            delay = int(arg("ms", 0))
        if delay > 0:
            time.sleep(delay / 1000.0)
        to = arg("to", "/feed.xml")
        if path.startswith("/status/"):
            code = int(path[len("/status/"):])
            hdrs = [("Retry-After", arg("retry", ""))] if "retry" in q \
                else []
            self.simple(code, b"status %d\n" % code, headers=hdrs)
        elif path.startswith("/redirect/"):
            n = int(path[len("/redirect/"):])
            nxt = "/redirect/%d?to=%s" % (n - 1, urllib.parse.quote(to)) \
                if n > 1 else to
            self.redirect(302, nxt)
        elif path == "/moved":
            self.redirect(301, to)
        elif path == "/moved308":
            self.redirect(308, to)
        elif path == "/temp":
            self.redirect(302, to)
        elif path == "/loop":
            self.redirect(302, "/loop2")
        elif path == "/loop2":
            self.redirect(302, "/loop")
        elif path == "/to-file":
            self.redirect(302, "file:///etc/passwd")
        elif path == "/to-gopher":
            self.redirect(302, "gopher://127.0.0.1/")
        elif path == "/slow":
            self.slow(int(arg("bps", 20)))
        elif path == "/stall":
            self.stall()
        elif path == "/truncated":
            self.entry(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(FEED) + 5000))
            self.end_headers()
            self.wfile.write(FEED)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/big":
            self.big(int(arg("size", 40 << 20)))
        elif path == "/endless":
            self.big(-1)
        elif path == "/gzipbomb":
            self.bomb()
        elif path == "/huge-length":
            self.entry(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "2147483648")
            self.end_headers()
            self.wfile.write(FEED)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/garbage":
            self.entry(0)
            self.wfile.write(b"HELLO THIS IS NOT HTTP\r\n\x00\x01\x02\r\n\r\n")
            self.wfile.flush()
            self.close_connection = True
        elif path == "/retry":
            self.simple(429, b"slow down\n", headers=[("Retry-After",
                                                        "3600")])
        elif path == "/unavailable":
            self.simple(503, b"later\n", headers=[("Retry-After", "3600")])
        elif path == "/html-with-alternate":
            self.send_body(HTML, "text/html")
        elif path == "/html-no-alternate":
            self.send_body(HTML_NONE, "text/html")
        elif path == "/delay":
            self.serve_file("/feed.xml")
        elif path == "/hostile-error":
            self.simple(500, b"x\n", reason="Oops \x1b[2J\x1b]52;c;aGk=\x07")
        elif path == "/stats":
            with LOCK:
                body = json.dumps(STATE).encode() + b"\n"
                if "reset" in q:
                    STATE["max_inflight"] = STATE["inflight"]
            self.simple(200, body, "application/json")
        else:
            self.serve_file(path)

    def slow(self, bps):
        body = FEED
        self.entry(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = max(1, bps // 10)
        for i in range(0, len(body), step):
            self.wfile.write(body[i:i + step])
            self.wfile.flush()
            time.sleep(0.1)

    def stall(self):
        self.entry(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED[:40])
        self.wfile.flush()
        # nothing more; the client must give up (or we time out)
        for _ in range(600):
            r, _, _ = select.select([self.connection], [], [], 0.1)
            if r and not self.connection.recv(1, socket.MSG_PEEK):
                break       # the client went away
        self.close_connection = True

    def big(self, size):
        self.entry(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b"<!-- " + b"x" * 65520 + b" -->\n"
        self.chunk(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n')
        sent = 0
        while size < 0 or sent < size:
            self.chunk(block)
            sent += len(block)
        self.chunk(b"</channel></rss>\n")
        self.wfile.write(b"0\r\n\r\n")

    def bomb(self):
        global BOMB
        with LOCK:
            if BOMB is None:
                buf = io.BytesIO()
                with gzip.GzipFile(fileobj=buf, mode="wb",
                                   compresslevel=9) as z:
                    z.write(b'<?xml version="1.0"?>\n<rss version="2.0">'
                            b"<channel><title>")
                    zeros = b"A" * (1 << 20)
                    for _ in range(40):
                        z.write(zeros)
                    z.write(b"</title></channel></rss>\n")
                BOMB = buf.getvalue()
        self.entry(200, True)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(BOMB)))
        self.end_headers()
        self.wfile.write(BOMB)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # clients that give up (limits, timeouts) are the point here
        if not isinstance(sys.exc_info()[1], (ConnectionError,
                                              TimeoutError)):
            super().handle_error(request, client_address)


def main():
    global LOGF, ROOT, DELAY_MS
    ap = argparse.ArgumentParser(description="loopback test HTTP server")
    ap.add_argument("--root", default=".", help="directory of fixtures")
    ap.add_argument("--log", help="append a JSON line per request here")
    ap.add_argument("--lifetime", type=float, default=300,
                    help="exit after this many seconds (default 300)")
    ap.add_argument("--delay-ms", type=int, default=0,
                    help="delay every request by this much")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate and key")
    a = ap.parse_args()
    ROOT = os.path.abspath(a.root)
    DELAY_MS = a.delay_ms
    if a.log:
        LOGF = open(a.log, "a", encoding="utf-8")

    def bye(*_):
        if LOGF:
            LOGF.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, bye)
    signal.signal(signal.SIGINT, bye)
    timer = threading.Timer(a.lifetime, bye)
    timer.daemon = True
    timer.start()
    srv = Server(("127.0.0.1", a.port), Handler)
    if a.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        bye()


if __name__ == "__main__":
    main()
