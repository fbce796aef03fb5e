/*
 * clusterdir.h - the directory of near-duplicate clusters of more than one
 * member: each such cluster's size and its members, so that a reader who
 * wants a few clusters' sizes or members reads a few hundred bytes, not
 * the table of every document's cluster (cluster.h).
 *
 * A collapsed search that estimates its totals (query/collapse.c) needs
 * the size of each cluster met in its sample and the members of the few
 * clusters it shows: before the directory it read the whole table from
 * the smallest of them on, 4 MB and a third of the instructions of a
 * search at a million articles.
 *
 * The directory is an array of u32 words: M + 1 pairs (cluster, start),
 * by cluster, the last (UINT32_MAX, T) closing the list; then the T
 * members, each cluster's in ascending order from its start.  A cluster
 * not in it has one member, itself.  It is made from a table (in
 * memory), or read lazily from the cluster cache (version 4), a chunk of
 * BYL_CDIR_CHUNK words at a time, each chunk checked against its crc
 * when it is read, like the cache's table.
 *
 * Not for: finding clusters, the cache file's layout (cluster.c), what a
 * search does with sizes (query/collapse.c).
 */
#ifndef BYL_CLUSTERDIR_H
#define BYL_CLUSTERDIR_H

#include <stddef.h>
#include <stdint.h>

typedef struct byl_cdir byl_cdir;

/* Words of the directory under one crc32 (1 KiB, as the cache's table). */
#define BYL_CDIR_CHUNK 256

/* The directory of the clusters of a table of n entries: root[g] the
 * cluster of document g, an entry above g read as g (as
 * byl_clusters_table).  BYL_OK or BYL_ENOMEM. */
int byl_cdir_build(const uint32_t *root, size_t n, byl_cdir **out);

/* A directory of m clusters and t members whose words lie in the file
 * fd (path, borrowed: must outlive it) from offset off, with their chunk
 * crcs (u32 each) at crcs (borrowed, checked by the caller).  Chunks are
 * read with pread and checked when read; threads may share it.
 * words, when not NULL, is the same bytes mapped and already checked
 * (then fd is not read).  BYL_OK, BYL_ENOMEM, BYL_EINVAL (t or m too
 * large for the words of a table of ndocs documents). */
int byl_cdir_open(uint32_t m, uint32_t t, uint64_t ndocs, const uint8_t *words, int fd,
                  const char *path, uint64_t off, const uint8_t *crcs, byl_cdir **out);

void byl_cdir_free(byl_cdir *d);

/* Its words (2 * (m + 1) + t of them) of a directory made in memory, for
 * saving; and m and t.  NULL for one read from a file. */
const uint32_t *byl_cdir_words(const byl_cdir *d);
uint32_t byl_cdir_m(const byl_cdir *d);
uint32_t byl_cdir_t(const byl_cdir *d);
/* Words of a directory of m clusters and t members. */
uint64_t byl_cdir_nwords(uint64_t m, uint64_t t);

/* sizes[i] = the members of cluster cids[i] (1 for one not in the
 * directory), for n clusters in ascending order (repeats allowed).
 * BYL_OK, BYL_ECORRUPT (a chunk fails its crc: the message names path
 * and words; the caller drops what it read), BYL_EIO. */
int byl_cdir_sizes(const byl_cdir *d, const uint32_t *cids, size_t n, uint32_t *sizes);

/* The members of cluster cid, ascending, into out[0..min(*n, cap)); *n
 * its size (cid alone when not in the directory).  Members of ndocs or
 * more (a lying file) are left out.  As byl_cdir_sizes. */
int byl_cdir_members(const byl_cdir *d, uint32_t cid, uint32_t *out, size_t cap, size_t *n);

#endif
