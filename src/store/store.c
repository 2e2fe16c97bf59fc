/*
 * store.c: opening the archive, migrations, statements and transactions.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_int.h"
#include "xalloc.h"

/* SQL text of the statements in enum stmt_id. */
static const char *const stmt_sql[S_NSTMT] = {
	[S_FEED_INSERT] =
	    "INSERT INTO feeds (url, user_title, added) VALUES (?1, ?2, ?3)",
	[S_FEED_BY_URL] =
	    "SELECT " "%F" " FROM feeds f WHERE f.url = ?1",
	[S_FEED_BY_ID] =
	    "SELECT " "%F" " FROM feeds f WHERE f.id = ?1",
	[S_FEED_DELETE] = "DELETE FROM feeds WHERE url = ?1 AND kind = 0",
	[S_FEEDS_ALL] =
	    "SELECT " "%F" " FROM feeds f"
	    " ORDER BY f.kind, lower(coalesce(f.user_title, f.title, f.url))",
	[S_FEEDS_TAG] =
	    "SELECT " "%F" " FROM feeds f"
	    " WHERE f.id IN (SELECT ft.feed_id FROM feed_tags ft"
	    "   JOIN tags t ON t.id = ft.tag_id WHERE t.name = ?1)"
	    " ORDER BY f.kind, lower(coalesce(f.user_title, f.title, f.url))",
	[S_FEED_META] =
	    "UPDATE feeds SET title = coalesce(?2, title),"
	    " site_url = coalesce(?3, site_url),"
	    " description = coalesce(?4, description) WHERE id = ?1",
	[S_FEED_CACHE] =
	    "UPDATE feeds SET etag = ?2, last_modified = ?3 WHERE id = ?1",
	[S_FEED_RESULT] =
	    "UPDATE feeds SET last_poll = ?2, http_status = ?3,"
	    " last_error = ?4, retry_after = ?5,"
	    " failures = CASE WHEN ?4 IS NULL THEN 0 ELSE failures + 1 END"
	    " WHERE id = ?1",
	[S_FEED_URL] = "UPDATE feeds SET url = ?2 WHERE id = ?1",
	[S_TAG_INSERT] =
	    "INSERT INTO tags (name) VALUES (?1)"
	    " ON CONFLICT (name) DO UPDATE SET name = name RETURNING id",
	[S_FEED_TAG_INSERT] =
	    "INSERT OR IGNORE INTO feed_tags (feed_id, tag_id) VALUES (?1, ?2)",
	[S_ART_BY_GUID] =
	    "SELECT id, hash FROM articles WHERE feed_id = ?1 AND guid = ?2",
	[S_ART_BY_LINK] =
	    "SELECT id, hash FROM articles WHERE feed_id = ?1 AND url = ?2",
	[S_ART_BY_TITLE] =
	    "SELECT id, hash FROM articles WHERE feed_id = ?1 AND title = ?2"
	    " AND published IS ?3",
	[S_ART_INSERT] =
	    "INSERT INTO articles (feed_id, guid, url, title, author,"
	    " published, updated, sort_date, categories, summary, content,"
	    " text, hash, first_seen, norm_url)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?6, ?7, ?14),"
	    " ?8, ?9, ?10, ?11, ?12, ?14, ?13)",
	[S_ART_UPDATE] =
	    "UPDATE articles SET guid = coalesce(?2, guid), url = ?3,"
	    " title = ?4, author = ?5, published = ?6, updated = ?7,"
	    " sort_date = coalesce(?6, ?7, first_seen), categories = ?8,"
	    " summary = ?9, content = ?10, text = ?11, hash = ?12,"
	    " norm_url = ?13 WHERE id = ?1",
	[S_ART_VERSION] =
	    "INSERT INTO article_versions (article_id, hash, title, summary,"
	    " content, text, seen)"
	    " SELECT id, hash, title, summary, content, text, ?2"
	    " FROM articles WHERE id = ?1 AND hash IS NOT NULL",
	[S_ENC_DELETE] = "DELETE FROM enclosures WHERE article_id = ?1",
	[S_ENC_INSERT] =
	    "INSERT INTO enclosures (article_id, url, type, length)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[S_ART_GET] =
	    "SELECT " "%A" ", a.summary, a.content, a.text, a.hash, a.fulltext"
	    " FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1",
	[S_ART_BY_URL] =
	    "SELECT id FROM articles WHERE url = ?1 ORDER BY sort_date DESC"
	    " LIMIT 1",
	[S_ART_READ] = "UPDATE articles SET read = ?2 WHERE id = ?1",
	[S_ART_STAR] = "UPDATE articles SET starred = ?2 WHERE id = ?1",
	/* max-items: past the newest ?2 of the feed, but starred and quoted */
	[S_FEED_TRIM] =
	    "DELETE FROM articles WHERE id IN (SELECT id FROM articles"
	    "  WHERE feed_id = ?1 ORDER BY sort_date DESC, id DESC"
	    "  LIMIT -1 OFFSET ?2)"
	    " AND starred = 0 AND id NOT IN (SELECT article_id FROM quotes)",
	/*
	 * The best matches are chosen in the index alone (hidden articles
	 * are the few in a partial index), by dossier_bm25() (rank.c): bm25
	 * that leaves out early the rows that can't be among the best.  Only
	 * they are read from the table, whose rows are large, and given a
	 * snippet: one full-text lookup each, by rowid (CROSS JOIN keeps
	 * the planner from walking every match again).
	 */
	[S_SEARCH] =
	    "SELECT " "%A" ","
	    /* from the full text (column 3) when only it has the words */
	    " CASE WHEN a.fulltext_plain IS NOT NULL"
	    "  AND instr(snippet(articles_fts, 2, char(2), '', '', 1),"
	    "   char(2)) = 0"
	    "  AND instr(snippet(articles_fts, 3, char(2), '', '', 1),"
	    "   char(2)) > 0"
	    " THEN snippet(articles_fts, 3, '[', ']', '...', 12)"
	    " ELSE snippet(articles_fts, 2, '[', ']', '...', 12) END"
	    " FROM (SELECT rowid AS rid,"
	    "   dossier_bm25(articles_fts, ?2, 10.0, 2.0, 1.0) AS score"
	    "   FROM articles_fts WHERE articles_fts MATCH ?1"
	    "   AND rowid NOT IN (SELECT id FROM articles WHERE hidden <> 0)"
	    "   ORDER BY score LIMIT ?2) r"
	    " CROSS JOIN articles_fts CROSS JOIN articles a"	/* in order */
	    " CROSS JOIN feeds f"
	    " WHERE articles_fts MATCH ?1 AND articles_fts.rowid = r.rid"
	    " AND a.id = r.rid AND f.id = a.feed_id"
	    " ORDER BY r.score, r.rid DESC",
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SAVEPOINT] = "SAVEPOINT part",
	[S_RELEASE] = "RELEASE part",
	[S_ROLLBACK_TO] = "ROLLBACK TO part",
	[S_FTS_DEFER] =
	    "UPDATE fts_state SET pending_from ="
	    " (SELECT coalesce(max(id), 0) + 1 FROM articles)"
	    " WHERE pending_from IS NULL",
	[S_FTS_INDEX] =
	    "INSERT INTO articles_fts(rowid, title, author, text, fulltext_plain)"
	    " SELECT id, title, author, text, fulltext_plain FROM articles"
	    " WHERE id >= (SELECT pending_from FROM fts_state)",
	[S_KEYS_INDEX] =
	    "INSERT INTO xref_keys(rowid, terms)"
	    " SELECT article_id, terms FROM xref_terms"
	    " WHERE article_id >= (SELECT pending_from FROM fts_state)",
	[S_FTS_UNDEFER] = "UPDATE fts_state SET pending_from = NULL",
};

