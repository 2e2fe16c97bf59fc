/*
 * test_parse.c: the feed parser (parse.h), on the fixtures of
 * tests/data/parse/ (one per format and per quirk) and on documents built
 * here (limits, attacks).  Every fixture is also pushed one byte at a time
 * and in odd chunks, which must change nothing.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "dstr.h"
#include "parse.h"
#include "tap.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

#ifndef PARSE_DATADIR
#define PARSE_DATADIR "tests/data/parse"
#endif

#define MAXITEMS 64

/* A copy of what the parser handed over. */
struct res {
	int	 rc;
	char	*err;
	int	 format;
	char	*title, *link, *desc, *lang, *author;
	int64_t	 updated;
	size_t	 nitems;		/* all, even past MAXITEMS */
	struct it {
		char	*id, *title, *link, *author, *summary, *content;
		int64_t	 published, updated;
		char	*cats;		/* "a|b" */
		char	*encs;		/* "url type length;..." */
	} items[MAXITEMS];
	size_t	 nwarn;
	char	*warn0;
	size_t	 nalts;
	char	*alts;			/* "a, b" */
	int	 stop_at;		/* the callback stops here */
	int	 all_clean;		/* every string valid and clean */
};

static int
clean(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	if (!utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' &&
		    s[i] != '\t') || s[i] == 0x7F)
			return 0;
	return 1;
}

static char *
dup_clean(struct res *r, const char *s)
{
	if (!clean(s))
		r->all_clean = 0;
	return xstrdup_or_null(s);
}

static int
on_item(void *ctx, const struct feed_item *it)
{
	struct res *r = ctx;
	struct it *c;
	struct dstr d = DSTR_INIT;
	size_t i;

	if (r->stop_at > 0 && (int)r->nitems + 1 == r->stop_at)
		return -1;
	if (r->nitems++ >= MAXITEMS)
		return 0;
	c = &r->items[r->nitems - 1];
	c->id = dup_clean(r, it->id);
	c->title = dup_clean(r, it->title);
	c->link = dup_clean(r, it->link);
	c->author = dup_clean(r, it->author);
	c->summary = dup_clean(r, it->summary);
	c->content = dup_clean(r, it->content);
	c->published = it->published;
	c->updated = it->updated;
	for (i = 0; i < it->ncategories; i++) {
		if (!clean(it->categories[i]))
			r->all_clean = 0;
		dstr_addf(&d, "%s%s", i ? "|" : "", it->categories[i]);
	}
	c->cats = dstr_detach(&d, NULL);
	for (i = 0; i < it->nenclosures; i++) {
		if (!clean(it->enclosures[i].url) ||
		    !clean(it->enclosures[i].type))
			r->all_clean = 0;
		dstr_addf(&d, "%s %s %lld;", it->enclosures[i].url,
		    it->enclosures[i].type ? it->enclosures[i].type : "-",
		    (long long)it->enclosures[i].length);
	}
	c->encs = dstr_detach(&d, NULL);
	return 0;
}

static void
res_free(struct res *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nitems && i < MAXITEMS; i++) {
		struct it *c = &r->items[i];

		free(c->id); free(c->title); free(c->link); free(c->author);
		free(c->summary); free(c->content); free(c->cats);
		free(c->encs);
	}
	free(r->err); free(r->title); free(r->link); free(r->desc);
	free(r->lang); free(r->author); free(r->warn0); free(r->alts);
	free(r);
}

/* Parse buf pushed in pieces of chunk bytes (0: at once). */
static struct res *
parse_ex(const char *buf, size_t len, const char *url, size_t chunk,
    const struct feed_limits *lim, int stop_at)
{
	struct res *r = xcalloc(1, sizeof(*r));
	struct feed_parser *p;
	const struct feed_meta *m;
	struct dstr d = DSTR_INIT;
	size_t off = 0, k, i;

	r->all_clean = 1;
	r->stop_at = stop_at;
	p = feed_parser_new(url, lim, on_item, r);
	if (chunk == 0)
		chunk = len > 0 ? len : 1;
	r->rc = 0;
	while (off < len) {
		k = len - off < chunk ? len - off : chunk;
		if (feed_parser_push(p, buf + off, k) == -1) {
			r->rc = -1;
			break;
		}
		off += k;
	}
	if (feed_parser_finish(p) == -1)
		r->rc = -1;
	r->err = xstrdup(feed_parser_errmsg(p));
	m = feed_parser_meta(p);
	r->format = m->format;
	r->title = dup_clean(r, m->title);
	r->link = dup_clean(r, m->link);
	r->desc = dup_clean(r, m->description);
	r->lang = dup_clean(r, m->language);
	r->author = dup_clean(r, m->author);
	r->updated = m->updated;
	r->nwarn = feed_parser_nwarnings(p);
	r->warn0 = xstrdup_or_null(feed_parser_warning(p, 0));
	for (i = 0; i < r->nwarn; i++)
		if (!clean(feed_parser_warning(p, i)))
			r->all_clean = 0;
	if (feed_parser_warning(p, r->nwarn) != NULL)
		r->all_clean = 0;
	r->nalts = feed_parser_nalternates(p);
	for (i = 0; i < r->nalts; i++)
		dstr_addf(&d, "%s%s", i ? ", " : "",
		    feed_parser_alternate(p, i));
	r->alts = dstr_detach(&d, NULL);
	if (!clean(r->err))
		r->all_clean = 0;
	feed_parser_free(p);
	return r;
}

