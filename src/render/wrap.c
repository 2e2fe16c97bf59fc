/*
 * wrap.c: lay out the blocks of a parsed document at a width.
 *
 * Each line is the block's containers (outermost first: "> " bars, list
 * markers or their width in blanks) followed by a piece of the block's
 * text.  Text is broken at blanks by display width; a word wider than the
 * line is broken between characters, never inside one, and zero-width
 * characters stay with the character before them.  The prefix takes at
 * most half the width: deeper containers are left out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "render.h"
#include "render-int.h"
#include "utf8.h"
#include "xalloc.h"

#define WIDTH_MIN	10
#define WIDTH_MAX	4096

struct layout {
	const struct render_body *body;
	int			 width;
	struct render_line	*lines;
	size_t			 nlines, cap;
	/* the line being built */
	struct dstr		 text;
	struct render_span	*spans;
	size_t			 nspans, capspans;
	/* containers of the current block, outermost first */
	size_t			 chain[RENDER_MAX_DEPTH + 1];
	size_t			 nchain;
};

static void
add(struct layout *lo, const char *s, size_t n, int style, size_t src)
{
	struct render_span *sp;
	size_t off = lo->text.len;

	if (n == 0)
		return;
	dstr_add(&lo->text, s, n);
	sp = lo->nspans ? &lo->spans[lo->nspans - 1] : NULL;
	if (sp != NULL && sp->style == style &&
	    ((sp->src == RENDER_NOSRC && src == RENDER_NOSRC) ||
	    (sp->src != RENDER_NOSRC && src != RENDER_NOSRC &&
	    sp->src + sp->len == src))) {
		sp->len += n;
		return;
	}
	if (lo->nspans == lo->capspans) {
		lo->capspans = lo->capspans ? lo->capspans * 2 : 8;
		lo->spans = xreallocarray(lo->spans, lo->capspans,
		    sizeof(*lo->spans));
	}
	sp = &lo->spans[lo->nspans++];
	sp->off = off;
	sp->len = n;
	sp->style = style;
	sp->src = src;
}

static void
add_blanks(struct layout *lo, int n)
{
	static const char blanks[] = "                ";

	while (n > 0) {
		add(lo, blanks, n > 16 ? 16 : (size_t)n, RS_PLAIN,
		    RENDER_NOSRC);
		n -= 16;
	}
}

/* Finish the line; without content its trailing blanks go. */
static void
end_line(struct layout *lo, int indent, int content)
{
	struct render_line *l;
	struct render_span *sp;

	if (!content) {
		while (lo->text.len > 0 &&
		    lo->text.buf[lo->text.len - 1] == ' ') {
			sp = &lo->spans[lo->nspans - 1];
			if (--sp->len == 0)
				lo->nspans--;
			dstr_setlen(&lo->text, lo->text.len - 1);
		}
	}
	if (lo->nlines == lo->cap) {
		lo->cap = lo->cap ? lo->cap * 2 : 64;
		lo->lines = xreallocarray(lo->lines, lo->cap,
		    sizeof(*lo->lines));
	}
	l = &lo->lines[lo->nlines++];
	l->text = xstrndup(lo->text.buf, lo->text.len);
	l->nspans = lo->nspans;
	l->spans = xreallocarray(NULL, lo->nspans ? lo->nspans : 1,
	    sizeof(*l->spans));
	if (lo->nspans)
		memcpy(l->spans, lo->spans, lo->nspans * sizeof(*l->spans));
	l->indent = indent;
	dstr_reset(&lo->text);
	lo->nspans = 0;
}

/* Collect the containers around cont, outermost first. */
static void
chain(struct layout *lo, size_t cont)
{
	const struct render_cont *conts = lo->body->conts;
	size_t c, n = 0, i;

	for (c = cont; c != RENDER_NONE && n < RENDER_MAX_DEPTH + 1;
	    c = conts[c].parent)
		lo->chain[n++] = c;
	for (i = 0; i < n / 2; i++) {
		c = lo->chain[i];
		lo->chain[i] = lo->chain[n - 1 - i];
		lo->chain[n - 1 - i] = c;
	}
	lo->nchain = n;
}

/*
 * Append the prefix of a line of block (RENDER_NONE for a blank line
 * between blocks); markers only on the block's first line.  Returns its
 * width.
 */
