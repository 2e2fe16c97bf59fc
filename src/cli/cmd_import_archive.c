/*
 * cmd_import_archive.c: dossier import-archive FILE|-: read a dump made by
 * `dossier export --json` back into an empty archive, nothing lost.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docs.h"
#include "store.h"

extern const struct command cmd_import_archive;

static int
run(struct cli *cli, int argc, char **argv)
{
	const char *path;
	int64_t rows;
	FILE *fp;
	int rc;

	if (argc != 2)
		return cli_usage(&cmd_import_archive, "one FILE expected "
		    "(- for standard input)");
	path = argv[1];
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return cli_error("%s: %s", path, strerror(errno));
	rc = docs_import_json(cli->st, fp, strcmp(path, "-") == 0 ?
	    "stdin" : path, &rows);
	if (fp != stdin)
		fclose(fp);
	if (rc != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("imported %lld rows from %s\n", (long long)rows, path);
	return 0;
}

const struct command cmd_import_archive = {
	"import-archive", "FILE|-",
	"read a dump of 'dossier export --json' into an empty archive",
	NEED_STORE, run
};
