/*
 * view_articles.c: the articles of a feed, a tag, or of the unread or
 * starred entries, newest first: flags (N unread, * starred), date,
 * outlet, title.  Rows are paged from the archive (count, then limit and
 * offset around the screen), never all loaded.  `/` filters with a
 * full-text query: the hits (at most ARTICLES_FILTER_MAX of them) are kept
 * in memory, newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "beats.h"
#include "feed.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

#define ARTICLES_FILTER_MAX 5000

struct articles {
	struct tui	*t;
	struct store_query q;
	char		*feed_url, *tag;	/* q's strings */
	char		*title;
	/* the filter */
	char		*filter;
	struct artrow	*rows;
	size_t		 n, cap;
	int64_t		*tag_feeds;	/* feeds with the tag (filtering) */
	size_t		 ntag_feeds;
	struct rule	*rule;		/* a beat's articles: its rule */
};

static void
row_free(void *p)
{
	artrow_clear(p);
	free(p);
}

/* The archive as the source */
struct fetch_ctx {
	struct list	*l;
	int		 ascii;
};

static int
take_row(void *ctx, const struct store_article *a)
{
	struct fetch_ctx *fc = ctx;
	struct artrow *r = xmalloc(sizeof(*r));

	artrow_fill(r, a, fc->ascii);
	list_push(fc->l, r);
	return 0;
}

static int
store_count(void *ctx, int64_t *n)
{
	struct articles *as = ctx;

	int64_t unread;

	if (as->rule && rule_count(as->rule, &as->q, &unread, n) != 0) {
		tui_error(as->t, "%s", store_errmsg(as->t->st));
		return -1;
	}
	if (as->rule)
		return 0;
	if (store_articles_count(as->t->st, &as->q, n) != 0) {
		tui_error(as->t, "%s", store_errmsg(as->t->st));
		return -1;
	}
	return 0;
}

static int
store_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct articles *as = ctx;
	struct store_query q = as->q;
	struct fetch_ctx fc = { l, as->t->ascii };

	q.offset = off;
	q.limit = n;
	if (as->rule ? rule_articles_each(as->rule, &q, take_row, &fc) != 0 :
	    store_articles_each(as->t->st, &q, take_row, &fc) != 0) {
		tui_error(as->t, "%s", store_errmsg(as->t->st));
		return -1;
	}
	return 0;
}

static const struct list_source store_source = {
	store_count, store_fetch, row_free
};

/* The filter's hits as the source */
static int
mem_count(void *ctx, int64_t *n)
{
	struct articles *as = ctx;

	*n = (int64_t)as->n;
	return 0;
}

static int
mem_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct articles *as = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)as->n; i++)
		list_push(l, &as->rows[i]);
	return 0;
}

static const struct list_source mem_source = {
	mem_count, mem_fetch, NULL
};

static void
clear_filter(struct articles *as)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		artrow_clear(&as->rows[i]);
	free(as->rows);
	as->rows = NULL;
	as->n = as->cap = 0;
	free(as->filter);
	as->filter = NULL;
}

static int
take_tag_feed(void *ctx, const struct store_feed *f)
{
	struct articles *as = ctx;

	as->tag_feeds = xreallocarray(as->tag_feeds, as->ntag_feeds + 1,
	    sizeof(int64_t));
	as->tag_feeds[as->ntag_feeds++] = f->id;
	return 0;
}

static int
take_hit(void *ctx, const struct store_article *a)
{
	struct articles *as = ctx;
	size_t i;

	if (as->q.unread && a->read)
		return 0;
	if (as->q.starred && !a->starred)
		return 0;
	if (as->rule && rule_match(as->rule, a->id) != 1)
		return 0;
	if (as->q.feed_url && (a->feed_url == NULL ||
	    strcmp(a->feed_url, as->q.feed_url) != 0))
		return 0;
	if (as->q.tag) {
		for (i = 0; i < as->ntag_feeds; i++)
			if (as->tag_feeds[i] == a->feed_id)
				break;
		if (i == as->ntag_feeds)
			return 0;
	}
	if (as->n == as->cap) {
		as->cap = as->cap ? as->cap * 2 : 64;
		as->rows = xreallocarray(as->rows, as->cap, sizeof(*as->rows));
	}
	artrow_fill(&as->rows[as->n++], a, as->t->ascii);
	return as->n >= ARTICLES_FILTER_MAX;
}

