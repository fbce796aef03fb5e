/*
 * segref.c - opening the segments a MANIFEST names (_segref.h), each with
 * its deletion file and both checked against the manifest's entry: the one
 * way readers, writers and check open a segment of an index.
 * Not for: reading the manifest (manifest.c) or what a segment holds
 * (segment.c).
 */
#include "index/_segref.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "util/err.h"

int byl_index_open_named(const char *dir, const char *name, const char *del, uint32_t ndocs,
                      uint32_t ndeleted, uint32_t title_weight, byl_segment **out)
{
    *out = NULL;
    char path[4096];
    int rc = byl_path_join(path, sizeof path, dir, name);
    if (rc)
        return rc;
    if (access(path, F_OK) && errno == ENOENT)
        return byl_error_set(BYL_ENOTFOUND, "%s: missing (the manifest names it; the index "
                             "is damaged: 'byline-index repair' makes it searchable from what "
                             "is intact, or rebuild it)", path);
    byl_segment *s;
    if ((rc = byl_segment_open(path, &s)) != BYL_OK)
        return rc != BYL_EIO ? rc : byl_error_set(BYL_ECORRUPT, "%s (the manifest names it; "
                                                  "the index is damaged: rebuild it, or "
                                                  "see byline-index repair)",
                                                  byl_error_msg());
    const byl_segstats *st = byl_segment_stats(s);
    if (st->ndocs != ndocs || st->title_weight != title_weight)
        rc = byl_error_set(BYL_ECORRUPT, "%s: segment disagrees with the manifest", path);
    byl_dels *d;
    if (!rc && del[0] && !(rc = byl_path_join(path, sizeof path, dir, del)) &&
        !(rc = byl_dels_read(path, ndocs, &d))) {
        byl_segment_set_dels(s, d);
        if (byl_dels_count(d) != ndeleted)
            rc = byl_error_set(BYL_ECORRUPT, "%s: deletions disagree with the manifest", path);
    }
    if (rc) {
        byl_segment_close(s);
        return rc;
    }
    *out = s;
    return BYL_OK;
}

int byl_segref_open(const char *dir, const byl_manifest *m, byl_segref *r)
{
    if (r->seg)
        return BYL_OK;
    /* a segment of this change is still under its temporary name (its
     * deletion file is written last: none is opened under a temporary name) */
    char name[sizeof r->name + 4];
    snprintf(name, sizeof name, "%s%s", r->name, (r->fresh & BYL_FRESH_SEG) ? ".tmp" : "");
    return byl_index_open_named(dir, name, r->del, r->ndocs, r->ndeleted, m->title_weight,
                                &r->seg);
}

void byl_segref_release(byl_segref *r)
{
    byl_segment_close(r->seg);
    byl_dels_free(r->pending);
    r->seg = NULL;
    r->pending = NULL;
}
