/*
 * bench.h - helpers shared by the benchmark programs in bench/NAME.c: a
 * monotonic clock, medians and nearest-rank percentiles, a fixed-seed
 * random generator, and reading a query log.
 *
 * Every benchmark prints exactly one machine-readable line per measurement,
 * "bench=NAME key=value ...", to stdout; progress and warnings go to
 * stderr.  Percentiles use the nearest-rank definition (the value at
 * 1-based rank ceil(p*n) of the sorted sample), the same one the Python
 * peer scripts use (bench/peers/peer.py), so numbers compare directly.
 *
 * Header-only: the Makefile builds every bench/NAME.c as its own program.
 */
#ifndef BYL_BENCH_H
#define BYL_BENCH_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Nanoseconds of CLOCK_MONOTONIC. */
static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v[0..n-1] in place. */
static inline void bench_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_cmp_double);
}

/* Nearest-rank percentile of an already sorted sample (p in (0, 1]). */
static inline double bench_pct_sorted(const double *v, size_t n, double p)
{
    if (n == 0)
        return 0;
    size_t r = (size_t)ceil(p * (double)n);
    if (r < 1)
        r = 1;
    if (r > n)
        r = n;
    return v[r - 1];
}

/* Median of v[0..n-1] (sorts a copy; mean of the two middle values when n
 * is even). */
static inline double bench_median(const double *v, size_t n)
{
    if (n == 0)
        return 0;
    double *c = (double *)malloc(n * sizeof *c);
    if (!c)
        abort();
    memcpy(c, v, n * sizeof *c);
    bench_sort(c, n);
    double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    free(c);
    return m;
}

/* splitmix64: a small fixed-seed generator, identical on every platform. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform double in [0, 1). */
static inline double bench_rand01(uint64_t *state)
{
    return (double)(bench_rand(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Reads the non-empty lines of path (trailing CR/LF removed) into a
 * malloc'd array of malloc'd strings; returns their number, or -1 if the
 * file cannot be read. */
static inline long bench_read_lines(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char **v = NULL, *line = NULL;
    size_t n = 0, cap = 0, lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            v = (char **)realloc(v, cap * sizeof *v);
            if (!v)
                abort();
        }
        v[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    *out = v;
    return (long)n;
}

/* The file name of path without directory and without one extension
 * (".../aol-union.txt" -> "aol-union"), into buf. */
static inline const char *bench_basename(const char *path, char *buf, size_t cap)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    snprintf(buf, cap, "%s", s);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
    return buf;
}

#endif
