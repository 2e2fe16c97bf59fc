/*
 * dstr.h: growable string.
 *
 * Invariants: buf is never NULL and always NUL-terminated; len is the number
 * of bytes before the terminator; cap > len.  A dstr may hold NUL bytes in
 * the middle (len says where it ends).  Initialise with DSTR_INIT or
 * dstr_init(); give the memory back with dstr_release() or take it with
 * dstr_detach().
 */
#ifndef DOSSIER_DSTR_H
#define DOSSIER_DSTR_H

#include <stdarg.h>
#include <stddef.h>

struct dstr {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

extern char dstr_empty[];
#define DSTR_INIT { dstr_empty, 0, 0 }

void	 dstr_init(struct dstr *);
void	 dstr_release(struct dstr *);
/* Empty the string but keep its memory. */
void	 dstr_reset(struct dstr *);
/* Make room for n more bytes. */
void	 dstr_grow(struct dstr *, size_t n);
void	 dstr_add(struct dstr *, const char *, size_t);
void	 dstr_adds(struct dstr *, const char *);
void	 dstr_addc(struct dstr *, char);
void	 dstr_addf(struct dstr *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 dstr_vaddf(struct dstr *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 dstr_setlen(struct dstr *, size_t);
/* Remove trailing blanks (space, tab, newline, CR). */
void	 dstr_rtrim(struct dstr *);
/* Hand the buffer to the caller (always malloc'd) and reset to empty. */
char	*dstr_detach(struct dstr *, size_t *lenp);

#endif
