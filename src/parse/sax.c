/*
 * sax.c: the libxml2 SAX2 handlers that turn RSS and Atom into items.
 *
 * One frame per open element holds the xml:base in effect and the scope of
 * its children (feed, item, an Atom author, or skipped).  An element that
 * fills a field starts a capture: its character data (and, for HTML and
 * XHTML content, its child elements serialised as markup) is collected up
 * to max_field bytes, and at its end tag the text is decoded, resolved,
 * cleaned and stored in the item or the feed.  An item is handed to the
 * callback at its end tag and freed.  Character data outside a capture is
 * not even looked at.
 *
 * Entities: xmlfix.c has already replaced the HTML ones and escaped the
 * rest, so libxml2 sees only the five of XML; entity declarations are
 * ignored (entityDecl does nothing), no DTD is loaded, nothing is read
 * from the network or the disk.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "date.h"
#include "internal.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

#define NS_CACHE	16
#define MAX_BASE	8192		/* longest xml:base taken */
#define RSS090_URI	"http://my.netscape.com/rdf/simple/0.9/"

enum role {
	ROLE_NONE,
	ROLE_ITEM,		/* ends the item */
	ROLE_CAPTURE,		/* ends the capture */
};

struct frame {
	const xmlChar	*name;		/* libxml2's dict */
	const xmlChar	*prefix;
	const xmlChar	*uri;
	const char	*base;		/* xml:base in effect or NULL */
	char		*own;		/* the base set here */
	unsigned char	 scope;		/* of the children */
	unsigned char	 role;
	unsigned char	 closed;	/* ended by recovery; libxml2's end
					   tag still to come */
};

struct capture {
	int		 on;
	unsigned	 depth;		/* of the captured element */
	enum feed_capmode mode;
	enum feed_field	 field;
	unsigned char	 prio;
	int		 markup;	/* HTML by nature, not by accident */
	int		 guid;		/* an RSS guid */
	int		 permalink;	/* ... that may be the link */
	const char	*base;		/* its frame's base */
	const char	*name;		/* for warnings */
	struct dstr	 buf;
	int		 truncated;
	unsigned	 div_depth;	/* the dropped XHTML <div>, or 0 */
	int		 seen_elem;	/* a child element was seen */
	int		 open_empty;	/* last start tag: no content */
};

struct feed_sax {
	struct feed_parser *p;
	xmlParserCtxtPtr ctxt;
	size_t		 max_field;
	unsigned	 max_depth;
	size_t		 max_categories;
	size_t		 max_enclosures;
	struct frame	*frames;	/* frames[0]: the document */
	size_t		 nframes;
	unsigned	 depth;
	enum feed_format format;
	int		 root;		/* 0 before, 1 in, 2 after */
	int		 atom;		/* an Atom document */
	int		 html;		/* the root was <html> */
	int		 stopped;
	int		 closing;	/* in feed_sax_finish() */
	char		*root_uri;	/* the root's unknown namespace */
	char		*pending_end;	/* a mismatched end tag */
	char		*prefatal;	/* the error before any root */
	struct capture	 cap;
	struct feed_item item;
	int		 in_item;
	int		 too_many_cats;	/* categories dropped */
	int		 too_many_encs;	/* enclosures dropped */
	unsigned char	 iprio[FLD_COUNT];
	unsigned char	 mprio[FLD_COUNT];
	const xmlChar	*ns_uri[NS_CACHE];
	unsigned char	 ns_id[NS_CACHE];
	unsigned	 ns_next;
	char		*html_base;	/* an XHTML page's <base href> */
	char		**halts[2];	/* its <link>s: RSS/Atom, JSON */
	size_t		 nhalts[2];
	xmlEntity	 ent;		/* getEntity()'s answer */
	char		 entbuf[8];
};

static const struct {
	const char	*uri;
	enum feed_nsid	 id;
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ RSS090_URI, NS_RSS090 },
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	{ "http://backend.userland.com/rss", NS_RSS },
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://backend.userland.com/rss2.1", NS_RSS },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
	{ "http://purl.org/net/rss1.1#", NS_RSS10 },
};

static void
stop(struct feed_sax *s)
{
	s->stopped = 1;
	xmlStopParser(s->ctxt);
}

static int
line(const struct feed_sax *s)
{
	return s->ctxt != NULL && s->ctxt->input != NULL ?
	    s->ctxt->input->line : 0;
}

/* The namespace of an element; URIs come interned from libxml2's dict. */
static enum feed_nsid
ns_lookup(struct feed_sax *s, const xmlChar *uri)
{
	enum feed_nsid id = NS_OTHER;
	unsigned i;

	if (uri == NULL || *uri == '\0')
		return NS_NONE;
	for (i = 0; i < NS_CACHE; i++)
		if (s->ns_uri[i] == uri)
			return s->ns_id[i];
	for (i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++)
		if (strcmp((const char *)uri, namespaces[i].uri) == 0) {
			id = namespaces[i].id;
			break;
		}
	if (id == NS_OTHER && s->root_uri != NULL &&
	    strcmp((const char *)uri, s->root_uri) == 0)
		id = s->atom ? NS_ATOM10 : NS_RSS;
	s->ns_uri[s->ns_next] = uri;
	s->ns_id[s->ns_next] = (unsigned char)id;
	s->ns_next = (s->ns_next + 1) % NS_CACHE;
	return id;
}

