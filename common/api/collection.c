/*
 * collection.c - byline_open: one or several index directories opened as
 * one collection, their summary (byline_info, per segment), and parsed
 * queries and search options, which belong to no searcher.
 *
 * The indexes are opened and checked here once, so that a missing or
 * damaged index is reported by byline_open; after that the collection is
 * read-only (see _api.h for who reads the opened indexes).
 *
 * Not for: searching (search.c) or reading articles (article.c).
 */
#include <string.h>
#include <sys/stat.h>

#include "api/_api.h"
#include "doc/reader.h"
#include "index/format.h"
#include "util/err.h"

_Static_assert(BYLINE_NO_DATE == BYL_NO_DATE, "public and internal 'no date' differ");
_Static_assert((int)BYLINE_SORT_SCORE == (int)BYL_SORT_SCORE && (int)BYLINE_SORT_DATE == (int)BYL_SORT_DATE &&
                   (int)BYLINE_SORT_DATE_DESC == (int)BYL_SORT_DATE_DESC,
               "public and internal sort orders differ");
_Static_assert((int)BYLINE_COLLAPSE_NONE == (int)BYL_COLLAPSE_NONE &&
                   (int)BYLINE_COLLAPSE_BEST == (int)BYL_COLLAPSE_BEST &&
                   (int)BYLINE_COLLAPSE_OLDEST == (int)BYL_COLLAPSE_OLDEST,
               "public and internal collapse modes differ");

void byline_close(byline_collection *c)
{
    if (!c)
        return;
    byl_collection_free(c->coll);
    for (size_t i = 0; i < c->n; i++) {
        byl_index_close(c->ix[i]);
        byl_free(c->dirs[i]);
    }
    byl_free(c->ix);
    byl_free(c->dirs);
    byl_free(c);
}

/* BYL_EINVAL if dirs[i] is the same directory as one before it (however
 * the path is spelt): its articles would be counted twice, every hit shown
 * twice and every term's statistics doubled, silently.  A directory that
 * cannot be stat'ed is left to the index opener to report. */
