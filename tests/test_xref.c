/*
 * test_xref.c: cross-references: URL normalisation, names, quotations and
 * their windows, and the index and queries on a real archive (until the
 * ingest pipeline calls the indexer, the tests call it after storing).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "feed.h"
#include "render.h"
#include "store.h"
#include "xalloc.h"
#include "xref.h"
#include "tap.h"

/* A test name on one line: newlines shown as \n. */
static const char *
oneline(const char *prefix, const char *s)
{
	static char buf[512];
	size_t n;

	n = (size_t)snprintf(buf, sizeof(buf), "%s", prefix);
	for (; *s && n + 3 < sizeof(buf); s++) {
		if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else
			buf[n++] = *s;
	}
	buf[n] = '\0';
	return buf;
}

/* URL normalisation */

static const struct {
	const char *in, *want;
} urls[] = {
	{ "HTTP://Example.COM:80/a/../b/?x=1#frag",
	    "http://example.com/b?x=1" },
	{ "https://ex.com:443", "https://ex.com/" },
	{ "https://ex.com", "https://ex.com/" },
	{ "https://ex.com/", "https://ex.com/" },
	{ "https://ex.com?", "https://ex.com/" },
	{ "https://ex.com/a/", "https://ex.com/a" },
	{ "https://ex.com/a/b//", "https://ex.com/a/b" },
	{ "https://ex.com/a/?", "https://ex.com/a" },
	{ "https://ex.com/a/?utm_source=rss&utm_medium=feed&utm_campaign=x",
	    "https://ex.com/a" },
	{ "https://ex.com/a?id=3&fbclid=abc&gclid=1&mc_cid=2&mc_eid=3"
	    "&ref_src=twsrc%5Etfw", "https://ex.com/a?id=3" },
	{ "https://ex.com/a?b=2&UTM_Source=x&a=1", "https://ex.com/a?b=2&a=1" },
	{ "https://ex.com/a?&&id=3&", "https://ex.com/a?id=3" },
	{ "https://ex.com/a?utm_x=1#top", "https://ex.com/a" },
	{ "https://ex.com/%7euser/%2f?q=%3d%41",
	    "https://ex.com/~user/%2f?q=%3dA" },
	{ "https://ex.com/a b", "https://ex.com/a%20b" },
	{ "https://ex.com/caf\xc3\xa9", "https://ex.com/caf%c3%a9" },
	{ "https://ex.com/caf%C3%A9", "https://ex.com/caf%c3%a9" },
	{ "https://user:pw@Ex.COM./a/", "https://ex.com/a" },
	{ "https://[::1]:8080/x/", "https://[::1]:8080/x" },
	{ "  https://ex.com/a \n", "https://ex.com/a" },
	{ "http://ex.com:8080/", "http://ex.com:8080/" },
	{ "https://ex.com:80/", "https://ex.com:80/" },
	{ "https://ex.com/a#!/x y", "https://ex.com/a" },
	{ "https://ex.com/A/B", "https://ex.com/A/B" },
	{ "https://www.ex.com/a", "https://www.ex.com/a" },
	{ "mailto:x@ex.com", NULL },
	{ "ftp://ex.com/a", NULL },
	{ "javascript:alert(1)", NULL },
	{ "file:///etc/passwd", NULL },
	{ "//ex.com/a", NULL },
	{ "/relative/path", NULL },
	{ "not a url", NULL },
	{ "https://", NULL },
	{ "", NULL },
};

static void
test_normalize(void)
{
	char name[256], *got, *again;
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		got = xref_normalize_url(urls[i].in);
		snprintf(name, sizeof(name), "%s", oneline("normalise ",
		    urls[i].in));
		is_str(got, urls[i].want, name);
		if (got) {
			again = xref_normalize_url(got);
			snprintf(name, sizeof(name), "normalising '%s' again "
			    "changes nothing", got);
			is_str(again, got, name);
			free(again);
		}
		free(got);
	}
	ok(xref_normalize_url(NULL) == NULL, "NULL is not a URL");
}

/* Names */

