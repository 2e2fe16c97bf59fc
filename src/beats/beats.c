/*
 * beats.c: beats, named rules saved in the archive (table beats) or given
 * in the config file (`beat NAME QUERY`); see beats.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "beats.h"
#include "beats_int.h"
#include "settings.h"
#include "utf8.h"
#include "xalloc.h"

const char *
beats_raw_skip(const char *raw, size_t n)
{
	const char *p = raw;
	int quoted;

	while (n-- > 0) {
		while (*p == ' ' || *p == '\t')
			p++;
		quoted = 0;
		while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == '\\' && quoted && p[1])
				p++;
			p++;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int
beats_name_check(const char *name, const char **why)
{
	const unsigned char *p;

	if (*name == '\0' || strlen(name) > 64) {
		*why = "a beat's name has 1 to 64 bytes";
		return -1;
	}
	if (!utf8_valid(name, strlen(name))) {
		*why = "a beat's name must be valid UTF-8";
		return -1;
	}
	if (*name == '-') {
		*why = "a beat's name can't start with '-'";
		return -1;
	}
	if (strcmp(name, "all") == 0) {
		*why = "'all' is reserved (keep all: no keep rule)";
		return -1;
	}
	for (p = (const unsigned char *)name; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == ':' ||
		    *p == ',') {
			*why = "a beat's name has no blanks, controls, quotes, "
			    "colons or commas";
			return -1;
		}
	return 0;
}

/* The last `beat NAME ...` in the config, or NULL. */
static const struct config_directive *
config_beat(const struct config *cfg, const char *name)
{
	const struct config_directive *d, *last = NULL;
	size_t i = 0;

	while ((d = config_next(cfg, "beat", &i)) != NULL)
		if (d->argc >= 2 && strcmp(d->argv[0], name) == 0)
			last = d;
	return last;
}

int
beats_query(struct store *st, const struct config *cfg, const char *name,
    char **buf, const char **query, int *line)
{
	const struct config_directive *d;
	const unsigned char *q;
	sqlite3_stmt *s;
	int rc;

	*buf = NULL;
	if ((d = config_beat(cfg, name)) != NULL) {
		*query = beats_raw_skip(d->raw, 1);
		if (line)
			*line = d->line;
		return 0;
	}
	if (sqlite3_prepare_v2(store_db(st), "SELECT query FROM beats"
	    " WHERE name = ?1", -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "reading a beat");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		q = sqlite3_column_text(s, 0);
		*buf = xstrdup(q ? (const char *)q : "");
		*query = *buf;
		if (line)
			*line = 0;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return beats_sqlerr(st, "reading a beat");
}

int
beats_open(struct store *st, const struct config *cfg, const char *name,
    struct rule **rp, struct rule_error *err)
{
	const char *query;
	char *buf;
	int rc;

	*rp = NULL;
	memset(err, 0, sizeof(*err));
	rc = beats_query(st, cfg, name, &buf, &query, NULL);
	if (rc < 0) {
		snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
		return -1;
	}
	if (rc == 1)
		return 1;
	rc = rule_parse(st, query, rp, err);
	free(buf);
	return rc;
}

int
beats_articles_each(struct store *st, const struct config *cfg,
    const char *name, const struct store_query *q, store_article_fn fn,
    void *ctx)
{
	struct rule_error err;
	struct rule *r;
	int rc;

	rc = beats_open(st, cfg, name, &r, &err);
	if (rc == 1)
		return 1;
	if (rc < 0) {
		if (err.column > 0)
			store_seterr(st, "beat %s: %s", name, err.msg);
		return -1;
	}
	rc = rule_articles_each(r, q, fn, ctx);
	rule_free(r);
	return rc;
}

struct item {
	char	*name;
	char	*query;
	int	 line;
};

static int
item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->name,
	    ((const struct item *)b)->name);
}

