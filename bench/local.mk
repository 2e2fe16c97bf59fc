# bench: dossier side by side with newsboat and sfeed (bench/run --help).
# `make bench` runs the whole comparison (about 20 minutes; it installs the
# peers with apt-get when they are missing) and writes bench/results.md;
# BENCH_FLAGS passes options, e.g. make bench BENCH_FLAGS='--runs 3'.
# The test suite runs the quick mode (tiny sizes, one run, loopback only).
bench_files = bench/run bench/gen.py bench/serve.py
EXTRA_DIST += $(bench_files) bench/quick.sh
TESTS += bench/quick.sh

bench: src/dossier
	$(PYTHON3) $(srcdir)/bench/run --dossier $(abs_top_builddir)/src/dossier $(BENCH_FLAGS)
.PHONY: bench
