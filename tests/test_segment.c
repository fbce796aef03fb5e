/*
 * test_segment.c - the segment writer and reader: a seeded random segment
 * read back exactly (postings, skipping, positions, dictionary, stored
 * articles), and damaged files (truncated, bit-flipped, wrong version)
 * reported as such, never read past their end.
 */
#include <check.h>

#include "check_main.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/delwriter.h"
#include "index/segment.h"
#include "index/segwriter.h"
#include "util/bytes.h"
#include "util/crc.h"
#include "util/err.h"
#include "util/mem.h"

#define NDOCS 3000
#define NTERMS 400

typedef struct tdata {
    char key[32];
    size_t keylen;
    uint32_t n;
    uint32_t *docs, *tfs, *npos, *pos;
    size_t npos_total;
} tdata;

static tdata terms[NTERMS];
static char dir[256];
static char path[300];

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static int cmp_key(const void *a, const void *b)
{
    const tdata *x = a, *y = b;
    return strcmp(x->key, y->key);
}

static void body_of(uint32_t d, char *buf, size_t cap)
{
    snprintf(buf, cap, "Body of article %u: the quick brown fox %u.", d, d * 7);
}

static void build(void)
{
    uint64_t seed = 7;
    for (int t = 0; t < NTERMS; t++) {
        tdata *x = &terms[t];
        /* field byte 0, then a word; keys are unique by construction */
        x->keylen = (size_t)snprintf(x->key, sizeof x->key, "%cw%05d%c", 1, t * 13 % 10007,
                                     'a' + t % 26);
        uint32_t want = t % 10 == 0 ? 200 + rnd(&seed) % 2800 : 1 + rnd(&seed) % 40;
        if (t == 1)
            want = NDOCS; /* every document: full blocks only */
        if (t == 2)
            want = 128;   /* exactly one full block */
        x->docs = malloc(want * sizeof *x->docs);
        x->tfs = malloc(want * sizeof *x->tfs);
        x->npos = malloc(want * sizeof *x->npos);
        x->pos = malloc(want * 8 * sizeof *x->pos);
        uint32_t d = 0;
        x->n = 0;
        for (uint32_t i = 0; i < want && d < NDOCS; i++) {
            d += want == NDOCS ? (i ? 1 : 0) : rnd(&seed) % (2 * NDOCS / want + 1);
            if (i && d <= x->docs[x->n - 1])
                d = x->docs[x->n - 1] + 1;
            if (d >= NDOCS)
                break;
            x->docs[x->n] = d;
            x->tfs[x->n] = 1 + rnd(&seed) % (i % 50 == 0 ? 300 : 4);
            uint32_t np = 1 + rnd(&seed) % 8;
            x->npos[x->n] = np;
            uint32_t p = 0;
            for (uint32_t k = 0; k < np; k++) {
                p += rnd(&seed) % 1000;
                x->pos[x->npos_total++] = p;
            }
            x->n++;
        }
        if (x->n == 0) { /* every term needs a document */
            x->docs[0] = 0;
            x->tfs[0] = 1;
            x->npos[0] = 1;
            x->pos[x->npos_total++] = 3;
            x->n = 1;
        }
    }
    qsort(terms, NTERMS, sizeof *terms, cmp_key);

    strcpy(dir, "/tmp/byl_test_segXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.seg", dir);
    byl_segw *w;
    ck_assert_int_eq(byl_segw_new(path, 2, &w), BYL_OK);
    for (uint32_t d = 0; d < NDOCS; d++) {
        char id[32], title[64], body[128];
        snprintf(id, sizeof id, "doc-%u", d);
        snprintf(title, sizeof title, "Title %u", d);
        body_of(d, body, sizeof body);
        byl_stored st = {.id = id, .id_len = strlen(id), .title = title,
                         .title_len = strlen(title), .author = "", .source = "S",
                         .source_len = 1, .url = "", .body = body, .body_len = strlen(body),
                         .date = (int64_t)d * 86400};
        uint32_t lens[BYL_NFIELDS] = {d % 100, 1, 2, 3, 4, 5};
        ck_assert_int_eq(byl_segw_add_doc(w, &st, lens), BYL_OK);
    }
    for (int t = 0; t < NTERMS; t++)
        ck_assert_int_eq(byl_segw_add_term(w, (const uint8_t *)terms[t].key, terms[t].keylen,
                                           terms[t].n, terms[t].docs, terms[t].tfs,
                                           terms[t].npos, terms[t].pos),
                         BYL_OK);
    ck_assert_int_eq(byl_segw_finish(w), BYL_OK);
    byl_segw_free(w);
}

static void teardown(void)
{
    for (int t = 0; t < NTERMS; t++) {
        free(terms[t].docs);
        free(terms[t].tfs);
        free(terms[t].npos);
        free(terms[t].pos);
        memset(&terms[t], 0, sizeof terms[t]);
    }
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_postings_roundtrip)
{
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(path, &s), BYL_OK);
    ck_assert_uint_eq(byl_segment_stats(s)->ndocs, NDOCS);
    ck_assert_uint_eq(byl_segment_stats(s)->nterms, NTERMS);
    ck_assert_uint_eq(byl_segment_stats(s)->title_weight, 2);
    uint32_t pbuf[16];
    for (int t = 0; t < NTERMS; t++) {
        tdata *x = &terms[t];
        byl_terminfo ti;
        ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)x->key, x->keylen, &ti), BYL_OK);
        ck_assert_uint_eq(ti.df, x->n);
        byl_cursor c;
        byl_cursor_init(&c, s, &ti);
        size_t pi = 0;
        for (uint32_t i = 0; i < x->n; i++) {
            ck_assert_uint_eq(c.doc, x->docs[i]);
            ck_assert_uint_eq(c.tf, x->tfs[i]);
            long n = byl_cursor_positions(&c, pbuf, 16);
            ck_assert_int_eq(n, (long)x->npos[i]);
            for (long k = 0; k < n; k++)
                ck_assert_uint_eq(pbuf[k], x->pos[pi + (size_t)k]);
            pi += x->npos[i];
            byl_cursor_next(&c);
        }
        ck_assert_uint_eq(c.doc, BYL_END);
        ck_assert_int_eq(c.err, 0);
    }
    byl_segment_close(s);
}
END_TEST

