/*
 * test_beats.c: rules over a crafted archive (each predicate, FTS5 phrases
 * and NEAR, errors with their position), beats saved and from the config,
 * keep and ignore rules at ingest, expiry, counters.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "beats.h"
#include "beats_int.h"	/* the quick matcher */
#include "dstr.h"
#include "feed.h"
#include "settings.h"
#include "store.h"
#include "tap.h"

#define FEED_A "https://a.example/feed"
#define FEED_B "https://b.example/feed"
#define D(y, m, d) date_of(y, m, d)

static char dir[] = "/tmp/dossier-test-beats-XXXXXX";
static int64_t ids[8];
static int64_t now;

static int64_t
date_of(int y, int m, int d)
{
	char buf[16];
	int64_t t;

	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	if (beats_parse_date(buf, &t) != 0)
		return 0;
	return t;
}

static int
exec(struct store *st, const char *sql)
{
	return sqlite3_exec(store_db(st), sql, NULL, NULL, NULL);
}

static int
count(struct store *st, const char *sql)
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

static int64_t
add(struct store *st, int64_t fid, const char *guid, const char *title,
    const char *author, const char *text, int64_t pub)
{
	struct feed_item it;
	enum store_upsert r;
	int64_t id = 0;

	feed_item_init(&it);
	it.id = (char *)guid;
	it.title = (char *)title;
	it.author = (char *)author;
	it.published = pub;
	store_item_upsert(st, fid, &it, text, NULL, now, &id, &r);
	return id;
}

/*
 * 1 A DOGE cuts contracts          Inés Muñoz      2025-02-10
 * 2 A Peak bloom                   Luca Ferrante   2025-03-17  starred
 * 3 B Office of Personnel ...      Hannah Cho      2025-02-23  read
 * 4 B Union sues                   José Alvarado   2025-04-04  quoted
 * 5 B Workforce cuts ahead         Staff           2025-03-01  read
 * 6 A USDS staff resign            Inés Muñoz      (no date: now)
 */
static void
build(struct store *st)
{
	const char *tags_b[] = { "doge", "workforce" };
	const char *tags_a[] = { "general" };
	int64_t fa, fb;
	char sql[256];

	store_feed_add(st, FEED_A, "Alpha", tags_a, 1, &fa);
	store_feed_add(st, FEED_B, "Beta", tags_b, 2, &fb);
	store_begin(st);
	ids[1] = add(st, fa, "a1", "DOGE cuts contracts", "Inés Muñoz",
	    "The Department of Government Efficiency cancelled contracts.",
	    D(2025, 2, 10) + 3600);
	ids[2] = add(st, fa, "a2", "Peak bloom", "Luca Ferrante",
	    "Cherry blossoms peak this weekend near the Tidal Basin.",
	    D(2025, 3, 17) + 3600);
	ids[3] = add(st, fb, "b3", "Office of Personnel Management e-mail",
	    "Hannah Cho", "Federal workers were asked to list five bullets.",
	    D(2025, 2, 23) + 3600);
	ids[4] = add(st, fb, "b4", "Union sues", "José Alvarado",
	    "The American Federation of Government Employees sued over the "
	    "federal workforce order.", D(2025, 4, 4) + 3600);
	ids[5] = add(st, fb, "b5", "Workforce cuts ahead", "Staff",
	    "Agencies plan cuts to the workforce of federal agencies.",
	    D(2025, 3, 1) + 3600);
	ids[6] = add(st, fa, "a6", "USDS staff resign", "Inés Muñoz",
	    "Twenty-one staff resigned.", DATE_NONE);
	store_commit(st);
	store_article_set_starred(st, ids[2], 1);
	store_article_set_read(st, ids[3], 1);
	store_article_set_read(st, ids[5], 1);
	snprintf(sql, sizeof(sql), "INSERT INTO quotes (article_id, text,"
	    " start, end, created, modified) VALUES (%lld, 'sued', 0, 4, 0, 0)",
	    (long long)ids[4]);
	exec(st, sql);
}

struct collect {
	struct dstr	 d;
};

static int
collect_cb(void *ctx, const struct store_article *a)
{
	struct collect *c = ctx;
	int i;

	for (i = 1; i < 8; i++)
		if (ids[i] == a->id)
			break;
	dstr_addf(&c->d, "%s%d", c->d.len ? " " : "", i);
	return 0;
}

/* The articles a query lists, as "1 6 ..." newest first; or an error. */
static char *
run_q(struct store *st, const char *q, const struct store_query *sq)
{
	static char out[400];
	struct collect c = { DSTR_INIT };
	struct rule_error err;
	struct rule *r;

	if (rule_parse(st, q, &r, &err) != 0) {
		snprintf(out, sizeof(out), "error: %s", err.msg);
		return out;
	}
	if (rule_articles_each(r, sq, collect_cb, &c) != 0)
		snprintf(out, sizeof(out), "failed: %s", store_errmsg(st));
	else
		snprintf(out, sizeof(out), "%s", c.d.buf);
	dstr_release(&c.d);
	rule_free(r);
	return out;
}

