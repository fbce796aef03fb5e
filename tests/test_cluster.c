/*
 * test_cluster.c - near-duplicate clusters (index/cluster.h) on generated
 * corpora: the clusters form a partition named by smallest members, exact
 * copies always share a cluster, every cluster is held together by close
 * pairs, deleted articles are nobody's neighbour; several indexes cluster
 * as the one index holding the same articles; the cache file has the bytes
 * docs/FORMAT.md gives, and no mutation of it is ever taken for the
 * clusters unless it passes every check.
 *
 * Not for: the sketches and the rule (test_fingerprint.c), collapsed
 * rankings (test_fingerprint.c, test_views.c).
 */
#include <check.h>

#include "check_main.h"
#include "dups.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "index/cluster.h"
#include "index/clusterfind.h"
#include "index/collection.h"
#include "index/fingerprint.h"
#include "index/index.h"
#include "util/err.h"
#include "util/mem.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_clXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static void delete_ids(const char *dir, const art *a, const size_t *which, size_t n)
{
    byl_index_opts o = {.mem_budget = 64 << 20};
    byl_index_writer *w;
    ck_assert_int_eq(byl_index_writer_open(dir, &o, &w), BYL_OK);
    for (size_t i = 0; i < n; i++) {
        uint64_t found;
        const char *id = a[which[i]].id;
        ck_assert_int_eq(byl_index_writer_delete(w, id, strlen(id), &found), BYL_OK);
        ck_assert_uint_eq(found, 1);
    }
    ck_assert_int_eq(byl_index_writer_commit(w), BYL_OK);
    byl_index_writer_free(w);
}

/* The article (index into a) of each global number, by its stored id. */
static void map_ids(const byl_collection *col, size_t *art_of, size_t n)
{
    const byl_cseg *s = byl_collection_segs(col);
    for (size_t si = 0; si < byl_collection_nsegs(col); si++)
        for (uint32_t d = 0; d < s[si].ndocs; d++) {
            const char *x;
            size_t len;
            ck_assert_int_eq(byl_segment_doc_id(s[si].seg, d, &x, &len), BYL_OK);
            ck_assert(len > 1 && x[0] == 'a');
            size_t k = 0; /* the id is not NUL-terminated */
            for (size_t i = 1; i < len; i++) {
                ck_assert(x[i] >= '0' && x[i] <= '9');
                k = k * 10 + (size_t)(x[i] - '0');
            }
            ck_assert_uint_lt(k, n);
            art_of[s[si].base + d] = k;
        }
}

/* Every invariant of the clusters of one built set (see the file's head);
 * returns how many documents are not their cluster's name. */
static size_t check_invariants(byl_clusters *cl, const art *a, size_t n)
{
    const byl_collection *col = byl_clusters_collection(cl);
    uint64_t nd = byl_clusters_ndocs(cl);
    ck_assert_uint_eq(nd, byl_collection_ndocs(col));
    size_t *art_of = calloc(nd + 1, sizeof *art_of);
    const uint8_t **rec = calloc(nd + 1, sizeof *rec);
    int *live = calloc(nd + 1, sizeof *live);
    map_ids(col, art_of, n);
    byl_fp_rule rule;
    byl_fp_rule_init(&rule);
    for (uint64_t g = 0; g < nd; g++) {
        const byl_cseg *e = byl_collection_cseg_of(col, g);
        uint32_t ix, seg, doc;
        byl_clusters_locate(cl, g, &ix, &seg, &doc);
        ck_assert_uint_eq(ix, e->ix);
        ck_assert_uint_eq(seg, e->segno);
        ck_assert_uint_eq(e->base + doc, g);
        live[g] = !byl_segment_is_deleted(e->seg, doc);
        ck_assert_int_eq(byl_segment_fingerprint(e->seg, doc, &rec[g]), BYL_OK);
        /* a partition named by smallest members */
        uint32_t r = byl_clusters_of(cl, g);
        ck_assert_uint_le(r, g);
        ck_assert_uint_eq(byl_clusters_of(cl, r), r);
        if (!live[g])
            ck_assert_uint_eq(r, g); /* a deleted article is its own */
    }
    uint32_t ix, seg, doc;
    byl_clusters_locate(cl, nd, &ix, &seg, &doc); /* past the end names nothing */
    ck_assert_uint_eq(ix, UINT32_MAX);
    ck_assert_uint_eq(doc, UINT32_MAX);
    for (uint64_t g = 0; g < nd; g++) {
        if (!live[g])
            continue;
        /* exact copies share every band, so always a cluster */
        for (uint64_t h = 0; h < g; h++)
            if (live[h] && a[art_of[g]].exact && a[art_of[h]].exact &&
                a[art_of[g]].story >= 0 && a[art_of[g]].story == a[art_of[h]].story)
                ck_assert_uint_eq(byl_clusters_of(cl, g), byl_clusters_of(cl, h));
        /* members: the live articles of the cluster, in global order */
        uint64_t *m;
        size_t k;
        ck_assert_int_eq(byl_clusters_members(cl, g, &m, &k), BYL_OK);
        size_t want = 0, at = 0;
        for (uint64_t h = 0; h < nd; h++)
            if (live[h] && byl_clusters_of(cl, h) == byl_clusters_of(cl, g)) {
                want++;
                ck_assert_uint_lt(at, k);
                ck_assert_uint_eq(m[at++], h);
            }
        ck_assert_uint_eq(k, want);
        /* single link: a cluster is connected by close pairs of live
         * members (a flood fill from its root over the rule) */
        if (byl_clusters_of(cl, g) == g && k > 1) {
            int *seen = calloc(k, sizeof *seen);
            seen[0] = 1;
            for (int grew = 1; grew;) {
                grew = 0;
                for (size_t x = 0; x < k; x++)
                    for (size_t y = 0; y < k && seen[x]; y++)
                        if (!seen[y] && byl_fp_close(rec[m[x]], rec[m[y]], &rule))
                            seen[y] = grew = 1;
            }
            for (size_t x = 0; x < k; x++)
                ck_assert_msg(seen[x], "member %llu of cluster %llu has no close chain to it",
                              (unsigned long long)m[x], (unsigned long long)g);
            free(seen);
        }
        byl_free(m);
    }
    size_t joined = 0;
    for (uint64_t g = 0; g < nd; g++)
        joined += byl_clusters_of(cl, g) != g;
    free(art_of);
    free(rec);
    free(live);
    return joined;
}

