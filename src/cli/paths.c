/* paths.c: XDG base directories. */
#include <stdlib.h>

#include "dstr.h"
#include "paths.h"

static char *
xdg(const char *var, const char *fallback, const char *leaf)
{
	struct dstr d = DSTR_INIT;
	const char *base = getenv(var), *home;

	if (base && base[0] == '/')
		dstr_adds(&d, base);
	else {
		home = getenv("HOME");
		if (home == NULL || *home == '\0')
			return NULL;
		dstr_addf(&d, "%s/%s", home, fallback);
	}
	dstr_addf(&d, "/dossier%s", leaf);
	return dstr_detach(&d, NULL);
}

char *
paths_data_dir(void)
{
	return xdg("XDG_DATA_HOME", ".local/share", "");
}

char *
paths_default_db(void)
{
	return xdg("XDG_DATA_HOME", ".local/share", "/archive.db");
}

char *
paths_config_file(void)
{
	return xdg("XDG_CONFIG_HOME", ".config", "/config");
}
