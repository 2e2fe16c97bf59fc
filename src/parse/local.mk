# src/parse: the feed parser (RSS, Atom, JSON Feed), dates and URLs.
libdossier_a_SOURCES += \
	include/parse.h include/date.h include/url.h \
	src/parse/internal.h src/parse/feed.c src/parse/decode.c \
	src/parse/xmlfix.c src/parse/sax.c src/parse/rss.c src/parse/atom.c \
	src/parse/json.c src/parse/html.c src/parse/date.c src/parse/url.c
src_dossier_SOURCES += src/cli/cmd_parse.c

check_PROGRAMS += tests/test_parse tests/test_date
tests_test_parse_LDADD = $(CORE_LIBS)
tests_test_date_LDADD = $(CORE_LIBS)
tests_test_parse_CPPFLAGS = $(AM_CPPFLAGS) \
	-DPARSE_DATADIR='"$(abs_top_srcdir)/tests/data/parse"'

EXTRA_DIST += $(PARSE_FIXTURES) $(PARSE_FUZZ_SEEDS) \
	src/parse/fuzz_parse.c src/parse/fuzz_date.c
PARSE_FIXTURES = \
	tests/data/parse/README \
	tests/data/parse/atom03.xml \
	tests/data/parse/atom10.xml \
	tests/data/parse/badutf8.xml \
	tests/data/parse/blank.xml \
	tests/data/parse/cdata.xml \
	tests/data/parse/cp1251.xml \
	tests/data/parse/cp1252.xml \
	tests/data/parse/empty.xml \
	tests/data/parse/entities.xml \
	tests/data/parse/garbage.txt \
	tests/data/parse/illformed.xml \
	tests/data/parse/json10.json \
	tests/data/parse/json11.json \
	tests/data/parse/laughs.xml \
	tests/data/parse/namespaces.xml \
	tests/data/parse/notfeed.json \
	tests/data/parse/notfeed.xml \
	tests/data/parse/page.html \
	tests/data/parse/relative.xml \
	tests/data/parse/rss090.xml \
	tests/data/parse/rss091.xml \
	tests/data/parse/rss10.xml \
	tests/data/parse/rss20.xml \
	tests/data/parse/utf16be.xml \
	tests/data/parse/utf16le.xml \
	tests/data/parse/xmlbase.xml \
	tests/data/parse/xxe.xml
PARSE_FUZZ_SEEDS =

# make fuzz: libFuzzer targets (clang), fuzz/parse and fuzz/date.
#	fuzz/parse -max_total_time=300 $(srcdir)/tests/fuzz/parse
PARSE_FUZZ_SRCS = src/parse/feed.c src/parse/decode.c src/parse/xmlfix.c \
	src/parse/sax.c src/parse/rss.c src/parse/atom.c src/parse/json.c \
	src/parse/html.c src/parse/date.c src/parse/url.c src/core/feed.c \
	src/util/dstr.c src/util/utf8.c src/util/xalloc.c
PARSE_FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-include $(top_builddir)/config.h -I$(top_srcdir)/include \
	-I$(top_srcdir)/src/parse $(XML_CFLAGS) $(JANSSON_CFLAGS)
fuzz: fuzz/parse fuzz/date
fuzz/parse: $(PARSE_FUZZ_SRCS:%=$(srcdir)/%) $(srcdir)/src/parse/fuzz_parse.c
	@mkdir -p fuzz
	$(CLANG) $(PARSE_FUZZ_FLAGS) -o $@ $(srcdir)/src/parse/fuzz_parse.c \
	    $(PARSE_FUZZ_SRCS:%=$(srcdir)/%) $(XML_LIBS) $(JANSSON_LIBS)
fuzz/date: $(srcdir)/src/parse/date.c $(srcdir)/src/parse/fuzz_date.c
	@mkdir -p fuzz
	$(CLANG) $(PARSE_FUZZ_FLAGS) -o $@ $(srcdir)/src/parse/fuzz_date.c \
	    $(srcdir)/src/parse/date.c
.PHONY: fuzz
CLEANFILES += fuzz/parse fuzz/date
