/*
 * detect.c: quotations in plain text and who said them; see quotes.h.
 *
 * One pass finds the spans between quotation marks, paragraph by paragraph
 * (a quotation left open at the end of a paragraph continues when the next
 * one opens with a quotation mark, as news copy does).  A second pass
 * attributes each span from the words around it: the clause after it
 * ("...," Kelley said / said Everett Kelley, president of AFGE) when the
 * quotation ends a clause, else the sentence before it (Kelley said: "...",
 * OPM said in a statement that "...", according to the letter, "...").  A
 * pronoun stands for the previous speaker when there was one nearby.
 *
 * The words come from a small tokenizer that knows the abbreviations that
 * are not the end of a sentence (Rep., D-Va., U.S.), and the verbs of
 * speech sit in a sorted table for bsearch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "quotes.h"
#include "render.h"
#include "utf8.h"
#include "xalloc.h"

#define LDQUO	0x201Cu		/* “ */
#define RDQUO	0x201Du		/* ” */
#define BDQUO	0x201Eu		/* „ */
#define LSQUO	0x2018u		/* ‘ */
#define RSQUO	0x2019u		/* ’ */
#define LAQUO	0x00ABu		/* « */
#define RAQUO	0x00BBu		/* » */
#define MDASH	0x2014u
#define NDASH	0x2013u
#define HELLIP	0x2026u

#define CTX_MAX	480		/* bytes of context looked at before a quote */
#define NTOK	256
#define NP_MAX	10		/* words in a speaker */
#define PREV_PARAS 2		/* how far back a pronoun may refer */

/* Code points */

static uint32_t
cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* The code point that ends just before i (i > 0). */
static uint32_t
cp_before(const char *s, size_t i, size_t *n)
{
	size_t j = i - 1;

	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return cp_at(s, i, j, n);
}

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
	    c == 0x3000;
}

static int
is_alnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c <= 0xBF || c == 0xD7 || c == 0xF7 || c == 0xFFFD)
		return 0;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE4F))
		return 0;
	return 1;
}

static int
is_upper_ascii(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_lower_ascii(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Span list */

void
quote_spans_init(struct quote_spans *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

static void
spans_clear(struct quote_spans *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].speaker);
	s->n = 0;
}

void
quote_spans_release(struct quote_spans *s)
{
	spans_clear(s);
	free(s->v);
	quote_spans_init(s);
}

static struct quote_span *
spans_push(struct quote_spans *s)
{
	struct quote_span *p;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	p = &s->v[s->n++];
	memset(p, 0, sizeof(*p));
	return p;
}

size_t
quote_spans_next(const struct quote_spans *s, size_t off)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].start > off)
			return i;
	return QUOTE_NONE;
}

size_t
quote_spans_prev(const struct quote_spans *s, size_t off)
{
	size_t i;

	for (i = s->n; i > 0; i--)
		if (s->v[i - 1].start < off)
			return i - 1;
	return QUOTE_NONE;
}

/* Pass 1: the spans between quotation marks */

enum family { F_NONE, F_DOUBLE, F_SINGLE, F_GUILL };

/* Does a quotation open at i (code point c, n bytes)? */
static enum family
opener(const char *s, size_t len, size_t i, uint32_t c, size_t n)
{
	uint32_t prev = ' ', next;
	size_t m;

	if (i + n >= len)
		return F_NONE;
	next = cp_at(s, len, i + n, &m);
	if (i > 0)
		prev = cp_before(s, i, &m);
	switch (c) {
	case '"':
		if (is_space(next) || is_alnum(prev) ||
		    (prev < 0x80 && strchr(".,!?;", (int)prev) != NULL))
			return F_NONE;
		return F_DOUBLE;
	case LDQUO:
	case BDQUO:
		return is_space(next) ? F_NONE : F_DOUBLE;
	case LAQUO:
		return F_GUILL;
	case LSQUO:
		/* ‘90s is an apostrophe, ‘Pack your desks’ a quotation */
		if (is_alnum(prev) || !is_alnum(next) ||
		    (next >= '0' && next <= '9'))
			return F_NONE;
		return F_SINGLE;
	}
	return F_NONE;
}

static int
closes(enum family f, uint32_t open, const char *s, size_t len, size_t i,
    uint32_t c, size_t n)
{
	uint32_t prev, next = ' ';
	size_t m;

	if (i + n < len)
		next = cp_at(s, len, i + n, &m);
	switch (f) {
	case F_DOUBLE:
		if (c == '"' || c == RDQUO)
			return 1;
		if (c == LDQUO) {
			/* „…“, or a “ typed for a ” */
			if (open == BDQUO)
				return 1;
			prev = cp_before(s, i, &m);
			return !is_space(prev) && !is_alnum(next);
		}
		return 0;
	case F_SINGLE:
		if (c != RSQUO)
			return 0;
		prev = cp_before(s, i, &m);
		return !is_space(prev) && !is_alnum(next);
	case F_GUILL:
		return c == RAQUO;
	case F_NONE:
		break;
	}
	return 0;
}

/* Does the paragraph at k continue a quotation of family f? */
static size_t
continues(enum family f, const char *s, size_t len, size_t k)
{
	uint32_t c;
	size_t n;

	if (k >= len)
		return 0;
	c = cp_at(s, len, k, &n);
	if (f == F_DOUBLE && (c == '"' || c == LDQUO || c == BDQUO))
		return n;
	if (f == F_GUILL && c == LAQUO)
		return n;
	return 0;
}

