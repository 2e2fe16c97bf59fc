/*
 * html.c: the little HTML the parser needs to read: the tags of an HTML
 * page that advertise its feeds, and the URL attributes inside HTML
 * content, to resolve them against the feed's base.
 *
 * Not an HTML parser: a tag scanner that knows comments, quoted attribute
 * values and nothing else.  What it cannot read, it leaves alone.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_ATTRS	64

struct html_attr {
	const char	*name;
	size_t		 nlen;
	const char	*val;		/* the value, without quotes */
	size_t		 vlen;
	const char	*start;		/* the value with its quotes */
	const char	*end;
};

struct html_tag {
	const char	*name;
	size_t		 nlen;
	int		 closing;	/* </name> */
	struct html_attr attrs[MAX_ATTRS];
	size_t		 nattrs;
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
eq_nocase(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && strncasecmp(s, lit, n) == 0;
}

/*
 * Find the next tag at or after p.  Returns a pointer just after it, or
 * NULL when there is none (or it is cut by the end).
 */
static const char *
next_tag(const char *p, const char *end, struct html_tag *t)
{
	struct html_attr *a;
	const char *q;
	char quote;

	for (;;) {
		if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
			return NULL;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (q = p + 4; q + 3 <= end; q++)
				if (memcmp(q, "-->", 3) == 0)
					break;
			if (q + 3 > end)
				return NULL;
			p = q + 3;
			continue;
		}
		if (end - p >= 2 && (p[1] == '!' || p[1] == '?')) {
			if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
				return NULL;
			p = q + 1;
			continue;
		}
		t->closing = end - p >= 2 && p[1] == '/';
		q = p + 1 + t->closing;
		if (q >= end || !is_alpha(*q)) {
			p++;
			continue;
		}
		break;
	}
	t->name = q;
	while (q < end && !is_space(*q) && *q != '>' && *q != '/')
		q++;
	t->nlen = (size_t)(q - t->name);
	t->nattrs = 0;
	for (;;) {
		while (q < end && (is_space(*q) || *q == '/'))
			q++;
		if (q >= end)
			return NULL;
		if (*q == '>')
			return q + 1;
		a = t->nattrs < MAX_ATTRS ? &t->attrs[t->nattrs] : NULL;
		p = q;
		while (q < end && !is_space(*q) && *q != '=' && *q != '>' &&
		    *q != '/')
			q++;
		if (q == p)			/* a stray '=' */
			q++;
		if (a != NULL) {
			a->name = p;
			a->nlen = (size_t)(q - p);
			a->val = a->start = a->end = q;
			a->vlen = 0;
		}
		while (q < end && is_space(*q))
			q++;
		if (q >= end || *q != '=') {
			if (a != NULL)
				t->nattrs++;
			continue;
		}
		q++;
		while (q < end && is_space(*q))
			q++;
		if (q >= end)
			return NULL;
		p = q;
		if (*q == '"' || *q == '\'') {
			quote = *q++;
			if ((q = memchr(q, quote, (size_t)(end - q))) == NULL)
				return NULL;
			if (a != NULL) {
				a->val = p + 1;
				a->vlen = (size_t)(q - p - 1);
			}
			q++;
		} else {
			while (q < end && !is_space(*q) && *q != '>')
				q++;
			if (a != NULL) {
				a->val = p;
				a->vlen = (size_t)(q - p);
			}
		}
		if (a != NULL) {
			a->start = p;
			a->end = q;
			t->nattrs++;
		}
	}
}

/* Decode the character references of an attribute value. */
static void
unescape(struct dstr *out, const char *s, size_t n)
{
	char buf[8];
	const char *u;
	size_t i = 0, j;
	uint32_t v;
	int base;

	while (i < n) {
		if (s[i] != '&') {
			dstr_addc(out, s[i++]);
			continue;
		}
		if (i + 1 < n && s[i + 1] == '#') {
			j = i + 2;
			base = 10;
			if (j < n && (s[j] == 'x' || s[j] == 'X')) {
				base = 16;
				j++;
			}
			v = 0;
			while (j < n && j - i < 12 && ((s[j] >= '0' &&
			    s[j] <= '9') || (base == 16 &&
			    ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'f')))) {
				v = v * (uint32_t)base + (uint32_t)
				    (s[j] <= '9' ? s[j] - '0' :
				    (s[j] | 0x20) - 'a' + 10);
				j++;
			}
			if (j < n && s[j] == ';' && v > 0 && v <= 0x10FFFF) {
				utf8_add(out, v);
				i = j + 1;
				continue;
			}
		} else {
			for (j = i + 1; j < n && j - i <= 33 &&
			    (is_alpha(s[j]) || (s[j] >= '0' && s[j] <= '9'));
			    j++)
				;
			if (j < n && s[j] == ';') {
				u = NULL;
				if (eq_nocase(s + i + 1, j - i - 1, "amp"))
					u = "&";
				else if (eq_nocase(s + i + 1, j - i - 1,
				    "quot"))
					u = "\"";
				else if (eq_nocase(s + i + 1, j - i - 1, "lt"))
					u = "<";
				else if (eq_nocase(s + i + 1, j - i - 1, "gt"))
					u = ">";
				else if (eq_nocase(s + i + 1, j - i - 1,
				    "apos"))
					u = "'";
				else
					u = feed_html_entity(s + i + 1,
					    j - i - 1, buf);
				if (u != NULL) {
					dstr_adds(out, u);
					i = j + 1;
					continue;
				}
			}
		}
		dstr_addc(out, s[i++]);
	}
}