/*
 * The value of attribute local (in namespace uri, or none), decoded, or
 * NULL.  libxml2 leaves "&#38;" for the '&' of an attribute value when it
 * does not substitute entities; it is undone here.
 */
static char *
attr_get(const xmlChar **attrs, int nattrs, const char *local,
    const char *uri)
{
	const char *v, *end, *amp;
	struct dstr d = DSTR_INIT;
	int i;

	for (i = 0; i < nattrs; i++, attrs += 5) {
		if (strcmp((const char *)attrs[0], local) != 0)
			continue;
		if (uri == NULL ? attrs[2] != NULL : (attrs[2] == NULL ||
		    strcmp((const char *)attrs[2], uri) != 0))
			continue;
		v = (const char *)attrs[3];
		end = (const char *)attrs[4];
		while ((amp = memchr(v, '&', (size_t)(end - v))) != NULL) {
			dstr_add(&d, v, (size_t)(amp - v));
			if (end - amp >= 5 && memcmp(amp, "&#38;", 5) == 0) {
				dstr_addc(&d, '&');
				v = amp + 5;
			} else {
				dstr_addc(&d, '&');
				v = amp + 1;
			}
		}
		dstr_add(&d, v, (size_t)(end - v));
		return dstr_detach(&d, NULL);
	}
	return NULL;
}

/* ---- storing fields ---- */

static char **
field_ptr(struct feed_sax *s, enum feed_field f, int item)
{
	struct feed_meta *m = feed_meta_mut(s->p);

	if (item) {
		switch (f) {
		case FLD_TITLE:		return &s->item.title;
		case FLD_LINK:		return &s->item.link;
		case FLD_SUMMARY:	return &s->item.summary;
		case FLD_CONTENT:	return &s->item.content;
		case FLD_ID:		return &s->item.id;
		case FLD_AUTHOR:	return &s->item.author;
		default:		return NULL;
		}
	}
	switch (f) {
	case FLD_TITLE:		return &m->title;
	case FLD_LINK:		return &m->link;
	case FLD_SUMMARY:	return &m->description;
	case FLD_AUTHOR:	return &m->author;
	case FLD_LANGUAGE:	return &m->language;
	default:		return NULL;
	}
}

static int64_t *
date_ptr(struct feed_sax *s, enum feed_field f, int item)
{
	if (item)
		return f == FLD_PUBLISHED ? &s->item.published :
		    f == FLD_UPDATED ? &s->item.updated : NULL;
	return f == FLD_UPDATED ? &feed_meta_mut(s->p)->updated : NULL;
}

/* Would a value of this priority be kept? */
static int
wanted(struct feed_sax *s, enum feed_field f, int prio)
{
	int item = s->in_item;
	unsigned char *pr = item ? s->iprio : s->mprio;
	char **sp;
	int64_t *dp;

	if (f == FLD_EMAIL)
		f = FLD_AUTHOR;
	if (!item && f == FLD_PUBLISHED) {
		f = FLD_UPDATED;
		prio = 0;
	}
	if (f == FLD_CATEGORY)
		return item;
	if ((sp = field_ptr(s, f, item)) != NULL)
		return *sp == NULL || prio > pr[f];
	if ((dp = date_ptr(s, f, item)) != NULL)
		return *dp == DATE_NONE || prio > pr[f];
	return 0;
}

static void
set_str(struct feed_sax *s, enum feed_field f, int prio, char *v)
{
	unsigned char *pr = s->in_item ? s->iprio : s->mprio;
	char **sp = field_ptr(s, f, s->in_item);

	if (sp == NULL || v == NULL || (*sp != NULL && prio <= pr[f])) {
		free(v);
		return;
	}
	free(*sp);
	*sp = v;
	pr[f] = (unsigned char)prio;
}

static void
add_category(struct feed_sax *s, char *v)
{
	size_t i;

	if (!s->in_item || v == NULL) {
		free(v);
		return;
	}
	if (s->item.ncategories >= s->max_categories) {
		if (!s->too_many_cats++)
			feed_warn(s->p, "line %d: more than %zu categories in "
			    "an item, the rest dropped (parse-max-categories)",
			    line(s), s->max_categories);
		free(v);
		return;
	}
	for (i = 0; i < s->item.ncategories; i++)
		if (strcmp(s->item.categories[i], v) == 0)
			break;
	if (i == s->item.ncategories)
		feed_item_add_category(&s->item, v);
	free(v);
}

static void
add_enclosure(struct feed_sax *s, const char *base, const char *url,
    const char *type, const char *length)
{
	char *u, *t = NULL, *end;
	long long len = -1;
	size_t i;

	if (!s->in_item || url == NULL)
		return;
	if (s->item.nenclosures >= s->max_enclosures) {
		if (!s->too_many_encs++)
			feed_warn(s->p, "line %d: more than %zu enclosures in "
			    "an item, the rest dropped (parse-max-enclosures)",
			    line(s), s->max_enclosures);
		return;
	}
	if ((u = url_resolve(base, url)) == NULL)
		u = xstrdup(url);
	if (*u == '\0') {
		free(u);
		return;
	}
	for (i = 0; i < s->item.nenclosures; i++)
		if (strcmp(s->item.enclosures[i].url, u) == 0)
			break;
	if (i == s->item.nenclosures) {
		char *cu = feed_clean(u, strlen(u));

		if (type != NULL)
			t = feed_clean(type, strlen(type));
		if (length != NULL) {
			while (*length == ' ')
				length++;
			len = strtoll(length, &end, 10);
			if (end == length || len < 0)
				len = -1;
		}
		if (cu != NULL)
			feed_item_add_enclosure(&s->item, cu, t, len);
		free(cu);
		free(t);
	}
	free(u);
}

