/*
 * anchor.c: where a quote is in a text, and where it went after an edit.
 *
 * A quote is kept the way W3C Web Annotation's TextQuoteSelector keeps it:
 * its exact text and a little of the text on either side.  Texts are
 * compared in a normalised form (whitespace runs are one space, curly and
 * straight quotation marks and apostrophes are the same, soft hyphens and
 * zero-width spaces do not count, … is ...), with a map from every
 * normalised byte back to the bytes of the original.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "escape.h"
#include "quotes.h"
#include "utf8.h"
#include "xalloc.h"

struct norm {
	struct dstr	 s;
	size_t		*from, *to;	/* per byte of s: its source bytes */
	size_t		 cap;
};

static void
norm_init(struct norm *n)
{
	dstr_init(&n->s);
	n->from = n->to = NULL;
	n->cap = 0;
}

static void
norm_release(struct norm *n)
{
	dstr_release(&n->s);
	free(n->from);
	free(n->to);
	norm_init(n);
}

static void
norm_put(struct norm *n, const char *b, size_t len, size_t from, size_t to)
{
	size_t i;

	while (n->s.len + len > n->cap) {
		n->cap = n->cap ? n->cap * 2 : 256;
		n->from = xreallocarray(n->from, n->cap, sizeof(size_t));
		n->to = xreallocarray(n->to, n->cap, sizeof(size_t));
	}
	for (i = 0; i < len; i++) {
		n->from[n->s.len + i] = from;
		n->to[n->s.len + i] = to;
	}
	dstr_add(&n->s, b, len);
}

static int
is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000;
}

/* Normalise s[0..len) into n; trim drops blanks at both ends. */
static void
normalize(struct norm *n, const char *s, size_t len, int trim)
{
	size_t i = 0, k, ws = 0;
	uint32_t c;
	int inblank = 0;

	dstr_reset(&n->s);
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			c = (unsigned char)s[i];
			k = 1;
		} else
			k = utf8_decode(s + i, len - i, &c);
		if (is_blank(c)) {
			if (!inblank)
				ws = i;
			inblank = 1;
			i += k;
			continue;
		}
		if (inblank && (!trim || n->s.len > 0))
			norm_put(n, " ", 1, ws, i);
		inblank = 0;
		switch (c) {
		case 0x201C: case 0x201D: case 0x201E: case 0x201F:
		case 0x00AB: case 0x00BB: case 0x2033: case 0x301D:
		case 0x301E: case 0xFF02:
			norm_put(n, "\"", 1, i, i + k);
			break;
		case 0x2018: case 0x2019: case 0x201A: case 0x201B:
		case 0x2032: case 0xFF07: case '`':
			norm_put(n, "'", 1, i, i + k);
			break;
		case 0x2010: case 0x2011:
			norm_put(n, "-", 1, i, i + k);
			break;
		case 0x2026:
			norm_put(n, "...", 3, i, i + k);
			break;
		case 0x00AD: case 0x200B: case 0x200C: case 0x200D:
		case 0xFEFF:
			break;
		default:
			norm_put(n, s + i, k, i, i + k);
		}
		i += k;
	}
	if (inblank && !trim)
		norm_put(n, " ", 1, ws, len);
}

/* Next occurrence of needle in hay at or after byte at. */
static const char *
find_at(const struct norm *hay, size_t at, const struct norm *needle)
{
	if (needle->s.len == 0 || at > hay->s.len)
		return NULL;
	return memmem(hay->s.buf + at, hay->s.len - at, needle->s.buf,
	    needle->s.len);
}

/* Drop quotation marks around a normalised needle, and a trailing comma. */
static void
strip_marks(struct norm *n)
{
	size_t a = 0, b = n->s.len;

	while (b > 0 && strchr("\"',", n->s.buf[b - 1]) != NULL)
		b--;
	while (a < b && strchr("\"'", n->s.buf[a]) != NULL)
		a++;
	while (b > a && n->s.buf[b - 1] == ' ')
		b--;
	while (a < b && n->s.buf[a] == ' ')
		a++;
	memmove(n->s.buf, n->s.buf + a, b - a);
	dstr_setlen(&n->s, b - a);
}

int
quote_text_find(const char *plain, size_t len, const char *text,
    size_t from, size_t *startp, size_t *endp)
{
	struct norm hay, needle;
	const char *p;
	size_t at = 0, pos;
	int rc = 1;

	norm_init(&hay);
	norm_init(&needle);
	normalize(&hay, plain, len, 0);
	while (at < hay.s.len && hay.from[at] < from)
		at++;
	/* the words, without quotation marks around them; else as given */
	normalize(&needle, text, strlen(text), 1);
	strip_marks(&needle);
	if ((p = find_at(&hay, at, &needle)) == NULL) {
		normalize(&needle, text, strlen(text), 1);
		p = find_at(&hay, at, &needle);
	}
	if (p != NULL) {
		pos = (size_t)(p - hay.s.buf);
		*startp = hay.from[pos];
		*endp = hay.to[pos + needle.s.len - 1];
		rc = 0;
	}
	norm_release(&hay);
	norm_release(&needle);
	return rc;
}

void
quote_anchor_release(struct quote_anchor *a)
{
	free(a->exact);
	free(a->prefix);
	free(a->suffix);
	memset(a, 0, sizeof(*a));
}

static int
is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

