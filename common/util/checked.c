/*
 * checked.c - magic, version and crc32 framing of small files (checked.h).
 * Not for: reading or syncing the files.
 */
#include "util/checked.h"

#include <string.h>

#include "util/bytes.h"
#include "util/crc.h"
#include "util/err.h"

void byl_checked_begin(byl_buf *b, const char *magic, uint32_t version)
{
    byl_buf_put(b, magic, 8);
    byl_buf_put_u32(b, version);
}

int byl_checked_seal(byl_buf *b)
{
    if (!b->failed)
        byl_buf_put_u32(b, byl_crc32(0, b->data, b->len));
    return b->failed ? byl_error_set(BYL_ENOMEM, "out of memory") : BYL_OK;
}

int byl_checked_verify(const uint8_t *buf, size_t n, const byl_checked_kind *k,
                       const char *path, uint32_t *version, const uint8_t **body,
                       size_t *body_len)
{
    if (n < BYL_CHECKED_HEAD + k->min_body + BYL_CHECKED_TAIL || memcmp(buf, k->magic, 8) != 0)
        return byl_error_set(BYL_ECORRUPT, "%s: not a Byline %s (bad magic or truncated)", path,
                             k->what);
    uint32_t v = byl_get_u32(buf + 8);
    if (v < k->min_version || v > k->max_version) {
        if (k->min_version == k->max_version)
            return byl_error_set(BYL_EVERSION, "%s: %s version %u, this program reads %u; "
                                 "rebuild the index", path, k->what, v, k->max_version);
        return byl_error_set(BYL_EVERSION, "%s: %s version %u, this program reads %u to %u; "
                             "rebuild the index", path, k->what, v, k->min_version, k->max_version);
    }
    if (byl_crc32(0, buf, n - BYL_CHECKED_TAIL) != byl_get_u32(buf + n - BYL_CHECKED_TAIL))
        return byl_error_set(BYL_ECORRUPT, "%s: %s fails its checksum", path, k->what);
    if (version)
        *version = v;
    if (body)
        *body = buf + BYL_CHECKED_HEAD;
    if (body_len)
        *body_len = n - BYL_CHECKED_HEAD - BYL_CHECKED_TAIL;
    return BYL_OK;
}
