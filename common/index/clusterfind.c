/*
 * clusterfind.c - near-duplicate components within a memory budget
 * (clusterfind.h).
 *
 * Every node is a vertex; for each of the BYL_FP_BANDS bands the nodes are
 * bucketed by the band's 16-bit key, a bucket listing its members in
 * global order, and each member is compared with the members before it
 * (at most WINDOW of them, which bounds the work on a crowded bucket, then
 * ordered by content so that the pairs do not depend on the numbering).
 * Close pairs are joined in a union-find whose root is always the smallest
 * global number; a pair already in one component is not compared again.
 *
 * Two ways to hold the records, chosen by the budget:
 *   fast    the nodes' records in one array (80 bytes a node), read in
 *           one pass; a counting sort per band over it; on two threads,
 *           half the bands each in a forest of its own, merged after.
 *   passes  per band, a histogram of its keys (counted during the band
 *           before's first pass), then ranges of keys whose buckets of two
 *           members or more fit the buffer; one pass over the sketches per
 *           range copies those buckets' records side by side, in global
 *           order.  Singletons are never copied.  One thread: a second
 *           would halve the buffer and double the passes.
 *
 * Not for: which documents are nodes, or reading them (the source), the
 * cache file (cluster.c).
 */
#include "index/clusterfind.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/mem.h"

#define WINDOW 64
#define LOCAL 128 /* buckets up to this size are compared from a local copy */
#define KEYS 65536
#define REC BYL_FP_REC
#define NODE (REC + 4)          /* a node's record and number (fast) */
#define SLOT (REC + 4 + 4)      /* a copied member: record, number, place (passes) */
#define RANGES_MAX 32           /* ranges per band before a budget is too small */
#define MiB(x) (((x) + ((size_t)1 << 20) - 1) >> 20)

static _Thread_local unsigned last_passes;
static _Thread_local size_t last_need;

unsigned byl_cfind_last_passes(void) { return last_passes; }
size_t byl_cfind_last_need(void) { return last_need; }

static uint32_t find(uint32_t *p, uint32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* A member's place in a crowded bucket: ordered by its record's content,
 * not by its number, so that the pairs compared there do not depend on
 * how documents are numbered (byl_clusters_components). */
typedef struct crowd {
    uint64_t h;         /* hash of the record */
    const uint8_t *r;
    uint32_t m;         /* the member (an index into the records) */
} crowd;

static int crowd_cmp(const void *a, const void *b)
{
    const crowd *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return memcmp(x->r, y->r, REC);
}

static uint64_t rec_hash(const uint8_t *r)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a 64 */
    for (size_t i = 0; i < REC; i++)
        h = (h ^ r[i]) * 1099511628211ull;
    return h;
}

/* One thread's comparing: its forest and scratch. */
typedef struct cmp {
    const byl_fp_rule *rule;
    uint32_t *p;
    crowd *cw;
    size_t cw_cap;
    size_t cw_allow;   /* bytes cw may grow to */
    int over;          /* cw needed more than cw_allow */
    uint8_t local[LOCAL * REC]; /* 9.7 KB */
    const uint8_t *lrec[LOCAL];
} cmp;

/* Compares the s members mem[0..s) of one bucket (indexes into recs, REC
 * bytes each, and gs, their numbers), in global order; mem is reordered
 * when the bucket is crowded.  copy: small buckets are copied side by side
 * first (records scattered over the array).  BYL_OK, BYL_ENOMEM, or
 * BYL_ELIMIT (w->over: the crowd outgrew the budget). */
