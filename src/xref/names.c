/*
 * names.c: names of people and organisations in plain text.
 *
 * No dictionary and no model: a name is a run of capitalised words on one
 * line, with no punctuation between them but the dot of an initial
 * ("Donald J. Trump"), possibly joined by a few lower-case connecting words
 * ("Office of Personnel Management", "Department of the Treasury",
 * "Charles de Gaulle"; "of" only after a word such as Office or Bureau),
 * of two to six capitalised words; or an acronym from
 * the table below.  Capitalised words that are rarely part of a name
 * (sentence openers, pronouns, days, months) break a run and are left out;
 * titles are left out too and split "OPM Director Scott Kupor" into its
 * parts.  The rules favour precision: a missed name costs less than a
 * "But Federal Workers" shared by half the archive.
 */
#include <stdlib.h>
#include <string.h>

#include "dstr.h"
#include "utf8.h"
#include "xref.h"
#include "xref_int.h"

/* Sorted (strcmp order) for bsearch. */
static const char *const noise_words[] = {
	"A", "About", "Above", "Across", "Advertisement", "After", "Again",
	"Against", "All", "Almost", "Along", "Already", "Also", "Although",
	"Always", "Am", "Amid", "Among", "An", "And", "Another", "Any",
	"Apr", "April", "Are", "Around", "As", "At", "Aug", "August", "Away",
	"Back", "Be", "Because", "Been", "Before", "Being", "Below",
	"Between", "Beyond", "Both", "But", "By", "Can", "Click", "Continue",
	"Could", "Dec", "December", "Despite", "Did", "Do", "Does", "Down",
	"During", "Each", "Earlier", "Either", "Even", "Every", "Feb",
	"February", "Few", "Fewer", "Finally", "First", "For", "Fri",
	"Friday", "From", "Had", "Has", "Have", "He", "Her", "Here", "Hers",
	"Hey", "Him", "His", "How", "However", "I", "If", "Image", "In",
	"Indeed", "Instead", "Into", "Is", "It", "Its", "Jan", "January",
	"Jul", "July", "Jun", "June", "Just", "Last", "Later", "Less",
	"Like", "Listen", "Many", "Mar", "March", "May", "Maybe", "Me",
	"Meanwhile", "Might", "Mine", "Mon", "Monday", "More", "Most",
	"Much", "Must", "My", "Neither", "Never", "Next", "No", "None",
	"Nor", "Not", "Nov", "November", "Now", "OK", "Oct", "October", "Of",
	"Off", "Often", "Oh", "Ok", "On", "Once", "Only", "Onto", "Or",
	"Other", "Others", "Our", "Ours", "Out", "Over", "Per", "Perhaps",
	"Photo", "Photos", "Please", "Published", "Read", "Related", "Sat",
	"Saturday", "Second", "Sep", "Sept", "September", "Several", "Shall",
	"Share", "She", "Should", "Sign", "Since", "So", "Some", "Sometimes",
	"Soon", "Still", "Subscribe", "Such", "Sun", "Sunday", "Thank",
	"Thanks", "That", "The", "Their", "Theirs", "Them", "Then", "There",
	"These", "They", "Third", "This", "Those", "Though", "Through",
	"Throughout", "Thu", "Thurs", "Thursday", "Till", "To", "Today",
	"Tomorrow", "Tonight", "Too", "Toward", "Towards", "Tue", "Tues",
	"Tuesday", "Under", "Unless", "Unlike", "Until", "Up", "Updated",
	"Upon", "Us", "Very", "Via", "Video", "Was", "Watch", "We", "Wed",
	"Wednesday", "Well", "Were", "What", "Whatever", "When", "Whenever",
	"Where", "Wherever", "Whether", "Which", "While", "Who", "Whom",
	"Whose", "Why", "Will", "With", "Within", "Without", "Would", "Yes",
	"Yesterday", "Yet", "You", "Your", "Yours",
};

