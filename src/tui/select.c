/*
 * select.c: quotations in the pager, as a pager hook.  The article's
 * quotations are detected once per text (quote_find_all_blocks() over the
 * plain text, blockquotes from the layout); `]` and `[` highlight the next
 * and previous one; `v` starts a free selection that w/b, ) ( and j/k grow
 * and shrink by word, sentence and line; `t` tags the highlighted passage
 * (tags with completion, a note, the speaker pre-filled) and `X` lists the
 * other stories that carry it.  Tagged passages stay marked.
 */
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "quotes.h"
#include "render.h"
#include "tui_int.h"
#include "xalloc.h"

struct psel {
	struct tui	*t;
	struct pager	*pg;
	struct view	*owner;
	int64_t		 id;		/* 0: no quotes for this text */
	int		 detected;
	struct quote_spans spans;
	size_t		 cur;		/* spans.v[cur] highlighted, or NONE */
	/* the free selection, or a passage shown from the quotes view */
	int		 selecting;
	size_t		 sel_start, sel_end;
	int		 passage;	/* sel_* is a passage, not selecting */
	int		 show_pending;	/* scroll to it once laid out */
	/* the tagged ones */
	size_t		*saved;		/* start, end pairs */
	size_t		 nsaved;
	/* while the prompts of `t` run */
	size_t		 tag_start, tag_end;
	char		*tags, *note, *speaker;
};

static void
detect(struct psel *ps)
{
	struct pager *pg = ps->pg;
	struct quote_range *blocks = NULL;
	size_t nb;

	if (ps->detected || pg->lines == NULL)
		return;
	nb = quote_blocks_from_lines(pg->lines, pg->nlines, pg->doc.plain,
	    pg->doc.plain_len, &blocks);
	quote_find_all_blocks(pg->doc.plain, pg->doc.plain_len, blocks, nb,
	    &ps->spans);
	free(blocks);
	ps->detected = 1;
}

