/*
 * _analyzer.h - what the files of the analyzer share: its limits, the
 * units, atoms and name runs its passes hand each other, the analyzer's
 * state (struct byl_analyzer), a few inline helpers of the hot loops, and
 * the functions each file offers the others.  Internal to common/text/: the
 * contract is analyzer.h.
 *
 * The analyzer's files, in the order a text goes through them
 * (analyzer.c describes the passes):
 *   charclass.c  the class of a character (ASCII table, utf8proc beyond)
 *   lexer.c      pass 1: bytes -> units (words with connectors, CJK runs,
 *                URLs, e-mail addresses, #tags, @handles)
 *   context.c    pass 2: ALL-CAPS copy, Title Case headlines, headings, and
 *                the filter of the text's lower-case words
 *   normalize.c  NFKC, case folding, accents and apostrophes; stemming; the
 *                case helpers of analyzer.h
 *   emit.c       pass 3: a word unit -> terms (numbers, acronyms, dotted
 *                and hyphenated wholes), tokens and their final order
 *   cjk.c        pass 3: a CJK run -> bigrams
 *   entity.c     pass 3, index mode: the name detector (runs of name words,
 *                connectors, one-word names on the text's evidence)
 *   analyzer.c   the driver: the public functions, the passes in order
 * The word lists they consult are text/words.h.
 *
 * Not for: anything outside common/text/ (include analyzer.h).
 */
#ifndef BYL__ANALYZER_H
#define BYL__ANALYZER_H

#include <libstemmer.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "text/analyzer.h"
#include "text/utf8.h"

#define MAX_TERM 64     /* longer terms are garbage and dropped */
#define MAX_SPAN 1024   /* source bytes of one word we bother normalizing */
#define TOO_LONG ((size_t)-1)
#define MAX_RUN 12      /* words of a run, connectors included */
#define MAX_NAMEW 6     /* name words in a name; longer capitalised runs are not names */
#define MAX_CANDS 256   /* one-word name candidates kept per text */
#define MAX_PERSONS 32  /* multi-word names whose last word a later mention may be */
#define LOW_WORDS 1024  /* 64-bit words of the lower-case word filter */
#define STEM_SLOTS 16384 /* 4-way cache of word -> stem (normalize.c), at most */
#define STEM_SLOTS0 256 /* ... and at first (see byl_norm_stem()) */
#define STEM_MAX 22


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
    BRK_AMP = 32,  /* a lone "&" between spaces (Procter & Gamble) */
    BRK_ITEM = 64  /* a separator of items (|, ·, •, ›, », [ ], a spaced /)
                    * or a gap of two blanks or a tab: page chrome's
                    * (context.c, chrome_items) */
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
    F_SOFTNL = 1u << 18,    /* its line break only wraps a paragraph (old wire copy) */
    F_CHROME = 1u << 19,    /* in a short item of page chrome (Terms · Privacy ·
                             * Cookies, Comments (7)): no evidence for a name */
    F_ITEM = 1u << 20       /* opens an item of such a line after a gap of blanks
                             * (Cookie settings   Privacy   Contact): ends a name */
};

/* Connectors between the atoms of a word unit. */
enum { K_NONE = 0, K_HYPH = 1, K_DOT = 2, K_AMP = 4, K_COMMA = 8, K_DOTHYPH = 16 };

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

/* RW_COMMA: a comma inside an organisation's list of subjects
 * ("Department of Agriculture, Land Reform and Rural Development"), no word
 * of the key, read as "and" */
enum { RW_NAME, RW_INITIAL, RW_PARTICLE, RW_OF, RW_AND, RW_AMP, RW_COMMA };

struct runword {
    uint32_t start, end, pos;
    size_t tok0, tok1;
    int role;
    uint8_t shape;   /* CS_* */
    int poss;        /* ended in a possessive (Moody's) */
    int sent;        /* the first word of a sentence or line */
    int period;      /* ... after a sentence's end (not a line break alone) */
    int said;        /* "said" or "says" follows it (Tesla says ...) */
    int lowafter;    /* a lower-case word follows it (ECB board member) */
    int defined;     /* an acronym in brackets after its long form: "... Directorate (DNA)" */
    int chrome;      /* in page chrome (F_CHROME): no evidence of a name */
    int dot_title;   /* short, a period after it, a name of two words next (Ing. Jan Novak) */
    int figure;      /* an acronym right before a figure (AMD 14.2 billion) */
    size_t len;
    char w[MAX_TERM + 1];
};

