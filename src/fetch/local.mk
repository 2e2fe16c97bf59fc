# src/fetch: the libcurl multi loop (fetch.c) and `dossier poll` as a
# step-driven module (poll.c: fetch -> ingest -> store), and the command.
libdossier_a_SOURCES += \
	include/fetch.h src/fetch/fetch.c src/fetch/settings.c \
	src/fetch/poll.c include/curl_dl.h src/fetch/curl_dl.c
src_dossier_SOURCES += src/cli/cmd_poll.c

check_PROGRAMS += tests/test_fetch tests/test_curl_dl
tests_test_fetch_LDADD = $(CORE_LIBS)
# tests/test_curl_dl.c builds curl_dl.c again, under a library name that
# does not exist

TESTS += tests/cli_poll.sh tests/cli_maxitems.sh tests/cli_https.sh
EXTRA_DIST += tests/httpd.py tests/cli_poll.sh tests/cli_maxitems.sh \
	tests/cli_https.sh \
	tests/data/poll/feed.xml tests/data/poll/atom.xml \
	tests/data/poll/other/second.xml
