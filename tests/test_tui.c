/*
 * test_tui.c: the reader's logic without a terminal: key names and
 * bindings from the config, colours, styled lines, list paging and the
 * row cache, the pager (layout, scrolling, search, highlights, links), the
 * line editor and the OSC sequences.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "render.h"
#include "settings.h"
#include "tui_int.h"
#include "tap.h"

/* ---- keys and bindings -------------------------------------------- */

static int
key(const char *name)
{
	int k = -12345;

	if (keys_parse(name, &k) != 0)
		return -1;
	return k;
}

static void
test_keys(void)
{
	char buf[32];

	is_int(key("j"), 'j', "a letter is itself");
	is_int(key("^D"), 4, "^D is control-D");
	is_int(key("C-d"), 4, "C-d too");
	is_int(key("ENTER"), TK_ENTER, "ENTER");
	is_int(key("return"), TK_ENTER, "names are case-insensitive");
	is_int(key("SPACE"), ' ', "SPACE");
	is_int(key("PGDN"), TK_PGDN, "PGDN");
	is_int(key("NPAGE"), TK_PGDN, "NPAGE is PGDN");
	is_int(key("F5"), TK_F0 + 5, "F5");
	is_int(key("\xc3\xa9"), 0xe9, "a UTF-8 character");
	is_int(key("F13"), -1, "F13 does not exist");
	is_int(key("FOO"), -1, "an unknown name");
	is_int(key("^1"), -1, "^1 is no control key");
	is_int(key(""), -1, "an empty key");
	is_int(key("\x1b"), -1, "a raw control character is refused");
	keys_name(4, buf, sizeof(buf));
	is_str(buf, "^D", "name of ^D");
	keys_name(TK_PGUP, buf, sizeof(buf));
	is_str(buf, "PGUP", "name of PGUP");
	keys_name(' ', buf, sizeof(buf));
	is_str(buf, "SPACE", "name of space");
	keys_name(0xe9, buf, sizeof(buf));
	is_str(buf, "\xc3\xa9", "name of a UTF-8 key");
	keys_name(TK_F0 + 12, buf, sizeof(buf));
	is_str(buf, "F12", "name of F12");
	is_int(action_find("toggle-star"), ACT_TOGGLE_STAR, "action by name");
	is_int(action_find("nosuch"), -1, "unknown action");
	is_int(view_find("pager"), TV_PAGER, "view by name");
	is_int(view_find("article"), TV_PAGER, "article is the pager");
}

struct helpcheck {
	int	 quit_seen, star_keys_ok;
	struct dstr all;
};

static void
help_line(void *ctx, const char *keys, const char *help)
{
	struct helpcheck *h = ctx;

	dstr_addf(&h->all, "%s\t%s\n", keys, help);
}

