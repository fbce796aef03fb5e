/*
 * search.c - query planning and exhaustive document-at-a-time evaluation.
 *
 * A parsed query becomes a plan (terms looked up once in every segment,
 * with global document frequencies and idf), and the plan becomes, per
 * segment, a tree of iterators: terms, phrases, groups of must/should/not
 * clauses, OR, and date filters.  Each iterator can advance to the first
 * matching document >= a target and score its current document.
 *
 * Ranked by score, a query is evaluated twice when feedback is on: its best
 * documents give RM3 terms (query/prf.h builds the model; feedback() below
 * adds the terms beside the query as a required clause) and the expanded
 * plan is evaluated again.
 *
 * Not for: the fast paths (MaxScore, Block-Max WAND) that will sit beside
 * this evaluator and be tested against it.
 */
#include "query/search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/idkey.h"
#include "query/prf.h"
#include "text/analyzer.h"
#include "text/tag.h"
#include "util/err.h"
#include "util/mem.h"

#define MAX_PREFIX_TERMS 256
#define MAX_PHRASE 64

typedef struct segref {
    byl_segment *seg;
    uint32_t ix, segno;
    uint64_t base;
} segref;

struct byl_searcher {
    byl_index **ixs;
    size_t nix;
    segref *segs;
    size_t nsegs;
    byl_segstats stats;
    double avgdl[BYL_NFIELDS + 1]; /* + BYL_F_BODY */
    byl_analyzer *an;
    byl_search_opts o;
    int rc;
    byl_hit *hits;
    size_t nhits, hits_cap;
    byl_qterm *qterms;
    size_t nqterms, qterms_cap;
    struct plan *plan;  /* of the last search, for explanations */
    byl_prf *prf;       /* feedback model, made when first needed */
    struct {
        int lower;      /* some word has a lower-case letter: capitals elsewhere are a sign */
        int nwords;     /* words with a letter (at most 2 counted) */
    } qc;               /* how the query of the search being planned is written */
};

/* ---- plan ---- */

enum { P_NONE, P_TERM, P_PHRASE, P_GROUP, P_OR, P_DATE, P_ALL };

typedef struct pterm {
    uint8_t key[BYL_MAX_KEY];
    size_t keylen;
    uint64_t df;
    double idf;
    byl_terminfo *info; /* per segment */
    uint8_t *present;   /* per segment */
} pterm;

typedef struct plan {
    int type;
    int role;
    int field;
    int slop;
    pterm *terms;        /* TERM: 1, or 2 that count as one word (a term and
                            its capital form: tf summed, one idf); PHRASE: nterms */
    pterm *alts;         /* PHRASE: per term, a capital form matched at its
                            position too (keylen 0: none); may be NULL */
    uint32_t *relpos;    /* PHRASE: position of each term relative to the first */
    size_t nterms;
    int64_t lo, hi;
    double bonus;        /* TERM: added to the score of every match (names) */
    double scale;        /* PHRASE: its score is multiplied by this (1 by default) */
    struct plan **kids;
    size_t nkids;
} plan;

static void plan_free(plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nterms; i++) {
        byl_free(p->terms[i].info);
        byl_free(p->terms[i].present);
        if (p->alts) {
            byl_free(p->alts[i].info);
            byl_free(p->alts[i].present);
        }
    }
    byl_free(p->terms);
    byl_free(p->alts);
    byl_free(p->relpos);
    for (size_t i = 0; i < p->nkids; i++)
        plan_free(p->kids[i]);
    byl_free(p->kids);
    byl_free(p);
}

static plan *plan_new(byl_searcher *s, int type)
{
    plan *p = byl_calloc(1, sizeof *p);
    if (!p && !s->rc)
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    if (p) {
        p->type = type;
        p->scale = 1.0;
    }
    return p;
}

static int plan_add_kid(byl_searcher *s, plan *p, plan *k)
{
    plan **kids = byl_realloc(p->kids, (p->nkids + 1) * sizeof *kids);
    if (!kids) {
        plan_free(k);
        return s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    }
    p->kids = kids;
    kids[p->nkids++] = k;
    return BYL_OK;
}

static void note_qterm(byl_searcher *s, int field, const uint8_t *key, size_t keylen,
                       uint64_t df, double idf)
{
    if (s->nqterms == s->qterms_cap) {
        size_t cap = s->qterms_cap ? s->qterms_cap * 2 : 16;
        byl_qterm *q = byl_realloc(s->qterms, cap * sizeof *q);
        if (!q)
            return;
        s->qterms = q;
        s->qterms_cap = cap;
    }
    byl_qterm *q = &s->qterms[s->nqterms++];
    q->field = field;
    size_t n = keylen - 1 < sizeof q->term - 1 ? keylen - 1 : sizeof q->term - 1;
    memcpy(q->term, key + 1, n);
    q->term[n] = '\0';
    q->df = df;
    q->idf = idf;
}

/* Looks key up in every segment; fills t. */
static int lookup(byl_searcher *s, pterm *t, const uint8_t *key, size_t keylen)
{
    memcpy(t->key, key, keylen);
    t->keylen = keylen;
    t->df = 0;
    t->info = byl_calloc(s->nsegs ? s->nsegs : 1, sizeof *t->info);
    t->present = byl_calloc(s->nsegs ? s->nsegs : 1, 1);
    if (!t->info || !t->present)
        return s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    for (size_t i = 0; i < s->nsegs; i++) {
        int rc = byl_segment_lookup(s->segs[i].seg, key, keylen, &t->info[i]);
        if (rc == BYL_ENOTFOUND)
            continue;
        if (rc)
            return s->rc = rc;
        t->present[i] = 1;
        t->df += t->info[i].df - t->info[i].ndel;
    }
    /* live articles only, so deletions leave the scores of a rebuilt index */
    double N = (double)s->stats.ndocs - (double)s->stats.ndeleted, df = (double)t->df;
    t->idf = log(1.0 + (N - df + 0.5) / (df + 0.5));
    return BYL_OK;
}

/* The field byte of the postings a field is searched in: body: is the
 * part of TEXT after the title. */
static int key_field(int field) { return field == BYL_F_BODY ? BYL_F_TEXT : field; }

