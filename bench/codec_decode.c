/*
 * codec_decode.c - decode speed of the postings block codec (index/codec.h,
 * byl_block_unpack) beside a plain variable-byte decoder (util/bytes.h,
 * byl_vbyte_get) and, when the shared library is installed (Debian
 * libstreamvbyte0), Lemire's Stream VByte, all on the same integers.
 *
 *   build/bench/codec_decode [-i INDEX] [-c NAME] [-n MAXINTS] [-t SECONDS]
 *
 * Data, in whole blocks of 128 integers:
 *   - with -i: the document-number gaps (doc - previous doc - 1, as
 *     segwriter.c stores them) of every TEXT-field term with df >= 128 in
 *     every segment of INDEX, in dictionary order, each list cut to whole
 *     blocks, at most MAXINTS (default 8M) integers: data=NAME-gaps;
 *   - always: MAXINTS' worth (or as many as the real data had) of gaps drawn
 *     from a geometric distribution with mean 15 (p = 1/16) by splitmix64
 *     seeded with 42: data=geometric16.
 * Each codec encodes every block on its own (as a posting list stores it)
 * and decodes it into a 128-integer buffer.  A pass decodes all blocks;
 * passes repeat for at least SECONDS (default 0.3) and at least 5 times, and
 * the median pass gives integers per second.  Every decoder's output is
 * checked against the input once before timing.
 *
 * Stream VByte is loaded with dlopen("libstreamvbyte.so.0") so that Byline
 * never links it; without it, its line says available=0.
 *
 * One line per codec and data set:
 *   bench=codec codec=bitpack data=... n=INTS bits_per_int=.. mints_per_s=..
 */
#include <dlfcn.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "index/codec.h"
#include "index/index.h"
#include "index/segment.h"
#include "util/bytes.h"
#include "util/err.h"

typedef size_t (*svb_encode_fn)(const uint32_t *, uint32_t, uint8_t *);
typedef size_t (*svb_decode_fn)(const uint8_t *, uint32_t *, uint32_t);
static svb_encode_fn svb_encode;
static svb_decode_fn svb_decode;

typedef struct encoded {
    uint8_t *buf;
    size_t len;
    size_t *off; /* start of each block */
} encoded;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "codec_decode: out of memory\n");
        exit(1);
    }
    return p;
}

/* Gaps of real posting lists; returns the number of integers (a multiple
 * of BYL_BLOCK) written to *out. */
static size_t real_gaps(const char *dir, size_t max, uint32_t **out)
{
    byl_index *ix;
    if (byl_index_open(dir, &ix)) {
        fprintf(stderr, "codec_decode: %s: %s\n", dir, byl_error_msg());
        exit(1);
    }
    uint32_t *v = xmalloc(max * sizeof *v);
    size_t n = 0;
    for (size_t si = 0; si < byl_index_nsegments(ix) && n + BYL_BLOCK <= max; si++) {
        byl_segment *seg = byl_index_segment(ix, si);
        byl_dictiter it;
        uint8_t first = BYL_F_TEXT;
        byl_dictiter_seek(&it, seg, &first, 1);
        for (; !it.eof && !it.err && it.keylen && it.key[0] == BYL_F_TEXT && n + BYL_BLOCK <= max;
             byl_dictiter_next(&it)) {
            if (it.info.df < BYL_BLOCK)
                continue;
            byl_cursor c;
            byl_cursor_init(&c, seg, &it.info);
            uint32_t prev = UINT32_MAX, whole = it.info.df / BYL_BLOCK * BYL_BLOCK, k = 0;
            for (; c.doc != BYL_END && k < whole && n < max; byl_cursor_next(&c), k++) {
                v[n++] = c.doc - prev - 1; /* prev = UINT32_MAX: the first gap is doc */
                prev = c.doc;
            }
            n -= n % BYL_BLOCK;
            if (c.err) {
                fprintf(stderr, "codec_decode: %s\n", byl_error_msg());
                exit(1);
            }
        }
    }
    byl_index_close(ix);
    *out = v;
    return n;
}

static size_t geometric_gaps(size_t n, uint32_t **out)
{
    uint32_t *v = xmalloc(n * sizeof *v);
    uint64_t st = 42;
    const double p = 1.0 / 16;
    for (size_t i = 0; i < n; i++) {
        double u = bench_rand01(&st);
        v[i] = (uint32_t)floor(log1p(-u) / log1p(-p)); /* failures before success */
    }
    *out = v;
    return n;
}

enum { C_BITPACK, C_VBYTE, C_SVB };
static const char *cname[] = {"bitpack", "vbyte", "streamvbyte"};

