/*
 * html_util.c: the HTML plumbing of src/docs: parsing without a word on
 * the terminal, walking, text, URLs, the one sanitiser and serialising
 * through libxml2.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "docs_int.h"
#include "dstr.h"
#include "utf8.h"
#include "xalloc.h"

/* libxml2 must never print: its messages are dropped. */
#if LIBXML_VERSION >= 21200
static void
xml_error(void *ctx, const xmlError *e)
#else
static void
xml_error(void *ctx, xmlErrorPtr e)
#endif
{
	(void)ctx;
	(void)e;
}

#if LIBXML_VERSION < 21300
static void
xml_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}
#endif

/* Does the head of the page declare a charset?  (what libxml2 honours) */
static int
declares_charset(const char *s, size_t len)
{
	size_t i, n = len < 4096 ? len : 4096;

	for (i = 0; i + 7 < n; i++)
		if (strncasecmp(s + i, "charset", 7) == 0)
			return 1;
	return 0;
}

static xmlDoc *
parse_with(const char *html, size_t len, const char *encoding)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD;
	htmlParserCtxtPtr ctxt;
	xmlDoc *doc = NULL;
#if LIBXML_VERSION < 21300
	xmlStructuredErrorFunc oserr = xmlStructuredError;
	void *oserrctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc ogerr = xmlGenericError;
	void *ogerrctx = xmlGenericErrorContext;

	xmlSetStructuredErrorFunc(NULL, xml_error);
	xmlSetGenericErrorFunc(NULL, xml_generic_error);
#endif
	if ((ctxt = htmlNewParserCtxt()) != NULL) {
#if LIBXML_VERSION >= 21300
		xmlCtxtSetErrorHandler(ctxt, xml_error, NULL);
#endif
		doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, encoding,
		    opts);
		htmlFreeParserCtxt(ctxt);
	}
#if LIBXML_VERSION < 21300
	xmlSetStructuredErrorFunc(oserrctx, oserr);
	xmlSetGenericErrorFunc(ogerrctx, ogerr);
#endif
	return doc;
}

xmlDoc *
dhtml_parse(const char *html, size_t len, const char *encoding)
{
	xmlDoc *doc;

	if (len > (size_t)0x7fffffff)
		return NULL;
	if (encoding == NULL && !declares_charset(html, len))
		encoding = utf8_valid(html, len) ? "UTF-8" : "windows-1252";
	doc = parse_with(html, len, encoding);
	if (doc == NULL && encoding != NULL)
		doc = parse_with(html, len, NULL);	/* unknown charset */
	return doc;
}

xmlDoc *
dhtml_new_doc(void)
{
	return htmlNewDocNoDtD(NULL, NULL);
}

