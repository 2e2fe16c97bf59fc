/*
 * tline.c: a line of styled text for the screen, and the text helpers
 * every view uses: sanitising (utf8_sanitize, then '?' for non-ASCII when
 * the locale is not UTF-8), measuring, cutting and padding by column.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

void
tline_init(struct tline *t)
{
	dstr_init(&t->text);
	t->segs = NULL;
	t->nsegs = t->cap = 0;
}

void
tline_release(struct tline *t)
{
	dstr_release(&t->text);
	free(t->segs);
	tline_init(t);
}

void
tline_reset(struct tline *t)
{
	dstr_reset(&t->text);
	t->nsegs = 0;
}

void
tline_add(struct tline *t, int elem, int attrs, const char *s, size_t n)
{
	tline_add_link(t, elem, attrs, 0, s, n);
}

void
tline_add_link(struct tline *t, int elem, int attrs, int link, const char *s,
    size_t n)
{
	struct tseg *sg;

	if (n == 0)
		return;
	if (t->nsegs > 0) {
		sg = &t->segs[t->nsegs - 1];
		if (sg->elem == elem && sg->attrs == attrs && sg->link == link &&
		    sg->off + sg->len == t->text.len) {
			sg->len += n;
			dstr_add(&t->text, s, n);
			return;
		}
	}
	if (t->nsegs == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->segs = xreallocarray(t->segs, t->cap, sizeof(*t->segs));
	}
	sg = &t->segs[t->nsegs++];
	sg->off = t->text.len;
	sg->len = n;
	sg->elem = elem;
	sg->attrs = attrs;
	sg->link = link;
	dstr_add(&t->text, s, n);
}

void
tline_adds(struct tline *t, int elem, const char *s)
{
	tline_add(t, elem, 0, s, strlen(s));
}

void
tline_addf(struct tline *t, int elem, const char *fmt, ...)
{
	struct dstr d = DSTR_INIT;
	va_list ap;

	va_start(ap, fmt);
	dstr_vaddf(&d, fmt, ap);
	va_end(ap);
	tline_add(t, elem, 0, d.buf, d.len);
	dstr_release(&d);
}

void
tui_text_add(struct dstr *out, const char *s, size_t n, int flags, int ascii)
{
	struct dstr clean = DSTR_INIT;
	uint32_t cp;
	size_t i, k;

	if (!ascii) {
		utf8_sanitize(out, s, n, flags);
		return;
	}
	utf8_sanitize(&clean, s, n, flags);
	for (i = 0; i < clean.len; i += k) {
		k = utf8_decode(clean.buf + i, clean.len - i, &cp);
		dstr_addc(out, cp < 0x80 ? (char)cp : '?');
	}
	dstr_release(&clean);
}

char *
tui_text_dup(const char *s, int ascii)
{
	struct dstr d = DSTR_INIT;

	if (s == NULL)
		s = "";
	tui_text_add(&d, s, strlen(s), SAN_ONE_LINE, ascii);
	return dstr_detach(&d, NULL);
}

void
tline_add_untrusted(struct tline *t, int elem, const char *s, int ascii)
{
	struct dstr d = DSTR_INIT;

	if (s == NULL)
		return;
	tui_text_add(&d, s, strlen(s), SAN_ONE_LINE, ascii);
	tline_add(t, elem, 0, d.buf, d.len);
	dstr_release(&d);
}

int
text_width(const char *s, size_t n)
{
	return (int)utf8_width(s, n);
}

size_t
text_fit(const char *s, size_t n, int width, int *used)
{
	uint32_t cp;
	size_t i = 0, k;
	int w = 0, cw;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		cw = utf8_cpwidth(cp);
		if (w + cw > width)
			break;
		w += cw;
		i += k;
	}
	/* zero-width marks that follow stay with their character */
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (utf8_cpwidth(cp) != 0)
			break;
		i += k;
	}
	if (used)
		*used = w;
	return i;
}

void
tline_pad(struct tline *t, int elem, int width)
{
	static const char blanks[] = "                                ";
	int n;

	while ((n = width - tline_width(t)) > 0) {
		if (n > (int)sizeof(blanks) - 1)
			n = (int)sizeof(blanks) - 1;
		tline_add(t, elem, 0, blanks, (size_t)n);
	}
}

void
tline_add_cell(struct tline *t, int elem, int attrs, const char *s,
    int width, int ascii)
{
	struct dstr d = DSTR_INIT;
	const char *ell = ascii ? "." : "\xe2\x80\xa6";
	size_t fit;
	int used, w;

	if (width <= 0)
		return;
	if (s == NULL)
		s = "";
	tui_text_add(&d, s, strlen(s), SAN_ONE_LINE, ascii);
	w = text_width(d.buf, d.len);
	if (w > width) {
		fit = text_fit(d.buf, d.len, width - 1, &used);
		dstr_setlen(&d, fit);
		dstr_adds(&d, ell);
		w = used + 1;
	}
	tline_add(t, elem, attrs, d.buf, d.len);
	for (; w < width; w++)
		tline_add(t, elem, attrs, " ", 1);
	dstr_release(&d);
}

int
tline_width(const struct tline *t)
{
	return text_width(t->text.buf, t->text.len);
}

void
tline_cut(struct tline *t, int width)
{
	size_t fit, i;

	fit = text_fit(t->text.buf, t->text.len, width < 0 ? 0 : width, NULL);
	if (fit == t->text.len)
		return;
	dstr_setlen(&t->text, fit);
	for (i = 0; i < t->nsegs; i++) {
		if (t->segs[i].off >= fit)
			break;
		if (t->segs[i].off + t->segs[i].len > fit)
			t->segs[i].len = fit - t->segs[i].off;
	}
	t->nsegs = i;
}
