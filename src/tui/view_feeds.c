/*
 * view_feeds.c: the first view.  Entries for all articles, the unread and
 * the starred ones, then the feeds (title, unread/total, tags, a `!` when
 * the last poll failed), optionally grouped under their tags.  Feeds are
 * few: they are read into memory; their articles are not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beats.h"
#include "quotes.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

enum fkind { FE_ALL, FE_UNREAD, FE_STARRED, FE_TAG, FE_FEED, FE_QUOTES,
	FE_BEAT };

struct fentry {
	int	 kind;
	char	*title;			/* for the screen */
	char	*url;			/* FE_FEED: the subscription */
	char	*site;			/* FE_FEED: the site, or NULL */
	char	*tag;			/* FE_TAG: the tag; FE_BEAT: the beat */
	char	*tags;			/* FE_FEED: for the screen */
	char	*error;			/* the last poll's error, or NULL */
	int64_t	 unread, total;
	int	 indent;
};

struct feeds {
	struct tui	*t;
	struct fentry	*e;
	size_t		 n, cap;
	struct store_feed *f;		/* while loading */
	size_t		 nf, capf;
	int		 tagw;		/* width of the tags column */
};

static struct fentry *
add_entry(struct feeds *fs, int kind, const char *title)
{
	struct fentry *e;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		fs->e = xreallocarray(fs->e, fs->cap, sizeof(*fs->e));
	}
	e = &fs->e[fs->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->title = tui_text_dup(title, fs->t->ascii);
	return e;
}

static void
clear_entries(struct feeds *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->e[i].title);
		free(fs->e[i].url);
		free(fs->e[i].site);
		free(fs->e[i].tag);
		free(fs->e[i].tags);
		free(fs->e[i].error);
	}
	fs->n = 0;
}

static int
take_feed(void *ctx, const struct store_feed *f)
{
	struct feeds *fs = ctx;
	struct store_feed *c;

	if (fs->nf == fs->capf) {
		fs->capf = fs->capf ? fs->capf * 2 : 32;
		fs->f = xreallocarray(fs->f, fs->capf, sizeof(*fs->f));
	}
	c = &fs->f[fs->nf++];
	memset(c, 0, sizeof(*c));
	c->id = f->id;
	c->url = xstrdup_or_null(f->url);
	c->title = xstrdup_or_null(f->title);
	c->site_url = xstrdup_or_null(f->site_url);
	c->tags = xstrdup_or_null(f->tags);
	c->last_error = xstrdup_or_null(f->last_error);
	c->unread = f->unread;
	c->total = f->total;
	return 0;
}

static void
add_feed(struct feeds *fs, const struct store_feed *f, int indent)
{
	struct fentry *e;
	int w;

	e = add_entry(fs, FE_FEED, f->title && *f->title ? f->title : f->url);
	e->url = xstrdup(f->url);
	e->site = xstrdup_or_null(f->site_url);
	e->tags = tui_text_dup(f->tags ? f->tags : "", fs->t->ascii);
	e->error = f->last_error && *f->last_error ?
	    tui_text_dup(f->last_error, fs->t->ascii) : NULL;
	e->unread = f->unread;
	e->total = f->total;
	e->indent = indent;
	w = text_width(e->tags, strlen(e->tags));
	if (w > fs->tagw)
		fs->tagw = w;
}

