/*
 * maxscore.c - the top k of a ranked OR of terms and phrases by MaxScore
 * with block-max bounds, and the counting walk of its matches.
 *
 * The lists are sorted by cost, the most documents first (then by bound,
 * then by place in the query, so the order of a query's words changes
 * nothing); the first ones whose bounds together cannot beat the k-th score
 * are not essential and are only probed for documents an essential list
 * proposes; they are bounded by their own blocks around each proposed
 * document, found in the skip tables without decoding (a shallow advance,
 * as Lucene's block-max MaxScore does); one whose block bound the others
 * cannot do without is required there, and the essential lists leap over
 * the documents it lacks.  A word repeated in the query is
 * one list counted as often as it occurs.  Putting the longest lists there, rather than the ones of
 * least bound, leaves the fewest documents to propose.  Within the
 * essential lists, the current blocks' impacts bound a stretch of documents
 * that is skipped unscored when it cannot win.  A phrase is a list in two
 * phases: its candidates are the documents with all its words, bounded by
 * the blocks of one of them, and its positions are read only for a
 * candidate that the words' scores and the bounds leave a chance.  Scores are summed in the plan's order, so
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

/* A word repeated in a query is one list with a multiplicity (at most
 * this many repeats folded), not a list per repeat decoding the same
 * postings; the oracle's sum still counts each repeat in its place. */
#define MS_DUPS 7