/* Store the text of a field, v (malloc'd), read at an element with base. */
static void
store(struct feed_sax *s, enum feed_field f, int prio, char *v,
    const char *base)
{
	char *r;
	int64_t t, *dp;
	unsigned char *pr = s->in_item ? s->iprio : s->mprio;
	size_t i;

	if (v == NULL)
		return;
	switch (f) {
	case FLD_CATEGORY:
		add_category(s, v);
		return;
	case FLD_LINK:
		if ((r = url_resolve(base, v)) != NULL) {
			free(v);
			v = feed_clean(r, strlen(r));
			free(r);
		}
		set_str(s, f, prio, v);
		return;
	case FLD_PUBLISHED:
	case FLD_UPDATED:
		t = date_parse(v);
		free(v);
		if (!s->in_item && f == FLD_PUBLISHED) {
			f = FLD_UPDATED;
			prio = 0;
		}
		if (t == DATE_NONE || (dp = date_ptr(s, f, s->in_item)) == NULL)
			return;
		if (*dp == DATE_NONE || prio > pr[f]) {
			*dp = t;
			pr[f] = (unsigned char)prio;
		}
		return;
	case FLD_LANGUAGE:
		for (i = 0; v[i] != '\0'; i++)
			if (v[i] == '_')
				v[i] = '-';
		set_str(s, f, prio, v);
		return;
	case FLD_EMAIL:
		set_str(s, FLD_AUTHOR, prio, v);
		return;
	default:
		set_str(s, f, prio, v);
		return;
	}
}

/* ---- capturing the text of an element ---- */

static void
cap_add(struct feed_sax *s, const char *t, size_t n, int escape)
{
	struct capture *c = &s->cap;
	size_t cut;

	if (escape)
		feed_html_escape(&c->buf, t, n, 0);
	else
		dstr_add(&c->buf, t, n);
	if (c->buf.len > s->max_field) {
		/* cut at a character boundary */
		cut = s->max_field;
		while (cut > 0 && ((unsigned char)c->buf.buf[cut] & 0xC0) ==
		    0x80)
			cut--;
		dstr_setlen(&c->buf, cut);
		c->truncated = 1;
	}
}

static void
cap_begin(struct feed_sax *s, struct frame *f, const xmlChar *name,
    enum feed_field field, int prio, enum feed_capmode mode)
{
	struct capture *c = &s->cap;

	c->on = 1;
	c->depth = s->depth;
	c->field = field;
	c->prio = (unsigned char)prio;
	c->mode = mode;
	c->guid = c->permalink = 0;
	c->markup = field == FLD_SUMMARY || field == FLD_CONTENT;
	c->base = f->base;
	c->name = (const char *)name;
	dstr_reset(&c->buf);
	c->truncated = 0;
	c->div_depth = 0;
	c->seen_elem = 0;
	c->open_empty = 0;
	f->role = ROLE_CAPTURE;
	f->scope = SC_SKIP;
}

static int
is_void(const char *name)
{
	static const char *const voids[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr",
	};
	size_t i;

	for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++)
		if (strcmp(name, voids[i]) == 0)
			return 1;
	return 0;
}

static int
serialising(const struct capture *c)
{
	return !c->truncated && (c->mode == CAP_HTML || c->mode == CAP_XHTML ||
	    c->mode == CAP_XML);
}

static void
add_qname(struct dstr *d, const xmlChar *prefix, const xmlChar *local,
    enum feed_nsid ns)
{
	if (prefix != NULL && ns != NS_XHTML) {
		dstr_adds(d, (const char *)prefix);
		dstr_addc(d, ':');
	}
	dstr_adds(d, (const char *)local);
}

