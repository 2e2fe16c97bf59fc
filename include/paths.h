/*
 * paths.h: where dossier keeps its files (XDG base directories).
 * Only main and the front ends call these: they read the environment.
 */
#ifndef DOSSIER_PATHS_H
#define DOSSIER_PATHS_H

/* $XDG_DATA_HOME/dossier (or ~/.local/share/dossier); NULL without HOME. */
char	*paths_data_dir(void);
/* The default archive: paths_data_dir()/archive.db. */
char	*paths_default_db(void);
/* $XDG_CONFIG_HOME/dossier/config (or ~/.config/dossier/config). */
char	*paths_config_file(void);

#endif
