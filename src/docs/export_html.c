/*
 * export_html.c: a static, offline copy of the archive; see docs.h.
 *
 * Every page is a libxml2 HTML tree (text goes in as text nodes, attribute
 * values as attributes: libxml2's serialiser escapes them) written with
 * htmlSaveFileFormat().  Article bodies are parsed, sanitised by
 * dhtml_sanitize(DSAN_LOCAL_ONLY) and copied into the page's tree.  Each
 * page also carries a Content-Security-Policy that forbids scripts and
 * every load from the network, should anything slip through.
 *
 * Pages link to each other by relative names (index.html, feed-ID.html,
 * tag-N.html, article-ID.html, quotes.html), so the directory can be
 * moved, zipped or opened from a USB stick.
 *
 * DIR/.dossier-export lists the pages an export wrote, one name a line.
 * The next export into DIR removes those of them it did not write again
 * (an article deleted since, a tag gone): only names listed there and of
 * the forms above, so a file dossier did not write is never touched.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "feed.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"

static const char style[] =
    "body{max-width:46em;margin:2em auto;padding:0 1em;"
    "font:1.05em/1.5 Georgia,serif;color:#222;background:#fdfdf8}"
    "nav{font:.9em sans-serif;border-bottom:1px solid #ccc;"
    "padding-bottom:.5em}nav a{margin-right:1em}"
    "h1{line-height:1.2}.meta,.tags,time{color:#666;font-size:.9em}"
    "blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1em}"
    "section{border-top:1px solid #ddd;margin-top:2em}"
    "li{margin:.3em 0}pre{overflow:auto;background:#f3f3ee;padding:.5em}"
    "img{max-width:100%}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2em .4em}";

static const char csp[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
    " base-uri 'none'; form-action 'none'";

struct tag {
	char	*name;
	int64_t	 count;
};

struct ex {
	struct store	*st;
	struct xref	*xref;
	const char	*dir;
	int64_t		 pages;
	struct tag	*tags;
	size_t		 ntags;
	char		 date[32];	/* of the export, for the index */
	char		**written;	/* page names, in the order written */
	size_t		 nwritten;
};

#define MANIFEST	".dossier-export"

/* Text into the tree: sanitised UTF-8 (controls dropped). */
static xmlNode *
add(xmlNode *parent, const char *name, const char *text)
{
	char *t = text ? utf8_sanitize_dup(text, SAN_KEEP_NEWLINES) : NULL;
	xmlNode *n;

	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)t);
	free(t);
	return n;
}

static void
add_str(xmlNode *parent, const char *text)
{
	char *t = utf8_sanitize_dup(text, SAN_KEEP_NEWLINES);

	xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)t));
	free(t);
}

static void
set_attr(xmlNode *n, const char *name, const char *value)
{
	char *v = utf8_sanitize_dup(value, SAN_ONE_LINE);

	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

static xmlNode *
add_link(xmlNode *parent, const char *href, const char *text)
{
	xmlNode *a = add(parent, "a", text);

	set_attr(a, "href", href);
	return a;
}

/* A remote link (http, https or mailto only), else just its text. */
static void
add_remote_link(xmlNode *parent, const char *url, const char *text)
{
	char scheme[16];

	dhtml_scheme(url, scheme, sizeof(scheme));
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "mailto") == 0)
		add_link(parent, url, text ? text : url);
	else
		add_str(parent, text ? text : url);
}

static void
format_date(int64_t t, char *buf, size_t size)
{
	struct tm tm;
	time_t tt = (time_t)t;

	buf[0] = '\0';
	if (t != DATE_NONE && gmtime_r(&tt, &tm) != NULL)
		strftime(buf, size, "%Y-%m-%d", &tm);
}

static void
add_date(xmlNode *parent, int64_t t)
{
	char buf[32], iso[32];
	struct tm tm;
	time_t tt = (time_t)t;
	xmlNode *n;

	if (t == DATE_NONE || gmtime_r(&tt, &tm) == NULL)
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = add(parent, "time", buf);
	set_attr(n, "datetime", iso);
}