/* A start tag inside a capture: serialise it as markup. */
static void
cap_start(struct feed_sax *s, struct frame *f, const xmlChar *local,
    const xmlChar *prefix, const xmlChar *uri, int nns,
    const xmlChar **nsdecl, int nattrs, const xmlChar **attrs)
{
	struct capture *c = &s->cap;
	struct dstr *d = &c->buf;
	enum feed_nsid ns;
	char *v, *r;
	int i;

	if (!serialising(c))
		return;
	c->open_empty = 0;
	ns = ns_lookup(s, uri);
	if (c->mode == CAP_XHTML && !c->seen_elem &&
	    s->depth == c->depth + 1 && ns == NS_XHTML &&
	    strcmp((const char *)local, "div") == 0) {
		c->seen_elem = 1;
		c->div_depth = s->depth;	/* the wrapper: dropped */
		return;
	}
	c->seen_elem = 1;
	dstr_addc(d, '<');
	add_qname(d, prefix, local, ns);
	for (i = 0; i < nns; i++) {
		const xmlChar *p = nsdecl[2 * i], *u = nsdecl[2 * i + 1];

		if (u == NULL || strcmp((const char *)u,
		    "http://www.w3.org/1999/xhtml") == 0)
			continue;
		dstr_adds(d, p != NULL ? " xmlns:" : " xmlns");
		if (p != NULL)
			dstr_adds(d, (const char *)p);
		dstr_add(d, "=\"", 2);
		feed_html_escape(d, (const char *)u, strlen((const char *)u),
		    1);
		dstr_addc(d, '"');
	}
	for (i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;

		dstr_addc(d, ' ');
		if (a[1] != NULL) {
			dstr_adds(d, (const char *)a[1]);
			dstr_addc(d, ':');
		}
		dstr_adds(d, (const char *)a[0]);
		dstr_add(d, "=\"", 2);
		v = attr_get(a, 1, (const char *)a[0], (const char *)a[2]);
		r = NULL;
		if (f->base != NULL && a[2] == NULL &&
		    feed_html_url_attr((const char *)local,
		    strlen((const char *)local), (const char *)a[0],
		    strlen((const char *)a[0])) && !url_has_scheme(v))
			r = url_resolve(f->base, v);
		if (r != NULL)
			feed_html_escape(d, r, strlen(r), 1);
		else
			feed_html_escape(d, v, strlen(v), 1);
		dstr_addc(d, '"');
		free(r);
		free(v);
	}
	dstr_addc(d, '>');
	c->open_empty = 1;
	if (d->len > s->max_field)
		cap_add(s, "", 0, 0);		/* cut */
}

static void
cap_end_child(struct feed_sax *s, const xmlChar *local,
    const xmlChar *prefix, const xmlChar *uri)
{
	struct capture *c = &s->cap;
	enum feed_nsid ns;

	if (!serialising(c) || s->closing)
		return;
	if (c->div_depth == s->depth) {
		c->div_depth = 0;
		return;
	}
	ns = ns_lookup(s, uri);
	if (c->open_empty && (ns == NS_XHTML || ns == NS_NONE) &&
	    is_void((const char *)local)) {
		dstr_setlen(&c->buf, c->buf.len - 1);
		dstr_add(&c->buf, " />", 3);
	} else {
		dstr_add(&c->buf, "</", 2);
		add_qname(&c->buf, prefix, local, ns);
		dstr_addc(&c->buf, '>');
	}
	c->open_empty = 0;
	if (c->buf.len > s->max_field)
		cap_add(s, "", 0, 0);
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

static void
base64_decode(struct dstr *out, const char *s, size_t n)
{
	uint32_t acc = 0;
	size_t i;
	int bits = 0, v;

	for (i = 0; i < n; i++) {
		if (s[i] == '=')
			break;
		if ((v = b64val((unsigned char)s[i])) < 0)
			continue;		/* blanks */
		acc = acc << 6 | (uint32_t)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			dstr_addc(out, (char)(acc >> bits & 0xFF));
		}
	}
}

/* The end tag of the captured element: store what was collected. */
static void
cap_finish(struct feed_sax *s)
{
	struct capture *c = &s->cap;
	struct dstr tmp = DSTR_INIT;
	const char *t = c->buf.buf;
	size_t n = c->buf.len;
	char *v, *r = NULL;
	int html_field = c->field == FLD_SUMMARY || c->field == FLD_CONTENT;

	c->on = 0;
	if (c->truncated)
		feed_warn(s->p, "line %d: <%s> longer than %zu bytes, cut "
		    "(parse-max-field)",
		    line(s), c->name, s->max_field);
	switch (c->mode) {
	case CAP_TEXT_HTML:
		feed_html_escape(&tmp, t, n, 0);
		t = tmp.buf;
		n = tmp.len;
		break;
	case CAP_BASE64:
		base64_decode(&tmp, t, n);
		t = tmp.buf;
		n = tmp.len;
		break;
	default:
		break;
	}
	if (c->markup && (c->mode == CAP_HTML || c->mode == CAP_BASE64)) {
		/* a bare '&' in HTML is "&amp;" */
		if (tmp.len == 0 && memchr(t, '&', n) != NULL) {
			dstr_add(&tmp, t, n);
			t = tmp.buf;
		}
		if (tmp.len > 0) {
			n = feed_html_fix_amp(&tmp);
			t = tmp.buf;
		}
		if (html_field && c->base != NULL &&
		    (r = feed_html_resolve(t, n, c->base)) != NULL) {
			t = r;
			n = strlen(r);
		}
	}
	v = feed_clean(t, n);
	free(r);
	dstr_release(&tmp);
	if (c->guid && c->permalink && v != NULL &&
	    (r = url_resolve(c->base, v)) != NULL) {
		/* a permalink guid is the link when there is no other */
		if (strncasecmp(r, "http://", 7) == 0 ||
		    strncasecmp(r, "https://", 8) == 0)
			store(s, FLD_LINK, 1, r, NULL);
		else
			free(r);
	}
	store(s, c->field, c->prio, v, c->base);
}

/* ---- the elements that mean something ---- */

