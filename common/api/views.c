/*
 * views.c - what the reading API computes over every match of a query
 * rather than a page of hits: names, tallies (timeline and facets, from
 * one evaluation), the timeline's plot, and exports.
 *
 * Not for: ranked pages of hits (search.c).
 */
#include <pthread.h>
#include <string.h>

#include "api/_api.h"
#include "query/export.h"
#include "query/facet.h"
#include "query/names.h"
#include "query/plot.h"
#include "query/timeline.h"
#include "util/err.h"

_Static_assert((int)BYLINE_DAY == (int)BYL_IV_DAY && (int)BYLINE_WEEK == (int)BYL_IV_WEEK &&
                   (int)BYLINE_MONTH == (int)BYL_IV_MONTH && (int)BYLINE_YEAR == (int)BYL_IV_YEAR,
               "public and internal intervals differ");
_Static_assert((int)BYLINE_FACET_SOURCE == (int)BYL_FACET_SOURCE && (int)BYLINE_FACET_AUTHOR == (int)BYL_FACET_AUTHOR &&
                   (int)BYLINE_FACET_TAG == (int)BYL_FACET_TAG && (int)BYLINE_FACET_YEAR == (int)BYL_FACET_YEAR &&
                   (int)BYLINE_FACET_NAME == (int)BYL_FACET_COUNT_,
               "public and internal facets differ");
_Static_assert((int)BYLINE_EXPORT_JSONL == (int)BYL_EXPORT_JSONL && (int)BYLINE_EXPORT_CSV == (int)BYL_EXPORT_CSV,
               "public and internal export formats differ");
_Static_assert(sizeof(byline_period) == sizeof(byl_period) &&
                   sizeof(((byline_period *)0)->label) == sizeof(((byl_period *)0)->label) &&
                   offsetof(byline_period, start) == offsetof(byl_period, start) &&
                   offsetof(byline_period, articles) == offsetof(byl_period, articles) &&
                   offsetof(byline_period, stories) == offsetof(byl_period, stories),
               "byline_period and byl_period must have one layout");

int byline_interval_parse(const char *name) { return byl_interval_parse(name); }
const char *byline_interval_name(int interval) { return byl_interval_name(interval); }
int byline_interval_lookalike(const char *word) { return byl_interval_lookalike(word); }
int byline_export_parse(const char *name) { return byl_export_parse(name); }

int byline_facet_parse(const char *name, size_t len)
{
    if (name && len == 4 && memcmp(name, "name", 4) == 0)
        return BYLINE_FACET_NAME;
    return name ? byl_facet_parse(name, len) : -1;
}

const char *byline_facet_name(int facet)
{
    return facet == BYLINE_FACET_NAME ? "name" : byl_facet_name(facet);
}

int byline_names(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                 size_t k, byline_name **out, size_t *n)
{
    return byline_names_kind(s, q, o, BYLINE_NAME_WHO, k, out, n);
}

int byline_names_kind(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                      unsigned kinds, size_t k, byline_name **out, size_t *n)
{
    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!s || !out || !n)
        return byl_error_set(BYL_EINVAL, "byline_names: NULL argument");
    byl_api_reset_hits(s);
    byl_search_opts so;
    byl_api_opts(o, &so);
    byl_name_count *nc;
    size_t nn;
    unsigned bk = ((kinds & BYLINE_NAME_WHO) ? BYL_NAMES_WHO : 0) |
                  ((kinds & BYLINE_NAME_PLACE) ? BYL_NAMES_PLACE : 0) |
                  ((kinds & BYLINE_NAME_PARTS) ? BYL_NAMES_PARTS : 0);
    int rc = byl_names_top(s->s, q ? q->n : NULL, &so, bk, k, &nc, &nn);
    if (rc)
        return rc;
    size_t need = nn * sizeof(byline_name);
    for (size_t i = 0; i < nn; i++)
        need += strlen(nc[i].display) + strlen(nc[i].key) + 2;
    byline_name *r = byl_malloc(need ? need : 1);
    if (!r) {
        byl_free(nc);
        return byl_error_set(BYL_ENOMEM, "out of memory");
    }
    char *p = (char *)(r + nn);
    for (size_t i = 0; i < nn; i++) {
        size_t dl = strlen(nc[i].display) + 1, kl = strlen(nc[i].key) + 1;
        r[i].display = memcpy(p, nc[i].display, dl);
        r[i].key = memcpy(p + dl, nc[i].key, kl);
        r[i].articles = nc[i].docs;
        r[i].kind = nc[i].place ? BYLINE_NAME_PLACE : BYLINE_NAME_WHO;
        r[i].part = nc[i].part;
        p += dl + kl;
    }
    byl_free(nc);
    *out = r;
    *n = nn;
    return BYL_OK;
}

