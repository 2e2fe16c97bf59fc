/*
 * cmd_export.c: dossier export --FORMAT [--tag T] [--output FILE].
 *
 * A dispatcher on the format: each format is one entry in formats[] (its
 * option name and a function that writes to a stream).  --output writes to
 * FILE.tmp and renames it into place, so a failed export never leaves half
 * a file where the last good one was.
 *
 *	--opml	the subscriptions as OPML 2.0 (imports back with `import`)
 *	--json	the whole archive as JSON Lines (docs.h; reads back with
 *		`import-archive`)
 *	--html DIR  a static offline copy of the archive in DIR (docs.h):
 *		not a stream, so it has its own branch
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docs.h"
#include "dstr.h"
#include "store.h"
#include "subs.h"
#include "xalloc.h"

extern const struct command cmd_export;

struct export_args {
	const char	*tag;		/* only feeds with this tag; NULL */
};

struct export_format {
	const char	*name;		/* --NAME, --format NAME */
	int		(*write)(struct cli *, const struct export_args *,
			    FILE *);
};

/* OPML */

static int
opml_collect(void *ctx, const struct store_feed *f)
{
	struct subs *s = ctx;
	struct subs_entry *e;
	const char *p, *q;
	char *tag;

	if (f->is_documents)
		return 0;
	e = subs_add(s, f->url, f->title, f->site_url, 0);
	for (p = f->tags; p && *p; p = *q ? q + 1 : q) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		tag = xstrndup(p, (size_t)(q - p));
		subs_entry_add_tag(e, tag);
		free(tag);
	}
	return 0;
}

static int
export_opml(struct cli *cli, const struct export_args *a, FILE *fp)
{
	struct dstr out = DSTR_INIT, err = DSTR_INIT;
	struct subs s;
	int rc = 0;

	subs_init(&s);
	if (store_feeds_each(cli->st, a->tag, opml_collect, &s) != 0)
		rc = cli_error("%s", store_errmsg(cli->st));
	else if (subs_write_opml(&s, a->tag ? a->tag :
	    "dossier subscriptions", &out, &err) != 0)
		rc = cli_error("%s", err.buf);
	else
		fwrite(out.buf, 1, out.len, fp);
	subs_release(&s);
	dstr_release(&out);
	dstr_release(&err);
	return rc;
}

/* JSON Lines and HTML: src/docs */

static int
export_json(struct cli *cli, const struct export_args *a, FILE *fp)
{
	if (a->tag)
		return cli_error("--json dumps the whole archive (no --tag)");
	if (docs_export_json(cli->st, fp) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	return 0;
}

static int
export_html(struct cli *cli, const struct export_args *a, const char *dir,
    const char *output)
{
	int64_t pages, removed;

	if (a->tag || output)
		return cli_usage(&cmd_export, "--html DIR takes no --tag or "
		    "--output");
	if (docs_export_html(cli->st, dir, &pages, &removed) != 0)
		return cli_error("%s", store_errmsg(cli->st));
	printf("wrote %lld pages to %s (open %s/index.html)\n",
	    (long long)pages, dir, dir);
	if (removed)
		printf("removed %lld page%s of the last export that are no "
		    "longer in the archive\n", (long long)removed,
		    removed == 1 ? "" : "s");
	return 0;
}

static const struct export_format html_format = { "html", NULL };

static const struct export_format formats[] = {
	{ "opml", export_opml },
	{ "json", export_json },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static const struct export_format *
format_find(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

/* Write through FILE.tmp and rename; stdout when path is NULL or "-". */
static int
to_output(struct cli *cli, const struct export_format *fmt,
    const struct export_args *a, const char *path)
{
	struct dstr tmp = DSTR_INIT;
	FILE *fp;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0)
		return fmt->write(cli, a, stdout);
	dstr_addf(&tmp, "%s.tmp", path);
	if ((fp = fopen(tmp.buf, "w")) == NULL) {
		rc = cli_error("%s: %s", tmp.buf, strerror(errno));
		dstr_release(&tmp);
		return rc;
	}
	rc = fmt->write(cli, a, fp);
	if (fflush(fp) != 0 || ferror(fp)) {
		if (rc == 0)
			rc = cli_error("%s: %s", tmp.buf, strerror(errno));
	}
	if (fclose(fp) != 0 && rc == 0)
		rc = cli_error("%s: %s", tmp.buf, strerror(errno));
	if (rc == 0 && rename(tmp.buf, path) != 0)
		rc = cli_error("%s: %s", path, strerror(errno));
	if (rc != 0)
		remove(tmp.buf);
	dstr_release(&tmp);
	return rc;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	/* one --NAME option per format, after the common ones */
	static struct option opts[5 + NFORMATS + 1];
	const struct export_format *fmt = NULL, *f;
	struct export_args a = { NULL };
	const char *output = NULL, *html_dir = NULL;
	size_t i;
	int c;

	opts[0] = (struct option){ "format", required_argument, NULL, 'f' };
	opts[1] = (struct option){ "tag", required_argument, NULL, 't' };
	opts[2] = (struct option){ "output", required_argument, NULL, 'o' };
	opts[3] = (struct option){ "help", no_argument, NULL, 'h' };
	for (i = 0; i < NFORMATS; i++)
		opts[4 + i] = (struct option){ formats[i].name, no_argument,
		    NULL, 256 + (int)i };
	opts[4 + NFORMATS] = (struct option){ "html", required_argument,
	    NULL, 'H' };
	opts[5 + NFORMATS] = (struct option){ NULL, 0, NULL, 0 };
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:t:", opts, NULL)) != -1) {
		if (c >= 256 && c < 256 + (int)NFORMATS)
			f = &formats[c - 256];
		else if (c == 'H') {
			html_dir = optarg;
			f = &html_format;
		} else if (c == 'f') {
			if ((f = format_find(optarg)) == NULL)
				return cli_usage(&cmd_export, "unknown format "
				    "'%s'", optarg);
		} else if (c == 't') {
			a.tag = optarg;
			continue;
		} else if (c == 'o') {
			output = optarg;
			continue;
		} else
			return cli_usage(&cmd_export, "unknown option '%s'",
			    argv[optind - 1]);
		if (fmt && fmt != f)
			return cli_usage(&cmd_export, "one format at a time");
		fmt = f;
	}
	if (optind != argc)
		return cli_usage(&cmd_export, "unexpected argument '%s'",
		    argv[optind]);
	if (fmt == NULL)
		return cli_usage(&cmd_export, "which format? (--opml, --json "
		    "or --html DIR)");
	if (fmt == &html_format)
		return export_html(cli, &a, html_dir, output);
	return to_output(cli, fmt, &a, output);
}

const struct command cmd_export = {
	"export", "--opml [--tag TAG] [--output FILE] | --json [--output FILE]"
	" |\n       --html DIR",
	"subscriptions as OPML, the archive as JSON Lines or offline HTML",
	NEED_STORE, run
};
