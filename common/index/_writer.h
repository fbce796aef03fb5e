/*
 * _writer.h - what the files of a change share (internal to index/): the
 * writer's state, and the steps one file does for another.  index.h is
 * the contract; behind it:
 *
 *   writer.c     a change: lock, files, commit (byl_index_writer_*)
 *   pipeline.c   the indexing thread (pipeline.h)
 *   resolve.c    the deletions a change makes (delete, ids added again)
 *   merge.c      size-tiered merge policy and merging
 *   leftovers.c  which files are a writer's; which it may remove
 *   segref.c     opening the segments a manifest names (_segref.h)
 *   open.c       the reader (byl_index_open, byl_index_files, ...)
 *   manifest.c   the MANIFEST's bytes (_manifest.h); lock.c the LOCK
 *
 * Not for: the reader (open.c needs none of this), or anything outside
 * index/.
 */
#ifndef BYL__WRITER_H
#define BYL__WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "index/_manifest.h"
#include "index/_segref.h"
#include "index/index.h"
#include "index/inverter.h"
#include "index/pipeline.h"

struct byl_index_writer {
    char *dir;
    int lock_fd;
    byl_index_opts o;
    byl_manifest old;     /* what MANIFEST named when we started */
    byl_manifest cur;     /* what we will commit */
    uint32_t nold;        /* cur.segs[0..nold) were committed before */
    uint32_t seq;         /* segments created by this writer */
    byl_inverter *inv;
    byl_pipeline *pipe;   /* NULL when single-threaded */
    uint64_t added;
    uint64_t deleted;     /* documents marked deleted (deletes, replaces) */
    int locked;           /* we hold LOCK */
    int known;            /* `old` accounts for every file of ours in the
                             directory: only then may files be removed */
    int made_dir;         /* this writer created the directory (a first
                             build): an uncommitted end removes it again */
    int made_lock;        /* ... or its LOCK, in a directory with no
                             MANIFEST: an uncommitted end removes that */
    int merging;          /* byl_index_writer_merge ran */
    int committed;
};

/* merge.c: bytes of memory a segment's live articles take in the inverter
 * for each byte of the segment on disk.  Measured: a build at --mem 32M
 * (22 MiB of inverter) writes segments of 3.8 MB (Reuters: many short
 * words) to 8.0 MB (20 Newsgroups), 2.9 to 6.1 bytes of memory a byte; the
 * highest, so that a planned merge fits rather than overflows (which
 * would write as many segments as it read). */
#define BYL_MERGE_MEM_RATIO 6
/* merge.c: the memory the live articles of r take when inverted again. */
uint64_t byl_merge_mem(const byl_segref *r);
/* merge.c: marks (drop) the segments of m that a merge at inverter budget
 * `budget` takes, everything worth it (all) or the size-tiered choice, and
 * returns how many.  Never a set whose merge writes as many segments as it
 * reads, except segments with deletions under all (a merge is asked to
 * drop them); fully deleted segments are taken (they write nothing). */
uint32_t byl_merge_plan(byl_manifest *m, size_t budget, int all);

/* writer.c: adds an article to the change, merging or not. */
int byl_writer_add(byl_index_writer *w, const byl_article *a);

/* resolve.c: one id per article among the segments of this change (and
 * the older ones): marks the replaced articles deleted. */
int byl_writer_resolve_ids(byl_index_writer *w);

/* leftovers.c: the kinds of file a writer makes.  Committed names:
 * "G-S.seg" (a segment) and "G-S.seg.D.del" (its deletions as of change D);
 * temporary ones: any of those with ".tmp" after it, "MANIFEST.tmp", the
 * segment writer's side files "….seg.pos", "….seg.store" (and of a
 * "….seg.tmp"), "G.clusters.tmp"; the cluster cache "G.clusters".  Exactly
 * these: a user's "notes.seg.txt" is not ours. */
enum { BYL_FILE_NOT_OURS, BYL_FILE_COMMITTED, BYL_FILE_TEMP, BYL_FILE_CACHE };
/* leftovers.c: the kind of name (BYL_FILE_*); for a committed name its
 * generation into *gen (G of a segment, D of a deletion file; gen may be
 * NULL). */
int byl_index_file_kind(const char *name, uint64_t *gen);
/* leftovers.c: whether name is any of ours. */
int byl_index_is_our_file(const char *name);
/* leftovers.c: whether m names name (a segment or a deletion file). */
int byl_index_names(const byl_manifest *m, const char *name);
/* leftovers.c: 1 and its name into name (cap bytes) if dir holds a file
 * with a committed name that m does not name and that is newer than m: a
 * file no MANIFEST accounts for, which a writer must not remove; 0 if
 * none; BYL_EIO if dir cannot be read. */
int byl_index_unaccounted(const char *dir, const byl_manifest *m, char *name, size_t cap);
/* leftovers.c: undoes a commit cut short between writing MANIFEST.tmp and
 * renaming it over MANIFEST: removes the files a sound MANIFEST.tmp of
 * generation m->generation + 1 names and m does not (only under the lock).
 * Leaves the thread's error message as it was. */
void byl_index_roll_back(const char *dir, const byl_manifest *m);
/* leftovers.c: removes the files of ours that keep accounts for and does
 * not name: temporary files, other generations' cluster caches, committed
 * files of its generation or older that it retired (only under the lock,
 * and only when keep names no file that is missing). */
void byl_index_remove_unnamed(const char *dir, const byl_manifest *keep);

#endif
