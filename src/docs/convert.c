/*
 * convert.c: a document's bytes to the HTML the archive keeps.
 *
 * HTML goes through extract.c (its main content).  Plain text and the
 * text that pdftotext gets out of a PDF become paragraphs: blank lines
 * separate them, and inside one a line much shorter than its neighbours
 * ends with a line break (a heading, an address, a signature) while the
 * others are joined, as hard-wrapped prose was meant to be read.  Markdown
 * is kept as text ("**bold**" stays as written) in its block structure:
 * headings, paragraphs, lists, block quotes, code blocks and rules.  All
 * of it is built as a libxml2 tree and serialised by libxml2.
 *
 * pdftotext (poppler-utils) runs as a child process with an argv, no
 * shell, with the PDF on its standard input, within a time and size
 * limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "docs.h"
#include "docs_int.h"
#include "dstr.h"
#include "extract.h"
#include "feed.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

#define PDF_TIMEOUT	60			/* seconds */
#define PDF_MAX_TEXT	(64u * 1024 * 1024)	/* bytes of text */
#define TITLE_MAX	200			/* characters of a made-up title */

static const char *const type_names[] = {
	[DOCS_AUTO] = "auto", [DOCS_HTML] = "html", [DOCS_TEXT] = "text",
	[DOCS_MARKDOWN] = "markdown", [DOCS_PDF] = "pdf",
};

const char *
docs_type_name(enum docs_type t)
{
	if ((size_t)t >= sizeof(type_names) / sizeof(type_names[0]))
		return "?";
	return type_names[t];
}

int
docs_type_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcasecmp(s, type_names[i]) == 0)
			return (int)i;
	if (strcasecmp(s, "md") == 0)
		return DOCS_MARKDOWN;
	if (strcasecmp(s, "txt") == 0 || strcasecmp(s, "plain") == 0)
		return DOCS_TEXT;
	return -1;
}

void
docs_converted_release(struct docs_converted *cv)
{
	free(cv->html);
	free(cv->title);
	free(cv->byline);
	free(cv->canonical);
	memset(cv, 0, sizeof(*cv));
	cv->published = DATE_NONE;
}

/* The extension of the last path segment of a file name or URL. */
static const char *
extension(const char *name, char *buf, size_t size)
{
	const char *end, *slash, *dot;
	size_t n;

	buf[0] = '\0';
	if (name == NULL)
		return buf;
	end = name + strcspn(name, "?#");
	for (slash = end; slash > name && slash[-1] != '/'; slash--)
		;
	for (dot = end; dot > slash && dot[-1] != '.'; dot--)
		;
	if (dot == slash)
		return buf;
	n = (size_t)(end - dot);
	if (n >= size)
		return buf;
	memcpy(buf, dot, n);
	buf[n] = '\0';
	return buf;
}

static int
by_extension(const char *name)
{
	static const struct {
		const char *ext;
		int type;
	} exts[] = {
		{ "htm", DOCS_HTML }, { "html", DOCS_HTML },
		{ "shtml", DOCS_HTML }, { "xhtml", DOCS_HTML },
		{ "markdown", DOCS_MARKDOWN }, { "md", DOCS_MARKDOWN },
		{ "mdown", DOCS_MARKDOWN }, { "mkd", DOCS_MARKDOWN },
		{ "pdf", DOCS_PDF }, { "text", DOCS_TEXT }, { "txt", DOCS_TEXT },
	};
	char ext[16];
	size_t i;

	extension(name, ext, sizeof(ext));
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(ext, exts[i].ext) == 0)
			return exts[i].type;
	return DOCS_AUTO;
}

static int
by_content_type(const char *ct)
{
	size_t n;

	if (ct == NULL)
		return DOCS_AUTO;
	n = strcspn(ct, "; \t");
	if ((n == 9 && strncasecmp(ct, "text/html", n) == 0) ||
	    (n == 21 && strncasecmp(ct, "application/xhtml+xml", n) == 0))
		return DOCS_HTML;
	if (n == 15 && strncasecmp(ct, "application/pdf", n) == 0)
		return DOCS_PDF;
	if ((n == 13 && strncasecmp(ct, "text/markdown", n) == 0) ||
	    (n == 15 && strncasecmp(ct, "text/x-markdown", n) == 0))
		return DOCS_MARKDOWN;
	if (n == 10 && strncasecmp(ct, "text/plain", n) == 0)
		return DOCS_TEXT;
	return DOCS_AUTO;
}

