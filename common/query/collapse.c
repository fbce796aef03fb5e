/*
 * collapse.c - collapsed rankings: one article per cluster of
 * near-duplicates (index/cluster.h), with the working memory of a
 * collapser (per thread) or kept with the clusters (byl_collapse_search).
 *
 * An exhaustive search notes each match through the on_match callback (in
 * a list while they are few, then in a bitmap); the ranked hits are then walked, keeping the first hit of each
 * cluster.  The top k holds one hit per cluster (topk.h's grouped heap),
 * so one ranking at k is enough; with feedback, which learns from the best
 * documents, the first pass asks for 4k + 32 hits, and only when that is
 * not enough to fill k clusters is the query run again, deeper.  Then one walk
 * over the marked matches counts the clusters and, for the k shown, their
 * matches (and finds their oldest): per-cluster counters for every match
 * touched a page wherever a match fell (a thousand page faults, 4 MB, for
 * a search of 100,000 matches at a million articles); two bits a document
 * touch 64 pages at most, and a list of a few matches a few.
 *
 * Not for: finding the clusters (index/cluster.c).
 */
#include "query/collapse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/mem.h"

/* Matches kept as a list (at most 32 KiB, and no larger than the bitmaps)
 * before the bitmaps (2 bits a document) are made. */
#define LIST_MAX 4096

/* Entries of a lazily loaded cluster cache are read a window at a time
 * (byl_clusters_read), not through its map: matches are met in document
 * order, so a walk reads each window once (32 KiB, 8 pages of buffer; a
 * whole table at a million articles in 123 preads where its map took 62
 * faults, each dearer than the two preads of its 64 KiB). */
#define WIN ((size_t)8 * 1024)
_Static_assert(WIN % BYL_CLUSTERS_CHUNK == 0, "a window is whole chunks");
/* A look-up of one entry here and there (the documents entering the top
 * k, the hits walked, a few matches over a large index) reads the chunk
 * around it, 1 KiB (one crc), not a whole window: a two-word search at a
 * million articles read 92 windows of 32 KiB for the cluster of a few
 * hundred documents entering its top 10, and 4 KiB reads copied and
 * checked four times the bytes for the same entries. */
#define SPAN_POINT ((size_t)BYL_CLUSTERS_CHUNK)
_Static_assert(SPAN_POINT % BYL_CLUSTERS_CHUNK == 0 && WIN % SPAN_POINT == 0,
               "a point read is whole chunks, inside a window");
struct window {
    uint64_t lo, hi;  /* the entries held: [lo, hi) */
    size_t span;      /* entries a read takes: WIN when entries are read
                         in order, SPAN_POINT here and there */
    int damaged;      /* a read failed its check: the search is run again */
    uint32_t e[WIN];
};

/* The working memory of collapsed searches over one set of clusters. */
struct byl_collapser {
    byl_clusters *cl;
    const byl_collection *col;
    const byl_cseg *segs;    /* the collection's segments */
    const uint32_t *root;    /* per document its cluster, for this search
                                (byl_clusters_table) */
    uint64_t *matched;       /* bit per document: it matched (this search) */
    uint64_t *seen;          /* bit per cluster (its smallest member): counted
                                (in matched's block, after its cap_words) */
    uint64_t *summary;       /* bit per 64 words of matched: any set (so that
                                a walk over few matches reads few pages) */
    size_t words;            /* 64-bit words of each bitmap, this search */
    size_t cap_words;        /* ... allocated */
    uint32_t *gcid;          /* per group shown: its cluster */
    uint32_t *wset;          /* the clusters shown so far in a walk (cid + 1, 0
                                empty), open addressing, wcap slots */
    size_t wcap;
    uint64_t *list;          /* the first LIST_MAX matches (documents) */
    size_t nlist;
    size_t list_lim;         /* LIST_MAX, or less when the bitmaps are smaller */
    int bitmap;              /* the matches outgrew the list: in matched */
    int rc;                  /* first error met in the match callback */
    size_t ndocs;
    int mode;
    void (*chain)(void *, uint32_t, uint32_t, uint32_t);
    void *chain_ctx;
    byl_group *groups;
    size_t groups_cap;
    int (*keep)(void *, uint32_t); /* which clusters may be shown (NULL: all) */
    void *keep_ctx;
    int damaged;             /* a chunk failed its check: start over (or win->damaged) */
    struct window *win;      /* when reading a lazy cache by windows, else NULL */
    int estimated;           /* the last search's totals are estimates */
    int presorted;           /* count_groups: the list is sorted and holds
                                only the shown clusters' matches */
    uint32_t last_ix, last_seg; /* on_match: the segment of the last match */
    uint64_t last_base;      /* ... and its first global number */
};

