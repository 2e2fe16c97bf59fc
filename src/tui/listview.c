/*
 * listview.c: the one list view that the feeds, articles, search and help
 * views are made of (like sfeed_curses' pane and tmux's mode-tree): it
 * draws the rows on screen through the view's format() callback and
 * moves the cursor; everything else goes to the view's action().
 */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"
#include "xalloc.h"

#define LV_MAXLINES 4

static struct listview *
lv_of(struct view *v)
{
	return (struct listview *)v;
}

static void
lv_draw(struct tui *t, struct view *v, int y0, int h, int w)
{
	struct listview *lv = lv_of(v);
	struct tline out[LV_MAXLINES];
	const void *row;
	int64_t i;
	int y = y0, k, base;

	list_set_height(&lv->list, h / lv->row_lines);
	for (k = 0; k < lv->row_lines; k++)
		tline_init(&out[k]);
	if (lv->list.count == 0 && lv->lops->empty) {
		tline_adds(&out[0], E_NORMAL, lv->lops->empty);
		screen_line(y++, &out[0], -1);
	}
	for (i = lv->list.top; lv->list.count > 0 &&
	    i < lv->list.count && y + lv->row_lines <= y0 + h; i++) {
		if ((row = list_row(&lv->list, i)) == NULL)
			break;
		for (k = 0; k < lv->row_lines; k++)
			tline_reset(&out[k]);
		base = -1;
		lv->lops->format(t, lv, row, w, out, &base);
		for (k = 0; k < lv->row_lines; k++)
			screen_line(y++, &out[k],
			    i == lv->list.cur ? E_CURSOR : base);
	}
	while (y < y0 + h)
		screen_line(y++, NULL, -1);
	for (k = 0; k < lv->row_lines; k++)
		tline_release(&out[k]);
}

static void
lv_title(struct tui *t, struct view *v, struct tline *l)
{
	struct listview *lv = lv_of(v);

	lv->lops->title(t, lv, l);
}

static int
lv_action(struct tui *t, struct view *v, int action)
{
	struct listview *lv = lv_of(v);
	struct list *l = &lv->list;

	switch (action) {
	case ACT_UP:
		list_move(l, -1);
		return 1;
	case ACT_DOWN:
		list_move(l, 1);
		return 1;
	case ACT_PAGE_UP:
		list_page(l, -1);
		return 1;
	case ACT_PAGE_DOWN:
		list_page(l, 1);
		return 1;
	case ACT_HALF_UP:
		list_half_page(l, -1);
		return 1;
	case ACT_HALF_DOWN:
		list_half_page(l, 1);
		return 1;
	case ACT_TOP:
		list_set_cursor(l, 0);
		return 1;
	case ACT_BOTTOM:
		list_set_cursor(l, l->count - 1);
		return 1;
	}
	return lv->lops->action ? lv->lops->action(t, lv, action) : 0;
}

static void
lv_refresh(struct tui *t, struct view *v)
{
	struct listview *lv = lv_of(v);

	if (lv->lops->refresh)
		lv->lops->refresh(t, lv);
	else
		list_reload(&lv->list);
}

static int
lv_neighbour(struct tui *t, struct view *v, int dir, int unread, int64_t *id)
{
	struct listview *lv = lv_of(v);

	if (lv->lops->neighbour == NULL)
		return -1;
	return lv->lops->neighbour(t, lv, dir, unread, id);
}

static void
lv_free(struct view *v)
{
	struct listview *lv = lv_of(v);

	if (lv->lops->free)
		lv->lops->free(lv);
	list_release(&lv->list);
	free(lv);
}

const struct view_ops listview_view_ops = {
	lv_draw, lv_title, lv_action, lv_refresh, lv_neighbour, lv_free,
	NULL
};

void
listview_init(struct listview *lv, int id, const struct listview_ops *lops,
    const struct list_source *src, void *data, int row_lines)
{
	memset(lv, 0, sizeof(*lv));
	lv->v.ops = &listview_view_ops;
	lv->v.id = id;
	lv->lops = lops;
	lv->data = data;
	lv->row_lines = row_lines < 1 ? 1 : row_lines > LV_MAXLINES ?
	    LV_MAXLINES : row_lines;
	list_init(&lv->list, src, data);
}
