/*
 * _segref.h - opening the segments a MANIFEST names (internal to index/):
 * for the reader (open.c), the writer's change (writer.c, resolve.c,
 * merge.c) and byl_index_file_open alike.
 *
 * Not for: the MANIFEST's bytes (_manifest.h).
 */
#ifndef BYL__SEGREF_H
#define BYL__SEGREF_H

#include <stdint.h>

#include "index/_manifest.h"
#include "index/segment.h"

/* Opens the segment dir/name with its deletion file dir/del ("" if none),
 * both checked against the manifest's entry (ndocs, ndeleted, the index's
 * title_weight).  BYL_ENOTFOUND (message set) when a named file is
 * missing, which to a reader means a writer may have just replaced it;
 * BYL_ECORRUPT or BYL_EVERSION otherwise. */
int byl_index_open_named(const char *dir, const char *name, const char *del, uint32_t ndocs,
                         uint32_t ndeleted, uint32_t title_weight, byl_segment **out);

/* Opens segment r of a writer's set (manifest m of dir) with its committed
 * deletions, unless it is open already. */
int byl_segref_open(const char *dir, const byl_manifest *m, byl_segref *r);
/* Closes r's segment and drops its pending deletions. */
void byl_segref_release(byl_segref *r);

#endif
