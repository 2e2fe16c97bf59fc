/*
 * view_pager.c: one article: a header (title, outlet, author, date, link)
 * and the body rendered at the window's width (or text-width), scrolled,
 * searched (/ n N), its links opened or copied by number.  Opening an
 * article marks it read.  J and K (and n/N without a search) move to the
 * next or previous article of the list the pager was opened from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "opener.h"
#include "store.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

struct pview {
	struct view	 v;
	struct tui	*t;
	struct pager	 pg;
	struct store_article a;
	int64_t		 id;
	int		 loaded;
	struct view	*origin;
	int		 laid_width;	/* the width of the layout */
	struct psel	*ps;		/* quotations (select.c) */
	int		 full;		/* the full text is shown */
};

static struct pview *
pv_of(struct view *v)
{
	return (struct pview *)v;
}

/* Plain text as HTML paragraphs, for an article without markup. */
static char *
text_html(const char *text)
{
	struct dstr d = DSTR_INIT;
	const char *p;

	dstr_adds(&d, "<p>");
	for (p = text; *p; p++) {
		if (p[0] == '\n' && p[1] == '\n') {
			dstr_adds(&d, "</p><p>");
			while (p[1] == '\n')
				p++;
		} else if (*p == '\n')
			dstr_adds(&d, "<br>");
		else if (*p == '<')
			dstr_adds(&d, "&lt;");
		else if (*p == '>')
			dstr_adds(&d, "&gt;");
		else if (*p == '&')
			dstr_adds(&d, "&amp;");
		else
			dstr_addc(&d, *p);
	}
	dstr_adds(&d, "</p>");
	return dstr_detach(&d, NULL);
}

