/*
 * test_topk.c - the top-k heap (query/topk.h) against a sort of every hit:
 * random hits with tied scores, tied and missing dates, each sort order,
 * every k from 0 past the number of hits.
 */
#include <check.h>

#include "check_main.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query/topk.h"

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int sort_order;

/* The order search.h promises, written out apart from topk.c: by date
 * (undated last) when sorting by date, then by score, best first, then by
 * global number. */
static int ref_cmp(const void *pa, const void *pb)
{
    const byl_hit *a = pa, *b = pb;
    if (sort_order != BYL_SORT_SCORE) {
        int ua = a->date == INT64_MIN, ub = b->date == INT64_MIN;
        if (ua != ub)
            return ua - ub;
        if (!ua && a->date != b->date) {
            int older = a->date < b->date ? -1 : 1;
            return sort_order == BYL_SORT_DATE ? older : -older;
        }
    }
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->gdoc < b->gdoc ? -1 : a->gdoc > b->gdoc;
}

START_TEST(test_heap_keeps_the_best_k)
{
    enum { N = 200 };
    byl_hit all[N], ref[N], heap[N + 8];
    for (int round = 0; round < 100; round++) {
        size_t n = 1 + next() % N;
        for (size_t i = 0; i < n; i++) {
            /* few distinct scores and dates: ties everywhere */
            all[i].score = (double)(next() % 7) * 0.5;
            all[i].date = next() % 4 == 0 ? INT64_MIN : (int64_t)(next() % 5) * 86400;
            all[i].gdoc = i * 3 + next() % 3; /* distinct, in no order */
            all[i].ix = all[i].seg = all[i].doc = 0;
        }
        for (size_t i = n; i > 1; i--) { /* offered in a random order */
            size_t j = next() % i;
            byl_hit t = all[i - 1];
            all[i - 1] = all[j];
            all[j] = t;
        }
        for (int sort = BYL_SORT_SCORE; sort <= BYL_SORT_DATE_DESC; sort++) {
            sort_order = sort;
            memcpy(ref, all, n * sizeof *ref);
            qsort(ref, n, sizeof *ref, ref_cmp);
            size_t ks[] = {0, 1, 2, 10, n / 2, n, n + 5};
            for (size_t x = 0; x < sizeof ks / sizeof *ks; x++) {
                size_t k = ks[x], nh = 0;
                for (size_t i = 0; i < n; i++)
                    byl_topk_push(heap, &nh, k, &all[i], sort);
                byl_topk_sort(heap, nh, sort);
                size_t want = k < n ? k : n;
                ck_assert_uint_eq(nh, want);
                for (size_t i = 0; i < nh; i++)
                    ck_assert_msg(heap[i].gdoc == ref[i].gdoc && heap[i].score == ref[i].score,
                                  "round %d sort %d k %zu rank %zu: doc %llu, want %llu", round,
                                  sort, k, i, (unsigned long long)heap[i].gdoc,
                                  (unsigned long long)ref[i].gdoc);
            }
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("topk");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60); /* a loaded machine; the work is well under a second */
    tcase_add_test(tc, test_heap_keeps_the_best_k);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