static int same_index(const char *const *dirs, size_t i)
{
    struct stat a, b;
    if (stat(dirs[i], &a))
        return BYL_OK;
    for (size_t j = 0; j < i; j++)
        if (!stat(dirs[j], &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return byl_error_set(BYL_EINVAL, "%s and %s are the same index: give it once (its "
                                 "articles would count twice)", dirs[j], dirs[i]);
    return BYL_OK;
}

int byline_open_many(const char *const *dirs, size_t n, byline_collection **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byline_open_many: out is NULL");
    *out = NULL;
    if (!dirs || n == 0)
        return byl_error_set(BYL_EINVAL, "byline_open_many: no index directory given");
    byline_collection *c = byl_calloc(1, sizeof *c);
    if (!c || !(c->ix = byl_calloc(n, sizeof *c->ix)) ||
        !(c->dirs = byl_calloc(n, sizeof *c->dirs))) {
        byline_close(c);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    atomic_init(&c->claimed, 0);
    int rc = BYL_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!dirs[i]) {
            rc = byl_error_set(BYL_EINVAL, "byline_open_many: directory %zu is NULL", i);
            break;
        }
        if ((rc = same_index(dirs, i)))
            break;
        c->n = i + 1;
        if (!(c->dirs[i] = byl_strdup(dirs[i])))
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
        else
            rc = byl_index_open(dirs[i], &c->ix[i]);
    }
    if (!rc)
        rc = byl_collection_new(c->ix, n, &c->coll);
    if (rc) {
        byline_close(c);
        return rc;
    }
    const byl_segstats *st = byl_collection_stats(c->coll);
    byline_info *in = &c->info;
    in->articles = byl_collection_nlive(c->coll);
    in->deleted = st->ndeleted;
    in->first_date = st->min_date;
    in->last_date = st->max_date;
    in->indexes = n;
    for (size_t i = 0; i < n; i++) {
        in->bytes += byl_index_size(c->ix[i]);
        for (size_t j = 0; j < byl_index_nsegments(c->ix[i]); j++) {
            in->terms += byl_segment_stats(byl_index_segment(c->ix[i], j))->nterms;
            in->segments++;
        }
    }
    if (n && byl_index_nsegments(c->ix[0]))
        in->title_weight = byl_segment_stats(byl_index_segment(c->ix[0], 0))->title_weight;
    *out = c;
    return BYL_OK;
}

int byline_open(const char *dir, byline_collection **out)
{
    return byline_open_many(&dir, 1, out);
}

int byline_info_get(const byline_collection *c, byline_info *out)
{
    if (!c || !out)
        return byl_error_set(BYL_EINVAL, "byline_info_get: NULL argument");
    *out = c->info;
    return BYL_OK;
}

/* The sections in the order of enum byline_section: the internal numbers
 * start at 1.  The internal LENS (version 7) is counted in the public
 * "document columns", beside DOCS: the same kind of data, and a public
 * struct of a fixed size. */
_Static_assert((int)BYLINE_SEC_COUNT == (int)BYL_SEC_FPRINT, "public and internal sections differ");
_Static_assert(BYL_SEC_LENS == BYL_SEC_COUNT_ - 1, "an internal section the public sizes miss");

const char *byline_section_name(int section)
{
    static const char *const names[BYLINE_SEC_COUNT] = {
        "postings", "dictionary", "dictionary index", "document columns", "positions",
        "stored articles", "stored-article index", "ids", "fingerprints"};
    return section >= 0 && section < BYLINE_SEC_COUNT ? names[section] : "?";
}

size_t byline_segment_count(const byline_collection *c)
{
    return c ? (size_t)c->info.segments : 0;
}

/* Reads only what the segment's header and footer gave at open (sizes and
 * counts never change), so it is safe beside searchers on other threads. */
int byline_segment_info_get(const byline_collection *c, size_t i, byline_segment_info *out)
{
    if (!c || !out || i >= c->info.segments)
        return byl_error_set(BYL_EINVAL, "byline_segment_info_get: no segment %zu", i);
    memset(out, 0, sizeof *out);
    const byl_cseg *cs = &byl_collection_segs(c->coll)[i];
    const byl_segstats *st = byl_segment_stats(cs->seg);
    out->index = cs->ix;
    out->path = byl_segment_path(cs->seg);
    out->articles = st->ndocs - st->ndeleted;
    out->deleted = st->ndeleted;
    out->terms = st->nterms;
    out->bytes = byl_segment_size(cs->seg);
    for (int k = 0; k < BYLINE_SEC_COUNT; k++)
        out->section_bytes[k] = byl_segment_section_size(cs->seg, k + 1);
    out->section_bytes[BYLINE_SEC_DOCS] += byl_segment_section_size(cs->seg, BYL_SEC_LENS);
    out->first_date = st->min_date;
    out->last_date = st->max_date;
    return BYL_OK;
}

int byline_query_parse_n(const char *text, size_t len, byline_query **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byline_query_parse: out is NULL");
    *out = NULL;
    if (!text)
        return byl_error_set(BYL_EINVAL, "byline_query_parse: text is NULL");
    byline_query *q = byl_calloc(1, sizeof *q);
    if (!q)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    int rc = byl_query_parse(text, len, &q->n);
    if (rc) {
        byl_free(q);
        return rc;
    }
    *out = q;
    return BYL_OK;
}

int byline_query_parse(const char *text, byline_query **out)
{
    return byline_query_parse_n(text, text ? strlen(text) : 0, out);
}

void byline_query_free(byline_query *q)
{
    if (!q)
        return;
    byl_qnode_free(q->n);
    byl_free(q);
}

void byline_search_opts_init(byline_search_opts *o)
{
    byl_search_opts in;
    byl_search_opts_init(&in);
    memset(o, 0, sizeof *o);
    o->k = 10;
    o->offset = 0;
    o->all_required = 0;
    o->sort = BYLINE_SORT_SCORE;
    o->collapse = BYLINE_COLLAPSE_NONE;
    o->since = in.since;
    o->until = in.until;
    o->half_life = 0;
    o->now = in.now;
    o->k1 = in.k1;
    o->b = in.b;
    o->prf_docs = in.prf_docs;
    o->prf_terms = in.prf_terms;
    o->prf_weight = in.prf_weight;
    o->prf_depth = in.prf_depth;
    o->count_total = 1;
    o->snippet_chars = 200;
}

void byl_api_opts(const byline_search_opts *o, byl_search_opts *out)
{
    byl_search_opts_init(out);
    if (!o)
        return;
    out->k = o->k;
    out->all_required = o->all_required;
    out->sort = o->sort;
    out->since = o->since;
    out->until = o->until;
    out->half_life = o->half_life;
    out->now = o->now;
    out->k1 = o->k1;
    out->b = o->b;
    out->prf_docs = o->prf_docs;
    out->prf_terms = o->prf_terms;
    out->prf_weight = o->prf_weight;
    out->count_total = o->count_total;
    out->prf_depth = o->prf_depth;
}
