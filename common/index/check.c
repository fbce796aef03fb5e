/*
 * check.c - full verification of an index directory (check.h).
 *
 * Uses only the segment's public readers, so it checks what searching
 * would meet, plus the few invariants that searching takes on trust
 * (dictionary order, postings counts, stored ids matching the ids column).
 *
 * Not for: the quick checks done on every open (segment.c, open.c).
 */
#include "index/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "index/index.h"
#include "index/segment.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct checker {
    byl_check_fn report;
    void *ctx;
    byl_check_result *res;
} checker;

static int problem(checker *c, const char *fmt, ...)
{
    char msg[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->res->problems++;
    if (c->report)
        c->report(c->ctx, msg);
    return BYL_ECORRUPT;
}

/* Every postings list and its positions, in dictionary order. */
static int check_terms(checker *c, byl_segment *seg, const char *path)
{
    byl_dictiter it;
    uint8_t prev[BYL_MAX_KEY];
    size_t prevlen = 0;
    uint64_t nterms = 0;
    uint32_t pos[256];
    int rc = byl_dictiter_seek(&it, seg, NULL, 0);
    for (; !rc && !it.eof; rc = byl_dictiter_next(&it)) {
        if (nterms && byl_key_cmp(prev, prevlen, it.key, it.keylen) >= 0)
            return problem(c, "%s: dictionary keys out of order", path);
        memcpy(prev, it.key, it.keylen);
        prevlen = it.keylen;
        nterms++;
        byl_cursor cur;
        uint32_t n = 0;
        for (byl_cursor_init(&cur, seg, &it.info); cur.doc != BYL_END; byl_cursor_next(&cur)) {
            n++;
            if (byl_cursor_positions(&cur, pos, sizeof pos / sizeof *pos) < 0)
                break;
        }
        if (cur.err)
            return problem(c, "%s", byl_error_msg());
        if (n != it.info.df - it.info.ndel)
            return problem(c, "%s: a postings list holds %u live documents, the dictionary "
                           "says %u", path, n, it.info.df - it.info.ndel);
    }
    if (rc || it.err)
        return problem(c, "%s", byl_error_msg());
    if (nterms != byl_segment_stats(seg)->nterms)
        return problem(c, "%s: %llu terms, the footer says %llu", path,
                       (unsigned long long)nterms,
                       (unsigned long long)byl_segment_stats(seg)->nterms);
    c->res->terms += nterms;
    return BYL_OK;
}

/* Every document's columns, id and stored article. */
static int check_docs(checker *c, byl_segment *seg, const char *path)
{
    uint32_t ndocs = byl_segment_stats(seg)->ndocs;
    for (uint32_t d = 0; d < ndocs; d++) {
        int64_t date;
        uint32_t lens[BYL_NFIELDS];
        const char *id;
        size_t idlen;
        byl_stored st;
        if (byl_segment_doc_info(seg, d, &date, lens) || byl_segment_doc_id(seg, d, &id, &idlen))
            return problem(c, "%s", byl_error_msg());
        if (byl_segment_stored(seg, d, &st))
            return problem(c, "%s", byl_error_msg());
        /* id points into the map, which stored() leaves alone */
        if (st.id_len != idlen || memcmp(st.id, id, idlen) != 0 || st.date != date)
            return problem(c, "%s: document %u: stored article disagrees with its columns",
                           path, d);
    }
    return BYL_OK;
}

/* Every page, term and document of an open segment. */
static int verify(checker *c, byl_segment *seg, const char *path)
{
    if (byl_segment_verify(seg))
        return problem(c, "%s", byl_error_msg());
    return check_terms(c, seg, path) ? BYL_ECORRUPT : check_docs(c, seg, path);
}

int byl_check_segment(byl_segment *seg, byl_check_fn report, void *ctx)
{
    byl_check_result res = {0};
    checker c = {report, ctx, &res};
    return verify(&c, seg, byl_segment_path(seg));
}

/* A segment of the manifest, opened (or not) before any is verified. */
typedef struct opened {
    byl_segment *seg; /* NULL when it could not be opened */
    int rc;           /* why not; BYL_OK when seg is open */
    char msg[1536];   /* the problem to report when rc is set */
} opened;

/* Notes why a segment could not be opened; returns rc. */
static int failed_open(opened *o, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->msg, sizeof o->msg, fmt, ap);
    va_end(ap);
    return o->rc = rc;
}