static encoded encode(int codec, const uint32_t *v, size_t n)
{
    size_t nb = n / BYL_BLOCK;
    encoded e = {xmalloc(nb * (1 + 16 * 32 + 4 * 128 + 32) + 64), 0, xmalloc((nb + 1) * sizeof(size_t))};
    for (size_t b = 0; b < nb; b++) {
        const uint32_t *in = v + b * BYL_BLOCK;
        e.off[b] = e.len;
        if (codec == C_BITPACK)
            e.len += byl_block_pack(in, e.buf + e.len);
        else if (codec == C_VBYTE)
            for (int i = 0; i < BYL_BLOCK; i++)
                e.len += byl_vbyte_put(e.buf + e.len, in[i]);
        else
            e.len += svb_encode(in, BYL_BLOCK, e.buf + e.len);
    }
    e.off[nb] = e.len;
    return e;
}

/* Decodes every block; returns a checksum (so nothing is optimised away),
 * or checks against v when v is not NULL. */
static uint64_t decode_all(int codec, const encoded *e, size_t nb, const uint32_t *v)
{
    uint32_t out[BYL_BLOCK];
    uint64_t sum = 0;
    const uint8_t *end = e->buf + e->len;
    for (size_t b = 0; b < nb; b++) {
        const uint8_t *p = e->buf + e->off[b];
        if (codec == C_BITPACK) {
            if (!byl_block_unpack(p, end, out))
                abort();
        } else if (codec == C_VBYTE) {
            for (int i = 0; i < BYL_BLOCK; i++) {
                uint64_t x;
                if (byl_vbyte_get(&p, end, &x))
                    abort();
                out[i] = (uint32_t)x;
            }
        } else {
            svb_decode(p, out, BYL_BLOCK);
        }
        if (v && memcmp(out, v + b * BYL_BLOCK, sizeof out)) {
            fprintf(stderr, "codec_decode: %s decodes block %zu wrongly\n", cname[codec], b);
            exit(1);
        }
        sum += out[b % BYL_BLOCK];
    }
    return sum;
}

static void run(int codec, const char *data, const uint32_t *v, size_t n, double min_secs)
{
    if (codec == C_SVB && !svb_decode) {
        printf("bench=codec codec=%s data=%s available=0\n", cname[codec], data);
        return;
    }
    size_t nb = n / BYL_BLOCK;
    encoded e = encode(codec, v, n);
    decode_all(codec, &e, nb, v);
    double rates[1000];
    size_t trials = 0;
    double spent = 0;
    volatile uint64_t sink = 0;
    decode_all(codec, &e, nb, NULL); /* warm */
    while ((spent < min_secs || trials < 5) && trials < 1000) {
        uint64_t t0 = bench_now_ns();
        sink += decode_all(codec, &e, nb, NULL);
        double s = (double)(bench_now_ns() - t0) / 1e9;
        spent += s;
        rates[trials++] = (double)n / s;
    }
    printf("bench=codec codec=%s data=%s n=%zu bits_per_int=%.2f trials=%zu mints_per_s=%.0f\n",
           cname[codec], data, n, 8.0 * (double)e.len / (double)n, trials,
           bench_median(rates, trials) / 1e6);
    fflush(stdout);
    free(e.buf);
    free(e.off);
    (void)sink;
}

int main(int argc, char **argv)
{
    const char *idx = NULL, *name = "index";
    size_t max = 8u << 20;
    double secs = 0.3;
    int c;
    while ((c = getopt(argc, argv, "i:c:n:t:")) != -1) {
        switch (c) {
        case 'i': idx = optarg; break;
        case 'c': name = optarg; break;
        case 'n': max = (size_t)strtoull(optarg, NULL, 10); break;
        case 't': secs = strtod(optarg, NULL); break;
        default:
            fprintf(stderr, "usage: codec_decode [-i INDEX] [-c NAME] [-n MAXINTS] [-t SECONDS]\n");
            return 2;
        }
    }
    max -= max % BYL_BLOCK;
    if (max < BYL_BLOCK)
        max = BYL_BLOCK;

    void *h = dlopen("libstreamvbyte.so.0", RTLD_NOW);
    if (h) {
        svb_encode = (svb_encode_fn)(uintptr_t)dlsym(h, "streamvbyte_encode");
        svb_decode = (svb_decode_fn)(uintptr_t)dlsym(h, "streamvbyte_decode");
        if (!svb_encode || !svb_decode)
            svb_encode = NULL, svb_decode = NULL;
    }

    size_t ngeo = max;
    if (idx) {
        uint32_t *v;
        size_t n = real_gaps(idx, max, &v);
        if (n == 0) {
            fprintf(stderr, "codec_decode: %s has no list of 128 or more documents\n", idx);
        } else {
            char data[300];
            snprintf(data, sizeof data, "%s-gaps", name);
            for (int k = C_BITPACK; k <= C_SVB; k++)
                run(k, data, v, n, secs);
            ngeo = n;
        }
        free(v);
    }
    uint32_t *g;
    size_t n = geometric_gaps(ngeo, &g);
    for (int k = C_BITPACK; k <= C_SVB; k++)
        run(k, "geometric16", g, n, secs);
    free(g);
    return 0;
}
