/*
 * curl_dl.h: libcurl is loaded by the first curl_* call (src/fetch/
 * curl_dl.c defines them); nothing to do before.
 */
#ifndef DOSSIER_CURL_DL_H
#define DOSSIER_CURL_DL_H

/* At exit: libcurl's global clean-up, if it was loaded. */
void	 curl_dl_release(void);

#endif