typedef struct byl_collapser collapser;

int byl_collapser_new(byl_clusters *cl, byl_collapser **out)
{
    collapser *c = *out = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
    c->cl = cl;
    c->col = byl_clusters_collection(cl);
    c->segs = byl_collection_segs(c->col);
    return BYL_OK;
}

void byl_collapser_free(byl_collapser *c)
{
    if (!c)
        return;
    byl_free(c->matched); /* seen with it */
    byl_free(c->gcid);
    byl_free(c->wset);
    byl_free(c->list);
    byl_free(c->groups);
    byl_free(c->win);
    byl_free(c);
}

static void scratch_free(void *p) { byl_collapser_free(p); }

/* Makes (or clears) the bitmaps for this search's ndocs.  BYL_OK or
 * BYL_ENOMEM. */
static int bitmaps(collapser *c)
{
    size_t words = (c->ndocs + 63) / 64;
    if (words > c->cap_words) {
        /* matched, seen and the summary in one block; a large calloc is
         * mapped, fresh zero pages: only the pages a match falls on are
         * touched */
        byl_free(c->matched);
        c->matched = byl_calloc(2 * words + words / 64 + 1, sizeof *c->matched);
        c->seen = c->matched ? c->matched + words : NULL;
        c->summary = c->matched ? c->matched + 2 * words : NULL;
        c->cap_words = c->matched ? words : 0;
        if (!c->matched)
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
    } else {
        memset(c->matched, 0, words * sizeof *c->matched);
        memset(c->seen, 0, words * sizeof *c->seen);
        memset(c->summary, 0, (words / 64 + 1) * sizeof *c->summary);
    }
    c->words = words;
    return BYL_OK;
}

static void mark(collapser *c, uint64_t g)
{
    c->matched[g >> 6] |= 1ull << (g & 63);
    c->summary[g >> 12] |= 1ull << ((g >> 6) & 63);
}

static void on_match(void *ctx, uint32_t ix, uint32_t segno, uint32_t doc)
{
    collapser *c = ctx;
    if (c->chain)
        c->chain(c->chain_ctx, ix, segno, doc);
    if (c->rc)
        return;
    if (ix != c->last_ix || segno != c->last_seg) {
        /* matches come segment by segment: the base looked up once each */
        c->last_ix = ix;
        c->last_seg = segno;
        c->last_base = c->segs[byl_collection_seg_pos(c->col, ix, segno)].base;
    }
    uint64_t g = c->last_base + doc;
    if (!c->bitmap) {
        if (c->nlist < c->list_lim) {
            c->list[c->nlist++] = g;
            return;
        }
        /* the bitmap from here on: a few matches spread over a large index
         * would touch every page of it, the list a few */
        if ((c->rc = bitmaps(c)))
            return;
        for (size_t i = 0; i < c->nlist; i++)
            mark(c, c->list[i]);
        c->bitmap = 1;
    }
    mark(c, g);
}

/* Entry g of the table as it is (checked or not); by windows, each read
 * checked, a damaged one naming no cluster (g alone) and marking the
 * search to be run again. */
static uint32_t root_read(const collapser *c, uint64_t g)
{
    uint32_t r;
    struct window *w = c->win;
    if (w) {
        if (g >= c->ndocs)
            return (uint32_t)g; /* no entry (as byl_clusters_of) */
        if (g < w->lo || g >= w->hi) {
            uint64_t span = w->span ? w->span : WIN;
            uint64_t lo = g - g % span, n = c->ndocs - lo < span ? c->ndocs - lo : span;
            w->lo = w->hi = 0;
            if (byl_clusters_read(c->cl, lo, (size_t)n, w->e)) {
                w->damaged = 1;
                return (uint32_t)g;
            }
            w->lo = lo;
            w->hi = lo + n;
        }
        if (g >= w->hi) { /* never: the read holds g (what is past it is stale) */
            w->damaged = 1;
            return (uint32_t)g;
        }
        r = w->e[g - w->lo];
    } else {
        r = c->root[g];
    }
    return r <= g ? r : (uint32_t)g; /* a damaged cache (byl_clusters_table) */
}

/* How many entries the next reads of the table take (a lazy cache). */
static void set_span(const collapser *c, size_t span)
{
    if (c->win)
        c->win->span = span;
}

/* Entry list[i] of a sorted list of documents (root_read), the read
 * around it sized by the entries after it: a window when they fall in at
 * least SPAN_DENSE of its chunks, else the one chunk.  A window read
 * costs its copy and check of 32 KiB (the larger part of a pread from the
 * page cache), so a walk of 614 matches over a million articles read 4 MB
 * by windows where its chunks were 0.6 MB; the matches of a story's
 * copies sit together, so the density is read where the walk is, not
 * averaged over the list. */
