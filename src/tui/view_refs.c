/*
 * view_refs.c: `x` in the pager: the article's references (xref_refs_get)
 * in sections: links out (archived ones first, marked `>`), linked from,
 * same quotation in, names (with the number of other stories), related.
 * Enter follows: an archived story replaces the article in the pager below
 * and the history moves (h and l go back and forward, as in the pager);
 * a link that is not archived can go to the browser; a name lists the
 * stories naming it.  The same view lists the stories that carry a
 * quotation (`X`) or name someone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"
#include "xref.h"

enum rkind { RK_HEAD, RK_NONE, RK_STORY, RK_LINK, RK_NAME };

struct rrow {
	int	 kind;
	int64_t	 id;			/* RK_STORY */
	char	*title;			/* sanitised: heading, title, name */
	char	*outlet;		/* sanitised */
	char	*url;			/* as stored (RK_LINK: for the browser) */
	char	*extra;			/* sanitised: link text, quotation */
	int64_t	 date;
	int64_t	 count;
	int	 archived;		/* links out: resolved */
};

enum rmode { RM_REFS, RM_NAME, RM_QUOTE };

struct refs {
	struct tui	*t;
	struct view	*pager;		/* the pager it was opened from */
	int		 mode;
	int64_t		 id;		/* RM_REFS: whose references */
	char		*title;		/* for the title line */
	char		*name;		/* RM_NAME */
	char		*text;		/* RM_QUOTE */
	size_t		 len;
	struct rrow	*rows;
	size_t		 n, cap;
};

static struct rrow *
add_row(struct refs *r, int kind, const char *title)
{
	struct rrow *w;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->rows = xreallocarray(r->rows, r->cap, sizeof(*r->rows));
	}
	w = &r->rows[r->n++];
	memset(w, 0, sizeof(*w));
	w->kind = kind;
	w->title = tui_text_dup(title ? title : "", r->t->ascii);
	return w;
}

static void
clear_rows(struct refs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->rows[i].title);
		free(r->rows[i].outlet);
		free(r->rows[i].url);
		free(r->rows[i].extra);
	}
	r->n = 0;
}

static void
add_entry(struct refs *r, int sec, const struct xref_entry *e)
{
	struct rrow *w;

	if (sec == XREF_NAMES) {
		w = add_row(r, RK_NAME, e->title ? e->title : e->text);
		w->count = e->count;
		return;
	}
	if (e->id > 0) {
		w = add_row(r, RK_STORY, e->title && *e->title ? e->title :
		    "(no title)");
		w->id = e->id;
		w->archived = 1;
	} else {
		w = add_row(r, RK_LINK, e->url ? e->url : "");
		w->archived = 0;
	}
	w->outlet = tui_text_dup(e->feed_title ? e->feed_title : "",
	    r->t->ascii);
	w->url = xstrdup_or_null(e->url);
	w->extra = e->text && *e->text ? tui_text_dup(e->text, r->t->ascii) :
	    NULL;
	w->date = e->date;
	w->count = e->count;
}

static void
load_refs(struct refs *r)
{
	struct xref *x = tui_xref(r->t);
	struct xref_refs refs;
	struct dstr d = DSTR_INIT;
	size_t i;
	int s, rc;

	memset(&refs, 0, sizeof(refs));
	rc = x ? xref_refs_get(x, r->id, XREF_ALL, &refs) : -1;
	if (rc < 0)
		tui_error(r->t, "%s", store_errmsg(r->t->st));
	else if (rc == 1)
		tui_error(r->t, "article %lld is gone", (long long)r->id);
	for (s = 0; rc == 0 && s < XREF_NSECTIONS; s++) {
		dstr_reset(&d);
		dstr_addf(&d, "%s (%zu)", xref_section_title(s),
		    refs.sec[s].n);
		add_row(r, RK_HEAD, d.buf);
		if (refs.sec[s].n == 0)
			add_row(r, RK_NONE, "none");
		for (i = 0; i < refs.sec[s].n; i++)
			add_entry(r, s, &refs.sec[s].v[i]);
	}
	xref_refs_release(&refs);
	dstr_release(&d);
}

static int
take_story(void *ctx, const struct store_article *a)
{
	struct refs *r = ctx;
	struct rrow *w;

	w = add_row(r, RK_STORY, a->title && *a->title ? a->title :
	    "(no title)");
	w->id = a->id;
	w->archived = 1;
	w->outlet = tui_text_dup(a->feed_title ? a->feed_title : "",
	    r->t->ascii);
	w->url = xstrdup_or_null(a->url);
	w->date = a->published != DATE_NONE ? a->published :
	    a->updated != DATE_NONE ? a->updated : a->first_seen;
	return r->n >= 2000;
}

