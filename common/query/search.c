/*
 * search.c - the driver of a search (search.h): makes a searcher over a
 * collection of indexes, and runs a query: plan it (plan.c, rewrite.c),
 * pick the algorithm (MaxScore, maxscore.c, for a ranked OR of terms and
 * phrases; else the exhaustive oracle, oracle.c), run the feedback pass
 * when asked, and return the top k sorted (topk.c).
 *
 * Ranked by score, a query is evaluated twice when feedback is on: its best
 * documents give RM3 terms (query/prf.h builds the model; feedback() below
 * adds the terms beside the query as a required clause) and the expanded
 * plan scores the first pass's best prf_depth again (rerank.c), or, with
 * prf_depth 0 or recency, every match.
 *
 * Not for: planning, scoring or walking postings (the files named above).
 */
#include "query/search.h"

#include <stdlib.h>
#include <string.h>

#include "index/deletes.h"
#include "query/_search.h"
#include "query/topk.h"
#include "util/err.h"
#include "util/mem.h"

void byl_search_opts_init(byl_search_opts *o)
{
    memset(o, 0, sizeof *o);
    o->k1 = BYL_BM25_K1;
    o->b = BYL_BM25_B;
    o->k = 10;
    o->since = INT64_MIN;
    o->until = INT64_MAX;
    o->count_total = 1;
    o->prf_docs = BYL_PRF_DOCS;
    o->prf_terms = BYL_PRF_TERMS;
    o->prf_weight = BYL_PRF_WEIGHT;
    o->prf_min_docs = BYL_PRF_MIN_DOCS;
    o->prf_depth = BYL_PRF_DEPTH;
    o->now = INT64_MIN;
}