static void
test_queries(struct store *st)
{
	struct store_query sq = { 0 };

	/* newest first; 6 has no date, so it sorts by when it was seen */
	is_str(run_q(st, "DOGE OR USDS", NULL), "6 1", "OR, newest first");
	is_str(run_q(st, "cuts", NULL), "5 1", "a word in title or text");
	is_str(run_q(st, "\"Office of Personnel Management\"", NULL), "3",
	    "a phrase in double quotes");
	is_str(run_q(st, "Office + of + Personnel + Management", NULL), "3",
	    "a phrase with +");
	is_str(run_q(st, "\"Personnel Office\"", NULL), "",
	    "a phrase in the wrong order matches nothing");
	is_str(run_q(st, "NEAR(federal workforce, 0)", NULL), "4",
	    "NEAR, adjacent");
	is_str(run_q(st, "NEAR(federal workforce, 1)", NULL), "4 5",
	    "NEAR, one word between");
	is_str(run_q(st, "NEAR(federal workforce)", NULL), "4 5",
	    "NEAR, default distance");
	is_str(run_q(st, "title:cuts", NULL), "5 1", "FTS5 column filter");
	is_str(run_q(st, "cuts NOT DOGE", NULL), "5", "NOT");
	is_str(run_q(st, "feder*", NULL), "4 5 3", "prefix query");
	is_str(run_q(st, "(blossoms OR contracts) AND peak", NULL), "2",
	    "parentheses");

	/* predicates */
	is_str(run_q(st, "feed:" FEED_A, NULL), "6 2 1", "feed:");
	is_str(run_q(st, "-feed:" FEED_A, NULL), "4 5 3", "-feed:");
	is_str(run_q(st, "feed:" FEED_A " feed:" FEED_B " cuts", NULL),
	    "5 1", "two feed: predicates: either");
	is_str(run_q(st, "feed:\"" FEED_B "\"", NULL), "4 5 3",
	    "feed: with a quoted value");
	is_str(run_q(st, "tag:doge", NULL), "4 5 3", "tag:");
	is_str(run_q(st, "tag:general cuts", NULL), "1", "tag: and a word");
	is_str(run_q(st, "-tag:general -tag:workforce", NULL), "",
	    "-tag: twice");
	is_str(run_q(st, "tag:nosuch", NULL), "", "an unknown tag");
	is_str(run_q(st, "author:munoz", NULL), "6 1",
	    "author: ignores case and accents");
	is_str(run_q(st, "author:\"Inés Muñoz\" DOGE", NULL), "1",
	    "author: a quoted name and a word");
	is_str(run_q(st, "author:\"Munoz Ines\"", NULL), "",
	    "author: is a phrase");
	is_str(run_q(st, "author:cho author:alvarado", NULL), "4 3",
	    "two author: predicates: either");
	is_str(run_q(st, "cuts -author:staff", NULL), "1", "-author:");
	is_str(run_q(st, "-author:munoz", NULL), "4 2 5 3",
	    "-author: alone");
	is_str(run_q(st, "author:staff", NULL), "5",
	    "author: only looks at the author");
	is_str(run_q(st, "before:2025-02-24", NULL), "3 1", "before:");
	is_str(run_q(st, "after:2025-03-17", NULL), "6 4 2",
	    "after: includes the day");
	is_str(run_q(st, "after:2025-02-23 before:2025-03-02", NULL), "5 3",
	    "after: and before:");
	is_str(run_q(st, "-before:2025-03-17 feed:" FEED_A, NULL), "6 2",
	    "-before:");
	is_str(run_q(st, "unread", NULL), "6 4 2 1", "unread");
	is_str(run_q(st, "-unread", NULL), "5 3", "-unread");
	is_str(run_q(st, "starred", NULL), "2", "starred");
	is_str(run_q(st, "quoted", NULL), "4", "quoted");
	is_str(run_q(st, "-quoted tag:doge", NULL), "5 3", "-quoted");
	is_str(run_q(st, "unread AND cuts", NULL), "1",
	    "AND next to a predicate is fine");
	is_str(run_q(st, "cuts AND unread AND tag:general", NULL), "1",
	    "AND between predicates");
	is_str(run_q(st, "(unread OR federal) feed:" FEED_B, NULL), "4 5 3",
	    "a predicate word inside parentheses is a word");
	is_str(run_q(st, "\"unread\"", NULL), "",
	    "a predicate word in quotes is a word");

	/* the store_query filters narrow it */
	sq.unread = 1;
	is_str(run_q(st, "feed:" FEED_B, &sq), "4", "with --unread");
	memset(&sq, 0, sizeof(sq));
	sq.tag = "general";
	is_str(run_q(st, "cuts", &sq), "1", "with --tag");
	memset(&sq, 0, sizeof(sq));
	sq.feed_url = FEED_B;
	is_str(run_q(st, "cuts", &sq), "5", "with --feed");
	memset(&sq, 0, sizeof(sq));
	sq.limit = 2;
	sq.offset = 1;
	is_str(run_q(st, "unread", &sq), "4 2", "limit and offset");
}

static const char *
err_of(struct store *st, const char *q)
{
	static char out[400];
	struct rule_error err;
	struct rule *r;

	if (rule_parse(st, q, &r, &err) == 0) {
		rule_free(r);
		return "parsed";
	}
	snprintf(out, sizeof(out), "%s", err.msg);
	return out;
}