void
quote_anchor_make(struct quote_anchor *a, const char *plain, size_t len,
    size_t start, size_t end)
{
	size_t p, s, i;

	if (end > len)
		end = len;
	if (start > end)
		start = end;
	while (start > 0 && is_cont(plain[start]))
		start--;
	while (end < len && is_cont(plain[end]))
		end++;
	a->start = start;
	a->end = end;
	a->exact = xstrndup(plain + start, end - start);
	for (p = start, i = 0; p > 0 && i < QUOTE_CONTEXT; i++)
		do
			p--;
		while (p > 0 && is_cont(plain[p]));
	a->prefix = xstrndup(plain + p, start - p);
	for (s = end, i = 0; s < len && i < QUOTE_CONTEXT; i++)
		do
			s++;
		while (s < len && is_cont(plain[s]));
	a->suffix = xstrndup(plain + end, s - end);
}

/* How many bytes at the end of a[0..an) and b[0..bn) agree. */
static size_t
common_tail(const char *a, size_t an, const char *b, size_t bn)
{
	size_t k = 0;

	while (k < an && k < bn && a[an - 1 - k] == b[bn - 1 - k])
		k++;
	return k;
}

static size_t
common_head(const char *a, size_t an, const char *b, size_t bn)
{
	size_t k = 0;

	while (k < an && k < bn && a[k] == b[k])
		k++;
	return k;
}

int
quote_anchor_find(const struct quote_anchor *a, const char *plain,
    size_t len, size_t *startp, size_t *endp)
{
	struct norm hay, ex, pre, suf;
	const char *p;
	size_t at = 0, pos, score, best = 0, bestpos = 0, dist, bestdist = 0;
	int found = 0;

	norm_init(&hay);
	norm_init(&ex);
	norm_init(&pre);
	norm_init(&suf);
	normalize(&hay, plain, len, 0);
	normalize(&ex, a->exact, strlen(a->exact), 1);
	normalize(&pre, a->prefix, strlen(a->prefix), 0);
	normalize(&suf, a->suffix, strlen(a->suffix), 0);
	while ((p = find_at(&hay, at, &ex)) != NULL) {
		pos = (size_t)(p - hay.s.buf);
		score = common_tail(pre.s.buf, pre.s.len, hay.s.buf, pos) +
		    common_head(suf.s.buf, suf.s.len, p + ex.s.len,
		    hay.s.len - pos - ex.s.len);
		dist = hay.from[pos] > a->start ? hay.from[pos] - a->start :
		    a->start - hay.from[pos];
		if (!found || score > best || (score == best &&
		    dist < bestdist)) {
			best = score;
			bestpos = pos;
			bestdist = dist;
			found = 1;
		}
		at = pos + 1;
	}
	if (found) {
		*startp = hay.from[bestpos];
		*endp = hay.to[bestpos + ex.s.len - 1];
	}
	norm_release(&hay);
	norm_release(&ex);
	norm_release(&pre);
	norm_release(&suf);
	return found ? 0 : 1;
}

/* Up to max words from the start (or the end) of s[0..len). */
static void
words(struct dstr *out, const char *s, size_t len, size_t max, int from_end)
{
	struct norm n;
	size_t i, count = 0, a, b;

	norm_init(&n);
	normalize(&n, s, len, 1);
	/* normalisation keeps one space between words */
	a = 0;
	b = n.s.len;
	if (from_end) {
		for (i = n.s.len; i > 0; i--)
			if (n.s.buf[i - 1] == ' ' && ++count == max) {
				a = i;
				break;
			}
	} else {
		for (i = 0; i < n.s.len; i++)
			if (n.s.buf[i] == ' ' && ++count == max) {
				b = i;
				break;
			}
	}
	/* a fragment directive is matched against the page's own
	 * characters: give it those, whitespace aside */
	dstr_reset(out);
	if (b > a) {
		struct dstr raw = DSTR_INIT;
		size_t j, from = n.from[a], to = n.to[b - 1];
		uint32_t c;
		size_t k;
		int blank = 0;

		for (j = from; j < to; j += k) {
			k = utf8_decode(s + j, to - j, &c);
			if (is_blank(c)) {
				if (!blank)
					dstr_addc(&raw, ' ');
				blank = 1;
				continue;
			}
			blank = 0;
			dstr_add(&raw, s + j, k);
		}
		dstr_add(out, raw.buf, raw.len);
		dstr_release(&raw);
	}
	norm_release(&n);
}

static size_t
count_words(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

#define FRAG_WORDS	4	/* words in the START and END of a link */

void
quote_fragment_link(struct dstr *out, const char *url, const char *exact)
{
	struct dstr w = DSTR_INIT;
	const char *first, *last, *nl, *end;
	size_t flen, llen, hash;

	if (url == NULL)
		return;
	hash = strcspn(url, "#");
	dstr_add(out, url, hash);
	dstr_adds(out, "#:~:text=");
	/* START comes from the first paragraph, END from the last */
	while (*exact == '\n' || *exact == ' ')
		exact++;
	end = exact + strlen(exact);
	while (end > exact && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	first = exact;
	nl = memchr(first, '\n', (size_t)(end - first));
	flen = nl ? (size_t)(nl - first) : (size_t)(end - first);
	for (last = end; last > exact && last[-1] != '\n'; last--)
		;
	llen = (size_t)(end - last);
	if (nl == NULL && count_words(first, flen) <= 2 * FRAG_WORDS) {
		words(&w, first, flen, SIZE_MAX, 0);
		escape_percent(out, w.buf, w.len);
	} else {
		words(&w, first, flen, FRAG_WORDS, 0);
		escape_percent(out, w.buf, w.len);
		dstr_addc(out, ',');
		words(&w, last, llen, FRAG_WORDS, 1);
		escape_percent(out, w.buf, w.len);
	}
	dstr_release(&w);
}
