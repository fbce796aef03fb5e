/*
 * repair.h - byline-index repair: make an index whose MANIFEST is damaged,
 * missing, or names files that are gone or damaged searchable again from
 * the segments that are intact, deleting nothing.
 *
 * With a sound MANIFEST, repair keeps the segments it names that pass a
 * full check and drops the others from it.  Without one, it takes every
 * segment file in the directory that passes a full check, each with its
 * newest intact deletion file, and then keeps one article per id, the
 * newest: a segment of a change that was interrupted before its commit
 * comes back too (its articles were about to be added), as may one that a
 * merge had replaced (its articles are then found twice by id and resolved
 * the same way).  The index's title weight and flags come from what is
 * left of the damaged MANIFEST's header, else from the segments.
 *
 * Files that cannot be used (a damaged segment or deletion file, the
 * damaged MANIFEST itself) are never removed: they are moved to
 * INDEX/damaged/, where no writer looks, and reported.
 *
 * Not for: repairing a damaged segment (its articles are gone from the
 * index: rebuild from the articles, or add them again).
 */
#ifndef BYL_REPAIR_H
#define BYL_REPAIR_H

#include <stddef.h>
#include <stdint.h>

typedef struct byl_repair_result {
    int changed;          /* 0: the index was sound; nothing was done */
    uint32_t segments;    /* segments the new MANIFEST names */
    uint64_t articles;    /* live articles in them */
    uint64_t resolved;    /* older versions of an id marked deleted */
    uint32_t set_aside;   /* files moved to INDEX/damaged/ */
    uint64_t lost;        /* articles of the segments set aside or missing
                             (as their MANIFEST entries said; 0 when
                             unknown; a newer segment taken in may hold
                             some of them) */
} byl_repair_result;

/* Called once per finding, in words for a person ("000003-0001.seg: ...
 * moved to damaged/"). */
typedef void (*byl_repair_fn)(void *ctx, const char *what);

/* Repairs the index in dir (see above), using at most mem_budget bytes for
 * the id resolution's writer.  BYL_OK (res->changed says whether anything
 * was done); BYL_EBUSY (another writer), BYL_ENOTFOUND (no index here:
 * neither a MANIFEST nor a segment), BYL_EIO, BYL_ENOMEM, with a message
 * saying what state the index was left in. */
int byl_index_repair(const char *dir, size_t mem_budget, byl_repair_fn report, void *ctx,
                     byl_repair_result *res);

#endif