static void
test_errors(struct store *st)
{
	struct rule_error err;
	struct rule *r;

	is_str(err_of(st, "DOGE OR OR USDS"),
	    "column 9: unexpected \"OR\"", "a doubled OR, at the second");
	is_str(err_of(st, "federal AND OR workers"),
	    "column 13: unexpected \"OR\"", "AND OR");
	is_str(err_of(st, "ORANGE OR OR x"), "column 11: unexpected \"OR\"",
	    "a word starting with OR is not the error");
	is_str(err_of(st, "DOGE OR"), "column 8: the query ends too soon "
	    "(an operator without its operand, or an unclosed NEAR?)",
	    "a dangling OR: at the end");
	is_str(err_of(st, "DOGE a.b"), "column 7: unexpected \".\"",
	    "punctuation");
	is_str(err_of(st, "Musk \"DOGE"), "column 6: unterminated string",
	    "an unterminated string, at its quote");
	is_str(err_of(st, "x (DOGE OR y"), "column 3: '(' is not closed",
	    "an unclosed parenthesis");
	is_str(err_of(st, "DOGE) x"), "column 5: unbalanced ')'",
	    "an unbalanced parenthesis");
	is_str(err_of(st, "DOGE colour:red"), "column 6: no such column "
	    "\"colour\" (columns are title, author and text)",
	    "an unknown column");
	is_str(err_of(st, "NEAR(a b, x)"), "column 11: NEAR wants a number "
	    "of tokens, got \"x\"", "NEAR with a bad distance");
	is_str(err_of(st, "DOGE after:2025-13-01"),
	    "column 12: after: wants a date as YYYY-MM-DD", "a bad month");
	is_str(err_of(st, "before:2025-02-29"),
	    "column 8: before: wants a date as YYYY-MM-DD",
	    "29 February 2025 does not exist");
	is_str(err_of(st, "before:2024-02-29"), "parsed",
	    "29 February 2024 does");
	is_str(err_of(st, "x feed: y"), "column 3: feed: wants a feed URL "
	    "right after the colon", "feed: without a value");
	is_str(err_of(st, "author:\"Muñoz x"), "column 8: unterminated string",
	    "author: with an unterminated quote");
	is_str(err_of(st, "DOGE OR unread"), "column 6: a predicate can't "
	    "follow OR: it applies to the whole query (to leave out, write "
	    "-unread)", "OR before a predicate");
	is_str(err_of(st, "DOGE NOT tag:x"), "column 6: a predicate can't "
	    "follow NOT: it applies to the whole query (to leave out, write "
	    "-tag:x)", "NOT before a predicate");
	is_str(err_of(st, "unread OR DOGE"), "column 8: a predicate can't be "
	    "followed by OR: it applies to the whole query",
	    "OR after a predicate");
	is_str(err_of(st, "   "), "column 1: the query is empty", "empty");
	is_str(err_of(st, "Muñoz Muñoz OR OR"),
	    "column 16: unexpected \"OR\"", "columns count characters");
	ok(rule_parse(st, "Muñoz Muñoz OR OR", &r, &err) != 0 &&
	    err.offset == 17 && err.column == 16, "offset in bytes");
	is_str(err_of(st, "unread starred"), "parsed",
	    "predicates only");
}

static void
test_rule_api(struct store *st)
{
	struct rule_error err;
	struct rule *r;
	int64_t unread = -1, total = -1;

	ok(rule_parse(st, "cuts author:staff", &r, &err) == 0, "parse");
	is_str(rule_fts(r), "(cuts             ) AND (author : (\"staff\"))",
	    "author: joins the FTS5 expression");
	is_int(rule_match(r, ids[5]), 1, "rule_match: yes");
	is_int(rule_match(r, ids[1]), 0, "rule_match: no");
	is_int(rule_match(r, ids[1]), 0, "rule_match again (reset)");
	rule_free(r);
	ok(rule_parse(st, "tag:doge", &r, &err) == 0 && rule_fts(r) == NULL,
	    "no FTS part");
	ok(rule_count(r, NULL, &unread, &total) == 0 && unread == 1 &&
	    total == 3, "rule_count");
	is_int(rule_match(r, ids[3]), 1, "rule_match without FTS");
	rule_free(r);
}

static int
beat_cb(void *ctx, const struct beat *b)
{
	struct dstr *d = ctx;

	dstr_addf(d, "%s %lld/%lld %d%s%s;", b->name, (long long)b->unread,
	    (long long)b->total, b->line, b->error ? " " : "",
	    b->error ? b->error : "");
	return 0;
}

