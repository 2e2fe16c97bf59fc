/*
 * feed.h: the feed model that the parser produces and the store keeps.
 *
 * All strings are valid UTF-8 (the parser guarantees it) or NULL when the
 * feed did not carry the field.  HTML fields (summary, content) hold markup;
 * the others hold decoded text.  Dates are seconds since the epoch (UTC) or
 * DATE_NONE when absent or unparseable.
 */
#ifndef DOSSIER_FEED_H
#define DOSSIER_FEED_H

#include <stddef.h>
#include <stdint.h>

#define DATE_NONE INT64_MIN

enum feed_format {
	FEED_UNKNOWN = 0,
	FEED_RSS09X,
	FEED_RSS10,
	FEED_RSS20,
	FEED_ATOM03,
	FEED_ATOM10,
	FEED_JSON10,
	FEED_JSON11,
};

struct enclosure {
	char	*url;
	char	*type;
	int64_t	 length;		/* -1 when unknown */
};

struct feed_item {
	char	*id;			/* guid / atom:id / JSON id */
	char	*title;
	char	*link;			/* absolute URL */
	char	*author;
	int64_t	 published;
	int64_t	 updated;
	char	*summary;		/* HTML */
	char	*content;		/* HTML */
	char	**categories;
	size_t	 ncategories;
	struct enclosure *enclosures;
	size_t	 nenclosures;
};

struct feed_meta {
	enum feed_format format;
	char	*title;
	char	*link;			/* the site, absolute */
	char	*description;
	char	*language;
	char	*author;
	int64_t	 updated;
};

/* "rss2.0", "atom1.0", ... as in `dossier parse` output; NULL for unknown. */
const char	*feed_format_name(enum feed_format);

void	 feed_item_init(struct feed_item *);
void	 feed_item_release(struct feed_item *);
void	 feed_item_add_category(struct feed_item *, const char *);
void	 feed_item_add_enclosure(struct feed_item *, const char *url,
	    const char *type, int64_t length);
void	 feed_meta_init(struct feed_meta *);
void	 feed_meta_release(struct feed_meta *);

#endif
