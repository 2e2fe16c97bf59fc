/*
 * xref.h: cross-references between stored stories.
 *
 * Five kinds of reference, all computed from what the archive holds:
 *
 *   links out	  the links in an article, normalised; a link resolves at
 *		  query time to the archived article whose articles.norm_url
 *		  is the same, so a story archived later resolves older
 *		  links to it without any rescan;
 *   linked from  the archived articles that link to this one;
 *   same quote	  articles that carry the same quotation, matched on
 *		  overlapping windows of XREF_WINDOW normalised words, so a
 *		  trimmed version still matches;
 *   names	  people and organisations named in the article, each with
 *		  the number of other stories naming them;
 *   related	  the best FTS5 (bm25) matches for the article's most
 *		  distinctive terms, computed on demand.
 *
 * Indexing is incremental: the ingest pipeline calls xref_index_article()
 * for each item it stores (new or updated), inside its transaction.  A
 * struct xref keeps its own statements on the store's connection (prepared
 * once, on first use): free it with xref_free() before store_close().
 * Errors are reported like the store's: functions return 0 or -1 and the
 * message is in store_errmsg() of the store given to xref_new().
 * Strings in results are UTF-8 as stored; sanitising for a terminal is the
 * front end's job.
 */
#ifndef DOSSIER_XREF_H
#define DOSSIER_XREF_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct render_doc;
struct xref;

/*
 * URL normalisation, the one place for its rules (parsed with libcurl's URL
 * API): http and https only; scheme and host lower-cased, a trailing dot of
 * the host dropped; user and password dropped; default port dropped;
 * fragment dropped; dot segments resolved; percent-encoding made canonical
 * (lower-case hex, unreserved characters but "." decoded, others encoded);
 * tracking parameters removed (utm_*, fbclid, gclid, mc_cid, mc_eid,
 * ref_src and others: see normalize.c); empty parameters and an empty query
 * dropped; trailing slashes of the path removed ("/" stays).
 * Returns a malloc'd string, or NULL for anything that is not an http(s)
 * URL.
 */
char	*xref_normalize_url(const char *url);

/*
 * Names of people and organisations in plain text: runs of two or more
 * capitalised words ("Everett Kelley", "Office of Personnel Management":
 * of, for, the, and, de, van... may join them), and known acronyms (OPM,
 * USDS, DOGE, AFGE...).  Noise words (The, But, days, months...) and
 * leading titles (President, Sen., ...) are left out, possessives cut.
 * fn gets each occurrence, in order: the name (NUL-terminated, valid only
 * during the call) and the byte offset where it starts.  A non-zero return
 * from fn stops the scan and is returned.
 */
typedef int (*xref_name_fn)(void *ctx, const char *name, size_t off);
int	 xref_extract_names(const char *plain, size_t len, xref_name_fn,
	    void *ctx);

/*
 * Quotations: spans between “ and ” (or „ “, « », or straight double quotes
 * in one paragraph) of at least XREF_WINDOW words.  A curly quotation left
 * open ends with its paragraph.  fn gets each span's offset and length in
 * plain, quote marks excluded.
 */
#define XREF_WINDOW 8
/* Stories read for one window when listing those sharing a quotation. */
#define XREF_WINDOW_STORIES 32
typedef int (*xref_span_fn)(void *ctx, size_t off, size_t len);
int	 xref_find_quotes(const char *plain, size_t len, xref_span_fn,
	    void *ctx);

/*
 * The word windows of a text: the text is normalised (lower-cased,
 * diacritics and punctuation dropped, apostrophes joined, blanks collapsed)
 * and every run of XREF_WINDOW consecutive words is hashed.  fn gets the
 * hash, the index of the window's first word and the byte range in text
 * from its first word's start to its last word's end.  Returns the number
 * of words (fewer than XREF_WINDOW: no window), or fn's non-zero return.
 */
typedef int (*xref_window_fn)(void *ctx, uint64_t hash, size_t word,
	    size_t start, size_t end);
long	 xref_quote_windows(const char *text, size_t len, xref_window_fn,
	    void *ctx);

/* The context */
struct xref *xref_new(struct store *);
void	 xref_free(struct xref *);

/*
 * Index an article (already stored with store_item_upsert(), whose id this
 * is): the links of doc->links, and the names and quotations of doc->plain.
 * Replaces what was indexed for the article before; doc NULL just clears
 * it.  Meant to run inside the caller's transaction (the feed's), which
 * must be rolled back if this fails; called outside a transaction, it uses
 * one of its own.
 */
int	 xref_index_article(struct xref *, int64_t article_id,
	    const struct render_doc *doc);