static struct res *
parse_mem(const char *buf, size_t len, const char *url, size_t chunk)
{
	return parse_ex(buf, len, url, chunk, NULL, 0);
}

static char *
slurp(const char *name, size_t *len)
{
	struct dstr d = DSTR_INIT;
	char path[512], buf[4096];
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", PARSE_DATADIR, name);
	if ((fp = fopen(path, "rb")) == NULL) {
		diag("cannot open %s", path);
		*len = 0;
		return xstrdup("");
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, len);
}

static struct res *
parse_file(const char *name, const char *url)
{
	struct res *r;
	size_t len;
	char *buf = slurp(name, &len);

	r = parse_mem(buf, len, url, 0);
	free(buf);
	return r;
}

static const char *
fmt_date(int64_t t, char *buf)
{
	if (t == DATE_NONE)
		return NULL;
	date_format(t, buf);
	return buf;
}

/* Everything in r, as one string, to compare two parses. */
static char *
dump(const struct res *r)
{
	struct dstr d = DSTR_INIT;
	size_t i;

#define S(x)	((x) ? (x) : "(null)")
	dstr_addf(&d, "rc=%d err=%s fmt=%d title=%s link=%s desc=%s lang=%s "
	    "author=%s updated=%lld n=%zu alts=%s\n", r->rc, r->err, r->format,
	    S(r->title), S(r->link), S(r->desc), S(r->lang), S(r->author),
	    (long long)r->updated, r->nitems, r->alts);
	for (i = 0; i < r->nitems && i < MAXITEMS; i++) {
		const struct it *c = &r->items[i];

		dstr_addf(&d, "%s|%s|%s|%s|%s|%s|%lld|%lld|%s|%s\n", S(c->id),
		    S(c->title), S(c->link), S(c->author), S(c->summary),
		    S(c->content), (long long)c->published,
		    (long long)c->updated, c->cats, c->encs);
	}
#undef S
	return dstr_detach(&d, NULL);
}

static void
t_rss20(void)
{
	struct res *r = parse_file("rss20.xml", NULL);
	char b[DATE_BUFSZ];

	is_int(r->rc, 0, "rss20: parsed");
	is_str(feed_format_name(r->format), "rss2.0", "rss20: format");
	is_str(r->title, "Example & Co", "rss20: feed title (not the image's)");
	is_str(r->link, "https://example.com/", "rss20: feed link");
	is_str(r->desc, "News from <b>Example</b>", "rss20: description");
	is_str(r->lang, "en-us", "rss20: language");
	is_str(fmt_date(r->updated, b), "2025-02-25T10:00:00Z",
	    "rss20: lastBuildDate -> updated");
	is_str(r->author, "editor@example.com (Ed)", "rss20: managingEditor");
	is_int(r->nitems, 3, "rss20: three items");
	is_str(r->items[0].id, "post-1", "rss20: guid -> id");
	is_str(r->items[0].title, "First post", "rss20: title");
	is_str(r->items[0].link, "https://example.com/1", "rss20: link");
	is_str(r->items[0].author, "Alice", "rss20: dc:creator over author");
	is_str(fmt_date(r->items[0].published, b), "2025-02-24T08:30:00Z",
	    "rss20: pubDate -> published, zone applied");
	ok(r->items[0].updated == DATE_NONE, "rss20: no updated");
	is_str(r->items[0].summary, "<p>Summary &amp; more</p>",
	    "rss20: description -> summary (HTML)");
	is_str(r->items[0].content, "<p>Full <b>text</b> & more</p>",
	    "rss20: content:encoded (CDATA) -> content");
	is_str(r->items[0].cats, "news|tech", "rss20: categories, no repeats");
	is_str(r->items[0].encs, "https://example.com/1.mp3 audio/mpeg 12345;"
	    "https://example.com/1.jpg image/jpeg 99;",
	    "rss20: enclosure and media:content, no repeats");
	is_str(r->items[1].link, "https://example.com/2",
	    "rss20: permalink guid -> link");
	is_str(fmt_date(r->items[1].updated, b), "2025-02-25T08:00:00Z",
	    "rss20: dc:date -> updated");
	is_str(r->items[1].encs, "https://example.com/2.png - -1;",
	    "rss20: media:thumbnail in media:group");
	is_str(r->items[2].link, "https://example.com/3",
	    "rss20: atom:link over a permalink guid");
	is_str(r->items[2].id, "https://example.com/3-guid", "rss20: its id");
	is_str(r->items[2].author, "Podcaster", "rss20: itunes:author");
	is_str(r->items[2].summary, "Plain &lt;summary&gt;",
	    "rss20: itunes:summary, text to HTML");
	is_int(r->nwarn, 0, "rss20: no warnings");
	ok(r->all_clean, "rss20: clean strings");
	res_free(r);
}

