/*
 * keys.c: the keys of the cross-reference index (migration 9).
 *
 * xref_keys is an FTS5 index (detail=none) over xref_terms, one row of
 * keys per article: "u" and the hash of its own normalised URL, "l" and
 * the hash of each normalised URL it links to,
 * "s" and the hash of each window of its quotations, "n" and the id of
 * each name it holds (src/xref).  FTS5 buffers what a transaction adds
 * and writes it as one sorted segment, where the B-tree indexes these keys
 * had before (articles.norm_url, links.url, xref_shingles.hash,
 * article_names by name) took a
 * page write at a random place for each of them: most of what indexing an
 * article cost.  A key is its letter and 16 hex digits; dossier_hash(text)
 * gives SQL the hash of a URL.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"

uint64_t
store_hash64(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
store_xref_key(char buf[STORE_XREF_KEY], char kind, uint64_t h)
{
	snprintf(buf, STORE_XREF_KEY, "%c%016" PRIx64, kind, h);
}

static void
sql_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	uint64_t h;
	int64_t v;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	h = store_hash64((const char *)sqlite3_value_text(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]));
	memcpy(&v, &h, sizeof(v));
	sqlite3_result_int64(ctx, v);
}

int64_t
store_name_id(const char *name)
{
	return (int64_t)(store_hash64(name, strlen(name)) & INT64_MAX);
}

/*
 * A dump from before migration 9 numbers names 1, 2, ...: they are given
 * their hash ids (the foreign keys checked at the commit), then keys; its
 * quotation windows are not kept (they are made from the quotations).
 */
int
store_xref_terms_fill(struct store *st)
{
	if (sqlite3_exec(st->db, "PRAGMA defer_foreign_keys = ON;"
	    "UPDATE OR IGNORE article_names SET name_id = (SELECT "
	    NAME_ID("n.name") " FROM names n WHERE n.id = article_names.name_id)"
	    " WHERE name_id IN (SELECT id FROM names"
	    "   WHERE id <> " NAME_ID("name") ");"
	    "UPDATE OR IGNORE names SET id = " NAME_ID("name")
	    " WHERE id <> " NAME_ID("name") ";"
	    XREF_TERMS_FILL
	    "DELETE FROM xref_shingles;", NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(st, "indexing cross-references");
	return 0;
}

int
store_keys_register(struct store *st)
{
	if (sqlite3_create_function(st->db, "dossier_hash", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_hash, NULL,
	    NULL) != SQLITE_OK)
		return store_sqlerr(st, "registering dossier_hash()");
	return 0;
}
