/*
 * keys.c: the actions, key names and the bindings of each view: the
 * defaults, then `bind-key KEY ACTION [VIEW]` and `unbind-key KEY [VIEW]`
 * from the config.  No curses here: keys are code points and TK_* codes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dstr.h"
#include "settings.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

const struct tui_action_info tui_actions[ACT_COUNT] = {
	[ACT_NONE]		= { "none", "do nothing (unbinds a key)" },
	[ACT_UP]			= { "up", "move up a line" },
	[ACT_DOWN]		= { "down", "move down a line" },
	[ACT_PAGE_UP]		= { "page-up", "move up a page" },
	[ACT_PAGE_DOWN]		= { "page-down", "move down a page" },
	[ACT_HALF_UP]		= { "half-page-up", "move up half a page" },
	[ACT_HALF_DOWN]		= { "half-page-down", "move down half a page" },
	[ACT_TOP]			= { "top", "go to the first line" },
	[ACT_BOTTOM]		= { "bottom", "go to the last line" },
	[ACT_OPEN]		= { "open", "open the selected entry" },
	[ACT_BACK]		= { "back", "go back to the previous view" },
	[ACT_QUIT]		= { "quit", "quit" },
	[ACT_NEXT_UNREAD]		= { "next-unread", "go to the next unread" },
	[ACT_PREV_UNREAD]		= { "prev-unread",
				    "go to the previous unread" },
	[ACT_NEXT_MATCH]		= { "next-match", "next search match "
				    "(without a search: next unread)" },
	[ACT_PREV_MATCH]		= { "prev-match", "previous search match "
				    "(without a search: previous unread)" },
	[ACT_NEXT_ARTICLE]	= { "next-article", "show the next article" },
	[ACT_PREV_ARTICLE]	= { "prev-article",
				    "show the previous article" },
	[ACT_RELOAD]		= { "reload", "reload this feed "
				    "(in the background)" },
	[ACT_RELOAD_ALL]		= { "reload-all", "reload all feeds "
				    "(in the background)" },
	[ACT_TOGGLE_STAR]		= { "toggle-star", "star or unstar" },
	[ACT_TOGGLE_READ]		= { "toggle-read", "mark read or unread" },
	[ACT_MARK_ALL_READ]	= { "mark-all-read", "mark all read" },
	[ACT_UNDO]		= { "undo", "undo the last mark-all-read" },
	[ACT_OPEN_LINK]		= { "open-link", "open the link in the "
				    "browser (pager: link number N)" },
	[ACT_COPY_URL]		= { "copy-url", "copy the link to the "
				    "clipboard with OSC 52" },
	[ACT_SEARCH]		= { "search", "search (feeds: the archive; "
				    "articles: filter; pager: this article)" },
	[ACT_ARCHIVE_SEARCH]	= { "archive-search",
				    "search the whole archive" },
	[ACT_HELP]		= { "help", "show the keys of this view" },
	[ACT_REDRAW]		= { "redraw", "redraw the screen" },
	[ACT_TOGGLE_TAGS]		= { "toggle-tags", "group the feeds by tag "
				    "or not" },
	[ACT_TOGGLE_READ_FEEDS]	= { "toggle-read-feeds", "show or hide "
				    "feeds without unread articles" },
	[ACT_NEXT_QUOTE]		= { "next-quote", "highlight the next "
				    "quotation" },
	[ACT_PREV_QUOTE]		= { "prev-quote", "highlight the previous "
				    "quotation" },
	[ACT_SELECT]		= { "select", "select a passage (w b ) ( j k "
				    "grow and shrink it, t tags it, Esc)" },
	[ACT_TAG]			= { "tag", "tag the quotation or selection "
				    "(quotes: edit the tags)" },
	[ACT_EDIT_NOTE]		= { "edit-note", "edit the note" },
	[ACT_EDIT_SPEAKER]	= { "edit-speaker", "edit the speaker" },
	[ACT_DELETE]		= { "delete", "delete (asks first)" },
	[ACT_SORT]		= { "sort", "group by tag, speaker or outlet" },
	[ACT_REFS]		= { "references", "show the references: links, "
				    "backlinks, shared quotations, names" },
	[ACT_QUOTE_STORIES]	= { "quote-stories", "other stories carrying "
				    "the highlighted quotation" },
	[ACT_HIST_BACK]		= { "history-back", "back to the article "
				    "followed from" },
	[ACT_HIST_FORWARD]	= { "history-forward", "forward again in the "
				    "history" },
	[ACT_FULLTEXT]		= { "full-text", "show the full text or the "
				    "feed's (fetched when missing)" },
};

const char *const tui_view_names[TV_COUNT] = {
	[TV_GLOBAL]	= "global",
	[TV_FEEDS]	= "feeds",
	[TV_ARTICLES]	= "articles",
	[TV_PAGER]	= "pager",
	[TV_SEARCH]	= "search",
	[TV_HELP]	= "help",
	[TV_QUOTES]	= "quotes",
	[TV_REFS]	= "references",
};

static const struct {
	const char	*name;
	int		 key;
} key_names[] = {
	/* the first name of a key is its canonical one */
	{ "ENTER", TK_ENTER }, { "RETURN", TK_ENTER },
	{ "TAB", TK_TAB }, { "ESC", TK_ESC }, { "ESCAPE", TK_ESC },
	{ "SPACE", ' ' },
	{ "BACKSPACE", TK_BACKSPACE }, { "BSPACE", TK_BACKSPACE },
	{ "DELETE", TK_DELETE }, { "DEL", TK_DELETE }, { "DC", TK_DELETE },
	{ "INSERT", TK_INSERT }, { "IC", TK_INSERT },
	{ "UP", TK_UP }, { "DOWN", TK_DOWN },
	{ "LEFT", TK_LEFT }, { "RIGHT", TK_RIGHT },
	{ "PGUP", TK_PGUP }, { "PAGEUP", TK_PGUP }, { "PPAGE", TK_PGUP },
	{ "PGDN", TK_PGDN }, { "PAGEDOWN", TK_PGDN }, { "NPAGE", TK_PGDN },
	{ "HOME", TK_HOME }, { "END", TK_END }, { "BTAB", TK_BTAB },
};