static void
t_rss_old(void)
{
	struct res *r;
	char b[DATE_BUFSZ];

	r = parse_file("rss091.xml", NULL);
	is_int(r->rc, 0, "rss091: parsed (DOCTYPE, ISO-8859-1)");
	is_str(feed_format_name(r->format), "rss0.9x", "rss091: format");
	is_str(r->items[0].summary, "It is old.", "rss091: item");
	res_free(r);

	r = parse_file("rss10.xml", NULL);
	is_str(feed_format_name(r->format), "rss1.0", "rss10: format");
	is_str(r->title, "RDF feed", "rss10: title");
	is_str(r->lang, "de", "rss10: dc:language");
	is_str(fmt_date(r->updated, b), "2025-01-02T02:04:05Z",
	    "rss10: dc:date");
	is_int(r->nitems, 1, "rss10: the item outside the channel");
	is_str(r->items[0].id, "http://rdf.example.com/1", "rss10: rdf:about");
	is_str(r->items[0].author, "Bob", "rss10: dc:creator");
	is_str(r->items[0].cats, "rdf", "rss10: dc:subject");
	res_free(r);

	r = parse_file("rss090.xml", NULL);
	is_str(feed_format_name(r->format), "rss0.9x", "rss090: format");
	is_str(r->items[0].title, "Item 0.90", "rss090: item");
	res_free(r);
}

static void
t_atom(void)
{
	struct res *r = parse_file("atom10.xml", NULL);
	char b[DATE_BUFSZ];

	is_str(feed_format_name(r->format), "atom1.0", "atom10: format");
	is_str(r->title, "Atom & Eve", "atom10: text title decoded");
	is_str(r->desc, "<em>A</em> feed", "atom10: subtitle html");
	is_str(r->link, "https://atom.example.com/",
	    "atom10: link without rel is the alternate");
	is_str(r->lang, "en-GB", "atom10: root xml:lang, _ -> -");
	is_str(r->author, "Carol", "atom10: author name");
	is_str(fmt_date(r->updated, b), "2025-02-25T10:00:00Z",
	    "atom10: updated");
	is_int(r->nitems, 2, "atom10: two entries");
	is_str(r->items[0].title, "<b>Bold</b> move",
	    "atom10: html title kept");
	is_str(r->items[0].link, "https://atom.example.com/1",
	    "atom10: rel=alternate, not related");
	is_str(r->items[0].id, "urn:uuid:1", "atom10: id (not the source's)");
	is_str(fmt_date(r->items[0].published, b), "2025-02-24T15:00:00Z",
	    "atom10: published");
	is_str(fmt_date(r->items[0].updated, b), "2025-02-25T10:00:00Z",
	    "atom10: updated, fraction dropped");
	is_str(r->items[0].author, "dave@example.com",
	    "atom10: email when no name");
	is_str(r->items[0].cats, "atom|Label only", "atom10: category term");
	is_str(r->items[0].summary, "Less &lt;than&gt; more",
	    "atom10: text summary escaped to HTML");
	is_str(r->items[0].content, "<p>Hello <a href=\"https://x.example/?a=1"
	    "&amp;b=2\" title=\"&quot;q&quot;\">world</a><br /></p>",
	    "atom10: xhtml content, div dropped, serialised");
	is_str(r->items[0].encs, "https://atom.example.com/1.mp4 video/mp4 "
	    "42301;", "atom10: rel=enclosure");
	is_str(r->items[1].title, "Second <entry>", "atom10: text title");
	is_str(r->items[1].content, "<p>HTML content</p>", "atom10: html");
	is_str(r->items[1].author, "Eve", "atom10: entry author");
	ok(r->all_clean, "atom10: clean strings");
	res_free(r);

	r = parse_file("atom03.xml", NULL);
	is_str(feed_format_name(r->format), "atom0.3", "atom03: format");
	is_str(r->title, "Atom &lt;0.3&gt;", "atom03: escaped html title");
	is_str(r->desc, "An old Atom", "atom03: tagline");
	is_str(fmt_date(r->updated, b), "2004-01-01T19:48:21Z",
	    "atom03: modified -> updated");
	is_str(r->items[0].title, "Example <b>Atom</b>", "atom03: base64");
	is_str(fmt_date(r->items[0].published, b), "2003-12-31T10:14:55Z",
	    "atom03: issued -> published (over created)");
	is_str(r->items[0].summary, "<div>Kept <i>div</i></div>",
	    "atom03: mode=xml keeps the div");
	is_str(r->items[0].content, "<p>Escaped</p>", "atom03: mode=escaped");
	res_free(r);
}

