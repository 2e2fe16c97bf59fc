/*
 * test_opener.c: the browser launcher.  Which URLs are handed over, how a
 * command is split (blanks only: no shell, no quotes, no expansion), and
 * that a URL full of shell syntax reaches a stub browser as exactly one
 * argument without anything being run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dstr.h"
#include "opener.h"
#include "tap.h"

static char dir[] = "/tmp/dossier-opener.XXXXXX";
static char logpath[64], stub[64], failstub[64];

static int
refused(const char *url)
{
	const char *why = NULL;

	return opener_check_url(url, &why) != 0 && why != NULL;
}

static char *
slurp(const char *path)
{
	struct dstr d = DSTR_INIT;
	char buf[512];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	fclose(fp);
	return dstr_detach(&d, NULL);
}

static void
write_stub(const char *path, const char *body)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		diag("cannot write %s: %s", path, strerror(errno));
		exit(1);
	}
	fprintf(fp, "#!/bin/sh\n%s\n", body);
	fclose(fp);
	chmod(path, 0755);
}

static void
test_check(void)
{
	ok(!refused("http://example.org/"), "http is handed over");
	ok(!refused("https://example.org/a?b=c&d=e#f"), "https too");
	ok(!refused("HTTPS://EXAMPLE.ORG/"), "in any case");
	ok(!refused("https://example.org/caf\xc3\xa9"), "UTF-8 in the path");
	ok(refused("javascript:alert(1)"), "javascript: is refused");
	ok(refused("JavaScript:alert(1)"), "in any case");
	ok(refused("data:text/html,<script>x</script>"), "data: is refused");
	ok(refused("file:///etc/passwd"), "file: is refused");
	ok(refused("ftp://example.org/"), "ftp: is refused");
	ok(refused("//example.org/"), "a relative URL is refused");
	ok(refused(""), "an empty URL is refused");
	ok(refused(NULL), "no URL is refused");
	ok(refused("https://"), "a URL without a host is refused");
	ok(refused("https://example.org/a b"), "a blank is refused");
	ok(refused("https://example.org/\x1b[2J"), "ESC is refused");
	ok(refused("https://example.org/\nx"), "a newline is refused");
	ok(refused("https://example.org/\x7f"), "DEL is refused");
	ok(refused("https://example.org/\xc2\x9b" "31m"),
	    "a C1 control is refused");
	ok(refused("https://example.org/\xff"), "invalid UTF-8 is refused");
}

static void
test_split(void)
{
	char **argv;
	size_t argc;

	argv = opener_split("firefox --new-tab", &argc);
	ok(argc == 2 && strcmp(argv[0], "firefox") == 0 &&
	    strcmp(argv[1], "--new-tab") == 0 && argv[2] == NULL,
	    "split on a blank");
	opener_argv_free(argv);
	argv = opener_split("  a\tb   c  ", &argc);
	ok(argc == 3 && strcmp(argv[2], "c") == 0, "blanks and tabs, "
	    "leading and trailing");
	opener_argv_free(argv);
	argv = opener_split("", &argc);
	ok(argc == 0 && argv[0] == NULL, "an empty command");
	opener_argv_free(argv);
	argv = opener_split("'my browser' \"x y\" $HOME `id` a;b", &argc);
	ok(argc == 7 && strcmp(argv[0], "'my") == 0 &&
	    strcmp(argv[1], "browser'") == 0 &&
	    strcmp(argv[4], "$HOME") == 0 && strcmp(argv[5], "`id`") == 0 &&
	    strcmp(argv[6], "a;b") == 0,
	    "no quotes, no expansion: words as written");
	opener_argv_free(argv);
}

static void
test_open(void)
{
	static const char hostile[] = "https://evil.example/x?a=$(touch "
	    "pwned)&b=`touch pwned2`;touch${IFS}pwned3|cat&c='\"";
	struct opener o = { NULL, NULL, 0 };
	struct dstr err = DSTR_INIT;
	struct dstr cmd = DSTR_INIT;
	char *got, *path;
	int i;

	/* the blank in the URL above would be refused: take it out */
	char url[sizeof(hostile)];
	size_t j, k;

	for (j = k = 0; hostile[j]; j++)
		if (hostile[j] != ' ')
			url[k++] = hostile[j];
	url[k] = '\0';

	o.browser = stub;
	is_int(opener_open(&o, url, &err), OPENER_OK, "the stub browser ran");
	got = slurp(logpath);
	dstr_addf(&cmd, "%s\n", url);
	is_str(got, cmd.buf, "the URL is exactly one argument, unchanged");
	free(got);
	ok(access("pwned", F_OK) != 0 && access("pwned2", F_OK) != 0 &&
	    access("pwned3", F_OK) != 0, "and nothing in it was run");
	unlink(logpath);

	dstr_reset(&cmd);
	dstr_addf(&cmd, "%s --new-tab  -x", stub);
	o.browser = cmd.buf;
	is_int(opener_open(&o, "https://example.org/", &err), OPENER_OK,
	    "a browser with arguments");
	got = slurp(logpath);
	is_str(got, "--new-tab\n-x\nhttps://example.org/\n",
	    "its arguments, then the URL");
	free(got);
	unlink(logpath);

	o.browser = "   ";
	o.env_browser = stub;
	is_int(opener_open(&o, "https://example.org/env", &err), OPENER_OK,
	    "a blank browser setting: $BROWSER");
	got = slurp(logpath);
	is_str(got, "https://example.org/env\n", "as passed in");
	free(got);
	unlink(logpath);

	o.browser = stub;
	dstr_reset(&err);
	is_int(opener_open(&o, "javascript:alert(1)", &err), OPENER_REFUSED,
	    "javascript: is refused");
	is_str(err.buf, "refusing to open 'javascript:alert(1)': not an "
	    "http or https URL", "with a clear message");
	dstr_reset(&err);
	is_int(opener_open(&o, "https://e.example/\x1b]52;c;eA==\a", &err),
	    OPENER_REFUSED, "a control character is refused");
	ok(strchr(err.buf, '\x1b') == NULL && strchr(err.buf, '\a') == NULL,
	    "and the message holds none");
	ok(access(logpath, F_OK) != 0, "the browser never ran");

	dstr_reset(&err);
	o.browser = "/nonexistent/browser --flag";
	is_int(opener_open(&o, "https://example.org/", &err), OPENER_FAILED,
	    "a browser that does not exist");
	is_str(err.buf, "cannot run '/nonexistent/browser': No such file or "
	    "directory", "says so");

	dstr_reset(&err);
	o.browser = failstub;
	is_int(opener_open(&o, "https://example.org/", &err), OPENER_FAILED,
	    "a browser that fails");
	ok(strstr(err.buf, "exited with status 3") != NULL, "says how");

	/* no browser at all: xdg-open is not on this PATH */
	dstr_reset(&err);
	o.browser = NULL;
	o.env_browser = NULL;
	path = getenv("PATH");
	path = strdup(path ? path : "/usr/bin:/bin");
	setenv("PATH", dir, 1);
	is_int(opener_open(&o, "https://example.org/", &err),
	    OPENER_NO_BROWSER, "no browser and no xdg-open");
	ok(strstr(err.buf, "https://example.org/") != NULL,
	    "the message shows the URL instead");
	setenv("PATH", path, 1);
	free(path);

	/* detached, as the reader does it: returns at once */
	o.browser = stub;
	o.flags = OPENER_DETACH;
	dstr_reset(&err);
	is_int(opener_open(&o, "https://example.org/detached", &err),
	    OPENER_OK, "detached");
	for (i = 0; i < 100 && access(logpath, F_OK) != 0; i++)
		usleep(50000);
	usleep(50000);
	got = slurp(logpath);
	is_str(got, "https://example.org/detached\n", "the browser ran");
	free(got);
	dstr_reset(&err);
	o.browser = "/nonexistent/browser";
	is_int(opener_open(&o, "https://example.org/", &err), OPENER_FAILED,
	    "detached, a missing browser is still noticed");
	dstr_release(&err);
	dstr_release(&cmd);
}

int
main(void)
{
	char body[2048];

	if (mkdtemp(dir) == NULL || chdir(dir) != 0) {
		printf("Bail out! cannot make a directory: %s\n",
		    strerror(errno));
		return 1;
	}
	snprintf(logpath, sizeof(logpath), "%s/args", dir);
	snprintf(stub, sizeof(stub), "%s/browser", dir);
	snprintf(failstub, sizeof(failstub), "%s/failing", dir);
	snprintf(body, sizeof(body),
	    "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done >%s.tmp\n"
	    "mv %s.tmp %s", logpath, logpath, logpath);
	write_stub(stub, body);
	write_stub(failstub, "exit 3");
	test_check();
	test_split();
	test_open();
	unlink(stub);
	unlink(failstub);
	unlink(logpath);
	rmdir(dir);
	return done_testing();
}
