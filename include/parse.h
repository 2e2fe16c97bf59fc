/*
 * parse.h: the feed parser.
 *
 * Reads RSS 0.90/0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 and JSON
 * Feed 1.0/1.1 and produces a struct feed_meta and one struct feed_item per
 * entry (see feed.h for the model and the mapping conventions).
 *
 * It is a push parser: give it the bytes as they arrive with
 * feed_parser_push(), then call feed_parser_finish().  Each item is handed
 * to the callback when its end tag has been read, then freed, so memory
 * grows with the largest item, not with the document (JSON Feed is the
 * exception: it is buffered, within max_bytes, and parsed at the end).
 *
 *	p = feed_parser_new(url, NULL, on_item, ctx);
 *	... for each chunk received:
 *		if (feed_parser_push(p, buf, n) == -1)
 *			give up (feed_parser_errmsg(p) says why)
 *	... at the end:
 *	if (feed_parser_finish(p) == -1)
 *		warnx("%s", feed_parser_errmsg(p));
 *	meta = feed_parser_meta(p);
 *	feed_parser_free(p);
 *
 * Every string that leaves the parser is valid UTF-8 without control
 * characters other than newline and tab (utf8_sanitize()).  Relative URLs
 * (links, enclosures, and href/src attributes inside HTML content) are
 * resolved against xml:base, else the feed's own URL.  Ill-formed XML is
 * recovered as far as it can be; what was wrong is kept as warnings.
 * Entities declared in a document's DTD are never expanded (HTML's named
 * entities are known without one).  Time and memory stay linear in the
 * input: besides the limits below, a start tag keeps at most 100
 * attributes.  Nothing here prints, exits or touches the network or the
 * file system.
 */
#ifndef DOSSIER_PARSE_H
#define DOSSIER_PARSE_H

#include <stddef.h>

#include "feed.h"

/*
 * The limits, with the config key that sets each (see fetch.h,
 * feed_limits_get()): the message when one is hit names the key.  Hitting
 * max_bytes, max_items or max_depth fails the parse; a longer field is cut,
 * further categories and enclosures are dropped, each with a warning.
 */
struct feed_limits {
	size_t	 max_bytes;	/* input size (max-size) */
	size_t	 max_items;	/* items in a document (parse-max-items) */
	unsigned max_depth;	/* element nesting (parse-max-depth) */
	size_t	 max_field;	/* bytes per field (parse-max-field) */
	size_t	 max_categories; /* per item (parse-max-categories) */
	size_t	 max_enclosures; /* per item (parse-max-enclosures) */
};

#define FEED_MAX_BYTES	(32u * 1024 * 1024)
#define FEED_MAX_ITEMS	100000u
#define FEED_MAX_DEPTH	256u
#define FEED_MAX_FIELD	(4u * 1024 * 1024)
#define FEED_MAX_CATEGORIES	256u
#define FEED_MAX_ENCLOSURES	64u
#define FEED_MAX_WARNINGS 50	/* warnings kept; the rest are counted */

void	 feed_limits_default(struct feed_limits *);

/*
 * Called once per item, in document order.  The item is borrowed: copy
 * what you keep.  Return 0 to go on, -1 to stop the parse (the push or
 * finish that called you then fails with "stopped by the caller").
 */
typedef int (*feed_item_fn)(void *ctx, const struct feed_item *item);

struct feed_parser;

/*
 * feed_url: where the feed came from, the base for relative URLs (may be
 * NULL).  limits: NULL for the defaults.  fn may be NULL.
 */
struct feed_parser *feed_parser_new(const char *feed_url,
	    const struct feed_limits *limits, feed_item_fn fn, void *ctx);
/* Returns 0, or -1 on a fatal error (see feed_parser_errmsg()). */
int	 feed_parser_push(struct feed_parser *, const char *buf, size_t len);
/*
 * End of input.  Returns 0 when a feed was read (perhaps with warnings), -1
 * when it was not a feed (empty, HTML, other XML or JSON), a limit was hit,
 * the callback stopped it, or an earlier push failed.
 */
int	 feed_parser_finish(struct feed_parser *);
/* Push everything read from fd, then finish.  Same result as finish. */
int	 feed_parser_read_fd(struct feed_parser *, int fd);

/* The feed's own fields; complete after feed_parser_finish(). */
const struct feed_meta *feed_parser_meta(const struct feed_parser *);
/* Number of items passed to the callback so far. */
size_t	 feed_parser_nitems(const struct feed_parser *);
/* One line saying what went wrong; "" before any error. */
const char *feed_parser_errmsg(const struct feed_parser *);

/*
 * Problems that were recovered from, e.g. "line 12: undefined entity".
 * At most FEED_MAX_WARNINGS are kept (then one saying how many more);
 * feed_parser_warning() returns NULL when i is out of range.
 */
size_t	 feed_parser_nwarnings(const struct feed_parser *);
const char *feed_parser_warning(const struct feed_parser *, size_t i);

/*
 * When the input was an HTML page: the feeds it advertises with
 * <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">,
 * resolved against the page's URL, RSS and Atom first.  Valid after
 * feed_parser_finish().
 */
size_t	 feed_parser_nalternates(const struct feed_parser *);
const char *feed_parser_alternate(const struct feed_parser *, size_t i);

void	 feed_parser_free(struct feed_parser *);

#endif
