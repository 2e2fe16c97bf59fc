/*
 * view_search.c: full-text search over the whole archive (FTS5 through
 * store_search_each), best first, each hit on two lines: the article
 * (flags, date, outlet, title) and the snippet with the matched words
 * marked.  Enter opens the article in the pager.
 */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

#define SEARCH_MAX 500

struct srow {
	int64_t	 id;
	int64_t	 date;
	char	*title, *outlet, *snippet;	/* for the screen */
	char	*url;
	int	 read, starred;
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
		free(s->rows[i].title);
		free(s->rows[i].outlet);
		free(s->rows[i].snippet);
		free(s->rows[i].url);
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
	r->id = a->id;
	r->date = a->published != DATE_NONE ? a->published :
	    a->updated != DATE_NONE ? a->updated : a->first_seen;
	r->title = tui_text_dup(a->title && *a->title ? a->title :
	    "(no title)", s->t->ascii);
	r->outlet = tui_text_dup(a->feed_title, s->t->ascii);
	r->snippet = tui_text_dup(a->snippet, s->t->ascii);
	r->url = xstrdup_or_null(a->url);
	r->read = a->read;
	r->starred = a->starred;
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
	char date[32];
	int outw = width >= 60 ? 18 : width >= 40 ? 12 : 0;

	(void)lv;
	if (!r->read)
		*base = E_UNREAD;
	tline_adds(&out[0], E_NORMAL, " ");
	tline_adds(&out[0], E_FLAG, r->read ? " " : "N");
	tline_adds(&out[0], E_FLAG, r->starred ? "*" : " ");
	tline_adds(&out[0], E_NORMAL, " ");
	if (width >= 30) {
		tui_date(r->date, 0, date, sizeof(date));
		tline_adds(&out[0], E_DATE, date);
		tline_adds(&out[0], E_NORMAL, "  ");
	}
	if (outw) {
		tline_add_cell(&out[0], E_OUTLET, 0, r->outlet, outw,
		    t->ascii);
		tline_adds(&out[0], E_NORMAL, "  ");
	}
	tline_add_cell(&out[0], E_NORMAL, 0, r->title,
	    width - tline_width(&out[0]), t->ascii);
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
is_unread(const void *row, void *arg)
{
	(void)arg;
	return !((const struct srow *)row)->read;
}

static int
neighbour(struct tui *t, struct listview *lv, int dir, int unread,
    int64_t *id)
{
	const struct srow *r;
	int64_t i;

	(void)t;
	i = unread ? list_find(&lv->list, lv->list.cur, dir, is_unread,
	    NULL) : lv->list.cur + dir;
	if (i < 0 || i >= lv->list.count ||
	    (r = list_row(&lv->list, i)) == NULL)
		return -1;
	list_set_cursor(&lv->list, i);
	/* the pager marks it read */
	((struct srow *)list_row(&lv->list, i))->read = 1;
	*id = r->id;
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
		    a == ACT_NEXT_UNREAD ? 1 : -1, is_unread, NULL);
		if (i < 0)
			tui_message(t, "No %s unread hit",
			    a == ACT_NEXT_UNREAD ? "next" : "previous");
		else
			list_set_cursor(&lv->list, i);
		return 1;
	}
	if ((r = list_row(&lv->list, lv->list.cur)) == NULL)
		return 0;
	switch (a) {
	case ACT_OPEN:
		r->read = 1;
		tui_push(t, view_pager_new(t, r->id, &lv->v));
		return 1;
	case ACT_TOGGLE_STAR:
		if (store_article_set_starred(t->st, r->id, !r->starred) < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else
			r->starred = !r->starred;
		return 1;
	case ACT_TOGGLE_READ:
		if (store_article_set_read(t->st, r->id, !r->read) < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else
			r->read = !r->read;
		return 1;
	case ACT_OPEN_LINK:
		tui_open_url(t, r->url);
		return 1;
	case ACT_COPY_URL:
		tui_copy_url(t, r->url);
		return 1;
	}
	return 0;
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
