/*
 * bench_xref.c: what cross-references cost, on a synthetic archive.
 *
 *	make bench-xref && src/xref/bench-xref DIR [N]
 *
 * Generates N articles (default 100000; deterministic) with the shape of
 * news: Zipf-distributed words, names from a pool, quotations of which some
 * are repeated (trimmed) by other articles, links to other articles (with
 * tracking parameters and trailing-slash variants) and to outside pages.
 * They are stored twice, in DIR/plain.db (render + store, the ingest cost
 * without cross-references) and in DIR/xref.db (render + normalise + store
 * + xref_index_article), in transactions of 100 articles like a feed's
 * poll; then xref_refs_get() is timed on random articles of DIR/xref.db.
 * Feed parsing is left out of both, so the ratio printed is an upper bound
 * of what indexing adds to a real ingest.  Times are CPU times (user and
 * system), steadier than wall-clock time on a shared machine.
 * The page cache is the one ingest and poll give their connection
 * (store_cache_for_writing()); BENCH_CACHE_MB=64 makes it 64 MB.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "feed.h"
#include "render.h"
#include "store.h"
#include "xalloc.h"
#include "xref.h"
#include <sqlite3.h>

#define NFEEDS		50
#define NWORDS		20000
#define NQUOTES		5000
#define BATCH		100

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static long cache_mb;		/* BENCH_CACHE_MB: SQLite's page cache */
static char cache_sql[64];

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t
below(size_t n)
{
	return (size_t)(next() % n);
}

static char *words[NWORDS];
static double zipf_cdf[NWORDS];
static char *quotes[NQUOTES];
static const char *const first[] = {
	"Everett", "Scott", "Russell", "Elon", "Max", "Doreen", "Randy",
	"Ana", "Maria", "James", "Linda", "Robert", "Patricia", "Michael",
	"Barbara", "David", "Susan", "Joseph", "Karen", "Thomas", "Nancy",
	"Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Sandra", "Mark",
	"Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna",
	"Joshua", "Michelle", "Kenneth", "Carol", "Kevin",
};
static const char *const last[] = {
	"Kelley", "Kupor", "Vought", "Stier", "Greenwald", "Erwin", "Ruiz",
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
	"Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
	"Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
	"Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
	"Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
	"Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams",
	"Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
};
static const char *const orgs[] = {
	"Office of Personnel Management", "Merit Systems Protection Board",
	"General Services Administration", "Department of Veterans Affairs",
	"Internal Revenue Service", "Social Security Administration",
	"National Treasury Employees Union", "Partnership for Public Service",
	"Department of Government Efficiency", "Office of Special Counsel",
	"Federal Labor Relations Authority", "Department of Education",
	"AFGE", "OPM", "USDS", "DOGE", "GSA", "OMB", "NTEU", "IRS", "AFSCME",
};

static void
make_words(void)
{
	static const char *const syl[] = {
		"ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu",
		"na", "pe", "qui", "ro", "su", "ta", "ve", "wi", "xo", "zu",
		"bar", "cen", "dor", "fal", "gen", "hol", "jur", "kam", "lin",
		"mor", "nis", "por", "ral", "sen", "tor", "vel",
	};
	struct dstr d = DSTR_INIT;
	double sum = 0;
	size_t i, k, n;

	for (i = 0; i < NWORDS; i++) {
		dstr_reset(&d);
		n = 1 + (i > 200) + (i > 3000) + below(2);
		for (k = 0; k < n; k++)
			dstr_adds(&d, syl[below(sizeof(syl) / sizeof(syl[0]))]);
		words[i] = xstrdup(d.buf);
		sum += 1.0 / (double)(i + 1);
		zipf_cdf[i] = sum;
	}
	for (i = 0; i < NWORDS; i++)
		zipf_cdf[i] /= sum;
	dstr_release(&d);
}

static const char *
word(void)
{
	double u = (double)(next() >> 11) / 9007199254740992.0;
	size_t lo = 0, hi = NWORDS - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return words[lo];
}

static void
make_quotes(void)
{
	struct dstr d = DSTR_INIT;
	size_t i, k, n;

	for (i = 0; i < NQUOTES; i++) {
		dstr_reset(&d);
		n = 12 + below(18);
		for (k = 0; k < n; k++)
			dstr_addf(&d, "%s%s", k ? " " : "", word());
		quotes[i] = xstrdup(d.buf);
	}
	dstr_release(&d);
}

