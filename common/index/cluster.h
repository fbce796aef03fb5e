/*
 * cluster.h - clusters of near-duplicate articles (syndicated copies of
 * one story) over the live documents of one or several indexes, and the
 * cache file that keeps them for one index generation.
 *
 * Clusters are derived from the sketches every segment stores
 * (fingerprint.h), over the live documents of all the indexes of a
 * collection (collection.h, whose global numbers name documents here):
 * two live documents whose sketches are close under the rule are linked,
 * and a cluster is a connected component of those links (single link: a
 * chain of close pairs joins its ends however far apart they are).
 * Nothing about clusters is written into a segment, so clusters are right
 * for any set of segments (an index grown by several runs of byline-index,
 * several indexes searched together) and any deletions: a deleted document
 * is simply not a node, and a chain that ran through it breaks.  Candidate
 * pairs come from LSH bands (each band a 16-bit key of two sketch bins),
 * bucketed by a counting sort per band: O(bands x documents) time, 4 bytes
 * per document for the cluster table.
 *
 * Computing clusters costs a pass over every sketch (about 24 ms for
 * Reuters' 21,578 articles), so byline-index saves them per index
 * generation after every change (byl_clusters_save) and a search of one
 * index reads them back; several indexes searched together, or a missing or
 * stale cache, fall back to computing.
 *
 * Protocol: byl_clusters_new() (or byl_clusters_new_for() over a
 * collection the caller already has) once per set of indexes; it does
 * nothing until first used.  byl_clusters_build(), then byl_clusters_of()
 * / byl_clusters_members() per article; byl_clusters_free().  Once built,
 * the clusters are only read, so threads may share them; building, saving
 * and checking the cache are for one thread at a time.
 *
 * Not for: computing sketches or the closeness rule (fingerprint.h),
 * collapsing a ranking (query/collapse.h), printing.
 */
#ifndef BYL_CLUSTER_H
#define BYL_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "index/collection.h"
#include "index/fingerprint.h"
#include "index/index.h"

typedef struct byl_clusters byl_clusters;

/* Clusters over indexes[0..n-1] (borrowed; must outlive it), numbered like
 * a searcher over the same array (byl_hit.gdoc): a byl_collection of them
 * is made and owned.  rule NULL: the default rule (copied).  BYL_OK,
 * BYL_ENOMEM, or byl_collection_new()'s errors. */
int byl_clusters_new(byl_index *const *indexes, size_t n, const byl_fp_rule *rule,
                     byl_clusters **out);
/* The same over a collection the caller keeps (borrowed; must outlive the
 * clusters). */
int byl_clusters_new_for(const byl_collection *col, const byl_fp_rule *rule,
                         byl_clusters **out);
void byl_clusters_free(byl_clusters *c);

/* The collection the clusters number documents by (borrowed; valid until
 * byl_clusters_free). */
const byl_collection *byl_clusters_collection(const byl_clusters *c);

/* Finds the clusters if not done yet (from the cache when it fits).
 * BYL_OK, BYL_ECORRUPT (a damaged sketch page), BYL_ENOMEM. */
int byl_clusters_build(byl_clusters *c);

/* Entries of the cluster cache (version 3 on) under one crc32: 1 KiB (a
 * search of 600 matches at a million articles reads 600 chunks of 977 of
 * 4 KiB, of 3,907 of 1 KiB). */
#define BYL_CLUSTERS_CHUNK 256

/* byl_clusters_build() for a reader that checks what it reads: a cache of
 * version 3 is loaded after checking its header and its table of chunk
 * crcs only (a search at a million articles reads the chunks its matches
 * fall in, not all 4 MB); the caller then calls byl_clusters_check_entry()
 * before reading an entry of byl_clusters_table() (byl_clusters_of()
 * does).  A later byl_clusters_build() checks the chunks not yet checked.
 * Errors as byl_clusters_build(). */
