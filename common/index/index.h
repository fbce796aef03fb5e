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
 * Updates never rewrite a segment: added articles go to new segments,
 * deleted (and replaced) ones are recorded in deletion files beside their
 * segment (deletes.h), and a merge re-indexes the live articles of some
 * segments into one new segment.  Each change is one new MANIFEST, so a
 * reader sees the index before or after it, never a mix.
 *
 * Not for: scoring or query evaluation (query/).
 */
#ifndef BYL_INDEX_H
#define BYL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "doc/reader.h"
#include "index/segment.h"

/* "NNNNNN.clusters": the near-duplicate clusters of generation NNNNNN, a
 * cache that query/collapse.c writes and reads; writers remove those of
 * other generations. */
#define BYL_CLUSTERS_SUFFIX ".clusters"

/* Size-tiered merging: segments of live article counts within a factor
 * BYL_MERGE_FACTOR share a tier (all below BYL_MERGE_MIN are one); a tier
 * that reaches BYL_MERGE_FACTOR segments is merged into one. */
#define BYL_MERGE_FACTOR 10
#define BYL_MERGE_MIN 1000

typedef struct byl_index_opts {
    size_t mem_budget;     /* RAM for inversion before a segment is written */
    uint32_t title_weight; /* title term frequency multiplier; 0: the
                              index's own (2 for a new index) */
    int replace;           /* 1: the commit replaces every existing segment;
                              0: an update, with the index's analysis */
    int no_names;          /* 1: no name entities (plain analysis) */
    int threads;           /* 2: analyze on the caller's thread while another
                              inverts and compresses; 0 or 1: one thread */
} byl_index_opts;

typedef struct byl_index_writer byl_index_writer;

/* Opens (creating if needed) the index directory dir for writing, takes the
 * lock, and removes leftovers of interrupted writers.  BYL_EBUSY if another
 * writer holds it; BYL_EINVAL if dir holds files that are not an index. */
int byl_index_writer_open(const char *dir, const byl_index_opts *o, byl_index_writer **out);
/* Adds an article.  At the commit, an article whose id is already in the
 * index (or added again later in this change) replaces the older one. */
int byl_index_writer_add(byl_index_writer *w, const byl_article *a);
/* Marks the article with this id deleted (in the index as it was when the
 * writer opened); *found gets the number of articles marked (0 or 1). */
int byl_index_writer_delete(byl_index_writer *w, const char *id, size_t len, uint64_t *found);

typedef void (*byl_merge_progress)(void *ctx, uint64_t done, uint64_t total);
/* Merges segments into a new one without their deleted articles: all of
 * them (all = 1), or what the size-tiered policy picks.  *merged gets the
 * number of segments merged (0: nothing worth doing; then do not commit).
 * A merge is a change of its own: no adds or deletes in the same writer. */
int byl_index_writer_merge(byl_index_writer *w, int all, byl_merge_progress progress,
                           void *ctx, uint32_t *merged);

/* Treats every segment as added in this change, so that the commit keeps
 * one article per id across the whole index, the newest (by segment name,
 * then document order): for `byline-index repair`, which may bring back a
 * segment of an interrupted change.  A change of its own. */
int byl_index_writer_resolve_all(byl_index_writer *w);

/* Writes the pending segment and deletion files and commits the new
 * MANIFEST.  BYL_ENOTSYNCED: committed (searches see the change) but the
 * directory could not be synced; anything else: nothing changed. */
int byl_index_writer_commit(byl_index_writer *w);
uint64_t byl_index_writer_docs(const byl_index_writer *w);
/* Articles marked deleted so far (deletes and replaced articles). */
uint64_t byl_index_writer_deleted(const byl_index_writer *w);
size_t byl_index_writer_mem(const byl_index_writer *w);
/* Frees; without a commit the new segments are removed and the index is as
 * it was. */
void byl_index_writer_free(byl_index_writer *w);

/* One segment as the manifest names it (for byline-index check). */
typedef struct byl_index_file {
    char segment[64];
    char deletions[96]; /* "" if none */
    uint32_t ndocs, ndeleted;
    uint64_t size;
} byl_index_file;

/* Reads and checks MANIFEST only; *files (caller frees with byl_free)
 * lists its segments. */
int byl_index_files(const char *dir, byl_index_file **files, size_t *n, uint32_t *title_weight);

/* Opens the segment entry f names, with its deletion file, both checked
 * against the entry.  BYL_ENOTFOUND when a file is missing; BYL_ECORRUPT,
 * BYL_EVERSION with a message naming the file. */
int byl_index_file_open(const char *dir, const byl_index_file *f, uint32_t title_weight,
                        byl_segment **out);

/* 1 if dir holds an index, or what is left of one (a MANIFEST, sound or
 * not, or a segment file): a build must not take it for a new one. */
int byl_index_present(const char *dir);

typedef struct byl_index byl_index;

/* Opens an index for reading: reads and checks MANIFEST, maps every
 * segment.  BYL_ENOTFOUND if dir has no MANIFEST; BYL_ECORRUPT/BYL_EVERSION
 * with a message naming the file otherwise. */
int byl_index_open(const char *dir, byl_index **out);
/* Another reader of ix's snapshot: the same files (open again from ix's,
 * even those a writer has removed since), the same deletions, with state
 * of its own, so that another thread can search it.  BYL_OK, BYL_EIO,
 * BYL_ENOMEM, BYL_ECORRUPT. */
int byl_index_clone(const byl_index *ix, byl_index **out);
void byl_index_close(byl_index *ix);
size_t byl_index_nsegments(const byl_index *ix);
byl_segment *byl_index_segment(const byl_index *ix, size_t i);
/* Global number of segment i's first document. */
uint64_t byl_index_base(const byl_index *ix, size_t i);
/* Statistics summed over all segments (ndocs counts every document
 * number, ndeleted those deleted; lengths are of live articles). */
const byl_segstats *byl_index_stats(const byl_index *ix);
uint64_t byl_index_generation(const byl_index *ix);
/* The directory it was opened from. */
const char *byl_index_dir(const byl_index *ix);
/* Bytes of all segment files and the manifest. */
uint64_t byl_index_size(const byl_index *ix);

#endif
