/*
 * labels.c - byline.h's near-duplicates across shards: the sketches of a
 * collection's live articles, their clusters computed over any set of
 * sketches (the shards' together), cluster labels given to searches
 * (byline_labels) and the labelled collapsed search that byline_search
 * takes when o->labels is set, with the labels of every match it met.
 *
 * The clustering is index/cluster.c's own (byl_clusters_components), and
 * a labelled search is query/collapse.c's over a cluster table made from
 * the labels, so a shard collapses exactly as one index does, by the
 * clusters of all the shards.
 *
 * Not for: carrying labels between machines or keeping them in files
 * (the caller's: cluster/), the collection's own clusters (search.c).
 */
#include <stdlib.h>
#include <string.h>

#include "api/_api.h"
#include "index/cluster.h"
#include "index/fingerprint.h"
#include "util/err.h"
#include "util/mem.h"

_Static_assert(BYLINE_SKETCH_BYTES == BYL_FP_REC, "byline.h's sketch is fingerprint.h's record");

uint64_t byline_collection_docs(const byline_collection *c)
{
    return c ? byl_collection_ndocs(c->coll) : 0;
}

int byline_index_generation(const byline_collection *c, size_t i, uint64_t *out)
{
    if (!c || !out || i >= c->n)
        return byl_error_set(BYL_EINVAL, "byline_index_generation: no index %zu", i);
    /* fixed once opened: reading it does not disturb the claimant */
    *out = byl_index_generation(c->ix[i]);
    return BYL_OK;
}

int byline_sketches(byline_searcher *s, uint64_t **docs, uint8_t **sketches, size_t *n)
{
    if (docs)
        *docs = NULL;
    if (sketches)
        *sketches = NULL;
    if (n)
        *n = 0;
    if (!s || !docs || !sketches || !n)
        return byl_error_set(BYL_EINVAL, "byline_sketches: NULL argument");
    byl_api_reset_hits(s);
    byl_clusters *cl;
    int rc = byl_api_clusters(s, &cl);
    if (rc)
        return rc;
    const byl_collection *col = byl_clusters_collection(cl);
    const byl_cseg *segs = byl_collection_segs(col);
    size_t nsegs = byl_collection_nsegs(col), live = 0;
    for (size_t si = 0; si < nsegs; si++)
        for (uint32_t d = 0; d < segs[si].ndocs; d++)
            live += !byl_segment_is_deleted(segs[si].seg, d);
    uint64_t *dv = byl_malloc((live ? live : 1) * sizeof *dv);
    uint8_t *sv = byl_malloc((live ? live : 1) * BYL_FP_REC);
    if (!dv || !sv) {
        byl_free(dv);
        byl_free(sv);
        return byl_error_set(BYL_ENOMEM, "out of memory for %zu sketches", live);
    }
    size_t k = 0;
    for (size_t si = 0; si < nsegs && !rc; si++) {
        const byl_cseg *e = &segs[si];
        for (uint32_t d = 0; d < e->ndocs && !rc; d++) {
            if (byl_segment_is_deleted(e->seg, d))
                continue;
            const uint8_t *r;
            if ((rc = byl_segment_fingerprint(e->seg, d, &r)))
                break;
            dv[k] = e->base + d;
            memcpy(sv + k * BYL_FP_REC, r, BYL_FP_REC);
            k++;
        }
    }
    if (rc) {
        byl_free(dv);
        byl_free(sv);
        return rc;
    }
    *docs = dv;
    *sketches = sv;
    *n = k;
    return BYL_OK;
}

int byline_sketch_clusters(const uint8_t *sketches, size_t n, uint32_t **labels)
{
    if (labels)
        *labels = NULL;
    if (!labels || (!sketches && n))
        return byl_error_set(BYL_EINVAL, "byline_sketch_clusters: NULL argument");
    if (n >= UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "%zu sketches: at most 2^32-2 are clustered at once", n);
    byl_fp_rule rule;
    byl_fp_rule_init(&rule);
    const uint8_t **rec = byl_malloc((n ? n : 1) * sizeof *rec);
    uint32_t *out = byl_malloc((n ? n : 1) * sizeof *out);
    if (!rec || !out) {
        byl_free(rec);
        byl_free(out);
        return byl_error_set(BYL_ENOMEM, "out of memory for %zu sketches", n);
    }
    /* as cluster.c's compute(): a body too short is no node */
    for (size_t i = 0; i < n; i++) {
        const uint8_t *r = sketches + i * BYL_FP_REC;
        rec[i] = byl_fp_count(r) >= rule.min_shingles ? r : NULL;
    }
    int rc = byl_clusters_components(rec, n, &rule, out);
    byl_free(rec);
    if (rc) {
        byl_free(out);
        return rc;
    }
    *labels = out;
    return BYL_OK;
}

void byline_labels_free(byline_labels *l)
{
    if (!l)
        return;
    byl_free(l->label);
    byl_free(l->root);
    byl_free(l);
}