static int
join_name(void *ctx, const char *name, size_t off)
{
	struct dstr *d = ctx;

	(void)off;
	if (d->len)
		dstr_addc(d, '|');
	dstr_adds(d, name);
	return 0;
}

static const struct {
	const char *text, *want;
} name_cases[] = {
	{ "AFGE President Everett Kelley said the Office of Personnel "
	    "Management (OPM) and USDS were wrong.",
	    "AFGE|Everett Kelley|Office of Personnel Management|OPM|USDS" },
	{ "The union sued on Monday. But Everett Kelley\xe2\x80\x99s "
	    "statement came later.", "Everett Kelley" },
	{ "Donald J. Trump met Sen. Elizabeth Warren in January.",
	    "Donald J. Trump|Elizabeth Warren" },
	{ "the Department of Health and Human Services and the Department "
	    "of the Treasury", "Department of Health and Human Services|"
	    "Department of the Treasury" },
	{ "Everett Kelley and Max Stier spoke.", "Everett Kelley|Max Stier" },
	{ "OPM Director Scott Kupor wrote to DOGE.",
	    "OPM|Scott Kupor|DOGE" },
	{ "John Smith of the Heritage Foundation disagreed.",
	    "John Smith|Heritage Foundation" },
	{ "In Washington, Office of Management and Budget Director Russell "
	    "Vought spoke.", "Office of Management and Budget|Russell Vought" },
	{ "the American Federation of Government Employees sued",
	    "American Federation of Government Employees" },
	{ "Charles de Gaulle and Jos\xc3\xa9 Mart\xc3\xadnez",
	    "Charles de Gaulle|Jos\xc3\xa9 Mart\xc3\xadnez" },
	{ "Federal workers are upset.", "" },
	{ "NEW YORK \xe2\x80\x94 Today CEO pay rose.", "" },
	{ "On Tuesday, March 4, The Union Said", "Union Said" },
	{ "Everett\nKelley", "" },
	{ "the Office of the Director of National Intelligence said",
	    "Office of the Director of National Intelligence" },
	{ "Partnership for Public Service, NTEU and the IRS",
	    "Partnership for Public Service|NTEU|IRS" },
};

static void
test_names(void)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		dstr_reset(&d);
		xref_extract_names(name_cases[i].text,
		    strlen(name_cases[i].text), join_name, &d);
		is_str(d.buf, name_cases[i].want, oneline("names in: ",
		    name_cases[i].text));
	}
	dstr_release(&d);
}

/* Quotations and windows */

static int
join_span(void *ctx, size_t off, size_t len)
{
	struct dstr *d = ((struct dstr **)ctx)[0];
	const char *text = (const char *)((struct dstr **)ctx)[1];

	if (d->len)
		dstr_addc(d, '|');
	dstr_add(d, text + off, len);
	return 0;
}

static char *
quotes_of(const char *text)
{
	struct dstr d = DSTR_INIT;
	void *ctx[2] = { &d, (void *)text };

	xref_find_quotes(text, strlen(text), join_span, ctx);
	return dstr_detach(&d, NULL);
}

struct hashes {
	uint64_t	 h[256];
	size_t		 n;
};

static int
collect_hash(void *ctx, uint64_t hash, size_t word, size_t start,
    size_t end)
{
	struct hashes *hs = ctx;

	(void)word;
	(void)start;
	(void)end;
	if (hs->n < 256)
		hs->h[hs->n++] = hash;
	return 0;
}

static size_t
shared(const struct hashes *a, const struct hashes *b)
{
	size_t i, j, n = 0;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (a->h[i] == b->h[j]) {
				n++;
				break;
			}
	return n;
}

static void
windows(const char *s, struct hashes *hs)
{
	hs->n = 0;
	xref_quote_windows(s, strlen(s), collect_hash, hs);
}

