/*
 * writer.c - a change to an index directory (index.h): taking the lock,
 * accounting for the files already there, feeding articles to the
 * inverter (directly or through the indexing thread), writing the
 * deletion files and committing the new MANIFEST; or, freed without a
 * commit, removing what it wrote.
 *
 * The commit: new files are written under temporary names ("G-S.seg.tmp",
 * "G-S.seg.D.del.tmp") and synced; MANIFEST.tmp, naming their committed
 * names, is written and synced; each file is renamed to its committed name
 * (synced); MANIFEST.tmp is renamed over MANIFEST.  Readers thus never meet
 * a MANIFEST naming a file that is not there, and a commit cut short is
 * accounted for by its MANIFEST.tmp (leftovers.c says what may be removed).
 * Not for: the MANIFEST's bytes (manifest.c), which articles a change
 * deletes (resolve.c), what a merge takes (merge.c), the indexing thread
 * (pipeline.c), or reading (open.c).
 */
#include "index/_writer.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index/deletes.h"
#include "index/delwriter.h"
#include "index/lock.h"
#include "util/durable.h"
#include "util/err.h"
#include "util/mem.h"

static size_t writer_outside(void *ctx)
{
    byl_index_writer *w = ctx;
    return w->pipe ? byl_pipeline_ring_mem(w->pipe) : 0;
}

static int writer_namer(void *ctx, char *buf, size_t cap)
{
    byl_index_writer *w = ctx;
    char name[64];
    /* under its temporary name until the commit (leftovers.c) */
    snprintf(name, sizeof name, "%06llu-%04u.seg.tmp", (unsigned long long)(w->cur.generation),
             ++w->seq);
    return byl_path_join(buf, cap, w->dir, name);
}

static int writer_done(void *ctx, const char *path, uint32_t ndocs)
{
    byl_index_writer *w = ctx;
    byl_segref *s = byl_realloc(w->cur.segs, (w->cur.nseg + 1) * sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory recording a segment");
    w->cur.segs = s;
    byl_segref *r = &s[w->cur.nseg++];
    memset(r, 0, sizeof *r);
    const char *base = strrchr(path, '/');
    snprintf(r->name, sizeof r->name, "%s", base ? base + 1 : path);
    size_t n = strlen(r->name);
    if (n > 4 && strcmp(r->name + n - 4, ".tmp") == 0)
        r->name[n - 4] = '\0'; /* the manifest names the committed name */
    r->fresh = BYL_FRESH_SEG;
    r->ndocs = ndocs;
    struct stat st;
    r->size = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
    return BYL_OK;
}

/* The committed-name files (segments, deletion files) in dir; *foreign
 * set if it holds a file that is not ours. */
static int count_files(const char *dir, int *foreign)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    *foreign = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "LOCK") == 0)
            continue;
        int k = byl_index_file_kind(e->d_name, NULL);
        *foreign |= k == BYL_FILE_NOT_OURS;
        n += k == BYL_FILE_COMMITTED;
    }
    if (d)
        closedir(d);
    return n;
}

static int take_lock(byl_index_writer *w, const char *dir)
{
    int rc = byl_lock_take(dir, &w->lock_fd);
    w->locked = rc == BYL_OK;
    return rc;
}