/*
 * Index every article again from its stored HTML (content, else summary)
 * and refresh articles.norm_url, in transactions of a few hundred
 * articles: for archives written before cross-references existed, or after
 * the rules here changed.  progress (may be NULL) is called now and then
 * and at the end; a non-zero return from it stops the work (what was done
 * is kept).  Must be called outside a transaction.
 */
typedef int (*xref_progress_fn)(void *ctx, int64_t done, int64_t total);
int	 xref_reindex(struct xref *, xref_progress_fn, void *ctx);
/* The keys of quotation windows for the articles with quotations but
 * none (a dump from before they were keys: store_xref_terms_fill() makes
 * the others).  0 or -1. */
int	 xref_quote_keys_fill(struct xref *);

/* Sections of a references listing, in display order. */
enum xref_section {
	XREF_LINKS_OUT,
	XREF_LINKED_FROM,
	XREF_SAME_QUOTE,
	XREF_NAMES,
	XREF_RELATED,
	XREF_NSECTIONS
};
#define XREF_SECTION_BIT(s)	(1u << (s))
#define XREF_ALL		((1u << XREF_NSECTIONS) - 1)
/* "links_out", "linked_from", "same_quote", "names", "related" */
const char *xref_section_key(enum xref_section);
/* "Links out", "Linked from", "Same quotation in", "Names", "Related" */
const char *xref_section_title(enum xref_section);

/*
 * One entry of a section.  Articles have id > 0; a link out to something
 * not archived has id 0, title NULL and only url and text; a name has id 0,
 * title the name.
 */
struct xref_entry {
	int64_t	 id;		/* the article; 0 when none */
	char	*title;
	char	*url;		/* links out: the link as written (raw URL);
				 * others: the article's link */
	char	*feed_title;
	int64_t	 date;		/* published, else updated, else first seen */
	/*
	 * links out, linked from: the link's text; same quote: the shared
	 * text as this article has it (or, from xref_quote_stories(), the
	 * other story's quotation); names: the name.
	 */
	char	*text;
	char	*norm_url;	/* links out: the normalised URL */
	int64_t	 count;		/* names: other stories naming it;
				 * same quote: shared word windows */
	int64_t	 mentions;	/* names: times named in this article */
	int	 link_no;	/* links out: its [N] in the article; 0 */
	double	 score;		/* related: bm25 (lower is better) */
};

struct xref_list {
	struct xref_entry	*v;
	size_t			 n, cap;
};
void	 xref_list_release(struct xref_list *);

struct xref_refs {
	int64_t		 id;
	struct xref_list sec[XREF_NSECTIONS];
};

/*
 * The references of article id, for the sections in mask (XREF_ALL, or
 * XREF_SECTION_BIT()s or'ed: a panel can show the cheap ones first and ask
 * for XREF_RELATED after).  Links out: archived ones first, each group in
 * the article's order.  Linked from: newest first.  Same quote: one entry
 * per (story, quotation of this article), most shared windows first; each
 * window of the article is looked up for the newest XREF_WINDOW_STORIES
 * stories carrying it only, so that a quotation thousands of stories
 * carry costs what a rare one does (its newest carriers are listed).
 * Names: most shared first.  Related: best first, at most 10; the other
 * sections at most 200.  Stories hidden by an ignore rule are left out.
 * Returns 0, 1 when there is no such article, -1 on error; release *refs
 * in every case.
 */
int	 xref_refs_get(struct xref *, int64_t id, unsigned mask,
	    struct xref_refs *refs);
void	 xref_refs_release(struct xref_refs *);

/*
 * The archived story a URL leads to (for a link followed in the pager):
 * the first archived under the same normalised URL.  0 and *id, or 1 when
 * none is archived (or the URL is not http(s)), or -1 on error.
 */
int	 xref_resolve_url(struct xref *, const char *url, int64_t *id);

/*
 * The stories that carry a quotation (text as highlighted in the pager,
 * quote marks or not), other than article exclude (0: none), most shared
 * windows first (the newest XREF_WINDOW_STORIES a window, as above); entry
 * text is the other story's quotation.  Fewer than
 * XREF_WINDOW words match nothing.
 */
int	 xref_quote_stories(struct xref *, const char *text, size_t len,
	    int64_t exclude, struct xref_list *out);

/*
 * Names with the number of stories naming them, most named first: all of
 * them (article_id 0), or those of one article; at most limit (0: all).
 */
typedef int (*xref_name_count_fn)(void *ctx, const char *name,
	    int64_t stories);
int	 xref_names_each(struct xref *, int64_t article_id, int64_t limit,
	    xref_name_count_fn, void *ctx);

/*
 * The stories naming name (case does not matter), newest first, as the
 * list rows of store_articles_each(); q (NULL: none) filters them the same
 * way (unread, starred, feed, tag, limit, offset).
 */
int	 xref_articles_naming(struct xref *, const char *name,
	    const struct store_query *q, store_article_fn, void *ctx);

#endif
