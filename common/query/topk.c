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

void byl_topk_push(byl_hit *h, size_t *n, size_t k, const byl_hit *x, int sort)
{
    if (k == 0)
        return; /* nothing is kept: h may have no room at all */
    if (*n < k) {
        size_t i = (*n)++;
        h[i] = *x;
        while (i && worse(&h[i], &h[(i - 1) / 2], sort)) {
            byl_hit t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        return;
    }
    if (!worse(&h[0], x, sort))
        return;
    h[0] = *x;
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && worse(&h[l], &h[m], sort))
            m = l;
        if (r < *n && worse(&h[r], &h[m], sort))
            m = r;
        if (m == i)
            break;
        byl_hit t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
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
