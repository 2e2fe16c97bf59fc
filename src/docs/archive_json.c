/*
 * archive_json.c: the archive as JSON Lines, and back; see docs.h for the
 * format.
 *
 * The dump follows the archive's own schema rather than a copy of it: the
 * tables are those of sqlite_schema (in creation order, which is the
 * order of the migrations, so a row's foreign keys point at rows dumped
 * before it), the columns those of pragma_table_info.  A column or table
 * added by a later migration is dumped without a change here, and the
 * import checks every table and column name of the dump against the
 * target archive's schema before it goes into a statement (quoted): no
 * name from the file reaches SQL unchecked, and values are bound.
 * Virtual tables (the FTS5 index), their shadow tables and fts_state
 * (whether a transaction defers the index) are left out; the index is
 * rebuilt by its triggers as the articles come back.
 *
 * Values: integers and reals as JSON numbers, text as strings, NULL as
 * null; text that is not valid UTF-8 and blobs (neither is written by
 * dossier) as {"hex":"...","type":"text"|"blob"}, so nothing is lost.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"
#include "xref.h"

#define ARCHIVE_FORMAT	1
#define HEADER_TYPE	"dossier-archive"

struct table {
	char	 *name;
	char	**cols;
	size_t	  ncols;
	char	 *order;	/* ORDER BY list, quoted */
};

struct schema {
	struct table	*t;
	size_t		 n;
};

static void
schema_release(struct schema *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		free(s->t[i].name);
		for (k = 0; k < s->t[i].ncols; k++)
			free(s->t[i].cols[k]);
		free(s->t[i].cols);
		free(s->t[i].order);
	}
	free(s->t);
	memset(s, 0, sizeof(*s));
}

/* "name" with double quotes doubled: an SQL identifier. */
static void
add_ident(struct dstr *d, const char *name)
{
	const char *p;

	dstr_addc(d, '"');
	for (p = name; *p; p++) {
		if (*p == '"')
			dstr_addc(d, '"');
		dstr_addc(d, *p);
	}
	dstr_addc(d, '"');
}

static int
sqlerr(struct store *st, const char *what)
{
	store_sqlerr(st, what);
	return -1;
}

/* The columns of a table, and its ORDER BY: primary key, else rowid. */
static int
load_columns(struct store *st, struct table *t)
{
	sqlite3_stmt *s;
	struct dstr order = DSTR_INIT;
	int rc, maxpk = 0, k, pk;
	char **pkcols = NULL;

	if (sqlite3_prepare_v2(store_db(st), "SELECT name, pk FROM"
	    " pragma_table_info(?1) ORDER BY cid", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, "reading the schema");
	sqlite3_bind_text(s, 1, t->name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		t->cols = xreallocarray(t->cols, t->ncols + 1,
		    sizeof(*t->cols));
		t->cols[t->ncols] = xstrdup((const char *)
		    sqlite3_column_text(s, 0));
		pk = sqlite3_column_int(s, 1);
		if (pk > 0) {
			if (pk > maxpk) {
				pkcols = xreallocarray(pkcols, (size_t)pk,
				    sizeof(*pkcols));
				for (k = maxpk; k < pk; k++)
					pkcols[k] = NULL;
				maxpk = pk;
			}
			pkcols[pk - 1] = t->cols[t->ncols];
		}
		t->ncols++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(pkcols);
		return sqlerr(st, "reading the schema");
	}
	for (k = 0; k < maxpk; k++) {
		if (pkcols[k] == NULL)
			continue;
		if (order.len)
			dstr_addc(&order, ',');
		add_ident(&order, pkcols[k]);
	}
	free(pkcols);
	if (order.len == 0)
		dstr_adds(&order, "rowid");
	t->order = dstr_detach(&order, NULL);
	return 0;
}

/* The real tables of the archive, in creation order. */
static int
load_schema(struct store *st, struct schema *sc)
{
	sqlite3_stmt *s;
	char **virt = NULL;
	size_t nvirt = 0, i, vl;
	const char *name, *sql;
	int rc, skip;

	memset(sc, 0, sizeof(*sc));
	if (sqlite3_prepare_v2(store_db(st), "SELECT name, sql FROM"
	    " sqlite_schema WHERE type = 'table' AND name NOT LIKE"
	    " 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", -1, &s,
	    NULL) != SQLITE_OK)
		return sqlerr(st, "reading the schema");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		sql = (const char *)sqlite3_column_text(s, 1);
		if (sql && sqlite3_strnicmp(sql, "CREATE VIRTUAL TABLE",
		    20) == 0) {
			virt = xreallocarray(virt, nvirt + 1, sizeof(*virt));
			virt[nvirt++] = xstrdup(name);
			continue;
		}
		/* a virtual table's shadow tables are named after it */
		for (skip = 0, i = 0; i < nvirt && !skip; i++) {
			vl = strlen(virt[i]);
			skip = strncmp(name, virt[i], vl) == 0 &&
			    name[vl] == '_';
		}
		if (skip || strcmp(name, "fts_state") == 0)
			continue;
		sc->t = xreallocarray(sc->t, sc->n + 1, sizeof(*sc->t));
		memset(&sc->t[sc->n], 0, sizeof(sc->t[0]));
		sc->t[sc->n++].name = xstrdup(name);
	}
	sqlite3_finalize(s);
	for (i = 0; i < nvirt; i++)
		free(virt[i]);
	free(virt);
	if (rc != SQLITE_DONE)
		return sqlerr(st, "reading the schema");
	for (i = 0; i < sc->n; i++)
		if (load_columns(st, &sc->t[i]) != 0)
			return -1;
	return 0;
}

