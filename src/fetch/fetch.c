/*
 * fetch.c: the libcurl multi loop; see fetch.h.
 *
 * One thread, one multi handle, one easy handle per transfer.  Requests wait
 * in a FIFO queue until a slot is free overall and for their host (our own
 * accounting, so that libcurl never holds a transfer "pending" while its
 * timeout runs).  Redirects are followed here rather than by libcurl: each
 * hop is checked (scheme, count, loop), the leading run of 301/308 is
 * remembered as the resource's new address, and the total time limit spans
 * the whole chain.  The body is buffered (so a transfer that fails half way
 * stores nothing) and capped after decompression in the write callback;
 * bodies of error and redirect responses are thrown away.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "config.h"
#include "dstr.h"
#include "fetch.h"
#include "utf8.h"
#include "xalloc.h"

#define DEFAULT_UA	"dossier/" PACKAGE_VERSION
#define MAX_HEADER	1024		/* longest validator we keep */
#define MAX_ERROR_BODY	(64 * 1024)	/* error bodies are read, then cut */
#define ACCEPT		"Accept: application/rss+xml, application/atom+xml, " \
			"application/feed+json, application/xml;q=0.9, " \
			"text/xml;q=0.9, */*;q=0.8"

struct xfer {
	struct fetcher	*f;
	struct xfer	*next;		/* in the queue, or running */
	CURL		*easy;
	struct curl_slist *hdrs;
	struct fetch_request req;	/* strings owned */
	char		*url;		/* the hop being fetched */
	char		*host;		/* its host:port, for the per-host cap */
	char		*moved_to;
	int		 permanent;	/* still in the leading 301/308 run */
	char		**visited;	/* URLs of the chain, for loops */
	int		 nvisited;
	struct timespec	 start;
	/* the response being received */
	long		 code;
	int		 discard;	/* not a 2xx: body thrown away */
	size_t		 discarded;
	int		 too_big;
	int		 cut;		/* error body cut short on purpose */
	struct dstr	 body;
	struct dstr	 etag, lastmod, ctype, retry, reason;
	char		 errbuf[CURL_ERROR_SIZE];
};

struct hostcount {
	char	*host;
	int	 n;
};

struct fetcher {
	CURLM		*multi;
	int		 jobs, per_host;
	fetch_done_fn	 done;
	void		*ctx;
	struct xfer	*qhead, *qtail;
	struct xfer	*run;		/* running transfers */
	size_t		 queued, running;
	struct hostcount *hosts;	/* hosts with running transfers */
	size_t		 nhosts;
	uint64_t	 bytes;
};

void
fetch_limits_default(struct fetch_limits *l)
{
	l->connect_timeout = FETCH_CONNECT_TIMEOUT;
	l->timeout = FETCH_TIMEOUT;
	l->low_speed_time = FETCH_LOW_SPEED_TIME;
	l->max_size = FETCH_MAX_SIZE;
	l->max_redirects = FETCH_MAX_REDIRECTS;
}

static double
elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Printable ASCII only: what we send back as a header must not smuggle a
 * line break. */
static int
header_safe(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > MAX_HEADER)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/*
 * The scheme (lower case) and host:port of an absolute URL (*hostport NULL
 * when it has no host); -1 if it is not a URL at all.
 */
static int
url_parts(const char *url, char **scheme, char **hostport)
{
	CURLU *u = curl_url();
	char *s = NULL, *h = NULL, *p = NULL;
	struct dstr d = DSTR_INIT;
	int rc = -1;

	*scheme = *hostport = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ==
	    CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK) {
		*scheme = xstrdup(s);
		if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
		    curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) ==
		    CURLUE_OK) {
			dstr_addf(&d, "%s:%s", h, p);
			*hostport = dstr_detach(&d, NULL);
		}
		rc = 0;
	}
	curl_free(s);
	curl_free(h);
	curl_free(p);
	curl_url_cleanup(u);
	return rc;
}

