/*
 * normalize.c: the one place where URLs are made comparable.
 *
 * Two links that lead to the same page should normalise to the same
 * string, and articles.norm_url and links.url hold that string.  Parsing
 * and reassembly are libcurl's (curl_url); this file only decides what to
 * keep.  The rules, in order:
 *
 *   1. blanks around the URL and the fragment are dropped (a fragment
 *      never reaches the server, and curl refuses some of them);
 *   2. the URL is parsed, its path and query encoded where they hold
 *      spaces or non-ASCII bytes; anything but http and https is refused;
 *      curl lower-cases the scheme and resolves "." and ".." segments;
 *   3. user, password and login options are dropped;
 *   4. the host is lower-cased (ASCII; an IDN is turned into punycode when
 *      curl can) and a trailing dot removed; a host with controls, invalid
 *      UTF-8 or delimiters in it (curl decodes %XX there) is refused;
 *   5. the default port (80 for http, 443 for https) is dropped;
 *   6. percent-encoding is made canonical in path and query: escapes of
 *      unreserved characters but "." are decoded (a decoded dot could make
 *      a new ".." segment), the rest use lower-case hex (as libcurl writes
 *      them), and bytes that must be escaped are;
 *   7. trailing slashes of the path are removed, so "/a/" and "/a" are one
 *      page; the root stays "/";
 *   8. query parameters that only track the reader are removed (the table
 *      below), as are empty ones; a query left empty is dropped.
 *
 * Parameters are kept in their order; nothing else (www., index.html,
 * case of the path) is touched, because sites differ on what it means.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dstr.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"

#define URL_MAX 8192

/* Query parameters that identify a campaign or a click, not a page. */
static const char *const tracking_prefixes[] = {
	"utm_",			/* Google Analytics campaigns */
	"pk_",			/* Matomo/Piwik campaigns */
	"mtm_",			/* Matomo */
	"hsa_",			/* HubSpot ads */
};
static const char *const tracking_params[] = {
	"fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
	"yclid", "twclid", "ttclid", "li_fat_id", "igshid", "igsh",
	"mc_cid", "mc_eid",	/* Mailchimp */
	"ref_src", "ref_url",	/* Twitter embeds */
	"_ga", "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp",
	"hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
	"vero_conv", "wt_mc", "wt.mc_id", "s_cid", "cmpid", "smid", "smtyp",
	"sr_share", "at_medium", "at_campaign", "ito", "ncid", "ocid",
	"mbid", "xtor",
};