static void
t_json(void)
{
	struct res *r = parse_file("json11.json", NULL);
	char b[DATE_BUFSZ];

	is_int(r->rc, 0, "json11: parsed");
	is_str(feed_format_name(r->format), "json1.1", "json11: format");
	is_str(r->title, "JSON & friends", "json11: title");
	is_str(r->link, "https://json.example.com/", "json11: home_page_url");
	is_str(r->lang, "fr", "json11: language");
	is_str(r->author, "Grace", "json11: authors[0]");
	is_str(r->items[0].link, "https://json.example.com/posts/1",
	    "json11: url resolved against feed_url");
	is_str(r->items[0].content, "<p>Hello <a href=\"https://json.example."
	    "com/x\">x</a></p>", "json11: content_html, URLs resolved");
	is_str(r->items[0].summary, "Short", "json11: summary");
	is_str(fmt_date(r->items[0].published, b), "2025-02-24T09:00:00Z",
	    "json11: date_published");
	is_str(fmt_date(r->items[0].updated, b), "2025-02-25T10:00:00Z",
	    "json11: date_modified");
	is_str(r->items[0].author, "Heidi", "json11: item author");
	is_str(r->items[0].cats, "a|b", "json11: tags");
	is_str(r->items[0].encs, "https://json.example.com/1.mp3 audio/mpeg "
	    "1000;", "json11: attachments");
	is_str(r->items[1].id, "2", "json11: numeric id");
	is_str(r->items[1].link, "https://elsewhere.example/2",
	    "json11: external_url");
	is_str(r->items[1].content, "Plain &lt;text&gt; &amp; more",
	    "json11: content_text escaped");
	res_free(r);

	r = parse_file("json10.json", NULL);
	is_str(feed_format_name(r->format), "json1.0", "json10: format");
	is_str(r->author, "Ivan", "json10: author.name");
	is_int(r->nitems, 1, "json10: one item");
	res_free(r);
}

static void
t_namespaces(void)
{
	struct res *r = parse_file("namespaces.xml", NULL);
	char b[DATE_BUFSZ];

	is_str(feed_format_name(r->format), "rss2.0", "ns: format");
	is_str(r->title, "Prefixed", "ns: prefixed RSS namespace");
	is_str(r->lang, "nl", "ns: dc under another prefix");
	is_str(r->items[0].title, "Right title", "ns: other:title ignored");
	is_str(r->items[0].summary, "Right description",
	    "ns: other:description ignored");
	is_str(r->items[0].author, "Judy", "ns: x:creator");
	is_str(r->items[0].content, "<p>content</p>", "ns: c:encoded");
	is_str(r->items[0].link, "https://ns.example/1", "ns: a:link");
	is_str(fmt_date(r->items[0].updated, b), "2025-02-25T10:00:00Z",
	    "ns: a:updated");
	res_free(r);
}

static void
t_base(void)
{
	struct res *r = parse_file("xmlbase.xml", "http://ignored.example/");

	is_str(r->link, "http://base.example.com/blog/", "base: feed link");
	is_str(r->items[0].link, "http://base.example.com/blog/posts/one.html",
	    "base: nested xml:base");
	is_str(r->items[0].encs, "http://base.example.com/blog/media/one.mp3 "
	    "audio/mpeg -1;", "base: enclosure");
	is_str(r->items[0].content, "<a href=\"http://base.example.com/content"
	    "/x.html\">x</a> <img src=\"http://base.example.com/content/i/y.png"
	    "\" alt=\"\" /> <a href=\"https://abs.example/\">abs</a> <span "
	    "xml:base=\"http://other.example/dir/\"><a href=\"http://other."
	    "example/dir/z\">z</a></span>", "base: inside XHTML content");
	is_str(r->items[0].summary, "<a href=\"http://base.example.com/blog/"
	    "posts/s.html\">s</a> <img src=\"http://base.example.com/pic."
	    "png\">",
	    "base: inside escaped HTML");
	is_str(r->items[1].link, "http://base.example.com/two",
	    "base: the feed's xml:base");
	res_free(r);

	r = parse_file("relative.xml", NULL);
	is_str(r->items[0].link, "posts/1", "relative: no base, kept");
	res_free(r);
	r = parse_file("relative.xml", "http://feeds.example.org/dir/feed.xml");
	is_str(r->link, "http://feeds.example.org/", "relative: feed URL");
	is_str(r->items[0].link, "http://feeds.example.org/dir/posts/1",
	    "relative: item link against the feed URL");
	is_str(r->items[0].summary,
	    "<a href=\"http://feeds.example.org/a\">a</a>",
	    "relative: in the description");
	is_str(r->items[0].encs, "http://feeds.example.org/dir/media/1.mp3 "
	    "audio/mpeg -1;", "relative: enclosure, bad length");
	res_free(r);
}

