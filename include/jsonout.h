/*
 * jsonout.h: the JSON forms of archive records, shared by every command's
 * --json output (through jansson; nothing is escaped by hand).
 */
#ifndef DOSSIER_JSONOUT_H
#define DOSSIER_JSONOUT_H

#include <stdint.h>
#include <jansson.h>

struct store_article;
struct store_feed;

/* A string or null; invalid UTF-8 is repaired first. */
json_t	*jsonout_str(const char *);
/* RFC 3339 UTC, or null for DATE_NONE. */
json_t	*jsonout_date(int64_t);
json_t	*jsonout_article(const struct store_article *);
json_t	*jsonout_feed(const struct store_feed *);
/* Print v on stdout followed by a newline and drop the reference. */
int	 jsonout_print(json_t *v);

#endif
