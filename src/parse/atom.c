/*
 * atom.c: what the elements of Atom 1.0 and 0.3 mean, and how their text
 * constructs (type="text|html|xhtml", 0.3's mode="escaped|xml|base64")
 * are read.  The table is sorted by name for bsearch().
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define F_BOTH	(M_FEED | M_ITEM)

static const struct feed_elem atom_elems[] = {
	{ "author", F_BOTH, ACT_PERSON, FLD_NONE, 0, 0 },
	{ "category", M_ITEM, ACT_ATOMCAT, FLD_CATEGORY, 0, 0 },
	{ "content", M_ITEM, ACT_ATOMTEXT, FLD_CONTENT, 3, 0 },
	{ "created", M_ITEM, ACT_FIELD, FLD_PUBLISHED, 0, CAP_TEXT },
	{ "email", M_PERSON, ACT_FIELD, FLD_EMAIL, 1, CAP_TEXT },
	{ "entry", M_FEED, ACT_ITEM, FLD_NONE, 0, 0 },
	{ "id", M_ITEM, ACT_FIELD, FLD_ID, 2, CAP_TEXT },
	{ "issued", M_ITEM, ACT_FIELD, FLD_PUBLISHED, 1, CAP_TEXT },
	{ "link", F_BOTH, ACT_ATOMLINK, FLD_LINK, 0, 0 },
	{ "modified", F_BOTH, ACT_FIELD, FLD_UPDATED, 1, CAP_TEXT },
	{ "name", M_PERSON, ACT_FIELD, FLD_AUTHOR, 3, CAP_TEXT },
	{ "published", F_BOTH, ACT_FIELD, FLD_PUBLISHED, 2, CAP_TEXT },
	{ "subtitle", M_FEED, ACT_ATOMTEXT, FLD_SUMMARY, 2, 0 },
	{ "summary", M_ITEM, ACT_ATOMTEXT, FLD_SUMMARY, 2, 0 },
	{ "tagline", M_FEED, ACT_ATOMTEXT, FLD_SUMMARY, 2, 0 },
	{ "title", F_BOTH, ACT_ATOMTEXT, FLD_TITLE, 2, 0 },
	{ "updated", F_BOTH, ACT_FIELD, FLD_UPDATED, 2, CAP_TEXT },
};

static int
cmp_elem(const void *key, const void *elem)
{
	return strcmp(key, ((const struct feed_elem *)elem)->name);
}

const struct feed_elem *
feed_atom_find(enum feed_nsid ns, const char *name)
{
	switch (ns) {
	case NS_NONE:
	case NS_ATOM10:
	case NS_ATOM03:
		return bsearch(name, atom_elems,
		    sizeof(atom_elems) / sizeof(atom_elems[0]),
		    sizeof(atom_elems[0]), cmp_elem);
	default:
		return feed_module_find(ns, name);
	}
}

static int
is_html_type(const char *t)
{
	return strcasecmp(t, "html") == 0 || strcasecmp(t, "text/html") == 0;
}

static int
is_text_type(const char *t)
{
	return strcasecmp(t, "text") == 0 || strcasecmp(t, "text/plain") == 0;
}

static int
is_xml_type(const char *t)
{
	size_t n = strlen(t);

	return (n > 4 && strcasecmp(t + n - 4, "+xml") == 0) ||
	    (n > 4 && strcasecmp(t + n - 4, "/xml") == 0);
}

enum feed_capmode
feed_atom_mode(int atom03, const char *type, const char *mode, int html_field)
{
	enum feed_capmode text = html_field ? CAP_TEXT_HTML : CAP_TEXT;

	if (type == NULL)
		type = "";
	if (atom03) {
		/* type is a MIME type (text/plain by default) */
		if (mode != NULL && strcasecmp(mode, "base64") == 0)
			return CAP_BASE64;
		if (mode != NULL && strcasecmp(mode, "escaped") == 0)
			return is_text_type(type) ? text : CAP_HTML;
		/* mode="xml", the default: inline content */
		if (*type == '\0' || is_html_type(type))
			return CAP_HTML;
		if (is_text_type(type))
			return text;
		return CAP_XML;
	}
	if (*type == '\0' || is_text_type(type))
		return text;
	if (is_html_type(type))
		return CAP_HTML;
	if (strcasecmp(type, "xhtml") == 0)
		return CAP_XHTML;
	if (is_xml_type(type))
		return CAP_XML;
	if (strncasecmp(type, "text/", 5) == 0)
		return text;
	return CAP_BASE64;
}
