/*
 * cluster.c - near-duplicate clusters over the live documents of a
 * collection (cluster.h), and their cache file.
 *
 * Clustering: every live document with a usable sketch is a node; the
 * LSH bands, the rule and the union-find are index/clusterfind.c's, fed
 * the sketches a batch at a time (col_next), within the budget
 * byl_clusters_set_budget() gives (byline-index: its --mem less the
 * writer's reserve).  The table, the directory and the file saved count in
 * that budget too; over it nothing is written and the caller learns what
 * would do (byl_clusters_need).
 *
 * Not for: the sketches or the closeness rule (fingerprint.c), collapsing
 * rankings (query/collapse.c).
 */
#include "index/cluster.h"
#include "index/clusterdir.h"
#include "index/clusterfind.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/bytes.h"
#include "util/checked.h"
#include "util/crc.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"


/* The cache file, described above cache_path(): offsets from its start. */
#define CACHE_MAGIC "BYLCLU\r\n"
/* bump when the rule or the sketch changes.  2: crowded LSH buckets are
 * compared in the order of their records' content, not of the documents'
 * numbers; a version 1 cache (numbering order) differs only where a band's
 * bucket held more than WINDOW + 1 documents, and is still read. */
/* 3: a crc32 per chunk of BYL_CLUSTERS_CHUNK entries after the array, and
 * one of the header with that table, so that a search checks only the
 * chunks it reads (version 2's one crc32 of the whole file made every
 * search at a million articles read and check 4 MB). */
/* 4: the directory of clusters of more than one member (clusterdir.h)
 * after version 3's table, so that a search estimating its totals reads a
 * few clusters' sizes and members instead of the table from the smallest
 * of them on: u32 clusters M, u32 members T, the directory's words, a
 * crc32 per chunk of BYL_CLUSTERS_CHUNK of them, and one of M, T and that
 * table of crcs. */
#define CACHE_VERSION 4
#define CACHE_OLDEST 1
#define CACHE_CHUNKED 3                    /* first version with chunk crcs */
#define CACHE_DIRECTORY 4                  /* first version with the directory */
_Static_assert(BYL_CDIR_CHUNK == BYL_CLUSTERS_CHUNK, "the cache's chunks are one size");
#define CACHE_GEN (BYL_CHECKED_HEAD + 4)   /* after a u32 0 */
#define CACHE_NDOCS (CACHE_GEN + 8)
#define CACHE_ROOTS (CACHE_NDOCS + 8)      /* the u32 array */
_Static_assert(CACHE_ROOTS == 32, "the cluster cache's header is 32 bytes (and keeps the "
               "mapped array 4-aligned)");

/* Chunks of n entries. */
static size_t nchunks(size_t n) { return (n + BYL_CLUSTERS_CHUNK - 1) / BYL_CLUSTERS_CHUNK; }

/* Where version 4's directory part starts in a cache of n entries (its
 * u32 M and T; the words after them). */
static size_t dir_offset(size_t n) { return CACHE_ROOTS + 4 * n + 4 * nchunks(n) + 4; }

/* The size of a cache of n entries, of version v (with, from version 4,
 * a directory of m clusters and t members). */
static size_t cache_size(size_t n, uint32_t v, uint32_t m, uint32_t t)
{
    size_t size = CACHE_ROOTS + 4 * n + BYL_CHECKED_TAIL;
    if (v >= CACHE_CHUNKED)
        size += 4 * nchunks(n) + 4;
    if (v >= CACHE_DIRECTORY) {
        size_t w = (size_t)byl_cdir_nwords(m, t);
        size += 8 + 4 * w + 4 * nchunks(w) + 4;
    }
    return size;
}

static const byl_checked_kind cache_kind = {
    CACHE_MAGIC, CACHE_OLDEST, CACHE_VERSION, CACHE_ROOTS - BYL_CHECKED_HEAD, "cluster cache"};

struct byl_clusters {
    const byl_collection *col;
    byl_collection *own;     /* col when byl_clusters_new made it */
    byl_fp_rule rule;
    int built;
    uint32_t *root;          /* per document: its cluster (smallest member) */
    size_t root_map;         /* when root lies in the mapped cache: the map's length */
    /* A cache loaded by byl_clusters_build_lazy: its chunks' crcs (in the
     * map, after the array), and a bit per chunk once checked (set with
     * atomic ORs: readers may share the clusters). */
    const uint8_t *chunk_crc;
    uint64_t *checked;
    int lazy;                /* some chunks may be unchecked */
    uint64_t bytes_read;     /* by byl_clusters_read, which readers sharing the
                                clusters call: added atomically (the object
                                is never const, its readers' view is) */
    int fd;                  /* a lazy cache's file, kept for byl_clusters_read; or -1 */
    int root_lent;           /* root is the caller's (byl_clusters_use_table) */
    byl_cdir *dir;           /* the clusters of more than one member: read
                                from the cache (version 4), else made from
                                the table; NULL only out of memory */
    uint32_t version;        /* of the cache loaded (0: none) */
    char path[4096];         /* of the cache, kept with fd (messages of its reads) */
    size_t budget;           /* bytes compute() may hold (0: no bound) */
    size_t need;             /* after BYL_ELIMIT: the budget that would do */
    void *scratch;           /* a layer above's working memory (cluster.h) */
    void (*scratch_free)(void *);
};

