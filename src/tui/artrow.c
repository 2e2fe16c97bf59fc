/*
 * artrow.c: one article as a row of a list view, shared by the article
 * lists (view_articles.c) and the search results (view_search.c): what a
 * row keeps, its first screen line (flags, date, outlet, title) and the
 * keys that act on the article under the cursor.
 */
#include <stdlib.h>

#include "feed.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

void
artrow_fill(struct artrow *r, const struct store_article *a, int ascii)
{
	r->id = a->id;
	r->feed_id = a->feed_id;
	r->date = a->published != DATE_NONE ? a->published :
	    a->updated != DATE_NONE ? a->updated : a->first_seen;
	r->title = tui_text_dup(a->title && *a->title ? a->title :
	    "(no title)", ascii);
	r->outlet = tui_text_dup(a->feed_title, ascii);
	r->url = xstrdup_or_null(a->url);
	r->read = a->read;
	r->starred = a->starred;
}

void
artrow_clear(struct artrow *r)
{
	free(r->title);
	free(r->outlet);
	free(r->url);
}

void
artrow_format(struct tui *t, const struct artrow *r, int width,
    struct tline *out, int *base)
{
	char date[32];
	int outw = width >= 60 ? 18 : width >= 40 ? 12 : 0;

	if (!r->read)
		*base = E_UNREAD;
	tline_adds(out, E_NORMAL, " ");
	tline_adds(out, E_FLAG, r->read ? " " : "N");
	tline_adds(out, E_FLAG, r->starred ? "*" : " ");
	tline_adds(out, E_NORMAL, " ");
	if (width >= 30) {
		tui_date(r->date, 0, date, sizeof(date));
		tline_adds(out, E_DATE, date);
		tline_adds(out, E_NORMAL, "  ");
	}
	if (outw) {
		tline_add_cell(out, E_OUTLET, 0, r->outlet, outw, t->ascii);
		tline_adds(out, E_NORMAL, "  ");
	}
	tline_add_cell(out, E_NORMAL, 0, r->title, width - tline_width(out),
	    t->ascii);
}

int
artrow_action(struct tui *t, struct listview *lv, struct artrow *r, int a)
{
	switch (a) {
	case ACT_OPEN:
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

int
artrow_is_unread(const void *row, void *arg)
{
	(void)arg;
	return !((const struct artrow *)row)->read;
}
