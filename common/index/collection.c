/*
 * collection.c - global numbering and summed statistics over several
 * indexes (collection.h).  Not for: anything a query needs beyond that.
 */
#include "index/collection.h"

#include "util/err.h"
#include "util/mem.h"

struct byl_collection {
    byl_index *const *ixs;
    size_t nix;
    byl_cseg *segs;
    size_t nsegs;
    size_t *first; /* per index: its first entry in segs */
    uint64_t ndocs;
    byl_segstats stats;
};

int byl_collection_new(byl_index *const *indexes, size_t n, byl_collection **out)
{
    *out = NULL;
    byl_collection *c = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    c->ixs = indexes;
    c->nix = n;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += byl_index_nsegments(indexes[i]);
    c->segs = byl_calloc(total ? total : 1, sizeof *c->segs);
    c->first = byl_calloc(n ? n : 1, sizeof *c->first);
    if (!c->segs || !c->first) {
        byl_collection_free(c);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    byl_segstats *st = &c->stats;
    st->min_date = st->max_date = BYL_NO_DATE;
    uint64_t base = 0;
    for (size_t i = 0; i < n; i++) {
        const byl_segstats *is = byl_index_stats(indexes[i]);
        if (i && is->title_weight != st->title_weight) {
            byl_collection_free(c);
            return byl_error_set(BYL_EINVAL, "indexes built with different title weights "
                                 "cannot be searched together");
        }
        st->title_weight = is->title_weight;
        st->nterms += is->nterms;
        st->ndeleted += is->ndeleted;
        for (int f = 0; f < BYL_NFIELDS; f++)
            st->total_len[f] += is->total_len[f];
        if (is->min_date != BYL_NO_DATE && (st->min_date == BYL_NO_DATE || is->min_date < st->min_date))
            st->min_date = is->min_date;
        if (is->max_date != BYL_NO_DATE && (st->max_date == BYL_NO_DATE || is->max_date > st->max_date))
            st->max_date = is->max_date;
        c->first[i] = c->nsegs;
        for (size_t j = 0; j < byl_index_nsegments(indexes[i]); j++) {
            byl_cseg *e = &c->segs[c->nsegs++];
            e->seg = byl_index_segment(indexes[i], j);
            e->ix = (uint32_t)i;
            e->segno = (uint32_t)j;
            e->base = base;
            e->ndocs = byl_segment_stats(e->seg)->ndocs;
            base += e->ndocs;
        }
    }
    /* One rule for every user: global numbers fit 32 bits with UINT32_MAX
     * left over to mean "no document". */
    if (base >= UINT32_MAX) {
        byl_collection_free(c);
        return byl_error_set(BYL_ELIMIT, "more than 4 billion articles in all");
    }
    c->ndocs = base;
    st->ndocs = (uint32_t)base;
    *out = c;
    return BYL_OK;
}

void byl_collection_free(byl_collection *c)
{
    if (!c)
        return;
    byl_free(c->segs);
    byl_free(c->first);
    byl_free(c);
}

size_t byl_collection_nindexes(const byl_collection *c) { return c->nix; }
byl_index *byl_collection_index(const byl_collection *c, size_t ix) { return c->ixs[ix]; }
byl_index *const *byl_collection_indexes(const byl_collection *c) { return c->ixs; }
size_t byl_collection_nsegs(const byl_collection *c) { return c->nsegs; }
const byl_cseg *byl_collection_segs(const byl_collection *c) { return c->segs; }
uint64_t byl_collection_ndocs(const byl_collection *c) { return c->ndocs; }
const byl_segstats *byl_collection_stats(const byl_collection *c) { return &c->stats; }
uint64_t byl_collection_nlive(const byl_collection *c) { return c->ndocs - c->stats.ndeleted; }

size_t byl_collection_seg_pos(const byl_collection *c, size_t ix, size_t segno)
{
    return c->first[ix] + segno;
}

uint64_t byl_collection_gdoc(const byl_collection *c, size_t ix, size_t segno, uint32_t doc)
{
    return c->segs[c->first[ix] + segno].base + doc;
}

const byl_cseg *byl_collection_cseg_of(const byl_collection *c, uint64_t gdoc)
{
    if (gdoc >= c->ndocs)
        return NULL;
    /* the last segment whose base is <= gdoc (empty segments share a base
     * with the next; the search lands past them) */
    size_t lo = 0, hi = c->nsegs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->segs[mid].base <= gdoc)
            lo = mid;
        else
            hi = mid;
    }
    return &c->segs[lo];
}

int byl_collection_locate(const byl_collection *c, uint64_t gdoc, uint32_t *ix,
                          uint32_t *segno, uint32_t *doc)
{
    const byl_cseg *e = byl_collection_cseg_of(c, gdoc);
    if (!e)
        return byl_error_set(BYL_ENOTFOUND, "document %llu is past the collection's end",
                             (unsigned long long)gdoc);
    if (ix)
        *ix = e->ix;
    if (segno)
        *segno = e->segno;
    if (doc)
        *doc = (uint32_t)(gdoc - e->base);
    return BYL_OK;
}