int byl_searcher_new(byl_index **indexes, size_t n, byl_searcher **out)
{
    *out = NULL;
    byl_searcher *s = byl_calloc(1, sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    int rc = byl_collection_new(indexes, n, &s->coll);
    if (!rc) {
        rc = byl_analyzer_new(&s->an);
        if (rc == BYL_ENOMEM)
            rc = byl_error_set(BYL_ENOMEM, "out of memory");
    }
    if (rc) {
        byl_searcher_free(s);
        return rc;
    }
    s->segs = byl_collection_segs(s->coll);
    s->nsegs = byl_collection_nsegs(s->coll);
    s->stats = byl_collection_stats(s->coll);
    s->bm.k1 = BYL_BM25_K1;
    s->bm.b = BYL_BM25_B;
    byl_bm25_init(&s->bm, s->stats, byl_collection_nlive(s->coll));
    *out = s;
    return BYL_OK;
}

void byl_searcher_free(byl_searcher *s)
{
    if (!s)
        return;
    byl_prf_free(s->prf);
    byl_analyzer_free(s->an);
    byl_collection_free(s->coll);
    byl_free(s->hits);
    byl_free(s->hcid);
    byl_free(s->qterms);
    byl_plan_free(s->plan);
    byl_qstats_free(s->qown);
    byl_free(s);
}

const byl_collection *byl_searcher_collection(const byl_searcher *s) { return s->coll; }

const byl_segstats *byl_searcher_stats(const byl_searcher *s)
{
    return byl_collection_stats(s->coll);
}

uint64_t byl_searcher_examined(const byl_searcher *s) { return s->examined; }
uint64_t byl_searcher_filtered(const byl_searcher *s) { return s->filtered; }
uint64_t byl_searcher_spared(const byl_searcher *s) { return s->spared; }
uint32_t byl_searcher_prefix_cut(const byl_searcher *s) { return s->prefix_cut; }

byl_index *const *byl_searcher_indexes(const byl_searcher *s, size_t *n)
{
    *n = byl_collection_nindexes(s->coll);
    return byl_collection_indexes(s->coll);
}

const byl_qterm *byl_search_terms(const byl_searcher *s, size_t *n)
{
    *n = s->nqterms;
    return s->qterms;
}

byl_segment *byl_searcher_segment(const byl_searcher *s, const byl_hit *h)
{
    return byl_index_segment(byl_collection_index(s->coll, h->ix), h->seg);
}

/* Evaluates plan p over every segment into the top-k heap (s->hits,
 * unsorted), by MaxScore where o allows it, else exhaustively; *matches
 * gets the documents that matched (a lower bound under MaxScore).  Errors
 * are left in s->rc. */
static void evaluate(byl_searcher *s, const byl_plan *p, const byl_search_opts *o, size_t k,
                     uint64_t *matches_out)
{
    uint64_t matches = 0;
    const byl_plan *leaves[64];
    size_t nleaves = 0;
    if (!o->exhaustive && o->sort == BYL_SORT_SCORE &&
        byl_maxscore_collect(p, leaves, &nleaves, 64) && nleaves) {
        for (size_t si = 0; k && si < s->nsegs && !s->rc; si++) {
            long m = byl_maxscore_segment(s, leaves, nleaves, si, k);
            if (m > 0)
                matches += (uint64_t)m;
        }
        /* The number of matches, or every match told to on_match, costs
         * one walk of the union without scoring: no field lengths read, no
         * pages of them checked (scoring every match made a search from
         * the shell, which prints the total, as slow as the oracle). */
        if (!s->rc && (o->count_total || o->on_match || !k))
            matches = byl_maxscore_count(s, leaves, nleaves, o);
        *matches_out = matches;
        return;
    }
    byl_oracle_run(s, p, o, k, matches_out);
}

/* An expansion term more common than this share of the articles says
 * nothing about the topic ("said", "year"); one in a single article (a
 * feedback document's own typo or name) cannot bring in anything. */
#define PRF_MAX_DF_SHARE 0.1

static int prf_keep(void *arg, int field, const char *term, size_t len)
{
    byl_searcher *s = arg;
    uint64_t df = byl_plan_term_df(s, field, term, len);
    double N = (double)s->stats->ndocs - (double)s->stats->ndeleted;
    return df >= 2 && (double)df <= PRF_MAX_DF_SHARE * N;
}

/* Words of the query as RM3 counts them: its term and phrase clauses on
 * the article's text (source:, author: and id: say nothing of a topic). */
static size_t query_words(const byl_plan *p)
{
    if (p->type == BYL_P_TERM || p->type == BYL_P_PHRASE)
        return p->role != BYL_ROLE_NOT &&
               (p->field == BYL_F_TEXT || p->field == BYL_F_TITLE || p->field == BYL_F_BODY ||
                p->field == BYL_F_NAME);
    size_t n = 0;
    for (size_t i = 0; i < p->nkids; i++)
        n += query_words(p->kids[i]);
    return n;
}

/* Runs root (which holds query) for its o->prf_docs best documents, builds
 * the relevance model from their stored text and adds its terms beside
 * query, in place (query then required).  With depth 0, s->hits is left
 * empty for a full second pass.  With depth > 0 the first pass keeps its
 * best depth (at least o->k and o->prf_docs), counts the matches into
 * *matches and tells each to o->on_match, and those documents are ranked again with the expanded plan
 * into s->hits: *done is then set, and the search is over.  BYL_OK or
 * s->rc. */
static int feedback(byl_searcher *s, byl_plan *query, byl_plan *root, const byl_search_opts *o,
                    size_t depth, uint64_t *matches, int *done)
{
    size_t nq = query_words(query);
    *done = 0;
    if (!nq || (double)s->stats->ndocs - (double)s->stats->ndeleted < (double)o->prf_min_docs)
        return BYL_OK;
    byl_search_opts first = *o;
    first.k = o->prf_docs;
    first.count_total = 0;  /* only the best matter: MaxScore where it applies */
    first.on_match = NULL;
    if (depth) {
        /* the first pass is the ranking the second only reorders: it
         * counts the matches as the search was asked to */
        first.k = depth > first.k ? depth : first.k;
        first.k = o->k > first.k ? o->k : first.k;
        first.count_total = o->count_total;
        first.on_match = o->on_match; /* every match, once: facets, collapse */
    }
    first.sort = BYL_SORT_SCORE;
    first.half_life = 0;
    s->o = first;
    s->nhits = 0;
    uint64_t m;
    evaluate(s, root, &first, first.k, &m);
    s->o = *o;
    if (s->rc)
        return s->rc;
    if (depth) {
        *matches = m;
        *done = 1; /* from here on s->hits is the answer, reranked or not */
    }
    if (!s->nhits)
        return BYL_OK;
    byl_topk_sort(s->hits, s->nhits, first.sort);
    size_t nfb = s->nhits < o->prf_docs ? s->nhits : o->prf_docs;
    if (!s->prf && byl_prf_new(s->an, &s->prf))
        return s->rc = BYL_ENOMEM;
    byl_prf_reset(s->prf);
    double sum = 0;
    for (size_t i = 0; i < nfb; i++)
        sum += s->hits[i].score > 0 ? s->hits[i].score : 0;
    for (size_t i = 0; i < nfb && sum > 0; i++) {
        byl_stored st;
        byl_segment *seg = byl_searcher_segment(s, &s->hits[i]);
        int rc = byl_segment_stored(seg, s->hits[i].doc, &st);
        if (!rc) {
            double w = s->hits[i].score > 0 ? s->hits[i].score / sum : 0;
            rc = byl_prf_add(s->prf, st.title, st.title_len, st.body, st.body_len, w);
        }
        if (rc)
            return s->rc = rc;
    }
    if (!depth)
        s->nhits = 0;
    const byl_prf_term *t;
    size_t nt;
    if (byl_prf_select(s->prf, o->prf_terms, prf_keep, s, &t, &nt))
        return s->rc = BYL_ENOMEM;
    size_t noted = s->nqterms;
    double lambda = o->prf_weight;
    if (!nt || lambda >= 1.0) {
        if (depth && s->nhits > o->k)
            s->nhits = o->k; /* the first pass's ranking stands */
        return BYL_OK;
    }
    if (lambda <= 0)
        lambda = 1e-6; /* the terms alone, as far as ranking goes */
    /* the query moves down into a new group, required: the terms reorder
     * its matches and never add any, so the count and every filter of the
     * query stay as typed (bringing in articles with none of the query's
     * words changed no measure at depth 1000: docs/PERFORMANCE.md) */
    byl_plan *inner = byl_plan_new(s, BYL_P_NONE);
    if (!inner)
        return s->rc;
    *inner = *query;
    memset(query, 0, sizeof *query);
    query->type = BYL_P_GROUP;
    query->role = inner->role;
    query->scale = 1.0;
    inner->role = BYL_ROLE_MUST;
    if (byl_plan_add_kid(s, query, inner))
        return s->rc;
    for (size_t i = 0; i < nt && !s->rc; i++) {
        byl_plan *e = byl_plan_term(s, t[i].field, t[i].term, t[i].len);
        if (!e)
            break;
        if (e->type == BYL_P_TERM)
            e->terms[0].idf *= (1.0 - lambda) / lambda * (double)nq * t[i].weight;
        e->role = BYL_ROLE_SHOULD;
        byl_plan_add_kid(s, query, e);
    }
    s->nqterms = noted; /* expansion terms are not highlighted */
    if (depth && !s->rc) {
        /* Only the first pass's best max(depth, prf_docs) are ranked
         * again, whatever the page asked for: ranking again the best k
         * made the order depend on k, and pages of 20 (k = offset + 20,
         * or 4k + 32 under collapse) repeated some articles and never
         * showed others.  Past them the first pass's order stands, its
         * scores scaled to stay under the last ranked again. */
        size_t n = s->nhits, nr = depth > o->prf_docs ? depth : o->prf_docs;
        if (nr > n)
            nr = n;
        byl_hit *cand = byl_malloc((n ? n : 1) * sizeof *cand);
        if (!cand)
            return s->rc = byl_error_set(BYL_ENOMEM, "out of memory for %zu results", n);
        memcpy(cand, s->hits, n * sizeof *cand); /* by the first pass's score */
        s->nhits = 0;
        byl_rerank_run(s, root, cand, nr, o->k);
        if (!s->rc && n > nr && s->nhits < o->k) {
            double floor = s->nhits ? s->hits[0].score : 0; /* the heap's least */
            for (size_t i = 0; i < s->nhits; i++)
                if (s->hits[i].score < floor)
                    floor = s->hits[i].score;
            double top = cand[nr].score > 0 ? cand[nr].score : 1;
            for (size_t i = nr; i < n && s->nhits < o->k; i++) {
                byl_hit h = cand[i];
                double f = h.score > 0 ? h.score / top : 0;
                h.score = floor > 0 ? floor * (1 - 1e-9) * f : h.score - top;
                s->hits[s->nhits++] = h;
            }
        }
        byl_free(cand);
    }
    return s->rc;
}

/* Takes the collection's numbers from o->stats when set, else (again)
 * from the searcher's own collection.  BYL_OK, BYL_EINVAL (feedback with
 * statistics), BYL_ELIMIT. */
static int use_stats(byl_searcher *s, const byl_search_opts *o)
{
    s->qin = NULL;
    if (o->stats) {
        if (o->prf_docs && o->k && o->sort == BYL_SORT_SCORE)
            return byl_error_set(BYL_EINVAL, "pseudo-relevance feedback cannot run on a shard "
                                 "with injected statistics: its terms come from the best "
                                 "documents of the whole collection (turn feedback off)");
        int rc = byl_qstats_segstats(o->stats, &s->inj);
        if (rc)
            return rc;
        s->qin = o->stats;
        s->stats = &s->inj;
        byl_bm25_init(&s->bm, s->stats, s->inj.ndocs);
    } else if (s->stats != byl_collection_stats(s->coll)) {
        s->stats = byl_collection_stats(s->coll);
        byl_bm25_init(&s->bm, s->stats, byl_collection_nlive(s->coll));
    }
    return BYL_OK;
}

/* What byl_search and byl_search_collect do first: the options, the
 * statistics, the last search's plan and terms let go. */
static int begin(byl_searcher *s, const byl_search_opts *o)
{
    s->o = *o;
    s->rc = 0;
    s->nqterms = 0;
    byl_plan_free(s->plan);
    s->plan = NULL;
    s->nhits = 0;
    s->prefix_cut = 0;
    /* the last search's cursors are done: its lists may go */
    for (size_t si = 0; si < s->nsegs; si++) {
        int rc = byl_segment_reads_begin(s->segs[si].seg);
        if (rc)
            return s->rc = rc;
    }
    int rc = use_stats(s, o);
    s->bm.k1 = o->k1;
    s->bm.b = o->b;
    return rc;
}

int byl_search_collect(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
                       byl_buf *out)
{
    out->len = 0;
    int rc = begin(s, o);
    if (rc)
        return rc;
    if (!s->qown && byl_qstats_new(&s->qown))
        return BYL_ENOMEM;
    byl_qstats_clear(s->qown);
    byl_qstats_set_collection(s->qown, byl_collection_stats(s->coll));
    s->qout = s->qown;
    s->qc.lower = 0;
    s->qc.nwords = 0;
    byl_rewrite_case(s, q);
    byl_plan *p = byl_plan_build(s, q, o->all_required ? BYL_ROLE_MUST : BYL_ROLE_SHOULD);
    s->qout = NULL;
    s->qin = NULL; /* borrowed for the call only */
    s->nqterms = 0; /* nothing was searched: nothing to highlight */
    if (!p)
        return s->rc ? s->rc : byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    byl_plan_free(p);
    return byl_qstats_write(s->qown, out);
}

int byl_search(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
               const byl_hit **hits, size_t *nhits, uint64_t *total)
{
    *hits = NULL;
    *nhits = 0;
    *total = 0;
    s->examined = 0;
    s->filtered = 0;
    s->spared = 0;
    /* Feedback's documents and depth past the articles there are mean all
     * of them: a caller's 2^62 made the top k's room (cap below) wrap to a
     * few bytes, and the heap was overrun (hostile tester, round 27). */
    byl_search_opts clamped;
    uint64_t ndocs = byl_collection_ndocs(s->coll);
    if (o->prf_docs > ndocs || o->prf_depth > ndocs) {
        clamped = *o;
        if (clamped.prf_docs > ndocs)
            clamped.prf_docs = (size_t)ndocs;
        if (clamped.prf_depth > ndocs)
            clamped.prf_depth = (size_t)ndocs;
        o = &clamped;
    }
    int rc = begin(s, o);
    if (rc)
        return rc;
    size_t k = o->k;
    size_t cap = k > o->prf_docs ? k : o->prf_docs;
    /* feedback reranks its first pass's best (search.h: prf_depth) unless
     * scores are weighed by date (the first pass ranks without recency) */
    size_t depth = o->prf_docs && o->half_life <= 0 ? o->prf_depth : 0;
    cap = depth > cap ? depth : cap;
    if (cap > SIZE_MAX / sizeof *s->hits)
        return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", cap);
    if (cap > s->hits_cap) {
        byl_hit *h = byl_realloc(s->hits, cap * sizeof *h);
        if (h)
            s->hits = h;
        uint32_t *hc = h ? byl_realloc(s->hcid, cap * sizeof *hc) : NULL;
        if (!hc)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", cap);
        s->hcid = hc;
        s->hits_cap = cap;
    }
    s->qc.lower = 0;
    s->qc.nwords = 0;
    byl_rewrite_case(s, q);
    byl_plan *p = byl_plan_build(s, q, o->all_required ? BYL_ROLE_MUST : BYL_ROLE_SHOULD);
    if (!p)
        return s->rc ? s->rc : byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    byl_plan *query = p; /* what feedback expands, inside any date filter */
    /* --since/--until are a date filter beside the query */
    if (o->since != INT64_MIN || o->until != INT64_MAX) {
        byl_plan *g = byl_plan_new(s, BYL_P_GROUP), *d = byl_plan_new(s, BYL_P_DATE);
        if (!g || !d) {
            byl_plan_free(g);
            byl_plan_free(d);
            byl_plan_free(p);
            return s->rc;
        }
        d->lo = o->since;
        d->hi = o->until;
        d->role = BYL_ROLE_MUST;
        p->role = BYL_ROLE_MUST;
        byl_plan_add_kid(s, g, p);
        byl_plan_add_kid(s, g, d);
        p = g;
    }
    uint64_t matches = 0;
    int done = 0;
    if (o->prf_docs && k && o->sort == BYL_SORT_SCORE &&
        feedback(s, query, p, o, depth, &matches, &done)) {
        s->plan = p;
        return s->rc;
    }
    if (!done)
        evaluate(s, p, o, k, &matches);
    s->qin = NULL; /* borrowed for the call only; its numbers stay in inj */
    s->plan = p;
    if (s->rc)
        return s->rc;
    byl_topk_sort(s->hits, s->nhits, s->o.sort);
    *hits = s->hits;
    *nhits = s->nhits;
    *total = matches;
    return BYL_OK;
}

uint64_t byl_search_live_below(const byl_searcher *s, uint64_t g)
{
    uint64_t live = 0;
    for (size_t si = 0; si < s->nsegs && s->segs[si].base < g; si++) {
        uint64_t nd = s->segs[si].ndocs, in = g - s->segs[si].base < nd ? g - s->segs[si].base : nd;
        const byl_dels *d = byl_segment_dels(s->segs[si].seg);
        uint64_t dead = 0;
        if (d && in == nd) {
            dead = byl_dels_count(d);
        } else if (d) { /* the segment the sample stopped in: its bits below */
            const uint8_t *bits = byl_dels_bits(d);
            for (uint64_t x = 0; x < in / 8; x++)
                dead += (uint64_t)__builtin_popcount(bits[x]);
            for (uint64_t x = in / 8 * 8; x < in; x++)
                dead += byl_dels_has(bits, (uint32_t)x);
        }
        live += in - (dead < in ? dead : in);
    }
    return live;
}

int byl_search_sample(byl_searcher *s, uint64_t bound, uint64_t *out, uint64_t *n,
                      uint64_t *covered)
{
    *n = 0;
    *covered = 0;
    if (!s->plan)
        return byl_error_set(BYL_EINVAL, "no search to sample the matches of");
    uint64_t m = 0;
    int rc = BYL_OK;
    for (size_t si = 0; si < s->nsegs && !rc; si++) {
        byl_ictx c = byl_search_ictx(s, si);
        byl_arena a = {0};
        byl_iter *root = byl_iter_new(&c, &a, s->plan);
        if (!root)
            rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory counting the matches");
        for (uint32_t d = root ? root->doc : BYL_END; d != BYL_END && !c.rc;) {
            if (m == bound) {
                /* the bound-th match was the last: the documents before
                 * this one were walked */
                *n = m;
                *covered = s->segs[si].base + d;
                byl_arena_free(&a);
                return BYL_OK;
            }
            if (out)
                out[m] = s->segs[si].base + d;
            m++;
            if (d + 1 == BYL_END)
                break;
            d = root->advance(root, d + 1);
        }
        if (!rc && c.rc)
            rc = c.rc;
        byl_arena_free(&a);
    }
    if (rc)
        return rc;
    *n = m;
    *covered = byl_collection_ndocs(s->coll);
    return BYL_OK;
}

int byl_search_test(byl_searcher *s, const uint64_t *gdocs, size_t n, uint8_t *match)
{
    if (!s->plan)
        return byl_error_set(BYL_EINVAL, "no search to test documents against");
    size_t i = 0;
    int rc = BYL_OK;
    for (size_t si = 0; si < s->nsegs && i < n && !rc; si++) {
        uint64_t base = s->segs[si].base, end = base + s->segs[si].ndocs;
        if (gdocs[i] >= end)
            continue;
        byl_ictx c = byl_search_ictx(s, si);
        byl_arena a = {0};
        byl_iter *root = byl_iter_new(&c, &a, s->plan);
        if (!root)
            rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory testing the matches");
        for (; root && i < n && gdocs[i] < end && !c.rc; i++) {
            uint32_t d = (uint32_t)(gdocs[i] - base);
            if (root->doc < d)
                root->advance(root, d);
            match[i] = root->doc == d;
        }
        if (!rc && c.rc)
            rc = c.rc;
        byl_arena_free(&a);
    }
    for (; i < n; i++)
        match[i] = 0; /* past every segment */
    return rc;
}
