/*
 * resolve.c - one article per id: the deletions a change makes, asked for
 * (byl_index_writer_delete) or implied (an id added again replaces the
 * older article), found through the id terms of the segments.
 * Not for: writing the deletion files (deletes.c, writer.c) or committing
 * (writer.c).
 */
#include "index/_writer.h"

#include <string.h>

#include "index/deletes.h"
#include "index/idkey.h"
#include "util/err.h"
#include "util/mem.h"

/* Marks document doc of r deleted in this change. */
static int mark(byl_index_writer *w, byl_segref *r, uint32_t doc)
{
    if (!r->pending && byl_dels_new(r->ndocs, &r->pending))
        return BYL_ENOMEM;
    w->deleted += (uint64_t)byl_dels_mark(r->pending, doc);
    return BYL_OK;
}

/* Whether document doc of seg has the id (idlen bytes); for a hashed id
 * key, which two long ids could in theory share (idkey.h). */
static int has_id(byl_segment *seg, uint32_t doc, const char *id, size_t idlen, int *rc)
{
    const char *got;
    size_t len;
    if ((*rc = byl_segment_doc_id(seg, doc, &got, &len)) != BYL_OK)
        return 0;
    return len == idlen && memcmp(got, id, len) == 0;
}

/* Marks every live document of r whose id key is key, and, when the key is
 * a hashed one and id is given, whose stored id is id. */
static int mark_key(byl_index_writer *w, byl_segref *r, const uint8_t *key, size_t keylen,
                    const char *id, size_t idlen, uint32_t keep, uint64_t *found)
{
    byl_terminfo ti;
    int rc = byl_segment_lookup(r->seg, key, keylen, &ti);
    if (rc == BYL_ENOTFOUND)
        return BYL_OK;
    if (rc)
        return rc;
    byl_cursor c;
    int verify = id && byl_idkey_is_hashed(idlen);
    for (byl_cursor_init(&c, r->seg, &ti); c.doc != BYL_END; byl_cursor_next(&c)) {
        if (c.doc == keep || (r->pending && byl_dels_has(byl_dels_bits(r->pending), c.doc)))
            continue;
        if (verify && !has_id(r->seg, c.doc, id, idlen, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if ((rc = mark(w, r, c.doc)) != BYL_OK)
            return rc;
        if (found)
            (*found)++;
    }
    return c.err;
}

int byl_index_writer_delete(byl_index_writer *w, const char *id, size_t len, uint64_t *found)
{
    *found = 0;
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own; delete in another");
    uint8_t key[BYL_MAX_KEY];
    if (len == 0)
        return BYL_OK; /* no such id can be in the index */
    size_t keylen = byl_idkey(id, len, key);
    for (uint32_t i = 0; i < w->nold; i++) {
        int rc = byl_segref_open(w->dir, &w->cur, &w->cur.segs[i]);
        if (!rc)
            rc = mark_key(w, &w->cur.segs[i], key, keylen, id, len, BYL_END, found);
        if (rc)
            return rc;
    }
    return BYL_OK;
}

/* Mapped pages count in the resident size: a writer that walks whole
 * segments lets go of them as it goes, to stay within --mem. */
static void drop_pages(byl_index_writer *w)
{
    for (uint32_t i = 0; i < w->cur.nseg; i++)
        if (w->cur.segs[i].seg)
            byl_segment_drop_pages(w->cur.segs[i].seg);
}

/* One id per article: walks the ids of the segments written in this change
 * together, in key order; for each id the last article added wins, and the
 * others, older ones in the index included, are marked deleted. */
int byl_writer_resolve_ids(byl_index_writer *w)
{
    uint32_t n = w->cur.nseg - w->nold;
    if (n == 0)
        return BYL_OK;
    byl_dictiter *it = byl_calloc(n, sizeof *it);
    if (!it)
        return byl_error_set(BYL_ENOMEM, "out of memory resolving ids");
    const uint8_t start = BYL_F_ID;
    int rc = BYL_OK;
    for (uint32_t k = 0; k < n && !rc; k++) {
        byl_segref *r = &w->cur.segs[w->nold + k];
        if (!(rc = byl_segref_open(w->dir, &w->cur, r)))
            rc = byl_dictiter_seek(&it[k], r->seg, &start, 1);
    }
    uint8_t key[BYL_MAX_KEY];
    uint64_t walked = 0;
    while (!rc) {
        /* the smallest id key among the new segments */
        size_t keylen = 0;
        int any = 0;
        for (uint32_t k = 0; k < n; k++) {
            if (it[k].eof || it[k].key[0] != BYL_F_ID)
                continue;
            if (!any || byl_key_cmp(it[k].key, it[k].keylen, key, keylen) < 0) {
                memcpy(key, it[k].key, it[k].keylen);
                keylen = it[k].keylen;
            }
            any = 1;
        }
        if (!any)
            break;
        /* the winner is the last document of the last segment holding it;
         * its id (borrowed from the map) tells articles apart under a hashed
         * key */
        int won = 0;
        const char *id = NULL;
        size_t idlen = 0;
        for (uint32_t k = n; k-- > 0 && !rc;) {
            if (it[k].eof || byl_key_cmp(it[k].key, it[k].keylen, key, keylen) != 0)
                continue;
            byl_segref *r = &w->cur.segs[w->nold + k];
            uint32_t keep = BYL_END;
            if (!won) {
                byl_cursor c;
                for (byl_cursor_init(&c, r->seg, &it[k].info); c.doc != BYL_END; byl_cursor_next(&c))
                    keep = c.doc;
                rc = c.err;
                if (!rc && keep != BYL_END)
                    rc = byl_segment_doc_id(r->seg, keep, &id, &idlen);
                won = 1;
            }
            if (!rc && (it[k].info.df > 1 || keep == BYL_END))
                rc = mark_key(w, r, key, keylen, id, idlen, keep, NULL);
            if (!rc)
                rc = byl_dictiter_next(&it[k]);
        }
        for (uint32_t i = 0; i < w->nold && !rc; i++)
            if (!w->cur.segs[i].drop && !(rc = byl_segref_open(w->dir, &w->cur, &w->cur.segs[i])))
                rc = mark_key(w, &w->cur.segs[i], key, keylen, id, idlen, BYL_END, NULL);
        if ((++walked & 0xffff) == 0)
            drop_pages(w);
    }
    drop_pages(w);
    byl_free(it);
    return rc;
}

int byl_index_writer_resolve_all(byl_index_writer *w)
{
    if (w->added || w->deleted || w->merging)
        return byl_error_set(BYL_EINVAL, "resolving every id is a change of its own");
    w->nold = 0;
    return BYL_OK;
}
