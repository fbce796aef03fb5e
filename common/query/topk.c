/*
 * topk.c - the top-k heap of hits (topk.h).
 * Not for: scoring, or deciding what enters (the algorithms do).
 */
#include "query/topk.h"

#include <stdint.h>
#include <stdlib.h>

/* a ranks below b in this sort order */
static int worse(const byl_hit *a, const byl_hit *b, int sort)
{
    if (sort != BYL_SORT_SCORE) {
        int ad = a->date != INT64_MIN, bd = b->date != INT64_MIN;
        if (ad != bd)
            return !ad; /* undated articles go last */
        if (ad && a->date != b->date)
            return sort == BYL_SORT_DATE ? a->date > b->date : a->date < b->date;
    }
    if (a->score != b->score)
        return a->score < b->score;
    return a->gdoc > b->gdoc;
}

/* Swaps entries i and j of the heap (and of cid, when kept). */
static inline void swap(byl_hit *h, uint32_t *cid, size_t i, size_t j)
{
    byl_hit t = h[i];
    h[i] = h[j];
    h[j] = t;
    if (cid) {
        uint32_t c = cid[i];
        cid[i] = cid[j];
        cid[j] = c;
    }
}

/* Moves entry i up while it ranks below its parent. */
static void sift_up(byl_hit *h, uint32_t *cid, size_t i, int sort)
{
    while (i && worse(&h[i], &h[(i - 1) / 2], sort)) {
        swap(h, cid, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

/* Moves entry i down while a child ranks below it. */
static void sift_down(byl_hit *h, uint32_t *cid, size_t n, size_t i, int sort)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(&h[l], &h[m], sort))
            m = l;
        if (r < n && worse(&h[r], &h[m], sort))
            m = r;
        if (m == i)
            break;
        swap(h, cid, i, m);
        i = m;
    }
}

void byl_topk_push(byl_hit *h, size_t *n, size_t k, const byl_hit *x, int sort)
{
    if (k == 0)
        return; /* nothing is kept: h may have no room at all */
    if (*n < k) {
        h[*n] = *x;
        sift_up(h, NULL, (*n)++, sort);
        return;
    }
    if (!worse(&h[0], x, sort))
        return;
    h[0] = *x;
    sift_down(h, NULL, *n, 0, sort);
}

void byl_topk_push_grouped(byl_hit *h, uint32_t *cid, size_t *n, size_t k, const byl_hit *x,
                           int sort, uint32_t (*cluster_of)(void *ctx, uint64_t gdoc), void *ctx)
{
    if (k == 0)
        return;
    if (*n == k && !worse(&h[0], x, sort))
        return; /* below the k-th cluster: not its cluster's best either,
                   or that cluster would be the root */
    uint32_t xc = cluster_of(ctx, x->gdoc);
    if (xc == UINT32_MAX)
        return;
    for (size_t i = 0; i < *n; i++) {
        if (cid[i] != xc)
            continue;
        if (worse(&h[i], x, sort)) {
            /* a better hit of a cluster held: it ranks higher, so it
             * moves down the min-heap */
            h[i] = *x;
            sift_down(h, cid, *n, i, sort);
        }
        return;
    }
    if (*n < k) {
        h[*n] = *x;
        cid[*n] = xc;
        sift_up(h, cid, (*n)++, sort);
        return;
    }
    h[0] = *x;
    cid[0] = xc;
    sift_down(h, cid, *n, 0, sort);
}

static int cmp_hits(const void *a, const void *b, void *arg)
{
    const byl_hit *x = a, *y = b;
    int sort = *(const int *)arg;
    if (worse(x, y, sort))
        return 1;
    if (worse(y, x, sort))
        return -1;
    return 0;
}

void byl_topk_sort(byl_hit *h, size_t n, int sort)
{
    if (n > 1)
        qsort_r(h, n, sizeof *h, cmp_hits, &sort);
}
