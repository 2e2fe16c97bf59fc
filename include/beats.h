/*
 * beats.h: rules over the archive: beats, keep rules and ignore rules.
 *
 * A rule is a query: SQLite FTS5 syntax over title, author and text,
 * combined with field predicates written as words at the top level of the
 * query (outside parentheses and "strings"):
 *
 *	feed:URL  tag:T  author:NAME  before:YYYY-MM-DD  after:YYYY-MM-DD
 *	unread  starred  quoted
 *
 * A value with blanks is written in double quotes (author:"Inés Muñoz").
 * Predicates apply to the whole query (AND); several feed:, tag: or author:
 * predicates mean any of them; a leading '-' excludes (-tag:sports,
 * -unread).  after: is on or after that day, before: is before it (UTC, by
 * the article's date).  author:NAME matches NAME as a phrase in the author
 * field (case and accents ignored).  Everything else is passed to FTS5 as
 * written and checked by it.  A mistake is reported with its position.
 *
 * Beats are named rules, saved in the archive (`dossier beat add`) or
 * given in the config file (`beat NAME QUERY`); they are queries, never
 * copies, so changing one applies to the whole archive at once.
 *
 * Keep rules (`feed URL|tag:T keep BEAT` in the config, or `dossier add
 * URL --keep BEAT`) and ignore rules (`ignore [--expire DAYS] [--drop]
 * QUERY`, or `dossier rules add`) act on new items at ingest: an item that
 * its feed's keep rule does not match, or that an ignore rule with --drop
 * matches, is not stored (counted as skipped); an item an ignore rule
 * matches is stored hidden.  Existing items are never touched.
 *
 * Errors: functions return 0 or -1 with the message in store_errmsg();
 * lookups return 1 for "not found".  A struct rule belongs to the store it
 * was parsed with and must be freed before store_close().
 */
#ifndef DOSSIER_BEATS_H
#define DOSSIER_BEATS_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct config;
struct rule;

/* A mistake in a query. */
struct rule_error {
	size_t	 offset;		/* in bytes, into the query */
	size_t	 column;		/* 1-based, in characters; 0 when the
					   error is not the query's fault */
	char	 msg[320];		/* "column N: what is wrong" */
};

/*
 * Parse and check a query.  0 and *rp; -1 with err filled (column 0 for a
 * store error; its message is also in store_errmsg()).
 */
int	 rule_parse(struct store *, const char *query, struct rule **rp,
	    struct rule_error *err);
void	 rule_free(struct rule *);
const char *rule_text(const struct rule *);
/* The FTS5 expression the query runs (with author: folded in), or NULL. */
const char *rule_fts(const struct rule *);
/* Does article id match?  1 yes, 0 no, -1 error.  Hidden rows count. */
int	 rule_match(struct rule *, int64_t article_id);
/*
 * Matching articles, newest first, hidden ones left out.  q may be NULL;
 * its unread, starred, feed_url, tag, limit and offset narrow the result
 * further.  The rows are as store_articles_each() gives them.  A page of
 * a rule most rows match is found by matching the newest rows one by one
 * (in memory); otherwise the full-text index gives every match and the
 * walk of the dates stops at the limit.
 */
int	 rule_articles_each(struct rule *, const struct store_query *q,
	    store_article_fn, void *ctx);
/* Unread and total counts of what rule_articles_each() would list. */
int	 rule_count(struct rule *, const struct store_query *q,
	    int64_t *unread, int64_t *total);

/* Beats */
struct beat {
	const char	*name;
	const char	*query;
	int		 line;		/* config line; 0: saved in the archive */
	int64_t		 unread;	/* -1 when not counted or bad */
	int64_t		 total;
	const char	*error;		/* the query's mistake, or NULL */
};
typedef int (*beat_fn)(void *ctx, const struct beat *);

/* A usable beat name: 0; else -1 and *why. */
int	 beats_name_check(const char *name, const char **why);
/*
 * All beats (the config's, then the archive's not shadowed by one), by
 * name; with counts when counts is set.  cfg may be NULL.
 */
