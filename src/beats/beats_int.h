/* beats_int.h: what the files of src/beats share; not a public interface. */
#ifndef DOSSIER_BEATS_INT_H
#define DOSSIER_BEATS_INT_H

#include <stdint.h>

struct store;
struct rule;
struct beats_probe;
struct quick;

/* Record sqlite's message with a context ("what: message"); returns -1. */
int	 beats_sqlerr(struct store *, const char *what);
/* YYYY-MM-DD to the epoch second of its midnight UTC; -1 if malformed. */
int	 beats_parse_date(const char *, int64_t *);
/* The raw text of a config directive after its first n words. */
const char *beats_raw_skip(const char *raw, size_t n);

/*
 * Matching new items against several rules: each article is tokenised once
 * into an FTS5 table in memory (see rule.c).
 */
struct beats_probe *beats_probe_new(struct store *);
int	 beats_probe_load(struct beats_probe *, int64_t article_id);
/* Forget the loaded article (before it changes or its id is reused). */
int	 beats_probe_clear(struct beats_probe *);
/* Forget every article loaded (to free their memory). */
int	 beats_probe_reset(struct beats_probe *);
void	 beats_probe_free(struct beats_probe *);
/*
 * The words that are whole alternatives of a MATCH expression (quick.c),
 * NULL if none; whether a text surely holds one as a token (0: don't
 * know).
 */
struct quick *beats_quick_new(const char *fts);
void	 beats_quick_free(struct quick *);
int	 beats_quick_match(const struct quick *, const char *, size_t);

/* rule_match() with a shared probe: 1, 0, -1. */
int	 beats_rule_match(struct rule *, struct beats_probe *, int64_t id);

#endif
