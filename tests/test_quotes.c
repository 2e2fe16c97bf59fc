/*
 * test_quotes.c: anchoring, storing, re-anchoring and exporting quotes, on
 * a real archive in a temporary directory.
 *
 * Run as "test_quotes --fixture PATH" it only builds the archive that
 * tests/cli_quotes.sh works on, through the same store API.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "escape.h"
#include "feed.h"
#include "quotes.h"
#include "store.h"
#include "tap.h"
#include "utf8.h"

#define FIRST_SEEN	1740528000	/* 2025-02-26T00:00:00Z */

static const char ledger_text[] =
    "The largest federal employee union said Monday it would challenge the "
    "firings in court.\n\n"
    "\u201cWe will see them in court,\u201d said Everett Kelley, president "
    "of the American Federation of Government Employees. \u201cElon "
    "Musk\u2019s latest email fiasco is yet another example of the chaotic "
    "and callous treatment of federal employees.\u201d\n\n"
    "A spokesperson for the Office of Personnel Management said in a "
    "statement that \u201cagencies may exclude personnel from this "
    "expectation at their discretion.\u201d\n\n"
    "Musk posted on X: \u201cFailure to respond will be taken as a "
    "resignation.\u201d";

static const char wire_text[] =
    "Twenty-one staffers of the United States Digital Service resigned on "
    "Tuesday.\n\n"
    "\"We will not use our skills as technologists to compromise core "
    "government systems, jeopardize Americans' sensitive data, or dismantle "
    "critical public services,\" the staffers wrote in a joint letter.\n\n"
    "\"We swore to serve the American people,\" they wrote, \"and to uphold "
    "our oath to the Constitution across presidential administrations.\"\n\n"
    "The White House did not respond to a request for comment.";

static const char weekly_text[] =
    "Employees received a message asking them to list \"five things you "
    "did last week.\"\n\n"
    "\"It's chaos,\" one IRS employee said, \"and nobody can tell us "
    "why.\"";

struct fixture_article {
	const char	*feed_url, *feed_title;
	const char	*guid, *url, *title, *author;
	int64_t		 published;
	const char	*text;
};

static const struct fixture_article fixture[] = {
	{ "https://capitolledger.example/feed.rss", "The Capitol Ledger",
	  "ledger-1", "https://capitolledger.example/2025/02/24/union-court",
	  "Union vows to fight mass firings in court", "Ana Ruiz",
	  1740409200, ledger_text },
	{ "https://federalwire.example/atom.xml", "Federal Wire",
	  "wire-1", "https://federalwire.example/2025/02/25/tech-staff-quit"
	  "#top", "Tech staff quit rather than dismantle services",
	  "jdoe@federalwire.example (Jo Doe)", 1740484800, wire_text },
	{ "https://workforceweekly.example/index.rdf", "Workforce Weekly",
	  "weekly-1", NULL, "Q&A: what \"five things\" means, line by line",
	  NULL, DATE_NONE, weekly_text },
};

static char dir[] = "/tmp/dossier-test-quotes-XXXXXX";

static int64_t
put_article(struct store *st, int64_t feed, const char *guid,
    const char *url, const char *title, const char *author, int64_t pub,
    const char *text, int64_t now, enum store_upsert *r)
{
	struct feed_item it;
	enum store_upsert dummy;
	int64_t id = 0;

	feed_item_init(&it);
	it.id = (char *)guid;
	it.link = (char *)url;
	it.title = (char *)title;
	it.author = (char *)author;
	it.published = pub;
	if (store_begin(st) != 0 ||
	    store_item_upsert(st, feed, &it, text, NULL, now, &id,
	    r ? r : &dummy) != 0 || store_commit(st) != 0) {
		fprintf(stderr, "put_article: %s\n", store_errmsg(st));
		exit(1);
	}
	return id;
}

