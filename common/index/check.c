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

static void check_segment(checker *c, const char *dir, const byl_index_file *f,
                          uint32_t title_weight)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, f->segment);
    struct stat st;
    if (stat(path, &st)) {
        problem(c, "%s: missing (the manifest names it)", path);
        return;
    }
    if ((uint64_t)st.st_size != f->size) {
        problem(c, "%s: %llu bytes, the manifest says %llu (truncated or replaced)", path,
                (unsigned long long)st.st_size, (unsigned long long)f->size);
        return;
    }
    byl_segment *seg;
    if (byl_index_file_open(dir, f, title_weight, &seg)) {
        problem(c, "%s", byl_error_msg());
        return;
    }
    if (verify(c, seg, path))
        goto out;
    c->res->segments++;
    c->res->articles += f->ndocs - f->ndeleted;
    c->res->deleted += f->ndeleted;
    c->res->bytes += f->size;
out:
    byl_segment_close(seg);
}

int byl_index_check(const char *dir, byl_check_fn report, void *ctx, byl_check_result *res)
{
    memset(res, 0, sizeof *res);
    checker c = {report, ctx, res};
    byl_index_file *files;
    size_t n;
    uint32_t tw;
    int rc = byl_index_files(dir, &files, &n, &tw);
    if (rc == BYL_ECORRUPT || rc == BYL_EVERSION)
        return problem(&c, "%s", byl_error_msg());
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        check_segment(&c, dir, &files[i], tw);
    byl_free(files);
    if (res->problems)
        return byl_error_set(BYL_ECORRUPT, "%s: %llu problems", dir,
                             (unsigned long long)res->problems);
    return BYL_OK;
}
