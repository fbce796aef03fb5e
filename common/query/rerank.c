/*
 * rerank.c - scores a given set of candidate documents with a plan: the
 * second pass of feedback when it ranks again only the first pass's best
 * (byl_search_opts.prf_depth), not every match.
 *
 * Each candidate must match the plan (feedback's plan requires the query
 * the candidates were found by).  Candidates are taken segment by segment
 * in document order, so one iterator per segment moves forward only: the
 * cost is one advance per candidate, not one per match.  A candidate is
 * scored exactly as the oracle would score it (the same iterator's score).
 *
 * Not for: finding documents (oracle.c, maxscore.c) or choosing between
 * this and a full second pass (search.c).
 */
#include "query/_search.h"

#include <stdlib.h>

#include "query/_cursor.h"
#include "query/topk.h"
#include "util/err.h"

static int by_gdoc(const void *a, const void *b)
{
    const byl_hit *x = a, *y = b;
    return x->gdoc < y->gdoc ? -1 : x->gdoc > y->gdoc;
}

/* Scores the n candidates cand (their ix, seg, doc and gdoc; reordered
 * here) with plan p into the top-k heap (s->hits, which must not be cand).
 * A candidate p does not match is reported (BYL_ECORRUPT, with a
 * message), never dropped silently.  Errors are left in s->rc. */
void byl_rerank_run(byl_searcher *s, const byl_plan *p, byl_hit *cand, size_t n, size_t k)
{
    qsort(cand, n, sizeof *cand, by_gdoc);
    size_t i = 0;
    for (size_t si = 0; si < s->nsegs && i < n && !s->rc; si++) {
        uint32_t ix = s->segs[si].ix, segno = s->segs[si].segno;
        size_t j = i;
        while (j < n && cand[j].ix == ix && cand[j].seg == segno)
            j++;
        if (j == i)
            continue;
        byl_ictx c = byl_search_ictx(s, si);
        byl_arena a = {0};
        byl_iter *root = byl_iter_new(&c, &a, p);
        if (!root && !c.rc)
            c.rc = byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        for (; root && i < j && !c.rc; i++) {
            byl_hit h = cand[i];
            uint32_t d = root->doc < h.doc ? root->advance(root, h.doc) : root->doc;
            if (c.rc)
                break;
            if (d != h.doc) {
                c.rc = byl_error_set(BYL_ECORRUPT, "feedback: document %u of segment %u does not "
                                     "match the query it was found by", h.doc, segno);
                break;
            }
            h.score = root->score(root);
            byl_search_push(s, k, &h, BYL_SORT_SCORE);
        }
        if (c.rc)
            s->rc = c.rc;
        byl_arena_free(&a);
        i = j;
    }
    if (i < n && !s->rc)
        s->rc = byl_error_set(BYL_ECORRUPT, "feedback: a document of the first pass is in no "
                              "segment searched");
}
