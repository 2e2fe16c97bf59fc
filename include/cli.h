/*
 * cli.h: the command table and what every command gets.
 *
 * Each command lives in src/cli/cmd_NAME.c and exports one
 * `const struct command cmd_NAME`; src/cli/commands.c lists them.  main()
 * sets up what a command `needs` (the archive, the config), runs it and
 * checks stdout afterwards.  run() returns the exit status: 0 ok,
 * 1 failure, 2 usage.  Errors are reported with cli_error(), one line.
 */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stdint.h>

struct store;
struct config;

enum {
	NEED_STORE	= 1 << 0,	/* open (and migrate) the archive */
	NEED_CONFIG	= 1 << 1,	/* read the config file */
};

struct cli {
	const char	*db_path;	/* --db, DOSSIER_DB or the default */
	const char	*config_path;	/* --config, or the default */
	struct store	*st;		/* when NEED_STORE */
	const struct config *cfg;	/* when NEED_CONFIG */
};

struct command {
	const char	*name;
	const char	*usage;		/* arguments, after the name */
	const char	*summary;	/* one line for --help */
	int		 needs;
	int		(*run)(struct cli *, int argc, char **argv);
};

extern const struct command *const commands[];
const struct command *command_find(const char *name);

/* "dossier: CMD: message" on stderr; returns 1 (the failure status). */
int	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, but for usage mistakes: also prints the usage; returns 2. */
int	cli_usage(const struct command *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Program name and command name used in messages. */
void	cli_set_command(const char *);
/* Parse a positive integer argument; -1 on error. */
int	cli_parse_int(const char *s, int64_t *out);
/* Print text from the archive or a feed, sanitised, to stdout. */
void	cli_puts_safe(const char *s);
/* Wants --help? (argv[1] is --help or -h) Prints the usage, returns 1. */
int	cli_want_help(const struct command *, int argc, char **argv);

/* An http(s) URL without blanks or controls: 0; else -1 and *why. */
int	cli_check_feed_url(const char *url, const char **why);

struct ingest_stats;
/*
 * Ingest a feed file (path "-": stdin) into feed feed_id as if polled from
 * feed_url; the parser's warnings go to stderr, one line each.  0 or 1
 * (an error was reported).
 */
int	cli_ingest_file(struct cli *, int64_t feed_id, const char *feed_url,
	    const char *path, struct ingest_stats *);

#endif
