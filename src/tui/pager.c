/*
 * pager.c: an article on screen.  The HTML is parsed once (render_html)
 * and laid out again at each width (render_wrap); the header lines come
 * from the view.  Search runs over the plain text, so that a phrase found
 * across a line break is found, and over the link list; matches and the
 * ranges that hooks add (quotations, selections) are ranges of the plain
 * text, mapped to the layout through the spans' source offsets.
 */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "dstr.h"
#include "render.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

#define PAGER_MAXMATCH	10000

void
pager_init(struct pager *p)
{
	memset(p, 0, sizeof(*p));
	p->height = 1;
}

static void
free_head(struct pager *p)
{
	size_t i;

	for (i = 0; i < p->nhead; i++)
		tline_release(&p->head[i]);
	free(p->head);
	p->head = NULL;
	p->nhead = 0;
}

static void
free_layout(struct pager *p)
{
	render_lines_free(p->lines, p->nlines);
	p->lines = NULL;
	p->nlines = 0;
	free(p->first_src);
	p->first_src = NULL;
	p->nlinks = 0;
	p->nhl = 0;
}

void
pager_release(struct pager *p)
{
	free_head(p);
	free_layout(p);
	render_doc_release(&p->doc);
	free(p->query);
	free(p->match);
	free(p->hl);
	free(p->links);
	pager_init(p);
}

void
pager_set_html(struct pager *p, const char *html, const char *base)
{
	free_layout(p);
	render_doc_release(&p->doc);
	if (html == NULL)
		html = "";
	render_html(&p->doc, html, strlen(html), base);
	p->top = 0;
	p->nmatch = 0;
	p->cur_match = 0;
}

void
pager_set_head(struct pager *p, struct tline *head, size_t nhead)
{
	free_head(p);
	p->head = head;
	p->nhead = nhead;
}

size_t
pager_total(const struct pager *p)
{
	return p->nhead + p->nlines;
}

static size_t
max_top(const struct pager *p)
{
	size_t t = pager_total(p);

	return t > (size_t)p->height ? t - (size_t)p->height : 0;
}

void
pager_scroll_to(struct pager *p, size_t line)
{
	p->top = line > max_top(p) ? max_top(p) : line;
}

void
pager_scroll(struct pager *p, long delta)
{
	if (delta < 0 && (size_t)-delta > p->top)
		p->top = 0;
	else
		pager_scroll_to(p, p->top + (size_t)delta);
}

int
pager_at_end(const struct pager *p)
{
	return p->top >= max_top(p);
}

void
pager_set_height(struct pager *p, int height)
{
	p->height = height < 1 ? 1 : height;
	pager_scroll_to(p, p->top);
}

size_t
pager_body_line(const struct pager *p, size_t i)
{
	return i < p->nhead ? (size_t)-1 : i - p->nhead;
}

/* Link areas: link text in the body (the spans before a [N] marker) and
 * the URLs of the list at the end. */
static void
add_link(struct pager *p, size_t line, size_t off, size_t len, int n)
{
	if (p->nlinks == p->linkcap) {
		p->linkcap = p->linkcap ? p->linkcap * 2 : 16;
		p->links = xreallocarray(p->links, p->linkcap,
		    sizeof(*p->links));
	}
	p->links[p->nlinks].line = line;
	p->links[p->nlinks].off = off;
	p->links[p->nlinks].len = len;
	p->links[p->nlinks].link = n;
	p->nlinks++;
}

static int
marker_number(const char *s, size_t n)
{
	int v = 0;
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '[')
		return 0;
	for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if (v < 1000000)
			v = v * 10 + (s[i] - '0');
	return i < n && s[i] == ']' ? v : 0;
}