START_TEST(test_next_geq_matches_linear_scan)
{
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(path, &s), BYL_OK);
    uint64_t seed = 99;
    for (int t = 0; t < NTERMS; t += 3) {
        tdata *x = &terms[t];
        byl_terminfo ti;
        ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)x->key, x->keylen, &ti), BYL_OK);
        byl_cursor c;
        byl_cursor_init(&c, s, &ti);
        uint32_t target = 0;
        while (c.doc != BYL_END) {
            target += 1 + rnd(&seed) % 200;
            uint32_t got = byl_cursor_next_geq(&c, target);
            uint32_t want = BYL_END, want_tf = 0;
            for (uint32_t i = 0; i < x->n; i++)
                if (x->docs[i] >= target) {
                    want = x->docs[i];
                    want_tf = x->tfs[i];
                    break;
                }
            ck_assert_uint_eq(got, want);
            if (got != BYL_END) {
                ck_assert_uint_eq(c.tf, want_tf);
                ck_assert_uint_ge(byl_cursor_block_last(&c), got);
            }
        }
    }
    byl_segment_close(s);
}
END_TEST

START_TEST(test_dictionary)
{
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(path, &s), BYL_OK);
    byl_terminfo ti;
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)"\001nothere", 8, &ti), BYL_ENOTFOUND);
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)"\000", 1, &ti), BYL_ENOTFOUND);
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)"\377", 1, &ti), BYL_ENOTFOUND);
    byl_dictiter it;
    ck_assert_int_eq(byl_dictiter_seek(&it, s, NULL, 0), BYL_OK);
    for (int t = 0; t < NTERMS; t++) {
        ck_assert(!it.eof);
        ck_assert_uint_eq(it.keylen, terms[t].keylen);
        ck_assert_mem_eq(it.key, terms[t].key, it.keylen);
        ck_assert_int_eq(byl_dictiter_next(&it), BYL_OK);
    }
    ck_assert(it.eof);
    /* seek lands on the first key >= the probe */
    ck_assert_int_eq(byl_dictiter_seek(&it, s, (const uint8_t *)terms[100].key,
                                       terms[100].keylen - 1), BYL_OK);
    ck_assert_mem_eq(it.key, terms[100].key, terms[100].keylen);
    byl_segment_close(s);
}
END_TEST

START_TEST(test_stored)
{
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(path, &s), BYL_OK);
    const uint32_t probe[] = {0, 1, 2, 500, 499, NDOCS - 1, 17};
    for (size_t i = 0; i < sizeof probe / sizeof *probe; i++) {
        uint32_t d = probe[i];
        byl_stored st;
        ck_assert_int_eq(byl_segment_stored(s, d, &st), BYL_OK);
        char id[32], body[128];
        snprintf(id, sizeof id, "doc-%u", d);
        body_of(d, body, sizeof body);
        ck_assert_uint_eq(st.id_len, strlen(id));
        ck_assert_mem_eq(st.id, id, st.id_len);
        ck_assert_uint_eq(st.body_len, strlen(body));
        ck_assert_mem_eq(st.body, body, st.body_len);
        ck_assert_int_eq(st.date, (int64_t)d * 86400);
        const char *idp;
        size_t idl;
        ck_assert_int_eq(byl_segment_doc_id(s, d, &idp, &idl), BYL_OK);
        ck_assert_uint_eq(idl, strlen(id));
        ck_assert_mem_eq(idp, id, idl);
        uint32_t lens[BYL_NFIELDS];
        ck_assert_int_eq(byl_segment_doc_info(s, d, NULL, lens), BYL_OK);
        ck_assert_uint_eq(lens[0], d % 100);
        ck_assert_uint_eq(lens[5], 5);
    }
    byl_stored st;
    ck_assert_int_eq(byl_segment_stored(s, NDOCS, &st), BYL_EINVAL);
    byl_segment_close(s);
}
END_TEST

/* Reads everything a query could read; returns the first error or 0. */
static int read_all(byl_segment *s)
{
    byl_dictiter it;
    int rc = byl_dictiter_seek(&it, s, NULL, 0);
    uint32_t pbuf[8];
    while (!rc && !it.eof) {
        byl_cursor c;
        byl_cursor_init(&c, s, &it.info);
        while (c.doc != BYL_END) {
            byl_cursor_positions(&c, pbuf, 8);
            byl_cursor_next(&c);
        }
        if (c.err)
            return c.err;
        rc = byl_dictiter_next(&it);
    }
    for (uint32_t d = 0; !rc && d < byl_segment_stats(s)->ndocs; d += 37) {
        byl_stored st;
        rc = byl_segment_stored(s, d, &st);
    }
    for (uint32_t d = 0; !rc && d < byl_segment_stats(s)->ndocs; d++) {
        uint32_t lens[BYL_NFIELDS];
        rc = byl_segment_doc_info(s, d, NULL, lens);
    }
    for (uint32_t d = 0; !rc && d < byl_segment_stats(s)->ndocs; d++) {
        const char *id;
        size_t len;
        rc = byl_segment_doc_id(s, d, &id, &len);
    }
    for (uint32_t d = 0; !rc && d < byl_segment_stats(s)->ndocs; d++) {
        const uint8_t *fp;
        rc = byl_segment_fingerprint(s, d, &fp);
    }
    return rc;
}

static void copy_to(const char *to, size_t keep, long flip_at)
{
    FILE *in = fopen(path, "rb"), *out = fopen(to, "wb");
    ck_assert(in && out);
    int c;
    long i = 0;
    while ((c = fgetc(in)) != EOF && (size_t)i < keep) {
        if (i == flip_at)
            c ^= 0x10;
        fputc(c, out);
        i++;
    }
    fclose(in);
    fclose(out);
}

START_TEST(test_truncated_files_are_refused)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    char bad[320];
    snprintf(bad, sizeof bad, "%s/bad.seg", dir);
    size_t size = (size_t)st.st_size;
    const size_t cuts[] = {0, 1, 15, 16, 47, size / 2, size - 33, size - 32, size - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        copy_to(bad, cuts[i], -1);
        byl_segment *s = NULL;
        int rc = byl_segment_open(bad, &s);
        ck_assert_int_eq(rc, BYL_ECORRUPT);
        ck_assert_ptr_null(s);
        ck_assert_ptr_nonnull(strstr(byl_error_msg(), "bad.seg"));
    }
}
END_TEST

