/*
 * keep.c: keep and ignore rules (table rules), applied at ingest; see
 * beats.h.
 *
 * Rules from the config file are recorded in the table too (origin
 * 'config'), keyed by what they say, so that an expiring rule counts its
 * days from when it first appeared and every rule has counters.  Counters
 * live in rule_hits, one row per rule and feed, rewritten by each ingest of
 * that feed: their sum is what the rule did in the last poll of each feed.
 * An ignore rule that hides an item writes its id into articles.hidden;
 * deleting the rule shows the item again (a trigger).
 *
 * An item a rule leaves out is remembered (table beats_skipped: its key in
 * the feed, a hash of what the rules look at, and a hash of the rules), so
 * that the next poll passes over it without storing, matching and deleting
 * it again; a change to the item or to the rules makes it a new item again.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "beats.h"
#include "beats_int.h"
#include "dstr.h"
#include "feed.h"
#include "settings.h"
#include "xalloc.h"

#define DAY 86400

/* A rule as the config file gives it. */
struct cfgrule {
	enum beats_rule_kind kind;
	const char	*target;	/* keep: URL or tag:T */
	const char	*query;		/* keep: the beat; ignore: the query */
	int		 drop, days;
	int		 line;
	const char	*error;		/* a mistake in the directive */
	int64_t		 id;		/* its row */
};

static const char *const kind_names[] = { "keep", "ignore" };

/* Parse `ignore [--expire DAYS] [--drop] QUERY`. */
static void
parse_ignore(const struct config_directive *d, struct cfgrule *cr)
{
	size_t i = 0;
	long v;
	char *end;

	while (i < d->argc && strncmp(d->argv[i], "--", 2) == 0) {
		if (strcmp(d->argv[i], "--drop") == 0)
			cr->drop = 1;
		else if (strcmp(d->argv[i], "--expire") == 0 &&
		    i + 1 < d->argc) {
			errno = 0;
			v = strtol(d->argv[++i], &end, 10);
			if (errno || *end || v < 1 || v > 100000)
				cr->error = "--expire wants a number of days";
			else
				cr->days = (int)v;
		} else
			cr->error = "unknown option (ignore [--expire DAYS] "
			    "[--drop] QUERY)";
		i++;
	}
	cr->query = beats_raw_skip(d->raw, i);
	if (*cr->query == '\0' && cr->error == NULL)
		cr->error = "the query is empty";
}

/* The config's keep and ignore rules. */
static size_t
config_rules(const struct config *cfg, struct cfgrule **out)
{
	const struct config_directive *d;
	struct cfgrule *cr = NULL;
	size_t n = 0, i;

	for (i = 0; cfg && i < cfg->ndir; i++) {
		d = &cfg->dir[i];
		if (strcmp(d->name, "feed") == 0 && d->argc >= 3 &&
		    strcmp(d->argv[1], "keep") == 0) {
			cr = xreallocarray(cr, n + 1, sizeof(*cr));
			memset(&cr[n], 0, sizeof(*cr));
			cr[n].kind = BEATS_KEEP;
			cr[n].target = d->argv[0];
			cr[n].query = d->argv[2];
			if (d->argc > 3)
				cr[n].error = "one beat expected";
			cr[n].line = d->line;
			n++;
		} else if (strcmp(d->name, "ignore") == 0) {
			cr = xreallocarray(cr, n + 1, sizeof(*cr));
			memset(&cr[n], 0, sizeof(*cr));
			cr[n].kind = BEATS_IGNORE;
			cr[n].target = "";
			cr[n].line = d->line;
			parse_ignore(d, &cr[n]);
			n++;
		}
	}
	*out = cr;
	return n;
}

/*
 * Are the config's rules all in the table, and only they?  Fills each
 * cr[i].id: 1 yes; 0 no (or an error: sync_config() will say).  One read
 * instead of a write per rule, for each feed of a poll.
 */
