/*
 * escape.h: the few encoders written by hand (JSON goes through jansson,
 * XML through libxml2).  Each appends to a dstr and copies bytes it does not
 * need to change, so UTF-8 passes through.
 */
#ifndef DOSSIER_ESCAPE_H
#define DOSSIER_ESCAPE_H

#include <stddef.h>

struct dstr;

/*
 * One RFC 4180 field: quoted when it holds a comma, a double quote, CR or
 * LF or starts or ends with a blank, with double quotes doubled.  NULL is
 * the empty field.
 */
void	 escape_csv_field(struct dstr *out, const char *s);
/* A record: the fields joined by commas, ended by CRLF. */
void	 escape_csv_row(struct dstr *out, const char *const *fields, size_t n);

/*
 * One TSV field in sfeed's convention: backslash, tab and newline become
 * \\, \t and \n; CR is dropped.
 */
void	 escape_tsv_field(struct dstr *out, const char *s);

/*
 * Percent-encode every byte but the unreserved ALPHA DIGIT . _ ~ (so that
 * "-", "&" and "," are encoded as a text fragment needs).
 */
void	 escape_percent(struct dstr *out, const char *s, size_t len);

#endif
