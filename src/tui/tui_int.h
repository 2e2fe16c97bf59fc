/*
 * tui_int.h: the parts of the reader and how they fit.
 *
 * Only screen.c includes curses.h.  Everything else draws styled lines
 * (struct tline) and reads key codes (TK_*), so the logic below the views
 * (list paging, the pager, key bindings, colours, the line editor, OSC
 * sequences) is plain C and unit-tested in tests/test_tui.c (libtui.a).
 *
 *	keys.c		actions, key names, bindings (defaults + config), help
 *	theme.c		screen elements and their colours (config `color`)
 *	tline.c		a line of styled text; cutting and padding by column
 *	list.c		list paging and the row cache over a row source
 *	pager.c		an article laid out, scrolled, searched, highlighted
 *	edit.c		the one-line editor of the prompts
 *	osc.c		OSC 52 (clipboard) and OSC 8 (hyperlink) sequences
 *	screen.c	curses: set-up, signals, drawing, keys (not in libtui.a)
 *	tui.c		the event loop, the view stack, status line, prompts
 *	listview.c	the generic list view: a list and row callbacks
 *	view_*.c	feeds, articles, pager, search, help
 *	job.c		the background reload (a `dossier poll` child)
 *
 * To add a view: an enum tui_viewid (for bind-key), a name in keys.c, a
 * struct listview_ops with format() and action(), and a constructor that
 * calls listview_init().  To add a key: an enum tui_action, a row in the
 * action table in keys.c and default bindings there; views handle it in
 * their action() callback.  The pager takes highlight providers and extra
 * key handlers (struct pager_hook), for quotations and cross-references.
 */
#ifndef DOSSIER_TUI_INT_H
#define DOSSIER_TUI_INT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>

#include "dstr.h"
#include "fetch.h"
#include "render.h"

struct config;
struct store;
struct store_article;
struct store_query;
struct tui;

/* ---- key codes: Unicode code points, and these for the special keys -- */
#define TK_SPECIAL	0x200000
enum {
	TK_UP = TK_SPECIAL, TK_DOWN, TK_LEFT, TK_RIGHT,
	TK_PGUP, TK_PGDN, TK_HOME, TK_END,
	TK_BACKSPACE, TK_DELETE, TK_INSERT, TK_BTAB,
	TK_RESIZE,
	TK_F0,			/* F1 is TK_F0 + 1 ... F12 */
	TK_LAST = TK_F0 + 13,
};
#define TK_ENTER	'\n'
#define TK_TAB		'\t'
#define TK_ESC		0x1b
#define TK_CTRL(c)	((c) & 0x1f)

/* ---- actions --------------------------------------------------------- */
enum tui_action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HALF_UP, ACT_HALF_DOWN,
	ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_BACK, ACT_QUIT,
	ACT_NEXT_UNREAD, ACT_PREV_UNREAD,
	ACT_NEXT_MATCH, ACT_PREV_MATCH,
	ACT_NEXT_ARTICLE, ACT_PREV_ARTICLE,
	ACT_RELOAD, ACT_RELOAD_ALL,
	ACT_TOGGLE_STAR, ACT_TOGGLE_READ, ACT_MARK_ALL_READ, ACT_UNDO,
	ACT_OPEN_LINK, ACT_COPY_URL,
	ACT_SEARCH, ACT_ARCHIVE_SEARCH, ACT_HELP, ACT_REDRAW,
	ACT_TOGGLE_TAGS, ACT_TOGGLE_READ_FEEDS,
	/* quotations, references, full text (select.c, view_quotes.c,
	 * view_refs.c, history.c, fulltext.c) */
	ACT_NEXT_QUOTE, ACT_PREV_QUOTE, ACT_SELECT, ACT_TAG,
	ACT_EDIT_NOTE, ACT_EDIT_SPEAKER, ACT_DELETE, ACT_SORT,
	ACT_REFS, ACT_QUOTE_STORIES, ACT_HIST_BACK, ACT_HIST_FORWARD,
	ACT_FULLTEXT,
	ACT_COUNT
};

