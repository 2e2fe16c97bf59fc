# src/util: strings, UTF-8, allocation; depends on libc only.
libdossier_a_SOURCES += \
	include/xalloc.h src/util/xalloc.c \
	include/dstr.h src/util/dstr.c \
	include/utf8.h src/util/utf8.c

check_PROGRAMS += tests/test_dstr tests/test_utf8
tests_test_dstr_LDADD = $(CORE_LIBS)
tests_test_utf8_LDADD = $(CORE_LIBS)
