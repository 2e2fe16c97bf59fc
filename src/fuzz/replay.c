/*
 * replay.c: run a libFuzzer target's LLVMFuzzerTestOneInput() on files,
 * without libFuzzer, so that the corpora replay in the normal (sanitizer)
 * build: `replay-NAME FILE|DIR...` (a directory: every file in it, in
 * name order).  Each file's name goes to stderr before it runs, so that
 * the last one named is the one that crashed.  Exit 0, or 1 when a file
 * could not be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dstr.h"
#include "xalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
replay_file(const char *path)
{
	struct dstr d = DSTR_INIT;
	char buf[65536];
	uint8_t *copy;
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		dstr_add(&d, buf, n);
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(fp);
		dstr_release(&d);
		return -1;
	}
	fclose(fp);
	fprintf(stderr, "%s\n", path);
	/* an exact-size copy, so that ASan sees reads past the end */
	copy = xmalloc(d.len ? d.len : 1);
	memcpy(copy, d.buf, d.len);
	LLVMFuzzerTestOneInput(copy, d.len);
	free(copy);
	dstr_release(&d);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_dir(const char *dir)
{
	struct dstr path = DSTR_INIT;
	struct dirent *de;
	struct stat sb;
	char **names = NULL;
	size_t n = 0, i;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		dstr_reset(&path);
		dstr_addf(&path, "%s/%s", dir, names[i]);
		if (stat(path.buf, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    replay_file(path.buf) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	dstr_release(&path);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat sb;
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (replay_dir(argv[i]) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0)
			rc = 1;
	}
	return rc;
}
