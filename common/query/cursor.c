/*
 * cursor.c - the iterators a plan becomes in one segment (_cursor.h):
 * terms (a word in one or two forms, body: counting only the occurrences
 * past the title), phrases (positions matched with slop, a title
 * occurrence weighing what a title word does), groups of must, should and
 * not clauses, ORs, date filters and every live document.
 *
 * Each iterator advances to its first match >= a target and scores the
 * document it stands on with bm25.h.  Required clauses leapfrog from the
 * rarest.
 *
 * Not for: choosing which documents to score (oracle.c scores all,
 * maxscore.c skips) or building plans.
 */
#include "query/_cursor.h"

#include <string.h>

#include "query/bm25.h"
#include "util/err.h"
#include "util/mem.h"

typedef struct group_iter {
    byl_iter base;
    byl_ictx *c;
    byl_iter **must, **should, **not;
    size_t nmust, nshould, nnot;
    int need_should;     /* the only musts are filters: a should must match */
} group_iter;

typedef struct date_iter {
    byl_iter base;
    byl_ictx *c;
    int64_t lo, hi;
} date_iter;

/* Field lengths of doc, read once however many clauses score it: those
 * of LENS (TEXT, TITLE, NAME: byl_segment_short_lens, 4 bytes where DOCS
 * has 32) unless all are wanted, the whole record then. */
static const uint32_t *doc_lens_of(byl_ictx *c, uint32_t doc, int all)
{
    if (c->lens_doc != doc || (all && !c->lens_all)) {
        int rc = all ? byl_segment_doc_info(c->seg, doc, NULL, c->lens)
                     : byl_segment_short_lens(c->seg, doc, c->lens);
        if (rc) {
            c->rc = rc == BYL_EINVAL ? BYL_ECORRUPT : rc;
            memset(c->lens, 0, sizeof c->lens);
        }
        c->lens_doc = doc;
        c->lens_all = all;
    }
    return c->lens;
}

static const uint32_t *doc_lens(byl_ictx *c, uint32_t doc) { return doc_lens_of(c, doc, 0); }

static double doc_len(byl_ictx *c, uint32_t doc, int field)
{
    const uint32_t *lens = doc_lens_of(c, doc, !byl_lens_has(field));
    if (field == BYL_F_BODY)
        return (double)lens[BYL_F_TEXT] - (double)c->title_weight * lens[BYL_F_TITLE];
    return lens[field];
}

/* For callers outside this file (explain.c); the iterators call doc_len()
 * itself, which the compiler inlines. */
double byl_iter_doc_len(byl_ictx *c, uint32_t doc, int field) { return doc_len(c, doc, field); }

/* First TEXT position past the title of doc: title positions come first and
 * the body starts BYL_TITLE_GAP after the title's last (see inverter.c), so
 * anything below title length + half the gap is in the title. */
static uint32_t title_end(byl_ictx *c, uint32_t doc)
{
    const uint32_t *lens = doc_lens(c, doc);
    return lens[BYL_F_TITLE] ? lens[BYL_F_TITLE] + BYL_TITLE_GAP / 2 : 0;
}

/* Positions of the current document of a cursor, into a growable buffer. */
static long cursor_positions(byl_ictx *c, byl_cursor *cur, uint32_t **buf, size_t *cap)
{
    long n = byl_cursor_positions(cur, *buf, *cap);
    if (n >= 0 && (size_t)n > *cap) {
        size_t ncap = (size_t)n + 16;
        uint32_t *b = byl_realloc(*buf, ncap * sizeof *b);
        if (!b) {
            c->rc = byl_error_set(BYL_ENOMEM, "out of memory reading positions");
            return -1;
        }
        *buf = b;
        *cap = ncap;
        n = byl_cursor_positions(cur, *buf, *cap);
    }
    if (n < 0 && !c->rc)
        c->rc = BYL_ECORRUPT;
    return n;
}