int
fetch_same_site(const char *a, const char *b)
{
	char *sa = NULL, *ha = NULL, *sb = NULL, *hb = NULL;
	int same;

	same = url_parts(a, &sa, &ha) == 0 && url_parts(b, &sb, &hb) == 0 &&
	    strcmp(sa, sb) == 0 && ha != NULL && hb != NULL &&
	    strcmp(ha, hb) == 0;
	free(sa);
	free(ha);
	free(sb);
	free(hb);
	return same;
}

static int
is_http(const char *scheme)
{
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
}

static struct hostcount *
host_find(struct fetcher *f, const char *host)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i].host, host) == 0)
			return &f->hosts[i];
	return NULL;
}

static int
host_running(struct fetcher *f, const char *host)
{
	struct hostcount *h = host_find(f, host);

	return h ? h->n : 0;
}

static void
host_inc(struct fetcher *f, const char *host)
{
	struct hostcount *h = host_find(f, host);

	if (h == NULL) {
		f->hosts = xreallocarray(f->hosts, f->nhosts + 1,
		    sizeof(*f->hosts));
		h = &f->hosts[f->nhosts++];
		h->host = xstrdup(host);
		h->n = 0;
	}
	h->n++;
}

static void
host_dec(struct fetcher *f, const char *host)
{
	struct hostcount *h = host_find(f, host);

	if (h == NULL || --h->n > 0)
		return;
	free(h->host);
	*h = f->hosts[--f->nhosts];
}

static void
response_reset(struct xfer *x)
{
	x->code = 0;
	x->discard = 0;
	x->discarded = 0;
	x->too_big = 0;
	x->cut = 0;
	dstr_reset(&x->body);
	dstr_reset(&x->etag);
	dstr_reset(&x->lastmod);
	dstr_reset(&x->ctype);
	dstr_reset(&x->retry);
	dstr_reset(&x->reason);
	x->errbuf[0] = '\0';
}

static void
xfer_free(struct xfer *x)
{
	int i;

	if (x == NULL)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	free((char *)x->req.url);
	free((char *)x->req.etag);
	free((char *)x->req.last_modified);
	free((char *)x->req.user_agent);
	free((char *)x->req.ca_file);
	free(x->url);
	free(x->host);
	free(x->moved_to);
	for (i = 0; i < x->nvisited; i++)
		free(x->visited[i]);
	free(x->visited);
	dstr_release(&x->body);
	dstr_release(&x->etag);
	dstr_release(&x->lastmod);
	dstr_release(&x->ctype);
	dstr_release(&x->retry);
	dstr_release(&x->reason);
	free(x);
}

/* The status code of the response whose headers are arriving. */
static long
current_code(struct xfer *x)
{
	long code = 0;

	if (x->code == 0)
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	else
		code = x->code;
	return code;
}

static size_t
on_body(char *data, size_t size, size_t n, void *vx)
{
	struct xfer *x = vx;
	size_t len = size * n;
	long code;

	if (!x->discard && x->body.len == 0) {
		code = current_code(x);
		x->discard = code < 200 || code > 299;
	}
	if (x->discard) {
		/* an error page or a redirect: read a little, then stop */
		x->discarded += len;
		if (x->discarded > MAX_ERROR_BODY) {
			x->cut = 1;
			return 0;
		}
		return len;
	}
	/* The cap counts what libcurl hands us, i.e. after decompression
	 * (CURLOPT_MAXFILESIZE only sees the encoded Content-Length). */
	if ((uint64_t)x->body.len + len > (uint64_t)x->req.limits.max_size) {
		x->too_big = 1;
		return 0;
	}
	dstr_add(&x->body, data, len);
	x->f->bytes += len;
	return len;
}

static void
set_value(struct dstr *d, const char *v, size_t n)
{
	dstr_reset(d);
	if (n <= MAX_HEADER)
		dstr_add(d, v, n);
}

static size_t
on_header(char *data, size_t size, size_t n, void *vx)
{
	struct xfer *x = vx;
	size_t len = size * n, k, vlen;
	const char *v, *colon;

	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new response (after a 1xx, or the next hop) */
		response_reset(x);
		v = memchr(data, ' ', len);
		if (v && (v = memchr(v + 1, ' ', len - (size_t)(v + 1 - data))))
			set_value(&x->reason, v + 1,
			    len - (size_t)(v + 1 - data));
		return size * n;
	}
	if ((colon = memchr(data, ':', len)) == NULL)
		return size * n;
	k = (size_t)(colon - data);
	v = colon + 1;
	vlen = len - k - 1;
	while (vlen > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vlen--;
	}
	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
