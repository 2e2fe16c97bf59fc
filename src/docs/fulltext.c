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

/* Run one statement with an id and up to two texts bound; 0 or -1. */
static int
ft_update(struct store *st, const char *sql, int64_t id, const char *t1,
    const char *t2, const char *what)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_sqlerr(st, what);
	sqlite3_bind_int64(s, 1, id);
	if (t1)
		sqlite3_bind_text(s, 2, t1, -1, SQLITE_TRANSIENT);
	if (t2)
		sqlite3_bind_text(s, 3, t2, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st, what);
	return 0;
}

int
docs_fulltext_store(struct store *st, int64_t article_id, const char *body,
    size_t len, const char *url, const char *content_type)
{
	struct docs_converted cv;
	struct dstr plain = DSTR_INIT;
	int rc;

	rc = docs_convert(st, body, len, url, content_type, DOCS_AUTO, url,
	    NULL, &cv);
	if (rc != 0) {
		docs_converted_release(&cv);
		return rc;
	}
	/* the HTML is what the pager shows, its plain text what search
	 * finds (articles_fts indexes fulltext_plain) */
	render_plain(&plain, cv.html, strlen(cv.html));
	rc = ft_update(st, "UPDATE articles SET fulltext = ?2,"
	    " fulltext_plain = ?3, fulltext_error = NULL WHERE id = ?1",
	    article_id, cv.html, plain.buf, "storing a full text");
	docs_converted_release(&cv);
	dstr_release(&plain);
	if (rc != 0)
		return -1;
	if (sqlite3_changes(store_db(st)) == 0) {
		store_seterr(st, "no article %lld", (long long)article_id);
		return -1;
	}
	return 0;
}

int
docs_fulltext_error(struct store *st, int64_t article_id, char **error)
{
	sqlite3_stmt *s;
	int rc;

	*error = NULL;
	if (sqlite3_prepare_v2(store_db(st), "SELECT fulltext_error FROM"
	    " articles WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return store_sqlerr(st, "reading a full text's error");
	sqlite3_bind_int64(s, 1, article_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		*error = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(st, "reading a full text's error");
	return 0;
}

int
docs_fulltext_failed(struct store *st, int64_t article_id, const char *error)
{
	return ft_update(st, "UPDATE articles SET fulltext_error = ?2"
	    " WHERE id = ?1", article_id, error ? error : "failed", NULL,
	    "recording a failed full text");
}

int
docs_fulltext_reindex(struct store *st, int64_t *count)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	struct dstr plain = DSTR_INIT;
	int64_t id, n = 0;
	char *html;
	int rc;

	if (count)
		*count = 0;
	/* one at a time, each in its own short write: on the partial index,
	 * finding none costs a probe */
	for (;;) {
		if (sqlite3_prepare_v2(db, "SELECT id, fulltext FROM articles"
		    " WHERE fulltext IS NOT NULL AND fulltext_plain IS NULL"
		    " LIMIT 1", -1, &s, NULL) != SQLITE_OK)
			return store_sqlerr(st, "indexing full texts");
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(s);
			if (rc != SQLITE_DONE)
				return store_sqlerr(st, "indexing full texts");
			break;
		}
		id = sqlite3_column_int64(s, 0);
		html = xstrdup((const char *)sqlite3_column_text(s, 1));
		sqlite3_finalize(s);
		dstr_reset(&plain);
		render_plain(&plain, html, strlen(html));
		free(html);
		if (ft_update(st, "UPDATE articles SET fulltext_plain = ?2"
		    " WHERE id = ?1", id, plain.buf, NULL,
		    "indexing full texts") != 0) {
			dstr_release(&plain);
			return -1;
		}
		n++;
	}
	dstr_release(&plain);
	if (count)
		*count = n;
	return 0;
}

int
docs_fulltext_pending(struct store *st, int64_t feed_id, int64_t since,
    int64_t limit, store_article_fn fn, void *ctx)
{
	sqlite3 *db = store_db(st);
	struct store_article a;
	sqlite3_stmt *s;
	const unsigned char *t;
	int rc, stop = 0;

	/*
	 * One feed: its rows on articles_feed_sort (an OR on feed_id would
	 * walk every article: 1.8 s instead of 2 ms on 100,000 when none
	 * is left).
	 */
	static const char one[] =
	    "SELECT a.id, a.feed_id, a.url, a.title,"
	    " f.url, coalesce(f.user_title, f.title, f.url)"
	    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.feed_id = ?1 AND a.fulltext IS NULL"
	    " AND a.url IS NOT NULL"
	    " AND (a.url LIKE 'http://%' OR a.url LIKE 'https://%')"
	    " AND a.hidden = 0 AND f.kind = 0"
	    " AND (?3 = 0 OR (a.first_seen >= ?3 AND a.fulltext_error IS NULL))"
	    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?2";
	static const char all[] =
	    "SELECT a.id, a.feed_id, a.url, a.title,"
	    " f.url, coalesce(f.user_title, f.title, f.url)"
	    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.fulltext IS NULL AND a.url IS NOT NULL"
	    " AND (a.url LIKE 'http://%' OR a.url LIKE 'https://%')"
	    " AND a.hidden = 0 AND f.kind = 0"
	    " AND (?3 = 0 OR (a.first_seen >= ?3 AND a.fulltext_error IS NULL))"
	    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?2";

	if (sqlite3_prepare_v2(db, feed_id ? one : all, -1, &s,
	    NULL) != SQLITE_OK) {
		store_seterr(st, "listing articles: %s", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	sqlite3_bind_int64(s, 3, since);
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

int
docs_feed_fulltext(struct store *st, int64_t feed_id, int *on)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	int rc;

	*on = -1;
	if (sqlite3_prepare_v2(db, "SELECT fulltext FROM feeds WHERE id = ?1",
	    -1, &s, NULL) != SQLITE_OK)
		return store_sqlerr(st, "reading a feed");
	sqlite3_bind_int64(s, 1, feed_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*on = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(st, "reading a feed");
	return 0;
}

int
docs_feed_set_fulltext(struct store *st, const char *url, int on)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, "UPDATE feeds SET fulltext = ?2"
	    " WHERE url = ?1 AND kind = 0", -1, &s, NULL) != SQLITE_OK)
		return store_sqlerr(st, "setting fulltext");
	sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT);
	if (on >= 0)
		sqlite3_bind_int(s, 2, on != 0);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st, "setting fulltext");
	return sqlite3_changes(db) ? 0 : 1;
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
	const struct config *cfg;
	struct fetcher	*fetcher;
	struct ft_item	**items;	/* each stays where it is: udata */
	size_t		 n, left;
	size_t		 reported;	/* items[] looked at by a step */
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

