/*
 * maint.c: housekeeping of the archive: backup, prune, stats, vacuum;
 * see docs.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "feed.h"
#include "store.h"

#define BACKUP_TRIES	100	/* 100 ms apart: a writer's commit is short */

static int
sqlerr(struct store *st, sqlite3 *db, const char *what)
{
	if (db == store_db(st))		/* not the backup's */
		store_sqlerr(st, what);
	else
		store_seterr(st, "%s: %s", what, sqlite3_errmsg(db));
	return -1;
}

/* The archive's file name ("" for an in-memory archive). */
static const char *
db_file(struct store *st)
{
	const char *f = sqlite3_db_filename(store_db(st), "main");

	return f ? f : "";
}

int
docs_backup(struct store *st, const char *dest, int force)
{
	struct stat sb, db_sb;
	struct dstr tmp = DSTR_INIT;
	sqlite3 *db = store_db(st), *bdb = NULL;
	sqlite3_backup *b;
	int fd, rc, tries = 0;

	if (stat(dest, &sb) == 0) {
		if (stat(db_file(st), &db_sb) == 0 &&
		    sb.st_dev == db_sb.st_dev && sb.st_ino == db_sb.st_ino) {
			store_seterr(st, "%s is the archive itself", dest);
			return -1;
		}
		if (!force) {
			store_seterr(st, "%s exists (say --force to replace "
			    "it)", dest);
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			store_seterr(st, "%s is not a regular file", dest);
			return -1;
		}
	}
	/* write next to dest, then rename: dest is whole or untouched */
	dstr_addf(&tmp, "%s.tmp-XXXXXX", dest);
	if ((fd = mkstemp(tmp.buf)) == -1) {
		store_seterr(st, "%s: %s", dest, strerror(errno));
		dstr_release(&tmp);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp.buf, &bdb, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		sqlerr(st, bdb, dest);
		goto fail;
	}
	if ((b = sqlite3_backup_init(bdb, "main", db, "main")) == NULL) {
		sqlerr(st, bdb, "starting the backup");
		goto fail;
	}
	/* all pages in one step: one read transaction, one snapshot */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (++tries >= BACKUP_TRIES)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		store_seterr(st, "backing up: %s", rc == SQLITE_BUSY ||
		    rc == SQLITE_LOCKED ? "the archive stayed busy" :
		    sqlite3_errstr(rc));
		goto fail;
	}
	/* a copy is one file: no WAL beside it */
	if (sqlite3_exec(bdb, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		sqlerr(st, bdb, "finishing the backup");
		goto fail;
	}
	if (sqlite3_close(bdb) != SQLITE_OK) {
		bdb = NULL;
		store_seterr(st, "closing the backup");
		goto fail;
	}
	bdb = NULL;
	if ((fd = open(tmp.buf, O_RDONLY)) != -1) {
		fsync(fd);
		close(fd);
	}
	if (rename(tmp.buf, dest) != 0) {
		store_seterr(st, "%s: %s", dest, strerror(errno));
		goto fail;
	}
	dstr_release(&tmp);
	return 0;
fail:
	if (bdb)
		sqlite3_close(bdb);
	unlink(tmp.buf);
	dstr_release(&tmp);
	return -1;
}

/* Articles that the options would delete, as a WHERE clause on a. */
#define PRUNE_WHERE \
	" FROM articles a JOIN feeds f ON f.id = a.feed_id" \
	" WHERE f.kind = 0 AND a.sort_date < ?1"
#define QUOTED \
	" EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)"

