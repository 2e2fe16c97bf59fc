/*
 * docs.h: documents, the full text of feed items, and the archive's ways
 * out and housekeeping.
 *
 * Documents are primary sources (a letter, a memo, a court filing) kept in
 * the archive as articles of the built-in "Documents" source (the feed
 * with url DOCS_FEED_URL), so they are searchable, quotable and targets of
 * cross-references like any story: a document's URL is its articles.url
 * and its normalised URL its articles.norm_url.  They come from HTML (its
 * main content, see extract.h), plain text, Markdown (kept as text, in
 * paragraphs, headings, lists, quotes and code blocks) or PDF (through
 * pdftotext from poppler-utils, run without a shell).
 *
 * The full text of a feed item is the main content of the page its link
 * points to, kept in articles.fulltext (HTML) next to the feed's own
 * summary and content, which it never replaces; its plain text, in
 * articles.fulltext_plain, is the fourth column of the search index
 * (articles_fts), so search and beats find words that only the full text
 * has.  articles.text, on which quote offsets are anchored, is the feed's.
 *
 * Errors are reported like the store's: functions return 0 or -1 (or a
 * small number for outcomes that are not errors) with the message in
 * store_errmsg().  Nothing here prints or exits.
 */
#ifndef DOSSIER_DOCS_H
#define DOSSIER_DOCS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/select.h>

#include "store.h"

struct config;
struct dstr;

#define DOCS_FEED_URL	"dossier:documents"

/* The id of the Documents source; -1 on error. */
int64_t	 docs_feed_id(struct store *);

/* Documents */
enum docs_type {
	DOCS_AUTO = 0,		/* from the name, else the content */
	DOCS_HTML,
	DOCS_TEXT,
	DOCS_MARKDOWN,
	DOCS_PDF,
};
/* "html", "text", "markdown", "pdf"; "auto" */
const char *docs_type_name(enum docs_type);
/* From a name as the user writes it; -1 when unknown. */
int	 docs_type_parse(const char *name);

struct docs_add_opts {
	const char	*title;		/* NULL: the document's own */
	const char *const *tags;	/* kept as the article's categories */
	size_t		 ntags;
	/* Where the document lives (its canonical URL): what stories link
	 * to.  NULL: the URL it was fetched from, else the page's
	 * <link rel="canonical">, else none. */
	const char	*url;
	enum docs_type	 type;
	const char	*pdftotext;	/* the program; NULL: "pdftotext" */
	const struct config *cfg;	/* fetch settings (URL); may be NULL */
};

struct docs_added {
	int64_t		 id;
	enum store_upsert result;	/* new, updated or unchanged */
	enum docs_type	 type;		/* as detected */
	char		*title;		/* as stored */
	char		*url;		/* as stored; NULL when none */
	size_t		 text_len;	/* bytes of plain text */
};
void	 docs_added_release(struct docs_added *);

/*
 * Add (or update: same URL, else same file) a document from a file, from
 * an http(s) URL through the poller's fetcher and limits, or from bytes
 * (name: a file name or URL that hints the type; content_type: the
 * server's, or NULL).  A document with no readable text is refused.
 * Returns 0, or -1 (see store_errmsg(); for a PDF when pdftotext is not
 * installed it names the Debian package poppler-utils).
 */
int	 docs_add_file(struct store *, const char *path,
	    const struct docs_add_opts *, struct docs_added *);
int	 docs_add_url(struct store *, const char *url,
	    const struct docs_add_opts *, struct docs_added *);
int	 docs_add_bytes(struct store *, const char *data, size_t len,
	    const char *name, const char *content_type,
	    const struct docs_add_opts *, struct docs_added *);

/* Documents, newest first, as list rows (no bodies). */
int	 docs_each(struct store *, store_article_fn, void *ctx);
/*
 * Remove document id (its quotes and cross-references go with it;
 * *nquotes counts the quotes, may be NULL).  1 when id is not a document.
 */
int	 docs_remove(struct store *, int64_t id, int64_t *nquotes);

