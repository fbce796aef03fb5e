/*
 * stats.c - byline.h's face of the DFS phase (query/qstats.h): collecting a
 * query's statistics on one shard, merging every shard's, and reading the
 * merged statistics a search is given (byline_search_opts.stats).
 *
 * Not for: the search itself (search.c), nor carrying blobs between
 * machines (the caller's).
 */
#include <string.h>

#include "api/_api.h"
#include "query/qstats.h"
#include "util/err.h"
#include "util/mem.h"

int byl_api_stats(const byline_search_opts *o, byl_qstats **out)
{
    *out = NULL;
    if (!o->stats && !o->stats_len)
        return BYL_OK;
    if (!o->stats)
        return byl_error_set(BYL_EINVAL, "byline_search: stats_len %zu but no stats",
                             o->stats_len);
    if (o->collapse != BYLINE_COLLAPSE_NONE && !o->labels)
        return byl_error_set(BYL_EINVAL, "byline_search: near-duplicates cannot be collapsed "
                             "across shards searched apart by each shard's own clusters "
                             "(collapse with stats needs the shards' labels, o.labels)");
    return byl_qstats_parse(o->stats, o->stats_len, out);
}

/* Hands b's bytes to the caller as a byline_free-able block. */
static int give(byl_buf *b, void **out, size_t *len)
{
    void *p = byl_malloc(b->len ? b->len : 1);
    if (!p) {
        byl_buf_reset(b);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    memcpy(p, b->data, b->len);
    *out = p;
    *len = b->len;
    byl_buf_reset(b);
    return BYL_OK;
}

int byline_stats_collect(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                         void **blob, size_t *len)
{
    if (!blob || !len)
        return byl_error_set(BYL_EINVAL, "byline_stats_collect: blob or len is NULL");
    *blob = NULL;
    *len = 0;
    if (!s || !q)
        return byl_error_set(BYL_EINVAL, "byline_stats_collect: no searcher or no query");
    byline_search_opts def;
    if (!o) {
        byline_search_opts_init(&def);
        o = &def;
    }
    byl_search_opts so;
    byl_api_opts(o, &so);
    byl_qstats *st;
    int rc = byl_api_stats(o, &st);
    if (rc)
        return rc;
    so.stats = st;
    byl_buf b;
    byl_buf_init(&b);
    rc = byl_search_collect(s->s, q->n, &so, &b);
    byl_qstats_free(st);
    if (!rc)
        rc = give(&b, blob, len);
    byl_buf_reset(&b);
    return rc;
}

int byline_stats_merge(const void *const *blobs, const size_t *lens, size_t n, void **out,
                       size_t *out_len)
{
    if (!out || !out_len)
        return byl_error_set(BYL_EINVAL, "byline_stats_merge: out or out_len is NULL");
    *out = NULL;
    *out_len = 0;
    if (n && (!blobs || !lens))
        return byl_error_set(BYL_EINVAL, "byline_stats_merge: no blobs");
    for (size_t i = 0; i < n; i++)
        if (!blobs[i])
            return byl_error_set(BYL_EINVAL, "byline_stats_merge: blob %zu is NULL", i);
    byl_buf b;
    byl_buf_init(&b);
    int rc = byl_qstats_merge((const uint8_t *const *)blobs, lens, n, &b);
    if (!rc)
        rc = give(&b, out, out_len);
    byl_buf_reset(&b);
    return rc;
}