#define IS(name) (k == sizeof(name) - 1 && strncasecmp(data, name, k) == 0)
	if (IS("ETag"))
		set_value(&x->etag, v, vlen);
	else if (IS("Last-Modified"))
		set_value(&x->lastmod, v, vlen);
	else if (IS("Content-Type"))
		set_value(&x->ctype, v, vlen);
	else if (IS("Retry-After"))
		set_value(&x->retry, v, vlen);
#undef IS
	return size * n;
}

/* Retry-After: seconds or an HTTP date; an absolute time, capped; 0 none. */
static int64_t
parse_retry_after(const char *s)
{
	time_t now = time(NULL), t;
	char *end;
	long long secs;

	if (*s == '\0')
		return 0;
	if (*s >= '0' && *s <= '9') {
		secs = strtoll(s, &end, 10);
		if (*end != '\0')
			return 0;
		if (secs > FETCH_MAX_RETRY_AFTER)
			secs = FETCH_MAX_RETRY_AFTER;
		return (int64_t)now + secs;
	}
	if ((t = curl_getdate(s, NULL)) == -1)
		return 0;
	if (t <= now)
		return 0;
	if (t - now > FETCH_MAX_RETRY_AFTER)
		t = now + FETCH_MAX_RETRY_AFTER;
	return (int64_t)t;
}

/* Set up the easy handle for the hop to x->url. */
static int
xfer_setup(struct xfer *x)
{
	const struct fetch_limits *l = &x->req.limits;
	double left_s = (double)l->timeout - elapsed(&x->start);
	long left_ms = left_s <= 0.001 ? 1 : (long)(left_s * 1000);
	CURL *e = x->easy;

	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT,
	    x->req.user_agent ? x->req.user_agent : DEFAULT_UA);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	if (x->req.ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, x->req.ca_file);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, l->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, left_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, l->low_speed_time);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)l->max_size);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	response_reset(x);
	return 0;
}

static void
visited_add(struct xfer *x, const char *url)
{
	x->visited = xreallocarray(x->visited, (size_t)x->nvisited + 1,
	    sizeof(char *));
	x->visited[x->nvisited++] = xstrdup(url);
}

void
fetcher_add(struct fetcher *f, const struct fetch_request *req)
{
	struct xfer *x = xcalloc(1, sizeof(*x));
	struct dstr d = DSTR_INIT;

	x->f = f;
	x->req = *req;
	x->req.url = xstrdup(req->url);
	x->req.etag = header_safe(req->etag) ? xstrdup(req->etag) : NULL;
	x->req.last_modified = header_safe(req->last_modified) ?
	    xstrdup(req->last_modified) : NULL;
	x->req.user_agent = header_safe(req->user_agent) ?
	    xstrdup(req->user_agent) : NULL;
	x->req.ca_file = req->ca_file ? xstrdup(req->ca_file) : NULL;
	if (x->req.limits.max_redirects < 0)
		x->req.limits.max_redirects = 0;
	if (x->req.limits.max_size <= 0)
		x->req.limits.max_size = FETCH_MAX_SIZE;
	if (x->req.limits.timeout <= 0)
		x->req.limits.timeout = FETCH_TIMEOUT;
	if (x->req.limits.connect_timeout <= 0)
		x->req.limits.connect_timeout = FETCH_CONNECT_TIMEOUT;
	if (x->req.limits.low_speed_time <= 0)
		x->req.limits.low_speed_time = FETCH_LOW_SPEED_TIME;
	x->url = xstrdup(req->url);
	x->permanent = 1;
	dstr_init(&x->body);
	dstr_init(&x->etag);
	dstr_init(&x->lastmod);
	dstr_init(&x->ctype);
	dstr_init(&x->retry);
	dstr_init(&x->reason);
	x->hdrs = curl_slist_append(NULL, ACCEPT);
	if (x->req.etag) {
		dstr_addf(&d, "If-None-Match: %s", x->req.etag);
		x->hdrs = curl_slist_append(x->hdrs, d.buf);
		dstr_reset(&d);
	}
	if (x->req.last_modified) {
		dstr_addf(&d, "If-Modified-Since: %s", x->req.last_modified);
		x->hdrs = curl_slist_append(x->hdrs, d.buf);
	}
	dstr_release(&d);
	if (f->qtail)
		f->qtail->next = x;
	else
		f->qhead = x;
	f->qtail = x;
	f->queued++;
}