/* Lets go of c->root, owned or mapped. */
static void root_release(byl_clusters *c)
{
    if (c->root_map)
        munmap((uint8_t *)c->root - CACHE_ROOTS, c->root_map);
    else if (!c->root_lent)
        byl_free(c->root);
    byl_free(c->checked);
    byl_cdir_free(c->dir);
    c->dir = NULL;
    c->version = 0;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->root = NULL;
    c->root_map = 0;
    c->root_lent = 0;
    c->chunk_crc = NULL;
    c->checked = NULL;
    c->lazy = 0;
}

/* Whether a document takes part in clustering: a deleted (or replaced)
 * article must be neither a member nor a link of any cluster, so clusters
 * follow adds, replaces and deletes without being stored.  This is the one
 * place deletions plug in. */
static int doc_live(const byl_segment *seg, uint32_t doc)
{
    return !byl_segment_is_deleted(seg, doc);
}

int byl_clusters_new_for(const byl_collection *col, const byl_fp_rule *rule,
                         byl_clusters **out)
{
    *out = NULL;
    byl_clusters *c = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    c->col = col;
    c->fd = -1;
    if (rule)
        c->rule = *rule;
    else
        byl_fp_rule_init(&c->rule);
    *out = c;
    return BYL_OK;
}

int byl_clusters_new(byl_index *const *indexes, size_t n, const byl_fp_rule *rule,
                     byl_clusters **out)
{
    *out = NULL;
    byl_collection *col;
    int rc = byl_collection_new(indexes, n, &col);
    if (rc)
        return rc;
    if ((rc = byl_clusters_new_for(col, rule, out))) {
        byl_collection_free(col);
        return rc;
    }
    (*out)->own = col;
    return BYL_OK;
}

void byl_clusters_free(byl_clusters *c)
{
    if (!c)
        return;
    if (c->scratch_free)
        c->scratch_free(c->scratch);
    root_release(c);
    byl_collection_free(c->own);
    byl_free(c);
}

const byl_collection *byl_clusters_collection(const byl_clusters *c) { return c->col; }

uint64_t byl_clusters_ndocs(const byl_clusters *c) { return byl_collection_ndocs(c->col); }

void byl_clusters_set_scratch(byl_clusters *c, void *p, void (*free_fn)(void *))
{
    if (c->scratch_free && c->scratch != p)
        c->scratch_free(c->scratch);
    c->scratch = p;
    c->scratch_free = free_fn;
}

void *byl_clusters_scratch(const byl_clusters *c) { return c->scratch; }

/* ---- the cluster cache of one index ----
 * "NNNNNN.clusters" beside the manifest of generation NNNNNN, in the frame
 * of util/checked.h: magic "BYLCLU\r\n", u32 version, then u32 0, u64
 * generation, u64 documents N, N times u32 cluster (the smallest global
 * number of its members), and u32 crc32 of everything before it.  Only a
 * cache: when it is missing, stale or damaged, clusters are computed as if
 * it were not there. */
static int cache_path(const byl_clusters *c, char *buf, size_t cap)
{
    const byl_index *ix = byl_collection_index(c->col, 0);
    int n = snprintf(buf, cap, "%s/%06llu%s", byl_index_dir(ix),
                     (unsigned long long)byl_index_generation(ix), BYL_CLUSTERS_SUFFIX);
    return n > 0 && (size_t)n < cap;
}

static int is_default_rule(const byl_fp_rule *r)
{
    byl_fp_rule d;
    byl_fp_rule_init(&d);
    /* field by field: the struct has padding */
    return d.min_shingles == r->min_shingles && d.resemblance == r->resemblance &&
           d.containment == r->containment && d.min_resemblance == r->min_resemblance &&
           d.min_numbers == r->min_numbers && d.numbers == r->numbers;
}

static int compute(byl_clusters *c);

/* How cache_load checks a cache. */
enum {
    LOAD_LAZY,   /* a search: of version 3, the header and the chunks' crcs
                    only, each chunk when first read (byl_clusters_check_entry) */
    LOAD_SEARCH, /* every byte against its crc (each chunk's, or the file's) */
    LOAD_FULL    /* that, and every entry names a cluster by its smallest
                    member, which names itself (check, save) */
};

/* Whether bytes, the entries of chunk ch (read or mapped), match its crc. */
static int chunk_bytes_ok(const byl_clusters *c, size_t ch, const uint8_t *bytes)
{
    size_t n = (size_t)byl_collection_ndocs(c->col), lo = ch * BYL_CLUSTERS_CHUNK;
    size_t len = n - lo < BYL_CLUSTERS_CHUNK ? n - lo : BYL_CLUSTERS_CHUNK;
    return byl_crc32(0, bytes, 4 * len) == byl_get_u32(c->chunk_crc + 4 * ch);
}

