/*
 * rank.c: dossier_bm25(), FTS5's bm25 for the best N matches only.
 *
 *	dossier_bm25(articles_fts, N, w1, w2, ...)
 *
 * is bm25(articles_fts, w1, w2, ...), the same formula computed the same
 * way, for every row that can still be among the N best rows this query
 * has ranked so far; for a row that can't, it returns 1.0 (worse than any
 * bm25, which is never above 0).  So `ORDER BY dossier_bm25(...) LIMIT N`
 * gives the N best rows as bm25 ranks them.  N of 0 or less ranks every
 * row.
 *
 * bm25 needs each row's size in tokens, a lookup of FTS5's docsize table
 * per row: for a word in most of 100,000 articles, 40 ms of the 55 that
 * ranking them costs.  The positions of the matches, which FTS5 has at
 * hand, bound the size from below (a column is at least as long as its
 * last match reaches), and bm25 only grows as the size shrinks, so a bound
 * on the score comes without the lookup: once N scores are known, a row
 * whose bound is below all of them is passed over.  The rows must all
 * reach ORDER BY (filter them in the WHERE clause, where SQLite tests them
 * before it computes the sort key); a row given twice in a row counts
 * once.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "xalloc.h"

/* FTS5's constants (fts5_aux.c). */
#define K1	1.2
#define B	0.75

struct rank {
	int		 nphrase;
	int		 ncol;
	double		*idf;		/* per phrase */
	double		 avgdl;
	double		*freq;		/* per phrase, this row */
	int		*psize;		/* tokens per phrase */
	int		*colend;	/* per column: past the last match */
	double		*weight;	/* per column */
	sqlite3_int64	 n;		/* N; 0: rank every row */
	double		*heap;		/* best scores (> 0), min first */
	sqlite3_int64	 nheap;
	sqlite3_int64	 last_rowid;
	double		 last;
	int		 have_last;
};

static void
rank_free(void *v)
{
	struct rank *r = v;

	if (r == NULL)
		return;
	free(r->idf);
	free(r->freq);
	free(r->psize);
	free(r->colend);
	free(r->weight);
	free(r->heap);
	free(r);
}

static int
count_cb(const Fts5ExtensionApi *api, Fts5Context *fc, void *ctx)
{
	(void)api;
	(void)fc;
	(*(sqlite3_int64 *)ctx)++;
	return SQLITE_OK;
}

/* The query's constants, as bm25 computes them on its first row. */
static int
rank_new(const Fts5ExtensionApi *api, Fts5Context *fc, int argc,
    sqlite3_value **argv, struct rank **rp)
{
	struct rank *r;
	sqlite3_int64 nrow = 0, ntok = 0, nhit;
	int i, rc;

	r = xcalloc(1, sizeof(*r));
	r->nphrase = api->xPhraseCount(fc);
	r->ncol = api->xColumnCount(fc);
	r->idf = xcalloc((size_t)r->nphrase + 1, sizeof(*r->idf));
	r->freq = xcalloc((size_t)r->nphrase + 1, sizeof(*r->freq));
	r->psize = xcalloc((size_t)r->nphrase + 1, sizeof(*r->psize));
	r->colend = xcalloc((size_t)r->ncol + 1, sizeof(*r->colend));
	r->weight = xcalloc((size_t)r->ncol + 1, sizeof(*r->weight));
	r->n = argc > 0 ? sqlite3_value_int64(argv[0]) : 0;
	for (i = 0; i < r->ncol; i++)
		r->weight[i] = i + 1 < argc ?
		    sqlite3_value_double(argv[i + 1]) : 1.0;
	rc = api->xRowCount(fc, &nrow);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fc, -1, &ntok);
	if (rc == SQLITE_OK)
		r->avgdl = (double)ntok / (double)nrow;
	for (i = 0; rc == SQLITE_OK && i < r->nphrase; i++) {
		nhit = 0;
		rc = api->xQueryPhrase(fc, i, &nhit, count_cb);
		if (rc == SQLITE_OK) {
			r->idf[i] = log((nrow - nhit + 0.5) / (nhit + 0.5));
			if (r->idf[i] <= 0.0)
				r->idf[i] = 1e-6;
		}
		r->psize[i] = api->xPhraseSize(fc, i);
	}
	if (rc != SQLITE_OK) {
		rank_free(r);
		return rc;
	}
	*rp = r;
	return SQLITE_OK;
}

