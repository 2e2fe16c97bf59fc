/*
 * test_curl_dl.c: src/fetch/curl_dl.c when libcurl cannot be loaded: it
 * is built here under a library name that does not exist.  The calls fail
 * as libcurl's do when out of memory, nothing crashes, and curl_dl_error()
 * names what was missing.  (Every test that polls checks the library that
 * does load.)
 */
#undef DOSSIER_LIBCURL
#define DOSSIER_LIBCURL "libdossier-test-missing.so.0"
#include "../src/fetch/curl_dl.c"

#include "tap.h"

int
main(void)
{
	CURLU *u;
	char *part = NULL;
	long ms = 0;

	ok(curl_dl_error() == NULL, "no error before the first call");
	u = curl_url();
	ok(u == NULL, "curl_url() fails");
	ok(curl_dl_error() != NULL &&
	    strstr(curl_dl_error(), "libdossier-test-missing.so.0") != NULL,
	    "and curl_dl_error() names the library");
	ok(curl_url_set(u, CURLUPART_URL, "https://a.example/", 0) ==
	    CURLUE_OUT_OF_MEMORY &&
	    curl_url_get(u, CURLUPART_HOST, &part, 0) == CURLUE_OUT_OF_MEMORY &&
	    part == NULL, "the URL API fails cleanly");
	ok(curl_easy_init() == NULL && curl_multi_init() == NULL,
	    "no handles");
	ok(curl_easy_setopt(NULL, CURLOPT_URL, "https://a.example/") ==
	    CURLE_FAILED_INIT && curl_easy_setopt(NULL, CURLOPT_TIMEOUT, 5L) ==
	    CURLE_FAILED_INIT, "options fail");
	ok(curl_multi_timeout(NULL, &ms) == CURLM_INTERNAL_ERROR,
	    "multi calls fail");
	ok(strcmp(curl_easy_strerror(CURLE_OK), "libcurl could not be loaded")
	    == 0, "curl_easy_strerror() says why");
	curl_url_cleanup(u);
	curl_free(part);
	curl_dl_release();
	ok(1, "clean-up calls are harmless");
	return done_testing();
}
