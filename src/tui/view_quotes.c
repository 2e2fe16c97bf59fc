/*
 * view_quotes.c: the tagged quotes, from the "Quotes" entry of the feed
 * list: grouped by tag (a quote under each of its tags), by speaker or by
 * outlet (O switches); Enter shows the article with the quote in view;
 * t or e edits the tags (Tab completes), n the note, p the speaker, and d
 * deletes after a y/n question.  Quotes are few enough to be held in
 * memory (one query).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dstr.h"
#include "quotes.h"
#include "store.h"
#include "tui_int.h"
#include "xalloc.h"

enum { QM_TAG, QM_SPEAKER, QM_OUTLET, QM_COUNT };
static const char *const mode_names[QM_COUNT] = {
	"by tag", "by speaker", "by outlet"
};

struct qrow {
	const struct quote *q;		/* NULL: a group heading */
	char	*head;			/* sanitised heading */
	const char *group;		/* what it is sorted under (borrowed) */
};

struct edit_ctx {
	struct listview	*lv;
	int64_t		 id;
	int		 what;		/* ACT_TAG, ACT_EDIT_NOTE... */
};

struct qview {
	struct tui	*t;
	struct edit_ctx	 ec;
	struct quote	*v;
	size_t		 nv;
	struct qrow	*rows;
	size_t		 n, cap;
	int		 mode;
};

static void
clear(struct qview *qv)
{
	size_t i;

	for (i = 0; i < qv->n; i++)
		free(qv->rows[i].head);
	free(qv->rows);
	qv->rows = NULL;
	qv->n = qv->cap = 0;
	quotes_array_free(qv->v, qv->nv);
	qv->v = NULL;
	qv->nv = 0;
}

static void
add(struct qview *qv, const struct quote *q, const char *group)
{
	if (qv->n == qv->cap) {
		qv->cap = qv->cap ? qv->cap * 2 : 64;
		qv->rows = xreallocarray(qv->rows, qv->cap, sizeof(*qv->rows));
	}
	qv->rows[qv->n].q = q;
	qv->rows[qv->n].head = NULL;
	qv->rows[qv->n].group = group;
	qv->n++;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct qrow *x = a, *y = b;
	int c;

	/* "" (no tag, no speaker) last */
	if ((*x->group == '\0') != (*y->group == '\0'))
		return *x->group == '\0' ? 1 : -1;
	if ((c = quote_tag_cmp(x->group, y->group)) != 0)
		return c;
	if (x->q->published != y->q->published)
		return x->q->published > y->q->published ? -1 : 1;
	return (x->q->id > y->q->id) - (x->q->id < y->q->id);
}

static void
load(struct qview *qv)
{
	struct quote_filter f;
	struct qrow *rows;
	struct dstr d = DSTR_INIT;
	const char *g, *last;
	size_t i, j, n;

	clear(qv);
	memset(&f, 0, sizeof(f));
	if (tui_quotes(qv->t) == NULL ||
	    quotes_list(tui_quotes(qv->t), &f, &qv->v, &qv->nv) != 0) {
		tui_error(qv->t, "%s", store_errmsg(qv->t->st));
		return;
	}
	for (i = 0; i < qv->nv; i++) {
		const struct quote *q = &qv->v[i];

		switch (qv->mode) {
		case QM_TAG:
			if (q->ntags == 0)
				add(qv, q, "");
			for (j = 0; j < q->ntags; j++)
				add(qv, q, q->tags[j]);
			break;
		case QM_SPEAKER:
			add(qv, q, q->speaker ? q->speaker : "");
			break;
		default:
			add(qv, q, q->feed_title ? q->feed_title : "");
			break;
		}
	}
	if (qv->n > 1)
		qsort(qv->rows, qv->n, sizeof(*qv->rows), cmp_rows);
	/* headings between the groups */
	rows = qv->rows;
	n = qv->n;
	qv->rows = NULL;
	qv->n = qv->cap = 0;
	last = NULL;
	for (i = 0; i < n; i++) {
		g = rows[i].group;
		if (last == NULL || strcmp(g, last) != 0) {
			add(qv, NULL, g);
			dstr_reset(&d);
			dstr_adds(&d, *g ? g : qv->mode == QM_TAG ? "(no tag)" :
			    qv->mode == QM_SPEAKER ? "(no speaker)" :
			    "(no outlet)");
			qv->rows[qv->n - 1].head = tui_text_dup(d.buf,
			    qv->t->ascii);
			last = g;
		}
		add(qv, rows[i].q, g);
	}
	free(rows);
	dstr_release(&d);
}

