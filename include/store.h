/*
 * store.h: the archive, one SQLite file.
 *
 * A struct store holds the connection and every prepared statement (each
 * prepared once, reset after use).  Functions return 0 on success and -1 on
 * error, with the message in store_errmsg(); lookups return 1 for "not
 * found".  Strings handed out in structs are owned by the struct and freed
 * by its _release function.  Feed and article text is stored as the parser
 * gave it (valid UTF-8); sanitising for a terminal is the front end's job.
 */
#ifndef DOSSIER_STORE_H
#define DOSSIER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"

struct store;
struct sqlite3;


enum {
	STORE_READONLY	= 1 << 0,
};

/*
 * Open (creating it and its directory if needed) and migrate the archive.
 * *stp is set even on failure, so that store_errmsg() can say why; close it
 * with store_close() in both cases.
 */
int	 store_open(struct store **stp, const char *path, int flags);
void	 store_close(struct store *);
const char *store_errmsg(const struct store *);
/* Set the error message (for modules that share the store's context). */
void	 store_seterr(struct store *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Set it from the connection's last error, "what: why", saying so when
 * the disk is full, the archive damaged (with a pointer to `dossier
 * backup`) or busy.  Returns -1.
 */
int	 store_sqlerr(struct store *, const char *what);

/*
 * Keys of the cross-reference index (src/store/keys.c): kind 'u' (an
 * article's normalised URL, hashed with store_hash64()), 'l' (the same of
 * a link), 's' (a quotation window's hash) or 'n' (a name's id), as
 * "%c%016x"; dossier_hash(text) in SQL is store_hash64().
 */
#define STORE_XREF_KEY	18
uint64_t store_hash64(const char *, size_t);
void	 store_xref_key(char buf[STORE_XREF_KEY], char kind, uint64_t);
/* The id of a name (names.id): its hash, positive. */
int64_t	 store_name_id(const char *);
/* After importing a dump from before migration 9: names get their ids
 * (store_name_id()), articles with links, quotation windows or names
 * their keys.  0 or -1. */
int	 store_xref_terms_fill(struct store *);
int	 store_user_version(struct store *);
/* The connection, for modules that keep their own statements. */
struct sqlite3 *store_db(struct store *);
int	 store_begin(struct store *);		/* BEGIN IMMEDIATE */
int	 store_commit(struct store *);
int	 store_rollback(struct store *);
/*
 * A batch: one transaction around several store_begin()/store_commit()
 * pairs, which become savepoints of it.  Each pair still lands whole or
 * not at all (store_rollback() undoes just its part), but nothing is
 * durable, nor visible to other connections, before store_batch_commit().
 * Fewer, larger commits write each page of the archive's indexes once
 * per batch rather than once per transaction.  SQLite may roll the whole
 * batch back by itself on some errors (a full disk, say):
 * store_batch_lost() tells, and the parts done so far are then lost.
 * store_batch_commit() on a lost batch fails; without a batch it does
 * nothing.
 */
/* A connection about to store many articles (ingest, poll, reindex): a
 * larger page cache (16 MiB) for its transactions. */
int	 store_cache_for_writing(struct store *);
int	 store_batch_begin(struct store *);
int	 store_batch_active(const struct store *);
int	 store_batch_lost(const struct store *);
int	 store_batch_commit(struct store *);
int	 store_batch_rollback(struct store *);

/* Feeds */
struct store_feed {
	int64_t	 id;
	char	*url;
	char	*title;
	char	*site_url;
	char	*description;
	char	*tags;			/* comma separated, sorted; "" when none */
	char	*etag;
	char	*last_modified;
	char	*last_error;
	int64_t	 last_poll;		/* DATE_NONE when never polled */
	int	 http_status;		/* 0 when never polled */
	int64_t	 retry_after;		/* don't poll before; 0 = any time */
	int	 failures;		/* consecutive failed polls */
	int64_t	 unread, total;
	int	 is_documents;		/* the built-in "Documents" source */
	int	 fulltext;		/* add --fulltext: 1, --no-fulltext: -1;
					 * 0: as the config says */
};
void	 store_feed_release(struct store_feed *);
typedef int (*store_feed_fn)(void *ctx, const struct store_feed *);

/* 0 when added, 1 when it was there (tags are merged in). */
int	 store_feed_add(struct store *, const char *url, const char *title,
	    const char *const *tags, size_t ntags, int64_t *idp);
/* Deletes the feed and its articles; 1 when there is no such feed. */
int	 store_feed_remove(struct store *, const char *url);
int	 store_feed_get(struct store *, const char *url, struct store_feed *);
int	 store_feed_get_id(struct store *, int64_t id, struct store_feed *);
/* All feeds (tag: only those with it; NULL for all), ordered by title. */
int	 store_feeds_each(struct store *, const char *tag, store_feed_fn,
	    void *ctx);
/* Title, site and description from the feed itself; a title set by the
 * user (store_feed_add with a title) is kept. */
int	 store_feed_set_meta(struct store *, int64_t id,
	    const struct feed_meta *);
int	 store_feed_set_cache(struct store *, int64_t id, const char *etag,
	    const char *last_modified);
/* Outcome of a poll: status 0 for a network error; error NULL on success. */
int	 store_feed_set_result(struct store *, int64_t id, int64_t when,
	    int http_status, const char *error, int64_t retry_after);
int	 store_feed_set_url(struct store *, int64_t id, const char *url);

/* Articles */
struct store_article {
	int64_t	 id;
	int64_t	 feed_id;
	char	*feed_title;
	char	*feed_url;
	char	*guid;
	char	*url;
	char	*title;
	char	*author;
	int64_t	 published;		/* DATE_NONE when absent */
	int64_t	 updated;
	int64_t	 first_seen;
	int	 read;
	int	 starred;
	/* Only filled by store_article_get(): */
	char	*summary;		/* HTML */
	char	*content;		/* HTML */
	char	*text;			/* plain text (what search indexes) */
	char	*hash;			/* store_text_hash() of this version */
	char	*fulltext;		/* the linked page's main content, HTML */
	/* Only filled by store_search_each(): */
	char	*snippet;
};
void	 store_article_release(struct store_article *);
/*
 * For modules with queries of their own (beats, xref): the columns of a
 * store_article row (a: articles, f: feeds), which a SELECT starts with,
 * and the reader of such a row into *a (store_article_release() it).
 */
#define STORE_ARTICLE_COLS \
	"a.id, a.feed_id, coalesce(f.user_title, f.title, f.url), f.url," \
	" a.guid, a.url, a.title, a.author, a.published, a.updated," \
	" a.first_seen, a.read, a.starred"
struct sqlite3_stmt;
void	 store_article_from_row(struct sqlite3_stmt *, struct store_article *);
typedef int (*store_article_fn)(void *ctx, const struct store_article *);

struct store_query {
	int		 unread;	/* only unread */
	int		 starred;	/* only starred */
	const char	*feed_url;	/* only this feed */
	const char	*tag;		/* only feeds with this tag */
	int64_t		 limit;		/* 0: no limit */
	int64_t		 offset;
};
/* Newest first; rows without the body fields. */
int	 store_articles_each(struct store *, const struct store_query *,
	    store_article_fn, void *ctx);
int	 store_articles_count(struct store *, const struct store_query *,
	    int64_t *count);
int	 store_article_get(struct store *, int64_t id, struct store_article *);
/* The newest article whose link is url: 0 found, 1 none. */
int	 store_article_by_url(struct store *, const char *url, int64_t *idp);
/* Full-text search (FTS5 syntax), best first by bm25, with a snippet. */
int	 store_search_each(struct store *, const char *query, int64_t limit,
	    store_article_fn, void *ctx);
/* 1 when there is no such article. */
int	 store_article_set_read(struct store *, int64_t id, int read);
int	 store_article_set_starred(struct store *, int64_t id, int starred);
/*
 * max-items: remove the articles of feed_id past its newest `keep` (by
 * date), except starred and quoted ones; *removed says how many went.
 */
int	 store_feed_trim(struct store *, int64_t feed_id, int64_t keep,
	    int64_t *removed);
/* Mark all articles matching q read (or unread); *changed counts them. */
int	 store_articles_set_read(struct store *, const struct store_query *,
	    int read, int64_t *changed);

/* Storing a feed's items (inside store_begin/store_commit). */
enum store_upsert {
	STORE_ITEM_NEW,
	STORE_ITEM_UPDATED,
	STORE_ITEM_UNCHANGED,
};
/*
 * Insert the item or update the one it duplicates: same (feed, guid), else
 * same (feed, link), else same (feed, title, published).  An update keeps
 * the id, read and starred state, and keeps the text it replaces as a
 * version.  text is the plain text for search; norm_url the normalised
 * link for cross-references (both may be NULL).
 */
int	 store_item_upsert(struct store *, int64_t feed_id,
	    const struct feed_item *, const char *text, const char *norm_url,
	    int64_t now, int64_t *idp, enum store_upsert *result);
/* The content hash that identifies a version of an article's text. */
void	 store_text_hash(const char *title, const char *text, char out[17]);

#endif
