/*
 * decode.c: finding a document's encoding and converting it to UTF-8.
 *
 * The usual lies are handled here: ISO-8859-1 and US-ASCII are read as
 * windows-1252 (which they nearly always are), and bytes that are not
 * UTF-8 in a document said to be UTF-8 are read as windows-1252 one by
 * one (see feed_utf8_fix()), so nothing is lost and no decoder ever stops.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "utf8.h"

/* Windows-1252 0x80..0x9F; the holes are U+FFFD. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

uint32_t
feed_cp1252(unsigned char c)
{
	if (c < 0x80)
		return c;
	if (c < 0xA0)
		return cp1252_c1[c - 0x80];
	return c;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Names of encodings read as windows-1252. */
static int
is_cp1252_name(const char *s)
{
	static const char *const names[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
		"l1", "us-ascii", "ascii", "windows-1252", "cp1252",
		"x-cp1252", "iso-ir-100", "csisolatin1", "ibm819", "cp819",
		"ansi_x3.4-1968",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* The value of encoding="..." in an XML declaration at s[0..n). */
static int
decl_encoding(const char *s, size_t n, char *name, size_t namesz)
{
	const char *p, *end = s + n, *v;
	char q;

	for (p = s; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && is_blank(*p))
			p++;
		if (p >= end || *p++ != '=')
			return 0;
		while (p < end && is_blank(*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return 0;
		q = *p++;
		for (v = p; p < end && *p != q; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') ||
			    *p == '-' || *p == '_' || *p == '.' || *p == ':'))
				return 0;
		if (p >= end || (size_t)(p - v) >= namesz || p == v)
			return 0;
		memcpy(name, v, (size_t)(p - v));
		name[p - v] = '\0';
		return 1;
	}
	return 0;
}

int
feed_encoding_sniff(const char *buf, size_t n, int final, char *name,
    size_t namesz, size_t *skip)
{
	const unsigned char *b = (const unsigned char *)buf;
	const char *p, *end;

	*skip = 0;
	snprintf(name, namesz, "UTF-8");
	if (n < 4 && !final)
		return SNIFF_MORE;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		*skip = 3;
		return SNIFF_DONE;
	}
	if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
		snprintf(name, namesz, "UTF-32LE");
		*skip = 4;
		return SNIFF_DONE;
	}
	if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
		snprintf(name, namesz, "UTF-32BE");
		*skip = 4;
		return SNIFF_DONE;
	}
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		snprintf(name, namesz, "UTF-16LE");
		*skip = 2;
		return SNIFF_DONE;
	}
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		snprintf(name, namesz, "UTF-16BE");
		*skip = 2;
		return SNIFF_DONE;
	}
	if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) {
		snprintf(name, namesz, "UTF-16LE");
		return SNIFF_DONE;
	}
	if (n >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) {
		snprintf(name, namesz, "UTF-16BE");
		return SNIFF_DONE;
	}
	/* An ASCII-compatible encoding: look for <?xml ... ?> */
	p = buf;
	end = buf + n;
	while (p < end && is_blank(*p))
		p++;
	if (p == end)
		return final || n > 1024 ? SNIFF_DONE : SNIFF_MORE;
	if ((size_t)(end - p) < 5)
		return final ? SNIFF_DONE : SNIFF_MORE;
	if (memcmp(p, "<?xml", 5) != 0)
		return SNIFF_DONE;
	end = memchr(p, '>', (size_t)(end - p));
	if (end == NULL)
		return final || n > 1024 ? SNIFF_DONE : SNIFF_MORE;
	if (decl_encoding(p, (size_t)(end - p), name, namesz)) {
		/* UTF-16 without the NULs that make it so: it is not. */
		if (strncasecmp(name, "utf-16", 6) == 0 ||
		    strncasecmp(name, "utf-32", 6) == 0 ||
		    strncasecmp(name, "ucs-", 4) == 0)
			snprintf(name, namesz, "UTF-8");
	}
	return SNIFF_DONE;
}

