/*
 * deletes.h - the deleted articles of one segment, kept beside it.
 *
 * Segments never change once written, so deleting (or replacing) an
 * article writes a small file instead: a bitmap of the segment's deleted
 * documents, the lengths they took from each field, and for every term
 * the number of deleted documents in its postings.  With the last two,
 * BM25 sees exactly the statistics of an index built from the live
 * articles only (N, average lengths, document frequencies), so scores do
 * not drift as a newsroom archive is corrected; merging later drops the
 * documents themselves.
 *
 * File "<segment>.<generation>.del", little-endian, read whole and checked:
 *     magic "BYLDEL\r\n", u32 version, u32 documents, u32 deleted,
 *     u32 terms, u64 deleted length per field [BYL_NFIELDS],
 *     bitmap of ceil(documents / 8) bytes (bit d: document d deleted),
 *     per term in key order: u16 key length, key, u32 deleted documents,
 *     u32 crc32 of everything before it (util/checked.h's frame).
 * A new generation is a new file (written, synced, then named by the
 * MANIFEST), so readers of the old one are never disturbed.
 *
 * This header is the reader's: segments include it.  Writing a deletion
 * file takes the segment's postings, so it is delwriter.h's.
 *
 * Not for: choosing what to delete (resolve.c) or skipping deleted
 * documents while searching (segment.c does that for every cursor).
 */
#ifndef BYL_DELETES_H
#define BYL_DELETES_H

#include <stddef.h>
#include <stdint.h>

#include "index/format.h"

#define BYL_DEL_MAGIC "BYLDEL\r\n"
#define BYL_DEL_VERSION 1
/* Bytes before the bitmap: magic, version (the util/checked.h frame), then
 * documents, deleted, terms and the lengths. */
#define BYL_DEL_HEADER (8 + 4 * 4 + 8 * BYL_NFIELDS)

typedef struct byl_dels byl_dels;

/* Bytes of the bitmap of a segment of ndocs documents. */
static inline size_t byl_dels_bitmap_bytes(uint32_t ndocs) { return ((size_t)ndocs + 7) / 8; }

/* An empty set for a segment of ndocs documents (for marking). */
int byl_dels_new(uint32_t ndocs, byl_dels **out);
/* Reads and checks path, the deletions of a segment of ndocs documents.
 * BYL_ECORRUPT or BYL_EVERSION with a message naming the file; BYL_EIO. */
int byl_dels_read(const char *path, uint32_t ndocs, byl_dels **out);
void byl_dels_free(byl_dels *d);
/* A copy of d that owns all it holds (another reader's snapshot of the
 * same deletions).  BYL_OK or BYL_ENOMEM. */
int byl_dels_copy(const byl_dels *d, byl_dels **out);

uint32_t byl_dels_count(const byl_dels *d);
/* Documents of the segment the set is for. */
uint32_t byl_dels_ndocs(const byl_dels *d);
/* Bit d set: document d is deleted.  Borrowed. */
const uint8_t *byl_dels_bits(const byl_dels *d);
static inline int byl_dels_has(const uint8_t *bits, uint32_t doc)
{
    return (bits[doc >> 3] >> (doc & 7)) & 1;
}
/* Deleted documents in the postings of key (0 if none). */
uint32_t byl_dels_df(const byl_dels *d, const uint8_t *key, size_t keylen);
/* Length the deleted documents took from each field ([BYL_NFIELDS]). */
const uint64_t *byl_dels_lens(const byl_dels *d);

/* Marks doc deleted; returns 1 if it was not yet marked. */
int byl_dels_mark(byl_dels *d, uint32_t doc);

#endif