static void
add_name(struct dstr *d)
{
	if (below(3) == 0)
		dstr_adds(d, orgs[below(sizeof(orgs) / sizeof(orgs[0]))]);
	else
		dstr_addf(d, "%s %s",
		    first[below(sizeof(first) / sizeof(first[0]))],
		    last[below(sizeof(last) / sizeof(last[0]))]);
}

static void
article_url(struct dstr *d, size_t i, int variant)
{
	dstr_addf(d, "https://outlet%zu.example/news/%zu-story", i % NFEEDS,
	    i);
	if (variant == 1)
		dstr_adds(d, "/");
	else if (variant == 2)
		dstr_adds(d, "?utm_source=rss&amp;utm_medium=feed");
}

/* The HTML of article i of n. */
static void
make_article(struct dstr *h, size_t i, size_t n)
{
	const char *q;
	size_t p, k, nw, skip, len;

	dstr_reset(h);
	for (p = 0; p < 6; p++) {
		dstr_adds(h, "<p>");
		nw = 40 + below(40);
		for (k = 0; k < nw; k++) {
			if (k == 5 && p < 3) {
				add_name(h);
				dstr_adds(h, " said that ");
			}
			dstr_addf(h, "%s%s", word(), below(12) ? " " : ". ");
		}
		if (p == 2 || (p == 4 && below(2))) {
			if (below(3) == 0) {	/* a quotation others carry */
				q = quotes[below(NQUOTES)];
				len = strlen(q);
				skip = below(3) ? 0 : strcspn(q, " ") + 1;
				dstr_adds(h, "\xe2\x80\x9c");
				dstr_add(h, q + skip, len - skip - (below(2) ?
				    0 : strlen(strrchr(q, ' '))));
				dstr_adds(h, ",\xe2\x80\x9d ");
			} else {
				dstr_adds(h, "\xe2\x80\x9c");
				for (k = 0; k < 10 + below(15); k++)
					dstr_addf(h, "%s%s", k ? " " : "",
					    word());
				dstr_adds(h, "\xe2\x80\x9d ");
			}
			add_name(h);
			dstr_adds(h, " said. ");
		}
		if (p < 4) {
			dstr_adds(h, "See <a href=\"");
			article_url(h, below(n), (int)below(3));
			dstr_adds(h, "\">the earlier story</a> and <a href=\"");
			dstr_addf(h, "https://site%zu.example/page/%zu?id=%zu"
			    "&amp;fbclid=x", below(500), below(100000),
			    below(10));
			dstr_adds(h, "\">this page</a>.");
		}
		dstr_adds(h, "</p>\n");
	}
	(void)i;
}

/* CPU time: the machine may be busy with other work. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Store n articles; with_xref: normalise and index too.  Seconds. */
static double
fill(const char *path, size_t n, int with_xref)
{
	struct store *st;
	struct xref *x = NULL;
	struct dstr html = DSTR_INIT, url = DSTR_INIT, title = DSTR_INIT;
	struct feed_item it;
	struct render_doc doc;
	enum store_upsert res;
	int64_t feeds[NFEEDS], id;
	char *norm, guid[32];
	double t0, t, t_render = 0, t_store = 0, t_xref = 0, t_gen = 0, tt;
	size_t i;

	unlink(path);
	if (store_open(&st, path, 0) != 0) {
		fprintf(stderr, "%s\n", store_errmsg(st));
		exit(1);
	}
	for (i = 0; i < NFEEDS; i++) {
		dstr_reset(&url);
		dstr_addf(&url, "https://outlet%zu.example/feed", i);
		store_feed_add(st, url.buf, NULL, NULL, 0, &feeds[i]);
	}
	if (cache_mb > 0)
		sqlite3_exec(store_db(st), cache_sql, NULL, NULL, NULL);
	else
		store_cache_for_writing(st);
	if (with_xref)
		x = xref_new(st);
	rng = 0x9e3779b97f4a7c15ULL;
	t0 = now();
	for (i = 0; i < n; i++) {
		tt = now();
		make_article(&html, i, n);
		t_gen += now() - tt;
		if (i % BATCH == 0 && store_begin(st) != 0)
			goto fail;
		dstr_reset(&url);
		article_url(&url, i, 0);
		dstr_reset(&title);
		dstr_addf(&title, "%s %s %s", word(), word(), word());
		snprintf(guid, sizeof(guid), "g%zu", i);
		feed_item_init(&it);
		it.id = guid;
		it.link = url.buf;
		it.title = title.buf;
		it.published = 1700000000 + (int64_t)i * 60;
		it.content = html.buf;
		tt = now();
		render_html(&doc, html.buf, html.len, url.buf);
		t_render += now() - tt;
		tt = now();
		norm = with_xref ? xref_normalize_url(url.buf) : NULL;
		if (store_item_upsert(st, feeds[i % NFEEDS], &it, doc.plain,
		    norm, it.published, &id, &res) != 0)
			goto fail;
		free(norm);
		t_store += now() - tt;
		tt = now();
		if (with_xref && xref_index_article(x, id, &doc) != 0)
			goto fail;
		t_xref += now() - tt;
		render_doc_release(&doc);
		if ((i + 1) % BATCH == 0 || i + 1 == n)
			if (store_commit(st) != 0)
				goto fail;
	}
	t = now() - t0 - t_gen;		/* generating is not ingesting */
	printf("  per article: render %.0f us, store %.0f us, index %.0f us,"
	    " commits %.0f us\n", t_render / (double)n * 1e6,
	    t_store / (double)n * 1e6, t_xref / (double)n * 1e6,
	    (t - t_render - t_store - t_xref) / (double)n * 1e6);
	xref_free(x);
	store_close(st);
	dstr_release(&html);
	dstr_release(&url);
	dstr_release(&title);
	return t;
fail:
	fprintf(stderr, "bench-xref: %s\n", store_errmsg(st));
	exit(1);
}

