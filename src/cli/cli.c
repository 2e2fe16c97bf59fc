/* cli.c: what the commands share: messages, arguments, safe output. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cli.h"
#include "dstr.h"
#include "ingest.h"
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

int
cli_ingest_file(struct cli *cli, int64_t feed_id, const char *feed_url,
    const char *path, struct ingest_stats *stats)
{
	struct ingest *in;
	char buf[65536];
	size_t n, i;
	FILE *fp;
	int rc = 0;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return cli_error("%s: %s", path, strerror(errno));
	in = ingest_new(cli->st, feed_id, feed_url, cli->cfg);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (ingest_push(in, buf, n) != 0)
			break;
	if (ferror(fp)) {
		rc = cli_error("%s: read error: %s", path, strerror(errno));
		ingest_abort(in);
	}
	if (fp != stdin)
		fclose(fp);
	if (ingest_finish(in) != 0 && rc == 0)
		rc = cli_error("%s: %s", path, ingest_errmsg(in));
	for (i = 0; i < ingest_nwarnings(in); i++)
		cli_error("%s: warning: %s", path, ingest_warning(in, i));
	if (rc && ingest_nalternates(in) > 0)
		for (i = 0; i < ingest_nalternates(in); i++)
			cli_error("%s: advertises the feed %s", path,
			    ingest_alternate(in, i));
	if (stats)
		*stats = *ingest_stats(in);
	ingest_free(in);
	return rc;
}

/* http or https, parsable, no controls or blanks: 0; else -1 and why. */
int
cli_check_feed_url(const char *url, const char **why)
{
	CURLU *u;
	char *scheme = NULL;
	size_t i, n, len = strlen(url);
	uint32_t cp;
	int rc = -1;

	/* C1 and bidi controls too, not just the bytes below 0x20 */
	for (i = 0; i < len; i += n) {
		n = utf8_decode(url + i, len - i, &cp);
		if (cp <= 0x20 || utf8_is_unsafe(cp)) {
			*why = "contains a control character or a blank";
			return -1;
		}
	}
	if (!utf8_valid(url, len)) {
		*why = "is not valid UTF-8";
		return -1;
	}
	u = curl_url();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		*why = "is not a valid URL (local files go through "
		    "'dossier ingest')";
	else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		*why = "is not an http or https URL";
	else
		rc = 0;
	curl_free(scheme);
	curl_url_cleanup(u);
	return rc;
}