static void
test_bindings(void)
{
	struct bindings b;
	struct config cfg;
	struct helpcheck h = { 0, 0, DSTR_INIT };
	struct dstr d = DSTR_INIT;
	char **err = NULL;
	size_t nerr = 0, i;

	bindings_init(&b);
	is_int(bindings_lookup(&b, TV_FEEDS, 'j'), ACT_DOWN, "j is down");
	is_int(bindings_lookup(&b, TV_ARTICLES, TK_DOWN), ACT_DOWN,
	    "DOWN is down");
	is_int(bindings_lookup(&b, TV_ARTICLES, 'n'), ACT_NEXT_UNREAD,
	    "n: next unread in a list");
	is_int(bindings_lookup(&b, TV_PAGER, 'n'), ACT_NEXT_MATCH,
	    "n: next match in the pager");
	is_int(bindings_lookup(&b, TV_FEEDS, 'Q'), ACT_QUIT, "Q quits");
	is_int(bindings_lookup(&b, TV_FEEDS, 'q'), ACT_BACK, "q goes back");
	is_int(bindings_lookup(&b, TV_FEEDS, 't'), ACT_TOGGLE_TAGS,
	    "t groups feeds");
	is_int(bindings_lookup(&b, TV_ARTICLES, 't'), ACT_NONE,
	    "t does nothing in the article list");
	is_int(bindings_lookup(&b, TV_PAGER, 'A'), ACT_MARK_ALL_READ,
	    "global keys reach the pager");
	is_int(bindings_lookup(&b, TV_PAGER, ']'), ACT_NEXT_QUOTE,
	    "] is the next quotation in the pager");
	is_int(bindings_lookup(&b, TV_FEEDS, ']'), ACT_NONE,
	    "and nothing in the feed list");
	is_int(bindings_lookup(&b, TV_PAGER, 't'), ACT_TAG, "t tags in the pager");
	is_int(bindings_lookup(&b, TV_PAGER, 'x'), ACT_REFS,
	    "x shows the references");
	is_int(bindings_lookup(&b, TV_REFS, TK_BACKSPACE), ACT_HIST_BACK,
	    "BACKSPACE goes back in the references");
	is_int(bindings_lookup(&b, TV_QUOTES, 'n'), ACT_EDIT_NOTE,
	    "n edits the note in the quotes view");
	is_int(bindings_lookup(&b, TV_QUOTES, 'j'), ACT_DOWN,
	    "global keys reach the quotes view");
	is_int(view_find("references"), TV_REFS, "the references view by name");

	config_init(&cfg);
	config_parse(&cfg,
	    "bind-key x quit\n"			/* 1 */
	    "bind-key J down pager\n"		/* 2 */
	    "unbind-key j\n"			/* 3 */
	    "bind-key ^X bogus\n"		/* 4 */
	    "bind-key F99 quit\n"		/* 5 */
	    "unbind-key n pager\n"		/* 6 */
	    "bind-key q none articles\n"	/* 7 */
	    "bind-key k up nowhere\n"		/* 8 */
	    "bind-key ^N next-unread\n",	/* 9 */
	    "test");
	bindings_configure(&b, &cfg, &err, &nerr);
	is_int(nerr, 3, "three mistakes");
	if (nerr == 3) {
		is_str(err[0], "config:4: bind-key: unknown action 'bogus'",
		    "an unknown action, with its line");
		is_str(err[1], "config:5: bind-key: unknown key 'F99'",
		    "an unknown key, with its line");
		is_str(err[2], "config:8: bind-key: unknown view 'nowhere'",
		    "an unknown view, with its line");
	}
	for (i = 0; i < nerr; i++)
		free(err[i]);
	free(err);
	is_int(bindings_lookup(&b, TV_FEEDS, 'x'), ACT_QUIT, "x quits now");
	is_int(bindings_lookup(&b, TV_PAGER, 'x'), ACT_QUIT,
	    "also in the pager: a global bind-key wins over a view's default");
	is_int(bindings_lookup(&b, TV_PAGER, 'J'), ACT_DOWN,
	    "J is down in the pager");
	is_int(bindings_lookup(&b, TV_ARTICLES, 'J'), ACT_NONE,
	    "but not elsewhere");
	is_int(bindings_lookup(&b, TV_FEEDS, 'j'), ACT_NONE,
	    "j is unbound everywhere");
	is_int(bindings_lookup(&b, TV_PAGER, 'n'), ACT_NONE,
	    "n unbound in the pager");
	is_int(bindings_lookup(&b, TV_ARTICLES, 'n'), ACT_NEXT_UNREAD,
	    "n still bound in the lists");
	is_int(bindings_lookup(&b, TV_ARTICLES, 'q'), ACT_NONE,
	    "bind-key KEY none VIEW unbinds there");
	is_int(bindings_lookup(&b, TV_FEEDS, 'q'), ACT_BACK,
	    "and only there");
	is_int(bindings_lookup(&b, TV_FEEDS, 'k'), ACT_UP,
	    "a line with a mistake changes nothing");
	is_int(bindings_lookup(&b, TV_FEEDS, TK_CTRL('N')), ACT_NEXT_UNREAD,
	    "^N bound");
	bindings_keys_for(&b, TV_FEEDS, ACT_QUIT, &d);
	is_str(d.buf, "Q, x", "the keys of an action, sorted");
	dstr_reset(&d);
	bindings_keys_for(&b, TV_PAGER, ACT_DOWN, &d);
	is_str(d.buf, "ENTER, J, DOWN", "pager keys and global ones");
	bindings_help(&b, TV_FEEDS, help_line, &h);
	ok(strstr(h.all.buf, "Q, x\tquit\n") != NULL,
	    "help lists the keys actually bound");
	ok(strstr(h.all.buf, "toggle-tags") == NULL &&
	    strstr(h.all.buf, "t\tgroup the feeds") != NULL,
	    "help says what a key does");
	ok(strstr(h.all.buf, "next search match") == NULL,
	    "help leaves out actions without a key in this view");
	dstr_release(&h.all);
	dstr_release(&d);
	config_release(&cfg);
	bindings_release(&b);
}