/* A page: <!DOCTYPE html>, head with title, CSP and style; body. */
static xmlDoc *
page_new(const char *title, xmlNode **bodyp)
{
	xmlDoc *doc = dhtml_new_doc();
	xmlNode *html, *head, *meta, *body, *nav;

	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
	html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	/* the serialiser adds the charset's <meta> itself */
	head = xmlNewChild(html, NULL, (const xmlChar *)"head", NULL);
	meta = xmlNewChild(head, NULL, (const xmlChar *)"meta", NULL);
	set_attr(meta, "http-equiv", "Content-Security-Policy");
	set_attr(meta, "content", csp);
	meta = xmlNewChild(head, NULL, (const xmlChar *)"meta", NULL);
	set_attr(meta, "name", "referrer");
	set_attr(meta, "content", "no-referrer");
	add(head, "title", title && *title ? title : "(untitled)");
	add(head, "style", style);
	body = xmlNewChild(html, NULL, (const xmlChar *)"body", NULL);
	nav = xmlNewChild(body, NULL, (const xmlChar *)"nav", NULL);
	add_link(nav, "index.html", "Archive");
	add_str(nav, " \xc2\xb7 ");
	add_link(nav, "quotes.html", "Quotes");
	add(body, "h1", title && *title ? title : "(untitled)");
	*bodyp = body;
	return doc;
}