#define SPAN_DENSE 8
static uint32_t list_root(const collapser *c, const uint64_t *list, size_t i, size_t n)
{
    uint64_t g = list[i];
    struct window *w = c->win;
    if (w && g < c->ndocs && (g < w->lo || g >= w->hi)) {
        uint64_t end = g - g % WIN + WIN, chunk = g / SPAN_POINT;
        size_t chunks = 1;
        for (size_t j = i + 1; j < n && list[j] < end && chunks < SPAN_DENSE; j++)
            if (list[j] / SPAN_POINT != chunk) {
                chunk = list[j] / SPAN_POINT;
                chunks++;
            }
        w->span = chunks >= SPAN_DENSE ? WIN : SPAN_POINT;
    }
    return root_read(c, g);
}

/* Whether a chunk of the cache failed its check in this search. */
static int damaged(const collapser *c) { return c->damaged || (c->win && c->win->damaged); }

/* The cluster of document g (its smallest member): from a cache loaded
 * lazily, read by windows and checked (root_read); a damaged chunk names no
 * cluster (g alone), and the search is run again. */
static inline uint32_t cluster_of(collapser *c, uint64_t g) { return root_read(c, g); }

/* The cluster of gdoc for the grouped top k (so.cluster_of), UINT32_MAX
 * for one not to be shown (byl_collapser_keep). */
static uint32_t grouped_cluster(void *ctx, uint64_t gdoc)
{
    collapser *c = ctx;
    uint32_t cid = cluster_of(c, gdoc);
    if (c->keep && !c->keep(c->keep_ctx, cid))
        return UINT32_MAX;
    return cid;
}

/* Walks hits into groups (at most k), the first hit of each cluster (the
 * clusters shown are kept in wset meanwhile, emptied after). */
