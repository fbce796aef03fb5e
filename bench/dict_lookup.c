/*
 * dict_lookup.c - term dictionary lookup speed (byl_segment_lookup).
 *
 *   build/bench/dict_lookup -i INDEX [-c NAME] [-n MAXKEYS] [-t SECONDS]
 *
 * Keys: every key of the first segment of INDEX (all fields), in dictionary
 * order, at most MAXKEYS (default 1M), then shuffled by a Fisher-Yates
 * shuffle driven by splitmix64 seeded with 42.  "Absent" keys are the same
 * keys with the byte 0x01 appended (never a real term: the analyzer emits no
 * control characters), so each lookup walks to the right block and fails.
 * A pass looks every key up once; passes repeat for at least SECONDS
 * (default 0.3) and at least 5 times, warm; the median pass gives lookups
 * per second.
 *
 * One line per kind:
 *   bench=dict engine=byline corpus=NAME keys=N kind=present|absent
 *   ns_per_lookup=.. mlookups_per_s=..
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "index/index.h"
#include "index/segment.h"
#include "util/err.h"

typedef struct key {
    uint8_t b[BYL_MAX_KEY + 1];
    size_t len;
} key;

int main(int argc, char **argv)
{
    const char *idx = NULL, *name = "index";
    size_t max = 1u << 20;
    double secs = 0.3;
    int c;
    while ((c = getopt(argc, argv, "i:c:n:t:")) != -1) {
        switch (c) {
        case 'i': idx = optarg; break;
        case 'c': name = optarg; break;
        case 'n': max = (size_t)strtoull(optarg, NULL, 10); break;
        case 't': secs = strtod(optarg, NULL); break;
        default: idx = NULL; optind = argc; break;
        }
    }
    if (!idx) {
        fprintf(stderr, "usage: dict_lookup -i INDEX [-c NAME] [-n MAXKEYS] [-t SECONDS]\n");
        return 2;
    }
    byl_index *ix;
    if (byl_index_open(idx, &ix) || byl_index_nsegments(ix) == 0) {
        fprintf(stderr, "dict_lookup: %s: %s\n", idx, byl_error_msg());
        return 1;
    }
    byl_segment *seg = byl_index_segment(ix, 0);
    key *keys = malloc(max * sizeof *keys);
    if (!keys)
        return 1;
    size_t n = 0;
    byl_dictiter it;
    byl_dictiter_seek(&it, seg, NULL, 0);
    for (; !it.eof && !it.err && n < max; byl_dictiter_next(&it)) {
        memcpy(keys[n].b, it.key, it.keylen);
        keys[n++].len = it.keylen;
    }
    if (it.err || n == 0) {
        fprintf(stderr, "dict_lookup: cannot walk the dictionary of %s: %s\n", idx,
                byl_error_msg());
        return 1;
    }
    uint64_t st = 42;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(bench_rand(&st) % (i + 1));
        key t = keys[i];
        keys[i] = keys[j];
        keys[j] = t;
    }
    for (int absent = 0; absent <= 1; absent++) {
        if (absent)
            for (size_t i = 0; i < n; i++)
                if (keys[i].len < BYL_MAX_KEY)
                    keys[i].b[keys[i].len++] = 0x01;
        double rates[1000];
        size_t trials = 0, bad = 0;
        double spent = 0;
        for (long pass = -1; (spent < secs || trials < 5) && trials < 1000; pass++) {
            uint64_t t0 = bench_now_ns();
            for (size_t i = 0; i < n; i++) {
                byl_terminfo ti;
                int rc = byl_segment_lookup(seg, keys[i].b, keys[i].len, &ti);
                bad += absent ? rc != BYL_ENOTFOUND : rc != BYL_OK;
            }
            double s = (double)(bench_now_ns() - t0) / 1e9;
            if (pass < 0)
                continue; /* warm-up pass */
            spent += s;
            rates[trials++] = (double)n / s;
        }
        double r = bench_median(rates, trials);
        printf("bench=dict engine=byline corpus=%s keys=%zu kind=%s trials=%zu ns_per_lookup=%.1f "
               "mlookups_per_s=%.2f wrong=%zu\n",
               name, n, absent ? "absent" : "present", trials, 1e9 / r, r / 1e6, bad);
        fflush(stdout);
    }
    free(keys);
    byl_index_close(ix);
    return 0;
}
