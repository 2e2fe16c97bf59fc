/* cmd_refs.c: dossier refs ID: the cross-references of an article. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonout.h"
#include "store.h"
#include "xref.h"

extern const struct command cmd_refs;

static json_t *
entry_json(enum xref_section sec, const struct xref_entry *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", e->id > 0 ? json_integer(e->id) :
	    json_null());
	json_object_set_new(o, "title", jsonout_str(e->title));
	json_object_set_new(o, "url", jsonout_str(e->url));
	switch (sec) {
	case XREF_LINKS_OUT:
		json_object_set_new(o, "archived", json_boolean(e->id > 0));
		json_object_set_new(o, "norm_url", jsonout_str(e->norm_url));
		json_object_set_new(o, "text", jsonout_str(e->text));
		json_object_set_new(o, "link", json_integer(e->link_no));
		break;
	case XREF_NAMES:
		json_object_set_new(o, "name", jsonout_str(e->text));
		json_object_set_new(o, "count", json_integer(e->count));
		json_object_set_new(o, "mentions", json_integer(e->mentions));
		return o;
	case XREF_LINKED_FROM:
		json_object_set_new(o, "text", jsonout_str(e->text));
		break;
	case XREF_SAME_QUOTE:
		json_object_set_new(o, "text", jsonout_str(e->text));
		json_object_set_new(o, "windows", json_integer(e->count));
		break;
	case XREF_RELATED:
		json_object_set_new(o, "score", json_real(e->score));
		break;
	default:
		break;
	}
	if (e->id > 0) {
		json_object_set_new(o, "feed", jsonout_str(e->feed_title));
		json_object_set_new(o, "date", jsonout_date(e->date));
	}
	return o;
}

static int
print_json(const struct xref_refs *r)
{
	json_t *o = json_object(), *arr;
	size_t i;
	int s;

	for (s = 0; s < XREF_NSECTIONS; s++) {
		arr = json_array();
		for (i = 0; i < r->sec[s].n; i++)
			json_array_append_new(arr, entry_json(s,
			    &r->sec[s].v[i]));
		json_object_set_new(o, xref_section_key(s), arr);
	}
	return jsonout_print(o);
}

/* "  ID  Title (Feed)" */
static void
article_line(const struct xref_entry *e, const char *mark)
{
	printf("  %s%lld  ", mark, (long long)e->id);
	cli_puts_safe(e->title ? e->title : "(untitled)");
	if (e->feed_title) {
		printf(" (");
		cli_puts_safe(e->feed_title);
		printf(")");
	}
	printf("\n");
}

static void
print_text(const struct xref_refs *r)
{
	const struct xref_entry *e;
	size_t i;
	int s;

	for (s = 0; s < XREF_NSECTIONS; s++) {
		printf("%s%s (%zu)\n", s ? "\n" : "", xref_section_title(s),
		    r->sec[s].n);
		for (i = 0; i < r->sec[s].n; i++) {
			e = &r->sec[s].v[i];
			switch (s) {
			case XREF_LINKS_OUT:
				if (e->id > 0) {
					/* archived: marked, with its title */
					article_line(e, "* ");
					printf("      ");
				} else
					printf("    ");
				cli_puts_safe(e->url);
				printf("\n");
				break;
			case XREF_SAME_QUOTE:
				article_line(e, "");
				printf("      \"");
				cli_puts_safe(e->text);
				printf("\"\n");
				break;
			case XREF_NAMES:
				printf("  ");
				cli_puts_safe(e->text);
				printf(" (%lld other %s)\n",
				    (long long)e->count,
				    e->count == 1 ? "story" : "stories");
				break;
			default:
				article_line(e, "");
				break;
			}
		}
	}
}

static int
reindex_progress(void *ctx, int64_t done, int64_t total)
{
	(void)ctx;
	if (done == total)
		printf("indexed %lld articles\n", (long long)total);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "reindex", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct xref_refs r;
	struct xref *x;
	int64_t id = 0;
	int c, rc, json = 0, reindex = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'r': reindex = 1; break;
		default:
			return cli_usage(&cmd_refs, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (reindex && optind == argc && !json) {
		x = xref_new(cli->st);
		rc = xref_reindex(x, reindex_progress, NULL);
		xref_free(x);
		return rc == 0 ? 0 : cli_error("%s", store_errmsg(cli->st));
	}
	if (reindex || optind + 1 != argc ||
	    cli_parse_int(argv[optind], &id) != 0 || id == 0)
		return cli_usage(&cmd_refs, "one article ID expected");
	x = xref_new(cli->st);
	rc = xref_refs_get(x, id, XREF_ALL, &r);
	if (rc == 0) {
		if (json)
			print_json(&r);
		else
			print_text(&r);
	}
	xref_refs_release(&r);
	xref_free(x);
	if (rc == 1)
		return cli_error("no article %lld", (long long)id);
	if (rc != 0)
		return cli_error("%s", store_errmsg(cli->st));
	return 0;
}

const struct command cmd_refs = {
	"refs", "ID [--json] | --reindex",
	"cross-references of an article: links, backlinks, shared "
	"quotations, names, related stories",
	NEED_STORE, run
};