static int
cmp_newest(const void *a, const void *b)
{
	const struct artrow *x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return (x->id < y->id) - (x->id > y->id);
}

/* Run the filter query: 0, or -1 (message shown). */
static int
run_filter(struct articles *as, const char *query)
{
	struct store *st = as->t->st;
	char *q = xstrdup(query);

	clear_filter(as);
	if (as->q.tag && as->tag_feeds == NULL)
		store_feeds_each(st, as->q.tag, take_tag_feed, as);
	if (store_search_each(st, q, 0, take_hit, as) != 0) {
		tui_error(as->t, "%s", store_errmsg(st));
		clear_filter(as);
		free(q);
		return -1;
	}
	if (as->n > 1)
		qsort(as->rows, as->n, sizeof(*as->rows), cmp_newest);
	as->filter = q;
	return 0;
}

static void
set_source(struct listview *lv, const struct list_source *src)
{
	list_drop_cache(&lv->list);
	lv->list.src = src;
	list_reload(&lv->list);
}

static void
filter_done(struct tui *t, const char *text, void *arg)
{
	struct listview *lv = arg;
	struct articles *as = lv->data;

	list_drop_cache(&lv->list);
	if (*text == '\0') {
		clear_filter(as);
		set_source(lv, &store_source);
		tui_message(t, "Filter cleared");
		return;
	}
	if (run_filter(as, text) != 0) {
		set_source(lv, &store_source);
		return;
	}
	set_source(lv, &mem_source);
	list_set_cursor(&lv->list, 0);
	if (as->n >= ARTICLES_FILTER_MAX)
		tui_message(t, "The first %d matches", ARTICLES_FILTER_MAX);
	else
		tui_message(t, "%zu match%s", as->n, as->n == 1 ? "" : "es");
}

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	(void)lv;
	artrow_format(t, row, width, out, base);
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct articles *as = lv->data;

	(void)t;
	tline_adds(l, E_TITLE, " ");
	tline_adds(l, E_TITLE, as->title);
	tline_addf(l, E_TITLE, "  (%lld)", (long long)lv->list.count);
	if (as->filter) {
		tline_adds(l, E_TITLE, "  filter: ");
		tline_add_untrusted(l, E_TITLE, as->filter, t->ascii);
	}
}

static void
keep_cursor(struct listview *lv, int64_t id)
{
	struct list *l = &lv->list;
	const struct artrow *r;
	int64_t i, from, to;

	r = list_row(l, l->cur);
	if (r == NULL || r->id == id)
		return;
	/* moved a little (new articles above, read ones gone)? */
	from = l->cur - l->height > 0 ? l->cur - l->height : 0;
	to = l->cur + l->height;
	for (i = from; i < to && i < l->count; i++)
		if ((r = list_row(l, i)) != NULL && r->id == id) {
			list_set_cursor(l, i);
			return;
		}
}

static void
refresh(struct tui *t, struct listview *lv)
{
	struct articles *as = lv->data;
	const struct artrow *r = list_row(&lv->list, lv->list.cur);
	int64_t id = r ? r->id : -1;
	char *f;

	(void)t;
	if (as->filter) {
		f = xstrdup(as->filter);
		list_drop_cache(&lv->list);
		if (run_filter(as, f) != 0)
			lv->list.src = &store_source;
		free(f);
	}
	list_reload(&lv->list);
	if (id >= 0)
		keep_cursor(lv, id);
}

static int
neighbour(struct tui *t, struct listview *lv, int dir, int unread,
    int64_t *id)
{
	const struct artrow *r;
	int64_t i;

	(void)t;
	if (unread)
		i = list_find(&lv->list, lv->list.cur, dir, artrow_is_unread, NULL);
	else
		i = lv->list.cur + dir;
	if (i < 0 || i >= lv->list.count ||
	    (r = list_row(&lv->list, i)) == NULL)
		return -1;
	list_set_cursor(&lv->list, i);
	*id = r->id;
	return 0;
}

struct ids {
	int64_t	*v;
	size_t	 n;
};

static int
take_id(void *ctx, const struct store_article *a)
{
	struct ids *c = ctx;

	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = a->id;
	return 0;
}

