# src/cli: the command-line front end (main and one file per command).
src_dossier_SOURCES += src/main.c
