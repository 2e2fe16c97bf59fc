/* cmd_show.c: dossier show ID: an article as text. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "feed.h"
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

static int
run(struct cli *cli, int argc, char **argv)
{
	struct store_article a;
	char date[32];
	struct tm tm;
	time_t t;
	int64_t id;
	int rc;

	if (argc != 2 || cli_parse_int(argv[1], &id) != 0)
		return cli_usage(&cmd_show, "one article ID expected");
	rc = store_article_get(cli->st, id, &a);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no article %lld", (long long)id);
	header("Title:", a.title);
	header("Feed:", a.feed_title);
	header("Author:", a.author);
	if (a.published != DATE_NONE) {
		t = (time_t)a.published;
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
		header("Date:", date);
	}
	header("Link:", a.url);
	printf("\n");
	cli_puts_safe(a.text);
	printf("\n");
	store_article_release(&a);
	return 0;
}

const struct command cmd_show = {
	"show", "ID", "print an article as text", NEED_STORE, run
};
