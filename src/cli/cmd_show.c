/*
 * cmd_show.c: dossier show ID [--width N] [--fulltext]: an article
 * rendered as text, with links; --fulltext: the linked page's main
 * content kept by `fulltext` or a poll instead of the feed's text.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "docs.h"
#include "feed.h"
#include "render.h"
#include "settings.h"
#include "store.h"

extern const struct command cmd_show;

static void
header(const char *name, const char *value)
{
	if (value == NULL)
		return;
	printf("%-8s ", name);
	cli_puts_safe(value);
	printf("\n");
}

/* text-width from the config, else the terminal's width, else 72. */
static int
output_width(const struct config *cfg)
{
	struct winsize ws;
	long w = config_int(cfg, "text-width", 0);

	if (w > 0)
		return (int)w;
	if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 72;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "fulltext", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_article a;
	struct render_doc doc;
	struct render_line *lines;
	const char *html;
	char date[32];
	struct tm tm;
	time_t t;
	size_t nlines, i;
	int64_t id, width = 0;
	int c, rc, fulltext = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (c == 'F')
			fulltext = 1;
		else if (c != 'w' || cli_parse_int(optarg, &width) != 0)
			return cli_usage(&cmd_show, "bad option '%s'",
			    argv[optind - 1]);
	if (optind != argc - 1 || cli_parse_int(argv[optind], &id) != 0)
		return cli_usage(&cmd_show, "one article ID expected");
	rc = store_article_get(cli->st, id, &a);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no article %lld", (long long)id);
	if (fulltext && a.fulltext == NULL) {
		char *why = NULL;

		store_article_release(&a);
		if (docs_fulltext_error(cli->st, id, &why) == 0 && why) {
			rc = cli_error("article %lld has no full text: the "
			    "last fetch failed: %s", (long long)id, why);
			free(why);
			return rc;
		}
		return cli_error("article %lld has no full text (see "
		    "'dossier fulltext')", (long long)id);
	}
	header("Title:", a.title ? a.title : "(untitled)");
	header("Feed:", a.feed_title);
	header("Author:", a.author);
	if (a.published != DATE_NONE) {
		t = (time_t)a.published;
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
		header("Date:", date);
	}
	header("Link:", a.url);
	if (fulltext)
		header("Text:", "the full text of the linked page");
	printf("\n");
	html = a.content ? a.content : a.summary ? a.summary : "";
	if (fulltext)
		html = a.fulltext;
	render_html(&doc, html, strlen(html), a.url);
	render_wrap(&doc, width > 0 ? (int)width : output_width(cli->cfg),
	    &lines, &nlines);
	/* render's output is sanitised already; print it as it is */
	for (i = 0; i < nlines; i++)
		printf("%s\n", lines[i].text);
	render_lines_free(lines, nlines);
	render_doc_release(&doc);
	store_article_release(&a);
	return 0;
}

const struct command cmd_show = {
	"show", "ID [--width N] [--fulltext]",
	"print an article as text, with its numbered links",
	NEED_STORE | NEED_CONFIG, run
};
