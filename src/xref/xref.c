/*
 * xref.c: indexing articles for cross-references, and the queries.
 *
 * Tables (src/store/schema.c), all in article order: links (article_id,
 * url normalised, raw_url, text, pos) and articles.norm_url for links;
 * names (id: the name's hash) and article_names for names, names.stories
 * counting the stories naming each (kept here as rows are added; a
 * trigger counts deleted rows down); xref_quotes (article_id, quote_no,
 * text) for quotations, whose windows (shingle.c) are made again from the
 * text when they are needed.  The other way round, from a URL, a window or a name to the
 * stories, goes through each article's keys: xref_terms and its FTS5
 * index xref_keys (store/keys.c).  Nothing is resolved at indexing time:
 * a link meets its target by its key and links.url = norm_url in the
 * queries, so the order in which stories arrive does not matter.  Stories
 * hidden by an ignore rule (articles.hidden) are not listed, as in
 * `dossier list`; they still count for names.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "feed.h"
#include "render.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"
#include "xref_int.h"

#define RELATED_MAX	10	/* stories in "related" */
#define RELATED_TERMS	10	/* distinctive terms asked for */
#define TERM_CANDIDATES	48	/* terms whose document frequency is read */
#define DF_CAP_RATIO	400	/* a term in more than 1/400 of the stories */
#define DF_CAP_MIN	64	/* (or 64) is too common to tell them apart */
#define SECTION_MAX	200	/* entries in the other sections */
#define WINDOW_HITS_MAX	XREF_WINDOW_STORIES
/* Bounds on what one article (a long document, say) may index. */
#define MAX_LINKS	1000
#define MAX_NAMES	2000	/* occurrences */
#define MAX_WINDOWS	2000

enum xstmt {
	X_DEL_LINKS, X_DEL_NAMES, X_DEL_QUOTES, X_DEL_TERMS,
	X_INS_TERMS,
	X_INDEXED, X_INS_LINK, X_NAME_ADD,
	X_INS_ART_NAME,
	X_INS_QUOTE,
	X_ARTICLE, X_ART_INFO, X_LINKS_OUT, X_LINKED_FROM,
	X_QUOTES_OF, X_QUOTE_TEXT, X_NAMES_OF, X_NAMES_ALL, X_MAXID, X_DF, X_RELATED,
	X_KEY_HITS, X_NAMING, X_ALL_IDS, X_SET_NORM, X_RESOLVE, X_RECOUNT,
	X_OWN_URL,
	X_NSTMT
};

/* Published, else updated, else first seen: what lists show. */
#define ART_DATE "coalesce(a.published, a.updated, a.first_seen)"
#define FEED_TITLE "coalesce(f.user_title, f.title, f.url)"
/* The stories naming name n: kept in names.stories, else counted. */
#define NAME_STORIES "coalesce(n.stories, (SELECT count(*)" \
	" FROM xref_keys WHERE xref_keys MATCH 'n' || printf('%016x', n.id)))"

