#!/usr/bin/env python3
"""gen.py: deterministic generator of realistic feeds for the benchmarks.

    gen.py --out DIR --feeds N --items M --body BYTES [--seed S] [--jobs J]
    gen.py --big FILE [--items 20000] [--size 50000000] [--seed S]

The first form writes DIR/NNNN.xml (RSS 2.0, Atom 1.0 and RSS 1.0 mixed:
six in ten feeds RSS 2.0, three Atom, one RSS 1.0), DIR/manifest.tsv (file,
format, title, site URL, item count, bytes) and DIR/quotes.tsv (file, item
link, one quotation of the item as it appears in the text).  The second
writes one RSS 2.0 feed of --items items whose size is close to --size bytes.

Everything comes from seeded PRNGs (one per feed, so --jobs does not change
the output): the same arguments give the same bytes.  The vocabulary is the
2025 civil-service beat (agencies, unions, court cases, invented officials);
bodies are HTML with paragraphs, links to other generated items (some with
tracking parameters), blockquotes and quotations in several shapes
("...," Name said; said in a statement that "..."), HTML entities, accented,
CJK and emoji text.  A few hundred thousand distinct surnames, places and
docket numbers give the text a long vocabulary tail, as real news has.
Dates: RFC 822 (numeric and named zones) in RSS 2.0, RFC 3339 in Atom and
RSS 1.0 (dc:date).  Standard library only.
"""
import argparse
import os
import random
import sys
import time

VERSION = 5	# bump when the output changes (bench/run re-generates)

# ---------------------------------------------------------------- vocabulary