/* Column lists that several statements share, spliced in for %F and %A. */
const char store_feed_cols[] =
    "f.id, f.url, coalesce(f.user_title, f.title), f.site_url,"
    " f.description,"
    " (SELECT group_concat(name, ',') FROM (SELECT t.name FROM feed_tags ft"
    "   JOIN tags t ON t.id = ft.tag_id WHERE ft.feed_id = f.id"
    "   ORDER BY t.name)),"
    " f.etag, f.last_modified, f.last_error, f.last_poll, f.http_status,"
    " f.retry_after, f.failures,"
    " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id"
    "   AND a.read = 0 AND a.hidden = 0),"
    " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id"
    "   AND a.hidden = 0), f.kind, f.fulltext";
const char store_article_cols[] = STORE_ARTICLE_COLS;

static char *
expand_sql(const char *sql)
{
	struct dstr d = DSTR_INIT;
	const char *p;

	for (p = sql; *p; p++) {
		if (p[0] == '%' && p[1] == 'F') {
			dstr_adds(&d, store_feed_cols);
			p++;
		} else if (p[0] == '%' && p[1] == 'A') {
			dstr_adds(&d, store_article_cols);
			p++;
		} else
			dstr_addc(&d, *p);
	}
	return dstr_detach(&d, NULL);
}

