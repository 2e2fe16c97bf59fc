/*
 * poll.c: `dossier poll` as a step-driven core module; see fetch.h.
 *
 * The one place where fetch, ingest and store meet.  poll_start() reads the
 * subscriptions, decides which are due and queues them on a fetcher; each
 * completed transfer is ingested (one feed, one savepoint: its items land
 * whole or not at all) and its outcome stored before the next one is looked
 * at, and its body is freed right after, so memory follows the number of
 * transfers in flight, not the number of feeds.
 *
 * The feeds that complete within POLL_BATCH_MS share one transaction (a
 * store batch): a commit per feed wrote the pages of the indexes keyed by
 * hash or name again for every feed, most of a cold poll's time.  A feed's
 * report goes out only once its batch has committed, so no report claims
 * items that a crash could still take back; if the batch fails, each of its
 * feeds is reported failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "docs.h"
#include "dstr.h"
#include "feed.h"
#include "fetch.h"
#include "ingest.h"
#include "settings.h"
#include "store.h"
#include "xalloc.h"

#define BACKOFF_MAX	(24 * 3600)
#define POLL_BATCH_MS	250	/* commit at least this often */
#define POLL_BATCH_IDLE_MS 120	/* or this long after it began, when the
				   loop would wait for the servers anyway */

struct pfeed {
	int64_t		 id;
	char		*url;
	char		*title;
	char		*tags;
	char		*etag;
	char		*lastmod;
	int64_t		 last_poll;
	int64_t		 retry_after;
	int		 failures;
	int64_t		 total;
	struct poll_settings set;
	char		*note;		/* why deferred; NULL: due */
	int		 explicit_;	/* named with --feed */
	/* autodiscovery */
	char		*disc_url;	/* the advertised feed being fetched */
	char		**alts;
	size_t		 nalts;
	int		 done;
};

struct poll {
	struct store		*st;
	const struct config	*cfg;
	struct poll_opts	 opts;
	struct fetcher		*fetcher;
	poll_report_fn		 fn;
	void			*ctx;
	struct pfeed		*feeds;
	size_t			 nfeeds;
	int			 deferred_reported;
	struct poll_progress	 pr;
	struct dstr		 err;
	/* the full texts of new items (fulltext_queue), fetched once the
	 * feeds are done */
	struct docs_fulltext	*ft;
	int64_t			 since;		/* when the poll started */
	/* feeds stored in the open batch, reported when it commits */
	struct pending		*pending;
	size_t			 npending, cappending;
	int64_t			 batch_start;	/* ms */
};

/* A report held back until its feed's batch commits: owns its strings. */
struct pending {
	struct pfeed		*pf;
	struct poll_report	 r;
	char			*error, *note, *new_url;
	char			**warnings;
};

/* Feeds */

static void
pfeed_release(struct pfeed *pf)
{
	size_t i;

	free(pf->url);
	free(pf->title);
	free(pf->tags);
	free(pf->etag);
	free(pf->lastmod);
	free(pf->note);
	free(pf->disc_url);
	for (i = 0; i < pf->nalts; i++)
		free(pf->alts[i]);
	free(pf->alts);
	poll_settings_release(&pf->set);
	memset(pf, 0, sizeof(*pf));
}

static int
collect(void *vp, const struct store_feed *f)
{
	struct poll *p = vp;
	struct pfeed *pf;

	if (f->is_documents)
		return 0;
	p->feeds = xreallocarray(p->feeds, p->nfeeds + 1, sizeof(*p->feeds));
	pf = &p->feeds[p->nfeeds++];
	memset(pf, 0, sizeof(*pf));
	pf->id = f->id;
	pf->url = xstrdup(f->url);
	pf->title = xstrdup_or_null(f->title);
	pf->tags = xstrdup(f->tags ? f->tags : "");
	pf->etag = xstrdup_or_null(f->etag);
	pf->lastmod = xstrdup_or_null(f->last_modified);
	pf->last_poll = f->last_poll;
	pf->retry_after = f->retry_after;
	pf->failures = f->failures;
	pf->total = f->total;
	return 0;
}

static void
add_time(struct dstr *d, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (localtime_r(&tt, &tm) == NULL)
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	dstr_adds(d, buf);
}

