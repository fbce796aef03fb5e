/*
 * rewrite.c - the query-time rewriting of words: how a word typed in
 * lower case, Title Case or capitals finds its plain term and its capital
 * form (acronyms), the "us"/"it" rule for function words typed as
 * acronyms, the punctuation of prose that parts a word, the stop words
 * left out of long queries, and the names adjacent words form.
 *
 * Case does not change what a word matches (docs/QUERY.md, "Case").  A
 * word is analyzed twice: its lower-case copy gives its plain terms
 * (PRICES -> price) and its upper-case copy the capital forms the index may
 * hold it as (acronyms: OPEC, AT&T).  It matches its plain term, and its
 * capital form too where that is the word's usual form in the index
 * (byl_rewrite_widens()): alike in lower case, Title Case and capitals.
 * The two count as one word (tf summed, one idf).  Capitals are a sign only
 * in a query that also has lower-case letters (or in a query of one word):
 * there a word typed in capitals matches its capital form however rare, and
 * weighs what that form does alone; and a function word typed as an
 * acronym means the acronym alone (US is never the pronoun us).
 *
 * Not for: building plans (plan.c) or scoring (bm25.h).
 */
#include "query/_plan.h"

#include <string.h>

#include "query/_search.h"
#include "query/bm25.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "text/words.h"
#include "util/err.h"
#include "util/mem.h"

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
    return byl_word_acronym_function(w, n);
}

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
 * ws (up to BYL_MAX_PHRASE slots).  Returns BYL_OK or sets s->rc. */
