/*
 * main.c: locale, global options, look up the command, set up what it
 * needs, run it, check stdout.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli.h"
#include "config.h"
#include "curl_dl.h"
#include "dstr.h"
#include "paths.h"
#include "settings.h"
#include "store.h"

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: dossier [--db PATH] [--config PATH] COMMAND "
	    "[ARGS]\n       dossier --help | --version\n\ncommands:\n");
	for (i = 0; commands[i] != NULL; i++)
		fprintf(fp, "  %-15s %s\n", commands[i]->name,
		    commands[i]->summary);
	fprintf(fp, "\n'dossier COMMAND --help' shows a command's options. "
	    "The archive is\n$DOSSIER_DB, else $XDG_DATA_HOME/dossier/"
	    "archive.db.\n");
}

static int
run(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
	struct config cfg;
	char *db = NULL, *cfgpath = NULL;
	int rc;

	if (cli_want_help(cmd, argc, argv))
		return 0;
	config_init(&cfg);
	if (cmd->needs & NEED_CONFIG) {
		if (cli->config_path == NULL)
			cli->config_path = cfgpath = paths_config_file();
		if (cfgpath == NULL && cli->config_path == NULL)
			return cli_error("cannot find the home directory "
			    "(set HOME)");
		/* mistakes, even an unreadable file, are reported and the
		 * defaults stand in */
		config_load(&cfg, cli->config_path);
		config_report(&cfg, stderr);
		cli->cfg = &cfg;
	}
	if (cmd->needs & NEED_STORE) {
		if (cli->db_path == NULL)
			cli->db_path = db = paths_default_db();
		if (cli->db_path == NULL) {
			config_release(&cfg);
			free(cfgpath);
			return cli_error("cannot find the home directory "
			    "(set HOME or use --db)");
		}
		if (store_open(&cli->st, cli->db_path, 0) != 0) {
			rc = cli_error("%s", store_errmsg(cli->st));
			store_close(cli->st);
			config_release(&cfg);
			free(db);
			free(cfgpath);
			return rc;
		}
	}
	rc = cmd->run(cli, argc, argv);
	store_close(cli->st);
	cli->st = NULL;
	config_release(&cfg);
	free(db);
	free(cfgpath);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli cli = { 0 };
	const struct command *cmd;
	int i, rc;

	setlocale(LC_ALL, "");
	cli.db_path = getenv("DOSSIER_DB");
	if (cli.db_path && *cli.db_path == '\0')
		cli.db_path = NULL;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			cli.db_path = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			cli.db_path = argv[i] + 5;
		else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			cli.config_path = argv[++i];
		else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("dossier %s\n", PACKAGE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "dossier: unknown option '%s'\n",
			    argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	if ((cmd = command_find(argv[i])) == NULL) {
		fprintf(stderr, "dossier: '%s' is not a command; "
		    "see 'dossier --help'\n", argv[i]);
		return 2;
	}
	cli_set_command(cmd->name);
	xmlInitParser();
	rc = run(&cli, cmd, argc - i, argv + i);
	if (curl_dl_error() != NULL) {
		fprintf(stderr, "dossier: cannot load libcurl: %s\n",
		    curl_dl_error());
		rc = rc ? rc : 1;
	}
	curl_dl_release();
	xmlCleanupParser();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "dossier: %s: writing the output: %s\n",
			    cmd->name, strerror(errno));
		return rc ? rc : 1;
	}
	return rc;
}