static int
page_save(struct ex *e, xmlDoc *doc, const char *file)
{
	struct dstr path = DSTR_INIT;
	int rc;

	dstr_addf(&path, "%s/%s", e->dir, file);
	rc = htmlSaveFileFormat(path.buf, doc, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (rc < 0) {
		store_seterr(e->st, "%s: cannot write: %s", path.buf,
		    strerror(errno ? errno : EIO));
		dstr_release(&path);
		return -1;
	}
	dstr_release(&path);
	e->pages++;
	e->written = xreallocarray(e->written, e->nwritten + 1,
	    sizeof(*e->written));
	e->written[e->nwritten++] = xstrdup(file);
	return 0;
}

static int
sqlerr(struct ex *e, const char *what)
{
	store_sqlerr(e->st, what);
	return -1;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Tags: those of feeds and those given to documents, sorted by name. */
static int
load_tags(struct ex *e)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(store_db(e->st),
	    "WITH RECURSIVE doc(rest, tag) AS ("
	    "  SELECT a.categories || char(10), NULL FROM articles a"
	    "  JOIN feeds f ON f.id = a.feed_id"
	    "  WHERE f.kind = 1 AND a.categories IS NOT NULL"
	    "  UNION ALL SELECT substr(rest, instr(rest, char(10)) + 1),"
	    "  substr(rest, 1, instr(rest, char(10)) - 1) FROM doc"
	    "  WHERE rest <> '')"
	    " SELECT name FROM (SELECT name FROM tags UNION"
	    "  SELECT tag FROM doc WHERE tag IS NOT NULL AND tag <> '')"
	    " ORDER BY name", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return sqlerr(e, "listing tags");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e->tags = xreallocarray(e->tags, e->ntags + 1,
		    sizeof(*e->tags));
		e->tags[e->ntags].name = xstrdup(col(s, 0));
		e->tags[e->ntags++].count = 0;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(e, "listing tags");
}

/* Article rows: id, title, date, author, feed title. */
#define LIST_COLS \
	"SELECT a.id, a.title, a.sort_date, a.author," \
	" coalesce(f.user_title, f.title, f.url)" \
	" FROM articles a JOIN feeds f ON f.id = a.feed_id"

static int
article_list(struct ex *e, xmlNode *parent, const char *sql,
    int64_t id, const char *text, int64_t *count)
{
	struct dstr href = DSTR_INIT;
	sqlite3_stmt *s;
	xmlNode *ol, *li;
	int rc;

	if (sqlite3_prepare_v2(store_db(e->st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return sqlerr(e, "listing articles");
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, id);
	ol = xmlNewChild(parent, NULL, (const xmlChar *)"ol", NULL);
	*count = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		li = xmlNewChild(ol, NULL, (const xmlChar *)"li", NULL);
		dstr_reset(&href);
		dstr_addf(&href, "article-%lld.html",
		    (long long)sqlite3_column_int64(s, 0));
		add_link(li, href.buf, col(s, 1) ? col(s, 1) : "(untitled)");
		add_str(li, " ");
		add_date(li, sqlite3_column_int64(s, 2));
		if (text && col(s, 4)) {
			add_str(li, " \xe2\x80\x94 ");
			add_str(li, col(s, 4));
		}
		if (col(s, 3)) {
			add_str(li, ", ");
			add_str(li, col(s, 3));
		}
		(*count)++;
	}
	sqlite3_finalize(s);
	dstr_release(&href);
	return rc == SQLITE_DONE ? 0 : sqlerr(e, "listing articles");
}

static int
feed_pages(struct ex *e, xmlNode *index_feeds, xmlNode *index_docs)
{
	sqlite3_stmt *s;
	struct dstr file = DSTR_INIT;
	xmlDoc *doc;
	xmlNode *body, *p, *li;
	int64_t count;
	int rc = -1, step;

	if (sqlite3_prepare_v2(store_db(e->st), "SELECT f.id,"
	    " coalesce(f.user_title, f.title, f.url), f.url, f.site_url,"
	    " f.description, f.kind FROM feeds f ORDER BY f.kind,"
	    " lower(coalesce(f.user_title, f.title, f.url))", -1, &s,
	    NULL) != SQLITE_OK)
		return sqlerr(e, "listing feeds");
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		doc = page_new(col(s, 1), &body);
		p = xmlNewChild(body, NULL, (const xmlChar *)"p", NULL);
		set_attr(p, "class", "meta");
		if (sqlite3_column_int(s, 5) == 1)
			add_str(p, "Primary documents kept in the archive.");
		else {
			add_str(p, "Feed: ");
			add_remote_link(p, col(s, 2), NULL);
			if (col(s, 3)) {
				add_str(p, " \xc2\xb7 Site: ");
				add_remote_link(p, col(s, 3), NULL);
			}
		}
		if (col(s, 4))
			add(body, "p", col(s, 4));
		if (article_list(e, body, LIST_COLS " WHERE a.feed_id = ?1"
		    " ORDER BY a.sort_date DESC, a.id DESC",
		    sqlite3_column_int64(s, 0), NULL, &count) != 0) {
			xmlFreeDoc(doc);
			goto out;
		}
		dstr_reset(&file);
		dstr_addf(&file, "feed-%lld.html",
		    (long long)sqlite3_column_int64(s, 0));
		if (page_save(e, doc, file.buf) != 0)
			goto out;
		li = xmlNewChild(sqlite3_column_int(s, 5) == 1 ? index_docs :
		    index_feeds, NULL, (const xmlChar *)"li", NULL);
		add_link(li, file.buf, col(s, 1));
		dstr_reset(&file);
		dstr_addf(&file, " (%lld)", (long long)count);
		add_str(li, file.buf);
	}
	if (step != SQLITE_DONE) {
		sqlerr(e, "listing feeds");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	dstr_release(&file);
	return rc;
}

static int
tag_pages(struct ex *e, xmlNode *index_tags)
{
	struct dstr file = DSTR_INIT, title = DSTR_INIT;
	xmlDoc *doc;
	xmlNode *body, *li;
	size_t i;

	for (i = 0; i < e->ntags; i++) {
		dstr_reset(&title);
		dstr_addf(&title, "Tag: %s", e->tags[i].name);
		doc = page_new(title.buf, &body);
		if (article_list(e, body, LIST_COLS
		    " WHERE a.feed_id IN (SELECT ft.feed_id FROM feed_tags ft"
		    "  JOIN tags t ON t.id = ft.tag_id WHERE t.name = ?1)"
		    " OR (f.kind = 1 AND instr(char(10) || a.categories ||"
		    "  char(10), char(10) || ?1 || char(10)) > 0)"
		    " ORDER BY a.sort_date DESC, a.id DESC", 0,
		    e->tags[i].name, &e->tags[i].count) != 0) {
			xmlFreeDoc(doc);
			break;
		}
		dstr_reset(&file);
		dstr_addf(&file, "tag-%zu.html", i + 1);
		if (page_save(e, doc, file.buf) != 0)
			break;
		li = xmlNewChild(index_tags, NULL, (const xmlChar *)"li", NULL);
		add_link(li, file.buf, e->tags[i].name);
		dstr_reset(&title);
		dstr_addf(&title, " (%lld)", (long long)e->tags[i].count);
		add_str(li, title.buf);
	}
	dstr_release(&file);
	dstr_release(&title);
	return i == e->ntags ? 0 : -1;
}

/* A link to a tag's page (tag-N.html, N its place in e->tags). */
static void
add_tag_link(struct ex *e, xmlNode *parent, const char *name)
{
	char file[32];
	size_t i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i].name, name) == 0) {
			snprintf(file, sizeof(file), "tag-%zu.html", i + 1);
			add_link(parent, file, name);
			return;
		}
	add_str(parent, name);
}