static uint32_t term_advance(byl_iter *i, uint32_t target)
{
    byl_term_iter *t = (byl_term_iter *)i;
    for (;;) {
        uint32_t d = BYL_END;
        if (t->has & 1)
            d = byl_cursor_next_geq(&t->cur, target);
        if (t->has & 2) {
            uint32_t y = byl_cursor_next_geq(&t->cur2, target);
            d = y < d ? y : d;
        }
        if (t->cur.err || t->cur2.err)
            t->c->rc = t->cur.err ? t->cur.err : t->cur2.err;
        i->doc = d;
        if (d == BYL_END || t->c->rc)
            break;
        int one = (t->has & 1) && t->cur.doc == d, two = (t->has & 2) && t->cur2.doc == d;
        t->tf = (one ? t->cur.tf : 0) + (two ? t->cur2.tf : 0);
        if (t->field != BYL_F_BODY)
            break;
        /* body: the occurrences after the title */
        uint32_t from = title_end(t->c, d);
        t->body_tf = 0;
        for (int k = 0; k < 2; k++) {
            if (!(k ? two : one))
                continue;
            long n = cursor_positions(t->c, k ? &t->cur2 : &t->cur, &t->pos, &t->poscap);
            for (long x = 0; x < n; x++)
                t->body_tf += t->pos[x] >= from;
        }
        if (t->body_tf || t->c->rc || d + 1 == BYL_END)
            break;
        target = d + 1;
    }
    if (t->c->rc)
        i->doc = BYL_END;
    return i->doc;
}

static void term_release(byl_iter *i)
{
    byl_term_iter *t = (byl_term_iter *)i;
    byl_free(t->pos);
}

static void phrase_release(byl_iter *i)
{
    byl_phrase_iter *p = (byl_phrase_iter *)i;
    for (size_t k = 0; k < p->n; k++) {
        byl_free(p->pos[k]);
        byl_free(p->apos[k]);
    }
}

static double term_score(byl_iter *i)
{
    byl_term_iter *t = (byl_term_iter *)i;
    double tf = t->field == BYL_F_BODY ? t->body_tf : t->tf;
    double dl = doc_len(t->c, i->doc, t->field);
    return t->bonus + t->idf * byl_bm25_tf_part(t->c->bm, tf, dl, t->field);
}

/* Positions of phrase position k in document d (where its term or its
 * capital form is), in order, into p->pos[k]; their number, or -1. */
static long slot_positions(byl_phrase_iter *p, size_t k, uint32_t d)
{
    int t = (p->has[k] & 1) && p->cur[k].doc == d, a = (p->has[k] & 2) && p->alt[k].doc == d;
    if (!a)
        return cursor_positions(p->c, &p->cur[k], &p->pos[k], &p->poscap[k]);
    long na = cursor_positions(p->c, &p->alt[k], &p->apos[k], &p->aposcap[k]);
    long nt = t ? cursor_positions(p->c, &p->cur[k], &p->pos[k], &p->poscap[k]) : 0;
    if (na < 0 || nt < 0)
        return -1;
    size_t n = (size_t)nt + (size_t)na;
    if (n > p->poscap[k]) {
        uint32_t *b = byl_realloc(p->pos[k], n * sizeof *b);
        if (!b) {
            p->c->rc = byl_error_set(BYL_ENOMEM, "out of memory reading positions");
            return -1;
        }
        p->pos[k] = b;
        p->poscap[k] = n;
    }
    /* merge from the back: pos[k][0..nt) and apos[k][0..na) */
    size_t x = (size_t)nt, y = (size_t)na, z = n;
    while (y > 0) {
        if (x > 0 && p->pos[k][x - 1] > p->apos[k][y - 1])
            p->pos[k][--z] = p->pos[k][--x];
        else
            p->pos[k][--z] = p->apos[k][--y];
    }
    return (long)n;
}

/* Counts phrase occurrences in document d, where every position's cursors
 * stand. */
