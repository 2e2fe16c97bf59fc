/*
 * html.c: HTML to blocks of styled text, a plain-text version and a list
 * of links.
 *
 * libxml2 parses the page into a tree (in recovery mode, never printing),
 * which is walked without recursion: one enter and one leave event per
 * element.  Text goes into the current block with browser-like blank
 * collapsing; block elements end it.  Lists and blockquotes become
 * containers (see render-int.h) that wrap.c turns into bullets and "> "
 * bars.  Below RENDER_MAX_DEPTH elements the walk keeps only the text and
 * the block boundaries.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "dstr.h"
#include "render.h"
#include "render-int.h"
#include "utf8.h"
#include "xalloc.h"

#define LINKTEXT_MAX	256

enum kind {
	K_INLINE,		/* unknown elements too */
	K_DROP,			/* dropped with their content */
	K_DIV,			/* block, line break around */
	K_PARA,			/* block, blank line around */
	K_HEAD,
	K_UL,
	K_OL,
	K_LI,
	K_DT,
	K_DD,
	K_QUOTE,
	K_PRE,
	K_BR,
	K_HR,
	K_IMG,
	K_MEDIA,
	K_TABLE,
	K_TR,
	K_TD,
	K_TH,
	K_A,
	K_BOLD,
	K_ITALIC,
	K_CODE,
};

struct elem {
	const char	*name;
	int		 kind;
};

/* Sorted by name for bsearch(). */
static const struct elem elems[] = {
	{ "a",		K_A },
	{ "address",	K_PARA },
	{ "article",	K_DIV },
	{ "aside",	K_DIV },
	{ "audio",	K_MEDIA },
	{ "b",		K_BOLD },
	{ "blockquote",	K_QUOTE },
	{ "body",	K_DIV },
	{ "br",		K_BR },
	{ "canvas",	K_DROP },
	{ "caption",	K_DIV },
	{ "center",	K_DIV },
	{ "cite",	K_ITALIC },
	{ "code",	K_CODE },
	{ "datalist",	K_DROP },
	{ "dd",		K_DD },
	{ "details",	K_DIV },
	{ "dfn",	K_ITALIC },
	{ "dir",	K_UL },
	{ "div",	K_DIV },
	{ "dl",		K_PARA },
	{ "dt",		K_DT },
	{ "em",		K_ITALIC },
	{ "embed",	K_MEDIA },
	{ "fieldset",	K_PARA },
	{ "figcaption",	K_DIV },
	{ "figure",	K_PARA },
	{ "footer",	K_DIV },
	{ "form",	K_DIV },
	{ "frameset",	K_DROP },
	{ "h1",		K_HEAD },
	{ "h2",		K_HEAD },
	{ "h3",		K_HEAD },
	{ "h4",		K_HEAD },
	{ "h5",		K_HEAD },
	{ "h6",		K_HEAD },
	{ "head",	K_DROP },
	{ "header",	K_DIV },
	{ "hr",		K_HR },
	{ "html",	K_DIV },
	{ "i",		K_ITALIC },
	{ "iframe",	K_MEDIA },
	{ "img",	K_IMG },
	{ "kbd",	K_CODE },
	{ "legend",	K_DIV },
	{ "li",		K_LI },
	{ "listing",	K_PRE },
	{ "main",	K_DIV },
	{ "menu",	K_UL },
	{ "nav",	K_DIV },
	{ "noscript",	K_DROP },
	{ "object",	K_MEDIA },
	{ "ol",		K_OL },
	{ "p",		K_PARA },
	{ "plaintext",	K_PRE },
	{ "pre",	K_PRE },
	{ "samp",	K_CODE },
	{ "script",	K_DROP },
	{ "section",	K_DIV },
	{ "select",	K_DROP },
	{ "strong",	K_BOLD },
	{ "style",	K_DROP },
	{ "summary",	K_DIV },
	{ "svg",	K_DROP },
	{ "table",	K_TABLE },
	{ "td",		K_TD },
	{ "template",	K_DROP },
	{ "textarea",	K_DROP },
	{ "th",		K_TH },
	{ "title",	K_DROP },
	{ "tr",		K_TR },
	{ "tt",		K_CODE },
	{ "ul",		K_UL },
	{ "var",	K_ITALIC },
	{ "video",	K_MEDIA },
	{ "xmp",	K_PRE },
};

/* How decoration meets the blanks around it. */
enum decor {
	D_INLINE,		/* like a word: [image] */
	D_ATTACH,		/* glued to what precedes: [N] */
	D_SEP,			/* replaces the blanks around it: " | " */
};

