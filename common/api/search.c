/*
 * search.c - byline_searcher: one thread's searches over a collection, and
 * what a search returns: hits, their snippets and explanations.
 *
 * A search goes through the collapsing search of query/collapse.h in every
 * mode (with BYLINE_COLLAPSE_NONE it is the plain ranked search), asking
 * for offset + k results and keeping the last k.  Hits are kept as the
 * internal ranking gives them; their stored fields are read (and copied,
 * since the segment reader keeps one inflated block) only when asked for.
 *
 * Not for: the collection (collection.c), articles by id (article.c),
 * views over every match (views.c).
 */
#include <stdint.h>
#include <string.h>

#include "api/_api.h"
#include "index/segwriter.h"
#include "util/err.h"

_Static_assert(sizeof(byline_span) == sizeof(byl_span) &&
                   offsetof(byline_span, start) == offsetof(byl_span, start) &&
                   offsetof(byline_span, len) == offsetof(byl_span, len),
               "byline_span and byl_span must have one layout");

int byl_api_analyzer(byline_searcher *s, byl_analyzer **out)
{
    int rc = s->an ? BYL_OK : byl_analyzer_new(&s->an);
    *out = s->an;
    return rc;
}

int byl_api_clusters(byline_searcher *s, byl_clusters **out)
{
    int rc = s->cl ? BYL_OK : byl_clusters_new(s->ix, s->c->n, NULL, &s->cl);
    *out = s->cl;
    return rc;
}

void byl_api_reset_hits(byline_searcher *s)
{
    for (size_t i = 0; i < s->nhits; i++)
        byl_free(s->hs[i].block);
    s->nhits = 0;
    s->total = s->matches = 0;
    s->estimated = 0;
    s->has_mlabels = 0;
    byl_snippet_reset(&s->sn);
}

int byl_api_keep_terms(byline_searcher *s)
{
    size_t n;
    const byl_qterm *t = byl_search_terms(s->s, &n);
    byl_free(s->terms);
    s->terms = NULL;
    s->nterms = 0;
    if (!n)
        return BYL_OK;
    if (!(s->terms = byl_malloc(n * sizeof *t)))
        return byl_error_set(BYL_ENOMEM, "out of memory");
    memcpy(s->terms, t, n * sizeof *t);
    s->nterms = n;
    return BYL_OK;
}

void byline_searcher_free(byline_searcher *s)
{
    if (!s)
        return;
    byl_api_reset_hits(s);
    byl_free(s->hits);
    byl_free(s->hs);
    byl_free(s->terms);
    byl_buf_reset(&s->buf);
    byl_clusters_free(s->cl);
    byl_collapser_free(s->lcoll);
    byl_clusters_free(s->lcl);
    byl_free(s->mlabels);
    byl_analyzer_free(s->an);
    byl_searcher_free(s->s);
    if (s->claim) {
        atomic_store(&s->c->claimed, 0);
    } else if (s->ix) {
        for (size_t i = 0; i < s->c->n; i++)
            byl_index_close(s->ix[i]);
        byl_free(s->ix);
    }
    byl_free(s);
}