int byline_labels_new(const uint32_t *labels, size_t n, byline_labels **out)
{
    if (out)
        *out = NULL;
    if (!out || (!labels && n))
        return byl_error_set(BYL_EINVAL, "byline_labels_new: NULL argument");
    if (n >= UINT32_MAX)
        return byl_error_set(BYL_EINVAL, "byline_labels_new: %zu labels, at most 2^32-2", n);
    byline_labels *l = byl_calloc(1, sizeof *l);
    size_t cap = 2;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slot = byl_calloc(cap, sizeof *slot); /* first number + 1 of a label, 0 empty */
    if (l) {
        l->n = n;
        l->label = byl_malloc((n ? n : 1) * sizeof *l->label);
        l->root = byl_malloc((n ? n : 1) * sizeof *l->root);
    }
    if (!l || !slot || !l->label || !l->root) {
        byl_free(slot);
        byline_labels_free(l);
        return byl_error_set(BYL_ENOMEM, "out of memory for %zu labels", n);
    }
    if (n)
        memcpy(l->label, labels, n * sizeof *labels);
    /* the cluster of article d is the first article of its label: the
     * table that query/collapse.c reads (cluster.h's convention) */
    int shift = 64;
    for (size_t k = cap; k > 1; k >>= 1)
        shift--;
    for (size_t d = 0; d < n; d++) {
        size_t i = (size_t)(((uint64_t)labels[d] * 0x9E3779B97F4A7C15ull) >> shift);
        while (slot[i] && labels[slot[i] - 1] != labels[d])
            i = (i + 1) & (cap - 1);
        if (!slot[i])
            slot[i] = (uint32_t)d + 1;
        l->root[d] = slot[i] - 1;
    }
    byl_free(slot);
    *out = l;
    return BYL_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* o->only holds the cluster's label (collapse.c's keep filter). */
static int keep_only(void *ctx, uint32_t cluster)
{
    const byline_searcher *s = ctx;
    uint32_t lab = s->keep_lab->label[cluster];
    return bsearch(&lab, s->only, s->nonly, sizeof lab, cmp_u32) != NULL;
}

int byl_api_labelled_search(byline_searcher *s, const byl_qnode *q, const byl_search_opts *so,
                            const byline_search_opts *o, size_t want, const byl_group **g,
                            size_t *ng, uint64_t *nclusters, uint64_t *nmatches)
{
    const byline_labels *lab = o->labels;
    s->has_mlabels = 0;
    s->nmlabels = 0;
    if (o->nonly && !o->only)
        return byl_error_set(BYL_EINVAL, "byline_search: nonly %zu but no only", o->nonly);
    for (size_t i = 1; i < o->nonly; i++)
        if (o->only[i] <= o->only[i - 1])
            return byl_error_set(BYL_EINVAL, "byline_search: only must be ascending");
    int rc = BYL_OK;
    if (!s->lcl && (rc = byl_clusters_new(s->ix, s->c->n, NULL, &s->lcl)))
        return rc;
    if (!s->lcoll && (rc = byl_collapser_new(s->lcl, &s->lcoll)))
        return rc;
    uint64_t ndocs = byl_clusters_ndocs(s->lcl);
    if (lab->n != ndocs)
        return byl_error_set(BYL_EINVAL, "byline_search: labels for %zu articles, but the "
                             "collection numbers %llu (labels of another state of it?)",
                             lab->n, (unsigned long long)ndocs);
    byl_clusters_use_table(s->lcl, lab->root);
    s->keep_lab = lab;
    s->only = o->only;
    s->nonly = o->nonly;
    byl_collapser_keep(s->lcoll, o->only ? keep_only : NULL, s);
    rc = byl_collapser_search(s->lcoll, s->s, q, so, o->collapse, want, g, ng, nclusters,
                              nmatches);
    if (rc)
        return rc;
    /* the labels of every match: one per cluster met, a label per cluster
     * (the table was made from the labels) */
    if (*nclusters > s->mlabels_cap) {
        uint32_t *m = byl_realloc(s->mlabels, (size_t)*nclusters * sizeof *m);
        if (!m)
            return byl_error_set(BYL_ENOMEM, "out of memory for %llu labels",
                                 (unsigned long long)*nclusters);
        s->mlabels = m;
        s->mlabels_cap = (size_t)*nclusters;
    }
    size_t n = byl_collapser_touched(s->lcoll, s->mlabels, s->mlabels_cap);
    for (size_t i = 0; i < n; i++)
        s->mlabels[i] = lab->label[s->mlabels[i]];
    qsort(s->mlabels, n, sizeof *s->mlabels, cmp_u32);
    s->nmlabels = n;
    s->has_mlabels = 1;
    return BYL_OK;
}

int byline_search_labels(const byline_searcher *s, const uint32_t **labels, size_t *n)
{
    if (labels)
        *labels = NULL;
    if (n)
        *n = 0;
    if (!s || !labels || !n)
        return byl_error_set(BYL_EINVAL, "byline_search_labels: NULL argument");
    if (!s->has_mlabels)
        return byl_error_set(BYL_EINVAL, "byline_search_labels: the last search did not "
                             "collapse by labels");
    *labels = s->mlabels;
    *n = s->nmlabels;
    return BYL_OK;
}
