/*
 * feed.c: the feed parser's public interface (parse.h): limits, errors
 * and warnings, and the first stages of the input, which find out what it
 * is (encoding; XML, JSON or HTML) before handing it on.  See internal.h
 * for the whole pipeline.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"
#include "utf8.h"
#include "xalloc.h"

#define SNIFF_MAX	(64 * 1024)	/* text read before deciding */
#define HTML_MAX	(1024 * 1024)	/* of an HTML page: its <link>s */
#define READ_CHUNK	(64 * 1024)

enum stage {
	ST_ENCODING,		/* holding bytes for the encoding */
	ST_SNIFF,		/* holding text until its kind is known */
	ST_XML,
	ST_JSON,
	ST_HTML,
	ST_EMPTY,
};

enum kind { K_MORE, K_XML, K_JSON, K_HTML, K_EMPTY };

struct feed_parser {
	struct feed_limits lim;
	feed_item_fn	 fn;
	void		*ctx;
	char		*url;
	struct feed_meta meta;
	int		 failed;
	int		 finished;
	struct dstr	 err;
	char		*warn[FEED_MAX_WARNINGS + 1];
	size_t		 nwarn;
	size_t		 nmore;		/* warnings not kept */
	char		**alts;
	size_t		 nalts;
	size_t		 nbytes;
	size_t		 nitems;
	enum stage	 stage;
	struct dstr	 head;		/* ST_ENCODING */
	struct feed_decoder dec;
	struct dstr	 dbuf;		/* decoded text */
	struct dstr	 sniff;		/* ST_SNIFF */
	size_t		 sniffed;	/* its length when last read */
	struct feed_xmlfix fix;
	struct dstr	 fbuf;		/* fixed text for libxml2 */
	struct feed_sax	*sax;
	struct dstr	 body;		/* JSON, HTML */
	char		 carry[8];
	size_t		 ncarry;
};

void
feed_limits_default(struct feed_limits *lim)
{
	lim->max_bytes = FEED_MAX_BYTES;
	lim->max_items = FEED_MAX_ITEMS;
	lim->max_depth = FEED_MAX_DEPTH;
	lim->max_field = FEED_MAX_FIELD;
	lim->max_categories = FEED_MAX_CATEGORIES;
	lim->max_enclosures = FEED_MAX_ENCLOSURES;
}

struct feed_parser *
feed_parser_new(const char *feed_url, const struct feed_limits *lim,
    feed_item_fn fn, void *ctx)
{
	struct feed_parser *p;

	p = xcalloc(1, sizeof(*p));
	if (lim != NULL)
		p->lim = *lim;
	else
		feed_limits_default(&p->lim);
	if (p->lim.max_depth == 0)
		p->lim.max_depth = 1;
	if (p->lim.max_field == 0)
		p->lim.max_field = 1;
	p->fn = fn;
	p->ctx = ctx;
	if (feed_url != NULL && *feed_url != '\0')
		p->url = xstrdup(feed_url);
	feed_meta_init(&p->meta);
	dstr_init(&p->err);
	dstr_init(&p->head);
	dstr_init(&p->dbuf);
	dstr_init(&p->sniff);
	dstr_init(&p->fbuf);
	dstr_init(&p->body);
	feed_xmlfix_init(&p->fix);
	p->dec.kind = DEC_UTF8;
	p->dec.cd = (iconv_t)-1;
	p->stage = ST_ENCODING;
	return p;
}

void
feed_parser_free(struct feed_parser *p)
{
	size_t i;

	if (p == NULL)
		return;
	feed_sax_free(p->sax);
	feed_decoder_close(&p->dec);
	feed_xmlfix_release(&p->fix);
	dstr_release(&p->err);
	dstr_release(&p->head);
	dstr_release(&p->dbuf);
	dstr_release(&p->sniff);
	dstr_release(&p->fbuf);
	dstr_release(&p->body);
	for (i = 0; i < p->nwarn; i++)
		free(p->warn[i]);
	for (i = 0; i < p->nalts; i++)
		free(p->alts[i]);
	free(p->alts);
	feed_meta_release(&p->meta);
	free(p->url);
	free(p);
}

/* ---- what the stages report ---- */

