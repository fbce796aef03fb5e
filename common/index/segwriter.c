/*
 * segwriter.c - serializer of a segment.
 *
 * Postings go straight to the segment file.  Positions and stored articles
 * arrive in a different order than the file wants them (positions with the
 * terms, stored text with the documents), so each streams to a side file
 * beside the segment and is copied in by byl_segw_finish(); nothing large is
 * held in memory.  Every byte of the file passes through out(), which keeps
 * the per-page CRC32s and the per-chunk CRC32s (format.h) that the reader
 * checks lazily.
 *
 * Not for: reading (segment.c).
 */
#include "index/segwriter.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libdeflate.h>

#include "index/codec.h"
#include "index/fingerprint.h"
#include "util/crc.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/fault.h"
#include "util/mem.h"

struct byl_segw {
    int rc;                 /* sticky first error */
    int finished;
    char *path;
    char *pos_path;         /* side file: positions */
    char *store_path;       /* side file: compressed store blocks */
    FILE *out;
    FILE *pos_out;
    FILE *store_out;
    uint64_t off;           /* bytes written to out */
    uint32_t page_crc;      /* CRC of the current, unfinished page */
    uint32_t page_fill;
    byl_buf pages;          /* u32 CRC per finished page */
    int chunks_done;        /* the chunk table is written: out() stops chunking */
    uint32_t chunk_crc;     /* CRC of the current, unfinished chunk */
    uint32_t chunk_fill;
    byl_buf chunks;         /* u32 CRC per finished chunk */
    uint64_t sec_off[BYL_SEC_COUNT_];
    uint64_t sec_len[BYL_SEC_COUNT_];
    uint32_t title_weight;

    /* documents */
    uint32_t ndocs;
    uint64_t total_len[BYL_NFIELDS];
    int64_t min_date, max_date;
    byl_buf docs;           /* DOCS section */
    byl_buf lens;           /* LENS section (version 7) */
    byl_buf store_raw;      /* current store block, uncompressed */
    uint32_t store_first;   /* first doc of the current store block */
    byl_buf store_idx;      /* STOREIDX section */
    uint64_t store_len;     /* bytes in the store side file */
    byl_buf zbuf;           /* compression scratch */
    struct libdeflate_compressor *zc; /* stored blocks: zlib streams, level 6 */
    byl_buf id_ends;        /* IDS: u32 end offset of each id */
    byl_buf id_bytes;       /* IDS: the ids */
    byl_buf fprints;        /* FPRINT section */

    /* terms */
    uint64_t post_len;      /* bytes of POSTINGS so far */
    uint64_t pos_len;       /* bytes of POSITIONS so far */
    uint64_t nterms;
    byl_buf dict;
    byl_buf dictidx;
    uint8_t last_key[BYL_MAX_KEY];
    size_t last_len;
    byl_buf tmp;            /* one term's postings before writing */
    byl_buf ptmp;           /* one term's positions before writing */
    byl_buf itmp;           /* one term's block impacts before writing */
};

static int fail(byl_segw *w, int rc)
{
    if (!w->rc)
        w->rc = rc;
    return w->rc;
}

static int io_fail(byl_segw *w, const char *what, const char *path)
{
    if (w->rc)
        return w->rc;
    byl_error_set(BYL_EIO, "%s %s: %s", what, path, strerror(errno));
    return fail(w, BYL_EIO);
}

/* A crash or full disk injected by the tests (util/fault.h). */
static void inject(byl_segw *w, const char *where)
{
    int e = byl_fault(where);
    if (e) {
        errno = e;
        io_fail(w, "write", w->path);
    }
}

