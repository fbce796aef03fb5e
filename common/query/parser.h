/*
 * parser.h - query syntax to a small tree.
 *
 *   words               ranked: a document need not contain every word
 *   "exact phrase"      words in this order; "..."~N within N positions
 *   +word  -word        required / excluded (NOT word is the same as -word)
 *   a AND b, a OR b     explicit operators (AND binds tighter), ( ... )
 *   field:word          title: author: name: source: body: text: id:
 *   field:"phrase"      field:(...) applies the field to a group
 *   date:2025-01-01..2025-06-30  date:>=2025-03  date:2025  (filters)
 *   bytedan*            prefix of a word
 *
 * Prose is words, not an error: a '+' or '-' before a space is a dash,
 * punctuation standing alone is passed over, a capitalised "Label:" before a
 * space is a word, and in a query all in capitals AND, OR and NOT are words.
 * Field names are read in any case when their value follows (TITLE:oil).
 *
 * The parser knows nothing of analysis: a BYL_Q_WORD keeps the text the user
 * typed, in the case it was typed; the planner (search.h) runs it through the
 * analyzer and reads its case (docs/QUERY.md, "Case").
 *
 * Not for: evaluation (search.h).
 */
#ifndef BYL_PARSER_H
#define BYL_PARSER_H

#include <stddef.h>
#include <stdint.h>

/* Longest query accepted, in bytes, and most clauses; beyond them the
 * parser refuses with BYL_ELIMIT rather than doing unbounded work. */
#define BYL_QUERY_MAX 16384
#define BYL_QUERY_MAX_NODES 1024
/* A phrase's ~N above this counts as this: an article's words are
 * seldom further apart (docs/QUERY.md). */
#define BYL_SLOP_MAX 100000

typedef enum {
    BYL_Q_WORD = 1, /* text (may analyze to several terms), field, prefix */
    BYL_Q_PHRASE,   /* text, field, slop */
    BYL_Q_GROUP,    /* kids with roles: should / must / must-not */
    BYL_Q_OR,       /* explicit OR: kids */
    BYL_Q_DATE      /* date range filter [lo, hi] in seconds, inclusive */
} byl_qtype;

typedef enum {
    BYL_ROLE_SHOULD = 0,
    BYL_ROLE_MUST,
    BYL_ROLE_NOT
} byl_qrole;

typedef struct byl_qnode {
    byl_qtype type;
    byl_qrole role;            /* role within the parent GROUP */
    int field;                 /* enum byl_field, or -1 for the default */
    int prefix;                /* WORD ended in '*' */
    int slop;                  /* PHRASE: ~N, at most BYL_SLOP_MAX */
    char *text;                /* WORD/PHRASE: the words as typed (owned) */
    size_t text_len;
    int64_t date_lo, date_hi;  /* DATE */
    int col;                   /* 1-based column where it starts */
    struct byl_qnode **kids;   /* GROUP/OR (owned) */
    size_t nkids;
} byl_qnode;

/* Parses query (len bytes; need not be NUL-terminated).  On success returns
 * BYL_OK and *out (free with byl_qnode_free).  On a syntax error returns
 * BYL_EPARSE with a message "column N: ..." that says what was expected;
 * BYL_ELIMIT for an over-long query; *out = NULL. */
int byl_query_parse(const char *query, size_t len, byl_qnode **out);
void byl_qnode_free(byl_qnode *n);

/* Writes a readable form of the tree (for tests and --explain). */
size_t byl_qnode_format(const byl_qnode *n, char *buf, size_t cap);

#endif