/* Why the feed is not polled now; NULL when it is due. */
static char *
deferral(const struct poll *p, const struct pfeed *pf, int64_t now)
{
	struct dstr d = DSTR_INIT;
	int64_t wait;

	if (!pf->set.enabled && !pf->explicit_) {
		dstr_adds(&d, "disabled in the config (enabled no)");
		return dstr_detach(&d, NULL);
	}
	if (p->opts.force)
		return NULL;
	if (pf->retry_after > now) {
		dstr_adds(&d, "the server asked to wait (Retry-After) until ");
		add_time(&d, pf->retry_after);
		return dstr_detach(&d, NULL);
	}
	if (pf->failures > 0 && pf->last_poll != DATE_NONE) {
		wait = pf->failures >= 11 ? BACKOFF_MAX :
		    ((int64_t)1 << pf->failures) * 60;
		if (wait > BACKOFF_MAX)
			wait = BACKOFF_MAX;
		if (pf->last_poll + wait > now) {
			dstr_addf(&d, "backing off after %d failed poll%s, "
			    "until ", pf->failures,
			    pf->failures == 1 ? "" : "s");
			add_time(&d, pf->last_poll + wait);
			return dstr_detach(&d, NULL);
		}
	}
	if (pf->set.interval > 0 && pf->last_poll != DATE_NONE &&
	    pf->last_poll + pf->set.interval * 60 > now) {
		dstr_addf(&d, "polled less than %ld min ago (interval)",
		    pf->set.interval);
		return dstr_detach(&d, NULL);
	}
	return NULL;
}

static void
queue(struct poll *p, struct pfeed *pf, const char *url, int conditional)
{
	struct fetch_request req;

	memset(&req, 0, sizeof(req));
	req.url = url;
	if (conditional) {
		req.etag = pf->etag;
		req.last_modified = pf->lastmod;
	}
	req.user_agent = pf->set.user_agent;
	req.ca_file = pf->set.ca_file;
	req.limits = pf->set.limits;
	req.udata = pf;
	fetcher_add(p->fetcher, &req);
}

/* Outcome */

static void
report_init(struct poll_report *r, const struct pfeed *pf)
{
	memset(r, 0, sizeof(*r));
	r->feed_id = pf->id;
	r->url = pf->url;
	r->title = pf->title;
	r->alternates = (const char *const *)pf->alts;
	r->nalternates = pf->nalts;
}

static void
account_now(struct poll *p, struct pfeed *pf, const struct poll_report *r)
{
	switch (r->outcome) {
	case POLL_UNCHANGED:
		p->pr.unchanged++;
		break;
	case POLL_UPDATED:
		p->pr.updated++;
		break;
	case POLL_FAILED:
		p->pr.failed++;
		break;
	case POLL_DEFERRED:
		p->pr.deferred++;
		break;
	}
	p->pr.new_items += r->stats.new_items;
	p->pr.updated_items += r->stats.updated;
	p->pr.skipped_items += r->stats.skipped;
	p->pr.over_max_items += r->stats.over_max;
	p->pr.done++;
	pf->done = 1;
	if (p->fn)
		p->fn(p->ctx, r);
	/* what the feed no longer needs */
	free(pf->etag);
	free(pf->lastmod);
	pf->etag = pf->lastmod = NULL;
}

static int64_t
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Start a batch for the feeds to come (none: one transaction each). */
static void
batch_open(struct poll *p)
{
	if (store_batch_active(p->st))
		return;
	if (store_batch_begin(p->st) == 0)
		p->batch_start = now_ms();
}

/* Report the feed now, or when its batch has committed. */
static void
account(struct poll *p, struct pfeed *pf, const struct poll_report *r)
{
	struct pending *h;
	size_t i;

	if (!store_batch_active(p->st)) {
		account_now(p, pf, r);
		return;
	}
	if (p->npending == p->cappending) {
		p->cappending = p->cappending ? p->cappending * 2 : 16;
		p->pending = xreallocarray(p->pending, p->cappending,
		    sizeof(*p->pending));
	}
	h = &p->pending[p->npending++];
	memset(h, 0, sizeof(*h));
	h->pf = pf;
	h->r = *r;
	h->r.error = h->error = xstrdup_or_null(r->error);
	h->r.note = h->note = xstrdup_or_null(r->note);
	h->r.new_url = h->new_url = xstrdup_or_null(r->new_url);
	if (r->nwarnings) {
		h->warnings = xreallocarray(NULL, r->nwarnings,
		    sizeof(char *));
		for (i = 0; i < r->nwarnings; i++)
			h->warnings[i] = xstrdup(r->warnings[i]);
	}
	h->r.warnings = (const char *const *)h->warnings;
}