int byl_clusters_build_lazy(byl_clusters *c);
/* Whether the table was loaded lazily and may hold unchecked chunks. */
int byl_clusters_lazy(const byl_clusters *c);
/* Bytes of the table read from the cache file by byl_clusters_read() so
 * far (what a search's look-ups cost in copies and checks). */
uint64_t byl_clusters_bytes_read(const byl_clusters *c);
/* BYL_OK when entry gdoc of the table may be read (its chunk matches its
 * crc32, checked now or before; or the table was not loaded lazily).
 * BYL_ECORRUPT, the message naming the file and the entries, when the
 * chunk is damaged: the caller drops what it read and calls
 * byl_clusters_rebuild().  Threads sharing the clusters may call it. */
int byl_clusters_check_entry(const byl_clusters *c, uint64_t gdoc);
/* The same for every entry at once (one crc32 of the whole file, for a
 * reader about to read entries all over the table).  BYL_OK or
 * BYL_ECORRUPT (then as above). */
int byl_clusters_check_all(const byl_clusters *c);
/* Forgets the table (a damaged cache) and computes the clusters from the
 * sketches.  Invalidates byl_clusters_table().  As byl_clusters_build(). */
int byl_clusters_rebuild(byl_clusters *c);

/* Writes the clusters of a single index (default rule) as the cache
 * "NNNNNN.clusters" of its generation, computing them; nothing if that
 * cache exists and is intact (a damaged one is written over).  Searches of that generation then read the cache instead of
 * computing clusters (about 1.1 us per article).  byline-index calls this
 * after every change it commits.  BYL_OK, BYL_EIO, BYL_ENOMEM, BYL_EINVAL. */
int byl_clusters_save(byl_clusters *c);

/* Checks the cache of a single index's generation: BYL_OK when it is there
 * and intact (then loaded), BYL_ENOTFOUND when there is none, BYL_ECORRUPT
 * (message names the file) when it is damaged. */
int byl_clusters_check_cache(byl_clusters *c);

/* The cluster of a document (by global number): the smallest global
 * number of its members.  A document with no close neighbour is its own
 * cluster.  Needs byl_clusters_build() (after byl_clusters_build_lazy(),
 * a document of a damaged chunk is its own cluster). */
uint32_t byl_clusters_of(const byl_clusters *c, uint64_t gdoc);

/* The same for every document at once: the cluster of global number g is
 * table[g], for a loop over many matches that should not pay a call for
 * each.  A search does not check a cache's entries one by one (its CRC
 * matched): an entry above g is damage, and g is then its own cluster, as
 * byl_clusters_of() says.  Borrowed: valid until byl_clusters_free(), byl_clusters_save() or
 * byl_clusters_check_cache(); NULL before byl_clusters_build(). */
const uint32_t *byl_clusters_table(const byl_clusters *c);

/* Entries [first, first + n) of the table (byl_clusters_table) into out;
 * first a multiple of BYL_CLUSTERS_CHUNK.  From a cache loaded lazily
 * (byl_clusters_lazy) they are read from its file with pread and each chunk
 * checked against its crc, touching no page of the mapped table: a search
 * at a million articles reads most of a 4 MB table, and a fault on a mapped
 * page cost it 8 to 30 times a pread of the same bytes (bench/page_cost).
 * Else copied from the table.  BYL_OK, BYL_ECORRUPT (the message names the
 * cache and the entries), BYL_EIO, BYL_EINVAL (a range outside the table,
 * or no table built). */
int byl_clusters_read(const byl_clusters *c, uint64_t first, size_t n, uint32_t *out);

/* Clusters given from outside instead of found from this collection's
 * sketches: root[g] names the cluster of global number g by its smallest
 * member, which names itself (as byl_clusters_table; an entry above g is
 * read as g).  For clusters found over more documents than this
 * collection holds (shards clustered together, byline.h's labels): root
 * is borrowed and must hold byl_clusters_ndocs() entries and outlive c,
 * or the next byl_clusters_use_table().  Never saved as the cache. */
void byl_clusters_use_table(byl_clusters *c, const uint32_t *root);