/* What the plain text has due before the next word. */
enum {
	SP_NONE,
	SP_BLANK,
	SP_NEWLINE,		/* after <br> */
	SP_NEWLINE2,		/* after two or more */
};

/* What an element changed, restored when it ends. */
struct frame {
	int	 kind;
	int	 style;
	int	 pre;
	int	 link;		/* this element opened b->lurl */
	size_t	 cont;
};

struct builder {
	const char		*base;
	struct dstr		 plain;
	struct dstr		 text;	/* the text of all blocks */
	struct render_run	*runs;
	size_t			 nruns, capruns;
	struct render_block	*blocks;
	size_t			 nblocks, capblocks;
	struct render_cont	*conts;
	size_t			 nconts, capconts;
	struct render_link	*links;
	size_t			 nlinks, caplinks;
	size_t			*ltab;	/* hash of URLs: link index + 1 */
	size_t			 ltabcap;

	struct frame		 frames[RENDER_MAX_DEPTH];
	int			 style;
	int			 pre;	/* inside this many <pre> */
	int			 cells;	/* cells so far in this row */
	size_t			 cont;	/* current container */
	int			 pending_sep;

	/* the block being filled */
	int			 started;
	int			 bkind;
	int			 bsep;
	size_t			 bcont;
	size_t			 boff;	/* in text */
	size_t			 brun;	/* in runs */
	size_t			 bplain;	/* where its plain text starts */
	size_t			 bplain_sep;	/* plain length before that */
	int			 sp_disp;	/* a blank is due on screen */
	int			 sp_plain;	/* and in the plain text */
	int			 sp_style;
	int			 at_start;	/* blanks here are dropped */
	int			 pre_col;
	int			 pre_fresh;	/* drop a newline right after <pre> */

	/* the link being read */
	char			*lurl;
	struct dstr		 ltext;
	int			 lshown;

	struct dstr		 scratch;
};

static int
elem_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct elem *)e)->name);
}

static int
elem_kind(const xmlNode *n)
{
	const struct elem *e;

	if (n->name == NULL)
		return K_INLINE;
	e = bsearch(n->name, elems, sizeof(elems) / sizeof(elems[0]),
	    sizeof(elems[0]), elem_cmp);
	return e ? e->kind : K_INLINE;
}

static char *
get_attr(const xmlNode *n, const char *name)
{
	xmlChar *v;
	char *s;

	v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Growing the arrays. */
static void *
grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(p, *cap, size);
}

/* Appending to the current block. */

static void
block_start(struct builder *b)
{
	b->started = 1;
	b->bkind = b->pre ? RB_PRE : RB_TEXT;
	if (b->nblocks == 0)
		b->bsep = 0;
	else
		b->bsep = b->pending_sep > 1 ? 2 : 1;
	b->pending_sep = 0;
	b->bcont = b->cont;
	b->boff = b->text.len;
	b->brun = b->nruns;
	b->bplain = b->bplain_sep = RENDER_NONE;
	b->sp_disp = 0;
	b->sp_plain = SP_NONE;
	b->at_start = 1;
	b->pre_col = 0;
}

/* The containers around block i that had no block yet begin with it. */
static void
mark_first(struct builder *b, size_t cont, size_t i)
{
	while (cont != RENDER_NONE && b->conts[cont].first_block ==
	    RENDER_NONE) {
		b->conts[cont].first_block = i;
		cont = b->conts[cont].parent;
	}
}

static void
block_store(struct builder *b, int kind, size_t off, size_t len)
{
	struct render_block *blk;

	b->blocks = grow(b->blocks, &b->capblocks, b->nblocks,
	    sizeof(*b->blocks));
	blk = &b->blocks[b->nblocks];
	blk->off = off;
	blk->len = len;
	blk->run = b->brun;
	blk->nrun = b->nruns - b->brun;
	blk->cont = b->bcont;
	blk->kind = kind;
	blk->sep = b->bsep;
	mark_first(b, b->bcont, b->nblocks);
	b->nblocks++;
}

static void
plain_start(struct builder *b)
{
	if (b->bplain != RENDER_NONE)
		return;
	b->bplain_sep = b->plain.len;
	if (b->plain.len > 0)
		dstr_add(&b->plain, "\n\n", b->bsep == 2 ? 2 : 1);
	b->bplain = b->plain.len;
}

