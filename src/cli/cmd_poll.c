/*
 * cmd_poll.c: dossier poll [--jobs N] [--feed URL] [--tag T] [--verbose]
 * [--force]: fetch the subscriptions that are due and store what is new.
 *
 * The work is done by the poll module (fetch.h); this is its front end: the
 * lock that keeps two polls apart, a progress bar when stdout is a
 * terminal, a line per feed with --verbose (else each failure on stderr),
 * and with it a line per full text fetched for feeds with `fulltext yes`,
 * and the summary.  Exit 0 when no feed failed, 1 otherwise (a full text
 * that could not be fetched fails no feed).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "docs.h"
#include "dstr.h"
#include "fetch.h"
#include "utf8.h"

#define BAR_WIDTH	20

extern const struct command cmd_poll;

struct ui {
	struct poll	*p;
	int		 verbose;
	int		 tty;
	int		 bar_shown;
	char		 last[128];	/* the bar as last drawn */
};

/* Print text that quotes feeds or servers: one sanitised line. */
static void
put_safe(FILE *fp, const char *s)
{
	struct dstr d = DSTR_INIT;

	if (s == NULL)
		return;
	utf8_sanitize(&d, s, strlen(s), SAN_ONE_LINE);
	fwrite(d.buf, 1, d.len, fp);
	dstr_release(&d);
}

static void
bar_clear(struct ui *ui)
{
	if (ui->bar_shown) {
		printf("\r%*s\r", (int)strlen(ui->last), "");
		fflush(stdout);
		ui->bar_shown = 0;
	}
}

/* `[=====   ] 12/200 feeds, 1 failed, 3.4 MB`, redrawn when it changes. */
static void
bar_draw(struct ui *ui)
{
	struct poll_progress pr;
	char bar[BAR_WIDTH + 1], line[sizeof(ui->last)];
	size_t fill;

	if (!ui->tty)
		return;
	poll_progress(ui->p, &pr);
	fill = pr.total ? pr.done * BAR_WIDTH / pr.total : BAR_WIDTH;
	if (pr.fulltext_total && pr.done >= pr.total)	/* their phase */
		fill = (pr.fulltext_stored + pr.fulltext_failed) * BAR_WIDTH /
		    pr.fulltext_total;
	memset(bar, ' ', BAR_WIDTH);
	memset(bar, '=', fill);
	bar[BAR_WIDTH] = '\0';
	if (pr.fulltext_total && pr.done >= pr.total)
		snprintf(line, sizeof(line), "[%s] %zu/%zu full texts, "
		    "%zu failed", bar, pr.fulltext_stored + pr.fulltext_failed,
		    pr.fulltext_total, pr.fulltext_failed);
	else
		snprintf(line, sizeof(line), "[%s] %zu/%zu feeds, %zu failed, "
		    "%.1f MB", bar, pr.done, pr.total, pr.failed,
		    (double)pr.bytes / 1e6);
	if (ui->bar_shown && strcmp(line, ui->last) == 0)
		return;
	if (ui->bar_shown && strlen(line) < strlen(ui->last))
		bar_clear(ui);
	printf("\r%s", line);
	fflush(stdout);
	memcpy(ui->last, line, sizeof(line));
	ui->bar_shown = 1;
}

static const char *
outcome_word(enum poll_outcome o)
{
	switch (o) {
	case POLL_UNCHANGED:
		return "unchanged";
	case POLL_UPDATED:
		return "updated";
	case POLL_FAILED:
		return "failed";
	case POLL_DEFERRED:
		return "deferred";
	}
	return "?";
}

static void
on_feed(void *ctx, const struct poll_report *r)
{
	struct ui *ui = ctx;
	size_t i;

	if (ui->verbose || r->outcome == POLL_FAILED || r->new_url ||
	    r->nalternates > 0 || (r->note && r->outcome != POLL_DEFERRED))
		bar_clear(ui);
	if (ui->verbose) {
		printf("%-9s ", outcome_word(r->outcome));
		put_safe(stdout, r->url);
		switch (r->outcome) {
		case POLL_UPDATED:
		case POLL_UNCHANGED:
			if (r->http_code == 304)
				printf(": not modified");
			else
				printf(": %lld new, %lld updated",
				    (long long)r->stats.new_items,
				    (long long)r->stats.updated);
			if (r->stats.skipped)
				printf(", %lld skipped by rules",
				    (long long)r->stats.skipped);
			if (r->stats.over_max)
				printf(", %lld over max-items",
				    (long long)r->stats.over_max);
			break;
		case POLL_FAILED:
			printf(": ");
			put_safe(stdout, r->error);
			break;
		case POLL_DEFERRED:
			printf(": ");
			put_safe(stdout, r->note);
			break;
		}
		putchar('\n');
		for (i = 0; i < r->nwarnings; i++) {
			printf("          warning: ");
			put_safe(stdout, r->warnings[i]);
			putchar('\n');
		}
	}
	if (r->outcome == POLL_FAILED && !ui->verbose) {
		fflush(stdout);
		fprintf(stderr, "dossier: poll: ");
		put_safe(stderr, r->url);
		fprintf(stderr, ": ");
		put_safe(stderr, r->error);
		fputc('\n', stderr);
	}
	if (r->nalternates > 0 && (r->discovered ||
	    r->outcome == POLL_FAILED)) {
		put_safe(stdout, r->url);
		printf(" is an HTML page advertising %zu feed%s:\n",
		    r->nalternates, r->nalternates == 1 ? "" : "s");
		for (i = 0; i < r->nalternates; i++) {
			printf("  ");
			put_safe(stdout, r->alternates[i]);
			putchar('\n');
		}
	}
	if (r->new_url) {
		put_safe(stdout, r->url);
		printf(r->discovered ? ": subscribed to the feed it "
		    "advertises instead: " : ": moved permanently; the "
		    "subscription is now ");
		put_safe(stdout, r->new_url);
		putchar('\n');
	} else if (r->note && r->outcome != POLL_DEFERRED) {
		put_safe(stdout, r->url);
		printf(": ");
		put_safe(stdout, r->note);
		putchar('\n');
	}
	fflush(stdout);
	bar_draw(ui);
}

