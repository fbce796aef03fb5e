/*
 * analyzer.c - the name-aware analyzer: UTF-8 text in, terms with positions
 * and byte offsets out (contract in analyzer.h, every rule with examples in
 * docs/TOKENIZATION.md).
 *
 * How it works, in three passes over one text:
 *   1. lex:     split the bytes into units (words with their connectors such
 *               as U.S.-China or 60,000, CJK runs, URLs, e-mail addresses,
 *               #tags/@handles), noting for each what separated it from the
 *               one before (punctuation, sentence end, line, paragraph) and a
 *               few case facts.  ASCII goes through a table; only non-ASCII
 *               code points are decoded and looked up in utf8proc.
 *   2. context: decide which sentences or lines are ALL-CAPS copy (old wire
 *               text, headlines), where capitals carry no information.
 *   2b. headings (index mode): mark heading lines and Title Case lead-ins,
 *               which give no names, the line breaks that only wrap a
 *               paragraph, and fill a filter of the text's lower-case words.
 *   3. emit:    turn each unit into terms (normalize, classify, stem), and in
 *               index mode feed capitalised words to the name detector, which
 *               adds one stacked ENTITY token per multi-word name, and, at
 *               the end of the text, one per mention of each one-word name
 *               the whole text gives evidence for.
 * Tokens are appended in emission order and put in position order at the
 * end by an insertion sort (a stacked whole is at most a few tokens late).
 *
 * Every growable array lives in the analyzer and is reused, so the steady
 * state allocates nothing.  Errors inside the passes are sticky (a->rc).
 *
 * Not for: query syntax, field routing, or stop-word removal (stop words are
 * indexed; BM25 weighs them).
 */
#include "text/analyzer.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/utf8.h"
#include "util/err.h"
#include "util/mem.h"

#define MAX_TERM 64     /* longer terms are garbage and dropped */
#define MAX_SPAN 1024   /* source bytes of one word we bother normalizing */
#define TOO_LONG ((size_t)-1)
#define MAX_RUN 12      /* words of a run, connectors included */
#define MAX_NAMEW 6     /* name words in a name; longer capitalised runs are not names */
#define MAX_CANDS 256   /* one-word name candidates kept per text */
#define MAX_PERSONS 32  /* multi-word names whose last word a later mention may be */
#define LOW_WORDS 1024  /* 64-bit words of the lower-case word filter */
#define STEM_SLOTS 4096 /* direct-mapped cache of word -> stem, at most */
#define STEM_SLOTS0 256 /* ... and at first (see stem()) */
#define STEM_MAX 22
#define WL_SLOTS 2048   /* hash table of the built-in word lists (about 900) */
#define WL_MAX 15

/* Character classes.  Everything from C_UPPER on can start a word. */
enum {
    C_SPACE, C_NL, C_PUNCT, C_SENT, C_DOT, C_HYPHEN, C_AMP, C_COMMA, C_APOS,
    C_AT, C_HASH, C_IGNORE, C_CJK, C_MARK,
    C_UPPER, C_LOWER, C_OLETTER, C_DIGIT
};
#define IS_STARTER(cl) ((cl) >= C_UPPER)
#define IS_LETTER(cl) ((cl) >= C_UPPER && (cl) <= C_OLETTER)

enum { UT_WORD, UT_CJK, UT_URL, UT_EMAIL, UT_TAG };

/* What separated a unit from the one before it. */
enum {
    BRK_PUNCT = 1, /* punctuation other than spaces: ends a name */
    BRK_SENT = 2,  /* sentence end (or start of text) */
    BRK_LINE = 4,  /* a line break */
    BRK_PARA = 8,  /* a blank line */
    BRK_DOT = 16,  /* a period right after the previous unit */
    BRK_AMP = 32   /* a lone "&" between spaces (Procter & Gamble) */
};

/* Facts about a unit, gathered while lexing. */
enum {
    F_UPPER1 = 1u << 0,     /* starts with an upper/title-case letter */
    F_LOWER1 = 1u << 1,     /* starts with a lower-case letter */
    F_CAPSWORD = 1u << 2,   /* >= 2 upper-case letters, no lower-case */
    F_CASEWORD = 1u << 3,   /* >= 2 cased letters */
    F_ALPHA = 1u << 4,      /* no digits */
    F_NUM = 1u << 5,        /* no letters */
    F_SIMPLE = 1u << 6,     /* one ASCII atom without apostrophe: fast path */
    F_NONASCII = 1u << 7,
    F_APOS = 1u << 8,       /* has an inner apostrophe */
    F_PLURALACR = 1u << 9,  /* CEOs */
    F_ONELETTER = 1u << 10, /* a single letter: an initial if a period follows */
    F_ABBR = 1u << 11,      /* dotted abbreviation: U.S, Ph.D, e.g */
    F_DOTAFTER = 1u << 12,  /* a period follows directly */
    F_INNER = 1u << 13,     /* a piece of a URL, e-mail or tag */
    F_CAPSCTX = 1u << 14,   /* in ALL-CAPS context */
    F_LONG4 = 1u << 15,     /* >= 4 letters */
    F_LONG5 = 1u << 16,     /* >= 5 letters */
    F_HEADING = 1u << 17,   /* in a heading line or a Title Case lead-in: no names */
    F_SOFTNL = 1u << 18     /* its line break only wraps a paragraph (old wire copy) */
};

/* Connectors between the atoms of a word unit. */
enum { K_NONE = 0, K_HYPH = 1, K_DOT = 2, K_AMP = 4, K_COMMA = 8, K_DOTHYPH = 16 };

/* Built-in word list roles. */
enum {
    R_STOP = 1,     /* function word: a capitalised one never starts or continues a name */
    R_TITLE = 2,    /* title or role: stripped from names (President, CEO, Mr) */
    R_PARTICLE = 4, /* lower-case name particle (von, bin, al) */
    R_DATE = 8,     /* month or weekday */
    R_SUFFIX = 16,  /* Inc, Corp, Jr: ends a name, not part of it */
    R_ABBR = 32,    /* a period after it does not end a sentence */
    R_ORG = 64,     /* may be followed by "of" inside a name (Bank of America) */
    R_OF = 128,     /* the word "of" */
    R_DATENUM = 256, /* a month only when a number follows (May 5, but Theresa May) */
    R_LABEL = 512,   /* a label of a date or credit line (Published, Updated) */
    R_PLACE = 1024,  /* a country, region, city or people: one-word names of it are places */
    R_NOTORG = 2048, /* an upper-case abbreviation that is not an organisation (AI, CEO) */
    R_AND = 4096     /* "and", "for": connectors inside organisation names */
};

struct unit {
    uint32_t start, end; /* source bytes */
    uint32_t flags;      /* F_* */
    uint8_t type;        /* UT_* */
    uint8_t brk;         /* BRK_* before this unit */
};

struct atom {
    uint32_t start, end;        /* source bytes, possessive cut off */
    uint16_t nup, nlo, nlet, ndig;
    uint8_t conn;               /* K_* connector before this atom */
    uint8_t fup;                /* first letter is upper-case */
    uint8_t poss;               /* a possessive or contraction was cut */
    uint8_t apos;               /* has an apostrophe */
    uint32_t apos_at, apos_len; /* the last apostrophe */
};

struct cjkchar {
    uint32_t start, end; /* source bytes: a character and its marks */
    uint32_t toff, tlen; /* its normalized text in a->cjk */
};

/* What emitting one word unit tells the name detector. */
struct winfo {
    char canon[MAX_TERM + 1]; /* unstemmed lower-case form */
    size_t clen;
    int ok;          /* canon fits and is not empty */
    size_t tok0;     /* its unstacked tokens are toks[tok0..tok1) */
    size_t tok1;
    uint32_t pos;    /* position of its first token */
    uint32_t wend;   /* end of the word proper (possessive excluded) */
    int poss;        /* ended in a possessive: a name ends here */
    int nameable;    /* letters only, plain or hyphenated */
    int capital;     /* nameable and capitalised (Zhang, Jean-Claude, al-Assad) */
};

enum { RW_NAME, RW_INITIAL, RW_PARTICLE, RW_OF, RW_AND, RW_AMP };

struct runword {
    uint32_t start, end, pos;
    size_t tok0, tok1;
    int role;
    uint8_t shape;   /* CS_* */
    int poss;        /* ended in a possessive (Moody's) */
    int sent;        /* the first word of a sentence or line */
    int period;      /* ... after a sentence's end (not a line break alone) */
    size_t len;
    char w[MAX_TERM + 1];
};

/* A one-word name candidate of the text being analyzed, and its mentions.
 * It becomes an entity only if the text gives evidence (analyzer.c, "one-word
 * names"). */
struct cand {
    uint32_t h;       /* hash of w */
    uint16_t mid;     /* capitalised mentions inside a sentence */
    uint16_t first;   /* mentions that start a sentence */
    uint8_t shape;    /* CS_* */
    uint8_t len;
    char w[MAX_TERM + 1];
};
enum { CS_PLAIN = 0, CS_CAMEL = 1, CS_ACRONYM = 2 };

struct mention {
    uint32_t cand, pos, start, end;
    size_t tok0, tok1;
};

struct person {
    uint8_t klen, flen, llen;
    char key[MAX_TERM + 1];   /* entity key of the whole name */
    char first[MAX_TERM + 1]; /* its first and last name words */
    char last[MAX_TERM + 1];
};

struct stem_slot {
    uint8_t klen, slen;
    char key[STEM_MAX];
    char stem[STEM_MAX];
};

struct wl_slot {
    uint8_t len;
    uint16_t bits;
    char w[WL_MAX + 1];
};

struct byl_analyzer {
    struct sb_stemmer *stemmer;
    struct stem_slot *stems; /* stem_mask + 1 slots */
    uint32_t stem_mask, stem_misses;
    struct wl_slot *wl;      /* WL_SLOTS */
    uint8_t cls[128];        /* ASCII classes */

    /* output, reused */
    byl_token *toks;
    size_t ntoks, captoks;
    char *terms;
    size_t nterms, capterms;

    /* scratch, reused */
    struct unit *units;
    size_t nunits, capunits;
    struct atom *atoms;
    size_t capatoms;
    struct cjkchar *cu; /* characters of one CJK run */
    size_t capcu;
    char *cjk;       /* their normalized forms */
    size_t capcjk;
    utf8proc_int32_t *u32;
    size_t capu32;
    char nb[MAX_TERM + 8]; /* norm() output */

    /* per call */
    int rc;        /* sticky error */
    int dry;       /* compute canonical forms only, emit nothing */
    int no_names;  /* name detection switched off */
    int titlecase; /* the text is a Title Case headline: no names */
    uint32_t tlen; /* bytes of the text */
    int saw_sent;  /* the text has a sentence end or line break somewhere */
    uint32_t pos;  /* next position */

    /* pending whole of a URL / e-mail / tag, stacked once its pieces are out */
    int pending;
    uint32_t pend_pos, pend_start, pend_end;
    size_t pend_len;
    char pend[MAX_TERM + 1];

    /* the name being collected */
    struct runword run[MAX_RUN];
    size_t nrun;
    int run_over;
    int run_suffix; /* the run ends before Inc, Corp, Co: an organisation */

    /* one-word names: candidates, mentions and evidence for this text */
    struct cand *cands;       /* MAX_CANDS */
    size_t ncands;
    struct mention *ments;
    size_t nments, capments;
    struct person *persons;   /* MAX_PERSONS */
    size_t npersons;
    uint64_t *low;            /* LOW_WORDS: filter of the text's lower-case words */
    uint32_t lowmask;         /* 64-bit words of it in use, minus one */
    uint32_t *lines;          /* the first unit of each line (lexing) */
    size_t nlines, caplines;
    uint32_t shape[33];       /* first letters (bits) of capitalised words by length */
    size_t late0;             /* tokens from here on were emitted by cands_end */
    byl_token *mtoks;         /* room to merge them in */
    size_t capmtoks;
};

/* ---- word lists ----------------------------------------------------------- */

