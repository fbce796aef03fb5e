/*
 * clusterdir.c - the directory of clusters of more than one member
 * (clusterdir.h): made from a table, or read from the cluster cache a
 * checked chunk at a time.
 *
 * Look-ups come in ascending order (a search's sample, sorted), so each
 * gallops forward from the last: a run of near clusters reads one chunk,
 * a jump across the directory about two per halving.  A reader holds one
 * chunk (1 KiB) on the stack: nothing is shared but the file, so threads
 * may read one directory together.
 *
 * Not for: the table of every document's cluster or the cache file's
 * frame (cluster.c).
 */
#include "index/clusterdir.h"

#include <string.h>

#include "util/bytes.h"
#include "util/crc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/regular.h"

#define CHUNK ((uint64_t)BYL_CDIR_CHUNK)

struct byl_cdir {
    uint32_t m, t;        /* clusters listed, their members in all */
    uint64_t nwords;      /* 2 * (m + 1) + t */
    uint64_t ndocs;       /* members at or past it are left out */
    uint32_t *own;        /* made in memory (byl_cdir_build), or NULL */
    const uint8_t *map;   /* mapped and checked words, or NULL */
    int fd;               /* else read from here, each chunk checked */
    const char *path;
    uint64_t off;         /* where word 0 lies in it */
    const uint8_t *crcs;  /* a u32 crc32 per chunk of words */
};

uint64_t byl_cdir_nwords(uint64_t m, uint64_t t) { return 2 * (m + 1) + t; }

int byl_cdir_build(const uint32_t *root, size_t n, byl_cdir **out)
{
    *out = NULL;
    /* per cluster its count, then (for the listed) 1 + where its next
     * member goes */
    uint32_t *cnt = byl_calloc(n ? n : 1, sizeof *cnt);
    byl_cdir *d = byl_calloc(1, sizeof *d);
    if (!cnt || !d)
        goto nomem;
    for (size_t g = 0; g < n; g++)
        cnt[root[g] <= g ? root[g] : g]++;
    uint64_t m = 0, t = 0;
    for (size_t c = 0; c < n; c++)
        if (cnt[c] >= 2) {
            m++;
            t += cnt[c];
        }
    d->m = (uint32_t)m;
    d->t = (uint32_t)t;
    d->nwords = byl_cdir_nwords(m, t);
    d->ndocs = n;
    d->fd = -1;
    if (!(d->own = byl_malloc(d->nwords * sizeof *d->own)))
        goto nomem;
    uint64_t e = 0, s = 0;
    for (size_t c = 0; c < n; c++) {
        if (cnt[c] < 2) {
            cnt[c] = 0;
            continue;
        }
        uint32_t size = cnt[c];
        d->own[2 * e] = (uint32_t)c;
        d->own[2 * e + 1] = (uint32_t)s;
        cnt[c] = (uint32_t)s + 1;
        s += size;
        e++;
    }
    d->own[2 * m] = UINT32_MAX;
    d->own[2 * m + 1] = (uint32_t)t;
    uint32_t *mem = d->own + 2 * (m + 1);
    for (size_t g = 0; g < n; g++) {
        uint32_t r = root[g] <= g ? root[g] : (uint32_t)g;
        if (cnt[r])
            mem[cnt[r]++ - 1] = (uint32_t)g;
    }
    byl_free(cnt);
    *out = d;
    return BYL_OK;
nomem:
    byl_free(cnt);
    byl_cdir_free(d);
    return byl_error_set(BYL_ENOMEM, "out of memory listing the clusters of similar articles");
}

int byl_cdir_open(uint32_t m, uint32_t t, uint64_t ndocs, const uint8_t *words, int fd,
                  const char *path, uint64_t off, const uint8_t *crcs, byl_cdir **out)
{
    *out = NULL;
    /* every listed cluster has two members at least, each one document */
    if (t > ndocs || (uint64_t)m * 2 > t)
        return byl_error_set(BYL_EINVAL, "%s: a directory of %u clusters of %u members does "
                             "not fit %llu documents", path, m, t, (unsigned long long)ndocs);
    byl_cdir *d = byl_calloc(1, sizeof *d);
    if (!d)
        return byl_error_set(BYL_ENOMEM, "out of memory listing the clusters of similar articles");
    d->m = m;
    d->t = t;
    d->nwords = byl_cdir_nwords(m, t);
    d->ndocs = ndocs;
    d->map = words;
    d->fd = fd;
    d->path = path;
    d->off = off;
    d->crcs = crcs;
    *out = d;
    return BYL_OK;
}

void byl_cdir_free(byl_cdir *d)
{
    if (!d)
        return;
    byl_free(d->own);
    byl_free(d);
}

const uint32_t *byl_cdir_words(const byl_cdir *d) { return d->own; }
uint32_t byl_cdir_m(const byl_cdir *d) { return d->m; }
uint32_t byl_cdir_t(const byl_cdir *d) { return d->t; }

