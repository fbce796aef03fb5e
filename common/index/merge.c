/*
 * merge.c - size-tiered merging: which segments a merge takes, and feeding
 * their live articles back through the writer into one new segment.
 * Not for: committing the merge (writer.c) or the segment format.
 */
#include "index/_writer.h"

#include <string.h>

#include "util/err.h"
#include "util/mem.h"

/* Live articles of a segment reference. */
static uint32_t live(const byl_segref *r) { return r->ndocs - r->ndeleted; }

/* Size tier: segments within a factor of BYL_MERGE_FACTOR of each other
 * share one. */
static int tier(const byl_segref *r)
{
    int t = 0;
    for (uint64_t n = live(r); n >= BYL_MERGE_MIN; n /= BYL_MERGE_FACTOR)
        t++;
    return t;
}

/* What a plan may fill of the inverter's budget: the estimate is a
 * ratio measured on two corpora, and a segment written when the inverter
 * was full (its memory the whole budget) can be estimated a little under
 * it (a Reuters one at 0.99): a plan counting on the whole budget took it
 * with a one-article segment, and wrote two segments for two. */
static uint64_t usable(size_t budget) { return budget - budget / 4; }

uint64_t byl_merge_mem(const byl_segref *r)
{
    if (!r->ndocs)
        return 0;
    /* only the live articles are inverted again */
    return r->size * BYL_MERGE_MEM_RATIO / r->ndocs * live(r) +
           r->size * BYL_MERGE_MEM_RATIO % r->ndocs * live(r) / r->ndocs;
}

/* ascending memory, then position: the small ones first, and a plan
 * that does not depend on how qsort orders equals */
static int by_mem(const void *x, const void *y, const byl_manifest *m)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    uint64_t ma = byl_merge_mem(&m->segs[a]), mb = byl_merge_mem(&m->segs[b]);
    if (ma != mb)
        return ma < mb ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void sort_by_mem(uint32_t *ix, uint32_t n, const byl_manifest *m)
{
    /* insertion sort: a manifest has tens of segments, and qsort has no
     * context argument in C11 */
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && by_mem(&ix[j - 1], &ix[j], m) > 0; j--) {
            uint32_t t = ix[j];
            ix[j] = ix[j - 1];
            ix[j - 1] = t;
        }
}

/* Marks for dropping the longest run of ix[0..n) (in that order) whose
 * memory fits the usable budget, if it holds two segments or more (one segment
 * rewritten alone is as many segments again); returns how many. */
static uint32_t take_fitting(byl_manifest *m, const uint32_t *ix, uint32_t n, size_t budget)
{
    uint64_t sum = 0, cap = usable(budget);
    uint32_t k = 0;
    while (k < n && sum + byl_merge_mem(&m->segs[ix[k]]) <= cap)
        sum += byl_merge_mem(&m->segs[ix[k++]]);
    if (k < 2)
        return 0;
    for (uint32_t i = 0; i < k; i++)
        m->segs[ix[i]].drop = 1;
    return k;
}

/* The size-tiered plan: the smallest tier holding BYL_MERGE_FACTOR
 * segments or more that could be merged, or else a segment more than half
 * deleted, is merged together with the smaller segments, smallest first,
 * as many as the inverter's budget holds at once.  A segment that takes
 * half the (usable) budget or more is never taken: two of them do not fit, and a
 * merge that overflows the budget writes as many segments as it read
 * (review: every add at --mem 32M rewrote all 11 segments into 11, because
 * the guard compared bytes on disk, a fraction of the memory, with the
 * budget).  Fully deleted segments are dropped, which writes nothing. */
static uint32_t plan_tiered(byl_manifest *m, size_t budget, uint32_t *ix)
{
    uint32_t n = 0, chosen = 0;
    for (uint32_t i = 0; i < m->nseg; i++)
        if (m->segs[i].ndocs && !live(&m->segs[i])) {
            m->segs[i].drop = 1;
            chosen++;
        } else if (byl_merge_mem(&m->segs[i]) < usable(budget) / 2) {
            ix[n++] = i;
        }
    sort_by_mem(ix, n, m);
    int top = -1; /* the highest tier that goes in */
    for (int t = 0; t < 16 && top < 0; t++) {
        uint32_t in = 0;
        for (uint32_t i = 0; i < n; i++)
            in += tier(&m->segs[ix[i]]) == t;
        if (in >= BYL_MERGE_FACTOR)
            top = t;
    }
    uint32_t k = 0;
    if (top >= 0) {
        /* the candidates of tiers up to top, still smallest first */
        for (uint32_t i = 0; i < n; i++)
            if (tier(&m->segs[ix[i]]) <= top)
                ix[k++] = ix[i];
        return chosen + take_fitting(m, ix, k, budget);
    }
    for (uint32_t i = 0; i < n; i++)
        if (m->segs[ix[i]].ndeleted * 2 > m->segs[ix[i]].ndocs) {
            /* the half-deleted one first, then the smallest others */
            uint32_t h = ix[i];
            memmove(ix + 1, ix, i * sizeof *ix);
            ix[0] = h;
            return chosen + take_fitting(m, ix, n, budget);
        }
    return chosen;
}

