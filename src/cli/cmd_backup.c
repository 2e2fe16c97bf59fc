/*
 * cmd_backup.c: dossier backup FILE [--force]: a consistent copy of the
 * archive through SQLite's online backup API, safe while a poll runs.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docs.h"
#include "store.h"

extern const struct command cmd_backup;

static int
run(struct cli *cli, int argc, char **argv)
{
	const char *dest = NULL;
	int i, force = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0)
			force = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(&cmd_backup, "unknown option '%s'",
			    argv[i]);
		else if (dest == NULL)
			dest = argv[i];
		else
			return cli_usage(&cmd_backup, "one FILE expected");
	}
	if (dest == NULL)
		return cli_usage(&cmd_backup, "one FILE expected");
	if (docs_backup(cli->st, dest, force) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("backed up the archive to %s\n", dest);
	return 0;
}

const struct command cmd_backup = {
	"backup", "FILE [--force]",
	"copy the archive to FILE (consistent, safe during a poll)",
	NEED_STORE, run
};