static int
dblcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
time_queries(const char *path, size_t n, unsigned mask, const char *what)
{
	struct store *st;
	struct xref *x;
	struct xref_refs r;
	double t[300], t0, sum = 0;
	size_t i, k, entries = 0;

	if (store_open(&st, path, STORE_READONLY) != 0) {
		fprintf(stderr, "%s\n", store_errmsg(st));
		exit(1);
	}
	x = xref_new(st);
	rng = 12345;
	for (i = 0; i < 300; i++) {
		t0 = now();
		if (xref_refs_get(x, 1 + (int64_t)below(n), mask, &r) != 0) {
			fprintf(stderr, "%s\n", store_errmsg(st));
			exit(1);
		}
		t[i] = (now() - t0) * 1000;
		sum += t[i];
		for (k = 0; k < XREF_NSECTIONS; k++)
			entries += r.sec[k].n;
		xref_refs_release(&r);
	}
	qsort(t, 300, sizeof(t[0]), dblcmp);
	printf("%-22s mean %6.2f ms  p50 %6.2f  p95 %6.2f  max %6.2f"
	    "  (%.1f entries)\n", what, sum / 300, t[150], t[284], t[299],
	    (double)entries / 300);
	xref_free(x);
	store_close(st);
}

int
main(int argc, char **argv)
{
	char plain[512], xdb[512];
	size_t n = 100000;
	double t0, t1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-xref DIR [N]\n");
		return 2;
	}
	if (argc == 3)
		n = (size_t)strtoul(argv[2], NULL, 10);
	snprintf(plain, sizeof(plain), "%s/plain.db", argv[1]);
	snprintf(xdb, sizeof(xdb), "%s/xref.db", argv[1]);
	if (getenv("BENCH_CACHE_MB")) {
		cache_mb = strtol(getenv("BENCH_CACHE_MB"), NULL, 10);
		snprintf(cache_sql, sizeof(cache_sql),
		    "PRAGMA cache_size = -%ld", cache_mb * 1024);
	}
	make_words();
	make_quotes();
	if (getenv("BENCH_XREF_REUSE") == NULL) {
		t0 = fill(plain, n, 0);
		printf("ingest without xref   %8.2f s  %6.1f us/article\n", t0,
		    t0 / (double)n * 1e6);
		t1 = fill(xdb, n, 1);
		printf("ingest with xref      %8.2f s  %6.1f us/article"
		    "  ratio %.2f\n", t1, t1 / (double)n * 1e6, t1 / t0);
	}
	time_queries(xdb, n, XREF_ALL, "refs, all sections");
	time_queries(xdb, n, XREF_ALL & ~XREF_SECTION_BIT(XREF_RELATED),
	    "refs, without related");
	time_queries(xdb, n, XREF_SECTION_BIT(XREF_RELATED), "related only");
	return 0;
}