static int bucket(cmp *w, const uint8_t *recs, const uint32_t *gs, uint32_t *mem, size_t s,
                  int copy)
{
    if (s < 2)
        return BYL_OK;
    /* A bucket of at most WINDOW + 1 compares all its pairs, so its order
     * does not matter.  A crowded one compares each member with the WINDOW
     * before it: ordered by content, so that the same records give the
     * same clusters however they are numbered (records alike in every
     * byte are close, so their own order does not matter). */
    if (s > WINDOW + 1) {
        if (s > w->cw_cap) {
            if (s * sizeof(crowd) > w->cw_allow) {
                w->over = 1;
                return byl_error_set(BYL_ELIMIT, "a bucket of %zu similar articles", s);
            }
            crowd *t = byl_realloc(w->cw, s * sizeof *t);
            if (!t)
                return byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
            w->cw = t;
            w->cw_cap = s;
        }
        for (size_t x = 0; x < s; x++) {
            const uint8_t *r = recs + (size_t)mem[x] * REC;
            w->cw[x] = (crowd){rec_hash(r), r, mem[x]};
        }
        qsort(w->cw, s, sizeof *w->cw, crowd_cmp);
        for (size_t x = 0; x < s; x++)
            mem[x] = w->cw[x].m;
    }
    /* The records of a bucket lie anywhere in the array; a small bucket is
     * copied side by side first, so its pairs are compared in cache
     * rather than by two misses each (at a million articles chance
     * collisions of the band keys make most of the work). */
    int loc = copy && s <= LOCAL;
    if (loc)
        for (size_t x = 0; x < s; x++) {
            memcpy(w->local + x * REC, recs + (size_t)mem[x] * REC, REC);
            w->lrec[x] = w->local + x * REC;
        }
    uint32_t *p = w->p;
    for (size_t x = 1; x < s; x++) {
        size_t from = x > WINDOW ? x - WINDOW : 0;
        const uint8_t *rx = loc ? w->lrec[x] : recs + (size_t)mem[x] * REC;
        uint32_t gx = gs[mem[x]];
        for (size_t y = from; y < x; y++) {
            uint32_t ra = find(p, gx), rb = find(p, gs[mem[y]]);
            const uint8_t *ry = loc ? w->lrec[y] : recs + (size_t)mem[y] * REC;
            if (ra == rb || !byl_fp_close(rx, ry, w->rule))
                continue;
            if (ra < rb)
                p[rb] = ra;
            else
                p[ra] = rb;
        }
    }
    return BYL_OK;
}

/* ---- the fast way: every node's record in one array ---- */

typedef struct fast {
    const uint8_t *recs; /* nodes' records, in global order */
    const uint32_t *gs;  /* their numbers */
    size_t nodes;
} fast;

/* Joins in w->p the close pairs of bands [b0, b1). */
static int fast_bands(const fast *f, cmp *w, unsigned b0, unsigned b1)
{
    size_t nodes = f->nodes;
    uint32_t *order = byl_malloc((nodes ? nodes : 1) * sizeof *order);
    uint32_t *start = byl_malloc((KEYS + 1) * sizeof *start);
    int rc = BYL_OK;
    if (!order || !start) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        goto out;
    }
    for (unsigned b = b0; b < b1 && !rc; b++) {
        memset(start, 0, (KEYS + 1) * sizeof *start);
        for (size_t i = 0; i < nodes; i++)
            start[byl_fp_band(f->recs + i * REC, b) + 1]++;
        for (size_t k = 1; k <= KEYS; k++)
            start[k] += start[k - 1];
        /* start[k] is now the first slot of bucket k; fill in global order */
        for (size_t i = 0; i < nodes; i++)
            order[start[byl_fp_band(f->recs + i * REC, b)]++] = (uint32_t)i;
        /* after the fill start[k] is the end of bucket k */
        size_t i = 0;
        while (i < nodes && !rc) {
            size_t e = start[byl_fp_band(f->recs + (size_t)order[i] * REC, b)];
            rc = bucket(w, f->recs, f->gs, order + i, e - i, 1);
            i = e;
        }
    }
out:
    byl_free(order);
    byl_free(start);
    return rc;
}

/* The other half of the bands, on a thread of its own. */
typedef struct half {
    const fast *f;
    cmp *w;
    int rc;
    char msg[256];
} half;

static void *fast_half(void *arg)
{
    half *h = arg;
    h->rc = fast_bands(h->f, h->w, BYL_FP_BANDS / 2, BYL_FP_BANDS);
    if (h->rc)
        snprintf(h->msg, sizeof h->msg, "%s", byl_error_msg());
    return NULL;
}

