/*
 * proximity.h - term proximity: a score bonus for documents where the
 * query's words stand close together, as BM25TP (Rasolofo and Savoy 2003)
 * gives it, applied to the best documents of a ranking.
 *
 * For each pair of distinct query terms (a, b) and a document, the pair's
 * closeness is tpi(a, b) = sum over occurrences of a and b at most
 * BYL_PROX_WINDOW positions apart of 1 / distance^2, and the bonus is
 *     sum over pairs  min(idf a, idf b) x tpi (k1 + 1) / (tpi + K)
 * with K = k1 (1 - b + b dl / avgdl), BM25's own saturation and length
 * normalisation.  The bonus times a weight is added to the document's
 * score.  Positions of the title come before the body's, separated by a
 * gap wider than the window, so a pair never spans title and body.
 *
 * Protocol: after byl_search() with k >= depth, byl_proximity_rerank() on
 * its hits; they come back re-sorted.
 *
 * Not for: phrase matching (search.c) or choosing the terms (the searcher's
 * terms of the last search are used: byl_search_terms()).
 */
#ifndef BYL_PROXIMITY_H
#define BYL_PROXIMITY_H

#include <stddef.h>

#include "query/search.h"

#define BYL_PROX_WINDOW 5

/* Adds weight x the bonus to the score of each of hits[0..n) (from the
 * last search of s, which is borrowed), and re-sorts them best first (ties:
 * lower global number).  k1 and b are those the search scored with.
 * BYL_OK, BYL_ENOMEM, BYL_ECORRUPT (message set). */
int byl_proximity_rerank(byl_searcher *s, byl_hit *hits, size_t n, double weight, double k1,
                         double b);

#endif
