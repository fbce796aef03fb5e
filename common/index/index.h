/*
 * index.h - an index directory: immutable segments named by a MANIFEST.
 *
 * The MANIFEST is the commit point.  A writer creates new segment files
 * beside the old ones, syncs them, writes MANIFEST.tmp, syncs it, renames it
 * over MANIFEST and syncs the directory; only then are segments that the new
 * manifest no longer names removed.  A build killed at any moment therefore
 * leaves the previous index readable, and the next writer removes the
 * leftovers.  One writer at a time (an flock on LOCK); any number of readers.
 *
 * Not for: scoring or query evaluation (query/).
 */
#ifndef BYL_INDEX_H
#define BYL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "doc/reader.h"
#include "index/segment.h"

#define BYL_MANIFEST_MAGIC "BYLMAN\r\n"
#define BYL_MANIFEST_VERSION 1

typedef struct byl_index_opts {
    size_t mem_budget;     /* RAM for inversion before a segment is written */
    uint32_t title_weight; /* title term frequency multiplier */
    int replace;           /* 1: the commit replaces every existing segment */
    int no_names;          /* 1: no name entities (plain analysis) */
    int threads;           /* 2: analyze on the caller's thread while another
                              inverts and compresses; 0 or 1: one thread */
} byl_index_opts;

typedef struct byl_index_writer byl_index_writer;

/* Opens (creating if needed) the index directory dir for writing, takes the
 * lock, and removes leftovers of interrupted writers.  BYL_EBUSY if another
 * writer holds it; BYL_EINVAL if dir holds files that are not an index. */
int byl_index_writer_open(const char *dir, const byl_index_opts *o, byl_index_writer **out);
int byl_index_writer_add(byl_index_writer *w, const byl_article *a);
/* Writes the pending segment and commits the new MANIFEST. */
int byl_index_writer_commit(byl_index_writer *w);
uint64_t byl_index_writer_docs(const byl_index_writer *w);
size_t byl_index_writer_mem(const byl_index_writer *w);
/* Frees; without a commit the new segments are removed and the index is as
 * it was. */
void byl_index_writer_free(byl_index_writer *w);

typedef struct byl_index byl_index;

/* Opens an index for reading: reads and checks MANIFEST, maps every
 * segment.  BYL_ENOTFOUND if dir has no MANIFEST; BYL_ECORRUPT/BYL_EVERSION
 * with a message naming the file otherwise. */
int byl_index_open(const char *dir, byl_index **out);
void byl_index_close(byl_index *ix);
size_t byl_index_nsegments(const byl_index *ix);
byl_segment *byl_index_segment(const byl_index *ix, size_t i);
/* Global number of segment i's first document. */
uint64_t byl_index_base(const byl_index *ix, size_t i);
/* Statistics summed over all segments. */
const byl_segstats *byl_index_stats(const byl_index *ix);
uint64_t byl_index_generation(const byl_index *ix);
/* Bytes of all segment files and the manifest. */
uint64_t byl_index_size(const byl_index *ix);

#endif
