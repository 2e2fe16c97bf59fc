/* utf8.c: decoding, width and the sanitiser for untrusted text. */
#include <string.h>
#include <wchar.h>

#include "dstr.h"
#include "utf8.h"
#include "xalloc.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		goto bad;
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

void
utf8_add(struct dstr *out, uint32_t cp)
{
	char b[4];

	dstr_add(out, b, utf8_encode(cp, b));
}

int
utf8_valid(const char *s, size_t n)
{
	uint32_t cp;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return 0;
			k = 1;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			return 0;
	}
	return 1;
}

void
utf8_repair(struct dstr *out, const char *s, size_t n)
{
	uint32_t cp;
	size_t i, k, run;

	for (i = 0; i < n; i += k) {
		/* copy runs of plain ASCII at once */
		for (run = i; run < n && (unsigned char)s[run] < 0x80 &&
		    s[run] != '\0'; run++)
			;
		if (run > i) {
			dstr_add(out, s + i, run - i);
			k = run - i;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == 0)
			continue;
		if (cp == UTF8_REPLACEMENT && k == 1)
			utf8_add(out, UTF8_REPLACEMENT);
		else
			dstr_add(out, s + i, k);
	}
}

int
utf8_cpwidth(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Unknown to this locale (LANG=C): the TUI prints a stand-in. */
	return 1;
}

size_t
utf8_width(const char *s, size_t n)
{
	uint32_t cp;
	size_t i, k, w = 0;

	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

int
utf8_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return 1;
	if (cp >= 0x80 && cp <= 0x9F)
		return 1;
	/*
	 * The embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI
	 * RLI FSI PDI) can reorder what follows them; the marks LRM, RLM
	 * and ALM only act as a strong character and stay.
	 */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	return 0;
}

void
utf8_sanitize(struct dstr *out, const char *s, size_t n, int flags)
{
	uint32_t cp;
	size_t i, k;
	int blank = 0;

	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' || cp == '\t' || cp == '\r') {
			if (flags & SAN_KEEP_NEWLINES) {
				if (cp != '\r')
					dstr_addc(out, (char)cp);
				blank = 0;
				continue;
			}
			if (blank && (flags & SAN_ONE_LINE))
				continue;
			dstr_addc(out, ' ');
			blank = 1;
			continue;
		}
		if (utf8_is_unsafe(cp))
			continue;
		if (cp == ' ' && (flags & SAN_ONE_LINE)) {
			if (blank)
				continue;
			blank = 1;
		} else
			blank = 0;
		if (cp == UTF8_REPLACEMENT && k == 1)
			utf8_add(out, cp);
		else
			dstr_add(out, s + i, k);
	}
}

char *
utf8_sanitize_dup(const char *s, int flags)
{
	struct dstr d = DSTR_INIT;

	if (s == NULL)
		return NULL;
	utf8_sanitize(&d, s, strlen(s), flags);
	return dstr_detach(&d, NULL);
}
