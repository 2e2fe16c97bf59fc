/*
 * docs.c: documents in the archive; see docs.h.
 *
 * A document is an article of the Documents source.  Its guid is its URL
 * when it has one, else "file://" and the absolute path of the file it was
 * read from, so adding the same document again updates it (the earlier
 * text is kept as a version) instead of making a copy.  The plain text
 * (what search indexes and quotes point into) is render_plain() of the
 * stored HTML, as for feed items; the links of the document are indexed
 * for cross-references, and its normalised URL makes it a target of the
 * stories that link to it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "feed.h"
#include "fetch.h"
#include "render.h"
#include "settings.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"

#define DOC_MAX_SIZE	(256u * 1024 * 1024)	/* bytes of a file */

int64_t
docs_feed_id(struct store *st)
{
	struct store_feed f;
	int64_t id;
	int rc;

	rc = store_feed_get(st, DOCS_FEED_URL, &f);
	if (rc == 1)
		store_seterr(st, "the archive has no Documents source");
	if (rc != 0)
		return -1;
	id = f.id;
	store_feed_release(&f);
	return id;
}

void
docs_added_release(struct docs_added *a)
{
	if (a == NULL)
		return;
	free(a->title);
	free(a->url);
	memset(a, 0, sizeof(*a));
}

int
docs_exec(struct store *st, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK) {
		store_sqlerr(st, what);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The last segment of a path or URL, for a title of last resort. */
static char *
base_name(const char *name)
{
	const char *end = name + strcspn(name, "?#"), *p;

	while (end > name && end[-1] == '/')
		end--;
	for (p = end; p > name && p[-1] != '/'; p--)
		;
	return p < end ? xstrndup(p, (size_t)(end - p)) : xstrdup(name);
}

/* Index the document's links, names and quotations (xref.h). */
static int
index_xref(struct store *st, int64_t id, const char *html, const char *url)
{
	struct render_doc rd;
	struct xref *x;
	int rc;

	render_html(&rd, html, strlen(html), url);
	x = xref_new(st);
	rc = xref_index_article(x, id, &rd);
	xref_free(x);
	render_doc_release(&rd);
	return rc;
}

/*
 * Store what docs_convert() made.  url: where it lives (may be NULL);
 * guid: the identity when there is no URL; name: for a title of last
 * resort.
 */
static int
store_document(struct store *st, struct docs_converted *cv,
    const struct docs_add_opts *o, const char *url, const char *guid,
    const char *name, struct docs_added *out)
{
	struct feed_item it;
	struct dstr text = DSTR_INIT;
	enum store_upsert r;
	char *norm = NULL, *title;
	int64_t fid, id;
	size_t i;
	int rc = -1;

	if (o->title && *o->title)
		title = utf8_sanitize_dup(o->title, SAN_ONE_LINE);
	else if (cv->title)
		title = xstrdup(cv->title);
	else
		title = base_name(name);
	render_plain(&text, cv->html, strlen(cv->html));
	if (url != NULL)
		norm = xref_normalize_url(url);
	feed_item_init(&it);
	it.id = xstrdup(url ? url : guid);
	it.link = xstrdup_or_null(url);
	it.title = title;
	it.author = xstrdup_or_null(cv->byline);
	it.published = cv->published;
	it.content = xstrdup(cv->html);
	for (i = 0; i < o->ntags; i++)
		feed_item_add_category(&it, o->tags[i]);
	if ((fid = docs_feed_id(st)) < 0)
		goto out;
	if (store_begin(st) != 0)
		goto out;
	if (store_item_upsert(st, fid, &it, text.buf, norm, (int64_t)time(NULL),
	    &id, &r) != 0 || (r != STORE_ITEM_UNCHANGED &&
	    index_xref(st, id, cv->html, url) != 0)) {
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != 0)
		goto out;
	out->id = id;
	out->result = r;
	out->type = cv->type;
	out->title = xstrdup(title);
	out->url = xstrdup_or_null(url);
	out->text_len = text.len;
	rc = 0;
out:
	feed_item_release(&it);
	dstr_release(&text);
	free(norm);
	return rc;
}

static int
check_tags(struct store *st, const struct docs_add_opts *o)
{
	size_t i;

	for (i = 0; i < o->ntags; i++)
		if (o->tags[i][0] == '\0' || strchr(o->tags[i], '\n') ||
		    !utf8_valid(o->tags[i], strlen(o->tags[i]))) {
			store_seterr(st, "bad tag '%s'", o->tags[i]);
			return -1;
		}
	return 0;
}

static int
add_converted(struct store *st, const char *data, size_t len,
    const char *name, const char *content_type, const char *fetched_url,
    const char *guid, const struct docs_add_opts *o, struct docs_added *out)
{
	struct docs_converted cv;
	const char *url;
	int rc;

	memset(out, 0, sizeof(*out));
	if (check_tags(st, o) != 0)
		return -1;
	url = o->url ? o->url : fetched_url;
	rc = docs_convert(st, data, len, name, content_type, o->type,
	    url, o->pdftotext, &cv);
	if (rc == 0) {
		if (url == NULL)
			url = cv.canonical;
		rc = store_document(st, &cv, o, url, guid, name, out);
	} else if (rc > 0)
		rc = -1;	/* the message says there is no text */
	docs_converted_release(&cv);
	return rc;
}

int
docs_add_bytes(struct store *st, const char *data, size_t len,
    const char *name, const char *content_type,
    const struct docs_add_opts *o, struct docs_added *out)
{
	struct dstr guid = DSTR_INIT;
	int rc;

	/* without a URL, the same name is the same document */
	dstr_addf(&guid, "dossier:doc:%s", name ? name : "");
	rc = add_converted(st, data, len, name, content_type, NULL, guid.buf,
	    o, out);
	dstr_release(&guid);
	return rc;
}

static int
read_file(struct store *st, const char *path, struct dstr *d)
{
	char buf[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		store_seterr(st, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		dstr_add(d, buf, n);
		if (d->len > DOC_MAX_SIZE) {
			fclose(fp);
			store_seterr(st, "%s: larger than %u MiB", path,
			    DOC_MAX_SIZE >> 20);
			return -1;
		}
	}
	if (ferror(fp)) {
		store_seterr(st, "%s: read error: %s", path, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

int
docs_add_file(struct store *st, const char *path,
    const struct docs_add_opts *o, struct docs_added *out)
{
	struct dstr data = DSTR_INIT, guid = DSTR_INIT;
	char *abs;
	int rc;

	memset(out, 0, sizeof(*out));
	if (read_file(st, path, &data) != 0) {
		dstr_release(&data);
		return -1;
	}
	abs = realpath(path, NULL);
	dstr_addf(&guid, "file://%s", abs ? abs : path);
	free(abs);
	rc = add_converted(st, data.buf, data.len, path, NULL, NULL, guid.buf,
	    o, out);
	dstr_release(&data);
	dstr_release(&guid);
	return rc;
}

/* Fetching one URL with the poller's fetcher, synchronously. */
struct fetch_one {
	struct dstr	 body;
	char		*content_type;
	char		*final_url;
	char		*error;
	int		 http_code;
	int		 ok;
};

static void
fetched(void *ctx, const struct fetch_result *r)
{
	struct fetch_one *f = ctx;

	f->http_code = r->http_code;
	if (r->status == FETCH_OK) {
		f->ok = 1;
		dstr_add(&f->body, r->body, r->len);
		f->content_type = xstrdup_or_null(r->content_type);
		f->final_url = xstrdup_or_null(r->final_url);
	} else if (r->error)
		f->error = xstrdup(r->error);
	else
		f->error = xstrdup(r->status == FETCH_NOT_MODIFIED ?
		    "not modified" : "failed");
}

/*
 * Fetch settings of a URL: `feed URL KEY VALUE` and global directives.
 * req borrows ps's strings: poll_settings_release(ps) after fetcher_add().
 */
void
docs_fetch_request(const struct config *cfg, const char *url,
    const char *tags, struct fetch_request *req, struct poll_settings *ps)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	poll_settings_get(cfg, url, tags, ps);
	req->limits = ps->limits;
	req->user_agent = ps->user_agent;
	req->ca_file = ps->ca_file;
}

int
docs_add_url(struct store *st, const char *url,
    const struct docs_add_opts *o, struct docs_added *out)
{
	struct fetch_one f;
	struct fetch_request req;
	struct poll_settings ps;
	struct fetcher *fr;
	char scheme[16];
	int rc;

	memset(out, 0, sizeof(*out));
	dhtml_scheme(url, scheme, sizeof(scheme));
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		store_seterr(st, "'%s' is not an http or https URL", url);
		return -1;
	}
	memset(&f, 0, sizeof(f));
	dstr_init(&f.body);
	if ((fr = fetcher_new(1, 1, fetched, &f)) == NULL) {
		store_seterr(st, "cannot start the fetcher");
		return -1;
	}
	docs_fetch_request(o->cfg, url, NULL, &req, &ps);
	fetcher_add(fr, &req);
	poll_settings_release(&ps);
	while (fetcher_step(fr, 1000) > 0)
		;
	fetcher_free(fr);
	if (!f.ok) {
		if (f.error)
			store_seterr(st, "%s: %s", url, f.error);
		else
			store_seterr(st, "%s: HTTP status %d", url,
			    f.http_code);
		rc = -1;
	} else
		rc = add_converted(st, f.body.buf, f.body.len,
		    f.final_url ? f.final_url : url, f.content_type, url,
		    url, o, out);
	dstr_release(&f.body);
	free(f.content_type);
	free(f.final_url);
	free(f.error);
	return rc;
}

int
docs_each(struct store *st, store_article_fn fn, void *ctx)
{
	struct store_query q;

	memset(&q, 0, sizeof(q));
	q.feed_url = DOCS_FEED_URL;
	return store_articles_each(st, &q, fn, ctx);
}

int
docs_remove(struct store *st, int64_t id, int64_t *nquotes)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s = NULL;
	int64_t fid;
	int rc;

	if ((fid = docs_feed_id(st)) < 0)
		return -1;
	if (store_begin(st) != 0)
		return -1;
	rc = sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM quotes q"
	    " WHERE q.article_id = a.id) FROM articles a"
	    " WHERE a.id = ?1 AND a.feed_id = ?2", -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, fid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(s);
		store_rollback(st);
		return 1;
	}
	if (rc != SQLITE_ROW)
		goto sqlerr;
	if (nquotes)
		*nquotes = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	rc = sqlite3_prepare_v2(db, "DELETE FROM articles WHERE id = ?1"
	    " AND feed_id = ?2", -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, fid);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(s);
	return store_commit(st);
sqlerr:
	store_seterr(st, "removing a document: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	store_rollback(st);
	return -1;
}