static size_t walk(collapser *c, const byl_hit *hits, size_t nhits, size_t k)
{
    size_t ng = 0, m = c->wcap - 1;
    for (size_t i = 0; i < nhits && ng < k; i++) {
        uint32_t cid = cluster_of(c, hits[i].gdoc);
        size_t j = (size_t)(((uint64_t)cid * 0x9E3779B97F4A7C15ull) >> 32) & m;
        while (c->wset[j] && c->wset[j] != cid + 1)
            j = (j + 1) & m;
        if (c->wset[j])
            continue;
        if (c->keep && !c->keep(c->keep_ctx, cid))
            continue;
        c->wset[j] = cid + 1;
        c->gcid[ng] = cid;
        c->groups[ng].hit = hits[i];
        c->groups[ng].similar_estimated = 0;
        c->groups[ng++].similar = 0;
    }
    if (c->wset)
        memset(c->wset, 0, c->wcap * sizeof *c->wset);
    return ng;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

struct shown {
    uint32_t cid; /* a cluster shown */
    uint32_t gi;  /* its group */
};

static int cmp_shown(const void *a, const void *b)
{
    uint32_t x = ((const struct shown *)a)->cid, y = ((const struct shown *)b)->cid;
    return x < y ? -1 : x > y;
}

/* The group of cluster cid among the ng shown (by cluster), or -1. */
static long group_of(const struct shown *sh, size_t ng, uint32_t cid)
{
    size_t lo = 0, hi = ng;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sh[mid].cid < cid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ng && sh[lo].cid == cid ? (long)sh[lo].gi : -1;
}

/* What count_groups gathers for the groups shown. */
struct tally {
    const struct shown *sh; /* the ng clusters shown, by cluster */
    size_t ng;
    uint64_t *pick;         /* OLDEST: per group its earliest match so far */
    int64_t *pick_date;
    uint64_t filter[16];    /* bit cid % 1024 of each cluster shown: most
                               matches are of none, and leave at one test */
};

/* Whether cluster cid may be one shown (no: surely not). */
#define SHOWN(t, cid) ((t)->filter[((cid) >> 6) & 15] >> ((cid) & 63) & 1)

/* Counts match g of cluster cid for its group, if shown.  BYL_OK or
 * BYL_ECORRUPT (a damaged document record). */
static int tally_match(collapser *c, struct tally *t, uint64_t g, uint32_t cid)
{
    long gi = group_of(t->sh, t->ng, cid);
    if (gi < 0)
        return BYL_OK;
    c->groups[gi].similar++;
    if (!t->pick)
        return BYL_OK;
    uint32_t ix, seg, doc;
    int64_t date = INT64_MIN;
    if (byl_collection_locate(c->col, g, &ix, &seg, &doc) ||
        byl_segment_doc_info(c->segs[byl_collection_seg_pos(c->col, ix, seg)].seg, doc, &date,
                             NULL))
        return BYL_ECORRUPT;
    if (date == INT64_MIN)
        date = INT64_MAX; /* undated: after every dated article */
    /* in document order, so ties keep the first */
    if (t->pick[gi] == UINT64_MAX || date < t->pick_date[gi]) {
        t->pick[gi] = g;
        t->pick_date[gi] = date;
    }
    return BYL_OK;
}

/* One walk over the matches (the list or the bitmap), in document order:
 * the clusters with matches into *nclusters, and for each of the ng groups
 * shown its other matches (similar) and, for OLDEST, its earliest match
 * (ties: the first in document order).  BYL_OK, BYL_ENOMEM or the error of
 * a damaged document record. */
static int count_groups(collapser *c, size_t ng, uint64_t *nclusters)
{
    set_span(c, WIN); /* the matches in order (the list may say otherwise below) */
    struct shown local[64], *sh = local;
    uint32_t *cids = NULL;
    struct tally t = {.ng = ng};
    int oldest = c->mode == BYL_COLLAPSE_OLDEST, rc = BYL_OK;
    if (ng > 64)
        sh = byl_malloc(ng * sizeof *sh);
    if (oldest) {
        t.pick = byl_malloc((ng ? ng : 1) * sizeof *t.pick);
        t.pick_date = byl_malloc((ng ? ng : 1) * sizeof *t.pick_date);
    }
    if (!c->bitmap && !c->presorted)
        cids = byl_malloc((c->nlist ? c->nlist : 1) * sizeof *cids);
    if (!sh || (oldest && (!t.pick || !t.pick_date)) || (!c->bitmap && !c->presorted && !cids)) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        goto out;
    }
    t.sh = sh;
    for (size_t i = 0; i < ng; i++) {
        sh[i].cid = c->gcid[i];
        sh[i].gi = (uint32_t)i;
        t.filter[(c->gcid[i] >> 6) & 15] |= 1ull << (c->gcid[i] & 63);
        if (oldest) {
            t.pick[i] = UINT64_MAX;
            t.pick_date[i] = INT64_MAX;
        }
    }
    qsort(sh, ng, sizeof *sh, cmp_shown);
    uint64_t nc = 0;
    for (size_t i = 0; c->presorted && i < c->nlist && !rc; i++)
        rc = tally_match(c, &t, c->list[i], list_root(c, c->list, i, c->nlist));
    if (!c->bitmap && !c->presorted) {
        qsort(c->list, c->nlist, sizeof *c->list, cmp_u64);
        for (size_t i = 0; i < c->nlist && !rc; i++) {
            cids[i] = list_root(c, c->list, i, c->nlist);
            if (SHOWN(&t, cids[i]))
                rc = tally_match(c, &t, c->list[i], cids[i]);
        }
        qsort(cids, c->nlist, sizeof *cids, cmp_u32);
        for (size_t i = 0; i < c->nlist; i++)
            nc += i == 0 || cids[i] != cids[i - 1];
    }
    for (size_t w = 0; c->bitmap && w < c->words && !rc; w++) {
        if (!(w & 63) && !c->summary[w >> 6]) {
            w += 63; /* 64 words without a match, not read */
            continue;
        }
        for (uint64_t bits = c->matched[w]; bits && !rc; bits &= bits - 1) {
            uint64_t g = (uint64_t)w * 64 + (uint64_t)__builtin_ctzll(bits);
            uint32_t cid = root_read(c, g);
            if (!(c->seen[cid >> 6] >> (cid & 63) & 1)) {
                c->seen[cid >> 6] |= 1ull << (cid & 63);
                nc++;
            }
            if (SHOWN(&t, cid))
                rc = tally_match(c, &t, g, cid);
        }
    }
    for (size_t i = 0; !rc && i < ng; i++) {
        byl_group *gr = &c->groups[i];
        if (gr->similar)
            gr->similar--; /* the one shown is not a similar one */
        if (!oldest || t.pick[i] == UINT64_MAX)
            continue;
        if (t.pick[i] != gr->hit.gdoc) {
            gr->hit.gdoc = t.pick[i];
            byl_clusters_locate(c->cl, gr->hit.gdoc, &gr->hit.ix, &gr->hit.seg, &gr->hit.doc);
        }
        gr->hit.date = t.pick_date[i] == INT64_MAX ? INT64_MIN : t.pick_date[i];
    }
    *nclusters = nc;
out:
    if (sh != local)
        byl_free(sh);
    byl_free(cids);
    byl_free(t.pick);
    byl_free(t.pick_date);
    return rc;
}

void byl_collapser_keep(byl_collapser *c, int (*keep)(void *ctx, uint32_t cluster), void *ctx)
{
    c->keep = keep;
    c->keep_ctx = ctx;
}