/* Whether chunk ch of the mapped array matches its crc. */
static int chunk_ok(const byl_clusters *c, size_t ch)
{
    return chunk_bytes_ok(c, ch, (const uint8_t *)c->root + 4 * ch * BYL_CLUSTERS_CHUNK);
}

/* Loads the cache into c->root; 1 on success, 0 when there is none fit
 * to use.  The file is mapped, not read: its array is the root array
 * itself on a little-endian machine, and a search touches only the pages
 * it reads (a copy into the heap cost one page fault per 4 KiB, twice
 * over).  how: LOAD_* above.  Checking every entry's shape (LOAD_FULL)
 * was a third of the instructions of a search at a million articles, and
 * the crc of the whole 4 MB array most of the rest: a search checks the
 * chunks it reads, and its readers take only entries no larger than their
 * document (byl_clusters_of, byl_clusters_table), so that a cache that
 * lies still never sends them out of bounds.  A cache of version 1 or 2
 * (one crc) is checked whole however it is loaded. */
static int cache_load(byl_clusters *c, int how)
{
    char path[4096];
    if (byl_collection_nindexes(c->col) != 1 || !is_default_rule(&c->rule) ||
        !cache_path(c, path, sizeof path))
        return 0;
    int fd;
    if (byl_open_regular(path, &fd))
        return 0;
    uint64_t ndocs = byl_collection_ndocs(c->col);
    size_t n = (size_t)ndocs, size = 0;
    struct stat st;
    uint8_t head[CACHE_ROOTS], dh[8] = {0};
    void *m = MAP_FAILED;
    /* the version (read first) gives the size the file must have, with,
     * from version 4, the directory's two counts */
    if (fstat(fd, &st) == 0 && pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head) {
        uint32_t v = byl_get_u32(head + 8);
        int counts = v < CACHE_DIRECTORY ||
                     pread(fd, dh, 8, (off_t)dir_offset(n)) == (ssize_t)sizeof dh;
        size = cache_size(n, v, byl_get_u32(dh), byl_get_u32(dh + 4));
        if (counts && v >= CACHE_OLDEST && v <= CACHE_VERSION && (uint64_t)st.st_size == size)
            m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    if (m == MAP_FAILED) {
        close(fd);
        return 0;
    }
    const uint8_t *buf = m;
    uint32_t version = byl_get_u32(buf + 8);
    size_t nch = nchunks(n);
    const uint8_t *roots = buf + CACHE_ROOTS, *crcs = roots + 4 * n;
    /* version 4's directory: its counts, words and their chunks' crcs */
    uint32_t dm = byl_get_u32(dh), dt = byl_get_u32(dh + 4);
    size_t nw = (size_t)byl_cdir_nwords(dm, dt), nwch = nchunks(nw);
    const uint8_t *words = buf + dir_offset(n) + 8, *wcrcs = words + 4 * nw;
    /* the header first: a cache of another generation is not worth a
     * checksum (the size is right, so the header is there to read) */
    int ok = memcmp(buf, CACHE_MAGIC, 8) == 0 &&
             byl_get_u64(buf + CACHE_GEN) ==
                 byl_index_generation(byl_collection_index(c->col, 0)) &&
             byl_get_u64(buf + CACHE_NDOCS) == ndocs;
    int lazy = 0;
    if (ok && version >= CACHE_CHUNKED) {
        /* the header and the table of chunk crcs, by their own crc */
        uint32_t h = byl_crc32(byl_crc32(0, buf, CACHE_ROOTS), crcs, 4 * nch);
        ok = h == byl_get_u32(crcs + 4 * nch);
        /* read lazily only with the directory: without it, a search
         * estimating its totals reads the table whole (one check) */
        lazy = how == LOAD_LAZY && version >= CACHE_DIRECTORY;
    }
    if (ok && version >= CACHE_DIRECTORY)
        /* the directory's counts and chunk crcs, by their own crc */
        ok = byl_crc32(byl_crc32(0, dh, 8), wcrcs, 4 * nwch) == byl_get_u32(wcrcs + 4 * nwch);
    if (ok && !lazy)
        ok = byl_checked_verify(buf, size, &cache_kind, path, NULL, NULL, NULL) == BYL_OK;
    for (size_t ch = 0; ok && !lazy && version >= CACHE_CHUNKED && ch < nch; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK, len = n - lo < BYL_CLUSTERS_CHUNK ? n - lo
                                                                              : BYL_CLUSTERS_CHUNK;
        ok = byl_crc32(0, roots + 4 * lo, 4 * len) == byl_get_u32(crcs + 4 * ch);
    }
    for (size_t ch = 0; ok && !lazy && version >= CACHE_DIRECTORY && ch < nwch; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK, len = nw - lo < BYL_CLUSTERS_CHUNK ? nw - lo
                                                                               : BYL_CLUSTERS_CHUNK;
        ok = byl_crc32(0, words + 4 * lo, 4 * len) == byl_get_u32(wcrcs + 4 * ch);
    }
    for (size_t g = 0; ok && how == LOAD_FULL && g < n; g++) {
        /* a cluster is named by its smallest member, which names itself */
        uint32_t r = byl_get_u32(roots + 4 * g);
        ok = r <= g && byl_get_u32(roots + 4 * (size_t)r) == r;
    }
    uint64_t *checked = NULL;
    byl_cdir *dir = NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (ok && lazy && !(checked = byl_calloc(nch / 64 + 1, sizeof *checked)))
        ok = 0;
    if (ok && how == LOAD_FULL && version >= CACHE_DIRECTORY) {
        /* the directory is the one the table makes, word for word */
        byl_cdir *made = NULL;
        ok = byl_cdir_build((const uint32_t *)(const void *)roots, n, &made) == BYL_OK &&
             byl_cdir_m(made) == dm && byl_cdir_t(made) == dt &&
             memcmp(byl_cdir_words(made), words, 4 * nw) == 0;
        byl_cdir_free(made);
    }
    if (ok && version >= CACHE_DIRECTORY) {
        memcpy(c->path, path, sizeof c->path);
        ok = byl_cdir_open(dm, dt, ndocs, lazy ? NULL : words, fd, c->path,
                           dir_offset(n) + 8, wcrcs, &dir) == BYL_OK;
    }
#else
    lazy = 0; /* copied below: every chunk is read anyway */
    if (ok && version >= CACHE_CHUNKED)
        ok = byl_checked_verify(buf, size, &cache_kind, path, NULL, NULL, NULL) == BYL_OK;
#endif
    if (!ok) {
        byl_free(checked);
        byl_cdir_free(dir);
        munmap(m, size);
        close(fd);
        return 0;
    }
    root_release(c); /* a save of built clusters loads the cache over them */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    c->root = (uint32_t *)(void *)roots; /* 4-aligned: the header is 32 bytes */
    c->root_map = size;
    c->chunk_crc = lazy ? crcs : NULL;
    c->checked = checked;
    c->lazy = lazy;
    c->dir = dir;
    if (lazy) {
        c->fd = fd; /* byl_clusters_read, and the directory's reads */
        memcpy(c->path, path, sizeof c->path); /* their messages */
    }
    else
        close(fd);
#else
    close(fd);
    uint32_t *root = byl_malloc((n ? n : 1) * sizeof *root);
    for (size_t g = 0; root && g < n; g++)
        root[g] = byl_get_u32(roots + 4 * g);
    munmap(m, size);
    if (!root) {
        c->built = 0;
        return 0;
    }
    c->root = root;
#endif
    /* an older cache, or one copied: the directory made from the table */
    if (!c->dir && byl_cdir_build(c->root, n, &c->dir)) {
        root_release(c);
        c->built = 0;
        return 0;
    }
    c->version = version;
    c->built = 1;
    return 1;
}

/* The error of chunk ch failing its crc. */
static int chunk_damaged(const byl_clusters *c, size_t ch)
{
    char path[4096];
    if (!cache_path(c, path, sizeof path))
        path[0] = '\0';
    return byl_error_set(BYL_ECORRUPT, "%s: entries %zu to %zu of the near-duplicate cluster "
                         "cache fail their checksum", path, ch * BYL_CLUSTERS_CHUNK,
                         ch * BYL_CLUSTERS_CHUNK + BYL_CLUSTERS_CHUNK - 1);
}

int byl_clusters_check_entry(const byl_clusters *c, uint64_t g)
{
    if (!c->lazy)
        return BYL_OK;
    size_t ch = (size_t)(g / BYL_CLUSTERS_CHUNK);
    if (g >= byl_collection_ndocs(c->col))
        return BYL_OK; /* no entry is read for it (byl_clusters_of) */
    if (__atomic_load_n(&c->checked[ch / 64], __ATOMIC_RELAXED) >> (ch % 64) & 1)
        return BYL_OK;
    if (!chunk_ok(c, ch))
        return chunk_damaged(c, ch);
    __atomic_fetch_or(&c->checked[ch / 64], 1ull << (ch % 64), __ATOMIC_RELAXED);
    return BYL_OK;
}

int byl_clusters_check_all(const byl_clusters *c)
{
    if (!c->lazy)
        return BYL_OK;
    /* one crc32 of the whole file: a call per chunk cost more */
    char path[4096];
    if (!cache_path(c, path, sizeof path))
        path[0] = '\0';
    int rc = byl_checked_verify((const uint8_t *)c->root - CACHE_ROOTS, c->root_map, &cache_kind,
                                path, NULL, NULL, NULL);
    if (rc)
        return rc;
    size_t nch = nchunks((size_t)byl_collection_ndocs(c->col));
    for (size_t w = 0; w < nch / 64 + 1; w++)
        __atomic_fetch_or(&c->checked[w], ~0ull, __ATOMIC_RELAXED);
    return BYL_OK;
}

int byl_clusters_rebuild(byl_clusters *c)
{
    root_release(c);
    c->built = 0;
    return compute(c);
}

int byl_clusters_save(byl_clusters *c)
{
    char path[4096], tmp[4200];
    if (byl_collection_nindexes(c->col) != 1 || !is_default_rule(&c->rule))
        return byl_error_set(BYL_EINVAL, "only the clusters of one index, by the default rule, "
                             "are kept");
    if (!cache_path(c, path, sizeof path))
        return byl_error_set(BYL_EINVAL, "path too long");
    int loaded = cache_load(c, LOAD_FULL), rc;
    if (loaded && c->version == CACHE_VERSION)
        return BYL_OK; /* this generation's clusters are there, intact */
    /* An intact cache of version 2 or 3 holds the clusters this version
     * computes (cache_load made their directory): written again with it,
     * not computed again (a minute at a million articles).  Missing,
     * damaged or of version 1 (other buckets): computed afresh. */
    if (!loaded || c->version < 2) {
        c->built = 0;
        root_release(c);
        if ((rc = compute(c)))
            return rc;
    }
    const byl_index *ix = byl_collection_index(c->col, 0);
    uint64_t ndocs = byl_collection_ndocs(c->col);
    byl_buf b;
    byl_buf_init(&b);
    /* its size at once: doubling to it would hold up to twice the file */
    byl_buf_reserve(&b, cache_size((size_t)ndocs, CACHE_VERSION, byl_cdir_m(c->dir),
                                   byl_cdir_t(c->dir)));
    byl_checked_begin(&b, CACHE_MAGIC, CACHE_VERSION);
    byl_buf_put_u32(&b, 0);
    byl_buf_put_u64(&b, byl_index_generation(ix));
    byl_buf_put_u64(&b, ndocs);
    for (uint64_t g = 0; g < ndocs; g++)
        byl_buf_put_u32(&b, c->root[g]);
    /* a crc32 per chunk of the array, then one of the header and them */
    size_t nch = nchunks((size_t)ndocs);
    for (size_t ch = 0; ch < nch && !b.failed; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK, len = (size_t)ndocs - lo < BYL_CLUSTERS_CHUNK
                                                      ? (size_t)ndocs - lo
                                                      : BYL_CLUSTERS_CHUNK;
        byl_buf_put_u32(&b, byl_crc32(0, b.data + CACHE_ROOTS + 4 * lo, 4 * len));
    }
    if (!b.failed)
        byl_buf_put_u32(&b, byl_crc32(byl_crc32(0, b.data, CACHE_ROOTS),
                                      b.data + CACHE_ROOTS + 4 * (size_t)ndocs, 4 * nch));
    /* the directory (compute made it): counts, words, a crc32 per chunk of
     * words, then one of the counts and those crcs (nchunks: the
     * directory's chunks are the table's size) */
    size_t at = b.len, nw = (size_t)byl_cdir_nwords(byl_cdir_m(c->dir), byl_cdir_t(c->dir));
    const uint32_t *words = byl_cdir_words(c->dir);
    byl_buf_put_u32(&b, byl_cdir_m(c->dir));
    byl_buf_put_u32(&b, byl_cdir_t(c->dir));
    for (size_t i = 0; i < nw; i++)
        byl_buf_put_u32(&b, words[i]);
    size_t wch = nchunks(nw), crc_at = b.len;
    for (size_t ch = 0; ch < wch && !b.failed; ch++) {
        size_t lo = ch * BYL_CLUSTERS_CHUNK;
        size_t len = nw - lo < BYL_CLUSTERS_CHUNK ? nw - lo : BYL_CLUSTERS_CHUNK;
        byl_buf_put_u32(&b, byl_crc32(0, b.data + at + 8 + 4 * lo, 4 * len));
    }
    if (!b.failed)
        byl_buf_put_u32(&b, byl_crc32(byl_crc32(0, b.data + at, 8), b.data + crc_at, 4 * wch));
    if (byl_checked_seal(&b)) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ENOMEM, "out of memory saving clusters");
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp);
    rc = byl_file_write_new(tmp, b.data, b.len);
    byl_buf_reset(&b);
    if (!rc && (rc = byl_file_rename(tmp, path, byl_index_dir(ix))) != BYL_OK)
        unlink(tmp);
    return rc;
}

