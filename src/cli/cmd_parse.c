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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "date.h"
#include "feed.h"
#include "fetch.h"
#include "parse.h"
#include "settings.h"
#include "xalloc.h"

#define DUMP_FLAGS	(JSON_COMPACT | JSON_PRESERVE_ORDER)
/* Unless max-size is set: a file given by hand may be larger than what
 * the poller accepts. */
#define PARSE_MAX_BYTES	((size_t)1 << 30)

extern const struct command cmd_parse;

struct out {
	size_t	 nitems;
	char	*buf;			/* one item as JSON */
	size_t	 cap;
};

/* The parser hands over valid UTF-8 only (parse.h): no need to check. */
static json_t *
jstr(const char *s)
{
	return s != NULL ? json_stringn_nocheck(s, strlen(s)) : json_null();
}

static json_t *
jdate(int64_t t)
{
	char buf[DATE_BUFSZ];

	if (t == DATE_NONE)
		return json_null();
	date_format(t, buf);
	return json_string(buf);
}

static json_t *
item_json(const struct feed_item *it)
{
	json_t *o, *cats, *encs, *e;
	size_t i;

	o = json_object();
	json_object_set_new(o, "id", jstr(it->id));
	json_object_set_new(o, "title", jstr(it->title));
	json_object_set_new(o, "link", jstr(it->link));
	json_object_set_new(o, "author", jstr(it->author));
	json_object_set_new(o, "published", jdate(it->published));
	json_object_set_new(o, "updated", jdate(it->updated));
	json_object_set_new(o, "summary", jstr(it->summary));
	json_object_set_new(o, "content", jstr(it->content));
	cats = json_array();
	for (i = 0; i < it->ncategories; i++)
		json_array_append_new(cats, jstr(it->categories[i]));
	json_object_set_new(o, "categories", cats);
	encs = json_array();
	for (i = 0; i < it->nenclosures; i++) {
		e = json_object();
		json_object_set_new(e, "url", jstr(it->enclosures[i].url));
		json_object_set_new(e, "type", jstr(it->enclosures[i].type));
		json_object_set_new(e, "length", it->enclosures[i].length < 0 ?
		    json_null() : json_integer(it->enclosures[i].length));
		json_array_append_new(encs, e);
	}
	json_object_set_new(o, "enclosures", encs);
	return o;
}

static int
on_item(void *ctx, const struct feed_item *it)
{
	struct out *out = ctx;
	json_t *o = item_json(it);
	size_t n;

	/* into a buffer, then one write: much faster than json_dumpf() */
	while ((n = json_dumpb(o, out->buf, out->cap, DUMP_FLAGS)) >
	    out->cap) {
		free(out->buf);
		out->cap = n + n / 2;
		out->buf = xmalloc(out->cap);
	}
	json_decref(o);
	fputs(out->nitems++ == 0 ? "{\"items\":[\n" : ",\n", stdout);
	fwrite(out->buf, 1, n, stdout);
	return ferror(stdout) ? -1 : 0;
}

/* The end: "]," then the format and the feed's fields. */
static void
print_tail(const struct out *out, const struct feed_meta *m)
{
	json_t *o, *f;
	char *s;

	o = json_object();
	json_object_set_new(o, "format", jstr(feed_format_name(m->format)));
	f = json_object();
	json_object_set_new(f, "title", jstr(m->title));
	json_object_set_new(f, "link", jstr(m->link));
	json_object_set_new(f, "description", jstr(m->description));
	json_object_set_new(f, "language", jstr(m->language));
	json_object_set_new(f, "updated", jdate(m->updated));
	json_object_set_new(f, "author", jstr(m->author));
	json_object_set_new(o, "feed", f);
	s = json_dumps(o, DUMP_FLAGS);
	json_decref(o);
	/* s is "{...}": splice it after the items */
	fputs(out->nitems == 0 ? "{\"items\":[]," : "\n],", stdout);
	fputs(s + 1, stdout);
	fputc('\n', stdout);
	free(s);
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "feed-url", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct out out = { 0 };
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
	else
		rc = cli_error("%s: %s", name, feed_parser_errmsg(p));
	feed_parser_free(p);
	free(out.buf);
	return rc;
}

const struct command cmd_parse = {
	"parse", "[--feed-url URL] FILE|-",
	"print a feed file as JSON (no archive)", NEED_CONFIG,
	run
};