/*
 * Full text of feed items.
 *
 * docs_fulltext_store() is the part without network: it extracts the main
 * content of a fetched page (HTML; a PDF or text is converted as a
 * document would be) and stores it in articles.fulltext and its plain
 * text in articles.fulltext_plain (indexed), clearing a recorded failure.
 * Returns 0 stored, 1 when the page has no readable text (nothing stored),
 * -1 on error.
 */
int	 docs_fulltext_store(struct store *, int64_t article_id,
	    const char *body, size_t len, const char *url,
	    const char *content_type);
/* Record why fetching an article's full text failed (one line, kept in
 * articles.fulltext_error until a full text is stored). */
int	 docs_fulltext_failed(struct store *, int64_t article_id,
	    const char *error);
/* That error into *error (to free; NULL when none): 0, or -1. */
int	 docs_fulltext_error(struct store *, int64_t article_id, char **error);
/*
 * Articles of feed_id (0: all feeds but Documents) that are not hidden,
 * have an http(s) link and no full text, newest first, at most limit (0:
 * all).  since > 0: only those first seen at or after since (seconds since
 * the epoch) whose fetch never failed: what a poll just stored.
 */
int	 docs_fulltext_pending(struct store *, int64_t feed_id, int64_t since,
	    int64_t limit, store_article_fn, void *ctx);
/* Put the plain text of full texts stored by an older dossier (before
 * schema version 6) into the search index; *count (may be NULL) counts
 * them.  Cheap when there are none (a partial index). */
int	 docs_fulltext_reindex(struct store *, int64_t *count);
/* A feed's own fulltext setting (from `add --fulltext`): *on is 1 or 0,
 * or -1 when the feed has none (the config decides). */
int	 docs_feed_fulltext(struct store *, int64_t feed_id, int *on);
/* Set it (on: 1, 0, or -1 to let the config decide); 1: no such feed. */
int	 docs_feed_set_fulltext(struct store *, const char *url, int on);

/*
 * Fetching full texts: a step-driven job for the TUI (one key press, one
 * article), `dossier fulltext` and the poller (the new items of feeds with
 * `fulltext yes`).  Each article's link is fetched with its feed's fetch
 * settings (cfg may be NULL), extracted and stored; a failure is recorded
 * with the article (docs_fulltext_failed); fn hears about each one as it
 * finishes.
 *
 *	j = docs_fulltext_start(st, cfg, ids, n, on_done, ctx);
 *	while (docs_fulltext_step(j, 100) > 0)
 *		... draw ...
 *	docs_fulltext_free(j);
 *
 * or docs_fulltext_new() (jobs, per_host: the fetcher's limits, 0: the
 * defaults) and docs_fulltext_add() for each article, at any time;
 * nothing is fetched before the next step.
 */
enum docs_ft_outcome {
	DOCS_FT_STORED,
	DOCS_FT_EMPTY,		/* fetched, no readable text */
	DOCS_FT_FAILED,		/* error says why */
	DOCS_FT_NOLINK,		/* the article has no http(s) link */
	DOCS_FT_NOARTICLE,
};
struct docs_ft_report {
	int64_t		 id;
	const char	*url;		/* NULL for NOLINK, NOARTICLE */
	const char	*title;
	enum docs_ft_outcome outcome;
	const char	*error;		/* one line; may quote a server */
	size_t		 text_len;	/* bytes of text stored */
};
typedef void (*docs_ft_fn)(void *ctx, const struct docs_ft_report *);
struct docs_fulltext;
struct docs_fulltext *docs_fulltext_start(struct store *,
	    const struct config *, const int64_t *ids, size_t nids,
	    docs_ft_fn, void *ctx);
struct docs_fulltext *docs_fulltext_new(struct store *,
	    const struct config *, int jobs, int per_host, docs_ft_fn,
	    void *ctx);
void	 docs_fulltext_add(struct docs_fulltext *, int64_t id);
/* Returns the number of articles still to do. */
size_t	 docs_fulltext_step(struct docs_fulltext *, int timeout_ms);
size_t	 docs_fulltext_left(const struct docs_fulltext *);
void	 docs_fulltext_fds(struct docs_fulltext *, fd_set *rd, fd_set *wr,
	    fd_set *ex, int *maxfd, long *timeout_ms);
