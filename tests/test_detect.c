/*
 * test_detect.c: finding quotations in plain text and attributing them.
 *
 * The table holds sentence shapes of news copy (about the 2025 civil
 * service shake-up), each with the quotation expected first and its
 * speaker, or none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dstr.h"
#include "quotes.h"
#include "render.h"
#include "tap.h"

struct shape {
	const char	*text;
	const char	*quote;		/* the first span's words; NULL: none */
	const char	*speaker;	/* NULL: not attributed */
};

static const struct shape shapes[] = {
	/* the quotation, then the speaker */
	{ "\"We will not be intimidated,\" Kelley said.",
	  "We will not be intimidated", "Kelley" },
	{ "\"We will not be intimidated,\" said Everett Kelley, president of "
	  "AFGE.", "We will not be intimidated", "Everett Kelley" },
	{ "\"This is a purge,\" the staffers wrote.",
	  "This is a purge", "the staffers" },
	{ "\"No comment at this time,\" a spokesperson for OPM said.",
	  "No comment at this time", "a spokesperson for OPM" },
	{ "\"We are reviewing the order,\" the union said Monday.",
	  "We are reviewing the order", "the union" },
	{ "\u201cWe will see them in court,\u201d Kelley said.",
	  "We will see them in court", "Kelley" },
	{ "\"This is unprecedented,\" said Max Stier, president of the "
	  "Partnership for Public Service.", "This is unprecedented",
	  "Max Stier" },
	{ "\"I love my job,\" one IRS employee told Reuters.",
	  "I love my job", "one IRS employee" },
	{ "\"Reply by Monday,\" the email read.", "Reply by Monday",
	  "the email" },
	{ "\"We're going to win,\" Kelley told reporters on Tuesday.",
	  "We're going to win", "Kelley" },
	{ "\"The agency has no comment,\" said a spokesperson for the Office "
	  "of Personnel Management.", "The agency has no comment",
	  "a spokesperson for the Office of Personnel Management" },
	{ "\"We didn't sign up for this,\" said one employee, who asked not "
	  "to be named for fear of retaliation.", "We didn't sign up for this",
	  "one employee" },
	{ "\"The administration is breaking the law,\" AFGE President Everett "
	  "Kelley said in a statement.", "The administration is breaking the "
	  "law", "AFGE President Everett Kelley" },
	{ "\"Everything is on the table,\" a senior administration official "
	  "said, speaking on condition of anonymity.", "Everything is on the "
	  "table", "a senior administration official" },
	{ "\u201cHe told us, \u2018Pack your desks,\u2019 and left,\u201d the "
	  "worker said.", "He told us, \u2018Pack your desks,\u2019 and left",
	  "the worker" },
	{ "\"Why should I trust this?\" asked one contractor.",
	  "Why should I trust this?", "one contractor" },
	{ "\"This is not a drill,\" the union's general counsel warned "
	  "members.", "This is not a drill", "the union's general counsel" },
	{ "\"I can't afford to lose this job,\" said Maria Lopez, 34, a claims "
	  "processor in Baltimore.", "I can't afford to lose this job",
	  "Maria Lopez" },
	{ "\"We're complying with the court order,\" according to a Justice "
	  "Department filing.", "We're complying with the court order",
	  "a Justice Department filing" },
	{ "\"There will be more,\" Vought told the committee.",
	  "There will be more", "Vought" },
	{ "\"It was a bloodbath,\" one official recalled.", "It was a "
	  "bloodbath", "one official" },
	{ "\"Please reply to this email,\" the message from OPM said, \"with "
	  "approximately 5 bullets.\"", "Please reply to this email",
	  "the message from OPM" },
	{ "\"Every agency will be affected,\" Musk posted on X.",
	  "Every agency will be affected", "Musk" },
	{ "\"We are deeply concerned,\" the group of former officials wrote "
	  "in an open letter.", "We are deeply concerned",
	  "the group of former officials" },
	{ "\"Morale is at an all-time low,\" said a union steward at the "
	  "Social Security Administration who requested anonymity.",
	  "Morale is at an all-time low",
	  "a union steward at the Social Security Administration" },
	{ "\"I'm heartbroken,\" Kelley said of the firings.", "I'm heartbroken",
	  "Kelley" },
	{ "\"That's not how any of this works,\" a federal judge wrote in the "
	  "ruling.", "That's not how any of this works", "a federal judge" },
	{ "\u201cThe requests will continue,\u201d the OPM memo states.",
	  "The requests will continue", "the OPM memo" },
	{ "\"It's a mess,\" says a longtime GSA employee.", "It's a mess",
	  "a longtime GSA employee" },
	{ "\"This is the beginning,\" Musk, who leads the Department of "
	  "Government Efficiency, posted on X.", "This is the beginning",
	  "Musk" },
	{ "\"We stand with our members,\" said AFGE in a statement.",
	  "We stand with our members", "AFGE" },
	{ "\"Their jobs are gone,\" Trump told reporters in the Oval Office on "
	  "Friday.", "Their jobs are gone", "Trump" },
	{ "\"We have done nothing wrong,\" Kelley, 58, said.",
	  "We have done nothing wrong", "Kelley" },
	{ "\"We will see,\" Rep. Gerry Connolly (D-Va.) said.", "We will see",
	  "Rep. Gerry Connolly" },
	/* the speaker, then the quotation */
	{ "According to the letter, \"employees who fail to respond will be "
	  "deemed to have resigned.\"", "employees who fail to respond will be "
	  "deemed to have resigned.", "the letter" },
	{ "OPM said in a statement that \"the deferred resignation program is "
	  "lawful.\"", "the deferred resignation program is lawful.", "OPM" },
	{ "Musk posted on X: \"What did you get done last week?\"",
	  "What did you get done last week?", "Musk" },
	{ "Kelley said: \"This is an attack on the civil service.\"",
	  "This is an attack on the civil service.", "Kelley" },
	{ "The memo stated, \"All probationary employees must be "
	  "terminated.\"", "All probationary employees must be terminated.",
	  "the memo" },
	{ "Kelley added that \"no one should be forced out of a job by "
	  "email.\"", "no one should be forced out of a job by email.",
	  "Kelley" },
	{ "The letter, signed by more than 100 staffers, said: \"We cannot in "
	  "good conscience continue.\"", "We cannot in good conscience "
	  "continue.", "the letter" },
	{ "Asked whether more layoffs were coming, the spokesperson said, \"We "
	  "don't comment on personnel matters.\"", "We don't comment on "
	  "personnel matters.", "the spokesperson" },
	{ "In a statement, the White House said the cuts were \"long "
	  "overdue.\"", "long overdue.", "the White House" },
	{ "Trump wrote on Truth Social that the workers were \"lazy.\"",
	  "lazy.", "Trump" },
	{ "Doe said she was \"devastated\" by the news.", "devastated",
	  "Doe" },
	{ "The union called the move \"illegal and reckless.\"",
	  "illegal and reckless.", "the union" },
	{ "Rep. Gerry Connolly (D-Va.) said the order was \"a gift to our "
	  "adversaries.\"", "a gift to our adversaries.",
	  "Rep. Gerry Connolly" },
	{ "But Kelley has also said that \"the union will fight this in "
	  "court.\"", "the union will fight this in court.", "Kelley" },
	{ "In a post on X, Musk wrote: \u201cThe fork in the road is "
	  "real.\u201d", "The fork in the road is real.", "Musk" },
	{ "AFGE\u2019s president, Everett Kelley, had promised in February "
	  "that the union would \u201chold Elon Musk accountable.\u201d",
	  "hold Elon Musk accountable.", "Everett Kelley" },
	{ "Hours before the deadline, the Office of Personnel Management (OPM) "
	  "told agencies on Monday that replies to its e-mail \"should be "
	  "directed to agency leadership.\"", "should be directed to agency "
	  "leadership.", "the Office of Personnel Management" },
	{ "Everett Kelley of AFGE: \"Elon Musk's latest email fiasco is yet "
	  "another example.\"", "Elon Musk's latest email fiasco is yet "
	  "another example.", "Everett Kelley of AFGE" },
	{ "A White House spokesman, Harrison Fields, said in an email that "
	  "\"the president is delivering.\"", "the president is delivering.",
	  "Harrison Fields" },
	{ "Kelley said the union would sue over what it called \"an illegal "
	  "order.\"", "an illegal order.", "Kelley" },
	/* pronouns and no one */
	{ "The message, sent on Saturday by OPM under the subject line "
	  "\u201cWhat did you do last week?\u201d, asks every employee to "
	  "reply.", "What did you do last week?", NULL },
	{ "Our advice: read the offer closely before typing the word "
	  "\u201cResign.\u201d", "Resign.", NULL },
	{ "\"It's chaos,\" she said.", "It's chaos", NULL },
	{ "\"We've done nothing wrong,\" they said.", "We've done nothing "
	  "wrong", NULL },
	{ "The so-called \"Fork in the Road\" email offered a deferred "
	  "resignation.", "Fork in the Road", NULL },
	{ "The email, titled \"Fork in the Road,\" offered a deferred "
	  "resignation.", "Fork in the Road", NULL },
	{ "Employees received a message asking them to list \"five things you "
	  "did last week.\"", "five things you did last week.", NULL },
	{ "The agency declined to say whether \"all staff\" would be "
	  "affected.", "all staff", NULL },
	{ "Kelley called the order \"illegal,\" and the union said it would "
	  "sue.", "illegal", "Kelley" },
	{ "The spokesperson declined to comment.", NULL, NULL },
	{ "Workers' rights groups say the agency's 12\" binders are gone.",
	  NULL, NULL },
	{ "Staff were told to return to the office in the \u201890s style.",
	  NULL, NULL },
	{ "\u201cDon\u2019t panic,\u201d a manager wrote to her team.",
	  "Don\u2019t panic", "a manager" },
};

