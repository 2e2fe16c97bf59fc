/*
 * test_subs.c: subscription lists: OPML 1.0/2.0 (folders and categories to
 * tags, titles, encodings, what is reported), hostile OPML (entities,
 * external DTD), newsboat urls (titles, tags, unsupported lines with their
 * numbers) and the OPML writer's round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dstr.h"
#include "subs.h"
#include "tap.h"
#include "xalloc.h"

static char srcdir[1024];

static char *
slurp(const char *name, size_t *lenp)
{
	struct dstr d = DSTR_INIT;
	char path[1200], buf[4096];
	size_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/subs/%s", srcdir, name);
	if ((fp = fopen(path, "rb")) == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, lenp);
}

static int
parse_file(struct subs *s, const char *name, struct dstr *err)
{
	size_t len;
	char *buf = slurp(name, &len);
	int rc;

	rc = subs_parse(s, buf, len, err);
	free(buf);
	return rc;
}

static const struct subs_entry *
find(const struct subs *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].url, url) == 0)
			return &s->v[i];
	return NULL;
}

/* "a,b,c": the entry's tags in order */
static char *
tags(const struct subs_entry *e)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	for (i = 0; e && i < e->ntags; i++)
		dstr_addf(&d, "%s%s", i ? "," : "", e->tags[i]);
	return dstr_detach(&d, NULL);
}

static int
problem_at(const struct subs *s, int line, const char *sub)
{
	size_t i;

	for (i = 0; i < s->nproblems; i++)
		if (s->problems[i].line == line &&
		    strstr(s->problems[i].msg, sub))
			return 1;
	return 0;
}

static void
dump_problems(const struct subs *s)
{
	size_t i;

	for (i = 0; i < s->nproblems; i++)
		diag("line %d: %s", s->problems[i].line, s->problems[i].msg);
}

static void
test_opml(void)
{
	struct dstr err = DSTR_INIT;
	const struct subs_entry *e;
	struct subs s;
	char *t;

	subs_init(&s);
	is_int(parse_file(&s, "nested.opml", &err), 0, "nested OPML reads");
	e = find(&s, "http://127.0.0.1/gazette.xml");
	ok(e != NULL, "a feed in a folder");
	is_str(e ? e->title : NULL, "The Gazette", "title wins over text");
	is_str(e ? e->site_url : NULL, "http://127.0.0.1/", "htmlUrl kept");
	t = tags(e);
	is_str(t, "news", "the folder is a tag");
	free(t);
	e = find(&s, "https://courts.example/feed");
	t = tags(e);
	is_str(t, "news,courts,keep:civil-service,law/appeals",
	    "nested folders and categories are tags");
	free(t);
	is_str(e ? e->title : NULL, "Court Watch", "text when no title");
	e = find(&s, "https://top.example/rss");
	ok(e && e->ntags == 0, "xmlURL in any case; top level: no tags");
	e = find(&s, "https://untitled.example/feed");
	ok(e && e->title == NULL, "a title that is the URL is no title");
	ok(problem_at(&s, 17, "is not a feed"), "a link outline is reported");
	ok(problem_at(&s, 18, "not an http or https URL"),
	    "feed:// is reported with its line");
	ok(problem_at(&s, 19, "not an http or https URL"),
	    "file:// is reported");
	ok(find(&s, "file:///etc/passwd") == NULL, "and not imported");
	ok(problem_at(&s, 21, "comma"), "a tag with a comma is reported");
	e = find(&s, "https://comma.example/feed");
	ok(e && e->ntags == 0, "the feed is imported without it");
	is_int(s.n, 6, "6 entries (the gazette twice: the store merges)");
	dump_problems(&s);
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(parse_file(&s, "opml1.opml", &err), 0, "OPML 1.0 in Latin-1");
	e = find(&s, "http://cafe.example/rss.xml");
	is_str(e ? e->title : NULL, "Caf\xc3\xa9 News", "character references");
	e = find(&s, "http://weather.example/feed?a=1&b=2");
	ok(e != NULL, "&amp; in a URL");
	is_str(e ? e->title : NULL, "Weather & Climate", "&amp; in a title");
	e = find(&s, "http://resume.example/feed");
	is_str(e ? e->title : NULL, "R\xc3\xa9sum\xc3\xa9 Daily",
	    "Latin-1 bytes become UTF-8");
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(parse_file(&s, "bad-entities.opml", &err), -1,
	    "entity declarations are refused");
	ok(strstr(err.buf, "entities") != NULL, "with a reason");
	ok(s.n == 0, "nothing read");
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(parse_file(&s, "xxe.opml", &err), 0,
	    "an external DTD is not loaded");
	ok(find(&s, "https://xxe.example/feed") != NULL, "the list still reads");
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(parse_file(&s, "not-opml.xml", &err), -1, "RSS is not OPML");
	ok(strstr(err.buf, "<rss>") != NULL, "says what it is");
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(subs_parse(&s, "<opml><body><outline", 20, &err), -1,
	    "broken XML fails");
	ok(strstr(err.buf, "line 1") != NULL, "with the line");
	diag("%s", err.buf);
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	is_int(subs_parse(&s, " \n\t", 3, &err), -1, "an empty file fails");
	subs_release(&s);
	dstr_release(&err);
}