START_TEST(test_bit_flips_are_detected)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    char bad[320];
    snprintf(bad, sizeof bad, "%s/flip.seg", dir);
    long size = (long)st.st_size;
    int detected = 0, tried = 0;
    for (long at = 0; at < size; at += size / 61 + 1) {
        copy_to(bad, (size_t)size, at);
        byl_segment *s = NULL;
        int rc = byl_segment_open(bad, &s);
        if (rc == BYL_OK) {
            rc = read_all(s);
            byl_segment_close(s);
        }
        tried++;
        if (rc == BYL_ECORRUPT || rc == BYL_EVERSION)
            detected++;
    }
    /* every byte of the file is covered by a magic, the footer CRC or a
     * page CRC, so every flip must be caught */
    ck_assert_int_eq(detected, tried);
}
END_TEST

/* The whole of a file, read into memory; *n its size. */
static uint8_t *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *m = malloc(*n);
    ck_assert(m && fread(m, 1, *n, f) == *n);
    fclose(f);
    return m;
}

static void spit(const char *p, const uint8_t *m, size_t n)
{
    FILE *f = fopen(p, "wb");
    ck_assert(f && fwrite(m, 1, n, f) == n);
    fclose(f);
}

/* Writes to p the segment m[0..n) with byte at XORed by x, its page's CRC
 * and the footer's resealed: damage only a chunk CRC can tell. */
static void spit_resealed(const char *p, const uint8_t *m, size_t n, uint64_t at, uint8_t x)
{
    uint64_t foff = byl_get_u64(m + n - BYL_SEG_TAIL);
    uint32_t flen = byl_get_u32(m + n - BYL_SEG_TAIL + 8);
    uint32_t npages = byl_get_u32(m + n - BYL_SEG_TAIL + 16);
    uint8_t *w = malloc(n);
    ck_assert_ptr_nonnull(w);
    memcpy(w, m, n);
    w[at] ^= x;
    uint64_t pg = at >> BYL_PAGE_SHIFT, a = pg << BYL_PAGE_SHIFT;
    uint64_t b = a + BYL_PAGE_SIZE < foff ? a + BYL_PAGE_SIZE : foff;
    byl_put_u32(w + foff + flen - 4 * (size_t)npages + 4 * pg, byl_crc32(0, w + a, b - a));
    byl_put_u32(w + n - BYL_SEG_TAIL + 12, byl_crc32(0, w + foff, flen));
    spit(p, w, n);
    free(w);
}

/* A flip that a forger has covered with new page and footer CRCs (as a
 * 32 KiB check would then pass) is still caught, by its 4 KiB chunk's CRC,
 * both when a query reads the bytes and by a full verification; and a flip
 * in the chunk table itself is caught by its page. */
