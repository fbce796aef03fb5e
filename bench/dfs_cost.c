/*
 * dfs_cost.c - what the DFS phase of a search over shards costs, in one
 * process: for every query of a log, over N shard indexes,
 *
 *   plain    byl_search over the N shards opened as one collection (the
 *            statistics summed in-process: the baseline);
 *   collect  byl_search_collect on every shard, one after another (what
 *            the shards would do in parallel, summed);
 *   merge    byl_qstats_merge of the N blobs and byl_qstats_parse of the
 *            result (what the coordinator does);
 *   dfs      collect + merge + byl_search with the merged statistics on
 *            every shard + merging their top k by score (the whole dance,
 *            sequential; a cluster runs the shards' parts in parallel).
 *
 *   build/bench/dfs_cost -q LOG [-r RUNS] [-k K] INDEX...
 *
 * Every query is run once untimed (warm-up), then RUNS times (default 5);
 * a query's time is the median of its runs; p50/p99 are over queries
 * (nearest rank).  Only the top K are asked for (count_total = 0), as
 * query_latency does by default.  As a check, the dance's top k must give
 * the plain search's scores rank by rank (to 1e-9): "agree" counts the
 * queries that do.  Prints one line:
 *   bench=dfs shards=N n=Q runs=R k=K plain_p50_us=.. plain_p99_us=..
 *   collect_p50_us=.. collect_p99_us=.. merge_p50_us=.. merge_p99_us=..
 *   dfs_p50_us=.. dfs_p99_us=.. blob_p50_bytes=.. blob_max_bytes=..
 *   agree=A extra_rounds=E
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/qstats.h"
#include "query/search.h"
#include "util/err.h"
#include "util/mem.h"

#define MAXSH 64

static int cmp_score_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y;
}

static void die(const char *what)
{
    fprintf(stderr, "dfs_cost: %s: %s\n", what, byl_error_msg());
    exit(1);
}

int main(int argc, char **argv)
{
    const char *log = NULL;
    int runs = 5, opt;
    size_t k = 10;
    while ((opt = getopt(argc, argv, "q:r:k:")) != -1) {
        if (opt == 'q')
            log = optarg;
        else if (opt == 'r')
            runs = atoi(optarg);
        else if (opt == 'k')
            k = (size_t)atol(optarg);
        else
            return 2;
    }
    int nsh = argc - optind;
    if (!log || nsh < 1 || nsh > MAXSH || runs < 1 || k < 1 || k > 1000) {
        fprintf(stderr, "usage: dfs_cost -q LOG [-r RUNS] [-k K] INDEX... (1 to %d)\n", MAXSH);
        return 2;
    }
    byl_index *ix[MAXSH];
    byl_searcher *sh[MAXSH], *all;
    for (int i = 0; i < nsh; i++) {
        if (byl_index_open(argv[optind + i], &ix[i]))
            die(argv[optind + i]);
        if (byl_searcher_new(&ix[i], 1, &sh[i]))
            die("searcher");
    }
    if (byl_searcher_new(ix, (size_t)nsh, &all))
        die("searcher");
    char **lines;
    long nl = bench_read_lines(log, &lines);
    if (nl < 0) {
        fprintf(stderr, "dfs_cost: cannot read %s\n", log);
        return 1;
    }
    byl_qnode **qs = calloc((size_t)nl, sizeof *qs);
    size_t nq = 0;
    for (long i = 0; i < nl; i++)
        if (byl_query_parse(lines[i], strlen(lines[i]), &qs[nq]) == BYL_OK)
            nq++;
    double *t[4], *run[4];
    for (int m = 0; m < 4; m++) {
        t[m] = calloc(nq ? nq : 1, sizeof(double));
        run[m] = calloc((size_t)runs, sizeof(double));
    }
    double *blob_bytes = calloc(nq ? nq : 1, sizeof(double));
    byl_buf blobs[MAXSH], merged;
    for (int i = 0; i < nsh; i++)
        byl_buf_init(&blobs[i]);
    byl_buf_init(&merged);
    double *scores = malloc((size_t)nsh * k * sizeof *scores);
    size_t agree = 0, extra = 0;
    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = k;
    o.count_total = 0;
    for (size_t qi = 0; qi < nq; qi++) {
        for (int r = -1; r < runs; r++) { /* r = -1: warm-up */
            const byl_hit *h;
            size_t nh, nplain;
            uint64_t tot;
            double plain[1000];
            uint64_t t0 = bench_now_ns();
            if (byl_search(all, qs[qi], &o, &h, &nh, &tot))
                die("search");
            uint64_t t1 = bench_now_ns();
            for (size_t j = 0; j < nh; j++)
                plain[j] = h[j].score;
            nplain = nh;
            uint64_t t2 = bench_now_ns();
            const uint8_t *bp[MAXSH];
            size_t bl[MAXSH];
            for (int i = 0; i < nsh; i++) {
                if (byl_search_collect(sh[i], qs[qi], &o, &blobs[i]))
                    die("collect");
                bp[i] = blobs[i].data;
                bl[i] = blobs[i].len;
            }
            uint64_t t3 = bench_now_ns();
            byl_qstats *g;
            if (byl_qstats_merge(bp, bl, (size_t)nsh, &merged) ||
                byl_qstats_parse(merged.data, merged.len, &g))
                die("merge");
            uint64_t t4 = bench_now_ns();
            byl_search_opts so = o;
            so.stats = g;
            size_t ns = 0;
            for (int i = 0; i < nsh; i++) {
                int rc = byl_search(sh[i], qs[qi], &so, &h, &nh, &tot);
                if (rc == BYL_ESTATS) { /* another round, as the protocol asks */
                    extra += r == -1;
                    for (int j = 0; j < nsh; j++) {
                        if (byl_search_collect(sh[j], qs[qi], &so, &blobs[j]))
                            die("collect");
                        bp[j] = blobs[j].data;
                        bl[j] = blobs[j].len;
                    }
                    byl_qstats_free(g);
                    if (byl_qstats_merge(bp, bl, (size_t)nsh, &merged) ||
                        byl_qstats_parse(merged.data, merged.len, &g))
                        die("merge");
                    so.stats = g;
                    ns = 0;
                    i = -1;
                    continue;
                }
                if (rc)
                    die("search with statistics");
                for (size_t j = 0; j < nh; j++)
                    scores[ns++] = h[j].score;
            }
            qsort(scores, ns, sizeof *scores, cmp_score_desc);
            uint64_t t5 = bench_now_ns();
            byl_qstats_free(g);
            if (r == -1) {
                size_t n = ns < k ? ns : k;
                int ok = n == nplain;
                for (size_t j = 0; ok && j < n; j++)
                    ok = fabs(scores[j] - plain[j]) <= 1e-9;
                agree += ok;
                blob_bytes[qi] = (double)merged.len;
                continue;
            }
            run[0][r] = (double)(t1 - t0) / 1e3;
            run[1][r] = (double)(t3 - t2) / 1e3;
            run[2][r] = (double)(t4 - t3) / 1e3;
            run[3][r] = (double)(t5 - t2) / 1e3;
        }
        for (int m = 0; m < 4; m++)
            t[m][qi] = bench_median(run[m], (size_t)runs);
    }
    double p50[4], p99[4];
    for (int m = 0; m < 4; m++) {
        bench_sort(t[m], nq);
        p50[m] = bench_pct_sorted(t[m], nq, 0.5);
        p99[m] = bench_pct_sorted(t[m], nq, 0.99);
    }
    bench_sort(blob_bytes, nq);
    printf("bench=dfs shards=%d n=%zu runs=%d k=%zu plain_p50_us=%.1f plain_p99_us=%.1f "
           "collect_p50_us=%.1f collect_p99_us=%.1f merge_p50_us=%.1f merge_p99_us=%.1f "
           "dfs_p50_us=%.1f dfs_p99_us=%.1f blob_p50_bytes=%.0f blob_max_bytes=%.0f agree=%zu "
           "extra_rounds=%zu\n",
           nsh, nq, runs, k, p50[0], p99[0], p50[1], p99[1], p50[2], p99[2], p50[3], p99[3],
           bench_pct_sorted(blob_bytes, nq, 0.5), nq ? blob_bytes[nq - 1] : 0.0, agree, extra);
    for (size_t i = 0; i < nq; i++)
        byl_qnode_free(qs[i]);
    free(qs);
    for (long i = 0; i < nl; i++)
        free(lines[i]);
    free(lines);
    for (int m = 0; m < 4; m++) {
        free(t[m]);
        free(run[m]);
    }
    free(blob_bytes);
    free(scores);
    for (int i = 0; i < nsh; i++) {
        byl_buf_reset(&blobs[i]);
        byl_searcher_free(sh[i]);
        byl_index_close(ix[i]);
    }
    byl_buf_reset(&merged);
    byl_searcher_free(all);
    return 0;
}
