/* feed.c: constructors and destructors of the feed model. */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "xalloc.h"

const char *
feed_format_name(enum feed_format f)
{
	switch (f) {
	case FEED_RSS09X:	return "rss0.9x";
	case FEED_RSS10:	return "rss1.0";
	case FEED_RSS20:	return "rss2.0";
	case FEED_ATOM03:	return "atom0.3";
	case FEED_ATOM10:	return "atom1.0";
	case FEED_JSON10:	return "json1.0";
	case FEED_JSON11:	return "json1.1";
	case FEED_UNKNOWN:	break;
	}
	return NULL;
}

void
feed_item_init(struct feed_item *it)
{
	memset(it, 0, sizeof(*it));
	it->published = it->updated = DATE_NONE;
}

void
feed_item_release(struct feed_item *it)
{
	size_t i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	feed_item_init(it);
}

void
feed_item_add_category(struct feed_item *it, const char *c)
{
	it->categories = xreallocarray(it->categories, it->ncategories + 1,
	    sizeof(*it->categories));
	it->categories[it->ncategories++] = xstrdup(c);
}

void
feed_item_add_enclosure(struct feed_item *it, const char *url,
    const char *type, int64_t length)
{
	struct enclosure *e;

	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof(*it->enclosures));
	e = &it->enclosures[it->nenclosures++];
	e->url = xstrdup(url);
	e->type = xstrdup_or_null(type);
	e->length = length;
}

void
feed_meta_init(struct feed_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->updated = DATE_NONE;
}

void
feed_meta_release(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->description);
	free(m->language);
	free(m->author);
	feed_meta_init(m);
}
