/* cmd_mark_read.c: dossier mark-read ID...|--all [--feed URL] [--unread]. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "store.h"

extern const struct command cmd_mark_read;

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "feed", required_argument, NULL, 'f' },
		{ "tag", required_argument, NULL, 't' },
		{ "unread", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_query q = { 0 };
	int64_t id, n;
	int c, all = 0, read = 1, i, rc, status = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'f': q.feed_url = optarg; break;
		case 't': q.tag = optarg; break;
		case 'u': read = 0; break;
		default:
			return cli_usage(&cmd_mark_read, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (all == (optind < argc) || (!all && (q.feed_url || q.tag)))
		return cli_usage(&cmd_mark_read,
		    "give article IDs or --all (with --feed/--tag)");
	if (all) {
		if (store_articles_set_read(cli->st, &q, read, &n) != 0)
			return cli_error("%s", store_errmsg(cli->st));
		printf("%lld marked %s\n", (long long)n, read ? "read" :
		    "unread");
		return 0;
	}
	for (i = optind; i < argc; i++)
		if (cli_parse_int(argv[i], &id) != 0)
			return cli_usage(&cmd_mark_read, "bad ID '%s'",
			    argv[i]);
	if (store_begin(cli->st) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	for (i = optind; i < argc; i++) {
		cli_parse_int(argv[i], &id);
		rc = store_article_set_read(cli->st, id, read);
		if (rc < 0) {
			store_rollback(cli->st);
			return cli_error("%s", store_errmsg(cli->st));
		}
		if (rc == 1)
			status = cli_error("no article %lld", (long long)id);
	}
	if (store_commit(cli->st) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	return status;
}

const struct command cmd_mark_read = {
	"mark-read", "ID... | --all [--feed URL] [--tag TAG] [--unread]",
	"mark articles read (or unread with --unread)", NEED_STORE, run
};
