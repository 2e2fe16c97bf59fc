/* cmd_list.c: dossier list: articles, newest first. */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "beats.h"
#include "cli.h"
#include "feed.h"
#include "jsonout.h"
#include "store.h"
#include "xref.h"

extern const struct command cmd_list;

struct ctx {
	json_t	*arr;
};

void	cli_print_article_line(const struct store_article *);

void
cli_print_article_line(const struct store_article *a)
{
	char date[16] = "          ";
	struct tm tm;
	time_t t = (time_t)(a->published != DATE_NONE ? a->published :
	    a->updated != DATE_NONE ? a->updated : a->first_seen);

	if (gmtime_r(&t, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	printf("%6lld %c%c %s  ", (long long)a->id, a->read ? ' ' : 'N',
	    a->starred ? '*' : ' ', date);
	cli_puts_safe(a->feed_title);
	printf(": ");
	cli_puts_safe(a->title ? a->title : "(untitled)");
	printf("\n");
}

static int
print_article(void *vctx, const struct store_article *a)
{
	struct ctx *ctx = vctx;

	if (ctx->arr)
		json_array_append_new(ctx->arr, jsonout_article(a));
	else
		cli_print_article_line(a);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "unread", no_argument, NULL, 'u' },
		{ "starred", no_argument, NULL, 's' },
		{ "feed", required_argument, NULL, 'f' },
		{ "tag", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "name", required_argument, NULL, 'N' },
		{ "beat", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_query q = { 0 };
	struct ctx ctx = { NULL };
	const char *name = NULL, *beat = NULL;
	struct xref *x;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u': q.unread = 1; break;
		case 's': q.starred = 1; break;
		case 'f': q.feed_url = optarg; break;
		case 't': q.tag = optarg; break;
		case 'N': name = optarg; break;
		case 'b': beat = optarg; break;
		case 'j':
			if (ctx.arr == NULL)
				ctx.arr = json_array();
			break;
		case 'n':
		case 'o':
			if (cli_parse_int(optarg, c == 'n' ? &q.limit :
			    &q.offset) != 0) {
				json_decref(ctx.arr);
				return cli_usage(&cmd_list, "bad number '%s'",
				    optarg);
			}
			break;
		default:
			json_decref(ctx.arr);
			return cli_usage(&cmd_list, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc) {
		json_decref(ctx.arr);
		return cli_usage(&cmd_list, "unexpected argument '%s'",
		    argv[optind]);
	}
	if (beat != NULL) {	/* a beat's stories: src/beats */
		rc = beats_articles_each(cli->st, cli->cfg, beat, &q,
		    print_article, &ctx);
		if (rc == 1) {
			json_decref(ctx.arr);
			return cli_error("no beat named %s (see 'dossier beat "
			    "list')", beat);
		}
	} else if (name != NULL) {	/* stories naming NAME: src/xref */
		x = xref_new(cli->st);
		rc = xref_articles_naming(x, name, &q, print_article, &ctx);
		xref_free(x);
	} else
		rc = store_articles_each(cli->st, &q, print_article, &ctx);
	if (rc != 0) {
		json_decref(ctx.arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (ctx.arr)
		jsonout_print(ctx.arr);
	return 0;
}

const struct command cmd_list = {
	"list",
	"[--unread] [--starred] [--feed URL] [--tag TAG] [--limit N] "
	"[--offset N] [--name NAME] [--beat NAME] [--json]",
	"list articles, newest first", NEED_STORE | NEED_CONFIG, run
};
