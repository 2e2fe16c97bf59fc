/*
 * quotes.h: quotations in articles: finding them, attributing them,
 * keeping them (tagged, annotated, anchored in the text) and exporting them
 * with a citable source.
 *
 * Offsets are byte offsets in an article's plain text: the `text` column of
 * the archive, which is what render_html() gives as doc.plain for the same
 * HTML.  Three layers:
 *
 *  - detection (detect.c): pure text, no archive.  quote_find_all() lists the
 *    quotations of a text with a guessed speaker; the pager uses it for `]`
 *    and `[`, and quote_attribute() to pre-fill the speaker of a selection.
 *  - anchoring (anchor.c): a quote is kept as a W3C TextQuoteSelector
 *    (exact text, up to QUOTE_CONTEXT characters of prefix and suffix) plus
 *    offsets, and found again in a changed text by text and context.
 *  - storage and export (quotes.c, export.c): a struct quotes holds its own
 *    prepared statements on the archive's connection.
 *
 * Errors follow the archive: -1 with the message in quotes_errmsg() (the
 * store's message, store_errmsg()); lookups return 1 for "no such thing".
 */
#ifndef DOSSIER_QUOTES_H
#define DOSSIER_QUOTES_H

#include <stddef.h>
#include <stdint.h>

struct dstr;
struct store;

/* Detection */

enum quote_kind {
	QUOTE_MARKS,		/* between quotation marks */
	QUOTE_BLOCK,		/* a blockquote, given by the caller */
};

enum {
	QSPAN_CONTINUED	= 1 << 0,	/* runs over more than one paragraph */
	QSPAN_FRAGMENT	= 1 << 1,	/* a few words inside a sentence: a
					 * partial or scare quote */
};

struct quote_span {
	size_t		 start, end;	/* plain[start..end): marks included,
					 * what the pager highlights */
	size_t		 text_start, text_end;	/* the words inside the marks
					 * (a trailing comma dropped): what
					 * gets stored when it is tagged */
	char		*speaker;	/* NULL: no one attributed */
	enum quote_kind	 kind;
	int		 flags;		/* QSPAN_* */
};

struct quote_spans {
	struct quote_span *v;		/* ordered by start, not overlapping */
	size_t		 n, cap;
};

/* A range of the plain text, e.g. a blockquote (render style RS_QUOTE). */
struct quote_range {
	size_t		 start, end;
};

void	 quote_spans_init(struct quote_spans *);
void	 quote_spans_release(struct quote_spans *);
/*
 * Find the quotations in plain[0..len) (UTF-8) and attribute them; out is
 * emptied first.  Straight and curly double quotes (and „ “, « »), single
 * curly quotes when they are the outer ones; single quotes inside double
 * ones are nested, not new quotations.  A paragraph that opens a quotation
 * without closing it continues into the next one when that opens with a
 * quotation mark.  Returns the number of spans.
 */
size_t	 quote_find_all(const char *plain, size_t len, struct quote_spans *out);
/*
 * The same, with blockquotes: each range of blocks becomes one QUOTE_BLOCK
 * span (quotations inside it are left out), attributed from an introducing
 * "X said:" just before it or a "— X" line that ends it.
 */
size_t	 quote_find_all_blocks(const char *plain, size_t len,
	    const struct quote_range *blocks, size_t nblocks,
	    struct quote_spans *out);
struct render_line;
/*
 * The blockquotes of a layout made by render_wrap() (body text styled
 * RS_QUOTE), as ranges of the plain text for quote_find_all_blocks():
 * *blocksp is a new array (free()); returns its length.
 */
size_t	 quote_blocks_from_lines(const struct render_line *lines,
	    size_t nlines, const char *plain, size_t len,
	    struct quote_range **blocksp);

#define QUOTE_NONE	((size_t)-1)
/* The index of the first span that starts after off, or of the last that
 * starts before it: the targets of `]` and `[`; QUOTE_NONE when there is
 * none. */