/* Add s to the block's text, to the plain text too if inplain. */
static void
put(struct builder *b, const char *s, size_t n, int style, int inplain)
{
	struct render_run *r;
	size_t off, src = RENDER_NONE, p;

	if (n == 0)
		return;
	if (inplain) {
		plain_start(b);
		src = b->plain.len;
		dstr_add(&b->plain, s, n);
	}
	off = b->text.len - b->boff;
	dstr_add(&b->text, s, n);
	r = b->nruns > b->brun ? &b->runs[b->nruns - 1] : NULL;
	if (r != NULL && r->style == style && r->off + r->len == off &&
	    ((r->src == RENDER_NONE && src == RENDER_NONE) ||
	    (r->src != RENDER_NONE && src != RENDER_NONE &&
	    r->src + r->len == src)))
		r->len += n;
	else {
		b->runs = grow(b->runs, &b->capruns, b->nruns,
		    sizeof(*b->runs));
		r = &b->runs[b->nruns++];
		r->off = off;
		r->len = n;
		r->src = src;
		r->style = style;
	}
	if (b->lurl != NULL) {
		b->lshown = 1;
		if (b->ltext.len < LINKTEXT_MAX) {
			dstr_add(&b->ltext, s, n);
			if (b->ltext.len > LINKTEXT_MAX) {
				/* cut at a character boundary */
				p = LINKTEXT_MAX;
				while (p > 0 &&
				    (b->ltext.buf[p] & 0xC0) == 0x80)
					p--;
				dstr_setlen(&b->ltext, p);
			}
		}
	}
}