static const char *const xsql[X_NSTMT] = {
	/* anything to replace?  (windows come with their quotation) */
	[X_INDEXED] =
	    "SELECT EXISTS (SELECT 1 FROM links WHERE article_id = ?1)"
	    " OR EXISTS (SELECT 1 FROM article_names WHERE article_id = ?1)"
	    " OR EXISTS (SELECT 1 FROM xref_quotes WHERE article_id = ?1)"
	    " OR EXISTS (SELECT 1 FROM xref_terms WHERE article_id = ?1)",
	[X_DEL_LINKS] = "DELETE FROM links WHERE article_id = ?1",
	[X_DEL_NAMES] = "DELETE FROM article_names WHERE article_id = ?1",
	[X_DEL_QUOTES] = "DELETE FROM xref_quotes WHERE article_id = ?1",
	[X_DEL_TERMS] = "DELETE FROM xref_terms WHERE article_id = ?1",
	/* its keys (store/keys.c) */
	[X_INS_TERMS] =
	    "INSERT INTO xref_terms (article_id, terms) VALUES (?1, ?2)",
	[X_INS_LINK] =
	    "INSERT OR IGNORE INTO links (article_id, url, raw_url, text, pos)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	/* the name, one more story naming it (a deleted row counts itself
	 * down: trigger article_names_ad); nothing if another name has its
	 * id (two names with one 64-bit hash) */
	[X_NAME_ADD] =
	    "INSERT INTO names (id, name, stories) VALUES (?1, ?2, 1)"
	    " ON CONFLICT (id) DO UPDATE SET stories = stories + 1"
	    " WHERE name = excluded.name",
	[X_INS_ART_NAME] =
	    "INSERT INTO article_names (name_id, article_id, count)"
	    " VALUES (?1, ?2, ?3)",
	[X_INS_QUOTE] =
	    "INSERT INTO xref_quotes (article_id, quote_no, text)"
	    " VALUES (?1, ?2, ?3)",
	[X_ARTICLE] = "SELECT title, text FROM articles WHERE id = ?1",
	[X_ART_INFO] =
	    "SELECT a.id, a.title, a.url, " FEED_TITLE ", " ART_DATE ","
	    " a.hidden FROM articles a JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.id = ?1",
	/* a link resolves to the first article archived under its URL */
	[X_LINKS_OUT] =
	    "SELECT a.id, a.title, l.raw_url, " FEED_TITLE ", " ART_DATE ","
	    " l.text, l.url, l.pos"
	    " FROM links l"
	    " LEFT JOIN articles a ON a.id = (SELECT min(b.id) FROM articles b"
	    "   WHERE b.id IN (SELECT rowid FROM xref_keys WHERE xref_keys"
	    "     MATCH 'u' || printf('%016x', dossier_hash(l.url)))"
	    "   AND b.norm_url = l.url AND b.id <> l.article_id"
	    "   AND b.hidden = 0)"
	    " LEFT JOIN feeds f ON f.id = a.feed_id"
	    " WHERE l.article_id = ?1"
	    " ORDER BY a.id IS NULL, l.pos, l.url LIMIT ?2",
	/* the stories whose keys have the URL's, then their link to it */
	[X_LINKED_FROM] =
	    "SELECT a.id, a.title, a.url, " FEED_TITLE ", " ART_DATE ", l.text"
	    " FROM links l JOIN articles a ON a.id = l.article_id"
	    " JOIN feeds f ON f.id = a.feed_id"
	    " WHERE l.article_id IN (SELECT rowid FROM xref_keys"
	    "   WHERE xref_keys MATCH coalesce((SELECT 'l' || printf('%016x',"
	    "     dossier_hash(norm_url)) FROM articles WHERE id = ?1), 'l0'))"
	    " AND l.url = (SELECT norm_url FROM articles WHERE id = ?1)"
	    " AND l.article_id <> ?1 AND a.hidden = 0"
	    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?2",
	/* the stories carrying a quotation window: newest first and at
	 * most ?3, so that a quotation that thousands of stories carry costs
	 * no more than one that a few do */
	[X_KEY_HITS] =
	    "SELECT rowid FROM xref_keys"
	    " WHERE xref_keys MATCH 's' || printf('%016x', ?1)"
	    " AND rowid <> ?2 ORDER BY rowid DESC LIMIT ?3",
	[X_QUOTES_OF] =
	    "SELECT quote_no, text FROM xref_quotes WHERE article_id = ?1",
	[X_QUOTE_TEXT] =
	    "SELECT text FROM xref_quotes WHERE article_id = ?1"
	    " AND quote_no = ?2",
	/* names of one article: stories naming each (this one included) */
	[X_NAMES_OF] =
	    "SELECT n.name, an.count, " NAME_STORIES " FROM article_names an"
	    " JOIN names n ON n.id = an.name_id"
	    " WHERE an.article_id = ?1"
	    " ORDER BY 3 DESC, 2 DESC, n.name LIMIT ?2",
	[X_NAMES_ALL] =
	    "SELECT n.name, 0, " NAME_STORIES " FROM names n"
	    " WHERE " NAME_STORIES " > 0"
	    " ORDER BY 3 DESC, n.name LIMIT ?2",
	[X_MAXID] = "SELECT max(id) FROM articles",
	/* documents with a term, counted up to a cap: a common term's
	 * exact count would cost a walk of its whole doclist */
	[X_DF] =
	    "SELECT count(*) FROM (SELECT 1 FROM articles_fts"
	    " WHERE articles_fts MATCH ?1 LIMIT ?2)",
	/* ranked inside FTS5 first: only the best few are joined */
	[X_RELATED] =
	    "SELECT a.id, a.title, a.url, " FEED_TITLE ", " ART_DATE ","
	    " r.score FROM (SELECT rowid, bm25(articles_fts, 10.0, 2.0, 1.0)"
	    "   AS score FROM articles_fts WHERE articles_fts MATCH ?1"
	    "   ORDER BY score LIMIT ?3 + 10) r"
	    " JOIN articles a ON a.id = r.rowid"
	    " JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.id <> ?2 AND a.hidden = 0"
	    " ORDER BY r.score LIMIT ?3",
	/* the columns of store_articles_each(), in its order */
	[X_NAMING] =
	    "SELECT " STORE_ARTICLE_COLS
	    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
	    " WHERE a.id IN (SELECT rowid FROM xref_keys WHERE xref_keys MATCH"
	    "   coalesce((SELECT group_concat('n' || printf('%016x', id),"
	    "   ' OR ') FROM names WHERE name = ?1 COLLATE NOCASE), 'n0'))"
	    " AND a.hidden = 0"
	    " AND (?2 = 0 OR a.read = 0) AND (?3 = 0 OR a.starred = 1)"
	    " AND (?4 IS NULL OR f.url = ?4)"
	    " AND (?5 IS NULL OR a.feed_id IN (SELECT ft.feed_id"
	    "   FROM feed_tags ft JOIN tags t ON t.id = ft.tag_id"
	    "   WHERE t.name = ?5))"
	    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ?6 OFFSET ?7",
	[X_ALL_IDS] = "SELECT id FROM articles ORDER BY id",
	[X_RESOLVE] =
	    "SELECT min(id) FROM articles WHERE id IN (SELECT rowid"
	    "   FROM xref_keys WHERE xref_keys MATCH 'u' || printf('%016x',"
	    "   dossier_hash(?1)))"
	    " AND norm_url = ?1 AND hidden = 0",
	/* the key of the article's own URL */
	[X_OWN_URL] = "SELECT norm_url FROM articles WHERE id = ?1",
	/* after a reindex: rows imported from an older dump had none */
	[X_RECOUNT] =
	    "UPDATE names SET stories = (SELECT count(*) FROM xref_keys"
	    " WHERE xref_keys MATCH 'n' || printf('%016x', names.id))",
	[X_SET_NORM] =
	    "UPDATE articles SET norm_url = ?2 WHERE id = ?1"
	    " AND norm_url IS NOT ?2",
};

struct xref {
	struct store	*st;
	sqlite3		*db;
	sqlite3_stmt	*stmt[X_NSTMT];
	/* scratch for indexing, kept between articles */
	char		**names;
	size_t		 nnames, capnames;
	int64_t		 article_id;
	int		 quote_no;
	int		 nwindows;
	int		 failed;
	struct dstr	 keys;		/* its row of xref_terms */
};

static int
sqlerr(struct xref *x, const char *what)
{
	store_sqlerr(x->st, what);
	return -1;
}

static sqlite3_stmt *
stmt(struct xref *x, enum xstmt id)
{
	sqlite3_stmt **slot = &x->stmt[id];

	if (*slot != NULL) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return *slot;
	}
	if (sqlite3_prepare_v3(x->db, xsql[id], -1, SQLITE_PREPARE_PERSISTENT,
	    slot, NULL) != SQLITE_OK) {
		sqlerr(x, "preparing a cross-reference query");
		*slot = NULL;
	}
	return *slot;
}

/* Run a statement that returns no rows, with ?1 bound to id (if id > 0). */
static int
exec_id(struct xref *x, enum xstmt id, int64_t arg, const char *what)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, id)) == NULL)
		return -1;
	if (arg > 0)
		sqlite3_bind_int64(s, 1, arg);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, what);
}

