/* cmd_read.c: dossier read: the reader (the TUI) on the archive. */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "dstr.h"
#include "tui.h"

extern const struct command cmd_read;

static int
run(struct cli *cli, int argc, char **argv)
{
	struct tui_opts opts = { 0 };
	struct dstr err = DSTR_INIT;
	const char *s;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage(&cmd_read, "no arguments expected");
	if (!isatty(0) || !isatty(1))
		return cli_error("the reader needs a terminal; "
		    "see 'dossier list' and 'dossier show'");
	/* the front end reads the environment; the TUI gets the values */
	opts.db_path = cli->db_path;
	s = getenv("BROWSER");
	opts.env_browser = s && *s ? s : NULL;
	opts.in_tmux = getenv("TMUX") != NULL;
	opts.in_screen = getenv("STY") != NULL;
	rc = tui_run(cli->st, cli->cfg, &opts, &err);
	if (rc != 0)
		rc = cli_error("%s", err.buf);
	dstr_release(&err);
	return rc;
}

const struct command cmd_read = {
	"read", "", "read the archive in the terminal (the reader)",
	NEED_STORE | NEED_CONFIG, run
};
