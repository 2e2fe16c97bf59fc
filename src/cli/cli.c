/* cli.c: what the commands share: messages, arguments, safe output. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dstr.h"
#include "utf8.h"

static const char *cmdname = NULL;

void
cli_set_command(const char *name)
{
	cmdname = name;
}

static void
vmessage(const char *fmt, va_list ap)
{
	struct dstr raw = DSTR_INIT, out = DSTR_INIT;

	dstr_vaddf(&raw, fmt, ap);
	/* messages quote feed data and server replies: sanitise them */
	utf8_sanitize(&out, raw.buf, raw.len, SAN_ONE_LINE);
	if (cmdname)
		fprintf(stderr, "dossier: %s: %s\n", cmdname, out.buf);
	else
		fprintf(stderr, "dossier: %s\n", out.buf);
	dstr_release(&raw);
	dstr_release(&out);
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return 1;
}

int
cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vmessage(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "usage: dossier %s %s\n", cmd->name, cmd->usage);
	return 2;
}

int
cli_want_help(const struct command *cmd, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: dossier %s %s\n%s\n", cmd->name,
			    cmd->usage, cmd->summary);
			return 1;
		}
	}
	return 0;
}

int
cli_parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return -1;
	*out = v;
	return 0;
}

void
cli_puts_safe(const char *s)
{
	struct dstr d = DSTR_INIT;

	if (s == NULL)
		return;
	utf8_sanitize(&d, s, strlen(s), SAN_KEEP_NEWLINES);
	fwrite(d.buf, 1, d.len, stdout);
	dstr_release(&d);
}