static void out(byl_segw *w, const void *data, size_t n)
{
    if (w->rc || n == 0)
        return;
    if (fwrite(data, 1, n, w->out) != n) {
        io_fail(w, "write", w->path);
        return;
    }
    const uint8_t *p = data;
    w->off += n;
    for (size_t m = w->chunks_done ? 0 : n; m;) {
        size_t take = BYL_CHUNK_SIZE - w->chunk_fill;
        if (take > m)
            take = m;
        w->chunk_crc = byl_crc32(w->chunk_crc, p + (n - m), take);
        w->chunk_fill += (uint32_t)take;
        m -= take;
        if (w->chunk_fill == BYL_CHUNK_SIZE) {
            byl_buf_put_u32(&w->chunks, w->chunk_crc);
            w->chunk_crc = 0;
            w->chunk_fill = 0;
        }
    }
    while (n) {
        size_t take = BYL_PAGE_SIZE - w->page_fill;
        if (take > n)
            take = n;
        w->page_crc = byl_crc32(w->page_crc, p, take);
        w->page_fill += (uint32_t)take;
        p += take;
        n -= take;
        if (w->page_fill == BYL_PAGE_SIZE) {
            inject(w, "segment page");
            byl_buf_put_u32(&w->pages, w->page_crc);
            w->page_crc = 0;
            w->page_fill = 0;
        }
    }
}

static char *side_path(const char *path, const char *suffix)
{
    size_t a = strlen(path), b = strlen(suffix);
    char *s = byl_malloc(a + b + 1);
    if (s) {
        memcpy(s, path, a);
        memcpy(s + a, suffix, b + 1);
    }
    return s;
}

int byl_segw_new(const char *path, uint32_t title_weight, byl_segw **outp)
{
    *outp = NULL;
    byl_segw *w = byl_calloc(1, sizeof *w);
    if (!w)
        return byl_error_set(BYL_ENOMEM, "out of memory creating segment writer");
    w->title_weight = title_weight;
    w->min_date = w->max_date = INT64_MIN;
    w->page_crc = 0;
    w->path = byl_strdup(path);
    w->pos_path = side_path(path, ".pos");
    w->store_path = side_path(path, ".store");
    if (!w->path || !w->pos_path || !w->store_path) {
        byl_segw_free(w);
        return byl_error_set(BYL_ENOMEM, "out of memory creating segment writer");
    }
    int e = byl_fault("segment create");
    if (e) {
        byl_segw_free(w);
        return byl_error_set(BYL_EIO, "create %s: %s", path, strerror(e));
    }
    w->out = fopen(path, "wbx");
    if (!w->out) {
        int rc = byl_error_set(BYL_EIO, "create %s: %s", path, strerror(errno));
        byl_segw_free(w);
        return rc;
    }
    w->pos_out = fopen(w->pos_path, "w+b");
    w->store_out = fopen(w->store_path, "w+b");
    if (!w->pos_out || !w->store_out) {
        int rc = byl_error_set(BYL_EIO, "create %s: %s", w->pos_path, strerror(errno));
        byl_segw_free(w);
        return rc;
    }
    uint8_t hdr[BYL_SEG_HEADER] = {0};
    memcpy(hdr, BYL_SEG_MAGIC, 8);
    byl_put_u32(hdr + 8, BYL_SEG_VERSION);
    out(w, hdr, sizeof hdr);
    w->sec_off[BYL_SEC_POSTINGS] = w->off;
    if (w->rc) {
        int rc = w->rc;
        byl_segw_free(w);
        return rc;
    }
    *outp = w;
    return BYL_OK;
}

uint32_t byl_segw_ndocs(const byl_segw *w) { return w->ndocs; }

/* Compresses the pending store block to the side file. */
static void flush_store_block(byl_segw *w)
{
    if (w->rc || w->store_raw.len == 0)
        return;
    /* libdeflate writes the zlib format zlib wrote here before (any zlib
     * inflates it), at about twice the speed.  Level 1: stored text is
     * read only for display, and level 6 cost 5% more of a build's
     * instructions for 1% of the index's size (Reuters). */
    if (!w->zc && !(w->zc = libdeflate_alloc_compressor(1))) {
        fail(w, byl_error_set(BYL_ENOMEM, "out of memory compressing stored text"));
        return;
    }
    size_t clen = libdeflate_zlib_compress_bound(w->zc, w->store_raw.len);
    w->zbuf.len = 0;
    if (byl_buf_reserve(&w->zbuf, clen + 8)) {
        fail(w, byl_error_set(BYL_ENOMEM, "out of memory compressing stored text"));
        return;
    }
    clen = libdeflate_zlib_compress(w->zc, w->store_raw.data, w->store_raw.len,
                                    w->zbuf.data + 8, clen);
    if (clen == 0) {
        fail(w, byl_error_set(BYL_ENOMEM, "could not compress stored text"));
        return;
    }
    byl_put_u32(w->zbuf.data, (uint32_t)w->store_raw.len);
    byl_put_u32(w->zbuf.data + 4, (uint32_t)clen);
    byl_buf_put_u64(&w->store_idx, w->store_len);
    byl_buf_put_u32(&w->store_idx, w->store_first);
    inject(w, "stored block");
    if (!w->rc && fwrite(w->zbuf.data, 1, clen + 8, w->store_out) != clen + 8) {
        io_fail(w, "write", w->store_path);
        return;
    }
    w->store_len += clen + 8;
    w->store_raw.len = 0;
    w->store_first = w->ndocs;
}

