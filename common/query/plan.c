/*
 * plan.c - turns a parsed query into a plan (_plan.h): terms looked up once
 * in every segment with their global document frequencies and idf, phrases,
 * prefixes, fields (id:, tag:, name:, title:, body:), groups, ORs and date
 * filters.
 *
 * Which forms a word is looked for in, which words are left out and which
 * names are added is rewrite.c's say; this file builds what it decides.
 *
 * Not for: evaluating a plan (cursor.c and the algorithms).
 */
#include "query/_plan.h"

#include <string.h>

#include "index/idkey.h"
#include "query/_search.h"
#include "query/bm25.h"
#include "query/qstats.h"
#include "text/analyzer.h"
#include "text/words.h"
#include "util/err.h"
#include "util/mem.h"

/* Terms a prefix expands to, at most. */
#define MAX_PREFIX_TERMS BYL_QSTATS_MAX_PREFIX

void byl_plan_free(byl_plan *p)
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
        byl_plan_free(p->kids[i]);
    byl_free(p->kids);
    byl_free(p);
}

byl_plan *byl_plan_new(byl_searcher *s, int type)
{
    byl_plan *p = byl_calloc(1, sizeof *p);
    if (!p && !s->rc)
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
    if (p) {
        p->type = type;
        p->scale = 1.0;
    }
    return p;
}

