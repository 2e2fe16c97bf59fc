/* store_int.h: what the files of src/store share; not a public interface. */
#ifndef DOSSIER_STORE_INT_H
#define DOSSIER_STORE_INT_H

#include <sqlite3.h>

#include "dstr.h"
#include "store.h"

/* Statements prepared once per handle, on first use. */
enum stmt_id {
	S_FEED_INSERT,
	S_FEED_BY_URL,
	S_FEED_BY_ID,
	S_FEED_DELETE,
	S_FEEDS_ALL,
	S_FEEDS_TAG,
	S_FEED_META,
	S_FEED_CACHE,
	S_FEED_RESULT,
	S_FEED_URL,
	S_TAG_INSERT,
	S_FEED_TAG_INSERT,
	S_ART_BY_GUID,
	S_ART_BY_LINK,
	S_ART_BY_TITLE,
	S_ART_INSERT,
	S_ART_UPDATE,
	S_ART_VERSION,
	S_ENC_DELETE,
	S_ENC_INSERT,
	S_ART_GET,
	S_ART_BY_URL,
	S_ART_READ,
	S_ART_STAR,
	S_FEED_TRIM,
	S_SEARCH,
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_SAVEPOINT,
	S_RELEASE,
	S_ROLLBACK_TO,
	S_FTS_DEFER,
	S_FTS_INDEX,
	S_KEYS_INDEX,
	S_FTS_UNDEFER,
	S_NSTMT
};

/* Articles list statements: one per combination of filters. */
enum {
	QF_UNREAD = 1, QF_STARRED = 2, QF_FEED = 4, QF_TAG = 8, QF_NVARIANT = 16
};

struct store {
	sqlite3		*db;
	struct dstr	 err;
	sqlite3_stmt	*stmt[S_NSTMT];
	sqlite3_stmt	*list[QF_NVARIANT];
	sqlite3_stmt	*count[QF_NVARIANT];
	int		 in_txn;
	int		 batch;		/* store_batch_begin() */
	int		 depth;		/* store_begin()s inside it */
	int		 fts_depth;	/* full-text indexing deferred since
					   this depth; -1: not deferred */
};

/* Before new articles are stored in a transaction: index them when it
 * commits rather than one by one (schema.c, migration 8).  0 or -1. */
int	 store_fts_defer(struct store *);

/* A name's id (migration 9): its 64-bit hash, positive (store_name_id()). */
#define NAME_ID(x) "(dossier_hash(" x ") & 0x7fffffffffffffff)"

/*
 * xref_terms (migration 9) for the articles that have a URL, links,
 * quotation windows or names but no row of keys: all of them when the
 * migration runs, those of an imported dump from before it
 * (store_xref_terms_fill()).
 */
#define XREF_TERMS_FILL \
	"INSERT INTO xref_terms (article_id, terms)" \
	" SELECT article_id, group_concat(k, ' ') FROM (" \
	"   SELECT article_id, 'l' || printf('%016x', dossier_hash(url)) AS k" \
	"   FROM links" \
	"   UNION ALL" \
	"   SELECT article_id, 's' || printf('%016x', hash) FROM xref_shingles" \
	"   UNION ALL" \
	"   SELECT article_id, 'n' || printf('%016x', name_id)" \
	"   FROM article_names" \
	"   UNION ALL" \
	"   SELECT id, 'u' || printf('%016x', dossier_hash(norm_url))" \
	"   FROM articles WHERE norm_url IS NOT NULL)" \
	" WHERE article_id NOT IN (SELECT article_id FROM xref_terms)" \
	" GROUP BY article_id;"

/* Register dossier_hash() (keys.c), before the migrations: 0 or -1. */
int	 store_keys_register(struct store *);
/* Register dossier_bm25() (rank.c) with the handle's FTS5: 0 or -1. */
int	 store_rank_register(struct store *);

size_t	 store_nmigrations(void);
const char *store_migration(size_t);

/* Prepare sql into *slot on first use (%F, %A expand to column lists);
 * later calls reset it.  NULL on error. */
sqlite3_stmt *store_prepare(struct store *, sqlite3_stmt **slot, const char *sql);
/* The statement, prepared on first use and reset; NULL on error. */
sqlite3_stmt *store_stmt(struct store *, enum stmt_id);
/* Bind a string or NULL. */
int	 store_bind_text(sqlite3_stmt *, int, const char *);
/* Bind a date (DATE_NONE binds NULL). */
int	 store_bind_date(sqlite3_stmt *, int, int64_t);
char	*store_col_dup(sqlite3_stmt *, int);
int64_t	 store_col_date(sqlite3_stmt *, int);

#endif