/* Whether a block holds nothing but blanks and no-break spaces. */
static int
is_blank_block(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n')
			continue;
		if (s[i] == '\xC2' && i + 1 < n && s[i + 1] == '\xA0') {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* End the current block, if any. */
static void
flush(struct builder *b)
{
	struct render_run *r;
	size_t len;

	if (!b->started)
		return;
	b->started = 0;
	/* drop trailing line breaks */
	while (b->text.len > b->boff && b->text.buf[b->text.len - 1] == '\n') {
		r = &b->runs[b->nruns - 1];
		if (r->src != RENDER_NONE)
			dstr_setlen(&b->plain, b->plain.len - 1);
		if (--r->len == 0)
			b->nruns--;
		dstr_setlen(&b->text, b->text.len - 1);
	}
	len = b->text.len - b->boff;
	if (len > 0 && is_blank_block(b->text.buf + b->boff, len)) {
		/* <p>&nbsp;</p> */
		dstr_setlen(&b->text, b->boff);
		if (b->bplain != RENDER_NONE)
			dstr_setlen(&b->plain, b->bplain);
		len = 0;
	}
	if (b->bplain != RENDER_NONE && b->plain.len == b->bplain)
		dstr_setlen(&b->plain, b->bplain_sep);
	if (len == 0) {
		b->nruns = b->brun;
		return;
	}
	block_store(b, b->bkind, b->boff, len);
}

/* A block boundary: sep 1 for a line break, 2 for a blank line. */
static void
boundary(struct builder *b, int sep)
{
	if (b->lurl != NULL && b->ltext.len > 0 && b->ltext.len < LINKTEXT_MAX &&
	    b->ltext.buf[b->ltext.len - 1] != ' ')
		dstr_addc(&b->ltext, ' ');
	flush(b);
	if (sep > b->pending_sep)
		b->pending_sep = sep;
}

static void
note_space(struct builder *b)
{
	if (!b->started)
		return;
	if (!b->at_start && !b->sp_disp) {
		b->sp_disp = 1;
		b->sp_style = b->style;
	}
	if (b->sp_plain == SP_NONE && b->bplain != RENDER_NONE &&
	    b->plain.len > b->bplain)
		b->sp_plain = SP_BLANK;
}

static void
emit_word(struct builder *b, const char *s, size_t n)
{
	if (!b->started)
		block_start(b);
	/* the plain text's blank or line breaks that are not on screen */
	if (b->sp_plain >= SP_NEWLINE || (b->sp_plain == SP_BLANK &&
	    !b->sp_disp))
		dstr_adds(&b->plain, b->sp_plain == SP_BLANK ? " " :
		    b->sp_plain == SP_NEWLINE ? "\n" : "\n\n");
	if (b->sp_disp)
		put(b, " ", 1, b->sp_style & b->style,
		    b->sp_plain == SP_BLANK);
	b->sp_disp = 0;
	b->sp_plain = SP_NONE;
	b->at_start = 0;
	put(b, s, n, b->style, 1);
}

static void
emit_decor(struct builder *b, const char *s, size_t n, int style, int mode)
{
	if (!b->started)
		block_start(b);
	switch (mode) {
	case D_INLINE:
		if (b->sp_disp)
			put(b, " ", 1, b->sp_style & style, 0);
		b->sp_disp = 0;
		break;
	case D_SEP:
		b->sp_disp = 0;
		if (b->sp_plain == SP_NONE && b->bplain != RENDER_NONE &&
		    b->plain.len > b->bplain)
			b->sp_plain = SP_BLANK;
		break;
	}
	put(b, s, n, style, 0);
	b->at_start = mode == D_SEP;
}

static void
add_break(struct builder *b)
{
	if (b->pre) {
		if (!b->started) {
			if (b->pre_fresh) {
				b->pre_fresh = 0;
				return;
			}
			block_start(b);
		}
		b->pre_fresh = 0;
		put(b, "\n", 1, b->style, 1);
		b->pre_col = 0;
		return;
	}
	if (!b->started)
		return;
	/* on screen now; in the plain text before the next word */
	put(b, "\n", 1, b->style, 0);
	if (b->bplain != RENDER_NONE)
		b->sp_plain = b->sp_plain >= SP_NEWLINE ? SP_NEWLINE2 :
		    SP_NEWLINE;
	b->sp_disp = 0;
	b->at_start = 1;
}

static void
add_pre_text(struct builder *b, const char *s, size_t n)
{
	static const char blanks[] = "        ";
	uint32_t cp;
	size_t i, j, k;
	int w;

	for (i = 0; i < n; ) {
		if (s[i] == '\n') {
			add_break(b);
			i++;
			continue;
		}
		if (!b->started)
			block_start(b);
		b->pre_fresh = 0;
		if (s[i] == '\t') {
			w = 8 - b->pre_col % 8;
			put(b, blanks, (size_t)w, b->style, 1);
			b->pre_col += w;
			i++;
			continue;
		}
		for (j = i; j < n && s[j] != '\n' && s[j] != '\t'; j += k) {
			k = utf8_decode(s + j, n - j, &cp);
			b->pre_col += utf8_cpwidth(cp);
		}
		put(b, s + i, j - i, b->style, 1);
		i = j;
	}
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/*
 * Whether s needs no sanitising: valid UTF-8, nothing unsafe, and of the
 * controls only the blanks that the caller handles (newline and tab in
 * <pre>; all HTML blanks elsewhere).
 */
static int
is_clean(const char *s, size_t n, int pre)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		k = 1;
		if (p[i] >= 0x20 && p[i] < 0x7F)
			continue;
		if (p[i] < 0x80) {
			if (p[i] == '\n' || p[i] == '\t' ||
			    (!pre && (p[i] == '\r' || p[i] == '\f')))
				continue;
			return 0;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if ((cp == UTF8_REPLACEMENT && k == 1) || utf8_is_unsafe(cp) ||
		    cp == 0xAD)
			return 0;
	}
	return 1;
}

/* Soft hyphens are invisible unless a browser breaks there; we don't. */
static void
drop_soft_hyphens(struct dstr *d)
{
	size_t i, j;

	for (i = j = 0; i < d->len; i++) {
		if (d->buf[i] == '\xC2' && i + 1 < d->len &&
		    d->buf[i + 1] == '\xAD') {
			i++;
			continue;
		}
		d->buf[j++] = d->buf[i];
	}
	dstr_setlen(d, j);
}

static void
add_text(struct builder *b, const char *s)
{
	size_t n = strlen(s), i, j;

	if (!is_clean(s, n, b->pre)) {
		dstr_reset(&b->scratch);
		utf8_sanitize(&b->scratch, s, n,
		    b->pre ? SAN_KEEP_NEWLINES : 0);
		drop_soft_hyphens(&b->scratch);
		s = b->scratch.buf;
		n = b->scratch.len;
	}
	if (b->pre) {
		add_pre_text(b, s, n);
		return;
	}
	for (i = 0; i < n; i = j) {
		if (is_blank((unsigned char)s[i])) {
			note_space(b);
			for (j = i + 1; j < n && is_blank((unsigned char)s[j]);
			    j++)
				;
			continue;
		}
		/* words joined by single spaces go in at once */
		for (j = i; ; j++) {
			while (j < n && !is_blank((unsigned char)s[j]))
				j++;
			if (j + 1 >= n || s[j] != ' ' ||
			    is_blank((unsigned char)s[j + 1]))
				break;
		}
		emit_word(b, s + i, j - i);
	}
}

/* URLs */

/*
 * Trim blanks and controls, drop tabs and newlines inside (as browsers
 * do) and escape spaces.
 */
static char *
url_clean(const char *s)
{
	struct dstr d = DSTR_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	while (n > 0 && p[n - 1] <= ' ')
		n--;
	while (n > 0 && *p <= ' ') {
		p++;
		n--;
	}
	for (; n > 0; p++, n--) {
		if (*p == ' ')
			dstr_adds(&d, "%20");
		else if (*p >= ' ')
			dstr_addc(&d, (char)*p);
	}
	return dstr_detach(&d, NULL);
}

static int
url_unsafe(const char *u)
{
	static const char *schemes[] = { "javascript:", "vbscript:", "data:" };
	size_t i;

	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(u, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/* The attribute value as a safe absolute URL, or NULL. */
static char *
url_make(struct builder *b, const char *attr)
{
	xmlChar *abs = NULL;
	char *u, *out;

	if (attr == NULL)
		return NULL;
	u = url_clean(attr);
	if (*u == '\0' || url_unsafe(u)) {
		free(u);
		return NULL;
	}
	if (b->base != NULL)
		abs = xmlBuildURI((const xmlChar *)u,
		    (const xmlChar *)b->base);
	out = utf8_sanitize_dup(abs ? (const char *)abs : u, SAN_ONE_LINE);
	if (abs != NULL)
		xmlFree(abs);
	free(u);
	if (*out == '\0' || url_unsafe(out)) {
		free(out);
		return NULL;
	}
	return out;
}

static uint32_t
url_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
ltab_insert(struct builder *b, size_t idx)
{
	size_t mask = b->ltabcap - 1, i;

	i = url_hash(b->links[idx].url) & mask;
	while (b->ltab[i] != 0)
		i = (i + 1) & mask;
	b->ltab[i] = idx + 1;
}

/* The number of url (taken), a new one if not seen before. */
static size_t
link_number(struct builder *b, char *url, const char *text)
{
	struct render_link *l;
	size_t mask, i, k;

	if (b->ltabcap > 0) {
		mask = b->ltabcap - 1;
		for (i = url_hash(url) & mask; b->ltab[i] != 0;
		    i = (i + 1) & mask)
			if (strcmp(b->links[b->ltab[i] - 1].url, url) == 0) {
				free(url);
				return b->ltab[i];
			}
	}
	b->links = grow(b->links, &b->caplinks, b->nlinks, sizeof(*b->links));
	l = &b->links[b->nlinks++];
	l->url = url;
	l->text = xstrdup(text);
	if (b->nlinks * 2 > b->ltabcap) {
		free(b->ltab);
		b->ltabcap = b->ltabcap ? b->ltabcap * 2 : 64;
		b->ltab = xcalloc(b->ltabcap, sizeof(*b->ltab));
		for (k = 0; k < b->nlinks; k++)
			ltab_insert(b, k);
	} else
		ltab_insert(b, b->nlinks - 1);
	return b->nlinks;
}

static void
link_end(struct builder *b)
{
	struct render_block *blk;
	struct render_run *r;
	char num[32], *url = b->lurl;
	size_t n, start, end;

	b->lurl = NULL;
	if (!b->lshown) {
		free(url);
		return;
	}
	start = 0;
	end = b->ltext.len;
	while (start < end && b->ltext.buf[start] == ' ')
		start++;
	while (end > start && b->ltext.buf[end - 1] == ' ')
		end--;
	dstr_setlen(&b->ltext, end);
	for (n = start; n < end; n++)
		if (b->ltext.buf[n] == '\n')
			b->ltext.buf[n] = ' ';
	n = link_number(b, url, b->ltext.buf + start);
	snprintf(num, sizeof(num), "[%zu]", n);
	if (!b->started && b->nblocks > 0) {
		/* the link held whole blocks: glue the marker to the last */
		blk = &b->blocks[b->nblocks - 1];
		if (blk->kind != RB_RULE && blk->off + blk->len == b->text.len &&
		    blk->run + blk->nrun == b->nruns) {
			b->runs = grow(b->runs, &b->capruns, b->nruns,
			    sizeof(*b->runs));
			r = &b->runs[b->nruns++];
			r->off = blk->len;
			r->len = strlen(num);
			r->src = RENDER_NONE;
			r->style = RS_LINKNUM;
			dstr_add(&b->text, num, r->len);
			blk->len += r->len;
			blk->nrun++;
			return;
		}
	}
	emit_decor(b, num, strlen(num), RS_LINKNUM, D_ATTACH);
}

/* Containers */

static struct render_cont *
cont_push(struct builder *b, int kind)
{
	struct render_cont *c;

	b->conts = grow(b->conts, &b->capconts, b->nconts, sizeof(*b->conts));
	c = &b->conts[b->nconts];
	memset(c, 0, sizeof(*c));
	c->parent = b->cont;
	c->first_block = RENDER_NONE;
	c->kind = kind;
	c->depth = b->cont == RENDER_NONE ? 0 : b->conts[b->cont].depth + 1;
	b->cont = b->nconts++;
	return c;
}

static size_t
nearest_list(const struct builder *b)
{
	size_t c;

	for (c = b->cont; c != RENDER_NONE; c = b->conts[c].parent)
		if (b->conts[c].kind == RC_LIST)
			return c;
	return RENDER_NONE;
}

static int
in_item(const struct builder *b)
{
	return b->cont != RENDER_NONE && b->conts[b->cont].kind == RC_ITEM;
}

static int
ndigits(long v)
{
	int n = v < 0 ? 2 : 1;

	while (v >= 10 || v <= -10) {
		v /= 10;
		n++;
	}
	return n;
}

static void
list_start(struct builder *b, const xmlNode *n, int ordered)
{
	struct render_cont *c;
	const xmlNode *k;
	size_t up = nearest_list(b);
	long start = 1, count = 0, last;
	char *a;

	if (ordered && (a = get_attr(n, "start")) != NULL) {
		start = strtol(a, NULL, 10);
		if (start > 1000000000L || start < -1000000000L)
			start = 1;
		free(a);
	}
	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE && elem_kind(k) == K_LI)
			count++;
	last = start + (count > 0 ? count - 1 : 0);
	c = cont_push(b, RC_LIST);
	c->ordered = ordered;
	c->level = up == RENDER_NONE ? 1 : b->conts[up].level + 1;
	c->next = start;
	c->numwidth = ndigits(start) > ndigits(last) ? ndigits(start) :
	    ndigits(last);
}

static void
item_start(struct builder *b, const xmlNode *n)
{
	struct render_cont *c, *list = NULL;
	size_t up = nearest_list(b);
	char *a;
	long v;

	c = cont_push(b, RC_ITEM);
	if (up != RENDER_NONE)
		list = &b->conts[up];
	if (list != NULL && list->ordered) {
		if ((a = get_attr(n, "value")) != NULL) {
			v = strtol(a, NULL, 10);
			if (v <= 1000000000L && v >= -1000000000L)
				list->next = v;
			free(a);
		}
		snprintf(c->marker, sizeof(c->marker), "%*ld. ",
		    list->numwidth, list->next);
		if (list->next < 1000000000L)
			list->next++;
	} else
		snprintf(c->marker, sizeof(c->marker), "%s",
		    list != NULL && list->level > 1 ? "- " : "* ");
	c->width = (int)strlen(c->marker);
}

/* Leaf elements */

static void
add_image(struct builder *b, const xmlNode *n)
{
	struct dstr d = DSTR_INIT;
	char *alt, *s;
	size_t i, len;

	alt = get_attr(n, "alt");
	s = alt ? utf8_sanitize_dup(alt, SAN_ONE_LINE) : NULL;
	free(alt);
	i = 0;
	len = s ? strlen(s) : 0;
	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;
	if (len > i) {
		dstr_adds(&d, "[image: ");
		dstr_add(&d, s + i, len - i);
		dstr_addc(&d, ']');
	} else
		dstr_adds(&d, "[image]");
	free(s);
	emit_decor(b, d.buf, d.len, b->style | RS_DECOR, D_INLINE);
	dstr_release(&d);
}

static void
add_media(struct builder *b, const xmlNode *n)
{
	struct dstr d = DSTR_INIT;
	const xmlNode *k;
	const char *label = (const char *)n->name;
	char *src, *url;

	if (strcmp(label, "object") == 0) {
		label = "embed";
		src = get_attr(n, "data");
	} else
		src = get_attr(n, "src");
	for (k = n->children; src == NULL && k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(k->name, (const xmlChar *)"source"))
			src = get_attr(k, "src");
	url = url_make(b, src);
	free(src);
	if (url != NULL)
		dstr_addf(&d, "[%s: %s]", label, url);
	else
		dstr_addf(&d, "[%s]", label);
	free(url);
	boundary(b, 2);
	emit_decor(b, d.buf, d.len, RS_DECOR, D_INLINE);
	boundary(b, 2);
	dstr_release(&d);
}

static void
add_rule(struct builder *b)
{
	boundary(b, 2);
	b->bsep = b->nblocks == 0 ? 0 : 2;
	b->bcont = b->cont;
	b->brun = b->nruns;
	block_store(b, RB_RULE, b->text.len, 0);
	b->pending_sep = 2;
}

/* The walk */

static int
enter(struct builder *b, const xmlNode *n, int depth)
{
	struct frame *f;
	int kind;
	char *a;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			add_text(b, (const char *)n->content);
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	switch (kind = elem_kind(n)) {
	case K_DROP:
		return 0;
	case K_BR:
		add_break(b);
		return 0;
	case K_HR:
		add_rule(b);
		return 0;
	case K_IMG:
		add_image(b, n);
		return 0;
	case K_MEDIA:
		add_media(b, n);
		return 0;
	}
	if (depth >= RENDER_MAX_DEPTH) {
		/* flattened: keep only the boundaries */
		switch (kind) {
		case K_DIV: case K_LI: case K_DT: case K_DD: case K_TR:
			boundary(b, 1);
			break;
		case K_PARA: case K_HEAD: case K_UL: case K_OL: case K_QUOTE:
		case K_PRE: case K_TABLE:
			boundary(b, 2);
			break;
		}
		return 1;
	}
	f = &b->frames[depth];
	f->kind = kind;
	f->style = b->style;
	f->pre = b->pre;
	f->cont = b->cont;
	f->link = 0;
	switch (kind) {
	case K_DIV:
		boundary(b, 1);
		break;
	case K_PARA:
	case K_TABLE:
		boundary(b, 2);
		break;
	case K_HEAD:
		boundary(b, 2);
		b->style |= RS_HEADING | RS_BOLD;
		break;
	case K_UL:
	case K_OL:
		boundary(b, in_item(b) ? 1 : 2);
		list_start(b, n, kind == K_OL);
		break;
	case K_LI:
		boundary(b, 1);
		item_start(b, n);
		break;
	case K_DT:
		boundary(b, 1);
		b->style |= RS_BOLD;
		break;
	case K_DD:
		boundary(b, 1);
		cont_push(b, RC_INDENT)->width = 2;
		break;
	case K_QUOTE:
		boundary(b, 2);
		cont_push(b, RC_QUOTE)->width = 2;
		b->style |= RS_QUOTE;
		break;
	case K_PRE:
		boundary(b, 2);
		b->pre++;
		b->pre_fresh = 1;
		b->style |= RS_PRE;
		break;
	case K_TR:
		boundary(b, 1);
		b->cells = 0;
		break;
	case K_TD:
	case K_TH:
		if (b->cells++ > 0 && b->started)
			emit_decor(b, " | ", 3, RS_DECOR, D_SEP);
		if (kind == K_TH)
			b->style |= RS_BOLD;
		break;
	case K_A:
		if (b->lurl != NULL || (a = get_attr(n, "href")) == NULL)
			break;
		b->lurl = url_make(b, a);
		free(a);
		if (b->lurl == NULL)
			break;
		f->link = 1;
		b->lshown = 0;
		dstr_reset(&b->ltext);
		b->style |= RS_UNDERLINE;
		break;
	case K_BOLD:
		b->style |= RS_BOLD;
		break;
	case K_ITALIC:
		b->style |= RS_ITALIC;
		break;
	case K_CODE:
		b->style |= RS_PRE;
		break;
	}
	return 1;
}

static void
leave(struct builder *b, const xmlNode *n, int depth)
{
	struct frame *f;
	int kind;

	kind = depth < RENDER_MAX_DEPTH ? b->frames[depth].kind : elem_kind(n);
	switch (kind) {
	case K_DIV: case K_LI: case K_DT: case K_DD: case K_TR:
		boundary(b, 1);
		break;
	case K_UL: case K_OL:
		if (depth < RENDER_MAX_DEPTH) {
			b->cont = b->frames[depth].cont;
			boundary(b, in_item(b) ? 1 : 2);
		} else
			boundary(b, 2);
		break;
	case K_PARA: case K_HEAD: case K_QUOTE: case K_PRE: case K_TABLE:
		boundary(b, 2);
		break;
	}
	if (depth >= RENDER_MAX_DEPTH)
		return;
	f = &b->frames[depth];
	if (f->link)
		link_end(b);
	b->style = f->style;
	b->pre = f->pre;
	b->cont = f->cont;
}

static void
walk(struct builder *b, xmlDoc *doc)
{
	const xmlNode *top = (const xmlNode *)doc, *n = doc->children;
	int depth = 0;

	while (n != NULL) {
		if (enter(b, n, depth)) {
			if (n->children != NULL) {
				n = n->children;
				depth++;
				continue;
			}
			leave(b, n, depth);
		}
		while (n->next == NULL) {
			n = n->parent;
			depth--;
			if (n == NULL || n == top)
				return;
			leave(b, n, depth);
		}
		n = n->next;
	}
}

/* libxml2 must never print: its messages are dropped. */
#if LIBXML_VERSION >= 21200
static void
xml_error(void *ctx, const xmlError *e)
#else
static void
xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	(void)ctx;
	(void)e;
}

#if LIBXML_VERSION < 21300
static void
xml_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}
#endif

static xmlDoc *
parse(const char *html, size_t len)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD |
	    HTML_PARSE_COMPACT;
	htmlParserCtxtPtr ctxt;
	xmlDoc *doc;
#if LIBXML_VERSION < 21300
	xmlStructuredErrorFunc oserr = xmlStructuredError;
	void *oserrctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc ogerr = xmlGenericError;
	void *ogerrctx = xmlGenericErrorContext;

	xmlSetStructuredErrorFunc(NULL, xml_error);
	xmlSetGenericErrorFunc(NULL, xml_generic_error);
#endif
	doc = NULL;
	if ((ctxt = htmlNewParserCtxt()) != NULL) {
#if LIBXML_VERSION >= 21300
		xmlCtxtSetErrorHandler(ctxt, xml_error, NULL);
#endif
		doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8",
		    opts);
		htmlFreeParserCtxt(ctxt);
	}