/* Sanitised HTML of an article, copied into parent. */
static void
add_html(xmlNode *parent, const char *html, const char *base)
{
	xmlDoc *src;
	xmlNode *root, *body, *c;

	if ((src = dhtml_parse(html, strlen(html), "UTF-8")) == NULL)
		return;
	if ((root = xmlDocGetRootElement(src)) != NULL) {
		body = dhtml_find(root, "body");
		if (body == NULL)
			body = root;
		dhtml_sanitize(body, base, DSAN_LOCAL_ONLY);
		for (c = body->children; c != NULL; c = c->next)
			xmlAddChild(parent, xmlDocCopyNode(c, parent->doc, 1));
	}
	xmlFreeDoc(src);
}

static xmlNode *
section(xmlNode *body, const char *title)
{
	xmlNode *s = xmlNewChild(body, NULL, (const xmlChar *)"section", NULL);

	add(s, "h2", title);
	return s;
}

static int
quotes_of(struct ex *e, xmlNode *body, int64_t id)
{
	sqlite3_stmt *s;
	struct dstr anchor = DSTR_INIT;
	xmlNode *sec = NULL, *bq, *p;
	int rc;

	if (sqlite3_prepare_v2(store_db(e->st), "SELECT q.id, q.text,"
	    " q.speaker, q.note, (SELECT group_concat(tag, ', ') FROM"
	    " (SELECT tag FROM quote_tags WHERE quote_id = q.id ORDER BY tag))"
	    " FROM quotes q WHERE q.article_id = ?1 ORDER BY q.start, q.id",
	    -1, &s, NULL) != SQLITE_OK)
		return sqlerr(e, "listing quotes");
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sec == NULL)
			sec = section(body, "Quotes");
		bq = xmlNewChild(sec, NULL, (const xmlChar *)"blockquote",
		    NULL);
		dstr_reset(&anchor);
		dstr_addf(&anchor, "q%lld",
		    (long long)sqlite3_column_int64(s, 0));
		set_attr(bq, "id", anchor.buf);
		add(bq, "p", col(s, 1));
		p = xmlNewChild(bq, NULL, (const xmlChar *)"p", NULL);
		set_attr(p, "class", "meta");
		if (col(s, 2)) {
			add_str(p, "\xe2\x80\x94 ");
			add_str(p, col(s, 2));
			add_str(p, " ");
		}
		if (col(s, 4)) {
			add_str(p, "[");
			add_str(p, col(s, 4));
			add_str(p, "] ");
		}
		if (col(s, 3))
			add_str(p, col(s, 3));
	}
	sqlite3_finalize(s);
	dstr_release(&anchor);
	return rc == SQLITE_DONE ? 0 : sqlerr(e, "listing quotes");
}

