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
#include <stdint.h>

#include "query/hit.h"

/* Offers x to the heap h[0..*n) of at most k hits, in sort order (enum
 * byl_sort): it enters while the heap is not full, or when it ranks above
 * the root, which it then replaces. */
void byl_topk_push(byl_hit *h, size_t *n, size_t k, const byl_hit *x, int sort);

/* byl_topk_push for a collapsed ranking (Xapian's collapse key, Lucene's
 * collapsing collector): the heap holds at most one hit per cluster,
 * cid[i] naming the cluster of h[i] (kept beside it).  x, of cluster xc,
 * replaces its cluster's hit when it ranks above it (and is dropped when
 * not); a hit of a cluster not held enters as byl_topk_push says.  So a
 * full heap holds the best hit of each of the k best-ranked clusters seen,
 * and its root (the k-th cluster's best) is a threshold below which no
 * document can change the result: MaxScore prunes by it as by a plain
 * heap's.  Finding the cluster is a scan of the k held, paid only by hits
 * that would enter a plain heap, as is cluster_of(ctx, x->gdoc), which
 * names x's cluster, or returns UINT32_MAX for a hit never to be kept
 * (a cluster the caller does not show). */
void byl_topk_push_grouped(byl_hit *h, uint32_t *cid, size_t *n, size_t k, const byl_hit *x,
                           int sort, uint32_t (*cluster_of)(void *ctx, uint64_t gdoc), void *ctx);

/* Sorts h[0..n) best first in sort order (the heap's hits, for return). */
void byl_topk_sort(byl_hit *h, size_t n, int sort);

#endif