static void
pending_release(struct pending *h)
{
	size_t i;

	free(h->error);
	free(h->note);
	free(h->new_url);
	for (i = 0; i < h->r.nwarnings; i++)
		free(h->warnings[i]);
	free(h->warnings);
}

/*
 * Commit the batch and send the reports it held.  When it cannot commit
 * (or SQLite rolled it back), none of its feeds was stored: each is
 * reported failed, and the failure recorded (outside any batch now).
 */
static void
batch_flush(struct poll *p)
{
	struct dstr msg = DSTR_INIT;
	struct pending *h;
	int64_t now = (int64_t)time(NULL);
	size_t i;
	int rc;

	if (!store_batch_active(p->st))
		rc = 0;
	else if (store_batch_lost(p->st)) {
		dstr_addf(&msg, "not stored: %s", store_errmsg(p->st));
		store_batch_rollback(p->st);
		rc = -1;
	} else if ((rc = store_batch_commit(p->st)) != 0)
		dstr_addf(&msg, "not stored: %s", store_errmsg(p->st));
	for (i = 0; i < p->npending; i++) {
		h = &p->pending[i];
		if (rc != 0) {
			h->r.outcome = POLL_FAILED;
			h->r.error = msg.buf;
			h->r.note = NULL;
			h->r.new_url = NULL;
			h->r.discovered = 0;
			memset(&h->r.stats, 0, sizeof(h->r.stats));
			store_feed_set_result(p->st, h->pf->id, now,
			    h->r.http_code, msg.buf, 0);
		}
		account_now(p, h->pf, &h->r);
		pending_release(h);
	}
	p->npending = 0;
	dstr_release(&msg);
}

/* Store a failure; its report goes out with the message. */
static void
failed(struct poll *p, struct pfeed *pf, struct poll_report *r, int code,
    const char *error, int64_t retry_after)
{
	r->outcome = POLL_FAILED;
	r->http_code = code;
	r->error = error;
	if (store_feed_set_result(p->st, pf->id, (int64_t)time(NULL), code,
	    error, retry_after) != 0) {
		/* the feed failed anyway; say both */
		struct dstr d = DSTR_INIT;

		dstr_addf(&d, "%s (and recording it failed: %s)", error,
		    store_errmsg(p->st));
		r->error = d.buf;
		account(p, pf, r);
		dstr_release(&d);
		return;
	}
	account(p, pf, r);
}

static int
is_http_url(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0;
}

/*
 * The page was HTML advertising feeds: on a feed's first poll, fetch the
 * first candidate instead.  0: queued; -1: not applicable, *why says so.
 */
static int
discover(struct poll *p, struct pfeed *pf, struct ingest *in,
    struct dstr *why)
{
	struct store_feed other;
	const char *alt = NULL;
	size_t i, n = ingest_nalternates(in);
	int rc;

	if (pf->disc_url != NULL) {
		dstr_addf(why, "an HTML page, not a feed; the feed it "
		    "advertises, %s, is not a feed either: %s", pf->disc_url,
		    ingest_errmsg(in));
		return -1;
	}
	if (n == 0)
		return -1;
	pf->alts = xreallocarray(NULL, n, sizeof(char *));
	for (i = 0; i < n; i++)
		pf->alts[i] = xstrdup(ingest_alternate(in, i));
	pf->nalts = n;
	if (pf->total > 0) {
		dstr_addf(why, "an HTML page, not a feed; it advertises %s",
		    pf->alts[0]);
		if (n > 1)
			dstr_addf(why, " and %zu more", n - 1);
		return -1;
	}
	for (i = 0; i < n && alt == NULL; i++)
		if (is_http_url(pf->alts[i]) && strcmp(pf->alts[i], pf->url))
			alt = pf->alts[i];
	if (alt == NULL) {
		dstr_adds(why, "an HTML page, not a feed; it advertises no "
		    "http or https feed");
		return -1;
	}
	rc = store_feed_get(p->st, alt, &other);
	if (rc == 0) {
		store_feed_release(&other);
		dstr_addf(why, "an HTML page, not a feed; it advertises %s, "
		    "which is already subscribed", alt);
		return -1;
	}
	pf->disc_url = xstrdup(alt);
	queue(p, pf, alt, 0);
	return 0;
}

