/* subs.c: the list of subscriptions read from a file; see subs.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "dstr.h"
#include "subs.h"
#include "utf8.h"
#include "xalloc.h"

void
subs_init(struct subs *s)
{
	memset(s, 0, sizeof(*s));
}

void
subs_release(struct subs *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].url);
		free(s->v[i].title);
		free(s->v[i].site_url);
		for (j = 0; j < s->v[i].ntags; j++)
			free(s->v[i].tags[j]);
		free(s->v[i].tags);
	}
	free(s->v);
	for (i = 0; i < s->nproblems; i++)
		free(s->problems[i].msg);
	free(s->problems);
	subs_init(s);
}

struct subs_entry *
subs_add(struct subs *s, const char *url, const char *title,
    const char *site_url, int line)
{
	struct subs_entry *e;

	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->url = xstrdup(url);
	e->title = title && *title ? utf8_sanitize_dup(title, SAN_ONE_LINE) :
	    NULL;
	e->site_url = site_url && *site_url ?
	    utf8_sanitize_dup(site_url, SAN_ONE_LINE) : NULL;
	e->line = line;
	return e;
}

int
subs_entry_add_tag(struct subs_entry *e, const char *tag)
{
	size_t i, k, n = strlen(tag);
	uint32_t cp;

	if (n == 0 || strchr(tag, ',') || !utf8_valid(tag, n))
		return -1;
	for (i = 0; i < n; i += k) {	/* C1 and bidi controls too */
		k = utf8_decode(tag + i, n - i, &cp);
		if (cp < 0x20 || utf8_is_unsafe(cp))
			return -1;
	}
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return 0;
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof(char *));
	e->tags[e->ntags++] = xstrdup(tag);
	return 0;
}

void
subs_problem(struct subs *s, int line, const char *fmt, ...)
{
	struct dstr raw = DSTR_INIT, out = DSTR_INIT;
	va_list ap;

	va_start(ap, fmt);
	dstr_vaddf(&raw, fmt, ap);
	va_end(ap);
	/* messages quote the file: keep them to one clean line */
	utf8_sanitize(&out, raw.buf, raw.len, SAN_ONE_LINE);
	s->problems = xreallocarray(s->problems, s->nproblems + 1,
	    sizeof(*s->problems));
	s->problems[s->nproblems].line = line;
	s->problems[s->nproblems++].msg = dstr_detach(&out, NULL);
	dstr_release(&raw);
}

enum subs_format
subs_detect(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
	    buf[i] == '\r'))
		i++;
	if (i == len)
		return SUBS_UNKNOWN;
	return buf[i] == '<' ? SUBS_OPML : SUBS_NEWSBOAT;
}

int
subs_parse(struct subs *s, const char *buf, size_t len, struct dstr *err)
{
	switch (subs_detect(buf, len)) {
	case SUBS_OPML:
		return subs_parse_opml(s, buf, len, err);
	case SUBS_NEWSBOAT:
		return subs_parse_newsboat(s, buf, len, err);
	case SUBS_UNKNOWN:
		break;
	}
	dstr_adds(err, "the file is empty");
	return -1;
}

int
subs_check_url(const char *url, const char **why)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	size_t i, n, len = strlen(url);
	uint32_t cp;
	int rc = -1;

	/* C1 and bidi controls too, not just the bytes below 0x20 */
	for (i = 0; i < len; i += n) {
		n = utf8_decode(url + i, len - i, &cp);
		if (cp <= 0x20 || utf8_is_unsafe(cp)) {
			*why = "contains a control character or a blank";
			return -1;
		}
	}
	if (!utf8_valid(url, len)) {
		*why = "is not valid UTF-8";
		return -1;
	}
	u = curl_url();
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		*why = "is not a valid URL";
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		*why = "is not an http or https URL";
	else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    *host == '\0')
		*why = "has no host";
	else
		rc = 0;
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}
