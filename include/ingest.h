/*
 * ingest.h: one feed document into the archive.
 *
 * The pipeline that `dossier ingest` and `dossier poll` share: bytes are
 * pushed into the feed parser; each item is rendered to plain text, stored
 * (deduplicated) and indexed for cross-references.  All of a feed's items
 * land in one transaction: ingest_finish() commits, any failure rolls back
 * and leaves the archive as it was (inside a store batch, the transaction
 * is a savepoint of it: see store_batch_begin()).  The feed's title and
 * site are updated from the document.
 */
#ifndef DOSSIER_INGEST_H
#define DOSSIER_INGEST_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct config;
struct ingest;

struct ingest_stats {
	int64_t	 new_items;
	int64_t	 updated;
	int64_t	 unchanged;
	int64_t	 skipped;		/* left out by a keep or ignore rule */
	int64_t	 over_max;		/* left out or removed by max-items */
};

/*
 * Start ingesting into feed feed_id (subscribed as feed_url, used as the
 * base of relative links).  cfg may be NULL (defaults).
 */
struct ingest *ingest_new(struct store *, int64_t feed_id,
	    const char *feed_url, const struct config *cfg);
int	 ingest_push(struct ingest *, const char *buf, size_t len);
/* Give up (a read error): ingest_finish() will roll back. */
void	 ingest_abort(struct ingest *);
/* Parse the rest and commit.  -1: nothing was stored; see errmsg. */
int	 ingest_finish(struct ingest *);
const struct ingest_stats *ingest_stats(const struct ingest *);
const char *ingest_errmsg(const struct ingest *);
/* Problems the parser recovered from (one line each). */
size_t	 ingest_nwarnings(const struct ingest *);
const char *ingest_warning(const struct ingest *, size_t);
/* Feeds advertised by an HTML page that was given instead of a feed. */
size_t	 ingest_nalternates(const struct ingest *);
const char *ingest_alternate(const struct ingest *, size_t);
void	 ingest_free(struct ingest *);

#endif