static int
by_content(const char *data, size_t len)
{
	static const char *const tags[] = {
		"<!doctype html", "<html", "<head", "<body", "<article",
		"<div", "<p>", "<p ", "<h1", "<title", "<meta", "<!--",
		"<?xml",
	};
	size_t i = 0, k;

	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return DOCS_PDF;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\r' || data[i] == '\n'))
		i++;
	for (k = 0; k < sizeof(tags) / sizeof(tags[0]); k++)
		if (len - i >= strlen(tags[k]) &&
		    strncasecmp(data + i, tags[k], strlen(tags[k])) == 0)
			return DOCS_HTML;
	return DOCS_TEXT;
}

enum docs_type
docs_detect_type(const char *data, size_t len, const char *name,
    const char *content_type)
{
	int t;

	if ((t = by_content_type(content_type)) == DOCS_TEXT &&
	    by_extension(name) == DOCS_MARKDOWN)
		t = DOCS_MARKDOWN;
	if (t == DOCS_AUTO)
		t = by_extension(name);
	if (t == DOCS_AUTO)
		t = by_content(data, len);
	/* a server that calls a PDF text/html is still sending a PDF */
	if (t != DOCS_PDF && len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		t = DOCS_PDF;
	return (enum docs_type)t;
}

/* Binary data is not text: NUL bytes, or many control characters. */
static int
looks_binary(const char *s, size_t len)
{
	size_t i, ctl = 0, n = len < 8192 ? len : 8192;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0')
			return 1;
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
			ctl++;
	}
	return n > 0 && ctl * 20 > n;
}

/*
 * Text as UTF-8 without a BOM, CRs or controls (but \n, \t, \f): invalid
 * UTF-8 is read as windows-1252, the usual suspect.
 */
static void
text_utf8(struct dstr *out, const char *s, size_t len)
{
	struct dstr tmp = DSTR_INIT;
	iconv_t cd;
	char *in, *o;
	size_t inleft, oleft, i;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (!utf8_valid(s, len) &&
	    (cd = iconv_open("UTF-8", "WINDOWS-1252")) != (iconv_t)-1) {
		dstr_grow(&tmp, len * 3 + 1);
		in = (char *)s;
		inleft = len;
		o = tmp.buf;
		oleft = tmp.cap - 1;
		while (inleft > 0 &&
		    iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
			if (errno != EILSEQ && errno != EINVAL)
				break;
			in++;		/* undefined in 1252: skip it */
			inleft--;
		}
		iconv_close(cd);
		tmp.len = (size_t)(o - tmp.buf);
		tmp.buf[tmp.len] = '\0';
		s = tmp.buf;
		len = tmp.len;
	}
	for (i = 0; i < len; i++)
		if (s[i] == '\f') {		/* a page break is a break */
			utf8_sanitize(out, s, i, SAN_KEEP_NEWLINES);
			dstr_adds(out, "\n\n");
			s += i + 1;
			len -= i + 1;
			i = (size_t)-1;
		}
	utf8_sanitize(out, s, len, SAN_KEEP_NEWLINES);
	/* CRLF and CR line ends were removed by the sanitiser only as
	 * controls; lines are separated by \n from here on */
	dstr_release(&tmp);
}

/* Split text into lines (no \n); the caller frees the array only. */
static char **
split_lines(char *text, size_t *np)
{
	char **v = NULL, *p, *nl;
	size_t n = 0;

	for (p = text; p != NULL; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = p;
	}
	*np = n;
	return v;
}

