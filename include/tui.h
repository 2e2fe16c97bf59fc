/*
 * tui.h: the reader, an ncurses front end over the archive.
 *
 * tui_run() takes over the terminal until the user quits: a stack of views
 * (feeds, articles, the article pager, archive search, help) over one
 * store, keys and colours from the config.  The core never sees curses;
 * the environment is read by the caller and passed in struct tui_opts.
 * Everything the TUI has to say while it runs goes to its status line;
 * what is written to stderr meanwhile is caught and shown there too.
 */
#ifndef DOSSIER_TUI_H
#define DOSSIER_TUI_H

struct store;
struct config;
struct dstr;

struct tui_opts {
	const char	*db_path;	/* its poll lock, for the reload */
	const char	*env_browser;	/* $BROWSER, or NULL */
	int		 in_tmux;	/* $TMUX is set */
	int		 in_screen;	/* $STY is set (GNU screen) */
};

/*
 * Run the reader.  cfg may be NULL (defaults).  Returns 0 when the user
 * quit, or -1 when the terminal could not be set up (message in err).
 */
int	 tui_run(struct store *, const struct config *,
	    const struct tui_opts *, struct dstr *err);

#endif
