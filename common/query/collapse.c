/*
 * collapse.c - near-duplicate clusters over live documents, and collapsed
 * rankings.
 *
 * Clustering: every live document with a usable sketch is a node; for each
 * of the BYL_FP_BANDS bands the nodes are bucketed by the band's 16-bit key
 * (counting sort, so a bucket lists its documents in global order) and each
 * document is compared with the documents before it in its bucket (at most
 * WINDOW of them, which bounds the work on a crowded bucket); pairs that
 * byl_fp_close() accepts are joined in a union-find whose root is always
 * the smallest global number.  A pair already in one cluster is not
 * compared again, so a big cluster costs one comparison per band per
 * member.
 *
 * Collapsing: an exhaustive search counts the matches of each cluster (and
 * keeps its oldest match) through the on_match callback; the ranked hits
 * are then walked, keeping the first hit of each cluster.  The first pass
 * asks for 4k + 32 hits; only when that is not enough to fill k clusters
 * is the query run again for every hit.
 *
 * Not for: the sketches or the closeness rule (index/fingerprint.c).
 */
#include "query/collapse.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/crc.h"
#include "util/bytes.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

#define WINDOW 64
#define CACHE_MAGIC "BYLCLU\r\n" /* the cluster cache file, described above cache_path() */
#define CACHE_VERSION 1 /* bump when the rule or the sketch changes */
#define CACHE_HEADER 32
#define LOCAL 128 /* buckets up to this size are compared from a local copy */
#define NO_DOC UINT32_MAX
#define SHOWN 0x80000000u

typedef struct segent {
    byl_segment *seg;
    uint32_t ix, segno;
    uint64_t base;
    uint32_t ndocs;
} segent;

struct byl_clusters {
    byl_index *const *ixs;
    size_t nix;
    segent *segs;
    size_t nsegs;
    size_t *ix_first;        /* per index: its first entry in segs */
    uint64_t ndocs;
    byl_fp_rule rule;
    int built;
    uint32_t *root;          /* per document: its cluster (smallest member) */
    size_t root_map;         /* when root lies in the mapped cache: the map's length */
    /* per query, indexed by cluster */
    uint32_t *cnt;           /* matches in the cluster, SHOWN once it has a group */
    uint32_t *pick;          /* oldest match */
    int64_t *pick_date;
    uint32_t *touched;       /* clusters with matches */
    size_t ntouched;
    int mode;
    int rc;                  /* first error met in the match callback */
    void (*chain)(void *, uint32_t, uint32_t, uint32_t);
    void *chain_ctx;
    byl_group *groups;
    size_t groups_cap;
};

/* Lets go of c->root, owned or mapped. */
static void root_release(byl_clusters *c)
{
    if (c->root_map)
        munmap((uint8_t *)c->root - CACHE_HEADER, c->root_map);
    else
        byl_free(c->root);
    c->root = NULL;
    c->root_map = 0;
}

/* Whether a document takes part in clustering: a deleted (or replaced)
 * article must be neither a member nor a link of any cluster, so clusters
 * follow adds, replaces and deletes without being stored. */
static int doc_live(const byl_segment *seg, uint32_t doc)
{
    return !byl_segment_is_deleted(seg, doc);
}