START_TEST(test_invariants_random_corpora)
{
    for (uint64_t seed = 1; seed <= 4; seed++) {
        art a[MAXART];
        size_t n = corpus(seed, a);
        char dir[128];
        snprintf(dir, sizeof dir, "%s/r%llu", tmp, (unsigned long long)seed);
        /* two segments, then deletions in a third generation */
        write_arts(dir, 1, a, 0, n / 2);
        write_arts(dir, 0, a, n / 2, n);
        for (int pass = 0; pass < 2; pass++) {
            byl_index *ix;
            ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
            byl_clusters *cl;
            ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
            ck_assert_int_eq(byl_clusters_build(cl), BYL_OK);
            ck_assert_uint_gt(check_invariants(cl, a, n), 0); /* copies were found */
            if (pass == 1) /* the deletions are there to break chains */
                ck_assert_uint_gt(byl_collection_stats(byl_clusters_collection(cl))->ndeleted, 0);
            byl_clusters_free(cl);
            byl_index_close(ix);
            if (pass == 0) {
                size_t del[8], nd = 0;
                uint64_t s = seed;
                for (size_t i = 0; i < 8; i++) {
                    size_t w = rnd(&s) % n, dup = 0;
                    for (size_t j = 0; j < nd; j++)
                        dup |= del[j] == w;
                    if (!dup)
                        del[nd++] = w;
                }
                delete_ids(dir, a, del, nd);
            }
        }
        corpus_free(a, n);
    }
}
END_TEST

/* The same articles in one index or split over two searched together, or
 * clustered over a collection the caller made: the same clusters. */
