/* test_utf8.c: decoding, repair, width and the sanitiser. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "tap.h"
#include "utf8.h"

static char *
san(const char *s, size_t n, int flags)
{
	struct dstr d = DSTR_INIT;

	utf8_sanitize(&d, s, n, flags);
	return dstr_detach(&d, NULL);
}

static void
check_san(const char *in, const char *want, int flags, const char *name)
{
	char *got = san(in, strlen(in), flags);

	is_str(got, want, name);
	free(got);
}

int
main(void)
{
	uint32_t cp;
	struct dstr d = DSTR_INIT;
	char *s;

	setlocale(LC_ALL, "C.UTF-8");
	is_int(utf8_decode("\xc3\xa9", 2, &cp), 2, "2-byte sequence");
	is_int(cp, 0xE9, "decodes e-acute");
	is_int(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "4-byte sequence");
	is_int(cp, 0x1F600, "decodes an emoji");
	utf8_decode("\xc0\xaf", 2, &cp);
	is_int(cp, UTF8_REPLACEMENT, "overlong '/' is rejected");
	utf8_decode("\xed\xa0\x80", 3, &cp);
	is_int(cp, UTF8_REPLACEMENT, "surrogate is rejected");
	is_int(utf8_decode("\xe2\x82", 2, &cp), 1, "truncated uses one byte");
	ok(utf8_valid("caf\xc3\xa9", 5), "valid UTF-8");
	ok(!utf8_valid("caf\xe9", 4), "Latin-1 byte is invalid");
	ok(!utf8_valid("a\0b", 3), "NUL is not accepted");

	utf8_repair(&d, "a\xffz\0q", 5);
	is_str(d.buf, "a\xef\xbf\xbdzq", "repair: U+FFFD for bad bytes, NUL dropped");
	dstr_release(&d);

	is_int(utf8_width("abc", 3), 3, "ASCII width");
	is_int(utf8_width("\xe8\x81\x94\xe9\x82\xa6", 6), 4, "CJK is two columns");
	is_int(utf8_width("e\xcc\x81", 3), 1, "combining mark is zero columns");
	is_int(utf8_width("\xf0\x9f\x98\x80", 4), 2, "emoji is two columns");

	check_san("a\x1b[2Jb", "a[2Jb", 0, "ESC removed");
	check_san("x\x07y\x7fz", "xyz", 0, "BEL and DEL removed");
	check_san("c1\xc2\x9b" "31m", "c131m", 0, "C1 CSI removed");
	check_san("\xe2\x80\xaegnp.exe", "gnp.exe", 0, "bidi override removed");
	check_san("\xe2\x81\xa6iso\xe2\x81\xa9", "iso", 0, "bidi isolates removed");
	check_san("x\xe2\x80\x8ey", "x\xe2\x80\x8ey", 0, "the mark LRM stays");
	check_san("a\nb\tc", "a b c", 0, "newline and tab become spaces");
	check_san("a\nb\tc\r", "a\nb\tc", SAN_KEEP_NEWLINES, "kept on request, CR dropped");
	check_san("a  \n  b", "a b", SAN_ONE_LINE, "one line collapses blanks");
	check_san("\x1b]52;c;SGVsbG8=\x07", "]52;c;SGVsbG8=", 0, "OSC 52 defused");
	s = san("bad\xff", 4, 0);
	is_str(s, "bad\xef\xbf\xbd", "invalid byte becomes U+FFFD");
	free(s);
	ok(utf8_sanitize_dup(NULL, 0) == NULL, "NULL stays NULL");
	return done_testing();
}