int byline_searcher_new(byline_collection *c, byline_searcher **out)
{
    if (!out)
        return byl_error_set(BYL_EINVAL, "byline_searcher_new: out is NULL");
    *out = NULL;
    if (!c)
        return byl_error_set(BYL_EINVAL, "byline_searcher_new: no collection");
    byline_searcher *s = byl_calloc(1, sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    s->c = c;
    s->snippet_chars = 200;
    byl_snippet_init(&s->sn);
    byl_buf_init(&s->buf);
    int rc = BYL_OK, expect = 0;
    if (atomic_compare_exchange_strong(&c->claimed, &expect, 1)) {
        s->claim = 1;
        s->ix = c->ix;
    } else if (!(s->ix = byl_calloc(c->n, sizeof *s->ix))) {
        rc = byl_error_set(BYL_ENOMEM, "out of memory");
    } else {
        /* another searcher reads the collection's own indexes: open their
         * files again, with this searcher's own caches.  The same files,
         * not the index as it is now: a collection is a snapshot, and its
         * article numbers (byline_collection_docs, labels) are every
         * searcher's (a searcher opened from the directories saw a writer's
         * later commits: hostile tester, round 27). */
        for (size_t i = 0; i < c->n && !rc; i++)
            rc = byl_index_clone(c->ix[i], &s->ix[i]);
    }
    if (!rc)
        rc = byl_searcher_new(s->ix, c->n, &s->s);
    if (rc) {
        byline_searcher_free(s);
        return rc;
    }
    *out = s;
    return BYL_OK;
}

int byline_search(byline_searcher *s, const byline_query *q, const byline_search_opts *o,
                  size_t *nhits, uint64_t *total)
{
    if (nhits)
        *nhits = 0;
    if (total)
        *total = 0;
    if (!s || !q)
        return byl_error_set(BYL_EINVAL, "byline_search: no searcher or no query");
    byline_search_opts def;
    if (!o) {
        byline_search_opts_init(&def);
        o = &def;
    }
    if (o->sort < BYLINE_SORT_SCORE || o->sort > BYLINE_SORT_DATE_DESC ||
        o->collapse < BYLINE_COLLAPSE_NONE || o->collapse > BYLINE_COLLAPSE_OLDEST)
        return byl_error_set(BYL_EINVAL, "byline_search: unknown sort order or collapse mode");
    /* the ranges byline-search takes, written so that NaN fails them */
    if (!(o->k1 >= 0 && o->k1 <= 100) || !(o->b >= 0 && o->b <= 1) ||
        !(o->prf_weight >= 0 && o->prf_weight <= 1) || !(o->half_life >= 0))
        return byl_error_set(BYL_EINVAL, "byline_search: k1 must be 0 to 100, b and prf_weight "
                             "0 to 1, half_life 0 or more");
    byl_api_reset_hits(s);
    byl_search_opts so;
    byl_api_opts(o, &so);
    /* offset + k, but never more than there are documents: a k of
     * SIZE_MAX means "all" and must not become an allocation */
    uint64_t ndocs = byl_searcher_stats(s->s)->ndocs;
    size_t want = o->offset < ndocs ? (size_t)o->offset : (size_t)ndocs;
    want += o->k < ndocs ? o->k : (size_t)ndocs;
    if (want > ndocs)
        want = (size_t)ndocs;
    byl_clusters *cl;
    const byl_group *g = NULL;
    size_t ng;
    uint64_t nclusters, nmatches;
    byl_qstats *st;
    int rc = byl_api_stats(o, &st);
    so.stats = st;
    if (!rc && o->labels && o->collapse != BYLINE_COLLAPSE_NONE) {
        /* clusters given from outside: the shards' together */
        rc = byl_api_labelled_search(s, q->n, &so, o, want, &g, &ng, &nclusters, &nmatches);
    } else {
        if (!rc)
            rc = byl_api_clusters(s, &cl);
        so.total_bound = o->total_bound;
        if (!rc)
            rc = byl_collapse_search(cl, s->s, q->n, &so, o->collapse, want, &g, &ng,
                                     &nclusters, &nmatches);
        if (!rc)
            s->estimated = byl_collapse_estimated(cl);
    }
    byl_qstats_free(st);
    if (!rc)
        rc = byl_api_keep_terms(s);
    if (rc)
        return rc;
    size_t first = o->offset < ng ? o->offset : ng, n = ng - first;
    if (n > s->hits_cap) {
        byl_group *h = byl_realloc(s->hits, n * sizeof *h);
        byl_api_hitstr *hs = h ? byl_realloc(s->hs, n * sizeof *hs) : NULL;
        if (h)
            s->hits = h;
        if (!hs)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu hits", n);
        s->hs = hs;
        s->hits_cap = n;
    }
    if (n)
        memcpy(s->hits, g + first, n * sizeof *g);
    for (size_t i = 0; i < n; i++)
        s->hs[i].block = NULL;
    s->nhits = n;
    s->total = nclusters;
    s->matches = nmatches;
    s->snippet_chars = o->snippet_chars;
    if (nhits)
        *nhits = n;
    if (total)
        *total = nclusters;
    return BYL_OK;
}

uint64_t byline_search_matches(const byline_searcher *s) { return s ? s->matches : 0; }

int byline_search_total_exact(const byline_searcher *s) { return !s || !s->estimated; }

unsigned byline_search_prefix_cut(const byline_searcher *s)
{
    return s ? byl_searcher_prefix_cut(s->s) : 0;
}

/* Hit i, or BYL_EINVAL. */
static int get(byline_searcher *s, size_t i, const byl_group **g)
{
    if (!s || i >= s->nhits)
        return byl_error_set(BYL_EINVAL, "no hit %zu in the last search", i);
    *g = &s->hits[i];
    return BYL_OK;
}

/* Appends a NUL-terminated copy of s[0..n) at *p and returns it. */
static const char *put(char **p, const char *src, size_t n)
{
    char *d = *p;
    if (n)
        memcpy(d, src, n);
    d[n] = '\0';
    *p += n + 1;
    return d;
}

int byline_hit_get(byline_searcher *s, size_t i, byline_hit *out)
{
    const byl_group *g = NULL;
    int rc = get(s, i, &g);
    if (rc || !out)
        return rc ? rc : byl_error_set(BYL_EINVAL, "byline_hit_get: out is NULL");
    byl_api_hitstr *hs = &s->hs[i];
    if (!hs->block) {
        byl_stored st;
        if ((rc = byl_segment_stored(byl_searcher_segment(s->s, &g->hit), g->hit.doc, &st)))
            return rc;
        size_t need = st.id_len + st.title_len + st.author_len + st.source_len + st.url_len + 5;
        char *p = hs->block = byl_malloc(need);
        if (!p)
            return byl_error_set(BYL_ENOMEM, "out of memory");
        byline_hit *h = &hs->h;
        memset(h, 0, sizeof *h);
        h->score = g->hit.score;
        h->doc = g->hit.gdoc;
        h->date = st.date;
        h->similar = g->similar;
        h->similar_estimated = g->similar_estimated;
        h->id = put(&p, st.id, h->id_len = st.id_len);
        h->title = put(&p, st.title, h->title_len = st.title_len);
        h->author = put(&p, st.author, h->author_len = st.author_len);
        h->source = put(&p, st.source, h->source_len = st.source_len);
        h->url = put(&p, st.url, h->url_len = st.url_len);
    }
    *out = hs->h;
    return BYL_OK;
}

int byline_hit_id(byline_searcher *s, size_t i, const char **id, size_t *len, double *score)
{
    const byl_group *g = NULL;
    int rc = get(s, i, &g);
    if (rc)
        return rc;
    const char *p;
    size_t n;
    if ((rc = byl_segment_doc_id(byl_searcher_segment(s->s, &g->hit), g->hit.doc, &p, &n)))
        return rc;
    if (id)
        *id = p;
    if (len)
        *len = n;
    if (score)
        *score = g->hit.score;
    return BYL_OK;
}

int byline_hit_snippet(byline_searcher *s, size_t i, byline_snippet *out)
{
    const byl_group *g = NULL;
    int rc = get(s, i, &g);
    if (rc || !out)
        return rc ? rc : byl_error_set(BYL_EINVAL, "byline_hit_snippet: out is NULL");
    memset(out, 0, sizeof *out);
    byl_stored st;
    byl_analyzer *an;
    if ((rc = byl_api_analyzer(s, &an)) ||
        (rc = byl_segment_stored(byl_searcher_segment(s->s, &g->hit), g->hit.doc, &st)))
        return rc;
    /* an article without a body is shown by its title */
    const char *src = st.body_len ? st.body : st.title;
    size_t srclen = st.body_len ? st.body_len : st.title_len;
    byl_snippet_reset(&s->sn);
    byl_snippet_init(&s->sn);
    if ((rc = byl_snippet_make(an, src, srclen, s->terms, s->nterms, s->snippet_chars, &s->sn)))
        return rc;
    out->text = s->sn.text ? s->sn.text : "";
    out->len = s->sn.len;
    out->spans = (const byline_span *)s->sn.spans;
    out->nspans = s->sn.nspans;
    out->cut_start = s->sn.cut_start;
    out->cut_end = s->sn.cut_end;
    return BYL_OK;
}

int byline_hit_explain(byline_searcher *s, size_t i, char **text)
{
    const byl_group *g = NULL;
    int rc = get(s, i, &g);
    if (rc || !text)
        return rc ? rc : byl_error_set(BYL_EINVAL, "byline_hit_explain: text is NULL");
    *text = NULL;
    s->buf.len = 0;
    if ((rc = byl_search_explain(s->s, &g->hit, &s->buf)))
        return rc;
    if (!(*text = byl_strndup(s->buf.data ? (const char *)s->buf.data : "", s->buf.len)))
        return byl_error_set(BYL_ENOMEM, "out of memory");
    return BYL_OK;
}

int byline_highlight(byline_searcher *s, const char *text, size_t len, byline_span **spans,
                     size_t *n)
{
    if (spans)
        *spans = NULL;
    if (n)
        *n = 0;
    if (!s || !spans || !n || (!text && len))
        return byl_error_set(BYL_EINVAL, "byline_highlight: NULL argument");
    byl_analyzer *an;
    int rc = byl_api_analyzer(s, &an);
    if (rc || !s->nterms || !len)
        return rc;
    byl_span *sp;
    if ((rc = byl_snippet_spans(an, text, len, s->terms, s->nterms, &sp, n)))
        return rc;
    *spans = (byline_span *)sp;
    return BYL_OK;
}

size_t byline_search_terms(const byline_searcher *s) { return s ? s->nterms : 0; }