START_TEST(test_indexes_cluster_as_one)
{
    for (uint64_t seed = 11; seed <= 13; seed++) {
        art a[MAXART];
        size_t n = corpus(seed, a), cut = n / 3 + seed % 5;
        char one[128], h1[128], h2[128];
        snprintf(one, sizeof one, "%s/one%llu", tmp, (unsigned long long)seed);
        snprintf(h1, sizeof h1, "%s/h1_%llu", tmp, (unsigned long long)seed);
        snprintf(h2, sizeof h2, "%s/h2_%llu", tmp, (unsigned long long)seed);
        write_arts(one, 1, a, 0, n);
        write_arts(h1, 1, a, 0, cut);
        write_arts(h2, 1, a, cut, n);
        byl_index *ixs[3];
        ck_assert_int_eq(byl_index_open(one, &ixs[0]), BYL_OK);
        ck_assert_int_eq(byl_index_open(h1, &ixs[1]), BYL_OK);
        ck_assert_int_eq(byl_index_open(h2, &ixs[2]), BYL_OK);
        byl_clusters *c1, *c2, *c3;
        byl_collection *col;
        ck_assert_int_eq(byl_clusters_new(&ixs[0], 1, NULL, &c1), BYL_OK);
        ck_assert_int_eq(byl_clusters_new(&ixs[1], 2, NULL, &c2), BYL_OK);
        ck_assert_int_eq(byl_collection_new(&ixs[1], 2, &col), BYL_OK);
        ck_assert_int_eq(byl_clusters_new_for(col, NULL, &c3), BYL_OK);
        ck_assert_ptr_eq(byl_clusters_collection(c3), col);
        ck_assert_ptr_null(byl_clusters_table(c1)); /* nothing before a build */
        ck_assert_int_eq(byl_clusters_build(c1), BYL_OK);
        ck_assert_int_eq(byl_clusters_build(c2), BYL_OK);
        ck_assert_int_eq(byl_clusters_build(c3), BYL_OK);
        ck_assert_uint_eq(byl_clusters_ndocs(c1), n);
        ck_assert_uint_eq(byl_clusters_ndocs(c2), n);
        const uint32_t *table = byl_clusters_table(c2);
        ck_assert_ptr_nonnull(table);
        size_t joined = 0;
        for (uint64_t g = 0; g < n; g++) {
            ck_assert_uint_eq(byl_clusters_of(c2, g), byl_clusters_of(c1, g));
            ck_assert_uint_eq(byl_clusters_of(c3, g), byl_clusters_of(c1, g));
            ck_assert_uint_eq(table[g], byl_clusters_of(c1, g));
            joined += byl_clusters_of(c1, g) != g;
            uint32_t ix, seg, doc;
            byl_clusters_locate(c2, g, &ix, &seg, &doc);
            ck_assert_uint_eq(ix, g < cut ? 0 : 1);
            ck_assert_uint_eq(doc, g < cut ? g : g - cut);
        }
        ck_assert_uint_gt(joined, 0); /* the corpus has copies to find */
        ck_assert_uint_eq(check_invariants(c2, a, n), joined);
        /* only one index's clusters are kept */
        ck_assert_int_eq(byl_clusters_save(c2), BYL_EINVAL);
        ck_assert_int_eq(byl_clusters_check_cache(c2), BYL_EINVAL);
        byl_clusters_free(c1);
        byl_clusters_free(c2);
        byl_clusters_free(c3);
        byl_collection_free(col);
        for (int i = 0; i < 3; i++)
            byl_index_close(ixs[i]);
        corpus_free(a, n);
    }
}
END_TEST

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    ck_assert_int_ge(len, 0);
    rewind(f);
    uint8_t *b = malloc((size_t)len + 1);
    ck_assert_uint_eq(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

static void spill(const char *path, const uint8_t *b, size_t n)
{
    unlink(path);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Fixes the trailing crc32 so that only the other checks can refuse. */
static void reseal(uint8_t *b, size_t n)
{
    put32(b + n - 4, (uint32_t)crc32(0L, b, (uInt)(n - 4)));
}

/* An older cache of *ix's generation (no chunk crcs, or no directory):
 * intact by the check, and read whole even by a search's lazy load.  ix
 * is the caller's (the clusters borrow the array). */
static byl_clusters *read_whole(byl_index **ix)
{
    byl_clusters *c;
    ck_assert_int_eq(byl_clusters_new(ix, 1, NULL, &c), BYL_OK);
    ck_assert_int_eq(byl_clusters_check_cache(c), BYL_OK);
    byl_clusters_free(c);
    ck_assert_int_eq(byl_clusters_new(ix, 1, NULL, &c), BYL_OK);
    ck_assert_int_eq(byl_clusters_build_lazy(c), BYL_OK);
    ck_assert_int_eq(byl_clusters_lazy(c), 0);
    return c;
}

/* A save of c writes path as orig[0..len), byte for byte. */
static void saves_as(byl_clusters *c, const char *path, const uint8_t *orig, size_t len)
{
    ck_assert_int_eq(byl_clusters_save(c), BYL_OK);
    size_t l;
    uint8_t *back = slurp(path, &l);
    ck_assert_uint_eq(l, len);
    ck_assert_mem_eq(back, orig, len);
    free(back);
}

/* The directory part of a version 4 cache at p, checked against the
 * clusters of cl over n documents as docs/FORMAT.md says it (counts,
 * pairs of cluster and start, members, a crc32 per chunk of words, one of
 * the counts and those crcs); its length in bytes. */
static size_t dir_bytes(const uint8_t *p, byl_clusters *cl, size_t n)
{
    uint32_t *size = calloc(n, sizeof *size);
    for (size_t g = 0; g < n; g++)
        size[byl_clusters_of(cl, g)]++;
    size_t m = 0, t = 0;
    for (size_t c = 0; c < n; c++)
        if (size[c] >= 2) {
            m++;
            t += size[c];
        }
    ck_assert_uint_eq(le32(p), m);
    ck_assert_uint_eq(le32(p + 4), t);
    const uint8_t *w = p + 8, *mem = w + 8 * (m + 1);
    size_t e = 0, start = 0;
    for (size_t c = 0; c < n; c++) {
        if (size[c] < 2)
            continue;
        ck_assert_uint_eq(le32(w + 8 * e), c);
        ck_assert_uint_eq(le32(w + 8 * e + 4), start);
        for (size_t g = c, k = 0; g < n; g++)
            if (byl_clusters_of(cl, g) == c)
                ck_assert_uint_eq(le32(mem + 4 * (start + k++)), g);
        start += size[c];
        e++;
    }
    ck_assert_uint_eq(le32(w + 8 * m), UINT32_MAX);
    ck_assert_uint_eq(le32(w + 8 * m + 4), t);
    size_t nw = 2 * (m + 1) + t, nch = (nw + BYL_CLUSTERS_CHUNK - 1) / BYL_CLUSTERS_CHUNK;
    const uint8_t *crcs = w + 4 * nw;
    for (size_t ch = 0; ch < nch; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK, hi = lo + BYL_CLUSTERS_CHUNK < nw ? lo + BYL_CLUSTERS_CHUNK : nw;
        ck_assert_uint_eq(le32(crcs + 4 * ch),
                          (uint32_t)crc32(0L, w + 4 * lo, (uInt)(4 * (hi - lo))));
    }
    ck_assert_uint_eq(le32(crcs + 4 * nch),
                      (uint32_t)crc32(crc32(0L, p, 8), crcs, (uInt)(4 * nch)));
    free(size);
    return 8 + 4 * nw + 4 * nch + 4;
}

/* The directory of clusters of c (byl_clusters_sizes, _members_of)
 * against the table want[0..n): every cluster's size and members, asked
 * for one by one, all at once in order, and in order with repeats. */
static void dir_as_table(byl_clusters *c, const uint32_t *want, size_t n)
{
    uint32_t *size = calloc(n, sizeof *size), *cids = calloc(2 * n, sizeof *cids);
    uint32_t *got = calloc(2 * n, sizeof *got), *mem = calloc(n, sizeof *mem);
    for (size_t g = 0; g < n; g++)
        size[want[g]]++;
    for (size_t g = 0; g < n; g++)
        cids[g] = (uint32_t)g;
    ck_assert_int_eq(byl_clusters_sizes(c, cids, n, got), BYL_OK);
    for (size_t g = 0; g < n; g++)
        ck_assert_uint_eq(got[g], size[g] ? size[g] : 1);
    for (size_t g = 0; g < n; g++)
        cids[2 * g] = cids[2 * g + 1] = (uint32_t)g;
    ck_assert_int_eq(byl_clusters_sizes(c, cids, 2 * n, got), BYL_OK);
    for (size_t g = 0; g < 2 * n; g++)
        ck_assert_uint_eq(got[g], size[g / 2] ? size[g / 2] : 1);
    for (size_t g = 0; g < n; g++) {
        ck_assert_int_eq(byl_clusters_sizes(c, cids + 2 * g, 1, got), BYL_OK);
        ck_assert_uint_eq(got[0], size[g] ? size[g] : 1);
        size_t k;
        ck_assert_int_eq(byl_clusters_members_of(c, (uint32_t)g, mem, n, &k), BYL_OK);
        ck_assert_uint_eq(k, size[g] ? size[g] : 1);
        for (size_t i = 0, h = 0; i < n && size[g]; i++)
            if (want[i] == g) /* ascending, each member once */
                ck_assert_uint_eq(mem[h++], i);
        if (!size[g])
            ck_assert_uint_eq(mem[0], g); /* named by another: alone for the directory */
        ck_assert_int_eq(byl_clusters_members_of(c, (uint32_t)g, mem, 0, &k), BYL_OK);
        ck_assert_uint_eq(k, size[g] ? size[g] : 1); /* the size alone */
    }
    free(size);
    free(cids);
    free(got);
    free(mem);
}

/* The byte layout of docs/FORMAT.md, read independently of the code that
 * writes it; then a damaged, stale or truncated cache is never loaded,
 * searches compute the same clusters without it, and a save writes it
 * back byte for byte. */
START_TEST(test_cache_bytes_and_mutations)
{
    art a[MAXART];
    size_t n = corpus(21, a);
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/c", tmp);
    write_arts(dir, 1, a, 0, n);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    snprintf(path, sizeof path, "%s/%06llu.clusters", dir,
             (unsigned long long)byl_index_generation(ix));
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_check_cache(cl), BYL_ENOTFOUND);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    size_t len;
    uint8_t *orig = slurp(path, &len);
    ck_assert_uint_eq(n <= BYL_CLUSTERS_CHUNK, 1); /* one chunk */
    size_t v3len = 32 + 4 * n + 4 + 4; /* version 3's part */
    ck_assert_uint_eq(len, v3len + dir_bytes(orig + v3len, cl, n) + 4);
    ck_assert_mem_eq(orig, "BYLCLU\r\n", 8);
    ck_assert_uint_eq(le32(orig + 8), 4); /* versions 1 to 3 are still read */
    ck_assert_uint_eq(le32(orig + 12), 0);
    ck_assert_uint_eq(le64(orig + 16), byl_index_generation(ix));
    ck_assert_uint_eq(le64(orig + 24), n);
    for (size_t g = 0; g < n; g++)
        ck_assert_uint_eq(le32(orig + 32 + 4 * g), byl_clusters_of(cl, g));
    /* the chunk's crc32, then one of the header and the chunks' crcs */
    ck_assert_uint_eq(le32(orig + 32 + 4 * n), (uint32_t)crc32(0L, orig + 32, (uInt)(4 * n)));
    ck_assert_uint_eq(le32(orig + 32 + 4 * n + 4),
                      (uint32_t)crc32(crc32(0L, orig, 32), orig + 32 + 4 * n, 4));
    ck_assert_uint_eq(le32(orig + len - 4), (uint32_t)crc32(0L, orig, (uInt)(len - 4)));
    {
        /* a version 2 cache (no chunk crcs) of the same clusters is still
         * read, checked whole however it is loaded */
        size_t l2 = 32 + 4 * n + 4;
        uint8_t *v2 = malloc(l2);
        memcpy(v2, orig, 32 + 4 * n);
        put32(v2 + 8, 2);
        reseal(v2, l2);
        spill(path, v2, l2);
        byl_clusters *c2 = read_whole(&ix);
        for (size_t g = 0; g < n; g++)
            ck_assert_uint_eq(byl_clusters_of(c2, g), byl_clusters_of(cl, g));
        byl_clusters_free(c2);
        v2[32] ^= 1; /* damaged: refused, computed instead */
        spill(path, v2, l2);
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        ck_assert_int_eq(byl_clusters_check_cache(c2), BYL_ECORRUPT);
        ck_assert_int_eq(byl_clusters_build_lazy(c2), BYL_OK);
        for (size_t g = 0; g < n; g++)
            ck_assert_uint_eq(byl_clusters_of(c2, g), byl_clusters_of(cl, g));
        byl_clusters_free(c2);
        free(v2);
        /* a version 3 cache (no directory): read, its directory made from
         * the table, checked whole even by a search; a save writes
         * version 4 over it */
        uint8_t *v3 = malloc(v3len + 4);
        memcpy(v3, orig, v3len);
        put32(v3 + 8, 3);
        put32(v3 + 32 + 4 * n + 4, (uint32_t)crc32(crc32(0L, v3, 32), v3 + 32 + 4 * n, 4));
        reseal(v3, v3len + 4);
        spill(path, v3, v3len + 4);
        c2 = read_whole(&ix);
        uint32_t *tab = malloc(n * sizeof *tab);
        for (size_t g = 0; g < n; g++)
            tab[g] = byl_clusters_of(cl, g);
        dir_as_table(c2, tab, n);
        saves_as(c2, path, orig, len);
        byl_clusters_free(c2);
        free(tab);
        free(v3);
        spill(path, orig, len);
    }
    /* an intact cache is left alone by a save */
    struct stat st1, st2;
    ck_assert_int_eq(stat(path, &st1), 0);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    ck_assert_int_eq(stat(path, &st2), 0);
    ck_assert_uint_eq(st1.st_ino, st2.st_ino);

    uint8_t *m = malloc(len + 16);
    uint64_t seed = 77;
    for (int t = 0; t < 96; t++) {
        memcpy(m, orig, len);
        size_t mlen = len;
        int kind = t % 6, must_refuse = 1;
        if (kind == 0) { /* one flipped bit anywhere: crc32 sees every one */
            size_t at = rnd(&seed) % len;
            m[at] ^= (uint8_t)(1u << (rnd(&seed) % 8));
        } else if (kind == 1) { /* truncated */
            mlen = rnd(&seed) % len;
        } else if (kind == 2) { /* bytes after the end */
            mlen = len + 1 + rnd(&seed) % 16;
            for (size_t i = len; i < mlen; i++)
                m[i] = (uint8_t)rnd(&seed);
        } else if (kind == 3) { /* a cluster id rewritten, the file's checksum fixed */
            size_t g = rnd(&seed) % n;
            uint32_t r = (uint32_t)(rnd(&seed) % (n + 2));
            put32(m + 32 + 4 * g, r);
            reseal(m, mlen);
            /* the chunk's crc still tells (unless nothing changed) */
            must_refuse = r != le32(orig + 32 + 4 * g);
        } else if (kind == 4) { /* another generation's, checksum fixed */
            put32(m + 16, le32(m + 16) + 1 + (uint32_t)(rnd(&seed) % 5));
            reseal(m, mlen);
        } else { /* another version (older: another size), checksum fixed */
            uint32_t v = rnd(&seed) % 3 ? 5 + (uint32_t)(rnd(&seed) % 100)
                                        : 1 + (uint32_t)(rnd(&seed) % 3);
            put32(m + 8, v);
            reseal(m, mlen);
        }
        spill(path, m, mlen);
        byl_clusters *c2;
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        int rc = byl_clusters_check_cache(c2);
        if (must_refuse) {
            ck_assert_msg(rc == BYL_ECORRUPT, "mutation %d (kind %d) accepted", t, kind);
            ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
        } else {
            ck_assert_int_eq(rc, BYL_OK);
        }
        byl_clusters_free(c2);
        /* a search of the damaged generation computes the clusters, loaded
         * whole or lazily (then byl_clusters_build checks the rest by the
         * file's crc32); one whose file checksum was forged on purpose
         * (kind 3) may be believed by a search that reads entries all
         * over the table (check_all: one crc32, not a call per chunk), but
         * never names a cluster past its document; a lazy reader of the
         * entry finds its chunk's crc wrong */
        if (must_refuse) {
            ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
            if (t % 2) {
                ck_assert_int_eq(byl_clusters_build_lazy(c2), BYL_OK);
                if (kind == 3)
                    for (size_t g = 0; g < n; g++)
                        if (le32(m + 32 + 4 * g) != le32(orig + 32 + 4 * g))
                            ck_assert_int_eq(byl_clusters_check_entry(c2, g), BYL_ECORRUPT);
            }
            ck_assert_int_eq(byl_clusters_build(c2), BYL_OK);
            ck_assert_int_eq(byl_clusters_lazy(c2), 0);
            for (size_t g = 0; g < n; g++)
                if (kind == 3)
                    ck_assert_uint_le(byl_clusters_of(c2, g), g);
                else
                    ck_assert_uint_eq(byl_clusters_of(c2, g), byl_clusters_of(cl, g));
            /* and the writer's save puts the same bytes back */
            saves_as(c2, path, orig, len);
            byl_clusters_free(c2);
        }
    }
    /* not a regular file under the cache's name: refused, never read */
    unlink(path);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    byl_clusters *c3;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c3), BYL_OK);
    ck_assert_int_eq(byl_clusters_check_cache(c3), BYL_ECORRUPT);
    ck_assert_int_eq(byl_clusters_build(c3), BYL_OK);
    for (size_t g = 0; g < n; g++)
        ck_assert_uint_eq(byl_clusters_of(c3, g), byl_clusters_of(cl, g));
    byl_clusters_free(c3);
    free(m);
    free(orig);
    byl_clusters_free(cl);
    byl_index_close(ix);
    corpus_free(a, n);
}
END_TEST