int byl_index_writer_open(const char *dir, const byl_index_opts *o, byl_index_writer **out)
{
    *out = NULL;
    int made = mkdir(dir, 0777) == 0;
    if (!made && errno != EEXIST)
        return byl_error_set(BYL_EIO, "cannot create index directory %s: %s", dir, strerror(errno));
    byl_index_writer *w = byl_calloc(1, sizeof *w);
    if (!w || !(w->dir = byl_strdup(dir))) {
        byl_free(w);
        if (made)
            rmdir(dir);
        return byl_error_set(BYL_ENOMEM, "out of memory opening %s", dir);
    }
    w->made_dir = made;
    w->lock_fd = -1;
    w->o = *o;
    char lock_path[4096];
    int had_lock = byl_path_join(lock_path, sizeof lock_path, dir, "LOCK") != BYL_OK ||
                   access(lock_path, F_OK) == 0;
    int rc = take_lock(w, dir);
    if (rc)
        goto fail;
    w->made_lock = !had_lock;
    /* A writer that cannot account for every file touches none: a damaged
     * or missing MANIFEST, whatever the command, leaves the directory as it
     * is, and the message says how to recover. */
    rc = byl_manifest_read(dir, &w->old);
    if (rc == BYL_ECORRUPT || rc == BYL_EVERSION || rc == BYL_EIO) {
        rc = byl_error_set(rc, "%s; nothing was changed. Run 'byline-index check -i %s' to see "
                           "what is damaged and 'byline-index repair -i %s' to rebuild the "
                           "manifest from the segments, or build into a new directory",
                           byl_error_msg(), dir, dir);
        goto fail;
    } else if (rc == BYL_ENOTFOUND) {
        /* A new index: refuse to take over a directory of other files, or
         * the segments of an index whose MANIFEST is gone. */
        int foreign = 0, segments = count_files(dir, &foreign);
        if (segments && !foreign) {
            /* a first build cut short between renaming its files and
             * renaming MANIFEST.tmp: its files are accounted for */
            byl_index_roll_back(dir, &w->old);
            segments = count_files(dir, &foreign);
        }
        if ((segments || foreign) && !had_lock)
            unlink(lock_path); /* leave the directory as it was */
        if (segments) {
            rc = byl_error_set(BYL_ECORRUPT, "%s holds %d segment file%s but no MANIFEST; "
                               "nothing was changed. Run 'byline-index repair -i %s' to rebuild "
                               "the manifest from them", dir, segments, segments == 1 ? "" : "s",
                               dir);
            goto fail;
        }
        if (foreign) {
            rc = byl_error_set(BYL_EINVAL, "%s exists and is not a Byline index; nothing was "
                               "changed: choose a new or empty directory", dir);
            goto fail;
        }
        rc = BYL_OK;
    }
    if (rc)
        goto fail;
    /* Files are removed only once the MANIFEST is known to account for
     * the index: one that names a file that is gone is an older MANIFEST
     * put back (from a backup, or copied during a change) or damage, and
     * the segments it does not name may then hold the articles. */
    for (uint32_t i = 0; i < w->old.nseg; i++) {
        const byl_segref *e = &w->old.segs[i];
        for (int k = 0; k < 2; k++) {
            const char *name = k ? e->del : e->name;
            char path[4096];
            if (!name[0] || byl_path_join(path, sizeof path, dir, name) != BYL_OK ||
                access(path, F_OK) == 0 || errno != ENOENT)
                continue;
            rc = byl_error_set(BYL_ECORRUPT, "%s: the MANIFEST names %s, which is missing; "
                               "nothing was changed. Run 'byline-index check -i %s' to see what "
                               "is damaged and 'byline-index repair -i %s' to make the index "
                               "searchable from the files that are there", dir, name, dir, dir);
            goto fail;
        }
    }
    /* A commit cut short before its MANIFEST.tmp became the MANIFEST is
     * undone.  Then any committed-name file newer than the MANIFEST that it
     * does not name is one no MANIFEST accounts for: an older MANIFEST put
     * back, the file perhaps the only copy of its articles.  It is kept,
     * and so is everything else. */
    byl_index_roll_back(dir, &w->old);
    char stray[256];
    int n = byl_index_unaccounted(dir, &w->old, stray, sizeof stray);
    if (n < 0) {
        rc = n;
        goto fail;
    }
    if (n) {
        rc = byl_error_set(BYL_ECORRUPT, "%s: %s is newer than the MANIFEST (generation %llu) "
                           "and not named by it: an older MANIFEST was put back, and the file "
                           "may hold articles found nowhere else; nothing was changed. Run "
                           "'byline-index repair -i %s' to take it in", dir, stray,
                           (unsigned long long)w->old.generation, dir);
        goto fail;
    }
    w->known = 1;
    byl_index_remove_unnamed(dir, &w->old);
    w->cur.generation = w->old.generation + 1;
    if (!o->replace && w->old.nseg) {
        /* an update keeps the analysis the index was built with */
        if (o->title_weight && w->old.title_weight != o->title_weight) {
            rc = byl_error_set(BYL_EINVAL, "%s was built with title weight %u, not %u",
                               dir, w->old.title_weight, o->title_weight);
            goto fail;
        }
        w->o.title_weight = w->old.title_weight;
        w->o.no_names = (w->old.flags & BYL_MF_NO_NAMES) != 0;
        w->cur.segs = byl_malloc(w->old.nseg * sizeof *w->cur.segs);
        if (!w->cur.segs) {
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
            goto fail;
        }
        memcpy(w->cur.segs, w->old.segs, w->old.nseg * sizeof *w->cur.segs);
        w->cur.nseg = w->nold = w->old.nseg;
    }
    if (!w->o.title_weight)
        w->o.title_weight = 2;
    w->cur.title_weight = w->o.title_weight;
    w->cur.flags = w->o.no_names ? BYL_MF_NO_NAMES : 0;
    byl_inverter_opts io = {.mem_budget = w->o.mem_budget, .title_weight = w->o.title_weight,
                            .no_names = w->o.no_names, .threads = w->o.threads,
                            .namer = writer_namer,
                            .done = writer_done, .outside_mem = writer_outside, .ctx = w};
    rc = byl_inverter_new(&io, &w->inv);
    if (rc)
        goto fail;
    /* articles waiting in the ring take at most half the budget (one long
     * article alone may take more; the inverter then makes room) */
    if (o->threads > 1 &&
        (rc = byl_pipeline_new(w->inv, !w->o.no_names, w->o.mem_budget / 2, &w->pipe)))
        goto fail;
    *out = w;
    return BYL_OK;
fail:
    byl_index_writer_free(w);
    return rc;
}

