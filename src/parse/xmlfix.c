/*
 * xmlfix.c: make the UTF-8 text of a feed palatable to libxml2.
 *
 * Real feeds are often not well-formed, and libxml2 in recovery mode
 * recovers badly from some mistakes: after the first error it drops every
 * entity reference, even &amp;, it drops "&b" in "?a=1&b=2", and it knows no
 * HTML entity.  So before libxml2 sees the text, this one pass (outside
 * comments, CDATA sections and processing instructions):
 *
 *  - makes it valid UTF-8 without NUL or C0 controls (bytes that are not
 *    UTF-8 are read as windows-1252), and U+FFFE/U+FFFF become U+FFFD;
 *  - replaces HTML named entities (&eacute;) by their characters, and
 *    escapes every other '&' that does not start one of the five XML
 *    entities or a valid character reference (so &foo; stays "&foo;" as
 *    text, and no entity declared in the document is ever expanded);
 *  - maps character references to C1 controls to windows-1252 (&#150; is a
 *    dash) and invalid ones to U+FFFD;
 *  - escapes a '<' that cannot start markup ("a < b");
 *  - splits long CDATA sections, which libxml2's push parser would
 *    otherwise hand over 300 bytes per push and reject past 10 MB.
 *
 * A token cut by the end of a chunk is held back until the next one.
 */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "internal.h"
#include "utf8.h"

enum {
	FX_TEXT,		/* also end tags, DOCTYPE */
	FX_COMMENT,
	FX_CDATA,
	FX_PI,
	FX_TAG,			/* in a start tag */
	FX_ATTVAL,		/* in one of its quoted values */
	FX_TAGDROP,		/* in its attributes past FEED_MAX_ATTRS */
};

#define CDATA_SPLIT	(32 * 1024)
#define NAME_MAX_LEN	32		/* longest entity name */

enum {
	C_CTRL = 1 << 0,	/* C0 control but tab, newline, return */
	C_HIGH = 1 << 1,	/* not ASCII */
	C_AMP = 1 << 2,
	C_LT = 1 << 3,
	C_DASH = 1 << 4,
	C_RBRACK = 1 << 5,
	C_QMARK = 1 << 6,
	C_TAG = 1 << 7,		/* '"', '\'', '=', '>' */
};

static const unsigned char state_mask[] = {
	[FX_TEXT] = C_CTRL | C_HIGH | C_AMP | C_LT,
	[FX_COMMENT] = C_CTRL | C_HIGH | C_DASH,
	[FX_CDATA] = C_CTRL | C_HIGH | C_RBRACK,
	[FX_PI] = C_CTRL | C_HIGH | C_QMARK,
	[FX_TAG] = C_CTRL | C_HIGH | C_AMP | C_LT | C_TAG,
	[FX_ATTVAL] = C_CTRL | C_HIGH | C_AMP | C_LT | C_TAG,
	[FX_TAGDROP] = 0,
};

/* The ASCII characters that stop a scan in each state. */
static const char state_stop[][2] = {
	[FX_TEXT] = { '&', '<' },
	[FX_COMMENT] = { '-', '-' },
	[FX_CDATA] = { ']', ']' },
	[FX_PI] = { '?', '?' },
	[FX_TAG] = { 0, 0 },
	[FX_ATTVAL] = { 0, 0 },
	[FX_TAGDROP] = { 0, 0 },
};

#define ONES	0x0101010101010101ULL
#define HIGH	(ONES * 0x80)

void
feed_xmlfix_init(struct feed_xmlfix *fx)
{
	int c;

	memset(fx, 0, sizeof(*fx));
	for (c = 0; c < 0x20; c++)
		if (c != '\t' && c != '\n' && c != '\r')
			fx->cls[c] = C_CTRL;
	for (c = 0x80; c < 0x100; c++)
		fx->cls[c] = C_HIGH;
	fx->cls['&'] = C_AMP;
	fx->cls['<'] = C_LT;
	fx->cls['-'] = C_DASH;
	fx->cls[']'] = C_RBRACK;
	fx->cls['?'] = C_QMARK;
	fx->cls['"'] = fx->cls['\''] = fx->cls['='] = fx->cls['>'] = C_TAG;
	fx->state = FX_TEXT;
	dstr_init(&fx->carry);
	dstr_init(&fx->join);
}