/* A cache of several chunks read lazily: a flipped bit in any entry is
 * found when (and only when) its chunk is read, and names the file; the
 * other chunks read as they were; byl_clusters_build() then checks the
 * rest and computes the clusters again.  Damage to the header or the
 * table of chunk crcs refuses the cache at once. */
START_TEST(test_cache_chunks_lazy)
{
    enum { NC = 9 };
    static art a[NC][MAXART];
    size_t na[NC], n = 0;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/k", tmp);
    for (int i = 0; i < NC; i++) {
        na[i] = corpus(100 + (uint64_t)i, a[i]);
        for (size_t j = 0; j < na[i]; j++)
            snprintf(a[i][j].id, sizeof a[i][j].id, "k%u-%u", (unsigned)i, (unsigned)j);
        write_arts(dir, i == 0, a[i], 0, na[i]);
        n += na[i];
    }
    size_t nch = (n + BYL_CLUSTERS_CHUNK - 1) / BYL_CLUSTERS_CHUNK;
    ck_assert_uint_ge(nch, 3);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    snprintf(path, sizeof path, "%s/%06llu.clusters", dir,
             (unsigned long long)byl_index_generation(ix));
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    size_t len;
    uint8_t *orig = slurp(path, &len);
    size_t tab = 32 + 4 * n, dpart = tab + 4 * nch + 4;
    ck_assert_uint_eq(len, dpart + dir_bytes(orig + dpart, cl, n) + 4);
    for (size_t ch = 0; ch < nch; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK, hi = lo + BYL_CLUSTERS_CHUNK < n ? lo + BYL_CLUSTERS_CHUNK : n;
        ck_assert_uint_eq(le32(orig + tab + 4 * ch),
                          (uint32_t)crc32(0L, orig + 32 + 4 * lo, (uInt)(4 * (hi - lo))));
    }
    ck_assert_uint_eq(le32(orig + tab + 4 * nch),
                      (uint32_t)crc32(crc32(0L, orig, 32), orig + tab, (uInt)(4 * nch)));
    uint32_t *want = malloc(n * sizeof *want);
    for (size_t g = 0; g < n; g++)
        want[g] = byl_clusters_of(cl, g);
    /* intact: loaded lazily, every entry as computed */
    byl_clusters *c2;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
    ck_assert_int_eq(byl_clusters_build_lazy(c2), BYL_OK);
    ck_assert_int_eq(byl_clusters_lazy(c2), 1);
    for (size_t g = 0; g < n; g++) {
        ck_assert_int_eq(byl_clusters_check_entry(c2, g), BYL_OK);
        ck_assert_uint_eq(byl_clusters_table(c2)[g], want[g]);
    }
    dir_as_table(c2, want, n); /* the directory, read a chunk at a time */
    byl_clusters_free(c2);
    /* read by windows of one to four chunks (pread), and a part of a chunk */
    uint32_t *got = malloc(n * sizeof *got);
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
    ck_assert_int_eq(byl_clusters_build_lazy(c2), BYL_OK);
    for (size_t w = BYL_CLUSTERS_CHUNK; w <= 4 * BYL_CLUSTERS_CHUNK; w += BYL_CLUSTERS_CHUNK) {
        memset(got, 0xff, n * sizeof *got);
        for (size_t lo = 0; lo < n; lo += w)
            ck_assert_int_eq(byl_clusters_read(c2, lo, n - lo < w ? n - lo : w, got + lo), BYL_OK);
        ck_assert_mem_eq(got, want, n * sizeof *got);
    }
    ck_assert_int_eq(byl_clusters_read(c2, BYL_CLUSTERS_CHUNK, 7, got), BYL_OK);
    ck_assert_mem_eq(got, want + BYL_CLUSTERS_CHUNK, 7 * sizeof *got);
    ck_assert_int_eq(byl_clusters_read(c2, 3, 1, got), BYL_EINVAL);     /* not a chunk's start */
    ck_assert_int_eq(byl_clusters_read(c2, 0, n + 1, got), BYL_EINVAL); /* past the end */
    byl_clusters_free(c2);
    uint8_t *m = malloc(len);
    uint64_t seed = 9;
    for (int t = 0; t < 24; t++) {
        memcpy(m, orig, len);
        int in_table = t % 4 == 3, in_dir = t % 4 == 2;
        size_t at, bad = SIZE_MAX, dwords = dpart + 8, nw = (le32(orig + dpart) + 1) * 2 +
                                                            le32(orig + dpart + 4);
        if (in_table) { /* the header or the chunks' crcs, the directory's counts or crcs */
            size_t r = rnd(&seed) % 3;
            at = r == 0   ? rnd(&seed) % 32
                 : r == 1 ? tab + rnd(&seed) % (4 * nch + 4)
                          : (rnd(&seed) % 2 ? dpart + rnd(&seed) % 8
                                            : dwords + 4 * nw + rnd(&seed) % (len - 4 - dwords - 4 * nw));
        } else if (in_dir) { /* the directory's words */
            at = dwords + rnd(&seed) % (4 * nw);
        } else {
            size_t g = rnd(&seed) % n;
            at = 32 + 4 * g + rnd(&seed) % 4;
            bad = g / BYL_CLUSTERS_CHUNK;
        }
        m[at] ^= (uint8_t)(1u << (rnd(&seed) % 8));
        spill(path, m, len);
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        ck_assert_int_eq(byl_clusters_build_lazy(c2), BYL_OK);
        if (in_table) {
            ck_assert_int_eq(byl_clusters_lazy(c2), 0); /* refused: computed */
        } else if (in_dir) {
            /* read lazily; the damaged chunk found when read, naming the
             * file: by the sizes of every cluster, or the members of one */
            ck_assert_int_eq(byl_clusters_lazy(c2), 1);
            uint32_t *cids = malloc(n * sizeof *cids), *sz = malloc(n * sizeof *sz);
            for (size_t g = 0; g < n; g++)
                cids[g] = (uint32_t)g;
            int rc = byl_clusters_sizes(c2, cids, n, sz);
            for (size_t g = 0; g < n && rc == BYL_OK; g++) {
                size_t k;
                rc = byl_clusters_members_of(c2, (uint32_t)g, got, n, &k);
            }
            ck_assert_int_eq(rc, BYL_ECORRUPT);
            ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
            free(cids);
            free(sz);
        } else {
            ck_assert_int_eq(byl_clusters_lazy(c2), 1);
            /* by windows: the damaged chunk's read fails, naming the file */
            for (size_t lo = 0; lo < n; lo += BYL_CLUSTERS_CHUNK) {
                size_t k = n - lo < BYL_CLUSTERS_CHUNK ? n - lo : BYL_CLUSTERS_CHUNK;
                int rc = byl_clusters_read(c2, lo, k, got);
                if (lo / BYL_CLUSTERS_CHUNK == bad) {
                    ck_assert_int_eq(rc, BYL_ECORRUPT);
                    ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
                } else {
                    ck_assert_int_eq(rc, BYL_OK);
                    ck_assert_mem_eq(got, want + lo, k * sizeof *got);
                }
            }
            for (size_t g = 0; g < n; g++) {
                int rc = byl_clusters_check_entry(c2, g);
                if (g / BYL_CLUSTERS_CHUNK == bad) {
                    ck_assert_int_eq(rc, BYL_ECORRUPT);
                    ck_assert_ptr_nonnull(strstr(byl_error_msg(), path));
                    ck_assert_uint_eq(byl_clusters_of(c2, g), g); /* never the damaged entry */
                } else {
                    ck_assert_int_eq(rc, BYL_OK);
                    ck_assert_uint_eq(byl_clusters_of(c2, g), want[g]);
                }
            }
        }
        /* a reader that does not check entries gets them all checked */
        ck_assert_int_eq(byl_clusters_build(c2), BYL_OK);
        ck_assert_int_eq(byl_clusters_lazy(c2), 0);
        for (size_t g = 0; g < n; g++)
            ck_assert_uint_eq(byl_clusters_of(c2, g), want[g]);
        byl_clusters_free(c2);
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        ck_assert_int_eq(byl_clusters_check_cache(c2), BYL_ECORRUPT);
        byl_clusters_free(c2);
    }
    free(m);
    free(got);
    free(want);
    free(orig);
    byl_clusters_free(cl);
    byl_index_close(ix);
    for (int i = 0; i < NC; i++)
        corpus_free(a[i], na[i]);
}
END_TEST

