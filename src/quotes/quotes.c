/*
 * quotes.c: quotes in the archive (tables quotes and quote_tags).
 *
 * A struct quotes prepares its statements on the archive's connection the
 * first time each is needed and resets them after use; values are always
 * bound.  Errors go to the store's message (store_seterr()).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dstr.h"
#include "feed.h"
#include "quotes.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

enum qstmt {
	Q_ARTICLE,
	Q_INSERT,
	Q_EXISTS,
	Q_TAG_CANON,
	Q_TAG_ADD,
	Q_TAG_DEL,
	Q_TAGS_CLEAR,
	Q_DELETE,
	Q_NOTE,
	Q_SPEAKER,
	Q_TOUCH,
	Q_LIST,
	Q_TAGS,
	Q_VERSION,
	Q_STALE,
	Q_MOVE,
	Q_ORPHAN,
	Q_NSTMT
};

static const char *const sql[Q_NSTMT] = {
	[Q_ARTICLE] = "SELECT text, hash FROM articles WHERE id = ?1",
	[Q_INSERT] =
	    "INSERT INTO quotes (article_id, text, prefix, suffix, start, end,"
	    " version_hash, speaker, note, created, modified)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
	[Q_EXISTS] = "SELECT 1 FROM quotes WHERE id = ?1",
	/* the same spelling (through the index), else another case */
	[Q_TAG_CANON] =
	    "SELECT tag FROM quote_tags WHERE tag = ?1"
	    " UNION ALL SELECT * FROM (SELECT tag FROM quote_tags"
	    "   WHERE tag = ?1 COLLATE NOCASE LIMIT 1)"
	    " LIMIT 1",
	[Q_TAG_ADD] =
	    "INSERT OR IGNORE INTO quote_tags (quote_id, tag) VALUES (?1, ?2)",
	[Q_TAG_DEL] =
	    "DELETE FROM quote_tags WHERE quote_id = ?1"
	    " AND tag = ?2 COLLATE NOCASE",
	[Q_TAGS_CLEAR] = "DELETE FROM quote_tags WHERE quote_id = ?1",
	[Q_DELETE] = "DELETE FROM quotes WHERE id = ?1",
	[Q_NOTE] = "UPDATE quotes SET note = ?2, modified = ?3 WHERE id = ?1",
	[Q_SPEAKER] =
	    "UPDATE quotes SET speaker = ?2, modified = ?3 WHERE id = ?1",
	[Q_TOUCH] = "UPDATE quotes SET modified = ?2 WHERE id = ?1",
	/* everything a listing or an export needs, in one query */
	[Q_LIST] =
	    "SELECT q.id, q.article_id, q.text, q.prefix, q.suffix, q.start,"
	    " q.end, q.version_hash, q.speaker, q.note, q.orphaned, q.created,"
	    " q.modified,"
	    " (SELECT group_concat(tag, char(10)) FROM quote_tags"
	    "   WHERE quote_id = q.id),"
	    " a.title, coalesce(f.user_title, f.title, f.url), f.url,"
	    " a.author, a.url, a.published, a.first_seen,"
	    " CASE WHEN ?6 AND q.orphaned = 0 THEN"
	    "   length(CAST(substr(CAST(a.text AS BLOB), 1, q.start) AS TEXT))"
	    " END,"
	    " CASE WHEN ?6 AND q.orphaned = 0 THEN length(q.text) END"
	    " FROM quotes q JOIN articles a ON a.id = q.article_id"
	    " JOIN feeds f ON f.id = a.feed_id"
	    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM quote_tags t"
	    "   WHERE t.quote_id = q.id AND t.tag = ?1 COLLATE NOCASE))"
	    " AND (?2 IS NULL OR"
	    "   instr(lower(coalesce(q.speaker, '')), lower(?2)) > 0)"
	    " AND (?3 IS NULL OR f.url = ?3)"
	    " AND (?4 IS NULL OR a.sort_date >= ?4)"
	    " AND (?5 IS NULL OR q.article_id = ?5)"
	    " AND (?7 IS NULL OR q.id = ?7)"
	    " ORDER BY a.sort_date, a.id, q.start, q.id",
	[Q_TAGS] =
	    "SELECT tag, count(*) FROM quote_tags"
	    " WHERE ?1 IS NULL OR lower(substr(tag, 1, length(?1))) = lower(?1)"
	    " GROUP BY tag ORDER BY tag COLLATE NOCASE, tag",
	[Q_VERSION] =
	    "SELECT text FROM articles WHERE id = ?1 AND hash IS ?2"
	    " UNION ALL SELECT text FROM article_versions"
	    " WHERE article_id = ?1 AND hash IS ?2 LIMIT 1",
	[Q_STALE] =
	    "SELECT id, text, prefix, suffix, start, end FROM quotes"
	    " WHERE article_id = ?1 AND (version_hash IS NOT ?2 OR orphaned)",
	[Q_MOVE] =
	    "UPDATE quotes SET text = ?2, prefix = ?3, suffix = ?4, start = ?5,"
	    " end = ?6, version_hash = ?7, orphaned = 0 WHERE id = ?1",
	[Q_ORPHAN] = "UPDATE quotes SET orphaned = 1 WHERE id = ?1",
};