static void
find_links(struct pager *p)
{
	const struct render_line *ln;
	const struct render_span *sp;
	size_t i, j, k, pending, list_start = p->nlines;
	int cur = 0;

	/* the list starts after the last "Links:" heading */
	for (i = p->nlines; i-- > 0; ) {
		ln = &p->lines[i];
		if (ln->nspans == 1 && (ln->spans[0].style & RS_HEADING) &&
		    ln->spans[0].src == RENDER_NOSRC &&
		    strcmp(ln->text, "Links:") == 0) {
			list_start = i + 1;
			break;
		}
	}
	p->nlinks = 0;
	pending = 0;
	for (i = 0; i < p->nlines; i++) {
		ln = &p->lines[i];
		for (j = 0; j < ln->nspans; j++) {
			sp = &ln->spans[j];
			if (sp->style & RS_LINKNUM) {
				cur = marker_number(ln->text + sp->off,
				    sp->len);
				if (i < list_start) {
					for (k = pending; k < p->nlinks; k++)
						p->links[k].link = cur;
					pending = p->nlinks;
				}
			} else if (sp->style & RS_UNDERLINE) {
				if (i >= list_start)
					add_link(p, i, sp->off, sp->len, cur);
				else if (sp->src != RENDER_NOSRC)
					add_link(p, i, sp->off, sp->len, 0);
			}
		}
	}
	/* drop the body areas that no marker followed */
	for (i = j = 0; i < p->nlinks; i++)
		if (p->links[i].link > 0 &&
		    (size_t)p->links[i].link <= p->doc.nlinks)
			p->links[j++] = p->links[i];
	p->nlinks = j;
}

/* The plain offset shown first on screen, to keep it there on resize. */
static size_t
top_plain(const struct pager *p)
{
	size_t i;

	if (p->top < p->nhead)
		return RENDER_NOSRC;
	for (i = p->top - p->nhead; i < p->nlines; i++)
		if (p->first_src[i] != RENDER_NOSRC)
			return p->first_src[i];
	return RENDER_NOSRC;
}

void
pager_layout(struct pager *p, int width)
{
	size_t i, j, keep, line, col;
	char *q;

	keep = p->lines ? top_plain(p) : RENDER_NOSRC;
	free_layout(p);
	p->width = width;
	render_wrap(&p->doc, width, &p->lines, &p->nlines);
	p->first_src = xreallocarray(NULL, p->nlines + 1, sizeof(size_t));
	for (i = 0; i < p->nlines; i++) {
		p->first_src[i] = RENDER_NOSRC;
		for (j = 0; j < p->lines[i].nspans; j++)
			if (p->lines[i].spans[j].src != RENDER_NOSRC) {
				p->first_src[i] = p->lines[i].spans[j].src;
				break;
			}
	}
	find_links(p);
	if (p->query) {
		/* the same matches at their new places */
		q = p->query;
		p->query = NULL;
		i = p->cur_match;
		pager_search(p, q);
		p->cur_match = i <= p->nmatch ? i : p->nmatch;
		free(q);
	}
	if (keep != RENDER_NOSRC &&
	    render_locate(p->lines, p->nlines, keep, &line, &col) == 0)
		p->top = p->nhead + line;
	pager_scroll_to(p, p->top);
}

/* Case folding for search. */
static uint32_t
fold(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	return (uint32_t)towlower((wint_t)cp);
}

/* Does folded q (nq code points) start at s[0..n)?  *len: bytes. */
static int
match_at(const char *s, size_t n, const uint32_t *q, size_t nq, size_t *len)
{
	uint32_t cp;
	size_t i = 0, k, j;

	for (j = 0; j < nq; j++) {
		if (i >= n)
			return 0;
		k = utf8_decode(s + i, n - i, &cp);
		if (fold(cp) != q[j])
			return 0;
		i += k;
	}
	*len = i;
	return 1;
}

static void
add_match(struct pager *p, size_t *cap, const struct pager_match *m)
{
	if (p->nmatch == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p->match = xreallocarray(p->match, *cap, sizeof(*p->match));
	}
	p->match[p->nmatch++] = *m;
}

