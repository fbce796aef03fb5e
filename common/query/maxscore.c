/*
 * maxscore.c - the top k of a ranked OR of terms and phrases by MaxScore
 * with block-max bounds, and the counting walk of its matches.
 *
 * The lists are sorted by their bound; the ones whose bounds together
 * cannot beat the k-th score are not essential and are only probed for
 * documents an essential list proposes.  Within the essential lists, the
 * current blocks' impacts bound a stretch of documents that is skipped
 * unscored when it cannot win.  Scores are summed in the plan's order, so
 * they equal the oracle's (oracle.c) bit for bit; the tests hold the two to
 * the same top k.
 *
 * Counting (the number of matches, or every match told to on_match) walks
 * the union of the lists into a bitmap per segment without scoring.
 *
 * Not for: queries with required or excluded clauses, filters or date
 * order (the oracle takes those).
 */
#include "query/_search.h"

#include <stdlib.h>
#include <string.h>

#include "query/_cursor.h"
#include "query/bm25.h"
#include "query/topk.h"
#include "util/err.h"
#include "util/mem.h"

/* A TERM leaf may match a word in two forms, its plain term and its capital
 * form, scored by byl_term_iter as one word: tf summed, one idf (see
 * synonym() in plan.c).  MaxScore keeps such a word as one of its lists: the union of the forms'
 * postings, so its contribution, its bound and the summation order stay
 * those of the oracle (oracle.c). */
#define MS_FORMS 2

_Static_assert(MS_FORMS == 2, "ms_err and ms_block_bound handle two forms");

typedef struct ms_term {
    uint32_t doc;      /* smallest current document of the forms, BYL_END when done */
    uint32_t tf;       /* its tf, the forms on it summed (as term_advance does) */
    double idf, bonus, ub;
    uint32_t bb_block[MS_FORMS]; /* blocks whose bound bb holds, UINT32_MAX for none */
    uint32_t bb_last;  /* bb holds for the documents up to this one */
    double bb;         /* bound of the contribution of any document from doc to bb_last */
    int field;
    size_t order;      /* position in the plan, to sum in the oracle's order */
    size_t ncur;
    byl_cursor cur[MS_FORMS]; /* the word's forms present in the segment */
    byl_iter *gen;     /* a phrase: its own iterator, which scores it (cur unused) */
    const int *gen_rc; /* where that iterator reports damage */
} ms_term;

/* Sets m->doc and m->tf from its forms' cursors. */
static uint32_t ms_sync(ms_term *m)
{
    if (m->gen)
        return m->doc = m->gen->doc;
    m->doc = BYL_END;
    for (size_t k = 0; k < m->ncur; k++)
        if (m->cur[k].doc < m->doc)
            m->doc = m->cur[k].doc;
    m->tf = 0;
    for (size_t k = 0; k < m->ncur; k++)
        if (m->doc != BYL_END && m->cur[k].doc == m->doc)
            m->tf += m->cur[k].tf;
    return m->doc;
}

/* Moves every form to its first document >= target. */
static inline uint32_t ms_next_geq(ms_term *m, uint32_t target)
{
    if (m->gen)
        return m->doc = m->gen->doc < target ? m->gen->advance(m->gen, target) : m->gen->doc;
    if (m->ncur == 1) { /* the common case, kept as cheap as a bare cursor */
        m->doc = byl_cursor_next_geq(&m->cur[0], target);
        m->tf = m->cur[0].tf;
        return m->doc;
    }
    for (size_t k = 0; k < m->ncur; k++)
        if (m->cur[k].doc < target)
            byl_cursor_next_geq(&m->cur[k], target);
    return ms_sync(m);
}