static plan *term_plan(byl_searcher *s, int field, const char *term, size_t len)
{
    uint8_t key[BYL_MAX_KEY];
    size_t keylen = len + 1;
    if (field == BYL_F_ID && len) {
        keylen = byl_idkey(term, len, key); /* a long id has a hashed key */
    } else {
        if (len + 1 > BYL_MAX_KEY)
            return plan_new(s, P_NONE);
        key[0] = (uint8_t)key_field(field);
        memcpy(key + 1, term, len);
    }
    plan *p = plan_new(s, P_TERM);
    if (!p)
        return NULL;
    p->field = field;
    p->terms = byl_calloc(1, sizeof *p->terms);
    if (!p->terms) {
        plan_free(p);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    p->nterms = 1;
    if (lookup(s, &p->terms[0], key, keylen)) {
        plan_free(p);
        return NULL;
    }
    note_qterm(s, field, key, keylen, p->terms[0].df, p->terms[0].idf);
    return p;
}

/* Every term of field starting with prefix, as an OR of terms. */
static plan *prefix_plan(byl_searcher *s, int field, const char *pre, size_t len)
{
    plan *o = plan_new(s, P_OR);
    if (!o)
        return NULL;
    uint8_t key[BYL_MAX_KEY];
    if (len + 1 > BYL_MAX_KEY)
        return o;
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, pre, len);
    /* collect distinct keys over all segments (small, bounded) */
    typedef struct { uint8_t k[BYL_MAX_KEY]; size_t n; } kbuf;
    kbuf *found = byl_calloc(MAX_PREFIX_TERMS, sizeof *found);
    size_t nfound = 0;
    if (!found) {
        plan_free(o);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    /* Index terms are stemmed ("ByteDance" is stored as byted), so a prefix
     * also takes the terms it itself begins with, when they are at most two
     * characters shorter: bytedan* finds byted. */
    for (size_t cut = 1; cut <= 2 && len - cut >= 4 && len > cut; cut++) {
        for (size_t i = 0; i < s->nsegs && nfound < MAX_PREFIX_TERMS; i++) {
            byl_terminfo ti;
            int rc = byl_segment_lookup(s->segs[i].seg, key, len + 1 - cut, &ti);
            if (rc == BYL_OK && ti.df == ti.ndel)
                continue; /* only in deleted articles */
            if (rc == BYL_OK) {
                memcpy(found[nfound].k, key, len + 1 - cut);
                found[nfound++].n = len + 1 - cut;
                break;
            }
            if (rc != BYL_ENOTFOUND) {
                s->rc = rc;
                break;
            }
        }
    }
    for (size_t i = 0; i < s->nsegs && !s->rc; i++) {
        byl_dictiter it;
        if (byl_dictiter_seek(&it, s->segs[i].seg, key, len + 1)) {
            s->rc = it.err ? it.err : BYL_ECORRUPT;
            break;
        }
        while (!it.eof && it.keylen >= len + 1 && memcmp(it.key, key, len + 1) == 0) {
            int dup = 0;
            for (size_t j = 0; j < nfound && !dup; j++)
                dup = found[j].n == it.keylen && memcmp(found[j].k, it.key, it.keylen) == 0;
            if (!dup && nfound < MAX_PREFIX_TERMS && it.info.df > it.info.ndel) {
                memcpy(found[nfound].k, it.key, it.keylen);
                found[nfound++].n = it.keylen;
            }
            if (byl_dictiter_next(&it)) {
                s->rc = it.err;
                break;
            }
        }
    }
    for (size_t j = 0; j < nfound && !s->rc; j++) {
        plan *t = term_plan(s, field, (const char *)found[j].k + 1, found[j].n - 1);
        if (t)
            plan_add_kid(s, o, t);
    }
    byl_free(found);
    if (s->rc) {
        plan_free(o);
        return NULL;
    }
    return o;
}

/* ---- words, and the case they are typed in ----
 *
 * Case does not change what a word matches (docs/QUERY.md, "Case").  A
 * word is analyzed twice: its lower-case copy gives its plain terms
 * (PRICES -> price) and its upper-case copy the capital forms the index may
 * hold it as (acronyms: OPEC, AT&T).  It matches its plain term, and its
 * capital form too where that is the word's usual form in the index
 * (widens()): alike in lower case, Title Case and capitals.  The two count
 * as one word (tf summed, one idf).  Capitals are a sign only in a query
 * that also has lower-case letters (or in a query of one word): there a
 * word typed in capitals matches its capital form however rare, and weighs
 * what that form does alone; and a function word typed as an acronym means
 * the acronym alone (US is never the pronoun us). */

/* Separates the words of a query, as the parser's spaces do. */
static int blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Written in capitals, as an acronym is: no lower-case letter, and two
 * capitals or more ("US", "IT"; not "A" or "I", which begin sentences). */
static int typed_caps(const char *w, size_t n)
{
    if (byl_text_cases(w, n) != BYL_CASE_UPPER)
        return 0;
    size_t caps = 0;
    for (size_t i = 0; i < n && caps < 2; i++)
        caps += (w[i] >= 'A' && w[i] <= 'Z') || (unsigned char)w[i] >= 0xC0;
    return caps >= 2;
}

/* Short function words that are also written as acronyms (us / US,
 * it / IT, who / WHO): the exception to "case does not matter". */
static int function_word(const char *w, size_t n)
{
    static const char *const words[] = {"us", "it", "who", "am", "as", "at", "in", "is", "or",
                                        "an", "on", "no", "me", "we", "he", "be", "do", "so",
                                        "to", "up", "my", "by", "of", "if", "go", "id", "ok",
                                        "hi", "a", "i"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* One position of a phrase, or a word alone: the plain term, and the
 * capital form it may also be found as. */
typedef struct slot {
    char t[BYL_MAX_KEY];   /* the term of the word in lower case */
    size_t tl;
    char a[BYL_MAX_KEY];   /* its capital form, or al = 0 */
    size_t al;
    int marked;            /* typed in capitals where that is a sign */
    int acronym_only;      /* a function word typed as an acronym: a, not t */
} slot;

/* Slots the analyzer joins into one (U.S.-China, LeiFeng.com, 字节跳动):
 * typed as one word, they are a phrase.  Where punctuation alone separates
 * the parts of a word (difficult—even, 10:30), they are separate words. */
typedef struct run {
    size_t first, n;         /* its slots */
    char whole[BYL_MAX_KEY]; /* a capital form of fewer terms (at&t: AT&T), or wl = 0 */
    size_t wl;
    int marked;
} run;

typedef struct wordset {
    slot sl[MAX_PHRASE];
    size_t nsl;
    run rn[MAX_PHRASE];
    size_t nrn;
} wordset;

/* An unstacked term of an analysis, copied out of the analyzer's buffers. */
typedef struct tokv {
    char t[BYL_MAX_KEY];
    size_t tl;
    uint32_t start, end;
} tokv;

/* Analyzes text[0..len) in query mode into its unstacked terms (at most
 * cap) and, when spans is not NULL, the byte spans of its stacked wholes
 * (at most cap).  Returns BYL_OK or sets s->rc. */
static int analyze_terms(byl_searcher *s, const char *text, size_t len, tokv *out, size_t *n,
                         uint32_t (*spans)[2], size_t *nspans, size_t cap)
{
    const byl_token *tk;
    size_t nt;
    const char *terms;
    *n = 0;
    if (nspans)
        *nspans = 0;
    int rc = byl_analyze(s->an, text, len, BYL_AN_QUERY, &tk, &nt, &terms);
    if (rc)
        return s->rc = rc;
    for (size_t i = 0; i < nt; i++) {
        if ((tk[i].flags & BYL_TOKF_STACKED) || tk[i].kind == BYL_TOK_ENTITY) {
            if (spans && *nspans < cap) {
                spans[*nspans][0] = tk[i].start;
                spans[(*nspans)++][1] = tk[i].end;
            }
            continue;
        }
        if (tk[i].term_len >= BYL_MAX_KEY - 1 || *n == cap)
            continue;
        memcpy(out[*n].t, terms + tk[i].term_off, tk[i].term_len);
        out[*n].tl = tk[i].term_len;
        out[*n].start = tk[i].start;
        out[*n].end = tk[i].end;
        (*n)++;
    }
    return BYL_OK;
}

/* Whether text[from..to), between two terms of one word, is punctuation of
 * prose, which parts words as a space does: an em dash or a double hyphen
 * (difficult—even), a comma, semicolon, colon (not in 10:30), question or
 * exclamation mark, an ellipsis, a quote or a bracket.  Other signs keep the
 * terms together as a phrase (US$8,282, x@y, and/or). */
static int prose_gap(const char *text, uint32_t from, uint32_t to)
{
    static const char *const marks[] = {"\xe2\x80\x94", "\xe2\x80\x95", "\xe2\x80\xa6",
                                        "\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xab",
                                        "\xc2\xbb", "--"};
    for (uint32_t i = from; i < to; i++) {
        char c = text[i];
        if (c == ':' && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9' &&
            text[i + 1] >= '0' && text[i + 1] <= '9')
            continue;
        if (c && strchr(",;:?!\"()[]{}", c))
            return 1;
        for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
            size_t n = strlen(marks[k]);
            if (i + n <= to && memcmp(text + i, marks[k], n) == 0)
                return 1;
        }
    }
    return 0;
}

/* Adds the slots and runs of one word typed without spaces, w[0..len), to
 * ws (up to MAX_PHRASE slots).  Returns BYL_OK or sets s->rc. */
static int add_word(byl_searcher *s, const char *w, size_t len, wordset *ws)
{
    size_t cap = 2 * len + 8; /* a case mapping may lengthen a character */
    char *low = byl_malloc(cap), *up = byl_malloc(cap);
    tokv *pt = byl_malloc(2 * MAX_PHRASE * sizeof *pt), *at = pt ? pt + MAX_PHRASE : NULL;
    uint32_t spans[MAX_PHRASE][2];
    size_t np, na, nspans;
    if (!low || !up || !pt) {
        byl_free(low);
        byl_free(up);
        byl_free(pt);
        return s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    }
    size_t ll = byl_text_case_map(w, len, 0, low, cap);
    int caps = typed_caps(w, len);
    int marked = caps && s->qc.lower;
    if (ll == 0 || analyze_terms(s, low, ll, pt, &np, spans, &nspans, MAX_PHRASE))
        np = 0;
    for (size_t i = 0; i < np && ws->nsl < MAX_PHRASE && !s->rc;) {
        /* the run of terms from i: touching, or under one stacked whole */
        size_t j = i + 1;
        for (; j < np; j++) {
            int joined = !prose_gap(low, pt[j - 1].end, pt[j].start);
            for (size_t k = 0; k < nspans && !joined; k++)
                joined = spans[k][0] <= pt[j - 1].start && spans[k][1] >= pt[j].end;
            if (!joined)
                break;
        }
        run *r = &ws->rn[ws->nrn++];
        r->first = ws->nsl;
        r->n = 0;
        r->wl = 0;
        r->marked = marked;
        for (size_t k = i; k < j && ws->nsl < MAX_PHRASE; k++) {
            slot *sl = &ws->sl[ws->nsl++];
            memcpy(sl->t, pt[k].t, pt[k].tl);
            sl->tl = pt[k].tl;
            sl->al = 0;
            sl->marked = marked;
            sl->acronym_only = 0;
            r->n++;
        }
        /* the capital forms of the run: one each, or one for the whole */
        size_t ul = byl_text_case_map(low + pt[i].start, pt[j - 1].end - pt[i].start, 1, up, cap);
        if (ul && !analyze_terms(s, up, ul, at, &na, NULL, NULL, MAX_PHRASE)) {
            if (na == r->n) {
                for (size_t k = 0; k < na; k++) {
                    slot *sl = &ws->sl[r->first + k];
                    if (at[k].tl == sl->tl && memcmp(at[k].t, sl->t, sl->tl) == 0)
                        continue;
                    memcpy(sl->a, at[k].t, at[k].tl);
                    sl->al = at[k].tl;
                    if (!function_word(sl->t, sl->tl))
                        continue;
                    /* a query of this one term alone: as typed */
                    int alone = s->qc.nwords == 1 && np == 1;
                    if (caps && (s->qc.lower || alone))
                        sl->acronym_only = 1; /* US, or "US trade": the country */
                    else if (alone)
                        sl->al = 0;           /* us, Us: the pronoun */
                }
            } else if (na == 1) {
                memcpy(r->whole, at[0].t, at[0].tl);
                r->wl = at[0].tl;
            }
        }
        i = j;
    }
    byl_free(low);
    byl_free(up);
    byl_free(pt);
    return s->rc;
}

/* Undoes the note_qterm of a term that was looked up but not used. */
static void unnote(byl_searcher *s, const pterm *t)
{
    if (s->nqterms && strlen(s->qterms[s->nqterms - 1].term) == t->keylen - 1 &&
        memcmp(s->qterms[s->nqterms - 1].term, t->key + 1, t->keylen - 1) == 0)
        s->nqterms--;
}

/* A word and its capital form count as one word: its idf is that of the
 * documents with either (at most all of them), and its tf the two summed.
 * Typed in capitals as a sign, the word weighs what its capital form does
 * alone (a rarer form: more). */
static void blend(byl_searcher *s, pterm *t, pterm *a, int marked)
{
    double N = (double)s->stats.ndocs - (double)s->stats.ndeleted;
    double df = (double)t->df + (double)a->df;
    if (df > N)
        df = N;
    double idf = marked ? a->idf : log(1.0 + (N - df + 0.5) / (df + 0.5));
    t->idf = a->idf = idf;
    for (size_t i = 0; i < s->nqterms; i++) {
        size_t n = strlen(s->qterms[i].term);
        if ((n == t->keylen - 1 && memcmp(s->qterms[i].term, t->key + 1, n) == 0) ||
            (n == a->keylen - 1 && memcmp(s->qterms[i].term, a->key + 1, n) == 0))
            s->qterms[i].idf = idf;
    }
}

/* Whether a word (plain term t) also matches its capital form a: where the
 * index holds a, and a is the usual form of the word in these articles
 * ("nasa" is NASA; "the" is not T.H.E. Fitness, nor "rotterdam" the
 * ROTTERDAM of a dateline), or the query typed it in capitals as a sign.
 * Only document frequencies decide, so every case of the query decides
 * alike. */
static int widens(const pterm *t, const pterm *a, int marked)
{
    return a->df > 0 && (marked || a->df >= t->df);
}

/* An OR of a word's plain phrase and its capital form of fewer terms. */
static plan *alt_or(byl_searcher *s, plan *p, plan *a)
{
    plan *o = plan_new(s, P_OR);
    if (!o) {
        plan_free(p);
        plan_free(a);
        return NULL;
    }
    plan_add_kid(s, o, p);
    plan_add_kid(s, o, a);
    return o;
}

/* Makes term plan p match a's term too, as the same word (tf summed, one
 * idf); frees a.  On failure returns p as it was. */
static plan *synonym(byl_searcher *s, plan *p, plan *a)
{
    pterm *t = byl_realloc(p->terms, 2 * sizeof *t);
    if (!t) {
        plan_free(a);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return p;
    }
    p->terms = t;
    p->terms[1] = a->terms[0];
    p->nterms = 2;
    a->nterms = 0; /* its term is p's now */
    plan_free(a);
    return p;
}

/* One slot: its term, or its term and its capital form as one word where
 * the index holds that as the word's usual form (widens()). */
static plan *slot_plan(byl_searcher *s, int field, const slot *sl)
{
    if (sl->acronym_only)
        return term_plan(s, field, sl->a, sl->al);
    plan *p = term_plan(s, field, sl->t, sl->tl);
    if (!p || !sl->al || p->type != P_TERM)
        return p;
    plan *a = term_plan(s, field, sl->a, sl->al);
    if (!a || a->type != P_TERM || !widens(&p->terms[0], &a->terms[0], sl->marked)) {
        if (a && a->type == P_TERM)
            unnote(s, &a->terms[0]);
        plan_free(a);
        return p;
    }
    blend(s, &p->terms[0], &a->terms[0], sl->marked);
    return synonym(s, p, a);
}

/* Looks a slot's term up into t (field byte first). */
static int lookup_term(byl_searcher *s, pterm *t, int field, const char *term, size_t len)
{
    uint8_t key[BYL_MAX_KEY];
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, term, len);
    if (lookup(s, t, key, len + 1))
        return s->rc;
    note_qterm(s, field, key, len + 1, t->df, t->idf);
    return BYL_OK;
}

static void pterm_clear(pterm *t)
{
    byl_free(t->info);
    byl_free(t->present);
    memset(t, 0, sizeof *t);
}

/* The slots as a phrase; a slot with a capital form the index holds
 * matches either at its position. */
static plan *phrase_plan(byl_searcher *s, int field, const slot *sl, size_t n, int slop)
{
    plan *p = plan_new(s, P_PHRASE);
    if (!p)
        return NULL;
    p->field = field;
    p->slop = slop;
    p->terms = byl_calloc(n, sizeof *p->terms);
    p->alts = byl_calloc(n, sizeof *p->alts);
    p->relpos = byl_calloc(n, sizeof *p->relpos);
    if (!p->terms || !p->alts || !p->relpos) {
        plan_free(p);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    p->nterms = n;
    for (size_t k = 0; k < n && !s->rc; k++) {
        p->relpos[k] = (uint32_t)k;
        if (sl[k].acronym_only) {
            lookup_term(s, &p->terms[k], field, sl[k].a, sl[k].al);
            continue;
        }
        if (lookup_term(s, &p->terms[k], field, sl[k].t, sl[k].tl) || !sl[k].al)
            continue;
        if (lookup_term(s, &p->alts[k], field, sl[k].a, sl[k].al))
            continue;
        if (!widens(&p->terms[k], &p->alts[k], sl[k].marked)) {
            unnote(s, &p->alts[k]);
            pterm_clear(&p->alts[k]);
        } else {
            blend(s, &p->terms[k], &p->alts[k], sl[k].marked);
        }
    }
    if (s->rc) {
        plan_free(p);
        return NULL;
    }
    return p;
}

/* Documents of term in field (0 when the index does not hold it). */
static uint64_t term_df(byl_searcher *s, int field, const char *term, size_t len)
{
    pterm t = {0};
    uint8_t key[BYL_MAX_KEY];
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, term, len);
    lookup(s, &t, key, len + 1);
    uint64_t df = t.df;
    pterm_clear(&t);
    return df;
}

/* A run typed as one word: a term, or a phrase of its terms, OR its capital
 * form of fewer terms (at&t: at t, or AT&T) where the index holds it. */
static plan *run_plan(byl_searcher *s, int field, const wordset *ws, const run *r)
{
    plan *p = r->n == 1 ? slot_plan(s, field, &ws->sl[r->first])
                        : phrase_plan(s, field, &ws->sl[r->first], r->n, 0);
    if (!p || !r->wl)
        return p;
    plan *a = term_plan(s, field, r->whole, r->wl);
    if (!a || a->type != P_TERM || a->terms[0].df == 0) {
        if (a && a->type == P_TERM)
            unnote(s, &a->terms[0]);
        plan_free(a);
        return p;
    }
    return alt_or(s, p, a);
}

/* Plans the words of a WORD (bare, no spaces) or PHRASE node.  A bare word
 * is a term, a phrase where the analyzer joins its parts ("U.S.-China",
 * "字节跳动"), or, where punctuation alone parts it, a group of those with
 * role kid_role each.  A phrase is the phrase of all its words' terms. */
static plan *words_plan(byl_searcher *s, int field, const char *text, size_t len, int slop,
                        int prefix, int phrase, int kid_role)
{
    if (field == BYL_F_ID)
        return term_plan(s, field, text, len);
    if (field == BYL_F_TAG) {
        /* the whole tag, one key (text/tag.h); scored as id: is, a field
         * of length 1, since TAG has no length column (format.h) */
        char norm[BYL_MAX_KEY];
        size_t n = byl_tag_norm(text, len, norm, sizeof norm - 1);
        plan *p = n ? term_plan(s, BYL_F_TAG, norm, n) : plan_new(s, P_NONE);
        if (p && n)
            p->field = BYL_F_ID;
        return p;
    }
    if (field == BYL_F_NAME) {
        /* an entity key from the unstemmed words, each as written between
         * spaces ("Jean-Claude" stays one word, as the index keeps it) */
        const char *words[MAX_PHRASE];
        size_t lens[MAX_PHRASE], nw = 0;
        char norm[MAX_PHRASE][BYL_MAX_KEY];
        for (size_t i = 0; i < len && nw < MAX_PHRASE;) {
            while (i < len && (text[i] == ' ' || text[i] == '\t'))
                i++;
            size_t j = i;
            while (j < len && text[j] != ' ' && text[j] != '\t')
                j++;
            if (j > i) {
                size_t n = byl_normalize_word(s->an, text + i, j - i, norm[nw], sizeof norm[nw]);
                if (n) {
                    words[nw] = norm[nw];
                    lens[nw++] = n;
                }
            }
            i = j;
        }
        char key[BYL_MAX_KEY];
        size_t kl = nw ? byl_entity_key(words, lens, nw, key, sizeof key - 1) : 0;
        if (!kl)
            return plan_new(s, P_NONE);
        return term_plan(s, field, key, kl);
    }
    wordset *ws = byl_malloc(sizeof *ws);
    if (!ws) {
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    ws->nsl = ws->nrn = 0;
    for (size_t i = 0; i < len && !s->rc;) {
        while (i < len && blank(text[i]))
            i++;
        size_t j = i;
        while (j < len && !blank(text[j]))
            j++;
        if (j > i)
            add_word(s, text + i, j - i, ws);
        i = j;
    }
    plan *p = NULL;
    if (s->rc) {
        p = NULL;
    } else if (ws->nsl == 0) {
        p = plan_new(s, P_NONE);
    } else if (ws->nsl == 1 && prefix) {
        /* the prefix as typed (normalized, not stemmed: "bytedan" is not a
         * word to stem) */
        char pre[BYL_MAX_KEY];
        size_t pl = byl_normalize_word(s->an, text, len, pre, sizeof pre - 1);
        p = pl ? prefix_plan(s, field, pre, pl) : prefix_plan(s, field, ws->sl[0].t, ws->sl[0].tl);
    } else if (phrase) {
        /* one phrase of every run, each run's whole capital form in place
         * of its terms where the index holds it (AT&T, not at t) */
        slot *all = byl_malloc(MAX_PHRASE * sizeof *all);
        size_t n = 0;
        if (!all) {
            s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        } else {
            for (size_t r = 0; r < ws->nrn && !s->rc; r++) {
                const run *rn = &ws->rn[r];
                if (rn->wl && term_df(s, field, rn->whole, rn->wl)) {
                    slot *sl = &all[n++];
                    memcpy(sl->t, rn->whole, rn->wl);
                    sl->tl = rn->wl;
                    sl->al = 0;
                    sl->acronym_only = 0;
                    sl->marked = rn->marked;
                } else {
                    for (size_t k = 0; k < rn->n; k++)
                        all[n++] = ws->sl[rn->first + k];
                }
            }
            if (!s->rc)
                p = n == 1 ? slot_plan(s, field, &all[0]) : phrase_plan(s, field, all, n, slop);
            byl_free(all);
        }
    } else if (ws->nrn == 1) {
        p = run_plan(s, field, ws, &ws->rn[0]);
    } else {
        p = plan_new(s, P_GROUP);
        for (size_t r = 0; p && r < ws->nrn && !s->rc; r++) {
            plan *k = run_plan(s, field, ws, &ws->rn[r]);
            if (k) {
                k->role = kid_role;
                plan_add_kid(s, p, k);
            }
        }
    }
    byl_free(ws);
    if (s->rc) {
        plan_free(p);
        return NULL;
    }
    return p;
}

static plan *build(byl_searcher *s, const byl_qnode *q, int default_role);

/* A word that can take part in a name: a plain word of the default field. */
static int name_word(const byl_qnode *k)
{
    return k->type == BYL_Q_WORD && k->field < 0 && !k->prefix && k->role != BYL_ROLE_NOT &&
           k->text_len < 64;
}

/* A word typed as a name is: a capital, then some lower case ("Volcker",
 * "McDonald").  An acronym ("US", "OPEC") is a name on its own; next to
 * another capitalised word it is rarely part of one ("Canada US"). */
static int capitalised(const char *w, size_t n)
{
    size_t k = 1; /* the first character, in any script */
    while (k < n && ((unsigned char)w[k] & 0xC0) == 0x80)
        k++;
    return n && byl_text_cases(w, k) == BYL_CASE_UPPER &&
           (byl_text_cases(w + k, n - k) & BYL_CASE_LOWER);
}

/* The plan of one query word as a phrase position: a term, or a term OR
 * its capital form.  Returns 0 for anything else. */
static int word_slot(const plan *kp, const pterm **t, const pterm **alt)
{
    if (kp && kp->type == P_TERM) {
        *t = &kp->terms[0];
        *alt = kp->nterms > 1 ? &kp->terms[1] : NULL;
        return 1;
    }
    return 0;
}

/* What the phrase of a capitalised run the index does not know as a name
 * counts for in a query in Title Case, where every word is capitalised and
 * capitals tell no name from a headline ("Gold Reserves"): a tie-break that
 * prefers the words side by side, never enough to reorder a ranking (with a
 * tenth, "Gold Reserves" kept 3 of the lower-case query's top 10 on
 * Reuters; docs/QUERY.md, "Case"). */
#define TITLE_CASE_NAME_SCALE 0.001

/* Adds to p the phrase of query words [i, i+len) (each a word_slot of p's
 * kids), with bonus, its score times scale. */
static void add_name_phrase(byl_searcher *s, plan *p, size_t i, size_t len, double bonus,
                            double scale)
{
    plan *ph = plan_new(s, P_PHRASE);
    if (!ph)
        return;
    ph->field = BYL_F_TEXT;
    ph->terms = byl_calloc(len, sizeof *ph->terms);
    ph->alts = byl_calloc(len, sizeof *ph->alts);
    ph->relpos = byl_calloc(len, sizeof *ph->relpos);
    if (!ph->terms || !ph->alts || !ph->relpos) {
        plan_free(ph);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return;
    }
    ph->nterms = len;
    for (size_t k = 0; k < len && !s->rc; k++) {
        const pterm *src = NULL, *alt = NULL;
        word_slot(p->kids[i + k], &src, &alt);
        ph->relpos[k] = (uint32_t)k;
        if (!lookup(s, &ph->terms[k], src->key, src->keylen))
            ph->terms[k].idf = src->idf;
        if (alt && !lookup(s, &ph->alts[k], alt->key, alt->keylen))
            ph->alts[k].idf = src->idf;
    }
    ph->bonus = bonus * scale;
    ph->scale = scale;
    ph->role = BYL_ROLE_SHOULD;
    plan_add_kid(s, p, ph);
}

/* Name-aware ranking.  A run of 2-4 adjacent query words is taken as a
 * name when it forms a name entity the index knows (in any case when the
 * query is all lower case or all in capitals, else only as capitalised
 * words; in either order for two words) or when every word of it was typed
 * with a capital in a short query (six words at most).
 * A name adds two clauses: the entity (when known) and the words as a
 * phrase (an article whose analyzer run missed the name, in a headline or
 * wire copy, still has the words side by side).  Each carries a bonus equal
 * to the most the name's words can score apart (sum of idf (k1 + 1)), so an
 * article with the exact name ranks above one that only has its words
 * scattered.  In Title Case (every word capitalised) capitals tell nothing
 * more: a capitalised run the index does not know as a name adds its phrase
 * at TITLE_CASE_NAME_SCALE only (and, as in any run of capitals, no name is
 * looked up inside it).  None of this changes what matches. */
static void add_names(byl_searcher *s, const byl_qnode *q, plan *p)
{
    int cased = 0; /* some word typed as a name: then the case of the others counts */
    int plain = 0; /* some word with letters typed otherwise */
    for (size_t j = 0; j < q->nkids; j++) {
        const byl_qnode *w = q->kids[j];
        if (!name_word(w) || !byl_text_cases(w->text, w->text_len))
            continue;
        if (capitalised(w->text, w->text_len))
            cased = 1;
        else
            plain = 1;
    }
    int title = cased && !plain;
    size_t i = 0;
    while (i + 1 < q->nkids && !s->rc) {
        size_t taken = 0;
        for (size_t len = 4; len >= 2 && !taken; len--) {
            if (i + len > q->nkids)
                continue;
            const char *words[4];
            size_t lens[4];
            char norm[4][64];
            int ok = 1, capital = 1, acronym = 0, lower = 0;
            for (size_t k = 0; k < len && ok; k++) {
                const byl_qnode *w = q->kids[i + k];
                ok = name_word(w) &&
                     (lens[k] = byl_normalize_word(s->an, w->text, w->text_len, norm[k],
                                                   sizeof norm[k])) > 0;
                capital &= ok && capitalised(w->text, w->text_len);
                acronym |= ok && typed_caps(w->text, w->text_len);
                lower |= ok && byl_text_cases(w->text, w->text_len) == BYL_CASE_LOWER;
                words[k] = norm[k];
            }
            if (!ok)
                continue;
            double bonus = 0;
            int all_terms = 1;
            for (size_t k = 0; k < len; k++) {
                const pterm *t, *alt;
                if (word_slot(i + k < p->nkids ? p->kids[i + k] : NULL, &t, &alt))
                    bonus += t->idf * (s->o.k1 + 1.0);
                else
                    all_terms = 0;
            }
            plan *ent = NULL;
            char key[BYL_MAX_KEY];
            size_t kl = byl_entity_key(words, lens, len, key, sizeof key - 1);
            if (kl) {
                ent = term_plan(s, BYL_F_NAME, key, kl);
                if (!ent)
                    return;
                if (ent->terms[0].df == 0) {
                    plan_free(ent);
                    ent = NULL;
                    s->nqterms--; /* not a name here: do not highlight it */
                }
            }
            /* capitals alone are a weak sign in a long query: sentences
             * capitalise their first word and their topics */
            if (ent && ((cased && !capital) || (acronym && lower))) {
                /* the query capitalises names, and this run has a word in
                 * lower case: "Saudi oil" is not the name Saudi Oil; nor
                 * is an acronym typed beside a lower-case word ("EC farm
                 * price negotiations": the EC's farm policy, not a name
                 * "EC Farm" that the articles' "EC Farm Commissioner"
                 * makes) */
                plan_free(ent);
                ent = NULL;
                s->nqterms--;
            }
            if (!ent && (!capital || q->nkids > 6))
                continue;
            if (ent) {
                /* in a long query the name is one topic among several: it
                 * counts as a term, without the bonus that would rank it
                 * above everything else the sentence asks for */
                ent->bonus = q->nkids <= 6 ? bonus : 0;
                ent->role = BYL_ROLE_SHOULD;
                plan_add_kid(s, p, ent);
            }
            /* the words side by side, as typed (in a short query: in a
             * long one, a sentence, adjacent words are no sign of a name) */
            if (all_terms && q->nkids <= 6)
                add_name_phrase(s, p, i, len, bonus, ent || !title ? 1.0 : TITLE_CASE_NAME_SCALE);
            taken = len;
        }
        i += taken ? taken : 1;
    }
}

/* English function words.  In a long query (a sentence: "What problems
 * are there in making up descriptive titles?") they say how the question
 * is asked, not what it is about; rare in the articles, they would get a
 * high idf and pull in documents for "what" or "there". */
static int stop_word(const char *w, size_t n)
{
    /* without the punctuation of prose around it: "it?", "'a" */
    while (n && !byl_text_has_word(w, 1) && (unsigned char)w[0] < 0x80)
        w++, n--;
    while (n && !byl_text_has_word(w + n - 1, 1) && (unsigned char)w[n - 1] < 0x80)
        n--;
    /* quotes, dashes, an ellipsis: U+2000-203F */
    if (n >= 3 && (unsigned char)w[0] == 0xE2 && (unsigned char)w[1] == 0x80)
        w += 3, n -= 3;
    if (n >= 3 && (unsigned char)w[n - 3] == 0xE2 && (unsigned char)w[n - 2] == 0x80)
        n -= 3;
    static const char *const words[] = {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
        "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
        "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
        "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
        "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
        "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
        "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves"};
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], low, n) == 0)
            return 1;
    return 0;
}