static void
load_saved(struct psel *ps)
{
	struct quote *v = NULL;
	size_t n = 0, i;

	free(ps->saved);
	ps->saved = NULL;
	ps->nsaved = 0;
	if (ps->id <= 0 || tui_quotes(ps->t) == NULL ||
	    quotes_for_article(tui_quotes(ps->t), ps->id, &v, &n) != 0)
		return;
	ps->saved = xreallocarray(NULL, 2 * n + 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		if (!v[i].orphaned && v[i].end <= ps->pg->doc.plain_len) {
			ps->saved[2 * ps->nsaved] = v[i].start;
			ps->saved[2 * ps->nsaved + 1] = v[i].end;
			ps->nsaved++;
		}
	quotes_array_free(v, n);
}

/* The first plain offset shown on screen (or 0). */
static size_t
top_plain(const struct pager *pg)
{
	size_t i = pg->top > pg->nhead ? pg->top - pg->nhead : 0;

	for (; i < pg->nlines; i++)
		if (pg->first_src[i] != RENDER_NOSRC)
			return pg->first_src[i];
	return 0;
}

/* What `t` and `X` act on: the selection, else the highlighted quote. */
static int
current(const struct psel *ps, size_t *start, size_t *end, int *is_quote)
{
	const struct quote_span *sp;

	if (ps->selecting || ps->passage) {
		*start = ps->sel_start;
		*end = ps->sel_end;
		*is_quote = 0;
		return *start < *end ? 0 : -1;
	}
	if (ps->cur == QUOTE_NONE || ps->cur >= ps->spans.n)
		return -1;
	sp = &ps->spans.v[ps->cur];
	*start = sp->text_start < sp->text_end ? sp->text_start : sp->start;
	*end = sp->text_start < sp->text_end ? sp->text_end : sp->end;
	*is_quote = 1;
	return 0;
}

static void
ranges(void *ctx, struct pager *pg)
{
	struct psel *ps = ctx;
	size_t i;

	detect(ps);
	if (ps->show_pending && pg->lines) {
		ps->show_pending = 0;
		pager_show_plain(pg, ps->sel_start);
	}
	for (i = 0; i < ps->nsaved; i++)
		pager_add_plain_range(pg, ps->saved[2 * i],
		    ps->saved[2 * i + 1], E_TAGGED);
	if (ps->selecting || ps->passage)
		pager_add_plain_range(pg, ps->sel_start, ps->sel_end,
		    E_HIGHLIGHT);
	else if (ps->cur != QUOTE_NONE && ps->cur < ps->spans.n)
		pager_add_plain_range(pg, ps->spans.v[ps->cur].start,
		    ps->spans.v[ps->cur].end, E_HIGHLIGHT);
}

static void
show_quote(struct psel *ps)
{
	const struct quote_span *sp = &ps->spans.v[ps->cur];
	struct dstr d = DSTR_INIT;

	pager_show_plain(ps->pg, sp->start);
	dstr_addf(&d, "Quotation %zu of %zu", ps->cur + 1, ps->spans.n);
	if (sp->kind == QUOTE_BLOCK)
		dstr_adds(&d, " (blockquote)");
	if (sp->speaker)
		dstr_addf(&d, ": %s", sp->speaker);
	dstr_adds(&d, "   t: tag it, X: other stories");
	tui_message(ps->t, "%s", d.buf);
	dstr_release(&d);
}

static void
move_quote(struct psel *ps, int dir)
{
	size_t off, i;

	detect(ps);
	ps->passage = 0;
	if (ps->spans.n == 0) {
		tui_message(ps->t, "No quotations found in this article");
		return;
	}
	if (ps->cur != QUOTE_NONE && ps->cur < ps->spans.n)
		off = ps->spans.v[ps->cur].start;
	else {
		off = top_plain(ps->pg);
		/* the first one on screen counts as the next */
		if (dir > 0 && off > 0)
			off--;
		else if (dir > 0) {
			ps->cur = 0;
			show_quote(ps);
			return;
		}
	}
	i = dir > 0 ? quote_spans_next(&ps->spans, off) :
	    quote_spans_prev(&ps->spans, off);
	if (i == QUOTE_NONE) {
		tui_message(ps->t, "No %s quotation", dir > 0 ? "next" :
		    "previous");
		return;
	}
	ps->cur = i;
	show_quote(ps);
}

/* ---- the free selection -------------------------------------------- */

static int
is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static int
sentence_end_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t k;

	if (s[i] != '.' && s[i] != '!' && s[i] != '?')
		return 0;
	k = i + 1;
	/* closing quotation marks and brackets stay with the sentence */
	for (;;) {
		if (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == ')'))
			k++;
		else if (k + 2 < n && (unsigned char)s[k] == 0xe2 &&
		    (unsigned char)s[k + 1] == 0x80 &&
		    ((unsigned char)s[k + 2] == 0x9d ||
		    (unsigned char)s[k + 2] == 0x99))
			k += 3;
		else
			break;
	}
	if (k < n && !is_blank(s[k]))
		return 0;
	*end = k;
	return 1;
}

/* The end of the selection moved by unit (w word, s sentence, l line). */
static size_t
sel_move(struct psel *ps, int unit, int dir)
{
	const char *s = ps->pg->doc.plain;
	size_t n = ps->pg->doc.plain_len, e = ps->sel_end, i, end;
	size_t line, col, j, best;

	switch (unit) {
	case 'w':
		if (dir > 0) {
			for (i = e; i < n && is_blank(s[i]); i++)
				;
			for (; i < n && !is_blank(s[i]); i++)
				;
			return i;
		}
		for (i = e; i > ps->sel_start && !is_blank(s[i - 1]); i--)
			;
		for (; i > ps->sel_start && is_blank(s[i - 1]); i--)
			;
		return i > ps->sel_start ? i : e;
	case 's':
		if (dir > 0) {
			for (i = e; i < n; i++)
				if (sentence_end_at(s, n, i, &end) && end > e)
					return end;
			return n;
		}
		for (i = e > 1 ? e - 1 : 0; i-- > ps->sel_start; )
			if (sentence_end_at(s, n, i, &end) && end < e &&
			    end > ps->sel_start)
				return end;
		return e;
	case 'l':
		if (render_locate(ps->pg->lines, ps->pg->nlines,
		    e > 0 ? e - 1 : 0, &line, &col) != 0)
			return e;
		if (dir > 0)
			line++;
		else if (line == 0)
			return e;
		else
			line--;
		if (line >= ps->pg->nlines)
			return e;
		best = e;
		for (j = 0; j < ps->pg->lines[line].nspans; j++) {
			const struct render_span *sp =
			    &ps->pg->lines[line].spans[j];

			if (sp->src != RENDER_NOSRC)
				best = sp->src + sp->len;
		}
		if (dir < 0 && best <= ps->sel_start)
			return e;
		if (dir > 0 && best < e)
			return e;
		return best;
	}
	return e;
}