static int
action(struct tui *t, struct listview *lv, int a)
{
	struct articles *as = lv->data;
	struct artrow *r;
	int64_t i, *ids;
	size_t k, n;

	switch (a) {
	case ACT_SEARCH:
		tui_prompt(t, "Filter (full-text query, empty: none): ",
		    as->filter, filter_done, lv);
		return 1;
	case ACT_BACK:
		if (as->filter == NULL)
			return 0;
		filter_done(t, "", lv);
		return 1;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		i = list_find(&lv->list, lv->list.cur,
		    a == ACT_NEXT_UNREAD ? 1 : -1, artrow_is_unread, NULL);
		if (i < 0)
			tui_message(t, "No %s unread article",
			    a == ACT_NEXT_UNREAD ? "next" : "previous");
		else
			list_set_cursor(&lv->list, i);
		return 1;
	case ACT_RELOAD:
		if (as->q.feed_url || as->q.tag)
			tui_reload(t, as->q.feed_url, as->q.tag, as->title);
		else
			tui_reload(t, NULL, NULL, "all feeds");
		return 1;
	case ACT_MARK_ALL_READ:
		if (as->rule && as->filter == NULL) {
			struct store_query uq = as->q;
			struct ids c = { NULL, 0 };

			uq.unread = 1;
			if (rule_articles_each(as->rule, &uq, take_id, &c) != 0)
				tui_error(t, "%s", store_errmsg(t->st));
			else if (c.n == 0)
				tui_message(t, "Nothing unread here");
			else
				tui_mark_all_read(t, &as->q, c.v, c.n);
			free(c.v);
		} else if (as->filter) {
			ids = xreallocarray(NULL, as->n + 1, sizeof(*ids));
			for (k = n = 0; k < as->n; k++)
				if (!as->rows[k].read)
					ids[n++] = as->rows[k].id;
			tui_mark_all_read(t, &as->q, ids, n);
			free(ids);
		} else
			tui_mark_all_read(t, &as->q, NULL, 0);
		refresh(t, lv);
		return 1;
	}
	if ((r = list_row(&lv->list, lv->list.cur)) == NULL)
		return 0;
	return artrow_action(t, lv, r, a);
}

static void
free_articles(struct listview *lv)
{
	struct articles *as = lv->data;

	list_drop_cache(&lv->list);
	clear_filter(as);
	free(as->feed_url);
	free(as->tag);
	free(as->title);
	free(as->tag_feeds);
	rule_free(as->rule);
	free(as);
}

static const struct listview_ops articles_ops = {
	format, action, title, refresh, neighbour, free_articles,
	"No articles here."
};

struct view *
view_articles_new(struct tui *t, const char *name, const char *feed_url,
    const char *tag, int unread, int starred)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));
	struct articles *as = xcalloc(1, sizeof(*as));

	as->t = t;
	as->feed_url = xstrdup_or_null(feed_url);
	as->tag = xstrdup_or_null(tag);
	as->title = tui_text_dup(name, t->ascii);
	as->q.feed_url = as->feed_url;
	as->q.tag = as->tag;
	/* show-read-articles no: lists of unread only (starred: all) */
	as->q.unread = unread || (!t->show_read_articles && !starred);
	as->q.starred = starred;
	listview_init(lv, TV_ARTICLES, &articles_ops, &store_source, as, 1);
	list_reload(&lv->list);
	return &lv->v;
}

/* A beat: the articles its rule matches, paged the same way. */
struct view *
view_articles_beat(struct tui *t, const char *name)
{
	struct rule *rule = NULL;
	struct rule_error err;
	struct listview *lv;
	struct articles *as;
	struct dstr d = DSTR_INIT;
	int rc;

	rc = beats_open(t->st, t->cfg, name, &rule, &err);
	if (rc != 0) {
		if (rc == 1)
			tui_error(t, "No beat %s", name);
		else
			tui_error(t, "Beat %s: %s", name, err.msg);
		return NULL;
	}
	lv = xcalloc(1, sizeof(*lv));
	as = xcalloc(1, sizeof(*as));
	as->t = t;
	as->rule = rule;
	dstr_adds(&d, "Beat: ");
	dstr_adds(&d, name);
	as->title = tui_text_dup(d.buf, t->ascii);
	dstr_release(&d);
	as->q.unread = !t->show_read_articles;
	listview_init(lv, TV_ARTICLES, &articles_ops, &store_source, as, 1);
	list_reload(&lv->list);
	return &lv->v;
}
