/*
 * edit.c: the one-line editor of the prompts (search, link number):
 * UTF-8 text, a cursor, the usual keys (arrows, Home/End, ^A ^E ^U ^K ^W,
 * Backspace, Delete), Enter to accept and Esc or ^G to cancel.
 */
#include <string.h>

#include "dstr.h"
#include "tui_int.h"
#include "utf8.h"

void
edit_init(struct edit *e, const char *initial)
{
	dstr_init(&e->buf);
	if (initial)
		dstr_adds(&e->buf, initial);
	e->pos = e->buf.len;
}

void
edit_release(struct edit *e)
{
	dstr_release(&e->buf);
	e->pos = 0;
}

static size_t
prev_char(const struct edit *e, size_t pos)
{
	while (pos > 0) {
		pos--;
		if (((unsigned char)e->buf.buf[pos] & 0xc0) != 0x80)
			break;
	}
	return pos;
}

static size_t
next_char(const struct edit *e, size_t pos)
{
	uint32_t cp;

	if (pos >= e->buf.len)
		return e->buf.len;
	return pos + utf8_decode(e->buf.buf + pos, e->buf.len - pos, &cp);
}

static void
cut(struct edit *e, size_t from, size_t to)
{
	memmove(e->buf.buf + from, e->buf.buf + to, e->buf.len - to);
	dstr_setlen(&e->buf, e->buf.len - (to - from));
	e->pos = from;
}

enum edit_result
edit_key(struct edit *e, int key)
{
	char enc[4];
	size_t n, p;

	switch (key) {
	case TK_ENTER:
	case '\r':
		return EDIT_DONE;
	case TK_ESC:
	case TK_CTRL('G'):
		return EDIT_CANCEL;
	case TK_LEFT:
	case TK_CTRL('B'):
		e->pos = prev_char(e, e->pos);
		break;
	case TK_RIGHT:
	case TK_CTRL('F'):
		e->pos = next_char(e, e->pos);
		break;
	case TK_HOME:
	case TK_CTRL('A'):
		e->pos = 0;
		break;
	case TK_END:
	case TK_CTRL('E'):
		e->pos = e->buf.len;
		break;
	case TK_BACKSPACE:
	case TK_CTRL('H'):
		if (e->pos == 0 && e->buf.len == 0)
			return EDIT_CANCEL;
		if (e->pos > 0)
			cut(e, prev_char(e, e->pos), e->pos);
		break;
	case TK_DELETE:
	case TK_CTRL('D'):
		if (e->pos < e->buf.len)
			cut(e, e->pos, next_char(e, e->pos));
		break;
	case TK_CTRL('U'):
		cut(e, 0, e->pos);
		break;
	case TK_CTRL('K'):
		dstr_setlen(&e->buf, e->pos);
		break;
	case TK_CTRL('W'):
		p = e->pos;
		while (p > 0 && e->buf.buf[p - 1] == ' ')
			p--;
		while (p > 0 && e->buf.buf[p - 1] != ' ')
			p--;
		cut(e, p, e->pos);
		break;
	default:
		if (key < 0x20 || key >= TK_SPECIAL || key == 0x7f ||
		    utf8_is_unsafe((uint32_t)key))
			break;
		n = utf8_encode((uint32_t)key, enc);
		dstr_grow(&e->buf, n);
		memmove(e->buf.buf + e->pos + n, e->buf.buf + e->pos,
		    e->buf.len - e->pos);
		memcpy(e->buf.buf + e->pos, enc, n);
		dstr_setlen(&e->buf, e->buf.len + n);
		e->pos += n;
		break;
	}
	return EDIT_CONTINUE;
}

void
edit_view(const struct edit *e, int width, size_t *start, size_t *len,
    int *cursor_col)
{
	size_t s = 0;
	int w;

	if (width < 2)
		width = 2;
	/* scroll so that the cursor fits, leaving a column for it */
	while (text_width(e->buf.buf + s, e->pos - s) > width - 1)
		s = next_char(e, s);
	w = text_width(e->buf.buf + s, e->pos - s);
	*start = s;
	*len = text_fit(e->buf.buf + s, e->buf.len - s, width, NULL);
	*cursor_col = w;
}