/* The views, as named in `bind-key KEY ACTION VIEW`; TV_GLOBAL: all. */
enum tui_viewid {
	TV_GLOBAL, TV_FEEDS, TV_ARTICLES, TV_PAGER, TV_SEARCH, TV_HELP,
	TV_QUOTES, TV_REFS,
	TV_COUNT
};

struct tui_action_info {
	const char	*name;
	const char	*help;
};
extern const struct tui_action_info tui_actions[ACT_COUNT];
extern const char *const tui_view_names[TV_COUNT];

int	 action_find(const char *name);		/* ACT_*, or -1 */
int	 view_find(const char *name);		/* TV_*, or -1 */

/* Key names: "j", "^D", "C-d", "ENTER", "SPACE", "PGDN", "F1", "é"... */
int	 keys_parse(const char *name, int *key);	/* 0, or -1 */
/* The canonical name of a key ("^D", "PGDN", "j"), NUL-terminated. */
void	 keys_name(int key, char *buf, size_t size);

struct binding {
	int	 key;
	int	 action;		/* ACT_NONE: explicitly unbound */
};
struct keymap {
	struct binding	*b;
	size_t		 n, cap;
};
struct bindings {
	struct keymap	 view[TV_COUNT];
};

void	 bindings_init(struct bindings *);	/* the defaults */
void	 bindings_release(struct bindings *);
/* bind-key / unbind-key from the config; mistakes appended to errors as
 * "FILE:LINE: message", one string each (caller frees). */
void	 bindings_configure(struct bindings *, const struct config *,
	    char ***errors, size_t *nerrors);
