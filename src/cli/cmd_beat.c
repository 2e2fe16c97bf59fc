/*
 * cmd_beat.c: dossier beat [list [--json] | add NAME QUERY... |
 * remove NAME]: beats, saved queries (src/beats).
 */
#include <stdio.h>
#include <string.h>

#include "beats.h"
#include "cli.h"
#include "dstr.h"
#include "jsonout.h"
#include "store.h"
#include "utf8.h"

extern const struct command cmd_beat;

void	cli_query_error(const char *query, const struct rule_error *);

/*
 * A mistake in a query: the message, then the query with a caret under
 * the place (stderr).
 */
void
cli_query_error(const char *query, const struct rule_error *err)
{
	struct dstr line = DSTR_INIT, before = DSTR_INIT;
	size_t width;

	cli_error("%s", err->msg);
	if (err->column == 0)
		return;
	utf8_sanitize(&line, query, strlen(query), SAN_ONE_LINE);
	utf8_sanitize(&before, query, err->offset, SAN_ONE_LINE);
	width = utf8_width(before.buf, before.len);
	fprintf(stderr, "  %s\n  %*s^\n", line.buf, (int)width, "");
	dstr_release(&line);
	dstr_release(&before);
}

/* The words of argv joined by blanks. */
static void
join(struct dstr *d, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (i)
			dstr_addc(d, ' ');
		dstr_adds(d, argv[i]);
	}
}

static int
print_beat(void *ctx, const struct beat *b)
{
	json_t *arr = ctx, *o;

	if (arr) {
		o = json_object();
		json_object_set_new(o, "name", jsonout_str(b->name));
		json_object_set_new(o, "query", jsonout_str(b->query));
		json_object_set_new(o, "source", json_string(b->line ?
		    "config" : "archive"));
		if (b->line)
			json_object_set_new(o, "line", json_integer(b->line));
		if (b->error) {
			json_object_set_new(o, "error", jsonout_str(b->error));
		} else {
			json_object_set_new(o, "unread",
			    json_integer(b->unread));
			json_object_set_new(o, "total", json_integer(b->total));
		}
		json_array_append_new(arr, o);
		return 0;
	}
	if (b->error)
		printf("%5s/%-5s ", "-", "-");
	else
		printf("%5lld/%-5lld ", (long long)b->unread,
		    (long long)b->total);
	cli_puts_safe(b->name);
	if (b->line)
		printf("  (config line %d)", b->line);
	printf("\n            ");
	cli_puts_safe(b->query);
	printf("\n");
	if (b->error) {
		printf("            error: ");
		cli_puts_safe(b->error);
		printf("\n");
	}
	return 0;
}

static int
beat_list(struct cli *cli, int argc, char **argv)
{
	json_t *arr = NULL;
	int rc;

	if (argc > 1 && strcmp(argv[1], "--json") == 0) {
		arr = json_array();
		argc--;
		argv++;
	}
	if (argc > 1) {
		json_decref(arr);
		return cli_usage(&cmd_beat, "unexpected argument '%s'",
		    argv[1]);
	}
	rc = beats_each(cli->st, cli->cfg, 1, print_beat, arr);
	if (rc != 0) {
		json_decref(arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (arr)
		jsonout_print(arr);
	return 0;
}

static int
beat_add(struct cli *cli, int argc, char **argv)
{
	struct dstr q = DSTR_INIT;
	struct rule_error err;
	struct rule *r;
	int64_t unread = 0, total = 0;
	int rc;

	if (argc < 3)
		return cli_usage(&cmd_beat, "beat add wants a NAME and a "
		    "QUERY");
	join(&q, argc - 2, argv + 2);
	rc = beats_add(cli->st, cli->cfg, argv[1], q.buf, &err);
	if (rc < 0) {
		if (err.column)
			cli_query_error(q.buf, &err);
		else
			cli_error("%s", store_errmsg(cli->st));
		dstr_release(&q);
		return 1;
	}
	if (beats_open(cli->st, cli->cfg, argv[1], &r, &err) == 0) {
		if (rule_count(r, NULL, &unread, &total) != 0)
			unread = total = 0;
		rule_free(r);
	}
	printf("%s beat ", rc == 1 ? "changed" : "added");
	cli_puts_safe(argv[1]);
	printf(": %lld stor%s, %lld unread\n", (long long)total,
	    total == 1 ? "y" : "ies", (long long)unread);
	dstr_release(&q);
	return 0;
}

static int
beat_remove(struct cli *cli, int argc, char **argv)
{
	int rc;

	if (argc != 2)
		return cli_usage(&cmd_beat, "beat remove wants a NAME");
	rc = beats_remove(cli->st, cli->cfg, argv[1]);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no beat named %s in the archive", argv[1]);
	printf("removed beat ");
	cli_puts_safe(argv[1]);
	printf("\n");
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return beat_list(cli, argc - (argc > 1), argv + (argc > 1));
	if (strcmp(argv[1], "--json") == 0)
		return beat_list(cli, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		return beat_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0 || strcmp(argv[1], "rm") == 0)
		return beat_remove(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_beat, "unknown subcommand '%s'", argv[1]);
}

const struct command cmd_beat = {
	"beat", "[list [--json] | add NAME QUERY... | remove NAME]",
	"beats: saved queries over the archive, with unread counts",
	NEED_STORE | NEED_CONFIG, run
};