static uint32_t phrase_freq(byl_phrase_iter *p, uint32_t d)
{
    for (size_t k = 0; k < p->n; k++) {
        long n = slot_positions(p, k, d);
        if (n < 0)
            return 0;
        p->posn[k] = (size_t)n;
    }
    /* In TEXT, an occurrence in the title counts title_weight times, as a
     * title word does (title positions come first; see inverter.c). */
    uint32_t tend = 0, w = 1;
    if (p->field == BYL_F_TEXT || p->field == BYL_F_BODY) {
        tend = title_end(p->c, d);
        w = p->field == BYL_F_BODY ? 0
            : p->c->title_weight ? p->c->title_weight : 1;
    }
    uint32_t freq = 0;
    size_t idx[BYL_MAX_PHRASE] = {0};
    uint32_t took0;                /* the anchor's position */
    size_t next[BYL_MAX_PHRASE];   /* per word: the index past its last position taken */
    for (size_t a = 0; a < p->posn[0]; a++) {
        int64_t anchor = (int64_t)p->pos[0][a] - p->relpos[0];
        int ok = 1;
        took0 = p->pos[0][a];
        for (size_t k = 0; k < p->n; k++)
            next[k] = 0;
        for (size_t k = 1; k < p->n && ok; k++) {
            int64_t want = anchor + p->relpos[k];
            /* advance to the first position >= want - slop */
            while (idx[k] < p->posn[k] && (int64_t)p->pos[k][idx[k]] < want - p->slop)
                idx[k]++;
            /* The first position in reach that no earlier place of the
             * same word took: with slop, one "budget" once stood for both
             * of "budget budget"~3.  Taking the earliest free is the best
             * choice, as the reaches move right with k, so the positions a
             * word's places take increase: a place starts past the last
             * one its word took (next), and only the anchor's may lie
             * ahead (checking every earlier place made a phrase of one
             * word sixty times over an article of it 130 times slower). */
            size_t u = p->word[k], j = idx[k] > next[u] ? idx[k] : next[u];
            ok = 0;
            for (; j < p->posn[k] && (int64_t)p->pos[k][j] <= want + p->slop; j++) {
                if (u == p->word[0] && p->pos[k][j] == took0)
                    continue; /* the anchor's own occurrence */
                next[u] = j + 1;
                ok = 1;
                break;
            }
        }
        if (ok)
            freq += p->pos[0][a] < tend ? w : 1;
    }
    return freq;
}

/* Documents of phrase position k's word, both forms. */
static uint64_t slot_df(const byl_phrase_iter *p, uint8_t k)
{
    return ((p->has[k] & 1) ? p->cur[k].df : 0) + ((p->has[k] & 2) ? p->alt[k].df : 0);
}

/* Moves phrase position k to its first document >= d (that of its term or
 * of its capital form, whichever comes first). */
static uint32_t slot_next_geq(byl_phrase_iter *p, size_t k, uint32_t d)
{
    uint32_t x = BYL_END;
    if (p->has[k] & 1) {
        x = byl_cursor_next_geq(&p->cur[k], d);
        if (p->cur[k].err)
            p->c->rc = p->cur[k].err;
    }
    if (p->has[k] & 2) {
        uint32_t y = byl_cursor_next_geq(&p->alt[k], d);
        if (p->alt[k].err)
            p->c->rc = p->alt[k].err;
        if (y < x)
            x = y;
    }
    return p->c->rc ? BYL_END : x;
}

/* Moves every position of p to document d or past it, from the rarest
 * word (p->lead), until all stand on one document: the phrase's candidate,
 * its positions not read. */
static uint32_t phrase_approx(byl_phrase_iter *p, uint32_t d)
{
    for (;;) {
        int moved = 0;
        for (size_t j = 0; j < p->n; j++) {
            uint32_t x = slot_next_geq(p, p->lead[j], d);
            if (x == BYL_END)
                return p->base.doc = BYL_END;
            if (x > d) {
                d = x;
                moved = 1;
                break; /* the rarer words first to the new candidate */
            }
        }
        if (!moved)
            return p->base.doc = d;
    }
}

uint32_t byl_phrase_approx(byl_iter *i, uint32_t target)
{
    byl_phrase_iter *p = (byl_phrase_iter *)i;
    if (i->doc == BYL_END || i->doc >= target)
        return i->doc;
    return phrase_approx(p, target);
}

int byl_phrase_verify(byl_iter *i)
{
    byl_phrase_iter *p = (byl_phrase_iter *)i;
    if (i->doc == BYL_END)
        return 0;
    p->freq = phrase_freq(p, i->doc);
    return p->freq && !p->c->rc;
}