int byl_clusters_check_cache(byl_clusters *c)
{
    char path[4096];
    if (byl_collection_nindexes(c->col) != 1 || !cache_path(c, path, sizeof path))
        return byl_error_set(BYL_EINVAL, "only the clusters of one index are kept");
    struct stat st;
    if (lstat(path, &st) && errno == ENOENT)
        return byl_error_set(BYL_ENOTFOUND, "%s: no cluster cache", path);
    root_release(c);
    c->built = 0;
    if (!cache_load(c, LOAD_FULL))
        return byl_error_set(BYL_ECORRUPT, "%s: the near-duplicate cluster cache is damaged "
                             "(searches compute clusters instead; 'byline-index repair' "
                             "rewrites it)", path);
    return BYL_OK;
}

int byl_clusters_build(byl_clusters *c)
{
    if (c->built && c->lazy) {
        /* loaded lazily by a search before: all checked now, as this
         * caller reads entries without byl_clusters_check_entry */
        if (byl_clusters_check_all(c))
            return byl_clusters_rebuild(c);
        c->lazy = 0;
    }
    if (c->built || cache_load(c, LOAD_SEARCH))
        return BYL_OK;
    return compute(c);
}

int byl_clusters_build_lazy(byl_clusters *c)
{
    if (c->built || cache_load(c, LOAD_LAZY))
        return BYL_OK;
    return compute(c);
}

