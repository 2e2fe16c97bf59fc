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