void
feed_html_escape(struct dstr *out, const char *s, size_t n, int attr)
{
	size_t i, j;

	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && s[j] != '&' && s[j] != '<' &&
		    s[j] != '>' && (!attr || s[j] != '"'); j++)
			;
		dstr_add(out, s + i, j - i);
		if (j >= n)
			break;
		switch (s[j]) {
		case '&':
			dstr_add(out, "&amp;", 5);
			break;
		case '<':
			dstr_add(out, "&lt;", 4);
			break;
		case '>':
			dstr_add(out, "&gt;", 4);
			break;
		default:
			dstr_add(out, "&quot;", 6);
			break;
		}
	}
}

/*
 * Is s[0..n), just after an '&', a character reference, or something that
 * cannot be mistaken for one ("& ", "&" at the end)?
 */
static int
is_ref(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !(is_alpha(s[0]) || s[0] == '#' || (s[0] >= '0' &&
	    s[0] <= '9')))
		return 1;

	if (n > 0 && s[0] == '#') {
		i = 1;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			for (i++; i < n && ((s[i] >= '0' && s[i] <= '9') ||
			    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f'));
			    i++)
				;
			return i > 2 && i < n && s[i] == ';';
		}
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		return i > 1 && i < n && s[i] == ';';
	}
	for (; i < n && i < 40 && (is_alpha(s[i]) || (s[i] >= '0' &&
	    s[i] <= '9')); i++)
		;
	return i > 0 && i < n && s[i] == ';';
}

size_t
feed_html_fix_amp(struct dstr *d)
{
	struct dstr out = DSTR_INIT;
	const char *p = d->buf, *end = d->buf + d->len, *amp;

	for (amp = memchr(p, '&', d->len); amp != NULL;
	    amp = memchr(amp + 1, '&', (size_t)(end - amp - 1)))
		if (!is_ref(amp + 1, (size_t)(end - amp - 1)))
			break;
	if (amp == NULL)
		return d->len;
	while ((amp = memchr(p, '&', (size_t)(end - p))) != NULL) {
		dstr_add(&out, p, (size_t)(amp - p) + 1);
		if (!is_ref(amp + 1, (size_t)(end - amp - 1)))
			dstr_add(&out, "amp;", 4);
		p = amp + 1;
	}
	dstr_add(&out, p, (size_t)(end - p));
	dstr_release(d);
	*d = out;
	return d->len;
}

int
feed_html_url_attr(const char *tag, size_t taglen, const char *attr,
    size_t attrlen)
{
	static const struct {
		const char *tag, *attr;
	} urls[] = {
		{ "a", "href" }, { "applet", "codebase" }, { "area", "href" },
		{ "audio", "src" }, { "blockquote", "cite" },
		{ "body", "background" }, { "del", "cite" },
		{ "embed", "src" }, { "form", "action" },
		{ "frame", "longdesc" }, { "frame", "src" },
		{ "head", "profile" }, { "iframe", "longdesc" },
		{ "iframe", "src" }, { "img", "longdesc" }, { "img", "src" },
		{ "img", "usemap" }, { "input", "src" }, { "input", "usemap" },
		{ "ins", "cite" }, { "link", "href" },
		{ "object", "classid" }, { "object", "codebase" },
		{ "object", "data" }, { "object", "usemap" },
		{ "q", "cite" }, { "script", "src" }, { "source", "src" },
		{ "track", "src" }, { "video", "poster" }, { "video", "src" },
	};
	size_t i;

	/* xhtml:a and the like */
	if (memchr(tag, ':', taglen) != NULL) {
		const char *c = memchr(tag, ':', taglen);

		taglen -= (size_t)(c + 1 - tag);
		tag = c + 1;
	}
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		if (eq_nocase(tag, taglen, urls[i].tag) &&
		    eq_nocase(attr, attrlen, urls[i].attr))
			return 1;
	return 0;
}

