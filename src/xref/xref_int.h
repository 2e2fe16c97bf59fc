/* xref_int.h: what the files of src/xref share; not a public interface. */
#ifndef DOSSIER_XREF_INT_H
#define DOSSIER_XREF_INT_H

#include <stddef.h>
#include <stdint.h>

/* Letters, digits and other word characters (not punctuation or blanks). */
int	 xtext_is_word(uint32_t cp);
/* Upper-case letter (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic). */
int	 xtext_is_upper(uint32_t cp);
int	 xtext_is_lower(uint32_t cp);
/* Lower case, with the diacritics of Latin letters removed. */
uint32_t xtext_fold(uint32_t cp);
/* Apostrophes: ' ’ ʼ ′ */
int	 xtext_is_apostrophe(uint32_t cp);
/* Horizontal blanks: space, tab, no-break and other Unicode spaces. */
int	 xtext_is_blank(uint32_t cp);

/* 64-bit FNV-1a, continued from h. */
#define XTEXT_FNV_INIT	0xcbf29ce484222325ULL
uint64_t xtext_fnv(uint64_t h, const char *s, size_t n);

#endif
