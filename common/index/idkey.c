/*
 * idkey.c - see idkey.h.  Not for: anything but making the keys.
 */
#include "index/idkey.h"

#include <string.h>

#include "text/tag.h"
#include "util/mem.h"

/* FNV-1a, 64 bits, from a given basis: two bases give two independent
 * halves of the 128-bit hash.  Not cryptographic: ids are the user's own. */
static uint64_t fnv1a(const char *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 0x100000001b3ULL;
    }
    /* a final mix, so ids differing in their last byte differ everywhere */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static void hex64(uint64_t v, uint8_t *out)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = (uint8_t)digits[v & 15];
}

/* The key of value v[0..len) in field: whole when it fits, else prefix
 * and hash (idkey.h). */
static size_t whole_key(uint8_t field, const char *v, size_t len, uint8_t key[BYL_MAX_KEY])
{
    key[0] = field;
    if (!byl_idkey_is_hashed(len)) {
        memcpy(key + 1, v, len);
        return len + 1;
    }
    memcpy(key + 1, v, BYL_IDKEY_PREFIX);
    hex64(fnv1a(v, len, 0xcbf29ce484222325ULL), key + 1 + BYL_IDKEY_PREFIX);
    hex64(fnv1a(v, len, 0x84222325cbf29ce4ULL), key + 1 + BYL_IDKEY_PREFIX + 16);
    return BYL_MAX_KEY;
}

size_t byl_idkey(const char *id, size_t len, uint8_t key[BYL_MAX_KEY])
{
    return whole_key(BYL_F_ID, id, len, key);
}

size_t byl_tagkey(const char *s, size_t n, uint8_t key[BYL_MAX_KEY])
{
    /* the whole normal form is hashed: tags that differ past 253 bytes
     * were one key when it was cut there (round 29) */
    size_t len;
    char *norm = byl_tag_norm_all(s, n, &len);
    if (!norm)
        return 0;
    size_t kl = whole_key(BYL_F_TAG, norm, len, key);
    byl_free(norm);
    return kl;
}