static int
cmp_match(const void *a, const void *b)
{
	const struct pager_match *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

/* The body line and byte where plain offset off is shown, searching from
 * line *from on (matches come in order). */
static int
locate_from(const struct pager *p, size_t *from, size_t off, size_t *line,
    size_t *col)
{
	size_t i;

	for (i = *from; i < p->nlines; i++) {
		if (render_locate(p->lines + i, 1, off, line, col) == 0) {
			*line += i;
			*from = i;
			return 0;
		}
	}
	return -1;
}

size_t
pager_search(struct pager *p, const char *query)
{
	struct pager_match m;
	uint32_t *q, cp;
	size_t nq = 0, i, k, len, cap = 0, from = 0, ql;
	const struct render_line *ln;
	size_t j, sp;
	int plain_line;

	free(p->query);
	p->query = NULL;
	free(p->match);
	p->match = NULL;
	p->nmatch = 0;
	p->cur_match = 0;
	if (query == NULL || *query == '\0')
		return 0;
	p->query = xstrdup(query);
	ql = strlen(query);
	q = xreallocarray(NULL, ql + 1, sizeof(*q));
	for (i = 0; i < ql; i += k) {
		k = utf8_decode(query + i, ql - i, &cp);
		q[nq++] = fold(cp);
	}
	/* the plain text: the body */
	for (i = 0; i < p->doc.plain_len && p->nmatch < PAGER_MAXMATCH; ) {
		if (match_at(p->doc.plain + i, p->doc.plain_len - i, q, nq,
		    &len)) {
			memset(&m, 0, sizeof(m));
			m.plain = 1;
			m.start = i;
			m.end = i + len;
			if (locate_from(p, &from, i, &m.line, &m.off) == 0) {
				m.len = len;
				add_match(p, &cap, &m);
			}
			i += len;
		} else {
			k = utf8_decode(p->doc.plain + i,
			    p->doc.plain_len - i, &cp);
			i += k;
		}
	}
	/* lines that are not in the plain text: the link list */
	for (j = 0; j < p->nlines && p->nmatch < PAGER_MAXMATCH; j++) {
		ln = &p->lines[j];
		plain_line = 0;
		for (sp = 0; sp < ln->nspans; sp++)
			if (ln->spans[sp].src != RENDER_NOSRC)
				plain_line = 1;
		if (plain_line)
			continue;
		ql = strlen(ln->text);
		for (i = 0; i < ql; ) {
			if (match_at(ln->text + i, ql - i, q, nq, &len)) {
				memset(&m, 0, sizeof(m));
				m.line = j;
				m.off = i;
				m.len = len;
				add_match(p, &cap, &m);
				i += len;
			} else
				i += utf8_decode(ln->text + i, ql - i, &cp);
		}
	}
	free(q);
	if (p->nmatch > 1)
		qsort(p->match, p->nmatch, sizeof(*p->match), cmp_match);
	p->cur_match = p->nmatch;
	return p->nmatch;
}

static void
show_line(struct pager *p, size_t line)
{
	size_t third = (size_t)p->height / 3;

	if (line >= p->top && line < p->top + (size_t)p->height)
		return;
	pager_scroll_to(p, line > third ? line - third : 0);
}

int
pager_next_match(struct pager *p, int dir, int wrap)
{
	size_t i, line;

	if (p->nmatch == 0)
		return -1;
	if (p->cur_match >= p->nmatch) {
		/* the first one on or after the screen (or before it) */
		if (dir > 0) {
			for (i = 0; i < p->nmatch; i++)
				if (p->nhead + p->match[i].line >= p->top)
					break;
			if (i == p->nmatch) {
				if (!wrap)
					return -1;
				i = 0;
			}
		} else {
			for (i = p->nmatch; i-- > 0; )
				if (p->nhead + p->match[i].line <
				    p->top + (size_t)p->height)
					break;
			if (i == (size_t)-1) {
				if (!wrap)
					return -1;
				i = p->nmatch - 1;
			}
		}
	} else if (dir > 0) {
		i = p->cur_match + 1;
		if (i >= p->nmatch) {
			if (!wrap)
				return -1;
			i = 0;
		}
	} else {
		if (p->cur_match == 0) {
			if (!wrap)
				return -1;
			i = p->nmatch - 1;
		} else
			i = p->cur_match - 1;
	}
	p->cur_match = i;
	line = p->nhead + p->match[i].line;
	show_line(p, line);
	return 0;
}

int
pager_show_plain(struct pager *p, size_t off)
{
	size_t line, col;

	if (render_locate(p->lines, p->nlines, off, &line, &col) != 0)
		return -1;
	line += p->nhead;
	if (line < p->top || line >= p->top + (size_t)p->height)
		pager_scroll_to(p, line > (size_t)p->height / 3 ?
		    line - (size_t)p->height / 3 : 0);
	return 0;
}

void
pager_add_hook(struct pager *p, const struct pager_hook *h)
{
	if (p->nhooks < PAGER_MAXHOOKS)
		p->hooks[p->nhooks++] = *h;
}

void
pager_add_range(struct pager *p, size_t line, size_t off, size_t len,
    int elem)
{
	if (len == 0 || line >= p->nlines)
		return;
	if (p->nhl == p->hlcap) {
		p->hlcap = p->hlcap ? p->hlcap * 2 : 16;
		p->hl = xreallocarray(p->hl, p->hlcap, sizeof(*p->hl));
	}
	p->hl[p->nhl].line = line;
	p->hl[p->nhl].off = off;
	p->hl[p->nhl].len = len;
	p->hl[p->nhl].elem = elem;
	p->hl[p->nhl].order = p->nhl;
	p->nhl++;
}

/* The first body line whose text may hold plain offset off. */
static size_t
line_of_plain(const struct pager *p, size_t off)
{
	size_t lo = 0, hi = p->nlines, mid, m;

	/* the last line with a first_src <= off (lines are in order) */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		for (m = mid; m < hi && p->first_src[m] == RENDER_NOSRC; m++)
			;
		if (m == hi) {
			hi = mid;
			continue;
		}
		if (p->first_src[m] <= off)
			lo = m + 1;
		else
			hi = mid;
	}
	/* lo: first line after the candidates; step back to one with text */
	while (lo > 0 && p->first_src[lo - 1] == RENDER_NOSRC)
		lo--;
	return lo > 0 ? lo - 1 : 0;
}