int byl_clusters_lazy(const byl_clusters *c) { return c->lazy; }

/* Sketches from an array of pointers (byl_clusters_components): NULL is
 * not a node. */
typedef struct ptrsrc {
    const uint8_t *const *rec;
    size_t n, g;
} ptrsrc;

static int ptr_rewind(void *ctx)
{
    ((ptrsrc *)ctx)->g = 0;
    return BYL_OK;
}

static int ptr_next(void *ctx, const uint8_t *rec[BYL_SKETCH_BATCH],
                    uint32_t g[BYL_SKETCH_BATCH], size_t *k)
{
    ptrsrc *s = ctx;
    size_t m = 0;
    for (; s->g < s->n && m < BYL_SKETCH_BATCH; s->g++)
        if (s->rec[s->g]) {
            rec[m] = s->rec[s->g];
            g[m++] = (uint32_t)s->g;
        }
    *k = m;
    return BYL_OK;
}

/* Sketches below this many are clustered on one thread: a thread costs
 * more than it saves there. */
#define HALVES_MIN 20000

int byl_clusters_components(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                            uint32_t *p)
{
    return byl_clusters_components_threads(rec, n, rule, p, n >= HALVES_MIN ? 2 : 1);
}

int byl_clusters_components_threads(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                                    uint32_t *p, int threads)
{
    return byl_clusters_components_within(rec, n, rule, 0, threads, p);
}

