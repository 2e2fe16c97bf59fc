/*
 * internal.h: what the files of src/parse share.  Not a public interface:
 * only src/parse/ and its tests include it.
 *
 * The input flows through stages, each fed by the one before:
 *
 *	feed_parser_push()		feed.c: limits, sniffing
 *	-> encoding decoder		decode.c: anything -> UTF-8
 *	-> content sniffer		feed.c: XML, JSON or HTML?
 *	-> XML fixer			xmlfix.c: valid UTF-8, HTML
 *					entities, bare '&', long CDATA
 *	-> libxml2 SAX2 push parser	sax.c: frames, xml:base, capture
 *	-> element tables		rss.c, atom.c: what elements mean
 *
 * JSON is buffered and read by json.c at the end; an HTML page is buffered
 * (its head is enough) and scanned by html.c for the feeds it advertises.
 */
#ifndef DOSSIER_PARSE_INTERNAL_H
#define DOSSIER_PARSE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <iconv.h>
#include <libxml/parser.h>

#include "dstr.h"
#include "feed.h"
#include "parse.h"

/* ---- decode.c: from the declared or detected encoding to UTF-8 ---- */

enum dec_kind {
	DEC_UTF8,		/* passed on; xmlfix.c checks it */
	DEC_CP1252,		/* also ISO-8859-1 and US-ASCII */
	DEC_ICONV,		/* everything else, UTF-16 included */
};

struct feed_decoder {
	enum dec_kind	 kind;
	iconv_t		 cd;
	char		 carry[8];	/* an unfinished sequence */
	size_t		 ncarry;
};

enum {
	SNIFF_MORE = 0,		/* need more bytes */
	SNIFF_DONE = 1,
};
/*
 * Find the encoding of a document from its first n bytes: the byte order
 * mark, UTF-16 without one, or the XML declaration.  Sets name (an iconv
 * name, "UTF-8" when nothing says otherwise) and *skip (the length of the
 * byte order mark).  Returns SNIFF_MORE when more bytes could change the
 * answer and final is 0.
 */
int	 feed_encoding_sniff(const char *buf, size_t n, int final,
	    char *name, size_t namesz, size_t *skip);
/* 0, or -1 when the encoding is unknown (the decoder is then UTF-8). */
int	 feed_decoder_open(struct feed_decoder *, const char *name);
void	 feed_decoder_close(struct feed_decoder *);
/* Convert (not for DEC_UTF8), appending UTF-8 to out. */
void	 feed_decoder_run(struct feed_decoder *, const char *in, size_t n,
	    int final, struct dstr *out);
/* Windows-1252 byte 0x80..0xFF -> code point (U+FFFD for the holes). */
uint32_t feed_cp1252(unsigned char);
/*
 * Append s to out as valid UTF-8: invalid bytes are read as windows-1252,
 * NUL and C0 controls other than tab, newline and return are dropped,
 * U+FFFE and U+FFFF become U+FFFD.  An unfinished sequence at the end is
 * kept in carry[4] (*ncarry) unless final.
 */
void	 feed_utf8_fix(const char *s, size_t n, int final, struct dstr *out,
	    char *carry, size_t *ncarry);

/* ---- xmlfix.c: make the UTF-8 text palatable to libxml2 ---- */

/* Attributes kept per start tag (libxml2 is quadratic in them). */
#define FEED_MAX_ATTRS	100

struct feed_xmlfix {
	unsigned char	 cls[256];	/* byte classes */
	int		 state;
	size_t		 nattr;		/* attributes of this start tag */
	char		 quote;		/* of this attribute value */
	int		 slash;		/* the tag being dropped ends "/>" */
	size_t		 dropped;	/* tags cut for too many attributes */
	size_t		 cdata_run;	/* bytes of this CDATA */
	struct dstr	 carry;		/* a token cut short */
	struct dstr	 join;
};

void	 feed_xmlfix_init(struct feed_xmlfix *);
void	 feed_xmlfix_release(struct feed_xmlfix *);
/* Fix in[0..n) and append it to out, holding back an unfinished tail. */
void	 feed_xmlfix_run(struct feed_xmlfix *, const char *in, size_t n,
	    int final, struct dstr *out);
/* The UTF-8 of an HTML 4 named entity (not the five of XML), or NULL. */
const char *feed_html_entity(const char *name, size_t len, char buf[8]);

/* ---- html.c: HTML strings ---- */

/* 1 if attribute attr of element tag holds a URL (a@href, img@src...). */
int	 feed_html_url_attr(const char *tag, size_t taglen, const char *attr,
	    size_t attrlen);
/*
 * Resolve the relative URLs in the href/src/... attributes of an HTML
 * string against base.  Returns a new string, or NULL when nothing changed.
 */
char	*feed_html_resolve(const char *html, size_t n, const char *base);
/*
 * The feeds an HTML page advertises: <link rel="alternate" type="...">
 * with an RSS, Atom or JSON Feed type, resolved against <base href> and
 * page_url; RSS and Atom first.  Appends malloc'd strings to *alts.
 */
void	 feed_html_alternates(const char *html, size_t n,
	    const char *page_url, char ***alts, size_t *nalts);
/*
 * Write "&amp;" for each '&' of d that looks like the start of a character
 * reference but is none ("Q&A"); returns the new length.
 */
size_t	 feed_html_fix_amp(struct dstr *d);
/* Append s escaped for HTML text (& < >) or, if attr, for "..." too. */
void	 feed_html_escape(struct dstr *out, const char *s, size_t n,
	    int attr);