/* Half the bands on a second thread give the clusters of one thread
 * (byl_clusters_components_threads), over records built to collide:
 * families of copies with a few bins changed (joined), some found by one
 * half of the bands only (each thread's joins count), chance collisions
 * of random records in every band (compared, rejected), and a crowded
 * bucket larger than the window; NULL records stay alone. */
START_TEST(test_two_threads_cluster_as_one)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        uint64_t r = seed * 0x9e3779b97f4a7c15ull;
        size_t n = 24000 + (size_t)(rnd(&r) % 2000);
        uint8_t *recs = malloc(n * BYL_FP_REC);
        const uint8_t **rec = malloc(n * sizeof *rec);
        uint32_t *one = malloc(n * sizeof *one), *two = malloc(n * sizeof *two);
        ck_assert_ptr_nonnull(recs);
        ck_assert_ptr_nonnull(rec);
        ck_assert_ptr_nonnull(one);
        ck_assert_ptr_nonnull(two);
        for (size_t g = 0; g < n; g++) {
            uint8_t *x = recs + g * BYL_FP_REC;
            size_t fam = g < 300 ? 0 : (size_t)(rnd(&r) % 8); /* 300 copies of one: a crowd */
            if (fam == 0 && g >= 300)
                fam = 1;
            if (fam < 4 && g > 0) { /* a copy of an earlier record, a few bins changed */
                size_t from = g < 300 ? 0 : (size_t)(rnd(&r) % g);
                memcpy(x, recs + from * BYL_FP_REC, BYL_FP_REC);
                for (int c = (int)(rnd(&r) % 6); c > 0; c--)
                    x[4 + rnd(&r) % BYL_FP_BINS] = (uint8_t)rnd(&r);
                /* one bin of each band of one half changed: only the
                 * other half's bands can find the pair */
                size_t half = (size_t)(rnd(&r) % 3);
                for (size_t b = 0; half < 2 && b < BYL_FP_BANDS / 2; b++)
                    x[4 + 2 * (half * BYL_FP_BANDS / 2 + b)] ^= 0x5a;
            } else {
                for (size_t b = 0; b < BYL_FP_REC; b++)
                    x[b] = (uint8_t)rnd(&r);
                x[0] = (uint8_t)(20 + rnd(&r) % 200); /* enough shingles */
                x[1] = x[2] = x[3] = 0;
            }
            rec[g] = rnd(&r) % 50 ? x : NULL;
        }
        ck_assert_int_eq(byl_clusters_components_threads(rec, n, NULL, one, 1), BYL_OK);
        ck_assert_int_eq(byl_clusters_components_threads(rec, n, NULL, two, 2), BYL_OK);
        size_t joined = 0;
        for (size_t g = 0; g < n; g++) {
            ck_assert_uint_eq(one[g], two[g]);
            ck_assert_uint_le(one[g], g);
            joined += one[g] != g;
        }
        ck_assert_uint_gt(joined, n / 4); /* the copies were found */
        ck_assert_int_eq(byl_clusters_components(rec, n, NULL, two), BYL_OK);
        ck_assert_int_eq(memcmp(one, two, n * sizeof *one), 0);
        free(recs);
        free(rec);
        free(one);
        free(two);
    }
}
END_TEST