int
feed_fail(struct feed_parser *p, const char *fmt, ...)
{
	va_list ap;

	struct dstr d = DSTR_INIT;

	if (p->failed)
		return -1;
	p->failed = 1;
	va_start(ap, fmt);
	dstr_vaddf(&d, fmt, ap);
	va_end(ap);
	/* one line of valid UTF-8, whatever libxml2 or the feed said */
	dstr_reset(&p->err);
	utf8_sanitize(&p->err, d.buf, d.len, SAN_ONE_LINE);
	dstr_rtrim(&p->err);
	dstr_release(&d);
	return -1;
}

void
feed_warn(struct feed_parser *p, const char *fmt, ...)
{
	struct dstr d = DSTR_INIT, w = DSTR_INIT;
	va_list ap;

	if (p->nwarn >= FEED_MAX_WARNINGS) {
		p->nmore++;
		return;
	}
	va_start(ap, fmt);
	dstr_vaddf(&d, fmt, ap);
	va_end(ap);
	/* one line of valid UTF-8 */
	utf8_sanitize(&w, d.buf, d.len, SAN_ONE_LINE);
	dstr_rtrim(&w);
	p->warn[p->nwarn++] = dstr_detach(&w, NULL);
	dstr_release(&d);
}

int
feed_failed(const struct feed_parser *p)
{
	return p->failed;
}

int
feed_item_allowed(struct feed_parser *p)
{
	if (p->failed)
		return -1;
	if (p->nitems >= p->lim.max_items)
		return feed_fail(p, "more than %zu items (parse-max-items)",
		    p->lim.max_items);
	return 0;
}

int
feed_emit(struct feed_parser *p, const struct feed_item *it)
{
	if (p->failed)
		return -1;
	p->nitems++;
	if (p->fn != NULL && p->fn(p->ctx, it) == -1)
		return feed_fail(p, "stopped by the caller");
	return 0;
}

struct feed_meta *
feed_meta_mut(struct feed_parser *p)
{
	return &p->meta;
}

const char *
feed_base_url(const struct feed_parser *p)
{
	return p->url;
}

const struct feed_limits *
feed_limits_of(const struct feed_parser *p)
{
	return &p->lim;
}

void
feed_add_alternate(struct feed_parser *p, char *url)
{
	size_t i;

	for (i = 0; i < p->nalts; i++)
		if (strcmp(p->alts[i], url) == 0)
			break;
	if (i < p->nalts || p->nalts >= 2 * FEED_MAX_ALTERNATES) {
		free(url);
		return;
	}
	p->alts = xreallocarray(p->alts, p->nalts + 1, sizeof(char *));
	p->alts[p->nalts++] = url;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 1 if s is valid UTF-8 that utf8_sanitize() would leave as it is. */
static int
clean_already(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint64_t w;
	uint32_t cp;

	while (i < n) {
		/* eight printable ASCII characters at a time */
		if (n - i >= 8) {
			memcpy(&w, u + i, 8);
			if ((((w - ones * 0x20) | w | (w + ones)) & high) ==
			    0) {
				i += 8;
				continue;
			}
		}
		if ((u[i] >= 0x20 && u[i] < 0x7F) || u[i] == '\n' ||
		    u[i] == '\t') {
			i++;
			continue;
		}
		if (u[i] < 0x80)
			return 0;
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 1 || utf8_is_unsafe(cp))
			return 0;
		i += k;
	}
	return 1;
}

char *
feed_clean(const char *s, size_t n)
{
	struct dstr d = DSTR_INIT, c1 = DSTR_INIT;
	const unsigned char *u;
	size_t i;

	while (n > 0 && is_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	if (clean_already(s, n))
		return xstrndup(s, n);
	/* C1 controls are windows-1252 that was read as Latin-1 */
	u = (const unsigned char *)s;
	for (i = 0; i < n; i++) {
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9F) {
			utf8_add(&c1, feed_cp1252(u[i + 1]));
			i++;
		} else
			dstr_addc(&c1, s[i]);
	}
	utf8_sanitize(&d, c1.buf, c1.len, SAN_KEEP_NEWLINES);
	dstr_release(&c1);
	if (d.len == 0) {
		dstr_release(&d);
		return NULL;
	}
	return dstr_detach(&d, NULL);
}

/* ---- the input ---- */

