/*
 * date.c: the dates found in feeds; see date.h.
 *
 * Two parsers: a strict one for ISO 8601 / RFC 3339 / W3C-DTF (and the
 * truncated ISO forms), tried first, and a token-based one for RFC 822 and
 * everything else (asctime, Perforce, Greek, Hungarian, Korean).  The token
 * parser accepts only tokens it knows: an unknown word makes the whole
 * string invalid rather than a guess.  The calendar arithmetic is done here
 * (days from civil), so no date wraps around through timegm().
 */
#include <stdint.h>
#include <string.h>

#include "date.h"

#define MIN_YEAR	1
#define MAX_YEAR	9999
#define MAX_OFFSET	(18 * 3600)	/* +18:00, beyond any real zone */
#define MIN_TIME	(-62167219200LL)	/* 0000-01-01T00:00:00Z */
#define MAX_TIME	253402300799LL		/* 9999-12-31T23:59:59Z */

struct tm_parts {
	int64_t	 year;
	int	 mon, day, hour, min, sec;
	int	 off;			/* seconds east of UTC */
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (unsigned char)c >= 0x80;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int64_t
date_from_civil(int64_t year, int month, int day, int hour, int min, int sec)
{
	return days_from_civil(year, month, day) * 86400 +
	    (int64_t)hour * 3600 + min * 60 + sec;
}

static char *
put_num(char *p, int64_t v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

void
date_format(int64_t t, char buf[DATE_BUFSZ])
{
	int64_t days, secs, y;
	int m, d;
	char *p = buf;

	/* 0000-01-01 .. 9999-12-31, well inside int64_t */
	if (t < MIN_TIME || t > MAX_TIME) {
		memcpy(buf, "0000-00-00T00:00:00Z", DATE_BUFSZ);
		return;
	}
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	p = put_num(p, y, 4);
	*p++ = '-';
	p = put_num(p, m, 2);
	*p++ = '-';
	p = put_num(p, d, 2);
	*p++ = 'T';
	p = put_num(p, secs / 3600, 2);
	*p++ = ':';
	p = put_num(p, secs / 60 % 60, 2);
	*p++ = ':';
	p = put_num(p, secs % 60, 2);
	*p++ = 'Z';
	*p = '\0';
}

/* The checked result of either parser. */
static int64_t
make_time(const struct tm_parts *tp)
{
	int64_t t;
	int sec = tp->sec;

	if (tp->year < MIN_YEAR || tp->year > MAX_YEAR)
		return DATE_NONE;
	if (tp->mon < 1 || tp->mon > 12)
		return DATE_NONE;
	if (tp->day < 1 || tp->day > days_in_month(tp->year, tp->mon))
		return DATE_NONE;
	if (tp->hour < 0 || tp->hour > 23 || tp->min < 0 || tp->min > 59 ||
	    sec < 0 || sec > 60)
		return DATE_NONE;
	if (sec == 60)			/* a leap second */
		sec = 59;
	if (tp->off < -MAX_OFFSET || tp->off > MAX_OFFSET)
		return DATE_NONE;
	t = date_from_civil(tp->year, tp->mon, tp->day, tp->hour, tp->min,
	    sec) - tp->off;
	/* the zone may push it out of 0000..9999 */
	if (t < MIN_TIME || t > MAX_TIME)
		return DATE_NONE;
	return t;
}

/* Read up to max digits; returns how many were read (0: none). */
static int
digits(const char **pp, int max, int *val)
{
	const char *p = *pp;
	int n = 0, v = 0;

	while (n < max && is_digit(p[n])) {
		v = v * 10 + (p[n] - '0');
		n++;
	}
	*pp = p + n;
	*val = v;
	return n;
}

/* Count the digits at p, without limit. */
static size_t
ndigits(const char *p)
{
	size_t n = 0;

	while (is_digit(p[n]))
		n++;
	return n;
}

static int
two_digit_year(int yy)
{
	return yy < 50 ? 2000 + yy : 1900 + yy;
}

/*
 * A numeric zone at p: "+hh:mm", "+hhmm", "+hh", "-..."; returns 0 and
 * moves p, or -1.
 */
static int
numeric_zone(const char **pp, int *off)
{
	const char *p = *pp;
	int sign, hh, mm = 0, n;

	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	n = (int)ndigits(p);
	if (n == 4) {
		digits(&p, 2, &hh);
		digits(&p, 2, &mm);
	} else if (n == 2 || n == 1) {
		digits(&p, 2, &hh);
		if (*p == ':') {
			p++;
			if (ndigits(p) != 2)
				return -1;
			digits(&p, 2, &mm);
		}
	} else
		return -1;
	if (hh > 18 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	*pp = p;
	return 0;
}

/* hh:mm[:ss[.frac]] with 1- or 2-digit fields; 0 and moves p, or -1. */
static int
clock_time(const char **pp, struct tm_parts *tp, int strict)
{
	const char *p = *pp;
	int n;

	n = digits(&p, 2, &tp->hour);
	if (n == 0 || (strict && n != 2 && n != 1) || *p != ':')
		return -1;
	p++;
	n = digits(&p, 2, &tp->min);
	if (n == 0 || (strict && n != 2))
		return -1;
	tp->sec = 0;
	if (*p == ':') {
		p++;
		n = digits(&p, 2, &tp->sec);
		if (n == 0 || (strict && n != 2))
			return -1;
		if ((*p == '.' || *p == ',') && is_digit(p[1])) {
			p++;
			while (is_digit(*p))
				p++;
		}
	}
	if (is_digit(*p) || *p == ':')
		return -1;
	*pp = p;
	return 0;
}

/*
 * ISO 8601 / RFC 3339 / W3C-DTF: YYYY[-MM[-DD[(T| )hh:mm[:ss[.f]][zone]]]],
 * the basic YYYYMMDD, and the truncated YYMMDD, YY-MM-DD, -YYMM, -YY-MM.
 */
static int64_t
parse_iso(const char *s)
{
	struct tm_parts tp;
	const char *p = s;
	size_t n;
	int v;

	memset(&tp, 0, sizeof(tp));
	tp.mon = tp.day = 1;
	if (*p == '-') {			/* -YYMM, -YY-MM */
		p++;
		if (ndigits(p) == 4) {
			digits(&p, 2, &v);
			digits(&p, 2, &tp.mon);
		} else if (ndigits(p) == 2 && p[2] == '-' &&
		    ndigits(p + 3) == 2) {
			digits(&p, 2, &v);
			p++;
			digits(&p, 2, &tp.mon);
		} else
			return DATE_NONE;
		tp.year = two_digit_year(v);
		return *p == '\0' ? make_time(&tp) : DATE_NONE;
	}
	n = ndigits(p);
	if (n == 4) {
		digits(&p, 4, &v);
		tp.year = v;
		if (*p == '-') {
			p++;
			n = ndigits(p);
			/* "2003-012-31" is seen: allow a leading zero */
			if (n == 3 && *p == '0')
				p++;
			else if (n != 2 && n != 1)
				return DATE_NONE;
			digits(&p, 2, &tp.mon);
			if (*p == '-') {
				p++;
				n = ndigits(p);
				if (n != 2 && n != 1)
					return DATE_NONE;
				digits(&p, 2, &tp.day);
			}
		}
	} else if (n == 8) {			/* YYYYMMDD */
		digits(&p, 4, &v);
		tp.year = v;
		digits(&p, 2, &tp.mon);
		digits(&p, 2, &tp.day);
	} else if (n == 6) {			/* YYMMDD */
		digits(&p, 2, &v);
		tp.year = two_digit_year(v);
		digits(&p, 2, &tp.mon);
		digits(&p, 2, &tp.day);
	} else if (n == 2 && p[2] == '-' && ndigits(p + 3) == 2 &&
	    p[5] == '-' && ndigits(p + 6) == 2) {	/* YY-MM-DD */
		digits(&p, 2, &v);
		tp.year = two_digit_year(v);
		p++;
		digits(&p, 2, &tp.mon);
		p++;
		digits(&p, 2, &tp.day);
	} else
		return DATE_NONE;

	if ((*p == 'T' || *p == 't') && (ndigits(p + 1) == 6 ||
	    ndigits(p + 1) == 4)) {
		/* basic format: THHMMSS, THHMM */
		n = ndigits(++p);
		digits(&p, 2, &tp.hour);
		digits(&p, 2, &tp.min);
		if (n == 6)
			digits(&p, 2, &tp.sec);
		if ((*p == '.' || *p == ',') && is_digit(p[1]))
			for (p++; is_digit(*p); p++)
				;
		if (*p == 'Z' || *p == 'z')
			p++;
		else if ((*p == '+' || *p == '-') &&
		    numeric_zone(&p, &tp.off) == -1)
			return DATE_NONE;
	} else if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit(p[1])) {
		p++;
		if (clock_time(&p, &tp, 1) == -1)
			return DATE_NONE;
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			if (numeric_zone(&p, &tp.off) == -1)
				return DATE_NONE;
		} else if (strncmp(p, "UTC", 3) == 0 ||
		    strncmp(p, "GMT", 3) == 0)
			p += 3;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return DATE_NONE;
	return make_time(&tp);
}

/* The words the token parser knows. */
enum { W_MONTH, W_WDAY, W_ZONE, W_AM, W_PM, W_NOISE,
    W_KYEAR, W_KMONTH, W_KDAY };

struct word {
	const char	*name;		/* ASCII lower case, or UTF-8 */
	int		 kind;
	int		 val;		/* month, or zone in minutes */
};

static const struct word words[] = {
	{ "jan", W_MONTH, 1 }, { "january", W_MONTH, 1 },
	{ "feb", W_MONTH, 2 }, { "february", W_MONTH, 2 },
	{ "mar", W_MONTH, 3 }, { "march", W_MONTH, 3 },
	{ "apr", W_MONTH, 4 }, { "april", W_MONTH, 4 },
	{ "may", W_MONTH, 5 },
	{ "jun", W_MONTH, 6 }, { "june", W_MONTH, 6 },
	{ "jul", W_MONTH, 7 }, { "july", W_MONTH, 7 },
	{ "aug", W_MONTH, 8 }, { "august", W_MONTH, 8 },
	{ "sep", W_MONTH, 9 }, { "sept", W_MONTH, 9 },
	{ "september", W_MONTH, 9 },
	{ "oct", W_MONTH, 10 }, { "october", W_MONTH, 10 },
	{ "nov", W_MONTH, 11 }, { "november", W_MONTH, 11 },
	{ "dec", W_MONTH, 12 }, { "december", W_MONTH, 12 },
	/* Greek, as feedparser has them (compared byte for byte) */
	{ "Ιαν", W_MONTH, 1 }, { "Φεβ", W_MONTH, 2 },
	{ "Μάώ", W_MONTH, 3 }, { "Μαώ", W_MONTH, 3 }, { "Μάρ", W_MONTH, 3 },
	{ "Απρ", W_MONTH, 4 }, { "Μάι", W_MONTH, 5 }, { "Μαϊ", W_MONTH, 5 },
	{ "Μαι", W_MONTH, 5 }, { "Ιούν", W_MONTH, 6 }, { "Ιον", W_MONTH, 6 },
	{ "Ιούλ", W_MONTH, 7 }, { "Ιολ", W_MONTH, 7 },
	{ "Αύγ", W_MONTH, 8 }, { "Αυγ", W_MONTH, 8 },
	{ "Σεπ", W_MONTH, 9 }, { "Οκτ", W_MONTH, 10 },
	{ "Νοέ", W_MONTH, 11 }, { "Νοε", W_MONTH, 11 },
	{ "Δεκ", W_MONTH, 12 },
	{ "Κυρ", W_WDAY, 0 }, { "Δευ", W_WDAY, 0 }, { "Τρι", W_WDAY, 0 },
	{ "Τετ", W_WDAY, 0 }, { "Πεμ", W_WDAY, 0 }, { "Παρ", W_WDAY, 0 },
	{ "Σαβ", W_WDAY, 0 },
	/* Hungarian */
	{ "január", W_MONTH, 1 }, { "február", W_MONTH, 2 },
	{ "februári", W_MONTH, 2 },
	{ "március", W_MONTH, 3 }, { "április", W_MONTH, 4 },
	{ "május", W_MONTH, 5 }, { "máujus", W_MONTH, 5 },
	{ "június", W_MONTH, 6 }, { "július", W_MONTH, 7 },
	{ "augusztus", W_MONTH, 8 }, { "szeptember", W_MONTH, 9 },
	{ "október", W_MONTH, 10 },
	/* Korean */
	{ "오전", W_AM, 0 }, { "오후", W_PM, 0 },
	{ "년", W_KYEAR, 0 }, { "월", W_KMONTH, 0 }, { "일", W_KDAY, 0 },
	{ "mon", W_WDAY, 0 }, { "monday", W_WDAY, 0 },
	{ "tue", W_WDAY, 0 }, { "tues", W_WDAY, 0 }, { "tuesday", W_WDAY, 0 },
	{ "wed", W_WDAY, 0 }, { "wednesday", W_WDAY, 0 },
	{ "thu", W_WDAY, 0 }, { "thur", W_WDAY, 0 }, { "thurs", W_WDAY, 0 },
	{ "thursday", W_WDAY, 0 },
	{ "fri", W_WDAY, 0 }, { "friday", W_WDAY, 0 },
	{ "sat", W_WDAY, 0 }, { "saturday", W_WDAY, 0 },
	{ "sun", W_WDAY, 0 }, { "sunday", W_WDAY, 0 },
	{ "am", W_AM, 0 }, { "pm", W_PM, 0 },
	{ "etc", W_NOISE, 0 },		/* Etc/GMT */
	{ "ut", W_ZONE, 0 }, { "utc", W_ZONE, 0 }, { "gmt", W_ZONE, 0 },
	{ "z", W_ZONE, 0 }, { "wet", W_ZONE, 0 }, { "west", W_ZONE, 60 },
	{ "bst", W_ZONE, 60 }, { "cet", W_ZONE, 60 }, { "cest", W_ZONE, 120 },
	{ "met", W_ZONE, 60 }, { "mest", W_ZONE, 120 },
	{ "eet", W_ZONE, 120 }, { "eest", W_ZONE, 180 },
	{ "msk", W_ZONE, 180 }, { "ist", W_ZONE, 330 },
	{ "sgt", W_ZONE, 480 }, { "hkt", W_ZONE, 480 },
	{ "awst", W_ZONE, 480 }, { "jst", W_ZONE, 540 }, { "kst", W_ZONE, 540 },
	{ "acst", W_ZONE, 570 }, { "aest", W_ZONE, 600 },
	{ "aedt", W_ZONE, 660 }, { "nzst", W_ZONE, 720 },
	{ "nzdt", W_ZONE, 780 },
	{ "adt", W_ZONE, -180 }, { "ast", W_ZONE, -240 }, { "at", W_ZONE, -240 },
	{ "edt", W_ZONE, -240 }, { "est", W_ZONE, -300 }, { "et", W_ZONE, -300 },
	{ "cdt", W_ZONE, -300 }, { "cst", W_ZONE, -360 }, { "ct", W_ZONE, -360 },
	{ "mdt", W_ZONE, -360 }, { "mst", W_ZONE, -420 }, { "mt", W_ZONE, -420 },
	{ "pdt", W_ZONE, -420 }, { "pst", W_ZONE, -480 }, { "pt", W_ZONE, -480 },
	{ "akdt", W_ZONE, -480 }, { "akst", W_ZONE, -540 },
	{ "hst", W_ZONE, -600 },
};

/* Compare a word of the input (n bytes) with a lower-case name. */
static int
word_eq(const char *w, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || lower(w[i]) != name[i])
			return 0;
	return name[n] == '\0';
}

static const struct word *
find_word(const char *w, size_t n)
{
	static struct word mil;
	size_t i;
	int c;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (word_eq(w, n, words[i].name))
			return &words[i];
	/*
	 * RFC 822 military zones: A..I = -1..-9, K..M = -10..-12,
	 * N..Y = +1..+12, Z = 0 (as RFC 822 and feedparser have them).
	 */
	if (n == 1 && (c = lower(*w)) >= 'a' && c <= 'z' && c != 'j') {
		mil.name = "";
		mil.kind = W_ZONE;
		if (c <= 'i')
			mil.val = -(c - 'a' + 1) * 60;
		else if (c <= 'm')
			mil.val = -(c - 'k' + 10) * 60;
		else if (c <= 'y')
			mil.val = (c - 'n' + 1) * 60;
		else
			mil.val = 0;
		return &mil;
	}
	return NULL;
}

/*
 * Everything else: a sequence of words, numbers, times and zones in
 * (almost) any order, as in RFC 822 "Thu, 01 Jan 2004 19:48:21 GMT",
 * asctime "Sun Jan  4 16:29:06 2004", "Fri, 2006/09/15 08:19:53 EDT",
 * "2004-július-13T9:15-05:00" or "2004년 05월 28일 01:31:15".
 */
static int64_t
parse_tokens(const char *s)
{
	struct tm_parts tp;
	const struct word *w;
	const char *p = s, *start;
	int have_year = 0, have_mon = 0, have_day = 0, have_time = 0;
	int have_zone = 0, ampm = 0, korean = 0, v, n;
	size_t len;

	memset(&tp, 0, sizeof(tp));
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '/' ||
		    *p == '.' || (*p == '-' && !have_time)) {
			/* a minus sign (" -2025"), not a dash ("13-Jan"):
			 * no negative years, days or hours */
			if (*p == '-' && is_digit(p[1]) &&
			    (p == s || p[-1] == ' ' || p[-1] == ','))
				return DATE_NONE;
			p++;
		}
		if (*p == '\0')
			break;
		if (is_digit(*p)) {
			start = p;
			len = ndigits(p);
			if (p[len] == ':') {
				if (have_time || clock_time(&p, &tp, 0) == -1)
					return DATE_NONE;
				have_time = 1;
				continue;
			}
			if (len == 4 && (p[4] == '/' || p[4] == '-') &&
			    is_digit(p[5])) {
				/* YYYY/MM/DD, YYYY-MM-DD */
				char sep = p[4];

				if (have_year || have_mon || have_day)
					return DATE_NONE;
				digits(&p, 4, &v);
				tp.year = v;
				p++;
				if (digits(&p, 2, &tp.mon) == 0 || *p != sep)
					return DATE_NONE;
				p++;
				if (digits(&p, 2, &tp.day) == 0 || is_digit(*p))
					return DATE_NONE;
				have_year = have_mon = have_day = 1;
				if ((*p == 'T' || *p == 't') && is_digit(p[1]))
					p++;
				continue;
			}
			if (len > 4)
				return DATE_NONE;
			n = digits(&p, 4, &v);
			/* Korean markers: 2004년 05월 28일 */
			while (*p == ' ')
				p++;
			w = NULL;
			if (is_alpha(*p)) {
				const char *q = p;

				while (is_alpha(*q))
					q++;
				w = find_word(p, (size_t)(q - p));
				if (w != NULL && (w->kind == W_KYEAR ||
				    w->kind == W_KMONTH || w->kind == W_KDAY))
					p = q;
				else
					w = NULL;
			}
			if (w != NULL) {
				korean = 1;
				if (w->kind == W_KYEAR && !have_year) {
					tp.year = n == 2 ?
					    two_digit_year(v) : v;
					have_year = 1;
				} else if (w->kind == W_KMONTH && !have_mon) {
					tp.mon = v;
					have_mon = 1;
				} else if (w->kind == W_KDAY && !have_day) {
					tp.day = v;
					have_day = 1;
				} else
					return DATE_NONE;
				continue;
			}
			p = start + n;
			if (n == 4 || n == 3) {
				if (have_year || n == 3)
					return DATE_NONE;
				tp.year = v;
				have_year = 1;
			} else if (!have_day) {
				tp.day = v;
				have_day = 1;
			} else if (!have_year) {
				tp.year = two_digit_year(v);
				have_year = 1;
			} else
				return DATE_NONE;
			/* 13T9:15 */
			if ((*p == 'T' || *p == 't') && is_digit(p[1]))
				p++;
			continue;
		}
		if (*p == '+' || *p == '-') {
			if (have_zone || numeric_zone(&p, &tp.off) == -1)
				return DATE_NONE;
			have_zone = 1;
			continue;
		}
		if (!is_alpha(*p))
			return DATE_NONE;
		start = p;
		while (is_alpha(*p))
			p++;
		if ((w = find_word(start, (size_t)(p - start))) == NULL)
			return DATE_NONE;
		switch (w->kind) {
		case W_MONTH:
			if (have_mon)
				return DATE_NONE;
			tp.mon = w->val;
			have_mon = 1;
			break;
		case W_ZONE:
			if (have_zone)
				return DATE_NONE;
			tp.off = w->val * 60;
			have_zone = 1;
			/* GMT+01:00, UTC-5 */
			if ((*p == '+' || *p == '-') && w->val == 0) {
				if (numeric_zone(&p, &tp.off) == -1)
					return DATE_NONE;
			}
			break;
		case W_AM:
		case W_PM:
			if (ampm)
				return DATE_NONE;
			ampm = w->kind;
			if ((unsigned char)*start >= 0x80)
				korean = 1;	/* 오전, 오후 */
			break;
		case W_WDAY:
		case W_NOISE:
			break;
		default:			/* a stray Korean marker */
			return DATE_NONE;
		}
	}
	if (!have_year || !have_mon || !have_day)
		return DATE_NONE;
	if (ampm) {
		if (tp.hour < 1 || tp.hour > 12)
			return DATE_NONE;
		if (ampm == W_PM && tp.hour < 12)
			tp.hour += 12;
		else if (ampm == W_AM && tp.hour == 12)
			tp.hour = 0;
	}
	if (korean && !have_zone)
		tp.off = 9 * 3600;	/* KST, as feedparser assumes */
	return make_time(&tp);
}

int64_t
date_parse(const char *s)
{
	char buf[128];
	size_t n;
	int64_t t;

	if (s == NULL)
		return DATE_NONE;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return DATE_NONE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* blanks inside become spaces */
	for (s = buf; *s != '\0'; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r')
			buf[s - buf] = ' ';
	if ((t = parse_iso(buf)) != DATE_NONE || buf[0] == '-')
		return t;		/* no negative years */
	return parse_tokens(buf);
}