/* Reads the nodes into f (arrays of cap nodes, owned by the caller). */
static int load(const byl_sketch_src *src, uint8_t *recs, uint32_t *gs, size_t cap,
                size_t *nodes)
{
    const uint8_t *r[BYL_SKETCH_BATCH];
    uint32_t g[BYL_SKETCH_BATCH];
    size_t k, m = 0;
    int rc = src->rewind(src->ctx);
    while (!rc && !(rc = src->next(src->ctx, r, g, &k)) && k) {
        if (k > cap - m)
            return byl_error_set(BYL_EINVAL, "more sketches than the source said");
        for (size_t i = 0; i < k; i++, m++) {
            memcpy(recs + m * REC, r[i], REC);
            gs[m] = g[i];
        }
    }
    *nodes = m;
    last_passes++;
    return rc;
}

/* Clusters the nodes src holds (cap of them at most) the fast way; cw_allow
 * bytes for crowded buckets in all; threads 1 or 2.  BYL_ELIMIT when a
 * crowded bucket needs more (the caller goes by passes instead). */
static int run_fast(const byl_sketch_src *src, size_t cap, const byl_fp_rule *rule,
                    size_t cw_allow, int threads, uint32_t *p)
{
    size_t n = src->n;
    fast f = {0};
    uint8_t *recs = byl_malloc((cap ? cap : 1) * REC);
    uint32_t *gs = byl_malloc((cap ? cap : 1) * sizeof *gs);
    cmp *w = byl_calloc(1, sizeof *w), *w2 = NULL;
    int rc = BYL_OK;
    if (!recs || !gs || !w) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        goto out;
    }
    if ((rc = load(src, recs, gs, cap, &f.nodes)))
        goto out;
    f.recs = recs;
    f.gs = gs;
    w->rule = rule;
    w->p = p;
    w->cw_allow = threads >= 2 ? cw_allow / 2 : cw_allow;
    /* Half the bands on a second thread, each half joined in a forest of
     * its own, the two merged after: the pairs compared do not depend on
     * what is joined already (that only skips pairs known to be one
     * cluster), so the clusters are those of one thread.  The last step of
     * a build, on one core while the other had nothing to do (Reuters:
     * 40 ms of the build's last 300, perf, round 27). */
    half h = {.f = &f};
    pthread_t th;
    int started = 0;
    if (threads >= 2 && n && (w2 = byl_calloc(1, sizeof *w2)) &&
        (w2->p = byl_malloc(n * sizeof *w2->p))) {
        for (size_t g = 0; g < n; g++)
            w2->p[g] = (uint32_t)g;
        w2->rule = rule;
        w2->cw_allow = w->cw_allow;
        h.w = w2;
        started = pthread_create(&th, NULL, fast_half, &h) == 0;
    }
    rc = fast_bands(&f, w, 0, started ? BYL_FP_BANDS / 2 : BYL_FP_BANDS);
    if (started) {
        pthread_join(th, NULL);
        if (!rc && h.rc)
            rc = byl_error_set(h.rc, "%s", h.msg);
        for (size_t g = 0; g < n && !rc; g++) { /* the other forest's joins, into p */
            uint32_t ra = find(p, (uint32_t)g), rb = find(p, find(w2->p, (uint32_t)g));
            if (ra < rb)
                p[rb] = ra;
            else
                p[ra] = rb;
        }
    }
out:
    byl_free(recs);
    byl_free(gs);
    if (w)
        byl_free(w->cw);
    byl_free(w);
    if (w2) {
        byl_free(w2->p);
        byl_free(w2->cw);
    }
    byl_free(w2);
    return rc;
}

/* ---- by passes: a band's key ranges one at a time ---- */

/* Counts the nodes and band 0's keys (cnt, KEYS entries, zeroed). */
static int count(const byl_sketch_src *src, uint32_t *cnt, size_t *nodes)
{
    const uint8_t *r[BYL_SKETCH_BATCH];
    uint32_t g[BYL_SKETCH_BATCH];
    size_t k, m = 0;
    int rc = src->rewind(src->ctx);
    while (!rc && !(rc = src->next(src->ctx, r, g, &k)) && k) {
        for (size_t i = 0; i < k; i++)
            cnt[byl_fp_band(r[i], 0)]++;
        m += k;
    }
    *nodes = m;
    last_passes++;
    return rc;
}

