/*
 * test_extract.c: the main content of news pages.
 *
 * Golden files: tests/data/extract/NAME.html (a page imitating a common
 * news-site layout: site header, navigation, the article with its byline,
 * sidebars, share buttons, related links, comments, footer) extracted
 * against BASE must give NAME.txt: the metadata, a blank line, and the
 * plain text of the extracted HTML.  With EXTRACT_UPDATE_GOLDEN=1 in the
 * environment the .txt files are rewritten instead; review the diff
 * before committing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "date.h"
#include "dstr.h"
#include "extract.h"
#include "render.h"
#include "tap.h"
#include "xalloc.h"

#define BASE	"https://news.example/2025/story.html"

static const char *const cases[] = {
	"news-classic", "news-divsoup", "news-blog", "news-liveupdate",
	"news-paywall", "news-cjk", "news-jsonld",
};

static const char *srcdir;

static char *
slurp(const char *path, size_t *lenp)
{
	struct dstr d = DSTR_INIT;
	char buf[4096];
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, lenp);
}

/* "image: SRC | ALT" for each image of the extracted HTML. */
static void
images(struct dstr *out, const char *html)
{
	htmlDocPtr doc;
	xmlNode *n, *root;
	xmlChar *src, *alt;

	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	for (n = root; n != NULL;) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "img") == 0) {
			src = xmlGetProp(n, (const xmlChar *)"src");
			alt = xmlGetProp(n, (const xmlChar *)"alt");
			dstr_addf(out, "image: %s | %s\n",
			    src ? (const char *)src : "-",
			    alt ? (const char *)alt : "-");
			xmlFree(src);
			xmlFree(alt);
		}
		if (n->children)
			n = n->children;
		else {
			while (n && n->next == NULL)
				n = n->parent;
			if (n)
				n = n->next;
		}
	}
	xmlFreeDoc(doc);
}

static void
describe(struct dstr *out, const struct extract *ex)
{
	char date[DATE_BUFSZ];

	dstr_addf(out, "title: %s\n", ex->title ? ex->title : "-");
	dstr_addf(out, "byline: %s\n", ex->byline ? ex->byline : "-");
	if (ex->published != DATE_NONE)
		date_format(ex->published, date);
	dstr_addf(out, "published: %s\n",
	    ex->published != DATE_NONE ? date : "-");
	dstr_addf(out, "canonical: %s\n", ex->canonical ? ex->canonical : "-");
	dstr_addf(out, "site: %s\n", ex->site_name ? ex->site_name : "-");
	images(out, ex->html);
	dstr_addc(out, '\n');
	render_plain(out, ex->html, strlen(ex->html));
	dstr_addc(out, '\n');
}

/* What must never survive extraction. */
static const char *
forbidden(const char *html)
{
	static const char *const bad[] = {
		"<script", "<style", "<nav", "<form", "<input", "<iframe",
		"<aside", "<footer", "class=", "id=", "style=", "onclick",
		"javascript:", "<!--",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(html, bad[i]) != NULL)
			return bad[i];
	return NULL;
}

static void
test_golden(const char *name, int update)
{
	struct extract ex;
	struct dstr got = DSTR_INIT;
	char path[1024], *html, *want;
	const char *bad;
	size_t len;
	FILE *fp;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/extract/%s.html", srcdir,
	    name);
	if ((html = slurp(path, &len)) == NULL) {
		ok(0, name);
		diag("cannot read %s", path);
		return;
	}
	rc = extract_html(&ex, html, len, BASE, NULL);
	is_int(rc, 0, name);
	describe(&got, &ex);
	snprintf(path, sizeof(path), "%s/tests/data/extract/%s.txt", srcdir,
	    name);
	if (update) {
		if ((fp = fopen(path, "wb")) != NULL) {
			fwrite(got.buf, 1, got.len, fp);
			fclose(fp);
		}
		diag("wrote %s", path);
	}
	want = slurp(path, NULL);
	is_str(got.buf, want, name);
	bad = forbidden(ex.html);
	ok(bad == NULL, "nothing but content markup");
	if (bad)
		diag("%s: found %s", name, bad);
	free(want);
	free(html);
	dstr_release(&got);
	extract_release(&ex);
}

static int
extract_str(struct extract *ex, const char *html, const char *enc)
{
	return extract_html(ex, html, strlen(html), BASE, enc);
}

