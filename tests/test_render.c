/*
 * test_render.c: HTML to terminal lines.
 *
 * Golden files: tests/data/render/NAME.html rendered at a width must give
 * NAME.txt (lines joined by newlines, decoration and link list included).
 * With RENDER_UPDATE_GOLDEN=1 in the environment the .txt files are
 * rewritten instead; review the diff before committing.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "render.h"
#include "tap.h"
#include "utf8.h"
#include "xalloc.h"

#define BASE	"https://example.com/news/article.html"

static const struct golden {
	const char	*name;
	int		 width;
} goldens[] = {
	{ "paragraphs",	72 },
	{ "headings",	40 },
	{ "lists",	40 },
	{ "blockquote",	40 },
	{ "pre",	40 },
	{ "table",	72 },
	{ "image",	72 },
	{ "dropped",	72 },
	{ "entities",	40 },
	{ "links",	40 },
	{ "cjk",	40 },
	{ "hostile",	72 },
	{ "broken",	72 },
};

static const char *srcdir;

static char *
slurp(const char *name, const char *ext, size_t *lenp)
{
	struct dstr d = DSTR_INIT;
	char path[1024], buf[4096];
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "%s/tests/data/render/%s.%s", srcdir,
	    name, ext);
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, lenp);
}

static char *
joined(const struct render_line *l, size_t n)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		dstr_adds(&d, l[i].text);
		dstr_addc(&d, '\n');
	}
	return dstr_detach(&d, NULL);
}

/*
 * The layout's invariants: spans cover each line in order, bytes with a
 * source are the plain text's bytes, lines are valid UTF-8 with nothing
 * unsafe.  Returns a description of the first problem, or NULL.
 */
static const char *
check_layout(const struct render_doc *doc, const struct render_line *l,
    size_t n)
{
	const struct render_span *sp;
	size_t i, j, off, len, k;
	uint32_t cp;

	for (i = 0; i < n; i++) {
		len = strlen(l[i].text);
		if (!utf8_valid(l[i].text, len))
			return "a line is not valid UTF-8";
		for (k = 0; k < len; k += utf8_decode(l[i].text + k,
		    len - k, &cp)) {
			utf8_decode(l[i].text + k, len - k, &cp);
			if (utf8_is_unsafe(cp))
				return "a line holds an unsafe character";
		}
		for (j = 0, off = 0; j < l[i].nspans; j++) {
			sp = &l[i].spans[j];
			if (sp->off != off || sp->len == 0)
				return "spans do not tile the line";
			off += sp->len;
			if (sp->src == RENDER_NOSRC)
				continue;
			if (sp->src + sp->len > doc->plain_len ||
			    memcmp(l[i].text + sp->off, doc->plain + sp->src,
			    sp->len) != 0)
				return "a span does not match the plain text";
		}
		if (off != len)
			return "spans do not cover the line";
	}
	return NULL;
}

static int
max_width(const struct render_line *l, size_t n)
{
	size_t i, w, max = 0;

	for (i = 0; i < n; i++) {
		w = utf8_width(l[i].text, strlen(l[i].text));
		if (w > max)
			max = w;
	}
	return (int)max;
}

static void
test_golden(const struct golden *g, int update)
{
	struct render_doc doc;
	struct render_line *l;
	size_t n, hlen;
	char *html, *want, *got, name[128], path[1024];
	const char *err;
	FILE *fp;

	html = slurp(g->name, "html", &hlen);
	if (!ok(html != NULL, "fixture is readable")) {
		diag("%s/tests/data/render/%s.html", srcdir, g->name);
		return;
	}
	is_int(render_html(&doc, html, hlen, BASE), 0, "render_html");
	render_wrap(&doc, g->width, &l, &n);
	got = joined(l, n);
	if (update) {
		snprintf(path, sizeof(path), "%s/tests/data/render/%s.txt",
		    srcdir, g->name);
		if ((fp = fopen(path, "w")) != NULL) {
			fputs(got, fp);
			fclose(fp);
		}
	}
	want = slurp(g->name, "txt", NULL);
	snprintf(name, sizeof(name), "%s at %d columns", g->name, g->width);
	if (!is_str(got, want, name))
		diag("RENDER_UPDATE_GOLDEN=1 rewrites the golden files");
	err = check_layout(&doc, l, n);
	snprintf(name, sizeof(name), "%s: layout invariants", g->name);
	is_str(err, NULL, name);
	free(html);
	free(want);
	free(got);
	render_lines_free(l, n);
	render_doc_release(&doc);
}

