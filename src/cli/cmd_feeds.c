/* cmd_feeds.c: dossier feeds [--json]: subscriptions and their state. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dstr.h"
#include "fetch.h"
#include "jsonout.h"
#include "store.h"
#include "utf8.h"

extern const struct command cmd_feeds;

struct ctx {
	json_t			*arr;
	const struct config	*cfg;	/* --verbose: effective settings */
};

static int
print_feed(void *vctx, const struct store_feed *f)
{
	struct ctx *ctx = vctx;

	if (ctx->arr) {
		json_array_append_new(ctx->arr, jsonout_feed(f));
		return 0;
	}
	printf("%5lld/%-5lld ", (long long)f->unread, (long long)f->total);
	cli_puts_safe(f->title ? f->title : f->url);
	printf("\n            ");
	cli_puts_safe(f->url);
	if (f->tags[0]) {
		printf("  [");
		cli_puts_safe(f->tags);
		printf("]");
	}
	printf("\n");
	if (f->last_error) {
		printf("            last poll failed: ");
		cli_puts_safe(f->last_error);
		printf("\n");
	}
	if (ctx->cfg && !f->is_documents) {
		struct dstr d = DSTR_INIT;
		const char *p, *nl;

		fetch_effective_settings(ctx->cfg, f, &d);
		for (p = d.buf; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			printf("            %.*s\n",
			    (int)(nl ? nl - p : (ptrdiff_t)strlen(p)), p);
			if (nl == NULL)
				break;
		}
		dstr_release(&d);
	}
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tag", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx ctx = { NULL, NULL };
	const char *tag = NULL;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'j')
			ctx.arr = ctx.arr ? ctx.arr : json_array();
		else if (c == 't')
			tag = optarg;
		else if (c == 'v')
			ctx.cfg = cli->cfg;
		else {
			json_decref(ctx.arr);
			return cli_usage(&cmd_feeds, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc) {
		json_decref(ctx.arr);
		return cli_usage(&cmd_feeds, "no arguments expected");
	}
	if (store_feeds_each(cli->st, tag, print_feed, &ctx) != 0) {
		json_decref(ctx.arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (ctx.arr)
		jsonout_print(ctx.arr);
	return 0;
}

const struct command cmd_feeds = {
	"feeds", "[--tag TAG] [--verbose] [--json]",
	"list subscriptions: unread/total, last error (--verbose: settings)",
	NEED_STORE | NEED_CONFIG, run
};