static void
test_edges(void)
{
	struct extract ex;
	struct dstr d = DSTR_INIT;
	char *deep;
	size_t i, n = 20000;


	is_int(extract_html(&ex, "", 0, NULL, NULL), 1, "empty: no content");
	is_str(ex.html, "", "empty: html is empty, not NULL");
	extract_release(&ex);

	is_int(extract_str(&ex, "just some words", NULL), 0,
	    "bare text is content");
	extract_release(&ex);

	/* deeply nested: no recursion; libxml2 stops parsing at its depth
	 * limit, which must not crash us either */
	for (i = 0; i < n; i++) {
		if (i == 200 || i == n - 1) {
			dstr_adds(&d, "<p>Deep inside many boxes, a paragraph "
			    "long enough to count as one, with commas, too.</p>");
			deep = xstrdup(d.buf);
			extract_html(&ex, deep, strlen(deep), NULL, NULL);
			if (i == 200)
				ok(strstr(ex.html, "Deep inside") != NULL,
				    "200 nested boxes: found");
			else
				ok(ex.html != NULL, "20000: no crash");
			extract_release(&ex);
			free(deep);
		}
		dstr_adds(&d, "<div>");
	}
	dstr_release(&d);

	/* no charset declared and not UTF-8: windows-1252 */
	extract_str(&ex, "<p>Caf\xe9 owners say the \x93new rules\x94 are "
	    "unclear, costly and late.</p>", NULL);
	ok(strstr(ex.html, "Caf\xc3\xa9") != NULL &&
	    strstr(ex.html, "\xe2\x80\x9cnew rules\xe2\x80\x9d") != NULL,
	    "undeclared legacy bytes read as windows-1252");
	extract_release(&ex);

	/* a charset from the Content-Type header */
	extract_str(&ex, "<p>Stra\xdf" "e und Pl\xe4tze, gesperrt bis auf "
	    "Weiteres, sagt die Stadt.</p>", "ISO-8859-1");
	ok(strstr(ex.html, "Stra\xc3\x9f" "e") != NULL,
	    "the given encoding is used");
	extract_release(&ex);

	/* URLs: resolved; dangerous schemes dropped; handlers dropped */
	extract_str(&ex, "<article><p onclick=\"steal()\">Read the <a "
	    "href=\"javascript:alert(1)\">memo</a> and the <a href=\"../doc"
	    "/letter\">letter</a>, then look at the <img src=\"pic.png\" "
	    "alt=\"chart\" onerror=\"x()\"> chart, which is long.</p>"
	    "</article>", NULL);
	ok(strstr(ex.html, "javascript") == NULL, "javascript: link dropped");
	ok(strstr(ex.html, "memo") != NULL, "its text kept");
	ok(strstr(ex.html, "href=\"https://news.example/doc/letter\"") !=
	    NULL, "relative link made absolute");
	ok(strstr(ex.html, "src=\"https://news.example/2025/pic.png\"") !=
	    NULL && strstr(ex.html, "alt=\"chart\"") != NULL,
	    "image resolved, alt kept");
	ok(strstr(ex.html, "onclick") == NULL &&
	    strstr(ex.html, "onerror") == NULL, "event handlers dropped");
	extract_release(&ex);

	/* not HTML at all */
	extract_str(&ex, "\x01\x02\x03 binary \xff\xfe garbage", NULL);
	ok(ex.html != NULL, "garbage does not crash");
	extract_release(&ex);
	extract_release(NULL);
}

static void
test_samples(void)
{
	static const struct {
		const char *file, *title, *has, *hasnot;
	} docs[] = {
		{ "usds-letter.html", "Resignation letter of 21 United States "
		    "DOGE Service staff, 25 February 2025",
		    "We swore to serve the American people", "Cited by" },
		{ "opm-guidance.html", "OPM guidance on the \xe2\x80\x9cWhat "
		    "did you do last week?\xe2\x80\x9d e-mail, 24 February 2025",
		    "should be directed to agency leadership", "Cited by" },
	};
	struct extract ex;
	struct dstr plain = DSTR_INIT;
	char path[1024], *html;
	size_t i, len;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		snprintf(path, sizeof(path),
		    "%s/feeds/samples/documents/%s", srcdir, docs[i].file);
		if ((html = slurp(path, &len)) == NULL) {
			ok(0, docs[i].file);
			continue;
		}
		is_int(extract_html(&ex, html, len, NULL, NULL), 0,
		    docs[i].file);
		is_str(ex.title, docs[i].title, "title without the site name");
		ok(ex.canonical && strncmp(ex.canonical,
		    "https://records.example/", 24) == 0, "canonical URL");
		dstr_reset(&plain);
		render_plain(&plain, ex.html, strlen(ex.html));
		ok(strstr(plain.buf, docs[i].has) != NULL, "the body is kept");
		ok(strstr(plain.buf, docs[i].hasnot) == NULL,
		    "the footer is dropped");
		ok(ex.published != DATE_NONE, "the date from <meta name=date>");
		extract_release(&ex);
		free(html);
	}
	dstr_release(&plain);
}

int
main(void)
{
	const char *up = getenv("EXTRACT_UPDATE_GOLDEN");
	size_t i;

	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	xmlInitParser();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		test_golden(cases[i], up != NULL && *up == '1');
	test_edges();
	test_samples();
	xmlCleanupParser();
	return done_testing();
}
