/*
 * dedup_clusters.c - near-duplicate clusters of an index, for measuring the
 * clustering against ground truth (bench/dedup/eval.py).
 *
 *   build/bench/dedup_clusters -i INDEX [-m MIN] [-r RES] [-c CON] [-l MINRES]
 *                              [-N MINNUM] [-k NUMCON] [-p]
 *
 * Default: builds the clusters with the default rule, or with the rule's
 * fields overridden by -m (min shingles), -r (resemblance), -c
 * (containment), -l (minimum resemblance with containment), -N (minimum
 * numbers for the number check), -k (number containment), and prints
 * "ID<TAB>CLUSTER-ID" per document (the cluster named by its first
 * member's id).  -p instead prints every candidate pair the LSH bands
 * propose, once per band that proposes it:
 * "ID1<TAB>ID2<TAB>RES<TAB>CON<TAB>N1<TAB>N2<TAB>NUMCON<TAB>NUMSMALLER"
 * (eval.py sweeps the rule over them).  Last, one line to stderr:
 *   bench=dedup_clusters docs=N clusters=C ms=T
 * where T is the median of 5 cluster builds (fresh each time).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "index/fingerprint.h"
#include "index/index.h"
#include "index/cluster.h"
#include "util/err.h"

static void put_id(byl_index *ix, uint64_t g)
{
    for (size_t s = 0; s < byl_index_nsegments(ix); s++) {
        byl_segment *seg = byl_index_segment(ix, s);
        uint64_t base = byl_index_base(ix, s), n = byl_segment_stats(seg)->ndocs;
        if (g >= base && g < base + n) {
            const char *id;
            size_t len;
            if (byl_segment_doc_id(seg, (uint32_t)(g - base), &id, &len) == 0)
                fwrite(id, 1, len, stdout);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    const char *idx = NULL;
    int pairs = 0, c;
    byl_fp_rule rule;
    byl_fp_rule_init(&rule);
    while ((c = getopt(argc, argv, "i:m:r:c:l:N:k:p")) != -1) {
        switch (c) {
        case 'i': idx = optarg; break;
        case 'm': rule.min_shingles = (uint32_t)atoi(optarg); break;
        case 'r': rule.resemblance = atof(optarg); break;
        case 'c': rule.containment = atof(optarg); break;
        case 'l': rule.min_resemblance = atof(optarg); break;
        case 'N': rule.min_numbers = (uint32_t)atoi(optarg); break;
        case 'k': rule.numbers = atof(optarg); break;
        case 'p': pairs = 1; break;
        default: idx = NULL; optind = argc; break;
        }
    }
    if (!idx) {
        fprintf(stderr, "usage: dedup_clusters -i INDEX [-m MIN] [-r RES] [-c CON] [-l MINRES] [-N MINNUM] [-k NUMCON] [-p]\n");
        return 2;
    }
    byl_index *ix;
    if (byl_index_open(idx, &ix)) {
        fprintf(stderr, "dedup_clusters: %s\n", byl_error_msg());
        return 1;
    }
    uint64_t n = byl_index_stats(ix)->ndocs;
    if (pairs) {
        const uint8_t **rec = calloc(n ? n : 1, sizeof *rec);
        for (size_t s = 0; s < byl_index_nsegments(ix); s++) {
            byl_segment *seg = byl_index_segment(ix, s);
            for (uint32_t d = 0; d < byl_segment_stats(seg)->ndocs; d++)
                if (byl_segment_fingerprint(seg, d, &rec[byl_index_base(ix, s) + d]))
                    return 1;
        }
        for (unsigned b = 0; b < BYL_FP_BANDS; b++)
            for (uint64_t x = 0; x < n; x++)
                for (uint64_t y = x + 1; y < n; y++) {
                    if (!byl_fp_count(rec[x]) || !byl_fp_count(rec[y]) ||
                        byl_fp_band(rec[x], b) != byl_fp_band(rec[y], b))
                        continue;
                    double r, k;
                    uint32_t small;
                    byl_fp_similarity(rec[x], rec[y], &r, &k);
                    double nc = byl_fp_numbers(rec[x], rec[y], &small);
                    put_id(ix, x);
                    putchar('\t');
                    put_id(ix, y);
                    printf("\t%.4f\t%.4f\t%u\t%u\t%.4f\t%u\n", r, k, byl_fp_count(rec[x]),
                           byl_fp_count(rec[y]), nc, small);
                }
        free(rec);
    }
    double ms[5];
    uint64_t nclusters = 0;
    byl_clusters *cl = NULL;
    for (int run = 0; run < 5; run++) {
        byl_clusters_free(cl);
        uint64_t t0 = bench_now_ns();
        if (byl_clusters_new(&ix, 1, &rule, &cl) || byl_clusters_build(cl)) {
            fprintf(stderr, "dedup_clusters: %s\n", byl_error_msg());
            return 1;
        }
        ms[run] = (double)(bench_now_ns() - t0) / 1e6;
    }
    for (uint64_t g = 0; g < n; g++) {
        uint32_t cid = byl_clusters_of(cl, g);
        nclusters += cid == g;
        if (!pairs) {
            put_id(ix, g);
            putchar('\t');
            put_id(ix, cid);
            putchar('\n');
        }
    }
    fprintf(stderr, "bench=dedup_clusters docs=%llu clusters=%llu ms=%.2f\n", (unsigned long long)n,
            (unsigned long long)nclusters, bench_median(ms, 5));
    byl_clusters_free(cl);
    byl_index_close(ix);
    return 0;
}