/* ---- colours ------------------------------------------------------ */

static void
test_theme(void)
{
	struct theme th;
	struct config cfg;
	struct tui_style a, b, c;
	char **err = NULL;
	size_t nerr = 0, i;
	short col;
	int attr;

	ok(theme_parse_color("red", &col) == 0 && col == 1, "red is 1");
	ok(theme_parse_color("brightblue", &col) == 0 && col == 12,
	    "brightblue is 12");
	ok(theme_parse_color("color123", &col) == 0 && col == 123,
	    "color123");
	ok(theme_parse_color("200", &col) == 0 && col == 200, "200");
	ok(theme_parse_color("default", &col) == 0 && col == TC_DEFAULT,
	    "default");
	ok(theme_parse_color("purple", &col) != 0, "purple is unknown");
	ok(theme_parse_color("256", &col) != 0, "256 is out of range");
	ok(theme_parse_attr("standout", &attr) == 0 && attr == TA_STANDOUT,
	    "standout");
	ok(theme_parse_attr("sparkle", &attr) != 0, "an unknown attribute");

	theme_init(&th);
	ok(th.mono[E_CURSOR].attrs & TA_REVERSE,
	    "without colours the cursor is reverse video");
	ok(th.mono[E_UNREAD].attrs & TA_BOLD, "and unread is bold");
	config_init(&cfg);
	config_parse(&cfg,
	    "color title yellow blue bold\n"
	    "color unread color208 underline\n"
	    "color nosuch red\n"
	    "color date red sparkle\n"
	    "color url purple\n", "cfg");
	theme_configure(&th, &cfg, &err, &nerr);
	is_int(nerr, 3, "three colour mistakes");
	if (nerr == 3) {
		is_str(err[0], "config:3: color: unknown element 'nosuch'",
		    "an unknown element");
		is_str(err[1], "config:4: color: unknown colour or attribute "
		    "'sparkle'", "an unknown attribute");
		is_str(err[2], "config:5: color: unknown colour 'purple'",
		    "an unknown colour");
	}
	for (i = 0; i < nerr; i++)
		free(err[i]);
	free(err);
	ok(th.color[E_TITLE].fg == 3 && th.color[E_TITLE].bg == 4 &&
	    th.color[E_TITLE].attrs == TA_BOLD, "title yellow on blue, bold");
	ok(th.color[E_UNREAD].fg == 208 &&
	    th.color[E_UNREAD].bg == TC_DEFAULT &&
	    th.color[E_UNREAD].attrs == TA_UNDERLINE,
	    "a 256-colour foreground, background left out");
	ok(th.mono[E_UNREAD].attrs == TA_UNDERLINE,
	    "the attributes hold without colours too");
	ok(th.color[E_DATE].fg == 6, "a line with a mistake changes nothing");
	a.fg = 1; a.bg = TC_DEFAULT; a.attrs = TA_BOLD;
	b.fg = TC_DEFAULT; b.bg = 4; b.attrs = TA_REVERSE;
	c = theme_combine(a, b);
	ok(c.fg == 1 && c.bg == 4 && c.attrs == (TA_BOLD | TA_REVERSE),
	    "a row style combines with a segment's");
	config_release(&cfg);
}

/* ---- lines and text ----------------------------------------------- */

