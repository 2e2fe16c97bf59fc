/*
 * fetch.h: fetching over HTTP(S), and polling the subscriptions.
 *
 * Two layers, both single-threaded and non-blocking:
 *
 * struct fetcher is the libcurl multi loop.  It runs up to `jobs` transfers
 * at once (at most `per_host` to one host:port), reuses connections, speaks
 * HTTP/2 where the server offers it, sends conditional GET headers, follows
 * redirects itself (http and https only, a bounded number, loops refused),
 * and enforces the limits: connect time, total time, low speed, body size
 * counted after decompression.  It knows nothing about feeds: each finished
 * transfer is handed to a callback with its body buffer, which is freed when
 * the callback returns.
 *
 *	f = fetcher_new(8, 2, done, ctx);
 *	fetcher_add(f, &req);			(any number, any time)
 *	while (fetcher_step(f, 1000) > 0)
 *		;
 *	fetcher_free(f);
 *
 * struct poll is `dossier poll`: it picks the feeds that are due, fetches
 * them, feeds each body to ingest (one feed, one savepoint, when its
 * transfer completes; the feeds done within a quarter of a second commit
 * together, and each is reported once committed) and records the outcome
 * in the store.  Then, for feeds with `fulltext yes`, it fetches the pages
 * their new items link to (docs.h), a phase of its own on the same limits.
 * The TUI runs it in the background with the step API:
 *
 *	if (poll_lock(db_path, &fd, &err) != 0) ...	(1: a poll is running)
 *	if (poll_start(&p, st, cfg, &opts, on_feed, ctx) != 0) ...
 *	while (!poll_done(p)) {
 *		poll_step(p, 100);	(or poll_fds() + select(), then step 0)
 *		poll_progress(p, &pr);	... draw ...
 *	}
 *	poll_free(p); poll_unlock(fd);
 *
 * Nothing here prints or exits; every message is one line of text that may
 * quote a server (run it through utf8_sanitize() before printing).
 */
#ifndef DOSSIER_FETCH_H
#define DOSSIER_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>

#include "ingest.h"

struct config;
struct docs_ft_report;
struct dstr;
struct feed_limits;
struct store;
struct store_feed;

/* Defaults of the limits (config keys in parentheses). */
#define FETCH_JOBS		8	/* jobs */
#define FETCH_PER_HOST		2	/* host-connections */
#define FETCH_CONNECT_TIMEOUT	10	/* connect-timeout, seconds */
#define FETCH_TIMEOUT		60	/* timeout, seconds, redirects included */
#define FETCH_LOW_SPEED_TIME	30	/* low-speed-time: < 1 byte/s this long */
#define FETCH_MAX_SIZE		(32 * 1024 * 1024)	/* max-size, bytes */
#define FETCH_MAX_REDIRECTS	5	/* max-redirects */
#define FETCH_MAX_RETRY_AFTER	(7 * 24 * 3600)	/* Retry-After is capped */
#define FETCH_FULLTEXT_MAX	10	/* fulltext-max: pages a feed a poll */

struct fetch_limits {
	long	 connect_timeout;	/* seconds */
	long	 timeout;		/* seconds */
	long	 low_speed_time;	/* seconds */
	int64_t	 max_size;		/* bytes of body after decompression */
	int	 max_redirects;
};

void	 fetch_limits_default(struct fetch_limits *);

struct fetch_request {
	const char	*url;		/* http or https */
	const char	*etag;		/* sent as If-None-Match; NULL: none */
	const char	*last_modified;	/* sent as If-Modified-Since */
	const char	*user_agent;	/* NULL: dossier/VERSION */
	const char	*ca_file;	/* certificates to trust; NULL: the
					 * system's */
	struct fetch_limits limits;
	void		*udata;		/* handed back in the result */
};

enum fetch_status {
	FETCH_OK,		/* a 2xx response: body holds the document */
	FETCH_NOT_MODIFIED,	/* 304 */
	FETCH_HTTP_ERROR,	/* the server answered with an error status */
	FETCH_FAILED,		/* no usable answer: network, limits, redirects */
};