int byl_clusters_new(byl_index *const *indexes, size_t n, const byl_fp_rule *rule,
                     byl_clusters **out)
{
    *out = NULL;
    byl_clusters *c = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    c->ixs = indexes;
    c->nix = n;
    if (rule)
        c->rule = *rule;
    else
        byl_fp_rule_init(&c->rule);
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += byl_index_nsegments(indexes[i]);
    c->segs = byl_calloc(total ? total : 1, sizeof *c->segs);
    c->ix_first = byl_calloc(n ? n : 1, sizeof *c->ix_first);
    if (!c->segs || !c->ix_first) {
        byl_clusters_free(c);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    uint64_t base = 0;
    for (size_t i = 0; i < n; i++) {
        c->ix_first[i] = c->nsegs;
        for (size_t j = 0; j < byl_index_nsegments(indexes[i]); j++) {
            segent *e = &c->segs[c->nsegs++];
            e->seg = byl_index_segment(indexes[i], j);
            e->ix = (uint32_t)i;
            e->segno = (uint32_t)j;
            e->base = base;
            e->ndocs = byl_segment_stats(e->seg)->ndocs;
            base += e->ndocs;
        }
    }
    if (base >= UINT32_MAX) {
        byl_clusters_free(c);
        return byl_error_set(BYL_ELIMIT, "more than 4 billion articles in all");
    }
    c->ndocs = base;
    *out = c;
    return BYL_OK;
}

void byl_clusters_free(byl_clusters *c)
{
    if (!c)
        return;
    byl_free(c->segs);
    byl_free(c->ix_first);
    root_release(c);
    byl_free(c->cnt);
    byl_free(c->pick);
    byl_free(c->pick_date);
    byl_free(c->touched);
    byl_free(c->groups);
    byl_free(c);
}

uint64_t byl_clusters_ndocs(const byl_clusters *c) { return c->ndocs; }

static uint32_t find(uint32_t *p, uint32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* ---- the cluster cache of one index ----
 * "NNNNNN.clusters" beside the manifest of generation NNNNNN: magic
 * "BYLCLU\r\n", u32 version, u32 0, u64 generation, u64 documents N,
 * N times u32 cluster (the smallest global number of its members), u32
 * crc32 of everything before it.  Only a cache: when it is missing,
 * stale or damaged, clusters are computed as if it were not there. */
static int cache_path(const byl_clusters *c, char *buf, size_t cap)
{
    const byl_index *ix = c->ixs[0];
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

/* Loads the cache into c->root; 1 on success, 0 when there is none fit
 * to use.  The file is mapped, not read: its array is the root array
 * itself on a little-endian machine, and a search that loads it touches
 * each page once, in order (a copy into the heap cost one page fault per
 * 4 KiB, twice over). */
static int cache_load(byl_clusters *c)
{
    char path[4096];
    if (c->nix != 1 || !is_default_rule(&c->rule) || !cache_path(c, path, sizeof path))
        return 0;
    int fd;
    if (byl_open_regular(path, &fd))
        return 0;
    size_t n = (size_t)c->ndocs, size = CACHE_HEADER + 4 * n + 4;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && (uint64_t)st.st_size == size)
        m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return 0;
    const uint8_t *buf = m;
    int ok = memcmp(buf, CACHE_MAGIC, 8) == 0 && byl_get_u32(buf + 8) == CACHE_VERSION &&
             byl_get_u64(buf + 16) == byl_index_generation(c->ixs[0]) &&
             byl_get_u64(buf + 24) == c->ndocs &&
             byl_crc32(0, buf, size - 4) == byl_get_u32(buf + size - 4);
    for (size_t g = 0; ok && g < n; g++) {
        /* a cluster is named by its smallest member, which names itself */
        uint32_t r = byl_get_u32(buf + CACHE_HEADER + 4 * g);
        ok = r <= g && byl_get_u32(buf + CACHE_HEADER + 4 * (size_t)r) == r;
    }
    if (!ok) {
        munmap(m, size);
        return 0;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    c->root = (uint32_t *)(void *)(buf + CACHE_HEADER); /* 4-aligned: the header is 32 bytes */
    c->root_map = size;
#else
    uint32_t *root = byl_malloc((n ? n : 1) * sizeof *root);
    for (size_t g = 0; root && g < n; g++)
        root[g] = byl_get_u32(buf + CACHE_HEADER + 4 * g);
    munmap(m, size);
    if (!root)
        return 0;
    c->root = root;
#endif
    c->built = 1;
    return 1;
}

int byl_clusters_save(byl_clusters *c)
{
    char path[4096], tmp[4200];
    if (c->nix != 1 || !is_default_rule(&c->rule))
        return byl_error_set(BYL_EINVAL, "only the clusters of one index, by the default rule, "
                             "are kept");
    if (!cache_path(c, path, sizeof path))
        return byl_error_set(BYL_EINVAL, "path too long");
    if (cache_load(c))
        return BYL_OK; /* this generation's clusters are there, intact */
    /* missing or damaged: computed afresh and written over it */
    c->built = 0;
    root_release(c);
    int rc = byl_clusters_build(c);
    if (rc)
        return rc;
    byl_buf b;
    byl_buf_init(&b);
    byl_buf_put(&b, CACHE_MAGIC, 8);
    byl_buf_put_u32(&b, CACHE_VERSION);
    byl_buf_put_u32(&b, 0);
    byl_buf_put_u64(&b, byl_index_generation(c->ixs[0]));
    byl_buf_put_u64(&b, c->ndocs);
    for (uint64_t g = 0; g < c->ndocs; g++)
        byl_buf_put_u32(&b, c->root[g]);
    if (!b.failed)
        byl_buf_put_u32(&b, byl_crc32(0, b.data, b.len));
    if (b.failed) {
        byl_buf_reset(&b);
        return byl_error_set(BYL_ENOMEM, "out of memory saving clusters");
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp);
    rc = byl_file_write_new(tmp, b.data, b.len);
    byl_buf_reset(&b);
    if (!rc && (rc = byl_file_rename(tmp, path, byl_index_dir(c->ixs[0]))) != BYL_OK)
        unlink(tmp);
    return rc;
}

int byl_clusters_check_cache(byl_clusters *c)
{
    char path[4096];
    if (c->nix != 1 || !cache_path(c, path, sizeof path))
        return byl_error_set(BYL_EINVAL, "only the clusters of one index are kept");
    struct stat st;
    if (lstat(path, &st) && errno == ENOENT)
        return byl_error_set(BYL_ENOTFOUND, "%s: no cluster cache", path);
    root_release(c);
    c->built = 0;
    if (!cache_load(c))
        return byl_error_set(BYL_ECORRUPT, "%s: the near-duplicate cluster cache is damaged "
                             "(searches compute clusters instead; 'byline-index repair' "
                             "rewrites it)", path);
    return BYL_OK;
}

int byl_clusters_build(byl_clusters *c)
{
    if (c->built || cache_load(c))
        return BYL_OK;
    size_t n = (size_t)c->ndocs;
    const uint8_t **rec = byl_calloc(n ? n : 1, sizeof *rec);
    uint32_t *order = byl_malloc((n ? n : 1) * sizeof *order);
    uint32_t *start = byl_malloc((65536 + 1) * sizeof *start);
    c->root = byl_malloc((n ? n : 1) * sizeof *c->root);
    int rc = BYL_OK;
    if (!rec || !order || !start || !c->root) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        goto out;
    }
    for (size_t si = 0; si < c->nsegs && !rc; si++) {
        segent *e = &c->segs[si];
        for (uint32_t d = 0; d < e->ndocs; d++) {
            uint64_t g = e->base + d;
            c->root[g] = (uint32_t)g;
            if (!doc_live(e->seg, d))
                continue;
            const uint8_t *r;
            if ((rc = byl_segment_fingerprint(e->seg, d, &r)))
                break;
            if (byl_fp_count(r) >= c->rule.min_shingles)
                rec[g] = r;
        }
    }
    if (rc)
        goto out;
    uint32_t *p = c->root;
    uint8_t local[LOCAL * BYL_FP_REC]; /* 9.7 KB */
    const uint8_t *lrec[LOCAL];
    for (unsigned b = 0; b < BYL_FP_BANDS; b++) {
        memset(start, 0, (65536 + 1) * sizeof *start);
        for (size_t g = 0; g < n; g++)
            if (rec[g])
                start[byl_fp_band(rec[g], b) + 1]++;
        for (size_t k = 1; k <= 65536; k++)
            start[k] += start[k - 1];
        size_t m = start[65536];
        /* start[k] is now the first slot of bucket k; fill in global order */
        for (size_t g = 0; g < n; g++)
            if (rec[g])
                order[start[byl_fp_band(rec[g], b)]++] = (uint32_t)g;
        /* after the fill start[k] is the end of bucket k */
        size_t i = 0;
        while (i < m) {
            uint32_t key = byl_fp_band(rec[order[i]], b);
            size_t e = start[key];
            /* The records of a bucket lie anywhere in the mapped sketches;
             * a small bucket is copied side by side first, so its pairs are
             * compared in cache rather than by two misses each (at a
             * million articles chance collisions of the band keys make
             * most of the work). */
            if (e - i > 1 && e - i <= LOCAL)
                for (size_t x = i; x < e; x++) {
                    memcpy(local + (x - i) * BYL_FP_REC, rec[order[x]], BYL_FP_REC);
                    lrec[x - i] = local + (x - i) * BYL_FP_REC;
                }
            for (size_t x = i + 1; x < e; x++) {
                size_t from = x - i > WINDOW ? x - WINDOW : i;
                const uint8_t *rx = e - i <= LOCAL ? lrec[x - i] : rec[order[x]];
                for (size_t y = from; y < x; y++) {
                    uint32_t ra = find(p, order[x]), rb = find(p, order[y]);
                    const uint8_t *ry = e - i <= LOCAL ? lrec[y - i] : rec[order[y]];
                    if (ra == rb || !byl_fp_close(rx, ry, &c->rule))
                        continue;
                    if (ra < rb)
                        p[rb] = ra;
                    else
                        p[ra] = rb;
                }
            }
            i = e;
        }
    }
    for (size_t g = 0; g < n; g++)
        p[g] = find(p, (uint32_t)g);
    c->built = 1;
out:
    byl_free(rec);
    byl_free(order);
    byl_free(start);
    if (!c->built)
        root_release(c);
    return rc;
}

uint32_t byl_clusters_of(const byl_clusters *c, uint64_t gdoc)
{
    return gdoc < c->ndocs && c->root ? c->root[gdoc] : (uint32_t)gdoc;
}

void byl_clusters_locate(const byl_clusters *c, uint64_t gdoc, uint32_t *ix, uint32_t *seg,
                         uint32_t *doc)
{
    size_t lo = 0, hi = c->nsegs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->segs[mid].base <= gdoc)
            lo = mid;
        else
            hi = mid;
    }
    /* empty segments share their base with the next one */
    while (lo + 1 < c->nsegs && gdoc >= c->segs[lo].base + c->segs[lo].ndocs)
        lo++;
    *ix = c->segs[lo].ix;
    *seg = c->segs[lo].segno;
    *doc = (uint32_t)(gdoc - c->segs[lo].base);
}

