/*
 * rss.c: what the elements of RSS 0.9x, 1.0 and 2.0 mean, and those of the
 * modules found in RSS and Atom feeds alike (Dublin Core, content, Media
 * RSS, XHTML).  Each table is sorted by name for bsearch().
 *
 * Priorities settle which element wins when several fill one field: the
 * higher one, else the first.  A channel's pubDate (no field of its own) is
 * a last resort for its updated date.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define F_BOTH	(M_FEED | M_ITEM)

static const struct feed_elem rss_elems[] = {
	{ "author", F_BOTH, ACT_FIELD, FLD_AUTHOR, 2, CAP_TEXT },
	{ "category", M_ITEM, ACT_FIELD, FLD_CATEGORY, 0, CAP_TEXT },
	{ "channel", M_ROOT, ACT_CHANNEL, FLD_NONE, 0, 0 },
	{ "description", F_BOTH, ACT_FIELD, FLD_SUMMARY, 2, CAP_HTML },
	{ "enclosure", M_ITEM, ACT_ENCLOSURE, FLD_NONE, 0, 0 },
	{ "fullitem", M_ITEM, ACT_FIELD, FLD_CONTENT, 1, CAP_HTML },
	{ "guid", M_ITEM, ACT_GUID, FLD_ID, 2, CAP_TEXT },
	{ "item", M_ROOT | M_FEED, ACT_ITEM, FLD_NONE, 0, 0 },
	{ "language", M_FEED, ACT_FIELD, FLD_LANGUAGE, 2, CAP_TEXT },
	{ "lastBuildDate", M_FEED, ACT_FIELD, FLD_UPDATED, 2, CAP_TEXT },
	{ "link", F_BOTH, ACT_FIELD, FLD_LINK, 4, CAP_TEXT },
	{ "managingEditor", M_FEED, ACT_FIELD, FLD_AUTHOR, 2, CAP_TEXT },
	{ "pubDate", F_BOTH, ACT_FIELD, FLD_PUBLISHED, 2, CAP_TEXT },
	{ "title", F_BOTH, ACT_FIELD, FLD_TITLE, 2, CAP_HTML },
};

/* http://purl.org/dc/elements/1.1/ */
static const struct feed_elem dc_elems[] = {
	{ "author", F_BOTH, ACT_FIELD, FLD_AUTHOR, 2, CAP_TEXT },
	{ "creator", F_BOTH, ACT_FIELD, FLD_AUTHOR, 3, CAP_TEXT },
	{ "date", F_BOTH, ACT_FIELD, FLD_UPDATED, 2, CAP_TEXT },
	{ "description", F_BOTH, ACT_FIELD, FLD_SUMMARY, 1, CAP_HTML },
	{ "language", M_FEED, ACT_FIELD, FLD_LANGUAGE, 2, CAP_TEXT },
	{ "subject", M_ITEM, ACT_FIELD, FLD_CATEGORY, 0, CAP_TEXT },
	{ "title", F_BOTH, ACT_FIELD, FLD_TITLE, 1, CAP_HTML },
};

/* http://purl.org/dc/terms/ */
static const struct feed_elem dcterms_elems[] = {
	{ "created", M_ITEM, ACT_FIELD, FLD_PUBLISHED, 0, CAP_TEXT },
	{ "issued", F_BOTH, ACT_FIELD, FLD_PUBLISHED, 1, CAP_TEXT },
	{ "modified", F_BOTH, ACT_FIELD, FLD_UPDATED, 1, CAP_TEXT },
};

/* http://purl.org/rss/1.0/modules/content/ */
static const struct feed_elem content_elems[] = {
	{ "encoded", M_ITEM, ACT_FIELD, FLD_CONTENT, 3, CAP_HTML },
};

/* http://search.yahoo.com/mrss/ */
static const struct feed_elem media_elems[] = {
	{ "content", M_ITEM, ACT_MEDIA, FLD_NONE, 0, 0 },
	{ "group", M_ITEM, ACT_GROUP, FLD_NONE, 0, 0 },
	{ "thumbnail", M_ITEM, ACT_MEDIA, FLD_NONE, 0, 0 },
};

/* http://www.itunes.com/dtds/podcast-1.0.dtd: last resorts */
static const struct feed_elem itunes_elems[] = {
	{ "author", F_BOTH, ACT_FIELD, FLD_AUTHOR, 1, CAP_TEXT },
	{ "summary", F_BOTH, ACT_FIELD, FLD_SUMMARY, 0, CAP_TEXT_HTML },
};

/* http://www.w3.org/1999/xhtml */
static const struct feed_elem xhtml_elems[] = {
	{ "body", M_ITEM, ACT_FIELD, FLD_CONTENT, 2, CAP_XML },
};

static int
cmp_elem(const void *key, const void *elem)
{
	return strcmp(key, ((const struct feed_elem *)elem)->name);
}

#define FIND(tab, name) \
	bsearch((name), (tab), sizeof(tab) / sizeof((tab)[0]), \
	    sizeof((tab)[0]), cmp_elem)

/* The modules, in any kind of feed. */
static const struct feed_elem *
find_module(enum feed_nsid ns, const char *name)
{
	switch (ns) {
	case NS_DC:
		return FIND(dc_elems, name);
	case NS_DCTERMS:
		return FIND(dcterms_elems, name);
	case NS_CONTENT:
		return FIND(content_elems, name);
	case NS_MEDIA:
		return FIND(media_elems, name);
	case NS_XHTML:
		return FIND(xhtml_elems, name);
	case NS_ITUNES:
		return FIND(itunes_elems, name);
	default:
		return NULL;
	}
}

const struct feed_elem *
feed_rss_find(enum feed_nsid ns, const char *name)
{
	switch (ns) {
	case NS_NONE:
	case NS_RSS:
	case NS_RSS10:
	case NS_RSS090:
		return FIND(rss_elems, name);
	case NS_ATOM10:
	case NS_ATOM03:
		return feed_atom_find(ns, name);
	default:
		return find_module(ns, name);
	}
}

const struct feed_elem *
feed_module_find(enum feed_nsid ns, const char *name)
{
	return find_module(ns, name);
}
