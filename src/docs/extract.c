/*
 * extract.c: the main content of a web page; see extract.h.
 *
 * The method is the one readability tools share, on libxml2's tree:
 *
 *  1. read the metadata (title, byline, canonical URL, date, site name);
 *  2. prune what is never content: comments, scripts, forms, embeds,
 *     nav, aside, footer, hidden elements, and elements whose class or id
 *     names boilerplate (comments, sidebar, share, related, ad...) unless
 *     it also names content (article, content, story, post, main...);
 *  3. score: each paragraph (p, pre, td, blockquote, and a div that holds
 *     only text) with at least MIN_PARA characters gives 1 + its commas +
 *     one point per 100 characters (at most 3) to its parent, half to its
 *     grandparent and less further up; a container starts with a bonus or
 *     malus for its tag and its class; finally each score is scaled by
 *     (1 - link density);
 *  4. keep the best container, and those of its siblings that score well
 *     or read like paragraphs;
 *  5. clean the copy: drop the heading that repeats the title, boxes and
 *     lists made mostly of links, negative classes, empty blocks; sanitise
 *     elements and attributes (html_util.c) and serialise.
 *
 * Lengths are counted in characters that are not blanks, so that CJK and
 * Latin text weigh alike.  The tree is walked without recursion.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "date.h"
#include "docs_int.h"
#include "dstr.h"
#include "extract.h"
#include "feed.h"
#include "utf8.h"
#include "xalloc.h"

#define MIN_PARA	20	/* characters for a paragraph to count */
#define BYLINE_MAX	100	/* characters; longer is not a byline */
#define NTOP		5	/* candidates compared with the best */

struct info {
	size_t	 size;		/* elements below it */
	size_t	 text;		/* non-blank characters */
	size_t	 link;		/* of which inside links */
	size_t	 commas;
	double	 score;
	int	 scored;	/* score initialised */
};

struct ctx {
	struct extract	*ex;
	const char	*base;
	struct info	*info;
	size_t		 ninfo, cap;
	xmlNode		**nodes;	/* pre-order, filled by measure() */
	size_t		 nnodes, ncap;
};

/* Words in class or id that say "not content". */
static const char *const unlikely[] = {
	"ad-break", "agegate", "banner", "breadcrumb", "combx", "comment",
	"community", "cookie", "cover-wrap", "disqus", "donat", "footer",
	"gdpr", "legends", "masthead", "menu", "modal", "most-read",
	"mostread", "newsletter", "outbrain", "pager", "pagination",
	"popular", "popup", "promo", "recommend", "related",
	"remark", "replies", "rss", "share", "sharing", "shoutbox", "sidebar",
	"skyscraper", "social", "sponsor", "subscribe", "supplemental",
	"taboola", "toolbar", "trending", "widget", "yom-remote",
};
/* ... unless they also say one of these. */
static const char *const maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow",
	"story",
};
/* Class and id words that add or remove 25 points. */
static const char *const positive[] = {
	"article", "blog", "body", "content", "entry", "h-entry", "hentry",
	"main", "page", "post", "story", "text",
};
static const char *const negative[] = {
	"banner", "byline", "combx", "comment", "com-", "contact", "footer",
	"footnote", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
	"related", "scroll", "share", "shopping", "shoutbox", "sidebar",
	"skyscraper", "sponsor", "tags", "widget",
};
/* Whole class words for advertising ("ad" alone would match "head"). */
static const char *const ad_words[] = {
	"ad", "ads", "adsbygoogle", "advert", "advertisement", "adslot",
	"dfp", "sponsored",
};

/* Elements removed before scoring, with their content. */
static const char *const never[] = {
	"aside", "audio", "button", "canvas", "dialog", "embed", "footer",
	"form", "iframe", "input", "link", "menu", "meta", "nav", "noscript",
	"object", "script", "select", "style", "svg", "template", "textarea",
	"video",
};

/* Elements that make a div a container rather than a paragraph. */
static const char *const block_elems[] = {
	"article", "blockquote", "dl", "div", "figure", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hr", "main", "ol", "p", "pre", "section",
	"table", "ul",
};

static int
in_set(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}
#define IN_SET(s, set)	in_set((s), (set), sizeof(set) / sizeof((set)[0]))

/* "class id data-component data-testid" in lower case, into d. */
static void
class_id(struct dstr *d, const xmlNode *n)
{
	static const char *const names[] = {
		"class", "id", "data-component", "data-testid",
	};
	const char *v;
	size_t i;

	dstr_reset(d);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((v = dhtml_attr(n, names[i])) != NULL)
			dstr_adds(d, v);
		dstr_addc(d, ' ');
	}
	for (i = 0; i < d->len; i++)
		if (d->buf[i] >= 'A' && d->buf[i] <= 'Z')
			d->buf[i] = (char)(d->buf[i] - 'A' + 'a');
}