int byl_clusters_members(byl_clusters *c, uint64_t gdoc, uint64_t **members, size_t *n)
{
    *members = NULL;
    *n = 0;
    int rc = byl_clusters_build(c);
    if (rc)
        return rc;
    if (gdoc >= c->ndocs)
        return byl_error_set(BYL_EINVAL, "document %llu out of range", (unsigned long long)gdoc);
    uint32_t cid = c->root[gdoc];
    size_t cnt = 0;
    for (uint64_t g = cid; g < c->ndocs; g++)
        cnt += c->root[g] == cid;
    uint64_t *m = byl_malloc(cnt * sizeof *m);
    if (!m)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t si = 0; si < c->nsegs; si++) {
        segent *e = &c->segs[si];
        for (uint32_t d = 0; d < e->ndocs; d++)
            if (c->root[e->base + d] == cid && doc_live(e->seg, d))
                m[k++] = e->base + d;
    }
    *members = m;
    *n = k;
    return BYL_OK;
}

/* ---- collapsed search ---- */

static void on_match(void *ctx, uint32_t ix, uint32_t segno, uint32_t doc)
{
    byl_clusters *c = ctx;
    if (c->chain)
        c->chain(c->chain_ctx, ix, segno, doc);
    const segent *e = &c->segs[c->ix_first[ix] + segno];
    uint32_t g = (uint32_t)(e->base + doc), cid = c->root[g];
    int64_t date = INT64_MIN;
    if (c->pick && !c->rc &&
        byl_segment_doc_info(e->seg, doc, &date, NULL))
        c->rc = BYL_ECORRUPT;
    if (date == INT64_MIN)
        date = INT64_MAX; /* undated: after every dated article */
    if (!c->cnt[cid]++) {
        c->touched[c->ntouched++] = cid;
        if (c->pick) {
            c->pick[cid] = g;
            c->pick_date[cid] = date;
        }
    } else if (c->pick && date < c->pick_date[cid]) {
        c->pick[cid] = g; /* ties keep the earlier global number */
        c->pick_date[cid] = date;
    }
}

