/*
 * crc.c - byl_crc32 over libdeflate (see crc.h for what it is for).
 */
#include "util/crc.h"

#include <libdeflate.h>

uint32_t byl_crc32(uint32_t crc, const void *p, size_t n)
{
    return libdeflate_crc32(crc, p, n);
}