sqlite3_stmt *
store_prepare(struct store *st, sqlite3_stmt **slot, const char *sql)
{
	char *full;
	int rc;

	if (*slot != NULL) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return *slot;
	}
	full = expand_sql(sql);
	rc = sqlite3_prepare_v3(st->db, full, -1, SQLITE_PREPARE_PERSISTENT,
	    slot, NULL);
	free(full);
	if (rc != SQLITE_OK) {
		store_sqlerr(st, "preparing a statement");
		*slot = NULL;
		return NULL;
	}
	return *slot;
}

sqlite3_stmt *
store_stmt(struct store *st, enum stmt_id id)
{
	return store_prepare(st, &st->stmt[id], stmt_sql[id]);
}

void
store_seterr(struct store *st, const char *fmt, ...)
{
	va_list ap;

	dstr_reset(&st->err);
	va_start(ap, fmt);
	dstr_vaddf(&st->err, fmt, ap);
	va_end(ap);
}

int
store_sqlerr(struct store *st, const char *what)
{
	int code = st->db ? sqlite3_extended_errcode(st->db) : SQLITE_ERROR;
	int sys = st->db ? sqlite3_system_errno(st->db) : 0;

	/* a write refused for want of room is SQLITE_IOERR, not FULL */
	if ((code & 0xff) == SQLITE_FULL || ((code & 0xff) == SQLITE_IOERR &&
	    (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)))
		store_seterr(st, "%s: the disk is full (the archive is "
		    "unchanged; free some space and retry)", what);
	else if ((code & 0xff) == SQLITE_CORRUPT ||
	    (code & 0xff) == SQLITE_NOTADB)
		store_seterr(st, "%s: the archive is damaged (%s); restore a "
		    "copy made with 'dossier backup' or try "
		    "'sqlite3 FILE .recover'", what, sqlite3_errmsg(st->db));
	else if ((code & 0xff) == SQLITE_BUSY)
		store_seterr(st, "%s: the archive is busy (another dossier is "
		    "writing); try again", what);
	else
		store_seterr(st, "%s: %s", what,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
	return -1;
}

const char *
store_errmsg(const struct store *st)
{
	return st->err.len ? st->err.buf : "no error";
}

struct sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int
store_bind_date(sqlite3_stmt *s, int i, int64_t t)
{
	if (t == DATE_NONE)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, t);
}

char *
store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *p = sqlite3_column_text(s, i);

	return p ? xstrdup((const char *)p) : NULL;
}

int64_t
store_col_date(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return DATE_NONE;
	return sqlite3_column_int64(s, i);
}

/* The page cache of a connection that stores articles, in KiB. */
#define STORE_CACHE_KIB "16384"

