/*
 * collection.h - several indexes searched as one collection: the global
 * numbering of their documents and their statistics summed.
 *
 * The segments of indexes[0..n-1] are laid end to end in that order, so
 * that document d of segment j of index i has the global number
 * base(i, j) + d.  Statistics (documents, deleted, field lengths, dates)
 * are summed over every segment, which is what makes a score independent
 * of how the articles happen to be split between indexes and segments.
 * Search, near-duplicate clustering, name counts and the programs all
 * number documents through this one module.
 *
 * Not for: opening indexes (index.h) or anything about queries.
 */
#ifndef BYL_COLLECTION_H
#define BYL_COLLECTION_H

#include <stddef.h>
#include <stdint.h>

#include "index/index.h"

/* One segment in the collection's order. */
typedef struct byl_cseg {
    byl_segment *seg;
    uint32_t ix;    /* which index */
    uint32_t segno; /* which segment of that index */
    uint64_t base;  /* global number of its first document */
    uint32_t ndocs; /* documents in it, deleted or not */
} byl_cseg;

typedef struct byl_collection byl_collection;

/* A collection of indexes[0..n-1] (borrowed: they must outlive it).
 * BYL_EINVAL if they were built with different title weights (their text
 * lengths would not add up), BYL_ELIMIT if they hold 2^32 - 1 documents
 * or more (global numbers are 32-bit inside a query; UINT32_MAX is kept
 * free as "no document"), BYL_ENOMEM. */
int byl_collection_new(byl_index *const *indexes, size_t n, byl_collection **out);
void byl_collection_free(byl_collection *c);

size_t byl_collection_nindexes(const byl_collection *c);
byl_index *byl_collection_index(const byl_collection *c, size_t ix);
byl_index *const *byl_collection_indexes(const byl_collection *c);

/* Segments of every index, in global order. */
size_t byl_collection_nsegs(const byl_collection *c);
const byl_cseg *byl_collection_segs(const byl_collection *c);
/* Position in byl_collection_segs() of segment segno of index ix. */
size_t byl_collection_seg_pos(const byl_collection *c, size_t ix, size_t segno);

/* Documents in all, deleted or not (the global numbers are 0..ndocs-1). */
uint64_t byl_collection_ndocs(const byl_collection *c);

/* Global number of document doc of segment segno of index ix. */
uint64_t byl_collection_gdoc(const byl_collection *c, size_t ix, size_t segno, uint32_t doc);

/* The segment and document of a global number; BYL_ENOTFOUND past the end.
 * Any of the outputs may be NULL. */
int byl_collection_locate(const byl_collection *c, uint64_t gdoc, uint32_t *ix,
                          uint32_t *segno, uint32_t *doc);
/* The same, as the segment's entry (NULL past the end). */
const byl_cseg *byl_collection_cseg_of(const byl_collection *c, uint64_t gdoc);

/* Statistics summed over every segment: ndocs counts every document,
 * ndeleted the deleted ones, total_len live documents' field lengths,
 * min_date/max_date the dated ones (BYL_NO_DATE when none). */
const byl_segstats *byl_collection_stats(const byl_collection *c);
/* Live documents. */
uint64_t byl_collection_nlive(const byl_collection *c);

#endif
