/*
 * export.c: quotes in the forms other tools read.
 *
 *   md          Markdown: a blockquote and a citation line, grouped by tag
 *   json        an array of quote objects (our own form)
 *   csv         RFC 4180; the first columns are Readwise's import format
 *   csl-json    CSL-JSON items, for Zotero, pandoc and citeproc
 *   annotation  W3C Web Annotations with a TextQuoteSelector (Hypothesis)
 *
 * Every form carries the quote, its speaker, tags and note, the article's
 * title, outlet, author, date, URL, the date it was archived, its id, and
 * a text-fragment link to the passage.  All text passes utf8_sanitize();
 * JSON is made by jansson, CSV by escape_csv_row().
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dstr.h"
#include "escape.h"
#include "feed.h"
#include "quotes.h"
#include "utf8.h"
#include "xalloc.h"

static const struct {
	const char		*name;
	enum quote_format	 fmt;
} formats[] = {
	{ "md",		QUOTE_FMT_MD },
	{ "markdown",	QUOTE_FMT_MD },
	{ "json",	QUOTE_FMT_JSON },
	{ "csv",	QUOTE_FMT_CSV },
	{ "csl-json",	QUOTE_FMT_CSL },
	{ "csl",	QUOTE_FMT_CSL },
	{ "annotation",	QUOTE_FMT_ANNOTATION },
};

int
quote_format_parse(const char *name, enum quote_format *fmt)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i].name) == 0) {
			*fmt = formats[i].fmt;
			return 0;
		}
	return -1;
}

/* Text fields, sanitised */

/* A sanitised copy that lives until the next call with the same slot. */
struct clean {
	struct dstr	 d[10];
};

static const char *
clean(struct clean *c, int slot, const char *s, int keep_newlines)
{
	struct dstr *d = &c->d[slot];

	dstr_reset(d);
	if (s == NULL)
		return NULL;
	utf8_sanitize(d, s, strlen(s), keep_newlines ? SAN_KEEP_NEWLINES :
	    SAN_ONE_LINE);
	return d->buf;
}

static void
clean_release(struct clean *c)
{
	size_t i;

	for (i = 0; i < sizeof(c->d) / sizeof(c->d[0]); i++)
		dstr_release(&c->d[i]);
}

static json_t *
jstr(const char *s)
{
	char *t;
	json_t *v;

	if (s == NULL)
		return json_null();
	t = utf8_sanitize_dup(s, SAN_KEEP_NEWLINES);
	v = json_string(t);
	free(t);
	return v ? v : json_null();
}

/* Dates */

static int
utc(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return t != DATE_NONE && gmtime_r(&tt, tm) != NULL;
}

enum datefmt { D_RFC3339, D_DAY, D_READWISE };

/* A date in one of the forms we write; "" for DATE_NONE. */
static void
fmt_date(int64_t t, enum datefmt f, char *buf, size_t size)
{
	struct tm tm;

	buf[0] = '\0';
	if (!utc(t, &tm))
		return;
	switch (f) {
	case D_RFC3339:
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
		break;
	case D_DAY:
		strftime(buf, size, "%Y-%m-%d", &tm);
		break;
	case D_READWISE:
		strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
		break;
	}
}

static json_t *
jdate(int64_t t)
{
	char buf[32];

	fmt_date(t, D_RFC3339, buf, sizeof(buf));
	return buf[0] ? json_string(buf) : json_null();
}

/* CSL's {"date-parts": [[y, m, d]]} */
static json_t *
csl_date(int64_t t)
{
	struct tm tm;

	if (!utc(t, &tm))
		return NULL;
	return json_pack("{s:[[i,i,i]]}", "date-parts", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

static json_t *
jtags(const struct quote *x)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < x->ntags; i++)
		json_array_append_new(a, jstr(x->tags[i]));
	return a;
}