static void
test_shapes(void)
{
	struct quote_spans sp;
	struct dstr d = DSTR_INIT;
	const struct shape *t;
	size_t i, n;
	char name[160];

	quote_spans_init(&sp);
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		t = &shapes[i];
		n = quote_find_all(t->text, strlen(t->text), &sp);
		snprintf(name, sizeof(name), "shape %zu: %.60s", i + 1, t->text);
		if (t->quote == NULL) {
			is_int(n, 0, name);
			continue;
		}
		if (!ok(n >= 1, name))
			continue;
		dstr_reset(&d);
		dstr_add(&d, t->text + sp.v[0].text_start,
		    sp.v[0].text_end - sp.v[0].text_start);
		is_str(d.buf, t->quote, "  its words");
		is_str(sp.v[0].speaker, t->speaker, "  its speaker");
	}
	diag("%zu sentence shapes", sizeof(shapes) / sizeof(shapes[0]));
	quote_spans_release(&sp);
	dstr_release(&d);
}

static char *
words(const char *s, const struct quote_span *q)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%.*s", (int)(q->text_end - q->text_start),
	    s + q->text_start);
	return buf;
}

static void
test_structure(void)
{
	struct quote_spans sp;
	struct quote_range r;
	const char *s;
	char *who;
	size_t n, i;

	quote_spans_init(&sp);

	s = "\"The first paragraph goes on.\n\n\"And the second ends it,\" "
	    "Kelley said.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 1, "a quotation continues over paragraphs");
	ok(sp.v[0].flags & QSPAN_CONTINUED, "flagged as continued");
	is_int(sp.v[0].start, 0, "from the first opening mark");
	is_int(sp.v[0].end, strlen(s) - strlen(" Kelley said."),
	    "to the last closing mark");
	is_str(sp.v[0].speaker, "Kelley", "attributed after its end");

	s = "\"This one is never closed.\n\nKelley said nothing.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 0, "an unclosed quotation is dropped at the paragraph end");

	s = "\"We were told nothing,\" said Maria Lopez.\n\n"
	    "\"It's chaos,\" she said.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 2, "two quotations");
	is_str(sp.v[1].speaker, "Maria Lopez", "a pronoun is the previous "
	    "speaker");

	s = "\"We were told nothing,\" said Maria Lopez.\n\nThe agency "
	    "disagreed.\n\nIt sent a memo.\n\nAnd another.\n\n"
	    "\"It's chaos,\" she said.";
	n = quote_find_all(s, strlen(s), &sp);
	is_str(sp.v[n - 1].speaker, NULL, "but not from too far back");

	s = "\"We were told nothing,\" said Maria Lopez.\n\n"
	    "\"Then the email came and everything changed.\"";
	n = quote_find_all(s, strlen(s), &sp);
	is_str(sp.v[1].speaker, "Maria Lopez", "a paragraph of quotation goes "
	    "on with the speaker before");

	s = "\"I was fired by email,\" said Jane Doe, a probationary employee "
	    "at the VA, \"and nobody can tell me why.\"";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 2, "a split quotation is two spans");
	is_str(sp.v[1].speaker, "Jane Doe", "both attributed");

	s = "OPM told agencies that replies \"should go to leadership\" and "
	    "that heads \"may exclude personnel.\"";
	n = quote_find_all(s, strlen(s), &sp);
	is_str(n == 2 ? sp.v[1].speaker : NULL, "OPM",
	    "a second fragment in the same sentence");

	s = "\"I'm not going anywhere,\" Kelley says, \"and neither is this "
	    "union.\"";
	n = quote_find_all(s, strlen(s), &sp);
	is_str(n == 2 ? sp.v[1].speaker : NULL, "Kelley",
	    "split around 'Kelley says'");

	s = "\u201eWir bleiben,\u201c sagte Kelley.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 1, "low-high quotation marks");

	s = "She wrote \u2018Pack your desks\u2019 on the board.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 1, "single curly quotes as the outer quotation");
	is_str(n ? words(s, &sp.v[0]) : "", "Pack your desks", "its words");

	s = "It\u2019s the workers\u2019 union, isn\u2019t it? 'Yes.'";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(n, 0, "apostrophes are not quotations");

	s = "The \"Fork\" email came. \"This is a quotation of many words,\" "
	    "Kelley said.";
	n = quote_find_all(s, strlen(s), &sp);
	ok(n == 2 && (sp.v[0].flags & QSPAN_FRAGMENT) &&
	    !(sp.v[1].flags & QSPAN_FRAGMENT), "scare quotes are fragments");

	/* blockquotes, given by the caller */
	s = "Musk posted on X:\n\nEveryone must reply by Monday. \"Or else.\"\n\n"
	    "The union objected.";
	r.start = strlen("Musk posted on X:\n\n");
	r.end = r.start + strlen("Everyone must reply by Monday. \"Or else.\"");
	n = quote_find_all_blocks(s, strlen(s), &r, 1, &sp);
	is_int(n, 1, "a blockquote is one span (quotations inside dropped)");
	ok(n == 1 && sp.v[0].kind == QUOTE_BLOCK, "of kind block");
	is_str(n ? sp.v[0].speaker : NULL, "Musk", "introduced by 'X posted:'");

	s = "In full:\n\nWe resign.\n\u2014 The staffers, in a letter\n\n"
	    "\"Good,\" Musk said.";
	r.start = strlen("In full:\n\n");
	r.end = r.start + strlen("We resign.\n\u2014 The staffers, in a letter");
	n = quote_find_all_blocks(s, strlen(s), &r, 1, &sp);
	is_int(n, 2, "a block and a quotation, in order");
	is_str(n ? sp.v[0].speaker : NULL, "the staffers",
	    "a block signed with a dash line");
	is_str(n ? words(s, &sp.v[0]) : NULL, "We resign.",
	    "the signature is not part of its words");
	is_str(n == 2 ? sp.v[1].speaker : NULL, "Musk", "then the quotation");

	/* next, previous */
	s = "\"One,\" Kelley said. \"Two,\" he said. \"Three,\" he said.";
	n = quote_find_all(s, strlen(s), &sp);
	is_int(quote_spans_next(&sp, 0), 1, "next after the first");
	is_int(quote_spans_next(&sp, sp.v[2].start), QUOTE_NONE, "none after "
	    "the last");
	is_int(quote_spans_prev(&sp, sp.v[2].start), 1, "previous");
	is_int(quote_spans_prev(&sp, 0), QUOTE_NONE, "none before the first");
	is_str(sp.v[2].speaker, "Kelley", "pronouns chain");

	/* a free selection */
	s = "The memo was blunt. \"Reply by Monday,\" the email read. Then "
	    "nothing.";
	who = quote_attribute(s, strlen(s), 21, 25);
	is_str(who, "the email", "a selection inside a quotation");
	free(who);
	who = quote_attribute(s, strlen(s), 0, 10);
	is_str(who, NULL, "a selection outside one");
	free(who);

	/* robustness: every prefix of a tricky text */
	s = "\u201cA \u2018b\u2019 \"c\n\n\u201cd\u201d,\u201d e said "
	    "\u00ab f \u00bb \u2014 g";
	for (i = 0; i <= strlen(s); i++)
		quote_find_all(s, i, &sp);
	ok(1, "every prefix of a text with cut characters");
	quote_spans_release(&sp);
}