struct byline_tally {
    byline_searcher *s;
    const byline_query *q;
    byl_search_opts so;
    byline_search_opts po;    /* as given, for the name facet */
    byl_timeline *t;
    byl_facets *f;
    unsigned facets;
    uint64_t matches, stories;
};

/* Both visitors of the one evaluation (either may be NULL). */
static void tally_match(void *ctx, uint32_t ix, uint32_t seg, uint32_t doc)
{
    byline_tally *t = ctx;
    if (t->t)
        byl_timeline_match(t->t, ix, seg, doc);
    if (t->f)
        byl_facets_match(t->f, ix, seg, doc);
}

void byline_tally_free(byline_tally *t)
{
    if (!t)
        return;
    byl_timeline_free(t->t);
    byl_facets_free(t->f);
    byl_free(t);
}

int byline_tally_new(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                     int interval, unsigned facets, byline_tally **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byline_tally_new: out is NULL");
    *out = NULL;
    if (!s || !q)
        return byl_error_set(BYL_EINVAL, "byline_tally_new: no searcher or no query");
    if (interval < -1 || interval > BYLINE_YEAR || facets >= (1u << (BYLINE_FACET_NAME + 1)))
        return byl_error_set(BYL_EINVAL, "byline_tally_new: unknown interval or facet");
    int mode = o ? o->collapse : BYLINE_COLLAPSE_NONE;
    if (mode < BYLINE_COLLAPSE_NONE || mode > BYLINE_COLLAPSE_OLDEST)
        return byl_error_set(BYL_EINVAL, "byline_tally_new: unknown collapse mode");
    byl_api_reset_hits(s);
    byline_tally *t = byl_calloc(1, sizeof *t);
    if (!t)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    t->s = s;
    t->q = q;
    t->facets = facets;
    byl_api_opts(o, &t->so);
    if (o)
        t->po = *o;
    else
        byline_search_opts_init(&t->po);
    unsigned kinds = facets & ((1u << BYL_FACET_COUNT_) - 1);
    byl_clusters *cl = NULL;
    int rc = byl_api_clusters(s, &cl);
    if (!rc && interval >= 0)
        rc = byl_timeline_new(s->s, interval, &t->t);
    if (!rc && kinds)
        rc = byl_facets_new(s->s, kinds, &t->f);
    byl_search_opts so = t->so;
    so.on_match = tally_match;
    so.on_match_ctx = t;
    const byl_group *g;
    size_t ng;
    if (!rc)
        rc = byl_collapse_search(cl, s->s, q->n, &so, mode, 0, &g, &ng, &t->stories, &t->matches);
    if (!rc && t->t)
        rc = byl_timeline_finish(t->t, mode ? cl : NULL);
    if (!rc && t->f)
        rc = byl_facets_finish(t->f);
    if (rc) {
        byline_tally_free(t);
        return rc;
    }
    if (!mode)
        t->stories = 0;
    *out = t;
    return BYL_OK;
}

int byline_tally_totals_get(const byline_tally *t, byline_tally_totals *out)
{
    if (!t || !out)
        return byl_error_set(BYL_EINVAL, "byline_tally_totals_get: NULL argument");
    out->matches = t->matches;
    out->stories = t->t ? byl_timeline_stories(t->t) : t->stories;
    out->undated = t->t ? byl_timeline_undated(t->t) : 0;
    out->interval = t->t ? byl_timeline_interval(t->t) : -1;
    return BYL_OK;
}

const byline_period *byline_tally_periods(const byline_tally *t, size_t *n)
{
    *n = 0;
    return t && t->t ? (const byline_period *)byl_timeline_periods(t->t, n) : NULL;
}

