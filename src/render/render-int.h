/*
 * render-int.h: the parsed form of a document, shared by html.c (which
 * builds it) and wrap.c (which lays it out).  Private to src/render.
 */
#ifndef DOSSIER_RENDER_INT_H
#define DOSSIER_RENDER_INT_H

#include <stddef.h>

#define RENDER_NONE	((size_t)-1)

/* Deeper elements are flattened: no more styles, lists or quotes. */
#define RENDER_MAX_DEPTH	200

enum render_cont_kind {
	RC_QUOTE,		/* "> " before every line */
	RC_LIST,		/* ul, ol: nothing by itself */
	RC_ITEM,		/* li: marker on its first line, blanks after */
	RC_INDENT,		/* dd: blanks */
};

/* A container around blocks; they form a tree through parent. */
struct render_cont {
	size_t	 parent;	/* RENDER_NONE at the top */
	size_t	 first_block;	/* first block inside, or RENDER_NONE */
	int	 kind;
	int	 depth;		/* number of containers above */
	int	 width;		/* display width of marker (items, indents) */
	int	 level;		/* lists: nesting level from 1 */
	int	 ordered;	/* lists */
	int	 numwidth;	/* ordered lists: digits of the widest number */
	long	 next;		/* ordered lists: next number */
	char	 marker[24];	/* items: "* ", "- ", " 9. " */
};

/* A run of one style inside a block's text; off is relative to the block. */
struct render_run {
	size_t	 off, len;
	size_t	 src;		/* absolute plain offset or RENDER_NONE */
	int	 style;
};

enum render_block_kind {
	RB_TEXT,		/* wrapped; '\n' is a hard break */
	RB_PRE,			/* not wrapped */
	RB_RULE,		/* hr: no text */
};

struct render_block {
	size_t	 off, len;	/* in body->text */
	size_t	 run, nrun;	/* in body->runs */
	size_t	 cont;		/* innermost container or RENDER_NONE */
	int	 kind;
	int	 sep;		/* before it: 1 newline, 2 blank line */
};

struct render_body {
	char			*text;
	size_t			 textlen;
	struct render_run	*runs;
	size_t			 nruns;
	struct render_block	*blocks;
	size_t			 nblocks;
	struct render_cont	*conts;
	size_t			 nconts;
};

#endif
