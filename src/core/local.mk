# src/core: the feed model and the pipelines that join the modules.
libdossier_a_SOURCES += \
	include/feed.h src/core/feed.c
