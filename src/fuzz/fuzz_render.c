/*
 * fuzz_render.c: libFuzzer target for src/render (make fuzz-all).
 *
 * The input is an article's HTML.  It is parsed once (render_html) and
 * laid out at several widths (render_wrap), including widths outside
 * 10..4096 that must be clamped; every line, span, link and the plain
 * text are checked against the promises of render.h: valid UTF-8, no
 * control character, ESC or bidi control, spans that cover the line in
 * order and point at the same bytes of the plain text; and render_locate
 * must land inside the layout.  The first byte picks the base URL and an
 * extra width.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dstr.h"
#include "render.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Valid UTF-8 without what the sanitiser removes (newline: if nl). */
static void
check_text(const char *s, size_t n, int nl)
{
	uint32_t cp;
	size_t i, k;

	if (!utf8_valid(s, n))
		abort();
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' && nl)
			continue;
		if (cp == '\t' && nl)
			continue;
		if (utf8_is_unsafe(cp) || cp == '\n' || cp == '\r')
			abort();
	}
}

static void
check_lines(const struct render_doc *doc, const struct render_line *lines,
    size_t nlines)
{
	const struct render_line *l;
	const struct render_span *sp;
	size_t i, j, len, end;

	for (i = 0; i < nlines; i++) {
		l = &lines[i];
		if (l->text == NULL)
			abort();
		len = strlen(l->text);
		check_text(l->text, len, 0);
		if (l->indent < 0)
			abort();
		end = 0;
		for (j = 0; j < l->nspans; j++) {
			sp = &l->spans[j];
			/* in order, inside the line, not overlapping */
			if (sp->off < end || sp->off + sp->len > len ||
			    sp->len == 0)
				abort();
			end = sp->off + sp->len;
			if (sp->src == RENDER_NOSRC)
				continue;
			if (sp->src > doc->plain_len ||
			    sp->len > doc->plain_len - sp->src)
				abort();
			if (memcmp(doc->plain + sp->src, l->text + sp->off,
			    sp->len) != 0)
				abort();
		}
	}
}

static void
layout(const struct render_doc *doc, int width, const uint8_t *data,
    size_t size)
{
	struct render_line *lines = NULL;
	size_t nlines = 0, line, col, off, i;

	if (render_wrap(doc, width, &lines, &nlines) != 0)
		abort();
	check_lines(doc, lines, nlines);
	/* locate a few offsets: the ends, the middle, some from the input */
	for (i = 0; i < 6; i++) {
		switch (i) {
		case 0: off = 0; break;
		case 1: off = doc->plain_len / 2; break;
		case 2: off = doc->plain_len ? doc->plain_len - 1 : 0; break;
		case 3: off = doc->plain_len; break;
		default:
			off = size > i ? (size_t)data[size - i] * 37 % (doc->plain_len + 1) : 0;
			break;
		}
		if (render_locate(lines, nlines, off, &line, &col) == 0) {
			if (line >= nlines || col > strlen(lines[line].text))
				abort();
		}
	}
	render_lines_free(lines, nlines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 10, 23, 80, 4096 };
	static const int odd[] = { 0, 1, 9, -1, 5000, 1 << 30, -(1 << 30), 40 };
	struct render_doc doc;
	struct dstr plain = DSTR_INIT;
	const char *base;
	size_t i;
	unsigned seed;

	if (size == 0)
		return 0;
	seed = data[0];
	base = (seed & 3) == 0 ? NULL : (seed & 3) == 1 ?
	    "https://example.com/a/b/article.html" : (seed & 3) == 2 ?
	    "http://[::1]:8080/x?y#z" : "not a url";
	if (render_html(&doc, (const char *)data, size, base) == 0) {
		if (doc.plain == NULL || strlen(doc.plain) != doc.plain_len)
			abort();
		check_text(doc.plain, doc.plain_len, 1);
		for (i = 0; i < doc.nlinks; i++) {
			if (doc.links[i].url == NULL)
				abort();
			check_text(doc.links[i].url, strlen(doc.links[i].url),
			    0);
			/* these show their text only */
			if (strncasecmp(doc.links[i].url, "javascript:", 11) ==
			    0 || strncasecmp(doc.links[i].url, "vbscript:", 9) ==
			    0 || strncasecmp(doc.links[i].url, "data:", 5) == 0)
				abort();
			if (doc.links[i].text)
				check_text(doc.links[i].text,
				    strlen(doc.links[i].text), 1);
		}
		for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
			layout(&doc, widths[i], data, size);
		layout(&doc, odd[(seed >> 2) & 7], data, size);
	}
	render_doc_release(&doc);

	render_plain(&plain, (const char *)data, size);
	check_text(plain.buf, plain.len, 1);
	dstr_release(&plain);
	return 0;
}
