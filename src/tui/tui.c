/*
 * tui.c: the reader's event loop and what all views share: the stack of
 * views, the title and status lines, the prompt, opening and copying
 * links, mark-all-read with its undo, and the background reload.
 *
 * The loop waits in poll() on the terminal, the stderr pipe and the
 * reload's output; signals only set flags that the loop looks at.  A
 * redraw happens only when something changed, and draws every line whole.
 */
#include <errno.h>
#include <langinfo.h>
#include <sys/select.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "feed.h"
#include "opener.h"
#include "settings.h"
#include "store.h"
#include "tui.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

static void
vmessage(struct tui *t, int error, const char *fmt, va_list ap)
{
	struct dstr raw = DSTR_INIT;

	dstr_vaddf(&raw, fmt, ap);
	dstr_reset(&t->msg);
	tui_text_add(&t->msg, raw.buf, raw.len, SAN_ONE_LINE, t->ascii);
	dstr_release(&raw);
	t->msg_error = error;
	t->dirty = 1;
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 0, fmt, ap);
	va_end(ap);
}

void
tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 1, fmt, ap);
	va_end(ap);
}

void
tui_push(struct tui *t, struct view *v)
{
	if (v == NULL)
		return;
	if (t->depth == TUI_MAXDEPTH) {
		v->ops->free(v);
		tui_error(t, "too many views open; go back with q first");
		return;
	}
	t->stack[t->depth++] = v;
	t->dirty = 1;
}

void
tui_pop(struct tui *t)
{
	struct view *v;

	if (t->depth == 0)
		return;
	v = t->stack[--t->depth];
	v->ops->free(v);
	if (t->depth > 0 && t->stack[t->depth - 1]->ops->refresh)
		t->stack[t->depth - 1]->ops->refresh(t,
		    t->stack[t->depth - 1]);
	t->dirty = 1;
}

struct view *
tui_below(struct tui *t, struct view *v)
{
	int i;

	for (i = t->depth - 1; i > 0; i--)
		if (t->stack[i] == v)
			return t->stack[i - 1];
	return NULL;
}

void
tui_prompt(struct tui *t, const char *label, const char *initial,
    prompt_fn done, void *arg)
{
	if (t->prompting)
		edit_release(&t->prompt);
	dstr_reset(&t->prompt_label);
	dstr_adds(&t->prompt_label, label);
	edit_init(&t->prompt, initial);
	t->prompt_done = done;
	t->prompt_arg = arg;
	t->prompt_complete = NULL;
	t->prompting = 1;
	t->dirty = 1;
}

void
tui_prompt_complete(struct tui *t, complete_fn fn)
{
	t->prompt_complete = fn;
}

void
tui_grab(struct tui *t, grab_fn fn, void *arg)
{
	t->grab = fn;
	t->grab_arg = arg;
	t->dirty = 1;
}

void
tui_ungrab(struct tui *t, void *arg)
{
	if (t->grab_arg == arg) {
		t->grab = NULL;
		t->grab_arg = NULL;
	}
}

struct confirm {
	confirm_fn	 yes;
	void		*arg;
};

static int
confirm_key(struct tui *t, int key, void *arg)
{
	struct confirm c = *(struct confirm *)arg;

	tui_ungrab(t, arg);
	free(arg);
	if (key == 'y' || key == 'Y')
		c.yes(t, c.arg);
	else
		tui_message(t, "Nothing done");
	return 1;
}

void
tui_confirm(struct tui *t, const char *question, confirm_fn yes, void *arg)
{
	struct confirm *c = xmalloc(sizeof(*c));

	if (t->grab_arg != NULL && t->grab == confirm_key)
		free(t->grab_arg);
	c->yes = yes;
	c->arg = arg;
	tui_message(t, "%s (y/n)", question);
	tui_grab(t, confirm_key, c);
}

void
tui_date(int64_t when, int longfmt, char *buf, size_t size)
{
	struct tm tm;
	time_t tt;

	if (when == DATE_NONE) {
		snprintf(buf, size, "%s", longfmt ? "(no date)" : "          ");
		return;
	}
	tt = (time_t)when;
	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, longfmt ? "%Y-%m-%d %H:%M" : "%Y-%m-%d",
	    &tm) == 0)
		snprintf(buf, size, "%s", "(bad date)");
}

