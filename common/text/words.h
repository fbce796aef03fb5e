/*
 * words.h - every built-in word list of Byline, in one place: the analyzer's
 * stop words, titles, particles, months, suffixes, abbreviations,
 * organisation words, labels, places and common abbreviations; the byline
 * reader's roles, particles and common words; the query planner's stop words
 * and the function words that are also acronyms; the small words of Title
 * Case headings; the words around a place that the list of names reads.  Index time, query time and
 * the readers look words up here, so that a list changed for one of them is
 * seen beside the others (docs/STYLE.md, "word lists live together").
 *
 * Use:
 *     unsigned r = byl_word_roles("president", 9);   r & BYL_W_TITLE
 *     if (byl_word_roles_ci("Van", 3) & BYL_W_BY_PARTICLE) ...
 * A word is looked up as its bytes; byl_word_roles_ci() folds ASCII A-Z to
 * lower case first.  Every list is lower case.  Words longer than
 * BYL_WORD_MAX bytes are in no list (the lists hold none).  Lookups go
 * through one hash table, built once on first use (thread-safe), that holds
 * each word once with the bits of every list it is in.
 *
 * Why some lists look alike and are still separate (each was checked
 * against its tests and history; merging them would change what Byline
 * finds):
 *   - Three stop-word lists.  BYL_W_STOP (analyzer) is about names: a
 *     capitalised "Shares", "Update" or "Meanwhile" never starts a name, so it
 *     holds news words no English stop list has, and it lets a Title Case
 *     headline be recognised by its lower-case words.  BYL_W_Q_STOP (query
 *     planner) is the classic list of English function words that a long,
 *     question-like query drops ("What problems are there in ..."): adding
 *     the analyzer's news words ("shares", "year") would drop words people
 *     search for.  BYL_W_BY_COMMON (byline reader) holds the words that rule
 *     out a lower-case name after "by" ("by the time", "by car", "by law"):
 *     nouns no stop list has.
 *   - Particles.  BYL_W_PARTICLE is the one list of lower-case name
 *     particles (von, bin, al, dela); the byline reader uses it too.  The
 *     reader alone also takes BYL_W_BY_PARTICLE: "do" and "e" (Portuguese:
 *     João do Rio, Maria e Silva) and the Turkic patronymics (uulu, kyzy,
 *     oglu) that close a name.  In running English text "do" and "e" are a verb
 *     and the "e" of e-mail, and as particles they would glue two names into
 *     one across them ("Apple do Business"); a byline holds only names.
 *   - BYL_W_Q_ACRONYM: short function words that are also written as
 *     acronyms (us/US, it/IT, who/WHO); the query planner reads them as the
 *     acronym alone when typed in capitals.  It is not a stop list.
 *
 * The phrase lists of the plain-text reader (section labels, "5 min
 * read", date labels, credit lead-ins, desks) are at the end
 * (byl_phrase_is, byl_phrase_list).
 *
 * Not for: month
 * parsing (doc/date.c), news agencies (doc/byline.c).
 */
#ifndef BYL_WORDS_H
#define BYL_WORDS_H

#include <stddef.h>

#define BYL_WORD_MAX 15 /* bytes of the longest word a list may hold */

