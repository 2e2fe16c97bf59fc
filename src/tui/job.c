/*
 * job.c: the background reload.  The poller's step API (fetch.h) runs
 * inside the reader's own loop: its sockets join the terminal in one
 * select(), each finished feed is stored as it completes, and the screen
 * answers keys meanwhile; no thread, no child process.  The same lock as
 * `dossier poll` keeps two polls of one archive apart.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "fetch.h"
#include "tui_int.h"
#include "utf8.h"
#include "xalloc.h"

void
job_init(struct job *j)
{
	memset(j, 0, sizeof(*j));
	j->lockfd = -1;
	dstr_init(&j->note);
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One feed done: remember the last failure to tell about it. */
static void
on_feed(void *ctx, const struct poll_report *r)
{
	struct job *j = ctx;
	const char *who;

	if (r->outcome != POLL_FAILED)
		return;
	who = r->title && *r->title ? r->title : r->url;
	dstr_reset(&j->note);
	utf8_sanitize(&j->note, who, strlen(who) > 80 ? 80 : strlen(who),
	    SAN_ONE_LINE);
	dstr_adds(&j->note, ": ");
	if (r->error)
		utf8_sanitize(&j->note, r->error, strlen(r->error) > 200 ?
		    200 : strlen(r->error), SAN_ONE_LINE);
}

int
job_start(struct job *j, struct store *st, const struct config *cfg,
    const char *db_path, const char *feed_url, const char *tag,
    const char *what, struct dstr *err)
{
	struct poll_opts po;
	long pid = 0;
	int rc;

	rc = poll_lock(db_path, &j->lockfd, &pid, err);
	if (rc == 1) {
		if (pid > 0)
			dstr_addf(err, "a poll is running already "
			    "(process %ld)", pid);
		else
			dstr_adds(err, "a poll is running already");
		return -1;
	}
	if (rc != 0)
		return -1;
	memset(&po, 0, sizeof(po));
	po.feed_url = feed_url;
	po.tag = tag;
	/* asked for one feed: now, whatever its interval or back-off */
	po.force = feed_url != NULL;
	if (poll_start(&j->p, st, cfg, &po, on_feed, j) != 0) {
		dstr_adds(err, poll_errmsg(j->p));
		poll_free(j->p);
		j->p = NULL;
		poll_unlock(j->lockfd);
		j->lockfd = -1;
		return -1;
	}
	j->active = 1;
	j->what = xstrdup(what);
	j->started = mono_ms();
	dstr_reset(&j->note);
	return 0;
}

void
job_fds(struct job *j, fd_set *rd, fd_set *wr, fd_set *ex, int *maxfd,
    long *timeout_ms)
{
	if (j->active)
		poll_fds(j->p, rd, wr, ex, maxfd, timeout_ms);
}

int
job_step(struct job *j)
{
	if (!j->active)
		return 0;
	poll_step(j->p, 0);
	poll_progress(j->p, &j->pr);
	return poll_done(j->p);
}

void
job_status(const struct job *j, struct dstr *out)
{
	dstr_addf(out, "Reloading %s: %zu/%zu", j->what, j->pr.done,
	    j->pr.total);
	if (j->pr.new_items)
		dstr_addf(out, ", %lld new", (long long)j->pr.new_items);
	if (j->pr.failed)
		dstr_addf(out, ", %zu failed", j->pr.failed);
	if (j->pr.fulltext_total)
		dstr_addf(out, ", full texts %zu/%zu",
		    j->pr.fulltext_stored + j->pr.fulltext_failed,
		    j->pr.fulltext_total);
	dstr_addf(out, " (%llds)", (long long)(mono_ms() - j->started) / 1000);
}

void
job_summary(const struct job *j, struct dstr *out)
{
	dstr_addf(out, "Reloaded %s: %zu feed%s, %lld new, %zu failed",
	    j->what, j->pr.total, j->pr.total == 1 ? "" : "s",
	    (long long)j->pr.new_items, j->pr.failed);
	if (j->pr.deferred)
		dstr_addf(out, ", %zu not due", j->pr.deferred);
	if (j->pr.fulltext_total)
		dstr_addf(out, ", %zu full text%s", j->pr.fulltext_stored,
		    j->pr.fulltext_stored == 1 ? "" : "s");
	if (j->note.len) {
		dstr_adds(out, " (");
		dstr_add(out, j->note.buf, j->note.len);
		dstr_adds(out, ")");
	}
}

void
job_release(struct job *j)
{
	/* a poll cut short stores nothing half: whole feeds or nothing */
	poll_free(j->p);
	if (j->lockfd >= 0)
		poll_unlock(j->lockfd);
	free(j->what);
	dstr_release(&j->note);
	job_init(j);
}