void
feed_xmlfix_release(struct feed_xmlfix *fx)
{
	dstr_release(&fx->carry);
	dstr_release(&fx->join);
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
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

const char *
feed_html_entity(const char *name, size_t len, char buf[8])
{
	const htmlEntityDesc *e;
	char nm[NAME_MAX_LEN + 1];
	size_t k;

	if (len == 0 || len > NAME_MAX_LEN)
		return NULL;
	memcpy(nm, name, len);
	nm[len] = '\0';
	if ((e = htmlEntityLookup((const xmlChar *)nm)) == NULL)
		return NULL;
	k = utf8_encode(e->value, buf);
	buf[k] = '\0';
	return buf;
}

static int
is_xml_entity(const char *s, size_t len)
{
	switch (len) {
	case 2:
		return memcmp(s, "lt", 2) == 0 || memcmp(s, "gt", 2) == 0;
	case 3:
		return memcmp(s, "amp", 3) == 0;
	case 4:
		return memcmp(s, "quot", 4) == 0 || memcmp(s, "apos", 4) == 0;
	}
	return 0;
}

/* A character XML 1.0 allows. */
static int
xml_char(uint32_t c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	if (c < 0xD800)
		return 1;
	if (c < 0xE000)
		return 0;
	return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

/*
 * s[0] is '&': write what it becomes.  Returns the bytes used, or 0 when
 * the end of s cuts what may be a reference and more is to come.
 */
static size_t
fix_amp(const char *s, size_t n, int final, struct dstr *out)
{
	char buf[8];
	const char *u;
	uint32_t v = 0;
	size_t j, nd = 0;
	int d, base = 10;

	if (n < 2) {
		if (!final)
			return 0;
		goto bare;
	}
	if (s[1] == '#') {
		j = 2;
		if (j < n && (s[j] == 'x' || s[j] == 'X')) {
			base = 16;
			j++;
		}
		for (; j < n && nd < 12; j++, nd++) {
			if ((d = hexval(s[j])) < 0 || d >= base)
				break;
			v = v * (uint32_t)base + (uint32_t)d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		if (j >= n && !final)
			return 0;
		if (nd == 0 || j >= n || s[j] != ';')
			goto bare;
		if (v >= 0x80 && v <= 0x9F)
			v = feed_cp1252((unsigned char)v);
		if (!xml_char(v)) {
			if (v < 0x20)		/* a control: dropped */
				return j + 1;
			v = UTF8_REPLACEMENT;
		}
		if (v < 0x20 || v == '&' || v == '<' || v == '>' ||
		    v == '"' || v == '\'')
			dstr_addf(out, "&#%u;", (unsigned)v);
		else
			utf8_add(out, v);
		return j + 1;
	}
	for (j = 1; j < n && j <= NAME_MAX_LEN + 1 && is_alnum(s[j]); j++)
		;
	if (j >= n && !final && j <= NAME_MAX_LEN + 1)
		return 0;
	if (j > 1 && j < n && s[j] == ';') {
		if (is_xml_entity(s + 1, j - 1)) {
			dstr_add(out, s, j + 1);
			return j + 1;
		}
		if ((u = feed_html_entity(s + 1, j - 1, buf)) != NULL) {
			dstr_adds(out, u);
			return j + 1;
		}
	}
bare:
	dstr_add(out, "&amp;", 5);
	return 1;
}

static int
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == '_' || c == ':' || c >= 0x80;
}

/*
 * A byte that only moves the tag states along, copied as it is: the '<'
 * of a start tag, '=' and quotes in it, its '>'.  Returns 0 when the
 * byte needs the slow path.
 */
static int
step(struct feed_xmlfix *fx, const unsigned char *p, size_t j, size_t n)
{
	unsigned char c = p[j];

	if (c < 0x20 || c >= 0x80 || c == '&')
		return 0;
	switch (fx->state) {
	case FX_TEXT:
		if (c != '<' || j + 1 >= n)
			return 0;
		if (p[j + 1] == '/')
			return 1;		/* an end tag */
		if (p[j + 1] >= 0x80 || !name_start(p[j + 1]))
			return 0;
		fx->state = FX_TAG;
		fx->nattr = 0;
		return 1;
	case FX_TAG:
		if (c == '=') {
			fx->nattr++;
			return 1;
		}
		if (c == '"' || c == '\'') {
			fx->quote = c;
			fx->state = FX_ATTVAL;
			return 1;
		}
		if (c == '>') {
			fx->state = FX_TEXT;
			return 1;
		}
		return 0;
	case FX_ATTVAL:
		if (c == fx->quote) {
			fx->state = fx->nattr >= FEED_MAX_ATTRS ? FX_TAGDROP :
			    FX_TAG;
			fx->quote = 0;
			fx->slash = 0;
			return 1;
		}
		return c != '<';
	default:
		return 0;
	}
}

/*
 * The rest of a start tag with too many attributes (libxml2 checks them
 * for duplicates in quadratic time): dropped up to its '>'.
 */
static size_t
drop_attrs(struct feed_xmlfix *fx, const char *s, size_t n, struct dstr *out)
{
	size_t k;
	char c;

	for (k = 0; k < n; k++) {
		c = s[k];
		if (fx->quote) {
			if (c == fx->quote)
				fx->quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			fx->quote = c;
			fx->slash = 0;
		} else if (c == '>' || c == '<') {
			dstr_adds(out, fx->slash ? "/>" : ">");
			fx->dropped++;
			fx->state = FX_TEXT;
			return c == '>' ? k + 1 : k;
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			fx->slash = c == '/';
	}
	return n;
}

/* Fix s[0..n); returns how much was used (all of it if final). */
static size_t
fix(struct feed_xmlfix *fx, const char *s, size_t n, int final,
    struct dstr *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *cls = fx->cls;
	size_t i = 0, j, k, lim, need;
	uint64_t w, x1, x2, sp1, sp2;
	uint32_t cp;
	int swar;

	while (i < n) {
		if (fx->state == FX_TAGDROP) {
			i += drop_attrs(fx, s + i, n - i, out);
			continue;
		}
		lim = n;
		if (fx->state == FX_CDATA) {
			if (fx->cdata_run >= CDATA_SPLIT && (out->len == 0 ||
			    out->buf[out->len - 1] != ']')) {
				dstr_add(out, "]]><![CDATA[", 12);
				fx->cdata_run = 0;
			}
			if (n - i > CDATA_SPLIT - fx->cdata_run &&
			    fx->cdata_run < CDATA_SPLIT)
				lim = i + (CDATA_SPLIT - fx->cdata_run);
		}
		/* what needs no change, following the tag states */
		j = i;
		while (j < lim && fx->state != FX_TAGDROP) {
			swar = fx->state != FX_TAG && fx->state != FX_ATTVAL;
			if (swar) {
				sp1 = ONES *
				    (unsigned char)state_stop[fx->state][0];
				sp2 = ONES *
				    (unsigned char)state_stop[fx->state][1];
			}
			/* eight bytes that need nothing at a time */
			while (swar && lim - j >= 8) {
				memcpy(&w, p + j, 8);
				x1 = w ^ sp1;
				x2 = w ^ sp2;
				if ((((w - ONES * 0x20) | w |
				    ((x1 - ONES) & ~x1) | ((x2 - ONES) & ~x2)) &
				    HIGH) != 0)
					break;
				j += 8;
			}
			if (j >= lim)
				break;
			if (!(cls[p[j]] & state_mask[fx->state]) ||
			    step(fx, p, j, n)) {
				j++;
				continue;
			}
			break;
		}
		if (j > i) {
			dstr_add(out, s + i, j - i);
			if (fx->state == FX_CDATA)
				fx->cdata_run += j - i;
			i = j;
			continue;
		}
		if (fx->state == FX_TAGDROP)
			continue;
		if (p[i] >= 0x80) {
			need = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
			if (n - i < need && !final && p[i] >= 0xC2 &&
			    p[i] <= 0xF4) {
				for (k = i + 1; k < n && (p[k] & 0xC0) == 0x80;
				    k++)
					;
				if (k == n)
					return i;	/* cut sequence */
			}
			k = utf8_decode(s + i, n - i, &cp);
			if (k == 1)
				utf8_add(out, feed_cp1252(p[i]));
			else if (cp == 0xFFFE || cp == 0xFFFF)
				utf8_add(out, UTF8_REPLACEMENT);
			else
				dstr_add(out, s + i, k);
			if (fx->state == FX_CDATA)
				fx->cdata_run += k;
			i += k;
			continue;
		}
		if (p[i] < 0x20) {		/* dropped */
			i++;
			continue;
		}
		switch (fx->state) {
		case FX_TEXT:
		case FX_TAG:
		case FX_ATTVAL:
			if (p[i] == '&') {
				k = fix_amp(s + i, n - i, final, out);
				if (k == 0)
					return i;
				i += k;
				break;
			}
			/* '<' */
			if (fx->state == FX_ATTVAL) {
				dstr_add(out, "&lt;", 4);
				i++;
				break;
			}
			if (fx->state == FX_TAG) {
				/* a tag without its '>': the '<' starts anew */
				fx->state = FX_TEXT;
				break;
			}
			if (n - i < 9 && !final)
				return i;
			if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
				dstr_add(out, s + i, 4);
				fx->state = FX_COMMENT;
				i += 4;
			} else if (n - i >= 9 &&
			    memcmp(s + i, "<![CDATA[", 9) == 0) {
				dstr_add(out, s + i, 9);
				fx->state = FX_CDATA;
				fx->cdata_run = 0;
				i += 9;
			} else if (n - i >= 2 && s[i + 1] == '?') {
				dstr_add(out, s + i, 2);
				fx->state = FX_PI;
				i += 2;
			} else if (n - i >= 2 && name_start(p[i + 1])) {
				dstr_addc(out, '<');
				fx->state = FX_TAG;
				fx->nattr = 0;
				i++;
			} else if (n - i >= 2 && (s[i + 1] == '/' ||
			    s[i + 1] == '!')) {
				dstr_addc(out, '<');
				i++;
			} else {
				dstr_add(out, "&lt;", 4);
				i++;
			}
			break;
		case FX_COMMENT:
			if (n - i < 3 && !final)
				return i;
			if (n - i >= 3 && memcmp(s + i, "-->", 3) == 0) {
				dstr_add(out, "-->", 3);
				fx->state = FX_TEXT;
				i += 3;
			} else
				dstr_addc(out, s[i++]);
			break;
		case FX_CDATA:
			if (n - i < 3 && !final)
				return i;
			if (n - i >= 3 && memcmp(s + i, "]]>", 3) == 0) {
				dstr_add(out, "]]>", 3);
				fx->state = FX_TEXT;
				i += 3;
			} else {
				dstr_addc(out, s[i++]);
				fx->cdata_run++;
			}
			break;
		case FX_PI:
			if (n - i < 2 && !final)
				return i;
			if (n - i >= 2 && s[i + 1] == '>') {
				dstr_add(out, "?>", 2);
				fx->state = FX_TEXT;
				i += 2;
			} else
				dstr_addc(out, s[i++]);
			break;
		}
	}
	return n;
}

void
feed_xmlfix_run(struct feed_xmlfix *fx, const char *in, size_t n, int final,
    struct dstr *out)
{
	const char *s = in;
	size_t len = n, used;

	if (fx->carry.len > 0) {
		dstr_reset(&fx->join);
		dstr_add(&fx->join, fx->carry.buf, fx->carry.len);
		dstr_add(&fx->join, in, n);
		dstr_reset(&fx->carry);
		s = fx->join.buf;
		len = fx->join.len;
	}
	used = fix(fx, s, len, final, out);
	if (used < len)
		dstr_add(&fx->carry, s + used, len - used);
}
