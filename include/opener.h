/*
 * opener.h: handing a link to the browser.
 *
 * The command is the config's `browser`, else $BROWSER (read by the front
 * end and passed in: modules never call getenv), else xdg-open.  It is
 * split on blanks into words, with no shell, no quotes and no expansion of
 * any kind, and the URL is appended as exactly one more argument; the
 * program runs through fork and execvp.  Only http and https URLs without
 * control characters or blanks are handed over: javascript:, data:,
 * file: and the rest are refused.
 */
#ifndef DOSSIER_OPENER_H
#define DOSSIER_OPENER_H

#include <stddef.h>

struct dstr;

enum opener_status {
	OPENER_OK,
	OPENER_REFUSED,		/* not an URL to hand over */
	OPENER_FAILED,		/* the program could not run or failed */
	OPENER_NO_BROWSER,	/* none configured and no xdg-open */
};

enum {
	/* Don't wait for the browser: a new session, stdin, stdout and
	 * stderr on /dev/null (for the TUI).  Without it the browser shares
	 * the terminal and is waited for. */
	OPENER_DETACH	= 1 << 0,
};

struct opener {
	const char	*browser;	/* config `browser`, or NULL */
	const char	*env_browser;	/* $BROWSER, or NULL */
	int		 flags;
};

/* 0 if url may be handed over; else -1 and *why ("not an http or ..."). */
int	 opener_check_url(const char *url, const char **why);
/*
 * Split a command on blanks (spaces and tabs): a NULL-terminated argv,
 * each word allocated, with room for one more argument before the NULL.
 * *argcp: the number of words (0 for a blank command).  Free it with
 * opener_argv_free().
 */
char	**opener_split(const char *cmd, size_t *argcp);
void	 opener_argv_free(char **argv);
/* The command that will be used (browser, else $BROWSER, else xdg-open). */
const char *opener_command(const struct opener *);
/*
 * Open url.  On anything but OPENER_OK, err holds one line saying why
 * (the URL in it sanitised).
 */
enum opener_status opener_open(const struct opener *, const char *url,
	    struct dstr *err);

#endif