/* The archive of cli_quotes.sh: three feeds, an article each. */
static int
make_fixture(const char *path, int64_t *ids)
{
	const struct fixture_article *f;
	struct store *st;
	int64_t feed;
	size_t i;

	if (store_open(&st, path, 0) != 0) {
		fprintf(stderr, "%s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	for (i = 0; i < sizeof(fixture) / sizeof(fixture[0]); i++) {
		f = &fixture[i];
		if (store_feed_add(st, f->feed_url, f->feed_title, NULL, 0,
		    &feed) < 0) {
			fprintf(stderr, "%s\n", store_errmsg(st));
			store_close(st);
			return 1;
		}
		ids[i] = put_article(st, feed, f->guid, f->url, f->title,
		    f->author, f->published, f->text, FIRST_SEEN, NULL);
	}
	store_close(st);
	return 0;
}

static char *
slice(const char *s, size_t a, size_t b)
{
	static char buf[1024];

	snprintf(buf, sizeof(buf), "%.*s", (int)(b - a), s + a);
	return buf;
}

static void
test_escape(void)
{
	struct dstr d = DSTR_INIT;
	const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines",
	    " pad", NULL, "" };

	escape_csv_row(&d, row, 7);
	is_str(d.buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\" pad\",,\r\n", "CSV: quoting as RFC 4180 asks, CRLF");
	dstr_reset(&d);
	escape_tsv_field(&d, "a\tb\\c\nd\r");
	is_str(d.buf, "a\\tb\\\\c\\nd", "TSV: sfeed's escapes");
	dstr_reset(&d);
	escape_percent(&d, "a-b&c,d e\u2019", strlen("a-b&c,d e\u2019"));
	is_str(d.buf, "a%2Db%26c%2Cd%20e%E2%80%99",
	    "percent: - & , blank and UTF-8 encoded");
	dstr_release(&d);
}

static void
test_anchor(void)
{
	struct quote_anchor a;
	struct dstr d = DSTR_INIT;
	const char *t = ledger_text;
	size_t len = strlen(t), s, e;
	const char *p;

	/* tolerant finding */
	ok(quote_text_find(t, len, "court,\" said Everett", 0, &s, &e) == 0,
	    "straight quotes find curly ones");
	is_str(slice(t, s, e), "court,\u201d said Everett",
	    "  the bytes of the article");
	ok(quote_text_find(t, len, "\"We will see them in court,\"", 0, &s,
	    &e) == 0, "quotation marks around the text");
	is_str(slice(t, s, e), "We will see them in court",
	    "  are not part of the match, nor is a trailing comma");
	ok(quote_text_find(t, len, "Elon Musk's latest   email\nfiasco", 0,
	    &s, &e) == 0, "an apostrophe and whitespace differences");
	is_str(slice(t, s, e), "Elon Musk\u2019s latest email fiasco",
	    "  the bytes of the article");
	ok(quote_text_find(t, len, "\u201cFailure to respond will be taken as "
	    "a resignation,\u201d", 0, &s, &e) == 0,
	    "marks and a trailing comma that the text lacks");
	is_str(slice(t, s, e), "Failure to respond will be taken as a "
	    "resignation", "  the words only");
	ok(quote_text_find(t, len, "We will not see them", 0, &s, &e) == 1,
	    "text that is not there");
	ok(quote_text_find(t, len, "   ", 0, &s, &e) == 1, "blank text");

	/* a selector */
	p = strstr(t, "yet another example");
	quote_anchor_make(&a, t, len, (size_t)(p - t),
	    (size_t)(p - t) + strlen("yet another example"));
	is_str(a.exact, "yet another example", "exact");
	is_str(a.prefix, "n Musk\u2019s latest email fiasco is ",
	    "prefix: 32 characters, not bytes");
	is_int(utf8_width(a.prefix, strlen(a.prefix)), QUOTE_CONTEXT,
	    "  (32 columns)");
	is_str(a.suffix, " of the chaotic and callous trea", "suffix");
	quote_anchor_release(&a);
	quote_anchor_make(&a, t, len, 0, 3);
	is_str(a.prefix, "", "no prefix at the start");
	quote_anchor_release(&a);
	quote_anchor_make(&a, t, len, len - 3, len + 10);
	is_str(a.suffix, "", "no suffix at the end (end clamped)");
	quote_anchor_release(&a);

	/* the same words twice: context decides */
	{
		const char *v1 = "They said no. Then the staff said no. End.";
		const char *v2 = "Intro. They said no. Later, the staff said no."
		    " End.";

		p = strstr(v1, "the staff said") + strlen("the staff ");
		quote_anchor_make(&a, v1, strlen(v1), (size_t)(p - v1),
		    (size_t)(p - v1) + 7);
		ok(quote_anchor_find(&a, v2, strlen(v2), &s, &e) == 0,
		    "found again");
		is_int(s, strstr(v2, "staff said") - v2 + 6,
		    "the occurrence whose context matches");
		ok(quote_anchor_find(&a, "Nobody said yes.", 16, &s, &e) == 1,
		    "gone: not found");
		quote_anchor_release(&a);
	}

	/* text-fragment links */
	quote_fragment_link(&d, "https://x.example/a?b=1#top",
	    "We will see them in court");
	is_str(d.buf, "https://x.example/a?b=1#:~:text=We%20will%20see%20them"
	    "%20in%20court", "short: text=EXACT, old fragment replaced");
	dstr_reset(&d);
	quote_fragment_link(&d, "https://x.example/a", "Elon Musk\u2019s "
	    "latest email fiasco is yet another example of the chaotic, "
	    "callous treatment of well-paid federal employees");
	is_str(d.buf, "https://x.example/a#:~:text=Elon%20Musk%E2%80%99s%20"
	    "latest%20email,of%20well%2Dpaid%20federal%20employees",
	    "long: START,END with - and , encoded");
	dstr_reset(&d);
	quote_fragment_link(&d, "https://x.example/a", "First paragraph of "
	    "it.\n\n\u201cSecond & last.");
	is_str(d.buf, "https://x.example/a#:~:text=First%20paragraph%20of%20"
	    "it.,%E2%80%9CSecond%20%26%20last.",
	    "over paragraphs: START from the first, END from the last");
	dstr_reset(&d);
	quote_fragment_link(&d, NULL, "x");
	is_str(d.buf, "", "no URL, no link");
	dstr_release(&d);
}