static json_t *
hex_value(const void *p, size_t n, const char *type)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = p;
	json_t *o = json_object();
	char *h = xmalloc(n * 2 + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		h[2 * i] = digits[b[i] >> 4];
		h[2 * i + 1] = digits[b[i] & 15];
	}
	h[2 * n] = '\0';
	json_object_set_new(o, "hex", json_string(h));
	json_object_set_new(o, "type", json_string(type));
	free(h);
	return o;
}

static json_t *
column_value(sqlite3_stmt *s, int i)
{
	const char *t;
	int n;

	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(s, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(s, i));
	case SQLITE_TEXT:
		t = (const char *)sqlite3_column_text(s, i);
		n = sqlite3_column_bytes(s, i);
		if (utf8_valid(t, (size_t)n))
			return json_stringn(t, (size_t)n);
		return hex_value(t, (size_t)n, "text");
	case SQLITE_BLOB:
		n = sqlite3_column_bytes(s, i);
		return hex_value(sqlite3_column_blob(s, i), (size_t)n, "blob");
	default:
		return json_null();
	}
}

static int
put_line(json_t *o, FILE *out)
{
	int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));

	json_decref(o);
	if (rc != 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

static int
dump_table(struct store *st, const struct table *t, FILE *out)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s;
	json_t *o;
	size_t i;
	int rc;

	dstr_adds(&sql, "SELECT ");
	for (i = 0; i < t->ncols; i++) {
		if (i)
			dstr_addc(&sql, ',');
		add_ident(&sql, t->cols[i]);
	}
	dstr_adds(&sql, " FROM ");
	add_ident(&sql, t->name);
	dstr_addf(&sql, " ORDER BY %s", t->order);
	rc = sqlite3_prepare_v2(store_db(st), sql.buf, -1, &s, NULL);
	dstr_release(&sql);
	if (rc != SQLITE_OK)
		return sqlerr(st, t->name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		o = json_object();
		json_object_set_new(o, "type", json_string(t->name));
		for (i = 0; i < t->ncols; i++)
			json_object_set_new(o, t->cols[i],
			    column_value(s, (int)i));
		if (put_line(o, out) != 0) {
			sqlite3_finalize(s);
			store_seterr(st, "writing the dump: %s",
			    strerror(errno));
			return -1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return sqlerr(st, t->name);
	return 0;
}

int
docs_export_json(struct store *st, FILE *out)
{
	struct schema sc;
	json_t *h;
	size_t i;
	int rc = -1;

	/* one read transaction: one consistent snapshot */
	if (docs_exec(st, "BEGIN", "starting the dump") != 0)
		return -1;
	if (load_schema(st, &sc) != 0)
		goto out;
	h = json_object();
	json_object_set_new(h, "type", json_string(HEADER_TYPE));
	json_object_set_new(h, "format", json_integer(ARCHIVE_FORMAT));
	json_object_set_new(h, "schema", json_integer(store_user_version(st)));
	if (put_line(h, out) != 0) {
		store_seterr(st, "writing the dump: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < sc.n; i++)
		if (dump_table(st, &sc.t[i], out) != 0)
			goto out;
	rc = 0;
out:
	schema_release(&sc);
	docs_exec(st, "COMMIT", "ending the dump");
	return rc;
}

/* Import */

struct importer {
	struct store	*st;
	struct schema	 sc;
	const char	*name;
	long		 line;
	/* the last statement of each table, and its column list */
	sqlite3_stmt	**stmt;
	char		**sig;
};

static const struct table *
find_table(const struct schema *sc, const char *name, size_t *idx)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->t[i].name, name) == 0) {
			*idx = i;
			return &sc->t[i];
		}
	return NULL;
}

static const char *
find_col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return t->cols[i];
	return NULL;
}

