/*
 * mem.c - allocation hook with failure injection, and byl_buf.
 * Not for: tracking who holds what; only a countdown for fault tests.
 */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bytes.h"

static long fail_countdown = -1;

static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

void byl_mem_fail_after(long n) { fail_countdown = n; }

void *byl_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *byl_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *byl_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void byl_free(void *p) { free(p); }

/* Asks for huge pages over the whole 2 MiB pages inside p[0..n). */
static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    uintptr_t a = ((uintptr_t)p + BYL_HUGE_PAGE - 1) & ~(uintptr_t)(BYL_HUGE_PAGE - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~(uintptr_t)(BYL_HUGE_PAGE - 1);
    if (p && e > a)
        (void)madvise((void *)a, e - a, MADV_HUGEPAGE); /* a hint: failure changes nothing */
#else
    (void)p;
    (void)n;
#endif
}

void *byl_malloc_huge(size_t n)
{
    if (n < BYL_HUGE_PAGE)
        return byl_malloc(n);
    if (should_fail())
        return NULL;
    void *p = NULL;
    if (posix_memalign(&p, BYL_HUGE_PAGE, n))
        return NULL;
    advise_huge(p, n);
    return p;
}

char *byl_strndup(const char *s, size_t n)
{
    char *d = byl_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *byl_strdup(const char *s) { return byl_strndup(s, strlen(s)); }

void byl_buf_init(byl_buf *b) { memset(b, 0, sizeof *b); }

void byl_buf_reset(byl_buf *b)
{
    byl_free(b->data);
    byl_buf_init(b);
}

int byl_buf_reserve(byl_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    uint8_t *d = byl_realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

void byl_buf_put(byl_buf *b, const void *p, size_t n)
{
    if (n == 0 || byl_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void byl_buf_zero(byl_buf *b, size_t n)
{
    if (byl_buf_reserve(b, n))
        return;
    memset(b->data + b->len, 0, n);
    b->len += n;
}

void byl_buf_put_u8(byl_buf *b, uint8_t v) { byl_buf_put(b, &v, 1); }

void byl_buf_put_u16(byl_buf *b, uint16_t v)
{
    uint8_t t[2];
    byl_put_u16(t, v);
    byl_buf_put(b, t, 2);
}

void byl_buf_put_u32(byl_buf *b, uint32_t v)
{
    uint8_t t[4];
    byl_put_u32(t, v);
    byl_buf_put(b, t, 4);
}

void byl_buf_put_u64(byl_buf *b, uint64_t v)
{
    uint8_t t[8];
    byl_put_u64(t, v);
    byl_buf_put(b, t, 8);
}

void byl_buf_put_vbyte_slow(byl_buf *b, uint64_t v)
{
    uint8_t t[10];
    byl_buf_put(b, t, byl_vbyte_put(t, v));
}

void byl_buf_put_str(byl_buf *b, const char *s, size_t n)
{
    byl_buf_put_vbyte(b, n);
    byl_buf_put(b, s, n);
}