static int
is_tracking(const char *name, size_t len)
{
	size_t i, n;

	for (i = 0; i < sizeof(tracking_prefixes) /
	    sizeof(tracking_prefixes[0]); i++) {
		n = strlen(tracking_prefixes[i]);
		if (len > n && strncasecmp(name, tracking_prefixes[i], n) == 0)
			return 1;
	}
	for (i = 0; i < sizeof(tracking_params) / sizeof(tracking_params[0]);
	    i++) {
		n = strlen(tracking_params[i]);
		if (len == n && strncasecmp(name, tracking_params[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
is_unreserved(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* Characters that may appear literally in a path or a query. */
static int
is_literal(int c)
{
	return is_unreserved(c) ||
	    (c != '\0' && strchr("!$&'()*+,;=:@/?", c) != NULL);
}

/* Rule 6 for one component: canonical percent-encoding of s[0..n). */
static void
add_canonical(struct dstr *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	int hi, lo, c;

	for (i = 0; i < n; i++) {
		c = p[i];
		if (c == '%' && i + 2 < n && (hi = hexval(p[i + 1])) >= 0 &&
		    (lo = hexval(p[i + 2])) >= 0) {
			c = hi * 16 + lo;
			if (is_unreserved(c) && c != '.')
				dstr_addc(out, (char)c);
			else {
				dstr_addc(out, '%');
				dstr_addc(out, hex[hi]);
				dstr_addc(out, hex[lo]);
			}
			i += 2;
		} else if (c != '%' && is_literal(c))
			dstr_addc(out, (char)c);
		else {
			dstr_addc(out, '%');
			dstr_addc(out, hex[c >> 4]);
			dstr_addc(out, hex[c & 15]);
		}
	}
}

/* Rules 6 and 8 for the query; "" when nothing is left. */
static void
clean_query(struct dstr *out, const char *q)
{
	const char *p = q, *end, *eq;
	size_t nlen;

	while (*p) {
		end = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(end - p));
		nlen = (size_t)((eq ? eq : end) - p);
		if (end > p && !is_tracking(p, nlen)) {
			if (out->len)
				dstr_addc(out, '&');
			add_canonical(out, p, (size_t)(end - p));
		}
		p = *end ? end + 1 : end;
	}
}

/* Rules 6 and 7 for the path. */
static void
clean_path(struct dstr *out, const char *path)
{
	add_canonical(out, path, strlen(path));
	while (out->len > 1 && out->buf[out->len - 1] == '/')
		dstr_setlen(out, out->len - 1);
	if (out->len == 0)
		dstr_addc(out, '/');
}

/* A host curl took (it decodes %XX there) that is no host name. */
static int
valid_host(const char *host)
{
	const unsigned char *p;

	if (!utf8_valid(host, strlen(host)))
		return 0;
	if (host[0] == '[')		/* an IPv6 literal, checked by curl */
		return 1;
	for (p = (const unsigned char *)host; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("\"#%/:<>?@[\\]^`{|}",
		    *p) != NULL)
			return 0;
	return 1;
}

/*
 * Rules 3 to 8 on a parsed URL; 0 or -1.  *again is set when the result
 * could parse differently (a host without its trailing dot may read as a
 * number: "8." is a name, "8" the address 0.0.0.8).
 */
static int
clean(CURLU *h, int *again)
{
	struct dstr d = DSTR_INIT;
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL,
	    *query = NULL, *puny = NULL;
	size_t i;
	int rc = -1;

	if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		goto out;
	curl_url_set(h, CURLUPART_USER, NULL, 0);
	curl_url_set(h, CURLUPART_PASSWORD, NULL, 0);
	curl_url_set(h, CURLUPART_OPTIONS, NULL, 0);
	curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);

	if (curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    *host == '\0')
		goto out;
#ifdef CURLU_PUNYCODE
	if (curl_url_get(h, CURLUPART_HOST, &puny, CURLU_PUNYCODE) ==
	    CURLUE_OK && puny != NULL) {
		curl_free(host);
		host = puny;
		puny = NULL;
	}
#endif
	if (!valid_host(host))
		goto out;
	for (i = 0; host[i]; i++)
		if (host[i] >= 'A' && host[i] <= 'Z')
			host[i] += 'a' - 'A';
	/* decoded from %XX, "3" or "0x7f.1" reads as an IPv4 address when
	 * the URL is parsed again */
	if (strspn(host, "0123456789abcdefx.") == i)
		*again = 1;
	while (i > 1 && host[i - 1] == '.') {
		host[--i] = '\0';
		*again = 1;
	}
	if (host[0] == '.' || curl_url_set(h, CURLUPART_HOST, host, 0) !=
	    CURLUE_OK)
		goto out;

	if (curl_url_get(h, CURLUPART_PORT, &port, 0) == CURLUE_OK &&
	    ((strcmp(scheme, "http") == 0 && strcmp(port, "80") == 0) ||
	    (strcmp(scheme, "https") == 0 && strcmp(port, "443") == 0)))
		curl_url_set(h, CURLUPART_PORT, NULL, 0);

	if (curl_url_get(h, CURLUPART_PATH, &path, 0) != CURLUE_OK)
		goto out;
	clean_path(&d, path);
	if (curl_url_set(h, CURLUPART_PATH, d.buf, 0) != CURLUE_OK)
		goto out;

	dstr_reset(&d);
	if (curl_url_get(h, CURLUPART_QUERY, &query, 0) == CURLUE_OK)
		clean_query(&d, query);
	if (curl_url_set(h, CURLUPART_QUERY, d.len ? d.buf : NULL, 0) !=
	    CURLUE_OK)
		goto out;
	rc = 0;
out:
	dstr_release(&d);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	curl_free(puny);
	return rc;
}

/* Rules 2 to 8; a malloc'd URL or NULL. */
static char *
normalize_once(const char *url, int *again)
{
	CURLU *h;
	char *u = NULL, *res = NULL;

	if ((h = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(h, CURLUPART_URL, url, CURLU_URLENCODE) ==
	    CURLUE_OK && clean(h, again) == 0 &&
	    curl_url_get(h, CURLUPART_URL, &u, 0) == CURLUE_OK)
		res = xstrdup(u);
	curl_free(u);
	curl_url_cleanup(h);
	return res;
}

char *
xref_normalize_url(const char *url)
{
	struct dstr in = DSTR_INIT;
	char *once, *twice;
	size_t len;
	int again = 0;

	if (url == NULL)
		return NULL;
	/* rule 1 */
	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
		url++;
	len = strcspn(url, "#");
	while (len > 0 && (url[len - 1] == ' ' || url[len - 1] == '\t' ||
	    url[len - 1] == '\n' || url[len - 1] == '\r'))
		len--;
	if (len == 0 || len > URL_MAX)
		return NULL;
	dstr_add(&in, url, len);
	once = normalize_once(in.buf, &again);
	dstr_release(&in);
	if (once == NULL || !again)
		return once;
	/* a second pass makes the result a fixed point */
	twice = normalize_once(once, &again);
	free(once);
	return twice;
}
