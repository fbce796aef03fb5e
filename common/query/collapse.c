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
/* A per-document array this large comes from fresh zero pages (malloc maps
 * it), so only the pages a match falls on cost a fault; a smaller one comes
 * from the heap and is cleared whole, every page touched (21 page faults of
 * a Reuters search's ~150), so below this size the table grows until the
 * next one (2 cap slots of 8 bytes) would be half the array (of 3 rules
 * tried on Reuters, this one saved 12-16 faults on searches of 500-3,000
 * matches and added none on larger ones). */
#define DENSE_MAPPED ((size_t)1 << 20)

/* The working memory of collapsed searches over one set of clusters;
 * indexed by cluster. */
struct byl_collapser {
    byl_clusters *cl;
    const byl_collection *col;
    const byl_cseg *segs;    /* the collection's segments */
    const uint32_t *root;    /* per document its cluster, for this search
                                (byl_clusters_table) */
    /* The clusters with matches, in an open-addressing table of cap slots
     * (a power of two, at most half full) sized by the matches, not by the
     * documents: a dense array per document made every page of it that a
     * match fell on a page fault (a thousand for a search of 16,000
     * matches at a million articles).  When the table would outgrow that
     * array, it becomes the array: slot = cluster, key NULL, cnt 0 empty. */
    uint32_t *key;           /* cluster + 1 per slot, 0 empty; NULL when dense */
    uint32_t *cnt;           /* matches in the cluster, SHOWN once it has a group */
    uint32_t *pick;          /* oldest match (mode OLDEST only) */
    int64_t *pick_date;
    size_t cap;              /* slots (documents when dense) */
    int shift;               /* 64 - log2(cap) */
    size_t ndocs;
    size_t ntouched;         /* clusters with matches (slots in use) */
    int mode;
    int rc;                  /* first error met in the match callback */
    void (*chain)(void *, uint32_t, uint32_t, uint32_t);
    void *chain_ctx;
    byl_group *groups;
    size_t groups_cap;
    size_t *shown;           /* the slot of each group, so that a deeper
                                round unmarks k slots, not the table */
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
    byl_free(c->key);
    byl_free(c->cnt);
    byl_free(c->pick);
    byl_free(c->pick_date);
    byl_free(c->groups);
    byl_free(c->shown);
    byl_free(c);
}

static void scratch_free(void *p) { byl_collapser_free(p); }

/* Whether slot i holds a cluster. */
static int used(const collapser *c, size_t i) { return c->key ? c->key[i] != 0 : c->cnt[i] != 0; }

/* The slot of cluster cid: where it is, or the empty one where it goes. */
static size_t slot_of(const collapser *c, uint32_t cid)
{
    if (!c->key)
        return cid;
    /* Fibonacci hashing: the product's top bits, which depend on all of
     * cid's (its low bits would keep clusters alike in their low bits
     * together) */
    size_t m = c->cap - 1, i = (size_t)(((uint64_t)cid * 0x9E3779B97F4A7C15ull) >> c->shift);
    while (c->key[i] && c->key[i] != cid + 1)
        i = (i + 1) & m;
    return i;
}

/* (Re)makes the table with cap slots (dense: one per document), empty, or
 * holding what the old one held.  BYL_OK or BYL_ENOMEM (the old table
 * kept). */
static int table_resize(collapser *c, size_t cap, int dense)
{
    int pick = c->mode == BYL_COLLAPSE_OLDEST;
    uint32_t *key = dense ? NULL : byl_calloc(cap, sizeof *key);
    uint32_t *cnt = dense ? byl_calloc(cap, sizeof *cnt) : byl_malloc(cap * sizeof *cnt);
    uint32_t *pk = pick ? byl_malloc(cap * sizeof *pk) : NULL;
    int64_t *pd = pick ? byl_malloc(cap * sizeof *pd) : NULL;
    if ((!dense && !key) || !cnt || (pick && (!pk || !pd))) {
        byl_free(key);
        byl_free(cnt);
        byl_free(pk);
        byl_free(pd);
        return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
    }
    collapser old = *c;
    c->key = key;
    c->cnt = cnt;
    c->pick = pk;
    c->pick_date = pd;
    c->cap = cap;
    c->shift = 64;
    for (size_t k = cap; k > 1; k >>= 1)
        c->shift--;
    for (size_t i = 0; old.cnt && i < old.cap; i++) {
        if (!used(&old, i))
            continue;
        uint32_t cid = old.key ? old.key[i] - 1 : (uint32_t)i;
        size_t j = slot_of(c, cid);
        if (key)
            key[j] = cid + 1;
        cnt[j] = old.cnt[i];
        if (pick && old.pick) {
            pk[j] = old.pick[i];
            pd[j] = old.pick_date[i];
        }
    }
    byl_free(old.key);
    byl_free(old.cnt);
    byl_free(old.pick);
    byl_free(old.pick_date);
    return BYL_OK;
}