/* Moves past the current document: the forms on it step on. */
static inline uint32_t ms_next(ms_term *m)
{
    if (m->gen)
        return m->doc = m->doc >= BYL_END - 1 ? BYL_END : m->gen->advance(m->gen, m->doc + 1);
    if (m->ncur == 1) {
        m->doc = byl_cursor_next(&m->cur[0]);
        m->tf = m->cur[0].tf;
        return m->doc;
    }
    uint32_t d = m->doc;
    for (size_t k = 0; k < m->ncur; k++)
        if (m->cur[k].doc == d)
            byl_cursor_next(&m->cur[k]);
    return ms_sync(m);
}

/* Damage met by a form's cursor (checked per document: kept loop-free). */
static inline int ms_err(const ms_term *m)
{
    if (m->gen)
        return *m->gen_rc;
    return m->cur[0].err ? m->cur[0].err : m->ncur > 1 ? m->cur[1].err : 0;
}

/* Bounds m's contribution to the documents from m->doc up to the end of
 * the first of its forms' current blocks (m->bb, m->bb_last).  A document
 * of the union is in one form's block or in both; by the impacts (see
 * format.h) its tf in each form is at most some pair's tf while its length
 * is at least that pair's length, so the tf part of the pairs' tfs summed at
 * the larger of their lengths bounds it (the tf part grows with tf and shrinks
 * with length).  Every combination, a form's block left out included, is
 * tried: with one form this is the largest tf part of its impacts. */
static void ms_block_bound(const byl_searcher *s, ms_term *m)
{
    if (m->gen) { /* a phrase has no blocks of its own: its bound holds throughout */
        m->bb = m->ub;
        m->bb_last = BYL_END - 1;
        return;
    }
    if (m->ncur == 1 && m->cur[0].block == m->bb_block[0]) { /* the usual case: bb holds */
        m->bb_last = byl_cursor_block_last(&m->cur[0]);
        return;
    }
    uint32_t itf[MS_FORMS][BYL_IMPACTS + 1], ilen[MS_FORMS][BYL_IMPACTS + 1];
    size_t ni[MS_FORMS] = {0};
    int same = 1;
    uint32_t last = BYL_END;
    for (size_t k = 0; k < m->ncur; k++) {
        uint32_t blk = UINT32_MAX;
        if (m->cur[k].doc != BYL_END) {
            blk = m->cur[k].block;
            uint32_t l = byl_cursor_block_last(&m->cur[k]);
            if (l < last)
                last = l;
        }
        same &= blk == m->bb_block[k];
        m->bb_block[k] = blk;
    }
    m->bb_last = last;
    if (same)
        return;
    for (size_t k = 0; k < m->ncur; k++) {
        itf[k][0] = ilen[k][0] = 0; /* the form absent from the document */
        ni[k] = 1;
        if (m->cur[k].doc != BYL_END)
            ni[k] += byl_cursor_block_impacts(&m->cur[k], itf[k] + 1, ilen[k] + 1);
    }
    double best = 0;
    size_t n1 = m->ncur > 1 ? ni[1] : 1;
    for (size_t a = 0; a < ni[0]; a++)
        for (size_t b = 0; b < n1; b++) {
            const size_t pick[MS_FORMS] = {a, b};
            uint32_t tf = 0, len = 0;
            for (size_t k = 0; k < m->ncur; k++) {
                if (!itf[k][pick[k]])
                    continue; /* left out (a pair of tf 0 bounds nothing) */
                tf += itf[k][pick[k]];
                if (ilen[k][pick[k]] > len)
                    len = ilen[k][pick[k]];
            }
            if (!tf)
                continue;
            double v = byl_bm25_tf_part(&s->bm, tf, len, m->field);
            if (v > best)
                best = v;
        }
    m->bb = m->bonus + m->idf * best;
}

/* Collects the TERM and PHRASE leaves of a ranked OR: a group of should
 * terms and phrases (or of ORs of them, as acronym expansion and the name
 * clauses of a query make: "the globe newspaper" is its three words, the
 * name and the phrase "globe newspaper").  Returns 0 if p is not such a
 * query. */