static void
test_beats(struct store *st)
{
	struct config cfg;
	struct rule_error err;
	struct dstr d = DSTR_INIT;
	struct collect c = { DSTR_INIT };
	const char *why;

	config_init(&cfg);
	config_parse(&cfg, "beat cs DOGE OR USDS OR \"Personnel Management\""
	    "\nbeat bad DOGE OR\nbeat cs2 cuts unread # comment\n", "cfg");
	is_int(beats_add(st, &cfg, "union", "Union OR AFGE", &err), 0,
	    "beat add");
	is_int(beats_add(st, &cfg, "peaks", "peak*", &err), 0,
	    "another");
	is_int(beats_add(st, &cfg, "union", "sued OR union", &err), 1,
	    "beat add again: changed");
	is_int(beats_add(st, &cfg, "broken", "x OR", &err), -1,
	    "beat add with a bad query");
	is_str(err.msg, "column 5: the query ends too soon (an operator "
	    "without its operand, or an unclosed NEAR?)", "its error");
	is_int(beats_add(st, &cfg, "cs", "x", &err), -1,
	    "a name the config defines");
	is_str(store_errmsg(st), "the beat cs is defined in the config file, "
	    "line 1; change it there", "says where");
	ok(beats_name_check("a b", &why) != 0 &&
	    beats_name_check("all", &why) != 0 &&
	    beats_name_check("-x", &why) != 0 &&
	    beats_name_check("civil-service", &why) == 0 &&
	    beats_name_check("公务员", &why) == 0, "names");

	ok(beats_each(st, &cfg, 1, beat_cb, &d) == 0, "beats_each");
	is_str(d.buf, "bad -1/-1 2 column 8: the query ends too soon (an "
	    "operator without its operand, or an unclosed NEAR?);"
	    "cs 2/3 1;cs2 1/1 3;peaks 1/1 0;union 1/1 0;",
	    "all beats, by name, with counts");

	ok(beats_articles_each(st, &cfg, "union", NULL, collect_cb, &c) == 0,
	    "a saved beat's articles");
	is_str(c.d.buf, "4", "union");
	dstr_reset(&c.d);
	is_int(beats_add(st, &cfg, "union", "sued OR union OR bullets", &err),
	    1, "change it");
	beats_articles_each(st, &cfg, "union", NULL, collect_cb, &c);
	is_str(c.d.buf, "4 3", "the change applies at once");
	dstr_reset(&c.d);
	beats_articles_each(st, &cfg, "cs", NULL, collect_cb, &c);
	is_str(c.d.buf, "6 3 1", "a config beat (phrase in quotes kept)");
	dstr_reset(&c.d);
	is_int(beats_articles_each(st, &cfg, "nosuch", NULL, collect_cb, &c),
	    1, "an unknown beat");
	is_int(beats_articles_each(st, &cfg, "bad", NULL, collect_cb, &c),
	    -1, "a bad beat");
	is_str(store_errmsg(st), "beat bad: column 8: the query ends too soon "
	    "(an operator without its operand, or an unclosed NEAR?)",
	    "its error");

	is_int(beats_remove(st, &cfg, "peaks"), 0, "beat remove");
	is_int(beats_remove(st, &cfg, "peaks"), 1, "again: no such beat");
	is_int(beats_remove(st, &cfg, "cs"), -1, "a config beat");
	dstr_reset(&d);
	beats_each(st, NULL, 0, beat_cb, &d);
	is_str(d.buf, "union -1/-1 0;", "without the config or counts");
	dstr_release(&d);
	dstr_release(&c.d);
	config_release(&cfg);
}

/* Ingest items into feed fid through a filter, as ingest.c does. */
static int
ingest(struct store *st, struct beats_filter *f, int64_t fid,
    const char *const *items, int64_t *skipped)
{
	struct feed_item it;
	enum store_upsert r;
	int64_t id;
	int rc = 0, m;

	*skipped = 0;
	store_begin(st);
	for (; *items; items += 2) {
		feed_item_init(&it);
		it.id = (char *)items[0];
		it.title = (char *)items[0];
		it.summary = (char *)items[1];
		it.published = now;
		if ((m = beats_filter_known(f, &it)) != 0) {
			if (m < 0)
				rc = -1;
			else
				(*skipped)++;
			continue;
		}
		if (store_item_upsert(st, fid, &it, items[1], NULL, now, &id,
		    &r) != 0)
			rc = -1;
		m = beats_filter_item(f, &it, id, r == STORE_ITEM_NEW);
		if (m < 0)
			rc = -1;
		if (m == 1)
			(*skipped)++;
	}
	if (beats_filter_finish(f) != 0)
		rc = -1;
	if (rc == 0)
		store_commit(st);
	else
		store_rollback(st);
	return rc;
}

static int
rules_cb(void *ctx, const struct beats_rule *r)
{
	struct dstr *d = ctx;

	dstr_addf(d, "%s %s %s%s%s last=%lld hidden=%lld%s%s%s;",
	    r->kind == BEATS_KEEP ? "keep" : "ignore", r->target, r->query,
	    r->drop ? " drop" : "", r->days ? " expiring" : "",
	    (long long)r->last, (long long)r->hidden,
	    r->line ? " config" : "", r->error ? ": " : "",
	    r->error ? r->error : "");
	return 0;
}