void
tui_open_url(struct tui *t, const char *url)
{
	struct opener o;
	struct dstr err = DSTR_INIT;
	enum opener_status s;

	o.browser = t->browser;
	o.env_browser = t->opts->env_browser;
	o.flags = OPENER_DETACH;
	s = opener_open(&o, url, &err);
	if (s == OPENER_OK)
		tui_message(t, "Opened %s", url);
	else if (s == OPENER_NO_BROWSER)
		tui_message(t, "%s", err.buf);
	else
		tui_error(t, "%s", err.buf);
	dstr_release(&err);
}

void
tui_copy_url(struct tui *t, const char *url)
{
	struct dstr d = DSTR_INIT;
	const char *why;

	if (!t->osc52) {
		tui_error(t, "copying needs `osc52 yes` in the config");
		return;
	}
	if (opener_check_url(url, &why) != 0) {
		tui_error(t, "not copied: %s", why);
		return;
	}
	osc52_build(&d, url, t->opts->in_screen && !t->opts->in_tmux);
	screen_raw(d.buf, d.len);
	dstr_release(&d);
	tui_message(t, "Copied %s", url);
}

void
tui_reload(struct tui *t, const char *feed_url, const char *tag,
    const char *what)
{
	struct dstr err = DSTR_INIT;

	if (t->job.active) {
		tui_message(t, "A reload is running already (%s)",
		    t->job.what);
		return;
	}
	if (t->opts->db_path == NULL) {
		tui_error(t, "cannot reload from here");
		return;
	}
	if (job_start(&t->job, t->st, t->cfg, t->opts->db_path, feed_url,
	    tag, what, &err) != 0)
		tui_error(t, "Cannot reload: %s", err.buf);
	else
		tui_message(t, "Reloading %s...", what);
	dstr_release(&err);
}

struct collect {
	int64_t	*ids;
	size_t	 n, cap;
};

static int
collect_id(void *ctx, const struct store_article *a)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->ids = xreallocarray(c->ids, c->cap, sizeof(*c->ids));
	}
	c->ids[c->n++] = a->id;
	return 0;
}