static int
has_any(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(s, set[i]) != NULL)
			return 1;
	return 0;
}
#define HAS_ANY(s, set)	has_any((s), (set), sizeof(set) / sizeof((set)[0]))

/* Is one of the blank- or dash-separated words of s an ad word? */
static int
has_ad_word(const char *s)
{
	const char *p = s, *q;
	char word[32];
	size_t n;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (q = p; *q && *q != ' ' && *q != '\t' && *q != '\n'; q++)
			;
		n = (size_t)(q - p);
		if (n > 0 && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			if (IN_SET(word, ad_words) ||
			    strncmp(word, "ad-", 3) == 0 ||
			    strncmp(word, "ads-", 4) == 0 ||
			    strncmp(word, "advert", 6) == 0)
				return 1;
		}
		p = q;
	}
	return 0;
}

static int
class_weight(struct dstr *scratch, const xmlNode *n)
{
	int w = 0;

	class_id(scratch, n);
	if (HAS_ANY(scratch->buf, negative) || has_ad_word(scratch->buf))
		w -= 25;
	if (HAS_ANY(scratch->buf, positive))
		w += 25;
	return w;
}

/* Characters that are not blanks, and commas, in a text node. */
static void
count_text(const char *s, size_t *text, size_t *commas)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\f')
			continue;
		if (p[0] == 0xc2 && p[1] == 0xa0) {	/* no-break space */
			p++;
			continue;
		}
		if ((*p & 0xc0) == 0x80)		/* continuation */
			continue;
		(*text)++;
		if (*p == ',' || (p[0] == 0xef && p[1] == 0xbc &&
		    p[2] == 0x8c) || (p[0] == 0xe3 && p[1] == 0x80 &&
		    p[2] == 0x81))
			(*commas)++;
	}
}

static struct info *
info_of(struct ctx *c, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	if (i == 0 || i > c->ninfo)
		return NULL;
	return &c->info[i - 1];
}

static int
is_link(const xmlNode *n)
{
	const char *href;

	if (!dhtml_is(n, "a"))
		return 0;
	href = dhtml_attr(n, "href");
	return href != NULL && href[0] != '#';
}

/*
 * Measure root's subtree: text, link text and commas of each element
 * (kept in c->info, found through _private), and the elements in
 * pre-order in c->nodes.
 */
static void
measure(struct ctx *c, xmlNode *root)
{
	xmlNode *n, *k;
	struct info *in, *kin;
	size_t i;

	c->ninfo = 0;
	c->nnodes = 0;
	for (n = root; n != NULL; n = dhtml_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (c->ninfo == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->info = xreallocarray(c->info, c->cap,
			    sizeof(*c->info));
			c->nodes = xreallocarray(c->nodes, c->cap,
			    sizeof(*c->nodes));
		}
		memset(&c->info[c->ninfo], 0, sizeof(c->info[0]));
		c->nodes[c->ninfo] = n;
		n->_private = (void *)(uintptr_t)++c->ninfo;
	}
	c->nnodes = c->ninfo;
	for (i = c->nnodes; i-- > 0;) {
		n = c->nodes[i];
		in = &c->info[i];
		for (k = n->children; k != NULL; k = k->next) {
			if (k->type == XML_TEXT_NODE ||
			    k->type == XML_CDATA_SECTION_NODE) {
				if (k->content)
					count_text((const char *)k->content,
					    &in->text, &in->commas);
			} else if ((kin = info_of(c, k)) != NULL) {
				in->size += 1 + kin->size;
				in->text += kin->text;
				in->link += kin->link;
				in->commas += kin->commas;
			}
		}
		if (is_link(n))
			in->link = in->text;
	}
}

static double
link_density(const struct info *in)
{
	if (in == NULL || in->text == 0)
		return 0;
	return (double)in->link / (double)in->text;
}

/* Remove n and take its text out of its ancestors' counts. */
static void
remove_counted(struct ctx *c, xmlNode *n)
{
	struct info *in = info_of(c, n), *pin;
	xmlNode *p;

	if (in != NULL)
		for (p = n->parent; p != NULL; p = p->parent)
			if ((pin = info_of(c, p)) != NULL) {
				pin->text -= in->text < pin->text ?
				    in->text : pin->text;
				pin->link -= in->link < pin->link ?
				    in->link : pin->link;
				pin->commas -= in->commas < pin->commas ?
				    in->commas : pin->commas;
			}
	dhtml_remove(n);
}

static char *
clean_dup(const char *s)
{
	struct dstr d = DSTR_INIT;
	char *out;

	if (s == NULL)
		return NULL;
	utf8_sanitize(&d, s, strlen(s), SAN_ONE_LINE);
	while (d.len && d.buf[d.len - 1] == ' ')
		d.len--;
	d.buf[d.len] = '\0';
	if (d.len == 0) {
		dstr_release(&d);
		return NULL;
	}
	out = xstrdup(d.buf[0] == ' ' ? d.buf + 1 : d.buf);
	dstr_release(&d);
	return out;
}

