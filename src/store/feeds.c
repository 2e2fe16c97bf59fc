/* feeds.c: subscriptions and their tags. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "xalloc.h"

void
store_feed_release(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->site_url);
	free(f->description);
	free(f->tags);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	memset(f, 0, sizeof(*f));
}

/* Columns in the order of store_feed_cols. */
static void
feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	const unsigned char *tags;

	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	f->url = store_col_dup(s, 1);
	f->title = store_col_dup(s, 2);
	f->site_url = store_col_dup(s, 3);
	f->description = store_col_dup(s, 4);
	tags = sqlite3_column_text(s, 5);
	f->tags = xstrdup(tags ? (const char *)tags : "");
	f->etag = store_col_dup(s, 6);
	f->last_modified = store_col_dup(s, 7);
	f->last_error = store_col_dup(s, 8);
	f->last_poll = store_col_date(s, 9);
	f->http_status = sqlite3_column_int(s, 10);
	f->retry_after = sqlite3_column_int64(s, 11);
	f->failures = sqlite3_column_int(s, 12);
	f->unread = sqlite3_column_int64(s, 13);
	f->total = sqlite3_column_int64(s, 14);
	f->is_documents = sqlite3_column_int(s, 15) == 1;
	if (sqlite3_column_type(s, 16) != SQLITE_NULL)
		f->fulltext = sqlite3_column_int(s, 16) ? 1 : -1;
}

static int
add_tag(struct store *st, int64_t feed_id, const char *tag)
{
	sqlite3_stmt *s;
	int64_t tag_id;

	if ((s = store_stmt(st, S_TAG_INSERT)) == NULL)
		return -1;
	store_bind_text(s, 1, tag);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_sqlerr(st, "adding a tag");
	tag_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((s = store_stmt(st, S_FEED_TAG_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, tag_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sqlerr(st, "tagging a feed");
	return 0;
}

static int
feed_get(struct store *st, enum stmt_id id, const char *url, int64_t fid,
    struct store_feed *f)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, id)) == NULL)
		return -1;
	if (url)
		store_bind_text(s, 1, url);
	else
		sqlite3_bind_int64(s, 1, fid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		feed_from_row(s, f);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	return store_sqlerr(st, "reading a feed");
}

int
store_feed_get(struct store *st, const char *url, struct store_feed *f)
{
	return feed_get(st, S_FEED_BY_URL, url, 0, f);
}

int
store_feed_get_id(struct store *st, int64_t id, struct store_feed *f)
{
	return feed_get(st, S_FEED_BY_ID, NULL, id, f);
}

int
store_feed_add(struct store *st, const char *url, const char *title,
    const char *const *tags, size_t ntags, int64_t *idp)
{
	struct store_feed f;
	sqlite3_stmt *s;
	int64_t id;
	int existed, rc;
	size_t i;

	if (store_begin(st) != 0)
		return -1;
	rc = store_feed_get(st, url, &f);
	if (rc < 0)
		goto fail;
	existed = rc == 0;
	if (existed) {
		id = f.id;
		store_feed_release(&f);
	} else {
		if ((s = store_stmt(st, S_FEED_INSERT)) == NULL)
			goto fail;
		store_bind_text(s, 1, url);
		store_bind_text(s, 2, title);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)time(NULL));
		if (sqlite3_step(s) != SQLITE_DONE) {
			store_sqlerr(st, "adding a feed");
			goto fail;
		}
		id = sqlite3_last_insert_rowid(st->db);
	}
	for (i = 0; i < ntags; i++)
		if (add_tag(st, id, tags[i]) != 0)
			goto fail;
	if (store_commit(st) != 0)
		return -1;
	if (idp)
		*idp = id;
	return existed;
fail:
	store_rollback(st);
	return -1;
}

int
store_feed_remove(struct store *st, const char *url)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_FEED_DELETE)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sqlerr(st, "removing a feed");
	if (sqlite3_changes(st->db) == 0)
		return 1;
	/* tags no feed uses any more */
	sqlite3_exec(st->db, "DELETE FROM tags WHERE id NOT IN "
	    "(SELECT tag_id FROM feed_tags)", NULL, NULL, NULL);
	return 0;
}

int
store_feeds_each(struct store *st, const char *tag, store_feed_fn fn,
    void *ctx)
{
	struct store_feed f;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((s = store_stmt(st, tag ? S_FEEDS_TAG : S_FEEDS_ALL)) == NULL)
		return -1;
	if (tag)
		store_bind_text(s, 1, tag);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		feed_from_row(s, &f);
		stop = fn(ctx, &f) != 0;
		store_feed_release(&f);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return store_sqlerr(st, "listing feeds");
	return 0;
}

static int
step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st, what);
	return 0;
}

int
store_feed_set_meta(struct store *st, int64_t id, const struct feed_meta *m)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_FEED_META)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, m->title);
	store_bind_text(s, 3, m->link);
	store_bind_text(s, 4, m->description);
	return step_done(st, s, "updating a feed's title");
}

int
store_feed_set_cache(struct store *st, int64_t id, const char *etag,
    const char *last_modified)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_FEED_CACHE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, etag);
	store_bind_text(s, 3, last_modified);
	return step_done(st, s, "updating a feed's cache validators");
}

int
store_feed_set_result(struct store *st, int64_t id, int64_t when,
    int http_status, const char *error, int64_t retry_after)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_FEED_RESULT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, when);
	if (http_status)
		sqlite3_bind_int(s, 3, http_status);
	else
		sqlite3_bind_null(s, 3);
	store_bind_text(s, 4, error);
	sqlite3_bind_int64(s, 5, retry_after);
	return step_done(st, s, "recording a poll's outcome");
}

int
store_feed_set_url(struct store *st, int64_t id, const char *url)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_FEED_URL)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, url);
	return step_done(st, s, "changing a feed's URL");
}