static void
test_keep_ignore(struct store *st)
{
	static const char *const batch1[] = {
		"k1", "DOGE cuts more contracts",
		"k2", "the weather is fine",
		"k3", "USDS staff resign",
		NULL,
	};
	static const char *const batch1b[] = {
		"k1", "DOGE cuts more contracts",
		"k2", "the weather is still fine",
		"k3", "USDS staff resign",
		NULL,
	};
	static const char *const batch2[] = {
		"k1", "DOGE cuts more contracts, updated",
		"k2", "the weather is fine",
		"k4", "baseball scores and DOGE",
		"k5", "weather and more weather",
		NULL,
	};
	const char *tags[] = { "general" };
	struct config cfg;
	struct beats_filter *f;
	struct rule_error err;
	struct dstr d = DSTR_INIT;
	int64_t fid, skipped, rid, rid2;
	char sql[200];
	int maxid;

	store_feed_add(st, "https://c.example/feed", "Gamma", tags, 1, &fid);
	config_init(&cfg);
	config_parse(&cfg, "beat civ DOGE OR USDS\n"
	    "feed tag:general keep civ\n", "cfg");

	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch1, &skipped) == 0, "ingest with a keep "
	    "rule");
	is_int(skipped, 1, "one item skipped");
	is_int(beats_filter_nwarnings(f), 0, "no warnings");
	beats_filter_free(f);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM articles WHERE "
	    "feed_id = %lld", (long long)fid);
	is_int(count(st, sql), 2, "two stored");
	is_int(count(st, "SELECT count(*) FROM articles_fts WHERE "
	    "articles_fts MATCH 'weather'"), 0, "the skipped one is not "
	    "in the index either");
	is_int(count(st, "SELECT count(*) FROM beats_skipped"), 1,
	    "it is remembered");
	maxid = count(st, "SELECT max(id) FROM articles");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch1, &skipped) == 0 && skipped == 1,
	    "the next poll skips it again");
	beats_filter_free(f);
	is_int(count(st, "SELECT max(id) FROM articles"), maxid,
	    "without storing it");
	is_int(count(st, "SELECT count(*) FROM rule_hits WHERE count = 1"), 1,
	    "and counts it");
	exec(st, "CREATE TEMP TABLE old_memo AS SELECT hash FROM beats_skipped");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch1b, &skipped) == 0 && skipped == 1,
	    "changed, it is looked at again (and skipped)");
	beats_filter_free(f);
	is_int(count(st, "SELECT count(*) FROM beats_skipped WHERE hash IN"
	    " (SELECT hash FROM old_memo)"), 0, "and remembered anew");
	exec(st, "DELETE FROM beats_skipped");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ingest(st, f, fid, batch1, &skipped);
	beats_filter_free(f);
	config_release(&cfg);
	config_init(&cfg);
	config_parse(&cfg, "beat civ DOGE OR USDS OR weather\n"
	    "feed tag:general keep civ\n", "cfg");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch1, &skipped) == 0 && skipped == 0,
	    "a changed beat looks at it again");
	beats_filter_free(f);
	is_int(count(st, "SELECT count(*) FROM articles WHERE guid = 'k2'"), 1,
	    "and keeps it");
	is_int(count(st, "SELECT count(*) FROM beats_skipped"), 0,
	    "the feed's skipped items no longer carried are forgotten");
	exec(st, "DELETE FROM articles WHERE guid = 'k2'");
	config_release(&cfg);
	config_init(&cfg);
	config_parse(&cfg, "beat civ DOGE OR USDS\n"
	    "feed tag:general keep civ\n", "cfg");

	/* an existing item that no longer matches is kept */
	ok(beats_ignore_add(st, "baseball", 0, 0, now, &rid, &err) == 0,
	    "an ignore rule");
	ok(beats_ignore_add(st, "baseball", 0, 0, now, &rid2, &err) == 1 &&
	    rid2 == rid, "the same again: exists");
	ok(beats_ignore_add(st, "baseball OR", 0, 0, now, &rid2, &err) == -1,
	    "a bad ignore rule");
	exec(st, "UPDATE articles SET text = 'nothing' WHERE guid = 'k3'");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch2, &skipped) == 0, "second ingest");
	is_int(skipped, 2, "the off-beat item and the new one skipped again");
	beats_filter_free(f);
	is_int(count(st, sql), 3, "k1 updated, k3 kept, k4 stored");
	snprintf(sql, sizeof(sql), "SELECT hidden = %lld FROM articles WHERE "
	    "guid = 'k4'", (long long)rid);
	is_int(count(st, sql), 1, "k4 is hidden by the ignore rule");
	is_int(count(st, "SELECT hidden FROM articles WHERE guid = 'k1'"), 0,
	    "an updated item is not hidden");

	beats_rules_each(st, &cfg, now, rules_cb, &d);
	is_str(d.buf, "keep tag:general civ last=2 hidden=0 config;"
	    "ignore  baseball last=1 hidden=1;", "rules with counters");
	dstr_reset(&d);

	/* removing the rule shows what it hid */
	is_int(beats_rule_remove(st, rid), 0, "remove the ignore rule");
	is_int(count(st, "SELECT hidden FROM articles WHERE guid = 'k4'"), 0,
	    "k4 shown again");
	is_int(beats_rule_remove(st, rid), 1, "no such rule");

	/* a command keep rule wins over the config's; all keeps all */
	ok(beats_keep_set(st, "https://c.example/feed", "all") == 0,
	    "keep all for the feed");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch2, &skipped) == 0 && skipped == 0,
	    "keep all: nothing skipped");
	beats_filter_free(f);
	is_int(beats_keep_set(st, "https://nosuch.example/", "civ"), 1,
	    "keep rule for an unknown feed");
	ok(beats_keep_set(st, "https://c.example/feed", "nosuch") == 0,
	    "keep rule with an unknown beat");
	f = beats_filter_new(st, fid, "https://c.example/feed", &cfg, now);
	ok(ingest(st, f, fid, batch1, &skipped) == 0, "ingest with it");
	is_int(beats_filter_nwarnings(f), 1, "a warning");
	is_str(beats_filter_warning(f, 0), "keep rule: no beat named nosuch; "
	    "keeping every item", "which says what");
	beats_filter_free(f);
	beats_keep_set(st, "https://c.example/feed", NULL);
	config_release(&cfg);
	dstr_release(&d);
}

/*
 * A feed with more new items than the probe holds at once (rule.c), some
 * of them deleted as they come (their ids used again): each item is
 * matched on its own words, by the keep rule and an ignore rule.
 */
