/* test_store.c: the archive: migrations, dedupe, updates, rollback, FTS. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "store.h"
#include "store_int.h"	/* the migrations, to build older archives */
#include "tap.h"

static char dir[] = "/tmp/dossier-test-store-XXXXXX";

static char *
path(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static struct feed_item
item(const char *guid, const char *link, const char *title, int64_t pub)
{
	struct feed_item it;

	feed_item_init(&it);
	it.id = (char *)guid;
	it.link = (char *)link;
	it.title = (char *)title;
	it.published = pub;
	return it;
}

static int
count_cb(void *ctx, const struct store_article *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

static int
count(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
test_open_and_migrate(void)
{
	struct store *st;
	sqlite3 *db;

	ok(store_open(&st, path("new/sub/a.db"), 0) == 0,
	    "opens a new archive, creating its directory");
	ok(store_user_version(st) >= 1, "migrated to the current version");
	is_int(count(st, "SELECT count(*) FROM feeds WHERE kind = 1"), 1,
	    "the Documents source exists");
	is_int(count(st, "PRAGMA foreign_keys"), 1, "foreign keys are on");
	store_close(st);
	ok(store_open(&st, path("new/sub/a.db"), 0) == 0, "reopens");
	store_close(st);

	/* an empty file is an archive at version 0 */
	fclose(fopen(path("empty.db"), "w"));
	ok(store_open(&st, path("empty.db"), 0) == 0,
	    "an empty file is migrated from version 0");
	store_close(st);

	/* an archive from the future is refused, untouched */
	sqlite3_open(path("future.db"), &db);
	sqlite3_exec(db, "CREATE TABLE x(y); PRAGMA user_version = 999;",
	    NULL, NULL, NULL);
	sqlite3_close(db);
	ok(store_open(&st, path("future.db"), 0) != 0, "newer archive refused");
	ok(strstr(store_errmsg(st), "newer dossier") != NULL,
	    "with a message saying why");
	store_close(st);
	sqlite3_open(path("future.db"), &db);
	{
		sqlite3_stmt *s;
		int v = 0;

		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
		is_int(v, 999, "and not modified");
	}
	sqlite3_close(db);

	/* not an archive at all */
	{
		FILE *fp = fopen(path("junk.db"), "w");

		fputs("this is not a database, just some text that is long "
		    "enough to look like a header of a file.............", fp);
		fclose(fp);
	}
	ok(store_open(&st, path("junk.db"), 0) != 0, "a text file is refused");
	ok(strstr(store_errmsg(st), "junk.db") != NULL,
	    "the message names the file");
	store_close(st);
}

/*
 * Every older version: an archive made by running the first v migrations
 * (as that dossier would have left it), holding an article that was read
 * and starred, is upgraded at open without losing it.
 */
/* An archive NAME made by the migrations below VERSION, then SQL: 1 if
 * all went well. */
static int
archive_at(const char *name, size_t version, const char *sql)
{
	char buf[64];
	sqlite3 *db;
	size_t i;
	int good = 1;

	sqlite3_open(path(name), &db);
	for (i = 0; i < version; i++)
		good &= sqlite3_exec(db, store_migration(i), NULL, NULL,
		    NULL) == SQLITE_OK;
	snprintf(buf, sizeof(buf), "PRAGMA user_version = %zu", version);
	good &= sqlite3_exec(db, buf, NULL, NULL, NULL) == SQLITE_OK;
	good &= sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	return good;
}

static void
test_upgrade_each_version(void)
{
	struct store_article a;
	struct store *st;
	char name[64], buf[96];
	size_t v, n = store_nmigrations();
	int good;

	for (v = 1; v < n; v++) {
		snprintf(name, sizeof(name), "v%zu.db", v);
		good = archive_at(name, v,
		    "INSERT INTO feeds (id, url, title, added) VALUES"
		    " (7, 'https://old.example/feed', 'Old', 1);"
		    "INSERT INTO articles (id, feed_id, guid, url, title,"
		    " sort_date, text, first_seen, read, starred) VALUES"
		    " (42, 7, 'g', 'https://old.example/1', 'Kept',"
		    " 1000, 'the text of an old version', 1, 1, 1);");
		snprintf(buf, sizeof(buf), "an archive at version %zu is made",
		    v);
		ok(good, buf);
		good = store_open(&st, path(name), 0) == 0;
		snprintf(buf, sizeof(buf), "version %zu is upgraded", v);
		if (!ok(good, buf))
			diag("%s", store_errmsg(st));
		is_int(store_user_version(st), n, "to the current version");
		good = store_article_get(st, 42, &a) == 0 && a.read &&
		    a.starred && a.title && strcmp(a.title, "Kept") == 0;
		ok(good, "its article is there, read and starred");
		if (good)
			store_article_release(&a);
		is_int(count(st, "SELECT count(*) FROM articles_fts WHERE "
		    "articles_fts MATCH 'version'"), 1,
		    "and still found by search");
		store_close(st);
	}
}

static void
test_feeds(struct store *st)
{
	const char *tags[] = { "doge", "unions" };
	struct store_feed f;
	int64_t id, id2;

	is_int(store_feed_add(st, "https://a.example/feed", NULL, tags, 2, &id),
	    0, "feed added");
	is_int(store_feed_add(st, "https://a.example/feed", NULL, tags, 1,
	    &id2), 1, "adding again says it exists");
	is_int(id, id2, "same id");
	is_int(store_feed_get(st, "https://a.example/feed", &f), 0, "found");
	is_str(f.tags, "doge,unions", "tags kept, sorted");
	store_feed_release(&f);
	is_int(store_feed_get(st, "https://nope.example/", &f), 1,
	    "unknown feed: not found");
	is_int(store_feed_remove(st, "https://nope.example/"), 1,
	    "removing an unknown feed says so");
}

static void
test_items(struct store *st)
{
	struct store_article a;
	struct store_query q = { 0 };
	struct feed_item it;
	enum store_upsert r;
	int64_t fid, id1, id2, second;
	int n;

	store_feed_add(st, "https://b.example/feed", NULL, NULL, 0, &fid);
	store_begin(st);
	it = item("g1", "https://b.example/1", "First", 1740000000);
	ok(store_item_upsert(st, fid, &it, "the body mentions zanzibar", NULL,
	    1740000100, &id1, &r) == 0 && r == STORE_ITEM_NEW, "new item");
	ok(store_item_upsert(st, fid, &it, "the body mentions zanzibar", NULL,
	    1740000200, &id2, &r) == 0 && r == STORE_ITEM_UNCHANGED,
	    "same item again: unchanged");
	is_int(id1, id2, "same id");
	it = item(NULL, "https://b.example/2", "Second", 1740000500);
	store_item_upsert(st, fid, &it, "second", NULL, 1, &id2, &r);
	it = item(NULL, "https://b.example/2", "Second, edited", 1740000500);
	ok(store_item_upsert(st, fid, &it, "second", NULL, 2, &id1, &r) == 0 &&
	    r == STORE_ITEM_UPDATED && id1 == id2, "dedupe by link: updated");
	second = id2;
	it = item(NULL, NULL, "No link", 1740000600);
	store_item_upsert(st, fid, &it, "x", NULL, 1, &id1, &r);
	store_item_upsert(st, fid, &it, "x", NULL, 1, &id2, &r);
	ok(r == STORE_ITEM_UNCHANGED && id1 == id2,
	    "dedupe by title and date");
	ok(store_commit(st) == 0, "commit");
	ok(store_article_by_url(st, "https://b.example/2", &id1) == 0 &&
	    id1 == second, "find an article by its link");
	is_int(store_article_by_url(st, "https://b.example/none", &id1), 1,
	    "an unknown link is not found");

	/* update keeps read/starred and the id, and keeps a version */
	it = item("g1", "https://b.example/1", "First", 1740000000);
	store_article_set_read(st, id1 = 0, 1);
	store_item_upsert(st, fid, &it, "the body mentions zanzibar", NULL, 1,
	    &id1, &r);
	store_article_set_read(st, id1, 1);
	store_article_set_starred(st, id1, 1);
	store_item_upsert(st, fid, &it, "the body now mentions quito", NULL,
	    1740009999, &id2, &r);
	ok(r == STORE_ITEM_UPDATED && id1 == id2, "changed content: updated");
	store_article_get(st, id1, &a);
	ok(a.read == 1 && a.starred == 1, "read and starred kept");
	is_str(a.text, "the body now mentions quito", "new text stored");
	store_article_release(&a);
	is_int(count(st, "SELECT count(*) FROM article_versions"), 2,
	    "previous versions kept");

	/* FTS follows the updates */
	n = 0;
	store_search_each(st, "quito", 10, count_cb, &n);
	is_int(n, 1, "search finds a word in the body");
	n = 0;
	store_search_each(st, "zanzibar", 10, count_cb, &n);
	is_int(n, 0, "the old word is gone from the index");
	ok(store_search_each(st, "\"unbalanced", 10, count_cb, &n) != 0,
	    "a bad FTS query is an error");
	ok(strstr(store_errmsg(st), "bad search query") != NULL,
	    "which says so");

	n = 0;
	q.unread = 1;
	store_articles_each(st, &q, count_cb, &n);
	is_int(n, 2, "unread filter");
	n = 0;
	q.unread = 0;
	q.limit = 1;
	store_articles_each(st, &q, count_cb, &n);
	is_int(n, 1, "limit");
}

static void
test_rollback(struct store *st)
{
	struct feed_item it;
	enum store_upsert r;
	int64_t fid, id;
	int before;

	store_feed_add(st, "https://c.example/feed", NULL, NULL, 0, &fid);
	before = count(st, "SELECT count(*) FROM articles");
	store_begin(st);
	it = item("c1", "https://c.example/1", "One", 1);
	store_item_upsert(st, fid, &it, "one", NULL, 1, &id, &r);
	/* a failing insert: the feed does not exist (foreign key) */
	it = item("c2", "https://c.example/2", "Two", 2);
	ok(store_item_upsert(st, 999999, &it, "two", NULL, 1, &id, &r) != 0,
	    "insert into a missing feed fails");
	store_rollback(st);
	is_int(count(st, "SELECT count(*) FROM articles"), before,
	    "rollback leaves the archive as it was");
	is_int(count(st, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'one'"), 0, "and the index too");
	is_int(store_feed_remove(st, "https://b.example/feed"), 0,
	    "remove a feed");
	is_int(count(st, "SELECT count(*) FROM articles a JOIN feeds f ON "
	    "f.id = a.feed_id WHERE f.url = 'https://b.example/feed'"), 0,
	    "its articles are gone");
	is_int(count(st, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'quito'"), 0, "and out of the index");
	{
		sqlite3_stmt *s;
		int good = 0;

		sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1,
		    &s, NULL);
		if (sqlite3_step(s) == SQLITE_ROW)
			good = strcmp((const char *)sqlite3_column_text(s, 0),
			    "ok") == 0;
		sqlite3_finalize(s);
		ok(good, "integrity_check says ok");
	}
}


/*
 * Version 5 to 6 counts the stories naming each name (names.stories), and
 * a deleted article_names row (an article's deletion cascades there)
 * counts itself down.
 */
static void
test_upgrade_name_counts(void)
{
	struct store *st;
	int good;

	good = archive_at("v5names.db", 5,
	    "INSERT INTO feeds (id, url, title, added) VALUES"
	    " (7, 'https://old.example/feed', 'Old', 1);"
	    "INSERT INTO articles (id, feed_id, guid, sort_date, first_seen)"
	    " VALUES (1, 7, 'a', 1, 1), (2, 7, 'b', 2, 1), (3, 7, 'c', 3, 1);"
	    "INSERT INTO names (id, name) VALUES (1, 'Everett Kelley'),"
	    " (2, 'OPM'), (3, 'Nobody Now');"
	    "INSERT INTO article_names (name_id, article_id, count) VALUES"
	    " (1, 1, 2), (1, 2, 1), (1, 3, 1), (2, 3, 4);");
	ok(good, "an archive at version 5 with names is made");
	ok(store_open(&st, path("v5names.db"), 0) == 0,
	    "it is upgraded");
	is_int(count(st, "SELECT stories FROM names WHERE name = "
	    "'Everett Kelley'"), 3, "a name in three stories counts 3");
	is_int(count(st, "SELECT stories FROM names WHERE name = 'OPM'"), 1,
	    "one in one story, 1");
	is_int(count(st, "SELECT stories FROM names WHERE name = "
	    "'Nobody Now'"), 0, "a name no story has, 0");
	sqlite3_exec(store_db(st), "DELETE FROM articles WHERE id = 3", NULL,
	    NULL, NULL);
	is_int(count(st, "SELECT stories FROM names WHERE name = "
	    "'Everett Kelley'"), 2, "deleting a story counts its names down");
	is_int(count(st, "SELECT stories FROM names WHERE name = 'OPM'"), 0,
	    "to 0");
	store_close(st);
}

/*
 * Version 8 to 9 puts the keys of links, quotation windows and names in
 * xref_keys (store/keys.c) and keeps article_names in article order; the
 * names are still counted down when a story goes.
 */
static void
test_upgrade_xref_keys(void)
{
	struct store *st;
	int good;

	good = archive_at("v8keys.db", 8,
	    "INSERT INTO feeds (id, url, title, added) VALUES"
	    " (7, 'https://old.example/feed', 'Old', 1);"
	    "INSERT INTO articles (id, feed_id, guid, sort_date, first_seen)"
	    " VALUES (1, 7, 'a', 1, 1), (2, 7, 'b', 2, 1), (3, 7, 'c', 3, 1);"
	    "UPDATE articles SET norm_url = 'https://b.example/x' WHERE id = 2;"
	    "INSERT INTO links (article_id, url, raw_url) VALUES"
	    " (1, 'https://b.example/x', 'https://b.example/x?utm_source=1'),"
	    " (2, 'https://b.example/x', 'https://b.example/x');"
	    "INSERT INTO xref_quotes (article_id, quote_no, text) VALUES"
	    " (1, 1, 'q'), (3, 1, 'q');"
	    "INSERT INTO xref_shingles (article_id, quote_no, pos, hash) VALUES"
	    " (1, 1, 0, -5), (3, 1, 4, -5), (3, 1, 5, 77);"
	    "INSERT INTO names (id, name, stories) VALUES (1, 'OPM', 2);"
	    "INSERT INTO article_names (name_id, article_id, count) VALUES"
	    " (1, 2, 1), (1, 3, 2);");
	ok(good, "an archive at version 8 with links, windows, names");
	ok(store_open(&st, path("v8keys.db"), 0) == 0, "it is upgraded");
	is_int(count(st, "SELECT count(*) FROM xref_keys WHERE xref_keys"
	    " MATCH 'l' || printf('%016x', dossier_hash('https://b.example/x'))"),
	    2, "both stories linking to a URL are found by its key");
	is_int(count(st, "SELECT rowid FROM xref_keys WHERE xref_keys"
	    " MATCH 'u' || printf('%016x', dossier_hash('https://b.example/x'))"),
	    2, "the story at that URL by its own key");
	is_int(count(st, "SELECT count(*) FROM pragma_index_list('articles')"
	    " WHERE name = 'articles_norm_url'"), 0,
	    "which replaces the index of URLs");
	is_int(count(st, "SELECT sum(rowid) FROM xref_keys"
	    " WHERE xref_keys MATCH 'sfffffffffffffffb'"), 4,
	    "a window's hash finds the stories carrying it");
	is_int(count(st, "SELECT sum(rowid) FROM xref_keys WHERE xref_keys"
	    " MATCH 'n' || printf('%016x', (SELECT id FROM names))"), 5,
	    "a name's id the stories naming it");
	is_int(count(st, "SELECT count(*) FROM names WHERE name = 'OPM' AND"
	    " id = (dossier_hash('OPM') & 0x7fffffffffffffff)"), 1,
	    "a name's id is its hash");
	is_int(count(st, "SELECT count(*) FROM pragma_index_list("
	    "'article_names')"), 1, "article_names has its key, no index");
	sqlite3_exec(store_db(st), "DELETE FROM articles WHERE id = 3", NULL,
	    NULL, NULL);
	is_int(count(st, "SELECT stories FROM names"), 1,
	    "a story deleted counts its names down");
	is_int(count(st, "SELECT count(*) FROM xref_keys WHERE xref_keys"
	    " MATCH 'n' || printf('%016x', (SELECT id FROM names))"), 1,
	    "and its keys are gone");
	store_close(st);
}

/*
 * Batches: store_begin/store_commit pairs inside one transaction, each
 * undone alone by store_rollback; nothing is visible to another
 * connection before the batch commits.
 */
static void
test_batch(struct store *st)
{
	struct feed_item it;
	enum store_upsert r;
	struct store *other;
	int64_t fid, id;
	int before;

	store_feed_add(st, "https://batch.example/feed", NULL, NULL, 0, &fid);
	before = count(st, "SELECT count(*) FROM articles");
	ok(store_batch_begin(st) == 0 && store_batch_active(st),
	    "a batch starts");
	ok(store_batch_begin(st) != 0, "not twice");
	/* part 1: kept */
	ok(store_begin(st) == 0, "a part starts inside it");
	it = item("b1", "https://batch.example/1", "Batch one", 1);
	store_item_upsert(st, fid, &it, "first part", NULL, 1, &id, &r);
	ok(store_commit(st) == 0, "and ends");
	/* part 2: undone alone */
	store_begin(st);
	it = item("b2", "https://batch.example/2", "Batch two", 2);
	store_item_upsert(st, fid, &it, "second part", NULL, 1, &id, &r);
	ok(store_rollback(st) == 0, "another part is rolled back");
	ok(store_batch_active(st) && !store_batch_lost(st),
	    "the batch goes on");
	/* part 3: kept */
	store_begin(st);
	it = item("b3", "https://batch.example/3", "Batch three", 3);
	store_item_upsert(st, fid, &it, "third part", NULL, 1, &id, &r);
	store_commit(st);
	ok(store_open(&other, path("t.db"), 0) == 0, "another connection");
	is_int(count(other, "SELECT count(*) FROM articles"), before,
	    "sees nothing of the batch yet");
	ok(store_batch_commit(st) == 0 && !store_batch_active(st),
	    "the batch commits");
	is_int(count(other, "SELECT count(*) FROM articles"), before + 2,
	    "then it sees the parts that were not rolled back");
	is_int(count(other, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'second'"), 0, "nor their index entries");
	is_int(count(other, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'third'"), 1, "the others are indexed");
	store_close(other);
	/* a batch rolled back whole */
	store_batch_begin(st);
	store_begin(st);
	it = item("b4", "https://batch.example/4", "Batch four", 4);
	store_item_upsert(st, fid, &it, "fourth", NULL, 1, &id, &r);
	store_commit(st);
	ok(store_batch_rollback(st) == 0 && !store_batch_active(st),
	    "a batch rolled back");
	is_int(count(st, "SELECT count(*) FROM articles"), before + 2,
	    "leaves nothing of its parts");
	ok(store_batch_commit(st) == 0, "committing no batch does nothing");
	ok(store_begin(st) == 0 && store_commit(st) == 0,
	    "and transactions work as before");
}

static int
fts_consistent(struct store *st)
{
	return sqlite3_exec(store_db(st), "INSERT INTO articles_fts"
	    "(articles_fts, rank) VALUES ('integrity-check', 1)", NULL, NULL,
	    NULL) == SQLITE_OK;
}

static int
matches(struct store *st, const char *word)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM articles_fts"
	    " WHERE articles_fts MATCH '%s'", word);
	return count(st, sql);
}

/*
 * New articles are indexed for full-text search when their transaction
 * commits (migration 8): edits, deletions and rolled-back parts in between
 * leave an index that agrees with the articles.
 */
static void
test_fts_deferred(struct store *st)
{
	struct feed_item it;
	enum store_upsert r;
	int64_t fid, id, old;

	store_feed_add(st, "https://fts.example/feed", NULL, NULL, 0, &fid);
	it = item("f0", "https://fts.example/0", "Older", 1);
	store_item_upsert(st, fid, &it, "archived ocelot", NULL, 1, &old, &r);
	ok(matches(st, "ocelot") == 1, "outside a transaction: indexed at once");

	store_batch_begin(st);
	store_begin(st);
	it = item("f1", "https://fts.example/1", "One", 1);
	store_item_upsert(st, fid, &it, "first alpaca", NULL, 1, &id, &r);
	is_int(matches(st, "alpaca"), 0, "in a batch: not indexed yet");
	store_rollback(st);
	store_begin(st);
	it = item("f2", "https://fts.example/2", "Two", 1);
	store_item_upsert(st, fid, &it, "second bison", NULL, 1, &id, &r);
	is_int(matches(st, "bison"), 0,
	    "after a part that began deferring was undone, still deferred");
	it = item("f2", "https://fts.example/2", "Two", 1);
	store_item_upsert(st, fid, &it, "second caracal", NULL, 2, &id, &r);
	ok(r == STORE_ITEM_UPDATED, "a new article edited in the same batch");
	store_commit(st);
	store_begin(st);
	it = item("f3", "https://fts.example/3", "Three", 1);
	store_item_upsert(st, fid, &it, "third dingo", NULL, 1, &id, &r);
	sqlite3_exec(store_db(st), "DELETE FROM articles WHERE guid = 'f3'",
	    NULL, NULL, NULL);
	it = item("f0", "https://fts.example/0", "Older", 1);
	store_item_upsert(st, fid, &it, "archived emu", NULL, 2, &id, &r);
	is_int(matches(st, "emu"), 1, "an older article's edit is indexed at once");
	store_commit(st);
	ok(store_batch_commit(st) == 0, "the batch commits");
	ok(fts_consistent(st), "the index agrees with the articles");
	ok(matches(st, "caracal") == 1 && matches(st, "bison") == 0 &&
	    matches(st, "alpaca") == 0 && matches(st, "dingo") == 0 &&
	    matches(st, "ocelot") == 0 && matches(st, "emu") == 1,
	    "it holds the last text of what was kept, and nothing else");
	is_int(count(st, "SELECT count(*) FROM fts_state"
	    " WHERE pending_from IS NULL"), 1, "nothing is left deferred");

	/* a plain transaction, rolled back, then committed */
	store_begin(st);
	it = item("f4", "https://fts.example/4", "Four", 1);
	store_item_upsert(st, fid, &it, "fourth fennec", NULL, 1, &id, &r);
	store_rollback(st);
	store_begin(st);
	it = item("f5", "https://fts.example/5", "Five", 1);
	store_item_upsert(st, fid, &it, "fifth gazelle", NULL, 1, &id, &r);
	is_int(matches(st, "gazelle"), 0, "a transaction defers too");
	ok(store_commit(st) == 0 && matches(st, "gazelle") == 1 &&
	    matches(st, "fennec") == 0 && fts_consistent(st),
	    "and indexes at its commit");
}

int
main(void)
{
	struct store *st;
	char cmd[300];

	if (mkdtemp(dir) == NULL)
		return 1;
	test_open_and_migrate();
	test_upgrade_each_version();
	test_upgrade_name_counts();
	test_upgrade_xref_keys();
	ok(store_open(&st, path("t.db"), 0) == 0, "open test archive");
	test_feeds(st);
	test_items(st);
	test_rollback(st);
	test_batch(st);
	test_fts_deferred(st);
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done_testing();
}
