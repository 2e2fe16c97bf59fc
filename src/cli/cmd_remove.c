/* cmd_remove.c: dossier remove URL. */
#include <stdio.h>

#include "cli.h"
#include "store.h"

extern const struct command cmd_remove;

static int
run(struct cli *cli, int argc, char **argv)
{
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(&cmd_remove, "one URL expected");
	rc = store_feed_remove(cli->st, argv[1]);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("not subscribed: %s", argv[1]);
	printf("removed: %s\n", argv[1]);
	return 0;
}

const struct command cmd_remove = {
	"remove", "URL", "unsubscribe and delete the feed's articles",
	NEED_STORE, run
};