START_TEST(test_chunk_crcs_catch_what_pages_miss)
{
    size_t n;
    uint8_t *m = slurp(path, &n);
    const uint8_t *tail = m + n - BYL_SEG_TAIL;
    uint64_t foff = byl_get_u64(tail);
    uint32_t flen = byl_get_u32(tail + 8);
    ck_assert_uint_eq(byl_get_u32(tail + 20), BYL_SEG_VERSION);
    uint64_t co = byl_get_u64(m + foff + 4 + (size_t)byl_seg_nsections(BYL_SEG_VERSION) * 20 + 20 +
                              8 * BYL_NFIELDS + 16);
    ck_assert_uint_eq(foff - co, 4 * ((co + BYL_CHUNK_SIZE - 1) / BYL_CHUNK_SIZE));
    char bad[320];
    snprintf(bad, sizeof bad, "%s/chunk.seg", dir);
    int tried = 0;
    for (uint64_t at = BYL_SEG_HEADER; at < co; at += co / 23 + 1, tried++) {
        spit_resealed(bad, m, n, at, 0x04);
        byl_segment *s = NULL;
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        ck_assert_int_eq(read_all(s), BYL_ECORRUPT);
        ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
        byl_segment_close(s);
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        ck_assert_int_eq(byl_segment_verify(s), BYL_ECORRUPT);
        ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
        byl_segment_close(s);
    }
    ck_assert_int_ge(tried, 20);
    for (uint64_t at = co; at < foff; at += 97) {
        uint8_t *w = malloc(n);
        memcpy(w, m, n);
        w[at] ^= 0x40;
        spit(bad, w, n);
        free(w);
        byl_segment *s = NULL;
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        ck_assert_int_eq(read_all(s), BYL_ECORRUPT);
        byl_segment_close(s);
    }
    /* a footer that moves the table is refused at open */
    uint8_t *w = malloc(n);
    memcpy(w, m, n);
    byl_put_u64(w + foff + 4 + (size_t)byl_seg_nsections(BYL_SEG_VERSION) * 20 + 20 +
                    8 * BYL_NFIELDS + 16, co - 4);
    byl_put_u32(w + n - BYL_SEG_TAIL + 12, byl_crc32(0, w + foff, flen));
    spit(bad, w, n);
    free(w);
    byl_segment *s = NULL;
    ck_assert_int_eq(byl_segment_open(bad, &s), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk table"));
    free(m);
}
END_TEST

/* A DOCS column of 1 MiB or more is read with pread into a few verified
 * chunks, read ahead when in order.  Every record reads back as written in
 * order, backwards and at random (the cache's slots reused, records across
 * two chunks joined); a flip in one chunk, resealed so that only its chunk
 * CRC can tell, fails the documents of that chunk and no other, whether it
 * is reached alone or in a run read ahead. */
#define BIGDOCS 33000
static void big_lens(uint32_t d, uint32_t *lens)
{
    for (int f = 0; f < BYL_NFIELDS; f++)
        lens[f] = (d * 2654435761u + (uint32_t)f * 97u) % 5000u;
}

static int big_doc_ok(byl_segment *s, uint32_t d)
{
    uint32_t lens[BYL_NFIELDS], want[BYL_NFIELDS];
    int64_t date = 0;
    int rc = byl_segment_doc_info(s, d, &date, lens);
    if (rc)
        return rc;
    big_lens(d, want);
    ck_assert_int_eq(date, (int64_t)d * 3600 + 7);
    ck_assert_mem_eq(lens, want, sizeof lens);
    return BYL_OK;
}

/* A fresh directory for a large segment (bdir), its path and a damaged
 * copy's (bpath, bad: 128 bytes each). */
static void big_paths(const char *tmpl, char *bdir, char *bpath, char *bad)
{
    strcpy(bdir, tmpl);
    ck_assert_ptr_nonnull(mkdtemp(bdir));
    snprintf(bpath, 128, "%s/big.seg", bdir);
    snprintf(bad, 128, "%s/bad.seg", bdir);
}

/* Removes a directory of big_paths and what is in it. */
static void remove_dir(const char *bdir)
{
    char cmd[100];
    snprintf(cmd, sizeof cmd, "rm -rf %s", bdir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_docs_read_not_mapped)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_docsXXXXXX", bdir, bpath, bad);
    byl_segw *w;
    ck_assert_int_eq(byl_segw_new(bpath, 1, &w), BYL_OK);
    uint32_t *all = malloc(BIGDOCS * sizeof *all), *tfs = malloc(BIGDOCS * sizeof *tfs),
             *np = malloc(BIGDOCS * sizeof *np), *pos = malloc(BIGDOCS * sizeof *pos);
    ck_assert(all && tfs && np && pos);
    for (uint32_t d = 0; d < BIGDOCS; d++) {
        char id[32];
        snprintf(id, sizeof id, "d%u", d);
        byl_stored st = {.id = id, .id_len = strlen(id), .title = "t", .title_len = 1,
                         .author = "", .source = "", .url = "", .body = "b", .body_len = 1,
                         .date = (int64_t)d * 3600 + 7};
        uint32_t lens[BYL_NFIELDS];
        big_lens(d, lens);
        ck_assert_int_eq(byl_segw_add_doc(w, &st, lens), BYL_OK);
        all[d] = d, tfs[d] = 1, np[d] = 1, pos[d] = 0;
    }
    ck_assert_int_eq(byl_segw_add_term(w, (const uint8_t *)"\001w", 2, BIGDOCS, all, tfs, np,
                                       pos), BYL_OK);
    ck_assert_int_eq(byl_segw_finish(w), BYL_OK);
    byl_segw_free(w);
    free(tfs), free(np), free(pos);

    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    ck_assert_uint_ge(byl_segment_section_size(s, BYL_SEC_DOCS), 1u << 20);
    for (uint32_t d = 0; d < BIGDOCS; d++)
        ck_assert_int_eq(big_doc_ok(s, d), BYL_OK);
    for (uint32_t d = BIGDOCS; d-- > 0;)
        ck_assert_int_eq(big_doc_ok(s, d), BYL_OK);
    uint64_t seed = 11;
    for (int i = 0; i < 20000; i++)
        ck_assert_int_eq(big_doc_ok(s, rnd(&seed) % BIGDOCS), BYL_OK);
    uint32_t lens[BYL_NFIELDS];
    ck_assert_int_eq(byl_segment_doc_info(s, BIGDOCS, NULL, lens), BYL_EINVAL);
    byl_segment_close(s);

    /* damage: the record of one document, its page and footer CRCs resealed */
    size_t n;
    uint8_t *m = slurp(bpath, &n);
    uint64_t foff = byl_get_u64(m + n - BYL_SEG_TAIL);
    const uint32_t victims[] = {0, 12345, BIGDOCS - 1};
    for (size_t v = 0; v < sizeof victims / sizeof *victims; v++) {
        uint32_t dv = victims[v];
        uint8_t rec[BYL_DOC_REC];
        byl_put_u64(rec, (uint64_t)dv * 3600 + 7);
        big_lens(dv, lens);
        for (int f = 0; f < BYL_NFIELDS; f++)
            byl_put_u32(rec + 8 + 4 * f, lens[f]);
        uint8_t *at = NULL;
        for (size_t i = 0; i + BYL_DOC_REC <= foff && !at; i++)
            if (memcmp(m + i, rec, BYL_DOC_REC) == 0)
                at = m + i;
        ck_assert_ptr_nonnull(at);
        uint64_t off = (uint64_t)(at - m) + 9; /* a length byte */
        spit_resealed(bad, m, n, off, 0x01);
        uint64_t chunk = off >> BYL_CHUNK_SHIFT;
        /* in order (read ahead), then backwards (each chunk alone) */
        for (int pass = 0; pass < 2; pass++) {
            ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
            for (uint32_t k = 0; k < BIGDOCS; k++) {
                uint32_t d = pass ? BIGDOCS - 1 - k : k;
                uint64_t r0 = (uint64_t)(at - m) - (uint64_t)dv * BYL_DOC_REC +
                              (uint64_t)d * BYL_DOC_REC;
                int hit = r0 >> BYL_CHUNK_SHIFT == chunk ||
                          (r0 + BYL_DOC_REC - 1) >> BYL_CHUNK_SHIFT == chunk;
                int rc = big_doc_ok(s, d);
                ck_assert_int_eq(rc, hit ? BYL_ECORRUPT : BYL_OK);
                if (hit)
                    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
            }
            byl_segment_close(s);
        }
    }
    free(m);
    free(all);
    remove_dir(bdir);
}
END_TEST

/* A large segment (DOCS of 1 MiB or more: its file kept open) reads the
 * probes of its binary searches (dictionary, store index) and its stored
 * blocks by pread into a verified buffer, then through the map past a
 * budget of reads.  Every term is found with the information a walk of the
 * dictionary gives it, absent keys are not, and every article reads back,
 * by both paths; a flip in the dictionary or in a stored block, resealed
 * so that only its chunk CRC can tell, fails the reads that touch its
 * chunk and no other, and is never read as data. */
#define PEEKDOCS 40000
#define PEEKTERMS 4000

static void peek_body(uint32_t d, char *buf, size_t cap)
{
    snprintf(buf, cap, "Article %u tells of %u things, %u of them new.", d, d * 31u % 977u,
             d % 13u);
}

static void peek_key(uint32_t t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%cterm%05u", 1, t * 3u); /* absent keys between: t*3+1 */
}

/* Looks every term up (in a scrambled order), some absent keys, and some
 * articles; returns how many reads failed as damage (each with a chunk
 * named); any other failure or a wrong answer fails the test. */
static int peek_pass(byl_segment *s, uint64_t seed)
{
    int damaged = 0;
    for (uint32_t i = 0; i < PEEKTERMS; i++) {
        uint32_t t = (uint32_t)((i * 2654435761ull + seed) % PEEKTERMS);
        char key[32];
        peek_key(t, key, sizeof key);
        byl_terminfo ti;
        int rc = byl_segment_lookup(s, (const uint8_t *)key, strlen(key), &ti);
        if (rc == BYL_ECORRUPT) {
            ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
            damaged++;
            continue;
        }
        ck_assert_int_eq(rc, BYL_OK);
        ck_assert_uint_eq(ti.df, t % 7 + 1);
        key[strlen(key) - 1]++; /* t*3+1: between two terms */
        rc = byl_segment_lookup(s, (const uint8_t *)key, strlen(key), &ti);
        if (rc == BYL_ECORRUPT) {
            damaged++;
            continue;
        }
        ck_assert_int_eq(rc, BYL_ENOTFOUND);
    }
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t d = (uint32_t)((i * 40503ull + seed * 7) % PEEKDOCS);
        byl_stored st;
        int rc = byl_segment_stored(s, d, &st);
        if (rc == BYL_ECORRUPT) {
            ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
            damaged++;
            continue;
        }
        ck_assert_int_eq(rc, BYL_OK);
        char want[128], id[32];
        peek_body(d, want, sizeof want);
        snprintf(id, sizeof id, "p%u", d);
        ck_assert_uint_eq(st.body_len, strlen(want));
        ck_assert_mem_eq(st.body, want, st.body_len);
        ck_assert_uint_eq(st.id_len, strlen(id));
        ck_assert_mem_eq(st.id, id, st.id_len);
    }
    return damaged;
}

