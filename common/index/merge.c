/*
 * merge.c - size-tiered merging: which segments a merge takes, and feeding
 * their live articles back through the writer into one new segment.
 * Not for: committing the merge (writer.c) or the segment format.
 */
#include "index/_writer.h"

#include "util/err.h"

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

/* Chooses what a size-tiered policy merges: the smallest tier holding
 * BYL_MERGE_FACTOR segments or more, plus every segment more than half
 * deleted.  Segments of half the inverter's budget or more are left out of
 * the tiers: a merge writes at most that much per segment, so merging them
 * would only write as many segments again (and a full tier would be
 * re-indexed on every add).  Returns the number chosen (marked drop). */
static uint32_t plan_tiered(byl_manifest *m, size_t budget)
{
    uint32_t chosen = 0;
    for (int t = 0; t < 16 && !chosen; t++) {
        uint32_t n = 0;
        for (uint32_t i = 0; i < m->nseg; i++)
            n += tier(&m->segs[i]) == t && m->segs[i].size < budget / 2;
        if (n < BYL_MERGE_FACTOR)
            continue;
        for (uint32_t i = 0; i < m->nseg; i++)
            if (tier(&m->segs[i]) == t && m->segs[i].size < budget / 2) {
                m->segs[i].drop = 1;
                chosen++;
            }
    }
    for (uint32_t i = 0; i < m->nseg; i++)
        if (!m->segs[i].drop && m->segs[i].ndeleted * 2 > m->segs[i].ndocs) {
            m->segs[i].drop = 1;
            chosen++;
        }
    return chosen;
}

int byl_index_writer_merge(byl_index_writer *w, int all, byl_merge_progress progress,
                           void *ctx, uint32_t *merged)
{
    *merged = 0;
    if (w->added || w->deleted || w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own");
    w->merging = 1;
    uint32_t chosen = 0;
    if (all) {
        int worth = w->nold > 1 || (w->nold == 1 && w->cur.segs[0].ndeleted);
        for (uint32_t i = 0; worth && i < w->nold; i++, chosen++)
            w->cur.segs[i].drop = 1;
    } else {
        chosen = plan_tiered(&w->cur, w->o.mem_budget);
    }
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
            if ((d & 4095) == 4095)
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
