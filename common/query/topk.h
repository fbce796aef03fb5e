/*
 * topk.h - the k best hits of a search, kept in a min-heap whose root is
 * the hit a better one would replace (PISA's topk_queue).
 *
 * Order: by score, best first, ties to the lower global number; by date
 * (enum byl_sort), oldest or newest first with undated articles last and
 * then by score.  A full heap's root score is the threshold MaxScore skips
 * by.
 *
 * Not for: scoring or choosing k (search.c).
 */
#ifndef BYL_TOPK_H
#define BYL_TOPK_H

#include <stddef.h>

#include "query/hit.h"

/* Offers x to the heap h[0..*n) of at most k hits, in sort order (enum
 * byl_sort): it enters while the heap is not full, or when it ranks above
 * the root, which it then replaces. */
void byl_topk_push(byl_hit *h, size_t *n, size_t k, const byl_hit *x, int sort);

/* Sorts h[0..n) best first in sort order (the heap's hits, for return). */
void byl_topk_sort(byl_hit *h, size_t n, int sort);

#endif