int byline_tally_facet(byline_tally *t, int facet, size_t k, byline_facet_value **out,
                       size_t *n, uint64_t *distinct, uint64_t *missing)
{
    uint64_t d = 0, m = 0;
    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!t || !out || !n || facet < 0 || facet > BYLINE_FACET_NAME || !(t->facets & (1u << facet)))
        return byl_error_set(BYL_EINVAL, "byline_tally_facet: facet %d was not asked for", facet);
    if (facet == BYLINE_FACET_NAME) {
        /* names come from the entity postings, not the visitors: the
         * names of the query's matches */
        byline_name *nm;
        size_t nn;
        int rc = byline_names(t->s, t->q, &t->po, k, &nm, &nn);
        if (rc)
            return rc;
        /* the same memory, seen as values: a byline_name is larger than a
         * byline_facet_value, so the values fit where the names were */
        _Static_assert(sizeof(byline_facet_value) <= sizeof(byline_name), "values must fit");
        byline_facet_value *v = (byline_facet_value *)(void *)nm;
        for (size_t i = 0; i < nn; i++) {
            byline_facet_value x = {nm[i].display, nm[i].key, nm[i].articles};
            v[i] = x;
        }
        *out = v;
        *n = nn;
    } else {
        byl_facet_value *v;
        size_t nv;
        int rc = byl_facets_top(t->f, facet, k, &v, &nv, &d, &m);
        if (rc)
            return rc;
        byline_facet_value *r = byl_malloc((nv ? nv : 1) * sizeof *r);
        for (size_t i = 0; r && i < nv; i++) {
            byline_facet_value x = {v[i].value, NULL, v[i].articles};
            r[i] = x;
        }
        byl_free(v);
        if (!r)
            return byl_error_set(BYL_ENOMEM, "out of memory");
        *out = r;
        *n = nv;
    }
    if (distinct)
        *distinct = d;
    if (missing)
        *missing = m;
    return BYL_OK;
}

int byline_tally_plot(const byline_tally *t, const char *title, const char *path, int width,
                      int height)
{
    if (!t || !t->t || !path)
        return byl_error_set(BYL_EINVAL, "byline_tally_plot: no timeline or no path");
    /* One drawing at a time in the process: the plotter loads cairo into
     * static pointers on first use and finalizes fontconfig after each
     * image, neither of which may run on two threads at once. */
    static pthread_mutex_t draw = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&draw);
    int rc = byl_plot_timeline(t->t, title, path, width, height);
    pthread_mutex_unlock(&draw);
    return rc;
}

int byline_export(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                  int format, FILE *f, uint64_t *total)
{
    if (total)
        *total = 0;
    if (!s || !q || !f || (format != BYLINE_EXPORT_JSONL && format != BYLINE_EXPORT_CSV))
        return byl_error_set(BYL_EINVAL, "byline_export: bad argument");
    byl_api_reset_hits(s);
    byl_search_opts so;
    byl_api_opts(o, &so);
    size_t offset = o ? o->offset : 0, k = o ? o->k : SIZE_MAX;
    /* one pass to count, then the page (or everything): the hit list, 40
     * bytes a match, is all that is held for every match */
    so.count_total = 1;
    so.k = 0;
    const byl_hit *hits;
    size_t nhits;
    uint64_t tot;
    int rc = byl_search(s->s, q->n, &so, &hits, &nhits, &tot);
    if (!rc) {
        so.k = k == SIZE_MAX || offset + k < offset ? (size_t)tot : offset + k;
        if (so.k > tot)
            so.k = (size_t)tot;
        rc = byl_search(s->s, q->n, &so, &hits, &nhits, &tot);
    }
    if (!rc)
        rc = byl_export_begin(f, format);
    for (size_t i = offset; i < nhits && !rc; i++) {
        byl_stored st;
        if (!(rc = byl_segment_stored(byl_searcher_segment(s->s, &hits[i]), hits[i].doc, &st)))
            rc = byl_export_write(f, format, &st, i + 1, hits[i].score);
    }
    if (total)
        *total = tot;
    return rc;
}
