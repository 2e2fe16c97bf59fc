/*
 * quick.c: a sure match of a rule without FTS5, when there is one.
 *
 * Most keep rules are a list of alternatives, many of them single words:
 * "DOGE OR OPM OR federal + workers OR ...".  Such a rule matches any
 * article holding one of those words as a token, and finding an ASCII word
 * in the text is much cheaper than putting the article into the probe
 * table and asking FTS5 (an item cost 50 us of a poll's CPU).  So the
 * words that are whole alternatives of the top level of the query (OR
 * binds loosest in FTS5) are picked out, and the text is searched for them
 * as unicode61 would find them: case folded, between characters that are
 * not letters or digits.  Only a sure "yes" is answered: next to a
 * character this file does not know to be a separator (a letter with an
 * accent, say), or when no word is found, the probe decides.
 */
#include <stdlib.h>
#include <string.h>

#include "beats_int.h"
#include "xalloc.h"

struct quick {
	char	**words;	/* lower case, [a-z0-9]+ */
	size_t	 *lens;
	size_t	  n;
};

static int
ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* A character of an FTS5 bareword (the query syntax's definition). */
static int
bareword_char(unsigned char c)
{
	return ascii_alnum(c) || c == '_' || c == 0x1a || c >= 0x80;
}

/* One alternative [s, e) of the query: is it a lone [A-Za-z0-9]+ word? */
static void
consider(struct quick *q, const char *s, const char *e)
{
	const char *p;
	size_t i, n;

	while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	if (s == e)
		return;
	for (p = s; p < e; p++)
		if (!ascii_alnum((unsigned char)*p))
			return;
	n = (size_t)(e - s);
	if ((n == 3 && (memcmp(s, "AND", 3) == 0 ||
	    memcmp(s, "NOT", 3) == 0)) || (n == 4 && memcmp(s, "NEAR", 4) == 0))
		return;
	q->words = xreallocarray(q->words, q->n + 1, sizeof(*q->words));
	q->lens = xreallocarray(q->lens, q->n + 1, sizeof(*q->lens));
	q->words[q->n] = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		q->words[q->n][i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ?
		    s[i] - 'A' + 'a' : s[i]);
	q->words[q->n][n] = '\0';
	q->lens[q->n++] = n;
}

struct quick *
beats_quick_new(const char *fts)
{
	struct quick *q = xcalloc(1, sizeof(*q));
	const char *p, *alt, *w;
	int depth = 0;

	/* split at the top level's OR keywords, outside strings and () */
	for (p = alt = fts; *p != '\0';) {
		if (*p == '"') {
			for (p++; *p != '\0'; p++)
				if (*p == '"' && *++p != '"')
					break;
			continue;
		}
		if (*p == '(' || *p == ')') {
			depth += *p == '(' ? 1 : -1;
			p++;
			continue;
		}
		if (!bareword_char((unsigned char)*p)) {
			p++;
			continue;
		}
		for (w = p; bareword_char((unsigned char)*p); p++)
			;
		if (depth == 0 && p - w == 2 && memcmp(w, "OR", 2) == 0) {
			consider(q, alt, w);
			alt = p;
		}
	}
	if (depth == 0)
		consider(q, alt, p);
	if (q->n == 0 || depth != 0) {
		beats_quick_free(q);
		return NULL;
	}
	return q;
}

void
beats_quick_free(struct quick *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++)
		free(q->words[i]);
	free(q->words);
	free(q->lens);
	free(q);
}

/*
 * Is the character that starts (after) or ends (before) at s a sure
 * separator for unicode61?  ASCII but letters and digits is; of the rest,
 * the punctuation and spaces news text puts next to words.
 */
static int
separator_after(const unsigned char *s, const unsigned char *end)
{
	if (s >= end || *s < 0x80)
		return s >= end || !ascii_alnum(*s);
	if (end - s >= 3 && s[0] == 0xe2 && s[1] == 0x80)	/* U+20xx */
		return (s[2] >= 0x90 && s[2] <= 0xa9) ||	/* dashes, quotes, */
		    s[2] == 0xaf;			/* …, narrow nbsp */
	return end - s >= 2 && s[0] == 0xc2 &&
	    (s[1] == 0xa0 || s[1] == 0xab || s[1] == 0xbb);	/* nbsp « » */
}

static int
separator_before(const unsigned char *start, const unsigned char *s)
{
	if (s <= start)
		return 1;
	if (s[-1] < 0x80)
		return !ascii_alnum(s[-1]);
	if (s - start >= 3 && s[-3] == 0xe2 && s[-2] == 0x80)
		return separator_after(s - 3, s);
	return s - start >= 2 && s[-2] == 0xc2 && separator_after(s - 2, s);
}

/* w (n bytes of text) is word, in lower case, but for ASCII case? */
static int
same_word(const unsigned char *w, const char *word, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]) !=
		    (unsigned char)word[i])
			return 0;
	return 1;
}

/* 1 if s (of len bytes) surely holds one of the words as a token. */
int
beats_quick_match(const struct quick *q, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *w;
	size_t i, n;

	if (q == NULL || s == NULL)
		return 0;
	while (p < end) {
		if (!ascii_alnum(*p)) {
			p++;
			continue;
		}
		for (w = p; p < end && ascii_alnum(*p); p++)
			;
		n = (size_t)(p - w);
		for (i = 0; i < q->n; i++)
			if (q->lens[i] == n && same_word(w, q->words[i], n) &&
			    separator_before((const unsigned char *)s, w) &&
			    separator_after(p, end))
				return 1;
	}
	return 0;
}
