/*
 * schema.c: the archive's schema, as forward migrations.
 *
 * migrations[i] takes an archive from user_version i to i + 1.  They run in
 * one transaction when the archive is opened; an archive whose user_version
 * is above the last one was written by a newer dossier and is refused.
 */
#include <stddef.h>

#include "store_int.h"

/* The full-text index's triggers' statements (migrations 6 and 8). */
#define FTS_ADD_NEW \
	"  INSERT INTO articles_fts(rowid, title, author, text, fulltext_plain)" \
	"  VALUES (new.id, new.title, new.author, new.text," \
	"  new.fulltext_plain);"
#define FTS_DROP_OLD \
	"  INSERT INTO articles_fts(articles_fts, rowid, title, author, text," \
	"  fulltext_plain) VALUES ('delete', old.id, old.title, old.author," \
	"  old.text, old.fulltext_plain);"

/* Is the article whose id is ID (new.id, old.article_id...) in the
 * full-text indexes, or to be put there by the trigger?  Not while a
 * transaction defers it (migration 8). */
#define INDEXED_NOW(id) \
	id " < coalesce((SELECT pending_from FROM fts_state), " id " + 1)"

static const char *const migrations[] = {
	/* 0 -> 1: the archive */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT,"			/* from the feed */
	"  user_title TEXT,"		/* set by the user; wins */
	"  site_url TEXT,"
	"  description TEXT,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  last_poll INTEGER,"
	"  http_status INTEGER,"
	"  last_error TEXT,"
	"  retry_after INTEGER NOT NULL DEFAULT 0,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  kind INTEGER NOT NULL DEFAULT 0,"	/* 0 feed, 1 documents */
	"  added INTEGER NOT NULL"
	");"
	"CREATE TABLE tags ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE feed_tags ("
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (feed_id, tag_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX feed_tags_tag ON feed_tags(tag_id);"
	"CREATE TABLE articles ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT,"
	"  url TEXT,"
	"  norm_url TEXT,"		/* normalised, for cross-references */
	"  title TEXT,"
	"  author TEXT,"
	"  published INTEGER,"
	"  updated INTEGER,"
	"  sort_date INTEGER NOT NULL,"	/* published, else updated, else first_seen */
	"  categories TEXT,"		/* one per line */
	"  summary TEXT,"
	"  content TEXT,"
	"  fulltext TEXT,"		/* the linked page's main content */
	"  text TEXT,"			/* plain text, what search indexes */
	"  hash TEXT,"			/* of the stored version */
	"  first_seen INTEGER NOT NULL,"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  starred INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX articles_feed_guid ON articles(feed_id, guid);"
	"CREATE INDEX articles_feed_url ON articles(feed_id, url);"
	"CREATE INDEX articles_norm_url ON articles(norm_url);"
	"CREATE INDEX articles_sort ON articles(sort_date DESC, id DESC);"
	"CREATE INDEX articles_feed_sort ON articles(feed_id, sort_date DESC, id DESC);"
	"CREATE INDEX articles_unread ON articles(sort_date DESC, id DESC) WHERE read = 0;"
	"CREATE INDEX articles_starred ON articles(sort_date DESC, id DESC) WHERE starred = 1;"
	"CREATE TABLE enclosures ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  url TEXT NOT NULL,"
	"  type TEXT,"
	"  length INTEGER"
	");"
	"CREATE INDEX enclosures_article ON enclosures(article_id);"
	/* What an article said before a silent edit. */
	"CREATE TABLE article_versions ("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  hash TEXT NOT NULL,"
	"  title TEXT,"
	"  summary TEXT,"
	"  content TEXT,"
	"  text TEXT,"
	"  seen INTEGER NOT NULL"	/* when it was replaced */
	");"
	"CREATE INDEX article_versions_article ON article_versions(article_id);"
	/* Quotes: a TextQuoteSelector (exact, prefix, suffix) plus offsets. */
	"CREATE TABLE quotes ("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL,"
	"  prefix TEXT NOT NULL DEFAULT '',"
	"  suffix TEXT NOT NULL DEFAULT '',"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  version_hash TEXT,"
	"  speaker TEXT,"
	"  note TEXT,"
	"  orphaned INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL,"
	"  modified INTEGER NOT NULL"
	");"
	"CREATE INDEX quotes_article ON quotes(article_id);"
	"CREATE TABLE quote_tags ("
	"  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (quote_id, tag)"
	") WITHOUT ROWID;"
	"CREATE INDEX quote_tags_tag ON quote_tags(tag);"
	/* Cross-references: normalised links out of each article. */
	"CREATE TABLE links ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  url TEXT NOT NULL,"		/* normalised */
	"  raw_url TEXT NOT NULL,"
	"  text TEXT,"
	"  PRIMARY KEY (article_id, url)"
	") WITHOUT ROWID;"
	"CREATE INDEX links_url ON links(url);"
	"CREATE TABLE names ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE article_names ("
	"  name_id INTEGER NOT NULL REFERENCES names(id) ON DELETE CASCADE,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (name_id, article_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX article_names_article ON article_names(article_id);"
	/* Full-text index over title, author and text, kept in sync here. */
	"CREATE VIRTUAL TABLE articles_fts USING fts5("
	"  title, author, text,"
	"  content='articles', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
	"  INSERT INTO articles_fts(rowid, title, author, text)"
	"  VALUES (new.id, new.title, new.author, new.text);"
	"END;"
	"CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
	"  INSERT INTO articles_fts(articles_fts, rowid, title, author, text)"
	"  VALUES ('delete', old.id, old.title, old.author, old.text);"
	"END;"
	"CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, author, text"
	"  ON articles BEGIN"
	"  INSERT INTO articles_fts(articles_fts, rowid, title, author, text)"
	"  VALUES ('delete', old.id, old.title, old.author, old.text);"
	"  INSERT INTO articles_fts(rowid, title, author, text)"
	"  VALUES (new.id, new.title, new.author, new.text);"
	"END;"
	/* The built-in source that documents live in. */
	"INSERT INTO feeds (url, title, kind, added)"
	"  VALUES ('dossier:documents', 'Documents', 1, strftime('%s', 'now'));",
	/* 1 -> 2: cross-references (src/xref): link order, quotations */
	"ALTER TABLE links ADD COLUMN pos INTEGER NOT NULL DEFAULT 0;"	/* [N] */
	"CREATE INDEX names_nocase ON names(name COLLATE NOCASE);"
	"CREATE TABLE xref_quotes ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  quote_no INTEGER NOT NULL,"	/* 1, 2, ... in the article */
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (article_id, quote_no)"
	") WITHOUT ROWID;"
	/* hashes of the XREF_WINDOW-word windows of each quotation */
	"CREATE TABLE xref_shingles ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  quote_no INTEGER NOT NULL,"
	"  pos INTEGER NOT NULL,"		/* first word of the window */
	"  hash INTEGER NOT NULL,"
	"  PRIMARY KEY (article_id, quote_no, pos)"
	") WITHOUT ROWID;"
	"CREATE INDEX xref_shingles_hash ON xref_shingles(hash);",
	/* 2 -> 3: beats, keep and ignore rules (src/beats) */
	"ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;"
							/* the ignore rule's id */
	"CREATE INDEX articles_hidden ON articles(hidden) WHERE hidden <> 0;"
	"CREATE TABLE beats ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  query TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  modified INTEGER NOT NULL"
	");"
	"CREATE TABLE rules ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"			/* keep, ignore */
	"  origin TEXT NOT NULL,"		/* command, config */
	"  feed_id INTEGER REFERENCES feeds(id) ON DELETE CASCADE,"
	"  target TEXT NOT NULL DEFAULT '',"	/* config keep: URL, tag:T */
	"  query TEXT NOT NULL,"		/* keep: the beat */
	"  discard INTEGER NOT NULL DEFAULT 0,"	/* ignore --drop */
	"  days INTEGER NOT NULL DEFAULT 0,"	/* ignore --expire; 0 never */
	"  created INTEGER NOT NULL"
	");"
	"CREATE UNIQUE INDEX rules_key ON rules(kind, origin,"
	"  coalesce(feed_id, 0), target, query, discard, days);"
	"CREATE UNIQUE INDEX rules_keep_feed ON rules(feed_id)"
	"  WHERE feed_id IS NOT NULL;"
	"CREATE TABLE rule_hits ("		/* in each feed's last poll */
	"  rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  count INTEGER NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  PRIMARY KEY (rule_id, feed_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX rule_hits_feed ON rule_hits(feed_id);"
	"CREATE TRIGGER rules_unhide AFTER DELETE ON rules BEGIN"
	"  UPDATE articles SET hidden = 0 WHERE hidden = old.id AND hidden <> 0;"
	"END;",
	/* 3 -> 4: items the rules left out, so that the next poll of the
	 * feed passes over them unless they or the rules change (src/beats) */
	"CREATE TABLE beats_skipped ("
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"		/* guid, link, or title and date */
	"  hash TEXT NOT NULL,"		/* of what the rules look at */
	"  rules TEXT NOT NULL,"		/* which rules (a hash) */
	"  rule_id INTEGER NOT NULL"		/* the one that left it out */
	"    REFERENCES rules(id) ON DELETE CASCADE,"
	"  seen INTEGER NOT NULL,"		/* the last poll that carried it */
	"  PRIMARY KEY (feed_id, key)"
	") WITHOUT ROWID;"
	"CREATE INDEX beats_skipped_rule ON beats_skipped(rule_id);",
	/* 4 -> 5: indexes for the lists and counts now that ignored
	 * articles are hidden: per-feed counts read one covering index, and
	 * each list has a partial index in display order. */
	"CREATE INDEX articles_feed_state ON articles(feed_id, hidden, read);"
	"DROP INDEX articles_unread;"
	"DROP INDEX articles_starred;"
	"CREATE INDEX articles_visible ON articles(sort_date DESC, id DESC)"
	"  WHERE hidden = 0;"
	"CREATE INDEX articles_unread ON articles(sort_date DESC, id DESC)"
	"  WHERE read = 0 AND hidden = 0;"
	"CREATE INDEX articles_starred ON articles(sort_date DESC, id DESC)"
	"  WHERE starred = 1 AND hidden = 0;",
	/* 5 -> 6: full texts (src/docs).  Their plain text goes into the
	 * search index as a fourth column, so the index is made again (the
	 * one costly step: a rebuild reads every article once, 50 s and a
	 * 700 MB WAL for the 100,000 articles of bench/ on a 6 GB archive,
	 * all or nothing in the migration's transaction); why the last
	 * fetch of one failed; `add --fulltext`. */
	"ALTER TABLE articles ADD COLUMN fulltext_plain TEXT;"
	"ALTER TABLE articles ADD COLUMN fulltext_error TEXT;"
	"ALTER TABLE feeds ADD COLUMN fulltext INTEGER;"	/* NULL: config */
	/* full texts stored before this version, made plain on the side */
	"CREATE INDEX articles_fulltext_unindexed ON articles(id)"
	"  WHERE fulltext IS NOT NULL AND fulltext_plain IS NULL;"
	"DROP TRIGGER articles_fts_ai;"
	"DROP TRIGGER articles_fts_ad;"
	"DROP TRIGGER articles_fts_au;"
	"DROP TABLE articles_fts;"
	"CREATE VIRTUAL TABLE articles_fts USING fts5("
	"  title, author, text, fulltext_plain,"
	"  content='articles', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 2');"
	"INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');"
	"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN"
	FTS_ADD_NEW
	"END;"
	"CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN"
	FTS_DROP_OLD
	"END;"
	"CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, author, text,"
	"  fulltext_plain ON articles BEGIN"
	FTS_DROP_OLD
	FTS_ADD_NEW
	"END;",
	/* 6 -> 7: how many stories name each name, kept as they come and
	 * go (src/xref), so that a name in most of the archive is not
	 * counted again for every references panel.  NULL: not kept (rows
	 * imported from an older dump); the queries count them then. */
	"ALTER TABLE names ADD COLUMN stories INTEGER;"
	"UPDATE names SET stories = (SELECT count(*) FROM article_names an"
	"  WHERE an.name_id = names.id);"
	"CREATE TRIGGER article_names_ad AFTER DELETE ON article_names BEGIN"
	"  UPDATE names SET stories = stories - 1 WHERE id = old.name_id;"
	"END;",
	/* 7 -> 8: a transaction that stores many articles indexes them for
	 * full-text search once, when it commits (store.c, fts_defer()).
	 * FTS5 writes what it holds to disk at every savepoint, and SQLite
	 * opens one for each statement that fires a trigger: indexed by the
	 * trigger, each new article became a segment of its own and FTS5
	 * merged them all the time (a fifth of a cold poll's CPU).  While
	 * fts_state.pending_from is set, the articles from that id on are
	 * not in the index and the triggers leave them alone; it is only
	 * ever set inside a transaction, which indexes them and clears it
	 * before it commits. */
	"CREATE TABLE fts_state (pending_from INTEGER);"
	"INSERT INTO fts_state VALUES (NULL);"
	"DROP TRIGGER articles_fts_ai;"
	"DROP TRIGGER articles_fts_ad;"
	"DROP TRIGGER articles_fts_au;"
	"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles"
	"  WHEN " INDEXED_NOW("new.id") " BEGIN"
	FTS_ADD_NEW
	"END;"
	"CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles"
	"  WHEN " INDEXED_NOW("old.id") " BEGIN"
	FTS_DROP_OLD
	"END;"
	"CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, author, text,"
	"  fulltext_plain ON articles WHEN " INDEXED_NOW("old.id") " BEGIN"
	FTS_DROP_OLD
	FTS_ADD_NEW
	"END;",
	/* 8 -> 9: the keys of cross-references in an FTS5 index (keys.c):
	 * articles and their links by their URLs' hashes, quotation windows
	 * by theirs, names by their id, one row of keys an article, written
	 * as one sorted segment per transaction instead of a random page of
	 * articles_norm_url, links_url, xref_shingles_hash and article_names
	 * per key (xref_shingles is no longer written).  A name's id is the
	 * hash of the name (NAME_ID), so that
	 * storing one is a single upsert, without the index of names;
	 * article_names is kept in article order.  Deferred with the
	 * full-text index (migration 8). */
	"CREATE TABLE names_by_hash ("
	"  id INTEGER PRIMARY KEY,"		/* NAME_ID(name) */
	"  name TEXT NOT NULL,"
	"  stories INTEGER"
	");"
	"INSERT OR IGNORE INTO names_by_hash (id, name, stories)"
	"  SELECT " NAME_ID("name") ", name, stories FROM names;"
	"CREATE TABLE article_names_moved AS"
	"  SELECT an.article_id, " NAME_ID("n.name") " AS name_id, an.count"
	"  FROM article_names an JOIN names n ON n.id = an.name_id;"
	"DROP TABLE article_names;"
	"DROP TABLE names;"
	"ALTER TABLE names_by_hash RENAME TO names;"
	"CREATE INDEX names_nocase ON names(name COLLATE NOCASE);"
	"CREATE TABLE article_names ("
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  name_id INTEGER NOT NULL REFERENCES names(id) ON DELETE CASCADE,"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (article_id, name_id)"
	") WITHOUT ROWID;"
	"INSERT OR IGNORE INTO article_names (article_id, name_id, count)"
	"  SELECT article_id, name_id, count FROM article_names_moved"
	"  ORDER BY article_id, name_id;"
	"DROP TABLE article_names_moved;"
	"CREATE TRIGGER article_names_ad AFTER DELETE ON article_names BEGIN"
	"  UPDATE names SET stories = stories - 1 WHERE id = old.name_id;"
	"END;"
	"CREATE TABLE xref_terms ("
	"  article_id INTEGER PRIMARY KEY"
	"    REFERENCES articles(id) ON DELETE CASCADE,"
	"  terms TEXT NOT NULL"
	");"
	"CREATE VIRTUAL TABLE xref_keys USING fts5(terms,"
	"  content='xref_terms', content_rowid='article_id',"
	"  detail=none, columnsize=0, tokenize='ascii');"
	"CREATE TRIGGER xref_terms_ai AFTER INSERT ON xref_terms"
	"  WHEN " INDEXED_NOW("new.article_id") " BEGIN"
	"  INSERT INTO xref_keys(rowid, terms) VALUES (new.article_id,"
	"  new.terms);"
	"END;"
	"CREATE TRIGGER xref_terms_ad AFTER DELETE ON xref_terms"
	"  WHEN " INDEXED_NOW("old.article_id") " BEGIN"
	"  INSERT INTO xref_keys(xref_keys, rowid, terms) VALUES ('delete',"
	"  old.article_id, old.terms);"
	"END;"
	"CREATE TRIGGER xref_terms_au AFTER UPDATE ON xref_terms"
	"  WHEN " INDEXED_NOW("old.article_id") " BEGIN"
	"  INSERT INTO xref_keys(xref_keys, rowid, terms) VALUES ('delete',"
	"  old.article_id, old.terms);"
	"  INSERT INTO xref_keys(rowid, terms) VALUES (new.article_id,"
	"  new.terms);"
	"END;"
	XREF_TERMS_FILL
	"INSERT INTO xref_keys(xref_keys) VALUES ('optimize');"
	/* windows are made again from xref_quotes.text when needed: the
	 * table stays, empty, for the dumps of older archives */
	"DELETE FROM xref_shingles;"
	"DROP INDEX articles_norm_url;"
	"DROP INDEX links_url;"
	"DROP INDEX xref_shingles_hash;",
};

size_t
store_nmigrations(void)
{
	return sizeof(migrations) / sizeof(migrations[0]);
}

const char *
store_migration(size_t i)
{
	return i < store_nmigrations() ? migrations[i] : NULL;
}