static void
t_text(void)
{
	struct res *r;

	r = parse_file("entities.xml", NULL);
	is_int(r->rc, 0, "entities: parsed");
	is_str(r->title, "Caf\xc3\xa9\xc2\xa0\xe2\x80\x94 \xe2\x80\x9cquoted"
	    "\xe2\x80\x9d & &doesnotexist; \xe2\x80\x99 \xe2\x80\x99 \xe2\x80"
	    "\x93 A", "entities: HTML entities, unknown kept, C1 as cp1252");
	is_str(r->items[0].title, "AT&T &copy 2025", "entities: bare &");
	is_str(r->items[0].link, "http://example.com/?a=1&b=2&c=3",
	    "entities: bare & in a link");
	is_str(r->items[0].summary, "<p>Caf\xc3\xa9 &eacute;</p>",
	    "entities: in escaped HTML");
	res_free(r);

	r = parse_file("cdata.xml", NULL);
	is_str(r->title, "Tom & Jerry <3", "cdata: title");
	is_str(r->items[0].summary,
	    "<p>Some <em>HTML</em> &amp; &eacute;</p>", "cdata: HTML kept");
	is_str(r->items[0].content, "<div>]]>", "cdata: split sections");
	res_free(r);

	r = parse_file("cp1252.xml", NULL);
	is_str(r->title, "\xe2\x80\x9cQuoted\xe2\x80\x9d caf\xc3\xa9 "
	    "\xe2\x82\xac \xe2\x80\xa6", "cp1252: ISO-8859-1 read as cp1252");
	is_str(r->items[0].title, "Na\xc3\xafve \xe2\x80\x93 dash",
	    "cp1252: item");
	res_free(r);

	r = parse_file("badutf8.xml", NULL);
	is_int(r->rc, 0, "badutf8: parsed");
	is_str(r->title, "caf\xc3\xa9 and caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80"
	    "\x9d", "badutf8: bad bytes read as cp1252");
	is_int(r->nitems, 2, "badutf8: both items");
	is_str(r->items[1].title, "after", "badutf8: the one after");
	ok(r->all_clean, "badutf8: valid UTF-8 out");
	res_free(r);

	r = parse_file("cp1251.xml", NULL);
	is_str(r->title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
	    "cp1251: iconv");
	res_free(r);

	r = parse_file("utf16le.xml", NULL);
	is_str(r->title, "UTF-16 \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80",
	    "utf16le: BOM");
	is_str(r->items[0].title, "Item \xc3\xbc", "utf16le: item");
	res_free(r);
	r = parse_file("utf16be.xml", NULL);
	is_str(r->title, "UTF-16 \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80",
	    "utf16be: BOM");
	res_free(r);

	/* controls, C1, bidi overrides */
	{
		static const char doc[] = "<rss><channel><title>a\x01"
		    "b\x1b[31m\xc2\x85 \xe2\x80\xae" "evil&#7;&#x202E;\tx"
		    "</title></channel></rss>";

		r = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
		is_str(r->title, "ab[31m\xe2\x80\xa6 evil\tx",
		    "controls and bidi removed, C1 as cp1252");
		ok(r->all_clean, "controls: clean");
		res_free(r);
	}
}

static void
t_illformed(void)
{
	struct res *r = parse_file("illformed.xml", NULL);

	is_int(r->rc, 0, "illformed: recovered");
	is_int(r->nitems, 4, "illformed: every item");
	is_str(r->items[0].title, "One <b>bold</b>", "illformed: 1st title");
	is_str(r->items[0].link, "http://example.com/1",
	    "illformed: 1st link after the unclosed <b>");
	is_str(r->items[1].title, "Two & a half", "illformed: 2nd");
	is_str(r->items[1].link, "http://example.com/2", "illformed: 2nd link");
	is_str(r->items[2].title, "Three", "illformed: 3rd");
	is_str(r->items[3].title, "Cut off", "illformed: cut at the end");
	ok(r->nwarn > 0, "illformed: warnings");
	ok(r->warn0 != NULL && strncmp(r->warn0, "line 6: ", 8) == 0,
	    "illformed: a warning names its line");
	res_free(r);

	/* items open at the end */
	{
		static const char doc[] = "<rss><channel><item><title>A"
		    "</title></item><item><title>B</title><link>http://b";

		r = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
		is_int(r->rc, 0, "truncated: parsed");
		is_int(r->nitems, 2, "truncated: the cut item kept");
		is_str(r->items[1].link, "http://b", "truncated: its link");
		res_free(r);
	}
}