static void
xref_sections(struct ex *e, xmlNode *body, int64_t id)
{
	struct xref_refs refs;
	struct dstr href = DSTR_INIT, txt = DSTR_INIT;
	const struct xref_entry *en;
	xmlNode *sec, *ul, *li;
	unsigned mask = XREF_ALL & ~XREF_SECTION_BIT(XREF_RELATED);
	size_t i, k;

	if (xref_refs_get(e->xref, id, mask, &refs) != 0) {
		xref_refs_release(&refs);
		return;
	}
	for (i = 0; i < XREF_NSECTIONS; i++) {
		for (k = 0; k < refs.sec[i].n; k++)
			if (i != XREF_NAMES || refs.sec[i].v[k].count > 0)
				break;
		if (k == refs.sec[i].n)
			continue;
		sec = section(body, xref_section_title((enum xref_section)i));
		ul = xmlNewChild(sec, NULL, (const xmlChar *)"ul", NULL);
		for (k = 0; k < refs.sec[i].n; k++) {
			en = &refs.sec[i].v[k];
			li = xmlNewChild(ul, NULL, (const xmlChar *)"li", NULL);
			if (i == XREF_NAMES && en->count == 0) {
				/* named nowhere else: not a reference */
				xmlUnlinkNode(li);
				xmlFreeNode(li);
				continue;
			}
			if (i == XREF_NAMES) {
				dstr_reset(&txt);
				dstr_addf(&txt, "%s (%lld other %s)",
				    en->title ? en->title : en->text,
				    (long long)en->count,
				    en->count == 1 ? "story" : "stories");
				add_str(li, txt.buf);
				continue;
			}
			if (en->id > 0) {
				dstr_reset(&href);
				dstr_addf(&href, "article-%lld.html",
				    (long long)en->id);
				add_link(li, href.buf, en->title ? en->title :
				    "(untitled)");
				if (en->feed_title) {
					add_str(li, " \xe2\x80\x94 ");
					add_str(li, en->feed_title);
				}
				add_str(li, " ");
				add_date(li, en->date);
			} else
				add_remote_link(li, en->url, en->text &&
				    *en->text ? en->text : en->url);
			if (i == XREF_SAME_QUOTE && en->text) {
				add_str(li, ": \xe2\x80\x9c");
				add_str(li, en->text);
				add_str(li, "\xe2\x80\x9d");
			}
		}
	}
	xref_refs_release(&refs);
	dstr_release(&href);
	dstr_release(&txt);
}