/* Everything borrowed, valid during the callback only. */
struct fetch_result {
	enum fetch_status status;
	void		*udata;
	const char	*url;		/* as requested */
	const char	*final_url;	/* after redirects */
	/* Where the leading run of permanent redirects (301, 308) from url
	 * leads: the new address of the resource.  NULL when none. */
	const char	*moved_to;
	int		 redirects;
	int		 http_code;	/* of the last response; 0: none */
	const char	*etag;		/* validators of the response; NULL */
	const char	*last_modified;
	const char	*content_type;
	int64_t		 retry_after;	/* epoch seconds; 0 when not sent */
	const char	*body;		/* FETCH_OK: the body (NUL-terminated) */
	size_t		 len;
	const char	*error;		/* one line, or NULL when FETCH_OK/304 */
	double		 seconds;	/* wall time, redirects included */
};

typedef void (*fetch_done_fn)(void *ctx, const struct fetch_result *);

struct fetcher;

/* jobs, per_host: at most this many transfers at once (0: the default). */
struct fetcher *fetcher_new(int jobs, int per_host, fetch_done_fn, void *ctx);
/* Queue a request (the strings are copied).  May be called from the
 * callback. */
void	 fetcher_add(struct fetcher *, const struct fetch_request *);
/*
 * Start what can be started, wait up to timeout_ms for network activity
 * (0: don't wait), move the transfers on and run the callback for each one
 * that finished.  Returns the number of transfers running or queued.
 */
size_t	 fetcher_step(struct fetcher *, int timeout_ms);
/* For select(): add the fetcher's sockets; *timeout_ms: when to step at the
 * latest (-1: no deadline).  Then call fetcher_step(f, 0).  It starts queued
 * transfers, so a request refused at once (a bad URL) calls back from here. */
void	 fetcher_fds(struct fetcher *, fd_set *rd, fd_set *wr, fd_set *ex,
	    int *maxfd, long *timeout_ms);
size_t	 fetcher_pending(const struct fetcher *);
/* Body bytes received so far (after decompression), all transfers. */
uint64_t fetcher_bytes(const struct fetcher *);
/* Abandon every transfer (no callbacks) and free.  NULL does nothing.
 * Not from inside the callback. */
void	 fetcher_free(struct fetcher *);

/* Is nothing there to read on the transfers' connections right now? */
int	 fetcher_idle(struct fetcher *);

/* Are the URLs of one site (scheme, host and port)? */
int	 fetch_same_site(const char *, const char *);

/*
 * Per-feed settings: `feed URL|tag:T KEY VALUE` in the config, else the
 * global directive KEY, else the default.
 */
struct poll_settings {
	struct fetch_limits limits;
	long	 interval;		/* minutes between polls; 0: every poll */
	int	 enabled;
	char	*user_agent;		/* NULL: dossier/VERSION */
	char	*ca_file;		/* ca-file; NULL: the system's CAs */
	long	 max_items;		/* 0: keep all (applied by ingest) */
	int	 fulltext;		/* fetch the new items' pages */
	long	 fulltext_max;		/* at most this many a poll */
};
void	 poll_settings_get(const struct config *, const char *url,
	    const char *tags, struct poll_settings *);
void	 poll_settings_release(struct poll_settings *);
/*
 * The feed parser's limits (parse.h) for a feed: max-size, parse-max-items,
 * parse-max-depth, parse-max-field, parse-max-categories and
 * parse-max-enclosures, looked up the same way.  url NULL: the global
 * directives only.  cfg NULL: the defaults.
 */
void	 feed_limits_get(const struct config *, const char *url,
	    const char *tags, struct feed_limits *);
/* The same for the subscription feed_id (its URL and tags as stored; url
 * when it can't be read), and its max-items (0: keep all). */
void	 feed_limits_of_feed(const struct config *, struct store *,
	    int64_t feed_id, const char *url, struct feed_limits *,
	    long *max_items);
/* The effective settings of a feed, "KEY VALUE\n" per line, for
 * `dossier feeds --verbose`. */