static void
join_tags(struct dstr *d, const struct quote *x, const char *sep)
{
	size_t i;

	dstr_reset(d);
	for (i = 0; i < x->ntags; i++) {
		if (i)
			dstr_adds(d, sep);
		dstr_adds(d, x->tags[i]);
	}
}

/* An author as people write it: "a@b.example (Ana Ruiz)" is Ana Ruiz. */
static const char *
author_name(struct dstr *d, const char *author)
{
	const char *at, *open, *close;

	if (author == NULL)
		return NULL;
	at = strchr(author, '@');
	open = strchr(author, '(');
	if (at && open && open > at && (close = strchr(open, ')')) != NULL &&
	    close > open + 1) {
		dstr_reset(d);
		dstr_add(d, open + 1, (size_t)(close - open - 1));
		return d->buf;
	}
	return author;
}

static void
link_of(struct dstr *d, const struct quote *x)
{
	dstr_reset(d);
	quote_fragment_link(d, x->url, x->text);
}

/* JSON */

static json_t *
json_quote(const struct quote *x)
{
	struct dstr link = DSTR_INIT;
	json_t *o = json_object();

	link_of(&link, x);
	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "text", jstr(x->text));
	json_object_set_new(o, "speaker", jstr(x->speaker));
	json_object_set_new(o, "tags", jtags(x));
	json_object_set_new(o, "note", jstr(x->note));
	json_object_set_new(o, "article_id", json_integer(x->article_id));
	json_object_set_new(o, "title", jstr(x->title));
	json_object_set_new(o, "feed", jstr(x->feed_title));
	json_object_set_new(o, "feed_url", jstr(x->feed_url));
	json_object_set_new(o, "author", jstr(x->author));
	json_object_set_new(o, "published", jdate(x->published));
	json_object_set_new(o, "url", jstr(x->url));
	json_object_set_new(o, "archived", jdate(x->archived));
	json_object_set_new(o, "link", jstr(x->url ? link.buf : NULL));
	json_object_set_new(o, "created", jdate(x->created));
	json_object_set_new(o, "modified", jdate(x->modified));
	json_object_set_new(o, "orphaned", json_boolean(x->orphaned));
	json_object_set_new(o, "start", json_integer((json_int_t)x->start));
	json_object_set_new(o, "end", json_integer((json_int_t)x->end));
	json_object_set_new(o, "prefix", jstr(x->prefix));
	json_object_set_new(o, "suffix", jstr(x->suffix));
	json_object_set_new(o, "version", jstr(x->version_hash));
	dstr_release(&link);
	return o;
}

/* CSL-JSON */

static int
capitalised(const char *s)
{
	return *s >= 'A' && *s <= 'Z';
}

/* One name: "Family, Given", "Given Family", else a literal. */
static json_t *
csl_name(const char *s, size_t len)
{
	char *n = xstrndup(s, len), *comma, *sp;
	const char *p;
	json_t *v;
	size_t words = 1;
	int names = 1;

	comma = strchr(n, ',');
	for (p = n; *p; p++)
		if (*p == ' ') {
			words++;
			names = names && capitalised(p + 1);
		}
	names = names && capitalised(n);
	if (comma && strchr(comma + 1, ',') == NULL && comma > n &&
	    comma[1] == ' ' && comma[2]) {
		*comma = '\0';
		v = json_pack("{s:o,s:o}", "family", jstr(n), "given",
		    jstr(comma + 2));
	} else if (!comma && names && words >= 2 && words <= 4) {
		sp = strrchr(n, ' ');
		*sp = '\0';
		v = json_pack("{s:o,s:o}", "family", jstr(sp + 1), "given",
		    jstr(n));
	} else
		v = json_pack("{s:o}", "literal", jstr(n));
	free(n);
	return v;
}

