/*
 * test_collapse.c - collapsed rankings (query/collapse.h) on generated
 * corpora over two indexes: one group per cluster, counts that add up to
 * the matches, a page of k groups that is the start of a longer page, and
 * threads that each collapse with their own collapser and searcher over
 * one shared set of clusters getting exactly the single-threaded results.
 *
 * Not for: the clusters themselves (test_cluster.c), the fixed stories of
 * test_fingerprint.c.
 */
#include <check.h>

#include "check_main.h"
#include "dups.h"
#include <pthread.h>

#include "index/cluster.h"
#include "query/collapse.h"
#include "query/parser.h"
#include "query/search.h"
#include "util/mem.h"

static char tmp[64];

static void setup(void)
{
    strcpy(tmp, "/tmp/byl_test_coXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

#define NQ 6
static const char *const queries[NQ] = {"harbour", "harbour news", "kalomi", "renstovu OR palne",
                                        "\"harbour news\"", "dorzitam bor"};
static const int modes[3] = {BYL_COLLAPSE_BEST, BYL_COLLAPSE_OLDEST, BYL_COLLAPSE_NONE};
static const size_t ks[4] = {1, 3, 10, 200};

/* One collapsed result, as compared between runs. */
typedef struct result {
    size_t ng;
    uint64_t nclusters, nmatches;
    uint64_t gdoc[200];
    uint32_t similar[200];
    double score[200];
    int64_t date[200];
} result;

#define NRUNS (NQ * 3 * 4)

typedef struct shared {
    byl_index *ixs[2];
    byl_clusters *cl;
    byl_qnode *q[NQ];
    result *want; /* NRUNS results of the single-threaded run */
    int failed;   /* runs that differed, per thread */
} shared;

/* total_bound of run_one's searches (the damage test sets it) */
static uint64_t run_bound;

static int run_one(byl_collapser *cp, byl_clusters *cl, byl_searcher *s, byl_qnode *q, int mode,
                   size_t k, result *r)
{
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.total_bound = run_bound;
    const byl_group *g;
    int rc = cp ? byl_collapser_search(cp, s, q, &o, mode, k, &g, &r->ng, &r->nclusters,
                                       &r->nmatches)
                : byl_collapse_search(cl, s, q, &o, mode, k, &g, &r->ng, &r->nclusters,
                                      &r->nmatches);
    for (size_t i = 0; !rc && i < r->ng; i++) {
        r->gdoc[i] = g[i].hit.gdoc;
        r->similar[i] = g[i].similar;
        r->score[i] = g[i].hit.score;
        r->date[i] = g[i].hit.date;
    }
    return rc;
}

static int same(const result *a, const result *b)
{
    if (a->ng != b->ng || a->nclusters != b->nclusters || a->nmatches != b->nmatches)
        return 0;
    for (size_t i = 0; i < a->ng; i++)
        if (a->gdoc[i] != b->gdoc[i] || a->similar[i] != b->similar[i] ||
            a->score[i] != b->score[i] || a->date[i] != b->date[i])
            return 0;
    return 1;
}

static void *thread_main(void *arg)
{
    shared *sh = arg;
    byl_searcher *s = NULL;
    byl_collapser *cp = NULL;
    result *r = malloc(sizeof *r);
    int bad = 0;
    if (!r || byl_searcher_new(sh->ixs, 2, &s) || byl_collapser_new(sh->cl, &cp))
        bad = NRUNS;
    for (int rep = 0; !bad && rep < 3; rep++)
        for (int qi = 0, at = 0; qi < NQ; qi++)
            for (int mi = 0; mi < 3; mi++)
                for (int ki = 0; ki < 4; ki++, at++)
                    if (run_one(cp, NULL, s, sh->q[qi], modes[mi], ks[ki], r) ||
                        !same(r, &sh->want[at]))
                        bad++;
    byl_collapser_free(cp);
    byl_searcher_free(s);
    free(r);
    return (void *)(intptr_t)bad;
}

START_TEST(test_collapse_properties_and_threads)
{
    art a[MAXART];
    size_t n = corpus(41, a);
    char h1[128], h2[128];
    snprintf(h1, sizeof h1, "%s/h1", tmp);
    snprintf(h2, sizeof h2, "%s/h2", tmp);
    write_arts(h1, 1, a, 0, n / 3);
    write_arts(h1, 0, a, n / 3, n / 2); /* a second segment */
    write_arts(h2, 1, a, n / 2, n);
    shared sh = {0};
    ck_assert_int_eq(byl_index_open(h1, &sh.ixs[0]), BYL_OK);
    ck_assert_int_eq(byl_index_open(h2, &sh.ixs[1]), BYL_OK);
    ck_assert_int_eq(byl_clusters_new(sh.ixs, 2, NULL, &sh.cl), BYL_OK);
    for (int qi = 0; qi < NQ; qi++)
        ck_assert_int_eq(byl_query_parse(queries[qi], strlen(queries[qi]), &sh.q[qi]), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(sh.ixs, 2, &s), BYL_OK);
    sh.want = calloc(NRUNS, sizeof *sh.want);
    result *all = malloc(sizeof *all);
    size_t multi = 0;
    for (int qi = 0, at = 0; qi < NQ; qi++)
        for (int mi = 0; mi < 3; mi++) {
            /* every group at once, then pages of k that must be its start */
            ck_assert_int_eq(run_one(NULL, sh.cl, s, sh.q[qi], modes[mi], 200, all), BYL_OK);
            ck_assert_uint_lt(all->ng, 200);
            uint64_t sum = 0;
            for (size_t i = 0; i < all->ng; i++) {
                sum += all->similar[i] + 1;
                if (modes[mi] == BYL_COLLAPSE_NONE) {
                    ck_assert_uint_eq(all->similar[i], 0);
                    continue;
                }
                multi += all->similar[i] > 0;
                /* one group per cluster, ranked by its best match */
                for (size_t j = 0; j < i; j++)
                    ck_assert_uint_ne(byl_clusters_of(sh.cl, all->gdoc[i]),
                                      byl_clusters_of(sh.cl, all->gdoc[j]));
                if (i)
                    ck_assert(all->score[i] <= all->score[i - 1]);
            }
            ck_assert_uint_eq(all->ng, all->nclusters);
            ck_assert_uint_eq(sum, all->nmatches);
            for (int ki = 0; ki < 4; ki++, at++) {
                result *w = &sh.want[at];
                ck_assert_int_eq(run_one(NULL, sh.cl, s, sh.q[qi], modes[mi], ks[ki], w), BYL_OK);
                ck_assert_uint_eq(w->ng, ks[ki] < all->ng ? ks[ki] : all->ng);
                ck_assert_uint_eq(w->nclusters, all->nclusters);
                for (size_t i = 0; i < w->ng; i++) {
                    ck_assert_uint_eq(w->gdoc[i], all->gdoc[i]);
                    ck_assert_uint_eq(w->similar[i], all->similar[i]);
                }
            }
        }
    ck_assert_uint_gt(multi, 0); /* some groups hide copies */
    /* four threads, one shared set of clusters (built above) */
    pthread_t th[4];
    for (int t = 0; t < 4; t++)
        ck_assert_int_eq(pthread_create(&th[t], NULL, thread_main, &sh), 0);
    for (int t = 0; t < 4; t++) {
        void *bad;
        ck_assert_int_eq(pthread_join(th[t], &bad), 0);
        ck_assert_msg((intptr_t)bad == 0, "thread %d: %d runs differ", t, (int)(intptr_t)bad);
    }
    byl_searcher_free(s);
    for (int qi = 0; qi < NQ; qi++)
        byl_qnode_free(sh.q[qi]);
    byl_clusters_free(sh.cl);
    byl_index_close(sh.ixs[0]);
    byl_index_close(sh.ixs[1]);
    free(sh.want);
    free(all);
    corpus_free(a, n);
}
END_TEST

/* A collapse against its definition, on 4,000 articles (some queries match
 * few, which the collapser keeps in a list, some thousands, which outgrow
 * the list into its bitmaps): for every query and mode,
 * the groups are the clusters of the uncollapsed ranking's matches, in the
 * order of their best match, each with its count, and (OLDEST) the
 * earliest match shown. */
START_TEST(test_collapse_against_brute_force)
{
    enum { N = 4000 };
    static art a[N];
    uint64_t seed = 5;
    for (size_t i = 0; i < N; i++) {
        /* 1,300 stories, most with two or three exact copies; a few words
         * of each are shared with others, so queries match many stories */
        int st = (int)(rnd(&seed) % 1300);
        a[i].story = st;
        a[i].exact = 1;
        a[i].body = story((uint64_t)st * 7 + 1, 40 + st % 7);
        snprintf(a[i].id, sizeof a[i].id, "b%zu", i);
    }
    char h1[128];
    snprintf(h1, sizeof h1, "%s/big", tmp);
    write_arts(h1, 1, a, 0, N / 2);
    write_arts(h1, 0, a, N / 2, N);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(h1, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_build(cl), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    static const char *const qs[] = {"harbour", "kalomi", "kalomi OR renstovu OR palne",
                                     "dorzitam bor", "\"harbour news\" -kalomi"};
    uint32_t *seen = calloc(N, sizeof *seen);
    uint64_t *first = calloc(N, sizeof *first), *oldest = calloc(N, sizeof *oldest);
    uint32_t *order = calloc(N, sizeof *order);
    size_t max_clusters = 0, estimated = 0;
    uint64_t min_total = UINT64_MAX;
    for (size_t qi = 0; qi < sizeof qs / sizeof *qs; qi++) {
        byl_qnode *q;
        ck_assert_int_eq(byl_query_parse(qs[qi], strlen(qs[qi]), &q), BYL_OK);
        byl_search_opts o;
        byl_search_opts_init(&o);
        o.k = N;
        const byl_hit *hits;
        size_t nhits;
        uint64_t total;
        ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
        ck_assert_uint_eq(nhits, total);
        if (total < min_total)
            min_total = total;
        /* the definition: clusters in the order of their best match */
        memset(seen, 0, N * sizeof *seen);
        size_t nc = 0;
        for (size_t i = 0; i < nhits; i++) {
            uint32_t c = byl_clusters_of(cl, hits[i].gdoc);
            if (!seen[c]++) {
                order[nc++] = c;
                first[c] = hits[i].gdoc;
                oldest[c] = hits[i].gdoc;
            } else if (hits[i].gdoc < oldest[c]) {
                oldest[c] = hits[i].gdoc; /* dates are the order of writing */
            }
        }
        if (nc > max_clusters)
            max_clusters = nc;
        for (int mi = 0; mi < 2; mi++) {
            int mode = mi ? BYL_COLLAPSE_OLDEST : BYL_COLLAPSE_BEST;
            for (size_t k = 1; k <= N; k = k * 7 + 3) {
                const byl_group *g;
                size_t ng;
                uint64_t ncl, nm;
                byl_search_opts_init(&o);
                ck_assert_int_eq(byl_collapse_search(cl, s, q, &o, mode, k, &g, &ng, &ncl, &nm),
                                 BYL_OK);
                ck_assert_uint_eq(nm, total);
                ck_assert_uint_eq(ncl, nc);
                ck_assert_uint_eq(ng, k < nc ? k : nc);
                for (size_t i = 0; i < ng; i++) {
                    uint32_t c = order[i];
                    ck_assert_uint_eq(g[i].hit.gdoc, mode == BYL_COLLAPSE_OLDEST ? oldest[c]
                                                                               : first[c]);
                    ck_assert_uint_eq(g[i].similar, seen[c] - 1);
                }
                /* The same search with a bound on counting (what
                 * byline-search asks): the same groups, shown articles
                 * and similar counts; the totals exact up to the bound
                 * (and when the matches are few enough to walk), else
                 * estimates between what was seen and every document. */
                for (uint64_t bound = 40; bound <= 4000; bound *= 10) {
                    byl_search_opts_init(&o);
                    o.total_bound = bound;
                    ck_assert_int_eq(
                        byl_collapse_search(cl, s, q, &o, mode, k, &g, &ng, &ncl, &nm), BYL_OK);
                    ck_assert_uint_eq(ng, k < nc ? k : nc);
                    for (size_t i = 0; i < ng; i++) {
                        uint32_t c = order[i];
                        ck_assert_uint_eq(g[i].hit.gdoc, mode == BYL_COLLAPSE_OLDEST ? oldest[c]
                                                                                   : first[c]);
                        ck_assert_uint_eq(g[i].similar, seen[c] - 1);
                        ck_assert_uint_eq(g[i].similar_estimated, 0);
                    }
                    int est = byl_collapse_estimated(cl);
                    if (total <= bound || total < N / 10)
                        ck_assert_int_eq(est, 0);
                    else
                        ck_assert_int_eq(est, 1);
                    if (!est) {
                        ck_assert_uint_eq(nm, total);
                        ck_assert_uint_eq(ncl, nc);
                    } else {
                        estimated++;
                        ck_assert_uint_gt(nm, bound);
                        ck_assert_uint_le(nm, N);
                        ck_assert_uint_ge(ncl, ng);
                        ck_assert_uint_le(ncl, nm);
                        /* loose: this corpus's copies fall anywhere */
                        ck_assert_msg(nm >= total / 2 && nm <= 2 * total, "%llu matches, %llu",
                                      (unsigned long long)nm, (unsigned long long)total);
                        ck_assert_msg(ncl >= nc / 2 && ncl <= 2 * nc, "%llu distinct, %llu",
                                      (unsigned long long)ncl, (unsigned long long)nc);
                    }
                }
            }
        }
        byl_qnode_free(q);
    }
    /* some queries stay in the list, some go to the bitmaps */
    ck_assert_uint_gt(max_clusters, 1000);
    ck_assert_uint_lt(min_total, 100);
    ck_assert_uint_gt(estimated, 0); /* the estimates were tried */

    /* The same searches over the saved cache, read lazily (a chunk checked
     * when a match first falls in it), intact and then with a bit flipped
     * in one chunk of entries: every result as over the clusters computed
     * (a damaged chunk makes the search start over on clusters computed
     * afresh). */
    char path[256];
    snprintf(path, sizeof path, "%s/%06llu.clusters", h1,
             (unsigned long long)byl_index_generation(ix));
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    /* version 4: the table, its chunks' crcs, then the directory */
    static uint8_t orig[1 << 20], m[sizeof orig];
    size_t len = fread(orig, 1, sizeof orig, f);
    fclose(f);
    ck_assert_uint_gt(len, 32 + 4 * N + 4 * ((N + BYL_CLUSTERS_CHUNK - 1) / BYL_CLUSTERS_CHUNK) + 8);
    ck_assert_uint_lt(len, sizeof orig);
    static result want, got;
    /* the directory's words: after the table, its crcs, and two counts */
    size_t dwords = 32 + 4 * N + 4 * ((N + BYL_CLUSTERS_CHUNK - 1) / BYL_CLUSTERS_CHUNK) + 4 + 8;
    for (int t = 0; t < 9; t++) {
        memcpy(m, orig, len);
        if (t && t < 6) /* t 0: intact */
            m[32 + 4 * (rnd(&seed) % N) + rnd(&seed) % 4] ^= (uint8_t)(1u << (rnd(&seed) % 8));
        else if (t) /* in the directory (words, their crcs or the last crc) */
            m[dwords + rnd(&seed) % (len - 4 - dwords)] ^= (uint8_t)(1u << (rnd(&seed) % 8));
        f = fopen(path, "wb");
        ck_assert_uint_eq(fwrite(m, 1, len, f), len);
        fclose(f);
        byl_clusters *c2;
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        for (size_t qi = 0; qi < sizeof qs / sizeof *qs; qi++) {
            byl_qnode *q;
            ck_assert_int_eq(byl_query_parse(qs[qi], strlen(qs[qi]), &q), BYL_OK);
            for (int mi = 0; mi < 4; mi++) {
                int mode = mi & 1 ? BYL_COLLAPSE_OLDEST : BYL_COLLAPSE_BEST;
                run_bound = mi < 2 ? 0 : 40; /* walked, then sampled and estimated */
                ck_assert_int_eq(run_one(NULL, cl, s, q, mode, 10, &want), BYL_OK);
                ck_assert_int_eq(run_one(NULL, c2, s, q, mode, 10, &got), BYL_OK);
                ck_assert_msg(same(&want, &got), "damage %d, query %zu, mode %d", t, qi, mode);
            }
            run_bound = 0;
            byl_qnode_free(q);
        }
        /* intact: still read lazily; damaged: found ("harbour" matches
         * every article, in every chunk) and computed instead (damage to
         * the directory is found when the chunk is read: the results are
         * the same either way) */
        if (t < 6)
            ck_assert_int_eq(byl_clusters_lazy(c2), t == 0);
        byl_clusters_free(c2);
    }
    free(seen);
    free(first);
    free(oldest);
    free(order);
    byl_searcher_free(s);
    byl_clusters_free(cl);
    byl_index_close(ix);
    for (size_t i = 0; i < N; i++)
        free(a[i].body);
}
END_TEST

/* The grouped top k (topk.h: one hit per cluster, the k-th cluster's
 * score MaxScore's threshold) against the definition, over random
 * cluster shapes given as tables (byl_clusters_use_table: singletons,
 * pairs, long chains, one cluster of a third of the articles) and random
 * queries: for every order (score, oldest, newest, recency) the groups
 * are the clusters of the exhaustive ranking in the order of their first
 * hit, shown by that hit (BEST; OLDEST: the same clusters, ranks and
 * scores), with the counts of their matches; a page of k is the start of
 * every longer one (what --offset pages through). */
START_TEST(test_collapse_grouped_random_clusters)
{
    enum { N = 2500 };
    static art a[N];
    uint64_t seed = 11;
    for (size_t i = 0; i < N; i++) {
        int st = (int)(rnd(&seed) % 900);
        a[i].story = st;
        a[i].exact = 1;
        char *b = story((uint64_t)st * 13 + 5, 20 + st % 9);
        /* a common word beside the rare ones: MaxScore's first threshold
         * (k documents of the rare lists) is then tried, and must not be
         * taken for the k-th cluster's */
        a[i].body = malloc(strlen(b) + 16);
        sprintf(a[i].body, "%s%s", b, i % 2 ? " harbour" : "");
        free(b);
        snprintf(a[i].id, sizeof a[i].id, "g%zu", i);
    }
    char h1[128];
    snprintf(h1, sizeof h1, "%s/grp", tmp);
    write_arts(h1, 1, a, 0, N / 3);
    write_arts(h1, 0, a, N / 3, N); /* two segments */
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(h1, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    uint64_t nd = byl_clusters_ndocs(cl);
    ck_assert_uint_eq(nd, N);
    uint32_t *root = malloc(N * sizeof *root), *seen = calloc(N, sizeof *seen);
    uint32_t *order = malloc(N * sizeof *order);
    uint64_t *first = malloc(N * sizeof *first);
    double *best = malloc(N * sizeof *best);
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "sto", "vu", "pal", "dor",
                                      "ne", "zi", "tam", "bor", "gue", "fi", "sha", "wen"};
    size_t checked = 0, hidden = 0;
    for (int trial = 0; trial < 36; trial++) {
        /* the shape: each article joins an earlier one's cluster with a
         * chance of 0 to 90%, near (pairs, chains) or anywhere */
        int join = (int)(rnd(&seed) % 10), near = (int)(rnd(&seed) % 2);
        for (uint32_t g = 0; g < N; g++) {
            root[g] = g;
            if (g && (int)(rnd(&seed) % 10) < join) {
                uint32_t o = near ? g - 1 - (uint32_t)(rnd(&seed) % (g < 4 ? g : 4))
                                  : (uint32_t)(rnd(&seed) % g);
                root[g] = root[o];
            }
            if (trial % 6 == 5 && g % 3 == 0)
                root[g] = 0; /* a third of the articles in one story */
        }
        byl_clusters_use_table(cl, root);
        /* a query of one to three syllable words: matches from a handful
         * to hundreds */
        char qs[128];
        int nw = 1 + (int)(rnd(&seed) % 3), and = trial % 4 == 3;
        size_t ql = trial % 3 ? (size_t)snprintf(qs, sizeof qs, "harbour ") : 0;
        for (int w = 0; w < nw; w++) {
            uint32_t r = (uint32_t)rnd(&seed);
            ql += (size_t)snprintf(qs + ql, sizeof qs - ql, "%s%s%s%s", w ? " " : "",
                                   syl[r & 15], syl[(r >> 4) & 15], syl[(r >> 8) & 15]);
        }
        byl_qnode *q;
        ck_assert_int_eq(byl_query_parse(qs, ql, &q), BYL_OK);
        for (int sort = 0; sort < 4; sort++) {
            byl_search_opts o;
            byl_search_opts_init(&o);
            o.all_required = and;
            o.sort = sort == 3 ? BYL_SORT_SCORE : sort;
            if (sort == 3)
                o.half_life = 86400.0 * (1 + (double)(rnd(&seed) % 30));
            o.exhaustive = 1;
            o.k = N;
            const byl_hit *hits;
            size_t nhits;
            uint64_t total;
            ck_assert_int_eq(byl_search(s, q, &o, &hits, &nhits, &total), BYL_OK);
            ck_assert_uint_eq(nhits, total);
            memset(seen, 0, N * sizeof *seen);
            size_t nc = 0;
            for (size_t i = 0; i < nhits; i++) {
                uint32_t c = root[hits[i].gdoc];
                if (!seen[c]++) {
                    order[nc++] = c;
                    first[c] = hits[i].gdoc;
                    best[c] = hits[i].score;
                }
            }
            for (int mi = 0; mi < 2; mi++) {
                int mode = mi ? BYL_COLLAPSE_OLDEST : BYL_COLLAPSE_BEST;
                size_t kk[3] = {1 + rnd(&seed) % 12, 1 + rnd(&seed) % 60, N};
                for (int ki = 0; ki < 3; ki++) {
                    byl_search_opts co = o;
                    co.exhaustive = trial % 2; /* MaxScore and the oracle */
                    co.k = 10;
                    const byl_group *g;
                    size_t ng;
                    uint64_t ncl, nm;
                    ck_assert_int_eq(
                        byl_collapse_search(cl, s, q, &co, mode, kk[ki], &g, &ng, &ncl, &nm),
                        BYL_OK);
                    ck_assert_uint_eq(nm, total);
                    ck_assert_uint_eq(ncl, nc);
                    ck_assert_uint_eq(ng, kk[ki] < nc ? kk[ki] : nc);
                    for (size_t i = 0; i < ng; i++) {
                        uint32_t c = order[i];
                        ck_assert_msg(root[g[i].hit.gdoc] == c,
                                      "trial %d sort %d mode %d k %zu: group %zu", trial, sort,
                                      mode, kk[ki], i);
                        if (mode == BYL_COLLAPSE_BEST)
                            ck_assert_uint_eq(g[i].hit.gdoc, first[c]);
                        ck_assert(g[i].hit.score == best[c]);
                        ck_assert_uint_eq(g[i].similar, seen[c] - 1);
                        hidden += g[i].similar > 0;
                        checked++;
                    }
                }
            }
        }
        byl_qnode_free(q);
    }
    ck_assert_uint_gt(checked, 1000);
    ck_assert_uint_gt(hidden, 100); /* clusters that hid copies were tried */
    free(root);
    free(seen);
    free(order);
    free(first);
    free(best);
    byl_searcher_free(s);
    byl_clusters_free(cl);
    byl_index_close(ix);
    for (size_t i = 0; i < N; i++)
        free(a[i].body);
}
END_TEST

/* A lazily read cache is read where the walk is: matches a few to a
 * window are looked up a chunk (1 KiB) at a time, not a window (32 KiB)
 * each, and a walk of every article reads the table once, by windows; the
 * results are those of the clusters computed either way. */
START_TEST(test_collapse_reads_sized_to_matches)
{
    enum { N = 3 * 8192 + 300, EVERY = 2000 };
    static art a[N];
    for (size_t i = 0; i < N; i++) {
        /* "zorbanik" in one article of EVERY (4 to a window of 8,192),
         * a copy of each beside it; "harbour" everywhere */
        snprintf(a[i].id, sizeof a[i].id, "s%zu", i);
        size_t st = i % EVERY == 1 ? i - 1 : i;
        if (st % EVERY) { /* too short to be anyone's copy */
            a[i].body = malloc(32);
            snprintf(a[i].body, 32, "harbour quay %zu", i);
            continue;
        }
        char *b = story((uint64_t)st * 3 + 1, 30);
        a[i].body = malloc(strlen(b) + 32);
        sprintf(a[i].body, "harbour zorbanik %s", b);
        free(b);
    }
    char h1[128];
    snprintf(h1, sizeof h1, "%s/sparse", tmp);
    write_arts(h1, 1, a, 0, N);
    byl_index *ix;
    ck_assert_int_eq(byl_index_open(h1, &ix), BYL_OK);
    byl_clusters *cl;
    ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_build(cl), BYL_OK);
    ck_assert_int_eq(byl_clusters_save(cl), BYL_OK);
    byl_searcher *s;
    ck_assert_int_eq(byl_searcher_new(&ix, 1, &s), BYL_OK);
    static const char *const qs[] = {"zorbanik", "harbour"};
    for (size_t qi = 0; qi < 2; qi++) {
        byl_qnode *q;
        ck_assert_int_eq(byl_query_parse(qs[qi], strlen(qs[qi]), &q), BYL_OK);
        byl_clusters *c2;
        ck_assert_int_eq(byl_clusters_new(&ix, 1, NULL, &c2), BYL_OK);
        static result want, got;
        ck_assert_int_eq(run_one(NULL, cl, s, q, BYL_COLLAPSE_BEST, 10, &want), BYL_OK);
        ck_assert_int_eq(run_one(NULL, c2, s, q, BYL_COLLAPSE_BEST, 10, &got), BYL_OK);
        ck_assert(byl_clusters_lazy(c2));
        ck_assert(same(&want, &got));
        uint64_t bytes = byl_clusters_bytes_read(c2);
        if (qi == 0) {
            /* 13 stories of two copies: 26 matches, each looked up for the
             * walk and for the top k, 1 KiB each at most */
            ck_assert_uint_eq(want.nmatches, 2 * ((N + EVERY - 1) / EVERY));
            ck_assert_uint_eq(want.nclusters, (N + EVERY - 1) / EVERY);
            ck_assert_msg(bytes > 0 && bytes <= 2 * want.nmatches * 1024,
                          "%llu bytes for %llu sparse matches", (unsigned long long)bytes,
                          (unsigned long long)want.nmatches);
        } else {
            /* every entry, by windows: the table about once, not a chunk a match */
            ck_assert_uint_eq(want.nmatches, N);
            ck_assert_msg(bytes >= 4 * (uint64_t)N && bytes <= 3 * 4 * (uint64_t)N,
                          "%llu bytes for every article", (unsigned long long)bytes);
        }
        byl_clusters_free(c2);
        byl_qnode_free(q);
    }
    byl_searcher_free(s);
    byl_clusters_free(cl);
    byl_index_close(ix);
    for (size_t i = 0; i < N; i++)
        free(a[i].body);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("collapse");
    TCase *tc = tcase_create("collapse");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_collapse_properties_and_threads);
    tcase_add_test(tc, test_collapse_against_brute_force);
    tcase_add_test(tc, test_collapse_grouped_random_clusters);
    tcase_add_test(tc, test_collapse_reads_sized_to_matches);
    suite_add_tcase(s, tc);
    return byl_test_run(s);
}