/* Render a string; returns the layout at width, or its plain text. */
static struct render_line *
layout(struct render_doc *doc, const char *html, int width, size_t *n)
{
	struct render_line *l;

	render_html(doc, html, strlen(html), BASE);
	render_wrap(doc, width, &l, n);
	return l;
}

static char *
plain_of(const char *html)
{
	struct dstr d = DSTR_INIT;

	render_plain(&d, html, strlen(html));
	return dstr_detach(&d, NULL);
}

/* The style of the span holding the first byte of needle in a layout. */
static int
style_at(const struct render_line *l, size_t n, const char *needle)
{
	const char *p;
	size_t i, j, off;

	for (i = 0; i < n; i++) {
		if ((p = strstr(l[i].text, needle)) == NULL)
			continue;
		off = (size_t)(p - l[i].text);
		for (j = 0; j < l[i].nspans; j++)
			if (off >= l[i].spans[j].off &&
			    off < l[i].spans[j].off + l[i].spans[j].len)
				return l[i].spans[j].style;
	}
	return -1;
}

static void
test_plain(void)
{
	char *s;
	struct dstr d = DSTR_INIT;

	s = plain_of("<h1>Title</h1><p>Some <a href=\"x\">linked</a> "
	    "<b>text</b>.</p><ul><li>one</li><li>two</li></ul>"
	    "<blockquote>quoted</blockquote><p>img <img alt=cat> end</p>"
	    "<pre>a\n  b</pre>");
	is_str(s, "Title\n\nSome linked text.\n\none\ntwo\n\nquoted\n\n"
	    "img end\n\na\n  b", "plain: blocks, no markers, no decoration");
	free(s);
	dstr_adds(&d, ">");
	render_plain(&d, "<p>x</p>", 8);
	is_str(d.buf, ">x", "render_plain appends");
	dstr_release(&d);
	s = plain_of("");
	is_str(s, "", "empty input, empty plain text");
	free(s);
	s = plain_of("caf\xe9 <b>\xff</b>");
	is_str(s, "caf\xef\xbf\xbd \xef\xbf\xbd", "bad UTF-8 becomes U+FFFD");
	free(s);
	s = plain_of("<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>");
	is_str(s, "caf\xc3\xa9", "input stays UTF-8 whatever meta says");
	free(s);
	s = plain_of("a<br>b<br><br>c<br><br>");
	is_str(s, "a\nb\n\nc", "line breaks; trailing ones dropped");
	free(s);
	s = plain_of("<p>a<br><img> b<br></p><p>c<br><br><br>d</p>");
	is_str(s, "a\nb\n\nc\n\nd", "line breaks: at most one blank line");
	free(s);
	s = plain_of("<p>a</p><p>&nbsp;</p><p> &nbsp; </p><p>inter&shy;"
	    "national</p>");
	is_str(s, "a\n\ninternational", "no-break space paragraphs and "
	    "soft hyphens go");
	free(s);
	s = plain_of("<table><tr><td>a</td><td>b</td></tr>"
	    "<tr><td>c</td><td>d</td></tr></table>");
	is_str(s, "a b\nc d", "table: rows on lines, cells blank-separated");
	free(s);
}

