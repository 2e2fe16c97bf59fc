/*
 * theme.c: the screen elements and their styles, and the config directive
 * `color ELEMENT FG [BG] [ATTR...]`.  Each element has a style for colour
 * terminals and one for terminals without colours (attributes only); a
 * `color` line sets the colours of the first and the attributes of both.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "settings.h"
#include "tui_int.h"

const char *const tui_elem_names[E_COUNT_ELEMS] = {
	[E_NORMAL]	= "normal",
	[E_TITLE]	= "title",
	[E_STATUS]	= "status",
	[E_ERROR]	= "error",
	[E_PROMPT]	= "prompt",
	[E_CURSOR]	= "cursor",
	[E_UNREAD]	= "unread",
	[E_FLAG]	= "flag",
	[E_FAILED]	= "failed",
	[E_DATE]	= "date",
	[E_OUTLET]	= "outlet",
	[E_COUNT]	= "count",
	[E_TAG]		= "tag",
	[E_GROUP]	= "group",
	[E_HEADER]	= "header",
	[E_HEADING]	= "heading",
	[E_BOLD]	= "bold",
	[E_ITALIC]	= "italic",
	[E_LINK]	= "link",
	[E_LINKNUM]	= "link-number",
	[E_QUOTE]	= "quote",
	[E_CODE]	= "code",
	[E_DECOR]	= "decoration",
	[E_URL]		= "url",
	[E_MATCH]	= "match",
	[E_SNIPPET]	= "snippet",
	[E_HIGHLIGHT]	= "highlight",
	[E_TAGGED]	= "tagged",
};

#define D TC_DEFAULT
static const struct {
	int			 elem;
	struct tui_style	 color, mono;
} defaults[] = {
	{ E_TITLE,	{ 7, 4, TA_BOLD },	{ D, D, TA_REVERSE } },
	{ E_ERROR,	{ 1, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_PROMPT,	{ 3, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_CURSOR,	{ D, D, TA_REVERSE },	{ D, D, TA_REVERSE } },
	{ E_UNREAD,	{ D, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_FLAG,	{ 3, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_FAILED,	{ 1, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_DATE,	{ 6, D, 0 },		{ D, D, 0 } },
	{ E_OUTLET,	{ 2, D, 0 },		{ D, D, 0 } },
	{ E_TAG,	{ 5, D, 0 },		{ D, D, 0 } },
	{ E_GROUP,	{ 3, D, TA_BOLD },	{ D, D, TA_BOLD | TA_UNDERLINE } },
	{ E_HEADER,	{ 2, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_HEADING,	{ 3, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_BOLD,	{ D, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_ITALIC,	{ D, D, TA_ITALIC },	{ D, D, TA_UNDERLINE } },
	{ E_LINK,	{ 6, D, TA_UNDERLINE },	{ D, D, TA_UNDERLINE } },
	{ E_LINKNUM,	{ 3, D, 0 },		{ D, D, TA_BOLD } },
	{ E_QUOTE,	{ 2, D, 0 },		{ D, D, 0 } },
	{ E_CODE,	{ 5, D, 0 },		{ D, D, 0 } },
	{ E_DECOR,	{ 4, D, TA_BOLD },	{ D, D, 0 } },
	{ E_URL,	{ 6, D, TA_UNDERLINE },	{ D, D, TA_UNDERLINE } },
	{ E_MATCH,	{ 0, 3, 0 },		{ D, D, TA_REVERSE } },
	{ E_SNIPPET,	{ 3, D, TA_BOLD },	{ D, D, TA_BOLD } },
	{ E_HIGHLIGHT,	{ 0, 5, 0 },		{ D, D, TA_STANDOUT | TA_UNDERLINE } },
	{ E_TAGGED,	{ 5, D, TA_UNDERLINE },	{ D, D, TA_UNDERLINE } },
};
#undef D

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char	*name;
	int		 attr;
} attr_names[] = {
	{ "normal", 0 }, { "none", 0 },
	{ "bold", TA_BOLD }, { "underline", TA_UNDERLINE },
	{ "reverse", TA_REVERSE }, { "standout", TA_STANDOUT },
	{ "dim", TA_DIM }, { "italic", TA_ITALIC }, { "blink", TA_BLINK },
};

void
theme_init(struct theme *t)
{
	size_t i;
	int e;

	for (e = 0; e < E_COUNT_ELEMS; e++) {
		t->color[e].fg = t->color[e].bg = TC_DEFAULT;
		t->color[e].attrs = 0;
		t->mono[e] = t->color[e];
	}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		t->color[defaults[i].elem] = defaults[i].color;
		t->mono[defaults[i].elem] = defaults[i].mono;
	}
}

int
theme_parse_color(const char *s, short *c)
{
	size_t i;
	char *end;
	long n;
	int bright = 0;

	if (strcasecmp(s, "default") == 0 || strcmp(s, "-1") == 0) {
		*c = TC_DEFAULT;
		return 0;
	}
	if (strncasecmp(s, "bright", 6) == 0) {
		bright = 8;
		s += 6;
	}
	for (i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
		if (strcasecmp(s, color_names[i]) == 0) {
			*c = (short)(i + bright);
			return 0;
		}
	if (bright)
		return -1;
	if (strncasecmp(s, "color", 5) == 0)
		s += 5;
	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	if (*end != '\0' || n < 0 || n > 255)
		return -1;
	*c = (short)n;
	return 0;
}

int
theme_parse_attr(const char *s, int *attr)
{
	size_t i;

	for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (strcasecmp(s, attr_names[i].name) == 0) {
			*attr = attr_names[i].attr;
			return 0;
		}
	return -1;
}

static int
elem_find(const char *name)
{
	int e;

	for (e = 0; e < E_COUNT_ELEMS; e++)
		if (strcmp(tui_elem_names[e], name) == 0)
			return e;
	return -1;
}

void
theme_configure(struct theme *t, const struct config *cfg, char ***errors,
    size_t *nerrors)
{
	const struct config_directive *d;
	struct tui_style st;
	size_t i, a;
	int e, attr, bad;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->ndir; i++) {
		d = &cfg->dir[i];
		if (strcmp(d->name, "color") != 0 || d->argc < 2)
			continue;
		if ((e = elem_find(d->argv[0])) < 0) {
			tui_config_error(errors, nerrors, cfg, d,
			    "color: unknown element '%s'", d->argv[0]);
			continue;
		}
		st.fg = st.bg = TC_DEFAULT;
		st.attrs = 0;
		if (theme_parse_color(d->argv[1], &st.fg) != 0) {
			tui_config_error(errors, nerrors, cfg, d,
			    "color: unknown colour '%s'", d->argv[1]);
			continue;
		}
		a = 2;
		if (d->argc > 2 && theme_parse_color(d->argv[2], &st.bg) == 0)
			a = 3;
		for (bad = 0; a < d->argc; a++) {
			if (theme_parse_attr(d->argv[a], &attr) != 0) {
				tui_config_error(errors, nerrors, cfg, d,
				    a == 2 ? "color: unknown colour or "
				    "attribute '%s'" :
				    "color: unknown attribute '%s'",
				    d->argv[a]);
				bad = 1;
				break;
			}
			st.attrs |= attr;
		}
		if (bad)
			continue;
		t->color[e] = st;
		t->mono[e].attrs = st.attrs;
	}
}

struct tui_style
theme_combine(struct tui_style seg, struct tui_style base)
{
	struct tui_style r = seg;

	if (base.fg != TC_DEFAULT)
		r.fg = base.fg;
	if (base.bg != TC_DEFAULT)
		r.bg = base.bg;
	r.attrs |= base.attrs;
	return r;
}
