/*
 * cmd_add.c: dossier add URL [--tag T]... [--title T] [--keep BEAT]
 * [--fulltext | --no-fulltext]: subscribe, offline.  On a subscription
 * that exists, the tags are merged and --keep and --fulltext set.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beats.h"
#include "cli.h"
#include "docs.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

extern const struct command cmd_add;

/* Valid UTF-8 without controls (C0, C1, bidi), as import asks of tags. */
static int
safe_tag(const char *t)
{
	size_t i, k, n = strlen(t);
	uint32_t cp;

	if (!utf8_valid(t, n))
		return 0;
	for (i = 0; i < n; i += k) {
		k = utf8_decode(t + i, n - i, &cp);
		if (cp < 0x20 || utf8_is_unsafe(cp))
			return 0;
	}
	return 1;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tag", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'T' },
		{ "keep", required_argument, NULL, 'k' },
		{ "fulltext", no_argument, NULL, 'F' },
		{ "no-fulltext", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	const char **tags = NULL, *title = NULL, *why, *keep = NULL, *q;
	char *buf = NULL, *clean;
	size_t ntags = 0;
	int c, rc, fulltext = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (*optarg == '\0' || strchr(optarg, ',') ||
			    !safe_tag(optarg)) {
				free(tags);
				return cli_usage(&cmd_add, "bad tag '%s' (no "
				    "commas or control characters, not empty)",
				    optarg);
			}
			tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
			tags[ntags++] = optarg;
			break;
		case 'T':
			title = optarg;
			break;
		case 'k':
			keep = optarg;
			break;
		case 'F':
			fulltext = 1;
			break;
		case 'N':
			fulltext = -1;
			break;
		default:
			free(tags);
			return cli_usage(&cmd_add, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc - 1) {
		free(tags);
		return cli_usage(&cmd_add, "one URL expected");
	}
	if (cli_check_feed_url(argv[optind], &why) != 0) {
		free(tags);
		return cli_error("'%s' %s", argv[optind], why);
	}
	if (keep && strcmp(keep, "all") != 0 &&	/* src/beats */
	    (rc = beats_query(cli->st, cli->cfg, keep, &buf, &q, NULL)) != 0) {
		free(tags);
		if (rc < 0)
			return cli_error("%s", store_errmsg(cli->st));
		return cli_error("no beat named %s (see 'dossier beat list')",
		    keep);
	}
	free(buf);
	/* the title is shown and exported: no controls in the archive */
	clean = title ? utf8_sanitize_dup(title, SAN_ONE_LINE) : NULL;
	rc = store_feed_add(cli->st, argv[optind], clean, tags, ntags, NULL);
	free(clean);
	free(tags);
	if (rc >= 0 && keep && beats_keep_set(cli->st, argv[optind], keep) != 0)
		rc = -1;
	if (rc >= 0 && fulltext && docs_feed_set_fulltext(cli->st,
	    argv[optind], fulltext > 0) != 0)	/* src/docs */
		rc = -1;
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		printf("already subscribed: %s\n", argv[optind]);
	else
		printf("subscribed: %s\n", argv[optind]);
	if (keep && strcmp(keep, "all") != 0)
		printf("keeping only the stories of the beat %s\n", keep);
	else if (keep)
		printf("keeping every story\n");
	if (fulltext > 0)
		printf("fetching the full text of new items when polling\n");
	else if (fulltext < 0)
		printf("not fetching full texts when polling\n");
	return 0;
}

const struct command cmd_add = {
	"add", "URL [--tag TAG]... [--title TITLE] [--keep BEAT]\n"
	"           [--fulltext | --no-fulltext]",
	"subscribe to a feed (no network needed)", NEED_STORE | NEED_CONFIG,
	run
};
