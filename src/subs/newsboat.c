/*
 * newsboat.c: newsboat's `urls` file.
 *
 *	# comment
 *	https://example.org/feed.xml tag "tag with blanks" "~Custom title"
 *	"query:Unread:unread = \"yes\""		(not honoured: reported)
 *	exec:~/bin/feed.sh			(not honoured: reported)
 *	filter:~/bin/f.sh:https://x/feed	(not honoured: reported)
 *
 * Blank-separated words; double quotes group words and \" is a quote in
 * them.  The first word is the URL, a word starting with ~ is the title,
 * the others are tags.
 */
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "subs.h"
#include "utf8.h"
#include "xalloc.h"

/* Split a line into words; -1 on an unterminated quote. */
static int
split(const char *p, const char *end, char ***wordsp, size_t *np)
{
	struct dstr w = DSTR_INIT;
	char **words = NULL;
	size_t n = 0;
	int quoted;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		dstr_reset(&w);
		quoted = 0;
		while (p < end && (quoted || (*p != ' ' && *p != '\t'))) {
			if (*p == '"') {
				quoted = !quoted;
				p++;
			} else if (*p == '\\' && quoted && p + 1 < end &&
			    (p[1] == '"' || p[1] == '\\')) {
				dstr_addc(&w, p[1]);
				p += 2;
			} else
				dstr_addc(&w, *p++);
		}
		words = xreallocarray(words, n + 1, sizeof(char *));
		words[n++] = xstrndup(w.buf, w.len);
		if (quoted) {
			dstr_release(&w);
			*wordsp = words;
			*np = n;
			return -1;
		}
	}
	dstr_release(&w);
	*wordsp = words;
	*np = n;
	return 0;
}

static void
line_entry(struct subs *s, char **w, size_t n, int lineno)
{
	struct subs_entry *e;
	const char *why, *title = NULL;
	size_t i;
	int hidden = 0;

	if (strncmp(w[0], "query:", 6) == 0) {
		subs_problem(s, lineno, "query feeds (%.40s) are not "
		    "supported; skipped", w[0]);
		return;
	}
	if (strncmp(w[0], "exec:", 5) == 0) {
		subs_problem(s, lineno, "exec: feeds (a command's output) are "
		    "not supported; skipped");
		return;
	}
	if (strncmp(w[0], "filter:", 7) == 0) {
		subs_problem(s, lineno, "filter: feeds (a URL piped through "
		    "a command) are not supported; skipped");
		return;
	}
	if (subs_check_url(w[0], &why) != 0) {
		subs_problem(s, lineno, "'%s' %s; skipped", w[0], why);
		return;
	}
	for (i = 1; i < n; i++)
		if (w[i][0] == '~' && w[i][1] != '\0')
			title = w[i] + 1;
	e = subs_add(s, w[0], title, NULL, lineno);
	for (i = 1; i < n; i++) {
		if (w[i][0] == '~')
			continue;
		if (strcmp(w[i], "!") == 0) {
			hidden = 1;
			continue;
		}
		if (subs_entry_add_tag(e, w[i]) != 0)
			subs_problem(s, lineno, "tag '%s' is empty, has a comma "
			    "or a control character; left out", w[i]);
	}
	if (hidden)
		subs_problem(s, lineno, "hidden feeds (the \"!\" tag) are not "
		    "supported; imported as a visible feed");
}

int
subs_parse_newsboat(struct subs *s, const char *buf, size_t len,
    struct dstr *err)
{
	const char *p = buf, *end = buf + len, *nl, *le;
	char **w;
	size_t n, i;
	int lineno = 0;

	if (memchr(buf, '\0', len) != NULL) {
		dstr_adds(err, "not a text file (it contains NUL bytes)");
		return -1;
	}
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		le = nl ? nl : end;
		if (le > p && le[-1] == '\r')
			le--;
		while (p < le && (*p == ' ' || *p == '\t'))
			p++;
		if (p < le && *p != '#') {
			if (!utf8_valid(p, (size_t)(le - p)))
				subs_problem(s, lineno, "not valid UTF-8; "
				    "skipped");
			else {
				if (split(p, le, &w, &n) != 0)
					subs_problem(s, lineno, "unterminated "
					    "quote; skipped");
				else if (n > 0)
					line_entry(s, w, n, lineno);
				for (i = 0; i < n; i++)
					free(w[i]);
				free(w);
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return 0;
}