AGENCIES = [
    "the Office of Personnel Management", "OPM", "the General Services "
    "Administration", "GSA", "the Department of Government Efficiency",
    "DOGE", "the U.S. Digital Service", "USDS", "the Department of "
    "Veterans Affairs", "the Internal Revenue Service", "the IRS",
    "the Social Security Administration", "the Education Department",
    "the Department of Health and Human Services", "the Pentagon",
    "the Office of Management and Budget", "OMB", "the Merit Systems "
    "Protection Board", "the Federal Labor Relations Authority",
    "the Office of Special Counsel", "USAID", "the Consumer Financial "
    "Protection Bureau", "the National Park Service", "NOAA",
    "the Forest Service", "the Interior Department", "the State "
    "Department", "the Small Business Administration", "FEMA",
    "the Department of Agriculture", "the Labor Department",
    "the Government Accountability Office", "the National Science "
    "Foundation", "the Bureau of Prisons", "the Energy Department",
]
UNIONS = [
    "the American Federation of Government Employees", "AFGE",
    "the National Treasury Employees Union", "NTEU", "the National "
    "Federation of Federal Employees", "the Senior Executives Association",
    "the International Federation of Professional and Technical Engineers",
    "the Professional Managers Association", "AFSCME",
]
ROLES = [
    "a spokeswoman for", "a spokesman for", "the acting director of",
    "a senior official at", "the chief human capital officer at",
    "a program analyst at", "a contracting officer at", "the president of",
    "a lawyer for", "a former deputy administrator of", "an engineer at",
    "a probationary employee at", "the inspector general of",
    "a budget examiner at", "a union steward at", "a retired manager at",
]
FIRST = [
    "Ana", "Marcus", "Inés", "José", "Priya", "Daniel", "Renée", "Tomás",
    "Keisha", "Wen", "Hiroshi", "Olga", "Chidi", "Søren", "Zoë", "Mateo",
    "Fatima", "Björn", "Lucía", "Nguyen", "Grace", "Omar", "Élodie",
    "Rafael", "Hannah", "Kwame", "Mei", "Andrés", "Ingrid", "Samuel",
    "Aisha", "François", "Yuki", "Patrick", "Camila", "Dmitri", "Leila",
    "Thomas", "Beatriz", "Jamal", "Noémie", "Carlos", "Sun-hee", "Erik",
]
SYL = ["al", "ber", "cas", "dal", "en", "fer", "gor", "han", "is", "jor",
       "ka", "lin", "mor", "nash", "ol", "per", "quin", "ros", "san", "tor",
       "ul", "ven", "wal", "xi", "yar", "zel", "ton", "ley", "son", "ez",
       "ski", "ard", "ock", "ridge", "field", "man", "berg", "ova", "ić",
       "ão", "ée", "ün", "ø"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WORKERS = [
    "federal employees", "probationary workers", "civil servants",
    "contractors", "career staff", "technologists", "veterans",
    "scientists", "IT specialists", "claims processors", "park rangers",
    "auditors", "inspectors", "engineers", "data scientists", "analysts",
]
ACTIONS = [
    "received an email asking them to list five things they did last week",
    "were placed on administrative leave", "were told their positions "
    "would be eliminated", "were offered deferred resignation",
    "were reinstated after a court order", "lost access to their "
    "laptops", "were reassigned to other offices", "were asked to return "
    "to the office five days a week", "signed an open letter",
    "filed grievances with the agency", "were given 30 days' notice",
    "learned of the cuts from a news report", "were escorted out of the "
    "building", "were told to stop work on the contract",
    "appealed to the Merit Systems Protection Board",
    "were classified under Schedule F", "resigned rather than comply",
]
TOPICS = [
    "the reduction in force", "the hiring freeze", "the deferred "
    "resignation offer", "collective bargaining rights", "the probationary "
    "firings", "the return-to-office mandate", "the reorganization plan",
    "the contract cancellations", "the budget proposal", "the lawsuit",
    "the temporary restraining order", "the preliminary injunction",
    "the inspector general's report", "the buyout program",
    "the retirement backlog", "the access to payment systems",
    "the Privacy Act claims", "the performance review overhaul",
    "the lease terminations", "the grant freeze", "the data migration",
    "the appeals backlog", "the telework policy", "the security clearances",
]
VERBS = [
    "said", "wrote", "told reporters", "argued", "acknowledged", "warned",
    "insisted", "added", "noted", "testified", "countered", "conceded",
]
COURTS = [
    "a federal judge in San Francisco", "a federal judge in Baltimore",
    "the appeals court in Richmond", "the D.C. Circuit", "a district "
    "judge in Boston", "the Supreme Court", "a judge in Maryland",
    "the Court of Federal Claims", "a magistrate judge in Seattle",
]
ADJ = [
    "sweeping", "abrupt", "unprecedented", "temporary", "contested",
    "long-delayed", "confidential", "revised", "internal", "bipartisan",
    "unusual", "formal", "preliminary", "detailed", "hurried", "quiet",
]
NOUNS = [
    "memo", "directive", "guidance", "spreadsheet", "announcement",
    "notice", "filing", "ruling", "letter", "hearing", "audit", "survey",
    "plan", "briefing", "policy", "dashboard", "executive order",
]
QUOTES = [
    "We were never told why, and nobody would put it in writing",
    "This is not how you treat people who have served this country",
    "The agency will comply with the court's order while we appeal",
    "Nobody in my office knew whether we would have jobs on Monday",
    "The law is clear, and the unions will keep going back to court",
    "We are following the guidance we received from OPM",
    "It felt like the whole team was being erased overnight",
    "Our members did their jobs, and they did them well",
    "Every one of these contracts was reviewed line by line",
    "I answered the email because I was afraid not to",
    "The savings they claim simply do not add up",
    "We built this system over ten years and they turned it off in a day",
    "There is no plan for who picks up the work",
    "This administration is committed to a smaller, more accountable "
    "government",
    "The backlog was already months long before the cuts",
    "You cannot run a claims office with half the people",
    "We will not comment on personnel matters",
    "They asked for five bullet points, so I gave them five bullet points",
    "The public will notice when the phones stop being answered",
    "I have never seen morale this low in twenty-two years",
    "This order strips protections that Congress put into law",
    "The veterans who call us do not care about the politics",
    "It is a reorganization, not a purge",
    "We had a signed offer letter and then nothing",
]
NESTED = [
    "My supervisor said, ‘I have no idea what happens next,’ and walked out",
    "The email said ‘effective immediately’ and nothing else",
    "They called it a ‘fork in the road,’ but there was only one road",
    "The form asked us to ‘justify our existence’ in five lines",
]
CJK = [
    "一位联邦雇员说：“我们不知道下周还能不能上班。”",
    "人事管理局的电子邮件让许多公务员感到不安。",
    "連邦職員の組合は、裁判所の命令を歓迎すると述べた。",
    "政府效率部的削减计划引发了多起诉讼。",
    "연방 공무원 노조는 법원의 결정을 환영했다.",
]
EMOJI = ["📉", "✊", "🏛️", "📧", "⚖️", "🇺🇸", "🗂️", "💼", "🔥", "✅", "😬", "👀"]
ACCENTED = [
    "Inés Muñoz reported from the café across from the Élysée-style annex.",
    "José Núñez, a señor analyst, said the piñata of rules was “déjà vu.”",
    "The Zürich-trained economist Søren Kierkegård‑Öberg disagreed.",
    "Critics called the résumé review a naïve façade.",
]
OUTLET_A = ["Capitol", "Federal", "Beltway", "Potomac", "Civic", "National",
            "Agency", "Workforce", "Public", "District", "Union", "Merit",
            "Ledger", "Register", "Standard", "Bureau"]
OUTLET_B = ["Ledger", "Wire", "Brief", "Dispatch", "Weekly", "Review",
            "Report", "Monitor", "Record", "Journal", "Herald", "Bulletin",
            "Observer", "Times", "Post", "Desk"]
HEAD_SUBJ = AGENCIES + ["Judge", "Unions", "Court", "Staff", "Congress",
                        "Senators", "Watchdog", "Veterans", "Contractors"]
HEAD_VERB = [
    "orders", "pauses", "blocks", "weighs", "cuts", "defends", "sues over",
    "reverses", "extends", "questions", "ends", "expands", "delays",
    "challenges", "confirms", "rescinds", "halts", "reviews",
]
CATEGORIES = ["Courts", "Workforce", "Unions", "DOGE", "OPM", "Budget",
              "Contracts", "Congress", "Technology", "Veterans", "Policy",
              "Agencies", "Data", "Security", "Science", "Health"]
# What a story is about: each article follows one, and its words cluster
# there (as "arbitration" does in real coverage), not spread evenly.
STORIES = [
    ("arbitration", "the arbitration panel", "binding arbitration"),
    ("sequestration", "the sequestration order", "automatic cuts"),
    ("polygraph", "polygraph examinations", "the polygraph unit"),
    ("apportionment", "the apportionment footnotes", "apportionment data"),
    ("ombudsman", "the ombudsman's office", "the ombudsman"),
    ("impoundment", "the impoundment dispute", "impounded funds"),
    ("furlough", "furlough notices", "the furloughs"),
    ("whistleblower", "whistleblower complaints", "the whistleblowers"),
    ("pension", "pension calculations", "the pension backlog"),
    ("mainframe", "the mainframe migration", "COBOL mainframes"),
    ("cybersecurity", "the cybersecurity team", "cybersecurity audits"),
    ("procurement", "procurement rules", "the procurement office"),
    ("headcount", "headcount targets", "the headcount report"),
    ("fellowship", "the fellowship program", "Presidential fellows"),
    ("accreditation", "accreditation reviews", "the accreditation office"),
    ("subpoena", "the subpoena", "congressional subpoenas"),
    ("rulemaking", "the rulemaking docket", "proposed rulemaking"),
    ("payroll", "payroll systems", "the payroll office"),
    ("wildfire", "wildfire crews", "the wildfire season"),
    ("forecasting", "weather forecasting", "forecasting offices"),
]
TRACKING = ["", "", "", "?utm_source=rss&utm_medium=feed",
            "?fbclid=IwAR0x9", "#comments", "/"]

# RFC 822 zones: (name or numeric text, offset in seconds)
ZONES = [("-0400", -4 * 3600), ("-0500", -5 * 3600), ("+0000", 0),
         ("GMT", 0), ("EST", -5 * 3600), ("EDT", -4 * 3600),
         ("+0100", 3600), ("+0900", 9 * 3600), ("-0700", -7 * 3600),
         ("UT", 0)]
DAYS3 = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"]

EPOCH_END = 1751328000		# 2025-07-01T00:00:00Z
EPOCH_START = 1737331200	# 2025-01-20T00:00:00Z


def _pools(seed):
    """Long-tail pools: surnames, towns, program names (deterministic)."""
    r = random.Random(seed * 7919 + 17)
    sur = set()
    while len(sur) < 40000:
        s = "".join(r.choice(SYL) for _ in range(r.randint(2, 4)))
        sur.add(s.capitalize())
    towns = set()
    while len(towns) < 8000:
        s = "".join(r.choice(SYL) for _ in range(r.randint(2, 3)))
        towns.add(s.capitalize() + r.choice(["ville", " Falls", " City",
                                             "ton", " Springs", "burg",
                                             "", " Heights"]))
    progs = set()
    while len(progs) < 3000:
        progs.add("".join(r.choice("ABCDEFGHJKLMNPRSTVWXZ")
                          for _ in range(r.randint(3, 5))))
    return sorted(sur), sorted(towns), sorted(progs)


SUR, TOWNS, PROGS = _pools(11)

# --------------------------------------------------------------- text makers


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return esc(s).replace('"', "&quot;")


def person(r):
    return r.choice(FIRST) + " " + r.choice(SUR)


def outlet(f):
    return "%s %s" % (OUTLET_A[f % len(OUTLET_A)],
                      OUTLET_B[(f // len(OUTLET_A) + f) % len(OUTLET_B)]) \
        + ("" if f < 16 else " %d" % f)


def domain(f):
    return "%s%s%d.example" % (OUTLET_A[f % len(OUTLET_A)].lower(),
                               OUTLET_B[(f // len(OUTLET_A) + f) %
                                        len(OUTLET_B)].lower(), f)


def item_time(f, i, n):
    """Publication time of item i (0 = newest) of feed f with n items."""
    span = EPOCH_END - EPOCH_START
    step = max(span // max(n, 1), 60)
    h = (f * 2654435761 + i * 40503) & 0xffffffff
    return EPOCH_END - (f % 97) * 3607 - i * step - (h % max(step // 2, 1))


def slug(f, i):
    h = (f * 2654435761 ^ (i + 1) * 2246822519) & 0xffffffff
    w = [HEAD_VERB[h % len(HEAD_VERB)], NOUNS[(h >> 5) % len(NOUNS)],
         TOPICS[(h >> 10) % len(TOPICS)].split()[-1],
         WORKERS[(h >> 15) % len(WORKERS)].split()[-1]]
    return "-".join(x.replace(" ", "-").replace("'", "") for x in w) + \
        "-%d" % i


def item_url(f, i, n):
    t = time.gmtime(item_time(f, i, n))
    return "https://%s/%04d/%02d/%02d/%s" % (domain(f), t.tm_year,
                                             t.tm_mon, t.tm_mday, slug(f, i))


def sentence(r):
    k = r.randrange(12)
    if k == 0:
        return "On %s, %s %s that %d %s %s." % (
            r.choice(WEEKDAYS), r.choice(AGENCIES), r.choice(VERBS),
            r.randrange(12, 90000), r.choice(WORKERS), r.choice(ACTIONS))
    if k == 1:
        return "%s, %s %s, %s that %s would take effect on %s %d." % (
            person(r), r.choice(ROLES), r.choice(AGENCIES + UNIONS),
            r.choice(VERBS), r.choice(TOPICS), r.choice(MONTHS),
            r.randint(1, 28))
    if k == 2:
        return "In a %s %s, %s asked %s to justify %s." % (
            r.choice(ADJ), r.choice(NOUNS), r.choice(COURTS),
            r.choice(AGENCIES), r.choice(TOPICS))
    if k == 3:
        return "The case, No. %d:25-cv-%05d, was filed by %s on behalf " \
            "of %s in %s." % (r.randint(1, 9), r.randrange(100000),
                              r.choice(UNIONS), r.choice(WORKERS),
                              r.choice(TOWNS))
    if k == 4:
        return "The agency estimated savings of $%d.%d million from %s, " \
            "a figure %s disputed." % (r.randint(1, 900), r.randrange(10),
                                       r.choice(TOPICS), person(r))
    if k == 5:
        return "Employees of the %s program in %s %s." % (
            r.choice(PROGS), r.choice(TOWNS), r.choice(ACTIONS))
    if k == 6:
        return "According to the %s %s, %s %s." % (
            r.choice(ADJ), r.choice(NOUNS), r.choice(WORKERS),
            r.choice(ACTIONS))
    if k == 7:
        return "%s &amp; %s did not respond to requests for comment " \
            "about %s." % (r.choice(AGENCIES).replace("the ", "The ", 1),
                           r.choice(UNIONS), r.choice(TOPICS))
    if k == 8:
        return "Lawmakers from %s pressed %s on %s&nbsp;&mdash; and on " \
            "who would answer for it." % (r.choice(TOWNS),
                                          r.choice(AGENCIES),
                                          r.choice(TOPICS))
    if k == 9:
        return "By %s, %d%% of the %s at %s had %s." % (
            r.choice(MONTHS), r.randint(2, 60), r.choice(WORKERS),
            r.choice(AGENCIES), r.choice(ACTIONS).replace("were ", "been ")
            .replace("was ", "been "))
    if k == 10:
        return "%s, who has worked in %s for %d years, %s the %s." % (
            person(r), r.choice(TOWNS), r.randint(2, 35), r.choice(VERBS)
            .replace("told reporters", "described"), r.choice(NOUNS))
    return "The %s %s on %s followed %s." % (
        r.choice(ADJ), r.choice(NOUNS), r.choice(TOPICS), r.choice(TOPICS))


def lc(q):
    return q if q.startswith("I ") else q[0].lower() + q[1:]


def story_sentence(r, story):
    k = r.randrange(4)
    if k == 0:
        return "The dispute over %s has drawn in %s and %s." % (
            r.choice(story), r.choice(AGENCIES), r.choice(UNIONS))
    if k == 1:
        return "%s, %s %s, %s that %s would not be settled before %s." % (
            person(r), r.choice(ROLES), r.choice(AGENCIES), r.choice(VERBS),
            r.choice(story), r.choice(MONTHS))
    if k == 2:
        return "Documents obtained by this outlet show that %s was " \
            "discussed at %d meetings." % (r.choice(story),
                                           r.randint(2, 40))
    return "For the %s, %s is the whole story." % (r.choice(WORKERS),
                                                  r.choice(story))


Q_OPEN = ["We were told", "Nobody explained", "I found out", "The agency "
          "decided", "Our members learned", "They announced", "I was "
          "informed", "The union was told", "My team heard", "We read"]
Q_CLOSE = ["and nobody could say why", "without any warning",
           "and that is simply wrong", "two hours before it took effect",
           "and we are still waiting for answers", "in a single email",
           "with no plan for the work", "and then the phones went quiet"]


def quote_text(r):
    """Mostly a quotation of this article alone; one in ten is one of the
    few lines that many outlets carry (what shared-quotation links find)."""
    if r.random() < 0.1:
        return r.choice(QUOTES + NESTED)
    k = r.randrange(3)
    if k == 0:
        mid = "that %s would start on %s %d" % (
            r.choice(TOPICS), r.choice(MONTHS), r.randint(1, 28))
    elif k == 1:
        mid = "that %d %s at %s would be affected" % (
            r.randint(3, 9000), r.choice(WORKERS), r.choice(AGENCIES))
    else:
        mid = "about %s in %s's %s %s" % (
            r.choice(TOPICS), person(r), r.choice(ADJ), r.choice(NOUNS))
    return "%s %s %s" % (r.choice(Q_OPEN), mid, r.choice(Q_CLOSE))


def quotation(r):
    """(HTML paragraph, the quoted words as plain text)."""
    q = quote_text(r)
    who = person(r)
    k = r.randrange(6)
    if k == 0:
        return ("<p>“%s,” %s %s.</p>" % (esc(q), who, r.choice(VERBS)), q)
    if k == 1:
        return ("<p>“%s,” said %s, %s %s.</p>" % (
            esc(q), who, r.choice(ROLES), r.choice(AGENCIES + UNIONS)), q)
    if k == 2:
        return ("<p>%s said in a statement that “%s.”</p>" % (
            r.choice(AGENCIES + UNIONS).replace("the ", "The ", 1),
            esc(lc(q))), lc(q))
    if k == 3:
        return ("<p>\"%s,\" %s said.</p>" % (esc(q), who), q)
    if k == 4:
        return ("<blockquote><p>“%s.”</p><p>&mdash;&nbsp;%s, %s %s</p>"
                "</blockquote>" % (esc(q), who, r.choice(ROLES),
                                   r.choice(AGENCIES)), q)
    return ("<p>“%s,” the %s %s. “%s.”</p>" % (
        esc(q), r.choice(WORKERS), r.choice(["wrote", "said"]),
        esc(quote_text(r))), q)


def body(r, f, i, n, nfeeds, nitems, size):
    """An article body of at least `size` bytes; returns (html, quote)."""
    parts = []
    total = 0
    quote = None
    p = 0
    story = r.choice(STORIES)
    while total < size:
        k = r.randrange(10)
        if p > 0 and k < 2:
            s, q = quotation(r)
            if quote is None:
                quote = q
        elif k == 2:
            # a link to another generated item (older, this or another feed)
            g = f if r.random() < 0.6 else r.randrange(nfeeds)
            j = r.randrange(min(i + 1 + r.randrange(1, 20), nitems)) \
                if g == f else r.randrange(nitems)
            s = "<p>%s <a href=\"%s%s\">%s</a> %s</p>" % (
                sentence(r), esc_attr(item_url(g, j, nitems)),
                esc_attr(r.choice(TRACKING)),
                r.choice(["an earlier report", "reported last week",
                          "the ruling", "the memo", "as we reported",
                          "the full letter", "our coverage"]),
                sentence(r))
        elif k == 3 and r.random() < 0.3:
            s = "<p>%s %s %s</p>" % (r.choice(CJK), r.choice(EMOJI),
                                     r.choice(ACCENTED))
        elif k == 4 and r.random() < 0.15:
            s = "<h2>%s</h2>" % esc(r.choice(TOPICS).capitalize())
        elif k == 5 and r.random() < 0.2:
            s = "<ul>%s</ul>" % "".join(
                "<li>%s</li>" % sentence(r) for _ in range(r.randint(2, 4)))
        else:
            s = "<p>%s</p>" % " ".join(
                story_sentence(r, story) if r.random() < 0.08 else
                sentence(r) for _ in range(r.randint(2, 6)))
        parts.append(s)
        total += len(s) + 1
        p += 1
    if quote is None:
        s, quote = quotation(r)
        parts.insert(1, s)
    return "\n".join(parts), quote, story


def headline(r, story):
    s = "%s %s %s" % (r.choice(HEAD_SUBJ), r.choice(HEAD_VERB),
                      r.choice(story if r.random() < 0.5 else TOPICS))
    s = s[0].upper() + s[1:]
    if r.random() < 0.05:
        s += " " + r.choice(EMOJI)
    if r.random() < 0.1:
        s = s.replace(" the ", " the “", 1) + "”" \
            if " the " in s else s
    return s


def rfc822(t, zone):
    name, off = zone
    tm = time.gmtime(t + off)
    return "%s, %02d %s %04d %02d:%02d:%02d %s" % (
        DAYS3[tm.tm_wday], tm.tm_mday, MON3[tm.tm_mon - 1], tm.tm_year,
        tm.tm_hour, tm.tm_min, tm.tm_sec, name)


def rfc3339(t, off):
    tm = time.gmtime(t + off)
    s = "%04d-%02d-%02dT%02d:%02d:%02d" % tm[:6]
    if off == 0:
        return s + "Z"
    sign = "+" if off > 0 else "-"
    return s + "%s%02d:%02d" % (sign, abs(off) // 3600, abs(off) % 3600 // 60)


# --------------------------------------------------------------- feed makers


def fmt_of(f):
    k = f % 10
    return "atom" if k in (1, 4, 7) else "rss1" if k == 9 else "rss2"


def make_feed(seed, f, nfeeds, nitems, size, fmt=None, out=None):
    """Write feed f; returns (bytes written, [(link, quote)...])."""
    r = random.Random(seed * 1000003 + f)
    fmt = fmt or fmt_of(f)
    title = outlet(f)
    site = "https://%s/" % domain(f)
    zone = ZONES[f % len(ZONES)]
    off = zone[1]
    authors = [person(r) for _ in range(8)]
    w = out.write
    quotes = []
    if fmt == "rss2":
        w('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"\n'
          '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
          '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
          '\txmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
          '\t<title>%s</title>\n\t<link>%s</link>\n'
          '\t<atom:link href="%sfeed.xml" rel="self" '
          'type="application/rss+xml"/>\n'
          '\t<description>The civil service, agency by agency &amp; '
          'court by court.</description>\n\t<language>en-us</language>\n'
          '\t<lastBuildDate>%s</lastBuildDate>\n' % (
              esc(title), site, site,
              rfc822(item_time(f, 0, nitems), zone)))
    elif fmt == "atom":
        w('<?xml version="1.0" encoding="utf-8"?>\n'
          '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
          '  <title>%s</title>\n  <subtitle type="html">The federal '
          'workforce, &lt;em&gt;on the record&lt;/em&gt;.</subtitle>\n'
          '  <id>tag:%s,2025:feed</id>\n'
          '  <link rel="self" type="application/atom+xml" '
          'href="%satom.xml"/>\n'
          '  <link rel="alternate" type="text/html" href="%s"/>\n'
          '  <updated>%s</updated>\n  <author><name>%s staff</name>'
          '</author>\n' % (esc(title), domain(f), site, site,
                           rfc3339(item_time(f, 0, nitems), off),
                           esc(title)))
    else:
        w('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF\n'
          '  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
          '  xmlns="http://purl.org/rss/1.0/"\n'
          '  xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
          '  xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
          '<channel rdf:about="%sindex.rdf">\n  <title>%s</title>\n'
          '  <link>%s</link>\n  <description>Every week: what changed for '
          'people who work for the federal government.</description>\n'
          '  <dc:date>%s</dc:date>\n  <items>\n    <rdf:Seq>\n' % (
              site, esc(title), site,
              rfc3339(item_time(f, 0, nitems), off)))
        for i in range(nitems):
            w('      <rdf:li rdf:resource="%s"/>\n' % item_url(f, i, nitems))
        w('    </rdf:Seq>\n  </items>\n</channel>\n')
    for i in range(nitems):
        link = item_url(f, i, nitems)
        t = item_time(f, i, nitems)
        html, q, story = body(r, f, i, nitems, nfeeds, nitems, size)
        quotes.append((link, q))
        head = headline(r, story)
        author = r.choice(authors)
        cats = r.sample(CATEGORIES, r.randint(1, 3))
        summary = sentence(r).replace("&amp;", "&").replace(
            "&nbsp;", "\u00a0").replace("&mdash;", "\u2014")
        if fmt == "rss2":
            w('\t<item>\n\t\t<title>%s</title>\n\t\t<link>%s</link>\n'
              '\t\t<dc:creator>%s</dc:creator>\n\t\t<pubDate>%s</pubDate>\n'
              '%s\t\t<guid isPermaLink="false">%s?p=%d</guid>\n'
              '\t\t<description>%s</description>\n'
              '\t\t<content:encoded><![CDATA[%s]]></content:encoded>\n'
              '\t</item>\n' % (
                  esc(head), link, esc(author), rfc822(t, zone),
                  "".join("\t\t<category>%s</category>\n" % c for c in cats),
                  site, 100000 + f * 10000 + i, esc(summary), html))
        elif fmt == "atom":
            w('  <entry>\n    <id>tag:%s,2025:/entry/%d</id>\n'
              '    <title type="text">%s</title>\n'
              '    <link rel="alternate" type="text/html" href="%s"/>\n'
              '    <published>%s</published>\n    <updated>%s</updated>\n'
              '    <author><name>%s</name></author>\n%s'
              '    <summary type="text">%s</summary>\n'
              '    <content type="html">%s</content>\n  </entry>\n' % (
                  domain(f), i, esc(head), link, rfc3339(t, off),
                  rfc3339(t + (i % 5) * 1800, off), esc(author),
                  "".join('    <category term="%s"/>\n' % c for c in cats),
                  esc(summary), esc(html)))
        else:
            w('<item rdf:about="%s">\n  <title>%s</title>\n'
              '  <link>%s</link>\n  <description>%s</description>\n'
              '  <dc:creator>%s</dc:creator>\n  <dc:date>%s</dc:date>\n'
              '%s  <content:encoded>%s</content:encoded>\n</item>\n' % (
                  link, esc(head), link, esc(summary), esc(author),
                  rfc3339(t, off),
                  "".join("  <dc:subject>%s</dc:subject>\n" % c
                          for c in cats), esc(html)))
    if fmt == "rss2":
        w("</channel>\n</rss>\n")
    elif fmt == "atom":
        w("</feed>\n")
    else:
        w("</rdf:RDF>\n")
    return title, site, quotes


def _one(args):
    seed, f, nfeeds, nitems, size, outdir = args
    name = "%04d.xml" % f
    path = os.path.join(outdir, name)
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as fp:
        title, site, quotes = make_feed(seed, f, nfeeds, nitems, size,
                                        out=fp)
    os.replace(path + ".tmp", path)
    return (name, fmt_of(f), title, site, nitems, os.path.getsize(path),
            quotes)


def gen_set(outdir, nfeeds, nitems, size, seed, jobs):
    os.makedirs(outdir, exist_ok=True)
    work = [(seed, f, nfeeds, nitems, size, outdir) for f in range(nfeeds)]
    if jobs > 1 and nfeeds > 1:
        import multiprocessing
        with multiprocessing.Pool(jobs) as pool:
            rows = pool.map(_one, work, chunksize=max(1, nfeeds // 64))
    else:
        rows = [_one(a) for a in work]
    with open(os.path.join(outdir, "manifest.tsv"), "w",
              encoding="utf-8") as m, \
            open(os.path.join(outdir, "quotes.tsv"), "w",
                 encoding="utf-8") as q:
        for name, fmt, title, site, n, nbytes, quotes in rows:
            m.write("%s\t%s\t%s\t%s\t%d\t%d\n" % (name, fmt, title, site, n,
                                                  nbytes))
            for link, text in quotes:
                q.write("%s\t%s\t%s\n" % (name, link, text))


def gen_big(path, nitems, size, seed):
    """One RSS 2.0 feed of nitems items, about size bytes."""
    per = max(size // max(nitems, 1) - 900, 200)	# ~900 B of item markup
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as fp:
        make_feed(seed, 9999, 1, nitems, per, fmt="rss2", out=fp)
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="directory for a set of feeds")
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--body", type=int, default=2000,
                    help="bytes of HTML per article body (at least)")
    ap.add_argument("--big", help="write one big RSS 2.0 feed to this file")
    ap.add_argument("--size", type=int, default=50 * 1000 * 1000,
                    help="size of the --big feed in bytes (about)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--version", action="store_true")
    a = ap.parse_args()
    if a.version:
        print(VERSION)
        return 0
    if a.big:
        gen_big(a.big, a.items, a.size, a.seed)
    elif a.out:
        gen_set(a.out, a.feeds, a.items, a.body, a.seed, a.jobs)
    else:
        ap.error("--out DIR or --big FILE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
