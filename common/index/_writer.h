/*
 * _writer.h - what the files of a change share (internal to index/): the
 * writer's state, and the steps one file does for another.  index.h is
 * the contract; behind it:
 *
 *   writer.c     a change: lock, files, commit (byl_index_writer_*)
 *   pipeline.c   the indexing thread (pipeline.h)
 *   resolve.c    the deletions a change makes (delete, ids added again)
 *   merge.c      size-tiered merge policy and merging
 *   leftovers.c  which files are a writer's; removing unnamed ones
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

/* writer.c: adds an article to the change, merging or not. */
int byl_writer_add(byl_index_writer *w, const byl_article *a);

/* resolve.c: one id per article among the segments of this change (and
 * the older ones): marks the replaced articles deleted. */
int byl_writer_resolve_ids(byl_index_writer *w);

/* leftovers.c: whether name is one a writer makes: "G-S.seg" (a segment),
 * "G-S.seg.G.del" (deletions), "G-S.seg.pos" and "G-S.seg.store" (the
 * segment writer's side files), "G.clusters" and its ".tmp",
 * "MANIFEST.tmp".  Exactly these: a user's "notes.seg.txt" is not ours. */
int byl_index_is_our_file(const char *name);
/* leftovers.c: removes files of ours that keep does not name (only under
 * the lock, and only when the manifest read accounts for every file). */
void byl_index_remove_unnamed(const char *dir, const byl_manifest *keep);

#endif