static int
config_synced(struct store *st, struct cfgrule *cr, size_t n)
{
	sqlite3_stmt *s;
	const char *kind, *target, *query;
	size_t i;
	int step, all = 1, found;

	if (sqlite3_prepare_v2(store_db(st), "SELECT id, kind, target, query,"
	    " discard, days FROM rules WHERE origin = 'config'"
	    " AND feed_id IS NULL", -1, &s, NULL) != SQLITE_OK)
		return 0;
	while (all && (step = sqlite3_step(s)) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(s, 1);
		target = (const char *)sqlite3_column_text(s, 2);
		query = (const char *)sqlite3_column_text(s, 3);
		found = 0;
		for (i = 0; kind && target && query && i < n; i++) {
			if (cr[i].error ||
			    strcmp(kind_names[cr[i].kind], kind) != 0 ||
			    strcmp(cr[i].target, target) != 0 ||
			    strcmp(cr[i].query, query) != 0 ||
			    cr[i].drop != sqlite3_column_int(s, 4) ||
			    cr[i].days != sqlite3_column_int(s, 5))
				continue;
			cr[i].id = sqlite3_column_int64(s, 0);
			found = 1;
		}
		all = found;	/* a row of a rule gone from the config */
	}
	sqlite3_finalize(s);
	for (i = 0; all && i < n; i++)
		if (!cr[i].error && cr[i].id == 0)
			all = 0;	/* a new rule */
	return all && step == SQLITE_DONE;
}

/*
 * Record the config's rules in the table (inside a transaction) and drop
 * the rows of rules no longer there; fills each cr[i].id.
 */
static int
sync_config(struct store *st, struct cfgrule *cr, size_t n, int64_t now)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *ins = NULL, *sel = NULL, *del = NULL;
	int64_t id;
	size_t i;
	int rc = -1, step;

	if (config_synced(st, cr, n))
		return 0;
	if (sqlite3_prepare_v2(db, "INSERT INTO rules (kind, origin, target,"
	    " query, discard, days, created) VALUES (?1, 'config', ?2, ?3,"
	    " ?4, ?5, ?6) ON CONFLICT DO NOTHING", -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id FROM rules WHERE kind = ?1"
	    " AND origin = 'config' AND feed_id IS NULL AND target = ?2"
	    " AND query = ?3 AND discard = ?4 AND days = ?5", -1, &sel,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id FROM rules"
	    " WHERE origin = 'config'", -1, &del, NULL) != SQLITE_OK) {
		beats_sqlerr(st, "reading the rules");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (cr[i].error)
			continue;
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, kind_names[cr[i].kind], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, cr[i].target, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, cr[i].query, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 4, cr[i].drop);
		sqlite3_bind_int(ins, 5, cr[i].days);
		sqlite3_bind_int64(ins, 6, now);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			beats_sqlerr(st, "recording a rule");
			goto out;
		}
		sqlite3_reset(sel);
		sqlite3_bind_text(sel, 1, kind_names[cr[i].kind], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(sel, 2, cr[i].target, -1, SQLITE_STATIC);
		sqlite3_bind_text(sel, 3, cr[i].query, -1, SQLITE_STATIC);
		sqlite3_bind_int(sel, 4, cr[i].drop);
		sqlite3_bind_int(sel, 5, cr[i].days);
		if (sqlite3_step(sel) != SQLITE_ROW) {
			beats_sqlerr(st, "recording a rule");
			goto out;
		}
		cr[i].id = sqlite3_column_int64(sel, 0);
	}
	/* rules gone from the config */
	sqlite3_finalize(ins);
	ins = NULL;
	if (sqlite3_prepare_v2(db, "DELETE FROM rules WHERE id = ?1", -1,
	    &ins, NULL) != SQLITE_OK) {
		beats_sqlerr(st, "updating the rules");
		goto out;
	}
	for (;;) {
		/* restart the scan after each delete */
		sqlite3_reset(del);
		while ((step = sqlite3_step(del)) == SQLITE_ROW) {
			id = sqlite3_column_int64(del, 0);
			for (i = 0; i < n; i++)
				if (!cr[i].error && cr[i].id == id)
					break;
			if (i == n)
				break;
		}
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			beats_sqlerr(st, "updating the rules");
			goto out;
		}
		sqlite3_reset(del);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			beats_sqlerr(st, "updating the rules");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	sqlite3_finalize(del);
	return rc;
}

static int64_t
feed_id_of(struct store *st, const char *url)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc;

	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM feeds"
	    " WHERE url = ?1", -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "looking up a feed");
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return beats_sqlerr(st, "looking up a feed");
	return id;
}