static const struct {
	int		 view;
	const char	*key;
	int		 action;
} defaults[] = {
	{ TV_GLOBAL, "j", ACT_DOWN },		{ TV_GLOBAL, "DOWN", ACT_DOWN },
	{ TV_GLOBAL, "k", ACT_UP },		{ TV_GLOBAL, "UP", ACT_UP },
	{ TV_GLOBAL, "PGDN", ACT_PAGE_DOWN },	{ TV_GLOBAL, "SPACE", ACT_PAGE_DOWN },
	{ TV_GLOBAL, "^F", ACT_PAGE_DOWN },
	{ TV_GLOBAL, "PGUP", ACT_PAGE_UP },	{ TV_GLOBAL, "^B", ACT_PAGE_UP },
	{ TV_GLOBAL, "b", ACT_PAGE_UP },
	{ TV_GLOBAL, "^D", ACT_HALF_DOWN },	{ TV_GLOBAL, "^U", ACT_HALF_UP },
	{ TV_GLOBAL, "g", ACT_TOP },		{ TV_GLOBAL, "HOME", ACT_TOP },
	{ TV_GLOBAL, "G", ACT_BOTTOM },		{ TV_GLOBAL, "END", ACT_BOTTOM },
	{ TV_GLOBAL, "ENTER", ACT_OPEN },		{ TV_GLOBAL, "RIGHT", ACT_OPEN },
	{ TV_GLOBAL, "q", ACT_BACK },		{ TV_GLOBAL, "LEFT", ACT_BACK },
	{ TV_GLOBAL, "Q", ACT_QUIT },
	{ TV_GLOBAL, "n", ACT_NEXT_UNREAD },	{ TV_GLOBAL, "N", ACT_PREV_UNREAD },
	{ TV_GLOBAL, "r", ACT_RELOAD },		{ TV_GLOBAL, "R", ACT_RELOAD_ALL },
	{ TV_GLOBAL, "s", ACT_TOGGLE_STAR },	{ TV_GLOBAL, "m", ACT_TOGGLE_READ },
	{ TV_GLOBAL, "A", ACT_MARK_ALL_READ },	{ TV_GLOBAL, "u", ACT_UNDO },
	{ TV_GLOBAL, "o", ACT_OPEN_LINK },	{ TV_GLOBAL, "y", ACT_COPY_URL },
	{ TV_GLOBAL, "/", ACT_SEARCH },		{ TV_GLOBAL, "S", ACT_ARCHIVE_SEARCH },
	{ TV_GLOBAL, "?", ACT_HELP },		{ TV_GLOBAL, "^L", ACT_REDRAW },
	{ TV_FEEDS, "t", ACT_TOGGLE_TAGS },
	{ TV_FEEDS, "H", ACT_TOGGLE_READ_FEEDS },
	{ TV_PAGER, "n", ACT_NEXT_MATCH },	{ TV_PAGER, "N", ACT_PREV_MATCH },
	{ TV_PAGER, "J", ACT_NEXT_ARTICLE },	{ TV_PAGER, "K", ACT_PREV_ARTICLE },
	{ TV_PAGER, "ENTER", ACT_DOWN },
	{ TV_PAGER, "]", ACT_NEXT_QUOTE },	{ TV_PAGER, "[", ACT_PREV_QUOTE },
	{ TV_PAGER, "v", ACT_SELECT },		{ TV_PAGER, "t", ACT_TAG },
	{ TV_PAGER, "x", ACT_REFS },		{ TV_PAGER, "X", ACT_QUOTE_STORIES },
	{ TV_PAGER, "h", ACT_HIST_BACK },	{ TV_PAGER, "BACKSPACE", ACT_HIST_BACK },
	{ TV_PAGER, "l", ACT_HIST_FORWARD },	{ TV_PAGER, "F", ACT_FULLTEXT },
	{ TV_REFS, "h", ACT_HIST_BACK },	{ TV_REFS, "BACKSPACE", ACT_HIST_BACK },
	{ TV_REFS, "l", ACT_HIST_FORWARD },
	{ TV_QUOTES, "t", ACT_TAG },		{ TV_QUOTES, "e", ACT_TAG },
	{ TV_QUOTES, "n", ACT_EDIT_NOTE },	{ TV_QUOTES, "p", ACT_EDIT_SPEAKER },
	{ TV_QUOTES, "d", ACT_DELETE },		{ TV_QUOTES, "O", ACT_SORT },
};