static void
test_many(struct store *st)
{
	static char bufs[30][2][64];
	const char *items[61];
	struct config cfg;
	struct beats_filter *f;
	struct rule_error err;
	struct dstr want = DSTR_INIT, got = DSTR_INIT;
	sqlite3_stmt *s;
	int64_t fid, skipped, rid;
	int i;

	for (i = 0; i < 30; i++) {
		snprintf(bufs[i][0], sizeof(bufs[i][0]), "m%02d", i);
		if (i % 3 == 0)
			snprintf(bufs[i][1], sizeof(bufs[i][1]), "%s %d",
			    i % 6 ? "federal workers rally, day" :
			    "baseball and DOGE cuts, day", i);
		else
			snprintf(bufs[i][1], sizeof(bufs[i][1]), "weather, "
			    "federal offices closed for workers %d", i);
		items[2 * i] = bufs[i][0];
		items[2 * i + 1] = bufs[i][1];
		if (i % 3 == 0)
			dstr_addf(&want, "%s%s,", bufs[i][0],
			    i % 6 ? "" : " hidden");
	}
	items[60] = NULL;
	store_feed_add(st, "https://m.example/feed", "Mu", NULL, 0, &fid);
	config_init(&cfg);
	config_parse(&cfg, "beat many \"federal workers\" OR "
	    "NEAR(DOGE cuts, 2)\nfeed https://m.example/feed keep many\n",
	    "cfg");
	beats_ignore_add(st, "baseball", 0, 0, now, &rid, &err);
	f = beats_filter_new(st, fid, "https://m.example/feed", &cfg, now);
	ok(ingest(st, f, fid, items, &skipped) == 0 && skipped == 20,
	    "30 new items: 20 skipped");
	beats_filter_free(f);
	sqlite3_prepare_v2(store_db(st), "SELECT guid, hidden FROM articles"
	    " WHERE feed_id = ?1 ORDER BY guid", -1, &s, NULL);
	sqlite3_bind_int64(s, 1, fid);
	while (sqlite3_step(s) == SQLITE_ROW)
		dstr_addf(&got, "%s%s,", sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1) ? " hidden" : "");
	sqlite3_finalize(s);
	is_str(got.buf, want.buf, "each kept or hidden by its own words");
	beats_rule_remove(st, rid);
	config_release(&cfg);
	dstr_release(&want);
	dstr_release(&got);
}

static void
test_expiry(struct store *st)
{
	static const char *const items[] = {
		"e1", "the Super Bowl halftime show",
		"e2", "federal workers",
		NULL,
	};
	static const char *const items2[] = {
		"e3", "the Super Bowl again",
		"e4", "Super Bowl fatigue",
		NULL,
	};
	struct config cfg;
	struct beats_filter *f;
	struct dstr d = DSTR_INIT;
	int64_t fid, skipped;

	store_feed_add(st, "https://e.example/feed", "Epsilon", NULL, 0, &fid);
	config_init(&cfg);
	config_parse(&cfg, "ignore --expire 7 --drop \"Super Bowl\"\n"
	    "ignore --expire x y\n", "cfg");
	f = beats_filter_new(st, fid, "https://e.example/feed", &cfg, now);
	ok(ingest(st, f, fid, items, &skipped) == 0 && skipped == 1,
	    "an expiring --drop rule drops a match");
	beats_filter_free(f);
	is_int(count(st, "SELECT count(*) FROM articles WHERE guid = 'e1'"), 0,
	    "not stored");
	beats_rules_each(st, &cfg, now, rules_cb, &d);
	ok(strstr(d.buf, "ignore  \"Super Bowl\" drop expiring last=1 "
	    "hidden=0 config;") != NULL, "listed with its count");
	ok(strstr(d.buf, "ignore  y last=0 hidden=0 config: --expire wants "
	    "a number of days;") != NULL, "a bad directive is listed");
	dstr_reset(&d);

	/* eight days later it no longer applies */
	f = beats_filter_new(st, fid, "https://e.example/feed", &cfg,
	    now + 8 * 86400);
	ok(ingest(st, f, fid, items2, &skipped) == 0 && skipped == 0,
	    "expired: nothing dropped");
	beats_filter_free(f);
	is_int(count(st, "SELECT count(*) FROM articles WHERE guid IN ('e3',"
	    " 'e4')"), 2, "stored");

	/* and a rule gone from the config goes from the table */
	config_release(&cfg);
	config_init(&cfg);
	beats_rules_each(st, &cfg, now, rules_cb, &d);
	ok(strstr(d.buf, "Super Bowl") == NULL, "gone with the config line");
	dstr_release(&d);
	config_release(&cfg);
}

static void
test_hidden(struct store *st)
{
	struct store_query q = { 0 };
	int64_t total = 0;
	char sql[200];

	snprintf(sql, sizeof(sql), "UPDATE articles SET hidden = 99 WHERE "
	    "id = %lld", (long long)ids[1]);
	exec(st, sql);
	is_str(run_q(st, "DOGE OR USDS", NULL), "6",
	    "hidden items are left out of rules");
	q.feed_url = FEED_A;
	store_articles_count(st, &q, &total);
	is_int(total, 2, "and out of store_articles_each");
	snprintf(sql, sizeof(sql), "UPDATE articles SET hidden = 0 WHERE "
	    "id = %lld", (long long)ids[1]);
	exec(st, sql);
}

struct idlist {
	int64_t	 v[400];
	int	 n;
};