static int
blank_line(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

static size_t
width_of(const char *s)
{
	return utf8_width(s, strlen(s));
}

static xmlNode *
add_elem(xmlNode *parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

/* Append text to an element (libxml2 escapes it when serialising). */
static void
add_text(xmlNode *el, const char *s, size_t n)
{
	xmlNodeAddContentLen(el, (const xmlChar *)s, (int)n);
}

static const char *
trimmed(const char *s, size_t *n)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

/*
 * One paragraph of text (lines[0..n)): a line much shorter than the
 * longest one ends with <br>, the others are joined with a space.
 */
static void
text_paragraph(xmlNode *root, char **lines, size_t n)
{
	xmlNode *p = add_elem(root, "p");
	size_t i, w, max = 0, len;
	const char *s;

	for (i = 0; i < n; i++)
		if ((w = width_of(lines[i])) > max)
			max = w;
	for (i = 0; i < n; i++) {
		s = trimmed(lines[i], &len);
		add_text(p, s, len);
		if (i + 1 == n)
			break;
		if (width_of(lines[i]) * 10 < max * 6)
			add_elem(p, "br");
		else
			add_text(p, " ", 1);
	}
}

static void
text_to_html(xmlNode *root, char *text)
{
	char **lines;
	size_t n, i, start;

	lines = split_lines(text, &n);
	for (i = 0; i < n;) {
		while (i < n && blank_line(lines[i]))
			i++;
		start = i;
		while (i < n && !blank_line(lines[i]))
			i++;
		if (i > start)
			text_paragraph(root, lines + start, i - start);
	}
	free(lines);
}

/* Markdown, kept as text in its block structure. */
static int
md_heading(const char *s)
{
	int level = 0;

	while (s[level] == '#')
		level++;
	if (level < 1 || level > 6 || (s[level] != ' ' && s[level] != '\t' &&
	    s[level] != '\0'))
		return 0;
	return level;
}

static int
md_rule(const char *s)
{
	char c = 0;
	int k = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (*s != '-' && *s != '*' && *s != '_')
			return 0;
		if (c && *s != c)
			return 0;
		c = *s;
		k++;
	}
	return k >= 3;
}

/* "- ", "* ", "+ " (1) or "12. ", "3) " (2); *body: the item's text. */
static int
md_item(const char *s, const char **body)
{
	const char *p = s + strspn(s, " ");

	if ((p[0] == '-' || p[0] == '*' || p[0] == '+') &&
	    (p[1] == ' ' || p[1] == '\t')) {
		*body = p + 2;
		return 1;
	}
	if (p[0] >= '0' && p[0] <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if ((*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t')) {
			*body = p + 2;
			return 2;
		}
	}
	return 0;
}

static int
md_fence(const char *s)
{
	const char *p = s + strspn(s, " ");

	return strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0;
}

static int
md_setext(const char *s)
{
	const char *p = s + strspn(s, " ");
	char c = *p;

	if (c != '=' && c != '-')
		return 0;
	while (*p == c)
		p++;
	p += strspn(p, " \t");
	return *p == '\0' ? (c == '=' ? 1 : 2) : 0;
}

static int
md_special(const char *s)
{
	const char *b;

	return blank_line(s) || md_heading(s + strspn(s, " ")) ||
	    md_fence(s) || s[strspn(s, " ")] == '>' || md_item(s, &b) ||
	    md_rule(s);
}

static void
md_inline(xmlNode *el, char **lines, size_t n)
{
	size_t i, len;
	const char *s;

	for (i = 0; i < n; i++) {
		s = trimmed(lines[i], &len);
		add_text(el, s, len);
		if (i + 1 == n)
			break;
		/* two trailing blanks: a hard line break */
		if (strlen(lines[i]) >= 2 &&
		    strcmp(lines[i] + strlen(lines[i]) - 2, "  ") == 0)
			add_elem(el, "br");
		else
			add_text(el, " ", 1);
	}
}

/* Paragraphs separated by blank lines, each joined as Markdown does. */
static void
md_paragraphs(xmlNode *parent, char **lines, size_t n)
{
	size_t i, start;

	for (i = 0; i < n;) {
		while (i < n && blank_line(lines[i]))
			i++;
		start = i;
		while (i < n && !blank_line(lines[i]))
			i++;
		if (i > start)
			md_inline(add_elem(parent, "p"), lines + start,
			    i - start);
	}
}

static char *
markdown_to_html(xmlNode *root, char *text)
{
	char **lines, *title = NULL;
	const char *b, *s;
	xmlNode *list = NULL, *el, *pre;
	size_t n, i, start, len;
	int level, kind, listkind = 0;

	lines = split_lines(text, &n);
	for (i = 0; i < n;) {
		s = lines[i];
		if (blank_line(s)) {
			i++;
			continue;
		}
		if (md_fence(s)) {
			pre = add_elem(root, "pre");
			for (i++; i < n && !md_fence(lines[i]); i++) {
				add_text(pre, lines[i], strlen(lines[i]));
				add_text(pre, "\n", 1);
			}
			i++;
			list = NULL;
			continue;
		}
		if (strncmp(s, "    ", 4) == 0 || s[0] == '\t') {
			pre = add_elem(root, "pre");
			for (; i < n && (strncmp(lines[i], "    ", 4) == 0 ||
			    lines[i][0] == '\t' || (blank_line(lines[i]) &&
			    i + 1 < n && strncmp(lines[i + 1], "    ", 4) == 0));
			    i++) {
				b = lines[i][0] == '\t' ? lines[i] + 1 :
				    strlen(lines[i]) >= 4 ? lines[i] + 4 : "";
				add_text(pre, b, strlen(b));
				add_text(pre, "\n", 1);
			}
			list = NULL;
			continue;
		}
		s = lines[i] + strspn(lines[i], " ");
		if ((level = md_heading(s)) > 0) {
			char tag[3] = { 'h', (char)('0' + level), '\0' };

			b = trimmed(s + level, &len);
			while (len && b[len - 1] == '#')	/* closing #s */
				len--;
			while (len && b[len - 1] == ' ')
				len--;
			el = add_elem(root, tag);
			add_text(el, b, len);
			if (title == NULL && len)
				title = xstrndup(b, len);
			i++;
			list = NULL;
			continue;
		}
		if (md_rule(s) && !md_item(s, &b)) {
			add_elem(root, "hr");
			i++;
			list = NULL;
			continue;
		}
		if (*s == '>') {
			el = add_elem(root, "blockquote");
			start = i;
			for (; i < n && lines[i][strspn(lines[i], " ")] == '>';
			    i++) {
				b = lines[i] + strspn(lines[i], " ") + 1;
				if (*b == ' ')
					b++;
				memmove(lines[i], b, strlen(b) + 1);
			}
			md_paragraphs(el, lines + start, i - start);
			list = NULL;
			continue;
		}
		if ((kind = md_item(s, &b)) != 0) {
			if (list == NULL || kind != listkind) {
				list = add_elem(root, kind == 1 ? "ul" : "ol");
				listkind = kind;
			}
			el = add_elem(list, "li");
			memmove(lines[i], b, strlen(b) + 1);
			start = i++;
			/* continuation lines: indented, not a new item */
			while (i < n && !blank_line(lines[i]) &&
			    !md_item(lines[i], &b) && (lines[i][0] == ' ' ||
			    !md_special(lines[i])))
				i++;
			md_inline(el, lines + start, i - start);
			continue;
		}
		/* a paragraph, or a setext heading */
		start = i++;
		while (i < n && !md_special(lines[i]) && !md_setext(lines[i]))
			i++;
		if (i < n && md_setext(lines[i]) && i > start) {
			char tag[3] = { 'h', (char)('0' + md_setext(lines[i])),
			    '\0' };

			if (i - 1 > start) {
				el = add_elem(root, "p");
				md_inline(el, lines + start, i - 1 - start);
			}
			el = add_elem(root, tag);
			b = trimmed(lines[i - 1], &len);
			add_text(el, b, len);
			if (title == NULL && len)
				title = xstrndup(b, len);
			i++;
		} else {
			el = add_elem(root, "p");
			md_inline(el, lines + start, i - start);
		}
		list = NULL;
	}
	free(lines);
	return title;
}

/* The first line with text, cut to TITLE_MAX characters. */
static char *
first_line_title(const char *text)
{
	const char *p = text, *e;
	size_t n, chars = 0, i;

	for (;;) {
		p += strspn(p, " \t\n");
		if (*p == '\0')
			return NULL;
		e = p + strcspn(p, "\n");
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > p)
			break;
		p = e;
	}
	n = (size_t)(e - p);
	/* Markdown heading marks are not part of a title */
	while (n && *p == '#') {
		p++;
		n--;
	}
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80 && ++chars > TITLE_MAX)
			break;
	return n ? xstrndup(p, i) : NULL;
}

