/*
 * delwriter.c - writing a deletion file (delwriter.h, layout in deletes.h).
 *
 * The per-term counts are computed when a deletion file is written, by
 * walking the segment's dictionary and probing each postings list for the
 * newly deleted documents with next_geq (so a few deletions cost a skip per
 * term, not a full decode).  Readers then only binary-search the table.
 *
 * Not for: reading one (deletes.c) or deciding what to delete (resolve.c).
 */
#include "index/delwriter.h"

#include <string.h>

#include "index/deletes.h"
#include "util/checked.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"

/* Deleted documents among the postings of the dictionary entry at it,
 * counting only the documents in fresh (sorted); the cursor already skips
 * those deleted before. */
static int count_fresh(byl_segment *seg, const byl_terminfo *ti, const uint32_t *fresh,
                       size_t nfresh, uint32_t *count)
{
    byl_cursor c;
    byl_cursor_init(&c, seg, ti);
    uint32_t n = 0;
    size_t j = 0;
    uint32_t doc = c.doc;
    while (doc != BYL_END && j < nfresh) {
        if (doc < fresh[j]) {
            doc = byl_cursor_next_geq(&c, fresh[j]);
        } else if (doc == fresh[j]) {
            n++;
            j++;
        } else {
            /* first fresh document >= doc */
            size_t lo = j + 1, hi = nfresh;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (fresh[mid] < doc)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            j = lo;
        }
    }
    *count = n;
    return c.err;
}

int byl_dels_write(byl_segment *seg, const byl_dels *add, const char *path, uint32_t *deleted)
{
    const byl_dels *old = byl_segment_dels(seg);
    uint32_t ndocs = byl_segment_stats(seg)->ndocs;
    size_t nb = byl_dels_bitmap_bytes(ndocs);
    uint32_t *fresh = byl_malloc(((size_t)byl_dels_count(add) + 1) * sizeof *fresh);
    uint8_t *bits = byl_calloc(nb + 1, 1);
    byl_buf terms, out;
    byl_buf_init(&terms);
    byl_buf_init(&out);
    int rc = BYL_OK;
    if (!fresh || !bits) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory writing %s", path);
        goto done;
    }
    uint64_t lens[BYL_NFIELDS] = {0};
    uint32_t count = 0;
    if (old) {
        memcpy(bits, byl_dels_bits(old), nb);
        memcpy(lens, byl_dels_lens(old), sizeof lens);
        count = byl_dels_count(old);
    }
    size_t nfresh = 0;
    const uint8_t *adding = byl_dels_bits(add);
    for (uint32_t doc = 0; doc < ndocs && doc < byl_dels_ndocs(add); doc++) {
        if (!byl_dels_has(adding, doc) || byl_dels_has(bits, doc))
            continue;
        uint32_t l[BYL_NFIELDS];
        int64_t date;
        if ((rc = byl_segment_doc_info(seg, doc, &date, l)) != BYL_OK)
            goto done;
        for (int f = 0; f < BYL_NFIELDS; f++)
            lens[f] += l[f];
        bits[doc >> 3] |= (uint8_t)(1u << (doc & 7));
        fresh[nfresh++] = doc;
        count++;
    }
    uint32_t nterms = 0;
    byl_dictiter it;
    if ((rc = byl_dictiter_seek(&it, seg, NULL, 0)) != BYL_OK)
        goto done;
    uint64_t walked = 0;
    for (; !it.eof && !it.err; it.err = byl_dictiter_next(&it)) {
        if ((++walked & 0xffff) == 0)
            byl_segment_drop_pages(seg); /* mapped pages count against --mem */
        uint32_t n = old ? byl_dels_df(old, it.key, it.keylen) : 0, k = 0;
        if (nfresh && (rc = count_fresh(seg, &it.info, fresh, nfresh, &k)) != BYL_OK)
            goto done;
        if (n + k == 0)
            continue;
        byl_buf_put_u16(&terms, (uint16_t)it.keylen);
        byl_buf_put(&terms, it.key, it.keylen);
        byl_buf_put_u32(&terms, n + k);
        nterms++;
    }
    if (it.err) {
        rc = it.err;
        goto done;
    }
    byl_checked_begin(&out, BYL_DEL_MAGIC, BYL_DEL_VERSION);
    byl_buf_put_u32(&out, ndocs);
    byl_buf_put_u32(&out, count);
    byl_buf_put_u32(&out, nterms);
    for (int f = 0; f < BYL_NFIELDS; f++)
        byl_buf_put_u64(&out, lens[f]);
    byl_buf_put(&out, bits, nb);
    byl_buf_put(&out, terms.data, terms.len);
    if (terms.failed || byl_checked_seal(&out)) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory writing %s", path);
        goto done;
    }
    rc = byl_file_write_new(path, out.data, out.len);
    if (!rc)
        *deleted = count;
done:
    byl_free(fresh);
    byl_free(bits);
    byl_buf_reset(&terms);
    byl_buf_reset(&out);
    return rc;
}
