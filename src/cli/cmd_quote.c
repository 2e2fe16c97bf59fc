/*
 * cmd_quote.c: dossier quote add|edit|remove|show: one quote at a time.
 *
 *	quote add ID --text TEXT [--tag T]... [--note N] [--speaker S]
 *	quote edit QID [--tag T]... [--untag T]... [--note N] [--speaker S]
 *	quote remove QID
 *	quote show QID [--format md|json|csv|csl-json|annotation]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "dstr.h"
#include "feed.h"
#include "quotes.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

extern const struct command cmd_quote;

struct opts {
	const char	*text, *note, *speaker, *format;
	const char	**tags, **untags;
	size_t		 ntags, nuntags;
	int64_t		 id;
};

static void
opts_release(struct opts *o)
{
	free(o->tags);
	free(o->untags);
}

static int
valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/* Parse what follows the subcommand; 0, or the usage status. */
static int
parse(int argc, char **argv, const char *allowed, struct opts *o)
{
	static const struct option opts[] = {
		{ "text", required_argument, NULL, 'x' },
		{ "tag", required_argument, NULL, 't' },
		{ "untag", required_argument, NULL, 'u' },
		{ "note", required_argument, NULL, 'n' },
		{ "speaker", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?' || strchr(allowed, c) == NULL)
			return cli_usage(&cmd_quote, "unknown option '%s' for "
			    "'quote %s'", argv[optind - 1], argv[0]);
		if (!valid(optarg))
			return cli_usage(&cmd_quote, "'%s' is not UTF-8",
			    argv[optind - 1]);
		switch (c) {
		case 'x':
			o->text = optarg;
			break;
		case 't':
			o->tags = xreallocarray(o->tags, o->ntags + 1,
			    sizeof(*o->tags));
			o->tags[o->ntags++] = optarg;
			break;
		case 'u':
			o->untags = xreallocarray(o->untags, o->nuntags + 1,
			    sizeof(*o->untags));
			o->untags[o->nuntags++] = optarg;
			break;
		case 'n':
			o->note = optarg;
			break;
		case 's':
			o->speaker = optarg;
			break;
		case 'f':
			o->format = optarg;
			break;
		}
	}
	if (optind != argc - 1)
		return cli_usage(&cmd_quote, "one ID expected after 'quote %s'",
		    argv[0]);
	if (cli_parse_int(argv[optind], &o->id) != 0 || o->id == 0)
		return cli_usage(&cmd_quote, "'%s' is not an ID",
		    argv[optind]);
	return 0;
}

static int
add(struct quotes *q, int argc, char **argv)
{
	struct opts o;
	struct quote x;
	int64_t id;
	int rc;

	if ((rc = parse(argc, argv, "xtns", &o)) != 0)
		goto out;
	if (o.text == NULL || o.text[strspn(o.text, " \t\n")] == '\0') {
		rc = cli_usage(&cmd_quote, "quote add needs --text TEXT");
		goto out;
	}
	rc = quotes_add_text(q, o.id, o.text, o.tags, o.ntags, o.note,
	    o.speaker, &id);
	if (rc == 2) {
		rc = cli_error("%s (quotation marks and spacing may differ; "
		    "'dossier show %lld' prints the text)", quotes_errmsg(q),
		    (long long)o.id);
		goto out;
	}
	if (rc != 0) {
		rc = cli_error("%s", quotes_errmsg(q));
		goto out;
	}
	if (quotes_get(q, id, &x) != 0) {
		rc = cli_error("%s", quotes_errmsg(q));
		goto out;
	}
	printf("added quote %lld", (long long)id);
	if (x.speaker) {
		printf(" (speaker: ");
		cli_puts_safe(x.speaker);
		printf(")");
	}
	printf("\n");
	quote_release(&x);
out:
	opts_release(&o);
	return rc;
}

static int
edit(struct quotes *q, int argc, char **argv)
{
	struct opts o;
	size_t i;
	int rc;

	if ((rc = parse(argc, argv, "tuns", &o)) != 0)
		goto out;
	if (o.ntags + o.nuntags == 0 && o.note == NULL && o.speaker == NULL) {
		rc = cli_usage(&cmd_quote, "nothing to change (--tag, --untag, "
		    "--note, --speaker)");
		goto out;
	}
	rc = 0;
	for (i = 0; i < o.ntags && rc == 0; i++)
		rc = quotes_add_tag(q, o.id, o.tags[i]);
	for (i = 0; i < o.nuntags && rc == 0; i++)
		rc = quotes_remove_tag(q, o.id, o.untags[i]);
	if (rc == 0 && o.note)
		rc = quotes_set_note(q, o.id, o.note);
	if (rc == 0 && o.speaker)
		rc = quotes_set_speaker(q, o.id, o.speaker);
	if (rc != 0)
		rc = cli_error("%s", quotes_errmsg(q));
	else
		printf("updated quote %lld\n", (long long)o.id);
out:
	opts_release(&o);
	return rc;
}

static int
remove_quote(struct quotes *q, int argc, char **argv)
{
	struct opts o;
	int rc;

	if ((rc = parse(argc, argv, "", &o)) == 0) {
		if (quotes_remove(q, o.id) != 0)
			rc = cli_error("%s", quotes_errmsg(q));
		else
			printf("removed quote %lld\n", (long long)o.id);
	}
	opts_release(&o);
	return rc;
}

static void
field(const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	printf("%-9s ", name);
	cli_puts_safe(value);
	printf("\n");
}

static void
date_field(const char *name, int64_t t)
{
	char buf[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == DATE_NONE || gmtime_r(&tt, &tm) == NULL)
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M UTC", &tm);
	field(name, buf);
}

static void
show_text(const struct quote *x)
{
	struct dstr d = DSTR_INIT;
	size_t i;

	dstr_addf(&d, "%lld", (long long)x->id);
	field("Quote:", d.buf);
	field("Speaker:", x->speaker);
	dstr_reset(&d);
	for (i = 0; i < x->ntags; i++)
		dstr_addf(&d, "%s%s", i ? ", " : "", x->tags[i]);
	field("Tags:", d.buf);
	field("Note:", x->note);
	dstr_reset(&d);
	dstr_addf(&d, "%lld", (long long)x->article_id);
	field("Article:", d.buf);
	field("Title:", x->title);
	field("Feed:", x->feed_title);
	field("Author:", x->author);
	date_field("Date:", x->published);
	date_field("Archived:", x->archived);
	field("URL:", x->url);
	dstr_reset(&d);
	quote_fragment_link(&d, x->url, x->text);
	field("Link:", d.buf);
	if (x->orphaned)
		field("State:", "orphaned: no longer in the current version of "
		    "the article");
	printf("\n");
	cli_puts_safe(x->text);
	printf("\n");
	dstr_release(&d);
}

static int
show(struct quotes *q, int argc, char **argv)
{
	struct quote_filter f;
	enum quote_format fmt;
	struct dstr d = DSTR_INIT;
	struct opts o;
	struct quote x;
	int rc;

	if ((rc = parse(argc, argv, "f", &o)) != 0)
		goto out;
	if (o.format && quote_format_parse(o.format, &fmt) != 0) {
		rc = cli_usage(&cmd_quote, "unknown format '%s' (md, json, "
		    "csv, csl-json, annotation)", o.format);
		goto out;
	}
	if ((rc = quotes_get(q, o.id, &x)) != 0) {
		rc = cli_error("%s", quotes_errmsg(q));
		goto out;
	}
	if (o.format == NULL)
		show_text(&x);
	else {
		memset(&f, 0, sizeof(f));
		f.quote_id = o.id;
		if (quotes_export(q, &f, fmt, &d) != 0)
			rc = cli_error("%s", quotes_errmsg(q));
		else
			fwrite(d.buf, 1, d.len, stdout);
	}
	quote_release(&x);
out:
	dstr_release(&d);
	opts_release(&o);
	return rc;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	struct quotes *q;
	const char *sub;
	int rc;

	if (argc < 2)
		return cli_usage(&cmd_quote, "add, edit, remove or show "
		    "expected");
	sub = argv[1];
	if (strcmp(sub, "add") != 0 && strcmp(sub, "edit") != 0 &&
	    strcmp(sub, "remove") != 0 && strcmp(sub, "show") != 0)
		return cli_usage(&cmd_quote, "'%s' is not add, edit, remove "
		    "or show", sub);
	q = quotes_new(cli->st);
	if (strcmp(sub, "add") == 0)
		rc = add(q, argc - 1, argv + 1);
	else if (strcmp(sub, "edit") == 0)
		rc = edit(q, argc - 1, argv + 1);
	else if (strcmp(sub, "remove") == 0)
		rc = remove_quote(q, argc - 1, argv + 1);
	else
		rc = show(q, argc - 1, argv + 1);
	quotes_free(q);
	return rc;
}

const struct command cmd_quote = {
	"quote",
	"add ID --text TEXT [--tag TAG]... [--note NOTE] [--speaker NAME]\n"
	"       dossier quote edit QID [--tag TAG]... [--untag TAG]... "
	"[--note NOTE] [--speaker NAME]\n"
	"       dossier quote remove QID\n"
	"       dossier quote show QID [--format md|json|csv|csl-json|"
	"annotation]",
	"keep a quotation from an article, tagged; edit, remove or show it",
	NEED_STORE, run
};