/* Build the HTML of text or Markdown; the title found in it. */
static char *
build_text(struct dstr *html, char *text, int markdown)
{
	xmlDoc *doc = dhtml_new_doc();
	xmlNode *root;
	char *title = NULL;

	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
	xmlDocSetRootElement(doc, root);
	if (markdown)
		title = markdown_to_html(root, text);
	else
		text_to_html(root, text);
	dhtml_dump_children(html, doc, root);
	xmlFreeDoc(doc);
	return title;
}

/*
 * Run argv (no shell) with in on its standard input; its standard output
 * into out, at most max bytes.  0 when it exited with 0; 1 when the
 * program is not installed; -1 otherwise (msg says why).
 */
static int
run_filter(char *const argv[], const char *in, size_t inlen,
    struct dstr *out, size_t max, int timeout, struct dstr *msg)
{
	int pin[2] = { -1, -1 }, pout[2] = { -1, -1 }, perr[2] = { -1, -1 };
	int pexec[2] = { -1, -1 }, status = 0, rc = -1, child_errno, i;
	struct dstr err = DSTR_INIT;
	struct pollfd pfd[3];
	struct timespec zero = { 0, 0 };
	sigset_t pipeset, oldset;
	char buf[65536];
	size_t off = 0, nfd;
	ssize_t r;
	time_t deadline;
	pid_t pid;

