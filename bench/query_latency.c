/*
 * query_latency.c - query latency and throughput of Byline over a query log,
 * single thread, warm, through libbyline.
 *
 *   build/bench/query_latency -i INDEX -q LOG [-m or|and|phrase] [-r RUNS]
 *                             [-k K] [-c CORPUS] [-p PERQUERY.tsv] [-x|-X] [-f DOCS] [-D DEPTH]
 *
 * Procedure (the same as bench/peers/peer.py's "query" for Xapian and FTS5):
 *   1. open the index and a searcher (timed once: open_us);
 *   2. run every query of the log once, untimed (warm-up: pages mapped,
 *      checksums verified, caches filled);
 *   3. RUNS times (default 5) run the whole log in order, timing each query
 *      with CLOCK_MONOTONIC from the query string to the top-K hits
 *      (byl_query_parse + byl_search; hits are internal document numbers,
 *      nothing is printed or fetched from the store);
 *   4. each query's latency is the median of its RUNS timings; p50/p95/p99
 *      and the mean are taken over queries (nearest rank), and QPS is the
 *      number of queries divided by the median wall time of a whole run.
 * Mode "or" runs the words ranked, "and" sets opts.all_required, "phrase"
 * runs the log as given (its lines are quoted phrases).  Only the top K
 * are asked for (opts.count_total = 0, count=topk), as Xapian's get_mset
 * and FTS5's LIMIT are, so ranked OR may use MaxScore; -x asks for the
 * exact number of matches too (count_total = 1, count=exact: MaxScore, then
 * a walk of the matches without scoring, as byline-search does for one
 * query), and -X scores every match (opts.exhaustive, count=oracle: the
 * speed of the exhaustive evaluator the fast paths are tested against).
 * -f DOCS sets opts.prf_docs (pseudo-relevance feedback from DOCS
 * documents; 0 off, default: the library's default), to measure what
 * feedback costs; -D DEPTH sets opts.prf_depth (feedback reranks the first
 * pass's DEPTH best; 0: every match).
 *
 * Prints one line:
 *   bench=query engine=byline corpus=C log=L mode=M count=topk|exact|oracle n=N runs=R k=K p50_us=..
 *   p95_us=.. p99_us=.. mean_us=.. qps=.. open_us=.. matched=Q errors=E prf=DOCS prf_depth=D
 * where matched is the number of queries with at least one hit (a check
 * that the engines agree on what the log means), and floor_us the median of
 * 201 runs of the one-word query "qxzvjq", which matches nothing: the
 * fixed cost of a query, the same probe as the peers'.  With -p, each query's
 * median latency, its number of matching documents and the query are
 * written to PERQUERY.tsv (to find the slow ones).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "index/index.h"
#include "query/parser.h"
#include "query/search.h"
#include "util/err.h"

static void usage(void)
{
    fprintf(stderr, "usage: query_latency -i INDEX -q LOG [-m or|and|phrase] [-r RUNS] [-k K] "
                    "[-c CORPUS] [-p PERQUERY.tsv] [-x|-X] [-f DOCS] [-D DEPTH]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *idx = NULL, *log = NULL, *mode = "or", *corpus = "unknown", *perq = NULL;
    long runs = 5, k = 10;
    int c, exact = 0;
    long prf = -1, depth = -1;
    while ((c = getopt(argc, argv, "i:q:m:r:k:c:p:xXf:D:")) != -1) {
        switch (c) {
        case 'i': idx = optarg; break;
        case 'q': log = optarg; break;
        case 'm': mode = optarg; break;
        case 'r': runs = strtol(optarg, NULL, 10); break;
        case 'k': k = strtol(optarg, NULL, 10); break;
        case 'c': corpus = optarg; break;
        case 'p': perq = optarg; break;
        case 'x': exact = 1; break;
        case 'X': exact = 2; break;
        case 'f': prf = strtol(optarg, NULL, 10); break;
        case 'D': depth = strtol(optarg, NULL, 10); break;
        default: usage();
        }
    }
    if (!idx || !log || runs < 1 || k < 1 ||
        (strcmp(mode, "or") && strcmp(mode, "and") && strcmp(mode, "phrase")))
        usage();

    char **qs;
    long nq = bench_read_lines(log, &qs);
    if (nq <= 0) {
        fprintf(stderr, "query_latency: cannot read queries from %s\n", log);
        return 1;
    }

    uint64_t t0 = bench_now_ns();
    byl_index *ix;
    byl_searcher *s;
    int rc = byl_index_open(idx, &ix);
    if (!rc)
        rc = byl_searcher_new(&ix, 1, &s);
    if (rc) {
        fprintf(stderr, "query_latency: %s: %s\n", idx, byl_error_msg());
        return 1;
    }
    double open_us = (double)(bench_now_ns() - t0) / 1e3;

    byl_search_opts o;
    byl_search_opts_init(&o);
    o.k = (size_t)k;
    o.all_required = strcmp(mode, "and") == 0;
    o.count_total = exact != 0;
    o.exhaustive = exact == 2;
    if (prf >= 0)
        o.prf_docs = (size_t)prf;
    if (depth >= 0)
        o.prf_depth = (size_t)depth;

    /* Parsed once to learn which queries are valid; parse is timed again
     * inside every timed run. */
    int *ok = calloc((size_t)nq, sizeof *ok);
    uint64_t *totals = calloc((size_t)nq, sizeof *totals);
    double *lat = calloc((size_t)nq * (size_t)runs, sizeof *lat);
    double *wall = calloc((size_t)runs, sizeof *wall);
    if (!ok || !lat || !wall)
        abort();
    long errors = 0, matched = 0;
    volatile uint64_t sink = 0;
    for (long r = -1; r < runs; r++) {
        uint64_t w0 = bench_now_ns();
        for (long i = 0; i < nq; i++) {
            if (r >= 0 && !ok[i])
                continue;
            uint64_t q0 = bench_now_ns();
            byl_qnode *q;
            const byl_hit *hits;
            size_t nhits = 0;
            uint64_t total = 0;
            rc = byl_query_parse(qs[i], strlen(qs[i]), &q);
            if (!rc) {
                rc = byl_search(s, q, &o, &hits, &nhits, &total);
                byl_qnode_free(q);
            }
            uint64_t q1 = bench_now_ns();
            if (r < 0) { /* warm-up run: note which queries work */
                if (rc) {
                    fprintf(stderr, "query_latency: query %ld '%s': %s\n", i + 1, qs[i],
                            byl_error_msg());
                    errors++;
                } else {
                    ok[i] = 1;
                    totals[i] = total;
                    matched += nhits > 0;
                }
                continue;
            }
            lat[(size_t)i * (size_t)runs + (size_t)r] = (double)(q1 - q0) / 1e3;
            sink += nhits ? hits[0].gdoc : 0;
        }
        if (r >= 0)
            wall[r] = (double)(bench_now_ns() - w0) / 1e9;
    }

    /* fixed cost: a word no document has */
    const char *nullq = "qxzvjq";
    double floor_t[201];
    for (int r = 0; r < 201; r++) {
        uint64_t q0 = bench_now_ns();
        byl_qnode *q;
        const byl_hit *hits;
        size_t nhits = 0;
        uint64_t total = 0;
        if (!byl_query_parse(nullq, strlen(nullq), &q)) {
            byl_search(s, q, &o, &hits, &nhits, &total);
            byl_qnode_free(q);
        }
        floor_t[r] = (double)(bench_now_ns() - q0) / 1e3;
    }

    double *per = calloc((size_t)nq, sizeof *per);
    size_t n = 0;
    double sum = 0;
    FILE *pf = perq ? fopen(perq, "w") : NULL;
    if (perq && !pf)
        fprintf(stderr, "query_latency: cannot write %s\n", perq);
    for (long i = 0; i < nq; i++) {
        if (!ok[i])
            continue;
        per[n] = bench_median(&lat[(size_t)i * (size_t)runs], (size_t)runs);
        if (pf)
            fprintf(pf, "%.1f\t%llu\t%s\n", per[n], (unsigned long long)totals[i], qs[i]);
        sum += per[n++];
    }
    if (pf)
        fclose(pf);
    bench_sort(per, n);
    char lname[256];
    double wmed = bench_median(wall, (size_t)runs);
    printf("bench=query engine=byline corpus=%s log=%s mode=%s count=%s n=%zu runs=%ld k=%ld "
           "p50_us=%.1f p95_us=%.1f p99_us=%.1f mean_us=%.1f qps=%.0f open_us=%.0f "
           "floor_us=%.1f matched=%ld errors=%ld prf=%zu prf_depth=%zu\n",
           corpus, bench_basename(log, lname, sizeof lname), mode,
           exact == 2 ? "oracle" : exact ? "exact" : "topk", n,
           runs, k,
           bench_pct_sorted(per, n, 0.50), bench_pct_sorted(per, n, 0.95),
           bench_pct_sorted(per, n, 0.99), n ? sum / (double)n : 0,
           wmed > 0 ? (double)n / wmed : 0, open_us, bench_median(floor_t, 201), matched,
           errors, o.prf_docs, o.prf_depth);
    fflush(stdout);

    free(per);
    free(lat);
    free(wall);
    free(ok);
    free(totals);
    for (long i = 0; i < nq; i++)
        free(qs[i]);
    free(qs);
    byl_searcher_free(s);
    byl_index_close(ix);
    (void)sink;
    return 0;
}
