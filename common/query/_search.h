/*
 * _search.h - private to common/query: the searcher's state and what the
 * files of a search share: the driver (search.c), the planner (plan.c,
 * rewrite.c), the cursors (cursor.c), the algorithms (oracle.c,
 * maxscore.c, rerank.c) and the explanations (explain.c).
 *
 * A search runs: plan (byl_plan_build) -> pick the algorithm (MaxScore for
 * a ranked OR of terms and phrases, else the exhaustive oracle) -> feedback
 * pass when asked -> sort the top k.  Errors met on the way are left in
 * s->rc.
 *
 * Not a public interface: nothing outside common/query/ and its tests uses
 * it.
 */
#ifndef BYL_SEARCH_PRIV_H
#define BYL_SEARCH_PRIV_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "index/collection.h"
#include "query/_cursor.h"
#include "query/_plan.h"
#include "query/bm25.h"
#include "query/prf.h"
#include "query/search.h"
#include "query/topk.h"
#include "text/analyzer.h"

struct byl_searcher {
    byl_collection *coll;
    const byl_cseg *segs;        /* the collection's segments, in global order */
    size_t nsegs;
    const byl_segstats *stats;   /* the collection's, summed; or &inj */
    const byl_qstats *qin;       /* injected statistics of the search under way, or NULL */
    byl_qstats *qout;            /* where byl_search_collect notes, or NULL */
    byl_segstats inj;            /* qin's counts, as stats points to while qin is set */
    byl_qstats *qown;            /* byl_search_collect's table, kept for the next */
    byl_bm25 bm;                 /* k1 and b of the search, the average lengths */
    byl_analyzer *an;
    byl_search_opts o;
    int rc;                      /* first error of the search under way */
    uint64_t examined;           /* documents the last search read lengths of */
    uint64_t filtered;           /* ... and passed over by a required list's bitmap */
    uint64_t spared;             /* ... phrases left unread by their word's list */
    uint32_t prefix_cut;         /* prefixes of the last search cut to MAX_PREFIX_TERMS words */
    byl_hit *hits;               /* the top-k heap, then the sorted hits */
    uint32_t *hcid;              /* o.cluster_of: the cluster of each hit of the heap */
    size_t nhits, hits_cap;
    byl_qterm *qterms;
    size_t nqterms, qterms_cap;
    byl_plan *plan;              /* of the last search, for explanations */
    byl_prf *prf;                /* feedback model, made when first needed */
    struct {
        int lower;      /* some word has a lower-case letter: capitals elsewhere are a sign */
        int nwords;     /* words with a letter (at most 2 counted) */
    } qc;               /* how the query of the search being planned is written */
};

/* Recency factor of an article dated `date` (see byl_search_opts). */
static inline double byl_search_decay(const byl_searcher *s, int64_t date)
{
    if (s->o.half_life <= 0)
        return 1.0;
    int64_t now = s->o.now != INT64_MIN ? s->o.now : s->stats->max_date;
    if (date == INT64_MIN)
        date = s->stats->min_date;
    if (now == INT64_MIN || date == INT64_MIN)
        return 1.0;
    double age = (double)now - (double)date;
    if (age < 0)
        age = 0;
    return pow(0.5, age / s->o.half_life);
}

/* The context of the iterators of segment si (_cursor.h), no document's
 * lengths read yet. */
static inline byl_ictx byl_search_ictx(const byl_searcher *s, size_t si)
{
    byl_ictx c = {.bm = &s->bm, .title_weight = s->stats->title_weight, .seg = s->segs[si].seg,
                  .segi = si, .ndocs = s->segs[si].ndocs, .lens_doc = BYL_END};
    return c;
}

/* Offers h to the top-k heap of the search under way, in order sort:
 * one hit per cluster when its options name clusters (o.cluster_of),
 * else every hit for itself.  What every algorithm pushes through. */
static inline void byl_search_push(byl_searcher *s, size_t k, const byl_hit *h, int sort)
{
    if (s->o.cluster_of)
        byl_topk_push_grouped(s->hits, s->hcid, &s->nhits, k, h, sort, s->o.cluster_of,
                              s->o.cluster_ctx);
    else
        byl_topk_push(s->hits, &s->nhits, k, h, sort);
}

/* ---- oracle.c ---- */

/* Scores every document that matches p, segment by segment, into the top-k
 * heap (s->hits, unsorted); every match is counted into *matches and told
 * to o->on_match.  Errors are left in s->rc. */
void byl_oracle_run(byl_searcher *s, const byl_plan *p, const byl_search_opts *o, size_t k,
                    uint64_t *matches);

/* ---- rerank.c ---- */

/* Scores the n candidates cand (hits of an earlier pass, every one a match
 * of p; reordered) with p into the top-k heap (s->hits, not cand).  Errors
 * are left in s->rc. */
void byl_rerank_run(byl_searcher *s, const byl_plan *p, byl_hit *cand, size_t n, size_t k);

/* ---- maxscore.c ---- */

/* Collects the TERM and PHRASE leaves of a ranked OR into out (at most
 * cap); 0 if p is not such a query. */
int byl_maxscore_collect(const byl_plan *p, const byl_plan **out, size_t *n, size_t cap);
/* Adds the top k of segment si by MaxScore to the heap; the documents
 * fully scored, or -1 with s->rc set. */
long byl_maxscore_segment(byl_searcher *s, const byl_plan **leaves, size_t nleaves, size_t si,
                          size_t k);
/* The matches of the leaves' union, each told to o->on_match, unscored. */
uint64_t byl_maxscore_count(byl_searcher *s, const byl_plan **leaves, size_t nleaves,
                            const byl_search_opts *o);

#endif