static int
set_read_all(struct tui *t, const int64_t *ids, size_t n, int read)
{
	size_t i;

	if (store_begin(t->st) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (store_article_set_read(t->st, ids[i], read) < 0) {
			store_rollback(t->st);
			return -1;
		}
	return store_commit(t->st);
}

void
tui_mark_all_read(struct tui *t, const struct store_query *q,
    const int64_t *ids, size_t nids)
{
	struct collect c = { NULL, 0, 0 };
	struct store_query uq;

	if (ids == NULL) {
		uq = *q;
		uq.unread = 1;
		uq.limit = 0;
		uq.offset = 0;
		if (store_articles_each(t->st, &uq, collect_id, &c) != 0) {
			tui_error(t, "%s", store_errmsg(t->st));
			free(c.ids);
			return;
		}
	} else {
		c.ids = xreallocarray(NULL, nids + 1, sizeof(*c.ids));
		if (nids > 0)
			memcpy(c.ids, ids, nids * sizeof(*ids));
		c.n = nids;
	}
	if (c.n == 0) {
		tui_message(t, "Nothing unread here");
		free(c.ids);
		return;
	}
	if (set_read_all(t, c.ids, c.n, 1) != 0) {
		tui_error(t, "%s", store_errmsg(t->st));
		free(c.ids);
		return;
	}
	free(t->undo_ids);
	t->undo_ids = c.ids;
	t->nundo = c.n;
	tui_message(t, "Marked %zu article%s read (u undoes it)", c.n,
	    c.n == 1 ? "" : "s");
}

void
tui_undo(struct tui *t)
{
	struct view *v;

	if (t->nundo == 0) {
		tui_message(t, "Nothing to undo");
		return;
	}
	if (set_read_all(t, t->undo_ids, t->nundo, 0) != 0) {
		tui_error(t, "%s", store_errmsg(t->st));
		return;
	}
	tui_message(t, "%zu article%s unread again", t->nundo,
	    t->nundo == 1 ? " is" : "s are");
	free(t->undo_ids);
	t->undo_ids = NULL;
	t->nundo = 0;
	v = t->stack[t->depth - 1];
	if (v->ops->refresh)
		v->ops->refresh(t, v);
}

/* ---- drawing ----------------------------------------------------- */

static void
draw_status(struct tui *t, int y, int cols)
{
	struct tline l;
	struct dstr hint = DSTR_INIT;
	size_t start, len;
	int col, lw;

	tline_init(&l);
	if (t->prompting) {
		tline_add(&l, E_PROMPT, 0, t->prompt_label.buf,
		    t->prompt_label.len);
		lw = tline_width(&l);
		edit_view(&t->prompt, cols - lw, &start, &len, &col);
		tui_text_add(&hint, t->prompt.buf.buf + start, len, 0,
		    t->ascii);
		tline_add(&l, E_STATUS, 0, hint.buf, hint.len);
		screen_line(y, &l, E_STATUS);
		screen_cursor(y, lw + col < cols ? lw + col : cols - 1, 1);
	} else {
		if (t->msg.len)
			tline_add(&l, t->msg_error ? E_ERROR : E_STATUS, 0,
			    t->msg.buf, t->msg.len);
		else if (t->job.active) {
			job_status(&t->job, &hint);
			tline_add_untrusted(&l, E_STATUS, hint.buf, t->ascii);
		} else {
			bindings_keys_for(&t->keys, t->stack[t->depth - 1]->id,
			    ACT_HELP, &hint);
			if (hint.len)
				tline_addf(&l, E_STATUS, "%s: help", hint.buf);
		}
		screen_line(y, &l, E_STATUS);
		screen_cursor(0, 0, 0);
	}
	dstr_release(&hint);
	tline_release(&l);
}

static void
draw(struct tui *t)
{
	struct view *v = t->stack[t->depth - 1];
	struct tline l;
	int rows, cols;

	screen_get(&t->scr);
	rows = t->scr.rows;
	cols = t->scr.cols;
	tline_init(&l);
	if (rows < 3 || cols < 12) {
		tline_adds(&l, E_NORMAL, "Too small");
		screen_line(0, &l, -1);
		for (int y = 1; y < rows; y++)
			screen_line(y, NULL, -1);
		screen_cursor(0, 0, 0);
		screen_update();
		tline_release(&l);
		t->dirty = 0;
		return;
	}
	/* the body first: it knows its height when the title is made */
	v->ops->draw(t, v, 1, rows - 2, cols);
	v->ops->title(t, v, &l);
	screen_line(0, &l, E_TITLE);
	draw_status(t, rows - 1, cols);
	screen_update();
	if (v->ops->overlay)
		v->ops->overlay(t, v, 1, rows - 2, cols);
	tline_release(&l);
	t->dirty = 0;
}

/* ---- keys ------------------------------------------------------- */

static void
archive_search_done(struct tui *t, const char *text, void *arg)
{
	(void)arg;
	if (*text)
		tui_push(t, view_search_new(t, text));
}

static void
handle_key(struct tui *t, int key)
{
	struct view *v = t->stack[t->depth - 1];
	enum edit_result r;
	char *text;
	prompt_fn done;
	void *arg;
	char name[32];
	int action;

	if (key == TK_RESIZE) {
		t->dirty = 1;
		return;
	}
	if (t->prompting && key == TK_TAB && t->prompt_complete) {
		t->prompt_complete(t, &t->prompt, t->prompt_arg);
		t->dirty = 1;
		return;
	}
	if (t->prompting) {
		r = edit_key(&t->prompt, key);
		if (r == EDIT_CONTINUE) {
			t->dirty = 1;
			return;
		}
		t->prompting = 0;
		text = xstrdup(t->prompt.buf.buf);
		edit_release(&t->prompt);
		done = t->prompt_done;
		arg = t->prompt_arg;
		dstr_reset(&t->msg);
		t->dirty = 1;
		if (r == EDIT_DONE && done)
			done(t, text, arg);
		free(text);
		return;
	}
	dstr_reset(&t->msg);
	t->dirty = 1;
	if (t->grab && t->grab(t, key, t->grab_arg))
		return;
	action = bindings_lookup(&t->keys, v->id, key);
	if (action == ACT_NONE) {
		keys_name(key, name, sizeof(name));
		tui_message(t, "%s is not bound to anything here", name);
		return;
	}
	if (v->ops->action(t, v, action))
		return;
	switch (action) {
	case ACT_QUIT:
		t->quit = 1;
		break;
	case ACT_BACK:
		if (t->depth == 1)
			t->quit = 1;
		else
			tui_pop(t);
		break;
	case ACT_HELP:
		if (v->id == TV_HELP)
			tui_pop(t);
		else
			tui_push(t, view_help_new(t, v->id));
		break;
	case ACT_REDRAW:
		screen_redraw();
		break;
	case ACT_RELOAD_ALL:
		tui_reload(t, NULL, NULL, "all feeds");
		break;
	case ACT_UNDO:
		tui_undo(t);
		break;
	case ACT_SEARCH:
	case ACT_ARCHIVE_SEARCH:
		tui_prompt(t, "Search the archive: ", NULL,
		    archive_search_done, NULL);
		break;
	default:
		tui_message(t, "%s: not here", tui_actions[action].name);
		break;
	}
}

/* ---- the loop ------------------------------------------------------ */

static void
drain_stderr(struct tui *t)
{
	char buf[1024];
	const char *line;
	ssize_t n;
	int fd = screen_stderr_fd();
	char *nl;

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		/* the last line is the one that matters */
		line = (nl = strrchr(buf, '\n')) ? nl + 1 : buf;
		if (*line)
			tui_error(t, "%s", line);
	}
}