/* Kid i of a ranked group is a function word to leave out: the group is a
 * long query (more than six words, as for names), the word is an optional
 * plain word, and some other word of the group is not a function word.
 * Short queries keep every word: there each was typed on purpose ("the
 * who"). */
static int dropped_word(const byl_searcher *s, const byl_qnode *q, size_t i, int default_role)
{
    const byl_qnode *w = q->kids[i];
    if (q->type != BYL_Q_GROUP || q->nkids <= 6 || default_role == BYL_ROLE_MUST ||
        w->role != BYL_ROLE_SHOULD || !name_word(w) || !stop_word(w->text, w->text_len))
        return 0;
    /* typed in capitals amid lower case, it is an acronym: IT, WHO */
    if (s->qc.lower && typed_caps(w->text, w->text_len))
        return 0;
    for (size_t j = 0; j < q->nkids; j++) {
        const byl_qnode *o = q->kids[j];
        if (o->role != BYL_ROLE_NOT && !(name_word(o) && stop_word(o->text, o->text_len)))
            return 1;
    }
    return 0;
}

static plan *build(byl_searcher *s, const byl_qnode *q, int default_role)
{
    plan *p = NULL;
    int field = q->field >= 0 ? q->field : BYL_F_TEXT;
    /* the parts of a word parted by punctuation are required as the word is */
    int kid_role = q->role == BYL_ROLE_MUST || (q->role == BYL_ROLE_SHOULD && default_role == BYL_ROLE_MUST)
                       ? BYL_ROLE_MUST
                       : BYL_ROLE_SHOULD;
    switch (q->type) {
    case BYL_Q_WORD:
        p = words_plan(s, field, q->text, q->text_len, 0, q->prefix, 0, kid_role);
        break;
    case BYL_Q_PHRASE:
        p = words_plan(s, field, q->text, q->text_len, q->slop, 0, 1, kid_role);
        break;
    case BYL_Q_DATE:
        if ((p = plan_new(s, P_DATE))) {
            p->lo = q->date_lo;
            p->hi = q->date_hi;
        }
        break;
    case BYL_Q_GROUP:
    case BYL_Q_OR:
        p = plan_new(s, q->type == BYL_Q_OR ? P_OR : P_GROUP);
        for (size_t i = 0; p && i < q->nkids && !s->rc; i++) {
            if (dropped_word(s, q, i, default_role)) {
                /* an empty clause keeps kids and query words aligned for add_names */
                plan *k = plan_new(s, P_NONE);
                if (k) {
                    k->role = BYL_ROLE_SHOULD;
                    plan_add_kid(s, p, k);
                }
                continue;
            }
            plan *k = build(s, q->kids[i], q->type == BYL_Q_OR ? BYL_ROLE_SHOULD : default_role);
            if (k)
                plan_add_kid(s, p, k);
        }
        if (p && !s->rc && q->type == BYL_Q_GROUP && p->nkids == q->nkids)
            add_names(s, q, p);
        break;
    }
    if (!p)
        return NULL;
    if (s->rc) {
        plan_free(p);
        return NULL;
    }
    p->role = q->role;
    if (p->role == BYL_ROLE_SHOULD && (default_role == BYL_ROLE_MUST || p->type == P_DATE))
        p->role = BYL_ROLE_MUST; /* --and, and date filters */
    return p;
}

