/* docs_int.h: what the files of src/docs share; not a public interface. */
#ifndef DOSSIER_DOCS_INT_H
#define DOSSIER_DOCS_INT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "docs.h"

struct dstr;
struct store;

/* A document's bytes as the HTML the archive keeps (convert.c). */
struct docs_converted {
	char		*html;
	char		*title;		/* NULL when none was found */
	char		*byline;
	char		*canonical;	/* HTML's <link rel="canonical"> */
	int64_t		 published;	/* DATE_NONE when unknown */
	enum docs_type	 type;
};
void	 docs_converted_release(struct docs_converted *);
enum docs_type docs_detect_type(const char *data, size_t len,
	    const char *name, const char *content_type);
/*
 * Convert (type DOCS_AUTO: detect it).  0 ok; 1 no readable text; -1
 * error; the message in store_errmsg(st).
 */
int	 docs_convert(struct store *st, const char *data, size_t len,
	    const char *name, const char *content_type, enum docs_type type,
	    const char *base_url, const char *pdftotext,
	    struct docs_converted *cv);

/*
 * Parse HTML with libxml2 (recovering, no network, nothing printed).
 * encoding NULL: the page's <meta charset>, else UTF-8 when the bytes are
 * valid UTF-8, else windows-1252.  NULL when libxml2 gave up.
 */
xmlDoc	*dhtml_parse(const char *html, size_t len, const char *encoding);
/* An empty HTML document (no DTD) to build output in. */
xmlDoc	*dhtml_new_doc(void);

/* Pre-order walk of root's subtree: the node after n (skip: n's children). */
xmlNode	*dhtml_next(xmlNode *n, const xmlNode *root, int skip);
/* 1 when n is an element named name (lower case). */
int	 dhtml_is(const xmlNode *n, const char *name);
/* An attribute's value (owned by the tree) or NULL. */
const char *dhtml_attr(const xmlNode *n, const char *name);
/* The first element named name in root's subtree (root included). */
xmlNode	*dhtml_find(xmlNode *root, const char *name);
/* Append n's text with runs of blanks collapsed to one space, trimmed. */
void	 dhtml_text(struct dstr *out, const xmlNode *n);
/* An element that HTML says has no content (img, embed, input...). */
int	 dhtml_is_void(const xmlNode *n);
/* Unlink and free. */
void	 dhtml_remove(xmlNode *n);
/* Replace n by its children. */
void	 dhtml_unwrap(xmlNode *n);

/*
 * Make ref absolute against base (may be NULL).  Returns a malloc'd URL,
 * or NULL when it is empty or unusable.
 */
char	*dhtml_resolve(const char *base, const char *ref);
/* The scheme of a URL in lower case into buf ("" when relative). */
void	 dhtml_scheme(const char *url, char *buf, size_t size);

/*
 * Serialise the children of n (not n itself) with libxml2's HTML
 * serialiser, in UTF-8, appending to out.
 */
void	 dhtml_dump_children(struct dstr *out, xmlDoc *doc, xmlNode *n);

/* Sanitise for offline pages (see export_html.c); defined there. */
enum {
	DSAN_LOCAL_ONLY	= 1 << 0,	/* no remote src: images become alt */
};
void	 dhtml_sanitize(xmlNode *root, const char *base_url, int flags);

/*
 * A fetch request for url with the fetch settings of `feed URL KEY VALUE`
 * (tags: the feed's, may be NULL) and the global directives, read into
 * *ps; the request borrows its strings (poll_settings_release(ps) once
 * fetcher_add() has copied them).
 */
struct config;
struct fetch_request;
struct poll_settings;
void	 docs_fetch_request(const struct config *, const char *url,
	    const char *tags, struct fetch_request *, struct poll_settings *);

/* A transaction helper: run sql (constants only) with no bindings. */
int	 docs_exec(struct store *, const char *sql, const char *what);

#endif
