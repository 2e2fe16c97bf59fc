/*
 * render.h: HTML to terminal text.
 *
 * render_html() parses an article once (libxml2's HTML parser, errors never
 * printed) into a list of blocks and a plain-text version; render_wrap()
 * lays the blocks out at any width, as often as the window is resized,
 * without parsing again.  All text that comes out has passed utf8_sanitize():
 * no control character, ESC or bidi control survives.
 *
 * The plain text is what full-text search indexes and what quote offsets
 * refer to: blocks are separated by "\n\n" (list items, table rows, lines of
 * <br> and of <pre> by "\n"); it holds no decoration (bullets, "> " bars,
 * [N] link markers, [image: ...] placeholders) and no trailing newline.
 */
#ifndef DOSSIER_RENDER_H
#define DOSSIER_RENDER_H

#include <stddef.h>

struct dstr;

/* Styles, or'ed together in a span. */
enum render_style {
	RS_PLAIN	= 0,
	RS_BOLD		= 1 << 0,
	RS_ITALIC	= 1 << 1,
	RS_UNDERLINE	= 1 << 2,	/* link text */
	RS_HEADING	= 1 << 3,
	RS_QUOTE	= 1 << 4,	/* blockquote body */
	RS_PRE		= 1 << 5,	/* <pre>, <code> */
	RS_LINKNUM	= 1 << 6,	/* the [N] marker after a link */
	RS_DECOR	= 1 << 7,	/* bullets, "> " bars, rules, [image] */
};

#define RENDER_NOSRC	((size_t)-1)

/*
 * A run of bytes of one style in a line.  The spans of a line cover its
 * text from start to end, in order.  src is the offset in the plain text of
 * the span's first byte (the span's bytes are plain[src..src+len)), or
 * RENDER_NOSRC for text that is not in the plain text (decoration,
 * indentation, markers).
 */
struct render_span {
	size_t	 off, len;
	int	 style;
	size_t	 src;
};

/*
 * One screen line: text is the whole line as printed (UTF-8, no newline),
 * indentation and decoration included; indent is the display width of its
 * leading part (indentation, "> " bars, bullet), where the body text starts.
 */
struct render_line {
	char			*text;
	struct render_span	*spans;
	size_t			 nspans;
	int			 indent;
};

struct render_link {
	char	*url;		/* absolute when a base URL was given */
	char	*text;		/* link text at its first appearance */
};

struct render_body;		/* the parsed blocks, private to src/render */

struct render_doc {
	char			*plain;	/* never NULL after render_html() */
	size_t			 plain_len;
	struct render_link	*links;	/* links[i] is marker [i + 1] */
	size_t			 nlinks;
	struct render_body	*body;
};

/*
 * Parse len bytes of UTF-8 HTML (invalid bytes become U+FFFD).  Links are
 * numbered from 1 in order of appearance; the same URL twice gets the same
 * number; javascript:, vbscript: and data: links show their text only.
 * Relative href and src attributes are resolved against base_url (may be
 * NULL).  *doc is initialised in every case and must be given back with
 * render_doc_release().  Returns 0, or -1 if the parser failed (doc is then
 * empty).
 */
int	 render_html(struct render_doc *doc, const char *html, size_t len,
	    const char *base_url);
/* Free what render_html() made; a zeroed doc is fine too. */
void	 render_doc_release(struct render_doc *doc);

/*
 * Lay the document out at width columns (clamped to 10..4096): wrapped at
 * blanks by display width, words wider than a line broken between
 * characters, <pre> kept as it is (its lines may be wider).  When the
 * document has links, a blank line, "Links:" and one "[N] URL" entry per
 * link end the layout.  The caller frees *lines with render_lines_free().
 * Returns 0.
 */
int	 render_wrap(const struct render_doc *doc, int width,
	    struct render_line **lines, size_t *nlines);
void	 render_lines_free(struct render_line *lines, size_t nlines);

/* Append the plain text of an HTML fragment to out (no base URL). */
void	 render_plain(struct dstr *out, const char *html, size_t len);

/*
 * Find plain-text offset plain_off in a layout made by render_wrap(): the
 * line index and the byte offset in that line's text.  A plain byte that
 * is not displayed (a blank at a line break, a block separator) is located
 * at the next displayed one.  Returns 0, or -1 when nothing at or after
 * plain_off is displayed.
 */
int	 render_locate(const struct render_line *lines, size_t nlines,
	    size_t plain_off, size_t *line, size_t *col_byte);

#endif
