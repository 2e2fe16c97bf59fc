/* dstr.c: growable string; see dstr.h for the invariants. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "xalloc.h"

char dstr_empty[1];

void
dstr_init(struct dstr *s)
{
	s->buf = dstr_empty;
	s->len = s->cap = 0;
}

void
dstr_release(struct dstr *s)
{
	if (s->cap)
		free(s->buf);
	dstr_init(s);
}

void
dstr_reset(struct dstr *s)
{
	s->len = 0;
	if (s->cap)
		s->buf[0] = '\0';
}

void
dstr_grow(struct dstr *s, size_t n)
{
	size_t need, cap;

	if (n >= SIZE_MAX - s->len - 1) {
		fputs("dossier: string too large\n", stderr);
		abort();
	}
	need = s->len + n + 1;
	if (need <= s->cap)
		return;
	cap = s->cap ? s->cap : 32;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (s->cap == 0) {
		s->buf = xmalloc(cap);
		s->buf[0] = '\0';
	} else
		s->buf = xreallocarray(s->buf, cap, 1);
	s->cap = cap;
}

void
dstr_add(struct dstr *s, const char *p, size_t n)
{
	if (n == 0)
		return;
	dstr_grow(s, n);
	memmove(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

void
dstr_adds(struct dstr *s, const char *p)
{
	dstr_add(s, p, strlen(p));
}

void
dstr_addc(struct dstr *s, char c)
{
	dstr_grow(s, 1);
	s->buf[s->len++] = c;
	s->buf[s->len] = '\0';
}

void
dstr_vaddf(struct dstr *s, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	dstr_grow(s, (size_t)n);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
}

void
dstr_addf(struct dstr *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dstr_vaddf(s, fmt, ap);
	va_end(ap);
}

void
dstr_setlen(struct dstr *s, size_t len)
{
	if (len > s->len)
		dstr_grow(s, len - s->len);
	s->len = len;
	if (s->cap)
		s->buf[len] = '\0';
}

void
dstr_rtrim(struct dstr *s)
{
	while (s->len > 0 && strchr(" \t\r\n", s->buf[s->len - 1]) != NULL)
		s->len--;
	if (s->cap)
		s->buf[s->len] = '\0';
}

char *
dstr_detach(struct dstr *s, size_t *lenp)
{
	char *p;

	if (lenp)
		*lenp = s->len;
	p = s->cap ? s->buf : xstrdup("");
	dstr_init(s);
	return p;
}