/* Titles before a name: left out. */
static const char *const title_words[] = {
	"Acting", "Adm", "Administrator", "Ambassador", "Attorney", "Capt",
	"Chair", "Chairman", "Chairperson", "Chairwoman", "Chief", "Col",
	"Commissioner", "Dame", "Deputy", "Director", "Dr", "Father",
	"Former", "Gen", "Gov", "Governor", "Interim", "Judge", "Justice",
	"King", "Lady", "Leader", "Lord", "Lt", "Maj", "Mayor", "Minister",
	"Mr", "Mrs", "Ms", "Mx", "Officer", "Pope", "President", "Prince",
	"Princess", "Prof", "Professor", "Queen", "Rep", "Representative",
	"Reps", "Rev", "Reverend", "Secretary", "Sen", "Senator", "Senators",
	"Sgt", "Sir", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman",
	"Vice",
};

/* Acronyms that name an organisation (agencies, unions, outlets). */
static const char *const acronyms[] = {
	"ACLU", "AFGE", "AFL-CIO", "AFSCME", "AP", "ATF", "CBO", "CBP",
	"CDC", "CFPB", "CIA", "CISA", "CMS", "DEA", "DHS", "DOD", "DOE",
	"DOGE", "DOJ", "DOL", "DOT", "EEOC", "EPA", "FAA", "FBI", "FCC",
	"FDA", "FDIC", "FEMA", "FLRA", "FTC", "GAO", "GSA", "HHS", "HUD",
	"ICE", "IRS", "MSPB", "NARA", "NASA", "NATO", "NFFE", "NIH", "NLRB",
	"NOAA", "NPR", "NSA", "NSF", "NTEU", "OIG", "OMB", "OPM", "OSC",
	"OSHA", "SBA", "SEC", "SSA", "TSA", "USAID", "USCIS", "USDA", "USDS",
	"USPS", "VA",
};

/* Words an organisation's name may continue after with "of" or "for". */
static const char *const org_words[] = {
	"Academy", "Administration", "Agency", "Alliance", "Assembly",
	"Association", "Authority", "Bank", "Board", "Bureau", "Caucus",
	"Center", "Centers", "Centre", "Chamber", "Coalition", "College",
	"Commission", "Committee", "Conference", "Congress", "Corporation",
	"Corps", "Council", "Court", "Department", "Division", "Embassy",
	"Federation", "Foundation", "Fund", "Government", "Guild", "House",
	"Institute", "Institutes", "Institution", "League", "Library",
	"Ministry", "Museum", "Network", "Office", "Organisation",
	"Organization", "Partnership", "Party", "Program", "Project",
	"School", "Secretariat", "Service", "Services", "Society", "Union",
	"University",
};

/* Lower-case words that may join the parts of a name. */
static const char *const connectors[] = {
	"al", "and", "bin", "da", "das", "de", "del", "della", "den", "der",
	"di", "dos", "du", "for", "la", "le", "of", "ter", "the", "van",
	"von", "y",
};

#define CONN_MAX	5	/* bytes in the longest connector */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define RUN_MAX		16	/* words in a run, connectors included */
#define CAPS_MAX	6	/* capitalised words in a name */
#define NAME_MAX_LEN	160	/* bytes */

enum tkind { T_OTHER, T_CAP, T_INITIAL, T_ALLCAPS, T_CONN };
enum gap { G_SPACE, G_DOT, G_BREAK };

struct tok {
	size_t		 off, end;	/* the word, possessive cut */
	enum tkind	 kind;
	const char	*conn;		/* T_CONN: which */
	int		 possessive;
	int		 dot_after;	/* followed by ". " */
};

struct run {
	struct tok	 t[RUN_MAX];
	size_t		 n;
	int		 ncaps, nwords;	/* capitalised, of them not initials */
	int		 has_of;	/* "of" or "for" in the run: how many */
	int		 overflow;
};

/* s[0..len) (no NUL in it) against the word e, in strcmp order. */
static int
wordcmp(const char *s, size_t len, const char *e)
{
	const unsigned char *a = (const unsigned char *)s;
	const unsigned char *b = (const unsigned char *)e;
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])	/* b's NUL ends the word: s is longer */
			return a[i] < b[i] ? -1 : 1;
	return b[len] == '\0' ? 0 : -1;
}

/* The word of the sorted table tab[n] that s[0..len) is, or NULL.  (A
 * binary search written out: every word of a text is looked up.) */
