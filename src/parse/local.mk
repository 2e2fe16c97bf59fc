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

# the parser's limits set in the config: parse, ingest and poll
TESTS += tests/cli_limits.sh
EXTRA_DIST += tests/cli_limits.sh

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
PARSE_FUZZ_SEEDS = \
	tests/fuzz/parse.dict \
	tests/fuzz/parse/atom03.xml \
	tests/fuzz/parse/atom10.xml \
	tests/fuzz/parse/badutf8.xml \
	tests/fuzz/parse/blank.xml \
	tests/fuzz/parse/cdata.xml \
	tests/fuzz/parse/cp1251.xml \
	tests/fuzz/parse/cp1252.xml \
	tests/fuzz/parse/empty.xml \
	tests/fuzz/parse/entities.xml \
	tests/fuzz/parse/garbage.txt \
	tests/fuzz/parse/illformed.xml \
	tests/fuzz/parse/json10.json \
	tests/fuzz/parse/json11.json \
	tests/fuzz/parse/laughs.xml \
	tests/fuzz/parse/namespaces.xml \
	tests/fuzz/parse/notfeed.json \
	tests/fuzz/parse/notfeed.xml \
	tests/fuzz/parse/page.html \
	tests/fuzz/parse/relative.xml \
	tests/fuzz/parse/rss090.xml \
	tests/fuzz/parse/rss091.xml \
	tests/fuzz/parse/rss10.xml \
	tests/fuzz/parse/rss20.xml \
	tests/fuzz/parse/utf16be.xml \
	tests/fuzz/parse/utf16le.xml \
	tests/fuzz/parse/xmlbase.xml \
	tests/fuzz/parse/xxe.xml \
	tests/fuzz/date/d000 \
	tests/fuzz/date/d001 \
	tests/fuzz/date/d002 \
	tests/fuzz/date/d003 \
	tests/fuzz/date/d004 \
	tests/fuzz/date/d005 \
	tests/fuzz/date/d006 \
	tests/fuzz/date/d007 \
	tests/fuzz/date/d008 \
	tests/fuzz/date/d009 \
	tests/fuzz/date/d010 \
	tests/fuzz/date/d011 \
	tests/fuzz/date/d012 \
	tests/fuzz/date/d013 \
	tests/fuzz/date/d014 \
	tests/fuzz/date/d015 \
	tests/fuzz/date/d016 \
	tests/fuzz/date/d017 \
	tests/fuzz/date/d018 \
	tests/fuzz/date/d019 \
	tests/fuzz/date/d020 \
	tests/fuzz/date/d021 \
	tests/fuzz/date/d022 \
	tests/fuzz/date/d023 \
	tests/fuzz/date/d024 \
	tests/fuzz/date/d025 \
	tests/fuzz/date/d026 \
	tests/fuzz/date/d027 \
	tests/fuzz/date/d028 \
	tests/fuzz/date/d029 \
	tests/fuzz/date/d030 \
	tests/fuzz/date/d031 \
	tests/fuzz/date/d032 \
	tests/fuzz/date/d033 \
	tests/fuzz/date/d034 \
	tests/fuzz/date/d035 \
	tests/fuzz/date/d036 \
	tests/fuzz/date/d037 \
	tests/fuzz/date/d038 \
	tests/fuzz/date/d039 \
	tests/fuzz/date/d040 \
	tests/fuzz/date/d041 \
	tests/fuzz/date/d042 \
	tests/fuzz/date/d043 \
	tests/fuzz/date/d044 \
	tests/fuzz/date/d045 \
	tests/fuzz/date/d046 \
	tests/fuzz/date/d047 \
	tests/fuzz/date/d048 \
	tests/fuzz/date/d049 \
	tests/fuzz/date/d050 \
	tests/fuzz/date/d051 \
	tests/fuzz/date/d052 \
	tests/fuzz/date/d053 \
	tests/fuzz/date/d054 \
	tests/fuzz/date/d055 \
	tests/fuzz/date/d056 \
	tests/fuzz/date/d057 \
	tests/fuzz/date/d058 \
	tests/fuzz/date/d059 \
	tests/fuzz/date/d060 \
	tests/fuzz/date/d061 \
	tests/fuzz/date/d062 \
	tests/fuzz/date/d063 \
	tests/fuzz/date/d064 \
	tests/fuzz/date/d065 \
	tests/fuzz/date/d066 \
	tests/fuzz/date/d067 \
	tests/fuzz/date/d068 \
	tests/fuzz/date/d069 \
	tests/fuzz/date/d070 \
	tests/fuzz/date/d071 \
	tests/fuzz/date/d072 \
	tests/fuzz/date/d073 \
	tests/fuzz/date/d074 \
	tests/fuzz/date/d075 \
	tests/fuzz/date/d076 \
	tests/fuzz/date/d077 \
	tests/fuzz/date/d078 \
	tests/fuzz/date/d079 \
	tests/fuzz/date/d080 \
	tests/fuzz/date/d081 \
	tests/fuzz/date/d082 \
	tests/fuzz/date/d083 \
	tests/fuzz/date/d084 \
	tests/fuzz/date/d085 \
	tests/fuzz/date/d086 \
	tests/fuzz/date/d087 \
	tests/fuzz/date/d088 \
	tests/fuzz/date/d089 \
	tests/fuzz/date/d090 \
	tests/fuzz/date/d091 \
	tests/fuzz/date/d092 \
	tests/fuzz/date/d093 \
	tests/fuzz/date/d094 \
	tests/fuzz/date/d095 \
	tests/fuzz/date/d096 \
	tests/fuzz/date/d097 \
	tests/fuzz/date/d098 \
	tests/fuzz/date/d099 \
	tests/fuzz/date/d100

# make fuzz: libFuzzer targets (clang), fuzz/parse and fuzz/date; run as
#	fuzz/parse -dict=$(srcdir)/tests/fuzz/parse.dict -max_total_time=300 \
#	    corpus $(srcdir)/tests/fuzz/parse
#	fuzz/date -max_total_time=300 corpus-date $(srcdir)/tests/fuzz/date
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