static void
test_styles(void)
{
	struct render_doc doc;
	struct render_line *l;
	size_t n;

	l = layout(&doc, "<h2>Head</h2><p><b>bo</b> <i>it</i> "
	    "<a href=\"/x\">lnk</a> <code>cd</code></p><blockquote>"
	    "<p>qt</p></blockquote><ul><li>li</li></ul><pre>pr</pre><hr>",
	    40, &n);
	is_int(style_at(l, n, "Head"), RS_HEADING | RS_BOLD, "heading style");
	is_int(style_at(l, n, "bo"), RS_BOLD, "bold");
	is_int(style_at(l, n, "it"), RS_ITALIC, "italic");
	is_int(style_at(l, n, "lnk"), RS_UNDERLINE, "link text underlined");
	is_int(style_at(l, n, "[1]"), RS_LINKNUM, "link marker");
	is_int(style_at(l, n, "cd"), RS_PRE, "inline code");
	is_int(style_at(l, n, "> "), RS_DECOR, "quote bar is decoration");
	is_int(style_at(l, n, "qt"), RS_QUOTE, "quote body");
	is_int(style_at(l, n, "* "), RS_DECOR, "bullet is decoration");
	is_int(style_at(l, n, "pr"), RS_PRE, "pre");
	is_int(style_at(l, n, "---"), RS_DECOR, "rule is decoration");
	ok(n > 2 && strcmp(l[n - 1].text, "[1] https://example.com/x") == 0 &&
	    strcmp(l[n - 2].text, "Links:") == 0, "link list at the end");
	is_int(l[2].indent, 0, "indent of a plain line");
	render_lines_free(l, n);
	render_doc_release(&doc);

	l = layout(&doc, "<ul><li>a<ul><li>b</li></ul></li></ul>"
	    "<blockquote><blockquote>c</blockquote></blockquote>", 40, &n);
	ok(n == 4 && l[1].indent == 4 && l[3].indent == 4,
	    "indent is the width of the prefix");
	render_lines_free(l, n);
	render_doc_release(&doc);
}

static void
test_links(void)
{
	struct render_doc doc;
	struct render_line *l;
	size_t n;

	l = layout(&doc, "<a href=\"a\">A</a> <a href=\"b\">B</a> "
	    "<a href=\"a\">A again</a> <a href=\"javascript:x()\">J</a> "
	    "<a href=\"\">E</a> <a href=\"b\"></a>", 72, &n);
	is_int(doc.nlinks, 2, "two distinct links");
	is_str(l[0].text, "A[1] B[2] A again[1] J E", "markers, one per URL");
	is_str(doc.links[0].url, "https://example.com/news/a", "resolved");
	is_str(doc.links[0].text, "A", "text of the first appearance");
	render_lines_free(l, n);
	render_doc_release(&doc);

	l = layout(&doc, "<a href=\"/s\"><h2>Head</h2><p>teaser</p></a>"
	    "<p>next</p>", 40, &n);
	ok(n >= 3 && strcmp(l[2].text, "teaser[1]") == 0,
	    "a link around blocks: marker after its last text");
	ok(doc.nlinks == 1 && strcmp(doc.links[0].text, "Head teaser") == 0,
	    "its text joins the blocks");
	render_lines_free(l, n);
	render_doc_release(&doc);

	render_html(&doc, "<a href=\"rel/x\">r</a>", 21, NULL);
	ok(doc.nlinks == 1 && strcmp(doc.links[0].url, "rel/x") == 0,
	    "without a base the href stays relative");
	render_doc_release(&doc);
}

static void
test_wrap_widths(void)
{
	struct render_doc doc;
	struct render_line *l;
	size_t n, hlen;
	char *html, name[64];
	int w, bad = 0, badinv = 0;

	html = slurp("cjk", "html", &hlen);
	render_html(&doc, html ? html : "", html ? hlen : 0, NULL);
	for (w = 10; w <= 40; w++) {
		render_wrap(&doc, w, &l, &n);
		if (max_width(l, n) > w && bad++ == 0)
			diag("width %d: a line of %d columns", w,
			    max_width(l, n));
		if (check_layout(&doc, l, n) != NULL && badinv++ == 0)
			diag("width %d: %s", w, check_layout(&doc, l, n));
		render_lines_free(l, n);
	}
	ok(html != NULL && bad == 0, "CJK, emoji, combining: no line too wide "
	    "at 10..40 columns");
	ok(badinv == 0, "CJK, emoji, combining: valid UTF-8, spans tile");
	render_wrap(&doc, 3, &l, &n);
	snprintf(name, sizeof(name), "width below 10 is clamped (%d)",
	    max_width(l, n));
	ok(max_width(l, n) == 10, name);
	render_lines_free(l, n);
	render_doc_release(&doc);
	free(html);

	l = layout(&doc, "<p>e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "123456789</p>",
	    10, &n);
	ok(n == 2 && strcmp(l[1].text, "9") == 0,
	    "combining marks stay with their base");
	render_lines_free(l, n);
	render_doc_release(&doc);
}