static void
bind_text(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
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

struct xref *
xref_new(struct store *st)
{
	struct xref *x = xcalloc(1, sizeof(*x));

	x->st = st;
	x->db = store_db(st);
	dstr_init(&x->keys);
	return x;
}

void
xref_free(struct xref *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < X_NSTMT; i++)
		sqlite3_finalize(x->stmt[i]);
	for (i = 0; i < x->nnames; i++)
		free(x->names[i]);
	free(x->names);
	dstr_release(&x->keys);
	free(x);
}

/* Indexing */

static void
add_key(struct xref *x, char kind, uint64_t h)
{
	char key[STORE_XREF_KEY];

	store_xref_key(key, kind, h);
	if (x->keys.len > 0)
		dstr_addc(&x->keys, ' ');
	dstr_adds(&x->keys, key);
}

static int
index_links(struct xref *x, int64_t id, const struct render_doc *doc)
{
	sqlite3_stmt *s;
	char *norm;
	size_t i;
	int rc;

	for (i = 0; i < doc->nlinks && i < MAX_LINKS; i++) {
		if ((norm = xref_normalize_url(doc->links[i].url)) == NULL)
			continue;
		if ((s = stmt(x, X_INS_LINK)) == NULL) {
			free(norm);
			return -1;
		}
		add_key(x, 'l', store_hash64(norm, strlen(norm)));
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, norm, -1, free);
		bind_text(s, 3, doc->links[i].url);
		bind_text(s, 4, doc->links[i].text);
		sqlite3_bind_int64(s, 5, (int64_t)i + 1);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return sqlerr(x, "storing a link");
	}
	return 0;
}

static int
collect_name(void *ctx, const char *name, size_t off)
{
	struct xref *x = ctx;

	(void)off;
	if (x->nnames == MAX_NAMES)
		return 1;			/* enough: stop */
	if (x->nnames == x->capnames) {
		x->capnames = x->capnames ? x->capnames * 2 : 32;
		x->names = xreallocarray(x->names, x->capnames,
		    sizeof(*x->names));
	}
	x->names[x->nnames++] = xstrdup(name);
	return 0;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Record that the article names name, count times.  The name's id is its
 * hash (store_name_id()): one upsert stores it and counts the story.
 */
static int
add_name(struct xref *x, int64_t id, const char *name, int64_t count)
{
	sqlite3_stmt *s;
	int64_t nid = 0;
	int rc;

	nid = store_name_id(name);
	if ((s = stmt(x, X_NAME_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, nid);
	bind_text(s, 2, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sqlerr(x, "storing a name");
	if (sqlite3_changes(x->db) == 0)
		return 0;		/* its id is another name's */
	add_key(x, 'n', (uint64_t)nid);
	if ((s = stmt(x, X_INS_ART_NAME)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, nid);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, count);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 :
	    sqlerr(x, "storing a name of an article");
}

static int
index_names(struct xref *x, int64_t id, const struct render_doc *doc)
{
	size_t i, j;
	int rc = 0;

	xref_extract_names(doc->plain, doc->plain_len, collect_name, x);
	if (x->nnames > 1)
		qsort(x->names, x->nnames, sizeof(*x->names), strpcmp);
	for (i = 0; i < x->nnames && rc == 0; i = j) {
		for (j = i + 1; j < x->nnames &&
		    strcmp(x->names[i], x->names[j]) == 0; j++)
			;
		rc = add_name(x, id, x->names[i], (int64_t)(j - i));
	}
	for (i = 0; i < x->nnames; i++)
		free(x->names[i]);
	x->nnames = 0;
	return rc;
}

static int
window_key(void *ctx, uint64_t hash, size_t word, size_t start,
    size_t end)
{
	struct xref *x = ctx;

	(void)word;
	(void)start;
	(void)end;
	if (x->nwindows++ == MAX_WINDOWS)
		return 1;			/* enough: stop */
	add_key(x, 's', hash);
	return 0;
}

struct quote_ctx {
	struct xref	*x;
	const char	*plain;
};

static int
quote_span(void *vctx, size_t off, size_t len)
{
	struct quote_ctx *q = vctx;
	struct xref *x = q->x;
	sqlite3_stmt *s;
	int rc;

	if (x->nwindows >= MAX_WINDOWS)
		return 1;			/* enough: stop */
	x->quote_no++;
	if ((s = stmt(x, X_INS_QUOTE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, x->article_id);
	sqlite3_bind_int(s, 2, x->quote_no);
	sqlite3_bind_text(s, 3, q->plain + off, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sqlerr(x, "storing a quotation");
	return xref_quote_windows(q->plain + off, len, window_key, x) < 0 ?
	    -1 : 0;
}

static int
index_quotes(struct xref *x, int64_t id, const struct render_doc *doc)
{
	struct quote_ctx q = { x, doc->plain };

	x->article_id = id;
	x->quote_no = 0;
	x->nwindows = 0;
	return xref_find_quotes(doc->plain, doc->plain_len, quote_span, &q) <
	    0 ? -1 : 0;
}

/* The key of the article's normalised URL, for the links to it. */
static int
own_url_key(struct xref *x, int64_t id)
{
	sqlite3_stmt *s;
	const char *u;
	int rc;

	if ((s = stmt(x, X_OWN_URL)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (u = (const char *)sqlite3_column_text(s, 0)) != NULL)
		add_key(x, 'u', store_hash64(u, strlen(u)));
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    sqlerr(x, "reading an article's URL");
}

static int
store_terms(struct xref *x, int64_t id)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, X_INS_TERMS)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, x->keys.buf, (int)x->keys.len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, "storing links");
}

/* Has the article index rows?  (A new one has none: no deletes then.) */
static int
was_indexed(struct xref *x, int64_t id)
{
	sqlite3_stmt *s;
	int rc, yes = 0;

	if ((s = stmt(x, X_INDEXED)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		yes = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? yes : sqlerr(x, "reading the index");
}

/*
 * No savepoint of our own: a savepoint makes FTS5 flush the terms it holds
 * for the transaction, once per article, which tripled the cost of ingest.
 * Inside the caller's transaction a failure is the caller's to roll back;
 * outside one, the article gets a transaction of its own.
 */
int
xref_index_article(struct xref *x, int64_t id, const struct render_doc *doc)
{
	int own = sqlite3_get_autocommit(x->db), indexed;

	if (own && store_begin(x->st) != 0)
		return -1;
	if ((indexed = was_indexed(x, id)) < 0)
		goto fail;
	if (indexed && (exec_id(x, X_DEL_LINKS, id, "clearing links") != 0 ||
	    exec_id(x, X_DEL_NAMES, id, "clearing names") != 0 ||
	    exec_id(x, X_DEL_QUOTES, id, "clearing quotations") != 0 ||
	    exec_id(x, X_DEL_TERMS, id, "clearing links") != 0))
		goto fail;
	dstr_reset(&x->keys);
	if (own_url_key(x, id) != 0)
		goto fail;
	if (doc != NULL && (index_links(x, id, doc) != 0 ||
	    (doc->plain != NULL && (index_names(x, id, doc) != 0 ||
	    index_quotes(x, id, doc) != 0))))
		goto fail;
	if (x->keys.len > 0 && store_terms(x, id) != 0)
		goto fail;
	if (own && store_commit(x->st) != 0)
		return -1;
	return 0;
fail:
	if (own)
		store_rollback(x->st);	/* keeps the first message */
	return -1;
}

/* Results */

static const char *const section_keys[XREF_NSECTIONS] = {
	"links_out", "linked_from", "same_quote", "names", "related",
};
static const char *const section_titles[XREF_NSECTIONS] = {
	"Links out", "Linked from", "Same quotation in", "Names", "Related",
};

const char *
xref_section_key(enum xref_section s)
{
	return (unsigned)s < XREF_NSECTIONS ? section_keys[s] : NULL;
}

const char *
xref_section_title(enum xref_section s)
{
	return (unsigned)s < XREF_NSECTIONS ? section_titles[s] : NULL;
}

static struct xref_entry *
list_add(struct xref_list *l)
{
	struct xref_entry *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->date = DATE_NONE;
	return e;
}

static void
list_drop_last(struct xref_list *l)
{
	struct xref_entry *e = &l->v[--l->n];

	free(e->title);
	free(e->url);
	free(e->feed_title);
	free(e->text);
	free(e->norm_url);
}

void
xref_list_release(struct xref_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].url);
		free(l->v[i].feed_title);
		free(l->v[i].text);
		free(l->v[i].norm_url);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
xref_refs_release(struct xref_refs *r)
{
	size_t i;

	for (i = 0; i < XREF_NSECTIONS; i++)
		xref_list_release(&r->sec[i]);
}

/* Columns 0-4 of the article statements: id, title, url, feed, date. */
static void
article_cols(sqlite3_stmt *s, struct xref_entry *e)
{
	e->id = sqlite3_column_int64(s, 0);
	e->title = col_dup(s, 1);
	e->url = col_dup(s, 2);
	e->feed_title = col_dup(s, 3);
	e->date = col_date(s, 4);
}

/* *hidden (may be NULL): hidden by an ignore rule, or gone. */
static int
article_info(struct xref *x, int64_t id, struct xref_entry *e, int *hidden)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, X_ART_INFO)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (hidden)
		*hidden = 1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		article_cols(s, e);
		if (hidden)
			*hidden = sqlite3_column_int64(s, 5) != 0;
	} else
		e->id = id;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    sqlerr(x, "reading an article");
}

static int
links_out(struct xref *x, int64_t id, struct xref_list *l)
{
	struct xref_entry *e;
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, X_LINKS_OUT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, SECTION_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = list_add(l);
		article_cols(s, e);
		e->text = col_dup(s, 5);
		e->norm_url = col_dup(s, 6);
		e->link_no = sqlite3_column_int(s, 7);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, "reading links");
}

static int
linked_from(struct xref *x, int64_t id, struct xref_list *l)
{
	struct xref_entry *e;
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, X_LINKED_FROM)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, SECTION_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = list_add(l);
		article_cols(s, e);
		e->text = col_dup(s, 5);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, "reading backlinks");
}

