/* cmd_add.c: dossier add URL [--tag T]... [--title T]: subscribe, offline. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cli.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

extern const struct command cmd_add;

/* http or https, parsable, no controls or blanks: 0; else -1 and why. */
static int
check_url(const char *url, const char **why)
{
	CURLU *u;
	char *scheme = NULL;
	const char *p;
	int rc = -1;

	for (p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f) {
			*why = "contains a control character or a blank";
			return -1;
		}
	u = curl_url();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		*why = "is not a valid URL (local files go through "
		    "'dossier ingest')";
	else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		*why = "is not an http or https URL";
	else
		rc = 0;
	curl_free(scheme);
	curl_url_cleanup(u);
	return rc;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tag", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	const char **tags = NULL, *title = NULL, *why;
	size_t ntags = 0;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (*optarg == '\0' || strchr(optarg, ',') ||
			    !utf8_valid(optarg, strlen(optarg))) {
				free(tags);
				return cli_usage(&cmd_add, "bad tag '%s' (no "
				    "commas, not empty)", optarg);
			}
			tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
			tags[ntags++] = optarg;
			break;
		case 'T':
			title = optarg;
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
	if (check_url(argv[optind], &why) != 0) {
		free(tags);
		return cli_error("'%s' %s", argv[optind], why);
	}
	rc = store_feed_add(cli->st, argv[optind], title, tags, ntags, NULL);
	free(tags);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		printf("already subscribed: %s\n", argv[optind]);
	else
		printf("subscribed: %s\n", argv[optind]);
	return 0;
}

const struct command cmd_add = {
	"add", "URL [--tag TAG]... [--title TITLE]",
	"subscribe to a feed (no network needed)", NEED_STORE, run
};