static int
cmp_name(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

xmlNode *
dhtml_next(xmlNode *n, const xmlNode *root, int skip)
{
	if (!skip && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

int
dhtml_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

const char *
dhtml_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0) {
			if (a->children && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

xmlNode *
dhtml_find(xmlNode *root, const char *name)
{
	xmlNode *n;

	for (n = root; n != NULL; n = dhtml_next(n, root, 0))
		if (dhtml_is(n, name))
			return n;
	return NULL;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
dhtml_text(struct dstr *out, const xmlNode *root)
{
	const xmlNode *n;
	const char *p;
	size_t start = out->len;
	int space = 1;

	for (n = root; n != NULL; n = dhtml_next((xmlNode *)n, root, 0)) {
		if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
			continue;
		if (n->content == NULL)
			continue;
		for (p = (const char *)n->content; *p; p++) {
			if (is_space((unsigned char)*p)) {
				space = 1;
				continue;
			}
			/* U+00A0 no-break space counts as a blank */
			if ((unsigned char)p[0] == 0xc2 &&
			    (unsigned char)p[1] == 0xa0) {
				space = 1;
				p++;
				continue;
			}
			if (space && out->len > start)
				dstr_addc(out, ' ');
			space = 0;
			dstr_addc(out, *p);
		}
	}
}

int
dhtml_is_void(const xmlNode *n)
{
	/* Sorted.  HTML5's void elements, some unknown to libxml2 2.9. */
	static const char *const voids[] = {
		"area", "base", "basefont", "bgsound", "br", "col", "embed",
		"frame", "hr", "img", "input", "isindex", "keygen", "link",
		"meta", "param", "source", "track", "wbr",
	};

	return n->type == XML_ELEMENT_NODE && bsearch(n->name, voids,
	    sizeof(voids) / sizeof(voids[0]), sizeof(voids[0]),
	    cmp_name) != NULL;
}

void
dhtml_remove(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

void
dhtml_unwrap(xmlNode *n)
{
	xmlNode *c, *next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
	}
	dhtml_remove(n);
}

void
dhtml_scheme(const char *url, char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	while (*url && (is_space((unsigned char)*url) ||
	    (unsigned char)*url < 0x20))
		url++;
	if (!isalpha((unsigned char)url[0]))
		return;
	for (i = 0; url[i] && i + 1 < size; i++) {
		if (url[i] == ':') {
			buf[i] = '\0';
			return;
		}
		if (!isalnum((unsigned char)url[i]) && url[i] != '+' &&
		    url[i] != '-' && url[i] != '.')
			break;
		buf[i] = (char)tolower((unsigned char)url[i]);
	}
	buf[0] = '\0';
}

char *
dhtml_resolve(const char *base, const char *ref)
{
	struct dstr d = DSTR_INIT;
	xmlChar *abs;
	const char *p;
	char *out;

	if (ref == NULL)
		return NULL;
	/* browsers drop blanks and controls around a URL, and tabs and
	 * newlines inside it */
	while (*ref && (unsigned char)*ref <= 0x20)
		ref++;
	for (p = ref; *p; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			dstr_addc(&d, *p);
	while (d.len && (unsigned char)d.buf[d.len - 1] <= 0x20)
		d.len--;
	d.buf[d.len] = '\0';
	if (d.len == 0) {
		dstr_release(&d);
		return NULL;
	}
	if (base == NULL || *base == '\0')
		return dstr_detach(&d, NULL);
	abs = xmlBuildURI((const xmlChar *)d.buf, (const xmlChar *)base);
	if (abs == NULL) {
		/* unparsable (e.g. spaces): escape and retry */
		xmlChar *esc = xmlURIEscapeStr((const xmlChar *)d.buf,
		    (const xmlChar *)":/?#[]@!$&'()*+,;=%~");

		if (esc != NULL) {
			abs = xmlBuildURI(esc, (const xmlChar *)base);
			xmlFree(esc);
		}
	}
	dstr_release(&d);
	if (abs == NULL)
		return NULL;
	out = xstrdup((const char *)abs);
	xmlFree(abs);
	return out;
}

void
dhtml_dump_children(struct dstr *out, xmlDoc *doc, xmlNode *n)
{
	xmlOutputBuffer *buf;
	xmlNode *c;
	const xmlChar *content;
	size_t size;

	buf = xmlAllocOutputBuffer(NULL);
	if (buf == NULL)
		return;
	for (c = n->children; c != NULL; c = c->next)
		htmlNodeDumpFormatOutput(buf, doc, c, "UTF-8", 0);
	xmlOutputBufferFlush(buf);
	content = xmlOutputBufferGetContent(buf);
	size = xmlOutputBufferGetSize(buf);
	if (content != NULL)
		dstr_add(out, (const char *)content, size);
	xmlOutputBufferClose(buf);
}

/*
 * The sanitiser.  Elements fall in three groups: kept (the allow list
 * below), dropped with their content (scripts, styles, embeds, forms,
 * media, frames, SVG and MathML, head material), and unwrapped (anything
 * else: its content stays, the element goes).  Attributes are kept only
 * when listed for their element; URLs are resolved and only http, https
 * and mailto (links) or http and https (images) survive.
 */
struct allowed {
	const char	*name;
	const char	*attrs;		/* space separated */
};

/* Sorted by name for bsearch(). */
static const struct allowed allowed[] = {
	{ "a",		" href title " },
	{ "abbr",	" title " },
	{ "b",		"" },
	{ "blockquote",	"" },
	{ "br",		"" },
	{ "caption",	"" },
	{ "cite",	"" },
	{ "code",	"" },
	{ "dd",		"" },
	{ "del",	"" },
	{ "div",	"" },
	{ "dl",		"" },
	{ "dt",		"" },
	{ "em",		"" },
	{ "figcaption",	"" },
	{ "figure",	"" },
	{ "h1",		"" },
	{ "h2",		"" },
	{ "h3",		"" },
	{ "h4",		"" },
	{ "h5",		"" },
	{ "h6",		"" },
	{ "hr",		"" },
	{ "i",		"" },
	{ "img",	" src alt title width height " },
	{ "ins",	"" },
	{ "kbd",	"" },
	{ "li",		" value " },
	{ "mark",	"" },
	{ "ol",		" start type reversed " },
	{ "p",		"" },
	{ "pre",	"" },
	{ "q",		"" },
	{ "s",		"" },
	{ "samp",	"" },
	{ "small",	"" },
	{ "strong",	"" },
	{ "sub",	"" },
	{ "sup",	"" },
	{ "table",	"" },
	{ "tbody",	"" },
	{ "td",		" colspan rowspan " },
	{ "tfoot",	"" },
	{ "th",		" colspan rowspan scope " },
	{ "thead",	"" },
	{ "time",	" datetime " },
	{ "tr",		"" },
	{ "u",		"" },
	{ "ul",		"" },
	{ "var",	"" },
};

/* Dropped with everything inside them.  Sorted. */
static const char *const dropped[] = {
	"applet", "area", "audio", "base", "basefont", "bgsound", "button",
	"canvas", "datalist", "dialog", "embed", "form", "frame", "frameset",
	"head", "iframe", "input", "isindex", "keygen", "link", "map", "math",
	"meta", "noembed", "noframes", "noscript", "object", "optgroup",
	"option", "param", "portal", "script", "select", "slot",
	"source", "style", "svg", "template", "textarea", "title", "track",
	"video",
};

/* Block containers that become a div rather than disappear. */
static const char *const blocks[] = {
	"address", "article", "aside", "center", "details", "dir",
	"fieldset", "footer", "header", "hgroup", "listing", "main", "menu",
	"nav", "plaintext", "section", "summary", "xmp",
};

static int
cmp_allowed(const void *k, const void *e)
{
	return strcmp(k, ((const struct allowed *)e)->name);
}

static int
cmp_str(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

static const struct allowed *
find_allowed(const char *name)
{
	return bsearch(name, allowed, sizeof(allowed) / sizeof(allowed[0]),
	    sizeof(allowed[0]), cmp_allowed);
}

static int
in_list(const char *name, const char *const *list, size_t n)
{
	return bsearch(name, list, n, sizeof(*list), cmp_str) != NULL;
}

static int
attr_listed(const char *attrs, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = attrs; (p = strstr(p, name)) != NULL; p += n)
		if (p > attrs && p[-1] == ' ' && p[n] == ' ')
			return 1;
	return 0;
}

static int
image_data_url(const char *u)
{
	static const char *const ok[] = {
		"data:image/png", "data:image/gif", "data:image/jpeg",
		"data:image/webp",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncasecmp(u, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/* The URL to keep for an attribute, or NULL to drop it. */
static char *
clean_url(const char *base, const char *v, int img, int flags)
{
	char scheme[16], *abs;

	while (*v && (unsigned char)*v <= 0x20)
		v++;
	if (img && image_data_url(v))
		return xstrdup(v);
	if (!img && v[0] == '#')
		return xstrdup(v);
	if ((abs = dhtml_resolve(base, v)) == NULL)
		return NULL;
	dhtml_scheme(abs, scheme, sizeof(scheme));
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    (!img && strcmp(scheme, "mailto") == 0))
		return abs;
	if (scheme[0] == '\0' && !img && !(flags & DSAN_LOCAL_ONLY))
		return abs;		/* relative, no base to resolve it */
	free(abs);
	return NULL;
}

/* An image that may not load: its alt text, or nothing. */
static void
image_to_alt(xmlNode *img)
{
	const char *alt = dhtml_attr(img, "alt");
	struct dstr d = DSTR_INIT;

	if (alt != NULL && *alt != '\0') {
		dstr_addf(&d, "[image: %s]", alt);
		xmlAddPrevSibling(img, xmlNewDocText(img->doc,
		    (const xmlChar *)d.buf));
		dstr_release(&d);
	}
	dhtml_remove(img);
}

/* Drop what utf8_sanitize() drops from a text node or attribute. */
static void
clean_text(xmlNode *n, int flags)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *t;

	if (v == NULL)
		return;
	t = utf8_sanitize_dup((const char *)v, flags);
	if (strcmp(t, (const char *)v) != 0) {
		if (n->type == XML_ATTRIBUTE_NODE)
			xmlSetProp(n->parent, n->name, (const xmlChar *)t);
		else
			xmlNodeSetContent(n, (const xmlChar *)t);
	}
	free(t);
	xmlFree(v);
}

static void
clean_attrs(xmlNode *n, const struct allowed *al, const char *base,
    int flags)
{
	xmlAttr *a, *next;
	const char *name;
	char *v, *u;
	int img = dhtml_is(n, "img");

	for (a = n->properties; a != NULL; a = next) {
		next = a->next;
		name = (const char *)a->name;
		if (a->ns != NULL || !attr_listed(al->attrs, name)) {
			xmlRemoveProp(a);
			continue;
		}
		if (strcmp(name, "href") != 0 && strcmp(name, "src") != 0) {
			clean_text((xmlNode *)a, SAN_ONE_LINE);
			continue;
		}
		v = (char *)xmlNodeGetContent((xmlNode *)a);
		u = v ? clean_url(base, v, img, flags) : NULL;
		xmlFree(v);
		if (u == NULL)
			xmlRemoveProp(a);
		else {
			xmlSetProp(n, a->name, (const xmlChar *)u);
			free(u);
		}
	}
}

void
dhtml_sanitize(xmlNode *root, const char *base_url, int flags)
{
	xmlNode *n, *next;
	const struct allowed *al;
	const char *name, *src;

	for (n = root->children; n != NULL; n = next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->type == XML_CDATA_SECTION_NODE)
				n->type = XML_TEXT_NODE;
			clean_text(n, SAN_KEEP_NEWLINES);
			next = dhtml_next(n, root, 1);
			continue;
		default:	/* comments, PIs, entity refs */
			next = dhtml_next(n, root, 1);
			dhtml_remove(n);
			continue;
		}
		name = (const char *)n->name;
		if (n->ns != NULL ||
		    in_list(name, dropped, sizeof(dropped) / sizeof(*dropped))) {
			if (dhtml_is_void(n) && n->children) {
				/* what the parser put inside a void element
				 * followed it in the page */
				next = n->children;
				dhtml_unwrap(n);
				continue;
			}
			next = dhtml_next(n, root, 1);
			dhtml_remove(n);
			continue;
		}
		if ((al = find_allowed(name)) == NULL) {
			if (in_list(name, blocks, sizeof(blocks) /
			    sizeof(*blocks))) {
				xmlNodeSetName(n, (const xmlChar *)"div");
				al = find_allowed("div");
			} else {
				/* unwrap: go on with its first child */
				next = n->children ? n->children :
				    dhtml_next(n, root, 1);
				dhtml_unwrap(n);
				continue;
			}
		}
		clean_attrs(n, al, base_url, flags);
		if (dhtml_is(n, "img")) {
			src = dhtml_attr(n, "src");
			next = dhtml_next(n, root, 1);
			if (src == NULL || ((flags & DSAN_LOCAL_ONLY) &&
			    strncmp(src, "data:", 5) != 0))
				image_to_alt(n);
			continue;
		}
		next = dhtml_next(n, root, 0);
	}
}
