/*
 * cmd_rules.c: dossier rules [list [--json] | add [--expire DAYS] [--drop]
 * QUERY... | remove ID]: keep and ignore rules (src/beats).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "beats.h"
#include "cli.h"
#include "dstr.h"
#include "jsonout.h"
#include "store.h"

extern const struct command cmd_rules;

void	cli_query_error(const char *query, const struct rule_error *);

struct ctx {
	json_t	*arr;
	int	 header;
	int64_t	 now;
};

static void
print_date(int64_t t)
{
	char buf[16] = "?";
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) != NULL)
		strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	printf("%s", buf);
}

static int
print_rule(void *vctx, const struct beats_rule *r)
{
	struct ctx *ctx = vctx;
	json_t *o;

	if (ctx->arr) {
		o = json_object();
		if (r->id)
			json_object_set_new(o, "id", json_integer(r->id));
		json_object_set_new(o, "kind", json_string(r->kind ==
		    BEATS_KEEP ? "keep" : "ignore"));
		if (r->kind == BEATS_KEEP) {
			json_object_set_new(o, "feed", jsonout_str(r->target));
			json_object_set_new(o, "beat", jsonout_str(r->query));
		} else {
			json_object_set_new(o, "query", jsonout_str(r->query));
			json_object_set_new(o, "drop", json_boolean(r->drop));
			json_object_set_new(o, "expire_days",
			    json_integer(r->days));
			json_object_set_new(o, "expires", r->expires ?
			    jsonout_date(r->expires) : json_null());
			json_object_set_new(o, "expired", json_boolean(
			    r->expires && r->expires <= ctx->now));
		}
		json_object_set_new(o, "source", json_string(r->line ?
		    "config" : "archive"));
		if (r->line)
			json_object_set_new(o, "line", json_integer(r->line));
		if (r->id) {
			json_object_set_new(o, "last_poll",
			    json_integer(r->last));
			json_object_set_new(o, "hidden",
			    json_integer(r->hidden));
		}
		if (r->error)
			json_object_set_new(o, "error", jsonout_str(r->error));
		json_array_append_new(ctx->arr, o);
		return 0;
	}
	if (!ctx->header) {
		/* LAST: matched (ignore) or skipped (keep) in the last poll */
		printf("  ID   LAST HIDDEN  RULE\n");
		ctx->header = 1;
	}
	if (r->id)
		printf("%4lld %6lld %6lld  ", (long long)r->id,
		    (long long)r->last, (long long)r->hidden);
	else
		printf("%4s %6s %6s  ", "-", "-", "-");
	if (r->kind == BEATS_KEEP) {
		printf("feed ");
		cli_puts_safe(r->target);
		printf(" keep ");
	} else {
		printf("ignore ");
		if (r->days)
			printf("--expire %d ", r->days);
		if (r->drop)
			printf("--drop ");
	}
	cli_puts_safe(r->query);
	if (r->line)
		printf("  (config line %d)", r->line);
	if (r->expires && r->expires <= ctx->now) {
		printf("  (expired ");
		print_date(r->expires);
		printf(")");
	} else if (r->expires) {
		printf("  (until ");
		print_date(r->expires);
		printf(")");
	}
	printf("\n");
	if (r->error) {
		printf("%19serror: ", "");
		cli_puts_safe(r->error);
		printf("\n");
	}
	return 0;
}

static int
rules_list(struct cli *cli, int argc, char **argv)
{
	struct ctx ctx = { NULL, 0, (int64_t)time(NULL) };

	if (argc > 1 && strcmp(argv[1], "--json") == 0) {
		ctx.arr = json_array();
		argc--;
		argv++;
	}
	if (argc > 1) {
		json_decref(ctx.arr);
		return cli_usage(&cmd_rules, "unexpected argument '%s'",
		    argv[1]);
	}
	if (beats_rules_each(cli->st, cli->cfg, ctx.now, print_rule,
	    &ctx) != 0) {
		json_decref(ctx.arr);
		return cli_error("%s", store_errmsg(cli->st));
	}
	if (ctx.arr)
		jsonout_print(ctx.arr);
	else if (!ctx.header)
		printf("no rules (see 'dossier rules add' and dossier(5))\n");
	return 0;
}

static int
rules_add(struct cli *cli, int argc, char **argv)
{
	struct dstr q = DSTR_INIT;
	struct rule_error err;
	int64_t days = 0, id = 0;
	int i, drop = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--drop") == 0)
			drop = 1;
		else if (strcmp(argv[i], "--expire") == 0 && i + 1 < argc) {
			if (cli_parse_int(argv[++i], &days) != 0 ||
			    days < 1 || days > 100000)
				return cli_usage(&cmd_rules, "--expire wants "
				    "a number of days");
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	if (i >= argc)
		return cli_usage(&cmd_rules, "rules add wants a QUERY");
	for (; i < argc; i++) {
		if (q.len)
			dstr_addc(&q, ' ');
		dstr_adds(&q, argv[i]);
	}
	rc = beats_ignore_add(cli->st, q.buf, (int)days, drop,
	    (int64_t)time(NULL), &id, &err);
	if (rc < 0) {
		if (err.column)
			cli_query_error(q.buf, &err);
		else
			cli_error("%s", store_errmsg(cli->st));
		dstr_release(&q);
		return 1;
	}
	printf("%s rule %lld: ignore ", rc == 1 ? "there is already" : "added",
	    (long long)id);
	if (days)
		printf("--expire %lld ", (long long)days);
	if (drop)
		printf("--drop ");
	cli_puts_safe(q.buf);
	printf("\n");
	dstr_release(&q);
	return 0;
}

static int
rules_remove(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	int rc;

	if (argc != 2 || cli_parse_int(argv[1], &id) != 0)
		return cli_usage(&cmd_rules, "rules remove wants a rule's ID "
		    "(see 'dossier rules')");
	rc = beats_rule_remove(cli->st, id);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no rule %lld", (long long)id);
	if (rc == 2)
		return cli_error("rule %lld is in the config file; remove it "
		    "there", (long long)id);
	printf("removed rule %lld\n", (long long)id);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return rules_list(cli, argc - (argc > 1), argv + (argc > 1));
	if (strcmp(argv[1], "--json") == 0)
		return rules_list(cli, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		return rules_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0 || strcmp(argv[1], "rm") == 0)
		return rules_remove(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_rules, "unknown subcommand '%s'", argv[1]);
}

const struct command cmd_rules = {
	"rules",
	"[list [--json] | add [--expire DAYS] [--drop] QUERY... | remove ID]",
	"keep and ignore rules, with what each did in the last poll",
	NEED_STORE | NEED_CONFIG, run
};