static int
unhex(const char *h, struct dstr *out)
{
	size_t i, n = strlen(h);
	int hi, lo;

	if (n % 2)
		return -1;
	for (i = 0; i < n; i += 2) {
		hi = h[i] >= 'a' ? h[i] - 'a' + 10 : h[i] - '0';
		lo = h[i + 1] >= 'a' ? h[i + 1] - 'a' + 10 : h[i + 1] - '0';
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
			return -1;
		dstr_addc(out, (char)(hi << 4 | lo));
	}
	return 0;
}

static int ierr(struct importer *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static int
ierr(struct importer *im, const char *fmt, ...)
{
	struct dstr d = DSTR_INIT;
	va_list ap;

	va_start(ap, fmt);
	dstr_vaddf(&d, fmt, ap);
	va_end(ap);
	store_seterr(im->st, "%s:%ld: %s", im->name, im->line, d.buf);
	dstr_release(&d);
	return -1;
}

static int
bind_value(struct importer *im, sqlite3_stmt *s, int i, json_t *v,
    const char *col)
{
	struct dstr d = DSTR_INIT;
	json_t *hex, *type;
	int rc;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return sqlite3_bind_null(s, i);
	case JSON_INTEGER:
		return sqlite3_bind_int64(s, i, json_integer_value(v));
	case JSON_REAL:
		return sqlite3_bind_double(s, i, json_real_value(v));
	case JSON_TRUE:
	case JSON_FALSE:
		return sqlite3_bind_int(s, i, json_is_true(v));
	case JSON_STRING:
		return sqlite3_bind_text(s, i, json_string_value(v),
		    (int)json_string_length(v), SQLITE_TRANSIENT);
	case JSON_OBJECT:
		hex = json_object_get(v, "hex");
		type = json_object_get(v, "type");
		if (!json_is_string(hex) || !json_is_string(type) ||
		    unhex(json_string_value(hex), &d) != 0)
			break;
		if (strcmp(json_string_value(type), "blob") == 0)
			rc = sqlite3_bind_blob(s, i, d.buf, (int)d.len,
			    SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_text(s, i, d.buf, (int)d.len,
			    SQLITE_TRANSIENT);
		dstr_release(&d);
		return rc;
	default:
		break;
	}
	dstr_release(&d);
	ierr(im, "bad value for column %s", col);
	return -1;
}

static int
import_row(struct importer *im, json_t *o)
{
	struct dstr sig = DSTR_INIT, sql = DSTR_INIT;
	const struct table *t;
	const char *key, *col, *tname;
	json_t *v, *type;
	sqlite3_stmt *s;
	size_t ti, n = 0, k;
	int rc = -1;

	type = json_object_get(o, "type");
	if (!json_is_string(type))
		return ierr(im, "a row without a \"type\"");
	tname = json_string_value(type);
	if ((t = find_table(&im->sc, tname, &ti)) == NULL)
		return ierr(im, "the archive has no table '%s' (a dump from "
		    "a newer dossier?)", tname);
	json_object_foreach(o, key, v) {
		if (strcmp(key, "type") == 0)
			continue;
		if ((col = find_col(t, key)) == NULL)
			return ierr(im, "table %s has no column '%s' (a dump "
			    "from a newer dossier?)", tname, key);
		if (sig.len)
			dstr_addc(&sig, ',');
		add_ident(&sig, col);
		n++;
	}
	if (n == 0)
		return ierr(im, "an empty %s row", tname);
	if (im->sig[ti] == NULL || strcmp(im->sig[ti], sig.buf) != 0) {
		sqlite3_finalize(im->stmt[ti]);
		im->stmt[ti] = NULL;
		free(im->sig[ti]);
		im->sig[ti] = NULL;
		dstr_adds(&sql, "INSERT INTO ");
		add_ident(&sql, t->name);
		dstr_addf(&sql, " (%s) VALUES (", sig.buf);
		for (k = 0; k < n; k++)
			dstr_adds(&sql, k ? ",?" : "?");
		dstr_addc(&sql, ')');
		if (sqlite3_prepare_v2(store_db(im->st), sql.buf, -1,
		    &im->stmt[ti], NULL) != SQLITE_OK) {
			ierr(im, "%s: %s", tname,
			    sqlite3_errmsg(store_db(im->st)));
			goto out;
		}
		im->sig[ti] = dstr_detach(&sig, NULL);
	}
	s = im->stmt[ti];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	n = 0;
	json_object_foreach(o, key, v) {
		if (strcmp(key, "type") == 0)
			continue;
		if (bind_value(im, s, (int)++n, v, key) != SQLITE_OK)
			goto out;
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		ierr(im, "%s: %s", tname, sqlite3_errmsg(store_db(im->st)));
		goto out;
	}
	sqlite3_reset(s);
	rc = 0;
out:
	dstr_release(&sig);
	dstr_release(&sql);
	return rc;
}

/* Nothing but the built-in Documents source in it? */
static int
check_empty(struct store *st)
{
	sqlite3_stmt *s;
	int64_t feeds, arts, tags, quotes;

	if (sqlite3_prepare_v2(store_db(st), "SELECT"
	    " (SELECT count(*) FROM feeds WHERE kind <> 1),"
	    " (SELECT count(*) FROM articles),"
	    " (SELECT count(*) FROM tags),"
	    " (SELECT count(*) FROM quotes)", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, "checking the archive");
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sqlerr(st, "checking the archive");
	}
	feeds = sqlite3_column_int64(s, 0);
	arts = sqlite3_column_int64(s, 1);
	tags = sqlite3_column_int64(s, 2);
	quotes = sqlite3_column_int64(s, 3);
	sqlite3_finalize(s);
	if (feeds || arts || tags || quotes) {
		store_seterr(st, "the archive is not empty (%lld feeds, %lld "
		    "articles, %lld tags, %lld quotes): import into a new one "
		    "(dossier --db NEW.db import-archive FILE)",
		    (long long)feeds, (long long)arts, (long long)tags,
		    (long long)quotes);
		return -1;
	}
	return 0;
}

static int
check_header(struct importer *im, json_t *o)
{
	json_t *type = json_object_get(o, "type");
	json_t *format = json_object_get(o, "format");
	json_t *schema = json_object_get(o, "schema");
	if (!json_is_string(type) ||
	    strcmp(json_string_value(type), HEADER_TYPE) != 0)
		return ierr(im, "not a dossier archive dump (the first line "
		    "is not its header)");
	if (!json_is_integer(format) ||
	    json_integer_value(format) != ARCHIVE_FORMAT)
		return ierr(im, "an unknown dump format");
	if (!json_is_integer(schema) ||
	    json_integer_value(schema) > store_user_version(im->st))
		return ierr(im, "the dump comes from a newer dossier (this "
		    "one knows schema version %d)", store_user_version(im->st));
	return 0;
}

static int
quote_keys(struct store *st)
{
	struct xref *x = xref_new(st);
	int rc = xref_quote_keys_fill(x);

	xref_free(x);
	return rc;
}

int
docs_import_json(struct store *st, FILE *in, const char *name,
    int64_t *nrows)
{
	struct importer im;
	json_error_t jerr;
	json_t *o;
	char *line = NULL, msg[256];
	size_t cap = 0, i;
	ssize_t len;
	int rc = -1, header = 0;

	*nrows = 0;
	memset(&im, 0, sizeof(im));
	im.st = st;
	im.name = name;
	if (check_empty(st) != 0 || load_schema(st, &im.sc) != 0) {
		schema_release(&im.sc);
		return -1;
	}
	im.stmt = xcalloc(im.sc.n + 1, sizeof(*im.stmt));
	im.sig = xcalloc(im.sc.n + 1, sizeof(*im.sig));
	if (store_begin(st) != 0)
		goto out;
	/* rows arrive in creation order; check references at the end */
	if (docs_exec(st, "PRAGMA defer_foreign_keys = ON", "importing") != 0 ||
	    docs_exec(st, "DELETE FROM feeds WHERE kind = 1", "importing") != 0)
		goto rollback;
	while ((len = getline(&line, &cap, in)) != -1) {
		im.line++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if ((o = json_loadb(line, (size_t)len, 0, &jerr)) == NULL ||
		    !json_is_object(o)) {
			json_decref(o);
			snprintf(msg, sizeof(msg), "%s", o ? "not an object" :
			    jerr.text);
			ierr(&im, "bad JSON: %s", msg);
			goto rollback;
		}
		if (!header) {
			header = 1;
			rc = check_header(&im, o);
			json_decref(o);
			if (rc != 0)
				goto rollback;
			rc = -1;
			continue;
		}
		if (import_row(&im, o) != 0) {
			json_decref(o);
			goto rollback;
		}
		json_decref(o);
		(*nrows)++;
	}
	if (ferror(in)) {
		store_seterr(st, "%s: read error: %s", name, strerror(errno));
		goto rollback;
	}
	if (!header) {
		store_seterr(st, "%s: empty, not a dump", name);
		goto rollback;
	}
	/* a dump without the built-in source gets it back */
	if (docs_exec(st, "INSERT INTO feeds (url, title, kind, added)"
	    " SELECT '" DOCS_FEED_URL "', 'Documents', 1, strftime('%s', 'now')"
	    " WHERE NOT EXISTS (SELECT 1 FROM feeds WHERE kind = 1)",
	    "importing") != 0)
		goto rollback;
	/* a dump from before xref_keys (migration 9) has no keys */
	if (store_xref_terms_fill(st) != 0 || quote_keys(st) != 0)
		goto rollback;
	for (i = 0; i < im.sc.n; i++) {
		sqlite3_finalize(im.stmt[i]);
		im.stmt[i] = NULL;
	}
	if (store_commit(st) != 0)
		goto out;
	rc = 0;
	goto out;
rollback:
	for (i = 0; i < im.sc.n; i++) {
		sqlite3_finalize(im.stmt[i]);
		im.stmt[i] = NULL;
	}
	store_rollback(st);
	*nrows = 0;
out:
	for (i = 0; i < im.sc.n; i++) {
		sqlite3_finalize(im.stmt[i]);
		free(im.sig[i]);
	}
	free(im.stmt);
	free(im.sig);
	free(line);
	schema_release(&im.sc);
	return rc;
}
