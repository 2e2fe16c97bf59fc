/*
 * settings.h: the config file ($XDG_CONFIG_HOME/dossier/config).
 *
 * One directive a line: a name and blank-separated arguments, "double
 * quotes" group words, # starts a comment.  The file is read once into a
 * struct config that the rest of the program only reads.  Directives are
 * checked against a table (name, argument count); a mistake is recorded
 * with its line number and skipped, so the program still starts with the
 * defaults.  Modules look values up by name:
 *
 *	browser "firefox --new-tab"
 *	text-width 72
 *	bind-key j down
 *	color title yellow default bold
 *	feed https://example.org/feed.xml interval 30
 *	feed tag:general keep civil-service
 *	beat civil-service DOGE OR USDS
 */
#ifndef DOSSIER_SETTINGS_H
#define DOSSIER_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

struct config_directive {
	char	*name;
	char	**argv;		/* words, quotes removed */
	size_t	 argc;
	char	*raw;		/* the text after the name as written (quotes
				   kept, comment dropped): for queries */
	int	 line;
};

struct config {
	char	*path;
	struct config_directive *dir;
	size_t	 ndir;
	char	**errors;		/* "FILE:LINE: message" */
	size_t	 nerrors;
};

void	 config_init(struct config *);
void	 config_release(struct config *);
/* Read a file (missing is fine); -1 only when it exists and can't be read. */
int	 config_load(struct config *, const char *path);
/* Parse text as if it were the file (for tests and defaults). */
void	 config_parse(struct config *, const char *text, const char *name);
/* Print the recorded mistakes, one line each. */
void	 config_report(const struct config *, FILE *);

/* The last directive with this name and at least one argument; or NULL. */
const struct config_directive *config_find(const struct config *,
	    const char *name);
const char *config_str(const struct config *, const char *name,
	    const char *def);
long	 config_int(const struct config *, const char *name, long def);
int	 config_bool(const struct config *, const char *name, int def);
/* Iterate: the next directive named name after *i (start with *i = 0). */
const struct config_directive *config_next(const struct config *,
	    const char *name, size_t *i);
/*
 * A per-feed setting: the value of the last `feed URL KEY VALUE` or
 * `feed tag:T KEY VALUE` that matches the feed (tags: comma separated).
 */
const char *config_feed_str(const struct config *, const char *url,
	    const char *tags, const char *key, const char *def);

#endif
