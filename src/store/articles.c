/* articles.c: storing, listing, reading and searching articles. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

extern const char store_article_cols[];

void
store_article_release(struct store_article *a)
{
	free(a->feed_title);
	free(a->feed_url);
	free(a->guid);
	free(a->url);
	free(a->title);
	free(a->author);
	free(a->summary);
	free(a->content);
	free(a->text);
	free(a->hash);
	free(a->fulltext);
	free(a->snippet);
	memset(a, 0, sizeof(*a));
}

void
store_article_from_row(sqlite3_stmt *s, struct store_article *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->feed_id = sqlite3_column_int64(s, 1);
	a->feed_title = store_col_dup(s, 2);
	a->feed_url = store_col_dup(s, 3);
	a->guid = store_col_dup(s, 4);
	a->url = store_col_dup(s, 5);
	a->title = store_col_dup(s, 6);
	a->author = store_col_dup(s, 7);
	a->published = store_col_date(s, 8);
	a->updated = store_col_date(s, 9);
	a->first_seen = store_col_date(s, 10);
	a->read = sqlite3_column_int(s, 11);
	a->starred = sqlite3_column_int(s, 12);
}
#define ARTICLE_NCOLS 13

void
store_text_hash(const char *title, const char *text, char out[17])
{
	const unsigned char *p;
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (p = (const unsigned char *)(title ? title : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	h = (h ^ 0x1f) * 0x100000001b3ULL;
	for (p = (const unsigned char *)(text ? text : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	snprintf(out, 17, "%016" PRIx64, h);
}

/* Find the article an item duplicates: 0 found, 1 not found, -1 error. */
static int
find_duplicate(struct store *st, int64_t feed_id, const struct feed_item *it,
    int64_t *idp, char hash[17])
{
	sqlite3_stmt *s;
	const unsigned char *h;
	int rc;

	if (it->id) {
		s = store_stmt(st, S_ART_BY_GUID);
		if (s)
			store_bind_text(s, 2, it->id);
	} else if (it->link) {
		s = store_stmt(st, S_ART_BY_LINK);
		if (s)
			store_bind_text(s, 2, it->link);
	} else if (it->title) {
		s = store_stmt(st, S_ART_BY_TITLE);
		if (s) {
			store_bind_text(s, 2, it->title);
			store_bind_date(s, 3, it->published);
		}
	} else
		return 1;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*idp = sqlite3_column_int64(s, 0);
		h = sqlite3_column_text(s, 1);
		snprintf(hash, 17, "%s", h ? (const char *)h : "");
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 1 : store_sqlerr(st, "looking up an item");
}

static char *
join_categories(const struct feed_item *it)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	if (it->ncategories == 0)
		return NULL;
	for (i = 0; i < it->ncategories; i++) {
		if (i)
			dstr_addc(&d, '\n');
		dstr_adds(&d, it->categories[i]);
	}
	return dstr_detach(&d, NULL);
}

