/*
 * cmd_prune.c: dossier prune --older-than DAYS [--dry-run]: delete old
 * feed articles.  Starred and quoted articles are kept unless
 * --include-starred or --include-quoted say otherwise (--keep-starred and
 * --keep-quoted say the default out loud); documents are never pruned.
 */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "docs.h"
#include "store.h"

extern const struct command cmd_prune;

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "older-than", required_argument, NULL, 'o' },
		{ "keep-starred", no_argument, NULL, 's' },
		{ "keep-quoted", no_argument, NULL, 'q' },
		{ "include-starred", no_argument, NULL, 'S' },
		{ "include-quoted", no_argument, NULL, 'Q' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct docs_prune_opts o = { 0, 0, 0, 0 };
	struct docs_prune_result r;
	int64_t days = -1;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (cli_parse_int(optarg, &days) != 0 ||
			    days > 1000000)
				return cli_usage(&cmd_prune, "--older-than "
				    "takes a number of days");
			break;
		case 's':
			o.delete_starred = 0;
			break;
		case 'q':
			o.delete_quoted = 0;
			break;
		case 'S':
			o.delete_starred = 1;
			break;
		case 'Q':
			o.delete_quoted = 1;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		default:
			return cli_usage(&cmd_prune, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_prune, "unexpected '%s'", argv[optind]);
	if (days < 0)
		return cli_usage(&cmd_prune, "--older-than DAYS is required "
		    "(nothing is deleted without being asked)");
	o.older_than = (int64_t)time(NULL) - days * 86400;
	if (docs_prune(cli->st, &o, &r) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("%s %lld article%s older than %lld day%s", o.dry_run ?
	    "would delete" : "deleted", (long long)r.deleted,
	    r.deleted == 1 ? "" : "s", (long long)days, days == 1 ? "" : "s");
	if (r.kept_starred || r.kept_quoted)
		printf("; kept %lld starred and %lld quoted",
		    (long long)r.kept_starred, (long long)r.kept_quoted);
	printf("\n");
	return 0;
}

const struct command cmd_prune = {
	"prune",
	"--older-than DAYS [--keep-starred] [--keep-quoted]\n"
	"       [--include-starred] [--include-quoted] [--dry-run]",
	"delete old articles (starred, quoted and documents are kept)",
	NEED_STORE, run
};