/* ---- iterators ---- */

typedef struct it it;
struct it {
    uint32_t doc;
    uint32_t (*advance)(it *, uint32_t target);
    double (*score)(it *);
    void (*release)(it *); /* frees what the iterator allocated, or NULL */
    uint64_t cost;         /* documents it may visit: conjunctions start from the cheapest */
};

typedef struct ctx {
    byl_searcher *s;
    byl_segment *seg;
    size_t segi;
    uint32_t ndocs;
    int rc;
    uint32_t lens_doc;             /* document lens holds, or BYL_END */
    uint32_t lens[BYL_NFIELDS];    /* its field lengths: every clause reads them */
} ctx;

typedef struct term_it {
    it base;
    ctx *c;
    byl_cursor cur;      /* the term (live if has & 1) */
    byl_cursor cur2;     /* its capital form, counted as the same word (has & 2) */
    int has;
    uint32_t tf;         /* of the current document, both forms */
    double idf;
    double bonus;
    int field;
    uint32_t body_tf;    /* body: occurrences after the title */
    uint32_t *pos;
    size_t poscap;
} term_it;

typedef struct phrase_it {
    it base;
    ctx *c;
    size_t n;
    byl_cursor *cur;     /* per position: the term's cursor (live if has & 1) */
    byl_cursor *alt;     /* per position: its capital form's (live if has & 2) */
    uint8_t has[MAX_PHRASE];
    const uint32_t *relpos;
    int slop;
    double idf;
    double bonus;
    int field;
    uint32_t freq;
    uint32_t *pos[MAX_PHRASE];
    size_t posn[MAX_PHRASE];
    size_t poscap[MAX_PHRASE];
    uint32_t *apos[MAX_PHRASE]; /* positions of the capital form, before merging */
    size_t aposcap[MAX_PHRASE];
} phrase_it;

