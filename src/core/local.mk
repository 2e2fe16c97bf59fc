# src/core: the feed model, settings and the pipelines that join modules.
libdossier_a_SOURCES += \
	include/feed.h src/core/feed.c \
	include/settings.h src/core/settings.c \
	include/ingest.h src/core/ingest.c

check_PROGRAMS += tests/test_settings tests/test_ingest
tests_test_settings_LDADD = $(CORE_LIBS)
tests_test_ingest_LDADD = $(CORE_LIBS)
