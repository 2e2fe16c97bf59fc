/*
 * fuzz_normalize.c: libFuzzer target for the text side of src/xref.
 *
 * The input is taken as a URL: normalising must not crash, and must be
 * idempotent (a normalised URL normalises to itself), since links.url and
 * articles.norm_url are compared as strings.  The same bytes are then run
 * through name extraction, quotation finding and the word windows, whose
 * reported offsets must stay inside the input.
 *
 *	make fuzz-xref && fuzz/xref-normalize tests/fuzz/normalize
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xref.h"

static size_t input_len;

static int
name_cb(void *ctx, const char *name, size_t off)
{
	(void)ctx;
	if (off >= input_len || strlen(name) == 0)
		abort();
	return 0;
}

static int
span_cb(void *ctx, size_t off, size_t len)
{
	(void)ctx;
	if (off + len > input_len || len == 0)
		abort();
	return 0;
}

static int
window_cb(void *ctx, uint64_t hash, size_t word, size_t start, size_t end)
{
	(void)ctx;
	(void)hash;
	(void)word;
	if (start >= end || end > input_len)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *n, *again;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	input_len = size;

	if ((n = xref_normalize_url(s)) != NULL) {
		again = xref_normalize_url(n);
		if (again == NULL || strcmp(again, n) != 0)
			abort();	/* not idempotent */
		free(again);
		free(n);
	}
	xref_extract_names(s, size, name_cb, NULL);
	xref_find_quotes(s, size, span_cb, NULL);
	xref_quote_windows(s, size, window_cb, NULL);
	free(s);
	return 0;
}
