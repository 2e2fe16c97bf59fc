/* test_settings.c: the config file reader. */
#include <string.h>

#include "settings.h"
#include "tap.h"

int
main(void)
{
	struct config c;
	const struct config_directive *d;
	size_t i = 0;

	config_init(&c);
	config_parse(&c,
	    "# comment\n"
	    "browser \"firefox --new-tab\"\n"
	    "text-width 72\n"
	    "nonsense 1\n"
	    "osc52 yes\n"
	    "text-width\n"
	    "beat civil-service DOGE OR \"Office of Personnel Management\" # x\n"
	    "feed https://a.example/f interval 30\n"
	    "feed tag:general keep civil-service\n"
	    "bind-key \"unterminated\n"
	    "bind-key j down\n"
	    "bind-key k up articles\n", "cfg");
	is_str(config_str(&c, "browser", NULL), "firefox --new-tab",
	    "quoted words are one argument");
	is_int(config_int(&c, "text-width", 0), 72, "integer");
	is_int(config_int(&c, "missing", 5), 5, "default for a missing key");
	ok(config_bool(&c, "osc52", 0), "yes is true");
	is_int(c.nerrors, 3, "three mistakes recorded");
	if (c.nerrors == 3) {
		is_str(c.errors[0], "cfg:4: unknown directive 'nonsense'",
		    "unknown directive, with its line");
		is_str(c.errors[1], "cfg:6: wrong number of arguments for "
		    "'text-width'", "wrong argument count");
		is_str(c.errors[2], "cfg:10: unterminated quote",
		    "unterminated quote");
	}
	d = config_find(&c, "beat");
	ok(d != NULL, "beat found");
	if (d) {
		is_str(d->argv[0], "civil-service", "beat name");
		is_str(d->raw, "civil-service DOGE OR \"Office of Personnel "
		    "Management\"", "raw keeps quotes and drops the comment");
	}
	is_str(config_feed_str(&c, "https://a.example/f", "", "interval",
	    "60"), "30", "per-feed setting by URL");
	is_str(config_feed_str(&c, "https://b.example/f", "x,general",
	    "keep", NULL), "civil-service", "per-feed setting by tag");
	is_str(config_feed_str(&c, "https://b.example/f", "generalist",
	    "keep", NULL), NULL, "a tag is matched whole");
	d = config_next(&c, "bind-key", &i);
	ok(d && strcmp(d->argv[0], "j") == 0, "iterate: first bind-key");
	d = config_next(&c, "bind-key", &i);
	ok(d && d->argc == 3 && strcmp(d->argv[2], "articles") == 0,
	    "iterate: second, with a view");
	ok(config_next(&c, "bind-key", &i) == NULL, "iterate: end");
	config_release(&c);
	config_init(&c);
	ok(config_load(&c, "/nonexistent/dossier/config") == 0,
	    "a missing file is fine");
	is_int(c.ndir, 0, "and empty");
	config_release(&c);
	return done_testing();
}