#if LIBXML_VERSION < 21300
	xmlSetStructuredErrorFunc(oserrctx, oserr);
	xmlSetGenericErrorFunc(ogerrctx, ogerr);
#endif
	return doc;
}

static void
builder_finish(struct builder *b, struct render_doc *doc)
{
	struct render_body *body;

	body = xcalloc(1, sizeof(*body));
	body->text = dstr_detach(&b->text, &body->textlen);
	body->runs = b->runs;
	body->nruns = b->nruns;
	body->blocks = b->blocks;
	body->nblocks = b->nblocks;
	body->conts = b->conts;
	body->nconts = b->nconts;
	doc->body = body;
	doc->plain = dstr_detach(&b->plain, &doc->plain_len);
	doc->links = b->links;
	doc->nlinks = b->nlinks;
	free(b->ltab);
	free(b->lurl);
	dstr_release(&b->ltext);
	dstr_release(&b->scratch);
}

int
render_html(struct render_doc *doc, const char *html, size_t len,
    const char *base_url)
{
	struct builder *b;
	struct dstr fixed = DSTR_INIT;
	xmlDoc *xdoc = NULL;
	int rc = 0;

	memset(doc, 0, sizeof(*doc));
	b = xcalloc(1, sizeof(*b));
	dstr_init(&b->plain);
	dstr_init(&b->text);
	dstr_init(&b->ltext);
	dstr_init(&b->scratch);
	b->base = base_url != NULL && *base_url != '\0' ? base_url : NULL;
	b->cont = RENDER_NONE;
	if (len > INT_MAX)
		rc = -1;
	else if (len > 0) {
		if (!utf8_valid(html, len)) {
			utf8_repair(&fixed, html, len);
			html = fixed.buf;
			len = fixed.len;
		}
		if ((xdoc = parse(html, len)) == NULL)
			rc = -1;
	}
	if (xdoc != NULL) {
		walk(b, xdoc);
		flush(b);
		if (b->lurl != NULL)
			link_end(b);
		flush(b);
		xmlFreeDoc(xdoc);
	}
	dstr_release(&fixed);
	builder_finish(b, doc);
	free(b);
	return rc;
}

void
render_doc_release(struct render_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	free(doc->plain);
	for (i = 0; i < doc->nlinks; i++) {
		free(doc->links[i].url);
		free(doc->links[i].text);
	}
	free(doc->links);
	if (doc->body != NULL) {
		free(doc->body->text);
		free(doc->body->runs);
		free(doc->body->blocks);
		free(doc->body->conts);
		free(doc->body);
	}
	memset(doc, 0, sizeof(*doc));
}

void
render_plain(struct dstr *out, const char *html, size_t len)
{
	struct render_doc doc;

	render_html(&doc, html, len, NULL);
	dstr_add(out, doc.plain, doc.plain_len);
	render_doc_release(&doc);
}