int byl_rewrite_word(byl_searcher *s, const char *w, size_t len, byl_wordset *ws)
{
    size_t cap = 2 * len + 8; /* a case mapping may lengthen a character */
    char *low = byl_malloc(cap), *up = byl_malloc(cap);
    tokv *pt = byl_malloc(2 * BYL_MAX_PHRASE * sizeof *pt), *at = pt ? pt + BYL_MAX_PHRASE : NULL;
    uint32_t spans[BYL_MAX_PHRASE][2];
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
    if (ll == 0 || analyze_terms(s, low, ll, pt, &np, spans, &nspans, BYL_MAX_PHRASE))
        np = 0;
    for (size_t i = 0; i < np && ws->nsl < BYL_MAX_PHRASE && !s->rc;) {
        /* the run of terms from i: touching, or under one stacked whole */
        size_t j = i + 1;
        for (; j < np; j++) {
            int joined = !prose_gap(low, pt[j - 1].end, pt[j].start);
            for (size_t k = 0; k < nspans && !joined; k++)
                joined = spans[k][0] <= pt[j - 1].start && spans[k][1] >= pt[j].end;
            if (!joined)
                break;
        }
        byl_run *r = &ws->rn[ws->nrn++];
        r->first = ws->nsl;
        r->n = 0;
        r->wl = 0;
        r->marked = marked;
        for (size_t k = i; k < j && ws->nsl < BYL_MAX_PHRASE; k++) {
            byl_slot *sl = &ws->sl[ws->nsl++];
            memcpy(sl->t, pt[k].t, pt[k].tl);
            sl->tl = pt[k].tl;
            sl->al = 0;
            sl->marked = marked;
            sl->acronym_only = 0;
            r->n++;
        }
        /* the capital forms of the run: one each, or one for the whole */
        size_t ul = byl_text_case_map(low + pt[i].start, pt[j - 1].end - pt[i].start, 1, up, cap);
        if (ul && !analyze_terms(s, up, ul, at, &na, NULL, NULL, BYL_MAX_PHRASE)) {
            if (na == r->n) {
                for (size_t k = 0; k < na; k++) {
                    byl_slot *sl = &ws->sl[r->first + k];
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

/* A word and its capital form count as one word: its idf is that of the
 * documents with either (at most all of them), and its tf the two summed.
 * Typed in capitals as a sign, the word weighs what its capital form does
 * alone (a rarer form: more). */
void byl_rewrite_blend(byl_searcher *s, byl_pterm *t, byl_pterm *a, int marked)
{
    double N = (double)s->stats->ndocs - (double)s->stats->ndeleted;
    double df = (double)t->df + (double)a->df;
    if (df > N)
        df = N;
    double idf = marked ? a->idf : byl_bm25_idf(N, df);
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
int byl_rewrite_widens(const byl_pterm *t, const byl_pterm *a, int marked)
{
    return a->df > 0 && (marked || a->df >= t->df);
}

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
static int word_slot(const byl_plan *kp, const byl_pterm **t, const byl_pterm **alt)
{
    if (kp && kp->type == BYL_P_TERM) {
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
static void add_name_phrase(byl_searcher *s, byl_plan *p, size_t i, size_t len, double bonus,
                            double scale)
{
    byl_plan *ph = byl_plan_new(s, BYL_P_PHRASE);
    if (!ph)
        return;
    ph->field = BYL_F_TEXT;
    ph->terms = byl_calloc(len, sizeof *ph->terms);
    ph->alts = byl_calloc(len, sizeof *ph->alts);
    ph->relpos = byl_calloc(len, sizeof *ph->relpos);
    if (!ph->terms || !ph->alts || !ph->relpos) {
        byl_plan_free(ph);
        s->rc = byl_error_set(BYL_ENOMEM, "out of memory planning the query");
        return;
    }
    ph->nterms = len;
    for (size_t k = 0; k < len && !s->rc; k++) {
        const byl_pterm *src = NULL, *alt = NULL;
        word_slot(p->kids[i + k], &src, &alt);
        ph->relpos[k] = (uint32_t)k;
        if (!byl_plan_lookup(s, &ph->terms[k], src->key, src->keylen))
            ph->terms[k].idf = src->idf;
        if (alt && !byl_plan_lookup(s, &ph->alts[k], alt->key, alt->keylen))
            ph->alts[k].idf = src->idf;
    }
    ph->bonus = bonus * scale;
    ph->scale = scale;
    ph->role = BYL_ROLE_SHOULD;
    byl_plan_add_kid(s, p, ph);
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
void byl_rewrite_names(byl_searcher *s, const byl_qnode *q, byl_plan *p)
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
                const byl_pterm *t, *alt;
                if (word_slot(i + k < p->nkids ? p->kids[i + k] : NULL, &t, &alt))
                    bonus += byl_bm25_ceiling(&s->bm, t->idf);
                else
                    all_terms = 0;
            }
            byl_plan *ent = NULL;
            char key[BYL_MAX_KEY];
            size_t kl = byl_entity_key(words, lens, len, key, sizeof key - 1);
            if (kl) {
                ent = byl_plan_term(s, BYL_F_NAME, key, kl);
                if (!ent)
                    return;
                if (ent->terms[0].df == 0) {
                    byl_plan_free(ent);
                    ent = NULL;
                    s->nqterms--; /* not a name here: do not highlight byl_iter */
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
                byl_plan_free(ent);
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
                byl_plan_add_kid(s, p, ent);
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
    /* without the punctuation of prose around it ("it?", "'a", «to»,
     * ¿to, 「to」, to·): a query's punctuation is not part of its words
     * (docs/QUERY.md), so whatever is not a letter, digit or mark by its
     * Unicode category, in any script, is set aside at either end */
    while (n) {
        int32_t cp;
        size_t k = byl_utf8_decode((const uint8_t *)w, n, &cp);
        if (byl_text_has_word(w, k))
            break;
        w += k, n -= k;
    }
    while (n) {
        size_t k = 1; /* the last code point: back over continuation bytes */
        while (k < n && k < 4 && ((unsigned char)w[n - k] & 0xC0) == 0x80)
            k++;
        int32_t cp;
        if (byl_utf8_decode((const uint8_t *)w + n - k, k, &cp) != k)
            k = 1; /* invalid UTF-8: a byte on its own, no word */
        if (byl_text_has_word(w + n - k, k))
            break;
        n -= k;
    }
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return byl_word_query_stop(low, n);
}

/* Kid i of a ranked group is a function word to leave out: the group is a
 * long query (more than six words, as for names), the word is an optional
 * plain word, and some other word of the group is not a function word.
 * Short queries keep every word: there each was typed on purpose ("the
 * who"). */
int byl_rewrite_dropped(const byl_searcher *s, const byl_qnode *q, size_t i, int default_role)
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

/* Notes how the words of q are written (s->qc), for reading capitals. */
void byl_rewrite_case(byl_searcher *s, const byl_qnode *q)
{
    if ((q->type == BYL_Q_WORD || q->type == BYL_Q_PHRASE) && q->field != BYL_F_ID) {
        for (size_t i = 0; i < q->text_len;) {
            while (i < q->text_len && byl_query_blank(q->text[i]))
                i++;
            size_t j = i;
            while (j < q->text_len && !byl_query_blank(q->text[j]))
                j++;
            int c = byl_text_cases(q->text + i, j - i);
            s->qc.lower |= (c & BYL_CASE_LOWER) != 0;
            if (c && s->qc.nwords < 2)
                s->qc.nwords++;
            i = j;
        }
    }
    for (size_t i = 0; i < q->nkids; i++)
        byl_rewrite_case(s, q->kids[i]);
}