/* Hand a finished transfer to the callback, then free it. */
static void
finish(struct fetcher *f, struct xfer *x, enum fetch_status status,
    const char *error)
{
	struct fetch_result r;

	memset(&r, 0, sizeof(r));
	r.status = status;
	r.udata = x->req.udata;
	r.url = x->req.url;
	r.final_url = x->url;
	r.moved_to = x->moved_to;
	r.redirects = x->nvisited > 0 ? x->nvisited - 1 : 0;
	r.http_code = (int)x->code;
	/* validators go back to the server: only if they are clean */
	r.etag = header_safe(x->etag.buf) ? x->etag.buf : NULL;
	r.last_modified = header_safe(x->lastmod.buf) ? x->lastmod.buf : NULL;
	r.content_type = x->ctype.len ? x->ctype.buf : NULL;
	r.retry_after = parse_retry_after(x->retry.buf);
	if (status == FETCH_OK) {
		r.body = x->body.buf;
		r.len = x->body.len;
	}
	r.error = error;
	r.seconds = elapsed(&x->start);
	f->done(f->ctx, &r);
	xfer_free(x);
}

static void
size_error(struct dstr *msg, const struct xfer *x)
{
	int64_t m = x->req.limits.max_size;

	if (m % (1024 * 1024) == 0)
		dstr_addf(msg, "the body is larger than the limit of %lld MiB "
		    "(max-size)", (long long)(m / (1024 * 1024)));
	else
		dstr_addf(msg, "the body is larger than the limit of %lld "
		    "bytes (max-size)", (long long)m);
}

static void
timeout_error(struct dstr *msg, struct xfer *x)
{
	const struct fetch_limits *l = &x->req.limits;
	curl_off_t connected = 0;

	curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connected);
	if (connected == 0)
		dstr_addf(msg, "could not connect within %ld s "
		    "(connect-timeout)", l->connect_timeout);
	else if (elapsed(&x->start) + 0.5 >= (double)l->timeout)
		dstr_addf(msg, "timed out after %ld s (timeout)", l->timeout);
	else
		dstr_addf(msg, "the server stalled: less than 1 byte/s for "
		    "%ld s (low-speed-time)", l->low_speed_time);
}

/* The next hop of a redirect, or an error.  0: queued again. */
static int
redirect(struct fetcher *f, struct xfer *x, struct dstr *msg)
{
	char *target = NULL, *scheme = NULL, *host = NULL;
	const char *loc = NULL;
	int i;

	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
	if (loc == NULL || *loc == '\0') {
		dstr_addf(msg, "HTTP %ld without a Location", x->code);
		return -1;
	}
	if (url_parts(loc, &scheme, &host) != 0) {
		dstr_adds(msg, "redirected to an invalid URL: ");
		utf8_sanitize(msg, loc, strlen(loc), SAN_ONE_LINE);
		return -1;
	}
	if (!is_http(scheme) || host == NULL) {
		if (!is_http(scheme))
			dstr_addf(msg, "redirect to a %s: URL refused (only "
			    "http and https): ", scheme);
		else
			dstr_adds(msg, "redirected to a URL without a host: ");
		utf8_sanitize(msg, loc, strlen(loc), SAN_ONE_LINE);
		free(scheme);
		free(host);
		return -1;
	}
	free(scheme);
	for (i = 0; i < x->nvisited; i++)
		if (strcmp(x->visited[i], loc) == 0) {
			dstr_adds(msg, "redirect loop: ");
			utf8_sanitize(msg, x->url, strlen(x->url),
			    SAN_ONE_LINE);
			dstr_adds(msg, " leads back to ");
			utf8_sanitize(msg, loc, strlen(loc), SAN_ONE_LINE);
			free(host);
			return -1;
		}
	if (x->nvisited > x->req.limits.max_redirects) {
		dstr_addf(msg, "more than %d redirects (max-redirects)",
		    x->req.limits.max_redirects);
		free(host);
		return -1;
	}
	target = xstrdup(loc);
	if (x->permanent && (x->code == 301 || x->code == 308)) {
		free(x->moved_to);
		x->moved_to = xstrdup(target);
	} else
		x->permanent = 0;
	curl_multi_remove_handle(f->multi, x->easy);
	host_dec(f, x->host);
	free(x->host);
	x->host = host;
	host_inc(f, x->host);
	free(x->url);
	x->url = target;
	visited_add(x, x->url);
	xfer_setup(x);
	if (curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
		dstr_adds(msg, "cannot start the transfer");
		return -1;
	}
	return 0;
}