static uint32_t phrase_advance(byl_iter *i, uint32_t target)
{
    byl_phrase_iter *p = (byl_phrase_iter *)i;
    uint32_t d = target;
    for (;;) {
        d = phrase_approx(p, d);
        if (d == BYL_END)
            return d;
        p->freq = phrase_freq(p, d);
        if (p->c->rc)
            return i->doc = BYL_END;
        if (p->freq)
            return i->doc = d;
        d++;
        if (d == BYL_END)
            return i->doc = BYL_END;
    }
}

static double phrase_score(byl_iter *i)
{
    byl_phrase_iter *p = (byl_phrase_iter *)i;
    double dl = doc_len(p->c, i->doc, p->field);
    return p->bonus + p->idf * byl_bm25_tf_part(p->c->bm, p->freq, dl, p->field);
}

static uint32_t date_advance(byl_iter *i, uint32_t target)
{
    date_iter *d = (date_iter *)i;
    for (uint32_t doc = target; doc < d->c->ndocs; doc++) {
        int64_t date;
        if (byl_segment_is_deleted(d->c->seg, doc))
            continue;
        if (byl_segment_doc_info(d->c->seg, doc, &date, NULL)) {
            d->c->rc = BYL_ECORRUPT;
            break;
        }
        if (date != INT64_MIN && date >= d->lo && date <= d->hi)
            return i->doc = doc;
    }
    return i->doc = BYL_END;
}

static double zero_score(byl_iter *i)
{
    (void)i;
    return 0.0;
}

static uint32_t none_advance(byl_iter *i, uint32_t target)
{
    (void)target;
    return i->doc = BYL_END;
}

static uint32_t all_advance(byl_iter *i, uint32_t target)
{
    date_iter *d = (date_iter *)i;
    while (target < d->c->ndocs && byl_segment_is_deleted(d->c->seg, target))
        target++;
    return i->doc = target < d->c->ndocs ? target : BYL_END;
}

/* Smallest current doc among its (advanced) children, moving to target. */
static uint32_t min_advance(byl_iter **kids, size_t n, uint32_t target)
{
    uint32_t best = BYL_END;
    for (size_t k = 0; k < n; k++) {
        uint32_t d = kids[k]->doc;
        if (d < target)
            d = kids[k]->advance(kids[k], target);
        if (d < best)
            best = d;
    }
    return best;
}

static int excluded(group_iter *g, uint32_t d)
{
    for (size_t k = 0; k < g->nnot; k++) {
        uint32_t x = g->not[k]->doc;
        if (x < d)
            x = g->not[k]->advance(g->not[k], d);
        if (x == d)
            return 1;
    }
    return 0;
}

static uint32_t group_advance(byl_iter *i, uint32_t target)
{
    group_iter *g = (group_iter *)i;
    uint32_t d = target;
    for (;;) {
        if (g->c->rc || d == BYL_END)
            return i->doc = BYL_END;
        if (g->need_should) {
            d = min_advance(g->should, g->nshould, d);
            if (d == BYL_END)
                return i->doc = BYL_END;
        }
        if (g->nmust) {
            int moved;
            do {
                moved = 0;
                for (size_t k = 0; k < g->nmust; k++) {
                    uint32_t x = g->must[k]->doc;
                    if (x < d)
                        x = g->must[k]->advance(g->must[k], d);
                    if (x == BYL_END)
                        return i->doc = BYL_END;
                    if (x > d) {
                        d = x;
                        moved = 1;
                    }
                }
            } while (moved);
            if (g->need_should) {
                /* the filters moved past d: is a should still there? */
                int any = 0;
                for (size_t k = 0; k < g->nshould && !any; k++) {
                    uint32_t x = g->should[k]->doc;
                    if (x < d)
                        x = g->should[k]->advance(g->should[k], d);
                    any = x == d;
                }
                if (!any) {
                    d++;
                    continue;
                }
            }
        } else {
            d = min_advance(g->should, g->nshould, d);
            if (d == BYL_END)
                return i->doc = BYL_END;
        }
        if (!excluded(g, d))
            return i->doc = d;
        d++;
    }
}

static double group_score(byl_iter *i)
{
    group_iter *g = (group_iter *)i;
    double s = 0;
    uint32_t d = i->doc;
    for (size_t k = 0; k < g->nmust; k++)
        s += g->must[k]->score(g->must[k]);
    for (size_t k = 0; k < g->nshould; k++) {
        uint32_t x = g->should[k]->doc;
        if (x < d)
            x = g->should[k]->advance(g->should[k], d);
        if (x == d)
            s += g->should[k]->score(g->should[k]);
    }
    return s;
}