/* The offset of a section, from the footer's section table. */
static uint64_t section_off(const uint8_t *m, size_t n, int sec, uint64_t *len)
{
    uint64_t foff = byl_get_u64(m + n - BYL_SEG_TAIL);
    uint32_t nsec = byl_get_u32(m + foff);
    for (uint32_t i = 0; i < nsec; i++) {
        const uint8_t *e = m + foff + 4 + 20 * (size_t)i;
        if (byl_get_u32(e) == (uint32_t)sec) {
            *len = byl_get_u64(e + 12);
            return byl_get_u64(e + 4);
        }
    }
    ck_abort_msg("no section %d", sec);
    return 0;
}

/* A large segment (its file kept open: DOCS of 1 MiB or more) of PEEKDOCS
 * articles (peek_body) and nterms terms (peek_key), term t in t % 7 + 1
 * documents, (t * 10 + i * 1009) % PEEKDOCS in ascending order. */
static void peek_segment(const char *bpath, uint32_t nterms)
{
    byl_segw *w;
    ck_assert_int_eq(byl_segw_new(bpath, 1, &w), BYL_OK);
    for (uint32_t d = 0; d < PEEKDOCS; d++) {
        char id[32], body[128];
        snprintf(id, sizeof id, "p%u", d);
        peek_body(d, body, sizeof body);
        byl_stored st = {.id = id, .id_len = strlen(id), .title = "t", .title_len = 1,
                         .author = "", .source = "", .url = "", .body = body,
                         .body_len = strlen(body), .date = (int64_t)d * 60};
        uint32_t lens[BYL_NFIELDS] = {3, 1, 0, 0, 0, 1};
        ck_assert_int_eq(byl_segw_add_doc(w, &st, lens), BYL_OK);
    }
    for (uint32_t t = 0; t < nterms; t++) {
        char key[32];
        peek_key(t, key, sizeof key);
        uint32_t n = t % 7 + 1, docs[8], tfs[8], np[8], pos[8];
        for (uint32_t i = 0; i < n; i++)
            docs[i] = (t * 10 + i * 1009) % PEEKDOCS, tfs[i] = 1, np[i] = 1, pos[i] = 0;
        for (uint32_t i = 1; i < n; i++) /* ascending */
            for (uint32_t j = i; j > 0 && docs[j - 1] > docs[j]; j--) {
                uint32_t x = docs[j];
                docs[j] = docs[j - 1], docs[j - 1] = x;
            }
        ck_assert_int_eq(byl_segw_add_term(w, (const uint8_t *)key, strlen(key), n, docs, tfs,
                                           np, pos), BYL_OK);
    }
    ck_assert_int_eq(byl_segw_finish(w), BYL_OK);
    byl_segw_free(w);
}

START_TEST(test_peeked_reads)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_peekXXXXXX", bdir, bpath, bad);
    peek_segment(bpath, PEEKTERMS);

    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    ck_assert_uint_ge(byl_segment_section_size(s, BYL_SEC_DOCS), 1u << 20);
    /* by pread at first, through the map once the budget is spent */
    for (uint64_t pass = 0; pass < 4; pass++)
        ck_assert_int_eq(peek_pass(s, pass), 0);
    /* a walk of the dictionary (through the map) agrees */
    byl_dictiter it;
    ck_assert_int_eq(byl_dictiter_seek(&it, s, (const uint8_t *)"", 0), BYL_OK);
    uint32_t nt = 0;
    for (; !it.eof; nt++) {
        char key[32];
        peek_key(nt, key, sizeof key);
        ck_assert_uint_eq(it.keylen, strlen(key));
        ck_assert_mem_eq(it.key, key, it.keylen);
        ck_assert_uint_eq(it.info.df, nt % 7 + 1);
        ck_assert_int_eq(byl_dictiter_next(&it), BYL_OK);
    }
    ck_assert_uint_eq(nt, PEEKTERMS);
    byl_segment_close(s);

    /* damage in the middle of the dictionary, then of the stored text */
    size_t n;
    uint8_t *m = slurp(bpath, &n);
    const int secs[] = {BYL_SEC_DICT, BYL_SEC_STORE};
    for (int v = 0; v < 2; v++) {
        uint64_t len, off = section_off(m, n, secs[v], &len) + len / 2;
        spit_resealed(bad, m, n, off, 0x20);
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        int first = peek_pass(s, 0); /* peeked */
        ck_assert_int_gt(first, 0);
        for (uint64_t pass = 0; pass < 3; pass++) /* on through the map */
            ck_assert_int_gt(peek_pass(s, 0), 0);
        byl_segment_close(s);
    }
    free(m);
    remove_dir(bdir);
}
END_TEST

/* Walks every term's postings in s (looked up by peek_key), beginning the
 * segment's reads again every `every` terms when every > 0 (a searcher's
 * lists by pread, struct listread), and writes each term's outcome in
 * out: its documents summed with their tfs, or UINT64_MAX when the walk
 * met damage (with a chunk or a page named).  Returns the damaged count. */
static int list_walk(byl_segment *s, uint32_t every, uint64_t *out)
{
    int damaged = 0;
    for (uint32_t t = 0; t < PEEKTERMS; t++) {
        if (every && t % every == 0)
            byl_segment_reads_begin(s);
        char key[32];
        peek_key(t, key, sizeof key);
        byl_terminfo ti;
        int rc = byl_segment_lookup(s, (const uint8_t *)key, strlen(key), &ti);
        uint64_t sum = 0;
        if (rc == BYL_OK) {
            byl_cursor c;
            uint32_t n = 0;
            for (byl_cursor_init(&c, s, &ti); c.doc != BYL_END; byl_cursor_next(&c), n++)
                sum = sum * 31 + c.doc * 8u + c.tf;
            rc = c.err;
            if (!rc)
                ck_assert_uint_eq(n, t % 7 + 1);
        }
        if (rc) {
            ck_assert_int_eq(rc, BYL_ECORRUPT);
            ck_assert(strstr(byl_error_msg(), "chunk") || strstr(byl_error_msg(), "page"));
            damaged++;
            sum = UINT64_MAX;
        }
        out[t] = sum;
    }
    return damaged;
}