size_t	 quote_spans_next(const struct quote_spans *, size_t off);
size_t	 quote_spans_prev(const struct quote_spans *, size_t off);
/*
 * The speaker of any passage plain[start..end) (a free selection), by the
 * same rules as quote_find_all(): a new string, or NULL.
 */
char	*quote_attribute(const char *plain, size_t len, size_t start,
	    size_t end);

/* Anchoring: the W3C TextQuoteSelector */

#define QUOTE_CONTEXT	32		/* characters of prefix and suffix */

struct quote_anchor {
	char	*exact, *prefix, *suffix;	/* owned */
	size_t	 start, end;		/* exact is plain[start..end) */
};

void	 quote_anchor_release(struct quote_anchor *);
/* The selector of plain[start..end) (moved to UTF-8 boundaries). */
void	 quote_anchor_make(struct quote_anchor *, const char *plain,
	    size_t len, size_t start, size_t end);
/*
 * Find text in plain, tolerating differences in whitespace (runs, line
 * breaks, no-break spaces) and quotation marks (curly or straight, ’ or
 * '), at or after byte from.  0 and *startp, *endp set (the bytes of plain
 * that match), or 1 when it does not occur.
 */
int	 quote_text_find(const char *plain, size_t len, const char *text,
	    size_t from, size_t *startp, size_t *endp);
/*
 * Find a selector in a (new) text: every tolerant occurrence of exact is
 * scored by how much of prefix and suffix match around it, ties going to
 * the one nearest the old offset.  0 and the new offsets, or 1 when exact
 * no longer occurs.
 */
int	 quote_anchor_find(const struct quote_anchor *, const char *plain,
	    size_t len, size_t *startp, size_t *endp);
/*
 * The text-fragment link to a passage: url#:~:text=START,END (or
 * text=EXACT when it is short), percent-encoded as the spec asks; any
 * fragment of url is replaced.  Appends to out; nothing when url is NULL.
 */
void	 quote_fragment_link(struct dstr *out, const char *url,
	    const char *exact);

/* Storage */

struct quotes;

struct quote {
	int64_t	 id;
	int64_t	 article_id;
	char	*text;			/* the exact text */
	char	*prefix, *suffix;
	size_t	 start, end;		/* in the version version_hash */
	char	*version_hash;		/* store_text_hash() of that version */
	char	*speaker;		/* NULL when none */
	char	*note;			/* NULL when none */
	char	**tags;			/* sorted */
	size_t	 ntags;
	int	 orphaned;		/* not found in the current version */
	int64_t	 created, modified;
	/* The article, for citations: */
	char	*title;
	char	*feed_title;
	char	*feed_url;
	char	*author;
	char	*url;
	int64_t	 published;		/* DATE_NONE when unknown */
	int64_t	 archived;		/* when the archive first saw it */
	/* Characters (code points) before start and in the quote, in the
	 * current text; -1 when not asked for or orphaned. */
	int64_t	 char_start, char_len;
};

struct quote_tag {
	char	*name;
	int64_t	 count;
};

/* What to list; zero (or NULL) fields do not filter. */
struct quote_filter {
	const char	*tag;		/* has this tag */
	const char	*speaker;	/* speaker contains this (any case) */
	const char	*feed_url;	/* from this feed */
	int64_t		 since;		/* article dated at or after; 0: any */
	int64_t		 article_id;	/* of this article */
	int64_t		 quote_id;	/* just this quote */
	int		 char_offsets;	/* fill char_start and char_len */
};

/*
 * Prepare the statements on the archive's connection (lazily).  Free the
 * context before store_close(): open statements keep the archive open.
 */
struct quotes *quotes_new(struct store *);
void	 quotes_free(struct quotes *);
const char *quotes_errmsg(const struct quotes *);

void	 quote_release(struct quote *);
/* The order of tags: ignoring ASCII case, then by bytes. */
int	 quote_tag_cmp(const char *, const char *);
void	 quotes_array_free(struct quote *, size_t);
void	 quote_tags_free(struct quote_tag *, size_t);