int
action_find(const char *name)
{
	int i;

	for (i = 0; i < ACT_COUNT; i++)
		if (tui_actions[i].name && strcmp(tui_actions[i].name, name) == 0)
			return i;
	return -1;
}

int
view_find(const char *name)
{
	int i;

	for (i = 0; i < TV_COUNT; i++)
		if (strcmp(tui_view_names[i], name) == 0)
			return i;
	if (strcmp(name, "article") == 0)
		return TV_PAGER;
	return -1;
}

int
keys_parse(const char *name, int *key)
{
	size_t i, n = strlen(name), k;
	uint32_t cp;
	char *end;
	long f;

	if (n == 0)
		return -1;
	k = utf8_decode(name, n, &cp);
	if (k == n) {
		/* one character */
		if (cp == UTF8_REPLACEMENT || utf8_is_unsafe(cp))
			return -1;
		*key = (int)cp;
		return 0;
	}
	if ((name[0] == '^' && n == 2) ||
	    (strncasecmp(name, "C-", 2) == 0 && n == 3)) {
		int c = (unsigned char)name[n - 1];

		if (c == '?') {
			*key = TK_BACKSPACE;
			return 0;
		}
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c < '@' || c > '_')
			return -1;
		*key = TK_CTRL(c);
		return 0;
	}
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcasecmp(key_names[i].name, name) == 0) {
			*key = key_names[i].key;
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 12) {
			*key = TK_F0 + (int)f;
			return 0;
		}
	}
	return -1;
}

void
keys_name(int key, char *buf, size_t size)
{
	size_t i;

	if (size == 0)
		return;
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key > TK_F0 && key < TK_LAST)
		snprintf(buf, size, "F%d", key - TK_F0);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "^%c", key + '@');
	else if (key > 0x20 && key < 0x110000 && size >= 5) {
		i = utf8_encode((uint32_t)key, buf);
		buf[i] = '\0';
	} else
		snprintf(buf, size, "<%#x>", (unsigned)key);
}

static struct binding *
map_find(const struct keymap *m, int key)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->b[i].key == key)
			return &m->b[i];
	return NULL;
}

int
bindings_set(struct bindings *bs, int view, int key, int action)
{
	struct keymap *m;
	struct binding *b;

	if (view < 0 || view >= TV_COUNT || action < 0 || action >= ACT_COUNT)
		return -1;
	m = &bs->view[view];
	if ((b = map_find(m, key)) != NULL) {
		b->action = action;
		return 0;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->b = xreallocarray(m->b, m->cap, sizeof(*m->b));
	}
	m->b[m->n].key = key;
	m->b[m->n].action = action;
	m->n++;
	return 0;
}

void
bindings_unset(struct bindings *bs, int view, int key)
{
	int v;

	if (view == TV_GLOBAL) {
		/* gone everywhere */
		for (v = 0; v < TV_COUNT; v++) {
			struct keymap *m = &bs->view[v];
			struct binding *b = map_find(m, key);

			if (b != NULL) {
				*b = m->b[m->n - 1];
				m->n--;
			}
		}
		return;
	}
	/* in this view only: an explicit "none" hides the global one */
	bindings_set(bs, view, key, ACT_NONE);
}

void
bindings_init(struct bindings *bs)
{
	size_t i;
	int key;

	memset(bs, 0, sizeof(*bs));
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (keys_parse(defaults[i].key, &key) == 0)
			bindings_set(bs, defaults[i].view, key,
			    defaults[i].action);
}

