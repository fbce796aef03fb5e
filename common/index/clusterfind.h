/*
 * clusterfind.h - the connected components of close sketches (the
 * clustering of cluster.h) within a memory budget, over sketches read in
 * passes from any source.
 *
 * byline-index refreshes the clusters after every change, inside the
 * --mem the whole run is given; the sketches alone are 76 bytes an
 * article (91 MB at 1.2 million), so they cannot all be held.  When the
 * records of the nodes fit the budget they are read once into one array
 * and every band is bucketed over it (the fast way); else each band is cut
 * into ranges of its 16-bit keys whose buckets fit, and every range costs
 * a pass over the sketches that copies its buckets' records side by side.
 * Either way the same pairs are compared (a bucket lists its members in
 * global order; a crowded one is ordered by content), so the clusters are
 * those of an unbounded run, byte for byte.
 *
 * Protocol: fill a byl_sketch_src; byl_cfind_components() with root
 * holding src->n entries (the caller's: not counted in the budget).
 *
 * Not for: the closeness rule (fingerprint.h), which documents are nodes
 * (the source says), the cache file (cluster.c).
 */
#ifndef BYL_CLUSTERFIND_H
#define BYL_CLUSTERFIND_H

#include <stddef.h>
#include <stdint.h>

#include "index/fingerprint.h"

/* Nodes handed over by a source at a time, at most. */
#define BYL_SKETCH_BATCH 1024

/* Sketches in ascending global order, read in as many passes as needed. */
typedef struct byl_sketch_src {
    size_t n;     /* documents (nodes or not): root's entries */
    size_t upper; /* nodes at most (n will do) */
    /* Starts a pass from the first document.  BYL_OK or an error. */
    int (*rewind)(void *ctx);
    /* The next nodes: rec[i] (BYL_FP_REC bytes, borrowed until the next
     * call) of document g[i], ascending, *k of them (0: the pass is over).
     * BYL_OK or an error (message set). */
    int (*next)(void *ctx, const uint8_t *rec[BYL_SKETCH_BATCH], uint32_t g[BYL_SKETCH_BATCH],
                size_t *k);
    void *ctx;
} byl_sketch_src;

/* root[g] = the smallest g' of g's component (see cluster.h,
 * byl_clusters_components), for the nodes src hands over (the others are
 * alone).  budget: bytes the clustering may hold beside root (0: no
 * bound; then threads 2 bands on two threads, as
 * byl_clusters_components_threads).  BYL_OK, BYL_ENOMEM, BYL_ELIMIT (the
 * budget is too small even in passes: the message names what would do;
 * root is then undefined), the source's errors. */
int byl_cfind_components(const byl_sketch_src *src, const byl_fp_rule *rule, size_t budget,
                         int threads, uint32_t *root);

/* Passes over the sketches the last byl_cfind_components() on this
 * thread made (1: the fast way), for tests and measurements. */
unsigned byl_cfind_last_passes(void);
/* After BYL_ELIMIT from it on this thread: the budget that would do,
 * in bytes. */
size_t byl_cfind_last_need(void);

#endif