int	 beats_each(struct store *, const struct config *, int counts,
	    beat_fn, void *ctx);
/* A beat's query (borrowed from cfg or copied into *buf): 0, 1 unknown. */
int	 beats_query(struct store *, const struct config *, const char *name,
	    char **querybuf, const char **query, int *line);
/*
 * Open a beat as a rule: 0; 1 when there is no such beat; -1 with err
 * (a bad query, or a store error with err->column 0).
 */
int	 beats_open(struct store *, const struct config *, const char *name,
	    struct rule **rp, struct rule_error *err);
/* The beat's articles (see rule_articles_each); 1: no such beat. */
int	 beats_articles_each(struct store *, const struct config *,
	    const char *name, const struct store_query *q,
	    store_article_fn, void *ctx);
/*
 * Save a beat in the archive: 0 added, 1 changed; -1 with err (a bad query
 * or name, a name the config defines, or a store error).
 */
int	 beats_add(struct store *, const struct config *, const char *name,
	    const char *query, struct rule_error *err);
/* 0 removed; 1 no such beat in the archive (-1: defined by the config). */
int	 beats_remove(struct store *, const struct config *, const char *name);

/* Keep and ignore rules */
enum beats_rule_kind {
	BEATS_KEEP,
	BEATS_IGNORE,
};
struct beats_rule {
	int64_t		 id;
	enum beats_rule_kind kind;
	const char	*target;	/* keep: a feed URL or tag:T */
	const char	*query;		/* keep: the beat; ignore: the query */
	int		 drop;		/* ignore: don't store at all */
	int		 days;		/* ignore: expires after; 0 never */
	int64_t		 created;
	int64_t		 expires;	/* 0: never */
	int		 line;		/* config line; 0: saved in the archive */
	int64_t		 last;		/* matched (ignore) or skipped (keep)
					   in each feed's last poll */
	int64_t		 hidden;	/* items it hides now */
	const char	*error;		/* a bad query or unknown beat, or NULL */
};
typedef int (*beats_rule_fn)(void *ctx, const struct beats_rule *);

/*
 * Set (beat non-NULL) or clear the keep rule of a subscribed feed: 0;
 * 1 when there is no such feed.  beat "all" clears it too.
 */
int	 beats_keep_set(struct store *, const char *feed_url,
	    const char *beat);
/* Add an ignore rule: 0 added, 1 it exists (*idp set either way). */
int	 beats_ignore_add(struct store *, const char *query, int days,
	    int drop, int64_t now, int64_t *idp, struct rule_error *err);
/* 0 removed (what it hid is shown again); 1 no such rule; 2 it is in the
 * config file. */
int	 beats_rule_remove(struct store *, int64_t id);
/*
 * All keep and ignore rules (the config's are recorded in the archive
 * first, so that their expiry and counters persist).  now decides what has
 * expired.
 */
int	 beats_rules_each(struct store *, const struct config *, int64_t now,
	    beats_rule_fn, void *ctx);

/*
 * At ingest (inside the feed's transaction): each stored item goes through
 * beats_filter_item(), which deletes a NEW item that the feed's keep rule
 * does not match or a dropping ignore rule matches (1: skipped), hides one
 * an ignore rule matches (0), and never touches an existing item.  An item
 * left out is remembered: beats_filter_known(), before storing, says 1
 * (skip it) for an item the same rules left out before, unchanged.
 * beats_filter_finish() records the counts before the commit.  A rule that
 * can't be used (bad query, unknown beat) is left out with a warning.
 */
struct beats_filter;
struct feed_item;
struct beats_filter *beats_filter_new(struct store *, int64_t feed_id,
	    const char *feed_url, const struct config *, int64_t now);
int	 beats_filter_known(struct beats_filter *, const struct feed_item *);
int	 beats_filter_item(struct beats_filter *, const struct feed_item *,
	    int64_t article_id, int is_new);
int	 beats_filter_finish(struct beats_filter *);
size_t	 beats_filter_nwarnings(const struct beats_filter *);
const char *beats_filter_warning(const struct beats_filter *, size_t);
void	 beats_filter_free(struct beats_filter *);

#endif