int byl_maxscore_collect(const byl_plan *p, const byl_plan **out, size_t *n, size_t cap)
{
    if (p->type == BYL_P_TERM) {
        if (p->field == BYL_F_BODY || p->nterms > MS_FORMS || *n == cap)
            return 0;
        out[(*n)++] = p;
        return 1;
    }
    if (p->type == BYL_P_PHRASE) {
        if (*n == cap)
            return 0;
        out[(*n)++] = p;
        return 1;
    }
    if (p->type != BYL_P_GROUP && p->type != BYL_P_OR)
        return 0;
    for (size_t i = 0; i < p->nkids; i++) {
        const byl_plan *k = p->kids[i];
        if (p->type == BYL_P_GROUP && k->role != BYL_ROLE_SHOULD)
            return 0;
        if (k->type == BYL_P_OR || k->type == BYL_P_GROUP) {
            if (!byl_maxscore_collect(k, out, n, cap))
                return 0;
        } else if (k->type == BYL_P_NONE) {
            continue;
        } else if ((k->type != BYL_P_TERM && k->type != BYL_P_PHRASE) || !byl_maxscore_collect(k, out, n, cap)) {
            return 0;
        }
    }
    return 1;
}

/* m's contribution to its current document, of field lengths lens:
 * term_score's formula (cursor.c) with the word's tf (its forms summed), or the
 * phrase's own score. */
static inline double ms_score(const byl_searcher *s, ms_term *m, const uint32_t *lens)
{
    if (m->gen)
        return m->gen->score(m->gen);
    return m->bonus + m->idf * byl_bm25_tf_part(&s->bm, m->tf, lens[m->field], m->field);
}

static int cmp_ub(const void *a, const void *b)
{
    const ms_term *x = *(ms_term *const *)a, *y = *(ms_term *const *)b;
    return x->ub < y->ub ? -1 : x->ub > y->ub;
}

/* Scores one segment by MaxScore, its lists in store (room for nleaves).  Adds hits to
 * the heap; returns the number of documents fully scored, or -1 on error
 * (s->rc set). */