	if (pipe(pin) != 0 || pipe(pout) != 0 || pipe(perr) != 0 ||
	    pipe(pexec) != 0) {
		dstr_addf(msg, "cannot run %s: %s", argv[0], strerror(errno));
		goto close;
	}
	for (i = 0; i < 2; i++) {
		fcntl(pin[i], F_SETFD, FD_CLOEXEC);
		fcntl(pout[i], F_SETFD, FD_CLOEXEC);
		fcntl(perr[i], F_SETFD, FD_CLOEXEC);
		fcntl(pexec[i], F_SETFD, FD_CLOEXEC);
	}
	/* a child that exits early must not kill us with SIGPIPE */
	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipeset, &oldset);
	if ((pid = fork()) == -1) {
		dstr_addf(msg, "cannot run %s: %s", argv[0], strerror(errno));
		sigprocmask(SIG_SETMASK, &oldset, NULL);
		goto close;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &oldset, NULL);
		if (dup2(pin[0], 0) == -1 || dup2(pout[1], 1) == -1 ||
		    dup2(perr[1], 2) == -1)
			_exit(127);
		execvp(argv[0], argv);
		child_errno = errno;
		r = write(pexec[1], &child_errno, sizeof(child_errno));
		(void)r;
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pexec[1]);
	pin[0] = pout[1] = perr[1] = pexec[1] = -1;
	do
		r = read(pexec[0], &child_errno, sizeof(child_errno));
	while (r == -1 && errno == EINTR);
	if (r == (ssize_t)sizeof(child_errno)) {
		waitpid(pid, &status, 0);
		if (child_errno == ENOENT) {
			rc = 1;
			dstr_addf(msg, "%s is not installed", argv[0]);
		} else
			dstr_addf(msg, "cannot run %s: %s", argv[0],
			    strerror(child_errno));
		goto restore;
	}
	fcntl(pin[1], F_SETFL, O_NONBLOCK);
	fcntl(pout[0], F_SETFL, O_NONBLOCK);
	fcntl(perr[0], F_SETFL, O_NONBLOCK);
	if (in == NULL || inlen == 0) {
		close(pin[1]);
		pin[1] = -1;
	}
	deadline = time(NULL) + timeout;
	while (pout[0] != -1 || perr[0] != -1) {
		nfd = 0;
		pfd[nfd].fd = pout[0];
		pfd[nfd++].events = POLLIN;
		pfd[nfd].fd = perr[0];
		pfd[nfd++].events = POLLIN;
		pfd[nfd].fd = pin[1];
		pfd[nfd++].events = POLLOUT;
		if (time(NULL) >= deadline) {
			dstr_addf(msg, "%s took longer than %d seconds",
			    argv[0], timeout);
			break;
		}
		if (poll(pfd, nfd, 1000) == -1 && errno != EINTR) {
			dstr_addf(msg, "%s: %s", argv[0], strerror(errno));
			break;
		}
		if (pin[1] != -1 && (pfd[2].revents & (POLLOUT | POLLERR |
		    POLLHUP))) {
			r = write(pin[1], in + off, inlen - off < 65536 ?
			    inlen - off : 65536);
			if (r > 0)
				off += (size_t)r;
			if ((r == -1 && errno != EAGAIN && errno != EINTR) ||
			    off == inlen) {
				close(pin[1]);
				pin[1] = -1;
			}
		}
		if (pout[0] != -1 && (pfd[0].revents & (POLLIN | POLLHUP |
		    POLLERR))) {
			r = read(pout[0], buf, sizeof(buf));
			if (r > 0)
				dstr_add(out, buf, (size_t)r);
			else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(pout[0]);
				pout[0] = -1;
			}
			if (out->len > max) {
				dstr_addf(msg, "%s gave more than %zu MiB of "
				    "text", argv[0], max >> 20);
				break;
			}
		}
		if (perr[0] != -1 && (pfd[1].revents & (POLLIN | POLLHUP |
		    POLLERR))) {
			r = read(perr[0], buf, sizeof(buf));
			if (r > 0 && err.len < 4096)
				dstr_add(&err, buf, (size_t)r);
			else if (r == 0 || (r == -1 && errno != EAGAIN &&
			    errno != EINTR)) {
				close(perr[0]);
				perr[0] = -1;
			}
		}
	}
	if (msg->len) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		goto restore;
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else {
		err.buf[strcspn(err.buf, "\n")] = '\0';
		err.len = strlen(err.buf);
		if (WIFEXITED(status))
			dstr_addf(msg, "%s failed (exit status %d)%s%s",
			    argv[0], WEXITSTATUS(status), err.len ? ": " : "",
			    err.buf);
		else
			dstr_addf(msg, "%s was killed by signal %d", argv[0],
			    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
restore:
	while (sigtimedwait(&pipeset, NULL, &zero) > 0)
		;
	sigprocmask(SIG_SETMASK, &oldset, NULL);
close:
	for (i = 0; i < 2; i++) {
		if (pin[i] != -1)
			close(pin[i]);
		if (pout[i] != -1)
			close(pout[i]);
		if (perr[i] != -1)
			close(perr[i]);
		if (pexec[i] != -1)
			close(pexec[i]);
	}
	dstr_release(&err);
	return rc;
}

/* A PDF title that is only a file name says nothing. */
static int
useful_pdf_title(const char *t)
{
	static const char *const exts[] = {
		".doc", ".docx", ".pdf", ".odt", ".indd", ".rtf", ".tex",
		".dvi", ".txt",
	};
	size_t i, n = strlen(t), k;

	if (n == 0 || strncasecmp(t, "Microsoft ", 10) == 0 ||
	    strcasecmp(t, "untitled") == 0)
		return 0;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		k = strlen(exts[i]);
		if (n > k && strcasecmp(t + n - k, exts[i]) == 0)
			return 0;
	}
	return 1;
}

