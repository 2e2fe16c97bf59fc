/* cmd_names.c: dossier names: people and organisations, by story count. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "jsonout.h"
#include "store.h"
#include "xref.h"

extern const struct command cmd_names;

static int
print_name(void *ctx, const char *name, int64_t stories)
{
	json_t *arr = ctx, *o;

	if (arr) {
		o = json_object();
		json_object_set_new(o, "name", jsonout_str(name));
		json_object_set_new(o, "stories", json_integer(stories));
		json_array_append_new(arr, o);
		return 0;
	}
	printf("%6lld  ", (long long)stories);
	cli_puts_safe(name);
	printf("\n");
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "article", required_argument, NULL, 'a' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_article a;
	struct xref *x;
	json_t *arr = NULL;
	int64_t id = 0, limit = 0;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
		case 'n':
			if (cli_parse_int(optarg, c == 'a' ? &id : &limit) !=
			    0) {
				json_decref(arr);
				return cli_usage(&cmd_names, "bad number '%s'",
				    optarg);
			}
			break;
		case 'j':
			if (arr == NULL)
				arr = json_array();
			break;
		default:
			json_decref(arr);
			return cli_usage(&cmd_names, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc) {
		json_decref(arr);
		return cli_usage(&cmd_names, "unexpected argument '%s'",
		    argv[optind]);
	}
	if (id > 0) {
		rc = store_article_get(cli->st, id, &a);
		if (rc == 0)
			store_article_release(&a);
		if (rc != 0) {
			json_decref(arr);
			return rc == 1 ? cli_error("no article %lld",
			    (long long)id) : cli_error("%s",
			    store_errmsg(cli->st));
		}
	}
	x = xref_new(cli->st);
	rc = xref_names_each(x, id, limit, print_name, arr);
	xref_free(x);
	if (rc != 0) {
		json_decref(arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (arr)
		jsonout_print(arr);
	return 0;
}

const struct command cmd_names = {
	"names", "[--article ID] [--limit N] [--json]",
	"names of people and organisations, with the number of stories "
	"naming each", NEED_STORE, run
};
