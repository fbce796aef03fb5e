/*
 * crc.h - the one CRC-32 of every checked file Byline writes: segments'
 * pages and footers, MANIFEST, deletion files, the cluster cache, and the
 * gzip members the readers inflate.
 *
 * The checksum is zlib's CRC-32 (the gzip/PNG polynomial), so files written
 * before this module read the same; it is computed by libdeflate, which
 * uses the CPU's carry-less multiply where there is one (about twice
 * zlib's speed here) and a table otherwise.
 *
 * Not for: hashing (util/ has none; the analyzer and dictionary hash their
 * own keys) or compression (index/segwriter.c, index/segment.c).
 */
#ifndef BYL_CRC_H
#define BYL_CRC_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 of p[0..n) continued from crc (0 to start), as zlib's crc32(). */
uint32_t byl_crc32(uint32_t crc, const void *p, size_t n);

#endif