int byl_segw_add_doc(byl_segw *w, const byl_stored *d, const uint32_t *lens)
{
    if (w->rc)
        return w->rc;
    if (w->store_raw.len == 0)
        w->store_first = w->ndocs;
    byl_buf *r = &w->store_raw;
    byl_buf_put_str(r, d->id, d->id_len);
    byl_buf_put_str(r, d->title, d->title_len);
    byl_buf_put_str(r, d->author, d->author_len);
    byl_buf_put_str(r, d->source, d->source_len);
    byl_buf_put_str(r, d->url, d->url_len);
    byl_buf_put_str(r, d->body, d->body_len);
    byl_buf_put_str(r, d->tags, d->tags_len); /* version 4 */
    byl_buf_put(&w->id_bytes, d->id, d->id_len);
    byl_buf_put_u32(&w->id_ends, (uint32_t)w->id_bytes.len);
    if (d->date != INT64_MIN) {
        if (w->min_date == INT64_MIN || d->date < w->min_date)
            w->min_date = d->date;
        if (w->max_date == INT64_MIN || d->date > w->max_date)
            w->max_date = d->date;
    }
    byl_buf_put_u64(&w->docs, (uint64_t)d->date);
    for (int f = 0; f < BYL_NFIELDS; f++) {
        byl_buf_put_u32(&w->docs, lens[f]);
        w->total_len[f] += lens[f];
    }
    byl_buf_put_u16(&w->lens, lens[BYL_F_TEXT] < 0xFFFF ? (uint16_t)lens[BYL_F_TEXT] : 0xFFFF);
    byl_buf_put_u8(&w->lens, lens[BYL_F_TITLE] < 0xFF ? (uint8_t)lens[BYL_F_TITLE] : 0xFF);
    byl_buf_put_u8(&w->lens, lens[BYL_F_NAME] < 0xFF ? (uint8_t)lens[BYL_F_NAME] : 0xFF);
    byl_buf_zero(&w->fprints, BYL_FP_REC);
    if (w->id_bytes.len > UINT32_MAX)
        return fail(w, byl_error_set(BYL_ELIMIT, "ids of one segment exceed 4 GiB"));
    if (r->failed || w->docs.failed || w->lens.failed || w->id_bytes.failed || w->id_ends.failed || w->fprints.failed)
        return fail(w, byl_error_set(BYL_ENOMEM, "out of memory storing article"));
    w->ndocs++;
    if (r->len >= BYL_STORE_BLOCK)
        flush_store_block(w);
    return w->rc;
}

int byl_segw_set_fingerprint(byl_segw *w, const uint8_t *rec)
{
    if (w->rc)
        return w->rc;
    if (!w->ndocs || w->fprints.len != (size_t)w->ndocs * BYL_FP_REC)
        return fail(w, byl_error_set(BYL_EINVAL, "fingerprint set before any document"));
    memcpy(w->fprints.data + w->fprints.len - BYL_FP_REC, rec, BYL_FP_REC);
    return BYL_OK;
}