int byl_writer_add(byl_index_writer *w, const byl_article *a)
{
    if (!w->inv)
        return byl_error_set(BYL_EINVAL, "the change was committed; open another writer");
    int rc = w->pipe ? byl_pipeline_add(w->pipe, a) : byl_inverter_add(w->inv, a);
    if (!rc)
        w->added++;
    return rc;
}

int byl_index_writer_add(byl_index_writer *w, const byl_article *a)
{
    if (w->merging)
        return byl_error_set(BYL_EINVAL, "a merge is a change of its own; add in another");
    return byl_writer_add(w, a);
}

uint64_t byl_index_writer_docs(const byl_index_writer *w) { return w->added; }

uint64_t byl_index_writer_deleted(const byl_index_writer *w) { return w->deleted; }

size_t byl_index_writer_mem(const byl_index_writer *w)
{
    if (w->pipe) /* what is inverted, and the articles waiting in the ring */
        return byl_pipeline_mem(w->pipe) + byl_pipeline_ring_mem(w->pipe);
    return w->inv ? byl_inverter_mem(w->inv) : 0;
}

/* Writes the deletion files of this change and drops segments left with
 * no live article. */
static int write_deletions(byl_index_writer *w)
{
    for (uint32_t i = 0; i < w->cur.nseg; i++) {
        byl_segref *r = &w->cur.segs[i];
        if (r->drop || !r->pending || byl_dels_count(r->pending) == 0)
            continue;
        if (r->ndeleted + byl_dels_count(r->pending) >= r->ndocs) {
            r->drop = 1;
            continue;
        }
        char name[sizeof r->del], tmp[sizeof r->del + 4], path[4096];
        int n = snprintf(name, sizeof name, "%s.%llu.del", r->name,
                         (unsigned long long)w->cur.generation);
        if (n < 0 || (size_t)n >= sizeof name)
            return byl_error_set(BYL_EINVAL, "segment name too long: %s", r->name);
        snprintf(tmp, sizeof tmp, "%s.tmp", name); /* until the commit */
        int rc = byl_path_join(path, sizeof path, w->dir, tmp);
        uint32_t ndel = 0;
        if (!rc) {
            unlink(path); /* a leftover of an interrupted change */
            rc = byl_dels_write(r->seg, r->pending, path, &ndel);
            byl_segment_drop_pages(r->seg);
        }
        if (rc)
            return rc;
        memcpy(r->del, name, (size_t)n + 1);
        r->fresh |= BYL_FRESH_DEL;
        r->ndeleted = ndel;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < w->cur.nseg; i++) {
        if (w->cur.segs[i].drop) {
            byl_segref_release(&w->cur.segs[i]);
            continue;
        }
        w->cur.segs[kept++] = w->cur.segs[i];
    }
    w->cur.nseg = kept;
    return BYL_OK;
}

/* Gives the files of this change their committed names, each rename
 * synced (before the commit: any failure leaves the change uncommitted,
 * and byl_index_roll_back undoes it). */
