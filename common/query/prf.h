/*
 * prf.h - pseudo-relevance feedback: the expansion terms of a relevance
 * model (RM3, Lavrenko and Croft 2001; Abdul-Jaleel et al. 2004) built from
 * the text of the documents a first search ranked best.
 *
 * The model: P(w|R) = sum over feedback documents D of P(w|D) P(D|q),
 * where P(w|D) = tf(w, D) / |D| over D's analyzed title and body, and
 * P(D|q) is D's first-pass score divided by the sum of the feedback
 * documents' scores.  The terms of highest P(w|R) that the caller accepts
 * are kept and their weights renormalised to sum to 1; the planner
 * (search.c) mixes them with the original query (see byl_search_opts.prf_*).
 *
 * Candidates are the terms the index holds for an article's text: stemmed
 * words, acronyms, compounds, and the name entities of the `name` field (a
 * story about "Kostas Kenteris" proposes the entity itself, which is a
 * better expansion than its two words).  Numbers and e-mail/URL tokens are
 * left out: a figure shared by the top stories is rarely the topic.
 *
 * Protocol: byl_prf_new(an); per query byl_prf_reset(), byl_prf_add() per
 * feedback document, byl_prf_select(); byl_prf_free().
 *
 * Not for: searching (search.h) or choosing the feedback documents.
 */
#ifndef BYL_PRF_H
#define BYL_PRF_H

#include <stddef.h>

#include "index/format.h"
#include "text/analyzer.h"

typedef struct byl_prf byl_prf;

typedef struct byl_prf_term {
    int field;                 /* BYL_F_TEXT, or BYL_F_NAME for an entity */
    size_t len;                /* bytes of term */
    char term[BYL_MAX_KEY];    /* NUL-terminated, as the analyzer writes it */
    double weight;             /* P(w|R), renormalised over the terms kept */
} byl_prf_term;

/* A feedback model that analyzes with an (borrowed; must outlive it and
 * is used between the caller's own calls to it).  BYL_OK or BYL_ENOMEM
 * (*out = NULL). */
int byl_prf_new(byl_analyzer *an, byl_prf **out);
void byl_prf_free(byl_prf *p);

/* Forgets the documents added so far. */
void byl_prf_reset(byl_prf *p);

/* Adds one feedback document, its title and body (need not be
 * NUL-terminated), with weight w >= 0 (its share of the first-pass score).
 * BYL_OK, BYL_ENOMEM, BYL_ELIMIT (text over 4 GiB). */
int byl_prf_add(byl_prf *p, const char *title, size_t title_len, const char *body,
                size_t body_len, double w);

/* Keep callback: nonzero if term (field, term, len) may expand the query
 * (the planner refuses terms too common or too rare to help). */
typedef int (*byl_prf_keep)(void *ctx, int field, const char *term, size_t len);

/* The at most n terms of highest P(w|R) that keep accepts (keep may be
 * NULL: all), best first (ties: term order), weights summing to 1.
 * *out is borrowed, valid until the next call on p.  BYL_OK or
 * BYL_ENOMEM. */
int byl_prf_select(byl_prf *p, size_t n, byl_prf_keep keep, void *ctx,
                   const byl_prf_term **out, size_t *nout);

#endif
