/*
 * deletes.c - a set of deleted documents: marked in memory, or read from
 * a deletion file and checked (deletes.h).  Readers only binary-search
 * its per-term table.
 *
 * Not for: writing a deletion file (delwriter.c, which needs the segment),
 * or deciding what to delete (resolve.c).
 */
#include "index/deletes.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/bytes.h"
#include "util/checked.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

struct byl_dels {
    uint32_t ndocs;
    uint32_t count;
    uint64_t lens[BYL_NFIELDS];
    uint8_t *bits;          /* owned, ceil(ndocs / 8) (+1) bytes */
    uint8_t *file;          /* the file read, owned; NULL for a new set */
    size_t file_size;
    const uint8_t **terms;  /* entries in the file, for binary search */
    uint32_t nterms;
};

int byl_dels_new(uint32_t ndocs, byl_dels **out)
{
    *out = NULL;
    byl_dels *d = byl_calloc(1, sizeof *d);
    if (!d || !(d->bits = byl_calloc(byl_dels_bitmap_bytes(ndocs) + 1, 1))) {
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

int byl_dels_copy(const byl_dels *d, byl_dels **out)
{
    *out = NULL;
    size_t nb = byl_dels_bitmap_bytes(d->ndocs) + 1;
    byl_dels *c = byl_calloc(1, sizeof *c);
    if (c) {
        *c = *d;
        c->bits = c->file = NULL;
        c->terms = NULL;
    }
    if (!c || !(c->bits = byl_malloc(nb)) ||
        (d->file && !(c->file = byl_malloc(d->file_size))) ||
        (d->terms && d->file && !(c->terms = byl_malloc(((size_t)d->nterms + 1) * sizeof *c->terms)))) {
        byl_dels_free(c);
        return byl_error_set(BYL_ENOMEM, "out of memory copying deletions");
    }
    memcpy(c->bits, d->bits, nb);
    if (d->file)
        memcpy(c->file, d->file, d->file_size);
    for (uint32_t i = 0; d->terms && d->file && i < d->nterms; i++)
        c->terms[i] = c->file + (d->terms[i] - d->file); /* into the copy */
    *out = c;
    return BYL_OK;
}

uint32_t byl_dels_count(const byl_dels *d) { return d->count; }
uint32_t byl_dels_ndocs(const byl_dels *d) { return d->ndocs; }
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
    size_t need = BYL_DEL_HEADER + byl_dels_bitmap_bytes(ndocs) + BYL_CHECKED_TAIL;
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
    d->file_size = size;
    size_t got = fread(buf, 1, size, f);
    fclose(f);
    int rc;
    if (got != size) {
        rc = byl_error_set(BYL_EIO, "cannot read %s", path);
        goto fail;
    }
    static const byl_checked_kind kind = {BYL_DEL_MAGIC, BYL_DEL_VERSION, BYL_DEL_VERSION,
                                          BYL_DEL_HEADER - BYL_CHECKED_HEAD, "deletion file"};
    if ((rc = byl_checked_verify(buf, size, &kind, path, NULL, NULL, NULL)) != BYL_OK) {
        if (rc == BYL_ECORRUPT)
            rc = byl_error_set(rc, "%s (the deletions of a segment are damaged; byline-index "
                               "repair sets it aside)", byl_error_msg());
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
    size_t nb = byl_dels_bitmap_bytes(ndocs);
    if (!(d->bits = byl_calloc(nb + 1, 1))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory reading %s", path);
        goto fail;
    }
    memcpy(d->bits, buf + BYL_DEL_HEADER, nb);
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
    const uint8_t *p = buf + BYL_DEL_HEADER + nb, *end = buf + size - BYL_CHECKED_TAIL;
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
