/*
 * page_cost.c - what a one-shot reader pays for a page on this machine: a
 * fault on a mapped file, the same with MADV_RANDOM (no fault-around), a
 * pread of 4 KiB into a buffer already written, and the first write of a
 * fresh anonymous page.  It is why segment.c reads the probes of its binary
 * searches and its stored blocks with pread (struct peek) and why the
 * caches a search writes are kept to few pages.
 *
 *   build/bench/page_cost FILE [-n ACCESSES] [-r ROUNDS]
 *
 * FILE: any large file in the page cache (a segment of an index: read it
 * once first, e.g. with cat FILE >/dev/null).  Each round maps FILE afresh
 * (so no page of it is mapped yet) and touches ACCESSES (default 300)
 * pages at random offsets (splitmix64, seed 42 plus the round), for each
 * kind in turn; an anonymous region of ACCESSES pages is mapped afresh and
 * written a byte a page.  The median over ROUNDS (default 9) rounds is
 * printed, per access, with the munmap of what was touched:
 *
 *   bench=page_cost kind=map|map_random|pread|anon_first_write
 *   us_per_access=.. munmap_us=..
 *
 * Not for: cold reads from disk (the file is expected in the page cache).
 */
#include <fcntl.h>
#include <getopt.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

enum { K_MAP, K_MAP_RANDOM, K_PREAD, K_ANON, K_COUNT };
static const char *const kind_name[K_COUNT] = {"map", "map_random", "pread", "anon_first_write"};

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* One round of one kind: microseconds per access, and of the munmap. */
static int round_of(int kind, int fd, uint64_t size, size_t n, uint64_t seed, double *per,
                    double *unmap)
{
    uint64_t pages = size / 4096, s = seed;
    volatile uint8_t sink = 0;
    uint8_t buf[4096];
    *unmap = 0;
    if (kind == K_ANON) {
        uint8_t *m = mmap(NULL, n * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                          -1, 0);
        if (m == MAP_FAILED)
            return -1;
        uint64_t t = bench_now_ns();
        for (size_t i = 0; i < n; i++)
            m[i * 4096] = 1;
        *per = (double)(bench_now_ns() - t) / 1e3 / (double)n;
        t = bench_now_ns();
        munmap(m, n * 4096);
        *unmap = (double)(bench_now_ns() - t) / 1e3;
        return 0;
    }
    if (kind == K_PREAD) {
        if (pread(fd, buf, sizeof buf, 0) < 0) /* the buffer written once before */
            return -1;
        uint64_t t = bench_now_ns();
        for (size_t i = 0; i < n; i++) {
            if (pread(fd, buf, sizeof buf, (off_t)(splitmix(&s) % pages * 4096)) < 0)
                return -1;
            sink ^= buf[7];
        }
        *per = (double)(bench_now_ns() - t) / 1e3 / (double)n;
        return 0;
    }
    const uint8_t *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED)
        return -1;
    if (kind == K_MAP_RANDOM)
        madvise((void *)m, size, MADV_RANDOM);
    uint64_t t = bench_now_ns();
    for (size_t i = 0; i < n; i++)
        sink ^= m[splitmix(&s) % pages * 4096 + 7];
    *per = (double)(bench_now_ns() - t) / 1e3 / (double)n;
    t = bench_now_ns();
    munmap((void *)m, size);
    *unmap = (double)(bench_now_ns() - t) / 1e3;
    (void)sink;
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = 300;
    int rounds = 9, opt;
    while ((opt = getopt(argc, argv, "n:r:")) != -1) {
        if (opt == 'n')
            n = (size_t)strtoul(optarg, NULL, 10);
        else if (opt == 'r')
            rounds = atoi(optarg);
        else
            goto usage;
    }
    if (optind + 1 != argc || n == 0 || rounds <= 0)
        goto usage;
    int fd = open(argv[optind], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || st.st_size < (off_t)(1 << 24)) {
        fprintf(stderr, "page_cost: %s: need a readable file of at least 16 MiB\n", argv[optind]);
        return 1;
    }
    double per[K_COUNT][64], un[K_COUNT][64];
    if (rounds > 64)
        rounds = 64;
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < K_COUNT; k++) /* kinds interleaved: noise hurts each alike */
            if (round_of(k, fd, (uint64_t)st.st_size, n, 42 + (uint64_t)r, &per[k][r],
                         &un[k][r])) {
                perror("page_cost");
                return 1;
            }
    for (int k = 0; k < K_COUNT; k++) {
        bench_sort(per[k], (size_t)rounds);
        bench_sort(un[k], (size_t)rounds);
        printf("bench=page_cost kind=%s accesses=%zu rounds=%d us_per_access=%.2f munmap_us=%.0f\n",
               kind_name[k], n, rounds, per[k][rounds / 2], un[k][rounds / 2]);
    }
    close(fd);
    return 0;
usage:
    fprintf(stderr, "usage: page_cost FILE [-n ACCESSES] [-r ROUNDS]\n");
    return 2;
}
