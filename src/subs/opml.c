/*
 * opml.c: OPML 1.0/2.0 in (libxml2 tree, safe options) and OPML 2.0 out
 * (xmlTextWriter).
 *
 * In: an outline with xmlUrl is a feed; one without is a folder whose
 * title (text, else title) is a tag of every feed inside it.  The
 * `category` attribute ("/a,/b/c") adds tags ("a", "b/c").  Outlines that
 * point at something other than a feed (type link or include, a url
 * attribute) are reported.
 *
 * Safety: no network (XML_PARSE_NONET), no entity substitution, no DTD
 * loading; an entity declaration stops the parse (no billion laughs, no
 * quadratic blow-up, no external entities).  Errors go to a handler on the
 * parser context and the first one becomes the message.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "dstr.h"
#include "subs.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_OPML	(16 * 1024 * 1024)
#define MAX_DEPTH	64		/* folders within folders */

struct opml_ctx {
	struct dstr	 first_error;
	int		 entities;	/* an entity was declared */
};

#if LIBXML_VERSION >= 21200
static void
on_error(void *vctxt, const xmlError *e)
#else
static void
on_error(void *vctxt, xmlErrorPtr e)
#endif
{
	xmlParserCtxtPtr ctxt = vctxt;
	struct opml_ctx *c = ctxt ? ctxt->_private : NULL;

	if (c == NULL || e == NULL || e->level < XML_ERR_ERROR ||
	    c->first_error.len > 0)
		return;
	if (e->line > 0)
		dstr_addf(&c->first_error, "line %d: ", e->line);
	if (e->message)
		utf8_sanitize(&c->first_error, e->message, strlen(e->message),
		    SAN_ONE_LINE);
	dstr_rtrim(&c->first_error);
}

static void
on_entity(void *vctxt, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = vctxt;
	struct opml_ctx *c = ctxt->_private;

	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	c->entities = 1;
	xmlStopParser(ctxt);
}

/* An attribute, matched without regard to case (xmlUrl, xmlURL, ...),
 * trimmed; NULL when absent or empty.  Free with free(). */
static char *
attr(xmlNode *n, const char *name)
{
	xmlAttr *a;
	xmlChar *v;
	char *s = NULL;
	size_t b, e;

	for (a = n->properties; a; a = a->next) {
		if (a->ns != NULL || strcasecmp((const char *)a->name, name))
			continue;
		v = xmlNodeListGetString(n->doc, a->children, 1);
		if (v == NULL)
			return NULL;
		e = strlen((const char *)v);
		for (b = 0; b < e && strchr(" \t\r\n", v[b]); b++)
			;
		while (e > b && strchr(" \t\r\n", v[e - 1]))
			e--;
		if (e > b)
			s = xstrndup((const char *)v + b, e - b);
		xmlFree(v);
		return s;
	}
	return NULL;
}

static int
is_element(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
has_outlines(xmlNode *n)
{
	for (n = n->children; n; n = n->next)
		if (is_element(n, "outline"))
			return 1;
	return 0;
}

struct path {
	char	*tags[MAX_DEPTH];
	size_t	 n;
};

static void
add_tag(struct subs *s, struct subs_entry *e, const char *tag, int line)
{
	if (subs_entry_add_tag(e, tag) != 0)
		subs_problem(s, line, "tag '%s' is empty, has a comma or a "
		    "control character; left out", tag);
}

static void
add_categories(struct subs *s, struct subs_entry *e, const char *cats,
    int line)
{
	const char *p = cats, *q, *end;
	char *tag;

	while (*p) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		while (p < q && (*p == ' ' || *p == '\t' || *p == '/'))
			p++;
		end = q;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		tag = xstrndup(p, (size_t)(end - p));
		if (*tag)
			add_tag(s, e, tag, line);
		free(tag);
		p = *q ? q + 1 : q;
	}
}