/* ---- the element tables (rss.c, atom.c) and sax.c ---- */

enum feed_nsid {
	NS_NONE,		/* no namespace */
	NS_RSS,			/* userland and harvard RSS 2.0 */
	NS_RSS10,
	NS_RSS090,
	NS_ATOM10,
	NS_ATOM03,
	NS_CONTENT,
	NS_DC,
	NS_DCTERMS,
	NS_MEDIA,
	NS_XHTML,
	NS_ITUNES,
	NS_RDF,
	NS_XML,
	NS_OTHER,
	NS_COUNT
};

/* Where an element is: the scope of its parent. */
enum feed_scope {
	SC_SKIP,		/* inside something we ignore */
	SC_TOP,			/* the document, before the root */
	SC_ROOT,		/* directly in <rss> or <rdf:RDF> */
	SC_FEED,		/* channel level */
	SC_ITEM,
	SC_PERSON,		/* an Atom author */
	SC_HTML,		/* an (X)HTML page parsed as XML */
};

#define M_ROOT		(1 << SC_ROOT)
#define M_FEED		(1 << SC_FEED)
#define M_ITEM		(1 << SC_ITEM)
#define M_PERSON	(1 << SC_PERSON)

enum feed_action {
	ACT_FIELD,		/* capture the text into a field */
	ACT_ATOMTEXT,		/* an Atom text construct into a field */
	ACT_CHANNEL,
	ACT_ITEM,
	ACT_PERSON,
	ACT_GROUP,		/* media:group: transparent */
	ACT_ENCLOSURE,		/* RSS enclosure */
	ACT_MEDIA,		/* media:content, media:thumbnail */
	ACT_ATOMLINK,
	ACT_ATOMCAT,
	ACT_GUID,
};

enum feed_field {
	FLD_NONE,
	FLD_TITLE,
	FLD_LINK,
	FLD_SUMMARY,		/* the feed's description */
	FLD_CONTENT,
	FLD_ID,
	FLD_AUTHOR,
	FLD_PUBLISHED,
	FLD_UPDATED,
	FLD_LANGUAGE,
	FLD_CATEGORY,
	FLD_EMAIL,		/* an Atom author's: the author if no name */
	FLD_COUNT
};

/* How the text of a captured element is collected. */
enum feed_capmode {
	CAP_TEXT,		/* character data only, decoded */
	CAP_TEXT_HTML,		/* the same, escaped to HTML at the end */
	CAP_HTML,		/* character data is HTML; child elements
				   are serialised as markup */
	CAP_XHTML,		/* inline XHTML: all serialised, the
				   wrapping <div> dropped */
	CAP_XML,		/* inline XML: all serialised */
	CAP_BASE64,		/* base64 of HTML */
};

struct feed_elem {
	const char	*name;
	unsigned char	 scopes;	/* M_* where it means something */
	unsigned char	 action;
	unsigned char	 field;
	unsigned char	 prio;		/* higher wins, else first */
	unsigned char	 mode;		/* for ACT_FIELD */
};

/*
 * What an element means in an RSS or an Atom document, or NULL.  Both know
 * the modules (dc, dcterms, content, media, xhtml, itunes); RSS also reads
 * Atom elements (atom:link in a channel).
 */
const struct feed_elem *feed_rss_find(enum feed_nsid, const char *name);
const struct feed_elem *feed_atom_find(enum feed_nsid, const char *name);
const struct feed_elem *feed_module_find(enum feed_nsid, const char *name);
/* How an Atom text construct with these attributes is captured. */
enum feed_capmode feed_atom_mode(int atom03, const char *type,
	    const char *mode, int html_field);

/* Feeds an HTML page may advertise. */
#define FEED_MAX_ALTERNATES	32

/* ---- feed.c: what the stages report to the parser ---- */

/* The fatal error; the parse stops.  Always returns -1. */
int	 feed_fail(struct feed_parser *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 feed_warn(struct feed_parser *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 feed_failed(const struct feed_parser *);
/*
 * Count an item against the limit and pass it to the callback; -1 (and
 * the parser has failed) when the limit is hit or the callback says stop.
 */
int	 feed_emit(struct feed_parser *, const struct feed_item *);
/* Refuse another item if the limit is reached (fails the parser). */
int	 feed_item_allowed(struct feed_parser *);
struct feed_meta *feed_meta_mut(struct feed_parser *);
const char *feed_base_url(const struct feed_parser *);
const struct feed_limits *feed_limits_of(const struct feed_parser *);
void	 feed_add_alternate(struct feed_parser *, char *url);
/*
 * The text that leaves the parser: trimmed, C1 controls read as
 * windows-1252, then utf8_sanitize(SAN_KEEP_NEWLINES).  Returns a malloc'd
 * string, or NULL when nothing is left.
 */
char	*feed_clean(const char *s, size_t n);

/* ---- sax.c: the SAX2 handlers ---- */

struct feed_sax;
struct feed_sax *feed_sax_new(struct feed_parser *);
/* Parse fixed UTF-8; 0, or -1 when the parse has stopped. */
int	 feed_sax_push(struct feed_sax *, const char *buf, size_t n,
	    int final);
/* After the last push: close what is open; -1 if it was not a feed. */
int	 feed_sax_finish(struct feed_sax *);
void	 feed_sax_free(struct feed_sax *);

/* ---- json.c ---- */

/* Read a JSON Feed; 0, or -1 (the parser has failed). */
int	 feed_json_parse(struct feed_parser *, const char *buf, size_t n);

#endif