void
bindings_release(struct bindings *bs)
{
	int v;

	for (v = 0; v < TV_COUNT; v++)
		free(bs->view[v].b);
	memset(bs, 0, sizeof(*bs));
}

void
tui_config_error(char ***errors, size_t *n, const struct config *cfg,
    const struct config_directive *d, const char *fmt, ...)
{
	struct dstr e = DSTR_INIT;
	va_list ap;

	dstr_addf(&e, "%s:%d: ", cfg->path ? cfg->path : "config", d->line);
	va_start(ap, fmt);
	dstr_vaddf(&e, fmt, ap);
	va_end(ap);
	*errors = xreallocarray(*errors, *n + 1, sizeof(char *));
	(*errors)[(*n)++] = tui_text_dup(e.buf, 0);
	dstr_release(&e);
}

void
bindings_configure(struct bindings *bs, const struct config *cfg,
    char ***errors, size_t *nerrors)
{
	const struct config_directive *d;
	size_t i;
	int key, action, view;

	if (cfg == NULL)
		return;
	/* in the order written, so that later lines win */
	for (i = 0; i < cfg->ndir; i++) {
		d = &cfg->dir[i];
		if (strcmp(d->name, "bind-key") == 0) {
			if (d->argc < 2)
				continue;
			if (keys_parse(d->argv[0], &key) != 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    "bind-key: unknown key '%s'", d->argv[0]);
				continue;
			}
			if ((action = action_find(d->argv[1])) < 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    "bind-key: unknown action '%s'",
				    d->argv[1]);
				continue;
			}
			view = TV_GLOBAL;
			if (d->argc > 2 && (view = view_find(d->argv[2])) < 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    "bind-key: unknown view '%s'", d->argv[2]);
				continue;
			}
			if (action == ACT_NONE)
				bindings_unset(bs, view, key);
			else {
				/* a key bound for all views is that in all
				 * of them, over the views' own defaults */
				if (view == TV_GLOBAL)
					bindings_unset(bs, TV_GLOBAL, key);
				bindings_set(bs, view, key, action);
			}
		} else if (strcmp(d->name, "unbind-key") == 0) {
			if (d->argc < 1)
				continue;
			if (keys_parse(d->argv[0], &key) != 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    "unbind-key: unknown key '%s'", d->argv[0]);
				continue;
			}
			view = TV_GLOBAL;
			if (d->argc > 1 && (view = view_find(d->argv[1])) < 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    "unbind-key: unknown view '%s'",
				    d->argv[1]);
				continue;
			}
			bindings_unset(bs, view, key);
		}
	}
}

int
bindings_lookup(const struct bindings *bs, int view, int key)
{
	const struct binding *b;

	if (view > TV_GLOBAL && view < TV_COUNT &&
	    (b = map_find(&bs->view[view], key)) != NULL)
		return b->action;
	if ((b = map_find(&bs->view[TV_GLOBAL], key)) != NULL)
		return b->action;
	return ACT_NONE;
}

static int
cmp_binding(const void *a, const void *b)
{
	const struct binding *x = a, *y = b;

	/* letters before special keys, then by code */
	return (x->key > y->key) - (x->key < y->key);
}

void
bindings_keys_for(const struct bindings *bs, int view, int action,
    struct dstr *out)
{
	struct binding *all;
	size_t n = 0, i;
	int v, first = 1;
	char name[32];

	all = xreallocarray(NULL, bs->view[TV_GLOBAL].n + bs->view[view].n + 1,
	    sizeof(*all));
	for (v = view; ; v = TV_GLOBAL) {
		for (i = 0; i < bs->view[v].n; i++)
			all[n++] = bs->view[v].b[i];
		if (v == TV_GLOBAL)
			break;
	}
	qsort(all, n, sizeof(*all), cmp_binding);
	for (i = 0; i < n; i++) {
		if (all[i].action != action ||
		    bindings_lookup(bs, view, all[i].key) != action)
			continue;
		if (i > 0 && all[i - 1].key == all[i].key &&
		    all[i - 1].action == action)
			continue;		/* listed twice */
		keys_name(all[i].key, name, sizeof(name));
		dstr_addf(out, "%s%s", first ? "" : ", ", name);
		first = 0;
	}
	free(all);
}

void
bindings_help(const struct bindings *bs, int view,
    void (*line)(void *ctx, const char *keys, const char *help), void *ctx)
{
	struct dstr keys = DSTR_INIT;
	int a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		dstr_reset(&keys);
		bindings_keys_for(bs, view, a, &keys);
		if (keys.len)
			line(ctx, keys.buf, tui_actions[a].help);
	}
	dstr_release(&keys);
}
