# src/tui: the reader (ncurses).  Only screen.c includes curses.h; the
# logic under the views (keys, colours, lines, list paging, the pager, the
# line editor, OSC sequences) is libtui.a, unit-tested without a terminal.
noinst_LIBRARIES += libtui.a
libtui_a_SOURCES = src/tui/tui_int.h \
	src/tui/keys.c src/tui/theme.c src/tui/tline.c src/tui/list.c \
	src/tui/pager.c src/tui/edit.c src/tui/osc.c

src_dossier_SOURCES += include/tui.h \
	src/tui/screen.c src/tui/tui.c src/tui/job.c src/tui/listview.c \
	src/tui/artrow.c \
	src/tui/view_feeds.c src/tui/view_articles.c src/tui/view_pager.c \
	src/tui/view_search.c src/tui/view_help.c \
	src/tui/select.c src/tui/history.c src/tui/fulltext.c \
	src/tui/view_quotes.c src/tui/view_refs.c \
	src/cli/cmd_read.c src/cli/cmd_open.c
src_dossier_LDADD += libtui.a $(CORE_LIBS)

# the browser launcher is core: `dossier open` uses it without curses
libdossier_a_SOURCES += include/opener.h src/core/opener.c

check_PROGRAMS += tests/test_tui tests/test_opener
tests_test_tui_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/tui
tests_test_tui_LDADD = libtui.a $(CORE_LIBS)
tests_test_opener_LDADD = $(CORE_LIBS)

TESTS += tests/tui_basic.sh tests/tui_hostile.sh tests/tui_views.sh \
	tests/tui_open.sh tests/tui_quotes.sh tests/tui_refs.sh \
	tests/tui_beats.sh
EXTRA_DIST += tests/tui_lib.sh tests/tui_pty.py tests/tui_basic.sh \
	tests/tui_hostile.sh tests/tui_views.sh tests/tui_open.sh \
	tests/tui_quotes.sh tests/tui_refs.sh tests/tui_beats.sh \
	tests/data/tui/feed.rss tests/data/tui/hostile.rss \
	tests/data/tui/wide.rss tests/data/tui/browser.sh

dist_man_MANS += man/dossier.5 man/dossier-read.1
