/*
 * collapse.c - collapsed rankings: one article per cluster of
 * near-duplicates (index/cluster.h), with the working memory of a
 * collapser (per thread) or kept with the clusters (byl_collapse_search).
 *
 * An exhaustive search counts the matches of each cluster (and keeps its
 * oldest match) through the on_match callback; the ranked hits are then
 * walked, keeping the first hit of each cluster.  The first pass asks for
 * 4k + 32 hits; only when that is not enough to fill k clusters is the
 * query run again for every hit.
 *
 * Not for: finding the clusters (index/cluster.c).
 */
#include "query/collapse.h"

#include "util/err.h"
#include "util/mem.h"

#define SHOWN 0x80000000u

/* The working memory of collapsed searches over one set of clusters;
 * indexed by cluster. */
struct byl_collapser {
    byl_clusters *cl;
    const byl_collection *col;
    const byl_cseg *segs;    /* the collection's segments */
    const uint32_t *root;    /* per document its cluster, for this search
                                (byl_clusters_table) */
    uint32_t *cnt;           /* matches in the cluster, SHOWN once it has a group */
    uint32_t *pick;          /* oldest match */
    int64_t *pick_date;
    uint32_t *touched;       /* clusters with matches */
    size_t ntouched;
    int mode;
    int rc;                  /* first error met in the match callback */
    void (*chain)(void *, uint32_t, uint32_t, uint32_t);
    void *chain_ctx;
    byl_group *groups;
    size_t groups_cap;
};

typedef struct byl_collapser collapser;

int byl_collapser_new(byl_clusters *cl, byl_collapser **out)
{
    collapser *c = *out = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
    c->cl = cl;
    c->col = byl_clusters_collection(cl);
    c->segs = byl_collection_segs(c->col);
    return BYL_OK;
}

void byl_collapser_free(byl_collapser *c)
{
    if (!c)
        return;
    byl_free(c->cnt);
    byl_free(c->pick);
    byl_free(c->pick_date);
    byl_free(c->touched);
    byl_free(c->groups);
    byl_free(c);
}

static void scratch_free(void *p) { byl_collapser_free(p); }

static void on_match(void *ctx, uint32_t ix, uint32_t segno, uint32_t doc)
{
    collapser *c = ctx;
    if (c->chain)
        c->chain(c->chain_ctx, ix, segno, doc);
    const byl_cseg *e = &c->segs[byl_collection_seg_pos(c->col, ix, segno)];
    uint32_t g = (uint32_t)(e->base + doc), cid = c->root[g];
    int64_t date = INT64_MIN;
    if (c->pick && !c->rc &&
        byl_segment_doc_info(e->seg, doc, &date, NULL))
        c->rc = BYL_ECORRUPT;
    if (date == INT64_MIN)
        date = INT64_MAX; /* undated: after every dated article */
    if (!c->cnt[cid]++) {
        c->touched[c->ntouched++] = cid;
        if (c->pick) {
            c->pick[cid] = g;
            c->pick_date[cid] = date;
        }
    } else if (c->pick && date < c->pick_date[cid]) {
        c->pick[cid] = g; /* ties keep the earlier global number */
        c->pick_date[cid] = date;
    }
}

/* Walks hits into groups (at most k). */
static size_t walk(collapser *c, const byl_hit *hits, size_t nhits, size_t k)
{
    size_t ng = 0;
    for (size_t i = 0; i < nhits && ng < k; i++) {
        uint32_t cid = c->root[hits[i].gdoc];
        if (c->cnt[cid] & SHOWN)
            continue;
        c->cnt[cid] |= SHOWN;
        byl_group *gr = &c->groups[ng++];
        gr->hit = hits[i];
        gr->similar = (c->cnt[cid] & ~SHOWN) - 1;
        if (c->mode == BYL_COLLAPSE_OLDEST) {
            if (c->pick[cid] != hits[i].gdoc) {
                gr->hit.gdoc = c->pick[cid];
                byl_clusters_locate(c->cl, gr->hit.gdoc, &gr->hit.ix, &gr->hit.seg, &gr->hit.doc);
            }
            gr->hit.date = c->pick_date[cid] == INT64_MAX ? INT64_MIN : c->pick_date[cid];
        }
    }
    return ng;
}