/* The clustering itself, over any records: rec[0..n) are sketches
 * (BYL_FP_REC bytes each; NULL: not a node, alone in its cluster), and
 * root[g] gets the smallest g' of g's connected component of pairs that
 * the LSH bands propose and rule (NULL: the default) accepts.  The
 * components depend on the records alone, not on their order: the same
 * documents numbered otherwise (one index, or shards one after the other)
 * fall into the same clusters.  BYL_OK, BYL_ENOMEM, BYL_ELIMIT (n of 2^32
 * or more). */
int byl_clusters_components(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                            uint32_t *root);
/* The same on one thread (threads 1) or two (2: half the bands each, the
 * same clusters); byl_clusters_components takes two from 20,000 records. */
int byl_clusters_components_threads(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                                    uint32_t *root, int threads);

/* The same within budget bytes of working memory (0: no bound), reading
 * the records in passes when they do not fit (index/clusterfind.h); the
 * clusters are the unbounded run's.  BYL_ELIMIT also when the budget is
 * too small even so (the message says what would do). */
int byl_clusters_components_within(const uint8_t *const *rec, size_t n, const byl_fp_rule *rule,
                                   size_t budget, int threads, uint32_t *root);

/* Bounds the memory byl_clusters_build() and byl_clusters_save() hold
 * when they compute clusters (the table, the working memory, the
 * directory and the file saved), in bytes; 0 (the default): no bound.
 * Over it they fail with BYL_ELIMIT, the message naming what would do,
 * before writing anything. */
void byl_clusters_set_budget(byl_clusters *c, size_t bytes);
/* After BYL_ELIMIT from them: the budget that would do, in bytes. */
size_t byl_clusters_need(const byl_clusters *c);

/* Documents in all. */
uint64_t byl_clusters_ndocs(const byl_clusters *c);

/* sizes[i] = the members of cluster cids[i] in the index (1: alone), for
 * n clusters in ascending order, without reading the table: from the
 * directory of clusters of more than one member (clusterdir.h), read
 * from the cache (version 4) a checked chunk at a time, or made from the
 * table when the clusters were built otherwise.  Needs
 * byl_clusters_build() or _build_lazy().  BYL_OK, BYL_ECORRUPT (a chunk
 * of the cache is damaged: the caller drops what it read and calls
 * byl_clusters_rebuild()), BYL_EIO, BYL_ENOMEM.  Threads may call it. */
int byl_clusters_sizes(const byl_clusters *c, const uint32_t *cids, size_t n, uint32_t *sizes);
/* The members of cluster cid as the clusters were found (a deleted
 * document is alone), ascending, into out[0..min(*n, cap)); *n the size.
 * As byl_clusters_sizes. */
int byl_clusters_members_of(const byl_clusters *c, uint32_t cid, uint32_t *out, size_t cap,
                            size_t *n);

/* The live members of gdoc's cluster, gdoc included, in global order.
 * *members is allocated with byl_malloc (caller frees).  Builds the
 * clusters if needed.  BYL_OK, BYL_ENOMEM, BYL_ECORRUPT. */
int byl_clusters_members(byl_clusters *c, uint64_t gdoc, uint64_t **members, size_t *n);

/* Where a global document lives: index, segment within it, local number
 * (byl_collection_locate; all three UINT32_MAX past the end). */
void byl_clusters_locate(const byl_clusters *c, uint64_t gdoc, uint32_t *ix, uint32_t *seg,
                         uint32_t *doc);

/* One slot where a layer above keeps its working memory with the clusters
 * it works on (the collapse of a ranking keeps its per-cluster counters
 * there, so that its callers hold one object).  The slot's owner is
 * whoever set it: byl_clusters_free() calls free_fn(p) (if not NULL), and
 * setting the slot again first frees what was there.  The slot is not
 * shared between threads any more than the caller shares it. */
void byl_clusters_set_scratch(byl_clusters *c, void *p, void (*free_fn)(void *));
void *byl_clusters_scratch(const byl_clusters *c);

#endif
