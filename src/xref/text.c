/*
 * text.c: character classes for names, quotations and terms.
 *
 * Small tables instead of the C library's locale-dependent ones, so that
 * the index is the same whatever the locale of the process that built it.
 * Latin, Greek and Cyrillic letters are cased; other scripts count as
 * word characters without case.
 */
#include "xref_int.h"

/* U+00C0..U+00FF: the base letter, or 0 when the letter has none. */
static const char latin1_base[64] =
    "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0"
    "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
/* U+0100..U+017F: the base letter; '?' lower-cases to the odd neighbour. */
static const char latin_a_base[129] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiii"
    "ii??jjkkkllllllllllnnnnnnn??oooooo??rrrrrrssssss"
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

int
xtext_is_blank_nonascii(uint32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000;
}

int
xtext_is_word_nonascii(uint32_t cp)
{
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb5 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	if (cp >= 0x2000 && cp <= 0x2bff)	/* punctuation, symbols */
		return cp >= 0x2070 && cp <= 0x209f;	/* super/subscripts */
	if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
	    (cp >= 0xfe30 && cp <= 0xfe6f) || cp == 0xfeff)
		return 0;
	if ((cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65))
		return 0;
	if (cp >= 0xfff0 && cp <= 0xffff)	/* specials, U+FFFD */
		return 0;
	if (cp >= 0x1f000 && cp <= 0x1faff)	/* emoji, pictographs */
		return 0;
	if (cp >= 0xe0000)			/* tags, private use */
		return 0;
	return 1;
}

static int
latin_a_upper(uint32_t cp)
{
	if (cp <= 0x137)
		return (cp & 1) == 0;
	if (cp >= 0x139 && cp <= 0x148)
		return (cp & 1) == 1;
	if (cp >= 0x14a && cp <= 0x177)
		return (cp & 1) == 0;
	if (cp == 0x178)
		return 1;
	if (cp >= 0x179 && cp <= 0x17e)
		return (cp & 1) == 1;
	return 0;
}

int
xtext_is_upper_nonascii(uint32_t cp)
{
	if (cp >= 0xc0 && cp <= 0xde)
		return cp != 0xd7;
	if (cp >= 0x100 && cp <= 0x17f)
		return latin_a_upper(cp);
	if (cp >= 0x391 && cp <= 0x3a9)
		return cp != 0x3a2;
	if (cp >= 0x400 && cp <= 0x42f)
		return 1;
	return 0;
}

int
xtext_is_lower_nonascii(uint32_t cp)
{
	if (cp >= 0xdf && cp <= 0xff)
		return cp != 0xf7;
	if (cp >= 0x100 && cp <= 0x17f)
		return !latin_a_upper(cp);
	if (cp >= 0x3ac && cp <= 0x3ce)
		return 1;
	if (cp >= 0x430 && cp <= 0x45f)
		return 1;
	return 0;
}

uint32_t
xtext_fold_nonascii(uint32_t cp)
{
	char c;

	if (cp >= 0xc0 && cp <= 0xff) {
		c = latin1_base[cp - 0xc0];
		if (c)
			return (unsigned char)c;
		return cp <= 0xde && cp != 0xd7 ? cp + 0x20 : cp;
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		c = latin_a_base[cp - 0x100];
		if (c != '?')
			return (unsigned char)c;
		return cp | 1;
	}
	if (cp >= 0x300 && cp <= 0x36f)		/* combining marks: drop */
		return 0;
	if (cp >= 0x391 && cp <= 0x3a9)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

uint64_t
xtext_fnv(uint64_t h, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}