/* The scratch slot: freed once, by the clusters or when replaced. */
static int freed[3];
static void free_slot(void *p) { freed[*(int *)p]++; }

START_TEST(test_scratch_slot)
{
    art a[MAXART];
    size_t n = corpus(31, a);
    char dir[128];
    snprintf(dir, sizeof dir, "%s/s", tmp);
    write_arts(dir, 1, a, 0, n);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_ptr_null(byl_clusters_scratch(cl));
    int k0 = 0, k1 = 1, k2 = 2;
    memset(freed, 0, sizeof freed);
    byl_clusters_set_scratch(cl, &k0, free_slot);
    ck_assert_ptr_eq(byl_clusters_scratch(cl), &k0);
    byl_clusters_set_scratch(cl, &k0, free_slot); /* the same again: kept */
    ck_assert_int_eq(freed[0], 0);
    byl_clusters_set_scratch(cl, &k1, free_slot);
    ck_assert_int_eq(freed[0], 1);
    byl_clusters_set_scratch(cl, &k2, NULL); /* k1 freed; k2 the caller's */
    ck_assert_int_eq(freed[1], 1);
    byl_clusters_free(cl);
    ck_assert_int_eq(freed[0] + freed[1] + freed[2], 2);
    byl_index_close(ix);
    corpus_free(a, n);
}
END_TEST

