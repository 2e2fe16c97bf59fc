/*
 * history.c: what the reader keeps for a session beyond its views: the
 * quotes and cross-reference contexts (made on first use, freed before the
 * archive closes), the history of articles followed through references
 * (back and forward like a browser's, with a breadcrumb of titles), and
 * the completion of tags in the prompts.
 */
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "quotes.h"
#include "tui_int.h"
#include "xalloc.h"
#include "xref.h"

#define HISTORY_MAX	200
#define CRUMBS		4		/* titles shown in the breadcrumb */
#define CRUMB_WIDTH	24		/* columns of each but the last */

struct hentry {
	int64_t	 id;
	char	*title;			/* sanitised */
};

struct history {
	struct hentry	*v;
	size_t		 n, pos;	/* v[pos]: where we are */
};

struct quotes *
tui_quotes(struct tui *t)
{
	if (t->quotes == NULL)
		t->quotes = quotes_new(t->st);
	return t->quotes;
}

struct xref *
tui_xref(struct tui *t)
{
	if (t->xref == NULL)
		t->xref = xref_new(t->st);
	return t->xref;
}

static void
history_free(struct history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		free(h->v[i].title);
	free(h->v);
	free(h);
}

void
tui_session_release(struct tui *t)
{
	fulltext_release(t);
	quotes_free(t->quotes);
	t->quotes = NULL;
	xref_free(t->xref);
	t->xref = NULL;
	history_free(t->hist);
	t->hist = NULL;
}

static void
push(struct tui *t, struct history *h, int64_t id, const char *title)
{
	if (h->n == HISTORY_MAX) {
		free(h->v[0].title);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof(*h->v));
		h->n--;
	}
	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	h->v[h->n].id = id;
	h->v[h->n].title = tui_text_dup(title && *title ? title :
	    "(no title)", t->ascii);
	h->n++;
	h->pos = h->n - 1;
}

void
history_follow(struct tui *t, int64_t from, const char *from_title,
    int64_t to, const char *to_title)
{
	struct history *h;
	size_t i;

	if (t->hist == NULL)
		t->hist = xcalloc(1, sizeof(*t->hist));
	h = t->hist;
	/* followed from somewhere else than where the history is: a new
	 * walk starts there */
	if (h->n == 0 || h->v[h->pos].id != from) {
		for (i = 0; i < h->n; i++)
			free(h->v[i].title);
		h->n = h->pos = 0;
		push(t, h, from, from_title);
	}
	/* like a browser: what was ahead is forgotten */
	for (i = h->pos + 1; i < h->n; i++)
		free(h->v[i].title);
	h->n = h->pos + 1;
	push(t, h, to, to_title);
}

int
history_move(struct tui *t, int64_t cur, int dir, int64_t *id)
{
	struct history *h = t->hist;

	if (h == NULL || h->n == 0 || h->v[h->pos].id != cur)
		return -1;
	if ((dir < 0 && h->pos == 0) || (dir > 0 && h->pos + 1 >= h->n))
		return -1;
	h->pos = dir < 0 ? h->pos - 1 : h->pos + 1;
	*id = h->v[h->pos].id;
	return 0;
}

void
history_breadcrumb(struct tui *t, int64_t cur, struct dstr *out)
{
	struct history *h = t->hist;
	size_t i, from, n;

	if (h == NULL || h->n < 2 || h->v[h->pos].id != cur)
		return;
	from = h->pos + 1 > CRUMBS ? h->pos + 1 - CRUMBS : 0;
	if (from > 0)
		dstr_adds(out, "... > ");
	for (i = from; i <= h->pos; i++) {
		if (i > from)
			dstr_adds(out, " > ");
		/* the last title whole, the others cut */
		n = i == h->pos ? strlen(h->v[i].title) :
		    text_fit(h->v[i].title, strlen(h->v[i].title),
		    CRUMB_WIDTH, NULL);
		dstr_add(out, h->v[i].title, n);
		if (n < strlen(h->v[i].title))
			dstr_adds(out, "...");
	}
	if (h->pos + 1 < h->n)
		dstr_addf(out, "  (%zu ahead: l)", h->n - h->pos - 1);
}

/* ---- tags in prompts --------------------------------------------- */

static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

size_t
tags_split(const char *text, char ***tagsp)
{
	const char *p = text, *q;
	char **v = NULL;
	size_t n = 0, i;

	for (;;) {
		while (*p && is_sep(*p))
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q && !is_sep(*q); q++)
			;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n] = xstrndup(p, (size_t)(q - p));
		for (i = 0; i < n; i++)
			if (strcmp(v[i], v[n]) == 0)
				break;
		if (i < n)
			free(v[n]);
		else
			n++;
		p = q;
	}
	*tagsp = v;
	return n;
}

void
tags_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Tab: the word being typed (after the last separator) is completed from
 * the tags in use: at once when one fits, to the longest common prefix
 * when several do (the candidates shown in the prompt's label).
 */
void
tags_complete(struct tui *t, struct edit *e, void *arg)
{
	struct quote_tag *tags = NULL;
	struct dstr label = DSTR_INIT;
	size_t ntags = 0, start, i, common, k;
	char *prefix;
	const char *colon;

	(void)arg;
	start = e->pos;
	while (start > 0 && !is_sep(e->buf.buf[start - 1]))
		start--;
	prefix = xstrndup(e->buf.buf + start, e->pos - start);
	if (tui_quotes(t) == NULL ||
	    quotes_tags(tui_quotes(t), prefix, &tags, &ntags) != 0) {
		free(prefix);
		return;
	}
	if (ntags > 0) {
		common = strlen(tags[0].name);
		for (i = 1; i < ntags; i++) {
			for (k = 0; k < common && tags[i].name[k] ==
			    tags[0].name[k]; k++)
				;
			common = k;
		}
		/* whole characters only */
		while (common > 0 && ((unsigned char)tags[0].name[common] &
		    0xc0) == 0x80)
			common--;
		if (common >= e->pos - start) {
			struct dstr d = DSTR_INIT;

			dstr_add(&d, e->buf.buf, start);
			dstr_add(&d, tags[0].name, common);
			if (ntags == 1)
				dstr_adds(&d, ", ");
			k = d.len;
			dstr_adds(&d, e->buf.buf + e->pos);
			dstr_reset(&e->buf);
			dstr_add(&e->buf, d.buf, d.len);
			e->pos = k;
			dstr_release(&d);
		}
	}
	/* the candidates in the label: "Tags [a b c]: " */
	colon = strstr(t->prompt_label.buf, " [");
	if (colon == NULL)
		colon = strstr(t->prompt_label.buf, ": ");
	dstr_add(&label, t->prompt_label.buf, colon ? (size_t)(colon -
	    t->prompt_label.buf) : t->prompt_label.len);
	if (ntags > 1) {
		dstr_adds(&label, " [");
		for (i = 0; i < ntags && i < 8; i++) {
			if (i > 0)
				dstr_adds(&label, " ");
			tui_text_add(&label, tags[i].name, strlen(tags[i].name),
			    0, t->ascii);
		}
		if (ntags > 8)
			dstr_adds(&label, " ...");
		dstr_adds(&label, "]");
	} else if (ntags == 0)
		dstr_adds(&label, " [no such tag yet]");
	dstr_adds(&label, ": ");
	dstr_reset(&t->prompt_label);
	dstr_add(&t->prompt_label, label.buf, label.len);
	dstr_release(&label);
	quote_tags_free(tags, ntags);
	free(prefix);
}