static void on_match(void *ctx, uint32_t ix, uint32_t segno, uint32_t doc)
{
    collapser *c = ctx;
    if (c->chain)
        c->chain(c->chain_ctx, ix, segno, doc);
    if (c->rc)
        return;
    const byl_cseg *e = &c->segs[byl_collection_seg_pos(c->col, ix, segno)];
    uint32_t g = (uint32_t)(e->base + doc), cid = c->root[g];
    if (cid > g)
        cid = g; /* a damaged cache (byl_clusters_table) */
    int64_t date = INT64_MIN;
    if (c->pick && byl_segment_doc_info(e->seg, doc, &date, NULL)) {
        c->rc = BYL_ECORRUPT;
        return;
    }
    if (date == INT64_MIN)
        date = INT64_MAX; /* undated: after every dated article */
    size_t i = slot_of(c, cid);
    if (!used(c, i)) {
        if (c->key && 2 * (c->ntouched + 1) > c->cap) {
            /* the array once the next table (2 cap slots of 8 bytes) would
             * be an eighth of its 4 bytes a document: the tables before it
             * cost their pages too (at a million articles, of 4 thresholds
             * tried this one faulted least on 16,000, 263,000 and 800,000
             * matches) */
            int dense = 4 * c->ndocs >= DENSE_MAPPED ? 32 * c->cap >= c->ndocs
                                                      : 8 * c->cap >= c->ndocs;
            if ((c->rc = table_resize(c, dense ? c->ndocs : 2 * c->cap, dense)))
                return;
            i = slot_of(c, cid);
        }
        if (c->key)
            c->key[i] = cid + 1;
        c->cnt[i] = 1;
        c->ntouched++;
        if (c->pick) {
            c->pick[i] = g;
            c->pick_date[i] = date;
        }
    } else {
        c->cnt[i]++;
        if (c->pick && date < c->pick_date[i]) {
            c->pick[i] = g; /* ties keep the earlier global number */
            c->pick_date[i] = date;
        }
    }
}

/* Walks hits into groups (at most k). */
static size_t walk(collapser *c, const byl_hit *hits, size_t nhits, size_t k)
{
    size_t ng = 0;
    for (size_t i = 0; i < nhits && ng < k; i++) {
        /* every hit matched, so its cluster has a slot */
        uint32_t r = c->root[hits[i].gdoc];
        size_t cid = slot_of(c, r <= hits[i].gdoc ? r : (uint32_t)hits[i].gdoc);
        if (!used(c, cid) || (c->cnt[cid] & SHOWN))
            continue;
        c->cnt[cid] |= SHOWN;
        c->shown[ng] = cid;
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
        if (g)
            c->groups = g;
        size_t *sh = g ? byl_realloc(c->shown, k * sizeof *sh) : NULL;
        if (!sh)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", k);
        c->shown = sh;
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
    /* a fresh table per search, in the mode's shape: small at first */
    c->mode = mode;
    byl_free(c->key);
    byl_free(c->cnt);
    byl_free(c->pick);
    byl_free(c->pick_date);
    c->key = c->cnt = c->pick = NULL;
    c->pick_date = NULL;
    c->cap = c->ntouched = 0;
    c->ndocs = ndocs ? (size_t)ndocs : 1;
    int dense = c->ndocs <= 1024; /* a small index: the array from the start */
    if ((rc = table_resize(c, dense ? c->ndocs : 1024, dense)))
        return rc;
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
        for (size_t i = 0; i < ng; i++)
            c->cnt[c->shown[i]] &= ~SHOWN;
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