static const char *
lookup(const char *const *tab, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = wordcmp(s, len, tab[mid])) == 0)
			return tab[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static size_t
decode(const char *s, size_t len, size_t i, uint32_t *cp)
{
	return i < len ? xtext_decode(s + i, len - i, cp) : (*cp = 0, 0);
}

/* Classify the word s[t->off, t->end). */
static void
classify(const char *s, struct tok *t)
{
	size_t i, n, len = t->end - t->off;
	int letters = 0, upper = 0, lower = 0, first_upper = 0;
	uint32_t cp;

	/* possessive: Kelley's, OPM’s */
	if (len > 2 && s[t->end - 1] == 's') {
		if (s[t->end - 2] == '\'') {
			t->end -= 2;
			t->possessive = 1;
		} else if (len > 4 && memcmp(s + t->end - 4, "\xe2\x80\x99",
		    3) == 0) {
			t->end -= 4;
			t->possessive = 1;
		}
	}
	/* most words start with an ASCII small letter or a digit: not a
	 * capitalised word, so at most a connector; no need to count */
	if ((unsigned char)s[t->off] < 0x80 &&
	    !(s[t->off] >= 'A' && s[t->off] <= 'Z'))
		i = t->end;
	else
		i = t->off;
	for (; i < t->end; i += n) {
		n = xtext_decode(s + i, t->end - i, &cp);
		if (xtext_is_upper(cp)) {
			upper++;
			letters++;
			if (i == t->off)
				first_upper = 1;
		} else if (xtext_is_lower(cp)) {
			lower++;
			letters++;
		}
	}
	len = t->end - t->off;
	t->kind = T_OTHER;
	if (first_upper && upper >= 2 && lower == 0)
		t->kind = T_ALLCAPS;
	else if (first_upper && letters == 1 && len <= 2)
		t->kind = T_INITIAL;
	else if (first_upper)
		t->kind = T_CAP;
	else if (len <= CONN_MAX && (t->conn = lookup(connectors,
	    NELEM(connectors), s + t->off, len)) != NULL)
		t->kind = T_CONN;
}

static int
flush(const char *s, struct run *r, struct dstr *name, xref_name_fn fn,
    void *ctx)
{
	size_t i, n = r->n;
	int rc = 0;

	while (n > 0 && r->t[n - 1].kind == T_CONN)
		n--;
	if (!r->overflow && r->ncaps >= 2 && r->ncaps <= CAPS_MAX &&
	    r->nwords >= 1) {
		dstr_reset(name);
		for (i = 0; i < n; i++) {
			if (i)
				dstr_addc(name, ' ');
			dstr_add(name, s + r->t[i].off,
			    r->t[i].end - r->t[i].off);
			if (r->t[i].kind == T_INITIAL && r->t[i].dot_after &&
			    i + 1 < n)
				dstr_addc(name, '.');
		}
		if (name->len <= NAME_MAX_LEN)
			rc = fn(ctx, name->buf, r->t[0].off);
	}
	r->n = 0;
	r->ncaps = r->nwords = r->has_of = r->overflow = 0;
	return rc;
}

static void
push(struct run *r, const struct tok *t)
{
	if (r->n == RUN_MAX) {
		r->overflow = 1;
		return;
	}
	r->t[r->n++] = *t;
	if (t->kind == T_CAP || t->kind == T_INITIAL)
		r->ncaps++;
	if (t->kind == T_CAP)
		r->nwords++;
	if (t->kind == T_CONN && (strcmp(t->conn, "of") == 0 ||
	    strcmp(t->conn, "for") == 0))
		r->has_of++;
}

/* May connector t join the run? */
static int
joins(const char *s, const struct run *r, const struct tok *t)
{
	const struct tok *last;
	size_t nconn = 0, i;

	if (r->n == 0 || r->ncaps == 0)
		return 0;
	last = &r->t[r->n - 1];
	for (i = r->n; i > 0 && r->t[i - 1].kind == T_CONN; i--)
		nconn++;
	if (nconn >= 2)
		return 0;
	if (strcmp(t->conn, "and") == 0)
		return r->has_of && last->kind == T_CAP;
	if (strcmp(t->conn, "the") == 0)
		return last->kind == T_CONN && (strcmp(last->conn, "of") == 0 ||
		    strcmp(last->conn, "for") == 0);
	/*
	 * "Office of ...", not "John Smith of the Heritage Foundation"; and
	 * once more after a title inside the name: "Office of the Director
	 * of National Intelligence".
	 */
	if (strcmp(t->conn, "of") == 0 || strcmp(t->conn, "for") == 0) {
		if (last->kind != T_CAP)
			return 0;
		if (r->has_of == 0)
			return lookup(org_words, NELEM(org_words),
			    s + last->off, last->end - last->off) != NULL;
		return r->has_of == 1 && r->n >= 2 &&
		    r->t[r->n - 2].kind == T_CONN &&
		    lookup(title_words, NELEM(title_words), s + last->off,
		    last->end - last->off) != NULL;
	}
	return 1;
}

/* Add word t, separated from the previous one by gap g. */
static int
step(const char *s, struct run *r, struct tok *t, enum gap g,
    struct dstr *name, xref_name_fn fn, void *ctx)
{
	const struct tok *last = r->n ? &r->t[r->n - 1] : NULL;
	size_t len = t->end - t->off;
	const char *acr;
	int rc;

	if (last && (g == G_BREAK || (g == G_DOT &&
	    last->kind != T_INITIAL) || last->possessive))
		if ((rc = flush(s, r, name, fn, ctx)) != 0)
			return rc;
	if (r->n && g == G_DOT)
		r->t[r->n - 1].dot_after = 1;
	switch (t->kind) {
	case T_ALLCAPS:
		if ((rc = flush(s, r, name, fn, ctx)) != 0)
			return rc;
		acr = lookup(acronyms, NELEM(acronyms), s + t->off, len);
		return acr ? fn(ctx, acr, t->off) : 0;
	case T_CAP:
	case T_INITIAL:
		if (lookup(noise_words, NELEM(noise_words), s + t->off, len))
			return flush(s, r, name, fn, ctx);
		if (lookup(title_words, NELEM(title_words), s + t->off, len)) {
			/* "Office of the Director of ..." keeps it */
			if (r->n && r->t[r->n - 1].kind == T_CONN) {
				push(r, t);
				return 0;
			}
			return flush(s, r, name, fn, ctx);
		}
		push(r, t);
		return 0;
	case T_CONN:
		if (joins(s, r, t)) {
			push(r, t);
			return 0;
		}
		return flush(s, r, name, fn, ctx);
	default:
		return flush(s, r, name, fn, ctx);
	}
}

/* The gap between two words: blanks only, ". ", or anything else. */
static enum gap
gap_between(const char *s, size_t from, size_t to)
{
	size_t i, n;
	uint32_t cp;
	int dots = 0;

	if (from == to)
		return G_BREAK;
	if (to == from + 1 && s[from] == ' ')	/* the usual gap */
		return G_SPACE;
	for (i = from; i < to; i += n) {
		n = xtext_decode(s + i, to - i, &cp);
		if (cp == '.' && i == from)
			dots++;
		else if (!xtext_is_blank(cp))
			return G_BREAK;
	}
	return dots ? (to > from + 1 ? G_DOT : G_BREAK) : G_SPACE;
}

int
xref_extract_names(const char *s, size_t len, xref_name_fn fn, void *ctx)
{
	struct dstr name = DSTR_INIT;
	struct run r;
	struct tok t;
	size_t i = 0, n, n2, prev_end = 0;
	uint32_t cp, next;
	int rc = 0, have_prev = 0;

	memset(&r, 0, sizeof(r));
	while (i < len && rc == 0) {
		n = decode(s, len, i, &cp);
		if (!xtext_is_word(cp)) {
			i += n;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.off = i;
		for (;;) {
			i += n;
			n = decode(s, len, i, &cp);
			if (n == 0)
				break;
			if (xtext_is_word(cp))
				continue;
			/* inner hyphen, apostrophe or dot: Jean-Pierre, U.S */
			if (cp != '-' && cp != '.' && !xtext_is_apostrophe(cp))
				break;
			n2 = decode(s, len, i + n, &next);
			if (n2 == 0 || !xtext_is_word(next))
				break;
		}
		t.end = i;
		classify(s, &t);
		rc = step(s, &r, &t, have_prev ? gap_between(s, prev_end,
		    t.off) : G_BREAK, &name, fn, ctx);
		/* the possessive ending is part of the gap */
		prev_end = i;
		have_prev = 1;
	}
	if (rc == 0)
		rc = flush(s, &r, &name, fn, ctx);
	dstr_release(&name);
	return rc;
}
