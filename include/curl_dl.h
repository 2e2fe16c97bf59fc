/*
 * curl_dl.h: libcurl is loaded by the first curl_* call (src/fetch/
 * curl_dl.c defines them); nothing to do before.
 */
#ifndef DOSSIER_CURL_DL_H
#define DOSSIER_CURL_DL_H

/* At exit: libcurl's global clean-up, if it was loaded. */
void	 curl_dl_release(void);
/* Why libcurl (or a function of it) could not be loaded; NULL if it could
 * or was not needed. */
const char *curl_dl_error(void);

#endif
