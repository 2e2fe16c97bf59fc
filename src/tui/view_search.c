/*
 * view_search.c: full-text search over the whole archive (FTS5 through
 * store_search_each), best first, each hit on two lines: the article
 * (flags, date, outlet, title) and the snippet with the matched words
 * marked.  Enter opens the article in the pager.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

#define SEARCH_MAX 500

struct srow {
	struct artrow	 a;		/* first: list_find(artrow_is_unread) */
	char		*snippet;	/* for the screen, [matches] marked */
};

struct search {
	struct tui	*t;
	char		*query;
	struct srow	*rows;
	size_t		 n, cap;
};

static void
clear_rows(struct search *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		artrow_clear(&s->rows[i].a);
		free(s->rows[i].snippet);
	}
	s->n = 0;
}

static int
take_hit(void *ctx, const struct store_article *a)
{
	struct search *s = ctx;
	struct srow *r;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xreallocarray(s->rows, s->cap, sizeof(*s->rows));
	}
	r = &s->rows[s->n++];
	artrow_fill(&r->a, a, s->t->ascii);
	r->snippet = tui_text_dup(a->snippet, s->t->ascii);
	return 0;
}

static int
run(struct search *s, const char *query)
{
	clear_rows(s);
	free(s->query);
	s->query = xstrdup(query);
	if (store_search_each(s->t->st, query, SEARCH_MAX, take_hit, s) != 0) {
		tui_error(s->t, "%s", store_errmsg(s->t->st));
		clear_rows(s);
		return -1;
	}
	return 0;
}

static int
src_count(void *ctx, int64_t *n)
{
	*n = (int64_t)((struct search *)ctx)->n;
	return 0;
}

static int
src_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct search *s = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)s->n; i++)
		list_push(l, &s->rows[i]);
	return 0;
}

static const struct list_source search_source = {
	src_count, src_fetch, NULL
};

/* The snippet, with the [matched] words in the snippet style. */
static void
add_snippet(struct tline *l, const char *s, int width)
{
	const char *p = s, *q;
	int in = 0;

	tline_adds(l, E_NORMAL, "      ");
	while (*p) {
		q = p + strcspn(p, in ? "]" : "[");
		tline_add(l, in ? E_SNIPPET : E_NORMAL, 0, p, (size_t)(q - p));
		if (*q == '\0')
			break;
		in = !in;
		p = q + 1;
	}
	tline_cut(l, width);
}

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	const struct srow *r = row;

	(void)lv;
	artrow_format(t, &r->a, width, &out[0], base);
	add_snippet(&out[1], r->snippet, width);
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct search *s = lv->data;

	tline_adds(l, E_TITLE, " Search: ");
	tline_add_untrusted(l, E_TITLE, s->query, t->ascii);
	tline_addf(l, E_TITLE, "  (%zu%s)", s->n,
	    s->n >= SEARCH_MAX ? " best" : "");
}

static void
again_done(struct tui *t, const char *text, void *arg)
{
	struct listview *lv = arg;
	struct search *s = lv->data;

	if (*text == '\0')
		return;
	list_drop_cache(&lv->list);
	run(s, text);
	list_reload(&lv->list);
	list_set_cursor(&lv->list, 0);
	if (s->n == 0)
		tui_message(t, "Nothing found");
}

static int
neighbour(struct tui *t, struct listview *lv, int dir, int unread,
    int64_t *id)
{
	const struct srow *r;
	int64_t i;

	(void)t;
	i = unread ? list_find(&lv->list, lv->list.cur, dir, artrow_is_unread,
	    NULL) : lv->list.cur + dir;
	if (i < 0 || i >= lv->list.count ||
	    (r = list_row(&lv->list, i)) == NULL)
		return -1;
	list_set_cursor(&lv->list, i);
	/* the pager marks it read */
	((struct srow *)list_row(&lv->list, i))->a.read = 1;
	*id = r->a.id;
	return 0;
}

static int
action(struct tui *t, struct listview *lv, int a)
{
	struct search *s = lv->data;
	struct srow *r;
	int64_t i;

	switch (a) {
	case ACT_SEARCH:
	case ACT_ARCHIVE_SEARCH:
		tui_prompt(t, "Search the archive: ", s->query, again_done,
		    lv);
		return 1;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		i = list_find(&lv->list, lv->list.cur,
		    a == ACT_NEXT_UNREAD ? 1 : -1, artrow_is_unread, NULL);
		if (i < 0)
			tui_message(t, "No %s unread hit",
			    a == ACT_NEXT_UNREAD ? "next" : "previous");
		else
			list_set_cursor(&lv->list, i);
		return 1;
	}
	if ((r = list_row(&lv->list, lv->list.cur)) == NULL)
		return 0;
	if (a == ACT_OPEN)
		r->a.read = 1;		/* the pager marks it read */
	return artrow_action(t, lv, &r->a, a);
}

static void
refresh(struct tui *t, struct listview *lv)
{
	(void)t;
	/* results stay as they were; the pager updated read flags */
	list_drop_cache(&lv->list);
	list_reload(&lv->list);
}

static void
free_search(struct listview *lv)
{
	struct search *s = lv->data;

	list_drop_cache(&lv->list);
	clear_rows(s);
	free(s->rows);
	free(s->query);
	free(s);
}

static const struct listview_ops search_ops = {
	format, action, title, refresh, neighbour, free_search,
	"Nothing found."
};

struct view *
view_search_new(struct tui *t, const char *query)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));
	struct search *s = xcalloc(1, sizeof(*s));

	s->t = t;
	if (run(s, query) != 0) {
		free(s->query);
		free(s->rows);
		free(s);
		free(lv);
		return NULL;
	}
	listview_init(lv, TV_SEARCH, &search_ops, &search_source, s, 2);
	list_reload(&lv->list);
	return &lv->v;
}
