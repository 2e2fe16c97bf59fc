/* test_dstr.c: the growable string. */
#include <string.h>

#include "dstr.h"
#include "tap.h"

int
main(void)
{
	struct dstr s = DSTR_INIT;
	char *p;
	size_t len;
	int i;

	is_str(s.buf, "", "a new dstr is the empty string");
	dstr_adds(&s, "abc");
	dstr_addc(&s, 'd');
	dstr_addf(&s, "-%d-%s", 42, "x");
	is_str(s.buf, "abcd-42-x", "add, addc and addf append");
	is_int(s.len, 9, "len follows the content");
	for (i = 0; i < 1000; i++)
		dstr_add(&s, "0123456789", 10);
	is_int(s.len, 10009, "grows past its first capacity");
	ok(s.buf[s.len] == '\0', "stays NUL-terminated");
	dstr_reset(&s);
	is_str(s.buf, "", "reset empties");
	ok(s.cap > 10000, "reset keeps the capacity");
	dstr_adds(&s, "trail \t\n");
	dstr_rtrim(&s);
	is_str(s.buf, "trail", "rtrim drops trailing blanks");
	dstr_add(&s, "a\0b", 3);
	is_int(s.len, 8, "embedded NUL counted");
	p = dstr_detach(&s, &len);
	is_int(len, 8, "detach reports the length");
	ok(memcmp(p, "traila\0b", 8) == 0, "detach hands over the bytes");
	free(p);
	is_str(s.buf, "", "detached dstr is empty again");
	p = dstr_detach(&s, NULL);
	is_str(p, "", "detach of an empty dstr gives a malloc'd empty string");
	free(p);
	dstr_release(&s);
	return done_testing();
}
