/*
 * cmd_doc.c: dossier doc add FILE|URL [--title T] [--tag T]... [--url U]
 * [--type T], doc list [--json], doc remove ID: primary documents, kept
 * in the archive's Documents source.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "docs.h"
#include "feed.h"
#include "jsonout.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

extern const struct command cmd_doc;

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static int
doc_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tag", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'T' },
		{ "url", required_argument, NULL, 'u' },
		{ "type", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const verbs[] = {
		[STORE_ITEM_NEW] = "added",
		[STORE_ITEM_UPDATED] = "updated",
		[STORE_ITEM_UNCHANGED] = "unchanged",
	};
	struct docs_add_opts o;
	struct docs_added added;
	const char **tags = NULL, *why;
	size_t ntags = 0;
	int c, rc, t;

	memset(&o, 0, sizeof(o));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (*optarg == '\0' || strchr(optarg, '\n') ||
			    !utf8_valid(optarg, strlen(optarg))) {
				free(tags);
				return cli_usage(&cmd_doc, "bad tag '%s'",
				    optarg);
			}
			tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
			tags[ntags++] = optarg;
			break;
		case 'T':
			o.title = optarg;
			break;
		case 'u':
			if (cli_check_feed_url(optarg, &why) != 0) {
				free(tags);
				return cli_error("--url '%s' %s", optarg, why);
			}
			o.url = optarg;
			break;
		case 'y':
			if ((t = docs_type_parse(optarg)) < 0) {
				free(tags);
				return cli_usage(&cmd_doc, "--type is html, "
				    "text, markdown or pdf");
			}
			o.type = (enum docs_type)t;
			break;
		default:
			free(tags);
			return cli_usage(&cmd_doc, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc - 1) {
		free(tags);
		return cli_usage(&cmd_doc, "doc add: one FILE or URL expected");
	}
	o.tags = tags;
	o.ntags = ntags;
	o.cfg = cli->cfg;
	if (is_url(argv[optind])) {
		if (cli_check_feed_url(argv[optind], &why) != 0) {
			free(tags);
			return cli_error("'%s' %s", argv[optind], why);
		}
		rc = docs_add_url(cli->st, argv[optind], &o, &added);
	} else
		rc = docs_add_file(cli->st, argv[optind], &o, &added);
	free(tags);
	if (rc != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("%s document %lld (%s, %zu bytes of text): ",
	    verbs[added.result], (long long)added.id,
	    docs_type_name(added.type), added.text_len);
	cli_puts_safe(added.title);
	printf("\n");
	if (added.url) {
		printf("  ");
		cli_puts_safe(added.url);
		printf("\n");
	}
	docs_added_release(&added);
	return 0;
}

static int
print_doc(void *ctx, const struct store_article *a)
{
	json_t *arr = ctx;
	char date[16] = "          ";
	struct tm tm;
	time_t t;

	if (arr) {
		json_array_append_new(arr, jsonout_article(a));
		return 0;
	}
	t = (time_t)(a->published != DATE_NONE ? a->published :
	    a->first_seen);
	if (gmtime_r(&t, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	printf("%6lld  %s  ", (long long)a->id, date);
	cli_puts_safe(a->title ? a->title : "(untitled)");
	printf("\n");
	if (a->url) {
		printf("                    ");
		cli_puts_safe(a->url);
		printf("\n");
	}
	return 0;
}

static int
doc_list(struct cli *cli, int argc, char **argv)
{
	json_t *arr = NULL;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		arr = json_array();
	else if (argc != 1)
		return cli_usage(&cmd_doc, "doc list takes only --json");
	if (docs_each(cli->st, print_doc, arr) != 0) {
		json_decref(arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (arr)
		jsonout_print(arr);
	return 0;
}

static int
doc_remove(struct cli *cli, int argc, char **argv)
{
	int64_t id, nquotes = 0;
	int rc;

	if (argc != 2 || cli_parse_int(argv[1], &id) != 0)
		return cli_usage(&cmd_doc, "doc remove: one document ID "
		    "expected");
	rc = docs_remove(cli->st, id, &nquotes);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no document %lld (see 'dossier doc list')",
		    (long long)id);
	if (nquotes > 0)
		printf("removed document %lld and its %lld quote%s\n",
		    (long long)id, (long long)nquotes, nquotes == 1 ? "" : "s");
	else
		printf("removed document %lld\n", (long long)id);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_doc, "add, list or remove?");
	if (strcmp(argv[1], "add") == 0)
		return doc_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return doc_list(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0 || strcmp(argv[1], "rm") == 0)
		return doc_remove(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_doc, "'%s': add, list or remove?", argv[1]);
}

const struct command cmd_doc = {
	"doc",
	"add FILE|URL [--title T] [--tag T]... [--url U] [--type T]\n"
	"       dossier doc list [--json]\n"
	"       dossier doc remove ID",
	"primary documents (HTML, text, Markdown, PDF) kept in the archive",
	NEED_STORE | NEED_CONFIG, run
};