static int
store_enclosures(struct store *st, int64_t id, const struct feed_item *it)
{
	sqlite3_stmt *s;
	size_t i;

	if ((s = store_stmt(st, S_ENC_DELETE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sqlerr(st, "replacing enclosures");
	for (i = 0; i < it->nenclosures; i++) {
		if ((s = store_stmt(st, S_ENC_INSERT)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, it->enclosures[i].url);
		store_bind_text(s, 3, it->enclosures[i].type);
		if (it->enclosures[i].length >= 0)
			sqlite3_bind_int64(s, 4, it->enclosures[i].length);
		if (sqlite3_step(s) != SQLITE_DONE)
			return store_sqlerr(st, "storing an enclosure");
	}
	return 0;
}

int
store_item_upsert(struct store *st, int64_t feed_id,
    const struct feed_item *it, const char *text, const char *norm_url,
    int64_t now, int64_t *idp, enum store_upsert *result)
{
	sqlite3_stmt *s;
	char old[17], hash[17], *cats;
	int64_t id = 0;
	int rc;

	store_text_hash(it->title, text, hash);
	rc = find_duplicate(st, feed_id, it, &id, old);
	if (rc < 0)
		return -1;
	if (rc == 0 && strcmp(old, hash) == 0) {
		*result = STORE_ITEM_UNCHANGED;
		if (idp)
			*idp = id;
		return 0;
	}
	if (rc == 0) {
		/* keep what was published before the edit */
		if ((s = store_stmt(st, S_ART_VERSION)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, now);
		if (sqlite3_step(s) != SQLITE_DONE)
			return store_sqlerr(st, "keeping an article's version");
		s = store_stmt(st, S_ART_UPDATE);
	} else if (store_fts_defer(st) != 0)
		return -1;
	else
		s = store_stmt(st, S_ART_INSERT);
	if (s == NULL)
		return -1;
	cats = join_categories(it);
	if (rc == 0)
		sqlite3_bind_int64(s, 1, id);
	else
		sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, it->id);
	store_bind_text(s, 3, it->link);
	store_bind_text(s, 4, it->title);
	store_bind_text(s, 5, it->author);
	store_bind_date(s, 6, it->published);
	store_bind_date(s, 7, it->updated);
	store_bind_text(s, 8, cats);
	store_bind_text(s, 9, it->summary);
	store_bind_text(s, 10, it->content);
	store_bind_text(s, 11, text);
	store_bind_text(s, 12, hash);
	store_bind_text(s, 13, norm_url);
	if (rc != 0)
		sqlite3_bind_int64(s, 14, now);
	free(cats);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sqlerr(st, "storing an item");
	if (rc != 0)
		id = sqlite3_last_insert_rowid(st->db);
	if (store_enclosures(st, id, it) != 0)
		return -1;
	*result = rc == 0 ? STORE_ITEM_UPDATED : STORE_ITEM_NEW;
	if (idp)
		*idp = id;
	return 0;
}

int
store_article_get(struct store *st, int64_t id, struct store_article *a)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, S_ART_GET)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_article_from_row(s, a);
		a->summary = store_col_dup(s, ARTICLE_NCOLS);
		a->content = store_col_dup(s, ARTICLE_NCOLS + 1);
		a->text = store_col_dup(s, ARTICLE_NCOLS + 2);
		a->hash = store_col_dup(s, ARTICLE_NCOLS + 3);
		a->fulltext = store_col_dup(s, ARTICLE_NCOLS + 4);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_sqlerr(st, "reading an article");
}

int
store_article_by_url(struct store *st, const char *url, int64_t *idp)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, S_ART_BY_URL)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*idp = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_sqlerr(st, "finding an article");
}

/* The list statement for a combination of filters, built from constants. */
static sqlite3_stmt *
list_stmt(struct store *st, const struct store_query *q, int count)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s, **slot;
	int v = 0;

	if (q->unread)
		v |= QF_UNREAD;
	if (q->starred)
		v |= QF_STARRED;
	if (q->feed_url)
		v |= QF_FEED;
	if (q->tag)
		v |= QF_TAG;
	slot = count ? &st->count[v] : &st->list[v];
	if (*slot == NULL) {
		/*
		 * A page is chosen on the articles alone (a covering index
		 * walk, cheap to skip even a large offset) and joined with
		 * its feed afterwards.
		 */
		if (count)
			dstr_adds(&sql, "SELECT count(*) FROM articles a");
		else
			dstr_adds(&sql, "SELECT %A FROM (SELECT a.id"
			    " FROM articles a");
		dstr_adds(&sql, " WHERE a.hidden = 0");	/* ignore rules */
		if (v & QF_UNREAD)
			dstr_adds(&sql, " AND a.read = 0");
		if (v & QF_STARRED)
			dstr_adds(&sql, " AND a.starred = 1");
		if (v & QF_FEED)
			dstr_adds(&sql, " AND a.feed_id ="
			    " (SELECT id FROM feeds WHERE url = ?1)");
		if (v & QF_TAG)
			dstr_adds(&sql, " AND a.feed_id IN (SELECT ft.feed_id"
			    " FROM feed_tags ft JOIN tags t ON t.id = ft.tag_id"
			    " WHERE t.name = ?2)");
		if (!count)
			dstr_adds(&sql, " ORDER BY a.sort_date DESC, a.id DESC"
			    " LIMIT ?3 OFFSET ?4) page"
			    " JOIN articles a ON a.id = page.id"
			    " JOIN feeds f ON f.id = a.feed_id"
			    " ORDER BY a.sort_date DESC, a.id DESC");
	}
	s = store_prepare(st, slot, sql.buf);
	dstr_release(&sql);
	if (s == NULL)
		return NULL;
	if (q->feed_url)
		store_bind_text(s, 1, q->feed_url);
	if (q->tag)
		store_bind_text(s, 2, q->tag);
	if (!count) {
		sqlite3_bind_int64(s, 3, q->limit > 0 ? q->limit : -1);
		sqlite3_bind_int64(s, 4, q->offset);
	}
	return s;
}