/*
 * Tags are trimmed; an empty tag, or one with a control character, is an
 * error.  speaker NULL means "attribute it" (quote_attribute() on the
 * article), "" means none; note NULL or "" means none.
 *
 * quotes_add() keeps plain[start..end) of the article's current text:
 * 0, 1 when there is no such article, -1 (also for offsets outside the
 * text or inside a character).
 */
int	 quotes_add(struct quotes *, int64_t article_id, size_t start,
	    size_t end, const char *const *tags, size_t ntags,
	    const char *note, const char *speaker, int64_t *idp);
/*
 * quotes_add_text() finds text in the article first (quote_text_find()):
 * 0, 1 no such article, 2 the text is not in the article, -1.
 */
int	 quotes_add_text(struct quotes *, int64_t article_id, const char *text,
	    const char *const *tags, size_t ntags, const char *note,
	    const char *speaker, int64_t *idp);
/* 0, or 1 when there is no such quote; -1. */
int	 quotes_get(struct quotes *, int64_t id, struct quote *);
int	 quotes_remove(struct quotes *, int64_t id);
int	 quotes_set_note(struct quotes *, int64_t id, const char *note);
int	 quotes_set_speaker(struct quotes *, int64_t id, const char *speaker);
int	 quotes_add_tag(struct quotes *, int64_t id, const char *tag);
/* 0 also when the quote did not have the tag. */
int	 quotes_remove_tag(struct quotes *, int64_t id, const char *tag);
int	 quotes_set_tags(struct quotes *, int64_t id, const char *const *tags,
	    size_t ntags);

typedef int (*quote_fn)(void *ctx, const struct quote *);
/* Matching quotes, by article date, article and position; one query.
 * fn returning non-zero stops the walk (not an error). */
int	 quotes_each(struct quotes *, const struct quote_filter *, quote_fn,
	    void *ctx);
/* The same into a new array (quotes_array_free()). */
int	 quotes_list(struct quotes *, const struct quote_filter *,
	    struct quote **vp, size_t *np);
/* An article's quotes in text order, for marking them in the pager. */
int	 quotes_for_article(struct quotes *, int64_t article_id,
	    struct quote **vp, size_t *np);
/* Tags in use, with counts, by name; prefix (NULL: all) for completion. */
int	 quotes_tags(struct quotes *, const char *prefix, struct quote_tag **vp,
	    size_t *np);
/*
 * The text of the version a quote was taken from (for an orphaned quote,
 * an older version kept in article_versions): a new string in *textp;
 * 1 when that version is no longer in the archive.
 */
int	 quotes_version_text(struct quotes *, const struct quote *,
	    char **textp);
/*
 * After an article was updated (store_item_upsert() said
 * STORE_ITEM_UPDATED): re-attach its quotes to the new text by text and
 * context; those that cannot be found are flagged orphaned and keep their
 * version.  Runs inside the caller's transaction, if any.  *moved and
 * *orphaned (may be NULL) count what happened.
 */
int	 quotes_reanchor_article(struct quotes *, int64_t article_id,
	    int64_t *moved, int64_t *orphaned);

/* Export */

enum quote_format {
	QUOTE_FMT_MD,
	QUOTE_FMT_JSON,
	QUOTE_FMT_CSV,
	QUOTE_FMT_CSL,			/* CSL-JSON */
	QUOTE_FMT_ANNOTATION,		/* W3C Web Annotation */
};

/* "md", "json", "csv", "csl-json", "annotation": 0, else -1. */
int	 quote_format_parse(const char *name, enum quote_format *);
/* Write quotes v[0..n) in a format to out (text is sanitised). */
void	 quote_export(struct dstr *out, enum quote_format,
	    const struct quote *v, size_t n);
/* One query, then the export. */
int	 quotes_export(struct quotes *, const struct quote_filter *,
	    enum quote_format, struct dstr *out);

#endif