/* A searcher's postings lists are read by pread into the heap
 * (byl_segment_reads_begin), up to a budget a search, then through the
 * map: every term's walk is the same either way, begun again often or
 * not; a flip in a list, resealed so that only its chunk's CRC can tell,
 * fails the same terms by both paths and no other; and a flip in the
 * chunk table itself, read by pread, is caught by the table's page. */
START_TEST(test_lists_read_by_pread)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_listsXXXXXX", bdir, bpath, bad);
    peek_segment(bpath, PEEKTERMS);
    uint64_t *mapped = malloc(PEEKTERMS * sizeof *mapped), *read = malloc(PEEKTERMS * sizeof *read);
    ck_assert(mapped && read);
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    ck_assert_int_eq(list_walk(s, 0, mapped), 0);
    byl_segment_close(s);
    const uint32_t everies[] = {1, 37, 1000000};
    for (size_t e = 0; e < 3; e++) {
        ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
        ck_assert_int_eq(list_walk(s, everies[e], read), 0);
        ck_assert_mem_eq(read, mapped, PEEKTERMS * sizeof *read);
        byl_segment_close(s);
    }

    size_t n;
    uint8_t *m = slurp(bpath, &n);
    uint64_t len, off = section_off(m, n, BYL_SEC_POSTINGS, &len);
    for (int v = 1; v <= 3; v++) { /* three places in the postings */
        spit_resealed(bad, m, n, off + len * (uint64_t)v / 4, 0x10);
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        int dm = list_walk(s, 0, mapped);
        byl_segment_close(s);
        ck_assert_int_gt(dm, 0);
        ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
        ck_assert_int_eq(list_walk(s, 37, read), dm);
        byl_segment_close(s);
        for (uint32_t t = 0; t < PEEKTERMS; t++)
            ck_assert_msg((read[t] == UINT64_MAX) == (mapped[t] == UINT64_MAX), "term %u", t);
    }
    /* a list's chunk changed with its page's CRC and its entry in the
     * chunk table made to match: only the table's page CRC can tell */
    uint64_t foff = byl_get_u64(m + n - BYL_SEG_TAIL);
    uint64_t co = byl_get_u64(m + foff + 4 + (size_t)byl_seg_nsections(BYL_SEG_VERSION) * 20 + 20 +
                              8 * BYL_NFIELDS + 16);
    uint64_t at = off + len / 2, c = at >> BYL_CHUNK_SHIFT;
    spit_resealed(bad, m, n, at, 0x10);
    uint8_t *w = slurp(bad, &n);
    byl_put_u32(w + co + 4 * c, byl_crc32(0, w + (c << BYL_CHUNK_SHIFT), BYL_CHUNK_SIZE));
    spit(bad, w, n);
    free(w);
    ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
    ck_assert_int_gt(list_walk(s, 37, read), 0);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "page"));
    byl_segment_close(s);
    free(m);
    free(mapped);
    free(read);
    remove_dir(bdir);
}
END_TEST

/* Look-ups of a segment read by pread are remembered (struct memo in
 * segment.c): a long mixed run of present and absent keys, each asked many
 * times in a scrambled order, gets what a walk of the dictionary from the
 * key finds; new deletions are counted at once, not remembered from before
 * them; and a mapped (small) segment remembers nothing, so that threads
 * may share it (test_collapse's threads do). */
/* Look-ups through the fences (the first keys of the blocks at the top of
 * the binary search, kept by a segment read by pread) against a walk of
 * the dictionary: every key present, and one absent just after each, in
 * a random order over a dictionary of blocks enough that its search
 * goes deeper than the fences. */
START_TEST(test_lookup_fences)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_fenceXXXXXX", bdir, bpath, bad);
    enum { NT = 12000 };
    peek_segment(bpath, NT);
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    /* more blocks than 127 fences: the search goes on past them */
    ck_assert_uint_gt(byl_segment_section_size(s, BYL_SEC_DICTIDX) / 4, 255);
    uint64_t seed = 5;
    size_t n = getenv("BYL_TEST_SHORT") ? NT / 4 : NT; /* valgrind */
    for (size_t i = 0; i < 2 * n; i++) {
        uint32_t t = (uint32_t)(rnd(&seed) % NT);
        char key[40];
        peek_key(t, key, sizeof key);
        size_t kl = strlen(key);
        int absent = i % 2;
        if (absent)
            key[kl - 1]++; /* between two terms */
        byl_terminfo got;
        int rc = byl_segment_lookup(s, (const uint8_t *)key, kl, &got);
        byl_dictiter it;
        ck_assert_int_eq(byl_dictiter_seek(&it, s, (const uint8_t *)key, kl), BYL_OK);
        int found = !it.eof && it.keylen == kl && memcmp(it.key, key, kl) == 0;
        ck_assert_int_eq(found, !absent);
        ck_assert_int_eq(rc, found ? BYL_OK : BYL_ENOTFOUND);
        if (found)
            ck_assert_mem_eq(&got, &it.info, sizeof got);
    }
    /* keys before the first and after the last */
    byl_terminfo ti;
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)"\x01", 1, &ti), BYL_ENOTFOUND);
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)"\xff\xff", 2, &ti), BYL_ENOTFOUND);
    byl_segment_close(s);
    remove_dir(bdir);
}
END_TEST