static char *
node_text(const xmlNode *n)
{
	struct dstr d = DSTR_INIT;
	char *s;

	dhtml_text(&d, n);
	s = clean_dup(d.buf);
	dstr_release(&d);
	return s;
}

static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static size_t
nwords(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/*
 * "Headline | Site" -> "Headline": cut the part after the last separator
 * when what is left has three words or more; "Site | Headline" the other
 * way round.
 */
static char *
strip_site(const char *t)
{
	static const char *const seps[] = {
		" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
		" \xc2\xb7 ", " \xc2\xbb ", " \xc2\xab ", " / ",
	};
	const char *last = NULL, *first = NULL, *p;
	size_t i, firstlen = 0;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		for (p = t; (p = strstr(p, seps[i])) != NULL; p++) {
			if (last == NULL || p > last)
				last = p;
			if (first == NULL || p < first) {
				first = p;
				firstlen = strlen(seps[i]);
			}
		}
	}
	if (last == NULL)
		return xstrdup(t);
	if (nwords(t, (size_t)(last - t)) >= 3)
		return xstrndup(t, (size_t)(last - t));
	if (nwords(first + firstlen, strlen(first + firstlen)) >= 3)
		return xstrdup(first + firstlen);
	return xstrdup(t);
}

static int
same_text(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* Does t start or end with h ("Headline | Site", "Site: Headline")? */
static int
affix_of(const char *h, const char *t)
{
	size_t hl = strlen(h), tl = strlen(t);

	if (nchars(h) < 8 || hl >= tl)
		return 0;
	return strncasecmp(t, h, hl) == 0 ||
	    strcasecmp(t + tl - hl, h) == 0;
}

static void
set_once(char **dst, char *v)
{
	if (*dst == NULL)
		*dst = v;
	else
		free(v);
}

/* JSON-LD: the first Article-like object in v (arrays, @graph). */
static json_t *
ld_article(json_t *v, int depth)
{
	static const char *const types[] = {
		"AnalysisNewsArticle", "Article", "BlogPosting", "NewsArticle",
		"OpinionNewsArticle", "Report", "ReportageNewsArticle",
		"ScholarlyArticle", "TechArticle",
	};
	json_t *t, *e, *r;
	size_t i;

	if (depth > 8)
		return NULL;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if ((r = ld_article(e, depth + 1)) != NULL)
				return r;
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	t = json_object_get(v, "@type");
	if (json_is_string(t) && IN_SET(json_string_value(t), types))
		return v;
	if (json_is_array(t))
		json_array_foreach(t, i, e)
			if (json_is_string(e) &&
			    IN_SET(json_string_value(e), types))
				return v;
	return ld_article(json_object_get(v, "@graph"), depth + 1);
}

/* author: "Name", {"name": "Name"} or a list of them. */
static void
ld_authors(struct dstr *d, json_t *a, int depth)
{
	json_t *e;
	size_t i;

	if (depth > 3)
		return;
	if (json_is_object(a))
		a = json_object_get(a, "name");
	if (json_is_string(a) && json_string_length(a) > 0 &&
	    strncmp(json_string_value(a), "http", 4) != 0) {
		if (d->len)
			dstr_adds(d, ", ");
		dstr_adds(d, json_string_value(a));
	} else if (json_is_array(a))
		json_array_foreach(a, i, e)
			ld_authors(d, e, depth + 1);
}

static void
read_json_ld(const xmlNode *script, char **title, char **author,
    char **date)
{
	struct dstr names = DSTR_INIT;
	xmlChar *text = xmlNodeGetContent(script);
	json_t *root, *art, *v;

	if (text == NULL)
		return;
	root = json_loads((const char *)text, JSON_DECODE_ANY, NULL);
	xmlFree(text);
	if ((art = ld_article(root, 0)) != NULL) {
		if (json_is_string(v = json_object_get(art, "headline")))
			set_once(title, clean_dup(json_string_value(v)));
		if (json_is_string(v = json_object_get(art, "datePublished")))
			set_once(date, xstrdup(json_string_value(v)));
		ld_authors(&names, json_object_get(art, "author"), 0);
		if (names.len)
			set_once(author, clean_dup(names.buf));
	}
	json_decref(root);
	dstr_release(&names);
}

/* Title, canonical URL, site name, meta byline and date. */
static void
read_meta(struct ctx *c, xmlNode *root, char **meta_author, char **ld_author,
    char **title_tag, char **og_title)
{
	struct extract *ex = c->ex;
	const char *name, *content, *rel;
	xmlNode *n;
	char *date = NULL, *timeattr = NULL, *v;

	for (n = root; n != NULL; n = dhtml_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (dhtml_is(n, "title") && *title_tag == NULL) {
			*title_tag = node_text(n);
			continue;
		}
		if (dhtml_is(n, "link")) {
			rel = dhtml_attr(n, "rel");
			if (rel && strcasecmp(rel, "canonical") == 0 &&
			    ex->canonical == NULL)
				ex->canonical = dhtml_resolve(c->base,
				    dhtml_attr(n, "href"));
			continue;
		}
		if (dhtml_is(n, "script") && dhtml_attr(n, "type") &&
		    strcasecmp(dhtml_attr(n, "type"),
		    "application/ld+json") == 0) {
			read_json_ld(n, og_title, ld_author, &date);
			continue;
		}
		if (dhtml_is(n, "time") && timeattr == NULL &&
		    (content = dhtml_attr(n, "datetime")) != NULL)
			timeattr = xstrdup(content);
		if (dhtml_attr(n, "itemprop") && strcasecmp(dhtml_attr(n,
		    "itemprop"), "datePublished") == 0) {
			content = dhtml_attr(n, "content");
			if (content == NULL)
				content = dhtml_attr(n, "datetime");
			if (content)
				set_once(&date, xstrdup(content));
		}
		if (!dhtml_is(n, "meta"))
			continue;
		name = dhtml_attr(n, "property");
		if (name == NULL)
			name = dhtml_attr(n, "name");
		content = dhtml_attr(n, "content");
		if (name == NULL || content == NULL)
			continue;
		if (strcasecmp(name, "og:title") == 0 ||
		    strcasecmp(name, "twitter:title") == 0)
			set_once(og_title, clean_dup(content));
		else if (strcasecmp(name, "og:site_name") == 0)
			set_once(&ex->site_name, clean_dup(content));
		else if (strcasecmp(name, "og:url") == 0) {
			v = dhtml_resolve(c->base, content);
			set_once(&ex->canonical, v);
		} else if (strcasecmp(name, "author") == 0 ||
		    strcasecmp(name, "dc.creator") == 0 ||
		    strcasecmp(name, "article:author") == 0) {
			if (strncmp(content, "http", 4) != 0)
				set_once(meta_author, clean_dup(content));
		} else if (strcasecmp(name, "article:published_time") == 0 ||
		    strcasecmp(name, "date") == 0 ||
		    strcasecmp(name, "pubdate") == 0 ||
		    strcasecmp(name, "publishdate") == 0 ||
		    strcasecmp(name, "dc.date") == 0 ||
		    strcasecmp(name, "dcterms.date") == 0 ||
		    strcasecmp(name, "dc.date.issued") == 0)
			set_once(&date, xstrdup(content));
	}
	ex->published = DATE_NONE;
	if (date)
		ex->published = date_parse(date);
	if (ex->published == DATE_NONE && timeattr)
		ex->published = date_parse(timeattr);
	free(date);
	free(timeattr);
}

static int
is_hidden(const xmlNode *n)
{
	const char *v;
	const char *p;

	if (dhtml_attr(n, "hidden") != NULL)
		return 1;
	if ((v = dhtml_attr(n, "aria-hidden")) && strcasecmp(v, "true") == 0)
		return 1;
	if ((v = dhtml_attr(n, "style")) != NULL) {
		for (p = v; *p; p++)
			if (strncasecmp(p, "display", 7) == 0) {
				p += 7;
				while (*p == ' ' || *p == ':')
					p++;
				if (strncasecmp(p, "none", 4) == 0)
					return 1;
			} else if (strncasecmp(p, "visibility", 10) == 0) {
				p += 10;
				while (*p == ' ' || *p == ':')
					p++;
				if (strncasecmp(p, "hidden", 6) == 0)
					return 1;
			}
	}
	return 0;
}

static int
bad_role(const xmlNode *n)
{
	static const char *const roles[] = {
		"alert", "alertdialog", "banner", "complementary",
		"contentinfo", "dialog", "menu", "menubar", "navigation",
		"search",
	};
	const char *r = dhtml_attr(n, "role");
	char low[32];
	size_t i;

	if (r == NULL || strlen(r) >= sizeof(low))
		return 0;
	for (i = 0; r[i]; i++)
		low[i] = (char)(r[i] >= 'A' && r[i] <= 'Z' ? r[i] + 32 : r[i]);
	low[i] = '\0';
	return IN_SET(low, roles);
}

/* Step 2: remove what is never content. */
static void
prune(xmlNode *body)
{
	struct dstr ci = DSTR_INIT;
	xmlNode *n, *next;
	const char *name;
	int drop;

	for (n = body->children; n != NULL; n = next) {
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			next = dhtml_next(n, body, 1);
			dhtml_remove(n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE) {
			next = dhtml_next(n, body, 1);
			continue;
		}
		name = (const char *)n->name;
		drop = IN_SET(name, never) || is_hidden(n) || bad_role(n);
		if (!drop && strcmp(name, "article") != 0 &&
		    strcmp(name, "main") != 0 && strcmp(name, "a") != 0) {
			class_id(&ci, n);
			drop = (HAS_ANY(ci.buf, unlikely) &&
			    !HAS_ANY(ci.buf, maybe)) || has_ad_word(ci.buf);
		}
		if (drop && dhtml_is_void(n) && n->children) {
			/* parser artefact: its "children" followed it */
			next = n->children;
			dhtml_unwrap(n);
			continue;
		}
		next = dhtml_next(n, body, drop);
		if (drop)
			dhtml_remove(n);
	}
	dstr_release(&ci);
}

static int
is_author_elem(struct dstr *ci, const xmlNode *n)
{
	const char *v;

	if ((v = dhtml_attr(n, "rel")) && strcasecmp(v, "author") == 0)
		return 1;
	if ((v = dhtml_attr(n, "itemprop")) && strstr(v, "author"))
		return 1;
	class_id(ci, n);
	return strstr(ci->buf, "author") != NULL &&
	    strstr(ci->buf, "bio") == NULL;
}

/* "By Jane Doe" -> "Jane Doe" */
static char *
strip_by(char *s)
{
	char *p = s;

	if (s == NULL)
		return NULL;
	if (strncasecmp(p, "by ", 3) == 0)
		p += 3;
	else if (strncasecmp(p, "by:", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	if (*p == '\0') {
		free(s);
		return NULL;
	}
	memmove(s, p, strlen(p) + 1);
	return s;
}

/* Step 1 (continued): a byline in the page; the element is removed. */
static char *
find_byline(xmlNode *body)
{
	struct dstr ci = DSTR_INIT, names = DSTR_INIT;
	xmlNode *n, *k;
	char *text = NULL, *t;
	int byline;

	for (n = body; n != NULL; n = dhtml_next(n, body, 0)) {
		if (n->type != XML_ELEMENT_NODE || n == body)
			continue;
		class_id(&ci, n);
		byline = strstr(ci.buf, "byline") != NULL ||
		    strstr(ci.buf, "writtenby") != NULL ||
		    strstr(ci.buf, "dateline-author") != NULL ||
		    is_author_elem(&ci, n);
		if (!byline)
			continue;
		text = node_text(n);
		if (text == NULL || nchars(text) > BYLINE_MAX) {
			free(text);
			text = NULL;
			continue;
		}
		/* names marked up inside it win over the whole line */
		for (k = n->children; k != NULL;) {
			if (k->type == XML_ELEMENT_NODE &&
			    is_author_elem(&ci, k)) {
				if ((t = node_text(k)) != NULL) {
					if (names.len)
						dstr_adds(&names, ", ");
					dstr_adds(&names, t);
					free(t);
				}
				k = dhtml_next(k, n, 1);
			} else
				k = dhtml_next(k, n, 0);
		}
		if (names.len) {
			free(text);
			text = xstrdup(names.buf);
		}
		dhtml_remove(n);
		break;
	}
	dstr_release(&ci);
	dstr_release(&names);
	return strip_by(text);
}

static int
has_block_child(const xmlNode *n)
{
	const xmlNode *k;

	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    IN_SET((const char *)k->name, block_elems))
			return 1;
	return 0;
}

static int
is_paragraph(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "p") == 0 || strcmp(name, "pre") == 0 ||
	    strcmp(name, "td") == 0 || strcmp(name, "blockquote") == 0)
		return 1;
	if (strcmp(name, "div") == 0 || strcmp(name, "section") == 0 ||
	    strcmp(name, "article") == 0)
		return !has_block_child(n);
	return 0;
}