static int
prefix(struct layout *lo, size_t block, int first)
{
	const struct render_cont *c;
	int w = 0, max = lo->width / 2;
	size_t i;

	for (i = 0; i < lo->nchain; i++) {
		c = &lo->body->conts[lo->chain[i]];
		if (w + c->width > max)
			break;
		switch (c->kind) {
		case RC_QUOTE:
			add(lo, "> ", 2, RS_DECOR, RENDER_NOSRC);
			break;
		case RC_ITEM:
			if (first && c->first_block == block)
				add(lo, c->marker, strlen(c->marker),
				    RS_DECOR, RENDER_NOSRC);
			else
				add_blanks(lo, c->width);
			break;
		case RC_INDENT:
			add_blanks(lo, c->width);
			break;
		}
		w += c->width;
	}
	return w;
}

/* The containers shared by two blocks. */
static size_t
common(const struct render_body *body, size_t a, size_t b)
{
	while (a != b) {
		if (a == RENDER_NONE || b == RENDER_NONE)
			return RENDER_NONE;
		if (body->conts[a].depth >= body->conts[b].depth)
			a = body->conts[a].parent;
		else
			b = body->conts[b].parent;
	}
	return a;
}

/* One line of block: its text [ls, le), styled by the block's runs. */
static void
text_line(struct layout *lo, size_t bi, size_t *run, size_t ls, size_t le,
    int lineno)
{
	const struct render_body *body = lo->body;
	const struct render_block *blk = &body->blocks[bi];
	const struct render_run *r;
	const char *t = body->text + blk->off;
	size_t end = blk->run + blk->nrun, a, z;
	int indent;

	indent = prefix(lo, bi, lineno == 0);
	while (*run < end && body->runs[*run].off + body->runs[*run].len <= ls)
		(*run)++;
	for (r = &body->runs[*run]; r < body->runs + end && r->off < le; r++) {
		a = r->off > ls ? r->off : ls;
		z = r->off + r->len < le ? r->off + r->len : le;
		if (a >= z)
			continue;
		add(lo, t + a, z - a, r->style,
		    r->src == RENDER_NONE ? RENDER_NOSRC : r->src + (a - r->off));
	}
	end_line(lo, indent, le > ls);
}

static void
wrap_text(struct layout *lo, size_t bi, int avail)
{
	const struct render_block *blk = &lo->body->blocks[bi];
	const char *t = lo->body->text + blk->off;
	size_t len = blk->len, pos = 0, q, ls = 0, le = 0, k, run = blk->run;
	size_t lw = 0, ww, cw;
	uint32_t cp;
	int lineno = 0, empty = 1;

	while (pos < len) {
		if (t[pos] == '\n') {
			text_line(lo, bi, &run, ls, le, lineno++);
			ls = le = ++pos;
			lw = 0;
			empty = 1;
			continue;
		}
		if (t[pos] == ' ') {
			pos++;
			continue;
		}
		for (q = pos, ww = 0; q < len && t[q] != ' ' && t[q] != '\n';
		    q += k) {
			k = utf8_decode(t + q, len - q, &cp);
			ww += (size_t)utf8_cpwidth(cp);
		}
		if (!empty) {
			if (lw + (pos - le) + ww <= (size_t)avail) {
				lw += (pos - le) + ww;
				le = pos = q;
				continue;
			}
			text_line(lo, bi, &run, ls, le, lineno++);
		}
		ls = pos;
		empty = 0;
		if (ww <= (size_t)avail) {
			lw = ww;
			le = pos = q;
			continue;
		}
		/* wider than a line: break between characters */
		for (lw = 0; pos < q; pos += k) {
			k = utf8_decode(t + pos, q - pos, &cp);
			cw = (size_t)utf8_cpwidth(cp);
			if (lw + cw > (size_t)avail && pos > ls) {
				text_line(lo, bi, &run, ls, pos, lineno++);
				ls = pos;
				lw = 0;
			}
			lw += cw;
		}
		le = q;
	}
	if (!empty)
		text_line(lo, bi, &run, ls, le, lineno);
}

static void
wrap_pre(struct layout *lo, size_t bi)
{
	const struct render_block *blk = &lo->body->blocks[bi];
	const char *t = lo->body->text + blk->off, *nl;
	size_t pos = 0, run = blk->run, e;
	int lineno = 0;

	while (pos <= blk->len) {
		nl = memchr(t + pos, '\n', blk->len - pos);
		e = nl ? (size_t)(nl - t) : blk->len;
		text_line(lo, bi, &run, pos, e, lineno++);
		pos = e + 1;
	}
}

