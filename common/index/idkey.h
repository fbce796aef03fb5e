/*
 * idkey.h - the dictionary keys of whole values: an article's external id,
 * for lookups by id (delete, replace on add, --show, id:), and each of its
 * tags, for tag: (the indexer and the query planner both make them here,
 * so that the two never differ).
 *
 * A value short enough fits the key as it is: the field byte (BYL_F_ID,
 * BYL_F_TAG) and its bytes, at most BYL_MAX_KEY - 1 = 254 bytes.  A longer
 * one (a long URL, a long tag) is keyed by its first BYL_IDKEY_PREFIX bytes
 * and a 128-bit hash of all of it, always BYL_MAX_KEY bytes long, so no
 * short value's key can equal it.  Indexes written before long ids had keys
 * hold none for them; they are found as before for every id they did key.
 * Indexes written before long tags were hashed hold a long tag cut to 253
 * bytes, which no query's key now equals: such a tag is found again once
 * its articles are added again; every shorter tag is found as before.
 *
 * Two long values may in theory share a key; callers that act on one
 * article by id compare the stored id (byl_idkey_is_hashed tells when they
 * must).
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

/* Writes the key of tag s[0..n) as written (normalized by
 * byl_tag_norm_all, text/tag.h, then whole or hashed as an id is) into key
 * and returns its length; 0 for a blank tag or on lack of memory. */
size_t byl_tagkey(const char *s, size_t n, uint8_t key[BYL_MAX_KEY]);

/* Whether the key of an id (or a normalized tag) of len bytes is a hashed
 * one. */
static inline int byl_idkey_is_hashed(size_t len) { return len + 1 > BYL_MAX_KEY - 1; }

#endif