int byl_plan_add_kid(byl_searcher *s, byl_plan *p, byl_plan *k)
{
    byl_plan **kids = byl_realloc(p->kids, (p->nkids + 1) * sizeof *kids);
    if (!kids) {
        byl_plan_free(k);
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

/* The error of a search whose injected statistics lack a key. */
static int missing(byl_searcher *s, const char *what, const uint8_t *key, size_t keylen)
{
    return s->rc = byl_error_set(BYL_ESTATS, "the statistics given lack the %s \"%.*s\" of "
                                 "field %u: collect again with them, merge, and search with "
                                 "those", what, (int)(keylen - 1), (const char *)key + 1,
                                 (unsigned)key[0]);
}

/* Where statistics are noted (byl_search_collect) or injected (opts.stats):
 * notes t's local df, and gives t the global one (which the decisions and
 * the idf then follow).  Collecting, a key the injected statistics lack
 * keeps its local df; searching, it is BYL_ESTATS. */
static int global_df(byl_searcher *s, byl_pterm *t)
{
    if (s->qout && byl_qstats_note_df(s->qout, t->key, t->keylen, t->df))
        return s->rc = BYL_ENOMEM;
    if (s->qin) {
        uint64_t g;
        if (byl_qstats_df(s->qin, t->key, t->keylen, &g) == BYL_OK)
            t->df = g;
        else if (!s->qout)
            return missing(s, "term", t->key, t->keylen);
    }
    return BYL_OK;
}

/* Looks key up in every segment; fills t. */
int byl_plan_lookup(byl_searcher *s, byl_pterm *t, const uint8_t *key, size_t keylen)
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
    if ((s->qout || s->qin) && global_df(s, t))
        return s->rc;
    /* live articles only, so deletions leave the scores of a rebuilt index */
    double N = (double)s->stats->ndocs - (double)s->stats->ndeleted, df = (double)t->df;
    t->idf = byl_bm25_idf(N, df);
    return BYL_OK;
}

/* The field byte of the postings a field is searched in: body: is the
 * part of TEXT after the title. */
static int key_field(int field) { return field == BYL_F_BODY ? BYL_F_TEXT : field; }

byl_plan *byl_plan_term(byl_searcher *s, int field, const char *term, size_t len)
{
    uint8_t key[BYL_MAX_KEY];
    size_t keylen = len + 1;
    if (field == BYL_F_ID && len) {
        keylen = byl_idkey(term, len, key); /* a long id has a hashed key */
    } else {
        if (len + 1 > BYL_MAX_KEY)
            return byl_plan_new(s, BYL_P_NONE);
        key[0] = (uint8_t)key_field(field);
        memcpy(key + 1, term, len);
    }
    byl_plan *p = byl_plan_new(s, BYL_P_TERM);
    if (!p)
        return NULL;
    p->field = field;
    p->terms = byl_calloc(1, sizeof *p->terms);
    if (!p->terms) {
        byl_plan_free(p);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    p->nterms = 1;
    if (byl_plan_lookup(s, &p->terms[0], key, keylen)) {
        byl_plan_free(p);
        return NULL;
    }
    note_qterm(s, field, key, keylen, p->terms[0].df, p->terms[0].idf);
    return p;
}

/* Terms found for a prefix. */
typedef struct { uint8_t k[BYL_MAX_KEY]; size_t n; } kbuf;

/* Collecting: notes the first MAX_PREFIX_TERMS live keys under key (of
 * every segment, in key order, as the union of the shards is cut) and
 * adds them to found, with the injected statistics' expansion if they
 * have one: every key either may take gets its df noted. */
static void collect_prefix(byl_searcher *s, const uint8_t *key, size_t keylen, kbuf *found,
                           size_t *nfound)
{
    byl_qkey *keys = byl_malloc(MAX_PREFIX_TERMS * sizeof *keys);
    if (!keys) {
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return;
    }
    if (byl_qstats_note_prefix(s->qout, key, keylen, NULL, 0))
        s->rc = BYL_ENOMEM;
    for (size_t i = 0; i < s->nsegs && !s->rc; i++) {
        byl_dictiter it;
        size_t n = 0;
        if (byl_dictiter_seek(&it, s->segs[i].seg, key, keylen)) {
            s->rc = it.err ? it.err : BYL_ECORRUPT;
            break;
        }
        while (!it.eof && n < MAX_PREFIX_TERMS && it.keylen >= keylen &&
               memcmp(it.key, key, keylen) == 0) {
            if (it.info.df > it.info.ndel) {
                memcpy(keys[n].key, it.key, it.keylen);
                keys[n++].keylen = it.keylen;
            }
            if (byl_dictiter_next(&it)) {
                s->rc = it.err;
                break;
            }
        }
        if (!s->rc && byl_qstats_note_prefix(s->qout, key, keylen, keys, n))
            s->rc = BYL_ENOMEM;
    }
    byl_free(keys);
    const byl_qstats *from[2] = {s->qout, s->qin};
    for (int w = 0; w < 2 && !s->rc; w++) {
        const byl_qkey *g;
        size_t ng;
        if (!from[w] || byl_qstats_prefix(from[w], key, keylen, &g, &ng))
            continue;
        for (size_t j = 0; j < ng; j++) {
            int dup = 0;
            for (size_t m = 0; m < *nfound && !dup; m++)
                dup = found[m].n == g[j].keylen && memcmp(found[m].k, g[j].key, g[j].keylen) == 0;
            if (!dup) {
                memcpy(found[*nfound].k, g[j].key, g[j].keylen);
                found[(*nfound)++].n = g[j].keylen;
            }
        }
    }
}

/* Every term of field starting with prefix, as an OR of terms. */
static byl_plan *prefix_plan(byl_searcher *s, int field, const char *pre, size_t len)
{
    byl_plan *o = byl_plan_new(s, BYL_P_OR);
    if (!o)
        return NULL;
    uint8_t key[BYL_MAX_KEY];
    if (len + 1 > BYL_MAX_KEY)
        return o;
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, pre, len);
    /* collect distinct keys over all segments (small, bounded) */
    /* collecting, the local and the injected expansions (and two cut terms) */
    kbuf *found = byl_calloc(s->qout ? 2 * MAX_PREFIX_TERMS + 2 : MAX_PREFIX_TERMS, sizeof *found);
    size_t nfound = 0;
    int cut_off = 0; /* more live keys than MAX_PREFIX_TERMS */
    if (!found) {
        byl_plan_free(o);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    /* Index terms are stemmed ("ByteDance" is stored as byted), so a prefix
     * also takes the terms it itself begins with, when they are at most two
     * characters shorter: bytedan* finds byted. */
    for (size_t cut = 1; cut <= 2 && len - cut >= 4 && len > cut; cut++) {
        if (s->qin || s->qout) {
            /* the df that decides is the global one, and is noted */
            if (byl_plan_term_df(s, field, pre, len - cut)) {
                memcpy(found[nfound].k, key, len + 1 - cut);
                found[nfound++].n = len + 1 - cut;
            }
            continue;
        }
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
    if (s->qout && !s->rc) {
        collect_prefix(s, key, len + 1, found, &nfound);
    } else if (s->qin && !s->rc) {
        /* the expansion of every shard, united and cut as one index cuts */
        const byl_qkey *g = NULL;
        size_t ng = 0;
        if (byl_qstats_prefix(s->qin, key, len + 1, &g, &ng))
            missing(s, "prefix", key, len + 1);
        for (size_t j = 0; j < ng && !s->rc && nfound < MAX_PREFIX_TERMS; j++) {
            memcpy(found[nfound].k, g[j].key, g[j].keylen);
            found[nfound++].n = g[j].keylen;
        }
        cut_off |= ng >= MAX_PREFIX_TERMS; /* the shards' union was cut, or may have been */
    }
    for (size_t i = 0; i < s->nsegs && !s->rc && !s->qin && !s->qout; i++) {
        byl_dictiter it;
        if (byl_dictiter_seek(&it, s->segs[i].seg, key, len + 1)) {
            s->rc = it.err ? it.err : BYL_ECORRUPT;
            break;
        }
        while (!it.eof && it.keylen >= len + 1 && memcmp(it.key, key, len + 1) == 0) {
            int dup = 0;
            for (size_t j = 0; j < nfound && !dup; j++)
                dup = found[j].n == it.keylen && memcmp(found[j].k, it.key, it.keylen) == 0;
            if (!dup && it.info.df > it.info.ndel) {
                if (nfound < MAX_PREFIX_TERMS) {
                    memcpy(found[nfound].k, it.key, it.keylen);
                    found[nfound++].n = it.keylen;
                } else {
                    cut_off = 1;
                }
            }
            if (byl_dictiter_next(&it)) {
                s->rc = it.err;
                break;
            }
        }
    }
    s->prefix_cut += (uint32_t)cut_off;
    for (size_t j = 0; j < nfound && !s->rc; j++) {
        byl_plan *t = byl_plan_term(s, field, (const char *)found[j].k + 1, found[j].n - 1);
        if (t)
            byl_plan_add_kid(s, o, t);
    }
    byl_free(found);
    if (s->rc) {
        byl_plan_free(o);
        return NULL;
    }
    return o;
}

/* Undoes the note_qterm of a term that was looked up but not used. */
static void unnote(byl_searcher *s, const byl_pterm *t)
{
    if (s->nqterms && strlen(s->qterms[s->nqterms - 1].term) == t->keylen - 1 &&
        memcmp(s->qterms[s->nqterms - 1].term, t->key + 1, t->keylen - 1) == 0)
        s->nqterms--;
}

/* An OR of a word's plain phrase and its capital form of fewer terms. */
static byl_plan *alt_or(byl_searcher *s, byl_plan *p, byl_plan *a)
{
    byl_plan *o = byl_plan_new(s, BYL_P_OR);
    if (!o) {
        byl_plan_free(p);
        byl_plan_free(a);
        return NULL;
    }
    byl_plan_add_kid(s, o, p);
    byl_plan_add_kid(s, o, a);
    return o;
}

/* Makes term plan p match a's term too, as the same word (tf summed, one
 * idf); frees a.  On failure returns p as it was. */
static byl_plan *synonym(byl_searcher *s, byl_plan *p, byl_plan *a)
{
    byl_pterm *t = byl_realloc(p->terms, 2 * sizeof *t);
    if (!t) {
        byl_plan_free(a);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return p;
    }
    p->terms = t;
    p->terms[1] = a->terms[0];
    p->nterms = 2;
    a->nterms = 0; /* its term is p's now */
    byl_plan_free(a);
    return p;
}

/* One slot: its term, or its term and its capital form as one word where
 * the index holds that as the word's usual form (byl_rewrite_widens()). */
static byl_plan *slot_plan(byl_searcher *s, int field, const byl_slot *sl)
{
    if (sl->acronym_only)
        return byl_plan_term(s, field, sl->a, sl->al);
    byl_plan *p = byl_plan_term(s, field, sl->t, sl->tl);
    if (!p || !sl->al || p->type != BYL_P_TERM)
        return p;
    byl_plan *a = byl_plan_term(s, field, sl->a, sl->al);
    if (!a || a->type != BYL_P_TERM || !byl_rewrite_widens(&p->terms[0], &a->terms[0], sl->marked)) {
        if (a && a->type == BYL_P_TERM)
            unnote(s, &a->terms[0]);
        byl_plan_free(a);
        return p;
    }
    byl_rewrite_blend(s, &p->terms[0], &a->terms[0], sl->marked);
    return synonym(s, p, a);
}

/* Looks a slot's term up into t (field byte first). */
static int lookup_term(byl_searcher *s, byl_pterm *t, int field, const char *term, size_t len)
{
    uint8_t key[BYL_MAX_KEY];
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, term, len);
    if (byl_plan_lookup(s, t, key, len + 1))
        return s->rc;
    note_qterm(s, field, key, len + 1, t->df, t->idf);
    return BYL_OK;
}

static void pterm_clear(byl_pterm *t)
{
    byl_free(t->info);
    byl_free(t->present);
    memset(t, 0, sizeof *t);
}

/* The slots as a phrase; a slot with a capital form the index holds
 * matches either at its position. */
static byl_plan *phrase_plan(byl_searcher *s, int field, const byl_slot *sl, size_t n, int slop)
{
    byl_plan *p = byl_plan_new(s, BYL_P_PHRASE);
    if (!p)
        return NULL;
    p->field = field;
    p->slop = slop;
    p->terms = byl_calloc(n, sizeof *p->terms);
    p->alts = byl_calloc(n, sizeof *p->alts);
    p->relpos = byl_calloc(n, sizeof *p->relpos);
    if (!p->terms || !p->alts || !p->relpos) {
        byl_plan_free(p);
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
        if (!byl_rewrite_widens(&p->terms[k], &p->alts[k], sl[k].marked)) {
            unnote(s, &p->alts[k]);
            pterm_clear(&p->alts[k]);
        } else {
            byl_rewrite_blend(s, &p->terms[k], &p->alts[k], sl[k].marked);
        }
    }
    if (s->rc) {
        byl_plan_free(p);
        return NULL;
    }
    return p;
}

/* Documents of term in field (0 when the index does not hold it). */
uint64_t byl_plan_term_df(byl_searcher *s, int field, const char *term, size_t len)
{
    byl_pterm t = {0};
    uint8_t key[BYL_MAX_KEY];
    key[0] = (uint8_t)key_field(field);
    memcpy(key + 1, term, len);
    byl_plan_lookup(s, &t, key, len + 1);
    uint64_t df = t.df;
    pterm_clear(&t);
    return df;
}

/* A run typed as one word: a term, or a phrase of its terms, OR its capital
 * form of fewer terms (at&t: at t, or AT&T) where the index holds it. */
static byl_plan *run_plan(byl_searcher *s, int field, const byl_wordset *ws, const byl_run *r)
{
    byl_plan *p = r->n == 1 ? slot_plan(s, field, &ws->sl[r->first])
                        : phrase_plan(s, field, &ws->sl[r->first], r->n, 0);
    if (!p || !r->wl)
        return p;
    byl_plan *a = byl_plan_term(s, field, r->whole, r->wl);
    if (!a || a->type != BYL_P_TERM || a->terms[0].df == 0) {
        if (a && a->type == BYL_P_TERM)
            unnote(s, &a->terms[0]);
        byl_plan_free(a);
        return p;
    }
    return alt_or(s, p, a);
}

/* Plans the words of a WORD (bare, no spaces) or PHRASE node.  A bare word
 * is a term, a phrase where the analyzer joins its parts ("U.S.-China",
 * "字节跳动"), or, where punctuation alone parts it, a group of those with
 * role kid_role each.  A phrase is the phrase of all its words' terms. */
static byl_plan *words_plan(byl_searcher *s, int field, const char *text, size_t len, int slop,
                        int prefix, int phrase, int kid_role)
{
    if (field == BYL_F_ID)
        return byl_plan_term(s, field, text, len);
    if (field == BYL_F_TAG) {
        /* the whole tag, one key as the indexer makes it (index/idkey.h:
         * a long one hashed); scored as id: is, a field of length 1, since
         * TAG has no length column (format.h) */
        uint8_t key[BYL_MAX_KEY];
        size_t n = byl_tagkey(text, len, key);
        byl_plan *p = n ? byl_plan_term(s, BYL_F_TAG, (const char *)key + 1, n - 1)
                        : byl_plan_new(s, BYL_P_NONE);
        if (p && n)
            p->field = BYL_F_ID;
        return p;
    }
    if (field == BYL_F_NAME) {
        /* an entity key from the unstemmed words, each as written between
         * spaces ("Jean-Claude" stays one word, as the index keeps it) */
        const char *words[BYL_MAX_PHRASE];
        size_t lens[BYL_MAX_PHRASE], nw = 0;
        char norm[BYL_MAX_PHRASE][BYL_MAX_KEY];
        size_t legal_at = (size_t)-1; /* nw when the last legal form was left out */
        for (size_t i = 0; i < len && nw < BYL_MAX_PHRASE;) {
            while (i < len && (text[i] == ' ' || text[i] == '\t'))
                i++;
            size_t j = i;
            while (j < len && text[j] != ' ' && text[j] != '\t')
                j++;
            /* a legal form written with a slash (A/S, P/F) is no word
             * of the key, as the index reads it (text/entity.c) */
            /* and so is one written with dots (A.Ş., s.r.o.) or a
             * country's letter in brackets ((T) Ltd) */
            /* and one known by its shape alone, as the name's last word
             * after another (Sh.p.k., B.S.C.; initials open a name: R.K.) */
            size_t k = j;
            while (k < len && (text[k] == ' ' || text[k] == '\t'))
                k++;
            if (j > i && byl_entity_slash_form(text + i, j - i) != BYL_SLASH_LEGAL &&
                !byl_entity_legal_written(text + i, j - i) &&
                !(nw > 0 && k == len && byl_entity_legal_shape(text + i, j - i))) {
                size_t n = byl_normalize_word(s->an, text + i, j - i, norm[nw], sizeof norm[nw]);
                if (n) {
                    words[nw] = norm[nw];
                    lens[nw++] = n;
                }
            } else if (j > i) {
                legal_at = nw;
            }
            i = j;
        }
        /* Poland's "sp. z o.o." (and "sp. z o.o. sp.k."): the words
         * before its dotted end are the form's too, as the index reads
         * it (text/entity.c keeps none of them in the key) */
        if (legal_at == nw && nw >= 3 && lens[nw - 1] == 1 && words[nw - 1][0] == 'z' && lens[nw - 2] == 2 &&
            !memcmp(words[nw - 2], "sp", 2))
            nw -= 2;
        /* a leading "the" is no word of a name the index keys ("The Korea
         * Daybreak", "The New York Times": The opens no name in
         * text/entity.c), as the list of names leaves it out too */
        size_t lead = nw >= 2 && lens[0] == 3 && !memcmp(words[0], "the", 3);
        /* nor is a person's Jr. or Sr. at its end (Gerardo Pangilinan
         * Jr.: the index keys the name without it) */
        while (nw > lead + 2 && lens[nw - 1] == 2 && words[nw - 1][1] == 'r' &&
               (words[nw - 1][0] == 'j' || words[nw - 1][0] == 's'))
            nw--;
        char key[BYL_MAX_KEY];
        size_t kl = nw ? byl_entity_key(words + lead, lens + lead, nw - lead, key, sizeof key - 1) : 0;
        if (!kl)
            return byl_plan_new(s, BYL_P_NONE);
        byl_plan *p = byl_plan_term(s, field, key, kl);
        /* a country's acronym before a body's name ("U.S. Food and Drug
         * Administration") is no word of the name the index found after
         * it: when the whole is no key, the name without it is asked */
        if (p && p->type == BYL_P_TERM && p->terms[0].df == 0 && nw - lead >= 3 &&
            byl_word_in(BYL_WL_COUNTRY_ACRONYM, words[lead], lens[lead])) {
            size_t k2 = byl_entity_key(words + lead + 1, lens + lead + 1, nw - lead - 1, key, sizeof key - 1);
            if (k2) {
                unnote(s, &p->terms[0]);
                byl_plan_free(p);
                p = byl_plan_term(s, field, key, k2);
            }
        }
        return p;
    }
    byl_wordset *ws = byl_malloc(sizeof *ws);
    if (!ws) {
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return NULL;
    }
    ws->nsl = ws->nrn = 0;
    for (size_t i = 0; i < len && !s->rc;) {
        while (i < len && byl_query_blank(text[i]))
            i++;
        size_t j = i;
        while (j < len && !byl_query_blank(text[j]))
            j++;
        if (j > i)
            byl_rewrite_word(s, text + i, j - i, ws);
        i = j;
    }
    byl_plan *p = NULL;
    if (s->rc) {
        p = NULL;
    } else if (ws->nsl == 0) {
        p = byl_plan_new(s, BYL_P_NONE);
    } else if (ws->nsl == 1 && prefix) {
        /* the prefix as typed (normalized, not stemmed: "bytedan" is not a
         * word to stem) */
        char pre[BYL_MAX_KEY];
        size_t pl = byl_normalize_word(s->an, text, len, pre, sizeof pre - 1);
        p = pl ? prefix_plan(s, field, pre, pl) : prefix_plan(s, field, ws->sl[0].t, ws->sl[0].tl);
    } else if (phrase) {
        /* one phrase of every run, each run's whole capital form in place
         * of its terms where the index holds it (AT&T, not at t) */
        byl_slot *all = byl_malloc(BYL_MAX_PHRASE * sizeof *all);
        size_t n = 0;
        if (!all) {
            s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        } else {
            for (size_t r = 0; r < ws->nrn && !s->rc; r++) {
                const byl_run *rn = &ws->rn[r];
                if (rn->wl && byl_plan_term_df(s, field, rn->whole, rn->wl)) {
                    byl_slot *sl = &all[n++];
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
        p = byl_plan_new(s, BYL_P_GROUP);
        for (size_t r = 0; p && r < ws->nrn && !s->rc; r++) {
            byl_plan *k = run_plan(s, field, ws, &ws->rn[r]);
            if (k) {
                k->role = kid_role;
                byl_plan_add_kid(s, p, k);
            }
        }
    }
    byl_free(ws);
    if (s->rc) {
        byl_plan_free(p);
        return NULL;
    }
    return p;
}

/* The plan of q.  Two defaults, apart: role is what a plain clause q
 * takes in its parent (SHOULD under an OR: its kids are alternatives),
 * and_role what the clauses within q take from each other, the same at
 * every depth (--and: MUST).  They were one: an OR passed SHOULD down, and
 * the words of "(oil gas) OR yen" became optional under --and (round 29). */
static byl_plan *build(byl_searcher *s, const byl_qnode *q, int default_role, int and_role)
{
    byl_plan *p = NULL;
    int field = q->field >= 0 ? q->field : BYL_F_TEXT;
    /* the parts of a word parted by punctuation are required as the word's
     * neighbours would be: "oil-gas" is oil and gas under --and, even as
     * one side of an OR */
    int kid_role = q->role == BYL_ROLE_MUST || (q->role == BYL_ROLE_SHOULD && and_role == BYL_ROLE_MUST)
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
        if ((p = byl_plan_new(s, BYL_P_DATE))) {
            p->lo = q->date_lo;
            p->hi = q->date_hi;
        }
        break;
    case BYL_Q_GROUP:
    case BYL_Q_OR:
        p = byl_plan_new(s, q->type == BYL_Q_OR ? BYL_P_OR : BYL_P_GROUP);
        for (size_t i = 0; p && i < q->nkids && !s->rc; i++) {
            if (byl_rewrite_dropped(s, q, i, and_role)) {
                /* an empty clause keeps kids and query words aligned for byl_rewrite_names */
                byl_plan *k = byl_plan_new(s, BYL_P_NONE);
                if (k) {
                    k->role = BYL_ROLE_SHOULD;
                    byl_plan_add_kid(s, p, k);
                }
                continue;
            }
            byl_plan *k = build(s, q->kids[i], q->type == BYL_Q_OR ? BYL_ROLE_SHOULD : and_role,
                                and_role);
            if (k)
                byl_plan_add_kid(s, p, k);
        }
        if (p && !s->rc && q->type == BYL_Q_GROUP && p->nkids == q->nkids)
            byl_rewrite_names(s, q, p);
        break;
    }
    if (!p)
        return NULL;
    if (s->rc) {
        byl_plan_free(p);
        return NULL;
    }
    p->role = q->role;
    if (p->role == BYL_ROLE_SHOULD && (default_role == BYL_ROLE_MUST || p->type == BYL_P_DATE))
        p->role = BYL_ROLE_MUST; /* --and, and date filters */
    return p;
}

byl_plan *byl_plan_build(byl_searcher *s, const byl_qnode *q, int default_role)
{
    return build(s, q, default_role, default_role);
}
