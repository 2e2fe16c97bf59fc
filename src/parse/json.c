/*
 * json.c: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read
 * with jansson once the whole document is in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "internal.h"
#include "url.h"
#include "xalloc.h"

/* A string member, cut to max_field and cleaned; NULL if absent. */
static char *
str(struct feed_parser *p, json_t *obj, const char *key)
{
	const struct feed_limits *lim = feed_limits_of(p);
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t n;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	n = json_string_length(v);
	if (n > lim->max_field) {
		n = lim->max_field;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		feed_warn(p, "\"%s\" longer than %zu bytes, cut "
		    "(parse-max-field)", key, lim->max_field);
	}
	return feed_clean(s, n);
}

static char *
url(struct feed_parser *p, json_t *obj, const char *key, const char *base)
{
	char *u = str(p, obj, key), *r;

	if (u == NULL || base == NULL)
		return u;
	if ((r = url_resolve(base, u)) == NULL)
		return u;
	free(u);
	u = feed_clean(r, strlen(r));
	free(r);
	return u;
}

static int64_t
date(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? date_parse(json_string_value(v)) :
	    DATE_NONE;
}

/* authors[0].name (1.1), else author.name (1.0) */
static char *
author(struct feed_parser *p, json_t *obj)
{
	json_t *a = json_object_get(obj, "authors");
	char *s = NULL;
	size_t i;

	if (json_is_array(a))
		for (i = 0; i < json_array_size(a) && s == NULL; i++)
			s = str(p, json_array_get(a, i), "name");
	if (s == NULL && json_is_object(a = json_object_get(obj, "author")))
		s = str(p, a, "name");
	return s;
}

static char *
escape_text(char *t)
{
	struct dstr d = DSTR_INIT;

	if (t == NULL)
		return NULL;
	feed_html_escape(&d, t, strlen(t), 0);
	free(t);
	return dstr_detach(&d, NULL);
}

static int
item(struct feed_parser *p, json_t *o, const char *base)
{
	const struct feed_limits *lim = feed_limits_of(p);
	struct feed_item it;
	json_t *v, *a;
	char *s, *t, *base_html;
	size_t i;
	int rc;

	if (!json_is_object(o))
		return 0;
	if (feed_item_allowed(p) == -1)
		return -1;
	feed_item_init(&it);
	v = json_object_get(o, "id");
	if (json_is_string(v))
		it.id = str(p, o, "id");
	else if (json_is_integer(v)) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%lld",
		    (long long)json_integer_value(v));
		it.id = xstrdup(buf);
	}
	it.title = str(p, o, "title");
	it.link = url(p, o, "url", base);
	if (it.link == NULL)
		it.link = url(p, o, "external_url", base);
	it.summary = str(p, o, "summary");
	it.content = str(p, o, "content_html");
	if (it.content != NULL && base != NULL &&
	    (base_html = feed_html_resolve(it.content, strlen(it.content),
	    base)) != NULL) {
		free(it.content);
		it.content = base_html;
	}
	if (it.content == NULL)
		it.content = escape_text(str(p, o, "content_text"));
	it.published = date(o, "date_published");
	it.updated = date(o, "date_modified");
	it.author = author(p, o);
	a = json_object_get(o, "tags");
	for (i = 0; json_is_array(a) && i < json_array_size(a); i++) {
		if (it.ncategories >= lim->max_categories) {
			feed_warn(p, "more than %zu tags in an item, the rest "
			    "dropped (parse-max-categories)",
			    lim->max_categories);
			break;
		}
		v = json_array_get(a, i);
		if (json_is_string(v) && (s = feed_clean(json_string_value(v),
		    json_string_length(v))) != NULL) {
			feed_item_add_category(&it, s);
			free(s);
		}
	}
	a = json_object_get(o, "attachments");
	for (i = 0; json_is_array(a) && i < json_array_size(a); i++) {
		json_t *at = json_array_get(a, i), *sz;
		int64_t len = -1;

		if (it.nenclosures >= lim->max_enclosures) {
			feed_warn(p, "more than %zu attachments in an item, "
			    "the rest dropped (parse-max-enclosures)",
			    lim->max_enclosures);
			break;
		}
		if ((s = url(p, at, "url", base)) == NULL)
			continue;
		t = str(p, at, "mime_type");
		sz = json_object_get(at, "size_in_bytes");
		if (json_is_integer(sz) && json_integer_value(sz) >= 0)
			len = json_integer_value(sz);
		else if (json_is_real(sz) && json_real_value(sz) >= 0 &&
		    json_real_value(sz) < 9e18)
			len = (int64_t)json_real_value(sz);
		feed_item_add_enclosure(&it, s, t, len);
		free(s);
		free(t);
	}
	rc = feed_emit(p, &it);
	feed_item_release(&it);
	return rc;
}

int
feed_json_parse(struct feed_parser *p, const char *buf, size_t n)
{
	struct feed_meta *m = feed_meta_mut(p);
	json_error_t err;
	json_t *root, *items;
	const char *version;
	char *base;
	size_t i;
	int rc = 0;

	if ((root = json_loadb(buf, n, 0, &err)) == NULL)
		return feed_fail(p, "not a feed: invalid JSON (line %d: %s)",
		    err.line, err.text);
	version = json_string_value(json_object_get(root, "version"));
	if (!json_is_object(root) || version == NULL ||
	    (strncmp(version, "https://jsonfeed.org/version/1", 30) != 0 &&
	    strncmp(version, "http://jsonfeed.org/version/1", 29) != 0)) {
		json_decref(root);
		return feed_fail(p, "not a feed: JSON but not a JSON Feed "
		    "(no jsonfeed.org version)");
	}
	m->format = strstr(version, "/version/1.1") != NULL ? FEED_JSON11 :
	    FEED_JSON10;
	base = feed_base_url(p) != NULL ? xstrdup(feed_base_url(p)) :
	    str(p, root, "feed_url");
	m->title = str(p, root, "title");
	m->link = url(p, root, "home_page_url", base);
	m->description = str(p, root, "description");
	m->language = str(p, root, "language");
	m->author = author(p, root);
	items = json_object_get(root, "items");
	for (i = 0; json_is_array(items) && i < json_array_size(items); i++)
		if ((rc = item(p, json_array_get(items, i), base)) == -1)
			break;
	free(base);
	json_decref(root);
	return rc;
}
