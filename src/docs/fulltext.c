/*
 * fulltext.c: the main content of the page a feed item links to, kept in
 * articles.fulltext next to the feed's summary and content (never in
 * their place); see docs.h.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "feed.h"
#include "fetch.h"
#include "render.h"
#include "store.h"
#include "xalloc.h"

int
docs_fulltext_store(struct store *st, int64_t article_id, const char *body,
    size_t len, const char *url, const char *content_type)
{
	struct docs_converted cv;
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	int rc;

	rc = docs_convert(st, body, len, url, content_type, DOCS_AUTO, url,
	    NULL, &cv);
	if (rc != 0) {
		docs_converted_release(&cv);
		return rc;
	}
	if (sqlite3_prepare_v2(db, "UPDATE articles SET fulltext = ?1"
	    " WHERE id = ?2", -1, &s, NULL) != SQLITE_OK) {
		docs_converted_release(&cv);
		store_seterr(st, "storing a full text: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(s, 1, cv.html, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, article_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	docs_converted_release(&cv);
	if (rc != SQLITE_DONE) {
		store_seterr(st, "storing a full text: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_changes(db) == 0) {
		store_seterr(st, "no article %lld", (long long)article_id);
		return -1;
	}
	return 0;
}

int
docs_fulltext_pending(struct store *st, int64_t feed_id, int64_t limit,
    store_article_fn fn, void *ctx)
{
	sqlite3 *db = store_db(st);
	struct store_article a;
	sqlite3_stmt *s;
	const unsigned char *t;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(db, "SELECT a.id, a.feed_id, a.url, a.title,"
	    " f.url, coalesce(f.user_title, f.title, f.url)"
	    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.fulltext IS NULL AND a.url IS NOT NULL"
	    " AND (a.url LIKE 'http://%' OR a.url LIKE 'https://%')"
	    " AND f.kind = 0 AND (?1 = 0 OR a.feed_id = ?1)"
	    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?2", -1, &s,
	    NULL) != SQLITE_OK) {
		store_seterr(st, "listing articles: %s", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(s, 0);
		a.feed_id = sqlite3_column_int64(s, 1);
		a.url = xstrdup((const char *)sqlite3_column_text(s, 2));
		t = sqlite3_column_text(s, 3);
		a.title = t ? xstrdup((const char *)t) : NULL;
		a.feed_url = xstrdup((const char *)sqlite3_column_text(s, 4));
		a.feed_title = xstrdup((const char *)sqlite3_column_text(s, 5));
		a.published = a.updated = a.first_seen = DATE_NONE;
		stop = fn(ctx, &a) != 0;
		store_article_release(&a);
	}
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE) {
		store_seterr(st, "listing articles: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* The job: one entry per article asked for. */
struct ft_item {
	int64_t		 id;
	char		*url;
	char		*title;
	enum docs_ft_outcome early;	/* NOLINK, NOARTICLE, FAILED */
	char		*error;		/* early failure */
	int		 queued;
};

struct docs_fulltext {
	struct store	*st;
	struct fetcher	*fetcher;
	struct ft_item	*items;
	size_t		 n, left;
	int		 started;
	docs_ft_fn	 fn;
	void		*ctx;
};

static void
report(struct docs_fulltext *j, struct ft_item *it,
    enum docs_ft_outcome outcome, const char *error, size_t text_len)
{
	struct docs_ft_report r;

	memset(&r, 0, sizeof(r));
	r.id = it->id;
	r.url = it->url;
	r.title = it->title;
	r.outcome = outcome;
	r.error = error;
	r.text_len = text_len;
	if (j->left > 0)
		j->left--;
	if (j->fn)
		j->fn(j->ctx, &r);
}

static void
on_fetched(void *ctx, const struct fetch_result *res)
{
	struct docs_fulltext *j = ctx;
	struct ft_item *it = res->udata;
	struct store_article a;
	struct dstr err = DSTR_INIT, plain = DSTR_INIT;
	size_t tl = 0;
	int rc;

	if (res->status != FETCH_OK) {
		if (res->error)
			dstr_adds(&err, res->error);
		else
			dstr_addf(&err, "HTTP status %d", res->http_code);
		report(j, it, DOCS_FT_FAILED, err.buf, 0);
		dstr_release(&err);
		return;
	}
	rc = docs_fulltext_store(j->st, it->id, res->body, res->len,
	    res->final_url ? res->final_url : it->url, res->content_type);
	if (rc == 0 && store_article_get(j->st, it->id, &a) == 0) {
		if (a.fulltext)
			render_plain(&plain, a.fulltext, strlen(a.fulltext));
		tl = plain.len;
		store_article_release(&a);
		dstr_release(&plain);
	}
	if (rc == 0)
		report(j, it, DOCS_FT_STORED, NULL, tl);
	else if (rc > 0)
		report(j, it, DOCS_FT_EMPTY, store_errmsg(j->st), 0);
	else
		report(j, it, DOCS_FT_FAILED, store_errmsg(j->st), 0);
}