/* The text of quotation quote_no of article id. */
static int
quote_text(struct xref *x, int64_t id, int quote_no, char **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if ((s = stmt(x, X_QUOTE_TEXT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, quote_no);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = col_dup(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    sqlerr(x, "reading a quotation");
}

struct qrow {
	int64_t	 id;
	int	 quote_no;
	int64_t	 first, last, count;
};

/* A window of this article (quote_no, pos) found in story id. */
struct qhit {
	int64_t	 id;
	int	 quote_no;
	int64_t	 pos;
};

static int
qhit_cmp(const void *va, const void *vb)
{
	const struct qhit *a = va, *b = vb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	if (a->quote_no != b->quote_no)
		return a->quote_no < b->quote_no ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int
qrow_cmp(const void *va, const void *vb)
{
	const struct qrow *a = va, *b = vb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->id != b->id)
		return a->id > b->id ? -1 : 1;
	return a->quote_no < b->quote_no ? -1 : a->quote_no > b->quote_no;
}

/* A quotation of the article, with where each of its windows lies. */
struct oquote {
	int	 quote_no;
	char	*text;
	size_t	*start, *end;		/* of window i, in text */
	uint64_t *hash;			/* of window i */
	size_t	 nwin;
};

/* An article's quotations and their windows, as indexing saw them: the
 * first MAX_WINDOWS (index_quotes()). */
struct oquotes {
	struct oquote	*v;
	size_t		 n;
	size_t		 nwin;		/* in all */
};

static int
oquote_window(void *vctx, uint64_t hash, size_t word, size_t start,
    size_t end)
{
	struct oquotes *oq = vctx;
	struct oquote *q = &oq->v[oq->n - 1];

	(void)word;
	if (oq->nwin++ == MAX_WINDOWS)
		return 1;
	q->start = xreallocarray(q->start, q->nwin + 1, sizeof(size_t));
	q->end = xreallocarray(q->end, q->nwin + 1, sizeof(size_t));
	q->hash = xreallocarray(q->hash, q->nwin + 1, sizeof(uint64_t));
	q->start[q->nwin] = start;
	q->end[q->nwin] = end;
	q->hash[q->nwin] = hash;
	q->nwin++;
	return 0;
}

static int
oquotes_load(struct xref *x, int64_t id, struct oquotes *oq)
{
	struct oquote *q;
	sqlite3_stmt *s;
	int rc;

	memset(oq, 0, sizeof(*oq));
	if ((s = stmt(x, X_QUOTES_OF)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		oq->v = xreallocarray(oq->v, oq->n + 1, sizeof(*oq->v));
		q = &oq->v[oq->n++];
		memset(q, 0, sizeof(*q));
		q->quote_no = sqlite3_column_int(s, 0);
		q->text = col_dup(s, 1);
		if (q->text && oq->nwin < MAX_WINDOWS)
			xref_quote_windows(q->text, strlen(q->text),
			    oquote_window, oq);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, "reading quotations");
}

static void
oquotes_release(struct oquotes *oq)
{
	size_t i;

	for (i = 0; i < oq->n; i++) {
		free(oq->v[i].text);
		free(oq->v[i].start);
		free(oq->v[i].end);
		free(oq->v[i].hash);
	}
	free(oq->v);
}

/* The part of quotation quote_no that windows first..last cover. */
static char *
oquote_span(const struct oquotes *oq, int quote_no, size_t first,
    size_t last)
{
	const struct oquote *q;
	size_t i;

	for (i = 0; i < oq->n && oq->v[i].quote_no != quote_no; i++)
		;
	if (i == oq->n || (q = &oq->v[i])->text == NULL)
		return NULL;
	if (first < q->nwin && last < q->nwin && first <= last &&
	    q->start[first] < q->end[last])
		return xstrndup(q->text + q->start[first],
		    q->end[last] - q->start[first]);
	return xstrdup(q->text);
}

/*
 * The stories sharing a quotation with article id.  Each of its windows
 * is looked up in the index, which gives at most WINDOW_HITS_MAX stories
 * (the newest) a window: the work is bounded by the article's windows,
 * never by how widely a quotation is carried.  The hits are tallied per
 * (story, quotation of this article), most shared windows first.
 */
static int
same_quote(struct xref *x, int64_t id, struct xref_list *l)
{
	struct qhit *h = NULL;
	struct qrow *rows = NULL;
	struct oquotes oq;
	const struct oquote *q;
	struct xref_entry *e;
	sqlite3_stmt *s;
	size_t nh = 0, caph = 0, n = 0, capr = 0, i, j, k;
	int64_t hash;
	int rc, hidden;

	/* its windows, from its quotations' text */
	if ((rc = oquotes_load(x, id, &oq)) != 0)
		goto out;
	for (k = 0; k < oq.n; k++) {
		q = &oq.v[k];
		for (i = 0; i < q->nwin; i++) {
			if ((s = stmt(x, X_KEY_HITS)) == NULL) {
				rc = -1;
				goto out;
			}
			memcpy(&hash, &q->hash[i], sizeof(hash));
			sqlite3_bind_int64(s, 1, hash);
			sqlite3_bind_int64(s, 2, id);
			sqlite3_bind_int(s, 3, WINDOW_HITS_MAX);
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				if (nh == caph) {
					caph = caph ? caph * 2 : 256;
					h = xreallocarray(h, caph, sizeof(*h));
				}
				h[nh].id = sqlite3_column_int64(s, 0);
				h[nh].quote_no = q->quote_no;
				h[nh].pos = (int64_t)i;
				nh++;
			}
			sqlite3_reset(s);
			if (rc != SQLITE_DONE) {
				rc = sqlerr(x, "reading shared quotations");
				goto out;
			}
		}
	}
	if (nh > 1)
		qsort(h, nh, sizeof(*h), qhit_cmp);
	/* one row per (story, quotation), counting distinct windows */
	for (i = 0; i < nh; i = j) {
		if (n == 0 || rows[n - 1].id != h[i].id ||
		    rows[n - 1].quote_no != h[i].quote_no) {
			if (n == capr) {
				capr = capr ? capr * 2 : 16;
				rows = xreallocarray(rows, capr,
				    sizeof(*rows));
			}
			rows[n].id = h[i].id;
			rows[n].quote_no = h[i].quote_no;
			rows[n].first = rows[n].last = h[i].pos;
			rows[n].count = 0;
			n++;
		}
		rows[n - 1].count++;
		rows[n - 1].last = h[i].pos;
		for (j = i + 1; j < nh && qhit_cmp(&h[i], &h[j]) == 0; j++)
			;			/* the same window twice */
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), qrow_cmp);
	for (i = 0, rc = 0; i < n && l->n < SECTION_MAX && rc == 0; i++) {
		e = list_add(l);
		e->count = rows[i].count;
		if ((rc = article_info(x, rows[i].id, e, &hidden)) != 0)
			break;
		if (hidden) {
			list_drop_last(l);
			continue;
		}
		e->text = oquote_span(&oq, rows[i].quote_no,
		    (size_t)rows[i].first, (size_t)rows[i].last);
	}
out:
	oquotes_release(&oq);
	free(h);
	free(rows);
	return rc;
}

static int
names_of(struct xref *x, int64_t id, struct xref_list *l)
{
	struct xref_entry *e;
	sqlite3_stmt *s;
	int rc;

	if ((s = stmt(x, X_NAMES_OF)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, SECTION_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = list_add(l);
		e->title = col_dup(s, 0);
		e->text = col_dup(s, 0);
		e->mentions = sqlite3_column_int64(s, 1);
		e->count = sqlite3_column_int64(s, 2) - 1;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(x, "reading names");
}

/*
 * Related stories.  The article's terms are tokenised about as FTS5's
 * unicode61 tokeniser does (letters and digits, folded to lower case
 * without diacritics); the likeliest ones (repeated and long; title words
 * count thrice) have their document frequency counted in the FTS5 index,
 * up to a cap, and the RELATED_TERMS with the best tf-idf make an OR query
 * ranked by bm25.  Terms that only this article has, or that many have,
 * are left out: they cannot tell related stories apart.  (fts5vocab would give
 * exact frequencies, but it walks a term's whole doclist to count it: some
 * 40 ms per article on a mere 5,000.)
 */

/* Frequent English words: never distinctive, not worth a lookup. */
static const char *const stopwords[] = {
	"about", "after", "again", "against", "all", "also", "and", "any",
	"are", "because", "been", "before", "being", "between", "both", "but",
	"can", "could", "did", "does", "doing", "down", "during", "each",
	"few", "for", "from", "further", "had", "has", "have", "having",
	"her", "here", "hers", "herself", "him", "himself", "his", "how",
	"into", "its", "itself", "just", "more", "most", "not", "now", "off",
	"once", "only", "other", "our", "ours", "out", "over", "own", "said",
	"same", "says", "she", "should", "some", "such", "than", "that",
	"the", "their", "theirs", "them", "then", "there", "these", "they",
	"this", "those", "through", "too", "under", "until", "very", "was",
	"were", "what", "when", "where", "which", "while", "who", "whom",
	"why", "will", "with", "would", "you", "your", "yours",
};

struct term {
	size_t		 off;		/* in the term buffer */
	const char	*s;		/* set once the buffer is complete */
	size_t		 len;
	int	 tf;
	double	 score;
};

static int
is_stopword(const char *s, size_t len)
{
	size_t lo = 0, hi = sizeof(stopwords) / sizeof(stopwords[0]), mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(s, stopwords[mid], len);	/* no NUL in s */
		if (c == 0)
			c = stopwords[mid][len] == '\0' ? 0 : -1;
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Append the terms of s to buf (NUL-separated) and terms[]. */
static void
add_terms(struct dstr *buf, struct term **terms, size_t *n, size_t *cap,
    const char *s, int weight)
{
	size_t i = 0, len = s ? strlen(s) : 0, k, start = 0;
	uint32_t cp, f;
	int inword = 0, digits = 1;

	for (;;) {
		k = i < len ? xtext_decode(s + i, len - i, &cp) : 0;
		if (k && xtext_is_word(cp)) {
			if (!inword) {
				start = buf->len;
				inword = 1;
				digits = 1;
			}
			if ((f = xtext_fold(cp)) != 0)
				utf8_add(buf, f);
			if (!(cp >= '0' && cp <= '9'))
				digits = 0;
			i += k;
			continue;
		}
		if (inword) {
			if (buf->len - start >= 3 && !digits &&
			    !is_stopword(buf->buf + start, buf->len - start)) {
				if (*n == *cap) {
					*cap = *cap ? *cap * 2 : 256;
					*terms = xreallocarray(*terms, *cap,
					    sizeof(**terms));
				}
				(*terms)[*n].off = start;
				(*terms)[*n].len = buf->len - start;
				(*terms)[*n].tf = weight;
				(*n)++;
				dstr_addc(buf, '\0');
			} else
				dstr_setlen(buf, start);
			inword = 0;
		}
		if (k == 0)
			break;
		i += k;
	}
}

static int
term_alpha(const void *va, const void *vb)
{
	const struct term *a = va, *b = vb;

	return strcmp(a->s, b->s);
}

static int
term_by_tf(const void *va, const void *vb)
{
	const struct term *a = va, *b = vb;

	size_t ka = (size_t)(a->tf < 4 ? a->tf : 4) * a->len;
	size_t kb = (size_t)(b->tf < 4 ? b->tf : 4) * b->len;

	/* repeated and long: likely topical and rare, worth a lookup */
	if (ka != kb)
		return ka > kb ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

static int
term_by_score(const void *va, const void *vb)
{
	const struct term *a = va, *b = vb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

/*
 * Score the candidate terms by tf-idf; the usable ones are moved to the
 * front and counted in *usable.  A term is usable when at least one other
 * story has it and fewer than df_cap do (more would make it common).
 */
static int
score_terms(struct xref *x, struct term *t, size_t n, size_t *usable)
{
	struct dstr q = DSTR_INIT;
	sqlite3_stmt *s;
	int64_t total = 0, df, cap;
	size_t i, k = 0;
	int rc;

	if ((s = stmt(x, X_MAXID)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		total = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return sqlerr(x, "counting articles");
	cap = total / DF_CAP_RATIO > DF_CAP_MIN ? total / DF_CAP_RATIO :
	    DF_CAP_MIN;
	for (i = 0; i < n; i++) {
		if ((s = stmt(x, X_DF)) == NULL) {
			dstr_release(&q);
			return -1;
		}
		dstr_reset(&q);
		dstr_addc(&q, '"');
		dstr_add(&q, t[i].s, t[i].len);	/* word characters only */
		dstr_addc(&q, '"');
		sqlite3_bind_text(s, 1, q.buf, (int)q.len, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, cap);
		df = 0;
		if ((rc = sqlite3_step(s)) == SQLITE_ROW)
			df = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW) {
			dstr_release(&q);
			return sqlerr(x, "counting a term");
		}
		if (df < 2 || df >= cap)
			continue;
		t[k] = t[i];
		t[k].score = (1.0 + log((double)t[i].tf)) * log(((double)total -
		    (double)df + 0.5) / ((double)df + 0.5));
		k++;
	}
	dstr_release(&q);
	*usable = k;
	return 0;
}

static int
related(struct xref *x, int64_t id, const char *title, const char *text,
    struct xref_list *l)
{
	struct dstr buf = DSTR_INIT, match = DSTR_INIT;
	struct term *t = NULL;
	struct xref_entry *e;
	sqlite3_stmt *s;
	size_t n = 0, cap = 0, i, j, u;
	int rc = -1;

	add_terms(&buf, &t, &n, &cap, title, 3);
	add_terms(&buf, &t, &n, &cap, text, 1);
	/* merge repeated terms */
	for (i = 0; i < n; i++)
		t[i].s = buf.buf + t[i].off;
	if (n > 1)
		qsort(t, n, sizeof(*t), term_alpha);
	for (i = j = 0; i < n; i++) {
		if (j > 0 && strcmp(t[j - 1].s, t[i].s) == 0)
			t[j - 1].tf += t[i].tf;
		else
			t[j++] = t[i];
	}
	n = j;
	if (n > 1)
		qsort(t, n, sizeof(*t), term_by_tf);
	if (n > TERM_CANDIDATES)
		n = TERM_CANDIDATES;
	if (score_terms(x, t, n, &u) != 0)
		goto out;
	if (u > 1)
		qsort(t, u, sizeof(*t), term_by_score);
	for (i = 0; i < u && i < RELATED_TERMS; i++) {
		if (i)
			dstr_adds(&match, " OR ");
		dstr_addc(&match, '"');
		dstr_adds(&match, t[i].s);	/* word characters only */
		dstr_addc(&match, '"');
	}
	rc = 0;
	if (match.len == 0)
		goto out;
	if ((s = stmt(x, X_RELATED)) == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_text(s, 1, match.buf, (int)match.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int(s, 3, RELATED_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = list_add(l);
		article_cols(s, e);
		e->score = sqlite3_column_double(s, 5);
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : sqlerr(x, "finding related stories");
out:
	free(t);
	dstr_release(&buf);
	dstr_release(&match);
	return rc;
}

int
xref_refs_get(struct xref *x, int64_t id, unsigned mask,
    struct xref_refs *r)
{
	char *title = NULL, *text = NULL;
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	r->id = id;
	if ((s = stmt(x, X_ARTICLE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (mask & XREF_SECTION_BIT(XREF_RELATED))) {
		title = col_dup(s, 0);
		text = col_dup(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return sqlerr(x, "reading an article");
	rc = 0;
	if (rc == 0 && (mask & XREF_SECTION_BIT(XREF_LINKS_OUT)))
		rc = links_out(x, id, &r->sec[XREF_LINKS_OUT]);
	if (rc == 0 && (mask & XREF_SECTION_BIT(XREF_LINKED_FROM)))
		rc = linked_from(x, id, &r->sec[XREF_LINKED_FROM]);
	if (rc == 0 && (mask & XREF_SECTION_BIT(XREF_SAME_QUOTE)))
		rc = same_quote(x, id, &r->sec[XREF_SAME_QUOTE]);
	if (rc == 0 && (mask & XREF_SECTION_BIT(XREF_NAMES)))
		rc = names_of(x, id, &r->sec[XREF_NAMES]);
	if (rc == 0 && (mask & XREF_SECTION_BIT(XREF_RELATED)))
		rc = related(x, id, title, text, &r->sec[XREF_RELATED]);
	free(title);
	free(text);
	return rc;
}

int
xref_resolve_url(struct xref *x, const char *url, int64_t *id)
{
	sqlite3_stmt *s;
	char *norm;
	int rc, found = 0;

	if ((norm = xref_normalize_url(url)) == NULL)
		return 1;
	if ((s = stmt(x, X_RESOLVE)) == NULL) {
		free(norm);
		return -1;
	}
	sqlite3_bind_text(s, 1, norm, -1, free);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*id = sqlite3_column_int64(s, 0);
		found = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlerr(x, "resolving a link");
	return found ? 0 : 1;
}

int
xref_quote_keys_fill(struct xref *x)
{
	struct oquotes oq;
	sqlite3_stmt *s, *up = NULL;
	int64_t *ids = NULL;
	size_t n = 0, i, k, j;
	int rc;

	if (sqlite3_prepare_v2(x->db, "SELECT DISTINCT q.article_id"
	    " FROM xref_quotes q WHERE NOT EXISTS (SELECT 1 FROM xref_terms t"
	    "   WHERE t.article_id = q.article_id"
	    "   AND ' ' || t.terms LIKE '% s%')", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(x, "indexing quotations");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || sqlite3_prepare_v2(x->db,
	    "INSERT INTO xref_terms (article_id, terms) VALUES (?1, ?2)"
	    " ON CONFLICT (article_id) DO UPDATE"
	    " SET terms = terms || ' ' || excluded.terms", -1, &up, NULL) !=
	    SQLITE_OK) {
		free(ids);
		return sqlerr(x, "indexing quotations");
	}
	for (i = 0, rc = 0; i < n && rc == 0; i++) {
		if ((rc = oquotes_load(x, ids[i], &oq)) == 0) {
			dstr_reset(&x->keys);
			for (k = 0; k < oq.n; k++)
				for (j = 0; j < oq.v[k].nwin; j++)
					add_key(x, 's', oq.v[k].hash[j]);
			if (x->keys.len > 0) {
				sqlite3_bind_int64(up, 1, ids[i]);
				sqlite3_bind_text(up, 2, x->keys.buf,
				    (int)x->keys.len, SQLITE_STATIC);
				if (sqlite3_step(up) != SQLITE_DONE)
					rc = sqlerr(x, "indexing quotations");
				sqlite3_reset(up);
			}
		}
		oquotes_release(&oq);
	}
	sqlite3_finalize(up);
	free(ids);
	return rc;
}

/* Stories carrying a given quotation */

struct hit {
	int64_t	 id;
	int	 quote_no;
	int64_t	 count;
};

/* The windows of the text looked for. */
struct want {
	uint64_t	*h;
	size_t		 n;
};

static int
want_window(void *vctx, uint64_t hash, size_t word, size_t start,
    size_t end)
{
	struct want *w = vctx;

	(void)word;
	(void)start;
	(void)end;
	if (w->n == MAX_WINDOWS)
		return 1;
	w->h = xreallocarray(w->h, w->n + 1, sizeof(*w->h));
	w->h[w->n++] = hash;
	return 0;
}

static int
id_cmp(const void *va, const void *vb)
{
	int64_t a = *(const int64_t *)va, b = *(const int64_t *)vb;

	return a < b ? -1 : a > b;
}

static int
hit_cmp(const void *va, const void *vb)
{
	const struct hit *a = va, *b = vb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

/* Of story id's quotations, the one with most of the windows wanted. */
static int
best_quote(struct xref *x, int64_t id, const struct want *w, struct hit *hit)
{
	struct oquotes oq;
	const struct oquote *q;
	size_t k, i, j;
	int64_t count;

	hit->id = id;
	hit->count = 0;
	if (oquotes_load(x, id, &oq) != 0) {
		oquotes_release(&oq);
		return -1;
	}
	for (k = 0; k < oq.n; k++) {
		q = &oq.v[k];
		for (count = 0, i = 0; i < w->n; i++)
			for (j = 0; j < q->nwin; j++)
				if (q->hash[j] == w->h[i]) {
					count++;
					break;
				}
		if (count > hit->count) {
			hit->count = count;
			hit->quote_no = q->quote_no;
		}
	}
	oquotes_release(&oq);
	return 0;
}

/*
 * The stories whose keys have one of the text's windows (at most
 * WINDOW_HITS_MAX a window, the newest), each with its quotation sharing
 * the most of them.
 */
int
xref_quote_stories(struct xref *x, const char *text, size_t len,
    int64_t exclude, struct xref_list *out)
{
	struct want w = { NULL, 0 };
	struct hit *hits = NULL;
	struct xref_entry *e;
	sqlite3_stmt *s;
	int64_t *ids = NULL, hash;
	size_t nids = 0, nhits = 0, i;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (xref_quote_windows(text, len, want_window, &w) < 0) {
		free(w.h);
		return -1;
	}
	for (i = 0; i < w.n && rc == 0; i++) {
		if ((s = stmt(x, X_KEY_HITS)) == NULL) {
			rc = -1;
			break;
		}
		memcpy(&hash, &w.h[i], sizeof(hash));
		sqlite3_bind_int64(s, 1, hash);
		sqlite3_bind_int64(s, 2, exclude);
		sqlite3_bind_int(s, 3, WINDOW_HITS_MAX);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			ids = xreallocarray(ids, nids + 1, sizeof(*ids));
			ids[nids++] = sqlite3_column_int64(s, 0);
		}
		sqlite3_reset(s);
		rc = rc == SQLITE_DONE ? 0 : sqlerr(x, "matching a quotation");
	}
	if (nids > 1)
		qsort(ids, nids, sizeof(*ids), id_cmp);
	for (i = 0; i < nids && rc == 0; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		hits = xreallocarray(hits, nhits + 1, sizeof(*hits));
		if ((rc = best_quote(x, ids[i], &w, &hits[nhits])) == 0 &&
		    hits[nhits].count > 0)
			nhits++;
	}
	if (nhits > 1)
		qsort(hits, nhits, sizeof(*hits), hit_cmp);
	for (i = 0; i < nhits && out->n < SECTION_MAX && rc == 0; i++) {
		e = list_add(out);
		e->count = hits[i].count;
		if ((rc = article_info(x, hits[i].id, e, NULL)) == 0)
			rc = quote_text(x, hits[i].id, hits[i].quote_no,
			    &e->text);
	}
	free(w.h);
	free(ids);
	free(hits);
	return rc;
}

/* Names */

int
xref_names_each(struct xref *x, int64_t article_id, int64_t limit,
    xref_name_count_fn fn, void *ctx)
{
	const unsigned char *name;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((s = stmt(x, article_id > 0 ? X_NAMES_OF : X_NAMES_ALL)) == NULL)
		return -1;
	if (article_id > 0)
		sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		name = sqlite3_column_text(s, 0);
		stop = fn(ctx, name ? (const char *)name : "",
		    sqlite3_column_int64(s, 2)) != 0;
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return sqlerr(x, "listing names");
	return 0;
}

int
xref_articles_naming(struct xref *x, const char *name,
    const struct store_query *q, store_article_fn fn, void *ctx)
{
	static const struct store_query none;
	struct store_article a;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if (q == NULL)
		q = &none;
	if ((s = stmt(x, X_NAMING)) == NULL)
		return -1;
	bind_text(s, 1, name);
	sqlite3_bind_int(s, 2, q->unread);
	sqlite3_bind_int(s, 3, q->starred);
	bind_text(s, 4, q->feed_url);
	bind_text(s, 5, q->tag);
	sqlite3_bind_int64(s, 6, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(s, 7, q->offset);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_article_from_row(s, &a);
		stop = fn(ctx, &a) != 0;
		store_article_release(&a);
	}
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return sqlerr(x, "listing the stories naming a name");
	return 0;
}

/* Indexing the whole archive again */

#define REINDEX_BATCH 256

static int
reindex_one(struct xref *x, int64_t id)
{
	struct store_article a;
	struct render_doc doc;
	sqlite3_stmt *s;
	const char *html;
	char *norm;
	int rc;

	if ((rc = store_article_get(x->st, id, &a)) != 0)
		return rc == 1 ? 0 : -1;	/* deleted meanwhile */
	/* its URL first: its keys have it */
	if ((s = stmt(x, X_SET_NORM)) == NULL) {
		store_article_release(&a);
		return -1;
	}
	norm = xref_normalize_url(a.url);
	sqlite3_bind_int64(s, 1, id);
	if (norm)
		sqlite3_bind_text(s, 2, norm, -1, free);
	else
		sqlite3_bind_null(s, 2);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 :
	    sqlerr(x, "storing an article's URL");
	sqlite3_reset(s);
	html = a.content ? a.content : a.summary ? a.summary : "";
	render_html(&doc, html, strlen(html), a.url ? a.url : a.feed_url);
	if (rc == 0)
		rc = xref_index_article(x, id, &doc);
	render_doc_release(&doc);
	store_article_release(&a);
	return rc;
}

int
xref_reindex(struct xref *x, xref_progress_fn progress, void *ctx)
{
	int64_t *ids = NULL, i;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s;
	int rc;

	(void)store_cache_for_writing(x->st);	/* only faster */
	if ((s = stmt(x, X_ALL_IDS)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = xreallocarray(ids, cap, sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return sqlerr(x, "listing articles");
	}
	rc = 0;
	for (i = 0; i < (int64_t)n && rc == 0; i++) {
		if (i % REINDEX_BATCH == 0 && store_begin(x->st) != 0) {
			rc = -1;
			break;
		}
		rc = reindex_one(x, ids[i]);
		if (rc != 0) {
			store_rollback(x->st);
			break;
		}
		if ((i + 1) % REINDEX_BATCH == 0 || i + 1 == (int64_t)n) {
			if ((rc = store_commit(x->st)) != 0)
				break;
			if (progress && progress(ctx, i + 1, (int64_t)n))
				break;
		}
	}
	if (rc == 0 && n == 0 && progress)
		progress(ctx, 0, 0);
	/* all done: the names' counts of stories, from scratch */
	if (rc == 0 && i == (int64_t)n)
		rc = exec_id(x, X_RECOUNT, 0, "counting names");
	free(ids);
	return rc;
}
