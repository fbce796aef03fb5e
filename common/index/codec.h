/*
 * codec.h - the postings block codec: 128 unsigned 32-bit integers packed
 * at the smallest bit width that holds the largest of them (frame of
 * reference 0, "binary packing").
 *
 * A packed block is one byte giving the width b (0..32) followed by
 * 16*b bytes: value i occupies bits [i*b, i*b+b) of a little-endian bit
 * stream.  Lists shorter than a block end in a variable-byte tail (see
 * util/bytes.h), written by the caller.
 *
 * Not for: choosing what to encode (gaps, frequencies: see segment.c), nor
 * for integers that need more than 32 bits.
 */
#ifndef BYL_CODEC_H
#define BYL_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define BYL_BLOCK 128

/* Bytes a block of width b occupies, including its width byte. */
static inline size_t byl_block_size(unsigned b) { return 1 + 16 * (size_t)b; }

/* Smallest width that holds every value of in[0..127]. */
unsigned byl_block_width(const uint32_t *in);

/* Packs in[0..127] at its smallest width into out (room for 1 + 512 bytes
 * needed); returns the bytes written. */
size_t byl_block_pack(const uint32_t *in, uint8_t *out);

/* Unpacks one block from [p, end) into out[0..127].  Returns the bytes
 * consumed, or 0 if the block is malformed (width > 32 or runs past end). */
size_t byl_block_unpack(const uint8_t *p, const uint8_t *end, uint32_t *out);

#endif