/* bm25's sum for a row of size d (the same expression, in the same order). */
static double
score_of(const struct rank *r, double d)
{
	double score = 0.0;
	int i;

	for (i = 0; i < r->nphrase; i++)
		score += r->idf[i] * ((r->freq[i] * (K1 + 1.0)) /
		    (r->freq[i] + K1 * (1 - B + B * d / r->avgdl)));
	return score;
}

/* Keep the n best scores: a min-heap. */
static void
heap_add(struct rank *r, double v)
{
	sqlite3_int64 i, c;
	double t;

	if (r->nheap < r->n) {
		if ((r->nheap & (r->nheap - 1)) == 0)
			r->heap = xreallocarray(r->heap,
			    (size_t)(r->nheap ? 2 * r->nheap : 1),
			    sizeof(*r->heap));
		i = r->nheap++;
		r->heap[i] = v;
		while (i > 0 && r->heap[(i - 1) / 2] > r->heap[i]) {
			t = r->heap[i];
			r->heap[i] = r->heap[(i - 1) / 2];
			r->heap[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
		return;
	}
	if (v <= r->heap[0])
		return;
	r->heap[0] = v;
	for (i = 0; (c = 2 * i + 1) < r->nheap; i = c) {
		if (c + 1 < r->nheap && r->heap[c + 1] < r->heap[c])
			c++;
		if (r->heap[i] <= r->heap[c])
			break;
		t = r->heap[i];
		r->heap[i] = r->heap[c];
		r->heap[c] = t;
	}
}

static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx,
    int argc, sqlite3_value **argv)
{
	struct rank *r;
	Fts5PhraseIter it;
	sqlite3_int64 rowid;
	double score, dmin = 0.0;
	int rc = SQLITE_OK, i, ip, ic, io, ntok = 0;

	if ((r = api->xGetAuxdata(fc, 0)) == NULL) {
		if ((rc = rank_new(api, fc, argc, argv, &r)) != SQLITE_OK ||
		    (rc = api->xSetAuxdata(fc, r, rank_free)) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	rowid = api->xRowid(fc);
	if (r->have_last && rowid == r->last_rowid) {
		sqlite3_result_double(ctx, r->last);
		return;
	}
	memset(r->freq, 0, (size_t)r->nphrase * sizeof(*r->freq));
	memset(r->colend, 0, (size_t)r->ncol * sizeof(*r->colend));
	/* each phrase's matches (cheaper than xInst(), which merges them) */
	for (ip = 0; rc == SQLITE_OK && ip < r->nphrase; ip++) {
		rc = api->xPhraseFirst(fc, ip, &it, &ic, &io);
		for (; rc == SQLITE_OK && ic >= 0;
		    api->xPhraseNext(fc, &it, &ic, &io)) {
			if (ic >= r->ncol)
				continue;
			r->freq[ip] += r->weight[ic];
			if (io + r->psize[ip] > r->colend[ic])
				r->colend[ic] = io + r->psize[ip];
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	r->have_last = 1;
	r->last_rowid = rowid;
	if (r->n > 0 && r->nheap == r->n) {
		for (i = 0; i < r->ncol; i++)
			dmin += r->colend[i];
		if (score_of(r, dmin) < r->heap[0]) {
			r->last = 1.0;
			sqlite3_result_double(ctx, r->last);
			return;
		}
	}
	if ((rc = api->xColumnSize(fc, -1, &ntok)) != SQLITE_OK) {
		r->have_last = 0;
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	score = score_of(r, (double)ntok);
	if (r->n > 0)
		heap_add(r, score);
	r->last = -1.0 * score;
	sqlite3_result_double(ctx, r->last);
}

static fts5_api *
fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	return api;
}

int
store_rank_register(struct store *st)
{
	fts5_api *api;

	if ((api = fts5_api_of(st->db)) == NULL ||
	    api->xCreateFunction(api, "dossier_bm25", NULL, rank_fn,
	    NULL) != SQLITE_OK) {
		store_seterr(st, "searching: FTS5 is not available");
		return -1;
	}
	return 0;
}