void
pager_add_plain_range(struct pager *p, size_t start, size_t end, int elem)
{
	const struct render_span *sp;
	size_t i, j, a, b;

	if (start >= end || p->nlines == 0)
		return;
	for (i = line_of_plain(p, start); i < p->nlines; i++) {
		if (p->first_src[i] != RENDER_NOSRC &&
		    p->first_src[i] >= end)
			break;
		for (j = 0; j < p->lines[i].nspans; j++) {
			sp = &p->lines[i].spans[j];
			if (sp->src == RENDER_NOSRC)
				continue;
			a = sp->src > start ? sp->src : start;
			b = sp->src + sp->len < end ? sp->src + sp->len : end;
			if (a < b)
				pager_add_range(p, i, sp->off + (a - sp->src),
				    b - a, elem);
		}
	}
}

static int
cmp_range(const void *a, const void *b)
{
	const struct pager_range *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->off > y->off) - (x->off < y->off);
}

void
pager_highlight(struct pager *p)
{
	const struct pager_match *m;
	size_t i;

	p->nhl = 0;
	for (i = 0; i < p->nhooks; i++)
		if (p->hooks[i].ranges)
			p->hooks[i].ranges(p->hooks[i].ctx, p);
	/* search matches last: they win where they overlap */
	for (i = 0; i < p->nmatch; i++) {
		m = &p->match[i];
		if (m->plain)
			pager_add_plain_range(p, m->start, m->end, E_MATCH);
		else
			pager_add_range(p, m->line, m->off, m->len, E_MATCH);
	}
	if (p->nhl > 1)
		qsort(p->hl, p->nhl, sizeof(*p->hl), cmp_range);
}

