# src/beats: rules over the archive: beats, keep and ignore rules.
libdossier_a_SOURCES += include/beats.h src/beats/beats_int.h \
	src/beats/rule.c src/beats/quick.c src/beats/beats.c src/beats/keep.c

check_PROGRAMS += tests/test_beats
tests_test_beats_LDADD = $(CORE_LIBS)
tests_test_beats_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/beats

# its commands (the rest of the CLI is in src/cli/local.mk)
src_dossier_SOURCES += src/cli/cmd_beat.c src/cli/cmd_rules.c

TESTS += tests/cli_beats.sh
EXTRA_DIST += tests/cli_beats.sh tests/data/beats/config \
	tests/data/beats/beat-list.txt