static void
load(struct refs *r)
{
	struct xref *x = tui_xref(r->t);
	struct xref_list l;
	size_t i;

	clear_rows(r);
	switch (r->mode) {
	case RM_REFS:
		load_refs(r);
		break;
	case RM_NAME:
		if (x == NULL || xref_articles_naming(x, r->name, NULL,
		    take_story, r) != 0)
			tui_error(r->t, "%s", store_errmsg(r->t->st));
		break;
	case RM_QUOTE:
		memset(&l, 0, sizeof(l));
		if (x == NULL || xref_quote_stories(x, r->text, r->len, r->id,
		    &l) != 0)
			tui_error(r->t, "%s", store_errmsg(r->t->st));
		for (i = 0; i < l.n; i++)
			add_entry(r, XREF_SAME_QUOTE, &l.v[i]);
		xref_list_release(&l);
		break;
	}
}

static int
src_count(void *ctx, int64_t *n)
{
	*n = (int64_t)((struct refs *)ctx)->n;
	return 0;
}

static int
src_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct refs *r = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)r->n; i++)
		list_push(l, &r->rows[i]);
	return 0;
}

static const struct list_source refs_source = {
	src_count, src_fetch, NULL
};

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	const struct rrow *w = row;
	char date[32], cnt[32];
	int outw = width >= 60 ? 16 : 0;

	(void)lv;
	(void)base;
	switch (w->kind) {
	case RK_HEAD:
		tline_adds(out, E_NORMAL, " ");
		tline_add_cell(out, E_GROUP, 0, w->title, width - 1, t->ascii);
		return;
	case RK_NONE:
		tline_adds(out, E_NORMAL, "     ");
		tline_add_cell(out, E_DECOR, 0, w->title, width - 5, t->ascii);
		return;
	case RK_NAME:
		tline_adds(out, E_NORMAL, "   ");
		snprintf(cnt, sizeof(cnt), "%6lld  ", (long long)w->count);
		tline_adds(out, E_COUNT, cnt);
		tline_add_cell(out, E_NORMAL, 0, w->title, width -
		    tline_width(out), t->ascii);
		return;
	case RK_LINK:
		tline_adds(out, E_NORMAL, "     ");
		tline_add_cell(out, E_URL, 0, w->title, width - 5, t->ascii);
		return;
	}
	tline_adds(out, E_NORMAL, "   ");
	tline_adds(out, E_FLAG, ">");
	tline_adds(out, E_NORMAL, " ");
	if (width >= 40) {
		tui_date(w->date, 0, date, sizeof(date));
		tline_adds(out, E_DATE, date);
		tline_adds(out, E_NORMAL, "  ");
	}
	if (outw) {
		tline_add_cell(out, E_OUTLET, 0, w->outlet, outw, t->ascii);
		tline_adds(out, E_NORMAL, "  ");
	}
	tline_add_cell(out, E_NORMAL, 0, w->title, width - tline_width(out),
	    t->ascii);
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct refs *r = lv->data;

	tline_adds(l, E_TITLE, " ");
	tline_adds(l, E_TITLE, r->title);
	if (r->mode != RM_REFS)
		tline_addf(l, E_TITLE, "  (%zu)", r->n);
	/* where we are: the breadcrumb, when the history has one */
	if (t->msg.len == 0 && r->pager && r->mode == RM_REFS)
		history_breadcrumb(t, view_pager_id(r->pager), &t->msg);
}

/* Is the pager still on the stack (below v)? */
static int
on_stack(struct tui *t, struct view *pager)
{
	int i;

	for (i = 0; i < t->depth; i++)
		if (t->stack[i] == pager)
			return 1;
	return 0;
}

void
refs_follow(struct tui *t, struct view *pager, int64_t id, const char *ttl)
{
	int64_t from;
	char *from_title, *to_title;

	if (pager == NULL || !on_stack(t, pager)) {
		tui_push(t, view_pager_new(t, id, NULL));
		return;
	}
	from = view_pager_id(pager);
	from_title = xstrdup_or_null(view_pager_title(pager));
	to_title = xstrdup_or_null(ttl);	/* ttl goes with its view */
	while (t->depth > 0 && t->stack[t->depth - 1] != pager)
		tui_pop(t);
	if (view_pager_goto(t, pager, id) == 0)
		history_follow(t, from, from_title, id,
		    view_pager_title(pager) ? view_pager_title(pager) :
		    to_title);
	free(from_title);
	free(to_title);
}

static void
open_link(struct tui *t, void *arg)
{
	char *url = arg;

	tui_open_url(t, url);
	free(url);
}

/* h and l in the panel: the pager below moves, the panel follows it. */
static void
move(struct tui *t, struct listview *lv, int dir)
{
	struct refs *r = lv->data;
	struct dstr d = DSTR_INIT;
	int64_t id;

	if (r->pager == NULL || !on_stack(t, r->pager) ||
	    history_move(t, view_pager_id(r->pager), dir, &id) != 0) {
		tui_message(t, "Nothing %s in the history",
		    dir < 0 ? "back" : "ahead");
		return;
	}
	if (view_pager_goto(t, r->pager, id) != 0)
		return;
	if (r->mode == RM_REFS) {
		r->id = id;
		free(r->title);
		dstr_adds(&d, "References: ");
		dstr_adds(&d, view_pager_title(r->pager) ?
		    view_pager_title(r->pager) : "(no title)");
		r->title = tui_text_dup(d.buf, t->ascii);
		dstr_release(&d);
		list_drop_cache(&lv->list);
		load(r);
		list_reload(&lv->list);
		list_set_cursor(&lv->list, 0);
	} else {
		while (t->depth > 0 && t->stack[t->depth - 1] != r->pager)
			tui_pop(t);
	}
}

