/* cmd_search.c: dossier search QUERY: full-text search, best first. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "jsonout.h"
#include "store.h"

extern const struct command cmd_search;
void	cli_print_article_line(const struct store_article *);

struct ctx {
	json_t	*arr;
};

static int
print_hit(void *vctx, const struct store_article *a)
{
	struct ctx *ctx = vctx;

	if (ctx->arr) {
		json_array_append_new(ctx->arr, jsonout_article(a));
		return 0;
	}
	cli_print_article_line(a);
	printf("           ");
	cli_puts_safe(a->snippet);
	printf("\n");
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx ctx = { NULL };
	int64_t limit = 50;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j') {
			if (ctx.arr == NULL)
				ctx.arr = json_array();
		} else if (c == 'n' && cli_parse_int(optarg, &limit) == 0)
			;
		else {
			json_decref(ctx.arr);
			return cli_usage(&cmd_search, "bad option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc - 1) {
		json_decref(ctx.arr);
		return cli_usage(&cmd_search, "one QUERY expected (quote it)");
	}
	if (store_search_each(cli->st, argv[optind], limit, print_hit,
	    &ctx) != 0) {
		json_decref(ctx.arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (ctx.arr)
		jsonout_print(ctx.arr);
	return 0;
}

const struct command cmd_search = {
	"search", "QUERY [--limit N] [--json]",
	"full-text search (SQLite FTS5 syntax), best matches first",
	NEED_STORE, run
};
