/*
 * curl_dl.c: libcurl, loaded when first used.
 *
 * libcurl brings some 35 shared libraries with it (TLS, HTTP/2, SSH,
 * LDAP, Kerberos...): mapping and relocating them took 5 ms of every
 * start, more than `dossier list` or `refs` spend on their own work.  So
 * dossier is not linked with it.  The curl_* functions it calls are
 * defined here, with libcurl's own prototypes, and each forwards to the
 * library, opened by the first call (dlopen, DOSSIER_LIBCURL from
 * configure).  A command that neither fetches nor reads a URL never loads
 * it.  These definitions are not exported (dossier is not linked with
 * -rdynamic), so libcurl's calls to its own functions stay its own.
 *
 * If the library cannot be loaded, the calls fail the way libcurl's do
 * when it is out of memory, and curl_dl_error() says why.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "curl_dl.h"

/* curl.h wraps these in type-checking macros; here they are defined */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt

static void *lib;
static int lib_failed;
static char lib_error[256];

static void *
sym(const char *name)
{
	void *p;

	if (lib == NULL && !lib_failed) {
		if ((lib = dlopen(DOSSIER_LIBCURL, RTLD_NOW | RTLD_LOCAL)) ==
		    NULL || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			lib_failed = 1;
			snprintf(lib_error, sizeof(lib_error), "%s",
			    lib ? DOSSIER_LIBCURL ": its set-up failed" :
			    dlerror());
			return NULL;
		}
	}
	if (lib_failed)
		return NULL;
	if ((p = dlsym(lib, name)) == NULL && lib_error[0] == '\0')
		snprintf(lib_error, sizeof(lib_error), "%s: no %s in it",
		    DOSSIER_LIBCURL, name);
	return p;
}

const char *
curl_dl_error(void)
{
	return lib_error[0] ? lib_error : NULL;
}

/* Fill the function pointer *fp (of size n) from the library. */
static int
resolve(void *fp, size_t n, const char *name)
{
	void *p;

	if ((p = sym(name)) == NULL)
		return 0;
	memcpy(fp, &p, n);
	return 1;
}

/* Is f, the pointer to the function of the same name as the one it is
 * in, set (looked up on its first call)? */
#define HAVE(f)	((f) != NULL || resolve(&(f), sizeof(f), __func__))

void
curl_dl_release(void)
{
	if (lib != NULL && !lib_failed)
		curl_global_cleanup();
}

CURLcode
curl_global_init(long flags)
{
	static CURLcode (*f)(long);

	return HAVE(f) ? f(flags) : CURLE_FAILED_INIT;
}

void
curl_global_cleanup(void)
{
	static void (*f)(void);

	if (HAVE(f))
		f();
}

void
curl_free(void *p)
{
	static void (*f)(void *);

	if (p != NULL && HAVE(f))
		f(p);
}

time_t
curl_getdate(const char *s, const time_t *unused)
{
	static time_t (*f)(const char *, const time_t *);

	return HAVE(f) ? f(s, unused) : -1;
}

/* The URL API */

CURLU *
curl_url(void)
{
	static CURLU *(*f)(void);

	return HAVE(f) ? f() : NULL;
}

void
curl_url_cleanup(CURLU *u)
{
	static void (*f)(CURLU *);

	if (u != NULL && HAVE(f))
		f(u);
}

