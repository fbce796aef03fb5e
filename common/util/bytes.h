/*
 * bytes.h - little-endian fixed-width and variable-byte integers.
 *
 * Every integer Byline writes to disk goes through these helpers; no struct
 * is ever written or read by casting.  The variable-byte form is LEB128:
 * seven bits a byte, low bits first, high bit set on all but the last byte.
 *
 * Not for: bit-packed postings blocks (see index/codec.h).
 */
#ifndef BYL_BYTES_H
#define BYL_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline void byl_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void byl_put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void byl_put_u64(uint8_t *p, uint64_t v)
{
    byl_put_u32(p, (uint32_t)v);
    byl_put_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t byl_get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t byl_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline uint64_t byl_get_u64(const uint8_t *p)
{
    return (uint64_t)byl_get_u32(p) | ((uint64_t)byl_get_u32(p + 4) << 32);
}

/* Writes v at p (room for 10 bytes needed); returns the bytes written. */
static inline size_t byl_vbyte_put(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

/* Reads one value from [*pp, end).  Returns 0 and advances *pp, or -1 when
 * the value runs past end or is longer than 64 bits (corrupt input). */
static inline int byl_vbyte_get(const uint8_t **pp, const uint8_t *end,
                                uint64_t *out)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (p >= end)
            return -1;
        uint8_t c = *p++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *out = v;
            *pp = p;
            return 0;
        }
    }
    return -1;
}

#endif