/* "By Ana Ruiz and Li Wei", "ana@x.example (Ana Ruiz)": a list of names. */
static json_t *
csl_authors(const char *author)
{
	json_t *a = json_array();
	const char *p, *q, *end, *open, *close;
	char *s;

	if (author == NULL || *author == '\0')
		return a;
	s = utf8_sanitize_dup(author, SAN_ONE_LINE);
	p = s;
	/* RSS: an e-mail address with the name in parentheses */
	if ((open = strchr(p, '(')) != NULL && strchr(p, '@') != NULL &&
	    open > strchr(p, '@') && (close = strchr(open, ')')) != NULL) {
		json_array_append_new(a, csl_name(open + 1,
		    (size_t)(close - open - 1)));
		free(s);
		return a;
	}
	if (strncmp(p, "By ", 3) == 0 || strncmp(p, "by ", 3) == 0)
		p += 3;
	end = p + strlen(p);
	while (p < end) {
		q = strstr(p, " and ");
		if (q == NULL || (strchr(p, ';') && strchr(p, ';') < q))
			q = strchr(p, ';');
		if (q == NULL)
			q = end;
		while (*p == ' ')
			p++;
		if (q > p)
			json_array_append_new(a, csl_name(p, (size_t)(q - p)));
		p = q < end ? q + (*q == ';' ? 1 : 5) : end;
	}
	free(s);
	return a;
}

static json_t *
csl_quote(const struct quote *x)
{
	struct dstr note = DSTR_INIT, link = DSTR_INIT, tags = DSTR_INIT;
	json_t *o = json_object(), *d;
	char id[48];

	link_of(&link, x);
	join_tags(&tags, x, ", ");
	snprintf(id, sizeof(id), "dossier-quote-%lld", (long long)x->id);
	dstr_addf(&note, "\u201c%s\u201d", x->text);
	if (x->speaker)
		dstr_addf(&note, " \u2014 %s", x->speaker);
	if (tags.len)
		dstr_addf(&note, "\nTags: %s", tags.buf);
	if (x->note)
		dstr_addf(&note, "\nNote: %s", x->note);
	if (x->url)
		dstr_addf(&note, "\nPassage: %s", link.buf);
	dstr_addf(&note, "\nArchived by dossier: article %lld, quote %lld",
	    (long long)x->article_id, (long long)x->id);
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "type", json_string("article-newspaper"));
	json_object_set_new(o, "title", jstr(x->title ? x->title :
	    "(untitled)"));
	json_object_set_new(o, "container-title", jstr(x->feed_title));
	json_object_set_new(o, "author", csl_authors(x->author));
	if ((d = csl_date(x->published)) != NULL)
		json_object_set_new(o, "issued", d);
	if ((d = csl_date(x->archived)) != NULL)
		json_object_set_new(o, "accessed", d);
	if (x->url)
		json_object_set_new(o, "URL", jstr(x->url));
	json_object_set_new(o, "note", jstr(note.buf));
	json_object_set_new(o, "custom", json_pack("{s:I,s:I,s:o,s:o,s:o}",
	    "quote_id", (json_int_t)x->id, "article_id",
	    (json_int_t)x->article_id, "speaker", jstr(x->speaker), "tags",
	    jtags(x), "link", jstr(x->url ? link.buf : NULL)));
	dstr_release(&note);
	dstr_release(&link);
	dstr_release(&tags);
	return o;
}

/* W3C Web Annotation */

static json_t *
textual_body(const char *value, const char *purpose)
{
	return json_pack("{s:s,s:o,s:s,s:s}", "type", "TextualBody", "value",
	    jstr(value), "purpose", purpose, "format", "text/plain");
}

