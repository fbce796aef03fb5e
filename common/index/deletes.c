/*
 * deletes.c - deletion files: build, write, read and query (deletes.h).
 *
 * The per-term counts are computed when a deletion file is written, by
 * walking the segment's dictionary and probing each postings list for the
 * newly deleted documents with next_geq (so a few deletions cost a skip per
 * term, not a full decode).  Readers then only binary-search the table.
 *
 * Not for: deciding what to delete (index.c).
 */
#include "index/deletes.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "index/segment.h"
#include "util/crc.h"
#include "util/bytes.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

#define HEADER (8 + 4 * 4 + 8 * BYL_NFIELDS)

struct byl_dels {
    uint32_t ndocs;
    uint32_t count;
    uint64_t lens[BYL_NFIELDS];
    uint8_t *bits;          /* owned, ceil(ndocs / 8) (+1) bytes */
    uint8_t *file;          /* the file read, owned; NULL for a new set */
    const uint8_t **terms;  /* entries in the file, for binary search */
    uint32_t nterms;
};

static size_t bitmap_bytes(uint32_t ndocs) { return ((size_t)ndocs + 7) / 8; }

int byl_dels_new(uint32_t ndocs, byl_dels **out)
{
    *out = NULL;
    byl_dels *d = byl_calloc(1, sizeof *d);
    if (!d || !(d->bits = byl_calloc(bitmap_bytes(ndocs) + 1, 1))) {
        byl_free(d);
        return byl_error_set(BYL_ENOMEM, "out of memory for deletions");
    }
    d->ndocs = ndocs;
    *out = d;
    return BYL_OK;
}

void byl_dels_free(byl_dels *d)
{
    if (!d)
        return;
    byl_free(d->bits);
    byl_free(d->file);
    byl_free(d->terms);
    byl_free(d);
}

uint32_t byl_dels_count(const byl_dels *d) { return d->count; }
const uint8_t *byl_dels_bits(const byl_dels *d) { return d->bits; }
const uint64_t *byl_dels_lens(const byl_dels *d) { return d->lens; }

int byl_dels_mark(byl_dels *d, uint32_t doc)
{
    if (doc >= d->ndocs || byl_dels_has(d->bits, doc))
        return 0;
    d->bits[doc >> 3] |= (uint8_t)(1u << (doc & 7));
    d->count++;
    return 1;
}