/* Merge everything: every segment with deletions (that is what a merge is
 * asked for) and the smallest clean segments as long as merging them makes
 * fewer segments than it reads: the articles of segments of total memory
 * S stream through the inverter and come out as about ceil(S / budget)
 * segments. */
static uint32_t plan_all(byl_manifest *m, size_t budget, uint32_t *ix)
{
    uint32_t n = 0, chosen = 0;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < m->nseg; i++)
        if (m->segs[i].ndeleted) {
            m->segs[i].drop = 1;
            chosen++;
            sum += byl_merge_mem(&m->segs[i]);
        } else {
            ix[n++] = i;
        }
    sort_by_mem(ix, n, m);
    /* the fewest smallest that save the most segments: 9 one-article
     * segments beside 11 full ones save 8, and so does rewriting all 20
     * into 12, at the cost of every big one */
    uint32_t take = 0;
    uint64_t s = sum, cap = usable(budget);
    int64_t best = 0;
    for (uint32_t k = 1; k <= n; k++) {
        s += byl_merge_mem(&m->segs[ix[k - 1]]);
        int64_t saved = (int64_t)(chosen + k) - (int64_t)((s + cap - 1) / cap);
        if (saved > best) {
            best = saved;
            take = k;
        }
    }
    for (uint32_t i = 0; i < take; i++)
        m->segs[ix[i]].drop = 1;
    return chosen + take;
}

uint32_t byl_merge_plan(byl_manifest *m, size_t budget, int all)
{
    for (uint32_t i = 0; i < m->nseg; i++)
        m->segs[i].drop = 0;
    uint32_t *ix = byl_malloc((m->nseg + 1) * sizeof *ix);
    if (!ix)
        return 0; /* no merge is never wrong */
    uint32_t n = all ? plan_all(m, budget, ix) : plan_tiered(m, budget, ix);
    byl_free(ix);
    return n;
}

int byl_index_writer_merge(byl_index_writer *w, int all, byl_merge_progress progress,
                           void *ctx, uint32_t *merged)
{
    *merged = 0;
    if (w->added || w->deleted || w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own");
    w->merging = 1;
    uint32_t chosen = byl_merge_plan(&w->cur, w->o.mem_budget, all);
    if (chosen < 2) {
        /* one clean segment merges into itself: nothing to do */
        int dirty = 0;
        for (uint32_t i = 0; i < w->nold; i++)
            dirty |= w->cur.segs[i].drop && w->cur.segs[i].ndeleted;
        if (!dirty) {
            for (uint32_t i = 0; i < w->nold; i++)
                w->cur.segs[i].drop = 0;
            return BYL_OK;
        }
    }
    uint64_t total = 0, done = 0;
    for (uint32_t i = 0; i < w->nold; i++)
        if (w->cur.segs[i].drop)
            total += live(&w->cur.segs[i]);
    for (uint32_t i = 0; i < w->nold; i++) {
        /* writer_done may move cur.segs: index, never hold a pointer */
        if (!w->cur.segs[i].drop)
            continue;
        int rc = byl_segref_open(w->dir, &w->cur, &w->cur.segs[i]);
        if (rc)
            return rc;
        uint32_t ndocs = w->cur.segs[i].ndocs;
        for (uint32_t d = 0; d < ndocs; d++) {
            byl_segment *seg = w->cur.segs[i].seg;
            if (byl_segment_is_deleted(seg, d))
                continue;
            byl_stored st;
            if ((rc = byl_segment_stored(seg, d, &st)) != BYL_OK)
                return rc;
            byl_article a = {.id = st.id, .id_len = st.id_len, .title = st.title,
                             .title_len = st.title_len, .body = st.body, .body_len = st.body_len,
                             .author = st.author, .author_len = st.author_len,
                             .source = st.source, .source_len = st.source_len, .url = st.url,
                             .url_len = st.url_len, .tags = st.tags, .tags_len = st.tags_len,
                             .date = st.date, .file = byl_segment_path(seg), .line = 0};
            if ((rc = byl_writer_add(w, &a)) != BYL_OK)
                return rc;
            /* the stored text read is mapped, and counts in the peak
             * resident size that --mem bounds: every 4,096 articles let
             * a merge at --mem 32M peak 13% over it (37.2 MB), beside
             * an inverter already at its budget */
            if ((d & 255) == 255)
                byl_segment_drop_pages(w->cur.segs[i].seg);
            if (progress && (++done & 255) == 0)
                progress(ctx, done, total);
        }
        byl_segment_drop_pages(w->cur.segs[i].seg);
    }
    if (progress)
        progress(ctx, total, total);
    *merged = chosen;
    return BYL_OK;
}