typedef struct group_it {
    it base;
    ctx *c;
    it **must, **should, **not;
    size_t nmust, nshould, nnot;
    int need_should;     /* the only musts are filters: a should must match */
} group_it;

typedef struct date_it {
    it base;
    ctx *c;
    int64_t lo, hi;
} date_it;

/* BM25's term-frequency part.  A document shorter than MIN_NORM_LEN of
 * the average counts as that long (Xapian's min_normlen): a headline with
 * no body, common in wire copy, would otherwise outrank the story it
 * announces on the strength of its length alone. */
#define MIN_NORM_LEN 0.5

static double tf_part(const byl_searcher *s, double tf, double dl, int field)
{
    double avg = s->avgdl[field] > 0 ? s->avgdl[field] : 1.0;
    double k1 = s->o.k1, b = s->o.b;
    double norm = dl / avg < MIN_NORM_LEN ? MIN_NORM_LEN : dl / avg;
    return tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * norm));
}

/* Field lengths of doc, read once however many clauses score it. */
static const uint32_t *doc_lens(ctx *c, uint32_t doc)
{
    if (c->lens_doc != doc) {
        if (byl_segment_doc_info(c->seg, doc, NULL, c->lens)) {
            c->rc = BYL_ECORRUPT;
            memset(c->lens, 0, sizeof c->lens);
        }
        c->lens_doc = doc;
    }
    return c->lens;
}

static double doc_len(ctx *c, uint32_t doc, int field)
{
    const uint32_t *lens = doc_lens(c, doc);
    if (field == BYL_F_BODY)
        return (double)lens[BYL_F_TEXT] - (double)c->s->stats.title_weight * lens[BYL_F_TITLE];
    return lens[field];
}

/* First TEXT position past the title of doc: title positions come first and
 * the body starts BYL_TITLE_GAP after the title's last (see inverter.c), so
 * anything below title length + half the gap is in the title. */
static uint32_t title_end(ctx *c, uint32_t doc)
{
    const uint32_t *lens = doc_lens(c, doc);
    return lens[BYL_F_TITLE] ? lens[BYL_F_TITLE] + BYL_TITLE_GAP / 2 : 0;
}

/* Positions of the current document of a cursor, into a growable buffer. */
static long cursor_positions(ctx *c, byl_cursor *cur, uint32_t **buf, size_t *cap)
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

static uint32_t term_advance(it *i, uint32_t target)
{
    term_it *t = (term_it *)i;
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

static void term_release(it *i)
{
    term_it *t = (term_it *)i;
    byl_free(t->pos);
}

static void phrase_release(it *i)
{
    phrase_it *p = (phrase_it *)i;
    for (size_t k = 0; k < p->n; k++) {
        byl_free(p->pos[k]);
        byl_free(p->apos[k]);
    }
}

static double term_score(it *i)
{
    term_it *t = (term_it *)i;
    double tf = t->field == BYL_F_BODY ? t->body_tf : t->tf;
    return t->bonus + t->idf * tf_part(t->c->s, tf, doc_len(t->c, i->doc, t->field), t->field);
}

/* Positions of phrase position k in document d (where its term or its
 * capital form is), in order, into p->pos[k]; their number, or -1. */
static long slot_positions(phrase_it *p, size_t k, uint32_t d)
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
static uint32_t phrase_freq(phrase_it *p, uint32_t d)
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
            : p->c->s->stats.title_weight ? p->c->s->stats.title_weight : 1;
    }
    uint32_t freq = 0;
    size_t idx[MAX_PHRASE] = {0};
    for (size_t a = 0; a < p->posn[0]; a++) {
        int64_t anchor = (int64_t)p->pos[0][a] - p->relpos[0];
        int ok = 1;
        for (size_t k = 1; k < p->n && ok; k++) {
            int64_t want = anchor + p->relpos[k];
            /* advance to the first position >= want - slop */
            while (idx[k] < p->posn[k] && (int64_t)p->pos[k][idx[k]] < want - p->slop)
                idx[k]++;
            ok = idx[k] < p->posn[k] && (int64_t)p->pos[k][idx[k]] <= want + p->slop;
        }
        if (ok)
            freq += p->pos[0][a] < tend ? w : 1;
    }
    return freq;
}

/* Moves phrase position k to its first document >= d (that of its term or
 * of its capital form, whichever comes first). */
static uint32_t slot_next_geq(phrase_it *p, size_t k, uint32_t d)
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