static void
run_unlink(struct fetcher *f, struct xfer *x)
{
	struct xfer **pp;

	for (pp = &f->run; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			x->next = NULL;
			f->running--;
			return;
		}
}

static void	start_queued(struct fetcher *);

static void
completed(struct fetcher *f, struct xfer *x, CURLcode rc)
{
	struct dstr msg = DSTR_INIT;
	enum fetch_status st = FETCH_FAILED;
	int still;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->code);
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		size_error(&msg, x);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		timeout_error(&msg, x);
	else if (rc == CURLE_PARTIAL_FILE) {
		dstr_adds(&msg, "truncated: the connection closed before the "
		    "end of the body");
		if (x->errbuf[0]) {
			dstr_adds(&msg, " (");
			utf8_sanitize(&msg, x->errbuf, strlen(x->errbuf),
			    SAN_ONE_LINE);
			dstr_adds(&msg, ")");
		}
	} else if (rc != CURLE_OK && !(x->cut && rc == CURLE_WRITE_ERROR)) {
		const char *e = x->errbuf[0] ? x->errbuf :
		    curl_easy_strerror(rc);

		utf8_sanitize(&msg, e, strlen(e), SAN_ONE_LINE);
		dstr_rtrim(&msg);
	} else if (x->code >= 200 && x->code <= 299)
		st = FETCH_OK;
	else if (x->code == 304)
		st = FETCH_NOT_MODIFIED;
	else if (x->code == 301 || x->code == 302 || x->code == 303 ||
	    x->code == 307 || x->code == 308) {
		if (redirect(f, x, &msg) == 0) {
			dstr_release(&msg);
			return;
		}
	} else {
		st = x->code ? FETCH_HTTP_ERROR : FETCH_FAILED;
		if (x->code)
			dstr_addf(&msg, "HTTP %ld", x->code);
		else
			dstr_adds(&msg, "no HTTP response");
		if (x->reason.len) {
			dstr_addc(&msg, ' ');
			utf8_sanitize(&msg, x->reason.buf, x->reason.len,
			    SAN_ONE_LINE);
		}
	}
	curl_multi_remove_handle(f->multi, x->easy);
	host_dec(f, x->host);
	run_unlink(f, x);
	/*
	 * The next request goes out before this body is parsed and stored,
	 * so that its latency passes while we work.  (Started after the
	 * work, the transfers fell into step: all waiting for the server at
	 * once, then all done at once; a poll spent a quarter of its time
	 * waiting.)
	 */
	start_queued(f);
	if (f->running > 0)
		curl_multi_perform(f->multi, &still);
	finish(f, x, st, st == FETCH_OK || st == FETCH_NOT_MODIFIED ? NULL :
	    msg.buf);
	dstr_release(&msg);
}

/* Fail a request before it started (bad URL). */
static void
refuse(struct fetcher *f, struct xfer *x, const char *why)
{
	struct dstr msg = DSTR_INIT;

	dstr_adds(&msg, why);
	finish(f, x, FETCH_FAILED, msg.buf);
	dstr_release(&msg);
}

/* Start queued requests while there is room, oldest first, skipping those
 * whose host is at its cap. */
