# src/docs: documents and the offline archive: main-content extraction,
# documents (HTML, text, Markdown, PDF), full text of feed items, the
# static HTML export, the JSON Lines dump and its import, and housekeeping
# (backup, prune, stats, vacuum); uses store, render, xref, fetch and
# libxml2.
libdossier_a_SOURCES += \
	include/extract.h include/docs.h src/docs/docs_int.h \
	src/docs/html_util.c src/docs/extract.c src/docs/convert.c \
	src/docs/docs.c src/docs/fulltext.c src/docs/export_html.c \
	src/docs/archive_json.c src/docs/maint.c

# its commands (the rest of the CLI is in src/cli/local.mk; the --json and
# --html branches of `export` are in src/cli/cmd_export.c)
src_dossier_SOURCES += src/cli/cmd_doc.c src/cli/cmd_fulltext.c \
	src/cli/cmd_import_archive.c src/cli/cmd_backup.c \
	src/cli/cmd_prune.c src/cli/cmd_stats.c src/cli/cmd_vacuum.c

check_PROGRAMS += tests/test_extract
tests_test_extract_LDADD = $(CORE_LIBS)

# NAME.html extracted must give NAME.txt (metadata, then the plain text)
EXTRACT_CASES = news-classic news-divsoup news-blog news-liveupdate \
	news-paywall news-cjk news-jsonld
EXTRA_DIST += $(EXTRACT_CASES:%=tests/data/extract/%.html) \
	$(EXTRACT_CASES:%=tests/data/extract/%.txt)

TESTS += tests/cli_docs.sh tests/cli_fulltext.sh
EXTRA_DIST += tests/cli_docs.sh tests/cli_fulltext.sh tests/data/docs/memo.pdf \
	tests/data/docs/notes.md tests/data/docs/letter.txt \
	tests/data/docs/hostile.rss
