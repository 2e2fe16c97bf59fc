/*
 * quote_detect.c: the time quote_find_all() takes per article, over every
 * article of an archive (bench/run's "quote detection" figure).
 *
 *	bench/quote-detect ARCHIVE [LIMIT]
 *
 * Reads each article's plain text (the `text` column, what the pager and
 * quote detection see) read-only, times quote_find_all() on it with the
 * monotonic clock, and prints one line of JSON: articles, spans found,
 * median, 90th percentile and maximum in microseconds, and the total.
 * Reading the text from SQLite is not timed.  Built by `make bench` only.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "quotes.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct quote_spans spans;
	sqlite3 *db;
	sqlite3_stmt *st;
	double *us = NULL, t0, total = 0;
	size_t n = 0, cap = 0, nspans = 0;
	long limit = -1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: quote-detect ARCHIVE [LIMIT]\n");
		return 2;
	}
	if (argc == 3)
		limit = strtol(argv[2], NULL, 10);
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "quote-detect: %s: %s\n", argv[1],
		    sqlite3_errmsg(db));
		return 1;
	}
	if (sqlite3_prepare_v2(db, "SELECT text FROM articles ORDER BY id "
	    "LIMIT ?", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "quote-detect: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	sqlite3_bind_int64(st, 1, limit);
	quote_spans_init(&spans);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		if (text == NULL)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((us = realloc(us, cap * sizeof(*us))) == NULL) {
				perror("quote-detect");
				return 1;
			}
		}
		t0 = now_us();
		nspans += quote_find_all(text, len, &spans);
		us[n] = now_us() - t0;
		total += us[n++];
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	quote_spans_release(&spans);
	if (n == 0) {
		printf("{\"articles\": 0}\n");
		free(us);
		return 0;
	}
	qsort(us, n, sizeof(*us), cmp_double);
	printf("{\"articles\": %zu, \"spans\": %zu, \"median_us\": %.1f, "
	    "\"p90_us\": %.1f, \"max_us\": %.1f, \"total_s\": %.3f}\n", n,
	    nspans, us[n / 2], us[n * 9 / 10], us[n - 1], total / 1e6);
	free(us);
	return 0;
}