void	 docs_fulltext_free(struct docs_fulltext *);

/*
 * The static offline copy (dossier export --html DIR): DIR/index.html
 * (feeds, tags, documents, quotes), DIR/feed-ID.html and DIR/tag-ID.html
 * (article lists), DIR/article-ID.html (one page per article: the feed's
 * text and the full text, sanitised: no scripts, no styles, no frames,
 * forms or embeds, no event handlers, no javascript: links, images that
 * would load from the network shown as their alt text; its quotes; its
 * cross-references) and DIR/quotes.html (quotes grouped by tag, each
 * linked back to its article); the style is in each page.  Every page is
 * built as a libxml2 tree and serialised by libxml2.  DIR is created if
 * needed; files of an earlier export are overwritten, and the pages it
 * wrote that this one does not (an article deleted since) are removed:
 * DIR/.dossier-export lists the pages written, and nothing else is ever
 * removed.  *npages counts the pages written, *nremoved those removed.
 */
int	 docs_export_html(struct store *, const char *dir, int64_t *npages,
	    int64_t *nremoved);

/*
 * The archive as JSON Lines (dossier export --json): one JSON object a
 * line.  The first is the header,
 *	{"type":"dossier-archive","format":1,"schema":N}
 * (N: the archive's schema version, PRAGMA user_version); then one line
 * per row of every table of the archive, tables in the order they were
 * created (feeds, tags, feed_tags, articles, enclosures, article_versions,
 * quotes, quote_tags, links, names, article_names, and those added by
 * later versions), rows in primary-key order:
 *	{"type":"TABLE","COLUMN":VALUE,...}
 * with every column under its SQL name, in table order: integers as JSON
 * integers (dates are seconds since the epoch, UTC), text as strings, NULL
 * as null.  The full-text index is not dumped: it is rebuilt from the
 * articles.  Two dumps of the same archive are byte for byte the same.
 */
int	 docs_export_json(struct store *, FILE *out);
/*
 * Read such a dump into an archive that is empty (no feeds but Documents,
 * no articles, no tags, no quotes), in one transaction: every row comes
 * back with its id, so a second dump is identical to the first.  A dump of
 * a newer schema is refused.  *nrows counts the rows read.
 */
int	 docs_import_json(struct store *, FILE *in, const char *name,
	    int64_t *nrows);

/* Housekeeping */

/*
 * A consistent copy of the archive in dest (through SQLite's online
 * backup API, in one read transaction: safe while a poll writes).  The
 * copy is written next to dest and renamed over it; it is a single file
 * (rollback journal mode).  dest must not exist unless force.
 */
int	 docs_backup(struct store *, const char *dest, int force);

struct docs_prune_opts {
	int64_t	 older_than;	/* seconds since the epoch */
	int	 delete_starred;	/* default: starred are kept */
	int	 delete_quoted;		/* default: quoted are kept */
	int	 dry_run;
};
struct docs_prune_result {
	int64_t	 deleted;
	int64_t	 kept_starred;	/* old enough, kept for the star */
	int64_t	 kept_quoted;	/* old enough, kept for a quote */
};
/* Delete feed articles (never documents) dated before older_than. */
int	 docs_prune(struct store *, const struct docs_prune_opts *,
	    struct docs_prune_result *);

struct docs_stats {
	int64_t	 feeds;		/* subscriptions (Documents not counted) */
	int64_t	 articles;	/* from feeds */
	int64_t	 unread, starred;
	int64_t	 with_fulltext;
	int64_t	 documents;
	int64_t	 quotes;
	int64_t	 tags;
	int64_t	 versions;	/* earlier versions kept */
	int64_t	 db_bytes;	/* the file */
	int64_t	 wal_bytes;	/* its -wal file; 0 when none */
	int64_t	 free_bytes;	/* unused pages that vacuum would give back */
	int64_t	 oldest, newest;	/* article dates; DATE_NONE if none */
};
int	 docs_stats(struct store *, struct docs_stats *);
/* VACUUM, then truncate the WAL.  *before and *after: bytes on disk. */
int	 docs_vacuum(struct store *, int64_t *before, int64_t *after);

#endif