static size_t common_prefix(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    size_t n = al < bl ? al : bl, i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* The block's impacts: the Pareto frontier of (tf, length) pairs (no other
 * document has both a larger tf and a smaller length), merged into at most
 * BYL_IMPACTS pairs by taking, per group of neighbours, the largest tf and
 * the smallest length (which still bounds them).  Overwrites tf/len with
 * the frontier.  Returns the number of pairs.
 *
 * Only the shortest length of each tf can be on the frontier, and a block
 * holds few distinct tfs (most are 1 to 3), so the frontier is found from
 * those: one pass to keep each tf's shortest length, a sort of the
 * distinct tfs.  (Sorting all n pairs, as this did first, cost 6% of a
 * build: common words fill many blocks.) */
static size_t impacts(uint32_t *tf, uint32_t *len, size_t n, uint32_t *otf, uint32_t *olen)
{
    size_t d = 0; /* distinct tfs, each with its shortest length, in tf[0..d) */
    for (size_t i = 0; i < n; i++) {
        uint32_t a = tf[i], b = len[i];
        size_t j = 0;
        while (j < d && tf[j] != a)
            j++;
        if (j == d) {
            tf[d] = a;
            len[d] = b;
            d++;
        } else if (b < len[j]) {
            len[j] = b;
        }
    }
    /* insertion sort of the distinct tfs, descending (d <= n <= 128) */
    for (size_t i = 1; i < d; i++)
        for (size_t j = i; j > 0 && tf[j] > tf[j - 1]; j--) {
            uint32_t a = tf[j], b = len[j];
            tf[j] = tf[j - 1], len[j] = len[j - 1];
            tf[j - 1] = a, len[j - 1] = b;
        }
    size_t m = 0;
    for (size_t i = 0; i < d; i++)
        if (m == 0 || len[i] < len[m - 1]) {
            tf[m] = tf[i];
            len[m] = len[i];
            m++;
        }
    size_t groups = m < BYL_IMPACTS ? m : BYL_IMPACTS;
    for (size_t g = 0; g < groups; g++) {
        size_t a = g * m / groups, b = (g + 1) * m / groups; /* [a, b) */
        otf[g] = tf[a];          /* largest tf of the group */
        olen[g] = len[b - 1];    /* smallest length of the group */
    }
    return groups;
}

/* byl_segw_add_term and byl_segw_add_term_coded: the positions as numbers
 * (npos, pos), or already written (penc_len bytes at penc, pblock). */