int byl_collapse_search(byl_clusters *cl, byl_searcher *s, const byl_qnode *q,
                        const byl_search_opts *o, int mode, size_t k,
                        const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                        uint64_t *nmatches)
{
    /* one collapser kept with the clusters, made on first use */
    collapser *c = byl_clusters_scratch(cl);
    if (!c) {
        int rc = byl_collapser_new(cl, &c);
        if (rc) {
            *groups = NULL;
            *ngroups = 0;
            *nclusters = *nmatches = 0;
            return rc;
        }
        byl_clusters_set_scratch(cl, c, scratch_free);
    }
    return byl_collapser_search(c, s, q, o, mode, k, groups, ngroups, nclusters, nmatches);
}

int byl_collapser_search(byl_collapser *c, byl_searcher *s, const byl_qnode *q,
                         const byl_search_opts *o, int mode, size_t k,
                         const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                         uint64_t *nmatches)
{
    *groups = NULL;
    *ngroups = 0;
    *nclusters = *nmatches = 0;
    byl_clusters *cl = c->cl;
    uint64_t ndocs = byl_collection_ndocs(c->col);
    if (k > c->groups_cap) {
        byl_group *g = byl_realloc(c->groups, k * sizeof *g);
        if (!g)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", k);
        c->groups = g;
        c->groups_cap = k;
    }
    byl_search_opts so = *o;
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    int rc;
    if (mode == BYL_COLLAPSE_NONE) {
        so.k = k;
        if ((rc = byl_search(s, q, &so, &hits, &nhits, &total)))
            return rc;
        for (size_t i = 0; i < nhits; i++) {
            c->groups[i].hit = hits[i];
            c->groups[i].similar = 0;
        }
        *groups = c->groups;
        *ngroups = nhits;
        *nclusters = *nmatches = total;
        return BYL_OK;
    }
    if ((rc = byl_clusters_build(cl)))
        return rc;
    c->root = byl_clusters_table(cl);
    size_t n = ndocs ? (size_t)ndocs : 1;
    /* The per-cluster arrays are touched only where a match falls, and
     * every page touched is a page fault: the oldest-member arrays exist
     * only for the mode that reads them (a third of the faults of a
     * one-shot search otherwise). */
    if (!c->cnt) {
        c->cnt = byl_calloc(n, sizeof *c->cnt);
        c->touched = byl_malloc(n * sizeof *c->touched);
        if (!c->cnt || !c->touched) {
            byl_free(c->cnt);
            c->cnt = NULL;
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        }
    }
    if (mode == BYL_COLLAPSE_OLDEST && !c->pick) {
        c->pick = byl_malloc(n * sizeof *c->pick);
        c->pick_date = byl_malloc(n * sizeof *c->pick_date);
        if (!c->pick || !c->pick_date) {
            byl_free(c->pick);
            byl_free(c->pick_date);
            c->pick = NULL;
            c->pick_date = NULL;
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        }
    } else if (mode != BYL_COLLAPSE_OLDEST && c->pick) {
        byl_free(c->pick);
        byl_free(c->pick_date);
        c->pick = NULL;
        c->pick_date = NULL;
    }
    for (size_t i = 0; i < c->ntouched; i++)
        c->cnt[c->touched[i]] = 0;
    c->ntouched = 0;
    c->mode = mode;
    c->rc = BYL_OK;
    c->chain = o->on_match;
    c->chain_ctx = o->on_match_ctx;
    so.count_total = 1;
    so.on_match = on_match;
    so.on_match_ctx = c;
    so.k = k ? 4 * k + 32 : 0;
    rc = byl_search(s, q, &so, &hits, &nhits, &total);
    if (!rc)
        rc = c->rc;
    if (rc)
        return rc;
    size_t ng = walk(c, hits, nhits, k);
    while (ng < k && nhits < total && (uint64_t)nhits < ndocs) {
        /* Too many duplicates near the top: rank eight times deeper, up
         * to every match.  (Ranking every match at once made a search
         * whose top was one large cluster sort a quarter of a million
         * hits at a million articles.)  The count is the first pass's. */
        for (size_t i = 0; i < c->ntouched; i++)
            c->cnt[c->touched[i]] &= ~SHOWN;
        so.on_match = NULL;
        so.count_total = 0;
        so.k = (uint64_t)so.k > total / 8 ? (size_t)total : so.k * 8;
        uint64_t scored;
        if ((rc = byl_search(s, q, &so, &hits, &nhits, &scored)))
            return rc;
        ng = walk(c, hits, nhits, k);
    }
    *groups = c->groups;
    *ngroups = ng;
    *nclusters = c->ntouched;
    *nmatches = total;
    return BYL_OK;
}
