/*
 * fuzz_parse.c: libFuzzer target for the feed parser (make fuzz).
 *
 * The input is pushed in pieces whose sizes come from its first byte, so
 * chunk boundaries fall everywhere; the items are checked for the
 * promises of parse.h (valid UTF-8, no control characters).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "parse.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (!utf8_valid(s, n))
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
			abort();
}

static int
on_item(void *ctx, const struct feed_item *it)
{
	size_t i;

	(void)ctx;
	check(it->id);
	check(it->title);
	check(it->link);
	check(it->author);
	check(it->summary);
	check(it->content);
	for (i = 0; i < it->ncategories; i++)
		check(it->categories[i]);
	for (i = 0; i < it->nenclosures; i++) {
		check(it->enclosures[i].url);
		check(it->enclosures[i].type);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_limits lim;
	struct feed_parser *p;
	const struct feed_meta *m;
	size_t off = 0, step;
	unsigned seed;

	if (size == 0)
		return 0;
	seed = data[0];
	feed_limits_default(&lim);
	lim.max_field = 4096;
	lim.max_items = 1000;
	lim.max_depth = 64;
	p = feed_parser_new(seed & 1 ? "http://example.com/a/feed.xml" :
	    NULL, &lim, on_item, NULL);
	while (off < size) {
		step = (seed & 0x0E) == 0 ? 1 : (seed & 0x0E) == 2 ? size :
		    (size_t)(seed % 97) + 1;
		if (step > size - off)
			step = size - off;
		if (feed_parser_push(p, (const char *)data + off, step) == -1)
			break;
		off += step;
		seed = seed * 1103515245u + 12345u;
	}
	if (feed_parser_finish(p) == 0) {
		m = feed_parser_meta(p);
		check(m->title);
		check(m->link);
		check(m->description);
		check(m->language);
		check(m->author);
	}
	check(feed_parser_errmsg(p));
	feed_parser_free(p);
	return 0;
}