static int
load(struct pview *pv, int64_t id)
{
	struct tui *t = pv->t;
	char *html = NULL;
	int rc;

	if (pv->loaded)
		store_article_release(&pv->a);
	pv->loaded = 0;
	rc = store_article_get(t->st, id, &pv->a);
	if (rc != 0) {
		if (rc < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else
			tui_error(t, "article %lld is gone", (long long)id);
		memset(&pv->a, 0, sizeof(pv->a));
		return -1;
	}
	pv->loaded = 1;
	pv->id = id;
	if (!pv->a.read) {
		if (store_article_set_read(t->st, id, 1) < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else
			pv->a.read = 1;
	}
	if (pv->full && (pv->a.fulltext == NULL || *pv->a.fulltext == '\0'))
		pv->full = 0;
	if (pv->full)
		pager_set_html(&pv->pg, pv->a.fulltext, pv->a.url);
	else if (pv->a.content && *pv->a.content)
		pager_set_html(&pv->pg, pv->a.content, pv->a.url);
	else if (pv->a.summary && *pv->a.summary)
		pager_set_html(&pv->pg, pv->a.summary, pv->a.url);
	else {
		html = text_html(pv->a.text ? pv->a.text : "");
		pager_set_html(&pv->pg, html, NULL);
		free(html);
	}
	pv->laid_width = 0;		/* lay out at the next draw */
	pager_search(&pv->pg, NULL);
	/* quotes refer to the feed's text, not the full text */
	psel_article(pv->ps, pv->full ? 0 : id);
	return 0;
}

/* One header field, wrapped: "Label:  value", continued under the value. */
static void
head_field(struct pview *pv, struct tline **head, size_t *n, int width,
    const char *label, const char *value, int elem, int link)
{
	struct dstr d = DSTR_INIT;
	struct tline *l;
	size_t pos = 0, fit, brk, i;
	int first = 1, vw = width - 8;

	if (value == NULL || *value == '\0')
		return;
	if (vw < 4)
		vw = 4;
	tui_text_add(&d, value, strlen(value), SAN_ONE_LINE, pv->t->ascii);
	while (first || pos < d.len) {
		fit = text_fit(d.buf + pos, d.len - pos, vw, NULL);
		if (fit == 0 && pos < d.len)
			fit = 1;
		if (pos + fit < d.len && elem != E_URL) {
			/* break at the last blank that fits */
			brk = fit;
			for (i = fit; i > 0; i--)
				if (d.buf[pos + i] == ' ') {
					brk = i;
					break;
				}
			fit = brk;
		}
		*head = xreallocarray(*head, *n + 1, sizeof(**head));
		l = &(*head)[(*n)++];
		tline_init(l);
		tline_add(l, E_HEADER, 0, first ? label : "", first ?
		    strlen(label) : 0);
		tline_pad(l, E_NORMAL, 8);
		tline_add_link(l, elem, 0, link, d.buf + pos, fit);
		pos += fit;
		while (pos < d.len && d.buf[pos] == ' ')
			pos++;
		first = 0;
	}
	dstr_release(&d);
}

static void
layout(struct pview *pv, int width)
{
	struct tline *head = NULL;
	size_t n = 0;
	char date[40];
	int64_t when;

	head_field(pv, &head, &n, width, "Title:", pv->a.title, E_BOLD, 0);
	head_field(pv, &head, &n, width, "Feed:", pv->a.feed_title,
	    E_OUTLET, 0);
	head_field(pv, &head, &n, width, "Author:", pv->a.author, E_NORMAL,
	    0);
	when = pv->a.published != DATE_NONE ? pv->a.published :
	    pv->a.updated;
	if (when != DATE_NONE) {
		tui_date(when, 1, date, sizeof(date));
		head_field(pv, &head, &n, width, "Date:", date, E_DATE, 0);
	}
	head_field(pv, &head, &n, width, "Link:", pv->a.url, E_URL, -1);
	head_field(pv, &head, &n, width, "Text:", pv->full ?
	    "the full text of the page (F: the feed's)" :
	    pv->a.fulltext && *pv->a.fulltext ?
	    "the feed's (F: the full text)" :
	    "the feed's (F: fetch the full text)", E_DECOR, 0);
	head = xreallocarray(head, n + 1, sizeof(*head));
	tline_init(&head[n++]);
	pager_set_head(&pv->pg, head, n);
	pager_layout(&pv->pg, width);
	pv->laid_width = width;
}

static int
text_columns(struct tui *t, int w)
{
	if (t->text_width > 0 && t->text_width < w)
		return t->text_width;
	return w;
}

static void
pv_draw(struct tui *t, struct view *v, int y0, int h, int w)
{
	struct pview *pv = pv_of(v);
	struct tline l;
	size_t i;

	if (!pv->loaded) {
		for (i = 0; i < (size_t)h; i++)
			screen_line(y0 + (int)i, NULL, -1);
		return;
	}
	pv->pg.ascii = t->ascii;
	if (pv->laid_width != text_columns(t, w))
		layout(pv, text_columns(t, w));
	pager_set_height(&pv->pg, h);
	pager_highlight(&pv->pg);
	if (t->msg.len == 0 && !fulltext_active(t))
		history_breadcrumb(t, pv->id, &t->msg);
	tline_init(&l);
	for (i = 0; i < (size_t)h; i++) {
		tline_reset(&l);
		if (pv->pg.top + i < pager_total(&pv->pg))
			pager_line(&pv->pg, pv->pg.top + i, &l);
		else if (pv->pg.top + i == pager_total(&pv->pg))
			tline_adds(&l, E_DECOR, "~");
		screen_line(y0 + (int)i, &l, -1);
	}
	tline_release(&l);
}

static const char *
link_url(struct pview *pv, int link)
{
	if (link < 0)
		return pv->a.url;
	if (link > 0 && (size_t)link <= pv->pg.doc.nlinks)
		return pv->pg.doc.links[link - 1].url;
	return NULL;
}

static int
ascii_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* OSC 8: the links on screen become hyperlinks of the terminal. */
static void
pv_overlay(struct tui *t, struct view *v, int y0, int h, int w)
{
	struct pview *pv = pv_of(v);
	const struct tseg *sg;
	struct tline l;
	const char *url, *why;
	size_t i, j;
	int x;

	if (!t->hyperlinks || !pv->loaded || t->prompting)
		return;
	tline_init(&l);
	for (i = 0; i < (size_t)h && pv->pg.top + i < pager_total(&pv->pg);
	    i++) {
		pager_line(&pv->pg, pv->pg.top + i, &l);
		x = 0;
		for (j = 0; j < l.nsegs && x < w; j++) {
			sg = &l.segs[j];
			url = sg->link ? link_url(pv, sg->link) : NULL;
			if (url && opener_check_url(url, &why) == 0 &&
			    ascii_only(l.text.buf + sg->off, sg->len) &&
			    x + (int)sg->len <= w)
				screen_hyperlink(y0 + (int)i, x, sg,
				    l.text.buf, url);
			x += text_width(l.text.buf + sg->off, sg->len);
		}
	}
	tline_release(&l);
}

static void
pv_title(struct tui *t, struct view *v, struct tline *l)
{
	struct pview *pv = pv_of(v);
	size_t total = pager_total(&pv->pg);
	int pct;

	tline_adds(l, E_TITLE, " ");
	if (!pv->loaded)
		return;
	tline_add_untrusted(l, E_TITLE, pv->a.feed_title, t->ascii);
	if (pv->a.starred)
		tline_adds(l, E_TITLE, "  *");
	pct = total == 0 || pv->pg.top + (size_t)pv->pg.height >= total ?
	    100 : (int)((pv->pg.top + (size_t)pv->pg.height) * 100 / total);
	tline_addf(l, E_TITLE, "  %d%%", pct);
	if (pv->pg.query) {
		tline_adds(l, E_TITLE, "  /");
		tline_add_untrusted(l, E_TITLE, pv->pg.query, t->ascii);
		tline_addf(l, E_TITLE, ": %zu", pv->pg.nmatch);
	}
}

static void
search_done(struct tui *t, const char *text, void *arg)
{
	struct pview *pv = arg;
	size_t n;

	n = pager_search(&pv->pg, text);
	if (*text == '\0')
		return;
	if (n == 0) {
		tui_error(t, "Not found: %s", text);
		return;
	}
	pager_next_match(&pv->pg, 1, 1);
	tui_message(t, "Match %zu of %zu", pv->pg.cur_match + 1, n);
}

static void
link_done(struct tui *t, const char *text, void *arg, int copy)
{
	struct pview *pv = arg;
	const char *url;
	char *end;
	long n;

	if (*text == '\0')
		url = pv->a.url;
	else {
		n = strtol(text, &end, 10);
		if (*end != '\0' || n < 1 || (size_t)n > pv->pg.doc.nlinks) {
			tui_error(t, "No link %s (the links are 1 to %zu)",
			    text, pv->pg.doc.nlinks);
			return;
		}
		url = pv->pg.doc.links[n - 1].url;
	}
	if (copy)
		tui_copy_url(t, url);
	else
		tui_open_url(t, url);
}

static void
open_done(struct tui *t, const char *text, void *arg)
{
	link_done(t, text, arg, 0);
}

static void
copy_done(struct tui *t, const char *text, void *arg)
{
	link_done(t, text, arg, 1);
}

static void
go_article(struct tui *t, struct pview *pv, int dir, int unread)
{
	int64_t id;

	if (pv->origin == NULL || pv->origin->ops->neighbour == NULL ||
	    pv->origin->ops->neighbour(t, pv->origin, dir, unread, &id) != 0) {
		tui_message(t, "No %s %sarticle", dir > 0 ? "next" :
		    "previous", unread ? "unread " : "");
		return;
	}
	if (load(pv, id) == 0)
		pv->pg.top = 0;
}

static int
pv_action(struct tui *t, struct view *v, int a)
{
	struct pview *pv = pv_of(v);
	struct pager *pg = &pv->pg;
	long h = pg->height > 1 ? pg->height - 1 : 1;
	char label[80];
	size_t i;
	int64_t id;

	for (i = 0; i < pg->nhooks; i++)
		if (pg->hooks[i].key &&
		    pg->hooks[i].key(pg->hooks[i].ctx, t, pg, a))
			return 1;
	switch (a) {
	case ACT_UP:
		pager_scroll(pg, -1);
		return 1;
	case ACT_DOWN:
		pager_scroll(pg, 1);
		return 1;
	case ACT_PAGE_UP:
		pager_scroll(pg, -h);
		return 1;
	case ACT_PAGE_DOWN:
		pager_scroll(pg, h);
		return 1;
	case ACT_HALF_UP:
		pager_scroll(pg, -(long)(pg->height / 2 ? pg->height / 2 : 1));
		return 1;
	case ACT_HALF_DOWN:
		pager_scroll(pg, pg->height / 2 ? pg->height / 2 : 1);
		return 1;
	case ACT_TOP:
		pager_scroll_to(pg, 0);
		return 1;
	case ACT_BOTTOM:
		pager_scroll_to(pg, pager_total(pg));
		return 1;
	case ACT_OPEN:
		return 1;
	}
	if (!pv->loaded)
		return 0;
	switch (a) {
	case ACT_SEARCH:
		tui_prompt(t, "Search in the article: ", NULL, search_done,
		    pv);
		return 1;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (pg->query == NULL || pg->nmatch == 0) {
			go_article(t, pv, a == ACT_NEXT_MATCH ? 1 : -1, 1);
			return 1;
		}
		i = pg->cur_match;
		pager_next_match(pg, a == ACT_NEXT_MATCH ? 1 : -1, 1);
		tui_message(t, "Match %zu of %zu%s", pg->cur_match + 1,
		    pg->nmatch, i < pg->nmatch && ((a == ACT_NEXT_MATCH &&
		    pg->cur_match <= i) || (a == ACT_PREV_MATCH &&
		    pg->cur_match >= i)) ? " (wrapped)" : "");
		return 1;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD:
		go_article(t, pv, a == ACT_NEXT_UNREAD ? 1 : -1, 1);
		return 1;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		go_article(t, pv, a == ACT_NEXT_ARTICLE ? 1 : -1, 0);
		return 1;
	case ACT_OPEN_LINK:
	case ACT_COPY_URL:
		if (pg->doc.nlinks == 0) {
			if (a == ACT_OPEN_LINK)
				tui_open_url(t, pv->a.url);
			else
				tui_copy_url(t, pv->a.url);
			return 1;
		}
		snprintf(label, sizeof(label), "%s link (1-%zu, Enter: the "
		    "article's): ", a == ACT_OPEN_LINK ? "Open" : "Copy",
		    pg->doc.nlinks);
		tui_prompt(t, label, NULL, a == ACT_OPEN_LINK ? open_done :
		    copy_done, pv);
		return 1;
	case ACT_TOGGLE_STAR:
		if (store_article_set_starred(t->st, pv->id, !pv->a.starred) < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else {
			pv->a.starred = !pv->a.starred;
			tui_message(t, pv->a.starred ? "Starred" :
			    "Not starred");
		}
		return 1;
	case ACT_TOGGLE_READ:
		if (store_article_set_read(t->st, pv->id, !pv->a.read) < 0)
			tui_error(t, "%s", store_errmsg(t->st));
		else {
			pv->a.read = !pv->a.read;
			tui_message(t, pv->a.read ? "Marked read" :
			    "Marked unread");
		}
		return 1;
	case ACT_RELOAD:
		tui_reload(t, pv->a.feed_url, NULL, "this feed");
		return 1;
	case ACT_REFS:
		tui_push(t, view_refs_new(t, v));
		return 1;
	case ACT_HIST_BACK:
	case ACT_HIST_FORWARD:
		if (history_move(t, pv->id, a == ACT_HIST_BACK ? -1 : 1,
		    &id) != 0) {
			tui_message(t, "Nothing %s in the history (x: "
			    "references, Enter follows one)",
			    a == ACT_HIST_BACK ? "back" : "ahead");
			return 1;
		}
		view_pager_goto(t, v, id);
		return 1;
	case ACT_FULLTEXT:
		if (pv->full || (pv->a.fulltext && *pv->a.fulltext)) {
			pv->full = !pv->full;
			load(pv, pv->id);
			pv->pg.top = 0;
			tui_message(t, pv->full ? "The full text of the page" :
			    "The feed's text");
		} else if (fulltext_active(t))
			tui_message(t, "A full text is being fetched already");
		else
			fulltext_start(t, pv->id, pv->a.title);
		return 1;
	}
	return 0;
}

int64_t
view_pager_id(struct view *v)
{
	return pv_of(v)->id;
}

const char *
view_pager_title(struct view *v)
{
	struct pview *pv = pv_of(v);

	return pv->loaded ? pv->a.title : NULL;
}

int
view_pager_goto(struct tui *t, struct view *v, int64_t id)
{
	struct pview *pv = pv_of(v);
	int64_t old = pv->id;

	pv->full = 0;
	if (load(pv, id) != 0) {
		if (old != id)
			load(pv, old);
		return -1;
	}
	pv->pg.top = 0;
	t->dirty = 1;
	return 0;
}

void
view_pager_passage(struct view *v, size_t start, size_t end)
{
	psel_show(pv_of(v)->ps, start, end);
}

void
view_pager_fulltext_done(struct tui *t, int64_t id, int stored)
{
	struct pview *pv;
	int i;

	for (i = 0; i < t->depth; i++) {
		if (t->stack[i]->id != TV_PAGER)
			continue;
		pv = pv_of(t->stack[i]);
		if (!pv->loaded || pv->id != id)
			continue;
		pv->full = stored;
		load(pv, id);
		pv->pg.top = 0;
	}
}

static void
pv_free(struct view *v)
{
	struct pview *pv = pv_of(v);

	if (pv->loaded)
		store_article_release(&pv->a);
	psel_free(pv->ps);
	pager_release(&pv->pg);
	free(pv);
}

static const struct view_ops pager_ops = {
	pv_draw, pv_title, pv_action, NULL, NULL, pv_free, pv_overlay
};

struct view *
view_pager_new(struct tui *t, int64_t id, struct view *origin)
{
	struct pview *pv = xcalloc(1, sizeof(*pv));

	pv->v.ops = &pager_ops;
	pv->v.id = TV_PAGER;
	pv->t = t;
	pv->origin = origin;
	pager_init(&pv->pg);
	pv->ps = psel_new(t, &pv->pg, &pv->v);
	if (load(pv, id) != 0) {
		pv_free(&pv->v);
		return NULL;
	}
	return &pv->v;
}