static void begin_tag(struct psel *);

static int
select_key(struct tui *t, int key, void *arg)
{
	struct psel *ps = arg;
	size_t e = ps->sel_end;

	switch (key) {
	case 'w':
		e = sel_move(ps, 'w', 1);
		break;
	case 'b':
		e = sel_move(ps, 'w', -1);
		break;
	case ')':
		e = sel_move(ps, 's', 1);
		break;
	case '(':
		e = sel_move(ps, 's', -1);
		break;
	case 'j':
	case TK_DOWN:
		e = sel_move(ps, 'l', 1);
		break;
	case 'k':
	case TK_UP:
		e = sel_move(ps, 'l', -1);
		break;
	case 't':
		begin_tag(ps);
		return 1;
	case 'X':
		return 0;
	case TK_ESC:
	case 'v':
	case 'q':
		ps->selecting = 0;
		tui_ungrab(t, ps);
		tui_message(t, "Selection dropped");
		return 1;
	default:
		return 0;			/* scrolling and the rest */
	}
	ps->sel_end = e;
	pager_show_plain(ps->pg, e > 0 ? e - 1 : 0);
	tui_message(t, "Selecting %zu bytes: w b word, ) ( sentence, j k "
	    "line, t tag, Esc", e - ps->sel_start);
	return 1;
}

static void
start_selection(struct psel *ps)
{
	const char *s = ps->pg->doc.plain;
	size_t n = ps->pg->doc.plain_len, a;

	detect(ps);
	if (ps->id <= 0 && n == 0) {
		tui_message(ps->t, "Nothing to select");
		return;
	}
	if (ps->cur != QUOTE_NONE && ps->cur < ps->spans.n && !ps->passage)
		a = ps->spans.v[ps->cur].start;
	else
		a = top_plain(ps->pg);
	while (a < n && is_blank(s[a]))
		a++;
	if (a >= n) {
		tui_message(ps->t, "Nothing to select");
		return;
	}
	ps->passage = 0;
	ps->selecting = 1;
	ps->sel_start = a;
	ps->sel_end = a;
	ps->sel_end = sel_move(ps, 'w', 1);
	tui_grab(ps->t, select_key, ps);
	tui_message(ps->t, "Selecting: w b word, ) ( sentence, j k line, t "
	    "tag, Esc");
}

/* ---- tagging: tags, note, speaker, then quotes_add() ---------------- */

static void
tag_reset(struct psel *ps)
{
	free(ps->tags);
	free(ps->note);
	free(ps->speaker);
	ps->tags = ps->note = ps->speaker = NULL;
}

static void
speaker_done(struct tui *t, const char *text, void *arg)
{
	struct psel *ps = arg;
	struct quotes *q = tui_quotes(t);
	char **tags;
	size_t ntags;
	int64_t qid;
	int rc;

	ntags = tags_split(ps->tags ? ps->tags : "", &tags);
	rc = q ? quotes_add(q, ps->id, ps->tag_start, ps->tag_end,
	    (const char *const *)tags, ntags, ps->note, text, &qid) : -1;
	if (rc != 0)
		tui_error(t, "Not tagged: %s", q ? quotes_errmsg(q) :
		    "no quotes");
	else {
		tui_message(t, "Tagged (quote %lld)%s%s", (long long)qid,
		    ntags ? ": " : "", ntags ? ps->tags : "");
		ps->selecting = 0;
		tui_ungrab(t, ps);
		load_saved(ps);
	}
	tags_free(tags, ntags);
	tag_reset(ps);
}