static void
rule(struct layout *lo, size_t bi, int avail)
{
	static const char dashes[] = "----------------";
	int indent, n;

	indent = prefix(lo, bi, 1);
	for (n = avail; n > 0; n -= 16)
		add(lo, dashes, n > 16 ? 16 : (size_t)n, RS_DECOR,
		    RENDER_NOSRC);
	end_line(lo, indent, 1);
}

/* "[N] URL", the URL broken between characters with a hanging indent. */
static void
link_entry(struct layout *lo, size_t i, const char *url)
{
	char num[32];
	size_t n = strlen(url), pos, ls, k;
	uint32_t cp;
	int hang, avail, lw, cw;

	snprintf(num, sizeof(num), "[%zu]", i + 1);
	hang = (int)strlen(num) + 1;
	if (hang > lo->width / 2)
		hang = 0;
	avail = lo->width - hang;
	add(lo, num, strlen(num), RS_LINKNUM, RENDER_NOSRC);
	add(lo, " ", 1, RS_PLAIN, RENDER_NOSRC);
	if (hang == 0) {
		end_line(lo, 0, 1);
		avail = lo->width;
	}
	for (pos = ls = 0, lw = 0; pos < n; pos += k) {
		k = utf8_decode(url + pos, n - pos, &cp);
		cw = utf8_cpwidth(cp);
		if (lw + cw > avail && pos > ls) {
			add(lo, url + ls, pos - ls, RS_UNDERLINE, RENDER_NOSRC);
			end_line(lo, hang, 1);
			add_blanks(lo, hang);
			ls = pos;
			lw = 0;
		}
		lw += cw;
	}
	add(lo, url + ls, n - ls, RS_UNDERLINE, RENDER_NOSRC);
	end_line(lo, hang, 1);
}

int
render_wrap(const struct render_doc *doc, int width,
    struct render_line **lines, size_t *nlines)
{
	struct layout lo;
	const struct render_body *body = doc->body;
	const struct render_block *blk;
	size_t i, prev = RENDER_NONE;
	int pw;

	memset(&lo, 0, sizeof(lo));
	dstr_init(&lo.text);
	lo.body = body;
	lo.width = width < WIDTH_MIN ? WIDTH_MIN :
	    width > WIDTH_MAX ? WIDTH_MAX : width;
	for (i = 0; body != NULL && i < body->nblocks; i++) {
		blk = &body->blocks[i];
		if (i > 0 && blk->sep == 2) {
			chain(&lo, common(body, prev, blk->cont));
			pw = prefix(&lo, RENDER_NONE, 0);
			end_line(&lo, pw, 0);
		}
		prev = blk->cont;
		chain(&lo, blk->cont);
		/* the width of the prefix, without making it */
		pw = prefix(&lo, RENDER_NONE, 0);
		dstr_reset(&lo.text);
		lo.nspans = 0;
		switch (blk->kind) {
		case RB_RULE:
			rule(&lo, i, lo.width - pw);
			break;
		case RB_PRE:
			wrap_pre(&lo, i);
			break;
		default:
			wrap_text(&lo, i, lo.width - pw);
			break;
		}
	}
	if (doc->nlinks > 0) {
		if (lo.nlines > 0)
			end_line(&lo, 0, 0);
		add(&lo, "Links:", 6, RS_HEADING, RENDER_NOSRC);
		end_line(&lo, 0, 1);
		for (i = 0; i < doc->nlinks; i++)
			link_entry(&lo, i, doc->links[i].url);
	}
	dstr_release(&lo.text);
	free(lo.spans);
	*lines = lo.lines;
	*nlines = lo.nlines;
	return 0;
}

void
render_lines_free(struct render_line *lines, size_t nlines)
{
	size_t i;

	for (i = 0; i < nlines; i++) {
		free(lines[i].text);
		free(lines[i].spans);
	}
	free(lines);
}

int
render_locate(const struct render_line *lines, size_t nlines,
    size_t plain_off, size_t *line, size_t *col_byte)
{
	const struct render_span *sp;
	size_t i, j;

	for (i = 0; i < nlines; i++) {
		for (j = 0; j < lines[i].nspans; j++) {
			sp = &lines[i].spans[j];
			if (sp->src == RENDER_NOSRC || sp->src + sp->len <= plain_off)
				continue;
			*line = i;
			*col_byte = sp->off +
			    (sp->src < plain_off ? plain_off - sp->src : 0);
			return 0;
		}
	}
	return -1;
}