static void
init_score(struct ctx *c, struct dstr *ci, xmlNode *n, struct info *in)
{
	const char *name = (const char *)n->name;

	if (in->scored)
		return;
	in->scored = 1;
	if (strcmp(name, "div") == 0 || strcmp(name, "article") == 0 ||
	    strcmp(name, "section") == 0 || strcmp(name, "main") == 0)
		in->score = 5;
	else if (strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
	    strcmp(name, "blockquote") == 0)
		in->score = 3;
	else if (strcmp(name, "address") == 0 || strcmp(name, "ol") == 0 ||
	    strcmp(name, "ul") == 0 || strcmp(name, "dl") == 0 ||
	    strcmp(name, "dd") == 0 || strcmp(name, "dt") == 0 ||
	    strcmp(name, "li") == 0)
		in->score = -3;
	else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0')
		in->score = -5;
	else if (strcmp(name, "th") == 0)
		in->score = -5;
	in->score += class_weight(ci, n);
	(void)c;
}

/* Is n a descendant of a? */
static int
is_inside(const xmlNode *n, const xmlNode *a)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* Step 3.  Returns the best container, or NULL when nothing scored. */
static xmlNode *
score(struct ctx *c, xmlNode *body)
{
	struct dstr ci = DSTR_INIT;
	xmlNode *n, *a, *top[NTOP] = { NULL };
	struct info *in, *ain;
	double add;
	size_t i, j;
	int level, shared;

	measure(c, body);
	for (i = 0; i < c->nnodes; i++) {
		n = c->nodes[i];
		in = &c->info[i];
		if (!is_paragraph(n) || in->text < MIN_PARA)
			continue;
		add = 1.0 + (double)in->commas +
		    (double)(in->text / 100 < 3 ? in->text / 100 : 3);
		for (a = n->parent, level = 0; a != NULL && level < 5 &&
		    a->type == XML_ELEMENT_NODE; a = a->parent, level++) {
			if ((ain = info_of(c, a)) == NULL)
				break;
			init_score(c, &ci, a, ain);
			ain->score += level == 0 ? add : level == 1 ?
			    add / 2 : add / (level * 3);
			if (a == body)
				break;
		}
	}
	/* scale by link density; keep the NTOP best */
	for (i = 0; i < c->nnodes; i++) {
		in = &c->info[i];
		if (!in->scored)
			continue;
		in->score *= 1.0 - link_density(in);
		n = c->nodes[i];
		for (j = 0; j < NTOP; j++) {
			if (top[j] == NULL ||
			    in->score > info_of(c, top[j])->score) {
				memmove(&top[j + 1], &top[j],
				    (NTOP - j - 1) * sizeof(top[0]));
				top[j] = n;
				break;
			}
		}
	}
	dstr_release(&ci);
	if (top[0] == NULL)
		return NULL;
	/*
	 * A story split in several containers: when three of the runners-up
	 * score close to the best and share an ancestor with it, take the
	 * ancestor.
	 */
	for (a = top[0]->parent; a != NULL && a != body &&
	    a->type == XML_ELEMENT_NODE; a = a->parent) {
		shared = 0;
		for (j = 1; j < NTOP && top[j]; j++) {
			if (info_of(c, top[j])->score <
			    0.75 * info_of(c, top[0])->score ||
			    is_inside(top[j], top[0]) ||
			    is_inside(top[0], top[j]))
				continue;
			if (is_inside(top[j], a))
				shared++;
		}
		if (shared >= 3) {
			top[0] = a;
			break;
		}
	}
	/* a container alone in its parent: take the parent */
	n = top[0];
	while (n->parent != NULL && n->parent != body &&
	    n->parent->type == XML_ELEMENT_NODE) {
		for (a = n->parent->children; a != NULL; a = a->next)
			if (a != n && (a->type == XML_ELEMENT_NODE ||
			    (a->type == XML_TEXT_NODE && a->content &&
			    strspn((const char *)a->content, " \t\r\n") !=
			    strlen((const char *)a->content))))
				break;
		if (a != NULL)
			break;
		n = n->parent;
	}
	return n;
}