static void
test_quotes(void)
{
	struct hashes a, b;
	char *q;

	q = quotes_of("Kelley said: \xe2\x80\x9cWe will fight this in every "
	    "court in the land, and we will win.\xe2\x80\x9d Then he left.");
	is_str(q, "We will fight this in every court in the land, and we "
	    "will win.", "a curly quotation");
	free(q);
	q = quotes_of("He said \"this is a straight quotation of more than "
	    "eight words\" and \"short one\" too.");
	is_str(q, "this is a straight quotation of more than eight words",
	    "a straight quotation; short ones are left out");
	free(q);
	q = quotes_of("A 5\" screen is not a quotation at all in this "
	    "sentence of many words.");
	is_str(q, "", "a lone straight quote mark");
	free(q);
	q = quotes_of("\xe2\x80\x9cThe first paragraph of a long quotation "
	    "that goes on\n\n\xe2\x80\x9c" "and on into the second paragraph "
	    "where it ends,\xe2\x80\x9d she said.");
	is_str(q, "The first paragraph of a long quotation that goes on|"
	    "and on into the second paragraph where it ends,",
	    "an open quotation ends with its paragraph");
	free(q);
	q = quotes_of("\xc2\xab Nous allons contester cette d\xc3\xa9" "cision "
	    "devant tous les tribunaux \xc2\xbb, a-t-il dit.");
	is_str(q, "Nous allons contester cette d\xc3\xa9" "cision devant tous "
	    "les tribunaux", "guillemets");
	free(q);

	is_int(xref_quote_windows("one two three", 13, NULL, NULL), 3,
	    "words are counted");
	windows("We will fight this in every court in the land, and we will "
	    "win.", &a);
	is_int(a.n, 14 - XREF_WINDOW + 1, "one window per word after the "
	    "first seven");
	windows("WE WILL FIGHT THIS IN EVERY COURT IN THE LAND AND WE WILL "
	    "WIN", &b);
	is_int(shared(&a, &b), a.n, "case and punctuation do not matter");
	windows("fight this in every court in the land, and we", &b);
	is_int(shared(&a, &b), b.n, "a trimmed version shares its windows");
	windows("We won\xe2\x80\x99t stop, we can\xe2\x80\x99t stop, we "
	    "will not stop now", &a);
	windows("we wont stop we cant stop we will not stop now", &b);
	is_int(shared(&a, &b), a.n, "apostrophes are joined");
	windows("Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 one two three "
	    "four five", &a);
	windows("cafe naive resume one two three four five", &b);
	is_int(shared(&a, &b), 1, "diacritics do not matter");
	windows("fight this in every court in the land but we", &b);
	windows("We will fight this in every court in the land, and we will "
	    "win.", &a);
	ok(shared(&a, &b) < b.n, "a changed word changes the windows over it");
}

/* The index on a real archive */

static char dir[] = "/tmp/dossier-test-xref-XXXXXX";
static struct store *st;
static struct xref *xr;
static int64_t feed_a, feed_b;

static int64_t
put(int64_t feed, const char *guid, const char *link, const char *title,
    int64_t published, const char *html)
{
	struct feed_item it;
	struct render_doc doc;
	enum store_upsert res;
	char *norm;
	int64_t id = 0;

	feed_item_init(&it);
	it.id = (char *)guid;
	it.link = (char *)link;
	it.title = (char *)title;
	it.published = published;
	it.content = (char *)html;
	render_html(&doc, html, strlen(html), link);
	norm = xref_normalize_url(link);
	if (store_begin(st) != 0 ||
	    store_item_upsert(st, feed, &it, doc.plain, norm, published, &id,
	    &res) != 0 || xref_index_article(xr, id, &doc) != 0 ||
	    store_commit(st) != 0) {
		diag("storing %s: %s", guid, store_errmsg(st));
		store_rollback(st);
	}
	free(norm);
	render_doc_release(&doc);
	return id;
}

static int
count(const char *sql)
{
	sqlite3_stmt *s;
	int n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const struct xref_entry *
find(const struct xref_list *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static const struct xref_entry *
find_text(const struct xref_list *l, const char *text)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].text && strcmp(l->v[i].text, text) == 0)
			return &l->v[i];
	return NULL;
}

static int
collect_id(void *ctx, const struct store_article *a)
{
	struct dstr *d = ctx;

	dstr_addf(d, "%s%lld", d->len ? "," : "", (long long)a->id);
	return 0;
}