char *
feed_html_resolve(const char *html, size_t n, const char *base)
{
	struct dstr out = DSTR_INIT, val = DSTR_INIT;
	struct html_tag t;
	const char *p = html, *end = html + n, *copied = html;
	char *r;
	size_t i;
	int changed = 0;

	if (base == NULL || *base == '\0' || memchr(html, '<', n) == NULL)
		return NULL;
	while ((p = next_tag(p, end, &t)) != NULL) {
		if (t.closing)
			continue;
		for (i = 0; i < t.nattrs; i++) {
			struct html_attr *a = &t.attrs[i];

			if (a->start == a->end || !feed_html_url_attr(t.name,
			    t.nlen, a->name, a->nlen))
				continue;
			dstr_reset(&val);
			unescape(&val, a->val, a->vlen);
			if (url_has_scheme(val.buf) ||
			    (r = url_resolve(base, val.buf)) == NULL)
				continue;
			if (strcmp(r, val.buf) != 0) {
				dstr_add(&out, copied, (size_t)(a->start -
				    copied));
				dstr_addc(&out, '"');
				feed_html_escape(&out, r, strlen(r), 1);
				dstr_addc(&out, '"');
				copied = a->end;
				changed = 1;
			}
			free(r);
		}
	}
	dstr_release(&val);
	if (!changed) {
		dstr_release(&out);
		return NULL;
	}
	dstr_add(&out, copied, (size_t)(end - copied));
	return dstr_detach(&out, NULL);
}

/* The rank of a feed type (0 RSS/Atom, 1 JSON Feed), or -1. */
static int
feed_type_rank(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n && s[k] != ';' && !is_space(s[k]); k++)
		;
	if (eq_nocase(s, k, "application/rss+xml") ||
	    eq_nocase(s, k, "application/atom+xml"))
		return 0;
	if (eq_nocase(s, k, "application/feed+json"))
		return 1;
	return -1;
}

static int
has_token(const char *s, size_t n, const char *tok)
{
	size_t i = 0, j;

	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		for (j = i; j < n && !is_space(s[j]); j++)
			;
		if (j > i && eq_nocase(s + i, j - i, tok))
			return 1;
		i = j;
	}
	return 0;
}

void
feed_html_alternates(const char *html, size_t n, const char *page_url,
    char ***alts, size_t *nalts)
{
	struct dstr val = DSTR_INIT;
	struct html_tag t;
	const char *p = html, *end = html + n;
	char *base = NULL, *u, **found[2] = { NULL, NULL };
	size_t nfound[2] = { 0, 0 }, i, k;
	int rank, rel;
	const struct html_attr *href;

	while ((p = next_tag(p, end, &t)) != NULL) {
		if (t.closing)
			continue;
		if (eq_nocase(t.name, t.nlen, "base") && base == NULL) {
			for (i = 0; i < t.nattrs; i++)
				if (eq_nocase(t.attrs[i].name,
				    t.attrs[i].nlen, "href")) {
					dstr_reset(&val);
					unescape(&val, t.attrs[i].val,
					    t.attrs[i].vlen);
					base = url_resolve(page_url, val.buf);
					break;
				}
			continue;
		}
		if (!eq_nocase(t.name, t.nlen, "link"))
			continue;
		rank = -1;
		rel = 0;
		href = NULL;
		for (i = 0; i < t.nattrs; i++) {
			const struct html_attr *a = &t.attrs[i];

			if (eq_nocase(a->name, a->nlen, "rel"))
				rel = has_token(a->val, a->vlen, "alternate");
			else if (eq_nocase(a->name, a->nlen, "type"))
				rank = feed_type_rank(a->val, a->vlen);
			else if (eq_nocase(a->name, a->nlen, "href"))
				href = a;
		}
		if (!rel || rank < 0 || href == NULL || href->vlen == 0 ||
		    nfound[rank] >= FEED_MAX_ALTERNATES)
			continue;
		dstr_reset(&val);
		unescape(&val, href->val, href->vlen);
		u = url_resolve(base != NULL ? base : page_url, val.buf);
		if (u == NULL)
			u = xstrdup(val.buf);
		found[rank] = xreallocarray(found[rank], nfound[rank] + 1,
		    sizeof(char *));
		found[rank][nfound[rank]++] = u;
	}
	for (rank = 0; rank < 2; rank++) {
		for (i = 0; i < nfound[rank]; i++) {
			for (k = 0; k < *nalts; k++)
				if (strcmp((*alts)[k], found[rank][i]) == 0)
					break;
			if (k < *nalts) {
				free(found[rank][i]);
				continue;
			}
			*alts = xreallocarray(*alts, *nalts + 1,
			    sizeof(char *));
			(*alts)[(*nalts)++] = found[rank][i];
		}
		free(found[rank]);
	}
	free(base);
	dstr_release(&val);
}