START_TEST(test_lookup_memo)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_memoXXXXXX", bdir, bpath, bad);
    peek_segment(bpath, 64);

    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    uint64_t seed = 11;
    for (int i = 0; i < 3000; i++) {
        uint32_t t = rnd(&seed) % 48; /* more keys than slots: evictions */
        char key[40];
        peek_key(t, key, sizeof key);
        size_t kl = strlen(key);
        if (i % 3 == 0)
            key[kl - 1]++; /* absent: between two terms */
        byl_terminfo got;
        int rc = byl_segment_lookup(s, (const uint8_t *)key, kl, &got);
        /* the oracle: a walk from the key (the dictionary iterator keeps no memo) */
        byl_dictiter it;
        ck_assert_int_eq(byl_dictiter_seek(&it, s, (const uint8_t *)key, kl), BYL_OK);
        int found = !it.eof && it.keylen == kl && memcmp(it.key, key, kl) == 0;
        ck_assert_int_eq(rc, found ? BYL_OK : BYL_ENOTFOUND);
        ck_assert_int_eq(rc, i % 3 == 0 ? BYL_ENOTFOUND : BYL_OK);
        if (rc == BYL_OK) {
            ck_assert_uint_eq(got.df, t % 7 + 1);
            ck_assert_mem_eq(&got, &it.info, sizeof got);
        }
    }
    /* deletions set after a look-up: the next one counts them */
    char key[32];
    peek_key(5, key, sizeof key);
    byl_terminfo ti;
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)key, strlen(key), &ti), BYL_OK);
    ck_assert_uint_eq(ti.ndel, 0);
    byl_dels *add, *d;
    ck_assert_int_eq(byl_dels_new(PEEKDOCS, &add), BYL_OK);
    ck_assert_int_eq(byl_dels_mark(add, 50), 1); /* term 5's first document */
    char dpath[200];
    snprintf(dpath, sizeof dpath, "%s/memo.del", bdir);
    uint32_t deleted;
    ck_assert_int_eq(byl_dels_write(s, add, dpath, &deleted), BYL_OK);
    ck_assert_int_eq(byl_dels_read(dpath, PEEKDOCS, &d), BYL_OK);
    byl_segment_set_dels(s, d);
    ck_assert_int_eq(byl_segment_lookup(s, (const uint8_t *)key, strlen(key), &ti), BYL_OK);
    ck_assert_uint_eq(ti.ndel, 1);
    ck_assert_uint_eq(ti.df, 6);
    byl_dels_free(add);
    byl_segment_close(s);
    remove_dir(bdir);
}
END_TEST

/* The lengths of LENS (version 7, 4 bytes a document: TEXT u16, TITLE and
 * NAME u8, each at its largest value sending the reader to DOCS).  Equal
 * to the DOCS record's for every document, read in order, backwards and
 * at random, by pread and past the budget through the map, in a large
 * segment and a small (mapped) one; a flip in LENS, resealed so that only
 * its chunk CRC can tell, fails the documents of that chunk and no other;
 * a flip in the DOCS record of a long text fails that text's lengths. */
static void short_want(uint32_t d, uint32_t *lens)
{
    memset(lens, 0, BYL_NFIELDS * sizeof *lens);
    lens[BYL_F_TEXT] = d % 997 == 0 ? 65535u + d      /* too long for LENS */
                       : d % 991 == 0 ? 65534u        /* the longest LENS holds */
                                      : (d * 2654435761u) % 5000u;
    lens[BYL_F_TITLE] = d % 1009 == 0 ? 255u + d % 7 : d % 254;
    lens[BYL_F_NAME] = d % 1013 == 0 ? 255u : d % 3 == 0 ? 254u : d % 40;
    lens[BYL_F_ID] = 1;
}

static int text_len_ok(byl_segment *s, uint32_t d)
{
    uint32_t got[BYL_NFIELDS], lens[BYL_NFIELDS], want[BYL_NFIELDS];
    memset(got, 0xAB, sizeof got);
    int rc = byl_segment_short_lens(s, d, got);
    if (rc)
        return rc;
    ck_assert_int_eq(byl_segment_doc_info(s, d, NULL, lens), BYL_OK);
    short_want(d, want);
    for (int f = 0; f < BYL_NFIELDS; f++)
        if (BYL_LENS_FIELDS >> f & 1) {
            ck_assert_uint_eq(got[f], lens[f]);
            ck_assert_uint_eq(got[f], want[f]);
        }
    return BYL_OK;
}

/* Documents on either side of a damaged one that a pass reads: four
 * chunks of LENS (one under valgrind: BYL_TEST_SHORT). */
#define NEAR 2048