/* Context a later pass needs about each span. */
struct spaninfo {
	size_t	 para;			/* index of the opening paragraph */
	size_t	 close_para;		/* and of the closing one */
	size_t	 open_pstart;		/* where that paragraph starts */
	size_t	 close_pstart;		/* where the closing one starts */
	int	 clause_end;		/* the quotation ends a clause */
	int	 inner_end;		/* ... inside its marks ("...," said) */
	int	 ends_sentence;		/* ... or a sentence */
};

struct scan {
	const char		*s;
	size_t			 len;
	struct quote_spans	*out;
	struct spaninfo		*info;
	size_t			 ninfo, capinfo;
};

static struct spaninfo *
info_at(struct scan *sc, size_t i)
{
	if (i >= sc->capinfo) {
		sc->capinfo = sc->capinfo ? sc->capinfo * 2 : 16;
		while (sc->capinfo <= i)
			sc->capinfo *= 2;
		sc->info = xreallocarray(sc->info, sc->capinfo,
		    sizeof(*sc->info));
	}
	return &sc->info[i];
}

/* Count words (runs of letters and digits) in s[a..b), up to max + 1. */
static size_t
count_words(const char *s, size_t a, size_t b, size_t max)
{
	size_t n, words = 0;
	int in = 0;
	uint32_t c;

	while (a < b && words <= max) {
		c = cp_at(s, b, a, &n);
		if (is_alnum(c)) {
			if (!in)
				words++;
			in = 1;
		} else if (c != '\'' && c != RSQUO && c != '-')
			in = 0;
		a += n;
	}
	return words;
}

static void
emit(struct scan *sc, size_t open, size_t body, size_t close, size_t end,
    int flags, const struct spaninfo *inf)
{
	const char *s = sc->s;
	struct quote_span *sp;
	size_t ts = body, te = close, n, i;
	uint32_t c, last = 0;
	int letters = 0;

	while (ts < te && is_space(cp_at(s, te, ts, &n)))
		ts += n;
	while (te > ts && is_space(cp_before(s, te, &n)))
		te -= n;
	for (i = ts; i < te; i += n)
		if (is_alnum(cp_at(s, te, i, &n))) {
			letters = 1;
			break;
		}
	if (!letters)
		return;
	if (te > ts) {
		last = cp_before(s, te, &n);
		if (last == ',')
			te -= n;
	}
	sp = spans_push(sc->out);
	sp->start = open;
	sp->end = end;
	sp->text_start = ts;
	sp->text_end = te;
	sp->kind = QUOTE_MARKS;
	sp->flags = flags;
	*info_at(sc, sc->out->n - 1) = *inf;
	c = last;
	sc->info[sc->out->n - 1].ends_sentence = c == '.' || c == '?' ||
	    c == '!' || c == HELLIP;
	sc->info[sc->out->n - 1].clause_end = c == ',' || c == '?' ||
	    c == '!' || c == MDASH || c == NDASH || c == HELLIP || c == '-';
	sc->info[sc->out->n - 1].inner_end =
	    sc->info[sc->out->n - 1].clause_end;
	if (end < sc->len) {
		c = cp_at(s, sc->len, end, &n);
		if (c == ',' || c == MDASH || c == NDASH)
			sc->info[sc->out->n - 1].clause_end = 1;
	}
}

static void
find_marks(struct scan *sc)
{
	const char *s = sc->s;
	size_t len = sc->len, i = 0, j, k, n, para = 0, pstart = 0;
	size_t open = 0, body = 0;
	enum family in = F_NONE;
	struct spaninfo inf;
	uint32_t c, open_cp = 0;
	int flags = 0;

	memset(&inf, 0, sizeof(inf));
	while (i < len) {
		if (s[i] == '\n') {
			for (j = i; j < len && (s[j] == '\n' || s[j] == '\r');)
				j++;
			k = j;
			while (k < len && (s[k] == ' ' || s[k] == '\t'))
				k++;
			para++;
			pstart = j;
			if (in != F_NONE) {
				if ((n = continues(in, s, len, k)) > 0) {
					flags |= QSPAN_CONTINUED;
					i = k + n;
					continue;
				}
				in = F_NONE;	/* never closed: not a quote */
			}
			i = j;
			continue;
		}
		if ((unsigned char)s[i] < 0x80 && s[i] != '"') {
			i++;
			continue;
		}
		c = cp_at(s, len, i, &n);
		if (in == F_NONE) {
			if ((in = opener(s, len, i, c, n)) != F_NONE) {
				open = i;
				body = i + n;
				open_cp = c;
				flags = 0;
				inf.para = para;
				inf.open_pstart = pstart;
			}
		} else if (closes(in, open_cp, s, len, i, c, n)) {
			inf.close_pstart = pstart;
			inf.close_para = para;
			emit(sc, open, body, i, i + n, flags, &inf);
			in = F_NONE;
		}
		i += n;
	}
}

/* Tokens */

enum toktype {
	T_WORD, T_COMMA, T_COLON, T_SEMI, T_STOP, T_LPAREN, T_RPAREN,
	T_DASH, T_QUOTE, T_OTHER
};

struct tok {
	size_t		 s, e;
	enum toktype	 t;
};

struct toks {
	const char	*src;
	struct tok	 v[NTOK];
	size_t		 n;
};

