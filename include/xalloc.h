/*
 * xalloc.h: allocation that never returns NULL.
 *
 * Running out of memory aborts the program with a message, so callers never
 * check.  Sizes are checked for overflow before multiplying.
 */
#ifndef DOSSIER_XALLOC_H
#define DOSSIER_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* xstrdup(), but NULL stays NULL. */
char	*xstrdup_or_null(const char *);

#endif