int
feed_decoder_open(struct feed_decoder *d, const char *name)
{
	memset(d, 0, sizeof(*d));
	d->kind = DEC_UTF8;
	d->cd = (iconv_t)-1;
	if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		return 0;
	if (is_cp1252_name(name)) {
		d->kind = DEC_CP1252;
		return 0;
	}
	if ((d->cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return -1;
	d->kind = DEC_ICONV;
	return 0;
}

void
feed_decoder_close(struct feed_decoder *d)
{
	if (d->kind == DEC_ICONV && d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	d->cd = (iconv_t)-1;
	d->kind = DEC_UTF8;
}

static void
run_iconv(struct feed_decoder *d, const char *in, size_t n, int final,
    struct dstr *out)
{
	char *ip = (char *)(uintptr_t)in, *op;
	size_t il = n, ol, room;

	while (il > 0) {
		room = il * 4 + 16;
		dstr_grow(out, room);
		op = out->buf + out->len;
		ol = room;
		if (iconv(d->cd, &ip, &il, &op, &ol) != (size_t)-1) {
			out->len += room - ol;
			break;
		}
		out->len += room - ol;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final) {
			/* an unfinished sequence: keep it for next time */
			if (il <= sizeof(d->carry)) {
				memcpy(d->carry, ip, il);
				d->ncarry = il;
				break;
			}
		}
		/* EILSEQ, or EINVAL at the end: one byte lost */
		utf8_add(out, UTF8_REPLACEMENT);
		ip++;
		il--;
	}
	out->buf[out->len] = '\0';
}

void
feed_decoder_run(struct feed_decoder *d, const char *in, size_t n, int final,
    struct dstr *out)
{
	struct dstr join = DSTR_INIT;
	size_t i;

	if (d->kind == DEC_CP1252) {
		for (i = 0; i < n; i++) {
			if ((unsigned char)in[i] < 0x80)
				dstr_addc(out, in[i]);
			else
				utf8_add(out,
				    feed_cp1252((unsigned char)in[i]));
		}
		return;
	}
	if (d->kind != DEC_ICONV) {
		dstr_add(out, in, n);
		return;
	}
	if (d->ncarry > 0) {
		/* rare: a sequence cut by the end of the last chunk */
		dstr_add(&join, d->carry, d->ncarry);
		dstr_add(&join, in, n);
		d->ncarry = 0;
		run_iconv(d, join.buf, join.len, final, out);
		dstr_release(&join);
	} else if (n > 0)
		run_iconv(d, in, n, final, out);
	if (final && d->ncarry > 0) {
		utf8_add(out, UTF8_REPLACEMENT);
		d->ncarry = 0;
	}
}

static void
utf8_fix_run(const char *s, size_t n, int final, struct dstr *out,
    char *carry, size_t *ncarry)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j, k, need;
	uint32_t cp;

	while (i < n) {
		for (j = i; j < n && p[j] >= 0x20 && p[j] < 0x80; j++)
			;
		dstr_add(out, s + i, j - i);
		if ((i = j) >= n)
			break;
		if (p[i] < 0x20) {
			if (p[i] == '\t' || p[i] == '\n' || p[i] == '\r')
				dstr_addc(out, (char)p[i]);
			i++;
			continue;
		}
		need = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
		if (n - i < need && !final && p[i] >= 0xC2 && p[i] <= 0xF4) {
			/* maybe a sequence cut by the end of the chunk */
			for (k = i + 1; k < n && (p[k] & 0xC0) == 0x80; k++)
				;
			if (k == n) {
				memcpy(carry, s + i, n - i);
				*ncarry = n - i;
				return;
			}
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 1)
			utf8_add(out, feed_cp1252(p[i]));
		else if (cp == 0xFFFE || cp == 0xFFFF)
			utf8_add(out, UTF8_REPLACEMENT);
		else
			dstr_add(out, s + i, k);
		i += k;
	}
}

void
feed_utf8_fix(const char *s, size_t n, int final, struct dstr *out,
    char *carry, size_t *ncarry)
{
	struct dstr join = DSTR_INIT;

	if (*ncarry == 0) {
		utf8_fix_run(s, n, final, out, carry, ncarry);
		return;
	}
	dstr_add(&join, carry, *ncarry);
	dstr_add(&join, s, n);
	*ncarry = 0;
	utf8_fix_run(join.buf, join.len, final, out, carry, ncarry);
	dstr_release(&join);
}