static void
t_not_feeds(void)
{
	struct res *r;

	r = parse_file("empty.xml", NULL);
	is_int(r->rc, -1, "empty: error");
	is_str(r->err, "not a feed: an empty document", "empty: message");
	res_free(r);
	r = parse_file("blank.xml", NULL);
	is_str(r->err, "not a feed: an empty document", "blank: message");
	res_free(r);

	r = parse_file("page.html", "https://blog.example.com/2025/post.html");
	is_int(r->rc, -1, "html: error");
	is_str(r->alts, "https://blog.example.com/atom.xml?a=1&b=2, "
	    "https://cdn.example.com/rss.xml, https://blog.example.com/feed."
	    "json", "html: alternates, resolved, RSS/Atom first");
	is_str(r->err, "not a feed: an HTML page; it advertises: https://blog."
	    "example.com/atom.xml?a=1&b=2, https://cdn.example.com/rss.xml, "
	    "https://blog.example.com/feed.json", "html: message lists them");
	res_free(r);
	{
		static const char doc[] = "<!doctype html><html><head>"
		    "<title>x</title></head><body>no feeds</body></html>";

		r = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
		is_str(r->err, "not a feed: an HTML page", "html: no feeds");
		res_free(r);
	}
	{
		static const char doc[] = "<?xml version=\"1.0\"?>\n<html "
		    "xmlns=\"http://www.w3.org/1999/xhtml\"><head><base href="
		    "\"http://x.example/d/\"/><link rel=\"alternate\" type="
		    "\"application/atom+xml\" href=\"a.xml\"/></head></html>";

		r = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
		is_str(r->err, "not a feed: an HTML page; it advertises: "
		    "http://x.example/d/a.xml", "xhtml: alternates");
		res_free(r);
	}

	r = parse_file("notfeed.json", NULL);
	is_int(r->rc, -1, "json: not a JSON Feed");
	ok(strncmp(r->err, "not a feed: JSON", 16) == 0, "json: message");
	res_free(r);
	{
		r = parse_mem("{\"version\": ", 12, NULL, 0);
		ok(strncmp(r->err, "not a feed: invalid JSON", 24) == 0,
		    "json: invalid");
		res_free(r);
	}
	r = parse_file("notfeed.xml", NULL);
	is_str(r->err, "not a feed: the root element is <opml>", "xml: opml");
	res_free(r);
	r = parse_file("garbage.txt", NULL);
	is_int(r->rc, -1, "garbage: error");
	ok(strncmp(r->err, "not a feed: not XML", 19) == 0, "garbage: message");
	res_free(r);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
t_attacks(void)
{
	struct dstr d = DSTR_INIT;
	struct res *r;
	double t0;
	size_t i, total;

	t0 = now();
	r = parse_file("laughs.xml", NULL);
	is_int(r->rc, 0, "laughs: parsed");
	is_str(r->title, "&lol9;", "laughs: not expanded");
	ok(now() - t0 < 2.0, "laughs: fast");
	res_free(r);

	/* quadratic blow-up: one big entity, used many times */
	dstr_adds(&d, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"");
	for (i = 0; i < 100000; i++)
		dstr_addc(&d, 'a');
	dstr_adds(&d, "\">]>\n<rss><channel><title>");
	for (i = 0; i < 50000; i++)
		dstr_adds(&d, "&a;");
	dstr_adds(&d, "</title><item><description>");
	for (i = 0; i < 50000; i++)
		dstr_adds(&d, "&a;");
	dstr_adds(&d, "</description></item></channel></rss>");
	t0 = now();
	r = parse_mem(d.buf, d.len, NULL, 4096);
	is_int(r->rc, 0, "quadratic: parsed");
	total = (r->title ? strlen(r->title) : 0) + (r->nitems > 0 &&
	    r->items[0].summary ? strlen(r->items[0].summary) : 0);
	ok(total <= 400000, "quadratic: small output");
	ok(now() - t0 < 2.0, "quadratic: fast");
	res_free(r);
	dstr_reset(&d);

	r = parse_file("xxe.xml", NULL);
	is_int(r->rc, 0, "xxe: parsed");
	is_str(r->title, "x&xxe;y", "xxe: external entity not read");
	ok(r->items[0].title == NULL || strstr(r->items[0].title, "root:") ==
	    NULL, "xxe: no /etc/passwd");
	res_free(r);

	/* libxml2 is quadratic in the attributes of a tag */
	dstr_adds(&d, "<rss><channel><item><title a='x>\"y' b=\"'\">t</title>"
	    "</item><item ");
	for (i = 0; i < 100000; i++)
		dstr_addf(&d, "a%zu=\"%zu\" ", i, i);
	dstr_adds(&d, "><title><![CDATA[<b>]]></title></item><item ");
	for (i = 0; i < 1000; i++)
		dstr_addf(&d, "xmlns:n%zu='u:%zu' ", i, i);
	dstr_adds(&d, "/></channel></rss>");
	t0 = now();
	r = parse_mem(d.buf, d.len, NULL, 4096);
	is_int(r->rc, 0, "attributes: parsed");
	ok(now() - t0 < 2.0, "attributes: 100,000 on a tag, fast");
	is_int(r->nitems, 3, "attributes: items kept");
	is_str(r->items[0].title, "t", "attributes: '>' and quotes in values");
	is_str(r->items[1].title, "<b>", "attributes: CDATA after them");
	ok(r->nwarn > 0 && strstr(r->warn0, "more than 100 attributes") !=
	    NULL, "attributes: a warning");
	res_free(r);
	dstr_reset(&d);

	/* categories and enclosures are compared with each other */
	dstr_adds(&d, "<rss><channel><item>");
	for (i = 0; i < 100000; i++)
		dstr_addf(&d, "<category>%zu</category><enclosure url=\"u%zu\""
		    "/>", i, i);
	dstr_adds(&d, "</item></channel></rss>");
	t0 = now();
	r = parse_mem(d.buf, d.len, NULL, 65536);
	is_int(r->rc, 0, "categories: parsed");
	ok(now() - t0 < 2.0, "categories: 100,000 in an item, fast");
	ok(r->items[0].cats != NULL && strlen(r->items[0].cats) < 2000,
	    "categories: capped");
	res_free(r);
	dstr_reset(&d);

	/* 100,000 levels */
	dstr_adds(&d, "<rss><channel><item><title>ok</title></item><item>"
	    "<description>");
	for (i = 0; i < 100000; i++)
		dstr_adds(&d, "<x>");
	for (i = 0; i < 100000; i++)
		dstr_adds(&d, "</x>");
	dstr_adds(&d, "</description></item></channel></rss>");
	r = parse_mem(d.buf, d.len, NULL, 65536);
	is_int(r->rc, -1, "deep: an error");
	ok(strstr(r->err, "(parse-max-depth)") != NULL, "deep: names the limit");
	is_int(r->nitems, 1, "deep: the item before is kept");
	res_free(r);
	dstr_reset(&d);

	/* a 10 MB title, in text and in CDATA */
	dstr_adds(&d, "<rss><channel><item><title>");
	for (i = 0; i < 10 * 1024 * 1024; i++)
		dstr_addc(&d, 'x');
	dstr_adds(&d, "</title><link>http://a/1</link></item><item><title>"
	    "<![CDATA[");
	for (i = 0; i < 10 * 1024 * 1024; i++)
		dstr_addc(&d, i % 1000 == 999 ? ']' : 'y');
	dstr_adds(&d, "]]></title><link>http://a/2</link></item></channel>"
	    "</rss>");
	t0 = now();
	r = parse_mem(d.buf, d.len, NULL, 16384);
	is_int(r->rc, 0, "big title: parsed");
	is_int(r->nitems, 2, "big title: items kept");
	is_int(r->items[0].title ? strlen(r->items[0].title) : 0,
	    FEED_MAX_FIELD, "big title: cut to max_field");
	is_int(r->items[1].title ? strlen(r->items[1].title) : 0,
	    FEED_MAX_FIELD, "big CDATA title: cut to max_field");
	is_str(r->items[1].link, "http://a/2", "big title: the link after");
	ok(r->nwarn >= 2 && strstr(r->warn0, "cut") != NULL,
	    "big title: a warning");
	ok(now() - t0 < 5.0, "big title: fast");
	res_free(r);
	dstr_release(&d);
}

static void
t_limits(void)
{
	struct feed_limits lim;
	struct dstr d = DSTR_INIT;
	struct res *r;
	size_t i;

	dstr_adds(&d, "<rss><channel>");
	for (i = 0; i < 20; i++)
		dstr_addf(&d, "<item><title>%zu</title></item>", i);
	dstr_adds(&d, "</channel></rss>");
	feed_limits_default(&lim);
	lim.max_items = 10;
	r = parse_ex(d.buf, d.len, NULL, 0, &lim, 0);
	is_int(r->rc, -1, "max_items: an error");
	is_int(r->nitems, 10, "max_items: that many items");
	is_str(r->err, "more than 10 items (parse-max-items)", "max_items: message");
	res_free(r);

	feed_limits_default(&lim);
	lim.max_bytes = 100;
	r = parse_ex(d.buf, d.len, NULL, 30, &lim, 0);
	is_int(r->rc, -1, "max_bytes: an error");
	is_str(r->err, "larger than 100 bytes (max-size)",
	    "max_bytes: message");
	res_free(r);

	r = parse_ex(d.buf, d.len, NULL, 0, NULL, 3);
	is_int(r->rc, -1, "callback: stops");
	is_str(r->err, "stopped by the caller", "callback: message");
	is_int(r->nitems, 2, "callback: items before");
	res_free(r);

	feed_limits_default(&lim);
	lim.max_field = 5;
	r = parse_ex("<rss><channel><title>\xc3\xa9\xc3\xa9\xc3\xa9</title>"
	    "</channel></rss>", 43, NULL, 0, &lim, 0);
	is_str(r->title, "\xc3\xa9\xc3\xa9", "max_field: cut between "
	    "characters");
	res_free(r);

	/* many items: memory does not grow with them (time stays linear) */
	dstr_reset(&d);
	dstr_adds(&d, "<rss><channel>");
	for (i = 0; i < 100000; i++)
		dstr_addf(&d, "<item><title>%zu</title><guid>%zu</guid>"
		    "</item>\n", i, i);
	dstr_adds(&d, "</channel></rss>");
	r = parse_mem(d.buf, d.len, NULL, 65536);
	is_int(r->rc, 0, "100000 items: parsed");
	is_int(r->nitems, 100000, "100000 items: all");
	res_free(r);
	dstr_release(&d);
}

static void
t_chunks(void)
{
	static const char *const files[] = {
		"rss20.xml", "rss091.xml", "rss10.xml", "rss090.xml",
		"atom10.xml", "atom03.xml", "json11.json", "json10.json",
		"namespaces.xml", "xmlbase.xml", "relative.xml",
		"entities.xml", "cdata.xml", "cp1252.xml", "badutf8.xml",
		"cp1251.xml", "utf16le.xml", "utf16be.xml", "illformed.xml",
		"laughs.xml", "xxe.xml", "page.html", "notfeed.json",
		"notfeed.xml", "empty.xml", "blank.xml", "garbage.txt",
	};
	struct res *a, *b, *c;
	char *da, *db, *dc, name[128], *buf;
	size_t i, len;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		buf = slurp(files[i], &len);
		a = parse_mem(buf, len, "http://x.example/f", 0);
		b = parse_mem(buf, len, "http://x.example/f", 1);
		c = parse_mem(buf, len, "http://x.example/f", 7);
		da = dump(a);
		db = dump(b);
		dc = dump(c);
		snprintf(name, sizeof(name), "%s: byte by byte, same result",
		    files[i]);
		if (!is_str(db, da, name))
			diag("%s", da);
		snprintf(name, sizeof(name), "%s: 7 bytes at a time, same",
		    files[i]);
		is_str(dc, da, name);
		snprintf(name, sizeof(name), "%s: clean strings", files[i]);
		ok(a->all_clean && b->all_clean, name);
		free(da); free(db); free(dc);
		res_free(a); res_free(b); res_free(c);
		free(buf);
	}
}

