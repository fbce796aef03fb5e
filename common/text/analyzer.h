/*
 * analyzer.h - the name-aware analyzer: text in, terms with positions and
 * byte offsets out.  One analyzer serves indexing and querying, so a query
 * word always meets the term it was indexed as.
 *
 * Protocol:
 *     byl_analyzer *a;  byl_analyzer_new(&a);
 *     const byl_token *t; size_t n; const char *terms;
 *     byl_analyze(a, text, len, BYL_AN_INDEX, &t, &n, &terms);
 *     for (i < n) term = terms + t[i].term_off  (NUL-terminated, t[i].term_len bytes)
 *     byl_analyzer_free(a);
 * The token array and term bytes are owned by the analyzer and valid until the
 * next byl_analyze() call on it.  An analyzer is not thread-safe; use one per
 * thread.
 *
 * Terms are NFKC-normalized, case-folded, accent-stripped UTF-8; ordinary
 * English words are Snowball-stemmed.  Acronyms (U.S., US in capitals next to
 * mixed-case text, AT&T) are kept as a distinct upper-case term ("US"), never
 * the pronoun "us".  CJK runs yield overlapping bigrams.  See
 * docs/TOKENIZATION.md for every rule.
 *
 * Not for: query syntax (quotes, operators, fields: see query/parser.h), nor
 * for deciding which field a term belongs to (the caller knows).
 */
#ifndef BYL_ANALYZER_H
#define BYL_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

typedef struct byl_analyzer byl_analyzer;

enum byl_tok_kind {
    BYL_TOK_WORD = 1,    /* ordinary word, stemmed */
    BYL_TOK_NAMEPART,    /* a word of a detected name (index mode); its term is the
                            same stemmed term BYL_TOK_WORD would give, so that a
                            lower-case query finds it; the exact name is the
                            unstemmed BYL_TOK_ENTITY term */
    BYL_TOK_ACRONYM,     /* U.S., US, AT&T: upper-case term */
    BYL_TOK_NUMBER,      /* 60,000 -> 60000; 1.54; 2025 */
    BYL_TOK_CJK,         /* a CJK bigram or single character */
    BYL_TOK_COMPOUND,    /* whole of a hyphenated/dotted/domain form (next-generation, leifeng.com) */
    BYL_TOK_ENTITY,      /* name entity key, for the `name` field: a name of
                            several words, or of one word the text gives
                            evidence for (ByteDance, OPEC; TOKENIZATION.md) */
    BYL_TOK_OTHER        /* e-mail, URL, #hashtag, @handle, ... */
};

enum byl_tok_flags {
    BYL_TOKF_STACKED = 1 /* shares its position with the previous token (a whole or an entity) */
};

typedef struct byl_token {
    uint32_t term_off; /* offset of the term in the terms buffer */
    uint32_t term_len; /* bytes, without the NUL */
    uint32_t pos;      /* position, 0-based, per call; stacked tokens share one */
    uint32_t start;    /* byte offset of the source text it came from */
    uint32_t end;      /* one past the last byte (for an entity: the whole name) */
    uint16_t kind;     /* enum byl_tok_kind */
    uint16_t flags;    /* enum byl_tok_flags */
} byl_token;

enum byl_an_mode {
    BYL_AN_INDEX = 0, /* article text: detect names from capitalisation */
    BYL_AN_QUERY = 1  /* query text: may be all lower case; no entity detection
                         from case (the query planner looks names up) */
};

/* Creates an analyzer.  Returns BYL_OK and sets *out, or BYL_ENOMEM
 * (*out = NULL). */
int byl_analyzer_new(byl_analyzer **out);
void byl_analyzer_free(byl_analyzer *a);

/* Analyzes len bytes of text (need not be NUL-terminated; invalid UTF-8 is
 * read as U+FFFD, never past len).  mode is enum byl_an_mode.  On BYL_OK sets
 * *toks, *ntoks and *terms (borrowed; valid until the next call).  Texts over
 * 4 GiB are refused with BYL_ELIMIT. */
int byl_analyze(byl_analyzer *a, const char *text, size_t len, int mode,
                const byl_token **toks, size_t *ntoks, const char **terms);

/* Turns name detection off (on = 0) or on (the default) for BYL_AN_INDEX:
 * without it no BYL_TOK_ENTITY tokens are produced. */
void byl_analyzer_set_names(byl_analyzer *a, int on);