/* Skip <?...?>, <!--...-->, <!DOCTYPE ...[...]> at p; NULL if cut. */
static const char *
skip_markup(const char *p, const char *end)
{
	const char *q;
	int depth = 0;
	char quote = 0;

	if (end - p >= 2 && p[1] == '?') {
		for (q = p + 2; q + 1 < end; q++)
			if (q[0] == '?' && q[1] == '>')
				return q + 2;
		return NULL;
	}
	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		for (q = p + 4; q + 2 < end; q++)
			if (memcmp(q, "-->", 3) == 0)
				return q + 3;
		return NULL;
	}
	for (q = p + 2; q < end; q++) {
		if (quote) {
			if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'')
			quote = *q;
		else if (*q == '[')
			depth++;
		else if (*q == ']')
			depth--;
		else if (*q == '>' && depth <= 0)
			return q + 1;
	}
	return NULL;
}

/* What the text is: XML, JSON, an HTML page, nothing, or not known yet. */
static enum kind
sniff_kind(const char *s, size_t n, int final)
{
	const char *p = s, *end = s + n, *q, *name;
	size_t len;
	int markup = 0;

	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			return !final ? K_MORE : markup ? K_XML : K_EMPTY;
		if (*p == '{' || *p == '[')
			return K_JSON;
		if (*p != '<')
			return K_XML;
		if (end - p < 2)
			return final ? K_XML : K_MORE;
		if (p[1] == '?' || p[1] == '!') {
			if ((q = skip_markup(p, end)) == NULL)
				return final ? K_XML : K_MORE;
			p = q;
			markup = 1;
			continue;
		}
		name = ++p;
		while (p < end && !is_blank(*p) && *p != '>' && *p != '/')
			p++;
		if (p == end && !final)
			return K_MORE;
		if ((q = memchr(name, ':', (size_t)(p - name))) != NULL)
			name = q + 1;
		len = (size_t)(p - name);
		if ((len == 4 && (strncasecmp(name, "html", 4) == 0 ||
		    strncasecmp(name, "head", 4) == 0 ||
		    strncasecmp(name, "body", 4) == 0)))
			return K_HTML;
		return K_XML;
	}
}

/*
 * What comes before the XML: blanks (libxml2 would complain about the
 * declaration that follows), or the warnings a broken script printed
 * before it ("<b>Warning</b>: ... <?xml ...").  Returns its length.
 */
static size_t
preamble(struct feed_parser *p, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && is_blank(s[i]))
		i++;
	if (n - i >= 5 && memcmp(s + i, "<?xml", 5) == 0)
		return i;
	for (k = i; k + 6 <= n; k++)
		if (memcmp(s + k, "<?xml", 5) == 0 && is_blank(s[k + 5])) {
			feed_warn(p, "%zu bytes before the XML declaration "
			    "skipped", k);
			return k;
		}
	return i;
}

static int
route(struct feed_parser *p, const char *buf, size_t n, int final)
{
	enum kind k;
	size_t skip;
	int rc = 0;

	if (p->stage == ST_SNIFF) {
		dstr_add(&p->sniff, buf, n);
		/* look again only when the text has doubled: linear time
		 * even when it comes one byte at a time */
		if (!final && p->sniff.len < SNIFF_MAX &&
		    p->sniff.len < 2 * p->sniffed)
			return 0;
		p->sniffed = p->sniff.len;
		k = sniff_kind(p->sniff.buf, p->sniff.len, final);
		if (k == K_MORE && p->sniff.len < SNIFF_MAX)
			return 0;
		switch (k) {
		case K_JSON:
			p->stage = ST_JSON;
			break;
		case K_HTML:
			p->stage = ST_HTML;
			break;
		case K_EMPTY:
			p->stage = ST_EMPTY;
			break;
		default:
			p->stage = ST_XML;
			p->sax = feed_sax_new(p);
			break;
		}
		skip = p->stage == ST_XML ? preamble(p, p->sniff.buf,
		    p->sniff.len) : 0;
		rc = route(p, p->sniff.buf + skip, p->sniff.len - skip, final);
		dstr_release(&p->sniff);
		return rc;
	}
	switch (p->stage) {
	case ST_XML:
		dstr_reset(&p->fbuf);
		feed_xmlfix_run(&p->fix, buf, n, final, &p->fbuf);
		return feed_sax_push(p->sax, p->fbuf.buf, p->fbuf.len, final);
	case ST_JSON:
		feed_utf8_fix(buf, n, final, &p->body, p->carry, &p->ncarry);
		return 0;
	case ST_HTML:
		if (p->body.len < HTML_MAX)
			feed_utf8_fix(buf, n, final, &p->body, p->carry,
			    &p->ncarry);
		return 0;
	default:
		return 0;
	}
}