START_TEST(test_text_lens_column)
{
    char bdir[64], bpath[128], bad[128];
    big_paths("/tmp/byl_test_lensXXXXXX", bdir, bpath, bad);
    byl_segw *w;
    ck_assert_int_eq(byl_segw_new(bpath, 1, &w), BYL_OK);
    for (uint32_t d = 0; d < BIGDOCS; d++) {
        char id[32];
        snprintf(id, sizeof id, "d%u", d);
        byl_stored st = {.id = id, .id_len = strlen(id), .title = "t", .title_len = 1,
                         .author = "", .source = "", .url = "", .body = "b", .body_len = 1,
                         .date = (int64_t)d};
        uint32_t lens[BYL_NFIELDS];
        short_want(d, lens);
        ck_assert_int_eq(byl_segw_add_doc(w, &st, lens), BYL_OK);
    }
    uint32_t one = 0, tf = 1, pos = 0;
    ck_assert_int_eq(byl_segw_add_term(w, (const uint8_t *)"\001w", 2, 1, &one, &tf, &tf, &pos),
                     BYL_OK);
    ck_assert_int_eq(byl_segw_finish(w), BYL_OK);
    byl_segw_free(w);

    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bpath, &s), BYL_OK);
    ck_assert_uint_eq(byl_segment_section_size(s, BYL_SEC_LENS), (uint64_t)BYL_LENS_REC * BIGDOCS);
    for (uint32_t d = 0; d < BIGDOCS; d++)
        ck_assert_int_eq(text_len_ok(s, d), BYL_OK);
    for (uint32_t d = BIGDOCS; d-- > 0;)
        ck_assert_int_eq(text_len_ok(s, d), BYL_OK);
    uint64_t seed = 3;
    for (int i = 0; i < 3000; i++) /* past DOC_PREADS: on through the map */
        ck_assert_int_eq(text_len_ok(s, rnd(&seed) % BIGDOCS), BYL_OK);
    uint32_t got[BYL_NFIELDS];
    ck_assert_int_eq(byl_segment_short_lens(s, BIGDOCS, got), BYL_EINVAL);
    byl_segment_close(s);

    size_t n;
    uint8_t *m = slurp(bpath, &n);
    uint64_t llen, loff = section_off(m, n, BYL_SEC_LENS, &llen);
    ck_assert_uint_eq(loff % BYL_LENS_REC, 0);
    /* (not in the page of the chunk table: a page checked whole, as it is
     * to read its table entries, vouches for its chunks, and a forger who
     * reseals that page is believed there) */
    const uint32_t victims[] = {5, 12000, 20000};
    uint64_t co = byl_get_u64(m + byl_get_u64(m + n - BYL_SEG_TAIL) + 4 +
                              (size_t)byl_seg_nsections(BYL_SEG_VERSION) * 20 + 20 +
                              8 * BYL_NFIELDS + 16);
    for (size_t v = 0; v < 3; v++) {
        uint64_t off = loff + BYL_LENS_REC * (uint64_t)victims[v], chunk = off >> BYL_CHUNK_SHIFT;
        ck_assert_uint_ne(off >> BYL_PAGE_SHIFT, co >> BYL_PAGE_SHIFT);
        spit_resealed(bad, m, n, off, 0x04);
        for (int pass = 0; pass < 3; pass++) { /* in order, backwards, at random */
            ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
            /* the documents of the chunks around the victim's (a test of
             * the whole column took more than a minute under valgrind on a
             * busy machine); at random, anywhere */
            uint64_t rs = 9;
            uint32_t near = getenv("BYL_TEST_SHORT") ? NEAR / 4 : NEAR; /* valgrind */
            uint32_t lo = victims[v] > near ? victims[v] - near : 0,
                     hi = victims[v] + near < BIGDOCS ? victims[v] + near : BIGDOCS;
            for (uint32_t k = 0; k < hi - lo; k++) {
                uint32_t d = pass == 0 ? lo + k : pass == 1 ? hi - 1 - k : rnd(&rs) % BIGDOCS;
                int hit = (loff + BYL_LENS_REC * (uint64_t)d) >> BYL_CHUNK_SHIFT == chunk;
                int rc = text_len_ok(s, d);
                ck_assert_msg(rc == (hit ? BYL_ECORRUPT : BYL_OK), "victim %u pass %d doc %u: %d",
                              victims[v], pass, d, rc);
                if (hit)
                    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "chunk"));
            }
            byl_segment_close(s);
        }
    }
    /* a long text's length is DOCS's: damage there is met there */
    uint64_t dlen, doff = section_off(m, n, BYL_SEC_DOCS, &dlen);
    spit_resealed(bad, m, n, doff + 997 * (uint64_t)BYL_DOC_REC + 8, 0x01);
    ck_assert_int_eq(byl_segment_open(bad, &s), BYL_OK);
    ck_assert_int_eq(byl_segment_short_lens(s, 997, got), BYL_ECORRUPT);
    /* its neighbour in DOCS is read from LENS alone */
    uint32_t want[BYL_NFIELDS];
    short_want(995, want);
    ck_assert_int_eq(byl_segment_short_lens(s, 995, got), BYL_OK);
    ck_assert_uint_eq(got[BYL_F_TEXT], want[BYL_F_TEXT]);
    ck_assert_uint_eq(got[BYL_F_TITLE], want[BYL_F_TITLE]);
    ck_assert_uint_eq(got[BYL_F_NAME], want[BYL_F_NAME]);
    byl_segment_close(s);
    free(m);

    /* a small segment: LENS through the map */
    ck_assert_int_eq(byl_segment_open(path, &s), BYL_OK);
    for (uint32_t d = 0; d < NDOCS; d++) {
        uint32_t lens[BYL_NFIELDS];
        ck_assert_int_eq(byl_segment_short_lens(s, d, got), BYL_OK);
        ck_assert_int_eq(byl_segment_doc_info(s, d, NULL, lens), BYL_OK);
        ck_assert_uint_eq(got[BYL_F_TEXT], lens[BYL_F_TEXT]);
        ck_assert_uint_eq(got[BYL_F_TITLE], lens[BYL_F_TITLE]);
        ck_assert_uint_eq(got[BYL_F_NAME], lens[BYL_F_NAME]);
    }
    byl_segment_close(s);
    remove_dir(bdir);
}
END_TEST

START_TEST(test_version_mismatch)
{
    char bad[320];
    snprintf(bad, sizeof bad, "%s/ver.seg", dir);
    copy_to(bad, SIZE_MAX, -1);
    FILE *f = fopen(bad, "r+b");
    ck_assert_ptr_nonnull(f);
    fseek(f, 8, SEEK_SET);
    fputc(99, f);
    fclose(f);
    byl_segment *s;
    ck_assert_int_eq(byl_segment_open(bad, &s), BYL_EVERSION);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "version"));
    /* only the end marker's copy changed: damage, not a newer format */
    copy_to(bad, SIZE_MAX, -1);
    f = fopen(bad, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, -(long)BYL_SEG_TAIL + 20, SEEK_END), 0);
    fputc(99, f);
    fclose(f);
    ck_assert_int_eq(byl_segment_open(bad, &s), BYL_ECORRUPT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "end marker's format version"));
}
END_TEST

START_TEST(test_writer_failure_leaves_nothing)
{
    char p2[320];
    snprintf(p2, sizeof p2, "%s/oom.seg", dir);
    for (long n = 0; n < 12; n++) {
        byl_segw *w = NULL;
        byl_mem_fail_after(n);
        int rc = byl_segw_new(p2, 1, &w);
        if (rc == BYL_OK) {
            for (int t = 0; t < 20 && rc == BYL_OK; t++)
                rc = byl_segw_add_term(w, (const uint8_t *)terms[t].key, terms[t].keylen,
                                       terms[t].n, terms[t].docs, terms[t].tfs, terms[t].npos,
                                       terms[t].pos);
            if (rc == BYL_OK)
                rc = byl_segw_finish(w);
        }
        byl_mem_fail_after(-1);
        byl_segw_free(w);
        struct stat st;
        if (rc != BYL_OK)
            ck_assert_int_ne(stat(p2, &st), 0); /* partial file removed */
        unlink(p2);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, build, teardown);
    tcase_add_test(tc, test_postings_roundtrip);
    tcase_add_test(tc, test_next_geq_matches_linear_scan);
    tcase_add_test(tc, test_dictionary);
    tcase_add_test(tc, test_stored);
    tcase_add_test(tc, test_truncated_files_are_refused);
    tcase_add_test(tc, test_bit_flips_are_detected);
    tcase_add_test(tc, test_chunk_crcs_catch_what_pages_miss);
    tcase_add_test(tc, test_version_mismatch);
    tcase_add_test(tc, test_docs_read_not_mapped);
    tcase_add_test(tc, test_peeked_reads);
    tcase_add_test(tc, test_lists_read_by_pread);
    tcase_add_test(tc, test_lookup_memo);
    tcase_add_test(tc, test_lookup_fences);
    tcase_add_test(tc, test_text_lens_column);
    tcase_add_test(tc, test_writer_failure_leaves_nothing);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
