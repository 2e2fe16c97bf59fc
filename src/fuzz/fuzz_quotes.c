/*
 * fuzz_quotes.c: libFuzzer target for quotation detection and anchoring
 * (src/quotes/detect.c, anchor.c; make fuzz-all).
 *
 * The input becomes an article's plain text the way the archive makes it:
 * sanitised UTF-8, or (first byte odd) the plain text of the input read as
 * HTML.  Then, against the promises of quotes.h:
 *  - quote_find_all() and quote_find_all_blocks(): spans inside the text,
 *    ordered and not overlapping, the words inside the marks, speakers in
 *    clean UTF-8; quote_spans_next() and _prev() agree with the order;
 *  - quote_attribute() on passages picked by the input;
 *  - a selector made from a passage (quote_anchor_make) is found again in
 *    the same text (quote_anchor_find, quote_text_find);
 *  - a text-fragment link is printable ASCII.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "quotes.h"
#include "render.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_str(const char *s)
{
	uint32_t cp;
	size_t i, n, k;

	if (s == NULL)
		return;
	n = strlen(s);
	if (!utf8_valid(s, n))
		abort();
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_unsafe(cp) && cp != '\n' && cp != '\t')
			abort();
	}
}

static void
check_spans(const struct quote_spans *q, size_t n, size_t len)
{
	const struct quote_span *sp;
	size_t i, r, off;

	if (q->n != n)
		abort();
	for (i = 0; i < q->n; i++) {
		sp = &q->v[i];
		if (sp->start >= sp->end || sp->end > len)
			abort();
		if (sp->text_start < sp->start || sp->text_end > sp->end ||
		    sp->text_start > sp->text_end)
			abort();
		if (i > 0 && sp->start < q->v[i - 1].end)
			abort();
		check_str(sp->speaker);
	}
	/* next: the first span starting after off; prev: the last before */
	for (off = 0; off <= len; off += len / 7 + 1) {
		r = quote_spans_next(q, off);
		if (r != QUOTE_NONE && (r >= q->n || q->v[r].start <= off ||
		    (r > 0 && q->v[r - 1].start > off)))
			abort();
		r = quote_spans_prev(q, off);
		if (r != QUOTE_NONE && (r >= q->n || q->v[r].start >= off ||
		    (r + 1 < q->n && q->v[r + 1].start < off)))
			abort();
	}
}

/* A byte offset from two input bytes, moved back to a character start. */
static size_t
pick(const char *plain, size_t len, const uint8_t *b)
{
	size_t off;

	if (len == 0)
		return 0;
	off = ((size_t)b[0] << 8 | b[1]) % (len + 1);
	while (off > 0 && off < len && ((unsigned char)plain[off] & 0xC0) ==
	    0x80)
		off--;
	return off;
}

static int
has_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct quote_spans q;
	struct quote_range r[4];
	struct quote_anchor a;
	struct render_doc doc;
	struct dstr text = DSTR_INIT, link = DSTR_INIT;
	const char *plain;
	char *who;
	size_t len, n, nr, s, e, s2, e2, i, t;

	if (size < 9)
		return 0;
	memset(&doc, 0, sizeof(doc));
	if (data[0] & 1) {
		render_html(&doc, (const char *)data + 9, size - 9, NULL);
		plain = doc.plain;
		len = doc.plain_len;
	} else {
		utf8_sanitize(&text, (const char *)data + 9, size - 9,
		    SAN_KEEP_NEWLINES);
		plain = text.buf;
		len = text.len;
	}

	quote_spans_init(&q);
	n = quote_find_all(plain, len, &q);
	check_spans(&q, n, len);

	/* blockquotes: up to four ordered ranges picked by the input */
	nr = 0;
	for (i = 0, t = 0; i < 4 && t < len; i++) {
		s = t + (size_t)data[1 + i] % (len - t + 1);
		e = s + (size_t)data[5 + i] % (len - s + 1);
		if (s >= e)
			continue;
		r[nr].start = s;
		r[nr].end = e;
		nr++;
		t = e;
	}
	n = quote_find_all_blocks(plain, len, r, nr, &q);
	check_spans(&q, n, len);
	quote_spans_release(&q);

	/* a free selection */
	s = pick(plain, len, data + 1);
	e = pick(plain, len, data + 3);
	if (s > e) {
		t = s;
		s = e;
		e = t;
	}
	who = quote_attribute(plain, len, s, e);
	check_str(who);
	free(who);

	/* a selector is found again in the text it was made from */
	memset(&a, 0, sizeof(a));
	quote_anchor_make(&a, plain, len, s, e);
	check_str(a.exact);
	check_str(a.prefix);
	check_str(a.suffix);
	if (a.start > a.end || a.end > len)
		abort();
	if (a.exact != NULL && has_word(a.exact, strlen(a.exact))) {
		if (quote_anchor_find(&a, plain, len, &s2, &e2) != 0 ||
		    s2 > e2 || e2 > len)
			abort();
		if (quote_text_find(plain, len, a.exact, 0, &s2, &e2) != 0 ||
		    s2 > e2 || e2 > len)
			abort();
	}
	quote_fragment_link(&link, "https://example.com/a#old", a.exact);
	for (i = 0; i < link.len; i++)
		if ((unsigned char)link.buf[i] <= 0x20 ||
		    (unsigned char)link.buf[i] >= 0x7f)
			abort();
	quote_anchor_release(&a);

	dstr_release(&link);
	dstr_release(&text);
	render_doc_release(&doc);
	return 0;
}
