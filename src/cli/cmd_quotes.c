/*
 * cmd_quotes.c: dossier quotes [--tag T] [--speaker S] [--feed URL]
 * [--since DATE] [--article ID] [--format F]: export the quotes.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "dstr.h"
#include "quotes.h"

extern const struct command cmd_quotes;

/* YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS]Z (UTC): 0, else -1. */
static int
parse_since(const char *s, int64_t *t)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	s += n;
	if (*s == 'T' || *s == ' ') {
		n = 0;
		if (sscanf(s + 1, "%2d:%2d%n", &h, &mi, &n) != 2)
			return -1;
		s += 1 + n;
		if (*s == ':') {
			n = 0;
			if (sscanf(s + 1, "%2d%n", &sec, &n) != 1)
				return -1;
			s += 1 + n;
		}
		if (*s == 'Z')
			s++;
	}
	if (*s || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = (int64_t)timegm(&tm);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tag", required_argument, NULL, 't' },
		{ "speaker", required_argument, NULL, 's' },
		{ "feed", required_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 'S' },
		{ "article", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	enum quote_format fmt = QUOTE_FMT_MD;
	struct quote_filter f;
	struct dstr out = DSTR_INIT;
	struct quotes *q;
	int c, rc = 0;

	memset(&f, 0, sizeof(f));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			f.tag = optarg;
			break;
		case 's':
			f.speaker = optarg;
			break;
		case 'f':
			f.feed_url = optarg;
			break;
		case 'S':
			if (parse_since(optarg, &f.since) != 0)
				return cli_usage(&cmd_quotes, "--since '%s': "
				    "not a date (YYYY-MM-DD)", optarg);
			break;
		case 'a':
			if (cli_parse_int(optarg, &f.article_id) != 0 ||
			    f.article_id == 0)
				return cli_usage(&cmd_quotes, "--article '%s': "
				    "not an ID", optarg);
			break;
		case 'F':
			if (quote_format_parse(optarg, &fmt) != 0)
				return cli_usage(&cmd_quotes, "unknown format "
				    "'%s' (md, json, csv, csl-json, "
				    "annotation)", optarg);
			break;
		default:
			return cli_usage(&cmd_quotes, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_quotes, "unexpected argument '%s'",
		    argv[optind]);
	q = quotes_new(cli->st);
	if (quotes_export(q, &f, fmt, &out) != 0)
		rc = cli_error("%s", quotes_errmsg(q));
	else
		fwrite(out.buf, 1, out.len, stdout);
	quotes_free(q);
	dstr_release(&out);
	return rc;
}

const struct command cmd_quotes = {
	"quotes",
	"[--tag TAG] [--speaker NAME] [--feed URL] [--since DATE] "
	"[--article ID]\n"
	"       [--format md|json|csv|csl-json|annotation]",
	"export the quotes kept (--since: articles dated on or after DATE)",
	NEED_STORE, run
};
