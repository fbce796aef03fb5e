/*
 * _cursor.h - private to common/query: the iterators a plan becomes in one
 * segment (cursor.c), which the algorithms walk.
 *
 * Each iterator stands on a document (doc, BYL_END when done), moves to the
 * first match >= a target (advance) and scores the document it stands on
 * (score).  Terms and phrases read postings through index/segment.h's
 * cursors; groups combine must, should and not clauses; date filters read
 * the DOCS column.  All of one segment's iterators live in an arena freed
 * at once.  Damage met on the way is left in the context's rc, and the
 * iterator then ends.
 *
 * Not a public interface: nothing outside common/query/ and its tests uses
 * it.
 */
#ifndef BYL_CURSOR_PRIV_H
#define BYL_CURSOR_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "index/segment.h"
#include "query/_plan.h"
#include "query/bm25.h"

typedef struct byl_iter byl_iter;
struct byl_iter {
    uint32_t doc;
    uint32_t (*advance)(byl_iter *, uint32_t target);
    double (*score)(byl_iter *);
    void (*release)(byl_iter *); /* frees what the iterator allocated, or NULL */
    uint64_t cost;         /* documents it may visit: conjunctions start from the cheapest */
};

/* What the iterators of one segment share. */
typedef struct byl_ictx {
    const byl_bm25 *bm;            /* the search's parameters and averages */
    uint32_t title_weight;         /* of the collection: TEXT counts title words this often */
    byl_segment *seg;
    size_t segi;
    uint32_t ndocs;
    int rc;
    uint32_t lens_doc;             /* document lens holds, or BYL_END */
    uint32_t lens[BYL_NFIELDS];    /* its field lengths: every clause reads them */
    int lens_all;                  /* all of them, not only LENS's (cursor.c) */
    int phrase_unread;             /* a phrase starts on its first candidate,
                                      positions unread (MaxScore verifies its
                                      candidates itself, only where they may win) */
} byl_ictx;

typedef struct byl_term_iter {
    byl_iter base;
    byl_ictx *c;
    byl_cursor cur;      /* the term (live if has & 1) */
    byl_cursor cur2;     /* its capital form, counted as the same word (has & 2) */
    int has;
    uint32_t tf;         /* of the current document, both forms */
    double idf;
    double bonus;
    int field;
    uint32_t body_tf;    /* body: occurrences after the title */
    uint32_t *pos;
    size_t poscap;
} byl_term_iter;

typedef struct byl_phrase_iter {
    byl_iter base;
    byl_ictx *c;
    size_t n;
    byl_cursor *cur;     /* per position: the term's cursor (live if has & 1) */
    byl_cursor *alt;     /* per position: its capital form's (live if has & 2) */
    uint8_t has[BYL_MAX_PHRASE];
    uint8_t lead[BYL_MAX_PHRASE]; /* positions by their words' df, rarest first */
    uint8_t word[BYL_MAX_PHRASE]; /* per position: the first position of its word (a
                                     word repeated in the phrase takes one
                                     occurrence per position) */
    const uint32_t *relpos;
    int slop;
    double idf;
    double bonus;
    int field;
    uint32_t freq;
    uint32_t *pos[BYL_MAX_PHRASE];
    size_t posn[BYL_MAX_PHRASE];
    size_t poscap[BYL_MAX_PHRASE];
    uint32_t *apos[BYL_MAX_PHRASE]; /* positions of the capital form, before merging */
    size_t aposcap[BYL_MAX_PHRASE];
} byl_phrase_iter;

/* Iterators of one segment live in an arena freed at once (zeroed: empty). */
typedef struct byl_arena {
    void **blocks;
    size_t n, cap;
    byl_iter **owners;       /* iterators with a release hook */
    size_t nowners, owners_cap;
} byl_arena;

/* The iterator of plan p in c's segment, allocated in a (freed with it),
 * standing on its first match; NULL when out of memory (c->rc may also be
 * set: damage). */
byl_iter *byl_iter_new(byl_ictx *c, byl_arena *a, const byl_plan *p);
/* A phrase in two phases (MaxScore reads positions only for a document
 * that may enter the top k): byl_phrase_approx moves phrase iterator i to
 * its first document >= target where all its words occur (i->doc; positions
 * not read, the document may not match); byl_phrase_verify then says
 * whether the phrase occurs there (1) or not (0, or damage in the
 * context's rc), and readies i->score.  advance() does both. */
uint32_t byl_phrase_approx(byl_iter *i, uint32_t target);
int byl_phrase_verify(byl_iter *i);
/* Frees every iterator of a, and what they hold. */
void byl_arena_free(byl_arena *a);
/* Length of field of doc in c's segment (body: TEXT less the weighted
 * title), read once however many clauses ask. */
double byl_iter_doc_len(byl_ictx *c, uint32_t doc, int field);

#endif
