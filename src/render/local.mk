# src/render: HTML to styled, wrapped terminal lines; depends on util and
# libxml2.
libdossier_a_SOURCES += \
	include/render.h src/render/render-int.h \
	src/render/html.c src/render/wrap.c

check_PROGRAMS += tests/test_render
tests_test_render_LDADD = $(CORE_LIBS)

# golden files: NAME.html rendered must give NAME.txt
EXTRA_DIST += \
	tests/data/render/paragraphs.html tests/data/render/paragraphs.txt \
	tests/data/render/headings.html tests/data/render/headings.txt \
	tests/data/render/lists.html tests/data/render/lists.txt \
	tests/data/render/blockquote.html tests/data/render/blockquote.txt \
	tests/data/render/pre.html tests/data/render/pre.txt \
	tests/data/render/table.html tests/data/render/table.txt \
	tests/data/render/image.html tests/data/render/image.txt \
	tests/data/render/dropped.html tests/data/render/dropped.txt \
	tests/data/render/entities.html tests/data/render/entities.txt \
	tests/data/render/links.html tests/data/render/links.txt \
	tests/data/render/cjk.html tests/data/render/cjk.txt \
	tests/data/render/hostile.html tests/data/render/hostile.txt \
	tests/data/render/broken.html tests/data/render/broken.txt