static int
has_unsafe(const char *s, size_t len)
{
	uint32_t cp;
	size_t k;

	for (k = 0; k < len; k += utf8_decode(s + k, len - k, &cp)) {
		utf8_decode(s + k, len - k, &cp);
		if (cp != '\n' && utf8_is_unsafe(cp))
			return 1;
	}
	return !utf8_valid(s, len);
}

static void
test_hostile(void)
{
	struct render_doc doc;
	struct render_line *l;
	size_t n, hlen, i;
	char *html;
	int bad = 0;

	html = slurp("hostile", "html", &hlen);
	render_html(&doc, html ? html : "", html ? hlen : 0, BASE);
	render_wrap(&doc, 20, &l, &n);
	for (i = 0; i < n; i++)
		bad |= has_unsafe(l[i].text, strlen(l[i].text));
	ok(html != NULL && !bad, "hostile: lines are clean");
	ok(!has_unsafe(doc.plain, doc.plain_len), "hostile: plain is clean");
	for (i = 0, bad = 0; i < doc.nlinks; i++)
		bad |= has_unsafe(doc.links[i].url, strlen(doc.links[i].url)) |
		    has_unsafe(doc.links[i].text, strlen(doc.links[i].text));
	ok(doc.nlinks == 1 && !bad, "hostile: link URL and text are clean");
	render_lines_free(l, n);
	render_doc_release(&doc);
	free(html);
}

/* libxml2 must not write a word about broken markup. */
static void
test_quiet(void)
{
	struct render_doc doc;
	char path[] = "/tmp/test_render.XXXXXX";
	const char *html = "<p>a <b><i>b</b></i> & <x:y> </zz> <!-- "
	    "<![CDATA[ c ]]> \x01 <a href=\"&#0;\">d</a> <?pi x?> &#xdeadbeef;";
	int fd, saved;
	off_t size;

	fflush(stderr);
	saved = dup(2);
	if ((fd = mkstemp(path)) == -1 || saved == -1) {
		ok(0, "temporary file for stderr");
		return;
	}
	dup2(fd, 2);
	render_html(&doc, html, strlen(html), BASE);
	render_doc_release(&doc);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	size = lseek(fd, 0, SEEK_END);
	close(fd);
	unlink(path);
	is_int(size, 0, "parser errors never reach stderr");
}

static void
test_deep(void)
{
	struct render_doc doc;
	struct render_line *l;
	struct dstr d = DSTR_INIT;
	static const char *tags[][2] = {
		{ "<div>", "</div>" },
		{ "<blockquote>", "</blockquote>" },
		{ "<ul><li>", "</li></ul>" },
		{ "<b><i><a href=\"x\">", "</a></i></b>" },
		{ "<table><tr><td>", "</td></tr></table>" },
		{ "<pre>", "</pre>" },
	};
	size_t t, i, n;
	char name[64];
	int rc;

	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
		dstr_reset(&d);
		for (i = 0; i < 100000; i++) {
			dstr_adds(&d, tags[t][0]);
			if (i % 1000 == 0)
				dstr_adds(&d, "text ");
		}
		dstr_adds(&d, "bottom");
		for (i = 0; i < 100000; i++)
			dstr_adds(&d, tags[t][1]);
		rc = render_html(&doc, d.buf, d.len, BASE);
		render_wrap(&doc, 40, &l, &n);
		snprintf(name, sizeof(name), "100000 nested %s: rendered",
		    tags[t][0]);
		ok(rc == 0 && doc.plain_len > 0 && n > 0, name);
		snprintf(name, sizeof(name), "100000 nested %s: fits 40 columns",
		    tags[t][0]);
		ok(max_width(l, n) <= 40 || t == 5, name);
		render_lines_free(l, n);
		render_doc_release(&doc);
	}
	/* deep containers built by hand: more than the parser keeps */
	dstr_reset(&d);
	for (i = 0; i < 300; i++)
		dstr_adds(&d, "<blockquote>q ");
	rc = render_html(&doc, d.buf, d.len, NULL);
	render_wrap(&doc, 10, &l, &n);
	ok(rc == 0 && max_width(l, n) <= 10 && check_layout(&doc, l, n) ==
	    NULL, "300 open blockquotes at 10 columns");
	render_lines_free(l, n);
	render_doc_release(&doc);
	dstr_release(&d);
}