static json_t *
annotation(const struct quote *x)
{
	struct dstr link = DSTR_INIT, who = DSTR_INIT;
	json_t *o = json_object(), *body = json_array(), *sel, *target;
	char id[48], src[64];
	size_t i;

	link_of(&link, x);
	snprintf(id, sizeof(id), "urn:dossier:quote:%lld", (long long)x->id);
	snprintf(src, sizeof(src), "urn:dossier:article:%lld",
	    (long long)x->article_id);
	json_object_set_new(o, "@context",
	    json_string("http://www.w3.org/ns/anno.jsonld"));
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "type", json_string("Annotation"));
	json_object_set_new(o, "motivation", json_string(x->note ?
	    "commenting" : "highlighting"));
	json_object_set_new(o, "created", jdate(x->created));
	json_object_set_new(o, "modified", jdate(x->modified));
	if (x->note)
		json_array_append_new(body, textual_body(x->note,
		    "commenting"));
	for (i = 0; i < x->ntags; i++)
		json_array_append_new(body, textual_body(x->tags[i],
		    "tagging"));
	if (x->speaker) {
		dstr_addf(&who, "Speaker: %s", x->speaker);
		json_array_append_new(body, textual_body(who.buf,
		    "describing"));
	}
	if (json_array_size(body) > 0)
		json_object_set_new(o, "body", body);
	else
		json_decref(body);
	sel = json_array();
	json_array_append_new(sel, json_pack("{s:s,s:o,s:o,s:o}", "type",
	    "TextQuoteSelector", "exact", jstr(x->text), "prefix",
	    jstr(x->prefix ? x->prefix : ""), "suffix",
	    jstr(x->suffix ? x->suffix : "")));
	if (x->char_start >= 0 && x->char_len >= 0)
		json_array_append_new(sel, json_pack("{s:s,s:I,s:I}", "type",
		    "TextPositionSelector", "start", (json_int_t)x->char_start,
		    "end", (json_int_t)(x->char_start + x->char_len)));
	target = json_object();
	json_object_set_new(target, "source", x->url ? jstr(x->url) :
	    json_string(src));
	json_object_set_new(target, "selector", sel);
	json_object_set_new(o, "target", target);
	/* what the model has no terms for: the citation */
	json_object_set_new(o, "dossier", json_pack(
	    "{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
	    "quote_id", (json_int_t)x->id,
	    "article_id", (json_int_t)x->article_id,
	    "title", jstr(x->title),
	    "feed", jstr(x->feed_title),
	    "author", jstr(x->author),
	    "published", jdate(x->published),
	    "url", jstr(x->url),
	    "archived", jdate(x->archived),
	    "speaker", jstr(x->speaker),
	    "tags", jtags(x),
	    "link", jstr(x->url ? link.buf : NULL),
	    "orphaned", x->orphaned));
	dstr_release(&link);
	dstr_release(&who);
	return o;
}

static int
dump_cb(const char *buf, size_t size, void *ctx)
{
	dstr_add(ctx, buf, size);
	return 0;
}

/* The array is written one element at a time: big exports never hold
 * the whole tree. */
static void
export_json(struct dstr *out, enum quote_format fmt, const struct quote *v,
    size_t n)
{
	json_t *o;
	size_t i;

	dstr_addc(out, '[');
	for (i = 0; i < n; i++) {
		o = fmt == QUOTE_FMT_JSON ? json_quote(&v[i]) :
		    fmt == QUOTE_FMT_CSL ? csl_quote(&v[i]) : annotation(&v[i]);
		dstr_adds(out, i ? ",\n" : "\n");
		json_dump_callback(o, dump_cb, out, JSON_INDENT(1));
		json_decref(o);
	}
	dstr_adds(out, "\n]\n");
}

/* CSV: Readwise's columns first */