int
store_articles_each(struct store *st, const struct store_query *q,
    store_article_fn fn, void *ctx)
{
	struct store_article a;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((s = list_stmt(st, q, 0)) == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_article_from_row(s, &a);
		stop = fn(ctx, &a) != 0;
		store_article_release(&a);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return store_sqlerr(st, "listing articles");
	return 0;
}

int
store_articles_count(struct store *st, const struct store_query *q,
    int64_t *count)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = list_stmt(st, q, 1)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(st, "counting articles");
}

int
store_search_each(struct store *st, const char *query, int64_t limit,
    store_article_fn fn, void *ctx)
{
	struct store_article a;
	sqlite3_stmt *s;
	int rc, stop = 0;

	/* its rank function first, once: with the statement */
	if (st->stmt[S_SEARCH] == NULL && store_rank_register(st) != 0)
		return -1;
	if ((s = store_stmt(st, S_SEARCH)) == NULL)
		return -1;
	store_bind_text(s, 1, query);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_article_from_row(s, &a);
		a.snippet = store_col_dup(s, ARTICLE_NCOLS);
		stop = fn(ctx, &a) != 0;
		store_article_release(&a);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_ERROR)
			store_seterr(st, "bad search query '%s': %s", query,
			    sqlite3_errmsg(st->db));
		else
			store_sqlerr(st, "searching");
		return -1;
	}
	return 0;
}

static int
set_flag(struct store *st, enum stmt_id id, int64_t aid, int v)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, id)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int(s, 2, v != 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st, "updating an article");
	return sqlite3_changes(st->db) ? 0 : 1;
}

int
store_article_set_read(struct store *st, int64_t id, int read)
{
	return set_flag(st, S_ART_READ, id, read);
}

int
store_article_set_starred(struct store *st, int64_t id, int starred)
{
	return set_flag(st, S_ART_STAR, id, starred);
}

int
store_feed_trim(struct store *st, int64_t feed_id, int64_t keep,
    int64_t *removed)
{
	sqlite3_stmt *s;

	*removed = 0;
	if ((s = store_stmt(st, S_FEED_TRIM)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, keep);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sqlerr(st, "removing articles over max-items");
	*removed = sqlite3_changes64(st->db);
	return 0;
}

int
store_articles_set_read(struct store *st, const struct store_query *q,
    int read, int64_t *changed)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(st->db,
	    "UPDATE articles SET read = ?5 WHERE read <> ?5"
	    " AND (?1 IS NULL OR feed_id = (SELECT id FROM feeds WHERE url = ?1))"
	    " AND (?2 IS NULL OR feed_id IN (SELECT ft.feed_id FROM feed_tags ft"
	    "   JOIN tags t ON t.id = ft.tag_id WHERE t.name = ?2))"
	    " AND (?3 = 0 OR starred = 1)", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(st, "marking articles");
	store_bind_text(s, 1, q->feed_url);
	store_bind_text(s, 2, q->tag);
	sqlite3_bind_int(s, 3, q->starred != 0);
	sqlite3_bind_int(s, 5, read != 0);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st, "marking articles");
	if (changed)
		*changed = sqlite3_changes64(st->db);
	return 0;
}