static const char *const stop_words[] = {
    "a", "an", "the", "and", "or", "but", "nor", "if", "in", "on", "at", "to",
    "of", "for", "by", "with", "from", "as", "into", "onto", "upon", "about",
    "above", "after", "before", "while", "when", "whenever", "where", "why",
    "how", "what", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "there", "here", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "hers", "their", "theirs", "our", "ours", "my",
    "your", "yours", "him", "them", "us", "me", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "do", "does", "did", "not",
    "no", "yes", "so", "yet", "then", "than", "also", "however", "meanwhile",
    "although", "though", "because", "since", "until", "unless", "during",
    "under", "over", "between", "among", "amid", "against", "without",
    "within", "through", "throughout", "toward", "towards", "all", "any",
    "some", "many", "much", "most", "more", "less", "few", "other", "another",
    "such", "each", "every", "both", "either", "neither", "last", "next",
    "only", "just", "even", "still", "now", "today", "tonight", "yesterday",
    "tomorrow", "according", "despite", "like", "unlike", "per", "via",
    "said", "says", "say", "thus", "hence", "therefore", "instead", "indeed",
    "perhaps", "maybe", "nevertheless", "nonetheless", "moreover",
    "furthermore", "besides", "otherwise", "dear", "hi", "hello", "please",
    "thanks", "will", "would", "can", "could", "should", "might", "must",
    "shall", "let", "one", "two", "three", "first", "second", "third",
    "earlier", "later", "recently", "off", "out", "up", "down", "around",
    "across", "behind", "beyond", "near", "inside", "outside", "whether",
    "once", "again", "already", "always", "never", "often", "sometimes",
    "very", "too", "well", "shares", "see", "read", "watch", "breaking",
    "update", "exclusive", "analysis", "opinion", "editorial", "year", "net",
    "note", "total", "photo", "video", "including", "excluding", "following",
    "regarding", "concerning", "mostly", "partly", "currently", "overall",
    "separately", "additionally", "ultimately", "notably", "initially",
    "finally", "fortunately", "unfortunately", "interestingly", "clearly",
    "instead", "conclusion"};

static const char *const title_words[] = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "president", "vice", "prime", "minister", "premier",
    "chancellor", "chairman", "chairwoman", "chairperson", "chair", "ceo",
    "cfo", "cto", "coo", "founder", "cofounder", "co-founder", "chief",
    "executive", "director", "secretary", "senator", "sen", "representative",
    "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
    "prince", "princess", "crown", "sheikh", "pope", "emperor", "empress",
    "judge", "justice", "gen", "lt", "col", "capt", "sgt", "adm", "maj",
    "cmdr", "commander", "colonel", "captain", "lieutenant", "sergeant",
    "admiral", "marshal", "ambassador", "envoy", "commissioner", "spokesman",
    "spokeswoman", "spokesperson", "rev", "reverend", "bishop", "archbishop",
    "cardinal", "rabbi", "imam", "ayatollah", "coach", "manager", "deputy",
    "acting", "former", "late", "president-elect", "head", "leader",
    "analyst", "economist", "editor", "reporter", "boss", "officer",
    "attorney", "minister-president", "speaker", "chairman-elect"};

static const char *const particle_words[] = {
    "de", "da", "di", "du", "des", "del", "della", "dos", "das", "van", "von",
    "der", "den", "ter", "ten", "bin", "ibn", "bint", "al", "el", "le", "la",
    "zu", "y", "dela", "af"};

static const char *const date_words[] = {
    "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "feb", "apr",
    "aug", "sept", "oct", "nov", "dec", "tue", "tues", "thu", "thur", "thurs",
    "fri"};

static const char *const datenum_words[] = {"may", "mar", "jan", "jun", "jul",
                                            "sep", "sun", "sat", "wed", "mon"};

static const char *const suffix_words[] = {"inc", "corp", "ltd", "llc", "plc",
                                           "co", "jr", "sr", "gmbh"};

static const char *const abbr_words[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "sen", "rep",
    "gov", "lt", "col", "capt", "sgt", "adm", "maj", "cmdr", "rev", "hon",
    "inc", "corp", "ltd", "co", "bros", "vs", "etc", "no", "nos", "approx",
    "dept", "est", "fig", "vol", "mt", "ft", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pp", "ca", "cf",
    "al"};

static const char *const org_words[] = {
    "university", "bank", "institute", "department", "ministry", "school",
    "college", "academy", "museum", "council", "commission", "federation",
    "association", "society", "church", "republic", "kingdom", "board",
    "office", "court", "center", "centre", "foundation", "organization",
    "organisation", "union", "league", "house", "hospital", "bureau",
    "agency", "chamber", "party", "state", "states", "city", "bay", "gulf",
    "isle", "lake", "cape", "port", "duke", "service", "services", "group",
    "commission", "committee", "institute", "authority", "administration",
    "association", "corporation", "company", "fund", "trust", "exchange",
    "court", "agency", "programme", "program", "council", "guild",
    "organization", "press", "bancorp", "holdings", "partners", "capital",
    "securities", "assembly", "network", "alliance", "federation", "reserve",
    "forum", "banco", "banque", "grupo", "groupe"};

/* Labels of the date, credit and section lines of web pages: such a word
 * never starts a name ("Published Date", "Updated Monday"). */
static const char *const label_words[] = {
    "published", "updated", "posted", "date", "dated", "modified", "reporting",
    "editing", "writing", "additional", "caption", "advertisement",
    "sponsored", "subscribe", "newsletter", "byline", "filed"};

/* Places and peoples that a text names as one capitalised word: they are
 * not one-word organisations or people (China, Beijing, American). */
static const char *const place_words[] = {
    "africa", "america", "americas", "asia", "europe", "oceania", "arctic",
    "antarctica", "atlantic", "pacific", "mediterranean", "caribbean",
    "china", "india", "japan", "korea", "taiwan", "vietnam", "thailand",
    "indonesia", "malaysia", "singapore", "philippines", "pakistan",
    "bangladesh", "afghanistan", "iran", "iraq", "syria", "lebanon", "israel",
    "gaza", "jordan", "egypt", "libya", "tunisia", "algeria", "morocco",
    "nigeria", "ghana", "kenya", "ethiopia", "sudan", "somalia", "zimbabwe",
    "zambia", "angola", "mozambique", "qatar", "kuwait", "bahrain", "oman",
    "yemen", "turkey", "russia", "ukraine", "belarus", "poland", "germany",
    "france", "italy", "spain", "portugal", "britain", "england", "scotland",
    "wales", "ireland", "netherlands", "holland", "belgium", "luxembourg",
    "switzerland", "austria", "hungary", "romania", "bulgaria", "greece",
    "serbia", "croatia", "sweden", "norway", "denmark", "finland", "iceland",
    "canada", "mexico", "brazil", "argentina", "chile", "peru", "colombia",
    "venezuela", "ecuador", "bolivia", "uruguay", "paraguay", "cuba",
    "australia", "zealand", "kazakhstan", "uzbekistan", "mongolia",
    "beijing", "shanghai", "shenzhen", "hangzhou", "guangzhou", "tokyo",
    "seoul", "delhi", "mumbai", "dubai", "riyadh", "tehran", "baghdad",
    "cairo", "istanbul", "ankara", "moscow", "kyiv", "kiev", "warsaw",
    "berlin", "frankfurt", "munich", "paris", "london", "madrid",
    "barcelona", "rome", "milan", "amsterdam", "brussels", "geneva",
    "zurich", "vienna", "stockholm", "oslo", "copenhagen", "helsinki",
    "dublin", "lisbon", "athens", "washington", "chicago", "boston",
    "houston", "dallas", "miami", "atlanta", "seattle", "toronto",
    "montreal", "vancouver", "sydney", "melbourne", "jakarta", "manila",
    "bangkok", "hanoi", "taipei", "johannesburg", "lagos", "nairobi",
    "toulouse", "hollywood", "wall", "american", "americans", "chinese",
    "japanese", "korean", "indian", "european", "europeans", "african",
    "asian", "arab", "arabs", "british", "english", "french", "german",
    "germans", "italian", "spanish", "dutch", "portuguese", "russian",
    "russians", "ukrainian", "israeli", "israelis", "palestinian",
    "palestinians", "iranian", "iraqi", "saudi", "saudis", "egyptian",
    "turkish", "greek", "polish", "swedish", "norwegian", "danish",
    "finnish", "swiss", "austrian", "belgian", "irish", "scottish",
    "canadian", "mexican", "brazilian", "argentine", "australian",
    "western", "eastern", "northern", "southern", "christian", "muslim",
    "muslims", "jewish", "catholic", "republican", "republicans",
    "democrat", "democrats", "democratic", "internet", "christmas",
    "easter", "ramadan", "celsius", "fahrenheit", "euro", "euros", "yuan",
    "yen", "rupee", "rupees", "won", "peso", "pesos", "riyal", "riyals",
    "sterling", "dollar", "dollars", "brent", "bitcoin", "god"};

/* Upper-case abbreviations that are not organisations. */
static const char *const notorg_words[] = {
    "ai", "ceo", "cfo", "cto", "coo", "gdp", "ipo", "etf", "usd", "eur",
    "gbp", "cpi", "ppi", "api", "gpu", "gpus", "cpu", "ev", "evs", "llm",
    "tv", "pc", "ok", "faq", "ps", "am", "pm", "et", "gmt", "utc", "est",
    "pdt", "pst", "bst", "cet", "dna", "hiv", "covid", "q", "a", "i", "ii",
    "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "ltd", "plc",
    "inc", "llc", "mp", "mps", "phd", "vp", "hr", "it", "pr", "qa", "id",
    "vr", "ar", "xr", "os", "ui", "ux", "hbm", "ram", "ssd", "lng", "oil",
    "us", "usa", "uk", "eu", "un", "uae", "mr", "mrs", "dr", "nb", "pct",
    "bps", "mln", "bln", "dlrs", "vs", "ft", "km", "kg", "mw", "gw", "twh",
    "kwh", "bpd", "esg", "m&a", "r&d", "q1", "q2", "q3", "q4", "h1", "h2"};

static uint32_t hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 16777619u;
    }
    return h;
}

static void wl_add(struct wl_slot *wl, const char *w, unsigned bits)
{
    size_t n = strlen(w);
    uint32_t h = hash_bytes(w, n) & (WL_SLOTS - 1);
    for (;;) {
        struct wl_slot *s = &wl[h];
        if (s->len == 0) {
            s->len = (uint8_t)n;
            memcpy(s->w, w, n);
            s->bits = (uint16_t)bits;
            return;
        }
        if (s->len == n && memcmp(s->w, w, n) == 0) {
            s->bits = (uint16_t)(s->bits | bits);
            return;
        }
        h = (h + 1) & (WL_SLOTS - 1);
    }
}

#define WL_ADD_ALL(wl, list, bits)                                     \
    for (size_t i_ = 0; i_ < sizeof list / sizeof list[0]; i_++)      \
    wl_add(wl, list[i_], bits)

/* Role bits of a lower-case word, 0 if it is in no list. */
static unsigned wl_lookup(const byl_analyzer *a, const char *w, size_t n)
{
    if (n == 0 || n > WL_MAX)
        return 0;
    uint32_t h = hash_bytes(w, n) & (WL_SLOTS - 1);
    for (;;) {
        const struct wl_slot *s = &a->wl[h];
        if (s->len == 0)
            return 0;
        if (s->len == n && memcmp(s->w, w, n) == 0)
            return s->bits;
        h = (h + 1) & (WL_SLOTS - 1);
    }
}

/* ---- character classes -------------------------------------------------- */

static void init_ascii(uint8_t *cls)
{
    for (int c = 0; c < 128; c++) {
        int k = C_PUNCT;
        if (c >= 'A' && c <= 'Z')
            k = C_UPPER;
        else if (c >= 'a' && c <= 'z')
            k = C_LOWER;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == '\n')
            k = C_NL;
        else if (c < 0x20 || c == ' ' || c == 0x7F)
            k = C_SPACE;
        else if (c == '.')
            k = C_DOT;
        else if (c == '!' || c == '?')
            k = C_SENT;
        else if (c == '-')
            k = C_HYPHEN;
        else if (c == '&')
            k = C_AMP;
        else if (c == ',')
            k = C_COMMA;
        else if (c == '\'')
            k = C_APOS;
        else if (c == '@')
            k = C_AT;
        else if (c == '#')
            k = C_HASH;
        cls[c] = (uint8_t)k;
    }
}

static int is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x309A) || (cp >= 0x309D && cp <= 0x30FF) ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0xFFA0 && cp <= 0xFFDC) ||
           cp == 0x3005 || cp == 0x3006 || cp == 0x3007 || cp == 0x303B;
}

/* Class of a non-ASCII code point.  The explicit cases are the characters
 * whose Unicode category would mislead: apostrophes and hyphens that join
 * words, spaces that are format characters, full-width ASCII punctuation. */
static int classify_cp(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x02BC: case 0xFF07:
        return C_APOS;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    case 0xFE63: case 0xFF0D:
        return C_HYPHEN;
    case 0xFF0E:
        return C_DOT;
    case 0xFF06:
        return C_AMP;
    case 0xFF20:
        return C_AT;
    case 0xFF03:
        return C_HASH;
    case 0x00A0: case 0x200B: case 0x202F: case 0x205F: case 0x3000:
    case 0x1680: case 0x180E:
        return C_SPACE;
    case 0x0085: case 0x2028: case 0x2029:
        return C_NL;
    case 0x00AD: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x034F:
        return C_IGNORE;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0x0964:
    case 0x0965: case 0x061F: case 0x06D4: case 0x2026:
        return C_SENT;
    case 0x30FB: case 0xFF65: case 0x30A0: case 0xFFFD:
        return C_PUNCT;
    }
    if (is_cjk(cp))
        return C_CJK;
    switch (utf8proc_get_property(cp)->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
        return C_OLETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    default:
        return C_PUNCT;
    }
}