size_t byl_collapser_touched(const byl_collapser *c, uint32_t *out, size_t cap)
{
    size_t n = 0;
    if (c->bitmap) {
        /* count_groups marked every cluster met in seen */
        for (size_t w = 0; w < c->words && n < cap; w++)
            for (uint64_t bits = c->seen[w]; bits && n < cap; bits &= bits - 1)
                out[n++] = (uint32_t)(w * 64 + (uint64_t)__builtin_ctzll(bits));
        return n;
    }
    /* the list (sorted by count_groups): its clusters, each once */
    uint32_t tmp[LIST_MAX];
    size_t m = 0;
    for (size_t i = 0; i < c->nlist; i++)
        tmp[m++] = list_root(c, c->list, i, c->nlist);
    qsort(tmp, m, sizeof *tmp, cmp_u32);
    for (size_t i = 0; i < m && n < cap; i++)
        if (i == 0 || tmp[i] != tmp[i - 1])
            out[n++] = tmp[i];
    return n;
}

int byl_collapser_estimated(const byl_collapser *c) { return c ? c->estimated : 0; }

int byl_collapse_estimated(const byl_clusters *cl)
{
    return byl_collapser_estimated(byl_clusters_scratch(cl));
}

/* x rounded to two significant digits ("about 260,000"), up when up. */
static uint64_t round2(double x, int up)
{
    double p = 1;
    while (x >= 100 * p)
        p *= 10;
    double r = up ? ceil(x / p) : floor(x / p + 0.5);
    return (uint64_t)(r * p);
}

/* x to two significant digits, down: an estimate that rounding took past
 * a count known to bound it ("about 26,000" of 25,001 articles). */
static uint64_t round2_down(uint64_t x)
{
    uint64_t p = 1;
    while (x >= 100 * p)
        p *= 10;
    return x / p * p;
}

/* A shown story of more than this many copies in the index (BEST) has
 * its similar count estimated from the sample instead of each copy
 * tested: testing a cluster of 660,000 copies cost more than the walk
 * of every match it replaces (the generated million's largest). */
#define TEST_MAX 20000

/* Below this share of the documents matching (by the sample), and below
 * WALK_MAX matches, every match is walked and the figures are exact;
 * else they are estimated from the sample and the clusters' sizes in the
 * directory (cluster.h).  At a million articles a walk cost 800 to 1,000
 * instructions a match (the query run again to its end, each match
 * marked, its cluster read and counted) where the estimate costs a few
 * million in all: "wisconsin attorney general", 45,681 matches, took 36
 * million instructions walked.  (The share was the only rule while an
 * estimate read the whole table.) */
#define WALK_SHARE 0.10
#define WALK_MAX 4096