void	 fetch_effective_settings(const struct config *,
	    const struct store_feed *, struct dstr *out);

/* Polling the subscriptions. */
struct poll_opts {
	int		 jobs;		/* 0: config "jobs", else FETCH_JOBS */
	const char	*feed_url;	/* only this feed; NULL: all */
	const char	*tag;		/* only feeds with this tag */
	int		 force;		/* ignore back-off, Retry-After, interval */
	/* Each full text fetched at poll time (feeds with `fulltext yes`),
	 * with the poll's ctx; may be NULL. */
	void		(*on_fulltext)(void *ctx,
			    const struct docs_ft_report *);
};

enum poll_outcome {
	POLL_UNCHANGED,		/* 304, or fetched with nothing new */
	POLL_UPDATED,		/* new or changed items */
	POLL_FAILED,		/* the error is stored with the feed */
	POLL_DEFERRED,		/* not polled: disabled, backing off after
				 * failures, Retry-After or interval */
};

/* One feed's outcome, to the callback; borrowed for the call. */
struct poll_report {
	int64_t		 feed_id;
	const char	*url;		/* subscribed URL before this poll */
	const char	*title;		/* NULL when unknown */
	enum poll_outcome outcome;
	int		 http_code;
	const char	*error;		/* POLL_FAILED */
	const char	*note;		/* POLL_DEFERRED: why; else NULL */
	/* The subscription now has this URL (permanent redirect or a feed
	 * found on an HTML page); NULL when unchanged. */
	const char	*new_url;
	int		 discovered;	/* new_url came from autodiscovery */
	/* Feeds the HTML page advertised (autodiscovery), first chosen. */
	const char	*const *alternates;
	size_t		 nalternates;
	const char	*const *warnings;	/* the parser's, one line each */
	size_t		 nwarnings;
	struct ingest_stats stats;
	size_t		 bytes;		/* body bytes */
};

typedef void (*poll_report_fn)(void *ctx, const struct poll_report *);

struct poll_progress {
	size_t		 total;		/* feeds considered */
	size_t		 done;		/* of which finished (deferred too) */
	size_t		 unchanged, updated, failed, deferred;
	int64_t		 new_items, updated_items, skipped_items;
	int64_t		 over_max_items;	/* max-items (ingest.h) */
	uint64_t	 bytes;		/* of the feeds */
	/* full texts of new items: queued, stored, failed (no readable
	 * text included); fetched after the feeds (done counts feeds) */
	size_t		 fulltext_total, fulltext_stored, fulltext_failed;
};

struct poll;

/*
 * Pick the feeds and queue those that are due.  -1 when the feeds can't be
 * read or --feed names no subscription; *pp is set either way (see
 * poll_errmsg()), free it with poll_free().
 */
int	 poll_start(struct poll **pp, struct store *, const struct config *,
	    const struct poll_opts *, poll_report_fn, void *ctx);
/* Wait up to timeout_ms, move on, store what finished.  1 while feeds
 * remain, 0 when all are done. */
int	 poll_step(struct poll *, int timeout_ms);
/* For a select() loop (as fetcher_fds, so it may store a feed refused at
 * once); then call poll_step(p, 0), which never waits. */
void	 poll_fds(struct poll *, fd_set *rd, fd_set *wr, fd_set *ex,
	    int *maxfd, long *timeout_ms);
int	 poll_done(const struct poll *);
void	 poll_progress(const struct poll *, struct poll_progress *);
const char *poll_errmsg(const struct poll *);
/* Cancel what runs (nothing half-stored: a feed is ingested only once its
 * transfer completed) and free.  NULL does nothing. */
void	 poll_free(struct poll *);

/*
 * One poll at a time per archive: an flock on DB_PATH.lock.  0: locked, *fdp
 * to give to poll_unlock(); 1: another process holds it (*pid: its process
 * id, 0 when unknown); -1: error (message in err).
 */
int	 poll_lock(const char *db_path, int *fdp, long *pid, struct dstr *err);
void	 poll_unlock(int fd);

#endif
