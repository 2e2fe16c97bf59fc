/*
 * shingle.c: quotations in plain text and their word windows.
 *
 * Two outlets quoting the same speaker rarely agree on the exact string:
 * one trims the start, another the end, a third swaps ’ for ' or drops a
 * comma.  So a quotation is not compared whole: it is normalised (folded
 * to lower case without diacritics, punctuation dropped, apostrophes
 * joined, blanks collapsed) and every window of XREF_WINDOW consecutive
 * words is hashed (FNV-1a, 64 bits).  Articles that share a window hash
 * share (at least XREF_WINDOW words of) a quotation.
 */
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"
#include "xref_int.h"

/* Quotation marks: the opening ones and what closes each. */
enum qkind { Q_NONE, Q_STRAIGHT, Q_CURLY, Q_LOW, Q_GUILLEMET };

static enum qkind
opening(uint32_t cp)
{
	switch (cp) {
	case '"':	return Q_STRAIGHT;
	case 0x201c:	return Q_CURLY;		/* “ */
	case 0x201e:	return Q_LOW;		/* „ */
	case 0x00ab:	return Q_GUILLEMET;	/* « */
	default:	return Q_NONE;
	}
}

static int
closes(enum qkind k, uint32_t cp)
{
	switch (k) {
	case Q_STRAIGHT:	return cp == '"';
	case Q_CURLY:		return cp == 0x201d;
	case Q_LOW:		return cp == 0x201c || cp == 0x201d;
	case Q_GUILLEMET:	return cp == 0x00bb;
	default:		return 0;
	}
}

static int
is_space(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || xtext_is_blank(cp);
}

/* Emit the span [start, end) trimmed, if it is long enough. */
static int
emit_span(const char *s, size_t start, size_t end, xref_span_fn fn,
    void *ctx)
{
	uint32_t cp;
	size_t n;

	while (start < end && (n = xtext_decode(s + start, end - start, &cp)) &&
	    is_space(cp))
		start += n;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\n' ||
	    s[end - 1] == '\t' || s[end - 1] == '\r'))
		end--;
	if (end <= start)
		return 0;
	if (xref_quote_windows(s + start, end - start, NULL, NULL) <
	    XREF_WINDOW)
		return 0;
	return fn(ctx, start, end - start);
}

int
xref_find_quotes(const char *s, size_t len, xref_span_fn fn, void *ctx)
{
	size_t i = 0, j, n, start, end;
	enum qkind k;
	uint32_t cp;
	int closed, rc;

	while (i < len) {
		n = xtext_decode(s + i, len - i, &cp);
		if ((k = opening(cp)) == Q_NONE) {
			i += n;
			continue;
		}
		start = j = i + n;
		closed = 0;
		end = len;
		while (j < len) {
			if (s[j] == '\n' && j + 1 < len && s[j + 1] == '\n') {
				end = j;
				break;
			}
			n = xtext_decode(s + j, len - j, &cp);
			if (closes(k, cp)) {
				end = j;
				closed = 1;
				break;
			}
			/* a new quotation opens: this one was left open */
			if (k != Q_STRAIGHT && opening(cp) > Q_STRAIGHT) {
				end = j;
				break;
			}
			j += n;
		}
		if (k == Q_STRAIGHT && !closed) {
			i = start;		/* a lone ", an inch mark */
			continue;
		}
		if ((rc = emit_span(s, start, end, fn, ctx)) != 0)
			return rc;
		i = closed ? end + n : end;
	}
	return 0;
}

struct word {
	size_t	 noff, nlen;		/* in the normalised text */
	size_t	 start, end;		/* in the original */
};

long
xref_quote_windows(const char *s, size_t len, xref_window_fn fn, void *ctx)
{
	struct dstr norm = DSTR_INIT;
	struct word *w = NULL, *cur;
	size_t nw = 0, cap = 0, i = 0, n, n2;
	uint32_t cp, next, f;
	int inword = 0, rc;
	uint64_t h;
	long ret;

	while (i < len) {
		n = xtext_decode(s + i, len - i, &cp);
		if (xtext_is_word(cp)) {
			if (!inword) {
				if (nw == cap) {
					cap = cap ? cap * 2 : 64;
					w = xreallocarray(w, cap, sizeof(*w));
				}
				cur = &w[nw++];
				if (norm.len)
					dstr_addc(&norm, ' ');
				cur->noff = norm.len;
				cur->start = i;
				inword = 1;
			}
			if ((f = xtext_fold(cp)) != 0)
				utf8_add(&norm, f);
			w[nw - 1].end = i + n;
			w[nw - 1].nlen = norm.len - w[nw - 1].noff;
			i += n;
			continue;
		}
		/* an apostrophe inside a word joins it: don’t = dont */
		if (inword && xtext_is_apostrophe(cp) && i + n < len) {
			n2 = xtext_decode(s + i + n, len - i - n, &next);
			(void)n2;
			if (xtext_is_word(next)) {
				i += n;
				continue;
			}
		}
		inword = 0;
		i += n;
	}
	ret = (long)nw;
	if (fn != NULL) {
		for (i = 0; i + XREF_WINDOW <= nw; i++) {
			cur = &w[i + XREF_WINDOW - 1];
			h = xtext_fnv(XTEXT_FNV_INIT, norm.buf + w[i].noff,
			    cur->noff + cur->nlen - w[i].noff);
			if ((rc = fn(ctx, h, i, w[i].start, cur->end)) != 0) {
				ret = rc;
				break;
			}
		}
	}
	free(w);
	dstr_release(&norm);
	return ret;
}
