/*
 * url.c: resolving relative URLs, with libxml2's RFC 3986 resolver.
 *
 * xmlBuildURI() wants a strict URI reference, so what feeds really hold
 * (spaces, raw UTF-8, stray '%') is percent-encoded first; the UTF-8 is
 * decoded again afterwards so that the result reads like its source.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "dstr.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
hexval(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_has_scheme(const char *s)
{
	const char *p = s;

	if (!is_alpha(*p))
		return 0;
	while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return *p == ':';
}

/* Characters a URI reference may hold as they are (RFC 3986). */
static int
uri_char(unsigned char c)
{
	if (is_alpha(c) || is_digit(c))
		return 1;
	return c != '\0' && strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL;
}

/* Percent-encode what xmlBuildURI() would refuse; *nonascii is set. */
static void
escape(struct dstr *out, const char *s, size_t n, int *nonascii)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (uri_char(c) || (c == '%' && i + 2 < n &&
		    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0)) {
			dstr_addc(out, (char)c);
			continue;
		}
		if (c >= 0x80)
			*nonascii = 1;
		dstr_addc(out, '%');
		dstr_addc(out, hex[c >> 4]);
		dstr_addc(out, hex[c & 15]);
	}
}

/* Decode the percent-encoded UTF-8 sequences (not ASCII) of s. */
static char *
unescape_utf8(const char *s)
{
	struct dstr out = DSTR_INIT;
	unsigned char b[4];
	const char *p = s;
	size_t need, k;
	uint32_t cp;
	int hi, lo;

	while (*p != '\0') {
		if (p[0] != '%' || (hi = hexval(p[1])) < 8 ||
		    (lo = hexval(p[2])) < 0) {
			dstr_addc(&out, *p++);
			continue;
		}
		b[0] = (unsigned char)(hi << 4 | lo);
		need = b[0] >= 0xF0 ? 4 : b[0] >= 0xE0 ? 3 : 2;
		for (k = 1; k < need; k++) {
			const char *q = p + 3 * k;

			if (q[0] != '%' || hexval(q[1]) < 0 ||
			    hexval(q[2]) < 0)
				break;
			b[k] = (unsigned char)(hexval(q[1]) << 4 |
			    hexval(q[2]));
		}
		if (k == need && utf8_decode((const char *)b, need, &cp) ==
		    need) {
			dstr_add(&out, (const char *)b, need);
			p += 3 * need;
		} else {
			dstr_add(&out, p, 3);
			p += 3;
		}
	}
	return dstr_detach(&out, NULL);
}

char *
url_resolve(const char *base, const char *ref)
{
	struct dstr eref = DSTR_INIT, ebase = DSTR_INIT;
	xmlChar *r;
	const char *end;
	char *res;
	int nonascii = 0;

	if (ref == NULL)
		return NULL;
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	end = ref + strlen(ref);
	while (end > ref && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (base == NULL || *base == '\0' || url_has_scheme(ref))
		return xstrndup(ref, (size_t)(end - ref));
	escape(&eref, ref, (size_t)(end - ref), &nonascii);
	escape(&ebase, base, strlen(base), &nonascii);
	r = xmlBuildURI((const xmlChar *)eref.buf, (const xmlChar *)ebase.buf);
	dstr_release(&eref);
	dstr_release(&ebase);
	if (r == NULL)
		return NULL;
	res = nonascii ? unescape_utf8((const char *)r) : xstrdup((char *)r);
	xmlFree(r);
	return res;
}