int byl_clusters_components_within(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                                   size_t budget, int threads, uint32_t *p)
{
    ptrsrc ps = {rec, n, 0};
    byl_sketch_src src = {n, n, ptr_rewind, ptr_next, &ps};
    return byl_cfind_components(&src, rule, budget, threads, p);
}

/* The sketches of a collection's live documents with enough shingles,
 * copied a batch at a time (byl_segment_fingerprints lets go of their
 * mapped pages: a pass keeps no more of them resident than its batch). */
typedef struct colsrc {
    const byl_collection *col;
    uint32_t min_shingles;
    int drop;           /* within a budget: each pass lets go of every page first
                           (not a search's: it reads them again after) */
    size_t si;          /* the segment read next */
    uint32_t d;         /* its next document */
    uint8_t buf[BYL_SKETCH_BATCH * BYL_FP_REC];
} colsrc;

static int col_rewind(void *ctx)
{
    colsrc *s = ctx;
    /* what opening the segments touched (their tables, 2 MB a segment of
     * 57,000 articles) let go of too: the passes hold the budget beside */
    const byl_cseg *segs = byl_collection_segs(s->col);
    for (size_t si = 0; s->drop && si < byl_collection_nsegs(s->col); si++)
        byl_segment_drop_pages(segs[si].seg);
    s->si = 0;
    s->d = 0;
    return BYL_OK;
}

static int col_next(void *ctx, const uint8_t *rec[BYL_SKETCH_BATCH],
                    uint32_t g[BYL_SKETCH_BATCH], size_t *k)
{
    colsrc *s = ctx;
    const byl_cseg *segs = byl_collection_segs(s->col);
    size_t nsegs = byl_collection_nsegs(s->col), m = 0;
    int rc;
    while (!m && s->si < nsegs) {
        const byl_cseg *e = &segs[s->si];
        if (s->d >= e->ndocs) {
            /* the pages its checks touched beside the sketches, let go of
             * too (1.2 MB a segment stayed: 39 MB at 1.2M articles) */
            if (s->drop)
                byl_segment_drop_pages(e->seg);
            s->si++;
            s->d = 0;
            continue;
        }
        uint32_t cnt = e->ndocs - s->d < BYL_SKETCH_BATCH ? e->ndocs - s->d : BYL_SKETCH_BATCH;
        int whole = byl_segment_fingerprints(e->seg, s->d, cnt, s->buf) == BYL_OK;
        for (uint32_t i = 0; i < cnt; i++) {
            uint32_t d = s->d + i;
            if (!doc_live(e->seg, d))
                continue;
            uint8_t *r = s->buf + (size_t)i * BYL_FP_REC;
            if (!whole) { /* a damaged page somewhere: only the live documents' count */
                const uint8_t *one;
                if ((rc = byl_segment_fingerprint(e->seg, d, &one)))
                    return rc;
                memcpy(r, one, BYL_FP_REC);
            }
            if (byl_fp_count(r) >= s->min_shingles) {
                rec[m] = r;
                g[m++] = (uint32_t)(e->base + d);
            }
        }
        s->d += cnt;
    }
    *k = m;
    return BYL_OK;
}