static int rename_fresh(byl_index_writer *w)
{
    for (uint32_t i = 0; i < w->cur.nseg; i++) {
        byl_segref *r = &w->cur.segs[i];
        for (unsigned k = BYL_FRESH_SEG; k <= BYL_FRESH_DEL; k <<= 1) {
            if (!(r->fresh & k))
                continue;
            const char *name = k == BYL_FRESH_SEG ? r->name : r->del;
            char from[4096], to[4096];
            int rc = byl_path_join(to, sizeof to, w->dir, name);
            if (!rc && (size_t)snprintf(from, sizeof from, "%s.tmp", to) >= sizeof from)
                rc = byl_error_set(BYL_EINVAL, "path too long: %s.tmp", to);
            if (rc)
                return rc;
            /* the open found no file newer than the MANIFEST: one there
             * now is another's, never to be replaced */
            if (access(to, F_OK) == 0)
                return byl_error_set(BYL_EIO, "%s already exists; nothing was changed", to);
            if ((rc = byl_file_rename(from, to, w->dir)) != BYL_OK)
                return rc == BYL_ENOTSYNCED ? byl_error_set(BYL_EIO, "%s", byl_error_msg()) : rc;
            r->fresh &= ~k;
        }
    }
    return BYL_OK;
}

int byl_index_writer_commit(byl_index_writer *w)
{
    if (w->pipe) {
        int prc = byl_pipeline_close(w->pipe);
        byl_pipeline_free(w->pipe);
        w->pipe = NULL;
        if (prc)
            return prc;
    }
    int rc = byl_inverter_finish(w->inv);
    /* its memory is the budget the id resolution and deletions may use */
    byl_inverter_free(w->inv);
    w->inv = NULL;
    if (!rc && !w->merging)
        rc = byl_writer_resolve_ids(w);
    if (!rc)
        rc = write_deletions(w);
    if (!rc)
        rc = byl_dir_sync(w->dir);
    /* MANIFEST.tmp first: it accounts for the files as they take their
     * committed names, until it is renamed over MANIFEST */
    if (!rc)
        rc = byl_manifest_write_tmp(w->dir, &w->cur);
    if (!rc)
        rc = rename_fresh(w);
    if (!rc)
        rc = byl_manifest_install(w->dir);
    if (rc == BYL_ENOTSYNCED) {
        /* The new MANIFEST is in place: the change is committed and is what
         * searches see.  But a power cut could bring the old MANIFEST back,
         * so the files it names stay; the next writer removes them. */
        w->committed = 1;
        return byl_error_set(rc, "the change is committed, but %s; it could be lost in a "
                             "power cut (the previous files are kept): run 'byline-index check "
                             "-i %s'", byl_error_msg(), w->dir);
    }
    if (rc)
        return rc;
    w->committed = 1;
    if (w->known)
        byl_index_remove_unnamed(w->dir, &w->cur);
    return BYL_OK;
}

void byl_index_writer_free(byl_index_writer *w)
{
    if (!w)
        return;
    if (w->pipe) {
        byl_pipeline_close(w->pipe);
        byl_pipeline_free(w->pipe);
    }
    byl_inverter_free(w->inv);
    for (uint32_t i = 0; i < w->cur.nseg; i++)
        byl_segref_release(&w->cur.segs[i]);
    /* without the lock the files are another writer's, and w->old was
     * never read: remove nothing */
    if (!w->committed && w->locked && w->known) {
        byl_index_roll_back(w->dir, &w->old);
        byl_index_remove_unnamed(w->dir, &w->old);
    }
    /* A first build that committed nothing leaves the directory as it
     * found it: no LOCK of ours in a directory with no MANIFEST, and no
     * directory if we made it (rmdir fails, harmlessly, if anything is
     * left in it). */
    char path[4096];
    int undo = !w->committed && w->locked && (w->made_dir || w->made_lock) &&
               byl_path_join(path, sizeof path, w->dir, "MANIFEST") == BYL_OK &&
               access(path, F_OK) != 0 && byl_path_join(path, sizeof path, w->dir, "LOCK") == BYL_OK;
    if (undo)
        unlink(path); /* still held: no other writer is inside */
    byl_lock_release(w->lock_fd);
    if (undo && w->made_dir)
        rmdir(w->dir);
    byl_manifest_free(&w->old);
    byl_manifest_free(&w->cur);
    byl_free(w->dir);
    byl_free(w);
}
