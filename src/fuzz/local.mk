# src/fuzz: hardening.  libFuzzer targets for the renderer, OPML import and
# quote detection (the parser's, the dates' and URL normalisation's live
# with their modules: `make fuzz`, `make fuzz-xref`), `make fuzz-all` to
# build every target with clang,
# replay drivers that run every corpus under tests/fuzz/ through the normal
# (sanitizer) build, and the hostile-input and crash tests.
#
#	make fuzz-all
#	fuzz/render -dict=$(srcdir)/tests/fuzz/render.dict \
#	    -max_total_time=600 corpus-dir $(srcdir)/tests/fuzz/render \
#	    $(srcdir)/tests/data/render $(srcdir)/tests/data/extract
# (the renderer's seeds are also its test pages, kept in tests/data)
#	make fuzz-replay	(the corpora, without libFuzzer)

FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-include $(top_builddir)/config.h -I$(top_srcdir)/include \
	$(XML_CFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS)
FUZZ_UTIL_SRCS = src/util/dstr.c src/util/utf8.c src/util/xalloc.c
FUZZ_RENDER_SRCS = src/render/html.c src/render/wrap.c $(FUZZ_UTIL_SRCS)
FUZZ_OPML_SRCS = src/subs/subs.c src/subs/opml.c src/subs/newsboat.c \
	$(FUZZ_UTIL_SRCS)
FUZZ_QUOTES_SRCS = src/quotes/detect.c src/quotes/anchor.c \
	src/util/escape.c src/render/html.c src/render/wrap.c \
	$(FUZZ_UTIL_SRCS)

fuzz-all: fuzz fuzz-xref fuzz/render fuzz/opml fuzz/quotes
fuzz/render: $(FUZZ_RENDER_SRCS:%=$(srcdir)/%) $(srcdir)/src/fuzz/fuzz_render.c
	@mkdir -p fuzz
	$(CLANG) $(FUZZ_CFLAGS) -o $@ $(srcdir)/src/fuzz/fuzz_render.c \
	    $(FUZZ_RENDER_SRCS:%=$(srcdir)/%) $(XML_LIBS)
fuzz/opml: $(FUZZ_OPML_SRCS:%=$(srcdir)/%) $(srcdir)/src/fuzz/fuzz_opml.c
	@mkdir -p fuzz
	$(CLANG) $(FUZZ_CFLAGS) -o $@ $(srcdir)/src/fuzz/fuzz_opml.c \
	    $(FUZZ_OPML_SRCS:%=$(srcdir)/%) $(XML_LIBS) $(CURL_LIBS)
fuzz/quotes: $(FUZZ_QUOTES_SRCS:%=$(srcdir)/%) $(srcdir)/src/fuzz/fuzz_quotes.c
	@mkdir -p fuzz
	$(CLANG) $(FUZZ_CFLAGS) -o $@ $(srcdir)/src/fuzz/fuzz_quotes.c \
	    $(FUZZ_QUOTES_SRCS:%=$(srcdir)/%) $(XML_LIBS)
.PHONY: fuzz-all fuzz-replay
CLEANFILES += fuzz/render fuzz/opml fuzz/quotes

# Replay drivers: src/fuzz/replay.c's main() with a target's
# LLVMFuzzerTestOneInput(), linked with the normal build's library, so the
# sanitizer build's `make check` replays the corpora (tests/fuzz_replay.sh).
# Built for `make check` but not run as tests themselves.
FUZZ_REPLAY = src/fuzz/replay-parse src/fuzz/replay-date \
	src/fuzz/replay-normalize src/fuzz/replay-render src/fuzz/replay-opml \
	src/fuzz/replay-quotes
EXTRA_PROGRAMS += $(FUZZ_REPLAY)
check_SCRIPTS = $(FUZZ_REPLAY:=$(EXEEXT))
CLEANFILES += $(FUZZ_REPLAY:=$(EXEEXT))
src_fuzz_replay_parse_SOURCES = src/fuzz/replay.c src/parse/fuzz_parse.c
src_fuzz_replay_parse_LDADD = $(CORE_LIBS)
src_fuzz_replay_date_SOURCES = src/fuzz/replay.c src/parse/fuzz_date.c
src_fuzz_replay_date_LDADD = $(CORE_LIBS)
src_fuzz_replay_normalize_SOURCES = src/fuzz/replay.c \
	src/xref/fuzz_normalize.c