static void
item_begin(struct feed_sax *s, struct frame *f, enum feed_nsid ns,
    int nattrs, const xmlChar **attrs)
{
	char *about;

	if (s->in_item) {		/* an item in an item: ignored */
		f->scope = SC_SKIP;
		return;
	}
	if (feed_item_allowed(s->p) == -1) {
		stop(s);
		return;
	}
	if (ns == NS_RSS090)
		s->format = FEED_RSS09X;
	feed_item_init(&s->item);
	memset(s->iprio, 0, sizeof(s->iprio));
	s->in_item = 1;
	s->too_many_cats = s->too_many_encs = 0;
	f->role = ROLE_ITEM;
	f->scope = SC_ITEM;
	about = attr_get(attrs, nattrs, "about",
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	if (about != NULL) {
		store(s, FLD_ID, 1, feed_clean(about, strlen(about)), NULL);
		free(about);
	}
}

static void
item_end(struct feed_sax *s)
{
	if (!s->in_item)
		return;
	s->in_item = 0;
	if (feed_emit(s->p, &s->item) == -1)
		stop(s);
	feed_item_release(&s->item);
}

static void
atom_link(struct feed_sax *s, struct frame *f, int nattrs,
    const xmlChar **attrs)
{
	char *rel, *type, *href, *len, *u;
	int prio;

	href = attr_get(attrs, nattrs, "href", NULL);
	if (href == NULL)
		return;
	rel = attr_get(attrs, nattrs, "rel", NULL);
	type = attr_get(attrs, nattrs, "type", NULL);
	if (rel == NULL || *rel == '\0' || strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate")
	    == 0) {
		prio = type == NULL || strcasecmp(type, "text/html") == 0 ||
		    strcasecmp(type, "application/xhtml+xml") == 0 ? 3 : 2;
		if (wanted(s, FLD_LINK, prio) && (u = url_resolve(f->base,
		    href)) != NULL) {
			set_str(s, FLD_LINK, prio, feed_clean(u, strlen(u)));
			free(u);
		}
	} else if (strcasecmp(rel, "enclosure") == 0) {
		len = attr_get(attrs, nattrs, "length", NULL);
		add_enclosure(s, f->base, href, type, len);
		free(len);
	}
	free(rel);
	free(type);
	free(href);
}

static void
media(struct feed_sax *s, struct frame *f, const char *name, int nattrs,
    const xmlChar **attrs)
{
	char *url, *type = NULL, *size = NULL;

	if ((url = attr_get(attrs, nattrs, "url", NULL)) == NULL)
		return;
	if (strcmp(name, "content") == 0) {
		type = attr_get(attrs, nattrs, "type", NULL);
		size = attr_get(attrs, nattrs, "fileSize", NULL);
	}
	add_enclosure(s, f->base, url, type, size);
	free(url);
	free(type);
	free(size);
}

static void
set_lang(struct feed_sax *s, int nattrs, const xmlChar **attrs, int prio)
{
	char *lang;

	lang = attr_get(attrs, nattrs, "lang",
	    "http://www.w3.org/XML/1998/namespace");
	if (lang != NULL && !s->in_item)
		store(s, FLD_LANGUAGE, prio, feed_clean(lang, strlen(lang)),
		    NULL);
	free(lang);
}

static void
act(struct feed_sax *s, struct frame *f, struct frame *parent,
    const struct feed_elem *e, enum feed_nsid ns, const xmlChar *local,
    int nattrs, const xmlChar **attrs)
{
	char *type, *mode, *v;
	enum feed_capmode cm;

	switch (e->action) {
	case ACT_CHANNEL:
		f->scope = SC_FEED;
		if (ns == NS_RSS090)
			s->format = FEED_RSS09X;
		set_lang(s, nattrs, attrs, 1);
		break;
	case ACT_ITEM:
		item_begin(s, f, ns, nattrs, attrs);
		break;
	case ACT_PERSON:
		f->scope = SC_PERSON;
		break;
	case ACT_GROUP:
		f->scope = parent->scope;
		break;
	case ACT_FIELD:
		if (wanted(s, e->field, e->prio))
			cap_begin(s, f, local, e->field, e->prio, e->mode);
		break;
	case ACT_GUID:
		cap_begin(s, f, local, FLD_ID, e->prio, CAP_TEXT);
		s->cap.guid = 1;
		v = attr_get(attrs, nattrs, "isPermaLink", NULL);
		s->cap.permalink = v == NULL || strcasecmp(v, "false") != 0;
		free(v);
		break;
	case ACT_ATOMTEXT:
		if (!wanted(s, e->field, e->prio))
			break;
		if ((v = attr_get(attrs, nattrs, "src", NULL)) != NULL) {
			free(v);		/* out-of-line content */
			break;
		}
		type = attr_get(attrs, nattrs, "type", NULL);
		mode = attr_get(attrs, nattrs, "mode", NULL);
		cm = feed_atom_mode(ns == NS_ATOM03 ||
		    s->format == FEED_ATOM03, type, mode,
		    e->field == FLD_SUMMARY || e->field == FLD_CONTENT);
		free(type);
		free(mode);
		cap_begin(s, f, local, e->field, e->prio, cm);
		s->cap.markup = 1;
		break;
	case ACT_ENCLOSURE:
		{
			char *u = attr_get(attrs, nattrs, "url", NULL);
			char *t = attr_get(attrs, nattrs, "type", NULL);
			char *l = attr_get(attrs, nattrs, "length", NULL);

			add_enclosure(s, f->base, u, t, l);
			free(u);
			free(t);
			free(l);
		}
		break;
	case ACT_MEDIA:
		media(s, f, (const char *)local, nattrs, attrs);
		break;
	case ACT_ATOMLINK:
		atom_link(s, f, nattrs, attrs);
		break;
	case ACT_ATOMCAT:
		v = attr_get(attrs, nattrs, "term", NULL);
		if (v == NULL || *v == '\0') {
			free(v);
			v = attr_get(attrs, nattrs, "label", NULL);
		}
		if (v != NULL)
			add_category(s, feed_clean(v, strlen(v)));
		free(v);
		break;
	}
}

static void
root(struct feed_sax *s, struct frame *f, const xmlChar *local,
    const xmlChar *uri, enum feed_nsid ns, int nns, const xmlChar **nsdecl,
    int nattrs, const xmlChar **attrs)
{
	const char *name = (const char *)local;
	char *version;
	int i;

	s->root = 1;
	version = attr_get(attrs, nattrs, "version", NULL);
	if (strcmp(name, "rss") == 0) {
		s->format = version != NULL && strncmp(version, "0.", 2) == 0 ?
		    FEED_RSS09X : FEED_RSS20;
		f->scope = SC_ROOT;
	} else if (strcmp(name, "RDF") == 0) {
		s->format = FEED_RSS10;
		for (i = 0; i < nns; i++)
			if (nsdecl[2 * i + 1] != NULL && strcmp((const char *)
			    nsdecl[2 * i + 1], RSS090_URI) == 0)
				s->format = FEED_RSS09X;
		f->scope = SC_ROOT;
	} else if (strcmp(name, "feed") == 0) {
		s->atom = 1;
		if (ns == NS_ATOM03 || (ns != NS_ATOM10 && version != NULL &&
		    strncmp(version, "0.", 2) == 0))
			s->format = FEED_ATOM03;
		else
			s->format = FEED_ATOM10;
		f->scope = SC_FEED;
	} else if (strcasecmp(name, "html") == 0) {
		s->html = 1;
		f->scope = SC_HTML;
	} else {
		feed_fail(s->p, "not a feed: the root element is <%s>", name);
		free(version);
		stop(s);		/* attrs went with the input */
		return;
	}
	free(version);
	if (ns == NS_OTHER && uri != NULL && !s->html) {
		/* an unknown namespace for RSS or Atom: take it as theirs */
		s->root_uri = xstrdup((const char *)uri);
		memset(s->ns_uri, 0, sizeof(s->ns_uri));
	}
	if (!s->html)
		set_lang(s, nattrs, attrs, 1);
	feed_meta_mut(s->p)->format = s->format;
}

/* 1 if the blank-separated list s holds word (any case). */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word), k;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s == '\0')
			return 0;
		for (k = 0; s[k] != '\0' && s[k] != ' ' && s[k] != '\t' &&
		    s[k] != '\n' && s[k] != '\r'; k++)
			;
		if (k == n && strncasecmp(s, word, n) == 0)
			return 1;
		s += k;
	}
}

