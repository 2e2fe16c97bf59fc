/*
 * cmd_parse.c: dossier parse [--feed-url URL] FILE|-: read a feed file (no
 * network, no archive) and print it as one JSON object:
 *
 *	{"items": [{"id", "title", "link", "author", "published", "updated",
 *	  "summary", "content", "categories": [...],
 *	  "enclosures": [{"url", "type", "length"}]}, ...],
 *	 "format": "rss2.0", "feed": {"title", "link", "description",
 *	  "language", "updated", "author"}}
 *
 * Items are printed as the parser hands them over, so memory does not grow
 * with their number; the feed's own fields come last, once complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "dstr.h"
#include "feed.h"
#include "fetch.h"
#include "parse.h"
#include "settings.h"

/* Unless max-size is set: a file given by hand may be larger than what
 * the poller accepts. */
#define PARSE_MAX_BYTES	((size_t)1 << 30)
/* Write the JSON out when this much is held. */
#define OUT_FLUSH	(256 * 1024)

extern const struct command cmd_parse;

struct out {
	size_t		 nitems;
	struct dstr	 buf;
};

/*
 * The JSON is written here rather than built with jansson: the parser
 * hands over valid UTF-8 only (parse.h), so a string needs no check and
 * no decoding, only '"', '\\' and the control characters escaped (as
 * jansson's compact output does).  jansson's dump took as long as the
 * parsing.
 */
/* How many bytes from p on need no escaping (of n): eight at a time, with
 * the exact "is any byte below / equal to" word tests. */
static size_t
plain_run(const unsigned char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101, high = ones * 0x80;
	uint64_t w, q, b;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		    ((b - ones) & ~b)) & high)
			break;
	}
	while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
		i++;
	return i;
}

static void
put_str(struct dstr *d, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t n, run;
	char esc[7];

	if (s == NULL) {
		dstr_add(d, "null", 4);
		return;
	}
	n = strlen(s);
	dstr_addc(d, '"');
	while (n > 0) {
		run = plain_run(p, n);
		dstr_add(d, (const char *)p, run);
		if (run == n)
			break;
		p += run;
		n -= run;
		switch (*p) {
		case '"':	dstr_add(d, "\\\"", 2); break;
		case '\\':	dstr_add(d, "\\\\", 2); break;
		case '\b':	dstr_add(d, "\\b", 2); break;
		case '\f':	dstr_add(d, "\\f", 2); break;
		case '\n':	dstr_add(d, "\\n", 2); break;
		case '\r':	dstr_add(d, "\\r", 2); break;
		case '\t':	dstr_add(d, "\\t", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			dstr_add(d, esc, 6);
		}
		p++;
		n--;
	}
	dstr_addc(d, '"');
}

/* ,"key":"value" (the first key of an object brings its own '{') */
static void
put_field(struct dstr *d, const char *key, const char *s)
{
	dstr_adds(d, key);
	put_str(d, s);
}

static void
put_date(struct dstr *d, const char *key, int64_t t)
{
	char buf[DATE_BUFSZ];

	dstr_adds(d, key);
	if (t == DATE_NONE) {
		dstr_add(d, "null", 4);
		return;
	}
	date_format(t, buf);
	put_str(d, buf);
}

static void
put_item(struct dstr *d, const struct feed_item *it)
{
	const struct enclosure *e;
	size_t i;

	put_field(d, "{\"id\":", it->id);
	put_field(d, ",\"title\":", it->title);
	put_field(d, ",\"link\":", it->link);
	put_field(d, ",\"author\":", it->author);
	put_date(d, ",\"published\":", it->published);
	put_date(d, ",\"updated\":", it->updated);
	put_field(d, ",\"summary\":", it->summary);
	put_field(d, ",\"content\":", it->content);
	dstr_adds(d, ",\"categories\":[");
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			dstr_addc(d, ',');
		put_str(d, it->categories[i]);
	}
	dstr_adds(d, "],\"enclosures\":[");
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		put_field(d, i > 0 ? ",{\"url\":" : "{\"url\":", e->url);
		put_field(d, ",\"type\":", e->type);
		if (e->length < 0)
			dstr_adds(d, ",\"length\":null}");
		else
			dstr_addf(d, ",\"length\":%" PRId64 "}",
			    (int64_t)e->length);
	}
	dstr_adds(d, "]}");
}

static int
flush(struct out *out)
{
	fwrite(out->buf.buf, 1, out->buf.len, stdout);
	dstr_reset(&out->buf);
	return ferror(stdout) ? -1 : 0;
}

static int
on_item(void *ctx, const struct feed_item *it)
{
	struct out *out = ctx;

	dstr_adds(&out->buf, out->nitems++ == 0 ? "{\"items\":[\n" : ",\n");
	put_item(&out->buf, it);
	return out->buf.len >= OUT_FLUSH ? flush(out) : 0;
}

/* The end: "]," then the format and the feed's fields. */
static int
print_tail(struct out *out, const struct feed_meta *m)
{
	struct dstr *d = &out->buf;

	dstr_adds(d, out->nitems == 0 ? "{\"items\":[]," : "\n],");
	put_field(d, "\"format\":", feed_format_name(m->format));
	put_field(d, ",\"feed\":{\"title\":", m->title);
	put_field(d, ",\"link\":", m->link);
	put_field(d, ",\"description\":", m->description);
	put_field(d, ",\"language\":", m->language);
	put_date(d, ",\"updated\":", m->updated);
	put_field(d, ",\"author\":", m->author);
	dstr_adds(d, "}}\n");
	return flush(out);
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "feed-url", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct out out = { 0, DSTR_INIT };
	struct feed_limits lim;
	struct feed_parser *p;
	const char *url = NULL, *path, *name;
	size_t i;
	int c, fd, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			url = optarg;
			break;
		default:
			return cli_usage(&cmd_parse, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage(&cmd_parse, argc - optind == 0 ?
		    "a file is needed" : "one file only");
	path = argv[optind];
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		name = "stdin";
	} else if ((fd = open(path, O_RDONLY)) == -1)
		return cli_error("%s: %s", path, strerror(errno));
	else
		name = path;
	/* the global limits of the config; a file given by hand may be
	 * larger than the poller's default */
	feed_limits_get(cli->cfg, NULL, NULL, &lim);
	if (config_str(cli->cfg, "max-size", NULL) == NULL)
		lim.max_bytes = PARSE_MAX_BYTES;
	p = feed_parser_new(url, &lim, on_item, &out);
	rc = feed_parser_read_fd(p, fd);
	if (fd != STDIN_FILENO)
		close(fd);
	for (i = 0; i < feed_parser_nwarnings(p); i++)
		cli_error("%s: %s", name, feed_parser_warning(p, i));
	if (rc == 0)
		print_tail(&out, feed_parser_meta(p));
	else {
		flush(&out);
		rc = cli_error("%s: %s", name, feed_parser_errmsg(p));
	}
	feed_parser_free(p);
	dstr_release(&out.buf);
	return rc;
}

const struct command cmd_parse = {
	"parse", "[--feed-url URL] FILE|-",
	"print a feed file as JSON (no archive)", NEED_CONFIG,
	run
};