static int add_term(byl_segw *w, const uint8_t *key, size_t keylen, size_t n,
                    const uint32_t *docs, const uint32_t *tfs, const uint32_t *npos,
                    const uint32_t *pos, const uint8_t *penc, size_t penc_len,
                    const uint32_t *pblock)
{
    if (w->rc)
        return w->rc;
    if (keylen == 0 || keylen > BYL_MAX_KEY || n == 0 ||
        (w->nterms && byl_key_cmp(key, keylen, w->last_key, w->last_len) <= 0))
        return fail(w, byl_error_set(BYL_EINVAL, "segment terms out of order or empty"));

    size_t nblocks = (n + BYL_BLOCK - 1) / BYL_BLOCK;
    byl_buf *t = &w->tmp, *pt = &w->ptmp, *it = &w->itmp;
    t->len = 0;
    pt->len = 0;
    it->len = 0;
    /* the skip table, then the impacts (into it), then the blocks (format.h) */
    size_t fixed = nblocks > 1 ? nblocks * BYL_SKIP_ENTRY6 : 0;
    if (fixed)
        byl_buf_zero(t, fixed);
    uint32_t gaps[BYL_BLOCK], freqs[BYL_BLOCK];
    uint8_t packed[1 + 16 * 32];
    uint32_t prev = UINT32_MAX; /* so the first gap is docs[0] */
    uint32_t max_tf = 0;
    size_t pi = 0;
    for (size_t b = 0; b < nblocks; b++) {
        size_t lo = b * BYL_BLOCK, hi = lo + BYL_BLOCK < n ? lo + BYL_BLOCK : n;
        size_t block_off = t->len - fixed; /* from the first block: moved below */
        size_t pos_off = penc ? pblock[b] : pt->len;
        uint32_t bmax = 0;
        /* a keyword field (TAG) has no length column: impacts say 0 */
        int field = key[0] < BYL_NFIELDS ? key[0] : -1;
        uint32_t itf[BYL_BLOCK], ilen[BYL_BLOCK];
        for (size_t i = lo; i < hi; i++) {
            if (i > 0 && docs[i] <= prev)
                return fail(w, byl_error_set(BYL_EINVAL, "segment postings out of order"));
            gaps[i - lo] = docs[i] - prev - 1;
            freqs[i - lo] = tfs[i] - 1;
            if (tfs[i] > bmax)
                bmax = tfs[i];
            itf[i - lo] = tfs[i];
            ilen[i - lo] = field >= 0 && (uint64_t)docs[i] < w->ndocs && !w->docs.failed
                               ? byl_get_u32(w->docs.data + (size_t)docs[i] * BYL_DOC_REC + 8 + 4 * field)
                               : 0;
            prev = docs[i];
            if (penc)
                continue;
            /* positions: count, then gaps from the previous position */
            byl_buf_put_vbyte(pt, npos[i]);
            uint32_t last = 0;
            for (uint32_t k = 0; k < npos[i]; k++, pi++) {
                byl_buf_put_vbyte(pt, pos[pi] - last);
                last = pos[pi];
            }
        }
        if (hi - lo == BYL_BLOCK) {
            byl_buf_put(t, packed, byl_block_pack(gaps, packed));
            byl_buf_put(t, packed, byl_block_pack(freqs, packed));
        } else {
            for (size_t i = 0; i < hi - lo; i++) {
                byl_buf_put_vbyte(t, gaps[i]);
                byl_buf_put_vbyte(t, freqs[i]);
            }
        }
        if (nblocks > 1 && !t->failed) {
            uint8_t *e = t->data + b * BYL_SKIP_ENTRY6;
            byl_put_u32(e, docs[hi - 1]);
            byl_put_u32(e + 4, (uint32_t)block_off);
            byl_put_u32(e + 8, (uint32_t)pos_off);
            byl_put_u32(e + 12, (uint32_t)it->len);
            uint32_t ptf[BYL_IMPACTS], plen[BYL_IMPACTS];
            size_t np = impacts(itf, ilen, hi - lo, ptf, plen);
            byl_buf_put_vbyte(it, np);
            for (size_t k = 0; k < np; k++) {
                byl_buf_put_vbyte(it, ptf[k]);
                byl_buf_put_vbyte(it, plen[k]);
            }
        }
        if (bmax > max_tf)
            max_tf = bmax;
    }
    if (t->failed || pt->failed || it->failed)
        return fail(w, byl_error_set(BYL_ENOMEM, "out of memory writing postings"));
    uint64_t post_len = (uint64_t)t->len + it->len;
    const uint8_t *pbytes = penc ? penc : pt->data;
    size_t pbytes_len = penc ? penc_len : pt->len;
    if (post_len > UINT32_MAX || pbytes_len > UINT32_MAX)
        return fail(w, byl_error_set(BYL_ELIMIT, "postings of one term exceed 4 GiB"));
    /* the blocks follow the impacts: their offsets from the skip table's end */
    for (size_t b = 0; b < nblocks && fixed; b++) {
        uint8_t *e = t->data + b * BYL_SKIP_ENTRY6 + 4;
        byl_put_u32(e, byl_get_u32(e) + (uint32_t)it->len);
    }

    /* dictionary entry */
    byl_buf *d = &w->dict;
    if (w->nterms % BYL_DICT_BLOCK == 0) {
        byl_buf_put_u32(&w->dictidx, (uint32_t)d->len);
        byl_buf_put_vbyte(d, w->post_len);
        byl_buf_put_vbyte(d, w->pos_len);
        byl_buf_put_str(d, (const char *)key, keylen);
    } else {
        size_t pre = common_prefix(w->last_key, w->last_len, key, keylen);
        byl_buf_put_vbyte(d, pre);
        byl_buf_put_str(d, (const char *)key + pre, keylen - pre);
    }
    byl_buf_put_vbyte(d, n);
    byl_buf_put_vbyte(d, max_tf);
    byl_buf_put_vbyte(d, post_len);
    byl_buf_put_vbyte(d, pbytes_len);
    if (d->failed || w->dictidx.failed)
        return fail(w, byl_error_set(BYL_ENOMEM, "out of memory writing dictionary"));
    memcpy(w->last_key, key, keylen);
    w->last_len = keylen;
    w->nterms++;

    out(w, t->data, fixed);
    out(w, it->data, it->len);
    out(w, t->data + fixed, t->len - fixed);
    w->post_len += post_len;
    if (!w->rc && pbytes_len && fwrite(pbytes, 1, pbytes_len, w->pos_out) != pbytes_len)
        io_fail(w, "write", w->pos_path);
    w->pos_len += pbytes_len;
    return w->rc;
}