static int
tok_is(const struct toks *tk, size_t i, const char *w)
{
	const struct tok *t = &tk->v[i];
	size_t l = strlen(w);

	return t->t == T_WORD && t->e - t->s == l &&
	    memcmp(tk->src + t->s, w, l) == 0;
}

/* Same, ignoring the case of the first letter. */
static int
tok_is_ci1(const struct toks *tk, size_t i, const char *w)
{
	const struct tok *t = &tk->v[i];
	size_t l = strlen(w);
	char c;

	if (t->t != T_WORD || t->e - t->s != l || l == 0)
		return 0;
	c = tk->src[t->s];
	if (is_upper_ascii(c))
		c = (char)(c - 'A' + 'a');
	return c == w[0] && memcmp(tk->src + t->s + 1, w + 1, l - 1) == 0;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is word s[0..l) in the sorted table? */
static int
in_table(const char *const *tab, size_t n, const char *s, size_t l)
{
	char buf[32];
	const char *key = buf;

	if (l == 0 || l >= sizeof(buf))
		return 0;
	memcpy(buf, s, l);
	buf[l] = '\0';
	return bsearch(&key, tab, n, sizeof(*tab), strp_cmp) != NULL;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Words followed by a period that do not end a sentence. */
static const char *const abbrevs[] = {
	"Adm", "Ala", "Ariz", "Ark", "Atty", "Ave", "Blvd", "Brig", "Calif",
	"Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec",
	"Del", "Dept", "Dr", "Feb", "Fla", "Ft", "Ga", "Gen", "Gov", "Hon",
	"Ill", "Inc", "Ind", "Jan", "Jr", "Kan", "Ky", "La", "Lt", "Ltd",
	"Maj", "Mass", "Md", "Messrs", "Mich", "Minn", "Miss", "Mo", "Mont",
	"Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Okla", "Ore", "Pa",
	"Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sep", "Sept",
	"Sgt", "Sr", "St", "Supt", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
	"Wyo", "etc", "vs",
};

static int
is_abbrev(const char *s, size_t a, size_t e)
{
	size_t i, seg = a;

	if (e - a == 1)
		return 1;			/* an initial */
	for (i = a; i < e; i++) {
		if (s[i] == '.')
			return 1;		/* U.S, p.m */
		if (s[i] == '-')
			seg = i + 1;		/* D-Va */
	}
	return in_table(abbrevs, NELEM(abbrevs), s + seg, e - seg);
}

/* Split s[a..b) into tokens; keep the last NTOK if there are more. */
static void
tokenize(struct toks *tk, const char *s, size_t a, size_t b)
{
	size_t i = a, n, m, j;
	uint32_t c, d;
	struct tok *t;

	tk->src = s;
	tk->n = 0;
	while (i < b) {
		c = cp_at(s, b, i, &n);
		if (is_space(c)) {
			i += n;
			continue;
		}
		if (tk->n == NTOK) {
			memmove(tk->v, tk->v + NTOK / 2,
			    (NTOK / 2) * sizeof(*tk->v));
			tk->n = NTOK / 2;
		}
		t = &tk->v[tk->n++];
		t->s = i;
		if (is_alnum(c)) {
			j = i + n;
			while (j < b) {
				c = cp_at(s, b, j, &n);
				if (is_alnum(c)) {
					j += n;
					continue;
				}
				if ((c == '\'' || c == RSQUO || c == '-' ||
				    c == '.' || c == '&' || c == 0x2011) &&
				    j + n < b &&
				    is_alnum(d = cp_at(s, b, j + n, &m)) &&
				    (c != '.' || !(d >= '0' && d <= '9'))) {
					j += n + m;
					continue;
				}
				break;
			}
			if (j < b && s[j] == '.' && is_abbrev(s, i, j))
				j++;
			t->e = j;
			t->t = T_WORD;
			i = j;
			continue;
		}
		t->e = i + n;
		switch (c) {
		case '.':
			while (t->e < b && s[t->e] == '.')
				t->e++;
			t->t = T_STOP;
			break;
		case '!':
		case '?':
		case HELLIP:
			t->t = T_STOP;
			break;
		case ',':
			t->t = T_COMMA;
			break;
		case ':':
			t->t = T_COLON;
			break;
		case ';':
			t->t = T_SEMI;
			break;
		case '(':
		case '[':
			t->t = T_LPAREN;
			break;
		case ')':
		case ']':
			t->t = T_RPAREN;
			break;
		case MDASH:
		case NDASH:
		case '-':
			t->t = T_DASH;
			break;
		case '"':
		case LDQUO:
		case RDQUO:
		case BDQUO:
		case LSQUO:
		case RSQUO:
		case LAQUO:
		case RAQUO:
			t->t = T_QUOTE;
			break;
		default:
			t->t = T_OTHER;
		}
		i = t->e;
	}
}

/* Attribution */

/* Verbs that introduce what someone said or wrote. */
static const char *const verbs[] = {
	"acknowledged", "added", "adds", "admits", "admitted", "advised",
	"agreed", "announced", "announces", "answered", "argued", "argues",
	"asked", "asks", "asserted", "asserts", "boasted", "called",
	"cautioned", "charged", "claimed", "claims", "commented",
	"complained", "conceded", "concluded", "confirmed", "contended",
	"continued", "countered", "declared", "declares", "demanded",
	"emailed", "emphasized", "explained", "explains", "insisted",
	"insists", "joked", "lamented", "maintained", "noted", "notes",
	"observed", "pleaded", "posted", "posts", "predicted", "promised",
	"quipped", "read", "reads", "recalled", "recalls", "remarked",
	"replied", "replies", "responded", "said", "say", "says", "shouted",
	"stated", "states", "stressed", "suggested", "tells", "testified",
	"texted", "told", "tweeted", "tweets", "urged", "vowed", "warned",
	"warns", "writes", "wrote",
};

static const char *const weekdays[] = {
	"Friday", "Monday", "Saturday", "Sunday", "Thursday", "Tuesday",
	"Wednesday",
};

/* Words that end a speaker named after the verb (said X on Monday). */
static const char *const np_stops[] = {
	"Friday", "Monday", "Saturday", "Sunday", "Thursday", "Tuesday",
	"Wednesday", "according", "adding", "after", "and", "as", "because",
	"before", "but", "during", "earlier", "in", "last", "later", "on",
	"or", "recently", "said", "says", "that", "this", "through", "to",
	"today", "told", "tonight", "via", "when", "which", "while", "who",
	"whom", "whose", "yesterday",
};

/* Prepositions that belong to a descriptive speaker (a spokesperson for
 * OPM) but not to a name (said Kelley at a rally). */
static const char *const np_preps[] = {
	"at", "for", "from", "with",
};

/* Words dropped at the start of a subject (But Kelley said). */
static const char *const lead_drop[] = {
	"Also", "And", "But", "However", "Meanwhile", "Now", "So", "Still",
	"Then", "Yet", "also", "and", "but", "however", "meanwhile", "now",
	"so", "still", "then", "yet",
};

/* Words dropped at the end of a subject (Kelley has also said). */
static const char *const tail_drop[] = {
	"again", "allegedly", "already", "also", "angrily", "bluntly", "can",
	"could", "did", "do", "does", "earlier", "first", "flatly", "further",
	"had", "has", "have", "initially", "just", "later", "long", "may",
	"might", "often", "once", "previously", "privately", "publicly",
	"quickly", "recently", "repeatedly", "reportedly", "separately",
	"should", "simply", "since", "subsequently", "then", "will", "would",
};

/* Words a subject cannot contain: the verb belongs to another clause. */
static const char *const subj_reject[] = {
	"How", "If", "What", "When", "Where", "Whether", "Why", "are", "be",
	"because", "been", "being", "how", "if", "is", "was", "were", "what",
	"when", "where", "whether", "why",
};

/* Words that end a subject: the relative clause after it is dropped. */
static const char *const subj_cut[] = {
	"that", "which", "who", "whom", "whose",
};

static int
tok_in(const struct toks *tk, size_t i, const char *const *tab, size_t n)
{
	const struct tok *t = &tk->v[i];

	return t->t == T_WORD &&
	    in_table(tab, n, tk->src + t->s, t->e - t->s);
}

static int
is_verb_at(const struct toks *tk, size_t i)
{
	size_t l;

	static const char *const determiners[] = { "a", "all", "an", "any",
	    "her", "his", "its", "many", "my", "no", "our", "several", "some",
	    "the", "their", "these", "those", "two", "your" };

	if (!tok_in(tk, i, verbs, NELEM(verbs)))
		return 0;
	/* its replies, the notes: nouns */
	if (i > 0 && tok_in(tk, i - 1, determiners, NELEM(determiners)))
		return 0;
	/* declined to say, would not say: not an attribution */
	if (i > 0 && (tok_is(tk, i - 1, "to") || tok_is(tk, i - 1, "not") ||
	    tok_is(tk, i - 1, "never")))
		return 0;
	if (i > 0 && tk->v[i - 1].t == T_WORD) {
		l = tk->v[i - 1].e - tk->v[i - 1].s;
		if ((l > 3 && memcmp(tk->src + tk->v[i - 1].e - 3, "n't",
		    3) == 0) || (l > 5 && memcmp(tk->src + tk->v[i - 1].e - 5,
		    "n\xe2\x80\x99t", 5) == 0))
			return 0;
	}
	return 1;
}

enum who { WHO_NONE, WHO_NAMED, WHO_PRONOUN };

/* Build the speaker from the words v[a..b) (non-words are skipped). */
static char *
np_string(const struct toks *tk, size_t a, size_t b)
{
	struct dstr d = DSTR_INIT;
	const struct tok *t;
	size_t i;
	int depth = 0;

	for (i = a; i < b; i++) {
		t = &tk->v[i];
		if (t->t == T_LPAREN)
			depth++;
		else if (t->t == T_RPAREN && depth > 0)
			depth--;
		if (t->t != T_WORD || depth > 0)
			continue;
		if (d.len)
			dstr_addc(&d, ' ');
		dstr_add(&d, tk->src + t->s, t->e - t->s);
	}
	if (d.len == 0) {
		dstr_release(&d);
		return NULL;
	}
	/* "The union said" at the start of a sentence is "the union" */
	if ((strncmp(d.buf, "The ", 4) == 0 || strncmp(d.buf, "A ", 2) == 0 ||
	    strncmp(d.buf, "An ", 3) == 0))
		d.buf[0] = (char)(d.buf[0] - 'A' + 'a');
	return dstr_detach(&d, NULL);
}

static enum who
classify(const struct toks *tk, size_t a, size_t b, char **who)
{
	static const char *const he[] = { "He", "She", "They", "he", "she",
	    "they" };
	static const char *const other[] = { "I", "It", "We", "You", "it",
	    "we", "you" };
	size_t words = 0, i, w = a;

	*who = NULL;
	for (i = a; i < b; i++)
		if (tk->v[i].t == T_WORD) {
			words++;
			w = i;
		}
	if (words == 0 || words > NP_MAX)
		return WHO_NONE;
	if (words == 1 && tok_in(tk, w, he, NELEM(he)))
		return WHO_PRONOUN;
	if (words == 1 && tok_in(tk, w, other, NELEM(other)))
		return WHO_NONE;
	*who = np_string(tk, a, b);
	return *who ? WHO_NAMED : WHO_NONE;
}

/* The speaker named from token k on: "said Everett Kelley, president";
 * *endp (may be NULL) is set to the token after it. */
static enum who
np_after(const struct toks *tk, size_t k, size_t *endp, char **who)
{
	size_t i = k, words = 0;
	int proper = 0, depth = 0;

	for (; i < tk->n; i++) {
		if (tk->v[i].t == T_LPAREN) {
			depth++;
			continue;
		}
		if (tk->v[i].t == T_RPAREN && depth > 0) {
			depth--;
			continue;
		}
		if (depth > 0)
			continue;
		if (tk->v[i].t != T_WORD)
			break;
		if (tok_in(tk, i, np_stops, NELEM(np_stops)))
			break;
		if (words > 0 && proper &&
		    tok_in(tk, i, np_preps, NELEM(np_preps)))
			break;
		if (words == 0)
			proper = is_upper_ascii(tk->src[tk->v[i].s]) &&
			    !tok_is(tk, i, "The") && !tok_is(tk, i, "A") &&
			    !tok_is(tk, i, "An");
		words++;
	}
	if (endp)
		*endp = i;
	return classify(tk, k, i, who);
}

static int
is_break(const struct toks *tk, size_t i)
{
	enum toktype t = tk->v[i].t;

	return t == T_COMMA || t == T_DASH || t == T_COLON || t == T_SEMI;
}

/* The start of the chunk (between commas, dashes...) that ends at b. */
static size_t
chunk_start(const struct toks *tk, size_t a, size_t b)
{
	size_t i;

	for (i = b; i > a; i--)
		if (is_break(tk, i - 1))
			return i;
	return a;
}

/* A name: one to four capitalised words. */
static int
is_name(const struct toks *tk, size_t a, size_t b)
{
	size_t i;

	if (b <= a || b - a > 4)
		return 0;
	for (i = a; i < b; i++)
		if (tk->v[i].t != T_WORD || !is_upper_ascii(tk->src[tk->v[i].s]))
			return 0;
	return 1;
}

/*
 * The subject of the verb at v: the words since the start of its clause.
 * "The letter, signed by 100 staffers, said" drops the appositive, but
 * "AFGE's president, Everett Kelley, said" keeps the name; "Asked about
 * it, the spokesperson said" drops the clause before the comma.
 */
static enum who
subject(const struct toks *tk, size_t a, size_t v, char **who)
{
	size_t b = v, i, start, as;

	*who = NULL;
	/* Kelley has also said, Kelley, who ..., had promised */
	while (b > a && tok_in(tk, b - 1, tail_drop, NELEM(tail_drop)))
		b--;
	start = chunk_start(tk, a, b);
	if (b > a && (tk->v[b - 1].t == T_COMMA || tk->v[b - 1].t == T_DASH)) {
		/* an appositive ends right before the verb */
		as = chunk_start(tk, a, b - 1);
		if (as > a) {
			start = chunk_start(tk, a, as - 1);
			if (is_name(tk, as, b - 1) && (!is_name(tk, start,
			    as - 1) || tok_is_ci1(tk, start, "a") ||
			    tok_is_ci1(tk, start, "an") ||
			    tok_is_ci1(tk, start, "the")))
				start = as;	/* the name in apposition */
			else
				b = as;
			b--;
		} else
			b--;
	}
	for (i = start; i < b; i++) {
		if (tk->v[i].t == T_QUOTE || tk->v[i].t == T_STOP)
			return WHO_NONE;
		if (tok_in(tk, i, subj_reject, NELEM(subj_reject)) ||
		    is_verb_at(tk, i))
			return WHO_NONE;
		if (i > start && tok_in(tk, i, subj_cut, NELEM(subj_cut))) {
			b = i;
			break;
		}
	}
	while (start < b && tok_in(tk, start, lead_drop, NELEM(lead_drop)))
		start++;
	/* On Monday, the union said / On Monday the union said */
	if (start + 1 < b && tok_is_ci1(tk, start, "on") &&
	    tok_in(tk, start + 1, weekdays, NELEM(weekdays)))
		start += 2;
	while (b > start && tok_in(tk, b - 1, tail_drop, NELEM(tail_drop)))
		b--;
	return classify(tk, start, b, who);
}

/* "Everett Kelley of AFGE:" -- a name and a colon, no verb. */
static int
title_name(const struct toks *tk, size_t a, size_t b)
{
	static const char *const joins[] = { "and", "at", "de", "for", "of",
	    "the", "van", "von" };
	size_t i, words = 0;

	for (i = a; i < b; i++) {
		if (tk->v[i].t == T_LPAREN || tk->v[i].t == T_RPAREN)
			continue;
		if (tk->v[i].t != T_WORD)
			return 0;
		if (!is_upper_ascii(tk->src[tk->v[i].s]) &&
		    !tok_in(tk, i, joins, NELEM(joins)))
			return 0;
		words++;
	}
	return words >= 1 && words <= 8 && is_upper_ascii(tk->src[tk->v[a].s]);
}

/* "according to X" anywhere in the tokens. */
static int
according(const struct toks *tk, enum who *w, char **who)
{
	size_t i;

	for (i = 0; i + 1 < tk->n; i++)
		if (tok_is_ci1(tk, i, "according") && tok_is(tk, i + 1, "to")) {
			*w = np_after(tk, i + 2, NULL, who);
			return 1;
		}
	return 0;
}

/*
 * The clause after a quotation: , Kelley said. / , said Kelley.  The
 * second form only when the quotation ended its clause inside the marks
 * ("...," said), and not for an object (asks every employee to reply).
 */
static enum who
attrib_after(const char *s, size_t a, size_t b, int inverted, char **who)
{
	struct toks tk;
	size_t i = 0, j, e;
	enum who w;

	*who = NULL;
	if (b > a + CTX_MAX)
		b = a + CTX_MAX;
	tokenize(&tk, s, a, b);
	/* up to the end of the sentence or the next quotation */
	for (j = 0; j < tk.n; j++)
		if (tk.v[j].t == T_STOP || tk.v[j].t == T_QUOTE ||
		    tk.v[j].t == T_COLON || tk.v[j].t == T_SEMI)
			break;
	tk.n = j;
	while (i < tk.n && (tk.v[i].t == T_COMMA || tk.v[i].t == T_DASH))
		i++;
	if (i >= tk.n || tk.v[i].t != T_WORD)
		return WHO_NONE;
	/* , and the union said it would sue: another clause */
	if (tok_in(&tk, i, lead_drop, NELEM(lead_drop)) ||
	    tok_is(&tk, i, "or") || tok_is(&tk, i, "as") ||
	    tok_is(&tk, i, "while") || tok_is(&tk, i, "because"))
		return WHO_NONE;
	if (tok_is(&tk, i, "according") && i + 1 < tk.n &&
	    tok_is(&tk, i + 1, "to"))
		return np_after(&tk, i + 2, NULL, who);
	if (is_verb_at(&tk, i)) {
		if (!inverted)
			return WHO_NONE;
		w = np_after(&tk, i + 1, &e, who);
		if (e < tk.n && (tok_is(&tk, e, "to") || tok_is(&tk, e, "that")))
			return WHO_NONE;
		return w;
	}
	for (j = i + 1; j < tk.n && j < i + 16; j++)
		if (is_verb_at(&tk, j)) {
			w = subject(&tk, i, j, who);
			return w;
		}
	return WHO_NONE;
}

/*
 * The sentence before a quotation: Kelley said: / according to X, /
 * Everett Kelley of AFGE: -- and after_quote, the words between two
 * parts of a split quotation (, said Jane Doe, a VA employee, ).
 */
static enum who
attrib_before(const char *s, size_t a, size_t b, int after_quote,
    char **who)
{
	struct toks tk;
	size_t i, first = 0;
	enum who w;
	int pronoun = 0;

	*who = NULL;
	if (b > a + CTX_MAX) {
		a = b - CTX_MAX;
		while (a < b && ((unsigned char)s[a] & 0xC0) == 0x80)
			a++;
	}
	tokenize(&tk, s, a, b);
	for (i = tk.n; i > 0; i--)
		if (tk.v[i - 1].t == T_STOP || tk.v[i - 1].t == T_QUOTE) {
			first = i;
			break;
		}
	if (first > 0) {
		memmove(tk.v, tk.v + first, (tk.n - first) * sizeof(*tk.v));
		tk.n -= first;
	}
	if (according(&tk, &w, who))
		return w;
	/* the last verb with a named subject; "what it called" goes on to
	 * an earlier verb, a pronoun is the answer if there is none */
	for (i = tk.n; i > 0; i--) {
		if (!is_verb_at(&tk, i - 1))
			continue;
		w = subject(&tk, 0, i - 1, who);
		if (w == WHO_NONE && after_quote && (i - 1 == 0 ||
		    (i - 1 == 1 && tk.v[0].t == T_COMMA))) {
			/* "...," said Jane Doe, a VA employee, "..." */
			free(*who);
			w = np_after(&tk, i, NULL, who);
		}
		if (w == WHO_NAMED)
			return w;
		free(*who);
		*who = NULL;
		if (w == WHO_PRONOUN)
			pronoun = 1;
	}
	if (!pronoun && tk.n > 1 && tk.v[tk.n - 1].t == T_COLON) {
		i = chunk_start(&tk, 0, tk.n - 1);
		if (i < tk.n - 1 && title_name(&tk, i, tk.n - 1))
			return classify(&tk, i, tk.n - 1, who);
	}
	return pronoun ? WHO_PRONOUN : WHO_NONE;
}

static size_t
para_end(const char *s, size_t len, size_t from)
{
	const char *p = memchr(s + from, '\n', len - from);

	return p ? (size_t)(p - s) : len;
}

/* A blockquote's speaker: a closing "— Name" line, else "X wrote:". */
static enum who
attrib_block(const char *s, size_t len, struct quote_span *sp, size_t lo,
    char **who)
{
	struct toks tk;
	size_t ls, pe, ps;
	uint32_t c;
	size_t n;
	enum who w = WHO_NONE;

	*who = NULL;
	/* the last line of the block */
	for (ls = sp->end; ls > sp->start && s[ls - 1] != '\n'; ls--)
		;
	if (ls > sp->start) {
		c = cp_at(s, len, ls, &n);
		if (c == MDASH || c == NDASH || c == '-') {
			tokenize(&tk, s, ls + n, sp->end);
			w = np_after(&tk, 0, NULL, who);
			if (w == WHO_NAMED) {
				sp->text_end = ls;
				while (sp->text_end > sp->text_start &&
				    is_space((unsigned char)s[sp->text_end - 1]))
					sp->text_end--;
				return w;
			}
			free(*who);
			*who = NULL;
		}
	}
	/* the paragraph before, if it ends with a colon */
	pe = sp->start;
	while (pe > lo && is_space((unsigned char)s[pe - 1]))
		pe--;
	if (pe == lo || s[pe - 1] != ':')
		return WHO_NONE;
	for (ps = pe; ps > lo && s[ps - 1] != '\n'; ps--)
		;
	return attrib_before(s, ps, pe - 1, 0, who);
}

/*
 * Does the quotation stand as a sentence of its own (nothing but
 * whitespace since the end of the last sentence, or of the paragraph)?
 */
static int
standalone(const struct scan *sc, const struct quote_span *sp,
    const struct spaninfo *inf, size_t lo)
{
	const char *s = sc->s;
	size_t a = sp->start, n;
	uint32_t c;

	if (sp->kind != QUOTE_MARKS || !inf->ends_sentence)
		return 0;
	while (a > lo && is_space(cp_before(s, a, &n)))
		a -= n;
	if (a == inf->open_pstart || a == 0)
		return 1;
	c = cp_before(s, a, &n);
	if (c == '"' || c == RDQUO) {		/* after a quotation */
		a -= n;
		if (a == 0)
			return 0;
		c = cp_before(s, a, &n);
	}
	return c == '.' || c == '!' || c == '?' || c == HELLIP;
}

/* Partial or scare quotes: a few words, or words inside a sentence. */
static int
is_fragment(const struct scan *sc, const struct quote_span *sp)
{
	const char *s = sc->s;
	size_t a, n;

	if (sp->kind != QUOTE_MARKS)
		return 0;
	if (sp->speaker == NULL &&
	    count_words(s, sp->text_start, sp->text_end, 3) <= 3)
		return 1;
	if (!is_lower_ascii(s[sp->text_start]))
		return 0;
	for (a = sp->start; a > 0 && s[a - 1] == ' '; a--)
		;
	return a > 0 && is_alnum(cp_before(s, a, &n));
}

/* Does a sentence end in s[a..b)? */
static int
has_stop(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if ((s[a] == '.' || s[a] == '!' || s[a] == '?' || s[a] == ';') &&
		    (a + 1 == b || s[a + 1] == ' ' || s[a + 1] == '\n'))
			return 1;
	return 0;
}

/* Pass 2: attribute every span, in order. */
static void
attribute(struct scan *sc)
{
	const char *s = sc->s;
	struct quote_span *sp;
	struct spaninfo *inf;
	const char *last = NULL;
	size_t i, a, b, last_para = 0, prev_end = 0, pe;
	enum who w;
	char *who;

	for (i = 0; i < sc->out->n; i++) {
		sp = &sc->out->v[i];
		inf = &sc->info[i];
		w = WHO_NONE;
		who = NULL;
		if (sp->kind == QUOTE_BLOCK)
			w = attrib_block(s, sc->len, sp, prev_end, &who);
		else {
			pe = para_end(s, sc->len, sp->end);
			b = i + 1 < sc->out->n && sc->out->v[i + 1].start < pe ?
			    sc->out->v[i + 1].start : pe;
			if (inf->clause_end)
				w = attrib_after(s, sp->end, b,
				    inf->inner_end, &who);
			if (w == WHO_NONE) {
				free(who);
				a = prev_end > inf->open_pstart ? prev_end :
				    inf->open_pstart;
				w = attrib_before(s, a, sp->start,
				    a == prev_end && a > 0, &who);
			}
		}
		if (w != WHO_NAMED) {
			free(who);
			who = NULL;
		}
		if (w == WHO_PRONOUN && last &&
		    inf->para - last_para <= PREV_PARAS)
			who = xstrdup(last);
		/* the same sentence goes on quoting the same speaker:
		 * that replies "should be ..." and that heads "may ..." */
		if (w == WHO_NONE && i > 0 && sc->out->v[i - 1].speaker &&
		    prev_end > inf->open_pstart &&
		    !sc->info[i - 1].ends_sentence &&
		    !has_stop(s, prev_end, sp->start))
			who = xstrdup(sc->out->v[i - 1].speaker);
		/* a sentence that is all quotation, right after a quoted
		 * speaker, is that speaker going on */
		if (w == WHO_NONE && who == NULL && i > 0 &&
		    sc->out->v[i - 1].speaker &&
		    inf->para <= sc->info[i - 1].close_para + 1 &&
		    standalone(sc, sp, inf, inf->open_pstart))
			who = xstrdup(sc->out->v[i - 1].speaker);
		sp->speaker = who;
		if (who) {
			last = who;
			last_para = inf->close_para;
		}
		if (is_fragment(sc, sp))
			sp->flags |= QSPAN_FRAGMENT;
		prev_end = sp->end;
	}
}

/* Blocks replace the quotations inside them. */
static void
add_blocks(struct scan *sc, const struct quote_range *blocks, size_t nb)
{
	const char *s = sc->s;
	struct quote_spans *out = sc->out;
	struct quote_span *sp;
	struct spaninfo inf;
	size_t i, j, k, st, en, n, para, ps;
	uint32_t c;

	for (i = 0; i < nb; i++) {
		st = blocks[i].start;
		en = blocks[i].end < sc->len ? blocks[i].end : sc->len;
		while (st < en && is_space((unsigned char)s[st]))
			st++;
		while (en > st && is_space((unsigned char)s[en - 1]))
			en--;
		if (st >= en)
			continue;
		for (j = k = 0; j < out->n; j++) {
			if (out->v[j].end > st && out->v[j].start < en) {
				free(out->v[j].speaker);
				continue;
			}
			out->v[k] = out->v[j];
			sc->info[k] = sc->info[j];
			k++;
		}
		out->n = k;
		for (j = 0; j < out->n; j++)	/* overlapping blocks */
			if (out->v[j].kind == QUOTE_BLOCK &&
			    out->v[j].end > st && out->v[j].start < en)
				break;
		if (j < out->n)
			continue;
		for (para = 0, ps = 0, j = 0; j < st; j++)
			if (s[j] == '\n' && (j + 1 >= st || s[j + 1] != '\n')) {
				para++;
				ps = j + 1;
			}
		sp = spans_push(out);
		sp->start = st;
		sp->end = en;
		sp->text_start = st;
		sp->text_end = en;
		sp->kind = QUOTE_BLOCK;
		c = cp_at(s, en, st, &n);
		if ((c == '"' || c == LDQUO) && en > st + n) {
			uint32_t d = cp_before(s, en, &k);

			if (d == '"' || d == RDQUO) {
				sp->text_start = st + n;
				sp->text_end = en - k;
			}
		}
		memset(&inf, 0, sizeof(inf));
		inf.para = inf.close_para = para;
		inf.open_pstart = inf.close_pstart = ps;
		*info_at(sc, out->n - 1) = inf;
	}
}

static size_t
find(const char *plain, size_t len, const struct quote_range *blocks,
    size_t nblocks, struct quote_spans *out)
{
	struct scan sc;
	struct quote_span sp;
	struct spaninfo inf;
	size_t i, j;

	spans_clear(out);
	memset(&sc, 0, sizeof(sc));
	sc.s = plain;
	sc.len = len;
	sc.out = out;
	find_marks(&sc);
	if (nblocks > 0) {
		add_blocks(&sc, blocks, nblocks);
		/* blocks were added at the end: insertion sort, with info */
		for (i = 1; i < out->n; i++) {
			sp = out->v[i];
			inf = sc.info[i];
			for (j = i; j > 0 && out->v[j - 1].start > sp.start;
			    j--) {
				out->v[j] = out->v[j - 1];
				sc.info[j] = sc.info[j - 1];
			}
			out->v[j] = sp;
			sc.info[j] = inf;
		}
	}
	attribute(&sc);
	free(sc.info);
	return out->n;
}

size_t
quote_find_all(const char *plain, size_t len, struct quote_spans *out)
{
	return find(plain, len, NULL, 0, out);
}

size_t
quote_find_all_blocks(const char *plain, size_t len,
    const struct quote_range *blocks, size_t nblocks, struct quote_spans *out)
{
	return find(plain, len, blocks, nblocks, out);
}

char *
quote_attribute(const char *plain, size_t len, size_t start, size_t end)
{
	struct quote_spans sp;
	struct quote_range r;
	char *who = NULL;
	size_t i;

	if (start >= end || end > len)
		return NULL;
	quote_spans_init(&sp);
	quote_find_all(plain, len, &sp);
	/* inside (or around) a quotation: its speaker */
	for (i = 0; i < sp.n; i++)
		if (sp.v[i].end > start && sp.v[i].start < end) {
			who = xstrdup_or_null(sp.v[i].speaker);
			quote_spans_release(&sp);
			return who;
		}
	/* else the passage as a block of its own */
	r.start = start;
	r.end = end;
	quote_find_all_blocks(plain, len, &r, 1, &sp);
	for (i = 0; i < sp.n; i++)
		if (sp.v[i].kind == QUOTE_BLOCK)
			who = xstrdup_or_null(sp.v[i].speaker);
	quote_spans_release(&sp);
	return who;
}

/* Only blanks between plain[a..b)? */
static int
blank_between(const char *plain, size_t a, size_t b)
{
	for (; a < b; a++)
		if (plain[a] != ' ' && plain[a] != '\n' && plain[a] != '\t')
			return 0;
	return 1;
}

size_t
quote_blocks_from_lines(const struct render_line *lines, size_t nlines,
    const char *plain, size_t len, struct quote_range **blocksp)
{
	struct quote_range *v = NULL;
	const struct render_span *sp;
	size_t n = 0, cap = 0, i, j, end;
	int open = 0;

	for (i = 0; i < nlines; i++)
		for (j = 0; j < lines[i].nspans; j++) {
			sp = &lines[i].spans[j];
			if (sp->src == RENDER_NOSRC || sp->len == 0)
				continue;
			end = sp->src + sp->len;
			if (end > len)
				continue;
			if (!(sp->style & RS_QUOTE)) {
				open = 0;
				continue;
			}
			if (open && sp->src >= v[n - 1].end &&
			    blank_between(plain, v[n - 1].end, sp->src)) {
				v[n - 1].end = end;
				continue;
			}
			if (open && sp->src < v[n - 1].end) {
				if (end > v[n - 1].end)
					v[n - 1].end = end;
				continue;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].start = sp->src;
			v[n].end = end;
			n++;
			open = 1;
		}
	*blocksp = v;
	return n;
}