static void
test_tline(void)
{
	struct tline t;
	char *s;

	tline_init(&t);
	tline_add_cell(&t, E_NORMAL, 0, "abcdef", 4, 0);
	is_str(t.text.buf, "abc\xe2\x80\xa6", "cut with an ellipsis");
	tline_reset(&t);
	tline_add_cell(&t, E_NORMAL, 0, "ab", 4, 0);
	is_str(t.text.buf, "ab  ", "padded to the width");
	tline_reset(&t);
	tline_add_cell(&t, E_NORMAL, 0, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd",
	    5, 0);
	is_str(t.text.buf, "\xe6\x9d\xb1\xe4\xba\xac\xe2\x80\xa6",
	    "wide characters count two columns");
	is_int(tline_width(&t), 5, "five columns");
	tline_reset(&t);
	tline_add_cell(&t, E_NORMAL, 0, "\xe6\x9d\xb1\xe4\xba\xac", 3, 0);
	is_int(tline_width(&t), 3, "never a half character");
	tline_reset(&t);
	tline_add_cell(&t, E_NORMAL, 0, "caf\xc3\xa9 \xe6\x9d\xb1", 8, 1);
	is_str(t.text.buf, "caf? ?  ", "ASCII fallback: '?' for the rest");
	tline_reset(&t);
	tline_add_untrusted(&t, E_NORMAL,
	    "a\x1b[2Jb\x1b]52;c;SGVsbG8=\x07" "c\xc2\x9b" "31md\xe2\x80\xae" "e\n"
	    "f", 0);
	is_str(t.text.buf, "a[2Jb]52;c;SGVsbG8=c31mde f",
	    "untrusted text loses ESC, BEL, C1, bidi and newlines");
	tline_reset(&t);
	tline_adds(&t, E_NORMAL, "ab");
	tline_adds(&t, E_NORMAL, "cd");
	tline_adds(&t, E_DATE, "ef");
	is_int(t.nsegs, 2, "segments of one style merge");
	tline_cut(&t, 3);
	is_str(t.text.buf, "abc", "cut to three columns");
	is_int(t.nsegs, 1, "the segments with it");
	tline_release(&t);
	s = tui_text_dup("x\ty\x7fz", 0);
	is_str(s, "x yz", "a tab is a blank, DEL goes");
	free(s);
}

/* ---- the list ------------------------------------------------------ */

struct fake {
	int64_t	 n;
	int	 fetched_rows;
};

static int
fake_count(void *ctx, int64_t *n)
{
	*n = ((struct fake *)ctx)->n;
	return 0;
}

static int
fake_fetch(void *ctx, int64_t off, int64_t n, struct list *l)
{
	struct fake *f = ctx;
	int64_t i;

	for (i = off; i < off + n && i < f->n; i++) {
		list_push(l, (void *)(intptr_t)(i + 1));
		f->fetched_rows++;
	}
	return 0;
}

static const struct list_source fake_source = {
	fake_count, fake_fetch, NULL
};

static int
every_seventh(const void *row, void *arg)
{
	(void)arg;
	return (intptr_t)row % 7 == 0;
}

static void
test_list(void)
{
	struct fake f = { 100, 0 };
	struct list l;
	int64_t i, found;
	int okrows = 1, fetches;

	list_init(&l, &fake_source, &f);
	list_reload(&l);
	list_set_height(&l, 10);
	is_int(l.count, 100, "counted");
	is_int(l.cur, 0, "cursor at the top");
	list_move(&l, -1);
	is_int(l.cur, 0, "not above the first row");
	list_move(&l, 9);
	ok(l.cur == 9 && l.top == 0, "the tenth row is still on screen");
	list_move(&l, 1);
	ok(l.cur == 10 && l.top == 1, "one more scrolls by one");
	list_page(&l, 1);
	ok(l.cur == 20 && l.top == 11, "a page down moves both by a page");
	list_half_page(&l, -1);
	ok(l.cur == 15 && l.top == 6, "half a page up");
	list_set_cursor(&l, 99);
	ok(l.cur == 99 && l.top == 90, "the bottom: the last page is full");
	list_page(&l, 1);
	ok(l.cur == 99 && l.top == 90, "a page down at the end stays");
	list_page(&l, -1);
	ok(l.cur == 89 && l.top == 80, "a page up from the end");
	list_set_cursor(&l, 0);
	list_page(&l, -1);
	ok(l.cur == 0 && l.top == 0, "a page up at the top stays");
	list_set_cursor(&l, 50);
	list_set_height(&l, 3);
	ok(l.cur >= l.top && l.cur < l.top + 3,
	    "a smaller screen keeps the cursor on it");
	list_set_height(&l, 200);
	ok(l.top == 0 && l.cur == 50, "a screen bigger than the list");
	list_set_height(&l, 10);
	f.n = 40;
	list_reload(&l);
	ok(l.count == 40 && l.cur == 39 && l.top == 30,
	    "rows gone: the cursor moves to the last one");
	f.n = 0;
	list_reload(&l);
	ok(l.count == 0 && l.cur == 0 && l.top == 0, "an empty list");
	ok(list_row(&l, 0) == NULL, "and no row");

	/* the cache: scrolling row by row fetches a window now and then */
	f.n = 100000;
	f.fetched_rows = 0;
	list_reload(&l);
	list_set_height(&l, 22);
	fetches = l.fetches;
	for (i = 0; i < 1000; i++) {
		list_move(&l, 1);
		if ((intptr_t)list_row(&l, l.cur) != l.cur + 1)
			okrows = 0;
	}
	ok(okrows, "the rows come back right while scrolling");
	ok(l.fetches - fetches <= 1000 / 40 + 1,
	    "a window is fetched every few dozen rows, not every row");
	list_set_cursor(&l, l.count - 1);
	ok((intptr_t)list_row(&l, l.cur) == 100000, "the last of 100000");
	ok(l.n <= 3 * 22 || l.n <= 64, "only a few screens are kept");
	ok(f.fetched_rows < 2000, "far fewer rows fetched than there are");
	found = list_find(&l, 0, 1, every_seventh, NULL);
	is_int(found, 6, "find forwards");
	found = list_find(&l, 99999, -1, every_seventh, NULL);
	is_int(found, 99994, "find backwards");
	f.fetched_rows = 0;
	found = list_find(&l, 10, 1, every_seventh, NULL);
	is_int(found, 13, "find from the middle");
	list_release(&l);
}

