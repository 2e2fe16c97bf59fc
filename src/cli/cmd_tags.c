/* cmd_tags.c: dossier tags [--json] [PREFIX]: the quote tags in use. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonout.h"
#include "quotes.h"

extern const struct command cmd_tags;

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct quote_tag *v;
	struct quotes *q;
	json_t *a;
	size_t n, i;
	int c, json = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return cli_usage(&cmd_tags, "unknown option '%s'",
			    argv[optind - 1]);
		json = 1;
	}
	if (argc - optind > 1)
		return cli_usage(&cmd_tags, "at most one PREFIX expected");
	q = quotes_new(cli->st);
	if (quotes_tags(q, optind < argc ? argv[optind] : NULL, &v, &n) != 0) {
		c = cli_error("%s", quotes_errmsg(q));
		quotes_free(q);
		return c;
	}
	quotes_free(q);
	if (json) {
		a = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:o,s:I}", "tag",
			    jsonout_str(v[i].name), "count",
			    (json_int_t)v[i].count));
		jsonout_print(a);
	} else
		for (i = 0; i < n; i++) {
			printf("%6lld  ", (long long)v[i].count);
			cli_puts_safe(v[i].name);
			printf("\n");
		}
	quote_tags_free(v, n);
	return 0;
}

const struct command cmd_tags = {
	"tags", "[--json] [PREFIX]", "list the quote tags in use, with counts",
	NEED_STORE, run
};
