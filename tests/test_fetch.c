/*
 * test_fetch.c: the fetcher against tests/httpd.py on 127.0.0.1: bodies,
 * validators and 304, gzip, redirects (chains, loops, permanent, other
 * schemes), every limit (time, stall, size after decompression, a 2 GB
 * Content-Length), broken servers, Retry-After, and the per-host cap.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "dstr.h"
#include "fetch.h"
#include "settings.h"
#include "store.h"
#include "tap.h"
#include "xalloc.h"

static pid_t server_pid;
static char base[64];
static char logpath[256];
static char srcdir[1024];

struct got {
	int		 n;		/* callbacks so far */
	enum fetch_status status;
	int		 code;
	char		*error, *body, *final_url, *moved_to, *etag, *lastmod;
	size_t		 len;
	int64_t		 retry_after;
	int		 redirects;
	double		 seconds;
};

static void
got_release(struct got *g)
{
	free(g->error);
	free(g->body);
	free(g->final_url);
	free(g->moved_to);
	free(g->etag);
	free(g->lastmod);
	memset(g, 0, sizeof(*g));
}

static void
on_done(void *ctx, const struct fetch_result *r)
{
	struct got *g = r->udata ? r->udata : ctx;

	got_release(g);
	g->n = 1;
	g->status = r->status;
	g->code = r->http_code;
	g->error = xstrdup_or_null(r->error);
	g->body = r->body ? xstrndup(r->body, r->len) : NULL;
	g->len = r->len;
	g->final_url = xstrdup_or_null(r->final_url);
	g->moved_to = xstrdup_or_null(r->moved_to);
	g->etag = xstrdup_or_null(r->etag);
	g->lastmod = xstrdup_or_null(r->last_modified);
	g->retry_after = r->retry_after;
	g->redirects = r->redirects;
	g->seconds = r->seconds;
}

