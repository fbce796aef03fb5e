/*
 * idkey.h - the dictionary key under which an article's external id is
 * indexed, for lookups by id (delete, replace on add, --show, id:).
 *
 * An id short enough fits the key as it is: the field byte BYL_F_ID and its
 * bytes, at most BYL_MAX_KEY - 1 = 254 bytes.  A longer id (a long URL) is
 * keyed by its first BYL_IDKEY_PREFIX bytes and a 128-bit hash of all of
 * it, always BYL_MAX_KEY bytes long, so no short id's key can equal it.
 * Indexes written before long ids had keys hold none for them; they are
 * found as before for every id they did key.
 *
 * Two long ids may in theory share a key; callers that act on one article
 * by id compare the stored id (byl_idkey_is_hashed tells when they must).
 *
 * Not for: the other terms of an article (inverter.c).
 */
#ifndef BYL_IDKEY_H
#define BYL_IDKEY_H

#include <stddef.h>
#include <stdint.h>

#include "index/format.h"

#define BYL_IDKEY_HASH 32 /* hex digits of the hash */
#define BYL_IDKEY_PREFIX (BYL_MAX_KEY - 1 - BYL_IDKEY_HASH)

/* Writes the key of id (len bytes, len > 0) into key (BYL_MAX_KEY bytes)
 * and returns its length. */
size_t byl_idkey(const char *id, size_t len, uint8_t key[BYL_MAX_KEY]);

/* Whether the key of an id of len bytes is a hashed one. */
static inline int byl_idkey_is_hashed(size_t len) { return len + 1 > BYL_MAX_KEY - 1; }

#endif