static int
style_elem(int style, int in_list, int *attrs)
{
	*attrs = 0;
	if (style & RS_BOLD)
		*attrs |= TA_BOLD;
	if (style & RS_ITALIC)
		*attrs |= TA_ITALIC;
	if (style & RS_HEADING)
		return E_HEADING;
	if (style & RS_LINKNUM)
		return E_LINKNUM;
	if (style & RS_UNDERLINE)
		return in_list ? E_URL : E_LINK;
	if (style & RS_PRE)
		return E_CODE;
	if (style & RS_DECOR)
		return E_DECOR;
	if (style & RS_QUOTE)
		return E_QUOTE;
	if (style & RS_BOLD) {
		*attrs &= ~TA_BOLD;
		return E_BOLD;
	}
	if (style & RS_ITALIC) {
		*attrs &= ~TA_ITALIC;
		return E_ITALIC;
	}
	return E_NORMAL;
}

static void
add_piece(struct pager *p, struct tline *out, int elem, int attrs,
    const char *s, size_t n, int link)
{
	struct dstr d = DSTR_INIT;

	if (p->ascii) {
		tui_text_add(&d, s, n, 0, 1);
		s = d.buf;
		n = d.len;
	}
	tline_add_link(out, elem, attrs, link, s, n);
	dstr_release(&d);
}

static int
span_link(const struct pager *p, size_t line, size_t off)
{
	size_t i;

	/* few areas per article; a linear scan is fine */
	for (i = 0; i < p->nlinks; i++)
		if (p->links[i].line == line && p->links[i].off == off)
			return p->links[i].link;
	return 0;
}

void
pager_line(struct pager *p, size_t i, struct tline *out)
{
	const struct render_line *ln;
	const struct render_span *sp;
	const struct pager_range *h;
	size_t bl, j, lo, hi, mid, pos, end, hend, n;
	int elem, attrs, link, in_list;

	tline_reset(out);
	if (i < p->nhead) {
		for (j = 0; j < p->head[i].nsegs; j++) {
			const struct tseg *s = &p->head[i].segs[j];

			tline_add_link(out, s->elem, s->attrs, s->link,
			    p->head[i].text.buf + s->off, s->len);
		}
		return;
	}
	bl = i - p->nhead;
	if (bl >= p->nlines)
		return;
	ln = &p->lines[bl];
	in_list = p->first_src[bl] == RENDER_NOSRC;
	/* the highlights of this line: hl[lo..) */
	lo = 0;
	hi = p->nhl;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->hl[mid].line < bl)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (j = 0; j < ln->nspans; j++) {
		sp = &ln->spans[j];
		elem = style_elem(sp->style, in_list, &attrs);
		link = (sp->style & RS_UNDERLINE) ? span_link(p, bl, sp->off) :
		    0;
		pos = sp->off;
		end = sp->off + sp->len;
		while (pos < end) {
			/* the latest highlight covering pos, and where the
			 * next one starts or this one ends */
			h = NULL;
			hend = end;
			for (n = lo; n < p->nhl && p->hl[n].line == bl; n++) {
				const struct pager_range *r = &p->hl[n];

				if (r->off > pos) {
					if (r->off < hend)
						hend = r->off;
					continue;
				}
				if (r->off + r->len <= pos)
					continue;
				if (r->off + r->len < hend)
					hend = r->off + r->len;
				if (h == NULL || r->order > h->order)
					h = r;
			}
			add_piece(p, out, h ? h->elem : elem, attrs,
			    ln->text + pos, hend - pos, link);
			pos = hend;
		}
	}
}