/* The lists a word is in, as bits. */
enum byl_word_role {
    /* the analyzer's name detection (text/entity.c, text/context.c) */
    BYL_W_STOP = 1u << 0,      /* function word: a capitalised one never starts or continues a name */
    BYL_W_TITLE = 1u << 1,     /* title or role: stripped from names (President, CEO, Mr) */
    BYL_W_PARTICLE = 1u << 2,  /* lower-case name particle (von, bin, al) */
    BYL_W_DATE = 1u << 3,      /* month or weekday */
    BYL_W_SUFFIX = 1u << 4,    /* Inc, Corp, Jr: ends a name, not part of it */
    BYL_W_ABBR = 1u << 5,      /* a period after it does not end a sentence */
    BYL_W_ORG = 1u << 6,       /* may be followed by "of" inside a name (Bank of America) */
    BYL_W_OF = 1u << 7,        /* "of", "for": connectors after an organisation word */
    BYL_W_DATENUM = 1u << 8,   /* a month only when a number follows (May 5, but Theresa May) */
    BYL_W_LABEL = 1u << 9,     /* a label of a date or credit line (Published, Updated) */
    BYL_W_PLACE = 1u << 10,    /* a country, region, city or people: one-word names of it are places */
    BYL_W_NOTORG = 1u << 11,   /* an upper-case abbreviation that is not an organisation (AI, CEO) */
    BYL_W_AND = 1u << 12,      /* "and": a connector inside organisation names */
    /* the byline reader (doc/byline.c) */
    BYL_W_BY_ROLE = 1u << 13,     /* a role or desk, not a person (Staff Writer) */
    BYL_W_BY_PARTICLE = 1u << 14, /* a particle in bylines only: do, e (see above) */
    BYL_W_BY_COMMON = 1u << 15,   /* rules out a lower-case name after "by" */
    /* the query planner (query/search.c) */
    BYL_W_Q_STOP = 1u << 16,   /* function word a long query leaves out */
    BYL_W_Q_ACRONYM = 1u << 17, /* function word that is also an acronym (us/US) */
    /* the headings of text/context.c */
    BYL_W_TC_SMALL = 1u << 18,  /* a word Title Case leaves in lower case (of, the, and, v) */
    /* where a name stands, for the list of names (query/names.c) */
    BYL_W_LOC = 1u << 19,       /* a locative before a place (in, near, across) */
    BYL_W_SITE = 1u << 20,      /* a site before "at" a place (plant, terminal, mine) */
    BYL_W_MOVE = 1u << 21,      /* movement before "to"/"from" a place (flights, moved) */
    BYL_W_HOLDING = 1u << 22,   /* before "in": a company or publication follows (stake, piece) */
    BYL_W_INDEX_END = 1u << 23, /* the last word of a name neither who nor where: a market index (Composite), a law (Act) */
    BYL_W_STORM = 1u << 24,     /* the first word of a weather system's name (Storm, Hurricane) */
    BYL_W_SAYS = 1u << 25,      /* a verb of saying after a name (said, told, warned) */
    BYL_W_LINK = 1u << 26,      /* a label of a link line (Related:, Read more:) */
    BYL_W_PLACEOF = 1u << 27,   /* before "of" a place (mayor of, hamlet of), query/names.c */
    BYL_W_OFFICE = 1u << 28,    /* an office in a firm, between its name and the holder's (Fed Chair) */
    BYL_W_BY_PRESS = 1u << 29,  /* a word of a publication's name in a byline (Times, Journal) */
    BYL_W_CHROME = 1u << 30     /* opens a line of page furniture (Share, Follow): no names there */
};

/* The enum byl_word_role bits of w[0..n) (exact bytes: the lists are lower
 * case), 0 if it is in no list or n is 0 or over BYL_WORD_MAX.  w need not
 * be NUL-terminated. */
unsigned byl_word_roles(const char *w, size_t n);

/* The same, with ASCII A-Z folded to lower case first ("Van", "VON");
 * other bytes are compared as they are. */
unsigned byl_word_roles_ci(const char *w, size_t n);

/* Whether w[0..n), exact bytes, is a function word of English that a long
 * query leaves out (BYL_W_Q_STOP).  The caller folds case and strips
 * punctuation as it sees fit. */
int byl_word_query_stop(const char *w, size_t n);

/* Whether w[0..n), exact bytes, is a short function word that is also
 * written as an acronym (BYL_W_Q_ACRONYM: us, it, who, ...). */
int byl_word_acronym_function(const char *w, size_t n);

/* Calls fn(word, roles, ctx) once for every word of the lists, with the
 * bits of all the lists it is in, in table order; for tests and tools that
 * must see the lists whole.  Stops early when fn returns non-zero and
 * returns that value; returns 0 otherwise. */
int byl_words_each(int (*fn)(const char *w, unsigned roles, void *ctx), void *ctx);

/* ---- phrase lists of the plain-text reader (doc/byline.c) ------------
 * Phrases, not words: a label or lead-in of one or more words ("share
 * this article", "reading time", "photos by"), read where they stand in
 * a line, so they are kept in order here rather than in the word table
 * above.  Every phrase is lower case. */
enum byl_phrase_list {
    BYL_PL_SECTION, /* section names and page chrome printed over or under a headline ("world news", "share this article"): a line of these alone is no title */
    BYL_PL_READ_LEAD, /* labels before a relative or reading time ("updated", "reading time") */
    BYL_PL_READ_TAIL, /* what follows the number of a relative or reading time ("min read", "hours ago") */
    BYL_PL_COUNT_NOUN, /* the nouns of counts that trail a date or byline ("views", "comments") */
    BYL_PL_WEEKDAY, /* weekdays and their short forms, alone beside a date */
    BYL_PL_DATE_LABEL, /* words before a date on a date line ("published on", "mis à jour le"), longer first */
    BYL_PL_UPDATED, /* date labels of a change ("last updated", "modifié") */
    BYL_PL_PUBLISHED, /* date labels of publication ("first published", "posted") */
    BYL_PL_INNER_LABEL, /* labels that open a second stamp inside one segment (" Updated 2 hours ago") */
    BYL_PL_HONORIFIC, /* honorifics before a name in a byline ("dr", "prof") */
    BYL_PL_NAME_AND, /* words between two writers, with their blanks (" and ", " & ", " und ") */
    BYL_PL_JOB_END, /* endings of a job title's last word ("-ant", "-ist", "-er") */
    BYL_PL_SEG_LEAD, /* lead-ins that open a later segment of a byline before a colon ("Interview:", "Words:") */
    BYL_PL_CREW, /* credits of who made the page, not the story ("photos", "graphics", "photo by") */
    BYL_PL_CREDIT_WRITER, /* lead-ins of a closing credit that name writers ("reporting by") */
    BYL_PL_CREDIT_OTHER, /* lead-ins of a closing credit that name no writer ("editing by", "translated by") */
    BYL_PL_DESK, /* the last word of a desk, an office or an agency named after a writer ("Communications Office", "Nordwest Presse Agentur", "City Desk"): no person's surname */
    BYL_PL_OUTLET, /* the last word of a broadcaster's or a site's name ("radio", "online"): "Jane Roe for Harbour Public Radio"; no surname */
    BYL_PL_REL_DAY, /* a day named relative to the page's now ("yesterday", "today", "gestern"): beside a date, the stamp's own words */
    BYL_PL_CHECKER, /* lead-ins of a checker's credit ("checked by", "fact-checked by"): the writer of a page that is a check, when no byline names another */
    BYL_PL_COUNT
};

