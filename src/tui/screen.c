/*
 * screen.c: everything that talks to curses (ncursesw), and the signals.
 *
 * Lines arrive as struct tline: sanitised UTF-8 with styles.  They are
 * decoded here into wide characters for waddnwstr() (or '?' for anything
 * outside ASCII when the locale isn't UTF-8), cut at the right margin by
 * display width, and padded so that a line is always redrawn whole.
 *
 * While curses runs, stderr is a pipe that the reader drains into its
 * status line, so nothing scribbles over the screen.  SIGINT, SIGTERM and
 * SIGHUP only set a flag; a crash signal restores the terminal, gives
 * stderr back (with what was caught) and dies of the same signal.
 * SIGTSTP and SIGWINCH are left to ncurses.
 */
#define NCURSES_WIDECHAR 1

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "dstr.h"
#include "tui_int.h"
#include "utf8.h"

volatile sig_atomic_t tui_sig_quit;

static SCREEN *scr;
static const struct theme *theme;
static int ascii_mode;
static int colors, default_colors;
static int saved_stderr = -1, err_read = -1;
static short pairs[256][3];		/* fg, bg, pair number */
static int npairs;

static void
on_quit(int sig)
{
	(void)sig;
	tui_sig_quit = 1;
}

static void
on_crash(int sig)
{
	char buf[512];
	ssize_t n;

	/* not async-signal-safe, but the terminal matters more now */
	if (scr != NULL)
		endwin();
	if (saved_stderr >= 0) {
		dup2(saved_stderr, 2);
		if (err_read >= 0)
			while ((n = read(err_read, buf, sizeof(buf))) > 0)
				(void)!write(2, buf, (size_t)n);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_signals(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	    SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit;		/* no SA_RESTART: poll() wakes */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
		sigaction(crash[i], &sa, NULL);
}

static void
reset_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE,
	    SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

static void
catch_stderr(void)
{
	int p[2];

	fflush(stderr);
	if (pipe(p) != 0)
		return;
	if ((saved_stderr = dup(2)) < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	fcntl(saved_stderr, F_SETFD, FD_CLOEXEC);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	/* a full pipe must not block whoever writes: drop instead */
	fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
	dup2(p[1], 2);
	close(p[1]);
	err_read = p[0];
}

static void
release_stderr(void)
{
	char buf[4096];
	ssize_t n;

	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	saved_stderr = -1;
	/* what was left unread goes to the real stderr now */
	while ((n = read(err_read, buf, sizeof(buf))) > 0)
		(void)!write(2, buf, (size_t)n);
	close(err_read);
	err_read = -1;
}

int
screen_init(const struct theme *t, int ascii, struct dstr *err)
{
	theme = t;
	ascii_mode = ascii;
	set_signals();
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		reset_signals();
		dstr_adds(err, "cannot set up the terminal (is TERM right?)");
		return -1;
	}
	set_term(scr);
	catch_stderr();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors = 0;
	npairs = 0;
	if (has_colors() && start_color() == OK) {
		colors = 1;
		default_colors = use_default_colors() == OK;
	}
	return 0;
}

void
screen_end(void)
{
	if (scr == NULL)
		return;
	curs_set(1);
	endwin();
	delscreen(scr);
	scr = NULL;
	release_stderr();
	reset_signals();
}

void
screen_get(struct screen_info *si)
{
	getmaxyx(stdscr, si->rows, si->cols);
	si->colors = colors;
	si->ncolors = colors ? COLORS : 0;
	si->term = termname();
}

static short
pair_for(short fg, short bg)
{
	int i;

	if (fg >= COLORS)
		fg = TC_DEFAULT;
	if (bg >= COLORS)
		bg = TC_DEFAULT;
	if (!default_colors) {
		if (fg == TC_DEFAULT)
			fg = COLOR_WHITE;
		if (bg == TC_DEFAULT)
			bg = COLOR_BLACK;
	}
	if (fg == TC_DEFAULT && bg == TC_DEFAULT)
		return 0;
	for (i = 0; i < npairs; i++)
		if (pairs[i][0] == fg && pairs[i][1] == bg)
			return pairs[i][2];
	if (npairs >= (int)(sizeof(pairs) / sizeof(pairs[0])) ||
	    npairs + 1 >= COLOR_PAIRS)
		return 0;
	if (init_pair((short)(npairs + 1), fg, bg) != OK)
		return 0;
	pairs[npairs][0] = fg;
	pairs[npairs][1] = bg;
	pairs[npairs][2] = (short)(npairs + 1);
	return (short)++npairs;
}

static struct tui_style
style_of(int elem, int attrs, int base)
{
	struct tui_style st;
	const struct tui_style *tab = colors ? theme->color : theme->mono;

	st = tab[elem >= 0 && elem < E_COUNT_ELEMS ? elem : E_NORMAL];
	st.attrs |= attrs;
	if (base >= 0 && base < E_COUNT_ELEMS)
		st = theme_combine(st, tab[base]);
	return st;
}

static void
set_style(struct tui_style st)
{
	attr_t a = A_NORMAL;
	short pair = 0;

	if (st.attrs & TA_BOLD)
		a |= A_BOLD;
	if (st.attrs & TA_UNDERLINE)
		a |= A_UNDERLINE;
	if (st.attrs & TA_REVERSE)
		a |= A_REVERSE;
	if (st.attrs & TA_STANDOUT)
		a |= A_STANDOUT;
	if (st.attrs & TA_DIM)
		a |= A_DIM;
	if (st.attrs & TA_BLINK)
		a |= A_BLINK;
#ifdef A_ITALIC
	if (st.attrs & TA_ITALIC)
		a |= A_ITALIC;
#endif
	if (colors)
		pair = pair_for(st.fg, st.bg);
	wattr_set(stdscr, a, pair, NULL);
}

/* Draw n bytes of UTF-8 from column *x, up to column max. */
static void
put_text(const char *s, size_t n, int *x, int max)
{
	wchar_t buf[128];
	size_t i = 0, k, nb = 0;
	uint32_t cp;
	int w;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k;
		if (ascii_mode && cp >= 0x80)
			cp = '?';
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cp = '?';	/* never: the text is sanitised */
		else if (wcwidth((wchar_t)cp) < 0)
			cp = UTF8_REPLACEMENT;
		w = utf8_cpwidth(cp);
		if (*x + w > max)
			break;
		if (w == 0 && nb == 0 && *x == 0)
			continue;	/* a mark with nothing to sit on */
		buf[nb++] = (wchar_t)cp;
		*x += w;
		if (nb == sizeof(buf) / sizeof(buf[0]) - 1) {
			waddnwstr(stdscr, buf, (int)nb);
			nb = 0;
		}
	}
	if (nb > 0)
		waddnwstr(stdscr, buf, (int)nb);
}

void
screen_line(int y, const struct tline *t, int base)
{
	static const char blanks[] = "                                ";
	const struct tseg *sg;
	int x = 0, cols, rows, n;
	size_t i;

	getmaxyx(stdscr, rows, cols);
	if (y < 0 || y >= rows)
		return;
	wmove(stdscr, y, 0);
	for (i = 0; t != NULL && i < t->nsegs && x < cols; i++) {
		sg = &t->segs[i];
		set_style(style_of(sg->elem, sg->attrs, base));
		put_text(t->text.buf + sg->off, sg->len, &x, cols);
	}
	/* the rest of the line in the row's style */
	set_style(style_of(E_NORMAL, 0, base));
	while (x < cols) {
		n = cols - x;
		if (n > (int)sizeof(blanks) - 1)
			n = (int)sizeof(blanks) - 1;
		put_text(blanks, (size_t)n, &x, cols);
	}
	set_style(style_of(E_NORMAL, 0, -1));
}

void
screen_cursor(int y, int x, int visible)
{
	curs_set(visible ? 1 : 0);
	if (visible)
		wmove(stdscr, y, x);
}

void
screen_update(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

void
screen_redraw(void)
{
	clearok(curscr, TRUE);
}

int
screen_key(int *key)
{
	wint_t wc;
	int r;

	for (;;) {
		r = wget_wch(stdscr, &wc);
		if (r == ERR)
			return 0;
		if (r == KEY_CODE_YES) {
			switch (wc) {
			case KEY_UP:		*key = TK_UP; break;
			case KEY_DOWN:		*key = TK_DOWN; break;
			case KEY_LEFT:		*key = TK_LEFT; break;
			case KEY_RIGHT:		*key = TK_RIGHT; break;
			case KEY_PPAGE:		*key = TK_PGUP; break;
			case KEY_NPAGE:		*key = TK_PGDN; break;
			case KEY_HOME:		*key = TK_HOME; break;
			case KEY_END:		*key = TK_END; break;
			case KEY_BACKSPACE:	*key = TK_BACKSPACE; break;
			case KEY_DC:		*key = TK_DELETE; break;
			case KEY_IC:		*key = TK_INSERT; break;
			case KEY_BTAB:		*key = TK_BTAB; break;
			case KEY_ENTER:		*key = TK_ENTER; break;
			case KEY_RESIZE:	*key = TK_RESIZE; break;
			default:
				if (wc > KEY_F0 && wc <= KEY_F(12)) {
					*key = TK_F0 + (int)(wc - KEY_F0);
					break;
				}
				continue;	/* a key we don't know */
			}
			return 1;
		}
		if (wc == '\r')
			*key = TK_ENTER;
		else if (wc == 0x7f)
			*key = TK_BACKSPACE;
		else
			*key = (int)wc;
		return 1;
	}
}

void
screen_raw(const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(1, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void
screen_hyperlink(int y, int x, const struct tseg *sg, const char *text,
    const char *url)
{
	struct dstr d = DSTR_INIT;

	dstr_addf(&d, "\0337\033[%d;%dH", y + 1, x + 1);
	sgr_build(&d, style_of(sg->elem, sg->attrs, -1), colors);
	osc8_build(&d, url);
	dstr_add(&d, text + sg->off, sg->len);
	osc8_build(&d, NULL);
	dstr_adds(&d, "\0338");
	screen_raw(d.buf, d.len);
	dstr_release(&d);
}

int
screen_stderr_fd(void)
{
	return err_read;
}
