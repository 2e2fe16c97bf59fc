/* xref_int.h: what the files of src/xref share; not a public interface. */
#ifndef DOSSIER_XREF_INT_H
#define DOSSIER_XREF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

/*
 * Character classes (text.c), with the ASCII cases inline: these run over
 * every byte of every article that is indexed.
 */
int	 xtext_is_word_nonascii(uint32_t cp);
int	 xtext_is_upper_nonascii(uint32_t cp);
int	 xtext_is_lower_nonascii(uint32_t cp);
uint32_t xtext_fold_nonascii(uint32_t cp);
int	 xtext_is_blank_nonascii(uint32_t cp);

/* Letters, digits and other word characters (not punctuation or blanks). */
static inline int
xtext_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
		    (cp | 0x20) <= 'z');
	return xtext_is_word_nonascii(cp);
}

/* Upper-case letter (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic). */
static inline int
xtext_is_upper(uint32_t cp)
{
	return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : xtext_is_upper_nonascii(cp);
}

static inline int
xtext_is_lower(uint32_t cp)
{
	return cp < 0x80 ? cp >= 'a' && cp <= 'z' : xtext_is_lower_nonascii(cp);
}

/* Lower case, with the diacritics of Latin letters removed; 0: drop it. */
static inline uint32_t
xtext_fold(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
	return xtext_fold_nonascii(cp);
}

/* Apostrophes: ' ’ ʼ ′ */
static inline int
xtext_is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02bc || cp == 0x2032;
}

/* Horizontal blanks: space, tab, no-break and other Unicode spaces. */
static inline int
xtext_is_blank(uint32_t cp)
{
	return cp < 0x80 ? cp == ' ' || cp == '\t' :
	    xtext_is_blank_nonascii(cp);
}

/* Decode the character at s[0..n) (n > 0); returns its length. */
static inline size_t
xtext_decode(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return utf8_decode(s, n, cp);
}

/* 64-bit FNV-1a, continued from h. */
#define XTEXT_FNV_INIT	0xcbf29ce484222325ULL
uint64_t xtext_fnv(uint64_t h, const char *s, size_t n);

#endif
