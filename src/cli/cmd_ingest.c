/* cmd_ingest.c: dossier ingest FILE --feed URL: a local file, as a poll. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "ingest.h"
#include "store.h"

extern const struct command cmd_ingest;

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "feed", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct ingest_stats stats;
	const char *url = NULL, *why;
	int64_t feed_id;
	int c, quiet = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			url = optarg;
		else if (c == 'q')
			quiet = 1;
		else
			return cli_usage(&cmd_ingest, "unknown option '%s'",
			    argv[optind - 1]);
	}
	if (optind != argc - 1 || url == NULL)
		return cli_usage(&cmd_ingest, "a FILE and --feed URL expected");
	if (cli_check_feed_url(url, &why) != 0)
		return cli_error("--feed '%s' %s", url, why);
	if (store_feed_add(cli->st, url, NULL, NULL, 0, &feed_id) < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (cli_ingest_file(cli, feed_id, url, argv[optind], &stats) != 0)
		return 1;
	if (!quiet) {
		printf("%s: %lld new, %lld updated, %lld unchanged", url,
		    (long long)stats.new_items, (long long)stats.updated,
		    (long long)stats.unchanged);
		if (stats.skipped)
			printf(", %lld skipped by rules",
			    (long long)stats.skipped);
		if (stats.over_max)
			printf(", %lld over max-items",
			    (long long)stats.over_max);
		printf("\n");
	}
	return 0;
}

const struct command cmd_ingest = {
	"ingest", "FILE|- --feed URL [--quiet]",
	"store a local feed file as if it had been polled from URL",
	NEED_STORE | NEED_CONFIG, run
};