static int
action(struct tui *t, struct listview *lv, int a)
{
	struct refs *r = lv->data;
	const struct rrow *w;
	struct dstr d = DSTR_INIT;
	int64_t i;

	switch (a) {
	case ACT_HIST_BACK:
	case ACT_HIST_FORWARD:
		move(t, lv, a == ACT_HIST_BACK ? -1 : 1);
		return 1;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		/* from section to section */
		for (i = lv->list.cur + (a == ACT_NEXT_UNREAD ? 1 : -1);
		    i >= 0 && i < (int64_t)r->n; i += a == ACT_NEXT_UNREAD ?
		    1 : -1)
			if (r->rows[i].kind == RK_HEAD) {
				list_set_cursor(&lv->list, i);
				break;
			}
		return 1;
	}
	if ((w = list_row(&lv->list, lv->list.cur)) == NULL)
		return 0;
	switch (a) {
	case ACT_OPEN:
		switch (w->kind) {
		case RK_STORY:
			refs_follow(t, r->pager, w->id, w->title);
			return 1;
		case RK_NAME:
			tui_push(t, view_stories_name(t, r->pager, w->title));
			return 1;
		case RK_LINK:
			if (w->url == NULL)
				return 1;
			dstr_adds(&d, "Not archived: open ");
			tui_text_add(&d, w->url, strlen(w->url), 0, t->ascii);
			dstr_adds(&d, " in the browser?");
			tui_confirm(t, d.buf, open_link, xstrdup(w->url));
			dstr_release(&d);
			return 1;
		}
		return 1;
	case ACT_OPEN_LINK:
	case ACT_COPY_URL:
		if (w->url == NULL)
			return 0;
		if (a == ACT_OPEN_LINK)
			tui_open_url(t, w->url);
		else
			tui_copy_url(t, w->url);
		return 1;
	}
	return 0;
}

static void
free_refs(struct listview *lv)
{
	struct refs *r = lv->data;

	list_drop_cache(&lv->list);
	clear_rows(r);
	free(r->rows);
	free(r->title);
	free(r->name);
	free(r->text);
	free(r);
}

static void
refresh(struct tui *t, struct listview *lv)
{
	(void)t;
	list_reload(&lv->list);
}

static const struct listview_ops refs_ops = {
	format, action, title, refresh, NULL, free_refs,
	"Nothing refers to this, and it refers to nothing archived."
};

static struct view *
make(struct tui *t, struct refs *r)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));

	load(r);
	listview_init(lv, TV_REFS, &refs_ops, &refs_source, r, 1);
	list_reload(&lv->list);
	/* the cursor on the first thing to follow */
	if (r->mode == RM_REFS) {
		size_t i;

		for (i = 0; i < r->n; i++)
			if (r->rows[i].kind == RK_STORY ||
			    r->rows[i].kind == RK_LINK ||
			    r->rows[i].kind == RK_NAME) {
				list_set_cursor(&lv->list, (int64_t)i);
				lv->list.top = 0;
				break;
			}
	}
	return &lv->v;
}

struct view *
view_refs_new(struct tui *t, struct view *pager)
{
	struct refs *r = xcalloc(1, sizeof(*r));
	const char *ttl = view_pager_title(pager);
	struct dstr d = DSTR_INIT;

	r->t = t;
	r->pager = pager;
	r->mode = RM_REFS;
	r->id = view_pager_id(pager);
	dstr_adds(&d, "References: ");
	dstr_adds(&d, ttl && *ttl ? ttl : "(no title)");
	r->title = tui_text_dup(d.buf, t->ascii);
	dstr_release(&d);
	return make(t, r);
}

struct view *
view_stories_name(struct tui *t, struct view *pager, const char *name)
{
	struct refs *r = xcalloc(1, sizeof(*r));
	struct dstr d = DSTR_INIT;

	r->t = t;
	r->pager = pager;
	r->mode = RM_NAME;
	r->name = xstrdup(name);
	dstr_adds(&d, "Stories naming ");
	dstr_adds(&d, name);
	r->title = tui_text_dup(d.buf, t->ascii);
	dstr_release(&d);
	return make(t, r);
}

struct view *
view_stories_quote(struct tui *t, struct view *pager, const char *text,
    size_t len, int64_t exclude)
{
	struct refs *r = xcalloc(1, sizeof(*r));

	r->t = t;
	r->pager = pager;
	r->mode = RM_QUOTE;
	r->text = xstrndup(text, len);
	r->len = len;
	r->id = exclude;
	r->title = xstrdup("Other stories carrying this quotation");
	return make(t, r);
}
