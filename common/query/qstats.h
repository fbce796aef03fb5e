/*
 * qstats.h - the statistics one query's scores depend on, over a
 * collection: what a shard sends in the DFS phase of a distributed search,
 * what the shards' answers merge into, and what a search is then given so
 * that every shard scores as one index holding every article would.
 *
 * They are: live and deleted documents, total field lengths, the title
 * weight, the oldest and newest dates (recency), the live document
 * frequency of every (field, term) key the planner and the rewriter looked
 * up, and what every prefix (opec*) expanded to.
 *
 * Protocol (query/search.h): byl_search_collect() on each shard writes a
 * blob; byl_qstats_merge() sums the blobs; byl_qstats_parse() reads the
 * merged blob; byl_search() with opts.stats set takes its numbers from it.
 *
 * Blob layout (little-endian, in the checked frame of util/checked.h,
 * magic "BYLQSTAT", version 1):
 *   u64 ndocs, u64 ndeleted, u32 title_weight, u32 nfields (BYL_NFIELDS),
 *   u64 total_len[nfields], u64 min_date, u64 max_date (int64 bits;
 *   INT64_MIN: no dated article),
 *   vbyte nterms, then per term in key order: vbyte keylen (1..255), key,
 *   vbyte live df;
 *   vbyte nprefixes, then per prefix in key order: vbyte keylen, key,
 *   vbyte nkeys (<= BYL_QSTATS_MAX_PREFIX), then the keys in key order
 *   (vbyte keylen, key).
 * Keys are field byte + term, as in a segment's dictionary.
 *
 * Not for: planning or scoring (plan.c, search.c), nor shipping the blobs
 * between machines.
 */
#ifndef BYL_QSTATS_H
#define BYL_QSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "index/format.h"
#include "index/segment.h"
#include "util/mem.h"

/* Terms a prefix expands to, at most (a single index takes the first this
 * many in key order; a merged expansion is cut the same way). */
#define BYL_QSTATS_MAX_PREFIX 256

#define BYL_QSTATS_VERSION 1

/* One key of a prefix's expansion. */
typedef struct byl_qkey {
    uint8_t key[BYL_MAX_KEY];
    size_t keylen;
} byl_qkey;

typedef struct byl_qstats byl_qstats;

/* An empty set of statistics (no documents, no keys).  BYL_ENOMEM. */
int byl_qstats_new(byl_qstats **out);
void byl_qstats_free(byl_qstats *q);
/* Back to empty, keeping the storage. */
void byl_qstats_clear(byl_qstats *q);

/* Sets the collection's counts, lengths, title weight and dates from st
 * (a collection's summed statistics, index/collection.h). */
void byl_qstats_set_collection(byl_qstats *q, const byl_segstats *st);
/* The collection's statistics as a searcher reads them: ndocs the live
 * documents, ndeleted 0.  BYL_ELIMIT (message set) if more live documents
 * than a collection numbers (2^32 - 1). */
int byl_qstats_segstats(const byl_qstats *q, byl_segstats *out);
uint64_t byl_qstats_nlive(const byl_qstats *q);

/* Notes the live df of a key; a key noted again keeps its first df (one
 * collection answers one way).  BYL_ENOMEM. */
int byl_qstats_note_df(byl_qstats *q, const uint8_t *key, size_t keylen, uint64_t df);
/* The df of a key: BYL_OK, or BYL_ENOTFOUND if it was never noted. */
int byl_qstats_df(const byl_qstats *q, const uint8_t *key, size_t keylen, uint64_t *df);

/* Notes that prefix pre expanded to keys[0..n) (in any order; added to
 * what it had, kept in key order, cut to BYL_QSTATS_MAX_PREFIX).  n may be
 * 0: the prefix expanded to nothing.  BYL_ENOMEM. */
int byl_qstats_note_prefix(byl_qstats *q, const uint8_t *pre, size_t prelen,
                           const byl_qkey *keys, size_t n);
/* The expansion of pre (borrowed, in key order; valid until q changes):
 * BYL_OK, or BYL_ENOTFOUND if pre was never expanded. */
int byl_qstats_prefix(const byl_qstats *q, const uint8_t *pre, size_t prelen,
                      const byl_qkey **keys, size_t *n);

/* Adds from into q: counts and lengths summed, dates widened, dfs of the
 * same key summed, expansions united (and cut).  BYL_EINVAL (message set)
 * if both hold documents indexed with different title weights; BYL_ENOMEM. */
int byl_qstats_add(byl_qstats *q, const byl_qstats *from);

/* Writes q as a blob into out (emptied first).  BYL_ENOMEM. */
int byl_qstats_write(const byl_qstats *q, byl_buf *out);
/* Reads a blob.  Never reads outside blob[0..len).  BYL_ECORRUPT or
 * BYL_EVERSION with a message naming the offset and the reason;
 * BYL_ENOMEM. */
int byl_qstats_parse(const uint8_t *blob, size_t len, byl_qstats **out);
/* Merges n blobs into one (out emptied first): parse each, add, write.
 * Errors of byl_qstats_parse (the message names which blob) and
 * byl_qstats_add. */
int byl_qstats_merge(const uint8_t *const *blobs, const size_t *lens, size_t n, byl_buf *out);

#endif