static int arena_own(byl_arena *a, byl_iter *i)
{
    if (a->nowners == a->owners_cap) {
        size_t cap = a->owners_cap ? a->owners_cap * 2 : 16;
        byl_iter **o = byl_realloc(a->owners, cap * sizeof *o);
        if (!o)
            return -1;
        a->owners = o;
        a->owners_cap = cap;
    }
    a->owners[a->nowners++] = i;
    return 0;
}

static void *arena_alloc(byl_arena *a, size_t size)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        void **b = byl_realloc(a->blocks, cap * sizeof *b);
        if (!b)
            return NULL;
        a->blocks = b;
        a->cap = cap;
    }
    void *p = byl_calloc(1, size);
    if (p)
        a->blocks[a->n++] = p;
    return p;
}

void byl_arena_free(byl_arena *a)
{
    for (size_t i = 0; i < a->nowners; i++)
        a->owners[i]->release(a->owners[i]);
    byl_free(a->owners);
    for (size_t i = 0; i < a->n; i++)
        byl_free(a->blocks[i]);
    byl_free(a->blocks);
    memset(a, 0, sizeof *a);
}

static byl_iter *none_it(byl_ictx *c, byl_arena *a)
{
    date_iter *d = arena_alloc(a, sizeof *d);
    if (!d)
        return NULL;
    d->c = c;
    d->base.advance = none_advance;
    d->base.score = zero_score;
    d->base.doc = BYL_END;
    return &d->base;
}