/* A hash of a cluster number (its slot in a table of 2^bits). */
static inline size_t chash(uint32_t cid, int bits)
{
    return (size_t)(((uint64_t)cid * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* The totals of a collapsed search that ranked its ng groups without
 * walking every match (byl_collapser_estimated; collapse.h says how).
 * The first bound matches are listed; when there are no more, every
 * figure is counted from them (count_groups).  Else the table is read
 * once, from the smallest cluster wanted: the members of the shown
 * clusters are tested against the query (their similar counts and
 * OLDEST's picks exact, by count_groups over those matches), and the
 * members of the sample's clusters counted (weights of the distinct
 * estimate).  BYL_OK (c->damaged set: run again), BYL_ENOMEM,
 * BYL_ECORRUPT. */
static int estimate(collapser *c, byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
                    size_t ng, uint64_t scored, uint64_t bound, uint64_t *nclusters,
                    uint64_t *nmatches)
{
    uint64_t n, covered, ndocs = byl_collection_ndocs(c->col);
    set_span(c, WIN); /* the sample, then the table, in order */
    if (bound > LIST_MAX)
        bound = LIST_MAX;
    int rc = byl_search_sample(s, bound, c->list, &n, &covered);
    if (rc)
        return rc;
    if (covered >= ndocs) {
        /* every match listed: the exact figures, as a walk gives them */
        c->nlist = (size_t)n;
        c->bitmap = 0;
        *nmatches = n;
        return count_groups(c, ng, nclusters);
    }
    /* The sample's share of the live articles, not of the numbers: a
     * quarter of the articles deleted from the start of the index made
     * "about 3,300 distinct" of 14,835 (hostile tester, round 27). */
    uint64_t live = byl_search_live_below(s, ndocs), live_cov = byl_search_live_below(s, covered);
    if (live_cov == 0)
        live_cov = 1;
    double share = (double)live / (double)live_cov;
    double predicted = (double)n * share;
    if (predicted < WALK_SHARE * (double)live && predicted < WALK_MAX) {
        /* Few enough matches that walking them all costs less than one
         * read of the table: counted exactly, as without a bound (the
         * query planned again, nothing ranked: k = 0). */
        byl_search_opts wo = *o;
        wo.k = 0;
        wo.count_total = 1;
        wo.on_match = on_match;
        wo.on_match_ctx = c;
        wo.cluster_of = NULL;
        c->nlist = 0;
        c->bitmap = 0;
        c->rc = BYL_OK;
        c->chain = NULL;
        c->last_ix = c->last_seg = UINT32_MAX;
        const byl_hit *h;
        size_t nh;
        uint64_t total;
        if ((rc = byl_search(s, q, &wo, &h, &nh, &total)) || (rc = c->rc))
            return rc;
        *nmatches = total;
        return count_groups(c, ng, nclusters);
    }
    c->estimated = 1;
    /* the clusters wanted: the ng shown (first) and the sample's */
    int bits = 4;
    while (((size_t)1 << bits) < 2 * (ng + (size_t)n) + 16)
        bits++;
    size_t cap = (size_t)1 << bits, nmem = 0, nwant = ng + (size_t)n;
    uint32_t *key = byl_calloc(cap, sizeof *key), *cnt = byl_calloc(cap, sizeof *cnt);
    uint8_t *shown = byl_calloc(cap, 1), *match = NULL;
    uint32_t *want = byl_malloc((nwant ? nwant : 1) * sizeof *want);
    uint32_t *size = byl_malloc((nwant ? nwant : 1) * sizeof *size), *m32 = NULL;
    uint32_t *srt = byl_malloc((nwant ? nwant : 1) * sizeof *srt);
    uint64_t *mem = NULL;
    int oldest = c->mode == BYL_COLLAPSE_OLDEST;
    if (!key || !cnt || !shown || !want || !size || !srt) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory estimating the matches");
        goto out;
    }
    for (size_t i = 0; i < nwant; i++) {
        uint32_t cid = i < ng ? c->gcid[i] : root_read(c, c->list[i - ng]);
        size_t j = chash(cid, bits);
        while (key[j] && key[j] != cid + 1)
            j = (j + 1) & (cap - 1);
        key[j] = cid + 1;
        shown[j] |= i < ng;
        want[i] = srt[i] = cid;
    }
    if (damaged(c))
        goto out; /* a chunk of the table: run again */
    /* each cluster's members in the index, from the directory (not the
     * table: at a million articles its read from the smallest cluster on
     * was 4 MB and a third of a search's instructions) */
    qsort(srt, nwant, sizeof *srt, cmp_u32);
    if ((rc = byl_clusters_sizes(c->cl, srt, nwant, size)))
        goto dir_failed;
    size_t nshown = 0; /* members of the shown clusters to test */
    for (size_t i = 0; i < nwant; i++) {
        size_t j = chash(srt[i], bits);
        while (key[j] != srt[i] + 1)
            j = (j + 1) & (cap - 1);
        if (cnt[j])
            continue; /* a repeat */
        cnt[j] = size[i];
        if (shown[j] && (size[i] <= TEST_MAX || oldest))
            nshown += size[i];
    }
    /* the shown clusters' members (but of one too large to test), tested
     * against the query: their exact similar counts, and OLDEST's picks */
    if (!(mem = byl_malloc((nshown ? nshown : 1) * sizeof *mem)) ||
        !(m32 = byl_malloc((nshown ? nshown : 1) * sizeof *m32)) ||
        !(match = byl_malloc(nshown ? nshown : 1))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory estimating the matches");
        goto out;
    }
    for (size_t i = 0; i < ng; i++) {
        size_t j = chash(c->gcid[i], bits), got;
        while (key[j] != c->gcid[i] + 1)
            j = (j + 1) & (cap - 1);
        if (cnt[j] > TEST_MAX && !oldest)
            continue;
        if ((rc = byl_clusters_members_of(c->cl, c->gcid[i], m32, nshown - nmem, &got)))
            goto dir_failed;
        for (size_t x = 0; x < got && nmem < nshown; x++)
            mem[nmem++] = m32[x];
    }
    qsort(mem, nmem, sizeof *mem, cmp_u64); /* document order (OLDEST's ties) */
    if (nmem && (rc = byl_search_test(s, mem, nmem, match)))
        goto out;
    size_t nm = 0;
    for (size_t i = 0; i < nmem; i++)
        if (match[i])
            mem[nm++] = mem[i];
    uint64_t *list = c->list, ignored;
    c->list = mem;
    c->nlist = nm;
    c->bitmap = 0;
    c->presorted = 1;
    rc = count_groups(c, ng, &ignored);
    c->presorted = 0;
    c->list = list;
    c->nlist = 0;
    if (rc || damaged(c))
        goto out;
    double dist = 0;
    /* a shown cluster weighs by its matches, counted (or, too large to
     * test, estimated: its share of the sample scaled); another by its
     * members in the index (a match's copies mostly match too) */
    for (size_t i = 0; i < ng; i++) {
        size_t j = chash(c->gcid[i], bits);
        while (key[j] != c->gcid[i] + 1)
            j = (j + 1) & (cap - 1);
        c->groups[i].similar_estimated = 0;
        if (cnt[j] > TEST_MAX && !oldest) {
            uint64_t in = 0;
            for (size_t x = 0; x < (size_t)n; x++)
                in += want[ng + x] == c->gcid[i];
            /* the shown one matches: in >= 1 */
            uint64_t e = round2((double)in * share - 1, 0);
            /* no bound on the cluster but the matches' estimate */
            e = (double)e > (double)n * share ? (uint64_t)((double)n * share) : e;
            c->groups[i].similar = (uint32_t)e;
            c->groups[i].similar_estimated = 1;
        }
        cnt[j] = c->groups[i].similar + 1;
    }
    uint64_t seen = 0;
    for (size_t i = 0; i < (size_t)n; i++) {
        uint32_t cid = want[ng + i];
        size_t j = chash(cid, bits);
        while (key[j] != cid + 1)
            j = (j + 1) & (cap - 1);
        dist += 1.0 / (double)(cnt[j] ? cnt[j] : 1);
        if (!(shown[j] & 2)) {
            shown[j] |= 2;
            seen++; /* distinct clusters of the sample: a lower bound */
        }
    }
    double em = (double)n * share, lo = (double)(n + 1);
    if ((double)scored > lo)
        lo = (double)scored;
    em = em < lo ? lo : em;
    *nmatches = round2(em, 0);
    if ((double)*nmatches < lo)
        *nmatches = round2(lo, 1);
    if (*nmatches > live) /* never more than the articles there are */
        *nmatches = round2_down(live);
    double ed = dist * share, dlo = (double)(seen > ng ? seen : ng);
    ed = ed < dlo ? dlo : ed > em ? em : ed;
    *nclusters = round2(ed, 0);
    if ((double)*nclusters < dlo)
        *nclusters = round2(dlo, 1);
    if (*nclusters > *nmatches)
        *nclusters = round2_down(*nmatches);
    goto out;
dir_failed:
    if (rc == BYL_ECORRUPT) {
        /* a damaged chunk of the directory: as of the table, run again */
        c->damaged = 1;
        rc = BYL_OK;
    }
out:
    byl_free(key);
    byl_free(cnt);
    byl_free(shown);
    byl_free(want);
    byl_free(size);
    byl_free(srt);
    byl_free(m32);
    byl_free(mem);
    byl_free(match);
    return rc;
}

int byl_collapse_search(byl_clusters *cl, byl_searcher *s, const byl_qnode *q,
                        const byl_search_opts *o, int mode, size_t k,
                        const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                        uint64_t *nmatches)
{
    /* one collapser kept with the clusters, made on first use */
    collapser *c = byl_clusters_scratch(cl);
    if (!c) {
        int rc = byl_collapser_new(cl, &c);
        if (rc) {
            *groups = NULL;
            *ngroups = 0;
            *nclusters = *nmatches = 0;
            return rc;
        }
        byl_clusters_set_scratch(cl, c, scratch_free);
    }
    return byl_collapser_search(c, s, q, o, mode, k, groups, ngroups, nclusters, nmatches);
}

/* One collapsed search (byl_collapser_search); clusters from a cache
 * loaded lazily when lazy.  On a damaged chunk of it, c->damaged is set
 * and what was found is to be thrown away. */
static int collapse_once(collapser *c, byl_searcher *s, const byl_qnode *q,
                         const byl_search_opts *o, int mode, size_t k, int lazy,
                         const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                         uint64_t *nmatches)
{
    *groups = NULL;
    *ngroups = 0;
    *nclusters = *nmatches = 0;
    byl_clusters *cl = c->cl;
    uint64_t ndocs = byl_collection_ndocs(c->col);
    if (k > c->groups_cap) {
        byl_group *g = byl_realloc(c->groups, k * sizeof *g);
        if (g)
            c->groups = g;
        uint32_t *gc = g ? byl_realloc(c->gcid, k * sizeof *gc) : NULL;
        if (gc)
            c->gcid = gc;
        size_t wcap = 16;
        while (wcap < 2 * k)
            wcap *= 2;
        uint32_t *ws = gc ? byl_calloc(wcap, sizeof *ws) : NULL;
        if (!ws)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", k);
        byl_free(c->wset);
        c->wset = ws;
        c->wcap = wcap;
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
            c->groups[i].similar_estimated = 0;
        }
        *groups = c->groups;
        *ngroups = nhits;
        *nclusters = *nmatches = total;
        return BYL_OK;
    }
    if ((rc = lazy ? byl_clusters_build_lazy(cl) : byl_clusters_build(cl)))
        return rc;
    c->root = byl_clusters_table(cl);
    c->damaged = 0;
    if (byl_clusters_lazy(cl)) {
        /* a cache loaded lazily: read by windows, each checked as it is
         * read (root_read), never through its map */
        if (!c->win && !(c->win = byl_malloc(sizeof *c->win)))
            return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
        c->win->lo = c->win->hi = 0;
        c->win->damaged = 0;
        c->win->span = WIN;
    } else {
        byl_free(c->win);
        c->win = NULL;
    }
    c->mode = mode;
    c->estimated = 0;
    c->ndocs = ndocs ? (size_t)ndocs : 1;
    if (!c->list && !(c->list = byl_malloc(LIST_MAX * sizeof *c->list)))
        return byl_error_set(BYL_ENOMEM, "out of memory collapsing similar articles");
    c->nlist = 0;
    c->list_lim = 2 * ((c->ndocs + 63) / 64); /* the bitmaps' size, in list entries */
    if (c->list_lim > LIST_MAX)
        c->list_lim = LIST_MAX;
    c->bitmap = 0;
    c->rc = BYL_OK;
    c->last_ix = c->last_seg = UINT32_MAX; /* no segment yet */
    c->chain = o->on_match;
    c->chain_ctx = o->on_match_ctx;
    int grouped = !o->prf_docs;
    /* without the walk of every match (collapse.h: total_bound) */
    int bounded = grouped && o->total_bound && !o->on_match;
    so.count_total = !bounded;
    so.on_match = bounded ? NULL : on_match;
    so.on_match_ctx = c;
    /* One hit per cluster in the top k itself (topk.h), so that MaxScore
     * ranks once at k and prunes by the k-th cluster's score.  Feedback
     * keeps the old way: its first pass's best documents, not clusters,
     * are what it learns from. */
    if (grouped) {
        so.k = k;
        so.cluster_of = grouped_cluster;
        so.cluster_ctx = c;
    } else {
        so.k = k ? 4 * k + 32 : 0;
    }
    set_span(c, SPAN_POINT); /* the clusters of documents entering the top k, then of the hits */
    rc = byl_search(s, q, &so, &hits, &nhits, &total);
    if (!rc)
        rc = c->rc;
    if (rc)
        return rc;
    size_t ng = walk(c, hits, nhits, k);
    if (bounded) {
        if (!damaged(c) &&
            (rc = estimate(c, s, q, o, ng, total, o->total_bound, nclusters, nmatches)))
            return rc;
        *groups = c->groups;
        *ngroups = ng;
        return BYL_OK;
    }
    while (!grouped && ng < k && nhits < total && (uint64_t)nhits < ndocs) {
        /* Too many duplicates near the top: rank eight times deeper, up
         * to every match.  (Ranking every match at once made a search
         * whose top was one large cluster sort a quarter of a million
         * hits at a million articles.)  The count is the first pass's. */
        so.on_match = NULL;
        so.count_total = 0;
        so.k = (uint64_t)so.k > total / 8 ? (size_t)total : so.k * 8;
        uint64_t scored;
        if ((rc = byl_search(s, q, &so, &hits, &nhits, &scored)))
            return rc;
        ng = walk(c, hits, nhits, k);
    }
    if ((rc = count_groups(c, ng, nclusters)))
        return rc;
    *groups = c->groups;
    *ngroups = ng;
    *nmatches = total;
    return BYL_OK;
}

int byl_collapser_search(byl_collapser *c, byl_searcher *s, const byl_qnode *q,
                         const byl_search_opts *o, int mode, size_t k,
                         const byl_group **groups, size_t *ngroups, uint64_t *nclusters,
                         uint64_t *nmatches)
{
    /* A plain search reads the cluster cache lazily (a few chunks of it at
     * a million articles); one whose matches are told to a caller
     * (on_match: facets, timelines, which read clusters themselves) has
     * it checked whole first. */
    int rc = collapse_once(c, s, q, o, mode, k, !o->on_match, groups, ngroups, nclusters,
                           nmatches);
    if (rc || !damaged(c))
        return rc;
    /* a chunk of the cache failed its check: the clusters computed from
     * the sketches, and the search run again over them */
    if ((rc = byl_clusters_rebuild(c->cl)))
        return rc;
    return collapse_once(c, s, q, o, mode, k, 0, groups, ngroups, nclusters, nmatches);
}