static void
feed_outline(struct subs *s, xmlNode *n, const char *xmlurl,
    const struct path *path)
{
	struct subs_entry *e;
	char *title, *text, *html, *cats;
	const char *why;
	int line = (int)xmlGetLineNo(n);
	size_t i;

	if (subs_check_url(xmlurl, &why) != 0) {
		subs_problem(s, line, "'%s' %s; skipped", xmlurl, why);
		return;
	}
	title = attr(n, "title");
	text = attr(n, "text");
	html = attr(n, "htmlUrl");
	cats = attr(n, "category");
	if (title == NULL) {
		title = text;
		text = NULL;
	}
	/* a title that is just the URL (as some exporters write) is none */
	if (title && strcmp(title, xmlurl) == 0) {
		free(title);
		title = NULL;
	}
	e = subs_add(s, xmlurl, title, html, line);
	for (i = 0; i < path->n; i++)
		add_tag(s, e, path->tags[i], line);
	if (cats)
		add_categories(s, e, cats, line);
	free(title);
	free(text);
	free(html);
	free(cats);
}

static void
walk(struct subs *s, xmlNode *parent, struct path *path)
{
	xmlNode *n;
	char *xmlurl, *type, *url, *folder;
	int line;

	for (n = parent->children; n; n = n->next) {
		if (!is_element(n, "outline"))
			continue;
		line = (int)xmlGetLineNo(n);
		if ((xmlurl = attr(n, "xmlUrl")) != NULL) {
			feed_outline(s, n, xmlurl, path);
			free(xmlurl);
			if (has_outlines(n))
				walk(s, n, path);
			continue;
		}
		type = attr(n, "type");
		url = attr(n, "url");
		if (type && (strcasecmp(type, "rss") == 0 ||
		    strcasecmp(type, "atom") == 0))
			subs_problem(s, line, "a feed outline without xmlUrl; "
			    "skipped");
		else if (url || (type && (strcasecmp(type, "link") == 0 ||
		    strcasecmp(type, "include") == 0)))
			subs_problem(s, line, "outline of type %s (%s) is not "
			    "a feed; skipped", type ? type : "link",
			    url ? url : "no url");
		free(type);
		free(url);
		if (!has_outlines(n))
			continue;
		if (path->n == MAX_DEPTH) {
			subs_problem(s, line, "folders nested deeper than %d; "
			    "skipped", MAX_DEPTH);
			continue;
		}
		if ((folder = attr(n, "text")) == NULL)
			folder = attr(n, "title");
		path->tags[path->n++] = folder ? folder : xstrdup("");
		walk(s, n, path);
		free(path->tags[--path->n]);
	}
}

int
subs_parse_opml(struct subs *s, const char *buf, size_t len, struct dstr *err)
{
	struct opml_ctx c;
	struct path path;
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc = NULL;
	xmlNode *root, *n;
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES;
	int rc = -1;

#if LIBXML_VERSION >= 21300
	opts |= XML_PARSE_NO_XXE;
#endif
	if (len > MAX_OPML) {
		dstr_addf(err, "larger than %d MiB", MAX_OPML >> 20);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	dstr_init(&c.first_error);
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		dstr_adds(err, "out of memory");
		return -1;
	}
	ctxt->_private = &c;
	ctxt->sax->entityDecl = on_entity;
	ctxt->sax->serror = on_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, "opml.xml", NULL, opts);
	if (c.entities) {
		dstr_adds(err, "the file declares XML entities, which OPML "
		    "does not need; refused");
		goto out;
	}
	if (doc == NULL) {
		dstr_addf(err, "not well-formed XML (%s)", c.first_error.len ?
		    c.first_error.buf : "no details");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_element(root, "opml")) {
		dstr_addf(err, "not an OPML file (the root element is <%s>)",
		    root ? (const char *)root->name : "missing");
		goto out;
	}
	for (n = root->children; n; n = n->next)
		if (is_element(n, "body"))
			break;
	if (n == NULL) {
		dstr_adds(err, "an OPML file without a <body>");
		goto out;
	}
	memset(&path, 0, sizeof(path));
	walk(s, n, &path);
	rc = 0;
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	dstr_release(&c.first_error);
	return rc;
}

/* Writing */

