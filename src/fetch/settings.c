/*
 * settings.c: the per-feed settings of fetching and polling; see fetch.h.
 *
 * `feed URL|tag:T KEY VALUE` in the config wins, then the global directive
 * KEY, then the default.  A value that does not parse falls back the same
 * way.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "dstr.h"
#include "fetch.h"
#include "parse.h"
#include "settings.h"
#include "store.h"
#include "xalloc.h"

static const char *
setting(const struct config *cfg, const char *url, const char *tags,
    const char *key)
{
	return config_feed_str(cfg, url, tags ? tags : "", key,
	    config_str(cfg, key, NULL));
}

/* The per-feed value, or NULL (none, or no feed: url NULL). */
static const char *
feed_setting(const struct config *cfg, const char *url, const char *tags,
    const char *key)
{
	if (url == NULL)
		return NULL;
	return config_feed_str(cfg, url, tags ? tags : "", key, NULL);
}

static long
parse_long(const char *s, long def, long min, long max)
{
	char *end;
	long v;

	if (s == NULL)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return def;
	return v;
}

/* Bytes, with an optional k, M or G suffix (powers of 1024). */
static int64_t
parse_size(const char *s, int64_t def)
{
	char *end;
	long long v;
	int shift = 0;

	if (s == NULL)
		return def;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || v <= 0)
		return def;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'm' || *end == 'M')
		shift = 20;
	else if (*end == 'g' || *end == 'G')
		shift = 30;
	else if (*end != '\0')
		return def;
	if (shift && end[1] != '\0' && strcasecmp(end + 1, "ib") != 0 &&
	    strcasecmp(end + 1, "b") != 0)
		return def;
	if (v > (LLONG_MAX >> shift))
		return def;
	return (int64_t)(v << shift);
}

static int
parse_bool(const char *s, int def)
{
	if (s == NULL)
		return def;
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1") || !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "false") ||
	    !strcmp(s, "0") || !strcasecmp(s, "off"))
		return 0;
	return def;
}

/* The per-feed value if it parses, else the global one, else def. */
static long
get_long(const struct config *cfg, const char *url, const char *tags,
    const char *key, long def, long min, long max)
{
	def = parse_long(config_str(cfg, key, NULL), def, min, max);
	return parse_long(feed_setting(cfg, url, tags, key), def, min, max);
}

static int64_t
get_size(const struct config *cfg, const char *url, const char *tags,
    const char *key, int64_t def)
{
	def = parse_size(config_str(cfg, key, NULL), def);
	return parse_size(feed_setting(cfg, url, tags, key), def);
}

static int
get_bool(const struct config *cfg, const char *url, const char *tags,
    const char *key, int def)
{
	def = parse_bool(config_str(cfg, key, NULL), def);
	return parse_bool(feed_setting(cfg, url, tags, key), def);
}

void
poll_settings_get(const struct config *cfg, const char *url,
    const char *tags, struct poll_settings *s)
{
	struct fetch_limits *l = &s->limits;
	const char *ua, *ca;

	memset(s, 0, sizeof(*s));
	fetch_limits_default(l);
#define LONG(key, def, min, max) get_long(cfg, url, tags, key, def, min, max)
	l->connect_timeout = LONG("connect-timeout", l->connect_timeout, 1,
	    3600);
	l->timeout = LONG("timeout", l->timeout, 1, 86400);
	l->low_speed_time = LONG("low-speed-time", l->low_speed_time, 1,
	    86400);
	l->max_size = get_size(cfg, url, tags, "max-size", l->max_size);
	l->max_redirects = (int)LONG("max-redirects", l->max_redirects, 0, 50);
	s->interval = LONG("interval", 0, 0, 525600);
	s->max_items = LONG("max-items", 0, 0, LONG_MAX);
	s->fulltext_max = LONG("fulltext-max", FETCH_FULLTEXT_MAX, 0, 10000);
#undef LONG
	s->enabled = get_bool(cfg, url, tags, "enabled", 1);
	s->fulltext = get_bool(cfg, url, tags, "fulltext", 0);
	ua = setting(cfg, url, tags, "user-agent");
	s->user_agent = ua && *ua ? xstrdup(ua) : NULL;
	ca = setting(cfg, url, tags, "ca-file");
	s->ca_file = ca && *ca ? xstrdup(ca) : NULL;
}

void
poll_settings_release(struct poll_settings *s)
{
	free(s->user_agent);
	free(s->ca_file);
	s->user_agent = s->ca_file = NULL;
}

