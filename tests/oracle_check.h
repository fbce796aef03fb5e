/*
 * oracle_check.h - one query run by the exhaustive oracle and by the fast
 * path (MaxScore), compared: the same top k with the same scores, and the
 * exact count.  Shared by the suites that check a fast path (PISA's rule:
 * every fast path against an exhaustive oracle).
 *
 * Not for: feedback or collapse, whose second passes have checks of their
 * own (test_search.c).
 */
#ifndef BYL_TEST_ORACLE_CHECK_H
#define BYL_TEST_ORACLE_CHECK_H

#include <check.h>
#include <math.h>
#include <string.h>

#include "query/parser.h"
#include "query/search.h"
#include "util/err.h"

/* Runs q by the oracle, then by the fast path twice: with the exact count
 * (it must equal the oracle's) and without it.  Both times the hits are
 * the oracle's, scores within tol (relative), two documents of the same
 * score in either order.  Returns 1 when the pass without the count scored
 * fewer documents than match: the fast path pruned.  k is at most 10. */
static inline int oracle_agrees(byl_searcher *s, const char *q, size_t k, double tol)
{
    ck_assert_uint_le(k, 10);
    byl_qnode *node;
    ck_assert_int_eq(byl_query_parse(q, strlen(q), &node), BYL_OK);
    byl_search_opts so;
    byl_search_opts_init(&so);
    so.exhaustive = 1;
    so.k = k;
    so.prf_docs = 0; /* feedback's second pass is exhaustive: MaxScore alone here */
    const byl_hit *hits;
    size_t nh, no;
    uint64_t total, ototal;
    byl_hit oracle[10];
    ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &ototal), BYL_OK);
    no = nh;
    memcpy(oracle, hits, nh * sizeof *hits);
    so.exhaustive = 0;
    for (int pass = 0; pass < 2; pass++) {
        ck_assert_int_eq(byl_search(s, node, &so, &hits, &nh, &total), BYL_OK);
        if (!pass)
            ck_assert_msg(total == ototal, "%s: %llu matches counted, oracle %llu", q,
                          (unsigned long long)total, (unsigned long long)ototal);
        ck_assert_msg(nh == no, "%s: %zu hits, oracle %zu", q, nh, no);
        for (size_t i = 0; i < nh; i++) {
            ck_assert_msg(fabs(hits[i].score - oracle[i].score) <= tol * fmax(1.0, oracle[i].score),
                          "%s rank %zu: fast %.12f, oracle %.12f", q, i + 1, hits[i].score,
                          oracle[i].score);
            /* a tie may order two documents either way; anything else not */
            int same = hits[i].gdoc == oracle[i].gdoc;
            for (size_t j = 0; j < no && !same; j++)
                same = hits[i].gdoc == oracle[j].gdoc &&
                       fabs(oracle[j].score - hits[i].score) <= tol * fmax(1.0, hits[i].score);
            ck_assert_msg(same, "%s rank %zu: fast doc %llu, oracle %llu", q, i + 1,
                          (unsigned long long)hits[i].gdoc, (unsigned long long)oracle[i].gdoc);
        }
        so.count_total = 0;
    }
    byl_qnode_free(node);
    return total < ototal;
}

#endif