static int
attr_out(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean;
	int rc;

	if (value == NULL || *value == '\0')
		return 0;
	/* blanks kept as they are (tags may hold runs of them): what is
	 * read back must be the same */
	clean = utf8_sanitize_dup(value, 0);
	rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

static int
outline_out(xmlTextWriterPtr w, const struct subs_entry *e)
{
	struct dstr cats = DSTR_INIT;
	const char *title = e->title ? e->title : e->url;
	size_t i;
	int rc = 0;

	for (i = 1; i < e->ntags; i++)
		dstr_addf(&cats, "%s/%s", i > 1 ? "," : "", e->tags[i]);
	if (xmlTextWriterStartElement(w, BAD_CAST "outline") < 0 ||
	    attr_out(w, "type", "rss") || attr_out(w, "text", title) ||
	    attr_out(w, "title", title) || attr_out(w, "xmlUrl", e->url) ||
	    attr_out(w, "htmlUrl", e->site_url) ||
	    attr_out(w, "category", cats.buf) ||
	    xmlTextWriterEndElement(w) < 0)
		rc = -1;
	dstr_release(&cats);
	return rc;
}

static int
cmp_folder(const void *a, const void *b)
{
	const struct subs_entry *x = *(const struct subs_entry *const *)a;
	const struct subs_entry *y = *(const struct subs_entry *const *)b;

	/* folders first, by name; the feeds without a tag last */
	if (x->ntags == 0 || y->ntags == 0)
		return (x->ntags == 0) - (y->ntags == 0);
	return strcmp(x->tags[0], y->tags[0]);
}

int
subs_write_opml(const struct subs *s, const char *title, struct dstr *out,
    struct dstr *err)
{
	const struct subs_entry **order;
	const char *folder = NULL;
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int rc = -1;

	if ((buf = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		xmlBufferFree(buf);
		dstr_adds(err, "cannot create the XML writer");
		return -1;
	}
	/* stable: insertion order within a folder is kept */
	order = xreallocarray(NULL, s->n ? s->n : 1, sizeof(*order));
	for (i = 0; i < s->n; i++)
		order[i] = &s->v[i];
	for (i = 1; i < s->n; i++) {
		const struct subs_entry *e = order[i];
		size_t j = i;

		while (j > 0 && cmp_folder(&order[j - 1], &e) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = e;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "opml") < 0 ||
	    attr_out(w, "version", "2.0") ||
	    xmlTextWriterStartElement(w, BAD_CAST "head") < 0 ||
	    xmlTextWriterWriteElement(w, BAD_CAST "title",
	    BAD_CAST (title ? title : "dossier subscriptions")) < 0 ||
	    xmlTextWriterWriteElement(w, BAD_CAST "dateCreated",
	    BAD_CAST date) < 0 ||
	    xmlTextWriterWriteElement(w, BAD_CAST "docs",
	    BAD_CAST "http://opml.org/spec2.opml") < 0 ||
	    xmlTextWriterEndElement(w) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "body") < 0)
		goto out;
	for (i = 0; i < s->n; i++) {
		const struct subs_entry *e = order[i];
		const char *f = e->ntags ? e->tags[0] : NULL;

		if (folder && (f == NULL || strcmp(f, folder) != 0)) {
			if (xmlTextWriterEndElement(w) < 0)
				goto out;
			folder = NULL;
		}
		if (f && folder == NULL) {
			if (xmlTextWriterStartElement(w, BAD_CAST "outline") < 0
			    || attr_out(w, "text", f) || attr_out(w, "title", f))
				goto out;
			folder = f;
		}
		if (outline_out(w, e) != 0)
			goto out;
	}
	if (xmlTextWriterEndDocument(w) < 0)
		goto out;
	rc = 0;
out:
	xmlFreeTextWriter(w);	/* flushes into buf */
	if (rc == 0)
		dstr_add(out, (const char *)xmlBufferContent(buf),
		    (size_t)xmlBufferLength(buf));
	else
		dstr_adds(err, "writing the OPML failed");
	xmlBufferFree(buf);
	free(order);
	return rc;
}