/* Blockquotes found by the renderer, then attributed. */
static void
test_render_blocks(void)
{
	static const char html[] =
	    "<p>The staffers wrote in their letter:</p>"
	    "<blockquote><p>We will not use our skills to dismantle critical "
	    "public services.</p><p>We swore an oath.</p></blockquote>"
	    "<p>\"It was a hard call,\" one of them said.</p>"
	    "<blockquote><p>Second block.</p></blockquote>";
	struct render_doc doc;
	struct render_line *lines;
	struct quote_range *blocks;
	struct quote_spans sp;
	size_t nlines, nb, n;

	render_html(&doc, html, strlen(html), NULL);
	render_wrap(&doc, 40, &lines, &nlines);
	nb = quote_blocks_from_lines(lines, nlines, doc.plain, doc.plain_len,
	    &blocks);
	is_int(nb, 2, "two blockquotes in the layout");
	is_str(nb ? words(doc.plain, &(struct quote_span){ .text_start =
	    blocks[0].start, .text_end = blocks[0].end }) : NULL,
	    "We will not use our skills to dismantle critical public "
	    "services.\n\nWe swore an oath.", "  the first, both paragraphs");
	quote_spans_init(&sp);
	n = quote_find_all_blocks(doc.plain, doc.plain_len, blocks, nb, &sp);
	is_int(n, 3, "two blocks and a quotation");
	is_str(n == 3 ? sp.v[0].speaker : NULL, "the staffers",
	    "the block introduced by 'X wrote in their letter:'");
	is_str(n == 3 ? sp.v[1].speaker : NULL, "one of them", "the quotation");
	ok(n == 3 && sp.v[2].kind == QUOTE_BLOCK && sp.v[2].speaker == NULL,
	    "the last block: no one");
	quote_spans_release(&sp);
	free(blocks);
	render_lines_free(lines, nlines);
	render_doc_release(&doc);
}