static void
check_job(struct tui *t)
{
	struct dstr d = DSTR_INIT;
	struct view *v;

	t->dirty = 1;
	if (!job_step(&t->job))
		return;
	job_summary(&t->job, &d);
	if (t->job.pr.failed)
		tui_error(t, "%s", d.buf);
	else
		tui_message(t, "%s", d.buf);
	dstr_release(&d);
	job_release(&t->job);
	v = t->stack[t->depth - 1];
	if (v->ops->refresh)
		v->ops->refresh(t, v);
}

static void
note(struct tui *t, const char *s)
{
	t->notes = xreallocarray(t->notes, t->nnotes + 1, sizeof(char *));
	t->notes[t->nnotes++] = tui_text_dup(s, 0);
}

static int
setting_bool(struct tui *t, const char *name, int def)
{
	const struct config_directive *d = config_find(t->cfg, name);
	const char *s;

	if (d == NULL)
		return def;
	s = d->argv[0];
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "no") ||
	    !strcasecmp(s, "true") || !strcasecmp(s, "false") ||
	    !strcasecmp(s, "on") || !strcasecmp(s, "off") ||
	    !strcmp(s, "1") || !strcmp(s, "0"))
		return config_bool(t->cfg, name, def);
	tui_config_error(&t->notes, &t->nnotes, t->cfg, d,
	    "%s: expected yes or no, not '%s'", name, s);
	return def;
}

static void
settings(struct tui *t)
{
	const struct config_directive *d;
	const char *term;
	size_t i;
	long w;
	char *end;

	for (i = 0; i < t->cfg->nerrors; i++)
		note(t, t->cfg->errors[i]);
	bindings_init(&t->keys);
	bindings_configure(&t->keys, t->cfg, &t->notes, &t->nnotes);
	theme_init(&t->theme);
	theme_configure(&t->theme, t->cfg, &t->notes, &t->nnotes);
	t->browser = xstrdup_or_null(config_str(t->cfg, "browser", NULL));
	t->text_width = 0;
	if ((d = config_find(t->cfg, "text-width")) != NULL) {
		w = strtol(d->argv[0], &end, 10);
		if (*end != '\0' || end == d->argv[0] || w < 0 || w > 1000)
			tui_config_error(&t->notes, &t->nnotes, t->cfg, d,
			    "text-width: expected 0 to 1000 columns, not "
			    "'%s'", d->argv[0]);
		else
			t->text_width = w > 0 && w < 20 ? 20 : (int)w;
	}
	t->show_read_feeds = setting_bool(t, "show-read-feeds", 1);
	t->show_read_articles = setting_bool(t, "show-read-articles", 1);
	t->group_tags = setting_bool(t, "group-by-tag", 0);
	t->hyperlinks = setting_bool(t, "hyperlinks", 0);
	/* OSC 52 unless the terminal is one known to print it as text */
	term = t->scr.term ? t->scr.term : "";
	t->osc52 = setting_bool(t, "osc52",
	    strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0 &&
	    strcmp(term, "dumb") != 0 && strncmp(term, "cons", 4) != 0);
}