static int
src_count(void *ctx, int64_t *n)
{
	*n = (int64_t)((struct qview *)ctx)->n;
	return 0;
}

static int
src_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct qview *qv = ctx;
	int64_t i;

	for (i = off; i < off + n && i < (int64_t)qv->n; i++)
		list_push(l, &qv->rows[i]);
	return 0;
}

static const struct list_source quotes_source = {
	src_count, src_fetch, NULL
};

static void
format(struct tui *t, struct listview *lv, const void *row, int width,
    struct tline *out, int *base)
{
	const struct qrow *r = row;
	const struct quote *q = r->q;
	struct dstr d = DSTR_INIT;
	size_t j;
	int w;

	(void)lv;
	(void)base;
	if (q == NULL) {
		tline_adds(out, E_NORMAL, " ");
		tline_add_cell(out, E_GROUP, 0, r->head, width - 1, t->ascii);
		return;
	}
	/* line 1: the quotation; line 2: who, where, tags, note */
	tline_adds(out, E_NORMAL, "   ");
	tline_adds(out, q->orphaned ? E_FAILED : E_QUOTE, q->orphaned ? "!" :
	    "\"");
	dstr_adds(&d, q->text ? q->text : "");
	dstr_adds(&d, "\"");
	tline_add_cell(out, E_QUOTE, 0, d.buf, width - 4, t->ascii);
	dstr_reset(&d);
	tline_adds(&out[1], E_NORMAL, "      ");
	if (q->speaker && *q->speaker) {
		dstr_adds(&d, q->speaker);
		dstr_adds(&d, ", ");
	}
	dstr_adds(&d, q->feed_title ? q->feed_title : "");
	w = width - 6;
	tline_add_untrusted(&out[1], E_OUTLET, d.buf, t->ascii);
	dstr_reset(&d);
	for (j = 0; j < q->ntags; j++) {
		dstr_adds(&d, j ? " #" : "  #");
		dstr_adds(&d, q->tags[j]);
	}
	tline_add_untrusted(&out[1], E_TAG, d.buf, t->ascii);
	if (q->note && *q->note) {
		tline_adds(&out[1], E_NORMAL, "  ");
		tline_add_untrusted(&out[1], E_NORMAL, q->note, t->ascii);
	}
	tline_cut(&out[1], w + 6);
	dstr_release(&d);
}

static void
title(struct tui *t, struct listview *lv, struct tline *l)
{
	struct qview *qv = lv->data;

	(void)t;
	tline_addf(l, E_TITLE, " Quotes (%zu), %s", qv->nv,
	    mode_names[qv->mode]);
}

static const struct quote *
cur_quote(struct listview *lv)
{
	const struct qrow *r = list_row(&lv->list, lv->list.cur);

	return r ? r->q : NULL;
}

/* Load again, the cursor on quote id (or where it was). */
static void
reload(struct listview *lv, int64_t id)
{
	struct qview *qv = lv->data;
	size_t i;

	list_drop_cache(&lv->list);
	load(qv);
	list_reload(&lv->list);
	for (i = 0; id > 0 && i < qv->n; i++)
		if (qv->rows[i].q && qv->rows[i].q->id == id) {
			list_set_cursor(&lv->list, (int64_t)i);
			break;
		}
}

static void
edit_done(struct tui *t, const char *text, void *arg)
{
	struct edit_ctx *ec = arg;
	struct quotes *q = tui_quotes(t);
	char **tags;
	size_t n;
	int rc;

	switch (ec->what) {
	case ACT_TAG:
		n = tags_split(text, &tags);
		rc = quotes_set_tags(q, ec->id, (const char *const *)tags, n);
		tags_free(tags, n);
		break;
	case ACT_EDIT_NOTE:
		rc = quotes_set_note(q, ec->id, text);
		break;
	default:
		rc = quotes_set_speaker(q, ec->id, text);
		break;
	}
	if (rc < 0)
		tui_error(t, "%s", quotes_errmsg(q));
	else
		tui_message(t, "Quote %lld changed", (long long)ec->id);
	reload(ec->lv, ec->id);
}

