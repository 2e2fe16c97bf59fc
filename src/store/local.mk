# src/store: the SQLite archive.
libdossier_a_SOURCES += \
	include/store.h src/store/store_int.h \
	src/store/store.c src/store/schema.c \
	src/store/feeds.c src/store/articles.c src/store/rank.c \
	src/store/keys.c

check_PROGRAMS += tests/test_store
tests_test_store_LDADD = $(CORE_LIBS)
tests_test_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/store

# ranking: store_search_each() against bm25
check_PROGRAMS += tests/test_search
tests_test_search_LDADD = $(CORE_LIBS)
