/*
 * utf8.h: UTF-8 decoding, validation, display width and the one sanitiser
 * that every piece of untrusted text passes before it reaches a terminal,
 * a shell argument or an export.
 */
#ifndef DOSSIER_UTF8_H
#define DOSSIER_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct dstr;

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode the code point at s (n > 0 bytes available).  Returns the number of
 * bytes used (at least 1).  An invalid, overlong, surrogate or truncated
 * sequence yields U+FFFD and uses one byte.
 */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the length (1..4). */
size_t	 utf8_encode(uint32_t cp, char *out);
void	 utf8_add(struct dstr *, uint32_t cp);
/* 1 if s[0..n) is valid UTF-8 without NUL bytes. */
int	 utf8_valid(const char *s, size_t n);
/* Append s to out with invalid sequences replaced by U+FFFD; NULs dropped. */
void	 utf8_repair(struct dstr *out, const char *s, size_t n);

/* Display width of one code point: 0, 1 or 2 (control characters: 0). */
int	 utf8_cpwidth(uint32_t cp);
/* Display width of a string. */
size_t	 utf8_width(const char *s, size_t n);

/* Characters the sanitiser removes: controls, ESC, DEL, C1, and the bidi
 * embeddings, overrides and isolates. */
int	 utf8_is_unsafe(uint32_t cp);

enum {
	SAN_KEEP_NEWLINES = 1 << 0,	/* keep \n and \t (else: space) */
	SAN_ONE_LINE	  = 1 << 1,	/* also collapse runs of blanks */
};
/*
 * The sanitiser: repair invalid UTF-8 and remove C0 controls (but newline
 * and tab, see flags), ESC, DEL, C1 controls (U+0080..U+009F) and the bidi
 * embedding, override and isolate controls (not the marks LRM, RLM).
 * Appends to out.
 */
void	 utf8_sanitize(struct dstr *out, const char *s, size_t n, int flags);
/* Sanitise a NUL-terminated string into a new one (NULL stays NULL). */
char	*utf8_sanitize_dup(const char *s, int flags);

#endif
