/*
 * cmd_demo.c: dossier demo: build the offline sample archive from
 * feeds/samples (through ingest, the path polling uses) and open the
 * reader on it.  Rebuilding is idempotent.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "docs.h"
#include "dstr.h"
#include "ingest.h"
#include "paths.h"
#include "quotes.h"
#include "store.h"
#include "xalloc.h"

extern const struct command cmd_demo;

/* Where the samples are: installed, else the source tree of this build. */
static char *
find_samples(void)
{
	static const char *const dirs[] = {
		DOSSIER_DATADIR "/samples",
		DOSSIER_SRCDIR "/feeds/samples",
	};
	struct dstr d = DSTR_INIT;
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		dstr_reset(&d);
		dstr_addf(&d, "%s/MANIFEST", dirs[i]);
		if (stat(d.buf, &sb) == 0) {
			dstr_release(&d);
			return xstrdup(dirs[i]);
		}
	}
	dstr_release(&d);
	return NULL;
}

#define TSV_MAXF 5

/* One line of a TSV file: fields (unused ones NULL), its number. */
typedef int (*tsv_fn)(struct cli *, const char *dir, char **f, size_t nf,
    int lineno, void *ctx);

/*
 * Call fn for each line of DIR/NAME that is not blank or a # comment,
 * split on tabs into at most TSV_MAXF fields.  A missing file is an error
 * unless optional.  Returns 0, or 1 when a line or the file failed.
 */
static int
read_tsv(struct cli *cli, const char *dir, const char *name, int optional,
    tsv_fn fn, void *ctx)
{
	struct dstr path = DSTR_INIT;
	char *line = NULL, *f[TSV_MAXF], *p;
	size_t cap = 0, nf;
	ssize_t len;
	FILE *fp;
	int rc = 0, lineno = 0;

	dstr_addf(&path, "%s/%s", dir, name);
	fp = fopen(path.buf, "r");
	if (fp == NULL) {
		if (!optional || errno != ENOENT)
			rc = cli_error("%s: %s", path.buf, strerror(errno));
		dstr_release(&path);
		return rc;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		memset(f, 0, sizeof(f));
		for (nf = 0, p = line; nf < TSV_MAXF && p; nf++) {
			f[nf] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (fn(cli, dir, f, nf, lineno, ctx) != 0)
			rc = 1;
	}
	free(line);
	fclose(fp);
	dstr_release(&path);
	return rc;
}

/* Split a comma-separated list in place; returns how many (at most n). */
static size_t
split_commas(char *s, char **v, size_t n)
{
	size_t k = 0;
	char *p;

	for (p = s ? strtok(s, ",") : NULL; p && k < n; p = strtok(NULL, ","))
		v[k++] = p;
	return k;
}

/* A primary source of the sample beat, kept as a document at its URL. */
static int
add_document(struct cli *cli, const char *path, const char *url,
    const char *title, int verbose)
{
	struct docs_add_opts opts;
	struct docs_added added;

	memset(&opts, 0, sizeof(opts));
	opts.url = url;
	opts.title = title && *title ? title : NULL;
	opts.type = DOCS_AUTO;
	opts.cfg = cli->cfg;
	if (docs_add_file(cli->st, path, &opts, &added) != 0)
		return cli_error("%s: %s", path, store_errmsg(cli->st));
	if (verbose)
		printf("%s: document %lld\n", path, (long long)added.id);
	docs_added_release(&added);
	return 0;
}

/* MANIFEST: FILE, URL, TITLE, TAGS ("doc": a document). */
static int
manifest_line(struct cli *cli, const char *dir, char **f, size_t nf,
    int lineno, void *ctx)
{
	struct ingest_stats stats;
	struct dstr path = DSTR_INIT;
	const int *verbose = ctx;
	char *tags[16];
	size_t ntags;
	int64_t feed_id;
	int rc = 0;

	if (nf < 2)
		return cli_error("MANIFEST:%d: expected FILE, URL, TITLE, TAGS "
		    "separated by tabs", lineno);
	ntags = split_commas(f[3], tags, 16);
	dstr_addf(&path, "%s/%s", dir, f[0]);
	if (ntags == 1 && strcmp(tags[0], "doc") == 0)
		rc = add_document(cli, path.buf, f[1], f[2], *verbose);
	else if (store_feed_add(cli->st, f[1], f[2] && *f[2] ? f[2] : NULL,
	    (const char *const *)tags, ntags, &feed_id) < 0)
		rc = cli_error("%s", store_errmsg(cli->st));
	else if (cli_ingest_file(cli, feed_id, f[1], path.buf, &stats) != 0)
		rc = 1;
	else if (*verbose)
		printf("%s: %lld new, %lld updated, %lld unchanged\n", f[0],
		    (long long)stats.new_items, (long long)stats.updated,
		    (long long)stats.unchanged);
	dstr_release(&path);
	return rc;
}

/* Is the quote already tagged (a rebuild)? */
static int
has_quote(struct quotes *q, int64_t article_id, const char *text)
{
	struct quote *v;
	size_t n, i;
	int found = 0;

	if (quotes_for_article(q, article_id, &v, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].text, text) == 0)
			found = 1;
	quotes_array_free(v, n);
	return found;
}

