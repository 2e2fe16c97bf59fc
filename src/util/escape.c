/* escape.c: CSV (RFC 4180), TSV and percent-encoding; see escape.h. */
#include <string.h>

#include "dstr.h"
#include "escape.h"

void
escape_csv_field(struct dstr *out, const char *s)
{
	size_t len;
	const char *p;

	if (s == NULL)
		return;
	len = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL && (len == 0 ||
	    (s[0] != ' ' && s[0] != '\t' && s[len - 1] != ' ' &&
	    s[len - 1] != '\t'))) {
		dstr_add(out, s, len);
		return;
	}
	dstr_addc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			dstr_addc(out, '"');
		dstr_addc(out, *p);
	}
	dstr_addc(out, '"');
}

void
escape_csv_row(struct dstr *out, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			dstr_addc(out, ',');
		escape_csv_field(out, fields[i]);
	}
	dstr_add(out, "\r\n", 2);
}

void
escape_tsv_field(struct dstr *out, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			dstr_add(out, "\\\\", 2);
			break;
		case '\t':
			dstr_add(out, "\\t", 2);
			break;
		case '\n':
			dstr_add(out, "\\n", 2);
			break;
		case '\r':
			break;
		default:
			dstr_addc(out, *s);
		}
	}
}

void
escape_percent(struct dstr *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~')
			dstr_addc(out, (char)c);
		else {
			dstr_addc(out, '%');
			dstr_addc(out, hex[c >> 4]);
			dstr_addc(out, hex[c & 15]);
		}
	}
}