static int
has_tag(const char *tags, const char *tag, size_t n)
{
	const char *p = tags;

	while (p && *p) {
		if (strncmp(p, tag, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tag groups: each tag (sorted), its feeds under it; untagged at the end */
static void
add_grouped(struct feeds *fs)
{
	char **tags = NULL, *p, *q;
	size_t ntags = 0, i, j;
	struct fentry *e;
	int64_t unread, total;

	for (i = 0; i < fs->nf; i++) {
		for (p = fs->f[i].tags; p && *p; p = q ? q + 1 : NULL) {
			q = strchr(p, ',');
			tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
			tags[ntags++] = xstrndup(p, q ? (size_t)(q - p) :
			    strlen(p));
			if (q == NULL)
				break;
		}
	}
	if (ntags > 1)
		qsort(tags, ntags, sizeof(*tags), cmp_str);
	for (i = 0; i < ntags; i++) {
		if (i > 0 && strcmp(tags[i], tags[i - 1]) == 0)
			continue;
		unread = total = 0;
		for (j = 0; j < fs->nf; j++)
			if (has_tag(fs->f[j].tags, tags[i], strlen(tags[i]))) {
				unread += fs->f[j].unread;
				total += fs->f[j].total;
			}
		if (unread == 0 && !fs->t->show_read_feeds)
			continue;
		e = add_entry(fs, FE_TAG, tags[i]);
		e->tag = xstrdup(tags[i]);
		e->unread = unread;
		e->total = total;
		for (j = 0; j < fs->nf; j++)
			if (has_tag(fs->f[j].tags, tags[i], strlen(tags[i])) &&
			    (fs->f[j].unread > 0 || fs->t->show_read_feeds))
				add_feed(fs, &fs->f[j], 1);
	}
	for (j = 0; j < fs->nf; j++)
		if ((fs->f[j].tags == NULL || *fs->f[j].tags == '\0') &&
		    (fs->f[j].unread > 0 || fs->t->show_read_feeds))
			add_feed(fs, &fs->f[j], 0);
	for (i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
}

static int
count_quote(void *ctx, const struct quote *q)
{
	(void)q;
	(*(int64_t *)ctx)++;
	return 0;
}

static int
take_beat(void *ctx, const struct beat *b)
{
	struct feeds *fs = ctx;
	struct fentry *e;
	struct dstr d = DSTR_INIT;

	dstr_adds(&d, "Beat: ");
	dstr_adds(&d, b->name);
	e = add_entry(fs, FE_BEAT, d.buf);
	dstr_release(&d);
	e->tag = xstrdup(b->name);
	e->unread = b->unread > 0 ? b->unread : 0;
	e->total = b->total > 0 ? b->total : 0;
	if (b->error)
		e->error = tui_text_dup(b->error, fs->t->ascii);
	return 0;
}

/* The Quotes entry (a count of them) and the beats, after Starred. */
static void
load_extra(struct feeds *fs)
{
	struct quote_filter f;
	struct fentry *e;
	int64_t n = 0;

	memset(&f, 0, sizeof(f));
	if (tui_quotes(fs->t) != NULL)
		quotes_each(tui_quotes(fs->t), &f, count_quote, &n);
	/* once there are some (the empty list would only say how) */
	if (n > 0) {
		e = add_entry(fs, FE_QUOTES, "Quotes");
		e->unread = -1;
		e->total = n;
	}
	if (beats_each(fs->t->st, fs->t->cfg, 1, take_beat, fs) != 0)
		tui_error(fs->t, "%s", store_errmsg(fs->t->st));
}

static void
load(struct feeds *fs)
{
	struct tui *t = fs->t;
	struct store_query q;
	struct fentry *e;
	size_t i;

	clear_entries(fs);
	fs->tagw = 0;
	memset(&q, 0, sizeof(q));
	e = add_entry(fs, FE_ALL, "All articles");
	store_articles_count(t->st, &q, &e->total);
	q.unread = 1;
	store_articles_count(t->st, &q, &e->unread);
	e = add_entry(fs, FE_UNREAD, "Unread");
	e->total = e->unread = fs->e[0].unread;
	e = add_entry(fs, FE_STARRED, "Starred");
	q.unread = 0;
	q.starred = 1;
	store_articles_count(t->st, &q, &e->total);
	q.unread = 1;
	store_articles_count(t->st, &q, &e->unread);
	load_extra(fs);
	fs->nf = 0;
	if (store_feeds_each(t->st, NULL, take_feed, fs) != 0)
		tui_error(t, "%s", store_errmsg(t->st));
	if (t->group_tags)
		add_grouped(fs);
	else
		for (i = 0; i < fs->nf; i++)
			if (fs->f[i].unread > 0 || t->show_read_feeds)
				add_feed(fs, &fs->f[i], 0);
	for (i = 0; i < fs->nf; i++)
		store_feed_release(&fs->f[i]);
	fs->nf = 0;
	if (fs->tagw > 24)
		fs->tagw = 24;
}

static int
src_count(void *ctx, int64_t *n)
{
	struct feeds *fs = ctx;

	*n = (int64_t)fs->n;
	return 0;
}

static int
src_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct feeds *fs = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)fs->n; i++)
		list_push(l, &fs->e[i]);
	return 0;
}

static const struct list_source feeds_source = {
	src_count, src_fetch, NULL
};

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	const struct fentry *e = row;
	struct feeds *fs = lv->data;
	char counts[48];
	int cw = 13, tagw = fs->tagw, titlew;

	if (tagw > 0 && width < 60)
		tagw = 0;
	if (width < 30)
		cw = 0;
	titlew = width - 3 - 2 * e->indent - (cw ? cw + 1 : 0) -
	    (tagw ? tagw + 2 : 0);
	if (e->unread > 0)
		*base = E_UNREAD;
	tline_adds(out, E_NORMAL, " ");
	if (e->error)
		tline_adds(out, E_FAILED, "!");
	else
		tline_adds(out, E_NORMAL, " ");
	tline_adds(out, E_NORMAL, " ");
	if (e->indent)
		tline_adds(out, E_NORMAL, "  ");
	tline_add_cell(out, e->kind == FE_TAG ? E_GROUP : E_NORMAL, 0,
	    e->title, titlew, t->ascii);
	if (cw) {
		if (e->unread < 0)
			snprintf(counts, sizeof(counts), "%lld",
			    (long long)e->total);
		else
			snprintf(counts, sizeof(counts), "%lld/%lld",
			    (long long)e->unread, (long long)e->total);
		tline_adds(out, E_NORMAL, " ");
		tline_pad(out, E_NORMAL, tline_width(out) + cw -
		    (int)strlen(counts));
		tline_adds(out, E_COUNT, counts);
	}
	if (tagw && e->tags) {
		tline_adds(out, E_NORMAL, "  ");
		tline_add_cell(out, E_TAG, 0, e->tags, tagw, t->ascii);
	}
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct feeds *fs = lv->data;
	const struct fentry *e;

	tline_adds(l, E_TITLE, " dossier: feeds");
	if (fs->n > 0)
		tline_addf(l, E_TITLE, "  (%lld unread)",
		    (long long)fs->e[0].unread);
	e = list_row(&lv->list, lv->list.cur);
	if (e && e->error) {
		tline_adds(l, E_TITLE, "  last poll failed: ");
		tline_adds(l, E_TITLE, e->error);
	}
	(void)t;
}

static void
entry_query(const struct fentry *e, struct store_query *q)
{
	memset(q, 0, sizeof(*q));
	switch (e->kind) {
	case FE_UNREAD:
		q->unread = 1;
		break;
	case FE_STARRED:
		q->starred = 1;
		break;
	case FE_TAG:
		q->tag = e->tag;
		break;
	case FE_FEED:
		q->feed_url = e->url;
		break;
	}
}

static void
reload_keep(struct tui *t, struct listview *lv)
{
	struct feeds *fs = lv->data;
	const struct fentry *e;
	char *url = NULL, *tag = NULL;
	int kind = -1;
	size_t i;

	if ((e = list_row(&lv->list, lv->list.cur)) != NULL) {
		kind = e->kind;
		url = xstrdup_or_null(e->url);
		tag = xstrdup_or_null(e->tag);
	}
	list_drop_cache(&lv->list);
	load(fs);
	list_reload(&lv->list);
	for (i = 0; i < fs->n; i++)
		if (fs->e[i].kind == kind &&
		    (url == NULL || (fs->e[i].url &&
		    strcmp(fs->e[i].url, url) == 0)) &&
		    (tag == NULL || (fs->e[i].tag &&
		    strcmp(fs->e[i].tag, tag) == 0))) {
			list_set_cursor(&lv->list, (int64_t)i);
			break;
		}
	free(url);
	free(tag);
	(void)t;
}

static int
has_unread(const void *row, void *arg)
{
	const struct fentry *e = row;

	(void)arg;
	return e->kind == FE_FEED && e->unread > 0;
}

static int
action(struct tui *t, struct listview *lv, int a)
{
	const struct fentry *e = list_row(&lv->list, lv->list.cur);
	struct store_query q;
	int64_t i;

	switch (a) {
	case ACT_TOGGLE_TAGS:
		t->group_tags = !t->group_tags;
		reload_keep(t, lv);
		tui_message(t, t->group_tags ? "Feeds grouped by tag" :
		    "Feeds not grouped");
		return 1;
	case ACT_TOGGLE_READ_FEEDS:
		t->show_read_feeds = !t->show_read_feeds;
		reload_keep(t, lv);
		tui_message(t, t->show_read_feeds ? "Showing all feeds" :
		    "Hiding feeds without unread articles");
		return 1;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		i = list_find(&lv->list, lv->list.cur,
		    a == ACT_NEXT_UNREAD ? 1 : -1, has_unread, NULL);
		if (i < 0)
			tui_message(t, "No %s feed with unread articles",
			    a == ACT_NEXT_UNREAD ? "next" : "previous");
		else
			list_set_cursor(&lv->list, i);
		return 1;
	}
	if (e == NULL)
		return 0;
	switch (a) {
	case ACT_OPEN:
		if (e->kind == FE_QUOTES) {
			tui_push(t, view_quotes_new(t));
			return 1;
		}
		if (e->kind == FE_BEAT) {
			tui_push(t, view_articles_beat(t, e->tag));
			return 1;
		}
		entry_query(e, &q);
		tui_push(t, view_articles_new(t, e->title, q.feed_url, q.tag,
		    q.unread, q.starred));
		return 1;
	case ACT_RELOAD:
		if (e->kind == FE_FEED || e->kind == FE_TAG)
			tui_reload(t, e->url, e->tag, e->title);
		else
			tui_reload(t, NULL, NULL, "all feeds");
		return 1;
	case ACT_MARK_ALL_READ:
		if (e->kind == FE_QUOTES || e->kind == FE_BEAT)
			return 0;
		entry_query(e, &q);
		tui_mark_all_read(t, &q, NULL, 0);
		reload_keep(t, lv);
		return 1;
	case ACT_OPEN_LINK:
	case ACT_COPY_URL:
		if (e->kind != FE_FEED)
			return 0;
		if (a == ACT_OPEN_LINK)
			tui_open_url(t, e->site ? e->site : e->url);
		else
			tui_copy_url(t, e->site ? e->site : e->url);
		return 1;
	}
	return 0;
}

static void
refresh(struct tui *t, struct listview *lv)
{
	reload_keep(t, lv);
}

static void
free_feeds(struct listview *lv)
{
	struct feeds *fs = lv->data;

	list_drop_cache(&lv->list);
	clear_entries(fs);
	free(fs->e);
	free(fs->f);
	free(fs);
}

static const struct listview_ops feeds_ops = {
	format, action, title, refresh, NULL, free_feeds,
	"No feeds yet: add one with `dossier add URL`."
};

struct view *
view_feeds_new(struct tui *t)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));
	struct feeds *fs = xcalloc(1, sizeof(*fs));

	fs->t = t;
	load(fs);
	listview_init(lv, TV_FEEDS, &feeds_ops, &feeds_source, fs, 1);
	list_reload(&lv->list);
	return &lv->v;
}
