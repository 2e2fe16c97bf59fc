# src/quotes: quotations (detection, anchoring, storage, export) and the
# commands quote, quotes and tags; plus the CSV/TSV/percent encoders.
libdossier_a_SOURCES += \
	include/escape.h src/util/escape.c \
	include/quotes.h src/quotes/detect.c src/quotes/anchor.c \
	src/quotes/quotes.c src/quotes/export.c

check_PROGRAMS += tests/test_detect
tests_test_detect_LDADD = $(CORE_LIBS)

check_PROGRAMS += tests/test_quotes
tests_test_quotes_LDADD = $(CORE_LIBS)

src_dossier_SOURCES += \
	src/cli/cmd_quote.c src/cli/cmd_quotes.c src/cli/cmd_tags.c

TESTS += tests/cli_quotes.sh
EXTRA_DIST += tests/cli_quotes.sh tests/data/quotes/export.md \
	tests/data/quotes/union-v1.rss tests/data/quotes/union-v2.rss