/* --verbose: each full text fetched at poll time. */
static void
on_fulltext(void *ctx, const struct docs_ft_report *r)
{
	struct ui *ui = ctx;

	if (!ui->verbose)
		return;
	bar_clear(ui);
	printf("fulltext  ");
	put_safe(stdout, r->url);
	if (r->outcome == DOCS_FT_STORED)
		printf(": %zu bytes of text\n", r->text_len);
	else {
		printf(": failed: ");
		put_safe(stdout, r->error ? r->error : "no readable text");
		putchar('\n');
	}
	fflush(stdout);
	bar_draw(ui);
}

static void
summary(const struct poll_progress *pr)
{
	printf("%zu feed%s: %zu unchanged, %zu updated (%lld new item%s), "
	    "%zu failed", pr->total, pr->total == 1 ? "" : "s", pr->unchanged,
	    pr->updated, (long long)pr->new_items,
	    pr->new_items == 1 ? "" : "s", pr->failed);
	if (pr->deferred)
		printf(", %zu deferred", pr->deferred);
	if (pr->skipped_items)
		printf(", %lld skipped by rules", (long long)pr->skipped_items);
	if (pr->over_max_items)
		printf(", %lld over max-items", (long long)pr->over_max_items);
	if (pr->fulltext_total)
		printf("; %zu full text%s fetched, %zu failed",
		    pr->fulltext_stored, pr->fulltext_stored == 1 ? "" : "s",
		    pr->fulltext_failed);
	putchar('\n');
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "feed", required_argument, NULL, 'f' },
		{ "tag", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct poll_opts po = { 0 };
	struct poll_progress pr;
	struct dstr err = DSTR_INIT;
	struct ui ui = { NULL, 0, 0, 0, "" };
	int64_t n;
	long pid;
	int c, fd, rc;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:f:t:v", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (cli_parse_int(optarg, &n) != 0 || n < 1 ||
			    n > 256)
				return cli_usage(&cmd_poll, "--jobs wants a "
				    "number from 1 to 256");
			po.jobs = (int)n;
			break;
		case 'f':
			po.feed_url = optarg;
			break;
		case 't':
			po.tag = optarg;
			break;
		case 'v':
			ui.verbose = 1;
			break;
		case 'F':
			po.force = 1;
			break;
		default:
			return cli_usage(&cmd_poll, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_poll, "unexpected argument '%s'",
		    argv[optind]);
	if (po.feed_url && po.tag)
		return cli_usage(&cmd_poll, "--feed or --tag, not both");

	rc = poll_lock(cli->db_path, &fd, &pid, &err);
	if (rc != 0) {
		if (rc == 1 && pid > 0)
			rc = cli_error("a poll of this archive is running "
			    "(process %ld); try again when it is done", pid);
		else if (rc == 1)
			rc = cli_error("a poll of this archive is running; "
			    "try again when it is done");
		else
			rc = cli_error("cannot take the poll lock: %s",
			    err.buf);
		dstr_release(&err);
		return rc;
	}
	ui.tty = isatty(STDOUT_FILENO);
	po.on_fulltext = on_fulltext;
	if (poll_start(&ui.p, cli->st, cli->cfg, &po, on_feed, &ui) != 0) {
		rc = cli_error("%s", poll_errmsg(ui.p));
		poll_free(ui.p);
		poll_unlock(fd);
		return rc;
	}
	bar_draw(&ui);
	while (poll_step(ui.p, 250))
		bar_draw(&ui);
	bar_clear(&ui);
	poll_progress(ui.p, &pr);
	summary(&pr);
	poll_free(ui.p);
	poll_unlock(fd);
	return pr.failed ? 1 : 0;
}

const struct command cmd_poll = {
	"poll", "[--jobs N] [--feed URL | --tag TAG] [--verbose] [--force]",
	"fetch the feeds that are due and store their new items",
	NEED_STORE | NEED_CONFIG, run
};