static void
note_done(struct tui *t, const char *text, void *arg)
{
	struct psel *ps = arg;
	char *who;

	free(ps->note);
	ps->note = xstrdup(text);
	who = quote_attribute(ps->pg->doc.plain, ps->pg->doc.plain_len,
	    ps->tag_start, ps->tag_end);
	if (who == NULL) {
		/* a detected quotation's own attribution */
		size_t i;

		for (i = 0; i < ps->spans.n; i++)
			if (ps->spans.v[i].start <= ps->tag_start &&
			    ps->spans.v[i].end >= ps->tag_end &&
			    ps->spans.v[i].speaker) {
				who = xstrdup(ps->spans.v[i].speaker);
				break;
			}
	}
	tui_prompt(t, "Speaker (empty: none): ", who ? who : "", speaker_done,
	    ps);
	free(who);
}

static void
tags_done(struct tui *t, const char *text, void *arg)
{
	struct psel *ps = arg;

	free(ps->tags);
	ps->tags = xstrdup(text);
	tui_prompt(t, "Note (optional): ", NULL, note_done, ps);
}

static void
begin_tag(struct psel *ps)
{
	size_t a, b;
	int is_quote;

	if (ps->id <= 0) {
		tui_error(ps->t, "Quotes refer to the feed's text: F shows it "
		    "again");
		return;
	}
	detect(ps);
	if (current(ps, &a, &b, &is_quote) != 0) {
		tui_message(ps->t, "Nothing highlighted: ] finds a quotation, "
		    "v selects a passage");
		return;
	}
	tag_reset(ps);
	ps->tag_start = a;
	ps->tag_end = b;
	tui_prompt(ps->t, "Tags (Tab completes): ", NULL, tags_done, ps);
	tui_prompt_complete(ps->t, tags_complete);
}

static void
quote_stories(struct psel *ps)
{
	size_t a, b;
	int is_quote;

	detect(ps);
	if (current(ps, &a, &b, &is_quote) != 0) {
		tui_message(ps->t, "Nothing highlighted: ] finds a quotation, "
		    "v selects a passage");
		return;
	}
	if (ps->selecting) {
		ps->selecting = 0;
		ps->passage = 1;
		tui_ungrab(ps->t, ps);
	}
	tui_push(ps->t, view_stories_quote(ps->t, ps->owner,
	    ps->pg->doc.plain + a, b - a, ps->id));
}

static int
key(void *ctx, struct tui *t, struct pager *pg, int action)
{
	struct psel *ps = ctx;

	(void)pg;
	switch (action) {
	case ACT_NEXT_QUOTE:
	case ACT_PREV_QUOTE:
		if (ps->selecting) {
			ps->selecting = 0;
			tui_ungrab(t, ps);
		}
		move_quote(ps, action == ACT_NEXT_QUOTE ? 1 : -1);
		return 1;
	case ACT_SELECT:
		start_selection(ps);
		return 1;
	case ACT_TAG:
		begin_tag(ps);
		return 1;
	case ACT_QUOTE_STORIES:
		quote_stories(ps);
		return 1;
	}
	return 0;
}

struct psel *
psel_new(struct tui *t, struct pager *pg, struct view *owner)
{
	struct psel *ps = xcalloc(1, sizeof(*ps));
	struct pager_hook h;

	ps->t = t;
	ps->pg = pg;
	ps->owner = owner;
	ps->cur = QUOTE_NONE;
	quote_spans_init(&ps->spans);
	h.key = key;
	h.ranges = ranges;
	h.ctx = ps;
	pager_add_hook(pg, &h);
	return ps;
}

void
psel_free(struct psel *ps)
{
	if (ps == NULL)
		return;
	tui_ungrab(ps->t, ps);
	quote_spans_release(&ps->spans);
	free(ps->saved);
	tag_reset(ps);
	free(ps);
}

void
psel_article(struct psel *ps, int64_t id)
{
	if (ps->selecting)
		tui_ungrab(ps->t, ps);
	ps->id = id;
	ps->detected = 0;
	ps->cur = QUOTE_NONE;
	ps->selecting = ps->passage = 0;
	quote_spans_release(&ps->spans);
	quote_spans_init(&ps->spans);
	load_saved(ps);
}

void
psel_show(struct psel *ps, size_t start, size_t end)
{
	size_t n = ps->pg->doc.plain_len;

	if (start > n)
		start = n;
	if (end > n)
		end = n;
	ps->passage = start < end;
	ps->sel_start = start;
	ps->sel_end = end;
	if (ps->passage && ps->pg->lines)
		pager_show_plain(ps->pg, start);
	else
		ps->show_pending = ps->passage;
}