/* Class of the character at s[i] (i < to); its length goes to *n. */
static inline int class_at(const byl_analyzer *a, const uint8_t *s, size_t i,
                           size_t to, size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return a->cls[s[i]];
    }
    int32_t cp;
    *n = byl_utf8_decode(s + i, to - i, &cp);
    return classify_cp(cp);
}

/* ---- growable arrays ----------------------------------------------------- */

/* Makes room for `need` elements of `size` bytes in *p (capacity *cap).
 * Sets a->rc on failure. */
static int grow(byl_analyzer *a, void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    if (a->rc)
        return -1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = byl_realloc(*p, c * size);
    if (!q) {
        a->rc = BYL_ENOMEM;
        return -1;
    }
    *p = q;
    *cap = c;
    return 0;
}

/* ---- normalization and stemming --------------------------------------- */

static int is_apos_cp(int32_t cp)
{
    return cp == 0x27 || cp == 0x2019 || cp == 0x02BC || cp == 0xFF07;
}

/* The combining marks that Latin, Greek and Cyrillic text uses as accents.
 * Marks of other scripts (kana voicing, Indic vowel signs) carry meaning and
 * are kept. */
static int is_accent(int32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

enum { NORM_KEEP_APOS = 1 };

/* Normalizes source bytes s[b..e) into a->nb: NFKC, case-folded, accents
 * stripped, default-ignorables dropped, apostrophes dropped unless
 * NORM_KEEP_APOS.  Returns the length (0 if nothing is left), or TOO_LONG
 * when the result would exceed MAX_TERM bytes. */
static size_t norm(byl_analyzer *a, const uint8_t *s, size_t b, size_t e,
                   unsigned how)
{
    size_t n = e - b, k, o = 0;
    if (n > MAX_SPAN)
        return TOO_LONG;
    for (k = b; k < e; k++)
        if (s[k] >= 0x80)
            break;
    if (k == e) {
        for (k = b; k < e; k++) {
            uint8_t c = s[k];
            if (c == '\'' && !(how & NORM_KEEP_APOS))
                continue;
            if (o == MAX_TERM)
                return TOO_LONG;
            a->nb[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        a->nb[o] = '\0';
        return o;
    }
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                  UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                  UTF8PROC_IGNORE;
    utf8proc_ssize_t r;
    for (;;) {
        r = utf8proc_decompose_custom(s + b, (utf8proc_ssize_t)n, a->u32,
                                      (utf8proc_ssize_t)a->capu32, opt, NULL, NULL);
        if (r < 0)
            return 0;
        if ((size_t)r <= a->capu32)
            break;
        if (grow(a, (void **)&a->u32, &a->capu32, (size_t)r, sizeof *a->u32))
            return 0;
    }
    size_t m = 0;
    for (k = 0; k < (size_t)r; k++) {
        int32_t cp = a->u32[k];
        if (is_accent(cp) || (is_apos_cp(cp) && !(how & NORM_KEEP_APOS)))
            continue;
        a->u32[m++] = cp;
    }
    if (m == 0)
        return 0;
    r = utf8proc_reencode(a->u32, (utf8proc_ssize_t)m,
                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0)
        return 0;
    if ((size_t)r > MAX_TERM)
        return TOO_LONG;
    memcpy(a->nb, a->u32, (size_t)r);
    a->nb[r] = '\0';
    return (size_t)r;
}

/* Porter2 stem of w[0..n) (lower-case ASCII letters) into out (room for
 * MAX_TERM + 1); returns its length.  A small direct-mapped cache in front
 * of libstemmer pays for itself: news text repeats its words. */
static size_t stem(byl_analyzer *a, const char *w, size_t n, char *out)
{
    struct stem_slot *sl = NULL;
    if (n <= STEM_MAX) {
        uint32_t h = hash_bytes(w, n);
        sl = &a->stems[h & a->stem_mask];
        if (sl->klen == n && memcmp(sl->key, w, n) == 0) {
            memcpy(out, sl->stem, sl->slen);
            return sl->slen;
        }
        /* The cache starts small and grows with its misses: a search
         * stems a few hundred words, and every page of a large cache it
         * touched would be a page fault (a one-shot search paid about
         * forty); indexing reaches the full size within its first
         * articles.  Growing drops what was cached. */
        if (++a->stem_misses > 4 * (a->stem_mask + 1) && a->stem_mask + 1 < STEM_SLOTS) {
            struct stem_slot *big = byl_calloc(4 * ((size_t)a->stem_mask + 1), sizeof *big);
            if (big) {
                byl_free(a->stems);
                a->stems = big;
                a->stem_mask = 4 * (a->stem_mask + 1) - 1;
                a->stem_misses = 0;
                sl = &a->stems[h & a->stem_mask];
            }
        }
    }
    const sb_symbol *r = sb_stemmer_stem(a->stemmer, (const sb_symbol *)w, (int)n);
    if (!r) {
        a->rc = BYL_ENOMEM;
        return 0;
    }
    size_t m = (size_t)sb_stemmer_length(a->stemmer);
    if (m > MAX_TERM)
        m = MAX_TERM;
    memcpy(out, r, m);
    if (sl && m <= STEM_MAX) {
        sl->klen = (uint8_t)n;
        sl->slen = (uint8_t)m;
        memcpy(sl->key, w, n);
        memcpy(sl->stem, r, m);
    }
    return m;
}

static int all_lower_ascii(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    return n > 0;
}

static int all_ascii_alnum(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&'))
            return 0;
    }
    return n > 0;
}

static void upper_ascii(char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            w[i] = (char)(w[i] - 32);
}

/* ---- token output ------------------------------------------------------ */

/* Appends one token; terms that are empty or over MAX_TERM bytes are
 * dropped.  Returns 1 if a token was added. */
static int push_tok(byl_analyzer *a, const char *t, size_t n, uint32_t pos,
                    uint32_t start, uint32_t end, int kind, int flags)
{
    if (a->rc || a->dry || n == 0 || n > MAX_TERM)
        return 0;
    if (a->nterms + n + 1 > UINT32_MAX) {
        a->rc = BYL_ELIMIT;
        return 0;
    }
    if (grow(a, (void **)&a->toks, &a->captoks, a->ntoks + 1, sizeof *a->toks) ||
        grow(a, (void **)&a->terms, &a->capterms, a->nterms + n + 1, 1))
        return 0;
    byl_token *tk = &a->toks[a->ntoks++];
    tk->term_off = (uint32_t)a->nterms;
    tk->term_len = (uint32_t)n;
    tk->pos = pos;
    tk->start = start;
    tk->end = end;
    tk->kind = (uint16_t)kind;
    tk->flags = (uint16_t)flags;
    memcpy(a->terms + a->nterms, t, n);
    a->terms[a->nterms + n] = '\0';
    a->nterms += n + 1;
    return 1;
}

/* An ordinary token at the next position. */
static int emit(byl_analyzer *a, const char *t, size_t n, uint32_t start,
                uint32_t end, int kind)
{
    if (!push_tok(a, t, n, a->pos, start, end, kind, 0))
        return 0;
    a->pos++;
    return 1;
}

static void emit_stacked(byl_analyzer *a, const char *t, size_t n, uint32_t pos,
                         uint32_t start, uint32_t end, int kind)
{
    push_tok(a, t, n, pos, start, end, kind, BYL_TOKF_STACKED);
}

/* ---- lexing ------------------------------------------------------------- */

static void push_unit(byl_analyzer *a, uint32_t start, uint32_t end,
                      uint32_t flags, int type, unsigned *brk)
{
    if (grow(a, (void **)&a->units, &a->capunits, a->nunits + 1, sizeof *a->units))
        return;
    struct unit *u = &a->units[a->nunits++];
    u->start = start;
    u->end = end;
    u->flags = flags;
    u->type = (uint8_t)type;
    u->brk = (uint8_t)*brk;
    *brk = 0;
    /* the first unit of each line, for mark_headings */
    if ((a->nunits == 1 || (u->brk & BRK_LINE)) &&
        !grow(a, (void **)&a->lines, &a->caplines, a->nlines + 1, sizeof *a->lines))
        a->lines[a->nlines++] = (uint32_t)(a->nunits - 1);
}

static int starter_at(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n;
    return i < to && IS_STARTER(class_at(a, s, i, to, &n));
}

static int letter_at(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n;
    return i < to && IS_LETTER(class_at(a, s, i, to, &n));
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static int is_alpha(uint8_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Exactly three ASCII digits at s[i..], not followed by another digit or
 * letter: the group after a thousands comma. */
static int thousands_at(const uint8_t *s, size_t i, size_t to)
{
    if (i + 3 > to || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
        return 0;
    if (i + 3 == to)
        return 1;
    if (is_digit(s[i + 3]) || is_alpha(s[i + 3]))
        return 0;
    /* a letter of any script ends it too: "9,282İ" must split as "9,282i"
     * (its lower case, what a query types) does, or the index holds a
     * compound no query can produce (found by fuzz-analyzer) */
    int32_t cp;
    byl_utf8_decode(s + i + 3, to - i - 3, &cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO;
}

static int ci_prefix(const uint8_t *s, size_t i, size_t to, const char *p)
{
    size_t n = strlen(p);
    if (to - i < n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint8_t c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (uint8_t)(c + 32);
        if (c != (uint8_t)p[k])
            return 0;
    }
    return 1;
}

/* A URL starting at s[i]: "http://", "https://", "ftp://" or "www.".
 * Returns its end (trailing punctuation trimmed) and the start of its body
 * (after the scheme and "www.") in *body, or 0. */
static size_t try_url(const byl_analyzer *a, const uint8_t *s, size_t i,
                      size_t to, size_t *body)
{
    size_t b;
    if (ci_prefix(s, i, to, "http://"))
        b = i + 7;
    else if (ci_prefix(s, i, to, "https://"))
        b = i + 8;
    else if (ci_prefix(s, i, to, "ftp://"))
        b = i + 6;
    else if (ci_prefix(s, i, to, "www."))
        b = i;
    else
        return 0;
    if (ci_prefix(s, b, to, "www."))
        b += 4;
    if (!starter_at(a, s, b, to))
        return 0;
    size_t e = b;
    while (e < to) {
        uint8_t c = s[e];
        if (c < 0x80) {
            if (c <= ' ' || c == 0x7F || strchr("\"<>\\^`{|}", c))
                break;
            e++;
        } else {
            int32_t cp;
            size_t n = byl_utf8_decode(s + e, to - e, &cp);
            int cl = classify_cp(cp);
            if (cp == BYL_UTF8_REPLACEMENT || cl == C_SPACE || cl == C_NL ||
                cl == C_SENT || cp == 0x201D || cp == 0x300D)
                break;
            e += n;
        }
    }
    /* trailing punctuation belongs to the sentence, not the URL */
    for (;;) {
        if (e > b && s[e - 1] < 0x80 && strchr(".,;:!?'\")]}", s[e - 1]))
            e--;
        else if (e >= b + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 &&
                 (s[e - 1] == 0x99 || s[e - 1] == 0x9D))
            e -= 3; /* ’ ” */
        else
            break;
    }
    *body = b;
    return e > b ? e : 0;
}

/* An e-mail address starting at s[i]: local@label.label...  Letters and
 * digits of any script are allowed (internationalized addresses), so that
 * detection depends only on character classes, never on case: lower-casing
 * İ gives ASCII i, and the query side must still see the same address.
 * Returns its end or 0. */
static size_t try_email(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t j = i, n;
    while (j < to) {
        int cl = class_at(a, s, j, to, &n);
        if (!(IS_STARTER(cl) || cl == C_MARK || (s[j] && strchr("._%+-", s[j]))))
            break;
        j += n;
    }
    if (j == i || j >= to || s[j] != '@')
        return 0;
    j++;
    size_t end = 0, labels = 0;
    for (;;) {
        size_t l = j, nlet = 0, other = 0;
        while (j < to) {
            int cl = class_at(a, s, j, to, &n);
            if (IS_LETTER(cl) || cl == C_MARK)
                nlet += IS_LETTER(cl);
            else if (cl == C_DIGIT || s[j] == '-')
                other++;
            else
                break;
            j += n;
        }
        if (j == l)
            break;
        labels++;
        if (labels >= 2 && nlet >= 2 && other == 0)
            end = j; /* a plausible top-level label */
        if (j < to && s[j] == '.' && starter_at(a, s, j + 1, to))
            j++;
        else
            break;
    }
    return end;
}

/* Scans one word unit at s[i] (a starter): atoms of letters, digits, marks
 * and inner apostrophes, joined by single connectors (- – . & and the
 * thousands comma) when a word character follows.  Fills *flags. */
static size_t scan_word(const byl_analyzer *a, const uint8_t *s, size_t i,
                        size_t to, uint32_t *flags)
{
    unsigned nup = 0, nlo = 0, nlet = 0, ndig = 0, natoms = 0;
    unsigned minlet = ~0u, maxlet = 0, two = 0, conns = 0;
    uint32_t f = 0;
    int first = 1;
    size_t j = i;
    for (;;) {
        unsigned alet = 0, adig = 0;
        while (j < to) {
            uint8_t c = s[j];
            if (c >= 'a' && c <= 'z' && !first) {
                /* the common case, without the class dispatch */
                nlo++;
                alet++;
                j++;
                continue;
            }
            size_t n;
            int cl = class_at(a, s, j, to, &n);
            if (cl == C_UPPER) {
                nup++;
                alet++;
                if (first)
                    f |= F_UPPER1;
            } else if (cl == C_LOWER) {
                nlo++;
                alet++;
                if (first)
                    f |= F_LOWER1;
            } else if (cl == C_OLETTER) {
                alet++;
            } else if (cl == C_DIGIT) {
                adig++;
            } else if (cl == C_MARK || cl == C_IGNORE) {
                /* part of the word */
            } else if (cl == C_APOS && letter_at(a, s, j + n, to)) {
                f |= F_APOS;
            } else {
                break;
            }
            first = 0;
            if (c >= 0x80)
                f |= F_NONASCII;
            j += n;
        }
        natoms++;
        nlet += alet;
        ndig += adig;
        if (alet < minlet)
            minlet = alet;
        if (alet > maxlet)
            maxlet = alet;
        two += alet == 2;
        if (j >= to)
            break;
        size_t n, n2;
        int cl = class_at(a, s, j, to, &n);
        size_t k = j + n;
        unsigned ck = 0;
        if (cl == C_HYPHEN) {
            ck = K_HYPH;
        } else if (cl == C_DOT) {
            ck = K_DOT;
            if (k < to && class_at(a, s, k, to, &n2) == C_HYPHEN) {
                ck = K_DOTHYPH;
                k += n2;
            }
        } else if (cl == C_AMP) {
            ck = K_AMP;
        } else if (cl == C_COMMA && alet == 0 && adig > 0 && thousands_at(s, k, to)) {
            ck = K_COMMA;
        }
        if (!ck || !starter_at(a, s, k, to))
            break;
        conns |= ck;
        j = k;
    }
    if (nup >= 2 && nlo == 0)
        f |= F_CAPSWORD;
    if (nup + nlo >= 2)
        f |= F_CASEWORD;
    if (ndig == 0)
        f |= F_ALPHA;
    if (nlet == 0)
        f |= F_NUM;
    if (natoms == 1 && !(f & (F_APOS | F_NONASCII)))
        f |= F_SIMPLE;
    if (natoms == 1 && nup >= 2 && nlo == 1 && s[j - 1] == 's')
        f |= F_PLURALACR;
    if (natoms == 1 && nlet == 1 && ndig == 0)
        f |= F_ONELETTER;
    if (natoms >= 2 && conns == K_DOT && ndig == 0 && maxlet <= 2 && minlet == 1 &&
        two <= 1)
        f |= F_ABBR;
    if (nlet >= 4)
        f |= F_LONG4;
    if (nlet >= 5)
        f |= F_LONG5;
    *flags = f;
    return j;
}

/* Whether a period right after unit u is part of an abbreviation (U.S.,
 * Mr., an initial) rather than the end of a sentence. */
static int abbrev_before_dot(const byl_analyzer *a, const uint8_t *s,
                             const struct unit *u)
{
    if (u->type != UT_WORD)
        return 0;
    if (u->flags & (F_ABBR | F_ONELETTER))
        return 1;
    size_t n = u->end - u->start;
    if ((u->flags & F_SIMPLE) && (u->flags & F_ALPHA) && n <= WL_MAX) {
        char w[WL_MAX + 1];
        for (size_t k = 0; k < n; k++) {
            uint8_t c = s[u->start + k];
            w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return (wl_lookup(a, w, n) & R_ABBR) != 0;
    }
    return 0;
}

static void lex_range(byl_analyzer *a, const uint8_t *s, size_t from, size_t to,
                      int inner);

static size_t lex_word(byl_analyzer *a, const uint8_t *s, size_t i, size_t to,
                       int inner, unsigned *brk)
{
    uint32_t f, in = inner ? F_INNER : 0;
    size_t body, e;
    if (!inner && (e = try_url(a, s, i, to, &body)) != 0) {
        push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_URL, brk);
        lex_range(a, s, body, e, 1);
        return e;
    }
    size_t j = scan_word(a, s, i, to, &f);
    if (!inner && j < to && (s[j] == '@' || s[j] == '_' || s[j] == '+' || s[j] == '%') &&
        (e = try_email(a, s, i, to)) != 0) {
        push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_EMAIL, brk);
        lex_range(a, s, i, e, 1);
        return e;
    }
    push_unit(a, (uint32_t)i, (uint32_t)j, f | in, UT_WORD, brk);
    if ((f & F_UPPER1) && !inner && s[i] >= 'A' && s[i] <= 'Z') {
        /* first letters and lengths of the capitalised words (a possessive
         * or hyphenated one stands for every length up to its own) */
        size_t len = j - i < 32 ? j - i : 32;
        uint32_t bit = 1u << (s[i] - 'A');
        if (f & F_SIMPLE)
            a->shape[len] |= bit;
        else
            for (size_t l = 1; l <= len; l++)
                a->shape[l] |= bit;
    }
    return j;
}

static size_t lex_cjk(byl_analyzer *a, const uint8_t *s, size_t i, size_t to,
                      int inner, unsigned *brk)
{
    size_t j = i, n;
    while (j < to) {
        int cl = class_at(a, s, j, to, &n);
        if (cl != C_CJK && cl != C_MARK && cl != C_IGNORE)
            break;
        j += n;
    }
    push_unit(a, (uint32_t)i, (uint32_t)j, inner ? F_INNER : 0, UT_CJK, brk);
    return j;
}

/* A #hashtag or @handle at s[i]: the sign, then letters, digits, CJK and
 * underscores.  Returns its end, or 0. */
static size_t tag_end(const byl_analyzer *a, const uint8_t *s, size_t i, size_t to)
{
    size_t n, j;
    class_at(a, s, i, to, &n);
    j = i + n;
    int any = 0;
    while (j < to) {
        size_t m;
        int cl = class_at(a, s, j, to, &m);
        if (IS_STARTER(cl) || cl == C_CJK)
            any = 1;
        else if (!(cl == C_MARK || cl == C_IGNORE || s[j] == '_'))
            break;
        j += m;
    }
    return any ? j : 0;
}

/* Lexes s[from..to) into a->units.  inner: the pieces of a URL, e-mail or
 * tag (no further URLs or tags inside). */
static void lex_range(byl_analyzer *a, const uint8_t *s, size_t from, size_t to,
                      int inner)
{
    unsigned brk = inner ? BRK_PUNCT : BRK_SENT;
    unsigned nl = 0;
    size_t base = a->nunits;
    size_t i = from;
    while (i < to && !a->rc) {
        size_t n;
        int cl = class_at(a, s, i, to, &n);
        if (cl == C_SPACE || cl == C_IGNORE) {
            i += n;
            continue;
        }
        if (cl == C_NL) {
            a->saw_sent |= !inner;
            brk |= BRK_LINE;
            if (++nl >= 2)
                brk |= BRK_PARA;
            i += n;
            continue;
        }
        nl = 0;
        struct unit *prev = a->nunits > base ? &a->units[a->nunits - 1] : NULL;
        if (IS_STARTER(cl)) {
            i = lex_word(a, s, i, to, inner, &brk);
        } else if (cl == C_CJK) {
            i = lex_cjk(a, s, i, to, inner, &brk);
        } else if ((cl == C_HASH || cl == C_AT) && !inner &&
                   !(prev && prev->end == i)) {
            size_t e = tag_end(a, s, i, to);
            if (e) {
                push_unit(a, (uint32_t)i, (uint32_t)e, 0, UT_TAG, &brk);
                lex_range(a, s, i + n, e, 1);
                i = e;
            } else {
                brk |= BRK_PUNCT;
                i += n;
            }
        } else if (cl == C_DOT) {
            a->saw_sent |= !inner;
            if (prev && prev->end == i && !(prev->flags & F_DOTAFTER)) {
                prev->flags |= F_DOTAFTER;
                brk |= BRK_DOT;
                if (!abbrev_before_dot(a, s, prev))
                    brk |= BRK_SENT | BRK_PUNCT;
            } else {
                brk |= BRK_SENT | BRK_PUNCT;
            }
            i += n;
        } else if (cl == C_SENT) {
            a->saw_sent |= !inner;
            brk |= BRK_SENT | BRK_PUNCT;
            i += n;
        } else if (cl == C_AMP && !inner && prev && prev->end < i && i + n < to &&
                   s[i + n] == ' ' && !(brk & (BRK_PUNCT | BRK_LINE))) {
            brk |= BRK_AMP; /* Procter & Gamble: a connector, not punctuation */
            i += n;
        } else {
            brk |= BRK_PUNCT;
            i += n;
        }
    }
}

/* ---- context: ALL-CAPS copy and Title Case headlines --------------------- */

static void mark_context(byl_analyzer *a, const uint8_t *s)
{
    struct unit *u = a->units;
    size_t n = a->nunits, k, seg = 0;
    unsigned caps = 0, cased = 0, cap4 = 0, content_low = 0, caps5 = 0;
    for (k = 0; k < n; k++) {
        if (u[k].type != UT_WORD || (u[k].flags & F_INNER))
            continue;
        uint32_t f = u[k].flags;
        cased += (f & F_CASEWORD) != 0;
        caps += (f & F_CAPSWORD) != 0;
        caps5 += (f & F_CAPSWORD) && (f & F_LONG5);
        cap4 += (f & F_LONG4) && (f & F_UPPER1) && !(f & F_CAPSWORD);
        if ((f & F_LOWER1) && !content_low) {
            /* a Title Case headline lower-cases only its function words */
            char w[WL_MAX + 1];
            size_t len = u[k].end - u[k].start;
            content_low = !(f & F_SIMPLE) || len > WL_MAX;
            for (size_t c = 0; !content_low && c < len; c++)
                w[c] = (char)(s[u[k].start + c] | 0x20);
            if (!content_low && !(wl_lookup(a, w, len) & (R_STOP | R_PARTICLE)))
                content_low = 1;
        }
    }
    /* Title Case: one line, no sentence punctuation anywhere, at least four
     * capitalised words of four letters or more, and every lower-case word
     * a function word ("Nvidia Shares Rise on Strong Earnings") */
    a->titlecase = !a->saw_sent && cap4 >= 4 && !content_low;
    /* the whole text is ALL CAPS: two thirds of its cased words, or a
     * two-word headline with a word too long for an acronym (IBM PROFITS) */
    if ((caps >= 3 && caps * 3 >= cased * 2) ||
        (caps >= 2 && caps == cased && caps5 > 0)) {
        for (k = 0; k < n; k++)
            u[k].flags |= F_CAPSCTX;
        return;
    }
    caps = cased = 0;
    for (k = 0; k <= n; k++) {
        if (k == n || (k > seg && (u[k].brk & (BRK_SENT | BRK_LINE)))) {
            if (caps >= 3 && caps * 4 >= cased * 3)
                for (size_t m = seg; m < k; m++)
                    u[m].flags |= F_CAPSCTX;
            if (k == n)
                break;
            seg = k;
            caps = cased = 0;
        }
        if (u[k].type == UT_WORD && !(u[k].flags & F_INNER)) {
            cased += (u[k].flags & F_CASEWORD) != 0;
            caps += (u[k].flags & F_CAPSWORD) != 0;
        }
    }
}

/* ---- context: headings, and the text's lower-case words ------------------ */

/* The lower-case form of a plain ASCII word unit in w (room for WL_MAX+1
 * bytes... or MAX_TERM+1); its length, or 0 if it is not one. */
static size_t simple_lower(const uint8_t *s, const struct unit *u, char *w, size_t cap)
{
    size_t n = u->end - u->start;
    if (u->type != UT_WORD || !(u->flags & F_SIMPLE) || !(u->flags & F_ALPHA) || n >= cap)
        return 0;
    for (size_t k = 0; k < n; k++) {
        uint8_t c = s[u->start + k];
        w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[n] = '\0';
    return n;
}

/* A cheap hash of a lower-case ASCII word w[0..n) (or, with fold = 0x20,
 * of one in any case): bytes shifted into 64 bits, folded every 8, one
 * multiply at the end; the filter needs no more. */
static uint64_t word_hash(const uint8_t *w, size_t n, uint8_t fold)
{
    uint64_t x = n, y = 0;
    for (size_t i = 0; i < n; i++) {
        y = (y << 8) | (uint8_t)(w[i] | fold);
        if ((i & 7) == 7) {
            x = (x ^ y) * 0x9E3779B97F4A7C15ull;
            y = 0;
        }
    }
    x = (x ^ y) * 0x9E3779B97F4A7C15ull;
    return x ^ (x >> 29);
}

/* Two bits of the filter per word, from two parts of its hash. */
static void low_add(byl_analyzer *a, uint64_t h)
{
    a->low[(h >> 6) & a->lowmask] |= 1ull << (h & 63);
    a->low[(h >> 38) & a->lowmask] |= 1ull << ((h >> 32) & 63);
}

/* Whether the text has the word in lower case (a false "yes" is possible,
 * a false "no" is not). */
static int low_has(const byl_analyzer *a, const char *w, size_t n)
{
    uint64_t h = word_hash((const uint8_t *)w, n, 0);
    return (a->low[(h >> 6) & a->lowmask] >> (h & 63) & 1) &&
           (a->low[(h >> 38) & a->lowmask] >> ((h >> 32) & 63) & 1);
}

/* Whether unit u is a plain ASCII word (letters only): its lower-case
 * form is then word_hash(its bytes, 0x20), | 0x20 lower-casing letters. */
static int plain_word(const struct unit *u)
{
    return u->type == UT_WORD && (u->flags & F_SIMPLE) && (u->flags & F_ALPHA) &&
           u->end - u->start <= MAX_TERM;
}

/* Whether unit u is written with a capital a name may have: Title Case,
 * CamelCase, an acronym, or a number (Model 3). */
static int heading_word(const byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    if (u->type != UT_WORD)
        return 0;
    if (u->flags & (F_UPPER1 | F_NUM))
        return 1;
    /* a lower-case word: only a function word or particle (of, the, and) */
    char w[WL_MAX + 1];
    size_t n = simple_lower(s, u, w, sizeof w);
    return n && (wl_lookup(a, w, n) & (R_STOP | R_PARTICLE | R_OF)) != 0;
}

/* Marks the units of headings F_HEADING, for the name detector to skip:
 *   - a short line in Title Case ("Rapid Expansion", "Key Takeaways",
 *     "Published Date: 14/11/2026"): at most 12 words, all capitalised but
 *     function words, and a line of its own;
 *   - a Title Case lead-in of a paragraph ending in ':' or '.', before a
 *     capitalised word on the same line ("Fierce Rivalry: DeepSeek and ...",
 *     "Money Magnet. ByteDance remains ...").
 * And fills the filter of the text's lower-case words. */
static void mark_headings(byl_analyzer *a, const uint8_t *s)
{
    struct unit *u = a->units;
    size_t n = a->nunits, nsoft = 0, nlines = a->nlines;
    const uint32_t *shape = a->shape;
    /* hard-wrapped copy (a line of 40 to 100 bytes that stops inside a
     * sentence, not even at a period: Inc.) continues a name on the next line:
     * Texas\nCommerce Bank */
    for (size_t l = 0; l + 1 < nlines; l++) {
        size_t k = a->lines[l], m = a->lines[l + 1];
        uint32_t llen = u[m - 1].end - u[k].start;
        if (llen >= 40 && llen <= 100 &&
            !(u[m].brk & (BRK_SENT | BRK_PARA | BRK_PUNCT | BRK_DOT))) {
            u[m].flags |= F_SOFTNL;
            nsoft++;
        }
    }
    /* a filter of 16 bits or more a word (of which only some go in),
     * cleared in time of the text's size */
    size_t words = 8;
    while (words < LOW_WORDS && words * 4 < n)
        words *= 2;
    a->lowmask = (uint32_t)(words - 1);
    memset(a->low, 0, words * sizeof *a->low);
    for (size_t m = 0; m < n; m++) {
        uint8_t c = s[u[m].start];
        size_t len = u[m].end - u[m].start;
        if ((u[m].flags & F_LOWER1) && c >= 'a' && c <= 'z' &&
            (shape[len < 32 ? len : 32] >> (c - 'a') & 1) && plain_word(&u[m]))
            low_add(a, word_hash(s + u[m].start, len, 0x20));
    }
    /* in wrapped copy a short line is the end or the start of a paragraph,
     * not a heading ("Standard Oil Co and BP North America") */
    int wrapped = nsoft >= 2;
    for (size_t l = 0; l < nlines; l++) {
        size_t k = a->lines[l], e = l + 1 < nlines ? a->lines[l + 1] : n;
        /* a heading starts after a sentence's end or a blank line: the short
         * last line of a wrapped paragraph ("Goldman Sachs said") is not one */
        if (k == e || !(u[k].brk & (BRK_SENT | BRK_PARA)))
            continue;
        size_t m = k, lead = 0;
        int caps = 0, cap4 = 0;
        for (; m < e && heading_word(a, s, &u[m]); m++) {
            caps += (u[m].flags & F_UPPER1) != 0;
            cap4 += (u[m].flags & F_UPPER1) && (u[m].flags & F_LONG4);
            if (!lead && m > k && m - k <= 8 && (u[m].flags & F_UPPER1) &&
                (u[m].brk & (BRK_SENT | BRK_PUNCT)))
                for (uint32_t b = u[m - 1].end; b < u[m].start && !lead; b++)
                    if (s[b] == ':' || (s[b] == '.' && (u[m].brk & BRK_SENT)))
                        lead = m;
            if (m - k > 24 && lead)
                break; /* too long for a heading: the lead-in is known */
        }
        /* a whole text of one line is a heading as a headline is (at least
         * four long capitalised words: "New York" alone is a name) */
        int whole = k == 0 && e == n;
        size_t limit = whole ? 24 : 12;
        if (whole && cap4 < 4)
            caps = 0;
        /* a line that ends in a period is a sentence, not a heading */
        int period = 0;
        for (uint32_t b = u[e - 1].end; b < (e < n ? u[e].start : a->tlen) && !period; b++)
            period = s[b] == '.' || s[b] == '!';
        size_t to = caps && m == e && e - k <= limit && !period && !wrapped ? e : lead;
        for (size_t j = k; j < to; j++)
            u[j].flags |= F_HEADING;
    }
}

/* ---- emitting words ------------------------------------------------------ */

/* A bounded string builder for wholes and canonical forms. */
struct sbuf {
    char b[MAX_TERM + 1];
    size_t n;
    int over;
};

static void sb_put(struct sbuf *sb, const char *p, size_t n)
{
    if (sb->over || n == TOO_LONG || sb->n + n > MAX_TERM) {
        sb->over = 1;
        return;
    }
    memcpy(sb->b + sb->n, p, n);
    sb->n += n;
    sb->b[sb->n] = '\0';
}

/* Splits word unit u into a->atoms; returns how many.  Cuts possessive 's
 * and the contractions 're 've 'll 'd 'm off each atom. */
static size_t split_atoms(byl_analyzer *a, const uint8_t *s, const struct unit *u)
{
    size_t na = 0, j = u->start;
    unsigned conn = K_NONE;
    while (j <= u->end) {
        if (grow(a, (void **)&a->atoms, &a->capatoms, na + 1, sizeof *a->atoms))
            return 0;
        struct atom *at = &a->atoms[na++];
        memset(at, 0, sizeof *at);
        at->start = (uint32_t)j;
        at->conn = (uint8_t)conn;
        int first = 1;
        size_t n;
        while (j < u->end) {
            int cl = class_at(a, s, j, u->end, &n);
            if (cl == C_HYPHEN || cl == C_DOT || cl == C_AMP || cl == C_COMMA)
                break;
            if (cl == C_UPPER) {
                at->nup++;
                at->nlet++;
                if (first)
                    at->fup = 1;
            } else if (cl == C_LOWER || cl == C_OLETTER) {
                at->nlo += cl == C_LOWER;
                at->nlet++;
            } else if (cl == C_DIGIT) {
                at->ndig++;
            } else if (cl == C_APOS) {
                at->apos = 1;
                at->apos_at = (uint32_t)j;
                at->apos_len = (uint32_t)n;
            }
            if (cl != C_MARK && cl != C_IGNORE && cl != C_APOS)
                first = 0;
            j += n;
        }
        at->end = (uint32_t)j;
        if (at->apos) {
            /* possessive and contraction suffixes (ASCII letters after the
             * last apostrophe) */
            size_t sb = at->apos_at + at->apos_len, sl = at->end - sb, k;
            char suf[3] = {0, 0, 0};
            int ascii = sl >= 1 && sl <= 2;
            for (k = 0; ascii && k < sl; k++) {
                if (!is_alpha(s[sb + k]))
                    ascii = 0;
                else
                    suf[k] = (char)(s[sb + k] | 32);
            }
            if (ascii && (!strcmp(suf, "s") || !strcmp(suf, "re") ||
                          !strcmp(suf, "ve") || !strcmp(suf, "ll") ||
                          !strcmp(suf, "d") || !strcmp(suf, "m"))) {
                for (k = 0; k < sl; k++) {
                    if (s[sb + k] < 'a')
                        at->nup--;
                    else
                        at->nlo--;
                    at->nlet--;
                }
                at->end = at->apos_at;
                at->poss = 1;
            }
        }
        if (j >= u->end)
            break;
        /* the connector */
        int cl = class_at(a, s, j, u->end, &n);
        j += n;
        conn = cl == C_HYPHEN ? K_HYPH : cl == C_AMP ? K_AMP : cl == C_COMMA ? K_COMMA : K_DOT;
        if (cl == C_DOT && j < u->end && class_at(a, s, j, u->end, &n) == C_HYPHEN) {
            conn = K_DOTHYPH;
            j += n;
        }
    }
    return na;
}

/* Emits one atom as a word, number or acronym; its canonical (unstemmed
 * lower-case) form goes to *canon.  Returns whether a token was emitted. */
static int emit_atom(byl_analyzer *a, const uint8_t *s, const struct atom *at,
                     int capsctx, struct sbuf *canon)
{
    size_t n = norm(a, s, at->start, at->end, 0);
    sb_put(canon, a->nb, n);
    if (n == 0 || n == TOO_LONG)
        return 0;
    char t[MAX_TERM + 1];
    memcpy(t, a->nb, n);
    if (at->nlet == 0)
        return emit(a, t, n, at->start, at->end, BYL_TOK_NUMBER);
    if (!capsctx && at->nup >= 2 && at->nlo == 0 && all_ascii_alnum(t, n)) {
        upper_ascii(t, n);
        return emit(a, t, n, at->start, at->end, BYL_TOK_ACRONYM);
    }
    if (!capsctx && at->nup >= 2 && at->nlo == 1 && !at->poss && n > 1 &&
        s[at->end - 1] == 's' && all_ascii_alnum(t, n)) {
        upper_ascii(t, n - 1);
        return emit(a, t, n - 1, at->start, at->end, BYL_TOK_ACRONYM);
    }
    if (all_lower_ascii(t, n) && !a->dry) {
        char st[MAX_TERM + 1];
        size_t m = stem(a, t, n, st);
        return emit(a, st, m, at->start, at->end, BYL_TOK_WORD);
    }
    return emit(a, t, n, at->start, at->end, BYL_TOK_WORD);
}

/* Emits one segment (atoms joined by . & ,) of a word unit: a number, a
 * dotted abbreviation, an &-acronym, a single atom, or a dotted compound
 * (whole stacked over its parts).  Its canonical form goes to *canon. */
static void emit_segment(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                         const struct atom *at, size_t cnt, int last,
                         struct sbuf *canon)
{
    int capsctx = (u->flags & F_CAPSCTX) != 0;
    if (cnt == 1) {
        emit_atom(a, s, at, capsctx, canon);
        return;
    }
    size_t k, digits = 0, dots = 0, amps = 0, letters_ok = 1, ones = 0,
              twos = 0, amp_ok = 1;
    for (k = 0; k < cnt; k++) {
        digits += at[k].nlet == 0;
        if (k > 0) {
            dots += at[k].conn == K_DOT;
            amps += at[k].conn == K_AMP;
        }
        if (at[k].ndig || at[k].nlet == 0 || at[k].nlet > 2)
            letters_ok = 0;
        ones += at[k].nlet == 1;
        twos += at[k].nlet == 2;
        if (at[k].nlo || at[k].nlet == 0 || at[k].nlet + at[k].ndig > 4)
            amp_ok = 0;
    }
    uint32_t start = at[0].start, end = at[cnt - 1].end;
    struct sbuf t = {.n = 0};
    if (digits == cnt && (dots == 0 || (dots == 1 && at[cnt - 1].conn == K_DOT))) {
        /* 60,000  1.54  1,234.5 */
        for (k = 0; k < cnt; k++) {
            if (k > 0 && at[k].conn == K_DOT)
                sb_put(&t, ".", 1);
            sb_put(&t, a->nb, norm(a, s, at[k].start, at[k].end, 0));
        }
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (!t.over)
            emit(a, t.b, t.n, start, end, BYL_TOK_NUMBER);
        return;
    }
    if (dots == cnt - 1 && letters_ok && ones >= 1 && twos <= 1) {
        /* U.S.  Ph.D.  e.g.: one acronym, whatever the case */
        for (k = 0; k < cnt; k++)
            sb_put(&t, a->nb, norm(a, s, at[k].start, at[k].end, 0));
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (t.over)
            return;
        int dot_after = last ? (u->flags & F_DOTAFTER) != 0
                             : at[cnt].conn == K_DOTHYPH;
        if (all_ascii_alnum(t.b, t.n)) {
            upper_ascii(t.b, t.n);
            emit(a, t.b, t.n, start, end + (dot_after ? 1 : 0), BYL_TOK_ACRONYM);
        } else {
            emit(a, t.b, t.n, start, end + (dot_after ? 1 : 0), BYL_TOK_WORD);
        }
        return;
    }
    if (amps == cnt - 1 && amp_ok) {
        /* AT&T  R&D  S&P */
        for (k = 0; k < cnt; k++) {
            if (k > 0)
                sb_put(&t, "&", 1);
            sb_put(&t, a->nb, norm(a, s, at[k].start, at[k].end, 0));
        }
        sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
        if (t.over)
            return;
        if (all_ascii_alnum(t.b, t.n)) {
            upper_ascii(t.b, t.n);
            emit(a, t.b, t.n, start, end, BYL_TOK_ACRONYM);
        } else {
            emit(a, t.b, t.n, start, end, BYL_TOK_WORD);
        }
        return;
    }
    /* a dotted compound: LeiFeng.com, 01.AI, 192.168.0.1, Johnson&Johnson */
    uint32_t p0 = a->pos;
    for (k = 0; k < cnt; k++) {
        if (k > 0)
            sb_put(&t, at[k].conn == K_AMP ? "&" : at[k].conn == K_COMMA ? "," : ".", 1);
        emit_atom(a, s, &at[k], capsctx, &t);
    }
    sb_put(canon, t.b, t.over ? TOO_LONG : t.n);
    if (!t.over && a->pos > p0)
        emit_stacked(a, t.b, t.n, p0, start, end, BYL_TOK_COMPOUND);
}

/* Emits a word unit (fast path for one plain ASCII atom) and describes it
 * for the name detector in *w. */
static void emit_word(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                      struct winfo *w)
{
    uint32_t f = u->flags;
    int capsctx = (f & F_CAPSCTX) != 0;
    w->tok0 = a->ntoks;
    w->pos = a->pos;
    w->poss = 0;
    w->wend = u->end;
    w->clen = 0;
    w->ok = 0;
    w->nameable = 0;
    w->capital = 0;
    if (f & F_SIMPLE) {
        size_t n = u->end - u->start;
        const uint8_t *p = s + u->start;
        if (n > MAX_TERM) {
            w->tok1 = a->ntoks;
            return;
        }
        for (size_t k = 0; k < n; k++)
            w->canon[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
        w->canon[n] = '\0';
        w->clen = n;
        w->ok = 1;
        if (f & F_NUM) {
            emit(a, (const char *)p, n, u->start, u->end, BYL_TOK_NUMBER);
        } else if (!capsctx && (f & F_CAPSWORD)) {
            emit(a, (const char *)p, n, u->start, u->end, BYL_TOK_ACRONYM);
        } else if (!capsctx && (f & F_PLURALACR)) {
            emit(a, (const char *)p, n - 1, u->start, u->end, BYL_TOK_ACRONYM);
        } else if ((f & F_ALPHA) && !a->dry) {
            char st[MAX_TERM + 1];
            size_t m = stem(a, w->canon, n, st);
            emit(a, st, m, u->start, u->end, BYL_TOK_WORD);
        } else {
            emit(a, w->canon, n, u->start, u->end, BYL_TOK_WORD);
        }
        w->tok1 = a->ntoks;
        w->nameable = (f & F_ALPHA) != 0;
        w->capital = w->nameable && (f & F_UPPER1) && !(f & (F_CAPSWORD | F_PLURALACR));
        return;
    }

    size_t na = split_atoms(a, s, u);
    if (na == 0) {
        w->tok1 = a->ntoks;
        return;
    }
    const struct atom *at = a->atoms;
    struct sbuf whole = {.n = 0};
    uint32_t p0 = a->pos;
    size_t nseg = 0, k = 0;
    int plain = 1; /* every segment is one letters-only atom */
    while (k < na) {
        size_t m = k + 1;
        while (m < na && at[m].conn != K_HYPH && at[m].conn != K_DOTHYPH)
            m++;
        if (nseg > 0)
            sb_put(&whole, "-", 1);
        if (m - k != 1 || at[k].ndig || at[k].nlet == 0)
            plain = 0;
        emit_segment(a, s, u, at + k, m - k, m == na, &whole);
        nseg++;
        k = m;
    }
    if (nseg > 1 && !whole.over && a->pos > p0)
        emit_stacked(a, whole.b, whole.n, p0, at[0].start, at[na - 1].end,
                     BYL_TOK_COMPOUND);
    w->tok1 = a->ntoks;
    w->wend = at[na - 1].end;
    w->poss = at[na - 1].poss;
    if (!whole.over && whole.n > 0) {
        memcpy(w->canon, whole.b, whole.n + 1);
        w->clen = whole.n;
        w->ok = 1;
    }
    if (!plain || capsctx || !w->ok)
        return;
    /* a name word: every part capitalised, or a particle before a
     * capitalised part (Jean-Claude, al-Assad, O'Brien) */
    w->nameable = 1;
    int cap = 1, any = 0;
    for (k = 0; k < na; k++) {
        int c = at[k].fup && !(at[k].nup >= 2 && at[k].nlo == 0);
        if (c) {
            any = 1;
            continue;
        }
        /* a Korean given name: Young-hyun, Seo-yeon */
        if (na == 2 && k == 1 && any && at[k].conn == K_HYPH && at[k].nup == 0 &&
            at[k].nlet >= 2 && at[k].nlet <= 4)
            continue;
        size_t n = norm(a, s, at[k].start, at[k].end, 0);
        if (n == TOO_LONG || !(wl_lookup(a, a->nb, n) & R_PARTICLE) || k + 1 == na)
            cap = 0;
    }
    w->capital = cap && any;
}

/* ---- CJK ------------------------------------------------------------------ */

/* A CJK run: overlapping bigrams of its characters (a character carries
 * any combining marks after it), or the character alone. */
static void emit_cjk(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                     struct sbuf *canon)
{
    size_t ncu = 0, j = u->start, n, off = 0, k;
    while (j < u->end) {
        int32_t cp;
        n = byl_utf8_decode(s + j, u->end - j, &cp);
        int cl = classify_cp(cp);
        int joins = cl == C_MARK || cl == C_IGNORE || cp == 0x3099 || cp == 0x309A ||
                    cp == 0xFF9E || cp == 0xFF9F;
        if (joins && ncu > 0) {
            a->cu[ncu - 1].end = (uint32_t)(j + n);
        } else {
            if (grow(a, (void **)&a->cu, &a->capcu, ncu + 1, sizeof *a->cu))
                return;
            a->cu[ncu].start = (uint32_t)j;
            a->cu[ncu].end = (uint32_t)(j + n);
            ncu++;
        }
        j += n;
    }
    /* normalize each character once, back to back in a->cjk */
    for (k = 0; k < ncu; k++) {
        size_t m = norm(a, s, a->cu[k].start, a->cu[k].end, 0);
        if (m == TOO_LONG)
            m = 0;
        if (grow(a, (void **)&a->cjk, &a->capcjk, off + m + 1, 1))
            return;
        memcpy(a->cjk + off, a->nb, m);
        sb_put(canon, a->nb, m);
        a->cu[k].toff = (uint32_t)off;
        a->cu[k].tlen = (uint32_t)m;
        off += m;
    }
    if (a->dry)
        return;
    if (ncu == 1) {
        emit(a, a->cjk, a->cu[0].tlen, a->cu[0].start, a->cu[0].end, BYL_TOK_CJK);
        return;
    }
    for (k = 0; k + 1 < ncu; k++)
        emit(a, a->cjk + a->cu[k].toff, a->cu[k].tlen + a->cu[k + 1].tlen,
             a->cu[k].start, a->cu[k + 1].end, BYL_TOK_CJK);
}

/* ---- names ------------------------------------------------------------------ */

void byl_analyzer_set_names(byl_analyzer *a, int on) { a->no_names = !on; }

/* ---- one-word names ----------------------------------------------------------
 *
 * A capitalised word alone is a name only on evidence from the whole text,
 * so its mentions are collected while the text is emitted and decided at the
 * end.  It is one when it is never written in lower case in the text, is not
 * a place, a people, a common abbreviation (AI) or a listed word, and is
 * CamelCase (ByteDance), or is capitalised inside a sentence somewhere
 * (an acronym too: OPEC), or starts two sentences or more (and is not a
 * plural: Analysts).  A word that is the last (or, for a two-word name, the
 * first) word of a person's name found in the same text is a later mention
 * of that person: it gets the whole name's entity ("Raghunathan expects" after
 * "Priya Raghunathan"). */

static void cand_add(byl_analyzer *a, const struct runword *r, int shape)
{
    uint32_t h = hash_bytes(r->w, r->len);
    size_t c;
    for (c = 0; c < a->ncands; c++)
        if (a->cands[c].h == h && a->cands[c].len == r->len &&
            memcmp(a->cands[c].w, r->w, r->len) == 0)
            break;
    if (c == a->ncands) {
        if (c == MAX_CANDS)
            return;
        struct cand *x = &a->cands[a->ncands++];
        x->h = h;
        x->mid = x->first = 0;
        x->shape = (uint8_t)shape;
        x->len = (uint8_t)r->len;
        memcpy(x->w, r->w, r->len + 1);
    }
    if (!r->sent && a->cands[c].mid < UINT16_MAX)
        a->cands[c].mid++;
    if (r->sent && r->period && a->cands[c].first < UINT16_MAX)
        a->cands[c].first++;
    if (grow(a, (void **)&a->ments, &a->capments, a->nments + 1, sizeof *a->ments))
        return;
    struct mention *m = &a->ments[a->nments++];
    m->cand = (uint32_t)c;
    m->pos = r->pos;
    m->start = r->start;
    m->end = r->end;
    m->tok0 = r->tok0;
    m->tok1 = r->tok1;
}

static void mark_nameparts(byl_analyzer *a, size_t tok0, size_t tok1)
{
    for (size_t t = tok0; t < tok1; t++)
        if (a->toks[t].kind == BYL_TOK_WORD)
            a->toks[t].kind = BYL_TOK_NAMEPART;
}

/* Emits the entities of the one-word names the text gives evidence for. */
static void cands_end(byl_analyzer *a)
{
    for (size_t c = 0; c < a->ncands && !a->rc; c++) {
        const struct cand *x = &a->cands[c];
        const char *key = x->w;
        size_t kl = x->len;
        int lowered = x->shape != CS_ACRONYM && low_has(a, x->w, x->len);
        /* a later mention of a person: the last name, else a first word */
        const struct person *p = NULL;
        for (size_t i = 0; i < a->npersons && !p && !lowered; i++)
            if (a->persons[i].llen == kl && memcmp(a->persons[i].last, key, kl) == 0)
                p = &a->persons[i];
        for (size_t i = 0; i < a->npersons && !p && !lowered; i++)
            if (a->persons[i].flen == kl && memcmp(a->persons[i].first, key, kl) == 0 &&
                memchr(a->persons[i].last, '-', a->persons[i].llen))
                p = &a->persons[i]; /* Kim, after Kim Seo-yeon */
        if (p) {
            key = p->key;
            kl = p->klen;
        } else {
            unsigned bits = wl_lookup(a, x->w, x->len);
            /* starting two sentences or more stands for a mention inside
             * one, but not for a plural (Analysts, Investors) */
            int starts = x->first >= 2 && x->len >= 4 && x->w[x->len - 1] != 's';
            if (lowered || (x->mid == 0 && !starts && x->shape != CS_CAMEL) || x->len < 2 ||
                (bits & (R_PLACE | R_STOP | R_TITLE | R_DATE | R_DATENUM | R_SUFFIX |
                         R_LABEL | R_PARTICLE | R_ORG | R_NOTORG)))
                continue;
        }
        for (size_t m = 0; m < a->nments; m++) {
            const struct mention *me = &a->ments[m];
            if (me->cand != c)
                continue;
            emit_stacked(a, key, kl, me->pos, me->start, me->end, BYL_TOK_ENTITY);
            mark_nameparts(a, me->tok0, me->tok1);
        }
    }
    a->ncands = a->nments = 0;
    a->npersons = 0;
}

/* ---- names ------------------------------------------------------------------ */

/* The capitalised parts of an organisation's name with connectors, as
 * entities of their own: "Securities and Exchange Commission" is also found
 * as "Exchange Commission", "Moody's Investors Service" as "Investors
 * Service" (the name a search for a part of it types; --names lists only
 * the whole, query/names.c). */
static void sub_names(byl_analyzer *a, size_t lo, size_t hi)
{
    const struct runword *r = a->run;
    size_t b = lo;
    while (b < hi) {
        size_t e = b, names = 0, long_names = 0;
        while (e < hi && r[e].role <= RW_PARTICLE) {
            names += r[e].role != RW_PARTICLE;
            long_names += r[e].role == RW_NAME && r[e].len >= 2;
            if (r[e++].poss)
                break;
        }
        size_t last = e;
        while (last > b && r[last - 1].role == RW_PARTICLE)
            last--;
        if (names >= 2 && long_names >= 1 && (last - b) < (hi - lo) && r[b].role != RW_PARTICLE) {
            const char *words[MAX_RUN];
            size_t lens[MAX_RUN], nw = 0;
            char key[MAX_TERM + 1];
            for (size_t k = b; k < last; k++) {
                words[nw] = r[k].w;
                lens[nw++] = r[k].len;
            }
            size_t kl = byl_entity_key(words, lens, nw, key, sizeof key);
            if (kl)
                emit_stacked(a, key, kl, r[b].pos, r[b].start, r[last - 1].end, BYL_TOK_ENTITY);
        }
        b = e > b ? e : b + 1;
        while (b < hi && r[b].role > RW_PARTICLE)
            b++;
    }
}

/* Emits the name run[lo..hi) (connectors at either end dropped): an entity
 * if it has two name words or more, a one-word candidate if it has one. */
static void run_emit(byl_analyzer *a, size_t lo, size_t hi)
{
    struct runword *r = a->run;
    size_t k;
    while (hi > lo && r[hi - 1].role >= RW_PARTICLE)
        hi--;
    while (lo < hi && (r[lo].role == RW_OF || r[lo].role == RW_AND || r[lo].role == RW_AMP))
        lo++;
    size_t names = 0, long_names = 0, conn = 0, acr = 0;
    for (k = lo; k < hi; k++) {
        names += r[k].role == RW_NAME || r[k].role == RW_INITIAL;
        long_names += r[k].role == RW_NAME && r[k].len >= 2 && !r[k].shape;
        conn += r[k].role == RW_OF || r[k].role == RW_AND || r[k].role == RW_AMP;
        acr += r[k].shape == CS_ACRONYM;
    }
    if (names == 1 && hi - lo == 1 && r[lo].role == RW_NAME) {
        cand_add(a, &r[lo], r[lo].shape);
        return;
    }
    if (names < 2 || long_names < 1 || names > (conn ? MAX_NAMEW + 2 : MAX_NAMEW))
        return;
    const char *words[MAX_RUN];
    size_t lens[MAX_RUN], nw = 0;
    char key[MAX_TERM + 1];
    for (k = lo; k < hi; k++)
        if (r[k].role != RW_AMP) {
            words[nw] = r[k].w;
            lens[nw++] = r[k].len;
        }
    size_t kl = byl_entity_key(words, lens, nw, key, sizeof key);
    if (kl == 0)
        return;
    emit_stacked(a, key, kl, r[lo].pos, r[lo].start, r[hi - 1].end, BYL_TOK_ENTITY);
    int inner_poss = 0;
    for (k = lo; k + 1 < hi; k++)
        inner_poss |= r[k].poss;
    if (conn > 0 || inner_poss)
        sub_names(a, lo, hi);
    int org = conn > 0 || acr > 0;
    for (k = lo; k < hi && !a->rc; k++) {
        mark_nameparts(a, r[k].tok0, r[k].tok1);
        org |= (wl_lookup(a, r[k].w, r[k].len) & (R_ORG | R_PLACE)) != 0;
    }
    /* a person's name, for later mentions of the surname alone */
    if (!org && names <= 4 && a->npersons < MAX_PERSONS && r[lo].role == RW_NAME &&
        r[hi - 1].role == RW_NAME) {
        struct person *p = &a->persons[a->npersons++];
        memcpy(p->key, key, kl + 1);
        p->klen = (uint8_t)kl;
        memcpy(p->first, r[lo].w, r[lo].len + 1);
        p->flen = names == 2 ? (uint8_t)r[lo].len : 0;
        memcpy(p->last, r[hi - 1].w, r[hi - 1].len + 1);
        p->llen = (uint8_t)r[hi - 1].len;
    }
}

/* Closes the current run of name words.  A connector stays inside a name
 * only where an organisation needs it: "of"/"for" after an organisation
 * word (Bank of England, Office for National Statistics), "and" before one
 * (Securities and Exchange Commission, but not Tsinghua University and
 * Peking University), "&" (Procter & Gamble); a possessive only inside an
 * organisation's name (Moody's Investors Service, not Meta's Reality Labs).
 * Elsewhere the run is cut there, into names of their own. */
static void run_end(byl_analyzer *a)
{
    size_t n = a->nrun, k, lo = 0;
    struct runword *r = a->run;
    if (a->run_over) {
        a->nrun = 0;
        a->run_over = 0;
        a->run_suffix = 0;
        return;
    }
    size_t last = n;
    while (last > 0 && r[last - 1].role >= RW_PARTICLE)
        last--;
    /* an organisation's name: it ends in an institution word, or Inc,
     * Corp, Co follows it (Standard and Poor's Corp) */
    int org_end = a->run_suffix || (last > 0 && (wl_lookup(a, r[last - 1].w, r[last - 1].len) & R_ORG));
    a->run_suffix = 0;
    for (k = 0; k < last; k++) {
        /* "and" joins two names unless an organisation's name ends after
         * it and the words before it are not a whole one already */
        if (r[k].role == RW_AND &&
            !(org_end && k > lo && !(k - lo >= 2 && (wl_lookup(a, r[k - 1].w, r[k - 1].len) & R_ORG)))) {
            r[lo].sent = 0; /* names in a list: Walmart and Costco */
            run_emit(a, lo, k);
            lo = k + 1;
        } else if (r[k].poss && k + 1 < last && !org_end) {
            run_emit(a, lo, k + 1);
            lo = k + 1;
        }
    }
    run_emit(a, lo, n);
    a->nrun = 0;
    a->run_over = 0;
}

static void run_add(byl_analyzer *a, const struct unit *u, const struct winfo *w,
                    int role, int shape, int sent)
{
    if (a->nrun == MAX_RUN) {
        a->run_over = 1;
        return;
    }
    struct runword *r = &a->run[a->nrun++];
    r->start = u->start;
    r->end = w->wend;
    r->pos = w->pos;
    r->tok0 = w->tok0;
    r->tok1 = w->tok1;
    r->role = role;
    r->poss = w->poss;
    r->sent = sent;
    r->period = (u->brk & BRK_SENT) != 0;
    r->shape = (uint8_t)shape;
    r->len = w->clen;
    memcpy(r->w, w->canon, w->clen + 1);
}

/* CS_CAMEL if a capital follows a lower-case letter inside the word
 * (ByteDance, DeepSeek; not O'Brien or Coca-Cola), else CS_PLAIN. */
static int word_shape(const uint8_t *s, const struct unit *u)
{
    for (uint32_t b = u->start + 1; b < u->end; b++)
        if (s[b] >= 'A' && s[b] <= 'Z' && s[b - 1] >= 'a' && s[b - 1] <= 'z')
            return CS_CAMEL;
    return CS_PLAIN;
}

/* Feeds one emitted word unit to the name detector (index mode). */
static void run_feed(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                     const struct unit *next, const struct winfo *w, int sent)
{
    if (!w->ok || !w->nameable || w->tok1 == w->tok0) {
        run_end(a);
        return;
    }
    /* an acronym (OPEC, SK Hynix) may be a name word; a common
     * abbreviation (AI, CEO, US) is not */
    int caps = (u->flags & F_CAPSWORD) != 0;
    if (!caps && w->poss && w->wend - u->start >= 2 && !w->capital) {
        caps = 1; /* BYD's */
        for (uint32_t b = u->start; b < w->wend && caps; b++)
            caps = s[b] >= 'A' && s[b] <= 'Z';
    }
    unsigned bits = w->capital || caps || a->nrun > 0 ? wl_lookup(a, w->canon, w->clen) : 0;
    int acronym = !w->capital && caps && w->clen <= 6 && !(bits & (R_NOTORG | R_TITLE));
    if (!w->capital && !acronym && a->nrun == 0)
        return; /* a lower-case word outside a name: nothing to do */
    int role = -1, shape = acronym ? CS_ACRONYM : CS_PLAIN;
    if (acronym) {
        role = RW_NAME;
    } else if (w->capital) {
        if (u->flags & F_ONELETTER)
            role = (u->flags & F_DOTAFTER) && w->canon[0] != 'i' && w->canon[0] != 'a'
                       ? RW_INITIAL
                       : -1;
        else if (!(bits & (R_STOP | R_TITLE | R_DATE | R_SUFFIX | R_LABEL)) &&
                 !((bits & R_DATENUM) && next && next->type == UT_WORD &&
                   (next->flags & F_NUM) && !(next->brk & (BRK_PUNCT | BRK_LINE))))
            role = RW_NAME;
        if (role == RW_NAME && a->nrun == 0 && sent && low_has(a, w->canon, w->clen))
            role = -1; /* a common word that starts a sentence (Including) */
        if (role == RW_NAME)
            shape = word_shape(s, u);
    } else if (a->nrun > 0) {
        const struct runword *p = &a->run[a->nrun - 1];
        if (bits & R_PARTICLE)
            role = RW_PARTICLE;
        else if ((bits & R_OF) && p->role == RW_NAME && !p->poss &&
                 (wl_lookup(a, p->w, p->len) & R_ORG))
            role = RW_OF;
        else if ((bits & R_AND) && p->role == RW_NAME && !p->poss)
            role = RW_AND;
    }
    if (role < 0) {
        a->run_suffix = w->capital && (bits & R_SUFFIX) && !(u->brk & (BRK_PUNCT | BRK_LINE));
        run_end(a);
        return;
    }
    if ((u->brk & BRK_AMP) && !(u->brk & BRK_PUNCT) && a->nrun > 0 && role == RW_NAME &&
        a->nrun < MAX_RUN) {
        struct runword *r = &a->run[a->nrun++];
        memset(r, 0, sizeof *r);
        r->role = RW_AMP; /* Procter & Gamble: no word of the key */
    } else if (u->brk & BRK_AMP) {
        run_end(a);
    }
    /* a period after a name word ends the name; after an initial it does
     * not (George W. Bush) */
    run_add(a, u, w, role, shape, sent && a->nrun == 0);
    if ((u->flags & F_DOTAFTER) && role != RW_INITIAL)
        run_end(a);
}

/* ---- the driver ------------------------------------------------------------ */

static void flush_pending(byl_analyzer *a)
{
    if (a->pending && a->pos > a->pend_pos)
        emit_stacked(a, a->pend, a->pend_len, a->pend_pos, a->pend_start,
                     a->pend_end, BYL_TOK_OTHER);
    a->pending = 0;
}

static void emit_units(byl_analyzer *a, const uint8_t *s, int mode)
{
    int names = mode == BYL_AN_INDEX && !a->titlecase && !a->no_names;
    struct winfo w;
    for (size_t ui = 0; ui < a->nunits && !a->rc; ui++) {
        const struct unit *u = &a->units[ui];
        /* a name never spans punctuation or a line break */
        unsigned hard = u->brk & (BRK_PUNCT | BRK_SENT | BRK_PARA);
        if ((u->brk & BRK_LINE) && !(u->flags & F_SOFTNL))
            hard |= BRK_LINE;
        if (names && a->nrun > 0 && hard)
            run_end(a);
        if (u->type == UT_WORD) {
            emit_word(a, s, u, &w);
            if (names) {
                if ((u->flags & (F_CAPSCTX | F_INNER | F_HEADING)))
                    run_end(a);
                else
                    run_feed(a, s, u, ui + 1 < a->nunits ? u + 1 : NULL, &w,
                             ui == 0 || (hard & (BRK_SENT | BRK_LINE | BRK_PARA)));
            }
        } else {
            if (names)
                run_end(a);
            if (u->type == UT_CJK) {
                struct sbuf c = {.n = 0};
                emit_cjk(a, s, u, &c);
            } else {
                size_t n = norm(a, s, u->start, u->end, NORM_KEEP_APOS);
                a->pending = n != TOO_LONG && n > 0;
                if (a->pending) {
                    memcpy(a->pend, a->nb, n);
                    a->pend_len = n;
                    a->pend_pos = a->pos;
                    a->pend_start = u->start;
                    a->pend_end = u->end;
                }
            }
        }
        if (a->pending && (ui + 1 == a->nunits || !(a->units[ui + 1].flags & F_INNER)))
            flush_pending(a);
    }
    if (names) {
        run_end(a);
        a->late0 = a->ntoks;
        cands_end(a);
    }
}

/* Puts tokens in (position, unstacked first) order.  Stable, and linear on
 * the almost-sorted arrays emission produces: a stacked whole is emitted
 * after its parts, but a whole has at most MAX_TERM bytes and a name at
 * most MAX_RUN words, so each is a bounded number of tokens late. */
static void sort_tokens_to(byl_analyzer *a, size_t end)
{
    byl_token *t = a->toks;
    for (size_t i = 1; i < end; i++) {
        uint64_t ki = ((uint64_t)t[i].pos << 1) | (t[i].flags & BYL_TOKF_STACKED);
        uint64_t kp = ((uint64_t)t[i - 1].pos << 1) | (t[i - 1].flags & BYL_TOKF_STACKED);
        if (kp <= ki)
            continue;
        byl_token x = t[i];
        size_t j = i;
        while (j > 0 && (((uint64_t)t[j - 1].pos << 1) |
                         (t[j - 1].flags & BYL_TOKF_STACKED)) > ki) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

static uint64_t tok_key(const byl_token *t)
{
    return ((uint64_t)t->pos << 1) | (t->flags & BYL_TOKF_STACKED);
}

static int cmp_late(const void *x, const void *y)
{
    const byl_token *p = x, *q = y;
    uint64_t a = tok_key(p), b = tok_key(q);
    if (a != b)
        return a < b ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* Puts tokens in position order: the ones emitted in order of the text by
 * insertion, then the one-word entities emitted at the end (a->late0 on),
 * which may belong anywhere, by sorting them apart and merging. */
static void sort_tokens(byl_analyzer *a)
{
    size_t late = a->late0 < a->ntoks ? a->late0 : a->ntoks, n = a->ntoks;
    sort_tokens_to(a, late);
    if (late == n)
        return;
    qsort(a->toks + late, n - late, sizeof *a->toks, cmp_late);
    /* merge from the end: the late ones wait aside, and only the tokens
     * after the first of them move */
    size_t m = n - late;
    if (grow(a, (void **)&a->mtoks, &a->capmtoks, m, sizeof *a->mtoks))
        return;
    byl_token *t = a->toks, *o = a->mtoks;
    memcpy(o, t + late, m * sizeof *t);
    size_t i = late, j = m, k = n;
    while (j > 0) {
        if (i > 0 && tok_key(&t[i - 1]) > tok_key(&o[j - 1]))
            t[--k] = t[--i];
        else
            t[--k] = o[--j];
    }
}

/* ---- public API --------------------------------------------------------- */

int byl_analyzer_new(byl_analyzer **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byl_analyzer_new: out is NULL");
    *out = NULL;
    byl_analyzer *a = byl_calloc(1, sizeof *a);
    if (!a)
        return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
    a->stems = byl_calloc(STEM_SLOTS0, sizeof *a->stems);
    a->stem_mask = STEM_SLOTS0 - 1;
    a->wl = byl_calloc(WL_SLOTS, sizeof *a->wl);
    a->cands = byl_calloc(MAX_CANDS, sizeof *a->cands);
    a->persons = byl_calloc(MAX_PERSONS, sizeof *a->persons);
    a->low = byl_calloc(LOW_WORDS, sizeof *a->low);
    if (a->stems && a->wl && a->cands && a->persons && a->low)
        a->stemmer = sb_stemmer_new("english", NULL);
    if (!a->stemmer) {
        byl_analyzer_free(a);
        return byl_error_set(BYL_ENOMEM, "analyzer: out of memory");
    }
    init_ascii(a->cls);
    WL_ADD_ALL(a->wl, stop_words, R_STOP);
    WL_ADD_ALL(a->wl, title_words, R_TITLE);
    WL_ADD_ALL(a->wl, particle_words, R_PARTICLE);
    WL_ADD_ALL(a->wl, date_words, R_DATE);
    WL_ADD_ALL(a->wl, datenum_words, R_DATENUM);
    WL_ADD_ALL(a->wl, suffix_words, R_SUFFIX);
    WL_ADD_ALL(a->wl, abbr_words, R_ABBR);
    WL_ADD_ALL(a->wl, org_words, R_ORG);
    wl_add(a->wl, "of", R_OF);
    wl_add(a->wl, "for", R_OF);
    wl_add(a->wl, "and", R_AND);
    WL_ADD_ALL(a->wl, label_words, R_LABEL);
    WL_ADD_ALL(a->wl, place_words, R_PLACE);
    WL_ADD_ALL(a->wl, notorg_words, R_NOTORG);
    *out = a;
    return BYL_OK;
}

void byl_analyzer_free(byl_analyzer *a)
{
    if (!a)
        return;
    if (a->stemmer)
        sb_stemmer_delete(a->stemmer);
    byl_free(a->stems);
    byl_free(a->wl);
    byl_free(a->cands);
    byl_free(a->persons);
    byl_free(a->low);
    byl_analyzer_trim(a); /* the buffers that grow */
    byl_free(a);
}

void byl_analyzer_trim(byl_analyzer *a)
{
    /* the next call regrows what it needs; the last output is gone */
    byl_free(a->toks);
    byl_free(a->terms);
    byl_free(a->units);
    byl_free(a->atoms);
    byl_free(a->cu);
    byl_free(a->cjk);
    byl_free(a->u32);
    byl_free(a->ments);
    byl_free(a->mtoks);
    byl_free(a->lines);
    a->lines = NULL;
    a->caplines = 0;
    a->ments = NULL;
    a->mtoks = NULL;
    a->nments = a->capments = a->capmtoks = 0;
    a->toks = NULL, a->terms = NULL, a->units = NULL, a->atoms = NULL;
    a->cu = NULL, a->cjk = NULL, a->u32 = NULL;
    a->ntoks = a->nterms = a->nunits = 0;
    a->captoks = a->capterms = a->capunits = a->capatoms = a->capcu = a->capcjk = 0;
    a->capu32 = 0;
}

static void reset(byl_analyzer *a)
{
    a->ntoks = a->nterms = a->nunits = 0;
    a->rc = 0;
    a->dry = 0;
    a->pos = 0;
    a->pending = 0;
    a->nrun = 0;
    a->run_over = 0;
    a->run_suffix = 0;
    a->ncands = a->nments = a->npersons = 0;
    a->nlines = 0;
    memset(a->shape, 0, sizeof a->shape);
    a->late0 = SIZE_MAX;
    a->titlecase = 0;
    a->saw_sent = 0;
}

int byl_analyze(byl_analyzer *a, const char *text, size_t len, int mode,
                const byl_token **toks, size_t *ntoks, const char **terms)
{
    static const byl_token no_tokens[1];
    if (toks)
        *toks = NULL;
    if (ntoks)
        *ntoks = 0;
    if (terms)
        *terms = NULL;
    if (!a || !toks || !ntoks || !terms || (!text && len) ||
        (mode != BYL_AN_INDEX && mode != BYL_AN_QUERY))
        return byl_error_set(BYL_EINVAL, "byl_analyze: invalid argument");
    if (len > UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "analyzer: text of %zu bytes is over 4 GiB",
                             len);
    reset(a);
    const uint8_t *s = (const uint8_t *)text;
    a->tlen = (uint32_t)len;
    lex_range(a, s, 0, len, 0);
    if (!a->rc) {
        mark_context(a, s);
        if (mode == BYL_AN_INDEX && !a->no_names)
            mark_headings(a, s);
        emit_units(a, s, mode);
    }
    if (!a->rc)
        sort_tokens(a);
    if (a->rc) {
        int rc = a->rc;
        reset(a);
        return byl_error_set(rc, "analyzer: %s", byl_strerror(rc));
    }
    *toks = a->ntoks ? a->toks : no_tokens;
    *ntoks = a->ntoks;
    *terms = a->nterms ? a->terms : "";
    return BYL_OK;
}

size_t byl_entity_key(const char *const *words, const size_t *lens, size_t n,
                      char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (n == 0 || !words || !lens)
        return 0;
    size_t order[2] = {0, 1}, total = n - 1, k;
    for (k = 0; k < n; k++)
        total += lens[k];
    if (total + 1 > cap)
        return 0;
    if (n == 2) {
        /* two-word names are order-insensitive: Zhang Yiming = Yiming Zhang */
        size_t m = lens[0] < lens[1] ? lens[0] : lens[1];
        int c = memcmp(words[0], words[1], m);
        if (c > 0 || (c == 0 && lens[0] > lens[1])) {
            order[0] = 1;
            order[1] = 0;
        }
    }
    size_t o = 0;
    for (k = 0; k < n; k++) {
        size_t i = n == 2 ? order[k] : k;
        if (k > 0)
            out[o++] = ' ';
        memcpy(out + o, words[i], lens[i]);
        o += lens[i];
    }
    out[o] = '\0';
    return o;
}

size_t byl_normalize_word(byl_analyzer *a, const char *word, size_t len,
                          char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (!a || (!word && len) || len > UINT32_MAX)
        return 0;
    /* lex, then run the emitters dry: they compute canonical forms without
     * touching the token output of the last byl_analyze() call */
    int saved_rc = a->rc;
    a->nunits = 0;
    a->nlines = 0;
    a->rc = 0;
    const uint8_t *s = (const uint8_t *)word;
    lex_range(a, s, 0, len, 0);
    size_t n = 0;
    struct sbuf c = {.n = 0};
    uint32_t pos = a->pos;
    a->dry = 1;
    for (size_t k = 0; k < a->nunits && !a->rc; k++) {
        const struct unit *u = &a->units[k];
        if (u->type == UT_WORD) {
            struct winfo w;
            emit_word(a, s, u, &w);
            if (w.ok)
                sb_put(&c, w.canon, w.clen);
            else
                c.over = 1;
        } else if (u->type == UT_CJK) {
            emit_cjk(a, s, u, &c);
        } else {
            sb_put(&c, a->nb, norm(a, s, u->start, u->end, NORM_KEEP_APOS));
        }
        break;
    }
    a->dry = 0;
    a->pos = pos;
    if (!a->rc && !c.over && c.n > 0 && c.n + 1 <= cap) {
        memcpy(out, c.b, c.n + 1);
        n = c.n;
    }
    a->rc = saved_rc;
    a->nunits = 0; /* units are scratch; the last token output is untouched */
    return n;
}

int byl_text_cases(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    int cases = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
            cases |= cp >= 'a' && cp <= 'z' ? BYL_CASE_LOWER : cp >= 'A' && cp <= 'Z' ? BYL_CASE_UPPER : 0;
            continue;
        }
        i += byl_utf8_decode(s + i, len - i, &cp);
        if (cp == BYL_UTF8_REPLACEMENT)
            continue;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            cases |= BYL_CASE_LOWER;
        else if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
            cases |= BYL_CASE_UPPER;
    }
    return cases;
}

int byl_text_has_word(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
            if ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
                return 1;
            continue;
        }
        i += byl_utf8_decode(s + i, len - i, &cp);
        char c = utf8proc_category_string(cp)[0];
        if (cp != BYL_UTF8_REPLACEMENT && (c == 'L' || c == 'M' || c == 'N'))
            return 1;
    }
    return 0;
}

size_t byl_text_case_map(const char *text, size_t len, int upper, char *out, size_t cap)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t n = 0;
    if (!out || cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = byl_utf8_decode(s + i, len - i, &cp);
        uint8_t enc[4];
        int32_t to = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        size_t m = to == cp ? 0 : byl_utf8_encode(to, enc);
        if (m == 0) { /* unchanged (invalid bytes too): the bytes as they are */
            memcpy(enc, s + i, k);
            m = k;
        }
        if (n + m + 1 > cap) {
            out[0] = '\0';
            return 0;
        }
        memcpy(out + n, enc, m);
        n += m;
        i += k;
    }
    out[n] = '\0';
    return n;
}
