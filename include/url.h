/*
 * url.h: resolving the relative URLs found in feeds.
 */
#ifndef DOSSIER_URL_H
#define DOSSIER_URL_H

/* 1 if s starts with a URI scheme ("http:", "mailto:", ...). */
int	 url_has_scheme(const char *s);
/*
 * Resolve ref (leading and trailing blanks ignored) against base, as RFC
 * 3986 says.  A ref that has a scheme is returned unchanged (no
 * normalisation); so is every ref when base is NULL or empty.  Non-ASCII
 * characters are kept as UTF-8.  Returns a malloc'd string, or NULL when
 * ref or base cannot be parsed as a URI reference.
 */
char	*url_resolve(const char *base, const char *ref);

#endif