void
feed_limits_get(const struct config *cfg, const char *url, const char *tags,
    struct feed_limits *lim)
{
	feed_limits_default(lim);
	if (cfg == NULL)
		return;
#define LONG(key, def, min, max) get_long(cfg, url, tags, key, (long)(def), \
	min, max)
	lim->max_bytes = (size_t)get_size(cfg, url, tags, "max-size",
	    (int64_t)lim->max_bytes);
	lim->max_items = (size_t)LONG("parse-max-items", lim->max_items, 1,
	    LONG_MAX);
	lim->max_depth = (unsigned)LONG("parse-max-depth", lim->max_depth, 1,
	    100000);
	lim->max_field = (size_t)get_size(cfg, url, tags, "parse-max-field",
	    (int64_t)lim->max_field);
	lim->max_categories = (size_t)LONG("parse-max-categories",
	    lim->max_categories, 0, 100000);
	lim->max_enclosures = (size_t)LONG("parse-max-enclosures",
	    lim->max_enclosures, 0, 100000);
#undef LONG
}

void
feed_limits_of_feed(const struct config *cfg, struct store *st,
    int64_t feed_id, const char *url, struct feed_limits *lim,
    long *max_items)
{
	struct store_feed f;

	*max_items = 0;
	if (cfg != NULL && st != NULL &&
	    store_feed_get_id(st, feed_id, &f) == 0) {
		feed_limits_get(cfg, f.url, f.tags, lim);
		*max_items = get_long(cfg, f.url, f.tags, "max-items", 0, 0,
		    LONG_MAX);
		store_feed_release(&f);
	} else {
		feed_limits_get(cfg, url, NULL, lim);
		if (cfg != NULL)
			*max_items = get_long(cfg, url, NULL, "max-items", 0,
			    0, LONG_MAX);
	}
}

static void
describe_size(struct dstr *out, int64_t n)
{
	if (n % (1024 * 1024) == 0)
		dstr_addf(out, "%lld MiB", (long long)(n / (1024 * 1024)));
	else if (n % 1024 == 0)
		dstr_addf(out, "%lld KiB", (long long)(n / 1024));
	else
		dstr_addf(out, "%lld bytes", (long long)n);
}

void
fetch_effective_settings(const struct config *cfg, const struct store_feed *f,
    struct dstr *out)
{
	struct poll_settings s;
	struct feed_limits lim;

	poll_settings_get(cfg, f->url, f->tags, &s);
	dstr_addf(out, "enabled %s\n", s.enabled ? "yes" : "no");
	if (s.interval)
		dstr_addf(out, "interval %ld min\n", s.interval);
	else
		dstr_adds(out, "interval every poll\n");
	dstr_addf(out, "timeout %ld s\n", s.limits.timeout);
	dstr_addf(out, "connect-timeout %ld s\n", s.limits.connect_timeout);
	dstr_addf(out, "low-speed-time %ld s\n", s.limits.low_speed_time);
	dstr_adds(out, "max-size ");
	describe_size(out, s.limits.max_size);
	dstr_addc(out, '\n');
	dstr_addf(out, "max-redirects %d\n", s.limits.max_redirects);
	dstr_addf(out, "user-agent %s\n",
	    s.user_agent ? s.user_agent : "dossier/" PACKAGE_VERSION);
	dstr_addf(out, "ca-file %s\n", s.ca_file ? s.ca_file : "(the system's)");
	if (s.max_items)
		dstr_addf(out, "max-items %ld\n", s.max_items);
	else
		dstr_adds(out, "max-items all\n");
	if (f->fulltext != 0)
		dstr_addf(out, "fulltext %s (set by add)\n",
		    f->fulltext > 0 ? "yes" : "no");
	else
		dstr_addf(out, "fulltext %s\n", s.fulltext ? "yes" : "no");
	dstr_addf(out, "fulltext-max %ld\n", s.fulltext_max);
	poll_settings_release(&s);
	feed_limits_get(cfg, f->url, f->tags, &lim);
	dstr_addf(out, "parse-max-items %zu\n", lim.max_items);
	dstr_addf(out, "parse-max-depth %u\n", lim.max_depth);
	dstr_adds(out, "parse-max-field ");
	describe_size(out, (int64_t)lim.max_field);
	dstr_addc(out, '\n');
	dstr_addf(out, "parse-max-categories %zu\n", lim.max_categories);
	dstr_addf(out, "parse-max-enclosures %zu\n", lim.max_enclosures);
}
