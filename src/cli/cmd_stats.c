/* cmd_stats.c: dossier stats [--json]: what the archive holds. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docs.h"
#include "feed.h"
#include "jsonout.h"
#include "store.h"

extern const struct command cmd_stats;

static void
size_line(const char *name, int64_t n)
{
	if (n >= 10 * 1024 * 1024)
		printf("%-14s %.1f MiB\n", name, (double)n / (1024 * 1024));
	else if (n >= 10 * 1024)
		printf("%-14s %.1f KiB\n", name, (double)n / 1024);
	else
		printf("%-14s %lld bytes\n", name, (long long)n);
}

static int
run(struct cli *cli, int argc, char **argv)
{
	struct docs_stats s;
	json_t *o;
	int json = 0;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc != 1)
		return cli_usage(&cmd_stats, "only --json is allowed");
	if (docs_stats(cli->st, &s) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (json) {
		o = json_object();
		json_object_set_new(o, "feeds", json_integer(s.feeds));
		json_object_set_new(o, "articles", json_integer(s.articles));
		json_object_set_new(o, "unread", json_integer(s.unread));
		json_object_set_new(o, "starred", json_integer(s.starred));
		json_object_set_new(o, "with_fulltext",
		    json_integer(s.with_fulltext));
		json_object_set_new(o, "documents", json_integer(s.documents));
		json_object_set_new(o, "quotes", json_integer(s.quotes));
		json_object_set_new(o, "tags", json_integer(s.tags));
		json_object_set_new(o, "versions", json_integer(s.versions));
		json_object_set_new(o, "oldest", jsonout_date(s.oldest));
		json_object_set_new(o, "newest", jsonout_date(s.newest));
		json_object_set_new(o, "db_bytes", json_integer(s.db_bytes));
		json_object_set_new(o, "wal_bytes", json_integer(s.wal_bytes));
		json_object_set_new(o, "free_bytes",
		    json_integer(s.free_bytes));
		json_object_set_new(o, "path", jsonout_str(cli->db_path));
		return jsonout_print(o) == 0 ? 0 : 1;
	}
	printf("%-14s %lld\n", "feeds", (long long)s.feeds);
	printf("%-14s %lld (%lld unread, %lld with full text)\n", "articles",
	    (long long)s.articles, (long long)s.unread,
	    (long long)s.with_fulltext);
	printf("%-14s %lld\n", "documents", (long long)s.documents);
	printf("%-14s %lld\n", "starred", (long long)s.starred);
	printf("%-14s %lld\n", "quotes", (long long)s.quotes);
	printf("%-14s %lld\n", "tags", (long long)s.tags);
	printf("%-14s %lld\n", "old versions", (long long)s.versions);
	size_line("archive", s.db_bytes);
	size_line("write-ahead log", s.wal_bytes);
	size_line("reclaimable", s.free_bytes);
	printf("%-14s %lld bytes on disk: ", "total",
	    (long long)(s.db_bytes + s.wal_bytes));
	cli_puts_safe(cli->db_path);
	printf("\n");
	return 0;
}

const struct command cmd_stats = {
	"stats", "[--json]",
	"count feeds, articles, documents and quotes; size on disk",
	NEED_STORE, run
};
