# src/cli: main and the command-line front end, one file per command.
src_dossier_SOURCES += src/main.c \
	include/cli.h include/paths.h include/jsonout.h \
	src/cli/cli.c src/cli/commands.c src/cli/paths.c src/cli/jsonout.c \
	src/cli/cmd_add.c src/cli/cmd_demo.c src/cli/cmd_feeds.c \
	src/cli/cmd_ingest.c src/cli/cmd_list.c \
	src/cli/cmd_mark_read.c src/cli/cmd_remove.c src/cli/cmd_search.c \
	src/cli/cmd_show.c