static void
start_queued(struct fetcher *f)
{
	struct xfer **pp = &f->qhead, *x, *prev = NULL;
	char *scheme, *host;

	while ((x = *pp) != NULL && f->running < (size_t)f->jobs) {
		if (x->host == NULL) {
			if (url_parts(x->url, &scheme, &host) != 0) {
				*pp = x->next;
				if (f->qtail == x)
					f->qtail = prev;
				f->queued--;
				refuse(f, x, "not a valid URL");
				continue;
			}
			if (!is_http(scheme) || host == NULL) {
				*pp = x->next;
				if (f->qtail == x)
					f->qtail = prev;
				f->queued--;
				refuse(f, x, is_http(scheme) ? "a URL without "
				    "a host" : "not an http or https URL");
				free(scheme);
				free(host);
				continue;
			}
			free(scheme);
			x->host = host;
		}
		if (host_running(f, x->host) >= f->per_host) {
			prev = x;
			pp = &x->next;
			continue;
		}
		*pp = x->next;
		if (f->qtail == x)
			f->qtail = prev;
		x->next = NULL;
		f->queued--;
		clock_gettime(CLOCK_MONOTONIC, &x->start);
		x->easy = curl_easy_init();
		visited_add(x, x->url);
		if (x->easy == NULL) {
			refuse(f, x, "cannot start the transfer");
			continue;
		}
		xfer_setup(x);
		if (curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
			refuse(f, x, "cannot start the transfer");
			continue;
		}
		host_inc(f, x->host);
		x->next = f->run;
		f->run = x;
		f->running++;
	}
}

struct fetcher *
fetcher_new(int jobs, int per_host, fetch_done_fn done, void *ctx)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));

	f->jobs = jobs > 0 ? jobs : FETCH_JOBS;
	f->per_host = per_host > 0 ? per_host : FETCH_PER_HOST;
	f->done = done;
	f->ctx = ctx;
	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		free(f);
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->per_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->jobs);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	return f;
}

static void
reap(struct fetcher *f)
{
	struct xfer *x;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x)
			completed(f, x, m->data.result);
	}
}

size_t
fetcher_step(struct fetcher *f, int timeout_ms)
{
	int still;

	start_queued(f);
	if (f->running > 0) {
		curl_multi_perform(f->multi, &still);
		reap(f);
		start_queued(f);
		if (f->running > 0 && timeout_ms > 0)
			curl_multi_poll(f->multi, NULL, 0, timeout_ms, NULL);
		curl_multi_perform(f->multi, &still);
		reap(f);
		start_queued(f);
	}
	return f->running + f->queued;
}

int
fetcher_idle(struct fetcher *f)
{
	int n = 0;

	if (f->running == 0)
		return 1;
	if (curl_multi_poll(f->multi, NULL, 0, 0, &n) != CURLM_OK)
		return 0;
	return n == 0;
}

void
fetcher_fds(struct fetcher *f, fd_set *rd, fd_set *wr, fd_set *ex,
    int *maxfd, long *timeout_ms)
{
	int m = -1;
	long t = -1;

	start_queued(f);
	curl_multi_fdset(f->multi, rd, wr, ex, &m);
	curl_multi_timeout(f->multi, &t);
	if (m > *maxfd)
		*maxfd = m;
	if (f->running > 0 && (t < 0 || t > 100))
		t = 100;	/* libcurl may have no socket yet (resolving) */
	*timeout_ms = t;
}

size_t
fetcher_pending(const struct fetcher *f)
{
	return f->running + f->queued;
}

uint64_t
fetcher_bytes(const struct fetcher *f)
{
	return f->bytes;
}

void
fetcher_free(struct fetcher *f)
{
	struct xfer *x, *next;
	size_t i;

	if (f == NULL)
		return;
	for (x = f->qhead; x; x = next) {
		next = x->next;
		xfer_free(x);
	}
	for (x = f->run; x; x = next) {
		next = x->next;
		curl_multi_remove_handle(f->multi, x->easy);
		xfer_free(x);
	}
	curl_multi_cleanup(f->multi);
	for (i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	free(f);
}