/* Change the subscription's URL; a note says what happened. */
static const char *
move(struct poll *p, struct pfeed *pf, const char *to, struct dstr *note)
{
	struct store_feed other;

	if (to == NULL || strcmp(to, pf->url) == 0)
		return NULL;
	if (store_feed_get(p->st, to, &other) == 0) {
		dstr_addf(note, "moved to %s, which is subscribed separately; "
		    "the URL is kept", to);
		store_feed_release(&other);
		return NULL;
	}
	if (store_feed_set_url(p->st, pf->id, to) != 0) {
		dstr_addf(note, "moved to %s, but changing the URL failed: %s",
		    to, store_errmsg(p->st));
		return NULL;
	}
	return to;
}

/*
 * Full texts at poll time, a phase of its own: the new items of a feed
 * with `fulltext yes` (its own setting from `add --fulltext`, else the
 * config's), at most fulltext-max of them, are queued as the feed is
 * stored, and fetched once every feed is done, so that a host never has
 * more than host-connections transfers at once.  A page that fails is
 * recorded with its article and counted; the feed's outcome stands.
 */
static void
fulltext_done(void *vp, const struct docs_ft_report *r)
{
	struct poll *p = vp;

	if (r->outcome == DOCS_FT_STORED)
		p->pr.fulltext_stored++;
	else
		p->pr.fulltext_failed++;
	if (p->opts.on_fulltext)
		p->opts.on_fulltext(p->ctx, r);
}

static int
fulltext_add(void *vp, const struct store_article *a)
{
	struct poll *p = vp;

	docs_fulltext_add(p->ft, a->id);
	p->pr.fulltext_total++;
	return 0;
}

static void
fulltext_queue(struct poll *p, struct pfeed *pf, int64_t new_items)
{
	int on, jobs, per_host;

	if (new_items <= 0 || docs_feed_fulltext(p->st, pf->id, &on) != 0)
		return;
	if (!(on < 0 ? pf->set.fulltext : on))
		return;
	if (p->ft == NULL) {
		jobs = p->opts.jobs > 0 ? p->opts.jobs :
		    (int)config_int(p->cfg, "jobs", FETCH_JOBS);
		per_host = (int)config_int(p->cfg, "host-connections",
		    FETCH_PER_HOST);
		if (jobs < 1 || jobs > 256)
			jobs = FETCH_JOBS;
		if (per_host < 1 || per_host > 64)
			per_host = FETCH_PER_HOST;
		p->ft = docs_fulltext_new(p->st, p->cfg, jobs, per_host,
		    fulltext_done, p);
	}
	/* on an error nothing is queued for this feed; its poll went well */
	(void)docs_fulltext_pending(p->st, pf->id, p->since,
	    pf->set.fulltext_max, fulltext_add, p);
}

/* The feeds are done: the full texts' turn. */
static int
feeds_done(const struct poll *p)
{
	return p->deferred_reported && p->pr.done >= p->pr.total;
}