/* A one-word name candidate of the text being analyzed, and its mentions.
 * It becomes an entity only if the text gives evidence (entity.c, "one-word
 * names"). */
struct cand {
    uint32_t h;       /* hash of w */
    uint16_t mid;     /* capitalised mentions inside a sentence */
    uint16_t first;   /* mentions that start a sentence */
    uint8_t shape;    /* CS_* */
    uint8_t len;
    uint8_t leads;    /* the first word of a longer name of the text (Kestrel Minerals) */
    uint8_t defined;  /* in brackets after its long form somewhere: an organisation */
    uint8_t prose;    /* a mention outside page chrome: without one, no name */
    uint16_t nment;   /* mentions */
    uint16_t titled;  /* ... with a period and a person's name after it (runword dot_title) */
    uint16_t figured; /* ... an acronym's, right before a figure (runword figure) */
    char w[MAX_TERM + 1];
};
enum { CS_PLAIN = 0, CS_CAMEL = 1, CS_ACRONYM = 2 };

struct mention {
    uint32_t cand, pos, start, end;
    size_t tok0, tok1;
};

struct person {
    uint8_t klen, flen, llen;
    uint8_t legal;            /* a legal form followed it: a company's name */
    char key[MAX_TERM + 1];   /* entity key of the whole name */
    char first[MAX_TERM + 1]; /* its first and last name words */
    char last[MAX_TERM + 1];
};

struct stem_slot {
    uint8_t klen, slen;
    char key[STEM_MAX];
    char stem[STEM_MAX];
};


struct byl_analyzer {
    struct sb_stemmer *stemmer;
    struct stem_slot *stems; /* stem_mask + 1 slots */
    uint32_t stem_mask, stem_misses;
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
    char nb[MAX_TERM + 8]; /* byl_norm() output */

    /* per call */
    int rc;        /* sticky error */
    int dry;       /* compute canonical forms only, emit nothing */
    int no_names;  /* name detection switched off */
    int stem_some; /* byl_analyzer_set_stem_filter: only words in stem_first */
    uint64_t stem_first[4];
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
    int run_tail;   /* legal forms after the run's last word (Kaveri Polymers
                     * Ltd, Acme (Pvt) Ltd): its span grows over them, its
                     * key does not; the next other word ends the run */
    int run_fr;     /* the run holds a French institution's word (Conseil) */
    int run_spelled; /* an acronym in brackets right after the run spells
                      * the initials of its name words ((OCSB) after Office
                      * of the Cane and Sugar Board): one name, its "and"
                      * no list's (byl_entity_spelled) */
    int run_legal;     /* set while the run's last name is emitted: a
                        * legal form followed it (a company's name) */
    size_t open_carry; /* 1 + the index of a capitalised unit right after a
                        * sentence's opening word taken for a common one
                        * (Fisheries Act amendments): it is still at the
                        * sentence's start, no evidence of a name alone; 0:
                        * none */
    int run_listed;         /* the run opened after portfolio_end's comma */
    uint32_t portfolio_end; /* where a portfolio's run without "and" ended
                             * (Minister of Trade, ...): a subject's word
                             * after its comma goes on with the list
                             * (Industry and Energy Tomas Brekke); 0: none */
    int run_portfolio; /* the run follows "Minister of", "Secretary for": a
                        * portfolio (Foreign Affairs), no name unless an
                        * organisation's word or a place is in it */
    /* a nickname in quotes inside a person's name (Rodolfo "Dolfo"
     * Tablizo): its units [nick_lo, nick_hi) are no words of the name,
     * and the break before unit nick_hi does not end it; 0, 0 if none */
    size_t nick_lo, nick_hi;

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

/* A bounded string builder for wholes and canonical forms. */
struct sbuf {
    char b[MAX_TERM + 1];
    size_t n;
    int over;
};

static inline void sb_put(struct sbuf *sb, const char *p, size_t n)
{
    if (sb->over || n == TOO_LONG || sb->n + n > MAX_TERM) {
        sb->over = 1;
        return;
    }
    memcpy(sb->b + sb->n, p, n);
    sb->n += n;
    sb->b[sb->n] = '\0';
}

static inline uint32_t hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 16777619u;
    }
    return h;
}

