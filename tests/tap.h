/*
 * tap.h: a tiny Test Anything Protocol framework for the unit tests.
 *
 *	plan_lazy();  ok(cond, "name");  is_str(got, want, "name");
 *	is_int(got, want, "name");  diag("fmt", ...);  return done_testing();
 *
 * Each test binary includes it once (the functions are static).
 */
#ifndef DOSSIER_TAP_H
#define DOSSIER_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int
ok_at(int cond, const char *file, int line, const char *name)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

static int
is_str_at(const char *got, const char *want, const char *file, int line,
    const char *name)
{
	int cond;

	if (got == NULL || want == NULL)
		cond = got == want;
	else
		cond = strcmp(got, want) == 0;
	ok_at(cond, file, line, name);
	if (!cond) {
		printf("#        got: %s%s%s\n", got ? "'" : "",
		    got ? got : "NULL", got ? "'" : "");
		printf("#   expected: %s%s%s\n", want ? "'" : "",
		    want ? want : "NULL", want ? "'" : "");
	}
	return cond;
}

static int
is_int_at(long long got, long long want, const char *file, int line,
    const char *name)
{
	int cond = got == want;

	ok_at(cond, file, line, name);
	if (!cond)
		printf("#        got: %lld\n#   expected: %lld\n", got, want);
	return cond;
}

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#define ok(c, name)		ok_at(!!(c), __FILE__, __LINE__, (name))
#define is_str(g, w, name)	is_str_at((g), (w), __FILE__, __LINE__, (name))
#define is_int(g, w, name)	is_int_at((long long)(g), (long long)(w), \
				    __FILE__, __LINE__, (name))

/* Silence unused warnings for tests that use only part of the API. */
static inline void
tap_unused(void)
{
	(void)diag; (void)is_str_at; (void)is_int_at;
}

#endif
