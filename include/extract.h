/*
 * extract.h: the main content of a web page.
 *
 * A news page holds one story among a site header, navigation, sidebars,
 * share buttons, related-link lists, comments and a footer.
 * extract_html() parses the page with libxml2's HTML parser (recovering,
 * never printing, no network), drops what is never content (scripts,
 * styles, forms, embeds, nav, aside, footer, and blocks whose class or id
 * says comments, sidebar, ad, share, related...), scores the remaining
 * blocks by the length of their text, its commas and the share of it
 * that is link text, and keeps the best block with the siblings that
 * belong to it.  The kept content is cleaned (lists and boxes made mostly
 * of links are dropped; only a few harmless attributes stay; relative
 * URLs are made absolute) and serialised by libxml2's HTML serialiser:
 * paragraphs, headings, blockquotes, lists, tables, preformatted text and
 * images (with their alt text) survive, nothing else.
 *
 * Nothing here touches the network, the file system or the terminal.
 */
#ifndef DOSSIER_EXTRACT_H
#define DOSSIER_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

struct extract {
	char	*html;		/* the main content, cleaned HTML (UTF-8) */
	char	*title;		/* the story's title, or NULL */
	char	*byline;	/* "Jane Doe", without "By"; or NULL */
	char	*canonical;	/* <link rel="canonical">, absolute; or NULL */
	char	*site_name;	/* og:site_name; or NULL */
	int64_t	 published;	/* from meta or <time>; DATE_NONE if none */
	size_t	 text_len;	/* bytes of text in html (not markup) */
};

/*
 * Extract the main content of len bytes of HTML.  base_url (may be NULL)
 * resolves relative links and images; encoding (may be NULL: the page's
 * <meta charset>, else UTF-8 with bad bytes replaced) names the charset
 * of the bytes, as a Content-Type header says it.  *ex is initialised in
 * every case; give it back with extract_release().  Returns 0 when
 * content was found, 1 when the page has no readable text (ex->html is
 * then "" but the title may be set), -1 when it could not be parsed.
 */
int	 extract_html(struct extract *ex, const char *html, size_t len,
	    const char *base_url, const char *encoding);
void	 extract_release(struct extract *ex);

#endif
