/*
 * open.c - the reader's side of an index directory (index.h): opening the
 * segments a MANIFEST names, each with its deletion file and checked
 * against the manifest, numbering them as one index and summing their
 * statistics; retrying when a writer commits in between.
 * Not for: the MANIFEST's bytes (manifest.c), changing an index
 * (writer.c), or several indexes as one (collection.c).
 */
#include "index/index.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "index/_segref.h"
#include "util/err.h"
#include "util/mem.h"

int byl_index_files(const char *dir, byl_index_file **files, size_t *n, uint32_t *title_weight)
{
    *files = NULL;
    *n = 0;
    byl_manifest m;
    int rc = byl_manifest_read(dir, &m);
    if (rc)
        return rc;
    byl_index_file *f = byl_calloc(m.nseg + 1, sizeof *f);
    if (!f) {
        byl_manifest_free(&m);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    for (uint32_t i = 0; i < m.nseg; i++) {
        memcpy(f[i].segment, m.segs[i].name, sizeof f[i].segment);
        memcpy(f[i].deletions, m.segs[i].del, sizeof f[i].deletions);
        f[i].ndocs = m.segs[i].ndocs;
        f[i].ndeleted = m.segs[i].ndeleted;
        f[i].size = m.segs[i].size;
    }
    *files = f;
    *n = m.nseg;
    *title_weight = m.title_weight;
    byl_manifest_free(&m);
    return BYL_OK;
}

struct byl_index {
    byl_manifest m;
    char *dir;
    byl_segment **segs;
    uint64_t *base;
    byl_segstats stats;
    uint64_t size;
};

void byl_index_close(byl_index *ix)
{
    if (!ix)
        return;
    for (uint32_t i = 0; ix->segs && i < ix->m.nseg; i++)
        byl_segment_close(ix->segs[i]);
    byl_free(ix->segs);
    byl_free(ix->base);
    byl_free(ix->dir);
    byl_manifest_free(&ix->m);
    byl_free(ix);
}

static int open_segment(const char *dir, byl_index *ix, uint32_t i)
{
    const byl_segref *r = &ix->m.segs[i];
    return byl_index_open_named(dir, r->name, r->del, r->ndocs, r->ndeleted, ix->m.title_weight,
                      &ix->segs[i]);
}

int byl_index_file_open(const char *dir, const byl_index_file *f, uint32_t title_weight,
                        byl_segment **out)
{
    return byl_index_open_named(dir, f->segment, f->deletions, f->ndocs, f->ndeleted, title_weight, out);
}

static int open_once(const char *dir, byl_index *ix)
{
    if (!(ix->dir = byl_strdup(dir)))
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    int rc = byl_manifest_read(dir, &ix->m);
    if (rc)
        return rc;
    ix->segs = byl_calloc(ix->m.nseg + 1, sizeof *ix->segs);
    ix->base = byl_calloc(ix->m.nseg + 1, sizeof *ix->base);
    if (!ix->segs || !ix->base)
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    ix->stats.title_weight = ix->m.title_weight;
    ix->stats.min_date = ix->stats.max_date = INT64_MIN;
    uint64_t base = 0;
    for (uint32_t i = 0; i < ix->m.nseg; i++) {
        if ((rc = open_segment(dir, ix, i)) != BYL_OK)
            return rc;
        const byl_segstats *s = byl_segment_stats(ix->segs[i]);
        ix->base[i] = base;
        base += s->ndocs;
        ix->stats.ndeleted += s->ndeleted;
        ix->stats.nterms += s->nterms;
        for (int f = 0; f < BYL_NFIELDS; f++)
            ix->stats.total_len[f] += s->total_len[f];
        if (s->min_date != INT64_MIN &&
            (ix->stats.min_date == INT64_MIN || s->min_date < ix->stats.min_date))
            ix->stats.min_date = s->min_date;
        if (s->max_date != INT64_MIN &&
            (ix->stats.max_date == INT64_MIN || s->max_date > ix->stats.max_date))
            ix->stats.max_date = s->max_date;
        ix->size += byl_segment_size(ix->segs[i]);
    }
    if (base > UINT32_MAX)
        return byl_error_set(BYL_ELIMIT, "%s: more than 4 billion articles", dir);
    ix->stats.ndocs = (uint32_t)base;
    return BYL_OK;
}

int byl_index_open(const char *dir, byl_index **out)
{
    *out = NULL;
    if (!dir[0])
        return byl_error_set(BYL_ENOTFOUND, "no index given (the index path is empty); name the "
                             "directory of an index, built with byline-index build -i DIR FILES...");
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
        /* an input given where the index goes (byline-search -i news.jsonl) */
        return byl_error_set(BYL_ENOTFOUND, "%s is a file, not an index (an index is a "
                             "directory); build one from it with byline-index build -i "
                             "INDEX %s", dir, dir);
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return byl_error_set(BYL_ENOTFOUND, "no index at %s; build one with "
                             "byline-index build -i %s FILES...", dir, dir);
    /* A writer may commit between our reading MANIFEST and opening the
     * files it names, and then remove them: a file gone missing under a
     * manifest that has meanwhile changed means "read the new one". */
    for (int attempt = 0;; attempt++) {
        byl_index *ix = byl_calloc(1, sizeof *ix);
        if (!ix)
            return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
        int rc = open_once(dir, ix);
        if (!rc) {
            *out = ix;
            return BYL_OK;
        }
        uint64_t gen = ix->m.generation;
        byl_index_close(ix);
        char msg[1024]; /* reading the manifest again may replace the message */
        snprintf(msg, sizeof msg, "%s", byl_error_msg());
        byl_manifest now;
        if (rc != BYL_ENOTFOUND || attempt >= 20 || byl_manifest_read(dir, &now))
            return byl_error_set(rc, "%s", msg);
        int moved = now.generation != gen;
        byl_manifest_free(&now);
        if (!moved)
            return byl_error_set(BYL_ECORRUPT, "%s", msg);
    }
}

int byl_index_clone(const byl_index *ix, byl_index **out)
{
    *out = NULL;
    byl_index *c = byl_calloc(1, sizeof *c);
    if (!c)
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", ix->dir);
    c->m = ix->m;
    c->m.segs = NULL;
    c->stats = ix->stats;
    c->size = ix->size;
    size_t n = ix->m.nseg;
    if (!(c->dir = byl_strdup(ix->dir)) || !(c->m.segs = byl_calloc(n + 1, sizeof *c->m.segs)) ||
        !(c->segs = byl_calloc(n + 1, sizeof *c->segs)) ||
        !(c->base = byl_calloc(n + 1, sizeof *c->base))) {
        c->m.nseg = 0;
        byl_index_close(c);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", ix->dir);
    }
    memcpy(c->m.segs, ix->m.segs, n * sizeof *c->m.segs);
    memcpy(c->base, ix->base, n * sizeof *c->base);
    for (size_t i = 0; i < n; i++) {
        c->m.segs[i].seg = NULL; /* a writer's, never a reader's */
        c->m.segs[i].pending = NULL;
        int rc = byl_segment_clone(ix->segs[i], &c->segs[i]);
        if (rc) {
            byl_index_close(c);
            return rc;
        }
    }
    *out = c;
    return BYL_OK;
}

size_t byl_index_nsegments(const byl_index *ix) { return ix->m.nseg; }

byl_segment *byl_index_segment(const byl_index *ix, size_t i) { return ix->segs[i]; }

uint64_t byl_index_base(const byl_index *ix, size_t i) { return ix->base[i]; }

const byl_segstats *byl_index_stats(const byl_index *ix) { return &ix->stats; }

uint64_t byl_index_generation(const byl_index *ix) { return ix->m.generation; }

uint64_t byl_index_size(const byl_index *ix) { return ix->size; }

const char *byl_index_dir(const byl_index *ix) { return ix->dir; }