struct quotes {
	struct store	*st;
	sqlite3		*db;
	sqlite3_stmt	*stmt[Q_NSTMT];
};

struct quotes *
quotes_new(struct store *st)
{
	struct quotes *q = xcalloc(1, sizeof(*q));

	q->st = st;
	q->db = store_db(st);
	return q;
}

void
quotes_free(struct quotes *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < Q_NSTMT; i++)
		sqlite3_finalize(q->stmt[i]);
	free(q);
}

const char *
quotes_errmsg(const struct quotes *q)
{
	return store_errmsg(q->st);
}

static int
sqlerr(struct quotes *q, const char *what)
{
	store_sqlerr(q->st, what);
	return -1;
}

/* The statement, prepared on first use, reset and unbound. */
static sqlite3_stmt *
stmt(struct quotes *q, enum qstmt id)
{
	sqlite3_stmt **s = &q->stmt[id];

	if (*s == NULL) {
		if (sqlite3_prepare_v2(q->db, sql[id], -1, s, NULL) !=
		    SQLITE_OK) {
			sqlerr(q, "preparing a quotes statement");
			*s = NULL;
			return NULL;
		}
	} else {
		sqlite3_reset(*s);
		sqlite3_clear_bindings(*s);
	}
	return *s;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static int64_t
col_date(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? DATE_NONE :
	    sqlite3_column_int64(s, i);
}

/* Run a statement that returns no rows. */
static int
step_done(struct quotes *q, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(q, what);
}

/* A transaction of our own unless the caller has one. */
static int
txn_begin(struct quotes *q, int *own)
{
	*own = sqlite3_get_autocommit(q->db);
	return *own ? store_begin(q->st) : 0;
}

static int
txn_end(struct quotes *q, int own, int rc)
{
	if (!own)
		return rc;
	if (rc != 0) {
		store_rollback(q->st);
		return rc;
	}
	return store_commit(q->st);
}

/* Records */

void
quote_release(struct quote *x)
{
	size_t i;

	free(x->text);
	free(x->prefix);
	free(x->suffix);
	free(x->version_hash);
	free(x->speaker);
	free(x->note);
	for (i = 0; i < x->ntags; i++)
		free(x->tags[i]);
	free(x->tags);
	free(x->title);
	free(x->feed_title);
	free(x->feed_url);
	free(x->author);
	free(x->url);
	memset(x, 0, sizeof(*x));
}

void
quotes_array_free(struct quote *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		quote_release(&v[i]);
	free(v);
}

void
quote_tags_free(struct quote_tag *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int
quote_tag_cmp(const char *a, const char *b)
{
	int c = strcasecmp(a, b);

	return c ? c : strcmp(a, b);
}

static int
strp_cmp(const void *a, const void *b)
{
	return quote_tag_cmp(*(char *const *)a, *(char *const *)b);
}

/* Columns in the order of Q_LIST. */
static void
quote_from_row(sqlite3_stmt *s, struct quote *x)
{
	const char *tags, *p, *nl;
	size_t n;

	memset(x, 0, sizeof(*x));
	x->id = sqlite3_column_int64(s, 0);
	x->article_id = sqlite3_column_int64(s, 1);
	x->text = col_dup(s, 2);
	if (x->text == NULL)
		x->text = xstrdup("");
	x->prefix = col_dup(s, 3);
	x->suffix = col_dup(s, 4);
	x->start = (size_t)sqlite3_column_int64(s, 5);
	x->end = (size_t)sqlite3_column_int64(s, 6);
	x->version_hash = col_dup(s, 7);
	x->speaker = col_dup(s, 8);
	x->note = col_dup(s, 9);
	x->orphaned = sqlite3_column_int(s, 10);
	x->created = sqlite3_column_int64(s, 11);
	x->modified = sqlite3_column_int64(s, 12);
	tags = (const char *)sqlite3_column_text(s, 13);
	for (p = tags; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		x->tags = xreallocarray(x->tags, x->ntags + 1,
		    sizeof(*x->tags));
		x->tags[x->ntags++] = xstrndup(p, n);
	}
	if (x->ntags > 1)
		qsort(x->tags, x->ntags, sizeof(*x->tags), strp_cmp);
	x->title = col_dup(s, 14);
	x->feed_title = col_dup(s, 15);
	x->feed_url = col_dup(s, 16);
	x->author = col_dup(s, 17);
	x->url = col_dup(s, 18);
	x->published = col_date(s, 19);
	x->archived = col_date(s, 20);
	x->char_start = sqlite3_column_type(s, 21) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, 21);
	x->char_len = sqlite3_column_type(s, 22) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, 22);
}

