/*
 * mem.h - the one allocation hook of libbyline, and a growable byte buffer.
 *
 * All library allocation goes through byl_malloc & co., so tests can inject
 * failures (byl_mem_fail_after) and the indexer can account for what it holds.
 * byl_buf is a caller-owned growable array of bytes with little-endian and
 * variable-byte writers; it is the serializer under every on-disk structure.
 *
 * Not for: arenas or pools (the inverter keeps its own), nor for reading
 * (see bytes.h).
 */
#ifndef BYL_MEM_H
#define BYL_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "util/bytes.h"

void *byl_malloc(size_t n);
void *byl_calloc(size_t count, size_t size);
void *byl_realloc(void *p, size_t n);
void byl_free(void *p);
char *byl_strndup(const char *s, size_t n);
char *byl_strdup(const char *s);

/* Large working memory that is filled once and soon (the inverter's pool,
 * term table and sort entries): n bytes on a 2 MiB boundary, the kernel
 * asked to back them with 2 MiB pages (madvise MADV_HUGEPAGE; a hint,
 * ignored where transparent huge pages are off).  Every 4 KiB page touched
 * the first time is a page fault, and on a virtual machine a fault is
 * dear: on the project's VM, touching 64 MiB page by page took 720 ms,
 * in huge pages 9 ms, and a Reuters build took 11,400 faults.  The cost is
 * that a huge page is resident whole once touched, so use it only for
 * memory that will be filled whole (the inverter's term array, which grows
 * by doubling, is not: half of it empty but resident took a --mem 32M
 * build past its budget).  Freed with byl_free. */
void *byl_malloc_huge(size_t n);
#define BYL_HUGE_PAGE ((size_t)2 << 20)

/* Test hook: the n-th allocation from now (0 = next) and every later one
 * fails, until byl_mem_fail_after(-1) switches injection off. */
void byl_mem_fail_after(long n);

/* A growable byte buffer.  Caller-owned storage: byl_buf_init/_reset.
 * Writers are sticky: after a failed growth `failed` is set, further writes
 * do nothing, and the owner checks once at the end. */
typedef struct byl_buf {
    uint8_t *data; /* owned; NULL while empty */
    size_t len;    /* bytes written */
    size_t cap;    /* bytes allocated */
    int failed;    /* set when an allocation failed */
} byl_buf;

void byl_buf_init(byl_buf *b);
void byl_buf_reset(byl_buf *b); /* frees the storage, back to empty */
int byl_buf_reserve(byl_buf *b, size_t extra);
void byl_buf_put(byl_buf *b, const void *p, size_t n);
void byl_buf_put_u8(byl_buf *b, uint8_t v);
void byl_buf_put_u16(byl_buf *b, uint16_t v);
void byl_buf_put_u32(byl_buf *b, uint32_t v);
void byl_buf_put_u64(byl_buf *b, uint64_t v);
void byl_buf_put_vbyte_slow(byl_buf *b, uint64_t v);
/* Inline because postings are written a number at a time (1.9 million
 * calls in a 5,000-article segment); the call and the reserve cost more
 * than the one or two bytes written. */
static inline void byl_buf_put_vbyte(byl_buf *b, uint64_t v)
{
    if (b->cap - b->len >= 10 && !b->failed)
        b->len += byl_vbyte_put(b->data + b->len, v);
    else
        byl_buf_put_vbyte_slow(b, v);
}
void byl_buf_put_str(byl_buf *b, const char *s, size_t n); /* vbyte len + bytes */
void byl_buf_zero(byl_buf *b, size_t n);

#endif
