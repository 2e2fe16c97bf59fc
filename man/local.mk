# man: the manual pages.
dist_man_MANS += man/dossier.1