static long maxscore_run(byl_searcher *s, ms_term *store, const byl_plan **leaves, size_t nleaves,
                         size_t si, size_t k, byl_arena *ar)
{
    ms_term *t[64]; /* the lists present, sorted by bound (pointers: a term is large) */
    double cum[64], contrib[64];
    size_t n = 0;
    byl_ictx c = byl_search_ictx(s, si);
    for (size_t i = 0; i < nleaves; i++) {
        const byl_plan *lp = leaves[i];
        ms_term *m = t[n] = &store[n];
        m->ncur = 0;
        m->gen = NULL;
        if (lp->type == BYL_P_PHRASE) {
            /* the oracle's iterator, scoring as it does; its bound: a
             * phrase occurs no more often than its rarest word */
            byl_iter *g = byl_iter_new(&c, ar, lp);
            if (!g)
                return s->rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory evaluating "
                                                           "the query"), -1;
            if (c.rc)
                return s->rc = c.rc, -1;
            if (g->doc == BYL_END)
                continue; /* a word of it is absent, or it never occurs here */
            const byl_phrase_iter *ph = (const byl_phrase_iter *)g;
            double mt = UINT32_MAX;
            for (size_t w = 0; w < ph->n; w++) {
                double wt = ((ph->has[w] & 1) ? ph->cur[w].max_tf : 0) +
                            ((ph->has[w] & 2) ? ph->alt[w].max_tf : 0);
                if (wt < mt)
                    mt = wt;
            }
            m->gen = g;
            m->gen_rc = &c.rc;
            m->doc = g->doc;
            m->order = i;
            m->bonus = ph->bonus;
            m->ub = ph->bonus + byl_bm25_upper(&s->bm, ph->idf, mt);
            n++;
            continue;
        }
        double mt = 0; /* no document has a larger tf than the forms' largest summed */
        for (size_t f = 0; f < lp->nterms; f++) {
            const byl_pterm *pt = &lp->terms[f];
            if (!pt->present[si])
                continue;
            byl_cursor *cur = &m->cur[m->ncur];
            m->bb_block[m->ncur++] = UINT32_MAX;
            byl_cursor_init(cur, c.seg, &pt->info[si]);
            if (cur->err)
                return s->rc = cur->err, -1;
            mt += cur->max_tf;
        }
        if (!m->ncur)
            continue;
        n++;
        ms_sync(m);
        m->idf = lp->terms[0].idf; /* one idf for the word, as byl_term_iter has */
        m->bonus = lp->bonus;
        m->field = lp->field;
        m->order = i;
        m->bb_last = 0;
        m->ub = m->bonus + byl_bm25_upper(&s->bm, m->idf, mt);
    }
    if (!n)
        return 0;
    qsort(t, n, sizeof *t, cmp_ub);
    for (size_t i = 0; i < n; i++)
        cum[i] = t[i]->ub + (i ? cum[i - 1] : 0);
    const double slack = 1.0 + 1e-9;
    double theta = s->nhits == k && k ? s->hits[0].score : -1.0;
    size_t first = 0; /* lists [first, n) are essential */
    while (first < n && cum[first] * slack <= theta)
        first++;
    long scored = 0;
    uint32_t lens[BYL_NFIELDS];
    for (;;) {
        uint32_t d = BYL_END;
        for (size_t i = first; i < n; i++)
            if (t[i]->doc < d)
                d = t[i]->doc;
        if (d == BYL_END || first >= n)
            break;
        /* Block-max: bound the documents from d on by the essential lists'
         * current blocks (their impacts).  Until another
         * essential list has a document or one of those blocks ends,
         * nothing can beat theta: skip that stretch unscored. */
        if (s->nhits == k) {
            double bound = first ? cum[first - 1] : 0;
            uint32_t next = BYL_END;
            for (size_t i = first; i < n; i++) {
                if (t[i]->doc == d) {
                    ms_block_bound(s, t[i]);
                    bound += t[i]->bb;
                    if (t[i]->bb_last < next - 1)
                        next = t[i]->bb_last + 1;
                } else if (t[i]->doc < next) {
                    next = t[i]->doc;
                }
            }
            if (bound * slack <= theta) {
                for (size_t i = first; i < n; i++)
                    if (t[i]->doc < next)
                        ms_next_geq(t[i], next);
                for (size_t i = first; i < n; i++)
                    if (ms_err(t[i]))
                        return s->rc = ms_err(t[i]), -1;
                continue;
            }
        }
        int64_t date = INT64_MIN;
        if (byl_segment_doc_info(c.seg, d, &date, lens))
            return s->rc = BYL_ECORRUPT, -1;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            contrib[i] = 0;
        /* term_score's formula (cursor.c), with the word's tf (its forms summed) */
        for (size_t i = first; i < n; i++) {
            if (t[i]->doc != d)
                continue;
            contrib[i] = ms_score(s, t[i], lens);
            sum += contrib[i];
            ms_next(t[i]);
        }
        int pruned = 0;
        for (size_t i = first; i-- > 0;) {
            if ((sum + cum[i]) * slack <= theta) {
                pruned = 1;
                break;
            }
            if (ms_next_geq(t[i], d) == d) {
                contrib[i] = ms_score(s, t[i], lens);
                sum += contrib[i];
            }
        }
        for (size_t i = 0; i < n; i++)
            if (ms_err(t[i]))
                return s->rc = ms_err(t[i]), -1;
        if (pruned)
            continue;
        scored++;
        /* the oracle's summation order, for identical scores */
        double ordered[64], score = 0;
        for (size_t i = 0; i < nleaves; i++)
            ordered[i] = 0;
        for (size_t i = 0; i < n; i++)
            ordered[t[i]->order] = contrib[i];
        for (size_t i = 0; i < nleaves; i++)
            score += ordered[i];
        score *= byl_search_decay(s, date);
        if (s->nhits == k && score <= theta)
            continue; /* a later document never wins a tie */
        byl_hit h = {.score = score, .ix = s->segs[si].ix, .seg = s->segs[si].segno, .doc = d,
                     .gdoc = s->segs[si].base + d, .date = date};
        if (k)
            byl_topk_push(s->hits, &s->nhits, k, &h, s->o.sort);
        if (s->nhits == k && k) {
            theta = s->hits[0].score;
            while (first < n && cum[first] * slack <= theta)
                first++;
        }
    }
    return scored;
}