/* Walks hits into groups (at most k). */
static size_t walk(byl_clusters *c, const byl_hit *hits, size_t nhits, size_t k)
{
    size_t ng = 0;
    for (size_t i = 0; i < nhits && ng < k; i++) {
        uint32_t cid = c->root[hits[i].gdoc];
        if (c->cnt[cid] & SHOWN)
            continue;
        c->cnt[cid] |= SHOWN;
        byl_group *gr = &c->groups[ng++];
        gr->hit = hits[i];
        gr->similar = (c->cnt[cid] & ~SHOWN) - 1;
        if (c->mode == BYL_COLLAPSE_OLDEST) {
            if (c->pick[cid] != hits[i].gdoc) {
                gr->hit.gdoc = c->pick[cid];
                byl_clusters_locate(c, gr->hit.gdoc, &gr->hit.ix, &gr->hit.seg, &gr->hit.doc);
            }
            gr->hit.date = c->pick_date[cid] == INT64_MAX ? INT64_MIN : c->pick_date[cid];
        }
    }
    return ng;
}

int byl_collapse_search(byl_clusters *c, byl_searcher *s, const byl_qnode *q,
                        const byl_search_opts *o, int mode, size_t k,
                        const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                        uint64_t *nmatches)
{
    *groups = NULL;
    *ngroups = 0;
    *nclusters = *nmatches = 0;
    if (k > c->groups_cap) {
        byl_group *g = byl_realloc(c->groups, k * sizeof *g);
        if (!g)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", k);
        c->groups = g;
        c->groups_cap = k;
    }
    byl_search_opts so = *o;
    const byl_hit *hits;
    size_t nhits;
    uint64_t total;
    int rc;
    if (mode == BYL_COLLAPSE_NONE) {
        so.k = k;
        if ((rc = byl_search(s, q, &so, &hits, &nhits, &total)))
            return rc;
        for (size_t i = 0; i < nhits; i++) {
            c->groups[i].hit = hits[i];
            c->groups[i].similar = 0;
        }
        *groups = c->groups;
        *ngroups = nhits;
        *nclusters = *nmatches = total;
        return BYL_OK;
    }
    if ((rc = byl_clusters_build(c)))
        return rc;
    size_t n = (size_t)c->ndocs ? (size_t)c->ndocs : 1;
    /* The per-cluster arrays are touched only where a match falls, and
     * every page touched is a page fault: the oldest-member arrays exist
     * only for the mode that reads them (a third of the faults of a
     * one-shot search otherwise). */
    if (!c->cnt) {
        c->cnt = byl_calloc(n, sizeof *c->cnt);
        c->touched = byl_malloc(n * sizeof *c->touched);
        if (!c->cnt || !c->touched) {
            byl_free(c->cnt);
            c->cnt = NULL;
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        }
    }
    if (mode == BYL_COLLAPSE_OLDEST && !c->pick) {
        c->pick = byl_malloc(n * sizeof *c->pick);
        c->pick_date = byl_malloc(n * sizeof *c->pick_date);
        if (!c->pick || !c->pick_date) {
            byl_free(c->pick);
            byl_free(c->pick_date);
            c->pick = NULL;
            c->pick_date = NULL;
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        }
    } else if (mode != BYL_COLLAPSE_OLDEST && c->pick) {
        byl_free(c->pick);
        byl_free(c->pick_date);
        c->pick = NULL;
        c->pick_date = NULL;
    }
    for (size_t i = 0; i < c->ntouched; i++)
        c->cnt[c->touched[i]] = 0;
    c->ntouched = 0;
    c->mode = mode;
    c->rc = BYL_OK;
    c->chain = o->on_match;
    c->chain_ctx = o->on_match_ctx;
    so.count_total = 1;
    so.on_match = on_match;
    so.on_match_ctx = c;
    so.k = k ? 4 * k + 32 : 0;
    rc = byl_search(s, q, &so, &hits, &nhits, &total);
    if (!rc)
        rc = c->rc;
    if (rc)
        return rc;
    size_t ng = walk(c, hits, nhits, k);
    while (ng < k && nhits < total && (uint64_t)nhits < c->ndocs) {
        /* Too many duplicates near the top: rank eight times deeper, up
         * to every match.  (Ranking every match at once made a search
         * whose top was one large cluster sort a quarter of a million
         * hits at a million articles.)  The count is the first pass's. */
        for (size_t i = 0; i < c->ntouched; i++)
            c->cnt[c->touched[i]] &= ~SHOWN;
        so.on_match = NULL;
        so.count_total = 0;
        so.k = (uint64_t)so.k > total / 8 ? (size_t)total : so.k * 8;
        uint64_t scored;
        if ((rc = byl_search(s, q, &so, &hits, &nhits, &scored)))
            return rc;
        ng = walk(c, hits, nhits, k);
    }
    *groups = c->groups;
    *ngroups = ng;
    *nclusters = c->ntouched;
    *nmatches = total;
    return BYL_OK;
}
