/*
 * opener.c: run the browser on one URL, as one argv element, with no
 * shell in between; see opener.h.
 *
 * Whether execvp() worked is learnt through a close-on-exec pipe: the
 * child writes its errno there when exec fails, and the pipe closes
 * without a byte when it succeeds.  Detached, the browser is a grandchild
 * in a new session, so that no zombie is left and the terminal's signals
 * don't reach it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dstr.h"
#include "opener.h"
#include "utf8.h"
#include "xalloc.h"

int
opener_check_url(const char *url, const char **why)
{
	const unsigned char *p;

	if (url == NULL || *url == '\0') {
		*why = "there is no link";
		return -1;
	}
	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0) {
		*why = "not an http or https URL";
		return -1;
	}
	for (p = (const unsigned char *)url; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*why = "the URL holds a control character";
			return -1;
		}
		if (*p == ' ') {
			*why = "the URL holds a blank";
			return -1;
		}
		/* C1 controls (U+0080..U+009F) are C2 80..C2 9F in UTF-8 */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			*why = "the URL holds a control character";
			return -1;
		}
	}
	if (!utf8_valid(url, strlen(url))) {
		*why = "the URL is not valid UTF-8";
		return -1;
	}
	if (url[strncasecmp(url, "https", 5) == 0 ? 8 : 7] == '\0') {
		*why = "the URL has no host";
		return -1;
	}
	return 0;
}

char **
opener_split(const char *cmd, size_t *argcp)
{
	char **argv = NULL;
	size_t argc = 0, n;
	const char *p = cmd ? cmd : "";

	argv = xreallocarray(NULL, 2, sizeof(char *));
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \t");
		/* room for this word, the URL and the NULL */
		argv = xreallocarray(argv, argc + 3, sizeof(char *));
		argv[argc++] = xstrndup(p, n);
		p += n;
	}
	argv[argc] = NULL;
	*argcp = argc;
	return argv;
}

void
opener_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t")] == '\0';
}

const char *
opener_command(const struct opener *o)
{
	if (!blank(o->browser))
		return o->browser;
	if (!blank(o->env_browser))
		return o->env_browser;
	return "xdg-open";
}

static void
say_url(struct dstr *err, const char *url)
{
	size_t n = url ? strlen(url) : 0;

	/* a long URL is cut: the message is one line */
	utf8_sanitize(err, url ? url : "", n > 200 ? 200 : n, SAN_ONE_LINE);
	if (n > 200)
		dstr_adds(err, "...");
}

/* In the child: set up and exec, or report errno on fd and exit. */
static void
child_exec(char **argv, int fd, int detach)
{
	int null, e;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (detach && (null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	execvp(argv[0], argv);
	e = errno;
	(void)!write(fd, &e, sizeof(e));
	_exit(127);
}

enum opener_status
opener_open(const struct opener *o, const char *url, struct dstr *err)
{
	const char *cmd, *why;
	char **argv;
	size_t argc;
	pid_t pid, gpid;
	int pfd[2], e = 0, status, fallback;
	ssize_t r;

	if (opener_check_url(url, &why) != 0) {
		dstr_adds(err, "refusing to open '");
		say_url(err, url);
		dstr_addf(err, "': %s", why);
		return OPENER_REFUSED;
	}
	cmd = opener_command(o);
	fallback = blank(o->browser) && blank(o->env_browser);
	argv = opener_split(cmd, &argc);
	argv[argc++] = xstrdup(url);
	argv[argc] = NULL;
	if (pipe(pfd) != 0) {
		dstr_addf(err, "cannot start the browser: %s", strerror(errno));
		opener_argv_free(argv);
		return OPENER_FAILED;
	}
	fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) == -1) {
		dstr_addf(err, "cannot start the browser: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		opener_argv_free(argv);
		return OPENER_FAILED;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (o->flags & OPENER_DETACH) {
			setsid();
			if ((gpid = fork()) == -1) {
				e = errno;
				(void)!write(pfd[1], &e, sizeof(e));
				_exit(127);
			}
			if (gpid > 0)
				_exit(0);
		}
		child_exec(argv, pfd[1], o->flags & OPENER_DETACH);
	}
	close(pfd[1]);
	/* EOF: exec worked; else the errno of the failure */
	do
		r = read(pfd[0], &e, sizeof(e));
	while (r == -1 && errno == EINTR);
	close(pfd[0]);
	/* detached: the intermediate child, gone at once; else the browser */
	status = 0;
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (r == (ssize_t)sizeof(e)) {
		if (fallback && (e == ENOENT || e == EACCES)) {
			dstr_adds(err, "no browser: set `browser` in the "
			    "config or $BROWSER; the link is ");
			say_url(err, url);
			opener_argv_free(argv);
			return OPENER_NO_BROWSER;
		}
		dstr_adds(err, "cannot run '");
		utf8_sanitize(err, argv[0], strlen(argv[0]), SAN_ONE_LINE);
		dstr_addf(err, "': %s", strerror(e));
		opener_argv_free(argv);
		return OPENER_FAILED;
	}
	if (!(o->flags & OPENER_DETACH) &&
	    (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		dstr_adds(err, "'");
		utf8_sanitize(err, argv[0], strlen(argv[0]), SAN_ONE_LINE);
		if (WIFEXITED(status))
			dstr_addf(err, "' exited with status %d",
			    WEXITSTATUS(status));
		else
			dstr_addf(err, "' was killed by signal %d",
			    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		opener_argv_free(argv);
		return OPENER_FAILED;
	}
	opener_argv_free(argv);
	return OPENER_OK;
}