static int
collect_names(void *ctx, const char *name, int64_t stories)
{
	struct dstr *d = ctx;

	dstr_addf(d, "%s%s=%lld", d->len ? "|" : "", name,
	    (long long)stories);
	return 0;
}

#define QUOTE_A "\xe2\x80\x9cWe are going to fight this illegal order in " \
	"every court in the land, and we expect to win,\xe2\x80\x9d"
#define QUOTE_C "\xe2\x80\x9c" "fight this illegal order in every court in " \
	"the land\xe2\x80\x9d"

static void
test_archive(void)
{
	struct xref_refs r;
	struct xref_list l;
	struct dstr d = DSTR_INIT;
	const struct xref_entry *e;
	int64_t a, b, c, dd, e_id, dup, big;
	char path[256];

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/x.db", dir);
	ok(store_open(&st, path, 0) == 0, "open an archive");
	ok(store_user_version(st) >= 2, "schema version 2 or later");
	xr = xref_new(st);
	store_feed_add(st, "https://a.example/feed", NULL, NULL, 0, &feed_a);
	store_feed_add(st, "https://b.example/feed", NULL, NULL, 0, &feed_b);

	/* B is archived before A, which links to it */
	b = put(feed_b, "b1", "https://b.example/news/union-responds",
	    "Union responds to the memo", 1000,
	    "<p>The National Treasury Employees Union answered the memo from "
	    "the Office of Personnel Management on Tuesday.</p>");
	a = put(feed_a, "a1", "https://a.example/2025/opm-memo",
	    "OPM memo orders layoffs", 2000,
	    "<p>AFGE President Everett Kelley criticised the Office of "
	    "Personnel Management. Kelley said: " QUOTE_A " He spoke after "
	    "the <a href=\"https://B.example/news/union-responds/?utm_source="
	    "rss&amp;fbclid=x\">union's reply</a>, the <a href=\"/2025/"
	    "later-story/\">follow-up</a> and the <a href=\"https://docs."
	    "example/report.pdf#page=2\">report</a>.</p>"
	    "<p>Zorblatt layoffs hit the quibberish agency.</p>");
	c = put(feed_b, "c1", "https://b.example/news/kelley-quote",
	    "Kelley vows a fight", 3000,
	    "<p>The union leader promised to " QUOTE_C ", he said.</p>");
	dd = put(feed_b, "d1", "https://b.example/news/names",
	    "Who is who", 4000,
	    "<p>Everett Kelley leads AFGE; the Office of Personnel Management "
	    "sets the rules. Zorblatt quibberish.</p>");
	ok(a > 0 && b > 0 && c > 0 && dd > 0, "four stories stored");
	is_int(count("SELECT count(*) FROM links"), 3,
	    "A's three links are indexed");

	/* A: links out, B resolved although it came first */
	ok(xref_refs_get(xr, a, XREF_ALL, &r) == 0, "refs of A");
	is_int(r.sec[XREF_LINKS_OUT].n, 3, "three links out");
	e = &r.sec[XREF_LINKS_OUT].v[0];
	is_int(e->id, b, "the archived link (B, archived before A) comes "
	    "first");
	is_str(e->title, "Union responds to the memo", "with its title");
	is_str(e->norm_url, "https://b.example/news/union-responds",
	    "tracking parameters, case and trailing slash do not matter");
	is_int(e->link_no, 1, "it is link [1]");
	e = &r.sec[XREF_LINKS_OUT].v[1];
	is_int(e->id, 0, "the follow-up is not archived yet");
	is_str(e->url, "https://a.example/2025/later-story/",
	    "relative links are resolved; the raw URL is kept");
	e = &r.sec[XREF_LINKS_OUT].v[2];
	is_str(e->norm_url, "https://docs.example/report.pdf",
	    "fragments are dropped");
	is_int(r.sec[XREF_LINKED_FROM].n, 0, "nothing links to A");
	e = find(&r.sec[XREF_SAME_QUOTE], c);
	ok(e != NULL, "C carries a trimmed version of A's quotation");
	is_str(e ? e->text : NULL, "fight this illegal order in every court "
	    "in the land", "the shared text");
	e = find_text(&r.sec[XREF_NAMES], "Everett Kelley");
	ok(e != NULL, "A names Everett Kelley");
	is_int(e ? e->count : -1, 1, "one other story names him (D)");
	e = find_text(&r.sec[XREF_NAMES], "Office of Personnel Management");
	is_int(e ? e->count : -1, 2, "two other stories name OPM in full");
	ok(find(&r.sec[XREF_RELATED], dd) != NULL,
	    "D is related (zorblatt, quibberish)");
	ok(find(&r.sec[XREF_RELATED], a) == NULL, "A is not related to itself");
	xref_refs_release(&r);

	/* B: linked from A */
	ok(xref_refs_get(xr, b, XREF_ALL, &r) == 0, "refs of B");
	is_int(r.sec[XREF_LINKED_FROM].n, 1, "B is linked from one story");
	is_int(r.sec[XREF_LINKED_FROM].n ? r.sec[XREF_LINKED_FROM].v[0].id :
	    0, a, "A");
	is_str(r.sec[XREF_LINKED_FROM].n ? r.sec[XREF_LINKED_FROM].v[0].text :
	    NULL, "union's reply", "with the link's text");
	xref_refs_release(&r);

	/* C: same quotation, the other way round */
	ok(xref_refs_get(xr, c, XREF_SECTION_BIT(XREF_SAME_QUOTE), &r) == 0,
	    "refs of C, one section");
	e = find(&r.sec[XREF_SAME_QUOTE], a);
	ok(e != NULL, "A carries C's quotation");
	is_str(e ? e->text : NULL, "fight this illegal order in every court "
	    "in the land", "the shared text, as C has it");
	is_int(r.sec[XREF_LINKS_OUT].n + r.sec[XREF_NAMES].n, 0,
	    "sections not asked for are empty");
	xref_refs_release(&r);

	/* E arrives after A: A's link resolves without a rescan */
	e_id = put(feed_a, "e1", "https://A.example:443/2025/later-story",
	    "The follow-up", 5000, "<p>More on the memo.</p>");
	ok(xref_refs_get(xr, a, XREF_SECTION_BIT(XREF_LINKS_OUT), &r) == 0,
	    "refs of A again");
	ok(find(&r.sec[XREF_LINKS_OUT], e_id) != NULL,
	    "the story archived after A resolves A's link to it");
	is_int(r.sec[XREF_LINKS_OUT].v[1].id, e_id, "archived links first");
	xref_refs_release(&r);
	ok(xref_refs_get(xr, e_id, XREF_SECTION_BIT(XREF_LINKED_FROM), &r) ==
	    0 && find(&r.sec[XREF_LINKED_FROM], a) != NULL,
	    "and E is linked from A");
	xref_refs_release(&r);

	/* a link followed in the pager */
	{
		int64_t rid = 0;

		ok(xref_resolve_url(xr, "HTTPS://b.example/news/union-responds/"
		    "?fbclid=1#x", &rid) == 0 && rid == b,
		    "resolve_url finds B through a variant of its URL");
		is_int(xref_resolve_url(xr, "https://docs.example/report.pdf",
		    &rid), 1, "resolve_url: not archived");
		is_int(xref_resolve_url(xr, "mailto:a@b.example", &rid), 1,
		    "resolve_url: not http(s)");
	}

	/* the same story in another feed does not hide the first */
	dup = put(feed_b, "b1-copy", "https://b.example/news/union-responds/",
	    "Union responds (copy)", 1500, "<p>Copy.</p>");
	ok(xref_refs_get(xr, a, XREF_SECTION_BIT(XREF_LINKS_OUT), &r) == 0 &&
	    r.sec[XREF_LINKS_OUT].v[0].id == b,
	    "a link resolves to the first story archived under its URL");
	xref_refs_release(&r);
	(void)dup;

	/* stories carrying a highlighted quotation */
	ok(xref_quote_stories(xr, "we expect to win? No: fight this illegal "
	    "order in every court in the land", 74, a, &l) == 0,
	    "quote_stories");
	ok(find(&l, c) != NULL && find(&l, a) == NULL,
	    "finds C, excludes A");
	xref_list_release(&l);
	ok(xref_quote_stories(xr, "fight this", 10, 0, &l) == 0 && l.n == 0,
	    "too short to match");
	xref_list_release(&l);

	/* names */
	dstr_reset(&d);
	ok(xref_articles_naming(xr, "everett KELLEY", NULL, collect_id, &d) ==
	    0, "articles naming, any case");
	dstr_reset(&d);
	xref_articles_naming(xr, "Everett Kelley", NULL, collect_id, &d);
	{
		char want[64];

		snprintf(want, sizeof(want), "%lld,%lld", (long long)dd,
		    (long long)a);
		is_str(d.buf, want, "D and A name Everett Kelley, newest "
		    "first");
	}
	dstr_reset(&d);
	{
		struct store_query q = { 0 };

		q.feed_url = "https://a.example/feed";
		xref_articles_naming(xr, "Everett Kelley", &q, collect_id, &d);
		{
			char want[32];

			snprintf(want, sizeof(want), "%lld", (long long)a);
			is_str(d.buf, want, "filtered by feed");
		}
	}
	dstr_reset(&d);
	xref_articles_naming(xr, "Nobody Atall", NULL, collect_id, &d);
	is_str(d.buf, "", "no story names an unknown name");
	dstr_reset(&d);
	xref_names_each(xr, 0, 2, collect_names, &d);
	is_str(d.buf, "Office of Personnel Management=3|AFGE=2",
	    "names by story count");
	dstr_reset(&d);
	xref_names_each(xr, dd, 0, collect_names, &d);
	is_str(d.buf, "Office of Personnel Management=3|AFGE=2|"
	    "Everett Kelley=2", "names of one story");

	/* indexing again replaces */
	{
		struct render_doc doc;

		render_html(&doc, "<p>Nothing.</p>", 15, NULL);
		ok(xref_index_article(xr, a, &doc) == 0, "index A again");
		render_doc_release(&doc);
	}
	is_int(count("SELECT count(*) FROM links"), 0, "its links are gone");
	is_int(count("SELECT count(*) FROM names n WHERE n.stories IS NOT"
	    " (SELECT count(*) FROM article_names an WHERE an.name_id = n.id)"), 0,
	    "names are counted down when an article is indexed again");
	is_int(count("SELECT count(*) FROM xref_terms WHERE article_id = "
	    "(SELECT id FROM articles WHERE guid = 'a1') AND terms LIKE '%s%'"),
	    0, "and its quotation windows' keys");
	/* as rows imported from an older dump: not counted; reindex counts */
	{
		char *kept;

		dstr_reset(&d);
		xref_names_each(xr, dd, 0, collect_names, &d);
		kept = xstrdup(d.buf);
		sqlite3_exec(store_db(st), "UPDATE names SET stories = NULL",
		    NULL, NULL, NULL);
		dstr_reset(&d);
		xref_names_each(xr, dd, 0, collect_names, &d);
		is_str(d.buf, kept,
		    "names not counted yet are counted on the fly");
		free(kept);
		dstr_reset(&d);
		xref_names_each(xr, 0, 0, collect_names, &d);
		ok(strstr(d.buf, "AFGE=") != NULL, "in the list of all names "
		    "too");
	}
	ok(xref_reindex(xr, NULL, NULL) == 0, "reindex the archive");
	is_int(count("SELECT count(*) FROM links"), 3, "A's links are back");
	ok(xref_refs_get(xr, a, XREF_SECTION_BIT(XREF_SAME_QUOTE), &r) == 0 &&
	    find(&r.sec[XREF_SAME_QUOTE], c) != NULL,
	    "and its quotation matches again");
	xref_refs_release(&r);

	/* a huge document: bounded */
	{
		struct dstr h = DSTR_INIT;
		int i;

		for (i = 0; i < 1500; i++)
			dstr_addf(&h, "<p><a href=\"https://x.example/%d\">l</a> "
			    "\"quoted words number %d one two three four five "
			    "six seven eight nine ten\"</p>", i, i);
		big = put(feed_b, "big", "https://b.example/big", "Big", 6000,
		    h.buf);
		dstr_release(&h);
		ok(big > 0, "a document with 1,500 links and quotations");
		is_int(count("SELECT count(*) FROM links WHERE article_id = "
		    "(SELECT id FROM articles WHERE guid = 'big')"), 1000,
		    "at most 1,000 links");
		is_int(count("SELECT (length(' ' || terms) - length(replace("
		    "' ' || terms, ' s', ''))) / 2 FROM xref_terms WHERE "
		    "article_id = (SELECT id FROM articles WHERE guid = 'big')"),
		    2000, "at most 2,000 quotation windows");
	}

	is_int(count("SELECT count(*) FROM names n WHERE n.stories IS NOT"
	    " (SELECT count(*) FROM article_names an WHERE an.name_id = n.id)"), 0,
	    "every name's count of stories is right after reindexing");

	/*
	 * A quotation carried by many stories: the section stays bounded,
	 * newest carriers first, and the one that shares the most first.
	 */
	{
		int64_t first = 0, last = 0, id;
		int i, newest;

		for (i = 0; i < 80; i++) {
			dstr_reset(&d);
			dstr_addf(&d, "<p>Story %d. \"the same widely carried "
			    "line that every outlet repeats today%s\"</p>", i,
			    i == 5 ? " and tomorrow and after" : "");
			snprintf(path, sizeof(path), "wide%d", i);
			id = put(feed_b, path, NULL, path, 7000 + i, d.buf);
			if (i == 0)
				first = id;
			last = id;
		}
		dstr_reset(&d);
		dstr_adds(&d, "<p>\"the same widely carried line that every "
		    "outlet repeats today and tomorrow and after\"</p>");
		id = put(feed_a, "wide-q", NULL, "Q", 8000, d.buf);
		ok(xref_refs_get(xr, id, XREF_SECTION_BIT(XREF_SAME_QUOTE),
		    &r) == 0, "refs of a story carrying a widely carried "
		    "quotation");
		ok(r.sec[XREF_SAME_QUOTE].n > 0 && r.sec[XREF_SAME_QUOTE].n <
		    80, "some of the 80 others are listed, not all");
		ok(r.sec[XREF_SAME_QUOTE].n > 0 &&
		    r.sec[XREF_SAME_QUOTE].v[0].id == first + 5,
		    "the one sharing the most words first, though older");
		newest = r.sec[XREF_SAME_QUOTE].n > 1 &&
		    r.sec[XREF_SAME_QUOTE].v[1].id == last;
		ok(newest, "then the newest");
		ok(find(&r.sec[XREF_SAME_QUOTE], first) == NULL,
		    "the oldest is left out");
		xref_refs_release(&r);
	}

	is_int(xref_refs_get(xr, 9999, XREF_ALL, &r), 1, "no such article");
	xref_refs_release(&r);

	/* removing a feed removes its stories' index rows */
	store_feed_remove(st, "https://a.example/feed");
	is_int(count("SELECT count(*) FROM links WHERE article_id NOT IN"
	    " (SELECT id FROM articles)"), 0, "links cascade");
	is_int(count("SELECT count(*) FROM links"), 1000,
	    "only the big document's links are left");
	is_int(count("SELECT count(*) FROM xref_quotes WHERE article_id NOT IN"
	    " (SELECT id FROM articles)"), 0, "quotations cascade");
	is_int(count("SELECT count(*) FROM xref_terms WHERE article_id NOT"
	    " IN (SELECT id FROM articles)"), 0, "keys cascade");
	is_int(count("SELECT count(*) FROM names n WHERE n.stories IS NOT"
	    " (SELECT count(*) FROM article_names an WHERE an.name_id = n.id)"), 0,
	    "and names are counted down");

	dstr_release(&d);
	xref_free(xr);
	store_close(st);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		diag("could not remove %s", dir);
}

int
main(void)
{
	test_normalize();
	test_names();
	test_quotes();
	test_archive();
	return done_testing();
}