int
tui_run(struct store *st, const struct config *cfg,
    const struct tui_opts *opts, struct dstr *err)
{
	struct config empty;
	struct tui t;
	fd_set rd, wr, ex;
	struct timeval tv;
	long timeout;
	int key, efd, maxfd;
	size_t i;

	memset(&t, 0, sizeof(t));
	config_init(&empty);
	t.st = st;
	t.cfg = cfg ? cfg : &empty;
	t.opts = opts;
	dstr_init(&t.msg);
	dstr_init(&t.prompt_label);
	job_init(&t.job);
	t.ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	/* the theme must exist before the screen, the rest after it */
	theme_init(&t.theme);
	if (screen_init(&t.theme, t.ascii, err) != 0) {
		config_release(&empty);
		return -1;
	}
	screen_get(&t.scr);
	settings(&t);
	tui_push(&t, view_feeds_new(&t));
	if (t.nnotes == 1)
		tui_error(&t, "%s", t.notes[0]);
	else if (t.nnotes > 1)
		tui_error(&t, "%s (and %zu more mistakes: see ?)",
		    t.notes[0], t.nnotes - 1);
	t.dirty = 1;
	while (!t.quit && !tui_sig_quit && t.depth > 0) {
		if (t.dirty)
			draw(&t);
		FD_ZERO(&rd);
		FD_ZERO(&wr);
		FD_ZERO(&ex);
		FD_SET(0, &rd);
		maxfd = 0;
		if ((efd = screen_stderr_fd()) >= 0) {
			FD_SET(efd, &rd);
			maxfd = efd > maxfd ? efd : maxfd;
		}
		timeout = -1;
		if (t.job.active) {
			/* at least once a second: the progress shown */
			timeout = 1000;
			job_fds(&t.job, &rd, &wr, &ex, &maxfd, &timeout);
			if (timeout < 0 || timeout > 1000)
				timeout = 1000;
		}
		if (fulltext_active(&t)) {
			fulltext_fds(&t, &rd, &wr, &ex, &maxfd, &timeout);
			if (timeout < 0 || timeout > 1000)
				timeout = 1000;
		}
		tv.tv_sec = timeout / 1000;
		tv.tv_usec = (timeout % 1000) * 1000;
		if (select(maxfd + 1, &rd, &wr, &ex, timeout < 0 ? NULL : &tv)
		    < 0 && errno != EINTR)
			break;
		drain_stderr(&t);
		if (t.job.active)
			check_job(&t);
		if (fulltext_active(&t))
			fulltext_step(&t);
		while (!t.quit && t.depth > 0 && screen_key(&key))
			handle_key(&t, key);
	}
	while (t.depth > 0) {
		t.depth--;
		t.stack[t.depth]->ops->free(t.stack[t.depth]);
	}
	if (t.grab == confirm_key)
		free(t.grab_arg);
	tui_session_release(&t);
	screen_end();
	/* a reload still running is cancelled: poll stores whole feeds */
	job_release(&t.job);
	for (i = 0; i < t.nnotes; i++)
		free(t.notes[i]);
	free(t.notes);
	bindings_release(&t.keys);
	free(t.browser);
	free(t.undo_ids);
	edit_release(&t.prompt);
	dstr_release(&t.prompt_label);
	dstr_release(&t.msg);
	config_release(&empty);
	return 0;
}