/* Opens the segment entry f names, with its deletion file, into *o. */
static void open_segment(const char *dir, const byl_index_file *f, uint32_t title_weight,
                         opened *o)
{
    o->seg = NULL;
    o->rc = BYL_OK;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, f->segment);
    struct stat st;
    int rc;
    if (stat(path, &st))
        failed_open(o, BYL_ENOTFOUND, "%s: missing (the manifest names it)", path);
    else if ((uint64_t)st.st_size != f->size)
        failed_open(o, BYL_ECORRUPT, "%s: %llu bytes, the manifest says %llu (truncated or "
                    "replaced)", path, (unsigned long long)st.st_size,
                    (unsigned long long)f->size);
    else if ((rc = byl_index_file_open(dir, f, title_weight, &o->seg)) != BYL_OK)
        failed_open(o, rc, "%s", byl_error_msg());
}

static void verify_segment(checker *c, const char *dir, const byl_index_file *f, opened *o)
{
    if (o->rc) {
        problem(c, "%s", o->msg);
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, f->segment);
    if (verify(c, o->seg, path))
        return;
    c->res->segments++;
    c->res->articles += f->ndocs - f->ndeleted;
    c->res->deleted += f->ndeleted;
    c->res->bytes += f->size;
}

static int same_files(const byl_index_file *a, size_t na, const byl_index_file *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i].segment, b[i].segment) || strcmp(a[i].deletions, b[i].deletions) ||
            a[i].ndocs != b[i].ndocs || a[i].ndeleted != b[i].ndeleted || a[i].size != b[i].size)
            return 0;
    return 1;
}

/* Closes the n segments of o and frees it. */
static void close_all(opened *o, size_t n)
{
    for (size_t i = 0; o && i < n; i++)
        byl_segment_close(o[i].seg);
    byl_free(o);
}

/* How many times a MANIFEST that keeps changing under check is read again
 * before check gives up (as byl_index_open does). */
#define CHECK_ATTEMPTS 20

/*
 * A writer may commit between our reading MANIFEST and opening the files it
 * names, and then remove the files it retired: check sees the index before
 * or after a change, as a search does.  Every segment and deletion file is
 * opened first (once open, a file removed by a writer stays readable
 * through its map and descriptor); if one cannot be, and MANIFEST has since
 * changed, the check starts over with the new one.  Problems are reported
 * only for a MANIFEST that stayed the same: a healthy index being written
 * is never called damaged.
 */
int byl_index_check(const char *dir, byl_check_fn report, void *ctx, byl_check_result *res)
{
    memset(res, 0, sizeof *res);
    checker c = {report, ctx, res};
    byl_index_file *files = NULL;
    size_t n = 0;
    uint32_t tw;
    opened *o = NULL;
    for (int attempt = 0;; attempt++) {
        int rc = byl_index_files(dir, &files, &n, &tw);
        if (rc == BYL_ECORRUPT || rc == BYL_EVERSION)
            return problem(&c, "%s", byl_error_msg());
        if (rc)
            return rc;
        if (!(o = byl_calloc(n + 1, sizeof *o))) {
            byl_free(files);
            return byl_error_set(BYL_ENOMEM, "out of memory checking %s", dir);
        }
        int failed = 0;
        for (size_t i = 0; i < n; i++) {
            open_segment(dir, &files[i], tw, &o[i]);
            failed |= o[i].rc != BYL_OK;
        }
        if (!failed)
            break;
        /* not every file could be opened: damage, or a writer's commit */
        byl_index_file *now;
        size_t nnow;
        uint32_t twnow;
        if (byl_index_files(dir, &now, &nnow, &twnow))
            break; /* the files' own problems say what is wrong */
        int moved = twnow != tw || !same_files(files, n, now, nnow);
        byl_free(now);
        if (!moved)
            break;
        close_all(o, n);
        byl_free(files);
        o = NULL;
        files = NULL;
        if (attempt + 1 >= CHECK_ATTEMPTS)
            return byl_error_set(BYL_EBUSY, "%s changed %d times while it was being checked (a "
                                 "writer is committing changes); check it again when the writer "
                                 "is done", dir, CHECK_ATTEMPTS);
    }
    for (size_t i = 0; i < n; i++)
        verify_segment(&c, dir, &files[i], &o[i]);
    close_all(o, n);
    byl_free(files);
    if (res->problems)
        return byl_error_set(BYL_ECORRUPT, "%s: %llu problems", dir,
                             (unsigned long long)res->problems);
    return BYL_OK;
}