/* Tags */

/* Trim a tag into out; -1 (with the message set) when it is not one. */
static int
clean_tag(struct quotes *q, const char *tag, struct dstr *out)
{
	const char *a = tag, *b;

	while (*a == ' ' || *a == '\t')
		a++;
	b = a + strlen(a);
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	dstr_reset(out);
	if (b == a) {
		store_seterr(q->st, "a tag cannot be empty");
		return -1;
	}
	dstr_add(out, a, (size_t)(b - a));
	for (a = out->buf; *a; a++)
		if ((unsigned char)*a < 0x20 || *a == 0x7f) {
			store_seterr(q->st, "a tag cannot hold control "
			    "characters");
			return -1;
		}
	return 0;
}

static int
check_tags(struct quotes *q, const char *const *tags, size_t n)
{
	struct dstr d = DSTR_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = clean_tag(q, tags[i], &d);
	dstr_release(&d);
	return rc;
}

/* Add one tag, spelt as it already is in the archive if it is there. */
static int
add_tag(struct quotes *q, int64_t id, const char *tag)
{
	struct dstr d = DSTR_INIT;
	sqlite3_stmt *s;
	int rc;

	if (clean_tag(q, tag, &d) != 0)
		goto fail;
	if ((s = stmt(q, Q_TAG_CANON)) == NULL)
		goto fail;
	bind_text(s, 1, d.buf);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);

		dstr_reset(&d);
		dstr_adds(&d, t ? t : "");
	} else if (rc != SQLITE_DONE) {
		sqlerr(q, "looking up a tag");
		goto fail;
	}
	sqlite3_reset(s);
	if ((s = stmt(q, Q_TAG_ADD)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, d.buf);
	if (step_done(q, s, "tagging a quote") != 0)
		goto fail;
	dstr_release(&d);
	return 0;
fail:
	dstr_release(&d);
	return -1;
}

static int
touch(struct quotes *q, int64_t id)
{
	sqlite3_stmt *s;

	if ((s = stmt(q, Q_TOUCH)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	return step_done(q, s, "updating a quote");
}

/* 0 when the quote exists, 1 when not, -1. */
static int
exists(struct quotes *q, int64_t id)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(q, Q_EXISTS)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		store_seterr(q->st, "no quote %lld", (long long)id);
		return 1;
	}
	return sqlerr(q, "looking up a quote");
}

/* Adding */

struct art {
	char	*text;
	size_t	 len;
	char	*hash;
};

static void
art_release(struct art *a)
{
	free(a->text);
	free(a->hash);
}

