/*
 * codec.c - scalar bit packing of 128-integer blocks.
 *
 * The unpacker reads 64 bits at a time and is written so the compiler can
 * specialise the inner loop per width; a SIMD variant belongs here too and
 * must produce identical bytes (the scalar path is the reference).
 * Not for: variable-byte tails (util/bytes.h).
 */
#include "index/codec.h"

#include <string.h>

unsigned byl_block_width(const uint32_t *in)
{
    uint32_t acc = 0;
    for (int i = 0; i < BYL_BLOCK; i++)
        acc |= in[i];
    unsigned b = 0;
    while (b < 32 && (acc >> b))
        b++;
    return b;
}

size_t byl_block_pack(const uint32_t *in, uint8_t *out)
{
    unsigned b = byl_block_width(in);
    out[0] = (uint8_t)b;
    uint8_t *p = out + 1;
    size_t n = 16 * (size_t)b;
    memset(p, 0, n);
    if (b == 0)
        return 1;
    uint64_t acc = 0;
    unsigned have = 0;
    size_t o = 0;
    for (int i = 0; i < BYL_BLOCK; i++) {
        acc |= (uint64_t)in[i] << have;
        have += b;
        while (have >= 8) {
            p[o++] = (uint8_t)acc;
            acc >>= 8;
            have -= 8;
        }
    }
    /* 128*b bits is a whole number of bytes, so nothing is left over. */
    return 1 + n;
}

static inline uint64_t load64(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8); /* one unaligned load */
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
#endif
}

/* One loop per width, eight values a turn: eight values of B bits are B
 * whole bytes, so within a turn every offset and shift is a constant (a
 * value costs a load, a shift, a mask and a store; with the offsets
 * computed per value it cost four times as many instructions). */
#define UNPACK_CASE(B)                                                       \
    case B: {                                                                \
        const uint64_t mask = (B == 32) ? 0xffffffffu : ((1ull << B) - 1);   \
        for (int g = 0; g < BYL_BLOCK / 8; g++) {                            \
            const uint8_t *q = src + (size_t)g * B;                          \
            uint32_t *o = out + 8 * g;                                       \
            _Pragma("GCC unroll 8")                                          \
            for (int j = 0; j < 8; j++)                                      \
                o[j] = (uint32_t)((load64(q + ((j * B) >> 3)) >> ((j * B) & 7)) & mask); \
        }                                                                    \
        break;                                                               \
    }

size_t byl_block_unpack(const uint8_t *p, const uint8_t *end, uint32_t *out)
{
    if (p >= end)
        return 0;
    unsigned b = p[0];
    if (b > 32)
        return 0;
    size_t n = 16 * (size_t)b;
    if ((size_t)(end - p) < 1 + n)
        return 0;
    if (b == 0) {
        memset(out, 0, BYL_BLOCK * sizeof *out);
        return 1;
    }
    /* load64 reads up to 7 bytes past the last value: decode in place when
     * the buffer has them, else from a padded copy, so nothing is read past
     * end. */
    uint8_t tmp[16 * 32 + 8];
    const uint8_t *src = p + 1;
    if ((size_t)(end - src) < n + 8) {
        memcpy(tmp, p + 1, n);
        memset(tmp + n, 0, 8);
        src = tmp;
    }
    switch (b) {
        UNPACK_CASE(1) UNPACK_CASE(2) UNPACK_CASE(3) UNPACK_CASE(4)
        UNPACK_CASE(5) UNPACK_CASE(6) UNPACK_CASE(7) UNPACK_CASE(8)
        UNPACK_CASE(9) UNPACK_CASE(10) UNPACK_CASE(11) UNPACK_CASE(12)
        UNPACK_CASE(13) UNPACK_CASE(14) UNPACK_CASE(15) UNPACK_CASE(16)
        UNPACK_CASE(17) UNPACK_CASE(18) UNPACK_CASE(19) UNPACK_CASE(20)
        UNPACK_CASE(21) UNPACK_CASE(22) UNPACK_CASE(23) UNPACK_CASE(24)
        UNPACK_CASE(25) UNPACK_CASE(26) UNPACK_CASE(27) UNPACK_CASE(28)
        UNPACK_CASE(29) UNPACK_CASE(30) UNPACK_CASE(31) UNPACK_CASE(32)
    }
    return 1 + n;
}
