/* commands.c: the command table. */
#include <stddef.h>
#include <string.h>

#include "cli.h"

extern const struct command cmd_add, cmd_demo, cmd_feeds, cmd_ingest,
    cmd_list, cmd_mark_read, cmd_remove, cmd_search, cmd_show;
extern const struct command cmd_refs, cmd_names;	/* src/xref */
extern const struct command cmd_parse;			/* src/parse */
extern const struct command cmd_import, cmd_export;	/* src/subs */
extern const struct command cmd_beat, cmd_rules;	/* src/beats */
extern const struct command cmd_poll;			/* src/fetch */
extern const struct command cmd_open, cmd_read;		/* src/tui */
extern const struct command cmd_quote, cmd_quotes, cmd_tags; /* src/quotes */

extern const struct command cmd_backup, cmd_doc, cmd_fulltext,
    cmd_import_archive, cmd_prune, cmd_stats, cmd_vacuum; /* src/docs */
const struct command *const commands[] = {
	&cmd_add,
	&cmd_backup,
	&cmd_beat,
	&cmd_demo,
	&cmd_doc,
	&cmd_export,
	&cmd_feeds,
	&cmd_fulltext,
	&cmd_import,
	&cmd_import_archive,
	&cmd_ingest,
	&cmd_list,
	&cmd_mark_read,
	&cmd_names,
	&cmd_open,
	&cmd_parse,
	&cmd_poll,
	&cmd_prune,
	&cmd_quote,
	&cmd_quotes,
	&cmd_read,
	&cmd_refs,
	&cmd_remove,
	&cmd_rules,
	&cmd_search,
	&cmd_show,
	&cmd_stats,
	&cmd_tags,
	&cmd_vacuum,
	NULL
};

const struct command *
command_find(const char *name)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}