void byl_clusters_set_budget(byl_clusters *c, size_t bytes) { c->budget = bytes; }

size_t byl_clusters_need(const byl_clusters *c) { return c->need; }

/* The bytes a directory of the clusters in root (n entries) takes to
 * make beside root (byl_cdir_build: a count per document, then its
 * words), and to save (its words and the file's bytes, byl_clusters_save). */
static void dir_need(const uint32_t *root, size_t n, size_t *make, size_t *save)
{
    uint64_t m = 0, t = 0; /* clusters of two or more, their members */
    uint8_t *seen = byl_calloc(n / 8 + 1, 1); /* roots named by another entry */
    for (size_t g = 0; g < n; g++) {
        uint32_t r = root[g];
        if (r == g)
            continue;
        t++;
        if (seen && !(seen[r / 8] >> (r % 8) & 1)) {
            seen[r / 8] |= (uint8_t)(1u << (r % 8));
            m++;
        }
    }
    if (!seen)
        m = t; /* at most */
    byl_free(seen);
    t += m;
    size_t words = 4 * (size_t)byl_cdir_nwords(m, t);
    *make = 4 * n + words;
    *save = words + cache_size(n, CACHE_VERSION, (uint32_t)m, (uint32_t)t);
}

/* Finds the clusters from the sketches, whatever the cache holds. */
static int compute(byl_clusters *c)
{
    size_t n = (size_t)byl_collection_ndocs(c->col);
    const byl_cseg *segs = byl_collection_segs(c->col);
    size_t nsegs = byl_collection_nsegs(c->col), live = 0;
    for (size_t si = 0; si < nsegs; si++)
        live += segs[si].ndocs - byl_segment_stats(segs[si].seg)->ndeleted;
    colsrc *cs = byl_malloc(sizeof *cs);
    c->root = byl_malloc((n ? n : 1) * sizeof *c->root);
    int rc = BYL_OK;
    if (!cs || !c->root) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        goto out;
    }
    cs->col = c->col;
    cs->min_shingles = c->rule.min_shingles;
    cs->drop = c->budget != 0;
    byl_sketch_src src = {n, live < n ? live : n, col_rewind, col_next, cs};
    /* the budget holds the table and the source's batch too */
    size_t budget = 0, own = 4 * n + sizeof *cs;
    if (c->budget) {
        if (c->budget <= own + ((size_t)1 << 20)) {
            c->need = own + n + ((size_t)2 << 20);
            rc = byl_error_set(BYL_ELIMIT, "the near-duplicate clusters of %zu articles need "
                               "%zu MiB at least", n, c->need / 1048576 + 1);
            goto out;
        }
        budget = c->budget - own;
    }
    rc = byl_cfind_components(&src, &c->rule, budget, n >= HALVES_MIN ? 2 : 1, c->root);
    if (rc == BYL_ELIMIT)
        c->need = own + byl_cfind_last_need();
    if (!rc && c->budget) {
        size_t make, save;
        dir_need(c->root, n, &make, &save);
        size_t need = 4 * n + (make > save ? make : save);
        if (need > c->budget) {
            c->need = need;
            rc = byl_error_set(BYL_ELIMIT, "the near-duplicate clusters of %zu articles need "
                               "%zu MiB to list and save", n, need / 1048576 + 1);
        }
    }
    if (!rc)
        rc = byl_cdir_build(c->root, n, &c->dir);
    if (!rc)
        c->built = 1;
out:
    byl_free(cs);
    if (!c->built)
        root_release(c);
    return rc;
}

