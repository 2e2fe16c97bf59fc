/*
 * list.c: a list of count rows, a cursor, the rows on screen, and a cache
 * of the rows around them fetched from a row source (the archive, with
 * limit and offset) only when the screen moves out of it.  A list of
 * 100,000 articles keeps a few screens of rows in memory.
 */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"
#include "xalloc.h"

/* Rows fetched at a time: a few screens, at least this many. */
#define LIST_MIN_WINDOW	64
#define LIST_SCAN_WINDOW 512

void
list_init(struct list *l, const struct list_source *src, void *ctx)
{
	memset(l, 0, sizeof(*l));
	l->height = 1;
	l->src = src;
	l->ctx = ctx;
}

void
list_drop_cache(struct list *l)
{
	size_t i;

	if (l->src && l->src->free_row)
		for (i = 0; i < l->n; i++)
			l->src->free_row(l->rows[i]);
	l->n = 0;
	l->coff = 0;
}

void
list_release(struct list *l)
{
	list_drop_cache(l);
	free(l->rows);
	l->rows = NULL;
	l->cap = 0;
}

void
list_push(struct list *l, void *row)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : LIST_MIN_WINDOW;
		l->rows = xreallocarray(l->rows, l->cap, sizeof(*l->rows));
	}
	l->rows[l->n++] = row;
}

/* Keep the cursor on a row and on screen, and the screen full. */
static void
list_clamp(struct list *l)
{
	int64_t maxtop;

	if (l->height < 1)
		l->height = 1;
	if (l->cur >= l->count)
		l->cur = l->count - 1;
	if (l->cur < 0)
		l->cur = 0;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + l->height)
		l->top = l->cur - l->height + 1;
	maxtop = l->count - l->height;
	if (maxtop < 0)
		maxtop = 0;
	if (l->top > maxtop)
		l->top = maxtop;
	if (l->top < 0)
		l->top = 0;
}

int
list_reload(struct list *l)
{
	int64_t n = 0;
	int rc = 0;

	list_drop_cache(l);
	if (l->src && l->src->count(l->ctx, &n) != 0) {
		n = 0;
		rc = -1;
	}
	l->count = n;
	list_clamp(l);
	return rc;
}

void
list_set_height(struct list *l, int height)
{
	l->height = height < 1 ? 1 : height;
	list_clamp(l);
}

void
list_set_cursor(struct list *l, int64_t idx)
{
	l->cur = idx;
	list_clamp(l);
}

void
list_move(struct list *l, int64_t delta)
{
	l->cur += delta;
	list_clamp(l);
}

static void
list_shift(struct list *l, int64_t by)
{
	int64_t maxtop = l->count - l->height;

	if (maxtop < 0)
		maxtop = 0;
	l->top += by;
	if (l->top > maxtop)
		l->top = maxtop;
	if (l->top < 0)
		l->top = 0;
	l->cur += by;
	list_clamp(l);
}

void
list_page(struct list *l, int dir)
{
	list_shift(l, dir * (int64_t)l->height);
}

void
list_half_page(struct list *l, int dir)
{
	int h = l->height / 2;

	list_shift(l, dir * (int64_t)(h < 1 ? 1 : h));
}

static int
list_fetch(struct list *l, int64_t idx, int64_t window)
{
	int64_t start;

	list_drop_cache(l);
	/* a third before, the rest after: both scroll directions are cheap */
	start = idx - window / 3;
	if (start + window > l->count)
		start = l->count - window;
	if (start < 0)
		start = 0;
	l->coff = start;
	l->fetches++;
	if (l->src->fetch(l->ctx, start, window, l) != 0) {
		list_drop_cache(l);
		return -1;
	}
	return 0;
}

void *
list_row(struct list *l, int64_t idx)
{
	int64_t window;

	if (idx < 0 || idx >= l->count || l->src == NULL)
		return NULL;
	if (idx < l->coff || idx >= l->coff + (int64_t)l->n) {
		window = 3 * (int64_t)l->height;
		if (window < LIST_MIN_WINDOW)
			window = LIST_MIN_WINDOW;
		if (list_fetch(l, idx, window) != 0)
			return NULL;
		if (idx < l->coff || idx >= l->coff + (int64_t)l->n)
			return NULL;	/* the source has fewer rows now */
	}
	return l->rows[idx - l->coff];
}

int64_t
list_find(struct list *l, int64_t from, int dir, int (*pred)(const void *,
    void *), void *arg)
{
	int64_t i;
	void *row;

	for (i = from + dir; i >= 0 && i < l->count; i += dir) {
		if (i < l->coff || i >= l->coff + (int64_t)l->n) {
			/* scanning: big windows, ahead of the scan */
			if (list_fetch(l, dir > 0 ? i + LIST_SCAN_WINDOW / 3 :
			    i - LIST_SCAN_WINDOW + 1 + LIST_SCAN_WINDOW / 3,
			    LIST_SCAN_WINDOW) != 0)
				return -1;
			if (i < l->coff || i >= l->coff + (int64_t)l->n)
				return -1;
		}
		row = l->rows[i - l->coff];
		if (pred(row, arg))
			return i;
	}
	return -1;
}