static void
export_csv(struct dstr *out, const struct quote *v, size_t n)
{
	static const char *const head[] = {
		"Highlight", "Title", "Author", "URL", "Note", "Location",
		"Date", "Speaker", "Tags", "Feed", "Published", "Archived",
		"Article ID", "Quote ID", "Link", "Orphaned",
	};
	struct clean c;
	struct dstr tags = DSTR_INIT, link = DSTR_INIT, name = DSTR_INIT;
	const char *f[sizeof(head) / sizeof(head[0])];
	char loc[24], date[32], pub[32], arch[32], aid[24], qid[24];
	size_t i;

	memset(&c, 0, sizeof(c));
	escape_csv_row(out, head, sizeof(head) / sizeof(head[0]));
	for (i = 0; i < n; i++) {
		const struct quote *x = &v[i];

		join_tags(&tags, x, ", ");
		link_of(&link, x);
		snprintf(loc, sizeof(loc), "%zu", x->start);
		fmt_date(x->created, D_READWISE, date, sizeof(date));
		fmt_date(x->published, D_RFC3339, pub, sizeof(pub));
		fmt_date(x->archived, D_RFC3339, arch, sizeof(arch));
		snprintf(aid, sizeof(aid), "%lld", (long long)x->article_id);
		snprintf(qid, sizeof(qid), "%lld", (long long)x->id);
		f[0] = clean(&c, 0, x->text, 1);
		f[1] = clean(&c, 1, x->title, 0);
		f[2] = clean(&c, 2, author_name(&name, x->author), 0);
		f[3] = clean(&c, 3, x->url, 0);
		f[4] = clean(&c, 4, x->note, 1);
		f[5] = loc;
		f[6] = date;
		f[7] = clean(&c, 5, x->speaker, 0);
		f[8] = clean(&c, 6, tags.buf, 0);
		f[9] = clean(&c, 7, x->feed_title, 0);
		f[10] = pub;
		f[11] = arch;
		f[12] = aid;
		f[13] = qid;
		f[14] = x->url ? clean(&c, 8, link.buf, 0) : NULL;
		f[15] = x->orphaned ? "yes" : "no";
		escape_csv_row(out, f, sizeof(f) / sizeof(f[0]));
	}
	clean_release(&c);
	dstr_release(&tags);
	dstr_release(&link);
	dstr_release(&name);
}

/* Markdown */