static inline int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static inline int is_alpha(uint8_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* ---- analyzer.c ---- */

/* Makes room for `need` elements of `size` bytes in *p (capacity *cap).
 * Returns 0, or -1 with a->rc set (BYL_ENOMEM; or an earlier error). */
int byl_analyzer_grow(byl_analyzer *a, void **p, size_t *cap, size_t need, size_t size);

static inline int grow(byl_analyzer *a, void **p, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? 0 : byl_analyzer_grow(a, p, cap, need, size);
}

/* ---- charclass.c ---- */

/* Fills cls[0..128) with the class of each ASCII byte. */
void byl_charclass_ascii(uint8_t *cls);

/* The class (C_*) of a code point beyond ASCII. */
int byl_charclass_cp(int32_t cp);

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
    return byl_charclass_cp(cp);
}

/* ---- lexer.c ---- */

/* Lexes s[from..to) into a->units (and a->lines, a->shape).  inner: the
 * pieces of a URL, e-mail or tag (no further URLs or tags inside). */
void byl_lex_range(byl_analyzer *a, const uint8_t *s, size_t from, size_t to, int inner);

/* ---- context.c ---- */

/* Marks the units of ALL-CAPS sentences, lines or texts F_CAPSCTX, and
 * sets a->titlecase for a Title Case headline. */
void byl_context_caps(byl_analyzer *a, const uint8_t *s);

/* Marks heading units F_HEADING and soft line breaks F_SOFTNL, and fills
 * the filter of the text's lower-case words (index mode). */
void byl_context_headings(byl_analyzer *a, const uint8_t *s);

/* Whether the text has w[0..n) in lower case (a false "yes" is possible, a
 * false "no" is not).  Valid after byl_context_headings(). */
int byl_context_low_has(const byl_analyzer *a, const char *w, size_t n);

/* ---- normalize.c ---- */

enum { NORM_KEEP_APOS = 1 };

/* Normalizes source bytes s[b..e) into a->nb: NFKC, case-folded, accents
 * stripped, default-ignorables dropped, apostrophes dropped unless
 * NORM_KEEP_APOS.  Returns the length (0 if nothing is left), or TOO_LONG
 * when the result would exceed MAX_TERM bytes. */
size_t byl_norm(byl_analyzer *a, const uint8_t *s, size_t b, size_t e, unsigned how);

/* Porter2 stem of w[0..n) (lower-case ASCII letters) into out (room for
 * MAX_TERM + 1); returns its length (0 with a->rc set on failure). */
size_t byl_norm_stem(byl_analyzer *a, const char *w, size_t n, char *out);

/* ---- emit.c ---- */

/* An ordinary token at the next position; returns 1 if one was added. */
int byl_emit(byl_analyzer *a, const char *t, size_t n, uint32_t start, uint32_t end,
             int kind);

/* A token stacked at position pos (a whole, an entity). */
void byl_emit_stacked(byl_analyzer *a, const char *t, size_t n, uint32_t pos,
                      uint32_t start, uint32_t end, int kind);

/* Emits a word unit and describes it for the name detector in *w. */
void byl_emit_word(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                   struct winfo *w);

/* Puts a->toks in (position, unstacked first) order. */
void byl_emit_sort(byl_analyzer *a);

/* ---- cjk.c ---- */

/* Emits a CJK run as bigrams; its normalized text goes to *canon. */
void byl_cjk_emit(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                  struct sbuf *canon);

/* ---- entity.c ---- */

/* Feeds one emitted word unit to the name detector (index mode); next is
 * the unit after it or NULL; sent: it starts a sentence or line. */
void byl_entity_feed(byl_analyzer *a, const uint8_t *s, const struct unit *u,
                     const struct unit *next, const struct winfo *w, int sent);

/* Closes the run of name words being collected, emitting its names. */
void byl_entity_run_end(byl_analyzer *a);
/* Whether the punctuation before unit ui (a hard break of BRK_PUNCT alone)
 * stays inside the current name: the apostrophe of a plural possessive
 * ("Citrus Growers' Council", marked as the word's possessive) or a comma
 * in an organisation's list of subjects ("Department of Agriculture, Land
 * Reform and Rural Development", added as RW_COMMA), or the opening
 * quote of a nickname inside a person's name (Johannes "Jannie"
 * Pretorius: sets nick_lo and nick_hi).  0: the run ends
 * there, as before any other punctuation. */
int byl_entity_glue(byl_analyzer *a, const uint8_t *s, size_t ui);
/* Sets a->run_spelled when unit u, about to end the run, is an acronym
 * in brackets that spells the initials of the run's name words. */
void byl_entity_spelled(byl_analyzer *a, const uint8_t *s, const struct unit *u);

/* At the end of a text: emits the one-word names it gives evidence for. */
void byl_entity_text_end(byl_analyzer *a);

#endif
