/*
 * _write.h - the structures behind byline.h's writing handles (writer,
 * input), shared by writer.c, input.c and maintain.c of common/api/.
 * Internal: no program or binding includes it.
 *
 * A byline_writer wraps one byl_index_writer per change: the first is
 * opened with the writer (so the lock is taken, and EBUSY reported, at
 * once); a commit ends it, and the next add, delete or merge opens the
 * next one, as an update of what was committed.
 *
 * Not for: reading (the reading handles are _api.h's).
 */
#ifndef BYL_API_WRITE_H
#define BYL_API_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "byline.h"
#include "index/index.h"
#include "index/inverter.h"

struct byline_writer {
    char *dir;            /* owned copy of the index directory */
    byl_index_opts io;    /* options of the next change */
    byl_index_writer *w;  /* the change under way; NULL after a commit */
    int merging;          /* the change under way is a merge */
    uint64_t added;       /* articles added by committed changes */
    uint64_t deleted;     /* articles deleted by them (found) */
    uint64_t replaced;    /* older versions replaced by them */
    uint64_t found;       /* articles deleted in the change under way */
    uint64_t merged;      /* articles rewritten by committed merges */
    uint64_t commits;
};

/* Inversion memory left of a whole-writer budget of mem bytes: the readers,
 * the analysis ring, the segment writer and the program around them take
 * about 6 MB plus an eighth (measured, docs/PERFORMANCE.md); at least
 * 1 MiB. */
size_t byl_api_inverter_budget(size_t mem);

/* Peak bytes of memory per byte of an article's text (BYL_ARTICLE_COST)
 * with room to spare: the longest record a writer admits is its inversion
 * budget over this, so that one at the limit fits beside what the
 * inverter holds (it makes room for it first). */
#define BYL_RECORD_COST (BYL_ARTICLE_COST + 4)

/* Opens the next change of w if none is under way.  BYL_OK, or the code of
 * byl_index_writer_open (BYLINE_EBUSY when another writer got in after a
 * commit). */
int byl_api_writer_begin(byline_writer *w);

#endif
