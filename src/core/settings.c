/* settings.c: reading the config file; see settings.h. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dstr.h"
#include "settings.h"
#include "utf8.h"
#include "xalloc.h"

/* Known directives and how many arguments each takes. */
static const struct {
	const char *name;
	int	 min, max;
} known[] = {
	{ "beat",		2, 64 },	/* NAME QUERY... */
	{ "bind-key",		2, 3 },		/* KEY ACTION [VIEW] */
	{ "browser",		1, 1 },
	{ "ca-file",		1, 1 },		/* poll: CAs to trust */
	{ "color",		2, 8 },		/* ELEMENT FG [BG] [ATTR...] */
	{ "connect-timeout",	1, 1 },
	{ "feed",		3, 64 },	/* URL|tag:T KEY VALUE */
	{ "fulltext",		1, 1 },		/* poll: yes|no */
	{ "fulltext-max",	1, 1 },
	{ "group-by-tag",	1, 1 },
	{ "host-connections",	1, 1 },		/* poll: per host:port */
	{ "hyperlinks",		1, 1 },
	{ "ignore",		1, 64 },	/* [--expire DAYS] QUERY */
	{ "interval",		1, 1 },		/* poll: minutes */
	{ "jobs",		1, 1 },
	{ "low-speed-time",	1, 1 },		/* poll: seconds */
	{ "max-items",		1, 1 },		/* articles kept per feed */
	{ "max-redirects",	1, 1 },
	{ "max-size",		1, 1 },
	{ "osc52",		1, 1 },
	{ "parse-max-categories", 1, 1 },
	{ "parse-max-depth",	1, 1 },
	{ "parse-max-enclosures", 1, 1 },
	{ "parse-max-field",	1, 1 },
	{ "parse-max-items",	1, 1 },
	{ "show-read-feeds",	1, 1 },
	{ "show-read-articles",	1, 1 },
	{ "text-width",		1, 1 },
	{ "timeout",		1, 1 },
	{ "unbind-key",		1, 2 },
	{ "user-agent",		1, 1 },
};

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
}

void
config_release(struct config *c)
{
	size_t i, j;

	for (i = 0; i < c->ndir; i++) {
		free(c->dir[i].name);
		for (j = 0; j < c->dir[i].argc; j++)
			free(c->dir[i].argv[j]);
		free(c->dir[i].argv);
		free(c->dir[i].raw);
	}
	free(c->dir);
	for (i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->errors);
	free(c->path);
	config_init(c);
}

static void
add_error(struct config *c, const char *name, int line, const char *msg,
    const char *what)
{
	struct dstr d = DSTR_INIT;

	dstr_addf(&d, "%s:%d: %s", name, line, msg);
	if (what) {
		dstr_adds(&d, " '");
		utf8_sanitize(&d, what, strlen(what), SAN_ONE_LINE);
		dstr_adds(&d, "'");
	}
	c->errors = xreallocarray(c->errors, c->nerrors + 1, sizeof(char *));
	c->errors[c->nerrors++] = dstr_detach(&d, NULL);
}

/* Split a line into words; -1 on an unterminated quote. */
static int
split(const char *p, char ***argvp, size_t *argcp)
{
	struct dstr w = DSTR_INIT;
	char **argv = NULL;
	size_t argc = 0;
	int quoted;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		quoted = 0;
		dstr_reset(&w);
		while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
			if (*p == '"') {
				quoted = !quoted;
				p++;
			} else if (*p == '\\' && quoted && p[1]) {
				dstr_addc(&w, p[1]);
				p += 2;
			} else
				dstr_addc(&w, *p++);
		}
		if (quoted) {
			dstr_release(&w);
			while (argc)
				free(argv[--argc]);
			free(argv);
			return -1;
		}
		argv = xreallocarray(argv, argc + 1, sizeof(char *));
		argv[argc++] = xstrndup(w.buf, w.len);
	}
	dstr_release(&w);
	*argvp = argv;
	*argcp = argc;
	return 0;
}

/* The text after the first word, as written, up to a comment. */
static char *
raw_rest(const char *p)
{
	const char *start, *end;
	int quoted = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	start = end = p;
	for (; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted &&
		    (p == start || p[-1] == ' ' || p[-1] == '\t'))
			break;
		if (*p != ' ' && *p != '\t')
			end = p + 1;
	}
	return xstrndup(start, (size_t)(end - start));
}