/* Within a small budget the clustering reads the records in passes, a
 * range of each band's keys at a time (index/clusterfind.h): the clusters
 * are the unbounded run's, byte for byte.  Copies are planted anywhere
 * before their original (so a pair spans the source's batches and, in
 * some bands, the ranges' edges), some found by one band only, with a
 * crowded bucket; budgets from the fast way (one pass) to many passes a
 * band; too small a budget fails with BYL_ELIMIT, saying what would do. */
START_TEST(test_budget_clusters_as_unbounded)
{
    uint64_t r = 0x243f6a8885a308d3ull;
    size_t n = 40000;
    uint8_t *recs = malloc(n * BYL_FP_REC);
    const uint8_t **rec = malloc(n * sizeof *rec);
    uint32_t *want = malloc(n * sizeof *want), *got = malloc(n * sizeof *got);
    ck_assert_ptr_nonnull(recs);
    ck_assert_ptr_nonnull(rec);
    ck_assert_ptr_nonnull(want);
    ck_assert_ptr_nonnull(got);
    for (size_t g = 0; g < n; g++) {
        uint8_t *x = recs + g * BYL_FP_REC;
        int copy = g > 0 && (g < 400 || rnd(&r) % 3 == 0); /* the first 400: a crowd */
        if (copy) {
            size_t from = g < 400 ? 0 : (size_t)(rnd(&r) % g);
            memcpy(x, recs + from * BYL_FP_REC, BYL_FP_REC);
            for (int c = (int)(rnd(&r) % 8); c > 0; c--)
                x[4 + rnd(&r) % BYL_FP_BINS] = (uint8_t)rnd(&r);
            if (rnd(&r) % 4 == 0) /* every band but one changed: one range finds it */
                for (size_t b = 0; b < BYL_FP_BANDS; b++)
                    if (b != rnd(&r) % BYL_FP_BANDS)
                        x[4 + 2 * b + 1] ^= 0x33;
        } else {
            for (size_t b = 0; b < BYL_FP_REC; b++)
                x[b] = (uint8_t)rnd(&r);
            x[0] = (uint8_t)(20 + rnd(&r) % 200);
            x[1] = x[2] = x[3] = 0;
            /* keys from a small set in some bands: buckets of two and more */
            for (size_t b = 0; b < BYL_FP_BANDS; b += 3)
                x[4 + 2 * b] = (uint8_t)(rnd(&r) % 4);
        }
        rec[g] = rnd(&r) % 40 ? x : NULL;
    }
    ck_assert_int_eq(byl_clusters_components_threads(rec, n, NULL, want, 1), BYL_OK);
    size_t joined = 0;
    for (size_t g = 0; g < n; g++)
        joined += want[g] != g;
    ck_assert_uint_gt(joined, n / 4);
    static const size_t budgets[] = {1200 << 10, 1500 << 10, 2 << 20, 64 << 20};
    for (size_t i = 0; i < sizeof budgets / sizeof *budgets; i++)
        for (int threads = 1; threads <= 2; threads++) {
            memset(got, 0xff, n * sizeof *got);
            ck_assert_int_eq(byl_clusters_components_within(rec, n, NULL, budgets[i], threads, got),
                             BYL_OK);
            ck_assert_int_eq(memcmp(want, got, n * sizeof *got), 0);
            unsigned passes = byl_cfind_last_passes();
            if (budgets[i] < ((size_t)2 << 20))
                ck_assert_uint_gt(passes, BYL_FP_BANDS + 1); /* ranges: more than one a band */
            else if (budgets[i] >= ((size_t)64 << 20))
                ck_assert_uint_eq(passes, 1);
        }
    ck_assert_int_eq(byl_clusters_components_within(rec, n, NULL, 512 << 10, 1, got), BYL_ELIMIT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "MiB"));
    ck_assert_uint_gt(byl_cfind_last_need(), 512 << 10);
    free(recs);
    free(rec);
    free(want);
    free(got);
}
END_TEST