/* Whether s[0, n) is a phrase of list (ASCII A-Z folded to lower case;
 * other bytes compared as they are).  0 for an unknown list. */
int byl_phrase_is(int list, const char *s, size_t n);

/* The phrases of list, in the order they are written (longer ones before
 * the shorter ones they start with, where the reader takes the first that
 * matches), and their number in *count; NULL and 0 for an unknown list.
 * Borrowed: static storage. */
const char *const *byl_phrase_list(int list, size_t *count);

/* ---- companies' names of other countries (text/entity.c, query/plan.c) */

/* Whether w[0..n), lower case with its dots taken out, is a legal form
 * when it is written with dots between its letters (A.Ş. "as", s.r.o.
 * "sro", d.o.o. "doo", W.L.L. "wll", S.p.A. "spa"): the dotted-only forms
 * and every company's suffix (not Jr, Sr). */
int byl_word_dotted_legal(const char *w, size_t n);

/* Lists of round 23's names (text/entity.c, text/lexer.c, query/plan.c),
 * each of lower-case words, asked with byl_word_in:
 *   BYL_WL_LEGAL_CONNECTOR  joins two words of a company's name in its
 *                           language when a legal form ends the name (ve,
 *                           y, e, i, und, et, ng, nan, ja, og, och, en, es)
 *   BYL_WL_PORTFOLIO        a word of a minister's portfolio that no
 *                           English ending tells (affairs, health, trade)
 *   BYL_WL_OFFICE_BODY      an office that is a body and takes "of" as an
 *                           organisation's word does (ombudsman, registrar)
 *   BYL_WL_COUNTRY_ACRONYM  a country's acronym written before a body's name
 *                           (us, u.s, uk, eu, un, uae)
 *   BYL_WL_NAME_ABBR        a given name written short with a period (ma:
 *                           María; moh, muh, mohd: Mohammad), which ends no
 *                           sentence and opens a name
 *   BYL_WL_MORE_TITLE       a title of address or a trade written before a
 *                           person's name that the title list lacks
 *                           (maestro, mro, crofter, villager, welder)
 *   BYL_WL_PLACE_NOUN       a word for a kind of place written after a
 *                           place's name (the Bicol region, Albay
 *                           province, Brittany regions), query/names.c
 *   BYL_WL_GIVEN_STOP       a function word that is a given name too, a
 *                           name's first word when it is capitalised
 *                           inside a sentence before a surname (An
 *                           Verhaegen, Will Hutton, Do Kwon), text/entity.c
 *   BYL_WL_PATRONYMIC       a patronymic written after the name as its
 *                           last word (uulu, kyzy, oglu), text/entity.c *   BYL_WL_MESSAGE          a word of sending or posting before "on" and a
 *                           channel (updates on Signal, posted on X)
 *   BYL_WL_AUX              an auxiliary verb after a name: an agent's
 *                           mention (Holloway are understood), query/names.c
 */
enum byl_word_list {
    BYL_WL_LEGAL_CONNECTOR,
    BYL_WL_PORTFOLIO,
    BYL_WL_OFFICE_BODY,
    BYL_WL_COUNTRY_ACRONYM,
    BYL_WL_NAME_ABBR,
    BYL_WL_MORE_TITLE,
    BYL_WL_PLACE_NOUN,
    BYL_WL_GIVEN_STOP,
    BYL_WL_PATRONYMIC,
    BYL_WL_MESSAGE,
    BYL_WL_AUX,
    BYL_WL_COUNT
};

/* Whether w[0..n), exact bytes, is in the list (enum byl_word_list); 0
 * for an unknown list or a NULL word. */
int byl_word_in(int list, const char *w, size_t n);

#endif
