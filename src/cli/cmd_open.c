/*
 * cmd_open.c: dossier open ID [N]: the article's link, or link N of the
 * list that `show` prints, in the browser (see opener.h).  A refused URL
 * (not http or https, control characters) exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dstr.h"
#include "opener.h"
#include "render.h"
#include "settings.h"
#include "store.h"

extern const struct command cmd_open;

static int
run(struct cli *cli, int argc, char **argv)
{
	struct store_article a;
	struct render_doc doc;
	struct opener o;
	struct dstr err = DSTR_INIT;
	const char *html, *url, *s;
	enum opener_status st;
	int64_t id, n = 0;
	int rc;

	if (argc < 2 || argc > 3 || cli_parse_int(argv[1], &id) != 0)
		return cli_usage(&cmd_open, "an article ID expected");
	if (argc == 3 && (cli_parse_int(argv[2], &n) != 0 || n < 1))
		return cli_usage(&cmd_open, "a link number (1 or more) "
		    "expected");
	rc = store_article_get(cli->st, id, &a);
	if (rc < 0)
		return cli_error("%s", store_errmsg(cli->st));
	if (rc == 1)
		return cli_error("no article %lld", (long long)id);
	memset(&doc, 0, sizeof(doc));
	url = a.url;
	if (n > 0) {
		html = a.content && *a.content ? a.content :
		    a.summary ? a.summary : "";
		render_html(&doc, html, strlen(html), a.url);
		if ((size_t)n > doc.nlinks) {
			rc = cli_error("article %lld has %zu link%s", (long long)id,
			    doc.nlinks, doc.nlinks == 1 ? "" : "s");
			goto out;
		}
		url = doc.links[n - 1].url;
	}
	o.browser = cli->cfg ? config_str(cli->cfg, "browser", NULL) : NULL;
	s = getenv("BROWSER");
	o.env_browser = s && *s ? s : NULL;
	o.flags = 0;
	st = opener_open(&o, url, &err);
	switch (st) {
	case OPENER_OK:
		rc = 0;
		break;
	case OPENER_NO_BROWSER:
		/* show the URL instead */
		fprintf(stderr, "dossier: open: %s\n", err.buf);
		cli_puts_safe(url);
		printf("\n");
		rc = 0;
		break;
	default:
		rc = cli_error("%s", err.buf);
		break;
	}
out:
	dstr_release(&err);
	render_doc_release(&doc);
	store_article_release(&a);
	return rc;
}

const struct command cmd_open = {
	"open", "ID [N]",
	"open an article's link (or its link N) in the browser",
	NEED_STORE | NEED_CONFIG, run
};
