/*
 * cmd_import.c: dossier import [--tag T]... FILE: subscribe to every feed of
 * an OPML or newsboat urls file (FILE "-": stdin).
 * Lines that can't be honoured are reported with their line numbers and
 * make the exit status 1; the rest is imported.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beats.h"
#include "cli.h"
#include "dstr.h"
#include "store.h"
#include "subs.h"
#include "utf8.h"
#include "xalloc.h"

#define MAX_LIST	(16 * 1024 * 1024)

extern const struct command cmd_import;

static int
read_file(const char *path, struct dstr *d)
{
	char buf[65536];
	size_t n;
	FILE *fp;
	int rc = 0;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return cli_error("%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (d->len + n > MAX_LIST) {
			rc = cli_error("%s: larger than %d MiB", path,
			    MAX_LIST >> 20);
			break;
		}
		dstr_add(d, buf, n);
	}
	if (rc == 0 && ferror(fp))
		rc = cli_error("%s: %s", path, strerror(errno));
	if (fp != stdin)
		fclose(fp);
	return rc;
}

static int
import(struct cli *cli, const char *path, const struct subs *s,
    const char **extra, size_t nextra)
{
	const char **tags = NULL;
	size_t i, j, n, added = 0, existed = 0;
	int rc;

	for (i = 0; i < s->n; i++) {
		const struct subs_entry *e = &s->v[i];

		const char *keep = NULL;

		tags = xreallocarray(tags, e->ntags + nextra + 1,
		    sizeof(*tags));
		/* the category "/keep:BEAT" is the feed's keep rule */
		for (n = 0, j = 0; j < e->ntags; j++)
			if (strncmp(e->tags[j], "keep:", 5) == 0 &&
			    e->tags[j][5] != '\0')
				keep = e->tags[j] + 5;
			else
				tags[n++] = e->tags[j];
		for (j = 0; j < nextra; j++)
			tags[n++] = extra[j];
		rc = store_feed_add(cli->st, e->url, e->title, tags, n, NULL);
		if (rc >= 0 && keep && beats_keep_set(cli->st, e->url,
		    keep) < 0)
			rc = -1;
		if (rc < 0) {
			cli_error("%s:%d: %s", path, e->line,
			    store_errmsg(cli->st));
			free(tags);
			return cli_error("stopped after %zu new and %zu "
			    "existing feeds", added, existed);
		}
		if (rc == 0)
			added++;
		else
			existed++;
	}
	free(tags);
	printf("imported %zu feed%s: %zu new, %zu already subscribed\n",
	    added + existed, added + existed == 1 ? "" : "s", added, existed);
	return 0;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tag", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct dstr buf = DSTR_INIT, err = DSTR_INIT;
	const char **extra = NULL, *path;
	size_t nextra = 0, i;
	struct subs s;
	int c, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (*optarg == '\0' || strchr(optarg, ',') ||
			    !utf8_valid(optarg, strlen(optarg))) {
				free(extra);
				return cli_usage(&cmd_import, "bad tag '%s' (no "
				    "commas, not empty)", optarg);
			}
			extra = xreallocarray(extra, nextra + 1,
			    sizeof(*extra));
			extra[nextra++] = optarg;
			break;
		default:
			free(extra);
			return cli_usage(&cmd_import, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc - 1) {
		free(extra);
		return cli_usage(&cmd_import, "one file expected");
	}
	path = argv[optind];
	if (read_file(path, &buf) != 0) {
		free(extra);
		dstr_release(&buf);
		return 1;
	}
	subs_init(&s);
	if (subs_parse(&s, buf.buf, buf.len, &err) != 0) {
		rc = cli_error("%s: %s", path, err.buf);
		goto out;
	}
	for (i = 0; i < s.nproblems; i++)
		cli_error("%s:%d: %s", path, s.problems[i].line,
		    s.problems[i].msg);
	rc = import(cli, path, &s, extra, nextra);
	if (rc == 0 && s.nproblems > 0) {
		cli_error("%zu line%s of %s not honoured (see above)",
		    s.nproblems, s.nproblems == 1 ? "" : "s", path);
		rc = 1;
	}
out:
	subs_release(&s);
	dstr_release(&buf);
	dstr_release(&err);
	free(extra);
	return rc;
}

const struct command cmd_import = {
	"import", "[--tag TAG]... FILE",
	"subscribe to the feeds of an OPML or newsboat urls file",
	NEED_STORE, run
};
