# src/beats: rules over the archive: beats, keep and ignore rules.
libdossier_a_SOURCES += include/beats.h src/beats/beats_int.h \
	src/beats/rule.c src/beats/beats.c src/beats/keep.c

check_PROGRAMS += tests/test_beats
tests_test_beats_LDADD = $(CORE_LIBS)