static int
ends_sentence(const xmlNode *n)
{
	struct dstr d = DSTR_INIT;
	int yes;

	dhtml_text(&d, n);
	yes = d.len > 0 && (strstr(d.buf, ". ") != NULL ||
	    d.buf[d.len - 1] == '.');
	dstr_release(&d);
	return yes;
}

/* An image with a description (alt text or a caption), no link, in n? */
static int
has_picture(xmlNode *n)
{
	xmlNode *k;
	const char *alt;
	int pic = 0;

	for (k = n; k != NULL; k = dhtml_next(k, n, 0)) {
		if (dhtml_is(k, "a"))
			return 0;	/* a logo, a teaser: not a photo */
		if (dhtml_is(k, "figcaption"))
			pic = 1;
		if (dhtml_is(k, "img") && (alt = dhtml_attr(k, "alt")) &&
		    alt[strspn(alt, " ")] != '\0')
			pic = 1;
	}
	return pic;
}

/* Step 4: the best container and the siblings that belong with it. */
static void
gather(struct ctx *c, xmlNode *top, xmlNode *body, xmlNode *out)
{
	struct info *tin = info_of(c, top), *in;
	const char *tclass = dhtml_attr(top, "class"), *cls;
	xmlNode *s, *copy;
	double threshold, bonus, sc;
	int keep;

	if (top == body) {
		for (s = body->children; s != NULL; s = s->next)
			xmlAddChild(out, xmlDocCopyNode(s, out->doc, 1));
		return;
	}
	threshold = tin && tin->score * 0.2 > 10 ? tin->score * 0.2 : 10;
	for (s = top->parent->children; s != NULL; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		keep = s == top;
		in = info_of(c, s);
		if (!keep && in != NULL) {
			bonus = 0;
			cls = dhtml_attr(s, "class");
			if (tclass && cls && *cls && strcmp(cls, tclass) == 0)
				bonus = tin ? tin->score * 0.2 : 0;
			sc = in->scored ? in->score : 0;
			if (in->scored && sc + bonus >= threshold)
				keep = 1;
			else if (in->link == 0 && in->text < 300 &&
			    has_picture(s))
				keep = 1;	/* the story's photo, captioned */
			else if (dhtml_is(s, "p")) {
				if (in->text > 80 && link_density(in) < 0.25)
					keep = 1;
				else if (in->text > 0 && in->text <= 80 &&
				    in->link == 0 && ends_sentence(s))
					keep = 1;
			}
		}
		if (!keep)
			continue;
		copy = xmlDocCopyNode(s, out->doc, 1);
		if (copy != NULL)
			xmlAddChild(out, copy);
	}
}