static int
idlist_cb(void *ctx, const struct store_article *a)
{
	struct idlist *l = ctx;

	if (l->n < 400)
		l->v[l->n++] = a->id;
	return 0;
}

/*
 * A page of a beat is the same whichever way it is found: by asking the
 * index about the newest rows one by one (most rows match) or by
 * collecting every match (few do).
 */
static void
test_window(struct store *st)
{
	static const char *const queries[] = {
		"feed:https://w.example/feed alpha",	/* 9 in 10 */
		"feed:https://w.example/feed beta",	/* 1 in 3 */
		"feed:https://w.example/feed gamma",	/* 1 in 37 */
		"feed:https://w.example/feed -author:Desk", /* NOT only */
		"feed:https://w.example/feed alpha unread",
		NULL,
	};
	static const int64_t pages[][2] = {	/* offset, limit */
		{ 0, 1 }, { 0, 50 }, { 5, 20 }, { 40, 60 }, { 0, 300 },
		{ 200, 50 },
	};
	struct dstr text = DSTR_INIT, guid = DSTR_INIT;
	struct store_query q;
	struct rule_error err;
	struct idlist all, page;
	struct rule *r;
	int64_t fid, id;
	char name[200];
	size_t i, k;
	int j, good, want;

	store_feed_add(st, "https://w.example/feed", "Window", NULL, 0, &fid);
	store_begin(st);
	for (j = 0; j < 300; j++) {
		dstr_reset(&text);
		dstr_reset(&guid);
		dstr_addf(&guid, "w%d", j);
		dstr_addf(&text, "zeta%s%s%s", j % 10 ? " alpha" : "",
		    j % 3 ? "" : " beta", j % 37 ? "" : " gamma");
		/* every tenth shares its date with the one before */
		id = add(st, fid, guid.buf, guid.buf, j % 5 ? "Wire" : "Desk",
		    text.buf, date_of(2025, 1, 1) - (j - (j % 10 == 9)) *
		    3600);
		if (j % 4 == 0)
			store_article_set_read(st, id, 1);
	}
	store_commit(st);
	for (i = 0; queries[i]; i++) {
		if (rule_parse(st, queries[i], &r, &err) != 0) {
			ok(0, err.msg);
			continue;
		}
		memset(&q, 0, sizeof(q));
		all.n = 0;
		rule_articles_each(r, &q, idlist_cb, &all);
		good = all.n > 0;
		for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
			q.offset = pages[k][0];
			q.limit = pages[k][1];
			page.n = 0;
			if (rule_articles_each(r, &q, idlist_cb, &page) != 0)
				good = 0;
			want = all.n - (int)q.offset;
			want = want < 0 ? 0 : want < q.limit ? want :
			    (int)q.limit;
			for (j = 0; j < want && j < page.n; j++)
				if (page.v[j] != all.v[j + q.offset])
					break;
			if (page.n != want || j < want) {
				diag("%s, offset %lld limit %lld: %d rows, "
				    "want %d, differ at %d", queries[i],
				    (long long)q.offset, (long long)q.limit,
				    page.n, want, j);
				good = 0;
			}
		}
		snprintf(name, sizeof(name), "%s: every page as in the whole "
		    "list (%d rows)", queries[i], all.n);
		ok(good, name);
		rule_free(r);
	}
	dstr_release(&text);
	dstr_release(&guid);
}

static int
nop_cb(void *ctx, const struct store_article *a)
{
	(void)ctx;
	(void)a;
	return 0;
}

/* The query plan of the rule's prepared statement whose SQL has marker. */
static void
plan_of(struct store *st, const char *marker, struct dstr *plan)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s, *p;

	for (s = sqlite3_next_stmt(store_db(st), NULL); s;
	    s = sqlite3_next_stmt(store_db(st), s))
		if (strstr(sqlite3_sql(s), marker))
			break;
	if (s == NULL)
		return;
	dstr_addf(&sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	if (sqlite3_prepare_v2(store_db(st), sql.buf, -1, &p, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(p) == SQLITE_ROW)
			dstr_addf(plan, "%s; ", sqlite3_column_text(p, 3));
		sqlite3_finalize(p);
	}
	dstr_release(&sql);
}

static void
test_plan(struct store *st)
{
	struct rule_error err;
	struct rule *r;
	struct store_query q = { 0 };
	struct dstr plan = DSTR_INIT;

	/*
	 * A beat view walks the date index newest first and matches each
	 * row on its own words, stopping at the limit (no sort, no walk of
	 * every match).
	 */
	rule_parse(st, "DOGE OR USDS unread", &r, &err);
	q.limit = 50;
	rule_articles_each(r, &q, nop_cb, NULL);
	plan_of(st, "SELECT a.id FROM articles a", &plan);
	diag("window plan: %s", plan.buf);
	ok(strstr(plan.buf, "SCAN a USING INDEX articles_unread") != NULL &&
	    strstr(plan.buf, "TEMP B-TREE") == NULL,
	    "the window walks a date index (of unread articles), unsorted");
	dstr_reset(&plan);

	/* past the window: the full-text matches, collected once */
	q.limit = 1000;
	rule_articles_each(r, &q, nop_cb, NULL);
	plan_of(st, "LIMIT ?3", &plan);
	diag("list plan: %s", plan.buf);
	ok(strstr(plan.buf, "SCAN a USING INDEX articles_unread") != NULL,
	    "the list walks a date index (of unread articles)");
	ok(strstr(plan.buf, "VIRTUAL TABLE INDEX") != NULL,
	    "the full-text index gives the matches");
	ok(strstr(plan.buf, "TEMP B-TREE") == NULL, "nothing is sorted");
	dstr_reset(&plan);
	rule_count(r, NULL, NULL, NULL);
	plan_of(st, "count(*), coalesce", &plan);
	diag("count plan: %s", plan.buf);
	ok(strstr(plan.buf, "COVERING INDEX articles_feed_state") != NULL &&
	    strstr(plan.buf, "INTEGER PRIMARY KEY") == NULL,
	    "the count reads the state index, not each match's row");
	rule_free(r);
	dstr_release(&plan);
}

