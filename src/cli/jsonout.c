/* jsonout.c: archive records as JSON. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dstr.h"
#include "feed.h"
#include "jsonout.h"
#include "store.h"
#include "utf8.h"

json_t *
jsonout_str(const char *s)
{
	struct dstr d = DSTR_INIT;
	json_t *v;

	if (s == NULL)
		return json_null();
	if (utf8_valid(s, strlen(s)))
		return json_string(s);
	utf8_repair(&d, s, strlen(s));
	v = json_string(d.buf);
	dstr_release(&d);
	return v;
}

json_t *
jsonout_date(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char buf[32];

	if (t == DATE_NONE || gmtime_r(&tt, &tm) == NULL)
		return json_null();
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

json_t *
jsonout_article(const struct store_article *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "feed", jsonout_str(a->feed_title));
	json_object_set_new(o, "feed_url", jsonout_str(a->feed_url));
	json_object_set_new(o, "title", jsonout_str(a->title));
	json_object_set_new(o, "url", jsonout_str(a->url));
	json_object_set_new(o, "author", jsonout_str(a->author));
	json_object_set_new(o, "published", jsonout_date(a->published));
	json_object_set_new(o, "updated", jsonout_date(a->updated));
	json_object_set_new(o, "archived", jsonout_date(a->first_seen));
	json_object_set_new(o, "read", json_boolean(a->read));
	json_object_set_new(o, "starred", json_boolean(a->starred));
	if (a->snippet)
		json_object_set_new(o, "snippet", jsonout_str(a->snippet));
	return o;
}

json_t *
jsonout_feed(const struct store_feed *f)
{
	json_t *o = json_object(), *tags = json_array();
	const char *p, *q;

	for (p = f->tags; p && *p; p = *q ? q + 1 : q) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		json_array_append_new(tags, json_stringn(p, (size_t)(q - p)));
	}
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "url", jsonout_str(f->url));
	json_object_set_new(o, "title", jsonout_str(f->title));
	json_object_set_new(o, "site_url", jsonout_str(f->site_url));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "unread", json_integer(f->unread));
	json_object_set_new(o, "total", json_integer(f->total));
	json_object_set_new(o, "last_poll", jsonout_date(f->last_poll));
	json_object_set_new(o, "http_status",
	    f->http_status ? json_integer(f->http_status) : json_null());
	json_object_set_new(o, "last_error", jsonout_str(f->last_error));
	return o;
}

int
jsonout_print(json_t *v)
{
	int rc = json_dumpf(v, stdout, JSON_INDENT(1));

	json_decref(v);
	fputc('\n', stdout);
	return rc == 0 ? 0 : -1;
}