static void
enclosures_of(struct ex *e, xmlNode *body, int64_t id)
{
	sqlite3_stmt *s;
	xmlNode *ul = NULL, *li;

	if (sqlite3_prepare_v2(store_db(e->st), "SELECT url, type FROM"
	    " enclosures WHERE article_id = ?1 ORDER BY rowid", -1, &s,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (ul == NULL)
			ul = xmlNewChild(section(body, "Attachments"), NULL,
			    (const xmlChar *)"ul", NULL);
		li = xmlNewChild(ul, NULL, (const xmlChar *)"li", NULL);
		add_remote_link(li, col(s, 0), NULL);
		if (col(s, 1)) {
			add_str(li, " (");
			add_str(li, col(s, 1));
			add_str(li, ")");
		}
	}
	sqlite3_finalize(s);
}

static int
article_page(struct ex *e, int64_t id, const char *categories,
    int64_t versions)
{
	struct store_article a;
	struct dstr file = DSTR_INIT, line = DSTR_INIT;
	xmlDoc *doc;
	xmlNode *body, *p, *sec;
	const char *html;
	char *t, *nl;
	size_t i;
	int rc;

	if ((rc = store_article_get(e->st, id, &a)) != 0)
		return rc < 0 ? -1 : 0;
	doc = page_new(a.title, &body);
	p = xmlNewChild(body, NULL, (const xmlChar *)"p", NULL);
	set_attr(p, "class", "meta");
	dstr_addf(&file, "feed-%lld.html", (long long)a.feed_id);
	add_link(p, file.buf, a.feed_title);
	if (a.author) {
		add_str(p, " \xc2\xb7 ");
		add_str(p, a.author);
	}
	add_str(p, " \xc2\xb7 ");
	add_date(p, a.published != DATE_NONE ? a.published : a.first_seen);
	if (a.url) {
		add_str(p, " \xc2\xb7 ");
		add_remote_link(p, a.url, "original");
	}
	if (categories && *categories) {
		dstr_reset(&line);
		dstr_adds(&line, categories);
		for (i = 0; i < line.len; i++)
			if (line.buf[i] == '\n')
				line.buf[i] = '\t';
		p = add(body, "p", NULL);
		set_attr(p, "class", "tags");
		add_str(p, "Tags: ");
		for (i = 0, t = line.buf; t != NULL; i++) {
			nl = strchr(t, '\t');
			if (nl)
				*nl = '\0';
			if (i)
				add_str(p, ", ");
			add_tag_link(e, p, t);
			t = nl ? nl + 1 : NULL;
		}
	}
	if (versions > 0) {
		dstr_reset(&line);
		dstr_addf(&line, "Edited after publication: %lld earlier "
		    "version%s kept in the archive.", (long long)versions,
		    versions == 1 ? "" : "s");
		p = add(body, "p", line.buf);
		set_attr(p, "class", "meta");
	}
	html = a.content ? a.content : a.summary;
	if (html) {
		sec = xmlNewChild(body, NULL, (const xmlChar *)"article", NULL);
		if (a.fulltext)
			add(sec, "h2", "From the feed");
		add_html(sec, html, a.url);
	}
	if (a.fulltext) {
		sec = section(body, "Full text of the linked page");
		add_html(sec, a.fulltext, a.url);
	}
	enclosures_of(e, body, id);
	rc = quotes_of(e, body, id);
	if (rc == 0 && e->xref)
		xref_sections(e, body, id);
	store_article_release(&a);
	dstr_reset(&file);
	dstr_addf(&file, "article-%lld.html", (long long)id);
	if (rc == 0)
		rc = page_save(e, doc, file.buf);
	else
		xmlFreeDoc(doc);
	dstr_release(&file);
	dstr_release(&line);
	return rc;
}

static int
article_pages(struct ex *e)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(store_db(e->st), "SELECT a.id, a.categories,"
	    " (SELECT count(*) FROM article_versions v"
	    "  WHERE v.article_id = a.id) FROM articles a ORDER BY a.id",
	    -1, &s, NULL) != SQLITE_OK)
		return sqlerr(e, "listing articles");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (article_page(e, sqlite3_column_int64(s, 0), col(s, 1),
		    sqlite3_column_int64(s, 2)) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : sqlerr(e, "listing articles");
}

/* quotes.html: by tag (a quote with two tags is under both), then the
 * untagged ones. */
static int
quotes_page(struct ex *e, int64_t *nquotes)
{
	sqlite3_stmt *s;
	struct dstr href = DSTR_INIT, last = DSTR_INIT;
	xmlDoc *doc;
	xmlNode *body, *sec = NULL, *bq, *p;
	const char *tag;
	int rc, first = 1, untagged = 0;

	*nquotes = 0;
	doc = page_new("Quotes", &body);
	if (sqlite3_prepare_v2(store_db(e->st), "SELECT qt.tag, q.id,"
	    " q.text, q.speaker, q.note, a.id, a.title,"
	    " coalesce(f.user_title, f.title, f.url), a.sort_date"
	    " FROM quotes q JOIN articles a ON a.id = q.article_id"
	    " JOIN feeds f ON f.id = a.feed_id"
	    " LEFT JOIN quote_tags qt ON qt.quote_id = q.id"
	    " ORDER BY qt.tag IS NULL, qt.tag, a.sort_date DESC, q.id", -1, &s,
	    NULL) != SQLITE_OK) {
		xmlFreeDoc(doc);
		return sqlerr(e, "listing quotes");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tag = col(s, 0);
		if (first || (tag == NULL) != untagged ||
		    (tag && strcmp(tag, last.buf) != 0)) {
			sec = section(body, tag ? tag : "Untagged");
			dstr_reset(&last);
			if (tag)
				dstr_adds(&last, tag);
			untagged = tag == NULL;
			first = 0;
		}
		bq = xmlNewChild(sec, NULL, (const xmlChar *)"blockquote",
		    NULL);
		add(bq, "p", col(s, 2));
		p = xmlNewChild(bq, NULL, (const xmlChar *)"p", NULL);
		set_attr(p, "class", "meta");
		if (col(s, 3)) {
			add_str(p, "\xe2\x80\x94 ");
			add_str(p, col(s, 3));
			add_str(p, ", in ");
		} else
			add_str(p, "In ");
		dstr_reset(&href);
		dstr_addf(&href, "article-%lld.html#q%lld",
		    (long long)sqlite3_column_int64(s, 5),
		    (long long)sqlite3_column_int64(s, 1));
		add_link(p, href.buf, col(s, 6) ? col(s, 6) : "(untitled)");
		add_str(p, " (");
		add_str(p, col(s, 7));
		add_str(p, ", ");
		add_date(p, sqlite3_column_int64(s, 8));
		add_str(p, ")");
		if (col(s, 4)) {
			add_str(p, ". ");
			add_str(p, col(s, 4));
		}
		(*nquotes)++;
	}
	sqlite3_finalize(s);
	dstr_release(&href);
	dstr_release(&last);
	if (rc != SQLITE_DONE) {
		xmlFreeDoc(doc);
		return sqlerr(e, "listing quotes");
	}
	if (*nquotes == 0)
		add(body, "p", "No quotes yet.");
	return page_save(e, doc, "quotes.html");
}