struct docs_fulltext *
docs_fulltext_start(struct store *st, const struct config *cfg,
    const int64_t *ids, size_t nids, docs_ft_fn fn, void *ctx)
{
	struct docs_fulltext *j = xcalloc(1, sizeof(*j));
	struct store_article a;
	struct store_feed f;
	struct fetch_request req;
	struct ft_item *it;
	char scheme[16], *ua;
	size_t i;
	int rc;

	j->st = st;
	j->fn = fn;
	j->ctx = ctx;
	j->n = j->left = nids;
	j->items = xcalloc(nids ? nids : 1, sizeof(*j->items));
	j->fetcher = fetcher_new(0, 0, on_fetched, j);
	for (i = 0; i < nids; i++) {
		it = &j->items[i];
		it->id = ids[i];
		it->early = DOCS_FT_STORED;	/* none */
		rc = store_article_get(st, ids[i], &a);
		if (rc != 0) {
			it->early = rc == 1 ? DOCS_FT_NOARTICLE :
			    DOCS_FT_FAILED;
			if (rc < 0)
				it->error = xstrdup(store_errmsg(st));
			continue;
		}
		it->url = xstrdup_or_null(a.url);
		it->title = xstrdup_or_null(a.title);
		if (a.url)
			dhtml_scheme(a.url, scheme, sizeof(scheme));
		if (a.url == NULL || (strcmp(scheme, "http") != 0 &&
		    strcmp(scheme, "https") != 0)) {
			it->early = DOCS_FT_NOLINK;
			store_article_release(&a);
			continue;
		}
		if (j->fetcher == NULL) {
			it->early = DOCS_FT_FAILED;
			it->error = xstrdup("cannot start the fetcher");
			store_article_release(&a);
			continue;
		}
		/* the feed's fetch settings apply to its pages too */
		if (store_feed_get_id(st, a.feed_id, &f) == 0) {
			docs_fetch_request(cfg, f.url, f.tags, &req, &ua);
			store_feed_release(&f);
		} else
			docs_fetch_request(cfg, a.url, NULL, &req, &ua);
		req.url = a.url;
		req.udata = it;
		fetcher_add(j->fetcher, &req);	/* copies the strings */
		free(ua);
		it->queued = 1;
		store_article_release(&a);
	}
	return j;
}

size_t
docs_fulltext_step(struct docs_fulltext *j, int timeout_ms)
{
	struct ft_item *it;
	size_t i;

	if (!j->started) {
		/* what failed before any fetch is reported on the first step */
		j->started = 1;
		for (i = 0; i < j->n; i++) {
			it = &j->items[i];
			if (it->queued)
				continue;
			report(j, it, it->early, it->early == DOCS_FT_NOLINK ?
			    "the article has no http(s) link" :
			    it->early == DOCS_FT_NOARTICLE ? "no such article" :
			    it->error, 0);
		}
		if (j->left == 0)
			return 0;
		timeout_ms = 0;
	}
	if (j->fetcher && fetcher_pending(j->fetcher) > 0)
		fetcher_step(j->fetcher, timeout_ms);
	return j->left;
}

void
docs_fulltext_fds(struct docs_fulltext *j, fd_set *rd, fd_set *wr,
    fd_set *ex, int *maxfd, long *timeout_ms)
{
	*timeout_ms = -1;
	if (!j->started) {
		*timeout_ms = 0;
		return;
	}
	if (j->fetcher)
		fetcher_fds(j->fetcher, rd, wr, ex, maxfd, timeout_ms);
}

void
docs_fulltext_free(struct docs_fulltext *j)
{
	size_t i;

	if (j == NULL)
		return;
	fetcher_free(j->fetcher);
	for (i = 0; i < j->n; i++) {
		free(j->items[i].url);
		free(j->items[i].title);
		free(j->items[i].error);
	}
	free(j->items);
	free(j);
}