static int
is_heading(const xmlNode *n)
{
	const char *name;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	name = (const char *)n->name;
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0';
}

/* The first h1 (else h2) of the content, if it repeats the title. */
static void
drop_title_heading(struct extract *ex, xmlNode *out)
{
	xmlNode *h = dhtml_find(out, "h1");
	char *t;

	if (h == NULL)
		h = dhtml_find(out, "h2");
	if (h == NULL)
		return;
	t = node_text(h);
	if (ex->title == NULL) {
		ex->title = t;
		dhtml_remove(h);
		return;
	}
	if (same_text(t, ex->title))
		dhtml_remove(h);
	free(t);
}

static int
count_in(xmlNode *root, const char *name)
{
	xmlNode *n;
	int k = 0;

	for (n = root; n != NULL; n = dhtml_next(n, root, 0))
		if (dhtml_is(n, name))
			k++;
	return k;
}

static int
count_headings(xmlNode *root)
{
	xmlNode *n;
	int k = 0;

	for (n = root; n != NULL; n = dhtml_next(n, root, 0))
		if (is_heading(n))
			k++;
	return k;
}

/* Step 5: boxes and lists made of links, negative classes, empty blocks. */
static void
clean_conditionally(struct ctx *c, xmlNode *out)
{
	static const char *const boxes[] = {
		"div", "dl", "header", "ol", "section", "table", "ul",
	};
	struct dstr ci = DSTR_INIT;
	struct info *in;
	xmlNode *n;
	size_t i;
	int w, imgs, drop;
	double ld;

	/* top down: a box of links goes whole, heading and all */
	measure(c, out);
	for (i = 0; i < c->nnodes; i++) {
		n = c->nodes[i];
		if (n == out || !IN_SET((const char *)n->name, boxes))
			continue;
		in = &c->info[i];
		class_id(&ci, n);
		w = class_weight(&ci, n);
		ld = link_density(in);
		imgs = count_in(n, "img");
		drop = 0;
		if (w < 0 && in->commas < 10)
			drop = 1;
		else if (in->commas >= 10)
			drop = 0;
		else if (in->text > 0 && ld > 0.5)
			drop = 1;
		else if (w < 25 && ld > 0.33 && count_in(n, "p") == 0 &&
		    !dhtml_is(n, "table"))
			drop = 1;
		else if (in->text < MIN_PARA && imgs == 0 &&
		    count_headings(n) == 0 && count_in(n, "pre") == 0 &&
		    !dhtml_is(n, "table"))
			drop = 1;
		if (drop) {
			i += in->size;	/* its elements are gone with it */
			remove_counted(c, n);
		}
	}
	dstr_release(&ci);
}