/* The bytes the passes need beside their buffer. */
#define PASSES_FIXED (3 * KEYS * sizeof(uint32_t) + sizeof(cmp))

/* Clusters by passes with a buffer of buf bytes; cnt holds band 0's
 * histogram (KEYS entries, the caller's). */
static int run_passes(const byl_sketch_src *src, size_t nodes, const byl_fp_rule *rule,
                      size_t buf, uint32_t *cnt, uint32_t *p)
{
    const uint8_t *r[BYL_SKETCH_BATCH];
    uint32_t g[BYL_SKETCH_BATCH];
    uint32_t *nxt = byl_calloc(KEYS, sizeof *nxt), *pos = byl_malloc(KEYS * sizeof *pos);
    cmp *w = byl_calloc(1, sizeof *w);
    uint8_t *recs = NULL;
    uint32_t *gs = NULL, *mem = NULL;
    size_t slots = 0;
    int rc = BYL_OK;
    if (!nxt || !pos || !w) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        goto out;
    }
    w->rule = rule;
    w->p = p;
    for (unsigned b = 0; b < BYL_FP_BANDS && !rc; b++) {
        int counted = b + 1 == BYL_FP_BANDS; /* the next band's histogram */
        unsigned k0 = 0;
        while (!rc) {
            /* the next range [k0, k1): its buckets of two or more, and the
             * largest crowded one's sort, within buf */
            while (k0 < KEYS && cnt[k0] < 2)
                k0++;
            if (k0 == KEYS)
                break;
            size_t used = 0, crowd_max = 0;
            unsigned k1 = k0;
            for (; k1 < KEYS; k1++) {
                size_t c = cnt[k1] >= 2 ? cnt[k1] : 0;
                size_t cm = c > WINDOW + 1 && c > crowd_max ? c : crowd_max;
                if ((used + c) * SLOT + cm * sizeof(crowd) > buf)
                    break;
                used += c;
                crowd_max = cm;
            }
            if (k1 == k0) { /* one bucket larger than the buffer */
                size_t c = cnt[k0];
                last_need = c * (SLOT + sizeof(crowd)) + 2 * PASSES_FIXED;
                rc = byl_error_set(BYL_ELIMIT, "a bucket of %zu similar articles needs "
                                   "%zu MiB, more than the budget leaves", c, MiB(last_need));
                goto out;
            }
            if (!slots) {
                /* the buffer once, as large as the budget allows: grown
                 * range by range, the freed ones stayed in the heap (a
                 * delete at 400,000 articles peaked 15 MB over) */
                slots = buf / SLOT < nodes ? buf / SLOT : nodes;
                recs = byl_malloc(slots * REC);
                gs = byl_malloc(slots * sizeof *gs);
                mem = byl_malloc(slots * sizeof *mem);
                if (!recs || !gs || !mem) {
                    rc = byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
                    goto out;
                }
            }
            w->cw_allow = crowd_max * sizeof(crowd);
            uint32_t s = 0;
            for (unsigned k = k0; k < k1; k++) {
                pos[k] = s;
                s += cnt[k] >= 2 ? cnt[k] : 0;
            }
            /* one pass: this range's members in global order */
            size_t k;
            rc = src->rewind(src->ctx);
            while (!rc && !(rc = src->next(src->ctx, r, g, &k)) && k)
                for (size_t i = 0; i < k; i++) {
                    unsigned key = byl_fp_band(r[i], b);
                    if (!counted)
                        nxt[byl_fp_band(r[i], b + 1)]++;
                    if (key >= k0 && key < k1 && cnt[key] >= 2) {
                        uint32_t at = pos[key]++;
                        memcpy(recs + (size_t)at * REC, r[i], REC);
                        gs[at] = g[i];
                    }
                }
            last_passes++;
            counted = 1;
            s = 0;
            for (unsigned key = k0; key < k1 && !rc; key++) {
                size_t c = cnt[key] >= 2 ? cnt[key] : 0;
                for (size_t j = 0; j < c; j++)
                    mem[s + j] = (uint32_t)(s + j);
                rc = bucket(w, recs, gs, mem + s, c, 0);
                s += (uint32_t)c;
            }
            k0 = k1;
        }
        if (!rc && !counted) { /* no bucket of two: a pass for the next band's keys */
            size_t k;
            rc = src->rewind(src->ctx);
            while (!rc && !(rc = src->next(src->ctx, r, g, &k)) && k)
                for (size_t i = 0; i < k; i++)
                    nxt[byl_fp_band(r[i], b + 1)]++;
            last_passes++;
        }
        uint32_t *t = cnt;
        memcpy(t, nxt, KEYS * sizeof *t);
        memset(nxt, 0, KEYS * sizeof *nxt);
    }
