/*
 * subs.h: subscription lists in and out.
 *
 * In: OPML 1.0/2.0 (nested outlines' titles and the `category` attribute
 * become tags; `title`, else `text`, is the subscription's title) and
 * newsboat `urls` files (URL, then tags; "~Title" is the title).  What a
 * list asks for that dossier cannot honour (newsboat `query:`, `exec:`,
 * `filter:` lines, URLs other than http and https, an OPML outline that
 * links to something that is not a feed, a tag with a comma) is never
 * dropped silently: each becomes a problem with its line number.
 *
 * Out: OPML 2.0 written with libxml2's xmlTextWriter.  A feed goes in the
 * folder of its first tag; its other tags go in `category` ("/tag,...").
 * Reading that back gives the same subscriptions.
 *
 * OPML is parsed without network access, entity substitution or DTD
 * loading; a document that declares entities is refused.  Nothing here
 * prints: libxml2's messages are caught.
 */
#ifndef DOSSIER_SUBS_H
#define DOSSIER_SUBS_H

#include <stddef.h>

struct dstr;

struct subs_entry {
	char	*url;
	char	*title;			/* NULL: none */
	char	*site_url;		/* OPML htmlUrl; NULL: none */
	char	**tags;			/* valid, no commas, no duplicates */
	size_t	 ntags;
	int	 line;			/* where it was read; 0: not read */
};

struct subs_problem {
	int	 line;
	char	*msg;			/* one line, sanitised */
};

struct subs {
	struct subs_entry *v;
	size_t	 n;
	struct subs_problem *problems;
	size_t	 nproblems;
};

enum subs_format {
	SUBS_UNKNOWN,
	SUBS_OPML,
	SUBS_NEWSBOAT,
};

void	 subs_init(struct subs *);
void	 subs_release(struct subs *);
/* Append an entry (strings copied; tags checked, duplicates dropped). */
struct subs_entry *subs_add(struct subs *, const char *url, const char *title,
	    const char *site_url, int line);
/* 0: added; -1: not a valid tag (empty, a comma, bad UTF-8). */
int	 subs_entry_add_tag(struct subs_entry *, const char *tag);
void	 subs_problem(struct subs *, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* OPML when the text starts (after blanks and a BOM) with '<'. */
enum subs_format subs_detect(const char *buf, size_t len);
/*
 * Read a list.  -1 when the document as a whole can't be read (not XML,
 * not OPML, entity declarations): the reason is appended to err.  Lines
 * that can't be honoured are problems, not failures.
 */
int	 subs_parse(struct subs *, const char *buf, size_t len,
	    struct dstr *err);
int	 subs_parse_opml(struct subs *, const char *buf, size_t len,
	    struct dstr *err);
int	 subs_parse_newsboat(struct subs *, const char *buf, size_t len,
	    struct dstr *err);

/* 0 when url is http or https, parsable, without blanks or controls; else
 * -1 and *why ("is not an http or https URL", ...). */
int	 subs_check_url(const char *url, const char **why);

/* OPML 2.0 of the entries, appended to out.  -1 on a writer error. */
int	 subs_write_opml(const struct subs *, const char *title,
	    struct dstr *out, struct dstr *err);

#endif
