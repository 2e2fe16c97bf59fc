/*
 * cmd_fulltext.c: dossier fulltext ID... | --feed URL [--limit N]: fetch
 * the page each article links to and keep its main content next to the
 * feed's summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docs.h"
#include "store.h"
#include "xalloc.h"

extern const struct command cmd_fulltext;

struct ids {
	int64_t	*v;
	size_t	 n;
};

struct outcome {
	int	 stored, failed;
};

static int
collect(void *ctx, const struct store_article *a)
{
	struct ids *ids = ctx;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof(*ids->v));
	ids->v[ids->n++] = a->id;
	return 0;
}

static void
on_done(void *ctx, const struct docs_ft_report *r)
{
	struct outcome *o = ctx;

	printf("%lld: ", (long long)r->id);
	switch (r->outcome) {
	case DOCS_FT_STORED:
		o->stored++;
		printf("stored %zu bytes of text from ", r->text_len);
		cli_puts_safe(r->url);
		printf("\n");
		return;
	case DOCS_FT_EMPTY:
		printf("no readable text at ");
		cli_puts_safe(r->url);
		printf("\n");
		return;
	case DOCS_FT_NOLINK:
		printf("skipped: the article has no http(s) link\n");
		return;
	case DOCS_FT_NOARTICLE:
	case DOCS_FT_FAILED:
		break;
	}
	o->failed++;
	printf("failed\n");
	fflush(stdout);
	if (r->url)
		cli_error("%lld: %s: %s", (long long)r->id, r->url,
		    r->error ? r->error : "failed");
	else
		cli_error("%lld: %s", (long long)r->id,
		    r->error ? r->error : "failed");
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "feed", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct ids ids = { NULL, 0 };
	struct outcome o = { 0, 0 };
	struct docs_fulltext *job;
	struct store_feed f;
	const char *feed = NULL;
	int64_t limit = 0, id;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			feed = optarg;
		else if (c == 'n' && cli_parse_int(optarg, &limit) == 0)
			;
		else
			return cli_usage(&cmd_fulltext, "bad option '%s'",
			    argv[optind - 1]);
	}
	if ((feed == NULL) == (optind == argc))
		return cli_usage(&cmd_fulltext, "article IDs or --feed URL "
		    "expected (not both)");
	for (; optind < argc; optind++) {
		if (cli_parse_int(argv[optind], &id) != 0) {
			free(ids.v);
			return cli_usage(&cmd_fulltext, "'%s' is not an "
			    "article ID", argv[optind]);
		}
		ids.v = xreallocarray(ids.v, ids.n + 1, sizeof(*ids.v));
		ids.v[ids.n++] = id;
	}
	if (feed) {
		rc = store_feed_get(cli->st, feed, &f);
		if (rc < 0)
			return cli_error("%s", store_errmsg(cli->st));
		if (rc == 1)
			return cli_error("no subscription %s", feed);
		rc = docs_fulltext_pending(cli->st, f.id, 0, limit, collect,
		    &ids);
		store_feed_release(&f);
		if (rc != 0) {
			free(ids.v);
			return cli_error("%s", store_errmsg(cli->st));
		}
		if (ids.n == 0) {
			printf("every article of %s with a link has its "
			    "full text\n", feed);
			return 0;
		}
	}
	job = docs_fulltext_start(cli->st, cli->cfg, ids.v, ids.n, on_done,
	    &o);
	while (docs_fulltext_step(job, 1000) > 0)
		;
	docs_fulltext_free(job);
	free(ids.v);
	return o.failed ? 1 : 0;
}

const struct command cmd_fulltext = {
	"fulltext", "ID... | --feed URL [--limit N]",
	"fetch the pages articles link to and keep their main content",
	NEED_STORE | NEED_CONFIG, run
};