/* <link> and <base> of an XHTML page parsed as XML. */
static void
html_elem(struct feed_sax *s, struct frame *f, const char *name, int nattrs,
    const xmlChar **attrs)
{
	char *rel, *type, *href, *u;
	int rank;

	if (strcasecmp(name, "base") == 0 && s->html_base == NULL) {
		if ((href = attr_get(attrs, nattrs, "href", NULL)) != NULL)
			s->html_base = url_resolve(feed_base_url(s->p), href);
		free(href);
		return;
	}
	if (strcasecmp(name, "link") != 0)
		return;
	rel = attr_get(attrs, nattrs, "rel", NULL);
	type = attr_get(attrs, nattrs, "type", NULL);
	href = attr_get(attrs, nattrs, "href", NULL);
	rank = -1;
	if (type != NULL) {
		if (strcasecmp(type, "application/rss+xml") == 0 ||
		    strcasecmp(type, "application/atom+xml") == 0)
			rank = 0;
		else if (strcasecmp(type, "application/feed+json") == 0)
			rank = 1;
	}
	if (rank >= 0 && rel != NULL && has_word(rel, "alternate") &&
	    href != NULL && *href != '\0' &&
	    s->nhalts[rank] < FEED_MAX_ALTERNATES) {
		u = url_resolve(s->html_base != NULL ? s->html_base :
		    feed_base_url(s->p), href);
		if (u == NULL)
			u = xstrdup(href);
		s->halts[rank] = xreallocarray(s->halts[rank],
		    s->nhalts[rank] + 1, sizeof(char *));
		s->halts[rank][s->nhalts[rank]++] = u;
	}
	(void)f;
	free(rel);
	free(type);
	free(href);
}

/* ---- the SAX2 handlers ---- */

static void	close_to(struct feed_sax *, int, const char *);

