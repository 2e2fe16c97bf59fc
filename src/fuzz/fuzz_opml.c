/*
 * fuzz_opml.c: libFuzzer target for subscription lists (make fuzz-all).
 *
 * The input is read as OPML (subs_parse_opml) and as whatever
 * subs_detect() says (OPML or a newsboat urls file).  What comes out must
 * keep the promises of subs.h: entries with an http(s) URL that
 * subs_check_url() accepts, titles and tags in valid UTF-8 without
 * control characters, tags without commas or duplicates, one-line
 * problems.  The entries are then written as OPML and read back: the same
 * subscriptions must come out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "subs.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_str(const char *s, int may_be_null)
{
	uint32_t cp;
	size_t i, n, k;

	if (s == NULL) {
		if (!may_be_null)
			abort();
		return;
	}
	n = strlen(s);
	if (!utf8_valid(s, n))
		abort();
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_unsafe(cp) || cp == '\n' || cp == '\r')
			abort();
	}
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
check(const struct subs *s)
{
	const struct subs_entry *e;
	const char *why;
	size_t i, j, k;

	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		check_str(e->url, 0);
		if (subs_check_url(e->url, &why) != 0)
			abort();
		check_str(e->title, 1);
		check_str(e->site_url, 1);
		for (j = 0; j < e->ntags; j++) {
			check_str(e->tags[j], 0);
			if (e->tags[j][0] == '\0' ||
			    strchr(e->tags[j], ',') != NULL)
				abort();
			for (k = 0; k < j; k++)
				if (strcmp(e->tags[j], e->tags[k]) == 0)
					abort();
		}
	}
	for (i = 0; i < s->nproblems; i++)
		check_str(s->problems[i].msg, 0);
}

/* Same URL, title and tags (in any order). */
static int
same_entry(const struct subs_entry *a, const struct subs_entry *b)
{
	size_t j, k;

	if (!same(a->url, b->url) || !same(a->title, b->title) ||
	    a->ntags != b->ntags)
		return 0;
	for (j = 0; j < a->ntags; j++) {
		for (k = 0; k < b->ntags; k++)
			if (strcmp(a->tags[j], b->tags[k]) == 0)
				break;
		if (k == b->ntags)
			return 0;
	}
	return 1;
}

/*
 * Written out and read back: the same subscriptions (the writer groups
 * them by folder, so the order may change).
 */
static void
round_trip(const struct subs *s)
{
	struct subs back;
	struct dstr out = DSTR_INIT, err = DSTR_INIT;
	char *used;
	size_t i, j;

	if (s->n > 300)		/* quadratic below */
		return;
	if (subs_write_opml(s, "fuzz", &out, &err) != 0) {
		dstr_release(&out);
		dstr_release(&err);
		return;
	}
	subs_init(&back);
	if (subs_parse_opml(&back, out.buf, out.len, &err) != 0)
		abort();
	check(&back);
	if (back.n != s->n)
		abort();
	used = calloc(back.n + 1, 1);
	for (i = 0; i < s->n; i++) {
		for (j = 0; j < back.n; j++)
			if (!used[j] && same_entry(&s->v[i], &back.v[j]))
				break;
		if (j == back.n)
			abort();
		used[j] = 1;
	}
	free(used);
	subs_release(&back);
	dstr_release(&out);
	dstr_release(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct subs s;
	struct dstr err = DSTR_INIT;

	subs_init(&s);
	if (subs_parse_opml(&s, (const char *)data, size, &err) == 0) {
		check(&s);
		round_trip(&s);
	} else
		check_str(err.buf, 0);
	subs_release(&s);
	dstr_reset(&err);

	subs_init(&s);
	if (subs_parse(&s, (const char *)data, size, &err) == 0)
		check(&s);
	subs_release(&s);
	dstr_release(&err);
	return 0;
}