static void
delete_yes(struct tui *t, void *arg)
{
	struct edit_ctx *ec = arg;
	struct quotes *q = tui_quotes(t);

	if (quotes_remove(q, ec->id) < 0)
		tui_error(t, "%s", quotes_errmsg(q));
	else
		tui_message(t, "Quote %lld deleted", (long long)ec->id);
	reload(ec->lv, 0);
}

static int
action(struct tui *t, struct listview *lv, int a)
{
	struct qview *qv = lv->data;
	const struct quote *q = cur_quote(lv);
	struct edit_ctx *ec = &qv->ec;
	struct dstr d = DSTR_INIT;
	struct view *pv;
	size_t j;

	if (a == ACT_SORT) {
		qv->mode = (qv->mode + 1) % QM_COUNT;
		reload(lv, q ? q->id : 0);
		tui_message(t, "Quotes %s", mode_names[qv->mode]);
		return 1;
	}
	if (q == NULL)
		return a == ACT_OPEN || a == ACT_TAG || a == ACT_EDIT_NOTE ||
		    a == ACT_EDIT_SPEAKER || a == ACT_DELETE;
	/* the prompt or question is modal: one edit at a time */
	ec->lv = lv;
	ec->id = q->id;
	ec->what = a;
	switch (a) {
	case ACT_OPEN:
		pv = view_pager_new(t, q->article_id, NULL);
		if (pv == NULL)
			return 1;
		tui_push(t, pv);
		if (q->orphaned)
			tui_message(t, "This quote is no longer in the "
			    "article's text (it was edited)");
		else
			view_pager_passage(pv, q->start, q->end);
		return 1;
	case ACT_OPEN_LINK:
		tui_open_url(t, q->url);
		return 1;
	case ACT_COPY_URL:
		tui_copy_url(t, q->url);
		return 1;
	case ACT_TAG:
		for (j = 0; j < q->ntags; j++) {
			dstr_adds(&d, q->tags[j]);
			dstr_adds(&d, ", ");
		}
		tui_prompt(t, "Tags (Tab completes): ", d.buf, edit_done, ec);
		tui_prompt_complete(t, tags_complete);
		break;
	case ACT_EDIT_NOTE:
		tui_prompt(t, "Note: ", q->note ? q->note : "", edit_done, ec);
		break;
	case ACT_EDIT_SPEAKER:
		tui_prompt(t, "Speaker (empty: none): ", q->speaker ?
		    q->speaker : "", edit_done, ec);
		break;
	case ACT_DELETE:
		tui_confirm(t, "Delete this quote?", delete_yes, ec);
		break;
	default:
		return 0;
	}
	dstr_release(&d);
	return 1;
}

static void
refresh(struct tui *t, struct listview *lv)
{
	const struct quote *q = cur_quote(lv);

	(void)t;
	reload(lv, q ? q->id : 0);
}

static void
free_quotes(struct listview *lv)
{
	struct qview *qv = lv->data;

	list_drop_cache(&lv->list);
	tui_ungrab(qv->t, &qv->ec);
	clear(qv);
	free(qv);
}

static const struct listview_ops quotes_ops = {
	format, action, title, refresh, NULL, free_quotes,
	"No quotes yet: in an article, ] highlights a quotation and t tags it."
};

struct view *
view_quotes_new(struct tui *t)
{
	struct listview *lv = xcalloc(1, sizeof(*lv));
	struct qview *qv = xcalloc(1, sizeof(*qv));

	qv->t = t;
	qv->mode = QM_TAG;
	load(qv);
	listview_init(lv, TV_QUOTES, &quotes_ops, &quotes_source, qv, 2);
	list_reload(&lv->list);
	if (qv->n > 1) {
		list_set_cursor(&lv->list, 1);	/* the first quote */
		lv->list.top = 0;
	}
	return &lv->v;
}