/* quotes.tsv: LINK, TEXT, TAGS, SPEAKER, NOTE: the demo's tagged quotes. */
static int
quote_line(struct cli *cli, const char *dir, char **f, size_t nf,
    int lineno, void *ctx)
{
	struct quotes *q = ctx;
	char *tags[16];
	size_t ntags;
	int64_t id;

	(void)dir;
	if (nf < 2)
		return cli_error("quotes.tsv:%d: expected LINK and TEXT", lineno);
	if (store_article_by_url(cli->st, f[0], &id) != 0)
		return cli_error("quotes.tsv:%d: no article %s", lineno, f[0]);
	if (has_quote(q, id, f[1]))
		return 0;
	ntags = split_commas(f[2], tags, 16);
	if (quotes_add_text(q, id, f[1], (const char *const *)tags, ntags,
	    f[4] && *f[4] ? f[4] : NULL, f[3] && *f[3] ? f[3] : NULL,
	    NULL) != 0)
		return cli_error("quotes.tsv:%d: %s", lineno, quotes_errmsg(q));
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "samples", required_argument, NULL, 's' },
		{ "no-reader", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command *reader;
	char *samples = NULL, *db = NULL, *dir;
	int c, rc, open_reader = 1, verbose;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's') {
			free(samples);
			samples = xstrdup(optarg);
		} else if (c == 'n')
			open_reader = 0;
		else {
			free(samples);
			return cli_usage(&cmd_demo, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc) {
		free(samples);
		return cli_usage(&cmd_demo, "no arguments expected");
	}
	if (samples == NULL && (samples = find_samples()) == NULL)
		return cli_error("cannot find the sample feeds; use "
		    "--samples DIR (feeds/samples in the source tree)");
	if (cli->db_path == NULL) {
		if ((dir = paths_data_dir()) == NULL) {
			free(samples);
			return cli_error("cannot find the home directory "
			    "(set HOME or use --db)");
		}
		{
			struct dstr d = DSTR_INIT;

			dstr_addf(&d, "%s/demo.db", dir);
			db = dstr_detach(&d, NULL);
		}
		free(dir);
		cli->db_path = db;
	}
	if (store_open(&cli->st, cli->db_path, 0) != 0) {
		rc = cli_error("%s", store_errmsg(cli->st));
		goto out;
	}
	verbose = !open_reader || !isatty(1);
	rc = read_tsv(cli, samples, "MANIFEST", 0, manifest_line, &verbose);
	if (rc == 0) {
		struct quotes *q = quotes_new(cli->st);

		rc = read_tsv(cli, samples, "quotes.tsv", 1, quote_line, q);
		quotes_free(q);
	}
	if (rc != 0)
		goto out;
	reader = command_find("read");
	if (open_reader && reader != NULL && isatty(0) && isatty(1)) {
		char *rargv[] = { (char *)"read", NULL };

		printf("demo archive: %s\n", cli->db_path);
		rc = reader->run(cli, 1, rargv);
	} else {
		printf("demo archive: %s\n", cli->db_path);
		printf("read it with: dossier --db '%s' read\n", cli->db_path);
	}
out:
	store_close(cli->st);
	cli->st = NULL;
	if (db != NULL)
		cli->db_path = NULL;
	free(samples);
	free(db);
	return rc;
}

const struct command cmd_demo = {
	"demo", "[--samples DIR] [--no-reader]",
	"build the offline sample archive and open the reader on it",
	NEED_CONFIG, run
};