/* The innermost element not closed by recovery. */
static struct frame *
open_parent(struct feed_sax *s)
{
	unsigned d = s->depth;

	while (d > 0 && s->frames[d].closed)
		d--;
	return &s->frames[d];
}

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nsdecl, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct feed_sax *s = ctx;
	struct frame *f, *parent;
	const struct feed_elem *e;
	enum feed_nsid ns;
	char *b;
	int i;

	(void)ndefaulted;
	s->ctxt->wellFormed = 1;	/* see xmlfix.c: keep entities coming */
	if (s->stopped)
		return;
	if (s->depth + 1 > s->max_depth) {
		feed_fail(s->p, "line %d: elements nested deeper than %u "
		    "levels (parse-max-depth)", line(s), s->max_depth);
		stop(s);
		return;
	}
	if (s->depth + 1 >= s->nframes) {
		s->nframes = s->nframes * 2 + 16;
		s->frames = xreallocarray(s->frames, s->nframes,
		    sizeof(*s->frames));
	}
	free(s->pending_end);
	s->pending_end = NULL;
	parent = open_parent(s);
	f = &s->frames[++s->depth];
	f->name = local;
	f->prefix = prefix;
	f->uri = uri;
	f->base = parent->base;
	f->own = NULL;
	f->scope = SC_SKIP;
	f->role = ROLE_NONE;
	f->closed = 0;
	if (parent->scope == SC_SKIP && !s->cap.on)
		return;
	for (i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (a[2] != NULL && strcmp((const char *)a[0], "base") == 0 &&
		    strcmp((const char *)a[2],
		    "http://www.w3.org/XML/1998/namespace") == 0) {
			b = attr_get(a, 1, "base",
			    "http://www.w3.org/XML/1998/namespace");
			f->own = url_resolve(parent->base, b);
			free(b);
			if (f->own != NULL && strlen(f->own) > MAX_BASE) {
				/* it would be copied for every child */
				feed_warn(s->p, "line %d: xml:base longer than "
				    "%d bytes ignored", line(s), MAX_BASE);
				free(f->own);
				f->own = NULL;
			}
			if (f->own != NULL)
				f->base = f->own;
			break;
		}
	}
	if (s->cap.on) {
		cap_start(s, f, local, prefix, uri, nns, nsdecl, nattrs,
		    attrs);
		return;
	}
	ns = ns_lookup(s, uri);
	switch (parent->scope) {
	case SC_TOP:
		if (s->root == 0)
			root(s, f, local, uri, ns, nns, nsdecl, nattrs, attrs);
		return;
	case SC_HTML:
		f->scope = SC_HTML;
		html_elem(s, f, (const char *)local, nattrs, attrs);
		return;
	default:
		break;
	}
	e = s->atom ? feed_atom_find(ns, (const char *)local) :
	    feed_rss_find(ns, (const char *)local);
	if (e != NULL && e->action == ACT_ITEM && s->in_item) {
		/* an item in an item: the first lacks its end tag */
		close_to(s, ROLE_ITEM, NULL);
		if (s->stopped)
			return;
		parent = open_parent(s);
		f->base = parent->base;
		if (f->own != NULL)
			f->base = f->own;
	}
	if (e == NULL || !(e->scopes & (1 << parent->scope)))
		return;
	act(s, f, parent, e, ns, local, nattrs, attrs);
}

/* End what frame f (at depth d) stands for; it stays on the stack. */
static void
close_frame(struct feed_sax *s, struct frame *f, unsigned d)
{
	if (f->closed)
		return;
	if (s->cap.on && !s->stopped) {
		if (d > s->cap.depth) {
			unsigned save = s->depth;

			s->depth = d;
			cap_end_child(s, f->name, f->prefix, f->uri);
			s->depth = save;
		} else if (f->role == ROLE_CAPTURE)
			cap_finish(s);
	}
	if (f->role == ROLE_ITEM && !s->stopped)
		item_end(s);
	f->closed = 1;
}

/*
 * Recovery: close every open frame down to the nearest one that has the
 * role (or, with name, that name).  libxml2 closes one element per end tag
 * whatever its name, so after "<title>a <b>b</title>" it still thinks the
 * title is open; here it is closed at once and stays on the stack, closed,
 * until libxml2's own end tag for it comes.
 */
static void
close_to(struct feed_sax *s, int role, const char *name)
{
	unsigned d, k;

	for (d = s->depth; d > 0; d--) {
		struct frame *f = &s->frames[d];

		if (f->closed)
			continue;
		if (name != NULL ? strcmp((const char *)f->name, name) == 0 :
		    f->role == role)
			break;
	}
	if (d == 0)
		return;
	for (k = s->depth; k >= d; k--)
		close_frame(s, &s->frames[k], k);
}

static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_sax *s = ctx;
	struct frame *f;
	const char *real;

	(void)local; (void)prefix; (void)uri;
	s->ctxt->wellFormed = 1;
	if (s->depth == 0)
		return;
	f = &s->frames[s->depth];
	close_frame(s, f, s->depth);
	if (s->depth == 1)
		s->root = 2;
	free(f->own);
	f->own = NULL;
	s->depth--;
	if (s->pending_end != NULL) {
		/* the end tag named an element further up: close to it */
		real = strchr(s->pending_end, ':');
		real = real != NULL ? real + 1 : s->pending_end;
		if (s->depth > 0)
			close_to(s, ROLE_NONE, real);
		free(s->pending_end);
		s->pending_end = NULL;
	}
}

static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	struct feed_sax *s = ctx;
	struct capture *c = &s->cap;
	int escape;

	s->ctxt->wellFormed = 1;
	if (!c->on || c->truncated || len <= 0)
		return;
	switch (c->mode) {
	case CAP_HTML:
		escape = s->depth > c->depth;
		break;
	case CAP_XHTML:
	case CAP_XML:
		escape = 1;
		break;
	default:
		escape = 0;
		break;
	}
	c->open_empty = 0;
	cap_add(s, (const char *)ch, (size_t)len, escape);
}

