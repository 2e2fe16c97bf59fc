# src/xref: cross-references between stored stories (links, backlinks,
# shared quotations, names, related); uses store, render, util and libcurl.
libdossier_a_SOURCES += \
	include/xref.h src/xref/xref_int.h src/xref/text.c \
	src/xref/normalize.c src/xref/names.c src/xref/shingle.c \
	src/xref/xref.c

# its commands (the rest of the CLI is in src/cli/local.mk)
src_dossier_SOURCES += src/cli/cmd_refs.c src/cli/cmd_names.c

check_PROGRAMS += tests/test_xref
tests_test_xref_LDADD = $(CORE_LIBS)

# end to end on crafted feeds
TESTS += tests/cli_refs.sh
EXTRA_DIST += tests/cli_refs.sh \
	tests/data/xref/outlet-a.rss tests/data/xref/outlet-b.rss \
	tests/data/xref/outlet-c.rss tests/data/xref/outlet-a-later.rss \
	tests/data/xref/refs-a.txt

# make fuzz-xref: a libFuzzer target (clang) for URL normalisation (which
# must be idempotent), names, quotations and word windows:
#	fuzz/xref-normalize -max_total_time=300 $(srcdir)/tests/fuzz/normalize
XREF_FUZZ_SRCS = src/xref/normalize.c src/xref/names.c src/xref/shingle.c \
	src/xref/text.c src/util/dstr.c src/util/utf8.c src/util/xalloc.c
XREF_FUZZ_SEEDS = tests/fuzz/normalize/url-basic \
	tests/fuzz/normalize/url-userinfo tests/fuzz/normalize/url-ipv6 \
	tests/fuzz/normalize/url-dots tests/fuzz/normalize/text-names-quote \
	tests/fuzz/normalize/text-quotes
EXTRA_DIST += src/xref/fuzz_normalize.c $(XREF_FUZZ_SEEDS)
fuzz-xref: fuzz/xref-normalize
fuzz/xref-normalize: $(XREF_FUZZ_SRCS:%=$(srcdir)/%) \
    $(srcdir)/src/xref/fuzz_normalize.c
	@mkdir -p fuzz
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined \
	    -include $(top_builddir)/config.h -I$(top_srcdir)/include \
	    $(CURL_CFLAGS) -o $@ $(srcdir)/src/xref/fuzz_normalize.c \
	    $(XREF_FUZZ_SRCS:%=$(srcdir)/%) $(CURL_LIBS)
.PHONY: fuzz-xref
CLEANFILES += fuzz/xref-normalize

# make bench-xref: what indexing adds to ingest, and how fast refs answer,
# on a synthetic archive: src/xref/bench-xref DIR [N] (N = 100000 default).
EXTRA_DIST += src/xref/bench_xref.c
bench-xref: src/xref/bench-xref$(EXEEXT)
src/xref/bench-xref$(EXEEXT): $(srcdir)/src/xref/bench_xref.c libdossier.a
	$(CC) $(DEFS) $(AM_CPPFLAGS) $(CPPFLAGS) $(AM_CFLAGS) $(CFLAGS) \
	    -o $@ $(srcdir)/src/xref/bench_xref.c $(AM_LDFLAGS) $(LDFLAGS) \
	    $(CORE_LIBS) $(LIBS)
.PHONY: bench-xref
CLEANFILES += src/xref/bench-xref$(EXEEXT)