/* Blocks left with neither text nor image. */
static void
drop_empty(xmlNode *out)
{
	static const char *const blocks[] = {
		"blockquote", "dd", "div", "dl", "dt", "figure", "h1", "h2",
		"h3", "h4", "h5", "h6", "li", "ol", "p", "section", "ul",
	};
	struct dstr d = DSTR_INIT;
	xmlNode **v = NULL, *n;
	size_t nv = 0, i;

	for (n = out; n != NULL; n = dhtml_next(n, out, 0))
		if (n != out && n->type == XML_ELEMENT_NODE) {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = n;
		}
	for (i = nv; i-- > 0;) {
		n = v[i];
		if (!IN_SET((const char *)n->name, blocks))
			continue;
		dstr_reset(&d);
		dhtml_text(&d, n);
		if (d.len == 0 && count_in(n, "img") == 0 &&
		    count_in(n, "hr") == 0)
			dhtml_remove(n);
	}
	free(v);
	dstr_release(&d);
}

static int
all_blank(const xmlNode *n)
{
	const char *p = (const char *)n->content;

	return n->type == XML_TEXT_NODE && p != NULL &&
	    p[strspn(p, " \t\r\n")] == '\0';
}

/* What removing blocks left: runs of blank text between them, one each. */
static void
tidy_blanks(xmlNode *out)
{
	xmlNode *n, *next, *a;
	int in_pre;

	for (n = out; n != NULL; n = next) {
		next = dhtml_next(n, out, 0);
		if (!all_blank(n))
			continue;
		for (in_pre = 0, a = n->parent; a != NULL && !in_pre;
		    a = a->parent)
			in_pre = dhtml_is(a, "pre");
		if (in_pre)
			continue;
		if (n->prev != NULL && all_blank(n->prev)) {
			next = dhtml_next(n, out, 1);
			dhtml_remove(n);
			continue;
		}
		xmlNodeSetContent(n, (const xmlChar *)(strchr((const char *)
		    n->content, '\n') ? "\n" : " "));
	}
}