/* Text with Markdown's punctuation escaped; newlines become sep. */
static void
md_text(struct dstr *out, const char *s, const char *sep)
{
	char *t = utf8_sanitize_dup(s ? s : "", SAN_KEEP_NEWLINES);
	const char *p;
	int bol = 1;

	for (p = t; *p; p++) {
		if (*p == '\n') {
			dstr_adds(out, sep);
			bol = 1;
			continue;
		}
		if (*p == '\t') {
			dstr_addc(out, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|", *p) || (bol && strchr("#+-=", *p)))
			dstr_addc(out, '\\');
		dstr_addc(out, *p);
		bol = 0;
	}
	free(t);
}

/* A URL for <...>: blanks and angle brackets encoded. */
static void
md_url(struct dstr *out, const char *url)
{
	char *t = utf8_sanitize_dup(url, SAN_ONE_LINE);
	const char *u;

	for (u = t; *u; u++) {
		if (*u == ' ' || *u == '<' || *u == '>' ||
		    (unsigned char)*u < 0x20)
			dstr_addf(out, "%%%02X", (unsigned char)*u);
		else
			dstr_addc(out, *u);
	}
	free(t);
}

static void
md_quote(struct dstr *out, const struct quote *x)
{
	struct dstr link = DSTR_INIT, name = DSTR_INIT;
	char pub[32], arch[32];
	size_t i;
	int any = 0;

	dstr_adds(out, "> ");
	md_text(out, x->text, "\n> ");
	dstr_adds(out, "\n\n\u2014 ");
	if (x->speaker) {
		md_text(out, x->speaker, " ");
		any = 1;
	}
	if (x->title) {
		dstr_adds(out, any ? ", in \u201c" : "\u201c");
		md_text(out, x->title, " ");
		dstr_adds(out, "\u201d");
		any = 1;
	}
	if (x->feed_title) {
		dstr_adds(out, any ? ", *" : "*");
		md_text(out, x->feed_title, " ");
		dstr_adds(out, "*");
		any = 1;
	}
	if (x->author) {
		dstr_adds(out, any ? ", by " : "by ");
		md_text(out, author_name(&name, x->author), " ");
		any = 1;
	}
	fmt_date(x->published, D_DAY, pub, sizeof(pub));
	if (pub[0]) {
		dstr_adds(out, any ? ", " : "");
		dstr_adds(out, pub);
	}
	dstr_adds(out, ".");
	if (x->url) {
		link_of(&link, x);
		dstr_adds(out, " <");
		md_url(out, link.buf);
		dstr_adds(out, ">");
	}
	fmt_date(x->archived, D_DAY, arch, sizeof(arch));
	dstr_addf(out, " (archived %s; article %lld, quote %lld)\n",
	    arch[0] ? arch : "unknown", (long long)x->article_id,
	    (long long)x->id);
	if (x->ntags) {
		dstr_adds(out, "\nTags: ");
		for (i = 0; i < x->ntags; i++) {
			if (i)
				dstr_adds(out, ", ");
			md_text(out, x->tags[i], " ");
		}
		dstr_addc(out, '\n');
	}
	if (x->note) {
		dstr_adds(out, "\nNote: ");
		md_text(out, x->note, "\n");
		dstr_addc(out, '\n');
	}
	if (x->orphaned)
		dstr_adds(out, "\n*No longer in the current version of the "
		    "article.*\n");
	dstr_addc(out, '\n');
	dstr_release(&link);
	dstr_release(&name);
}

static int
tag_cmp(const void *a, const void *b)
{
	return quote_tag_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

static void
export_md(struct dstr *out, const struct quote *v, size_t n)
{
	const char **tags = NULL;
	size_t ntags = 0, cap = 0, i, j, k;
	int untagged = 0;

	/* the tags in use, sorted and unique */
	for (i = 0; i < n; i++) {
		if (v[i].ntags == 0)
			untagged = 1;
		for (j = 0; j < v[i].ntags; j++) {
			if (ntags == cap) {
				cap = cap ? cap * 2 : 64;
				tags = xreallocarray(tags, cap, sizeof(*tags));
			}
			tags[ntags++] = v[i].tags[j];
		}
	}
	if (ntags > 1)
		qsort(tags, ntags, sizeof(*tags), tag_cmp);
	for (i = j = 0; i < ntags; i++)
		if (j == 0 || strcmp(tags[j - 1], tags[i]) != 0)
			tags[j++] = tags[i];
	ntags = j;
	dstr_adds(out, "# Quotes\n\n");
	for (k = 0; k < ntags; k++) {
		dstr_adds(out, "## ");
		md_text(out, tags[k], " ");
		dstr_adds(out, "\n\n");
		for (i = 0; i < n; i++)
			for (j = 0; j < v[i].ntags; j++)
				if (strcmp(v[i].tags[j], tags[k]) == 0) {
					md_quote(out, &v[i]);
					break;
				}
	}
	if (untagged) {
		if (ntags)
			dstr_adds(out, "## Untagged\n\n");
		for (i = 0; i < n; i++)
			if (v[i].ntags == 0)
				md_quote(out, &v[i]);
	}
	free(tags);
}

void
quote_export(struct dstr *out, enum quote_format fmt, const struct quote *v,
    size_t n)
{
	switch (fmt) {
	case QUOTE_FMT_MD:
		export_md(out, v, n);
		break;
	case QUOTE_FMT_CSV:
		export_csv(out, v, n);
		break;
	case QUOTE_FMT_JSON:
	case QUOTE_FMT_CSL:
	case QUOTE_FMT_ANNOTATION:
		export_json(out, fmt, v, n);
		break;
	}
}

int
quotes_export(struct quotes *q, const struct quote_filter *filter,
    enum quote_format fmt, struct dstr *out)
{
	struct quote_filter f;
	struct quote *v;
	size_t n;

	memset(&f, 0, sizeof(f));
	if (filter)
		f = *filter;
	f.char_offsets = fmt == QUOTE_FMT_ANNOTATION;
	if (quotes_list(q, &f, &v, &n) != 0)
		return -1;
	quote_export(out, fmt, v, n);
	quotes_array_free(v, n);
	return 0;
}