uint32_t byl_dels_df(const byl_dels *d, const uint8_t *key, size_t keylen)
{
    uint32_t lo = 0, hi = d->nterms;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const uint8_t *e = d->terms[mid];
        size_t n = byl_get_u16(e);
        int c = byl_key_cmp(e + 2, n, key, keylen);
        if (c == 0)
            return byl_get_u32(e + 2 + n);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int bad(const char *path, const char *what)
{
    return byl_error_set(BYL_ECORRUPT, "%s: %s (the deletions of a segment are damaged; "
                         "byline-index repair sets it aside)", path, what);
}

int byl_dels_read(const char *path, uint32_t ndocs, byl_dels **out)
{
    *out = NULL;
    FILE *f;
    int rc0 = byl_fopen_regular(path, &f);
    if (rc0)
        return rc0;
    struct stat st;
    if (fstat(fileno(f), &st) || st.st_size < 0) {
        fclose(f);
        return byl_error_set(BYL_EIO, "cannot read %s: %s", path, strerror(errno));
    }
    size_t size = (size_t)st.st_size;
    size_t need = HEADER + bitmap_bytes(ndocs) + 4;
    if (size < need) {
        fclose(f);
        return bad(path, "file is truncated");
    }
    byl_dels *d = byl_calloc(1, sizeof *d);
    uint8_t *buf = byl_malloc(size);
    if (!d || !buf) {
        fclose(f);
        byl_free(d);
        byl_free(buf);
        return byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
    }
    d->file = buf;
    size_t got = fread(buf, 1, size, f);
    fclose(f);
    int rc;
    if (got != size) {
        rc = byl_error_set(BYL_EIO, "cannot read %s", path);
        goto fail;
    }
    if (memcmp(buf, BYL_DEL_MAGIC, 8) != 0) {
        rc = bad(path, "not a deletion file (bad magic)");
        goto fail;
    }
    if (byl_get_u32(buf + 8) != BYL_DEL_VERSION) {
        rc = byl_error_set(BYL_EVERSION, "%s: deletion file version %u, this program reads %u; "
                           "rebuild the index", path, byl_get_u32(buf + 8), BYL_DEL_VERSION);
        goto fail;
    }
    if (byl_crc32(0, buf, size - 4) != byl_get_u32(buf + size - 4)) {
        rc = bad(path, "fails its checksum");
        goto fail;
    }
    d->ndocs = byl_get_u32(buf + 12);
    d->count = byl_get_u32(buf + 16);
    d->nterms = byl_get_u32(buf + 20);
    if (d->ndocs != ndocs) {
        rc = bad(path, "is for a segment of another size");
        goto fail;
    }
    for (int i = 0; i < BYL_NFIELDS; i++)
        d->lens[i] = byl_get_u64(buf + 24 + 8 * i);
    size_t nb = bitmap_bytes(ndocs);
    if (!(d->bits = byl_calloc(nb + 1, 1))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
        goto fail;
    }
    memcpy(d->bits, buf + HEADER, nb);
    uint64_t pop = 0;
    for (size_t i = 0; i < nb; i++)
        pop += (uint64_t)__builtin_popcount(d->bits[i]);
    if (pop != d->count || (ndocs & 7 && d->bits[nb - 1] >> (ndocs & 7))) {
        rc = bad(path, "bitmap disagrees with its count");
        goto fail;
    }
    if (d->nterms > (size - need) / 7) {
        rc = bad(path, "impossible term count");
        goto fail;
    }
    if (!(d->terms = byl_malloc(((size_t)d->nterms + 1) * sizeof *d->terms))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
        goto fail;
    }
    const uint8_t *p = buf + HEADER + nb, *end = buf + size - 4;
    for (uint32_t i = 0; i < d->nterms; i++) {
        size_t n = end - p >= 2 ? byl_get_u16(p) : 0;
        if (n == 0 || n > BYL_MAX_KEY || (size_t)(end - p) < 2 + n + 4)
            goto malformed;
        uint32_t c = byl_get_u32(p + 2 + n);
        if (c == 0 || c > d->count ||
            (i && byl_key_cmp(d->terms[i - 1] + 2, byl_get_u16(d->terms[i - 1]), p + 2, n) >= 0))
            goto malformed;
        d->terms[i] = p;
        p += 2 + n + 4;
    }
    if (p == end) {
        *out = d;
        return BYL_OK;
    }
malformed:
    rc = bad(path, "term table is malformed");
fail:
    byl_dels_free(d);
    return rc;
}

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
    size_t nb = bitmap_bytes(ndocs);
    uint32_t *fresh = byl_malloc(((size_t)add->count + 1) * sizeof *fresh);
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
        memcpy(bits, old->bits, nb);
        memcpy(lens, old->lens, sizeof lens);
        count = old->count;
    }
    size_t nfresh = 0;
    for (uint32_t doc = 0; doc < ndocs && doc < add->ndocs; doc++) {
        if (!byl_dels_has(add->bits, doc) || byl_dels_has(bits, doc))
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
    for (; !it.eof; byl_dictiter_next(&it)) {
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
    byl_buf_put(&out, BYL_DEL_MAGIC, 8);
    byl_buf_put_u32(&out, BYL_DEL_VERSION);
    byl_buf_put_u32(&out, ndocs);
    byl_buf_put_u32(&out, count);
    byl_buf_put_u32(&out, nterms);
    for (int f = 0; f < BYL_NFIELDS; f++)
        byl_buf_put_u64(&out, lens[f]);
    byl_buf_put(&out, bits, nb);
    byl_buf_put(&out, terms.data, terms.len);
    if (out.failed || terms.failed) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory writing %s", path);
        goto done;
    }
    byl_buf_put_u32(&out, byl_crc32(0, out.data, out.len));
    if (out.failed) {
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