/* A reader: the chunk it holds (read from the file). */
struct rd {
    const byl_cdir *d;
    uint64_t ch;   /* UINT64_MAX: none */
    uint32_t w[BYL_CDIR_CHUNK];
};

/* Reads chunk ch of the file into r, checked. */
static int load(struct rd *r, uint64_t ch)
{
    const byl_cdir *d = r->d;
    uint64_t lo = ch * CHUNK;
    size_t len = (size_t)(d->nwords - lo < CHUNK ? d->nwords - lo : CHUNK);
    uint8_t b[4 * BYL_CDIR_CHUNK];
    int rc = byl_pread_all(d->fd, d->path, b, 4 * len, d->off + 4 * lo);
    if (rc)
        return rc;
    if (byl_crc32(0, b, 4 * len) != byl_get_u32(d->crcs + 4 * ch))
        return byl_error_set(BYL_ECORRUPT, "%s: words %llu to %llu of the near-duplicate "
                             "cluster directory fail their checksum", d->path,
                             (unsigned long long)lo, (unsigned long long)(lo + len - 1));
    for (size_t i = 0; i < len; i++)
        r->w[i] = byl_get_u32(b + 4 * i);
    r->ch = ch;
    return BYL_OK;
}

/* Word i (below nwords) into *w. */
static inline int word(struct rd *r, uint64_t i, uint32_t *w)
{
    const byl_cdir *d = r->d;
    if (d->own) {
        *w = d->own[i];
        return BYL_OK;
    }
    if (d->map) {
        *w = byl_get_u32(d->map + 4 * i);
        return BYL_OK;
    }
    int rc;
    if (i / CHUNK != r->ch && (rc = load(r, i / CHUNK)))
        return rc;
    *w = r->w[i % CHUNK];
    return BYL_OK;
}

/* The first entry at or after lo (<= m) whose cluster is cid or above,
 * galloping from lo (entry m, UINT32_MAX, ends every search). */
static int seek(struct rd *r, uint32_t cid, uint64_t lo, uint64_t *pos)
{
    uint64_t m = r->d->m, hi = lo, step = 1;
    uint32_t c;
    int rc;
    /* find hi with entry hi >= cid, every entry in [lo, hi) below it */
    while (hi < m) {
        if ((rc = word(r, 2 * hi, &c)))
            return rc;
        if (c >= cid)
            break;
        lo = hi + 1;
        hi = lo + step - 1 < m ? lo + step - 1 : m;
        step *= 2;
    }
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if ((rc = word(r, 2 * mid, &c)))
            return rc;
        if (c < cid)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    return BYL_OK;
}

/* Entry pos's cluster, start and size (a size that does not fit the
 * members, which only a lying file holds, reads as 1). */
static int entry(struct rd *r, uint64_t pos, uint32_t *cid, uint32_t *start, uint32_t *size)
{
    uint32_t next;
    int rc;
    if ((rc = word(r, 2 * pos, cid)) || (rc = word(r, 2 * pos + 1, start)) ||
        (rc = word(r, 2 * pos + 3, &next)))
        return rc;
    *size = next > *start && next <= r->d->t ? next - *start : 1;
    return BYL_OK;
}

int byl_cdir_sizes(const byl_cdir *d, const uint32_t *cids, size_t n, uint32_t *sizes)
{
    struct rd r = {.d = d, .ch = UINT64_MAX};
    uint64_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cids[i] == cids[i - 1]) {
            sizes[i] = sizes[i - 1];
            continue;
        }
        uint32_t c, start, size;
        int rc;
        if (i && cids[i] < cids[i - 1])
            pos = 0; /* out of order: from the start (not what callers pass) */
        if ((rc = seek(&r, cids[i], pos, &pos)))
            return rc;
        sizes[i] = 1;
        if (pos < d->m) {
            if ((rc = entry(&r, pos, &c, &start, &size)))
                return rc;
            if (c == cids[i])
                sizes[i] = size;
        }
    }
    return BYL_OK;
}

int byl_cdir_members(const byl_cdir *d, uint32_t cid, uint32_t *out, size_t cap, size_t *n)
{
    struct rd r = {.d = d, .ch = UINT64_MAX};
    uint64_t pos;
    uint32_t c, start, size;
    int rc;
    *n = 0;
    if ((rc = seek(&r, cid, 0, &pos)))
        return rc;
    if (pos >= d->m || (rc = entry(&r, pos, &c, &start, &size)) || c != cid || size < 2) {
        if (rc)
            return rc;
        if (cap)
            out[0] = cid;
        *n = 1;
        return BYL_OK;
    }
    uint64_t base = 2 * ((uint64_t)d->m + 1) + start;
    size_t k = 0;
    for (uint32_t i = 0; i < size; i++) {
        uint32_t g;
        if ((rc = word(&r, base + i, &g)))
            return rc;
        if (g >= d->ndocs)
            continue; /* a lying file: no such document */
        if (k < cap)
            out[k] = g;
        k++;
    }
    *n = k;
    return BYL_OK;
}
