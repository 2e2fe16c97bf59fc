/*
 * ingest.c: a feed document into the archive; see ingest.h.
 *
 * parse (streaming) -> per item: render to plain text, upsert -> commit.
 * The transaction starts with the first item and ends in ingest_finish(),
 * so a feed's items land together or not at all.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "beats.h"
#include "dstr.h"
#include "fetch.h"
#include "ingest.h"
#include "parse.h"
#include "quotes.h"
#include "render.h"
#include "settings.h"
#include "store.h"
#include "xalloc.h"
#include "xref.h"

struct ingest {
	struct store		*st;
	const struct config	*cfg;
	int64_t			 feed_id;
	char			*feed_url;
	struct feed_parser	*parser;
	struct xref		*xref;
	struct quotes		*quotes;	/* re-anchored on updates */
	struct beats_filter	*filter;	/* keep and ignore rules */
	struct ingest_stats	 stats;
	struct dstr		 err;
	int64_t			 now;
	long			 max_items;	/* 0: keep all */
	long			 nitems;	/* read so far */
	int			 in_txn;
	int			 failed;
};

static int
on_item(void *vctx, const struct feed_item *it)
{
	struct ingest *in = vctx;
	struct render_doc doc;
	enum store_upsert r;
	const char *html;
	char *norm_url;
	int64_t id;
	int rc, skip;

	if (in->failed)
		return -1;
	if (!in->in_txn) {
		if (store_begin(in->st) != 0)
			goto fail;
		in->in_txn = 1;
	}
	/*
	 * max-items: the document's first items are its newest; past them
	 * an item is left out, and store_feed_trim() keeps the newest.
	 */
	if (in->max_items > 0 && ++in->nitems > in->max_items) {
		in->stats.over_max++;
		return 0;
	}
	/* left out before by the same rules, unchanged: src/beats */
	if ((skip = beats_filter_known(in->filter, it)) != 0) {
		if (skip < 0)
			goto fail;
		in->stats.skipped++;
		return 0;
	}
	html = it->content ? it->content : it->summary ? it->summary : "";
	render_html(&doc, html, strlen(html),
	    it->link ? it->link : in->feed_url);
	norm_url = xref_normalize_url(it->link);
	rc = store_item_upsert(in->st, in->feed_id, it, doc.plain, norm_url,
	    in->now, &id, &r);
	free(norm_url);
	if (rc == 0 && (skip = beats_filter_item(in->filter, it, id,
	    r == STORE_ITEM_NEW)) < 0)
		rc = -1;
	if (rc == 0 && !skip && r != STORE_ITEM_UNCHANGED &&
	    xref_index_article(in->xref, id, &doc) != 0)
		rc = -1;
	if (rc == 0 && r == STORE_ITEM_UPDATED &&
	    quotes_reanchor_article(in->quotes, id, NULL, NULL) != 0)
		rc = -1;
	render_doc_release(&doc);
	if (rc != 0)
		goto fail;
	if (skip) {		/* a new item the rules left out: deleted */
		in->stats.skipped++;
		return 0;
	}
	switch (r) {
	case STORE_ITEM_NEW:
		in->stats.new_items++;
		break;
	case STORE_ITEM_UPDATED:
		in->stats.updated++;
		break;
	case STORE_ITEM_UNCHANGED:
		in->stats.unchanged++;
		break;
	}
	return 0;
fail:
	dstr_reset(&in->err);
	dstr_adds(&in->err, store_errmsg(in->st));
	in->failed = 1;
	return -1;
}

struct ingest *
ingest_new(struct store *st, int64_t feed_id, const char *feed_url,
    const struct config *cfg)
{
	struct ingest *in = xcalloc(1, sizeof(*in));
	struct feed_limits lim;

	in->st = st;
	in->cfg = cfg;
	(void)store_cache_for_writing(st);	/* only faster */
	in->feed_id = feed_id;
	in->feed_url = xstrdup(feed_url);
	in->now = (int64_t)time(NULL);
	dstr_init(&in->err);
	in->xref = xref_new(st);
	in->quotes = quotes_new(st);
	in->filter = beats_filter_new(st, feed_id, feed_url, cfg, in->now);
	feed_limits_of_feed(cfg, st, feed_id, feed_url, &lim, &in->max_items);
	in->parser = feed_parser_new(feed_url, &lim, on_item, in);
	return in;
}

static void
fail_with_parser(struct ingest *in)
{
	if (!in->failed) {
		dstr_reset(&in->err);
		dstr_adds(&in->err, feed_parser_errmsg(in->parser));
		in->failed = 1;
	}
}

int
ingest_push(struct ingest *in, const char *buf, size_t len)
{
	if (in->failed)
		return -1;
	if (feed_parser_push(in->parser, buf, len) != 0) {
		fail_with_parser(in);
		return -1;
	}
	return in->failed ? -1 : 0;
}

void
ingest_abort(struct ingest *in)
{
	if (!in->failed) {
		dstr_reset(&in->err);
		dstr_adds(&in->err, "aborted");
		in->failed = 1;
	}
}

int
ingest_finish(struct ingest *in)
{
	int64_t trimmed = 0;

	if (!in->failed && feed_parser_finish(in->parser) != 0)
		fail_with_parser(in);
	if (!in->failed) {
		if (!in->in_txn && store_begin(in->st) != 0)
			goto fail;
		in->in_txn = 1;
		if (store_feed_set_meta(in->st, in->feed_id,
		    feed_parser_meta(in->parser)) != 0 ||
		    beats_filter_finish(in->filter) != 0 ||
		    (in->max_items > 0 && store_feed_trim(in->st, in->feed_id,
		    in->max_items, &trimmed) != 0))
			goto fail;
		in->stats.over_max += trimmed;
		in->in_txn = 0;
		if (store_commit(in->st) != 0)
			goto fail;
		return 0;
	}
	if (in->in_txn)
		store_rollback(in->st);
	in->in_txn = 0;
	memset(&in->stats, 0, sizeof(in->stats));
	return -1;
fail:
	dstr_reset(&in->err);
	dstr_adds(&in->err, store_errmsg(in->st));
	in->failed = 1;
	if (in->in_txn)
		store_rollback(in->st);
	in->in_txn = 0;
	memset(&in->stats, 0, sizeof(in->stats));
	return -1;
}

const struct ingest_stats *
ingest_stats(const struct ingest *in)
{
	return &in->stats;
}

const char *
ingest_errmsg(const struct ingest *in)
{
	return in->err.len ? in->err.buf : "no error";
}

size_t
ingest_nwarnings(const struct ingest *in)
{
	return feed_parser_nwarnings(in->parser) +
	    beats_filter_nwarnings(in->filter);
}

const char *
ingest_warning(const struct ingest *in, size_t i)
{
	size_t n = feed_parser_nwarnings(in->parser);

	return i < n ? feed_parser_warning(in->parser, i) :
	    beats_filter_warning(in->filter, i - n);
}

size_t
ingest_nalternates(const struct ingest *in)
{
	return feed_parser_nalternates(in->parser);
}

const char *
ingest_alternate(const struct ingest *in, size_t i)
{
	return feed_parser_alternate(in->parser, i);
}

void
ingest_free(struct ingest *in)
{
	if (in == NULL)
		return;
	if (in->in_txn)
		store_rollback(in->st);
	feed_parser_free(in->parser);
	dstr_release(&in->err);
	xref_free(in->xref);
	quotes_free(in->quotes);
	beats_filter_free(in->filter);
	free(in->feed_url);
	free(in);
}