static uint32_t phrase_advance(it *i, uint32_t target)
{
    phrase_it *p = (phrase_it *)i;
    uint32_t d = target;
    for (;;) {
        int moved = 0;
        for (size_t k = 0; k < p->n; k++) {
            uint32_t x = slot_next_geq(p, k, d);
            if (x == BYL_END)
                return i->doc = BYL_END;
            if (x > d) {
                d = x;
                moved = 1;
            }
        }
        if (moved)
            continue;
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

static double phrase_score(it *i)
{
    phrase_it *p = (phrase_it *)i;
    return p->bonus + p->idf * tf_part(p->c->s, p->freq, doc_len(p->c, i->doc, p->field), p->field);
}

static uint32_t date_advance(it *i, uint32_t target)
{
    date_it *d = (date_it *)i;
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

static double zero_score(it *i)
{
    (void)i;
    return 0.0;
}

static uint32_t none_advance(it *i, uint32_t target)
{
    (void)target;
    return i->doc = BYL_END;
}

static uint32_t all_advance(it *i, uint32_t target)
{
    date_it *d = (date_it *)i;
    while (target < d->c->ndocs && byl_segment_is_deleted(d->c->seg, target))
        target++;
    return i->doc = target < d->c->ndocs ? target : BYL_END;
}

/* Smallest current doc among its (advanced) children, moving to target. */
static uint32_t min_advance(it **kids, size_t n, uint32_t target)
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

static int excluded(group_it *g, uint32_t d)
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

static uint32_t group_advance(it *i, uint32_t target)
{
    group_it *g = (group_it *)i;
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

static double group_score(it *i)
{
    group_it *g = (group_it *)i;
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

/* Iterators of one segment live in an arena freed at once. */
typedef struct arena {
    void **blocks;
    size_t n, cap;
    it **owners;       /* iterators with a release hook */
    size_t nowners, owners_cap;
} arena;

static int arena_own(arena *a, it *i)
{
    if (a->nowners == a->owners_cap) {
        size_t cap = a->owners_cap ? a->owners_cap * 2 : 16;
        it **o = byl_realloc(a->owners, cap * sizeof *o);
        if (!o)
            return -1;
        a->owners = o;
        a->owners_cap = cap;
    }
    a->owners[a->nowners++] = i;
    return 0;
}

static void *arena_alloc(arena *a, size_t size)
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

static void arena_free(arena *a)
{
    for (size_t i = 0; i < a->nowners; i++)
        a->owners[i]->release(a->owners[i]);
    byl_free(a->owners);
    for (size_t i = 0; i < a->n; i++)
        byl_free(a->blocks[i]);
    byl_free(a->blocks);
    memset(a, 0, sizeof *a);
}

static it *instantiate(ctx *c, arena *a, const plan *p);

static it *none_it(ctx *c, arena *a)
{
    date_it *d = arena_alloc(a, sizeof *d);
    if (!d)
        return NULL;
    d->c = c;
    d->base.advance = none_advance;
    d->base.score = zero_score;
    d->base.doc = BYL_END;
    return &d->base;
}

static it *instantiate(ctx *c, arena *a, const plan *p)
{
    switch (p->type) {
    case P_NONE:
        return none_it(c, a);
    case P_TERM: {
        int has = (p->terms[0].present[c->segi] ? 1 : 0) |
                  (p->nterms > 1 && p->terms[1].present[c->segi] ? 2 : 0);
        if (!has)
            return none_it(c, a);
        term_it *t = arena_alloc(a, sizeof *t);
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
    case P_PHRASE: {
        uint8_t has[MAX_PHRASE];
        for (size_t k = 0; k < p->nterms; k++) {
            has[k] = p->terms[k].present[c->segi] ? 1 : 0;
            if (p->alts && p->alts[k].keylen && p->alts[k].present[c->segi])
                has[k] |= 2;
            if (!has[k])
                return none_it(c, a);
        }
        phrase_it *ph = arena_alloc(a, sizeof *ph);
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
        ph->base.advance = phrase_advance;
        ph->base.score = phrase_score;
        ph->base.release = phrase_release;
        if (arena_own(a, &ph->base))
            return NULL;
        ph->base.doc = 0;
        phrase_advance(&ph->base, 0);
        return &ph->base;
    }
    case P_DATE:
    case P_ALL: {
        date_it *d = arena_alloc(a, sizeof *d);
        if (!d)
            return NULL;
        d->c = c;
        d->lo = p->lo;
        d->hi = p->hi;
        d->base.cost = c->ndocs;
        d->base.advance = p->type == P_DATE ? date_advance : all_advance;
        d->base.score = zero_score;
        d->base.advance(&d->base, 0);
        return &d->base;
    }
    case P_GROUP:
    case P_OR: {
        group_it *g = arena_alloc(a, sizeof *g);
        if (!g)
            return NULL;
        g->c = c;
        g->must = arena_alloc(a, (p->nkids + 1) * sizeof(it *));
        g->should = arena_alloc(a, (p->nkids + 1) * sizeof(it *));
        g->not = arena_alloc(a, (p->nkids + 1) * sizeof(it *));
        if (!g->must || !g->should || !g->not)
            return NULL;
        int only_filters = 1;
        for (size_t k = 0; k < p->nkids; k++) {
            const plan *kp = p->kids[k];
            it *ki = instantiate(c, a, kp);
            if (!ki)
                return NULL;
            int role = p->type == P_OR ? BYL_ROLE_SHOULD : kp->role;
            if (role == BYL_ROLE_MUST && kp->type != P_DATE)
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
                it *tmp = g->must[y];
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

/* ---- top-k ---- */

/* a ranks below b in this sort order */
static int worse(const byl_hit *a, const byl_hit *b, int sort)
{
    if (sort != BYL_SORT_SCORE) {
        int ad = a->date != INT64_MIN, bd = b->date != INT64_MIN;
        if (ad != bd)
            return !ad; /* undated articles go last */
        if (ad && a->date != b->date)
            return sort == BYL_SORT_DATE ? a->date > b->date : a->date < b->date;
    }
    if (a->score != b->score)
        return a->score < b->score;
    return a->gdoc > b->gdoc;
}

static void heap_push(byl_hit *h, size_t *n, size_t k, const byl_hit *x, int sort)
{
    if (*n < k) {
        size_t i = (*n)++;
        h[i] = *x;
        while (i && worse(&h[i], &h[(i - 1) / 2], sort)) {
            byl_hit t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        return;
    }
    if (!worse(&h[0], x, sort))
        return;
    h[0] = *x;
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && worse(&h[l], &h[m], sort))
            m = l;
        if (r < *n && worse(&h[r], &h[m], sort))
            m = r;
        if (m == i)
            break;
        byl_hit t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static int cmp_hits(const void *a, const void *b, void *arg)
{
    const byl_hit *x = a, *y = b;
    int sort = *(const int *)arg;
    if (worse(x, y, sort))
        return 1;
    if (worse(y, x, sort))
        return -1;
    return 0;
}

/* Recency factor of an article dated `date` (see byl_search_opts). */
static double decay(const byl_searcher *s, int64_t date)
{
    if (s->o.half_life <= 0)
        return 1.0;
    int64_t now = s->o.now != INT64_MIN ? s->o.now : s->stats.max_date;
    if (date == INT64_MIN)
        date = s->stats.min_date;
    if (now == INT64_MIN || date == INT64_MIN)
        return 1.0;
    double age = (double)now - (double)date;
    if (age < 0)
        age = 0;
    return pow(0.5, age / s->o.half_life);
}

/* ---- MaxScore: ranked OR of plain terms, skipping what cannot win ---- */

/* A TERM leaf may match a word in two forms, its plain term and its capital
 * form, scored by term_it as one word: tf summed, one idf (see synonym()).
 * MaxScore keeps such a word as one of its lists: the union of the forms'
 * postings, so its contribution, its bound and the summation order stay
 * those of the exhaustive evaluator. */
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
    it *gen;           /* a phrase: its own iterator, which scores it (cur unused) */
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
 * is at least that pair's length, so tf_part of the pairs' tfs summed at
 * the larger of their lengths bounds it (tf_part grows with tf and shrinks
 * with length).  Every combination, a form's block left out included, is
 * tried: with one form this is the largest tf_part of its impacts. */
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
            double v = tf_part(s, tf, len, m->field);
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
static int ms_collect(const plan *p, const plan **out, size_t *n, size_t cap)
{
    if (p->type == P_TERM) {
        if (p->field == BYL_F_BODY || p->nterms > MS_FORMS || *n == cap)
            return 0;
        out[(*n)++] = p;
        return 1;
    }
    if (p->type == P_PHRASE) {
        if (*n == cap)
            return 0;
        out[(*n)++] = p;
        return 1;
    }
    if (p->type != P_GROUP && p->type != P_OR)
        return 0;
    for (size_t i = 0; i < p->nkids; i++) {
        const plan *k = p->kids[i];
        if (p->type == P_GROUP && k->role != BYL_ROLE_SHOULD)
            return 0;
        if (k->type == P_OR || k->type == P_GROUP) {
            if (!ms_collect(k, out, n, cap))
                return 0;
        } else if (k->type == P_NONE) {
            continue;
        } else if ((k->type != P_TERM && k->type != P_PHRASE) || !ms_collect(k, out, n, cap)) {
            return 0;
        }
    }
    return 1;
}

/* m's contribution to its current document, of field lengths lens:
 * term_score's formula with the word's tf (its forms summed), or the
 * phrase's own score. */
static inline double ms_score(const byl_searcher *s, ms_term *m, const uint32_t *lens)
{
    if (m->gen)
        return m->gen->score(m->gen);
    return m->bonus + m->idf * tf_part(s, m->tf, lens[m->field], m->field);
}

static int cmp_ub(const void *a, const void *b)
{
    const ms_term *x = *(ms_term *const *)a, *y = *(ms_term *const *)b;
    return x->ub < y->ub ? -1 : x->ub > y->ub;
}

/* Scores one segment by MaxScore, its lists in store (room for nleaves).  Adds hits to
 * the heap; returns the number of documents fully scored, or -1 on error
 * (s->rc set). */
static long maxscore_run(byl_searcher *s, ms_term *store, const plan **leaves, size_t nleaves,
                         size_t si, size_t k, arena *ar)
{
    ms_term *t[64]; /* the lists present, sorted by bound (pointers: a term is large) */
    double cum[64], contrib[64];
    size_t n = 0;
    ctx c = {.s = s, .seg = s->segs[si].seg, .segi = si,
             .ndocs = byl_segment_stats(s->segs[si].seg)->ndocs, .lens_doc = BYL_END};
    double k1 = s->o.k1, b = s->o.b;
    for (size_t i = 0; i < nleaves; i++) {
        const plan *lp = leaves[i];
        ms_term *m = t[n] = &store[n];
        m->ncur = 0;
        m->gen = NULL;
        if (lp->type == P_PHRASE) {
            /* the oracle's iterator, scoring as it does; its bound: a
             * phrase occurs no more often than its rarest word */
            it *g = instantiate(&c, ar, lp);
            if (!g)
                return s->rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory evaluating "
                                                           "the query"), -1;
            if (c.rc)
                return s->rc = c.rc, -1;
            if (g->doc == BYL_END)
                continue; /* a word of it is absent, or it never occurs here */
            const phrase_it *ph = (const phrase_it *)g;
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
            m->ub = ph->bonus + ph->idf * mt * (k1 + 1.0) / (mt + k1 * (1.0 - b));
            n++;
            continue;
        }
        double mt = 0; /* no document has a larger tf than the forms' largest summed */
        for (size_t f = 0; f < lp->nterms; f++) {
            const pterm *pt = &lp->terms[f];
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
        m->idf = lp->terms[0].idf; /* one idf for the word, as term_it has */
        m->bonus = lp->bonus;
        m->field = lp->field;
        m->order = i;
        m->bb_last = 0;
        m->ub = m->bonus + m->idf * mt * (k1 + 1.0) / (mt + k1 * (1.0 - b));
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
        /* term_score's formula, with the word's tf (its forms summed) */
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
        /* the exhaustive evaluator's summation order, for identical scores */
        double ordered[64], score = 0;
        for (size_t i = 0; i < nleaves; i++)
            ordered[i] = 0;
        for (size_t i = 0; i < n; i++)
            ordered[t[i]->order] = contrib[i];
        for (size_t i = 0; i < nleaves; i++)
            score += ordered[i];
        score *= decay(s, date);
        if (s->nhits == k && score <= theta)
            continue; /* a later document never wins a tie */
        byl_hit h = {.score = score, .ix = s->segs[si].ix, .seg = s->segs[si].segno, .doc = d,
                     .gdoc = s->segs[si].base + d, .date = date};
        if (k)
            heap_push(s->hits, &s->nhits, k, &h, s->o.sort);
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
static long maxscore_segment(byl_searcher *s, const plan **leaves, size_t nleaves, size_t si, size_t k)
{
    ms_term *t = byl_malloc(nleaves * sizeof *t);
    if (!t) {
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        return -1;
    }
    arena a = {0}; /* the phrases' iterators */
    long r = maxscore_run(s, t, leaves, nleaves, si, k, &a);
    arena_free(&a);
    byl_free(t);
    return r;
}

/* ---- explanations ---- */

static void explain_plan(byl_searcher *s, const plan *p, size_t si, uint32_t doc, byl_buf *out)
{
    if (p->role == BYL_ROLE_NOT)
        return;
    if (p->type == P_GROUP || p->type == P_OR) {
        for (size_t i = 0; i < p->nkids; i++)
            explain_plan(s, p->kids[i], si, doc, out);
        return;
    }
    if (p->type != P_TERM && p->type != P_PHRASE)
        return;
    ctx c = {.s = s, .seg = s->segs[si].seg, .segi = si,
             .ndocs = byl_segment_stats(s->segs[si].seg)->ndocs, .lens_doc = BYL_END};
    arena a = {0};
    it *i = instantiate(&c, &a, p);
    if (i && i->doc < doc)
        i->advance(i, doc);
    if (i && i->doc == doc && !c.rc) {
        double sc = i->score(i), dl = doc_len(&c, doc, p->field);
        double tf = p->type == P_TERM ? (p->field == BYL_F_BODY ? ((term_it *)i)->body_tf
                                                                 : ((term_it *)i)->tf)
                                      : ((phrase_it *)i)->freq;
        char line[600], what[400] = "";
        const char *fname = p->field == BYL_F_BODY ? "body" : byl_field_name(p->field);
        double idf = 0;
        size_t at = 0;
        for (size_t k = 0; k < p->nterms && at < sizeof what - 1; k++) {
            /* a term and its capital form are one word: term|CAPITALS */
            int n = snprintf(what + at, sizeof what - at, "%s%.*s",
                             !k ? "" : p->type == P_TERM ? "|" : " ",
                             (int)p->terms[k].keylen - 1, (const char *)p->terms[k].key + 1);
            at += n > 0 ? (size_t)n : 0;
            if (p->alts && p->alts[k].keylen && at < sizeof what - 1) {
                n = snprintf(what + at, sizeof what - at, "|%.*s", (int)p->alts[k].keylen - 1,
                             (const char *)p->alts[k].key + 1);
                at += n > 0 ? (size_t)n : 0;
            }
            if (p->type == P_PHRASE || k == 0)
                idf += p->terms[k].idf * (p->type == P_PHRASE ? p->scale : 1.0);
        }
        char bonus[64] = "";
        if (p->bonus > 0)
            snprintf(bonus, sizeof bonus, "  name bonus %.4f", p->bonus);
        snprintf(line, sizeof line, "%s:%s%s%s  %s %.0f  idf %.4f  length %.0f (average %.1f)%s  = %.4f\n",
                 fname, p->type == P_PHRASE ? "\"" : "", what, p->type == P_PHRASE ? "\"" : "",
                 p->type == P_PHRASE ? "phrase freq" : "tf", tf, idf, dl, s->avgdl[p->field], bonus,
                 sc);
        byl_buf_put(out, line, strlen(line));
    }
    arena_free(&a);
}

int byl_search_explain(byl_searcher *s, const byl_hit *h, byl_buf *out)
{
    out->len = 0;
    if (!s->plan)
        return BYL_OK;
    size_t si = 0;
    while (si < s->nsegs && !(s->segs[si].ix == h->ix && s->segs[si].segno == h->seg))
        si++;
    if (si == s->nsegs)
        return byl_error_set(BYL_EINVAL, "hit is not from this searcher");
    explain_plan(s, s->plan, si, h->doc, out);
    if (s->o.half_life > 0) {
        int64_t date = INT64_MIN;
        byl_segment_doc_info(s->segs[si].seg, h->doc, &date, NULL);
        char line[160];
        snprintf(line, sizeof line, "recency: x %.4f (half-life %.1f days)\n", decay(s, date),
                 s->o.half_life / 86400.0);
        byl_buf_put(out, line, strlen(line));
    }
    byl_buf_put_u8(out, 0);
    out->len--;
    return out->failed ? byl_error_set(BYL_ENOMEM, "out of memory explaining") : BYL_OK;
}

/* ---- public ---- */

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
    o->now = INT64_MIN;
}

int byl_searcher_new(byl_index **indexes, size_t n, byl_searcher **out)
{
    *out = NULL;
    byl_searcher *s = byl_calloc(1, sizeof *s);
    if (!s)
        return byl_error_set(BYL_ENOMEM, "out of memory");
    s->ixs = indexes;
    s->nix = n;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += byl_index_nsegments(indexes[i]);
    s->segs = byl_calloc(total ? total : 1, sizeof *s->segs);
    int rc = s->segs ? byl_analyzer_new(&s->an) : BYL_ENOMEM;
    if (rc) {
        byl_searcher_free(s);
        return rc == BYL_ENOMEM ? byl_error_set(BYL_ENOMEM, "out of memory") : rc;
    }
    uint64_t base = 0;
    for (size_t i = 0; i < n; i++) {
        const byl_segstats *st = byl_index_stats(indexes[i]);
        if (i && st->title_weight != s->stats.title_weight) {
            byl_searcher_free(s);
            return byl_error_set(BYL_EINVAL, "indexes built with different title weights "
                                 "cannot be searched together");
        }
        s->stats.title_weight = st->title_weight;
        s->stats.nterms += st->nterms;
        s->stats.ndeleted += st->ndeleted;
        for (int f = 0; f < BYL_NFIELDS; f++)
            s->stats.total_len[f] += st->total_len[f];
        for (size_t j = 0; j < byl_index_nsegments(indexes[i]); j++) {
            segref *r = &s->segs[s->nsegs++];
            r->seg = byl_index_segment(indexes[i], j);
            r->ix = (uint32_t)i;
            r->segno = (uint32_t)j;
            r->base = base;
            base += byl_segment_stats(r->seg)->ndocs;
        }
    }
    if (base > UINT32_MAX) {
        byl_searcher_free(s);
        return byl_error_set(BYL_ELIMIT, "more than 4 billion articles in all");
    }
    s->stats.ndocs = (uint32_t)base;
    s->stats.min_date = s->stats.max_date = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        const byl_segstats *st = byl_index_stats(indexes[i]);
        if (st->min_date != INT64_MIN &&
            (s->stats.min_date == INT64_MIN || st->min_date < s->stats.min_date))
            s->stats.min_date = st->min_date;
        if (st->max_date != INT64_MIN &&
            (s->stats.max_date == INT64_MIN || st->max_date > s->stats.max_date))
            s->stats.max_date = st->max_date;
    }
    uint64_t nlive = base - s->stats.ndeleted;
    for (int f = 0; f < BYL_NFIELDS; f++)
        s->avgdl[f] = nlive ? (double)s->stats.total_len[f] / (double)nlive : 0;
    s->avgdl[BYL_F_BODY] =
        nlive ? ((double)s->stats.total_len[BYL_F_TEXT] -
                 (double)s->stats.title_weight * (double)s->stats.total_len[BYL_F_TITLE]) / (double)nlive
              : 0;
    *out = s;
    return BYL_OK;
}

void byl_searcher_free(byl_searcher *s)
{
    if (!s)
        return;
    byl_prf_free(s->prf);
    byl_analyzer_free(s->an);
    byl_free(s->segs);
    byl_free(s->hits);
    byl_free(s->qterms);
    plan_free(s->plan);
    byl_free(s);
}

const byl_segstats *byl_searcher_stats(const byl_searcher *s) { return &s->stats; }

byl_index *const *byl_searcher_indexes(const byl_searcher *s, size_t *n)
{
    *n = s->nix;
    return s->ixs;
}

const byl_qterm *byl_search_terms(const byl_searcher *s, size_t *n)
{
    *n = s->nqterms;
    return s->qterms;
}

byl_segment *byl_searcher_segment(const byl_searcher *s, const byl_hit *h)
{
    return byl_index_segment(s->ixs[h->ix], h->seg);
}

/* The matches of a ranked OR whose leaves MaxScore collected, each told
 * to o->on_match, without scoring them: the union of the leaves' documents, gathered list by list
 * into a bitmap per segment (no iterator tree, no per-document merge),
 * then counted and told to on_match in document order.  A quarter of a
 * million matches at a million articles took 20 ms through the iterators. */
static uint64_t count_union(byl_searcher *s, const plan **leaves, size_t nleaves,
                            const byl_search_opts *o)
{
    uint64_t matches = 0;
    for (size_t si = 0; si < s->nsegs && !s->rc; si++) {
        ctx c = {.s = s, .seg = s->segs[si].seg, .segi = si,
                 .ndocs = byl_segment_stats(s->segs[si].seg)->ndocs, .lens_doc = BYL_END};
        size_t nw = ((size_t)c.ndocs + 63) / 64;
        uint64_t *bits = byl_calloc(nw ? nw : 1, sizeof *bits);
        if (!bits) {
            s->rc = byl_error_set(BYL_ENOMEM, "out of memory counting the matches");
            break;
        }
        arena a = {0};
        for (size_t i = 0; i < nleaves && !c.rc; i++) {
            const plan *lp = leaves[i];
            if (lp->type == P_PHRASE) {
                it *g = instantiate(&c, &a, lp);
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
        arena_free(&a);
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

/* Evaluates plan p over every segment into the top-k heap (s->hits,
 * unsorted), by MaxScore where o allows it, else exhaustively; *matches
 * gets the documents that matched (a lower bound under MaxScore).  Errors
 * are left in s->rc. */
static void evaluate(byl_searcher *s, const plan *p, const byl_search_opts *o, size_t k,
                     uint64_t *matches_out)
{
    uint64_t matches = 0;
    const plan *leaves[64];
    size_t nleaves = 0;
    int need_date = o->sort != BYL_SORT_SCORE || o->half_life > 0;
    if (!o->exhaustive && o->sort == BYL_SORT_SCORE && ms_collect(p, leaves, &nleaves, 64) &&
        nleaves) {
        for (size_t si = 0; k && si < s->nsegs && !s->rc; si++) {
            long m = maxscore_segment(s, leaves, nleaves, si, k);
            if (m > 0)
                matches += (uint64_t)m;
        }
        /* The number of matches, or every match told to on_match, costs
         * one walk of the union without scoring: no field lengths read, no
         * pages of them checked (scoring every match made a search from
         * the shell, which prints the total, as slow as the oracle). */
        if (!s->rc && (o->count_total || o->on_match || !k))
            matches = count_union(s, leaves, nleaves, o);
        *matches_out = matches;
        return;
    }
    for (size_t si = 0; si < s->nsegs && !s->rc; si++) {
        ctx c = {.s = s, .seg = s->segs[si].seg, .segi = si,
                 .ndocs = byl_segment_stats(s->segs[si].seg)->ndocs, .lens_doc = BYL_END};
        arena a = {0};
        it *root = instantiate(&c, &a, p);
        if (!root) {
            s->rc = c.rc ? c.rc : byl_error_set(BYL_ENOMEM, "out of memory evaluating the query");
        } else {
            for (uint32_t d = root->doc; d != BYL_END && !c.rc;) {
                /* with no hits asked for (--count), matches are only counted */
                byl_hit h = {.score = k ? root->score(root) : 0, .ix = s->segs[si].ix,
                             .seg = s->segs[si].segno, .doc = d,
                             .gdoc = s->segs[si].base + d, .date = INT64_MIN};
                if (need_date && k) {
                    if (byl_segment_doc_info(c.seg, d, &h.date, NULL)) {
                        c.rc = BYL_ECORRUPT;
                        break;
                    }
                    h.score *= decay(s, h.date);
                }
                matches++;
                if (o->on_match)
                    o->on_match(o->on_match_ctx, s->segs[si].ix, s->segs[si].segno, d);
                if (k)
                    heap_push(s->hits, &s->nhits, k, &h, s->o.sort);
                if (d + 1 == BYL_END)
                    break;
                d = root->advance(root, d + 1);
            }
            if (c.rc)
                s->rc = c.rc;
        }
        arena_free(&a);
    }
    *matches_out = matches;
}

/* ---- pseudo-relevance feedback: the query plus RM3 terms (query/prf.h) ---- */

/* An expansion term more common than this share of the articles says
 * nothing about the topic ("said", "year"); one in a single article (a
 * feedback document's own typo or name) cannot bring in anything. */
#define PRF_MAX_DF_SHARE 0.1

static int prf_keep(void *arg, int field, const char *term, size_t len)
{
    byl_searcher *s = arg;
    uint64_t df = term_df(s, field, term, len);
    double N = (double)s->stats.ndocs - (double)s->stats.ndeleted;
    return df >= 2 && (double)df <= PRF_MAX_DF_SHARE * N;
}

/* Words of the query as RM3 counts them: its term and phrase clauses on
 * the article's text (source:, author: and id: say nothing of a topic). */
static size_t query_words(const plan *p)
{
    if (p->type == P_TERM || p->type == P_PHRASE)
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
 * query, in place (query then required).  s->hits is left empty.  BYL_OK
 * or s->rc. */
static int feedback(byl_searcher *s, plan *query, plan *root, const byl_search_opts *o)
{
    size_t nq = query_words(query);
    if (!nq || (double)s->stats.ndocs - (double)s->stats.ndeleted < (double)o->prf_min_docs)
        return BYL_OK;
    byl_search_opts first = *o;
    first.k = o->prf_docs;
    first.count_total = 0;  /* only the best matter: MaxScore where it applies */
    first.on_match = NULL;
    first.sort = BYL_SORT_SCORE;
    first.half_life = 0;
    s->o = first;
    s->nhits = 0;
    uint64_t m;
    evaluate(s, root, &first, first.k, &m);
    s->o = *o;
    if (s->rc)
        return s->rc;
    if (!s->nhits)
        return BYL_OK;
    qsort_r(s->hits, s->nhits, sizeof *s->hits, cmp_hits, &first.sort);
    if (!s->prf && byl_prf_new(s->an, &s->prf))
        return s->rc = BYL_ENOMEM;
    byl_prf_reset(s->prf);
    double sum = 0;
    for (size_t i = 0; i < s->nhits; i++)
        sum += s->hits[i].score > 0 ? s->hits[i].score : 0;
    for (size_t i = 0; i < s->nhits && sum > 0; i++) {
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
    s->nhits = 0;
    const byl_prf_term *t;
    size_t nt;
    if (byl_prf_select(s->prf, o->prf_terms, prf_keep, s, &t, &nt))
        return s->rc = BYL_ENOMEM;
    size_t noted = s->nqterms;
    double lambda = o->prf_weight;
    if (!nt || lambda >= 1.0)
        return BYL_OK;
    if (lambda <= 0)
        lambda = 1e-6; /* the terms alone, as far as ranking goes */
    /* the query moves down into a new group, required: the terms reorder
     * its matches and never add any, so the count and every filter of the
     * query stay as typed (bringing in articles with none of the query's
     * words changed no measure at depth 1000: docs/PERFORMANCE.md) */
    plan *inner = plan_new(s, P_NONE);
    if (!inner)
        return s->rc;
    *inner = *query;
    memset(query, 0, sizeof *query);
    query->type = P_GROUP;
    query->role = inner->role;
    query->scale = 1.0;
    inner->role = BYL_ROLE_MUST;
    if (plan_add_kid(s, query, inner))
        return s->rc;
    for (size_t i = 0; i < nt && !s->rc; i++) {
        plan *e = term_plan(s, t[i].field, t[i].term, t[i].len);
        if (!e)
            break;
        if (e->type == P_TERM)
            e->terms[0].idf *= (1.0 - lambda) / lambda * (double)nq * t[i].weight;
        e->role = BYL_ROLE_SHOULD;
        plan_add_kid(s, query, e);
    }
    s->nqterms = noted; /* expansion terms are not highlighted */
    return s->rc;
}

/* Notes how the words of q are written (s->qc), for reading capitals. */
static void query_case(byl_searcher *s, const byl_qnode *q)
{
    if ((q->type == BYL_Q_WORD || q->type == BYL_Q_PHRASE) && q->field != BYL_F_ID) {
        for (size_t i = 0; i < q->text_len;) {
            while (i < q->text_len && blank(q->text[i]))
                i++;
            size_t j = i;
            while (j < q->text_len && !blank(q->text[j]))
                j++;
            int c = byl_text_cases(q->text + i, j - i);
            s->qc.lower |= (c & BYL_CASE_LOWER) != 0;
            if (c && s->qc.nwords < 2)
                s->qc.nwords++;
            i = j;
        }
    }
    for (size_t i = 0; i < q->nkids; i++)
        query_case(s, q->kids[i]);
}

int byl_search(byl_searcher *s, const byl_qnode *q, const byl_search_opts *o,
               const byl_hit **hits, size_t *nhits, uint64_t *total)
{
    *hits = NULL;
    *nhits = 0;
    *total = 0;
    s->o = *o;
    s->rc = 0;
    s->nqterms = 0;
    plan_free(s->plan);
    s->plan = NULL;
    s->nhits = 0;
    size_t k = o->k;
    size_t cap = k > o->prf_docs ? k : o->prf_docs;
    if (cap > s->hits_cap) {
        byl_hit *h = byl_realloc(s->hits, cap * sizeof *h);
        if (!h)
            return byl_error_set(BYL_ENOMEM, "out of memory for %zu results", cap);
        s->hits = h;
        s->hits_cap = cap;
    }
    s->qc.lower = 0;
    s->qc.nwords = 0;
    query_case(s, q);
    plan *p = build(s, q, o->all_required ? BYL_ROLE_MUST : BYL_ROLE_SHOULD);
    if (!p)
        return s->rc ? s->rc : byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    plan *query = p; /* what feedback expands, inside any date filter */
    /* --since/--until are a date filter beside the query */
    if (o->since != INT64_MIN || o->until != INT64_MAX) {
        plan *g = plan_new(s, P_GROUP), *d = plan_new(s, P_DATE);
        if (!g || !d) {
            plan_free(g);
            plan_free(d);
            plan_free(p);
            return s->rc;
        }
        d->lo = o->since;
        d->hi = o->until;
        d->role = BYL_ROLE_MUST;
        p->role = BYL_ROLE_MUST;
        plan_add_kid(s, g, p);
        plan_add_kid(s, g, d);
        p = g;
    }
    if (o->prf_docs && k && o->sort == BYL_SORT_SCORE && feedback(s, query, p, o)) {
        s->plan = p;
        return s->rc;
    }
    uint64_t matches = 0;
    evaluate(s, p, o, k, &matches);
    s->plan = p;
    if (s->rc)
        return s->rc;
    if (s->nhits > 1)
        qsort_r(s->hits, s->nhits, sizeof *s->hits, cmp_hits, &s->o.sort);
    *hits = s->hits;
    *nhits = s->nhits;
    *total = matches;
    return BYL_OK;
}