/* ---- the pager ----------------------------------------------------- */

static char *
article(void)
{
	struct dstr d = DSTR_INIT;
	int i;

	for (i = 1; i <= 40; i++) {
		dstr_addf(&d, "<p>Line %02d of the long story, a %s about the "
		    "hearing and the budget of the agency.</p>", i,
		    i == 30 ? "Zeppelin" : "paragraph");
		if (i == 2)
			dstr_adds(&d, "<p>See the <a href=\"https://records."
			    "example/hearing.pdf\">transcript</a> and "
			    "<a href=\"javascript:x()\">a script</a>.</p>");
	}
	dstr_adds(&d, "<p>Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac.</p>");
	return dstr_detach(&d, NULL);
}

static int
line_has(struct pager *p, size_t i, const char *s)
{
	struct tline t;
	int r;

	tline_init(&t);
	pager_line(p, i, &t);
	r = strstr(t.text.buf, s) != NULL;
	tline_release(&t);
	return r;
}

/* The text of the first segment styled elem on line i ("" if none). */
static char *
seg_text(struct pager *p, size_t i, int elem, int *link)
{
	struct tline t;
	size_t j;
	char *r = NULL;

	tline_init(&t);
	pager_line(p, i, &t);
	for (j = 0; j < t.nsegs; j++)
		if (t.segs[j].elem == elem) {
			r = strndup(t.text.buf + t.segs[j].off, t.segs[j].len);
			if (link)
				*link = t.segs[j].link;
			break;
		}
	tline_release(&t);
	return r ? r : strdup("");
}

static size_t
find_line(struct pager *p, const char *s)
{
	size_t i;

	for (i = 0; i < pager_total(p); i++)
		if (line_has(p, i, s))
			return i;
	return (size_t)-1;
}

static void
hook_ranges(void *ctx, struct pager *p)
{
	(void)ctx;
	/* "Line 05" in the plain text */
	pager_add_plain_range(p, (size_t)(strstr(p->doc.plain, "Line 05") -
	    p->doc.plain), (size_t)(strstr(p->doc.plain, "Line 05") -
	    p->doc.plain) + 7, E_HIGHLIGHT);
}

static int hook_keys;

static int
hook_key(void *ctx, struct tui *t, struct pager *p, int action)
{
	(void)ctx; (void)t; (void)p;
	if (action == ACT_TOGGLE_STAR) {
		hook_keys++;
		return 1;
	}
	return 0;
}