static void
test_locate(void)
{
	struct render_doc doc;
	struct render_line *l;
	const char *quote = "the quick brown fox jumps";
	const char *p;
	size_t n, line, col, off;

	l = layout(&doc, "<p>Intro paragraph.</p><blockquote><p>He said "
	    "that the quick brown fox jumps over the lazy dog, twice."
	    "</p></blockquote>", 30, &n);
	p = strstr(doc.plain, quote);
	if (!ok(p != NULL, "quote is in the plain text"))
		return;
	off = (size_t)(p - doc.plain);
	is_int(render_locate(l, n, off, &line, &col), 0, "locate the quote");
	ok(line < n && strncmp(l[line].text + col, "the quick", 9) == 0,
	    "located at its first word");
	is_int(line, 2, "on the first quoted line");
	is_int(style_at(l, n, "the quick"), RS_QUOTE, "styled as a quote");
	/* the blank where the quote was wrapped maps to the next line */
	p = strstr(doc.plain, "brown fox");
	is_int(render_locate(l, n, (size_t)(p - doc.plain) + 5, &line, &col),
	    0, "locate a blank at a line break");
	ok(line == 3 && strcmp(l[line].text, "> fox jumps over the lazy dog,") == 0
	    && col == 2, "at the start of the next line");
	is_int(render_locate(l, n, doc.plain_len, &line, &col), -1,
	    "past the end: -1");
	render_lines_free(l, n);
	render_doc_release(&doc);
}

static void
test_speed(void)
{
	struct render_doc doc;
	struct render_line *l;
	struct dstr d = DSTR_INIT;
	clock_t t0;
	double us;
	size_t n;
	int i, reps = 50;

	while (d.len < 20000)
		dstr_adds(&d, "<p>Some <b>news</b> text with <a href=\"/a\">a "
		    "link</a> and &amp; an entity, long enough to wrap a "
		    "few times at eighty columns.</p><ul><li>item</li></ul>\n");
	t0 = clock();
	for (i = 0; i < reps; i++) {
		render_html(&doc, d.buf, d.len, BASE);
		render_doc_release(&doc);
	}
	us = (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / reps;
	diag("render_html: %.0f us for %zu bytes", us, d.len);
	ok(us < 20000, "a 20 KB article renders quickly");
	render_html(&doc, d.buf, d.len, BASE);
	t0 = clock();
	for (i = 0; i < reps; i++) {
		render_wrap(&doc, 80, &l, &n);
		render_lines_free(l, n);
	}
	us = (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / reps;
	diag("render_wrap: %.0f us", us);
	ok(us < 20000, "and wraps quickly");
	render_doc_release(&doc);
	dstr_release(&d);
}

int
main(void)
{
	struct render_doc doc;
	const char *update;
	size_t i;

	setlocale(LC_ALL, "C.UTF-8");
	if ((srcdir = getenv("top_srcdir")) == NULL)
		srcdir = ".";
	update = getenv("RENDER_UPDATE_GOLDEN");
	for (i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++)
		test_golden(&goldens[i], update != NULL && *update == '1');
	test_plain();
	test_styles();
	test_links();
	test_wrap_widths();
	test_hostile();
	test_quiet();
	test_deep();
	test_locate();
	test_speed();
	memset(&doc, 0, sizeof(doc));
	render_doc_release(&doc);
	ok(1, "releasing a zeroed doc is fine");
	return done_testing();
}