static void
test_newsboat(void)
{
	struct dstr err = DSTR_INIT;
	const struct subs_entry *e;
	struct subs s;
	char *t;

	subs_init(&s);
	is_int(parse_file(&s, "urls", &err), 0, "newsboat urls reads");
	e = find(&s, "https://one.example/feed.xml");
	is_str(e ? e->title : NULL, "First Title", "\"~Title\"");
	t = tags(e);
	is_str(t, "news,long tag", "tags, quoted ones too");
	free(t);
	e = find(&s, "http://two.example/rss");
	ok(e && e->ntags == 0 && e->title == NULL, "a bare URL");
	ok(problem_at(&s, 5, "query feeds"), "query: line 5 reported");
	ok(problem_at(&s, 6, "exec:"), "exec: line 6 reported");
	ok(problem_at(&s, 7, "filter:"), "filter: line 7 reported");
	ok(find(&s, "https://filtered.example/feed") == NULL,
	    "filter's URL is not imported behind the user's back");
	ok(problem_at(&s, 8, "hidden"), "the ! tag is reported");
	e = find(&s, "https://three.example/atom");
	t = tags(e);
	is_str(t, "hidden-one", "the feed is imported, other tags kept");
	free(t);
	ok(problem_at(&s, 9, "not an http or https URL"), "gopher: refused");
	ok(problem_at(&s, 10, "comma"), "a tag with a comma is reported");
	e = find(&s, "https://four.example/feed");
	t = tags(e);
	is_str(t, "good", "the other tags are kept");
	free(t);
	ok(problem_at(&s, 12, "unterminated quote"),
	    "an unterminated quote is reported");
	ok(find(&s, "https://five.example/feed") == NULL, "and skipped");
	e = find(&s, "https://six.example/feed?x=1&y=2");
	is_str(e ? e->title : NULL, "Title with \"quotes\"",
	    "escaped quotes in a title");
	is_int(s.n, 5, "five feeds");
	is_int(s.nproblems, 7, "seven problems, one per line");
	dump_problems(&s);
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	subs_parse(&s, "https://a.example/x\r\nhttps://b.example/y tag\r\n",
	    46, &err);
	ok(s.n == 2 && s.v[1].ntags == 1 && strcmp(s.v[1].tags[0], "tag") == 0,
	    "CRLF lines");
	subs_release(&s);

	subs_init(&s);
	dstr_reset(&err);
	subs_parse(&s, "https://a.example/\x1b[2J x\n", 24, &err);
	ok(s.n == 0 && s.nproblems == 1 && !strchr(s.problems[0].msg, 0x1b),
	    "a URL with an escape is refused and the message is clean");
	subs_release(&s);
	dstr_release(&err);
}

static void
test_roundtrip(void)
{
	struct dstr out = DSTR_INIT, err = DSTR_INIT;
	struct subs a, b;
	struct subs_entry *e;
	size_t i, j;
	int same = 1;

	subs_init(&a);
	e = subs_add(&a, "https://a.example/feed", "Alpha & <Omega> \"q\"",
	    "https://a.example/", 0);
	subs_entry_add_tag(e, "news");
	subs_entry_add_tag(e, "courts");
	subs_entry_add_tag(e, "keep:civil-service");
	e = subs_add(&a, "https://b.example/feed?x=1&y=2", NULL, NULL, 0);
	e = subs_add(&a, "https://c.example/feed", "Caf\xc3\xa9 \xe2\x80\x94 "
	    "\xe6\x97\xa5\xe6\x9c\xac", NULL, 0);
	subs_entry_add_tag(e, "news");
	e = subs_add(&a, "https://d.example/feed", "Tagged elsewhere", NULL, 0);
	subs_entry_add_tag(e, "a/b");
	subs_entry_add_tag(e, "long tag");
	is_int(subs_write_opml(&a, "My subscriptions", &out, &err), 0,
	    "OPML written");
	ok(strstr(out.buf, "<opml version=\"2.0\">") != NULL, "OPML 2.0");
	ok(strstr(out.buf, "&amp;") && strstr(out.buf, "&lt;Omega&gt;"),
	    "escaped by the writer");

	subs_init(&b);
	is_int(subs_parse(&b, out.buf, out.len, &err), 0, "reads back");
	is_int(b.n, a.n, "same number of subscriptions");
	for (i = 0; i < a.n; i++) {
		const struct subs_entry *x = &a.v[i];
		const struct subs_entry *y = find(&b, x->url);
		char *tx, *ty;

		if (y == NULL) {
			same = 0;
			diag("missing %s", x->url);
			continue;
		}
		if ((x->title == NULL) != (y->title == NULL) ||
		    (x->title && strcmp(x->title, y->title))) {
			same = 0;
			diag("title of %s: %s", x->url, y->title);
		}
		tx = tags(x);
		ty = tags(y);
		/* the same set; order: the folder first, then categories */
		for (j = 0; j < x->ntags; j++)
			if (strstr(ty, x->tags[j]) == NULL)
				same = 0;
		if (x->ntags != y->ntags)
			same = 0;
		if (!same)
			diag("tags of %s: %s vs %s", x->url, tx, ty);
		free(tx);
		free(ty);
	}
	ok(same, "same URLs, titles and tags");
	if (!same)
		diag("%s", out.buf);
	subs_release(&a);
	subs_release(&b);

	subs_init(&a);
	dstr_reset(&out);
	is_int(subs_write_opml(&a, NULL, &out, &err), 0, "an empty list");
	subs_init(&b);
	ok(subs_parse(&b, out.buf, out.len, &err) == 0 && b.n == 0,
	    "reads back as empty");
	subs_release(&a);
	subs_release(&b);
	dstr_release(&out);
	dstr_release(&err);
}

int
main(void)
{
	const char *top = getenv("top_srcdir");

	snprintf(srcdir, sizeof(srcdir), "%s", top && *top ? top : ".");
	xmlInitParser();
	test_opml();
	test_newsboat();
	test_roundtrip();
	xmlCleanupParser();
	return done_testing();
}