/* Has s a character other than blanks? */
static int
visible(const char *s)
{
	size_t n = strlen(s), k, i;
	uint32_t cp;

	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp != ' ' && cp != '\n' && cp != 0xA0)
			return 1;
	}
	return 0;
}

/* Random texts and passages: found again, never out of bounds. */
static void
test_anchor_random(void)
{
	static const char *const pieces[] = { "\"", "\u201c", "\u201d",
	    "\u2019", "'", " ", "  ", "\n", "\n\n", "\u00a0", ",", "-",
	    "\u2026", "...", "\u00ad", "word", "W\u00f6rd", "\xe2\x80" };
	struct quote_anchor a;
	struct dstr d = DSTR_INIT, link = DSTR_INIT;
	unsigned long seed = 777;
	size_t i, j, s, e, fs, fe, len;
	char *needle;
	int lost = 0, bad = 0;

	for (i = 0; i < 2000; i++) {
		dstr_reset(&d);
		len = 2 + i % 40;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			dstr_adds(&d, pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		seed = seed * 1103515245 + 12345;
		s = (seed >> 16) % d.len;
		e = s + 1 + (seed >> 8) % (d.len - s);
		quote_anchor_make(&a, d.buf, d.len, s, e);
		if (a.start > s || a.end < e || a.end > d.len)
			bad++;
		if (quote_anchor_find(&a, d.buf, d.len, &fs, &fe) == 0 &&
		    (fs > fe || fe > d.len))
			bad++;
		needle = a.exact;
		if (visible(needle) && utf8_valid(needle, strlen(needle)) &&
		    strstr(needle, "\u00ad") == NULL &&
		    quote_text_find(d.buf, d.len, needle, 0, &fs, &fe) != 0)
			lost++;
		dstr_reset(&link);
		quote_fragment_link(&link, "https://x.example/", a.exact);
		quote_anchor_release(&a);
	}
	is_int(bad, 0, "2000 random passages: selectors inside the text");
	is_int(lost, 0, "  and each passage is found again");
	dstr_release(&d);
	dstr_release(&link);
}

static int
count_rows(struct store *st, const char *sql)
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

static void
test_store(struct store *st, const int64_t *ids)
{
	struct quotes *q = quotes_new(st);
	const char *tags[] = { "afge", " courts ", "AFGE" };
	const char *bad[] = { "ok", " \t " };
	struct quote x, *v;
	struct quote_tag *tv;
	struct quote_filter f;
	size_t n, s, e;
	int64_t id1, id2, id3, id;
	const char *p;

	ok(quotes_add_text(q, ids[0], "\"We will see them in court,\"", tags,
	    2, "union's reaction", NULL, &id1) == 0, "add by text");
	is_int(quotes_get(q, id1, &x), 0, "get it back");
	is_str(x.text, "We will see them in court",
	    "the article's words, without marks and comma");
	is_str(x.speaker, "Everett Kelley", "speaker attributed when not "
	    "given");
	is_str(x.note, "union's reaction", "note");
	is_int(x.ntags, 2, "two tags");
	is_str(x.ntags == 2 ? x.tags[1] : NULL, "courts", "tags trimmed");
	is_str(x.title, "Union vows to fight mass firings in court",
	    "article title joined in");
	is_str(x.feed_title, "The Capitol Ledger", "outlet");
	is_str(x.author, "Ana Ruiz", "author");
	is_int(x.published, 1740409200, "published");
	is_int(x.archived, FIRST_SEEN, "archived");
	ok(x.version_hash && strlen(x.version_hash) == 16, "version hash");
	is_str(slice(ledger_text, x.start, x.end), x.text, "offsets");
	ok(strlen(x.prefix) > 0 && strlen(x.suffix) > 0, "prefix and suffix");
	ok(!x.orphaned, "not orphaned");
	quote_release(&x);

	is_int(quotes_add_text(q, ids[0], "We will sue", NULL, 0, NULL, NULL,
	    &id), 2, "text not in the article: 2");
	ok(strstr(quotes_errmsg(q), "not in article") != NULL,
	    "  with a clear message");
	is_int(quotes_add_text(q, 999999, "x", NULL, 0, NULL, NULL, &id), 1,
	    "unknown article: 1");
	ok(strstr(quotes_errmsg(q), "no article 999999") != NULL,
	    "  with a clear message");
	is_int(quotes_add_text(q, ids[0], "court", bad, 2, NULL, NULL, &id),
	    -1, "an empty tag is refused");
	is_int(quotes_add(q, ids[0], 10, 100000, NULL, 0, NULL, NULL, &id), -1,
	    "offsets outside the text are refused");
	p = strstr(ledger_text, "\u2019s");
	is_int(quotes_add(q, ids[0], (size_t)(p - ledger_text) + 1, (size_t)(p -
	    ledger_text) + 5, NULL, 0, NULL, NULL, &id), -1,
	    "offsets inside a character are refused");
	is_int(count_rows(st, "SELECT count(*) FROM quotes"), 1,
	    "nothing stored by the failures");

	p = strstr(ledger_text, "agencies may exclude");
	s = (size_t)(p - ledger_text);
	e = s + strlen("agencies may exclude personnel from this expectation "
	    "at their discretion.");
	ok(quotes_add(q, ids[0], s, e, tags + 2, 1, "", "", &id2) == 0,
	    "add by offsets (what the pager does)");
	quotes_get(q, id2, &x);
	is_str(x.speaker, NULL, "an empty speaker is none");
	is_str(x.note, NULL, "an empty note is none");
	is_str(x.ntags ? x.tags[0] : NULL, "afge",
	    "a tag takes the spelling already in use");
	quote_release(&x);

	ok(quotes_add_text(q, ids[1], "We will not use our skills as "
	    "technologists", NULL, 0, NULL, NULL, &id3) == 0, "a third quote");
	quotes_get(q, id3, &x);
	is_str(x.speaker, "the staffers", "attributed from the article");
	quote_release(&x);

	/* editing */
	is_int(quotes_set_note(q, id3, "the letter"), 0, "set a note");
	is_int(quotes_set_speaker(q, id3, "USDS staffers"), 0, "set a speaker");
	is_int(quotes_add_tag(q, id3, "usds"), 0, "add a tag");
	is_int(quotes_add_tag(q, id3, "letter"), 0, "add another");
	is_int(quotes_remove_tag(q, id3, "USDS"), 0, "remove one (any case)");
	quotes_get(q, id3, &x);
	is_str(x.note, "the letter", "  note");
	is_str(x.speaker, "USDS staffers", "  speaker");
	ok(x.ntags == 1 && strcmp(x.tags[0], "letter") == 0, "  tags");
	quote_release(&x);
	{
		const char *t2[] = { "usds", "resignations" };

		is_int(quotes_set_tags(q, id3, t2, 2), 0, "replace the tags");
	}
	is_int(quotes_get(q, 424242, &x), 1, "unknown quote: 1");
	ok(strstr(quotes_errmsg(q), "no quote 424242") != NULL, "  says so");
	is_int(quotes_set_note(q, 424242, "x"), 1, "  for set_note");
	is_int(quotes_add_tag(q, 424242, "x"), 1, "  for add_tag");
	is_int(quotes_remove(q, 424242), 1, "  for remove");

	/* listing */
	quotes_tags(q, NULL, &tv, &n);
	is_int(n, 4, "four tags in use");
	ok(n == 4 && strcmp(tv[0].name, "afge") == 0 && tv[0].count == 2,
	    "  with counts, by name");
	quote_tags_free(tv, n);
	quotes_tags(q, "R", &tv, &n);
	ok(n == 1 && strcmp(tv[0].name, "resignations") == 0,
	    "completion by prefix, any case");
	quote_tags_free(tv, n);

	memset(&f, 0, sizeof(f));
	f.tag = "AFGE";
	quotes_list(q, &f, &v, &n);
	is_int(n, 2, "by tag");
	quotes_array_free(v, n);
	memset(&f, 0, sizeof(f));
	f.speaker = "kelley";
	quotes_list(q, &f, &v, &n);
	is_int(n, 1, "by speaker (part of it, any case)");
	quotes_array_free(v, n);
	memset(&f, 0, sizeof(f));
	f.feed_url = "https://federalwire.example/atom.xml";
	quotes_list(q, &f, &v, &n);
	is_int(n, 1, "by feed");
	quotes_array_free(v, n);
	memset(&f, 0, sizeof(f));
	f.since = 1740441600;
	quotes_list(q, &f, &v, &n);
	is_int(n, 1, "by date of the article");
	quotes_array_free(v, n);
	quotes_for_article(q, ids[0], &v, &n);
	ok(n == 2 && v[0].start < v[1].start, "an article's quotes in order");
	quotes_array_free(v, n);

	is_int(quotes_remove(q, id3), 0, "remove a quote");
	is_int(count_rows(st, "SELECT count(*) FROM quote_tags WHERE "
	    "tag = 'usds'"), 0, "its tags go with it");
	quotes_free(q);
}

static void
test_reanchor(struct store *st)
{
	static const char v2[] =
	    "Updated at 5 p.m. with the OPM statement.\n\n"
	    "The largest federal employee union said Monday it would "
	    "challenge the firings in court.\n\n"
	    "\"We will see them in court,\" said Everett Kelley, president "
	    "of the American Federation of Government Employees. \"Elon "
	    "Musk's latest email fiasco is yet another example of the chaotic "
	    "and callous treatment of federal employees.\"\n\n"
	    "A spokesperson for the Office of Personnel Management said in a "
	    "statement that \u201cagencies may exclude personnel from this "
	    "expectation at their discretion.\u201d";
	struct quotes *q = quotes_new(st);
	struct quote a, b, c;
	enum store_upsert r;
	int64_t feed, art, qa, qb, qc, moved = -1, orphaned = -1;
	char *text;
	const char *title = "Union vows to fight";

	store_feed_add(st, "https://reanchor.example/feed", "Re", NULL, 0,
	    &feed);
	art = put_article(st, feed, "r1", "https://reanchor.example/1", title,
	    NULL, 1740409200, ledger_text, 1740500000, &r);
	quotes_add_text(q, art, "Elon Musk\u2019s latest email fiasco", NULL,
	    0, NULL, NULL, &qa);
	quotes_add_text(q, art, "agencies may exclude personnel", NULL, 0,
	    NULL, NULL, &qb);
	quotes_add_text(q, art, "Failure to respond will be taken as a "
	    "resignation", NULL, 0, NULL, NULL, &qc);
	quotes_get(q, qc, &c);
	is_str(c.speaker, "Musk", "attributed before re-anchoring");
	quote_release(&c);

	is_int(put_article(st, feed, "r1", "https://reanchor.example/1", title,
	    NULL, 1740409200, v2, 1740600000, &r), art, "the same article");
	is_int(r, STORE_ITEM_UPDATED, "updated: its old text is a version");
	ok(store_begin(st) == 0 && quotes_reanchor_article(q, art, &moved,
	    &orphaned) == 0 && store_commit(st) == 0,
	    "re-anchor inside the caller's transaction");
	is_int(moved, 2, "two quotes re-attached");
	is_int(orphaned, 1, "one orphaned");

	quotes_get(q, qa, &a);
	is_str(slice(v2, a.start, a.end), "Elon Musk's latest email fiasco",
	    "moved with the edit, typography changed");
	is_str(a.text, "Elon Musk's latest email fiasco",
	    "  its text is the new version's");
	ok(!a.orphaned, "  not orphaned");
	quotes_get(q, qb, &b);
	is_str(slice(v2, b.start, b.end), "agencies may exclude personnel",
	    "moved further down");
	ok(a.version_hash && b.version_hash &&
	    strcmp(a.version_hash, b.version_hash) == 0,
	    "both on the new version");
	quotes_get(q, qc, &c);
	ok(c.orphaned, "the sentence that went away: orphaned");
	is_str(c.text, "Failure to respond will be taken as a resignation",
	    "  kept, with its text");
	ok(c.version_hash && strcmp(c.version_hash, a.version_hash) != 0,
	    "  still on its old version");
	is_int(quotes_version_text(q, &c, &text), 0,
	    "  whose text is still in the archive");
	is_str(text ? slice(text, c.start, c.end) : NULL, c.text,
	    "  and readable at its offsets");
	free(text);
	quote_release(&a);
	quote_release(&b);
	quote_release(&c);

	/* the sentence comes back in a later edit */
	put_article(st, feed, "r1", "https://reanchor.example/1", title, NULL,
	    1740409200, ledger_text, 1740700000, &r);
	quotes_reanchor_article(q, art, &moved, &orphaned);
	is_int(orphaned, 0, "restored text: nothing orphaned");
	quotes_get(q, qc, &c);
	ok(!c.orphaned, "the orphan is attached again");
	is_str(slice(ledger_text, c.start, c.end), c.text, "  at its place");
	quote_release(&c);
	quotes_free(q);
}

static json_t *
parse_json(const struct dstr *d)
{
	json_error_t err;
	json_t *v = json_loadb(d->buf, d->len, 0, &err);

	if (v == NULL)
		diag("JSON error: %s at line %d", err.text, err.line);
	return v;
}

static int
has_keys(json_t *o, const char *const *keys)
{
	for (; *keys; keys++)
		if (json_object_get(o, *keys) == NULL) {
			diag("missing key %s", *keys);
			return 0;
		}
	return 1;
}

static void
test_export(struct store *st, const int64_t *ids)
{
	static const char *const json_keys[] = { "id", "text", "speaker",
	    "tags", "note", "article_id", "title", "feed", "author",
	    "published", "url", "archived", "link", NULL };
	static const char *const csl_keys[] = { "id", "type", "title",
	    "container-title", "author", "accessed", "note", NULL };
	struct quotes *q = quotes_new(st);
	struct dstr d = DSTR_INIT;
	const char *tags[] = { "opm-email" };
	enum quote_format fmt;
	json_t *v, *o, *sel;
	char urn[64];
	int64_t id;
	size_t i;

	ok(quote_format_parse("csl-json", &fmt) == 0 && fmt == QUOTE_FMT_CSL,
	    "format names");
	ok(quote_format_parse("pdf", &fmt) == -1, "unknown format");
	quotes_add_text(q, ids[2], "It's chaos", tags, 1, "a, \"note\"\nwith "
	    "two lines", NULL, &id);
	quotes_add_text(q, ids[1], "We swore to serve the American people",
	    NULL, 0, NULL, NULL, &id);

	quotes_export(q, NULL, QUOTE_FMT_JSON, &d);
	v = parse_json(&d);
	ok(json_is_array(v) && json_array_size(v) == 4, "json: an array");
	for (i = 0; i < json_array_size(v); i++)
		ok(has_keys(json_array_get(v, i), json_keys),
		    "json: the required fields");
	o = json_array_get(v, 2);
	is_str(json_string_value(json_object_get(o, "speaker")),
	    "the staffers", "json: speaker (they: the staffers)");
	o = json_array_get(v, 3);
	is_str(json_string_value(json_object_get(o, "speaker")),
	    "one IRS employee", "json: speaker");
	ok(json_is_null(json_object_get(o, "url")) &&
	    json_is_null(json_object_get(o, "published")) &&
	    json_is_null(json_object_get(o, "author")),
	    "json: unknown fields are null");
	o = json_array_get(v, 0);
	is_str(json_string_value(json_object_get(o, "published")),
	    "2025-02-24T15:00:00Z", "json: dates in RFC 3339");
	is_str(json_string_value(json_object_get(o, "link")),
	    "https://capitolledger.example/2025/02/24/union-court#:~:text=We%20"
	    "will%20see%20them%20in%20court", "json: the deep link");
	json_decref(v);

	dstr_reset(&d);
	quotes_export(q, NULL, QUOTE_FMT_CSL, &d);
	v = parse_json(&d);
	ok(json_is_array(v) && json_array_size(v) == 4, "csl-json: an array");
	for (i = 0; i < json_array_size(v); i++)
		ok(has_keys(json_array_get(v, i), csl_keys),
		    "csl-json: the fields citation managers read");
	o = json_array_get(v, 0);
	is_str(json_string_value(json_object_get(o, "type")),
	    "article-newspaper", "csl-json: type");
	is_str(json_string_value(json_object_get(json_array_get(
	    json_object_get(o, "author"), 0), "family")), "Ruiz",
	    "csl-json: family name");
	is_int(json_integer_value(json_array_get(json_array_get(
	    json_object_get(json_object_get(o, "issued"), "date-parts"), 0),
	    1)), 2, "csl-json: issued date-parts");
	ok(strstr(json_string_value(json_object_get(o, "note")),
	    "We will see them in court") != NULL, "csl-json: quote in the note");
	o = json_array_get(v, 2);
	is_str(json_string_value(json_object_get(json_array_get(
	    json_object_get(o, "author"), 0), "given")), "Jo",
	    "csl-json: name from an RSS e-mail author");
	json_decref(v);

	dstr_reset(&d);
	quotes_export(q, NULL, QUOTE_FMT_ANNOTATION, &d);
	v = parse_json(&d);
	ok(json_is_array(v) && json_array_size(v) == 4, "annotation: an array");
	o = json_array_get(v, 0);
	is_str(json_string_value(json_object_get(o, "@context")),
	    "http://www.w3.org/ns/anno.jsonld", "annotation: @context");
	is_str(json_string_value(json_object_get(o, "type")), "Annotation",
	    "annotation: type");
	sel = json_object_get(json_object_get(o, "target"), "selector");
	is_str(json_string_value(json_object_get(json_array_get(sel, 0),
	    "type")), "TextQuoteSelector", "annotation: TextQuoteSelector");
	is_str(json_string_value(json_object_get(json_array_get(sel, 0),
	    "exact")), "We will see them in court", "annotation: exact");
	{
		/* positions are in characters of the plain text */
		const char *p = strstr(ledger_text, "We will see");
		size_t chars = 0, k;
		uint32_t cp;

		for (k = 0; k < (size_t)(p - ledger_text);)
			k += utf8_decode(ledger_text + k, strlen(ledger_text) -
			    k, &cp), chars++;
		is_int(json_integer_value(json_object_get(json_array_get(sel,
		    1), "start")), chars, "annotation: TextPositionSelector "
		    "in characters");
		is_int(json_integer_value(json_object_get(json_array_get(sel,
		    1), "end")), chars + strlen("We will see them in court"),
		    "  start and end");
	}
	ok(json_is_array(json_object_get(o, "body")),
	    "annotation: note and tags in the body");
	snprintf(urn, sizeof(urn), "urn:dossier:article:%lld",
	    (long long)ids[2]);
	is_str(json_string_value(json_object_get(json_object_get(
	    json_array_get(v, 3), "target"), "source")), urn,
	    "annotation: a source without a URL");
	json_decref(v);

	dstr_reset(&d);
	quotes_export(q, NULL, QUOTE_FMT_CSV, &d);
	ok(strncmp(d.buf, "Highlight,Title,Author,URL,Note,Location,Date,",
	    46) == 0, "csv: Readwise's columns first");
	ok(strstr(d.buf, "\"a, \"\"note\"\"\nwith two lines\"") != NULL,
	    "csv: a note with a comma, quotes and a newline is quoted");
	ok(strstr(d.buf, "\"Q&A: what \"\"five things\"\" means, line by "
	    "line\"") != NULL, "csv: a title with quotes and commas");

	dstr_reset(&d);
	quotes_export(q, NULL, QUOTE_FMT_MD, &d);
	ok(strstr(d.buf, "## afge\n\n> We will see them in court\n") != NULL,
	    "md: a blockquote under its tag");
	ok(strstr(d.buf, "\u2014 Everett Kelley, in \u201cUnion vows to fight "
	    "mass firings in court\u201d, *The Capitol Ledger*, by Ana Ruiz, "
	    "2025-02-24. <https://capitolledger.example/") != NULL,
	    "md: the citation line");
	ok(strstr(d.buf, "## Untagged") != NULL, "md: untagged ones last");
	dstr_release(&d);
	quotes_free(q);
}

/* n quotes, 50 an article, in a feed of their own. */
static void
make_bulk(struct store *st, size_t n)
{
	struct quotes *q = quotes_new(st);
	const char *tags[] = { "bulk", "speed" };
	struct feed_item it;
	enum store_upsert r;
	char guid[32];
	int64_t feed, art = 0;
	size_t i, a, b, len = strlen(ledger_text);

	store_feed_add(st, "https://bulk.example/feed", "Bulk", NULL, 0,
	    &feed);
	store_begin(st);
	for (i = 0; i < n; i++) {
		if (i % 50 == 0) {
			snprintf(guid, sizeof(guid), "bulk-%zu", i / 50);
			feed_item_init(&it);
			it.id = guid;
			it.link = guid;
			it.title = guid;
			it.author = (char *)"Ana Ruiz";
			it.published = 1740409200 + (int64_t)i;
			store_item_upsert(st, feed, &it, ledger_text, NULL,
			    FIRST_SEEN, &art, &r);
		}
		a = i * 7 % (len - 40);
		while ((ledger_text[a] & 0xC0) == 0x80)
			a++;
		for (b = a + 30; (ledger_text[b] & 0xC0) == 0x80;)
			b++;
		quotes_add(q, art, a, b, tags, 2, "n", i % 2 ? "" : NULL, NULL);
	}
	store_commit(st);
	quotes_free(q);
}

/* 10,000 quotes: export time, as a diag. */
static void
test_speed(struct store *st)
{
	static const enum quote_format fmts[] = { QUOTE_FMT_MD,
	    QUOTE_FMT_JSON, QUOTE_FMT_CSV, QUOTE_FMT_CSL,
	    QUOTE_FMT_ANNOTATION };
	static const char *const names[] = { "md", "json", "csv", "csl-json",
	    "annotation" };
	struct quotes *q;
	struct dstr d = DSTR_INIT;
	struct timespec t0, t1;
	size_t i;
	double ms;

	make_bulk(st, 10000);
	is_int(count_rows(st, "SELECT count(*) FROM quotes q JOIN articles a "
	    "ON a.id = q.article_id JOIN feeds f ON f.id = a.feed_id WHERE "
	    "f.url = 'https://bulk.example/feed'"), 10000, "10,000 quotes");
	q = quotes_new(st);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct quote_filter f;

		memset(&f, 0, sizeof(f));
		f.feed_url = "https://bulk.example/feed";
		dstr_reset(&d);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		quotes_export(q, &f, fmts[i], &d);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		diag("export of 10,000 quotes as %s: %.0f ms, %zu bytes",
		    names[i], ms, d.len);
	}
	ok(d.len > 0, "exported");
	dstr_release(&d);
	quotes_free(q);
}

int
main(int argc, char **argv)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct store *st;
	char db[96];
	int64_t ids[3];
	size_t i;

	if (argc >= 3 && strcmp(argv[1], "--fixture") == 0) {
		if (make_fixture(argv[2], ids) != 0)
			return 1;
		/* --bulk N: N quotes more, for benchmarks */
		if (argc == 5 && strcmp(argv[3], "--bulk") == 0 &&
		    store_open(&st, argv[2], 0) == 0)
			make_bulk(st, (size_t)strtoul(argv[4], NULL, 10));
		if (argc == 5)
			store_close(st);
		return 0;
	}
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(db, sizeof(db), "%s/a.db", dir);
	ok(make_fixture(db, ids) == 0, "an archive with three articles");
	if (store_open(&st, db, 0) != 0) {
		diag("%s", store_errmsg(st));
		return 1;
	}
	test_escape();
	test_anchor();
	test_anchor_random();
	test_store(st, ids);
	test_export(st, ids);
	test_reanchor(st);
	test_speed(st);
	store_close(st);
	for (i = 0; i < 3; i++) {
		snprintf(db, sizeof(db), "%s/a.db%s", dir, suffix[i]);
		unlink(db);
	}
	rmdir(dir);
	return done_testing();
}
