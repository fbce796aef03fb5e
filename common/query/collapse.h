/*
 * collapse.h - clusters of near-duplicate articles (syndicated copies of
 * one story) and search results with one article per cluster.
 *
 * Clusters are derived when a searcher needs them, from the sketches every
 * segment stores (index/fingerprint.h), over the live documents of all the
 * indexes searched: two live documents whose sketches are close under the
 * rule are linked, and a cluster is a connected component of those links.
 * Nothing about clusters is written at index time, so clusters are right
 * for any set of segments (an index grown by several runs of byline-index,
 * several indexes searched together) and any deletions: a deleted document
 * is simply not a node, and a chain that ran through it breaks.  Candidate
 * pairs come from LSH bands (each band a 16-bit key of two sketch bins),
 * bucketed by a counting sort per band: O(bands x documents) time, 4 bytes
 * per document for the cluster table.
 *
 * Computing clusters costs a pass over every sketch (about 24 ms for
 * Reuters' 21,578 articles), so byline-index saves them per index
 * generation after every change (byl_clusters_save) and a search of one
 * index reads them back; several indexes searched together, or a missing or
 * stale cache, fall back to computing.
 *
 * Protocol: byl_clusters_new() once per set of indexes (it does nothing
 * until first used); byl_collapse_search() per query, or byl_clusters_of()
 * / byl_clusters_members() for one article; byl_clusters_free().
 *
 * Not for: computing sketches or the closeness rule (index/fingerprint.h),
 * ranking (search.h), printing.
 */
#ifndef BYL_COLLAPSE_H
#define BYL_COLLAPSE_H

#include <stddef.h>
#include <stdint.h>

#include "index/fingerprint.h"
#include "index/index.h"
#include "query/search.h"

enum byl_collapse_mode {
    BYL_COLLAPSE_NONE = 0, /* every matching article */
    BYL_COLLAPSE_BEST,     /* per cluster, its best-ranked matching article */
    BYL_COLLAPSE_OLDEST    /* per cluster, its earliest published matching article */
};

typedef struct byl_clusters byl_clusters;

/* Clusters over indexes[0..n-1] (borrowed; must outlive it), numbered like
 * a searcher over the same array (byl_hit.gdoc).  rule NULL: the default
 * rule (copied).  BYL_OK or BYL_ENOMEM. */
int byl_clusters_new(byl_index *const *indexes, size_t n, const byl_fp_rule *rule,
                     byl_clusters **out);
void byl_clusters_free(byl_clusters *c);

/* Finds the clusters if not done yet.  BYL_OK, BYL_ECORRUPT (a damaged
 * sketch page), BYL_ENOMEM. */
int byl_clusters_build(byl_clusters *c);

/* Writes the clusters of a single index (default rule) as the cache
 * "NNNNNN.clusters" of its generation, computing them; nothing if that
 * cache exists and is intact (a damaged one is written over).  Searches of that generation then read the cache instead of
 * computing clusters (about 1.1 us per article).  byline-index calls this
 * after every change it commits.  BYL_OK, BYL_EIO, BYL_ENOMEM, BYL_EINVAL. */
int byl_clusters_save(byl_clusters *c);

/* Checks the cache of a single index's generation: BYL_OK when it is there
 * and intact (then loaded), BYL_ENOTFOUND when there is none, BYL_ECORRUPT
 * (message names the file) when it is damaged. */
int byl_clusters_check_cache(byl_clusters *c);

/* The cluster of a document (by global number): the smallest global
 * number of its members.  A document with no close neighbour is its own
 * cluster.  Needs byl_clusters_build(). */
uint32_t byl_clusters_of(const byl_clusters *c, uint64_t gdoc);

/* Documents in all. */
uint64_t byl_clusters_ndocs(const byl_clusters *c);

/* The live members of gdoc's cluster, gdoc included, in global order.
 * *members is allocated with byl_malloc (caller frees).  Builds the
 * clusters if needed.  BYL_OK, BYL_ENOMEM, BYL_ECORRUPT. */
int byl_clusters_members(byl_clusters *c, uint64_t gdoc, uint64_t **members, size_t *n);

/* Where a global document lives: index, segment within it, local number. */
void byl_clusters_locate(const byl_clusters *c, uint64_t gdoc, uint32_t *ix, uint32_t *seg,
                         uint32_t *doc);

/* One result of a collapsed search. */
typedef struct byl_group {
    byl_hit hit;        /* the article shown (with BYL_COLLAPSE_OLDEST, the
                           cluster's oldest match; its score is the cluster's
                           best, which is where the cluster ranks) */
    uint32_t similar;   /* other matching articles of its cluster, hidden */
} byl_group;

/* Runs q on s (a searcher over the same indexes as c) and collapses the
 * ranking: clusters are ranked where their best-ranked match ranks, and
 * shown by one article (mode BEST or OLDEST; NONE keeps every match, each
 * with similar = 0).  Returns the first k groups in *groups (borrowed,
 * valid until the next call), *ngroups of them, *nclusters the number of
 * clusters among all matches (what --count reports) and *nmatches the
 * matching documents.  Every match is counted (o->count_total is
 * implied); o->on_match is called once per match.  Errors as
 * byl_search(). */
int byl_collapse_search(byl_clusters *c, byl_searcher *s, const byl_qnode *q,
                        const byl_search_opts *o, int mode, size_t k,
                        const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                        uint64_t *nmatches);

#endif