int
beats_each(struct store *st, const struct config *cfg, int counts,
    beat_fn fn, void *ctx)
{
	const struct config_directive *d;
	struct item *it = NULL;
	struct rule_error err;
	struct rule *r;
	struct beat b;
	sqlite3_stmt *s;
	const unsigned char *name, *query;
	size_t n = 0, i = 0, k;
	int rc = 0, step;

	/* the config's (the last of each name) */
	while ((d = config_next(cfg, "beat", &i)) != NULL) {
		if (d->argc < 2)
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(it[k].name, d->argv[0]) == 0)
				break;
		if (k == n) {
			it = xreallocarray(it, n + 1, sizeof(*it));
			it[n].name = xstrdup(d->argv[0]);
			it[n].query = NULL;
			n++;
		}
		free(it[k].query);
		it[k].query = xstrdup(beats_raw_skip(d->raw, 1));
		it[k].line = d->line;
	}
	/* the archive's, unless the config has one by that name */
	if (sqlite3_prepare_v2(store_db(st), "SELECT name, query FROM beats",
	    -1, &s, NULL) != SQLITE_OK) {
		rc = beats_sqlerr(st, "listing beats");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		name = sqlite3_column_text(s, 0);
		query = sqlite3_column_text(s, 1);
		if (name == NULL || query == NULL)
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(it[k].name, (const char *)name) == 0)
				break;
		if (k < n)
			continue;
		it = xreallocarray(it, n + 1, sizeof(*it));
		it[n].name = xstrdup((const char *)name);
		it[n].query = xstrdup((const char *)query);
		it[n].line = 0;
		n++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		rc = beats_sqlerr(st, "listing beats");
		goto out;
	}
	if (n > 1)
		qsort(it, n, sizeof(*it), item_cmp);
	for (k = 0; k < n && rc == 0; k++) {
		memset(&b, 0, sizeof(b));
		b.name = it[k].name;
		b.query = it[k].query;
		b.line = it[k].line;
		b.unread = b.total = -1;
		r = NULL;
		if (counts) {
			if (rule_parse(st, it[k].query, &r, &err) != 0) {
				if (err.column == 0) {
					rc = -1;
					break;
				}
				b.error = err.msg;
			} else if (rule_count(r, NULL, &b.unread,
			    &b.total) != 0) {
				rule_free(r);
				rc = -1;
				break;
			}
		}
		rule_free(r);
		if (fn(ctx, &b) != 0)
			break;
	}
out:
	for (k = 0; k < n; k++) {
		free(it[k].name);
		free(it[k].query);
	}
	free(it);
	return rc;
}

static int
exec_name(struct store *st, const char *sql, const char *name,
    const char *query, const char *what)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, what);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (query)
		sqlite3_bind_text(s, 2, query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(st, what);
	return 0;
}

int
beats_add(struct store *st, const struct config *cfg, const char *name,
    const char *query, struct rule_error *err)
{
	const struct config_directive *d;
	const char *why, *old;
	struct rule *r;
	char *buf;
	int rc, existed;

	memset(err, 0, sizeof(*err));
	if (beats_name_check(name, &why) != 0) {
		store_seterr(st, "'%s': %s", name, why);
		snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
		return -1;
	}
	if ((d = config_beat(cfg, name)) != NULL) {
		store_seterr(st, "the beat %s is defined in %s, line %d; "
		    "change it there", name, cfg->path ? cfg->path :
		    "the config file", d->line);
		snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
		return -1;
	}
	if (rule_parse(st, query, &r, err) != 0)
		return -1;
	rule_free(r);
	rc = beats_query(st, NULL, name, &buf, &old, NULL);
	free(buf);
	if (rc < 0)
		goto fail;
	existed = rc == 0;
	if (exec_name(st, "INSERT INTO beats (name, query, created, modified)"
	    " VALUES (?1, ?2, ?3, ?3) ON CONFLICT (name) DO UPDATE"
	    " SET query = excluded.query, modified = excluded.modified",
	    name, query, "saving a beat") != 0)
		goto fail;
	return existed;
fail:
	snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
	return -1;
}

int
beats_remove(struct store *st, const struct config *cfg, const char *name)
{
	const struct config_directive *d;

	if (exec_name(st, "DELETE FROM beats WHERE name = ?1", name, NULL,
	    "removing a beat") != 0)
		return -1;
	if (sqlite3_changes(store_db(st)) > 0)
		return 0;
	if ((d = config_beat(cfg, name)) != NULL) {
		store_seterr(st, "the beat %s is defined in %s, line %d; "
		    "remove it there", name, cfg->path ? cfg->path :
		    "the config file", d->line);
		return -1;
	}
	return 1;
}