out:
    byl_free(nxt);
    byl_free(pos);
    byl_free(recs);
    byl_free(gs);
    byl_free(mem);
    if (w)
        byl_free(w->cw);
    byl_free(w);
    return rc;
}

/* What the fast way holds for nodes of n documents on threads, crowds
 * aside. */
static size_t fast_need(size_t nodes, size_t n, int threads)
{
    return nodes * NODE + (size_t)threads * (nodes * 4 + (KEYS + 1) * 4 + sizeof(cmp)) +
           (size_t)(threads - 1) * n * 4;
}

/* The joins of byl_cfind_components, p not yet flattened. */
static int components(const byl_sketch_src *src, const byl_fp_rule *rule, size_t budget,
                      int threads, uint32_t *p)
{
    size_t n = src->n;
    for (size_t g = 0; g < n; g++)
        p[g] = (uint32_t)g;
    if (!budget)
        return run_fast(src, src->upper, rule, SIZE_MAX, threads, p);
    /* Within a budget: the fast way when the records fit with room for
     * crowded buckets (an eighth), on two threads if those fit too. */
    size_t upper = src->upper;
    for (int t = threads >= 2 ? 2 : 1; t >= 1; t--)
        if (fast_need(upper, n, t) <= budget - budget / 8) {
            int rc = run_fast(src, upper, rule, budget - fast_need(upper, n, t), t, p);
            if (rc != BYL_ELIMIT)
                return rc;
            for (size_t g = 0; g < n; g++) /* a crowd too large: by passes */
                p[g] = (uint32_t)g;
            break;
        }
    uint32_t *cnt = byl_calloc(KEYS, sizeof *cnt);
    if (!cnt)
        return byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
    size_t nodes;
    int rc = count(src, cnt, &nodes);
    if (!rc && nodes < upper && fast_need(nodes, n, 1) <= budget - budget / 8) {
        byl_free(cnt);
        cnt = NULL;
        rc = run_fast(src, nodes, rule, budget - fast_need(nodes, n, 1), 1, p);
        if (rc != BYL_ELIMIT)
            return rc;
        for (size_t g = 0; g < n; g++)
            p[g] = (uint32_t)g;
        if (!(cnt = byl_calloc(KEYS, sizeof *cnt)))
            return byl_error_set(BYL_ENOMEM, "out of memory finding similar articles");
        rc = count(src, cnt, &nodes);
    }
    /* by passes: a buffer of what is left, no smaller than a 32nd of the
     * nodes' (more passes than 32 a band would take hours) */
    size_t fixed = PASSES_FIXED + KEYS * 4;
    size_t least = nodes * SLOT / RANGES_MAX + fixed;
    if (!rc && budget < least) {
        last_need = least;
        rc = byl_error_set(BYL_ELIMIT, "finding similar articles among %zu needs %zu MiB beside "
                           "the table of %zu documents, more than the budget leaves", nodes,
                           MiB(least), n);
    }
    if (!rc)
        rc = run_passes(src, nodes, rule, budget - fixed, cnt, p);
    byl_free(cnt);
    return rc;
}

int byl_cfind_components(const byl_sketch_src *src, const byl_fp_rule *rule, size_t budget,
                         int threads, uint32_t *p)
{
    byl_fp_rule def;
    if (!rule) {
        byl_fp_rule_init(&def);
        rule = &def;
    }
    size_t n = src->n;
    if (n > UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "%zu sketches: at most 2^32-1 are clustered at once", n);
    last_passes = 0;
    last_need = 0;
    int rc = components(src, rule, budget, threads, p);
    if (rc)
        return rc;
    for (size_t g = 0; g < n; g++)
        p[g] = find(p, (uint32_t)g);
    return BYL_OK;
}