/* A budget too small for an index's clusters saves nothing (the cache a
 * later run would read is not written) and says what would do; a budget
 * that fits saves the unbounded run's bytes. */
START_TEST(test_budget_too_small_saves_nothing)
{
    art a[MAXART];
    size_t n = corpus(21, a);
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/tight", tmp);
    write_arts(dir, 1, a, 0, n);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(dir, &ix), BYL_OK);
    snprintf(path, sizeof path, "%s/%06llu.clusters", dir,
             (unsigned long long)byl_index_generation(ix));
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    byl_clusters_set_budget(cl, 64 << 10);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_ELIMIT);
    ck_assert_ptr_nonnull(strstr(byl_error_msg(), "MiB"));
    ck_assert_uint_gt(byl_clusters_need(cl), 64 << 10);
    struct stat st;
    ck_assert_int_ne(stat(path, &st), 0); /* nothing written */
    byl_clusters_set_budget(cl, byl_clusters_need(cl) + (4 << 20));
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    size_t len, len2;
    uint8_t *bounded = slurp(path, &len);
    byl_clusters_free(cl);
    unlink(path);
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    uint8_t *free_run = slurp(path, &len2);
    ck_assert_uint_eq(len, len2);
    ck_assert_mem_eq(bounded, free_run, len);
    free(bounded);
    free(free_run);
    byl_clusters_free(cl);
    byl_index_close(ix);
    corpus_free(a, n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cluster");
    TCase *tc = tcase_create("cluster");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_invariants_random_corpora);
    tcase_add_test(tc, test_indexes_cluster_as_one);
    tcase_add_test(tc, test_cache_bytes_and_mutations);
    tcase_add_test(tc, test_cache_chunks_lazy);
    tcase_add_test(tc, test_scratch_slot);
    tcase_add_test(tc, test_two_threads_cluster_as_one);
    tcase_add_test(tc, test_budget_clusters_as_unbounded);
    tcase_add_test(tc, test_budget_too_small_saves_nothing);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