static void
on_fetched(void *vp, const struct fetch_result *fr)
{
	struct poll *p = vp;
	struct pfeed *pf = fr->udata;
	struct poll_report r;
	struct ingest *in;
	struct dstr msg = DSTR_INIT, note = DSTR_INIT;
	const char **warn = NULL, *to;
	int64_t now = (int64_t)time(NULL);
	size_t i;
	int rc;

	batch_open(p);
	report_init(&r, pf);
	r.http_code = fr->http_code;
	r.bytes = fr->len;
	switch (fr->status) {
	case FETCH_HTTP_ERROR:
	case FETCH_FAILED:
		if (pf->disc_url) {
			dstr_addf(&msg, "an HTML page, not a feed; the feed it "
			    "advertises, %s, failed: %s", pf->disc_url,
			    fr->error);
			failed(p, pf, &r, fr->http_code, msg.buf, 0);
		} else if ((fr->http_code == 429 || fr->http_code == 503) &&
		    fr->retry_after > 0) {
			dstr_addf(&msg, "%s; retry after ", fr->error);
			add_time(&msg, fr->retry_after);
			failed(p, pf, &r, fr->http_code, msg.buf,
			    fr->retry_after);
		} else
			failed(p, pf, &r, fr->http_code, fr->error, 0);
		break;
	case FETCH_NOT_MODIFIED:
		to = move(p, pf, fr->moved_to, &note);
		if (store_feed_set_result(p->st, pf->id, now, 304, NULL,
		    0) != 0) {
			dstr_addf(&msg, "recording the poll failed: %s",
			    store_errmsg(p->st));
			failed(p, pf, &r, 304, msg.buf, 0);
			break;
		}
		r.outcome = POLL_UNCHANGED;
		r.new_url = to;
		r.note = note.len ? note.buf : NULL;
		account(p, pf, &r);
		break;
	case FETCH_OK:
		in = ingest_new(p->st, pf->id, fr->final_url, p->cfg);
		ingest_push(in, fr->body, fr->len);
		rc = ingest_finish(in);
		r.nwarnings = ingest_nwarnings(in);
		if (r.nwarnings) {
			warn = xreallocarray(NULL, r.nwarnings, sizeof(char *));
			for (i = 0; i < r.nwarnings; i++)
				warn[i] = ingest_warning(in, i);
			r.warnings = warn;
		}
		if (rc != 0) {
			if (discover(p, pf, in, &msg) == 0) {
				/* reported when the feed's fetch completes */
				free(warn);
				ingest_free(in);
				break;
			}
			r.alternates = (const char *const *)pf->alts;
			r.nalternates = pf->nalts;
			if (msg.len == 0)	/* says "not a feed" if so */
				dstr_adds(&msg, ingest_errmsg(in));
			failed(p, pf, &r, fr->http_code, msg.buf, 0);
			free(warn);
			ingest_free(in);
			break;
		}
		r.stats = *ingest_stats(in);
		fulltext_queue(p, pf, r.stats.new_items);
		to = move(p, pf, fr->moved_to ? fr->moved_to : pf->disc_url,
		    &note);
		r.discovered = to != NULL && pf->disc_url != NULL;
		if (store_feed_set_cache(p->st, pf->id, fr->etag,
		    fr->last_modified) != 0 ||
		    store_feed_set_result(p->st, pf->id, now, fr->http_code,
		    NULL, 0) != 0) {
			dstr_addf(&msg, "the items were stored, but recording "
			    "the poll failed: %s", store_errmsg(p->st));
			r.new_url = to;
			failed(p, pf, &r, fr->http_code, msg.buf, 0);
			free(warn);
			ingest_free(in);
			break;
		}
		r.outcome = r.stats.new_items + r.stats.updated > 0 ?
		    POLL_UPDATED : POLL_UNCHANGED;
		r.new_url = to;
		r.note = note.len ? note.buf : NULL;
		account(p, pf, &r);
		free(warn);
		ingest_free(in);
		break;
	}
	if (store_batch_lost(p->st))
		batch_flush(p);
	dstr_release(&msg);
	dstr_release(&note);
}

/* API */

int
poll_start(struct poll **pp, struct store *st, const struct config *cfg,
    const struct poll_opts *opts, poll_report_fn fn, void *ctx)
{
	struct poll *p = xcalloc(1, sizeof(*p));
	struct store_feed f;
	int64_t now = (int64_t)time(NULL);
	size_t i;
	int jobs, per_host, rc;

	*pp = p;
	p->st = st;
	p->cfg = cfg;
	p->opts = *opts;
	p->fn = fn;
	p->ctx = ctx;
	p->since = now;
	dstr_init(&p->err);
	/* full texts an older dossier stored become searchable (docs.h);
	 * on an error the poll goes on and the next one tries again */
	(void)docs_fulltext_reindex(st, NULL);
	if (opts->feed_url) {
		rc = store_feed_get(st, opts->feed_url, &f);
		if (rc == 1) {
			dstr_addf(&p->err, "not subscribed: %s",
			    opts->feed_url);
			return -1;
		}
		if (rc != 0) {
			dstr_adds(&p->err, store_errmsg(st));
			return -1;
		}
		collect(p, &f);
		store_feed_release(&f);
		if (p->nfeeds == 1)
			p->feeds[0].explicit_ = 1;
	} else if (store_feeds_each(st, opts->tag, collect, p) != 0) {
		dstr_adds(&p->err, store_errmsg(st));
		return -1;
	}
	jobs = opts->jobs > 0 ? opts->jobs :
	    (int)config_int(cfg, "jobs", FETCH_JOBS);
	if (jobs < 1 || jobs > 256)
		jobs = FETCH_JOBS;
	per_host = (int)config_int(cfg, "host-connections", FETCH_PER_HOST);
	if (per_host < 1 || per_host > 64)
		per_host = FETCH_PER_HOST;
	p->fetcher = fetcher_new(jobs, per_host, on_fetched, p);
	if (p->fetcher == NULL) {
		dstr_adds(&p->err, "cannot start libcurl");
		return -1;
	}
	p->pr.total = p->nfeeds;
	for (i = 0; i < p->nfeeds; i++) {
		struct pfeed *pf = &p->feeds[i];

		poll_settings_get(cfg, pf->url, pf->tags, &pf->set);
		if ((pf->note = deferral(p, pf, now)) == NULL)
			queue(p, pf, pf->url, 1);
	}
	return 0;
}