static void
t_misc(void)
{
	struct feed_parser *p;
	struct res *r;
	char path[512];
	char *u;
	int fd;

	/* url_resolve */
	u = url_resolve("http://a.example/b/c", "../d?x=1#f");
	is_str(u, "http://a.example/d?x=1#f", "url: dot segments");
	free(u);
	u = url_resolve("http://any.test/", " \xc3\x80 ");
	is_str(u, "http://any.test/\xc3\x80", "url: UTF-8 kept");
	free(u);
	u = url_resolve("http://a.example/b/", "c d");
	is_str(u, "http://a.example/b/c%20d", "url: space");
	free(u);
	u = url_resolve("http://a.example/", "HTTP://B.example/%7ebob");
	is_str(u, "HTTP://B.example/%7ebob", "url: absolute untouched");
	free(u);
	u = url_resolve(NULL, "x");
	is_str(u, "x", "url: no base");
	free(u);
	u = url_resolve("http://a.example/b", "//c.example/d");
	is_str(u, "http://c.example/d", "url: network path");
	free(u);
	ok(url_has_scheme("mailto:x") && !url_has_scheme("/a:b") &&
	    !url_has_scheme("a b:c"), "url: schemes");

	/* read_fd */
	snprintf(path, sizeof(path), "%s/rss20.xml", PARSE_DATADIR);
	r = xcalloc(1, sizeof(*r));
	p = feed_parser_new(NULL, NULL, on_item, r);
	fd = open(path, O_RDONLY);
	is_int(feed_parser_read_fd(p, fd), 0, "read_fd: parsed");
	close(fd);
	is_int(feed_parser_nitems(p), 3, "read_fd: items");
	is_int(feed_parser_push(p, "x", 1), -1, "push after finish fails");
	ok(feed_parser_warning(p, 0) == NULL, "warning out of range: NULL");
	ok(feed_parser_alternate(p, 0) == NULL, "alternate out of range");
	feed_parser_free(p);
	res_free(r);
	feed_parser_free(NULL);

	/* libxml2 is left alone between parses: no DTD, no network */
	{
		static const char doc[] = "<!DOCTYPE rss SYSTEM "
		    "\"http://127.0.0.1:9/x.dtd\"><rss><channel><title>t"
		    "</title></channel></rss>";

		r = parse_mem(doc, sizeof(doc) - 1, NULL, 0);
		is_str(r->title, "t", "external DTD: not loaded");
		res_free(r);
	}
	/* a long CDATA section with "]]" around the split points */
	{
		struct dstr d = DSTR_INIT, want = DSTR_INIT;
		size_t i;

		dstr_adds(&d, "<rss><channel><item><description><![CDATA[");
		for (i = 0; i < 200000; i++) {
			char c = i % 3 == 0 ? ']' : i % 7 == 0 ? '>' : 'a';

			dstr_addc(&d, c);
			dstr_addc(&want, c);
		}
		dstr_adds(&d, "]]></description></item></channel></rss>");
		r = parse_mem(d.buf, d.len, NULL, 5000);
		ok(r->items[0].summary != NULL && strcmp(r->items[0].summary,
		    want.buf) == 0, "long CDATA: read whole");
		res_free(r);
		dstr_release(&d);
		dstr_release(&want);
	}
}

int
main(void)
{
	t_rss20();
	t_rss_old();
	t_atom();
	t_json();
	t_namespaces();
	t_base();
	t_text();
	t_illformed();
	t_not_feeds();
	t_attacks();
	t_limits();
	t_chunks();
	t_misc();
	return done_testing();
}