int
beats_keep_set(struct store *st, const char *url, const char *beat)
{
	sqlite3_stmt *s;
	const char *why;
	int64_t fid;
	int rc;

	if (beat && strcmp(beat, "all") != 0 &&
	    beats_name_check(beat, &why) != 0) {
		store_seterr(st, "'%s': %s", beat, why);
		return -1;
	}
	if ((fid = feed_id_of(st, url)) < 0)
		return -1;
	if (fid == 0)
		return 1;
	if (sqlite3_prepare_v2(store_db(st), "DELETE FROM rules"
	    " WHERE kind = 'keep' AND feed_id = ?1", -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "setting a keep rule");
	sqlite3_bind_int64(s, 1, fid);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(st, "setting a keep rule");
	if (beat == NULL)
		return 0;
	if (sqlite3_prepare_v2(store_db(st), "INSERT INTO rules (kind, origin,"
	    " feed_id, query, created) VALUES ('keep', 'command', ?1, ?2,"
	    " strftime('%s', 'now'))", -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "setting a keep rule");
	sqlite3_bind_int64(s, 1, fid);
	sqlite3_bind_text(s, 2, beat, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(st, "setting a keep rule");
	return 0;
}

int
beats_ignore_add(struct store *st, const char *query, int days, int drop,
    int64_t now, int64_t *idp, struct rule_error *err)
{
	struct rule *r;
	sqlite3_stmt *s;
	int rc, changes;

	if (rule_parse(st, query, &r, err) != 0)
		return -1;
	rule_free(r);
	if (sqlite3_prepare_v2(store_db(st), "INSERT INTO rules (kind, origin,"
	    " query, discard, days, created) VALUES ('ignore', 'command', ?1,"
	    " ?2, ?3, ?4) ON CONFLICT DO NOTHING", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, drop != 0);
	sqlite3_bind_int(s, 3, days > 0 ? days : 0);
	sqlite3_bind_int64(s, 4, now);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	changes = sqlite3_changes(store_db(st));
	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM rules"
	    " WHERE kind = 'ignore' AND origin = 'command' AND feed_id IS NULL"
	    " AND target = '' AND query = ?1 AND discard = ?2 AND days = ?3",
	    -1, &s, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, drop != 0);
	sqlite3_bind_int(s, 3, days > 0 ? days : 0);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && idp)
		*idp = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		goto fail;
	return changes ? 0 : 1;
fail:
	beats_sqlerr(st, "adding a rule");
	err->column = 0;
	snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
	return -1;
}

int
beats_rule_remove(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	const unsigned char *origin;
	int rc, config = 0;

	if (sqlite3_prepare_v2(store_db(st), "SELECT origin FROM rules"
	    " WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "removing a rule");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		origin = sqlite3_column_text(s, 0);
		config = origin && strcmp((const char *)origin, "config") == 0;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return beats_sqlerr(st, "removing a rule");
	if (config)
		return 2;
	if (sqlite3_prepare_v2(store_db(st), "DELETE FROM rules WHERE id = ?1",
	    -1, &s, NULL) != SQLITE_OK)
		return beats_sqlerr(st, "removing a rule");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(st, "removing a rule");
	return 0;
}

/* Why a keep rule's beat can't be used, into buf; 0 when it can. */
static int
check_keep(struct store *st, const struct config *cfg, const char *beat,
    struct rule **rp, char *buf, size_t len)
{
	struct rule_error err;
	int rc;

	*rp = NULL;
	if (strcmp(beat, "all") == 0)
		return 0;
	rc = beats_open(st, cfg, beat, rp, &err);
	if (rc == 1) {
		snprintf(buf, len, "no beat named %s", beat);
		return 1;
	}
	if (rc < 0 && err.column == 0)
		return -1;
	if (rc < 0) {
		snprintf(buf, len, "beat %s: %s", beat, err.msg);
		return 1;
	}
	return 0;
}

static int
expired(int days, int64_t created, int64_t now)
{
	return days > 0 && created + (int64_t)days * DAY <= now;
}

int
beats_rules_each(struct store *st, const struct config *cfg, int64_t now,
    beats_rule_fn fn, void *ctx)
{
	struct cfgrule *cr = NULL;
	struct beats_rule br;
	struct rule_error err;
	struct rule *r;
	sqlite3_stmt *s = NULL;
	const unsigned char *kind, *origin;
	char why[400];
	size_t n, i;
	int rc = -1, step, stop = 0, chk;

	n = config_rules(cfg, &cr);
	if (cfg) {
		if (store_begin(st) != 0)
			goto out;
		if (sync_config(st, cr, n, now) != 0) {
			store_rollback(st);
			goto out;
		}
		if (store_commit(st) != 0)
			goto out;
	}
	/* the config's mistakes first: they have no row */
	for (i = 0; i < n && !stop; i++) {
		if (cr[i].error == NULL)
			continue;
		memset(&br, 0, sizeof(br));
		br.kind = cr[i].kind;
		br.target = cr[i].target;
		br.query = cr[i].query ? cr[i].query : "";
		br.line = cr[i].line;
		br.error = cr[i].error;
		stop = fn(ctx, &br) != 0;
	}
	if (sqlite3_prepare_v2(store_db(st), "SELECT r.id, r.kind, r.origin,"
	    " coalesce(f.url, r.target), r.query, r.discard, r.days,"
	    " r.created,"
	    " (SELECT coalesce(sum(h.count), 0) FROM rule_hits h"
	    "   WHERE h.rule_id = r.id),"
	    " (SELECT count(*) FROM articles a WHERE a.hidden = r.id"
	    "   AND a.hidden <> 0)"
	    " FROM rules r LEFT JOIN feeds f ON f.id = r.feed_id"
	    " WHERE r.origin = 'command' OR ?1"
	    " ORDER BY r.kind DESC, r.id", -1, &s, NULL) != SQLITE_OK) {
		beats_sqlerr(st, "listing the rules");
		goto out;
	}
	sqlite3_bind_int(s, 1, cfg != NULL);
	while (!stop && (step = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&br, 0, sizeof(br));
		br.id = sqlite3_column_int64(s, 0);
		kind = sqlite3_column_text(s, 1);
		origin = sqlite3_column_text(s, 2);
		br.kind = kind && strcmp((const char *)kind, "keep") == 0 ?
		    BEATS_KEEP : BEATS_IGNORE;
		br.target = (const char *)sqlite3_column_text(s, 3);
		br.query = (const char *)sqlite3_column_text(s, 4);
		if (br.target == NULL)
			br.target = "";
		if (br.query == NULL)
			br.query = "";
		br.drop = sqlite3_column_int(s, 5);
		br.days = sqlite3_column_int(s, 6);
		br.created = sqlite3_column_int64(s, 7);
		br.expires = br.days > 0 ? br.created +
		    (int64_t)br.days * DAY : 0;
		br.last = sqlite3_column_int64(s, 8);
		br.hidden = sqlite3_column_int64(s, 9);
		if (origin && strcmp((const char *)origin, "config") == 0)
			for (i = 0; i < n; i++)
				if (cr[i].id == br.id && !cr[i].error)
					br.line = cr[i].line;
		if (br.kind == BEATS_KEEP) {
			chk = check_keep(st, cfg, br.query, &r, why,
			    sizeof(why));
			rule_free(r);
			if (chk < 0)
				goto out;
			if (chk > 0)
				br.error = why;
		} else if (rule_parse(st, br.query, &r, &err) == 0)
			rule_free(r);
		else if (err.column == 0)
			goto out;
		else {
			snprintf(why, sizeof(why), "%s", err.msg);
			br.error = why;
		}
		stop = fn(ctx, &br) != 0;
	}
	if (!stop && step != SQLITE_DONE) {
		beats_sqlerr(st, "listing the rules");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	free(cr);
	return rc;
}

/* At ingest */

struct active {
	int64_t		 id;		/* its row; 0 for none */
	struct rule	*rule;
	int		 drop;
	int64_t		 count;
};

struct beats_filter {
	struct store		*st;
	const struct config	*cfg;
	int64_t			 feed_id;
	char			*feed_url;
	int64_t			 now;
	int			 loaded;
	struct active		 keep;
	struct active		*ign;
	size_t			 nign;
	char			**warn;
	size_t			 nwarn;
	struct beats_probe	*probe;		/* the new item, tokenised */
	sqlite3_stmt		*del, *hide;
	char			 sig[17];	/* the rules that skip, hashed */
	struct dstr		 key;		/* an item's */
	char			 hash[17];
	sqlite3_stmt		*m_get, *m_put, *m_seen, *m_prune, *m_del;
	char			*tags;		/* the feed's, comma separated */
};

struct beats_filter *
beats_filter_new(struct store *st, int64_t feed_id, const char *feed_url,
    const struct config *cfg, int64_t now)
{
	struct beats_filter *f = xcalloc(1, sizeof(*f));

	f->st = st;
	f->cfg = cfg;
	f->feed_id = feed_id;
	f->feed_url = xstrdup(feed_url);
	f->now = now;
	dstr_init(&f->key);
	return f;
}

static void
warn(struct beats_filter *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(struct beats_filter *f, const char *fmt, ...)
{
	struct dstr d = DSTR_INIT;
	va_list ap;

	va_start(ap, fmt);
	dstr_vaddf(&d, fmt, ap);
	va_end(ap);
	f->warn = xreallocarray(f->warn, f->nwarn + 1, sizeof(char *));
	f->warn[f->nwarn++] = dstr_detach(&d, NULL);
}

static int
has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = tags;

	while (p && *p) {
		if (strncmp(p, tag, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return 0;
}

/* The feed's tags, comma separated (caller frees). */
static char *
feed_tags(struct store *st, int64_t feed_id)
{
	sqlite3_stmt *s;
	const unsigned char *t;
	char *tags = NULL;

	if (sqlite3_prepare_v2(store_db(st), "SELECT group_concat(t.name, ',')"
	    " FROM feed_tags ft JOIN tags t ON t.id = ft.tag_id"
	    " WHERE ft.feed_id = ?1", -1, &s, NULL) != SQLITE_OK) {
		beats_sqlerr(st, "reading a feed's tags");
		return NULL;
	}
	sqlite3_bind_int64(s, 1, feed_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		t = sqlite3_column_text(s, 0);
		tags = xstrdup(t ? (const char *)t : "");
	} else
		beats_sqlerr(st, "reading a feed's tags");
	sqlite3_finalize(s);
	return tags;
}

/* The feed's keep rule: its row and beat (borrowed until the next step). */
static int
find_keep(struct beats_filter *f, struct cfgrule *cr, size_t n,
    int64_t *idp, char **beatp, int *linep)
{
	sqlite3_stmt *s;
	const unsigned char *q;
	size_t i;
	int rc;

	*idp = 0;
	*beatp = NULL;
	*linep = 0;
	if (sqlite3_prepare_v2(store_db(f->st), "SELECT id, query FROM rules"
	    " WHERE kind = 'keep' AND feed_id = ?1", -1, &s,
	    NULL) != SQLITE_OK)
		return beats_sqlerr(f->st, "reading the keep rule");
	sqlite3_bind_int64(s, 1, f->feed_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*idp = sqlite3_column_int64(s, 0);
		q = sqlite3_column_text(s, 1);
		*beatp = xstrdup(q ? (const char *)q : "all");
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "reading the keep rule");
	/* the config's: the last that matches, as config_feed_str() */
	for (i = 0; i < n; i++) {
		if (cr[i].kind != BEATS_KEEP || cr[i].error)
			continue;
		if (strncmp(cr[i].target, "tag:", 4) == 0) {
			if (!has_tag(f->tags, cr[i].target + 4))
				continue;
		} else if (strcmp(cr[i].target, f->feed_url) != 0)
			continue;
		*idp = cr[i].id;
		free(*beatp);
		*beatp = xstrdup(cr[i].query);
		*linep = cr[i].line;
	}
	return 0;
}

static int
load_ignore(struct beats_filter *f)
{
	struct rule_error err;
	struct rule *r;
	sqlite3_stmt *s;
	const unsigned char *q;
	int step;

	if (sqlite3_prepare_v2(store_db(f->st), "SELECT id, query, discard,"
	    " days, created FROM rules WHERE kind = 'ignore'"
	    " AND (origin = 'command' OR ?1) ORDER BY id", -1, &s,
	    NULL) != SQLITE_OK)
		return beats_sqlerr(f->st, "reading the ignore rules");
	sqlite3_bind_int(s, 1, f->cfg != NULL);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (expired(sqlite3_column_int(s, 3),
		    sqlite3_column_int64(s, 4), f->now))
			continue;
		q = sqlite3_column_text(s, 1);
		if (rule_parse(f->st, q ? (const char *)q : "", &r,
		    &err) != 0) {
			if (err.column == 0) {
				sqlite3_finalize(s);
				return -1;
			}
			warn(f, "ignore rule %lld left out: %s",
			    (long long)sqlite3_column_int64(s, 0), err.msg);
			continue;
		}
		f->ign = xreallocarray(f->ign, f->nign + 1, sizeof(*f->ign));
		f->ign[f->nign].id = sqlite3_column_int64(s, 0);
		f->ign[f->nign].rule = r;
		f->ign[f->nign].drop = sqlite3_column_int(s, 2);
		f->ign[f->nign].count = 0;
		f->nign++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return beats_sqlerr(f->st, "reading the ignore rules");
	return 0;
}

static int	load(struct beats_filter *);

/* FNV-1a, as store_text_hash(); fields end with 0x1f. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)(s ? s : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return (h ^ 0x1f) * 0x100000001b3ULL;
}

#define FNV_INIT 0xcbf29ce484222325ULL

/* The rules that can leave an item out, as a hash: if they change, the
 * items they left out are looked at again. */
static void
signature(struct beats_filter *f, const char *beat)
{
	uint64_t h = FNV_INIT;
	char num[32];
	size_t i;

	if (f->keep.rule) {
		snprintf(num, sizeof(num), "%lld", (long long)f->keep.id);
		h = fnv(fnv(fnv(h, "keep"), num), beat);
		h = fnv(h, rule_text(f->keep.rule));
		h = fnv(h, f->tags);	/* tag: predicates */
	}
	for (i = 0; i < f->nign; i++) {
		if (!f->ign[i].drop)
			continue;
		snprintf(num, sizeof(num), "%lld", (long long)f->ign[i].id);
		h = fnv(fnv(fnv(h, "drop"), num), rule_text(f->ign[i].rule));
	}
	snprintf(f->sig, sizeof(f->sig), "%016llx", (unsigned long long)h);
}

/* The statements of beats_filter, prepared on first use. */
static const char sql_m_get[] = "SELECT hash, rules, rule_id"
    " FROM beats_skipped WHERE feed_id = ?1 AND key = ?2";
static const char sql_m_put[] = "INSERT OR REPLACE INTO beats_skipped"
    " (feed_id, key, hash, rules, rule_id, seen)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_m_seen[] = "UPDATE beats_skipped SET seen = ?3"
    " WHERE feed_id = ?1 AND key = ?2";
static const char sql_m_prune[] = "DELETE FROM beats_skipped"
    " WHERE feed_id = ?1 AND seen < ?2";
static const char sql_m_del[] = "DELETE FROM beats_skipped"
    " WHERE feed_id = ?1 AND key = ?2";
static const char sql_del[] = "DELETE FROM articles WHERE id = ?1";
static const char sql_hide[] = "UPDATE articles SET hidden = ?2"
    " WHERE id = ?1";

static sqlite3_stmt *
lazy(struct beats_filter *f, sqlite3_stmt **slot, const char *sql)
{
	if (*slot == NULL && sqlite3_prepare_v2(store_db(f->st), sql, -1,
	    slot, NULL) != SQLITE_OK) {
		beats_sqlerr(f->st, "preparing the rules");
		sqlite3_finalize(*slot);
		*slot = NULL;
	}
	return *slot;
}

/* The item's key in its feed. */
static void
item_key(struct beats_filter *f, const struct feed_item *it)
{
	dstr_reset(&f->key);
	if (it->id)
		dstr_addf(&f->key, "g %s", it->id);
	else if (it->link)
		dstr_addf(&f->key, "l %s", it->link);
	else
		dstr_addf(&f->key, "t %lld %s", (long long)it->published,
		    it->title ? it->title : "");
}

/* The hash of what the rules look at. */
static void
item_hash(struct beats_filter *f, const struct feed_item *it)
{
	uint64_t h = FNV_INIT;
	char num[32];

	snprintf(num, sizeof(num), "%lld %lld", (long long)it->published,
	    (long long)it->updated);
	h = fnv(fnv(fnv(h, it->title), it->author), num);
	h = fnv(fnv(fnv(h, it->link), it->summary), it->content);
	snprintf(f->hash, sizeof(f->hash), "%016llx", (unsigned long long)h);
}

static struct active *
active_by_id(struct beats_filter *f, int64_t id)
{
	size_t i;

	if (f->keep.rule && f->keep.id == id)
		return &f->keep;
	for (i = 0; i < f->nign; i++)
		if (f->ign[i].id == id)
			return &f->ign[i];
	return NULL;
}

int
beats_filter_known(struct beats_filter *f, const struct feed_item *it)
{
	const unsigned char *hash, *rules;
	struct active *a = NULL;
	sqlite3_stmt *s;
	int rc, known = 0, found;

	if (f == NULL)
		return 0;
	if (load(f) != 0)
		return -1;
	if (f->keep.rule == NULL && f->nign == 0)
		return 0;
	item_key(f, it);
	if (lazy(f, &f->m_get, sql_m_get) == NULL)
		return -1;
	sqlite3_reset(f->m_get);
	sqlite3_bind_int64(f->m_get, 1, f->feed_id);
	sqlite3_bind_text(f->m_get, 2, f->key.buf, (int)f->key.len,
	    SQLITE_STATIC);
	rc = sqlite3_step(f->m_get);
	if (rc == SQLITE_ROW) {
		item_hash(f, it);	/* only for the few remembered */
		hash = sqlite3_column_text(f->m_get, 0);
		rules = sqlite3_column_text(f->m_get, 1);
		a = active_by_id(f, sqlite3_column_int64(f->m_get, 2));
		known = a && hash && rules &&
		    strcmp((const char *)hash, f->hash) == 0 &&
		    strcmp((const char *)rules, f->sig) == 0;
	}
	sqlite3_reset(f->m_get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "looking up a skipped item");
	found = rc == SQLITE_ROW;
	if (!found)
		return 0;
	/* seen again, or changed (or the rules did): look at it again */
	s = known ? lazy(f, &f->m_seen, sql_m_seen) :
	    lazy(f, &f->m_del, sql_m_del);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, f->feed_id);
	sqlite3_bind_text(s, 2, f->key.buf, (int)f->key.len, SQLITE_STATIC);
	if (known)
		sqlite3_bind_int64(s, 3, f->now);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "remembering a skipped item");
	if (!known)
		return 0;
	a->count++;
	return 1;
}

/* Remember that the item was left out by rule a. */
static int
remember(struct beats_filter *f, const struct feed_item *it,
    const struct active *a)
{
	int rc;

	item_key(f, it);
	item_hash(f, it);
	if (lazy(f, &f->m_put, sql_m_put) == NULL)
		return -1;
	sqlite3_reset(f->m_put);
	sqlite3_bind_int64(f->m_put, 1, f->feed_id);
	sqlite3_bind_text(f->m_put, 2, f->key.buf, (int)f->key.len,
	    SQLITE_STATIC);
	sqlite3_bind_text(f->m_put, 3, f->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(f->m_put, 4, f->sig, -1, SQLITE_STATIC);
	sqlite3_bind_int64(f->m_put, 5, a->id);
	sqlite3_bind_int64(f->m_put, 6, f->now);
	rc = sqlite3_step(f->m_put);
	sqlite3_reset(f->m_put);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "remembering a skipped item");
	return 0;
}

static int
load(struct beats_filter *f)
{
	struct cfgrule *cr = NULL;
	char why[400], *beat = NULL;
	size_t n;
	int rc = -1, line;

	if (f->loaded)
		return 0;
	n = config_rules(f->cfg, &cr);
	if (f->cfg && sync_config(f->st, cr, n, f->now) != 0)
		goto out;
	if (f->tags == NULL && (f->tags = feed_tags(f->st, f->feed_id)) == NULL)
		goto out;
	if (find_keep(f, cr, n, &f->keep.id, &beat, &line) != 0)
		goto out;
	if (beat) {
		rc = check_keep(f->st, f->cfg, beat, &f->keep.rule, why,
		    sizeof(why));
		if (rc < 0)
			goto out;
		if (rc > 0) {
			if (line)
				warn(f, "keep rule (config line %d): %s; "
				    "keeping every item", line, why);
			else
				warn(f, "keep rule: %s; keeping every item",
				    why);
			f->keep.id = 0;
		}
		rc = -1;
	}
	if (load_ignore(f) != 0)
		goto out;
	if (f->keep.rule || f->nign) {
		if ((f->probe = beats_probe_new(f->st)) == NULL)
			goto out;
		signature(f, beat);
	}
	f->loaded = 1;
	rc = 0;
out:
	free(beat);
	free(cr);
	return rc;
}

static int
run_stmt(struct beats_filter *f, sqlite3_stmt *s, int64_t id, int64_t v)
{
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, v);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "applying a rule");
	return 0;
}

/* 0 stored (perhaps hidden), 1 left out (deleted), -1 error. */
static int
filter(struct beats_filter *f, const struct feed_item *it, int64_t id)
{
	size_t i;
	int m;

	if (f->keep.rule) {
		if ((m = beats_rule_match(f->keep.rule, f->probe, id)) < 0)
			return -1;
		if (m == 0) {
			f->keep.count++;
			if (run_stmt(f, lazy(f, &f->del, sql_del), id,
			    0) != 0 || remember(f, it, &f->keep) != 0)
				return -1;
			return 1;
		}
	}
	for (i = 0; i < f->nign; i++) {		/* the first match wins */
		if ((m = beats_rule_match(f->ign[i].rule, f->probe, id)) < 0)
			return -1;
		if (m == 0)
			continue;
		f->ign[i].count++;
		if (!f->ign[i].drop)
			return run_stmt(f, lazy(f, &f->hide, sql_hide), id,
			    f->ign[i].id);
		if (run_stmt(f, lazy(f, &f->del, sql_del), id, 0) != 0 ||
		    remember(f, it, &f->ign[i]) != 0)
			return -1;
		return 1;
	}
	return 0;
}

int
beats_filter_item(struct beats_filter *f, const struct feed_item *it,
    int64_t id, int is_new)
{
	int rc;

	if (f == NULL || !is_new)
		return 0;
	if (load(f) != 0)
		return -1;
	if (f->keep.rule == NULL && f->nign == 0)
		return 0;
	rc = filter(f, it, id);
	/* the id may come back for the next item once this one is gone */
	if (beats_probe_clear(f->probe) != 0)
		return -1;
	return rc;
}

static int
record(struct beats_filter *f, sqlite3_stmt *s, const struct active *a)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int64(s, 2, f->feed_id);
	sqlite3_bind_int64(s, 3, a->count);
	sqlite3_bind_int64(s, 4, f->now);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return beats_sqlerr(f->st, "counting a rule's matches");
	return 0;
}

int
beats_filter_finish(struct beats_filter *f)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = 0;

	if (f == NULL)
		return 0;
	if (load(f) != 0)
		return -1;
	if (f->keep.rule || f->nign) {
		/* forget what the feed no longer carries */
		if (lazy(f, &f->m_prune, sql_m_prune) == NULL)
			return -1;
		sqlite3_bind_int64(f->m_prune, 1, f->feed_id);
		sqlite3_bind_int64(f->m_prune, 2, f->now);
		rc = sqlite3_step(f->m_prune);
		sqlite3_reset(f->m_prune);
		if (rc != SQLITE_DONE)
			return beats_sqlerr(f->st, "forgetting skipped items");
		rc = 0;
	}
	if (f->keep.id == 0 && f->nign == 0)
		return 0;
	if (sqlite3_prepare_v2(store_db(f->st), "INSERT INTO rule_hits"
	    " (rule_id, feed_id, count, at) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (rule_id, feed_id) DO UPDATE"
	    " SET count = excluded.count, at = excluded.at", -1, &s,
	    NULL) != SQLITE_OK)
		return beats_sqlerr(f->st, "counting a rule's matches");
	if (f->keep.id && f->keep.rule)
		rc = record(f, s, &f->keep);
	for (i = 0; rc == 0 && i < f->nign; i++)
		rc = record(f, s, &f->ign[i]);
	sqlite3_finalize(s);
	return rc;
}

size_t
beats_filter_nwarnings(const struct beats_filter *f)
{
	return f ? f->nwarn : 0;
}

const char *
beats_filter_warning(const struct beats_filter *f, size_t i)
{
	return f && i < f->nwarn ? f->warn[i] : NULL;
}

void
beats_filter_free(struct beats_filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	rule_free(f->keep.rule);
	for (i = 0; i < f->nign; i++)
		rule_free(f->ign[i].rule);
	free(f->ign);
	for (i = 0; i < f->nwarn; i++)
		free(f->warn[i]);
	free(f->warn);
	beats_probe_free(f->probe);
	sqlite3_finalize(f->del);
	sqlite3_finalize(f->hide);
	sqlite3_finalize(f->m_get);
	sqlite3_finalize(f->m_put);
	sqlite3_finalize(f->m_seen);
	sqlite3_finalize(f->m_prune);
	sqlite3_finalize(f->m_del);
	dstr_release(&f->key);
	free(f->tags);
	free(f->feed_url);
	free(f);
}