src_fuzz_replay_normalize_LDADD = $(CORE_LIBS)
src_fuzz_replay_render_SOURCES = src/fuzz/replay.c src/fuzz/fuzz_render.c
src_fuzz_replay_render_LDADD = $(CORE_LIBS)
src_fuzz_replay_opml_SOURCES = src/fuzz/replay.c src/fuzz/fuzz_opml.c
src_fuzz_replay_opml_LDADD = $(CORE_LIBS)
src_fuzz_replay_quotes_SOURCES = src/fuzz/replay.c src/fuzz/fuzz_quotes.c
src_fuzz_replay_quotes_LDADD = $(CORE_LIBS)
fuzz-replay: $(FUZZ_REPLAY:=$(EXEEXT))
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/tests/fuzz_replay.sh

TESTS += tests/cli_hostile.sh tests/cli_crash.sh tests/fuzz_replay.sh
EXTRA_DIST += tests/cli_hostile.sh tests/cli_crash.sh tests/fuzz_replay.sh \
	$(HOSTILE_FILES) $(FUZZ_SEEDS)

HOSTILE_FILES = \
	tests/hostile/README \
	tests/hostile/badutf8.xml \
	tests/hostile/blank.xml \
	tests/hostile/dates.atom \
	tests/hostile/dates.rss \
	tests/hostile/empty.xml \
	tests/hostile/escapes-html.rss \
	tests/hostile/escapes-raw.rss \
	tests/hostile/escapes-refs.opml \
	tests/hostile/escapes-refs.rss \
	tests/hostile/escapes.atom \
	tests/hostile/escapes.json \
	tests/hostile/escapes.opml \
	tests/hostile/laughs.xml \
	tests/hostile/liar-bom.xml \
	tests/hostile/liar-latin1.xml \
	tests/hostile/liar-unknown.xml \
	tests/hostile/liar-utf16.xml \
	tests/hostile/liar-utf8.xml \
	tests/hostile/links-refused.rss \
	tests/hostile/links-shell.rss \
	tests/hostile/nul.xml \
	tests/hostile/page.html \
	tests/hostile/quadratic.xml \
	tests/hostile/xinclude.xml \
	tests/hostile/xxe-dtd-file.xml \
	tests/hostile/xxe-dtd-net.opml \
	tests/hostile/xxe-dtd-net.xml \
	tests/hostile/xxe-dtd.opml \
	tests/hostile/xxe-file.xml \
	tests/hostile/xxe-html.xml \
	tests/hostile/xxe-net.xml \
	tests/hostile/xxe-param.xml \
	tests/hostile/xxe.opml
FUZZ_SEEDS = tests/fuzz/render.dict tests/fuzz/opml.dict \
	tests/fuzz/quotes.dict \
	tests/fuzz/render/escapes.html \
	tests/fuzz/render/nesting.html \
	tests/fuzz/render/pre-wide.html \
	tests/fuzz/render/table-wide.html \
	tests/fuzz/opml/bad-entities.opml \
	tests/fuzz/opml/categories.opml \
	tests/fuzz/opml/escapes.opml \
	tests/fuzz/opml/nested.opml \
	tests/fuzz/opml/not-opml.xml \
	tests/fuzz/opml/opml1.opml \
	tests/fuzz/opml/regress-blank-runs.opml \
	tests/fuzz/opml/regress-c1-tag.urls \
	tests/fuzz/opml/regress-c1-url.opml \
	tests/fuzz/opml/urls \
	tests/fuzz/opml/urls-odd \
	tests/fuzz/opml/xxe.opml \
	tests/fuzz/quotes/continued.txt \
	tests/fuzz/quotes/curly.txt \
	tests/fuzz/quotes/nested.txt \
	tests/fuzz/quotes/pronoun.txt \
	tests/fuzz/quotes/said.txt \
	tests/fuzz/quotes/union-html.txt \
	tests/fuzz/date/regress-neg-year \
	tests/fuzz/normalize/regress-pct-ipv4