static int
make_dir(struct store *st, const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	store_seterr(st, "%s: %s", dir, errno == EEXIST ?
	    "exists and is not a directory" : strerror(errno));
	return -1;
}

/* A name an export writes: index.html, quotes.html, feed-N.html,
 * tag-N.html or article-N.html. */
static int
page_name(const char *s)
{
	static const char *const prefix[] = { "feed-", "tag-", "article-" };
	size_t i, n;

	if (strcmp(s, "index.html") == 0 || strcmp(s, "quotes.html") == 0)
		return 1;
	for (i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++) {
		n = strlen(prefix[i]);
		if (strncmp(s, prefix[i], n) != 0)
			continue;
		s += n;
		n = strspn(s, "0123456789");
		return n > 0 && n < 20 && strcmp(s + n, ".html") == 0;
	}
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names the last export listed (only well-formed page names). */
static void
manifest_read(const char *dir, char ***names, size_t *n)
{
	struct dstr path = DSTR_INIT;
	char line[256];
	size_t len;
	FILE *fp;

	*names = NULL;
	*n = 0;
	dstr_addf(&path, "%s/%s", dir, MANIFEST);
	fp = fopen(path.buf, "r");
	dstr_release(&path);
	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		len = strcspn(line, "\n");
		if (line[len] != '\n' && !feof(fp)) {
			/* too long to be ours: skip the rest of it */
			int c;

			while ((c = getc(fp)) != EOF && c != '\n')
				;
			continue;
		}
		line[len] = '\0';
		if (!page_name(line))
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(line);
	}
	fclose(fp);
}

/* Write the list: DIR/.dossier-export.tmp, renamed over the old one. */
static int
manifest_write(struct store *st, const char *dir, char **names, size_t n)
{
	struct dstr path = DSTR_INIT, tmp = DSTR_INIT;
	size_t i;
	FILE *fp;
	int rc = 0;

	dstr_addf(&path, "%s/%s", dir, MANIFEST);
	dstr_addf(&tmp, "%s.tmp", path.buf);
	if ((fp = fopen(tmp.buf, "w")) == NULL)
		rc = -1;
	else {
		fprintf(fp, "# written by dossier export --html; the next "
		    "export removes the pages listed here that it does not "
		    "write again\n");
		for (i = 0; i < n; i++)
			fprintf(fp, "%s\n", names[i]);
		if (ferror(fp))
			rc = -1;
		if (fclose(fp) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp.buf, path.buf) != 0)
			rc = -1;
	}
	if (rc != 0) {
		store_seterr(st, "%s: cannot write: %s", path.buf,
		    strerror(errno ? errno : EIO));
		unlink(tmp.buf);
	}
	dstr_release(&path);
	dstr_release(&tmp);
	return rc;
}

/*
 * After an export: list what it wrote (and, when it failed half way, what
 * the last one listed, since nothing is removed then), and remove the
 * pages the last export listed that this one did not write.
 */