/* Bytes of plain text of the full text stored for id. */
static size_t
plain_bytes(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	size_t n = 0;

	if (sqlite3_prepare_v2(store_db(st), "SELECT length(CAST("
	    "fulltext_plain AS BLOB)) FROM articles WHERE id = ?1", -1, &s,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
on_fetched(void *ctx, const struct fetch_result *res)
{
	struct docs_fulltext *j = ctx;
	struct ft_item *it = res->udata;
	struct dstr err = DSTR_INIT;
	size_t tl = 0;
	int rc;

	if (res->status != FETCH_OK) {
		if (res->error)
			dstr_adds(&err, res->error);
		else
			dstr_addf(&err, "HTTP status %d", res->http_code);
		/* kept with the article; the report says it either way */
		docs_fulltext_failed(j->st, it->id, err.buf);
		report(j, it, DOCS_FT_FAILED, err.buf, 0);
		dstr_release(&err);
		return;
	}
	rc = docs_fulltext_store(j->st, it->id, res->body, res->len,
	    res->final_url ? res->final_url : it->url, res->content_type);
	if (rc == 0)
		tl = plain_bytes(j->st, it->id);
	if (rc != 0)
		dstr_adds(&err, store_errmsg(j->st));
	if (rc > 0)
		docs_fulltext_failed(j->st, it->id, err.buf);
	if (rc == 0)
		report(j, it, DOCS_FT_STORED, NULL, tl);
	else if (rc > 0)
		report(j, it, DOCS_FT_EMPTY, err.buf, 0);
	else
		report(j, it, DOCS_FT_FAILED, err.buf, 0);
	dstr_release(&err);
}

struct docs_fulltext *
docs_fulltext_new(struct store *st, const struct config *cfg, int jobs,
    int per_host, docs_ft_fn fn, void *ctx)
{
	struct docs_fulltext *j = xcalloc(1, sizeof(*j));

	j->st = st;
	j->cfg = cfg;
	j->fn = fn;
	j->ctx = ctx;
	j->fetcher = fetcher_new(jobs, per_host, on_fetched, j);
	/* full texts stored by an older dossier become searchable */
	/* on an error: not this job's failure; the next one tries again */
	(void)docs_fulltext_reindex(st, NULL);
	return j;
}

void
docs_fulltext_add(struct docs_fulltext *j, int64_t id)
{
	struct store_article a;
	struct store_feed f;
	struct fetch_request req;
	struct poll_settings ps, own;
	struct ft_item *it;
	char scheme[16];
	int rc;

	it = xcalloc(1, sizeof(*it));
	j->items = xreallocarray(j->items, j->n + 1, sizeof(*j->items));
	j->items[j->n++] = it;
	j->left++;
	it->id = id;
	it->early = DOCS_FT_STORED;	/* none */
	rc = store_article_get(j->st, id, &a);
	if (rc != 0) {
		it->early = rc == 1 ? DOCS_FT_NOARTICLE : DOCS_FT_FAILED;
		if (rc < 0)
			it->error = xstrdup(store_errmsg(j->st));
		return;
	}
	it->url = xstrdup_or_null(a.url);
	it->title = xstrdup_or_null(a.title);
	if (a.url)
		dhtml_scheme(a.url, scheme, sizeof(scheme));
	if (a.url == NULL || (strcmp(scheme, "http") != 0 &&
	    strcmp(scheme, "https") != 0)) {
		it->early = DOCS_FT_NOLINK;
		store_article_release(&a);
		return;
	}
	if (j->fetcher == NULL) {
		it->early = DOCS_FT_FAILED;
		it->error = xstrdup("cannot start the fetcher");
		store_article_release(&a);
		return;
	}
	/*
	 * The feed's fetch settings apply to its pages too, but its own
	 * ca-file only to the pages of its own site: another site's
	 * certificate is checked as the page's URL says (the system's
	 * certificate authorities, unless the config names others).
	 */
	memset(&own, 0, sizeof(own));
	if (store_feed_get_id(j->st, a.feed_id, &f) == 0) {
		docs_fetch_request(j->cfg, f.url, f.tags, &req, &ps);
		if (ps.ca_file != NULL && !fetch_same_site(f.url, a.url)) {
			poll_settings_get(j->cfg, a.url, NULL, &own);
			req.ca_file = own.ca_file;
		}
		store_feed_release(&f);
	} else
		docs_fetch_request(j->cfg, a.url, NULL, &req, &ps);
	req.url = a.url;
	req.udata = it;
	fetcher_add(j->fetcher, &req);	/* copies the strings */
	poll_settings_release(&ps);
	poll_settings_release(&own);
	it->queued = 1;
	store_article_release(&a);
}

struct docs_fulltext *
docs_fulltext_start(struct store *st, const struct config *cfg,
    const int64_t *ids, size_t nids, docs_ft_fn fn, void *ctx)
{
	struct docs_fulltext *j = docs_fulltext_new(st, cfg, 0, 0, fn, ctx);
	size_t i;

	for (i = 0; i < nids; i++)
		docs_fulltext_add(j, ids[i]);
	return j;
}

size_t
docs_fulltext_left(const struct docs_fulltext *j)
{
	return j->left;
}

size_t
docs_fulltext_step(struct docs_fulltext *j, int timeout_ms)
{
	struct ft_item *it;
	size_t i;

	/* what failed before any fetch is reported on the next step */
	if (j->reported < j->n) {
		for (i = j->reported; i < j->n; i++) {
			it = j->items[i];
			if (it->queued)
				continue;
			report(j, it, it->early, it->early == DOCS_FT_NOLINK ?
			    "the article has no http(s) link" :
			    it->early == DOCS_FT_NOARTICLE ? "no such article" :
			    it->error, 0);
		}
		j->reported = j->n;
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
	if (j->reported < j->n) {
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
		free(j->items[i]->url);
		free(j->items[i]->title);
		free(j->items[i]->error);
		free(j->items[i]);
	}
	free(j->items);
	free(j);
}
