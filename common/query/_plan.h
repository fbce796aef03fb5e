/*
 * _plan.h - private to common/query: the plan a parsed query becomes
 * (plan.c) and the rewriting of its words on the way there (rewrite.c).
 *
 * A plan is a tree: TERM and PHRASE leaves, each looked up once in every
 * segment with its global document frequency and idf; GROUP (must, should
 * and not clauses, by each kid's role) and OR nodes; DATE filters and ALL.
 * The cursors (_cursor.h) turn it into iterators, segment by segment; the
 * algorithms (oracle.c, maxscore.c) walk them.
 *
 * Planning reports failure through s->rc (sticky while one query is
 * planned): a function returning a plan returns NULL with s->rc set.
 *
 * Not a public interface: nothing outside common/query/ and its tests uses
 * it.
 */
#ifndef BYL_PLAN_PRIV_H
#define BYL_PLAN_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "index/format.h"
#include "index/segment.h"
#include "query/parser.h"
#include "query/search.h"

/* Words in one phrase, slots of one word. */
#define BYL_MAX_PHRASE 64

enum { BYL_P_NONE, BYL_P_TERM, BYL_P_PHRASE, BYL_P_GROUP, BYL_P_OR, BYL_P_DATE, BYL_P_ALL };

/* A term looked up in every segment of the collection. */
typedef struct byl_pterm {
    uint8_t key[BYL_MAX_KEY];
    size_t keylen;
    uint64_t df;        /* live documents with it, over every segment */
    double idf;
    byl_terminfo *info; /* per segment */
    uint8_t *present;   /* per segment */
} byl_pterm;

typedef struct byl_plan {
    int type;           /* BYL_P_* */
    int role;           /* BYL_ROLE_* in its parent group */
    int field;
    int slop;
    byl_pterm *terms;   /* TERM: 1, or 2 that count as one word (a term and
                           its capital form: tf summed, one idf); PHRASE: nterms */
    byl_pterm *alts;    /* PHRASE: per term, a capital form matched at its
                           position too (keylen 0: none); may be NULL */
    uint32_t *relpos;   /* PHRASE: position of each term relative to the first */
    size_t nterms;
    int64_t lo, hi;     /* DATE: the range, both ends in */
    double bonus;       /* TERM: added to the score of every match (names) */
    double scale;       /* PHRASE: its score is multiplied by this (1 by default) */
    struct byl_plan **kids;
    size_t nkids;
} byl_plan;

/* One position of a phrase, or a word alone: the plain term, and the
 * capital form it may also be found as. */
typedef struct byl_slot {
    char t[BYL_MAX_KEY];   /* the term of the word in lower case */
    size_t tl;
    char a[BYL_MAX_KEY];   /* its capital form, or al = 0 */
    size_t al;
    int marked;            /* typed in capitals where that is a sign */
    int acronym_only;      /* a function word typed as an acronym: a, not t */
} byl_slot;

/* Slots the analyzer joins into one (U.S.-China, LeiFeng.com, 字节跳动):
 * typed as one word, they are a phrase.  Where punctuation alone separates
 * the parts of a word (difficult—even, 10:30), they are separate words. */
typedef struct byl_run {
    size_t first, n;         /* its slots */
    char whole[BYL_MAX_KEY]; /* a capital form of fewer terms (at&t: AT&T), or wl = 0 */
    size_t wl;
    int marked;
} byl_run;

typedef struct byl_wordset {
    byl_slot sl[BYL_MAX_PHRASE];
    size_t nsl;
    byl_run rn[BYL_MAX_PHRASE];
    size_t nrn;
} byl_wordset;

/* ---- plan.c ---- */

/* A node of type (BYL_P_*), or NULL with s->rc set. */
byl_plan *byl_plan_new(byl_searcher *s, int type);
/* Frees p and its kids; NULL is a no-op. */
void byl_plan_free(byl_plan *p);
/* Adds k (taken) to p's kids; on failure frees k and returns s->rc. */
int byl_plan_add_kid(byl_searcher *s, byl_plan *p, byl_plan *k);
/* Looks key up in every segment into t, with its live df and idf. */
int byl_plan_lookup(byl_searcher *s, byl_pterm *t, const uint8_t *key, size_t keylen);
/* A TERM of field (noted for highlighting), a P_NONE when the key cannot
 * exist, or NULL with s->rc set. */
byl_plan *byl_plan_term(byl_searcher *s, int field, const char *term, size_t len);
/* Live documents of term in field (0 when the index does not hold it). */
uint64_t byl_plan_term_df(byl_searcher *s, int field, const char *term, size_t len);
/* The plan of query q, plain words taking default_role at every depth
 * (BYL_ROLE_MUST: --and), but for the sides of an OR, which stay
 * alternatives; NULL with s->rc set on failure. */
byl_plan *byl_plan_build(byl_searcher *s, const byl_qnode *q, int default_role);

/* ---- rewrite.c ---- */

/* Separates the words of a query, as the parser's spaces do. */
static inline int byl_query_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Notes how the words of q are written (s->qc), before planning it. */
void byl_rewrite_case(byl_searcher *s, const byl_qnode *q);
/* Adds the slots and runs of one word w[0..len) to ws. */
int byl_rewrite_word(byl_searcher *s, const char *w, size_t len, byl_wordset *ws);
/* Whether a word (plain term t) also matches its capital form a. */
int byl_rewrite_widens(const byl_pterm *t, const byl_pterm *a, int marked);
/* Gives t and a, one word in two forms, one idf. */
void byl_rewrite_blend(byl_searcher *s, byl_pterm *t, byl_pterm *a, int marked);
/* Whether kid i of group q is a function word to leave out. */
int byl_rewrite_dropped(const byl_searcher *s, const byl_qnode *q, size_t i, int default_role);
/* Adds to p, the plan of group q, the clauses of the names its words form. */
void byl_rewrite_names(byl_searcher *s, const byl_qnode *q, byl_plan *p);

#endif