int byl_clusters_read(const byl_clusters *c, uint64_t first, size_t n, uint32_t *out)
{
    uint64_t ndocs = byl_collection_ndocs(c->col);
    if (!c->built || first % BYL_CLUSTERS_CHUNK || first > ndocs || n > ndocs - first)
        return byl_error_set(BYL_EINVAL, "cluster entries %llu+%zu: not a read of the table",
                             (unsigned long long)first, n);
    if (!c->lazy || c->fd < 0) {
        memcpy(out, c->root + first, n * sizeof *out);
        return BYL_OK;
    }
    uint8_t *b = (uint8_t *)out; /* little-endian (cache_load maps only there) */
    int rc = byl_pread_all(c->fd, c->path, b, 4 * n, CACHE_ROOTS + 4 * first);
    if (rc)
        return rc;
    __atomic_fetch_add((uint64_t *)&c->bytes_read, 4 * (uint64_t)n, __ATOMIC_RELAXED);
    for (size_t i = 0; i < n; i += BYL_CLUSTERS_CHUNK) {
        size_t ch = (size_t)((first + i) / BYL_CLUSTERS_CHUNK);
        size_t len = n - i < BYL_CLUSTERS_CHUNK ? n - i : BYL_CLUSTERS_CHUNK;
        size_t full = ndocs - (first + i) < BYL_CLUSTERS_CHUNK ? (size_t)(ndocs - (first + i))
                                                                : BYL_CLUSTERS_CHUNK;
        if (len != full) /* a chunk read in part: checked through the map */
            return byl_clusters_check_entry(c, first + i);
        if (!chunk_bytes_ok(c, ch, b + 4 * i))
            return chunk_damaged(c, ch);
    }
    return BYL_OK;
}

uint64_t byl_clusters_bytes_read(const byl_clusters *c)
{
    return __atomic_load_n(&c->bytes_read, __ATOMIC_RELAXED);
}

void byl_clusters_use_table(byl_clusters *c, const uint32_t *root)
{
    root_release(c);
    c->root = (uint32_t *)root; /* never written: lent */
    c->root_lent = 1;
    c->built = 1;
    /* out of memory, the directory stays NULL: byl_clusters_sizes says so */
    if (byl_cdir_build(root, (size_t)byl_collection_ndocs(c->col), &c->dir))
        c->dir = NULL;
}

uint32_t byl_clusters_of(const byl_clusters *c, uint64_t gdoc)
{
    if (c->lazy && byl_clusters_check_entry(c, gdoc))
        return (uint32_t)gdoc; /* a damaged chunk (byl_clusters_build_lazy) */
    uint32_t r = gdoc < byl_collection_ndocs(c->col) && c->root ? c->root[gdoc] : (uint32_t)gdoc;
    return r <= gdoc ? r : (uint32_t)gdoc; /* a lying cache (cache_load): no cluster */
}

const uint32_t *byl_clusters_table(const byl_clusters *c) { return c->built ? c->root : NULL; }

void byl_clusters_locate(const byl_clusters *c, uint64_t gdoc, uint32_t *ix, uint32_t *seg,
                         uint32_t *doc)
{
    /* callers pass numbers below ndocs (hits, members); past the end,
     * which no data leads to, names no document */
    if (byl_collection_locate(c->col, gdoc, ix, seg, doc))
        *ix = *seg = *doc = UINT32_MAX;
}

int byl_clusters_members(byl_clusters *c, uint64_t gdoc, uint64_t **members, size_t *n)
{
    *members = NULL;
    *n = 0;
    int rc = byl_clusters_build(c);
    if (rc)
        return rc;
    uint64_t ndocs = byl_collection_ndocs(c->col);
    if (gdoc >= ndocs)
        return byl_error_set(BYL_EINVAL, "document %llu out of range", (unsigned long long)gdoc);
    uint32_t cid = byl_clusters_of(c, gdoc), one;
    size_t cnt;
    /* the size first, then the members */
    if ((rc = byl_clusters_members_of(c, cid, &one, 1, &cnt)))
        return rc;
    uint32_t *g32 = byl_malloc((cnt ? cnt : 1) * sizeof *g32);
    uint64_t *m = byl_malloc((cnt ? cnt : 1) * sizeof *m);
    if (!g32 || !m) {
        byl_free(g32);
        byl_free(m);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    if ((rc = byl_clusters_members_of(c, cid, g32, cnt, &cnt))) {
        byl_free(g32);
        byl_free(m);
        return rc;
    }
    size_t k = 0;
    for (size_t i = 0; i < cnt; i++) {
        uint32_t ix, seg, d;
        if (byl_collection_locate(c->col, g32[i], &ix, &seg, &d))
            continue;
        const byl_cseg *e = &byl_collection_segs(c->col)[byl_collection_seg_pos(c->col, ix, seg)];
        if (doc_live(e->seg, d))
            m[k++] = g32[i];
    }
    byl_free(g32);
    *members = m;
    *n = k;
    return BYL_OK;
}

int byl_clusters_sizes(const byl_clusters *c, const uint32_t *cids, size_t n, uint32_t *sizes)
{
    if (!c->built || !c->dir)
        return byl_error_set(BYL_ENOMEM, "out of memory listing the clusters of similar articles");
    return byl_cdir_sizes(c->dir, cids, n, sizes);
}

int byl_clusters_members_of(const byl_clusters *c, uint32_t cid, uint32_t *out, size_t cap,
                            size_t *n)
{
    *n = 0;
    if (!c->built || !c->dir)
        return byl_error_set(BYL_ENOMEM, "out of memory listing the clusters of similar articles");
    return byl_cdir_members(c->dir, cid, out, cap, n);
}