static void
test_pager(void)
{
	struct pager p;
	struct pager_hook h = { hook_key, hook_ranges, NULL };
	struct tline *head;
	char *html = article(), *s;
	size_t i, line30, total40;
	int link = 0, wide_ok;

	pager_init(&p);
	pager_set_html(&p, html, "https://gazette.example/a");
	head = calloc(2, sizeof(*head));
	tline_init(&head[0]);
	tline_init(&head[1]);
	tline_adds(&head[0], E_HEADER, "Title:  A test");
	pager_set_head(&p, head, 2);
	pager_layout(&p, 40);
	pager_set_height(&p, 10);
	total40 = pager_total(&p);
	ok(total40 > 100, "forty paragraphs at 40 columns: many lines");
	ok(line_has(&p, 0, "Title:  A test"), "the header comes first");
	wide_ok = 1;
	for (i = 0; i < pager_total(&p); i++) {
		struct tline t;

		tline_init(&t);
		pager_line(&p, i, &t);
		if (tline_width(&t) > 40)
			wide_ok = 0;
		tline_release(&t);
	}
	ok(wide_ok, "no line is wider than the layout");
	pager_scroll(&p, 5);
	is_int(p.top, 5, "scroll down");
	pager_scroll(&p, -10);
	is_int(p.top, 0, "not above the top");
	pager_scroll_to(&p, 100000);
	is_int(p.top, pager_total(&p) - 10, "the last line at the bottom");
	ok(pager_at_end(&p), "at the end");
	pager_scroll_to(&p, 0);

	is_int(pager_search(&p, "zeppelin"), 1, "search is case-insensitive");
	ok(pager_next_match(&p, 1, 1) == 0, "go to the match");
	line30 = p.nhead + p.match[0].line;
	ok(line30 >= p.top && line30 < p.top + 10, "the match is on screen");
	ok(line_has(&p, line30, "Zeppelin"), "on the right line");
	pager_highlight(&p);
	s = seg_text(&p, line30, E_MATCH, NULL);
	is_str(s, "Zeppelin", "the match is highlighted");
	free(s);
	is_int(pager_search(&p, "budget of the agency"), 41 - 1,
	    "a phrase is found across line breaks");
	is_int(pager_search(&p, "hearing.pdf"), 1,
	    "the link list is searched too");
	ok(p.nmatch == 1 && !p.match[0].plain, "(outside the plain text)");
	is_int(pager_search(&p, "caf\xc3\x89"), 1,
	    "non-ASCII folds too");
	is_int(pager_search(&p, "nothing like this"), 0, "no match");
	ok(pager_next_match(&p, 1, 1) == -1, "so nowhere to go");
	pager_search(&p, "line 3");
	is_int(p.nmatch, 10, "ten matches");
	pager_scroll_to(&p, 0);
	pager_next_match(&p, 1, 1);
	is_int(p.cur_match, 0, "the first");
	pager_next_match(&p, -1, 0);
	is_int(p.cur_match, 0, "no wrap backwards without wrap");
	pager_next_match(&p, -1, 1);
	is_int(p.cur_match, 9, "wrap to the last");
	pager_next_match(&p, 1, 1);
	is_int(p.cur_match, 0, "and around to the first");

	/* a new width: laid out again, the search kept, same place shown */
	pager_search(&p, "zeppelin");
	pager_next_match(&p, 1, 1);
	pager_layout(&p, 70);
	ok(pager_total(&p) < total40, "wider: fewer lines");
	is_int(p.nmatch, 1, "the match survives the new layout");
	ok(line_has(&p, p.nhead + p.match[0].line, "Zeppelin"),
	    "at its new line");
	ok(line_has(&p, p.top, "Line 2") || line_has(&p, p.top, "Line 3"),
	    "the screen still shows the same part");

	/* links: the text in the body and the URL in the list */
	pager_highlight(&p);
	i = find_line(&p, "transcript");
	s = seg_text(&p, i, E_LINK, &link);
	is_str(s, "transcript", "link text is styled");
	is_int(link, 1, "and knows its link number");
	free(s);
	i = find_line(&p, "[1] https://records");
	s = seg_text(&p, i, E_URL, &link);
	is_str(s, "https://records.example/hearing.pdf", "the URL in the list");
	is_int(link, 1, "link 1");
	free(s);
	is_int(p.doc.nlinks, 1, "the javascript: link has no number");

	/* hooks: highlights as plain-text ranges, keys before the pager */
	pager_add_hook(&p, &h);
	pager_search(&p, NULL);
	pager_highlight(&p);
	i = find_line(&p, "Line 05");
	s = seg_text(&p, i, E_HIGHLIGHT, NULL);
	is_str(s, "Line 05", "a hook's range is highlighted");
	free(s);
	ok(p.hooks[0].key(p.hooks[0].ctx, NULL, &p, ACT_TOGGLE_STAR) == 1 &&
	    hook_keys == 1, "a hook sees the keys");
	ok(pager_show_plain(&p, (size_t)(strstr(p.doc.plain, "Line 35") -
	    p.doc.plain)) == 0, "show a plain-text offset");
	i = find_line(&p, "Line 35");
	ok(i >= p.top && i < p.top + 10, "it is on screen");

	/* ASCII fallback */
	p.ascii = 1;
	i = find_line(&p, "Caf? ??.");
	ok(i != (size_t)-1, "outside a UTF-8 locale: '?' for non-ASCII");
	pager_release(&p);
	free(html);
}