/* Stems only the words whose first byte is in first (a 256-bit set), or
 * every word (first NULL, the default); the others are emitted unstemmed.
 * A Porter2 stem keeps its word's first letter (checked over the 155,000
 * distinct words of four news corpora), so a text searched for terms whose
 * first bytes are all in the set yields the same matches: a snippet need
 * not stem what cannot match (half of a shown result's instructions). */
void byl_analyzer_set_stem_filter(byl_analyzer *a, const uint64_t *first);

/* Canonical entity key of a name given as its words, already analyzed to
 * unstemmed lower-case form (e.g. {"yiming", "zhang"}).  Two-word names are
 * order-insensitive (the key of "zhang yiming" equals that of "yiming
 * zhang").  Writes a NUL-terminated key of at most cap-1 bytes to out and
 * returns its length, or 0 if it does not fit. */
size_t byl_entity_key(const char *const *words, const size_t *lens, size_t n,
                      char *out, size_t cap);

/* Whether w[0, n) is two letters joined by a slash that a name holds:
 * BYL_SLASH_PATRONYMIC for a patronymic of Malaysian Indian names (a/l,
 * a/p, s/o, d/o, w/o: son, daughter, wife of), a particle of the name;
 * BYL_SLASH_LEGAL for a Nordic company's legal form (A/S, P/F, I/S, K/S,
 * P/S), which ends a name and is no word of its key, as Ltd is; 0
 * otherwise.  The index (text/entity.c) and the query planner's name:
 * keys (query/plan.c) read them alike. */
enum { BYL_SLASH_PATRONYMIC = 1, BYL_SLASH_LEGAL = 2 };
int byl_entity_slash_form(const char *w, size_t n);

/* Whether the word w[0..n), as written, is a company's legal form that the
 * index leaves out of a name's key although the name's span covers it: one
 * written with dots between its letters (A.Ş., s.r.o., d.o.o., S.p.A.,
 * W.L.L.; words.h byl_word_dotted_legal), or a country's letter in
 * brackets before Ltd ("(T)" of "Victoria Cold Chain (T) Ltd").  The query
 * planner's name: keys leave it out alike (query/plan.c). */
int byl_entity_legal_written(const char *w, size_t n);

/* Whether the word w[0..n), as written, has the shape of a legal form with
 * dots that the index knows only by its shape after a name (Sh.p.k.,
 * B.S.C., K.S.C.P.: a capital, parts of one to three letters, each closed
 * by a period).  A person's initials have that shape too (R.K.), so the
 * query planner asks it only of a name's last word, never its first. */
int byl_entity_legal_shape(const char *w, size_t n);

/* The unstemmed, normalized lower-case form of one word as the analyzer
 * would see it (used by the query planner to build entity keys from query
 * words).  Same return convention as byl_entity_key. */
size_t byl_normalize_word(byl_analyzer *a, const char *word, size_t len,
                          char *out, size_t cap);

/* Frees the buffers the analyzer keeps between calls (they grow to the
 * longest text analyzed), invalidating its last output: after a long
 * article, so that memory returns to the budget. */
void byl_analyzer_trim(byl_analyzer *a);

/* The cases text[0..len) is written in, for the query planner and parser,
 * which read capitals as a sign only where the rest of the query is not in
 * capitals too: BYL_CASE_LOWER if some letter is lower case, BYL_CASE_UPPER
 * if some letter is upper or title case, both, or 0 (no cased letter).
 * Invalid UTF-8 counts as no letter. */
enum { BYL_CASE_LOWER = 1, BYL_CASE_UPPER = 2 };
int byl_text_cases(const char *text, size_t len);

/* Whether text[0..len) has a letter, digit or mark: something a term can be
 * made of.  Punctuation, symbols and spaces alone ("—", "?", "&") give 0. */
int byl_text_has_word(const char *text, size_t len);

/* Copies text[0..len) to out with every letter in lower case (upper = 0)
 * or upper case (upper = 1), code point by code point (Unicode's simple case
 * mapping; anything else, invalid UTF-8 included, is copied as it is).
 * Writes a NUL and returns the bytes before it, or 0 if they do not fit in
 * cap - 1 (out then holds "").  Analyzing the lower-case copy gives the
 * plain words; the upper-case copy, the acronyms a word could be. */
size_t byl_text_case_map(const char *text, size_t len, int upper, char *out, size_t cap);

#endif
