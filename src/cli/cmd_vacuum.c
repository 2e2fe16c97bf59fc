/* cmd_vacuum.c: dossier vacuum: give unused space back to the disk. */
#include <stdio.h>

#include "cli.h"
#include "docs.h"
#include "store.h"

extern const struct command cmd_vacuum;

static int
run(struct cli *cli, int argc, char **argv)
{
	int64_t before, after;

	if (argc != 1)
		return cli_usage(&cmd_vacuum, "no arguments expected");
	if (docs_vacuum(cli->st, &before, &after) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("vacuumed: %lld bytes before, %lld after\n",
	    (long long)before, (long long)after);
	return 0;
}

const struct command cmd_vacuum = {
	"vacuum", "",
	"rebuild the archive file to give unused space back",
	NEED_STORE, run
};