static int
load_article(struct quotes *q, int64_t id, struct art *a)
{
	sqlite3_stmt *s;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((s = stmt(q, Q_ARTICLE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a->text = col_dup(s, 0);
		if (a->text == NULL)
			a->text = xstrdup("");
		a->len = strlen(a->text);
		a->hash = col_dup(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		store_seterr(q->st, "no article %lld", (long long)id);
		return 1;
	}
	return sqlerr(q, "reading an article");
}

static int
add_at(struct quotes *q, int64_t article_id, const struct art *art,
    size_t start, size_t end, const char *const *tags, size_t ntags,
    const char *note, const char *speaker, int64_t *idp)
{
	struct quote_anchor an;
	sqlite3_stmt *s;
	char *who = NULL, *clean = NULL;
	int64_t id = 0;
	size_t i;
	int own, rc = -1;

	if (start >= end || end > art->len ||
	    (art->text[start] & 0xC0) == 0x80 ||
	    (end < art->len && (art->text[end] & 0xC0) == 0x80)) {
		store_seterr(q->st, "bytes %zu to %zu are not a passage of "
		    "article %lld (%zu bytes of text)", start, end,
		    (long long)article_id, art->len);
		return -1;
	}
	if (check_tags(q, tags, ntags) != 0)
		return -1;
	memset(&an, 0, sizeof(an));
	quote_anchor_make(&an, art->text, art->len, start, end);
	if (speaker == NULL)
		who = quote_attribute(art->text, art->len, start, end);
	else if (*speaker)
		who = utf8_sanitize_dup(speaker, SAN_ONE_LINE);
	if (txn_begin(q, &own) != 0)
		goto out;
	if ((s = stmt(q, Q_INSERT)) == NULL)
		goto done;
	sqlite3_bind_int64(s, 1, article_id);
	bind_text(s, 2, an.exact);
	bind_text(s, 3, an.prefix);
	bind_text(s, 4, an.suffix);
	sqlite3_bind_int64(s, 5, (int64_t)an.start);
	sqlite3_bind_int64(s, 6, (int64_t)an.end);
	bind_text(s, 7, art->hash);
	bind_text(s, 8, who);
	clean = note ? utf8_sanitize_dup(note, SAN_KEEP_NEWLINES) : NULL;
	bind_text(s, 9, clean && *clean ? clean : NULL);
	sqlite3_bind_int64(s, 10, (int64_t)time(NULL));
	if (step_done(q, s, "adding a quote") != 0)
		goto done;
	id = sqlite3_last_insert_rowid(q->db);
	for (i = 0; i < ntags; i++)
		if (add_tag(q, id, tags[i]) != 0)
			goto done;
	rc = 0;
done:
	rc = txn_end(q, own, rc);
out:
	if (rc == 0 && idp)
		*idp = id;
	quote_anchor_release(&an);
	free(who);
	free(clean);
	return rc;
}

int
quotes_add(struct quotes *q, int64_t article_id, size_t start, size_t end,
    const char *const *tags, size_t ntags, const char *note,
    const char *speaker, int64_t *idp)
{
	struct art art;
	int rc;

	if ((rc = load_article(q, article_id, &art)) != 0)
		return rc;
	rc = add_at(q, article_id, &art, start, end, tags, ntags, note,
	    speaker, idp);
	art_release(&art);
	return rc;
}

int
quotes_add_text(struct quotes *q, int64_t article_id, const char *text,
    const char *const *tags, size_t ntags, const char *note,
    const char *speaker, int64_t *idp)
{
	struct art art;
	size_t start, end;
	int rc;

	if ((rc = load_article(q, article_id, &art)) != 0)
		return rc;
	if (quote_text_find(art.text, art.len, text, 0, &start, &end) != 0) {
		store_seterr(q->st, "the text is not in article %lld",
		    (long long)article_id);
		art_release(&art);
		return 2;
	}
	rc = add_at(q, article_id, &art, start, end, tags, ntags, note,
	    speaker, idp);
	art_release(&art);
	return rc;
}

/* Editing */

int
quotes_remove(struct quotes *q, int64_t id)
{
	sqlite3_stmt *s;

	if ((s = stmt(q, Q_DELETE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (step_done(q, s, "removing a quote") != 0)
		return -1;
	if (sqlite3_changes(q->db) == 0) {
		store_seterr(q->st, "no quote %lld", (long long)id);
		return 1;
	}
	return 0;
}

static int
set_field(struct quotes *q, enum qstmt which, int64_t id, const char *v,
    int flags)
{
	sqlite3_stmt *s;
	char *clean;
	int rc;

	if ((s = stmt(q, which)) == NULL)
		return -1;
	/* typed text, shown and exported: no controls in the archive */
	clean = v ? utf8_sanitize_dup(v, flags) : NULL;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, clean && *clean ? clean : NULL);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	rc = step_done(q, s, "updating a quote");
	free(clean);
	if (rc != 0)
		return -1;
	if (sqlite3_changes(q->db) == 0) {
		store_seterr(q->st, "no quote %lld", (long long)id);
		return 1;
	}
	return 0;
}

int
quotes_set_note(struct quotes *q, int64_t id, const char *note)
{
	return set_field(q, Q_NOTE, id, note, SAN_KEEP_NEWLINES);
}

int
quotes_set_speaker(struct quotes *q, int64_t id, const char *speaker)
{
	return set_field(q, Q_SPEAKER, id, speaker, SAN_ONE_LINE);
}

int
quotes_add_tag(struct quotes *q, int64_t id, const char *tag)
{
	int own, rc;

	if ((rc = exists(q, id)) != 0)
		return rc;
	if (txn_begin(q, &own) != 0)
		return -1;
	rc = add_tag(q, id, tag);
	if (rc == 0)
		rc = touch(q, id);
	return txn_end(q, own, rc);
}

int
quotes_remove_tag(struct quotes *q, int64_t id, const char *tag)
{
	struct dstr d = DSTR_INIT;
	sqlite3_stmt *s;
	int own, rc;

	if ((rc = exists(q, id)) != 0)
		return rc;
	if (clean_tag(q, tag, &d) != 0) {
		dstr_release(&d);
		return -1;
	}
	if (txn_begin(q, &own) != 0) {
		dstr_release(&d);
		return -1;
	}
	rc = -1;
	if ((s = stmt(q, Q_TAG_DEL)) != NULL) {
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, d.buf);
		rc = step_done(q, s, "untagging a quote");
	}
	if (rc == 0)
		rc = touch(q, id);
	dstr_release(&d);
	return txn_end(q, own, rc);
}

int
quotes_set_tags(struct quotes *q, int64_t id, const char *const *tags,
    size_t ntags)
{
	sqlite3_stmt *s;
	size_t i;
	int own, rc;

	if ((rc = exists(q, id)) != 0)
		return rc;
	if (check_tags(q, tags, ntags) != 0 || txn_begin(q, &own) != 0)
		return -1;
	rc = -1;
	if ((s = stmt(q, Q_TAGS_CLEAR)) != NULL) {
		sqlite3_bind_int64(s, 1, id);
		rc = step_done(q, s, "untagging a quote");
	}
	for (i = 0; i < ntags && rc == 0; i++)
		rc = add_tag(q, id, tags[i]);
	if (rc == 0)
		rc = touch(q, id);
	return txn_end(q, own, rc);
}

/* Reading */

static sqlite3_stmt *
list_stmt(struct quotes *q, const struct quote_filter *f, int64_t id)
{
	sqlite3_stmt *s;

	if ((s = stmt(q, Q_LIST)) == NULL)
		return NULL;
	if (f) {
		bind_text(s, 1, f->tag);
		bind_text(s, 2, f->speaker);
		bind_text(s, 3, f->feed_url);
		if (f->since)
			sqlite3_bind_int64(s, 4, f->since);
		if (f->article_id)
			sqlite3_bind_int64(s, 5, f->article_id);
		sqlite3_bind_int(s, 6, f->char_offsets != 0);
		if (f->quote_id)
			sqlite3_bind_int64(s, 7, f->quote_id);
	} else
		sqlite3_bind_int(s, 6, 0);
	if (id)
		sqlite3_bind_int64(s, 7, id);
	return s;
}

int
quotes_each(struct quotes *q, const struct quote_filter *f, quote_fn fn,
    void *ctx)
{
	struct quote x;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((s = list_stmt(q, f, 0)) == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		quote_from_row(s, &x);
		stop = fn(ctx, &x) != 0;
		quote_release(&x);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return sqlerr(q, "listing quotes");
	return 0;
}

int
quotes_list(struct quotes *q, const struct quote_filter *f,
    struct quote **vp, size_t *np)
{
	struct quote *v = NULL;
	sqlite3_stmt *s;
	size_t n = 0, cap = 0;
	int rc;

	*vp = NULL;
	*np = 0;
	if ((s = list_stmt(q, f, 0)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		quote_from_row(s, &v[n++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		quotes_array_free(v, n);
		return sqlerr(q, "listing quotes");
	}
	*vp = v;
	*np = n;
	return 0;
}

int
quotes_for_article(struct quotes *q, int64_t article_id, struct quote **vp,
    size_t *np)
{
	struct quote_filter f;

	memset(&f, 0, sizeof(f));
	f.article_id = article_id;
	return quotes_list(q, &f, vp, np);
}

int
quotes_get(struct quotes *q, int64_t id, struct quote *x)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = list_stmt(q, NULL, id)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		quote_from_row(s, x);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		store_seterr(q->st, "no quote %lld", (long long)id);
		return 1;
	}
	return sqlerr(q, "reading a quote");
}

int
quotes_tags(struct quotes *q, const char *prefix, struct quote_tag **vp,
    size_t *np)
{
	struct quote_tag *v = NULL;
	sqlite3_stmt *s;
	size_t n = 0;
	int rc;

	*vp = NULL;
	*np = 0;
	if ((s = stmt(q, Q_TAGS)) == NULL)
		return -1;
	bind_text(s, 1, prefix && *prefix ? prefix : NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].name = col_dup(s, 0);
		if (v[n].name == NULL)
			v[n].name = xstrdup("");
		v[n].count = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		quote_tags_free(v, n);
		return sqlerr(q, "listing tags");
	}
	*vp = v;
	*np = n;
	return 0;
}

int
quotes_version_text(struct quotes *q, const struct quote *x, char **textp)
{
	sqlite3_stmt *s;
	int rc;

	*textp = NULL;
	if ((s = stmt(q, Q_VERSION)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, x->article_id);
	bind_text(s, 2, x->version_hash);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*textp = col_dup(s, 0);
		if (*textp == NULL)
			*textp = xstrdup("");
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		store_seterr(q->st, "the version of quote %lld is no longer "
		    "in the archive", (long long)x->id);
		return 1;
	}
	return sqlerr(q, "reading a version");
}

/* Re-anchoring */

struct stale {
	int64_t			 id;
	struct quote_anchor	 an;
};

int
quotes_reanchor_article(struct quotes *q, int64_t article_id,
    int64_t *movedp, int64_t *orphanedp)
{
	struct stale *v = NULL;
	struct quote_anchor na;
	struct art art;
	sqlite3_stmt *s;
	size_t n = 0, i, start, end;
	int64_t moved = 0, orphaned = 0;
	int rc;

	if ((rc = load_article(q, article_id, &art)) != 0)
		return rc < 0 ? -1 : 0;
	if ((s = stmt(q, Q_STALE)) == NULL) {
		art_release(&art);
		return -1;
	}
	sqlite3_bind_int64(s, 1, article_id);
	bind_text(s, 2, art.hash);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].id = sqlite3_column_int64(s, 0);
		v[n].an.exact = col_dup(s, 1);
		v[n].an.prefix = col_dup(s, 2);
		v[n].an.suffix = col_dup(s, 3);
		if (!v[n].an.exact)
			v[n].an.exact = xstrdup("");
		if (!v[n].an.prefix)
			v[n].an.prefix = xstrdup("");
		if (!v[n].an.suffix)
			v[n].an.suffix = xstrdup("");
		v[n].an.start = (size_t)sqlite3_column_int64(s, 4);
		v[n].an.end = (size_t)sqlite3_column_int64(s, 5);
		n++;
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : sqlerr(q, "reading quotes to re-anchor");
	for (i = 0; i < n && rc == 0; i++) {
		if (quote_anchor_find(&v[i].an, art.text, art.len, &start,
		    &end) != 0) {
			if ((s = stmt(q, Q_ORPHAN)) == NULL) {
				rc = -1;
				break;
			}
			sqlite3_bind_int64(s, 1, v[i].id);
			rc = step_done(q, s, "flagging an orphaned quote");
			orphaned++;
			continue;
		}
		quote_anchor_make(&na, art.text, art.len, start, end);
		if ((s = stmt(q, Q_MOVE)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(s, 1, v[i].id);
			bind_text(s, 2, na.exact);
			bind_text(s, 3, na.prefix);
			bind_text(s, 4, na.suffix);
			sqlite3_bind_int64(s, 5, (int64_t)na.start);
			sqlite3_bind_int64(s, 6, (int64_t)na.end);
			bind_text(s, 7, art.hash);
			rc = step_done(q, s, "re-anchoring a quote");
			moved++;
		}
		quote_anchor_release(&na);
	}
	for (i = 0; i < n; i++)
		quote_anchor_release(&v[i].an);
	free(v);
	art_release(&art);
	if (movedp)
		*movedp = moved;
	if (orphanedp)
		*orphanedp = orphaned;
	return rc;
}
