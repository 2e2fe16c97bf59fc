# src/subs: subscription lists: OPML and newsboat urls in, OPML out; and the
# commands that use them.
libdossier_a_SOURCES += \
	include/subs.h src/subs/subs.c src/subs/opml.c src/subs/newsboat.c

src_dossier_SOURCES += src/cli/cmd_import.c src/cli/cmd_export.c

check_PROGRAMS += tests/test_subs
tests_test_subs_LDADD = $(CORE_LIBS)

EXTRA_DIST += \
	tests/data/subs/nested.opml tests/data/subs/opml1.opml \
	tests/data/subs/bad-entities.opml tests/data/subs/xxe.opml \
	tests/data/subs/not-opml.xml tests/data/subs/urls