/* ---- the line editor ----------------------------------------------- */

static void
test_edit(void)
{
	struct edit e;
	size_t start, len;
	int col;

	edit_init(&e, NULL);
	edit_key(&e, 'a');
	edit_key(&e, 'b');
	edit_key(&e, 'c');
	edit_key(&e, TK_LEFT);
	edit_key(&e, TK_BACKSPACE);
	is_str(e.buf.buf, "ac", "backspace before the cursor");
	edit_key(&e, 0xe9);
	is_str(e.buf.buf, "a\xc3\xa9" "c", "a UTF-8 character inserted");
	edit_key(&e, TK_BACKSPACE);
	is_str(e.buf.buf, "ac", "and removed whole");
	edit_key(&e, TK_END);
	edit_key(&e, ' ');
	edit_key(&e, 'x');
	edit_key(&e, 'y');
	edit_key(&e, TK_CTRL('W'));
	is_str(e.buf.buf, "ac ", "^W removes a word");
	edit_key(&e, 0x1b5b);		/* not a control: a character */
	edit_key(&e, 0x9b);		/* C1: refused */
	edit_key(&e, TK_CTRL('U'));
	is_str(e.buf.buf, "", "^U empties");
	is_int(edit_key(&e, TK_BACKSPACE), EDIT_CANCEL,
	    "backspace on nothing cancels");
	is_int(edit_key(&e, TK_ESC), EDIT_CANCEL, "ESC cancels");
	is_int(edit_key(&e, TK_ENTER), EDIT_DONE, "Enter accepts");
	edit_release(&e);
	edit_init(&e, "0123456789abcdef");
	edit_view(&e, 8, &start, &len, &col);
	ok(col <= 7 && start > 0, "a long text scrolls to the cursor");
	edit_release(&e);
}

/* ---- OSC sequences --------------------------------------------------- */

static void
test_osc(void)
{
	struct dstr d = DSTR_INIT;
	struct tui_style st = { 1, TC_DEFAULT, TA_BOLD | TA_UNDERLINE };

	osc52_build(&d, "https://x", 0);
	is_str(d.buf, "\033]52;c;aHR0cHM6Ly94\a", "OSC 52 with base64");
	dstr_reset(&d);
	osc52_build(&d, "ab", 1);
	is_str(d.buf, "\033P\033]52;c;YWI=\a\033\\", "wrapped for screen");
	dstr_reset(&d);
	osc8_build(&d, "https://e.example/");
	osc8_build(&d, NULL);
	is_str(d.buf, "\033]8;;https://e.example/\033\\\033]8;;\033\\",
	    "OSC 8 open and close");
	dstr_reset(&d);
	sgr_build(&d, st, 1);
	is_str(d.buf, "\033[0;1;4;31m", "SGR bold underline red");
	dstr_reset(&d);
	st.fg = 208;
	st.bg = 12;
	sgr_build(&d, st, 1);
	is_str(d.buf, "\033[0;1;4;38;5;208;104m", "256 and bright colours");
	dstr_reset(&d);
	sgr_build(&d, st, 0);
	is_str(d.buf, "\033[0;1;4m", "no colours on a mono terminal");
	dstr_release(&d);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_keys();
	test_bindings();
	test_theme();
	test_tline();
	test_list();
	test_pager();
	test_edit();
	test_osc();
	return done_testing();
}