/* Scores one segment by MaxScore (see maxscore_run).  The lists live on
 * the heap: two cursors a word, 64 words, are too large for a stack. */
long byl_maxscore_segment(byl_searcher *s, const byl_plan **leaves, size_t nleaves, size_t si, size_t k)
{
    ms_term *t = byl_malloc(nleaves * sizeof *t);
    if (!t) {
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        return -1;
    }
    byl_arena a = {0}; /* the phrases' iterators */
    long r = maxscore_run(s, t, leaves, nleaves, si, k, &a);
    byl_arena_free(&a);
    byl_free(t);
    return r;
}

/* The matches of a ranked OR whose leaves MaxScore collected, each told
 * to o->on_match, without scoring them: the union of the leaves' documents, gathered list by list
 * into a bitmap per segment (no iterator tree, no per-document merge),
 * then counted and told to on_match in document order.  A quarter of a
 * million matches at a million articles took 20 ms through the iterators. */
uint64_t byl_maxscore_count(byl_searcher *s, const byl_plan **leaves, size_t nleaves,
                            const byl_search_opts *o)
{
    uint64_t matches = 0;
    for (size_t si = 0; si < s->nsegs && !s->rc; si++) {
        byl_ictx c = byl_search_ictx(s, si);
        size_t nw = ((size_t)c.ndocs + 63) / 64;
        uint64_t *bits = byl_calloc(nw ? nw : 1, sizeof *bits);
        if (!bits) {
            s->rc = byl_error_set(BYL_ENOMEM, "out of memory counting the matches");
            break;
        }
        byl_arena a = {0};
        for (size_t i = 0; i < nleaves && !c.rc; i++) {
            const byl_plan *lp = leaves[i];
            if (lp->type == BYL_P_PHRASE) {
                byl_iter *g = byl_iter_new(&c, &a, lp);
                if (!g && !c.rc)
                    c.rc = byl_error_set(BYL_ENOMEM, "out of memory counting the matches");
                for (uint32_t d = g ? g->doc : BYL_END; d < c.ndocs && !c.rc;
                     d = d + 1 >= BYL_END ? BYL_END : g->advance(g, d + 1))
                    bits[d >> 6] |= 1ull << (d & 63);
                continue;
            }
            for (size_t f = 0; f < lp->nterms && !c.rc; f++) {
                if (!lp->terms[f].present[si])
                    continue;
                byl_cursor cur;
                byl_cursor_init(&cur, c.seg, &lp->terms[f].info[si]);
                for (uint32_t d = cur.doc; d < c.ndocs && !cur.err; d = byl_cursor_next(&cur))
                    bits[d >> 6] |= 1ull << (d & 63);
                if (cur.err)
                    c.rc = cur.err;
            }
        }
        byl_arena_free(&a);
        for (size_t w = 0; w < nw && !c.rc; w++) {
            uint64_t x = bits[w];
            matches += (uint64_t)__builtin_popcountll(x);
            while (o->on_match && x) {
                uint32_t d = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(x));
                o->on_match(o->on_match_ctx, s->segs[si].ix, s->segs[si].segno, d);
                x &= x - 1;
            }
        }
        byl_free(bits);
        if (c.rc)
            s->rc = c.rc;
    }
    return matches;
}
