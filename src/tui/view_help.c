/*
 * view_help.c: `?`: the keys bound in the view it was opened from,
 * generated from the binding tables (so that bind-key shows), then the
 * mistakes found in the config file, if any.
 */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"
#include "xalloc.h"

struct hrow {
	char	*keys;			/* NULL: a heading or a note */
	char	*text;
	int	 elem;
};

struct help {
	struct hrow	*rows;
	size_t		 n, cap;
	int		 keyw;
	int		 for_view;
};

static void
add_row(struct help *h, const char *keys, const char *text, int elem)
{
	struct hrow *r;
	int w;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->rows = xreallocarray(h->rows, h->cap, sizeof(*h->rows));
	}
	r = &h->rows[h->n++];
	r->keys = keys ? tui_text_dup(keys, 0) : NULL;
	r->text = tui_text_dup(text, 0);
	r->elem = elem;
	if (keys && (w = text_width(r->keys, strlen(r->keys))) > h->keyw)
		h->keyw = w;
}

static void
add_binding(void *ctx, const char *keys, const char *help)
{
	add_row(ctx, keys, help, E_NORMAL);
}

static int
src_count(void *ctx, int64_t *n)
{
	*n = (int64_t)((struct help *)ctx)->n;
	return 0;
}

static int
src_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct help *h = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)h->n; i++)
		list_push(l, &h->rows[i]);
	return 0;
}

static const struct list_source help_source = {
	src_count, src_fetch, NULL
};

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	const struct hrow *r = row;
	struct help *h = lv->data;
	int kw = h->keyw > 18 ? 18 : h->keyw;

	(void)base;
	tline_adds(out, E_NORMAL, " ");
	if (r->keys == NULL) {
		tline_add_cell(out, r->elem, 0, r->text, width - 1, t->ascii);
		return;
	}
	tline_add_cell(out, E_FLAG, 0, r->keys, kw, t->ascii);
	tline_adds(out, E_NORMAL, "  ");
	tline_add_cell(out, r->elem, 0, r->text, width - kw - 3, t->ascii);
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct help *h = lv->data;

	(void)t;
	tline_adds(l, E_TITLE, " Help: the keys of the ");
	tline_adds(l, E_TITLE, tui_view_names[h->for_view]);
	tline_adds(l, E_TITLE, " view");
}

static void
free_help(struct listview *lv)
{
	struct help *h = lv->data;
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->rows[i].keys);
		free(h->rows[i].text);
	}
	free(h->rows);
	free(h);
}

static const struct listview_ops help_ops = {
	format, NULL, title, NULL, NULL, free_help, NULL
};

struct view *
view_help_new(struct tui *t, int for_view)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));
	struct help *h = xcalloc(1, sizeof(*h));
	size_t i;

	h->for_view = for_view;
	bindings_help(&t->keys, for_view, add_binding, h);
	add_row(h, NULL, "", E_NORMAL);
	add_row(h, NULL, "Keys are set with bind-key and unbind-key in the "
	    "config file; see dossier(5).", E_NORMAL);
	if (t->nnotes > 0) {
		add_row(h, NULL, "", E_NORMAL);
		add_row(h, NULL, "Mistakes in the config file (the defaults "
		    "are used instead):", E_ERROR);
		for (i = 0; i < t->nnotes; i++)
			add_row(h, NULL, t->notes[i], E_NORMAL);
	}
	listview_init(lv, TV_HELP, &help_ops, &help_source, h, 1);
	list_reload(&lv->list);
	return &lv->v;
}