int
docs_prune(struct store *st, const struct docs_prune_opts *o,
    struct docs_prune_result *r)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	if (store_begin(st) != 0)
		return -1;
	rc = sqlite3_prepare_v2(db, "SELECT"
	    " coalesce(sum(a.starred = 1), 0),"
	    " coalesce(sum(" QUOTED "), 0),"
	    " coalesce(sum((?2 OR a.starred = 0) AND (?3 OR NOT" QUOTED ")), 0)"
	    PRUNE_WHERE, -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int64(s, 1, o->older_than);
	sqlite3_bind_int(s, 2, o->delete_starred != 0);
	sqlite3_bind_int(s, 3, o->delete_quoted != 0);
	if (sqlite3_step(s) != SQLITE_ROW)
		goto sqlerr;
	r->kept_starred = o->delete_starred ? 0 : sqlite3_column_int64(s, 0);
	r->kept_quoted = o->delete_quoted ? 0 : sqlite3_column_int64(s, 1);
	r->deleted = sqlite3_column_int64(s, 2);
	sqlite3_finalize(s);
	s = NULL;
	if (o->dry_run || r->deleted == 0) {
		store_rollback(st);
		return 0;
	}
	rc = sqlite3_prepare_v2(db, "DELETE FROM articles WHERE id IN"
	    " (SELECT a.id" PRUNE_WHERE
	    " AND (?2 OR a.starred = 0) AND (?3 OR NOT" QUOTED "))", -1, &s,
	    NULL);
	if (rc != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_int64(s, 1, o->older_than);
	sqlite3_bind_int(s, 2, o->delete_starred != 0);
	sqlite3_bind_int(s, 3, o->delete_quoted != 0);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto sqlerr;
	r->deleted = sqlite3_changes64(db);
	sqlite3_finalize(s);
	return store_commit(st);
sqlerr:
	sqlerr(st, db, "pruning");
	sqlite3_finalize(s);
	store_rollback(st);
	return -1;
}

static int64_t
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int64_t)sb.st_size : 0;
}

static int64_t
wal_size(struct store *st)
{
	struct dstr d = DSTR_INIT;
	int64_t n;

	dstr_addf(&d, "%s-wal", db_file(st));
	n = file_size(d.buf);
	dstr_release(&d);
	return n;
}

int
docs_stats(struct store *st, struct docs_stats *out)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = sqlite3_prepare_v2(db, "SELECT"
	    " (SELECT count(*) FROM feeds WHERE kind = 0),"
	    " (SELECT count(*) FROM articles a JOIN feeds f"
	    "   ON f.id = a.feed_id WHERE f.kind = 0),"
	    " (SELECT count(*) FROM articles a JOIN feeds f"
	    "   ON f.id = a.feed_id WHERE f.kind = 0 AND a.read = 0),"
	    " (SELECT count(*) FROM articles WHERE starred = 1),"
	    " (SELECT count(*) FROM articles WHERE fulltext IS NOT NULL),"
	    " (SELECT count(*) FROM articles a JOIN feeds f"
	    "   ON f.id = a.feed_id WHERE f.kind = 1),"
	    " (SELECT count(*) FROM quotes),"
	    " (SELECT count(*) FROM (SELECT name FROM tags UNION"
	    "   SELECT tag FROM quote_tags)),"
	    " (SELECT count(*) FROM article_versions),"
	    " (SELECT min(sort_date) FROM articles),"
	    " (SELECT max(sort_date) FROM articles),"
	    " (SELECT freelist_count * page_size FROM pragma_freelist_count,"
	    "   pragma_page_size)", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return sqlerr(st, db, "counting");
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sqlerr(st, db, "counting");
	}
	out->feeds = sqlite3_column_int64(s, 0);
	out->articles = sqlite3_column_int64(s, 1);
	out->unread = sqlite3_column_int64(s, 2);
	out->starred = sqlite3_column_int64(s, 3);
	out->with_fulltext = sqlite3_column_int64(s, 4);
	out->documents = sqlite3_column_int64(s, 5);
	out->quotes = sqlite3_column_int64(s, 6);
	out->tags = sqlite3_column_int64(s, 7);
	out->versions = sqlite3_column_int64(s, 8);
	out->oldest = sqlite3_column_type(s, 9) == SQLITE_NULL ? DATE_NONE :
	    sqlite3_column_int64(s, 9);
	out->newest = sqlite3_column_type(s, 10) == SQLITE_NULL ? DATE_NONE :
	    sqlite3_column_int64(s, 10);
	out->free_bytes = sqlite3_column_int64(s, 11);
	sqlite3_finalize(s);
	out->db_bytes = file_size(db_file(st));
	out->wal_bytes = wal_size(st);
	return 0;
}

int
docs_vacuum(struct store *st, int64_t *before, int64_t *after)
{
	*before = file_size(db_file(st)) + wal_size(st);
	if (docs_exec(st, "VACUUM", "vacuum") != 0 ||
	    docs_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", "vacuum") != 0)
		return -1;
	*after = file_size(db_file(st)) + wal_size(st);
	return 0;
}
