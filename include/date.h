/*
 * date.h: the dates found in feeds.
 *
 * date_parse() reads RFC 822 / RFC 2822 dates and their common variants
 * (named, numeric and military zones, missing seconds or day name, two-digit
 * years, stray commas), asctime(), RFC 3339 / ISO 8601 / W3C-DTF including
 * partial dates and fractional seconds, and a few exotic forms seen in the
 * wild (Korean, Greek, Hungarian, Perforce).  It returns seconds since the
 * epoch (UTC), or DATE_NONE when the string is empty or not a valid date:
 * it never makes up a year or wraps an impossible time into a real one.
 */
#ifndef DOSSIER_DATE_H
#define DOSSIER_DATE_H

#include <stdint.h>

#ifndef DATE_NONE
#define DATE_NONE INT64_MIN		/* as in feed.h */
#endif

/* Room for "YYYY-MM-DDTHH:MM:SSZ" and the NUL. */
#define DATE_BUFSZ 21

int64_t	 date_parse(const char *s);
/*
 * Format t as "YYYY-MM-DDTHH:MM:SSZ".  Times outside the years 0000..9999
 * (which date_parse never returns) give "0000-00-00T00:00:00Z".
 */
void	 date_format(int64_t t, char buf[DATE_BUFSZ]);
/* Seconds since the epoch of a proleptic Gregorian date and time (UTC). */
int64_t	 date_from_civil(int64_t year, int month, int day, int hour,
	    int min, int sec);

#endif