typedef struct ms_term {
    uint32_t doc;      /* smallest current document of the forms, BYL_END when done */
    uint32_t tf;       /* its tf, the forms on it summed (as term_advance does) */
    double idf, bonus, ub;
    double ub1;        /* a word: ub of one of its mult repeats */
    uint32_t bb_block[MS_FORMS]; /* blocks whose bound bb holds, UINT32_MAX for none */
    uint32_t bb_last;  /* bb holds for the documents up to this one */
    double bb;         /* bound of the contribution of any document from doc to bb_last */
    int field;
    size_t order;      /* position in the plan, to sum in the oracle's order */
    double mult;       /* leaves folded into this word (1 + ndup): its bounds count each */
    size_t ndup;       /* the same word again in the query ("to be or not to be"): */
    size_t dup_order[MS_DUPS]; /* their positions, each given the same contribution */
    uint64_t cost;     /* documents it proposes: a word's, a phrase's rarest word's */
    size_t ncur;
    byl_cursor cur[MS_FORMS]; /* the word's forms present in the segment */
    size_t nbc;
    byl_cursor *bc[MS_FORMS]; /* the cursors whose blocks bound it: cur, or a phrase word's */
    byl_iter *gen;     /* a phrase: its own iterator, which scores it (cur unused) */
    const int *gen_rc; /* where that iterator reports damage */
    int ver;           /* a phrase: occurs in doc (1), does not (0), not yet read (-1) */
    struct ms_term *bw; /* a phrase: the list of its bounding word (phrase_bound_word),
                          every form of it among the list's, or NULL (see ms_phrase_tf_bound) */
    uint32_t on, on_tf; /* a word: the last document it was scored on, and its tf
                           there (an essential word moves past it before the
                           phrases are probed), BYL_END before the first */
    uint64_t off[MS_FORMS]; /* where each form's postings start: a word's cursors,
                               a phrase's bounding word's (noff of them) */
    size_t noff;
    size_t ni;         /* a word of one form: its block's impacts (block bb_block[0]), or 0 */
    uint32_t itf[BYL_IMPACTS], ilen[BYL_IMPACTS];
    /* a list only probed: the bound of its blocks around the current
     * document, found without moving or decoding (ms_shallow_bound) */
    uint32_t sb_block[MS_FORMS]; /* per form, UINT32_MAX before the first */
    uint32_t sb_last;  /* sb holds for the documents up to this one */
    double sb;
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
    if (m->gen) { /* a phrase's candidates: its words together, positions unread */
        if (m->gen->doc < target) {
            byl_phrase_approx(m->gen, target);
            m->ver = -1;
        }
        return m->doc = m->gen->doc;
    }
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
    if (m->gen) {
        m->ver = -1;
        return m->doc = m->doc >= BYL_END - 1 ? BYL_END : byl_phrase_approx(m->gen, m->doc + 1);
    }
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

/* Moves the essential lists t[first, n) to target (those behind it), then
 * returns the first damage any list met, probed ones included, or 0.  A
 * target of 0 moves nothing: only the check. */
static int ms_leap(ms_term **t, size_t first, size_t n, uint32_t target)
{
    for (size_t i = first; i < n; i++)
        if (t[i]->doc < target)
            ms_next_geq(t[i], target);
    for (size_t i = 0; i < n; i++)
        if (ms_err(t[i]))
            return ms_err(t[i]);
    return 0;
}

/* Whether m matches its current document: a term always, a phrase when its
 * positions say so (read once a document, only for candidates that may
 * enter the top k). */
static inline int ms_matches(ms_term *m)
{
    if (!m->gen)
        return 1;
    if (m->ver < 0)
        m->ver = byl_phrase_verify(m->gen);
    return m->ver;
}

/* Bounds m's contribution to the documents from m->doc up to the end of
 * the first of its bounding cursors' current blocks (m->bb, m->bb_last).
 * For a word, those are its forms.  A document of the union is in one
 * form's block or in both; by the impacts (see format.h) its tf in each
 * form is at most some pair's tf while its length is at least that pair's
 * length, so the tf part of the pairs' tfs summed at the larger of their
 * lengths bounds it (the tf part grows with tf and shrinks with length).
 * Every combination, a form's block left out included, is tried: with one
 * form this is the largest tf part of its impacts.  For a phrase, they are
 * the forms of the word chosen by phrase_bound_word (a phrase occurs no
 * more often than that word), the result capped by the phrase's bound. */
static void ms_block_bound_new(const byl_searcher *s, ms_term *m);
static double ms_impacts_bound(const byl_searcher *s, const ms_term *m,
                               uint32_t itf[][BYL_IMPACTS + 1], uint32_t ilen[][BYL_IMPACTS + 1],
                               const size_t *ni);

static inline void ms_block_bound(const byl_searcher *s, ms_term *m)
{
    if (m->nbc == 1 && m->bc[0]->block == m->bb_block[0]) { /* the usual case: bb holds */
        m->bb_last = byl_cursor_block_last(m->bc[0]);
        return;
    }
    ms_block_bound_new(s, m);
}

/* ms_block_bound past its usual case (kept out of line: the loop stays small). */
static void ms_block_bound_new(const byl_searcher *s, ms_term *m)
{
    if (!m->nbc) { /* a phrase in the body: lengths of another field, its bound throughout */
        m->bb = m->ub;
        m->bb_last = BYL_END - 1;
        return;
    }
    uint32_t itf[MS_FORMS][BYL_IMPACTS + 1], ilen[MS_FORMS][BYL_IMPACTS + 1];
    size_t ni[MS_FORMS] = {0};
    int same = 1;
    uint32_t last = BYL_END;
    for (size_t k = 0; k < m->nbc; k++) {
        uint32_t blk = UINT32_MAX;
        if (m->bc[k]->doc != BYL_END) {
            blk = m->bc[k]->block;
            uint32_t l = byl_cursor_block_last(m->bc[k]);
            if (l < last)
                last = l;
        }
        same &= blk == m->bb_block[k];
        m->bb_block[k] = blk;
    }
    m->bb_last = last;
    if (same)
        return;
    for (size_t k = 0; k < m->nbc; k++) {
        itf[k][0] = ilen[k][0] = 0; /* the form absent from the document */
        ni[k] = 1;
        if (m->bc[k]->doc != BYL_END)
            ni[k] += byl_cursor_block_impacts(m->bc[k], itf[k] + 1, ilen[k] + 1);
    }
    m->bb = ms_impacts_bound(s, m, itf, ilen, ni);
    m->ni = 0;
    if (!m->gen && m->nbc == 1 && ni[0] > 1) {
        m->ni = ni[0] - 1;
        memcpy(m->itf, itf[0] + 1, m->ni * sizeof *m->itf);
        memcpy(m->ilen, ilen[0] + 1, m->ni * sizeof *m->ilen);
    }
}

/* The bound of m's contribution from its forms' impacts: itf[k][0..ni[k])
 * for form k of m->bc, pair 0 of each (0, 0), the form absent.  See
 * ms_block_bound. */
static double ms_impacts_bound(const byl_searcher *s, const ms_term *m,
                               uint32_t itf[][BYL_IMPACTS + 1], uint32_t ilen[][BYL_IMPACTS + 1],
                               const size_t *ni)
{
    double best = 0;
    size_t n1 = m->nbc > 1 ? ni[1] : 1;
    for (size_t a = 0; a < ni[0]; a++)
        for (size_t b = 0; b < n1; b++) {
            const size_t pick[MS_FORMS] = {a, b};
            uint32_t tf = 0, len = 0;
            for (size_t k = 0; k < m->nbc; k++) {
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
    double b = m->mult * (m->bonus + m->idf * best);
    return m->gen && b > m->ub ? m->ub : b;
}

/* Whether moving m to d decodes nothing: each form is at d or past it, or
 * its current block holds d.  A phrase always needs its words read. */
static inline int ms_covers(const ms_term *m, uint32_t d)
{
    if (m->gen)
        return 0;
    for (size_t k = 0; k < m->ncur; k++)
        if (m->cur[k].doc < d && byl_cursor_block_last(&m->cur[k]) < d)
            return 0;
    return 1;
}

/* Bounds the contribution of m, a list only probed, to the documents from
 * d (no less than at the last call) up to m->sb_last: its forms' blocks
 * that may hold d are found in the skip tables (a shallow advance: the
 * cursors neither move nor decode), and their impacts bound them as
 * ms_block_bound does the current blocks of an essential list.  Without
 * it a probed list counted as its largest score over the whole segment,
 * and a common word's blocks near the top (every block of "the" holds a
 * short document) kept every document of the essential lists scored.  A
 * phrase (not in the body) by the blocks of its bounding word, as
 * ms_block_bound bounds it when essential: by its own bound throughout,
 * "new york" kept 28,000 articles naming New York scored for "hempstead
 * new york" at a million (instructions 56 -> 49 million). */
static void ms_shallow_bound(const byl_searcher *s, ms_term *m, uint32_t d)
{
    if (m->sb_last >= d && m->sb_block[0] != UINT32_MAX)
        return;
    if (!m->nbc) {
        m->sb = m->ub;
        m->sb_last = BYL_END - 1;
        m->sb_block[0] = 0;
        return;
    }
    uint32_t itf[MS_FORMS][BYL_IMPACTS + 1], ilen[MS_FORMS][BYL_IMPACTS + 1];
    size_t ni[MS_FORMS];
    uint32_t last = BYL_END - 1;
    for (size_t k = 0; k < m->nbc; k++) {
        const byl_cursor *c = m->bc[k];
        uint32_t from = c->block < c->nblocks ? c->block : c->nblocks;
        if (m->sb_block[k] != UINT32_MAX && m->sb_block[k] > from)
            from = m->sb_block[k];
        uint32_t b = byl_cursor_block_find(c, from, d);
        m->sb_block[k] = b;
        itf[k][0] = ilen[k][0] = 0;
        ni[k] = 1;
        if (b < c->nblocks) {
            uint32_t l = byl_cursor_last_of(c, b);
            if (l < last)
                last = l;
            ni[k] += byl_cursor_impacts_of(c, b, itf[k] + 1, ilen[k] + 1);
        }
    }
    m->sb_last = last;
    m->sb = ms_impacts_bound(s, m, itf, ilen, ni);
    if (m->sb > m->ub)
        m->sb = m->ub;
}

/* Bounds the contribution of word m to its current document from its tf
 * alone, before the document's lengths are read (reading them is the
 * dearest part of scoring a document: pages checked).  The document is
 * bounded by one of its block's impacts (format.h): one whose tf is at
 * least its tf, so its length is at least the least length among those,
 * the last of them (pairs by tf and length, both descending).  Without the
 * impacts (two forms, one block), length 0: the norm at its least.  Valid
 * only while the impacts are the current block's (after ms_block_bound). */
static inline double ms_doc_bound(const byl_searcher *s, const ms_term *m)
{
    uint32_t len = 0;
    for (size_t j = 0; j < m->ni && m->itf[j] >= m->tf; j++)
        len = m->ilen[j];
    return m->mult * (m->bonus + m->idf * byl_bm25_tf_part(&s->bm, m->tf, len, m->field));
}

/* The word of phrase ph whose occurrences bound the phrase's (its tf, the
 * forms summed, is at least the phrase's frequency in every document), the
 * rarest such: the first word always (each occurrence of the phrase is
 * counted at its first word, a title one as often as a title word is);
 * with no slop also any word close enough to the first that an occurrence
 * starting in the title cannot end in the body (positions past the title
 * and BYL_TITLE_GAP / 2 are the body's, see title_end in cursor.c): each
 * occurrence then has its own position of that word, in the same field
 * part. */
static size_t phrase_bound_word(const byl_phrase_iter *ph)
{
    size_t best = 0;
    uint64_t bestdf = UINT64_MAX;
    for (size_t w = 0; w < ph->n; w++) {
        if (w && (ph->slop || ph->relpos[w] >= BYL_TITLE_GAP / 2))
            continue;
        uint64_t df = ((ph->has[w] & 1) ? ph->cur[w].df : 0) + ((ph->has[w] & 2) ? ph->alt[w].df : 0);
        if (df < bestdf) {
            bestdf = df;
            best = w;
        }
    }
    return best;
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
/* The lengths of the document being scored, read as little as scoring
 * needs: its TEXT, TITLE and NAME lengths (byl_segment_short_lens: 4
 * bytes a document where a DOCS record has 32, a tenth of the reads of a
 * search at a million articles), the whole record only when a word of
 * another field is on it ("author:" or "source:"), and its date only when it
 * enters a top k sorted by date.  A recency decay wants the date of every document
 * scored: then the record is read whole at once (lazy 0).  Phrases read
 * their own lengths (cursor.c). */
typedef struct ms_lens {
    byl_segment *seg;
    uint32_t doc;
    int lazy;        /* LENS first, the record when asked */
    int full;        /* the record is read: v[] whole and date */
    int64_t date;
    uint32_t v[BYL_NFIELDS];
} ms_lens;

static void ms_lens_init(ms_lens *l, const byl_searcher *s, byl_segment *seg)
{
    l->seg = seg;
    l->lazy = s->o.half_life <= 0;
    l->full = 0;
    l->date = INT64_MIN;
}

/* Starts document d: its TEXT length (or all, not lazy).  BYL_OK or the
 * error, its message set. */
static int ms_lens_at(ms_lens *l, uint32_t d)
{
    l->doc = d;
    l->date = INT64_MIN;
    l->full = !l->lazy;
    if (l->lazy)
        return byl_segment_short_lens(l->seg, d, l->v);
    return byl_segment_doc_info(l->seg, d, &l->date, l->v) ? BYL_ECORRUPT : BYL_OK;
}

/* The current document's whole record (every length, the date).  BYL_OK
 * or BYL_ECORRUPT. */
static int ms_lens_full(ms_lens *l)
{
    if (l->full)
        return BYL_OK;
    l->full = 1;
    return byl_segment_doc_info(l->seg, l->doc, &l->date, l->v) ? BYL_ECORRUPT : BYL_OK;
}

/* The length of field for the current document, reading the record if
 * LENS lacks it.  BYL_OK or BYL_ECORRUPT. */
static int ms_lens_need(ms_lens *l, int field)
{
    if (byl_lens_has(field))
        return BYL_OK;
    return ms_lens_full(l);
}

/* The current document's date (for its hit).  BYL_OK or BYL_ECORRUPT. */
static int ms_lens_date(ms_lens *l, int64_t *date)
{
    int rc = ms_lens_full(l);
    *date = l->date;
    return rc;
}

static inline double ms_score(const byl_searcher *s, ms_term *m, const uint32_t *lens)
{
    if (m->gen)
        return m->gen->score(m->gen);
    return m->bonus + m->idf * byl_bm25_tf_part(&s->bm, m->tf, lens[m->field], m->field);
}

/* Whether TERM leaves a and b are the same word (the same terms, field,
 * bonus and idf): the second is then folded into the first's list. */
static int same_word(const byl_plan *a, const byl_plan *b)
{
    if (a->type != BYL_P_TERM || b->type != BYL_P_TERM || a->nterms != b->nterms ||
        a->field != b->field || a->bonus != b->bonus)
        return 0;
    for (size_t f = 0; f < a->nterms; f++)
        if (a->terms[f].keylen != b->terms[f].keylen || a->terms[f].idf != b->terms[f].idf ||
            memcmp(a->terms[f].key, b->terms[f].key, a->terms[f].keylen))
            return 0;
    return 1;
}

static int cmp_lists(const void *a, const void *b)
{
    const ms_term *x = *(ms_term *const *)a, *y = *(ms_term *const *)b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    if (x->ub != y->ub)
        return x->ub < y->ub ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* A phrase and the list of its bounding word.  "new york" is scored
 * beside "new" and "york" (and, as a name, beside name:"new york"): its
 * frequency in a document is at most that word's tf there, and it cannot
 * occur where the word does not.  Once that word's list has been probed
 * at a candidate, the phrase needs no decoding of its own words to be
 * known absent, and its bound there is its score at the word's tf and the
 * document's length.  At a million articles, "new york population"
 * examined 17,000 articles naming New York, and for each the phrase's
 * words were decoded and four in ten had their positions read, although
 * few could reach the top ten with "new york" once at its real length.
 * Only where the phrase's idf is not negative (its score then grows with
 * its frequency). */
static int ms_link_phrases(ms_term **t, size_t n)
{
    int linked = 0;
    for (size_t i = 0; i < n; i++) {
        ms_term *g = t[i];
        if (!g->gen || g->idf < 0 || !g->noff)
            continue;
        for (size_t j = 0; j < n && !g->bw; j++) {
            const ms_term *x = t[j];
            if (x->gen)
                continue;
            size_t found = 0;
            for (size_t a = 0; a < g->noff; a++)
                for (size_t b = 0; b < x->noff; b++)
                    if (g->off[a] == x->off[b]) {
                        found++;
                        break;
                    }
            if (found == g->noff) {
                g->bw = t[j];
                linked = 1;
            }
        }
    }
    return linked;
}

/* Lists are probed from the last non-essential one down (maxscore_run):
 * a phrase is moved just before its bounding word's list, so that the
 * word is probed first and the phrase is bounded by it (ms_link_phrases).
 * The sort by cost put the phrase after the word when their costs tie. */
static void ms_probe_words_first(ms_term **t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!t[i]->gen || !t[i]->bw)
            continue;
        size_t j = 0;
        while (j < i && t[j] != t[i]->bw)
            j++;
        if (j == i)
            continue; /* already after it */
        ms_term *g = t[i];
        memmove(t + j + 1, t + j, (i - j) * sizeof *t);
        t[j] = g;
    }
}

/* Bound of phrase m's contribution to its bounding word's current
 * document (m->bw on it), from the word's tf there: the phrase's score at
 * that frequency and the document's length (ms_lens_at's lengths; where
 * LENS lacks the field, length 0, the norm at its least). */
static inline double ms_phrase_tf_bound(const byl_searcher *s, const ms_term *m, uint32_t tf,
                                        const uint32_t *lens)
{
    double len = 0;
    if (m->field == BYL_F_BODY) {
        if (byl_lens_has(BYL_F_TEXT) && byl_lens_has(BYL_F_TITLE))
            len = (double)lens[BYL_F_TEXT] - (double)s->stats->title_weight * lens[BYL_F_TITLE];
    } else if (byl_lens_has(m->field)) {
        len = lens[m->field];
    }
    return m->bonus + m->idf * byl_bm25_tf_part(&s->bm, tf, len, m->field);
}

/* What phrase m's bounding word says of document d: 1 it is there (*tf
 * its tf), 0 it is not (nor is the phrase), -1 not yet known (its list
 * not yet moved to d).  A list past d has no d: every list moves to the
 * first document at or after a candidate, never beyond the current one,
 * but for an essential word stepped past d once scored (m->on). */
static inline int ms_phrase_word(const ms_term *m, uint32_t d, uint32_t *tf)
{
    const ms_term *w = m->bw;
    if (!w)
        return -1;
    if (w->on == d) {
        *tf = w->on_tf;
        return 1;
    }
    if (w->doc == d) {
        *tf = w->tf;
        return 1;
    }
    return w->doc > d ? 0 : -1;
}

/* A first threshold for a segment, before any of its documents is
 * scored: when the rarest words' lists hold few documents (at least k, at
 * most 32 k and a sixteenth of all the lists' documents: scoring them
 * first costs what MaxScore would spend on them anyway), their
 * documents are scored first by the words alone (copies of the cursors:
 * the lists stay at their start), and the k-th best of those scores, a
 * little less for rounding, is one that k documents reach: nothing below
 * it can enter the top k.  Without it a query of a rare word and common
 * ones ("the actors studio") scored every document of the common ones
 * until k documents of the rare word had been met.  Phrases only add to a
 * score and are left out (a lower bound still).  Returns the threshold,
 * -1 for none, or -2 with s->rc set. */
static double first_theta(byl_searcher *s, byl_segment *seg, ms_term **t, size_t n, size_t k)
{
    uint64_t total = 0, rare = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i]->cost;
    size_t r = n; /* lists [r, n) are rare (t is by cost, the most first) */
    uint64_t most = total / 16 < 32 * (uint64_t)k ? total / 16 : 32 * (uint64_t)k;
    while (r > 0 && !t[r - 1]->gen && rare + t[r - 1]->cost <= most) {
        rare += t[r - 1]->cost;
        r--;
    }
    if (r == n || rare < k)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (t[i]->gen && (t[i]->bonus < 0 || t[i]->idf < 0))
            return -1;
    ms_term *w = byl_malloc(n * sizeof *w);
    double *heap = byl_malloc(k * sizeof *heap); /* the k best, least first */
    if (!w || !heap) {
        byl_free(w);
        byl_free(heap);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        return -2;
    }
    size_t nw = 0, nr = n - r, nh = 0;
    ms_lens ml;
    ms_lens_init(&ml, s, seg);
    for (size_t i = 0; i < n; i++)
        if (!t[i]->gen)
            w[nw++] = *t[i]; /* the rare ones last, as in t */
    int rc = 0;
    for (;;) {
        uint32_t d = BYL_END;
        for (size_t i = nw - nr; i < nw; i++)
            if (w[i].doc < d)
                d = w[i].doc;
        if (d == BYL_END)
            break;
        if ((rc = ms_lens_at(&ml, d)))
            break;
        double sc = 0;
        for (size_t i = 0; i < nw && !rc; i++)
            if (ms_next_geq(&w[i], d) == d && !(rc = ms_lens_need(&ml, w[i].field)))
                sc += w[i].mult * ms_score(s, &w[i], ml.v);
        if (rc)
            break;
        sc *= byl_search_decay(s, ml.date);
        for (size_t i = nw - nr; i < nw; i++)
            if (w[i].doc == d)
                ms_next(&w[i]);
        for (size_t i = 0; i < nw && !rc; i++)
            rc = ms_err(&w[i]);
        if (rc)
            break;
        /* the k best in a min-heap */
        size_t x;
        if (nh < k) {
            x = nh++;
            while (x && heap[(x - 1) / 2] > sc) {
                heap[x] = heap[(x - 1) / 2];
                x = (x - 1) / 2;
            }
            heap[x] = sc;
        } else if (sc > heap[0]) {
            x = 0;
            for (;;) {
                size_t l = 2 * x + 1, m = l;
                if (l >= nh)
                    break;
                if (l + 1 < nh && heap[l + 1] < heap[l])
                    m = l + 1;
                if (heap[m] >= sc)
                    break;
                heap[x] = heap[m];
                x = m;
            }
            heap[x] = sc;
        }
    }
    double th = nh == k && heap[0] > 0 ? heap[0] * (1 - 1e-6) : -1;
    byl_free(w);
    byl_free(heap);
    if (rc) {
        s->rc = rc;
        return -2;
    }
    return th;
}

/* A list no document can win without, as a bitmap of the segment.  Once
 * the k-th score is above what every other list together can add, a
 * document lacking that list cannot enter the top k.  Two common words
 * of like frequency ("interest only": 110,000 and 96,000 articles at a
 * million) reach that early, and then the essential list proposed every
 * one of its documents only for the required one, probed, to lack six in
 * ten of them: each such proposal cost a probe, bounds and a leap (about
 * 350 instructions).  With the required list's documents in a bitmap, a
 * proposal it lacks costs a bit's test and a step.  Made at most once a
 * segment, and only when the list holds at most twice the documents the
 * essential lists propose (decoding it whole must cost less than the
 * probes it saves). */
typedef struct ms_req {
    uint64_t *bits;    /* the required list's documents from where it stood
                          when made, or NULL (none made) */
} ms_req;

/* Makes rq's bitmap if a probed word, t[0, first), is now required (see
 * ms_req).  BYL_OK, or an error with its message set. */
static int ms_req_make(ms_term **t, size_t first, size_t n, double theta, double slack,
                       uint32_t ndocs, ms_req *rq)
{
    if (rq->bits || theta < 0 || !first || first >= n)
        return BYL_OK;
    uint64_t ess = 0;
    for (size_t i = first; i < n; i++)
        ess += t[i]->cost;
    size_t best = n;
    for (size_t i = 0; i < first; i++) {
        if (t[i]->gen || t[i]->cost > 2 * ess || (best < n && t[i]->cost >= t[best]->cost))
            continue;
        double others = 0; /* what a document lacking t[i] can reach at most */
        for (size_t j = 0; j < n; j++)
            if (j != i && t[j]->ub > 0)
                others += t[j]->ub;
        if (others * slack <= theta)
            best = i;
    }
    if (best == n)
        return BYL_OK;
    ms_term *m = t[best];
    uint64_t *bits = byl_calloc(((size_t)ndocs + 63) / 64 + 1, sizeof *bits);
    if (!bits)
        return byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
    for (size_t k = 0; k < m->ncur; k++) {
        /* a copy: the list itself stays where it is.  Deleted documents
         * get their bits too: no list proposes them. */
        byl_cursor c = m->cur[k];
        for (;;) {
            const uint32_t *docs;
            size_t nd = byl_cursor_block_rest(&c, &docs);
            if (!nd)
                break;
            for (size_t j = 0; j < nd; j++)
                if (docs[j] < ndocs)
                    bits[docs[j] >> 6] |= 1ull << (docs[j] & 63);
            byl_cursor_skip_block(&c);
        }
        if (c.err) {
            byl_free(bits);
            return c.err;
        }
    }
    rq->bits = bits;
    return BYL_OK;
}

/* Scores one segment by MaxScore, its lists in store (room for nleaves).  Adds hits to
 * the heap; returns the number of documents fully scored, or -1 on error
 * (s->rc set). */
static long maxscore_run(byl_searcher *s, ms_term *store, const byl_plan **leaves, size_t nleaves,
                         size_t si, size_t k, byl_arena *ar, ms_req *rq)
{
    ms_term *t[64]; /* the lists present, sorted by bound (pointers: a term is large) */
    double cum[64], contrib[64], cb[64]; /* cb: as cum, of the probed lists' blocks at d */
    size_t n = 0;
    byl_ictx c = byl_search_ictx(s, si);
    for (size_t i = 0; i < nleaves; i++) {
        const byl_plan *lp = leaves[i];
        size_t j = 0;
        while (j < n && !(!t[j]->gen && t[j]->ndup < MS_DUPS && same_word(leaves[t[j]->order], lp)))
            j++;
        if (j < n) { /* a repeat: the word's list counts it once more */
            t[j]->dup_order[t[j]->ndup++] = i;
            t[j]->mult += 1;
            t[j]->ub = t[j]->mult * t[j]->ub1;
            continue;
        }
        ms_term *m = t[n] = &store[n];
        m->ncur = 0;
        m->mult = 1;
        m->ndup = 0;
        m->gen = NULL;
        m->ni = 0;
        m->sb_block[0] = m->sb_block[1] = UINT32_MAX;
        m->sb_last = 0;
        if (lp->type == BYL_P_PHRASE) {
            /* the oracle's iterator, scoring as it does; its bound: a
             * phrase occurs no more often than its rarest word */
            /* started on its first candidate, not its first occurrence:
             * finding that read the positions of every candidate before
             * it ("university of washington": the three words together in
             * hundreds of articles before the first where they stand in
             * a row, 13% of the search's instructions at a million) */
            c.phrase_unread = 1;
            byl_iter *g = byl_iter_new(&c, ar, lp);
            c.phrase_unread = 0;
            if (!g)
                return s->rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory evaluating "
                                                           "the query"), -1;
            if (c.rc)
                return s->rc = c.rc, -1;
            if (g->doc == BYL_END)
                continue; /* its words never stand in one document here */
            byl_phrase_iter *ph = (byl_phrase_iter *)g;
            size_t w = phrase_bound_word(ph);
            double mt = ((ph->has[w] & 1) ? ph->cur[w].max_tf : 0) +
                        ((ph->has[w] & 2) ? ph->alt[w].max_tf : 0);
            m->gen = g;
            m->gen_rc = &c.rc;
            m->bw = NULL;
            m->on = BYL_END;
            m->noff = 0;
            if (ph->has[w] & 1)
                m->off[m->noff++] = lp->terms[w].info[si].post_off;
            if (ph->has[w] & 2)
                m->off[m->noff++] = lp->alts[w].info[si].post_off;
            m->ver = -1; /* a candidate, positions unread */
            m->doc = g->doc;
            m->order = i;
            m->bonus = ph->bonus;
            m->idf = ph->idf;
            m->field = ph->field;
            m->ub = ph->bonus + byl_bm25_upper(&s->bm, ph->idf, mt);
            m->nbc = 0;
            m->bb_last = 0;
            m->cost = g->cost;
            if (ph->field != BYL_F_BODY) { /* the body's lengths are no field's of the impacts */
                if (ph->has[w] & 1) {
                    m->bb_block[m->nbc] = UINT32_MAX;
                    m->bc[m->nbc++] = &ph->cur[w];
                }
                if (ph->has[w] & 2) {
                    m->bb_block[m->nbc] = UINT32_MAX;
                    m->bc[m->nbc++] = &ph->alt[w];
                }
            }
            n++;
            continue;
        }
        double mt = 0; /* no document has a larger tf than the forms' largest summed */
        for (size_t f = 0; f < lp->nterms; f++) {
            const byl_pterm *pt = &lp->terms[f];
            if (!pt->present[si])
                continue;
            byl_cursor *cur = &m->cur[m->ncur];
            m->off[m->ncur] = pt->info[si].post_off;
            m->bc[m->ncur] = cur;
            m->bb_block[m->ncur++] = UINT32_MAX;
            byl_cursor_init(cur, c.seg, &pt->info[si]);
            if (cur->err)
                return s->rc = cur->err, -1;
            mt += cur->max_tf;
        }
        if (!m->ncur)
            continue;
        m->nbc = m->noff = m->ncur;
        m->bw = NULL;
        m->on = BYL_END;
        m->cost = 0;
        for (size_t f = 0; f < m->ncur; f++)
            m->cost += m->cur[f].df;
        n++;
        ms_sync(m);
        m->idf = lp->terms[0].idf; /* one idf for the word, as byl_term_iter has */
        m->bonus = lp->bonus;
        m->field = lp->field;
        m->order = i;
        m->bb_last = 0;
        m->ub = m->ub1 = m->bonus + byl_bm25_upper(&s->bm, m->idf, mt);
    }
    if (!n)
        return 0;
    int linked = ms_link_phrases(t, n); /* a phrase bounded by a word's list */
    qsort(t, n, sizeof *t, cmp_lists);
    ms_probe_words_first(t, n);
    size_t nphr = 0; /* phrases among the lists */
    for (size_t i = 0; i < n; i++)
        nphr += t[i]->gen != NULL;
    for (size_t i = 0; i < n; i++)
        cum[i] = t[i]->ub + (i ? cum[i - 1] : 0);
    const double slack = 1.0 + 1e-9;
    double theta = s->nhits == k && k ? s->hits[0].score : -1.0;
    if (k && !s->o.cluster_of) { /* k documents, not k clusters */
        double th0 = first_theta(s, c.seg, t, n, k);
        if (th0 < -1.5)
            return -1; /* s->rc set */
        if (th0 > theta)
            theta = th0;
    }
    /* theta >= 0: documents that cannot beat it are skipped (the top k is
     * full, or k documents are known to reach it) */
    size_t first = 0; /* lists [first, n) are essential */
    while (first < n && cum[first] * slack <= theta)
        first++;
    long scored = 0, tries = 0, drops = 0;
    int qrc = ms_req_make(t, first, n, theta, slack, c.ndocs, rq);
    if (qrc)
        return s->rc = qrc, -1;
    const uint64_t *req = rq->bits; /* the required list's documents, or NULL */
    ms_lens ml;
    ms_lens_init(&ml, s, c.seg);
    for (;;) {
        uint32_t d = BYL_END;
        for (size_t i = first; i < n; i++)
            if (t[i]->doc < d)
                d = t[i]->doc;
        if (d == BYL_END || first >= n)
            break;
        double wbound = 0;   /* d's bound by blocks, while theta >= 0 */
        uint32_t wnext = d;  /* ... which holds for the documents before this */
        /* Block-max: bound the documents from d on by the essential lists'
         * current blocks (their impacts).  Until another
         * essential list has a document or one of those blocks ends,
         * nothing can beat theta: skip that stretch unscored. */
        if (theta >= 0) {
            if (__builtin_expect(req != NULL, 0) && !((req[d >> 6] >> (d & 63)) & 1)) {
                /* the required list lacks d: no bound, no probe, no lengths */
                s->filtered++;
                /* as a drop below, but only the essential lists moved */
                for (size_t i = first; i < n; i++)
                    if (t[i]->doc == d)
                        ms_next(t[i]);
                for (size_t i = first; i < n; i++)
                    if (ms_err(t[i]))
                        return s->rc = ms_err(t[i]), -1;
                continue;
            }
            uint32_t next = BYL_END;
            for (size_t i = 0; i < first; i++) {
                ms_shallow_bound(s, t[i], d);
                cb[i] = t[i]->sb + (i ? cb[i - 1] : 0);
                if (t[i]->sb_last < next - 1)
                    next = t[i]->sb_last + 1;
            }
            double bound = first ? cb[first - 1] : 0;
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
                int rc = ms_leap(t, first, n, next);
                if (rc)
                    return s->rc = rc, -1;
                continue;
            }
            /* A probed list whose block bound the others cannot do
             * without (the bound less it cannot beat theta) is required
             * here: no document of this stretch lacking it can win, so
             * the essential lists leap to its next document (as Lucene's
             * MaxScore does with the clauses it finds required), their
             * lengths unread.  Here only where that costs no decoding
             * (the list's current block holds d): decoding a dense list's
             * blocks for every candidate cost more than the lengths it
             * saved ("to be or not to be", +23% instructions), where
             * d's own score mostly prunes it before any probe.  The
             * scoring below leaps too when a probe finds one absent. */
            wbound = bound;
            wnext = next;
            uint32_t leap = d;
            for (size_t i = first; i-- > 0;) {
                if ((bound - t[i]->sb) * slack > theta || !ms_covers(t[i], d))
                    continue;
                uint32_t e = ms_next_geq(t[i], d);
                if (e != d) {
                    leap = e < next ? e : next;
                    break;
                }
            }
            if (leap != d) {
                int rc = ms_leap(t, first, n, leap);
                if (rc)
                    return s->rc = rc, -1;
                continue;
            }
        }
        /* Each essential word on d bounded by its tf: most documents of a
         * common word's blocks are dropped here, their lengths unread (a
         * block's bound, its impacts merged into four pairs, stays near
         * the top for most blocks of "the").  Where it drops fewer than
         * one in eight of its first 256 tries, it is given up: it only
         * adds work there ("to be or not to be"). */
        if (theta >= 0 && (tries < 256 || drops * 8 >= tries)) {
            tries++;
            double bound = first ? cb[first - 1] : 0;
            for (size_t i = first; i < n; i++)
                if (t[i]->doc == d)
                    bound += t[i]->gen ? t[i]->bb : ms_doc_bound(s, t[i]);
            if (bound * slack <= theta) {
                drops++;
                for (size_t i = first; i < n; i++)
                    if (t[i]->doc == d)
                        ms_next(t[i]);
                for (size_t i = 0; i < n; i++)
                    if (ms_err(t[i]))
                        return s->rc = ms_err(t[i]), -1;
                continue;
            }
        }
        s->examined++;
        int lrc0 = ms_lens_at(&ml, d);
        if (lrc0)
            return s->rc = lrc0, -1;
        /* The words first, essential then probed (term_score's formula,
         * cursor.c, with the word's tf, its forms summed), while d may
         * still beat theta; the phrases on d last, their positions read
         * only if the words' scores and the phrases' bounds (pend) leave
         * d a chance. */
        double sum = 0, pend = 0, bnd[64];
        int matched = 0, pruned = 0;
        for (size_t i = 0; i < n; i++)
            contrib[i] = 0;
        for (size_t i = first; i < n; i++) {
            if (t[i]->doc != d)
                continue;
            if (t[i]->gen) {
                bnd[i] = theta >= 0 ? t[i]->bb : t[i]->ub;
                pend += bnd[i];
                continue;
            }
            if ((lrc0 = ms_lens_need(&ml, t[i]->field)))
                return s->rc = lrc0, -1;
            contrib[i] = ms_score(s, t[i], ml.v);
            sum += t[i]->mult * contrib[i];
            matched = 1;
            if (__builtin_expect(linked, 0)) {
                t[i]->on = d;
                t[i]->on_tf = t[i]->tf;
            }
        }
        for (size_t i = first; i < n; i++)
            if (t[i]->doc == d && !t[i]->gen)
                ms_next(t[i]);
        size_t probed = first; /* lists [probed, first) stand on d or past it */
        uint32_t leap = d + 1; /* the essential lists may leap here (see above) */
        for (size_t i = first; i-- > 0;) {
            double rest = theta >= 0 ? cb[i] : cum[i]; /* t[0, i]'s bounds */
            double rest0 = rest;
            double tb = -1; /* a phrase's bound by its word (ms_link_phrases) */
            int word = -1;
            if (__builtin_expect(t[i]->bw != NULL, 0)) {
                uint32_t wtf = 0;
                word = ms_phrase_word(t[i], d, &wtf);
                if (word == 1) {
                    tb = ms_phrase_tf_bound(s, t[i], wtf, ml.v);
                    double own = theta >= 0 ? t[i]->sb : t[i]->ub;
                    if (tb < own)
                        rest += tb - own;
                }
            }
            if ((sum + pend + rest) * slack <= theta) {
                s->spared += (sum + pend + rest0) * slack > theta; /* by the word alone */
                pruned = 1;
                break;
            }
            probed = i;
            if (__builtin_expect(word == 0, 0)) {
                s->spared++;
                /* the word is not in d, so neither is the phrase: its
                 * next candidate is no earlier than the word's next */
                if (wnext > d && (wbound - t[i]->sb) * slack <= theta) {
                    uint32_t e = t[i]->bw->doc < wnext ? t[i]->bw->doc : wnext;
                    if (e > leap)
                        leap = e;
                }
                continue;
            }
            if (ms_next_geq(t[i], d) != d) {
                if (wnext > d && (wbound - t[i]->sb) * slack <= theta) {
                    uint32_t e = t[i]->doc < wnext ? t[i]->doc : wnext;
                    if (e > leap)
                        leap = e;
                }
                continue;
            }
            if (t[i]->gen) {
                bnd[i] = t[i]->ub;
                if (theta >= 0) {
                    ms_block_bound(s, t[i]);
                    bnd[i] = t[i]->bb;
                }
                if (tb >= 0 && tb < bnd[i])
                    bnd[i] = tb;
                pend += bnd[i];
                continue;
            }
            if ((lrc0 = ms_lens_need(&ml, t[i]->field)))
                return s->rc = lrc0, -1;
            contrib[i] = ms_score(s, t[i], ml.v);
            sum += t[i]->mult * contrib[i];
            matched = 1;
            if (__builtin_expect(linked, 0)) {
                t[i]->on = d;
                t[i]->on_tf = t[i]->tf;
            }
        }
        for (size_t i = probed; i < n && !pruned && nphr; i++) {
            if (t[i]->doc != d || !t[i]->gen)
                continue;
            uint32_t wtf;
            if (t[i]->bw && ms_phrase_word(t[i], d, &wtf) == 1) { /* bounded by its word's tf */
                double tb = ms_phrase_tf_bound(s, t[i], wtf, ml.v);
                if (tb < bnd[i]) {
                    pend -= bnd[i] - tb;
                    bnd[i] = tb;
                    if ((sum + pend) * slack <= theta)
                        s->spared++;
                }
            }
            if ((sum + pend) * slack <= theta) {
                pruned = 1;
                break;
            }
            pend -= bnd[i];
            if (ms_matches(t[i])) {
                contrib[i] = ms_score(s, t[i], ml.v); /* a phrase: its own lengths */
                sum += contrib[i];
                matched = 1;
            }
        }
        for (size_t i = first; i < n && nphr; i++)
            if (t[i]->doc == d && t[i]->gen)
                ms_next(t[i]);
        int lrc = ms_leap(t, first, n, leap > d + 1 ? leap : 0);
        if (lrc)
            return s->rc = lrc, -1;
        if (pruned || !matched)
            continue;
        scored++;
        /* the oracle's summation order, for identical scores */
        double ordered[64], score = 0;
        for (size_t i = 0; i < nleaves; i++)
            ordered[i] = 0;
        for (size_t i = 0; i < n; i++) {
            ordered[t[i]->order] = contrib[i];
            for (size_t j = 0; j < t[i]->ndup; j++)
                ordered[t[i]->dup_order[j]] = contrib[i];
        }
        for (size_t i = 0; i < nleaves; i++)
            score += ordered[i];
        score *= byl_search_decay(s, ml.date);
        if (s->nhits == k && score <= theta)
            continue; /* a later document never wins a tie */
        /* a hit's date is for sorting by date (hit.h): a ranking by score
         * reads none */
        int64_t date = INT64_MIN;
        if (k && s->o.sort != BYL_SORT_SCORE && (lrc0 = ms_lens_date(&ml, &date)))
            return s->rc = lrc0, -1;
        byl_hit h = {.score = score, .ix = s->segs[si].ix, .seg = s->segs[si].segno, .doc = d,
                     .gdoc = s->segs[si].base + d, .date = date};
        if (k)
            byl_search_push(s, k, &h, s->o.sort);
        if (s->nhits == k && k && s->hits[0].score > theta) {
            theta = s->hits[0].score;
            while (first < n && cum[first] * slack <= theta)
                first++;
            if (!req && (qrc = ms_req_make(t, first, n, theta, slack, c.ndocs, rq)))
                return s->rc = qrc, -1;
            req = rq->bits;
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
    ms_req rq = {0};
    long r = maxscore_run(s, t, leaves, nleaves, si, k, &a, &rq);
    byl_free(rq.bits);
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