/*
 * Lazy-loaded images keep the real address in data-src (and the like)
 * and a placeholder, or nothing, in src; srcset alone names candidates.
 */
static void
unlazy_images(xmlNode *out)
{
	static const char *const attrs[] = {
		"data-src", "data-original", "data-lazy-src", "data-url",
		"data-srcset", "srcset",
	};
	const char *src, *v;
	xmlNode *n;
	char *first;
	size_t i;

	for (n = out; n != NULL; n = dhtml_next(n, out, 0)) {
		if (!dhtml_is(n, "img"))
			continue;
		src = dhtml_attr(n, "src");
		if (src != NULL && *src != '\0' && strncmp(src, "data:", 5) != 0)
			continue;
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			if ((v = dhtml_attr(n, attrs[i])) == NULL || *v == '\0')
				continue;
			/* a srcset: the first candidate's URL */
			v += strspn(v, " \t\n");
			first = xstrndup(v, strcspn(v, " \t\n,"));
			xmlSetProp(n, (const xmlChar *)"src",
			    (const xmlChar *)first);
			free(first);
			break;
		}
	}
}

/* Clear the _private slots we used, so no stale index survives. */
static void
clear_private(xmlNode *root)
{
	xmlNode *n;

	for (n = root; n != NULL; n = dhtml_next(n, root, 0))
		n->_private = NULL;
}

static void
choose_title(struct extract *ex, char *title_tag, char *og_title,
    xmlNode *body)
{
	xmlNode *h1 = dhtml_find(body, "h1");
	char *h = h1 ? node_text(h1) : NULL, *cut;

	if (og_title) {
		ex->title = og_title;
		og_title = NULL;
	} else if (title_tag) {
		cut = strip_site(title_tag);
		if (h && (same_text(h, title_tag) || same_text(h, cut) ||
		    affix_of(h, title_tag))) {
			free(cut);
			ex->title = h;
			h = NULL;
		} else
			ex->title = cut;
	}
	/* else: the content's first heading, in drop_title_heading() */
	free(h);
	free(og_title);
	free(title_tag);
}

int
extract_html(struct extract *ex, const char *html, size_t len,
    const char *base_url, const char *encoding)
{
	struct ctx c;
	struct dstr out = DSTR_INIT;
	xmlDoc *doc, *odoc;
	xmlNode *root, *body, *top, *oroot;
	char *meta_author = NULL, *title_tag = NULL, *og_title = NULL;
	char *byline, *ld_author = NULL;
	size_t tl = 0;

	memset(ex, 0, sizeof(*ex));
	ex->published = DATE_NONE;
	memset(&c, 0, sizeof(c));
	c.ex = ex;
	c.base = base_url;
	if ((doc = dhtml_parse(html, len, encoding)) == NULL ||
	    (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		ex->html = xstrdup("");
		/* libxml2 makes no document of blanks */
		return strspn(html, " \t\r\n") >= len ? 1 : -1;
	}
	read_meta(&c, root, &meta_author, &ld_author, &title_tag, &og_title);
	if ((body = dhtml_find(root, "body")) == NULL)
		body = root;
	prune(body);
	/* structured data, then the page's byline, then <meta> */
	byline = find_byline(body);
	if (ld_author) {
		ex->byline = ld_author;
		free(byline);
		free(meta_author);
	} else if (byline) {
		ex->byline = byline;
		free(meta_author);
	} else
		ex->byline = meta_author;
	choose_title(ex, title_tag, og_title, body);

	odoc = dhtml_new_doc();
	oroot = xmlNewDocNode(odoc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(odoc, oroot);
	if ((top = score(&c, body)) == NULL)
		top = body;
	gather(&c, top, body, oroot);
	clear_private(root);
	drop_title_heading(ex, oroot);
	clean_conditionally(&c, oroot);
	clear_private(oroot);
	unlazy_images(oroot);
	dhtml_sanitize(oroot, base_url, 0);
	drop_empty(oroot);
	tidy_blanks(oroot);
	dhtml_dump_children(&out, odoc, oroot);
	measure(&c, oroot);
	if (c.nnodes)
		tl = c.info[0].text;
	clear_private(oroot);
	ex->text_len = tl;
	ex->html = dstr_detach(&out, NULL);
	free(c.info);
	free(c.nodes);
	xmlFreeDoc(odoc);
	xmlFreeDoc(doc);
	return tl > 0 ? 0 : 1;
}

void
extract_release(struct extract *ex)
{
	if (ex == NULL)
		return;
	free(ex->html);
	free(ex->title);
	free(ex->byline);
	free(ex->canonical);
	free(ex->site_name);
	memset(ex, 0, sizeof(*ex));
	ex->published = DATE_NONE;
}