int byl_segw_add_term(byl_segw *w, const uint8_t *key, size_t keylen, size_t n,
                      const uint32_t *docs, const uint32_t *tfs, const uint32_t *npos,
                      const uint32_t *pos)
{
    return add_term(w, key, keylen, n, docs, tfs, npos, pos, NULL, 0, NULL);
}

int byl_segw_add_term_coded(byl_segw *w, const uint8_t *key, size_t keylen, size_t n,
                            const uint32_t *docs, const uint32_t *tfs, const uint8_t *penc,
                            size_t plen, const uint32_t *pblock)
{
    return add_term(w, key, keylen, n, docs, tfs, NULL, NULL, penc, plen, pblock);
}

/* Copies a side file into the segment through out(). */
static void copy_side(byl_segw *w, FILE *f, const char *path, uint64_t len)
{
    if (w->rc)
        return;
    if (fflush(f) || fseek(f, 0, SEEK_SET)) {
        io_fail(w, "read back", path);
        return;
    }
    uint8_t buf[1 << 16];
    while (len && !w->rc) {
        size_t want = len < sizeof buf ? (size_t)len : sizeof buf;
        if (fread(buf, 1, want, f) != want) {
            io_fail(w, "read back", path);
            return;
        }
        out(w, buf, want);
        len -= want;
    }
}

static void section(byl_segw *w, int id, const void *data, size_t n)
{
    w->sec_off[id] = w->off;
    out(w, data, n);
    w->sec_len[id] = n;
}

