# bench: dossier side by side with newsboat and sfeed (bench/run --help).
# `make bench` runs the whole comparison (about 20 minutes; it installs the
# peers with apt-get when they are missing) and writes bench/results.md;
# BENCH_FLAGS passes options, e.g. make bench BENCH_FLAGS='--runs 3'.
# The test suite runs the quick mode (tiny sizes, one run, loopback only).
bench_files = bench/run bench/gen.py bench/serve.py bench/keep-cost.py
EXTRA_DIST += $(bench_files) bench/quick.sh
TESTS += bench/quick.sh

# Times quote detection per article; built by `make bench` only.
EXTRA_PROGRAMS = bench/quote-detect
bench_quote_detect_SOURCES = bench/quote_detect.c
bench_quote_detect_LDADD = $(CORE_LIBS)
CLEANFILES += bench/quote-detect$(EXEEXT)

bench: src/dossier$(EXEEXT)
	-$(MAKE) $(AM_MAKEFLAGS) bench/quote-detect$(EXEEXT) \
	    src/xref/bench-xref$(EXEEXT)
	$(PYTHON3) $(srcdir)/bench/run \
	    --dossier $(abs_top_builddir)/src/dossier$(EXEEXT) \
	    --quote-detect $(abs_top_builddir)/bench/quote-detect$(EXEEXT) \
	    --bench-xref $(abs_top_builddir)/src/xref/bench-xref$(EXEEXT) \
	    $(BENCH_FLAGS)
.PHONY: bench