/* Record a config mistake as "FILE:LINE: message" (keys, colours). */
struct config_directive;
void	 tui_config_error(char ***errors, size_t *n, const struct config *,
	    const struct config_directive *, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
int	 bindings_set(struct bindings *, int view, int key, int action);
void	 bindings_unset(struct bindings *, int view, int key);
/* The action of a key in a view (the view's map, then the global one). */
int	 bindings_lookup(const struct bindings *, int view, int key);
/* The keys bound to an action in a view, as "j, DOWN" (empty: none). */
void	 bindings_keys_for(const struct bindings *, int view, int action,
	    struct dstr *out);
/* Help: one line per action that has a key in this view, "KEYS\tHELP". */
void	 bindings_help(const struct bindings *, int view,
	    void (*line)(void *ctx, const char *keys, const char *help),
	    void *ctx);

/* ---- screen elements and colours ------------------------------------ */
enum tui_elem {
	E_NORMAL, E_TITLE, E_STATUS, E_ERROR, E_PROMPT, E_CURSOR,
	E_UNREAD, E_FLAG, E_FAILED, E_DATE, E_OUTLET, E_COUNT, E_TAG,
	E_GROUP, E_HEADER, E_HEADING, E_BOLD, E_ITALIC, E_LINK, E_LINKNUM,
	E_QUOTE, E_CODE, E_DECOR, E_URL, E_MATCH, E_SNIPPET, E_HIGHLIGHT,
	E_TAGGED,
	E_COUNT_ELEMS
};

enum {
	TA_BOLD = 1 << 0, TA_UNDERLINE = 1 << 1, TA_REVERSE = 1 << 2,
	TA_STANDOUT = 1 << 3, TA_DIM = 1 << 4, TA_ITALIC = 1 << 5,
	TA_BLINK = 1 << 6,
};
#define TC_DEFAULT (-1)

struct tui_style {
	short	 fg, bg;		/* 0..255 or TC_DEFAULT */
	int	 attrs;			/* TA_* */
};
struct theme {
	struct tui_style color[E_COUNT_ELEMS];	/* with colours */
	struct tui_style mono[E_COUNT_ELEMS];	/* attributes only */
};
extern const char *const tui_elem_names[E_COUNT_ELEMS];

void	 theme_init(struct theme *);
void	 theme_configure(struct theme *, const struct config *,
	    char ***errors, size_t *nerrors);
int	 theme_parse_color(const char *s, short *c);	/* 0 or -1 */
int	 theme_parse_attr(const char *s, int *attr);	/* 0 or -1 */
/* Combine a segment's style with the row's base style (cursor, unread). */
struct tui_style theme_combine(struct tui_style seg, struct tui_style base);

/* ---- styled lines ----------------------------------------------------- */
struct tseg {
	size_t	 off, len;		/* bytes of text */
	int	 elem;			/* E_* */
	int	 attrs;			/* TA_* added to the element's */
	int	 link;			/* OSC 8: link number (1..), or 0 */
};
struct tline {
	struct dstr	 text;		/* sanitised UTF-8, no controls */
	struct tseg	*segs;
	size_t		 nsegs, cap;
};

void	 tline_init(struct tline *);
void	 tline_release(struct tline *);
void	 tline_reset(struct tline *);
/* Append n bytes of text already safe for the terminal. */
void	 tline_add(struct tline *, int elem, int attrs, const char *s,
	    size_t n);
void	 tline_add_link(struct tline *, int elem, int attrs, int link,
	    const char *s, size_t n);
void	 tline_adds(struct tline *, int elem, const char *s);
void	 tline_addf(struct tline *, int elem, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Append untrusted text: sanitised to one line (and to ASCII when ascii). */
void	 tline_add_untrusted(struct tline *, int elem, const char *s,
	    int ascii);
/* Append text cut to width columns (with an ellipsis) and padded to it. */
void	 tline_add_cell(struct tline *, int elem, int attrs, const char *s,
	    int width, int ascii);
void	 tline_pad(struct tline *, int elem, int width);
int	 tline_width(const struct tline *);
/* Cut the line to width columns. */
void	 tline_cut(struct tline *, int width);
/* Display width of UTF-8 text, and the bytes of s that fit in width. */
int	 text_width(const char *s, size_t n);
size_t	 text_fit(const char *s, size_t n, int width, int *used);
/* Sanitised one-line copy of untrusted text (ASCII fallback: '?'). */
char	*tui_text_dup(const char *s, int ascii);
void	 tui_text_add(struct dstr *, const char *s, size_t n, int flags,
	    int ascii);

/* ---- the list: paging and the row cache ------------------------------ */
struct list;
struct list_source {
	/* Number of rows; 0 or -1 on error. */
	int	(*count)(void *ctx, int64_t *n);
	/* Rows [off, off + n): list_push() each; 0 or -1 on error. */
	int	(*fetch)(void *ctx, int64_t off, int64_t n, struct list *);
	void	(*free_row)(void *row);	/* NULL: rows are borrowed */
};

struct list {
	int64_t	 count;			/* rows */
	int64_t	 cur;			/* the selected row */
	int64_t	 top;			/* the first row shown */
	int	 height;		/* rows that fit */
	/* the rows [coff, coff + n) */
	int64_t	 coff;
	void	**rows;
	size_t	 n, cap;
	int	 fetches;		/* statistics, for the tests */
	const struct list_source *src;
	void	*ctx;
};

void	 list_init(struct list *, const struct list_source *, void *ctx);
void	 list_release(struct list *);
/* Count again and drop the cache; the cursor stays where it was. */
int	 list_reload(struct list *);
void	 list_drop_cache(struct list *);
void	 list_push(struct list *, void *row);
void	 list_set_height(struct list *, int height);
void	 list_set_cursor(struct list *, int64_t idx);
void	 list_move(struct list *, int64_t delta);
void	 list_page(struct list *, int dir);
void	 list_half_page(struct list *, int dir);
/* Row idx (fetching a window around it when needed), or NULL. */
void	*list_row(struct list *, int64_t idx);
/* The first row from `from` in direction dir (+1/-1), `from` excluded,
 * for which pred holds: its index, or -1. */
int64_t	 list_find(struct list *, int64_t from, int dir,
	    int (*pred)(const void *row, void *arg), void *arg);

/* ---- the pager ----------------------------------------------------- */
struct pager_range {
	size_t	 line;			/* layout line */
	size_t	 off, len;		/* bytes of its text */
	int	 elem;
	size_t	 order;			/* later ranges win */
};

struct pager;
/*
 * Extension points, tried in order: key() sees an action before the pager
 * (return 1 when handled), ranges() adds highlights as ranges of the plain
 * text (pager_add_plain_range) or of lines (pager_add_range).
 */
struct pager_hook {
	int	(*key)(void *ctx, struct tui *, struct pager *, int action);
	void	(*ranges)(void *ctx, struct pager *);
	void	*ctx;
};
#define PAGER_MAXHOOKS 4

/* A search match: plain text [start, end) shown from body line `line`
 * byte off, or (plain == 0) bytes [off, off + len) of a line that is not
 * in the plain text (the link list). */
struct pager_match {
	size_t	 line, off, len;
	size_t	 start, end;
	int	 plain;
};

/* A link area in the layout: where link N's text or URL is shown. */
struct pager_link {
	size_t	 line, off, len;
	int	 link;			/* 1.. */
};

struct pager {
	struct render_doc doc;		/* the parsed article */
	struct tline	*head;		/* the header, laid out at width */
	size_t		 nhead;
	struct render_line *lines;	/* the body at width */
	size_t		 nlines;
	int		 width;		/* layout width */
	size_t		 top;		/* first line shown (head + body) */
	int		 height;
	size_t		*first_src;	/* per body line: its first plain
					   byte, or RENDER_NOSRC */
	/* search */
	char		*query;
	struct pager_match *match;	/* in layout order */
	size_t		 nmatch;
	size_t		 cur_match;	/* nmatch: none chosen yet */
	/* highlights: rebuilt by pager_highlight() */
	struct pager_range *hl;
	size_t		 nhl, hlcap;
	struct pager_link *links;
	size_t		 nlinks, linkcap;
	struct pager_hook hooks[PAGER_MAXHOOKS];
	size_t		 nhooks;
	int		 ascii;
};

void	 pager_init(struct pager *);
void	 pager_release(struct pager *);
/* Take the HTML (may be NULL) and parse it once. */
void	 pager_set_html(struct pager *, const char *html, const char *base);
/* The header lines, built by the caller per width (taken over). */
void	 pager_set_head(struct pager *, struct tline *head, size_t nhead);
/* Lay out at width columns: render_wrap() again, search matches kept. */
void	 pager_layout(struct pager *, int width);
void	 pager_set_height(struct pager *, int height);
size_t	 pager_total(const struct pager *);	/* lines */
void	 pager_scroll(struct pager *, long delta);
void	 pager_scroll_to(struct pager *, size_t line);
int	 pager_at_end(const struct pager *);
/* Search the plain text and the link list (case-insensitive); the number
 * of matches.  NULL or "" clears the search. */
size_t	 pager_search(struct pager *, const char *query);
/* Go to the next (dir 1) or previous match, scrolling to it: 0, or -1
 * when there is none that way (wraps around when wrap). */
int	 pager_next_match(struct pager *, int dir, int wrap);
/* Show plain-text offset off (render_locate), a third down the screen. */
int	 pager_show_plain(struct pager *, size_t off);
void	 pager_add_hook(struct pager *, const struct pager_hook *);
/* Highlights, for ranges() hooks. */
void	 pager_add_range(struct pager *, size_t line, size_t off, size_t len,
	    int elem);
void	 pager_add_plain_range(struct pager *, size_t start, size_t end,
	    int elem);
/* Rebuild the highlights (search matches, hooks). */
void	 pager_highlight(struct pager *);
/* Screen line i (0 = top of the content) as a styled line. */
void	 pager_line(struct pager *, size_t i, struct tline *out);
/* The layout line of content line i, or (size_t)-1 for the header. */
size_t	 pager_body_line(const struct pager *, size_t i);

/* ---- the one-line editor ------------------------------------------- */
struct edit {
	struct dstr	 buf;		/* UTF-8 */
	size_t		 pos;		/* byte offset of the cursor */
};
enum edit_result { EDIT_CONTINUE, EDIT_DONE, EDIT_CANCEL };
void	 edit_init(struct edit *, const char *initial);
void	 edit_release(struct edit *);
enum edit_result edit_key(struct edit *, int key);
/* The column of the cursor and the part to show in width columns. */
void	 edit_view(const struct edit *, int width, size_t *start,
	    size_t *len, int *cursor_col);

/* ---- OSC sequences --------------------------------------------------- */
/* OSC 52: set the clipboard to text (an URL that passed opener_check_url) */
void	 osc52_build(struct dstr *out, const char *text, int screen_wrap);
/* OSC 8 open (url non-NULL) or close (url NULL). */
void	 osc8_build(struct dstr *out, const char *url);
/* SGR for a style: "\033[0;1;4;38;5;123m" (colours only when colors). */
void	 sgr_build(struct dstr *out, struct tui_style, int colors);

/* ---- the screen (screen.c, curses) ------------------------------------ */
struct screen_info {
	int	 rows, cols;
	int	 colors;		/* the terminal has colours */
	int	 ncolors;
	const char *term;
};
int	 screen_init(const struct theme *, int ascii, struct dstr *err);
void	 screen_end(void);
void	 screen_get(struct screen_info *);
/* Draw a line at row y: segments styled, base (E_* or -1) under them. */
void	 screen_line(int y, const struct tline *, int base);
void	 screen_cursor(int y, int x, int visible);
void	 screen_update(void);
void	 screen_redraw(void);
/* The next key, without waiting: 1 and *key, or 0. */
int	 screen_key(int *key);
/* Write to the terminal after screen_update (OSC sequences). */
void	 screen_raw(const char *s, size_t n);
/* Draw segment sg of text again at (y, x), as an OSC 8 hyperlink. */
void	 screen_hyperlink(int y, int x, const struct tseg *sg,
	    const char *text, const char *url);
/* The read end of the pipe that holds what was written to stderr. */
int	 screen_stderr_fd(void);
/* Set by signal handlers. */
extern volatile sig_atomic_t tui_sig_quit;

/* ---- views -------------------------------------------------------- */
struct view;
struct view_ops {
	/* draw rows y0 .. y0 + h - 1 */
	void	(*draw)(struct tui *, struct view *, int y0, int h, int w);
	void	(*title)(struct tui *, struct view *, struct tline *);
	/* 1 when the action was handled */
	int	(*action)(struct tui *, struct view *, int action);
	/* the data may have changed (back from a view above, reload) */
	void	(*refresh)(struct tui *, struct view *);
	/* for the pager above: move to the next/previous (unread) article
	 * and give its id; 0, or -1 when there is none */
	int	(*neighbour)(struct tui *, struct view *, int dir, int unread,
		    int64_t *id);
	void	(*free)(struct view *);
	/* after the screen is updated: OSC 8 hyperlinks (or NULL) */
	void	(*overlay)(struct tui *, struct view *, int y0, int h, int w);
};
struct view {
	const struct view_ops *ops;
	int	 id;			/* TV_* */
};

/* The generic list view. */
struct listview;
struct listview_ops {
	/* Format row (row_lines tlines in out[]); *base: E_UNREAD or -1. */
	void	(*format)(struct tui *, struct listview *, const void *row,
		    int width, struct tline *out, int *base);
	/* View actions (Enter, s, m...), after the movement keys. */
	int	(*action)(struct tui *, struct listview *, int action);
	void	(*title)(struct tui *, struct listview *, struct tline *);
	void	(*refresh)(struct tui *, struct listview *);
	int	(*neighbour)(struct tui *, struct listview *, int dir,
		    int unread, int64_t *id);
	void	(*free)(struct listview *);
	/* no rows: what to say */
	const char *empty;
};
struct listview {
	struct view	 v;
	struct list	 list;
	const struct listview_ops *lops;
	int		 row_lines;	/* screen lines per row */
	void		*data;		/* the view's own */
};
extern const struct view_ops listview_view_ops;
void	 listview_init(struct listview *, int id,
	    const struct listview_ops *, const struct list_source *,
	    void *data, int row_lines);

/*
 * An article as a list row (artrow.c): what view_articles.c and
 * view_search.c show and act on.  The strings are sanitised for the screen
 * except url, kept as stored for the browser.
 */
struct store_article;
struct artrow {
	int64_t	 id;
	int64_t	 feed_id;
	int64_t	 date;			/* published, updated or first seen */
	char	*title, *outlet;
	char	*url;
	int	 read, starred;
};
void	 artrow_fill(struct artrow *, const struct store_article *,
	    int ascii);
void	 artrow_clear(struct artrow *);
/* The row's first line; *base becomes E_UNREAD for an unread article. */
void	 artrow_format(struct tui *, const struct artrow *, int width,
	    struct tline *, int *base);
/* Open, star, read, open link, copy URL: 1 when the action was one. */
int	 artrow_action(struct tui *, struct listview *, struct artrow *,
	    int action);
int	 artrow_is_unread(const void *row, void *arg);	/* for list_find */

struct view *view_feeds_new(struct tui *);
struct view *view_articles_new(struct tui *, const char *title,
	    const char *feed_url, const char *tag, int unread, int starred);
struct view *view_search_new(struct tui *, const char *query);
struct view *view_help_new(struct tui *, int for_view);
/* The pager on article id; origin: the list it was opened from, or NULL */
struct view *view_pager_new(struct tui *, int64_t id, struct view *origin);

/* ---- the background reload (the poller, in this loop) ----------- */
struct poll;
struct job {
	struct poll	*p;
	int		 active;
	int		 lockfd;
	char		*what;		/* "all feeds", a feed's title */
	int64_t		 started;	/* monotonic ms */
	struct poll_progress pr;
	struct dstr	 note;		/* the last failure */
};
void	 job_init(struct job *);
/* Take the poll lock and start polling one feed, or the feeds with a tag
 * (both NULL: all); 0 or -1. */
int	 job_start(struct job *, struct store *, const struct config *,
	    const char *db_path, const char *feed_url, const char *tag,
	    const char *what, struct dstr *err);
void	 job_fds(struct job *, fd_set *rd, fd_set *wr, fd_set *ex,
	    int *maxfd, long *timeout_ms);
/* Move on without waiting; 1 when all is done. */
int	 job_step(struct job *);
void	 job_status(const struct job *, struct dstr *);
void	 job_summary(const struct job *, struct dstr *);
void	 job_release(struct job *);

/* ---- the reader ------------------------------------------------- */
#define TUI_MAXDEPTH 16
typedef void (*prompt_fn)(struct tui *, const char *text, void *arg);
/* Tab in a prompt: complete the text being edited. */
typedef void (*complete_fn)(struct tui *, struct edit *, void *arg);
/* A view in a mode (a selection, a y/n question) sees the keys first:
 * 1 when it took the key. */
typedef int (*grab_fn)(struct tui *, int key, void *arg);
struct history;
struct quotes;
struct xref;
struct tui_fulltext;

struct tui {
	struct store	*st;
	const struct config *cfg;
	const struct tui_opts *opts;
	struct bindings	 keys;
	struct theme	 theme;
	struct screen_info scr;
	int		 ascii;		/* not a UTF-8 locale: '?' for others */
	struct view	*stack[TUI_MAXDEPTH];
	int		 depth;
	/* status line */
	struct dstr	 msg;
	int		 msg_error;
	char		**notes;	/* config mistakes */
	size_t		 nnotes;
	/* prompt */
	int		 prompting;
	struct dstr	 prompt_label;
	struct edit	 prompt;
	prompt_fn	 prompt_done;
	void		*prompt_arg;
	complete_fn	 prompt_complete;
	grab_fn		 grab;
	void		*grab_arg;
	/* made when first needed (history.c), released at the end */
	struct quotes	*quotes;
	struct xref	*xref;
	struct history	*hist;
	struct tui_fulltext *ft;	/* a full text being fetched */
	/* undo of the last mark-all-read */
	int64_t		*undo_ids;
	size_t		 nundo;
	struct job	 job;
	/* settings */
	char		*browser;
	int		 text_width;	/* 0: the window's */
	int		 show_read_feeds;
	int		 show_read_articles;
	int		 group_tags;
	int		 osc52;
	int		 hyperlinks;
	int		 quit;
	int		 dirty;
};

void	 tui_message(struct tui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 tui_error(struct tui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 tui_push(struct tui *, struct view *);
void	 tui_pop(struct tui *);
struct view *tui_below(struct tui *, struct view *);
void	 tui_prompt(struct tui *, const char *label, const char *initial,
	    prompt_fn, void *arg);
/* Tab in the prompt just opened calls fn (with the prompt's arg). */
void	 tui_prompt_complete(struct tui *, complete_fn);
/* Keys go to fn until tui_ungrab(); ask a y/n question that way. */
void	 tui_grab(struct tui *, grab_fn, void *arg);
void	 tui_ungrab(struct tui *, void *arg);
typedef void (*confirm_fn)(struct tui *, void *arg);
void	 tui_confirm(struct tui *, const char *question, confirm_fn yes,
	    void *arg);
/* Hand an URL to the browser; messages in the status line. */
void	 tui_open_url(struct tui *, const char *url);
/* Copy an URL to the clipboard (OSC 52). */
void	 tui_copy_url(struct tui *, const char *url);
/* Start a reload of one feed or a tag's (both NULL: all). */
void	 tui_reload(struct tui *, const char *feed_url, const char *tag,
	    const char *what);
/* Mark the articles of a query read, keeping the ids for undo. */
void	 tui_mark_all_read(struct tui *, const struct store_query *,
	    const int64_t *ids, size_t nids);
void	 tui_undo(struct tui *);
/* Format an article's date as "2025-02-26" (or "%Y-%m-%d %H:%M" long) */
void	 tui_date(int64_t when, int longfmt, char *buf, size_t size);


/* ---- quotations, references, beats, full text --------------------- */
/* history.c: the session's quotes and xref contexts, and the history of
 * articles followed through references (like a browser's). */
struct quotes *tui_quotes(struct tui *);
struct xref *tui_xref(struct tui *);
void	 tui_session_release(struct tui *);
/* Follow a reference from article `from` to `to`: the history moves. */
void	 history_follow(struct tui *, int64_t from, const char *from_title,
	    int64_t to, const char *to_title);
/* Move back (dir -1) or forward (1) from article cur: 0 and *id, or -1. */
int	 history_move(struct tui *, int64_t cur, int dir, int64_t *id);
/* The breadcrumb of titles when cur is in the history (else nothing). */
void	 history_breadcrumb(struct tui *, int64_t cur, struct dstr *out);
/* Tag completion in a prompt of tags (comma or blank separated). */
void	 tags_complete(struct tui *, struct edit *, void *arg);
/* Split a tags prompt into tags (new array of new strings). */
size_t	 tags_split(const char *text, char ***tagsp);
void	 tags_free(char **, size_t);

/* select.c: quotations and the free selection in the pager (a hook). */
struct psel;
struct psel *psel_new(struct tui *, struct pager *, struct view *owner);
void	 psel_free(struct psel *);
/* The pager shows article id now (0: a text quotes do not refer to). */
void	 psel_article(struct psel *, int64_t id);
/* Highlight plain[start..end) and show it. */
void	 psel_show(struct psel *, size_t start, size_t end);

/* view_pager.c, for the views that follow references */
int64_t	 view_pager_id(struct view *);
const char *view_pager_title(struct view *);
/* Show another article in this pager (history not touched): 0 or -1. */
int	 view_pager_goto(struct tui *, struct view *, int64_t id);
/* Show passage plain[start..end) highlighted. */
void	 view_pager_passage(struct view *, size_t start, size_t end);

/* view_quotes.c, view_refs.c */
struct view *view_quotes_new(struct tui *);
struct view *view_refs_new(struct tui *, struct view *pager);
struct view *view_stories_name(struct tui *, struct view *pager,
	    const char *name);
struct view *view_stories_quote(struct tui *, struct view *pager,
	    const char *text, size_t len, int64_t exclude);
/* The pager below the views above it (refs, stories), popped to it,
 * shows article id; the history follows. */
void	 refs_follow(struct tui *, struct view *pager, int64_t id,
	    const char *title);
/* view_articles.c: a beat's articles */
struct view *view_articles_beat(struct tui *, const char *name);

/* fulltext.c: fetch an article's full text in the background. */
int	 fulltext_start(struct tui *, int64_t id, const char *title);
int	 fulltext_active(const struct tui *);
void	 fulltext_fds(struct tui *, fd_set *rd, fd_set *wr, fd_set *ex,
	    int *maxfd, long *timeout_ms);
/* Move on; the pager showing the article is told when it is there. */
void	 fulltext_step(struct tui *);
void	 fulltext_release(struct tui *);
/* view_pager.c: the full text of id arrived (or not: stored 0). */
void	 view_pager_fulltext_done(struct tui *, int64_t id, int stored);

#endif