/* Random texts made of the pieces that matter: no crash, sane spans. */
static void
test_random(void)
{
	static const char *const pieces[] = { "\"", "\u201c", "\u201d",
	    "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb", "'", " ", "\n",
	    "\n\n", ",", ".", ":", "(", ")", "\u2014", "said", "Kelley",
	    "the union", "according to", "he", "wrote", "Rep.", "\xe2\x80",
	    "\xff", "word" };
	struct quote_spans sp;
	struct dstr d = DSTR_INIT;
	unsigned long seed = 12345;
	size_t i, j, k, n, len;
	char *who;
	int bad = 0;

	quote_spans_init(&sp);
	for (i = 0; i < 3000; i++) {
		dstr_reset(&d);
		len = 1 + i % 60;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			dstr_adds(&d, pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		n = quote_find_all(d.buf, d.len, &sp);
		for (k = 0; k < n; k++) {
			const struct quote_span *q = &sp.v[k];

			if (q->start >= q->end || q->end > d.len ||
			    q->text_start < q->start || q->text_end > q->end ||
			    q->text_start > q->text_end ||
			    (k > 0 && sp.v[k - 1].end > q->start))
				bad++;
		}
		who = quote_attribute(d.buf, d.len, d.len / 3, d.len / 2 + 1);
		free(who);
	}
	is_int(bad, 0, "3000 random texts: spans in order, inside the text");
	quote_spans_release(&sp);
	dstr_release(&d);
}

/* A 20 KB article of news copy: the time per detection, as a diag. */
static void
test_speed(void)
{
	struct quote_spans sp;
	struct dstr d = DSTR_INIT;
	struct timespec t0, t1;
	double ms[101], tmp;
	size_t i, j, n = 0;

	while (d.len < 20000) {
		for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]) &&
		    d.len < 20000; i++) {
			dstr_adds(&d, shapes[i].text);
			dstr_adds(&d, i % 3 == 2 ? "\n\n" : " ");
		}
	}
	quote_spans_init(&sp);
	for (i = 0; i < 101; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		n = quote_find_all(d.buf, d.len, &sp);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	}
	for (i = 1; i < 101; i++)
		for (j = i; j > 0 && ms[j - 1] > ms[j]; j--) {
			tmp = ms[j];
			ms[j] = ms[j - 1];
			ms[j - 1] = tmp;
		}
	ok(n > 100, "a 20 KB article has its quotations found");
	diag("detection in a %zu-byte article (%zu quotations): median "
	    "%.3f ms", d.len, n, ms[50]);
	quote_spans_release(&sp);
	dstr_release(&d);
}

int
main(void)
{
	test_shapes();
	test_structure();
	test_render_blocks();
	test_random();
	test_speed();
	return done_testing();
}
