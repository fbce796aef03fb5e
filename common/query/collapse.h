/*
 * collapse.h - search results with one article per cluster of
 * near-duplicates (syndicated copies of one story).
 *
 * The clusters themselves are an index-layer structure (index/cluster.h,
 * included here so that callers of byl_collapse_search() have both); this
 * module only collapses a ranking by them.
 *
 * Protocol: byl_clusters_new() once per set of indexes (cluster.h);
 * byl_collapse_search() per query; byl_clusters_free(), which also frees
 * the collapse's working memory kept with the clusters.  Threads sharing
 * one set of clusters: byl_clusters_build() once, before they start; then
 * each thread its own searcher and byl_collapser, and
 * byl_collapser_search() per query (the clusters are only read then).
 *
 * Not for: finding the clusters or their cache (index/cluster.h), ranking
 * (search.h), printing.
 */
#ifndef BYL_COLLAPSE_H
#define BYL_COLLAPSE_H

#include <stddef.h>
#include <stdint.h>

#include "index/cluster.h"
#include "query/search.h"

enum byl_collapse_mode {
    BYL_COLLAPSE_NONE = 0, /* every matching article */
    BYL_COLLAPSE_BEST,     /* per cluster, its best-ranked matching article */
    BYL_COLLAPSE_OLDEST    /* per cluster, its earliest published matching article */
};

/* One result of a collapsed search. */
typedef struct byl_group {
    byl_hit hit;        /* the article shown (with BYL_COLLAPSE_OLDEST, the
                           cluster's oldest match; its score is the cluster's
                           best, which is where the cluster ranks) */
    uint32_t similar;   /* other matching articles of its cluster, hidden */
    uint32_t similar_estimated; /* 1: similar is an estimate (total_bound, and
                                   a cluster too large to test its members) */
} byl_group;

/* Runs q on s (a searcher over the same indexes as c) and collapses the
 * ranking: clusters are ranked where their best-ranked match ranks, and
 * shown by one article (mode BEST or OLDEST; NONE keeps every match, each
 * with similar = 0).  Returns the first k groups in *groups (borrowed,
 * valid until the next call), *ngroups of them, *nclusters the number of
 * clusters among all matches (what --count reports) and *nmatches the
 * matching documents.  Every match is counted (o->count_total is
 * implied); o->on_match is called once per match.  The working memory
 * (a byl_collapser) is kept in c's scratch slot (cluster.h), so one
 * thread at a time collapses with one c.  Errors as byl_search(). */
int byl_collapse_search(byl_clusters *c, byl_searcher *s, const byl_qnode *q,
                        const byl_search_opts *o, int mode, size_t k,
                        const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                        uint64_t *nmatches);

typedef struct byl_collapser byl_collapser;

/* With o->total_bound = N > 0 (search.h), a collapsed search (BEST or
 * OLDEST, no o->on_match, no feedback) does not walk every match: when
 * the query has at most N matches they are all listed and every figure
 * is exact (and when the first N say the matches are fewer than a tenth
 * of the documents and 4,096, they are walked and counted); else
 * *nmatches and *nclusters are estimates (the first N
 * matches in document order, scaled by the share of the documents they
 * span; each of their clusters weighed by 1 / its matching members,
 * counted among its members in the index; both rounded to two significant
 * digits), while the groups, their order, scores and shown articles stay
 * exact, and so do the similar counts (the shown clusters' members are
 * each tested against the query) but for a cluster of more than 20,000
 * members in the index under BEST, whose count is estimated from the
 * sample (similar_estimated).  1 when the last search on c gave estimates. */
int byl_collapser_estimated(const byl_collapser *c);
/* The same for the last byl_collapse_search() with cl. */
int byl_collapse_estimated(const byl_clusters *cl);

/* The working memory of collapsed searches (per-cluster counters, the
 * groups returned): one per thread.  cl is borrowed and must outlive it. */
int byl_collapser_new(byl_clusters *cl, byl_collapser **out);
void byl_collapser_free(byl_collapser *c);

/* byl_collapse_search() with c's working memory: *groups is valid until
 * c's next search.  It builds c's clusters if they are not yet built,
 * which only one thread may do: build them first when threads share them. */
int byl_collapser_search(byl_collapser *c, byl_searcher *s, const byl_qnode *q,
                         const byl_search_opts *o, int mode, size_t k,
                         const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                         uint64_t *nmatches);

/* Shows only the clusters for which keep(ctx, cluster) is 1 (the
 * cluster named by its smallest member's global number, as
 * byl_clusters_of): the others are counted (*nclusters, *nmatches) but
 * never made groups, so a page of k holds the first k kept clusters.
 * keep NULL: every cluster.  For asking a shard about chosen clusters
 * only (byline.h's labels); it stays set for c's later searches. */
void byl_collapser_keep(byl_collapser *c, int (*keep)(void *ctx, uint32_t cluster), void *ctx);

/* The clusters with matches in c's last collapsed search (as many as its
 * *nclusters), in no order, at most cap of them written to out: their
 * number.  Valid until c's next search. */
size_t byl_collapser_touched(const byl_collapser *c, uint32_t *out, size_t cap);

#endif