static void
parse_line(struct config *c, const char *line, const char *name, int lineno)
{
	struct config_directive *d;
	char **argv;
	size_t argc, i, k;

	if (!utf8_valid(line, strlen(line))) {
		add_error(c, name, lineno, "not valid UTF-8", NULL);
		return;
	}
	if (split(line, &argv, &argc) != 0) {
		add_error(c, name, lineno, "unterminated quote", NULL);
		return;
	}
	if (argc == 0) {
		free(argv);
		return;
	}
	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
		if (strcmp(known[k].name, argv[0]) == 0)
			break;
	if (k == sizeof(known) / sizeof(known[0]))
		add_error(c, name, lineno, "unknown directive", argv[0]);
	else if ((int)argc - 1 < known[k].min || (int)argc - 1 > known[k].max)
		add_error(c, name, lineno, "wrong number of arguments for",
		    argv[0]);
	else {
		c->dir = xreallocarray(c->dir, c->ndir + 1, sizeof(*c->dir));
		d = &c->dir[c->ndir++];
		d->name = argv[0];
		d->argc = argc - 1;
		d->argv = xreallocarray(NULL, argc, sizeof(char *));
		for (i = 1; i < argc; i++)
			d->argv[i - 1] = argv[i];
		d->line = lineno;
		d->raw = raw_rest(line);
		free(argv);
		return;
	}
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

void
config_parse(struct config *c, const char *text, const char *name)
{
	const char *p = text, *nl;
	char *line;
	int lineno = 0;

	while (*p) {
		lineno++;
		nl = strchr(p, '\n');
		line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		if (*line && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		parse_line(c, line, name, lineno);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

int
config_load(struct config *c, const char *path)
{
	struct dstr d = DSTR_INIT;
	char buf[4096];
	size_t n;
	FILE *fp;

	free(c->path);
	c->path = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		add_error(c, path, 0, strerror(errno), NULL);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && d.len < (1 << 20))
		dstr_add(&d, buf, n);
	if (ferror(fp)) {
		add_error(c, path, 0, strerror(errno), NULL);
		fclose(fp);
		dstr_release(&d);
		return -1;
	}
	fclose(fp);
	if (memchr(d.buf, '\0', d.len) != NULL)
		add_error(c, path, 0, "contains NUL bytes; ignored", NULL);
	else
		config_parse(c, d.buf, path);
	dstr_release(&d);
	return 0;
}

void
config_report(const struct config *c, FILE *fp)
{
	size_t i;

	for (i = 0; i < c->nerrors; i++)
		fprintf(fp, "dossier: config: %s\n", c->errors[i]);
}

const struct config_directive *
config_next(const struct config *c, const char *name, size_t *i)
{
	for (; c && *i < c->ndir; (*i)++)
		if (strcmp(c->dir[*i].name, name) == 0)
			return &c->dir[(*i)++];
	return NULL;
}

const struct config_directive *
config_find(const struct config *c, const char *name)
{
	const struct config_directive *d, *last = NULL;
	size_t i = 0;

	while ((d = config_next(c, name, &i)) != NULL)
		if (d->argc > 0)
			last = d;
	return last;
}

const char *
config_str(const struct config *c, const char *name, const char *def)
{
	const struct config_directive *d = config_find(c, name);

	return d ? d->argv[0] : def;
}

long
config_int(const struct config *c, const char *name, long def)
{
	const char *s = config_str(c, name, NULL);
	char *end;
	long v;

	if (s == NULL)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s)
		return def;
	return v;
}

int
config_bool(const struct config *c, const char *name, int def)
{
	const char *s = config_str(c, name, NULL);

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

const char *
config_feed_str(const struct config *c, const char *url, const char *tags,
    const char *key, const char *def)
{
	const struct config_directive *d;
	const char *v = def;
	size_t i = 0;

	while ((d = config_next(c, "feed", &i)) != NULL) {
		if (strcmp(d->argv[1], key) != 0)
			continue;
		if (strncmp(d->argv[0], "tag:", 4) == 0 ?
		    has_tag(tags, d->argv[0] + 4) :
		    strcmp(d->argv[0], url) == 0)
			v = d->argv[2];
	}
	return v;
}
