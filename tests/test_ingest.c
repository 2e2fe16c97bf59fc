/* test_ingest.c: the feed-to-archive pipeline on a real archive. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "store.h"
#include "tap.h"

static const char feed1[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
    "<title>Wire</title><link>https://wire.example/</link>"
    "<item><title>One</title><link>https://wire.example/1</link>"
    "<guid>w1</guid><description>&lt;p&gt;First &lt;b&gt;body&lt;/b&gt;"
    " about pelicans.&lt;/p&gt;</description></item>"
    "<item><title>Two</title><link>/2</link><guid>w2</guid>"
    "<description>Second body.</description></item>"
    "</channel></rss>";

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

static int
ingest_buf(struct store *st, int64_t fid, const char *buf, size_t len,
    size_t chunk, struct ingest_stats *stats, char *err, size_t errlen)
{
	struct ingest *in = ingest_new(st, fid, "https://wire.example/feed",
	    NULL);
	size_t off;
	int rc = 0;

	for (off = 0; off < len && rc == 0; off += chunk)
		rc = ingest_push(in, buf + off, len - off < chunk ? len - off :
		    chunk);
	rc = ingest_finish(in);
	*stats = *ingest_stats(in);
	snprintf(err, errlen, "%s", ingest_errmsg(in));
	ingest_free(in);
	return rc;
}

int
main(void)
{
	char dir[] = "/tmp/dossier-test-ingest-XXXXXX", path[128], err[256];
	struct ingest_stats stats;
	struct store_feed f;
	struct store *st;
	int64_t fid;
	char *bad;
	size_t n;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	if (store_open(&st, path, 0) != 0) {
		diag("%s", store_errmsg(st));
		return 1;
	}
	store_feed_add(st, "https://wire.example/feed", NULL, NULL, 0, &fid);

	ok(ingest_buf(st, fid, feed1, strlen(feed1), 7, &stats, err,
	    sizeof(err)) == 0, "a feed pushed in small chunks is ingested");
	is_int(stats.new_items, 2, "two new items");
	is_int(count(st, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'pelicans'"), 1,
	    "the plain text of the HTML body is indexed");
	is_int(count(st, "SELECT count(*) FROM articles WHERE "
	    "text LIKE '%<b>%'"), 0, "no markup in the plain text");
	is_int(count(st, "SELECT count(*) FROM articles WHERE "
	    "url = 'https://wire.example/2'"), 1,
	    "relative link resolved against the feed URL");
	store_feed_get_id(st, fid, &f);
	is_str(f.title, "Wire", "feed title from the document");
	is_str(f.site_url, "https://wire.example/", "site link");
	store_feed_release(&f);

	ok(ingest_buf(st, fid, feed1, strlen(feed1), 4096, &stats, err,
	    sizeof(err)) == 0 && stats.unchanged == 2 && stats.new_items == 0,
	    "again: all unchanged");

	/* a document that is not a feed stores nothing */
	ok(ingest_buf(st, fid, "<html><body>hi</body></html>", 28, 4096,
	    &stats, err, sizeof(err)) != 0, "an HTML page is an error");
	ok(strlen(err) > 0, "with a message");

	/* a failure after some items were stored rolls all of them back */
	n = strlen(feed1);
	bad = malloc(n + 1);
	memcpy(bad, feed1, n + 1);
	memcpy(strstr(bad, "w1"), "w9", 2);
	memcpy(strstr(bad, "w2"), "w8", 2);
	sqlite3_exec(store_db(st), "CREATE TRIGGER boom BEFORE INSERT ON "
	    "articles WHEN new.guid = 'w8' BEGIN SELECT RAISE(ABORT, "
	    "'disk on fire'); END", NULL, NULL, NULL);
	ok(ingest_buf(st, fid, bad, n, 4096, &stats, err, sizeof(err)) != 0,
	    "a store failure on the second item fails the feed");
	ok(strstr(err, "disk on fire") != NULL, "the message says why");
	is_int(count(st, "SELECT count(*) FROM articles WHERE guid = 'w9'"),
	    0, "the first item was rolled back too");
	is_int(count(st, "SELECT count(*) FROM articles"), 2,
	    "what was stored before is intact");
	free(bad);

	store_close(st);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		diag("cleanup failed");
	return done_testing();
}