byl_iter *byl_iter_new(byl_ictx *c, byl_arena *a, const byl_plan *p)
{
    switch (p->type) {
    case BYL_P_NONE:
        return none_it(c, a);
    case BYL_P_TERM: {
        int has = (p->terms[0].present[c->segi] ? 1 : 0) |
                  (p->nterms > 1 && p->terms[1].present[c->segi] ? 2 : 0);
        if (!has)
            return none_it(c, a);
        byl_term_iter *t = arena_alloc(a, sizeof *t);
        if (!t)
            return NULL;
        t->c = c;
        t->has = has;
        t->idf = p->terms[0].idf;
        t->bonus = p->bonus;
        t->field = p->field;
        t->base.advance = term_advance;
        t->base.score = term_score;
        t->base.release = term_release;
        if (arena_own(a, &t->base))
            return NULL;
        t->base.cost = 0;
        for (int k = 0; k < 2; k++) {
            if (!(has & (1 << k)))
                continue;
            byl_cursor *cur = k ? &t->cur2 : &t->cur;
            byl_cursor_init(cur, c->seg, &p->terms[k].info[c->segi]);
            if (cur->err)
                c->rc = cur->err;
            t->base.cost += cur->df;
        }
        term_advance(&t->base, 0);
        return &t->base;
    }
    case BYL_P_PHRASE: {
        uint8_t has[BYL_MAX_PHRASE];
        for (size_t k = 0; k < p->nterms; k++) {
            has[k] = p->terms[k].present[c->segi] ? 1 : 0;
            if (p->alts && p->alts[k].keylen && p->alts[k].present[c->segi])
                has[k] |= 2;
            if (!has[k])
                return none_it(c, a);
        }
        byl_phrase_iter *ph = arena_alloc(a, sizeof *ph);
        if (!ph || !(ph->cur = arena_alloc(a, p->nterms * sizeof *ph->cur)) ||
            !(ph->alt = arena_alloc(a, p->nterms * sizeof *ph->alt)))
            return NULL;
        ph->c = c;
        ph->n = p->nterms;
        ph->relpos = p->relpos;
        ph->slop = p->slop;
        ph->field = p->field;
        ph->bonus = p->bonus;
        ph->idf = 0;
        ph->base.cost = UINT64_MAX;
        for (size_t k = 0; k < p->nterms; k++) {
            ph->idf += p->terms[k].idf;
            ph->has[k] = has[k];
            uint64_t df = 0;
            if (has[k] & 1) {
                byl_cursor_init(&ph->cur[k], c->seg, &p->terms[k].info[c->segi]);
                if (ph->cur[k].err)
                    c->rc = ph->cur[k].err;
                df += ph->cur[k].df;
            }
            if (has[k] & 2) {
                byl_cursor_init(&ph->alt[k], c->seg, &p->alts[k].info[c->segi]);
                if (ph->alt[k].err)
                    c->rc = ph->alt[k].err;
                df += ph->alt[k].df;
            }
            if (df < ph->base.cost)
                ph->base.cost = df;
        }
        ph->idf *= p->scale;
        for (size_t k = 0; k < p->nterms; k++) {
            size_t j = 0;
            while (j < k && !(p->terms[j].keylen == p->terms[k].keylen &&
                              memcmp(p->terms[j].key, p->terms[k].key, p->terms[k].keylen) == 0))
                j++;
            ph->word[k] = (uint8_t)j;
        }
        /* the leapfrog starts from the rarest word */
        for (size_t k = 0; k < p->nterms; k++) {
            size_t y = k;
            for (; y > 0 && slot_df(ph, ph->lead[y - 1]) > slot_df(ph, (uint8_t)k); y--)
                ph->lead[y] = ph->lead[y - 1];
            ph->lead[y] = (uint8_t)k;
        }
        ph->base.advance = phrase_advance;
        ph->base.score = phrase_score;
        ph->base.release = phrase_release;
        if (arena_own(a, &ph->base))
            return NULL;
        ph->base.doc = 0;
        if (c->phrase_unread)
            phrase_approx(ph, 0);
        else
            phrase_advance(&ph->base, 0);
        return &ph->base;
    }
    case BYL_P_DATE:
    case BYL_P_ALL: {
        date_iter *d = arena_alloc(a, sizeof *d);
        if (!d)
            return NULL;
        d->c = c;
        d->lo = p->lo;
        d->hi = p->hi;
        d->base.cost = c->ndocs;
        d->base.advance = p->type == BYL_P_DATE ? date_advance : all_advance;
        d->base.score = zero_score;
        d->base.advance(&d->base, 0);
        return &d->base;
    }
    case BYL_P_GROUP:
    case BYL_P_OR: {
        group_iter *g = arena_alloc(a, sizeof *g);
        if (!g)
            return NULL;
        g->c = c;
        g->must = arena_alloc(a, (p->nkids + 1) * sizeof(byl_iter *));
        g->should = arena_alloc(a, (p->nkids + 1) * sizeof(byl_iter *));
        g->not = arena_alloc(a, (p->nkids + 1) * sizeof(byl_iter *));
        if (!g->must || !g->should || !g->not)
            return NULL;
        int only_filters = 1;
        for (size_t k = 0; k < p->nkids; k++) {
            const byl_plan *kp = p->kids[k];
            byl_iter *ki = byl_iter_new(c, a, kp);
            if (!ki)
                return NULL;
            int role = p->type == BYL_P_OR ? BYL_ROLE_SHOULD : kp->role;
            if (role == BYL_ROLE_MUST && kp->type != BYL_P_DATE)
                only_filters = 0;
            if (role == BYL_ROLE_MUST)
                g->must[g->nmust++] = ki;
            else if (role == BYL_ROLE_NOT)
                g->not[g->nnot++] = ki;
            else
                g->should[g->nshould++] = ki;
        }
        g->need_should = g->nmust && only_filters && g->nshould;
        /* leapfrog from the rarest required clause */
        for (size_t x = 1; x < g->nmust; x++)
            for (size_t y = x; y > 0 && g->must[y]->cost < g->must[y - 1]->cost; y--) {
                byl_iter *tmp = g->must[y];
                g->must[y] = g->must[y - 1];
                g->must[y - 1] = tmp;
            }
        g->base.cost = 0;
        if (g->nmust) {
            g->base.cost = g->must[0]->cost;
        } else {
            for (size_t x = 0; x < g->nshould; x++)
                g->base.cost += g->should[x]->cost;
        }
        g->base.advance = group_advance;
        g->base.score = group_score;
        g->base.doc = 0;
        group_advance(&g->base, 0);
        return &g->base;
    }
    }
    return NULL;
}