static int
manifest_update(struct ex *e, int ok, int64_t *nremoved)
{
	struct dstr path = DSTR_INIT;
	char **old, **keep;
	size_t nold, nkeep, i;
	int rc;

	manifest_read(e->dir, &old, &nold);
	qsort(e->written, e->nwritten, sizeof(*e->written), cmp_name);
	keep = xreallocarray(NULL, e->nwritten + nold + 1, sizeof(*keep));
	memcpy(keep, e->written, e->nwritten * sizeof(*keep));
	nkeep = e->nwritten;
	for (i = 0; i < nold; i++) {
		if (bsearch(&old[i], e->written, e->nwritten,
		    sizeof(*e->written), cmp_name) != NULL)
			continue;
		if (!ok) {
			keep[nkeep++] = old[i];
			continue;
		}
		dstr_reset(&path);
		dstr_addf(&path, "%s/%s", e->dir, old[i]);
		if (unlink(path.buf) == 0)
			(*nremoved)++;
	}
	qsort(keep, nkeep, sizeof(*keep), cmp_name);
	rc = manifest_write(e->st, e->dir, keep, nkeep);
	free(keep);
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
	dstr_release(&path);
	return rc;
}

int
docs_export_html(struct store *st, const char *dir, int64_t *npages,
    int64_t *nremoved)
{
	struct ex e;
	struct dstr line = DSTR_INIT;
	xmlDoc *index;
	xmlNode *body, *feeds, *docs, *tags, *p;
	int64_t nquotes = 0;
	time_t now = time(NULL);
	size_t i;
	int rc = -1;

	*npages = *nremoved = 0;
	memset(&e, 0, sizeof(e));
	e.st = st;
	e.dir = dir;
	format_date((int64_t)now, e.date, sizeof(e.date));
	if (make_dir(st, dir) != 0)
		return -1;
	/* one read transaction: pages agree with each other */
	if (docs_exec(st, "BEGIN", "exporting") != 0)
		return -1;
	e.xref = xref_new(st);
	if (load_tags(&e) != 0)
		goto out;
	index = page_new("dossier archive", &body);
	p = add(body, "p", NULL);
	set_attr(p, "class", "meta");
	dstr_addf(&line, "An offline copy, exported on %s. Nothing here "
	    "loads from the network.", e.date);
	add_str(p, line.buf);
	feeds = xmlNewChild(section(body, "Feeds"), NULL,
	    (const xmlChar *)"ul", NULL);
	docs = xmlNewChild(section(body, "Documents"), NULL,
	    (const xmlChar *)"ul", NULL);
	tags = xmlNewChild(section(body, "Tags"), NULL,
	    (const xmlChar *)"ul", NULL);
	if (feed_pages(&e, feeds, docs) != 0 || tag_pages(&e, tags) != 0 ||
	    article_pages(&e) != 0 || quotes_page(&e, &nquotes) != 0) {
		xmlFreeDoc(index);
		goto out;
	}
	p = xmlNewChild(section(body, "Quotes"), NULL, (const xmlChar *)"p",
	    NULL);
	dstr_reset(&line);
	dstr_addf(&line, "%lld quote%s, by tag", (long long)nquotes,
	    nquotes == 1 ? "" : "s");
	add_link(p, "quotes.html", line.buf);
	if (page_save(&e, index, "index.html") != 0)
		goto out;
	*npages = e.pages;
	rc = 0;
out:
	xref_free(e.xref);
	docs_exec(st, "COMMIT", "exporting");
	if (rc == 0)
		rc = manifest_update(&e, 1, nremoved);
	else if (e.nwritten > 0) {
		/* list the new pages too; the first error is the one told */
		char *why = xstrdup(store_errmsg(st));

		manifest_update(&e, 0, nremoved);
		store_seterr(st, "%s", why);
		free(why);
	}
	for (i = 0; i < e.nwritten; i++)
		free(e.written[i]);
	free(e.written);
	for (i = 0; i < e.ntags; i++)
		free(e.tags[i].name);
	free(e.tags);
	dstr_release(&line);
	return rc;
}