static int
exec_simple(struct store *st, enum stmt_id id, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, id);

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_sqlerr(st, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/*
 * Full-text indexing (articles_fts, and xref_keys: migration 9) deferred
 * to the commit.  Savepoints undo the deferral
 * with the rest: fts_depth only says whether fts_state may hold one, and
 * what is indexed at the commit is read from fts_state.
 */
int
store_fts_defer(struct store *st)
{
	if (st->fts_depth >= 0 || (!st->in_txn && !st->batch))
		return 0;
	if (exec_simple(st, S_FTS_DEFER, "deferring the full-text index") != 0)
		return -1;
	st->fts_depth = st->depth;
	return 0;
}

/* Index what the transaction deferred; before its COMMIT. */
static int
fts_index_deferred(struct store *st)
{
	if (st->fts_depth < 0)
		return 0;
	if (exec_simple(st, S_FTS_INDEX, "indexing new articles") != 0 ||
	    exec_simple(st, S_KEYS_INDEX, "indexing new articles") != 0 ||
	    exec_simple(st, S_FTS_UNDEFER, "indexing new articles") != 0)
		return -1;
	st->fts_depth = -1;
	return 0;
}

/*
 * Inside a batch (store_batch_begin()), a transaction is a savepoint of
 * the batch's: it is undone alone, but only stored when the batch commits.
 */
int
store_begin(struct store *st)
{
	if (st->batch) {
		if (store_batch_lost(st)) {
			store_seterr(st, "starting a transaction: the batch "
			    "it belonged to was rolled back");
			return -1;
		}
		if (exec_simple(st, S_SAVEPOINT, "starting a transaction") != 0)
			return -1;
		st->depth++;
		return 0;
	}
	if (exec_simple(st, S_BEGIN, "starting a transaction") != 0)
		return -1;
	st->in_txn = 1;
	return 0;
}

int
store_commit(struct store *st)
{
	if (st->batch && st->depth > 0) {
		if (store_batch_lost(st)) {
			st->depth--;
			store_seterr(st, "committing: the batch was rolled "
			    "back");
			return -1;
		}
		if (exec_simple(st, S_RELEASE, "committing") != 0) {
			store_rollback(st);
			return -1;
		}
		st->depth--;
		if (st->fts_depth > st->depth)
			st->fts_depth = st->depth;
		return 0;
	}
	if (fts_index_deferred(st) != 0 ||
	    exec_simple(st, S_COMMIT, "committing") != 0) {
		store_rollback(st);
		return -1;
	}
	st->in_txn = 0;
	return 0;
}

int
store_rollback(struct store *st)
{
	struct dstr saved = DSTR_INIT;
	int rc;

	/* keep the message that made us roll back */
	dstr_add(&saved, st->err.buf, st->err.len);
	if (st->batch && st->depth > 0) {
		rc = 0;
		if (!store_batch_lost(st) &&
		    (exec_simple(st, S_ROLLBACK_TO, "rolling back") != 0 ||
		    exec_simple(st, S_RELEASE, "rolling back") != 0))
			rc = -1;
		if (st->fts_depth >= st->depth)
			st->fts_depth = -1;
		st->depth--;
	} else {
		if (!sqlite3_get_autocommit(st->db))
			rc = exec_simple(st, S_ROLLBACK, "rolling back");
		else
			rc = 0;
		st->in_txn = 0;
		st->batch = 0;
		st->depth = 0;
		st->fts_depth = -1;
	}
	if (saved.len) {
		dstr_reset(&st->err);
		dstr_add(&st->err, saved.buf, saved.len);
	}
	dstr_release(&saved);
	return rc;
}

/*
 * Storing articles touches pages all over the indexes keyed by hash or
 * name: with SQLite's default 2 MB cache a transaction spills them to the
 * WAL, reads them back and writes them again at commit.  Only such writers
 * ask for more: a reader (search, refs) reading much of the index would
 * otherwise keep it all in memory.
 */
int
store_cache_for_writing(struct store *st)
{
	if (sqlite3_exec(st->db, "PRAGMA cache_size = -" STORE_CACHE_KIB,
	    NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(st, "setting the page cache");
	return 0;
}

int
store_batch_begin(struct store *st)
{
	if (st->batch || st->in_txn) {
		store_seterr(st, "starting a batch inside a transaction");
		return -1;
	}
	if (exec_simple(st, S_BEGIN, "starting a transaction") != 0)
		return -1;
	st->batch = 1;
	st->depth = 0;
	return 0;
}

int
store_batch_active(const struct store *st)
{
	return st->batch;
}

int
store_batch_lost(const struct store *st)
{
	return st->batch && sqlite3_get_autocommit(st->db);
}

int
store_batch_commit(struct store *st)
{
	if (!st->batch)
		return 0;
	if (st->depth > 0) {
		store_seterr(st, "committing a batch with a transaction open");
		store_batch_rollback(st);
		return -1;
	}
	if (store_batch_lost(st)) {
		st->batch = 0;
		st->fts_depth = -1;
		store_seterr(st, "committing: the batch was rolled back");
		return -1;
	}
	if (fts_index_deferred(st) != 0 ||
	    exec_simple(st, S_COMMIT, "committing") != 0) {
		store_batch_rollback(st);
		return -1;
	}
	st->batch = 0;
	return 0;
}

int
store_batch_rollback(struct store *st)
{
	st->depth = 0;
	return store_rollback(st);	/* resets the batch */
}

int
store_user_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int
migrate(struct store *st)
{
	struct dstr sql = DSTR_INIT;
	size_t n = store_nmigrations(), i;
	char *errmsg = NULL;
	int v;

	v = store_user_version(st);
	if (v < 0)
		return store_sqlerr(st, "reading the archive's version");
	if ((size_t)v > n) {
		store_seterr(st, "the archive was written by a newer dossier "
		    "(schema version %d, this one knows up to %zu); it was "
		    "not modified", v, n);
		return -1;
	}
	if ((size_t)v == n)
		return 0;
	dstr_adds(&sql, "BEGIN IMMEDIATE;");
	for (i = (size_t)v; i < n; i++)
		dstr_adds(&sql, store_migration(i));
	dstr_addf(&sql, ";PRAGMA user_version = %zu;COMMIT;", n);
	if (sqlite3_exec(st->db, sql.buf, NULL, NULL, &errmsg) != SQLITE_OK) {
		store_seterr(st, "upgrading the archive from version %d: %s",
		    v, errmsg ? errmsg : "unknown error");
		sqlite3_free(errmsg);
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		dstr_release(&sql);
		return -1;
	}
	dstr_release(&sql);
	return 0;
}

static int
make_parent_dir(struct store *st, const char *path)
{
	char *dir = xstrdup(path), *p;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			store_seterr(st, "%s: cannot create directory: %s",
			    dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

int
store_open(struct store **stp, const char *path, int flags)
{
	struct store *st;
	char *errmsg = NULL;
	int oflags, rc;

	st = xcalloc(1, sizeof(*st));
	st->fts_depth = -1;
	dstr_init(&st->err);
	*stp = st;
	if (!(flags & STORE_READONLY) && make_parent_dir(st, path) != 0)
		return -1;
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		store_seterr(st, "%s: cannot open the archive: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	/*
	 * Reading the schema is the first real access: a file that is not
	 * an archive fails here.
	 */
	rc = sqlite3_exec(st->db,
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL;"
	    "SELECT count(*) FROM sqlite_schema;", NULL, NULL, &errmsg);
	/*
	 * The journal mode is kept in the file's header: an archive from a
	 * newer dossier is left as it is, and refused by migrate().
	 */
	if (rc == SQLITE_OK && !(flags & STORE_READONLY) &&
	    store_user_version(st) <= (int)store_nmigrations())
		rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL;", NULL,
		    NULL, &errmsg);
	if (rc != SQLITE_OK) {
		sqlite3_free(errmsg);
		store_sqlerr(st, path);
		return -1;
	}
	if (store_keys_register(st) != 0)
		return -1;
	if (flags & STORE_READONLY) {
		if ((size_t)store_user_version(st) != store_nmigrations()) {
			store_seterr(st, "%s: the archive needs an upgrade or "
			    "is newer than this dossier", path);
			return -1;
		}
		return 0;
	}
	if (migrate(st) != 0) {
		struct dstr m = DSTR_INIT;

		dstr_addf(&m, "%s: %s", path, st->err.buf);
		dstr_release(&st->err);
		st->err = m;
		return -1;
	}
	return 0;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	if (st->in_txn || st->batch)
		store_batch_rollback(st);
	for (i = 0; i < S_NSTMT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < QF_NVARIANT; i++) {
		sqlite3_finalize(st->list[i]);
		sqlite3_finalize(st->count[i]);
	}
	if (st->db)
		sqlite3_close(st->db);
	dstr_release(&st->err);
	free(st);
}