/* Never called after xmlfix.c; answers with HTML entities all the same. */
static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_sax *s = ctx;

	s->ctxt->wellFormed = 1;
	if (feed_html_entity((const char *)name, strlen((const char *)name),
	    s->entbuf) == NULL)
		return NULL;
	memset(&s->ent, 0, sizeof(s->ent));
	s->ent.type = XML_ENTITY_DECL;
	s->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	s->ent.name = name;
	s->ent.content = (xmlChar *)s->entbuf;
	s->ent.orig = (xmlChar *)s->entbuf;
	s->ent.length = (int)strlen(s->entbuf);
	return &s->ent;
}

/* Entity declarations are ignored: nothing the document declares is ever
 * expanded (billion laughs, quadratic blow-up, external entities). */
static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	(void)ctx; (void)name; (void)type; (void)publicId; (void)systemId;
	(void)content;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_sax *s = ctx;
	char msg[256];
	size_t n;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message != NULL ? e->message :
	    "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (s->root == 0 && s->prefatal == NULL && e->level == XML_ERR_FATAL)
		s->prefatal = xstrdup(msg);
	if (e->code == XML_ERR_TAG_NAME_MISMATCH && e->str2 != NULL) {
		free(s->pending_end);
		s->pending_end = xstrdup(e->str2);
	}
	if (s->html)
		return;			/* reported as "not a feed" */
	feed_warn(s->p, "line %d: %s", e->line, msg);
}

struct feed_sax *
feed_sax_new(struct feed_parser *p)
{
	const struct feed_limits *lim = feed_limits_of(p);
	struct feed_sax *s;
	xmlSAXHandler sax;

	s = xcalloc(1, sizeof(*s));
	s->p = p;
	s->max_field = lim->max_field;
	s->max_depth = lim->max_depth;
	s->max_categories = lim->max_categories;
	s->max_enclosures = lim->max_enclosures;
	s->nframes = 64;
	s->frames = xcalloc(s->nframes, sizeof(*s->frames));
	s->frames[0].base = feed_base_url(p);
	s->frames[0].scope = SC_TOP;
	s->format = FEED_UNKNOWN;
	feed_item_init(&s->item);
	dstr_init(&s->cap.buf);

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_chars;
	sax.cdataBlock = on_chars;
	sax.getEntity = on_get_entity;
	sax.entityDecl = on_entity_decl;
	sax.serror = on_error;
	xmlInitParser();
	s->ctxt = xmlCreatePushParserCtxt(&sax, s, NULL, 0, NULL);
	if (s->ctxt == NULL) {
		feed_fail(p, "cannot create an XML parser");
		s->stopped = 1;
		return s;
	}
	xmlCtxtUseOptions(s->ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER |
	    XML_PARSE_IGNORE_ENC);
	return s;
}

int
feed_sax_push(struct feed_sax *s, const char *buf, size_t n, int final)
{
	size_t k;

	if (s->stopped || feed_failed(s->p))
		return -1;
	do {
		k = n > INT_MAX / 2 ? INT_MAX / 2 : n;
		xmlParseChunk(s->ctxt, buf, (int)k, final && k == n);
		buf += k;
		n -= k;
	} while (n > 0 && !s->stopped);
	return s->stopped || feed_failed(s->p) ? -1 : 0;
}

int
feed_sax_finish(struct feed_sax *s)
{
	int rank;
	size_t i;

	if (feed_failed(s->p))
		return -1;
	if (s->html) {
		for (rank = 0; rank < 2; rank++) {
			for (i = 0; i < s->nhalts[rank]; i++)
				feed_add_alternate(s->p, s->halts[rank][i]);
			s->nhalts[rank] = 0;
		}
		return -2;
	}
	if (s->root == 0) {
		if (s->prefatal != NULL)
			return feed_fail(s->p, "not a feed: not XML (%s)",
			    s->prefatal);
		return feed_fail(s->p, "not a feed: no XML element");
	}
	if (s->depth > 1 || (s->depth == 1 && s->root == 1))
		feed_warn(s->p, "line %d: the document ends inside an "
		    "element", line(s));
	/* close what the end cut, saving the item being read */
	s->closing = 1;
	while (s->depth > 0 && !feed_failed(s->p))
		on_end(s, (const xmlChar *)"", NULL, NULL);
	feed_meta_mut(s->p)->format = s->format;
	return feed_failed(s->p) ? -1 : 0;
}

void
feed_sax_free(struct feed_sax *s)
{
	int rank;
	size_t i;

	if (s == NULL)
		return;
	if (s->ctxt != NULL) {
		/* libxml2 keeps a DTD's entities in a fake document, "for
		 * expat compatibility in SAX mode" (never expanded here) */
		if (s->ctxt->myDoc != NULL)
			xmlFreeDoc(s->ctxt->myDoc);
		s->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(s->ctxt);
	}
	while (s->depth > 0)
		free(s->frames[s->depth--].own);
	free(s->frames);
	free(s->root_uri);
	free(s->prefatal);
	free(s->pending_end);
	dstr_release(&s->cap.buf);
	feed_item_release(&s->item);
	free(s->html_base);
	for (rank = 0; rank < 2; rank++) {
		for (i = 0; i < s->nhalts[rank]; i++)
			free(s->halts[rank][i]);
		free(s->halts[rank]);
	}
	free(s);
}
