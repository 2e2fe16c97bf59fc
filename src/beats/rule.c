/*
 * rule.c: a rule (FTS5 text plus field predicates) parsed, checked and run
 * as SQL; see beats.h.
 *
 * FTS5 is not parsed here.  Only the top level of the query is split into
 * words (respecting "strings" and parentheses); words that are predicates
 * are taken out and the rest is left, blanked in place so that offsets stay
 * those of the query, for FTS5 to check.  FTS5 does not say where an error
 * is, so its position is found by asking FTS5 about prefixes of the query
 * cut between tokens: the shortest prefix that is wrong (other than by
 * ending early) ends at the offending token.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "beats.h"
#include "beats_int.h"
#include "dstr.h"
#include "feed.h"
#include "utf8.h"
#include "xalloc.h"

enum pred_kind {
	P_AFTER, P_AUTHOR, P_BEFORE, P_FEED, P_QUOTED, P_STARRED, P_TAG,
	P_UNREAD
};

static const struct {
	const char	*name;
	enum pred_kind	 kind;
	int		 has_value;
	const char	*wants;		/* what the value is, for messages */
} pred_names[] = {
	{ "after",	P_AFTER,	1, "a date (YYYY-MM-DD)" },
	{ "author",	P_AUTHOR,	1, "a name" },
	{ "before",	P_BEFORE,	1, "a date (YYYY-MM-DD)" },
	{ "feed",	P_FEED,		1, "a feed URL" },
	{ "quoted",	P_QUOTED,	0, NULL },
	{ "starred",	P_STARRED,	0, NULL },
	{ "tag",	P_TAG,		1, "a tag" },
	{ "unread",	P_UNREAD,	0, NULL },
};
#define NPRED_NAMES (sizeof(pred_names) / sizeof(pred_names[0]))

struct pred {
	enum pred_kind	 kind;
	int		 neg;
	char		*value;
	int64_t		 date;
};

/* A word at the top level of the query. */
struct word {
	size_t	 start, end;
	int	 is_pred;
	int	 blank;			/* taken out of the FTS part */
};

struct bind {
	char	*text;			/* NULL: num */
	int64_t	 num;
};

/* Parameters every statement shares; predicates bind from P_FIRST on. */
enum {
	P_MATCH = 1, P_ID = 2, P_LIMIT = 3, P_OFFSET = 4,
	P_QFEED = 7, P_QTAG = 8, P_NOTMATCH = 9, P_FIRST = 10
};

struct rule {
	struct store	*st;
	sqlite3		*db;
	char		*text;
	char		*fts;		/* the MATCH expression, or NULL */
	char		*notfts;	/* without fts: what must NOT match */
	struct quick	*quick;		/* fts's single-word alternatives */
	struct dstr	 where;		/* " AND ..." over articles a */
	struct bind	*binds;
	size_t		 nbinds;
	sqlite3_stmt	*match, *list, *count;
	sqlite3_stmt	*wcand, *wrow;	/* list_window() */
	int		 list_qf, count_qf, wcand_qf; /* made for */
	sqlite3_stmt	*pmatch, *pnot;	/* against the probe */
	struct beats_probe *probe;	/* rule_match()'s own */
};

/*
 * New articles' title, author and text in an FTS5 table (with the
 * tokenizer of articles_fts), so that checking a new item against several
 * rules costs one tokenisation instead of a walk of the whole index per
 * term.  The table lives in a database connection of its own, in memory,
 * inside a transaction that is rolled back every PROBE_ROWS articles: the
 * rows never leave FTS5's pending terms (in the archive's connection each
 * statement of the ingest flushed them to b-trees, and emptying the table
 * with 'delete-all' rewrote its configuration).  Each article has a rowid
 * of its own and a rule asks about that rowid alone.  An item costs about
 * 40 us instead of 80.
 */
#define PROBE_ROWS	8

struct beats_probe {
	struct store	*st;
	sqlite3		*db;		/* its own, in memory */
	sqlite3_stmt	*get;		/* in the archive */
	sqlite3_stmt	*put, *begin, *rollback;
	int64_t		 id;		/* the article loaded; 0: none */
	int64_t		 row;		/* its rowid in probe; 0: none */
	int64_t		 nrows;		/* rowids used in the txn */
	int		 in_txn;
};

/* The columns rule_articles_each() reads, as store_articles_each() has. */
static const char article_cols[] = STORE_ARTICLE_COLS;

/*
 * Extra filters from a struct store_query, written into the statement
 * only when set: a filter that is off costs nothing (an `?5 = 0 OR
 * a.read = 0` still made SQLite read each row, and the state columns come
 * after the article's large text).  The statements are prepared for one
 * combination at a time.
 */
enum { QF_UNREAD = 1, QF_STARRED = 2, QF_FEED = 4, QF_TAG = 8 };

static int
filters_of(const struct store_query *q)
{
	if (q == NULL)
		return 0;
	return (q->unread ? QF_UNREAD : 0) | (q->starred ? QF_STARRED : 0) |
	    (q->feed_url ? QF_FEED : 0) | (q->tag ? QF_TAG : 0);
}