CURLUcode
curl_url_get(CURL_URL_GET_CONST CURLU *u, CURLUPart what, char **part,
    unsigned int flags)
{
	static CURLUcode (*f)(CURL_URL_GET_CONST CURLU *, CURLUPart, char **,
	    unsigned int);

	return HAVE(f) ? f(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	static CURLUcode (*f)(CURLU *, CURLUPart, const char *, unsigned int);

	return HAVE(f) ? f(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

/* Lists */

struct curl_slist *
curl_slist_append(struct curl_slist *l, const char *s)
{
	static struct curl_slist *(*f)(struct curl_slist *, const char *);

	return HAVE(f) ? f(l, s) : NULL;
}

void
curl_slist_free_all(struct curl_slist *l)
{
	static void (*f)(struct curl_slist *);

	if (l != NULL && HAVE(f))
		f(l);
}

/* Easy handles */

CURL *
curl_easy_init(void)
{
	static CURL *(*f)(void);

	return HAVE(f) ? f() : NULL;
}

void
curl_easy_cleanup(CURL *h)
{
	static void (*f)(CURL *);

	if (h != NULL && HAVE(f))
		f(h);
}

void
curl_easy_reset(CURL *h)
{
	static void (*f)(CURL *);

	if (HAVE(f))
		f(h);
}

const char *
curl_easy_strerror(CURLcode code)
{
	static const char *(*f)(CURLcode);

	return HAVE(f) ? f(code) : "libcurl could not be loaded";
}

/*
 * The option's number says the type of its argument: long below
 * CURLOPTTYPE_OBJECTPOINT, then pointers (data and functions), then
 * curl_off_t, then blobs (pointers).  Multi options follow the same rule.
 */
#define FORWARD_OPTION(f, h, opt, ap)					\
	((opt) < CURLOPTTYPE_OBJECTPOINT ? f(h, opt, va_arg(ap, long)) :	\
	(opt) >= CURLOPTTYPE_OFF_T && (opt) < CURLOPTTYPE_BLOB ?	\
	f(h, opt, va_arg(ap, curl_off_t)) : f(h, opt, va_arg(ap, void *)))

CURLcode
curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	static CURLcode (*f)(CURL *, CURLoption, ...);
	CURLcode rc;
	va_list ap;

	if (!HAVE(f))
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	rc = FORWARD_OPTION(f, h, opt, ap);
	va_end(ap);
	return rc;
}

/* Every CURLINFO_ argument is a pointer to where the answer goes. */
CURLcode
curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	static CURLcode (*f)(CURL *, CURLINFO, ...);
	CURLcode rc;
	va_list ap;

	if (!HAVE(f))
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = f(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Multi handles */

CURLM *
curl_multi_init(void)
{
	static CURLM *(*f)(void);

	return HAVE(f) ? f() : NULL;
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
	static CURLMcode (*f)(CURLM *);

	return HAVE(f) ? f(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
	static CURLMcode (*f)(CURLM *, CURLMoption, ...);
	CURLMcode rc;
	va_list ap;

	if (!HAVE(f))
		return CURLM_INTERNAL_ERROR;
	va_start(ap, opt);
	rc = FORWARD_OPTION(f, m, opt, ap);
	va_end(ap);
	return rc;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *h)
{
	static CURLMcode (*f)(CURLM *, CURL *);

	return HAVE(f) ? f(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *h)
{
	static CURLMcode (*f)(CURLM *, CURL *);

	return HAVE(f) ? f(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
	static CURLMcode (*f)(CURLM *, int *);

	return HAVE(f) ? f(m, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int n,
    int timeout_ms, int *numfds)
{
	static CURLMcode (*f)(CURLM *, struct curl_waitfd[], unsigned int, int,
	    int *);

	return HAVE(f) ? f(m, extra, n, timeout_ms, numfds) :
	    CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_timeout(CURLM *m, long *ms)
{
	static CURLMcode (*f)(CURLM *, long *);

	return HAVE(f) ? f(m, ms) : CURLM_INTERNAL_ERROR;
}

CURLMcode
curl_multi_fdset(CURLM *m, fd_set *r, fd_set *w, fd_set *e, int *max)
{
	static CURLMcode (*f)(CURLM *, fd_set *, fd_set *, fd_set *, int *);

	return HAVE(f) ? f(m, r, w, e, max) : CURLM_INTERNAL_ERROR;
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *left)
{
	static CURLMsg *(*f)(CURLM *, int *);

	return HAVE(f) ? f(m, left) : NULL;
}