int byl_segw_finish(byl_segw *w)
{
    if (w->rc)
        return w->rc;
    w->sec_len[BYL_SEC_POSTINGS] = w->post_len;
    section(w, BYL_SEC_DICT, w->dict.data, w->dict.len);
    section(w, BYL_SEC_DICTIDX, w->dictidx.data, w->dictidx.len);
    section(w, BYL_SEC_DOCS, w->docs.data, w->docs.len);
    w->sec_off[BYL_SEC_POSITIONS] = w->off;
    copy_side(w, w->pos_out, w->pos_path, w->pos_len);
    w->sec_len[BYL_SEC_POSITIONS] = w->pos_len;
    flush_store_block(w);
    w->sec_off[BYL_SEC_STORE] = w->off;
    copy_side(w, w->store_out, w->store_path, w->store_len);
    w->sec_len[BYL_SEC_STORE] = w->store_len;
    section(w, BYL_SEC_STOREIDX, w->store_idx.data, w->store_idx.len);
    w->sec_off[BYL_SEC_IDS] = w->off;
    out(w, w->id_ends.data, w->id_ends.len);
    out(w, w->id_bytes.data, w->id_bytes.len);
    w->sec_len[BYL_SEC_IDS] = w->id_ends.len + w->id_bytes.len;
    section(w, BYL_SEC_FPRINT, w->fprints.data, w->fprints.len);
    /* no entry of LENS spans two chunks (one write: a failed one moves
     * nothing, and a loop on the offset would never end) */
    static const uint8_t pad[BYL_LENS_REC];
    out(w, pad, (BYL_LENS_REC - w->off % BYL_LENS_REC) % BYL_LENS_REC);
    section(w, BYL_SEC_LENS, w->lens.data, w->lens.len);
    if (w->rc)
        return w->rc;
    /* the chunk table covers every byte before it and is covered by the
     * page CRCs */
    if (w->chunk_fill) {
        byl_buf_put_u32(&w->chunks, w->chunk_crc);
        w->chunk_fill = 0;
    }
    w->chunks_done = 1;
    uint64_t chunks_off = w->off;
    if (w->chunks.failed)
        return fail(w, byl_error_set(BYL_ENOMEM, "out of memory writing chunk checksums"));
    out(w, w->chunks.data, w->chunks.len);
    if (w->rc)
        return w->rc;
    if (w->page_fill) {
        byl_buf_put_u32(&w->pages, w->page_crc);
        w->page_fill = 0;
    }
    uint64_t footer_off = w->off;

    byl_buf f;
    byl_buf_init(&f);
    byl_buf_put_u32(&f, BYL_SEC_COUNT_ - 1);
    for (int s = 1; s < BYL_SEC_COUNT_; s++) {
        byl_buf_put_u32(&f, (uint32_t)s);
        byl_buf_put_u64(&f, w->sec_off[s]);
        byl_buf_put_u64(&f, w->sec_len[s]);
    }
    byl_buf_put_u32(&f, w->ndocs);
    byl_buf_put_u32(&f, w->title_weight);
    byl_buf_put_u64(&f, w->nterms);
    byl_buf_put_u32(&f, BYL_NFIELDS);
    for (int i = 0; i < BYL_NFIELDS; i++)
        byl_buf_put_u64(&f, w->total_len[i]);
    byl_buf_put_u64(&f, (uint64_t)w->min_date);
    byl_buf_put_u64(&f, (uint64_t)w->max_date);
    byl_buf_put_u64(&f, chunks_off);
    byl_buf_put(&f, w->pages.data, w->pages.len);
    if (f.failed || w->pages.failed) {
        byl_buf_reset(&f);
        return fail(w, byl_error_set(BYL_ENOMEM, "out of memory writing footer"));
    }
    uint8_t tail[BYL_SEG_TAIL];
    byl_put_u64(tail, footer_off);
    byl_put_u32(tail + 8, (uint32_t)f.len);
    byl_put_u32(tail + 12, byl_crc32(0, f.data, f.len));
    byl_put_u32(tail + 16, (uint32_t)(w->pages.len / 4));
    byl_put_u32(tail + 20, BYL_SEG_VERSION);
    memcpy(tail + 24, BYL_SEG_TAIL_MAGIC, 8);
    if (fwrite(f.data, 1, f.len, w->out) != f.len ||
        fwrite(tail, 1, sizeof tail, w->out) != sizeof tail)
        io_fail(w, "write", w->path);
    byl_buf_reset(&f);
    inject(w, "segment sync");
    if (!w->rc && (fflush(w->out) || fsync(fileno(w->out))))
        io_fail(w, "sync", w->path);
    if (!w->rc && fclose(w->out))
        io_fail(w, "close", w->path);
    w->out = NULL;
    if (!w->rc)
        w->finished = 1;
    return w->rc;
}

void byl_segw_free(byl_segw *w)
{
    if (!w)
        return;
    if (w->out)
        fclose(w->out);
    if (w->pos_out)
        fclose(w->pos_out);
    if (w->store_out)
        fclose(w->store_out);
    if (w->pos_path)
        unlink(w->pos_path);
    if (w->store_path)
        unlink(w->store_path);
    if (!w->finished && w->path)
        unlink(w->path);
    if (w->zc)
        libdeflate_free_compressor(w->zc);
    byl_free(w->path);
    byl_free(w->pos_path);
    byl_free(w->store_path);
    byl_buf_reset(&w->pages);
    byl_buf_reset(&w->chunks);
    byl_buf_reset(&w->docs);
    byl_buf_reset(&w->lens);
    byl_buf_reset(&w->store_raw);
    byl_buf_reset(&w->store_idx);
    byl_buf_reset(&w->zbuf);
    byl_buf_reset(&w->id_ends);
    byl_buf_reset(&w->id_bytes);
    byl_buf_reset(&w->fprints);
    byl_buf_reset(&w->dict);
    byl_buf_reset(&w->dictidx);
    byl_buf_reset(&w->tmp);
    byl_buf_reset(&w->ptmp);
    byl_buf_reset(&w->itmp);
    byl_free(w);
}