static void
start_server(void)
{
	char script[1200], root[1200], portbuf[32];
	const char *py = getenv("PYTHON3");
	int fds[2];
	ssize_t n;
	size_t got = 0;

	snprintf(script, sizeof(script), "%s/tests/httpd.py", srcdir);
	snprintf(root, sizeof(root), "%s/tests/data/poll", srcdir);
	snprintf(logpath, sizeof(logpath), "/tmp/dossier-test-fetch-%ld.log",
	    (long)getpid());
	unlink(logpath);
	if (py == NULL || *py == '\0')
		py = "python3";
	if (pipe(fds) != 0)
		exit(99);
	if ((server_pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execlp(py, py, script, "--root", root, "--log", logpath,
		    "--lifetime", "240", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (got < sizeof(portbuf) - 1 &&
	    (n = read(fds[0], portbuf + got, 1)) == 1 &&
	    portbuf[got] != '\n')
		got++;
	portbuf[got] = '\0';
	close(fds[0]);
	if (got == 0) {
		printf("Bail out! the test server did not start\n");
		exit(1);
	}
	snprintf(base, sizeof(base), "http://127.0.0.1:%s", portbuf);
}

static void
stop_server(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
	}
	unlink(logpath);
}

static char *
url(const char *path)
{
	static char buf[8][512];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s%s", base, path);
	return buf[i];
}

static void
req_init(struct fetch_request *r, const char *u)
{
	memset(r, 0, sizeof(*r));
	r->url = u;
	fetch_limits_default(&r->limits);
}

/* Fetch one request to completion. */
static void
fetch1(const struct fetch_request *req, struct got *g)
{
	struct fetcher *f = fetcher_new(4, 2, on_done, g);

	got_release(g);
	fetcher_add(f, req);
	while (fetcher_step(f, 1000) > 0)
		;
	fetcher_free(f);
}

static void
get(const char *path, struct got *g)
{
	struct fetch_request r;

	req_init(&r, url(path));
	fetch1(&r, g);
}

static int
has(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static char *
slurp(const char *path)
{
	struct dstr d = DSTR_INIT;
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return dstr_detach(&d, NULL);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, NULL);
}

/* The last line of the server log whose path starts with path. */
static char *
logline(const char *path)
{
	char *all = slurp(logpath), *line, *save = NULL, *last = NULL;
	char pat[300];

	snprintf(pat, sizeof(pat), "\"path\": \"%s", path);
	for (line = strtok_r(all, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		if (strstr(line, pat))
			last = line;
	last = xstrdup_or_null(last);
	free(all);
	return last;
}

static void
test_basic(void)
{
	struct fetch_request r;
	struct got g = { 0 }, g2 = { 0 };
	char *file, *line, path[1200];

	snprintf(path, sizeof(path), "%s/tests/data/poll/feed.xml", srcdir);
	file = slurp(path);
	get("/feed.xml", &g);
	is_int(g.status, FETCH_OK, "200: ok");
	is_int(g.code, 200, "status code");
	ok(g.body && strcmp(g.body, file) == 0, "the body, decompressed");
	ok(g.etag && g.etag[0] == '"', "ETag returned");
	ok(has(g.lastmod, "GMT"), "Last-Modified returned");
	is_str(g.final_url, url("/feed.xml"), "final URL");
	ok(g.moved_to == NULL && g.redirects == 0, "no redirect");
	ok(g.error == NULL, "no error");
	line = logline("/feed.xml");
	ok(has(line, "\"gzip\": true"), "the server sent gzip");
	ok(has(line, "dossier/"), "User-Agent dossier/VERSION");
	free(line);

	req_init(&r, url("/feed.xml"));
	r.etag = g.etag;
	fetch1(&r, &g2);
	is_int(g2.status, FETCH_NOT_MODIFIED, "If-None-Match: 304");
	ok(g2.body == NULL, "no body on 304");
	line = logline("/feed.xml");
	{
		char hex[64];

		snprintf(hex, sizeof(hex), "%.16s", g.etag ? g.etag + 1 : "?");
		ok(has(line, "\"if_none_match\": \"\\\"") && has(line, hex),
		    "If-None-Match was sent");
	}
	free(line);

	req_init(&r, url("/feed.xml"));
	r.last_modified = g.lastmod;
	fetch1(&r, &g2);
	is_int(g2.status, FETCH_NOT_MODIFIED, "If-Modified-Since: 304");

	req_init(&r, url("/feed.xml"));
	r.etag = "\"x\"\r\nX-Injected: 1";
	r.user_agent = "agent\r\nX-Injected: 1";
	fetch1(&r, &g2);
	is_int(g2.status, FETCH_OK, "a validator with CR/LF is not sent");
	line = logline("/feed.xml");
	ok(has(line, "\"if_none_match\": null") &&
	    !has(line, "X-Injected") && has(line, "dossier/"),
	    "neither it nor such a User-Agent reach the server");
	free(line);

	req_init(&r, url("/feed.xml"));
	r.user_agent = "custom-agent/2";
	fetch1(&r, &g2);
	line = logline("/feed.xml");
	ok(has(line, "custom-agent/2"), "a configured User-Agent is sent");
	free(line);

	free(file);
	got_release(&g);
	got_release(&g2);
}

static void
test_errors(void)
{
	struct got g = { 0 };

	get("/status/404", &g);
	is_int(g.status, FETCH_HTTP_ERROR, "404 is an HTTP error");
	is_int(g.code, 404, "with its code");
	is_str(g.error, "HTTP 404 Not Found", "and a message");
	get("/status/500", &g);
	ok(g.status == FETCH_HTTP_ERROR && g.code == 500, "500");
	get("/nonexistent.xml", &g);
	is_int(g.code, 404, "a missing file is 404");
	get("/hostile-error", &g);
	ok(g.error && !strchr(g.error, 0x1b) && !strchr(g.error, 0x07),
	    "a reason phrase with escapes is sanitised");
	get("/retry", &g);
	ok(g.status == FETCH_HTTP_ERROR && g.code == 429, "429");
	ok(g.retry_after >= (int64_t)time(NULL) + 3590 &&
	    g.retry_after <= (int64_t)time(NULL) + 3600,
	    "Retry-After: 3600 becomes a time an hour away");
	get("/status/503?retry=99999999", &g);
	ok(g.retry_after <= (int64_t)time(NULL) + FETCH_MAX_RETRY_AFTER,
	    "an absurd Retry-After is capped");
	get("/status/503?retry=Wed,%2021%20Oct%202099%2007:28:00%20GMT", &g);
	ok(g.retry_after > (int64_t)time(NULL), "Retry-After as a date");
	get("/garbage", &g);
	is_int(g.status, FETCH_FAILED, "an invalid HTTP response fails");
	ok(g.error && *g.error, "with a message");
	diag("garbage: %s", g.error ? g.error : "(null)");
	got_release(&g);
}

static void
test_redirects(void)
{
	struct got g = { 0 };
	struct fetch_request r;

	get("/redirect/3", &g);
	is_int(g.status, FETCH_OK, "a chain of 3 redirects is followed");
	is_int(g.redirects, 3, "3 hops counted");
	is_str(g.final_url, url("/feed.xml"), "to the end");
	ok(g.moved_to == NULL, "302s don't move the feed");

	get("/redirect/5", &g);
	is_int(g.status, FETCH_OK, "5 redirects are fine");
	get("/redirect/6", &g);
	is_int(g.status, FETCH_FAILED, "6 are too many");
	ok(has(g.error, "more than 5 redirects (max-redirects)"),
	    "and the message names the limit");
	req_init(&r, url("/redirect/2"));
	r.limits.max_redirects = 1;
	fetch1(&r, &g);
	ok(g.status == FETCH_FAILED && has(g.error, "more than 1 redirect"),
	    "max-redirects is honoured");

	get("/loop", &g);
	is_int(g.status, FETCH_FAILED, "a redirect loop fails");
	ok(has(g.error, "redirect loop"), "and says so");
	diag("loop: %s", g.error ? g.error : "(null)");

	get("/moved", &g);
	is_int(g.status, FETCH_OK, "301 is followed");
	is_str(g.moved_to, url("/feed.xml"), "and reported as a move");
	get("/moved308?to=/atom.xml", &g);
	is_str(g.moved_to, url("/atom.xml"), "308 too");
	get("/moved?to=/temp%3Fto%3D/atom.xml", &g);
	ok(g.status == FETCH_OK && has(g.moved_to, "/temp"),
	    "301 then 302: the feed moved to the 301's target");
	get("/temp?to=/moved", &g);
	ok(g.status == FETCH_OK && g.moved_to == NULL,
	    "302 then 301: not a move of the subscription");

	get("/to-file", &g);
	is_int(g.status, FETCH_FAILED, "a redirect to file: is refused");
	ok(has(g.error, "file: URL refused"), "with a message");
	diag("to-file: %s", g.error ? g.error : "(null)");
	get("/to-gopher", &g);
	ok(g.status == FETCH_FAILED && has(g.error, "gopher"),
	    "a redirect to gopher: too");

	req_init(&r, "file:///etc/passwd");
	fetch1(&r, &g);
	ok(g.status == FETCH_FAILED && has(g.error, "not an http"),
	    "a file: URL is never fetched");
	req_init(&r, "dict://127.0.0.1/x");
	fetch1(&r, &g);
	ok(g.status == FETCH_FAILED, "nor dict:");
	got_release(&g);
}

static void
test_limits(void)
{
	struct got g = { 0 };
	struct fetch_request r;

	req_init(&r, url("/slow?bps=10"));
	r.limits.timeout = 1;
	fetch1(&r, &g);
	is_int(g.status, FETCH_FAILED, "a slow body hits the total timeout");
	ok(has(g.error, "timed out after 1 s (timeout)"), "named");
	ok(g.seconds < 3, "in time");
	diag("slow: %s", g.error ? g.error : "(null)");

	req_init(&r, url("/stall"));
	r.limits.low_speed_time = 1;
	r.limits.timeout = 20;
	fetch1(&r, &g);
	is_int(g.status, FETCH_FAILED, "a stalled transfer is abandoned");
	ok(has(g.error, "low-speed-time"), "by the low-speed limit");
	/* libcurl averages the speed over 5 s, so about 1 + 5 s */
	ok(g.seconds < 10, "in time");
	diag("stall: %.2f s: %s", g.seconds, g.error ? g.error : "(null)");

	req_init(&r, url("/stall"));
	r.limits.timeout = 1;
	fetch1(&r, &g);
	ok(g.status == FETCH_FAILED && has(g.error, "(timeout)"),
	    "or the total timeout, whichever comes first");

	get("/truncated", &g);
	is_int(g.status, FETCH_FAILED, "a truncated body fails");
	ok(has(g.error, "truncated"), "and says so");
	ok(g.body == NULL, "no body is handed over");

	req_init(&r, url("/big?size=3000000"));
	r.limits.max_size = 1024 * 1024;
	fetch1(&r, &g);
	is_int(g.status, FETCH_FAILED, "a body over max-size fails");
	ok(has(g.error, "larger than the limit of 1 MiB (max-size)"),
	    "naming the limit");
	req_init(&r, url("/endless"));
	r.limits.max_size = 2 * 1024 * 1024;
	fetch1(&r, &g);
	ok(g.status == FETCH_FAILED && has(g.error, "max-size"),
	    "an endless body stops at the limit");

	get("/gzipbomb", &g);
	is_int(g.status, FETCH_FAILED, "a gzip bomb is refused");
	ok(has(g.error, "32 MiB"), "by the size limit after decompression");
	get("/huge-length", &g);
	ok(g.status == FETCH_FAILED && has(g.error, "max-size"),
	    "Content-Length: 2 GB is refused");
	ok(g.seconds < 5, "at once");
	got_release(&g);
}

static void
test_refused(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	struct got g = { 0 };
	char u[64];
	int s = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(s, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(s, (struct sockaddr *)&sa, &len);
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/x", ntohs(sa.sin_port));
	close(s);		/* nothing listens there now */
	{
		struct fetch_request r;

		req_init(&r, u);
		fetch1(&r, &g);
	}
	ok(g.status == FETCH_FAILED && g.error && *g.error,
	    "connection refused fails with a message");
	diag("refused: %s", g.error ? g.error : "(null)");
	got_release(&g);
}

struct many {
	struct got	 g[12];
	int		 n;
	struct fetcher	*f;
	int		 chain;
};

static void
many_done(void *ctx, const struct fetch_result *r)
{
	struct many *m = ctx;

	on_done(NULL, r);
	m->n++;
	if (m->chain) {
		/* a request added from the callback */
		struct fetch_request req;

		m->chain = 0;
		req_init(&req, url("/atom.xml"));
		req.udata = &m->g[11];
		fetcher_add(m->f, &req);
	}
}

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
max_inflight(int reset)
{
	struct got g = { 0 };
	const char *p;
	int n = -1;

	get(reset ? "/stats?reset=1" : "/stats", &g);
	if (g.body && (p = strstr(g.body, "\"max_inflight\": ")))
		n = atoi(p + strlen("\"max_inflight\": "));
	got_release(&g);
	return n;
}

static void
run_many(int jobs, int per_host, int n, double *secs)
{
	struct many m;
	struct fetch_request r;
	double t0;
	int i;

	memset(&m, 0, sizeof(m));
	m.f = fetcher_new(jobs, per_host, many_done, &m);
	for (i = 0; i < n; i++) {
		req_init(&r, url("/delay?ms=300"));
		r.udata = &m.g[i];
		fetcher_add(m.f, &r);
	}
	t0 = now_s();
	while (fetcher_step(m.f, 1000) > 0)
		;
	*secs = now_s() - t0;
	fetcher_free(m.f);
	for (i = 0; i < n; i++)
		got_release(&m.g[i]);
}

static void
test_concurrency(void)
{
	struct many m;
	struct fetch_request r;
	double secs;
	int i, allok;

	max_inflight(1);
	run_many(8, 2, 6, &secs);
	is_int(max_inflight(1), 2, "at most 2 transfers to one host");
	ok(secs >= 0.85, "so 6 slow requests take 3 rounds");
	run_many(8, 8, 6, &secs);
	ok(max_inflight(1) >= 4, "with a higher cap they run together");
	ok(secs < 0.85, "and finish sooner");
	diag("6 x 300 ms with 8 per host: %.2f s", secs);

	/* callbacks may queue more work; bytes are counted */
	memset(&m, 0, sizeof(m));
	m.f = fetcher_new(3, 2, many_done, &m);
	m.chain = 1;
	for (i = 0; i < 10; i++) {
		req_init(&r, url(i % 2 ? "/feed.xml" : "/atom.xml"));
		r.udata = &m.g[i];
		fetcher_add(m.f, &r);
	}
	while (fetcher_step(m.f, 1000) > 0)
		;
	ok(fetcher_bytes(m.f) > 5000, "body bytes are counted");
	fetcher_free(m.f);
	is_int(m.n, 11, "every transfer finished, one added on the way");
	for (allok = 1, i = 0; i < 12; i++) {
		if (i < 10 || i == 11)
			allok &= m.g[i].status == FETCH_OK && m.g[i].len > 0;
		got_release(&m.g[i]);
	}
	ok(allok, "all of them ok");

	/* freeing with transfers running: nothing leaks, no callback */
	memset(&m, 0, sizeof(m));
	m.f = fetcher_new(4, 4, many_done, &m);
	for (i = 0; i < 6; i++) {
		req_init(&r, url("/stall"));
		r.udata = &m.g[i];
		fetcher_add(m.f, &r);
	}
	fetcher_step(m.f, 200);
	fetcher_free(m.f);
	is_int(m.n, 0, "freeing abandons running transfers silently");
}

static void
test_settings(void)
{
	struct config cfg;
	struct poll_settings s;

	config_init(&cfg);
	config_parse(&cfg,
	    "timeout 30\n"
	    "max-size 2M\n"
	    "feed http://a.example/feed timeout 5\n"
	    "feed tag:slow connect-timeout 20\n"
	    "feed tag:slow interval 120\n"
	    "feed http://a.example/feed enabled no\n"
	    "feed http://a.example/feed max-size 64k\n"
	    "feed http://a.example/feed user-agent \"Mozilla/5.0 (x)\"\n"
	    "feed http://b.example/feed timeout bogus\n", "test");
	poll_settings_get(&cfg, "http://a.example/feed", "slow", &s);
	is_int(s.limits.timeout, 5, "per-feed timeout");
	is_int(s.limits.connect_timeout, 20, "per-tag connect-timeout");
	is_int(s.interval, 120, "per-tag interval");
	is_int(s.enabled, 0, "enabled no");
	is_int(s.limits.max_size, 64 * 1024, "max-size with a suffix");
	is_str(s.user_agent, "Mozilla/5.0 (x)", "user-agent");
	poll_settings_release(&s);
	poll_settings_get(&cfg, "http://b.example/feed", "", &s);
	is_int(s.limits.timeout, 30, "a bad value falls back to the global");
	is_int(s.limits.max_size, 2 * 1024 * 1024, "global max-size");
	is_int(s.enabled, 1, "enabled by default");
	is_int(s.limits.max_redirects, FETCH_MAX_REDIRECTS, "default "
	    "max-redirects");
	poll_settings_release(&s);
	poll_settings_get(NULL, "http://c.example/", NULL, &s);
	is_int(s.limits.timeout, FETCH_TIMEOUT, "no config: defaults");
	poll_settings_release(&s);
	config_release(&cfg);
}

struct reports {
	int	 n, failed, updated;
	int64_t	 new_items;
};

static void
on_report(void *ctx, const struct poll_report *r)
{
	struct reports *rs = ctx;

	rs->n++;
	rs->failed += r->outcome == POLL_FAILED;
	rs->updated += r->outcome == POLL_UPDATED;
	rs->new_items += r->stats.new_items;
}

static int
articles(struct store *st, const char *feed)
{
	struct store_query q = { 0 };
	int64_t n = -1;

	q.feed_url = feed;
	store_articles_count(st, &q, &n);
	return (int)n;
}

/* The step API as a curses loop would use it: select() on poll_fds() (and
 * the keyboard), then poll_step(p, 0), which must never block long. */
static void
test_poll_api(void)
{
	char dbpath[128], lockpath[160];
	struct poll_opts po = { 0 };
	struct poll_progress pr;
	struct reports rs = { 0 };
	struct dstr err = DSTR_INIT;
	struct store *st;
	struct poll *p;
	double t, t0, worst = 0;
	long pid;
	int fd, fd2, steps = 0, keyboard[2];

	snprintf(dbpath, sizeof(dbpath), "/tmp/dossier-test-poll-%ld.db",
	    (long)getpid());
	unlink(dbpath);
	ok(store_open(&st, dbpath, 0) == 0, "a scratch archive");
	store_feed_add(st, url("/feed.xml"), NULL, NULL, 0, NULL);
	store_feed_add(st, url("/delay?ms=300"), NULL, NULL, 0, NULL);
	store_feed_add(st, url("/status/404"), NULL, NULL, 0, NULL);

	ok(poll_lock(dbpath, &fd, &pid, &err) == 0, "the poll lock is taken");
	is_int(poll_lock(dbpath, &fd2, &pid, &err), 1,
	    "a second taker is told a poll runs");
	is_int(pid, getpid(), "with the holder's process id");

	ok(poll_start(&p, st, NULL, &po, on_report, &rs) == 0, "poll_start");
	if (pipe(keyboard) != 0)
		keyboard[0] = keyboard[1] = 0;
	t0 = now_s();
	while (!poll_done(p) && now_s() - t0 < 20) {
		fd_set rd, wr, ex;
		struct timeval tv;
		long ms;
		int maxfd = 0;

		FD_ZERO(&rd);
		FD_ZERO(&wr);
		FD_ZERO(&ex);
		FD_SET(keyboard[0], &rd);	/* no key is ever pressed */
		maxfd = keyboard[0];
		poll_fds(p, &rd, &wr, &ex, &maxfd, &ms);
		if (ms < 0 || ms > 200)
			ms = 200;
		tv.tv_sec = 0;
		tv.tv_usec = ms * 1000;
		select(maxfd + 1, &rd, &wr, &ex, &tv);
		t = now_s();
		poll_step(p, 0);
		t = now_s() - t;
		if (t > worst)
			worst = t;
		steps++;
	}
	close(keyboard[0]);
	close(keyboard[1]);
	ok(poll_done(p), "the poll finishes");
	ok(worst < 0.25, "no step blocks");
	diag("%d steps, the longest %.3f s", steps, worst);
	poll_progress(p, &pr);
	ok(pr.total == 3 && pr.done == 3 && pr.failed == 1 && pr.updated == 2,
	    "progress counts");
	is_int(rs.n, 3, "one report per feed");
	is_int(rs.new_items, 6, "6 new items reported");
	is_int(articles(st, url("/feed.xml")), 3, "and stored");
	poll_free(p);

	/* cancelled half way: what finished is stored, the rest untouched */
	memset(&rs, 0, sizeof(rs));
	store_feed_add(st, url("/slow?bps=50"), NULL, NULL, 0, NULL);
	po.force = 1;
	ok(poll_start(&p, st, NULL, &po, on_report, &rs) == 0, "again");
	poll_step(p, 100);
	poll_free(p);
	is_int(articles(st, url("/slow?bps=50")), 0,
	    "a cancelled transfer stores nothing");
	ok(store_begin(st) == 0 && store_commit(st) == 0,
	    "and leaves no transaction open");

	po.feed_url = "http://nowhere.example/";
	ok(poll_start(&p, st, NULL, &po, on_report, &rs) != 0 &&
	    strstr(poll_errmsg(p), "not subscribed") != NULL,
	    "an unknown --feed is an error");
	poll_free(p);

	poll_unlock(fd);
	ok(poll_lock(dbpath, &fd, &pid, &err) == 0, "unlocked: taken again");
	poll_unlock(fd);
	store_close(st);
	unlink(dbpath);
	snprintf(lockpath, sizeof(lockpath), "%s.lock", dbpath);
	unlink(lockpath);
	snprintf(lockpath, sizeof(lockpath), "%s-wal", dbpath);
	unlink(lockpath);
	snprintf(lockpath, sizeof(lockpath), "%s-shm", dbpath);
	unlink(lockpath);
	dstr_release(&err);
}

int
main(void)
{
	const char *top = getenv("top_srcdir");

	snprintf(srcdir, sizeof(srcdir), "%s", top && *top ? top : ".");
	/* loopback only, even where a proxy is configured */
	setenv("no_proxy", "127.0.0.1,localhost", 1);
	setenv("NO_PROXY", "127.0.0.1,localhost", 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_settings();
	start_server();
	test_basic();
	test_errors();
	test_redirects();
	test_limits();
	test_refused();
	test_concurrency();
	test_poll_api();
	stop_server();
	curl_global_cleanup();
	return done_testing();
}