static void
add_filters(struct dstr *sql, int qf)
{
	if (qf & QF_UNREAD)
		dstr_adds(sql, " AND a.read = 0");
	if (qf & QF_STARRED)
		dstr_adds(sql, " AND a.starred <> 0");
	if (qf & QF_FEED)
		dstr_adds(sql, " AND a.feed_id = (SELECT id FROM feeds"
		    " WHERE url = ?7)");
	if (qf & QF_TAG)
		dstr_adds(sql, " AND a.feed_id IN (SELECT ft.feed_id FROM"
		    " feed_tags ft JOIN tags t ON t.id = ft.tag_id"
		    " WHERE t.name = ?8)");
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Characters FTS5 allows in a bareword (sqlite3Fts5IsBareword). */
static int
is_bareword(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 0x80 || isalnum(u) || u == '_' || u == 0x1a;
}

static size_t
column_of(const char *s, size_t off)
{
	size_t i, col = 1;

	for (i = 0; i < off && s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static int
set_error(struct rule_error *err, const char *q, size_t off,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
set_error(struct rule_error *err, const char *q, size_t off,
    const char *fmt, ...)
{
	struct dstr raw = DSTR_INIT, clean = DSTR_INIT;
	va_list ap;
	size_t n;

	err->offset = off;
	err->column = column_of(q, off);
	dstr_addf(&raw, "column %zu: ", err->column);
	va_start(ap, fmt);
	dstr_vaddf(&raw, fmt, ap);
	va_end(ap);
	utf8_sanitize(&clean, raw.buf, raw.len, SAN_ONE_LINE);
	n = clean.len;
	if (n >= sizeof(err->msg)) {
		n = sizeof(err->msg) - 1;
		while (n > 0 && ((unsigned char)clean.buf[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(err->msg, clean.buf, n);
	err->msg[n] = '\0';
	dstr_release(&raw);
	dstr_release(&clean);
	return -1;
}

/* A store error: column 0, the store's message. */
static int
store_error(struct store *st, struct rule_error *err)
{
	err->offset = 0;
	err->column = 0;
	snprintf(err->msg, sizeof(err->msg), "%s", store_errmsg(st));
	return -1;
}

int
beats_sqlerr(struct store *st, const char *what)
{
	store_sqlerr(st, what);
	return -1;
}

/* YYYY-MM-DD to the epoch second of its midnight UTC; -1 if malformed. */
int
beats_parse_date(const char *s, int64_t *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int64_t y, era, days;
	unsigned m, d, yoe, doy, doe;
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return -1;
	if (s[10] != '\0')
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || (int)d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	/* days from the civil date (H. Hinnant's algorithm) */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + (int64_t)doe - 719468;
	*t = days * 86400;
	return 0;
}

/*
 * End of the "string" starting at s[i] (the quote): the offset just past
 * the closing quote, or 0 when it is not closed.  "" inside is a quote.
 */
static size_t
string_end(const char *s, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n; j++) {
		if (s[j] != '"')
			continue;
		if (j + 1 < n && s[j + 1] == '"') {
			j++;
			continue;
		}
		return j + 1;
	}
	return 0;
}

static void
unquote(struct dstr *d, const char *s, size_t start, size_t end)
{
	size_t j;

	for (j = start + 1; j + 1 < end; j++) {
		dstr_addc(d, s[j]);
		if (s[j] == '"')
			j++;
	}
}

/*
 * A predicate at s[i]?  1 (and *endp, *p filled), 0 not one, -1 a
 * malformed one (err set).
 */
static int
scan_pred(const char *s, size_t n, size_t i, size_t *endp, struct pred *p,
    struct rule_error *err)
{
	struct dstr v = DSTR_INIT;
	size_t j = i, k, name, e;
	int neg = 0;

	if (s[j] == '-') {
		neg = 1;
		j++;
	}
	for (k = j; k < n && s[k] >= 'a' && s[k] <= 'z'; k++)
		;
	for (name = 0; name < NPRED_NAMES; name++)
		if (strlen(pred_names[name].name) == k - j &&
		    strncmp(pred_names[name].name, s + j, k - j) == 0)
			break;
	if (name == NPRED_NAMES)
		return 0;
	memset(p, 0, sizeof(*p));
	p->kind = pred_names[name].kind;
	p->neg = neg;
	if (!pred_names[name].has_value) {
		if (k < n && !is_blank(s[k]))
			return 0;
		*endp = k;
		return 1;
	}
	if (k >= n || s[k] != ':')
		return 0;
	k++;
	if (k >= n || is_blank(s[k]))
		return set_error(err, s, i, "%s: wants %s right after the "
		    "colon", pred_names[name].name, pred_names[name].wants);
	if (s[k] == '"') {
		if ((e = string_end(s, n, k)) == 0)
			return set_error(err, s, k, "unterminated string");
		if (e < n && !is_blank(s[e]))
			return set_error(err, s, e, "a blank is expected "
			    "after the closing quote");
		unquote(&v, s, k, e);
	} else {
		for (e = k; e < n && !is_blank(s[e]); e++)
			;
		dstr_add(&v, s + k, e - k);
	}
	if (v.len == 0 || !utf8_valid(v.buf, v.len)) {
		dstr_release(&v);
		return set_error(err, s, k, "%s: wants %s",
		    pred_names[name].name, pred_names[name].wants);
	}
	if ((p->kind == P_BEFORE || p->kind == P_AFTER) &&
	    beats_parse_date(v.buf, &p->date) != 0) {
		dstr_release(&v);
		return set_error(err, s, k, "%s: wants a date as YYYY-MM-DD",
		    pred_names[name].name);
	}
	p->value = dstr_detach(&v, NULL);
	*endp = e;
	return 1;
}

/* An ordinary word (or parenthesised group): its end, or 0 with err. */
static size_t
scan_word(const char *s, size_t n, size_t i, struct rule_error *err)
{
	size_t open = 0, depth = 0, e;

	while (i < n) {
		if (s[i] == '"') {
			if ((e = string_end(s, n, i)) == 0) {
				set_error(err, s, i, "unterminated string");
				return 0;
			}
			i = e;
			continue;
		}
		if (s[i] == '(') {
			if (depth++ == 0)
				open = i;
		} else if (s[i] == ')') {
			if (depth == 0) {
				set_error(err, s, i, "unbalanced ')'");
				return 0;
			}
			depth--;
		} else if (depth == 0 && is_blank(s[i]))
			break;
		i++;
	}
	if (depth > 0) {
		set_error(err, s, open, "'(' is not closed");
		return 0;
	}
	return i;
}

static int
word_is(const char *s, const struct word *w, const char *kw)
{
	size_t n = strlen(kw);

	return !w->is_pred && w->end - w->start == n &&
	    memcmp(s + w->start, kw, n) == 0;
}

/* Check FTS5 text: 0 fine, 1 wrong (*msg), -1 a store error. */
static int
fts_try(struct rule *r, sqlite3_stmt *s, const char *q, size_t len,
    char **msg)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, q, (int)len, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if ((rc & 0xff) != SQLITE_ERROR) {
		beats_sqlerr(r->st, "checking a query");
		sqlite3_reset(s);
		return -1;
	}
	*msg = xstrdup(sqlite3_errmsg(r->db));
	sqlite3_reset(s);
	return 1;
}

/* The quoted token in a message such as `near "X"` or `got "X"`. */
static char *
quoted_token(const char *msg, const char *after)
{
	const char *p, *e;

	if ((p = strstr(msg, after)) == NULL)
		return NULL;
	p += strlen(after);
	if ((e = strrchr(p, '"')) == NULL)
		return NULL;
	return xstrndup(p, (size_t)(e - p));
}

/* Offset of the last occurrence of tok that ends at or before lim. */
static size_t
find_token(const char *s, size_t lim, const char *tok, size_t def)
{
	size_t n = strlen(tok), i;

	if (n == 0 || n > lim)
		return def;
	for (i = lim - n + 1; i-- > 0;)
		if (strncasecmp(s + i, tok, n) == 0)
			return i;
	return def;
}

static int
is_eof_error(const char *msg)
{
	return strstr(msg, "syntax error near \"\"") != NULL;
}

/*
 * The FTS part u (the query with predicates blanked; same offsets) is
 * wrong: find where and explain.
 */
static int
fts_explain(struct rule *r, sqlite3_stmt *s, const char *q, const char *u,
    const char *msg, struct rule_error *err)
{
	size_t n = strlen(u), *cuts = NULL, ncuts = 0, i, e, lo, hi, lim, at;
	char *m, *tok;
	int rc;

	/* the end of the text, for errors at the end */
	for (e = n; e > 0 && is_blank(u[e - 1]); e--)
		;
	if (is_eof_error(msg))
		return set_error(err, q, e, "the query ends too soon (an "
		    "operator without its operand, or an unclosed NEAR?)");
	/* cut points between tokens, outside strings */
	cuts = xreallocarray(NULL, n + 1, sizeof(*cuts));
	for (i = 1; i <= n; i++) {
		if (u[i - 1] == '"') {
			/* skip over the string */
			if ((i = string_end(u, n, i - 1)) == 0)
				break;
		}
		if (i == n || !is_bareword(u[i]))
			cuts[ncuts++] = i;
	}
	/* the shortest wrong prefix (wrongness grows with the prefix) */
	lo = 0;
	hi = ncuts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		m = NULL;
		rc = fts_try(r, s, u, cuts[mid], &m);
		if (rc < 0) {
			free(cuts);
			return store_error(r->st, err);
		}
		if (rc == 1 && !is_eof_error(m))
			hi = mid;
		else
			lo = mid + 1;
		free(m);
	}
	lim = lo < ncuts ? cuts[lo] : e;
	free(cuts);
	if ((tok = quoted_token(msg, "near \"")) != NULL) {
		at = find_token(u, lim, tok, lim);
		rc = set_error(err, q, at, "unexpected \"%s\"", tok);
	} else if (strncmp(msg, "no such column: ", 16) == 0) {
		tok = xstrdup(msg + 16);
		at = find_token(u, lim, tok, lim);
		rc = set_error(err, q, at, "no such column \"%s\" (columns "
		    "are title, author and text)", tok);
	} else if ((tok = quoted_token(msg, "got \"")) != NULL) {
		at = find_token(u, lim, tok, lim);
		rc = set_error(err, q, at, "NEAR wants a number of tokens, "
		    "got \"%s\"", tok);
	} else {
		at = lim;
		while (at > 0 && is_blank(u[at - 1]))
			at--;
		rc = set_error(err, q, at, "%s", msg);
	}
	free(tok);
	return rc;
}

static void
add_bind_text(struct rule *r, const char *v)
{
	r->binds = xreallocarray(r->binds, r->nbinds + 1, sizeof(*r->binds));
	r->binds[r->nbinds].text = xstrdup(v);
	r->binds[r->nbinds].num = 0;
	r->nbinds++;
}

static void
add_bind_num(struct rule *r, int64_t v)
{
	r->binds = xreallocarray(r->binds, r->nbinds + 1, sizeof(*r->binds));
	r->binds[r->nbinds].text = NULL;
	r->binds[r->nbinds].num = v;
	r->nbinds++;
}

/* "v1" OR "v2" ... for one kind and sign; 0 when there are none. */
static size_t
author_phrases(struct dstr *d, const struct pred *p, size_t np, int neg)
{
	size_t i, k = 0;
	const char *c;

	for (i = 0; i < np; i++) {
		if (p[i].kind != P_AUTHOR || p[i].neg != neg)
			continue;
		dstr_adds(d, k++ ? " OR \"" : "author : (\"");
		for (c = p[i].value; *c; c++) {
			if (*c == '"')
				dstr_addc(d, '"');
			dstr_addc(d, *c);
		}
		dstr_addc(d, '"');
	}
	if (k)
		dstr_addc(d, ')');
	return k;
}

/* url IN (?a, ?b) style list of one kind and sign's values. */
static size_t
value_list(struct rule *r, struct dstr *d, const struct pred *p, size_t np,
    enum pred_kind kind, int neg)
{
	size_t i, k = 0;

	for (i = 0; i < np; i++) {
		if (p[i].kind != kind || p[i].neg != neg)
			continue;
		dstr_addf(d, "%s?%zu", k++ ? ", " : "(",
		    P_FIRST + r->nbinds);
		add_bind_text(r, p[i].value);
	}
	if (k)
		dstr_addc(d, ')');
	return k;
}

/* Turn the predicates and the FTS part into r->fts and r->where. */
static void
build(struct rule *r, const char *user, const struct pred *p, size_t np)
{
	struct dstr fts = DSTR_INIT, pos = DSTR_INIT, neg = DSTR_INIT;
	struct dstr list = DSTR_INIT;
	size_t i;
	int sign;

	author_phrases(&pos, p, np, 0);
	author_phrases(&neg, p, np, 1);
	if (user && pos.len)
		dstr_addf(&fts, "(%s) AND (%s)", user, pos.buf);
	else if (user)
		dstr_adds(&fts, user);
	else
		dstr_adds(&fts, pos.buf);
	if (neg.len && fts.len) {
		struct dstr t = DSTR_INIT;

		dstr_addf(&t, "(%s) NOT (%s)", fts.buf, neg.buf);
		dstr_release(&fts);
		fts = t;
	} else if (neg.len)
		r->notfts = xstrdup(neg.buf);
	r->fts = fts.len ? dstr_detach(&fts, NULL) : NULL;
	dstr_release(&fts);
	dstr_release(&pos);
	dstr_release(&neg);

	for (sign = 0; sign < 2; sign++) {
		dstr_reset(&list);
		if (value_list(r, &list, p, np, P_FEED, sign))
			dstr_addf(&r->where, " AND a.feed_id %sIN (SELECT id"
			    " FROM feeds WHERE url IN %s)", sign ? "NOT " : "",
			    list.buf);
		dstr_reset(&list);
		if (value_list(r, &list, p, np, P_TAG, sign))
			dstr_addf(&r->where, " AND a.feed_id %sIN (SELECT"
			    " ft.feed_id FROM feed_tags ft JOIN tags t ON"
			    " t.id = ft.tag_id WHERE t.name IN %s)",
			    sign ? "NOT " : "", list.buf);
	}
	dstr_release(&list);
	for (i = 0; i < np; i++) {
		switch (p[i].kind) {
		case P_BEFORE:
		case P_AFTER:
			dstr_addf(&r->where, " AND a.sort_date %s ?%zu",
			    (p[i].kind == P_AFTER) != p[i].neg ? ">=" : "<",
			    P_FIRST + r->nbinds);
			add_bind_num(r, p[i].date);
			break;
		case P_UNREAD:
			dstr_adds(&r->where, p[i].neg ? " AND a.read <> 0" :
			    " AND a.read = 0");
			break;
		case P_STARRED:
			dstr_adds(&r->where, p[i].neg ? " AND a.starred = 0" :
			    " AND a.starred <> 0");
			break;
		case P_QUOTED:
			dstr_addf(&r->where, " AND %sEXISTS (SELECT 1 FROM"
			    " quotes q WHERE q.article_id = a.id)",
			    p[i].neg ? "NOT " : "");
			break;
		default:
			break;
		}
	}
}

static void
preds_free(struct pred *p, size_t np)
{
	while (np > 0)
		free(p[--np].value);
	free(p);
}

int
rule_parse(struct store *st, const char *q, struct rule **rp,
    struct rule_error *err)
{
	struct rule *r;
	struct word *w = NULL;
	struct pred *p = NULL, one;
	size_t n = strlen(q), i = 0, nw = 0, np = 0, k, e = 0;
	sqlite3_stmt *chk = NULL;
	char *u = NULL, *msg = NULL;
	int rc, any;

	*rp = NULL;
	memset(err, 0, sizeof(*err));
	if (!utf8_valid(q, n))
		return set_error(err, q, 0, "the query is not valid UTF-8");
	r = xcalloc(1, sizeof(*r));
	r->st = st;
	r->db = store_db(st);
	r->text = xstrdup(q);
	dstr_init(&r->where);

	/* split the top level into words and predicates */
	for (;;) {
		while (i < n && is_blank(q[i]))
			i++;
		if (i >= n)
			break;
		rc = scan_pred(q, n, i, &e, &one, err);
		if (rc < 0)
			goto fail;
		if (rc == 1) {
			p = xreallocarray(p, np + 1, sizeof(*p));
			p[np++] = one;
		} else if ((e = scan_word(q, n, i, err)) == 0)
			goto fail;
		w = xreallocarray(w, nw + 1, sizeof(*w));
		w[nw].start = i;
		w[nw].end = e;
		w[nw].is_pred = rc == 1;
		w[nw].blank = rc == 1;
		nw++;
		i = e;
	}
	if (nw == 0) {
		set_error(err, q, 0, "the query is empty");
		goto fail;
	}
	/* predicates combine with the whole query by AND */
	for (k = 0; k < nw; k++) {
		if (!w[k].is_pred)
			continue;
		if (k > 0 && (word_is(q, &w[k - 1], "OR") ||
		    word_is(q, &w[k - 1], "NOT"))) {
			set_error(err, q, w[k - 1].start, "a predicate can't "
			    "follow %s: it applies to the whole query (to "
			    "leave out, write -%.*s)",
			    word_is(q, &w[k - 1], "OR") ? "OR" : "NOT",
			    (int)(w[k].end - w[k].start) -
			    (q[w[k].start] == '-'),
			    q + w[k].start + (q[w[k].start] == '-'));
			goto fail;
		}
		if (k + 1 < nw && word_is(q, &w[k + 1], "OR")) {
			set_error(err, q, w[k + 1].start, "a predicate can't "
			    "be followed by OR: it applies to the whole "
			    "query");
			goto fail;
		}
		if (k > 0 && word_is(q, &w[k - 1], "AND"))
			w[k - 1].blank = 1;
		if (k + 1 < nw && word_is(q, &w[k + 1], "AND"))
			w[k + 1].blank = 1;
	}
	u = xstrdup(q);
	any = 0;
	for (k = 0; k < nw; k++) {
		if (w[k].blank)
			memset(u + w[k].start, ' ', w[k].end - w[k].start);
		else
			any = 1;
	}
	if (any) {
		/*
		 * FTS5 checks the query before it reads the index: ask an
		 * empty table with the same columns (a query that matches
		 * much of the archive would cost a walk of the index).
		 */
		if (sqlite3_exec(r->db, "CREATE VIRTUAL TABLE IF NOT EXISTS"
		    " temp.beats_check USING fts5(title, author, text,"
		    " content='', columnsize=0,"
		    " tokenize='unicode61 remove_diacritics 2')", NULL, NULL,
		    NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(r->db, "SELECT 1 FROM temp.beats_check"
		    " WHERE beats_check MATCH ?1 LIMIT 1", -1, &chk,
		    NULL) != SQLITE_OK) {
			beats_sqlerr(st, "checking a query");
			store_error(st, err);
			goto fail;
		}
		rc = fts_try(r, chk, u, n, &msg);
		if (rc < 0) {
			store_error(st, err);
			goto fail;
		}
		if (rc == 1) {
			fts_explain(r, chk, q, u, msg, err);
			goto fail;
		}
	}
	build(r, any ? u : NULL, p, np);
	r->quick = r->fts ? beats_quick_new(r->fts) : NULL;
	sqlite3_finalize(chk);
	free(u);
	free(w);
	preds_free(p, np);
	*rp = r;
	return 0;
fail:
	sqlite3_finalize(chk);
	free(msg);
	free(u);
	free(w);
	preds_free(p, np);
	rule_free(r);
	return -1;
}

void
rule_free(struct rule *r)
{
	size_t i;

	if (r == NULL)
		return;
	sqlite3_finalize(r->match);
	sqlite3_finalize(r->list);
	sqlite3_finalize(r->count);
	sqlite3_finalize(r->wcand);
	sqlite3_finalize(r->wrow);
	sqlite3_finalize(r->pmatch);
	sqlite3_finalize(r->pnot);
	beats_probe_free(r->probe);
	for (i = 0; i < r->nbinds; i++)
		free(r->binds[i].text);
	free(r->binds);
	dstr_release(&r->where);
	free(r->fts);
	beats_quick_free(r->quick);
	free(r->notfts);
	free(r->text);
	free(r);
}

const char *
rule_text(const struct rule *r)
{
	return r->text;
}

const char *
rule_fts(const struct rule *r)
{
	return r->fts;
}

/* Prepare sql into *slot on first use, else reset; binds the rule's own. */
static sqlite3_stmt *
prepare(struct rule *r, sqlite3_stmt **slot, const char *sql)
{
	size_t i;

	if (*slot == NULL) {
		if (sqlite3_prepare_v3(r->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
			beats_sqlerr(r->st, "preparing a rule");
			*slot = NULL;
			return NULL;
		}
		if (r->fts)
			sqlite3_bind_text(*slot, P_MATCH, r->fts, -1,
			    SQLITE_STATIC);
		if (r->notfts)
			sqlite3_bind_text(*slot, P_NOTMATCH, r->notfts, -1,
			    SQLITE_STATIC);
		for (i = 0; i < r->nbinds; i++) {
			if (r->binds[i].text)
				sqlite3_bind_text(*slot, (int)(P_FIRST + i),
				    r->binds[i].text, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(*slot, (int)(P_FIRST + i),
				    r->binds[i].num);
		}
	} else
		sqlite3_reset(*slot);
	return *slot;
}

static int
probe_error(struct beats_probe *p, const char *what)
{
	store_seterr(p->st, "%s: %s", what, p->db ? sqlite3_errmsg(p->db) :
	    "out of memory");
	return -1;
}

static int
probe_step(struct beats_probe *p, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return probe_error(p, "matching rules");
	return 0;
}

struct beats_probe *
beats_probe_new(struct store *st)
{
	struct beats_probe *p;

	p = xcalloc(1, sizeof(*p));
	p->st = st;
	if (sqlite3_prepare_v3(store_db(st), "SELECT title, author, text"
	    " FROM articles WHERE id = ?1", -1, SQLITE_PREPARE_PERSISTENT,
	    &p->get, NULL) != SQLITE_OK) {
		beats_sqlerr(st, "preparing to match rules");
		beats_probe_free(p);
		return NULL;
	}
	if (sqlite3_open_v2(":memory:", &p->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(p->db, "CREATE VIRTUAL TABLE probe USING fts5(title,"
	    " author, text, content='', columnsize=0,"
	    " tokenize='unicode61 remove_diacritics 2')", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(p->db, "INSERT INTO probe (rowid, title,"
	    " author, text) VALUES (?1, ?2, ?3, ?4)", -1,
	    SQLITE_PREPARE_PERSISTENT, &p->put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(p->db, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT,
	    &p->begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(p->db, "ROLLBACK", -1,
	    SQLITE_PREPARE_PERSISTENT, &p->rollback, NULL) != SQLITE_OK) {
		probe_error(p, "preparing to match rules");
		beats_probe_free(p);
		return NULL;
	}
	return p;
}

int
beats_probe_load(struct beats_probe *p, int64_t id)
{
	int i, rc;

	if (p->id == id && id != 0)
		return 0;
	p->id = 0;
	p->row = 0;
	if (p->nrows >= PROBE_ROWS && beats_probe_reset(p) != 0)
		return -1;
	if (!p->in_txn) {
		if (probe_step(p, p->begin) != 0)
			return -1;
		p->in_txn = 1;
	}
	sqlite3_bind_int64(p->get, 1, id);
	rc = sqlite3_step(p->get);
	if (rc == SQLITE_ROW) {
		sqlite3_bind_int64(p->put, 1, p->nrows + 1);
		for (i = 0; i < 3; i++)
			sqlite3_bind_value(p->put, i + 2,
			    sqlite3_column_value(p->get, i));
		rc = sqlite3_step(p->put);
		sqlite3_reset(p->put);
		sqlite3_clear_bindings(p->put);
		sqlite3_reset(p->get);
		if (rc != SQLITE_DONE)
			return probe_error(p, "matching rules");
		p->row = ++p->nrows;
	} else {
		sqlite3_reset(p->get);
		if (rc != SQLITE_DONE)
			return beats_sqlerr(p->st, "matching rules");
		/* no such article: it matches nothing */
	}
	p->id = id;
	return 0;
}

int
beats_probe_clear(struct beats_probe *p)
{
	if (p != NULL) {
		p->id = 0;
		p->row = 0;
	}
	return 0;
}

int
beats_probe_reset(struct beats_probe *p)
{
	if (p == NULL)
		return 0;
	p->id = 0;
	p->row = 0;
	p->nrows = 0;
	if (!p->in_txn)
		return 0;
	p->in_txn = 0;
	return probe_step(p, p->rollback);
}

void
beats_probe_free(struct beats_probe *p)
{
	if (p == NULL)
		return;
	if (p->in_txn)
		beats_probe_reset(p);
	sqlite3_finalize(p->get);
	sqlite3_finalize(p->put);
	sqlite3_finalize(p->begin);
	sqlite3_finalize(p->rollback);
	sqlite3_close_v2(p->db);
	free(p);
}

/*
 * Does the loaded article match expr?  1, 0, -1.  The statement is the
 * rule's, prepared in the probe's connection.
 */
static int
probe_match(struct beats_probe *p, sqlite3_stmt **slot, const char *expr)
{
	int rc;

	if (p->row == 0)		/* no such article */
		return 0;
	if (*slot != NULL && sqlite3_db_handle(*slot) != p->db) {
		sqlite3_finalize(*slot);
		*slot = NULL;
	}
	if (*slot == NULL) {
		if (sqlite3_prepare_v3(p->db, "SELECT 1 FROM probe"
		    " WHERE probe MATCH ?1 AND rowid = ?2", -1,
		    SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
			*slot = NULL;
			return probe_error(p, "preparing a rule");
		}
		sqlite3_bind_text(*slot, 1, expr, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(*slot, 2, p->row);
	rc = sqlite3_step(*slot);
	sqlite3_reset(*slot);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return probe_error(p, "matching a rule");
}

/* Does the article pass the full-text part (in probe p)?  1, 0, -1. */
/*
 * 1 if the article surely holds one of quick's words (quick.c), without
 * the probe table; 0 if that is not sure; -1 on error.  Not for an
 * article already in the probe: asking FTS5 costs little then.
 */
static int
probe_quick(struct beats_probe *p, int64_t id, const struct quick *q)
{
	int i, rc, yes = 0;

	if (p->id == id && id != 0)
		return 0;
	sqlite3_bind_int64(p->get, 1, id);
	if ((rc = sqlite3_step(p->get)) == SQLITE_ROW)
		for (i = 0; i < 3 && !yes; i++)
			yes = beats_quick_match(q, (const char *)
			    sqlite3_column_text(p->get, i),
			    (size_t)sqlite3_column_bytes(p->get, i));
	sqlite3_reset(p->get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return beats_sqlerr(p->st, "matching rules");
	return yes;
}

static int
fts_match(struct rule *r, struct beats_probe *p, int64_t id)
{
	int rc;

	if (r->quick && (rc = probe_quick(p, id, r->quick)) != 0)
		return rc;
	if (r->fts || r->notfts) {
		if (beats_probe_load(p, id) != 0)
			return -1;
		if (r->fts && (rc = probe_match(p, &r->pmatch, r->fts)) != 1)
			return rc;
		if (r->notfts &&
		    (rc = probe_match(p, &r->pnot, r->notfts)) != 0)
			return rc < 0 ? -1 : 0;
	}
	return 1;
}

int
beats_rule_match(struct rule *r, struct beats_probe *p, int64_t id)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s;
	int rc;

	if ((rc = fts_match(r, p, id)) != 1)
		return rc;
	if (r->where.len == 0)
		return 1;
	if (r->match == NULL) {
		dstr_adds(&sql, "SELECT 1 FROM articles a WHERE a.id = ?2");
		dstr_add(&sql, r->where.buf, r->where.len);
	}
	s = prepare(r, &r->match, sql.buf);
	dstr_release(&sql);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, P_ID, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return beats_sqlerr(r->st, "matching a rule");
}

int
rule_match(struct rule *r, int64_t id)
{
	int rc;

	if (r->probe == NULL && (r->probe = beats_probe_new(r->st)) == NULL)
		return -1;
	rc = beats_rule_match(r, r->probe, id);
	/* don't keep a stale copy: the article may change */
	if (beats_probe_reset(r->probe) != 0)
		return -1;
	return rc;
}

/*
 * The WHERE both the list and the count share.  The full-text matches are
 * collected once (an IN list).  The list walks articles_sort newest first,
 * probing the list, and stops at the limit ("+a.id" keeps the planner
 * from fetching every match to sort them: 10 ms instead of 50-100 for a
 * beat with 20,000 matches in 100,000); the count too, through the small
 * index of each article's state rather than the rows (100 ms instead of
 * 190 for 99,000 matches).  Without fts, only the predicates
 * (list_window()'s candidates).
 */
static void
add_where(struct rule *r, struct dstr *sql, int with_fts, int qf)
{
	dstr_adds(sql, " WHERE a.hidden = 0");
	if (r->fts && with_fts)
		dstr_adds(sql, " AND +a.id IN (SELECT rowid FROM articles_fts"
		    " WHERE articles_fts MATCH ?1)");
	if (r->notfts && with_fts)
		dstr_adds(sql, " AND a.id NOT IN (SELECT rowid FROM"
		    " articles_fts WHERE articles_fts MATCH ?9)");
	dstr_add(sql, r->where.buf, r->where.len);
	add_filters(sql, qf);
}

/* The statement in *slot if it was made for filters qf, else none. */
static void
want_filters(sqlite3_stmt **slot, int *slot_qf, int qf)
{
	if (*slot != NULL && *slot_qf != qf) {
		sqlite3_finalize(*slot);
		*slot = NULL;
	}
	*slot_qf = qf;
}

static void
bind_query(sqlite3_stmt *s, const struct store_query *q)
{
	if (q && q->feed_url)
		sqlite3_bind_text(s, P_QFEED, q->feed_url, -1,
		    SQLITE_TRANSIENT);
	if (q && q->tag)
		sqlite3_bind_text(s, P_QTAG, q->tag, -1, SQLITE_TRANSIENT);
}

/* Give the row s is on (article_cols) to fn: its return. */
static int
give_row(sqlite3_stmt *s, store_article_fn fn, void *ctx)
{
	struct store_article a;
	int stop;

	store_article_from_row(s, &a);
	stop = fn(ctx, &a) != 0;
	store_article_release(&a);
	return stop;
}

/*
 * The newest matches when most rows match (a beat over an archive that
 * keeps the beat): walk the rows the predicates allow, newest first, and
 * match each in the probe (rule_match()'s), until offset + limit of them
 * match.  A row costs its tokenisation, about 0.2 ms for 20 KB of text,
 * whatever the query (asking the index by rowid costs a seek per term and
 * segment, and can walk far past the row for a NOT or a phrase);
 * collecting every match (the IN list) costs 20 to 350 ms on 100,000
 * articles.  A beat nearly every article matches: 10 ms instead of 90 to
 * 330.  When the matches are too rare for that (projected beyond
 * WINDOW_MAX rows), it gives up before giving any row: 1.  0 done, -1
 * error.
 */
#define WINDOW_MAX	250
#define WINDOW_TRY	16

static int
list_window(struct rule *r, const struct store_query *q, store_article_fn fn,
    void *ctx)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s;
	int64_t need, *ids, k = 0, m = 0, i;
	int rc, step = SQLITE_DONE, give_up = 0, stop = 0, err;

	need = q->offset + q->limit;
	if (q->limit <= 0 || q->offset < 0 || need > WINDOW_MAX)
		return 1;
	want_filters(&r->wcand, &r->wcand_qf, filters_of(q));
	if (r->wcand == NULL) {
		dstr_adds(&sql, "SELECT a.id FROM articles a");
		add_where(r, &sql, 0, r->wcand_qf);
		dstr_adds(&sql, " ORDER BY a.sort_date DESC, a.id DESC");
	}
	s = prepare(r, &r->wcand, sql.buf);
	dstr_release(&sql);
	if (s == NULL)
		return -1;
	bind_query(s, q);
	if (r->probe == NULL && (r->probe = beats_probe_new(r->st)) == NULL)
		return -1;
	ids = xreallocarray(NULL, (size_t)need, sizeof(*ids));
	while (m < need && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = fts_match(r, r->probe,
		    sqlite3_column_int64(s, 0))) < 0) {
			sqlite3_reset(s);
			beats_probe_reset(r->probe);
			free(ids);
			return -1;
		}
		if (rc == 1)
			ids[m++] = sqlite3_column_int64(s, 0);
		k++;
		if (m < need && k >= WINDOW_TRY && (k >= WINDOW_MAX ||
		    need * k > WINDOW_MAX * m)) {
			give_up = 1;
			break;
		}
	}
	if (m == need)
		step = SQLITE_DONE;
	if ((err = step != SQLITE_DONE && !give_up))
		beats_sqlerr(r->st, "listing a rule's articles");
	sqlite3_reset(s);
	if (beats_probe_reset(r->probe) != 0)
		err = 1;
	if (err || give_up) {
		free(ids);
		return err ? -1 : 1;
	}
	if (r->wrow == NULL) {
		dstr_addf(&sql, "SELECT %s FROM articles a JOIN feeds f"
		    " ON f.id = a.feed_id WHERE a.id = ?2", article_cols);
	}
	s = prepare(r, &r->wrow, sql.buf);
	dstr_release(&sql);
	rc = s == NULL ? -1 : 0;
	for (i = q->offset; rc == 0 && !stop && i < m; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, P_ID, ids[i]);
		if ((step = sqlite3_step(s)) == SQLITE_ROW)
			stop = give_row(s, fn, ctx);
		else if (step != SQLITE_DONE)
			rc = beats_sqlerr(r->st, "listing a rule's articles");
	}
	if (s)
		sqlite3_reset(s);
	free(ids);
	return rc;
}

int
rule_articles_each(struct rule *r, const struct store_query *q,
    store_article_fn fn, void *ctx)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((r->fts || r->notfts) && q &&
	    (rc = list_window(r, q, fn, ctx)) <= 0)
		return rc;
	want_filters(&r->list, &r->list_qf, filters_of(q));
	if (r->list == NULL) {
		dstr_addf(&sql, "SELECT %s FROM articles a JOIN feeds f"
		    " ON f.id = a.feed_id", article_cols);
		add_where(r, &sql, 1, r->list_qf);
		dstr_adds(&sql, " ORDER BY a.sort_date DESC, a.id DESC"
		    " LIMIT ?3 OFFSET ?4");
	}
	s = prepare(r, &r->list, sql.buf);
	dstr_release(&sql);
	if (s == NULL)
		return -1;
	bind_query(s, q);
	sqlite3_bind_int64(s, P_LIMIT, q && q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(s, P_OFFSET, q ? q->offset : 0);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = give_row(s, fn, ctx);
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return beats_sqlerr(r->st, "listing a rule's articles");
	return 0;
}

int
rule_count(struct rule *r, const struct store_query *q, int64_t *unread,
    int64_t *total)
{
	struct dstr sql = DSTR_INIT;
	sqlite3_stmt *s;
	int rc;

	want_filters(&r->count, &r->count_qf, filters_of(q));
	if (r->count == NULL) {
		dstr_adds(&sql, "SELECT count(*), coalesce(sum(a.read = 0), 0)"
		    " FROM articles a");
		add_where(r, &sql, 1, r->count_qf);
	}
	s = prepare(r, &r->count, sql.buf);
	dstr_release(&sql);
	if (s == NULL)
		return -1;
	bind_query(s, q);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (total)
			*total = sqlite3_column_int64(s, 0);
		if (unread)
			*unread = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : beats_sqlerr(r->st, "counting");
}