/*
 * quick.c's sure matches against FTS5's own answer on the same texts:
 * random words around the rule's, with neighbours unicode61 splits at or
 * not (accented letters, marks, digits, '_', curly quotes, dashes).
 */
static void
test_quick(void)
{
	static const char *const exprs[] = {
		"DOGE OR OPM OR federal + workers OR NEAR(civil service, 3)",
		"Usds",
		"title : DOGE OR afge OR \"OR NTEU\"",
	};
	static const char *const pieces[] = {
		"doge", "DOGE", "Doge", "opm", "OPM", "afge", "usds", "USDS",
		"ntEU", "federal", "workers", "civil", "service", "the", "1",
		"D\xc3\x96GE", "\xc3\xa9", "\xc3\x9f", "\xcc\x81", "_",
		"\xe2\x80\x99", "\xe2\x80\x94", "\xc2\xa0", "\xc2\xab",
		"'", ".", "-", "/", "2025", "x",
	};
	struct quick *q;
	sqlite3 *db;
	sqlite3_stmt *put, *ask;
	struct dstr t = DSTR_INIT;
	unsigned long rng = 12345;
	size_t e, k, n;
	int yes = 0, sure = 0, wrong = 0, fts;

	q = beats_quick_new("DOGE OR OPM OR federal + workers OR (a OR b)");
	ok(q != NULL && beats_quick_match(q, "the opm.", 8) &&
	    !beats_quick_match(q, "federal", 7), "words of the top level only");
	beats_quick_free(q);
	ok(beats_quick_new("(DOGE OR OPM) AND x") == NULL &&
	    beats_quick_new("DOGE OPM") == NULL &&
	    beats_quick_new("\"DOGE OR OPM\"") == NULL &&
	    beats_quick_new("DOGE NOT OPM") == NULL,
	    "none under AND, NOT, implicit AND, nor in a string");
	sqlite3_open(":memory:", &db);
	sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, author,"
	    " text, tokenize='unicode61 remove_diacritics 2')", 0, 0, 0);
	sqlite3_prepare_v2(db, "INSERT INTO t (rowid, text) VALUES (1, ?1)",
	    -1, &put, NULL);
	for (e = 0; e < sizeof(exprs) / sizeof(exprs[0]); e++) {
		q = beats_quick_new(exprs[e]);
		sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1",
		    -1, &ask, NULL);
		sqlite3_bind_text(ask, 1, exprs[e], -1, SQLITE_STATIC);
		for (n = 0; n < 3000; n++) {
			dstr_reset(&t);
			for (k = 0; k < 1 + n % 7; k++) {
				rng = rng * 6364136223846793005UL + 1442695040888963407UL;
				dstr_adds(&t, pieces[(rng >> 33) %
				    (sizeof(pieces) / sizeof(pieces[0]))]);
				if ((rng >> 20) % 3 == 0)
					dstr_addc(&t, ' ');
			}
			sqlite3_exec(db, "DELETE FROM t", 0, 0, 0);
			sqlite3_bind_text(put, 1, t.buf, (int)t.len,
			    SQLITE_STATIC);
			sqlite3_step(put);
			sqlite3_reset(put);
			fts = sqlite3_step(ask) == SQLITE_ROW &&
			    sqlite3_column_int(ask, 0) > 0;
			sqlite3_reset(ask);
			yes += fts;
			if (beats_quick_match(q, t.buf, t.len)) {
				sure++;
				if (!fts) {
					wrong++;
					diag("'%s' ~ '%s': quick yes, FTS5 no",
					    exprs[e], t.buf);
				}
			}
		}
		sqlite3_finalize(ask);
		beats_quick_free(q);
	}
	diag("%d sure matches, %d wrong, of %d FTS5 matches", sure, wrong,
	    yes);
	ok(wrong == 0, "no sure match that FTS5 does not confirm");
	ok(sure > yes / 3, "and many matches are sure");
	sqlite3_finalize(put);
	sqlite3_close(db);
	dstr_release(&t);
}

int
main(void)
{
	struct store *st;
	char path[256];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/a.db", dir);
	now = (int64_t)time(NULL);
	ok(store_open(&st, path, 0) == 0, "open an archive");
	is_int(count(st, "SELECT count(*) FROM pragma_table_info('articles')"
	    " WHERE name = 'hidden'"), 1, "the migration adds hidden");
	build(st);
	test_queries(st);
	test_errors(st);
	test_rule_api(st);
	test_beats(st);
	test_hidden(st);
	test_keep_ignore(st);
	test_many(st);
	test_expiry(st);
	test_window(st);
	test_plan(st);
	test_quick();
	store_close(st);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