static void
report_deferred(struct poll *p)
{
	struct poll_report r;
	size_t i;

	p->deferred_reported = 1;
	for (i = 0; i < p->nfeeds; i++) {
		if (p->feeds[i].note == NULL)
			continue;
		report_init(&r, &p->feeds[i]);
		r.outcome = POLL_DEFERRED;
		r.note = p->feeds[i].note;
		account(p, &p->feeds[i], &r);
	}
}

int
poll_step(struct poll *p, int timeout_ms)
{
	if (!p->deferred_reported)
		report_deferred(p);
	if (p->fetcher && fetcher_pending(p->fetcher) > 0) {
		/* what has come is stored; then, if nothing more is there to
		 * read, the batch commits while the servers answer */
		fetcher_step(p->fetcher, 0);
		if (store_batch_active(p->st) && now_ms() - p->batch_start >=
		    POLL_BATCH_IDLE_MS && fetcher_idle(p->fetcher))
			batch_flush(p);
		if (fetcher_pending(p->fetcher) > 0)
			fetcher_step(p->fetcher, timeout_ms);
	} else if (p->ft && feeds_done(p))
		docs_fulltext_step(p->ft, timeout_ms);
	if (store_batch_active(p->st) && (p->fetcher == NULL ||
	    fetcher_pending(p->fetcher) == 0 ||
	    now_ms() - p->batch_start >= POLL_BATCH_MS))
		batch_flush(p);
	return !poll_done(p);
}

void
poll_fds(struct poll *p, fd_set *rd, fd_set *wr, fd_set *ex, int *maxfd,
    long *timeout_ms)
{
	int64_t left;

	*timeout_ms = -1;
	if (!p->deferred_reported)
		*timeout_ms = 0;
	else if (p->ft && feeds_done(p))
		docs_fulltext_fds(p->ft, rd, wr, ex, maxfd, timeout_ms);
	else if (p->fetcher)
		fetcher_fds(p->fetcher, rd, wr, ex, maxfd, timeout_ms);
	if (store_batch_active(p->st)) {	/* its commit is due then */
		left = p->batch_start + POLL_BATCH_MS - now_ms();
		if (left < 0)
			left = 0;
		if (*timeout_ms < 0 || *timeout_ms > left)
			*timeout_ms = (long)left;
	}
}

int
poll_done(const struct poll *p)
{
	return feeds_done(p) && (p->ft == NULL ||
	    docs_fulltext_left(p->ft) == 0);
}

void
poll_progress(const struct poll *p, struct poll_progress *pr)
{
	*pr = p->pr;
	pr->bytes = p->fetcher ? fetcher_bytes(p->fetcher) : 0;
}

const char *
poll_errmsg(const struct poll *p)
{
	return p->err.len ? p->err.buf : "no error";
}

void
poll_free(struct poll *p)
{
	size_t i;

	if (p == NULL)
		return;
	batch_flush(p);		/* what was stored is kept */
	free(p->pending);
	fetcher_free(p->fetcher);
	docs_fulltext_free(p->ft);
	for (i = 0; i < p->nfeeds; i++)
		pfeed_release(&p->feeds[i]);
	free(p->feeds);
	dstr_release(&p->err);
	free(p);
}

/* The lock */

int
poll_lock(const char *db_path, int *fdp, long *pid, struct dstr *err)
{
	struct dstr path = DSTR_INIT;
	char buf[32];
	ssize_t n;
	int fd;

	*fdp = -1;
	*pid = 0;
	dstr_addf(&path, "%s.lock", db_path);
	fd = open(path.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		dstr_addf(err, "%s: %s", path.buf, strerror(errno));
		dstr_release(&path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK || errno == EINTR) {
			if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) > 0) {
				buf[n] = '\0';
				*pid = strtol(buf, NULL, 10);
			}
			close(fd);
			dstr_release(&path);
			return 1;
		}
		dstr_addf(err, "%s: %s", path.buf, strerror(errno));
		close(fd);
		dstr_release(&path);
		return -1;
	}
	dstr_release(&path);
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		/* the pid is a courtesy; the lock is what matters */
	}
	*fdp = fd;
	return 0;
}

void
poll_unlock(int fd)
{
	if (fd >= 0) {
		if (ftruncate(fd, 0) != 0) {
			/* nothing to do about it */
		}
		close(fd);
	}
}