static int
input(struct feed_parser *p, const char *buf, size_t n, int final)
{
	char name[64];
	size_t skip;
	int rc;

	if (p->stage == ST_ENCODING) {
		dstr_add(&p->head, buf, n);
		if (feed_encoding_sniff(p->head.buf, p->head.len, final, name,
		    sizeof(name), &skip) == SNIFF_MORE)
			return 0;
		if (feed_decoder_open(&p->dec, name) == -1)
			feed_warn(p, "unknown encoding %s, read as UTF-8",
			    name);
		p->stage = ST_SNIFF;
		rc = input(p, p->head.buf + skip, p->head.len - skip, final);
		dstr_release(&p->head);
		return rc;
	}
	if (p->dec.kind == DEC_UTF8)
		return route(p, buf, n, final);
	dstr_reset(&p->dbuf);
	feed_decoder_run(&p->dec, buf, n, final, &p->dbuf);
	return route(p, p->dbuf.buf, p->dbuf.len, final);
}

int
feed_parser_push(struct feed_parser *p, const char *buf, size_t len)
{
	if (p->failed)
		return -1;
	if (p->finished)
		return feed_fail(p, "data pushed after the end");
	if (len > p->lim.max_bytes - p->nbytes)
		return feed_fail(p, "larger than %zu bytes (max-size)",
		    p->lim.max_bytes);
	p->nbytes += len;
	if (len == 0)
		return 0;
	return input(p, buf, len, 0) == -1 || p->failed ? -1 : 0;
}

static int
html_page(struct feed_parser *p)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	dstr_adds(&d, "not a feed: an HTML page");
	for (i = 0; i < p->nalts; i++)
		dstr_addf(&d, "%s%s", i == 0 ? "; it advertises: " : ", ",
		    p->alts[i]);
	feed_fail(p, "%s", d.buf);
	dstr_release(&d);
	return -1;
}

int
feed_parser_finish(struct feed_parser *p)
{
	int rc = 0;

	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	if (!p->failed)
		input(p, "", 0, 1);
	if (p->fix.dropped > 0)
		feed_warn(p, "%zu start tags with more than %d attributes cut",
		    p->fix.dropped, FEED_MAX_ATTRS);
	if (p->nmore > 0) {
		struct dstr d = DSTR_INIT;

		dstr_addf(&d, "and %zu more warnings", p->nmore);
		p->warn[p->nwarn++] = dstr_detach(&d, NULL);
	}
	if (p->failed)
		return -1;
	switch (p->stage) {
	case ST_XML:
		rc = feed_sax_finish(p->sax);
		if (rc == -2)
			rc = html_page(p);
		break;
	case ST_JSON:
		rc = feed_json_parse(p, p->body.buf, p->body.len);
		dstr_release(&p->body);
		break;
	case ST_HTML:
		feed_html_alternates(p->body.buf, p->body.len, p->url,
		    &p->alts, &p->nalts);
		dstr_release(&p->body);
		rc = html_page(p);
		break;
	default:
		rc = feed_fail(p, "not a feed: an empty document");
		break;
	}
	return rc == -1 || p->failed ? -1 : 0;
}

int
feed_parser_read_fd(struct feed_parser *p, int fd)
{
	char *buf;
	ssize_t n;

	buf = xmalloc(READ_CHUNK);
	for (;;) {
		n = read(fd, buf, READ_CHUNK);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			feed_fail(p, "read: %s", strerror(errno));
			break;
		}
		if (n == 0 || feed_parser_push(p, buf, (size_t)n) == -1)
			break;
	}
	free(buf);
	return feed_parser_finish(p);
}

const struct feed_meta *
feed_parser_meta(const struct feed_parser *p)
{
	return &p->meta;
}

size_t
feed_parser_nitems(const struct feed_parser *p)
{
	return p->nitems;
}

const char *
feed_parser_errmsg(const struct feed_parser *p)
{
	return p->err.buf;
}

size_t
feed_parser_nwarnings(const struct feed_parser *p)
{
	return p->nwarn;
}

const char *
feed_parser_warning(const struct feed_parser *p, size_t i)
{
	return i < p->nwarn ? p->warn[i] : NULL;
}

size_t
feed_parser_nalternates(const struct feed_parser *p)
{
	return p->nalts;
}

const char *
feed_parser_alternate(const struct feed_parser *p, size_t i)
{
	return i < p->nalts ? p->alts[i] : NULL;
}