/* pdftotext -htmlmeta: the PDF's title and author, and its text. */
static int
pdf_to_text(struct store *st, const char *data, size_t len,
    const char *pdftotext, struct dstr *text, struct docs_converted *cv)
{
	char *argv[] = { (char *)pdftotext, (char *)"-q", (char *)"-enc",
	    (char *)"UTF-8", (char *)"-htmlmeta", (char *)"-", (char *)"-",
	    NULL };
	struct dstr out = DSTR_INIT, msg = DSTR_INIT;
	xmlDoc *doc;
	xmlNode *root, *n;
	const char *name;
	xmlChar *s;
	int rc;

	rc = run_filter(argv, data, len, &out, PDF_MAX_TEXT, PDF_TIMEOUT,
	    &msg);
	if (rc == 1) {
		store_seterr(st, "cannot read a PDF: %s is not installed "
		    "(on Debian: apt-get install poppler-utils)", pdftotext);
		goto done;
	}
	if (rc != 0) {
		store_seterr(st, "cannot read the PDF: %s", msg.buf);
		goto done;
	}
	rc = -1;
	if ((doc = dhtml_parse(out.buf, out.len, "UTF-8")) == NULL ||
	    (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		store_seterr(st, "cannot read the PDF: pdftotext gave "
		    "nothing readable");
		goto done;
	}
	for (n = root; n != NULL; n = dhtml_next(n, root, 0)) {
		if (dhtml_is(n, "title") && cv->title == NULL) {
			s = xmlNodeGetContent(n);
			if (s && useful_pdf_title((const char *)s))
				cv->title = utf8_sanitize_dup((const char *)s,
				    SAN_ONE_LINE);
			xmlFree(s);
		} else if (dhtml_is(n, "meta") &&
		    (name = dhtml_attr(n, "name")) != NULL &&
		    strcasecmp(name, "Author") == 0 && cv->byline == NULL &&
		    dhtml_attr(n, "content") && *dhtml_attr(n, "content"))
			cv->byline = utf8_sanitize_dup(dhtml_attr(n, "content"),
			    SAN_ONE_LINE);
		else if (dhtml_is(n, "pre")) {
			s = xmlNodeGetContent(n);
			if (s)
				dstr_adds(text, (const char *)s);
			xmlFree(s);
		}
	}
	xmlFreeDoc(doc);
	rc = 0;
done:
	dstr_release(&out);
	dstr_release(&msg);
	return rc;
}

/* The charset parameter of a Content-Type, into buf ("" when none). */
static const char *
charset_of(const char *ct, char *buf, size_t size)
{
	const char *p;
	size_t n;

	buf[0] = '\0';
	if (ct == NULL || (p = strcasestr(ct, "charset=")) == NULL)
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	n = strcspn(p, "\"; \t");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

int
docs_convert(struct store *st, const char *data, size_t len,
    const char *name, const char *content_type, enum docs_type type,
    const char *base_url, const char *pdftotext, struct docs_converted *cv)
{
	struct extract ex;
	struct dstr text = DSTR_INIT, raw = DSTR_INIT, html = DSTR_INIT;
	char cs[64], *title;
	int rc;

	memset(cv, 0, sizeof(*cv));
	cv->published = DATE_NONE;
	if (type == DOCS_AUTO)
		type = docs_detect_type(data, len, name, content_type);
	cv->type = type;
	if (type == DOCS_HTML) {
		rc = extract_html(&ex, data, len, base_url,
		    charset_of(content_type, cs, sizeof(cs)));
		cv->html = ex.html;
		cv->title = ex.title;
		cv->byline = ex.byline;
		cv->canonical = ex.canonical;
		cv->published = ex.published;
		free(ex.site_name);
		if (rc < 0)
			store_seterr(st, "cannot parse the HTML");
		else if (rc > 0)
			store_seterr(st, "the page has no readable text");
		return rc;
	}
	if (type == DOCS_PDF) {
		if (pdf_to_text(st, data, len, pdftotext ? pdftotext :
		    "pdftotext", &raw, cv) != 0)
			return -1;
	} else {
		if (looks_binary(data, len)) {
			store_seterr(st, "binary data, not a text document "
			    "(say --type if it is one)");
			return -1;
		}
		dstr_add(&raw, data, len);
	}
	text_utf8(&text, raw.buf, raw.len);
	dstr_release(&raw);
	if (text.buf[strspn(text.buf, " \t\n")] == '\0') {
		dstr_release(&text);
		cv->html = xstrdup("");
		store_seterr(st, type == DOCS_PDF ? "the PDF has no text "
		    "(a scan? dossier does not do OCR)" :
		    "the document is empty");
		return 1;
	}
	if (cv->title == NULL)
		cv->title = first_line_title(text.buf);
	title = build_text(&html, text.buf, type == DOCS_MARKDOWN);
	if (title != NULL && type == DOCS_MARKDOWN) {
		free(cv->title);
		cv->title = utf8_sanitize_dup(title, SAN_ONE_LINE);
	}
	free(title);
	cv->html = dstr_detach(&html, NULL);
	dstr_release(&text);
	return 0;
}
