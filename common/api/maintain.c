/*
 * maintain.c - byline.h's upkeep of an index: merge (through a writer),
 * check, repair, and the saved near-duplicate clusters.
 *
 * Each is a thin, argument-checking wrapper of the module that does the
 * work (index/index.h, index/check.h, index/repair.h, index/cluster.h);
 * what is here is only what a caller of the public API should not have to
 * know: the memory budget's split, and that the cluster cache is checked
 * with the index.
 *
 * Not for: adding or deleting articles (writer.c), reading input (input.c).
 */
#include <stdio.h>
#include <string.h>

#include "api/_write.h"
#include "index/check.h"
#include "index/repair.h"
#include "index/cluster.h"
#include "util/err.h"

#define DEFAULT_MEM ((size_t)256 << 20)

int byline_writer_merge(byline_writer *w, int all, byline_progress_fn progress, void *ctx,
                        uint32_t *merged)
{
    if (merged)
        *merged = 0;
    if (!w)
        return byl_error_set(BYL_EINVAL, "byline_writer_merge: no writer");
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is under way: commit it first");
    if (w->w && (byl_index_writer_docs(w->w) || byl_index_writer_deleted(w->w)))
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own: commit the adds "
                             "and deletes first");
    int rc = byl_api_writer_begin(w);
    if (rc)
        return rc;
    uint32_t n = 0;
    w->merging = 1;
    rc = byl_index_writer_merge(w->w, all != 0, progress, ctx, &n);
    if (rc == BYL_OK && n == 0) {
        /* nothing worth doing: no change under way, nothing to commit */
        byl_index_writer_free(w->w);
        w->w = NULL;
        w->merging = 0;
    }
    if (merged)
        *merged = n;
    return rc;
}

int byline_check(const char *dir, byline_report_fn report, void *ctx, byline_check_report *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!dir)
        return byl_error_set(BYL_EINVAL, "byline_check: no index directory given");
    byl_check_result res;
    memset(&res, 0, sizeof res);
    int rc = byl_index_check(dir, report, ctx, &res);
    /* the cluster cache is not part of the index, but a damaged one is
     * damage all the same (searches silently compute clusters instead) */
    byl_index *ix;
    byl_clusters *cl;
    if (rc == BYL_OK && byl_index_open(dir, &ix) == BYL_OK) {
        if (byl_clusters_new(&ix, 1, NULL, &cl) == BYL_OK) {
            if (byl_clusters_check_cache(cl) == BYL_ECORRUPT) {
                if (report)
                    report(ctx, byl_error_msg());
                res.problems++;
                rc = BYL_ECORRUPT;
            }
            byl_clusters_free(cl);
        }
        byl_index_close(ix);
    }
    if (out) {
        out->problems = res.problems;
        out->segments = res.segments;
        out->articles = res.articles;
        out->deleted = res.deleted;
        out->terms = res.terms;
        out->bytes = res.bytes;
    }
    return rc;
}

int byline_repair(const char *dir, size_t mem, byline_report_fn report, void *ctx,
                  byline_repair_report *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!dir)
        return byl_error_set(BYL_EINVAL, "byline_repair: no index directory given");
    byl_repair_result res;
    memset(&res, 0, sizeof res);
    int rc = byl_index_repair(dir, byl_api_inverter_budget(mem ? mem : DEFAULT_MEM), report, ctx,
                              &res);
    if (out) {
        out->changed = res.changed;
        out->segments = res.segments;
        out->articles = res.articles;
        out->resolved = res.resolved;
        out->set_aside = res.set_aside;
        out->lost = res.lost;
    }
    return rc;
}

int byline_clusters_refresh(const char *dir, int *opened)
{
    return byline_clusters_refresh_mem(dir, 0, opened);
}

int byline_clusters_refresh_mem(const char *dir, size_t mem, int *opened)
{
    if (opened)
        *opened = 0;
    if (!dir)
        return byl_error_set(BYL_EINVAL, "byline_clusters_refresh: no index directory given");
    byl_index *ix;
    byl_clusters *c;
    int rc = byl_index_open(dir, &ix);
    if (rc)
        return rc;
    if ((rc = byl_clusters_new(&ix, 1, NULL, &c)) == BYL_OK) {
        if (opened)
            *opened = 1;
        /* what the writer leaves beside its inverter (byl_api_inverter_budget):
         * the program, its libraries and the heap's overheads */
        byl_clusters_set_budget(c, byl_api_inverter_budget(mem ? mem : DEFAULT_MEM));
        rc = byl_clusters_save(c);
        if (rc == BYL_ELIMIT) {
            /* the mem whose budget is the need: mem - mem / 8 - 6 MiB */
            size_t want = (byl_clusters_need(c) + ((size_t)6 << 20)) / 7 * 8;
            char why[256];
            snprintf(why, sizeof why, "%s", byl_error_msg());
            rc = byl_error_set(BYL_ELIMIT, "%s: give %zuM of memory or more", why,
                               (want >> 20) + 1);
        }
        byl_clusters_free(c);
    }
    byl_index_close(ix);
    return rc;
}
