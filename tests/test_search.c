/*
 * test_search.c: store_search_each() ranks as FTS5's bm25 does.  Its rank
 * function (src/store/rank.c) passes over rows that can't be among the
 * best without computing their score; whatever the query and the limit,
 * the rows it gives must be bm25's best, in bm25's order, hidden ones
 * left out.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dstr.h"
#include "feed.h"
#include "store.h"
#include "tap.h"

#define NART	400

static char dir[] = "/tmp/dossier-test-search-XXXXXX";

static const char *const words[] = {
	"grievance", "federal", "workers", "union", "arbitration", "office",
	"personnel", "management", "budget", "layoff", "contract", "court",
	"ruling", "agency", "memo", "deadline", "probation", "transfer",
	"pension", "rally", "strike", "hearing", "senate", "review",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static uint32_t seed = 12345;

static uint32_t
rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

/* A word, the first ones far more often. */
static const char *
word(void)
{
	uint32_t a = rnd(NWORDS), b = rnd(NWORDS);

	return words[a < b ? a : b];
}

static void
build(struct store *st)
{
	struct dstr title = DSTR_INIT, body = DSTR_INIT, guid = DSTR_INIT;
	struct feed_item it;
	enum store_upsert r;
	int64_t fid, id;
	int i, k, n;

	store_feed_add(st, "https://s.example/feed", "Search", NULL, 0, &fid);
	store_begin(st);
	for (i = 0; i < NART; i++) {
		dstr_reset(&title);
		dstr_reset(&body);
		dstr_reset(&guid);
		dstr_addf(&guid, "a%d", i);
		for (k = 0, n = 2 + (int)rnd(6); k < n; k++)
			dstr_addf(&title, "%s%s", k ? " " : "", word());
		/* from a few words to a few hundred */
		n = 3 + (int)rnd(i % 4 == 0 ? 400 : 60);
		for (k = 0; k < n; k++)
			dstr_addf(&body, "%s%s", k ? " " : "", word());
		feed_item_init(&it);
		it.id = guid.buf;
		it.title = title.buf;
		it.author = (char *)(i % 7 == 0 ? "Union Desk" : "Staff");
		it.published = 1740000000 + i;
		store_item_upsert(st, fid, &it, body.buf, NULL, 1740000000,
		    &id, &r);
	}
	store_commit(st);
	dstr_release(&title);
	dstr_release(&body);
	dstr_release(&guid);
}

struct hits {
	int64_t	 id[NART];
	int	 n;
};

static int
hit_cb(void *ctx, const struct store_article *a)
{
	struct hits *h = ctx;

	if (h->n < NART)
		h->id[h->n++] = a->id;
	return 0;
}

/* bm25 of every visible match, best first. */
static int
reference(struct store *st, const char *q, int64_t *ids, double *scores)
{
	sqlite3_stmt *s;
	int n = 0;

	sqlite3_prepare_v2(store_db(st), "SELECT rowid,"
	    " bm25(articles_fts, 10.0, 2.0, 1.0) AS score FROM articles_fts"
	    " WHERE articles_fts MATCH ?1 AND rowid NOT IN"
	    " (SELECT id FROM articles WHERE hidden <> 0) ORDER BY score",
	    -1, &s, NULL);
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW && n < NART) {
		ids[n] = sqlite3_column_int64(s, 0);
		scores[n++] = sqlite3_column_double(s, 1);
	}
	sqlite3_finalize(s);
	return n;
}

static double
score_of(int64_t id, const int64_t *ids, const double *scores, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return scores[i];
	return NAN;
}

/* The search gives the limit's best rows by bm25, in its order. */
static void
check(struct store *st, const char *q, int64_t limit)
{
	static int64_t ids[NART];
	static double scores[NART];
	struct hits h;
	char name[200];
	int n, i, want, good = 1;
	double got;

	n = reference(st, q, ids, scores);
	h.n = 0;
	if (store_search_each(st, q, limit, hit_cb, &h) != 0) {
		snprintf(name, sizeof(name), "%s, limit %lld: %s", q,
		    (long long)limit, store_errmsg(st));
		ok(0, name);
		return;
	}
	want = limit > 0 && limit < n ? (int)limit : n;
	if (h.n != want) {
		diag("%s: %d rows, want %d", q, h.n, want);
		good = 0;
	}
	for (i = 0; good && i < h.n; i++) {
		/* the same score as bm25's i-th best (ties in any order) */
		got = score_of(h.id[i], ids, scores, n);
		if (!(got == scores[i])) {
			diag("%s: row %d is %lld (%.17g), bm25's is %lld "
			    "(%.17g)", q, i, (long long)h.id[i], got,
			    (long long)ids[i], scores[i]);
			good = 0;
		}
	}
	snprintf(name, sizeof(name), "%s, limit %lld: bm25's %d best",
	    q, (long long)limit, want);
	ok(good && n > 0, name);
}

int
main(void)
{
	static const char *const queries[] = {
		"grievance",			/* in most articles */
		"federal OR arbitration",
		"\"federal workers\"",
		"NEAR(union contract, 4)",
		"grievance NOT federal",
		"title : budget",
		"lay*",
		"author : union AND memo",
		NULL,
	};
	static const int64_t limits[] = { 1, 3, 10, 50, 0 };
	struct store *st;
	char path[256];
	size_t i, k;
	int64_t best;
	struct hits h;
	sqlite3_stmt *s;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	ok(store_open(&st, path, 0) == 0, "open an archive");
	build(st);
	for (i = 0; queries[i]; i++)
		for (k = 0; k < sizeof(limits) / sizeof(limits[0]); k++)
			check(st, queries[i], limits[k]);

	/* hidden rows, the best ones, are left out and take no place */
	sqlite3_prepare_v2(store_db(st), "UPDATE articles SET hidden = 1"
	    " WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts"
	    " MATCH 'grievance' ORDER BY bm25(articles_fts, 10.0, 2.0, 1.0)"
	    " LIMIT 5)", -1, &s, NULL);
	ok(sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(store_db(st)) == 5,
	    "hide the five best");
	sqlite3_finalize(s);
	best = -1;
	sqlite3_prepare_v2(store_db(st), "SELECT rowid FROM articles_fts"
	    " WHERE articles_fts MATCH 'grievance'"
	    " ORDER BY bm25(articles_fts, 10.0, 2.0, 1.0) LIMIT 1", -1, &s,
	    NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		best = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	h.n = 0;
	store_search_each(st, "grievance", 3, hit_cb, &h);
	ok(h.n == 3 && h.id[0] != best && h.id[1] != best && h.id[2] != best,
	    "hidden ones are not given");
	for (k = 0; k < sizeof(limits) / sizeof(limits[0]); k++)
		check(st, "grievance", limits[k]);
	check(st, "federal OR arbitration", 5);

	store_close(st);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
