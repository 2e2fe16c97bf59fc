/*
 * osc.c: the few escape sequences dossier writes itself, next to curses:
 * OSC 52 to put a link on the clipboard of the terminal (also over SSH),
 * OSC 8 to make text a hyperlink, and the SGR that redraws it in the
 * same style.  The text they carry is an URL that passed
 * opener_check_url(): http or https, no controls, no blanks.
 */
#include <stdint.h>
#include <string.h>

#include "dstr.h"
#include "tui_int.h"

static void
base64(struct dstr *out, const unsigned char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		dstr_addc(out, tab[v >> 18 & 63]);
		dstr_addc(out, tab[v >> 12 & 63]);
		dstr_addc(out, tab[v >> 6 & 63]);
		dstr_addc(out, tab[v & 63]);
	}
	if (n - i == 1) {
		v = (uint32_t)s[i] << 16;
		dstr_addc(out, tab[v >> 18 & 63]);
		dstr_addc(out, tab[v >> 12 & 63]);
		dstr_adds(out, "==");
	} else if (n - i == 2) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
		dstr_addc(out, tab[v >> 18 & 63]);
		dstr_addc(out, tab[v >> 12 & 63]);
		dstr_addc(out, tab[v >> 6 & 63]);
		dstr_addc(out, '=');
	}
}

void
osc52_build(struct dstr *out, const char *text, int screen_wrap)
{
	/* GNU screen passes a DCS string through to its terminal */
	if (screen_wrap)
		dstr_adds(out, "\033P");
	dstr_adds(out, "\033]52;c;");
	base64(out, (const unsigned char *)text, strlen(text));
	dstr_adds(out, "\a");
	if (screen_wrap)
		dstr_adds(out, "\033\\");
}

void
osc8_build(struct dstr *out, const char *url)
{
	dstr_addf(out, "\033]8;;%s\033\\", url ? url : "");
}

static void
sgr_color(struct dstr *out, int c, int base)
{
	if (c < 8)
		dstr_addf(out, ";%d", base + c);
	else if (c < 16)
		dstr_addf(out, ";%d", base + 60 + c - 8);
	else
		dstr_addf(out, ";%d;5;%d", base + 8, c);
}

void
sgr_build(struct dstr *out, struct tui_style st, int colors)
{
	dstr_adds(out, "\033[0");
	if (st.attrs & TA_BOLD)
		dstr_adds(out, ";1");
	if (st.attrs & TA_DIM)
		dstr_adds(out, ";2");
	if (st.attrs & TA_ITALIC)
		dstr_adds(out, ";3");
	if (st.attrs & TA_UNDERLINE)
		dstr_adds(out, ";4");
	if (st.attrs & TA_BLINK)
		dstr_adds(out, ";5");
	if (st.attrs & (TA_REVERSE | TA_STANDOUT))
		dstr_adds(out, ";7");
	if (colors && st.fg != TC_DEFAULT)
		sgr_color(out, st.fg, 30);
	if (colors && st.bg != TC_DEFAULT)
		sgr_color(out, st.bg, 40);
	dstr_addc(out, 'm');
}
