/*
 * fulltext.c: `F` in the pager when the article has no full text yet:
 * the page is fetched in the background (docs_fulltext_*, driven by the
 * event loop like the reload), with its progress in the status line; the
 * pager showing the article switches to it when it is stored.
 */
#include <stdlib.h>
#include <time.h>

#include "docs.h"
#include "dstr.h"
#include "tui_int.h"
#include "xalloc.h"

struct tui_fulltext {
	struct docs_fulltext	*j;
	int64_t			 id;
	char			*title;
	time_t			 started;
	int			 done;
};

static void
on_done(void *ctx, const struct docs_ft_report *r)
{
	struct tui *t = ctx;
	struct tui_fulltext *ft = t->ft;

	if (ft == NULL)
		return;
	ft->done = 1;
	switch (r->outcome) {
	case DOCS_FT_STORED:
		tui_message(t, "Full text fetched (%zu bytes of text); F "
		    "shows the feed's again", r->text_len);
		view_pager_fulltext_done(t, ft->id, 1);
		break;
	case DOCS_FT_EMPTY:
		tui_error(t, "The page has no readable text");
		break;
	case DOCS_FT_NOLINK:
		tui_error(t, "The article has no web link to fetch");
		break;
	case DOCS_FT_NOARTICLE:
		tui_error(t, "The article is gone");
		break;
	default:
		tui_error(t, "Full text not fetched: %s", r->error ? r->error :
		    "failed");
		break;
	}
}

int
fulltext_start(struct tui *t, int64_t id, const char *title)
{
	struct tui_fulltext *ft;

	if (t->ft != NULL)
		return -1;
	ft = xcalloc(1, sizeof(*ft));
	ft->id = id;
	ft->title = tui_text_dup(title && *title ? title : "the article",
	    t->ascii);
	ft->started = time(NULL);
	t->ft = ft;
	ft->j = docs_fulltext_start(t->st, t->cfg, &id, 1, on_done, t);
	if (ft->j == NULL) {
		tui_error(t, "Cannot fetch the full text: %s",
		    store_errmsg(t->st));
		fulltext_release(t);
		return -1;
	}
	tui_message(t, "Fetching the full text of %s...", ft->title);
	return 0;
}

int
fulltext_active(const struct tui *t)
{
	return t->ft != NULL;
}

void
fulltext_fds(struct tui *t, fd_set *rd, fd_set *wr, fd_set *ex, int *maxfd,
    long *timeout_ms)
{
	if (t->ft && t->ft->j)
		docs_fulltext_fds(t->ft->j, rd, wr, ex, maxfd, timeout_ms);
}

void
fulltext_step(struct tui *t)
{
	struct tui_fulltext *ft = t->ft;
	size_t left;

	if (ft == NULL)
		return;
	left = docs_fulltext_step(ft->j, 0);
	t->dirty = 1;
	if (left > 0 && !ft->done) {
		if (t->msg.len == 0 || !t->msg_error)
			tui_message(t, "Fetching the full text of %s... %lds",
			    ft->title, (long)(time(NULL) - ft->started));
		return;
	}
	fulltext_release(t);
}

void
fulltext_release(struct tui *t)
{
	struct tui_fulltext *ft = t->ft;

	if (ft == NULL)
		return;
	t->ft = NULL;
	docs_fulltext_free(ft->j);
	free(ft->title);
	free(ft);
}
